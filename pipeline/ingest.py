"""Batch ingest: discover -> extract -> normalise -> write, for a folder of plans.

Re-running skips documents whose fingerprint (content, manifest row,
pipeline version) is unchanged, reusing their rows from the previous output.
Documents are processed in a process pool when ``jobs > 1``; any executor
with ``map`` would do, since :func:`pipeline.process.process_document` takes
and returns plain data.  Outputs are written atomically.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from pipeline.discover import Manifest, ManifestEntry, discover, sha256_of
from pipeline.process import DocumentOutput, fingerprint, process_document
from pipeline.schema import TABLES
from pipeline.write import write_table

Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, source)`` after each document."""


@dataclass
class IngestSummary:
    documents: int = 0
    statuses: Counter[str] = field(default_factory=Counter)
    recommendations: int = 0
    actions: int = 0
    skipped: int = 0
    seconds: float = 0.0
    out: Path = Path()
    warnings: list[str] = field(default_factory=list)
    failures: list[tuple[str, str, str]] = field(default_factory=list)
    """``(source, status, message)`` for each document that is not ``ok``."""

    def line(self) -> str:
        states = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items(), key=lambda kv: (kv[0] != "ok", kv[0])))
        failed = sum(n for s, n in self.statuses.items() if s != "ok")
        return (
            f"{self.documents} documents ({states or 'none'}), {self.recommendations} recommendations, "
            f"{self.actions} actions, {failed} not ok; {self.skipped} unchanged and skipped; "
            f"wrote {self.out} in {self.seconds:.1f}s"
        )


def _previous(out: Path) -> dict[str, DocumentOutput]:
    """Rows of the last run, by fingerprint, for documents that were read (not failed)."""
    paths = {name: out / f"{name}.parquet" for name in TABLES}
    if not all(p.exists() for p in paths.values()):
        return {}
    try:
        tables = {name: pq.read_table(p) for name, p in paths.items()}
    except (OSError, pa.ArrowInvalid):
        return {}
    if any(tables[name].schema.names != schema.names for name, schema in TABLES.items()):
        return {}  # written by a version with other columns: re-extract everything
    outputs: dict[str, DocumentOutput] = {}
    by_doc: dict[str, DocumentOutput] = {}
    for row in tables["documents"].to_pylist():
        if row["status"] == "failed":
            continue
        output = DocumentOutput(row)
        outputs[row["fingerprint"]] = output
        by_doc[row["doc_id"]] = output
    for name in ("recommendations", "actions", "context_rows"):
        for row in tables[name].to_pylist():
            if row["doc_id"] in by_doc:
                getattr(by_doc[row["doc_id"]], name).append(row)
    return outputs


Task = tuple[Path, Path, ManifestEntry | None, str]
"""``(path, root, manifest entry, sha256)`` for one document to process."""


def _run(tasks: list[Task], jobs: int, verbose: bool) -> Iterator[DocumentOutput]:
    if jobs <= 1 or len(tasks) <= 1:
        for path, root, entry, sha in tasks:
            yield process_document(path, root, entry, verbose, sha256=sha)
        return
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = [
            pool.submit(process_document, path, root, entry, verbose, sha256=sha) for path, root, entry, sha in tasks
        ]
        for future in futures:
            yield future.result()


def ingest(
    src: Path,
    out: Path,
    manifest: Path | None = None,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    verbose: bool = False,
) -> IngestSummary:
    """Extract every document under ``src`` and write the Parquet tables to ``out``."""
    started = time.monotonic()
    files, loaded = discover(src, manifest)
    root = src if src.is_dir() else src.parent
    summary = IngestSummary(out=out, warnings=list(loaded.warnings))
    previous = {} if force else _previous(out)
    outputs: list[DocumentOutput] = []
    tasks: list[Task] = []
    done = 0
    for path in files:
        relative = path.relative_to(root).as_posix()
        entry = loaded.lookup(relative)
        sha = sha256_of(path)
        reused = previous.get(fingerprint(sha, entry))
        if reused is not None and reused.document["source"] == relative:
            outputs.append(reused)
            summary.skipped += 1
            done += 1
            if progress:
                progress(done, len(files), relative)
        else:
            tasks.append((path, root, entry, sha))
    for output in _run(tasks, jobs, verbose):
        outputs.append(output)
        done += 1
        if progress:
            progress(done, len(files), output.document["source"])
    _write(outputs, out)
    for output in outputs:
        doc = output.document
        summary.documents += 1
        summary.statuses[doc["status"]] += 1
        summary.recommendations += len(output.recommendations)
        summary.actions += len(output.actions)
        if doc["status"] != "ok":
            summary.failures.append((doc["source"], doc["status"], doc["message"] or ""))
    summary.seconds = time.monotonic() - started
    return summary


def _write(outputs: list[DocumentOutput], out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    outputs = sorted(outputs, key=lambda o: o.document["source"])
    rows = {
        "documents": [o.document for o in outputs],
        "recommendations": [r for o in outputs for r in o.recommendations],
        "actions": [r for o in outputs for r in o.actions],
        "context_rows": [r for o in outputs for r in o.context_rows],
    }
    for name, schema in TABLES.items():
        write_table(pa.Table.from_pylist(rows[name], schema=schema), out / f"{name}.parquet")


def load(out: Path) -> dict[str, pa.Table]:
    """The tables a run wrote to ``out``, by name."""
    return {name: pq.read_table(out / f"{name}.parquet") for name in TABLES if (out / f"{name}.parquet").exists()}


__all__ = ["IngestSummary", "Manifest", "ingest", "load"]
