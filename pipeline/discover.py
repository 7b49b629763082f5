"""Find the documents of a batch, and read the manifest that describes them.

A manifest is a CSV with a ``file`` column (path relative to the folder, or a
bare file name) and optional ``council``, ``published`` (``YYYY``,
``YYYY-MM`` or ``YYYY-MM-DD``) and ``url`` columns.  A ``sources.csv`` inside
the folder is used when none is given.
"""

from __future__ import annotations

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from actionplans.records import PartialDate

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
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise ManifestError(f"cannot read manifest {path}: {exc.strerror}") from exc
    reader = csv.DictReader(text.splitlines())
    columns = [c.strip().lower() for c in reader.fieldnames or []]
    if "file" not in columns:
        raise ManifestError(f"manifest {path} has no 'file' column (columns found: {', '.join(columns) or 'none'})")
    warnings = [f"manifest {path.name}: column {c!r} is not used" for c in columns if c not in KNOWN_COLUMNS]
    entries: dict[str, ManifestEntry] = {}
    for number, raw in enumerate(reader, start=2):
        row = {(k or "").strip().lower(): (v or "").strip() for k, v in raw.items()}
        name = row.get("file", "")
        if not name:
            warnings.append(f"manifest {path.name} line {number}: no file named; row skipped")
            continue
        published = None
        if row.get("published"):
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


def discover(src: Path, manifest: Path | None = None) -> tuple[list[Path], Manifest]:
    """Files under ``src`` (recursively, hidden files and the manifest left out) and the manifest to use."""
    if not src.exists():
        raise FileNotFoundError(f"no such folder or file: {src}")
    if src.is_file():
        files = [src]
        root = src.parent
    else:
        root = src
        files = sorted(
            p
            for p in src.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(src).parts)
        )
    chosen = manifest if manifest is not None else (root / MANIFEST_NAME if (root / MANIFEST_NAME).is_file() else None)
    loaded = read_manifest(chosen) if chosen is not None else Manifest(entries={})
    if chosen is not None:
        files = [f for f in files if f.resolve() != chosen.resolve()]
    relative = {f.relative_to(root).as_posix() for f in files} | {f.name for f in files}
    missing = [name for name in loaded.entries if name not in relative]
    if missing:
        loaded = Manifest(
            loaded.entries,
            loaded.path,
            (*loaded.warnings, *(f"manifest lists {name}, which is not in {src}" for name in missing)),
        )
    return files, loaded


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()
