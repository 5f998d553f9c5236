"""threshold: a count or area must reach `min` (服务用房 ≥ 300 ㎡, 新图书 ≥ 1000 册).

The numeric helpers here (reach, gap_message, numeric_closings, numeric_gap_text) serve rate and
scaled too: all three ask for a number at or above `min`."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField

from jingpin_cli.rules.base import PASS, SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label, points_note
from jingpin_cli.rules.model import RuleBase
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, quantity


class ThresholdRule(RuleBase):
    """A number at or above `min` earns the points; below it, partial credit per scoring.partial_credit."""

    kind: Literal["threshold"]
    field: str
    min: float = PydField(ge=0)
    partial: Literal["proportional", "none"] | None = None  # overrides scoring.partial_credit


MODEL = ThresholdRule
FIELD_TYPES = ("int", "num")
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = True, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = floats(frame[rule.field])
    proportional = (rule.partial or standard.scoring.partial_credit) == "proportional" and rule.min > 0
    return reach(rule, value, np.clip(value / rule.min, 0, 1) if proportional else None, frame.index)


def reach(rule, value: np.ndarray, share: np.ndarray | None, index: pd.Index) -> Outcome:
    """A number that must reach `rule.min` (threshold, rate): all the points when it does, else
    `share` of them (none when no partial credit); blank is unknown and earns nothing."""
    known, met = ~np.isnan(value), value >= rule.min
    share = met.astype(float) if share is None else share
    points = np.where(met, rule.points, np.where(known, share, 0.0) * rule.points)
    shortfall = np.clip(rule.min - value, 0, None)
    return Outcome(graded_status(known, met, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index), pd.Series(shortfall, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang)


def gap_message(key: str, minimum: float, finding: dict, standard, lang: str, short_unit: str | None = None) -> str:
    """The message of every numeric rule: 服务用房总面积 260 ㎡，标准 ≥ 300 ㎡，差 40 ㎡."""
    unit = standard.unit_label(key, lang)
    name = label(standard, key, lang)
    need = quantity(minimum, unit)
    status = finding["status"]
    if status == UNKNOWN:
        return t("rule.number.unknown", lang, name=name, need=need)
    have = quantity(finding["actual"], unit)
    if status == PASS:
        return t("rule.number.pass", lang, name=name, have=have, need=need)
    short = (quantity(finding["shortfall"], unit) if short_unit is None
             else f"{quantity(finding['shortfall'], '')} {short_unit}")
    return t("rule.number.short", lang, name=name, have=have, need=need, short=short)


def required(rule):
    return rule.min


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    return f"≥ {quantity(rule.min, unit)}{points_note(rule, lang)}"


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    return numeric_closings(rule, outcome, cid)


def numeric_closings(rule, outcome: Outcome, cid: str) -> list[Closing]:
    """Raise the value to the requirement."""
    status, earned = outcome.status.at[cid], float(outcome.points.at[cid])
    short = outcome.shortfall.at[cid] if outcome.shortfall is not None else np.nan
    known = status != UNKNOWN and pd.notna(short)
    effort = float(short) / rule.min if known and rule.min else 1.0
    return [Closing(rule.field, status, float(rule.min), round(float(short), 4) if known else None, effort,
                    rule.points - earned)]


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return (numeric_gap_text(gap, label, unit, lang)
            or t("screen.gap.raise", lang, label=label, amount=quantity(gap.amount, unit)))


def numeric_gap_text(gap, label: str, unit: str, lang: str, raise_key: str | None = None) -> str:
    """Fill in a blank value; else, with `raise_key`, raise it by the amount (a bare number); else ''."""
    if gap.status == UNKNOWN or gap.amount is None:
        return t("screen.gap.fill_value", lang, label=label, need=quantity(gap.target, unit))
    return t(raise_key, lang, label=label, amount=num(gap.amount)) if raise_key else ""
