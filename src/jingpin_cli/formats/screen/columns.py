"""A ranking column's distinct values, for the formats that write every community (JSON, CSV)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.arrays import object_array
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
