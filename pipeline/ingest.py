"""Batch ingest: discover -> extract -> normalise -> write, for a folder of plans.

The output is a dataset that grows (:mod:`pipeline.store`): a run adds new
documents, replaces changed ones and keeps the rest.  Documents whose
fingerprint (content, manifest row, pipeline version) is unchanged are not
extracted again.  Documents are processed in a process pool when
``jobs > 1``; :func:`pipeline.process.process_document` takes and returns
plain data, so any executor would do.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import os
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from pipeline.discover import Manifest, ManifestEntry, discover, sha256_of
from pipeline.process import DocumentOutput, Row, document_row, fingerprint, origin_of, process_document
from pipeline.schema import TABLES
from pipeline.store import Batch, Store, check_out, read_tables

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


def _previous(tables: dict[str, pa.Table]) -> dict[str, DocumentOutput]:
    """The published documents (those that were read, not failed) with their rows, by origin."""
    if any(tables[name].schema.names != schema.names for name, schema in TABLES.items()):
        return {}  # written by a version with other columns: re-extract everything
    outputs: dict[str, DocumentOutput] = {}
    by_doc: dict[str, DocumentOutput] = {}
    for row in tables["documents"].to_pylist():
        output = DocumentOutput(row)
        outputs[row["origin"]] = output
        by_doc[row["doc_id"]] = output
    for name in ("recommendations", "actions", "context_rows"):
        for row in tables[name].to_pylist():
            if row["doc_id"] in by_doc:
                getattr(by_doc[row["doc_id"]], name).append(row)
    return outputs


def _rows(output: DocumentOutput) -> dict[str, list[Row]]:
    return {
        "documents": [output.document],
        "recommendations": output.recommendations,
        "actions": output.actions,
        "context_rows": output.context_rows,
    }


def _output(rows: dict[str, list[Row]]) -> DocumentOutput:
    return DocumentOutput(rows["documents"][0], rows["recommendations"], rows["actions"], rows["context_rows"])


@dataclass(frozen=True)
class Task:
    """One document to process: where it is, its manifest entry and digest, and its checkpoint key."""

    path: Path
    root: Path
    entry: ManifestEntry | None
    sha256: str
    key: str


def _key(origin: str, fp: str) -> str:
    return hashlib.sha256(f"{origin}\0{fp}".encode()).hexdigest()[:24]


def _die_with_parent() -> None:
    """A worker's initializer: on Linux, the kernel kills the worker when the ingest that started it dies."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
            if os.getppid() == 1:
                os._exit(1)  # the parent died before the line above ran


def _pool(jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_die_with_parent)


def _run(tasks: list[Task], jobs: int, verbose: bool) -> Iterator[tuple[Task, DocumentOutput]]:
    """Each task's output as it finishes; a worker that dies is replaced, and the document it died on gets
    status ``crashed``."""
    if jobs <= 1 or len(tasks) <= 1:
        for t in tasks:
            yield t, process_document(t.path, t.root, t.entry, verbose, sha256=t.sha256)
        return
    pending = list(tasks)
    while pending:
        retry: list[Task] = []
        with _pool(jobs) as pool:
            futures = {
                pool.submit(process_document, t.path, t.root, t.entry, verbose, sha256=t.sha256): t for t in pending
            }
            for future in as_completed(futures):
                task = futures[future]
                try:
                    yield task, future.result()
                except BrokenProcessPool:
                    retry.append(task)
        if len(retry) == len(pending):
            # Every one fell with the pool: run them one at a time, so only the one that kills its worker fails.
            for task in retry:
                yield task, _alone(task, verbose)
            return
        pending = retry


def _alone(task: Task, verbose: bool) -> DocumentOutput:
    """Process one document in a worker of its own; a worker that dies gives a ``crashed`` row."""
    with _pool(1) as pool:
        try:
            return pool.submit(process_document, task.path, task.root, task.entry, verbose, sha256=task.sha256).result()
        except BrokenProcessPool:
            row = document_row(task.path, task.root, task.entry, task.sha256)
            row.update(status="crashed", message="the worker process died while reading this file (out of memory?)")
            return DocumentOutput(row)


def ingest(
    src: Path,
    out: Path,
    manifest: Path | None = None,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    verbose: bool = False,
    prune: bool = False,
) -> IngestSummary:
    """Extract every new or changed document under ``src`` and add it to the dataset in ``out``.

    The dataset grows: documents already in ``out`` and unchanged are kept as
    they are (``force`` extracts them again), changed ones are replaced, and
    documents no longer in ``src`` are kept unless ``prune``.  Each finished
    document is checkpointed as it completes, so a run that is killed and run
    again redoes only what was unfinished; the batch is published in one
    atomic step at the end (:mod:`pipeline.store`).
    """
    started = time.monotonic()
    check_out(out)  # before the folder is walked; the store checks again as it takes its lock
    files, loaded = discover(src, manifest, exclude=out)
    root = src if src.is_dir() else src.parent
    summary = IngestSummary(out=out, warnings=list(loaded.warnings))
    with Store(out, legacy_root=root) as store:
        previous = {} if force else _previous(store.read())
        saved = store.checkpoints()
        batch = Batch()
        outputs: list[DocumentOutput] = []
        tasks: list[Task] = []
        seen: set[str] = set()
        done = 0

        def finished(output: DocumentOutput) -> None:
            nonlocal done
            outputs.append(output)
            done += 1
            if progress:
                progress(done, len(files), output.document["source"])

        for path in files:
            relative = path.relative_to(root).as_posix()
            entry = loaded.lookup(relative)
            origin = origin_of(path)
            seen.add(origin)
            try:
                sha = sha256_of(path)
            except OSError as exc:
                row = document_row(path, root, entry, "")
                row.update(status="unreadable", message=f"the file could not be read: {exc.strerror or exc}")
                batch.add(_rows(DocumentOutput(row)))
                finished(DocumentOutput(row))
                continue
            fp = fingerprint(sha, entry)
            old = previous.get(origin)
            if old is not None and old.document["fingerprint"] == fp and old.document["status"] != "failed":
                summary.skipped += 1
                finished(old)
                continue
            key = _key(origin, fp)
            if key in saved and not force:
                batch.add(saved[key])
                finished(_output(saved[key]))
                continue
            tasks.append(Task(path, root, entry, sha, key))
        for task, output in _run(tasks, jobs, verbose):
            rows = _rows(output)
            store.checkpoint(task.key, rows)
            batch.add(rows)
            finished(output)
        if prune:
            under = root.resolve().as_posix().rstrip("/") + "/"
            batch.replaces |= {o for o in previous if o.startswith(under) and o not in seen}
        store.publish(batch)
        store.drop_checkpoints(saved.keys() | {t.key for t in tasks})
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


def load(out: Path) -> dict[str, pa.Table]:
    """The tables of the dataset in ``out``, by name."""
    return read_tables(out)


__all__ = ["IngestSummary", "Manifest", "ingest", "load"]
