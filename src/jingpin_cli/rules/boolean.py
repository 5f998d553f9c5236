"""boolean: a yes/no field must be `expected` (usually yes): all the points or none."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import (
    PASS,
    SCORE,
    UNKNOWN,
    Closing,
    Outcome,
    floats,
    graded_status,
    label,
    points_note,
)
from jingpin_cli.rules.model import RuleBase
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import have, yes_no


class BooleanRule(RuleBase):
    """A yes/no field must equal `expected`: all the points or none."""

    kind: Literal["boolean"]
    field: str
    expected: bool = True


MODEL = BooleanRule
FIELD_TYPES = ("bool",)
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = False, True, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field]  # kept as read: the finding shows yes/no
    number = floats(value)
    met = number == rule.expected  # blank (NaN) is never met
    points = met.astype(float) * rule.points
    return Outcome(graded_status(~np.isnan(number), met, points, frame.index), pd.Series(points, index=frame.index),
                   value)


def message(rule, finding: dict, standard, lang: str) -> str:
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return t("rule.boolean.unknown", lang, name=name)
    actual = yes_no(finding["actual"], lang)
    if finding["status"] == PASS:
        return t("rule.boolean.pass", lang, name=name, have=actual)
    return t("rule.boolean.fail", lang, name=name, have=actual, need=yes_no(rule.expected, lang))


def required(rule):
    return rule.expected


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    want = have(rule.expected, lang)
    return t("rule.boolean.requirement", lang, want=want, points=points_note(rule, lang))


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    status, earned = outcome.status.at[cid], float(outcome.points.at[cid])
    return [Closing(rule.field, status, rule.expected, None, 1.0, rule.points - earned)]


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return yes_no_gap_text(gap, label, lang)


def yes_no_gap_text(gap, label: str, lang: str) -> str:
    """Fill in a blank yes/no, or set it (boolean and veto)."""
    if gap.status == UNKNOWN:
        return t("screen.gap.fill_yes_no", lang, label=label, need=yes_no(gap.target, lang))
    return t("screen.gap.set_yes" if gap.target else "screen.gap.set_no", lang, label=label)
