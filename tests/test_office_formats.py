"""Old Excel, WPS, Excel binary and OpenDocument workbooks (tests/data/office/, made by LibreOffice
or, for .xlsb, tests/xlsb_writer.py: see its README), password-protected workbooks, text tables
saved as “Unicode text”, and what a file may cost before it is read."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsb_writer
from typer.testing import CliRunner
from xlsb_writer import Formula, Sheet, cell_real, workbook

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records import calamine_sheets, csv_text, load, office_scan, xlsx_sheets
from jingpin_cli.records.load import load_records

OFFICE = Path(__file__).resolve().parent / "data" / "office"
TABLES = ["table.xls", "table.et", "table.ods", "table_zip.et", "table.xlsb"]


def codes(problems) -> list[str]:
    return [p.code for p in problems]


def refused(path, standard, code):
    with pytest.raises(InputError) as err:
        load_records(path, standard)
    found = [p for p in err.value.problems if p.code == code]
    assert found, [p.render("en") for p in err.value.problems]
    for p in found:
        p.render("zh"), p.render("en")
    return found[0]


@pytest.mark.parametrize("name", TABLES)
def test_office_table_reads_like_xlsx(standard, name):
    """Title row passed over, the merged 六室 header combined with its rooms, the 合计 row skipped,
    the hidden sheet 去年 not read, the hidden row 6 read with a warning, and the id written
    “130699002.0” read as 130699002."""
    records = load_records(OFFICE / name, standard)
    frame = records.frame
    assert list(frame["id"]) == ["130699001", "130699002", "130699003"]
    assert list(frame["name"]) == ["甲社区", "乙社区", "丙社区"]
    assert frame["service_area_m2"].tolist()[:2] == [320, 260.5]
    assert frame["service_area_m2"].isna().tolist() == [False, False, True]  # blank stays unknown
    assert frame["police_room"].tolist() == [True, True, False]
    assert frame["party_activity_room"].tolist() == [False, True, True]
    assert set(records.origin["sheet"]) == {"排查表"}
    assert list(records.origin["row"]) == [4, 5, 6]
    warned = {p.code: p for p in records.warnings}
    assert {"note_row", "hidden_rows", "id_folded"} <= set(warned)
    assert warned["id_folded"].location.row == 5 and warned["id_folded"].location.column == "A"
    assert warned["note_row"].location.row == 7


def test_the_hidden_sheet_is_read_when_named(standard):
    records = load_records(OFFICE / "table.xls", standard, sheet="去年")
    assert list(records.frame["id"]) == ["1"]


def test_a_sheet_that_would_be_16_million_cells_is_refused_before_calamine_builds_it(standard):
    """sparse.xls is 5 KB: A1 and IV65536 make 65 536 × 256 cells, 1 GB in calamine."""
    p = refused(OFFICE / "sparse.xls", standard, "too_many_cells")
    assert p.location.sheet == "Sheet" and p.params["rows"] == 65536 and p.params["columns"] == 256


def _ods_with_content(content: bytes) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(OFFICE / "table.ods") as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            dst.writestr(item, content if item.filename == "content.xml" else src.read(item.filename))
    return out.getvalue()


def test_an_ods_row_repeated_a_million_times_is_refused(standard, tmp_path):
    """One row element with number-rows-repeated="1000000" and a value repeated over 100 columns:
    a few bytes, 100 million cells."""
    with zipfile.ZipFile(OFFICE / "table.ods") as z:
        content = z.read("content.xml")
    bomb = (b'<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
            b'table:number-columns-repeated="100" office:value-type="float" office:value="1">'
            b'<text:p>1</text:p></table:table-cell></table:table-row>')
    content = content.replace(b"</table:table>", bomb + b"</table:table>", 1)
    path = tmp_path / "bomb.ods"
    path.write_bytes(_ods_with_content(content))
    p = refused(path, standard, "too_many_cells")
    assert p.params["rows"] > 1_000_000 and p.params["columns"] == 100


def test_shared_strings_past_the_limit_are_refused_before_openpyxl(standard, tmp_path, monkeypatch):
    """Counted as the part streams by (20 million short strings took openpyxl 577 s and 3.2 GB)."""
    monkeypatch.setattr(xlsx_sheets, "MAX_SHARED_STRINGS", 3)
    wb = openpyxl.Workbook()
    wb.active.append(["社区编码", "社区名称", "街道"])
    wb.active.append(["A1", "甲社区", "东街道"])
    wb.save(tmp_path / "a.xlsx")
    (tmp_path / "b.xlsx").write_bytes(_with_inline_as_shared(tmp_path / "a.xlsx"))
    refused(tmp_path / "b.xlsx", standard, "too_many_strings")


def _with_inline_as_shared(path: Path) -> bytes:
    """The workbook with a sharedStrings part of five strings (openpyxl writes none for inline text)."""
    out = io.BytesIO()
    sst = (b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="5" uniqueCount="5">'
           + b"".join(b"<si><t>%d</t></si>" % i for i in range(5)) + b"</sst>")
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, src.read(item.filename))
        dst.writestr("xl/sharedStrings.xml", sst)
    return out.getvalue()


def test_xls_shared_strings_past_the_limit_are_refused(standard, monkeypatch):
    monkeypatch.setattr(calamine_sheets, "MAX_SHARED_STRINGS", 3)
    refused(OFFICE / "table.xls", standard, "too_many_strings")


def test_a_csv_cell_past_excels_cell_limit_is_refused_before_parsing(standard, tmp_path, monkeypatch):
    """Limit lowered to 10 characters (40 bytes): a 100-character cell on line 3, unquoted and quoted."""
    monkeypatch.setattr(csv_text, "MAX_CELL_CHARS", 10)
    for cell in ("x" * 100, '"' + "x,\n" * 40 + '"'):
        path = tmp_path / "a.csv"
        path.write_text(f"社区编码,社区名称\nA1,甲\nA2,{cell}\n", encoding="utf-8")
        p = refused(path, standard, "cell_too_long")
        assert p.location.row == 3


def test_running_out_of_memory_while_reading_is_a_problem_naming_the_file(standard, tmp_path, monkeypatch):
    def exhausted(*args):
        raise MemoryError

    monkeypatch.setattr(load, "read_grid_table", exhausted)
    (tmp_path / "a.csv").write_text("社区编码,社区名称\nA1,甲\n", encoding="utf-8")
    p = refused(tmp_path / "a.csv", standard, "out_of_memory")
    assert p.location.file == str(tmp_path / "a.csv")


def test_a_formula_without_a_saved_value_names_its_cell(standard, tmp_path):
    """openpyxl writes a formula and no result, as a program that never opens Excel does."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "表"
    ws.append(["社区编码", "社区名称", "服务用房总面积"])
    ws.append(["A1", "甲社区", 300])
    ws.append(["A2", "乙社区", "=C2+10"])
    wb.save(tmp_path / "f.xlsx")
    p = refused(tmp_path / "f.xlsx", standard, "formula_no_value")
    assert (p.location.sheet, p.location.row, p.location.column) == ("表", 3, "C")
    assert "公式没有保存的计算结果" in p.render("zh")


