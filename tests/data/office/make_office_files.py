"""Writes the office workbooks the reader tests use (committed beside this script).

    python tests/data/office/make_office_files.py    # needs LibreOffice (apt-get install libreoffice-calc-nogui)

An .xlsx is written with openpyxl, then converted by LibreOffice (`soffice --headless --convert-to`),
which writes the real formats: table.xls (Excel 97–2003, BIFF8 in an OLE file) and table.ods.
table.et is table.xls renamed (WPS saves .et as the same OLE/BIFF8 file) and table_zip.et the .xlsx
renamed (WPS can also save .et as an .xlsx inside). sparse.xls holds a value in A1 and one in
IV65536, the far corner of an .xls sheet: 5 KB on disk, 16.7 million cells to a reader that builds
the sheet densely."""

import shutil
import subprocess
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent


def table(path: Path) -> None:
    """Title row, two header rows (六室 over its rooms, merged), three communities (the second id
    written as text “130699002.0”, the third row hidden), a 合计 row and a hidden sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "排查表"
    ws.append(["某区党建精品社区排查摸底表"])
    ws.merge_cells("A1:F1")
    ws.append(["社区编码", "社区名称", "街道", "服务用房总面积（㎡）", "六室", None])
    ws.append([None, None, None, None, "警务室", "党员活动室"])
    for col in "ABCD":
        ws.merge_cells(f"{col}2:{col}3")
    ws.merge_cells("E2:F2")
    ws.append([130699001, "甲社区", "东街道", 320, "有", "无"])
    ws.append(["130699002.0", "乙社区", "东街道", 260.5, "有", "有"])
    ws.append([130699003, "丙社区", "西街道", None, "无", "有"])
    ws.append(["合计", None, None, 580.5, None, None])
    ws.row_dimensions[6].hidden = True
    old = wb.create_sheet("去年")
    old.append(["社区编码", "社区名称"])
    old.append([1, "旧社区"])
    old.sheet_state = "hidden"
    wb.save(path)


def sparse(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "社区编码"
    ws["IV65536"] = 1
    wb.save(path)


def convert(source: Path, to: str, out: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", "--convert-to", to, "--outdir", folder, str(source)],
                       check=True, capture_output=True, timeout=300)
        shutil.move(Path(folder) / f"{source.stem}.{to}", out)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        xlsx = Path(folder) / "table.xlsx"
        table(xlsx)
        convert(xlsx, "xls", HERE / "table.xls")
        convert(xlsx, "ods", HERE / "table.ods")
        shutil.copy(HERE / "table.xls", HERE / "table.et")
        shutil.copy(xlsx, HERE / "table_zip.et")
        corner = Path(folder) / "sparse.xlsx"
        sparse(corner)
        convert(corner, "xls", HERE / "sparse.xls")


if __name__ == "__main__":
    main()
