"""CSV of a survey result (the kit's CSV writer: UTF-8 with BOM so that Excel on Chinese Windows
opens it right)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.csv import csv_text
from jingpin_cli.formats.survey.rows import columns, rows
from jingpin_cli.results.survey.record import SurveyReport


def render(report: SurveyReport, options: Options = PLAIN) -> str:
    result, standard = report
    return csv_text(columns(standard, options.lang), rows(result, standard, options.lang))
