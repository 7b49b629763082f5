#!/usr/bin/env python3
"""Batch ingest beside bare PDF tools, on the same inputs in the same run, and the targets it is held to.

    python benchmarks/bench_ingest.py [PDF or folder ...] [--repeat 3] [--quick] [--json [FILE]]

How it measures
---------------
Every figure comes from a command run in a fresh process, started by a
small launcher that reaps it with ``os.wait4``.  **CPU time** is user + sys
of that process and of every descendant it reaped, so the worker processes
that ``ingest`` starts (with ``subprocess``) and waits for are counted.  The
script checks this figure against the ``resource.getrusage(RUSAGE_CHILDREN)``
delta around the run, which should be the same plus the launcher's few
hundredths of a second.  As a check that the workers really are counted,
ingest's CPU is compared with the same work done in one process (the
``actionplans pipeline`` contender).  **Peak RSS** is the largest resident
set of any one process in the tree (``ru_maxrss``), not the sum of workers
running side by side.  The launcher is there because a child inherits its
parent's peak-RSS mark, and this script's own peak would otherwise be the
floor.  Every contender pays interpreter start-up and its imports, on the
same terms.  The machine is shared (2 cores), so wall time is shown only for
reference, and it is indicative only: judge by CPU.  Each figure is the
median of ``--repeat`` runs (peak RSS: the largest run).  The runs go
round-robin, so a change in the machine's load falls on every contender
alike.

What it measures
----------------
1. The corpus PDFs (``../shared/corpus/*.pdf`` when present, plus
   ``data/raw/*.pdf``, or the PDFs and folders given), copied into a temp
   folder.  They are copied rather than symlinked because discovery skips
   links that lead outside SRC.  Pages per CPU second for each contender:

   * ``ingest``: ``python -m actionplans.pipeline ingest SRC --out TMP --no-progress``,
     the whole batch as a user runs it, into a fresh ``--out`` each run;
   * ``pdfplumber words+tables``: ``extract_words()`` and ``find_tables()``
     on every page (the baseline the ratios are taken against);
   * ``pdfplumber text``: ``extract_text()`` on every page;
   * ``pypdfium2 text``: ``get_textpage().get_text_bounded()`` on every page;
   * ``camelot lattice+stream``: ``camelot.read_pdf(pages="all")`` with both
     flavors, when camelot is installed (it is not a dependency);
   * ``actionplans extract``: ``extractors.extract`` on each file, in one
     process;
   * ``actionplans pipeline``: ``pipeline.process.process_document`` on each
     file, in one process (ingest's per-document work with no workers and no
     store).
2. An agenda pack: about 60 pages of reportlab-made minutes, reports and
   budget tables, with a corpus plan PDF's pages in the middle (built in the
   temp folder with pypdfium2: reports that speak of recommendations, as
   real packs do, and ruled tables; ``benchmarks/bench_engines.py`` builds
   a quieter pack of minutes).  The same
   contenders are run on it.
3. Start-up: the CPU of a fresh process that imports the pipeline and
   processes a one-line text file; of ``python -m actionplans.pipeline --help``; and of
   a worker start (``python -m actionplans.pipeline.worker`` with stdin closed: its
   imports and ``normalise.warm()``, then it exits at end of input).
4. ``--jobs 1`` against ``--jobs 2`` for the corpus PDFs' ingest, CPU and wall.
5. Re-ingest of an unchanged 20-document batch: cold into a fresh ``--out``,
   then the same command again.
6. A table of the targets, each marked met or not met.

Bytecode: an installed package runs from the bytecode pip compiles at install
time.  So that every contender is measured that way, and not paying to compile
source in each process (which it does where ``PYTHONDONTWRITEBYTECODE`` is set
and nothing was compiled), the script compiles the project's modules first
(``compileall``, as pip does; the caches go in ``__pycache__`` folders, which
git ignores), and runs its commands without ``PYTHONDONTWRITEBYTECODE``.  Its
header says so.
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import dataclasses
import importlib
import importlib.util
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CORPUS = Path(os.environ.get("ACTIONPLANS_SHARED", ROOT.parent / "shared")) / "corpus"
"""The corpus, found as the tests find it (``ACTIONPLANS_SHARED``, else ``../shared`` beside the repository)."""
NO_CORPUS = (
    f"WARNING: no corpus at {CORPUS} (set ACTIONPLANS_SHARED): only the project's own sample is measured, and "
    "its figures are not the corpus's"
)
BASELINE = "pdfplumber words+tables"
INGEST = "ingest"
PIPELINE = "actionplans pipeline"
PACK_PAGES = 60
PACK_PLANS = (  # the first of these that exists is the plan inside the agenda pack
    CORPUS / "winchester-lga-peer-challenge-action-plan-2024-10.pdf",
    CORPUS / "kings-lynn-cpc-action-plan-2024.pdf",
    ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.pdf",
)
BATCH_SIZE = 20
INTERPRETER = "python -c pass"
WORKER_START = "python -m actionplans.pipeline.worker (start)"
CPU_NOTE = "CPU = user+sys of the process and every child it reaped (ingest's workers included)"
WALL_NOTE = "wall time on a shared 2-core machine is indicative only"

WARNINGS: list[str] = []
"""Things the reader should know about this run, printed at the end."""


def progress(message: str) -> None:
    """A line on stderr so a long run shows it is alive; results go to stdout."""
    print(f"  .. {message}", file=sys.stderr, flush=True)


# --- running and measuring one command --------------------------------------------------------------------


@dataclass(frozen=True)
class Usage:
    """What one command cost."""

    cpu: float
    """User + sys seconds of the process and of the descendants it reaped."""
    wall: float
    peak_mib: float
    """The largest resident set of any one process of the tree."""
    stdout: str = field(repr=False, default="")


LAUNCHER_PID = "{launcher-pid}"
"""In a command's arguments, replaced by the launcher's process id (the command's parent)."""

LAUNCHER = f"""
import json, os, sys
argv = [arg.replace({LAUNCHER_PID!r}, str(os.getpid())) for arg in sys.argv[2:]]
pid = os.posix_spawn(argv[0], argv, os.environ)
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as report:
    json.dump({{"cpu": usage.ru_utime + usage.ru_stime, "maxrss_kib": usage.ru_maxrss}}, report)
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""
"""Starts a command and reports its ``wait4`` usage.

Linux carries a process's peak-RSS mark across fork and exec, so a child
of this script (which has pdfplumber, pypdfium2 and reportlab loaded)
would never report less than this script's own peak.  A child of this
small interpreter (``-I -S``) starts from about 10 MiB instead.
"""


def run_command(command: list[str], cwd: Path = ROOT) -> Usage:
    """Run ``command`` (absolute executable first) to its end and measure it; ``RuntimeError`` if it fails."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "usage.json"
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        code = subprocess.call(
            [sys.executable, "-I", "-S", "-c", LAUNCHER, str(report), *command],
            cwd=cwd,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        out.seek(0)
        err.seek(0)
        stdout = out.read().decode("utf-8", "replace")
        stderr = err.read().decode("utf-8", "replace")
        usage = json.loads(report.read_text()) if report.exists() else {}
    if code or not usage:
        shown = " ".join(command)[:200]
        raise RuntimeError(f"{shown} exited with status {code}:\n{stderr[-3000:]}")
    cpu = float(usage["cpu"])
    launched = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
    if not cpu <= launched + 0.01 <= cpu + 0.3:  # the launcher's own CPU is a few hundredths of a second
        WARNINGS.append(f"{cpu:.2f} s CPU from wait4 but {launched:.2f} s from RUSAGE_CHILDREN: {command[:4]}")
    return Usage(cpu, wall, usage["maxrss_kib"] / 1024, stdout)


PRELUDE = "import json, sys\npaths = json.loads(sys.argv[1])\n"


def python_script(body: str, paths: list[Path]) -> Usage:
    """``body`` run by a fresh interpreter, with ``paths`` (strings) defined."""
    return run_command([sys.executable, "-c", PRELUDE + body, json.dumps([str(p) for p in paths])])


# --- inputs ---------------------------------------------------------------------------------------------


def _pdfium() -> Any:
    """pypdfium2, which has no type information (imported so that mypy treats it as ``Any``)."""
    return importlib.import_module("pypdfium2")


def page_count(path: Path) -> int:
    if path.suffix.lower() != ".pdf":
        return 0
    document = _pdfium().PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


@dataclass(frozen=True)
class Inputs:
    """A folder of copies that every contender reads: ingest the folder, the others its files."""

    label: str
    folder: Path
    files: list[Path]
    pages: int


def copy_inputs(label: str, sources: list[Path], folder: Path, names: list[str] | None = None) -> Inputs:
    """Copies of ``sources`` in ``folder`` (under ``names`` if given)."""
    folder.mkdir(parents=True)
    files = []
    for index, source in enumerate(sources):
        target = folder / (names[index] if names else source.name)
        if target.exists():
            target = folder / f"{source.parent.name}-{source.name}"
        shutil.copyfile(source, target)
        files.append(target)
    return Inputs(label, folder, sorted(files), sum(page_count(f) for f in files))


def corpus_pdfs(args: list[str]) -> list[Path]:
    """The PDFs given, or those of the corpus (when present) and ``data/raw``."""
    if not args:
        args = [str(p) for p in (CORPUS, ROOT / "data" / "raw") if p.is_dir()]
    found: list[Path] = []
    for arg in args:
        path = Path(arg)
        found.extend(sorted(path.glob("*.pdf")) if path.is_dir() else [path])
    return found


def batch_sources() -> tuple[list[Path], list[str]]:
    """Twenty documents and the names to copy them under.

    The corpus's PDFs and text files come first.  If they are fewer than
    twenty, the project's ``data/raw`` sample and ``tests/fixtures/plans/*.txt``
    fill the batch, repeated under other names as often as needed.
    """
    documents = sorted(p for p in CORPUS.glob("*") if p.suffix in (".pdf", ".txt")) if CORPUS.is_dir() else []
    own = sorted((ROOT / "data" / "raw").glob("*.pdf")) + sorted((ROOT / "data" / "raw").glob("*.txt"))
    own += sorted((ROOT / "tests" / "fixtures" / "plans").glob("*.txt"))
    sources = documents[:BATCH_SIZE]
    names = [p.name for p in sources]
    round_ = 1
    while len(sources) < BATCH_SIZE and own:
        for path in own:
            if len(sources) == BATCH_SIZE:
                break
            sources.append(path)
            names.append(path.name if round_ == 1 else f"copy{round_}-{path.name}")
        round_ += 1
    return sources, names


# --- the agenda pack ----------------------------------------------------------------------------------

_NAMES = ("Ashby", "Brennan", "Carver", "Dhillon", "Ellison", "Fairweather", "Gough", "Hussain", "Ingram", "Jarvis")
_TOPICS = (
    "local plan review",
    "waste and recycling contract",
    "housing allocations policy",
    "leisure centre refurbishment",
    "medium term financial strategy",
    "town centre regeneration programme",
    "climate emergency programme",
    "council tax support scheme",
    "corporate peer challenge",
)
_OFFICERS = ("Chief Executive", "Director of Finance", "Head of Housing", "Monitoring Officer", "Director of Place")
_SENTENCES = (
    "The Chair welcomed members and officers to the meeting and reminded those present that it was being recorded.",
    "Apologies for absence were received from Councillors {a} and {b}.",
    "Councillor {a} declared a personal interest in the item on the {topic} as a member of a local housing trust.",
    "RESOLVED: that the minutes of the meeting held on {day} {month} be agreed as a correct record.",
    "Members noted the update on the {topic} and thanked officers for the work done since the last meeting.",
    "In reply to a question from Councillor {a}, the {officer} said that the {topic} would come back to the "
    "committee in {month}.",
    "A member asked whether the consultation on the {topic} had reached residents in the rural parishes; the "
    "{officer} said that drop-in sessions had been held in {n} villages and that responses were still coming in.",
    "The committee considered the report of the {officer} on the {topic}, which set out the background, the "
    "options considered, the legal and financial implications and the risks.",
    "Councillor {a} moved and Councillor {b} seconded that the recommendation in the report be agreed; on being "
    "put to the vote the motion was carried.",
    "The {officer} reported that spending on the {topic} was forecast at £{money}k against a budget of "
    "£{money2}k, a variance that would be managed within the service.",
    "Members discussed the risks in paragraph {n} of the report and asked that the risk register be brought back "
    "in six months' time.",
    "The meeting adjourned at {hour}.{minute} pm and resumed ten minutes later.",
    "Councillor {b} asked how the {topic} would be funded after the current grant ends; the {officer} said that "
    "this would be considered as part of the budget setting for next year.",
)
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "September", "October", "November")


def _sentence(rng: random.Random, topic: str) -> str:
    a, b = rng.sample(_NAMES, 2)
    money = rng.randint(80, 4000)
    return rng.choice(_SENTENCES).format(
        a=a,
        b=b,
        topic=topic,
        officer=rng.choice(_OFFICERS),
        day=rng.randint(1, 28),
        month=rng.choice(_MONTHS),
        n=rng.randint(3, 24),
        money=money,
        money2=money + rng.randint(-60, 90),
        hour=rng.randint(7, 9),
        minute=rng.choice(("05", "20", "35", "50")),
    )


def _budget_rows(rng: random.Random) -> list[tuple[str, ...]]:
    """A budget monitoring table: a header and 24 services with budget, forecast, variance and RAG status."""
    rows: list[tuple[str, ...]] = [("Service", "Budget £k", "Forecast £k", "Variance £k", "RAG")]
    for topic in rng.sample(_TOPICS * 3, 24):
        budget = rng.randint(200, 9000)
        forecast = budget + rng.randint(-300, 400)
        status = rng.choice(("Green", "Amber", "Red"))
        rows.append((topic.capitalize(), f"{budget:,}", f"{forecast:,}", f"{forecast - budget:+,}", status))
    return rows


def _write_filler(path: Path, count: int, plan_after: int, plan_pages: int) -> None:
    """``count`` A4 pages of an agenda pack: cover, agenda, minutes and reports, budget tables.

    The plan's ``plan_pages`` pages will be put after filler page ``plan_after``;
    the footers carry the pack's own page numbers.
    """
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import simpleSplit
    from reportlab.pdfgen.canvas import Canvas

    rng = random.Random(2025)
    width, height = A4
    margin = 56.0
    canvas = Canvas(str(path), pagesize=A4)

    def lines(text: str, y: float, size: float = 10.5) -> float:
        canvas.setFont("Helvetica", size)
        for line in simpleSplit(text, "Helvetica", size, width - 2 * margin):
            if y < margin + 30:
                return y
            canvas.drawString(margin, y, line)
            y -= size * 1.35
        return y - 5

    def heading(text: str, y: float, size: float = 13) -> float:
        canvas.setFont("Helvetica-Bold", size)
        canvas.drawString(margin, y, text)
        return y - size * 1.8

    item = 0
    for number in range(1, count + 1):
        y = height - margin
        if number == 1:
            y = heading("Fareham Borough Council", y - 120, 22)
            y = heading("Cabinet: agenda pack", y, 18)
            for text in (
                "Tuesday 4 March 2025 at 7.00 pm, Council Chamber, Town Hall",
                "Members of the public are welcome to attend. The meeting will be recorded and broadcast.",
                "Enquiries to Democratic Services.",
            ):
                y = lines(text, y, 12)
        elif number == 2:
            y = heading("Agenda", y, 16)
            for index, topic in enumerate(_TOPICS, start=1):
                y = lines(f"{index}.  {topic.capitalize()}  (page {3 + 5 * index})", y, 12)
        elif number == plan_after:
            y = heading(f"{item + 1}. Corporate peer challenge: action plan", y)
            y = lines("Report of the Chief Executive.", y)
            y = lines(
                "Recommendation: that Cabinet approves the action plan at Appendix A, which responds to the "
                "recommendations of the peer challenge team, and asks the Overview and Scrutiny Committee to "
                "monitor its delivery every six months.",
                y,
            )
            while y > margin + 40:
                y = lines(" ".join(_sentence(rng, "corporate peer challenge") for _ in range(4)), y)
        elif number % 7 == 0:
            y = heading(f"Budget monitoring: quarter {number % 4 + 1}", y)
            top = y
            rows = _budget_rows(rng)
            widths = [w * (width - 2 * margin) for w in (0.36, 0.16, 0.16, 0.16, 0.16)]
            edges = [margin + sum(widths[:c]) for c in range(len(widths) + 1)]
            row_height = 20.0
            for r, row in enumerate(rows):
                canvas.setFont("Helvetica-Bold" if r == 0 else "Helvetica", 9)
                for c, cell in enumerate(row):
                    canvas.drawString(edges[c] + 4, top - r * row_height - 14, cell)
            for r in range(len(rows) + 1):
                canvas.line(margin, top - r * row_height, width - margin, top - r * row_height)
            for x in edges:
                canvas.line(x, top, x, top - len(rows) * row_height)
            y = top - len(rows) * row_height - 20
            y = lines(" ".join(_sentence(rng, "medium term financial strategy") for _ in range(2)), y)
        else:
            if number % 3 == 0:
                item += 1
                y = heading(f"{item}. {_TOPICS[(item - 1) % len(_TOPICS)].capitalize()}", y)
            topic = _TOPICS[(item - 1) % len(_TOPICS)]
            while y > margin + 40:
                y = lines(" ".join(_sentence(rng, topic) for _ in range(rng.randint(3, 6))), y)
        shown = number if number <= plan_after else number + plan_pages
        canvas.setFont("Helvetica", 8)
        canvas.drawCentredString(width / 2, margin / 2, f"Page {shown}")
        canvas.showPage()
    canvas.save()


def build_agenda_pack(path: Path, plan_pdf: Path, pages: int = PACK_PAGES) -> Path:
    """Write at ``path`` an agenda pack of ``pages`` pages with the pages of ``plan_pdf`` in the middle.

    The pages around the plan are made with reportlab: a cover, an agenda,
    minutes and reports in dense prose, and a ruled budget table every
    seventh page.  The plan's own pages are copied in with pypdfium2 after
    the report that introduces them.
    """
    pdfium = _pdfium()
    plan = pdfium.PdfDocument(str(plan_pdf))
    filler = pdfium.PdfDocument.new()  # replaced below; keeps the names bound for the finally
    pack = pdfium.PdfDocument.new()
    filler_path = path.with_name(f"{path.stem}-filler.pdf")
    try:
        count = max(pages - len(plan), 3)
        plan_after = count // 2
        _write_filler(filler_path, count, plan_after, len(plan))
        filler.close()
        filler = pdfium.PdfDocument(str(filler_path))
        pack.import_pages(filler, pages=list(range(plan_after)))
        pack.import_pages(plan)
        pack.import_pages(filler, pages=list(range(plan_after, count)))
        pack.save(str(path))
    finally:
        for document in (pack, filler, plan):
            document.close()
        filler_path.unlink(missing_ok=True)
    return path


# --- the contenders: one function each, all reading the same Inputs -----------------------------------------


class Skipped(Exception):
    """The contender cannot run here; the message says why."""


def _fresh(scratch: Path, stem: str) -> Path:
    """A path in ``scratch`` that does not exist yet."""
    for index in range(1, 10_000):
        path = scratch / f"{stem}-{index}"
        if not path.exists():
            return path
    raise RuntimeError(f"no free name for {stem} in {scratch}")


def ingest_command(src: Path, out: Path, jobs: int = 1) -> Usage:
    """``python -m actionplans.pipeline ingest SRC --out OUT --no-progress [--jobs N]``, as a user runs it."""
    command = [sys.executable, "-m", "actionplans.pipeline", "ingest", str(src), "--out", str(out), "--no-progress"]
    return run_command([*command, "--jobs", str(jobs)] if jobs != 1 else command)


def ingest(inputs: Inputs, scratch: Path) -> Usage:
    """The whole batch ingest of the inputs' folder into a fresh --out (removed afterwards)."""
    out = _fresh(scratch, "out")
    try:
        return ingest_command(inputs.folder, out)
    finally:
        shutil.rmtree(out, ignore_errors=True)


def pdfplumber_words_tables(inputs: Inputs, scratch: Path) -> Usage:
    """The raw material our PDF reader starts from: words and table finding on every page."""
    return python_script(
        """
import pdfplumber
for path in paths:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_words()
            page.find_tables()
""",
        inputs.files,
    )


def pdfplumber_text(inputs: Inputs, scratch: Path) -> Usage:
    """The least pdfplumber does: ``extract_text()`` on every page."""
    return python_script(
        """
import pdfplumber
for path in paths:
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            page.extract_text()
""",
        inputs.files,
    )


def pypdfium2_text(inputs: Inputs, scratch: Path) -> Usage:
    """PDFium's text of every page, no layout: about the cheapest reading of a PDF there is."""
    return python_script(
        """
import pypdfium2
for path in paths:
    pdf = pypdfium2.PdfDocument(path)
    for page in pdf:
        page.get_textpage().get_text_bounded()
    pdf.close()
""",
        inputs.files,
    )


def camelot_lattice_stream(inputs: Inputs, scratch: Path) -> Usage:
    """Camelot's two table finders on every page, where camelot is installed."""
    if importlib.util.find_spec("camelot") is None:
        raise Skipped("camelot is not installed (not a dependency; not installed for this benchmark)")
    return python_script(
        """
import camelot
for path in paths:
    camelot.read_pdf(path, pages="all", flavor="lattice")
    camelot.read_pdf(path, pages="all", flavor="stream")
""",
        inputs.files,
    )


def actionplans_extract(inputs: Inputs, scratch: Path) -> Usage:
    """The whole extraction (reading, layout, records) of each file, in one process."""
    return python_script(
        """
from pathlib import Path
from actionplans.extractors import extract
for path in paths:
    extract(Path(path))
""",
        inputs.files,
    )


def actionplans_pipeline(inputs: Inputs, scratch: Path) -> Usage:
    """Each file's full run as a worker does it (extraction, normalisation, rows), in one process."""
    return python_script(
        """
from pathlib import Path
from actionplans.pipeline.process import process_document
for path in paths:
    process_document(Path(path), Path(path).parent)
""",
        inputs.files,
    )


Contender = Callable[[Inputs, Path], Usage]
CONTENDERS: dict[str, Contender] = {
    BASELINE: pdfplumber_words_tables,
    "pdfplumber text": pdfplumber_text,
    "pypdfium2 text": pypdfium2_text,
    "camelot lattice+stream": camelot_lattice_stream,
    "actionplans extract": actionplans_extract,
    PIPELINE: actionplans_pipeline,
    INGEST: ingest,
}


# --- results ------------------------------------------------------------------------------------------


@dataclass
class Result:
    """A contender's runs over one set of inputs."""

    pages: int
    runs: list[Usage] = field(default_factory=list)

    @property
    def cpu(self) -> float:
        return statistics.median(r.cpu for r in self.runs)

    @property
    def wall(self) -> float:
        return statistics.median(r.wall for r in self.runs)

    @property
    def peak_mib(self) -> float:
        return max(r.peak_mib for r in self.runs)

    @property
    def pages_per_s(self) -> float:
        return self.pages / self.cpu if self.cpu else float("inf")

    def as_json(self) -> dict[str, object]:
        return {
            "pages": self.pages,
            "cpu_s_median": self.cpu,
            "wall_s_median": self.wall,
            "peak_rss_mib": self.peak_mib,
            "pages_per_cpu_s": self.pages_per_s,
            "runs": [{"cpu_s": r.cpu, "wall_s": r.wall, "peak_rss_mib": r.peak_mib} for r in self.runs],
        }


def _last_line(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()]
    return lines[-1] if lines else ""


def compare(inputs: Inputs, scratch: Path, repeat: int, quick: bool) -> tuple[dict[str, Result], dict[str, str]]:
    """Every contender over ``inputs``, ``repeat`` rounds; the results and the contenders skipped (with why)."""
    results: dict[str, Result] = {}
    skipped: dict[str, str] = {}
    if quick:
        skipped["camelot lattice+stream"] = "skipped (--quick)"
    for round_ in range(1, repeat + 1):
        for name, contender in CONTENDERS.items():
            if name in skipped:
                continue
            progress(f"{inputs.label}: {name}, run {round_}/{repeat}")
            try:
                usage = contender(inputs, scratch)
            except Skipped as exc:
                skipped[name] = str(exc)
                continue
            results.setdefault(name, Result(inputs.pages)).runs.append(usage)
    return results, skipped


def print_comparison(inputs: Inputs, results: dict[str, Result], skipped: dict[str, str]) -> None:
    runs = len(next(iter(results.values())).runs)
    print(f"\n{inputs.label}: {len(inputs.files)} PDFs, {inputs.pages} pages; median of {runs} run(s); {CPU_NOTE}")
    print(f"{'contender':26s} {'pages/CPU s':>11s} {'CPU s':>8s} {'wall s':>8s} {'peak RSS MiB':>13s} {'vs base':>8s}")
    base = results[BASELINE].pages_per_s
    for name in CONTENDERS:
        if name in skipped:
            print(f"{name:26s} {skipped[name]}")
            continue
        r = results[name]
        ratio = r.pages_per_s / base
        print(f"{name:26s} {r.pages_per_s:11.2f} {r.cpu:8.2f} {r.wall:8.2f} {r.peak_mib:13.1f} {ratio:7.2f}x")
    print(f"(vs base: pages per CPU second as a multiple of {BASELINE}'s; peak RSS: largest single process)")
    ingest_result, pipeline_result = results[INGEST], results[PIPELINE]
    print(f"ingest / {BASELINE}: {ingest_result.pages_per_s / base:.2f}x")
    print(f"ingest said: {_last_line(ingest_result.runs[0].stdout)}")
    share = ingest_result.cpu / pipeline_result.cpu if pipeline_result.cpu else float("inf")
    verdict = (
        "plausible: the workers' CPU is counted"
        if share >= 0.8
        else "IMPLAUSIBLE: less than the same work in one process, so the workers' CPU is probably missing"
    )
    print(f"check: ingest CPU {ingest_result.cpu:.2f} s vs {PIPELINE} in one process {pipeline_result.cpu:.2f} s")
    print(f"       ({share:.2f}x): {verdict}")
    if share < 0.8:
        WARNINGS.append(f"{inputs.label}: ingest CPU looks too low ({verdict})")


# --- start-up, jobs, re-ingest --------------------------------------------------------------------------


def startup_costs(scratch: Path, runs: int) -> dict[str, list[Usage]]:
    """CPU of the processes a batch starts, each run ``runs`` times in a fresh interpreter."""
    folder = scratch / "startup"
    folder.mkdir()
    note = folder / "note.txt"
    note.write_text("A one-line note from Kent County Council.\n", encoding="utf-8")
    trivial = (
        "from pathlib import Path; from actionplans.pipeline.process import process_document; "
        f"print(process_document(Path({str(note)!r}), Path({str(folder)!r})).document['status'])"
    )
    worker = [sys.executable, "-m", "actionplans.pipeline.worker", "--parent", LAUNCHER_PID]
    worker_c = (
        "import actionplans.pipeline.worker, actionplans.normalise as normalise; "
        "getattr(normalise, 'warm', lambda: None)()"
    )
    commands: dict[str, list[str]] = {
        INTERPRETER: [sys.executable, "-c", "pass"],
        "one-line .txt via process_document": [sys.executable, "-c", trivial],
        "python -m actionplans.pipeline --help": [sys.executable, "-m", "actionplans.pipeline", "--help"],
        WORKER_START: worker,
    }
    out: dict[str, list[Usage]] = {}
    for round_ in range(1, runs + 1):
        for name, command in list(commands.items()):
            progress(f"start-up: {name}, run {round_}/{runs}")
            try:
                out.setdefault(name, []).append(run_command(command))
            except RuntimeError as exc:  # the worker's command line changed: measure its imports instead
                if command is not worker:
                    raise
                WARNINGS.append(
                    f"python -m actionplans.pipeline.worker did not start as expected ({exc}); measured `-c` form"
                )
                del commands[name], out[name]
                name = "import pipeline.worker; warm()"
                commands[name] = [sys.executable, "-c", worker_c]
                out.setdefault(name, []).append(run_command(commands[name]))
    return out


def print_startup(costs: dict[str, list[Usage]]) -> None:
    runs = len(next(iter(costs.values())))
    print(f"\nstart-up: CPU of one fresh process, median of {runs} runs")
    print(f"{'process':36s} {'CPU s':>7s} {'peak RSS MiB':>13s}")
    for name, usages in costs.items():
        cpu = statistics.median(u.cpu for u in usages)
        print(f"{name:36s} {cpu:7.2f} {max(u.peak_mib for u in usages):13.1f}")


def jobs_comparison(inputs: Inputs, scratch: Path, repeat: int) -> list[Usage]:
    """The corpus PDFs' ingest with ``--jobs 2`` (``--jobs 1`` is the ingest contender's runs)."""
    runs = []
    for round_ in range(1, repeat + 1):
        progress(f"ingest --jobs 2, run {round_}/{repeat}")
        out = _fresh(scratch, "out")
        runs.append(ingest_command(inputs.folder, out, jobs=2))
        shutil.rmtree(out, ignore_errors=True)
    return runs


def print_jobs(one: Result, two: list[Usage], worker_start: float | None) -> None:
    print(f"\ningest of the corpus PDFs, --jobs 1 vs --jobs 2 ({WALL_NOTE}); median of {len(two)} run(s)")
    print(f"{'':10s} {'CPU s':>8s} {'wall s':>8s} {'peak RSS MiB (one process)':>27s}")
    print(f"{'--jobs 1':10s} {one.cpu:8.2f} {one.wall:8.2f} {one.peak_mib:27.1f}")
    cpu, wall = statistics.median(u.cpu for u in two), statistics.median(u.wall for u in two)
    print(f"{'--jobs 2':10s} {cpu:8.2f} {wall:8.2f} {max(u.peak_mib for u in two):27.1f}")
    print(f"--jobs 2 / --jobs 1: CPU {cpu / one.cpu:.2f}x, wall {wall / one.wall:.2f}x")
    if worker_start is not None:
        print(
            f"extra CPU with --jobs 2: {cpu - one.cpu:+.2f} s "
            f"(one more worker process; a worker start costs {worker_start:.2f} s)"
        )


@dataclass
class Reingest:
    cold: list[Usage] = field(default_factory=list)
    again: list[Usage] = field(default_factory=list)

    def ratio(self, attribute: str) -> float:
        cold = statistics.median(getattr(u, attribute) for u in self.cold)
        again = statistics.median(getattr(u, attribute) for u in self.again)
        return cold / again if again else float("inf")


def reingest(inputs: Inputs, scratch: Path, repeat: int) -> Reingest:
    """Cold ingest of the batch into a fresh --out, then the same command again, ``repeat`` times."""
    result = Reingest()
    for round_ in range(1, repeat + 1):
        out = _fresh(scratch, "out")
        progress(f"20-document batch: cold ingest, run {round_}/{repeat}")
        result.cold.append(ingest_command(inputs.folder, out))
        progress(f"20-document batch: ingest again, unchanged, run {round_}/{repeat}")
        result.again.append(ingest_command(inputs.folder, out))
        shutil.rmtree(out, ignore_errors=True)
    return result


def print_reingest(inputs: Inputs, result: Reingest) -> None:
    formats = sorted({f.suffix for f in inputs.files})
    print(
        f"\nre-ingest of an unchanged {len(inputs.files)}-document batch ({', '.join(formats)}; "
        f"{inputs.pages} PDF pages); median of {len(result.cold)} run(s); {WALL_NOTE}"
    )
    print(f"{'':14s} {'CPU s':>8s} {'wall s':>8s} {'peak RSS MiB':>13s}  ingest said")
    for label, usages in (("cold", result.cold), ("unchanged", result.again)):
        cpu, wall = statistics.median(u.cpu for u in usages), statistics.median(u.wall for u in usages)
        said = _last_line(usages[0].stdout)
        print(f"{label:14s} {cpu:8.2f} {wall:8.2f} {max(u.peak_mib for u in usages):13.1f}  {said}")
    print(f"cold / unchanged: CPU {result.ratio('cpu'):.1f}x, wall {result.ratio('wall'):.1f}x")
    skipped = re.search(r"(\d+) unchanged and skipped", result.again[0].stdout)
    if not skipped or int(skipped.group(1)) != len(inputs.files):
        WARNINGS.append(f"the second ingest did not skip all {len(inputs.files)} documents: {skipped and skipped[0]}")


# --- targets ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Target:
    what: str
    value: float
    goal: float
    unit: str
    higher_is_better: bool = True

    @property
    def met(self) -> bool:
        return self.value >= self.goal if self.higher_is_better else self.value <= self.goal


def print_targets(targets: list[Target], on_corpus: bool = True) -> None:
    print("\ntargets (all on CPU time)")
    if not on_corpus:
        print(NO_CORPUS)
    print(f"{'target':72s} {'now':>9s} {'goal':>9s}  verdict")
    for t in targets:
        sign = "≥" if t.higher_is_better else "≤"
        verdict = "met" if t.met else "NOT met"
        print(f"{t.what:72s} {t.value:8.2f}{t.unit} {sign}{t.goal:7.2f}{t.unit}  {verdict}")


# --- main ---------------------------------------------------------------------------------------------


def _git() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True)
    except OSError:
        return "git: unknown"
    changed = len(dirty.stdout.splitlines())
    return f"git {head.stdout.strip()}" + (f" + {changed} uncommitted file(s)" if changed else "")


