"""Documents read in worker processes, each document under a time and a memory limit.

pdfminer cannot be interrupted from inside: a page that takes ten minutes, or
a stream that inflates to gigabytes, holds the thread that reads it.  So every
document is read in a worker process of its own (``python -m
actionplans.pipeline.worker``), fed one job at a time over a pipe:

* the parent gives each job a deadline and kills the worker that passes it
  (status ``timeout``);
* the worker runs under an address-space limit (``RLIMIT_AS``), so an
  allocation past it raises ``MemoryError`` where it happens, and the parent
  also watches the worker's resident memory and kills it past the limit
  (status ``too_large`` either way);
* a worker that dies for any other reason gives status ``crashed``;
* in each case the worker is replaced and the batch goes on.

Workers are started as plain subprocesses, not forked: they work the same
under a Dask worker (a daemon process that may not fork children of its own),
on any start method, and their command line names the ingest that started
them (``--parent PID``), which the kernel kills them with on Linux.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import gc
import os
import pickle
import select
import signal
import struct
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import actionplans
from actionplans.options import GIB, Limits, ReadOptions
from actionplans.pipeline.discover import ManifestEntry
from actionplans.pipeline.documents import DocumentOutput, document_row

_HEADER = struct.Struct(">Q")
_POLL = 0.25
"""Seconds between looks at busy workers' memory and deadlines."""
GC_THRESHOLD = 20_000
"""Objects made (net) between two collections of the youngest generation of the worker's cyclic garbage
collector (Python's default: 700).  Reading a page makes a tuple or a list for each character, nearly none of
them in a cycle, and at the default the collector looks at them over and over: about a tenth of the time of an
agenda pack.  Memory stays bounded: reference counting frees nearly everything at once, and a cycle is freed at
the next collection of the generation it has reached (a young one within 20,000 objects, an older one within a few
hundred thousand)."""
_START = 120.0
"""Seconds a worker may take to start (import the pipeline, build its indexes) before it is deemed hung."""


@dataclass(frozen=True)
class Job:
    """One document for a worker: the arguments of :func:`actionplans.pipeline.process.process_document`."""

    path: Path
    root: Path
    entry: ManifestEntry | None
    sha256: str
    verbose: bool = False
    options: ReadOptions = field(default_factory=ReadOptions)


def failed(job: Job, status: str, message: str) -> DocumentOutput:
    """The output of a job that a worker could not finish."""
    row = document_row(job.path, job.root, job.entry, job.sha256)
    with contextlib.suppress(OSError):
        row["size_bytes"] = job.path.stat().st_size
    row.update(status=status, message=message)
    return DocumentOutput(row)


def _timeout(job: Job, limits: Limits) -> DocumentOutput:
    return failed(
        job,
        "timeout",
        f"reading stopped after the {limits.seconds:g} s limit per document (--timeout); "
        "the file may be very long or hold a page that is costly to read",
    )


def _too_large(job: Job, limits: Limits) -> DocumentOutput:
    size = f"{(limits.memory or 0) / GIB:g} GiB"
    return failed(
        job,
        "too_large",
        f"reading stopped at the {size} memory limit per document (--memory-limit); "
        "the file may hold a very large image or a compressed stream that inflates without end",
    )


def _crashed(job: Job, code: int | None) -> DocumentOutput:
    how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit status {code}"
    return failed(job, "crashed", f"the worker process died while reading this file ({how})")


