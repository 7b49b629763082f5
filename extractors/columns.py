"""Column roles from evidence: what a table's header says, what its cells hold, where they sit.

A reader hands over a grid of cells with no idea what it holds.  This module
decides, per table, which column is the action, its owner, its timescale and
so on, and whether the table is an action table at all.  Each column gets a
score per role (:data:`ROLES`) from three kinds of evidence, weighted per
role in ``data/columns.toml``:

* **header words**, matched as words, not phrases: each word weighs for one
  or more roles, the header's head word fully and its modifiers less
  ("Action owner" is an owner column, "Date for delivery" a timescale);
* **cell content**, read with the project's own normalisers: the share of
  cells that :func:`~normalise.parse_timescale` reads as a date, that the
  owner grammar (:mod:`normalise.owners`) reads as roles, teams or people,
  id-shaped values (``1``, ``1.2``, ``R3``), status words (RAG), long prose,
  and how often a cell is merged down (or left blank) over the rows below,
  which marks a column above the action (a recommendation, an objective);
* **position**: ids on the left, recommendation text left of the actions.

Roles are then given out in one constrained pass (:func:`assign_roles`): the
best-scoring (column, role) pairs first, each role to one column, columns
that locate an action (recommendation, objective) left of the action
column.  Every decision keeps its evidence, so the parse report can say why
a column was read as it was and why a table was not taken.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from actionplans.extractors.model import Cell, Row
from actionplans.normalise.owners import (
    is_abbreviation,
    is_clause,
    is_complete,
    is_post_with_portfolio,
    split_owners,
)
from actionplans.normalise.roles import looks_like_person
from actionplans.normalise.status import status_colour, status_word
from actionplans.normalise.text import collapse, singular
from actionplans.normalise.timescale import parse_timescale

ROLES = (
    "rec_id",
    "action_id",
    "rec_text",
    "rec_owner",
    "objective",
    "action",
    "owner",
    "timescale",
    "measure",
    "status",
    "progress",
)
FIELD_ROLES = ("owner", "timescale", "measure", "status", "progress")
"""Roles whose cells describe an action (as opposed to locating it)."""
LOCATING_ROLES = ("rec_id", "rec_text", "rec_owner", "objective")
"""Roles of columns above the action: they sit left of the action column."""

_DATA = Path(__file__).parent / "data" / "columns.toml"
_SAMPLE = 40
"""Cells read per column for content evidence: enough to judge, bounded on huge tables."""


@dataclass(frozen=True)
class _Rules:
    header: dict[str, dict[str, float]]
    """word -> role -> weight"""
    tails: dict[str, dict[str, float]]
    mix: dict[str, tuple[float, float, float]]
    thresholds: dict[str, float]
    long_words: tuple[str, ...]
    stop: tuple[tuple[str, ...], ...]
    """Word sequences that qualify a header without naming a role ("to date")."""
    versions: dict[str, int]
    """Words that say which version of a field a column holds: 1 later ("revised"), -1 earlier ("original")."""
    marks: frozenset[str]
    """What a ticked period's cell holds ("X", "✓"), lower case."""
    unticked: frozenset[str]
    """What an unticked period's cell may hold ("✗", "-"), lower case."""
    starts: frozenset[str]
    """Header words of a column that says when the work starts (``[starts]``)."""


@cache
def _rules() -> _Rules:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    header: dict[str, dict[str, float]] = {}
    for role, words in data["header"].items():
        if role not in ROLES:
            raise ValueError(f"{_DATA}: unknown role {role!r}; known roles: {ROLES}")
        for word, weight in words.items():
            header.setdefault(word, {})[role] = float(weight)
    tails: dict[str, dict[str, float]] = {}
    for role, words in data["tail"].items():
        for word, weight in words.items():
            tails.setdefault(word, {})[role] = float(weight)
    mix = {role: (float(a), float(b), float(c)) for role, (a, b, c) in data["mix"].items()}
    long_words = tuple(sorted((w for w in header if len(w) >= 5), key=len, reverse=True))
    stop = tuple(tuple(singular(w) for w in p.split()) for p in data["stop"]["phrases"])
    versions = {singular(w): 1 for w in data["versions"]["later"]} | {
        singular(w): -1 for w in data["versions"]["earlier"]
    }
    marks = frozenset(str(m).lower() for m in data["periods"]["marks"])
    unticked = frozenset(str(m).lower() for m in data["periods"]["unticked"])
    starts = frozenset(singular(w) for w in data["starts"]["words"])
    thresholds = {k: float(v) for k, v in data["thresholds"].items()}
    return _Rules(header, tails, mix, thresholds, long_words, stop, versions, marks, unticked, starts)


def threshold(name: str) -> float:
    return _rules().thresholds[name]


def period_marks() -> frozenset[str]:
    """What a ticked period's cell holds (``[periods] marks`` in ``data/columns.toml``), lower case."""
    return _rules().marks


# --- header words -----------------------------------------------------------------

_PREPOSITIONS = frozenset("of for by in on with from at".split())  # noqa: SIM905
_MODALS = frozenset("will would shall should can could must".split())  # noqa: SIM905
"""Words that make a header a question or clause ("How we will measure progress", "Who will do it"): its
head is then its question word where that names a role outright ("who", "when"), else the verb after the modal
("measure", "know", "do"), not its last known word ("progress", "it")."""


@lru_cache(maxsize=65536)
def header_words(text: str) -> tuple[str, ...]:
    """A header's words as matched: lower case, ``&`` dropped, possessives and plurals reduced.  Cached: the
    same cell and line texts are asked about by the table finder, the label reader and the pre-scan."""
    text = text.lower().replace("’", "'").replace("'s", "").replace("s'", "s")
    return tuple(singular(w) for w in _HEADER_WORD.findall(text))


