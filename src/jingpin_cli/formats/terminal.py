"""The rich terminal view: a district table, or one community's full report by aspect and task."""

from __future__ import annotations

import io

from rich.cells import cell_len
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from jingpin_cli.formats.columns import main_gaps
from jingpin_cli.i18n import pick, t
from jingpin_cli.report import Report, community_record, grade_label
from jingpin_cli.rules.base import num
from jingpin_cli.survey import RATE_FIELDS

STYLE = {"pass": "green", "partial": "yellow", "fail": "red", "unknown": "magenta", "waived": "cyan"}
MARK = {"pass": "✓", "partial": "◐", "fail": "✗", "unknown": "?", "waived": "≈"}


def district(report: Report, lang: str = "zh", gaps: int = 2, width: int = 160, limit: int = 0):
    """All communities, best first, or the best `limit` of them (0: all). Columns are dropped on
    narrow terminals, the gaps column last."""
    en = lang == "en"
    std, s, frame = report.standard, report.summary, report.records.frame
    medium, wide = width >= 110, width >= 150
    columns = [("#", True), ("id" if en else "编码", medium), ("community" if en else "社区", True),
               ("street" if en else "街道", medium), ("score" if en else "总分", True), ("grade" if en else "等次", True),
               ("eligible" if en else "可评选", True), ("unknown" if en else "未知", True)]
    columns += [(f"{pick(a, lang)}/{a.points:g}", wide) for a in std.aspects]
    shown = [c for c, on in columns if on]
    order = s.sort_values("score", ascending=False, kind="stable").index
    hidden = len(order) - limit if 0 < limit < len(order) else 0
    order = order[:len(order) - hidden]
    rows = []
    for i, cid in enumerate(order, 1):
        row = s.loc[cid]
        cells = [str(i), cid, str(frame.at[cid, "name"]), _text(frame.at[cid, "street"]),
                 f"{row['score']:.1f}", grade_label(std, row["grade"], lang),
                 Text("✓", "green") if row["eligible"] else Text("✗", "red"),
                 str(int(row["unknown_rules"])) if row["unknown_rules"] else "",
                 *[f"{row[f'aspect.{a.id}']:.1f}" for a in std.aspects]]
        cells = [c if isinstance(c, Text) else Text(c) for c, (_, on) in zip(cells, columns) if on]
        gap_text = ("; " if en else "；").join(main_gaps(report, cid, lang, gaps if medium else 1))
        rows.append([*cells, Text(gap_text)])  # Text, not markup: a name like “[党建]” stays as typed
    table = Table(title=pick(std.title, lang), header_style="bold", pad_edge=False)
    for j, col in enumerate(shown):
        # the widths rich would measure, given up front: measuring every cell is most of its time
        fit = max([cell_len(col), *(r[j].cell_len for r in rows)])
        table.add_column(col, justify="left" if col in ("编码", "id", "社区", "community", "街道", "street", "等次", "grade") else "right",
                         no_wrap=True, width=fit)
    table.add_column("main gaps" if en else "主要差距", overflow="fold", min_width=16, ratio=1)
    for r in rows:
        table.add_row(*r)
    counts = s["grade"].map(lambda g: grade_label(std, g, lang)).value_counts()
    foot = (("; " if en else "；").join(f"{k} {v}" for k, v in counts.items())
            + (f" · eligible {int(s['eligible'].sum())}/{len(s)}" if en else f" · 可评选 {int(s['eligible'].sum())}/{len(s)}"))
    if hidden:  # a terminal is no place for 10 000 rows (and rich takes seconds to lay them out)
        foot += "\n" + t("audit.rows_hidden", lang, shown=len(order), hidden=hidden, total=len(s))
    return Group(table, Text(foot))


def community(report: Report, cid: str, lang: str = "zh"):
    en = lang == "en"
    r = community_record(report, cid, lang)
    head = Text()
    head.append(f"{r['name']}（{r['id']}）" if not en else f"{r['name']} ({r['id']})", "bold")
    head.append(f"  {'score' if en else '总分'} {r['score']}/{report.standard.scoring.total:g}")
    if r["bonus"]:
        head.append(f" ({'incl. bonus' if en else '含加分'} {r['bonus']})")
    if r.get("score_without_waivers") not in (None, r["score"]):
        head.append(f" ({t('waiver.score', lang, score=r['score_without_waivers'])})", "cyan")
    head.append(f"  {'grade' if en else '等次'} {r['grade']}  ")
    head.append(("eligible" if en else "可评选") if r["eligible"] else ("not eligible" if en else "不可评选"),
                "green" if r["eligible"] else "red")
    gates = Text(("三有一化 baseline: " if en else "三有一化："))
    for g in r["gates"]:
        gates.append(f"{MARK[g['status']]} {g['title']}  ", STYLE[g["status"]])
    parts = [head, gates]
    if r["unknown_rules"]:
        parts.append(Text(
            f"{r['unknown_rules']} rules unknown (blank data), {r['unknown_points']} points not yet counted" if en
            else f"{r['unknown_rules']} 项未填报，{r['unknown_points']} 分尚未计入", "magenta"))
    for area in r["areas"]:
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(width=2)
        table.add_column(overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        for task in area["tasks"]:
            table.add_row("", Text(f"{task['title']}", "bold"), f"{num(task['score'])}/{num(task['max'])}")
            for f in r["findings"]:
                if f["area"] == area["id"] and f["task"] == task["id"]:
                    pts = f"{num(f['points'])}/{num(f['max_points'])}" if f["max_points"] is not None else (f"+{num(f['points'])}" if f["points"] else "")
                    table.add_row(Text(MARK[f["status"]], STYLE[f["status"]]), _message(f, lang), pts)
        parts.append(Panel(table, title=f"{area['title']} {num(area['score'])}/{num(area['max'])}", title_align="left"))
    return Group(*parts)


def _message(f: dict, lang: str) -> Text:
    """A finding's message; a survey rate says, dimly, whether it was computed from answers or typed in."""
    text = Text(f["message"])
    if f.get("source") and f["fields"][0] in RATE_FIELDS:
        words = {"survey": ("问卷计算", "from survey answers"), "table": ("报表填报", "typed in a table")}[f["source"]]
        text.append(f"  · {words[lang == 'en']}", "dim")
    return text


def render(report: Report, lang: str = "zh", community_id: str | None = None, width: int = 160) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt."""
    buf = io.StringIO()
    console = Console(file=buf, width=width, color_system=None, force_terminal=False)
    console.print(community(report, community_id, lang) if community_id else district(report, lang, width=width))
    return buf.getvalue()


def _text(value) -> str:
    import pandas as pd

    return "" if pd.isna(value) else str(value)
