"""The output dataset: tables that grow run after run, published in one atomic step.

Layout of ``OUT``::

    documents.parquet        -> .store/current/documents.parquet   (one symlink per table, made once)
    recommendations.parquet  -> .store/current/recommendations.parquet
    actions.parquet, context_rows.parquet (likewise)
    .store/lock              held while a run writes; a second run fails at once, saying who holds it
    .store/current           -> versions/000007   (a symlink, replaced by one rename to publish)
    .store/versions/000007/<table>.parquet/part-000005.parquet, part-000007.parquet, ...
    .store/versions/000007/index.json   each document's identity, fingerprint, status and counts
    .store/done/<key>.json    documents a run finished but has not published yet (kept over a kill)
    .store/hashes.json        each file's SHA-256 by its size, times and inode (a cache: a re-run reads
                              only files whose stat changed)

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

A run decides what to read again from the version's ``index.json`` alone
(:meth:`Store.index`), without opening a Parquet file: a re-run of an
unchanged batch costs a ``stat`` of each file (:class:`pipeline.discover.Hashes`), not the reading of
the files or of the dataset.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pyarrow as pa

STORE = ".store"
TABLES = ("documents", "recommendations", "actions", "context_rows")
"""The tables, by name (their columns: :data:`pipeline.schema.TABLES`)."""
COMPACT_AFTER = 64
"""A version with more parts than this per table is compacted as it is published."""


INDEX = "index.json"
HASHES = "hashes.json"
"""Under ``.store``: the SHA-256 of each file ingested, by its stat, so an unchanged file is not read again."""
INDEXED = ("doc_id", "source", "origin", "format", "status", "message", "council", "document_date", "fingerprint")
INDEXED_COUNTS = ("n_recommendations", "n_actions")
"""The ``documents`` columns an index keeps per document: enough to tell an unchanged file and to summarise it."""
PLAN_FIELDS = ("plan_id", "plan_version", "primary")
"""Kept in the index with each document's content keys, so that linking renderings reads no Parquet."""


def schema_digest() -> str:
    """A digest of the module that defines the tables: a dataset written under another schema is read again."""
    return hashlib.sha256(Path(__file__).with_name("schema.py").read_bytes()).hexdigest()[:16]


def _index_row(row: dict[str, object], actions: list[dict[str, object]] | None = None) -> dict[str, object]:
    """A document's index entry; with its ``actions``, also the content keys and completeness its plan is
    linked by (:mod:`pipeline.plans`)."""
    entry = {k: row.get(k) for k in (*INDEXED, *INDEXED_COUNTS, *PLAN_FIELDS)}
    if isinstance(entry["document_date"], dt.date):
        entry["document_date"] = entry["document_date"].isoformat()
    if actions is not None:
        from actionplans.pipeline import plans

        entry["keys"] = plans.content_keys(str(a["text"]) for a in actions)
        entry["completeness"] = plans.completeness(actions)
    return entry


