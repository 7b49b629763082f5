"""Progress trackers' status cells into one vocabulary: ``normalise_status("Amber")`` -> ``"at_risk"``.

Plans that report progress give each action a RAG rating or a status
("On track", "Complete", "Delayed"), as words or only as the colour the cell
is shaded in.  The words and colours are data (``data/status.toml``); the
statuses are :data:`STATUSES`.  A cell the vocabulary does not know is
``unknown``, never a guess.
"""

from __future__ import annotations

import colorsys
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
    hue_tolerance: float
    """Degrees of hue a fill may be from the nearest rating colour's."""
    saturation: float
    """The least saturation (HLS) a fill has to have a hue: greys, near-whites and near-blacks have none."""
    lightness: tuple[float, float]
    """The band of lightness (HLS) a rating's fill is in: its tints and shades, not a pastel band of a table."""
    pale: float
    """How near (in each of R, G, B) a paler fill must be to a rating colour to rate as it."""


@cache
def _vocabulary() -> _Vocabulary:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    words: dict[str, str] = {}
    for status, listed in data["words"].items():
        if status not in STATUSES:
            raise ValueError(f"{_DATA}: unknown status {status!r}; known: {STATUSES}")
        for word in listed:
            words[_key(word)] = status
    colours = dict(data["colours"])
    hue = float(colours.pop("hue_tolerance"))
    saturation = float(colours.pop("min_saturation"))
    low, high = (float(v) for v in colours.pop("lightness"))
    pale = float(colours.pop("pale_tolerance"))
    pairs = tuple(((float(r), float(g), float(b)), status) for status, rgbs in colours.items() for r, g, b in rgbs)
    return _Vocabulary(words, pairs, hue, saturation, (low, high), pale)


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
    hue, lightness, saturation = colorsys.rgb_to_hls(*colour)
    if lightness > v.lightness[1]:  # pale: only a rating colour it all but equals (Excel's "Good" style)
        near = [s for ref, s in v.colours if max(abs(a - b) for a, b in zip(colour, ref, strict=True)) <= v.pale]
        return near[0] if near else None
    if saturation < v.saturation or lightness < v.lightness[0]:
        return None
    best: tuple[float, str] | None = None
    for ref, status in v.colours:
        distance = _hue_distance(hue, colorsys.rgb_to_hls(*ref)[0])
        if best is None or distance < best[0]:
            best = (distance, status)
    return best[1] if best and best[0] <= v.hue_tolerance else None


def _hue_distance(a: float, b: float) -> float:
    """Degrees between two hues (0-1 round the colour wheel), the short way round."""
    d = abs(a - b) % 1.0
    return 360 * min(d, 1 - d)


def normalise_status(text: str | None, colour: Colour | str | None = None) -> str | None:
    """The normalised status of a status cell: its words first, else its colour.

    ``None`` for an empty cell with no rating colour; ``unknown`` for words
    the vocabulary does not know ("See note").
    """
    if text and text.strip():
        return status_word(text) or "unknown"
    return status_colour(colour)
