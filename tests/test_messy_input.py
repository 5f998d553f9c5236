"""Spreadsheets as street offices send them: read right where that needs no guessing, reported with
sheet, row and column where it would."""

from __future__ import annotations

import csv
import io
import re

import openpyxl
import pandas as pd
import pytest
from openpyxl.styles import PatternFill

from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records

# A two-row header under a merged title and a 填报单位 line: groups (六室, 一本通) over their items,
# 服务用房/室外健身场地 over “面积（㎡）”, and a unit row cell (册) under 新图书数量.
TITLE = ["新市区2011年党建精品社区排查摸底表"]
FILLED_BY = ["填报单位：先锋街道（盖章）", None, None, None, None, None, None, "填报日期：2011年5月"]
UPPER = ["序号", "社区编码", "社区名称", "所属街道", "基本情况", None, "六室", None, "一本通", None,
         "服务用房", "室外健身场地", "新图书数量", "群众满意度"]
LOWER = [None, None, None, None, "户数", "党员人数", "警务室", "党员活动室", "活动记录", "工作记录",
         "面积（㎡）", "面积（㎡）", "册", None]
DATA = [
    [1, 130602001, "秋实社区", "先锋街道", "1200", 85, "有", "√", "是", "是", 300, "210", "1,050", 0.96],
    [2, "130602002", "铁塔社区", None, " 980 ", "７６", "无", "×", "否", "是", None, 180, 900, "93%"],
    [3, 130602003.0, "电院社区", None, "１１００", 64.0, "有", "有", None, "是", 260, 150, "800", 95],
    [4, "130602004", "邮一社区", "东关街道", 1500, 90, "有", "有", "是", "是", 320, "200平方米", 1200, None],
]
TOTAL = [None, "合计", None, None, 4780, 315]
NOTES = [["填表说明："], ["1、本表由社区填写，街道审核。"], ["2、面积单位为平方米。"]]


def messy_workbook(path):
    book = openpyxl.Workbook()
    guide = book.active
    guide.title = "填表说明"
    guide.append(["请按下表格式填写，不要改动表头。"])
    old = book.create_sheet("2010年")  # last year's data, hidden: must not be read
    old.append(["社区编码", "社区名称"])
    old.append(["130602999", "旧社区"])
    old.sheet_state = "hidden"
    ws = book.create_sheet("摸底表")
    for row in (TITLE, FILLED_BY, UPPER, LOWER, *DATA, TOTAL, [], *NOTES):
        ws.append(row)
    for ref in ("A1:N1", "A3:A4", "B3:B4", "C3:C4", "D3:D4", "E3:F3", "G3:H3", "I3:J3", "N3:N4",
                "D5:D7",  # one street for three communities: the value applies to each
                "K5:K6",  # one area for two communities: read for each, with a warning
                "B9:D9"):  # the 合计 label
        ws.merge_cells(ref)
    ws.cell(5, 4).value = "先锋街道"
    ws.cell(5, 11).value = 300
    ws.cell(40, 30).fill = PatternFill("solid", fgColor="FFFF00")  # formatting far out: empty rows and columns
    book.save(path)
    return path


@pytest.fixture
def messy(tmp_path, standard):
    messy_workbook(tmp_path / "摸底表.xlsx")
    return load_records(tmp_path, standard)


def test_two_row_header_under_a_title_is_read_column_by_column(messy):
    f = messy.frame
    assert list(f.index) == ["130602001", "130602002", "130602003", "130602004"], "ids stored as numbers keep no .0"
    assert f.loc["130602002", "households"] == 980 and f.loc["130602003", "households"] == 1100
    assert f.loc["130602002", "party_members"] == 76, "full-width digits stored as text"
    assert bool(f.loc["130602001", "police_room"]) and not bool(f.loc["130602002", "police_room"])
    assert not bool(f.loc["130602002", "party_activity_room"])
    assert bool(f.loc["130602001", "archive_activity_records"]), "一本通 over 活动记录"
    assert pd.isna(f.loc["130602003", "archive_activity_records"]), "a blank stays unknown"
    assert f.loc["130602004", "fitness_area_m2"] == 200 and f.loc["130602001", "fitness_area_m2"] == 210
    assert f.loc["130602001", "new_books"] == 1050, "册 in the unit row; thousands separator in a text cell"
    assert f.loc["130602001", "satisfaction_rate"] == pytest.approx(96)
    assert f.loc["130602002", "satisfaction_rate"] == 93


