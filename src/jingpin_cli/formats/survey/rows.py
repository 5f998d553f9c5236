"""The flat view of a survey result shared by CSV and XLSX: one row per community and respondent
type (the community's own row first, as 全部), every measure with its valid answers and interval."""

from __future__ import annotations

from jingpin_cli.records.survey_rates import MEASURES, SurveyResult
from jingpin_cli.results.survey.record import community_records
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep

RATE_COLUMNS = ("rate", "low", "high")  # per measure, after its valid answers


def columns(standard, lang: str = "zh", fractions: bool = False) -> list[str]:
    """The headers; with `fractions` (a workbook's percent cells) the rate's header drops its “(%)”,
    which the cell itself shows."""
    cols = [t("survey.col.id", lang), t("survey.col.name", lang), t("survey.col.group", lang),
            t("survey.col.respondents", lang)]
    rate = "share" if fractions else "rate"
    for m in MEASURES:
        measure = t(f"survey.measure.{m}", lang)
        cols += [t(f"survey.col.{c}", lang, measure=measure) for c in ("valid", rate, "low", "high")]
    cols += [t("survey.col.excluded", lang, answers="/".join(standard.survey.excluded)), t("survey.col.notes", lang)]
    return cols


def rate_headers(standard, lang: str = "zh") -> list[str]:
    """The headers of the rate and bound columns as `columns(…, fractions=True)` names them."""
    cols = columns(standard, lang, fractions=True)
    return [cols[4 + 4 * i + 1 + k] for i in range(len(MEASURES)) for k in range(len(RATE_COLUMNS))]


def rows(result: SurveyResult, standard, lang: str = "zh", fractions: bool = False):
    """Plain values in `columns` order; rates and bounds as percentages to one decimal, or with
    `fractions` as those percentages over 100 (0.873 for 87.3 %: a percent cell's value)."""
    scale, digits = (100, 3) if fractions else (1, 1)
    for c in community_records(result, standard, lang):
        groups = [(t("survey.col.all", lang), c, sep(lang).join(c["notes"]))] + [(g["type"], g, "")
                                                                                 for g in c["by_type"]]
        for label, g, notes in groups:
            cells = [c["id"], c["name"] or "", label, g["respondents"]]
            for m in MEASURES:
                x = g[m]
                # float(): numpy's round of a float64 is not the nearest decimal (0.8120000000000001)
                cells += [x["valid"], *(None if x[k] is None else round(float(x[k]) / scale, digits)
                                        for k in RATE_COLUMNS)]
            yield cells + [g["excluded"], notes]
