"""One plan grammar: a document's blocks read in order, with a context, into records.

A plan says which recommendation an action answers in many ways, and one
document may use several: a recommendation column in the table, a heading
or caption above the table ("Recommendation 3:", "R3 –", "3. Title"), a row
that spans the table, the numbering of objectives or actions ("3.2" under
3), a label line ("Recommendation 3"), a list of recommendations stated
earlier (linked by number).  :func:`assemble` walks the blocks once, keeping
a context of section -> recommendation -> objective, and reads each block
with the cues it gives:

* a run of paragraphs is read for recommendation headings and statements,
  labelled actions and fields (:mod:`extractors.flowed`), bulleted actions
  under stated aims (:mod:`extractors.aims`), and the heading that will
  title the next table;
* an action table (:mod:`extractors.tables`, roles from
  :mod:`extractors.columns`) is read row group by row group.

Precedence of the cues for an action in a table, first that applies: the
table's own recommendation column; its objective's number ("4.2" -> 4); the
action's own number ("3.2" -> 3) when nothing above gave one; a row spanning
the table that names a recommendation; the heading above the table.  An id
column under a recommendation heading numbers actions, not recommendations.
A recommendation's text comes from its own column, else from the
document's statement of it (the fullest), else from its heading.  What was
used is recorded as cues; ``layout`` names the main one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace

from actionplans.extractors.aims import read_aims
from actionplans.extractors.cells import BULLET_CLASS, Item
from actionplans.extractors.columns import (
    FIELD_ROLES,
    HeaderMap,
    best_header_role,
    id_parent,
    leading_number,
    numbered_under,
)
from actionplans.extractors.flowed import FlowedAction, read_flowed
from actionplans.extractors.headings import numbered_groups, read_heading
from actionplans.extractors.labels import Label, read_label
from actionplans.extractors.model import Cell, Line, Paragraph, SourceDoc, Table, join_lines
from actionplans.extractors.statements import (
    Stated,
    best_texts,
    is_heading,
    led_in_lists,
    recommendations_section,
    stated_recommendations,
)
from actionplans.extractors.tables import (
    ActionTable,
    LogicalRow,
    ThemeRow,
    find_tables,
    group_rows,
    item_ids,
    items_of,
    objective_number,
    own_number,
    owners_of,
    provenance,
    rec_number,
    row_to_actions,
)
from actionplans.normalise.owners import split_owners, subject_owner
from actionplans.normalise.text import collapse
from actionplans.normalise.timescale import is_expression
from actionplans.records import Action, ContextRow, Recommendation

_WITHIN = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]{1,2}|[ivxIVX]{1,5})\)?")
"""An action number written within its recommendation: a number or a letter or two ("3", "b", "(iv)")."""

_LAYOUT_OF_CUE = {
    "rec_column": "table",
    "objective_number": "sectioned",
    "objective_heading": "sectioned",
    "objective_numbers": "table",
    "action_number": "sectioned",
    "spanning_row": "sectioned",
    "heading": "sectioned",
    "aims": "sectioned",
    "label": "flowed",
    "section": "themed",
    "statement": "narrative",
}

_FLOWED_FIELDS = (("owners", "owner"), ("timescale", "timescale"), ("measure", "measure"), ("status", "status"),
                  ("progress", "progress"))  # fmt: skip
"""An action's fields and the labels of a flowed plan that give them."""


@dataclass
class _Rec:
    """A recommendation as it is assembled from whatever cues name it."""

    rec_id: str | None
    texts: list[str] = field(default_factory=list)
    """Its words from its own table column, in order."""
    heading: str = ""
    """Its words from a heading, a label or a spanning row."""
    lines: list[Line] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    section: str | None = None
    count: int = 0
    """Actions numbered under it so far."""
    key_cell: Cell | None = None
    """The table cell that opened it; rows it is merged down over belong to it."""
    carried: list[Cell] = field(default_factory=list)
    """Key cells of rows joined to its groups across a page break: the rest of a cell the break cut, spanning
    the rows below it there too ("... for" / "each such contract." over the next action)."""
    reading: str = "table"
    """What read it first (``table``, ``flowed``, ``statement``), for its provenance."""


@dataclass
class Preamble:
    """What sits before a table: the heading that titles it, the words under it, owner labels, a section name."""

    number: str | None = None
    text: str = ""
    lines: list[Line] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    section: str | None = None
    used: bool = False
    """Its words (with no heading) have titled a recommendation already."""
    objective: tuple[str, str] | None = None
    """A numbered heading right above the table that numbers the objective its rows serve ("1.2 Engage with
    partners"): its number and words.  Under a "Recommendation 1" heading it must be within it."""


@dataclass
class Assembly:
    """Everything the grammar read from one document."""

    recommendations: list[Recommendation] = field(default_factory=list)
    actions: list[Action] = field(default_factory=list)
    context: list[ContextRow] = field(default_factory=list)
    tables: list[ActionTable] = field(default_factory=list)
    """Every table the readers found, accepted or not, with its column roles."""
    cues: Counter[str] = field(default_factory=Counter)
    """Actions (or recommendations, for statements) placed by each cue (the keys of :data:`_LAYOUT_OF_CUE`)."""
    notes: list[str] = field(default_factory=list)

    @property
    def layout(self) -> str | None:
        """The main way the document lays out its plan (see :data:`_LAYOUT_OF_CUE`), ``None`` if none."""
        if not self.cues:
            return None
        weights: Counter[str] = Counter()
        for cue, n in self.cues.items():
            weights[_LAYOUT_OF_CUE[cue]] += n
        order = list(dict.fromkeys(_LAYOUT_OF_CUE.values()))
        return max(weights, key=lambda k: (weights[k], -order.index(k)))


