"""Pydantic models of a standards pack. Unknown keys are rejected; cross-references are checked once,
on load, so the engine can trust the standard it is given."""

from __future__ import annotations

import unicodedata
from functools import cached_property
from typing import Annotated, Literal, NamedTuple, Union

from pydantic import Field as PydField
from pydantic import ValidationInfo, field_validator, model_validator

from jingpin_cli.rules import KINDS, LISTENERS
from jingpin_cli.rules.base import BONUS
from jingpin_cli.rules.model import Label, Model, Source, pack_error
from jingpin_cli.text.messages import Worded, exact, pick, t
from jingpin_cli.text.numbers import count_word

FieldType = Literal["text", "int", "num", "bool", "rate", "score", "level"]
NUMERIC_TYPES = ("int", "num", "rate", "score")


def fold_word(text: str) -> str:
    """A level word as compared: NFKC (full-width to half-width), no spaces, case folded."""
    return "".join(unicodedata.normalize("NFKC", text).split()).casefold()


class Unit(Model):
    zh: str
    en: str = ""
    accept: dict[str, float]  # spelling in a cell or header -> factor to the canonical unit


class Level(Model):
    """One word of a level field (好 / 较好 / 一般 / 没有): how it is written, in English, and other
    spellings a cell may hold."""

    zh: str = PydField(min_length=1)
    en: str = ""
    aliases: list[str] = []

    @property
    def spellings(self) -> list[str]:
        return [s for s in (self.zh, self.en, *self.aliases) if s]


class Field(Model):
    key: str
    zh: str
    en: str = ""
    type: FieldType
    unit: str | None = None
    aliases: list[str] = []
    period: Label | None = None  # what a count covers (年度 / 每季度 / 近三年): said in messages and templates
    levels: list[Level] = []  # type level: its words, best first

    @field_validator("levels", mode="before")
    @classmethod
    def _words(cls, value):
        # `levels: [好, 较好]` is short for `levels: [{zh: 好}, {zh: 较好}]`
        return [{"zh": v} if isinstance(v, str) else v for v in value] if isinstance(value, list) else value

    @model_validator(mode="after")
    def _levels_fit_type(self):
        if self.type == "level" and len(self.levels) < 2:
            raise pack_error("levels_too_few", field=self.key)
        if self.type != "level" and self.levels:
            raise pack_error("levels_not_level", field=self.key, type=self.type)
        seen: dict[str, str] = {}
        for level in self.levels:
            for spelling in level.spellings:
                other = seen.setdefault(fold_word(spelling), level.zh)
                if other != level.zh:
                    raise pack_error("levels_spelling_twice", spelling=spelling, field=self.key, one=other,
                                     two=level.zh)
        return self

    @cached_property
    def level_words(self) -> dict[str, str]:
        """Every accepted spelling (folded: fold_word) -> the level's word (its zh)."""
        return {fold_word(s): level.zh for level in self.levels for s in level.spellings}


class ItemList(Label):
    items: list[str] = PydField(min_length=1)


class Task(Label):
    id: str


class Aspect(Label):
    id: str
    points: float
    source: Source
    tasks: list[Task]


class Gate(Label):
    id: str
    rules: list[str]
    source: Source


class Grade(Label):
    """A band: the first one (top-down) whose every condition holds is the community's grade."""

    id: str
    min_score: float
    min_aspect_share: float = PydField(0, ge=0, le=1)
    min_aspect_points: dict[str, float] = {}  # aspect id -> its points at least (“组织建设 ≥ 25 分”)
    min_each_aspect: float | None = None  # every aspect at least this many points (“每颗星单项得分80分以上”)
    min_stars: int | None = PydField(None, ge=0)  # at least this many stars (needs the pack's `stars:`)
    rules_pass: list[str] = []  # each of these rules must pass (“且有党建创新项目”)
    with_bonus: bool = True  # whether the total tested includes the bonus (附加分是否计入)

    @property
    def conditioned(self) -> bool:
        """Beyond a total and a share per aspect: what a plain score band cannot say."""
        return bool(self.min_aspect_points or self.min_each_aspect is not None or self.min_stars is not None
                    or self.rules_pass or not self.with_bonus)


