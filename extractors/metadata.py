"""A document's title, council and date, read from its opening text.

Used when the manifest does not give them.  The council is the first name of
a principal authority's form ("Borough Council of X", "X County Council",
"London Borough of X"); the date is a "Date of meeting:" line, or a month and
year printed on its own near the top (or at the end of the title line).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache

from actionplans.extractors.columns import header_words
from actionplans.extractors.labels import as_at_words, dates_document, event_words, notice_words
from actionplans.extractors.model import Line, Paragraph, SourceDoc, Table
from actionplans.extractors.parts import part_opening
from actionplans.normalise.councils import find_council as gazetteer_council
from actionplans.normalise.text import collapse
from actionplans.normalise.timescale import vocabulary
from actionplans.records import PartialDate

_NAME = r"(?:[A-Z][\w'’.-]*|of|and|upon|on|the|&)"
_COUNCIL = re.compile(
    rf"(?P<name>(?:Royal\s+)?Borough\s+Council\s+of\s+{_NAME}(?:\s+{_NAME}){{0,6}}"
    rf"|(?:London|Royal|Metropolitan)\s+Borough\s+of\s+{_NAME}(?:\s+{_NAME}){{0,4}}"
    rf"|(?:City\s+of\s+)?[A-Z][\w'’.-]+(?:[ -](?:[A-Z][\w'’.-]*|upon|on|and|&)){{0,5}}\s+"
    rf"(?:County|City|District|Borough|Metropolitan\s+Borough|Town|Parish|Combined)?\s*Council)"
)
_NOT_A_NAME = re.compile(
    r"^(?:The|This|Our|A|An|Full|County|City|District|Borough|Town|Parish|Each|Every|Local|"
    r"Cabinet|Report|Draft|Whole|Wider|Joint|Key|All)\b"
)
_TITLE_LABEL = re.compile(r"^\s*(?:TITLE|Title|Report title)\s*[:\-]?\s+(?P<title>.+)$")


def _opening_lines(doc: SourceDoc, limit: int = 80) -> list[Line]:
    out: list[Line] = []
    for line in doc.text_lines():
        if line.text.strip() and not line.tab_name:  # a sheet's tab names the sheet, not the document
            out.append(line)
        if len(out) >= limit:
            break
    return out


_SMALL = frozenset(["of", "and", "upon", "on", "the", "in", "at", "for", "under"])


def _unshout(text: str) -> str:
    """A line set in capitals, in title case ("BOROUGH COUNCIL OF KING'S LYNN" -> "Borough Council of King's Lynn")."""
    letters = [c for c in text if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return text
    words = text.lower().split(" ")
    return " ".join(w if (i and w in _SMALL) else w[:1].upper() + w[1:] for i, w in enumerate(words))


def find_council(doc: SourceDoc) -> str | None:
    """The council the opening text names, else the council the document's margins name (a Word document's
    page header, a web page's banner or footer: the only place some plans name their council).

    In each, first a UK principal council from the gazetteer (by its
    canonical name, however the text writes it, across line breaks); else the
    first name of a council's form ("Fareham Borough Council"), capitals in
    title case.
    """
    return _council_in(_opening_lines(doc, 400)) or _council_in(_margin_lines(doc))


def _margin_lines(doc: SourceDoc) -> list[Line]:
    return [line for line in doc.margins if line.text.strip()]


def _council_in(lines: list[Line]) -> str | None:
    known = gazetteer_council(" ".join(line.text for line in lines))
    if known:
        return known
    for line in lines[:200]:
        for m in _COUNCIL.finditer(_unshout(collapse(line.text.replace("*", "")))):
            name = collapse(m["name"])
            name = re.sub(r"\s+(?:and|of|&|the)$", "", name)
            if _NOT_A_NAME.match(name) and not name.startswith(("Borough Council of", "City of")):
                continue
            if len(name.split()) < 2:
                continue
            return name
    return None


@cache
def _month_names() -> str:
    """An alternation of the month names and abbreviations of the timescale vocabulary, longest first."""
    return "|".join(sorted({re.escape(m.rstrip(".")) for m in vocabulary().months}, key=len, reverse=True))


@cache
def _date_pattern() -> re.Pattern[str]:
    names = _month_names()
    return re.compile(rf"\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+)?({names})\.?,?\s+((?:19|20)\d\d)\b", re.IGNORECASE)


def parse_date(text: str) -> PartialDate | None:
    """A day-month-year or month-year date in ``text`` ("5 March 2024", "February 2024")."""
    months = vocabulary().months
    m = _date_pattern().search(text)
    if not m:
        return None
    month = months.get(m.group(2).lower()) or months.get(m.group(2).lower() + ".")
    if month is None:
        return None
    day = int(m.group(1)) if m.group(1) else None
    try:
        date = PartialDate(int(m.group(3)), month, day)
        date.first_day()
    except ValueError:
        return None
    return date


def find_date(doc: SourceDoc, records: str = "", plan_pages: tuple[int, ...] = ()) -> PartialDate | None:
    """The plan's own date: where the plan is a part of a longer document (an appendix of a report in a
    meeting's papers), the date of that part's title block (:func:`_part_date`); else a line labelling it
    ("Date of meeting:", "Meeting:", "Last updated:"), else a month-year line near the top, else a year in the
    opening title; else a labelled date in its margins (a page footer's "Last updated: ...").

    ``records`` is the text of the plan's records (actions, their timescales and owners, recommendations),
    one value per line: a line that is part of one is a record's field ("Target date: December 2024" under
    an action, a timescale cell near the top of a table), never the document's date.  ``plan_pages`` are the
    pages the records were read from.
    """
    in_tables = {id(ln) for block in doc.blocks if isinstance(block, Table) for ln in _table_lines(block)}
    values = frozenset(records.split("\n"))
    part = _part_date(doc, plan_pages, lambda ln: id(ln) in in_tables or _in_records(ln.text, records, values, False))
    if part:
        return part
    opening = _opening_lines(doc, 120)
    fields = [_in_records(ln.text, records, values, id(ln) in in_tables) for ln in opening]
    # A labelled date above every record ("Last updated: 30 September 2024" in a tracker's title rows) is the
    # document's even where an action happens to be due that day; under the first record it may be a record's.
    labelled = [_labelled_date(ln.text) is not None for ln in opening]
    first = next((k for k, field in enumerate(fields) if field and not labelled[k]), len(opening))
    lines = [ln for k, ln in enumerate(opening) if not fields[k] or (k < first and labelled[k])]
    for k, line in enumerate(lines):
        found = _labelled_date(line.text)
        if found:
            return found
        if _DATE_LABEL_ALONE.match(line.text) and k + 1 < len(lines):
            # "Reporting date:" in one cell, the date in the next (a workbook's or a form's label and value)
            found = parse_date(lines[k + 1].text) or _numeric_date(lines[k + 1].text)
            if found:
                return found
    found = _notice_date([collapse(line.text) for line in lines[:NOTICE_LINES]])
    if found:
        return found
    for line in lines[:15]:
        text = collapse(line.text)
        found = parse_date(text)
        if found and len(text.split()) <= 4:
            return found
        if found and re.search(r"(?:19|20)\d\d\s*$", text) and (text.isupper() or _suffixed_date(text)):
            return found
    # A year alone at the start of an opening title line ("2024 Annual Report - Implementation of ..."), or at
    # the end of a short one ("Annual Report 2024"; at the end of a longer one a year is often a target:
    # "Looking to 2025"), not a span of years.
    for line in lines[:2]:
        m = _TITLE_YEAR.search(collapse(line.text))
        if m and (m.group("year") or len(line.text.split()) <= 6):
            return PartialDate(int(m.group("year") or m.group("year2")))
    # The margins (a page footer's "Last updated: 12 March 2024") hold no record, so none of their lines is a
    # record's date; only a labelled date there dates the document (a footer's other dates are the printing's).
    for line in doc.margins:
        found = _labelled_date(line.text)
        if found:
            return found
    return None


def _part_date(doc: SourceDoc, plan_pages: tuple[int, ...], skip: Callable[[Line], bool]) -> PartialDate | None:
    """The date in the title block of the part of the document that holds the plan, where that part is not
    the document's opening (:func:`~extractors.parts.part_opening`): a report's appendix dated "January
    2026", or a tracker's "Position as at 27 February 2026" under its title, in a meeting's papers dated by
    the meeting.  Its date is a labelled one there (:func:`_labelled_date`), else a line that is only a date;
    a title page with neither leaves the document's date to stand.  Lines that ``skip`` says are a table's or
    a record's are not read."""
    opening = part_opening(doc, min(plan_pages)) if plan_pages else None
    lines = [collapse(ln.text) for ln in opening or () if not skip(ln)]
    found = next((d for text in lines if (d := _labelled_date(text))), None)
    return found or next((d for text in lines if len(text.split()) <= 4 and (d := parse_date(text))), None)


