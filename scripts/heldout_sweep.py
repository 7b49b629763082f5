#!/usr/bin/env python3
"""A held-out measure of how general extraction is: layouts and wordings the developers did not tune against.

    python scripts/heldout_sweep.py                    # ~216 renderings, one line each, a total and a breakdown
    python scripts/heldout_sweep.py --diff             # and what differs under each rendering read wrongly
    python scripts/heldout_sweep.py --keep /tmp/ho     # keep the renderings to look at (``actionplans show``)
    python scripts/heldout_sweep.py --match harborough-pdf --diff

This is a measurement, not a test: nothing here fails a build, and nothing in
it should be tuned against.  The metamorphic suite (``tests/metamorphic/``)
renders 58 chosen variations, and extraction was developed until it read all
58; its score is therefore optimistic.  This script samples *other* points of
the same renderer's space, with a fixed seed: the cross product of plan,
format, table drawing (or none), column set and order, where the
recommendation or theme is said, heading form, header wording set,
orientation, rows cut by page breaks, RAG as words or fill, owners on one line
or one per line and flowed label layout -- balanced across plans and formats,
skipping the suite's own variation ids and combinations the renderer cannot
draw.

About half the renderings use header wordings and heading forms that are in
neither ``tests/metamorphic/wordings.py`` nor (by construction) the
extractor's vocabulary: ``NEW_WORDINGS`` and ``NEW_HEADINGS`` below, written
from how UK council, NHS and audit plans head their columns.  They are handed
to the renderer by adding header sets and heading forms to the mappings
``metamorphic.render`` looks them up in (at run time; no file is changed).

Per rendering: actions expected, found and matched, action F1, and the share
of matched actions whose owners, timescale, recommendation id, status and
progress are right.  Then a TOTAL line, the number read exactly, and the
exact-rate per value of every axis and per new wording.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

# The suite's modules live in tests/ (on mypy's path only when it checks the whole project: there they are
# typed; ``mypy scripts/heldout_sweep.py`` alone cannot find them, hence the ignores below).

import metamorphic.render as render_module  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
from metamorphic.expected import Comparison, compare, expected_actions  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
from metamorphic.plans import PLANS  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
from metamorphic.render import FORMS, ORDERS, Form, Format, Variation, printed_wordings, render  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
from metamorphic.variations import VARIATIONS  # type: ignore[import-not-found, unused-ignore]  # noqa: E402
from metamorphic.wordings import HEADER_SETS, HEADINGS, ROLES, WORDINGS  # type: ignore[import-not-found, unused-ignore]  # noqa: E402

from actionplans.pipeline.process import process_document  # noqa: E402

SEED: Final = 20250731

# --- wordings the suite does not use -------------------------------------------------------------------
#
# Written from real UK council, NHS, police and audit plans (peer challenge responses, internal audit
# trackers, CQC / Ofsted improvement plans, strategy delivery plans), without reading the extractor's
# vocabulary (extractors/data/*.toml) or tuning against its results.  None is in wordings.WORDINGS
# (checked at import, ignoring case).

NEW_WORDINGS: Final[Mapping[str, tuple[str, ...]]] = MappingProxyType(
    {
        "rec_id": (
            "Rec. no",
            "Ref no",
            "Rec ref",
            "Recommendation no.",
            "Finding no.",
            "Para no.",
            "Rec #",
            "Report ref",
            "Issue no.",
            "Ref. no.",
            "R no.",
            "Recommendation number",
        ),
        "recommendation": (
            "Observation",
            "Weakness identified",
            "Peer team finding",
            "What the peers said",
            "Audit recommendation",
            "Issue",
            "Key finding",
            "Improvement required",
            "Area of concern",
            "Control weakness",
            "Finding / recommendation",
            "Peer challenge recommendation",
            "Inspectors' recommendation",
            "Recommendations",
        ),
        "theme": (
            "Priority theme",
            "Strategic theme",
            "Programme",
            "Pillar",
            "Strand",
            "Delivery theme",
            "Corporate priority",
            "Our priority",
            "Goal",
            "Area of focus",
            "Mission",
            "Themes",
        ),
        "objective": (
            "Objectives",
            "Intended outcome",
            "What we want to achieve",
            "Purpose",
            "Target outcome",
            "Why are we doing this?",
            "Aims",
            "Sub-objective",
        ),
        "ref": (
            "Action no",
            "Ref #",
            "Task no.",
            "Reference",
            "Action reference",
            "Act. no.",
            "Action #",
            "Code",
            "Step",
            "Line",
            "Ref no. (action)",
            "Action ref.",
        ),
        "action": (
            "Intended action",
            "Improvement action",
            "Response / action",
            "Our commitment",
            "Deliverable",
            "Agreed action",
            "Actions to be taken",
            "Management action",
            "What will be done",
            "Planned action",
            "Response",
            "Tasks",
            "How we will deliver",
            "Action / task",
        ),
        "owner": (
            "Responsible lead",
            "Who will lead?",
            "Lead service",
            "Owner (post)",
            "Responsible person",
            "Lead directorate",
            "Lead officer(s)",
            "Responsibility",
            "Service lead",
            "Accountable director",
            "Action lead",
            "Senior responsible officer",
            "Lead organisation",
            "SRO",
        ),
        "timescale": (
            "Target completion",
            "By",
            "When by?",
            "Due",
            "Planned completion",
            "Target",
            "Date",
            "Completion by",
            "Timeline",
            "Delivery date",
            "Milestone date",
            "End date",
            "Time frame",
            "Target date for completion",
        ),
        "status": (
            "Delivery status",
            "Rating",
            "On track?",
            "Progress RAG",
            "R/A/G",
            "Status / RAG",
            "Action status",
            "RAG (July)",
            "RAG status (current)",
            "Current RAG",
            "Implementation status",
            "RAG rating at July 2025",
        ),
        "progress": (
            "Latest update",
            "Position at 30 June",
            "Progress commentary",
            "Update (July 2025)",
            "Progress notes",
            "Management update",
            "Comments / progress",
            "Current progress",
            "Update from lead officer",
            "Status update",
            "Narrative",
            "Officer comments",
            "Progress since last report",
        ),
        "measure": (
            "Measure of success",
            "Success indicator",
            "Outcome / measure",
            "Key performance indicator",
            "Evidence",
            "What success looks like",
            "Target / measure",
            "Milestones",
            "Outputs",
            "How will we know we have succeeded?",
            "Impact",
            "Measures",
        ),
    }
)

# New heading forms, as in wordings.HEADINGS: ``{id}`` the group's number, ``{text}`` its words, ``{word}``
# the header set's recommendation (or theme) wording; a newline makes the label and the words two
# paragraphs.  Each is for recommendation plans ("rec"), themed plans ("theme") or either ("any").
NEW_HEADINGS: Final[Mapping[str, tuple[str, str]]] = MappingProxyType(
    {
        "rec-endash": ("rec", "Recommendation {id} – {text}"),
        "rec-hyphen": ("rec", "Recommendation {id} - {text}"),
        "rec-no": ("rec", "Recommendation No. {id}: {text}"),
        "rec-abbr": ("rec", "Rec. {id}: {text}"),
        "r-dot": ("rec", "R{id}. {text}"),
        "finding-dot": ("rec", "Finding {id}. {text}"),
        "issue-dash": ("rec", "Issue {id} – {text}"),
        "afi-colon": ("rec", "Area for improvement {id}: {text}"),
        "peer-rec-colon": ("rec", "Peer recommendation {id}: {text}"),
        "priority-area-colon": ("theme", "Priority area {id}: {text}"),
        "objective-dash": ("theme", "Objective {id} – {text}"),
        "theme-dash": ("theme", "Theme {id} – {text}"),
        "workstream-dot": ("theme", "Workstream {id}. {text}"),
        "outcome-colon": ("theme", "Outcome {id}: {text}"),
        "ambition-line": ("theme", "Ambition {id}\n{text}"),
        "number-paren": ("any", "{id}) {text}"),
        "paren-number": ("any", "({id}) {text}"),
        "word-colon": ("any", "{word} {id}: {text}"),
        "word-line": ("any", "{word} {id}\n{text}"),
    }
)

# The suite's own heading forms, by the plans they suit (as variations.py uses them).
OLD_HEADING_KINDS: Final = MappingProxyType(
    {
        "rec-colon": "rec",
        "rec-line": "rec",
        "r-dash": "rec",
        "number-dot": "any",
        "word-dash": "any",
        "theme-colon": "theme",
        "priority-dash": "theme",
        "plain": "any",
    }
)


def _check_new() -> None:
    known = {w.casefold() for words in WORDINGS.values() for w in words}
    for role, words in NEW_WORDINGS.items():
        assert role in ROLES, role
        clash = [w for w in words if w.casefold() in known]
        assert not clash, f"{role}: already in wordings.py: {clash}"
        assert len({w.casefold() for w in words}) == len(words), f"{role}: a wording twice"
    assert not set(NEW_HEADINGS) & set(HEADINGS)
    assert set(OLD_HEADING_KINDS) == set(HEADINGS)


_check_new()


NEW_WORDING_PAIRS: Final = frozenset((role, w) for role, words in NEW_WORDINGS.items() for w in words)

# The renderer looks header sets and heading forms up in these module-level mappings; give it ours too.
# Each rendering that uses new wordings gets a header set of its own (``new001``, ...), drawn per role from
# NEW_WORDINGS, the least printed first, and added to _SETS as it is drawn.
_SETS: Final[dict[str, Mapping[str, str]]] = dict(HEADER_SETS)
vars(render_module).update(
    HEADER_SETS=MappingProxyType(_SETS),
    HEADINGS=MappingProxyType({**HEADINGS, **{k: form for k, (_, form) in NEW_HEADINGS.items()}}),
)
ALL_SETS: Final[Mapping[str, Mapping[str, str]]] = render_module.HEADER_SETS
SUITE_SETS: Final = tuple(sorted(HEADER_SETS))
ALL_HEADINGS: Final[Mapping[str, str]] = render_module.HEADINGS
HEADING_KINDS: Final = {**OLD_HEADING_KINDS, **{k: kind for k, (kind, _) in NEW_HEADINGS.items()}}


def _next_set_name() -> str:
    return f"new{sum(k not in HEADER_SETS for k in _SETS) + 1:03d}"


def _names_group(word: str) -> bool:
    """Whether a recommendation or theme wording can open a numbered heading ("Observation 3 – ...")."""
    return not word.endswith("?") and word.split()[0] not in {"What", "Who", "How", "Why", "Our"} and "/" not in word


# --- sampling --------------------------------------------------------------------------------------------

# Renderings per plan, per format and drawing: 25 PDF, 25 text, 14 Word and 8 Excel per plan, 216 in all.
CELLS: Final[Mapping[Format, Mapping[Form, int]]] = MappingProxyType(
    {
        "pdf": {"grid": 7, "shaded": 6, "borderless": 7, "flowed": 5},
        "txt": {"columns": 10, "tsv": 9, "flowed": 6},
        "docx": {"grid": 4, "shaded": 3, "borderless": 4, "flowed": 3},
        "xlsx": {"grid": 8},
    }
)
TABLE_WHERES: Final = ("column-span", "column-once", "column-repeat", "heading", "row", "prefix-ref", "prefix-text")


class Picker:
    """Draws axis values, favouring the values drawn least so far (so the sample spreads over every value)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.counts: Counter[tuple[str, str, object]] = Counter()

    def pick(self, scope: str, axis: str, values: Sequence[Any]) -> Any:
        counts = [self.counts[(scope, axis, v)] for v in values]
        low = min(counts)
        weights = [0.2 ** (c - low) for c in counts]
        return self.rng.choices(list(values), weights)[0]

    def chose(self, scope: str, picks: Mapping[str, object]) -> None:
        for axis, value in picks.items():
            self.counts[(scope, axis, value)] += 1


