"""`jingpin template`: an empty data-collection sheet (Excel) or record (YAML) for the standard."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    StandardOpt,
    chosen_format,
    emit,
    given,
    guarded,
    load_standard_opt,
    require_output_for_xlsx,
)


class TemplateFormat(str, Enum):
    xlsx = "xlsx"
    yaml = "yaml"


def template(
    output: Path = typer.Option(None, "--output", "-o",
                                help="File to write, e.g. 排查摸底表.xlsx or 社区.yaml (format from the suffix)."),
    fmt: TemplateFormat = typer.Option(None, "--format", "-f",
                                       help="xlsx (one row per community) or yaml (one community). Default: "
                                            "from -o, else yaml."),
    standard: Path = StandardOpt,
    lang=LangOpt,
    rows: int = typer.Option(500, "--rows", min=1, max=100_000,
                             help="Excel rows that get dropdowns and number checks."),
    self_check: bool = typer.Option(False, "--self-check",
                                    help="Two columns per scored field: （自评） for the community, "
                                         "（核查） for the inspectors."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
):
    """Generate a data-collection template from the standard: Chinese headers with units, 有/无 dropdowns,
    an instructions sheet."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.errors import InputError, Location, Problem
        from jingpin_cli.formats import SUFFIXES, Options, renderer

        chosen = chosen_format(fmt, output, SUFFIXES["template"], "yaml")
        require_output_for_xlsx(chosen, output)
        if output is not None and output.exists() and not force:  # it may be a sheet someone has filled in
            raise InputError([Problem("output_exists", Location(str(output)))])
        std = load_standard_opt(standard)
        content = renderer("template", chosen).render(std, Options(lang=lang, form_rows=rows, self_check=self_check))
        emit(content, output, given(standard), lang)
        return 0

    guarded(lang, work)
