"""Download the plans a manifest lists by URL into a folder that ``actionplans ingest`` then reads.

:func:`fetch` is given a manifest CSV (the format of :mod:`pipeline.discover`:
a ``file`` column and optional ``council``, ``published``, ``url`` and
``title``) and a folder.  Each row with a ``url`` is downloaded into the folder
under its ``file`` name (a relative path; when empty, a name is made from the
URL), and the rows are merged, by ``file``, into the folder's ``sources.csv``,
so that ``actionplans ingest FOLDER`` reads each plan with its council, date
and URL.

What was fetched is recorded per URL in ``FOLDER/.actionplans-fetch.json``
(file, ETag, Last-Modified, sha256, size, content type, times, last status
and message).  Discovery skips names that start with a dot, so ingest never
reads the state file, the lock file or a download in progress.  The next run
sends ``If-None-Match`` / ``If-Modified-Since`` for a URL whose file is still
as it was downloaded; a ``304`` leaves the file untouched.

A download is streamed into a hidden temporary file beside its target,
flushed to disk, checked (size, limit, type) and only then renamed over the
target: a failed download never replaces a file, and leaves the URL's
recorded ETag, hash and size as they were.  Every failure is recorded in the
state file and in the summary, and the run goes on with the next row.
"""

from __future__ import annotations

import contextlib
import csv
import email.utils
import errno
import fcntl
import hashlib
import io
import json
import os
import re
import secrets
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, fields, replace
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import TYPE_CHECKING, Literal
from urllib.parse import unquote, urlsplit

import click

from actionplans import __version__
from actionplans.pipeline.discover import KNOWN_COLUMNS, MANIFEST_NAME, ManifestError, sha256_of
from actionplans.pipeline.store import fsync_path
from actionplans.records import PartialDate

if TYPE_CHECKING:  # httpx is imported where a download starts, so that the other commands start fast
    import httpx

STATE_NAME = ".actionplans-fetch.json"
LOCK_NAME = ".actionplans-fetch.lock"
STATE_VERSION = 1
USER_AGENT = f"actionplans/{__version__} (downloader of council action plans; python-httpx/{version('httpx')})"

DEFAULT_DELAY = 1.0
"""Seconds between the end of one request and the start of the next to the same host."""
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
"""The first wait before a retry, in seconds; it doubles at each retry."""
DEFAULT_MAX_WAIT = 60.0
"""The longest wait before a retry, whatever the back-off or the server's Retry-After asks."""
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_TIMEOUT = 30.0
"""Seconds to connect, and to wait for each piece of the response."""

_CHUNK = 1 << 16
_SNIFF = 1024  # a PDF's "%PDF-" may come after up to 1 KB of junk (PDF 1.7, annex H)

Family = Literal["pdf", "word", "sheet", "html", "text", "binary"]

# Content types a downloaded plan may have, with their family and usual suffix (for names made from a URL).
# Word, Excel and OpenDocument files are kept, though ingest does not read them yet: they are plans,
# and a reader for them will come; images, video, archives and the like are refused.
CONTENT_TYPES: dict[str, tuple[Family, str]] = {
    "application/pdf": ("pdf", ".pdf"),
    "application/x-pdf": ("pdf", ".pdf"),
    "application/msword": ("word", ".doc"),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ("word", ".docx"),
    "application/vnd.oasis.opendocument.text": ("word", ".odt"),
    "application/rtf": ("word", ".rtf"),
    "text/rtf": ("word", ".rtf"),
    "application/vnd.ms-excel": ("sheet", ".xls"),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ("sheet", ".xlsx"),
    "application/vnd.oasis.opendocument.spreadsheet": ("sheet", ".ods"),
    "text/html": ("html", ".html"),
    "application/xhtml+xml": ("html", ".html"),
    "text/plain": ("text", ".txt"),
    "text/csv": ("text", ".csv"),
    "application/csv": ("text", ".csv"),
    "application/octet-stream": ("binary", ""),
    "binary/octet-stream": ("binary", ""),
}
SUFFIX_FAMILIES: dict[str, Family] = {
    ".pdf": "pdf",
    ".doc": "word",
    ".docx": "word",
    ".odt": "word",
    ".rtf": "word",
    ".xls": "sheet",
    ".xlsx": "sheet",
    ".ods": "sheet",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".txt": "text",
    ".text": "text",
    ".csv": "text",
    ".md": "text",
}
ACCEPTED = "PDF, Word, Excel, OpenDocument, RTF, HTML, text, CSV or application/octet-stream"

