"""XLSX of a survey result: the CSV's rows on one sheet, the problems on a second (the kit's sheet
writer; text through safe_cell so a community named "=…" stays text)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.sheets import Look, saved, workbook, write_sheet
from jingpin_cli.formats.survey.rows import columns, rows
from jingpin_cli.results.survey.record import SurveyReport
from jingpin_cli.text.words import word, words

RATES = Look(freeze="D2", widths=None, header_fill=None, autofilter=False)
PROBLEMS = Look(freeze=None, widths=None, header_fill=None, autofilter=False)


def render(report: SurveyReport, options: Options = PLAIN) -> bytes:
    result, standard = report
    lang = options.lang
    book = workbook()
    write_sheet(book, word("survey.sheet.rates", lang), columns(standard, lang), rows(result, standard, lang), RATES)
    problems = ([loc.file, loc.sheet, loc.row, loc.column, p.message(lang)]
                for p, loc in ((p, p.location) for p in result.problems))
    write_sheet(book, word("survey.sheet.problems", lang),
                words(["file", "sheet", "row", "column", "message"], lang, "survey.problem."),
                problems, PROBLEMS)
    return saved(book)
