"""Batch ingest: discover -> extract -> normalise -> write, for a folder of plans.

The output is a dataset that grows (:mod:`pipeline.store`): a run adds new
documents, replaces changed ones and keeps the rest.  Documents whose
fingerprint (content, manifest row, pipeline version) is unchanged are not
extracted again.  Documents are processed in a process pool when
``jobs`` worker processes (:mod:`pipeline.worker`), each document under a
time and memory limit, or on a Dask cluster (:mod:`pipeline.cluster`);
:func:`pipeline.process.process_document` takes and returns plain data, so
any executor would do.
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from actionplans.options import Limits, ReadOptions
from actionplans.pipeline.discover import Hashes, Manifest, ManifestEntry, discover
from actionplans.pipeline.documents import DocumentOutput, Row, document_row, fingerprint, origin_of
from actionplans.pipeline.store import Batch, Store, check_out, read_tables

if TYPE_CHECKING:
    import pyarrow as pa

    from actionplans.pipeline.worker import Job

Progress = Callable[[int, int, Row | None], None]
"""Called as ``progress(0, total, None)`` once the batch is listed, then ``progress(done, total, document)``
after each document, with its ``documents`` row."""


RETRIED = ("failed", "crashed")
"""Statuses read again by the next run even when the file is unchanged: a bug fixed, a worker lost."""


@dataclass(frozen=True)
class Scheduler:
    """Where documents are read: worker processes on this machine, or a Dask cluster."""

    executor: Literal["local", "dask"] = "local"
    address: str | None = None
    """The Dask scheduler's address (``tcp://host:8786``); ``None`` starts a cluster on this machine."""


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
    no_council: int = 0
    """Documents read (status ``ok``) for which neither the manifest nor the text names a council."""
    no_date: int = 0
    """Documents read (status ``ok``) with no publication date from the manifest or the text."""
    interrupted: int | None = None
    """When the run was stopped (Ctrl-C): how many documents it had to process; the finished ones are kept."""

    def line(self) -> str:
        states = ", ".join(f"{n} {s}" for s, n in sorted(self.statuses.items(), key=lambda kv: (kv[0] != "ok", kv[0])))
        failed = sum(n for s, n in self.statuses.items() if s != "ok")
        return (
            f"{self.documents} documents ({states or 'none'}), {self.recommendations} recommendations, "
            f"{self.actions} actions, {failed} not ok; {self.skipped} unchanged and skipped; "
            f"wrote {self.out} in {self.seconds:.1f}s"
        )

    def notes(self) -> list[str]:
        """What the user should know about the batch beyond its counts."""
        notes = []
        if self.interrupted is not None:
            notes.append(
                f"interrupted: {self.documents} of {self.interrupted} documents finished and kept; "
                "run the same command again to do the rest"
            )
        if self.no_council:
            notes.append(f"{self.no_council} document(s) read with no council: give one in the manifest")
        if self.no_date:
            notes.append(f"{self.no_date} document(s) read with no date: give 'published' in the manifest")
        return notes


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
    size: int = 0


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _key(origin: str, fp: str) -> str:
    return hashlib.sha256(f"{origin}\0{fp}".encode()).hexdigest()[:24]


def _run(
    tasks: list[Task], jobs: int, verbose: bool, limits: Limits, scheduler: Scheduler, options: ReadOptions
) -> Iterator[tuple[Task, DocumentOutput]]:
    """Each task's output as it finishes, the largest files started first."""
    if not tasks:
        return  # nothing new or changed: no worker is started, nor its module imported
    tasks = sorted(tasks, key=lambda t: -t.size)
    from actionplans.pipeline.worker import Job

    work = [Job(t.path, t.root, t.entry, t.sha256, verbose, options) for t in tasks]
    if scheduler.executor == "dask":
        from actionplans.pipeline.cluster import run_dask

        done = run_dask(work, limits, scheduler.address, jobs)
    else:
        done = _local(work, jobs, limits)
    for index, output in done:
        yield tasks[index], output


def _local(work: list[Job], jobs: int, limits: Limits) -> Iterator[tuple[int, DocumentOutput]]:
    from actionplans.pipeline.worker import Pool

    with Pool(min(jobs, len(work)), limits) as pool:
        yield from pool.run(work)


