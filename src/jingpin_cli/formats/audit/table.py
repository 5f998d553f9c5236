"""The rich terminal view: a district table, or one community's full report by aspect and task."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import main_gap_texts, main_gaps, text_or_blank
from jingpin_cli.formats.kit.boxtable import BoxTable, Column
from jingpin_cli.formats.kit.plain import plain_text
from jingpin_cli.formats.kit.status import MARK, RICH_STYLE
from jingpin_cli.records.survey_rates import RATE_FIELDS
from jingpin_cli.results.audit.grades import band_counts, grade_reason, grade_text, stars_text
from jingpin_cli.results.audit.record import community_record, grade_label
from jingpin_cli.results.audit.report import Report
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep, word, words

WIDTH = 160  # -o FILE.txt
MANY_ROWS = 500  # district rows beyond which the main gaps are built for all communities at once


def district(report: Report, lang: str = "zh", gaps: int = 2, width: int = 160, limit: int = 0):
    """All communities, best first, or the best `limit` of them (0: all). Columns are dropped on
    narrow terminals (the aspects also where they would leave the gaps too little room), the gaps
    column last."""
    std, s, frame = report.standard, report.summary, report.records.frame
    medium, wide = width >= 110, width >= 150
    head = words(["id", "name", "street", "score", "grade", "eligible", "unknown"], lang, "audit.tty.",
                 **std.words(lang))
    columns = [("#", True), (head[0], medium), (head[1], True), (head[2], medium), (head[3], True), (head[4], True),
               (head[5], True), (head[6], True)]
    starred = std.stars is not None
    if starred:
        columns.insert(6, (word("audit.tty.star_col", lang), True))
    columns += [(f"{pick(a, lang)}/{a.points:g}", wide) for a in std.aspects]
    order = s.sort_values("score", ascending=False, kind="stable").index
    hidden = len(order) - limit if 0 < limit < len(order) else 0
    order = order[:len(order) - hidden]
    fields = ["score", "grade", "incomplete", "eligible", "unknown_rules", *(f"aspect.{a.id}" for a in std.aspects)]
    values = [*frame.loc[order, ["name", "street"]].T.values.tolist(), *s.loc[order, fields].T.values.tolist()]
    rows = []  # (read by column: a row at a time is slow in pandas)
    for i, (cid, name, street, score, grade, incomplete, eligible, unknown, *aspects, gap_text) in enumerate(
            zip(order, *values, _gap_texts(report, order, lang, gaps if medium else 1), strict=True), 1):
        stars = [stars_text(s.at[cid, "stars"], len(std.aspects), lang)] if starred else []
        rows.append([str(i), cid, str(name), text_or_blank(street), f"{score:.1f}",
                     grade_text(grade_label(std, grade, lang), incomplete, lang),
                     *stars, Text("✓", "green") if eligible else Text("✗", "red"),
                     str(int(unknown)) if unknown else "", *[f"{a:.1f}" for a in aspects], gap_text])
    left = (1, 2, 3, 5, 6) if starred else (1, 2, 3, 5)  # id, community, street, grade (, stars)
    heads = [Column(c, "left" if i in left else "right") for i, (c, _) in enumerate(columns)]
    heads.append(Column(word("audit.tty.main_gaps", lang), wrap=True, min_width=16))

    def table(keep: list[bool]) -> BoxTable:  # (str cells are shown as typed: a name like “[党建]” is no markup)
        keep = [*keep, True]
        return BoxTable([h for h, on in zip(heads, keep, strict=True) if on],
                        [[c for c, on in zip(r, keep, strict=True) if on] for r in rows],
                        title=pick(std.title, lang))

    keep = [on for _, on in columns]
    shown = table(keep)
    if wide and not shown.fits(width):  # the aspect columns would squeeze the gaps off the screen
        shown = table(keep[:len(keep) - len(std.aspects)] + [False] * len(std.aspects))
    foot = (sep(lang).join(f"{k} {v}" for k, v in band_counts(report, lang))
            + word("audit.tty.eligible_count", lang, n=int(s["eligible"].sum()), total=len(s)))
    if (s["score"] > std.scoring.total + 1e-9).any():  # “103.1” on a 100-point sheet: say where it comes from
        foot += "\n" + t("audit.over_total", lang, total=num(std.scoring.total))
    if hidden:  # a terminal is no place for 10 000 rows
        foot += "\n" + t("audit.rows_hidden", lang, shown=len(order), hidden=hidden, total=len(s))
    return Group(shown, Text(foot))


def _gap_texts(report: Report, order, lang: str, limit: int) -> list[str]:
    """The main gaps of the communities in `order`: a screenful built one by one; many rows (all of
    them in -o FILE.txt) from every community's gaps at once, each distinct message built once."""
    if len(order) > MANY_ROWS:
        texts, pos = main_gap_texts(report, lang, limit), report.index.columns.pos
        return [texts[pos[cid]] for cid in order]
    return [sep(lang).join(main_gaps(report, cid, lang, limit)) for cid in order]


