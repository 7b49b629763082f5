"""The example notebook runs, top to bottom, on the bundled sample (so it never rots)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "compare-councils.ipynb"


def test_the_compare_councils_notebook_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nbformat = pytest.importorskip("nbformat", reason="nbformat is in the test extra")
    nbclient = pytest.importorskip("nbclient", reason="nbclient is in the test extra")
    pytest.importorskip("ipykernel", reason="ipykernel is in the test extra")
    monkeypatch.setenv("ACTIONPLANS_SAMPLE_OUT", str(tmp_path / "processed"))
    monkeypatch.delenv("ACTIONPLANS_DATA", raising=False)
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}
    )
    client.execute()
    outputs = [o for cell in notebook.cells if cell.cell_type == "code" for o in cell.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 2, "the notebook draws its two charts"
    assert (tmp_path / "processed" / "documents.parquet").exists()