# --- headings ------------------------------------------------------------------------


def read_preamble(paragraphs: list[Paragraph], groups: str = "recommendation") -> Preamble:
    """The heading that titles the next table, the words under it, its owner labels, and a section name.

    The heading is the last "Recommendation N" statement among the
    paragraphs, or a short "R3 – ..." / "3. Title" paragraph set right above
    the table.  Without a heading, the last paragraph names the section (a
    directorate or theme heading over a table of actions).
    """
    out = Preamble()
    paragraphs = paragraphs[-_ABOVE:]  # a heading titles the table it stands over, not one further down
    start = 0
    objective_at: int | None = None
    for i, para in enumerate(paragraphs):
        stated = is_heading(para)
        numbered = _numbered_heading(para)
        if stated is not None:
            out = Preamble(number=stated.number, text=stated.text, lines=list(stated.lines))
            start, objective_at = i + 1, None
        elif (
            numbered is not None
            and i == len(paragraphs) - 1
            and (out.number is None or numbered[0].split(".")[0] == out.number)
        ):
            # "1.2 Engage with partners" right over the table: the objective its rows serve, within the
            # recommendation above (or, with none above, the one its number names).
            out.objective, objective_at = numbered, i
        elif (
            out.number is not None
            and not (i == start and not out.text)  # the line right under a bare "Recommendation 3" is its words
            and _short_heading(para)
            and read_label(para.lines[0].text) is None
        ):
            out, start = Preamble(), i  # a title of its own after it: the heading above titles another part
    heading = read_heading(paragraphs[-1].text, groups) if paragraphs and len(paragraphs[-1].lines) <= 3 else None
    if out.number is None and heading is not None and heading.kind == "recommendation":
        out = Preamble(number=heading.number, text=heading.text, lines=list(paragraphs[-1].lines))
        start = len(paragraphs)
    words: list[Paragraph] = []
    for k, para in enumerate(paragraphs[start:], start=start):
        if k == objective_at:
            continue
        label = read_label(para.lines[0].text) if para.lines else None
        if label is not None and label.kind in ("owner", "rec_owner"):
            out.owners.extend(split_owners([label.value, *(ln.text for ln in para.lines[1:])]))
            continue
        if label is not None and (label.kind != "other" or (out.number is not None and _field_line(para, label))):
            continue
        words.append(para)
    if words and not out.text:
        # Under a heading, all the words are the recommendation's; without one, only the last paragraph.
        chosen = words if out.number else words[-1:]
        out.text = collapse(" ".join(p.text for p in chosen))
        out.lines = [ln for p in chosen for ln in p.lines]
    if out.number is None and paragraphs and out.objective is None:
        if heading is not None and heading.kind == "section":
            out.section = heading.name
        elif _short_heading(paragraphs[-1]):
            out.section = section_label(paragraphs[-1].text)
    return out


def _field_line(para: Paragraph, label: Label) -> bool:
    """A one-line "Label: value" paragraph with a value of a word or three ("Risk level: High"): a field the
    plan gives the recommendation it stands under, not the recommendation's words."""
    value = label.value.strip()
    return len(para.lines) == 1 and 0 < len(value.split()) <= 3 and not value.endswith(".")


_ABOVE = 4
"""Paragraphs above a table that can title it: a heading, its words, an owner label."""


def _may_continue(above: LogicalRow, row: LogicalRow, header: HeaderMap, ids: tuple[int | None, ...]) -> bool:
    """Whether ``row``, read as an entry of its own, may be the rest of the entry ``above``: nothing but its
    words sets it apart (no number, no owner, no timescale), where the entry above has an owner or a
    timescale of its own."""
    fields = [c for c in (header.index("owner"), header.index("timescale")) if c is not None]
    if not fields or any(c is not None and row.text(c) for c in ids):
        return False
    return not any(row.text(c) for c in fields) and any(above.text(c) for c in fields)


def _doubt(actions: list[Action], start: int, end: int, doubt: str) -> None:
    """Add ``doubt`` to the actions ``start:end`` (both entries a doubt is about)."""
    for k in range(max(0, start), end):
        if doubt not in actions[k].doubts:
            actions[k] = replace(actions[k], doubts=(*actions[k].doubts, doubt))


def titled_inside(pre: Preamble, table: ActionTable, groups: str = "recommendation") -> Preamble:
    """The preamble of a table whose rows above its header (a title row spanning the grid: "Recommendation 3:
    Strengthen ...") name a recommendation: read as the heading right above the table would be, they title
    it, ahead of anything further up; rows that name none leave ``pre`` as it is (a title row that names a
    section is the table's section, see :meth:`_Grammar.read_table`)."""
    inside = read_preamble(table.caption, groups) if table.caption else None
    if inside is None or inside.number is None:
        return pre
    inside.owners = inside.owners or pre.owners
    return inside


def _numbered_heading(para: Paragraph) -> tuple[str, str] | None:
    """A paragraph that numbers an objective ("1.3 Review the capacity ..."): a dotted number, then a line or
    three that is no sentence (its number sets it apart, however many words it has)."""
    text = para.text.strip()
    if not 0 < len(para.lines) <= 3 or text.endswith(".") or is_expression(text):
        return None
    return objective_number(text)


def _short_heading(para: Paragraph) -> bool:
    """A paragraph that can name a section: a line or three, no sentence (an intro paragraph names none)."""
    text = para.text.strip()
    dated = is_expression(text)  # "March 2025" under a title dates the document; it names no section
    return 0 < len(para.lines) <= 3 and len(text.split()) <= 15 and not text.endswith(".") and not dated


