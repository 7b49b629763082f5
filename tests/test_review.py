"""The review page: every action shown where it was read, on real documents and the project's fixtures.

The browser test opens the page in a real headless Chromium (Playwright driving the system's browser) and
skips with a reason where either is missing; ``.ci/run`` installs both where it can.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS, CORPUS_GOLD, FIXTURES, NO_CORPUS, ROOT, corpus_available
from lxml import html as lxml_html

from actionplans.extractors import extract
from actionplans.pipeline.review import checks, review_data, review_html, write_review
from actionplans.records import Action, Provenance

CORPUS_PDFS = sorted(CORPUS.glob("*.pdf")) if corpus_available() else []
SAMPLE_PDF = ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.pdf"


def _embedded(page: str) -> dict[str, Any]:
    tree = lxml_html.fromstring(page)
    (script,) = tree.xpath("//script[@id='data']")
    data: dict[str, Any] = json.loads(script.text)
    return data


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=[p.name for p in CORPUS_PDFS])
def test_every_action_of_a_pdf_has_its_box_on_its_rendered_page(path: Path) -> None:
    extraction, _ = extract(path)
    data = review_data(path)
    assert len(data["records"]) == len(extraction.actions)
    pages = {p["number"]: p for p in data["pages"]}
    for record, action in zip(data["records"], extraction.actions, strict=True):
        assert record["text"] == action.text
        assert record["page"] in pages, f"{action.action_id}: page {record['page']} is not drawn"
        x0, top, x1, bottom = record["bbox"]
        page = pages[record["page"]]
        assert 0 <= x0 < x1 <= page["width"] + 1 and 0 <= top < bottom <= page["height"] + 1, action.action_id
        assert page["image"].startswith("data:image/png;base64,")


@pytest.mark.parametrize(
    "path",
    [ROOT / "data" / "raw" / "fareham-cpc-action-plan-2025.txt", *sorted(FIXTURES.glob("plans/fareham-plan.*"))],
    ids=lambda p: p.name,
)
def test_other_sources_mark_each_records_lines(path: Path) -> None:
    """Text, web, Word and Excel sources: every action's first line is among the lines shown, or (Word, Excel)
    its cell is in a grid."""
    data = review_data(path)
    assert data["records"] and not data["pages"]
    shown = {(ln["sheet"], ln["n"]) for ln in data["lines"]}
    in_grids = {ref for grid in data["grids"] for row in grid["rows"] for cell in row for ref in cell["refs"]}
    for record in data["records"]:
        assert record["lines"], record["action_id"]
        if record["cell"] in in_grids:
            continue
        first = record["lines"][0]
        assert any((record["sheet"], n) in shown for n in range(first, record["lines"][1] + 1)), record["action_id"]


GRID_SOURCES = [
    *sorted(FIXTURES.glob("plans/fareham-plan.docx")),
    *sorted(FIXTURES.glob("plans/fareham-tracker.xlsx")),
    *sorted((ROOT / "data" / "raw").glob("*.docx")),
    *sorted((ROOT / "data" / "raw").glob("*.xlsx")),
]


def _occupancy(rows: list[list[dict[str, Any]]]) -> list[list[int]]:
    """How many drawn cells cover each slot of the grid, laid out as a browser lays out rowspan and colspan."""
    taken: dict[tuple[int, int], int] = {}
    for r, row in enumerate(rows):
        c = 0
        for cell in row:
            while (r, c) in taken:
                c += 1
            for dr in range(cell["rowspan"]):
                for dc in range(cell["colspan"]):
                    taken[(r + dr, c + dc)] = taken.get((r + dr, c + dc), 0) + 1
            c += cell["colspan"]
    width = max(c for _, c in taken) + 1
    return [[taken.get((r, c), 0) for c in range(width)] for r in range(len(rows))]


@pytest.mark.parametrize("path", GRID_SOURCES, ids=lambda p: p.name)
def test_word_and_excel_sources_show_their_tables_as_grids_with_each_records_cells(path: Path) -> None:
    """Each table is drawn as the grid it is (merged cells spanning, no slot covered twice or left empty), and
    every action's own cell and the cells of its fields are cells of a grid."""
    data = review_data(path)
    assert data["grids"] and not data["pages"]
    for grid in data["grids"]:
        assert {n for row in _occupancy(grid["rows"]) for n in row} == {1}, grid["name"]
    cells = {ref for grid in data["grids"] for row in grid["rows"] for cell in row for ref in cell["refs"]}
    for record in data["records"]:
        fields = {c["field"] for c in record["cells"]}
        assert "action" in fields and "owners" in fields and "timescale" in fields, record["action_id"]
        for c in record["cells"]:
            assert c["ref"] in cells, (record["action_id"], c)
    shown = {ln["text"] for ln in data["lines"]}
    for record in data["records"]:  # a table's words are in its grid, not repeated as lines
        assert record["text"] not in shown


