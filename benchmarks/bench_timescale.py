#!/usr/bin/env python3
"""How many timescale cells the normaliser reads right, beside plain dateparser, in the same run.

    python benchmarks/bench_timescale.py [--show-misses]

The cells and their expected readings are ``tests/data/timescale_cases.toml``.

* The normaliser is right when its start, end and status all equal the expected ones (and its
  recurrence and flags, for the cells that give them).
* dateparser returns one date, not an interval or a status, so it is judged
  generously: right when, for a dated cell, its date falls inside the expected
  interval (an open side is unbounded), and when, for an undated cell
  (ongoing, completed, unknown), it returns nothing.  It is called as a user
  would: ``dateparser.parse(text, settings={"DATE_ORDER": "DMY",
  "RELATIVE_BASE": <plan date>})``.

Then, the time the normaliser takes for cells of 2,500 and 10,000 characters made of one
repeated piece: the time per character should stay the same (it once grew with the length:
"Mar " * 2,500 took 3 s).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import time
import tomllib
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from actionplans.normalise import parse_timescale  # noqa: E402

CASES = tomllib.loads((ROOT / "tests" / "data" / "timescale_cases.toml").read_text(encoding="utf-8"))["case"]


def _date(value: str) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


def ours_right(case: dict[str, str]) -> bool:
    got = parse_timescale(case["text"], _date(case.get("ref", "")))
    if "recurrence" in case and got.recurrence != case["recurrence"]:
        return False
    if "flags" in case and got.flags != tuple(f for f in case["flags"].split(",") if f):
        return False
    return (got.start, got.end, got.status) == (_date(case["start"]), _date(case["end"]), case["status"])


LONG = ("Mar ", "Q1 2024/25, ", "every September ", "w/c 3 June 2024 ", "by end of ", "31 April ", "a ")


def long_cells() -> None:
    """Milliseconds for cells of 2,500 and 10,000 characters: linear if the second is about four times the first."""
    ref = dt.date(2024, 10, 1)
    parse_timescale("warm", ref)
    print("long cells (ms at 2,500 / 10,000 characters):")
    for piece in LONG:
        times = []
        for size in (2_500, 10_000):
            text = (piece * (size // len(piece) + 1))[:size]
            started = time.perf_counter()
            parse_timescale(text, ref)
            times.append(1000 * (time.perf_counter() - started))
        print(f"    {piece!r:22s} {times[0]:7.1f} / {times[1]:7.1f}  (x{times[1] / times[0]:.1f})")


def dateparser_right(case: dict[str, str]) -> bool:
    import dateparser

    ref = _date(case.get("ref", ""))
    settings: dict[str, object] = {"DATE_ORDER": "DMY", "TIMEZONE": "UTC", "RETURN_AS_TIMEZONE_AWARE": False}
    if ref:
        settings["RELATIVE_BASE"] = dt.datetime.combine(ref, dt.time())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        found = dateparser.parse(case["text"], settings=settings) if case["text"] else None
    if case["status"] != "dated":
        return found is None
    if found is None:
        return False
    day = found.date()
    start, end = _date(case["start"]), _date(case["end"])
    return (start is None or start <= day) and (end is None or day <= end)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--show-misses", action="store_true", help="list the cells each one gets wrong")
    args = parser.parse_args()
    results = {}
    for name, judge in (("actionplans normaliser", ours_right), ("dateparser alone", dateparser_right)):
        started = time.perf_counter()
        right = [judge(c) for c in CASES]
        seconds = time.perf_counter() - started
        results[name] = right
        share = sum(right) / len(right)
        print(f"{name:24s} {sum(right):4d}/{len(right)} right ({share:.1%}), {1000 * seconds / len(right):.2f} ms/cell")
        if args.show_misses:
            for case, ok in zip(CASES, right, strict=True):
                if not ok:
                    print(f"    miss: {case['text']!r}")
    long_cells()


if __name__ == "__main__":
    main()
