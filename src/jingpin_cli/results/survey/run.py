"""`jingpin survey PATH`: read survey answers from a file, a surveys folder or a data folder, and compute
the rates."""

from __future__ import annotations

from pathlib import Path

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.files import exists_or_link
from jingpin_cli.records.load import data_files, load_records
from jingpin_cli.records.survey_rates import SurveyResult
from jingpin_cli.records.surveys import (
    SURVEYS_DIR,
    match_communities,
    read_answers,
    summarize_answers,
    survey_files,
)
from jingpin_cli.standard.models import Standard


def load_survey(path: str | Path, standard: Standard, sheet: str | None = None) -> SurveyResult:
    """`jingpin survey PATH`: a surveys file, a surveys folder, or a data folder holding surveys/
    (then answers are matched to the folder's communities, and the folder must load)."""
    path = Path(path)
    if not exists_or_link(path):
        raise InputError([Problem("not_found", Location(str(path)))])
    if standard.survey is None:
        raise InputError([Problem("survey_not_in_standard", Location(str(path)), {"standard": standard.id})])
    if path.is_dir() and (path / SURVEYS_DIR).is_dir():
        if data_files(path):
            records = load_records(path, standard, sheet)
            return records.survey
    files = survey_files(path)
    if not files:
        raise InputError([Problem("survey_no_files", Location(str(path)))])
    answers = read_answers(files, standard)
    errors = [p for p in answers.problems if p.severity == "error"]
    if errors:
        raise InputError(answers.problems)
    ids, _ = match_communities(answers, None)
    return summarize_answers(answers, ids, standard)
