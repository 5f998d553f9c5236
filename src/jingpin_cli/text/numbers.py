"""Numbers as a person writes them, the same in every language: 300, 93.5, 12,000; 260 ㎡, 93.5%;
a share as a percentage; a change with its sign."""

from __future__ import annotations

import numpy as np
import pandas as pd


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


def pct(share: float) -> str:
    """A share (0–1) as a percentage: 0.875 → 87.5%."""
    return f"{num(round(float(share) * 100, 1))}%"


def signed(value) -> str:
    """+2.5 / −1 / 0: the change as a person writes it."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + num(abs(value))


_ZH_COUNTS = "零一两三四五六七八九十"
_EN_COUNTS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int, lang: str = "zh") -> str:
    """A small count as a title writes it (五个方面, the five aspects); digits beyond ten."""
    if 0 <= n <= 10:
        return _EN_COUNTS[n] if lang == "en" else _ZH_COUNTS[n]
    return str(n)
