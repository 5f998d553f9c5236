"""`jingpin survey PATH`: 认知度 / 参与度 / 满意度 from raw survey answers, with 95 % intervals."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    OutputOpt,
    StandardOpt,
    choose_format,
    given,
    guarded,
    load_standard_opt,
    rows_option,
    show_warnings,
    write_result,
)
from jingpin_cli.formats import Options


class SurveyFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def survey(
    path: Path = typer.Argument(...,
                                help="survey.path"),
    standard: Path = StandardOpt,
    fmt: SurveyFormat = typer.Option(None, "--format", "-f", help="survey.format"),
    output: Path = OutputOpt,
    lang=LangOpt,
    strict: bool = typer.Option(False, "--strict",
                                help="survey.strict"),
    rows: int = rows_option("survey.rows"),
):
    """群众评议: compute 认知度 / 参与度 / 满意度 per community and respondent type from raw answers."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli import exitcodes
        from jingpin_cli.results.survey.record import SurveyReport
        from jingpin_cli.results.survey.run import load_survey

        chosen = choose_format("survey", fmt, output)
        std = load_standard_opt(standard)
        result = load_survey(path, std)
        show_warnings(result.problems, lang)
        write_result("survey", chosen, SurveyReport(result, std), output, given(path, standard),
                     Options(lang=lang, rows=rows))
        return exitcodes.FINDINGS if strict and (result.problems or result.notes) else exitcodes.OK

    guarded(lang, work)
