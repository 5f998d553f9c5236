"""Wide tables (CSV, XLSX): one row per community, one column per field, Chinese headers welcome.

A grid (csv_text / xlsx_sheets) → its header (header_band) → the data rows, without the total and
note rows at the bottom. What cannot be read without guessing (a row with a cell too many, a value
merged across two fields, a value in a column with no header) is reported with its sheet, row
and column."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.records.csv_text import Pick, read_csv
from jingpin_cli.records.grid import (
    Grid,
    blank_mask,
    column_letter,
    factorize_text,
    fill_merged,
    is_blank,
)
from jingpin_cli.records.header_band import HeaderBand, find_header_row, header_band
from jingpin_cli.records.headers import HeaderMatcher
from jingpin_cli.records.ids import fold_ids
from jingpin_cli.records.model import RawTable
from jingpin_cli.records.workbook import WORKBOOK_SUFFIXES, read_workbook
from jingpin_cli.standard.models import NUMERIC_TYPES
from jingpin_cli.text.messages import Worded
from jingpin_cli.text.words import sep

# A total (合计) or note (填表说明、注、填表人…) row: the word, then nothing, punctuation or a number.
# “说明社区” is a community, “说明：” a note.
NOTE_WORDS = ("合计", "总计", "小计", "累计", "共计", "填表说明", "说明", "注", "附注", "备注", "填表人", "填报人",
              "制表人", "审核人", "负责人", "单位负责人", "填报单位", "填报日期", "制表日期", "报送日期")
_NOTE = re.compile(r"^(?:%s)(?:$|[\W\d_]|[一二三四五六七八九十])" % "|".join(sorted(NOTE_WORDS, key=len, reverse=True)))


TEXT_SUFFIXES = (".csv", ".txt", ".tsv")  # .txt and .tsv: TAB-separated (Excel's “Unicode text”)
GRID_SUFFIXES = TEXT_SUFFIXES + WORKBOOK_SUFFIXES


def read_grid_table(path: Path, matcher: HeaderMatcher, sheet: str | None = None) -> tuple[RawTable, list[Problem]]:
    """One text table or workbook as a raw table of catalog fields, with its problems and warnings."""
    return table_from_grid(read_grid(path, sheet, lambda top: find_header_row(top, matcher) is not None), matcher)


def read_grid(path: Path, sheet: str | None, has_header) -> Grid:
    if path.suffix.lower() in TEXT_SUFFIXES:
        return read_csv_grid(path)
    return read_workbook(path, sheet, has_header)


def read_csv_grid(path: Path, pick: Pick | None = None) -> Grid:
    """All cells of a text table as text (categorical columns), no header assumed; only the
    columns `pick` chooses from the top rows, if given (records.csv_text.read_csv)."""
    return read_csv(path, "\t" if path.suffix.lower() != ".csv" else None, pick)


def read_xlsx_grid(path: Path, sheet: str | None = None,
                   matcher: HeaderMatcher | None = None) -> tuple[pd.DataFrame, str]:
    """The cells of one sheet of any workbook format (merged ranges filled) and its name."""
    has_header = (lambda top: find_header_row(top, matcher) is not None) if matcher else (lambda top: True)
    grid = read_workbook(path, sheet, has_header)
    return fill_merged(grid.cells, grid.merged), grid.sheet


def table_from_grid(grid: Grid, matcher: HeaderMatcher) -> tuple[RawTable, list[Problem]]:
    """Find the header, map it to the catalog and keep the data rows, with their Excel row numbers."""
    file, sheet = grid.file, grid.sheet
    cells = fill_merged(grid.cells, grid.merged)
    factorized = factorize_text(cells) if grid.all_text and not cells.empty else None
    blank = blank_mask(cells, factorized)
    if cells.empty or blank.to_numpy().all():
        raise InputError([Problem("empty_file", Location(file, sheet))])
    band = header_band(cells, matcher)
    if band is None:
        raise InputError([_no_header(grid)])
    keep, columns, factors, problems = _map_header(band, matcher, file, sheet)
    problems = grid.warnings + problems

    body = _body_rows(blank, band)
    notes = _note_rows(cells, blank, body, keep)
    problems += [Problem("note_row", Location(file, sheet, int(i) + 1), {"text": _first_text(cells.loc[i])[:20]},
                         "warning")
                 for i in notes]
    body = body.difference(notes)
    if len(body) == 0:
        raise InputError(problems + [Problem("no_data_rows", Location(file, sheet, band.bottom + 1))])
    ragged = _ragged_rows(grid, cells, blank, band, body)
    problems += [p for _, p in ragged]
    problems += _headerless_values(cells, blank, band, body.difference([i for i, _ in ragged]), file, sheet)
    found, across = _merged_in_body(grid.merged, body, keep, columns, matcher, cells, file, sheet)
    problems += found
    body = body.difference([i for i, _ in ragged])  # reported; its shifted values would only add noise
    for top, left, bottom, right in across:  # reported; its copies would only add noise
        cells.loc[top:bottom, left:right] = None

    problems += _hidden_rows_read(grid.hidden_rows, body, file, sheet)
    problems += _formulas_without_value(grid.formulas_without_value, body, keep, columns, file, sheet)
    problems += fold_ids(cells, body, keep, columns, file, sheet, factorized)

    # the usual case, one run of rows, is a slice of the cells rather than a copy of them
    run = len(body) and body[-1] - body[0] + 1 == len(body)
    at = slice(body[0], body[-1]) if run else body
    data = cells.loc[at, list(keep)].rename(columns=keep).reset_index(drop=True)
    rows = (body.to_numpy() + 1).tolist()
    codes = None
    if factorized is not None:  # the grid's row labels are its positions
        taken = slice(body[0], body[-1] + 1) if run else body.to_numpy()
        codes = {key: (factorized[j][0][taken], factorized[j][1]) for j, key in keep.items()}
    return RawTable(file, sheet, data, rows, columns, factors, encoding=grid.source or None, codes=codes), problems


def _no_header(grid: Grid) -> Problem:
    """No id/name header in the top rows. Text read as GBK/GB18030 that was really something else
    (Big5, Shift-JIS…) decodes to nonsense rather than failing, so say which encoding was used."""
    if grid.source.startswith(("GBK", "GB18030")):
        return Problem("no_header_encoding", Location(grid.file, grid.sheet), {"encoding": grid.source})
    return Problem("no_header", Location(grid.file, grid.sheet))


def _map_header(band: HeaderBand, matcher: HeaderMatcher, file: str, sheet: str | None):
    columns: dict[str, tuple[str | None, str]] = {}
    factors: dict[str, float] = {}
    keep: dict[int, str] = {}
    problems: list[Problem] = []
    for j, (header, row) in sorted(band.names.items()):
        where = Location(file, sheet, row + 1, column_letter(j), header)
        m = matcher.match(header)
        if m.ignored:
            continue
        if m.field is None:
            problems.append(Problem("unknown_header", where, {"header": header, "suggestion": m.suggestion}))
            continue
        if m.bad_unit is not None:
            f = matcher.standard.field(m.field)
            accept = matcher.standard.units[f.unit].accept if f.unit else {}
            problems.append(Problem("bad_header_unit", where,
                                    {"unit": m.bad_unit, "label": f.zh, "expected": " / ".join(accept) or "—"}))
            continue
        if m.field in columns:
            problems.append(Problem("duplicate_header", where,
                                    {"header": header, "other": columns[m.field][0], "field": m.field}))
            continue
        columns[m.field] = (column_letter(j), header)
        keep[j] = m.field
        if m.unit_factor is not None:
            factors[m.field] = m.unit_factor
    for key, code in (("id", "missing_id_column"), ("name", "missing_name_column")):
        if key not in columns:
            problems.append(Problem(code, Location(file, sheet, band.bottom + 1)))
    return keep, columns, factors, problems


def _body_rows(blank: pd.DataFrame, band: HeaderBand) -> pd.Index:
    """Rows below the header that hold anything."""
    below = blank.iloc[band.bottom + 1:]
    return below.index[~below.all(axis=1).to_numpy()]


def _note_rows(cells: pd.DataFrame, blank: pd.DataFrame, body: pd.Index, keep: dict[int, str]) -> pd.Index:
    """Total and note rows: the first text of the row is a note word and it is not a community
    code. After the first such row, sparse rows (two cells or fewer, e.g. “1、本表由社区填写”)
    belong to the notes too. Only rows whose id cell is blank or itself a note word can be notes,
    so the per-row look at the first text is limited to those few."""
    id_col = next((j for j, k in keep.items() if k == "id"), None)
    if id_col is None:
        candidates = body
    else:  # only a non-ASCII id is folded and matched: ASCII folds to ASCII, and every note word is Chinese
        ids = cells.loc[body, id_col].astype("string")
        chinese = ~ids.str.isascii().fillna(True).to_numpy(dtype=bool)
        note = np.zeros(len(body), dtype=bool)
        note[chinese] = ids[chinese].map(_fold_note).str.match(_NOTE).to_numpy(dtype=bool)
        candidates = body[blank.loc[body, id_col].to_numpy() | note]
    rows = cells.loc[candidates].to_numpy(dtype=object)  # one lookup for all: a row at a time costs 10 µs each
    notes = [i for i, row in zip(candidates, rows, strict=True) if _NOTE.match(_fold_note(_first_text(row)))]
    if not notes:
        return body[:0]
    after = body[body > notes[0]]
    sparse = after[((~blank.loc[after]).sum(axis=1) <= 2).to_numpy()]
    return body[body.isin(notes) | body.isin(sparse)]


def _fold_note(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").casefold()


def _first_text(row) -> str:
    for v in row:
        if not is_blank(v):
            return str(v).strip()
    return ""


def _ragged_rows(grid: Grid, cells, blank, band: HeaderBand, body: pd.Index) -> list[tuple[int, Problem]]:
    """CSV rows with more or fewer cells than the header row: a separator too many or too few
    shifts every later value into the wrong column, so the row is not read."""
    if grid.widths is None or not band.names:
        return []
    expected = int(grid.widths[band.bottom])
    last_header = max(band.names)  # cells after the last header hold no field
    widths = grid.widths[body.to_numpy()]
    short = widths <= last_header
    filled = ~blank.loc[body, last_header + 1:].to_numpy(dtype=bool)  # the cells after the last header
    long_ = (widths > expected) & filled.any(axis=1)
    first = last_header + 1 + (filled.argmax(axis=1) if filled.shape[1] else np.zeros(len(body), dtype=int))
    ragged = short | long_
    found = []
    for i, width, is_short, j in zip(body[ragged], widths[ragged], short[ragged], first[ragged], strict=True):
        column = column_letter(int(width) if is_short else int(j))  # long: where the first extra value is
        found.append((i, Problem("ragged_row", Location(grid.file, None, int(i) + 1, column),
                                 {"cells": int(width), "expected": expected})))
    return found


def _headerless_values(cells, blank, band: HeaderBand, body: pd.Index, file: str, sheet: str | None) -> list[Problem]:
    """Values in a column without a header are not read; say where the first one is."""
    headerless = [j for j in blank.columns if j not in band.names]
    if not headerless or len(body) == 0:
        return []
    filled = ~blank.loc[body, headerless]
    problems = []
    for j in filled.columns[filled.any(axis=0).to_numpy()]:
        i = filled.index[filled[j].to_numpy()][0]
        problems.append(Problem("no_header_values", Location(file, sheet, int(i) + 1, column_letter(j)),
                                {"value": str(cells.at[i, j]).strip()[:20], "count": int(filled[j].sum())}, "warning"))
    return problems


def _merged_in_body(merged, body: pd.Index, keep: dict[int, str], columns: dict, matcher: HeaderMatcher, cells,
                    file, sheet) -> tuple[list[Problem], list[tuple[int, int, int, int]]]:
    """A value merged across two fields cannot be given to either (an error); one merged down
    several rows is read for each of them, which for a number deserves a warning (it may have
    been meant as one total for all of them). Returns the problems and the ranges merged across."""
    if not merged or len(body) == 0:
        return [], []
    rows = set(int(i) for i in body)
    problems, across = [], []
    for top, left, bottom, right in merged:
        in_body = [r for r in range(top, bottom + 1) if r in rows]
        fields = [keep[j] for j in range(left, right + 1) if j in keep]
        if not in_body or not fields:
            continue
        ref = f"{column_letter(left)}{top + 1}:{column_letter(right)}{bottom + 1}"
        letter, header = columns[fields[0]]
        where = Location(file, sheet, in_body[0] + 1, letter, header)
        if len(fields) > 1:
            names = "、".join(matcher.standard.field(k).zh for k in fields)
            problems.append(Problem("merged_across", where, {"range": ref, "fields": names}))
            across.append((top, left, bottom, right))
        elif len(in_body) > 1 and matcher.standard.field(fields[0]).type in NUMERIC_TYPES:
            problems.append(Problem("merged_down", where, {"range": ref, "value": str(cells.at[top, left]),
                                                           "rows": len(in_body)}, "warning"))
    return problems, across


def _hidden_rows_read(hidden: list[int], body: pd.Index, file: str, sheet: str | None) -> list[Problem]:
    """Community rows hidden in Excel are read like the others, with a warning naming them.

    Read, not skipped: rows are hidden as often to tidy the view or by a filter as to withdraw a
    community, and the table is what was sent; skipping them would lose communities as silently as
    reading them counts withdrawn ones. Unlike a hidden sheet (a separate table, usually last year's
    or a lookup list, not read unless named with --sheet), hidden rows are part of the table read.
    The warning says how to leave them out: delete the rows, or cut them to another sheet."""
    rows = sorted(set(hidden).intersection(int(i) for i in body)) if hidden else []
    if not rows:
        return []
    spans = _spans([r + 1 for r in rows])
    return [Problem("hidden_rows", Location(file, sheet),
                    {"rows": Worded.each(lambda lang: _spans_text(spans, lang)), "count": len(rows)}, "warning")]


def _formulas_without_value(formulas, body: pd.Index, keep: dict[int, str], columns: dict, file: str,
                            sheet: str | None) -> list[Problem]:
    """A formula with no saved result (a file written by a program and never opened in Excel or
    WPS) reads as blank, which would be taken for “not filled in”: an error naming the cell, in the
    rows and columns read only (a 合计 row's formula is not read anyway)."""
    if not formulas:  # a CSV, or any workbook Excel has saved
        return []
    rows = set(int(i) for i in body)
    problems = []
    for row, col in formulas:
        if row in rows and col in keep:
            letter, header = columns[keep[col]]
            problems.append(Problem("formula_no_value", Location(file, sheet, row + 1, letter, header)))
    return problems


def _spans(numbers: list[int]) -> list[tuple[int, int]]:
    """Sorted numbers as runs: [5, 6, 7, 12] -> [(5, 7), (12, 12)]."""
    spans: list[tuple[int, int]] = []
    for n in numbers:
        if spans and n == spans[-1][1] + 1:
            spans[-1] = (spans[-1][0], n)
        else:
            spans.append((n, n))
    return spans


def _spans_text(spans: list[tuple[int, int]], lang: str, limit: int = 10) -> str:
    """5–7、12 (zh) or 5–7, 12 (en); past `limit` runs, the rest as …"""
    shown = [f"{a}–{b}" if b > a else str(a) for a, b in spans[:limit]]
    return sep(lang, "list").join(shown) + ("…" if len(spans) > limit else "")
