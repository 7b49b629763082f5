"""Plans with no recommendations: action tables grouped under section headings.

Kent's slide deck prints a table per page under a title naming the
directorate ("Proposed Priorities to Improve Health and Wellbeing ~ CYPE"),
with theme rows spanning the table between groups of actions.  Each action
records its section (the distinguishing part of the heading above its
table) and its theme; action ids are ``<section>.<n>`` in reading order.
"""

from __future__ import annotations

import re

from actionplans.records import ContextRow
from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.model import Paragraph
from extractors.tables import ThemeRow, group_rows, items_of, provenance, row_to_actions

# A heading's distinguishing part follows its last separator: "... Wellbeing ~ CYPE".
_SEPARATOR = re.compile(r"\s*(?:~|:|\||–|—|\s-\s)\s*")


def section_label(heading: str) -> str:
    """The part of a heading that names its section ("... Wellbeing~ Public Health" -> "Public Health")."""
    parts = [p for p in _SEPARATOR.split(heading.strip()) if p.strip()]
    return parts[-1].strip() if parts else heading.strip()


class ThemedLayout(Layout):
    name = "themed"
    description = "action tables with no recommendations, grouped under section or theme headings"

    def score(self, ctx: Context) -> float:
        tables = [t for t in ctx.tables if not {"rec_id", "rec_text"} & t.header.roles]
        return 0.6 if tables else 0.0

    def extract(self, ctx: Context) -> LayoutResult:
        result = LayoutResult()
        extractor = ctx.extractor(self.name)
        counts: dict[str, int] = {}
        prev_end = -1
        section: str | None = None
        for table in ctx.tables:
            before = [
                b for b in ctx.doc.blocks[prev_end + 1 : table.index] if isinstance(b, Paragraph) and b.text.strip()
            ]
            prev_end = table.end
            if before:
                section = section_label(before[-1].text)
            if table.caption:
                section = section_label(table.caption[-1])
            theme: str | None = None
            action_col = table.header.index("action")
            for group in group_rows(table, action_col):
                if isinstance(group, ThemeRow):
                    theme = group.text
                    result.context.append(ContextRow(group.text, provenance(group.lines, extractor), section=section))
                    continue
                items, intro = items_of(group, action_col)
                if not items:
                    continue
                label = section or "actions"
                start = counts.get(label, 0)
                ids = [f"{label}.{start + n}" for n in range(1, len(items) + 1)]
                counts[label] = start + len(items)
                result.actions.extend(
                    row_to_actions(
                        group, table, items, intro, ids, extractor, rec_id=None, section=section, theme=theme
                    )
                )
        result.report.append(f"{len(ctx.tables)} action table(s) under {len(counts)} section(s)")
        return result
