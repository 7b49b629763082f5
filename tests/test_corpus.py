"""Golden tests over real council plans in the shared corpus, scored against their annotations.

Each document named by an annotation in ``../shared/gold`` is extracted in
place, with the corpus manifest, and must reach the accuracy the project
promises; on failure the test prints what differs.  Totals over the corpus
are checked too.  Skipped, with the reason, where the corpus is absent.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, CORPUS_GOLD, NO_CORPUS, corpus_available

from actionplans.pipeline.discover import read_manifest
from actionplans.pipeline.evaluate import Counts, diff_document, score_document
from actionplans.pipeline.process import DocumentOutput, process_document

pytestmark = pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)

# Floors per document, and for the corpus as a whole.
PER_DOCUMENT = {
    "rec_f1": 0.95,
    "act_f1": 0.95,
    "act_text_exact": 0.9,
    "owner_acc": 0.95,
    "timescale_acc": 0.95,
    "measure_acc": 0.9,
}
TOTAL = {"rec_f1": 0.98, "act_f1": 0.95, "act_text_exact": 0.9, "owner_acc": 0.95, "timescale_acc": 0.95}

# Real documents that extraction does not read yet, each with the issue that will make it.
# The mark is strict: a document that starts passing must lose its entry here.
KNOWN_GAPS: dict[str, str] = {}


def _cases() -> list[tuple[str, Path]]:
    if not corpus_available():
        return []
    out = []
    for path in sorted(CORPUS_GOLD.glob("*.gold.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        for name in [data["source"], *data.get("also", [])]:
            if (CORPUS / name).exists():
                out.append((name, path))
    return out


CASES = _cases()


@cache
def _extract(name: str) -> DocumentOutput:
    manifest = CORPUS / "sources.csv"
    entry = read_manifest(manifest).lookup(name) if manifest.exists() else None
    return process_document(CORPUS / name, CORPUS, entry)


@cache
def _score(name: str, annotation_path: Path) -> tuple[Counts, list[str]]:
    annotation: dict[str, Any] = json.loads(annotation_path.read_text(encoding="utf-8"))
    out = _extract(name)
    counts = score_document(annotation, out.document, out.recommendations, out.actions)
    return counts, diff_document(annotation, out.recommendations, out.actions)


def _marked(name: str, annotation_path: Path) -> Any:
    if name in KNOWN_GAPS:
        return pytest.param(
            name, annotation_path, id=name, marks=pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name])
        )
    return pytest.param(name, annotation_path, id=name)


@pytest.mark.parametrize(("name", "annotation_path"), [_marked(*c) for c in CASES])
def test_corpus_document(name: str, annotation_path: Path) -> None:
    out = _extract(name)
    assert out.document["status"] == "ok", out.document["message"]
    counts, differences = _score(name, annotation_path)
    metrics = counts.metrics()
    low = {k: v for k, floor in PER_DOCUMENT.items() if (v := metrics[k]) is not None and v < floor}
    assert not low, f"{name}: {low}\n" + "\n".join(differences)
    assert counts.council_ok and counts.date_ok, (out.document["council"], out.document["document_date"])


def _check_totals(cases: list[tuple[str, Path]]) -> None:
    total = Counts()
    for name, path in cases:
        total.add(_score(name, path)[0])
    metrics = total.metrics()
    low = {k: metrics[k] for k, floor in TOTAL.items() if (metrics[k] or 0) < floor}
    assert not low, f"corpus totals below the floor: {low} (all: {metrics})"


def test_corpus_totals() -> None:
    """The floor over every annotated document, known gaps included."""
    _check_totals(CASES)


def test_every_corpus_document_is_annotated_or_reported() -> None:
    """Files in the corpus without an annotation still go through the batch and get a status."""
    annotated = {name for name, _ in CASES}
    for path in sorted(CORPUS.iterdir()):
        if path.name in annotated or path.name == "sources.csv":
            continue
        out = process_document(path, CORPUS, None)
        assert out.document["status"] in {"ok", "unsupported", "no_plan_found"}
        assert out.document["message"] or out.document["status"] == "ok"


def test_timescales_in_the_corpus_are_read() -> None:
    """At least 95% of the corpus's non-empty timescale cells get a status other than unknown."""
    cells = [a for name, _ in CASES for a in _extract(name).actions if a["timescale_raw"]]
    known = [a for a in cells if a["due_status"] != "unknown"]
    unknown = sorted({a["timescale_raw"] for a in cells if a["due_status"] == "unknown"})
    assert len(known) >= 0.95 * len(cells), unknown


def _action(name: str, action_id: str) -> dict[str, Any]:
    return next(a for a in _extract(name).actions if a["action_id"] == action_id)


@pytest.mark.parametrize(
    "name",
    ["winchester-lga-peer-challenge-action-plan-2024-10.txt", "winchester-lga-peer-challenge-action-plan-2024-10.pdf"],
)
def test_winchester_owner_and_mentioned_roles(name: str) -> None:
    cx = _action(name, "4.1")
    assert cx["owners"] == ["CX"] and cx["owners_canonical"] == ["Chief Executive"]
    mo = _action(name, "1.1")
    assert "Monitoring Officer" in mo["mentioned_roles"]
    assert mo["owners"] == ["Monitoring Officer"]  # roles in the text never become owners
    assert _action(name, "6.1")["owners"] == ["Senior Policy & Programme Manager", "Service Lead (HR)"]


def test_gloucestershire_two_role_cells_give_two_owners() -> None:
    for name in ("gloucestershire-cpc-action-plan-2023.txt", "gloucestershire-cpc-action-plan-2023.pdf"):
        assert _action(name, "5.2")["owners"] == ["Head of Organisational Development", "Head of Communications"]
        rec5 = next(r for r in _extract(name).recommendations if r["rec_id"] == "5")
        assert rec5["owners"] == [
            "Director of People and Digital Services",
            "Director of Policy, Performance and Governance",
        ]


def test_kings_lynn_project_sponsors_own_recommendations_5_and_6() -> None:
    out = _extract("kings-lynn-cpc-action-plan-2024.flowed.txt")
    owners = {r["rec_id"]: r["owners"] for r in out.recommendations}
    assert owners["5"] == ["Michelle Drewery"] and owners["6"] == ["Lorraine Gore"]
    assert all(a["owners"] == ["Michelle Drewery"] for a in out.actions if a["rec_id"] == "5")
