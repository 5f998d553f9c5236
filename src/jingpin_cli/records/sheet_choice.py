"""Which sheet of a workbook is read, the same for every workbook format (.xlsx by openpyxl; .xls,
.et and .ods by python-calamine): the one named by --sheet, else the first visible sheet whose top
rows hold the header."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem


@dataclass(frozen=True)
class SheetInfo:
    title: str
    hidden: bool


def named_sheet(name: str, sheets: list[SheetInfo], wanted: str) -> SheetInfo:
    """Exact title first, then ignoring surrounding spaces and case (“Sheet1 ” is Sheet1)."""
    for match in (lambda s: s.title == wanted, lambda s: s.title.strip().casefold() == wanted.strip().casefold()):
        found = [s for s in sheets if match(s)]
        if found:
            return found[0]
    listed = "、".join(s.title + ("（隐藏）" if s.hidden else "") for s in sheets)
    raise InputError([Problem("no_sheet", Location(name), {"sheet": wanted, "sheets": listed or "—"})])


def default_sheet(name: str, sheets: list[SheetInfo], has_header: Callable[[pd.DataFrame], bool],
                  top_rows: Callable[[str], pd.DataFrame]) -> tuple[SheetInfo, list[Problem]]:
    """The first visible sheet with a header (`top_rows(title)` gives a sheet's first rows). A header
    only on a hidden sheet is not read silently: hidden sheets usually hold lookup lists or last
    year's data."""
    if not sheets:
        raise InputError([Problem("empty_file", Location(name))])
    with_header = [s for s in sheets if has_header(top_rows(s.title))]
    visible = [s for s in with_header if not s.hidden]
    if not visible:
        if with_header:
            raise InputError([Problem("header_on_hidden_sheet", Location(name, with_header[0].title),
                                      {"sheet": with_header[0].title})])
        first = next((s for s in sheets if not s.hidden), sheets[0])
        return first, []  # no header anywhere: the header search reports it on this sheet
    warnings = []
    if len(visible) > 1:
        others = "、".join(s.title for s in visible[1:])
        warnings.append(Problem("other_sheets", Location(name, visible[0].title),
                                {"sheet": visible[0].title, "others": others}, "warning"))
    return visible[0], warnings


def choose_sheet(name: str, sheets: list[SheetInfo], sheet: str | None, has_header,
                 top_rows) -> tuple[SheetInfo, list[Problem]]:
    if sheet is not None:
        return named_sheet(name, sheets, sheet), []
    return default_sheet(name, sheets, has_header, top_rows)


def frame(rows: list[list], width: int | None = None) -> pd.DataFrame:
    """Rows of any length as a rectangular frame of objects, short rows padded with None."""
    width = max(map(len, rows), default=0) if width is None else width
    out = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    out.columns = range(out.shape[1])
    return out


def row_values(row) -> list:
    """Values up to the last non-empty one. A whole number stored as a float (1.0) becomes an int,
    so a code such as 130602001 does not read as “130602001.0”: the spreadsheet stored a number,
    and Excel shows it without the “.0”."""
    values = list(row)
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return [int(v) if type(v) is float and v.is_integer() and abs(v) < 2**53 else v for v in values]
