"""`when:` — a rule, or a deduction item, that applies only to some communities (“‘一肩挑’的社区，
未配备专职党务副书记的不得分”; “正式党员超过3名、不足50名的成立党支部”).

A condition tests one catalog field: `is` (a yes/no, a number or a word, or a list of them), and
`min` / `max` (≥ / ≤) and `above` / `below` (> / <) for numbers, all of which must hold. Where the
field is blank it is unknown whether the rule applies."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import CODE, NOT_APPLICABLE, PASS, STATUS, UNKNOWN, Outcome, status_codes
from jingpin_cli.rules.model import Condition
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep, yes_no


def holds(condition: Condition, frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """(applies, known) per community: known is False where the field is blank."""
    column = frame[condition.field]
    known = column.notna().to_numpy(dtype=bool)
    applies = known.copy()
    text = pd.api.types.is_string_dtype(column.dtype) and not pd.api.types.is_bool_dtype(column.dtype)
    values = None if text else column.to_numpy(dtype="float64", na_value=np.nan)  # yes/no as 1/0
    if condition.is_ is not None:
        if text:
            applies &= column.isin([str(w) for w in _wanted(condition)]).fillna(False).to_numpy(dtype=bool)
        else:
            applies &= np.isin(values, [float(w) for w in _wanted(condition) if not isinstance(w, str)])
    if values is not None:  # bounds are only allowed on numbers (standard.models.condition_problems)
        with np.errstate(invalid="ignore"):
            for bound, test in ((condition.min, np.greater_equal), (condition.max, np.less_equal),
                                (condition.above, np.greater), (condition.below, np.less)):
                if bound is not None:
                    applies &= test(values, bound)
    return applies, known


def _wanted(condition: Condition) -> list:
    """The values `is` accepts: one, or a list of them."""
    return condition.is_ if isinstance(condition.is_, list) else [condition.is_]


def describe(condition: Condition, standard, lang: str) -> str:
    """The condition in words: `“一肩挑”为“是”`, `正式党员人数 > 3 且 < 50`."""
    name = pick(standard.field(condition.field), lang)
    unit = standard.unit_label(condition.field, lang)
    parts = []
    if condition.is_ is not None:
        words = [yes_no(w, lang) if isinstance(w, bool) else num(w) if isinstance(w, float | int) else str(w)
                 for w in _wanted(condition)]
        parts.append(t("rule.when.is", lang, name=name, value=sep(lang, "list").join(words)))
    bounds = [(op, v) for op, v in (("≥", condition.min), ("≤", condition.max), (">", condition.above),
                                    ("<", condition.below)) if v is not None]
    if bounds:
        text = t("rule.when.and", lang).join(f"{op} {num(v)}{(' ' + unit) if unit else ''}" for op, v in bounds)
        parts.append(f"{name} {text}")
    return t("rule.when.and", lang).join(parts)


def condition_message(condition: Condition, status: str, standard, lang: str) -> str:
    """A finding whose rule does not apply (不适用), or may not: its condition's field is blank."""
    if status == NOT_APPLICABLE:
        return t("rule.not_applicable", lang, condition=describe(condition, standard, lang))
    return t("rule.when.unknown", lang, name=pick(standard.field(condition.field), lang))


def apply(rule, outcome: Outcome, frame: pd.DataFrame) -> Outcome:
    """A rule's outcome under its `when:`: not applicable where the condition is known not to hold
    (full points, or none when it drops out of the total: scoring rescales); unknown where the
    condition's field is blank, unless the rule passes anyway."""
    applies, known = holds(rule.when, frame)
    na = known & ~applies
    codes = status_codes(outcome.status)
    unsure = ~known & (codes != CODE[PASS])
    codes = np.where(na, CODE[NOT_APPLICABLE], np.where(unsure, CODE[UNKNOWN], codes))
    kept = rule.points if rule.otherwise == "full" else 0.0
    index = outcome.status.index
    points = np.where(na, kept, np.where(unsure, 0.0, outcome.points.to_numpy(dtype=float)))

    def cleared(frame_: pd.DataFrame | None, value) -> pd.DataFrame | None:
        if frame_ is None:
            return None
        return pd.DataFrame(np.where((na | unsure)[:, None], value, frame_.to_numpy()), index=index,
                            columns=frame_.columns)

    return replace(outcome, status=pd.Series(pd.Categorical.from_codes(codes, dtype=STATUS), index=index),
                   points=pd.Series(points, index=index),
                   shortfall=None if outcome.shortfall is None else outcome.shortfall.mask(na | unsure),
                   absent=cleared(outcome.absent, False), unknown_items=cleared(outcome.unknown_items, False),
                   deducted=cleared(outcome.deducted, 0.0))
