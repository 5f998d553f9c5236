"""Old Excel (.xls), WPS (.et/.ett), Excel binary (.xlsb) and OpenDocument (.ods) workbooks, read
with python-calamine.

What each sheet would cost is found first from the file's own records (records/office_scan.py):
calamine builds a sheet as one dense block, in Rust, and aborts the whole process when it cannot
allocate it. calamine is imported here only, on first use, so `jingpin --help` does not load it.
Merged ranges come from calamine (.xls) or the scan (.xlsb, .ods); hidden rows and, for .ods,
formulas without a saved value from the scan. (An .xlsb formula always carries its saved value:
BIFF12 has no formula record without one.)"""

from __future__ import annotations

import io
import os
import sys
import threading
import zipfile
import zlib
from contextlib import contextmanager
from pathlib import Path
from typing import Callable

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.records.grid import Grid
from jingpin_cli.records.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELLS,
    MAX_SHARED_STRINGS,
    too_many_cells,
)
from jingpin_cli.records.office_scan import (
    BadFile,
    BookScan,
    SheetScan,
    ole_streams,
    scan_biff,
    scan_ods,
    scan_xlsb,
)
from jingpin_cli.records.sheet_choice import SheetInfo, choose_sheet, frame, row_values

ENCRYPTED_STREAMS = ("EncryptionInfo", "EncryptedPackage")  # an .xlsx (or .et) with a password to open
BIFF_STREAMS = ("Workbook", "Book")  # BIFF8 (Excel 97–2003, WPS), BIFF5 (Excel 95)
SOURCES = {"ole": "XLS", "xlsb": "XLSB", "ods": "ODS"}
_QUIET = threading.Lock()  # guards the two below (_panics_unprinted)
_quiet, _stderr = 0, -1  # calamine calls running; the stderr they hid


def read_calamine(path: Path, data: bytes, container: str, sheet: str | None,
                  has_header: Callable[[pd.DataFrame], bool]) -> Grid:
    """The grid of one sheet of an OLE (`container` "ole"), Excel binary ("xlsb") or OpenDocument
    ("ods") workbook whose bytes
    are `data`, chosen as for .xlsx (records/sheet_choice.py)."""
    name = str(path)
    scan = _scan(name, data, container)
    with _panics_unprinted():
        book = _open(name, data)
        try:
            sheets = _sheets(book, scan)
            by_title = {s.name: s for s in scan.sheets}
            chosen, warnings = choose_sheet(name, sheets, sheet, has_header,
                                            lambda title: _top_rows(book, title, by_title.get(title)))
            grid = _grid(book, name, chosen.title, by_title.get(chosen.title), SOURCES[container])
            grid.warnings += warnings
            return grid
        except InputError:
            raise
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # noqa: B036 — a Rust panic in calamine is a BaseException (pyo3)
            raise _bad(name, exc) from None
        finally:
            book.close()


def calamine_sheets(path: Path, data: bytes, container: str) -> list[SheetInfo]:
    name = str(path)
    scan = _scan(name, data, container)
    with _panics_unprinted():
        book = _open(name, data)
        try:
            return _sheets(book, scan)
        except (KeyboardInterrupt, SystemExit, GeneratorExit):
            raise
        except BaseException as exc:  # noqa: B036 — as in read_calamine
            raise _bad(name, exc) from None
        finally:
            book.close()


@contextmanager
def _panics_unprinted():
    """While calamine runs, the process's stderr goes to the null device: on a damaged workbook Rust
    prints its panic (and with RUST_BACKTRACE a stack trace) there before pyo3 raises it, and the
    user is to see only the message that follows (bad_xlsx: which file, and what is wrong). Counted,
    so that workbooks read at once in several threads (`jingpin serve`) give stderr back once, last."""
    global _quiet, _stderr
    with _QUIET:
        if not _quiet:
            sys.stderr.flush()
            _stderr, null = os.dup(2), os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, 2)
            os.close(null)
        _quiet += 1
    try:
        yield
    finally:
        with _QUIET:
            _quiet -= 1
            if not _quiet:
                os.dup2(_stderr, 2)
                os.close(_stderr)


