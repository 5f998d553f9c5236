"""Excel workbooks as offices send them: several sheets (some hidden), merged cells, title rows.

The file is checked as a zip before openpyxl sees it: the sizes the zip directory declares bound
what Python's zipfile will ever unpack (it stops at the declared size and fails the CRC), so a zip
bomb is refused up front. openpyxl then reads in read-only mode (streaming: memory stays bounded
at any size); read-only mode does not expose merged ranges or hidden rows, so they are read from the
sheet's XML with one extra streaming pass."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import openpyxl
import pandas as pd
from openpyxl.utils.cell import range_boundaries

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.files import mib
from jingpin_cli.records.grid import Grid
from jingpin_cli.records.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_MERGED_RANGES,
    MAX_XLSX_BYTES,
    MAX_XLSX_UNPACKED,
    MAX_ZIP_PARTS,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FROM,
    check_file_size,
    too_many_cells,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls/.et, and .xlsx files with a password
REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
_HIDDEN_ROW = re.compile(rb"""<(?:[\w.-]+:)?row\b[^>]*?\bhidden\s*=\s*["'](?:1|true)["'][^>]*>""")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["']([0-9]{1,7})["']""")
_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)"')


@dataclass(frozen=True)
class SheetInfo:
    title: str
    hidden: bool


def read_xlsx(path: Path, sheet: str | None, has_header: Callable[[pd.DataFrame], bool]) -> Grid:
    """The grid of one sheet: the one named by `sheet`, else the first visible sheet in which
    `has_header` finds a header. Warns when other visible sheets hold a header too."""
    name = str(path)
    check_container(path)
    book = _open(path)
    try:
        sheets = [SheetInfo(ws.title, ws.sheet_state != "visible") for ws in book.worksheets]
        if sheet is not None:
            chosen, warnings = _named_sheet(name, sheets, sheet), []
        else:
            chosen, warnings = _default_sheet(book, name, sheets, has_header)
        grid = _sheet_grid(book[chosen.title], name)
        grid.warnings += warnings
        return grid
    except InputError:
        raise
    except Exception as exc:  # openpyxl meets a malformed part only while streaming it
        raise _bad(name, exc) from None
    finally:
        book.close()


def sheet_list(path: Path) -> list[SheetInfo]:
    """The worksheets of a workbook with their visibility, after the same checks as read_xlsx."""
    check_container(path)
    book = _open(path)
    try:
        return [SheetInfo(ws.title, ws.sheet_state != "visible") for ws in book.worksheets]
    finally:
        book.close()


def check_container(path: Path) -> None:
    """Refuse what is not a workbook, or would unpack to too much, before openpyxl opens it."""
    name = str(path)
    check_file_size(path, MAX_XLSX_BYTES)
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
        if magic.startswith(OLE_MAGIC):
            raise InputError([Problem("xls_or_password", Location(name))])
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise InputError([Problem("bad_xlsx", Location(name), {"detail": _what_it_is(magic)})]) from None
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": exc.strerror or str(exc)})]) from None
    names = {p.filename for p in parts}
    if not all(part in names for part in REQUIRED_PARTS):
        raise InputError([Problem("bad_xlsx", Location(name), {"detail": "a zip file, but not an Excel workbook"})])
    if len(parts) > MAX_ZIP_PARTS:
        raise InputError([Problem("zip_bomb", Location(name),
                                  {"detail": f"{len(parts)} parts (limit {MAX_ZIP_PARTS})"})])
    total = sum(p.file_size for p in parts)
    if total > MAX_XLSX_UNPACKED:
        raise InputError([Problem("zip_bomb", Location(name),
                                  {"detail": f"unpacks to {mib(total)} (limit {mib(MAX_XLSX_UNPACKED)})"})])
    for p in parts:
        if p.file_size > ZIP_RATIO_FROM and p.file_size > MAX_ZIP_RATIO * max(p.compress_size, 1):
            ratio = p.file_size // max(p.compress_size, 1)
            raise InputError([Problem("zip_bomb", Location(name),
                                      {"detail": f"{p.filename} unpacks {ratio}× (limit {MAX_ZIP_RATIO}×)"})])


def _what_it_is(magic: bytes) -> str:
    head = magic.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<html", b"<!doc", b"<table", b"<?xml")):
        return "it is a web page or XML file named .xlsx; open it in Excel and save it as .xlsx"
    if magic and all(32 <= b < 127 or b in (9, 10, 13) or b >= 0x80 for b in magic):
        return "it looks like a text (CSV) file; if so, name it .csv"
    return "not a zip container"


def _open(path: Path):
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a hostile or broken workbook can fail in any of openpyxl's parsers
        raise _bad(str(path), exc) from None


