"""Writes the office workbooks the reader tests use (committed beside this script).

    python tests/data/office/make_office_files.py
    # needs LibreOffice and its Python bridge (apt-get install libreoffice-calc-nogui python3-uno),
    # and msoffcrypto-tool for the encrypted .xlsx (pip install msoffcrypto-tool)

An .xlsx is written with openpyxl, then converted by LibreOffice (`soffice --headless --convert-to`),
which writes the real formats: table.xls (Excel 97–2003, BIFF8 in an OLE file) and table.ods.
table.et is table.xls renamed (WPS saves .et as the same OLE/BIFF8 file) and table_zip.et the .xlsx
renamed (WPS can also save .et as an .xlsx inside). sparse.xls holds a value in A1 and one in
IV65536, the far corner of an .xls sheet: 5 KB on disk, 16.7 million cells to a reader that builds
the sheet densely.

table.xlsb (Excel binary workbook, BIFF12 records in a zip): LibreOffice reads .xlsb but cannot
write it (`soffice --convert-to xlsb` answers “no export filter”), and nothing else here writes it,
so tests/xlsb_writer.py writes the records itself (MS-XLSB). The file is checked two ways before it
is kept: python-calamine reads the same cells back, and LibreOffice converts it to .xlsx, in which
openpyxl finds the merged ranges, the hidden row, the hidden sheet and the formula =D4+D5 with
580.5 as its saved value. (An .xlsb formula always carries its saved value: BIFF12 has no formula
record without one, so “formula without value” cannot happen in this format.)

locked.xls: table.xlsx saved by LibreOffice's “MS Excel 97” filter with a password to open (RC4,
a FILEPASS record first in the Workbook stream), through its UNO bridge (save_with_password.py:
`--convert-to` ignores a password). locked.xlsx: LibreOffice 7.4 could not be made to encrypt an
.xlsx from a script (the Password property is ignored by its OOXML export; EncryptionData with
OOXPassword fails with a write error), so msoffcrypto-tool encrypts table.xlsx (ECMA-376 agile
encryption, as Excel 2010+ does: an OLE file holding EncryptionInfo and EncryptedPackage); the
check that LibreOffice cannot open it without the password is done here. The password of both is
123456."""

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import openpyxl

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))  # tests/, for xlsb_writer
from xlsb_writer import Formula, Sheet, workbook  # noqa: E402

PASSWORD = "123456"
SYSTEM_PYTHON = "/usr/bin/python3"  # the Python that has LibreOffice's bridge (python3-uno)


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


def xlsb_table(path: Path) -> None:
    """table() as .xlsb, the 合计 cell a formula (=D4+D5) with its saved value, then checked."""
    sheet = Sheet("排查表", rows=[
        ["某区党建精品社区排查摸底表"],
        ["社区编码", "社区名称", "街道", "服务用房总面积（㎡）", "六室", None],
        [None, None, None, None, "警务室", "党员活动室"],
        [130699001, "甲社区", "东街道", 320, "有", "无"],
        ["130699002.0", "乙社区", "东街道", 260.5, "有", "有"],
        [130699003, "丙社区", "西街道", None, "无", "有"],
        ["合计", None, None, Formula([(3, 3), (4, 3)], 580.5), None, None]],
        merged=[(0, 0, 0, 5), (1, 0, 2, 0), (1, 1, 2, 1), (1, 2, 2, 2), (1, 3, 2, 3), (1, 4, 1, 5)],
        hidden_rows={5})
    old = Sheet("去年", rows=[["社区编码", "社区名称"], [1, "旧社区"]], hidden=True)
    path.write_bytes(workbook([sheet, old]))
    check_xlsb(path, sheet)


def check_xlsb(path: Path, sheet: Sheet) -> None:
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(str(path)).get_sheet_by_name(sheet.name).to_python()
    expected = [["" if v is None else (v.value if isinstance(v, Formula) else v) for v in row]
                for row in sheet.rows]
    assert [[v for v in row] for row in rows] == [r + [""] * (len(rows[0]) - len(r)) for r in expected], rows
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["soffice", "--headless", "--convert-to", "xlsx", "--outdir", folder, str(path)],
                       check=True, capture_output=True, timeout=300)
        book = openpyxl.load_workbook(Path(folder) / f"{path.stem}.xlsx")
        ws = book[sheet.name]
        assert len(ws.merged_cells.ranges) == len(sheet.merged)
        assert [r for r, d in ws.row_dimensions.items() if d.hidden] == [r + 1 for r in sheet.hidden_rows]
        assert ws["D7"].value == "=D4+D5" and book["去年"].sheet_state == "hidden"


def locked(xlsx: Path) -> None:
    subprocess.run([SYSTEM_PYTHON, str(HERE / "save_with_password.py"), str(xlsx), str(HERE / "locked.xls"),
                    PASSWORD, "MS Excel 97"], check=True, timeout=300,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # soffice would hold a pipe open
    from msoffcrypto.format.ooxml import OOXMLFile

    with xlsx.open("rb") as source, (HERE / "locked.xlsx").open("wb") as target:
        OOXMLFile(source).encrypt(PASSWORD, target)
    with tempfile.TemporaryDirectory() as folder:  # LibreOffice cannot open either without the password
        for name in ("locked.xls", "locked.xlsx"):
            subprocess.run(["soffice", "--headless", "--convert-to", "csv", "--outdir", folder, str(HERE / name)],
                           capture_output=True, timeout=300, stdin=subprocess.DEVNULL)
            assert not (Path(folder) / f"{Path(name).stem}.csv").exists(), name


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
        xlsb_table(HERE / "table.xlsb")
        locked(xlsx)


if __name__ == "__main__":
    main()
