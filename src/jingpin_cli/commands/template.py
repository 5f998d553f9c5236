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
    form: bool = typer.Option(False, "--form", help="template.form"),
):
    """Generate a data-collection template from the standard: Chinese headers with units, 有/无 dropdowns,
    an instructions sheet."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.commands.output import is_stdout
        from jingpin_cli.errors import InputError, Location, Problem
        from jingpin_cli.formats import Options

        chosen = choose_format("template", fmt, output, "yaml")
        if form:  # the one-community form is a workbook, or nothing
            chosen = form_format(chosen, output)
        # an existing file may be a sheet someone has filled in
        if output is not None and not is_stdout(output) and output.exists() and not force:
            raise InputError([Problem("output_exists", Location(str(output)))])
        std = load_standard_opt(standard)
        write_result("template", chosen, std, output, given(standard),
                     Options(lang=lang, form_rows=rows, self_check=self_check))
        return 0

    guarded(lang, work)


def form_format(chosen: str, output: Path | None) -> str:
    """--form writes the workbook format `form`; a YAML suffix or --format yaml is refused, naming
    the suffixes it takes."""
    from jingpin_cli.errors import InputError, Location, Problem
    from jingpin_cli.formats import SUFFIXES
    from jingpin_cli.text.messages import Worded
    from jingpin_cli.text.words import sep

    if output is None:
        raise InputError([Problem("xlsx_needs_output", Location("--form"))])
    if chosen != "xlsx":
        taken = [s for s, f in SUFFIXES["template"].items() if f == "xlsx"]
        accepted = Worded.each(lambda lang: sep(lang, "list").join(taken))
        suffix = output.suffix or Worded.message("detail.no_suffix")
        raise InputError([Problem("form_needs_xlsx", Location(str(output)), {"suffix": suffix, "accepted": accepted})])
    return "form"