class Stars(Model):
    """星级: an aspect earns a star when its score reaches the bar (“每颗星80分以上获得该星”)."""

    min_share: float | None = PydField(None, gt=0, le=1)  # of the aspect's points
    min_points: float | None = PydField(None, gt=0)  # in points
    source: Source | None = None

    @model_validator(mode="after")
    def _one_bar(self):
        if (self.min_share is None) == (self.min_points is None):
            raise pack_error("stars_one_bar")
        return self


class Eligibility(Model):
    """What else a community needs to be eligible, beyond gates and vetoes (“总分85分以上方可推荐”)."""

    min_score: float | None = None  # the score (with bonus, after penalties)
    min_stars: int | None = PydField(None, ge=0)
    min_grade: str | None = None  # only those graded this band or better (“达到…条件的社区中…推荐”)
    source: Source | None = None


class Screening(Model):
    """How many `screen` picks: a share of the eligible communities (“按通过验收社区数的10%择优推荐”)."""

    quota: float = PydField(gt=0, le=1)
    rounding: Literal["round", "floor", "ceil"] = "round"  # round: 四舍五入 (half up)
    per_street: bool = False  # the share of each street's eligible communities, not the district's
    of_grade: str | None = None  # a share of those graded this band or better (通过验收的), not of the eligible
    source: Source | None = None


NOT_GRADED = {"id": "not_graded", "zh": "未分等次", "en": "not graded", "min_score": 0}


class Scoring(Model):
    total: float = 100
    partial_credit: Literal["proportional", "none"] = "proportional"
    bonus_cap: float | None = PydField(None, ge=0)  # None: bonus points are not capped overall
    source: Source


class Survey(Model):
    respondent_types: list[str]
    respondent_types_source: Source
    satisfied: list[str]
    not_satisfied: list[str]
    excluded: list[str]
    min_sample: int = PydField(30, ge=1)
    min_sample_source: Source


class SelfAssessment(Model):
    """自评 vs 核查: where a record gives both a self-reported and an inspected value, the inspected
    one is scored and a difference beyond the tolerance is listed as a discrepancy."""

    relative: float = PydField(10, ge=0)  # counts and areas: % of the inspected value
    points: float = PydField(5, ge=0)  # rates (percentage points) and inspection scores (points)
    fields: dict[str, float] = {}  # per field, in the field's unit; overrides the two above
    uninspected: Literal["self", "unknown"] = "self"  # no inspected value: score the self-report, or leave unknown
    source: Source = Source(local="默认值：数量和面积允许相差核查值的10%，比率和考评分允许相差5个百分点（分）。")


class Terms(Model):
    """The pack's own words for what reports name: what its gate group is called (三有一化, 基本条件,
    否决条件) and the unit communities are grouped by in the `street` field (街道, 镇, 区县)."""

    gates: Label = Label(zh="基本条件", en="baseline")
    group: Label = Label(zh="街道", en="street")


class Document(Model):
    title: str
    issuer: str = ""
    date: str = ""


# ---- rule kinds -------------------------------------------------------------------------------
# Each kind's model lives in its module (rules/<kind>.py); the union of them is built from the
# registry (jingpin_cli.rules.KINDS) whenever the schema is built, so a registered kind is accepted.


class Rule:
    """A rule of any registered kind: the pydantic union of the kinds' models, told apart by `kind`."""

    @classmethod
    def __get_pydantic_core_schema__(cls, source, handler):
        models = tuple(registered.MODEL for registered in KINDS.values())
        union = Union[models] if len(models) > 1 else models[0]  # noqa: UP007 (a runtime tuple of types)
        return handler.generate_schema(Annotated[union, PydField(discriminator="kind")])


