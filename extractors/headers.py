"""Map table headers and field labels to the roles of the action schema.

The vocabulary lives in ``data/headers.toml``; this module only applies it.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from normalise.text import collapse

ROLES = ("rec_id", "rec_text", "rec_owner", "objective", "action", "owner", "timescale", "measure")
FIELD_ROLES = ("owner", "timescale", "measure")
"""Roles whose cells describe an action (as opposed to locating it)."""

# Headers so generic that they only count beside a clearly named column:
# an "Action | Date" table is a timetable, not an action plan.
_WEAK = frozenset(
    """date dates when by target due response activity activities task tasks item id no num number #
    lead who officer""".split()  # noqa: SIM905
)

_DATA = Path(__file__).parent / "data" / "headers.toml"


@dataclass(frozen=True)
class _Phrases:
    exact: dict[str, str]
    prefix: list[tuple[str, str]]
    contains: list[tuple[str, str]]
    action_labels: tuple[str, ...]
    recommendation_labels: tuple[str, ...]
    priority: dict[str, tuple[str, ...]]


@cache
def _phrases() -> _Phrases:
    data = tomllib.loads(_DATA.read_text(encoding="utf-8"))
    exact: dict[str, str] = {}
    prefix: list[tuple[str, str]] = []
    contains: list[tuple[str, str]] = []
    for role, spec in data["roles"].items():
        if role not in ROLES:
            raise ValueError(f"{_DATA}: unknown role {role!r}; known roles: {ROLES}")
        for phrase in spec.get("exact", []):
            exact[normalise_header(phrase)] = role
        prefix += [(normalise_header(p), role) for p in spec.get("prefix", [])]
        contains += [(normalise_header(p), role) for p in spec.get("contains", [])]
    prefix.sort(key=lambda item: -len(item[0]))
    contains.sort(key=lambda item: -len(item[0]))
    labels = data["labels"]
    return _Phrases(
        exact,
        prefix,
        contains,
        tuple(normalise_header(x) for x in labels["action"]),
        tuple(normalise_header(x) for x in labels["recommendation"]),
        {role: tuple(words) for role, words in data["priority"].items()},
    )


def normalise_header(text: str) -> str:
    """Lower-case, ``&`` as ``and``, punctuation dropped, whitespace collapsed."""
    text = text.lower().replace("&", " and ").replace("’", "'")
    text = re.sub(r"[^\w#' ]+", " ", text)
    return collapse(text.replace("'", ""))


def match_role(text: str) -> str | None:
    """The role a header or label names, or ``None``.

    Matching tries the whole header, then its opening words, then phrases
    inside it; each also with spaces removed, so a header that a narrow column
    broke mid-word ("Timescal e") still matches.
    """
    key = normalise_header(text)
    if not key or len(key) > 80:
        return None
    phrases = _phrases()
    squeezed = key.replace(" ", "")
    for candidate in (key, squeezed):
        if candidate in phrases.exact:
            return phrases.exact[candidate]
    for phrase, role in phrases.prefix:
        if key.startswith(phrase) or squeezed.startswith(phrase.replace(" ", "")):
            return role
    for phrase, role in phrases.contains:
        if re.search(rf"\b{re.escape(phrase)}\b", key):
            return role
    return None


def is_weak(text: str) -> bool:
    return normalise_header(text) in _WEAK


@dataclass(frozen=True)
class Column:
    index: int
    header: str
    role: str | None
    """``None`` for a column the schema does not know: its cells go to ``extra``."""


@dataclass(frozen=True)
class HeaderMap:
    """The roles of a table's columns."""

    columns: tuple[Column, ...]

    def index(self, role: str) -> int | None:
        for col in self.columns:
            if col.role == role:
                return col.index
        return None

    @property
    def roles(self) -> set[str]:
        return {c.role for c in self.columns if c.role}

    @property
    def extra(self) -> list[Column]:
        return [c for c in self.columns if c.role is None and c.header]