_HEADER_WORD = re.compile(r"[a-z0-9#]+")


def _without_stop(words: Sequence[str], stop: tuple[tuple[str, ...], ...]) -> list[str]:
    out: list[str] = []
    i = 0
    while i < len(words):
        hit = next((p for p in stop if tuple(words[i : i + len(p)]) == p), None)
        if hit:
            i += len(hit)
            continue
        out.append(words[i])
        i += 1
    return out


@lru_cache(maxsize=16384)
def _header_scores(text: str) -> tuple[tuple[str, float], ...]:
    return tuple(_score_header(text).items())


def header_scores(text: str) -> dict[str, float]:
    """Evidence in [0, 1] per role from a header's words (see :func:`_score_header`); cached per text."""
    return dict(_header_scores(text))


def _score_header(text: str) -> dict[str, float]:
    """Evidence in [0, 1] per role from a header's words (empty for an empty or unknown header).

    The head word (the last known word before any preposition, else the last
    known word) counts fully, the others at three quarters; each further word
    that agrees adds a little.  A header that ends in a preposition after a
    word ("Action by", "Action for?") names who acts.  A header a narrow
    column broke mid-word ("Timescal e") is read with its spaces removed.
    """
    rules = _rules()
    words = _without_stop(header_words(text), rules.stop)
    if not words or len(words) > 14:
        return {}
    known = [i for i, w in enumerate(words) if w in rules.header]
    if not known:
        squeezed = "".join(words)
        for long_word in rules.long_words:
            if squeezed.startswith(long_word) and len(squeezed) - len(long_word) <= 2:
                return dict(rules.header[long_word])
        return {}
    first_prep = next((i for i, w in enumerate(words) if w in _PREPOSITIONS and i > 0), len(words))
    before = [i for i in known if i < first_prep]
    head = before[-1] if before else known[-1]
    modal = next((i for i, w in enumerate(words) if w in _MODALS), None)
    if modal is not None:
        after = [i for i in known if i > modal]
        asks = known[0] == 0 and max(rules.header[words[0]].values(), default=0.0) >= 0.9  # "who", "when"
        head = known[0] if asks or not after else after[0]
    out: dict[str, float] = {}
    support: dict[str, int] = {}
    for i in known:
        for role, weight in rules.header[words[i]].items():
            value = weight if i == head else 0.75 * weight
            if value > 0:
                support[role] = support.get(role, 0) + 1
            out[role] = max(out.get(role, 0.0), value)
    for role, n in support.items():
        out[role] = min(1.0, out[role] + 0.1 * (n - 1))
    timed = len(words) >= 2 and rules.header.get(words[-2], {}).get("timescale", 0.0) >= 0.5
    if len(words) >= 2 and words[-1] in rules.tails and not timed:
        # "Action by", "Action for?": the header names whoever the preposition points to, so the word
        # before it is only a modifier; after a word of time ("When by?", "Completion by") it is a date.
        out = {role: 0.75 * value for role, value in out.items()}
        for role, weight in rules.tails[words[-1]].items():
            out[role] = max(out.get(role, 0.0), weight)
    return out


def best_header_role(text: str, floor: float = 0.5) -> str | None:
    """The role a header or field label names by its words alone, if any scores ``floor`` or more."""
    scores = header_scores(text)
    if not scores:
        return None
    role, score = max(scores.items(), key=lambda item: (item[1], -ROLES.index(item[0])))
    return role if score >= floor else None


# --- cell content -------------------------------------------------------------------

_ID = re.compile(r"^\(?(?:[A-Za-z]{1,4}[ .\-]?)?\d{1,3}(?:[.\-]\d{1,3}){0,3}(?:\.?[a-z])?\)?[.:)]?$")
_OBJECTIVE_NUMBER = re.compile(r"^\s*\d{1,3}\.\d{1,3}\b")
_NUMBERED_ID = re.compile(r"^\(?\d{1,3}(?:\.\d{1,3}){0,2}(?:\.?[a-z])?\)?[.:)]?$")
_DOTTED = re.compile(r"^\(?[A-Za-z]{0,3}\s?\d{1,3}\.\d{1,3}[a-z]?(?:\.\w{1,3})?\)?[.:)]?$")
_DOTTED_DATE = re.compile(r"^(?:0?[1-9]|[12]\d|3[01])\.(?:0?[1-9]|1[0-2])\.(?:\d\d|(?:19|20)\d\d)$")
"""A day, month and year written with dots ("31.10.25", "01.04.2026"): a date, though it is shaped as a
number of three parts."""
_LIST_MARK = re.compile(r"^\s*(?:[•▪◦●■·*–-]|\(?[a-z]{1,3}[.)]|\(?\d{1,2}[.)])\s+\S")
_REC_MARK = re.compile(r"^\s*(?:recommendation|rec\.?|r)\s*\d{1,3}\b", re.IGNORECASE)


