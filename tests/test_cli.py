"""The command line: help with examples, summaries, exit codes; the README kept in step with it."""

from __future__ import annotations

import csv
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner
from conftest import FIXTURES, ROOT

from actionplans.pipeline.cli import main
from actionplans.pipeline.schema import data_dictionary

README = (ROOT / "README.md").read_text(encoding="utf-8")
COMMANDS = sorted(main.commands)


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_examples(command: str) -> None:
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Examples:" in result.output and f"actionplans {command}" in result.output


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_is_documented_in_the_readme(command: str) -> None:
    assert f"actionplans {command}" in README


def test_readme_data_dictionary_matches_the_schema() -> None:
    block = re.search(r"<!-- data-dictionary -->\n(.*?)<!-- /data-dictionary -->", README, re.S)
    assert block, "README has no data dictionary block"
    assert block.group(1) == data_dictionary(), "run: actionplans schema --markdown, and paste it into README.md"


def _sample_golds() -> list[Path]:
    """The gold of every file of the bundled sample, by its manifest."""
    with (ROOT / "data" / "raw" / "sources.csv").open(encoding="utf-8") as fh:
        return [FIXTURES / "gold" / f"{row['file']}.gold.json" for row in csv.DictReader(fh)]


def test_ingest_prints_a_summary_and_writes_parquet(tmp_path: Path) -> None:
    src = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", src)
    result = CliRunner().invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in _sample_golds()]
    recs, actions = sum(len(g["recommendations"]) for g in golds), sum(len(g["actions"]) for g in golds)
    assert f"{len(golds)} documents ({len(golds)} ok), {recs} recommendations, {actions} actions" in result.output
    assert (tmp_path / "out" / "actions.parquet").exists()


def test_ingest_strict_fails_when_a_document_is_not_ok(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(FIXTURES / "bad"), "--out", str(tmp_path / "out"), "--strict"])
    assert result.exit_code == 1
    assert "encrypted: encrypted.pdf: the PDF is encrypted" in result.output


def test_ingest_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path / "nowhere"), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no such folder or file" in result.output


def test_evaluate_scores_against_annotations(tmp_path: Path) -> None:
    src = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", src)
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out")])
    result = runner.invoke(main, ["evaluate", str(tmp_path / "out"), str(FIXTURES / "gold"), "--diff"])
    assert result.exit_code == 0, result.output
    total = next(ln for ln in result.output.splitlines() if ln.startswith("TOTAL"))
    n = len(_sample_golds())
    assert "act_f1 1.0" in total and f"council_ok {n}/{n}" in total


def test_show_prints_the_records_of_one_document() -> None:
    result = CliRunner().invoke(main, ["show", str(ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.pdf")])
    assert result.exit_code == 0, result.output
    assert "layout: sectioned" in result.output
    assert "[1.1.a] (p1) Hold a place summit" in result.output


def test_show_reports_unreadable_files() -> None:
    result = CliRunner().invoke(main, ["show", str(FIXTURES / "bad" / "encrypted.pdf")])
    assert result.exit_code == 1 and "needs a password" in result.output


def test_python_dash_m_pipeline_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "actionplans.pipeline", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0 and "actionplans" in result.stdout.lower()


def test_group_help_lists_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert all(name in result.output for name in COMMANDS)
    assert isinstance(main, click.Group)


def test_the_progress_bar_counts_documents_ok_and_not(tmp_path: Path) -> None:
    src = tmp_path / "raw"
    shutil.copytree(ROOT / "data" / "raw", src)
    (src / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    result = CliRunner().invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out"), "--progress"])
    assert result.exit_code == 0, result.output
    n = len(_sample_golds())
    assert f"{n + 1}/{n + 1}" in result.stderr and f"{n} ok, 1 not ok" in result.stderr


@pytest.mark.parametrize(
    ("option", "value", "said"),
    [("--timeout", "soon", "'soon' is not a limit"), ("--memory-limit", "2Q", "'2Q' is not a limit")],
)
def test_limits_that_are_not_limits_are_refused(option: str, value: str, said: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["ingest", str(tmp_path), "--out", str(tmp_path / "out"), option, value])
    assert result.exit_code == 2 and said in result.output


def _encrypted(path: Path, user: str, owner: str) -> Path:
    from reportlab.lib.pdfencrypt import StandardEncryption
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), encrypt=StandardEncryption(user, owner))
    lines = ["Action", "Lead officer", "Timescale"], ["Review the constitution", "Monitoring Officer", "May 2025"]
    for y, row in zip((720, 700), lines, strict=True):
        for x, text in zip((72, 300, 450), row, strict=True):
            c.drawString(x, y, text)
    c.save()
    return path


def test_pdfs_with_a_password(tmp_path: Path) -> None:
    """Only an owner password: opens as it is.  A user password: `encrypted` until --password gives it, and
    a re-run with the password reads the document it could not read before."""
    src = tmp_path / "src"
    src.mkdir()
    _encrypted(src / "owner-only.pdf", "", "owner-secret")
    _encrypted(src / "locked.pdf", "user-secret", "owner-secret")
    out = tmp_path / "out"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(src), "--out", str(out), "--no-progress", "-v"])
    assert first.exit_code == 0, first.output
    assert "encrypted: locked.pdf: the PDF is encrypted and needs a password to open: give it with --password" in (
        first.output
    )
    assert "owner-only.pdf" not in first.output
    wrong = runner.invoke(main, ["show", str(src / "locked.pdf"), "--password", "guess"])
    assert wrong.exit_code != 0 and "the password given (--password) does not open it" in wrong.output
    shown = runner.invoke(main, ["show", str(src / "locked.pdf")], env={"ACTIONPLANS_PDF_PASSWORD": "user-secret"})
    assert shown.exit_code == 0 and "Review the constitution" in shown.output, shown.output
    again = runner.invoke(
        main, ["ingest", str(src), "--out", str(out), "--no-progress", "--password", "user-secret", "-v"]
    )
    assert again.exit_code == 0 and "encrypted" not in again.output, again.output
    assert "1 unchanged and skipped" in again.output  # the owner-only PDF; the locked one is read again
