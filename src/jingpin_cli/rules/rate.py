"""rate: a percentage must reach `min` (满意度 ≥ 95 %); points scale linearly from `zero_at` to `min`."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField
from pydantic import model_validator

from jingpin_cli.rules import threshold
from jingpin_cli.rules.base import SCORE, Outcome, floats
from jingpin_cli.rules.model import RuleBase, pack_error
from jingpin_cli.rules.threshold import (
    gap_message,
    numeric_gap_text,
    reach,
)
from jingpin_cli.text.messages import t


class RateRule(RuleBase):
    """A rate (%) at or above `min` earns the points; between `zero_at` and `min` points scale linearly."""

    kind: Literal["rate"]
    field: str
    min: float = PydField(ge=0, le=100)
    zero_at: float = PydField(0, ge=0, le=100)

    @model_validator(mode="after")
    def _order(self):
        if self.zero_at >= self.min:
            raise pack_error("rate_order", "zero_at must be below min")
        return self


MODEL = RateRule
FIELD_TYPES = ("rate",)
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = True, False, True


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = floats(frame[rule.field])
    proportional = standard.scoring.partial_credit == "proportional"
    share = np.clip((value - rule.zero_at) / (rule.min - rule.zero_at), 0, 1) if proportional else None
    return reach(rule, value, share, frame.index)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang, short_unit=t("rule.rate.short_unit", lang))


# as for a threshold: the value must reach rule.min, and raising it closes the gap
required, points_text, requirement, closings = (
    threshold.required, threshold.points_text, threshold.requirement, threshold.closings)


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return numeric_gap_text(gap, label, unit, lang, "screen.gap.raise_rate")
