"""A process's start-up: what is built lazily, what a document without actions never loads, and ``warm()``."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from actionplans.normalise import parse_timescale, roles, split_owners, warm
from actionplans.normalise.councils import canonical_council, find_council
from actionplans.normalise.roles import canonical_owner, looks_like_person, mentioned_roles_many
from actionplans.normalise.status import normalise_status
from actionplans.normalise.themes import themes_of


def results() -> list[object]:
    """One call into each normaliser's lazily built state; run cold (in a fresh process) and warm."""
    return [
        find_council("Report to the Borough Council of King's Lynn & West Norfolk, March 2024"),
        canonical_council("kent county council"),
        canonical_owner("Director (Finance)"),
        canonical_owner("Michelle Drewery"),
        looks_like_person("Head of Finance"),
        mentioned_roles_many(["ED's and ADs to hold more directorate meetings", "", "Report to Cabinet/Council"]),
        split_owners(["Head of HR and Chief Executive"]),
        themes_of(["Refresh the MTFS and the housing strategy", ""]),
        normalise_status("Amber"),
        repr(parse_timescale("Q3 2024/25")),
        repr(parse_timescale("Ongoing")),
        repr(parse_timescale("12 Sept 2025")),
    ]


def _run(code: str) -> str:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout


def test_results_are_the_same_warm_or_cold() -> None:
    here = str(Path(__file__).parent)
    cold = json.loads(
        _run(
            f"import json, sys; sys.path.insert(0, {here!r}); import test_startup as t; print(json.dumps(t.results()))"
        )
    )
    warm()
    assert json.loads(json.dumps(results())) == cold


def test_warm_builds_once() -> None:
    """A second call reuses what the first built (each index and pipeline is built once per process)."""
    from actionplans.normalise import councils, roles, themes

    warm()

    def built() -> tuple[object, ...]:
        return councils._index(), roles._role_matcher(), roles.role_vocabulary(), themes._matchers()

    first = built()
    warm()
    assert all(a is b for a, b in zip(first, built(), strict=True))


def test_a_plan_without_numeric_dates_never_loads_dateparser_nor_spacy() -> None:
    """dateparser is a fallback for a cell holding a year or a numeric date the rules did not read; spaCy
    (a second of CPU to import) is loaded only for a trained pipeline's PERSON entities, where one is
    installed, so roles and themes are found without it."""
    if roles._person_model.__wrapped__() is not None:
        pytest.skip("a trained spaCy pipeline is installed here, and owners are checked against it")
    sample = Path(__file__).parents[1] / "data" / "raw" / "fareham-cpc-action-plan-2025.txt"
    code = f"""
import sys
from pathlib import Path
from actionplans.pipeline.process import process_document
out = process_document(Path({str(sample)!r}), Path({str(sample.parent)!r}))
print(len(out.actions), sum(bool(a["mentioned_roles"]) for a in out.actions),
      sum(bool(a["themes"]) for a in out.actions), "dateparser" in sys.modules, "spacy" in sys.modules)
"""
    count, with_roles, with_themes, dateparser, spacy = _run(code).split()
    assert (count, dateparser, spacy) == ("21", "False", "False")
    assert int(with_roles) > 0 and int(with_themes) > 0  # roles and themes were looked for, and found