Status = Literal["downloaded", "unchanged", "failed"]
Progress = Callable[[int, int, str], None]
"""Called as ``progress(done, total, url)`` after each URL."""


class FetchError(Exception):
    """The run cannot start (the folder is not usable, or another fetch is writing into it)."""


@dataclass(frozen=True)
class ManifestRow:
    """One row of the manifest, its cells as written (stripped)."""

    line: int
    file: str
    url: str
    council: str = ""
    published: str = ""
    title: str = ""


@dataclass(frozen=True)
class StateEntry:
    """What the state file records for one URL.

    ``etag`` to ``fetched_at`` describe the last successful download and are
    left as they were by a failure; ``checked_at``, ``status``, ``http_status``
    and ``message`` describe the last attempt, whatever its outcome.
    """

    file: str | None
    etag: str | None = None
    last_modified: str | None = None
    sha256: str | None = None
    size: int | None = None
    content_type: str | None = None
    fetched_at: str | None = None
    final_url: str | None = None
    checked_at: str | None = None
    status: Status | None = None
    http_status: int | None = None
    message: str = ""


@dataclass(frozen=True)
class RowResult:
    line: int
    url: str
    file: str | None
    """The path in the folder, relative to it (``None`` when no name could be given)."""
    status: Status
    message: str
    http_status: int | None = None
    size: int | None = None


@dataclass(frozen=True)
class FetchSummary:
    results: tuple[RowResult, ...]
    into: Path
    warnings: tuple[str, ...] = ()
    sources_written: bool = False
    seconds: float = 0.0

    def _with(self, status: Status) -> tuple[RowResult, ...]:
        return tuple(r for r in self.results if r.status == status)

    @property
    def downloaded(self) -> tuple[RowResult, ...]:
        return self._with("downloaded")

    @property
    def unchanged(self) -> tuple[RowResult, ...]:
        return self._with("unchanged")

    @property
    def failed(self) -> tuple[RowResult, ...]:
        return self._with("failed")

    @property
    def exit_code(self) -> int:
        """0 when every URL was downloaded or unchanged, 1 when any failed."""
        return 1 if self.failed else 0

    def line(self) -> str:
        sources = self.into / MANIFEST_NAME
        wrote = f"updated {sources}" if self.sources_written else f"{sources} not changed"
        return (
            f"{len(self.downloaded)} downloaded, {len(self.unchanged)} unchanged, {len(self.failed)} failed; "
            f"{wrote} in {self.seconds:.1f}s"
        )


@dataclass(frozen=True)
class _Options:
    delay: float
    retries: int
    backoff: float
    max_wait: float
    max_bytes: int
    timeout: float | None


class _Fail(Exception):
    """This row failed, and trying again would not help."""

    def __init__(self, message: str, http_status: int | None = None) -> None:
        super().__init__(message)
        self.http_status = http_status


class _Retry(_Fail):
    """This attempt failed in a way that may pass: a connection error, a timeout, 429 or 5xx."""

    def __init__(self, message: str, http_status: int | None = None, retry_after: float | None = None) -> None:
        super().__init__(message, http_status)
        self.retry_after = retry_after


@dataclass(frozen=True)
class _Outcome:
    status: Literal["downloaded", "unchanged"]
    file: str
    message: str
    entry: StateEntry
    http_status: int


# Module globals so that tests can watch the waits instead of sitting through them.
_sleep = time.sleep
_clock = time.monotonic


