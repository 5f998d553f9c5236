"""Filled one-community forms (`jingpin template --form`): one community per sheet, read as one
wide row each so that every value goes through the same column parsers as a wide table
(records/values.py) and a bad value gets the same problem code — named by its cell (B12).

A sheet is a form by its layout, not its name: a row of its top rows reads 项目 | 填报内容 (Item |
Entry), optionally followed by 单位 (Unit). Below it each row is an item: the 项目 cell names a
field by any of its labels or aliases (as a wide table's header would), the 填报内容 cell holds the
value, the 单位 cell the unit the value is in. Section rows (the pack's aspect and task titles),
the office's own rows (填表人, 填表日期, notes) and blank rows are passed over; any other row is
a warning naming its cell, and is not read."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.records.grid import Grid, column_letter, is_blank, top_rows
from jingpin_cli.records.headers import HeaderMatcher, fold
from jingpin_cli.records.limits import HEADER_SEARCH_ROWS
from jingpin_cli.records.model import RawTable
from jingpin_cli.records.workbook import WORKBOOK_SUFFIXES, read_workbook, workbook_sheets
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import WORDS

ITEM_WORDS = {fold(w) for w in WORDS["template.form.item"]} | {fold("项目名称"), fold("指标")}
VALUE_WORDS = {fold(w) for w in (*WORDS["template.form.value"], "填报值", "填写内容", "数值", "value")}
UNIT_WORDS = {fold(w) for w in WORDS["template.form.unit"]}
# the office's own rows: who filled it in and when, notes; never a field of any pack
OFFICE_WORDS = {fold(w) for key in ("template.form.filler", "template.form.date") for w in WORDS[key]} | {
    fold(w) for w in ("填报人", "填报日期", "审核人", "联系电话", "联系人", "备注", "说明", "填表说明", "注")}
_NUMBERING = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．)）])\s*")
_NOTE = re.compile(r"^\s*(?:填表说明|说明|注|附注|备注)\s*[:：\d、.]")


@dataclass
class FormTable(RawTable):
    """One filled form as a one-row raw table; `cells` names each field's cell (B12) and its 项目
    words, so that each problem points at the cell."""

    cells: dict[str, tuple[str, int, str]] = field(default_factory=dict)  # key -> (column letter, row, 项目)

    def locate(self, pos: int, key: str) -> Location:
        if key not in self.cells:
            return super().locate(pos, key)
        letter, row, label = self.cells[key]
        return Location(self.file, self.sheet, row, letter, label, cell=f"{letter}{row}")


def form_header(top: pd.DataFrame) -> tuple[int, int, int | None] | None:
    """(row, 项目 column, 单位 column or None), 0-based, of a form's header row among the top rows."""
    for i, row in enumerate(top_rows(top, HEADER_SEARCH_ROWS)):
        for j in range(len(row) - 1):
            if _word(row[j]) in ITEM_WORDS and _word(row[j + 1]) in VALUE_WORDS:
                unit = j + 2 if j + 2 < len(row) and _word(row[j + 2]) in UNIT_WORDS else None
                return i, j, unit
    return None


def is_form(top: pd.DataFrame) -> bool:
    return form_header(top) is not None


def read_forms(path: Path, first: Grid, matcher: HeaderMatcher,
               sheet: str | None) -> tuple[list[FormTable], list[Problem]]:
    """Every form of a file: the sheet read first and, unless --sheet named one, every other
    visible sheet of the workbook laid out as a form (one community each)."""
    grids = [first]
    problems = [p for p in first.warnings if p.code != "other_sheets"]  # the other sheets are read here
    if sheet is None and path.suffix.lower() in WORKBOOK_SUFFIXES:
        for info in workbook_sheets(path):
            if info.hidden or info.title == first.sheet:
                continue
            grid = read_workbook(path, info.title, lambda top: True)
            if is_form(grid.cells.head(HEADER_SEARCH_ROWS)):
                grids.append(grid)
    tables = []
    for grid in grids:
        table, found = read_form(grid, matcher)
        tables.append(table)
        problems += (grid.warnings if grid is not first else []) + found
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    return tables, problems


