"""scaled: an inspection score (0–100) earns points in proportion; it passes at `min` (考评分 ≥ 80)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import Outcome, floats, graded_status
from jingpin_cli.rules.threshold import gap_message


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value, index = floats(frame[rule.field]), frame.index
    known = ~np.isnan(value)
    points = np.where(known, np.clip(value / rule.scale, 0, 1) * rule.points, 0.0)
    shortfall = np.clip(rule.min - value, 0, None)
    return Outcome(graded_status(known, value >= rule.min, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index), pd.Series(shortfall, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang)
