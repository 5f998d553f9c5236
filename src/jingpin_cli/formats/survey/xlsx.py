"""XLSX of a survey result: the CSV's rows on one sheet, the problems on a second; text through
safe_cell so a community named "=…" stays text."""

from __future__ import annotations

import io

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.survey.rows import columns, rows
from jingpin_cli.records.survey_rates import SurveyResult

SHEETS = {"rates": ("群众评议", "Survey"), "problems": ("问题", "Problems")}


def render(result: SurveyResult, standard, lang: str = "zh") -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    en = lang == "en"
    book = Workbook(write_only=True)
    sheet = book.create_sheet(SHEETS["rates"][en])
    sheet.freeze_panes = "D2"
    sheet.append(_bold(sheet, columns(standard, lang), Font))
    for row in rows(result, standard, lang):
        sheet.append([safe_cell(v) for v in row])
    problems = book.create_sheet(SHEETS["problems"][en])
    head = ["文件", "工作表", "行", "列", "说明"] if not en else ["file", "sheet", "row", "column", "message"]
    problems.append(_bold(problems, head, Font))
    for p in result.problems:
        loc = p.location
        problems.append([safe_cell(v) for v in (loc.file, loc.sheet, loc.row, loc.column, p.message(lang))])
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def _bold(sheet, values, font):
    from openpyxl.cell import WriteOnlyCell

    cells = []
    for v in values:
        cell = WriteOnlyCell(sheet, value=safe_cell(v))
        cell.font = font(bold=True)
        cells.append(cell)
    return cells
