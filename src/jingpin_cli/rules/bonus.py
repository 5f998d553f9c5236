"""bonus (加分项): `per` points for each unit of the field (yes counts 1), at most `cap`.

Bonus points sit on top of the sheet's total, capped again overall by scoring.bonus_cap. Earning
none is not a gap: the rule passes with 0 points."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField
from pydantic import model_validator

from jingpin_cli.rules.base import BONUS, UNKNOWN, Closing, Outcome, floats, graded_status, label
from jingpin_cli.rules.model import COUNT_TYPES, RuleBase, pack_error
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, quantity


class PerUnitRule(RuleBase):
    """`per` points for each unit of the field (yes counts 1), at most `cap` (none: the document states
    no limit, “每项加5分”); outside the total. The ground of bonus and of penalty, its mirror."""

    field: str
    per: float = PydField(gt=0)
    cap: float | None = PydField(None, gt=0)
    scored: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_points(self):
        if self.points:
            raise pack_error(f"{self.kind}_points", f"a {self.kind} rule's points are `per` and `cap`, not `points`")
        return self


class BonusRule(PerUnitRule):
    """加分项: `per` points for each unit of the field (yes counts 1), at most `cap`; outside the total."""

    kind: Literal["bonus"]


MODEL = BonusRule
FIELD_TYPES = COUNT_TYPES
ROLE = BONUS
NUMERIC, YES_NO, SURVEYED = False, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value, known, points = per_unit(rule, frame)
    index = frame.index
    return Outcome(graded_status(known, known, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index))


def per_unit(rule, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(value, known, points): `per` points a unit of the field, at most `cap`; a blank earns none.
    Shared with penalty, the mirror of a bonus."""
    value = floats(frame[rule.field])
    known = ~np.isnan(value)
    return value, known, np.where(known, np.clip(value * rule.per, 0, rule.cap), 0.0)


def message(rule, finding: dict, standard, lang: str, words: str = "rule.bonus") -> str:
    """`{name}：{have}，加 {points} 分` (words: the message keys' prefix, rule.penalty for a penalty)."""
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return t(f"{words}.unknown", lang, name=name)
    have = quantity(finding["actual"], standard.unit_label(rule.field, lang))
    points = finding["points"]
    if not points:
        return t(f"{words}.none", lang, name=name, have=have)
    return t(f"{words}.points", lang, name=name, have=have, points=num(points))


def required(rule):
    return None


def points_text(rule, sign: str = "+") -> str:
    return f"{sign}{rule.per:g}/unit" + (f" ≤ {rule.cap:g}" if rule.cap is not None else "")


def requirement(rule, unit: str, lang: str) -> str:
    key = "rule.bonus.requirement" if rule.cap is not None else "rule.bonus.requirement_uncapped"
    return t(key, lang, unit=unit or t("rule.bonus.unit", lang), per=num(rule.per),
             cap=num(rule.cap) if rule.cap is not None else "")


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    return []  # extra credit: nothing to close


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return ""  # no closings, so never asked
