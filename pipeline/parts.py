"""The Parquet side of the store: parts written, carried into a new version, merged, and read back.

Everything that needs pyarrow lives here, so that a run which finds nothing
to do (every file unchanged) never imports it: :mod:`pipeline.store` decides
from its index and imports this module only when it reads or writes rows.
Rows become arrays through :mod:`pipeline.arrays` and files are read with
``ParquetFile``, not ``pq.read_table``: both of pyarrow's ways import pandas,
which the store never uses.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from actionplans.pipeline import arrays
from actionplans.pipeline.schema import TABLES

Rows = list[dict[str, object]]


def write_rows(path: Path, name: str, rows: Rows) -> None:
    """``rows`` of table ``name`` as one Parquet file (in a fixed order, so the same run gives the same file)."""
    ordered = sorted(rows, key=lambda r: str(r.get("doc_id") or ""))
    pq.write_table(arrays.table(ordered, TABLES[name]), path)


def read_rows(folder: Path) -> dict[str, Rows] | None:
    """A checkpoint's rows by table; ``None`` when it was cut short (it is then redone)."""
    try:
        return {name: _read(folder / f"{name}.parquet").to_pylist() for name in TABLES}
    except (OSError, pa.ArrowInvalid):
        return None


def doc_ids(part: Path, origins: set[str]) -> set[str]:
    """The ids of the documents in a ``documents`` part that were read from ``origins``."""
    table = _read(part, columns=["doc_id", "origin"])
    pairs = zip(table.column("doc_id").to_pylist(), table.column("origin").to_pylist(), strict=True)
    return {doc_id for doc_id, origin in pairs if origin in origins}


def single_files(old: dict[str, Path], legacy_root: Path | None) -> dict[str, pa.Table]:
    """The tables of a dataset written as one Parquet file per table, in today's schema."""
    tables = {}
    for name in TABLES:
        path = old.get(name)
        table = _read(path) if path else TABLES[name].empty_table()
        if name == "documents" and "origin" not in table.column_names:
            base = legacy_root.resolve() if legacy_root else None
            sources = table.column("source").to_pylist()
            origins = [(base / s).as_posix() if base else s for s in sources]
            table = table.append_column("origin", arrays.column(origins, pa.string()))
        tables[name] = conform(table, TABLES[name])
    return tables


def current_columns(version: Path) -> bool:
    """Whether every part of ``version`` has today's columns."""
    for name, schema in TABLES.items():
        for part in (version / f"{name}.parquet").glob("*.parquet"):
            if pq.read_schema(part).names != schema.names:
                return False
    return True


def _read(path: Path, columns: list[str] | None = None) -> pa.Table:
    """One Parquet file as a table (``pq.read_table`` would import pandas, through pyarrow's datasets)."""
    with pq.ParquetFile(path) as f:
        return f.read(columns=columns)


def write_table(table: pa.Table, path: Path) -> None:
    pq.write_table(table, path)


def read_tables(out: Path, version: Path | None = None) -> dict[str, pa.Table]:
    """The tables of an output folder, by name: its current version (or ``version``), else (older layout) its
    single files.  The version is taken once, so a run publishing meanwhile cannot mix two versions."""
    version = version or current_version(out)
    return {name: read_table(out, name, version) for name in TABLES}


def current_version(out: Path) -> Path | None:
    """The folder of the published version (``OUT/.store/current`` resolved), or ``None`` (older layout)."""
    link = out / ".store" / "current"
    return link.resolve() if link.is_symlink() and link.resolve().is_dir() else None


def read_table(out: Path, name: str, version: Path | None) -> pa.Table:
    """One table of the folder: from ``version`` when given, else at ``OUT/<name>.parquet`` (folder or file)."""
    schema = TABLES[name]
    path = version / f"{name}.parquet" if version is not None else out / f"{name}.parquet"
    if path.is_dir():
        parts = sorted(path.glob("*.parquet"))
        tables = [conform(_read(p), schema) for p in parts]
        return pa.concat_tables(tables) if tables else schema.empty_table()
    if path.is_file():
        return conform(_read(path), schema)
    return schema.empty_table()


def conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    """A table written by this or an earlier version, in today's schema (new columns null)."""
    if table.schema.equals(schema, check_metadata=False):
        return table
    columns = []
    for f in schema:
        if f.name in table.column_names:
            columns.append(table.column(f.name).cast(f.type))
        else:
            columns.append(pa.nulls(len(table), f.type))
    return pa.Table.from_arrays(columns, schema=schema)


def carry(part: Path, target: Path, drop: set[str], update: dict[str, dict[str, object]] | None = None) -> None:
    """Bring a part of the current version into the new one: a hard link, or a copy without the ``drop`` ids
    and with the columns ``update`` gives for some ids changed (a document's plan fields, when a new rendering
    of its plan arrives)."""
    schema = TABLES[target.parent.name.removesuffix(".parquet")]
    current = pq.read_schema(part).remove_metadata().equals(schema.remove_metadata())
    ids = set(_read(part, columns=["doc_id"]).column("doc_id").to_pylist())
    if current and not ids & drop and not (update and ids & update.keys()):
        try:
            os.link(part, target)
        except OSError:
            shutil.copy2(part, target)
        return
    kept = conform(_read(part), schema)  # an earlier version's part is brought to today's columns
    if ids & drop:
        import pyarrow.compute as pc  # imported where used: a run that only adds documents never needs it

        kept = kept.filter(
            pc.invert(pc.is_in(kept.column("doc_id"), value_set=arrays.column(sorted(drop), pa.string())))
        )
    if update and ids & update.keys():
        kept = _updated(kept, update)
    if kept.num_rows:
        pq.write_table(kept, target)


def _updated(table: pa.Table, update: dict[str, dict[str, object]]) -> pa.Table:
    doc_ids = table.column("doc_id").to_pylist()
    columns = sorted({c for change in update.values() for c in change})
    for name in columns:
        values = table.column(name).to_pylist()
        new = [
            update[d][name] if d in update and name in update[d] else v for d, v in zip(doc_ids, values, strict=True)
        ]
        index = table.schema.get_field_index(name)
        table = table.set_column(
            index, table.schema.field(index), arrays.column(new, table.schema.field(index).type, name)
        )
    return table


LINK_COLUMNS = ("doc_id", "text", "owners", "timescale_raw", "measure", "status_raw", "status_colour")
"""The actions columns that linking a document's plan reads (:mod:`pipeline.plans`)."""


def actions_of(version: Path, doc_ids: set[str]) -> dict[str, Rows]:
    """The actions of some documents of a version, by ``doc_id``, with the :data:`LINK_COLUMNS` only: for
    documents an index holds without their content keys (written before plans were linked)."""
    out: dict[str, Rows] = {d: [] for d in doc_ids}
    import pyarrow.compute as pc

    ids = arrays.column(sorted(doc_ids), pa.string())
    for part in sorted((version / "actions.parquet").glob("*.parquet")):
        present = [c for c in LINK_COLUMNS if c in pq.read_schema(part).names]
        table = _read(part, columns=present)
        for row in table.filter(pc.is_in(table.column("doc_id"), value_set=ids)).to_pylist():
            out[str(row["doc_id"])].append(row)
    return out


def compact_dir(version: Path) -> None:
    for name in TABLES:
        folder = version / f"{name}.parquet"
        parts = sorted(folder.glob("*.parquet"))
        if len(parts) <= 1:
            continue
        merged = pa.concat_tables([_read(p) for p in parts])
        tmp = folder / ".merged.tmp"
        pq.write_table(merged, tmp)
        for p in parts:
            p.unlink()
        os.replace(tmp, folder / parts[-1].name)
