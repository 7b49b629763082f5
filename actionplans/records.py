"""Typed records shared by every package of the pipeline.

Data flows one way: ``extractors`` turn a document into an :class:`Extraction`
(recommendations, actions, context rows, each with its :class:`Provenance`);
``normalise`` turns raw strings into :class:`Timescale` values and owner lists;
``pipeline`` writes all of it to Parquet.  Every normalised value is kept next
to the raw text it came from.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]
"""``(x0, top, x1, bottom)`` in PDF points, origin at the top-left of the page."""


@dataclass(frozen=True)
class Provenance:
    """Where a value was read: enough for a reviewer to find it on the page.

    ``page`` is 1-based.  ``bbox`` is set for PDFs; ``lines`` (1-based,
    inclusive) for text sources.  ``extractor`` names the reader and layout,
    e.g. ``"pdf/table"`` or ``"text/sectioned"``.
    """

    extractor: str
    page: int | None = None
    bbox: BBox | None = None
    lines: tuple[int, int] | None = None
    cell: str | None = None
    """Word and Excel sources: where the text starts (``table 2, row 5, column 3``; ``Plan!C7``)."""


@dataclass(frozen=True)
class Recommendation:
    """One recommendation the plan responds to.

    ``rec_id`` is the number the document gives it, as a string.  ``owners``
    are owners named for the whole recommendation (a "CLT Owner" column, a
    "Project Sponsor:" line), as written.
    """

    rec_id: str | None
    text: str
    provenance: Provenance
    section: str | None = None
    owners: tuple[str, ...] = ()


@dataclass(frozen=True)
class Action:
    """One action of the plan, with the cells that apply to it.

    ``text`` has list lettering and markup removed; ``owners`` are split per
    owner but otherwise as written; ``timescale_raw`` is the timescale text
    that applies to this action (the whole cell when it cannot be told which
    of several dates belongs to it); ``extra`` keeps cells of columns that are
    none of the known ones, keyed by the header as printed.
    """

    rec_id: str | None
    action_id: str
    text: str
    provenance: Provenance
    objective: str | None = None
    section: str | None = None
    theme: str | None = None
    owners: tuple[str, ...] = ()
    timescale_raw: str | None = None
    measure: str | None = None
    status_raw: str | None = None
    """A progress tracker's status cell as written ("Amber", "On track")."""
    status_colour: str | None = None
    """The status cell's fill colour (``#rrggbb``), where a PDF shows the rating as a colour."""
    progress: str | None = None
    """A progress tracker's update cell ("Draft strategy to Cabinet in May")."""
    extra: tuple[tuple[str, str], ...] = ()
    owner_source: str | None = None
    """Where ``owners`` come from (:data:`OWNER_SOURCES`); ``None`` when there are none."""
    doubts: tuple[str, ...] = ()
    """What the reader was unsure of in reading it (:data:`DOUBTS`)."""
    fields: tuple[tuple[str, Provenance], ...] = ()
    """Where its other fields were read, as ``(field, provenance)`` (``owners``, ``timescale``, ``measure``,
    ``status``, ``progress``): the cells of a table row, where a table gave them."""


OWNER_SOURCES = {
    "action": "the action's own owner cell or label",
    "recommendation": "its recommendation's owner: a recommendation owner column, or a line such as "
    '"Project Sponsor: ..." above its table or under its heading',
    "text": 'named in the action\'s own words ("Task group to ..."), where nothing else names an owner',
}
"""What ``Action.owner_source`` may say."""

DOUBTS = {
    "timescale_not_aligned": "its row has several timescales that could not be paired with its actions: it got "
    "the whole cell",
    "owners_split_guess": "its owner cell was split into owners where the layout did not show a break (a new "
    "title was taken to start a new owner)",
    "row_joined_across_pages": "its row was joined with a row continued after a page break",
    "column_role_low_confidence": "a column it was read from scored nearly as well for another role",
    "row_continued_guess": "a row with nothing but its words (no number, owner or timescale) was read as an "
    "action of its own below an entry that has them: it may be the rest of that entry (both are flagged)",
}
"""What a reader can be unsure of while reading an action (``Action.doubts``)."""