def test_a_merged_cell_spans_the_rows_it_covers_and_a_colour_only_status_is_its_cell() -> None:
    """Harborough's recommendations and owners are merged down their actions; its RAG column is only colours."""
    path = ROOT / "data" / "raw" / "harborough-peer-challenge-action-plan-2024.docx"
    data = review_data(path)
    extraction, _ = extract(path)
    (grid,) = data["grids"]
    by_ref = {ref: cell for row in grid["rows"] for cell in row for ref in cell["refs"]}
    for rec in extraction.recommendations:
        actions = [a for a in extraction.actions if a.rec_id == rec.rec_id]
        (cell,) = {id(c): c for row in grid["rows"] for c in row if c["text"] == rec.text}.values()
        assert cell["rowspan"] == len(actions), rec.rec_id
    for record, action in zip(data["records"], extraction.actions, strict=True):
        (status,) = [c["ref"] for c in record["cells"] if c["field"] == "status"]
        assert by_ref[status]["text"] == "" and by_ref[status]["fill"], action.action_id
        assert action.status_colour  # the colour the cell shows is the status read


def test_the_page_is_self_contained(tmp_path: Path) -> None:
    page = review_html(review_data(SAMPLE_PDF))
    tree = lxml_html.fromstring(page)
    for element in tree.iter():
        for attr in ("src", "href"):
            value = element.get(attr)
            assert value is None or value.startswith(("data:", "#")), value
    assert not tree.xpath("//link[@rel='stylesheet'] | //script[@src]")
    data = _embedded(page)
    assert data["file"] == SAMPLE_PDF.name and data["report"]["tables"]


HOSTILE = "Publish </script><script>alert(1)</script> <!--<script> %DATA% %CHECKS% the plan"


def test_text_that_looks_like_markup_cannot_close_the_script() -> None:
    data = review_data(SAMPLE_PDF)
    data["records"][0]["text"] = HOSTILE
    data["file"] = "plan %DATA%.pdf"
    page = review_html(data)
    assert page.count("</script>") == 2 and "<!--" not in page  # the data's and the code's
    assert _embedded(page)["records"][0]["text"] == HOSTILE
    # The placeholders written in the data are not filled in again.
    assert lxml_html.fromstring(page).findtext(".//title") == "Review: plan %DATA%.pdf"


def _action(owners: tuple[str, ...] = (), timescale: str | None = None) -> Action:
    return Action(None, "1", "Do it", Provenance("test"), owners=owners, timescale_raw=timescale)


def test_checks_count_only_what_the_document_gives_elsewhere() -> None:
    bare = _action()
    assert checks(bare, (bare, _action())) == []  # a plan without owners or timescales misses none
    full = _action(("Chief Executive",), "March 2025")
    assert checks(bare, (bare, full)) == ["no_owner", "no_timescale"]
    assert checks(_action(("Chief Executive",), "when the Board agrees"), (full,)) == ["timescale_unread"]