NOTICE_LINES = 12
"""Opening lines a notice calling the meeting is looked for in (an agenda's front sheet)."""

_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])[.!?](?:\s+|$)")


def _notice_date(lines: list[str]) -> PartialDate | None:
    """The date of a meeting the opening lines call: a sentence (over line ends) that names an event ("a
    meeting of the Audit Committee", :func:`~extractors.labels.event_words`), then a word of a notice ("to
    be held", :func:`~extractors.labels.notice_words`), then "on" and the date ("... in the Town Hall on
    Thursday, 29 January 2026 at 2.30 pm")."""
    events, notice = event_words(), notice_words()
    for sentence in _SENTENCE_END.split(" ".join(lines)):
        written = sentence.split()
        words = [w.strip(",;:()").lower() for w in written]
        event = next((k for k, w in enumerate(words) if (h := header_words(w)) and h[0] in events), None)
        if event is None:
            continue
        held = next((k for k in range(event + 1, len(words)) if words[k] in notice), None)
        on = next((k for k in range(held + 1, len(words)) if words[k] == "on"), None) if held is not None else None
        if on is not None and (found := _date_opening(" ".join(written[on + 1 :]).strip(" ,"))):
            return found
    return None


_DATE_LINE = re.compile(r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,40}?)\s*[:\-–]\s*(?P<value>\S.*)$")