# A heading's distinguishing part follows its last separator: "... Wellbeing ~ CYPE".
_SEPARATOR = re.compile(r"\s*(?:~|:|\||–|—|\s-\s)\s*")


def section_label(heading: str) -> str:
    """The part of a heading that names its section ("... Wellbeing~ Public Health" -> "Public Health")."""
    parts = [p for p in _SEPARATOR.split(heading.strip()) if p.strip()]
    return parts[-1].strip() if parts else heading.strip()


# --- the assembler -------------------------------------------------------------------


class _Grammar:
    def __init__(self, doc: SourceDoc, tables: list[ActionTable], stated: list[Stated]) -> None:
        self.doc = doc
        self.tables = tables
        self.stated = best_texts(stated)
        self.recs: list[_Rec] = []
        self.out = Assembly(tables=tables)
        self.section_counts: Counter[str] = Counter()
        self.objective_above: tuple[_Rec | None, str] = (None, "")
        """The recommendation and words of the last objective cell a table wrote, for blank cells below it."""
        # A plan that states "Recommendation N" anywhere numbers recommendations; else its opening says.
        self.groups = "recommendation" if self.stated else numbered_groups(opening_text(doc))
        """What unlabelled numbered groups are in this plan: ``recommendation`` or ``section``."""
        flavour = f":{doc.flavour}" if doc.flavour else ""
        self.prefix = f"{doc.reader}{flavour}"

    def extractor(self, reading: str) -> str:
        return f"{self.prefix}/{reading}"

    def rec(self, rec_id: str | None, section: str | None = None, reading: str = "table") -> _Rec:
        """The recommendation numbered ``rec_id``, opened if new (an unnumbered one is always new)."""
        if rec_id is not None:
            for rec in self.recs:
                if rec.rec_id == rec_id:
                    return rec
        rec = _Rec(rec_id, section=section, reading=reading)
        self.recs.append(rec)
        return rec

    # --- the walk ---

    def run(self) -> Assembly:
        starts = {t.index: t for t in self.tables}
        blocks = self.doc.blocks
        pending: list[Paragraph] = []
        last_cards: tuple[ActionTable, list[Table], int] | None = None
        """The table last read as cards of fields, its pieces, and the paragraphs it added to ``pending``."""
        i = 0
        while i < len(blocks):
            block = blocks[i]
            if isinstance(block, Paragraph):
                if block.text.strip():
                    pending.append(block)
                i += 1
                continue
            table = starts.get(i)
            if table is None:
                i += 1
                continue
            i = table.end + 1
            title = pending[-1] if pending and _titles_card(pending[-1]) else None
            cards = [b for b in blocks[table.index : table.end + 1] if isinstance(b, Table)]
            plan = table.header.accepted and bool(table.rows)  # a header over no rows is no plan's table
            # Cards of fields taken for a table of two columns (a card's last row read as the header over the
            # next card's rows) are still cards where every row's left cell names a field.
            found = field_rows(cards, title, every=plan)
            if found is None and last_cards is not None and _card_cut(self.doc, last_cards[0], table):
                # the rest of the last card, after a page break: the cards read again with it
                joined = field_rows([*last_cards[1], *cards])
                if joined is not None:
                    del pending[len(pending) - last_cards[2] :]
                    pending.extend(joined[0])
                    last_cards = (table, [*last_cards[1], *cards], len(joined[0]))
                    continue
            last_cards = None
            if not plan or found is not None:
                if found is not None:
                    # "Action | ..." / "Lead | ..." / "Timescale | ...": an action written as a card of fields,
                    # read as the labelled lines it stands for; a card of fields alone under a title (a web
                    # page's card: its heading, then "Lead", "Timescale") is that title's.
                    fields, titled = found
                    if titled:
                        pending.pop()
                    pending.extend(fields)
                    last_cards = (table, cards, len(fields)) if not titled else None
                    continue
                # what stands above a table that is not a plan titles nothing after it
                self.read_paragraphs(pending, before_table=False)
                pending = []
                continue
            self.read_paragraphs(pending, before_table=True)
            self.read_table(table, titled_inside(read_preamble(pending, self.groups), table, self.groups))
            pending = []
        self.read_paragraphs(pending, before_table=False)
        self.finish()
        return self.out

    # --- paragraphs ---

    def read_paragraphs(self, paragraphs: list[Paragraph], before_table: bool) -> None:
        """Labelled recommendations and actions, or bulleted actions under aims, in a run of paragraphs.

        Before a table, a recommendation label with no labelled action under it
        is the table's heading: the table reads it (lazily, see
        :meth:`rec_from_context`), so it is not opened here.
        """
        if not paragraphs:
            return
        flowed = read_flowed(paragraphs, self.groups)
        with_actions = {a.rec for a in flowed.actions}
        under = {a.opened_under for a in flowed.actions}
        numbers = Counter(o.number for o in flowed.recommendations if o.number)
        for k, opened in enumerate(flowed.recommendations):
            if (before_table or opened.set_apart) and opened.number not in with_actions:
                continue
            if opened.set_apart and opened.number and numbers[opened.number] > 1 and k not in under:
                # a heading numbered like one of the recommendations under it ("5. RECOMMENDATIONS AND ACTION
                # PLAN" over "Recommendation 1:" ... "Recommendation 5:"), with no action of its own, is a
                # section of the document, not that recommendation opened early
                continue
            rec = self.rec(opened.number, reading="flowed")
            if opened.text and not rec.heading:
                rec.heading, rec.lines = opened.text, list(opened.lines)
            rec.owners.extend(o for o in opened.owners if o not in rec.owners)
        for act in flowed.actions:
            self.add_flowed(act)
        if flowed.actions:
            return
        aims = read_aims(paragraphs)
        if aims is None:
            return
        section = aims.section
        label = section or "actions"
        extractor = self.extractor("aims")
        for aim in aims.aims:
            for bullet in aim.items:
                self.section_counts[label] += 1
                owners = subject_owner(bullet.text)
                self.out.actions.append(
                    Action(
                        rec_id=None,
                        action_id=f"{label}.{self.section_counts[label]}",
                        text=bullet.text,
                        provenance=provenance(bullet.lines, extractor),
                        objective=aim.text,
                        section=section,
                        owners=tuple(owners),
                        owner_source="text" if owners else None,
                    )
                )
                self.out.cues["aims"] += 1

    def add_flowed(self, act: FlowedAction) -> None:
        rec = self.rec(act.rec, reading="flowed") if act.rec is not None else None
        own = act.owners
        owners = own or (rec.owners if rec else [])
        source = ("action" if act.fields.get("owner") else "recommendation") if owners else None
        number = act.number
        if number is None:
            prefix = rec.rec_id if rec and rec.rec_id else "0"
            if rec is not None:
                rec.count += 1
                number = f"{prefix}.{rec.count}"
            else:
                label = act.section or "actions"
                self.section_counts[label] += 1
                number = f"{label}.{self.section_counts[label]}"
        elif rec is not None:
            rec.count += 1
            if act.within and rec.rec_id:
                number = f"{rec.rec_id}.{number}"  # "2." under Recommendation 3: action 3.2
        self.out.actions.append(
            Action(
                rec_id=rec.rec_id if rec else None,
                action_id=number,
                text=act.text,
                provenance=provenance(act.lines, self.extractor("flowed")),
                objective=act.objective,
                section=act.section,
                owners=tuple(owners),
                owner_source=source,
                timescale_raw=act.timescale,
                measure=act.measure,
                status_raw=act.status,
                progress=act.progress,
                extra=tuple(act.extra),
                fields=tuple(
                    (name, provenance(act.fields[kind], self.extractor("flowed")))
                    for name, kind in _FLOWED_FIELDS
                    if act.fields.get(kind) and not (kind == "owner" and not owners)
                ),
            )
        )
        self.out.cues["label"] += 1

    # --- tables ---

    def read_table(self, table: ActionTable, pre: Preamble) -> None:
        """The actions of one table, each placed by the first cue that applies (see the module docstring)."""
        h = table.header
        self.objective_above = (None, "")
        id_col, text_col, owner_col = h.index("rec_id"), h.index("rec_text"), h.index("rec_owner")
        obj_col, action_col = h.index("objective"), h.index("action")
        action_ids = h.index("action_id")
        if action_ids is None and id_col is not None and text_col is None and (pre.number or pre.objective):
            # "No." under "Recommendation 1" (or "1.2 ..."), or "1.1, 1.2, 2.1": the actions' numbers, not the
            # recommendations'
            action_ids, id_col = id_col, None
        has_rec_column = id_col is not None or text_col is not None
        numbered = obj_col is not None and _mostly_numbered(table, obj_col)
        if has_rec_column:
            key = id_col if id_col is not None else text_col
            groups = group_rows(table, key, number=rec_number if id_col is not None else None)
        elif numbered:
            groups = group_rows(table, obj_col, number=objective_number, merge_unkeyed=True)
        else:
            groups = group_rows(table, obj_col if obj_col is not None else action_col)
        numbers_col = action_ids if action_ids is not None else action_col
        above_objectives = (
            obj_col is not None and numbers_col is not None and _prefix_spans(table, numbers_col, obj_col)
        )
        extractor = self.extractor("table")
        section = None if pre.number else (table.caption and section_label(table.caption[-1].text)) or pre.section
        spanning: _Rec | None = None
        current: _Rec | None = None
        theme: str | None = None
        heads: tuple[str, str] | None = None
        """The objective row the actions below sit under: its id ("1.1") and words."""
        head_lines: list[Line] = []
        before: tuple[LogicalRow, int] | None = None
        """The entry just read, and where its actions start in the document's actions."""
        for gi, group in enumerate(groups):
            if isinstance(group, ThemeRow):
                before = None
                named = None if has_rec_column else read_heading(group.text, self.groups, set_apart=True)
                if named is not None and named.kind == "recommendation":
                    spanning = self.rec(named.number, section=theme)
                    if not spanning.heading:
                        spanning.heading, spanning.lines = named.text, list(group.lines)
                    continue
                theme, spanning = group.text, None  # a theme row ends the recommendation a row above opened
                self.out.context.append(ContextRow(group.text, provenance(group.lines, extractor), section=section))
                continue
            if obj_col is None and action_ids is not None and _heads_rows_below(table, groups, gi, action_ids):
                number = collapse(group.text(action_ids)).rstrip(".")
                if heads is not None and head_lines and pre.number is None and numbered_under(number, heads[0]):
                    # "1 Ensure ..." over "1.1 Partners ..." over "1.1.1 ...": the row a level above the objective
                    # is the recommendation the objectives serve, in its words
                    rec = self.rec(heads[0], section=theme)
                    if not rec.heading:
                        rec.heading, rec.lines = heads[1], head_lines
                heads = (number, collapse(group.text(action_col)))
                head_lines = [ln for _, cell in group.cells(action_col) for ln in cell.lines]
                continue  # "1.1 Develop a strategy" over "1.1.a ...", "1.1.b ...": their objective, no action
            written = collapse(group.text(action_ids)).rstrip(".") if action_ids is not None else ""
            if heads is not None and not numbered_under(written, heads[0]):
                heads = None
            items, intro = items_of(group, action_col)
            if has_rec_column:
                current = self.rec_from_column(group, current, id_col, text_col, owner_col, theme, action_ids)
                if not items:
                    continue
                placed: tuple[_Rec | None, str] = (current, "rec_column")
            else:
                if not items:
                    continue
                placed = self.rec_from_context(group, items, obj_col, action_ids, pre, spanning, above_objectives)
            first = len(self.out.actions)
            self.add_table_actions(
                group,
                table,
                items,
                intro,
                *placed,
                extractor,
                obj_col,
                numbered,
                action_ids,
                section,
                theme,
                pre,
                heads[1] if heads else None,
            )
            if before is not None and _may_continue(before[0], group, h, (id_col, action_ids)):
                _doubt(self.out.actions, before[1], len(self.out.actions), "row_continued_guess")
            before = (group, first)

    def rec_from_column(
        self,
        group: LogicalRow,
        current: _Rec | None,
        id_col: int | None,
        text_col: int | None,
        owner_col: int | None,
        theme: str | None,
        action_ids: int | None = None,
    ) -> _Rec:
        """The recommendation a row group belongs to, from the table's recommendation column(s).

        Its number is the id column's, else the one its words open with, else the one the action's own id is
        numbered under ("3" of "3a", beside a recommendation that gives none) if no recommendation has it yet,
        else the next free one."""
        key = id_col if id_col is not None else text_col
        first = group.rows[0]
        key_cell = first.cells[key] if key is not None and key < len(first.cells) else None
        spanned = (
            current is not None
            and key_cell is not None
            and (key_cell is current.key_cell or any(key_cell is c for c in current.carried))
        )
        num = rec_number(first.text(id_col)) if id_col is not None and not spanned else None
        rec_text, named = ("", []) if spanned else _owner_lines_off(group, text_col)
        # Without a number column, the recommendation's words written again on the next row (a tracker that
        # repeats them on every row of its actions) are the same recommendation, not a new one.
        again = id_col is None and current is not None and bool(rec_text) and rec_text in current.texts
        opens = (
            not spanned
            and not again
            and (num is not None or (id_col is None and text_col is not None and bool(rec_text)))
        )
        if opens or current is None:
            parent = id_parent(collapse(first.text(action_ids))) if action_ids is not None and opens else None
            if parent is not None and any(r.rec_id == parent for r in self.recs):
                parent = None  # a number of another recommendation's: this one is not numbered by its actions
            rec_id = num or _leading_number(rec_text) or parent or (self._free_number() if opens else None)
            current = self.rec(rec_id, section=theme)
            current.key_cell = key_cell
            words = _strip_number(rec_text, rec_id)
            if words and words not in current.texts:  # the same recommendation printed again adds nothing
                current.texts.append(words)
                current.lines.extend(ln for _, c in group.cells(text_col) for ln in c.lines)
        elif rec_text and rec_text not in current.texts:
            current.texts.append(rec_text)
        for owner in [*owners_of(group, owner_col), *named]:
            if owner not in current.owners:
                current.owners.append(owner)
        for row in group.rows[1:]:  # rows a page break cut, joined to the first: their key cells are this one's
            cell = row.cells[key] if key is not None and key < len(row.cells) else None
            if cell is not None and row.after_break:
                current.carried.append(cell)
        return current

    def rec_from_context(
        self,
        group: LogicalRow,
        items: list[Item],
        obj_col: int | None,
        action_ids: int | None,
        pre: Preamble,
        spanning: _Rec | None,
        above_objectives: bool = False,
    ) -> tuple[_Rec | None, str]:
        """The recommendation of a row group in a table with no recommendation column, and the cue that gave it.

        ``above_objectives``: the first part of the actions' numbers stays the same across objectives
        (:func:`_prefix_spans`), so it numbers the level above them.

        The heading's recommendation is opened only when a row falls to it, so
        a heading a converter left stranded above another section's table
        ("Recommendation 7" over objectives numbered 1.1) names nothing.
        """
        found = objective_number(group.text(obj_col)) if obj_col is not None else None
        if found and self.groups == "recommendation":
            rec = self.rec(found[0].split(".")[0])
            self.title(rec, pre)
            return rec, "objective_number"
        if spanning is not None:
            return spanning, "spanning_row"
        if pre.number is not None:
            heading = self.rec(pre.number)
            self.title(heading, pre)
            return heading, "heading"
        if pre.objective is not None and self.groups == "recommendation":
            return self.rec(pre.objective[0].split(".")[0]), "objective_heading"
        number = group.text(action_ids) if action_ids is not None else ""
        own = own_number(items[0].text)[0] if items else None  # "2.3 Review ...", not "2.5 million homes ..."
        dotted = number if "." in number else (own or "")
        # The number's first part names the level above the action: with an objective (or theme) column
        # beside it, "1.2" is the objective's second action and only "1.2.a" names a recommendation -- unless
        # the first part runs on across objectives, as "1.1 ... 1.5" over two of them does.
        levels = len(re.findall(r"[.\s]+", dotted.strip())) + 1 if dotted else 0
        named = obj_col is None or levels >= 3 or above_objectives
        if dotted and named and self.groups == "recommendation":
            return self.rec(re.split(r"[.\s]", dotted.strip())[0]), "action_number"
        heads = leading_number(group.text(obj_col)) if obj_col is not None and dotted else None
        if heads and heads[0].isdigit() and numbered_under(dotted.strip(), heads[0]):
            # "1. Strengthen the quality of ..." in the objective column over actions "1.1", "1.2": the column
            # numbers the level above the actions, so it holds their recommendation, in its words
            rec = self.rec(heads[0])
            if not rec.heading:
                rec.heading = collapse(heads[1])
            return rec, "objective_numbers"
        return None, "section"

    def _free_number(self) -> str:
        """A number for a recommendation the table gives none, not one the document uses."""
        used = {r.rec_id for r in self.recs}
        n = len(self.recs) + 1
        while str(n) in used:
            n += 1
        return str(n)

    @staticmethod
    def title(rec: _Rec, pre: Preamble) -> None:
        """Give ``rec`` the words and owner labels above its table, unless it has words already.

        Words with no heading go to the first recommendation the table opens
        (the one they stand over), never to every one.
        """
        if pre.text and not rec.heading and pre.number in (None, rec.rec_id) and not pre.used:
            rec.heading, rec.lines = pre.text, pre.lines
            pre.used = pre.number is None
        rec.owners.extend(o for o in pre.owners if o not in rec.owners)

    def add_table_actions(
        self,
        group: LogicalRow,
        table: ActionTable,
        items: list[Item],
        intro: Item | None,
        rec: _Rec | None,
        cue: str,
        extractor: str,
        obj_col: int | None,
        numbered: bool,
        action_ids: int | None,
        section: str | None,
        theme: str | None,
        pre: Preamble,
        heading: str | None = None,
    ) -> None:
        objective_text = group.text(obj_col) if obj_col is not None else heading or ""
        if obj_col is not None and not objective_text.strip() and self.objective_above[0] is rec:
            # an objective written once over its actions, the cells below it left blank: theirs too
            objective_text = self.objective_above[1]
        elif obj_col is not None:
            self.objective_above = (rec, objective_text)
        found = objective_number(objective_text) if numbered else None
        if obj_col is None and heading is None and pre.objective is not None:
            found, objective_text = pre.objective, pre.objective[1]  # the numbered heading over the table
        objective = (found[1] if found else objective_text) or None
        if rec is not None:
            prefix = rec.rec_id or "0"
            written = collapse(group.text(action_ids)).rstrip(".") if action_ids is not None else ""
            if found and written and _WITHIN.fullmatch(written) and not _listed(items):
                ids = [f"{found[0]}.{written}"]  # "b" in a Ref column under objective 1.1: action 1.1.b
            elif found:
                ids = item_ids(items, found[0])
            elif written:
                # A number or a letter within the recommendation ("3", "b") takes its number; a code of its own
                # ("1.3", "A7", "CYPE01") is the action's whole id.
                base = f"{prefix}.{written}" if _WITHIN.fullmatch(written) else written
                ids = item_ids(items, base) if _listed(items) else [base]
            else:
                ids = [f"{prefix}.{rec.count + n}" for n in range(1, len(items) + 1)]
                if any(it.kind in ("letter", "roman") for it in items):
                    ids = item_ids(items, f"{prefix}.{rec.count + 1}")
            rec.count += len(items)
            rec_id, owners, where = rec.rec_id, rec.owners, rec.section
        else:
            label = section or "actions"
            start = self.section_counts[label]
            written = collapse(group.text(action_ids)).rstrip(".") if action_ids is not None else ""
            if found:
                ids = item_ids(items, found[0])
            elif written:  # the document's own numbers, where it has them
                ids = item_ids(items, written) if _listed(items) else [written]
            else:
                ids = [f"{label}.{start + n}" for n in range(1, len(items) + 1)]
            self.section_counts[label] += len(items)
            rec_id, owners, where = None, pre.owners, section
        actions = row_to_actions(
            group,
            table,
            items,
            intro,
            ids,
            extractor,
            rec_id=rec_id,
            objective=objective,
            section=where,
            theme=theme,
            default_owners=owners,
        )
        self.out.actions.extend(actions)
        self.out.cues[cue] += len(actions)

    # --- the end ---

    def finish(self) -> None:
        """Recommendations with their texts; those the document states but gives no actions are kept too."""
        numbered = {r.rec_id for r in self.recs if r.rec_id}
        for number in self.stated:
            if number not in numbered:
                self.rec(number, reading="statement")
                self.out.cues["statement"] += 1
        if not self.recs and not self.out.actions:
            for number, listed in recommendations_section(self.doc).items():
                rec = self.rec(number, reading="statement")
                rec.heading, rec.lines = listed.text, list(listed.lines)
                self.out.cues["statement"] += 1
        out: list[Recommendation] = []
        # Numbered recommendations with no words of their own take them from a list the document leads into
        # ("The peer team made the following recommendations:" / "1. ..."), linked by number.
        wordless = any(r.rec_id and not r.texts and r.rec_id not in self.stated for r in self.recs)
        led_in = led_in_lists(self.doc) if wordless else {}
        for rec in self.recs:
            stated = self.stated.get(rec.rec_id or "") or led_in.get(rec.rec_id or "")
            if rec.texts:
                text, lines = collapse(" ".join(rec.texts)), rec.lines
            elif stated is not None:
                text, lines = stated.text, list(stated.lines)
            else:
                text, lines = rec.heading, rec.lines
            if not text and not rec.owners and not rec.count:
                continue
            out.append(
                Recommendation(
                    rec_id=rec.rec_id,
                    text=text,
                    provenance=provenance(lines, self.extractor(rec.reading)),
                    section=rec.section,
                    owners=tuple(rec.owners),
                )
            )
        if all(r.rec_id and r.rec_id[0].isdigit() for r in out):
            out.sort(key=lambda r: _sort_key(r.rec_id))
        self.out.recommendations = out
        read = [t for t in self.tables if t.header.accepted]
        self.out.notes.append(
            f"{len(read)} action table(s) of {len(self.tables)} table(s); {len(out)} recommendation(s), "
            f"{len(self.out.actions)} action(s); cues: "
            + (", ".join(f"{c} {n}" for c, n in self.out.cues.most_common()) or "none")
        )