@pytest.mark.parametrize("encoding,bom", [("utf-16-le", b"\xff\xfe"), ("utf-8", b"")])
@pytest.mark.parametrize("suffix", [".txt", ".tsv"])
def test_unicode_text_is_read_as_tab_separated(standard, tmp_path, encoding, bom, suffix):
    """Excel's “Unicode text” save: UTF-16 with a BOM, TAB-separated; a comma inside a cell stays."""
    text = "社区编码\t社区名称\t街道\r\n130699001\t甲社区,东\t东街道\r\n"
    path = tmp_path / f"a{suffix}"
    path.write_bytes(bom + text.encode(encoding))
    records = load_records(path, standard)
    assert list(records.frame["name"]) == ["甲社区,东"]


def test_ids_written_with_dot_zero_are_the_same_id_in_every_reader(standard, tmp_path):
    """130699001.0 in a CSV, 130699001 in a YAML record: one community, so a duplicate."""
    (tmp_path / "a.csv").write_text("社区编码,社区名称\n130699001.0,甲社区\n", encoding="utf-8")
    (tmp_path / "b.yaml").write_text("社区编码: 130699001\n社区名称: 甲社区\n", encoding="utf-8")
    p = refused(tmp_path, standard, "duplicate_id")
    assert p.params["id"] == "130699001"


