"""threshold: a count or area must reach `min` (服务用房 ≥ 300 ㎡, 新图书 ≥ 1000 册)."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.rules.base import PASS, UNKNOWN, Outcome, graded_status, label, quantity


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field].astype("float64")  # NA -> NaN: comparisons are False, as unknown needs
    proportional = (rule.partial or standard.scoring.partial_credit) == "proportional" and rule.min > 0
    return reach(rule, value, (value / rule.min).clip(0, 1) if proportional else None)


def reach(rule, value: pd.Series, share: pd.Series | None = None) -> Outcome:
    """A number that must reach `rule.min` (threshold, rate): all the points when it does, else
    `share` of them (none when no partial credit); blank is unknown and earns nothing."""
    known, met = value.notna(), value >= rule.min
    share = met.astype(float) if share is None else share
    points = (share.where(known, 0) * rule.points).where(~met, rule.points)
    shortfall = (rule.min - value).clip(lower=0)
    return Outcome(graded_status(known, met, points), points, value, shortfall)


def message(rule, finding: dict, standard, lang: str) -> str:
    return gap_message(rule.field, rule.min, finding, standard, lang)


def gap_message(key: str, minimum: float, finding: dict, standard, lang: str, short_unit: str | None = None) -> str:
    """The message of every numeric rule: 服务用房总面积 260 ㎡，标准 ≥ 300 ㎡，差 40 ㎡."""
    unit = standard.unit_label(key, lang)
    name = label(standard, key, lang)
    need = quantity(minimum, unit)
    status = finding["status"]
    if status == UNKNOWN:
        return f"{name} unknown (required ≥ {need})" if lang == "en" else f"{name} 未填报（标准 ≥ {need}）"
    have = quantity(finding["actual"], unit)
    if status == PASS:
        return f"{name} {have}, meets ≥ {need}" if lang == "en" else f"{name} {have}，达到标准（≥ {need}）"
    short = quantity(finding["shortfall"], unit) if short_unit is None else f"{quantity(finding['shortfall'], '')} {short_unit}"
    if lang == "en":
        return f"{name} {have}, required ≥ {need}, short by {short}"
    return f"{name} {have}，标准 ≥ {need}，差 {short}"