def _candidate(picker: Picker, plan: str, fmt: Format, form: Form) -> tuple[dict[str, Any], Variation]:
    """One random variation of ``plan`` drawn as ``fmt``/``form``; raises AssertionError if it cannot be drawn."""
    p = PLANS[plan]
    pick = picker.pick
    picks: dict[str, Any] = {}
    table = form != "flowed"
    orders = [o for o, cols in ORDERS.items() if all(p.has(r) for r in cols)]
    picks["order"] = pick(plan, "order", orders)
    if not table:
        picks["where"] = "heading"
    else:
        wheres = [
            w
            for w in TABLE_WHERES
            if not (p.kind == "themes" and w.startswith("prefix"))
            # In text a spanning cell is printed once: column-span would draw the same as column-once.
            and not (fmt == "txt" and w == "column-span")
        ]
        picks["where"] = pick(plan, "where", wheres)
    if pick("", "wordings", ["suite", "new"]) == "suite":
        picks["words"] = pick("", "words", SUITE_SETS)
    else:
        name = _next_set_name()
        _SETS[name] = MappingProxyType({r: pick("", f"word-{r}", NEW_WORDINGS[r]) for r in ROLES})
        picks["words"] = name
    words = ALL_SETS[str(picks["words"])]
    group_word = words["recommendation" if p.kind == "recommendations" else "theme"]
    if picks["where"] in {"heading", "row"}:
        kind = "rec" if p.kind == "recommendations" else "theme"
        headings = [
            h
            for h, k in HEADING_KINDS.items()
            if k in {kind, "any"} and ("{word}" not in ALL_HEADINGS[h] or _names_group(group_word))
        ]
        picks["heading"] = pick(plan, "heading", headings)
    if (fmt == "pdf" and table) or form == "columns":
        picks["landscape"] = pick("", f"landscape-{fmt}", [True, False])
        picks["split"] = picker.rng.random() < 0.3
        picks["owners"] = pick("", "owners", ["slash", "lines"])
    elif fmt in ("docx", "xlsx") and table:  # no pages: nothing to split
        if fmt == "docx":
            picks["landscape"] = pick("", "landscape-docx", [True, False])
        picks["owners"] = pick("", "owners", ["slash", "lines"])
    if form == "flowed":
        picks["labels"] = pick("", "labels", ["pipe", "lines"])
    v = Variation(plan, fmt, form, **picks)
    if fmt in ("pdf", "docx", "xlsx") and table and "status" in v.columns:
        picks["rag"] = pick("", "rag", ["words", "fill"])
        v = Variation(plan, fmt, form, **picks)
    return picks, v


