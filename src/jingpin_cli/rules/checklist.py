"""checklist: every item present (六室, 四站 …); each missing item deducts points down to zero (扣完为止).

An item is present when its yes/no field is yes, or its count is above zero. An unfilled item earns
nothing and makes the rule unknown unless the known gaps already took every point."""

from __future__ import annotations

from typing import ClassVar, Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField

from jingpin_cli.rules.base import FAIL, SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label
from jingpin_cli.rules.model import COUNT_TYPES, Label, RuleBase
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep


class ChecklistRule(RuleBase):
    """Every item must be present; each missing item deducts `deduct_per_item` down to zero (扣完为止)."""

    kind: Literal["checklist"]
    items: list[str] = PydField(min_length=1)
    group: Label
    deduct_per_item: float | None = PydField(None, gt=0)  # default: points / number of items
    fields_key: ClassVar[str] = "items"

    @property
    def fields(self) -> list[str]:
        return list(self.items)

    @property
    def deduction(self) -> float:
        return self.deduct_per_item if self.deduct_per_item is not None else self.points / len(self.items)


MODEL = ChecklistRule
FIELD_TYPES = COUNT_TYPES
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = False, False, False


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
    return Outcome(status, pd.Series(points, index=index),
                   pd.Series((values > 0).sum(axis=0).astype(float), index=index),
                   absent=pd.DataFrame(absent.T, index=index, columns=columns),
                   unknown_items=pd.DataFrame(unknown.T, index=index, columns=columns))


def message(rule, finding: dict, standard, lang: str) -> str:
    group = pick(rule.group, lang)
    missing = [label(standard, k, lang) for k in finding["missing"]]
    unknown = [label(standard, k, lang) for k in finding.get("unknown_items", [])]
    parts = []
    if missing:
        parts.append(t("rule.checklist.missing", lang, group=group, items=sep(lang, "list").join(missing)))
    if unknown:
        prefix = "" if missing else group
        parts.append(t("rule.checklist.unknown", lang, group=prefix, items=sep(lang, "list").join(unknown)).strip())
    if not parts:
        return t("rule.checklist.all", lang, group=group)
    return sep(lang).join(parts)


def required(rule):
    return len(rule.items)


def points_text(rule) -> str:
    return f"{rule.points:g}"


def requirement(rule, unit: str, lang: str) -> str:
    return t("rule.checklist.requirement", lang, group=pick(rule.group, lang), deduction=num(rule.deduction))


def closings(rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
    """Add each missing item, fill in each blank one."""
    out = []
    for key in rule.items:
        absent, blank = bool(outcome.absent.at[cid, key]), bool(outcome.unknown_items.at[cid, key])
        if absent or blank:
            target = True if standard.field(key).type == "bool" else 1.0
            out.append(Closing(key, UNKNOWN if blank else FAIL, target, None, 1.0, rule.deduction))
    return out


def gap_text(gap, label: str, unit: str, lang: str) -> str:
    return t("screen.gap.fill_item" if gap.status == UNKNOWN else "screen.gap.add", lang, label=label)
