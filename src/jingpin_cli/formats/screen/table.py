"""The terminal view of `jingpin screen`: picks and pilot, the top of the ranking with ties marked,
the near misses with the gaps that would get them in, and the stability of each pick."""

from __future__ import annotations

import io

from rich.console import Console, Group
from rich.text import Text

from jingpin_cli.formats.kit.boxtable import BoxTable, Column
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, INELIGIBLE, PICKED
from jingpin_cli.results.screen.record import (
    near_entries,
    pct,
    pilot_text,
    ranking_entries,
    sep,
)
from jingpin_cli.text.messages import t

MIN_ROWS, MAX_ROWS = 15, 60
STYLE = {PICKED: "bold green", INCLUDED: "bold cyan", EXCLUDED: "dim", INELIGIBLE: "red"}


def view(screening, lang: str = "zh", near=None, stab=None, width: int = 160):
    en = lang == "en"
    parts = [Text(_title(screening, lang), "bold")]
    names = (", " if en else "、").join(str(screening.table.at[c, "name"]) for c in screening.selected)
    if screening.selected:
        parts.append(Text(t("screen.picked_count", lang, n=len(screening.selected), names=names), "green"))
    if len(screening.selected) < screening.top:
        parts.append(Text(t("screen.short", lang, n=len(screening.selected), top=screening.top), "yellow"))
    if screening.pilot:
        parts.append(Text(pilot_text(screening, lang), "cyan"))
    parts.append(_ranking(screening, lang, near, stab, width))
    if near is not None and near.items:
        parts.append(_near(screening, near, lang))
        if near.more:
            parts.append(Text(t("screen.near_more", lang, n=near.more)))
    if stab is not None:
        parts.append(_stability(screening, stab, lang))
    parts.append(Text(t("screen.order", lang), "dim"))
    return Group(*parts)


def _title(screening, lang: str) -> str:
    title = t("screen.title", lang, top=screening.top)
    if screening.per_street is not None:
        title += ("; " if lang == "en" else "，") + t("screen.per_street", lang, k=screening.per_street)
    return title


def rows_shown(screening, near) -> int:
    last_near = max((n.rank for n in near.items), default=0) if near else 0
    return min(len(screening.table), max(MIN_ROWS, 2 * screening.top, min(last_near, MAX_ROWS)))


def _ranking(screening, lang, near, stab, width):
    en = lang == "en"
    wide = width >= 110
    heads = [("#", True), ("id" if en else "编码", wide), ("community" if en else "社区", True), ("street" if en else "街道", wide),
             ("score" if en else "总分", True), ("result" if en else "结果", True)]
    columns = [Column(h, "right" if h in ("#", "score", "总分") else "left") for h, on in heads if on]
    columns.append(Column("reasons" if en else "理由", wrap=True, min_width=20))
    limit, rows = rows_shown(screening, near), []
    for e in ranking_entries(screening, lang, None, stab, limit=limit):
        rank = f"{e['shared_rank']}=" if e["tie"] else str(e["rank"])
        cells = [rank, e["id"], str(e["name"]), e["street"] or "", f"{e['score']}",
                 Text(e["status_label"], STYLE.get(e["status"], ""))]
        rows.append([*(c for c, (_, on) in zip(cells, heads) if on), sep(lang).join(e["reasons"])])
    table = BoxTable(columns, rows)
    total = len(screening.table)
    caption = t("screen.rows_shown", lang, n=limit, total=total) if limit < total else None
    return Group(table, Text(caption, "dim")) if caption else table


def _near(screening, near, lang):
    en = lang == "en"
    heads = ["#", "community", "score", "kept out by", "to get in"] if en else ["#", "社区", "总分", "未入选原因", "补齐以下差距可入选"]
    rows = [[str(e["rank"]), str(e["name"]), f"{e['score']}", sep(lang).join(e["kept_out_by"]),
             Text(e["text"], "green" if e["gets_in"] and e["verified"] else "yellow")] for e in near_entries(screening, near, lang)]
    table = BoxTable([Column(h, wrap=h not in ("#", "总分", "score")) for h in heads], rows)
    return Group(Text(t("screen.near_title", lang), "bold"), table)


def _stability(screening, stab, lang):
    en = lang == "en"
    heads = ["community", "picked now", "share of draws picked"] if en else ["社区", "本次入选", "抽样中入选比例"]
    yes, no = ("yes", "no") if en else ("是", "否")
    others = [c for c in stab.share.index if c not in screening.selected]
    rows = []
    for cid in list(screening.selected) + others[:screening.top]:
        share = stab.kept(cid)
        style = "green" if share >= 0.9 else "yellow" if share >= 0.5 else "red"
        rows.append([str(screening.table.at[cid, "name"]), yes if cid in screening.selected else no, Text(pct(share), style)])
    table = BoxTable([Column(h, "left" if i == 0 else "right", wrap=True) for i, h in enumerate(heads)], rows)
    title = t("screen.stability_title", lang, pct=pct(stab.spread), draws=stab.draws, seed=stab.seed)
    return Group(Text(title, "bold"), table)


def render(screening, lang: str = "zh", near=None, stab=None, width: int = 160) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt."""
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, force_terminal=False).print(view(screening, lang, near, stab, width))
    return buf.getvalue()
