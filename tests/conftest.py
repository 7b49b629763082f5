"""Shared test set-up: where the real-document corpus is, and golden-file regeneration.

The council documents live outside the project, in ``../shared`` beside the
repository (or wherever ``ACTIONPLANS_SHARED`` points); tests that need them
skip, saying why, where they are absent.  The project's own sample plans in
``data/raw`` and ``tests/fixtures`` keep the suite meaningful everywhere.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SHARED = Path(os.environ.get("ACTIONPLANS_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
CORPUS_GOLD = SHARED / "gold"
NO_CORPUS = f"the shared corpus of council plans is not at {SHARED} (set ACTIONPLANS_SHARED to use one elsewhere)"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="rewrite tests/golden/*.jsonl from the current extraction, so that changes show as diffs in git",
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def corpus_available() -> bool:
    return CORPUS.is_dir() and CORPUS_GOLD.is_dir()


def write_sheet(path: Path, rows: list[list[Any]], merges: tuple[str, ...] = ()) -> Path:
    """A workbook of one sheet, "Plan", holding ``rows`` (from A1), with the cell ranges ``merges`` merged."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Plan"
    for row in rows:
        sheet.append(row)
    for rng in merges:
        sheet.merge_cells(rng)
    book.save(str(path))
    return path
