"""The pydantic ground every rule model stands on: strict models, bilingual labels, sources, and
RuleBase (the keys every rule has). standard.models builds the pack on these; each kind module
(rules/<kind>.py) derives its own rule model from RuleBase."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, WithJsonSchema, model_validator
from pydantic import Field as PydField
from pydantic_core import PydanticCustomError

from jingpin_cli.text.messages import MESSAGES

# how a rule is verified, as scoring sheets say it; besides these, any “由…考核” / “…组织考核”
# (“由市委组织部考核”: another body scores it)
VERIFY_METHODS = ("材料审核", "实地察看", "问卷调查", "查资料", "看现场", "问卷", "座谈", "听汇报", "查台账")
VERIFY_BY_OTHERS = re.compile(r"由.+(?:考核|验收|评定)|.+组织(?:考核|验收)")


def pack_error(code: str, english: str | None = None, **ctx) -> PydanticCustomError:
    """A validation error of a rule's own check, worded for the user by the message
    `pydantic.<code>` (standard/load.py); `english` is what pydantic itself shows (default: that
    message's English)."""
    return PydanticCustomError(code, english or MESSAGES[f"pydantic.{code}"][1], ctx or None)


def _known_methods(value: str | list[str]) -> str | list[str]:
    methods = [value] if isinstance(value, str) else value
    if not methods:
        raise pack_error("verify_empty", "give at least one verification method")
    for method in methods:
        if method not in VERIFY_METHODS and not VERIFY_BY_OTHERS.fullmatch(method):
            raise pack_error("verify_method", "unknown verification method '{method}' (accepted: {accepted})",
                             method=method, accepted="、".join(VERIFY_METHODS))
    return value


_METHOD_SCHEMA = {"anyOf": [{"enum": list(VERIFY_METHODS)},
                            {"type": "string", "pattern": "^(由.+(考核|验收|评定)|.+组织(考核|验收))$"}]}
# one method, or a list of them; the schema lists the words, so that an editor offers them
Verify = Annotated[str | list[str], AfterValidator(_known_methods), WithJsonSchema(
    {"anyOf": [_METHOD_SCHEMA, {"type": "array", "items": _METHOD_SCHEMA, "minItems": 1}],
     "description": "how it is verified: one method or a list of them"})]
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
            raise pack_error("source_one_of",
                             "give exactly one of `quote` (the report's words) or `local` (the reason)")
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
            raise pack_error("when_empty")
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
    def drops_out(self) -> bool:
        """Where it does not apply, it leaves the total (and its aspect), which is rescaled."""
        return self.when is not None and self.otherwise == "drop"

    @property
    def conditions(self) -> list[tuple[tuple, Condition]]:
        """Each `when:` of the rule with its path in the rule, checked against the catalog alike."""
        return [(("when",), self.when)] if self.when is not None else []

    @property
    def fields(self) -> list[str]:
        return [self.field]  # type: ignore[attr-defined]

    @property
    def verify_text(self) -> str:
        """How it is verified, as reports show it: a list joined with “、”."""
        return self.verify if isinstance(self.verify, str) else "、".join(self.verify)

    scored: ClassVar[bool] = True  # counts toward the sheet's total
    fields_key: ClassVar[str] = "field"  # the YAML key that names the fields it reads


def kind_name(model: type[RuleBase]) -> str:
    """The `kind:` value a rule model accepts (its Literal)."""
    return model.model_fields["kind"].annotation.__args__[0]
