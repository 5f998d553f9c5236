"""A column's distinct values, for the formats that write every community (JSON, CSV): each value
spelled once per distinct value, not once per community."""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Callable

import numpy as np
import pandas as pd

from jingpin_cli.arrays import object_array
from jingpin_cli.formats.kit.indented_json import scalar
from jingpin_cli.results.audit.index import group_codes

_NONE = type(None)


def distinct(values: list) -> tuple[np.ndarray | None, list]:
    """(code per row, value per code): values equal as a writer spells them share a code. pandas
    holds 1, 1.0 and True equal, and -0.0 and 0.0: so a column of one type (and None) is grouped as
    it is, one of numbers by value, type and sign; (None, the values) for any other column."""
    kinds = set(map(type, values)) - {_NONE}
    if len(kinds) == 1 and kinds <= {str, int, bool}:
        codes, uniques = pd.factorize(object_array(values), use_na_sentinel=True)
        if (codes < 0).any():  # None: the last code
            codes = np.where(codes < 0, len(uniques), codes)
            return codes, [*uniques.tolist(), None]
        return codes, uniques.tolist()
    if kinds and kinds <= {int, float}:  # None apart too: NaN is a float, None is not
        numbers = np.array(values, dtype=np.float64)
        codes, first = group_codes([object_array(values), np.array([type(v) is float for v in values]),
                                    np.signbit(numbers)], len(values))
        return codes, [values[i] for i in first.tolist()]
    return None, values


def json_spelled(values: list, lead: str = "", tail: str = "", utf8: bool = False) -> np.ndarray | list:
    """lead + one_line(value) + tail per row (as UTF-8 where utf8), made once per distinct value
    (spelled); a column of texts or whole numbers that nearly all differ (ids, names, ranks) by
    json's own encoders value by value, where grouping them would cost more than it saves."""
    kinds = set(map(type, values))
    if (kinds == {str} or kinds == {int}) and len(set(values)) * 2 > len(values):
        encode = encode_basestring if kinds == {str} else int.__repr__
        if utf8:
            return [(lead + encode(value) + tail).encode("utf-8") for value in values]
        return [lead + encode(value) + tail for value in values]
    if utf8:
        return spelled(values, lambda value: (lead + scalar(value) + tail).encode("utf-8"))
    return spelled(values, lambda value: lead + scalar(value) + tail)


def spelled(values: list, spell: Callable) -> np.ndarray | list:
    """spell(value) per row, called once per distinct value where the column allows (distinct); else
    once per (type, value), a float zero (-0.0 is not 0.0) or NaN spelled each time."""
    codes, uniques = distinct(values)
    if codes is not None:
        return object_array([spell(u) for u in uniques])[codes]
    said: dict = {}
    out = []
    for value in values:
        key = (type(value), value)
        text = said.get(key)
        if text is None:
            text = spell(value)
            if not (type(value) is float and (value == 0 or value != value)):
                said[key] = text
        out.append(text)
    return out
