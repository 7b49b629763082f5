"""The Parquet schemas: one explicit pyarrow schema per output table.

These column names are a contract that notebooks and downstream tools rely
on.  Each field carries its description in the field metadata; the README's
data dictionary is generated from here (``actionplans schema --markdown``)
and a test keeps the two in step.
"""

from __future__ import annotations

import pyarrow as pa

BBOX = pa.struct(
    [
        pa.field("x0", pa.float64()),
        pa.field("top", pa.float64()),
        pa.field("x1", pa.float64()),
        pa.field("bottom", pa.float64()),
    ]
)


FIELD_BOX = pa.struct(
    [
        pa.field("field", pa.string()),
        pa.field("page", pa.int32()),
        pa.field("bbox", BBOX),
        pa.field("line_start", pa.int32()),
        pa.field("line_end", pa.int32()),
        pa.field("cell", pa.string()),
    ]
)


MILESTONE = pa.struct(
    [
        pa.field("label", pa.string()),
        pa.field("raw", pa.string()),
        pa.field("start", pa.date32()),
        pa.field("end", pa.date32()),
        pa.field("granularity", pa.string()),
    ]
)


COLUMN_REPORT = pa.struct(
    [
        pa.field("index", pa.int32()),
        pa.field("header", pa.string()),
        pa.field("role", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("evidence", pa.string()),
    ]
)

TABLE_REPORT = pa.struct(
    [
        pa.field("pages", pa.list_(pa.int32())),
        pa.field("kind", pa.string()),
        pa.field("rows", pa.int32()),
        pa.field("header", pa.list_(pa.string())),
        pa.field("accepted", pa.bool_()),
        pa.field("reason", pa.string()),
        pa.field("columns", pa.list_(COLUMN_REPORT)),
    ]
)

CUE = pa.struct([pa.field("cue", pa.string()), pa.field("records", pa.int32())])


def _f(name: str, type_: pa.DataType, description: str, nullable: bool = True) -> pa.Field:
    return pa.field(name, type_, nullable=nullable, metadata={"description": description})


_PROVENANCE = [
    _f("page", pa.int32(), "1-based page where the text starts (PDFs, and text with form feeds)."),
    _f(
        "bbox",
        BBOX,
        "Box of the text on its first page: x0, top, x1, bottom in PDF points from the top-left; "
        "null for other sources.",
    ),
    _f(
        "line_start",
        pa.int32(),
        "First line of the text (1-based): the line in a text or HTML source, the paragraph in a Word document "
        "(counted in reading order, paragraphs in table cells included), the sheet row in an Excel workbook; "
        "null for PDFs.",
    ),
    _f("line_end", pa.int32(), "Last line (paragraph, sheet row) of the text, as `line_start` counts them."),
    _f(
        "cell",
        pa.string(),
        "Word and Excel sources: the cell where the text starts, `table 2, row 5, column 3` (1-based, tables "
        "in document order) or `Plan!C7` (sheet and cell reference); null for other sources.",
    ),
    _f(
        "extractor",
        pa.string(),
        "Reader and reading that produced the row, e.g. `pdf/table`, `text:tsv/table`, `text:flowed/flowed`.",
    ),
]

DOCUMENTS = pa.schema(
    [
        _f(
            "doc_id",
            pa.string(),
            "Stable id of this file's content at its origin (16 hex digits of a SHA-256 of both): the same bytes "
            "under two paths are two documents, never duplicated rows; a re-run gives the same id.",
            nullable=False,
        ),
        _f(
            "source",
            pa.string(),
            "Path of the file relative to the ingested folder (POSIX separators).",
            nullable=False,
        ),
        _f(
            "origin",
            pa.string(),
            "Absolute path of the file when it was ingested: a later run that finds new content there replaces "
            "this document's rows; documents whose origin is no longer present are kept unless `--prune`.",
            nullable=False,
        ),
        _f("sha256", pa.string(), "SHA-256 of the file's bytes.", nullable=False),
        _f(
            "format",
            pa.string(),
            "`pdf`, `docx`, `xlsx`, `html` or `text`, told by the file's content, not its name (a mismatch is in "
            "`report`); for a file that is not read, what its content is (`pptx`, `odt`, `ods`, `ole`, `zip`, "
            "`binary`) or its suffix.",
            nullable=False,
        ),
        _f("size_bytes", pa.int64(), "Size of the file in bytes."),
        _f("pages", pa.int32(), "Number of pages (PDFs; text with form feeds); null otherwise."),
        _f(
            "page_readers",
            pa.list_(pa.string()),
            "PDFs: how each page was read, in page order: `pdfium` (in full, characters and graphics through "
            "PDFium), `pdfplumber` (in full, where PDFium could not be exact; the report says why) or `text` "
            "(plain text only: the pre-scan saw no sign of a plan on it or its neighbours). Empty otherwise.",
            nullable=False,
        ),
        _f("council", pa.string(), "Council that published the plan: from the manifest, else read from the text."),
        _f(
            "council_code",
            pa.string(),
            "The council's ONS GSS code (`E10000016`), from mySociety's register of UK local authorities "
            "(CC BY 4.0): the key to join population, deprivation or spending data on.",
        ),
        _f(
            "council_type",
            pa.string(),
            "The council's type in the register: `County`, `Non-metropolitan district`, `Unitary authority`, "
            "`Metropolitan district`, `London borough`, `Welsh unitary authority`, ...",
        ),
        _f("region", pa.string(), "The council's region (`South East`; the nation outside England)."),
        _f("nation", pa.string(), "`England`, `Wales`, `Scotland` or `Northern Ireland`."),
        _f(
            "council_successors",
            pa.list_(pa.string()),
            "For a council since abolished, the councils that took over from it (the plan stays with the "
            "council that published it); empty otherwise.",
        ),
        _f(
            "plan_id",
            pa.string(),
            "The plan this document is a rendering or version of: the same for a PDF, its text export and a "
            "progress update published later, found from the action texts (half of the larger document's, and "
            "never two councils'), not the file name (rule: `pipeline/plans.py`); kept across runs. Null without "
            "actions.",
        ),
        _f(
            "plan_version",
            pa.int32(),
            "1, 2, ... by the month of `document_date`, oldest first: renderings of one version share it.",
        ),
        _f(
            "primary",
            pa.bool_(),
            "The one rendering of each plan version that comparison counts: one whose council is known, then the "
            "most complete records (share of actions with owner, timescale, measure, status), then most actions, "
            "then the authored format.",
        ),
        _f("title", pa.string(), "Title of the document, as printed."),
        _f(
            "document_date",
            pa.date32(),
            "The plan's own date (first day of its month or year when only those are known).",
        ),
        _f("date_precision", pa.string(), "`day`, `month` or `year`: how much of `document_date` the source gives."),
        _f("url", pa.string(), "Where the document was published, from the manifest."),
        _f(
            "layout",
            pa.string(),
            "The main way the plan places its actions: `table`, `sectioned`, `flowed`, `themed`, `narrative`, "
            "or `none`; `cues` lists every way it used.",
        ),
        _f(
            "cues",
            pa.list_(CUE),
            "The cues that placed the records, with how many each placed: `rec_column`, `objective_number`, "
            '`objective_numbers` (an objective column whose "1. ..." numbers the actions\' "1.1", "1.2": their '
            "recommendation), `action_number`, `spanning_row`, `heading`, `label`, `statement`, `section`, `aims`.",
        ),
        _f("plan_pages", pa.list_(pa.int32()), "Pages that hold the plan's records (PDFs and paged text)."),
        _f(
            "confidence",
            pa.float64(),
            "Share of the text on the plan's pages (or of the whole text, where there are no pages) that became "
            "records: near 1 for a plan that is all tables, lower where text was left unread.",
        ),
        _f(
            "tables",
            pa.list_(TABLE_REPORT),
            "Every table the reader found: pages, how it was found (`ruled`, `borderless`, `tsv`, `columns`, ...), "
            "rows, the header as printed, whether it was read as actions and, if not, why; per column the role "
            "given, its score and the evidence (header words, what the cells hold).",
        ),
        _f(
            "status",
            pa.string(),
            "`ok`, `no_plan_found`, `unsupported`, `empty`, `encrypted`, `corrupt`, `image_only`, `unreadable` "
            "(permission denied, vanished while the batch ran), `timeout` (past the time limit per document), "
            "`too_large` (past the memory limit, or a text file larger than any plan), `crashed` (the worker "
            "died on it) or `failed` (an internal error).",
            nullable=False,
        ),
        _f("message", pa.string(), "Why the status is not `ok`, in words a user can act on."),
        _f("n_recommendations", pa.int32(), "Recommendations extracted.", nullable=False),
        _f("n_actions", pa.int32(), "Actions extracted.", nullable=False),
        _f(
            "n_to_review",
            pa.int32(),
            "Actions with something to check (a non-empty `actions.review`): where a reviewer starts "
            "(`actionplans review FILE` shows them first).",
        ),
        _f("report", pa.list_(pa.string()), "Notes on how the document was read (tables found, layout evidence)."),
        _f(
            "fingerprint",
            pa.string(),
            "Hash of the content, its manifest row and the pipeline version; "
            "a re-run skips documents whose fingerprint is unchanged.",
            nullable=False,
        ),
        _f("pipeline_version", pa.string(), "Version of actionplans that wrote the row.", nullable=False),
    ]
)

RECOMMENDATIONS = pa.schema(
    [
        _f("doc_id", pa.string(), "Document the recommendation comes from.", nullable=False),
        _f("rec_id", pa.string(), "The number the document gives the recommendation, as a string."),
        _f("text", pa.string(), "The recommendation's words, markup removed, whitespace collapsed.", nullable=False),
        _f("section", pa.string(), "Heading or theme the recommendation sits under, if any."),
        _f(
            "owners",
            pa.list_(pa.string()),
            "Owners named for the whole recommendation (e.g. a 'CLT Owner' column, a "
            "'Project Sponsor:' line), one per entry, as written.",
        ),
        _f("owners_canonical", pa.list_(pa.string()), "Canonical titles of the recommendation's owners."),
        _f(
            "themes",
            pa.list_(pa.string()),
            "Themes the recommendation's words speak of (vocabulary: `normalise/data/themes.toml`).",
        ),
        _f("theme_evidence", pa.list_(pa.string()), "The words that matched each theme, aligned with `themes`."),
        *_PROVENANCE,
    ]
)

ACTIONS = pa.schema(
    [
        _f("doc_id", pa.string(), "Document the action comes from.", nullable=False),
        _f("rec_id", pa.string(), "Recommendation the action responds to; null for plans without recommendations."),
        _f(
            "action_id",
            pa.string(),
            "The document's own numbering where it has one (`1.1.a`), else `<rec>.<n>` or "
            "`<section>.<n>` in reading order.",
            nullable=False,
        ),
        _f(
            "objective",
            pa.string(),
            "The 'what do we want to achieve' line the action sits under, if the layout has one.",
        ),
        _f("section", pa.string(), "Heading the action sits under (a directorate or part of the plan), if any."),
        _f("theme", pa.string(), "Theme row spanning the table above the action, if any."),
        _f(
            "themes",
            pa.list_(pa.string()),
            "Themes the action's words speak of, else those of the theme row, section heading or objective above it, "
            "else its recommendation's, "
            "from the vocabulary in `normalise/data/themes.toml`: the five LGA peer-challenge themes and service "
            "areas.",
        ),
        _f(
            "theme_evidence",
            pa.list_(pa.string()),
            "The words that matched each theme, aligned with `themes` (`finance: medium term financial strategy`; "
            "`... (theme row)`, `... (section)`, `... (objective)` or `... (recommendation)` where they are not the "
            "action's own).",
        ),
        _f("text", pa.string(), "The action's words, list lettering and markup removed, lines joined.", nullable=False),
        _f("owners", pa.list_(pa.string()), "Owners of the action, split per owner, as written (`MO`, `CX` kept)."),
        _f(
            "owners_canonical",
            pa.list_(pa.string()),
            "Each owner's canonical title (`MO` -> `Monitoring Officer`, `ADs` -> `Assistant Director`, "
            "`Director (Finance)` -> `Director of Finance`); people's names as written.",
        ),
        _f(
            "owners_family",
            pa.list_(pa.string()),
            "Each canonical owner's role family, aligned with `owners_canonical`: `Chief Executive`, `Director`, "
            "`Assistant Director`, `Head of Service`, `Manager/Officer`, `Member/Cabinet`, `Partner organisation`, "
            "`Team` (a service or body named without a role) or `Person` (rules: `normalise/data/role_families.toml`).",
        ),
        _f(
            "owner_source",
            pa.string(),
            "Where the owners come from: `action` (the action's own owner cell or label), `recommendation` (its "
            "recommendation's owner column, or a line such as 'Project Sponsor: ...' above its table) or `text` "
            "(named in the action's own words); null without owners.",
        ),
        _f(
            "mentioned_roles",
            pa.list_(pa.string()),
            "Canonical titles of roles the action's own text names ('MO to offer briefing' -> `Monitoring Officer`); "
            "never owners.",
        ),
        _f(
            "timescale_raw",
            pa.string(),
            "Timescale text that applies to the action, whitespace collapsed; the whole "
            "cell when it cannot be told which of its dates applies. Where a plan ticks periods instead of "
            "writing a date (columns `Q1 | Q2 | Q3 | Q4` over `X`), the ticked periods as their headers name "
            "them, with the year the plan's opening lines name where the headers name none (`Q2–Q4 2025/26`); "
            "where a column of start dates stands beside the due dates (`Start date | End date`), the span "
            "(`Sept 2025 – Mar 2026`).",
        ),
        _f("due_start", pa.date32(), "First day the timescale covers (inclusive); null when open ('by March 2025')."),
        _f("due_end", pa.date32(), "Last day the timescale covers (inclusive); null when open ('from April 2024')."),
        _f("due_fy", pa.string(), "UK financial year (April to March) of `due_end`, as `2024/25`."),
        _f(
            "due_quarter",
            pa.string(),
            "Quarter of that financial year of `due_end`: `Q1` (April-June) to `Q4` (January-March).",
        ),
        _f(
            "due_granularity",
            pa.string(),
            "How precise the due date is: `day`, `week`, `month`, `season`, `term` (a school term), `quarter`, "
            "`half`, `year`, `financial_year`, `academic_year`, `municipal_year` or `relative`.",
        ),
        _f(
            "due_status",
            pa.string(),
            "`dated`, `ongoing` (also recurring work: see `due_recurrence`), `completed` or `unknown`.",
        ),
        _f("due_ongoing", pa.bool_(), "The timescale also says the work goes on ('December 24 and ongoing')."),
        _f(
            "due_rule",
            pa.string(),
            "The rule that read the timescale (e.g. `deadline:month`, `range:month`, `milestones:...`), to trace "
            "a surprising value.",
        ),
        _f(
            "due_recurrence",
            pa.string(),
            "How often recurring work falls due: `annual`, `six_monthly`, `quarterly`, `monthly`, `fortnightly`, "
            "`weekly`, `daily`, `termly`, `half_termly`, or `every_<n>_<years|months|weeks|days>` (`every_3_years`); "
            "then, after `:`, the months it falls in (`annual:09` every September, `annual:04-06` annually in Q1, "
            "`annual:03,09`) or the weekday (`weekly:mon`). Null when the timescale does not recur.",
        ),
        _f(
            "due_flags",
            pa.list_(pa.string()),
            "What to check about the due date, from a fixed list: `implausible_year` (a year more than 15 years "
            "from the plan's date, kept as written), `typo_corrected` (a year, month or status word read as a slip: "
            "2205 -> 2025, 'Feburary' -> February, 'Comlpeted' -> completed), "
            "`before_plan_date` (due before the plan was dated), `impossible_date` (a part that cannot be a date: "
            "Q5, H3, 31 April), `year_from_plan_date` (no year written; taken from the plan's date), "
            "`weekday_mismatch` (the weekday written is not that date's), `undated_event` (due at an event with no "
            "date: 'by the next election'), `date_revised` (a date the cell says was replaced is set aside: "
            "'June 2025 (revised from March 2025)').",
        ),
        _f(
            "due_milestones",
            pa.list_(MILESTONE),
            "The separately dated parts of the timescale, each with its label ('Working Group', 'Final strategy').",
        ),
        _f("measure", pa.string(), "Success measure / 'how will we measure' cell, if the layout has one."),
        _f("status_raw", pa.string(), "A progress tracker's status or RAG cell, as written ('Amber', 'On track')."),
        _f(
            "status_colour",
            pa.string(),
            "Fill colour of the status cell (`#rrggbb`, PDFs), where the rating is shown as a colour.",
        ),
        _f(
            "status",
            pa.string(),
            "Normalised status: `not_started`, `on_track`, `at_risk`, `off_track`, `complete`, `closed` or "
            "`unknown` (words the vocabulary does not know); from the words, else the cell's colour.",
        ),
        _f("progress", pa.string(), "A progress tracker's update / commentary cell for the action."),
        _f(
            "review",
            pa.list_(pa.string()),
            "Why the action deserves a human look, from a fixed list: `no_owner` (no owner read, where other "
            "actions of the document have one), `no_timescale` (likewise for a timescale), `timescale_unread` "
            "(a timescale that reads as no date, status or event, or as a date that cannot be: Q5); and what "
            "the reader was unsure of: `timescale_not_aligned` (several timescales in its row that could not be "
            "paired with its actions: it has the whole cell), `owners_split_guess` (its owner cell split where "
            "the layout showed no break), `row_joined_across_pages` (its row joined with one continued after a "
            "page break), `column_role_low_confidence` (a column it was read from scored nearly as well for a "
            "role no other column took), `row_continued_guess` (a row with nothing but its words, no number, "
            "owner or timescale, read as an action of its own below an entry that has them: it may be that "
            "entry's rest; both are flagged). Empty when nothing is to check.",
        ),
        _f(
            "extra",
            pa.map_(pa.string(), pa.string()),
            "Cells of columns that are none of the above, keyed by the "
            "header as printed; also `Lead-in` for a list's introduction and `Notes` for unlabelled text.",
        ),
        *_PROVENANCE,
        _f(
            "field_boxes",
            pa.list_(FIELD_BOX),
            "Where the action's other fields were read: for each of `owners`, `timescale`, `measure`, `status` "
            "and `progress` that a table cell gave, that cell's page and box (PDFs), lines, or Word/Excel cell, "
            "as the provenance columns give them (what `actionplans review` draws); empty for other layouts.",
        ),
    ]
)

CONTEXT_ROWS = pa.schema(
    [
        _f("doc_id", pa.string(), "Document the row comes from.", nullable=False),
        _f("text", pa.string(), "Text of a row that spans a table and introduces a theme.", nullable=False),
        _f("section", pa.string(), "Heading the table sits under, if any."),
        *_PROVENANCE,
    ]
)

TABLES: dict[str, pa.Schema] = {
    "documents": DOCUMENTS,
    "recommendations": RECOMMENDATIONS,
    "actions": ACTIONS,
    "context_rows": CONTEXT_ROWS,
}
"""Output file stem -> schema; each is written as ``<stem>.parquet``."""


def data_dictionary() -> str:
    """The schemas as Markdown tables, for the README."""
    out = []
    for name, schema in TABLES.items():
        out.append(f"#### `{name}.parquet`\n")
        out.append("| column | type | description |")
        out.append("|---|---|---|")
        for f in schema:
            desc = (f.metadata or {}).get(b"description", b"").decode()
            out.append(f"| `{f.name}` | `{f.type}` | {desc} |")
        out.append("")
    return "\n".join(out).rstrip() + "\n"