def fetch(
    manifest: Path,
    into: Path,
    *,
    delay: float = DEFAULT_DELAY,
    retries: int = DEFAULT_RETRIES,
    backoff: float = DEFAULT_BACKOFF,
    max_wait: float = DEFAULT_MAX_WAIT,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout: float | None = None,
    client: httpx.Client | None = None,
    progress: Progress | None = None,
) -> FetchSummary:
    """Download every URL of ``manifest`` into ``into`` and merge the rows into ``into/sources.csv``.

    ``delay`` is the pause between requests to the same host; ``retries`` how
    many times a connection error, timeout, 429 or 5xx is retried, after
    ``backoff`` seconds doubling each time (or the server's Retry-After),
    never more than ``max_wait``; ``max_bytes`` the largest file kept;
    ``timeout`` the seconds to connect and to wait for each read (default
    30 s, or the client's own when ``client`` is given).  A given ``client``
    is used as it is (redirects are followed) and not closed.

    Raises :class:`~pipeline.discover.ManifestError` for a manifest (or an
    existing ``sources.csv``) that cannot be used and :class:`FetchError`
    when ``into`` cannot be written; a failure of one row is recorded in the
    returned summary and the state file, never raised.
    """
    started = _clock()
    if (
        delay < 0
        or retries < 0
        or backoff < 0
        or max_wait < 0
        or max_bytes < 1
        or (timeout is not None and timeout <= 0)
    ):
        raise ValueError(
            f"delay, retries, backoff and max_wait must be >= 0, max_bytes >= 1 and timeout > 0 "
            f"(got delay={delay}, retries={retries}, backoff={backoff}, max_wait={max_wait}, "
            f"max_bytes={max_bytes}, timeout={timeout})"
        )
    options = _Options(delay, retries, backoff, max_wait, max_bytes, timeout)
    rows, warnings = read_fetch_manifest(manifest)
    if into.exists() and not into.is_dir():
        raise FetchError(f"{into} is not a folder")
    try:
        into.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FetchError(f"cannot create folder {into}: {exc.strerror}") from exc
    sources_path = into / MANIFEST_NAME
    results: list[RowResult] = []
    with _locked(into):
        existing = _read_csv(sources_path, "sources file") if sources_path.is_file() else None
        state_path = into / STATE_NAME
        state = _load_state(state_path, warnings)
        jobs = _plan(rows, state, into)
        own = client is None
        import httpx

        http = client or httpx.Client(
            headers={"User-Agent": USER_AGENT},
            timeout=httpx.Timeout(timeout or DEFAULT_TIMEOUT),
            follow_redirects=True,
            max_redirects=10,
        )
        pacer = _Pacer(delay)
        taken = _taken_names(jobs, state)
        try:
            for done, (row, target) in enumerate(jobs, start=1):
                result, entry = _run_row(http, row, target, state.get(row.url), options, pacer, into, taken)
                results.append(result)
                if entry is not None:
                    state[row.url] = entry
                    _save_state(state_path, state)
                if progress is not None:
                    progress(done, len(jobs), row.url)
        finally:
            if own:
                http.close()
        kept = [
            (row, r.file)
            for (row, _), r in zip(jobs, results, strict=True)
            if r.file is not None and (into / r.file).is_file()
        ]
        kept += [(row, row.file) for row in _local_rows(rows, into, warnings)]
        wrote = _merge_sources(sources_path, existing, kept)
    return FetchSummary(
        results=tuple(results),
        into=into,
        warnings=tuple(warnings),
        sources_written=wrote,
        seconds=_clock() - started,
    )


# --- the manifest ---


def read_fetch_manifest(path: Path) -> tuple[list[ManifestRow], list[str]]:
    """The rows of a manifest that have a ``url``, and warnings about the rest.

    Needs a ``url`` column; ``file`` may be missing or empty (a name is then
    made from the URL).  Raises :class:`ManifestError` for a file it cannot use.
    """
    columns, raw_rows, warnings = _read_csv(path, "manifest")
    if "url" not in columns:
        raise ManifestError(
            f"manifest {path} has no 'url' column, so there is nothing to fetch "
            f"(columns found: {', '.join(c for c in columns if c) or 'none'})"
        )
    warnings += [f"manifest {path.name}: column {c!r} is not used" for c in columns if c and c not in KNOWN_COLUMNS]
    rows: list[ManifestRow] = []
    for line, cells in raw_rows:
        published = cells.get("published", "")
        if published:
            try:
                PartialDate.parse(published)
            except ValueError as exc:
                warnings.append(f"manifest {path.name} line {line}: {exc}; ingest will ignore the date")
        rows.append(
            ManifestRow(
                line=line,
                file=cells.get("file", ""),
                url=cells.get("url", ""),
                council=cells.get("council", ""),
                published=published,
                title=cells.get("title", ""),
            )
        )
    return rows, warnings


