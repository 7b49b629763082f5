"""Checks on an Office file's ZIP container before a library unpacks it.

Word and Excel files are ZIP archives of XML parts.  python-docx and
openpyxl inflate the parts they read in memory, so a small file whose parts
inflate to gigabytes (a ZIP bomb, or a damaged size field) is refused here,
from the sizes the archive declares, before any part is inflated.  The
worker's memory limit (:mod:`pipeline.worker`) still stands behind this.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from actionplans.extractors.errors import CorruptDocument, TooLarge

MAX_UNPACKED = 512 * 2**20
"""Most bytes an Office file's parts may inflate to: a plan's are a few megabytes, images included."""
MAX_RATIO = 200
"""Most a part may inflate by (XML compresses about tenfold; a bomb by a thousand or more)."""


def check_package(path: Path, part: str, what: str) -> None:
    """Raise :class:`CorruptDocument` if ``path`` is no ZIP holding ``part``, :class:`TooLarge` if it would
    inflate past :data:`MAX_UNPACKED` or a part inflates more than :data:`MAX_RATIO` times."""
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise CorruptDocument(f"not a readable {what}: its ZIP container is damaged ({exc})") from exc
    if part not in {m.filename for m in members}:
        raise CorruptDocument(f"not a readable {what}: its ZIP container has no {part}")
    total = sum(m.file_size for m in members)
    if total > MAX_UNPACKED:
        raise TooLarge(
            f"its parts inflate to {total / 2**20:,.0f} MB (a plan's are a few MB; the limit is "
            f"{MAX_UNPACKED / 2**20:,.0f} MB), so it is not read"
        )
    for m in members:
        if m.file_size > 2**20 and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise TooLarge(
                f"its part {m.filename} inflates {m.file_size / max(m.compress_size, 1):,.0f} times "
                f"({m.compress_size:,} to {m.file_size:,} bytes), as only a ZIP bomb does, so it is not read"
            )
