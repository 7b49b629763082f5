"""The Dask executor gives the same dataset as a local run, on a real ``LocalCluster`` started by the test."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from conftest import CORPUS, NO_CORPUS, corpus_available

from actionplans.pipeline.ingest import Scheduler, ingest, load
from actionplans.pipeline.worker import Limits

distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (pip install '.[dask]')")


def _snapshot(out: Path) -> dict[str, list[dict[str, object]]]:
    return {name: sorted(t.to_pylist(), key=repr) for name, t in load(out).items()}


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_dask_gives_the_local_run_s_dataset_on_the_corpus(tmp_path: Path) -> None:
    ingest(CORPUS, tmp_path / "local", jobs=2)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
    ) as cluster:
        summary = ingest(CORPUS, tmp_path / "dask", scheduler=Scheduler("dask", cluster.scheduler_address))
    assert summary.statuses["ok"] >= 10
    assert _snapshot(tmp_path / "dask") == _snapshot(tmp_path / "local")


def test_dask_bounds_each_document_as_a_local_run_does(tmp_path: Path) -> None:
    """A file that never finishes reading is stopped on the Dask worker too, and the batch goes on."""
    import os
    import shutil

    from conftest import ROOT

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.txt", src / "plan.txt")
    summary = ingest(src, tmp_path / "out", scheduler=Scheduler("dask"), jobs=1, limits=Limits(seconds=5))
    os.mkfifo(src / "stalled.txt")  # discovery takes only regular files: run the stalled one through the task
    from actionplans.pipeline.cluster import run_dask
    from actionplans.pipeline.worker import Job

    outputs = dict(run_dask([Job(src / "stalled.txt", src, None, "")], Limits(seconds=5), None, 1))
    assert outputs[0].document["status"] == "timeout"
    assert summary.statuses == {"ok": 1}
