"""Labelled lines of flowed plans: "Action 1.2: ...", "Recommendation 3 - ...", "Lead officer: ...".

Opening labels (recommendation, action) are a short list in
``data/labels.toml``; field labels are read by their words through the same
evidence as column headers (:func:`extractors.columns.best_header_role`), so
"Lead:", "Responsible directorate:", "Date for delivery:" read alike.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

from actionplans.extractors.columns import FIELD_ROLES, best_header_role, header_scores, header_words
from actionplans.normalise.status import status_word
from actionplans.normalise.timescale import parse_timescale

LABEL_FIELDS = (*FIELD_ROLES, "objective")
"""Fields a flowed plan writes as "Label: value": an action's owner, timescale, measure, status,
progress, and the objective it serves ("What we want to achieve: ...")."""

_DATA = Path(__file__).parent / "data" / "labels.toml"


@dataclass(frozen=True)
class _Labels:
    action: frozenset[str]
    recommendation: frozenset[str]


@cache
def group_words() -> dict[str, tuple[str, ...]]:
    """The words plans use for their numbered groups: recommendations, or sections (themes, priorities, ...)."""
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))["groups"]
    return {"recommendation": tuple(data["recommendation"]), "section": tuple(data["section"])}


@cache
def _document_date_words() -> tuple[frozenset[str], frozenset[str]]:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))["document_date"]
    return frozenset(header_words(" ".join(data["events"]))), frozenset(header_words(" ".join(data["qualifiers"])))


@cache
def as_at_words() -> tuple[str, ...]:
    """The words before a tracker's reporting date ("as at"), ``[document_date] as_at``."""
    return tuple(tomllib.loads(_DATA.read_text(encoding="utf-8"))["document_date"]["as_at"])


@cache
def notice_words() -> frozenset[str]:
    """The words of a notice calling a meeting ("to be held"), ``[document_date] notice``."""
    return frozenset(tomllib.loads(_DATA.read_text(encoding="utf-8"))["document_date"]["notice"])


def event_words() -> frozenset[str]:
    """The words naming what a document is dated by ("meeting", "cabinet"), ``[document_date] events``."""
    return _document_date_words()[0]


def dates_document(label: str) -> bool:
    """Whether a label names the document's own date ("Date of meeting", "Meeting", "Last updated"), by its
    words (``[document_date]`` in ``data/labels.toml``): all of them that list's, one an event; not a record's
    date ("Target date", "Next review")."""
    events, qualifiers = _document_date_words()
    words = header_words(label)
    return (
        bool(words)
        and len(words) <= 5
        and all(w in events or w in qualifiers for w in words)
        and (any(w in events for w in words))
    )


def _key(text: str) -> str:
    return " ".join(header_words(text))


@cache
def _labels() -> _Labels:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))["labels"]
    return _Labels(frozenset(_key(x) for x in data["action"]), frozenset(_key(x) for x in data["recommendation"]))


_LABEL = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z /&()'’.?-]{0,60}?)\s*(?P<num>\d+(?:\.\d+)*[a-z]?)?\s*[:–-]\s+(?P<rest>.*)$"
)
_NUMBERED = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,30}?)\s+(?P<num>\d+(?:\.\d+)*[a-z]?)\s*[:.–-]?\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Label:
    """A "Label: value" line of a flowed plan."""

    kind: str
    """``action``, ``recommendation``, a field role (``owner``, ``timescale``, ``measure``, ``status``,
    ``progress``), or ``other``."""
    label: str
    number: str | None
    value: str


def _opening(label: str) -> str | None:
    key = _key(label)
    labels = _labels()
    if key in labels.action:
        return "action"
    if key in labels.recommendation:
        return "recommendation"
    return None


