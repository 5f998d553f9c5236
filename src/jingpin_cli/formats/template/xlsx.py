"""The template as a workbook: one row per community."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.formats.template import Column, bool_choices, columns, level_choices, notes, yaml_key
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import sep, word

GUIDE_HEADERS = ["column", "header", "key", "aspect", "type", "unit", "how", "blank", "rules"]  # template.guide.*
HEADER_FILL, GUIDE_FILL = "DDEBF7", "F2F2F2"


def render(standard: Standard, options: Options = PLAIN) -> bytes:
    """One row per community: headers with units, dropdowns and number checks, and a sheet that
    explains every column."""
    lang, rows = options.lang, options.form_rows
    cols = columns(standard, lang, options.self_check)
    wb = Workbook()
    ws = wb.active
    ws.title = word("template.sheet.data", lang)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    for j, col in enumerate(cols, 1):
        cell = ws.cell(row=1, column=j, value=safe_cell(col.header))
        cell.font, cell.alignment = bold, wrap
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(8, min(24, display_width(col.header) / 1.6 + 2))
        _validate(ws, standard, col, f"{letter}2:{letter}{rows + 1}", lang)
        if col.key == "id":
            for i in range(2, rows + 2):  # text, so 130602001 stays a code and 0… keeps its zeros
                ws.cell(row=i, column=j).number_format = "@"
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "C2"

    guide = wb.create_sheet(word("template.sheet.guide", lang))
    line = 1
    for text in notes(standard, lang):
        guide.cell(row=line, column=1, value=safe_cell(text))
        line += 1
    line += 1
    for j, title in enumerate((word(f"template.guide.{k}", lang) for k in GUIDE_HEADERS), 1):
        cell = guide.cell(row=line, column=j, value=title)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor=GUIDE_FILL)
    blank = word("template.blank", lang)
    for j, col in enumerate(cols, 1):
        f = standard.field(col.key)
        unit = standard.unit_label(col.key, lang)
        # quoted header and `key:` as in YAML, so the loader never takes this sheet for a data sheet
        values = [get_column_letter(j), f"“{col.header}”", yaml_key(standard, col, "en") + ":", col.section,
                  word(f"template.type.{f.type}", lang), unit, col.how, blank,
                  col.rules or word("template.not_scored", lang)]
        for k, value in enumerate(values, 1):
            cell = guide.cell(row=line + j, column=k, value=safe_cell(value))
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 28, 26, 16, 12, 8, 36, 18, 60), strict=True):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _validate(ws, standard: Standard, col: Column, cells: str, lang: str) -> None:
    dv = validation(standard, col, lang)
    if dv is not None:
        ws.add_data_validation(dv)
        dv.add(cells)


def validation(standard: Standard, col: Column, lang: str,
               yes_no: tuple[str, str] | None = None) -> DataValidation | None:
    """A dropdown for yes/no (有/无, or the `yes_no` pair), a number range for numbers; the input
    message says what to fill in. None for a text field (anything goes)."""
    f = standard.field(col.key)
    if f.type == "bool":
        pair = yes_no or bool_choices(lang)
        dv = DataValidation(type="list", formula1='"' + ",".join(pair) + '"', allow_blank=True)
    elif f.type == "level":
        choices = ",".join(level_choices(standard, col.key, lang))
        if '"' in choices or len(choices) > 250:  # Excel's limit for a list written in the rule (255)
            return None
        dv = DataValidation(type="list", formula1=f'"{choices}"', allow_blank=True)
    elif f.type in ("rate", "score"):
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    elif f.type in ("int", "num"):
        dv = DataValidation(type="whole" if f.type == "int" else "decimal", operator="greaterThanOrEqual",
                            formula1="0", allow_blank=True)
    else:
        return None
    dv.error = cut(col.how, 225)
    dv.errorTitle = word("template.check_title", lang)
    dv.prompt = cut(col.how + sep(lang) + col.rules if col.rules else col.how, 250)
    dv.promptTitle = cut(pick(f, lang), 32)
    dv.showErrorMessage = dv.showInputMessage = True
    return dv


def cut(text: str, limit: int) -> str:
    """Excel refuses data-validation texts longer than its limits (255 / 32 characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
