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
        columns = [
            "group",
            "rec_id",
            "recommendation",
            "text",
            "owners",
            "timescale_raw",
            "status",
            "source",
            "page",
            "origin",
        ]
        rows = self.actions[self.actions["group"].isin([first, second])]
        return rows[columns].reset_index(drop=True)

    def to_csv(self, folder: Path) -> list[Path]:
        folder.mkdir(parents=True, exist_ok=True)
        written = []
        for name, table in self.tables().items():
            path = folder / f"{name}.csv"
            _flat(table).to_csv(path, index=False)
            written.append(path)
        return written

    def to_xlsx(self, path: Path) -> None:
        import pandas as pd

        with pd.ExcelWriter(path, engine="openpyxl") as writer:
            for name, table in self.tables().items():
                _flat(table).to_excel(writer, sheet_name=name, index=False)

    def to_html(self, path: Path, pair: tuple[str, str] | None = None) -> None:
        from actionplans.pipeline.report import write_report

        write_report(self, path, pair=pair)


def _flat(table: pd.DataFrame) -> pd.DataFrame:
    """Lists as '; '-joined text and pyarrow dtypes as plain ones, for CSV and Excel."""
    out = table.copy()
    for column in out.columns:
        values = out[column].astype("object")
        if values.map(lambda v: isinstance(v, list | tuple)).any() or str(out[column].dtype).startswith("list"):
            values = values.map(lambda v: "; ".join(map(str, v)) if v is not None and len(v) else "")
        out[column] = values
    return out


def compare(ds: Dataset, councils: list[str] | None, as_of: dt.date, by: str = "council") -> Comparison:

    from actionplans.pipeline.dataset import overdue

    if by not in GROUPS:
        raise ValueError(f"by={by!r}: compare by one of {', '.join(GROUPS)}")
    group = "council_name" if by == "council" else by
    actions = ds.sql(
        f"""select coalesce(cast(a.{group} as varchar), '(not known)') as "group", a.*, r.text as recommendation
        from plan_actions a left join recommendations r on r.doc_id = a.doc_id and r.rec_id = a.rec_id"""
    ).df()
    actions = actions.loc[:, ~actions.columns.duplicated()]
    recs = ds.sql(
        f"""select coalesce(cast({group} as varchar), '(not known)') as "group", doc_id, plan_id
        from plan_recommendations"""
    ).df()
    docs = ds.sql(
        f"""select coalesce(cast({"council" if by == "council" else by} as varchar), '(council not known)')
               as "group", council_code, council_type, region, plan_id
        from plan_documents"""
    ).df()
    if councils:
        known = set(docs["group"]) | set(actions["group"])
        missing = [c for c in councils if c not in known]
        if missing:
            raise ValueError(f"not in the dataset: {', '.join(missing)} (it has: {', '.join(sorted(known))})")
        actions = actions[actions["group"].isin(councils)]
        recs = recs[recs["group"].isin(councils)]
        docs = docs[docs["group"].isin(councils)]
    actions = actions.reset_index(drop=True)
    actions["overdue"] = overdue(actions, as_of).to_numpy()
    groups = sorted(set(docs["group"]))

    summary = _summary(groups, docs, recs, actions, by)
    families = _long(actions, "owners_family", "family")
    owner_load = _pivot(families, "family", groups)
    quarters = actions.dropna(subset=["due_fy", "due_quarter"]).assign(
        quarter=lambda t: t["due_fy"].astype(str) + " " + t["due_quarter"].astype(str)
    )
    due_timeline = _pivot(quarters, "quarter", groups, sort_columns=True)
    status = actions.assign(status_label=actions["status"].fillna(NO_STATUS))
    status_mix = _pivot(status, "status_label", groups)
    themes = _pivot(_long(actions, "themes", "theme"), "theme", groups)
    summary["top_role_families"] = [_top(owner_load, g) for g in summary["group"]]
    summary["top_themes"] = [_top(themes, g) for g in summary["group"]]
    summary = summary.rename(columns={"group": by})
    return Comparison(by, as_of, groups, summary, owner_load, due_timeline, status_mix, themes, actions)


def _summary(groups: list[str], docs: pd.DataFrame, recs: pd.DataFrame, actions: pd.DataFrame, by: str) -> pd.DataFrame:
    import pandas as pd

    rows = []
    for g in groups:
        mine = actions[actions["group"] == g]
        n = len(mine)
        due = pd.to_datetime(mine["due_end"], errors="coerce").dropna()
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
            with_owner=_share(sum(1 for v in mine["owners"] if v is not None and len(v)), n),
            with_due_date=_share(len(due), n),
            first_due=due.min().date() if len(due) else None,
            median_due=due.quantile(0.5).date() if len(due) else None,
            last_due=due.max().date() if len(due) else None,
            overdue=int(mine["overdue"].sum()),
            complete=int(done),
            with_status=_share(int(mine["status"].notna().sum()), n),
        )
        rows.append(row)
    return pd.DataFrame(rows)


def _one(values: pd.Series) -> object:
    found = [v for v in values.dropna().unique()]
    return found[0] if len(found) == 1 else ("; ".join(map(str, found)) if found else None)


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def _long(actions: pd.DataFrame, column: str, name: str) -> pd.DataFrame:
    """One row per (action, list item) of a list column."""
    import pandas as pd

    pairs = [
        (g, item)
        for g, items in zip(actions["group"], actions[column], strict=True)
        if items is not None
        for item in dict.fromkeys(items)
    ]
    return pd.DataFrame(pairs, columns=["group", name])


def _pivot(rows: pd.DataFrame, column: str, groups: list[str], sort_columns: bool = False) -> pd.DataFrame:
    import pandas as pd

    if rows.empty:
        return pd.DataFrame(index=pd.Index(groups, name="group"))
    table = rows.groupby(["group", column]).size().unstack(fill_value=0).reindex(groups, fill_value=0)
    order = sorted(table.columns) if sort_columns else list(table.sum().sort_values(ascending=False).index)
    table = table[order].astype(int)
    table.index.name = "group"
    table.columns.name = None
    return table


def _top(table: pd.DataFrame, group: str) -> str:
    if group not in table.index or table.empty:
        return ""
    row = table.loc[group]
    total = row.sum()
    best = row[row > 0].sort_values(ascending=False).head(TOP)
    return ", ".join(f"{name} {count / total:.0%}" for name, count in best.items()) if total else ""
