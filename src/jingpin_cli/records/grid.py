"""A sheet or CSV as read, before its header is found: cells by Excel row and column."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jingpin_cli.errors import Problem


@dataclass
class Grid:
    # row 0 is spreadsheet row 1, column 0 is column A; object cells, or for a CSV (all_text) categorical
    # columns of text (records.csv_text reads them so: a frame of Python strings would cost 10 × more)
    cells: pd.DataFrame
    file: str
    sheet: str | None = None
    source: str = ""  # how it was read, e.g. “GB18030, TAB-separated” or “XLSX”
    widths: np.ndarray | None = None  # CSV only: how many cells each row had as written
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 0-based
    warnings: list[Problem] = field(default_factory=list)
    hidden_rows: list[int] = field(default_factory=list)  # XLSX: rows hidden in Excel, 0-based
    all_text: bool = False  # every cell is a str ("" pads a short row), as in a CSV
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 0-based
    # CSV read with `pick` (records.csv_text.read_csv): only some columns are in `cells`, labelled by
    # their position; these are the top rows of every column, to find the header in
    top: list[tuple] | None = None


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def is_blank(value) -> bool:
    return (value is None or (isinstance(value, float) and value != value)
            or (isinstance(value, str) and not value.strip()))


def top_rows(cells: pd.DataFrame, n: int) -> list[tuple]:
    """The first `n` rows as tuples of cells, read column by column: taking a row of a frame of
    categorical columns (a CSV's) would search a common type across every column, each time."""
    top = cells.head(n)
    return list(zip(*(top.iloc[:, j].tolist() for j in range(top.shape[1])), strict=True))


def blank_mask(cells: pd.DataFrame, factorized: list[tuple[np.ndarray, np.ndarray]] | None = None) -> pd.DataFrame:
    """True where a cell is empty, None/NaN or only spaces; by whole columns, not cell by cell.
    A grid of text only (a CSV's) passes its columns factorized (`factorize_text`): each column's
    few distinct texts are looked at, not its cells."""
    if cells.empty:
        return pd.DataFrame(np.zeros(cells.shape, dtype=bool), index=cells.index, columns=cells.columns)
    if factorized is not None:
        blank = np.column_stack([np.array([not u.strip() for u in uniques], dtype=bool)[codes]
                                 for codes, uniques in factorized])
        return pd.DataFrame(blank, index=cells.index, columns=cells.columns)
    return cells.apply(_blank_column)


def factorize_text(cells: pd.DataFrame) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each column of a text-only grid as (codes, distinct texts), for the blank mask and for
    typing (records.values.parse_columns takes them over). A CSV's columns come categorical from
    the reader (records.csv_text), already hashed: their codes and categories are taken as they are."""
    return [(column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object))
            if isinstance(column.dtype, pd.CategoricalDtype) else pd.factorize(column.to_numpy())
            for column in (cells[j] for j in cells.columns)]


def merge_codes(parts: list[tuple[np.ndarray, np.ndarray]]) -> tuple[list[np.ndarray], np.ndarray]:
    """Columns factorized one by one, as codes into the distinct cells of them all (-1 stays -1 for
    a blank), in the order pd.factorize of the columns stacked would give. Each column's hash table
    is only the size of a column, which stays in the CPU cache, and nothing is stacked but the
    columns' few distinct cells."""
    if len(parts) == 1:
        return [parts[0][0]], parts[0][1]
    merged, uniques = pd.factorize(np.concatenate([u for _, u in parts] or [np.array([], dtype=object)]))
    offsets = np.cumsum([0] + [len(u) for _, u in parts]).tolist()
    return [np.append(merged[o:o + len(u)], -1)[c] for (c, u), o in zip(parts, offsets, strict=False)], uniques


def _blank_column(col: pd.Series) -> pd.Series:
    text = col.astype("string")
    return text.isna() | text.str.strip().eq("").fillna(True)


def fill_merged(cells: pd.DataFrame, merged: list[tuple[int, int, int, int]]) -> pd.DataFrame:
    """Every cell of a merged range carries the value of its top-left cell, as the user sees it."""
    if not merged:
        return cells
    values = cells.to_numpy(dtype=object, copy=True)
    rows, cols = values.shape
    for top, left, bottom, right in merged:
        if top >= rows or left >= cols:
            continue
        values[top:bottom + 1, left:right + 1] = values[top, left]
    return pd.DataFrame(values, index=cells.index, columns=cells.columns)
