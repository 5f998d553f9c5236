"""Excel workbooks as offices send them: several sheets (some hidden), merged cells, title rows.

The file is checked as a zip before openpyxl sees it: the sizes the zip directory declares bound
what Python's zipfile will ever unpack (it stops at the declared size and fails the CRC), so a zip
bomb is refused up front. openpyxl then reads in read-only mode (streaming: memory stays bounded
at any size); read-only mode does not expose merged ranges or hidden rows, so they are read from the
sheet's XML with one extra streaming pass."""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import Path
from typing import Callable

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.files import mib
from jingpin_cli.records.grid import Grid
from jingpin_cli.records.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_MERGED_RANGES,
    MAX_SHARED_STRINGS,
    MAX_XLSX_BYTES,
    MAX_XLSX_UNPACKED,
    MAX_ZIP_PARTS,
    MAX_ZIP_RATIO,
    ZIP_RATIO_FROM,
    check_file_size,
    too_many_cells,
)
from jingpin_cli.records.sheet_choice import SheetInfo, choose_sheet, frame, row_values

REQUIRED_PARTS = ("[Content_Types].xml", "xl/workbook.xml")
SHARED_STRINGS = "xl/sharedStrings.xml"
_SHARED_STRING = re.compile(rb"<(?:[\w.-]+:)?si[\s/>]")
# a formula cell: <c r="D8" …><f>…</f> (or <f …/>), then its saved value <v>…</v> or <is>, if any
_FORMULA_CELL = re.compile(rb'<(?:[\w.-]+:)?c\b[^>]*?\br="([A-Za-z]{1,3}[0-9]{1,7})"[^>]*>\s*<(?:[\w.-]+:)?f\b'
                           rb'(?:[^>]*/>|[^>]*>[^<]*</(?:[\w.-]+:)?f>)\s*(<(?:[\w.-]+:)?(?:v|is)>[^<]?)?')
_HIDDEN_ROW = re.compile(rb"""<(?:[\w.-]+:)?row\b[^>]*?\bhidden\s*=\s*["'](?:1|true)["'][^>]*>""")
_ROW_NUMBER = re.compile(rb"""\sr\s*=\s*["']([0-9]{1,7})["']""")
_MERGE = re.compile(rb'<(?:[\w.-]+:)?mergeCell\b[^>]*?\bref="([A-Za-z]{1,3}[0-9]{1,7}(?::[A-Za-z]{1,3}[0-9]{1,7})?)"')


def read_xlsx(path: Path, sheet: str | None, has_header: Callable[[pd.DataFrame], bool]) -> Grid:
    """The grid of one sheet: the one named by `sheet`, else the first visible sheet in which
    `has_header` finds a header. Warns when other visible sheets hold a header too."""
    name = str(path)
    check_container(path)
    book = _open(path)
    try:
        sheets = [SheetInfo(ws.title, ws.sheet_state != "visible") for ws in book.worksheets]
        chosen, warnings = choose_sheet(name, sheets, sheet, has_header, lambda title: _top_rows(book[title]))
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
    """Refuse what is not a workbook, would unpack to too much, or holds more shared strings than a
    real table (each costs openpyxl a Python string: 20 million took 3 GB and ten minutes), before
    openpyxl opens it."""
    name = str(path)
    names = check_zip(path)
    if not all(part in names for part in REQUIRED_PARTS):
        raise InputError([Problem("bad_xlsx", Location(name), {"detail": "a zip file, but not an Excel workbook"})])
    if SHARED_STRINGS in names:
        _check_shared_strings(path)


def check_zip(path: Path) -> set[str]:
    """The part names of a zip workbook (.xlsx, .ods), after its size and zip-bomb limits."""
    name = str(path)
    check_file_size(path, MAX_XLSX_BYTES)
    magic = b""
    try:
        with path.open("rb") as fh:
            magic = fh.read(8)
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError, NotImplementedError):
        raise InputError([Problem("bad_xlsx", Location(name), {"detail": _what_it_is(magic)})]) from None
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    names = {p.filename for p in parts}
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
    return names


def _check_shared_strings(path: Path) -> None:
    """Count the shared strings (<si> elements) as the part streams by, stopping past the limit: the
    count the file declares (uniqueCount) is only a claim."""
    count, tail = 0, b""
    try:
        with zipfile.ZipFile(path) as archive, archive.open(SHARED_STRINGS) as stream:
            while chunk := stream.read(1 << 20):
                data = tail + chunk
                count += sum(1 for m in _SHARED_STRING.finditer(data) if m.end() > len(tail))
                if count > MAX_SHARED_STRINGS:
                    raise InputError([Problem("too_many_strings", Location(str(path)),
                                              {"limit": f"{MAX_SHARED_STRINGS:,}"})])
                tail = data[-32:]
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise _bad(str(path), exc) from None


