"""What a document is before it is read: its identity, its fingerprint and its ``documents`` row.

Kept apart from :mod:`pipeline.process` (which reads documents) so that a
run deciding what needs reading imports no extractor: a re-run of an
unchanged batch costs the hashing of its files and little else.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from actionplans import __version__
from actionplans.pipeline.discover import ManifestEntry

Row = dict[str, Any]


@dataclass
class DocumentOutput:
    """The rows one document contributes to each output table."""

    document: Row
    recommendations: list[Row] = field(default_factory=list)
    actions: list[Row] = field(default_factory=list)
    context_rows: list[Row] = field(default_factory=list)


def fingerprint(sha256: str, entry: ManifestEntry | None) -> str:
    key = f"{sha256}|{entry.fingerprint() if entry else ''}|{__version__}"
    return hashlib.sha256(key.encode()).hexdigest()[:24]


def origin_of(path: Path) -> str:
    """Where a file is, as documents record it: its absolute path, symlinks resolved."""
    return path.resolve().as_posix()


def doc_id_of(origin: str, sha256: str) -> str:
    return hashlib.sha256(f"{origin}\0{sha256}".encode()).hexdigest()[:16]


def council_fields(council: str | None) -> Row:
    """The register's facts about ``council`` (a canonical name): its GSS code, type, region, nation, and the
    councils that took over from it if it was abolished."""
    from actionplans.normalise.councils import authority_of, successors

    authority = authority_of(council)
    if authority is None:
        return {"council_code": None, "council_type": None, "region": None, "nation": None, "council_successors": []}
    return {
        "council_code": authority.gss,
        "council_type": authority.type_name,
        "region": authority.region,
        "nation": authority.nation,
        "council_successors": successors(authority) if authority.end_date else [],
    }


def document_row(path: Path, root: Path, entry: ManifestEntry | None, sha: str) -> Row:
    """A documents row for ``path`` before it is read: identity, source, manifest fields; status ``ok``."""
    from actionplans.extractors import format_of
    from actionplans.normalise.councils import match_council

    origin = origin_of(path)
    council, note = match_council(entry.council) if entry and entry.council else (None, None)
    return {
        "doc_id": doc_id_of(origin, sha),
        "source": path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name,
        "origin": origin,
        "sha256": sha,
        "format": format_of(path),
        "size_bytes": None,
        "pages": None,
        "page_readers": [],
        "council": council,
        **council_fields(council),
        "title": entry.title if entry else None,
        "document_date": None,
        "date_precision": None,
        "url": entry.url if entry else None,
        "layout": None,
        "cues": [],
        "plan_pages": [],
        "confidence": None,
        "tables": [],
        "status": "ok",
        "message": None,
        "n_recommendations": 0,
        "n_actions": 0,
        "n_to_review": 0,
        "plan_id": None,
        "plan_version": None,
        "primary": False,
        "report": [note] if note else [],
        "fingerprint": fingerprint(sha, entry),
        "pipeline_version": __version__,
    }
