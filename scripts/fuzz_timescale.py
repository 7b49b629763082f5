#!/usr/bin/env python3
"""The timescale normaliser's properties over many generated cells, beyond what the test suite runs.

    python scripts/fuzz_timescale.py [--examples 100000]

The tests check the same properties on a few hundred cells each run
(``tests/test_timescale.py``); this runs them on as many as asked, from the
same strategies: plan-like words, impossible days and quarters, and years of
up to five digits with plan dates from year 1 to 9999.  It prints how many
cells were read, how many gave an internal error (``due_rule`` ``error``), and
how many broke ``due_start <= due_end``; it exits non-zero if any did.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))
from test_timescale import FUZZ, WORDS, YEARS  # the tests' own strategies

from actionplans.normalise.timescale import FLAGS, parse_timescale


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--examples", type=int, default=100_000, help="cells per property (default 100,000)")
    args = parser.parse_args()
    counts = {"cells": 0, "errors": 0, "backwards": 0, "unknown_flags": 0}
    cells = st.one_of(
        st.lists(st.one_of(FUZZ, YEARS), max_size=8).map(" ".join),
        st.lists(WORDS, max_size=10).map(" ".join),
        st.text(max_size=80),
    )
    references = st.one_of(st.none(), st.dates(dt.date(1, 1, 1), dt.date(9999, 12, 31)))

    @settings(
        max_examples=args.examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(cells, references)
    def prop(text: str, reference: dt.date | None) -> None:
        got = parse_timescale(text, reference)
        counts["cells"] += 1
        counts["errors"] += got.rule == "error"
        spans = [(got.start, got.end), *((m.start, m.end) for m in got.milestones)]
        counts["backwards"] += any(a and b and a > b for a, b in spans)
        counts["unknown_flags"] += not set(got.flags) <= set(FLAGS)

    started = time.process_time()
    prop()
    seconds = time.process_time() - started
    print(
        f"{counts['cells']:,} generated cells in {seconds:.0f} s CPU: {counts['errors']} internal errors, "
        f"{counts['backwards']} with a start after its end, {counts['unknown_flags']} with a flag not in the list"
    )
    return 1 if counts["errors"] or counts["backwards"] or counts["unknown_flags"] else 0


if __name__ == "__main__":
    sys.exit(main())
