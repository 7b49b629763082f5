"""The output dataset: tables that grow run after run, published in one atomic step.

Layout of ``OUT``::

    documents.parquet        -> .store/current/documents.parquet   (one symlink per table, made once)
    recommendations.parquet  -> .store/current/recommendations.parquet
    actions.parquet, context_rows.parquet (likewise)
    .store/lock              held while a run writes; a second run fails at once, saying who holds it
    .store/current           -> versions/000007   (a symlink, replaced by one rename to publish)
    .store/versions/000007/<table>.parquet/part-000005.parquet, part-000007.parquet, ...
    .store/done/<key>/        documents a run finished but has not published yet (kept over a kill)

Each table is a directory of Parquet parts under the name it always had, so
``pyarrow.parquet.read_table("OUT/actions.parquet")`` and
``pandas.read_parquet("OUT/actions.parquet")`` read it as one table, and
DuckDB and polars read ``OUT/actions.parquet/*.parquet``.  A run writes its
new and changed documents as one new part per table; the other parts of the
current version are hard-linked into the new version, so adding ten plans
to ten thousand costs work for the ten.  A part that holds a document the
run replaces is rewritten without it.  The new version is built beside the
current one and published by swapping the ``current`` symlink: readers see
either the old dataset or the new one, never documents from one and actions
from the other.  Leftovers of a killed run (an unfinished version, temporary
files, versions no reader points at) are removed at the next start, under
the lock.  :func:`compact` merges a version's parts into one per table.
Files are created with the process's umask.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from pipeline.schema import TABLES

STORE = ".store"
COMPACT_AFTER = 64
"""A version with more parts than this per table is compacted as it is published."""


class StoreError(RuntimeError):
    """The output folder cannot be used; the message says why and what to do."""


class StoreBusy(StoreError):
    """Another run holds the output folder's lock."""


@dataclass
class Batch:
    """The rows one run publishes: whole documents, each with all its rows in every table."""

    rows: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {name: [] for name in TABLES})
    replaces: set[str] = field(default_factory=set)
    """``origin`` of documents whose older rows this batch replaces (or, with no new rows, removes)."""

    def add(self, tables: dict[str, list[dict[str, object]]]) -> None:
        for name in TABLES:
            self.rows[name].extend(tables.get(name, []))

    def __bool__(self) -> bool:
        return bool(self.rows["documents"] or self.replaces)


def check_out(out: Path) -> None:
    """Fail before any extraction if ``out`` cannot hold the dataset: a file, or not writable.

    (An ``out`` inside the folder being read is left out of it by :func:`pipeline.discover.discover`.)
    """
    if out.exists() and not out.is_dir():
        raise StoreError(f"--out {out} is a file, not a folder; give a folder for the dataset")
    probe = out if out.exists() else next((p for p in out.parents if p.exists()), Path("."))
    if not os.access(probe, os.W_OK | os.X_OK):
        raise StoreError(f"--out {out} is not writable ({probe} does not allow it)")