def _is_owner(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 10 or is_clause(text):  # an owner is a role, a team or a person, not a sentence
        return False
    return (
        is_complete(text)
        or is_post_with_portfolio(text)
        or looks_like_person(text, model=False)
        or is_abbreviation(words[0])
    )


def _owner_share(cell: Cell) -> float:
    return _owner_share_of(tuple(ln.text for ln in cell.lines))


def owner_share(lines: Sequence[str]) -> float:
    """The share of the owners written in ``lines`` that read as roles, teams or people (0 to 1; lowered for
    long ones): the content evidence of an owner column."""
    return _owner_share_of(tuple(lines))


@lru_cache(maxsize=8192)
def _owner_share_of(lines: tuple[str, ...]) -> float:
    """The share of a cell's owners (by the owner grammar) that read as roles, teams or people."""
    words = len(" ".join(lines).split())
    if words > 40:
        return 0.0
    owners = split_owners(list(lines))
    if not owners:
        return 0.0
    known = sum(1 for o in owners if _is_owner(o))
    share = known / len(owners)
    per_owner = words / len(owners)
    return share * (1.0 if per_owner <= 8 else 8 / per_owner)


@lru_cache(maxsize=8192)
def _dated(text: str) -> float:
    """How surely a cell is a timescale: it parses as one, and is short (a date inside a sentence is not)."""
    words = len(text.split())
    if words > 14 or (_NUMBERED_ID.match(text) and not _DOTTED_DATE.match(text.strip())):
        return 0.0  # "1.2", "3.1.a" are numbers of things, not dates ("Mar 26", "Q3", "31.10.25" are dates)
    status = parse_timescale(text).status
    value = 1.0 if status == "dated" else 0.6 if status in ("ongoing", "completed") else 0.0
    return value * min(1.0, (6 / words) ** 2) if words else 0.0


@dataclass(frozen=True)
class Content:
    """What a column's cells look like, each share in [0, 1]."""

    cells: int = 0
    words: float = 0.0
    """Mean words per cell."""
    ids: float = 0.0
    dotted: float = 0.0
    """Share of cells that are dotted ids ("1.1", "R2.3"): numbers of actions under recommendations."""
    dated: float = 0.0
    owners: float = 0.0
    statuses: float = 0.0
    """Share of cells that are status words ("Amber", "On track") or only a rating colour."""
    rag: float = 0.0
    """Share of cells that are status words and no timescale ("Amber", not "Ongoing")."""
    merged: float = 0.0
    """Share of rows where the column has nothing new (merged down from above, or left blank)."""
    runs_on: float = 0.0
    """Share of rows where the column has nothing new, counting a cell that repeats the text above (a sheet
    that writes its recommendation's number on every row of its actions, instead of merging it)."""
    numbered: float = 0.0
    listed: float = 0.0
    rec_marked: float = 0.0
    numeric: float = 0.0
    """Share of cells with no letter in them: counts, amounts, ticks' numbers."""

    @property
    def prose(self) -> float:
        return max(0.0, min(1.0, (self.words - 3.0) / 9.0))

    def scores(self) -> dict[str, float]:
        """Content evidence per role."""
        if not self.cells:
            return {}
        prose, level = self.prose, self.merged
        short_value = max(self.dated, self.statuses, self.ids)
        action = prose * (1 - 0.6 * level) * (1 - short_value) * (1 - 0.5 * self.owners) + 0.2 * self.listed
        return {
            "rec_id": self.ids * (1 - prose) * (1 - 0.7 * self.dotted),
            "action_id": self.ids * (1 - prose) * self.dotted,
            "rec_text": min(1.0, prose * (0.4 + 0.6 * level) + 0.3 * self.rec_marked) * (1 - short_value),
            "rec_owner": self.owners * level,
            "objective": prose * (0.3 + 0.7 * max(level, self.numbered)) * (1 - short_value),
            "action": min(1.0, action),
            "owner": self.owners * (1 - 0.5 * self.dated) * (1 - self.ids),
            "timescale": self.dated * (1 - self.rag),
            "measure": 0.5 * prose * (1 - short_value),
            "status": self.statuses * (1 - 0.5 * max(0.0, self.dated - self.statuses)),
            "progress": 0.5 * prose * (1 - short_value),
        }

    def describe(self) -> str:
        return (
            f"{self.cells} cells, {self.words:.1f} words each; dates {self.dated:.0%}, owners {self.owners:.0%}, "
            f"ids {self.ids:.0%}, statuses {self.statuses:.0%}, merged/blank {self.merged:.0%}"
        )


def column_content(rows: Sequence[Row], col: int) -> Content:
    """Read the content evidence of column ``col`` over ``rows`` (a sample of at most :data:`_SAMPLE` cells)."""
    cells: list[Cell] = []
    ids: set[int] = set()
    merged = coloured = repeated = 0
    counted = 0
    prev: Cell | None = None
    for row in rows:
        if not row.filled or row.spans_all:
            continue
        counted += 1
        cell = row.cells[col] if col < len(row.cells) else None
        if cell is not None and cell.empty and status_colour(cell.fill) is not None:
            coloured += 1
        if cell is None or cell.empty or cell is prev:
            merged += 1
        else:
            if prev is not None and collapse(cell.text) == collapse(prev.text):
                repeated += 1  # written again, not merged: still sampled, as any cell of its own is
            if len(cells) < _SAMPLE and id(cell) not in ids:
                ids.add(id(cell))
                cells.append(cell)
        if cell is not None:
            prev = cell
    if not cells:
        share = coloured / counted if counted else 0.0
        whole = 1.0 if counted else 0.0
        return Content(cells=coloured, statuses=share, rag=share, merged=whole, runs_on=whole)
    texts = [collapse(c.text) for c in cells]
    dated = [_dated(t) for t in texts]
    n = len(cells)
    return Content(
        cells=n,
        words=sum(len(t.split()) for t in texts) / n,
        ids=sum(bool(_ID.match(t)) and not d for t, d in zip(texts, dated, strict=True)) / n,
        dotted=sum(bool(_DOTTED.match(t)) for t in texts) / n,
        dated=sum(dated) / n,
        owners=sum(_owner_share(c) for c in cells) / n,
        statuses=(sum(status_word(t) is not None for t in texts) + coloured) / (n + coloured),
        rag=sum(status_word(t) is not None and not d for t, d in zip(texts, dated, strict=True)) / n,
        merged=merged / counted if counted else 0.0,
        runs_on=(merged + repeated) / counted if counted else 0.0,
        numbered=sum(bool(_OBJECTIVE_NUMBER.match(t)) for t in texts) / n,
        listed=sum(len(c.paras) > 1 or bool(_LIST_MARK.match(t)) for c, t in zip(cells, texts, strict=True)) / n,
        rec_marked=sum(bool(_REC_MARK.match(t)) for t in texts) / n,
        numeric=sum(not any(ch.isalpha() for ch in t) for t in texts) / n,
    )


def _position(role: str, col: int) -> float:
    if role == "rec_id":
        return 1.0 if col == 0 else 0.3 if col == 1 else 0.0
    if role == "action_id":
        return 0.5 if col else 0.3
    if role == "rec_text":
        return 1.0 if col <= 1 else 0.5 if col == 2 else 0.2
    return 0.5


# --- numbers of things ------------------------------------------------------------------

_LEADING = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r)?(\d{1,3}[a-z]?)\s*[.):–-]\s+(?=\S)", re.IGNORECASE)
_CHILD = re.compile(r"^\(?(\d{1,3}(?:\.\d{1,3})*)(?:[.\-]?[a-z]{1,2}|\.\d{1,3}|\([a-z\d]{1,3}\))\)?$", re.IGNORECASE)


