"""threshold: a count or area must reach `min` (服务用房 ≥ 300 ㎡, 新图书 ≥ 1000 册), or `min` for
every so many of another field (`per`: 每百户居民 30 平方米, 党员人均 3 平方米), which makes the
requirement differ from community to community.

The numeric helpers here (reach, gap_message, numeric_closings, numeric_gap_text) serve rate and
scaled too: all three ask for a number at or above `min`."""

from __future__ import annotations

from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField
from pydantic import model_validator

from jingpin_cli.rules.base import PASS, SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label, points_note
from jingpin_cli.rules.model import Label, RuleBase, pack_error
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num, quantity


class Per(Label):
    """`per: {field: households, every: 100, zh: 百户, en: 100 households}`: `min` is asked for every
    `every` of `field`, so a community needs min × field / every. zh/en name one such basis (百户,
    名党员) for the messages: “每百户 30 ㎡ × 12 百户 = 360 ㎡”."""

    field: str
    every: float = PydField(1, gt=0)


class ThresholdRule(RuleBase):
    """A number at or above `min` earns the points; below it, partial credit per scoring.partial_credit."""

    kind: Literal["threshold"]
    field: str
    min: float = PydField(ge=0)
    partial: Literal["proportional", "none"] | None = None  # overrides scoring.partial_credit
    per: Per | None = None  # the minimum is per so many of another field (每百户 30 ㎡)

    @model_validator(mode="after")
    def _per_asks_something(self):
        if self.per is not None and self.min <= 0:
            raise pack_error("per_min_zero")
        return self

    @property
    def fields(self) -> list[str]:
        return [self.field] + ([self.per.field] if self.per is not None else [])


MODEL = ThresholdRule
FIELD_TYPES = ("int", "num")
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = True, False, False


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = floats(frame[rule.field])
    need = rule.min if rule.per is None else rule.min * floats(frame[rule.per.field]) / rule.per.every
    proportional = (rule.partial or standard.scoring.partial_credit) == "proportional"
    share = None
    if proportional and rule.min > 0:
        with np.errstate(divide="ignore", invalid="ignore"):  # need 0 (no households): met whatever the value
            share = np.clip(value / need, 0, 1)
    return reach(rule, value, share, frame.index, None if rule.per is None else need)


def reach(rule, value: np.ndarray, share: np.ndarray | None, index: pd.Index,
          need: np.ndarray | None = None) -> Outcome:
    """A number that must reach `rule.min` (threshold, rate), or `need` per community: all the points
    when it does, else `share` of them (none when no partial credit); blank value or blank need is
    unknown and earns nothing."""
    minimum = rule.min if need is None else need
    known, met = ~np.isnan(value) & ~np.isnan(minimum), value >= minimum
    share = met.astype(float) if share is None else share
    points = np.where(met, rule.points, np.where(known, share, 0.0) * rule.points)
    shortfall = np.clip(minimum - value, 0, None)
    return Outcome(graded_status(known, met, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index), pd.Series(shortfall, index=index),
                   required=None if need is None else pd.Series(need, index=index))


def message(rule, finding: dict, standard, lang: str) -> str:
    if rule.per is None:
        return gap_message(rule.field, rule.min, finding, standard, lang)
    return per_message(rule, finding, standard, lang)


def per_message(rule, finding: dict, standard, lang: str) -> str:
    """服务用房面积 260 ㎡，标准 每百户 30 ㎡ × 12 百户 = 360 ㎡，差 100 ㎡."""
    unit, name = standard.unit_label(rule.field, lang), label(standard, rule.field, lang)
    basis, rate = pick(rule.per, lang), quantity(rule.min, unit)
    required, status = finding["required"], finding["status"]
    if required is None:  # the basis is blank: the requirement cannot be worked out
        have = t("rule.per.blank", lang) if finding["actual"] is None else quantity(finding["actual"], unit)
        return t("rule.per.no_basis", lang, name=name, have=have, basis_name=label(standard, rule.per.field, lang),
                 rate=rate, basis=basis)
    need = t("rule.per.need", lang, rate=rate, basis=basis, count=num(required / rule.min),
             total=quantity(required, unit))
    if status == UNKNOWN:
        return t("rule.per.unknown", lang, name=name, need=need)
    have = quantity(finding["actual"], unit)
    if status == PASS:
        return t("rule.per.pass", lang, name=name, have=have, need=need)
    return t("rule.per.short", lang, name=name, have=have, need=need, short=quantity(finding["shortfall"], unit))


def gap_message(key: str, minimum: float, finding: dict, standard, lang: str, short_unit: str | None = None) -> str:
    """The message of every numeric rule: 服务用房总面积 260 ㎡，标准 ≥ 300 ㎡，差 40 ㎡."""
    unit = standard.unit_label(key, lang)
    name = label(standard, key, lang)
    need = quantity(minimum, unit)
    status = finding["status"]
    if status == UNKNOWN:
        return t("rule.number.unknown", lang, name=name, need=need)
    have = quantity(finding["actual"], unit)
    if status == PASS:
        return t("rule.number.pass", lang, name=name, have=have, need=need)
    short = (quantity(finding["shortfall"], unit) if short_unit is None
             else f"{quantity(finding['shortfall'], '')} {short_unit}")
    return t("rule.number.short", lang, name=name, have=have, need=need, short=short)


def required(rule):
    return rule.min if getattr(rule, "per", None) is None else None  # per: Outcome.required, per community


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    if getattr(rule, "per", None) is not None:
        return t("rule.per.requirement", lang, rate=quantity(rule.min, unit), basis=pick(rule.per, lang),
                 points=points_note(rule, lang))
    return f"≥ {quantity(rule.min, unit)}{points_note(rule, lang)}"


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    return numeric_closings(rule, outcome, cid)


def numeric_closings(rule, outcome: Outcome, cid: str, target: float | None = None) -> list[Closing]:
    """Raise the value to the requirement: `target`, else the community's own (per) or rule.min.
    None when the requirement itself is unknown (its basis is blank): nothing to aim at yet."""
    if target is None:
        target = float(outcome.required.at[cid]) if outcome.required is not None else float(rule.min)
    if np.isnan(target):
        return []
    status, earned = outcome.status.at[cid], float(outcome.points.at[cid])
    value = outcome.actual.at[cid]
    known = status != UNKNOWN and pd.notna(value)
    short = max(target - float(value), 0.0) if known else None
    effort = short / target if known and target else 1.0
    return [Closing(rule.field, status, target, round(short, 4) if known else None, effort, rule.points - earned)]


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return (numeric_gap_text(gap, label, unit, lang)
            or t("screen.gap.raise", lang, label=label, amount=quantity(gap.amount, unit)))


def numeric_gap_text(gap, label: str, unit: str, lang: str, raise_key: str | None = None) -> str:
    """Fill in a blank value; else, with `raise_key`, raise it by the amount (a bare number); else ''."""
    if gap.status == UNKNOWN or gap.amount is None:
        return t("screen.gap.fill_value", lang, label=label, need=quantity(gap.target, unit))
    return t(raise_key, lang, label=label, amount=num(gap.amount)) if raise_key else ""