def sample(seed: int, folder: Path) -> list[Variation]:
    """Draw and render the sweep's variations into ``folder`` (rendering is what says a variation can be drawn)."""
    rng = random.Random(seed)
    picker = Picker(rng)
    for name in [k for k in _SETS if k not in HEADER_SETS]:
        del _SETS[name]
    slots = [
        (plan, fmt, form)
        for plan in PLANS
        for fmt, forms in CELLS.items()
        for form, n in forms.items()
        for _ in range(n)
    ]
    rng.shuffle(slots)
    assert all(form in FORMS[fmt] for _, fmt, form in slots)
    taken = {v.id for v in VARIATIONS}
    out: list[Variation] = []
    for plan, fmt, form in slots:
        for _ in range(50):
            name = _next_set_name()  # the name _candidate gives a new header set, if it draws one
            try:
                picks, v = _candidate(picker, plan, fmt, form)
                assert v.id not in taken, "a variation already drawn, or one of the suite's"
                render(v, folder)  # raises AssertionError for a "split" table no page height cuts a row of
            except AssertionError:
                _SETS.pop(name, None)
                continue
            taken.add(v.id)
            picker.chose(plan, {k: picks[k] for k in ("order", "where", "heading") if k in picks})
            picker.chose("", {(f"landscape-{fmt}" if k == "landscape" else k): val for k, val in picks.items()})
            picker.chose("", {"wordings": "suite" if v.words in HEADER_SETS else "new"})
            picker.chose(
                "", {f"word-{role}": word for role, word in printed_wordings(v) if (role, word) in NEW_WORDING_PAIRS}
            )
            out.append(v)
            break
        else:
            raise RuntimeError(f"no drawable variation of {plan} {fmt} {form}")
    return out


