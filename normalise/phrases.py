"""Words and phrases in text: a tokenizer, and matchers of token patterns and of phrases.

The roles an action names (``roles.py``) and the themes it is about
(``themes.py``) are found the same way: the text is cut into tokens, and
patterns built from a vocabulary kept as data are looked up at each token.

``tokens("Service Managers to deputise for AD's at SLT/Cabinet")`` gives
``Service``, ``Managers``, ``to``, ..., ``AD``, ``'s``, ``at``, ``SLT``, ``/``,
``Cabinet``: words (letters, digits, ``&``, and hyphens, apostrophes and full
stops inside a word: ``co-ordinator``, ``O&S``, ``S.151``), a possessive
``'s`` as a token of its own, and any other character alone.

:class:`PatternMatcher` takes patterns of steps (a token's exact letters, its
lower case, or a regular expression, each once, optionally or one or more
times) and returns the longest matches that do not overlap;
:class:`PhraseMatcher` takes phrases compared token by token under a key (the
letters, or a folded lemma) and returns every match, overlapping or not.
Patterns are indexed by what their first token must be, so a text costs a
dictionary lookup per token, not a pass per pattern.

These were spaCy's ``SpanRuler`` and ``PhraseMatcher`` over the blank
English pipeline.  Only its tokenizer and exact matching were used, and
importing spaCy costs about a second of CPU in every process that starts
(more than the whole start-up budget of a worker), so the project keeps the
few lines it needs here; spaCy is still used for a trained pipeline's PERSON
entities where one is installed (``roles.looks_like_person``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Literal

_TOKEN = re.compile(
    r"(?<=\w)['’]s\b"  # a possessive: "AD's" -> "AD", "'s"
    r"|[\w&]+(?:(?:[-.]|['’](?!s\b))[\w&]+)*"  # a word, with what joins its parts
    r"|\S"  # any other character alone
)


@dataclass(frozen=True, slots=True)
class Token:
    text: str
    start: int
    """Offset of the first character in the text."""
    end: int
    """Offset after the last character."""

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokens(text: str) -> list[Token]:
    """The tokens of ``text``, in order, with their offsets."""
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def token_texts(text: str) -> list[str]:
    """The tokens of ``text`` as strings (a phrase as patterns are built from it)."""
    return [m.group() for m in _TOKEN.finditer(text)]


@dataclass(frozen=True, slots=True)
class Match:
    """Tokens ``start`` up to ``end`` (exclusive) matched a pattern or phrase labelled ``label``."""

    label: str | None
    start: int
    end: int

    def text(self, source: str, found: Sequence[Token]) -> str:
        """The matched words as the text writes them."""
        return source[found[self.start].start : found[self.end - 1].end]


# --- token patterns ------------------------------------------------------------------------------------


Op = Literal["", "?", "+"]


@dataclass(frozen=True)
class Step:
    """One token of a pattern: its letters (``orth``) or lower case (``lower``) one of a set, or its letters
    matching ``regex`` with its lower case not in ``not_lower``; ``op`` "?" for optional, "+" for one or more."""

    orth: frozenset[str] | None = None
    lower: frozenset[str] | None = None
    regex: re.Pattern[str] | None = None
    not_lower: frozenset[str] = frozenset()
    op: Op = ""

    def accepts(self, token: Token) -> bool:
        if self.orth is not None and token.text not in self.orth:
            return False
        if self.lower is not None and token.lower not in self.lower:
            return False
        if self.regex is not None and not self.regex.search(token.text):
            return False
        return token.lower not in self.not_lower


def orth(*forms: str, op: Op = "") -> Step:
    return Step(orth=frozenset(forms), op=op)


def lower(*forms: str, op: Op = "") -> Step:
    return Step(lower=frozenset(f.lower() for f in forms), op=op)


@dataclass(frozen=True)
class Pattern:
    label: str | None
    """What a match of this pattern is (a canonical title), or None for the caller to decide from its words."""
    steps: tuple[Step, ...]


@dataclass
class PatternMatcher:
    """The longest non-overlapping matches of token patterns (the longer first, then the earlier, as spaCy's
    ``filter_spans`` keeps them), in text order."""

    patterns: list[Pattern] = field(default_factory=list)
    _by_orth: dict[str, list[Pattern]] = field(default_factory=dict)
    _by_lower: dict[str, list[Pattern]] = field(default_factory=dict)

    def add(self, pattern: Pattern) -> None:
        first = pattern.steps[0]
        if first.op or (first.orth is None and first.lower is None):
            raise ValueError("a pattern's first step must be one token given by its letters or its lower case")
        self.patterns.append(pattern)
        index, keys = (self._by_orth, first.orth) if first.orth is not None else (self._by_lower, first.lower)
        for key in keys or ():
            index.setdefault(key, []).append(pattern)

    def __call__(self, found: Sequence[Token]) -> list[Match]:
        matches: list[Match] = []
        for i, token in enumerate(found):
            for pattern in (*self._by_orth.get(token.text, ()), *self._by_lower.get(token.lower, ())):
                matches.extend(Match(pattern.label, i, end) for end in set(_ends(pattern.steps, found, 0, i)))
        return _longest(matches)


def _ends(steps: tuple[Step, ...], found: Sequence[Token], k: int, i: int) -> Iterator[int]:
    """Every token offset at which ``steps[k:]`` can end when they start at token ``i``."""
    if k == len(steps):
        yield i
        return
    step = steps[k]
    if step.op == "?":
        yield from _ends(steps, found, k + 1, i)
    j = i
    while j < len(found) and step.accepts(found[j]):
        j += 1
        yield from _ends(steps, found, k + 1, j)
        if step.op != "+":
            break


def _longest(matches: Iterable[Match]) -> list[Match]:
    kept: list[Match] = []
    taken: set[int] = set()
    for m in sorted(matches, key=lambda m: (m.start - m.end, m.start)):
        if not taken.intersection(range(m.start, m.end)):
            kept.append(m)
            taken.update(range(m.start, m.end))
    return sorted(kept, key=lambda m: m.start)


# --- phrases -------------------------------------------------------------------------------------------


@dataclass
class PhraseMatcher:
    """Every match of phrases compared token by token under ``key`` (a token's letters, or a lemma of it)."""

    key: Callable[[str], Hashable]
    _phrases: dict[tuple[Hashable, ...], list[str]] = field(default_factory=dict)
    _longest: int = 0
    _firsts: set[Hashable] = field(default_factory=set)
    """The keys phrases open with: a token with another key opens no match."""

    def add(self, label: str, phrase: str) -> None:
        words = tuple(self.key(w) for w in token_texts(phrase))
        if words and label not in self._phrases.setdefault(words, []):
            self._phrases[words].append(label)
            self._longest = max(self._longest, len(words))
            self._firsts.add(words[0])

    def __call__(self, found: Sequence[Token]) -> list[Match]:
        keys = [self.key(t.text) for t in found]
        out: list[Match] = []
        firsts = self._firsts
        for i in range(len(keys)):
            if keys[i] not in firsts:
                continue
            for n in range(1, min(self._longest, len(keys) - i) + 1):
                out.extend(Match(label, i, i + n) for label in self._phrases.get(tuple(keys[i : i + n]), ()))
        return out