def test_merged_cells_apply_to_every_row_they_cover(messy):
    f = messy.frame
    assert list(f["street"]) == ["先锋街道", "先锋街道", "先锋街道", "东关街道"]
    assert list(f["service_area_m2"][:2]) == [300, 300]
    repeated = [p for p in messy.warnings if p.code == "merged_down"]
    assert len(repeated) == 1, "a text merged down (the street) needs no warning; a number does"
    loc = repeated[0].location
    assert (loc.sheet, loc.row, loc.column, repeated[0].params["range"]) == ("摸底表", 5, "K", "K5:K6")


def test_total_and_note_rows_are_skipped_with_warnings(messy):
    notes = [p for p in messy.warnings if p.code == "note_row"]
    assert [p.location.row for p in notes] == [9, 11, 12, 13]
    assert notes[0].params["text"] == "合计"


def test_locations_are_excel_rows_and_combined_headers(messy):
    loc = messy.locate("130602003", "households")
    assert (loc.sheet, loc.row, loc.column, loc.header) == ("摸底表", 7, "E", "户数")
    loc = messy.locate("130602001", "service_area_m2")
    assert (loc.column, loc.header) == ("K", "服务用房·面积（㎡）")
    assert messy.sources == {str(next(iter(messy.sources))): "摸底表"}


def test_hidden_and_header_less_sheets_are_passed_over(messy):
    assert "130602999" not in messy.frame.index
    assert not [p for p in messy.warnings if p.code == "other_sheets"], "hidden sheets are not 'other sheets'"


def test_a_named_sheet_is_read_even_when_hidden(tmp_path, standard):
    messy_workbook(tmp_path / "a.xlsx")
    records = load_records(tmp_path, standard, sheet="2010年")
    assert list(records.frame.index) == ["130602999"]


def test_several_sheets_with_a_header_read_the_first_and_say_so(tmp_path, standard):
    book = openpyxl.Workbook()
    book.active.title = "先锋街道"
    book.active.append(["社区编码", "社区名称"])
    book.active.append(["A1", "甲社区"])
    other = book.create_sheet("东关街道")
    other.append(["社区编码", "社区名称"])
    other.append(["B1", "乙社区"])
    book.save(tmp_path / "两街道.xlsx")
    records = load_records(tmp_path, standard)
    assert list(records.frame.index) == ["A1"]
    warning = next(p for p in records.warnings if p.code == "other_sheets")
    assert warning.params["others"] == "东关街道" and warning.location.sheet == "先锋街道"
    assert list(load_records(tmp_path, standard, sheet=" 东关街道 ").frame.index) == ["B1"], "spaces forgiven"


def csv_of(rows) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([["" if v is None else v for v in r] for r in rows])
    return out.getvalue()


def test_the_same_sheet_saved_as_csv_reads_the_same_except_merges(tmp_path, standard):
    """Excel's “save as CSV” keeps a merged value in its first cell only: the street of rows 6–7
    is then blank (unknown), not guessed from the row above."""
    rows = [TITLE + [None] * 13, FILLED_BY + [None] * 6, UPPER, LOWER,
            *[[str(v) if v is not None else None for v in r] for r in DATA], TOTAL + [None] * 8,
            [None] * 14, *[n + [None] * 13 for n in NOTES]]
    rows[4][10] = "300"
    (tmp_path / "a.csv").write_bytes(csv_of(rows).encode("gbk"))
    records = load_records(tmp_path, standard)
    f = records.frame
    assert list(f["street"].fillna("?")) == ["先锋街道", "?", "?", "东关街道"]
    assert f.loc["130602001", "new_books"] == 1050 and f.loc["130602004", "fitness_area_m2"] == 200
    assert bool(f.loc["130602001", "archive_activity_records"])
    assert records.sources[str(tmp_path / "a.csv")] == "GBK"


ENCODED = "社区编码,社区名称,户数\nA1,新一代社区,1200\nA2,笑脸😀社区,900\n"