def _read_csv(path: Path, what: str) -> tuple[list[str], list[tuple[int, dict[str, str]]], list[str]]:
    """A CSV's column names (lower case), its non-blank rows with their line numbers, and warnings."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise ManifestError(f"cannot read {what} {path}: {exc.strerror}") from exc
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ManifestError(
            f"{what} {path} line {line}: bytes that are not UTF-8 ({data[exc.start : exc.start + 4]!r}); "
            "save it as UTF-8 (in Excel: CSV UTF-8)"
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = [c.strip().lower() for c in next(reader, [])]
        rows: list[tuple[int, dict[str, str]]] = []
        warnings: list[str] = []
        for cells in reader:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) > len(columns):
                warnings.append(
                    f"{what} {path.name} line {reader.line_num}: {len(cells) - len(columns)} cell(s) "
                    "more than the header; ignored"
                )
            rows.append(
                (reader.line_num, {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns) if c})
            )
    except csv.Error as exc:
        raise ManifestError(f"{what} {path} line {reader.line_num}: {exc}") from None
    if what != "manifest" and "file" not in columns:
        raise ManifestError(f"{what} {path} has no 'file' column (columns found: {', '.join(columns) or 'none'})")
    return columns, rows, warnings


def safe_relative(name: str) -> str:
    """``name`` as a safe path inside the folder (``/``-separated), or :class:`ValueError` saying why not.

    Refuses absolute paths, drive letters, ``..``, control characters, hidden
    names (ingest skips them) and ``sources.csv`` (fetch writes it).
    """
    raw = name.strip().replace("\\", "/")
    if not raw:
        raise ValueError("the file name is empty")
    if any(ord(c) < 32 for c in raw):
        raise ValueError(f"file {name!r} contains control characters")
    if raw.startswith("/") or re.match(r"[A-Za-z]:", raw):
        raise ValueError(f"file {name!r} is an absolute path; give a path relative to the folder")
    parts = [p for p in raw.split("/") if p not in ("", ".")]
    if ".." in parts:
        raise ValueError(f"file {name!r} leads outside the folder ('..'); give a path inside it")
    if not parts:
        raise ValueError(f"file {name!r} names no file")
    if any(p.startswith(".") for p in parts):
        raise ValueError(f"file {name!r} is hidden (a name starting with '.'), and ingest does not read hidden files")
    relative = "/".join(parts)
    if relative.lower() == MANIFEST_NAME:
        raise ValueError(f"file {name!r} would overwrite the {MANIFEST_NAME} that fetch writes")
    return relative


def name_from_url(url: str) -> tuple[str, str]:
    """A safe file name made from a URL, as ``(stem, suffix)``; ``suffix`` is empty unless it is a document's.

    ``https://example.gov.uk/media/Action%20Plan%20(2024).pdf`` -> ``("Action-Plan-2024", ".pdf")``;
    ``https://example.gov.uk/downloads/file/1234/action-plan`` -> ``("action-plan", "")``: council sites
    often serve documents from such paths, and the suffix then comes from the content type.
    """
    parts = urlsplit(url)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    stem, suffix = os.path.splitext(segment)
    if suffix.lower() not in SUFFIX_FAMILIES:
        stem, suffix = segment, ""
    if parts.query:
        stem = f"{stem}-{unquote(parts.query)}"
    clean = re.sub(r"[^A-Za-z0-9._-]+", "-", stem).strip("-._")[:120]
    if not clean:
        clean = re.sub(r"[^A-Za-z0-9._-]+", "-", parts.hostname or "download").strip("-._") or "download"
    return clean, suffix.lower()


class _Duplicate(ValueError):
    """A row whose URL an earlier row has: failed, but not recorded (the URL's state is the earlier row's)."""


def _plan(
    rows: list[ManifestRow], state: dict[str, StateEntry], into: Path
) -> list[tuple[ManifestRow, str | ValueError | None]]:
    """Each row with a URL and its target: a safe relative path, ``None`` (named after the response) or the error."""
    jobs: list[tuple[ManifestRow, str | ValueError | None]] = []
    urls: dict[str, int] = {}
    files: dict[str, int] = {}
    root = into.resolve()
    for row in rows:
        if not row.url:
            continue
        target: str | ValueError | None
        try:
            if row.url in urls:
                raise _Duplicate(f"the same URL as line {urls[row.url]}")
            urls[row.url] = row.line
            scheme = urlsplit(row.url).scheme.lower()
            if scheme not in ("http", "https") or not urlsplit(row.url).hostname:
                raise ValueError(f"only http and https URLs are fetched (got {row.url!r})")
            if row.file:
                target = safe_relative(row.file)
            else:
                previous = state.get(row.url)
                target = previous.file if previous is not None and previous.file else None
            if target is not None:
                key = target.lower()
                if key in files:
                    raise ValueError(f"file {target!r} is also the target of line {files[key]}")
                files[key] = row.line
                path = into / target
                if not path.resolve().is_relative_to(root):
                    raise ValueError(f"file {target!r} leads outside {into} (through a symbolic link)")
                if path.is_dir():
                    raise ValueError(f"file {target!r} is a folder in {into}")
        except ValueError as exc:
            target = exc
        jobs.append((row, target))
    return jobs


def _taken_names(jobs: list[tuple[ManifestRow, str | ValueError | None]], state: dict[str, StateEntry]) -> set[str]:
    """Names (lower case) that a name made from a URL must not take."""
    taken = {MANIFEST_NAME}
    taken |= {t.lower() for _, t in jobs if isinstance(t, str)}
    taken |= {e.file.lower() for e in state.values() if e.file}
    return taken


def _local_rows(rows: list[ManifestRow], into: Path, warnings: list[str]) -> list[ManifestRow]:
    """Rows without a URL whose file is in the folder already: they go into ``sources.csv`` too."""
    local: list[ManifestRow] = []
    for row in rows:
        if row.url:
            continue
        try:
            name = safe_relative(row.file)
        except ValueError as exc:
            warnings.append(f"manifest line {row.line}: no url, and {exc}; row skipped")
            continue
        if (into / name).is_file():
            local.append(replace(row, file=name))
        else:
            warnings.append(f"manifest line {row.line}: no url, and {name} is not in {into}; row skipped")
    return local


# --- one row ---


def _run_row(
    http: httpx.Client,
    row: ManifestRow,
    target: str | ValueError | None,
    previous: StateEntry | None,
    options: _Options,
    pacer: _Pacer,
    into: Path,
    taken: set[str],
) -> tuple[RowResult, StateEntry | None]:
    """Fetch one row: its result, and the state entry to record (``None`` for a URL not to record)."""
    now = _now()
    if isinstance(target, ValueError):
        result = RowResult(row.line, row.url, None, "failed", str(target))
        if isinstance(target, _Duplicate):
            return result, None
        entry = previous or StateEntry(file=None)
        return result, replace(entry, checked_at=now, status="failed", http_status=None, message=str(target))
    try:
        outcome = _download_with_retries(http, row.url, target, previous, options, pacer, into, taken)
    except _Fail as exc:
        message = str(exc)
        entry = previous or StateEntry(file=target)
        failed = replace(entry, checked_at=now, status="failed", http_status=exc.http_status, message=message)
        return RowResult(row.line, row.url, target, "failed", message, exc.http_status), failed
    entry = outcome.entry
    result = RowResult(
        row.line, row.url, outcome.file, outcome.status, outcome.message, outcome.http_status, entry.size
    )
    return result, entry


def _download_with_retries(
    http: httpx.Client,
    url: str,
    target: str | None,
    previous: StateEntry | None,
    options: _Options,
    pacer: _Pacer,
    into: Path,
    taken: set[str],
) -> _Outcome:
    conditional = (
        previous is not None and target is not None and previous.file == target and _intact(into / target, previous)
    )
    headers: dict[str, str] = {}
    if http.headers.get("user-agent", "").startswith("python-httpx/"):
        headers["User-Agent"] = USER_AGENT
    if conditional and previous is not None:
        if previous.etag:
            headers["If-None-Match"] = previous.etag
        if previous.last_modified:
            headers["If-Modified-Since"] = previous.last_modified
    host = (urlsplit(url).hostname or "").lower()
    attempts = options.retries + 1
    for attempt in range(attempts):
        pacer.wait(host)
        try:
            return _attempt(http, url, target, headers, conditional, previous, options, into, taken)
        except _Retry as exc:
            error = exc
        finally:
            pacer.done(host)
        if attempt + 1 == attempts:
            tries = f" (after {attempts} attempts)" if attempts > 1 else ""
            raise _Fail(f"{error}{tries}", error.http_status)
        wait = error.retry_after if error.retry_after is not None else options.backoff * 2**attempt
        _sleep(min(wait, options.max_wait))
    raise AssertionError("unreachable")  # the loop returns or raises


def _attempt(
    http: httpx.Client,
    url: str,
    target: str | None,
    headers: dict[str, str],
    conditional: bool,
    previous: StateEntry | None,
    options: _Options,
    into: Path,
    taken: set[str],
) -> _Outcome:
    import httpx

    request = (
        http.stream("GET", url, headers=headers, follow_redirects=True)
        if options.timeout is None
        else http.stream("GET", url, headers=headers, follow_redirects=True, timeout=httpx.Timeout(options.timeout))
    )
    try:
        with request as response:
            return _receive(response, url, target, conditional, previous, options, into, taken)
    except httpx.TimeoutException as exc:
        raise _Retry(f"timed out ({type(exc).__name__})") from None
    except (httpx.UnsupportedProtocol, httpx.TooManyRedirects, httpx.InvalidURL, httpx.DecodingError) as exc:
        raise _Fail(f"{type(exc).__name__}: {exc}") from None
    except httpx.TransportError as exc:
        raise _Retry(f"{type(exc).__name__}: {str(exc) or 'connection failed'}") from None
    except OSError as exc:  # the disk, not the network: a full disk, a read-only folder
        raise _Fail(f"cannot write into {into}: {exc.strerror or exc}") from None


def _receive(
    response: httpx.Response,
    url: str,
    target: str | None,
    conditional: bool,
    previous: StateEntry | None,
    options: _Options,
    into: Path,
    taken: set[str],
) -> _Outcome:
    status = response.status_code
    final_url = str(response.url)
    etag = response.headers.get("etag")
    last_modified = response.headers.get("last-modified")
    if status == 304:
        if not conditional or previous is None or target is None:
            raise _Fail("HTTP 304 Not Modified to a request that was not conditional", status)
        entry = replace(
            previous,
            etag=etag or previous.etag,
            last_modified=last_modified or previous.last_modified,
            checked_at=_now(),
            status="unchanged",
            http_status=status,
            message="HTTP 304 Not Modified",
        )
        return _Outcome("unchanged", target, entry.message, entry, status)
    if status == 429 or status >= 500:
        raise _Retry(f"HTTP {status} {response.reason_phrase}".rstrip(), status, _retry_after(response.headers))
    if status != 200:
        raise _Fail(f"HTTP {status} {response.reason_phrase}".rstrip(), status)

    content_type = response.headers.get("content-type", "")
    media = content_type.split(";", 1)[0].strip().lower() or "application/octet-stream"
    known = _family_of(media)
    if known is None:
        raise _Fail(f"content type {media} is not a document this tool keeps (accepted: {ACCEPTED})", status)
    family, type_suffix = known
    notes: list[str] = []
    if target is not None:
        expected = SUFFIX_FAMILIES.get(Path(target).suffix.lower())
        if family == "html" and expected in ("pdf", "word", "sheet"):
            raise _Fail(
                f"the server sent an HTML page ({media}) for {target}: "
                "probably a login, cookie or error page; not saved",
                status,
            )
        if expected is not None and family not in ("binary", expected):
            notes.append(f"served as {media}, but the name ends in {Path(target).suffix}")
    length = _content_length(response)
    if length is not None and length > options.max_bytes:
        raise _Fail(f"{length} bytes (Content-Length) is more than the limit of {_size(options.max_bytes)}", status)

    folder = (into / target).parent if target is not None else into
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _Fail(f"cannot create folder {folder}: {exc.strerror}", status) from None
    temp = folder / f".{Path(target or 'download').name}.{secrets.token_hex(6)}.part"
    try:
        digest, size, head = _stream_to(response, temp, options.max_bytes, length)
        if size == 0:
            raise _Fail("the response is empty; not saved", status)
        if target is None:
            target = _unique_name(url, type_suffix or (".pdf" if b"%PDF-" in head else ""), into, taken)
            taken.add(target.lower())
        if Path(target).suffix.lower() == ".pdf" and b"%PDF-" not in head:
            raise _Fail(f"{target} is not a PDF (it starts {head[:24]!r}); not saved", status)
        if not Path(target).suffix:
            notes.append("the name has no suffix, so ingest will not know its format")
        path = into / target
        outcome: Literal["downloaded", "unchanged"]
        if path.is_file() and path.stat().st_size == size and sha256_of(path) == digest:
            # The server ignored the conditional request (or there was none): leave the file as it is.
            outcome, message = "unchanged", "content unchanged (the server sent it again)"
        else:
            os.replace(temp, path)
            fsync_path(folder)
            outcome, message = "downloaded", "downloaded"
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    entry = StateEntry(
        file=target,
        etag=etag,
        last_modified=last_modified,
        sha256=digest,
        size=size,
        content_type=content_type or None,
        fetched_at=_now(),
        final_url=final_url if final_url != url else None,
        checked_at=_now(),
        status=outcome,
        http_status=status,
        message="; ".join([message, *notes]),
    )
    return _Outcome(outcome, target, entry.message, entry, status)


def _stream_to(response: httpx.Response, temp: Path, max_bytes: int, length: int | None) -> tuple[str, int, bytes]:
    """Write the body into ``temp`` (new, umask permissions), flushed to disk: its sha256, size and first bytes."""
    digest = hashlib.sha256()
    size = 0
    head = b""
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    with os.fdopen(fd, "wb") as out:
        for chunk in response.iter_bytes(_CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise _Fail(f"more than the limit of {_size(max_bytes)} (download stopped)", response.status_code)
            if len(head) < _SNIFF:
                head += chunk[: _SNIFF - len(head)]
            digest.update(chunk)
            out.write(chunk)
        out.flush()
        os.fsync(out.fileno())
    if length is not None and response.num_bytes_downloaded != length:
        raise _Retry(
            f"the connection closed after {response.num_bytes_downloaded} of {length} bytes", response.status_code
        )
    if temp.stat().st_size != size:
        raise _Fail(f"wrote {temp.stat().st_size} bytes to disk, expected {size}", response.status_code)
    return digest.hexdigest(), size, head


def _family_of(media: str) -> tuple[Family, str] | None:
    """The family and usual suffix of a content type, or ``None`` for one that is refused."""
    if media in CONTENT_TYPES:
        return CONTENT_TYPES[media]
    if media.startswith("text/"):
        return "text", ".txt"
    return None


def _unique_name(url: str, suffix: str, into: Path, taken: set[str]) -> str:
    """A name made from ``url`` that no other row, recorded URL or existing file has."""
    stem, url_suffix = name_from_url(url)
    suffix = url_suffix or suffix
    for n in range(1, 10_000):
        name = f"{stem}{'' if n == 1 else f'-{n}'}{suffix}"
        if name.lower() not in taken and not (into / name).exists():
            return name
    raise _Fail(f"no free file name for {stem}{suffix} in {into}")


def _intact(path: Path, entry: StateEntry) -> bool:
    """Whether ``path`` is still the file that was downloaded (same size and sha256)."""
    try:
        if entry.sha256 is None or entry.size is None or path.stat().st_size != entry.size:
            return False
        return sha256_of(path) == entry.sha256
    except OSError:
        return False


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None or "content-encoding" in response.headers:
        return None  # with gzip, Content-Length counts the compressed bytes; the body is checked as it comes
    try:
        return int(value)
    except ValueError:
        return None


def _retry_after(headers: httpx.Headers) -> float | None:
    """Seconds the server asks to wait (``Retry-After: 120`` or an HTTP date), else ``None``."""
    value = headers.get("retry-after", "").strip()
    if not value:
        return None
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _Pacer:
    """Keeps ``delay`` seconds between the end of one request to a host and the start of the next."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        if self.delay > 0 and host in self.last:
            remaining = self.last[host] + self.delay - _clock()
            if remaining > 0:
                _sleep(remaining)

    def done(self, host: str) -> None:
        self.last[host] = _clock()


