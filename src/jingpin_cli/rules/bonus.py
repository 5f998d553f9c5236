"""bonus (加分项): `per` points for each unit of the field (yes counts 1), at most `cap`.

Bonus points sit on top of the sheet's total, capped again overall by scoring.bonus_cap. Earning
none is not a gap: the rule passes with 0 points."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import (
    UNKNOWN,
    Outcome,
    floats,
    graded_status,
    label,
    num,
    quantity,
)


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value, index = floats(frame[rule.field]), frame.index
    known = ~np.isnan(value)
    points = np.where(known, np.clip(value * rule.per, 0, rule.cap), 0.0)
    return Outcome(graded_status(known, known, points, index), pd.Series(points, index=index), pd.Series(value, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return f"{name}: unknown (no bonus counted)" if lang == "en" else f"{name}：未填报（不计加分）"
    have = quantity(finding["actual"], standard.unit_label(rule.field, lang))
    points = finding["points"]
    if not points:
        return f"{name}: {have}, no bonus" if lang == "en" else f"{name}：{have}，无加分"
    return f"{name}: {have}, +{num(points)} points" if lang == "en" else f"{name}：{have}，加 {num(points)} 分"
