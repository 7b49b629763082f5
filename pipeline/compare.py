"""Councils side by side: the tables behind ``actionplans compare`` and ``Dataset.compare``.

Every figure counts each plan once: the rows of its primary rendering in its
latest version (the ``plan_actions`` view of :class:`pipeline.dataset.Dataset`).
An action owned by two role families counts once for each in
``owner_load``; one with two themes once for each in ``themes``.  Overdue is
:func:`pipeline.dataset.overdue` on the reference date.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from actionplans.pipeline.dataset import DONE_STATUSES

if TYPE_CHECKING:
    import pandas as pd

    from actionplans.pipeline.dataset import Dataset

GROUPS = ("council", "council_type", "region", "nation")
"""What ``by`` may group on."""
NO_STATUS = "no status given"
TOP = 3


@dataclass
class Comparison:
    """The comparison tables, one row per council (or per group of ``by``)."""

    by: str
    as_of: dt.date
    councils: list[str]
    summary: pd.DataFrame
    owner_load: pd.DataFrame
    """Actions per role family (columns), per council (rows)."""
    due_timeline: pd.DataFrame
    """Actions due per financial-year quarter (columns, ``2024/25 Q1``), per council (rows)."""
    status_mix: pd.DataFrame
    themes: pd.DataFrame
    actions: pd.DataFrame = field(repr=False)
    """The actions the figures count, with their council, recommendation and source."""

    def tables(self) -> dict[str, pd.DataFrame]:
        """The tables by name, as ``--csv`` and ``--xlsx`` write them."""
        return {
            "summary": self.summary,
            "owner_load": self.owner_load.reset_index(),
            "due_timeline": self.due_timeline.reset_index(),
            "status_mix": self.status_mix.reset_index(),
            "themes": self.themes.reset_index(),
            "actions": self.actions,
        }

    def side_by_side(self, first: str, second: str) -> pd.DataFrame:
        """Two councils' recommendations and actions, one row per action, with where each was read."""
        for name in (first, second):
            if name not in self.councils:
                raise ValueError(f"{name!r} is not compared here (the groups are: {', '.join(self.councils)})")
        columns = ["group", "rec_id", "recommendation", "text", "owners", "timescale_raw", "status", "source"]
        rows = self.actions[self.actions["group"].isin([first, second])]
        return rows[[*columns, "page", "origin"]].reset_index(drop=True)

    def to_csv(self, folder: str | Path) -> list[Path]:
        """Each table as ``FOLDER/<name>.csv``."""
        folder = Path(folder)
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, table in self.tables().items():
            path = folder / f"{name}.csv"
            _flat(table).to_csv(path, index=False)
            written.append(path)
        return written

    def to_xlsx(self, path: str | Path) -> None:
        """The tables as the sheets of one workbook."""
        import pandas as pd

        with pd.ExcelWriter(Path(path), engine="openpyxl") as writer:
            for name, table in self.tables().items():
                _flat(table).to_excel(writer, sheet_name=name, index=False)

    def to_html(self, path: str | Path, pair: tuple[str, str] | None = None) -> None:
        """The report (:mod:`pipeline.report`)."""
        from actionplans.pipeline.report import write_report

        write_report(self, Path(path), pair=pair)


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """Lists as '; '-joined text, dates as ISO text and pyarrow dtypes as plain ones, for CSV and Excel."""
    out = table.copy()
    for column in out.columns:
        out[column] = out[column].astype("object").map(_cell)
    return out


def _cell(value: object) -> object:
    if value is None:
        return None
    if hasattr(value, "tolist") and not isinstance(value, str | int | float):  # numpy and pyarrow arrays
        value = value.tolist()
    if isinstance(value, list | tuple):
        return "; ".join(str(_cell(v)) for v in value)
    if isinstance(value, dict):
        return "; ".join(f"{k}: {_cell(v)}" for k, v in value.items() if v is not None)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _label(by: str) -> str:
    """What a group is called when its value is not known ("(region not known)")."""
    return f"({by.replace('_', ' ')} not known)"


def compare(ds: Dataset, councils: list[str] | None, as_of: dt.date, by: str = "council") -> Comparison:
    from actionplans.pipeline.dataset import overdue, to_pandas

    if by not in GROUPS:
        raise ValueError(f"by={by!r}: compare by one of {', '.join(GROUPS)}")
    unknown = _label(by)

    def group(table: str = "") -> str:
        return f"coalesce(cast({table}{by} as varchar), '{unknown}')"

    actions = to_pandas(
        ds.sql(
            f"""select {group("a.")} as "group", a.*, r.text as recommendation
            from _plan_actions a left join recommendations r on r.doc_id = a.doc_id and r.rec_id = a.rec_id
            order by a.council nulls last, a.source, a._row"""
        )
        .arrow()
        .read_all()
    ).drop(columns=["_row"])
    recs = ds.sql(f"""select {group()} as "group", council, doc_id, plan_id from plan_recommendations""").df()
    # Every council the dataset has read, those whose documents hold no plan (a cabinet report) too: a row of
    # their own with no plans and no actions, so that a national picture shows who has none.
    docs = ds.sql(
        f"""select {group()} as "group", council, council_code, council_type, region, plan_id from plan_documents
        union all
        select distinct {group()} as "group", council, council_code, council_type, region, null as plan_id
        from documents where council is not null and council not in (select council from plan_documents
                                                                       where council is not null)"""
    ).df()
    if councils:
        known = set(docs["council"].dropna())
        missing = [c for c in councils if c not in known]
        if missing:
            raise ValueError(f"not in the dataset: {', '.join(missing)}")
        actions = actions[actions["council"].isin(councils)]
        recs = recs[recs["council"].isin(councils)]
        docs = docs[docs["council"].isin(councils)]
    actions = actions.reset_index(drop=True)
    actions["overdue"] = overdue(actions, as_of).to_numpy()
    groups = sorted(set(docs["group"]))
    summary = _summary(groups, docs, recs, actions, by)
    totals = dict(zip(summary["group"], summary["actions"], strict=True))
    owner_load = _pivot(_long(actions, "owners_family", "family"), "family", groups)
    quarters = actions.dropna(subset=["due_fy", "due_quarter"]).assign(
        quarter=lambda t: t["due_fy"].astype(str) + " " + t["due_quarter"].astype(str)
    )
    due_timeline = _pivot(quarters, "quarter", groups, columns=_quarters(quarters["quarter"]), every=True)
    status = actions.assign(status_label=actions["status"].astype("object").fillna(NO_STATUS))
    status_mix = _pivot(status, "status_label", groups)
    themes = _pivot(_long(actions, "themes", "theme"), "theme", groups, columns=_theme_order())
    summary["top_role_families"] = [_top(owner_load, g, totals.get(g, 0)) for g in summary["group"]]
    summary["top_themes"] = [_top(themes, g, totals.get(g, 0)) for g in summary["group"]]
    summary = summary.rename(columns={"group": by})
    return Comparison(by, as_of, groups, summary, owner_load, due_timeline, status_mix, themes, actions)


