"""penalty (减分): `per` points taken off for each unit of the field (yes counts 1), at most `cap`.

The mirror of bonus: a penalty is tied to no item (“发生安全事故的，每次减 5 分”), sits outside the
aspects and is subtracted from the score after the bonus; the score never goes below 0. Incurring
none is no gap: the rule passes; a penalty incurred is a fail (its points are what it takes off)."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd

from jingpin_cli.rules import bonus
from jingpin_cli.rules.base import CODE, FAIL, PASS, PENALTY, STATUS, UNKNOWN, Closing, Outcome
from jingpin_cli.rules.model import COUNT_TYPES
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num


class PenaltyRule(bonus.PerUnitRule):
    """减分: `per` points off for each unit of the field (yes counts 1), at most `cap` (none: uncapped)."""

    kind: Literal["penalty"]


MODEL = PenaltyRule
FIELD_TYPES = COUNT_TYPES
ROLE = PENALTY
NUMERIC, YES_NO, SURVEYED = False, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    """`points` is what the rule takes off (≥ 0); a blank takes nothing off and is unknown."""
    value, known, points = bonus.per_unit(rule, frame)
    index = frame.index
    codes = np.where(known, np.where(points > 0, CODE[FAIL], CODE[PASS]), CODE[UNKNOWN])
    status = pd.Series(pd.Categorical.from_codes(codes, dtype=STATUS, validate=False), index=index)
    return Outcome(status, pd.Series(points, index=index), pd.Series(value, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    return bonus.message(rule, finding, standard, lang, "rule.penalty")


required = bonus.required


def points_text(rule) -> str:
    return bonus.points_text(rule, "-")


def requirement(rule, unit: str, lang: str) -> str:
    text = t("rule.penalty.requirement", lang, unit=unit or t("rule.bonus.unit", lang), per=num(rule.per))
    return text + (t("rule.penalty.cap", lang, cap=num(rule.cap)) if rule.cap is not None else "")


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    return []  # what happened cannot be undone: nothing to close


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return ""  # no closings, so never asked
