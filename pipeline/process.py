"""One document through the pipeline: read -> extract -> normalise -> rows.

``process_document`` never raises for a bad document: an unreadable,
encrypted, empty or image-only file, or a bug met on one, becomes a
``documents`` row with a status and a message, and the batch goes on.  It is
a plain function of picklable arguments, so a batch can map it over a
process pool (or any other executor).
"""

from __future__ import annotations

import datetime as dt
import traceback
import zlib
from collections.abc import Sequence
from pathlib import Path

from actionplans.extractors import NO_LAYOUT, extract
from actionplans.extractors.errors import ExtractionError
from actionplans.normalise import parse_timescale
from actionplans.normalise.families import role_families
from actionplans.normalise.roles import canonical_owners, mentioned_roles_many
from actionplans.normalise.status import normalise_status
from actionplans.normalise.themes import from_context, themes_of
from actionplans.options import ReadOptions
from actionplans.pipeline.discover import ManifestEntry, sha256_of
from actionplans.pipeline.documents import DocumentOutput, Row, council_fields, document_row
from actionplans.records import Action, Extraction, PartialDate, Provenance, TableReport


def _provenance(p: Provenance) -> Row:
    return {
        "page": p.page,
        "bbox": dict(zip(("x0", "top", "x1", "bottom"), p.bbox, strict=True)) if p.bbox else None,
        "line_start": p.lines[0] if p.lines else None,
        "line_end": p.lines[1] if p.lines else None,
        "cell": p.cell,
        "extractor": p.extractor,
    }


def _due(raw: str | None, reference: dt.date | None) -> Row:
    """The ``due_*`` columns for a timescale cell, read against the plan's date."""
    if not raw:
        return {
            "due_start": None,
            "due_end": None,
            "due_fy": None,
            "due_quarter": None,
            "due_granularity": None,
            "due_status": None,
            "due_ongoing": None,
            "due_rule": None,
            "due_recurrence": None,
            "due_flags": [],
            "due_milestones": [],
        }
    t = parse_timescale(raw, reference)
    return {
        "due_start": t.start,
        "due_end": t.end,
        **fiscal(t.end),
        "due_granularity": t.granularity,
        "due_status": t.status,
        "due_ongoing": t.ongoing,
        "due_rule": t.rule,
        "due_recurrence": t.recurrence,
        "due_flags": list(t.flags),
        "due_milestones": [
            {"label": m.label, "raw": m.raw, "start": m.start, "end": m.end, "granularity": m.granularity}
            for m in t.milestones
        ],
    }


def fiscal(day: dt.date | None) -> Row:
    """The UK financial year (April to March) and its quarter of ``day``: ``2024/25`` and ``Q3`` for a day in
    October to December 2024."""
    if day is None:
        return {"due_fy": None, "due_quarter": None}
    start = day.year if day.month >= 4 else day.year - 1
    return {"due_fy": f"{start}/{(start + 1) % 100:02d}", "due_quarter": f"Q{(day.month - 4) % 12 // 3 + 1}"}


def _table_row(t: TableReport) -> Row:
    return {
        "pages": list(t.pages),
        "kind": t.kind,
        "rows": t.rows,
        "header": list(t.header),
        "accepted": t.accepted,
        "reason": t.reason or None,
        "columns": [
            {"index": c.index, "header": c.header, "role": c.role, "score": c.score, "evidence": c.evidence}
            for c in t.columns
        ],
    }


def date_of(value: PartialDate | None) -> tuple[dt.date | None, str | None]:
    return (value.first_day(), value.precision) if value else (None, None)


def process_document(
    path: Path,
    root: Path,
    entry: ManifestEntry | None = None,
    verbose: bool = False,
    sha256: str | None = None,
    options: ReadOptions | None = None,
) -> DocumentOutput:
    """Rows for ``path`` (a file under ``root``), with ``entry`` from the manifest if it has one.

    ``sha256`` is the file's digest when the caller has already computed it; ``options`` are the readers'
    (a password, OCR).
    """
    sha = sha256 or sha256_of(path)
    document = document_row(path, root, entry, sha)
    try:
        document["size_bytes"] = path.stat().st_size
    except OSError as exc:
        document.update(status="unreadable", message=f"the file could not be read: {exc.strerror or exc}")
        return DocumentOutput(document)
    if entry and entry.published:
        document["document_date"], document["date_precision"] = date_of(entry.published)
    try:
        extraction, source = extract(path, options)
    except ExtractionError as exc:
        if _out_of_memory(exc):  # a reader took an allocation failure for a broken file
            raise MemoryError from exc
        document.update(status=exc.status, message=str(exc))
        return DocumentOutput(document)
    except OSError as exc:  # permission denied, vanished, a disk error: the file, not the extractor
        document.update(status="unreadable", message=f"the file could not be read: {exc.strerror or exc}")
        return DocumentOutput(document)
    except MemoryError:  # past the worker's memory limit: the worker says so (pipeline.worker)
        raise
    except Exception as exc:  # a bug must not stop the batch; the row says what happened
        detail = traceback.format_exc() if verbose else f"{type(exc).__name__}: {exc}"
        document.update(status="failed", message=f"internal error: {detail}")
        return DocumentOutput(document)
    document["pages"] = source.pages
    document["page_readers"] = list(source.page_readers)
    return to_rows(document, extraction)