@lru_cache(maxsize=8192)
def read_label(line: str) -> Label | None:
    """Read ``"Action 1.2: ..."``, ``"Recommendation 3 - ..."``, ``"Lead officer: ..."`` lines.

    Cached: the flowed reader asks again of a line as it joins, splits and looks back (a pure function of the
    line; a :class:`Label` is frozen).

    Returns ``None`` for a line that opens with no label.  Field labels come
    back with the role their words name when they end in a colon (or a dash,
    for owner, timescale and measure labels); other short labels (up to four
    words) ending in a colon come back as kind ``other``.
    """
    m = _NUMBERED.match(line)
    if m and m["label"][:1].isupper():
        kind = _opening(m["label"])
        if kind:
            return Label(kind, m["label"], m["num"], m["rest"].strip())
    m = _LABEL.match(line)
    if not m:
        return _dated_label(line)
    kind = _opening(m["label"])
    if kind:
        return Label(kind, m["label"], m["num"], m["rest"].strip())
    if m["num"]:
        return _dated_label(line)  # "Progress to March 2025: ...": the number is the label's date's
    if not m["label"][:1].isupper():
        return None  # a field label is capitalised; "measure: ..." continues a line that wrapped
    words = header_words(m["label"])
    if len(words) > (8 if m["label"].rstrip().endswith("?") else 5):
        return None  # a question may be a label ("How will we know we have succeeded?:"), a long phrase is not
    role = best_header_role(m["label"], floor=0.5)
    if role == "progress" and status_word(m["rest"].strip(" .")):
        role = "status"  # "Position: Amber": a rating alone is the status, as a column of ratings is
    colon = line[m.end("label") :].lstrip().startswith(":")
    if role in LABEL_FIELDS and (colon or role in ("owner", "timescale", "measure")):
        return Label(role, m["label"].strip(), None, m["rest"].strip())
    if colon and len(words) <= 4:
        # a label the vocabulary does not know, over a rating ("BRAG: Amber", "RAG: Complete"): its value
        # names the field, as a column's cells name a column whose header is unknown
        unnamed = not any(header_scores(m["label"]).values())  # "BRAG" names nothing; "Risk" names a record's
        kind = "status" if unnamed and status_word(m["rest"].strip(" .")) else "other"
        return Label(kind, m["label"].strip(), None, m["rest"].strip())
    return None


_DATED_LABEL = re.compile(
    r"^\s*(?P<label>[A-Z][A-Za-z ]{1,40}?)\s*[(\[]?\s*(?:(?:as\s+)?(?:at|of)|to|for)\s+(?P<date>[^:()\[\]]{1,24}?)"
    r"\s*[)\]]?\s*:\s+(?P<rest>\S.*)$"
)


def _dated_label(line: str) -> Label | None:
    """A progress or status label that carries the date it speaks for ("Position at 30 June: ...", "Update
    (as at Q1): ...", "Progress to March 2025: ..."): the label without its date, where the date reads as
    one."""
    m = _DATED_LABEL.match(line)
    if not m or not re.search(r"\d", m["date"]) or len(header_words(m["label"])) > 4:
        return None
    read = parse_timescale(m["date"])
    if read.status != "dated" and read.rule != "needs_reference":  # "30 June", "Q1": dates with no year
        return None
    role = best_header_role(m["label"], floor=0.5)
    if role not in ("progress", "status"):
        return None  # "Target for 2025: 50 homes" says what the target is, not when: no field of a date
    return Label(role, m["label"].strip(), None, m["rest"].strip())


_INLINE = re.compile(r"(?:(?<=[.;,|)]\s)|(?<=\())\s*(?P<label>[A-Z][A-Za-z/&'’ ?()-]{1,50}?)\s*:\s")


def inline_field_starts(text: str) -> list[int]:
    """Where field labels start inside a line ("... council. Lead: Head of Policy. Timescale: ...").

    A label counts after the end of a sentence, a separator or an opening bracket ("... councils (Lead: Chief
    Executive, by June 2025)"), when its words
    name an owner, timescale, measure, status or progress field; after a bar, which only separates fields
    ("Due date: June 2025 | Action owner: ... | BRAG: Amber"), any short label does.
    """
    out = []
    for m in _INLINE.finditer(text):
        role = best_header_role(m["label"], floor=0.5)
        words = len(header_words(m["label"]))
        barred = m.start() >= 2 and text[m.start() - 2 : m.start()].strip() == "|"
        if (role in LABEL_FIELDS or barred) and words <= (8 if "?" in m["label"] else 4):
            out.append(m.start("label"))
    for start in [0, *out]:
        opened = read_label(text[start:])
        if opened is None or opened.kind not in LABEL_FIELDS:
            continue
        # a line of fields set at tab stops ("Responsible: Head of HR   Target: March 2026", the tab read as a
        # space), from its start or from a field found inside it ("... reform.  Lead: GM   By: Q4 2025/26"):
        # after a field, a field label starts another with no separator before it
        value_at = len(text) - len(opened.value)
        for colon in _COLON.finditer(text, value_at):
            before = text[value_at : colon.start()].split()[-4:]  # the words a label of up to three may take
            for n in range(1, min(3, len(before) - 1) + 1):  # the shortest label before the colon
                label = " ".join(before[-n:])
                role = best_header_role(label, floor=0.5) if label[:1].isupper() else None
                if role in LABEL_FIELDS:
                    if role != opened.kind:
                        out.append(colon.start() - len(label))
                    break
    return sorted(set(out))


_COLON = re.compile(r"(?<=[A-Za-z)])\s*:\s")
"""A label's colon inside a line."""