def opening_text(doc: SourceDoc, limit: int = 12) -> str:
    """The document's opening words: its paragraphs before the first table, heading, label or numbered line."""
    parts: list[str] = []
    for block in doc.blocks:
        if not isinstance(block, Paragraph) or len(parts) >= limit:
            break
        first = block.lines[0].text if block.lines else ""
        label = read_label(first)
        if _NUMBERED_LINE.match(first) or read_heading(first, False) or (label and label.kind != "other"):
            break
        parts.append(block.text)
    return " ".join(parts)


_NUMBERED_LINE = re.compile(r"^\s*\(?\d{1,3}[.)\s]")


def assemble(doc: SourceDoc) -> Assembly:
    """Read ``doc``'s blocks into records with the plan grammar."""
    tables = find_tables(doc)
    return _Grammar(doc, tables, [*stated_recommendations(doc), *_listed_recommendations(tables)]).run()


def _listed_recommendations(tables: list[ActionTable]) -> list[Stated]:
    """Recommendations a table lists without actions (a summary sheet: "No. | Recommendation | Overall RAG"):
    each row's number and words, as if the document stated them."""
    out: list[Stated] = []
    for table in tables:
        h = table.header
        id_col, text_col = h.index("rec_id"), h.index("rec_text")
        if h.accepted or id_col is None or text_col is None or h.index("action") is not None:
            continue
        for row in table.rows:
            number = rec_number(row.text(id_col))
            cell = row.cells[text_col] if text_col < len(row.cells) else None
            if number is not None and cell is not None and cell.text.strip():
                out.append(
                    Stated(
                        number, collapse(" ".join(join_lines(p) for p in cell.paras)), tuple(cell.lines), table.index
                    )
                )
    return out


