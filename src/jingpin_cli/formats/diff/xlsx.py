"""Excel workbook of a before/after comparison: the district totals (naming who entered and left
the eligible list), every community's change (the CSV's rows) and the gaps by rule. Written by the
kit's sheet writer: frozen bold header, widths fitted to Chinese text, every text cell neutralised
against formulas."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff import csv as diff_csv
from jingpin_cli.formats.diff.common import district_rows, source_note, word
from jingpin_cli.formats.kit.sheets import Look, saved, workbook, write_sheet
from jingpin_cli.results.diff.compare import Diff

LOOK = Look(freeze="A2")


def render(diff: Diff, options: Options = PLAIN) -> bytes:
    lang = options.lang
    wb = workbook()
    write_sheet(wb, word("sheet.district", lang), ["", word("old", lang), word("new", lang), word("delta", lang)],
                _district(diff, lang), LOOK)
    write_sheet(wb, word("sheet.communities", lang), diff_csv.columns(lang), diff_csv.rows(diff, lang), LOOK)
    write_sheet(wb, word("sheet.rules", lang), [word(k, lang) for k in ("item", "closed", "opened")],
                ([r["title"], r["closed"], r["opened"]] for r in diff["rules"]), LOOK)
    return saved(wb)


def _district(diff: Diff, lang: str):
    for r in district_rows(diff, lang):
        # a number stays a number (a signed text “+2” would read as a formula and be neutralised)
        yield [r.label, r.old, r.new, r.change]
    note = source_note(diff, lang)
    if note:
        yield [note, None, None, None]
