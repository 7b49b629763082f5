"""One plan, one set of records; councils side by side (``Dataset``, ``compare``, the report, the CLI)."""

from __future__ import annotations

import csv
import datetime as dt
import json
import re
import shutil
import urllib.parse
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import CORPUS, CORPUS_GOLD, NO_CORPUS, ROOT, corpus_available

import actionplans
from actionplans.pipeline import plans
from actionplans.pipeline.cli import main
from actionplans.pipeline.ingest import ingest

RAW = ROOT / "data" / "raw"
SAMPLE_GOLD = ROOT / "tests" / "fixtures" / "gold"


def _rendering(doc_id: str, texts: list[str], date: str | None = None, fmt: str = "pdf", **kw: Any) -> Any:
    return plans.Rendering(
        doc_id=doc_id,
        source=kw.pop("source", f"{doc_id}.{fmt}"),
        format=fmt,
        document_date=date,
        keys=frozenset(plans.content_keys(texts)),
        completeness=kw.pop("completeness", 1.0),
        **kw,
    )


ACTIONS = [f"Action number {n} of the plan, with its own words." for n in range(10)]


def test_renderings_of_one_plan_link_by_their_action_words_whatever_the_file_names() -> None:
    typeset = [t.upper().replace(",", "") for t in ACTIONS[:9]]  # another converter: case, punctuation, one missed
    other = [f"Something else entirely, number {n}." for n in range(10)]
    out = plans.assign(
        [_rendering("a", ACTIONS), _rendering("b", typeset, fmt="text"), _rendering("c", other), _rendering("d", [])]
    )
    assert out["a"].plan_id == out["b"].plan_id != out["c"].plan_id
    assert out["d"] == plans.NO_PLAN
    assert [out[k].primary for k in "abc"] == [True, False, True]


def test_two_plans_sharing_one_generic_action_stay_two() -> None:
    first = ["Report progress to Cabinet.", *ACTIONS[:5]]
    second = ["Report progress to Cabinet.", *[f"Other work {n}." for n in range(5)]]
    out = plans.assign([_rendering("a", first), _rendering("b", second)])
    assert out["a"].plan_id != out["b"].plan_id


def test_two_councils_plans_are_two_plans_and_a_short_document_joins_none() -> None:
    """A council's plan that reuses another's wording is its own; one action shared by two plans (a one-line
    note quoting it) links neither to it nor them to each other."""
    other = [*ACTIONS[:4], "Their own action."]
    out = plans.assign(
        [
            _rendering("fareham", ACTIONS, council="Fareham Borough Council"),
            _rendering("eastleigh", other, council="Eastleigh Borough Council"),
        ]
    )
    assert out["fareham"].plan_id != out["eastleigh"].plan_id and out["fareham"].primary and out["eastleigh"].primary
    second = [ACTIONS[0], *[f"Another plan's action {n}." for n in range(12)]]
    bridged = plans.assign([_rendering("a", ACTIONS), _rendering("b", second), _rendering("note", [ACTIONS[0]])])
    assert len({f.plan_id for f in bridged.values()}) == 3


def test_the_counted_rendering_is_one_whose_council_is_known() -> None:
    out = plans.assign(
        [_rendering("a-copy", ACTIONS, source="a-copy.pdf"), _rendering("b", ACTIONS, council="Kent County Council")]
    )
    assert out["b"].primary and not out["a-copy"].primary


def test_versions_follow_the_month_and_undated_renderings_join_the_version_they_match() -> None:
    update = [*ACTIONS, "A new action added at the progress review."]
    out = plans.assign(
        [
            _rendering("spring", ACTIONS, "2024-03-01"),
            _rendering("spring-text", ACTIONS, None, fmt="text"),
            _rendering("autumn", update, "2024-10-15"),
        ]
    )
    assert len({f.plan_id for f in out.values()}) == 1
    assert (out["spring"].plan_version, out["spring-text"].plan_version, out["autumn"].plan_version) == (1, 1, 2)
    assert out["spring"].primary and out["autumn"].primary and not out["spring-text"].primary