def leading_number(text: str) -> tuple[str, str] | None:
    """The number a text opens with and the text after it: "1. The quality of ...", "R1: ...",
    "Recommendation 3 – ..." -> ``("1", "The quality of ...")``; ``None`` without one."""
    m = _LEADING.match(text)
    return (m.group(1), text[m.end() :]) if m else None


def numbered_under(number: str, parent: str) -> bool:
    """Whether ``number`` ("1.1.a", "1.1a") is numbered under ``parent`` ("1.1")."""
    return (
        bool(parent)
        and number.startswith(parent)
        and len(number) > len(parent)
        and number[len(parent)] in ".abcdefghijklmnopqrstuvwxyz"
    )


def id_parent(number: str) -> str | None:
    """The number an id is numbered under: "1a" -> "1", "1.2" -> "1", "1.2.a" -> "1.2", "1(b)" -> "1";
    ``None`` for an id of one part ("3", "A7")."""
    m = _CHILD.match(number.strip().rstrip(".:"))
    return m.group(1) if m else None


def _plain_id(text: str) -> str:
    return collapse(text).rstrip(".:)").lstrip("(")


# --- assignment -----------------------------------------------------------------------


def _id_columns(
    chosen: dict[int, _Candidate],
    matrix: list[dict[str, _Candidate]],
    contents: Sequence[Content],
    body: Sequence[Row],
    headers: Sequence[str],
) -> None:
    """Of two columns of numbers, the one that runs on down the rows numbers the recommendations, the one that
    changes from row to row the actions.

    A tracker may number its actions with codes of their own ("A1" ... "A33", "CYPE01") beside the number of
    the recommendation each serves ("1", "1", "1", "2"): by their form both are ids, and without dots neither
    says which it is.  Told by how they run, as two owner columns are (:data:`_RUNS_ON`).
    """
    rec = next((col for col, c in chosen.items() if c.role == "rec_id"), None)
    if rec is None:
        return
    numbered = any(c.role == "action_id" for c in chosen.values())
    as_action = _Candidate(max(matrix[rec]["action_id"].score, threshold("role")), rec, "action_id")
    # The other column must be headed as a number or a recommendation ("Ref", "No.", "Rec"), or not headed:
    # a "Priority" or "Theme" column of numbers is a grouping of its own, not the recommendations' numbers.
    others = [
        col
        for col in range(len(contents))
        if col != rec
        and (col not in chosen or chosen[col].role is None)
        and contents[col].ids >= 0.8
        and (not headers[col].strip() or any(matrix[col][r].parts[0] > 0 for r in ("rec_id", "action_id", "rec_text")))
    ]
    action = next((col for col, c in chosen.items() if c.role == "action"), None)
    runs = _runs_on_actions(body, rec, action)
    if runs is None:
        return
    for other in others[:1] if not numbered else []:
        if (_runs_on_actions(body, other, action) or 0.0) >= runs + _RUNS_ON:
            chosen[other] = _Candidate(max(matrix[other]["rec_id"].score, threshold("role")), other, "rec_id")
            chosen[rec] = as_action
            return
    if runs == 0 and not any(c.role == "rec_text" for c in chosen.values()):
        # A new number on every row, and nothing of a recommendation's: it numbers the rows.  The actions' own
        # number where they have none, else a second numbering (a sort order), kept under its header.
        if numbered:
            chosen.pop(rec)
        else:
            chosen[rec] = as_action


def _refined_ids(chosen: dict[int, _Candidate], matrix: list[dict[str, _Candidate]], body: Sequence[Row]) -> None:
    """A column of ids numbered under another column's numbers is the actions' ids, not the recommendations'.

    A plan may give each action a reference of its own ("1a", "1b", "1c") beside its recommendation, merged
    down the rows of its actions and numbered in its own words ("1. The quality of ... should improve").  By
    their form the references are a recommendation's numbers ("1a" has no dot), so the column is first read
    as one; but each refines the number of the recommendation beside it (:func:`refines`), which makes them
    the numbers of the things under it.  The recommendation keeps its column and its own number.
    """
    rec = next((col for col, c in chosen.items() if c.role == "rec_id"), None)
    action = next((col for col, c in chosen.items() if c.role == "action"), None)
    if rec is None or action is None or any(c.role == "action_id" for c in chosen.values()):
        return
    parents = [col for col, c in chosen.items() if c.role in ("rec_text", "objective") and col != rec]
    if any(refines(body, rec, parent, action) for parent in parents):
        chosen[rec] = _Candidate(max(matrix[rec]["action_id"].score, threshold("role")), rec, "action_id")