def _bad(name: str, exc: Exception) -> InputError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError([Problem("bad_xlsx", Location(name), {"detail": detail[:200]})])


def _named_sheet(name: str, sheets: list[SheetInfo], wanted: str) -> SheetInfo:
    """Exact title first, then ignoring surrounding spaces and case (“Sheet1 ” is Sheet1)."""
    for match in (lambda s: s.title == wanted, lambda s: s.title.strip().casefold() == wanted.strip().casefold()):
        found = [s for s in sheets if match(s)]
        if found:
            return found[0]
    listed = "、".join(s.title + ("（隐藏）" if s.hidden else "") for s in sheets)
    raise InputError([Problem("no_sheet", Location(name), {"sheet": wanted, "sheets": listed or "—"})])


def _default_sheet(book, name: str, sheets: list[SheetInfo], has_header) -> tuple[SheetInfo, list[Problem]]:
    """The first visible sheet with a header. A header only on a hidden sheet is not read silently:
    hidden sheets usually hold lookup lists or last year's data."""
    if not sheets:
        raise InputError([Problem("empty_file", Location(name))])
    with_header = [s for s in sheets if has_header(_top_rows(book[s.title]))]
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


def _top_rows(ws) -> pd.DataFrame:
    ws.reset_dimensions()
    return _frame([_row(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)])


def _sheet_grid(ws, name: str) -> Grid:
    """Every row of the sheet. The dimension the file declares is ignored (it can claim a million
    rows); rows are kept as far as their last value, and the cell limit is checked as they come."""
    ws.reset_dimensions()
    rows: list[list] = []
    width = pending_blank = 0
    for row in ws.iter_rows(values_only=True):
        values = _row(row)
        if not values:
            pending_blank += 1  # appended only if a later row has values: trailing blanks cost nothing
            continue
        rows.extend([[]] * pending_blank)
        pending_blank = 0
        rows.append(values)
        width = max(width, len(values))
        if len(rows) * width > MAX_CELLS:
            raise too_many_cells(name, ws.title, len(rows), width)
    merged, hidden = _merged_and_hidden(ws, name, len(rows))
    return Grid(_frame(rows, width), name, ws.title, "XLSX", merged=merged, hidden_rows=hidden)


def _frame(rows: list[list], width: int | None = None) -> pd.DataFrame:
    """Rows of any length as a rectangular frame of objects, short rows padded with None."""
    width = max(map(len, rows), default=0) if width is None else width
    frame = pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)
    frame.columns = range(frame.shape[1])
    return frame


def _row(row: tuple) -> list:
    """Values up to the last non-empty one. A whole number stored as a float (1.0) becomes an int,
    so a code such as 130602001 does not read as “130602001.0”."""
    values = list(row)
    while values and (values[-1] is None or values[-1] == ""):
        values.pop()
    return [int(v) if type(v) is float and v.is_integer() and abs(v) < 2**53 else v for v in values]


def _merged_and_hidden(ws, name: str, rows: int) -> tuple[list[tuple[int, int, int, int]], list[int]]:
    """Merged ranges (top, left, bottom, right), 0-based, from the <mergeCell ref="A1:F1"/> elements of
    the sheet's XML, and the hidden rows (0-based, within the first `rows`) from <row r="5"
    hidden="1">: read-only mode exposes neither. A '<' inside cell text is always escaped in XML, so
    the patterns cannot be fooled by data. Without the private source accessor (a future openpyxl),
    neither is seen."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return [], []
    found: set[bytes] = set()
    hidden: set[int] = set()
    tail = b""
    with source() as stream:
        while chunk := stream.read(1 << 20):
            data = tail + chunk
            if b"mergeCell" in data:
                found.update(m.group(1) for m in _MERGE.finditer(data))
                if len(found) > MAX_MERGED_RANGES:
                    raise InputError([Problem("bad_xlsx", Location(name, ws.title),
                                              {"detail": f"more than {MAX_MERGED_RANGES} merged ranges"})])
            if b"hidden" in data:  # rows past the last value are formatting, not data: not kept
                hidden.update(r for r in _hidden_rows(data) if r < rows)
            tail = data[-512:]
    ranges = []
    for ref in sorted(found):
        left, top, right, bottom = range_boundaries(ref.decode("ascii").upper())
        ranges.append((top - 1, left - 1, bottom - 1, right - 1))
    return ranges, sorted(hidden)


def _hidden_rows(data: bytes):
    """0-based numbers of the <row> elements marked hidden (by hand, by a filter or a collapsed
    outline alike). A row element without `r` (optional in the format, written by no office suite)
    is not counted."""
    for m in _HIDDEN_ROW.finditer(data):
        number = _ROW_NUMBER.search(m.group(0))
        if number:
            yield int(number.group(1)) - 1
