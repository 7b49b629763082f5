"""The records each metamorphic rendering must give, and how an extraction is compared with them.

Every rendering of a plan holds the same records, whatever its layout: per
action, its recommendation's number (``None`` in a themed plan), its words,
its owners, its timescale as printed, and, in a tracker, its RAG status and
progress update where the rendering prints them.  Values are compared
leniently on whitespace, dash and quote style and case only: an extra or
missing word, a dropped full stop or an owner split in the wrong place is a
difference.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from metamorphic.plans import RAG_STATUS, Plan

# The normalised status (from the words, or from the cell's colour) and the progress update.
STATUS_COLUMN = "status"
PROGRESS_COLUMNS = ("progress",)

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})


def norm(text: object) -> str:
    """Text as compared: NFKC, plain dashes and quotes, whitespace collapsed (and none around dashes), lower case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).translate(_QUOTES)
    s = re.sub(r"\s+", " ", s).strip()
    return re.sub(r"\s*-\s*", "-", s).lower()


def norm_owners(owners: object) -> frozenset[str]:
    """A list of owners as compared: a set of normalised names (anything but a list or tuple is no owners)."""
    items = owners if isinstance(owners, list | tuple) else ()
    return frozenset(norm(o) for o in items if norm(o))


@dataclass(frozen=True)
class ExpectedAction:
    """One action as every rendering must give it.

    ``status`` is the rating the plan gives ("Amber"), ``None`` where the
    rendering does not show it; it is compared as the normalised status it
    stands for (``at_risk``), whether the rendering prints the word or only
    shades the cell in its colour.
    """

    rec_id: str | None
    action_id: str
    text: str
    owners: tuple[str, ...]
    timescale: str
    status: str | None
    progress: str | None


def expected_actions(plan: Plan, shows: Iterable[str] = ("status", "progress")) -> list[ExpectedAction]:
    """The records of ``plan``; status and progress only where the rendering ``shows`` those columns."""
    shown = set(shows)
    return [
        ExpectedAction(
            rec_id=group.id if plan.kind == "recommendations" else None,
            action_id=action.id,
            text=action.text,
            owners=action.owners,
            timescale=action.timescale,
            status=action.status if "status" in shown else None,
            progress=action.progress if "progress" in shown else None,
        )
        for group, action in plan.actions()
    ]


@dataclass
class Comparison:
    """How one extraction compares with the expected records.

    ``ok`` counts, per field, the matched actions whose value is right; a field
    is in it only when it was checked (status and progress only once
    extraction has a column for them).
    """

    expected: int = 0
    found: int = 0
    matched: int = 0
    ok: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def f1(self) -> float:
        return 2 * self.matched / (self.expected + self.found) if self.expected + self.found else 1.0

    def accuracy(self, name: str) -> float | None:
        """Share of matched actions whose ``name`` is right; ``None`` when it was not checked."""
        if name not in self.ok:
            return None
        return self.ok[name] / self.matched if self.matched else 0.0


def _wanted(e: ExpectedAction, field_name: str) -> object:
    values = {"rec id": e.rec_id, "owners": e.owners, "timescale": e.timescale, "status": e.status}
    return values.get(field_name, e.progress)


def _same(field_name: str, e: ExpectedAction, have: object) -> bool:
    if field_name == "owners":
        return norm_owners(e.owners) == norm_owners(have)
    if field_name == "status":
        return (RAG_STATUS[e.status] if e.status else None) == have
    return norm(_wanted(e, field_name)) == norm(have)


def compare(expected: Sequence[ExpectedAction], rows: Sequence[dict[str, Any]]) -> Comparison:
    """Pair extracted action rows with ``expected`` by normalised text and check each pair's fields.

    The extracted set of action texts must equal the expected set, and no action
    may be extracted twice.  Status and progress are checked only when the rows
    have a column for them (``STATUS_COLUMN``, ``PROGRESS_COLUMNS``).
    """
    out = Comparison(expected=len(expected), found=len(rows))
    by_text: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_text.setdefault(norm(row.get("text")), []).append(row)
    wanted = {norm(e.text) for e in expected}
    for text, same_text in by_text.items():
        if text not in wanted:
            out.problems.append(f"unexpected action: {same_text[0].get('text')!r}")
        elif len(same_text) > 1:
            out.problems.append(f"extracted {len(same_text)} times: {same_text[0].get('text')!r}")
    # Field compared -> output column; status and progress only where the rows have the column.
    columns = {"rec id": "rec_id", "owners": "owners", "timescale": "timescale_raw"}
    # Status and progress are always compared: an action row without those columns is a problem, not a pass.
    columns["status"] = STATUS_COLUMN
    columns["progress"] = PROGRESS_COLUMNS[0]
    if rows and any(c not in rows[0] for c in columns.values()):
        out.problems.append(f"action rows lack columns {sorted(c for c in columns.values() if c not in rows[0])}")
    out.ok = dict.fromkeys(columns, 0)
    for e in expected:
        if norm(e.text) not in by_text:
            out.problems.append(f"missing action {e.action_id}: {e.text!r}")
            continue
        got = by_text[norm(e.text)][0]
        out.matched += 1
        for name, column in columns.items():
            if _same(name, e, got.get(column)):
                out.ok[name] += 1
            else:
                out.problems.append(f"action {e.action_id}: {name} {got.get(column)!r}, want {_wanted(e, name)!r}")
    return out
