"""UK principal councils: recognise one in text, and give its canonical name.

The gazetteer (``data/councils.csv``, compiled for the project) lists each
council's own name, the place it is named after and other names in use.
From the place the usual forms are generated ("Borough Council of King's
Lynn and West Norfolk", "Winchester City Council", "London Borough of
Barnet", "Wirral Council"), so a plan that writes any of them, in any case,
with "&" for "and" or curly quotes, maps to one name.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_DATA = Path(__file__).parent / "data" / "councils.csv"

# Words that sit between a place and "Council" in councils' names.
_STYLES = (
    "County",
    "City",
    "District",
    "Borough",
    "County Borough",
    "Metropolitan Borough",
    "Metropolitan District",
    "London Borough",
    "City and District",
    "City and County",
)


@dataclass(frozen=True)
class Council:
    name: str
    place: str
    kind: str
    nation: str
    aliases: tuple[str, ...]

    def forms(self) -> list[str]:
        """Every way the council's name is written."""
        p = self.place
        forms = [self.name, *self.aliases, f"{p} Council", *(f"{p} {style} Council" for style in _STYLES)]
        forms += [
            f"Borough Council of {p}",
            f"London Borough of {p}",
            f"Royal Borough of {p}",
            f"City of {p} Council",
            f"Council of the City of {p}",
            f"City and County of {p}",
        ]
        # The abbreviation plans use for their own council in running text ("employed by Kent CC").
        if self.kind == "county" or self.name.endswith("County Council"):
            forms.append(f"{p} CC")
        elif self.name.endswith("City Council"):
            forms.append(f"{p} CC")
        elif self.name.endswith("District Council"):
            forms.append(f"{p} DC")
        elif self.name.endswith("Borough Council"):
            forms.append(f"{p} BC")
        return forms


@cache
def gazetteer() -> tuple[Council, ...]:
    lines = [ln for ln in _DATA.read_text(encoding="utf-8").splitlines() if ln and not ln.startswith("#")]
    out = []
    for row in csv.DictReader(lines):
        aliases = tuple(a.strip() for a in row["aliases"].split(";") if a.strip())
        out.append(Council(row["name"], row["place"], row["kind"], row["nation"], aliases))
    return tuple(out)


def _key(text: str) -> str:
    """Text as names are compared: "&" as "and", plain apostrophes, no punctuation, lower case, spaces collapsed."""
    text = text.replace("&", " and ").replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w' -]+", " ", text.lower())
    return re.sub(r"\s+", " ", text).strip()


@cache
def _index() -> tuple[dict[str, str], re.Pattern[str]]:
    names: dict[str, str] = {}
    for council in gazetteer():
        for form in council.forms():
            names.setdefault(_key(form), council.name)
    alternation = "|".join(re.escape(k) for k in sorted(names, key=len, reverse=True))
    return names, re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])")


def find_council(text: str) -> str | None:
    """The first UK council ``text`` names, by its canonical name, or ``None``."""
    names, pattern = _index()
    m = pattern.search(_key(text))
    return names[m.group()] if m else None


def canonical_council(name: str) -> str:
    """The canonical name of a council written any known way; other names are returned as given."""
    names, _ = _index()
    return names.get(_key(name), name.strip())