def test_a_yaml_id_with_dot_zero_is_folded_with_a_warning(standard, tmp_path):
    (tmp_path / "a.yaml").write_text("社区编码: 130699001.0\n社区名称: 甲社区\n", encoding="utf-8")
    records = load_records(tmp_path, standard)
    assert list(records.frame["id"]) == ["130699001"]
    assert [(p.code, p.location.line) for p in records.warnings if p.code != "missing_columns"] == [("id_folded", 1)]


def test_other_files_in_a_data_folder_are_named_not_skipped_in_silence(standard, tmp_path):
    (tmp_path / "a.csv").write_text("社区编码,社区名称\nA1,甲社区\n", encoding="utf-8")
    for quiet in ("README.md", "说明.md", ".hidden", "~$a.xlsx"):
        (tmp_path / quiet).write_text("x", encoding="utf-8")
    (tmp_path / "surveys").mkdir()
    (tmp_path / "报告.pdf").write_bytes(b"%PDF")
    (tmp_path / "旧数据").mkdir()
    records = load_records(tmp_path, standard)
    named = sorted((p.code, Path(p.location.file).name) for p in records.warnings if p.code.startswith("other_"))
    assert named == [("other_file", "报告.pdf"), ("other_folder", "旧数据")]


# ---- .xlsb ---------------------------------------------------------------------------------------

def test_the_hidden_xlsb_sheet_is_read_when_named(standard):
    records = load_records(OFFICE / "table.xlsb", standard, sheet="去年")
    assert list(records.frame["id"]) == ["1"]


def xlsb(tmp_path, *sheets: Sheet) -> Path:
    path = tmp_path / "a.xlsb"
    path.write_bytes(workbook(list(sheets)))
    return path


HEAD = ["社区编码", "社区名称", "服务用房总面积"]


def test_an_xlsb_formula_is_read_by_its_saved_value(standard, tmp_path):
    """C3 is =C2+C2 saved as 600: read as 600 (BIFF12 stores every formula with its value)."""
    rows = [HEAD, ["A1", "甲社区", 300], ["A2", "乙社区", Formula([(1, 2), (1, 2)], 600)]]
    path = xlsb(tmp_path, Sheet("表", rows=rows))
    assert load_records(path, standard).frame["service_area_m2"].tolist() == [300, 600]


def test_an_xlsb_sheet_far_past_the_cell_limit_is_refused_before_calamine(standard, tmp_path):
    """Values in A1 and XFD1048576: 2 KB that calamine would make 17 billion cells (an abort)."""
    corner = Sheet("表", rows=[HEAD], cells=[(0, 0, cell_real(0, 1)), (1_048_575, 16_383, cell_real(16_383, 1))])
    p = refused(xlsb(tmp_path, corner), standard, "too_many_cells")
    assert (p.location.sheet, p.params["rows"], p.params["columns"]) == ("表", 1_048_576, 16_384)


@pytest.mark.parametrize("cells", [
    [(0, 0, cell_real(0, 1)), (1, 2**31, cell_real(2**31, 1))],  # a column past XFD: calamine takes any 32 bits
    [(5, 0, cell_real(0, 1)), (2, 0, cell_real(0, 1))],  # rows going back: calamine's block would wrap around
    [(0, 0, cell_real(0, 1)[:-4])],  # a cell record cut short: calamine would read a stale column
])
def test_xlsb_cells_calamine_would_abort_on_are_bad_xlsx(standard, tmp_path, cells):
    refused(xlsb(tmp_path, Sheet("表", cells=cells)), standard, "bad_xlsx")