def ingest(
    src: str | Path,
    out: str | Path,
    manifest: str | Path | None = None,
    jobs: int = 1,
    force: bool = False,
    progress: Progress | None = None,
    verbose: bool = False,
    prune: bool = False,
    limits: Limits | None = None,
    scheduler: Scheduler | None = None,
    options: ReadOptions | None = None,
) -> IngestSummary:
    """Extract every new or changed document under ``src`` and add it to the dataset in ``out``.

    The dataset grows: documents already in ``out`` and unchanged are kept as
    they are (``force`` extracts them again), changed ones are replaced, and
    documents no longer in ``src`` are kept unless ``prune``.  Each finished
    document is checkpointed as it completes, so a run that is killed and run
    again redoes only what was unfinished; the batch is published in one
    atomic step at the end (:mod:`pipeline.store`).  Each document is read
    in a worker process under ``limits`` (:class:`pipeline.worker.Limits`:
    time and memory per document), ``jobs`` at a time, on this machine or on
    a Dask cluster (``scheduler``).  On ``KeyboardInterrupt`` the documents
    finished so far are published and the summary says how far it got.  ``options`` go to the
    readers: with a password, documents recorded as ``encrypted`` are read again, and with OCR those
    recorded as ``image_only``.
    """
    started = time.monotonic()
    src, out, manifest = Path(src), Path(out), Path(manifest) if manifest is not None else None
    check_out(out)  # before the folder is walked; the store checks again as it takes its lock
    files, loaded = discover(src, manifest, exclude=out)
    root = src if src.is_dir() else src.parent
    summary = IngestSummary(out=out, warnings=list(loaded.warnings))
    with Store(out, legacy_root=root) as store:
        previous = {} if force else store.index()
        options = options or ReadOptions()
        retried = (*RETRIED, *(["encrypted"] if options.password else []), *(["image_only"] if options.ocr else []))
        saved = store.checkpoints()
        hashes = Hashes(store.hashes(), trust=not force)
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
                progress(done, len(files), output.document)

        if progress:
            progress(0, len(files), None)
        for path in files:
            relative = path.relative_to(root).as_posix()
            entry = loaded.lookup(relative)
            origin = origin_of(path)
            seen.add(origin)
            try:
                sha = hashes.sha256(path, origin)
            except OSError as exc:
                row = document_row(path, root, entry, "")
                row.update(status="unreadable", message=f"the file could not be read: {exc.strerror or exc}")
                batch.add(_rows(DocumentOutput(row)))
                finished(DocumentOutput(row))
                continue
            fp = fingerprint(sha, entry)
            old = previous.get(origin)
            if old is not None and old["fingerprint"] == fp and old["status"] not in retried:
                summary.skipped += 1
                finished(DocumentOutput(old))
                continue
            key = _key(origin, f"{fp}\0{options.key}")
            if key in saved and not force:
                batch.add(saved[key])
                finished(_output(saved[key]))
                continue
            tasks.append(Task(path, root, entry, sha, key, _size(path)))
        finished_keys: set[str] = set()
        try:
            for task, output in _run(tasks, jobs, verbose, limits or Limits(), scheduler or Scheduler(), options):
                rows = _rows(output)
                store.checkpoint(task.key, rows)
                batch.add(rows)
                finished_keys.add(task.key)
                finished(output)
        except KeyboardInterrupt:
            summary.interrupted = len(files)
        if prune and summary.interrupted is None:
            under = root.resolve().as_posix().rstrip("/") + "/"
            batch.replaces |= {o for o in previous if o.startswith(under) and o not in seen}
        store.publish(batch)
        store.drop_checkpoints(saved.keys() | finished_keys)
        kept = hashes.kept(root)
        if kept != hashes.known:  # written only when this run learnt something
            store.keep_hashes(kept)
    for output in outputs:
        doc = output.document
        summary.documents += 1
        summary.statuses[doc["status"]] += 1
        summary.recommendations += int(doc["n_recommendations"] or 0)
        summary.actions += int(doc["n_actions"] or 0)
        if doc["status"] != "ok":
            summary.failures.append((doc["source"], doc["status"], doc["message"] or ""))
        else:
            summary.no_council += not doc["council"]
            summary.no_date += not doc["document_date"]
    summary.seconds = time.monotonic() - started
    return summary


def load(out: Path) -> dict[str, pa.Table]:
    """The tables of the dataset in ``out``, by name."""
    return read_tables(out)


__all__ = ["IngestSummary", "Manifest", "ingest", "load"]