class Worker:
    """One worker process and the pipe it is fed through."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        command = [sys.executable, "-m", "actionplans.pipeline.worker", "--parent", str(os.getpid())]
        if limits.memory:
            command += ["--memory", str(limits.memory)]
        root = str(Path(actionplans.__file__).resolve().parents[1])  # where the package is: the worker imports it
        path = os.environ.get("PYTHONPATH")
        env = {**os.environ, "PYTHONPATH": root + (os.pathsep + path if path else "")}
        self.process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)
        assert self.process.stdin is not None and self.process.stdout is not None
        self._in: IO[bytes] = self.process.stdin
        self._out = self.process.stdout.fileno()
        os.set_blocking(self._out, False)
        self._buffer = bytearray()
        self.ready = False
        """Set once the worker has said it is started (imports and indexes built): the clock runs from then."""
        self.job: Job | None = None
        self.deadline = 0.0
        self.index = -1

    def fileno(self) -> int:
        return self._out

    def send(self, index: int, job: Job) -> None:
        data = pickle.dumps(job)
        self._in.write(_HEADER.pack(len(data)) + data)
        self._in.flush()
        self.job, self.index = job, index
        self._clock(_START if not self.ready else 0.0)

    def _clock(self, grace: float) -> None:
        seconds = self.limits.seconds
        self.deadline = time.monotonic() + seconds + grace if seconds else float("inf")

    def receive(self) -> DocumentOutput | None:
        """The finished job's output, ``None`` if it is not all here yet; ``EOFError`` if the worker died."""
        while True:
            try:
                chunk = os.read(self._out, 1 << 20)
            except BlockingIOError:
                break
            if not chunk:
                raise EOFError
            self._buffer += chunk
        if not self.ready and len(self._buffer) >= _HEADER.size and not _HEADER.unpack_from(self._buffer)[0]:
            del self._buffer[: _HEADER.size]  # the empty frame a worker sends when it is started
            self.ready = True
            if self.job is not None:
                self._clock(0.0)
        if len(self._buffer) < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self._buffer)
        if len(self._buffer) < _HEADER.size + size:
            return None
        output: DocumentOutput = pickle.loads(bytes(self._buffer[_HEADER.size : _HEADER.size + size]))
        del self._buffer[: _HEADER.size + size]
        self.job = None
        return output

    def rss(self) -> int:
        """Resident memory in bytes (0 where ``/proc`` cannot tell)."""
        try:
            pages = int(Path(f"/proc/{self.process.pid}/statm").read_text().split()[1])
        except (OSError, ValueError, IndexError):
            return 0
        return pages * os.sysconf("SC_PAGE_SIZE")

    def stop(self) -> int | None:
        """Kill the worker (if it still runs) and reap it; its exit code."""
        with contextlib.suppress(OSError):
            self._in.close()
        if self.process.poll() is None:
            self.process.kill()
        code = self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()
        return code

    def close(self) -> None:
        """Let an idle worker end on its own (end of input), killing it if it lingers."""
        with contextlib.suppress(OSError):
            self._in.close()
        try:
            self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


class Pool:
    """Up to ``size`` workers; :meth:`run` yields each job's output as it finishes."""

    def __init__(self, size: int, limits: Limits) -> None:
        self.size = max(1, size)
        self.limits = limits
        self._idle: list[Worker] = []
        self._busy: list[Worker] = []

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.shutdown()

    def shutdown(self) -> None:
        for worker in self._busy:
            worker.stop()
        for worker in self._idle:
            worker.close()
        self._busy, self._idle = [], []

    def run(self, jobs: Iterable[Job]) -> Iterator[tuple[int, DocumentOutput]]:
        """``(index, output)`` for every job, in the order they finish."""
        queue = deque(enumerate(jobs))
        while queue or self._busy:
            while queue and len(self._busy) < self.size:
                index, job = queue.popleft()
                yield from self._start(index, job)
            yield from self._wait()

    def _start(self, index: int, job: Job) -> Iterator[tuple[int, DocumentOutput]]:
        for attempt in range(2):  # an idle worker may have died since its last job
            worker = self._idle.pop() if self._idle else Worker(self.limits)
            try:
                worker.send(index, job)
            except OSError:
                code = worker.stop()
                if attempt:
                    yield index, _crashed(job, code)
                continue
            self._busy.append(worker)
            return

    def _wait(self) -> Iterator[tuple[int, DocumentOutput]]:
        now = time.monotonic()
        soonest = min(w.deadline for w in self._busy)
        wait = max(0.0, min(_POLL, soonest - now)) if self.limits.memory else max(0.0, soonest - now)
        ready, _, _ = select.select(self._busy, [], [], min(wait, 3600.0))
        for worker in ready:
            job, index = worker.job, worker.index
            assert job is not None
            try:
                output = worker.receive()
            except EOFError:
                self._busy.remove(worker)
                code = worker.stop()
                yield index, _too_large(job, self.limits) if code == _TOO_LARGE else _crashed(job, code)
                continue
            if output is not None:
                self._busy.remove(worker)
                if output.document["status"] == "too_large":  # a MemoryError: start the next job afresh
                    worker.stop()
                else:
                    self._idle.append(worker)
                yield index, output
        now = time.monotonic()
        for worker in list(self._busy):
            job = worker.job
            assert job is not None
            if now >= worker.deadline:
                outcome = _timeout(job, self.limits)
            elif self.limits.memory and worker.rss() > self.limits.memory:
                outcome = _too_large(job, self.limits)
            else:
                continue
            self._busy.remove(worker)
            worker.stop()
            yield worker.index, outcome