class Store:
    """An output folder, opened for writing under its lock (use as a context manager)."""

    def __init__(self, out: Path, legacy_root: Path | None = None) -> None:
        self.out = out
        self.root = out / STORE
        self.legacy_root = legacy_root
        """Where the documents of an older single-file dataset were read from (their ``origin``)."""
        self._lock_fd: int | None = None

    # --- lock and clean-up ---

    def __enter__(self) -> Store:
        check_out(self.out)
        self.root.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o666)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            holder = os.read(fd, 64).decode(errors="replace").strip() or "another process"
            os.close(fd)
            if exc.errno in (errno.EAGAIN, errno.EACCES):
                raise StoreBusy(
                    f"{self.out} is being written by another ingest (pid {holder}); "
                    "wait for it to finish, or give another --out"
                ) from None
            raise
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._lock_fd = fd
        self._migrate()
        self._clean()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._lock_fd is not None:
            with contextlib.suppress(OSError):
                os.ftruncate(self._lock_fd, 0)
            fcntl.flock(self._lock_fd, fcntl.LOCK_UN)
            os.close(self._lock_fd)
            self._lock_fd = None

    def _clean(self) -> None:
        """Remove what a killed run left: unfinished versions, temporary files, versions nobody points at."""
        versions = self.root / "versions"
        current = self.current_version()
        keep = {current.name} if current else set()
        if current is not None:
            previous = sorted(p.name for p in versions.iterdir() if p.name.isdigit() and p.name < current.name)
            keep.update(previous[-1:])  # a reader may still be reading the version before
        if versions.is_dir():
            for path in versions.iterdir():
                if path.name not in keep:
                    shutil.rmtree(path, ignore_errors=True)
        for path in self.root.glob("*.tmp"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        done = self.root / "done"
        if done.is_dir():
            for path in done.iterdir():
                if path.name.startswith("."):
                    shutil.rmtree(path, ignore_errors=True)
        for path in self.out.glob(".*.tmp"):  # temporary files of the single-file layout
            path.unlink(missing_ok=True)

    def _migrate(self) -> None:
        """Take over an output folder written as one Parquet file per table by earlier versions."""
        files = {name: self.out / f"{name}.parquet" for name in TABLES}
        old = {name: p for name, p in files.items() if p.is_file() and not p.is_symlink()}
        if not old or self.current_version() is not None:
            return
        tables = {}
        for name in TABLES:
            path = old.get(name)
            table = pq.read_table(path) if path else TABLES[name].empty_table()
            if name == "documents" and "origin" not in table.column_names:
                base = self.legacy_root.resolve() if self.legacy_root else None
                sources = table.column("source").to_pylist()
                origins = [(base / s).as_posix() if base else s for s in sources]
                table = table.append_column("origin", pa.array(origins, pa.string()))
            tables[name] = _conform(table, TABLES[name])
        self._publish_tables(tables)
        for path in old.values():
            path.unlink()
        self._link_tables()

    # --- reading ---

    def current_version(self) -> Path | None:
        link = self.root / "current"
        if not link.is_symlink():
            return None
        target = (self.root / os.readlink(link)).resolve()
        return target if target.is_dir() else None

    def read(self) -> dict[str, pa.Table]:
        """The current version's tables (empty tables when nothing is published yet)."""
        return read_tables(self.out)

    # --- checkpoints of finished documents ---

    def checkpoint(self, key: str, tables: dict[str, list[dict[str, object]]]) -> None:
        """Keep one finished document's rows, so a run killed before publishing need not redo it."""
        done = self.root / "done"
        done.mkdir(exist_ok=True)
        final = done / key
        if final.exists():
            return
        tmp = done / f".{key}.{os.getpid()}"
        tmp.mkdir(parents=True, exist_ok=True)
        for name, schema in TABLES.items():
            pq.write_table(pa.Table.from_pylist(tables.get(name, []), schema=schema), tmp / f"{name}.parquet")
        os.replace(tmp, final)

    def checkpoints(self) -> dict[str, dict[str, list[dict[str, object]]]]:
        """Documents finished but not yet published, by key."""
        done = self.root / "done"
        out: dict[str, dict[str, list[dict[str, object]]]] = {}
        if not done.is_dir():
            return out
        for path in sorted(done.iterdir()):
            if path.name.startswith(".") or not path.is_dir():
                continue
            try:
                out[path.name] = {name: pq.read_table(path / f"{name}.parquet").to_pylist() for name in TABLES}
            except (OSError, pa.ArrowInvalid):
                shutil.rmtree(path, ignore_errors=True)  # a checkpoint cut short: redo the document
        return out

    def drop_checkpoints(self, keys: Iterable[str]) -> None:
        for key in keys:
            shutil.rmtree(self.root / "done" / key, ignore_errors=True)

    # --- publishing ---

    def publish(self, batch: Batch) -> bool:
        """Publish ``batch`` as a new version; ``False`` when it changes nothing."""
        if not batch:
            self._link_tables()
            return False
        current = self.current_version()
        number = _next_number(current)
        staging = self.root / f"{number}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        drop = self._doc_ids(current, batch.replaces | {str(r["origin"]) for r in batch.rows["documents"]})
        parts = 0
        for name, schema in TABLES.items():
            target = staging / f"{name}.parquet"
            target.mkdir(parents=True)
            old_dir = current / f"{name}.parquet" if current else None
            for part in sorted(old_dir.glob("*.parquet")) if old_dir and old_dir.is_dir() else []:
                _carry(part, target / part.name, drop)
            new_rows = batch.rows[name]
            if new_rows or not any(target.glob("*.parquet")):
                # an empty table still has one (empty) part, so that readers see its columns
                table = pa.Table.from_pylist(_sorted(new_rows), schema=schema)
                pq.write_table(table, target / f"part-{number}.parquet")
            parts = max(parts, len(list(target.glob("*.parquet"))))
        if parts > COMPACT_AFTER:
            _compact_dir(staging)
        self._swap(staging, number)
        return True

    @staticmethod
    def _doc_ids(current: Path | None, origins: set[str]) -> set[str]:
        """The ids of the current version's documents read from ``origins`` (which a batch replaces)."""
        if current is None or not origins:
            return set()
        ids: set[str] = set()
        for part in (current / "documents.parquet").glob("*.parquet"):
            table = pq.read_table(part, columns=["doc_id", "origin"])
            pairs = zip(table.column("doc_id").to_pylist(), table.column("origin").to_pylist(), strict=True)
            for doc_id, origin in pairs:
                if origin in origins:
                    ids.add(doc_id)
        return ids

    def _publish_tables(self, tables: dict[str, pa.Table]) -> None:
        number = _next_number(self.current_version())
        staging = self.root / f"{number}.tmp"
        for name, table in tables.items():
            (staging / f"{name}.parquet").mkdir(parents=True, exist_ok=True)
            pq.write_table(table, staging / f"{name}.parquet" / f"part-{number}.parquet")
        self._swap(staging, number)

    def _swap(self, staging: Path, number: str) -> None:
        versions = self.root / "versions"
        versions.mkdir(exist_ok=True)
        _fsync_tree(staging)
        final = versions / number
        os.replace(staging, final)
        link = self.root / "current.tmp"
        link.unlink(missing_ok=True)
        os.symlink(f"versions/{number}", link)
        os.replace(link, self.root / "current")  # the one step that publishes
        _fsync_dir(self.root)
        self._link_tables()

    def _link_tables(self) -> None:
        """``OUT/<table>.parquet`` as links through ``current``, made once."""
        if self.current_version() is None:
            return
        for name in TABLES:
            path = self.out / f"{name}.parquet"
            want = f"{STORE}/current/{name}.parquet"
            if path.is_symlink() and os.readlink(path) == want:
                continue
            tmp = self.out / f".{name}.parquet.link.tmp"
            tmp.unlink(missing_ok=True)
            os.symlink(want, tmp)
            os.replace(tmp, path)


def compact(out: Path) -> bool:
    """Merge each table's parts into one, as a new version; ``False`` when there is nothing to merge."""
    with Store(out) as store:
        current = store.current_version()
        if current is None or all(len(list((current / f"{n}.parquet").glob("*.parquet"))) <= 1 for n in TABLES):
            return False
        number = _next_number(current)
        staging = store.root / f"{number}.tmp"
        shutil.copytree(current, staging, copy_function=os.link)
        _compact_dir(staging)
        store._swap(staging, number)
        return True


def read_tables(out: Path) -> dict[str, pa.Table]:
    """The tables of an output folder, by name: its current version, else (older layout) its single files."""
    out_tables: dict[str, pa.Table] = {}
    for name, schema in TABLES.items():
        path = out / f"{name}.parquet"
        if path.is_dir():
            parts = sorted(path.glob("*.parquet"))
            tables = [_conform(pq.read_table(p), schema) for p in parts]
            out_tables[name] = pa.concat_tables(tables) if tables else schema.empty_table()
        elif path.is_file():
            out_tables[name] = _conform(pq.read_table(path), schema)
        else:
            out_tables[name] = schema.empty_table()
    return out_tables


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
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


def _carry(part: Path, target: Path, drop: set[str]) -> None:
    """Bring a part of the current version into the new one: a hard link, or a copy without the ``drop`` ids."""
    schema = TABLES[target.parent.name.removesuffix(".parquet")]
    if not pq.read_schema(part).remove_metadata().equals(schema.remove_metadata()):
        kept = _conform(pq.read_table(part), schema)  # written by an earlier version: brought to today's columns
        if drop:
            kept = kept.filter(
                pc.invert(pc.is_in(kept.column("doc_id"), value_set=pa.array(sorted(drop), pa.string())))
            )
        if kept.num_rows:
            pq.write_table(kept, target)
        return
    if drop:
        ids = pq.read_table(part, columns=["doc_id"]).column("doc_id")
        mask = pc.invert(pc.is_in(ids, value_set=pa.array(sorted(drop), pa.string())))
        if pc.sum(mask.cast(pa.int64())).as_py() != len(ids):
            kept = pq.read_table(part).filter(mask)
            if kept.num_rows:
                pq.write_table(kept, target)
            return
    try:
        os.link(part, target)
    except OSError:
        shutil.copy2(part, target)


def _compact_dir(version: Path) -> None:
    for name in TABLES:
        folder = version / f"{name}.parquet"
        parts = sorted(folder.glob("*.parquet"))
        if len(parts) <= 1:
            continue
        merged = pa.concat_tables([pq.read_table(p) for p in parts])
        tmp = folder / ".merged.tmp"
        pq.write_table(merged, tmp)
        for p in parts:
            p.unlink()
        os.replace(tmp, folder / parts[-1].name)


def _sorted(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows in a fixed order (by document, then as extracted), so the same run gives the same files."""
    return sorted(rows, key=lambda r: str(r.get("doc_id") or ""))


def _next_number(current: Path | None) -> str:
    return f"{(int(current.name) if current else 0) + 1:06d}"


def _fsync_dir(path: Path) -> None:
    """Flush a file or folder to disk, so what a rename publishes is there after a crash."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in _walk(root):
        _fsync_dir(path)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, _dirnames, filenames in os.walk(root):
        for f in filenames:
            yield Path(dirpath) / f
        yield Path(dirpath)
