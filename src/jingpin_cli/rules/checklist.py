"""checklist: every item present (六室, 四站 …); each missing item deducts points down to zero (扣完为止).

An item is present when its yes/no field is yes, or its count is above zero. An unfilled item earns
nothing and makes the rule unknown unless the known gaps already took every point."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.i18n import pick
from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, UNKNOWN, Outcome, label


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    items = frame[rule.items]
    present = pd.DataFrame({k: items[k] if items[k].dtype == "boolean" else items[k] > 0 for k in rule.items})
    absent = present.eq(False).fillna(False).astype(bool)
    unknown = present.isna()
    n_absent, n_unknown = absent.sum(axis=1), unknown.sum(axis=1)
    points = (rule.points - n_absent * rule.deduction).clip(lower=0)
    best = points.copy()  # what the community would earn if every unknown item were present
    points = (points - n_unknown * rule.deduction).clip(lower=0)
    status = np.select(
        [(n_unknown > 0) & (best > 0), n_absent == 0, points > 0],
        [UNKNOWN, PASS, PARTIAL],
        default=FAIL,
    )
    actual = (present.eq(True).fillna(False)).sum(axis=1).astype(float)
    return Outcome(pd.Series(status, index=frame.index, dtype=object), points.astype(float), actual,
                   absent=absent, unknown_items=unknown)


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
