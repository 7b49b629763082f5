"""The table engine on hand-built tables: stitching pages, repeated headers, cut rows, timescale alignment."""

from __future__ import annotations

from actionplans.extractors.cells import Item
from actionplans.extractors.columns import assign_roles
from actionplans.extractors.model import Cell, Line, Paragraph, Row, SourceDoc, Table
from actionplans.extractors.tables import (
    LogicalRow,
    TimescaleItem,
    align_timescales,
    continues_row,
    doc_to_action_tables,
    group_rows,
    rec_number,
)

HEADER = ["No.", "Recommendation", "Actions", "Lead Officer", "Target Date"]


def row(*texts: str, page: int = 1, x: float = 0.0) -> Row:
    cells: list[Cell | None] = []
    for i, t in enumerate(texts):
        bbox = (x + 100 * i, 0.0, x + 100 * (i + 1), 10.0)
        cells.append(Cell(paras=[[Line(t, page=page)]] if t else [], bbox=bbox, page=page))
    return Row(cells=cells, page=page)


def table(*rows: Row) -> Table:
    return Table(rows=list(rows), kind="ruled")


def test_table_continued_on_next_page_is_one_table_and_repeated_header_dropped() -> None:
    page1 = table(row(*HEADER), row("1", "Review governance", "Explore issues", "MO", "December 2024"))
    page2 = table(
        row(*HEADER, page=2),
        row("", "", "customer experience", "", "", page=2),
        row("2", "Digitalisation", "Prepare a strategy", "CX", "March 2025", page=2),
    )
    doc = SourceDoc(blocks=[Paragraph([Line("Action plan")]), page1, page2], reader="pdf")
    tables = doc_to_action_tables(doc)
    assert len(tables) == 1
    texts = [r.text(2) for r in tables[0].rows]
    assert texts == ["Explore issues", "customer experience", "Prepare a strategy"]
    assert tables[0].rows[1].after_break


def test_text_between_tables_keeps_them_apart() -> None:
    first = table(row(*HEADER), row("1", "One", "Act", "MO", "2024"))
    second = table(row(*HEADER), row("2", "Two", "Act", "MO", "2025"))
    doc = SourceDoc(blocks=[first, Paragraph([Line("Recommendation 2")]), second], reader="pdf")
    assert len(doc_to_action_tables(doc)) == 2


def test_columns_that_do_not_line_up_are_not_stitched() -> None:
    first = table(row(*HEADER), row("1", "One", "Act", "MO", "2024"))
    other = table(row("", "", "more text", "", "", page=2, x=37.0))
    doc = SourceDoc(blocks=[first, other], reader="pdf")
    assert len(doc_to_action_tables(doc)[0].rows) == 1


def test_header_broken_over_two_rows_is_merged() -> None:
    t = table(
        row("What do we want to", "How are we going to do it?", "Timescale"),
        row("achieve?", "", ""),
        row("1.1 Objective", "a. Act", "May 2024"),
    )
    found = doc_to_action_tables(SourceDoc(blocks=[t], reader="text"))
    assert [c.role for c in found[0].header.columns] == ["objective", "action", "timescale"]
    assert len(found[0].rows) == 1


def test_cut_row_rules() -> None:
    header = assign_roles(HEADER)
    assert header.accepted
    prev = row(
        "2", "Digitalisation – ensure there are", "Prepare a plan to support efficiency and improved", "CX", "2024"
    )
    assert continues_row(row("", "", "customer experience", "", ""), prev, header)
    assert continues_row(row("", "sufficient resources", "", "", ""), prev, header)
    # a new action under the same recommendation: its own owner, capitalised text
    assert not continues_row(row("", "", "Publish the strategy", "CX", "2025"), prev, header)
    # a lower-case measure or owner tail does not make a new action's row a continuation
    assert not continues_row(row("", "", "Local partnership work", "Director of Economy", ""), prev, header)


def test_group_rows_spanning_recommendation_cells() -> None:
    t = table(
        row(*HEADER),
        row("1", "One", "First action", "MO", "2024"),
        row("", "", "Second action", "CX", "2025"),
        row("2", "Two", "Third action", "MO", "2026"),
    )
    found = doc_to_action_tables(SourceDoc(blocks=[t], reader="text"))[0]
    groups = group_rows(found, 0, number=rec_number)
    assert all(isinstance(g, LogicalRow) for g in groups)
    assert [[r.text(2) for r in g.rows] for g in groups if isinstance(g, LogicalRow)] == [
        ["First action"],
        ["Second action"],
        ["Third action"],
    ]


def items(*rows_tops: tuple[int, float]) -> list[Item]:
    return [
        Item(lines=[Line(f"item {i}", page=1, bbox=(0, top, 10, top + 5))], row=r, parts=[f"item {i}"])
        for i, (r, top) in enumerate(rows_tops)
    ]


def stamps(*specs: tuple[str, int, float]) -> list[TimescaleItem]:
    return [TimescaleItem(text, r, Line(text, page=1, bbox=(50, top, 60, top + 5))) for text, r, top in specs]


def test_one_timescale_applies_to_every_item() -> None:
    out, ambiguous = align_timescales(items((0, 0), (0, 20)), stamps(("May 2024", 0, 0)))
    assert out == ["May 2024", "May 2024"] and not ambiguous


def test_as_many_timescales_as_items_pair_in_order() -> None:
    out, _ = align_timescales(
        items((0, 0), (0, 20), (0, 40)), stamps(("Spring 2024", 0, 0), ("Spring 2024", 0, 22), ("December 2024", 0, 44))
    )
    assert out == ["Spring 2024", "Spring 2024", "December 2024"]


def test_rows_pair_their_own_timescales() -> None:
    out, ambiguous = align_timescales(
        items((0, 0), (0, 10), (0, 20), (1, 0), (1, 10)),
        stamps(("February 2024", 0, 0), ("April 2024", 0, 30), ("May 2024", 1, 0), ("Ongoing", 1, 10)),
    )
    whole = "February 2024 April 2024 May 2024 Ongoing"
    assert out == [whole, whole, whole, "May 2024", "Ongoing"]
    assert ambiguous


def test_unpaired_timescale_makes_its_row_ambiguous() -> None:
    out, ambiguous = align_timescales(items((0, 0)), stamps(("Dec 2025", 0, 0), ("March 2025 / Ongoing", 0, 30)))
    assert out == ["Dec 2025 March 2025 / Ongoing"] and ambiguous


def test_rec_number() -> None:
    assert [
        rec_number(t) for t in ("1", "6.", "R3", "Rec 2", "Recommendation 4", "Additional Recommendations:", "2024")
    ] == ["1", "6", "3", "2", "4", None, None]