def test_primary_is_the_most_complete_then_more_actions_then_the_authored_format() -> None:
    fragments = [*ACTIONS, "a fragment", "another fragment"]
    out = plans.assign(
        [
            _rendering("split", fragments, completeness=1.5, fmt="text"),
            _rendering("whole", ACTIONS, completeness=2.0, fmt="text"),
            _rendering("pdf", ACTIONS, completeness=2.0, fmt="pdf"),
        ]
    )
    assert [k for k, f in out.items() if f.primary] == ["pdf"]


def test_a_plan_keeps_its_id_when_a_later_run_adds_a_rendering() -> None:
    first = plans.assign([_rendering("a", ACTIONS)])["a"].plan_id
    again = plans.assign([_rendering("a", ACTIONS, plan_id=first), _rendering("b", ACTIONS, completeness=3.0)])
    assert again["a"].plan_id == again["b"].plan_id == first and again["b"].primary


def test_completeness_counts_the_fields_each_action_has() -> None:
    rows: list[dict[str, object]] = [
        {"owners": ["CEO"], "timescale_raw": "May 2025", "measure": None, "status_raw": "Green"},
        {"owners": [], "timescale_raw": None, "measure": None, "status_raw": None, "status_colour": None},
    ]
    assert plans.completeness(rows) == 1.5
    assert plans.completeness([]) == 0.0


# --- through the store --------------------------------------------------------------------------------------


def _docs(out: Path) -> dict[str, dict[str, Any]]:
    return {str(d.source): d._asdict() for d in actionplans.open(out).documents.itertuples(index=False)}


def test_ingest_links_renderings_and_keeps_ids_as_the_dataset_grows(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "fareham-cpc-action-plan-2025.pdf", src / "plan.pdf")
    ingest(src, out)
    first = _docs(out)["plan.pdf"]
    assert first["plan_id"] and first["primary"] and first["plan_version"] == 1

    shutil.copy(RAW / "fareham-cpc-action-plan-2025.txt", src / "plan.txt")  # the text export, a richer rendering
    shutil.copy(RAW / "fareham-cpc-action-plan-2025.pdf", src / "copy.pdf")  # the same bytes again
    ingest(src, out)
    docs = _docs(out)
    assert {d["plan_id"] for d in docs.values()} == {first["plan_id"]}
    assert [s for s, d in docs.items() if d["primary"]] == ["plan.txt"], "the text export has measures too"
    assert not docs["plan.pdf"]["primary"], "the published row of the earlier rendering was updated"

    (src / "plan.txt").unlink()  # the primary goes: another rendering takes its place
    ingest(src, out, prune=True)
    docs = _docs(out)
    assert sorted(docs) == ["copy.pdf", "plan.pdf"] and sum(d["primary"] for d in docs.values()) == 1


def test_a_progress_update_months_later_is_a_new_version_of_the_same_plan(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "fareham-cpc-action-plan-2025.pdf", src / "march.pdf")
    shutil.copy(RAW / "fareham-cpc-action-plan-2025.pdf", src / "october.pdf")
    (src / "sources.csv").write_text(
        "file,council,published\nmarch.pdf,Fareham Borough Council,2025-03\n"
        "october.pdf,Fareham Borough Council,2025-10\n",
        encoding="utf-8",
    )
    ingest(src, out)
    docs = _docs(out)
    assert docs["march.pdf"]["plan_id"] == docs["october.pdf"]["plan_id"]
    assert (docs["march.pdf"]["plan_version"], docs["october.pdf"]["plan_version"]) == (1, 2)
    ds = actionplans.open(out)
    assert set(ds.plan_documents()["source"]) == {"october.pdf"}, "comparison reads the latest version"


