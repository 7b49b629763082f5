"""Flowed plans: no table, labelled paragraphs under recommendation headings.

    Recommendation 1
    Governance/decision making – consider instigating a review ...
    Action 1.1: Explore issues in the report preparation process ...
    Lead officer: Monitoring Officer
    Timescale: December 2024

Labels come from the same vocabulary as table headers, so "Led by:",
"Responsible officer:", "Target date:" read alike.  Text after a heading or
an action label runs on over lines and pages until the next label; a field
runs on to the end of its paragraph.  Labels the vocabulary does not know
("Status: ...") are kept in ``extra``.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from actionplans.records import Action, Recommendation
from extractors.headers import Label, read_label
from extractors.layouts.base import Context, Layout, LayoutResult
from extractors.model import Line, join_lines
from extractors.tables import provenance
from normalise.owners import split_owners
from normalise.text import collapse


@dataclass
class _Open:
    number: str | None
    lines: list[Line] = field(default_factory=list)
    fields: dict[str, list[Line]] = field(default_factory=dict)
    extra: dict[str, list[Line]] = field(default_factory=dict)


class FlowedLayout(Layout):
    name = "flowed"
    description = 'labelled paragraphs ("Action 1.2:", "Lead officer:", "Timescale:") under recommendation headings'

    def score(self, ctx: Context) -> float:
        labels = [read_label(ln.text) for p in ctx.doc.paragraphs() for ln in p.lines]
        actions = sum(1 for lb in labels if lb and lb.kind == "action")
        fields = sum(1 for lb in labels if lb and lb.kind in ("owner", "timescale", "measure"))
        if actions >= 2 and fields >= 1:
            return 0.85
        return 0.3 if actions >= 2 else 0.0

    def extract(self, ctx: Context) -> LayoutResult:
        result = LayoutResult()
        extractor = ctx.extractor(self.name)
        recs: list[_Open] = []
        rec_owners: dict[int, list[str]] = {}
        actions: list[tuple[int, _Open]] = []
        target: list[Line] | None = None
        target_is_field = False
        for para in ctx.doc.paragraphs():
            for n, line in enumerate(para.lines):
                label = read_label(line.text)
                if label is None:
                    if target is not None and (n > 0 or not target_is_field):
                        target.append(line)
                    elif actions:
                        actions[-1][1].extra.setdefault("Notes", []).append(line)
                    continue
                value = _value_line(line, label)
                if label.kind == "recommendation":
                    recs.append(_Open(label.number, [value] if value.text else []))
                    target, target_is_field = recs[-1].lines, False
                elif label.kind == "action":
                    number = label.number or f"{recs[-1].number if recs else '0'}.{len(actions) + 1}"
                    actions.append((len(recs) - 1, _Open(number, [value] if value.text else [])))
                    target, target_is_field = actions[-1][1].lines, False
                elif label.kind in ("owner", "timescale", "measure", "rec_owner"):
                    kind = "owner" if label.kind == "rec_owner" else label.kind
                    open_ = actions[-1][1] if actions and actions[-1][0] == len(recs) - 1 else None
                    if open_ is None and kind == "owner" and recs:
                        rec_owners.setdefault(len(recs) - 1, []).extend(split_owners([label.value]))
                        target, target_is_field = None, True
                        continue
                    if open_ is None:
                        continue
                    target = open_.fields.setdefault(kind, [])
                    target.append(value)
                    target_is_field = True
                else:
                    if actions:
                        target = actions[-1][1].extra.setdefault(label.label, [])
                        target.append(value)
                        target_is_field = True
        for i, rec in enumerate(recs):
            result.recommendations.append(
                Recommendation(
                    rec_id=rec.number,
                    text=join_lines(rec.lines),
                    provenance=provenance(rec.lines, extractor),
                    owners=tuple(rec_owners.get(i, [])),
                )
            )
        for rec_index, act in actions:
            parent = recs[rec_index] if rec_index >= 0 else None
            rec_id = parent.number if parent else (act.number.split(".")[0] if act.number else None)
            owners_lines = act.fields.get("owner", [])
            owners = split_owners([ln.text for ln in owners_lines]) if owners_lines else rec_owners.get(rec_index, [])
            timescale = join_lines(act.fields["timescale"]) if "timescale" in act.fields else None
            measure = join_lines(act.fields["measure"]) if "measure" in act.fields else None
            result.actions.append(
                Action(
                    rec_id=rec_id,
                    action_id=act.number or "",
                    text=join_lines(act.lines),
                    provenance=provenance(act.lines, extractor),
                    owners=tuple(owners),
                    timescale_raw=collapse(timescale) or None,
                    measure=collapse(measure) or None,
                    extra=tuple((k, join_lines(v)) for k, v in act.extra.items()),
                )
            )
        result.report.append(f"{len(recs)} recommendation heading(s), {len(actions)} labelled action(s)")
        return result


def _value_line(line: Line, label: Label) -> Line:
    """The line with its label cut off, keeping where it was."""
    return replace(line, text=label.value)
