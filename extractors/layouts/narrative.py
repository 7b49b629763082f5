"""Narrative reports: recommendations listed in prose, no action table.

A cabinet report that adopts a plan lists the peers' recommendations
("- Recommendation 3 - The political and managerial leadership ...").  The
recommendations are recorded; a report's own tables (a review timetable, an
equality screening) are not the plan's actions.
"""

from __future__ import annotations

from actionplans.records import Recommendation
from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.statements import best_texts
from extractors.tables import provenance


class NarrativeLayout(Layout):
    name = "narrative"
    description = "a report that lists recommendations in prose; recommendations only, no actions"

    def score(self, ctx: Context) -> float:
        return 0.5 if len(best_texts(ctx.stated)) >= 2 else 0.0

    def extract(self, ctx: Context) -> LayoutResult:
        extractor = ctx.extractor(self.name)
        recs = [
            Recommendation(rec_id=s.number, text=s.text, provenance=provenance(list(s.lines), extractor))
            for s in best_texts(ctx.stated).values()
        ]
        return LayoutResult(recommendations=recs, report=[f"{len(recs)} recommendation(s) stated in the text"])
