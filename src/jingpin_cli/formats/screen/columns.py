"""A ranking column's distinct values, for the formats that write every community (JSON, CSV)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.arrays import object_array

_NONE = type(None)


def distinct(values: list) -> tuple[np.ndarray | None, list]:
    """(code per row, value per code) where the column holds one type (and None): pandas groups it.
    (None, the values) otherwise: pandas holds 1, 1.0 and True equal, and -0.0 and 0.0, which a
    writer does not."""
    kinds = set(map(type, values)) - {_NONE}
    if len(kinds) != 1 or not kinds <= {str, int, bool}:
        return None, values
    codes, uniques = pd.factorize(object_array(values), use_na_sentinel=True)
    if (codes < 0).any():  # None: the last code
        codes = np.where(codes < 0, len(uniques), codes)
        return codes, [*uniques.tolist(), None]
    return codes, uniques.tolist()
