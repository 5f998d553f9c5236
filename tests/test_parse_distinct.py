"""Columns are typed together (values.parse_columns): columns that parse alike are stacked and each
distinct cell is parsed once. The result and every problem, with its position and its own field's
label, must equal parsing each column cell by cell (values._parse_cells)."""

import random

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jingpin_cli.records.values import (
    _clean_cell,
    _parse_cells,
    clean_texts,
    parse_column,
    parse_columns,
)

MESSY = ["", " ", None, "有", "无", "是", "否", "√", "×", "Yes", "no", "未知", "-", "—", "n/a", "300", "300.0",
         "1,200", "２６０", " 95% ", "0.95", "93.5%", "-4", "12.5", "1e3", "abc", "300㎡", "3 万元", "2万", "40 平方米",
         "7 册", "12次", "80分", "101", "3.5", "100%", "0", "ok?", "nan", "None", "x", "TRUE"]


@pytest.mark.parametrize("kind", ["text", "bool", "int", "num", "rate", "score"])
def test_parsing_together_equals_cell_by_cell(standard, kind):
    rng = random.Random(kind)
    fields = [f for f in standard.fields if f.type == kind][:6]
    assert fields, kind
    for factor in (None, 10000.0):
        columns = [(pd.Series([rng.choice(MESSY) for _ in range(rng.randint(1, 200))], dtype=object, name=f.key),
                    f, standard.units.get(f.unit) if f.unit else None, factor) for f in fields]
        for (cells, field, unit, _), (fast, fast_bad) in zip(columns, parse_columns(columns), strict=True):
            slow, slow_bad = _parse_cells(cells, field, unit, factor)
            assert fast.dtype == slow.dtype
            assert plain(fast) == plain(slow)
            assert fast_bad == slow_bad  # labels included: a stacked column keeps its own field's name
            assert list(fast.index) == list(cells.index) and fast.name == cells.name


def test_non_text_cells_are_not_confused_when_factorized(standard):
    # 1, 1.0 and True hash alike; XLSX numbers and booleans must still parse as themselves
    field = standard.field("service_area_m2")
    cells = pd.Series([300, 250.5, None, "260", True, 1, 1.0] * 10, dtype=object)
    fast, bad = parse_column(cells, field, standard.units[field.unit])
    slow, slow_bad = _parse_cells(cells, field, standard.units[field.unit], None)
    assert plain(fast) == plain(slow) and bad == slow_bad
    assert 4 in bad and bad[4][0] == "bad_number"  # True is not an area


def test_no_columns_and_empty_columns(standard):
    assert parse_columns([]) == []
    field = standard.field("service_area_m2")
    (typed, bad), = parse_columns([(pd.Series([], dtype=object), field, standard.units[field.unit], None)])
    assert len(typed) == 0 and bad == {}


def plain(values: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in values.astype(object)]


@settings(max_examples=300, deadline=None, derandomize=True)
@given(texts=st.lists(st.lists(st.sampled_from(
    ["a", "A", " ", "\u3000", "\n", "\0", "Ｎ", "ONE", "null", "Na", "n/a", "-", "—", "未知", "社区", "ﬁ", "㎡", "①",
     "e\u0301", "\u0301", "\u1100", "\u1161", "\u11a8", "Å", "ß", "İ", "K", "ſ"]), max_size=8).map("".join),
                      max_size=30))
def test_cleaning_texts_joined_equals_cleaning_each(texts):
    # NFKC over the texts joined by NUL must give what it gives text by text (combining marks,
    # Hangul jamo and compatibility characters at the edges of a cell; a cell holding a NUL)
    assert clean_texts(texts) == [_clean_cell(t) for t in texts]