_CARD_KINDS = frozenset(["action", "owner", "timescale", "measure", "status", "progress", "objective"])


_LIST_ITEM = re.compile(rf"^\s*[{BULLET_CLASS}]\s+")
"""A paragraph that is a list item's, by its bullet."""


def _titles_card(paragraph: Paragraph) -> bool:
    """Whether a paragraph right above a card of fields can be its action: set apart as a title (bold, as
    headings are), and no label of its own."""
    lines = [ln for ln in paragraph.lines if ln.text.strip()]
    item = bool(lines) and _LIST_ITEM.match(lines[0].text) is not None  # "<li><p>...</p><dl>...</dl></li>"
    return bool(lines) and (item or all(ln.bold for ln in lines)) and read_label(lines[0].text) is None


def field_rows(
    tables: list[Table], title: Paragraph | None = None, every: bool = False
) -> tuple[list[Paragraph], bool] | None:
    """A table of two columns whose left cells name fields ("Action", "Lead", "Timescale", "Measure of
    success"), as labelled lines ("Lead: Head of Housing"), one paragraph a row, and whether ``title`` (the
    paragraph above it) was made its action; ``None`` for any other table.

    Most of its rows must have a field name on the left, naming an action and at least one other field:
    a card per action (or cards set one after another), not a two-column plan.  A card that names no action
    but two fields or more, under a title, is the title's: "Action: <title>" leads its lines.  A field name
    the labels do not know is read as a column header would be ("What we will do" names the action), and a
    field that names an id ("Action ref | R1.2") numbers the card's action ("Action 1.2: ...").  With
    ``every``, for a table its header made a plan's, every row must name a field.
    """
    rows = [row for t in tables for row in t.rows if row.filled]
    if not rows or any(len(row.cells) != 2 for row in rows):
        return None
    out: list[Paragraph] = []
    kinds: set[str] = set()
    number: str | None = None
    named = 0
    for row in rows:
        left, right = row.cells
        name = collapse(left.text).rstrip(":") if left is not None else ""
        kind = _card_field(name)
        value = right.lines if right is not None else []
        if kind is None or not value or right is None:
            continue
        named += 1
        if kind == "id":
            number = _card_number(right.text)
            continue
        kinds.add(kind)
        # Owners given one to a paragraph ("<dd>DPH</dd><dd>CPH</dd>", a Word cell's paragraphs) stay apart.
        joiner = "; " if kind == "owner" and len(right.paras) > 1 else " "
        text = joiner.join(join_lines(p) for p in right.paras)
        label = name
        if kind == "action":  # under the label that opens an action, numbered by the card's id field if it has one
            opens = read_label(f"{name}: x")
            label = f"Action {number}" if number else name if opens and opens.kind == "action" else "Action"
            number = None
        out.append(Paragraph(lines=[replace(value[0], text=f"{label}: {text}")]))
    if len(kinds) < 2 or named < (len(rows) if every else 0.6 * len(rows)):
        return None
    if "action" in kinds:
        return out, False
    if title is None or len(tables) > 1:
        return None
    head = [ln for ln in title.lines if ln.text.strip()]
    words = _LIST_ITEM.sub("", " ".join(ln.text.strip() for ln in head), count=1)
    action = replace(head[0], text="Action: " + words)
    return [Paragraph(lines=[action]), *out], True