def map_header(cells: list[str]) -> HeaderMap | None:
    """Read a row of header cells; ``None`` unless it heads an action table.

    An action table has a column of actions and at least one column that
    locates or describes them (recommendation, objective, owner, timescale,
    measure).  A second owner column left of the actions is the owner of the
    recommendation.  When two columns claim one role, the one whose header
    has the role's priority word keeps it ("Recommendation" over "Issue"),
    else the first; the other is kept as an extra column.
    """
    texts = [collapse(c) for c in cells]
    roles = [match_role(t) if t else None for t in texts]
    if "action" not in roles:
        # A sectioned plan may print only "What do we want to achieve? | How ...":
        # without an action column there is nothing to extract.
        return None
    action_at = roles.index("action")
    for i, role in enumerate(roles):
        if role == "owner" and i < action_at and any(r == "owner" for r in roles[action_at:]):
            roles[i] = "rec_owner"
        if role in ("rec_id", "rec_text") and i > action_at:
            roles[i] = None
    preferred = _phrases().priority
    for role in set(r for r in roles if r):
        claims = [i for i, r in enumerate(roles) if r == role]
        if len(claims) < 2:
            continue
        words = preferred.get(role, ())
        marked = [i for i in claims if any(w in normalise_header(texts[i]).split() for w in words)]
        keep = marked[0] if marked else claims[0]
        for i in claims:
            if i != keep:
                roles[i] = None
    others = [t for t, r in zip(texts, roles, strict=True) if r and r != "action"]
    strong = [t for t in others if not is_weak(t)]
    if not others or (len(texts) < 3 and not strong) or (not strong and len(others) < 2):
        return None
    return HeaderMap(tuple(Column(i, t, r) for i, (t, r) in enumerate(zip(texts, roles, strict=True))))


_LABEL = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z /&()'’.-]{0,48}?)\s*(?P<num>\d+(?:\.\d+)*[a-z]?)?\s*[:–-]\s+(?P<rest>.*)$"
)
_NUMBERED = re.compile(
    r"^\s*(?P<label>[A-Za-z][A-Za-z ]{0,30}?)\s+(?P<num>\d+(?:\.\d+)*[a-z]?)\s*[:.–-]?\s*(?P<rest>.*)$"
)


@dataclass(frozen=True)
class Label:
    """A "Label: value" line of a flowed plan."""

    kind: str
    """``action``, ``recommendation``, one of :data:`ROLES`, or ``other``."""
    label: str
    number: str | None
    value: str


def read_label(line: str) -> Label | None:
    """Read ``"Action 1.2: ..."``, ``"Recommendation 3 - ..."``, ``"Lead officer: ..."`` lines.

    Returns ``None`` for a line that opens with no label.  Labels the
    vocabulary does not know come back as kind ``other`` only when they are
    short (up to four words) and end with a colon.
    """
    phrases = _phrases()
    m = _NUMBERED.match(line)
    if m and m["label"][:1].isupper():
        key = normalise_header(m["label"])
        if key in phrases.action_labels:
            return Label("action", m["label"], m["num"], m["rest"].strip())
        if key in phrases.recommendation_labels:
            return Label("recommendation", m["label"], m["num"], m["rest"].strip())
    m = _LABEL.match(line)
    if not m:
        return None
    key = normalise_header(m["label"])
    if key in phrases.action_labels:
        return Label("action", m["label"], m["num"], m["rest"].strip())
    if key in phrases.recommendation_labels:
        return Label("recommendation", m["label"], m["num"], m["rest"].strip())
    if m["num"]:
        return None
    role = match_role(m["label"])
    colon = line[m.end("label") :].lstrip().startswith(":")
    if role and role not in ("rec_id",) and (colon or role in FIELD_ROLES):
        return Label(role, m["label"].strip(), None, m["rest"].strip())
    if colon and len(key.split()) <= 4:
        return Label("other", m["label"].strip(), None, m["rest"].strip())
    return None


@cache
def field_labels() -> re.Pattern[str]:
    """Owner, timescale and measure labels followed by a colon ("Lead:", "Target date:"), in any case."""
    phrases = _phrases()
    generic = {"by", "when", "who", "due"}
    words = [p for p, role in phrases.exact.items() if role in FIELD_ROLES and len(p) > 2 and p not in generic]
    alternation = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w])(?:{alternation})(?=\s*:\s)", re.IGNORECASE)
