"""CSV of `jingpin screen`: the whole ranking, one row per community (the kit's CSV writer), made
from the ranking's columns: each distinct value quoted once, reasons joined once per distinct cause."""

from __future__ import annotations

from typing import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.csv import csv_columns
from jingpin_cli.formats.kit.distinct import distinct
from jingpin_cli.results.screen.record import Screened, ranking_columns
from jingpin_cli.text.words import sep, words, yes_no

COLUMNS = ["rank", "tie", "id", "name", "street", "score", "eligible", "result", "unknown", "weakest", "reasons",
           "to_get_in", "stability"]


def columns(screening, lang: str) -> list[str]:
    return words(COLUMNS, lang, "screen.col.", **screening.report.standard.words(lang))


def cells(screening, lang: str = "zh", near=None, stab=None) -> list[list]:
    """The cells of each column in `columns` order, a value per row."""
    yes, no = yes_no(True, lang), yes_no(False, lang)
    c, why = ranking_columns(screening, lang, near, stab)
    return [
        c["rank"], [f"{shared}=" if tie else "" for shared, tie in zip(c["shared_rank"], c["tie"], strict=True)],
        c["id"], c["name"], [street or "" for street in c["street"]], c["score"],
        [yes if ok else no for ok in c["eligible"]], c["status_label"], c["unknown_rules"], c["weakest_share"],
        why.joined(sep(lang)), [text or "" for text in c["to_get_in"]],
        ["" if share is None else share for share in c["stability"]],
    ]


def render(result: Screened, options: Options = PLAIN) -> Iterator[str]:
    screening, lang = result.screening, options.lang
    return csv_columns(columns(screening, lang),
                       [distinct(values) for values in cells(screening, lang, result.near, result.stab)])
