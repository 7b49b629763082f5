"""The dataset as an analyst reads it: ``actionplans.open("data/processed")``.

::

    import actionplans
    ds = actionplans.open("data/processed")
    ds.actions                      # pandas, pyarrow-backed dtypes: dates are dates, counts nullable ints
    ds.plan_actions()               # one rendering per plan (its primary), latest version, with council fields
    ds.sql("select council, count(*) from plan_actions group by 1").df()   # DuckDB
    ds.compare(as_of=datetime.date(2025, 4, 1)).summary

Each table is read once, when first asked for.  ``plan_actions`` and
``plan_recommendations`` are what comparison counts: the rows of each plan's
primary rendering (see :mod:`pipeline.plans`) in its latest version, so a plan
published as a PDF and as a text export is counted once.
"""

from __future__ import annotations

import datetime as dt
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplans.pipeline.store import TABLES, current_version, read_table

if TYPE_CHECKING:
    import duckdb
    import pandas as pd
    import pyarrow as pa

    from actionplans.pipeline.compare import Comparison

DONE_STATUSES = ("complete", "closed")
"""Statuses under which an action is no longer due."""
COUNCIL_FIELDS = ("council", "council_code", "council_type", "region", "nation")


class DatasetError(RuntimeError):
    """The folder holds no dataset; the message says what to run."""


def to_pandas(table: pa.Table) -> pd.DataFrame:
    """A table as pandas with pyarrow-backed dtypes (``date32[pyarrow]``, ``int32[pyarrow]``, lists as lists)."""
    import pandas as pd

    return table.to_pandas(types_mapper=pd.ArrowDtype)


class Dataset:
    """The tables of one output folder (``actionplans ingest --out``)."""

    def __init__(self, path: str | Path = "data/processed") -> None:
        self.path = Path(path)
        if not (self.path / "documents.parquet").exists():
            raise DatasetError(
                f"{self.path} holds no dataset (no documents.parquet): run `actionplans ingest SRC --out {self.path}`"
            )
        self._version = current_version(self.path)
        """The published version every table is read from, taken once (a run publishing meanwhile is not seen)."""
        self._tables: dict[str, pa.Table] = {}

    def __repr__(self) -> str:
        return f"Dataset({str(self.path)!r}: {self.table('documents').num_rows} documents)"

    def table(self, name: str) -> pa.Table:
        """One table as a pyarrow table, read when first asked for (all from the same published version)."""
        if name not in self._tables:
            self._tables[name] = read_table(self.path, name, self._version)
        return self._tables[name]

    @property
    def arrow(self) -> dict[str, pa.Table]:
        """The four tables as pyarrow tables, by name."""
        return {name: self.table(name) for name in TABLES}

    @cached_property
    def documents(self) -> pd.DataFrame:
        return to_pandas(self.table("documents"))

    @cached_property
    def recommendations(self) -> pd.DataFrame:
        return to_pandas(self.table("recommendations"))

    @cached_property
    def actions(self) -> pd.DataFrame:
        return to_pandas(self.table("actions"))

    @cached_property
    def context_rows(self) -> pd.DataFrame:
        return to_pandas(self.table("context_rows"))

    @cached_property
    def db(self) -> duckdb.DuckDBPyConnection:
        """An in-memory DuckDB connection with the tables, and ``plan_documents``, ``plan_recommendations`` and
        ``plan_actions`` (the rows comparison counts), as views."""
        import duckdb
        import pyarrow as pa

        con = duckdb.connect()
        for name in TABLES:
            table = self.table(name)  # with its rows' order, which SQL does not keep by itself
            con.register(f"_{name}", table.append_column("_row", pa.array(range(table.num_rows), pa.int64())))
            con.execute(f"create view {name} as select * exclude (_row) from _{name}")
        # A document written before plans were linked (no plan_id) counts as a plan of its own.
        con.execute(
            """create view _linked as
            select * replace (coalesce(plan_id, doc_id) as plan_id, coalesce(plan_version, 1) as plan_version,
                              coalesce("primary", plan_id is null and n_actions > 0) as "primary")
            from documents"""
        )
        con.execute(
            """create view plan_documents as
            select d.* from _linked d
            where d."primary" and d.plan_version = (
                select max(o.plan_version) from _linked o where o.plan_id = d.plan_id)"""
        )
        fields = ", ".join(f"d.{c}" for c in COUNCIL_FIELDS if c != "council")
        for name in ("recommendations", "actions"):
            con.execute(
                f"""create view _plan_{name} as
                select t.*, d.council, {fields},
                       d.plan_id, d.plan_version, d.source, d.origin, d.format, d.document_date
                from _{name} t join plan_documents d using (doc_id)"""
            )
            con.execute(f"create view plan_{name} as select * exclude (_row) from _plan_{name} order by _row")
        return con

    def sql(self, query: str) -> duckdb.DuckDBPyRelation:
        """A DuckDB relation over the tables and views of :attr:`db` (``.df()`` for pandas)."""
        return self.db.sql(query)

    def relation(self, name: str) -> duckdb.DuckDBPyRelation:
        """One table or view as a DuckDB relation."""
        return self.db.table(name)

    def plan_documents(self) -> pd.DataFrame:
        return self._view("plan_documents")

    def plan_recommendations(self) -> pd.DataFrame:
        return self._view("plan_recommendations")

    def plan_actions(self) -> pd.DataFrame:
        return self._view("plan_actions")

    def _view(self, name: str) -> pd.DataFrame:
        return to_pandas(self.db.table(name).arrow().read_all())

    def compare(
        self, councils: list[str] | None = None, as_of: dt.date | None = None, by: str = "council"
    ) -> Comparison:
        """The comparison tables (:class:`pipeline.compare.Comparison`) for ``councils`` (all when ``None``),
        with overdue counted as of ``as_of`` (today when ``None``)."""
        from actionplans.pipeline.compare import compare

        return compare(self, councils=councils, as_of=as_of or dt.date.today(), by=by)


def open(path: str | Path = "data/processed") -> Dataset:
    """The dataset written by ``actionplans ingest --out PATH``."""
    return Dataset(path)


def overdue(actions: pd.DataFrame, as_of: dt.date | None = None) -> pd.Series[Any]:
    """Whether each action is overdue on ``as_of`` (today when ``None``): a dated due date before it, not
    ongoing, and a status that is not complete or closed.  A function, not a column: the answer changes daily."""
    import pandas as pd

    day = as_of or dt.date.today()
    end = pd.to_datetime(actions["due_end"].astype("object"), errors="coerce")
    dated = actions["due_status"].astype("object").eq("dated").fillna(False)
    ongoing = actions["due_ongoing"].astype("object").fillna(False).astype(bool)
    done = actions["status"].astype("object").isin(DONE_STATUSES)
    late = (end < pd.Timestamp(day)).fillna(False)
    return (late & dated & ~ongoing & ~done).astype(bool).rename("overdue")
