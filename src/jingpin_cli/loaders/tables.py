"""Wide tables (CSV, XLSX): one row per community, one column per field, Chinese headers welcome."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.loaders.headers import HeaderMatcher, fold
from jingpin_cli.records import RawTable

HEADER_SEARCH_ROWS = 10  # a title row or two often sits above the header
NOTE_PREFIXES = tuple(fold(p) for p in ("合计", "总计", "小计", "填表说明", "说明", "注：", "注:", "备注"))
MAX_CELLS = 5_000_000


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA: as Excel names columns."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def read_csv_grid(path: Path) -> tuple[pd.DataFrame, str]:
    """All cells as text, no header assumed. Returns (grid, encoding used)."""
    raw = _read_bytes(path)
    text, encoding = decode(raw, str(path))
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise InputError([Problem("bad_csv", Location(str(path)), {"detail": str(exc)})]) from None
    width = max((len(r) for r in rows), default=0)
    if width * len(rows) > MAX_CELLS:
        raise InputError([Problem("unreadable", Location(str(path)), {"detail": f"> {MAX_CELLS} cells"})])
    return pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object), encoding


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """Excel on Chinese Windows saves GBK; “CSV UTF-8” has a BOM; “Unicode text” is UTF-16."""
    if b"\x00" in raw[:4096] and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError([Problem("unreadable", Location(name), {"detail": "binary data, not text"})])
    tried = []
    for encoding in ("utf-8-sig", "utf-16", "gb18030"):
        if encoding == "utf-16" and not raw.startswith((b"\xff\xfe", b"\xfe\xff")):
            continue
        tried.append(encoding)
        try:
            return raw.decode(encoding), encoding.removesuffix("-sig").upper()
        except UnicodeDecodeError:
            continue
    raise InputError([Problem("encoding", Location(name), {"tried": ", ".join(tried)})])


def read_xlsx_grid(path: Path, sheet: str | None = None) -> tuple[pd.DataFrame, str]:
    """The cells of one sheet (the one named, else the first visible sheet with a header row)."""
    import openpyxl  # imported here: loading it costs time that CSV-only runs need not pay
    from openpyxl.utils.exceptions import InvalidFileException
    from zipfile import BadZipFile

    try:
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (InvalidFileException, BadZipFile, KeyError, ValueError, OSError) as exc:
        raise InputError([Problem("bad_xlsx", Location(str(path)), {"detail": str(exc) or type(exc).__name__})]) from None
    try:
        names = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]
        if sheet is not None:
            if sheet not in book.sheetnames:
                raise InputError([Problem("no_sheet", Location(str(path)),
                                          {"sheet": sheet, "sheets": "、".join(book.sheetnames)})])
            names = [sheet]
        for name in names:
            grid = _sheet_grid(book[name], str(path))
            if sheet is not None or _header_row(grid) is not None:
                return grid, name
        return (_sheet_grid(book[names[0]], str(path)) if names else pd.DataFrame()), (names[0] if names else "")
    finally:
        book.close()


def _sheet_grid(ws, name: str) -> pd.DataFrame:
    rows = []
    for row in ws.iter_rows(values_only=True):
        rows.append(list(row))
        if len(rows) * max(len(row), 1) > MAX_CELLS:
            raise InputError([Problem("unreadable", Location(name, ws.title), {"detail": f"> {MAX_CELLS} cells"})])
    width = max((len(r) for r in rows), default=0)
    return pd.DataFrame([r + [None] * (width - len(r)) for r in rows], dtype=object)


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(str(path)), {"detail": exc.strerror or str(exc)})]) from None


def _header_row(grid: pd.DataFrame, matcher: HeaderMatcher | None = None) -> int | None:
    """The first row (of the first few) that names the id or name column."""
    for i in range(min(HEADER_SEARCH_ROWS, len(grid))):
        cells = [c for c in grid.iloc[i].tolist() if isinstance(c, str) and c.strip()]
        if matcher is None:
            if len(cells) >= 2:
                return i
        elif any(matcher.match(c).field in ("id", "name") for c in cells):
            return i
    return None


def grid_to_table(grid: pd.DataFrame, file: str, sheet: str | None, matcher: HeaderMatcher,
                  encoding: str | None = None) -> tuple[RawTable, list[Problem]]:
    """Find the header, map it to the catalog and keep the data rows, with their Excel row numbers."""
    problems: list[Problem] = []
    if grid.empty or grid.map(_is_blank).all().all():
        raise InputError([Problem("empty_file", Location(file, sheet))])
    header_at = _header_row(grid, matcher)
    if header_at is None:
        raise InputError([Problem("no_header", Location(file, sheet))])
    columns: dict[str, tuple[str | None, str]] = {}
    factors: dict[str, float] = {}
    keep: dict[int, str] = {}
    for j, cell in enumerate(grid.iloc[header_at].tolist()):
        if _is_blank(cell):
            continue
        header = str(cell).strip()
        where = Location(file, sheet, header_at + 1, column_letter(j), header)
        m = matcher.match(header)
        if m.ignored:
            continue
        if m.field is None:
            problems.append(Problem("unknown_header", where, {"header": header, "suggestion": m.suggestion}))
            continue
        if m.bad_unit is not None:
            f = matcher.standard.field(m.field)
            accept = matcher.standard.units[f.unit].accept if f.unit else {}
            problems.append(Problem("bad_header_unit", where, {"unit": m.bad_unit, "label": f.zh, "expected": " / ".join(accept) or "—"}))
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
            problems.append(Problem(code, Location(file, sheet, header_at + 1)))

    body = grid.iloc[header_at + 1:]
    blank = body.map(_is_blank)
    body, blank = body[~blank.all(axis=1)], blank[~blank.all(axis=1)]
    first = body.apply(_first_text, axis=1) if len(body) else pd.Series(dtype=object)
    id_col = next((j for j, k in keep.items() if k == "id"), None)
    notes = first.map(lambda v: fold(v).startswith(NOTE_PREFIXES) if isinstance(v, str) else False)
    if id_col is not None:
        notes &= blank[id_col] | first.eq(body[id_col])
    for i in body.index[notes]:
        problems.append(Problem("note_row", Location(file, sheet, int(i) + 1), {"text": str(first[i])[:20]}, "warning"))
    body = body[~notes]
    data = body[list(keep)].rename(columns=keep).reset_index(drop=True)
    rows = [int(i) + 1 for i in body.index]
    return RawTable(file, sheet, data, rows, columns, factors, encoding=encoding), problems


def _is_blank(value) -> bool:
    return value is None or (isinstance(value, float) and value != value) or (isinstance(value, str) and not value.strip())


def _first_text(row: pd.Series):
    for v in row:
        if not _is_blank(v):
            return str(v).strip()
    return None
