"""Batch ingest: schemas, manifest, incremental re-runs, parallel runs, failure isolation, atomic writes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from conftest import FIXTURES, ROOT

from actionplans.pipeline.discover import ManifestError, discover, read_manifest
from actionplans.pipeline.ingest import ingest, load
from actionplans.pipeline.schema import TABLES

RAW = ROOT / "data" / "raw"
PLANS = [p for p in sorted(RAW.iterdir()) if p.name != "sources.csv"] + sorted((FIXTURES / "plans").iterdir())
BAD = sorted((FIXTURES / "bad").iterdir())
N_DOCS = len(PLANS) + len(BAD)


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """A batch folder: the sample plans, their manifest, the other renderings and the bad inputs."""
    src = tmp_path / "plans"
    shutil.copytree(RAW, src)
    shutil.copytree(FIXTURES / "plans", src / "more")
    shutil.copytree(FIXTURES / "bad", src / "bad")
    return src


def test_ingest_writes_every_table_with_its_schema(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    summary = ingest(batch, out)
    for name, schema in TABLES.items():
        # each table is read as one at the path it always had, by pyarrow with no help from the project
        read = pq.read_table(out / f"{name}.parquet")
        assert read.schema.remove_metadata() == schema.remove_metadata(), name
    tables = load(out)
    assert tables["documents"].num_rows == summary.documents == N_DOCS
    assert summary.statuses["ok"] == len(PLANS)
    golds = [json.loads(g.read_text(encoding="utf-8")) for g in (FIXTURES / "gold").glob("*.gold.json")]
    expected = {g["source"]: len(g["actions"]) for g in golds}
    assert tables["actions"].num_rows == summary.actions == sum(expected[p.name] for p in PLANS)
    assert not list(out.glob(".*.tmp")), "no temporary files are left behind"
    for doc in tables["documents"].to_pylist():  # how each page was read is on record
        if doc["format"] == "pdf" and doc["status"] == "ok":
            assert len(doc["page_readers"]) == doc["pages"] and set(doc["page_readers"]) <= {
                "pdfium",
                "pdfplumber",
                "text",
            }
        elif doc["format"] != "pdf":
            assert doc["page_readers"] == []


def test_bad_inputs_are_recorded_and_the_batch_goes_on(batch: Path, tmp_path: Path) -> None:
    ingest(batch, tmp_path / "out")
    docs = {d["source"]: d for d in load(tmp_path / "out")["documents"].to_pylist()}
    expected = {
        "bad/truncated.pdf": "corrupt",
        "bad/not-a-pdf.pdf": "no_plan_found",  # a web page saved under a .pdf name: read as the page it is
        "bad/encrypted.pdf": "encrypted",
        "bad/blank.pdf": "empty",
        "bad/scanned.pdf": "image_only",
        "bad/empty.txt": "empty",
        "bad/minutes.docx": "unsupported",
    }
    for source, status in expected.items():
        assert docs[source]["status"] == status, docs[source]
        assert docs[source]["message"], source
        assert docs[source]["n_actions"] == 0
    assert "--ocr" in docs["bad/scanned.pdf"]["message"] or "OCR needs Tesseract" in docs["bad/scanned.pdf"]["message"]
    assert "password" in docs["bad/encrypted.pdf"]["message"]
    assert docs["bad/not-a-pdf.pdf"]["format"] == "html" and "named .pdf" in docs["bad/not-a-pdf.pdf"]["message"]
    assert docs["fareham-cpc-action-plan-2025.pdf"]["status"] == "ok"


def test_manifest_fills_document_metadata(batch: Path, tmp_path: Path) -> None:
    ingest(batch, tmp_path / "out")
    docs = {d["source"]: d for d in load(tmp_path / "out")["documents"].to_pylist()}
    doc = docs["fareham-cpc-action-plan-2025.pdf"]
    assert doc["council"] == "Fareham Borough Council"
    assert doc["document_date"] == dt.date(2025, 3, 1) and doc["date_precision"] == "month"
    assert doc["url"] == "https://www.example.org/fareham/cpc-action-plan"
    assert doc["layout"] == "sectioned" and doc["pages"] == 3
    assert len(doc["doc_id"]) == 16 and doc["origin"].endswith("/fareham-cpc-action-plan-2025.pdf")


def test_rerun_skips_unchanged_documents_and_redoes_changed_ones(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    first = ingest(batch, out)
    before = {name: t for name, t in load(out).items()}
    second = ingest(batch, out)
    assert second.skipped == first.documents  # unreadable files too: their status would not change
    for name, table in load(out).items():
        assert table.equals(before[name]), name
    text = batch / "fareham-cpc-action-plan-2025.txt"
    text.write_text(text.read_text(encoding="utf-8").replace("place summit", "borough summit"), encoding="utf-8")
    third = ingest(batch, out)
    assert third.skipped == second.skipped - 1
    actions = load(out)["actions"].to_pylist()
    assert any("borough summit" in a["text"] for a in actions)
    assert ingest(batch, out, force=True).skipped == 0


def test_parallel_run_gives_the_same_tables(batch: Path, tmp_path: Path) -> None:
    ingest(batch, tmp_path / "serial")
    ingest(batch, tmp_path / "parallel", jobs=2)
    serial, parallel = load(tmp_path / "serial"), load(tmp_path / "parallel")
    for name in TABLES:
        assert serial[name].equals(parallel[name]), name


def test_progress_is_reported_per_document(batch: Path, tmp_path: Path) -> None:
    seen: list[tuple[int, int]] = []
    ingest(batch, tmp_path / "out", progress=lambda done, total, _: seen.append((done, total)))
    assert seen[-1] == (N_DOCS, N_DOCS) and [d for d, _ in seen] == list(range(N_DOCS + 1))


def test_manifest_problems(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name,council\nplan.pdf,Somewhere\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="no 'file' column"):
        read_manifest(bad)
    odd = tmp_path / "odd.csv"
    odd.write_text("file,published,colour\nplan.pdf,March 2024,red\n,2024,\n", encoding="utf-8")
    manifest = read_manifest(odd)
    assert manifest.entries["plan.pdf"].published is None
    assert any("not a date" in w for w in manifest.warnings)
    assert any("'colour' is not used" in w for w in manifest.warnings)
    assert any("no file named" in w for w in manifest.warnings)


def test_manifest_listing_missing_files_warns(tmp_path: Path) -> None:
    src = tmp_path / "plans"
    src.mkdir()
    (src / "sources.csv").write_text("file,council\nmissing.pdf,Nowhere Council\n", encoding="utf-8")
    files, manifest = discover(src)
    assert files == []
    assert any("missing.pdf" in w for w in manifest.warnings)


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no such folder"):
        ingest(tmp_path / "nope", tmp_path / "out")


def test_ingest_reads_timescales_into_due_dates(batch: Path, tmp_path: Path) -> None:
    ingest(batch, tmp_path / "out")
    docs = {d["doc_id"]: d["source"] for d in load(tmp_path / "out")["documents"].to_pylist()}
    actions = {(docs[a["doc_id"]], a["action_id"]): a for a in load(tmp_path / "out")["actions"].to_pylist()}
    pdf = "fareham-cpc-action-plan-2025.pdf"

    def due(action_id: str) -> tuple[object, ...]:
        a = actions[(pdf, action_id)]
        return a["timescale_raw"], a["due_start"], a["due_end"], a["due_granularity"], a["due_status"]

    assert due("1.1.a") == ("June 2025", dt.date(2025, 6, 1), dt.date(2025, 6, 30), "month", "dated")
    assert due("1.2.a") == ("Q4 2025/26", dt.date(2026, 1, 1), dt.date(2026, 3, 31), "quarter", "dated")
    assert due("2.1.b") == ("Quarterly", None, None, None, "ongoing")
    assert due("2.2.a") == ("By December 2025", None, dt.date(2025, 12, 31), "month", "dated")
    assert due("6.1.a") == ("Winter 2025/26", dt.date(2025, 12, 1), dt.date(2026, 2, 28), "season", "dated")
    assert actions[(pdf, "1.1.a")]["due_milestones"] == [
        {
            "label": None,
            "raw": "June 2025",
            "start": dt.date(2025, 6, 1),
            "end": dt.date(2025, 6, 30),
            "granularity": "month",
        }
    ]


def test_ingest_gives_canonical_owners_and_mentioned_roles(batch: Path, tmp_path: Path) -> None:
    ingest(batch, tmp_path / "out")
    tables = load(tmp_path / "out")
    docs = {d["doc_id"]: d["source"] for d in tables["documents"].to_pylist()}
    pdf = "fareham-cpc-action-plan-2025.pdf"
    actions = {a["action_id"]: a for a in tables["actions"].to_pylist() if docs[a["doc_id"]] == pdf}
    assert actions["2.2.a"]["owners"] == ["Head of Finance", "Capital Programme Manager"]
    assert actions["2.2.a"]["owners_canonical"] == ["Head of Finance", "Capital Programme Manager"]
    assert actions["2.1.b"]["mentioned_roles"] == ["Cabinet"]
    assert actions["4.1.b"]["mentioned_roles"] == ["Overview and Scrutiny Chair", "Cabinet Member"]
    assert actions["3.1.c"]["mentioned_roles"] == ["Team Leader", "Service Manager"]
    recs = {r["rec_id"]: r for r in tables["recommendations"].to_pylist() if docs[r["doc_id"]] == pdf}
    assert recs["2"]["owners"] == ["Director of Finance (S151)"]
    assert recs["6"]["owners_canonical"] == ["Cabinet Member for Communities"]


def test_files_are_read_by_their_content_not_their_name(tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    sample = ROOT / "data" / "raw"
    shutil.copy(sample / "fareham-cpc-action-plan-2025.pdf", src / "plan-pdf.txt")  # a PDF named .txt
    shutil.copy(sample / "fareham-cpc-action-plan-2025.txt", src / "plan-text.pdf")  # text named .pdf
    ingest(src, tmp_path / "out")
    docs = {d["source"]: d for d in load(tmp_path / "out")["documents"].to_pylist()}
    for source, fmt in (("plan-pdf.txt", "pdf"), ("plan-text.pdf", "text")):
        assert docs[source]["status"] == "ok" and docs[source]["format"] == fmt
        assert docs[source]["n_actions"] == 21
        assert any(note.startswith("named ") for note in docs[source]["report"]), docs[source]["report"]
