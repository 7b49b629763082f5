"""Labelled paragraphs: recommendations, actions and their fields written as text, not as a table.

    Recommendation 1
    Governance/decision making – consider instigating a review ...
    Action 1.1: Explore issues in the report preparation process ...
    Lead officer: Monitoring Officer
    Timescale: December 2024

Field labels are read by their words (:mod:`extractors.labels`), so "Led
by:", "Responsible officer:", "Date for delivery:" read alike, also when
written inside a line ("... council. Lead: Head of Policy. Due: March 2025",
"Lead: Head of Planning | Due: March 2026").  Actions may be numbered without
the word "Action" ("1.2 Review the ..."), but such a numbered paragraph is an
action only when field labels follow it before the next one: a report's
numbered paragraphs ("3.1 In its consideration of ...") are not actions.  So is
a list item's own number or letter ("3. Review ...", "b) ...", typed or drawn
by a Word list): an action numbered within its recommendation when fields
follow it, and the recommendation itself when the actions after it continue
its number ("2." over "2.1 ...").
Text after a heading or an action label runs on over lines and pages until
the next label; a field runs on to the end of its paragraph.  Labels the
vocabulary does not know ("Ward: ...") are kept in ``extra``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from actionplans.extractors.cells import BULLET_CLASS, GLYPH_CLASS, OPEN_END
from actionplans.extractors.columns import best_header_role, header_scores
from actionplans.extractors.headings import Heading, read_heading
from actionplans.extractors.labels import LABEL_FIELDS, Label, inline_field_starts, read_label
from actionplans.extractors.model import Line, Paragraph, join_lines
from actionplans.extractors.parts import SET_APART
from actionplans.normalise.owners import split_owners
from actionplans.normalise.text import collapse
from actionplans.normalise.timescale import parse_timescale, wrapped_date

_FIELDS = LABEL_FIELDS


@dataclass
class OpenedRec:
    """A recommendation a label opened ("Recommendation 3 - ..."), with its words and owner labels."""

    number: str | None
    lines: list[Line] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    set_apart: bool = False
    """Opened by a bare numbered title only its type sets apart as a heading: a recommendation only when
    actions follow it (a report's "1. Introduction" is none)."""

    @property
    def text(self) -> str:
        return join_lines(self.lines)


@dataclass
class FlowedAction:
    """One labelled action and the fields written under it."""

    rec: str | None
    number: str | None
    lines: list[Line] = field(default_factory=list)
    fields: dict[str, list[Line]] = field(default_factory=dict)
    extra_lines: dict[str, list[Line]] = field(default_factory=dict)
    labelled: bool = True
    """Opened by an action label; ``False`` for a bare number ("1.2 Review ..."), which needs fields."""
    rec_owners: list[str] = field(default_factory=list)
    run: int | None = None
    """For a bulleted action, the run of bullets it belongs to (they share the fields written under it)."""
    field_labels: dict[str, str] = field(default_factory=dict)
    """The label each field was first written under ("Measure of success")."""
    opened_under: int = -1
    """Index of the recommendation label it follows in its run (-1: none)."""
    section: str | None = None
    """The section heading it sits under ("Theme 1: ..."), when that, not a recommendation, numbers it."""
    within: bool = False
    """Its number is a list item's ("3.", "b)"), numbered within its recommendation, not the whole id."""

    @property
    def text(self) -> str:
        # a list under the action's lead-in, set on its lines: its bullets are marks, not words
        return join_lines([self.lines[0], *(_unbulleted(ln) for ln in self.lines[1:])] if self.lines else [])

    def field(self, kind: str) -> str | None:
        lines = self.fields.get(kind)
        return collapse(join_lines(lines)) or None if lines else None

    @property
    def owners(self) -> list[str]:
        lines = self.fields.get("owner", [])
        return split_owners([ln.text for ln in lines]) if lines else list(self.rec_owners)

    @property
    def timescale(self) -> str | None:
        return self.field("timescale")

    @property
    def measure(self) -> str | None:
        return self.field("measure")

    @property
    def status(self) -> str | None:
        return self.field("status")

    @property
    def progress(self) -> str | None:
        return self.field("progress")

    @property
    def objective(self) -> str | None:
        return self.field("objective")

    @property
    def extra(self) -> list[tuple[str, str]]:
        return [(k, join_lines(v)) for k, v in self.extra_lines.items()]


@dataclass
class Flowed:
    recommendations: list[OpenedRec] = field(default_factory=list)
    actions: list[FlowedAction] = field(default_factory=list)


_NUMBERED = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+)[.)]?\s+(?P<rest>[A-Z(\"'‘“].*)$")


_LISTED = re.compile(rf"^\s*[{BULLET_CLASS}]\s*(?P<rest>\S.*)$")

_LIST_NUMBER = re.compile(
    r"^\s*(?:\((?P<p>\d{1,3}|[a-z]{1,4})\)|(?P<t>\d{1,3}|[a-z]{1,4})[.)])\s+(?P<rest>[A-Z(\"'‘“].*)$"
)
"""A list item's own number or letter at the start of its paragraph ("3. Review ...", "b) Train ...", "(iv) ..."),
typed or drawn by the source's list numbering (a Word list's label is read into its paragraph's text)."""
_LIST_ITEM = re.compile(r"^\s*(?:\((?P<p>\d{1,3}|[a-z]{1,4})\)|(?P<t>\d{1,3}|[a-z]{1,4})\))\s+(?P<rest>\S.*)$")
"""The same after a bracket, in any case ("b) working with partners"): an item of a list of actions only in a run
that field lines follow (a resolution's "a) the structure of the team;" is no action)."""


def _key(label: str) -> str:
    return " ".join(label.lower().split())


def _names(label: str, kind: str) -> float:
    """How surely a label's words name the field ``kind`` (the column vocabulary's score)."""
    return header_scores(label).get(kind, 0.0)


def _label(line: str) -> Label | None:
    """A line's label; "1.2 Review the ..." opens a numbered action (kept only if fields follow it)."""
    label = read_label(line)
    if label is None:
        m = _NUMBERED.match(line)
        if m:
            return Label("numbered", "", m["num"], m["rest"].strip())
    return label


def _is_field(line: Line | None) -> bool:
    label = _label(line.text) if line is not None else None
    return label is not None and label.kind in (*_FIELDS, "rec_owner")


def _body_size(paragraphs: list[Paragraph]) -> float | None:
    """The size of most of the text's type, where the source gives sizes."""
    sizes = sorted(ln.size for p in paragraphs for ln in p.lines if ln.size)
    return sizes[len(sizes) // 2] if sizes else None


def _larger(line: Line, body: float | None) -> bool:
    """Whether ``line`` is set in type larger than the body's (:data:`SET_APART`): a heading, not a bold word."""
    return body is not None and line.size is not None and line.size >= body * SET_APART


def _set_apart(line: Line, body: float | None) -> bool:
    """Whether the source sets ``line`` apart as a heading: in bold, or in type larger than the body's."""
    return line.bold or _larger(line, body)


_HEADS_ACTIONS = 6
"""The most words a sub-heading over a list of actions has ("What we will do", "Our actions")."""


def _names_actions(text: str) -> bool:
    """Whether a line's words name a list of actions, as a column header would ("What we will do")."""
    return len(text.split()) <= _HEADS_ACTIONS and best_header_role(text.strip(" :")) == "action"


def _inline_fields(line: Line) -> list[Line]:
    """A line cut before each field label written inside it ("... council. Lead: Head of Policy. Due: ...")."""
    text = line.text
    cuts = inline_field_starts(text)
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip(" ;,|") for a, b in pairwise(bounds)]
    # a field in brackets ("... councils (Lead: Chief Executive, by June 2025)"): the bracket goes with it
    pieces = [p[:-1].rstrip() if p.endswith("(") else p[:-1] if p.endswith(")") and "(" not in p else p for p in pieces]
    return [replace(line, text=p) for p in pieces if p]


_DATE_AFTER = re.compile(r"^(?P<owner>.*\S)\s*,\s+(?P<when>(?:by|due|before|until|from|during|in)\s.+)$", re.I)


def _date_after_owner(text: str) -> tuple[str, str] | None:
    """An owner field that ends with when the work is due, after a comma ("Chief Executive, by June 2025"):
    the owner and the timescale, where what follows the comma reads as a date."""
    m = _DATE_AFTER.match(text.strip())
    read = parse_timescale(m["when"]) if m else None
    if m is None or read is None or (read.status == "unknown" and read.rule != "needs_reference"):
        return None  # "needs_reference": a date whose year is the plan's ("by the end of Qtr 2")
    return m["owner"], m["when"]


_BRACKETS_OPEN = 3
"""The most lines a bracket opened on one line may run over before it closes."""


def _close_brackets(lines: list[Line]) -> list[Line]:
    """A paragraph's lines, a line with a bracket still open joined to the lines it closes on ("... councils
    (Lead:" / "Chief Executive, by June 2025)"): fields written in brackets are read on one line."""
    out: list[Line] = []
    runs = 0
    for line in lines:
        if out and runs and out[-1].text.count("(") > out[-1].text.count(")") and not _listed(line.text):
            out[-1] = replace(out[-1], text=f"{out[-1].text.rstrip()} {line.text.strip()}")
            runs -= 1
            continue
        out.append(line)
        runs = _BRACKETS_OPEN
    return out


def _join_fields(lines: list[Line]) -> list[Line]:
    """A paragraph's lines, with a line of fields joined to the lines it wraps onto.

    "Lead body: Chief Executive | Date for delivery: June 2025 | Performance" /
    "measure: Vision adopted ..." is one run of fields; cut at its labels only
    once joined, a label wrapped over two lines is still one label.
    """
    out: list[Line] = []
    for k, line in enumerate(lines):
        # A field left open at its line's end ("Owner: Director of"), or whose line ended because the next
        # word would not fit ("Owner: Regeneration" / "Manager Due: Q3 2025/26" in a narrow column), carries
        # on into the next line where that line's label holds a field's label further on ("Manager Due:":
        # "Due:"): its first words are the field's, and the joined line is cut there.  A line that opens
        # with a label of its own ("Action: ...") is never carried.
        opens = _label(line.text)
        if (
            opens is not None
            and k > 0
            and _label_within(opens.label)
            and (OPEN_END.search(out[-1].text.rstrip()) or _full(lines[k - 1], line))
        ):
            opens = None
        if (
            out
            and opens is None
            and (label := _label(out[-1].text)) is not None
            and label.kind in (*_FIELDS, "rec_owner", "other")
            and not _listed(line.text)
        ):
            out[-1] = replace(out[-1], text=f"{out[-1].text.rstrip()} {line.text.strip()}")
            continue
        out.append(line)
    return out


_GLYPH = re.compile(rf"^\s*[{GLYPH_CLASS}]\s*(?P<rest>\S.*)$")
"""A bullet's glyph opening a line (:data:`~extractors.cells.GLYPHS`): a mark, never a word."""


def _unbulleted(line: Line) -> Line:
    m = _GLYPH.match(line.text)
    return replace(line, text=m["rest"]) if m else line


def _fields_between_bullets(split: list[list[Line]], p: int) -> bool:
    """Whether the list of bullets that paragraph ``p`` opens has field lines between its bullets ("Lead
    officer:" under each): then each bullet is an action with its own fields, not words of the one above."""
    fielded = False
    for lines in split[p + 1 :]:
        if not lines:
            continue
        if _LISTED.match(lines[0].text):
            if fielded:
                return True
        elif _is_field(lines[0]):
            fielded = True
        else:
            break
    return False


def _leads_in(lead: list[Line]) -> bool:
    """Whether an action leads into a list: its text ends in a colon ("... including:")."""
    return bool(lead) and lead[-1].text.rstrip().endswith(":")


def _deeper(item: Line, first: Line) -> bool:
    """Whether ``item`` is set further in than ``first``, by the source's indent or its left edge."""
    at = first.indent if first.indent is not None else first.x0
    inner = item.indent if item.indent is not None else item.x0
    return at is not None and inner is not None and inner > at + 1


def _full(line: Line, nxt: Line) -> bool:
    """Whether ``line`` ended because ``nxt``'s first word would not fit after it, within its box or within
    what its column's lines are seen to reach (``seen_x1``: then the break is ``None``, not ``"room"``);
    ``False`` where neither is known."""
    return (line.seen_x1 is not None or line.box_x1 is not None) and line.break_before(nxt) in ("wrap", None)


def _label_within(label: str) -> bool:
    """Whether a label of several words holds a field's label after its first word ("Manager Due": "Due"):
    the words before it may be the end of the line above."""
    words = label.split()
    return any(_label(" ".join(words[k:]) + ": x") is not None for k in range(1, len(words)))


def _cut_after_fields(lines: list[Line]) -> list[list[Line]]:
    """A paragraph cut before each list item that follows a field line: where a PDF sets the items close
    together, one paragraph holds "Lead: ..." / "By when: June 2025" / "• Run a consultation ..." / "2. Make
    better use of ...", and the item after the fields opens a paragraph of its own, as it would set apart."""
    out: list[list[Line]] = [[]]
    for k, line in enumerate(lines):
        if k and _listed(line.text) and _is_field(lines[k - 1]):
            out.append([])
        out[-1].append(line)
    return out


def read_flowed(paragraphs: list[Paragraph], groups: str = "recommendation") -> Flowed:
    """The labelled recommendations and actions of a run of paragraphs.

    ``groups`` is what the plan's unlabelled numbered groups are
    (:func:`extractors.headings.numbered_groups`): in a plan of themes, a bare
    numbered heading opens a section and the actions' numbers name no
    recommendation.
    """
    titles: bool | str = "section" if groups == "section" else False
    out = Flowed()
    target: list[Line] | None = None
    target_is_field = False
    current_rec: OpenedRec | None = None
    section: Heading | None = None
    closed = 0  # actions before this many take no more fields: a heading of something else came after them
    body = _body_size(paragraphs)
    split = [
        part
        for para in paragraphs
        for part in _cut_after_fields(
            [piece for ln in _join_fields(_close_brackets(para.lines)) for piece in _inline_fields(ln)]
        )
    ]
    runs = _listed_runs(split)
    leads: dict[int, bool] = {}  # an action -> whether it leads into a list of its own words (found once)
    for p, lines in enumerate(split):
        for n, line in enumerate(lines):
            label = _label(line.text)
            heading = read_heading(line.text, titles) if n == 0 and label is None else None
            set_apart = False
            if heading is None and n == 0 and label is None and _set_apart(line, body):
                heading = read_heading(line.text, groups, set_apart=True)
                set_apart = heading is not None
            if label is None and n == 0 and p in runs and (m := _LISTED.match(line.text)):
                lead = out.actions[-1] if out.actions and target is out.actions[-1].lines else None
                if lead is not None and id(lead) not in leads:  # once, at the list's first bullet
                    leads[id(lead)] = _leads_in(lead.lines) and not _fields_between_bullets(split, p)
                if lead is not None and leads[id(lead)] and _deeper(line, lead.lines[0]):
                    # "2.1 Launch a new offer for carers, including:" over bullets set further in: they are
                    # its words, not actions of their own
                    lead.lines.append(replace(line, text=m["rest"].strip()))
                    continue
                label = Label("listed", "", None, m["rest"].strip())
            if (
                label is None
                and n == 0
                and heading is None
                and (m := _LIST_NUMBER.match(line.text) or (_LIST_ITEM.match(line.text) if p in runs else None))
            ):
                # "3. Review ..." with its own "Lead:" and "Due:" under it: an action numbered within its
                # recommendation, as a typed or drawn list number in a cell is (kept only if fields follow).
                label = Label("list_number", "", m["p"] or m["t"], m["rest"].strip())
            if heading is not None and heading.kind == "recommendation":
                label = Label("recommendation", heading.label, heading.number, heading.text)
            elif heading is not None:
                section, current_rec = heading, None
                target, target_is_field = None, False
                continue
            if label is None and n == 0 and heading is None and _set_apart(line, body) and _names_actions(line.text):
                # "What we will do" set apart over the actions: it heads the list, it is no recommendation's words
                target, target_is_field = None, False
                continue
            if label is None and n == 0 and _larger(line, body):
                # a heading in larger type that is none of the plan's ("Changes to Staffing Establishments"
                # over a report's header block): what follows it is no field of the action above
                closed = len(out.actions)
            if label is None:
                # a field runs to the end of its paragraph; a new one does not carry it on, but for the year of
                # a date a page or column break cut ("By: December" / "2025")
                if n == 0 and target_is_field and not (target and wrapped_date(target[-1].text, line.text)):
                    target = None
                if target is not None:
                    target.append(line)
                elif out.actions:
                    out.actions[-1].extra_lines.setdefault("Notes", []).append(line)
                continue
            value = replace(line, text=label.value)
            if label.kind == "recommendation":
                section = None
                current_rec = OpenedRec(label.number, [value] if value.text else [], set_apart=set_apart)
                out.recommendations.append(current_rec)
                target, target_is_field = current_rec.lines, False
            elif label.kind in ("action", "numbered", "listed", "list_number"):
                rec = current_rec.number if current_rec else None
                prefix = label.number.split(".")[0] if label.number and "." in label.number else None
                in_section = section is not None and current_rec is None and prefix in (None, section.number)
                if rec is None and not in_section and groups == "recommendation":
                    rec = prefix
                act = FlowedAction(
                    rec,
                    label.number,
                    [value] if value.text else [],
                    labelled=label.kind == "action",
                    rec_owners=list(current_rec.owners) if current_rec else [],
                    opened_under=len(out.recommendations) - 1,
                    section=section.name if in_section and section is not None else None,
                    run=runs.get(p) if label.kind in ("listed", "list_number") else None,
                    within=label.kind == "list_number",
                )
                out.actions.append(act)
                target, target_is_field = act.lines, False
            elif label.kind in (*_FIELDS, "rec_owner"):
                kind = "owner" if label.kind == "rec_owner" else label.kind
                last = out.actions[-1] if out.actions and len(out.actions) > closed else None
                open_ = last if last and last.opened_under == len(out.recommendations) - 1 else None
                when = _date_after_owner(value.text) if kind == "owner" else None
                if when is not None:  # "Lead: Chief Executive, by June 2025": the owner, then the timescale
                    value = replace(value, text=when[0])
                    if open_ is not None:
                        open_.fields.setdefault("timescale", [replace(line, text=when[1])])
                if open_ is None and current_rec is not None and kind == "owner":
                    current_rec.owners.extend(split_owners([label.value]))
                    target, target_is_field = None, True
                    continue
                if open_ is None:
                    target = None
                    continue
                named = open_.field_labels.setdefault(kind, label.label)
                if kind != "owner" and _key(named) != _key(label.label):
                    # A second label of one kind ("Shared outcome:" and "Measure of success:"): the label that
                    # names the kind more surely is the field, the other is kept under its own name (owners
                    # add up instead).
                    if _names(label.label, kind) > _names(named, kind):
                        open_.extra_lines[named] = open_.fields.pop(kind, [])
                        open_.field_labels[kind] = label.label
                        target = open_.fields.setdefault(kind, [])
                    else:
                        target = open_.extra_lines.setdefault(label.label, [])
                else:
                    target = open_.fields.setdefault(kind, [])
                target.append(value)
                target_is_field = True
            elif out.actions:
                target = out.actions[-1].extra_lines.setdefault(label.label, [])
                target.append(value)
                target_is_field = True
    _share_run_fields(out.actions)
    out.actions, above = _attached(out.actions)
    out.recommendations.extend(above)
    return out


def _listed(text: str) -> bool:
    """A list item: a bullet, or a list's own number or letter ("b)", "3.")."""
    return bool(_LISTED.match(text) or _LIST_NUMBER.match(text) or _LIST_ITEM.match(text))


def _listed_runs(split: list[list[Line]]) -> dict[int, int]:
    """The bulleted (or lettered) paragraphs that are actions, each with the number of its run.

    A run of list items one after another is a list of actions when field lines follow it ("• Review ..." /
    "• Train ..." / "Lead: ..." / "By: ...", or "a) ..." / "b) ..." / "Target date: ..."), or follow each of
    its items; the fields under a run are all its actions'.  A run that no field line follows is text (of a
    recommendation, an aim)."""
    out: dict[int, int] = {}
    p = 0
    while p < len(split):
        start = p
        while (
            p < len(split)
            and split[p]
            and _listed(split[p][0].text)
            and _label(split[p][0].text) is None
            and (p == start or _marker(split[p][0].text) == _marker(split[start][0].text))
        ):
            own = _first_field(split[p])  # a field on the bullet's own paragraph (after its wrapped lines) ends
            p += 1  # the run there
            if own is not None:
                break
        if p == start:
            p += 1
            continue
        after = _first_field(split[p - 1]) or (split[p][0] if p < len(split) and split[p] else None)
        if _is_field(after):
            out.update(dict.fromkeys(range(start, p), start))
    return out


def _marker(text: str) -> str:
    """The kind of a list item's marker: a bullet, a number, or a letter. A numbered item over bullets ("1.
    Extend selective licensing ..." / "• Prepare ...") or over lettered items ("1. The council should ..." /
    "a. Publish ...") is a level above them, not an item of their run."""
    if _LISTED.match(text):
        return "bullet"
    m = _LIST_NUMBER.match(text) or _LIST_ITEM.match(text)
    mark = (m["p"] or m["t"]) if m else ""
    return "number" if mark.isdigit() or not mark else "letter"


def _first_field(paragraph: list[Line]) -> Line | None:
    """The first field line under a list item's first line in its own paragraph, past the lines the item's
    words wrap onto ("• Share intelligence ... with Lancashire" / "Constabulary." / "Lead: ...")."""
    return next((ln for ln in paragraph[1:] if _is_field(ln)), None)


def _share_run_fields(actions: list[FlowedAction]) -> None:
    """Give every action of a run of bullets the fields written under the run (on its last action)."""
    runs: dict[int, list[FlowedAction]] = {}
    for act in actions:
        if act.run is not None:
            runs.setdefault(act.run, []).append(act)
    for members in runs.values():
        shared = members[-1].fields
        for act in members[:-1]:
            for kind, lines in shared.items():
                act.fields.setdefault(kind, list(lines))


def _has_fields(act: FlowedAction) -> bool:
    """Whether fields are written under it (an owner, a date ...; the objective it serves is not one)."""
    return any(kind in act.fields for kind in _FIELDS if kind != "objective")


def _attached(actions: list[FlowedAction]) -> tuple[list[FlowedAction], list[OpenedRec]]:
    """Labelled actions, and numbered paragraphs that have field labels of their own; and the list items that
    number the level above them.

    A list item whose number the next action's number continues ("2." over "2.1 ...") is not an action but
    the recommendation those actions are numbered under, with the lead written under it."""
    kept: list[FlowedAction] = []
    above: list[OpenedRec] = []
    lone = _lone_fielded(actions)
    heads: FlowedAction | None = None
    """A numbered paragraph with no fields of its own ("1.1 Develop a strategy") over list items ("a) ...")."""
    parent: str | None = None
    """The number of a numbered list item with no fields over a run of bullets: their recommendation."""
    for k, act in enumerate(actions):
        lettered = act.within and (act.number or "").isalpha()
        if ((act.run is not None and act.number is None) or lettered) and act.rec is None and parent is not None:
            act.rec = parent  # "• Prepare ..." under "1. Extend selective licensing ..."
            if lettered:
                act.number, act.within = f"{parent}.{act.number}", False  # "a. Publish ..." under "1. ...": 1.a
        elif act.run is None or act.number is not None:
            parent = None  # a numbered item (of a run or not) ends the bullets the last one headed
        if act.within and heads is not None and act.number and _has_fields(act):
            # "a)" under "1.1 Develop ...": action 1.1.a, serving that objective
            act.number, act.within = f"{heads.number}.{act.number}", False
            act.fields.setdefault("objective", list(heads.lines))
        elif not act.labelled and not act.within and "." in (act.number or "") and not _has_fields(act):
            heads = act
        else:
            heads = None
        nxt = actions[k + 1].number or "" if k + 1 < len(actions) else ""
        bullets = k + 1 < len(actions) and actions[k + 1].run is not None and actions[k + 1].number is None
        # or lettered items with fields of their own ("a. Publish ...  Lead: EB") under a number ("1. ...")
        letters = (
            k + 1 < len(actions)
            and actions[k + 1].within
            and nxt.isalpha()
            and (act.number or "").isdigit()
            and _has_fields(actions[k + 1])
            and _close(act, actions[k + 1])
        )
        if act.within and act.rec is None and act.run is None and (bullets or letters) and not _has_fields(act):
            parent = act.number  # a numbered item over bulleted actions: their recommendation
            above.append(OpenedRec(act.number, list(act.lines)))
        elif act.within and act.rec is None and nxt.startswith(f"{act.number}."):
            above.append(OpenedRec(act.number, list(act.lines), act.owners if act.fields.get("owner") else []))
        elif act.labelled or (act is not lone and any(kind in act.fields for kind in _FIELDS)):
            kept.append(act)
    return kept, above


def _close(above: FlowedAction, below: FlowedAction) -> bool:
    """Whether ``below`` follows ``above`` on its page or the next (an agenda's "9. Corporate peer challenge"
    does not head lettered items thirty pages on)."""
    pages = [ln.page for ln in (*above.lines[-1:], *below.lines[:1])]
    return None in pages or len(pages) < 2 or 0 <= (pages[1] or 0) - (pages[0] or 0) <= 1


_FEW_NUMBERED = 2
"""More bare numbered paragraphs than this, and only one with fields under it: that one is no plan's action."""


def _lone_fielded(actions: list[FlowedAction]) -> FlowedAction | None:
    """The one bare numbered paragraph with fields under it, where a run of them has no other.

    A plan in numbered paragraphs writes fields under its actions, one after another; a report's numbered
    paragraphs ("10.1 ...", "10.2 ...", "11.1 ...") have none, and the one before its sign-off ("Contact
    officer: ...", "Email: ...") has the sign-off's lines under it.  Fields under one numbered paragraph
    alone, of more than ``_FEW_NUMBERED``, are not a record's."""
    bare = [a for a in actions if not a.labelled and not a.within and a.run is None]
    fielded = [a for a in bare if any(kind in a.fields for kind in _FIELDS)]
    return fielded[0] if len(fielded) == 1 and len(bare) > _FEW_NUMBERED else None