def refines(body: Sequence[Row], col: int, parent: int, action: int) -> bool:
    """Whether the ids in column ``col`` number things under the rows' entries in column ``parent``.

    Over the rows with an action (at least two), either nearly every id is numbered under the number the
    parent cell opens with ("1a" beside "1. The quality of ..."), or, where the parent cells give no number,
    the ids change from row to row while the parent cell runs on (merged down, left blank or written again),
    and the ids beside each parent cell share one number of their own ("3a", "3b" beside one merged cell,
    "4a" beside the next): that number is the parent's.
    """
    rows = under = numbered = 0
    runs: list[tuple[str, list[str]]] = []
    prev: Cell | None = None
    for row in body:
        if row.spans_all or not row.text(action).strip():
            continue
        child = _plain_id(row.text(col))
        cell = row.cells[parent] if parent < len(row.cells) else None
        cell = prev if cell is None or cell.empty else cell
        if not child or cell is None:
            continue
        prev, rows = cell, rows + 1
        text = collapse(cell.text)
        found = leading_number(text)
        if found is not None:
            numbered += 1
            under += numbered_under(child, found[0])
        if runs and runs[-1][0] == text:
            runs[-1][1].append(child)
        else:
            runs.append((text, [child]))
    if rows < 2:
        return False
    if numbered:
        return under >= max(2, 0.8 * rows)
    shared = [{id_parent(c) for c in children} for _, children in runs]
    return (
        any(len(children) >= 2 for _, children in runs)
        and all(len(s) == 1 and None not in s for s in shared)
        and all(len(set(children)) == len(children) for _, children in runs)
        and len({next(iter(s)) for s in shared}) == len(runs)
    )


def _runs_on_actions(body: Sequence[Row], col: int, action: int | None) -> float | None:
    """The share of the rows with an action where column ``col`` has nothing new (merged, blank or repeated
    from the row above); rows without an action, such as a recommendation's own row, aside.  ``None`` for
    fewer than two such rows."""
    if action is None:
        return None
    prev: Cell | None = None
    rows = same = 0
    for row in body:
        if row.spans_all or not row.text(action).strip():
            continue
        cell = row.cells[col] if col < len(row.cells) else None
        rows += 1
        if (
            cell is None
            or cell.empty
            or cell is prev
            or (prev is not None and collapse(cell.text) == collapse(prev.text))
        ):
            same += 1
        if cell is not None and not cell.empty:
            prev = cell
    return same / rows if rows >= 2 else None


def _due_column(
    chosen: dict[int, _Candidate], matrix: list[dict[str, _Candidate]], body: Sequence[Row], n: int
) -> None:
    """Among several date columns, keep as the timescale the one that says when each action is due.

    A tracker beside its target dates may record when each action started and when its row was last
    updated.  Told by the dates, not the headers: a column whose dates all fall within
    :data:`_RECORD_DAYS` of each other while another's spread further records when the sheet was kept; a
    column never later than another, row by row, holds starts.  The columns put aside keep their headers
    (``extra``).
    """
    current = next((col for col, c in chosen.items() if c.role == "timescale"), None)
    if current is None or not body:
        return
    candidates = [current] + [
        col for col in range(n) if col not in chosen and matrix[col]["timescale"].score >= threshold("role")
    ]
    if len(candidates) < 2:
        return
    ends = {col: [_due_end(row.text(col)) for row in body] for col in candidates}

    def spread(col: int) -> int:
        days = sorted(d for d in ends[col] if d is not None)
        return (days[-1] - days[0]).days if len(days) >= 3 else -1

    widest = max(spread(col) for col in candidates)
    kept = [col for col in candidates if not (0 <= spread(col) <= _RECORD_DAYS < widest)]

    def earlier(a: int, b: int) -> bool:
        pairs = [(x, y) for x, y in zip(ends[a], ends[b], strict=True) if x is not None and y is not None]
        return len(pairs) >= 2 and all(x <= y for x, y in pairs) and any(x < y for x, y in pairs)

    kept = [a for a in kept if not any(earlier(a, b) for b in kept if b != a)]
    if len(kept) == 1 and kept[0] != current:
        chosen.pop(current)
        chosen[kept[0]] = _Candidate(max(matrix[kept[0]]["timescale"].score, threshold("role")), kept[0], "timescale")


def _due_end(text: str) -> Any:
    found = parse_timescale(text) if text.strip() else None
    return found.end if found is not None and found.status == "dated" else None


_RECORD_DAYS = 45
"""Dates that all fall within this many days of each other are when rows were recorded, not when actions
are due (a plan's due dates spread over months)."""

_RUNS_ON = 0.25
"""How much more of one owner column than the other must be merged down (or left empty) for it to be the
recommendation's owner column rather than the actions'."""


@dataclass(frozen=True)
class Column:
    """One column of a table and the role it was given (``None``: kept under its header in ``extra``)."""

    index: int
    header: str
    role: str | None
    score: float = 0.0
    scores: tuple[tuple[str, float], ...] = ()
    """The column's three best roles and their scores, best first."""
    evidence: str = ""
    """Why: the header words and the content that counted."""
    named: float = 0.0
    """How strongly the header's words alone name the role (0: the role was read from the cells)."""


