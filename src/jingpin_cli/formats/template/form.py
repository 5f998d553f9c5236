"""The one-community form (`jingpin template --form -o 社区填报表.xlsx`): what a community secretary
fills in, one community per sheet, printable on A4.

Four columns, 项目 | 填报内容 | 单位 | 说明, under a title and a note: the header block (社区编码, 社区名称,
所属街道, 填表人, 填表日期), then the fields no rule reads (基本情况), then one section row per aspect
and one per task with the fields its rules read. Each 填报内容 cell carries the wide template's data
validation (a 是/否 or level dropdown, a number ≥ 0, a rate 0–100). No sheet protection: offices
copy the sheet, rename it after the community and edit the layout as they need.

records/forms.py reads it back: a sheet is a form by its 项目/填报内容 header row, each item by the
words in its 项目 cell (any label or alias of the field), so rows may be moved or deleted."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.properties import PageSetupProperties

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.formats.template import Column, columns, rule_readers
from jingpin_cli.formats.template.xlsx import validation
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import YES_NO, choose, sep, word

HEADER_ROW = 3  # title, note, then 项目 | 填报内容 | 单位 | 说明
WIDTHS = {"A": 26, "B": 20, "C": 7, "D": 46}  # A4 portrait at about 90 %: fit to width does the rest
ASPECT_FILL, TASK_FILL, HEADER_FILL = "DDEBF7", "F2F2F2", "BDD7EE"
IDENTITY = ("id", "name", "street")  # the header block: who this form is about


def render(standard: Standard, options: Options = PLAIN) -> bytes:
    lang = options.lang
    wb = Workbook()
    ws = wb.active
    ws.title = word("template.form.sheet", lang)
    _top(ws, standard, lang)
    by_key = {c.key: c for c in columns(standard, lang)}
    row = HEADER_ROW + 1
    for key in IDENTITY:
        if key in by_key:
            row = _item(ws, row, standard, by_key[key], lang)
    for what in ("filler", "date"):  # for the office's records; the reader passes them over
        ws.cell(row=row, column=1, value=word(f"template.form.{what}", lang))
        _box(ws, row)
        row += 1
    for title, level, keys in sections(standard, lang):
        row = _section(ws, row, title, level)
        for key in keys:
            row = _item(ws, row, standard, by_key[key], lang)
    _print_setup(ws)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def sections(standard: Standard, lang: str) -> list[tuple[str, int, list[str]]]:
    """(title, 1 for an aspect / 2 for a task, field keys) in form order: 基本情况 (fields no rule
    reads) first, then each aspect and each of its tasks with the fields first read by its rules."""
    readers = rule_readers(standard)
    placed = set(IDENTITY)
    profile = [f.key for f in standard.fields if f.key not in placed and not readers.get(f.key)]
    placed.update(profile)
    out = [(word("template.profile", lang), 1, profile)] if profile else []
    for aspect in standard.aspects:
        tasks = []
        for task in aspect.tasks:
            keys = []
            for rule in standard.rules:
                if (rule.aspect, rule.task) == (aspect.id, task.id):
                    keys += [k for k in rule.fields if k not in placed and k not in keys]
            placed.update(keys)
            if keys:
                tasks.append((pick(task, lang), 2, keys))
        if tasks:
            out += [(pick(aspect, lang), 1, []), *tasks]
    rest = [f.key for f in standard.fields if f.key not in placed]  # read only by rules of no task listed
    return out + ([(word("template.form.other", lang), 1, rest)] if rest else [])


def _top(ws, standard: Standard, lang: str) -> None:
    ws.merge_cells("A1:D1")
    ws.merge_cells("A2:D2")
    heading = word("template.form.title", lang, title=pick(standard.title, lang))
    title = ws.cell(row=1, column=1, value=safe_cell(heading))
    title.font, title.alignment = Font(bold=True, size=16), Alignment(horizontal="center", vertical="center")
    note = ws.cell(row=2, column=1, value=safe_cell(word("template.form.note", lang, id=standard.id,
                                                         version=standard.version)))
    note.alignment, note.font = Alignment(wrap_text=True, vertical="top"), Font(size=9)
    ws.row_dimensions[1].height, ws.row_dimensions[2].height = 30, 52
    for j, key in enumerate(("item", "value", "unit", "notes"), 1):
        cell = ws.cell(row=HEADER_ROW, column=j, value=word(f"template.form.{key}", lang))
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center")
    _box(ws, HEADER_ROW)
    for letter, width in WIDTHS.items():
        ws.column_dimensions[letter].width = width


def _section(ws, row: int, title: str, level: int) -> int:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=4)
    cell = ws.cell(row=row, column=1, value=safe_cell(title))
    cell.font = Font(bold=True, size=12 if level == 1 else 11)
    cell.fill = PatternFill("solid", fgColor=ASPECT_FILL if level == 1 else TASK_FILL)
    cell.alignment = Alignment(indent=0 if level == 1 else 1, vertical="center")
    _box(ws, row)
    return row + 1


def _item(ws, row: int, standard: Standard, col: Column, lang: str) -> int:
    f = standard.field(col.key)
    unit = standard.unit_label(col.key, lang) or ("%" if f.type == "rate" else "")
    yes_no = choose(YES_NO[0], lang), choose(YES_NO[1], lang)
    how = word("template.form.how.bool", lang, yes=yes_no[0], no=yes_no[1]) if f.type == "bool" else col.how
    notes = how + (sep(lang) + col.rules if col.rules else "")
    label = ws.cell(row=row, column=1, value=safe_cell(pick(f, lang)))
    value = ws.cell(row=row, column=2)
    if col.key == "id":
        value.number_format = "@"  # text, so a code keeps its leading zeros
    ws.cell(row=row, column=3, value=safe_cell(unit) if unit else None).alignment = Alignment(horizontal="center")
    ws.cell(row=row, column=4, value=safe_cell(notes)).alignment = Alignment(wrap_text=True, vertical="top")
    # Excel and LibreOffice do not grow a row to its wrapped text on opening a written file: say how tall
    lines = max(-(-display_width(notes) // (WIDTHS["D"] + 4)), -(-display_width(pick(f, lang)) // (WIDTHS["A"] + 2)))
    ws.row_dimensions[row].height = max(18, 15 * lines)
    label.alignment = Alignment(wrap_text=True, vertical="top")
    value.fill = PatternFill("solid", fgColor="FFFFFF")
    dv = validation(standard, Column(col.key, col.header, None, col.section, how, col.rules), lang, yes_no)
    if dv is not None:
        ws.add_data_validation(dv)
        dv.add(value.coordinate)
    _box(ws, row)
    return row + 1


def _box(ws, row: int) -> None:
    thin = Side(style="thin", color="808080")
    for j in range(1, 5):
        ws.cell(row=row, column=j).border = Border(left=thin, right=thin, top=thin, bottom=thin)


def _print_setup(ws) -> None:
    """A4 portrait, every column on the page (as many pages down as it takes), the 项目/填报内容 row
    repeated on each page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.print_options.horizontalCentered = True
    ws.freeze_panes = f"A{HEADER_ROW + 1}"
