"""rate: a percentage must reach `min` (满意度 ≥ 95 %); points scale linearly from `zero_at` to `min`."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.rules.base import Outcome, graded_status
from jingpin_cli.rules.threshold import gap_message


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field].astype("float64")
    known = value.notna()
    met = value >= rule.min
    if (standard.scoring.partial_credit) == "proportional":
        share = ((value - rule.zero_at) / (rule.min - rule.zero_at)).clip(0, 1)
    else:
        share = met.astype(float)
    points = (share.where(known, 0) * rule.points).where(~met, rule.points)
    shortfall = (rule.min - value).clip(lower=0)
    return Outcome(graded_status(known, met, points), points, value, shortfall)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang,
                       short_unit="percentage points" if lang == "en" else "个百分点")
