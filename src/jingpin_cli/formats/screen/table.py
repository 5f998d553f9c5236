"""The terminal view of `jingpin screen`: picks and pilot, the top of the ranking with ties marked,
the near misses with the gaps that would get them in, and the stability of each pick."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.boxtable import BoxTable, Column
from jingpin_cli.formats.kit.plain import plain_text
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, INELIGIBLE, PICKED
from jingpin_cli.results.screen.record import Screened, near_entries, pilot_text, quota_text, ranking_entries
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import pct
from jingpin_cli.text.words import sep as words_sep
from jingpin_cli.text.words import word, words, yes_no

MIN_ROWS, MAX_ROWS = 15, 60
NAMES_SHOWN = 30  # picks named on the terminal's line; the ranking below and the files list them all
WIDTH = 160  # -o FILE.txt
STYLE = {PICKED: "bold green", INCLUDED: "bold cyan", EXCLUDED: "dim", INELIGIBLE: "red"}


def view(result: Screened, options: Options = PLAIN, every_row: bool = False):
    """The terminal's view: the top of the ranking (rows_shown); `every_row` for a file, which has no
    screen to fill and must not leave communities out."""
    screening, near, stab = result
    lang, width = options.lang, options.width_or(WIDTH)
    parts = [Text(_title(screening, lang), "bold")]
    if screening.quota is not None:
        parts.append(Text(quota_text(screening, lang)))
    shown = screening.selected if every_row else screening.selected[:NAMES_SHOWN]
    names = words_sep(lang, "list").join(str(screening.table.at[c, "name"]) for c in shown)
    if screening.selected:
        key = "screen.picked_count" if len(shown) == len(screening.selected) else "screen.picked_count_more"
        parts.append(Text(t(key, lang, n=len(screening.selected), names=names), "green"))
    if len(screening.selected) < screening.top:
        parts.append(Text(t("screen.short", lang, n=len(screening.selected), top=screening.top), "yellow"))
    if screening.pilot:
        parts.append(Text(pilot_text(screening, lang), "cyan"))
    cap = 0 if every_row else options.rows
    parts.append(_ranking(screening, lang, near, stab, width, every_row, cap))
    if near is not None and near.items:
        parts.append(_near(screening, near, lang))
        if near.more:
            parts.append(Text(t("screen.near_more", lang, n=near.more)))
    if stab is not None:
        parts.append(_stability(screening, stab, lang, cap))
    parts.append(Text(t("screen.order", lang), "dim"))
    return Group(*parts)


def _title(screening, lang: str) -> str:
    title = t("screen.title" if screening.top else "screen.title_none", lang, top=screening.top)
    if screening.per_street is not None:
        title += words_sep(lang, "title") + t("screen.per_street", lang, k=screening.per_street,
                                               **screening.report.standard.words(lang))
    return title


def rows_shown(screening, near, cap: int = 0) -> int:
    """The top of the ranking worth a look: twice the picks, the near misses; at most `cap` (--rows)
    when given, so that a quota of thousands does not print thousands of rows."""
    last_near = max((n.rank for n in near.items), default=0) if near else 0
    shown = min(len(screening.table), max(MIN_ROWS, 2 * screening.top, min(last_near, MAX_ROWS)))
    return min(shown, cap) if cap else shown


def _ranking(screening, lang, near, stab, width, every_row: bool, cap: int):
    wide = width >= 110
    group = word("screen.tty.street", lang, **screening.report.standard.words(lang))
    heads = [("#", True), (word("screen.tty.id", lang), wide), (word("screen.tty.name", lang), True),
             (group, wide), (word("screen.tty.score", lang), True),
             (word("screen.tty.result", lang), True)]
    columns = [Column(h, "right" if i in (0, 4) else "left") for i, (h, on) in enumerate(heads) if on]
    columns.append(Column(word("screen.tty.reasons", lang), wrap=True, min_width=20))
    limit, rows = len(screening.table) if every_row else rows_shown(screening, near, cap), []
    for e in ranking_entries(screening, lang, None, stab, limit=limit):
        rank = f"{e['shared_rank']}=" if e["tie"] else str(e["rank"])
        cells = [rank, e["id"], str(e["name"]), e["street"] or "", f"{e['score']}",
                 Text(e["status_label"], STYLE.get(e["status"], ""))]
        rows.append([*(c for c, (_, on) in zip(cells, heads, strict=True) if on), words_sep(lang).join(e["reasons"])])
    table = BoxTable(columns, rows)
    total = len(screening.table)
    caption = t("screen.rows_shown", lang, n=limit, total=total) if limit < total else None
    return Group(table, Text(caption, "dim")) if caption else table


def _near(screening, near, lang):
    heads = ["#", *words(["near_community", "near_score", "kept_out_by", "to_get_in"], lang, "screen.tty.")]
    rows = [[str(e["rank"]), str(e["name"]), f"{e['score']}", words_sep(lang).join(e["kept_out_by"]),
             Text(e["text"], "green" if e["gets_in"] and e["verified"] else "yellow")]
            for e in near_entries(screening, near, lang)]
    table = BoxTable([Column(h, wrap=i not in (0, 2)) for i, h in enumerate(heads)], rows)
    return Group(Text(t("screen.near_title", lang), "bold"), table)


def _stability(screening, stab, lang, cap: int):
    heads = words(["stab_community", "picked_now", "share_picked"], lang, "screen.tty.")
    yes, no = yes_no(True, lang), yes_no(False, lang)
    others = [c for c in stab.share.index if c not in screening.selected]
    rows = []
    listed = list(screening.selected) + others[:screening.top]
    for cid in listed[:cap] if cap else listed:
        share = stab.kept(cid)
        style = "green" if share >= 0.9 else "yellow" if share >= 0.5 else "red"
        rows.append([str(screening.table.at[cid, "name"]), yes if cid in screening.selected else no,
                     Text(pct(share), style)])
    table = BoxTable([Column(h, "left" if i == 0 else "right", wrap=True) for i, h in enumerate(heads)], rows)
    title = t("screen.stability_title", lang, pct=pct(stab.spread), draws=stab.draws, seed=stab.seed)
    return Group(Text(title, "bold"), table)


def render(result: Screened, options: Options = PLAIN) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt: every community ranked."""
    width = options.width_or(WIDTH)
    return plain_text(view(result, replace(options, width=width), every_row=True), width)
