"""Score extracted Parquet against hand-checked annotations.

Annotations are JSON files in the gold format (``*.gold.json``: a
``document`` block, ``recommendations`` and ``actions``; see the README).
Each names its source document (``source``, and ``also`` for other renderings
of the same plan); a document row is matched to an annotation by file name.

Within a document, extracted actions are paired one-to-one with annotated ones
of the same recommendation, most similar text first (similarity at least
0.70; 0.80 for recommendations).  Reported per document and in total:
precision, recall and F1 of recommendations and actions; the share of paired
actions whose text matches exactly; and the share whose owners, timescale
and measure match.  Comparisons ignore case, whitespace, dash and quote
style, markup and trailing punctuation, not missing or extra words.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from actionplans.records import Extraction

REC_THRESHOLD = 0.80
ACTION_THRESHOLD = 0.70

_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


def canonical(text: object) -> str:
    """Text as compared: NFKC, plain dashes and quotes, no markup, collapsed, lower case."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_DASHES).translate(_QUOTES)
    s = re.sub(r"<[^>]+>", " ", s)
    s = re.sub(r"\s+", " ", s).strip().lower()
    s = re.sub(r"\s*-\s*", " - ", s)
    return s.rstrip(" .;")


@dataclass
class Counts:
    """Tallies for one document (or the total)."""

    docs: int = 0
    rec_gold: int = 0
    rec_got: int = 0
    rec_paired: int = 0
    act_gold: int = 0
    act_got: int = 0
    act_paired: int = 0
    act_exact: int = 0
    owners_ok: int = 0
    owners_n: int = 0
    timescale_ok: int = 0
    timescale_n: int = 0
    measure_ok: int = 0
    measure_n: int = 0
    council_ok: int = 0
    date_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def metrics(self) -> dict[str, float | None]:
        def ratio(a: int, b: int) -> float | None:
            return round(a / b, 3) if b else None

        def f1(paired: int, got: int, gold: int) -> float:
            p = paired / got if got else (1.0 if not gold else 0.0)
            r = paired / gold if gold else 1.0
            return round(2 * p * r / (p + r), 3) if p + r else 0.0

        return {
            "rec_f1": f1(self.rec_paired, self.rec_got, self.rec_gold),
            "act_precision": ratio(self.act_paired, self.act_got)
            if self.act_got
            else (1.0 if not self.act_gold else 0.0),
            "act_recall": ratio(self.act_paired, self.act_gold) if self.act_gold else 1.0,
            "act_f1": f1(self.act_paired, self.act_got, self.act_gold),
            "act_text_exact": ratio(self.act_exact, self.act_paired),
            "owner_acc": ratio(self.owners_ok, self.owners_n),
            "timescale_acc": ratio(self.timescale_ok, self.timescale_n),
            "measure_acc": ratio(self.measure_ok, self.measure_n),
        }


@dataclass
class Report:
    documents: dict[str, Counts] = field(default_factory=dict)
    total: Counts = field(default_factory=Counts)
    unmatched: list[str] = field(default_factory=list)
    """Annotations with no extracted document."""
    diffs: dict[str, list[str]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "documents": {k: v.metrics() for k, v in self.documents.items()},
            "total": self.total.metrics(),
            "council_ok": f"{self.total.council_ok}/{self.total.docs}",
            "date_ok": f"{self.total.date_ok}/{self.total.docs}",
            "unmatched": self.unmatched,
        }


def _pairs(gold: list[dict[str, Any]], got: list[dict[str, Any]], threshold: float) -> list[tuple[int, int]]:
    """Greedy one-to-one pairing of items with equal ``rec``, most similar text first.

    ``SequenceMatcher``'s cheap upper bounds rule most pairs out before the
    full ratio is computed; the result is the same.
    """
    gold_text = [canonical(g.get("text")) for g in gold]
    got_text = [canonical(x.get("text")) for x in got]
    candidates = []
    for gi, g in enumerate(gold):
        for xi, x in enumerate(got):
            if str(g.get("rec")) != str(x.get("rec")):
                continue
            a, b = gold_text[gi], got_text[xi]
            if not a and not b:
                candidates.append((1.0, gi, xi))
                continue
            matcher = SequenceMatcher(None, a, b, autojunk=False)
            if matcher.real_quick_ratio() < threshold or matcher.quick_ratio() < threshold:
                continue
            s = matcher.ratio()
            if s >= threshold:
                candidates.append((s, gi, xi))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    used_g: set[int] = set()
    used_x: set[int] = set()
    out = []
    for _, gi, xi in candidates:
        if gi not in used_g and xi not in used_x:
            used_g.add(gi)
            used_x.add(xi)
            out.append((gi, xi))
    return out