def read_form(grid: Grid, matcher: HeaderMatcher) -> tuple[FormTable, list[Problem]]:
    """One sheet's form as a one-row raw table of the fields it names."""
    file, sheet, cells = grid.file, grid.sheet, grid.cells
    top, item_col, unit_col = form_header(cells.head(HEADER_SEARCH_ROWS))
    value_col = item_col + 1
    sections = _section_words(matcher)
    values, places, factors, problems = {}, {}, {}, []
    for i in range(top + 1, len(cells)):
        label = cells.iat[i, item_col]
        if is_blank(label):
            continue
        text = str(label).strip()
        words = fold(_NUMBERING.sub("", text))
        if words in sections or words in OFFICE_WORDS or _NOTE.match(text):
            continue
        value = cells.iat[i, value_col] if value_col < cells.shape[1] else None
        at = Location(file, sheet, i + 1, column_letter(item_col), text, cell=f"{column_letter(item_col)}{i + 1}")
        m = matcher.match(text)
        if m.ignored:
            continue
        if m.field is None or m.bad_unit is not None:
            problems.append(Problem("form_unknown_item", at, {"header": text, "suggestion": m.suggestion}, "warning"))
            continue
        if m.field in places:
            other = places[m.field]
            problems.append(Problem("form_duplicate_item", at,
                                    {"header": text, "other": f"{column_letter(item_col)}{other[1]}",
                                     "field": matcher.standard.field(m.field.removesuffix("@self")).zh}))
            continue
        places[m.field] = (column_letter(value_col), i + 1, text)
        values[m.field] = value
        factor = _unit_factor(cells, i, unit_col, m.field, matcher, file, sheet, problems)
        if factor is not None:
            factors[m.field] = factor
        elif m.unit_factor is not None:  # the unit written in the 项目 cell: 服务用房总面积（平方米）
            factors[m.field] = m.unit_factor
    problems += [Problem("formula_no_value", Location(file, sheet, r + 1, column_letter(c), places[k][2],
                                                     cell=f"{column_letter(c)}{r + 1}"))
                 for r, c in grid.formulas_without_value for k in places
                 if c == value_col and places[k][1] == r + 1]
    if is_blank(values.get("id")):
        where = places.get("id")
        at = (Location(file, sheet, where[1], where[0], where[2], cell=f"{where[0]}{where[1]}") if where
              else Location(file, sheet))
        problems.append(Problem("form_missing_id", at))
    if "name" not in places:  # a blank 社区名称 is reported with the others (records/load.py)
        problems.append(Problem("missing_name", Location(file, sheet)))
    keys = list(values)
    data = pd.DataFrame({k: pd.Series([values[k]], dtype=object) for k in keys}, index=range(1))
    row = places["id"][1] if "id" in places else top + 1
    columns = {k: (places[k][0], places[k][2]) for k in keys}
    table = FormTable(file, sheet, data, [row], columns, factors, encoding=grid.source or None, cells=places)
    return table, problems


def _unit_factor(cells, i: int, unit_col: int | None, key: str, matcher: HeaderMatcher, file: str,
                 sheet: str | None, problems: list[Problem]) -> float | None:
    """The factor of the unit in the 单位 cell, for a field that has units (a rate's “%” is only a
    reminder). A unit that does not fit the field is an error naming the cell: 万元 for an area."""
    f = matcher.standard.field(key.removesuffix("@self"))
    if unit_col is None or unit_col >= cells.shape[1] or f.unit is None:
        return None
    unit = cells.iat[i, unit_col]
    if is_blank(unit):
        return None
    text = str(unit).strip()
    named = matcher.standard.units[f.unit]
    if fold(text) in {fold(named.zh), fold(named.en)} - {""}:  # the unit as the form names it (English: people)
        return 1.0
    factor = matcher.unit_factor(f.key, text)
    if factor is None:
        accept = matcher.standard.units[f.unit].accept
        letter = column_letter(unit_col)
        problems.append(Problem("bad_header_unit", Location(file, sheet, i + 1, letter, f.zh, cell=f"{letter}{i + 1}"),
                                {"unit": text, "label": f.zh, "expected": " / ".join(accept) or "—"}))
    return factor


def _section_words(matcher: HeaderMatcher) -> set[str]:
    """The titles a form's section rows carry: the pack's aspects and tasks, in both languages."""
    std = matcher.standard
    labels = [std.title] + [a for a in std.aspects] + [t for a in std.aspects for t in a.tasks]
    words = {fold(pick(x, lang)) for x in labels for lang in ("zh", "en")}
    words |= {fold(w) for key in ("template.profile", "template.bonus", "template.form.other") for w in WORDS[key]}
    return words - {""}


def _word(cell) -> str:
    """A short text cell folded for comparison (“ 项 目 ” is 项目); anything else as “”."""
    return fold(cell) if isinstance(cell, str) and len(cell) <= 12 else ""