# --- scoring -----------------------------------------------------------------------------------------------

FIELDS: Final = ("owners", "timescale", "rec id", "status", "progress")


@dataclass
class Result:
    variation: Variation
    comparison: Comparison
    how: str  # the document's status and layout, "ok/table"

    @property
    def exact(self) -> bool:
        return not self.comparison.problems


def _extract(v: Variation, path: Path) -> tuple[Comparison, str]:
    out = process_document(path, path.parent, None)
    result = compare(expected_actions(PLANS[v.plan], v.columns), out.actions)
    if out.document["status"] != "ok":
        result.problems.insert(0, f"status {out.document['status']}: {out.document['message']}")
    return result, f"{out.document['status']}/{out.document['layout']}"


def _extract_job(job: tuple[Variation, Path]) -> tuple[Comparison, str]:
    return _extract(*job)


def score(variations: Sequence[Variation], folder: Path, jobs: int) -> list[Result]:
    work = [(v, folder / f"{v.id}.{v.fmt}") for v in variations]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            done = list(pool.map(_extract_job, work, chunksize=4))
    else:
        done = [_extract_job(w) for w in work]
    return [Result(v, c, how) for (v, _), (c, how) in zip(work, done, strict=True)]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def _add(total: Comparison, c: Comparison) -> None:
    total.expected += c.expected
    total.found += c.found
    total.matched += c.matched
    for name, ok in c.ok.items():
        total.ok[name] = total.ok.get(name, 0) + ok
        # A field's accuracy is over the actions of the renderings that check it.
        total.ok[f"_n {name}"] = total.ok.get(f"_n {name}", 0) + c.matched