# --- the state file and sources.csv ---


def read_state(into: Path) -> dict[str, StateEntry]:
    """The state file of a folder, by URL (empty when there is none)."""
    return _load_state(into / STATE_NAME, [])


def _load_state(path: Path, warnings: list[str]) -> dict[str, StateEntry]:
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        urls = data["urls"]
        if not isinstance(urls, dict):
            raise TypeError("'urls' is not an object")
    except (OSError, ValueError, KeyError, TypeError) as exc:
        warnings.append(f"state file {path} cannot be read ({exc}); every URL is downloaded again")
        return {}
    names = {f.name for f in fields(StateEntry)}
    state: dict[str, StateEntry] = {}
    for url, raw in urls.items():
        try:
            state[url] = StateEntry(**{k: v for k, v in raw.items() if k in names})
        except TypeError:
            warnings.append(f"state file {path}: the entry for {url} cannot be read; it is downloaded again")
    return state


def _save_state(path: Path, state: dict[str, StateEntry]) -> None:
    data = {"version": STATE_VERSION, "urls": {url: asdict(e) for url, e in sorted(state.items())}}
    _write_atomic(path, (json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode())


def _merge_sources(
    path: Path,
    existing: tuple[list[str], list[tuple[int, dict[str, str]]], list[str]] | None,
    kept: list[tuple[ManifestRow, str]],
) -> bool:
    """Merge the rows into ``sources.csv`` by ``file``: new non-empty cells win, other rows and columns stay."""
    columns = list(KNOWN_COLUMNS)
    rows: list[dict[str, str]] = []
    if existing is not None:
        columns += [c for c in existing[0] if c and c not in columns]
        rows = [cells for _, cells in existing[1]]
    before = [dict(r) for r in rows]
    by_file = {r.get("file", "").replace("\\", "/"): r for r in rows if r.get("file")}
    for row, name in kept:
        cells = {"file": name, "council": row.council, "published": row.published, "url": row.url, "title": row.title}
        found = by_file.get(name)
        if found is None:
            found = next((r for r in rows if not r.get("file") and row.url and r.get("url") == row.url), None)
        if found is None:
            found = {}
            rows.append(found)
            by_file[name] = found
        found.update({k: v for k, v in cells.items() if v})
    if existing is not None and rows == before:
        return False
    if not rows:
        return False
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    writer.writerows([r.get(c, "") for c in columns] for r in rows)
    _write_atomic(path, buffer.getvalue().encode("utf-8"))
    return True


def _write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a hidden temporary file and a rename, flushed to disk."""
    temp = path.with_name(f".{path.name}.{secrets.token_hex(6)}.part")
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
    fsync_path(path.parent)


@contextlib.contextmanager
def _locked(into: Path) -> Iterator[None]:
    """Hold ``into``'s fetch lock: two runs into one folder would race on its files and state."""
    try:
        fd = os.open(into / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as exc:
        raise FetchError(f"cannot write in {into}: {exc.strerror}") from exc
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES):
            raise FetchError(f"{into} is being written by another fetch; wait for it to finish") from None
        raise
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_UN)
        os.close(fd)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:g} MB" if n >= 1024 * 1024 else f"{n} bytes"


