"""Documents read on a Dask cluster (``actionplans ingest --executor dask``).

Each document is one Dask task running :func:`pipeline.worker.run_one`: the
Dask worker reads it in a worker process of its own, under the same time and
memory limits as a local run, so a pathological file costs a cluster what it
costs one machine and gives the same ``timeout`` / ``too_large`` row.  The
ingest (checkpoints, publishing, the lock) stays on the machine that runs the
command: only paths go to the cluster and only rows come back, so every
Dask worker must see the files at the same paths (a shared file system) and
have the project installed.

Without a scheduler address a ``LocalCluster`` with ``jobs`` worker processes
is started for the run, which is mainly useful for trying the executor.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from actionplans.pipeline.documents import DocumentOutput
from actionplans.pipeline.worker import Job, Limits, failed, run_one

INSTALL = "the Dask executor needs dask.distributed: pip install 'actionplans[dask]'"


def _client(address: str | None, workers: int) -> Any:
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError as exc:
        raise RuntimeError(INSTALL) from exc
    if address:
        try:
            return Client(address, timeout="20s")
        except OSError as exc:
            raise RuntimeError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    cluster = LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
    )
    return Client(cluster)


def run_dask(
    jobs: list[Job], limits: Limits, address: str | None, workers: int = 1
) -> Iterator[tuple[int, DocumentOutput]]:
    """``(index, output)`` for every job, in the order the cluster finishes them."""
    if not jobs:
        return
    from dask.distributed import as_completed

    client = _client(address, workers)
    try:
        futures = {client.submit(run_one, job, limits, pure=False): i for i, job in enumerate(jobs)}
        for future in as_completed(futures):
            index = futures[future]
            try:
                output: DocumentOutput = future.result()
            except Exception as exc:  # a lost worker (KilledWorker), a cancelled task: the row says so
                output = failed(jobs[index], "crashed", f"the Dask task reading this file failed: {exc!r}")
            yield index, output
    finally:
        cluster = client.cluster if address is None else None
        client.close()
        if cluster is not None:
            cluster.close()