def _out_of_memory(exc: BaseException) -> bool:
    """Whether ``exc`` was caused by running out of memory: a ``MemoryError``, or zlib failing to allocate."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, MemoryError) or (isinstance(seen, zlib.error) and "allocate" in str(seen)):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def review_flags(actions: Sequence[Action], due_rules: Sequence[str | None]) -> list[list[str]]:
    """Why each of a document's ``actions`` deserves a human look (:data:`actionplans.records.REVIEW_FLAGS`);
    ``due_rules`` is how each one's timescale was read (``due_rule``).  A missing owner or timescale counts
    only where other actions have one: a plan without a timescale column has no timescales missed.  A
    timescale is unread when no rule read it, or it names a date that cannot be ("Q5"); a status word such
    as "TBC" is read.  What the document has is looked at once, not once per action."""
    any_owner = any(a.owners for a in actions)
    any_timescale = any((a.timescale_raw or "").strip() for a in actions)
    out = []
    for action, rule in zip(actions, due_rules, strict=True):
        flags = []
        if not action.owners and any_owner:
            flags.append("no_owner")
        if not (action.timescale_raw or "").strip():
            if any_timescale:
                flags.append("no_timescale")
        elif rule in UNREAD_RULES or (rule or "").startswith("impossible"):
            flags.append("timescale_unread")
        flags.extend(action.doubts)
        out.append(flags)
    return out


UNREAD_RULES = frozenset(["no_date", "error", "needs_reference"])
"""The ``due_rule`` values of a timescale no rule could read."""


def to_rows(document: Row, extraction: Extraction) -> DocumentOutput:
    """Normalise an extraction into output rows, filling the document row's remaining fields."""
    doc_id = document["doc_id"]
    document["layout"] = extraction.layout
    document["report"] = [*document.get("report", []), *extraction.report]
    document["cues"] = [{"cue": c, "records": n} for c, n in extraction.cues]
    document["plan_pages"] = list(extraction.plan_pages)
    document["confidence"] = extraction.confidence
    document["tables"] = [_table_row(t) for t in extraction.tables]
    document["council"] = document["council"] or extraction.council
    document.update(council_fields(document["council"]))
    document["title"] = document["title"] or extraction.title
    if document["document_date"] is None:
        document["document_date"], document["date_precision"] = date_of(extraction.date)
    rec_themes = themes_of(r.text for r in extraction.recommendations)
    recs = [
        {
            "doc_id": doc_id,
            "rec_id": r.rec_id,
            "text": r.text,
            "section": r.section,
            "owners": list(r.owners),
            "owners_canonical": canonical_owners(r.owners),
            "themes": names,
            "theme_evidence": evidence,
            **_provenance(r.provenance),
        }
        for r, (names, evidence) in zip(extraction.recommendations, rec_themes, strict=True)
    ]
    themes_by_rec = {r.rec_id: found for r, found in zip(extraction.recommendations, rec_themes, strict=True)}
    # Its own words, else the context the page gives it, nearest first: the theme row above it, the section
    # heading it sits under ("Public Health"), the objective it serves; else its recommendation's words.
    # A heading over every action alike is the document's title ("Financial Recovery Plan"), no section of it.
    sectioned = len({a.section for a in extraction.actions}) > 1
    contexts = [
        ("theme row", themes_of(a.theme or "" for a in extraction.actions)),
        ("section", themes_of((a.section or "") if sectioned else "" for a in extraction.actions)),
        ("objective", themes_of(a.objective or "" for a in extraction.actions)),
    ]
    action_themes = []
    for i, (a, own) in enumerate(zip(extraction.actions, themes_of(a.text for a in extraction.actions), strict=True)):
        around = next((from_context(found[i], where) for where, found in contexts if found[i][0]), None)
        action_themes.append(
            own if own[0] else around or from_context(themes_by_rec.get(a.rec_id, ([], [])), "recommendation")
        )
    reference = document["document_date"]
    mentioned = mentioned_roles_many(a.text for a in extraction.actions)
    everyone = {o for a in extraction.actions for o in canonical_owners(a.owners)}  # the plan's owners
    actions = [
        {
            "doc_id": doc_id,
            "rec_id": a.rec_id,
            "action_id": a.action_id,
            "objective": a.objective,
            "section": a.section,
            "theme": a.theme,
            "themes": themes,
            "theme_evidence": evidence,
            "text": a.text,
            "owners": list(a.owners),
            "owners_canonical": (canonical := canonical_owners(a.owners)),
            "owners_family": role_families(canonical, everyone),
            "owner_source": a.owner_source,
            "mentioned_roles": roles,
            "timescale_raw": a.timescale_raw,
            **_due(a.timescale_raw, reference),
            "measure": a.measure,
            "status_raw": a.status_raw,
            "status_colour": a.status_colour,
            "status": normalise_status(a.status_raw, a.status_colour),
            "progress": a.progress,
            "extra": list(a.extra),
            **_provenance(a.provenance),
            "field_boxes": [
                {"field": name, **{k: v for k, v in _provenance(where).items() if k != "extractor"}}
                for name, where in a.fields
            ],
        }
        for a, roles, (themes, evidence) in zip(extraction.actions, mentioned, action_themes, strict=True)
    ]
    for row, flags in zip(actions, review_flags(extraction.actions, [r["due_rule"] for r in actions]), strict=True):
        row["review"] = flags
    context = [
        {"doc_id": doc_id, "text": c.text, "section": c.section, **_provenance(c.provenance)}
        for c in extraction.context
    ]
    document["n_recommendations"] = len(recs)
    document["n_actions"] = len(actions)
    document["n_to_review"] = sum(1 for row in actions if row["review"])
    if extraction.layout == NO_LAYOUT or not (recs or actions):
        document["status"] = "no_plan_found"
        document["message"] = "; ".join(extraction.report) or "no recommendations or actions found"
    return DocumentOutput(document, recs, actions, context)
