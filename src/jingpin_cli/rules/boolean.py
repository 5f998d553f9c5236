"""boolean: a yes/no field must be `expected` (usually yes): all the points or none."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import PASS, UNKNOWN, Outcome, floats, graded_status, label


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field]  # kept as read: the finding shows yes/no
    number = floats(value)
    met = number == rule.expected  # blank (NaN) is never met
    points = met.astype(float) * rule.points
    return Outcome(graded_status(~np.isnan(number), met, points, frame.index), pd.Series(points, index=frame.index), value)


def yes_no(value, lang: str) -> str:
    return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")


def message(rule, finding: dict, standard, lang: str) -> str:
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return f"{name}: unknown" if lang == "en" else f"{name}：未填报"
    have = yes_no(finding["actual"], lang)
    if finding["status"] == PASS:
        return f"{name}: {have}" if lang == "en" else f"{name}：{have}"
    need = yes_no(rule.expected, lang)
    return f"{name}: {have} (required: {need})" if lang == "en" else f"{name}：{have}（应为：{need}）"
