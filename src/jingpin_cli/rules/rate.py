"""rate: a percentage must reach `min` (满意度 ≥ 95 %); points scale linearly from `zero_at` to `min`."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import Outcome, floats
from jingpin_cli.rules.threshold import gap_message, reach


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = floats(frame[rule.field])
    proportional = standard.scoring.partial_credit == "proportional"
    share = np.clip((value - rule.zero_at) / (rule.min - rule.zero_at), 0, 1) if proportional else None
    return reach(rule, value, share, frame.index)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang,
                       short_unit="percentage points" if lang == "en" else "个百分点")
