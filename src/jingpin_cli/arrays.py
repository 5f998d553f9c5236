"""Whole-column helpers shared by scoring, results and formats: numpy views of pandas columns,
alignment to an index, and numpy/pandas scalars as plain JSON-ready values."""

from __future__ import annotations

import numpy as np
import pandas as pd


def object_array(items: list) -> np.ndarray:
    """A 1-D object array of exactly these items (np.array alone would turn a list of equal-length
    sequences into a 2-D array)."""
    out = np.empty(len(items), dtype=object)
    out[:] = items
    return out


def as_array(series: pd.Series) -> np.ndarray:
    """numpy-typed columns as they are (a view); nullable numbers as float64 (NA → NaN, which every
    reader treats as NA); other nullable types (boolean, string) as objects, NA kept."""
    dtype = series.dtype
    if isinstance(dtype, np.dtype):
        return series.to_numpy()
    if pd.api.types.is_float_dtype(dtype) or (pd.api.types.is_integer_dtype(dtype)
                                              and not pd.api.types.is_bool_dtype(dtype)):
        return series.to_numpy(dtype="float64", na_value=np.nan)
    return series.to_numpy(dtype=object)


def aligned(series: pd.Series, index: pd.Index) -> pd.Series:
    """`series` in the order of `index`: outcomes share the records' index, which is the summary's,
    so reindex only one that differs."""
    return series if series.index is index or series.index.equals(index) else series.reindex(index)


def plain(value):
    """numpy / pandas scalars -> JSON-ready Python values; NA -> None."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return round(value, 4) if isinstance(value, float) else value
