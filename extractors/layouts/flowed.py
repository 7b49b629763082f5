"""Flowed plans: no table, labelled paragraphs under recommendation headings.

    Recommendation 1
    Governance/decision making – consider instigating a review ...
    Action 1.1: Explore issues in the report preparation process ...
    Lead officer: Monitoring Officer
    Timescale: December 2024

Labels come from the same vocabulary as table headers, so "Led by:",
"Responsible officer:", "Target date:" read alike, also when written inside
a line ("... council. Lead: Head of Policy. Timescale: March 2025").  Where
fields are labelled, actions may be numbered without the word "Action"
("1.2 Review the ...").  Text after a heading or an action label runs on over
lines and pages until the next label; a field runs on to the end of its
paragraph.  Labels the vocabulary does not know ("Status: ...") are kept in
``extra``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from itertools import pairwise

from actionplans.records import Action, Recommendation
from extractors.labels import Label, inline_field_starts, read_label
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


_NUMBERED = re.compile(r"^\s*(?P<num>\d{1,2}(?:\.\d{1,2})+)[.)]?\s+(?P<rest>[A-Z(\"'‘“].*)$")


def _label(line: str, numbered_actions: bool) -> Label | None:
    """A line's label; with ``numbered_actions``, "1.2 Review the ..." opens action 1.2."""
    label = read_label(line)
    if label is None and numbered_actions:
        m = _NUMBERED.match(line)
        if m:
            return Label("action", "", m["num"], m["rest"].strip())
    return label


def _inline_fields(line: Line) -> list[Line]:
    """A line cut before each field label written inside it ("... council. Lead: Head of Policy. Timescale: ...")."""
    text = line.text
    cuts = inline_field_starts(text)
    if not cuts:
        return [line]
    bounds = [0, *cuts, len(text)]
    pieces = [text[a:b].strip(" ;,") for a, b in pairwise(bounds)]
    return [replace(line, text=p) for p in pieces if p]


class FlowedLayout(Layout):
    name = "flowed"
    description = 'labelled paragraphs ("Action 1.2:", "Lead officer:", "Timescale:") under recommendation headings'

    def score(self, ctx: Context) -> float:
        lines = [piece for p in ctx.doc.paragraphs() for ln in p.lines for piece in _inline_fields(ln)]
        labels = [read_label(ln.text) for ln in lines]
        fields = sum(1 for lb in labels if lb and lb.kind in ("owner", "timescale", "measure"))
        numbered = fields >= 2
        actions = sum(1 for ln in lines if (lb := _label(ln.text, numbered)) and lb.kind == "action")
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
        paragraphs = [[piece for ln in p.lines for piece in _inline_fields(ln)] for p in ctx.doc.paragraphs()]
        fields = sum(
            1
            for p in paragraphs
            for ln in p
            if (lb := read_label(ln.text)) and lb.kind in ("owner", "timescale", "measure")
        )
        for lines in paragraphs:
            for n, line in enumerate(lines):
                label = _label(line.text, numbered_actions=fields >= 2)
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
