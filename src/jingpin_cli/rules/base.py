"""What every rule kind returns, and the helpers they share."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jingpin_cli.i18n import pick

PASS, PARTIAL, FAIL, UNKNOWN, WAIVED = "pass", "partial", "fail", "unknown", "waived"
STATUSES = (PASS, PARTIAL, FAIL, UNKNOWN, WAIVED)


@dataclass
class Outcome:
    """One rule evaluated for every community (all Series share the records' index)."""

    status: pd.Series  # pass | partial | fail | unknown
    points: pd.Series  # float; unknown earns nothing
    actual: pd.Series  # the value read (number, bool or count of present items); NA when unknown
    shortfall: pd.Series | None = None  # in the field's unit, numeric rules only
    absent: pd.DataFrame | None = None  # checklist: item known to be missing
    unknown_items: pd.DataFrame | None = None  # checklist: item not filled in


def graded_status(known: pd.Series, met: pd.Series, points: pd.Series) -> pd.Series:
    """pass when met; partial when short but earning points; fail when earning none; unknown when blank."""
    known = known.to_numpy(dtype=bool, na_value=False)
    met = met.to_numpy(dtype=bool, na_value=False)
    earned = points.to_numpy(dtype=float) > 0
    status = np.select([~known, met, earned], [UNKNOWN, PASS, PARTIAL], default=FAIL)
    return pd.Series(status, index=points.index, dtype=object)


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
