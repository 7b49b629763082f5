"""The ``actionplans`` command: a thin layer over the Python API."""

from __future__ import annotations

import contextlib
import json
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

import click

from actionplans import __version__
from actionplans.options import ReadOptions
from actionplans.pipeline.discover import ManifestError
from actionplans.pipeline.store import StoreError

if TYPE_CHECKING:
    from actionplans.records import Action

_PASSWORD = click.option(
    "--password",
    envvar="ACTIONPLANS_PDF_PASSWORD",
    metavar="TEXT",
    help="Password that opens encrypted PDFs (or set ACTIONPLANS_PDF_PASSWORD, which other users cannot see "
    "in the process list). PDFs with only an owner password open without one.",
)
_OCR = click.option(
    "--ocr",
    is_flag=True,
    help="Recognise the text of PDFs that are only scanned images, with Tesseract (apt install tesseract-ocr, "
    "brew install tesseract).",
)


class _Commands(click.Group):
    """The command group, with commands whose modules are imported only when they run (or help lists them).

    ``fetch`` brings HTTP, e-mail dates and package metadata with it; ingest,
    which re-runs often over unchanged files, should not pay for them.
    """

    lazy: ClassVar[dict[str, tuple[str, str]]] = {"fetch": ("actionplans.pipeline.fetch", "fetch_command")}

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.lazy})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.lazy and cmd_name not in self.commands:
            import importlib

            module, name = self.lazy[cmd_name]
            command: click.Command = getattr(importlib.import_module(module), name)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="actionplans")
def main() -> None:
    """Turn UK council action plans (PDF, Word, Excel, web pages, text) into analysis-ready Parquet.

    \b
    Start with `actionplans ingest`: it reads every plan in data/raw/ and
    writes documents, recommendations and actions to data/processed/.
    """


_BYTES = {"": 1, "b": 1} | {
    f"{p}{suffix}": 2 ** (10 * n) for n, p in enumerate("kmgt", start=1) for suffix in ("", "b", "ib")
}
_SECONDS = {"": 1, "s": 1, "m": 60, "min": 60, "h": 3600}


class _Limit(click.ParamType):
    """A limit given as a number with an optional unit (``90``, ``2G``, ``512M``), or ``off``."""

    name = "limit"

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def convert(self, value: object, param: click.Parameter | None, ctx: click.Context | None) -> float | None:
        if value is None or isinstance(value, float | int):
            return value
        text = str(value).strip().lower()
        if text in ("off", "none"):
            return None
        found = re.fullmatch(r"(\d+(?:\.\d+)?)\s*([a-z]*)", text)
        unit = found.group(2) if found else ""
        scale = (_BYTES if self.kind == "bytes" else _SECONDS).get(unit)
        if not found or scale is None or float(found.group(1)) <= 0:
            example = "2G, 512M or off" if self.kind == "bytes" else "90, 10m, 1h or off"
            self.fail(f"{value!r} is not a limit (give e.g. {example})", param, ctx)
        return float(found.group(1)) * scale


