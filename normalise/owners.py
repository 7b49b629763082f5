"""Split an owner cell into one entry per owner, with a small role grammar.

Owner cells name one role or several, separated by "/", ";", "and", "&",
commas or line breaks, yet a single role may contain those characters
("Director of Policy, Performance and Governance", "Senior Policy & Programme
Manager").  The rules, with the vocabulary in ``data/roles.toml``:

* a line break separates owners when the line before is a complete owner,
  the next line opens a new one, and the break was deliberate (the next word
  would have fitted on the line, or a paragraph gap); where the geometry
  cannot tell, only when the next line opens a new title ("Head of ...",
  "The ...", an abbreviation); otherwise it is a wrap;
* "/", ";" and "|" separate owners, except "Head of HR/OD" (a titled role
  whose complement has a one-word alternative);
* "and", "&" and "," separate owners only when the parts on both sides are
  complete owners (ending in a head noun such as "Manager", or an
  abbreviation), and not inside the complement of a title ("Director of
  People and Digital Services") unless a new title opens ("... and Head of
  HR");
* a head noun followed by a second complete title ("... Programme Manager
  Service Lead (HR)") is a boundary even with no separator, as converters
  drop the line break between two roles;
* after a person's post with no complement ("Strategic Director", "Service
  Manager": a head noun that names a person, not a unit), the words after a
  comma that name no one (no head noun, no title, capitalised as a name is)
  are its portfolio: "Strategic Director, Place", "Assistant Director,
  Planning, Development and Regeneration" are one owner each;
* a line that opens with a one-word title opener ("Head of ...", "Chief
  ...") after a complete title is a new owner even where the line above
  looks too full for its first word.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from actionplans.normalise.text import Break, collapse, join_wrapped

_DATA = Path(__file__).parent / "data" / "roles.toml"


@dataclass(frozen=True)
class _Grammar:
    heads: frozenset[str]
    modified: frozenset[str]
    openers: tuple[str, ...]
    abbreviations: frozenset[str]
    services: frozenset[str]
    """Abbreviations that name a service, not a post ("ICT", "HR")."""
    connectors: frozenset[str]
    clause: frozenset[str]
    units: frozenset[str]


@cache
def roles_data() -> dict[str, Any]:
    """``data/roles.toml``, read once for the splitter here and the canonicaliser in :mod:`normalise.roles`."""
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def _grammar() -> _Grammar:
    data = roles_data()
    return _Grammar(
        heads=frozenset(w.lower() for w in data["head_nouns"]),
        modified=frozenset(w.lower() for w in data["modified_head_nouns"]),
        openers=tuple(sorted((o.lower() for o in data["title_openers"]), key=len, reverse=True)),
        abbreviations=frozenset(data["abbreviations"]),
        services=frozenset(data["service_abbreviations"]),
        connectors=frozenset(data["connectors"]),
        clause=frozenset(data["clause_words"]),
        units=frozenset(w.lower() for w in data["units"]),
    )


def warm() -> None:
    """Read the role grammar now (a worker's start-up) rather than for the first owner cell."""
    _grammar()


_PAREN_TAIL = re.compile(r"\s*\([^()]*\)\s*$")
_POST_SEPARATOR = re.compile(r"\s*,\s+|\s+[–—-]\s+")
"""Between a post and its portfolio: "Strategic Director, Place", "Executive Director – Resources"."""
_ABBREV = re.compile(r"^(?:[A-Z][A-Za-z0-9&]*[A-Z0-9]s?|[A-Z]{2,6}s?|S151|O&S|L&D)$")


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9&'’.-]+", text)


def is_abbreviation(token: str) -> bool:
    g = _grammar()
    token = token.strip(" .,;")
    return token in g.abbreviations or (bool(_ABBREV.match(token)) and sum(c.isupper() for c in token) >= 2)


def is_complete(text: str) -> bool:
    """Whether ``text`` can stand as an owner by itself.

    True when it ends in a role head noun (after any bracketed qualifier), is
    made of abbreviations, or names an organisation ("The Education People").
    """
    core = _PAREN_TAIL.sub("", collapse(text)).strip(" .,;:")
    words = _words(core)
    if not words:
        return False
    if all(is_abbreviation(w) for w in words):
        return True
    if _ends_in_head(words):
        return True
    if _opens_title(core, abbreviations=False) and _has_complement(core) and not _ends_open(core):
        return True  # "Director of Finance", "Head of HR"
    return core.startswith("The ") and len(words) >= 2 and all(w[:1].isupper() for w in words)


def is_post_with_portfolio(text: str) -> bool:
    """Whether ``text`` is a person's post and its portfolio, after a comma or a dash ("Strategic Director,
    Place", "Executive Director – Resources"): one owner, though its last words name no one."""
    core = _PAREN_TAIL.sub("", collapse(text)).strip(" .,;:")
    cut = _POST_SEPARATOR.search(core)
    return cut is not None and _post(core[: cut.start()]) and _names_no_one(core[cut.end() :])


def _opens_title(text: str, abbreviations: bool = True) -> bool:
    """Whether ``text`` opens a new role: a title opener ("Head", "Director") or an abbreviation."""
    low = collapse(text).lower()
    words = _words(text)
    if any(low == o or low.startswith(o + " ") for o in _grammar().openers):
        return True
    return abbreviations and bool(words) and is_abbreviation(words[0])


def _opens_with_title_word(text: str) -> bool:
    """Whether ``text`` opens with a one-word title opener ("Head of HR", "Chief Finance Officer"), which no
    title runs on into; a title of two words ("Programme Manager") may end one ("Capital" / "Programme
    Manager")."""
    words = _words(text)
    return bool(words) and words[0].lower() in _grammar().openers and len(words) >= 2


def _has_complement(text: str) -> bool:
    return bool(re.search(r"\b(?:of|for)\b", text, re.IGNORECASE))


def _ends_open(text: str) -> bool:
    """Whether ``text`` cannot end an owner: it ends in a connector ("of", "and"), a separator or a dash, or
    leaves a bracket open ("Head of Finance (Section 151" / "Officer)")."""
    words = collapse(text).split(" ")
    return (
        not words
        or words[-1].lower() in _grammar().connectors
        or text.rstrip().endswith(("/", ",", "&", "-", "–"))
        or text.count("(") > text.count(")")
        or text.count("[") > text.count("]")
    )


def _starts_open(text: str) -> bool:
    """Whether ``text`` carries on the words before it: it opens with a connector ("and Homelessness") or a
    bracket ("(S151 Officer)")."""
    words = collapse(text).split(" ")
    return bool(words) and (
        words[0].lower() in _grammar().connectors or text.lstrip().startswith(("/", "&", ",", "(", "["))
    )


def split_owners(lines: Sequence[str], breaks: Sequence[Break] | None = None) -> list[str]:
    """Split an owner cell into owners, each as written.

    ``lines`` are the cell's visual lines; ``breaks[i]`` says how line ``i``
    ended (:data:`normalise.text.Break`; ``"para"`` for a paragraph gap, ``"authored"`` for a paragraph or line
    the author began).
    Returns owners in order, duplicates removed.
    """
    return split_owners_guessed(lines, breaks)[0]


def split_owners_guessed(lines: Sequence[str], breaks: Sequence[Break] | None = None) -> tuple[list[str], bool]:
    """:func:`split_owners`, and whether a split was a guess: two lines taken as two owners at a line end
    whose cause the layout does not tell (no gap, no paragraph of the author's), because the second opens
    as a new title does."""
    guesses: list[bool] = []
    segments = _segments_by_line(lines, breaks, guesses)
    owners: list[str] = []
    for segment in segments:
        for sentence in _sentences(segment):
            owners.extend(_unmask(p) for p in _split_separators(_mask(_listed_in_prose(sentence))))
    owners = [_without_label(_without_note(o)) for o in owners]
    out: list[str] = []
    seen: set[str] = set()
    for owner in owners:
        clean = collapse(owner).strip(" .,;:-–•")
        key = clean.lower()
        if clean and key not in seen:
            seen.add(key)
            out.append(clean)
    return out, any(guesses)


_BULLET = re.compile(r"^[•▪◦●■·*-]\s*")

# --- cells that mix owners with prose ----------------------------------------------------

_SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s+(?=[A-Z])")


def is_clause(text: str) -> bool:
    """Prose, not a name: it has the words of a clause ("we will", "to ...", "requires")."""
    return bool({w.lower().strip(",.;:") for w in text.split()} & _grammar().clause)


def _sentences(segment: str) -> list[str]:
    """A segment cut where a short owner ends a sentence before another starts ("All. Public Health - ...")."""
    out: list[str] = []
    rest = segment
    while True:
        m = _SENTENCE_END.search(rest)
        if not m:
            break
        head = rest[: m.start()].strip()
        if not head or len(head.split()) > 6 or is_clause(head) or not (is_complete(head) or _titled(head)):
            break
        out.append(head)
        rest = rest[m.end() :]
    out.append(rest)
    return out


def _titled(text: str) -> bool:
    """Every word capitalised (or an abbreviation, or a small connecting word): a name, not a phrase."""
    words = _words(text)
    small = {"of", "and", "for", "the", "&", "in", "on"}
    return bool(words) and all(w[:1].isupper() or w.lower() in small for w in words)


_INCLUDING = re.compile(r"\b(?:including|such as|namely)\s+(?P<list>.+)$", re.IGNORECASE)


def _listed_in_prose(text: str) -> str:
    """The owners a sentence lists ("... requires action from organisations including WSCC, CCGs and ...")."""
    if len(text.split()) < 8 or not is_clause(text):
        return text
    m = _INCLUDING.search(text)
    return m["list"].rstrip(" .") if m else text


_GUARDED = {",": "\ue000", "/": "\ue001", ";": "\ue002", "&": "\ue003", " and ": " \ue004 ", "|": "\ue005"}


def _guard(text: str) -> str:
    for sep, mark in _GUARDED.items():
        text = text.replace(sep, mark)
    return text


def _mask(text: str) -> str:
    """Text whose bracketed parts and closing "i.e. ..." apposition no separator can split."""
    text = re.sub(r"\([^()]*\)", lambda m: _guard(m.group()), text)
    return re.sub(r"(?<=\w)\s+(?:i\.e\.|e\.g\.)\s+.+$", lambda m: _guard(m.group()), text)


def _unmask(text: str) -> str:
    for sep, mark in _GUARDED.items():
        text = text.replace(mark, sep)
    return text


_NOTE = re.compile(r"^(?P<owner>.+?)\s+[-–—]\s+(?P<note>[a-z].*)$")


_OWNER_LABEL = re.compile(r"^\s*(?P<label>[A-Z][a-z]+(?:\s+[a-z]+)?)\s*:\s*(?P<owner>\S.*)$")


def _without_label(owner: str) -> str:
    """An owner after a word that labels their part in the action ("Lead: Head of Property", "Support:
    Energy Officer") is the owner alone, where what follows reads as an owner."""
    m = _OWNER_LABEL.match(owner)
    if m and (is_complete(m["owner"]) or all(is_abbreviation(w) for w in _words(m["owner"]))):
        return m["owner"].strip()
    return owner


def _without_note(owner: str) -> str:
    """An owner with a note after a dash ("Public Health - increase engagement with ...") is the owner alone."""
    m = _NOTE.match(owner)
    if m and _titled(m["owner"]) and len(m["owner"].split()) <= 6:
        return m["owner"].strip()
    return owner


def _segments_by_line(
    lines: Sequence[str], breaks: Sequence[Break] | None, guesses: list[bool] | None = None
) -> list[str]:
    texts = [_BULLET.sub("", collapse(x)) for x in lines]  # owners listed as bullets
    segments: list[list[str]] = []
    fits: list[list[Break]] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        if segments:
            deliberate = breaks[i - 1] if breaks and i - 1 < len(breaks) else None
            prev = join_wrapped(segments[-1], fits[-1])
            rest = " ".join(t for t in texts[i:] if t)
            opens_new = _opens_title(text) or text.startswith("The ")
            bare_head = len(_words(text)) == 1 and text.strip(" .,;").lower() in _grammar().heads
            listed = _BULLET.match(collapse(lines[i])) is not None  # an item of a list: an owner of its own
            authored = deliberate in ("para", "authored") or listed
            separate = (
                # A list item, or a paragraph its author began (a Word or Excel cell's), is an owner of its own
                # whatever its case ("Social care" / "transport planning"); a paragraph told by a gap in the
                # layout is one when it opens as a name does.
                (
                    authored
                    and not _ends_open(prev)
                    and (listed or (deliberate == "authored" and not _starts_open(text)) or text[:1].isupper())
                    and bool(rest)
                )
                or (
                    not bare_head  # "Exchequer Services" / "Manager": a head noun alone finishes the title above
                    # a line that opens a new title after a complete one is a new owner even where the
                    # line before looks too full for its first word ("Head of Procurement" / "Head of HR":
                    # no one title runs on from a complete title into "Head of")
                    and (
                        deliberate in ("room", "para", "authored", None)
                        or _opens_with_title_word(text)
                        # a title of two words ("Assistant Director") opens another after a post that ends in a
                        # person's head noun ("Building Safety Manager"): no title runs on from one into it
                        or (_opens_title(text, abbreviations=False) and _ends_in_post(prev))
                    )
                    and not _ends_open(prev)
                    and text[:1].isupper()
                    and is_complete(prev)
                    and (is_complete(_up_to_next_break(texts, breaks, i)) or _opens_title(text))
                    # where the geometry cannot tell, only a new title opens a new owner
                    and (deliberate is not None or opens_new)
                    and bool(rest)
                )
                or (
                    # a title's complement or a post's portfolio never ends in another post: "Head of Housing
                    # Assets" / "Asset Data Manager", "Chief Officer – Social Care" / "Community Safety
                    # Partnership Manager" are two owners, however full the first line looks
                    deliberate in ("wrap", "room", None)
                    and text[:1].isupper()
                    and not _starts_open(text)
                    and (is_post_with_portfolio(prev) or (_has_complement(prev) and is_complete(prev)))
                    # "Head of Finance/Capital" / "Programme Manager": a post listed after the complement may run
                    # on over the line end
                    and not _LISTING.search(prev.split(" of ", 1)[-1])
                    and _one_post(_up_to_next_break(texts, breaks, i))
                )
            )
            if not separate:
                segments[-1].append(text)
                fits[-1].append(deliberate)
                continue
            if guesses is not None and deliberate in (None, "wrap") and breaks is not None and not listed:
                guesses.append(True)  # the geometry could not tell: a new title was taken for a new owner
        segments.append([text])
        fits.append([])
    return [join_wrapped(seg, f) for seg, f in zip(segments, fits, strict=True)]


def _up_to_next_break(texts: Sequence[str], breaks: Sequence[Break] | None, start: int) -> str:
    """The text from line ``start`` up to the next deliberate break."""
    parts = []
    for j in range(start, len(texts)):
        if texts[j]:
            parts.append(texts[j])
        if breaks and j < len(breaks) and breaks[j] in ("room", "para", "authored"):
            break
    return " ".join(parts)


_SEP = re.compile(r"\s*(?:/|;|\||\s\+\s)\s*")


def _split_separators(segment: str) -> list[str]:
    pieces = [p for p in _SEP.split(segment) if p.strip()]
    merged: list[str] = []
    for piece in pieces:
        if merged and _has_complement(merged[-1]) and " " not in piece.strip() and not _opens_title(piece, False):
            merged[-1] = f"{merged[-1]}/{piece.strip()}"  # "Head of HR/OD"
        else:
            merged.append(piece)
    out: list[str] = []
    for piece in merged:
        for run in _split_run_on(piece):  # a title run on into the next before any comma or "and" is read
            out.extend(_split_conjunctions(run))
    return out


_COMMA = re.compile(r"\s*,\s*")


def _split_conjunctions(text: str) -> list[str]:
    """Split at commas between complete owners, then at "and" / "&" inside each part.

    Commas first: "X (…), health and social care staff" is two owners even though
    "health" alone is not one.  A comma also splits before a name in title case
    ("WSCC Early Childhood Service, Early Help"), and every comma of a list of
    three or more short names ("Social care, transport planning, fire service").
    """
    items = _COMMA.split(text)
    listed = len(items) >= 3 and all(0 < len(_words(i)) <= 3 and not is_clause(i) for i in items)
    parts = [items[0]]
    posted = _post(items[0])  # the part so far is a post and its portfolio: "Assistant Director, Planning"
    for k, item in enumerate(items[1:], start=1):
        rest = ", ".join(items[k:])
        current = parts[-1]
        if posted:
            portfolio, post = _portfolio_of(item)
            if portfolio:
                # "Strategic Director, Place", "Assistant Director, Planning, Development and Regeneration": the
                # words after a post that name no one are its portfolio; a post after "and" is another owner's
                parts[-1] = f"{current}, {portfolio}"
                if post:
                    parts.append(post)
                continue
        # "Head of Policy, Performance and Insight" carries the complement on; "Lead for Family Hubs, Financial
        # Hardship Programme Manager" names a second owner, complete with its own head noun.
        in_complement = _has_complement(current) and not (_opens_title(item, False) or is_complete(item))
        distinct = is_complete(current) and (is_complete(rest) or _titled(item)) and not in_complement
        if item.strip() and (distinct or listed):
            parts.append(item)
            posted = _post(item)
        else:
            parts[-1] = f"{current}, {item}"
    out: list[str] = []
    for part in parts:
        out.extend(_split_and(part))
    return out


def _post(text: str) -> bool:
    """A person's post with no complement ("Strategic Director", "Service Manager", "Operational Manager"): a
    title ending in a head noun that names a person, not a unit (``units`` in ``data/roles.toml``), and no
    "of"/"for" part; after a comma, it may take its portfolio ("Strategic Director, Place")."""
    core = _PAREN_TAIL.sub("", text)
    words = _words(core)
    if not words or _has_complement(text) or _AND.search(core) or all(is_abbreviation(w) for w in words):
        return False  # "WSCC and CCG Commissioners" is a list of owners, not one post
    return _ends_in_head(words) and words[-1].lower() not in _grammar().units


def _ends_in_head(words: Sequence[str]) -> bool:
    """Whether the last of ``words`` is a role's head noun: one of ``head_nouns``, or one of
    ``modified_head_nouns`` written as a title is, capitalised after a capitalised word that says what kind
    ("Business Partner"; not "with partners", nor "Community Council partners")."""
    if not words:
        return False
    word = words[-1].strip(",.;()")
    g = _grammar()
    if word.lower() in g.heads:
        return True
    return word.lower() in g.modified and word[:1].isupper() and len(words) >= 2 and words[-2][:1].isupper()


def _portfolio_of(item: str) -> tuple[str, str]:
    """The words of a comma's ``item`` that are a post's portfolio (they name no one: no head noun, no opening
    title, no abbreviation first), and the owner that follows them after "and" ("Children's Social Care and
    Assistant Director", "Place and Head of Planning"); ``("", "")`` where the item names an owner of its own."""
    pieces = _AND.split(item)
    kept = pieces[0]
    if not _names_no_one(kept):
        return "", ""
    for k in range(2, len(pieces), 2):
        if not _names_no_one(pieces[k]):
            rest = "".join(pieces[k:])
            return (kept, rest) if is_complete(pieces[k]) or _opens_title(pieces[k], False) else ("", "")
        kept += pieces[k - 1] + pieces[k]
    return kept, ""


def _names_no_one(text: str) -> bool:
    """Words that name no one, written as a name is ("Place", "Quality Assurance", "Children's Social Care")."""
    words = _words(_PAREN_TAIL.sub("", text))
    return (
        bool(words)
        and _titled(text)
        and not is_complete(text)
        and not _opens_title(text, False)
        # a post's abbreviation ("CFO", "SIRO") is someone; one that opens a unit's name does not make it
        # a post ("SEND Travel Support")
        and not all(is_abbreviation(w) for w in words)
        and not is_clause(text)
    )


_AND = re.compile(r"(\s+and\s+|\s*&\s*)", re.IGNORECASE)


def _split_and(text: str) -> list[str]:
    parts = _AND.split(text)
    out = [parts[0]]
    for sep, part in zip(parts[1::2], parts[2::2], strict=True):
        current = out[-1]
        # "Head of Digital and ICT": an abbreviation of a service after "and" inside a complement is a part of
        # it, as a word would be; a post's or a body's ("... and CEX", "... and NHS") is an owner of its own
        bare = part.strip() in _grammar().services
        # a complement names what a title heads, never a person: words after "and" that end in a person's head
        # noun are another post ("Head of Transport Operations and Customer Contact Centre Manager")
        in_complement = _has_complement(current) and (bare or not _opens_title(part)) and not _ends_in_post(part)
        complete = is_complete(current) and is_complete(part)
        if part.strip() and complete and not in_complement and not _shared_head(current, part):
            out.append(part)
            continue
        out[-1] = current + sep + part
    return out


def _shared_head(left: str, right: str) -> bool:
    """ "WSCC and CCG Commissioners": one abbreviation before a title that opens with another shares its head noun;
    so does a service's abbreviation before a title ("ASB and Tenancy Enforcement Manager")."""
    lw, rw = _words(left), _words(_PAREN_TAIL.sub("", right))
    services = _grammar().services
    if (
        len(lw) == 1
        and lw[0] in services
        and len(rw) >= 2
        and rw[-1].lower() in _grammar().heads
        and not _opens_title(right, False)
    ):
        return True  # "ASB and Tenancy Enforcement Manager": a service's abbreviation shares the title's head
    return (
        len(lw) == 1
        and is_abbreviation(lw[0])
        and lw[0] not in _grammar().abbreviations  # a role's own abbreviation ("CPH") names an owner by itself
        and len(rw) >= 2
        and is_abbreviation(rw[0])
        and rw[-1].lower() in _grammar().heads
        and rw[-1].lower().endswith("s")
    )


def _split_run_on(text: str) -> list[str]:
    """Split "Senior Policy & Programme Manager Service Lead (HR)" at the head noun between two titles, and
    "Cllr Jane Smith (Portfolio Holder) Head of Finance" where a title opens after a closing bracket.  After a
    body or unit ("Council", "Partnership", "Team") one post ("Liaison Officer") is the body's, unless it opens
    as a title of its own ("Head of ...", "Chief ..."): "Town and Parish Council Liaison Officer" is one post;
    "Early Years workforce Social care, transport planning" is still split.  Likewise a title that takes a
    complement before one service's name heads that service ("Assistant Director Housing Property Services");
    a title that ends in its head noun does not ("Passenger Transport Manager" / "Kestwick Bus Partnership")."""
    m = _AFTER_BRACKET.match(text)
    if m and _opens_title(m["right"], abbreviations=False) and is_complete(m["right"]):
        return [m["left"], *_split_run_on(m["right"])]
    words = text.split()
    if len(words) < 4 or _has_complement(text):
        return [text]
    g = _grammar()
    for i in range(1, len(words) - 1):
        word = words[i].strip(",.;").lower()
        left, right = " ".join(words[: i + 1]), " ".join(words[i + 1 :])
        if word in g.units and _one_post(right) and not _opens_title(right, abbreviations=False):
            continue  # a body's name before a post is the post's ("Parish Council Liaison Officer")
        if word in g.units and _ends_in_post(words[i + 1]):
            continue  # a unit's head noun before a person's is one title ("Team Leader", "Team Manager")
        if _takes_complement(left) and _names_unit(right) and not _opens_title(right, abbreviations=False):
            continue  # a director's service, named after the title ("Assistant Director Housing Services")
        if (
            word in g.heads
            and words[i + 1][:1].isupper()
            and len(words[: i + 1]) >= 2
            and len(_PAREN_TAIL.sub("", right).split()) >= 2
            and is_complete(left)
            and is_complete(right)
            and not is_abbreviation(words[i + 1])
        ):
            return [left, *_split_run_on(right)]
    return [text]


_LISTING = re.compile(r"[,/;&+]|\band\b")
"""What lists several names in one text: a comma, a slash, a semicolon, "&", "+" or "and"."""


def _head(text: str) -> str:
    """The last word of ``text`` before a bracketed note, lower case: where a title's head noun stands
    ("Services (S151 Officer)": "services"; the note names the post's statutory role, not its head)."""
    words = (_PAREN_TAIL.sub("", text) or text).split()
    return words[-1].strip(",.;()").lower() if words else ""


def _ends_in_post(text: str) -> bool:
    """Whether ``text`` ends in a person's head noun ("... Manager", "... Officer"), not a unit's."""
    words = (_PAREN_TAIL.sub("", text) or text).split()
    return _ends_in_head(words) and _head(text) not in _grammar().units


def _takes_complement(text: str) -> bool:
    """Whether ``text`` ends in a title that takes a complement ("Assistant Director", "Head"): the words
    after it may name what it heads, with no "of"; a title that ends in its head noun ("Transport Manager")
    takes none."""
    low = collapse(text).lower()
    return any(low == o or low.endswith(" " + o) for o in _grammar().openers)


def _names_unit(text: str) -> bool:
    """Whether ``text`` names one unit, team or service ("Housing Property Services"): no list in it, its head a
    unit's, a few words."""
    return not _LISTING.search(text) and _head(text) in _grammar().units and len(text.split()) <= 4


def _one_post(text: str) -> bool:
    """Whether ``text`` names one person's post: no list in it, its head a person's ("... Liaison Officer"),
    not a unit's ("... fire service"), a few words."""
    return not _LISTING.search(text) and _ends_in_post(text) and len(text.split()) <= 4


_AFTER_BRACKET = re.compile(r"^(?P<left>[^()]*\S\s*\([^()]+\))\s+(?P<right>[A-Z].*)$")
"""An owner whose bracket closes before the next begins ("Cllr Jane Smith (Portfolio Holder) Head of ...")."""

_SUBJECT_LABEL = re.compile(r"^(?P<owner>[A-Z][^:;.]{2,60}?)\s*:\s+\S")
_SUBJECT_TO = re.compile(r"^(?P<owner>The\s+[A-Z][^:;.,]{2,60}?)\s+to\s+(?=[a-z])")


def subject_owner(text: str) -> list[str]:
    """The owner an action names as its subject, when no owner field gives one.

    "Recognise & Remember Task Group: publicise the events calendar" and
    "The Employment & Skills Task Group to take a lead in ..." name who acts:
    a complete owner (a role, team or body, see :func:`is_complete`) before a
    colon, or after "The" before "to".  Anything else names no owner; roles
    mentioned further into the text are not owners.
    """
    for pattern in (_SUBJECT_LABEL, _SUBJECT_TO):
        m = pattern.match(collapse(text))
        if not m:
            continue
        owner = m["owner"].strip()
        words = owner.split()
        if len(words) <= 8 and not is_clause(owner) and is_complete(owner):
            return [owner.removeprefix("The ") if pattern is _SUBJECT_TO else owner]
    return []
