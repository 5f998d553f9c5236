"""`jingpin template`: an empty data-collection sheet (Excel) or record (YAML) for the standard."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    StandardOpt,
    choose_format,
    given,
    guarded,
    load_standard_opt,
    write_result,
)


class TemplateFormat(str, Enum):
    xlsx = "xlsx"
    yaml = "yaml"


def template(
    output: Path = typer.Option(None, "--output", "-o",
                                help="template.output"),
    fmt: TemplateFormat = typer.Option(None, "--format", "-f",
                                       help="template.format"),
    standard: Path = StandardOpt,
    lang=LangOpt,
    rows: int = typer.Option(500, "--rows", min=1, max=100_000,
                             help="template.rows"),
    self_check: bool = typer.Option(False, "--self-check",
                                    help="template.self_check"),
    force: bool = typer.Option(False, "--force", help="template.force"),
):
    """Generate a data-collection template from the standard: Chinese headers with units, 有/无 dropdowns,
    an instructions sheet."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.commands.output import is_stdout
        from jingpin_cli.errors import InputError, Location, Problem
        from jingpin_cli.formats import Options

        chosen = choose_format("template", fmt, output, "yaml")
        # an existing file may be a sheet someone has filled in
        if output is not None and not is_stdout(output) and output.exists() and not force:
            raise InputError([Problem("output_exists", Location(str(output)))])
        std = load_standard_opt(standard)
        write_result("template", chosen, std, output, given(standard),
                     Options(lang=lang, form_rows=rows, self_check=self_check))
        return 0

    guarded(lang, work)
