"""The terminal view of a before/after comparison: district totals, then one row per community (on a
terminal the first `--rows` of them, largest gain first; a file gets every row)."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.markup import escape
from rich.table import Table
from rich.text import Text

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import (
    district_rows,
    eligibility_text,
    grade_change,
    source_note,
    standard_name,
    word,
)
from jingpin_cli.formats.kit.plain import plain_text
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, signed
from jingpin_cli.text.words import sep

WIDTH = 160  # -o FILE.txt
DETAILS = 3  # gaps named per community in the closed / opened column
NAMED = 10  # communities named in the totals' eligible row, each way, unless --rows 0


def view(diff: Diff, options: Options = PLAIN):
    lang, width, details = options.lang, options.width_or(WIDTH), DETAILS
    d = diff["district"]
    w = lambda key, **p: word(key, lang, **p)  # noqa: E731
    parts = [Text(f"{w('title')}: {diff['old']['source']} → {diff['new']['source']}", "bold")]
    if not diff["same_standard"]:
        parts.append(Text(w("standards_differ", a=standard_name(diff["old"]), b=standard_name(diff["new"])), "yellow"))
    note = source_note(diff, lang)
    if note:
        parts.append(Text(note, "yellow"))
    totals = Table(title=w("district"), show_header=True, header_style="bold", pad_edge=False)
    for col in ("", w("old"), w("new")):
        totals.add_column(col)
    totals.add_column(w("delta"), overflow="fold")  # who entered and left, in full: Chinese has no spaces to wrap at
    for r in district_rows(diff, lang, min(options.rows, NAMED) if options.rows else 0):
        change = escape(r.change) if isinstance(r.change, str) else _coloured(r.change)
        totals.add_row(escape(r.label), r.old, r.new, change)
    parts += [totals, Text(w("moves", i=d["improved"], d=d["declined"], u=d["unchanged"], up=d["grade_up"],
                             down=d["grade_down"]))]

    # narrower than `medium` (as audit's table), the id column goes and the grade and eligibility
    # columns wrap, so that no score is cut short on an 80-column terminal
    medium, wide = width >= 110, width >= 120
    table = Table(title=w("by_community"), header_style="bold", pad_edge=False)
    for key, shown in (("name", True), ("id", medium), ("old_score", True), ("new_score", True), ("delta", True),
                       ("grade", True), ("eligibility", True), ("closed", True), ("opened", True)):
        if shown:
            table.add_column(w(key), no_wrap=medium or key not in ("grade", "eligibility"))
    if wide:
        table.add_column(f"{w('closed')} / {w('opened')}", overflow="fold", ratio=1)
    communities = diff["communities"]
    shown = communities[:options.rows] if 0 < options.rows < len(communities) else communities
    for c in shown:  # (only the communities shown are built: see results.diff.compare.Changes)
        row = [escape(str(c["name"])), *([escape(c["id"])] if medium else []), num(c["old_score"]),
               num(c["new_score"]), _coloured(c["delta"]), escape(grade_change(c)), _eligibility(c, lang),
               str(len(c["closed"]) or ""), str(len(c["opened"]) or "")]
        if wide:
            row.append(_details(c, lang, details))
        table.add_row(*row)
    parts.append(table if communities else Text(w("no_change")))
    if len(shown) < len(communities):  # a terminal is no place for 100 000 rows
        parts.append(Text(t("diff.rows_hidden", lang, shown=len(shown), hidden=len(communities) - len(shown),
                            total=len(communities))))
    for key in ("added", "removed"):
        if diff[key]:
            listed = diff[key][:options.rows] if options.rows else diff[key]
            names = sep(lang, "list").join(w("listed", name=c["name"], id=c["id"], score=num(c["score"]))
                                           for c in listed)
            if len(listed) < len(diff[key]):
                names += t("diff.more_listed", lang, n=len(diff[key]) - len(listed))
            parts.append(Text(f"{w(key)}: {names}"))
    return Group(*parts)


def _eligibility(c: dict, lang: str) -> Text:
    colour = {"gained": "green", "lost": "red"}.get(c["eligibility"], "")
    return Text(eligibility_text(c, lang), colour)


def _coloured(value) -> Text:
    if value is None or value == 0:
        return Text(signed(value))
    return Text(signed(value), "green" if value > 0 else "red")


def _details(c: dict, lang: str, limit: int) -> Text:
    names = sep(lang, "list")
    text = Text()
    if c["closed"]:
        text.append("✓ " + names.join(g["title"] for g in c["closed"][:limit])
                    + ("…" if len(c["closed"]) > limit else ""), "green")
    if c["opened"]:
        if c["closed"]:
            text.append("  ")
        text.append("✗ " + names.join(g["title"] for g in c["opened"][:limit])
                    + ("…" if len(c["opened"]) > limit else ""), "red")
    if c["source_changed"]:
        text.append(("  " if text else "") + word("source_changed", lang) + sep(lang, "colon")
                    + names.join(g["title"] for g in c["source_changed"]), "yellow")
    return text


def render(diff: Diff, options: Options = PLAIN) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt: every community (rows ignored)."""
    width = options.width_or(WIDTH)
    return plain_text(view(diff, replace(options, width=width, rows=0)), width)