def test_the_command_writes_the_page(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from actionplans.pipeline.cli import main

    out = tmp_path / "reviews" / "sample.html"
    result = CliRunner().invoke(main, ["review", str(SAMPLE_PDF), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.is_file() and "wrote" in result.output
    assert len(_embedded(out.read_text(encoding="utf-8"))["records"]) == 21


def test_a_gold_stub_corrected_by_hand_scores_the_next_run(tmp_path: Path) -> None:
    """The loop a team closes on its own plans: stub, correct, then ``evaluate`` scores runs against it."""
    from click.testing import CliRunner

    from actionplans.pipeline.cli import main
    from actionplans.pipeline.evaluate import evaluate

    src = tmp_path / "src"
    src.mkdir()
    shutil.copy(SAMPLE_PDF, src / SAMPLE_PDF.name)
    runner = CliRunner()
    assert runner.invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out")]).exit_code == 0
    gold_dir = tmp_path / "gold"
    stub = gold_dir / f"{SAMPLE_PDF.name}.gold.json"
    result = runner.invoke(main, ["review", str(src / SAMPLE_PDF.name), "--gold-stub", "--out", str(stub)])
    assert result.exit_code == 0, result.output
    as_extracted = evaluate(tmp_path / "out", gold_dir).total.metrics()
    assert as_extracted["act_f1"] == 1.0 and as_extracted["owner_acc"] == 1.0
    gold = json.loads(stub.read_text(encoding="utf-8"))
    gold["actions"].append(dict(gold["actions"][0], id="1.1.z", text="Hold a second summit with every parish council"))
    gold["actions"][1]["owners"] = ["Director of Place"]
    stub.write_text(json.dumps(gold), encoding="utf-8")
    corrected = evaluate(tmp_path / "out", gold_dir).total.metrics()
    assert corrected["act_recall"] == pytest.approx(21 / 22, abs=1e-3)
    assert corrected["owner_acc"] == pytest.approx(20 / 21, abs=1e-3)


def _browser() -> str | None:
    return next((b for b in ("chromium", "chromium-browser", "google-chrome") if shutil.which(b)), None)


@pytest.mark.skipif(_browser() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_a_real_browser_opens_the_page_and_a_click_marks_the_records_box(tmp_path: Path) -> None:
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    data = review_data(SAMPLE_PDF)
    data["records"][1]["text"] = HOSTILE  # the browser's own tokenizer must keep it inside the data
    page_path = tmp_path / "review.html"
    page_path.write_text(review_html(data), encoding="utf-8")
    errors: list[str] = []
    browser_path = shutil.which(_browser() or "")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_path.as_uri())
            assert page.locator(".record").count() == 21
            assert page.locator(".page img").count() >= 1
            assert page.get_by_text("<!--<script>", exact=False).count() == 1  # shown as text, nothing run
            card = page.locator(".record").nth(2)
            number = card.get_attribute("data-r")
            card.click()
            box = page.locator(f".box[data-r='{number}']")
            assert box.count() == 1 and "hl" in (box.get_attribute("class") or "")
            fields = {f["field"] for f in data["records"][int(number or 0)]["fields"]}
            assert fields and page.locator(".box.field.hl").count() == len(fields), "its owner and date cells too"
            page.screenshot(path=str(tmp_path / "review.png"))
            # Correct a record's text, strike another out, and save what is on screen as gold.
            edited = page.locator(f".record[data-r='{number}'] [data-field=text]")
            edited.fill("Refresh the Corporate Plan")
            other = next(str(r["n"]) for r in data["records"] if str(r["n"]) != number)  # strike out another
            page.locator(f".record[data-r='{other}'] [data-field=deleted]").check()
            page.locator("#add").click()  # an action the extractor missed, written in on the page
            page.locator(".record.added [data-field=text]").fill("Publish the annual report")
            page.locator(".record.added [data-field=rec]").fill("5")
            with page.expect_download() as download:
                page.locator("#export").click()
            saved = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
        finally:
            browser.close()
    assert errors == []
    assert (tmp_path / "review.png").stat().st_size > 10_000
    assert saved["source"] == SAMPLE_PDF.name and len(saved["actions"]) == 21  # 21 read, 1 struck out, 1 added
    assert "Refresh the Corporate Plan" in [a["text"] for a in saved["actions"]]
    added = saved["actions"][-1]
    assert (added["text"], added["rec"], added["owners"]) == ("Publish the annual report", "5", [])


def test_the_dataset_carries_each_actions_review_flags(tmp_path: Path) -> None:
    """``actions.review`` and ``documents.n_to_review`` say the same as the page: one plan whose second action
    lost its owner and whose third has a timescale that is no date."""
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from actionplans.pipeline.cli import main

    src = tmp_path / "src"
    src.mkdir()
    (src / "plan.txt").write_text(
        "Ref\tAction\tLead officer\tTarget date\n"
        "1.1\tHold a place summit with partners to test draft priorities\tChief Executive\tJune 2025\n"
        "1.2\tPublish the draft vision for a twelve-week public consultation\t\tSummer 2025\n"
        "1.3\tTake the final vision to Full Council for adoption\tChief Executive\twhen the Board agrees\n"
        "1.4\tReport on progress to Cabinet\tChief Executive\tQ3\n"
        "1.5\tAgree the engagement plan with partners\tChief Executive\tTBC\n",
        encoding="utf-8",
    )
    (src / "sources.csv").write_text("file,council,published\nplan.txt,Kent County Council,2025-03\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["ingest", str(src), "--out", str(tmp_path / "out")]).exit_code == 0
    actions = pq.read_table(tmp_path / "out" / "actions.parquet").to_pylist()
    # "Q3" reads against the plan's date, "TBC" is a status: neither is to check.
    assert [(a["action_id"], a["review"]) for a in actions] == [
        ("1.1", []),
        ("1.2", ["no_owner"]),
        ("1.3", ["timescale_unread"]),
        ("1.4", []),
        ("1.5", []),
    ]
    (document,) = pq.read_table(tmp_path / "out" / "documents.parquet").to_pylist()
    assert document["n_to_review"] == 2
    # The page reads the plan's date from the text; here the manifest gives it, so give the text one too.
    (src / "plan.txt").write_text("Kent County Council\nMarch 2025\n" + (src / "plan.txt").read_text(), "utf-8")
    assert [r["checks"] for r in review_data(src / "plan.txt")["records"]] == [a["review"] for a in actions]


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
@pytest.mark.skipif(_browser() is None, reason="no Chromium on this machine (apt-get install chromium)")
def test_every_corpus_documents_page_opens_in_a_real_browser_without_errors(tmp_path: Path) -> None:
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    documents = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt", ".html", ".docx", ".xlsx"))
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which(_browser() or ""), args=["--no-sandbox"])
        try:
            for document in documents:
                errors: list[str] = []
                page = browser.new_page()
                page.on("console", lambda m, errors=errors: errors.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, errors=errors: errors.append(str(e)))
                out = write_review(document, tmp_path / f"{document.name}.html")
                page.goto(out.as_uri())
                actions = extract(document)[0].actions
                expected = len(actions)
                assert page.locator(".record").count() == expected, document.name
                if document.suffix == ".pdf" and expected:
                    assert page.locator(".box:not(.field)").count() == expected, document.name
                    fields = sum(1 for a in actions for _, where in a.fields if where.bbox is not None)
                    assert page.locator(".box.field").count() == fields, document.name
                assert errors == [], document.name
                page.close()
        finally:
            browser.close()


def _words_in(page: Any, box: list[float]) -> str:
    x0, top, x1, bottom = box
    inside = [
        w["text"]
        for w in page.extract_words()
        if w["x0"] >= x0 - 1 and w["x1"] <= x1 + 1 and w["top"] >= top - 1 and w["bottom"] <= bottom + 1
    ]
    return " ".join(inside).lower()


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
@pytest.mark.parametrize("path", CORPUS_PDFS, ids=[p.name for p in CORPUS_PDFS])
def test_each_field_box_holds_the_words_of_its_field(path: Path) -> None:
    """The boxes drawn for an action's owners and timescale lie on its page and hold the words read from them:
    the first word of its first owner, the first word of its timescale."""
    import pdfplumber

    extraction, _ = extract(path)
    data = review_data(path)
    with pdfplumber.open(path) as pdf:
        for record, action in zip(data["records"], extraction.actions, strict=True):
            for box in record["fields"]:
                page = pdf.pages[box["page"] - 1]
                x0, top, x1, bottom = box["bbox"]
                assert 0 <= x0 < x1 <= page.width + 1 and 0 <= top < bottom <= page.height + 1, action.action_id
                value = {"owners": action.owners[0] if action.owners else "", "timescale": action.timescale_raw}.get(
                    box["field"]
                )
                if not value:
                    continue
                first = value.split()[0].lower()
                if box["page"] == record["page"]:  # a cell cut by a page break is boxed on its first page
                    assert first in _words_in(page, box["bbox"]), (action.action_id, box["field"], value)


def test_the_readers_doubts_are_review_flags_from_its_own_evidence() -> None:
    """A row cut by a page break, an owner cell split where the layout shows no break, and timescales a
    row cannot pair with its actions: each is flagged, and a plain row is not."""
    from actionplans.normalise.owners import split_owners_guessed
    from actionplans.pipeline.process import review_flags
    from actionplans.records import DOUBTS, REVIEW_FLAGS

    assert split_owners_guessed(["Head of Finance", "Director of Place"], [None]) == (
        ["Head of Finance", "Director of Place"],
        True,
    )
    assert split_owners_guessed(["Head of Finance", "Director of Place"], ["para"])[1] is False
    assert split_owners_guessed(["Head of Customer", "Services"], [None]) == (["Head of Customer Services"], False)
    doubted = Action("1", "1.1", "Do it", Provenance("pdf/table"), owners=("CEO",), timescale_raw="May 2025",
                     doubts=("row_joined_across_pages",))  # fmt: skip
    plain = Action("1", "1.2", "Do that", Provenance("pdf/table"), owners=("CEO",), timescale_raw="May 2025")
    assert review_flags([doubted, plain], ["month", "month"]) == [["row_joined_across_pages"], []]
    assert set(DOUBTS) <= set(REVIEW_FLAGS)


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_a_plan_whose_rows_break_across_pages_says_so() -> None:
    """King's Lynn's re-typeset plan splits rows over page breaks by design, and pairs two dates with
    several actions in some rows: both show as doubts, on those rows only."""
    extraction, _ = extract(CORPUS / "kings-lynn-cpc-action-plan-2024.pdf")
    doubts = [set(a.doubts) for a in extraction.actions]
    joined = sum("row_joined_across_pages" in d for d in doubts)
    assert 0 < joined < len(doubts)
    assert any("timescale_not_aligned" in d for d in doubts)
    for action in extraction.actions:
        if "timescale_not_aligned" in action.doubts:
            assert action.timescale_raw and len(action.timescale_raw.split()) > 2, action.action_id


@pytest.mark.skipif(_browser() is None, reason="no Chromium on this machine (apt-get install chromium)")
@pytest.mark.parametrize("path", GRID_SOURCES, ids=lambda p: p.name)
def test_a_click_on_a_word_or_excel_record_marks_its_cells_in_the_grid(path: Path, tmp_path: Path) -> None:
    playwright = pytest.importorskip(
        "playwright.sync_api", reason="Playwright is not installed (pip install playwright)"
    )
    data = review_data(path)
    out = write_review(path, tmp_path / "review.html")
    errors: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which(_browser() or ""), args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(out.as_uri())
            cells = sum(len(row) for grid in data["grids"] for row in grid["rows"])
            assert page.locator(".grid td").count() == cells
            assert page.locator(".grid td.rec").count() == len({r["cells"][0]["ref"] for r in data["records"]})
            record = data["records"][1]
            page.locator(f".record[data-r='{record['n']}']").click()
            marked = page.locator(".grid td.hl")
            assert marked.count() == len(record["cells"])  # its own cell, and one per field it was read from
            assert page.locator(".grid td.rec.hl").count() == 1
            assert set(marked.evaluate_all("tds => tds.map(td => td.title)")) == {c["ref"] for c in record["cells"]}
            page.screenshot(path=str(tmp_path / "grid.png"))
        finally:
            browser.close()
    assert errors == []


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_every_action_the_gold_says_is_wrong_is_flagged_for_review(tmp_path: Path) -> None:
    """A reviewer who checks only the flagged actions misses nothing known to be wrong: on the corpus, every
    extracted action the gold has no action for, or that differs from the one it pairs with (what
    ``evaluate --diff`` lists), carries a review flag."""
    import pyarrow.parquet as pq

    from actionplans.pipeline.evaluate import load_annotations, wrong_actions
    from actionplans.pipeline.ingest import ingest

    out = tmp_path / "out"
    ingest(CORPUS, out)
    golds = load_annotations(CORPUS_GOLD)
    recs = pq.read_table(out / "recommendations.parquet").to_pylist()
    actions = pq.read_table(out / "actions.parquet").to_pylist()
    checked = 0
    unflagged = []
    for document in pq.read_table(out / "documents.parquet").to_pylist():
        gold = golds.get(Path(document["source"]).name)
        if gold is None:
            continue
        mine = [a for a in actions if a["doc_id"] == document["doc_id"]]
        wrong = wrong_actions(gold, [r for r in recs if r["doc_id"] == document["doc_id"]], mine)
        checked += len(wrong)
        unflagged += [f"{document['source']} {mine[i]['action_id']}" for i in wrong if not mine[i]["review"]]
    assert checked, "the corpus has actions known to be wrong: the check checks something"
    assert unflagged == []


@pytest.mark.skipif(not corpus_available(), reason=NO_CORPUS)
def test_every_corpus_documents_gold_stub_left_unedited_scores_one_against_its_run(tmp_path: Path) -> None:
    from actionplans.pipeline.evaluate import evaluate
    from actionplans.pipeline.ingest import ingest
    from actionplans.pipeline.review import write_gold_stub

    out, gold = tmp_path / "out", tmp_path / "gold"
    ingest(CORPUS, out)
    documents = sorted(p for p in CORPUS.iterdir() if p.suffix in (".pdf", ".txt", ".html", ".docx", ".xlsx"))
    for document in documents:
        write_gold_stub(document, gold / f"{document.name}.gold.json")
    report = evaluate(out, gold)
    assert sorted(Path(s).name for s in report.documents) == [d.name for d in documents]
    for source, counts in report.documents.items():
        scores = counts.metrics()
        assert scores["rec_f1"] == 1.0 and scores["act_f1"] == 1.0, source
        assert all(scores[k] in (1.0, None) for k in ("act_text_exact", "owner_acc", "timescale_acc")), source


def test_a_grid_is_named_as_its_cells_references_count_tables(tmp_path: Path) -> None:
    """A table nested in a cell counts among the document's tables in the cells' references ("table 3, row
    1, ..."): the grid after it is named as they count, so the name and the cells' "where" agree."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    outer = document.add_table(rows=2, cols=2)
    outer.rows[0].cells[0].text, outer.rows[0].cells[1].text = "Action", "Lead"
    outer.rows[1].cells[0].add_table(rows=1, cols=1).rows[0].cells[0].text = "nested"
    document.add_paragraph("Between the tables")
    plan = document.add_table(rows=2, cols=3)
    for cell, text in zip(plan.rows[0].cells + plan.rows[1].cells, ("Action", "Lead", "Timescale",
                          "Review the budget", "Director of Finance", "March 2026"), strict=True):  # fmt: skip
        cell.text = text
    path = tmp_path / "nested.docx"
    document.save(str(path))
    grids = review_data(path)["grids"]
    for grid in grids:  # each cell's own address (a nested table's lines inside it have their own)
        refs = [cell["refs"][0] for row in grid["rows"] for cell in row if cell["refs"]]
        assert refs and all(ref.startswith(grid["name"] + ",") for ref in refs), grid["name"]
    assert [g["name"] for g in grids] == ["table 1", "table 3"]