@pytest.mark.parametrize("encoding, delimiter, source", [
    ("utf-8", ",", "UTF-8"),
    ("utf-8-sig", ",", "UTF-8 (BOM)"),
    ("gb18030", ",", "GB18030"),  # 😀 is not in GBK: only GB18030 reads it
    ("utf-16", "\t", "UTF-16, TAB-separated"),  # Excel's “Unicode text”
    ("utf-16-be-bom", "\t", "UTF-16, TAB-separated"),
    ("utf-8", ";", "UTF-8, semicolon-separated"),
])
def test_encodings_and_delimiters_are_detected_and_reported(tmp_path, standard, encoding, delimiter, source):
    text = ENCODED.replace(",", delimiter)
    data = b"\xfe\xff" + text.encode("utf-16-be") if encoding == "utf-16-be-bom" else text.encode(encoding)
    (tmp_path / "a.csv").write_bytes(data)
    records = load_records(tmp_path, standard)
    assert list(records.frame["name"]) == ["新一代社区", "笑脸😀社区"]
    assert list(records.frame["households"]) == [1200, 900]
    assert records.sources == {str(tmp_path / "a.csv"): source}


def test_gbk_text_is_reported_as_gbk(tmp_path, standard):
    (tmp_path / "a.csv").write_bytes(ENCODED.replace("😀", "").encode("gbk"))
    assert load_records(tmp_path, standard).sources[str(tmp_path / "a.csv")] == "GBK"


def test_quoted_cells_may_hold_commas_and_line_breaks(tmp_path, standard):
    (tmp_path / "a.csv").write_text('社区编码,社区名称,户数,备注\nA1,"新一代,社区",1200,"第一行\n第二行"\n'
                                    'A2,铁塔社区,"1,300",\n',
                                    encoding="utf-8")
    records = load_records(tmp_path, standard)
    assert list(records.frame["name"]) == ["新一代,社区", "铁塔社区"]
    assert records.frame.loc["A2", "households"] == 1300
    assert records.origin.loc["A2", "row"] == 3, "a record over two lines is still one Excel row"


def test_empty_trailing_rows_and_columns_are_ignored(tmp_path, standard):
    (tmp_path / "a.csv").write_text("社区编码,社区名称,户数,,,\nA1,甲,1,,,\n,,,,,\n,,,,,\n\n", encoding="utf-8")
    records = load_records(tmp_path, standard)
    assert list(records.frame.index) == ["A1"] and [w.code for w in records.warnings] == ["missing_columns"]


def test_values_without_a_header_are_reported_not_lost(tmp_path, standard):
    book = openpyxl.Workbook()
    ws = book.active
    ws.append(["社区编码", "社区名称", None, "户数"])
    ws.append(["A1", "甲社区", "见附件", 1])
    ws.append(["A2", "乙社区", None, 2])
    book.save(tmp_path / "a.xlsx")
    records = load_records(tmp_path, standard)
    warning = next(p for p in records.warnings if p.code == "no_header_values")
    assert (warning.location.row, warning.location.column, warning.params["count"]) == (2, "C", 1)


def test_a_row_with_a_separator_too_many_is_an_error_with_its_row(tmp_path, standard):
    (tmp_path / "a.csv").write_text("社区编码,社区名称,户数\nA1,甲,1\nA2,乙,1,200\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    [problem] = err.value.problems
    assert (problem.code, problem.location.row, problem.location.column) == ("ragged_row", 3, "D")
    assert problem.params == {"cells": 4, "expected": 3}


def test_a_note_word_inside_a_name_is_not_a_note(tmp_path, standard):
    (tmp_path / "a.csv").write_text("社区名称,社区编码\n说明社区,A1\n合计,\n注：仅供参考,\n", encoding="utf-8")
    records = load_records(tmp_path, standard)
    assert list(records.frame["name"]) == ["说明社区"]
    assert [p.location.row for p in records.warnings if p.code == "note_row"] == [3, 4]


def test_a_sheet_whose_declared_size_lies_reads_only_what_is_there(tmp_path, standard):
    """A <dimension> of A1:XFD1048576 over three cells must not make a million rows."""
    import zipfile

    book = openpyxl.Workbook()
    book.active.append(["社区编码", "社区名称"])
    book.active.append(["A1", "甲社区"])
    book.save(tmp_path / "src.xlsx")
    with zipfile.ZipFile(tmp_path / "src.xlsx") as src, zipfile.ZipFile(tmp_path / "a.xlsx", "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', data)
                assert b"XFD1048576" in data
            dst.writestr(info, data)
    (tmp_path / "src.xlsx").unlink()
    assert list(load_records(tmp_path, standard).frame.index) == ["A1"]