def _versions() -> str:
    from importlib.metadata import PackageNotFoundError, version

    parts = [f"python {sys.version.split()[0]}"]
    for name in ("pdfplumber", "pdfminer.six", "pypdfium2", "reportlab"):
        with contextlib.suppress(PackageNotFoundError):
            parts.append(f"{name} {version(name)}")
    return ", ".join(parts)


def compile_bytecode() -> str:
    """Compile the project's modules as pip does on install, and let the commands run read the bytecode."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    folders = [ROOT / name for name in ("actionplans", "pipeline", "extractors", "normalise")]
    ok = all(compileall.compile_dir(f, quiet=1) for f in folders if f.is_dir())
    return "bytecode: the project's modules compiled first, as an install does" + ("" if ok else " (some failed)")


@contextlib.contextmanager
def scratch_folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="bench_ingest-") as name:
        yield Path(name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("inputs", nargs="*", help="PDF files or folders (default: the corpus and data/raw PDFs)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement (median reported)")
    parser.add_argument("--quick", action="store_true", help="one run of each, and no Camelot")
    parser.add_argument(
        "--json", nargs="?", const="bench_ingest.json", metavar="FILE", help="also write the results to FILE"
    )
    args = parser.parse_args()
    repeat = 1 if args.quick else max(1, args.repeat)
    sources = corpus_pdfs(args.inputs)
    if not sources:
        sys.exit("no PDFs to measure")
    plan = next((p for p in PACK_PLANS if p.is_file()), None)
    if plan is None:
        sys.exit("no plan PDF for the agenda pack: " + ", ".join(str(p) for p in PACK_PLANS))
    started = time.strftime("%Y-%m-%d %H:%M")
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"bench_ingest {started}; {_versions()}; {_git()}")
    print(f"{os.cpu_count()} CPUs, load average {load}; {repeat} run(s) of each measurement")
    print(f"all speeds are on CPU time: {CPU_NOTE}; {WALL_NOTE}")
    print(compile_bytecode())
    if not args.inputs and not CORPUS.is_dir():
        print(NO_CORPUS)

    report: dict[str, object] = {"started": started, "repeat": repeat, "versions": _versions(), "git": _git()}
    with scratch_folder() as scratch:
        # 1. the corpus PDFs
        corpus = copy_inputs("corpus PDFs", sources, scratch / "corpus-pdfs")
        corpus_results, corpus_skipped = compare(corpus, scratch, repeat, args.quick)
        print_comparison(corpus, corpus_results, corpus_skipped)

        # 2. the agenda pack
        builder, built_by = build_agenda_pack, "build_agenda_pack of benchmarks/bench_ingest.py"
        pack_folder = scratch / "agenda-pack"
        pack_folder.mkdir()
        pack_path = pack_folder / "cabinet-agenda-pack-2025-03.pdf"
        progress(f"building the agenda pack with {built_by}")
        builder(pack_path, plan, pages=PACK_PAGES)
        pack = Inputs("agenda pack", pack_folder, [pack_path], page_count(pack_path))
        pack_results, pack_skipped = compare(pack, scratch, repeat, args.quick)
        print(
            f"\nagenda pack: {pack.pages} pages made by {built_by}, the {page_count(plan)} pages of {plan.name} inside"
        )
        print_comparison(pack, pack_results, pack_skipped)

        # 3. start-up
        costs = startup_costs(scratch, max(3, repeat))
        print_startup(costs)

        # 4. --jobs 1 vs --jobs 2
        two = jobs_comparison(corpus, scratch, repeat)
        starts = costs.get(WORKER_START)
        print_jobs(corpus_results[INGEST], two, statistics.median(u.cpu for u in starts) if starts else None)

        # 5. re-ingest of an unchanged batch
        batch_paths, batch_names = batch_sources()
        batch = copy_inputs("20-document batch", batch_paths, scratch / "batch", batch_names)
        again = reingest(batch, scratch, repeat)
        print_reingest(batch, again)

    # 6. the targets
    base = BASELINE
    startup_cpu = {n: statistics.median(u.cpu for u in us) for n, us in costs.items() if n != INTERPRETER}
    worst = max(startup_cpu, key=lambda n: startup_cpu[n])
    targets = [
        Target(
            f"ingest ≥ 2× {base} pages/s, corpus PDFs",
            corpus_results[INGEST].pages_per_s / corpus_results[base].pages_per_s,
            2.0,
            "x",
        ),
        Target(
            f"ingest ≥ 5× {base} pages/s, agenda pack",
            pack_results[INGEST].pages_per_s / pack_results[base].pages_per_s,
            5.0,
            "x",
        ),
        Target("re-ingest of an unchanged batch ≥ 50× faster than cold", again.ratio("cpu"), 50.0, "x"),
        Target(f"start-up ≤ 0.5 s CPU per process (worst: {worst})", startup_cpu[worst], 0.5, "s", False),
    ]
    print_targets(targets, on_corpus=bool(args.inputs) or CORPUS.is_dir())
    for warning in WARNINGS:
        print(f"warning: {warning}")
    print(f"(measured {started}; finished {time.strftime('%H:%M')})")

    if args.json:
        report |= {
            "corpus_pdfs": {n: r.as_json() for n, r in corpus_results.items()},
            "corpus_skipped": corpus_skipped,
            "agenda_pack": {n: r.as_json() for n, r in pack_results.items()},
            "agenda_pack_built_by": built_by,
            "startup_cpu_s": {n: statistics.median(u.cpu for u in us) for n, us in costs.items()},
            "ingest_jobs_2": [dataclasses.asdict(u) | {"stdout": None} for u in two],
            "reingest": {
                "cold": [dataclasses.asdict(u) | {"stdout": None} for u in again.cold],
                "unchanged": [dataclasses.asdict(u) | {"stdout": None} for u in again.again],
                "cpu_ratio": again.ratio("cpu"),
                "wall_ratio": again.ratio("wall"),
            },
            "targets": [dataclasses.asdict(t) | {"met": t.met} for t in targets],
            "warnings": WARNINGS,
        }
        Path(args.json).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"results written to {args.json}")


if __name__ == "__main__":
    main()
