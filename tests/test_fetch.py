"""``actionplans fetch``: every download comes from a local HTTP server in a thread, never the internet."""

from __future__ import annotations

import csv
import hashlib
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner

import actionplans.pipeline.fetch as fetch_module
from actionplans import __version__
from actionplans.pipeline.discover import ManifestError, discover, read_manifest
from actionplans.pipeline.fetch import (
    LOCK_NAME,
    STATE_NAME,
    FetchSummary,
    fetch,
    fetch_command,
    name_from_url,
    read_state,
    safe_relative,
)
from actionplans.records import PartialDate

PDF = b"%PDF-1.4\n" + b"first version " * 400 + b"\n%%EOF\n"
PDF2 = b"%PDF-1.4\n" + b"second version " * 400 + b"\n%%EOF\n"
LAST_MODIFIED = "Wed, 05 Mar 2025 10:00:00 GMT"
FAST: dict[str, Any] = {"delay": 0, "backoff": 0.001, "max_wait": 0.01, "timeout": 2}
COLUMNS = ["file", "council", "published", "url", "title"]


@dataclass
class Seen:
    """A request the server received, and what it sent back."""

    path: str
    headers: dict[str, str]
    at: float
    status: int = 0
    body_bytes: int = 0


Route = Callable[["Handler", Seen], None]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.routes: dict[str, Route] = {}
        self.seen: list[Seen] = []

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}{path}"

    def handle_error(self, request: object, client_address: object) -> None:
        """Quiet: some tests hang up mid-body, on purpose."""


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: Server

    def do_GET(self) -> None:
        seen = Seen(self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic())
        self.server.seen.append(seen)
        route = self.server.routes.get(self.path.split("?")[0])
        if route is None:
            self.reply(seen, 404, b"not found", {"Content-Type": "text/plain"})
        else:
            route(self, seen)

    def reply(
        self, seen: Seen, status: int, body: bytes = b"", headers: dict[str, str] | None = None, length: bool = True
    ) -> None:
        """Send a response; without ``length`` the body runs until the connection closes."""
        self.send_response(status)
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        seen.status = status
        self.wfile.write(body)
        seen.body_bytes = len(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(autouse=True)
def no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    """A proxy from the environment must not see requests to 127.0.0.1."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(5)


def write_manifest(path: Path, rows: list[dict[str, str]], columns: list[str] = COLUMNS) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def run(manifest: Path, into: Path, **options: Any) -> FetchSummary:
    return fetch(manifest, into, **{**FAST, **options})


def serve(body: bytes = PDF, content_type: str = "application/pdf", etag: str = '"v1"') -> Route:
    """A plan with an ETag and a Last-Modified, and a 304 for a request that names the ETag."""

    def route(h: Handler, seen: Seen) -> None:
        if h.headers.get("If-None-Match") == etag:
            h.send_response(304)
            h.send_header("ETag", etag)
            h.end_headers()
            seen.status = 304
            return
        h.reply(seen, 200, body, {"Content-Type": content_type, "ETag": etag, "Last-Modified": LAST_MODIFIED})

    return route


def failing(status: int, times: int, then: Route | None = None, headers: dict[str, str] | None = None) -> Route:
    """``status`` for the first ``times`` requests, then ``then``."""
    count = {"n": 0}

    def route(h: Handler, seen: Seen) -> None:
        count["n"] += 1
        if count["n"] <= times or then is None:
            h.reply(seen, status, b"try later", {"Content-Type": "text/plain", **(headers or {})})
        else:
            then(h, seen)

    return route


def dropped(h: Handler, seen: Seen) -> None:
    """Promise the whole of PDF2 and hang up after 100 bytes."""
    h.send_response(200)
    h.send_header("Content-Type", "application/pdf")
    h.send_header("Content-Length", str(len(PDF2)))
    h.end_headers()
    h.wfile.write(PDF2[:100])
    h.wfile.flush()
    seen.status, seen.body_bytes = 200, 100
    h.close_connection = True
    h.connection.shutdown(socket.SHUT_RDWR)


def leftovers(into: Path) -> list[str]:
    """Hidden files other than the state file and the lock: there must be none (no temporary files)."""
    return sorted(p.name for p in into.rglob(".*") if p.name not in (STATE_NAME, LOCK_NAME))


def one_plan(tmp_path: Path, server: Server, file: str = "plan.pdf", path: str = "/plan.pdf") -> Path:
    row = {"file": file, "council": "Fareham Borough Council", "published": "2025-03", "url": server.url(path)}
    return write_manifest(tmp_path / "new.csv", [row])


# --- downloads and conditional requests ---


def test_downloads_then_asks_for_changes_only(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = serve()
    manifest, into = one_plan(tmp_path, server), tmp_path / "src"
    first = run(manifest, into)
    assert [r.status for r in first.results] == ["downloaded"] and first.exit_code == 0
    assert (into / "plan.pdf").read_bytes() == PDF
    entry = read_state(into)[server.url("/plan.pdf")]
    assert (entry.file, entry.etag, entry.last_modified) == ("plan.pdf", '"v1"', LAST_MODIFIED)
    assert (entry.sha256, entry.size) == (hashlib.sha256(PDF).hexdigest(), len(PDF))
    assert (entry.content_type, entry.status, entry.http_status) == ("application/pdf", "downloaded", 200)
    assert entry.fetched_at is not None
    mtime = (into / "plan.pdf").stat().st_mtime_ns

    second = run(manifest, into)
    assert [r.status for r in second.results] == ["unchanged"] and second.exit_code == 0
    assert second.line().startswith("0 downloaded, 1 unchanged, 0 failed;")
    request = server.seen[-1]
    assert request.headers["if-none-match"] == '"v1"'
    assert request.headers["if-modified-since"] == LAST_MODIFIED
    assert (request.status, request.body_bytes) == (304, 0)
    assert (into / "plan.pdf").stat().st_mtime_ns == mtime
    assert (into / "plan.pdf").read_bytes() == PDF
    after = read_state(into)[server.url("/plan.pdf")]
    assert (after.status, after.fetched_at, after.sha256) == ("unchanged", entry.fetched_at, entry.sha256)
    assert leftovers(into) == []


def test_a_file_changed_on_disk_is_downloaded_whole(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = serve()
    manifest, into = one_plan(tmp_path, server), tmp_path / "src"
    run(manifest, into)
    (into / "plan.pdf").write_bytes(b"edited by hand")
    assert [r.status for r in run(manifest, into).results] == ["downloaded"]
    assert "if-none-match" not in server.seen[-1].headers
    assert (into / "plan.pdf").read_bytes() == PDF


def test_the_same_bytes_sent_again_leave_the_file_alone(server: Server, tmp_path: Path) -> None:
    def ignores_validators(h: Handler, seen: Seen) -> None:
        h.reply(seen, 200, PDF, {"Content-Type": "application/pdf"})

    server.routes["/plan.pdf"] = ignores_validators
    manifest, into = one_plan(tmp_path, server), tmp_path / "src"
    run(manifest, into)
    mtime = (into / "plan.pdf").stat().st_mtime_ns
    again = run(manifest, into)
    assert [r.status for r in again.results] == ["unchanged"]
    assert "content unchanged" in again.results[0].message
    assert (into / "plan.pdf").stat().st_mtime_ns == mtime


def test_user_agent_names_the_project_and_its_version(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = serve()
    manifest = one_plan(tmp_path, server)
    run(manifest, tmp_path / "a")
    with httpx.Client() as plain:
        run(manifest, tmp_path / "b", client=plain)
    with httpx.Client(headers={"User-Agent": "my-crawler/2"}) as custom:
        run(manifest, tmp_path / "c", client=custom)
    agents = [s.headers["user-agent"] for s in server.seen]
    assert agents[0].startswith(f"actionplans/{__version__} ") and agents[1] == agents[0]
    assert agents[2] == "my-crawler/2"


# --- retries, delays, failures ---


def test_a_500_is_retried(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = failing(500, times=1, then=serve())
    summary = run(one_plan(tmp_path, server), tmp_path / "src")
    assert [r.status for r in summary.results] == ["downloaded"]
    assert [s.status for s in server.seen] == [500, 200]


def test_back_off_doubles_and_retry_after_is_honoured_but_capped(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    waits: list[float] = []
    monkeypatch.setattr(fetch_module, "_sleep", waits.append)
    server.routes["/a.pdf"] = failing(503, times=2, then=serve())
    server.routes["/b.pdf"] = failing(429, times=1, then=serve(), headers={"Retry-After": "120"})
    rows = [{"file": "a.pdf", "url": server.url("/a.pdf")}, {"file": "b.pdf", "url": server.url("/b.pdf")}]
    summary = run(write_manifest(tmp_path / "new.csv", rows), tmp_path / "src", backoff=0.5, max_wait=7)
    assert [r.status for r in summary.results] == ["downloaded", "downloaded"]
    assert waits == [0.5, 1.0, 7]


def test_requests_to_one_host_are_spaced_by_the_delay(server: Server, tmp_path: Path) -> None:
    server.routes["/a.pdf"] = serve()
    server.routes["/b.pdf"] = serve()
    rows = [{"file": "a.pdf", "url": server.url("/a.pdf")}, {"file": "b.pdf", "url": server.url("/b.pdf")}]
    run(write_manifest(tmp_path / "new.csv", rows), tmp_path / "src", delay=0.05)
    assert server.seen[1].at - server.seen[0].at >= 0.05


@pytest.mark.parametrize(
    ("route", "reason"),
    [(failing(500, times=99), "HTTP 500"), (dropped, "closed connection without sending complete message body")],
    ids=["500-every-time", "dropped-mid-body"],
)
def test_a_failed_download_keeps_the_old_file_and_state(
    server: Server, tmp_path: Path, route: Route, reason: str
) -> None:
    server.routes["/plan.pdf"] = serve()
    manifest, into = one_plan(tmp_path, server), tmp_path / "src"
    run(manifest, into)
    before = read_state(into)[server.url("/plan.pdf")]
    server.routes["/plan.pdf"] = route
    server.seen.clear()
    summary = run(manifest, into, retries=2)
    assert [r.status for r in summary.results] == ["failed"] and summary.exit_code == 1
    assert reason in summary.results[0].message and "after 3 attempts" in summary.results[0].message
    assert len(server.seen) == 3
    assert (into / "plan.pdf").read_bytes() == PDF
    after = read_state(into)[server.url("/plan.pdf")]
    assert (after.etag, after.sha256, after.size, after.fetched_at) == (
        before.etag,
        before.sha256,
        before.size,
        before.fetched_at,
    )
    assert after.status == "failed" and reason in after.message
    assert leftovers(into) == []
    assert "0 downloaded, 0 unchanged, 1 failed" in summary.line()


def test_connection_refused_and_timeout_are_failures(server: Server, tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed_port = probe.getsockname()[1]

    def slow(h: Handler, seen: Seen) -> None:
        time.sleep(0.5)
        h.reply(seen, 200, PDF, {"Content-Type": "application/pdf"})

    server.routes["/slow.pdf"] = slow
    rows = [
        {"file": "refused.pdf", "url": f"http://127.0.0.1:{closed_port}/plan.pdf"},
        {"file": "slow.pdf", "url": server.url("/slow.pdf")},
    ]
    summary = run(write_manifest(tmp_path / "new.csv", rows), tmp_path / "src", retries=0, timeout=0.1)
    assert [r.status for r in summary.results] == ["failed", "failed"]
    assert "ConnectError" in summary.results[0].message
    assert "timed out" in summary.results[1].message
    assert not (tmp_path / "src" / "slow.pdf").exists()


@pytest.mark.parametrize("with_length", [True, False], ids=["content-length", "streamed"])
def test_a_file_over_the_limit_is_not_kept(server: Server, tmp_path: Path, with_length: bool) -> None:
    big = b"%PDF-1.4\n" + b"0" * 200_000

    def route(h: Handler, seen: Seen) -> None:
        h.reply(seen, 200, big, {"Content-Type": "application/pdf"}, length=with_length)

    server.routes["/plan.pdf"] = route
    into = tmp_path / "src"
    summary = run(one_plan(tmp_path, server), into, max_bytes=100_000)
    assert [r.status for r in summary.results] == ["failed"]
    message = summary.results[0].message
    assert "limit of 100000 bytes" in message
    assert ("Content-Length" in message) is with_length and ("download stopped" in message) is not with_length
    assert not (into / "plan.pdf").exists() and leftovers(into) == []


@pytest.mark.parametrize(
    ("file", "content_type", "body", "expected"),
    [
        ("photo.pdf", "image/png", b"\x89PNG\r\n", "content type image/png is not a document"),
        ("plan.pdf", "video/mp4", b"....ftyp", "content type video/mp4 is not a document"),
        ("plan.pdf", "text/html; charset=utf-8", b"<html>Sign in</html>", "HTML page (text/html) for plan.pdf"),
        ("plan.pdf", "application/octet-stream", b"<html>Sign in</html>", "plan.pdf is not a PDF"),
    ],
)
def test_refused_content(
    server: Server, tmp_path: Path, file: str, content_type: str, body: bytes, expected: str
) -> None:
    def route(h: Handler, seen: Seen) -> None:
        h.reply(seen, 200, body, {"Content-Type": content_type})

    server.routes["/doc"] = route
    into = tmp_path / "src"
    summary = run(one_plan(tmp_path, server, file=file, path="/doc"), into)
    assert summary.results[0].status == "failed" and expected in summary.results[0].message
    assert not (into / file).exists() and leftovers(into) == []


@pytest.mark.parametrize(
    ("file", "content_type", "body", "note"),
    [
        ("plan.pdf", "application/octet-stream", PDF, ""),
        ("plan.html", "text/html; charset=utf-8", b"<html><p>Action 1</p></html>", ""),
        ("plan.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", b"PK\x03\x04", ""),
        ("plan.txt", "text/plain", b"Action 1", ""),
        ("notes.txt", "application/pdf", PDF, "served as application/pdf, but the name ends in .txt"),
    ],
)
def test_accepted_content(server: Server, tmp_path: Path, file: str, content_type: str, body: bytes, note: str) -> None:
    def route(h: Handler, seen: Seen) -> None:
        h.reply(seen, 200, body, {"Content-Type": content_type})

    server.routes["/doc"] = route
    summary = run(one_plan(tmp_path, server, file=file, path="/doc"), tmp_path / "src")
    assert summary.results[0].status == "downloaded" and note in summary.results[0].message
    assert (tmp_path / "src" / file).read_bytes() == body


# --- what the manifest may ask for ---


@pytest.mark.parametrize(
    ("file", "url", "expected"),
    [
        ("plan.pdf", "ftp://example.org/plan.pdf", "only http and https URLs"),
        ("plan.pdf", "file:///etc/passwd", "only http and https URLs"),
        ("plan.pdf", "javascript:alert(1)", "only http and https URLs"),
        ("../evil.pdf", "/evil.pdf", "leads outside the folder"),
        ("a/../../evil.pdf", "/evil.pdf", "leads outside the folder"),
        ("..\\evil.pdf", "/evil.pdf", "leads outside the folder"),
        ("/tmp/evil.pdf", "/evil.pdf", "is an absolute path"),
        ("C:\\evil.pdf", "/evil.pdf", "is an absolute path"),
        (".hidden.pdf", "/evil.pdf", "is hidden"),
        ("sources.csv", "/evil.pdf", "would overwrite the sources.csv"),
        ("link/evil.pdf", "/evil.pdf", "through a symbolic link"),
    ],
)
def test_unsafe_rows_fail_and_the_rest_goes_on(
    server: Server, tmp_path: Path, file: str, url: str, expected: str
) -> None:
    server.routes["/evil.pdf"] = serve()
    server.routes["/good.pdf"] = serve()
    into = tmp_path / "deep" / "src"
    into.mkdir(parents=True)
    (tmp_path / "outside").mkdir()
    (into / "link").symlink_to(tmp_path / "outside")
    rows = [
        {"file": file, "url": server.url(url) if url.startswith("/") else url},
        {"file": "good.pdf", "url": server.url("/good.pdf")},
    ]
    summary = run(write_manifest(tmp_path / "new.csv", rows), into)
    assert [r.status for r in summary.results] == ["failed", "downloaded"] and summary.exit_code == 1
    assert expected in summary.results[0].message
    assert [s.path for s in server.seen] == ["/good.pdf"]
    assert not any(p.name == "evil.pdf" for p in tmp_path.rglob("*"))
    assert read_state(into)[rows[0]["url"]].status == "failed"


def test_duplicate_urls_and_files_are_row_errors(server: Server, tmp_path: Path) -> None:
    server.routes["/a.pdf"] = serve()
    server.routes["/b.pdf"] = serve()
    rows = [
        {"file": "a.pdf", "url": server.url("/a.pdf")},
        {"file": "other.pdf", "url": server.url("/a.pdf")},
        {"file": "A.pdf", "url": server.url("/b.pdf")},
    ]
    summary = run(write_manifest(tmp_path / "new.csv", rows), tmp_path / "src")
    assert [r.status for r in summary.results] == ["downloaded", "failed", "failed"]
    assert "same URL as line 2" in summary.results[1].message
    assert "also the target of line 2" in summary.results[2].message
    assert read_state(tmp_path / "src")[server.url("/a.pdf")].status == "downloaded"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.gov.uk/media/Action%20Plan%20(2024).pdf", ("Action-Plan-2024", ".pdf")),
        ("https://example.gov.uk/downloads/file/1234/action-plan", ("action-plan", "")),
        ("https://example.gov.uk/view.php?id=3", ("view.php-id-3", "")),
        ("https://example.gov.uk/", ("example.gov.uk", "")),
        ("https://example.gov.uk/..%2F..%2Fetc%2Fpasswd", ("etc-passwd", "")),
        ("https://example.gov.uk/.hidden.PDF", ("hidden", ".pdf")),
    ],
)
def test_name_from_url(url: str, expected: tuple[str, str]) -> None:
    assert name_from_url(url) == expected
    assert safe_relative("".join(expected)) == "".join(expected)


def test_an_empty_file_cell_names_the_file_after_the_url_and_its_type(server: Server, tmp_path: Path) -> None:
    server.routes["/downloads/file/1234/action-plan"] = serve()
    server.routes["/other/action-plan"] = serve()
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "action-plan-2.pdf").write_bytes(b"a file put there by hand")
    rows = [
        {"file": "", "council": "Fareham Borough Council", "url": server.url("/downloads/file/1234/action-plan")},
        {"file": "", "url": server.url("/other/action-plan")},
    ]
    manifest, into = write_manifest(tmp_path / "new.csv", rows), tmp_path / "src"
    first = run(manifest, into)
    assert [(r.status, r.file) for r in first.results] == [
        ("downloaded", "action-plan.pdf"),
        ("downloaded", "action-plan-3.pdf"),
    ]
    assert (into / "action-plan-2.pdf").read_bytes() == b"a file put there by hand"
    second = run(manifest, into)
    assert [(r.status, r.file) for r in second.results] == [
        ("unchanged", "action-plan.pdf"),
        ("unchanged", "action-plan-3.pdf"),
    ]
    entry = read_manifest(into / "sources.csv").entries["action-plan.pdf"]
    assert entry.council == "Fareham Borough Council"


# --- sources.csv, and what ingest then sees ---


def test_sources_csv_is_merged_by_file_and_read_back_by_ingest(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = serve()
    into = tmp_path / "src"
    into.mkdir()
    (into / "old.pdf").write_bytes(PDF)
    write_manifest(
        into / "sources.csv",
        [
            {"file": "old.pdf", "council": "Old Council", "published": "2020", "notes": "kept"},
            {"file": "plan.pdf", "council": "Wrong Council", "title": "Action plan", "notes": "mine"},
        ],
        columns=["file", "council", "published", "url", "title", "notes"],
    )
    summary = run(one_plan(tmp_path, server), into)
    assert summary.sources_written and f"updated {into / 'sources.csv'}" in summary.line()
    manifest = read_manifest(into / "sources.csv")
    plan = manifest.entries["plan.pdf"]
    assert (plan.council, plan.published, plan.url) == (
        "Fareham Borough Council",
        PartialDate.parse("2025-03"),
        server.url("/plan.pdf"),
    )
    assert plan.title == "Action plan"  # an empty cell in the new manifest does not wipe one that was there
    assert manifest.entries["old.pdf"].council == "Old Council"
    with (into / "sources.csv").open(newline="", encoding="utf-8") as fh:
        assert [row["notes"] for row in csv.DictReader(fh)] == ["kept", "mine"]
    files, found = discover(into)
    assert [f.name for f in files] == ["old.pdf", "plan.pdf"]  # not the state file, the lock or sources.csv
    assert found.warnings == ("manifest sources.csv: column 'notes' is not used",)  # the user's column, kept
    assert not run(one_plan(tmp_path, server), into).sources_written  # nothing new: left as it is


def test_a_failed_new_file_is_not_listed_in_sources_csv(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = failing(404, times=99)
    summary = run(one_plan(tmp_path, server), tmp_path / "src")
    assert "HTTP 404" in summary.results[0].message and len(server.seen) == 1  # a 404 is not retried
    assert not summary.sources_written and not (tmp_path / "src" / "sources.csv").exists()


def test_manifest_without_url_column_or_not_utf8(tmp_path: Path) -> None:
    no_url = tmp_path / "a.csv"
    no_url.write_text("file,council\nplan.pdf,Fareham\n", encoding="utf-8")
    with pytest.raises(ManifestError, match="no 'url' column"):
        fetch(no_url, tmp_path / "src")
    latin = tmp_path / "b.csv"
    latin.write_bytes("file,url,council\nplan.pdf,http://x/,Ynys M\xf4n\n".encode("latin-1"))
    with pytest.raises(ManifestError, match="not UTF-8"):
        fetch(latin, tmp_path / "src")


def test_progress_is_reported_per_url(server: Server, tmp_path: Path) -> None:
    server.routes["/plan.pdf"] = serve()
    calls: list[tuple[int, int, str]] = []
    run(one_plan(tmp_path, server), tmp_path / "src", progress=lambda d, t, u: calls.append((d, t, u)))
    assert calls == [(1, 1, server.url("/plan.pdf"))]


# --- the command ---


def test_command_help_example_runs_and_exit_status(
    server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    help_text = runner.invoke(fetch_command, ["--help"]).output
    assert "actionplans fetch plans/sources.csv --into plans/ --delay 5 --max-mb 50" in help_text
    server.routes["/plan.pdf"] = serve()
    server.routes["/gone.pdf"] = failing(410, times=99)
    monkeypatch.chdir(tmp_path)
    # The folder's own sources.csv, its file cell left empty: fetch fills it in.
    write_manifest(Path("plans/sources.csv"), [{"file": "", "council": "Fareham", "url": server.url("/plan.pdf")}])
    ok = runner.invoke(fetch_command, ["plans/sources.csv", "--into", "plans/", "--delay", "5", "--max-mb", "50"])
    assert ok.exit_code == 0, ok.output
    assert ok.stdout.startswith("1 downloaded, 0 unchanged, 0 failed; updated plans/sources.csv")
    assert Path("plans/plan.pdf").read_bytes() == PDF
    assert read_manifest(Path("plans/sources.csv")).entries["plan.pdf"].council == "Fareham"
    write_manifest(Path("more.csv"), [{"file": "gone.pdf", "url": server.url("/gone.pdf")}])
    bad = runner.invoke(fetch_command, ["more.csv", "--into", "plans", "--delay", "0", "--no-progress"])
    assert bad.exit_code == 1
    assert f"failed: {server.url('/gone.pdf')}: HTTP 410 Gone" in bad.stderr
    assert "0 downloaded, 0 unchanged, 1 failed" in bad.stdout
    unusable = runner.invoke(fetch_command, ["plans/plan.pdf", "--into", "plans"])
    assert unusable.exit_code == 1 and "Error:" in unusable.stderr


def test_the_state_file_is_written_atomically(server: Server, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    server.routes["/plan.pdf"] = serve()
    replaced: list[str] = []
    real_replace = os.replace

    def spy(src: str | os.PathLike[str], dst: str | os.PathLike[str]) -> None:
        replaced.append(Path(dst).name)
        assert Path(src).name.startswith(".") and Path(src).parent == Path(dst).parent
        real_replace(src, dst)

    monkeypatch.setattr(fetch_module.os, "replace", spy)
    run(one_plan(tmp_path, server), tmp_path / "src")
    assert replaced == ["plan.pdf", STATE_NAME, "sources.csv"]
