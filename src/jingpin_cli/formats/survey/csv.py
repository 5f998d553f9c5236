"""CSV of a survey result: UTF-8 with BOM so that Excel on Chinese Windows opens it right."""

from __future__ import annotations

import csv
import io

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.survey.rows import columns, rows
from jingpin_cli.records.survey_rates import SurveyResult


def render(result: SurveyResult, standard, lang: str = "zh") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns(standard, lang)])  # a header may quote the pack's words
    for row in rows(result, standard, lang):
        writer.writerow(["" if v is None else safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()
