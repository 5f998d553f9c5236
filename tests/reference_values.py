"""The vectorised pandas parsers of bool and number cells as they were before per-text parsing
(records.values._number), kept as the reference tests/test_number_parsing.py compares against."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.records.headers import fold
from jingpin_cli.records.values import BOOL_WORDS

_NUMBER = r"^([+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$"


def parse_bool(text: pd.Series):
    mapped = text.str.casefold().str.replace(r"\s+", "", regex=True).map(BOOL_WORDS)
    values = mapped.astype("boolean")
    return values, _problems(text, text.notna() & values.isna(), "bad_bool")


def parse_number(text: pd.Series, field, unit_def, header_factor):
    units = {fold(k): v for k, v in unit_def.accept.items()} if unit_def else {}
    parts = text.str.casefold().str.extract(_NUMBER)
    number = pd.to_numeric(parts[0].str.replace(",", "", regex=False), errors="coerce")
    unit = parts[1].fillna("").str.replace(r"\s+", "", regex=True)
    problems = _problems(text, text.notna() & number.isna(), "bad_number")

    has_unit = unit != ""
    folded_unit = unit.map(fold)
    factor = folded_unit.map(units).astype("Float64")
    bad_unit = has_unit & number.notna() & factor.isna()
    for pos in np.flatnonzero(bad_unit.to_numpy()):
        expected = " / ".join(unit_def.accept) if unit_def else "—"
        problems[int(pos)] = ("bad_unit", {"value": text.iloc[pos], "unit": unit.iloc[pos], "label": field.zh,
                                           "expected": expected})
    default = header_factor if header_factor is not None else 1.0
    value = number * factor.where(has_unit, default).fillna(default)

    if field.type == "rate":
        # a bare 0–1 is a fraction (Excel's percent cells arrive that way): 0.95 means 95 %
        is_fraction = ~folded_unit.eq("%") & value.between(0, 1)
        value = value.where(~is_fraction, value * 100)
        _flag(problems, text, (value < 0) | (value > 100), "rate_range")
    elif field.type == "score":
        _flag(problems, text, (value < 0) | (value > 100), "score_range")
    else:
        _flag(problems, text, value < 0, "negative", label=field.zh)
    if field.type == "int":
        _flag(problems, text, value.notna() & (value.round() != value), "not_integer")

    bad = np.zeros(len(value), dtype=bool)
    bad[list(problems)] = True
    return value.astype("Float64").mask(bad), problems


def _problems(text: pd.Series, mask: pd.Series, code: str, **params) -> dict[int, tuple[str, dict]]:
    return {int(pos): (code, {"value": text.iloc[pos], **params})
            for pos in np.flatnonzero(mask.fillna(False).to_numpy())}


def _flag(problems: dict, text: pd.Series, mask: pd.Series, code: str, **params) -> None:
    for pos, problem in _problems(text, mask, code, **params).items():
        problems.setdefault(pos, problem)