class _Bar:
    """A progress bar with rate, ETA and running counts of documents ok and not ok."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._bar = tqdm(total=0, unit="doc", file=sys.stderr, dynamic_ncols=True, smoothing=0.05, leave=True)
        self.ok = self.not_ok = 0

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self._bar.close()

    def tick(self, done: int, total: int, document: dict[str, object] | None) -> None:
        if self._bar.total != total:
            self._bar.total = total
            self._bar.refresh()
        if document is None:
            return
        if document["status"] == "ok":
            self.ok += 1
        else:
            self.not_ok += 1
        self._bar.set_postfix_str(f"{self.ok} ok, {self.not_ok} not ok: {document['source']}", refresh=False)
        self._bar.update(1)


_OWN_PROCESS = False
"""Whether this process was started to run the command (:func:`entry`), and ends with it."""


def entry(argv: list[str] | None = None) -> None:
    """The ``actionplans`` command as a process of its own (the installed script, ``python -m
    actionplans.pipeline``): it may then trade what a longer-lived process needs for speed
    (:func:`_arrow_without_numpy`).  Code that runs the command inside its own process (``main(...)``,
    click's ``CliRunner``, a notebook) calls :func:`main` and keeps everything."""
    global _OWN_PROCESS
    _OWN_PROCESS = True
    main(argv)


def _arrow_without_numpy() -> None:
    """Have pyarrow, when this process imports it, load without NumPy.

    pyarrow (16 and later) works without NumPy, and loads it only to convert
    to and from NumPy arrays, which a local ingest never does: its rows are
    built from Python values (:mod:`actionplans.pipeline.arrays`) and its
    workers import neither.  NumPy is two thirds of pyarrow's import (about
    0.12 s of CPU in every run that writes).  Only for the ``ingest``
    command run as a process of its own (:func:`entry`), which exits when it
    is done: a process that goes on (the Python API, ``main`` called in a
    notebook or by click's ``CliRunner``, a Dask client) keeps NumPy.
    """
    if "pyarrow" not in sys.modules and "numpy" not in sys.modules:
        sys.modules["numpy"] = None  # type: ignore[assignment]  # an import of it raises ImportError


@main.command()
@click.argument("src", type=click.Path(path_type=Path), default=Path("data/raw"), required=False)
@click.option(
    "--out",
    "-o",
    type=click.Path(path_type=Path),
    default=Path("data/processed"),
    show_default=True,
    help="Folder for the Parquet files.",
)
@click.option(
    "--manifest",
    "-m",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="CSV with columns file, council, published, url (default: SRC/sources.csv if present).",
)
@click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=1, show_default=True, help="Documents to process in parallel."
)
@click.option("--force", is_flag=True, help="Re-extract every document, even unchanged ones.")
@click.option(
    "--prune", is_flag=True, help="Drop documents of SRC that are no longer there (by default they are kept)."
)
@click.option("--strict", is_flag=True, help="Exit with status 1 if any document is not ok.")
@click.option("--verbose", "-v", is_flag=True, help="List every document that is not ok, with tracebacks for failures.")
@click.option(
    "--timeout",
    type=_Limit("seconds"),
    default="600",
    show_default=True,
    help="Seconds one document may take before it is stopped with status timeout ('off': no limit).",
)
@click.option(
    "--memory-limit",
    type=_Limit("bytes"),
    default="4G",
    show_default=True,
    help="Memory one document may use (e.g. 2G, 512M) before it is stopped with status too_large ('off': none).",
)
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Read documents in worker processes here, or as tasks on a Dask cluster.",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="With --executor dask: the scheduler to use (tcp://host:8786); without it a local cluster of --jobs workers.",
)
@_PASSWORD
@_OCR
@click.option(
    "--progress/--no-progress", default=None, help="Show a progress bar (default: when stderr is a terminal)."
)
def ingest(
    src: Path,
    out: Path,
    manifest: Path | None,
    jobs: int,
    force: bool,
    prune: bool,
    strict: bool,
    verbose: bool,
    timeout: float | None,
    memory_limit: float | None,
    executor: str,
    scheduler: str | None,
    password: str | None,
    ocr: bool,
    progress: bool | None,
) -> None:
    """Extract every new or changed plan in SRC (default data/raw) into the dataset in --out.

    The dataset grows: a run adds new documents, replaces changed ones and
    keeps the rest (--prune drops documents no longer in SRC).  Its tables are
    documents.parquet, recommendations.parquet, actions.parquet and
    context_rows.parquet (columns: see README, or `actionplans schema`), each
    a folder of Parquet parts that pyarrow and pandas read as one table.  A
    file that cannot be read gets a row in documents.parquet with its status
    and the reason; the rest of the batch goes on.  Each document is read in
    a worker process under --timeout and --memory-limit.  A run that is
    killed keeps the documents it finished for the next run; a second run
    into the same --out at the same time stops with a message.

    \b
    Examples:
      actionplans ingest
      actionplans ingest ~/plans/2024 --out ~/plans/parquet --jobs 4
      actionplans ingest ~/plans/new --out ~/plans/parquet
      actionplans ingest plans/ --manifest plans/index.csv --force
      actionplans ingest plans/ --out ~/plans/parquet --prune
      actionplans ingest plans/ --timeout 120 --memory-limit 2G
      actionplans ingest /shared/plans --executor dask --scheduler tcp://10.0.0.5:8786
      ACTIONPLANS_PDF_PASSWORD=... actionplans ingest plans/
      actionplans ingest scans/ --ocr
    """
    from actionplans.options import Limits
    from actionplans.pipeline.ingest import Scheduler
    from actionplans.pipeline.ingest import ingest as run

    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    if executor == "local" and _OWN_PROCESS:
        _arrow_without_numpy()
    show = sys.stderr.isatty() if progress is None else progress
    bar = _Bar() if show else None
    limits = Limits(seconds=timeout, memory=int(memory_limit) if memory_limit else None)
    try:
        with bar or contextlib.nullcontext():
            summary = run(
                src,
                out,
                manifest=manifest,
                jobs=jobs,
                force=force,
                progress=bar.tick if bar else None,
                verbose=verbose,
                prune=prune,
                limits=limits,
                scheduler=Scheduler("dask" if executor == "dask" else "local", scheduler),
                options=ReadOptions(password=password, ocr=ocr),
            )
    except (FileNotFoundError, ManifestError, StoreError, RuntimeError) as exc:
        raise click.ClickException(str(exc)) from exc
    for warning in summary.warnings:
        click.echo(f"warning: {warning}", err=True)
    shown = summary.failures if verbose else summary.failures[:10]
    for source, status, message in shown:
        click.echo(f"{status}: {source}: {message}", err=True)
    if len(shown) < len(summary.failures):
        click.echo(f"... and {len(summary.failures) - len(shown)} more (see documents.parquet, or use -v)", err=True)
    for note in summary.notes():
        click.echo(f"note: {note}", err=True)
    click.echo(summary.line())
    if summary.interrupted is not None:
        sys.exit(130)
    if strict and summary.failures:
        sys.exit(1)