# --- the command ---


@click.command("fetch", context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.argument("manifest", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--into",
    "-i",
    "into",
    type=click.Path(path_type=Path, file_okay=False),
    required=True,
    help="Folder to download into (created if missing); then run `actionplans ingest` on it.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=DEFAULT_DELAY,
    show_default=True,
    help="Seconds between requests to the same host.",
)
@click.option(
    "--retries",
    type=click.IntRange(min=0),
    default=DEFAULT_RETRIES,
    show_default=True,
    help="Retries after a connection error, timeout, HTTP 429 or 5xx (waits 1, 2, 4 s... or as Retry-After asks).",
)
@click.option(
    "--max-mb",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_MAX_BYTES / 1024 / 1024,
    show_default=True,
    help="Largest file to download, in MB.",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds to connect, and to wait for each piece of a response.",
)
@click.option("--verbose", "-v", is_flag=True, help="Print a line for every URL, not only the failures.")
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal)."
)
def fetch_command(
    manifest: Path,
    into: Path,
    delay: float,
    retries: int,
    max_mb: float,
    timeout: float,
    verbose: bool,
    progress: bool | None,
) -> None:
    """Download the plans MANIFEST lists by URL into the folder --into, ready for `actionplans ingest`.

    MANIFEST is a CSV with a url column and optional file, council,
    published and title columns (as ingest's sources.csv).  Each URL is saved
    under its file name, a path inside --into (a name is made from the URL
    when it is empty), and the rows are merged, by file, into
    --into/sources.csv.  What was fetched (ETag, Last-Modified, sha256, size,
    type, times, last status) is kept in --into/.actionplans-fetch.json: the
    next run asks the server for changes only, and unchanged files are left
    alone.  A failed download never replaces a file.  Only http and https
    URLs are fetched; PDF, Word, Excel, OpenDocument, HTML, text and CSV
    files are kept, other content types are refused.

    Exit status: 0 when every URL was downloaded or unchanged, 1 when any
    failed (each is listed with its reason) or the manifest cannot be used,
    2 for a bad option.

    \b
    Examples:
      actionplans fetch plans/new.csv --into ~/plans/new
      actionplans ingest ~/plans/new --out ~/plans/parquet
      actionplans fetch plans/sources.csv --into plans/ --delay 5 --max-mb 50
    """
    show = sys.stderr.isatty() if progress is None else progress
    bar = click.progressbar(length=1, label="fetching", file=sys.stderr, show_pos=True, item_show_func=lambda s: s)

    def tick(done: int, total: int, url: str) -> None:
        bar.length = total
        bar.update(1, url[-60:])

    try:
        with bar if show else contextlib.nullcontext():
            summary = fetch(
                manifest,
                into,
                delay=delay,
                retries=retries,
                max_bytes=max(1, int(max_mb * 1024 * 1024)),
                timeout=timeout,
                progress=tick if show else None,
            )
    except (ManifestError, FetchError) as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    for result in summary.results:
        if result.status == "failed":
            click.echo(f"failed: {result.url}: {result.message}", err=True)
        elif verbose:
            click.echo(f"{result.status}: {result.url} -> {result.file} ({result.message})")
    click.echo(summary.line())
    sys.exit(summary.exit_code)
