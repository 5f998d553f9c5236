"""veto (一票否决): when the field is yes, the community is vetoed whatever its score. No points.

Status fail means the veto applies; unknown means nobody said, which also blocks eligibility."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import model_validator

from jingpin_cli.rules.base import (
    FAIL,
    UNKNOWN,
    VETO,
    Closing,
    Outcome,
    floats,
    graded_status,
    label,
)
from jingpin_cli.rules.boolean import yes_no_gap_text
from jingpin_cli.rules.model import RuleBase, pack_error
from jingpin_cli.text.messages import t


class VetoRule(RuleBase):
    """一票否决: when the field is true the community is vetoed, whatever its score. Carries no points."""

    kind: Literal["veto"]
    field: str
    scored: ClassVar[bool] = False

    @model_validator(mode="after")
    def _no_points(self):
        if self.points:
            raise pack_error("veto_points", "a veto rule carries no points")
        return self


MODEL = VetoRule
FIELD_TYPES = ("bool",)
ROLE = VETO
NUMERIC, YES_NO, SURVEYED = False, True, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field]  # kept as read: the finding shows yes/no
    number = floats(value)
    points = np.zeros(len(number))
    status = graded_status(~np.isnan(number), number == 0, points, frame.index)  # clear when “no”
    return Outcome(status, pd.Series(points, index=frame.index), value)


def message(rule, finding: dict, standard, lang: str) -> str:
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return t("rule.veto.unknown", lang, name=name)
    if finding["status"] == FAIL:
        return t("rule.veto.fail", lang, name=name)
    return t("rule.veto.pass", lang, name=name)


def required(rule):
    return False


def points_text(rule) -> str:
    return "veto"


def requirement(rule, unit: str, lang: str) -> str:
    return t("rule.veto.requirement", lang)


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    """A blank veto item blocks eligibility; filling it in with “no” clears it. A veto that applies
    cannot be closed."""
    if outcome.status.at[cid] != UNKNOWN:
        return []
    return [Closing(rule.field, UNKNOWN, False, None, 1.0, 0.0, blocks=True)]


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return yes_no_gap_text(gap, label, lang)
