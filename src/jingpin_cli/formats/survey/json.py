"""JSON of a survey result: settings, counts, every community with its respondent types, and every
answer that was not counted with its place."""

from __future__ import annotations

from jingpin_cli.errors import messages
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.results.survey.record import SurveyReport, community_records, header


def render(report: SurveyReport, options: Options = PLAIN) -> str:
    result, standard = report
    lang = options.lang
    doc = {
        **header(result, standard),
        "communities": community_records(result, standard, lang),
        "problems": _problems(result.problems, lang),
    }
    return indented_json.dumps(doc) + "\n"


def _problems(problems, lang: str) -> list[dict]:
    return [{"code": p.code, "severity": p.severity, "file": p.location.file, "sheet": p.location.sheet,
             "row": p.location.row, "column": p.location.column, "header": p.location.header, "message": message}
            for p, message in zip(problems, messages(problems, lang), strict=True)]
