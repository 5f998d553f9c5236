"""XLSX of a survey result: the CSV's rows on one sheet, the problems on a second, a 说明 sheet last
(the standard, the answer files, the date) — the kit's sheet writer: text through safe_cell so a
community named "=…" stays text, every sheet landscape A4 one page wide with its header repeated.
Rates and their bounds are percent cells holding fractions (0.873 shown as 87.3%), as in the audit
workbook, so that Excel sorts, sums and charts them as shares."""

from __future__ import annotations

from dataclasses import replace

from jingpin_cli.errors import messages
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.about import closing_rows, standard_rows, write_about
from jingpin_cli.formats.kit.dates import report_date
from jingpin_cli.formats.kit.sheets import PERCENT, WRAP, Look, saved, workbook, write_sheet
from jingpin_cli.formats.survey.rows import columns, rate_headers, rows
from jingpin_cli.results.survey.record import SurveyReport
from jingpin_cli.text.words import word, words

RATES = Look(freeze="D2", widths=None, header_fill=None, autofilter=False)
PROBLEMS = Look(freeze="A2", header_fill=None, autofilter=False)


def render(report: SurveyReport, options: Options = PLAIN) -> bytes:
    result, standard = report
    lang = options.lang
    book = workbook()
    shares = replace(RATES, columns=dict.fromkeys(rate_headers(standard, lang), PERCENT))
    write_sheet(book, word("survey.sheet.rates", lang), columns(standard, lang, fractions=True),
                rows(result, standard, lang, fractions=True), shares)
    problems = ([p.location.file, p.location.sheet, p.location.row, p.location.column, message]
                for p, message in zip(result.problems, messages(result.problems, lang), strict=True))
    problem_head = words(["file", "sheet", "row", "column", "message"], lang, "survey.problem.")
    write_sheet(book, word("survey.sheet.problems", lang), problem_head, problems,
                replace(PROBLEMS, columns={problem_head[-1]: WRAP}))
    write_about(book, standard_rows(standard, lang) + closing_rows(list(result.files), report_date(options.date),
                                                                   lang), lang)
    return saved(book)
