"""Evaluate every rule of a standard for every community at once (one column operation per rule)."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.rules import KINDS, Outcome, condition
from jingpin_cli.standard.models import Standard


def evaluate(standard: Standard, frame: pd.DataFrame) -> dict[str, Outcome]:
    """Rule id -> Outcome over all communities, in the standard's rule order."""
    out = {}
    for rule in standard.rules:
        outcome = KINDS[rule.kind].evaluate(rule, frame, standard)
        out[rule.id] = outcome if rule.when is None else condition.apply(rule, outcome, frame)
    return out
