"""rate: a percentage must reach `min` (满意度 ≥ 95 %); points scale linearly from `zero_at` to `min`."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.rules.base import Outcome
from jingpin_cli.rules.threshold import gap_message, reach


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field].astype("float64")
    proportional = standard.scoring.partial_credit == "proportional"
    return reach(rule, value, ((value - rule.zero_at) / (rule.min - rule.zero_at)).clip(0, 1) if proportional else None)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang,
                       short_unit="percentage points" if lang == "en" else "个百分点")
