"""threshold: a count or area must reach `min` (服务用房 ≥ 300 ㎡, 新图书 ≥ 1000 册)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import (
    PASS,
    UNKNOWN,
    Outcome,
    floats,
    graded_status,
    label,
    quantity,
)


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
        return f"{name} unknown (required ≥ {need})" if lang == "en" else f"{name} 未填报（标准 ≥ {need}）"
    have = quantity(finding["actual"], unit)
    if status == PASS:
        return f"{name} {have}, meets ≥ {need}" if lang == "en" else f"{name} {have}，达到标准（≥ {need}）"
    short = quantity(finding["shortfall"], unit) if short_unit is None else f"{quantity(finding['shortfall'], '')} {short_unit}"
    if lang == "en":
        return f"{name} {have}, required ≥ {need}, short by {short}"
    return f"{name} {have}，标准 ≥ {need}，差 {short}"
