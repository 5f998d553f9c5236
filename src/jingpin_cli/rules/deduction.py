"""deduction (扣分制): the rule starts at its points and each item not met deducts, down to `floor`
(0 by default: 单项分值扣完为止).

An item tests one field: a yes/no whose good value is `good` (yes by default; `good: false` for a
bad thing such as 延期换届), or a number against `min` (≥) and/or `max` (≤). Not met, it deducts
`deduct` points, or `per_unit` points for every `every` units short of min or over max (a part
unit counts whole: “每少1次扣0.5分”, “出现一例扣2分”, “每超过1岁扣3分”), at most `cap`; or, with
`void: true`, the whole rule scores nothing (“无办公场所不得分”). An item may have its own `when:`:
where it does not hold, the item is not asked.

A blank item earns nothing and makes the rule unknown unless what is known already took every
point, as for a checklist."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField
from pydantic import model_validator

from jingpin_cli.rules.base import FAIL, SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label
from jingpin_cli.rules.condition import Condition, holds
from jingpin_cli.rules.model import Model, RuleBase, pack_error
from jingpin_cli.text.messages import Worded, pick, t
from jingpin_cli.text.numbers import num, quantity
from jingpin_cli.text.words import sep, yes_no


class Item(Model):
    """One line of a deduction rule."""

    field: str
    zh: str | None = None  # the sheet's wording of the item; default: the field's label
    en: str = ""
    good: bool = True  # yes/no fields (and counts without min/max): the value that is good
    min: float | None = None
    max: float | None = None
    deduct: float | None = PydField(None, gt=0)  # a fixed deduction when not met
    per_unit: float | None = PydField(None, gt=0)  # per `every` units short of min or over max
    every: float = PydField(1, gt=0)
    cap: float | None = PydField(None, gt=0)  # at most this much from this item
    void: bool = False  # not met: the rule scores nothing (不得分)
    when: Condition | None = None

    @model_validator(mode="after")
    def _one_way_to_deduct(self):
        if sum((self.deduct is not None, self.per_unit is not None, self.void)) != 1:
            raise pack_error("item_one_way")
        if self.per_unit is not None and self.min is None and self.max is None:
            raise pack_error("item_per_unit_bound")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise pack_error("item_min_above_max")
        return self

    @property
    def bounded(self) -> bool:
        return self.min is not None or self.max is not None


class DeductionRule(RuleBase):
    """扣分制: starts at `points`; each item not met deducts (or voids the rule), down to `floor`."""

    kind: Literal["deduction"]
    items: list[Item] = PydField(min_length=1)
    floor: float = PydField(0, ge=0)
    fields_key: ClassVar[str] = "items"

    @property
    def fields(self) -> list[str]:
        return [i.field for i in self.items]

    @property
    def conditions(self) -> list[tuple[tuple, Condition]]:
        return super().conditions + [(("items", j, "when"), item.when) for j, item in enumerate(self.items)
                                     if item.when is not None]

    @model_validator(mode="after")
    def _floor_below_points(self):
        if self.floor > self.points:
            raise pack_error("floor_above_points", floor=f"{self.floor:g}", points=f"{self.points:g}")
        return self


MODEL = DeductionRule
FIELD_TYPES = ("int", "num", "bool", "rate", "score")
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = False, False, False


def check(rule, fields: dict) -> list[tuple[tuple, Worded]]:
    """What the schema cannot see: bounds on a yes/no field (an item's `when:` is checked as a rule's is)."""
    return [(("items", j), Worded.message("check.item_bool_bounds", item=item.field))
            for j, item in enumerate(rule.items) if fields[item.field].type == "bool" and item.bounded]


def _tests(rule, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(met, known, excess) as items × communities; excess is in each field's unit (0 when met)."""
    met, known, excess = [], [], []
    for item in rule.items:
        value = floats(frame[item.field])
        ok, over = _met(item, value)
        asked, sure = (np.ones_like(ok), np.ones_like(ok)) if item.when is None else holds(item.when, frame)
        blank = np.isnan(value)
        # an item not asked is met, and so is one met whether asked or not; else a blank is unknown
        known.append((sure & (~asked | ~blank)) | (~blank & ok))
        met.append(~asked | ok)
        excess.append(np.where(asked & ~blank, over, 0.0))
    return np.stack(met), np.stack(known), np.stack(excess)


