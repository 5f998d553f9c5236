"""JSON of a survey result: settings, counts, every community with its respondent types, and every
answer that was not counted with its place."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.results.survey.record import SurveyReport, community_records, header


def render(report: SurveyReport, options: Options = PLAIN) -> str:
    result, standard = report
    lang = options.lang
    doc = {
        **header(result, standard),
        "communities": community_records(result, standard, lang),
        "problems": [_problem(p, lang) for p in result.problems],
    }
    return indented_json.dumps(doc) + "\n"


def _problem(p, lang: str) -> dict:
    loc = p.location
    return {"code": p.code, "severity": p.severity, "file": loc.file, "sheet": loc.sheet, "row": loc.row,
            "column": loc.column, "header": loc.header, "message": p.message(lang)}
