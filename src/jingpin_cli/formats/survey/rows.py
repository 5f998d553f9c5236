"""The flat view of a survey result shared by CSV and XLSX: one row per community and respondent
type (the community's own row first, as 全部), every measure with its valid answers and interval."""

from __future__ import annotations

from jingpin_cli.records.survey_rates import MEASURES, SurveyResult
from jingpin_cli.results.survey.record import community_records
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep


def columns(standard, lang: str = "zh") -> list[str]:
    cols = [t("survey.col.id", lang), t("survey.col.name", lang), t("survey.col.group", lang),
            t("survey.col.respondents", lang)]
    for m in MEASURES:
        measure = t(f"survey.measure.{m}", lang)
        cols += [t(f"survey.col.{c}", lang, measure=measure) for c in ("valid", "rate", "low", "high")]
    cols += [t("survey.col.excluded", lang, answers="/".join(standard.survey.excluded)), t("survey.col.notes", lang)]
    return cols


def rows(result: SurveyResult, standard, lang: str = "zh"):
    """Plain values in `columns` order; rates and bounds as percentages to one decimal."""
    for c in community_records(result, standard, lang):
        groups = [(t("survey.col.all", lang), c, sep(lang).join(c["notes"]))] + [(g["type"], g, "")
                                                                                 for g in c["by_type"]]
        for label, g, notes in groups:
            cells = [c["id"], c["name"] or "", label, g["respondents"]]
            for m in MEASURES:
                x = g[m]
                cells += [x["valid"], *(None if x[k] is None else round(x[k], 1) for k in ("rate", "low", "high"))]
            yield cells + [g["excluded"], notes]
