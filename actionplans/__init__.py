"""actionplans: council action plans in, analysis-ready Parquet out.

::

    import actionplans
    ds = actionplans.open("data/processed")     # the tables as pandas, and as DuckDB
    ds.compare().summary                        # councils side by side

The work is done by three packages, each a folder of the source tree mapped
into this one: ``actionplans.extractors`` (document -> records),
``actionplans.normalise`` (raw strings -> typed values) and
``actionplans.pipeline`` (batch ingest, Parquet, the ``actionplans`` command,
the dataset API).  This package holds what they share: the version, the typed
records (:mod:`actionplans.records`) and the readers' options
(:mod:`actionplans.options`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from actionplans.pipeline.dataset import Dataset, overdue
    from actionplans.pipeline.dataset import open as open

__all__ = ["Dataset", "__version__", "overdue"]  # not ``open``: ``from actionplans import *`` keeps the built-in


def __getattr__(name: str) -> Any:
    """``open``, ``Dataset`` and ``overdue`` load pandas only when asked for: a worker never imports them."""
    if name in ("open", "Dataset", "overdue"):
        from actionplans.pipeline import dataset

        return getattr(dataset, name)
    raise AttributeError(f"module 'actionplans' has no attribute {name!r}")
