"""Every document is bounded: past its time or memory limit, or when its worker dies, it becomes a status row
and the batch goes on.  Hostile files are written here by the tests themselves.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
import zlib
from pathlib import Path

import pytest
from conftest import ROOT

from actionplans.pipeline.discover import sha256_of
from actionplans.pipeline.ingest import ingest, load
from actionplans.pipeline.worker import GIB, Job, Limits, Pool

SAMPLE = ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.txt"
SAMPLE_ACTIONS = 21


def _job(path: Path) -> Job:
    return Job(path, path.parent, None, sha256_of(path) if path.is_file() else "")


def _workers() -> list[int]:
    """Live worker processes started by this test process."""
    marker = f"actionplans.pipeline.worker\0--parent\0{os.getpid()}\0"
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().decode(errors="ignore") + "\0"
                state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
            except OSError:
                continue
            if marker in cmdline and state != "Z":
                found.append(int(entry.name))
    return found


def _statuses(out: Path) -> dict[str, dict[str, object]]:
    return {d["source"]: d for d in load(out)["documents"].to_pylist()}


@pytest.fixture
def stalled(tmp_path: Path) -> Path:
    """A file whose reading never ends: a FIFO no one writes to (as a stalled network mount would behave)."""
    path = tmp_path / "stalled.txt"
    os.mkfifo(path)
    return path


def test_a_document_past_its_time_limit_is_stopped_and_the_next_one_is_read(tmp_path: Path, stalled: Path) -> None:
    with Pool(1, Limits(seconds=8)) as pool:
        outputs = dict(pool.run([_job(stalled), _job(SAMPLE)]))
        assert len(_workers()) <= 1, "the worker that passed its deadline was killed"
    assert outputs[0].document["status"] == "timeout"
    assert "8 s limit" in outputs[0].document["message"]
    assert outputs[1].document["status"] == "ok" and len(outputs[1].actions) == SAMPLE_ACTIONS
    assert not _workers(), "no worker outlives its pool"


def test_a_worker_that_dies_is_replaced_and_its_document_is_crashed(stalled: Path) -> None:
    def kill_workers() -> None:
        deadline = time.monotonic() + 30
        while not (pids := _workers()) and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.5)
        for pid in pids:
            os.kill(pid, signal.SIGKILL)  # as the kernel's out-of-memory killer would

    killer = threading.Thread(target=kill_workers)
    killer.start()
    with Pool(1, Limits(seconds=60)) as pool:
        outputs = dict(pool.run([_job(stalled), _job(SAMPLE)]))
    killer.join()
    assert outputs[0].document["status"] == "crashed"
    assert "signal 9" in outputs[0].document["message"]
    assert outputs[1].document["status"] == "ok"


def _flate_bomb(path: Path, inflated: int) -> None:
    """A one-page PDF whose content stream is ``inflated`` bytes of spaces, deflated to about a thousandth."""
    squeeze = zlib.compressobj(9)
    chunk = b" " * (1 << 22)
    stream = b"".join(squeeze.compress(chunk) for _ in range(inflated // len(chunk))) + squeeze.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(bytes(out))


def test_a_flate_bomb_stops_at_the_memory_limit_and_the_batch_goes_on(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _flate_bomb(src / "bomb.pdf", 3 * GIB)
    assert (src / "bomb.pdf").stat().st_size < 4 * 2**20
    (src / "plan.txt").write_bytes(SAMPLE.read_bytes())
    summary = ingest(src, tmp_path / "out", limits=Limits(seconds=120, memory=1 * GIB))
    docs = _statuses(tmp_path / "out")
    assert docs["bomb.pdf"]["status"] == "too_large", docs["bomb.pdf"]
    assert "1 GiB memory limit" in str(docs["bomb.pdf"]["message"])
    assert docs["plan.txt"]["status"] == "ok" and summary.actions == SAMPLE_ACTIONS


def test_a_200_mb_text_file_is_refused_at_once(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    line = b"Recommendation 1: review the arrangements and report to Cabinet by March 2025.\n"
    with (src / "huge.txt").open("wb") as f:
        for _ in range(200 * 2**20 // (len(line) * 4096) + 1):
            f.write(line * 4096)
    (src / "plan.txt").write_bytes(SAMPLE.read_bytes())
    ingest(src, tmp_path / "out", limits=Limits(seconds=60))
    docs = _statuses(tmp_path / "out")
    assert docs["huge.txt"]["status"] == "too_large"
    assert "200 MB text file" in str(docs["huge.txt"]["message"])
    assert docs["plan.txt"]["status"] == "ok"


def _actions_of(path: Path, tmp_path: Path) -> list[tuple[object, ...]]:
    out = tmp_path / f"out-{path.parent.name}"
    ingest(path.parent, out)
    rows = load(out)["actions"].to_pylist()
    return [(a["rec_id"], a["text"], tuple(a["owners"]), a["timescale_raw"]) for a in rows]


@pytest.mark.parametrize(
    "encoding",
    [
        pytest.param(lambda t: "\ufeff".encode("utf-8") + t.encode("utf-8"), id="utf-8 with BOM"),
        pytest.param(lambda t: t.encode("utf-16"), id="utf-16 with BOM"),
        pytest.param(lambda t: t.encode("utf-16-le"), id="utf-16-le without BOM"),
        pytest.param(lambda t: t.encode("utf-16-be"), id="utf-16-be without BOM"),
        pytest.param(lambda t: t.replace(". ", ".\0 ").encode("utf-8"), id="NUL bytes"),
    ],
)
def test_utf16_and_nul_bytes_give_the_same_records(encoding: object, tmp_path: Path) -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    plain, encoded = tmp_path / "plain", tmp_path / "encoded"
    for folder in (plain, encoded):
        folder.mkdir()
    (plain / "plan.txt").write_bytes(text.encode("utf-8"))
    (encoded / "plan.txt").write_bytes(encoding(text))  # type: ignore[operator]
    want = _actions_of(plain / "plan.txt", tmp_path)
    assert _actions_of(encoded / "plan.txt", tmp_path) == want
    assert len(want) == SAMPLE_ACTIONS


def test_giant_cells_are_cut_with_a_note(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    owner = "Head of Service, " * 4000  # 68,000 characters: owner splitting on this once took 20 s
    when = "Mar " * 15000
    rows = ["Ref\tAction\tLead officer\tTimescale", f"1.1\tReview the constitution\t{owner}\t{when}"]
    rows.append("1.2\tPublish the plan\tChief Executive\tMarch 2025")
    (src / "giant.txt").write_text("\n".join(rows) + "\n", encoding="utf-8")
    ingest(src, tmp_path / "out", limits=Limits(seconds=60))
    doc = _statuses(tmp_path / "out")["giant.txt"]
    assert doc["status"] == "ok", doc
    assert any("cut to" in note for note in doc["report"])  # type: ignore[attr-defined]
    actions = load(tmp_path / "out")["actions"].to_pylist()
    assert [a["action_id"] for a in actions] == ["1.1", "1.2"]
    assert max(len(a["timescale_raw"] or "") for a in actions) <= 10_000


def _pdf(path: Path, pages: int) -> None:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(path), pagesize=A4)
    for n in range(1, pages + 1):
        for k in range(40):
            canvas.drawString(
                72, 780 - 18 * k, f"Minutes of the meeting, item {n}.{k}: the committee noted the report."
            )
        canvas.showPage()
    canvas.save()


def test_a_thousand_page_pdf_ends_within_its_time_limit(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    _pdf(src / "agenda.pdf", 1000)
    (src / "plan.txt").write_bytes(SAMPLE.read_bytes())
    started = time.monotonic()
    ingest(src, tmp_path / "out", jobs=2, limits=Limits(seconds=10))
    docs = _statuses(tmp_path / "out")
    assert time.monotonic() - started < 60, "the batch ended soon after the limit"
    assert docs["agenda.pdf"]["status"] in ("timeout", "no_plan_found"), docs["agenda.pdf"]
    assert docs["plan.txt"]["status"] == "ok"


def test_ctrl_c_keeps_what_finished_and_says_how_far_it_got(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    for n in range(12):
        (src / f"plan-{n:02}.txt").write_bytes(SAMPLE.read_bytes().replace(b"Fareham", b"Fareham %d" % n))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "actionplans.pipeline", "ingest", str(src), "--out", str(out), "--no-progress"]
    process = subprocess.Popen(
        command, env={**os.environ, "PYTHONPATH": str(ROOT)}, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    done = out / ".store" / "done"
    deadline = time.monotonic() + 120
    while not (done.is_dir() and any(not p.name.startswith(".") for p in done.iterdir())):  # one is finished
        assert time.monotonic() < deadline, "no document finished in two minutes"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    kept = load(out)["documents"].num_rows
    assert 1 <= kept < 12
    assert f"interrupted: {kept} of 12 documents finished and kept" in stderr.decode()
    finished = subprocess.run(command, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, check=True)
    assert load(out)["documents"].num_rows == 12, finished.stderr
    assert f"{kept} unchanged and skipped" in finished.stdout.decode()
