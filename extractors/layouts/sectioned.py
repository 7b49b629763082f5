"""Sectioned plans: a heading per recommendation, then a table of its objectives and actions.

King's Lynn's plan prints "Recommendation N" and the recommendation's words
above each table, then rows of "What do we want to achieve?" (numbered
objectives, "1.2") / "How are we going to do it?" (lettered actions) /
"Timescale".  Converters may drop the heading and keep only the words, so the
recommendation's number comes from the objectives' numbering when they have
one, else from the heading.  Its text is
taken from the plan's own list of recommendations when it has one (the
heading often abridges it), else from the words above the table.  Labelled
lines above a table ("Project Sponsor: ...") name owners for the whole
section.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from actionplans.records import Action, ContextRow, Recommendation
from extractors.labels import read_label
from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.model import Line, Paragraph
from extractors.statements import best_texts, is_heading
from extractors.tables import (
    ActionTable,
    ThemeRow,
    group_rows,
    item_ids,
    items_of,
    objective_number,
    provenance,
    row_to_actions,
)
from normalise.owners import split_owners
from normalise.text import collapse


@dataclass
class Preamble:
    """What sits between one table and the next: the section's heading, words and labelled lines."""

    number: str | None = None
    text: str = ""
    lines: list[Line] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)


def read_preamble(paragraphs: list[Paragraph]) -> Preamble:
    """The last "Recommendation N" heading among ``paragraphs``, the words under it, its owner labels.

    Without a heading, the last unlabelled paragraph is taken for the words.
    """
    out = Preamble()
    start = 0
    for i, para in enumerate(paragraphs):
        stated = is_heading(para)
        if stated is not None:
            out = Preamble(number=stated.number, text=stated.text, lines=list(stated.lines))
            start = i + 1
    words: list[Paragraph] = []
    for para in paragraphs[start:]:
        label = read_label(para.lines[0].text) if para.lines else None
        if label is not None and label.kind in ("owner", "rec_owner"):
            out.owners.extend(split_owners([label.value, *(ln.text for ln in para.lines[1:])]))
            continue
        if label is not None and label.kind not in ("other",):
            continue
        words.append(para)
    if words and not out.text:
        chosen = words if out.number else words[-1:]
        out.text = collapse(" ".join(p.text for p in chosen))
        out.lines = [ln for p in chosen for ln in p.lines]
    return out


class SectionedLayout(Layout):
    name = "sectioned"
    description = "a heading per recommendation, then a table of numbered objectives and lettered actions"

    def score(self, ctx: Context) -> float:
        tables = [t for t in ctx.tables if not {"rec_id", "rec_text"} & t.header.roles]
        if not tables:
            return 0.0
        numbered = any(
            objective_number(r.text(t.header.index("objective") or 0))
            for t in tables
            if "objective" in t.header.roles
            for r in t.rows
        )
        headings = any(s.number for s in ctx.stated)
        return 0.8 if (numbered or headings) else 0.0

    def extract(self, ctx: Context) -> LayoutResult:
        result = LayoutResult()
        extractor = ctx.extractor(self.name)
        stated = best_texts(ctx.stated)
        recs: dict[str, Recommendation] = {}
        prev_end = -1
        for n_table, table in enumerate(ctx.tables, start=1):
            paragraphs = [b for b in ctx.doc.blocks[prev_end + 1 : table.index] if isinstance(b, Paragraph)]
            prev_end = table.end
            pre = read_preamble(paragraphs)
            first = _first_objective(table)
            # The objectives' own numbering ("4.2") outranks a heading: a converter can
            # leave a heading of another section stranded above the table.
            rec_id = (first.split(".")[0] if first else None) or pre.number or str(n_table)
            result.actions.extend(self._table_actions(table, pre, rec_id, extractor, result))
            if rec_id in recs:
                continue
            best = stated.get(rec_id)
            text = best.text if best else pre.text
            lines = list(best.lines) if best else pre.lines
            recs[rec_id] = Recommendation(
                rec_id=rec_id, text=text, provenance=provenance(lines, extractor), owners=tuple(pre.owners)
            )
        # Recommendations the plan lists but gives no table.
        for number, s in stated.items():
            if number not in recs:
                recs[number] = Recommendation(
                    rec_id=number, text=s.text, provenance=provenance(list(s.lines), extractor)
                )
        result.recommendations = sorted(recs.values(), key=lambda r: _sort_key(r.rec_id))
        result.report.append(f"{len(ctx.tables)} section table(s); {len(recs)} recommendation(s)")
        return result

    def _table_actions(
        self, table: ActionTable, pre: Preamble, rec_id: str, extractor: str, result: LayoutResult
    ) -> list[Action]:
        h = table.header
        obj_col, action_col = h.index("objective"), h.index("action")
        numbered = obj_col is not None and any(objective_number(r.text(obj_col)) for r in table.rows)
        key = obj_col if obj_col is not None else action_col
        groups = group_rows(table, key, number=objective_number if numbered else None, merge_unkeyed=numbered)
        actions: list[Action] = []
        theme: str | None = None
        count = 0
        for group in groups:
            if isinstance(group, ThemeRow):
                theme = group.text
                result.context.append(ContextRow(group.text, provenance(group.lines, extractor)))
                continue
            objective_text = group.text(obj_col) if obj_col is not None else ""
            found = objective_number(objective_text) if numbered else None
            objective_id = found[0] if found else None
            objective = (found[1] if found else objective_text) or None
            items, intro = items_of(group, action_col)
            if not items:
                continue
            if objective_id:
                ids = item_ids(items, objective_id)
            else:
                ids = [f"{rec_id}.{count + n}" for n in range(1, len(items) + 1)]
            count += len(items)
            actions.extend(
                row_to_actions(
                    group,
                    table,
                    items,
                    intro,
                    ids,
                    extractor,
                    rec_id=rec_id,
                    objective=objective,
                    theme=theme,
                    default_owners=pre.owners,
                )
            )
        return actions


def _first_objective(table: ActionTable) -> str | None:
    col = table.header.index("objective")
    if col is None:
        return None
    for row in table.rows:
        found = objective_number(row.text(col))
        if found:
            return found[0]
    return None


def _sort_key(rec_id: str | None) -> tuple[int, str]:
    digits = "".join(ch for ch in rec_id or "" if ch.isdigit())
    return (int(digits) if digits else 10**6, rec_id or "")