def field_types(kind: str) -> tuple[str, ...]:
    """What a rule kind may read: the engine relies on it."""
    return KINDS[kind].FIELD_TYPES


class Inconsistency(NamedTuple):
    """A cross-reference of the pack that does not hold: where in the YAML, what, and its problem code
    (the code comes from the check that found it, never from the wording)."""

    path: tuple
    message: str  # in English, for the schema's own ValueError; users read the code's message
    code: str = "standard_invalid"
    params: dict | None = None  # the code's message parameters (standard_invalid: the message itself)


class Standard(Model):
    id: str
    version: str
    title: Label
    document: Document
    goal: Source | None = None
    scoring: Scoring
    aspects: list[Aspect]
    gates: list[Gate] = []
    grades: list[Grade] = []  # none: every community is in one band, NOT_GRADED (a sheet without grades)
    veto_grade: Label = Label(zh="一票否决", en="Vetoed")
    grades_source: Source | None = None
    survey: Survey | None = None  # none: a surveys/ folder is not read (a sheet without a resident survey)
    stars: Stars | None = None  # none: no stars are counted or shown
    eligibility: Eligibility = Eligibility()
    screening: Screening | None = None  # none: `screen --top N` (or --quota)
    units: dict[str, Unit]
    ignore_headers: list[str] = []
    fields: list[Field]
    lists: dict[str, ItemList] = {}
    rules: list[Rule]
    self_assessment: SelfAssessment = SelfAssessment()
    terms: Terms = Terms()

    @model_validator(mode="before")
    @classmethod
    def _one_band_without_grades(cls, data):
        if isinstance(data, dict) and not data.get("grades"):
            data = {**data, "grades": [NOT_GRADED]}
        return data

    @model_validator(mode="after")
    def _consistent(self, info: ValidationInfo):
        # load_standard defers these checks to report each one at its file and line
        if not (info.context or {}).get("defer_checks"):
            errors = self.consistency_errors()
            if errors:
                raise ValueError("; ".join(f"{dotted_path(e.path)}: {e.message}" for e in errors))
        return self

    def consistency_errors(self) -> list[Inconsistency]:
        """Cross-references a schema cannot express: (path in the YAML, message, problem code) each."""
        errors: list[Inconsistency] = []

        def bad(path: tuple, message: str, code: str = "standard_invalid", **params) -> None:
            errors.append(Inconsistency(path, message, code, params or None))

        def invalid(path: tuple, check: str, **params) -> None:
            """standard_invalid, worded in the user's language (the English also goes to ValueError)."""
            bad(path, t(f"check.{check}", "en", **params), detail=Worded.message(f"check.{check}", **params))

        fields = {f.key: f for f in self.fields}
        for dup in _duplicates([f.key for f in self.fields]):
            invalid(("fields",), "field_twice", item=dup)
        for key in ("id", "name"):
            if key not in fields:
                invalid(("fields",), "catalog_needs", item=key)
        for i, f in enumerate(self.fields):
            if f.unit is not None and f.unit not in self.units:
                invalid(("fields", i, "unit"), "unknown_unit", field=f.key, unit=f.unit)
        for name, item_list in self.lists.items():
            for key in item_list.items:
                if key not in fields or fields[key].type != "bool":
                    invalid(("lists", name), "list_not_bool", name=name, item=key)
        for i, rule in enumerate(self.rules):
            for dup in _duplicates(rule.fields):
                bad(("rules", i, rule.fields_key), f"'{dup}' is listed twice", "standard_repeated_item", item=dup)
        ids = [r.id for r in self.rules]
        aspects = {a.id: a for a in self.aspects}
        for i, rule in enumerate(self.rules):
            if rule.id in ids[:i]:
                invalid(("rules", i, "id"), "rule_id_twice", id=rule.id)
            aspect = aspects.get(rule.aspect)
            if aspect is None:
                invalid(("rules", i, "aspect"), "unknown_aspect", aspect=rule.aspect, known=", ".join(aspects))
            elif rule.task not in {t.id for t in aspect.tasks}:
                invalid(("rules", i, "task"), "unknown_task", aspect=rule.aspect, task=rule.task)
            for where, condition in rule.conditions:  # the rule's `when:`, and a deduction item's
                if condition.field not in fields:
                    bad(("rules", i, *where, "field"), f"the condition reads unknown field '{condition.field}'",
                        "standard_unknown_field", field=condition.field)
                else:
                    for problem in condition_problems(condition, fields[condition.field]):
                        invalid(("rules", i, *where), problem, field=condition.field)
            for key in rule.fields:
                where = ("rules", i, rule.fields_key)
                if key not in fields:
                    bad(where, f"reads unknown field '{key}'", "standard_unknown_field", field=key)
                elif fields[key].type not in field_types(rule.kind):
                    invalid(where, "kind_cannot_read", kind=rule.kind, type=fields[key].type, item=key)
            check = getattr(KINDS[rule.kind], "check", None)  # the kind's own cross-references, if any
            if check is not None and all(key in fields for key in rule.fields):
                for path, message in check(rule, fields):  # worded by the kind, in both languages
                    bad(("rules", i, *path), message.render("en"), detail=message)
        for i, a in enumerate(self.aspects):
            got = sum(r.points for r in self.rules if r.aspect == a.id and r.scored)
            if abs(got - a.points) > 1e-9:
                bad(("aspects", i, "points"), f"'{a.id}' is worth {a.points:g} but its rules add up to {got:g}",
                    "standard_points", what=Worded.message("standard.points_of_aspect", aspect=a.id),
                    got=f"{got:g}", want=f"{a.points:g}")
        total = sum(a.points for a in self.aspects)
        if abs(total - self.scoring.total) > 1e-9:
            bad(("scoring", "total"), f"the aspects add up to {total:g}, scoring.total is {self.scoring.total:g}",
                "standard_points", what=Worded.message("standard.points_of_aspects"), got=f"{total:g}",
                want=f"{self.scoring.total:g}")
        rule_ids = set(ids)
        for i, g in enumerate(self.gates):
            for rid in g.rules:
                if rid not in rule_ids:
                    invalid(("gates", i, "rules"), "gate_unknown_rule", gate=g.id, rule=rid)
        aspect_ids = [a.id for a in self.aspects]
        for i, g in enumerate(self.grades):
            for aid in g.min_aspect_points:
                if aid not in aspects:
                    invalid(("grades", i, "min_aspect_points", aid), "grade_unknown_aspect", grade=g.id, aspect=aid,
                            known=", ".join(aspect_ids))
            for rid in g.rules_pass:
                if rid not in rule_ids:
                    invalid(("grades", i, "rules_pass"), "grade_unknown_rule", grade=g.id, rule=rid)
            if g.min_stars is not None and self.stars is None:
                invalid(("grades", i, "min_stars"), "stars_needed")
            if g.min_stars is not None and g.min_stars > len(self.aspects):
                invalid(("grades", i, "min_stars"), "too_many_stars", stars=g.min_stars, n=len(self.aspects))
        if self.eligibility.min_stars is not None and self.stars is None:
            invalid(("eligibility", "min_stars"), "stars_needed")
        if self.eligibility.min_grade is not None and self.eligibility.min_grade not in {g.id for g in self.grades}:
            invalid(("eligibility", "min_grade"), "unknown_grade", grade=self.eligibility.min_grade)
        if self.screening is not None and self.screening.of_grade is not None \
                and self.screening.of_grade not in {g.id for g in self.grades}:
            invalid(("screening", "of_grade"), "unknown_grade", grade=self.screening.of_grade)
        if not self.grades or self.grades[-1].min_score > 0:
            invalid(("grades",), "last_band")
        if [g.min_score for g in self.grades] != sorted((g.min_score for g in self.grades), reverse=True):
            invalid(("grades",), "band_order")
        for key in self.self_assessment.fields:
            if key not in fields:
                invalid(("self_assessment", "fields", key), "unknown_field", item=key)
        return errors

    # ---- look-ups used everywhere ----------------------------------------------------------
    def field(self, key: str) -> Field:
        return self.field_map[key]

    @cached_property
    def field_map(self) -> dict[str, Field]:
        return {f.key: f for f in self.fields}

    @cached_property
    def graded_by_conditions(self) -> bool:
        """Whether a grade needs more than a total and an aspect share, or stars are counted: then every
        report explains each community's grade (grade_reason)."""
        return self.stars is not None or any(g.conditioned for g in self.grades)

    @cached_property
    def max_score(self) -> float:
        """The highest score a community can reach: the total and every bonus point it may add (the
        caps that are stated: an uncapped bonus adds none here, so charts scale to the data as well)."""
        bonus = [r.cap or 0 for r in self.rules if KINDS[r.kind].ROLE == BONUS]
        cap = self.scoring.bonus_cap
        return self.scoring.total + (sum(bonus) if cap is None else cap)

    def grade(self, grade_id: str) -> Label:
        """A band by id; `veto` is the veto grade."""
        return self.veto_grade if grade_id == "veto" else next(g for g in self.grades if g.id == grade_id)

    def grades_from(self, grade_id: str) -> list[str]:
        """The band `grade_id` and every band above it (bands are listed from the top down)."""
        ids = [g.id for g in self.grades]
        return ids[:ids.index(grade_id) + 1]

    def rule(self, rule_id: str):
        return next(r for r in self.rules if r.id == rule_id)

    def aspect(self, aspect_id: str) -> Aspect:
        return next(a for a in self.aspects if a.id == aspect_id)

    def words(self, lang: str = "zh") -> dict[str, str]:
        """The pack's own words as message parameters: {gates}, {group} (capitalised: {Gates},
        {Group}), {group_column} (the street column's header) and {aspects_n} (五, five)."""
        gates, group = pick(self.terms.gates, lang), pick(self.terms.group, lang)
        street = self.field_map.get("street")
        # the column shows the street field, so it is headed by that field's label (所属街道); English
        # reports keep the short group word, as they always have
        column = t("pack.group_column", lang, group=group, street=street.zh if street is not None else "所属" + group)
        return {"gates": gates, "Gates": gates[:1].upper() + gates[1:], "group": group,
                "Group": group[:1].upper() + group[1:], "group_column": column,
                "aspects_n": count_word(len(self.aspects), lang)}

    def unit_label(self, key: str, lang: str = "zh") -> str:
        unit = self.field(key).unit
        if unit is None:
            return ""
        return exact(self.units[unit], lang)


def condition_problems(condition, field: Field) -> list[str]:
    """What a `when:` asks that its field cannot give: bounds on a field that is not a number, or an
    `is` value of another type than the field's (it would silently match nobody)."""
    bounds = any(v is not None for v in (condition.min, condition.max, condition.above, condition.below))
    out = ["when_bounds"] if bounds and field.type not in NUMERIC_TYPES else []
    if condition.is_ is not None:
        wanted = condition.is_ if isinstance(condition.is_, list) else [condition.is_]
        fits = {"bool": lambda w: isinstance(w, bool),
                "text": lambda w: isinstance(w, str), "level": lambda w: isinstance(w, str)}.get(
            field.type, lambda w: isinstance(w, int | float) and not isinstance(w, bool))
        out += ["when_is_type"] if not all(fits(w) for w in wanted) else []
    return out


def _duplicates(values: list[str]) -> list[str]:
    seen: set[str] = set()
    return sorted({v for v in values if v in seen or seen.add(v)})


def dotted_path(path: tuple) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def rebuild() -> None:
    """Build the pack schema again from the registry (rules.register calls it)."""
    Standard.model_rebuild(force=True)


LISTENERS.append(rebuild)
