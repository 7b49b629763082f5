"""Find the documents of a batch, and read the manifest that describes them.

A manifest is a CSV with a ``file`` column (path relative to the folder, or a
bare file name) and optional ``council``, ``published`` (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``) and ``url`` columns.  A ``sources.csv`` inside
the folder is used when none is given.
"""

from __future__ import annotations

import csv
import hashlib
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the records module is imported where a manifest gives a date: a re-run that finds nothing
    from actionplans.records import PartialDate  # new to read should not pay for it

MANIFEST_NAME = "sources.csv"
KNOWN_COLUMNS = ("file", "council", "published", "url", "title")


class ManifestError(ValueError):
    """The manifest cannot be used; the message says which row and why."""


@dataclass(frozen=True)
class ManifestEntry:
    file: str
    council: str | None = None
    published: PartialDate | None = None
    url: str | None = None
    title: str | None = None

    def fingerprint(self) -> str:
        return f"{self.council}|{self.published}|{self.url}|{self.title}"


@dataclass(frozen=True)
class Manifest:
    entries: dict[str, ManifestEntry]
    path: Path | None = None
    warnings: tuple[str, ...] = ()

    def lookup(self, relative: str) -> ManifestEntry | None:
        """The entry for a file, by its relative path, else by its name."""
        if relative in self.entries:
            return self.entries[relative]
        return self.entries.get(Path(relative).name)


def read_manifest(path: Path) -> Manifest:
    """Read a manifest CSV.  Raises :class:`ManifestError` for a file it cannot use."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ManifestError(
            f"manifest {path} line {line}: bytes that are not UTF-8 ({data[exc.start : exc.start + 4]!r}); "
            "save it as UTF-8 (in Excel: CSV UTF-8)"
        ) from None
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise ManifestError(f"manifest {path} has no 'file' column (columns found: {', '.join(columns) or 'none'})")
    warnings = [f"manifest {path.name}: column {c!r} is not used" for c in columns if c not in KNOWN_COLUMNS]
    entries: dict[str, ManifestEntry] = {}
    for number, raw in enumerate(reader, start=2):
        if None in raw:  # more cells than the header names
            extra = raw.pop(None)
            warnings.append(f"manifest {path.name} line {number}: {len(extra)} cell(s) more than the header; ignored")
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items() if isinstance(v, str | None)}
        name = row.get("file", "")
        if not name:
            warnings.append(f"manifest {path.name} line {number}: no file named; row skipped")
            continue
        published = None
        if row.get("published"):
            from actionplans.records import PartialDate

            try:
                published = PartialDate.parse(row["published"])
            except ValueError as exc:
                warnings.append(f"manifest {path.name} line {number}: {exc}; date ignored")
        entries[name.replace("\\", "/")] = ManifestEntry(
            file=name,
            council=row.get("council") or None,
            published=published,
            url=row.get("url") or None,
            title=row.get("title") or None,
        )
    return Manifest(entries=entries, path=path, warnings=tuple(warnings))


def _walk(src: Path, exclude: Path | None, warnings: list[str]) -> list[Path]:
    """Files under ``src``: hidden files and folders, the output folder and links that lead outside left out."""
    inside = src.resolve()
    skip = exclude.resolve() if exclude is not None else None
    files: list[Path] = []
    for dirpath, dirnames, filenames in os.walk(src, followlinks=False):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames if not d.startswith(".") and (skip is None or (here / d).resolve() != skip)
        )
        for name in sorted(filenames):
            path = here / name
            if name.startswith("."):
                continue
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(inside):
                    warnings.append(f"{path.relative_to(src)} links to {target}, outside {src}: not read")
                    continue
                if not target.is_file():
                    continue
            files.append(path)
    return sorted(files)


def discover(src: Path, manifest: Path | None = None, exclude: Path | None = None) -> tuple[list[Path], Manifest]:
    """Files under ``src`` (recursively) and the manifest to use.

    Hidden files, the manifest itself, the folder ``exclude`` (the output, if
    it sits inside ``src``) and symbolic links that lead outside ``src`` are
    left out; each link left out is named in the manifest's warnings.
    """
    if not src.exists():
        raise FileNotFoundError(f"no such folder or file: {src}")
    warnings: list[str] = []
    if src.is_file():
        files = [src]
        root = src.parent
    else:
        root = src
        files = _walk(src, exclude, warnings)
    chosen = manifest if manifest is not None else (root / MANIFEST_NAME if (root / MANIFEST_NAME).is_file() else None)
    loaded = read_manifest(chosen) if chosen is not None else Manifest(entries={})
    if chosen is not None:
        files = [f for f in files if f.resolve() != chosen.resolve()]
    relative = {f.relative_to(root).as_posix() for f in files} | {f.name for f in files}
    missing = [name for name in loaded.entries if name not in relative]
    warnings += [f"manifest lists {name}, which is not in {src}" for name in missing]
    if warnings:
        loaded = Manifest(loaded.entries, loaded.path, (*loaded.warnings, *warnings))
    return files, loaded


def sha256_of(path: Path) -> str:
    """The SHA-256 of the file's bytes, read a megabyte at a time."""
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


RACY_SECONDS = 2
"""A file changed this close to (or after) the moment it was hashed is hashed again next time, whatever its
stat says: a file system may keep times to a second or two, so a second write so soon may leave them as
they were."""


@dataclass
class Hashes:
    """SHA-256 of files remembered by their stat, so that a re-run reads only the files that changed.

    A file whose size, modification and change times, inode and device are
    those it had when it was hashed, and which had not changed in the
    :data:`RACY_SECONDS` before, is not read again (``git`` trusts its index the same way).  Rewriting a
    file, even to the same size with its old modification time put back, changes its change time, which no
    one can set.  ``known``: what an earlier run remembered, by a file's ``origin``; ``seen``: this run's.
    """

    known: dict[str, list[int | str]]
    seen: dict[str, list[int | str]] = field(default_factory=dict)
    trust: bool = True
    """``False`` (``--force``): every file is read again, what is known only kept for other folders."""

    def sha256(self, path: Path, origin: str) -> str:
        """The file's SHA-256, remembered or read; raises ``OSError`` if it cannot be read."""
        st = path.stat()
        stamp: list[int | str] = [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino, st.st_dev]
        old = self.known.get(origin) if self.trust else None
        changed = max(st.st_mtime_ns, st.st_ctime_ns)
        if old is not None and _entry(old) and old[:5] == stamp and changed + RACY_SECONDS * 10**9 <= int(old[5]):
            self.seen[origin] = old
            return str(old[6])
        checked = time.time_ns()  # before reading: a write while it is read is later than this
        sha = sha256_of(path)
        self.seen[origin] = [*stamp, checked, sha]
        return sha

    def kept(self, root: Path) -> dict[str, list[int | str]]:
        """What to remember after a run over ``root``: this run's files, and those of other folders (a file of
        ``root`` the run did not see is gone, or left out, and is forgotten)."""
        under = root.resolve().as_posix().rstrip("/") + "/"
        others = {o: e for o, e in self.known.items() if _entry(e) and not o.startswith(under)}
        return {**others, **self.seen}


def _entry(value: object) -> bool:
    """Whether a remembered entry has the shape :class:`Hashes` writes (a cache someone edited is ignored)."""
    return (
        isinstance(value, list)
        and len(value) == 7
        and all(isinstance(v, int) and not isinstance(v, bool) for v in value[:6])
        and isinstance(value[6], str)
    )