def with_sheet_bytes(path: Path, change) -> Path:
    """The .xlsb at `path` with its first sheet part's bytes passed through `change`."""
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            dst.writestr(item, change(body) if item.filename == "xl/worksheets/sheet1.bin" else body)
    path.write_bytes(out.getvalue())
    return path


def test_an_xlsb_dimension_past_the_limit_is_refused(standard, tmp_path):
    """One value in A1, but the sheet declares A1:XFD1048576 (BrtWsDim): refused by the declared
    dimension too, 1 048 576 × 16 384 cells, since a reader may size the sheet by it."""
    declared = xlsb_writer.record(xlsb_writer.WS_DIM, bytes(16))
    path = with_sheet_bytes(xlsb(tmp_path, Sheet("表", cells=[(0, 0, cell_real(0, 1))])), lambda body: body.replace(
        declared, xlsb_writer.record(xlsb_writer.WS_DIM, struct.pack("<IIII", 0, 1_048_575, 0, 16_383))))
    p = refused(path, standard, "too_many_cells")
    assert (p.params["rows"], p.params["columns"]) == (1_048_576, 16_384)


def test_xlsb_limits_lowered(standard, monkeypatch):
    """table.xlsb declares 18 shared strings (17 distinct texts on 排查表, 旧社区 on 去年) and 6 merged
    ranges (A1:F1, A2:A3, B2:B3, C2:C3, D2:D3, E2:F2): one below each limit is refused, at it read."""
    monkeypatch.setattr(calamine_sheets, "MAX_SHARED_STRINGS", 17)
    refused(OFFICE / "table.xlsb", standard, "too_many_strings")
    monkeypatch.setattr(calamine_sheets, "MAX_SHARED_STRINGS", 18)
    monkeypatch.setattr(office_scan, "MAX_MERGED_RANGES", 5)
    assert "merged" in refused(OFFICE / "table.xlsb", standard, "bad_xlsx").params["detail"]
    monkeypatch.setattr(office_scan, "MAX_MERGED_RANGES", 6)
    assert len(load_records(OFFICE / "table.xlsb", standard).frame) == 3


def test_an_xlsb_with_a_shared_string_count_past_the_limit_is_refused(standard, tmp_path):
    """calamine reads as many shared strings as BrtBeginSst declares: 4 billion declared is refused."""
    path = xlsb(tmp_path, Sheet("表", rows=[HEAD, ["A1", "甲社区", 300]]))
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/sharedStrings.bin":
                body = body[:3] + b"\xff\xff\xff\xff" * 2 + body[11:]  # after the type (2 bytes) and length
            dst.writestr(item, body)
    path.write_bytes(out.getvalue())
    refused(path, standard, "too_many_strings")


# ---- passwords ----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["locked.xls", "locked.xlsx"])
@pytest.mark.parametrize("command", ["check", "audit"])
def test_a_workbook_with_a_password_to_open_is_named_with_what_to_do(tmp_path, name, command):
    """Saved with the password 123456 (tests/data/office/README.md): .xls by LibreOffice (FILEPASS),
    .xlsx encrypted (an OLE file holding EncryptionInfo). check reports it (exit 1), audit stops (2)."""
    folder = tmp_path / "数据"
    folder.mkdir()
    (folder / name).write_bytes((OFFICE / name).read_bytes())
    result = CliRunner().invoke(app, [command, str(folder)])
    assert result.exit_code == (1 if command == "check" else 2), result.output
    text = "".join(result.output.split())  # the terminal wraps long lines
    assert "文件设有打开密码，请在Excel/WPS中取消密码后另存为.xlsx再试" in text
    assert name in text and "Traceback" not in result.output