def test_a_dataset_written_before_plans_were_linked_gets_them_at_the_next_run(tmp_path: Path) -> None:
    """Documents an older index holds without content keys (or an index rebuilt from the documents table)
    get their plan from their published actions when anything is next published, and compare reads a dataset
    that has no plan fields at all, each document its own plan."""
    import json as json_module

    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "fareham-cpc-action-plan-2025.pdf", src / "plan.pdf")
    ingest(src, out)
    index_path = next((out / ".store" / "versions").glob("*/index.json"))
    data = json_module.loads(index_path.read_text(encoding="utf-8"))
    for entry in data["documents"].values():  # as an older version wrote it
        for key in ("keys", "completeness", "plan_id", "plan_version", "primary"):
            entry.pop(key, None)
    index_path.write_text(json_module.dumps(data), encoding="utf-8")
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(RAW / "harborough-peer-challenge-action-plan-2024.docx", other / "harborough.docx")
    ingest(other, out)
    docs = _docs(out)
    assert all(d["plan_id"] and d["primary"] for d in docs.values()), docs
    assert len(actionplans.open(out).compare().summary) == 2


def test_compare_by_council_type_and_region_counts_every_action(sample: Path) -> None:
    ds = actionplans.open(sample)
    total = ds.compare().summary["actions"].sum()
    by_type = ds.compare(by="council_type").summary
    assert by_type["actions"].sum() == total
    assert set(by_type["council_type"]) == {"County", "Non-metropolitan district"}
    by_region = ds.compare(by="region").summary
    assert by_region["actions"].sum() == total and len(by_region) == 3
    norfolk = ds.compare(councils=["Norfolk County Council"], by="council_type").summary
    assert norfolk["actions"].tolist() == [14]


