"""checklist: every item present (六室, 四站 …); each missing item deducts points down to zero (扣完为止).

An item is present when its yes/no field is yes, or its count is above zero. An unfilled item earns
nothing and makes the rule unknown unless the known gaps already took every point."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import Outcome, floats, graded_status, label
from jingpin_cli.text.messages import pick


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    values = np.stack([floats(frame[k]) for k in rule.items])  # items × communities; yes/no as 1/0, blank NaN
    unknown = np.isnan(values)
    absent = values <= 0  # known and not present (NaN compares False)
    n_absent, n_unknown = absent.sum(axis=0), unknown.sum(axis=0)
    best = np.clip(rule.points - n_absent * rule.deduction, 0, None)  # earned if every unknown item were present
    points = np.clip(best - n_unknown * rule.deduction, 0, None)
    # unknown only while the blanks could still cost points; pass when nothing is known missing
    status = graded_status(~((n_unknown > 0) & (best > 0)), n_absent == 0, points, frame.index)
    columns, index = pd.Index(rule.items), frame.index
    return Outcome(status, pd.Series(points, index=index), pd.Series((values > 0).sum(axis=0).astype(float), index=index),
                   absent=pd.DataFrame(absent.T, index=index, columns=columns),
                   unknown_items=pd.DataFrame(unknown.T, index=index, columns=columns))


def message(rule, finding: dict, standard, lang: str) -> str:
    group = pick(rule.group, lang)
    missing = [label(standard, k, lang) for k in finding["missing"]]
    unknown = [label(standard, k, lang) for k in finding.get("unknown_items", [])]
    sep = ", " if lang == "en" else "、"
    parts = []
    if missing:
        parts.append(f"{group} missing: {sep.join(missing)}" if lang == "en" else f"{group}缺：{sep.join(missing)}")
    if unknown:
        prefix = "" if missing else group
        parts.append(f"{prefix} unknown: {sep.join(unknown)}".strip() if lang == "en" else f"{prefix}未填报：{sep.join(unknown)}")
    if not parts:
        return f"{group}: all present" if lang == "en" else f"{group}齐全"
    return ("; " if lang == "en" else "；").join(parts)
