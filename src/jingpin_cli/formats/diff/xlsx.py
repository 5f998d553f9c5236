"""Excel workbook of a before/after comparison: the district totals (naming who entered and left
the eligible list), every community's change (the CSV's rows) and the gaps by rule. Written by the
kit's sheet writer: frozen bold header, widths fitted to Chinese text, every text cell neutralised
against formulas, landscape A4 one page wide with the header on every page, the item lists wrapped;
a 说明 sheet last names the two reports compared, their standards and the date."""

from __future__ import annotations

from dataclasses import replace

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff import csv as diff_csv
from jingpin_cli.formats.diff.common import district_rows, source_note, standard_name, word
from jingpin_cli.formats.kit.about import closing_rows, write_about
from jingpin_cli.formats.kit.dates import report_date
from jingpin_cli.formats.kit.sheets import WRAP, Look, saved, workbook, write_columns, write_sheet
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text import words

LOOK = Look(freeze="A2")
WRAPPED = ["closed_items", "opened_items"]  # diff words: the lists of items closed and opened


def render(diff: Diff, options: Options = PLAIN) -> bytes:
    lang = options.lang
    wb = workbook()
    write_sheet(wb, word("sheet.district", lang), ["", word("old", lang), word("new", lang), word("delta", lang)],
                _district(diff, lang), LOOK)
    columns = diff_csv.columns(lang)
    wrapped = [word(k, lang) for k in WRAPPED]
    write_columns(wb, word("sheet.communities", lang), columns, diff_csv.table(diff, lang),
                  replace(LOOK, columns={c: WRAP for c in columns if c in wrapped}))
    write_sheet(wb, word("sheet.rules", lang), [word(k, lang) for k in ("item", "closed", "opened")],
                ([r["title"], r["closed"], r["opened"]] for r in diff["rules"]), LOOK)
    write_about(wb, _about(diff, options), lang)
    return saved(wb)


def _about(diff: Diff, options: Options) -> list[list]:
    """Each side's report or folder and its standard, then the date and jingpin's version."""
    lang = options.lang
    old, new = standard_name(diff["old"]), standard_name(diff["new"])
    rows = [[words.word(f"about.{side}", lang), diff[side]["source"]] for side in ("old", "new")]
    rows.append([words.word("about.standard", lang), old if old == new else f"{old} → {new}"])
    return rows + closing_rows([], report_date(options.date), lang)  # the two sources above are the data


def _district(diff: Diff, lang: str):
    for r in district_rows(diff, lang):
        # a number stays a number (a signed text “+2” would read as a formula and be neutralised)
        yield [r.label, r.old, r.new, r.change]
    note = source_note(diff, lang)
    if note:
        yield [note, None, None, None]