@main.command()
@click.argument(
    "processed",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    default=Path("data/processed"),
    required=False,
)
@click.argument("annotations", type=click.Path(path_type=Path, exists=True))
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Also list what differs: missing, extra and mismatched records."
)
def evaluate(processed: Path, annotations: Path, as_json: bool, show_diff: bool) -> None:
    """Score extracted Parquet (PROCESSED) against annotated plans (ANNOTATIONS).

    ANNOTATIONS is a folder of *.gold.json files (or one file) in the format
    described in the README: the recommendations and actions a correct
    extraction of each document contains.  Prints, per document and in
    total, F1 of recommendations and actions, exact action text, and the
    accuracy of owners, timescales and measures.

    \b
    Examples:
      actionplans evaluate data/processed my-annotations/
      actionplans evaluate data/processed my-annotations/ --diff
      actionplans evaluate data/processed my-annotations/ --json > scores.json
    """
    from actionplans.pipeline.evaluate import evaluate as run
    from actionplans.pipeline.evaluate import format_report

    try:
        report = run(processed, annotations, diffs=show_diff)
    except (ValueError, FileNotFoundError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(json.dumps(report.to_json(), indent=1) if as_json else format_report(report))


@main.command()
@click.argument("document", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the records as JSON lines.")
@_PASSWORD
@_OCR
def show(document: Path, as_json: bool, password: str | None, ocr: bool) -> None:
    """Extract one DOCUMENT and print what was found, without writing anything.

    \b
    Examples:
      actionplans show data/raw/fareham-cpc-action-plan-2025.pdf
      actionplans show plan.txt --json
      actionplans show scanned-plan.pdf --ocr
    """
    import dataclasses

    from actionplans.extractors import extract
    from actionplans.extractors.errors import ExtractionError

    try:
        extraction, _ = extract(document, ReadOptions(password=password, ocr=ocr))
    except (ExtractionError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        for kind, items in (("recommendation", extraction.recommendations), ("action", extraction.actions)):
            for item in items:
                click.echo(json.dumps({"kind": kind, **dataclasses.asdict(item)}, default=str))
        return
    click.echo(
        f"layout: {extraction.layout}   title: {extraction.title}   council: {extraction.council}   "
        f"date: {extraction.date}"
    )
    cues = ", ".join(f"{cue} ({n})" for cue, n in extraction.cues) or "none"
    pages = _page_ranges(extraction.plan_pages)
    confidence = f"{extraction.confidence:.0%}" if extraction.confidence is not None else "n/a"
    click.echo(f"cues: {cues}   plan pages: {pages or 'n/a'}   text read into records: {confidence}")
    for note in extraction.report:
        click.echo(f"  {note}")
    for n, table in enumerate(extraction.tables, start=1):
        where = f"p{_page_ranges(table.pages)}" if table.pages else "text"
        verdict = "actions" if table.accepted else f"not read: {table.reason}"
        click.echo(f"  table {n} ({where}, {table.kind}, {table.rows} rows): {verdict}")
        for col in table.columns:
            role = col.role or "extra" if col.header else col.role or "-"
            click.echo(f"      {col.header[:40] or '(no header)':<42} -> {role:<10} {col.score:.2f}")
    for rec in extraction.recommendations:
        click.echo(f"\nRecommendation {rec.rec_id}: {rec.text}")
        if rec.owners:
            click.echo(f"  owners: {'; '.join(rec.owners)}")
        for action in (a for a in extraction.actions if a.rec_id == rec.rec_id):
            _echo_action(action)
    listed = {r.rec_id for r in extraction.recommendations}
    for action in extraction.actions:
        if action.rec_id is None or action.rec_id not in listed:
            _echo_action(action)


@main.command()
@click.argument("document", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    default=None,
    help="Where to write the page (default: DOCUMENT's name and .review.html, in the current folder).",
)
@click.option(
    "--gold-stub",
    is_flag=True,
    help="Write the records as a gold file to correct by hand (DOCUMENT's name and .gold.json), not the page.",
)
@_PASSWORD
@_OCR
def review(document: Path, out: Path | None, gold_stub: bool, password: str | None, ocr: bool) -> None:
    """Write one self-contained HTML page showing every action DOCUMENT gives on its page.

    PDF pages are drawn with each action's box over them; text, web, Word and
    Excel sources are shown as their lines with each action's lines marked.
    The parse report (tables, column roles and why) is at the top, and actions
    with something to check (no owner, no timescale, a timescale that could not
    be read) are listed first.  The page opens offline in any browser; text,
    owners and timescales can be corrected on it, actions struck out, and what
    is on screen saved as a gold file that `actionplans evaluate` scores later
    runs against.  `--gold-stub` writes that file without a browser.

    \b
    Examples:
      actionplans review data/raw/fareham-cpc-action-plan-2025.pdf
      actionplans review plan.docx --out reviews/plan.html
      actionplans review plan.pdf --gold-stub --out gold/plan.pdf.gold.json
    """
    from actionplans.extractors.errors import ExtractionError
    from actionplans.pipeline.review import write_gold_stub, write_review

    options = ReadOptions(password=password, ocr=ocr)
    try:
        if gold_stub:
            written = write_gold_stub(document, out or Path(f"{document.name}.gold.json"), options)
            click.echo(f"wrote {written}: correct it by hand, then score runs with actionplans evaluate")
            return
        written = write_review(document, out or Path(f"{document.name}.review.html"), options)
    except (ExtractionError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"wrote {written} ({written.stat().st_size / 1e6:.1f} MB); open it in a browser")


def _page_ranges(pages: tuple[int, ...]) -> str:
    """``(1, 2, 3, 5)`` -> ``"1-3, 5"``."""
    out: list[str] = []
    for page in pages:
        if out and out[-1].split("-")[-1] == str(page - 1):
            out[-1] = f"{out[-1].split('-')[0]}-{page}"
        else:
            out.append(str(page))
    return ", ".join(out)


def _echo_action(action: Action) -> None:
    where = f"p{action.provenance.page}" if action.provenance.page else f"l{(action.provenance.lines or (0,))[0]}"
    click.echo(f"  [{action.action_id}] ({where}) {action.text}")
    details = [
        f"owners: {'; '.join(action.owners)}" if action.owners else "",
        f"timescale: {action.timescale_raw}" if action.timescale_raw else "",
        f"measure: {action.measure}" if action.measure else "",
        f"status: {action.status_raw or action.status_colour}" if action.status_raw or action.status_colour else "",
        f"progress: {action.progress}" if action.progress else "",
    ]
    line = "   ".join(d for d in details if d)
    if line:
        click.echo(f"      {line}")


@main.command()
@click.argument("text")
@click.option(
    "--reference", "-r", help="The plan's date (YYYY, YYYY-MM or YYYY-MM-DD): resolves year-less and relative text."
)
def timescale(text: str, reference: str | None) -> None:
    """Read one timescale TEXT and print the result as JSON.

    Prints the interval (inclusive start and end), granularity, status
    (dated, ongoing, completed, unknown), the dated milestones with their
    labels, and the rule that matched.

    \b
    Examples:
      actionplans timescale "Spring 2024"
      actionplans timescale "Q3 2024/25"
      actionplans timescale "March 25 for 25/26 service plans" --reference 2024-10
    """
    import dataclasses

    from actionplans.normalise import parse_timescale
    from actionplans.records import PartialDate

    ref = None
    if reference:
        try:
            ref = PartialDate.parse(reference).first_day()
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--reference") from exc
    result = parse_timescale(text, ref)
    click.echo(json.dumps(dataclasses.asdict(result), default=str, indent=1))


@main.command()
@click.argument("out", type=click.Path(path_type=Path, exists=True, file_okay=False), default=Path("data/processed"))
def compact(out: Path) -> None:
    """Merge the Parquet parts of the dataset in OUT (default data/processed) into one part per table.

    Each ingest adds a part to every table; readers see one table either way,
    but many small parts read more slowly.  Ingest compacts by itself past 64
    parts; run this after many small runs, or before sharing the dataset.

    \b
    Examples:
      actionplans compact
      actionplans compact ~/plans/parquet
    """
    from actionplans.pipeline.store import compact as run

    try:
        merged = run(out)
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"compacted {out}" if merged else f"{out} has one part per table already")


@main.command()
@click.argument("out", type=click.Path(path_type=Path, file_okay=False), default=Path("data/processed"))
@click.option("--council", "councils", multiple=True, metavar="NAME", help="Compare only these (repeat it).")
@click.option(
    "--by",
    type=click.Choice(["council", "council_type", "region", "nation"]),
    default="council",
    show_default=True,
    help="One row per council, or per type of council, region or nation.",
)
@click.option(
    "--as-of",
    "as_of",
    metavar="YYYY-MM-DD",
    help="The day overdue is counted on (default: today).",
)
@click.option("--html", "html_out", type=click.Path(path_type=Path, dir_okay=False), help="Write the report here.")
@click.option(
    "--pair",
    nargs=2,
    metavar="NAME NAME",
    help="The two councils the report shows side by side (default: the two with most actions).",
)
@click.option("--csv", "csv_dir", type=click.Path(path_type=Path, file_okay=False), help="Write the tables as CSV.")
@click.option("--xlsx", "xlsx_out", type=click.Path(path_type=Path, dir_okay=False), help="Write the tables as Excel.")
def compare(
    out: Path,
    councils: tuple[str, ...],
    by: str,
    as_of: str | None,
    html_out: Path | None,
    pair: tuple[str, str] | None,
    csv_dir: Path | None,
    xlsx_out: Path | None,
) -> None:
    """Compare the councils of the dataset in OUT (default data/processed), side by side.

    Each plan is counted once: the most complete of its renderings (a PDF and
    its text export are one plan), in its latest version.  Prints one row per
    council; --html writes a page with charts that opens offline, --csv and
    --xlsx the same tables for spreadsheets.

    \b
    Examples:
      actionplans compare
      actionplans compare --html report.html
      actionplans compare --council "Fareham Borough Council" --council "Harborough District Council"
      actionplans compare --by council_type --as-of 2025-04-01 --csv tables/
      actionplans compare ~/plans/parquet --xlsx comparison.xlsx
    """
    import datetime as dt

    from actionplans.pipeline.dataset import Dataset, DatasetError

    try:
        day = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    except ValueError as exc:
        raise click.BadParameter(f"{as_of!r}: give a date as YYYY-MM-DD", param_hint="--as-of") from exc
    try:
        result = Dataset(out).compare(councils=list(councils) or None, as_of=day, by=by)
    except (DatasetError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    if not int(result.summary["actions"].sum()):
        raise click.ClickException(f"{out} has no plans to compare (no document with actions)")
    if pair and any(p not in result.councils for p in pair):
        raise click.BadParameter(f"give two of: {', '.join(result.councils)}", param_hint="--pair")
    click.echo(_terminal_table(result.summary, by))
    if html_out:
        result.to_html(html_out, pair=pair)
        click.echo(f"wrote {html_out}")
    if csv_dir:
        written = result.to_csv(csv_dir)
        click.echo(f"wrote {len(written)} CSV files to {csv_dir}")
    if xlsx_out:
        result.to_xlsx(xlsx_out)
        click.echo(f"wrote {xlsx_out}")


def _terminal_table(summary: object, by: str) -> str:
    """The summary's main columns, aligned for a terminal."""
    import pandas as pd

    assert isinstance(summary, pd.DataFrame)
    shown = [by, "plans", "actions", "with_owner", "with_due_date", "last_due", "overdue", "top_role_families"]
    rows = [[c.replace("_", " ") for c in shown]]
    for record in summary[shown].itertuples(index=False):
        rows.append(
            [
                "–"
                if v is None or (not isinstance(v, str | list | tuple) and pd.isna(v))
                else f"{v:.0%}"
                if isinstance(v, float)
                else str(v)
                for v in record
            ]
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(shown))]
    return "\n".join("  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in rows)


@main.command()
@click.option("--markdown", is_flag=True, help="Print the data dictionary as Markdown (as in the README).")
def schema(markdown: bool) -> None:
    """Print the columns of the Parquet files this tool writes.

    \b
    Examples:
      actionplans schema
      actionplans schema --markdown
    """
    from actionplans.pipeline.schema import TABLES, data_dictionary

    if markdown:
        click.echo(data_dictionary(), nl=False)
        return
    for name, table in TABLES.items():
        click.echo(f"{name}.parquet")
        for f in table:
            click.echo(f"  {f.name:20s} {f.type}")


if __name__ == "__main__":
    main()
