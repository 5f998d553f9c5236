"""The rich terminal view: a district table, or one community's full report by aspect and task."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from jingpin_cli.formats.audit.columns import main_gap_texts, main_gaps
from jingpin_cli.formats.kit.boxtable import BoxTable, Column
from jingpin_cli.records.survey_rates import RATE_FIELDS
from jingpin_cli.results.audit import positional
from jingpin_cli.results.audit.report import Report, community_record, grade_label
from jingpin_cli.rules.base import num
from jingpin_cli.text.messages import pick, t

STYLE = {"pass": "green", "partial": "yellow", "fail": "red", "unknown": "magenta", "waived": "cyan"}
MARK = {"pass": "✓", "partial": "◐", "fail": "✗", "unknown": "?", "waived": "≈"}
MANY_ROWS = 500  # district rows beyond which the main gaps are built for all communities at once


def district(report: Report, lang: str = "zh", gaps: int = 2, width: int = 160, limit: int = 0):
    """All communities, best first, or the best `limit` of them (0: all). Columns are dropped on
    narrow terminals (the aspects also where they would leave the gaps too little room), the gaps
    column last."""
    en = lang == "en"
    std, s, frame = report.standard, report.summary, report.records.frame
    medium, wide = width >= 110, width >= 150
    columns = [("#", True), ("id" if en else "编码", medium), ("community" if en else "社区", True),
               ("street" if en else "街道", medium), ("score" if en else "总分", True), ("grade" if en else "等次", True),
               ("eligible" if en else "可评选", True), ("unknown" if en else "未知", True)]
    columns += [(f"{pick(a, lang)}/{a.points:g}", wide) for a in std.aspects]
    order = s.sort_values("score", ascending=False, kind="stable").index
    hidden = len(order) - limit if 0 < limit < len(order) else 0
    order = order[:len(order) - hidden]
    fields = ["score", "grade", "eligible", "unknown_rules", *(f"aspect.{a.id}" for a in std.aspects)]
    values = [*frame.loc[order, ["name", "street"]].T.values.tolist(), *s.loc[order, fields].T.values.tolist()]
    rows = []  # (read by column: a row at a time is slow in pandas)
    for i, (cid, name, street, score, grade, eligible, unknown, *aspects, gap_text) in enumerate(
            zip(order, *values, _gap_texts(report, order, lang, gaps if medium else 1)), 1):
        rows.append([str(i), cid, str(name), _text(street), f"{score:.1f}", grade_label(std, grade, lang),
                     Text("✓", "green") if eligible else Text("✗", "red"), str(int(unknown)) if unknown else "",
                     *[f"{a:.1f}" for a in aspects], gap_text])
    left = ("编码", "id", "社区", "community", "街道", "street", "等次", "grade")
    heads = [Column(c, "left" if c in left else "right") for c, _ in columns]
    heads.append(Column("main gaps" if en else "主要差距", wrap=True, min_width=16))

    def table(keep: list[bool]) -> BoxTable:  # (str cells are shown as typed: a name like “[党建]” is no markup)
        keep = [*keep, True]
        return BoxTable([h for h, on in zip(heads, keep) if on], [[c for c, on in zip(r, keep) if on] for r in rows],
                        title=pick(std.title, lang))

    keep = [on for _, on in columns]
    shown = table(keep)
    if wide and not shown.fits(width):  # the aspect columns would squeeze the gaps off the screen
        shown = table(keep[:len(keep) - len(std.aspects)] + [False] * len(std.aspects))
    counts = s["grade"].map(lambda g: grade_label(std, g, lang)).value_counts()
    foot = (("; " if en else "；").join(f"{k} {v}" for k, v in counts.items())
            + (f" · eligible {int(s['eligible'].sum())}/{len(s)}" if en else f" · 可评选 {int(s['eligible'].sum())}/{len(s)}"))
    if hidden:  # a terminal is no place for 10 000 rows
        foot += "\n" + t("audit.rows_hidden", lang, shown=len(order), hidden=hidden, total=len(s))
    return Group(shown, Text(foot))


def _gap_texts(report: Report, order, lang: str, limit: int) -> list[str]:
    """The main gaps of the communities in `order`: a screenful built one by one; many rows (all of
    them in -o FILE.txt) from every community's gaps at once, each distinct message built once."""
    if len(order) > MANY_ROWS:
        texts, pos = main_gap_texts(report, lang, limit), positional.columns(report).pos
        return [texts[pos[cid]] for cid in order]
    return [("; " if lang == "en" else "；").join(main_gaps(report, cid, lang, limit)) for cid in order]


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
