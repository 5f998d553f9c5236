"""The CSV reader counts cells per line on the UTF-8 bytes with numpy (csv_text._delimiter_counts,
_widths) and sniffs the delimiter from the first lines only. Each must give exactly what the plain
text version gives (kept here as the reference: split the text into lines, count per line), on
every mix of line ends, quotes, delimiters and Chinese text; and the numpy blank mask of a CSV grid
must equal the general, cell-by-cell one."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jingpin_cli.errors import InputError
from jingpin_cli.records.csv_text import (
    SNIFF_LINES,
    _delimiter_counts,
    _first_lines,
    _widths,
    read_csv,
)
from jingpin_cli.records.grid import _blank_column, blank_mask, factorize_text, merge_codes

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
PIECES = [",", "\t", ";", '"', '""', "\r", "\n", "\r\n", "a", "社区", "1,2", " ", "\u3000", "", "x\ny"]
texts = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)
delimiters = st.sampled_from([",", "\t", ";"])


def reference_counts(text: str, delimiter: str) -> np.ndarray:
    lines = re.split(r"\r\n|\r|\n", text)
    if lines and lines[-1] == "":
        lines.pop()
    return np.array([line.count(delimiter) for line in lines], dtype=np.int64)


def reference_widths(text: str, delimiter: str) -> np.ndarray | None:
    if '"' not in text:
        return reference_counts(text, delimiter) + 1
    stripped = re.sub(r'"[^"]*"', "", text)
    if '"' in stripped:
        return None
    widths = reference_counts(stripped, delimiter) + 1
    return None if len(np.unique(widths[widths > 1])) > 1 else widths


def octets(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-8"), dtype=np.uint8)


@SETTINGS
@given(text=texts, delimiter=delimiters)
def test_counts_and_widths_on_bytes_equal_counting_lines_of_text(text, delimiter):
    counts = _delimiter_counts(octets(text), delimiter)
    assert counts.tolist() == reference_counts(text, delimiter).tolist()
    for block in (1, 2, 7):  # the running count is taken a block at a time: line ends at every place in a block
        assert _delimiter_counts(octets(text), delimiter, block=block).tolist() == counts.tolist()
    widths, expected = _widths(octets(text), counts, delimiter), reference_widths(text, delimiter)
    assert (widths is None) == (expected is None)
    if expected is not None:
        assert widths.tolist() == expected.tolist()


def test_a_quoted_cell_between_cr_and_lf_joins_them_as_the_text_version_does():
    text = 'a,b\r"x,y"\nc,d\n'  # cut out, the quoted cell leaves "\r\n": one line end, not two
    assert _widths(octets(text), _delimiter_counts(octets(text), ","), ",").tolist() == [2, 2]


@SETTINGS
@given(lines=st.lists(st.sampled_from(["", "a,b", "x" * 70_000, " ", "社区,1"]), max_size=80),
       ends=st.sampled_from(["\n", "\r\n", "\r"]))
def test_first_lines_equal_splitting_the_whole_text(lines, ends):
    text = ends.join(lines)
    assert _first_lines(text, SNIFF_LINES) == text.splitlines()[:SNIFF_LINES]


def test_first_lines_when_a_prefix_ends_between_cr_and_lf():
    text = "a" * (2**16 - 1) + "\r\n" + "b\r\n" * 60
    assert _first_lines(text, SNIFF_LINES) == text.splitlines()[:SNIFF_LINES]


@SETTINGS
@given(rows=st.lists(st.lists(st.sampled_from(["", " ", "  a", " \t", "社区", '"q,r"', '"s\nt"', "1"]), max_size=5),
                     max_size=8),
       broken=st.booleans())
def test_blank_mask_of_a_csv_grid_equals_looking_at_each_cell(tmp_path_factory, rows, broken):
    # broken: the exact parser reads it
    text = "\n".join(",".join(row) for row in rows) + ('\n"a"b,c' if broken else "")
    path = tmp_path_factory.mktemp("csv") / "a.csv"
    path.write_text(text, encoding="utf-8")
    try:
        grid = read_csv(path)
    except Exception:  # a broken quote is reported by the exact parser: nothing to compare
        return
    assert grid.all_text
    fast = blank_mask(grid.cells, factorize_text(grid.cells))
    slow = grid.cells.apply(_blank_column) if not grid.cells.empty else fast
    assert fast.to_numpy().tolist() == slow.to_numpy(dtype=bool).tolist()


@SETTINGS
@given(columns=st.lists(st.lists(st.sampled_from(["是", "否", "", None, "300", "社区"]), max_size=30), max_size=5))
def test_factorizing_column_by_column_equals_factorizing_the_stack(columns):
    cells = [np.array(c, dtype=object) for c in columns]
    codes, uniques = merge_codes([pd.factorize(c) for c in cells])
    expected_codes, expected_uniques = pd.factorize(np.concatenate(cells) if cells else np.array([], dtype=object))
    assert [len(c) for c in codes] == [len(c) for c in cells]
    assert [k for c in codes for k in c.tolist()] == expected_codes.tolist() and list(uniques) == list(expected_uniques)


def test_ragged_and_note_rows_are_found_by_whole_columns(tmp_path, standard):
    """A long row is reported at its first extra value, however far right; a row with a blank id
    is a note only when its first text is a note word."""
    from jingpin_cli.records.headers import HeaderMatcher
    from jingpin_cli.records.load import read_table

    rows = ["社区编码,社区名称,户数", "A1,甲,1", ",乙,2", "A3,丙,3,,,9", "A4,丁", ",,", "合计,,6", "注：仅供参考"]
    (tmp_path / "a.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    table, problems = read_table(tmp_path / "a.csv", HeaderMatcher(standard))
    found = [(p.code, p.location.row, p.location.column, p.params.get("cells")) for p in problems]
    assert found == [("note_row", 7, None, None), ("note_row", 8, None, None),
                     ("ragged_row", 4, "F", 6), ("ragged_row", 5, "C", 2)]
    assert table.rows == [2, 3] and list(table.data["name"]) == ["甲", "乙"]


def test_every_note_word_is_non_ascii_as_the_note_row_shortcut_assumes():
    """tables._note_rows folds and matches only non-ASCII ids: an ASCII note word (say “Total”)
    would never be looked for in the id column. Adding one means changing that shortcut too."""
    from jingpin_cli.records.tables import NOTE_WORDS

    assert NOTE_WORDS and not [w for w in NOTE_WORDS if w.isascii()]


def test_typing_with_the_readers_codes_equals_typing_the_cells(tmp_path, standard):
    """A CSV's columns are hashed once on reading (blank mask) and typing takes those codes over;
    a title row, a ragged row (left out, so the body is not one run of rows), messy values and a
    total row must type exactly as the cells themselves do."""
    from dataclasses import replace

    from jingpin_cli.records.headers import HeaderMatcher
    from jingpin_cli.records.load import type_table
    from jingpin_cli.records.tables import read_grid_table

    rows = ["2011年社区排查摸底表,,,,", "社区编码,社区名称,户数,服务用房面积（㎡）,党组织书记在岗",
            "A1,甲,1200,300,是", "A2,乙,１,260 ㎡,否", "A3,丙,x,,有,,9", "A4,丁,-3,2.5万,", "A5,戊,1e3,-0,√",
            "合计,,1203,,"]
    path = tmp_path / "a.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    table, _ = read_grid_table(path, HeaderMatcher(standard))
    assert table.codes is not None and table.rows == [3, 4, 6, 7]  # line 5 is ragged, line 8 a total
    with_codes, problems = type_table(table, standard)
    without, expected = type_table(replace(table, codes=None), standard)
    assert with_codes.equals(without) and problems == expected
    assert [p.code for p in problems] == ["negative", "bad_unit"]


@pytest.mark.parametrize("quoted", [False, True])
def test_spaces_after_a_delimiter(tmp_path, standard, quoted):
    """Spaces after a comma are skipped by the parser only in a file with quotes (where `, "a,b"`
    must stay one cell); elsewhere they are read and stripped like any other: a cell of spaces is
    blank (unknown), a value with spaces around it reads as the value."""
    from jingpin_cli.records.load import load_records

    name = ' "甲,乙"' if quoted else "  甲 "
    (tmp_path / "a.csv").write_text(f"社区编码,社区名称,户数,服务用房面积（㎡）\n A1,{name},  1200 ,   \n",
                                    encoding="utf-8")
    frame = load_records(tmp_path, standard).frame
    assert frame.index.tolist() == ["A1"] and frame.at["A1", "name"] == ("甲,乙" if quoted else "甲")
    assert frame.at["A1", "households"] == 1200 and pd.isna(frame.at["A1", "service_area_m2"])


@pytest.mark.parametrize("where", [2, 70])  # in the lines the delimiter is sniffed from, or far below them
def test_utf8_is_checked_as_the_file_is_read(tmp_path, where):
    """UTF-8 is not decoded up front: a file that is GBK after all, or UTF-8 broken on some line,
    is found out while reading and read or reported exactly as a whole decode would."""
    lines = ["社区编码,社区名称"] + [f"A{i},community {i}" for i in range(1, 100)]
    lines[where] = f"A{where},东湖社区"
    path = tmp_path / "a.csv"
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    grid = read_csv(path)
    assert grid.source == "GBK" and grid.cells.at[where, 1] == "东湖社区"
    broken = "\n".join(lines).encode("utf-8").replace("东".encode(), b"\xff\xfe\xfd")
    path.write_bytes("\ufeff".encode() + broken)
    with pytest.raises(InputError) as caught:
        read_csv(path)
    (problem,) = caught.value.problems
    assert problem.code == "encoding" and problem.location.row == where + 1 and problem.params["tried"] == "UTF-8"
    path.write_bytes("\ufeff".encode() + "\n".join(lines).replace(",", ",\u3000").encode("utf-8"))
    grid = read_csv(path)  # a BOM, and full-width spaces read as spaces
    assert grid.source == "UTF-8 (BOM)" and grid.cells.at[where, 1] == " 东湖社区"


@SETTINGS
@given(rows=st.lists(st.lists(st.sampled_from(["", " ", "是", "否", "社区", '"q,r"', '"s\nt"', "1", "1.0", "a"]),
                              min_size=1, max_size=4), min_size=1, max_size=12),
       block=st.integers(1, 5))
def test_reading_a_block_of_rows_at_a_time_equals_reading_them_all(tmp_path_factory, rows, block):
    """The C parser's rows come a block at a time and each block's distinct texts are merged into
    the column's categories: the cells, and the categories in order of first appearance (what
    pd.factorize of the whole column gives, which typing relies on), must not depend on the block."""
    from jingpin_cli.records import csv_text

    path = tmp_path_factory.mktemp("csv") / "a.csv"
    path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    whole = read_csv(path)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csv_text, "CHUNK_ROWS", block)
        blocks = read_csv(path)
    assert blocks.cells.astype(object).equals(whole.cells.astype(object))
    for j in blocks.cells.columns:
        column = blocks.cells[j]
        assert isinstance(column.dtype, pd.CategoricalDtype)
        assert list(column.cat.categories) == list(pd.factorize(column.to_numpy(dtype=object))[1])


def _refused(path, code):
    with pytest.raises(InputError) as err:
        read_csv(path)
    assert [p.code for p in err.value.problems] == [code]
    return err.value.problems[0]


def test_a_text_table_is_bounded_by_its_cells_its_width_and_its_distinct_texts(tmp_path, monkeypatch):
    """The limits that admit the country's communities (600 000 × 100 columns) stop what would
    cost far more than its size: lowered here so that no test writes a big file."""
    from jingpin_cli.records import csv_text

    path = tmp_path / "a.csv"
    rows = "".join(f"A{i},社区{i},{i % 7}\n" for i in range(40))
    path.write_text("社区编码,社区名称,户数\n" + rows, encoding="utf-8")
    monkeypatch.setattr(csv_text, "MAX_TEXT_CELLS", 41 * 3 - 1)  # 41 rows × 3 columns is one too many
    assert _refused(path, "too_many_cells").params["limit"] == "122"
    monkeypatch.setattr(csv_text, "MAX_TEXT_CELLS", 40)  # fewer than its lines: refused before any array
    _refused(path, "too_many_cells")
    monkeypatch.undo()
    monkeypatch.setattr(csv_text, "CHUNK_ROWS", 10)
    # distinct texts, counted in each block of 10 rows (an upper bound: 0–6 are counted once a block):
    # rows 1–10: header + A0–A8 → 10 codes + 10 names + 8 numbers (户数, 0–6) = 28; rows 11–20 and
    # 21–30: 10 + 10 + 7 = 27 each; rows 31–40: 27; row 41: 3. In all 112; by row 30, 82.
    monkeypatch.setattr(csv_text, "MAX_DISTINCT_TEXTS", 60)
    assert _refused(path, "too_many_texts").location.row == 30  # 28 + 27 = 55 ≤ 60, + 27 = 82 > 60
    monkeypatch.setattr(csv_text, "MAX_DISTINCT_TEXTS", 112)
    assert len(read_csv(path).cells) == 41
    (tmp_path / "wide.csv").write_text("社区编码,社区名称\n" + "," * csv_text.MAX_TEXT_COLUMNS + "\n", encoding="utf-8")
    assert _refused(tmp_path / "wide.csv", "too_many_columns").location.row == 2


def test_a_big_irregular_text_table_is_refused_rather_than_read_row_by_row(tmp_path, monkeypatch):
    """Quotes that do not pair up send a file to the exact parser, which holds every cell as a
    Python string: above the workbook cell limit it says what to do instead."""
    from jingpin_cli.records import csv_text

    path = tmp_path / "a.csv"
    path.write_text('社区编码,社区名称\nA1,"甲\nA2,乙\n', encoding="utf-8")
    assert _refused(path, "bad_csv").location.row == 2  # small: read and the quote reported where it is
    monkeypatch.setattr(csv_text, "MAX_CELLS", 5)
    _refused(path, "csv_irregular_large")