def test_a_council_the_register_does_not_know_is_grouped_under_a_label_that_says_so(tmp_path: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(RAW / "harborough-peer-challenge-action-plan-2024.docx", src / "plan.docx")
    (src / "sources.csv").write_text("file,council\nplan.docx,Nowhere Parish Meeting\n", encoding="utf-8")
    ingest(src, out)
    by_type = actionplans.open(out).compare(by="council_type").summary
    assert by_type["council_type"].tolist() == ["(council type not known)"]
    assert by_type["actions"].tolist() == [10]


def test_every_council_in_the_sample_has_its_gss_code_type_and_region(sample: Path) -> None:
    """The sample's plans are fictional, put in real councils' names: the register gives each its code."""
    docs = actionplans.open(sample).documents
    register = {
        "Fareham Borough Council": ("E07000087", "South East"),
        "Harborough District Council": ("E07000131", "East Midlands"),
        "Norfolk County Council": ("E10000020", "East of England"),
    }
    assert {c: (code, region) for c, code, region in docs[["council", "council_code", "region"]].values} == register
    assert all("(fictional sample)" in t.lower() for t in docs["title"]), "each sample plan says it is a sample"


def test_shares_are_of_each_councils_actions(sample: Path) -> None:
    result = actionplans.open(sample).compare()
    actions = dict(zip(result.summary["council"], result.summary["actions"], strict=True))
    for council, top in zip(result.summary["council"], result.summary["top_role_families"], strict=True):
        family, share = top.split(", ")[0].rsplit(" ", 1)
        assert share == f"{result.owner_load.loc[council, family] / actions[council]:.0%}"


def test_compare_says_so_when_nothing_has_actions_and_writes_lists_as_text(tmp_path: Path, sample: Path) -> None:
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    (src / "note.txt").write_text("A note from Kent County Council with no plan in it.\n", encoding="utf-8")
    ingest(src, out)
    empty = actionplans.open(out).compare()
    # The council is there, with no plan: a national picture shows who has none.
    assert empty.summary[["council", "plans", "actions"]].values.tolist() == [["Kent County Council", 0, 0]]
    mixed = tmp_path / "mixed"
    shutil.copytree(src, mixed)
    shutil.copy(RAW / "harborough-peer-challenge-action-plan-2024.docx", mixed)
    ingest(mixed, tmp_path / "mixed-out")
    shown = CliRunner().invoke(main, ["compare", str(tmp_path / "mixed-out"), "--html", str(tmp_path / "r.html")])
    assert shown.exit_code == 0 and "Kent County Council" in shown.output
    assert not re.search(r"\bnan\b", shown.output + (tmp_path / "r.html").read_text(encoding="utf-8"))
    result = CliRunner().invoke(main, ["compare", str(out)])
    assert result.exit_code != 0 and "no plans to compare" in result.output
    written = actionplans.open(sample).compare().to_csv(tmp_path / "csv")
    rows = list(csv.DictReader((tmp_path / "csv" / "actions.csv").open(encoding="utf-8")))
    assert written and rows and all("[" not in r["owners"] and "array(" not in r["themes"] for r in rows)
    with pytest.raises(ValueError, match="not compared here"):
        actionplans.open(sample).compare().side_by_side("Fareham Borough Council", "Nowhere Council")


# --- the bundled sample --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("sample") / "processed"
    ingest(RAW, out)
    return out


def _gold_actions(path: Path) -> int:
    return len(json.loads(path.read_text(encoding="utf-8"))["actions"])


def test_the_sample_compares_three_councils_with_the_counts_their_plans_have(sample: Path) -> None:
    result = actionplans.open(sample).compare(as_of=dt.date(2025, 10, 1))
    counts = dict(zip(result.summary["council"], result.summary["actions"], strict=True))
    manifest = list(csv.DictReader((RAW / "sources.csv").open(encoding="utf-8")))
    expected: dict[str, int] = {}
    for row in manifest:  # one plan per council: its renderings are one plan, counted once
        gold = SAMPLE_GOLD / f"{row['file']}.gold.json"
        expected[row["council"]] = max(expected.get(row["council"], 0), _gold_actions(gold))
    assert counts == expected and len(counts) >= 3
    assert set(result.summary["plans"]) == {1}
    assert result.status_mix.drop(columns=["no status given"], errors="ignore").to_numpy().sum() > 0


def test_overdue_is_a_dated_due_date_before_the_day_not_ongoing_not_complete() -> None:
    import pandas as pd

    actions = pd.DataFrame(
        {
            "due_end": [dt.date(2025, 1, 31), dt.date(2025, 1, 31), dt.date(2025, 1, 31), dt.date(2026, 1, 1), None],
            "due_status": ["dated", "dated", "dated", "dated", "unknown"],
            "due_ongoing": [False, True, False, False, False],
            "status": ["on_track", None, "complete", None, None],
        }
    )
    assert actionplans.overdue(actions, dt.date(2025, 6, 1)).tolist() == [True, False, False, False, False]


def test_the_dataset_reads_with_proper_dtypes_and_as_duckdb(sample: Path) -> None:
    ds = actionplans.open(sample)
    assert str(ds.actions["due_end"].dtype) == "date32[day][pyarrow]"
    assert str(ds.documents["n_actions"].dtype) == "int32[pyarrow]"
    by_sql = ds.sql("select council, count(*) as n from plan_actions group by 1").df()
    assert dict(zip(by_sql["council"], by_sql["n"], strict=True)) == dict(
        zip(ds.compare().summary["council"], ds.compare().summary["actions"], strict=True)
    )
    with pytest.raises(actionplans.pipeline.dataset.DatasetError, match="actionplans ingest"):
        actionplans.open(sample.parent / "nothing-here")


def test_compare_cli_prints_the_table_and_writes_csv_xlsx_and_html(sample: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    html, xlsx, folder = tmp_path / "r.html", tmp_path / "c.xlsx", tmp_path / "csv"
    args = ["compare", str(sample), "--as-of", "2025-10-01", "--html", str(html), "--xlsx", str(xlsx)]
    result = runner.invoke(main, [*args, "--csv", str(folder)])
    assert result.exit_code == 0, result.output
    assert "Harborough District Council" in result.output and "Norfolk County Council" in result.output
    assert {p.name for p in folder.iterdir()} >= {"summary.csv", "owner_load.csv", "due_timeline.csv", "themes.csv"}
    from openpyxl import load_workbook

    assert load_workbook(xlsx).sheetnames == [
        "summary",
        "owner_load",
        "due_timeline",
        "status_mix",
        "themes",
        "actions",
    ]
    page = html.read_text(encoding="utf-8")
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page) and "<script" not in page, "nothing fetched"
    # Links to the plans are relative to the report, so the two can be moved or shared together.
    links = re.findall(r"<a href='([^']+)'>", page)
    assert links and not any(link.startswith("file:") for link in links)
    for link in links:
        target = (html.parent / urllib.parse.unquote(link.split("#")[0])).resolve()
        assert target.is_file(), link
    bad = runner.invoke(main, ["compare", str(sample), "--council", "Nowhere Council"])
    assert bad.exit_code != 0 and "not in the dataset" in bad.output
    empty = runner.invoke(main, ["compare", str(tmp_path / "none")])
    assert empty.exit_code != 0 and "no dataset" in empty.output


def _chromium() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.mark.skipif(_chromium() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_the_report_opens_offline_in_a_browser_with_every_view(sample: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip("playwright.sync_api", reason="playwright is in the test extra")
    page_path = tmp_path / "report.html"
    actionplans.open(sample).compare(as_of=dt.date(2025, 10, 1)).to_html(page_path)
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which(_chromium() or ""), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        errors: list[str] = []
        requests: list[str] = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url) if not r.url.startswith("file:") else None)
        page.goto(page_path.as_uri())
        for view in ("summary", "owner-load", "timeline", "status-mix", "themes", "side-by-side"):
            assert page.locator(f"section#{view}").count() == 1, view
        charts = {"owner-load": 1, "timeline": 1, "status-mix": 1, "themes": 2}  # themes: CPC themes, services
        for view, n in charts.items():
            assert page.locator(f"section#{view} svg").count() == n, f"{view} has its chart"
        assert page.locator("section#summary tbody tr").count() == 3
        assert page.locator("section#side-by-side .act a").count() > 0, "actions link back to their files"
        page.screenshot(path=str(tmp_path / "report.png"), full_page=True)
        browser.close()
    assert not errors and not requests, (errors, requests)


# --- the corpus ---------------------------------------------------------------------------------------------


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_on_the_corpus_renderings_share_a_plan_and_councils_count_each_plan_once(tmp_path: Path) -> None:
    out = tmp_path / "out"
    ingest(CORPUS, out)
    ds = actionplans.open(out)
    docs = {str(d.source): d._asdict() for d in ds.documents.itertuples(index=False)}
    golds = {}
    for path in sorted(CORPUS_GOLD.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for name in [gold["source"], *(gold.get("also") or [])]:
            golds[name] = gold
        if gold["actions"]:  # a gold and the files it also describes are renderings of one plan
            ids = {docs[n]["plan_id"] for n in [gold["source"], *(gold.get("also") or [])]}
            assert len(ids) == 1 and None not in ids, gold["source"]
    expected: dict[str, int] = defaultdict(int)
    for source, doc in docs.items():
        council = golds[source]["document"]["council"] if source in golds else doc["council"]
        if council:
            expected[council] += 0  # every council read has a row, with a plan or not
        if doc["primary"] and doc["plan_version"] == 1:
            expected[golds[source]["document"]["council"]] += len(golds[source]["actions"])
    summary = ds.compare().summary
    assert dict(zip(summary["council"], summary["actions"], strict=True)) == dict(expected)
    assert all(summary["council_code"].notna()), "every council in the corpus has its GSS code"
