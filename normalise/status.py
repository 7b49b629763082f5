"""Progress trackers' status cells into one vocabulary: ``normalise_status("Amber")`` -> ``"at_risk"``.

Plans that report progress give each action a RAG rating or a status
("On track", "Complete", "Delayed"), as words or only as the colour the cell
is shaded in.  The words and colours are data (``data/status.toml``); the
statuses are :data:`STATUSES`.  A cell the vocabulary does not know is
``unknown``, never a guess.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from actionplans.normalise.text import collapse

STATUSES = ("not_started", "on_track", "at_risk", "off_track", "complete", "closed", "unknown")

_DATA = Path(__file__).parent / "data" / "status.toml"

Colour = tuple[float, float, float]


@dataclass(frozen=True)
class _Vocabulary:
    words: dict[str, str]
    colours: tuple[tuple[Colour, str], ...]
    tolerance: float


@cache
def _vocabulary() -> _Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for status, listed in data["words"].items():
        if status not in STATUSES:
            raise ValueError(f"{_DATA}: unknown status {status!r}; known: {STATUSES}")
        for word in listed:
            words[_key(word)] = status
    colours = data["colours"]
    tolerance = float(colours.pop("tolerance"))
    pairs = tuple(((float(r), float(g), float(b)), status) for status, rgbs in colours.items() for r, g, b in rgbs)
    return _Vocabulary(words, pairs, tolerance)


def warm() -> None:
    """Read the status vocabulary now (a worker's start-up) rather than for the first status cell."""
    _vocabulary()


def _key(text: str) -> str:
    return collapse(text).lower().strip(" .:;*()[]!")


def status_word(text: str | None) -> str | None:
    """The status a cell's words name, or ``None`` when they are not a status word."""
    if not text:
        return None
    return _vocabulary().words.get(_key(text))


def _rgb(colour: Colour | str) -> Colour | None:
    if not isinstance(colour, str):
        return colour
    m = re.fullmatch(r"#?([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})", colour.strip())
    return tuple(int(h, 16) / 255 for h in m.groups()) if m else None  # type: ignore[return-value]


def status_colour(colour: Colour | str | None) -> str | None:
    """The status a RAG cell's fill colour (RGB 0-1, or ``#rrggbb``) stands for; ``None`` if not a rating."""
    colour = _rgb(colour) if colour is not None else None
    if colour is None:
        return None
    v = _vocabulary()
    best: tuple[float, str] | None = None
    for ref, status in v.colours:
        distance = max(abs(a - b) for a, b in zip(colour, ref, strict=True))
        if best is None or distance < best[0]:
            best = (distance, status)
    return best[1] if best and best[0] <= v.tolerance else None


def normalise_status(text: str | None, colour: Colour | str | None = None) -> str | None:
    """The normalised status of a status cell: its words first, else its colour.

    ``None`` for an empty cell with no rating colour; ``unknown`` for words
    the vocabulary does not know ("See note").
    """
    if text and text.strip():
        return status_word(text) or "unknown"
    return status_colour(colour)
