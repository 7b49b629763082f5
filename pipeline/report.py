"""The comparison as one self-contained HTML page (``actionplans compare --html``).

Charts are drawn by matplotlib as inline SVG with their text kept as text, so
the page opens offline, needs no script or network, prints, and can be
searched.  Views, each a ``<section>`` with an id the browser test checks:

* ``summary``: the per-council table (plans, recommendations, actions, the
  share with an owner and with a due date, due-date horizon, overdue);
* ``owner-load``: actions per role family, per council (shares, stacked);
* ``timeline``: actions due per UK financial-year quarter, per council;
* ``status-mix``: actions by status, per council;
* ``themes``: themes x councils, the share of each council's actions;
* ``side-by-side``: two councils' recommendations and actions in two
  columns, each action linking to its source file (and page).
"""

from __future__ import annotations

import html
import io
import os
import re
import urllib.parse
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from actionplans.normalise.themes import vocabulary

if TYPE_CHECKING:
    import pandas as pd

    from actionplans.pipeline.compare import Comparison

STATUS_COLOURS = {
    "complete": "#1b6ca8",
    "on_track": "#3b9b5a",
    "at_risk": "#e4a42b",
    "off_track": "#c2413b",
    "not_started": "#9aa5b1",
    "closed": "#5b6671",
    "unknown": "#c9b8e0",
    "no status given": "#e3e7ec",
}
"""Statuses in the colours a RAG report uses, in this order."""
_METADATA = re.compile(r"<metadata>.*?</metadata>\s*", re.DOTALL)
PALETTE = ("#1b6ca8", "#e4892b", "#3b9b5a", "#c2413b", "#7b5ea7", "#8c6d4f", "#d771b8", "#7f7f7f", "#b5b83a")
STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232b;background:#f7f8fa}
header{background:#1d3557;color:#fff;padding:18px 28px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;opacity:.85}main{padding:8px 28px 40px;max-width:1400px}
section{background:#fff;border:1px solid #dde2e8;border-radius:6px;margin:18px 0;padding:14px 18px}
h2{font-size:17px;margin:2px 0 8px}p.note{color:#525d69;margin:0 0 10px;font-size:13.5px}
table{border-collapse:collapse;font-size:12.5px}@media print{.wide,figure{overflow:visible}}
th,td{border-bottom:1px solid #e5e9ee;padding:5px 9px;
text-align:left;vertical-align:top}th{background:#eef2f6;position:sticky;top:0}td.n{text-align:right}
figure{margin:0;overflow-x:auto}.wide{overflow-x:auto}td.n{white-space:nowrap}
td:first-child{min-width:150px}td:nth-last-child(-n+2){min-width:190px}figure svg{max-width:100%;height:auto}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:18px}.pair h3{margin:4px 0 8px;font-size:15px}
.rec{border-left:3px solid #1b6ca8;padding:2px 0 2px 10px;margin:10px 0}.rec>b{display:block;margin-bottom:4px}
.act{margin:3px 0 3px 8px;font-size:13.5px}.act small{color:#5b6671}a{color:#1b6ca8}
"""


def write_report(comparison: Comparison, path: Path, pair: tuple[str, str] | None = None) -> None:
    """Write the page for ``comparison`` to ``path``; ``pair`` chooses the two councils shown side by side
    (the two with most actions when ``None``)."""
    c = comparison
    groups = c.councils
    if pair is None:
        ranked = c.summary.sort_values("actions", ascending=False, kind="stable")[c.by].tolist()
        pair = (ranked[0], ranked[1]) if len(ranked) > 1 else (ranked[0], ranked[0]) if ranked else ("", "")
    total = sum(int(n) for n in c.summary["actions"])
    per = {str(g): int(n) for g, n in zip(c.summary[c.by], c.summary["actions"], strict=True)}
    families = dict.fromkeys(t.family for t in vocabulary())
    sections = [
        _section(
            "summary",
            "Councils at a glance",
            "Each plan counted once (its most complete rendering, latest version). Overdue: a due date before "
            f"{c.as_of:%d %B %Y}, not ongoing, not complete.",
            _table(c.summary.dropna(axis=1, how="all")),
        ),
        _section(
            "owner-load",
            "Who owns the actions",
            "Share of each council's actions owned by each role family. An action with owners of two families "
            "counts for both, so a council's row can add up to more than 100%.",
            _heatmap(_of_actions(c.owner_load, per), "role family"),
        ),
        _section(
            "timeline",
            "When actions are due",
            "Actions due per UK financial-year quarter (Q1 = April to June), by the end of their timescale.",
            _timeline(c.due_timeline),
        ),
        _section(
            "status-mix",
            "Status",
            "Share of each council's actions by the status its plan reports (one status each).",
            _stacked(_of_actions(_in_order(c.status_mix, STATUS_COLOURS), per), "share of actions", STATUS_COLOURS),
        ),
        _section(
            "themes",
            "Themes",
            "Share of each council's actions that speak of each theme (words matched from the theme vocabulary; "
            "an action can speak of several). The peer challenge's five themes, then service areas.",
            "".join(
                _heatmap(
                    _of_actions(c.themes[[t.name for t in vocabulary() if t.family == f and t.name in c.themes]], per),
                    title,
                )
                for f, title in zip(families, ("peer challenge themes", "service areas"), strict=False)
            ),
        ),
        _section(
            "side-by-side",
            f"{pair[0]} and {pair[1]}, side by side" if pair[0] != pair[1] else f"{pair[0]}: its plans",
            "Recommendations and their actions; each action links to the file it was read from.",
            _pair(c, pair, path.parent),
        ),
    ]
    title = "Council action plans compared"
    page = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<meta name='viewport' content='width=device-width,initial-scale=1'><title>{title}</title>"
        f"<style>{STYLE}</style></head><body><header><h1>{title}</h1>"
        f"<p>{len(groups)} {'councils' if c.by == 'council' else c.by.replace('_', ' ') + ' groups'}, "
        f"{total} actions, as of {c.as_of:%d %B %Y}</p></header><main>{''.join(sections)}</main></body></html>"
    )
    path.write_text(page, encoding="utf-8")


def _section(key: str, title: str, note: str, body: str) -> str:
    return f"<section id='{key}'><h2>{html.escape(title)}</h2><p class='note'>{html.escape(note)}</p>{body}</section>"


def _table(frame: pd.DataFrame) -> str:
    head = "".join(f"<th>{html.escape(str(c).replace('_', ' '))}</th>" for c in frame.columns)
    rows = []
    for record in frame.itertuples(index=False):
        cells = []
        for value in record:
            if value is None or (isinstance(value, float) and value != value):  # no value (NaN): a dash
                cells.append("<td class='n'>–</td>")
            elif isinstance(value, float):
                cells.append(f"<td class='n'>{value:.0%}</td>" if value <= 1 else f"<td class='n'>{value:g}</td>")
            elif isinstance(value, int):
                cells.append(f"<td class='n'>{value}</td>")
            else:
                cells.append(f"<td>{html.escape('' if value is None else str(value))}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return f"<div class='wide'><table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"


def _of_actions(table: pd.DataFrame, actions: dict[str, int]) -> pd.DataFrame:
    """Counts per council as shares of its actions."""
    totals = [max(1, actions.get(str(g), 0)) for g in table.index]
    return table.div(totals, axis=0)


def _colours(n: int) -> list[str]:
    """``n`` distinct colours: the palette, then a wider colour map past its length."""
    if n <= len(PALETTE):
        return list(PALETTE[:n])
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["tab20"]
    return [to_hex(cmap(i % 20)) for i in range(n)]


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    plt.rcParams.update(
        {"svg.fonttype": "none", "svg.hashsalt": "actionplans", "font.size": 10, "axes.spines.top": False}
    )
    return plt


def _svg(figure: Any, wide: bool = False) -> str:
    plt = _pyplot()
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    text = _METADATA.sub("", text[text.index("<svg") :])  # the RDF block names matplotlib; the page needs none
    return f"<figure class='{'wide-chart' if wide else ''}'>{text}</figure>"


def _empty(what: str) -> str:
    return f"<p class='note'>No {html.escape(what)} in these plans.</p>"


def _in_order(table: pd.DataFrame, order: dict[str, str]) -> pd.DataFrame:
    return table[[c for c in order if c in table.columns] + [c for c in table.columns if c not in order]]


def _stacked(shares: pd.DataFrame, label: str, colours: dict[str, str] | None = None) -> str:
    if shares.empty or not len(shares.columns):
        return _empty("values")
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(10, 0.5 * len(shares) + 1.4))
    left = [0.0] * len(shares)
    names = [str(i) for i in shares.index]
    for i, column in enumerate(shares.columns):
        values = shares[column].tolist()
        colour = (colours or {}).get(str(column), PALETTE[i % len(PALETTE)])
        axes.barh(names, values, left=left, color=colour, label=str(column))
        left = [a + b for a, b in zip(left, values, strict=True)]
    axes.invert_yaxis()
    axes.set_xlim(0, 1)
    axes.xaxis.set_major_formatter(lambda x, _pos: f"{x:.0%}")
    axes.set_xlabel(label)
    axes.spines["right"].set_visible(False)
    axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.25), ncol=min(5, len(shares.columns)), frameon=False)
    return _svg(figure)


def _timeline(table: pd.DataFrame) -> str:
    if table.empty or not len(table.columns):
        return _empty("due dates")
    plt = _pyplot()
    quarters = list(table.columns)
    colours = _colours(len(table))
    figure, axes = plt.subplots(figsize=(max(8, 0.45 * len(quarters) + 3), 3.8))
    width = 0.8 / max(1, len(table))
    for i, (council, row) in enumerate(table.iterrows()):
        xs = [q + (i - (len(table) - 1) / 2) * width for q in range(len(quarters))]
        axes.bar(xs, row.tolist(), width=width, color=colours[i], label=str(council))
    axes.set_xticks(range(len(quarters)), quarters, rotation=60, ha="right")
    axes.set_ylabel("actions due")
    axes.spines["right"].set_visible(False)
    axes.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))  # beside the bars, never on them
    return _svg(figure)


def _heatmap(shares: pd.DataFrame, what: str) -> str:
    """Values (rows) x councils (columns), each cell the share written in it; a wide map scrolls, it is not
    shrunk past reading."""
    if shares.empty or not len(shares.columns):
        return _empty(what)
    plt = _pyplot()
    data = shares.T
    top = max(0.01, float(data.max().max()))
    figure, axes = plt.subplots(figsize=(1.2 * len(data.columns) + 3.5, 0.42 * len(data) + 1.8))
    image = axes.imshow(data.to_numpy(dtype=float), cmap="Blues", vmin=0, vmax=top, aspect="auto")
    axes.set_xticks(
        range(len(data.columns)), [str(c) for c in data.columns], rotation=30, ha="right", rotation_mode="anchor"
    )
    axes.set_yticks(range(len(data.index)), [str(i) for i in data.index])
    for y, row in enumerate(data.index):
        for x, council in enumerate(data.columns):
            value = float(data.loc[row, council])
            colour = "white" if value > 0.5 * top else "#1d232b"
            axes.text(x, y, f"{value:.0%}", ha="center", va="center", fontsize=8.5, color=colour)
    axes.set_title(what, loc="left", fontsize=10)
    figure.colorbar(image, ax=axes, fraction=0.03, format=lambda x, _pos: f"{x:.0%}")
    return _svg(figure, wide=True)


def _pair(c: Comparison, pair: Sequence[str], here: Path) -> str:
    rows = c.side_by_side(pair[0], pair[1])
    columns = []
    for council in dict.fromkeys(pair):
        mine = rows[rows["group"] == council]
        blocks = []
        for (rec_id, recommendation), actions in mine.groupby(["rec_id", "recommendation"], dropna=False, sort=False):
            head = " ".join(x for x in (_text(rec_id), _text(recommendation)) if x) or "(no recommendation)"
            items = "".join(_action(a, here) for a in actions.itertuples(index=False))
            blocks.append(f"<div class='rec'><b>{html.escape(head)}</b>{items}</div>")
        columns.append(f"<div><h3>{html.escape(council)}</h3>{''.join(blocks) or _empty('actions')}</div>")
    return f"<div class='pair'>{''.join(columns)}</div>"


def _text(value: object) -> str:
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    return str(value)


def _link(origin: str, here: Path) -> str:
    """A link to the plan's file from the report's folder ``here``: relative, so that the report and the plans
    can be moved or shared together (a file on another drive keeps its absolute address)."""
    target = Path(origin)
    try:
        relative = Path(os.path.relpath(target, here.resolve()))
    except ValueError:  # no relative path between them (another drive)
        return target.as_uri()
    return urllib.parse.quote(relative.as_posix())


def _action(a: Any, here: Path) -> str:
    owners = ", ".join(map(str, a.owners)) if hasattr(a.owners, "__iter__") and len(a.owners) else "no owner"
    when = _text(a.timescale_raw) or "no timescale"
    page = _text(a.page)
    href = _link(str(a.origin), here) + (f"#page={page}" if page else "") if _text(a.origin) else ""
    where = f"{_text(a.source)}{', page ' + page if page else ''}"
    link = f"<a href='{html.escape(href)}'>{html.escape(where)}</a>" if href else html.escape(where)
    status = f" · {html.escape(_text(a.status))}" if _text(a.status) else ""
    return (
        f"<div class='act'>{html.escape(_text(a.text))}<br><small>{html.escape(owners)} · {html.escape(when)}"
        f"{status} · {link}</small></div>"
    )