def _by_doc(rows: list[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        out.setdefault(str(row["doc_id"]), []).append(row)
    return out


def _text(value: object) -> str | None:
    return None if value is None else str(value)


def _items(value: object) -> list[object]:
    return list(value) if isinstance(value, list | tuple) else []


def _fill_keys(index: dict[str, dict[str, object]], version: Path | None) -> None:
    """Give the documents an index holds without content keys (a dataset written before plans were linked,
    or an index rebuilt from the documents table) their keys, from their actions in ``version``: read once."""
    missing = {str(e["doc_id"]): e for e in index.values() if "keys" not in e}
    if not missing or version is None:
        return
    from actionplans.pipeline import parts, plans

    for doc_id, actions in parts.actions_of(version, set(missing)).items():
        missing[doc_id]["keys"] = plans.content_keys(str(a["text"]) for a in actions)
        missing[doc_id]["completeness"] = plans.completeness(actions)


def _link_plans(index: dict[str, dict[str, object]], new: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    """Give every document of ``index`` its plan fields (in place, and on the ``new`` documents rows); the
    fields of the documents already published that changed, by ``doc_id``."""
    from actionplans.pipeline import plans

    renderings = [
        plans.Rendering(
            doc_id=str(e["doc_id"]),
            source=str(e.get("source") or ""),
            format=_text(e.get("format")),
            document_date=_text(e.get("document_date")),
            keys=frozenset(str(k) for k in _items(e.get("keys"))),
            completeness=float(str(e.get("completeness") or 0)),
            plan_id=_text(e.get("plan_id")),
            council=_text(e.get("council")),
        )
        for e in index.values()
    ]
    fields = plans.assign(renderings)
    fresh = {str(r["doc_id"]) for r in new}
    changed: dict[str, dict[str, object]] = {}
    for entry in index.values():
        row = fields[str(entry["doc_id"])].row()
        if str(entry["doc_id"]) not in fresh and any(entry.get(k) != v for k, v in row.items()):
            changed[str(entry["doc_id"])] = row
        entry.update(row)
    for document in new:
        document.update(fields[str(document["doc_id"])].row())
    return changed


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
                    _remove(path)
        for path in self.out.glob(".*.tmp"):  # temporary files of the single-file layout
            path.unlink(missing_ok=True)

    def _migrate(self) -> None:
        """Take over an output folder written as one Parquet file per table by earlier versions."""
        files = {name: self.out / f"{name}.parquet" for name in TABLES}
        old = {name: p for name, p in files.items() if p.is_file() and not p.is_symlink()}
        if not old or self.current_version() is not None:
            return
        from actionplans.pipeline import parts

        self._publish_tables(parts.single_files(old, self.legacy_root))
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

    def index(self) -> dict[str, dict[str, object]]:
        """The current version's documents by ``origin`` (the :data:`INDEXED` columns), from its index.

        Empty when nothing is published, and when the dataset was written
        under another schema, so that every document is read again.
        """
        schema, entries = self._entries()
        return entries if schema == schema_digest() else {}

    def _entries(self) -> tuple[str | None, dict[str, dict[str, object]]]:
        """The schema digest and documents of the current version's index (built from its documents table
        for a version written before indexes existed)."""
        current = self.current_version()
        if current is None:
            return None, {}
        try:
            data = json.loads((current / INDEX).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            from actionplans.pipeline import parts

            documents = parts.read_table(self.out, "documents", current).to_pylist()  # the version itself
            schema = schema_digest() if parts.current_columns(current) else None
            return schema, {str(r["origin"]): _index_row(r) for r in documents}
        return data.get("schema"), dict(data["documents"])

    def read(self) -> dict[str, pa.Table]:
        """The current version's tables (empty tables when nothing is published yet)."""
        return read_tables(self.out)

    # --- what files hashed to ---

    def hashes(self) -> dict[str, list[int | str]]:
        """The files' hashes an earlier run remembered by their stat (:class:`pipeline.discover.Hashes`); empty
        where none were kept, or the file cannot be read (a cache: every file is then hashed)."""
        try:
            data = json.loads((self.root / HASHES).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def keep_hashes(self, hashes: dict[str, list[int | str]]) -> None:
        """Remember ``hashes`` for the next run (written whole, then renamed into place)."""
        tmp = self.root / f"{HASHES}.{os.getpid()}.tmp"
        tmp.write_text(json.dumps(hashes, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, self.root / HASHES)

    # --- checkpoints of finished documents ---

    def checkpoint(self, key: str, tables: dict[str, list[dict[str, object]]]) -> None:
        """Keep one finished document's rows, so a run killed before publishing need not redo it.

        As one JSON file (``done/<key>.json``, dates tagged): a tenth of the CPU of four Parquet files, and a
        checkpoint is read back only after a kill."""
        done = self.root / "done"
        done.mkdir(exist_ok=True)
        final = done / f"{key}.json"
        if final.exists():
            return
        tmp = done / f".{key}.{os.getpid()}"
        tmp.write_text(json.dumps(_tagged(tables), ensure_ascii=False, separators=(",", ":")), "utf-8")
        os.replace(tmp, final)

    def checkpoints(self) -> dict[str, dict[str, list[dict[str, object]]]]:
        """Documents finished but not yet published, by key (a checkpoint cut short is removed: its document is
        redone).  Folders of Parquet files are checkpoints an earlier version wrote."""
        done = self.root / "done"
        out: dict[str, dict[str, list[dict[str, object]]]] = {}
        for path in sorted(done.iterdir()) if done.is_dir() else []:
            if path.name.startswith("."):
                continue
            rows: dict[str, list[dict[str, object]]] | None = None
            if path.is_dir():
                from actionplans.pipeline import parts

                rows = parts.read_rows(path)
            elif path.suffix == ".json":
                with contextlib.suppress(OSError, ValueError):
                    rows = json.loads(path.read_text("utf-8"), object_hook=_untagged)
            if isinstance(rows, dict):
                out[path.name.removesuffix(".json")] = rows
            else:
                _remove(path)
        return out

    def drop_checkpoints(self, keys: Iterable[str]) -> None:
        for key in keys:
            _remove(self.root / "done" / f"{key}.json")
            _remove(self.root / "done" / key)

    # --- publishing ---

    def publish(self, batch: Batch) -> bool:
        """Publish ``batch`` as a new version; ``False`` when it changes nothing."""
        if not batch:
            self._link_tables()
            return False
        from actionplans.pipeline import parts

        current = self.current_version()
        number = _next_number(current)
        staging = self.root / f"{number}.tmp"
        shutil.rmtree(staging, ignore_errors=True)
        gone = batch.replaces | {str(r["origin"]) for r in batch.rows["documents"]}
        _, index = self._entries()
        drop = {str(e["doc_id"]) for o, e in index.items() if o in gone}
        index = {o: e for o, e in index.items() if o not in gone}
        actions = _by_doc(batch.rows["actions"])
        index.update(
            (str(r["origin"]), _index_row(r, actions.get(str(r["doc_id"]), []))) for r in batch.rows["documents"]
        )
        _fill_keys(index, current)
        changed = _link_plans(index, batch.rows["documents"])
        most = 0
        for name in TABLES:
            target = staging / f"{name}.parquet"
            target.mkdir(parents=True)
            old_dir = current / f"{name}.parquet" if current else None
            for part in sorted(old_dir.glob("*.parquet")) if old_dir and old_dir.is_dir() else []:
                parts.carry(part, target / part.name, drop, changed if name == "documents" else None)
            new_rows = batch.rows[name]
            if new_rows or not any(target.glob("*.parquet")):
                # an empty table still has one (empty) part, so that readers see its columns
                parts.write_rows(target / f"part-{number}.parquet", name, new_rows)
            most = max(most, len(list(target.glob("*.parquet"))))
        if most > COMPACT_AFTER:
            parts.compact_dir(staging)
        _write_index(staging, index)
        self._swap(staging, number)
        return True

    def _publish_tables(self, tables: dict[str, pa.Table]) -> None:
        number = _next_number(self.current_version())
        staging = self.root / f"{number}.tmp"
        from actionplans.pipeline import arrays, parts

        documents = tables["documents"].to_pylist()
        actions = _by_doc(tables["actions"].to_pylist())
        index = {str(r["origin"]): _index_row(r, actions.get(str(r["doc_id"]), [])) for r in documents}
        _link_plans(index, documents)
        tables = {**tables, "documents": arrays.table(documents, tables["documents"].schema)}
        for name, table in tables.items():
            (staging / f"{name}.parquet").mkdir(parents=True, exist_ok=True)
            parts.write_table(table, staging / f"{name}.parquet" / f"part-{number}.parquet")
        _write_index(staging, index)
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
        fsync_path(self.root)
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


def _write_index(version: Path, documents: dict[str, dict[str, object]]) -> None:
    data = {"schema": schema_digest(), "documents": dict(sorted(documents.items()))}
    (version / INDEX).write_text(json.dumps(data, ensure_ascii=False, indent=0), encoding="utf-8")


def read_tables(out: Path) -> dict[str, pa.Table]:
    """The tables of an output folder, by name: its current version, else (older layout) its single files."""
    from actionplans.pipeline import parts

    return parts.read_tables(out)


def current_version(out: Path) -> Path | None:
    """The folder of the published version of ``out``, or ``None`` (nothing published, or the older layout)."""
    from actionplans.pipeline import parts

    return parts.current_version(out)


def read_table(out: Path, name: str, version: Path | None) -> pa.Table:
    """One table of ``out``, from ``version`` (:func:`current_version`) when given."""
    from actionplans.pipeline import parts

    return parts.read_table(out, name, version)


def compact(out: Path) -> bool:
    """Merge each table's parts into one, as a new version; ``False`` when there is nothing to merge."""
    with Store(out) as store:
        current = store.current_version()
        if current is None or all(len(list((current / f"{n}.parquet").glob("*.parquet"))) <= 1 for n in TABLES):
            return False
        number = _next_number(current)
        staging = store.root / f"{number}.tmp"
        shutil.copytree(current, staging, copy_function=os.link)
        from actionplans.pipeline import parts

        parts.compact_dir(staging)
        store._swap(staging, number)
        return True


_DATE_TAG = "$date"
"""A checkpoint's dates, as ``{"$date": "2025-03-31"}`` (JSON has none).  A row's own key that opens with "$"
(a header printed so, in ``extra``) is written with one more ("$$date"), so no map of the row is read as a
date."""


def _tagged(value: object) -> object:
    """``value`` (a row, a table's rows) with its dates tagged and its keys that open with "$" escaped."""
    if isinstance(value, dict):
        return {("$" + k if k.startswith("$") else k): _tagged(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_tagged(v) for v in value]
    if isinstance(value, dt.datetime):
        value = value.date()  # its day, as a date column takes it (pipeline.arrays, pyarrow)
    if isinstance(value, dt.date):
        return {_DATE_TAG: value.isoformat()}
    return value


def _untagged(obj: dict[str, object]) -> object:
    if len(obj) == 1 and isinstance(tag := obj.get(_DATE_TAG), str):
        with contextlib.suppress(ValueError):
            return dt.date.fromisoformat(tag)
    return {(k[1:] if k.startswith("$") else k): v for k, v in obj.items()}


def _remove(path: Path) -> None:
    """Remove a file or a folder, whichever ``path`` is, if it is there."""
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)


def _next_number(current: Path | None) -> str:
    return f"{(int(current.name) if current else 0) + 1:06d}"


def fsync_path(path: Path) -> None:
    """Flush a file or folder to disk, so what a rename publishes is there after a crash."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _fsync_tree(root: Path) -> None:
    for path in _walk(root):
        fsync_path(path)


def _walk(root: Path) -> Iterator[Path]:
    for dirpath, _dirnames, filenames in os.walk(root):
        for f in filenames:
            yield Path(dirpath) / f
        yield Path(dirpath)
