"""`jingpin check PATH…`: validate data files and standards files for CI; every problem at once."""

from __future__ import annotations

import os
from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    OutputOpt,
    SheetOpt,
    StandardOpt,
    WaiversOpt,
    check_fail_under,
    choose_format,
    given,
    guarded,
    rows_option,
    split_names,
    write_result,
)
from jingpin_cli.formats import Options


class CheckFormat(str, Enum):
    human = "human"
    github = "github"
    junit = "junit"
    sarif = "sarif"
    json = "json"


def check(
    paths: list[Path] = typer.Argument(..., help="check.paths"),
    standard: Path = StandardOpt,
    fmt: CheckFormat = typer.Option(None, "--format", "-f",
                                    help="check.format"),
    output: Path = OutputOpt,
    lang=LangOpt,
    sheet: str = SheetOpt,
    waivers: Path = WaiversOpt,
    fail_under: float = typer.Option(None, "--fail-under", help="check.fail_under"),
    require_eligible: list[str] = typer.Option(None, "--require-eligible",
                                               help="check.require_eligible"),
    strict: bool = typer.Option(False, "--strict", help="check.strict"),
    rows: int = rows_option("check.rows"),
):
    """Check data and standards files: every problem with file, row/line, column, code and severity.

    Exit code 0: clean; 1: problems found (errors, or warnings with --strict); 2: could not run."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.results.check.run import check as run_check
        from jingpin_cli.results.check.run import exit_code

        check_fail_under(fail_under)
        chosen = choose_format("check", fmt, output,
                               "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "human")
        result = run_check(paths, standard, sheet=sheet, waivers=waivers, fail_under=fail_under,
                           require_eligible=split_names(require_eligible))
        write_result("check", chosen, result, output, given(*paths, standard, waivers),
                     Options(lang=lang, strict=strict, rows=rows))
        return exit_code(result, strict)

    guarded(lang, work)