def _owners(values: Iterable[str] | None) -> set[str]:
    return {canonical(v) for v in values or [] if canonical(v)}


def score_document(
    annotation: dict[str, Any], document: dict[str, Any], recs: list[dict[str, Any]], actions: list[dict[str, Any]]
) -> Counts:
    """Counts for one extracted document against its annotation."""
    c = Counts(docs=1)
    g_recs, x_recs, g_acts, x_acts = _prepare(annotation, recs, actions)
    c.rec_gold, c.rec_got = len(g_recs), len(x_recs)
    c.rec_paired = len(_pairs(g_recs, x_recs, REC_THRESHOLD))
    c.act_gold, c.act_got = len(g_acts), len(x_acts)
    for gi, xi in _pairs(g_acts, x_acts, ACTION_THRESHOLD):
        g, x = g_acts[gi], x_acts[xi]
        c.act_paired += 1
        c.act_exact += canonical(g.get("text")) == canonical(x.get("text"))
        c.owners_n += 1
        c.owners_ok += _owners(g.get("owners")) == _owners(x.get("owners"))
        got_ts = canonical(x.get("timescale_raw"))
        if g.get("timescale"):
            c.timescale_n += 1
            c.timescale_ok += canonical(g["timescale"]) == got_ts
        elif g.get("objective_timescales"):
            # The annotator could not tell which date applies: any of them, or all, is right.
            options = {canonical(t) for t in g["objective_timescales"]} | {
                canonical(" ".join(g["objective_timescales"]))
            }
            c.timescale_n += 1
            c.timescale_ok += got_ts in options
        if g.get("measure"):
            c.measure_n += 1
            c.measure_ok += canonical(g["measure"]) == canonical(x.get("measure"))
    meta = annotation.get("document", {})
    c.council_ok = int(meta.get("council") is None or canonical(meta["council"]) == canonical(document.get("council")))
    date = document.get("document_date")
    c.date_ok = int(meta.get("date") is None or (date is not None and str(date).startswith(str(meta["date"]))))
    return c


def _prepare(
    annotation: dict[str, Any], recs: list[dict[str, Any]], actions: list[dict[str, Any]]
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]], list[dict[str, Any]]]:
    """Annotated and extracted recommendations and actions, keyed alike for pairing."""
    g_recs = [{"rec": r["id"], "text": r["text"]} for r in annotation.get("recommendations", [])]
    x_recs = [{"rec": r["rec_id"], "text": r["text"]} for r in recs]
    g_acts = [dict(a, rec=a.get("rec")) for a in annotation.get("actions", [])]
    x_acts = [dict(a, rec=a.get("rec_id")) for a in actions]
    return g_recs, x_recs, g_acts, x_acts


def _unpaired(items: list[dict[str, Any]], paired: set[int], what: str, key: str) -> list[str]:
    return [f"{what} {items[i][key]}: {items[i]['text'][:90]}" for i in range(len(items)) if i not in paired]


def diff_document(annotation: dict[str, Any], recs: list[dict[str, Any]], actions: list[dict[str, Any]]) -> list[str]:
    """What differs between an extraction and its annotation, one line (or three) per difference."""
    g_recs, x_recs, g_acts, x_acts = _prepare(annotation, recs, actions)
    pairs = _pairs(g_recs, x_recs, REC_THRESHOLD)
    out = _unpaired(g_recs, {p[0] for p in pairs}, "missing recommendation", "rec")
    out += _unpaired(x_recs, {p[1] for p in pairs}, "extra recommendation", "rec")
    pairs = _pairs(g_acts, x_acts, ACTION_THRESHOLD)
    out += _unpaired(g_acts, {p[0] for p in pairs}, "missing action", "id")
    out += _unpaired(x_acts, {p[1] for p in pairs}, "extra action", "action_id")
    for gi, xi in pairs:
        out += _differences(g_acts[gi], x_acts[xi])
    return out


def _differences(g: dict[str, Any], x: dict[str, Any]) -> list[str]:
    """How an extracted action differs from the annotated one it pairs with, one line (or three) each."""
    out = []
    if canonical(g["text"]) != canonical(x["text"]):
        out.append(f"text of {g['id']}:\n  want {g['text']}\n  got  {x['text']}")
    if _owners(g.get("owners")) != _owners(x.get("owners")):
        out.append(f"owners of {g['id']}: want {g.get('owners')} got {x.get('owners')}")
    want = g.get("timescale")
    options = [want] if want else g.get("objective_timescales") or []
    got = canonical(x.get("timescale_raw"))
    if options and got not in {canonical(t) for t in options} | {canonical(" ".join(options))}:
        out.append(f"timescale of {g['id']}: want {' | '.join(options)!r} got {x.get('timescale_raw')!r}")
    if g.get("measure") and canonical(g["measure"]) != canonical(x.get("measure")):
        out.append(f"measure of {g['id']}:\n  want {g['measure']}\n  got  {x.get('measure')}")
    return out


