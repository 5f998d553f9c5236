"""scaled: an inspection score (0–100) earns points in proportion; it passes at `min` (考评分 ≥ 80).

Without `min` there is no pass line (“社区党建(10分)由市委组织部制定考核标准，并组织考核”): the
score is simply converted, full marks pass, less is partial, 0 fails."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField

from jingpin_cli.rules import threshold
from jingpin_cli.rules.base import SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label, points_note
from jingpin_cli.rules.model import RuleBase
from jingpin_cli.rules.threshold import gap_message, numeric_closings, numeric_gap_text
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, quantity


class ScaledRule(RuleBase):
    """An inspection score (0–`scale`) earns points in proportion; it passes at `min` (none: at full marks)."""

    kind: Literal["scaled"]
    field: str
    min: float | None = PydField(None, ge=0)  # the pass line; none: full marks pass, less is partial
    scale: float = PydField(100, gt=0)


MODEL = ScaledRule
FIELD_TYPES = ("score", "num")
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = True, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value, index = floats(frame[rule.field]), frame.index
    known = ~np.isnan(value)
    points = np.where(known, np.clip(value / rule.scale, 0, 1) * rule.points, 0.0)
    line = rule.scale if rule.min is None else rule.min  # no pass line: only full marks pass
    shortfall = np.clip(rule.min - value, 0, None) if rule.min is not None else np.full(len(value), np.nan)
    return Outcome(graded_status(known, value >= line, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index), pd.Series(shortfall, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    if rule.min is not None:
        return gap_message(rule.field, rule.min, finding, standard, lang)
    name, unit = label(standard, rule.field, lang), standard.unit_label(rule.field, lang)
    scale = quantity(rule.scale, unit)
    if finding["status"] == UNKNOWN:
        return t("rule.scaled.unknown", lang, name=name, scale=scale, points=num(rule.points))
    return t("rule.scaled.scored", lang, name=name, have=quantity(finding["actual"], unit), scale=scale,
             earned=num(finding["points"]), points=num(rule.points))


# as for a threshold: the value must reach rule.min, and raising it closes the gap
required, points_text = threshold.required, threshold.points_text


def requirement(rule, unit: str, lang: str) -> str:
    if rule.min is not None:
        return threshold.requirement(rule, unit, lang)
    return t("rule.scaled.requirement", lang, scale=quantity(rule.scale, unit), points=points_note(rule, lang))


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    """Raise the score to the pass line, or to full marks where there is none."""
    return numeric_closings(rule, outcome, cid, float(rule.scale if rule.min is None else rule.min))


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return numeric_gap_text(gap, label, unit, lang, "screen.gap.raise_score")


