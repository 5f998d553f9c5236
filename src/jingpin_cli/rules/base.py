"""What a rule kind is (Kind), what it returns (Outcome, Closing), and the helpers kinds share."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from jingpin_cli.rules.model import RuleBase
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num

PASS, PARTIAL, FAIL, UNKNOWN, WAIVED = "pass", "partial", "fail", "unknown", "waived"
NOT_APPLICABLE = "not_applicable"  # the rule's `when:` does not hold for the community (不适用)
STATUSES = (PASS, PARTIAL, FAIL, UNKNOWN, WAIVED, NOT_APPLICABLE)
# A status column is a Categorical of these fixed categories: it compares, prints and exports as the
# words above, while scoring reads its small integer codes (positions in STATUSES) without comparing
# strings. The kinds compute codes on numpy arrays and wrap them once.
STATUS = pd.CategoricalDtype(STATUSES)
CODE = {s: np.int8(i) for i, s in enumerate(STATUSES)}
STATUS_OF_CODE = np.array(STATUSES, dtype=object)  # status code (int8) -> status


@dataclass
class Outcome:
    """One rule evaluated for every community (all Series share the records' index)."""

    status: pd.Series  # category STATUS: pass | partial | fail | unknown (| waived, see waivers)
    points: pd.Series  # float; unknown earns nothing
    actual: pd.Series  # the value read (number, bool or count of present items); NA when unknown
    shortfall: pd.Series | None = None  # in the field's unit, numeric rules only
    absent: pd.DataFrame | None = None  # checklist: item known to be missing
    unknown_items: pd.DataFrame | None = None  # checklist: item not filled in
    values: pd.DataFrame | None = None  # deduction: each item's value as read
    deducted: pd.DataFrame | None = None  # deduction: what each item not met deducts (0 for a void item)
    required: pd.Series | None = None  # where the requirement differs per community (per 100 households)


# What a kind's points are (Kind.ROLE)
SCORE = "score"  # points count toward the sheet's total
BONUS = "bonus"  # extra credit on top of the total (capped by scoring.bonus_cap); earning none is no gap
PENALTY = "penalty"  # points taken off after the bonus (减分), outside the aspects; the score stays ≥ 0
VETO = "veto"  # no points: when it applies the community is vetoed whatever its score


@dataclass(frozen=True)
class Closing:
    """One way to close a community's gap on a rule: set `field` to `target` (results.screen.near_miss)."""

    field: str
    status: str  # fail | partial | unknown
    target: object  # the value the field takes when the gap is closed
    amount: float | None  # shortfall in the field's unit (numeric rules); None for a blank or a yes/no
    effort: float  # 1 for an item, a yes/no or a blank; shortfall / requirement for a number
    gain: float  # points at stake
    blocks: bool = False  # must be closed to become eligible whatever the gates say (a blank veto item)
    lower: bool = False  # the number must come down to `target` (an at-most limit), not up


class Kind(Protocol):
    """Everything the package knows about one rule kind: a module rules/<kind>.py offers these, and
    rules.register(module) makes it known to the pack loader, the engine, every result and format."""

    MODEL: type[RuleBase]  # its pydantic rule model; `kind: Literal["<name>"]` names the kind
    FIELD_TYPES: tuple[str, ...]  # the catalog field types its rules may read
    ROLE: str  # SCORE | BONUS | PENALTY | VETO
    NUMERIC: bool  # a required number with a shortfall and a unit (findings carry the unit)
    YES_NO: bool  # the value read is yes/no (findings show it as true/false)
    SURVEYED: bool  # a rate the survey may supply (findings carry the sample and its interval)

    def evaluate(self, rule, frame: pd.DataFrame, standard) -> Outcome: ...

    def message(self, rule, finding: dict, standard, lang: str) -> str:
        """One finding in the user's words."""

    def required(self, rule) -> object:
        """The finding's `required`: the value the rule asks for (a number, yes/no, a count) or None."""

    def points_text(self, rule) -> str:
        """Its points in a rules table: `5`, `veto`, `+1/unit ≤ 3`."""

    def requirement(self, rule, unit: str, lang: str) -> str:
        """What it asks of a field, in a few words (templates): `≥ 300 ㎡（5 分）`."""

    def closings(self, rule, outcome: Outcome, cid: str, standard) -> list[Closing]:
        """How to close a community's gap (only asked when its status is fail, partial or unknown)."""

    def gap_text(self, gap, label: str, unit: str, lang: str) -> str:
        """A closing (gap.status, gap.target, gap.amount) as an instruction: `服务用房总面积增加 40 ㎡`."""

    # Optional: check(rule, fields) -> [(path inside the rule, Worded)], the cross-references between
    # a rule and the catalog (fields: key -> standard.models.Field) that its model alone cannot check
    # (a level rule scores every word of its field), each worded in both languages (text.messages.Worded:
    # a message of text/messages.py, or the kind's own Worded(zh, en)). Standard.consistency_errors
    # reports each one. A model validator raises rules.model.pack_error (worded by `pydantic.<code>`).


def floats(column: pd.Series) -> np.ndarray:
    """A field as float64 with NaN for blank (yes/no as 1/0): NaN compares False, as unknown needs."""
    return column.to_numpy(dtype="float64", na_value=np.nan)


def status_codes(status: pd.Series) -> np.ndarray:
    """The codes of a status column (a column of plain status words is read too)."""
    return pd.Categorical(status, dtype=STATUS).codes


def graded_status(known: np.ndarray, met: np.ndarray, points: np.ndarray, index: pd.Index) -> pd.Series:
    """pass when met; partial when short but earning points; fail when earning none; unknown when blank."""
    codes = np.where(known, np.where(met, CODE[PASS], np.where(points > 0, CODE[PARTIAL], CODE[FAIL])), CODE[UNKNOWN])
    return pd.Series(pd.Categorical.from_codes(codes, dtype=STATUS, validate=False), index=index)


def label(standard, key: str, lang: str) -> str:
    """A field's name in a finding, with the period a count covers: `获市级以上表彰次数（近三年）`."""
    field = standard.field(key)
    name = pick(field, lang)
    return name if field.period is None else t("rule.period", lang, name=name, period=pick(field.period, lang))


def points_note(rule, lang: str) -> str:
    """`（5 分）` after a requirement."""
    return t("rule.points", lang, points=num(rule.points))