REVIEW_FLAGS = {
    "no_owner": "no owner was read for it, where other actions of the document have one",
    "no_timescale": "no timescale was read for it, where other actions of the document have one",
    "timescale_unread": "its timescale reads as no date, status or event, or as a date that cannot be (Q5)",
    **DOUBTS,
}
"""Why an action deserves a human look (``actions.review``, and the badges of the review page)."""


@dataclass(frozen=True)
class ContextRow:
    """A row that spans a table and introduces a theme; it is not an action."""

    text: str
    provenance: Provenance
    section: str | None = None


@dataclass(frozen=True)
class PartialDate:
    """A date known to year, month or day precision ("2024", "2024-02", "2024-03-05")."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> str:
        return "day" if self.day else "month" if self.month else "year"

    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        if self.day and self.month:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Read ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ``ValueError`` quoting the text otherwise."""
        parts = text.strip().split("-")
        try:
            numbers = [int(p) for p in parts]
            if not 1 <= len(numbers) <= 3:
                raise ValueError
            date = cls(*numbers)
            date.first_day()  # validates month and day
        except (ValueError, TypeError):
            raise ValueError(f"not a date (want YYYY, YYYY-MM or YYYY-MM-DD): {text!r}") from None
        return date


@dataclass(frozen=True)
class ColumnReport:
    """How one column of a table was read: the role given and the evidence for it."""

    index: int
    header: str
    role: str | None
    score: float
    evidence: str


@dataclass(frozen=True)
class TableReport:
    """One table a reader found, and whether (and how) it was read as actions."""

    pages: tuple[int, ...]
    kind: str
    """How the reader found it: ``ruled``, ``painted``, ``borderless``, ``tsv``, ``columns``, ``html``, ..."""
    rows: int
    header: tuple[str, ...]
    """The header as printed, one entry per column (empty strings for a table read without a header row)."""
    columns: tuple[ColumnReport, ...]
    accepted: bool
    reason: str
    """Why it was not read as actions; empty when it was."""


@dataclass(frozen=True)
class Extraction:
    """Everything one document yielded, before normalisation.

    ``layout`` names the main way the plan placed its actions (``table``,
    ``sectioned``, ``flowed``, ``themed``, ``narrative``) and ``cues`` every
    way it used, with how many records each placed; ``tables`` reports every
    table found, read or rejected; ``report`` holds human-readable notes.
    """

    layout: str
    recommendations: tuple[Recommendation, ...] = ()
    actions: tuple[Action, ...] = ()
    context: tuple[ContextRow, ...] = ()
    title: str | None = None
    council: str | None = None
    date: PartialDate | None = None
    report: tuple[str, ...] = ()
    cues: tuple[tuple[str, int], ...] = ()
    tables: tuple[TableReport, ...] = ()
    plan_pages: tuple[int, ...] = ()
    confidence: float | None = None
    """Share of the text on the plan's pages that became records (see ``extract_doc``)."""


@dataclass(frozen=True)
class Milestone:
    """One dated part of a timescale cell ("Final strategy – October 2024")."""

    raw: str
    label: str | None
    start: dt.date | None
    end: dt.date | None
    granularity: str | None


@dataclass(frozen=True)
class Timescale:
    """A timescale cell read into an inclusive interval.

    ``status`` is ``dated``, ``ongoing``, ``completed`` or ``unknown``;
    ``granularity`` says how precise the interval is (``day``, ``week``,
    ``month``, ``season``, ``quarter``, ``half``, ``year``,
    ``financial_year``, ``term``, ``academic_year``, ``municipal_year``,
    ``relative``); ``rule`` names the rule that matched, so a surprising value
    can be traced.  ``recurrence`` says how often recurring work falls due
    (``annual``, ``annual:09``, ``quarterly``, ``weekly:mon``; see
    ``normalise.timescale.text_to_recurrence``); ``flags`` say what a reader
    should check (``implausible_year``, ``typo_corrected``, ``before_plan_date``,
    ...: ``normalise.timescale.FLAGS``).
    """

    raw: str
    start: dt.date | None = None
    end: dt.date | None = None
    granularity: str | None = None
    status: str = "unknown"
    milestones: tuple[Milestone, ...] = field(default_factory=tuple)
    rule: str | None = None
    ongoing: bool = False
    recurrence: str | None = None
    flags: tuple[str, ...] = ()