def _quarters(labels: pd.Series) -> list[str]:
    """Every financial-year quarter from the first to the last of ``labels`` ("2024/25 Q3"), none skipped."""
    found = sorted(set(labels))
    if not found:
        return []

    def parse(label: str) -> tuple[int, int]:
        year, quarter = label.split()
        return int(year[:4]), int(quarter[1])

    (y, q), last = parse(found[0]), parse(found[-1])
    out = []
    while (y, q) <= last:
        out.append(f"{y}/{(y + 1) % 100:02d} Q{q}")
        y, q = (y, q + 1) if q < 4 else (y + 1, 1)
    return out


def _theme_order() -> list[str]:
    from actionplans.normalise.themes import vocabulary

    return [t.name for t in vocabulary()]


def _summary(groups: list[str], docs: pd.DataFrame, recs: pd.DataFrame, actions: pd.DataFrame, by: str) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for g in groups:
        mine = actions[actions["group"] == g]
        n = len(mine)
        due = pd.to_datetime(mine["due_end"].astype("object"), errors="coerce").dropna()
        done = mine["status"].isin(DONE_STATUSES).sum()
        d = docs[docs["group"] == g]
        row: dict[str, object] = {"group": g}
        if by == "council":
            row.update(
                council_code=_one(d["council_code"]), council_type=_one(d["council_type"]), region=_one(d["region"])
            )
        row.update(
            plans=int(d["plan_id"].nunique()),
            recommendations=int((recs["group"] == g).sum()),
            actions=n,
            with_owner=_share(sum(1 for v in mine["owners"] if _items(v)), n),
            with_due_date=_share(len(due), n),
            first_due=due.min().date() if len(due) else None,
            median_due=due.quantile(0.5).date() if len(due) else None,
            last_due=due.max().date() if len(due) else None,
            overdue=int(mine["overdue"].sum()),
            complete=int(done),
            with_status=_share(int(mine["status"].notna().sum()), n),
        )
        rows.append(row)
    columns = ["group", *(["council_code", "council_type", "region"] if by == "council" else []), *SUMMARY]
    return pd.DataFrame(rows, columns=columns)


SUMMARY = ("plans", "recommendations", "actions", "with_owner", "with_due_date", "first_due", "median_due",
           "last_due", "overdue", "complete", "with_status")  # fmt: skip
"""The summary's figures per council, after its GSS code, type and region."""


def _one(values: pd.Series) -> object:
    found = [v for v in values.dropna().unique()]
    return found[0] if len(found) == 1 else ("; ".join(map(str, found)) if found else None)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _items(value: object) -> list[object]:
    """A list cell's items, once each (a missing list, ``None`` or ``NA``, has none)."""
    if value is None or not hasattr(value, "__iter__") or isinstance(value, str):
        return []
    return list(dict.fromkeys(value))


def _long(actions: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """One row per (action, list item) of a list column."""
    import pandas as pd

    pairs = [(g, item) for g, items in zip(actions["group"], actions[column], strict=True) for item in _items(items)]
    return pd.DataFrame(pairs, columns=["group", name])


def _pivot(
    rows: pd.DataFrame, column: str, groups: list[str], columns: list[str] | None = None, every: bool = False
) -> pd.DataFrame:
    """Counts of ``rows`` per group (rows) and value of ``column`` (columns: ``columns`` in that order, the
    values found only unless ``every``; else by count, most first, ties by name)."""
    import pandas as pd

    if rows.empty:
        return pd.DataFrame(index=pd.Index(groups, name="group"))
    table = rows.groupby(["group", column]).size().unstack(fill_value=0).reindex(groups, fill_value=0)
    if columns is not None:
        order = columns if every else [c for c in columns if c in table.columns]
        table = table.reindex(columns=order, fill_value=0)
    else:
        totals = table.sum()
        order = sorted(table.columns, key=lambda c: (-int(totals[c]), str(c)))
        table = table[order]
    table = table.astype(int)
    table.index.name = "group"
    table.columns.name = None
    return table


def _top(table: pd.DataFrame, group: str, actions: int) -> str:
    """The most common values of a group's row, each with the share of its actions that have it."""
    if group not in table.index or table.empty or not actions:
        return ""
    row = table.loc[group]
    best = sorted(((str(k), int(v)) for k, v in row.items() if v > 0), key=lambda kv: (-kv[1], kv[0]))[:TOP]
    return ", ".join(f"{name} {count / actions:.0%}" for name, count in best)