_TOO_LARGE = 3
"""The exit status of a worker that ran out of memory outside Python (where ``MemoryError`` cannot be caught)."""

_local = threading.local()


def run_one(job: Job, limits: Limits) -> DocumentOutput:
    """One job in a worker kept for this thread: what a Dask task runs, so that a Dask worker bounds each
    document just as a local run does."""
    pool: Pool | None = getattr(_local, "pool", None)
    if pool is None or pool.limits != limits:
        if pool is not None:
            pool.shutdown()
        pool = _local.pool = Pool(1, limits)
    for _, output in pool.run([job]):
        return output
    raise AssertionError("a pool gives one output per job")


# --- the worker side ---------------------------------------------------------------------------------------


def _die_with(parent: int) -> None:
    """Ask the kernel to kill this worker when its parent dies (Linux), and die now if it already has."""
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _read_exactly(stream: IO[bytes], size: int) -> bytes | None:
    data = b""
    while len(data) < size:
        chunk = stream.read(size - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def serve(parent: int, memory: int | None) -> None:
    """The worker's loop: read a job, process it, write its output, until the parent closes the pipe."""
    _die_with(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is for the parent, which stops the workers itself
    replies = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, never into the replies
    jobs = sys.stdin.buffer
    gc.set_threshold(GC_THRESHOLD)
    from actionplans.normalise import warm
    from actionplans.pipeline.process import process_document

    warm()  # every lazily built index and pipeline, once, before the first job
    gc.freeze()  # what the imports and indexes made lives as long as the worker: never looked at again
    if memory:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    replies.write(_HEADER.pack(0))  # started: the parent's clock for the first job runs from here
    replies.flush()
    while (header := _read_exactly(jobs, _HEADER.size)) is not None:
        body = _read_exactly(jobs, _HEADER.unpack(header)[0])
        if body is None:
            return
        job: Job = pickle.loads(body)
        output: DocumentOutput
        try:
            output = process_document(
                job.path, job.root, job.entry, job.verbose, sha256=job.sha256, options=job.options
            )
        except MemoryError:
            output = _too_large(job, Limits(memory=memory))
        try:
            data = pickle.dumps(output)
            replies.write(_HEADER.pack(len(data)) + data)
            replies.flush()
        except MemoryError:
            os._exit(_TOO_LARGE)


def main(argv: list[str]) -> None:
    options: dict[str, Any] = dict(zip(argv[::2], argv[1::2], strict=False))
    memory = options.get("--memory")
    serve(int(options["--parent"]), int(memory) if memory else None)


if __name__ == "__main__":
    main(sys.argv[1:])