def community(report: Report, cid: str, lang: str = "zh"):
    r = community_record(report, cid, lang)
    head = Text()
    head.append(word("audit.tty.head", lang, name=r["name"], id=r["id"]), "bold")
    head.append(f"  {word('audit.tty.score', lang)} {r['score']}/{report.standard.scoring.total:g}")
    if r.get("applicable_points") not in (None, report.standard.scoring.total):
        head.append(f" ({t('audit.rescaled', lang, of=num(r['applicable_points']))})")
    if r["bonus"]:
        head.append(f" ({t('audit.bonus_points', lang, n=num(r['bonus']))})")
    if r.get("penalty"):
        head.append(f" ({word('audit.tty.penalty', lang)} {num(r['penalty'])})", "red")
    if r.get("score_without_waivers") not in (None, r["score"]):
        head.append(f" ({t('waiver.score', lang, score=r['score_without_waivers'])})", "cyan")
    head.append(f"  {word('audit.tty.grade', lang)} {grade_text(r['grade'], r['incomplete'], lang)}  ")
    if "stars" in r:
        head.append(f"{word('audit.tty.stars', lang)} {stars_text(r['stars'], r['stars_max'], lang)}  ", "yellow")
    head.append(word("audit.tty.is_eligible" if r["eligible"] else "audit.tty.not_eligible", lang),
                "green" if r["eligible"] else "red")
    gates = Text(word("audit.tty.gates", lang, **report.standard.words(lang)))
    for g in r["gates"]:
        gates.append(f"{MARK[g['status']]} {g['title']}  ", RICH_STYLE[g["status"]])
    parts = [head, gates] if r["gates"] else [head]  # a pack without gates has no gate line
    reason = r["grade_reason"] if "grade_reason" in r else grade_reason(report, cid, lang)
    if reason:  # why not the band above (plain bands: only where the score alone would give another)
        parts.insert(1, Text(reason, "yellow"))
    if r["unknown_rules"]:
        parts.append(Text(word("audit.tty.unknown_rules", lang, rules=r["unknown_rules"], points=r["unknown_points"]),
                          "magenta"))
    if r["incomplete"]:
        parts.append(Text(t("grade.incomplete_note", lang, points=num(r["unknown_points"])), "magenta"))
    for area in r["areas"]:
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(width=2)
        table.add_column(overflow="fold")
        table.add_column(justify="right", no_wrap=True)
        for task in area["tasks"]:
            table.add_row("", Text(f"{task['title']}", "bold"), f"{num(task['score'])}/{num(task['max'])}")
            for f in r["findings"]:
                if f["area"] == area["id"] and f["task"] == task["id"]:
                    pts = ("–" if f["status"] == "not_applicable"
                           else f"{num(f['points'])}/{num(f['max_points'])}" if f["max_points"] is not None
                           else (f"+{num(f['points'])}" if f["points"] else ""))
                    table.add_row(Text(MARK[f["status"]], RICH_STYLE[f["status"]]), _message(f, lang), pts)
        parts.append(Panel(table, title=f"{area['title']} {num(area['score'])}/{num(area['max'])}", title_align="left"))
    return Group(*parts)


def _message(f: dict, lang: str) -> Text:
    """A finding's message; a survey rate says, dimly, whether it was computed from answers or typed in."""
    text = Text(f["message"])
    if f.get("source") and f["fields"][0] in RATE_FIELDS:
        text.append(f"  · {word('audit.tty.source.' + f['source'], lang)}", "dim")
    return text


def view(report: Report, options: Options = PLAIN):
    """The terminal view: one community's full report (options.community), else the district table
    of the best options.rows communities (0: all) fitted to options.width."""
    if options.community:
        return community(report, options.community, options.lang)
    return district(report, options.lang, width=options.width_or(WIDTH), limit=options.rows)


def render(report: Report, options: Options = PLAIN) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt: every community (rows ignored)."""
    width = options.width_or(WIDTH)
    return plain_text(view(report, replace(options, width=width, rows=0)), width)