def test_a_text_without_actions_loads_neither_spacy_nor_the_pdf_reader(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("A one-line note from Kent County Council.\n", encoding="utf-8")
    code = f"""
import sys
from pathlib import Path
from actionplans.pipeline.process import process_document
out = process_document(Path({str(path)!r}), Path({str(tmp_path)!r}))
print(out.document["council"], out.document["status"], *sorted(m for m in ("spacy", "pdfplumber", "dateparser")
      if m in sys.modules))
"""
    assert _run(code).split() == ["Kent", "County", "Council", "no_plan_found"]


def _plan_folder(tmp_path: Path) -> Path:
    """A folder holding one short text plan."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "plan.txt").write_text("Action plan\n\n1. Review the budget. Lead: Chief Executive. By March 2025.\n")
    return src


def _ingest_then(src: Path, out: Path, then: str) -> str:
    """Python code that ingests ``src`` into ``out`` through the CLI, then runs ``then``."""
    return f"""
import sys
from actionplans.pipeline.cli import entry
WATCHED = ("actionplans.pipeline.fetch", "actionplans.pipeline.worker", "httpx", "pandas", "pyarrow", "spacy")
try:
    entry(["ingest", {str(src)!r}, "--out", {str(out)!r}, "--no-progress"])
except SystemExit:
    pass
{then}
"""


def test_ingest_of_an_unchanged_folder_loads_neither_fetch_nor_workers_nor_the_table_libraries(tmp_path: Path) -> None:
    """A re-run over unchanged files starts only what it needs: no HTTP client, worker, pandas, pyarrow or
    spaCy."""
    src, out = _plan_folder(tmp_path), tmp_path / "out"
    code = _ingest_then(src, out, "print(sorted(m for m in WATCHED if m in sys.modules))")
    _run(code)  # the first run writes the dataset
    assert _run(code).strip().splitlines()[-1] == "[]"
    with_fetch = "from actionplans.pipeline.cli import main; main(['fetch', '--help'])"
    assert (
        "Download the plans"
        in subprocess.run([sys.executable, "-c", with_fetch], capture_output=True, text=True).stdout
    )


def test_an_ingest_that_writes_never_loads_pandas_or_numpy(tmp_path: Path) -> None:
    """The store builds its Arrow arrays itself: pyarrow's own conversion imports pandas (0.3 s of CPU)
    to ask whether the rows are a pandas object, and pyarrow loads NumPy with itself (0.12 s), which the
    ``ingest`` command has it do without.  Checked on a first run, one that adds a document and one that
    replaces a changed one (its old rows filtered out of a part, with ``pyarrow.compute``)."""
    src, out = _plan_folder(tmp_path), tmp_path / "out"
    loaded = 'print(*(sys.modules.get(m) is not None for m in ("pyarrow", "pandas", "numpy")))'
    code = _ingest_then(src, out, loaded)
    assert _run(code).split()[-3:] == ["True", "False", "False"]
    (src / "more.txt").write_text("Action plan\n\n1. Refresh the workforce plan. Lead: Head of HR. By June 2025.\n")
    assert _run(code).split()[-3:] == ["True", "False", "False"]
    (src / "plan.txt").write_text("Action plan\n\n1. Review the capital budget. Lead: Chief Executive.\n")
    assert _run(code).split()[-3:] == ["True", "False", "False"]
    import pyarrow.parquet as pq

    texts = pq.read_table(out / "actions.parquet").column("text").to_pylist()
    assert sorted(texts) == ["Refresh the workforce plan.", "Review the capital budget."]


def test_the_python_api_ingest_leaves_numpy_to_the_process(tmp_path: Path) -> None:
    """Only the ``ingest`` command's own process has pyarrow load without NumPy: a notebook that ingests
    through the API and then reads the tables with pandas still has both."""
    src, out = _plan_folder(tmp_path), tmp_path / "out"
    code = f"""
from actionplans.pipeline.ingest import ingest
ingest({str(src)!r}, {str(out)!r})  # paths as text, as a notebook writes them
import pandas as pd
print(pd.read_parquet({str(out / "actions.parquet")!r})["text"].tolist())
"""
    assert _run(code).strip().splitlines()[-1] == "['Review the budget.']"


def test_the_command_run_inside_a_process_leaves_numpy_to_it(tmp_path: Path) -> None:
    """``main`` called in a process that goes on (click's CliRunner, a notebook) keeps NumPy for it: only the
    command run as a process of its own has pyarrow load without."""
    src, out = _plan_folder(tmp_path), tmp_path / "out"
    code = f"""
from click.testing import CliRunner
from actionplans.pipeline.cli import main
result = CliRunner().invoke(main, ["ingest", {str(src)!r}, "--out", {str(out)!r}, "--no-progress"])
assert result.exit_code == 0, result.output
result = CliRunner().invoke(main, ["compare", {str(out)!r}])
import pandas as pd
print(result.exit_code, pd.read_parquet({str(out / "actions.parquet")!r})["text"].tolist())
"""
    assert _run(code).strip().splitlines()[-1] == "0 ['Review the budget.']"


def test_warm_builds_the_theme_matchers_so_no_document_pays_for_them() -> None:
    code = (
        "from actionplans.normalise import warm, themes; warm(); "
        "print(themes._matchers.cache_info().currsize, themes.vocabulary.cache_info().currsize)"
    )
    assert _run(code).split() == ["1", "1"]
