"""Long columns are typed by parsing each distinct cell once (values._parse_distinct); the result
and every problem, with its position, must equal parsing every cell (values._parse_cells)."""

import random

import pandas as pd
import pytest

from jingpin_cli.loaders.values import BY_DISTINCT_MIN, _parse_cells, parse_column

MESSY = ["", " ", None, "有", "无", "是", "否", "√", "×", "Yes", "no", "未知", "-", "—", "n/a", "300", "300.0",
         "1,200", "２６０", " 95% ", "0.95", "93.5%", "-4", "12.5", "1e3", "abc", "300㎡", "3 万元", "2万", "40 平方米",
         "7 册", "12次", "80分", "101", "3.5", "100%", "0", "ok?", "nan", "None", "x", "TRUE"]


@pytest.mark.parametrize("kind", ["text", "bool", "int", "num", "rate", "score"])
def test_distinct_parsing_equals_cell_by_cell(standard, kind):
    rng = random.Random(kind)
    fields = [f for f in standard.fields if f.type == kind]
    assert fields, kind
    for field in fields[:6]:
        cells = pd.Series([rng.choice(MESSY) for _ in range(BY_DISTINCT_MIN * 4)], dtype=object, name=field.key)
        unit = standard.units.get(field.unit) if field.unit else None
        for factor in (None, 10000.0):
            fast, fast_bad = parse_column(cells, field, unit, factor)
            slow, slow_bad = _parse_cells(cells, field, unit, factor)
            assert fast.dtype == slow.dtype
            assert plain(fast) == plain(slow)
            assert fast_bad == slow_bad


def test_short_and_non_text_columns_take_the_cell_by_cell_path(standard):
    field = standard.field("service_area_m2")
    cells = pd.Series([300, 250.5, None, "260"] * BY_DISTINCT_MIN, dtype=object)  # XLSX numbers stay numbers
    fast, bad = parse_column(cells, field, standard.units[field.unit])
    slow, slow_bad = _parse_cells(cells, field, standard.units[field.unit], None)
    assert plain(fast) == plain(slow) and bad == slow_bad


def plain(values: pd.Series) -> list:
    return [None if pd.isna(v) else v for v in values.astype(object)]