def _labelled_date(text: str) -> PartialDate | None:
    """The date of a line that labels it as the document's ("Date of meeting: 5 March 2024", "Meeting:
    20/03/2024", "Last updated: 12 March 2024"; :func:`~extractors.labels.dates_document`), else ``None``."""
    line = collapse(text)
    m = _DATE_LINE.match(line)
    if m and dates_document(m["label"]):
        return _date_opening(m["value"])
    return _as_at_date(line) or _event_date(line)


def _event_date(line: str) -> PartialDate | None:
    """The date right after the words naming the occasion, with no colon between ("Cabinet meeting 10 April
    2025", "Cabinet, 10 April 2025", "Updated 14/02/2025"; their words
    :func:`~extractors.labels.dates_document`'s), where the date is all the rest of the line."""
    words = line.split()
    for k in range(max(1, len(words) - _DATE_WORDS), len(words)):
        label, value = " ".join(words[:k]).strip(" ,–-"), " ".join(words[k:]).strip(" ,–-.")
        core = _VERSION.sub("", label).strip()  # "Version 1.2 – 04/03/2025": the label's own number aside
        whole = _date_pattern().fullmatch(value) or _NUMERIC_DATE.fullmatch(value)
        if whole and core.replace(" ", "").isalpha() and dates_document(core) and (found := _date_opening(value)):
            return found  # the date is all the rest ("Report 10 April 2025 draft" dates nothing)
    return None


_VERSION = re.compile(r"\s+v?\d+(?:\.\d+)*$", re.IGNORECASE)
"""A version's number at the end of a label ("Version 1.2", "Issue 3")."""


def _date_opening(value: str) -> PartialDate | None:
    """The date ``value`` opens with ("20/03/2024 at 6pm"), if it opens with one: a sentence after a word that
    could be a label ("Report - this plan sets out how we will respond by March 2027") dates nothing."""
    opening = " ".join(value.split()[:_DATE_WORDS])
    if not _DATE_OPENS.match(opening):
        return None
    return parse_date(opening) or _numeric_date(opening)


def _as_at_date(text: str) -> PartialDate | None:
    """A tracker's reporting date: "Position as at 12 March 2024", "Progress as at January 2025" (the words of
    ``[document_date] as_at`` in ``data/labels.toml``), the date opening what follows them."""
    line = collapse(text)
    m = _as_at_pattern().search(line)
    # a short lead-in ("Position"), not a sentence; counted from the last separator of a title line
    # ("Peer Challenge Action Plan – Position as at 30 September 2025")
    lead = re.split(r"\s[–—|-]\s|[:;]\s", line[: m.start()])[-1] if m else ""
    if not m or len(lead.split()) > 4:
        return None
    return _date_opening(m["value"])


@cache
def _as_at_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(as_at_words(), key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{words})\s+(?P<value>\S.*)$", re.IGNORECASE)


_DATE_OPENS = re.compile(
    r"(?:\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec))", re.I
)
"""How a date opens: a day's number, a weekday or a month."""
_DATE_WORDS = 4
"""Words a labelled date may take at the start of its value ("Tuesday 5 March 2024")."""


_DATE_LABEL_ALONE = re.compile(r"^\s*(?:[A-Za-z]+\s+){0,3}date\s*[:\-]?\s*$", re.IGNORECASE)
"""A label naming a date with nothing after it ("Reporting date:", "Date of meeting")."""
_NUMERIC_DATE = re.compile(r"(?<![\d/.])(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d\d)(?![\d/.])")


def _numeric_date(text: str) -> PartialDate | None:
    """A date written as numbers, day first as in the UK ("01/10/2024", "1.10.2024")."""
    m = _NUMERIC_DATE.search(text)
    if not m:
        return None
    try:
        date = PartialDate(int(m.group(3)), int(m.group(2)), int(m.group(1)))
        date.first_day()
    except ValueError:
        return None
    return date


