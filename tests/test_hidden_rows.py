"""Issue 17, item 16: rows hidden in Excel (by hand, a filter or a collapsed outline) are read like any
other row — the table is what was sent — but never without a word: the warning `hidden_rows` names
the sheet and the rows compactly (第 5–7、12 行) and says how to leave them out (delete the rows or
cut them to another sheet). Hidden title, header, blank and note rows are no community and are not
named. A hidden sheet stays what it was: not read unless named with --sheet."""

from __future__ import annotations

import openpyxl
import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.records.tables import _spans
from jingpin_cli.records.xlsx_sheets import _hidden_rows

HEADER = ["社区编码", "社区名称", "所属街道", "服务用房总面积"]


def workbook(path, hidden_rows=(), rows=12, title=True, note=False):
    """Row 1 a title, row 2 the header, rows 3–14 communities A1–A12 (Excel row = community + 2)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "排查表"
    if title:
        ws.append(["2024年社区排查摸底表"])
    ws.append(HEADER)
    for i in range(1, rows + 1):
        ws.append([f"A{i}", f"社区{i}", "东街道", 300 + i])
    if note:
        ws.append(["填表说明：本表由街道汇总"])
    for r in hidden_rows:
        ws.row_dimensions[r].hidden = True
    book.save(path)
    return path


def hidden_warnings(records_or_error):
    problems = records_or_error.warnings if hasattr(records_or_error, "warnings") else records_or_error.problems
    return [p for p in problems if p.code == "hidden_rows"]


def test_hidden_community_rows_are_read_and_named(tmp_path, standard):
    path = workbook(tmp_path / "表.xlsx", hidden_rows=(7, 8, 9, 14))
    records = load_records(path, standard)
    assert len(records.frame) == 12  # read: A5–A7 and A12 still count
    [warning] = hidden_warnings(records)
    assert warning.severity == "warning"
    assert (warning.location.file, warning.location.sheet) == (str(path), "排查表")
    zh, en = warning.render("zh"), warning.render("en")
    assert "第 7–9、14 行" in zh and "这 4 行" in zh and "删除这些行" in zh and "另一个工作表" in zh
    assert "rows 7–9, 14" in en and "delete the rows" in en and "another sheet" in en


def test_hidden_rows_that_hold_no_community_are_not_named(tmp_path, standard):
    """A hidden title row (1), header row (2), note row (15) or blank row (30) is no community."""
    path = workbook(tmp_path / "表.xlsx", hidden_rows=(1, 2, 15, 30), note=True)
    records = load_records(path, standard)
    assert len(records.frame) == 12 and hidden_warnings(records) == []


def test_no_hidden_rows_no_warning(tmp_path, standard):
    assert hidden_warnings(load_records(workbook(tmp_path / "表.xlsx"), standard)) == []


def test_many_runs_are_shortened(tmp_path, standard):
    path = workbook(tmp_path / "表.xlsx", rows=40, hidden_rows=range(3, 43, 2))  # every other row: 20 runs
    [warning] = hidden_warnings(load_records(path, standard))
    text = warning.render("en").replace(str(path), "")  # the temporary path may hold any digits
    assert text.count(",") >= 9 and "41" not in text and "…" in text
    assert warning.params["count"] == 20


def test_the_cli_shows_the_warning_and_strict_check_fails_on_it(tmp_path):
    path = workbook(tmp_path / "表.xlsx", hidden_rows=(7,))
    runner = CliRunner()
    audit = runner.invoke(app, ["audit", str(path), "--format", "csv"])
    assert audit.exit_code in (0, 1) and "第 7 行在 Excel 中是隐藏的" in audit.stderr and "社区5" in audit.stdout
    assert runner.invoke(app, ["check", str(path)]).exit_code == 0
    strict = runner.invoke(app, ["check", str(path), "--strict", "--lang", "en"])
    assert strict.exit_code == 1 and "hidden_rows" in strict.stdout


def test_a_hidden_sheet_is_still_not_read_unless_named(tmp_path, standard):
    """Consistency with hidden sheets: a hidden sheet is a separate table and is only read with --sheet."""
    path = workbook(tmp_path / "表.xlsx")
    book = openpyxl.load_workbook(path)
    book.create_sheet("去年").append(HEADER)
    book["去年"].append(["B1", "旧社区", "东街道", 100])
    book["去年"].sheet_state = "hidden"
    book.save(path)
    assert "旧社区" not in set(load_records(path, standard).frame["name"])
    assert set(load_records(path, standard, sheet="去年").frame["name"]) == {"旧社区"}


def test_a_hidden_data_row_in_a_file_with_errors_is_still_named(tmp_path, standard):
    path = workbook(tmp_path / "表.xlsx", hidden_rows=(5,))
    book = openpyxl.load_workbook(path)
    book.active["D4"] = "很多"  # not a number: an error, and the warning comes with it
    book.save(path)
    with pytest.raises(InputError) as err:
        load_records(path, standard)
    assert hidden_warnings(err.value) and any(p.code == "bad_number" for p in err.value.problems)


@pytest.mark.parametrize("xml, rows", [
    (b'<row r="5" spans="1:4" hidden="1" x14ac:dyDescent="0.25">', [4]),  # as Excel writes it
    (b'<row hidden="true" r="12">', [11]),  # attributes in any order, true for 1
    (b"<x:row r='3' hidden='1'/>", [2]),  # a namespace prefix, single quotes
    (b'<row r="5" hidden="0"><row r="6">', []),
    (b'<col min="1" max="2" hidden="1"/><row r="7" customHeight="1">', []),  # a hidden column is no row
    (b'<row hidden="1">', []),  # no r: not counted
    (b'<c r="A9" t="inlineStr"><is><t>&lt;row r="9" hidden="1"&gt;</t></is></c>', []),  # text is escaped
])
def test_hidden_rows_are_found_in_the_sheet_xml(xml, rows):
    assert list(_hidden_rows(xml)) == rows


def test_spans():
    assert _spans([5, 6, 7, 12]) == [(5, 7), (12, 12)]
    assert _spans([1]) == [(1, 1)]
