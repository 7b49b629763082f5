"""Which documents are one plan: renderings and versions, found from what the plans say.

Councils publish one plan as several files (a PDF and the Word document it was
exported from, a committee page and its PDF, the same file twice), and publish
it again months on with progress filled in.  Comparison wants each plan once,
and its latest state, so every document with actions gets:

* ``plan_id``: the same for every rendering and version of one plan.  Two
  documents are one plan when their action texts, normalised (case, spacing,
  punctuation), overlap: at least half of the larger document's actions, and
  at least two, are in the other, and they are not known to be two councils'
  (a council's plan that reuses another's wording is its own plan).  File
  names never count.  Links are transitive (a PDF, its text export and a
  later update form one plan through any two of them); measured against the
  larger document, a short one (a single action shared by two plans) cannot
  join two plans.
* ``plan_version``: 1, 2, ... by the month of ``document_date``, oldest first.
  Renderings dated in one month are one version; an undated rendering is part
  of the version of the dated document it shares most actions with (version 1
  when none is dated).
* ``primary``: one rendering of each version, the one comparison counts.  The
  rule, in order: one whose council is known; the most complete records (the share of actions with an
  owner, plus the share with a timescale, a measure and a status: a rendering
  whose extraction split or duplicated rows has fieldless fragments and scores
  lower); then more actions; then the format the council authored (PDF, Word,
  Excel, web page, then text exports); then the source path, so the choice is
  deterministic.

A ``plan_id`` once given is kept: a later run that adds a rendering, or a new
version, gives it the plan's existing id, so analysts can join on it across
runs.  When a new document links two plans that had ids of their own, the id
held by more documents wins.  Everything here is computed from each
document's :func:`content_keys`, which the dataset's index keeps, so linking a
new document never reads the rest of the dataset.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FORMAT_RANK = ("pdf", "docx", "xlsx", "html", "text")
"""Formats by preference when two renderings are equally complete (the file a council authored first)."""
MIN_SHARE = 0.5
"""Share of the larger document's actions that the other must contain for the two to be one plan."""
MIN_SHARED = 2
"""Actions the two must share at the least."""
KEY_DIGITS = 12

_WORDS = re.compile(r"[^\w]+")


def normalise_text(text: str) -> str:
    """An action's words as the key sees them: case, punctuation and spacing do not count."""
    return " ".join(_WORDS.sub(" ", text.casefold()).split())


def content_keys(texts: Iterable[str]) -> list[str]:
    """One short digest per distinct action text (sorted): what a document's plan is, for linking."""
    keys = {hashlib.sha256(normalise_text(t).encode()).hexdigest()[:KEY_DIGITS] for t in texts if t and t.strip()}
    return sorted(keys)


def completeness(actions: Sequence[dict[str, object]]) -> float:
    """The share of actions with an owner, plus those with a timescale, a measure and a status (0 to 4)."""
    if not actions:
        return 0.0
    n = len(actions)
    owned = sum(1 for a in actions if a.get("owners"))
    timed = sum(1 for a in actions if a.get("timescale_raw"))
    measured = sum(1 for a in actions if a.get("measure"))
    status = sum(1 for a in actions if a.get("status_raw") or a.get("status_colour"))
    return round((owned + timed + measured + status) / n, 6)


@dataclass(frozen=True)
class Rendering:
    """What linking needs of one document."""

    doc_id: str
    source: str
    format: str | None
    document_date: str | None
    """ISO date, or ``None``."""
    keys: frozenset[str]
    completeness: float
    plan_id: str | None = None
    """The id a previous run gave it, kept where it can be."""
    council: str | None = None

    @property
    def month(self) -> str | None:
        return self.document_date[:7] if self.document_date else None


@dataclass(frozen=True)
class PlanFields:
    plan_id: str | None
    plan_version: int | None
    primary: bool

    def row(self) -> dict[str, object]:
        return {"plan_id": self.plan_id, "plan_version": self.plan_version, "primary": self.primary}


NO_PLAN = PlanFields(None, None, False)


def linked(a: Rendering, b: Rendering) -> bool:
    """Whether two documents are one plan: their keys overlap enough, and they are not two councils'."""
    if not a.keys or not b.keys or (a.council and b.council and a.council != b.council):
        return False
    shared = len(a.keys & b.keys)
    return shared >= MIN_SHARED and shared >= MIN_SHARE * max(len(a.keys), len(b.keys))


def assign(renderings: Iterable[Rendering]) -> dict[str, PlanFields]:
    """Every document's plan fields, by ``doc_id`` (documents with no actions: no plan, not primary)."""
    docs = sorted(renderings, key=lambda r: r.doc_id)
    out = {r.doc_id: NO_PLAN for r in docs}
    parent = {r.doc_id: r.doc_id for r in docs}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    by_key: dict[str, list[Rendering]] = defaultdict(list)
    for r in docs:
        for k in r.keys:
            by_key[k].append(r)
    for r in docs:
        candidates = {o.doc_id: o for k in r.keys for o in by_key[k] if o.doc_id > r.doc_id}
        for other in candidates.values():
            if linked(r, other):
                parent[find(other.doc_id)] = find(r.doc_id)
    groups: dict[str, list[Rendering]] = defaultdict(list)
    for r in docs:
        if r.keys:
            groups[find(r.doc_id)].append(r)
    taken: set[str] = set()
    for members in sorted(groups.values(), key=lambda m: (-len(m), m[0].doc_id)):
        versions = _versions(members)
        plan_id = _plan_id(members, versions, taken)
        taken.add(plan_id)
        for number, version in enumerate(versions, start=1):
            best = primary_of(version)
            for r in version:
                out[r.doc_id] = PlanFields(plan_id, number, r.doc_id == best.doc_id)
    return out


def _versions(members: list[Rendering]) -> list[list[Rendering]]:
    """The plan's versions, oldest first: dated renderings by month, the undated ones where they fit best."""
    months: dict[str, list[Rendering]] = defaultdict(list)
    undated = []
    for r in members:
        if r.month:
            months[r.month].append(r)
        else:
            undated.append(r)
    if not months:
        return [members]
    ordered = [months[m] for m in sorted(months)]
    for r in undated:
        best = max(ordered, key=lambda v: (max(len(r.keys & o.keys) for o in v), -ordered.index(v)))
        best.append(r)
    return ordered


def primary_of(version: Sequence[Rendering]) -> Rendering:
    """The rendering comparison counts (the rule in the module's docstring)."""

    def rank(r: Rendering) -> tuple[bool, float, int, int, str]:
        fmt = FORMAT_RANK.index(r.format) if r.format in FORMAT_RANK else len(FORMAT_RANK)
        return (r.council is None, -r.completeness, -len(r.keys), fmt, r.source)

    return min(version, key=rank)


def _plan_id(members: list[Rendering], versions: list[list[Rendering]], taken: set[str]) -> str:
    held = Counter(r.plan_id for r in members if r.plan_id and r.plan_id not in taken)
    if held:
        return min(held, key=lambda p: (-held[p], p))
    first = primary_of(versions[0])
    digest = hashlib.sha256("\n".join(sorted(first.keys)).encode()).hexdigest()[:16]
    return digest if digest not in taken else hashlib.sha256(f"{digest}{first.doc_id}".encode()).hexdigest()[:16]