@dataclass(frozen=True)
class HeaderMap:
    """The roles of a table's columns, and whether the table is an action table."""

    columns: tuple[Column, ...]
    accepted: bool = True
    reason: str = ""
    """Why the table was rejected (empty when accepted)."""
    stand_ins: tuple[int, ...] = ()
    """Earlier versions of the timescale column, latest first (:func:`_versions`): where its cell is blank,
    the first of these with a date is the row's timescale.  They keep no role (their cells are also extras)."""
    start: int | None = None
    """A column of the dates the actions start (:func:`start_column`), beside the timescale's: with both on a
    row, its timescale is the span.  It keeps no role (its cells are also extras)."""
    periods: tuple[tuple[int, str], ...] = ()
    """Columns of ticked periods and the period each names ("Q1"), left to right (:func:`period_columns`),
    where no column is the timescale's: the periods ticked on a row are its timescale.  They keep no role."""

    def index(self, role: str) -> int | None:
        for col in self.columns:
            if col.role == role:
                return col.index
        return None

    def indices(self, role: str) -> list[int]:
        """Every column of ``role``, left to right (two owner columns side by side: both are the owners)."""
        return [col.index for col in self.columns if col.role == role]

    @property
    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    @property
    def extra(self) -> list[Column]:
        return [c for c in self.columns if c.role is None and c.header]

    def describe(self) -> list[dict[str, Any]]:
        """The columns as the parse report stores them."""
        return [
            {"index": c.index, "header": c.header, "role": c.role, "score": round(c.score, 2), "evidence": c.evidence}
            for c in self.columns
        ]


@dataclass
class _Candidate:
    score: float
    col: int
    role: str
    parts: tuple[float, float, float] = field(default=(0.0, 0.0, 0.0))


def _score_matrix(headers: Sequence[str], contents: Sequence[Content]) -> list[dict[str, _Candidate]]:
    rules = _rules()
    has_body = any(c.cells for c in contents)
    out: list[dict[str, _Candidate]] = []
    for col, (text, content) in enumerate(zip(headers, contents, strict=True)):
        h = header_scores(text)
        c = content.scores()
        per: dict[str, _Candidate] = {}
        for role in ROLES:
            wh, wc, wp = rules.mix[role]
            hv = h.get("owner", 0.0) if role == "rec_owner" else h.get(role, 0.0)
            cv = c.get(role, 0.0)
            pv = _position(role, col)
            if not has_body:
                score = hv  # a header alone: its words are all the evidence there is
            elif not content.cells:
                score = wh * hv  # an empty column: only its header speaks
            elif role == "action" and content.numeric >= threshold("action_numeric"):
                score = 0.0  # counts under an "actions" header: an action is written in words
            else:
                score = wh * hv + wc * cv + wp * pv
            per[role] = _Candidate(score, col, role, (hv, cv, pv))
        out.append(per)
    return out


def _greedy(matrix: list[dict[str, _Candidate]], action_col: int | None) -> dict[int, _Candidate]:
    """Roles given out best first; locating roles only left of ``action_col``, fields only right of ids."""
    floor = threshold("role")
    chosen: dict[int, _Candidate] = {}
    if action_col is not None:
        chosen[action_col] = matrix[action_col]["action"]
    taken = {"action"} if action_col is not None else set()
    pool = sorted(
        (cand for col, per in enumerate(matrix) if col != action_col for cand in per.values()),
        key=lambda cand: (-cand.score, cand.col, ROLES.index(cand.role)),
    )
    for cand in pool:
        if cand.score < floor or cand.col in chosen or cand.role in taken or cand.role in ("action", "rec_owner"):
            continue
        if action_col is not None and cand.role in LOCATING_ROLES and cand.col > action_col:
            continue
        chosen[cand.col] = cand
        taken.add(cand.role)
    return chosen


def _grouped_as_owners(left: str, right: str) -> bool:
    """Whether two columns' headers open with the words of one group header that names owners: a header of
    two rows read as one text per column ("Responsible officers Director", "Responsible officers Lead
    officer")."""
    a, b = left.split(), right.split()
    shared = 0
    while shared < min(len(a), len(b)) - 1 and a[shared].lower() == b[shared].lower():
        shared += 1
    return shared > 0 and best_header_role(" ".join(a[:shared])) == "owner"


