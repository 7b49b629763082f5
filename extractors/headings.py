"""Headings that open a recommendation or a section: "Recommendation 3:", "R3 –", "Audit finding 2 –", "Theme 1:".

A plan titles each group of actions with a numbered heading, above a table,
in a row spanning one, or in running text.  What the heading opens depends
on its label's words, read with the column vocabulary
(:func:`extractors.columns.header_scores`): a label whose words name a
recommendation ("Recommendation", "Rec", "R", "Audit finding", "Area for
improvement", "Issue") opens a recommendation with that number; any other
short label ("Theme 1:", "Priority 2 –", "Workstream 3.") opens a section,
and the number belongs to the section, not to a recommendation.  A bare
numbered title ("3. Improve scrutiny") opens a recommendation where it
titles a table or spans one (``numbered_titles``), never in running text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from actionplans.extractors.columns import header_scores, header_words
from actionplans.extractors.labels import group_words, read_label
from actionplans.normalise.text import collapse
from actionplans.normalise.timescale import is_expression

_LABELLED = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z /&'’-]{0,40}?\.?)\s+(?:[A-Z]{1,3}-?)?(?P<num>\d{1,3}[a-z]?)"
    r"(?:\s*[:.)–—-]\s*(?P<text>\S.*)?|\s*$)"
)
"""A label and its number, which may carry the plan's prefix: "Recommendation R1", "Finding F2", "Theme T3"."""
_JOINED_REC = re.compile(r"^\s*(?P<label>R|Rec\.?)(?P<num>\d{1,3}[a-z]?)\s*[:.)–—-]\s*(?P<text>\S.*)?$", re.IGNORECASE)
_SHORT_REC = re.compile(r"^(?:r|rec)$", re.IGNORECASE)
_NUMBERED_TITLE = re.compile(r"^\s*\(?(?P<num>\d{1,3})[.)]?\s+(?P<text>[A-Z][^.]{2,160}\.?)$")
_SET_TITLE = re.compile(r"^\s*\(?(?P<num>\d{1,3})[.)]\s+(?P<text>[A-Z(\"'‘“].{2,})$")
SET_TITLE_WORDS = 150
"""The most words a numbered title set apart as a heading may have: a recommendation written out in full."""


@dataclass(frozen=True)
class Heading:
    kind: str
    """``recommendation`` or ``section``."""
    number: str | None
    text: str
    """The heading's words after its label and number."""
    label: str = ""
    """The label as printed ("Theme", "Audit finding"); empty for a bare numbered title."""

    @property
    def name(self) -> str:
        """The heading as a section name: "Theme 1: Net zero estate"."""
        if not self.label:
            return f"{self.number}. {self.text}" if self.number else self.text
        head = f"{self.label} {self.number}" if self.number else self.label
        return f"{head}: {self.text}" if self.text else head


def _names_recommendation(label: str) -> bool:
    if _SHORT_REC.match(label.strip().rstrip(".")):
        return True
    scores = header_scores(label)
    return max(scores.get("rec_text", 0.0), scores.get("rec_id", 0.0)) >= 0.5 and scores.get("rec_text", 0.0) >= max(
        (v for k, v in scores.items() if k not in ("rec_text", "rec_id")), default=0.0
    )


def read_heading(text: str, numbered_titles: bool | str = True, set_apart: bool = False) -> Heading | None:
    """The recommendation or section a heading line opens, or ``None`` for a line that is no such heading.

    ``numbered_titles`` says what a bare numbered title ("3. Improve scrutiny",
    "(3) ...") opens: ``True`` or ``"recommendation"`` a recommendation,
    ``"section"`` a section (in a plan whose numbered groups are themes, see
    :func:`numbered_groups`), ``False`` nothing.  By its form alone a bare
    numbered title is short and one sentence (a longer numbered line is a
    report's paragraph); ``set_apart`` says that the source sets the line apart
    as a heading (a row spanning a table, a line in larger or bold type), and
    then it may be a recommendation written out in sentences.
    """
    text = collapse(text)
    label = read_label(text)
    if label is not None and label.kind == "recommendation" and label.number and "." not in label.number:
        # a number and a date ("Issue 14 – April 2026", a newsletter's masthead) open no recommendation
        return Heading("recommendation", label.number, label.value, label.label) if not _dated(label.value) else None
    m = _JOINED_REC.match(text)
    if m:
        return Heading("recommendation", m["num"], (m["text"] or "").strip(), m["label"])
    m = _LABELLED.match(text)
    if m and len(header_words(m["label"])) <= 4 and m["label"][:1].isupper():
        words = (m["text"] or "").strip()
        if _names_recommendation(m["label"]):
            return Heading("recommendation", m["num"], words, m["label"].strip()) if not _dated(words) else None
        if label is None or label.kind == "other":
            return Heading("section", m["num"], words, m["label"].strip())
        return None
    if numbered_titles:
        m = _NUMBERED_TITLE.match(text)
        if m and len(m["text"].split()) <= 30 and not is_expression(text):  # "12 March 2025" is a date
            kind = numbered_titles if isinstance(numbered_titles, str) else "recommendation"
            return Heading(kind, m["num"], m["text"].strip())
        m = _SET_TITLE.match(text) if set_apart else None
        if m and len(m["text"].split()) <= SET_TITLE_WORDS and not is_expression(text):
            kind = numbered_titles if isinstance(numbered_titles, str) else "recommendation"
            return Heading(kind, m["num"], m["text"].strip())
    return None


def _dated(words: str) -> bool:
    """Whether a heading's words are only a date ("April 2026"): an issue's or a version's, no recommendation's."""
    return bool(words) and is_expression(words) and any(ch.isdigit() for ch in words)


def _group_words() -> dict[str, frozenset[str]]:
    return {kind: frozenset(header_words(" ".join(words))) for kind, words in group_words().items()}


def numbered_groups(opening: str) -> str:
    """What a plan's numbered groups are, by what its opening text calls them.

    "The peers made six recommendations" -> ``recommendation``; "the actions we
    will take under the strategy's four themes" -> ``section``.  It decides
    only where the page gives no label of its own: the first part of an
    action's number ("2.3") and a bare numbered title ("2. Cleaner travel").
    Without either word, a numbered group is a recommendation.
    """
    words = header_words(opening)
    groups = _group_words()
    recs = sum(w in groups["recommendation"] for w in words)
    sections = sum(w in groups["section"] for w in words)
    return "section" if sections > recs else "recommendation"
