"""Refresh the UK local authorities register the project ships (normalise/data/uk-local-authorities/).

    python scripts/refresh_councils.py PATH/TO/uk_la_past_current [--check]

PATH is a folder of mySociety's "UK Local Authorities (past and current)" data package (CC BY 4.0,
https://github.com/mysociety/uk_local_authority_names_and_codes, data/packages/uk_la_past_current), or the
copy in ../shared/data/uk-local-authorities.  The two files the project reads are checked (their columns,
every name in the lookup naming an authority of the register) and copied with the attribution; what changed
(authorities added, ended or renamed) is printed.  ``--check`` compares without copying.
"""

from __future__ import annotations

import argparse
import csv
import shutil
import sys
from pathlib import Path

TARGET = Path(__file__).resolve().parents[1] / "normalise" / "data" / "uk-local-authorities"
FILES = {
    "uk_local_authorities_current.csv": (
        "local-authority-code", "official-name", "nice-name", "gss-code", "start-date", "end-date", "replaced-by",
        "nation", "region", "local-authority-type", "local-authority-type-name",
    ),
    "lookup_name_to_registry.csv": ("la-name", "local-authority-code"),
}  # fmt: skip


def _rows(path: Path, columns: tuple[str, ...]) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in columns if c not in (reader.fieldnames or [])]
        if missing:
            raise SystemExit(f"{path}: no column {', '.join(missing)}: is this the uk_la_past_current package?")
        return list(reader)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--check", action="store_true", help="compare with the shipped copy, copy nothing")
    args = parser.parse_args(argv)
    new = {name: _rows(args.source / name, cols) for name, cols in FILES.items()}
    codes = {r["local-authority-code"] for r in new["uk_local_authorities_current.csv"]}
    strays = sorted({r["local-authority-code"] for r in new["lookup_name_to_registry.csv"]} - codes)
    if strays:
        raise SystemExit(f"the name lookup names authorities the register lacks: {', '.join(strays[:10])}")
    old_path = TARGET / "uk_local_authorities_current.csv"
    old = {r["local-authority-code"]: r for r in _rows(old_path, FILES[old_path.name])} if old_path.exists() else {}
    fresh = {r["local-authority-code"]: r for r in new["uk_local_authorities_current.csv"]}
    for code in sorted(fresh.keys() - old.keys()):
        print(f"added   {code} {fresh[code]['official-name']}")
    for code in sorted(old.keys() & fresh.keys()):
        a, b = old[code], fresh[code]
        if a["end-date"] != b["end-date"]:
            print(f"ended   {code} {b['official-name']} on {b['end-date']} (replaced by {b['replaced-by'] or '?'})")
        if a["official-name"] != b["official-name"]:
            print(f"renamed {code} {a['official-name']!r} -> {b['official-name']!r}")
    for code in sorted(old.keys() - fresh.keys()):
        print(f"removed {code} {old[code]['official-name']}")
    print(f"{len(fresh)} authorities, {len(new['lookup_name_to_registry.csv'])} names")
    if args.check:
        return 0
    TARGET.mkdir(parents=True, exist_ok=True)
    for name in FILES:
        shutil.copyfile(args.source / name, TARGET / name)
    readme = args.source / "README.md"
    if readme.exists():
        shutil.copyfile(readme, TARGET / "SOURCE.md")
    print(f"copied to {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