def assign_roles(headers: Sequence[str], body: Sequence[Row] = ()) -> HeaderMap:
    """Give each column of a table a role from its header text and its body rows, and judge the table.

    The action column is the one that, with the best assignment of the other
    roles around it, gives the highest total score.  A second owner column
    left of the actions (beside one to their right) holds the
    recommendation's owner.  The table is an action table when its action
    column scores :func:`threshold` ``action`` and another column takes a role;
    with a single other role, the action cells must read as sentences, not
    labels (a review timetable's "Action | Date" is not a plan).
    """
    texts = [collapse(h) for h in headers]
    ncols = len(texts)
    contents = [column_content(body, c) for c in range(ncols)]
    matrix = _score_matrix(texts, contents)
    # Every reading is tried: each column as the actions, and none; the best total wins, so a
    # column that reads better as a measure is not made the action column for want of one.
    readings = [_greedy(matrix, None)]
    readings += [_greedy(matrix, col) for col in range(ncols) if matrix[col]["action"].score >= threshold("role")]
    chosen = max(
        readings, key=lambda r: sum(c.score for c in r.values()) + 1e-6 * any(c.role == "action" for c in r.values())
    )
    action_col = next((col for col, c in chosen.items() if c.role == "action"), None)
    owner_col = next((col for col, c in chosen.items() if c.role == "owner"), None)
    if action_col is not None and owner_col is not None and owner_col < action_col:
        # A second owner column to the right takes the actions' owners only if its header says owner (or it
        # has none): a column of codes ("SO1, SO3") reads like abbreviated owners by its content alone.
        right = [
            col
            for col in range(action_col + 1, ncols)
            if col not in chosen
            and matrix[col]["owner"].score >= threshold("role")
            and (matrix[col]["owner"].parts[0] > 0 or not texts[col])
        ]
        if right:
            chosen[owner_col] = _Candidate(matrix[owner_col]["rec_owner"].score, owner_col, "rec_owner")
            chosen[right[0]] = matrix[right[0]]["owner"]
    elif action_col is not None and owner_col is not None:
        left = [
            col
            for col in range(action_col)
            if col not in chosen and matrix[col]["rec_owner"].score >= threshold("role")
        ]
        if left:
            chosen[left[0]] = matrix[left[0]]["rec_owner"]
    if action_col is not None and owner_col is not None and not any(c.role == "rec_owner" for c in chosen.values()):
        # Two owner columns on the same side of the actions: the one whose cells run on down the rows (merged or
        # left empty until the recommendation changes) is the recommendation's owner, the one that changes
        # from action to action the actions' own.
        # The second column must say owner in its header (or have none), as on the other side: a column of
        # codes ("SO1, SO3") reads like abbreviated owners by its content alone.
        others = [
            col
            for col in range(ncols)
            if col not in chosen
            and matrix[col]["owner"].score >= threshold("role")
            and contents[col].owners >= 0.5
            and (matrix[col]["owner"].parts[0] > 0 or not texts[col])
        ]
        for second in others[:1]:
            if abs(second - owner_col) == 1 and _grouped_as_owners(texts[owner_col], texts[second]):
                # Under one group header that names owners ("Responsible officers" over "Director | Lead
                # officer"): each action has the owners of both, in the columns' order, repeated or not.
                chosen[second] = matrix[second]["owner"]
            elif contents[second].runs_on >= contents[owner_col].runs_on + _RUNS_ON:
                score = max(matrix[second]["rec_owner"].score, threshold("role"))
                chosen[second] = _Candidate(score, second, "rec_owner")
            elif contents[owner_col].runs_on >= contents[second].runs_on + _RUNS_ON:
                score = max(matrix[owner_col]["rec_owner"].score, threshold("role"))
                chosen[owner_col] = _Candidate(score, owner_col, "rec_owner")
                chosen[second] = matrix[second]["owner"]
    _id_columns(chosen, matrix, contents, body, texts)
    _refined_ids(chosen, matrix, body)
    _due_column(chosen, matrix, body, ncols)
    stand_ins = _versions(chosen, matrix, texts)
    start = start_column(chosen, texts, body)
    periods = () if any(c.role == "timescale" for c in chosen.values()) else period_columns(texts, body, chosen)
    ticked = {col for col, _ in periods}
    columns = []
    for col in range(ncols):
        cand = chosen.get(col)
        ranked = sorted(matrix[col].values(), key=lambda c: -c.score)[:3]
        columns.append(
            Column(
                index=col,
                header=texts[col],
                role=cand.role if cand else None,
                score=cand.score if cand else 0.0,
                scores=tuple((c.role, round(c.score, 3)) for c in ranked),
                evidence=_evidence(texts[col], contents[col], cand)
                + ("; an earlier version of the timescale: stands in where it is blank" if col in stand_ins else "")
                + ("; a period ticked for the actions: their timescale" if col in ticked else "")
                + ("; when the actions start: their timescale runs from it" if col == start else ""),
                named=cand.parts[0] if cand else 0.0,
            )
        )
    accepted, reason = _judge(columns, contents, action_col, bool(body))
    if action_col is None and ncols:
        likeliest = max(range(ncols), key=lambda c: matrix[c]["action"].score)
        cand = matrix[likeliest]["action"]
        other = columns[likeliest]
        read_as = f"reads better as {other.role} ({other.score:.2f})" if other.role else "takes no role"
        reason = (
            f"no column reads as actions: the likeliest, {other.header or 'column ' + str(likeliest + 1)!r}, "
            f"scores {cand.score:.2f} as actions and {read_as}"
        )
    return HeaderMap(tuple(columns), accepted, reason, stand_ins, start, periods)


def _versions(
    chosen: dict[int, _Candidate], matrix: list[dict[str, _Candidate]], texts: Sequence[str]
) -> tuple[int, ...]:
    """The timescale's earlier versions, latest first; the latest version made the timescale if it is not.

    Date columns left without a role whose headers are the timescale's but for words of ``[versions]`` in
    ``data/columns.toml`` ("Original target date" beside "Revised target date"), or for words of a
    timescale ("Original date"), are one field written as it changed: the later the version, the surer the
    date (by those words; by reading order where they are alike)."""
    current = next((col for col, c in chosen.items() if c.role == "timescale"), None)
    if current is None:
        return ()
    rules = _rules()

    def split(text: str) -> tuple[int, frozenset[str]]:
        words = [w for w in header_words(text) if w not in _PREPOSITIONS]
        marks = {rules.versions[w] for w in words if w in rules.versions}
        return (marks.pop() if len(marks) == 1 else 0), frozenset(w for w in words if w not in rules.versions)

    def alike(a: frozenset[str], b: frozenset[str]) -> bool:
        small, large = sorted((a, b), key=len)
        return bool(small) and small <= large and all("timescale" in rules.header.get(w, {}) for w in large - small)

    rank, stem = split(texts[current])
    versions = [(rank, current)]
    for col, text in enumerate(texts):
        if col in chosen or matrix[col]["timescale"].score < threshold("role"):
            continue
        other_rank, other_stem = split(text)
        if other_rank != rank and alike(stem, other_stem):
            versions.append((other_rank, col))
    if len(versions) == 1:
        return ()
    versions.sort(reverse=True)  # the latest first: by its words, then the rightmost
    latest = versions[0][1]
    if latest != current:
        chosen.pop(current)
        chosen[latest] = _Candidate(max(matrix[latest]["timescale"].score, threshold("role")), latest, "timescale")
    return tuple(col for _, col in versions[1:])