def _accuracy(total: Comparison, name: str) -> float | None:
    n = total.ok.get(f"_n {name}")
    return None if n is None else (total.ok[name] / n if n else 0.0)


def table(results: Sequence[Result], diff: bool) -> list[str]:
    width = max(len(r.variation.id) for r in results)
    head = f"{'rendering':<{width}}  {'exp':>4} {'found':>5} {'match':>5} {'F1':>5}"
    head += "".join(f" {label:>9}" for label in FIELDS) + "  read as"
    lines = [head, "-" * len(head)]
    total = Comparison()
    for r in results:
        c = r.comparison
        _add(total, c)
        row = f"{r.variation.id:<{width}}  {c.expected:>4} {c.found:>5} {c.matched:>5} {c.f1:>5.2f}"
        row += "".join(f" {_pct(c.accuracy(name)):>9}" for name in FIELDS) + f"  {r.how}"
        lines.append(row + ("" if r.exact else "  *"))
        if diff and c.problems:
            lines += [f"    {p}" for p in c.problems]
    lines.append("-" * len(head))
    exact = sum(r.exact for r in results)
    row = f"{'TOTAL':<{width}}  {total.expected:>4} {total.found:>5} {total.matched:>5} {total.f1:>5.2f}"
    row += "".join(f" {_pct(_accuracy(total, name)):>9}" for name in FIELDS)
    lines.append(row + f"  {exact}/{len(results)} renderings read exactly")
    return lines


@dataclass
class Tally:
    n: int = 0
    exact: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, r: Result) -> None:
        self.n += 1
        self.exact += r.exact
        if not r.exact:
            self.ids.append(r.variation.id)

    def __str__(self) -> str:
        return f"{self.exact:>3}/{self.n:<3} {100 * self.exact / self.n:>4.0f}%"


