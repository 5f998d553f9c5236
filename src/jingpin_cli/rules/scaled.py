"""scaled: an inspection score (0–100) earns points in proportion; it passes at `min` (考评分 ≥ 80)."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.rules.base import Outcome, graded_status
from jingpin_cli.rules.threshold import gap_message


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field].astype("float64")
    known = value.notna()
    points = ((value / rule.scale).clip(0, 1) * rule.points).where(known, 0.0)
    met = value >= rule.min
    shortfall = (rule.min - value).clip(lower=0)
    return Outcome(graded_status(known, met, points), points, value, shortfall)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang)