def _met(item: Item, value: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    with np.errstate(invalid="ignore"):
        if not item.bounded:  # a yes/no, or a count that must be above zero (or zero, with good: false)
            return (value > 0) == item.good, np.zeros_like(value)
        short = np.clip(item.min - value, 0, None) if item.min is not None else np.zeros_like(value)
        over = np.clip(value - item.max, 0, None) if item.max is not None else np.zeros_like(value)
        excess = np.nan_to_num(short + over)
        return excess == 0, excess


def _deductions(rule, excess: np.ndarray) -> np.ndarray:
    """Per item and community, what not meeting it deducts (void items: nothing here; see evaluate)."""
    out = np.zeros_like(excess)
    for j, item in enumerate(rule.items):
        if item.deduct is not None:
            out[j] = item.deduct
        elif item.per_unit is not None:
            out[j] = np.ceil(excess[j] / item.every - 1e-9) * item.per_unit
        if item.cap is not None:
            out[j] = np.minimum(out[j], item.cap)
    return out


def _worst(rule) -> np.ndarray:
    """What each item could deduct at most (for a blank one): everything if it voids the rule or
    deducts per unit without a cap, else its deduction or cap, whichever is less."""
    return np.array([rule.points if i.void or (i.per_unit is not None and i.cap is None)
                     else min(x for x in (i.deduct, i.cap) if x is not None) for i in rule.items])


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    met, known, excess = _tests(rule, frame)
    void = np.array([i.void for i in rule.items])[:, None]
    missed = known & ~met
    deducted = np.where(missed & ~void, _deductions(rule, excess), 0.0)
    voided = (missed & void).any(axis=0)
    best = np.where(voided, 0.0, np.clip(rule.points - deducted.sum(axis=0), rule.floor, None))
    unknown = ~known
    at_risk = (unknown * _worst(rule)[:, None]).sum(axis=0)
    # what is earned for sure: the floor holds unless a blank item could void the rule
    void_blank = (unknown & void).any(axis=0)
    points = np.where(voided, 0.0, np.clip(best - at_risk, np.where(void_blank, 0.0, rule.floor), None))
    # unknown only while a blank item could still cost points
    status = graded_status(~(unknown.any(axis=0) & (best > 0)), ~missed.any(axis=0), points, frame.index)
    index, columns = frame.index, pd.Index(rule.fields)
    met_count = pd.Series((known & met).sum(axis=0).astype(float), index=index)
    return Outcome(status, pd.Series(points, index=index), met_count,
                   absent=pd.DataFrame(missed.T, index=index, columns=columns),
                   unknown_items=pd.DataFrame(unknown.T, index=index, columns=columns),
                   values=pd.DataFrame(np.stack([floats(frame[k]) for k in rule.fields]).T, index=index,
                                       columns=columns),
                   deducted=pd.DataFrame(deducted.T, index=index, columns=columns))


def _name(item: Item, standard, lang: str) -> str:
    return pick(item, lang) if item.zh else label(standard, item.field, lang)


def item_text(item: Item, value, deducted: float, standard, lang: str) -> str:
    """One item not met: `每季度公开次数 3 次，标准 ≥ 4 次，少 1 次，扣 0.5 分`; `延期换届：是，扣 1 分`."""
    name, unit = _name(item, standard, lang), standard.unit_label(item.field, lang)
    if standard.field(item.field).type == "bool" or not item.bounded:
        shown = yes_no(bool(value), lang) if standard.field(item.field).type == "bool" else quantity(value, unit)
        text = t("rule.deduction.value", lang, name=name, have=shown)
    elif item.min is not None and value < item.min:
        text = t("rule.deduction.short", lang, name=name, have=quantity(value, unit), need=quantity(item.min, unit),
                 short=quantity(item.min - value, unit))
    else:
        text = t("rule.deduction.over", lang, name=name, have=quantity(value, unit), need=quantity(item.max, unit),
                 over=quantity(value - item.max, unit))
    ends = t("rule.deduction.void", lang) if item.void else t("rule.deduction.minus", lang, points=num(deducted))
    return text + ends


def message(rule, finding: dict, standard, lang: str) -> str:
    items = {i.field: i for i in rule.items}
    values, deducted = finding.get("values", {}), finding.get("deductions", {})
    parts = [item_text(items[k], values.get(k), deducted.get(k, 0.0), standard, lang) for k in finding["missing"]]
    blank = [_name(items[k], standard, lang) for k in finding.get("unknown_items", [])]
    if blank:
        parts.append(t("rule.deduction.unknown", lang, items=sep(lang, "list").join(blank)))
    if not parts:
        return t("rule.deduction.all", lang, title=pick(rule, lang))
    return sep(lang).join(parts)


def required(rule):
    return len(rule.items)


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    return t("rule.deduction.requirement", lang, n=len(rule.items), points=num(rule.points), floor=num(rule.floor))


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    """Meet each item not met; fill in each blank one."""
    out = []
    earned = float(outcome.points.at[cid])
    for item in rule.items:
        missed, blank = bool(outcome.absent.at[cid, item.field]), bool(outcome.unknown_items.at[cid, item.field])
        if not (missed or blank):
            continue
        value = outcome.values.at[cid, item.field]
        target, amount = _target(item, standard, value)
        gain = rule.points - earned if item.void or blank else float(outcome.deducted.at[cid, item.field])
        effort = amount / abs(target) if amount is not None and target else 1.0
        lower = pd.notna(value) and item.max is not None and value > item.max
        out.append(Closing(item.field, UNKNOWN if blank else FAIL, target, amount, effort, gain, lower=lower))
    return out


def _target(item: Item, standard, value) -> tuple[object, float | None]:
    """The value that meets the item, and how far the field is from it (in its unit; None for yes/no)."""
    if standard.field(item.field).type == "bool":
        return item.good, None
    if not item.bounded:
        return (1.0 if item.good else 0.0), None
    low = pd.notna(value) and item.min is not None and value < item.min
    target = float(item.min if low or item.max is None else item.max)
    return target, (round(abs(float(value) - target), 4) if pd.notna(value) else None)


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    if isinstance(gap.target, bool):
        if gap.status == UNKNOWN:
            return t("screen.gap.fill_yes_no", lang, label=label, need=yes_no(gap.target, lang))
        return t("screen.gap.set_yes" if gap.target else "screen.gap.set_no", lang, label=label)
    if gap.amount is None:
        return t("screen.gap.fill_item" if gap.status == UNKNOWN else "screen.gap.add", lang, label=label)
    key = "screen.gap.lower" if gap.lower else "screen.gap.raise"
    return t(key, lang, label=label, amount=quantity(gap.amount, unit))