AXES: Final[Mapping[str, Callable[[Variation], object]]] = MappingProxyType(
    {
        "plan": lambda v: v.plan,
        "format": lambda v: v.fmt,
        "drawing": lambda v: f"{v.fmt}/{v.form}",
        "order": lambda v: v.order,
        "context (where)": lambda v: v.where,
        "heading form": lambda v: (
            f"{v.heading} ({'new' if v.heading in NEW_HEADINGS else 'suite'})"
            if v.form == "flowed" or v.where in {"heading", "row"}
            else None
        ),
        "heading forms": lambda v: (
            ("new" if v.heading in NEW_HEADINGS else "suite")
            if v.form == "flowed" or v.where in {"heading", "row"}
            else None
        ),
        "header wordings": lambda v: "new (a set per rendering)" if v.words not in HEADER_SETS else "suite",
        "suite header set": lambda v: v.words if v.words in HEADER_SETS else None,
        "orientation": lambda v: (
            ("landscape" if v.landscape else "portrait/narrow")
            if (v.fmt == "pdf" and v.form != "flowed") or v.form == "columns"
            else None
        ),
        "page split": lambda v: v.split if (v.fmt == "pdf" and v.form != "flowed") or v.form == "columns" else None,
        "rag": lambda v: v.rag if "status" in v.columns else None,
        "owners": lambda v: v.owners if (v.fmt == "pdf" and v.form != "flowed") or v.form == "columns" else None,
        "flowed labels": lambda v: v.labels if v.form == "flowed" else None,
    }
)


def breakdown(results: Sequence[Result], show_ids: bool) -> list[str]:
    lines = ["", "Exact-rate by axis value (read exactly / renderings):"]
    for axis, key in AXES.items():
        tallies: dict[str, Tally] = defaultdict(Tally)
        for r in results:
            value = key(r.variation)
            if value is not None:
                tallies[str(value)].add(r)
        lines.append(f"  {axis}:")
        for value, t in sorted(tallies.items(), key=lambda kv: (kv[1].exact / kv[1].n, kv[0])):
            lines.append(f"      {value:<34} {t}" + (f"   {' '.join(t.ids)}" if show_ids and t.ids else ""))
    lines += [
        "",
        "New wordings printed (role: wording), exact-rate of the renderings that print them",
        "(a rendering read wrongly for any reason counts against every wording it prints: see --diff for which):",
    ]
    tallies = defaultdict(Tally)
    for r in results:
        for role, word in printed_wordings(r.variation):
            if (role, word) in NEW_WORDING_PAIRS:
                tallies[f"{role}: {word}"].add(r)
    clean = sorted(k for k, t in tallies.items() if not t.ids)
    for value, t in sorted(tallies.items(), key=lambda kv: (kv[1].exact / kv[1].n, kv[0])):
        if t.ids:
            lines.append(f"      {value:<42} {t}" + (f"   {' '.join(t.ids)}" if show_ids else ""))
    lines.append(f"      ... and {len(clean)} more read exactly wherever printed")
    unused = sorted(f"{role}: {w}" for role, w in NEW_WORDING_PAIRS if f"{role}: {w}" not in tallies)
    if unused:
        lines.append(f"      not printed by any rendering: {'; '.join(unused)}")
    return lines


def main(argv: Iterable[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--seed", type=int, default=SEED, help=f"sampling seed (default {SEED})")
    parser.add_argument("--diff", action="store_true", help="list what differs under each rendering")
    parser.add_argument("--ids", action="store_true", help="name the failing renderings in the breakdown")
    parser.add_argument("--keep", type=Path, help="write the renderings here instead of a temporary folder")
    parser.add_argument("--match", action="append", help="only score renderings whose id contains this")
    parser.add_argument("--jobs", type=int, default=2, help="extraction processes (default 2)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    start = time.perf_counter()

    def run(folder: Path) -> list[Result]:
        variations = sample(args.seed, folder)
        if args.match:
            variations = [v for v in variations if any(m in v.id for m in args.match)]
        return score(variations, folder, args.jobs)

    if args.keep:
        results = run(args.keep)
    else:
        with tempfile.TemporaryDirectory(prefix="heldout-") as tmp:
            results = run(Path(tmp))
    if not results:
        print("no rendering matches")
        return 1
    print("\n".join(table(results, args.diff) + breakdown(results, args.ids)))
    print(f"\n{len(results)} renderings (seed {args.seed}) in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