def _card_cut(doc: SourceDoc, cards: ActionTable, table: ActionTable) -> bool:
    """Whether ``table`` is the rest of the last of ``cards`` (tables read as cards of fields), which a page
    break cut: it is the next block, on the next page, two columns, and its first row names a field but opens
    no card ("Lead officer | ..." after "Action ref | 2.3" / "Action | ...").  Told by the pieces' own rows
    (a piece may be all header to the table finder)."""
    if table.index != cards.end + 1:
        return False
    last = doc.blocks[cards.end]
    rows = [r for b in doc.blocks[table.index : table.end + 1] if isinstance(b, Table) for r in b.rows if r.filled]
    if not isinstance(last, Table) or not last.rows or not rows:
        return False
    before, after = last.rows[-1].page, rows[0].page
    if before is None or after is None or after != before + 1:
        return False
    first = rows[0]
    if len(first.cells) != 2 or first.cells[0] is None:
        return False
    kind = _card_field(collapse(first.cells[0].text).rstrip(":"))
    return kind is not None and kind not in ("action", "id")


def _card_field(name: str) -> str | None:
    """What a card's field name names: a kind of :data:`_CARD_KINDS`, ``id``, or ``None``."""
    if not name or len(name.split()) > 6:
        return None
    label = read_label(f"{name}: x")
    if label is not None and label.kind in _CARD_KINDS:
        return label.kind
    role = best_header_role(name)
    if role in ("rec_id", "action_id"):
        return "id"
    return role if role in _CARD_KINDS else None


