"""scaled: an inspection score (0–100) earns points in proportion; it passes at `min` (考评分 ≥ 80)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField

from jingpin_cli.rules import threshold
from jingpin_cli.rules.base import SCORE, Outcome, floats, graded_status
from jingpin_cli.rules.model import RuleBase
from jingpin_cli.rules.threshold import gap_message, numeric_gap_text


class ScaledRule(RuleBase):
    """An inspection score (0–`scale`) earns points in proportion; at or above `min` it passes."""

    kind: Literal["scaled"]
    field: str
    min: float = PydField(ge=0)
    scale: float = PydField(100, gt=0)


MODEL = ScaledRule
FIELD_TYPES = ("score", "num")
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = True, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value, index = floats(frame[rule.field]), frame.index
    known = ~np.isnan(value)
    points = np.where(known, np.clip(value / rule.scale, 0, 1) * rule.points, 0.0)
    shortfall = np.clip(rule.min - value, 0, None)
    return Outcome(graded_status(known, value >= rule.min, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index), pd.Series(shortfall, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang)


# as for a threshold: the value must reach rule.min, and raising it closes the gap
required, points_text, requirement, closings = (
    threshold.required, threshold.points_text, threshold.requirement, threshold.closings)


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return numeric_gap_text(gap, label, unit, lang, "screen.gap.raise_score")
