"""Formats of `jingpin survey`: each renders a SurveyReport (the rates and the standard they are
measured against) with the one Options of every format."""

from __future__ import annotations

from typing import Any, NamedTuple


class SurveyReport(NamedTuple):
    result: Any  # records.survey_rates.SurveyResult
    standard: Any  # standard.models.Standard