_CARD_NUMBER = re.compile(r"^\s*(?:[A-Za-z]{1,3}[-. ]?)?(?P<num>\d{1,3}(?:\.\d{1,3}){0,2}[a-z]?)\s*$")


def _card_number(text: str) -> str | None:
    """The number of a card's id field ("R1.2", "1.2", "A-3"): its digits, as an action label carries them."""
    m = _CARD_NUMBER.match(collapse(text))
    return m["num"] if m else None


def _owner_lines_off(group: LogicalRow, col: int | None) -> tuple[str, list[str]]:
    """A recommendation cell's words, and the owners its closing labelled paragraphs name ("Sponsor:
    Director of Finance" under the recommendation's words): those paragraphs are no part of its text."""
    paras, _ = group.paras(col)
    named: list[str] = []
    while len(paras) > 1:
        label = read_label(join_lines(paras[-1]))
        if label is None or label.kind not in ("owner", "rec_owner") or not label.value:
            break
        named[:0] = split_owners([label.value])
        paras = paras[:-1]
    if not named:
        return group.text(col), []
    return " ".join(ln.text.strip() for para in paras for ln in para if ln.text.strip()), named


def _heads_rows_below(table: ActionTable, groups: list[LogicalRow | ThemeRow], gi: int, action_ids: int) -> bool:
    """Whether row group ``gi`` is the objective of the groups below it: its number is the start of theirs
    ("1.1" over "1.1.a"), and it fills none of the field cells (owner, timescale, ...) they fill."""
    group = groups[gi]
    nxt = groups[gi + 1] if gi + 1 < len(groups) else None
    if isinstance(group, ThemeRow) or nxt is None or isinstance(nxt, ThemeRow):
        return False
    number = collapse(group.text(action_ids)).rstrip(".")
    if not number:
        return False
    if not numbered_under(collapse(nxt.text(action_ids)).rstrip("."), number):
        return False
    fields = [c.index for c in table.header.columns if c.role in FIELD_ROLES]
    return not any(group.text(col).strip() for col in fields)


