"""The dataset grows safely: union of runs, idempotent, no duplicate rows, atomic, locked, clean after a kill.

Batches here are the project's own text renderings of the sample plan (fast
to read), copied into folders as a user's would be.
"""

from __future__ import annotations

import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, ROOT

from actionplans.pipeline.discover import ManifestError, discover, read_manifest
from actionplans.pipeline.ingest import ingest, load
from actionplans.pipeline.schema import TABLES
from actionplans.pipeline.store import STORE, Store, StoreBusy, StoreError, compact

TEXTS = [ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.txt", *sorted((FIXTURES / "plans").glob("*.txt"))]


def folder(tmp_path: Path, name: str, files: list[Path]) -> Path:
    src = tmp_path / name
    src.mkdir()
    for f in files:
        shutil.copy(f, src / f.name)
    return src


def sources(out: Path) -> list[str]:
    return sorted(d["source"] for d in load(out)["documents"].to_pylist())


def snapshot(out: Path) -> dict[str, list[dict[str, object]]]:
    """Every table's rows, in a fixed order."""
    tables = load(out)
    return {name: sorted(t.to_pylist(), key=repr) for name, t in tables.items()}


def test_runs_add_up_and_an_empty_folder_changes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a = folder(tmp_path, "a", TEXTS[:2])
    b = folder(tmp_path, "b", TEXTS[2:])
    ingest(a, out)
    ingest(b, out)
    assert sources(out) == sorted(p.name for p in TEXTS)
    actions = load(out)["actions"].num_rows
    before = snapshot(out)
    ingest(folder(tmp_path, "empty", []), out)
    assert snapshot(out) == before and load(out)["actions"].num_rows == actions


def test_the_same_run_twice_gives_identical_tables(tmp_path: Path) -> None:
    out = tmp_path / "out"
    src = folder(tmp_path, "a", TEXTS)
    ingest(src, out)
    first = snapshot(out)
    ingest(src, out)
    assert snapshot(out) == first
    ingest(src, out, force=True)
    assert snapshot(out) == first


def test_identical_files_under_two_paths_never_duplicate_rows(tmp_path: Path) -> None:
    src = folder(tmp_path, "a", TEXTS[:1])
    (src / "copy").mkdir()
    shutil.copy(TEXTS[0], src / "copy" / TEXTS[0].name)
    out = tmp_path / "out"
    for _ in range(3):
        ingest(src, out)
    docs = load(out)["documents"].to_pylist()
    assert len(docs) == 2 and len({d["doc_id"] for d in docs}) == 2
    per_doc = [a["doc_id"] for a in load(out)["actions"].to_pylist()]
    assert sorted(per_doc.count(d["doc_id"]) for d in docs) == [21, 21]


def test_a_changed_file_replaces_its_rows_and_prune_drops_what_is_gone(tmp_path: Path) -> None:
    src = folder(tmp_path, "a", TEXTS[:2])
    out = tmp_path / "out"
    ingest(src, out)
    text = src / TEXTS[0].name
    text.write_text(text.read_text(encoding="utf-8").replace("place summit", "borough summit"), encoding="utf-8")
    ingest(src, out)
    docs = {d["doc_id"]: d["source"] for d in load(out)["documents"].to_pylist()}
    mine = [a["text"] for a in load(out)["actions"].to_pylist() if docs[a["doc_id"]] == TEXTS[0].name]
    assert len(mine) == 21 and any("borough summit" in t for t in mine) and not any("place summit" in t for t in mine)
    assert len(docs) == 2
    (src / TEXTS[1].name).unlink()
    ingest(src, out)
    assert sources(out) == sorted([TEXTS[0].name, TEXTS[1].name])  # kept: the dataset is a union
    ingest(src, out, prune=True)
    assert sources(out) == [TEXTS[0].name]
    assert {a["doc_id"] for a in load(out)["actions"].to_pylist()} == {load(out)["documents"][0][0].as_py()}


def test_many_runs_compact(tmp_path: Path) -> None:
    out = tmp_path / "out"
    for n, path in enumerate(TEXTS):
        ingest(folder(tmp_path, f"run{n}", [path]), out)
    parts = list((out / "actions.parquet").glob("*.parquet"))
    assert len(parts) == len(TEXTS)
    before = snapshot(out)
    assert compact(out)
    assert len(list((out / "actions.parquet").glob("*.parquet"))) == 1
    assert snapshot(out) == before


def test_a_second_writer_is_refused_and_leftovers_are_cleaned(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(folder(tmp_path, "a", TEXTS[:1]), out)
    with Store(out), pytest.raises(StoreBusy, match="being written by another ingest"), Store(out):
        pass
    # what a killed run leaves: a half-built version, a temporary link, a checkpoint cut short
    (out / STORE / "000099.tmp" / "actions.parquet").mkdir(parents=True)
    (out / STORE / "current.tmp").symlink_to("versions/000099")
    (out / STORE / "done" / ".abc.123").mkdir(parents=True)
    before = snapshot(out)
    with Store(out):
        pass
    left = sorted(p.name for p in (out / STORE).iterdir())
    assert left == ["current", "done", "hashes.json", "lock", "versions"]
    assert not list((out / STORE / "done").iterdir())
    assert snapshot(out) == before


def test_files_follow_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        out = tmp_path / "out"
        ingest(folder(tmp_path, "a", TEXTS[:1]), out)
    finally:
        os.umask(old)
    for part in (out / "actions.parquet").glob("*.parquet"):
        assert stat.S_IMODE(part.stat().st_mode) == 0o644


def test_out_problems_are_found_before_any_extraction(tmp_path: Path) -> None:
    src = folder(tmp_path, "a", TEXTS[:1])
    (tmp_path / "file").write_text("x")
    with pytest.raises(StoreError, match="is a file"):
        ingest(src, tmp_path / "file")
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        if os.access(locked, os.W_OK):
            pytest.skip("running as a user who can write anywhere (root): permissions are not enforced")
        with pytest.raises(StoreError, match="not writable"):
            ingest(src, locked / "out")
    finally:
        locked.chmod(0o700)


def test_out_inside_src_is_not_read_and_links_out_of_src_are_not_followed(tmp_path: Path) -> None:
    src = folder(tmp_path, "a", TEXTS[:1])
    outside = tmp_path / "elsewhere.txt"
    shutil.copy(TEXTS[1], outside)
    (src / "link.txt").symlink_to(outside)
    out = src / "parquet"
    ingest(src, out)
    ingest(src, out)  # its own Parquet is not ingested the second time either
    assert sources(out) == [TEXTS[0].name]
    files, manifest = discover(src, exclude=out)
    assert [f.name for f in files] == [TEXTS[0].name]
    assert any("link.txt links to" in w and "not read" in w for w in manifest.warnings)


def test_an_unreadable_file_is_a_status_row_and_the_batch_goes_on(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("running as root: a file without read permission is still readable")
    src = folder(tmp_path, "a", TEXTS[:2])
    (src / TEXTS[1].name).chmod(0)
    summary = ingest(src, tmp_path / "out")
    docs = {d["source"]: d for d in load(tmp_path / "out")["documents"].to_pylist()}
    assert docs[TEXTS[1].name]["status"] == "unreadable" and docs[TEXTS[0].name]["status"] == "ok"
    assert summary.statuses["unreadable"] == 1


def test_a_vanished_file_is_a_status_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import actionplans.pipeline.discover as module

    src = folder(tmp_path, "a", TEXTS[:2])
    real = module.sha256_of

    def vanishing(path: Path) -> str:
        if path.name == TEXTS[1].name:
            path.unlink()
        return real(path)

    monkeypatch.setattr(module, "sha256_of", vanishing)
    ingest(src, tmp_path / "out")
    docs = {d["source"]: d for d in load(tmp_path / "out")["documents"].to_pylist()}
    assert docs[TEXTS[1].name]["status"] == "unreadable" and "could not be read" in docs[TEXTS[1].name]["message"]


def _hashed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files ingest reads to hash, from now on."""
    import actionplans.pipeline.discover as module

    names: list[str] = []
    real = module.sha256_of

    def counted(path: Path) -> str:
        names.append(path.name)
        return real(path)

    monkeypatch.setattr(module, "sha256_of", counted)
    return names


def test_a_re_run_reads_only_the_files_whose_stat_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A file whose size, times and inode are as when it was hashed is not read again; one rewritten to the
    same size with its old modification time put back is (its change time moved), and is extracted again."""
    import actionplans.pipeline.discover as module

    monkeypatch.setattr(module, "RACY_SECONDS", 0)  # the files were just written: no waiting out the window
    src, out = folder(tmp_path, "a", TEXTS[:3]), tmp_path / "out"
    hashed = _hashed(monkeypatch)
    ingest(src, out)
    assert sorted(hashed) == sorted(p.name for p in TEXTS[:3])
    hashed.clear()
    summary = ingest(src, out)
    assert hashed == [] and summary.skipped == 3
    plan = src / TEXTS[0].name
    before = plan.stat()
    text = plan.read_text(encoding="utf-8")
    plan.write_text(text.replace("a", "e", 1), encoding="utf-8")  # same size, other bytes
    os.utime(plan, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert plan.stat().st_size == before.st_size and plan.stat().st_mtime_ns == before.st_mtime_ns
    summary = ingest(src, out)
    assert hashed == [plan.name] and summary.skipped == 2
    ingest(src, out, force=True)  # --force reads everything again
    assert sorted(hashed) == sorted([plan.name, *(p.name for p in TEXTS[:3])])


def test_a_file_changed_just_before_it_was_hashed_is_hashed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Within RACY_SECONDS of its last change a file's stat is not trusted: a second write so soon may leave
    its times as they were.  A store whose remembered hashes cannot be read hashes everything."""
    src, out = folder(tmp_path, "a", TEXTS[:2]), tmp_path / "out"
    hashed = _hashed(monkeypatch)
    ingest(src, out)
    hashed.clear()
    ingest(src, out)  # at once: the files were written a moment ago
    assert sorted(hashed) == sorted(p.name for p in TEXTS[:2])
    (out / STORE / "hashes.json").write_text("{not json", encoding="utf-8")
    hashed.clear()
    assert ingest(src, out).skipped == 2 and len(hashed) == 2


def test_bad_manifest_rows_are_named_by_line(tmp_path: Path) -> None:
    manifest = tmp_path / "sources.csv"
    manifest.write_text("file,council\na.pdf,Fareham Borough Council,extra,cells\n", encoding="utf-8")
    assert any("line 2: 2 cell(s) more than the header" in w for w in read_manifest(manifest).warnings)
    manifest.write_bytes(b"file,council\na.pdf,Caf\xe9 Council\n")
    with pytest.raises(ManifestError, match=r"line 2: bytes that are not UTF-8"):
        read_manifest(manifest)


def test_an_older_single_file_dataset_is_taken_over(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(folder(tmp_path, "a", TEXTS[:1]), out)
    tables = load(out)
    legacy = tmp_path / "legacy"
    legacy.mkdir()
    for name, table in tables.items():
        pq.write_table(table.drop_columns(["origin"]) if name == "documents" else table, legacy / f"{name}.parquet")
    shutil.copy(TEXTS[1], tmp_path / "a" / TEXTS[1].name)  # a plan published since
    ingest(tmp_path / "a", legacy)  # the folder the old dataset came from: its documents replaced, not doubled
    assert (legacy / "actions.parquet").is_symlink()
    assert sources(legacy) == sorted([TEXTS[0].name, TEXTS[1].name])
    assert load(legacy)["actions"].num_rows == 42


KILL_RUNS = 10
SIGNALS = (signal.SIGKILL, signal.SIGTERM, signal.SIGKILL, signal.SIGINT)
"""Mostly ``kill -9``; also a plain ``kill`` and Ctrl-C, which must leave no worker either."""


@pytest.mark.parametrize("jobs", [1, 2])
def test_killed_at_random_points_a_rerun_gives_the_clean_dataset(tmp_path: Path, jobs: int) -> None:
    """Kill an ingest at ten points (of 20 in all), re-run it, and compare with a clean run."""
    src = folder(tmp_path, "a", TEXTS)
    clean = tmp_path / "clean"
    ingest(src, clean)
    want = snapshot(clean)
    command = [
        sys.executable,
        "-m",
        "actionplans.pipeline",
        "ingest",
        str(src),
        "--out",
        str(tmp_path / "out"),
        "--no-progress",
    ]
    command += ["--jobs", str(jobs)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for n in range(KILL_RUNS):
        out = tmp_path / "out"
        shutil.rmtree(out, ignore_errors=True)
        if n % 2:
            subprocess.run(command, env=env, check=True, capture_output=True)  # a finished dataset, killed on re-run
        process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(0.4 + 0.45 * n)
        process.send_signal(SIGNALS[n % len(SIGNALS)])
        process.wait()
        assert not _alive(str(tmp_path / "out")), "processes of the killed run outlived it"
        assert not _alive(f"actionplans.pipeline.worker\0--parent\0{process.pid}\0"), (
            "workers outlived their killed parent"
        )
        subprocess.run(command, env=env, check=True, capture_output=True)
        assert snapshot(out) == want, f"run {n}"
        assert sorted(p.name for p in (out / STORE).iterdir() if p.name != "done") == [
            "current",
            "hashes.json",
            "lock",
            "versions",
        ]
        assert not list((out / STORE / "done").iterdir()) if (out / STORE / "done").exists() else True


def _alive(marker: str, wait: float = 5.0) -> list[int]:
    """Processes (other than this one) whose command line holds ``marker``, after up to ``wait`` seconds."""
    deadline = time.monotonic() + wait
    while True:
        alive = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit() or int(entry.name) == os.getpid():
                continue
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="ignore") + "\0"
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in cmdline and state != "Z":
                alive.append(int(entry.name))
        if not alive or time.monotonic() > deadline:
            return alive
        time.sleep(0.2)


def test_every_table_is_read_at_its_old_path(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(folder(tmp_path, "a", TEXTS[:2]), out)
    ingest(folder(tmp_path, "b", TEXTS[2:3]), out)
    for name in TABLES:
        assert pq.read_table(out / f"{name}.parquet").num_rows == load(out)[name].num_rows


def test_an_unchanged_rerun_reads_only_the_index(tmp_path: Path) -> None:
    """Deciding that nothing changed needs neither pyarrow nor an extractor: the index says it all."""
    src, out = folder(tmp_path, "a", TEXTS[:2]), tmp_path / "out"
    ingest(src, out)
    code = (
        "import sys; from pathlib import Path; from pipeline.ingest import ingest; "
        f"s = ingest(Path({str(src)!r}), Path({str(out)!r})); "
        "print(s.skipped, sorted(m for m in ('pyarrow', 'extractors', 'spacy', 'pdfplumber') if m in sys.modules))"
    )
    run = subprocess.run([sys.executable, "-c", code], env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True)
    assert run.stdout.decode().split(maxsplit=1) == ["2", "[]\n"], run.stderr.decode()


def test_the_index_agrees_with_the_documents_table(tmp_path: Path) -> None:
    out = tmp_path / "out"
    a = folder(tmp_path, "a", TEXTS[:3])
    ingest(a, out)
    ingest(folder(tmp_path, "b", TEXTS[3:]), out)
    (a / TEXTS[0].name).write_text(TEXTS[0].read_text(encoding="utf-8") + "\nA line added.\n", encoding="utf-8")
    (a / TEXTS[1].name).unlink()
    ingest(a, out, prune=True)
    documents = load(out)["documents"].to_pylist()
    with Store(out) as store:
        index = store.index()
    assert sorted(index) == sorted(d["origin"] for d in documents)
    for d in documents:
        assert index[d["origin"]]["doc_id"] == d["doc_id"] and index[d["origin"]]["fingerprint"] == d["fingerprint"]


def test_a_version_without_an_index_is_indexed_from_its_documents_table(tmp_path: Path) -> None:
    src, out = folder(tmp_path, "a", TEXTS[:2]), tmp_path / "out"
    ingest(src, out)
    (out / STORE / "current" / "index.json").unlink()  # as a dataset written before versions had an index
    before = snapshot(out)
    assert ingest(src, out).skipped == 2
    ingest(folder(tmp_path, "b", TEXTS[2:3]), out)
    assert snapshot(out)["documents"] != before["documents"] and len(sources(out)) == 3


def test_a_checkpoint_gives_back_the_rows_it_kept(tmp_path: Path) -> None:
    """Rows kept over a kill (JSON, dates tagged) publish as the rows themselves do; a checkpoint cut short
    is removed (its document is redone); a folder of Parquet files, as earlier versions kept one, is read."""
    from actionplans.pipeline import arrays, parts
    from actionplans.pipeline.ingest import _rows
    from actionplans.pipeline.process import process_document

    plan = ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.pdf"
    rows = _rows(process_document(plan, plan.parent))
    rows["actions"][0]["extra"] = {"$date": "2025-03-31"}  # a header printed so is no tagged date
    assert any(r.get("due_end") for r in rows["actions"]), "the sample has dates to round-trip"
    out = tmp_path / "out"
    with Store(out) as store:
        store.checkpoint("new", rows)
        old = out / STORE / "done" / "old"
        old.mkdir()
        for name in TABLES:
            parts.write_rows(old / f"{name}.parquet", name, rows.get(name, []))
        (out / STORE / "done" / "cut.json").write_text('{"documents": [{"doc_id": "x"', "utf-8")
        kept = store.checkpoints()
    assert sorted(kept) == ["new", "old"]
    assert not (out / STORE / "done" / "cut.json").exists()
    for key in kept:
        for name in TABLES:
            got = arrays.table(kept[key][name], TABLES[name])
            assert got.equals(arrays.table(rows.get(name, []), TABLES[name])), (key, name)
    with Store(out) as store:
        store.drop_checkpoints(["new", "old"])
    assert not list((out / STORE / "done").iterdir())


def test_the_remembered_hashes_forget_gone_files_keep_other_folders_and_survive_a_bad_entry(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import json

    import actionplans.pipeline.discover as module

    monkeypatch.setattr(module, "RACY_SECONDS", 0)
    out = tmp_path / "out"
    a, b = folder(tmp_path, "a", TEXTS[:2]), folder(tmp_path, "b", TEXTS[2:3])
    ingest(a, out)
    ingest(b, out)
    cache = out / STORE / "hashes.json"
    assert len(json.loads(cache.read_text())) == 3
    ingest(b, out, force=True)  # reads b again, and keeps a's
    assert len(json.loads(cache.read_text())) == 3
    (a / TEXTS[0].name).unlink()
    ingest(a, out, prune=True)
    assert sorted(Path(o).name for o in json.loads(cache.read_text())) == sorted([TEXTS[1].name, TEXTS[2].name])
    cache.write_text(json.dumps(dict.fromkeys(json.loads(cache.read_text()), 0)))  # entries of the wrong shape
    hashed = _hashed(monkeypatch)
    assert ingest(a, out).skipped == 1 and hashed == [TEXTS[1].name]
