"""Old Excel, WPS and OpenDocument workbooks (tests/data/office/, made by LibreOffice: see its
README), text tables saved as “Unicode text”, and what a file may cost before it is read."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest

from jingpin_cli.errors import InputError
from jingpin_cli.records import calamine_sheets, csv_text, load, xlsx_sheets
from jingpin_cli.records.load import load_records

OFFICE = Path(__file__).resolve().parent / "data" / "office"
TABLES = ["table.xls", "table.et", "table.ods", "table_zip.et"]


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
    assert [(p.code, p.location.line) for p in records.warnings] == [("id_folded", 1)]


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


def test_an_xlsb_is_refused_with_a_clear_word(standard, tmp_path):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.bin", b"\x83\x01\x00")
    (tmp_path / "a.xlsb").write_bytes(out.getvalue())
    refused(tmp_path / "a.xlsb", standard, "xlsb_not_read")


def test_an_ole_file_that_is_not_a_workbook_is_bad_xlsx(standard, tmp_path):
    (tmp_path / "a.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    refused(tmp_path / "a.xls", standard, "bad_xlsx")