def test_an_ole_file_that_is_not_a_workbook_is_bad_xlsx(standard, tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    refused(tmp_path / "a.xls", standard, "bad_xlsx")


def test_an_xlsb_sheet_only_calamine_would_find_is_scanned_too(standard, tmp_path):
    """Older calamine releases (its source history; python-calamine>=0.2 is allowed) read
    workbook.bin a byte at a time looking for the records they know, so a sheet record hidden
    inside another record's body (here a BrtFileVersion) is a sheet to them, though not to a reader
    that follows the records (calamine 0.37, installed here, does not see it). That sheet holds A1
    and XFD1048576 (17 billion cells, an abort): it is scanned and refused all the same."""
    corner = Sheet("暗表", cells=[(0, 0, cell_real(0, 1)), (1_048_575, 16_383, cell_real(16_383, 1))])
    path = xlsb(tmp_path, Sheet("表", rows=[HEAD, ["A1", "甲社区", 300]]), corner)
    hidden = xlsb_writer.record(xlsb_writer.BUNDLE_SH, struct.pack("<II", 0, 2) + xlsb_writer.wide("rId2")
                                + xlsb_writer.wide("暗表"))
    out = io.BytesIO()
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "xl/workbook.bin":
                assert hidden in body
                body = body.replace(hidden, b"").replace(  # the record moved into a file-version record
                    xlsb_writer.record(xlsb_writer.BEGIN_BUNDLE_SHS),
                    xlsb_writer.record(0x80, hidden) + xlsb_writer.record(xlsb_writer.BEGIN_BUNDLE_SHS))
            dst.writestr(item, body)
    path.write_bytes(out.getvalue())
    sheets = office_scan.scan_xlsb(zipfile.ZipFile(path)).sheets
    assert [s.name for s in sheets] == ["表", "暗表"]
    p = refused(path, standard, "too_many_cells")
    assert (p.location.sheet, p.params["rows"], p.params["columns"]) == ("暗表", 1_048_576, 16_384)


def test_an_xlsb_sheet_is_bounded_by_its_cells_not_its_declared_dimension(standard, tmp_path, monkeypatch):
    """The sheet declares A1:A1 (BrtWsDim) but holds cells in A1 and BT2001: calamine 0.37 builds
    2001 × 1501 cells from the cells (checked here), so the limit (lowered to 1 000 000) counts them."""
    declared = xlsb_writer.record(xlsb_writer.WS_DIM, struct.pack("<IIII", 0, 2000, 0, 1500))
    path = xlsb(tmp_path, Sheet("表", cells=[(0, 0, cell_real(0, 1)), (2000, 1500, cell_real(1500, 1))]))
    with_sheet_bytes(path, lambda body: body.replace(declared, xlsb_writer.record(xlsb_writer.WS_DIM, bytes(16))))
    from python_calamine import CalamineWorkbook

    sheet = CalamineWorkbook.from_path(str(path)).get_sheet_by_name("表")
    assert (sheet.height, sheet.width) == (2001, 1501)
    monkeypatch.setattr(calamine_sheets, "MAX_CELLS", 1_000_000)
    p = refused(path, standard, "too_many_cells")
    assert (p.params["rows"], p.params["columns"]) == (2001, 1501)


@pytest.mark.parametrize("backtrace", ["0", "1"])
def test_a_workbook_calamine_panics_on_shows_only_our_message(tmp_path, backtrace):
    # table.xls with one byte of its sector chain changed: calamine (Rust) panics reading it and prints
    # the panic (with RUST_BACKTRACE=1 a stack trace) straight to stderr before raising; the user sees
    # only which file and what is wrong, exit 2
    data = bytearray((OFFICE / "table.xls").read_bytes())
    data[1612] = 100
    (tmp_path / "表.xls").write_bytes(bytes(data))
    done = subprocess.run([sys.executable, "-m", "jingpin_cli", "audit", str(tmp_path)], capture_output=True,
                          text=True, env={**os.environ, "RUST_BACKTRACE": backtrace}, timeout=120)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()  # (calamine 0.x: "slice index starts at 6400 but ends at 3648")
    assert len(lines) == 1 and lines[0].startswith(f"{tmp_path / '表.xls'}: 不是有效的 Excel 文件："), done.stderr
    assert "panicked" not in done.stderr + done.stdout and "backtrace" not in done.stderr
