#!/usr/bin/env python3
"""How general extraction is: every metamorphic variation rendered, extracted and scored.

    python scripts/metamorphic_report.py                 # all variations, one line each, and a total
    python scripts/metamorphic_report.py --plan harborough --diff
    python scripts/metamorphic_report.py --keep /tmp/mm  # keep the renderings to look at

The variations, plans and expected records are those of the metamorphic
tests (``tests/metamorphic/``, ``tests/test_metamorphic.py``).  Per
variation: actions expected, found and matched (by normalised text), the F1
of actions, and the share of matched actions whose owners (as a set),
timescale and recommendation id are right; status and progress too once
extraction has a column for them.  ``--diff`` lists what differs.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from metamorphic.expected import Comparison, compare, expected_actions  # noqa: E402
from metamorphic.plans import PLANS  # noqa: E402
from metamorphic.render import Variation, render  # noqa: E402
from metamorphic.variations import VARIATIONS  # noqa: E402

from actionplans.pipeline.process import process_document  # noqa: E402

# (field compared, column label).
FIELDS = (
    ("owners", "owners"),
    ("timescale", "timescale"),
    ("rec id", "rec id"),
    ("status", "status"),
    ("progress", "progress"),
)


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def score(v: Variation, folder: Path) -> tuple[Comparison, str]:
    """The comparison for one variation, and the document's status and layout ("ok/table")."""
    rendering = render(v, folder)
    out = process_document(rendering.path, rendering.path.parent, None)
    result = compare(expected_actions(PLANS[v.plan], v.columns), out.actions)
    if out.document["status"] != "ok":
        result.problems.insert(0, f"status {out.document['status']}: {out.document['message']}")
    return result, f"{out.document['status']}/{out.document['layout']}"


def report(variations: list[Variation], folder: Path, diff: bool) -> str:
    width = max(len(v.id) for v in variations)
    head = f"{'variation':<{width}}  {'exp':>4} {'found':>5} {'match':>5} {'F1':>5}"
    head += "".join(f" {label:>9}" for _, label in FIELDS) + "  read as"
    lines = [head, "-" * len(head)]
    total = Comparison()
    passed = 0
    for v in variations:
        result, how = score(v, folder)
        passed += not result.problems
        total.expected += result.expected
        total.found += result.found
        total.matched += result.matched
        for name, ok in result.ok.items():
            total.ok[name] = total.ok.get(name, 0) + ok
        row = f"{v.id:<{width}}  {result.expected:>4} {result.found:>5} {result.matched:>5} {result.f1:>5.2f}"
        row += "".join(f" {_pct(result.accuracy(name)):>9}" for name, _ in FIELDS) + f"  {how}"
        lines.append(row)
        if diff and result.problems:
            lines += [f"    {p}" for p in result.problems]
    lines.append("-" * len(head))
    row = f"{'TOTAL':<{width}}  {total.expected:>4} {total.found:>5} {total.matched:>5} {total.f1:>5.2f}"
    row += "".join(f" {_pct(total.accuracy(name)):>9}" for name, _ in FIELDS)
    lines.append(row + f"  {passed}/{len(variations)} variations read exactly")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--plan", choices=sorted(PLANS), action="append", help="only this plan (repeatable)")
    parser.add_argument("--diff", action="store_true", help="list what differs under each variation")
    parser.add_argument("--keep", type=Path, help="write the renderings here instead of a temporary folder")
    args = parser.parse_args(argv)
    variations = [v for v in VARIATIONS if not args.plan or v.plan in args.plan]
    start = time.perf_counter()
    if args.keep:
        print(report(variations, args.keep, args.diff))
    else:
        with tempfile.TemporaryDirectory(prefix="metamorphic-") as tmp:
            print(report(variations, Path(tmp), args.diff))
    print(f"{len(variations)} variations in {time.perf_counter() - start:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
