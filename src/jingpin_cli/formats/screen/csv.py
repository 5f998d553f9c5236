"""CSV of `jingpin screen`: the whole ranking, one row per community (the kit's CSV writer)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.csv import csv_text
from jingpin_cli.results.screen.record import Screened, ranking_entries
from jingpin_cli.text.words import sep, words, yes_no

COLUMNS = ["rank", "tie", "id", "name", "street", "score", "eligible", "result", "unknown", "weakest", "reasons",
           "to_get_in", "stability"]


def columns(screening, lang: str) -> list[str]:
    return words(COLUMNS, lang, "screen.col.", **screening.report.standard.words(lang))


def rows(screening, lang: str = "zh", near=None, stab=None):
    """Plain rows in `columns` order (shared with the XLSX ranking sheet)."""
    yes, no = yes_no(True, lang), yes_no(False, lang)  # “并列” shows the shared rank: 3=
    for e in ranking_entries(screening, lang, near, stab):
        yield [
            e["rank"], f"{e['shared_rank']}=" if e["tie"] else "", e["id"], e["name"], e["street"] or "",
            e["score"], yes if e["eligible"] else no, e["status_label"], e["unknown_rules"], e["weakest_share"],
            sep(lang).join(e["reasons"]), e["to_get_in"] or "", "" if e["stability"] is None else e["stability"],
        ]


def render(result: Screened, options: Options = PLAIN) -> str:
    screening, lang = result.screening, options.lang
    return csv_text(columns(screening, lang), rows(screening, lang, result.near, result.stab))
