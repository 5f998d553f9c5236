"""What every rule kind returns, and the helpers they share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jingpin_cli.text.messages import pick

PASS, PARTIAL, FAIL, UNKNOWN, WAIVED = "pass", "partial", "fail", "unknown", "waived"
STATUSES = (PASS, PARTIAL, FAIL, UNKNOWN, WAIVED)
# A status column is a Categorical of these fixed categories: it compares, prints and exports as the
# words above, while scoring reads its small integer codes (positions in STATUSES) without comparing
# strings. The kinds compute codes on numpy arrays and wrap them once.
STATUS = pd.CategoricalDtype(STATUSES)
CODE = {s: np.int8(i) for i, s in enumerate(STATUSES)}
WORDS = np.array(STATUSES, dtype=object)  # code -> word


@dataclass
class Outcome:
    """One rule evaluated for every community (all Series share the records' index)."""

    status: pd.Series  # category STATUS: pass | partial | fail | unknown (| waived, see waivers)
    points: pd.Series  # float; unknown earns nothing
    actual: pd.Series  # the value read (number, bool or count of present items); NA when unknown
    shortfall: pd.Series | None = None  # in the field's unit, numeric rules only
    absent: pd.DataFrame | None = None  # checklist: item known to be missing
    unknown_items: pd.DataFrame | None = None  # checklist: item not filled in


def floats(column: pd.Series) -> np.ndarray:
    """A field as float64 with NaN for blank (yes/no as 1/0): NaN compares False, as unknown needs."""
    return column.to_numpy(dtype="float64", na_value=np.nan)


def status_codes(status: pd.Series) -> np.ndarray:
    """The codes of a status column (a column of plain status words is read too)."""
    return pd.Categorical(status, dtype=STATUS).codes


def graded_status(known: np.ndarray, met: np.ndarray, points: np.ndarray, index: pd.Index) -> pd.Series:
    """pass when met; partial when short but earning points; fail when earning none; unknown when blank."""
    codes = np.where(known, np.where(met, CODE[PASS], np.where(points > 0, CODE[PARTIAL], CODE[FAIL])), CODE[UNKNOWN])
    return pd.Series(pd.Categorical.from_codes(codes, dtype=STATUS, validate=False), index=index)


def num(value) -> str:
    """A number as a person writes it: 300, 93.5, 0.25 — no trailing .0."""
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return "—"
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}" if abs(value) >= 10000 else str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def quantity(value, unit: str) -> str:
    """260 ㎡, 93.5%, 12 次 — percent and points stay close to the number."""
    if not unit:
        return num(value)
    return f"{num(value)}{unit}" if unit == "%" else f"{num(value)} {unit}"


def label(standard, key: str, lang: str) -> str:
    return pick(standard.field(key), lang)
