"""Every workbook format, told apart by its bytes, not its name: a WPS .et is an OLE file like an
.xls or a zip like an .xlsx depending on how it was saved, an .xls is sometimes an .xlsx renamed,
and a password-protected .xlsx is an OLE file. .xlsx inside → openpyxl (records/xlsx_sheets.py,
streaming); .xls/.et (OLE), .xlsb (a zip holding xl/workbook.bin) and .ods → python-calamine
(records/calamine_sheets.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.records.calamine_sheets import calamine_sheets, read_calamine
from jingpin_cli.records.grid import Grid
from jingpin_cli.records.limits import MAX_XLSX_BYTES, check_file_size
from jingpin_cli.records.office_scan import OLE_MAGIC, ZIP_MAGIC
from jingpin_cli.records.sheet_choice import SheetInfo
from jingpin_cli.records.xlsx_sheets import check_zip, read_xlsx, sheet_list

WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".et", ".ett", ".ods", ".xlsb")


def read_workbook(path: Path, sheet: str | None, has_header: Callable[[pd.DataFrame], bool]) -> Grid:
    container, data = _container(path)
    if container == "xlsx":
        return read_xlsx(path, sheet, has_header)
    return read_calamine(path, data, container, sheet, has_header)


def workbook_sheets(path: Path) -> list[SheetInfo]:
    container, data = _container(path)
    return sheet_list(path) if container == "xlsx" else calamine_sheets(path, data, container)


def _container(path: Path) -> tuple[str, bytes]:
    """("xlsx" | "ole" | "xlsb" | "ods", the bytes when calamine will read them), after the size limit, and
    for a zip the zip-bomb limits."""
    name = str(path)
    check_file_size(path, MAX_XLSX_BYTES)
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    if head.startswith(OLE_MAGIC):
        return "ole", path.read_bytes()
    if not head.startswith(ZIP_MAGIC):
        return "xlsx", b""  # not a workbook at all: read_xlsx says what it looks like
    parts = check_zip(path)
    if "xl/workbook.bin" in parts:
        return "xlsb", path.read_bytes()
    if "content.xml" in parts and "xl/workbook.xml" not in parts:
        return "ods", path.read_bytes()
    return "xlsx", b""
