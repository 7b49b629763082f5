"""Golden tests over the project's own sample plans (data/raw and tests/fixtures/plans).

Every ``tests/fixtures/gold/*.gold.json`` becomes a test case by itself: its
source is extracted through the pipeline and must match the annotation
exactly (the sample was typeset from the same data, so anything less is a
bug).  A snapshot of all fields (ids, objectives, extra columns, provenance)
is kept in ``tests/golden/``; ``pytest --update-golden`` rewrites it so that
changes show as diffs in review.
"""

from __future__ import annotations

import difflib
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import FIXTURES, GOLDEN, ROOT

from actionplans.pipeline.discover import read_manifest
from actionplans.pipeline.evaluate import diff_document, score_document
from actionplans.pipeline.process import DocumentOutput, process_document

ANNOTATIONS = sorted((FIXTURES / "gold").glob("*.gold.json"))
SEARCH = [ROOT / "data" / "raw", FIXTURES / "plans"]


def _source(annotation: dict[str, Any]) -> Path:
    for folder in SEARCH:
        if (folder / annotation["source"]).exists():
            return folder / annotation["source"]
    raise FileNotFoundError(f"{annotation['source']} is in none of {SEARCH}")


def _run(path: Path) -> DocumentOutput:
    manifest = path.parent / "sources.csv"
    entry = read_manifest(manifest).lookup(path.name) if manifest.exists() else None
    return process_document(path, path.parent, entry)


@pytest.mark.parametrize("annotation_path", ANNOTATIONS, ids=[p.name.removesuffix(".gold.json") for p in ANNOTATIONS])
def test_sample_matches_its_annotation(annotation_path: Path) -> None:
    annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
    output = _run(_source(annotation))
    assert output.document["status"] == "ok", output.document["message"]
    counts = score_document(annotation, output.document, output.recommendations, output.actions)
    differences = diff_document(annotation, output.recommendations, output.actions)
    assert not differences, "\n".join(differences)
    metrics = counts.metrics()
    assert metrics["rec_f1"] == 1.0 and metrics["act_f1"] == 1.0 and metrics["act_text_exact"] == 1.0
    assert counts.council_ok and counts.date_ok
    assert output.document["layout"] == annotation["document"]["layout"]


def _snapshot(output: DocumentOutput) -> str:
    """All fields of the records as JSON lines; coordinates rounded so that font hinting does not churn them."""

    def clean(row: dict[str, Any]) -> dict[str, Any]:
        row = {k: v for k, v in row.items() if k != "doc_id"}
        if row.get("bbox"):
            row["bbox"] = {k: round(v) for k, v in row["bbox"].items()}
        if "extra" in row:
            row["extra"] = [list(pair) for pair in row["extra"]]
        return row

    lines = [
        json.dumps({"kind": "recommendation", **clean(r)}, ensure_ascii=False, sort_keys=True, default=str)
        for r in output.recommendations
    ]
    lines += [
        json.dumps({"kind": "action", **clean(a)}, ensure_ascii=False, sort_keys=True, default=str)
        for a in output.actions
    ]
    lines += [
        json.dumps({"kind": "context", **clean(c)}, ensure_ascii=False, sort_keys=True, default=str)
        for c in output.context_rows
    ]
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("annotation_path", ANNOTATIONS, ids=[p.name.removesuffix(".gold.json") for p in ANNOTATIONS])
def test_sample_snapshot(annotation_path: Path, update_golden: bool) -> None:
    annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
    got = _snapshot(_run(_source(annotation)))
    path = GOLDEN / f"{annotation['source']}.jsonl"
    if update_golden or not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(got, encoding="utf-8")
        if not update_golden:
            pytest.fail(f"no snapshot yet: wrote {path}; review it and commit it")
        return
    want = path.read_text(encoding="utf-8")
    if got != want:
        diff = "".join(difflib.unified_diff(want.splitlines(True), got.splitlines(True), str(path), "now"))
        pytest.fail(f"extraction changed (run pytest --update-golden if intended):\n{diff}")