def _what_it_is(magic: bytes) -> str:
    head = magic.lstrip(b"\xef\xbb\xbf").lstrip().lower()
    if head.startswith((b"<html", b"<!doc", b"<table", b"<?xml")):
        return "it is a web page or XML file named .xlsx; open it in Excel and save it as .xlsx"
    if magic and all(32 <= b < 127 or b in (9, 10, 13) or b >= 0x80 for b in magic):
        return "it looks like a text (CSV) file; if so, name it .csv"
    return "not a zip container"


def _open(path: Path):
    """The workbook, read-only. A file named otherwise (a WPS .et that is an .xlsx inside) is
    passed as an open file: openpyxl refuses a path by its suffix."""
    from openpyxl import load_workbook  # here: a run that reads no workbook does not load it (70 ms)
    try:
        source = path if path.suffix.lower() in (".xlsx", ".xlsm") else io.BytesIO(path.read_bytes())
        return load_workbook(source, read_only=True, data_only=True, keep_links=False)
    except Exception as exc:  # a hostile or broken workbook can fail in any of openpyxl's parsers
        raise _bad(str(path), exc) from None


def _bad(name: str, exc: Exception) -> InputError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError([Problem("bad_xlsx", Location(name), {"detail": detail[:200]})])


def _top_rows(ws) -> pd.DataFrame:
    ws.reset_dimensions()
    return frame([row_values(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_SEARCH_ROWS, values_only=True)])


def _sheet_grid(ws, name: str) -> Grid:
    """Every row of the sheet. The dimension the file declares is ignored (it can claim a million
    rows); rows are kept as far as their last value, and the cell limit is checked as they come."""
    ws.reset_dimensions()
    rows: list[list] = []
    width = pending_blank = 0
    for row in ws.iter_rows(values_only=True):
        values = row_values(row)
        if not values:
            pending_blank += 1  # appended only if a later row has values: trailing blanks cost nothing
            continue
        rows.extend([[]] * pending_blank)
        pending_blank = 0
        rows.append(values)
        width = max(width, len(values))
        if len(rows) * width > MAX_CELLS:
            raise too_many_cells(name, ws.title, len(rows), width)
    merged, hidden, formulas = _merged_and_hidden(ws, name, len(rows))
    return Grid(frame(rows, width), name, ws.title, "XLSX", merged=merged, hidden_rows=hidden,
                formulas_without_value=formulas)


def _merged_and_hidden(ws, name: str, rows: int):
    """Merged ranges (top, left, bottom, right), 0-based, from the <mergeCell ref="A1:F1"/> elements of
    the sheet's XML, the hidden rows (0-based, within the first `rows`) from <row r="5"
    hidden="1">, and the formula cells with no saved value (row, column), 0-based, which data_only
    reads as blank (a file written by a program and never opened in Excel): read-only mode exposes
    none. A '<' inside cell text is always escaped in XML, so
    the patterns cannot be fooled by data. Without the private source accessor (a future openpyxl),
    neither is seen."""
    source = getattr(ws, "_get_source", None)
    if source is None:
        return [], [], []
    found: set[bytes] = set()
    hidden: set[int] = set()
    formulas: set[bytes] = set()
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
            if b"<f" in data or b":f" in data:
                formulas.update(m.group(1) for m in _FORMULA_CELL.finditer(data) if not _has_value(m.group(2)))
            tail = data[-(1 << 15):]  # a formula may be long; the sets take each match once
    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries
    ranges = []
    for ref in sorted(found):
        left, top, right, bottom = range_boundaries(ref.decode("ascii").upper())
        ranges.append((top - 1, left - 1, bottom - 1, right - 1))
    cells = []
    for ref in sorted(formulas):
        column, row = coordinate_from_string(ref.decode("ascii").upper())
        if row <= rows:
            cells.append((row - 1, column_index_from_string(column) - 1))
    return ranges, sorted(hidden), sorted(cells)


def _has_value(after: bytes | None) -> bool:
    """What follows a formula: <v> with text, or an inline string <is>, is a saved value."""
    return after is not None and (after.endswith(b"is>") or not after.endswith(b">"))


def _hidden_rows(data: bytes):
    """0-based numbers of the <row> elements marked hidden (by hand, by a filter or a collapsed
    outline alike). A row element without `r` (optional in the format, written by no office suite)
    is not counted."""
    for m in _HIDDEN_ROW.finditer(data):
        number = _ROW_NUMBER.search(m.group(0))
        if number:
            yield int(number.group(1)) - 1
