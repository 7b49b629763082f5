"""Grid plans: one table, a row per action, the recommendation in its own columns.

The recommendation's number and text sit in cells that span the rows of its
actions, or are printed once and left blank below (Gloucestershire,
Winchester).  A row with no number belongs to the recommendation above it;
recommendation-level cells filled on such a row (a second "CLT Owner", the
rest of a recommendation that a page break cut) add to it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from actionplans.records import ContextRow, Recommendation
from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.model import Cell, Line
from extractors.tables import (
    ThemeRow,
    group_rows,
    item_ids,
    items_of,
    owners_of,
    provenance,
    rec_number,
    row_to_actions,
)
from normalise.text import collapse


@dataclass
class _Rec:
    rec_id: str | None
    texts: list[str] = field(default_factory=list)
    owners: list[str] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    count: int = 0
    section: str | None = None
    key_cell: Cell | None = None
    """The cell that opened the recommendation; rows it is merged down over belong to it."""


class TableLayout(Layout):
    name = "table"
    description = "one grid, a row per action; recommendation cells span rows or are left blank below"

    def score(self, ctx: Context) -> float:
        with_recs = [t for t in ctx.tables if {"rec_id", "rec_text"} & t.header.roles]
        return 0.9 if with_recs else 0.0

    def extract(self, ctx: Context) -> LayoutResult:
        result = LayoutResult()
        extractor = ctx.extractor(self.name)
        recs: list[_Rec] = []
        for table in ctx.tables:
            h = table.header
            id_col, text_col, owner_col = h.index("rec_id"), h.index("rec_text"), h.index("rec_owner")
            action_col = h.index("action")
            key = id_col if id_col is not None else text_col
            number = rec_number if id_col is not None else None
            theme: str | None = None
            current: _Rec | None = None
            for group in group_rows(table, key, number=number):
                if isinstance(group, ThemeRow):
                    theme = group.text
                    result.context.append(ContextRow(group.text, provenance(group.lines, extractor)))
                    continue
                first = group.rows[0]
                key_cell = first.cells[key] if key is not None and key < len(first.cells) else None
                spanned = current is not None and key_cell is not None and key_cell is current.key_cell
                num = rec_number(first.text(id_col)) if id_col is not None and not spanned else None
                rec_text = "" if spanned else group.text(text_col)
                opens = not spanned and (
                    num is not None or (id_col is None and text_col is not None and bool(first.text(text_col)))
                )
                if opens or current is None:
                    rec_id = num or _leading_number(rec_text) or (str(len(recs) + 1) if opens else None)
                    current = next((r for r in recs if r.rec_id == rec_id and rec_id), None) or _Rec(
                        rec_id, section=theme
                    )
                    if current not in recs:
                        recs.append(current)
                    current.key_cell = key_cell
                    if rec_text:
                        current.texts.append(_strip_number(rec_text, rec_id))
                        current.lines.extend(ln for _, c in group.cells(text_col) for ln in c.lines)
                elif rec_text:
                    current.texts.append(rec_text)
                for owner in owners_of(group, owner_col):
                    if owner not in current.owners:
                        current.owners.append(owner)
                items, intro = items_of(group, action_col)
                if not items:
                    continue
                prefix = current.rec_id or "0"
                ids = [f"{prefix}.{current.count + n}" for n in range(1, len(items) + 1)]
                if any(it.kind in ("letter", "roman") for it in items):
                    ids = item_ids(items, f"{prefix}.{current.count + 1}")
                current.count += len(items)
                result.actions.extend(
                    row_to_actions(
                        group,
                        table,
                        items,
                        intro,
                        ids,
                        extractor,
                        rec_id=current.rec_id,
                        section=current.section,
                        theme=theme,
                    )
                )
        for rec in recs:
            if not rec.texts and not rec.owners:
                continue
            result.recommendations.append(
                Recommendation(
                    rec_id=rec.rec_id,
                    text=collapse(" ".join(rec.texts)),
                    provenance=provenance(rec.lines, extractor),
                    section=rec.section,
                    owners=tuple(rec.owners),
                )
            )
        result.report.append(f"{len(ctx.tables)} action table(s); {len(recs)} recommendation(s)")
        return result


_LEADING = re.compile(r"^\s*(?:rec(?:ommendation)?\.?\s*|r)?(\d{1,3}[a-z]?)\s*[.):–-]\s+(?=\S)", re.IGNORECASE)


def _leading_number(text: str) -> str | None:
    """The number a recommendation's text opens with: "1. ...", "R1: ...", "Recommendation 3 – ..."."""
    m = _LEADING.match(text)
    return m.group(1) if m else None


def _strip_number(text: str, rec_id: str | None) -> str:
    m = _LEADING.match(text)
    return text[m.end() :] if m and rec_id and m.group(1) == rec_id else text
