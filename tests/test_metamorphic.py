"""Metamorphic tests: the same plan typeset in many layouts must give the same records.

Three fictional plans (``tests/metamorphic/plans.py``) are rendered under
every variation in ``tests/metamorphic/variations.py``: PDF and text, ruled,
shaded and borderless tables, flowed paragraphs, columns in other orders,
header wordings real plans use (written without looking at the extractor's
vocabulary), the recommendation or theme in its own column, above its table,
in a spanning row or only as the prefix of the action numbers, portrait and
landscape, rows cut by page breaks, RAG as words or as colour.  Each rendering
is extracted through the pipeline and must give, per action, the expected
recommendation, words, owners and timescale (``tests/metamorphic/expected.py``).

Variations that extraction does not read yet are listed in ``KNOWN_GAPS`` and
marked strict xfail: when extraction starts reading one, its test fails until
the entry is removed, so the list only shrinks.  ``scripts/metamorphic_report.py``
prints the scores of every variation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from metamorphic.expected import compare, expected_actions
from metamorphic.plans import PLANS
from metamorphic.render import Rendering, Variation, printed_wordings, render
from metamorphic.variations import PLAIN, VARIATIONS
from metamorphic.wordings import HEADER_SETS, WORDINGS

from actionplans.pipeline.process import DocumentOutput, process_document

# Variations extraction does not read yet: variation id -> what goes wrong.  Strict: a variation that
# starts passing must lose its entry here.
KNOWN_GAPS: dict[str, str] = {}

Extracted = Callable[[Variation], tuple[Rendering, DocumentOutput]]


@pytest.fixture(scope="session")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Extracted:
    """Render and extract a variation, once per session."""
    folder: Path = tmp_path_factory.mktemp("metamorphic")
    cache: dict[str, tuple[Rendering, DocumentOutput]] = {}

    def get(v: Variation) -> tuple[Rendering, DocumentOutput]:
        if v.id not in cache:
            rendering = render(v, folder)
            cache[v.id] = (rendering, process_document(rendering.path, rendering.path.parent, None))
        return cache[v.id]

    return get


def _param(v: Variation) -> Any:
    marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[v.id])] if v.id in KNOWN_GAPS else []
    return pytest.param(v, id=v.id, marks=marks)


def _check(v: Variation, out: DocumentOutput) -> None:
    assert out.document["status"] == "ok", f"{out.document['status']}: {out.document['message']}"
    # Status and progress are compared on every rendering (expected.STATUS_COLUMN, the normalised status,
    # and expected.PROGRESS_COLUMNS); one that shows RAG only as colour expects the status it stands for.
    result = compare(expected_actions(PLANS[v.plan], v.columns), out.actions)
    assert not result.problems, f"{v.id} ({out.document['layout']}):\n" + "\n".join(result.problems)


@pytest.mark.parametrize("variation", [_param(v) for v in VARIATIONS])
def test_every_rendering_gives_the_same_records(variation: Variation, extracted: Extracted) -> None:
    _check(variation, extracted(variation)[1])


@pytest.mark.parametrize("variation", [_param(v) for v in PLAIN.values()])
def test_plain_rendering_of_each_plan_reads(variation: Variation, extracted: Extracted) -> None:
    """A ruled grid with conventional headers and the recommendation (or theme) beside its actions."""
    assert variation.form == "grid" and variation.words == "conventional"
    _check(variation, extracted(variation)[1])


@pytest.mark.parametrize("variation", [pytest.param(v, id=v.id) for v in VARIATIONS if v.split])
def test_long_tables_have_rows_cut_by_page_breaks(variation: Variation, extracted: Extracted) -> None:
    """The page-break variations do what they say: a table row starts on one page and ends on the next."""
    rendering, out = extracted(variation)
    assert rendering.rows_cut >= 1
    if variation.fmt == "pdf":
        assert (out.document["pages"] or 0) >= 2


def test_variations_are_distinct_and_cover_every_plan() -> None:
    ids = [v.id for v in VARIATIONS]
    assert len(ids) == len(set(ids)) >= 40
    assert {v.plan for v in VARIATIONS} == set(PLANS)
    assert set(KNOWN_GAPS) <= set(ids), set(KNOWN_GAPS) - set(ids)


def test_every_wording_is_printed_by_some_variation() -> None:
    """Each wording in wordings.py reaches a page: as a column header, a field label or a heading's first word."""
    printed = set().union(*(printed_wordings(v) for v in VARIATIONS))
    unprinted = [(role, word) for role, words in WORDINGS.items() for word in words if (role, word) not in printed]
    assert not unprinted
    assert all(words[role] in WORDINGS[role] for words in HEADER_SETS.values() for role in words)