def _suffixed_date(text: str) -> bool:
    """A line that ends with its date set off by a dash, comma, colon, bar or dot ("Action Plan - February
    2024", "Council · Public Health · January 2016"), perhaps after a word or two saying what the date is
    ("... – published February 2024"): a title or byline dated, not a sentence that mentions a month."""
    months = _month_names()
    return bool(
        re.search(
            rf"(?:\s[–—\-|·•]|[,:])\s*(?:[A-Za-z]+\s+){{0,2}}(?:\d{{1,2}}\s+)?(?:{months})\.?\s+(?:19|20)\d\d\s*$",
            text,
            re.IGNORECASE,
        )
    )


def _in_records(text: str, records: str, values: frozenset[str], in_table: bool) -> bool:
    """Whether a line is a value of the plan's records, or such a value under its label ("Target date:
    December 2024" where an action's timescale is "December 2024").  A table cell's line may be part of its
    cell's value ("Working Group – March 2024", the first line of a timescale); a paragraph's must be the
    whole value (a date under the title may also begin a timescale: "February 2024 April 2024")."""
    line = collapse(text)
    label, colon, value = line.partition(":")
    for part in (line, value.strip() if colon and label else ""):
        if len(part) >= 4 and ((in_table and part in records) or part in values):
            return True
    return False


def _table_lines(table: Table) -> list[Line]:
    return [ln for row in table.rows for cell in row.cells if cell is not None for ln in cell.lines]


_TITLE_YEAR = re.compile(r"^(?P<year>(?:19|20)\d\d)\s+[A-Za-z]|[A-Za-z]\s+(?P<year2>(?:19|20)\d\d)$")


def find_title(doc: SourceDoc) -> str | None:
    """The title: a "Title:" line, else the largest type on the first page, else the first line."""
    for line in _opening_lines(doc, 60):
        m = _TITLE_LABEL.match(line.text.replace("*", ""))
        if m:
            return collapse(m["title"])
    if doc.reader in ("pdf", "docx", "xlsx"):  # readers that know the size of type
        first = _opening_paragraphs(doc)
        sized = [(max(ln.size or 0 for ln in p.lines), p) for p in first if p.text.strip()]
        if sized:
            biggest = max(s for s, _ in sized)
            parts = [p.text for s, p in sized if s == biggest and not _is_noise(p.text)]
            if parts:
                return _strip_date(collapse(" ".join(parts[:2]) if len(parts[0].split()) < 4 else parts[0]))
    for line in _opening_lines(doc, 10):
        text = collapse(line.text.replace("*", "").split("\t")[0])
        if text and not _is_noise(text) and not _is_council_or_date(text):
            return _strip_date(text)
    return None


def _opening_paragraphs(doc: SourceDoc) -> list[Paragraph]:
    """The paragraphs a reader sees first: a PDF's first page; a Word document's or a workbook's paragraphs
    before its first table (at most 20: neither has pages)."""
    if doc.reader == "pdf":
        page = doc.blocks[0].page if isinstance(doc.blocks[0], Paragraph) else 1
        return [p for p in doc.paragraphs() if p.page == page]
    out: list[Paragraph] = []
    for block in doc.blocks[:20]:
        if not isinstance(block, Paragraph):
            break
        out.append(block)
    return out


def _is_council_or_date(text: str) -> bool:
    """A line that only names the council or gives a date (printed above many titles)."""
    m = _COUNCIL.fullmatch(_unshout(text))
    return bool(m) or (parse_date(text) is not None and len(text.split()) <= 4)


def _is_noise(text: str) -> bool:
    return bool(re.fullmatch(r"(?i)\s*(?:draft|final|official|confidential|appendix\s+\w+|page \d+)\s*", text))


def _strip_date(text: str) -> str:
    """Drop a date printed at the end of a title line ("... April 2025", "..., 10 April 2025")."""
    months = _month_names()
    date = rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{months})\.?,?\s+(?:19|20)\d\d"
    kept = re.sub(rf"(?<!\d)[\s,–-]+{date}\s*$", "", text, flags=re.IGNORECASE).strip()
    if kept != text and (m := _as_at_end().search(kept)):
        # "... Action Plan – Position as at": the lead-in of the date goes with it, up to the title's separator
        kept = kept[: m.start()].strip()
    return kept or text


@cache
def _as_at_end() -> re.Pattern[str]:
    """The words before a reporting date at the end of a title line ("– Position as at", ": progress as of")."""
    words = "|".join(re.escape(w) for w in sorted(as_at_words(), key=len, reverse=True))
    return re.compile(rf"(?:(?:\s[–—|-]|[:;])(?:\s+\w+){{0,4}}?)?\s+(?:{words})$", re.IGNORECASE)