def wrong_actions(annotation: dict[str, Any], recs: list[dict[str, Any]], actions: list[dict[str, Any]]) -> list[int]:
    """The extracted actions (their indexes in ``actions``) that the annotation says are wrong: those it
    has no action for, and those that differ from the one they pair with (what ``--diff`` lists of them)."""
    _, _, g_acts, x_acts = _prepare(annotation, recs, actions)
    pairs = _pairs(g_acts, x_acts, ACTION_THRESHOLD)
    paired = {xi for _, xi in pairs}
    wrong = {xi for xi in range(len(x_acts)) if xi not in paired}
    wrong |= {xi for gi, xi in pairs if _differences(g_acts[gi], x_acts[xi])}
    return sorted(wrong)


def gold_of(source: str, extraction: Extraction) -> dict[str, Any]:
    """An annotation in the gold format holding what ``extraction`` found in the document named ``source``:
    the stub a reviewer corrects by hand (or on the review page) to make it gold."""
    return {
        "source": source,
        "document": {
            "council": extraction.council,
            "title": extraction.title,
            "date": str(extraction.date) if extraction.date else None,
            "layout": extraction.layout,
        },
        "recommendations": [{"id": r.rec_id, "text": r.text} for r in extraction.recommendations],
        "actions": [
            {
                "rec": a.rec_id,
                "id": a.action_id,
                "text": a.text,
                "owners": list(a.owners),
                "timescale": a.timescale_raw,
                "measure": a.measure,
            }
            for a in extraction.actions
        ],
    }


def load_annotations(folder: Path) -> dict[str, dict[str, Any]]:
    """Annotations by the file name of each document they describe."""
    out: dict[str, dict[str, Any]] = {}
    files = sorted(folder.glob("*.gold.json")) if folder.is_dir() else [folder]
    for path in files:
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ValueError(f"cannot read annotation {path}: {exc}") from exc
        if "source" not in data:
            raise ValueError(f"annotation {path} has no 'source' naming its document")
        for name in [data["source"], *data.get("also", [])]:
            out[Path(name).name] = data
    return out


def evaluate(processed: Path, annotations: Path, diffs: bool = False) -> Report:
    """Score the Parquet in ``processed`` against the annotations in ``annotations``.

    With ``diffs``, ``report.diffs`` lists what differs, per document.
    """
    golds = load_annotations(annotations)
    tables = {
        name: pq.read_table(processed / f"{name}.parquet").to_pylist()
        for name in ("documents", "recommendations", "actions")
    }
    report = Report()
    seen: set[str] = set()
    for document in tables["documents"]:
        name = Path(document["source"]).name
        gold = golds.get(name)
        if gold is None:
            continue
        seen.add(name)
        doc_id = document["doc_id"]
        counts = score_document(
            gold,
            document,
            [r for r in tables["recommendations"] if r["doc_id"] == doc_id],
            [a for a in tables["actions"] if a["doc_id"] == doc_id],
        )
        report.documents[document["source"]] = counts
        report.total.add(counts)
        if diffs:
            report.diffs[document["source"]] = diff_document(
                gold,
                [r for r in tables["recommendations"] if r["doc_id"] == doc_id],
                [a for a in tables["actions"] if a["doc_id"] == doc_id],
            )
    report.unmatched = sorted(set(golds) - seen)
    return report


def format_report(report: Report) -> str:
    lines = []
    width = max((len(k) for k in report.documents), default=10)
    for source, counts in sorted(report.documents.items()):
        m = counts.metrics()
        lines.append(
            f"{source:{width}s}  recs {counts.rec_paired}/{counts.rec_gold}(+{counts.rec_got - counts.rec_paired})  "
            f"acts {counts.act_paired}/{counts.act_gold}(+{counts.act_got - counts.act_paired})  "
            + "  ".join(f"{k} {v}" for k, v in m.items() if v is not None)
        )
    for source, found in sorted(report.diffs.items()):
        if found:
            lines.append(f"\n{source}:")
            lines.extend(f"  {d}" for d in found)
    if report.unmatched:
        lines.append("annotated but not extracted: " + ", ".join(report.unmatched))
    m = report.total.metrics()
    lines.append(
        "TOTAL  "
        + "  ".join(f"{k} {v}" for k, v in m.items() if v is not None)
        + f"  council_ok {report.total.council_ok}/{report.total.docs}"
        + f"  date_ok {report.total.date_ok}/{report.total.docs}"
    )
    return "\n".join(lines)
