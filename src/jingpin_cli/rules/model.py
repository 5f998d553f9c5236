"""The pydantic ground every rule model stands on: strict models, bilingual labels, sources, and
RuleBase (the keys every rule has). standard.models builds the pack on these; each kind module
(rules/<kind>.py) derives its own rule model from RuleBase."""

from __future__ import annotations

from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, model_validator
from pydantic import Field as PydField

Verify = Literal["材料审核", "实地察看", "问卷调查"]
COUNT_TYPES = ("int", "num", "bool")  # what a checklist item or a bonus may read


class Model(BaseModel):
    # extra keys are a typo; NaN and infinity are never a score, a threshold or a cap (issue 17 item 11)
    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)


class Label(Model):
    zh: str
    en: str = ""


class Source(Model):
    """Either the report's own words, or `local` with the reason the pack adds the value."""

    quote: str | None = None
    local: str | None = None

    @model_validator(mode="after")
    def _exactly_one(self):
        if (self.quote is None) == (self.local is None):
            raise ValueError("give exactly one of `quote` (the report's words) or `local` (the reason)")
        return self

    @property
    def is_local(self) -> bool:
        return self.local is not None


Scalar = bool | float | str


class Condition(Model):
    """`when:` — where the rule (or a deduction item) applies; rules/condition.py evaluates it."""

    field: str
    is_: Scalar | list[Scalar] | None = PydField(None, alias="is")
    min: float | None = None
    max: float | None = None
    above: float | None = None
    below: float | None = None

    @model_validator(mode="after")
    def _says_something(self):
        if self.is_ is None and all(v is None for v in (self.min, self.max, self.above, self.below)):
            raise ValueError("a `when:` condition needs `is`, `min`, `max`, `above` or `below`")
        return self


class RuleBase(Label):
    id: str
    aspect: str
    task: str
    verify: Verify
    points: float = PydField(0, ge=0)
    source: Source
    when: Condition | None = None  # applies only where this holds (rules/condition.py)
    otherwise: Literal["full", "drop"] = "full"  # where it does not: full points, or out of the total (rescaled)

    @property
    def fields(self) -> list[str]:
        return [self.field]  # type: ignore[attr-defined]

    scored: ClassVar[bool] = True  # counts toward the sheet's total
    fields_key: ClassVar[str] = "field"  # the YAML key that names the fields it reads


def kind_name(model: type[RuleBase]) -> str:
    """The `kind:` value a rule model accepts (its Literal)."""
    return model.model_fields["kind"].annotation.__args__[0]
