"""Issue 20: the sheets of every community (screen's ranking, diff's communities) are written a
column at a time (kit/sheets.Sheet.extend_columns). Every part of the workbook must be exactly what
writing the same rows one by one gives: cells, types, styles (registered in the same order), row
heights of wrapped text, formulas neutralised, blanks left out — across the sample that sets the
widths and across blocks of rows."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from jingpin_cli.formats.kit import sheets
from jingpin_cli.formats.kit.sheets import PERCENT, WRAP, Look, saved, status_cell, workbook, write_columns, write_sheet

HEADER = ["编码", "名称", "得分", "是否", "占比", "说明", "杂项"]
LOOK = Look(columns={"占比": PERCENT, "说明": WRAP})
ODD = ["=HYPERLINK(\"x\")", "#N/A", " 前后有空格 ", "a&b<c>d", "", None, "+1", "@sum", "第一行\n第二行"]
NUMBERS = [0, -0.0, 1, 1.0, True, False, float("nan"), float("inf"), 3.14159, 10**15, -2, None]
LONG = "服务用房总面积 260 ㎡，标准 ≥ 300 ㎡，差 40 ㎡；" * 4


def columns(n: int, seed: int = 7) -> list[list]:
    rng = random.Random(seed)
    return [
        [f"1306{i:05d}" for i in range(n)],
        [rng.choice(ODD + [f"社区{i}"]) for i in range(n)],
        [rng.choice(NUMBERS) for _ in range(n)],
        [rng.choice([True, False, None]) for _ in range(n)],
        [rng.choice([0.9087, 0.5, 1, None, "", 0.0]) for _ in range(n)],
        [rng.choice([LONG, "短", None, LONG[:30], "甲\n乙\n丙"]) for _ in range(n)],
        [rng.choice(["文字", 12, 1.5, None, True]) for _ in range(n)],  # mixed: no distinct codes
    ]


def parts(write) -> dict[str, bytes]:
    """Every part of the workbook written by `write(wb)`, but its dates (docProps)."""
    wb = workbook()
    write(wb)
    with zipfile.ZipFile(io.BytesIO(saved(wb))) as z:
        return {name: z.read(name) for name in z.namelist() if not name.startswith("docProps")}


def by_rows(cols: list[list], look: Look = LOOK):
    return lambda wb: write_sheet(wb, "排名", HEADER, (list(r) for r in zip(*cols, strict=True)), look)


def by_columns(cols: list[list], look: Look = LOOK):
    return lambda wb: write_columns(wb, "排名", HEADER, cols, look)


@pytest.mark.parametrize("n", [0, 1, 150, 480])
def test_columns_write_the_same_workbook_as_rows(n, monkeypatch):
    monkeypatch.setattr(sheets.SheetData, "BATCH", 7)  # blocks of 7 rows after the 200 of the sample
    cols = columns(n)
    expected = parts(by_rows(cols))
    assert parts(by_columns(cols)) == expected
    if n > 200:
        sheet = expected["xl/worksheets/sheet1.xml"].decode()
        assert 'customHeight="1"' in sheet and "&amp;" in sheet and "'=HYPERLINK" in sheet and 't="e"' in sheet


def test_a_style_first_used_after_the_sample_is_registered_as_rows_would(monkeypatch):
    # the percent and wrapped columns blank in the sample: their styles are registered only later,
    # in the order the rows first use them (the wrapped column's first, then the percent column's)
    monkeypatch.setattr(sheets.SheetData, "BATCH", 5)
    cols = columns(300)
    cols[4] = [None] * 260 + [0.25] * 40
    cols[5] = [None] * 230 + [LONG] * 70
    assert parts(by_columns(cols)) == parts(by_rows(cols))


def test_a_column_of_other_cells_goes_row_by_row():
    cols = columns(260)
    cols[6] = [status_cell("fail", "zh") if i % 3 else "x" for i in range(260)]
    look = Look(columns=LOOK.columns, statuses=True)
    assert parts(by_columns(cols, look)) == parts(by_rows(cols, look))


@pytest.mark.parametrize("values", [["130602001", "新一代社区"], ["尾空格 ", "甲"], [" 头空格", "甲"], ["a&b", "甲"],
                                    ["#N/A", "甲"], ["=1+1", "甲"], ["", "甲"], ["x" * 40000, "甲"], ["甲\r乙"],
                                    ["甲\n乙", "丙"], ["<b>", "甲"], [1, 2, 10**15], [-7, 10**16], [3, True]])
def test_texts_written_at_once_are_the_cells_written_one_by_one(values):
    # the quick paths of _tails (plain texts, whole numbers) and the cell of each value on its own agree
    one_by_one = ['"' + (' s="3"' if v != "" else "") + sheets._cell_tail(sheets.safe_cell(v)) for v in values]
    assert sheets._tails(values, ' s="3"') == one_by_one
