"""The canonical record of `jingpin survey`, which every survey format renders: per community the
totals and each respondent type, each measure with its Wilson 95 % interval and the bar it must clear,
and the notes (a small sample, a respondent type not asked)."""

from __future__ import annotations

from typing import NamedTuple, TypedDict

import pandas as pd

from jingpin_cli.records.survey_rates import MEASURES, SurveyResult
from jingpin_cli.rules import KINDS
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep


class SurveyReport(NamedTuple):
    """What the survey formats render: the rates and the standard they are measured against."""

    result: SurveyResult
    standard: Standard


class Measure(TypedDict):
    yes: int
    valid: int
    rate: float | None  # %
    low: float | None  # the 95 % interval, %
    high: float | None
    required: float | None  # the standard's bar, %
    meets: bool | None
    surely_meets: bool | None  # the whole interval clears the bar


class SurveyCommunity(TypedDict, total=False):
    """One community (and, under by_type, one respondent type: `type` instead of id/name)."""

    id: str
    name: str | None
    respondents: int
    excluded: int
    awareness: Measure
    participation: Measure
    satisfaction: Measure
    by_type: list[dict]
    notes: list[str]


def thresholds(standard) -> dict[str, float | None]:
    """The minimum of each measure: the `min` of the standard's rate rule on its field."""
    mins = {r.field: r.min for r in standard.rules if KINDS[r.kind].SURVEYED}
    return {m: mins.get(f) for m, (_, f) in MEASURES.items()}


def note_text(note: dict, lang: str = "zh") -> str:
    p = note["params"]
    if note["code"] == "small_sample":
        names = sep(lang, "list").join(t(f"survey.measure.{m}", lang) for m in p["measures"])
        return t("survey.note.small_sample", lang, measure=names, n=p["n"], min=p["min"])
    return t("survey.note.missing_type", lang, types="、".join(p["types"]))


def _measure(row: dict, m: str, minimum: float | None) -> Measure:
    def pct(x):
        return None if pd.isna(x) else round(float(x), 2)

    rate, low = pct(row[f"{m}_rate"]), pct(row[f"{m}_low"])
    return {"yes": int(row[f"{m}_yes"]), "valid": int(row[f"{m}_n"]), "rate": rate, "low": low,
            "high": pct(row[f"{m}_high"]), "required": minimum,
            "meets": None if rate is None or minimum is None else rate >= minimum,
            # the whole 95 % interval clears the bar: the sample is large enough to be sure
            "surely_meets": None if low is None or minimum is None else low >= minimum}


def _group(row: dict, mins: dict) -> dict:
    return {"respondents": int(row["respondents"]), "excluded": int(row["excluded"]),
            **{m: _measure(row, m, mins[m]) for m in MEASURES}}


def community_records(result: SurveyResult, standard, lang: str = "zh") -> list[SurveyCommunity]:
    """One dict per community: totals, each measure with its interval, the respondent types, notes."""
    mins = thresholds(standard)
    notes_by = {}
    for n in result.notes:
        notes_by.setdefault(n["community"], []).append(note_text(n, lang))
    types: dict = {}  # community -> its respondent-type groups, in by_type's order
    for (cid, kind), row in zip(result.by_type.index, result.by_type.to_dict("records"), strict=True):
        types.setdefault(cid, []).append({"type": str(kind), **_group(row, mins)})
    out = []
    for cid, row in zip(result.totals.index, result.totals.to_dict("records"), strict=True):  # one per community
        out.append({
            "id": str(cid), "name": None if pd.isna(row["name"]) else str(row["name"]), **_group(row, mins),
            "by_type": types.get(cid, []),
            "notes": notes_by.get(cid, []),
        })
    return out


def header(result: SurveyResult, standard) -> dict:
    s = standard.survey
    return {
        "standard": {"id": standard.id, "version": standard.version},
        "settings": {"satisfied": s.satisfied, "not_satisfied": s.not_satisfied, "excluded": s.excluded,
                     "respondent_types": s.respondent_types, "min_sample": s.min_sample, "confidence": 0.95,
                     "interval": "wilson", "required": thresholds(standard)},
        "files": result.files,
        "counts": result.counts,
    }