def _listed(items: list[Item]) -> bool:
    """Items numbered under the row's own number: several of them, or one with a letter ("c. ...", one row of
    a list whose items sit a row each)."""
    return len(items) > 1 or items[0].kind in ("letter", "roman")


def _prefix_spans(table: ActionTable, numbers: int, obj_col: int) -> bool:
    """Whether some first part of the actions' dotted numbers ("1" of "1.4") is shared by actions of two
    different objectives: then it numbers the level above the objectives, not one objective's actions.  The
    numbers are an id column's, or the ones the action cells open with ("1.4 Refresh the ...")."""
    objectives: dict[str, set[str]] = {}
    current = ""
    for row in table.rows:
        objective = row.text(obj_col)
        if objective:
            current = objective
        number = row.text(numbers).strip()
        if current and re.match(r"^\d{1,3}\.\d", number):
            objectives.setdefault(number.split(".")[0], set()).add(current)
    return any(len(found) >= 2 for found in objectives.values())


def _leading_number(text: str) -> str | None:
    """The number a recommendation's text opens with: "1. ...", "R1: ...", "Recommendation 3 – ..."."""
    found = leading_number(text)
    return found[0] if found else None


def _strip_number(text: str, rec_id: str | None) -> str:
    found = leading_number(text)
    return found[1] if found and rec_id and found[0] == rec_id else text


def _mostly_numbered(table: ActionTable, col: int) -> bool:
    """Whether most filled cells of a column open with an objective's number ("1.2 ..."), not one by chance."""
    texts = [t for r in table.rows if not r.spans_all and (t := r.text(col).strip())]
    numbered = sum(objective_number(t) is not None for t in texts)
    return bool(texts) and numbered >= max(1, len(texts) // 2)


def _sort_key(rec_id: str | None) -> tuple[int, str]:
    digits = re.match(r"\d+", rec_id or "")
    return (int(digits.group()) if digits else 10**6, rec_id or "")