_YEAR_TEXT = r"(?:19|20)\d\d(?:\s*[/-]\s*\d\d)?"
YEAR = re.compile(rf"\b{_YEAR_TEXT}\b")
"""A year or a financial year as a header or a title writes it ("2025", "2025/26", "2025-26")."""
_PERIOD = re.compile(
    r"\b(?:Q[1-4]|Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
    rf"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?|{_YEAR_TEXT})\b"
)
"""A period a header may name: a quarter, a month, a year or a financial year."""


def period_columns(
    texts: Sequence[str], body: Sequence[Row], chosen: dict[int, _Candidate] | None = None
) -> tuple[tuple[int, str], ...]:
    """The columns of periods ticked for each action ("Q1 | Q2 | Q3 | Q4" over "X" marks), each with the period
    its header names ("Q1", or "Q1 2025/26" where it names the year too): two or more side by side, taking no
    other role, every cell with something in it a mark of ``[periods]`` in ``data/columns.toml``, and a mark
    on some row.  The longest such run; none where there is none.  Words the run's headers open with alike
    are a group header over them ("Milestone (Q1-Q4)" over "Q1", "Q2", ...): each is named by what follows."""
    marks, unticked = _rules().marks, _rules().unticked

    def ticks(col: int) -> bool | None:
        cells = [collapse(row.text(col)).lower() for row in body if not row.spans_all]
        filled = [c for c in cells if c and c not in unticked]
        return None if any(c not in marks for c in filled) else bool(filled)

    ticked = {
        col: ticks(col) for col in range(len(texts)) if not (chosen and col in chosen) and _PERIOD.search(texts[col])
    }
    runs: list[list[int]] = [[]]
    for col in range(len(texts)):
        if ticked.get(col) is not None:
            runs[-1].append(col)
        else:
            runs.append([])
    best = max(runs, key=len)
    if len(best) < 2 or not any(ticked[col] for col in best):
        return ()
    words = [texts[col].split() for col in best]
    shared = 0
    while shared < min(map(len, words)) - 1 and len({w[shared] for w in words}) == 1:
        shared += 1
    for skip in (0, shared):  # each header's own period first ("Q4 2025/26" | "Q4 2026/27"), else after the group's
        labels = [_period_label(" ".join(own[skip:]), texts[col]) for col, own in zip(best, words, strict=True)]
        if len(set(labels)) == len(labels):
            return tuple(zip(best, labels, strict=True))
    return ()


def _period_label(text: str, header: str) -> str:
    """The period ``text`` (a header, or what follows its group's words) names first, with the year the whole
    ``header`` names beside it, if any ("Q1 2025/26")."""
    found = _PERIOD.findall(text) or _PERIOD.findall(header)
    year = next((y for y in YEAR.findall(header) if y != found[0]), None)
    return f"{found[0]} {year}" if year and not YEAR.fullmatch(found[0]) else found[0]


def start_column(chosen: dict[int, _Candidate], texts: Sequence[str], body: Sequence[Row]) -> int | None:
    """The column of the dates the actions start, beside the timescale's: left without a role, a word of
    ``[starts]`` in ``data/columns.toml`` in its header ("Start date", "Date commencing"), dates on two rows
    or more, and none later than the due date on its row."""
    due = next((col for col, c in chosen.items() if c.role == "timescale"), None)
    if due is None:
        return None
    words = _rules().starts
    for col, text in enumerate(texts):
        if col in chosen or not words & set(header_words(text)):
            continue
        pairs = [(_due_end(row.text(col)), _due_end(row.text(due))) for row in body]
        both = [(a, b) for a, b in pairs if a is not None and b is not None]
        if len(both) >= 2 and all(a <= b for a, b in both):
            return col
    return None


def _evidence(header: str, content: Content, cand: _Candidate | None) -> str:
    words = header_scores(header)
    said = ", ".join(f"{r} {v:.2f}" for r, v in sorted(words.items(), key=lambda kv: -kv[1])[:3]) or "no known words"
    got = f"; chose {cand.role} (header {cand.parts[0]:.2f}, content {cand.parts[1]:.2f})" if cand else ""
    body = f"; content: {content.describe()}" if content.cells else ""
    return f"header: {said}{body}{got}"


def _judge(columns: list[Column], contents: list[Content], action_col: int | None, has_body: bool) -> tuple[bool, str]:
    if action_col is None:
        return False, "no column reads as actions (no action header words, no column of long distinct prose)"
    action = columns[action_col]
    if action.score < threshold("action"):
        return False, f"the likeliest action column ({action.header or 'no header'}) scores {action.score:.2f}"
    others = [c for c in columns if c.role and c.role != "action" and c.score >= threshold("other")]
    if not others:
        return False, "no column beside the actions reads as an owner, timescale, measure, status or recommendation"
    evidence = action.score + sum(c.score for c in others)
    if evidence < threshold("table"):
        return False, f"the evidence for an action table adds up to {evidence:.2f}, short of {threshold('table'):.2f}"
    words = contents[action_col].words
    if has_body and contents[action_col].cells and len(others) == 1 and words < threshold("words_two_columns"):
        return False, f"the action cells are labels of {words:.1f} words on average, not actions"
    return True, ""
