"""XLSX of `jingpin screen`: a ranking sheet, a gaps sheet (near misses and what to close), a
stability sheet when asked, and a notes sheet (说明, last: the standard, the choices made, the data
files, the date). Written by the kit's sheet writer: frozen bold header row, column widths fitted to
Chinese text, every text cell neutralised against formulas, landscape A4 one page wide with the
header on every page, reasons wrapped, shares as percent cells (0.9087 shows as 90.9%)."""

from __future__ import annotations

from dataclasses import replace

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.about import closing_rows, standard_rows
from jingpin_cli.formats.kit.dates import report_date
from jingpin_cli.formats.kit.sheets import (
    PERCENT,
    WRAP,
    Look,
    Widths,
    saved,
    workbook,
    write_columns,
    write_sheet,
)
from jingpin_cli.formats.screen import csv as screen_csv
from jingpin_cli.results.screen.record import Screened, near_entries, pilot_text, quota_text
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep, word, words, yes_no

LOOK = Look(freeze="A2", widths=Widths(low=6, high=80, head_pad=2, cell_pad=2), header_top=True)
GAP_COLUMNS = ["rank", "id", "name", "street", "score", "eligible", "kept_out_by", "gaps_to_close", "gap_count",
               "score_after", "rank_after", "verified", "conclusion"]
STAB_COLUMNS = ["id", "name", "picked_now", "share_picked"]
SHARES = ["weakest", "stability", "share_picked"]  # fractions: shown as percent cells
WRAPPED = ["reasons", "to_get_in", "kept_out_by", "gaps_to_close", "conclusion", "value"]


def render(result: Screened, options: Options = PLAIN) -> bytes:
    screening, near, stab = result
    lang = options.lang
    wb = workbook()
    look = _look(screening, lang)
    write_columns(wb, word("screen.sheet.ranking", lang), screen_csv.columns(screening, lang),
                  screen_csv.cells(screening, lang, near, stab), look)
    if near is not None:
        gap_columns = words(GAP_COLUMNS, lang, "screen.col.", **screening.report.standard.words(lang))
        write_sheet(wb, word("screen.sheet.gaps", lang), gap_columns,
                    _gap_rows(screening, near, lang), look)
    if stab is not None:
        write_sheet(wb, word("screen.sheet.stability", lang), words(STAB_COLUMNS, lang, "screen.col."),
                    _stability_rows(screening, stab, lang), look)
    write_sheet(wb, word("screen.sheet.notes", lang), words(["item", "value"], lang, "screen.col."),
                _notes(screening, options), look)
    return saved(wb)


def _look(screening, lang: str) -> Look:
    """LOOK with the wrapped and percent columns named by their headers in `lang`."""
    pack = screening.report.standard.words(lang)
    wrapped, shares = (words(keys, lang, "screen.col.", **pack) for keys in (WRAPPED, SHARES))
    return replace(LOOK, columns={**dict.fromkeys(wrapped, WRAP), **dict.fromkeys(shares, PERCENT)})


def _gap_rows(screening, near, lang: str):
    yes, no = yes_no(True, lang), yes_no(False, lang)
    plus = t("screen.gap.join", lang)
    for e in near_entries(screening, near, lang):
        yield [e["rank"], e["id"], e["name"], e["street"] or "", e["score"], yes if e["eligible"] else no,
               sep(lang).join(e["kept_out_by"]), plus.join(g["text"] for g in e["gaps"]), len(e["gaps"]) or "",
               e["score_after"], e["rank_after"], (yes if e["verified"] else no) if e["gets_in"] else "", e["text"]]


def _stability_rows(screening, stab, lang: str):
    yes, no = yes_no(True, lang), yes_no(False, lang)
    for cid in list(screening.selected) + [c for c in stab.share.index if c not in screening.selected]:
        yield [cid, screening.table.at[cid, "name"], yes if cid in screening.selected else no, round(stab.kept(cid), 4)]


def _notes(screening, options: Options):
    lang = options.lang
    names = sep(lang, "list")
    yield from standard_rows(screening.report.standard, lang)
    yield [word("screen.note.top", lang), screening.top]
    if screening.quota is not None:
        yield [word("screen.note.quota", lang), quota_text(screening, lang)]
    if screening.per_street is not None:
        per_group = word("screen.note.per_street", lang, **screening.report.standard.words(lang))
        yield [per_group, screening.per_street]
    if screening.include:
        yield ["--include", names.join(screening.include)]
    if screening.exclude:
        yield ["--exclude", names.join(screening.exclude)]
    yield [word("screen.note.selected", lang),
           names.join(word("name_id", lang, name=screening.table.at[c, "name"], id=c) for c in screening.selected)]
    if screening.pilot:
        yield [word("screen.note.pilot", lang), pilot_text(screening, lang)]
    yield [word("screen.note.order", lang), t("screen.order", lang)]
    yield from closing_rows(list(screening.report.records.sources), report_date(options.date), lang)