def _scan(name: str, data: bytes, container: str) -> BookScan:
    try:
        if container in ("ods", "xlsb"):
            try:
                archive = zipfile.ZipFile(io.BytesIO(data))
                with archive:
                    scan = (scan_ods if container == "ods" else scan_xlsb)(archive)
            except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, NotImplementedError) as exc:
                raise BadFile(str(exc)) from None
        else:
            streams = ole_streams(data)
            if any(s in streams for s in ENCRYPTED_STREAMS):
                raise InputError([Problem("password_protected", Location(name))])
            stream = next((streams[s] for s in BIFF_STREAMS if s in streams), None)
            if stream is None:
                raise BadFile("an OLE file, but not an Excel or WPS workbook (no Workbook stream)")
            scan = scan_biff(stream)
    except BadFile as exc:
        raise InputError([Problem("bad_xlsx", Location(name), {"detail": str(exc)})]) from None
    if scan.encrypted:
        raise InputError([Problem("password_protected", Location(name))])
    if scan.shared_strings > MAX_SHARED_STRINGS:
        raise InputError([Problem("too_many_strings", Location(name), {"limit": f"{MAX_SHARED_STRINGS:,}"})])
    for s in scan.sheets:  # calamine may build every sheet on opening: each is checked
        if s.cells > MAX_CELLS:
            raise too_many_cells(name, s.name, s.rows, s.columns)
    return scan


def _open(name: str, data: bytes):
    from python_calamine import CalamineWorkbook  # here: only a run that reads such a file loads it

    try:
        return CalamineWorkbook.from_filelike(io.BytesIO(data))
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except BaseException as exc:  # noqa: B036 — any of calamine's errors, and a Rust panic (a BaseException)
        if type(exc).__name__ == "PasswordError":
            raise InputError([Problem("password_protected", Location(name))]) from None
        raise _bad(name, exc) from None


def _bad(name: str, exc: BaseException) -> InputError:
    detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return InputError([Problem("bad_xlsx", Location(name), {"detail": detail[:200]})])


def _sheets(book, scan: BookScan) -> list[SheetInfo]:
    """Worksheets (not chart sheets), with their visibility."""
    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    return [SheetInfo(m.name, m.visible != SheetVisibleEnum.Visible) for m in book.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet]


def _top_rows(book, title: str, scan: SheetScan | None) -> pd.DataFrame:
    if scan is not None and scan.cells == 0:
        return frame([])
    rows = book.get_sheet_by_name(title).to_python(skip_empty_area=False, nrows=HEADER_SEARCH_ROWS)
    return frame([row_values(r) for r in rows])


def _grid(book, name: str, title: str, scan: SheetScan | None, source: str) -> Grid:
    ws = book.get_sheet_by_name(title)
    if ws.height * ws.width > MAX_CELLS:  # the scan found less than calamine did: trust calamine's count
        raise too_many_cells(name, title, ws.height, ws.width)
    rows = [row_values(r) for r in ws.to_python(skip_empty_area=False)]
    while rows and not rows[-1]:
        rows.pop()
    merged = [(top, left, bottom, right) for (top, left), (bottom, right) in (ws.merged_cell_ranges or [])]
    hidden, formulas = [], []
    if scan is not None:
        merged = merged or scan.merged
        hidden = sorted({r for start, stop in scan.hidden for r in range(start, min(stop, len(rows)))})
        formulas = [(r, c) for r, c in scan.formulas_without_value if r < len(rows)]
    width = max(map(len, rows), default=0)
    return Grid(frame(rows, width), name, title, source, merged=merged, hidden_rows=hidden,
                formulas_without_value=formulas)
