"""`jingpin diff OLD NEW`: what changed between two audits (data folders or JSON reports)."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    IdsOpt,
    LangOpt,
    OutputOpt,
    StandardOpt,
    choose_format,
    given,
    guarded,
    load_standard_opt,
    rows_option,
    show_warnings,
    stderr,
    write_result,
)
from jingpin_cli.formats import Options


class DiffFormat(str, Enum):
    table = "table"
    json = "json"
    md = "md"
    html = "html"
    docx = "docx"
    csv = "csv"
    xlsx = "xlsx"


def diff(
    old: Path = typer.Argument(...,
                               help="diff.old"),
    new: Path = typer.Argument(..., help="diff.new"),
    standard: Path = StandardOpt,
    fmt: DiffFormat = typer.Option(None, "--format", "-f", help="diff.format"),
    output: Path = OutputOpt,
    lang=LangOpt,
    sheet: str = typer.Option(None, "--sheet",
                              help="diff.sheet"),
    ids: bool = IdsOpt,
    rows: int = rows_option("diff.rows"),
):
    """Before and after a creation round: per community the score and grade change, gaps closed and opened;
    district totals."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli import exitcodes
        from jingpin_cli.formats.diff.common import standard_name, word
        from jingpin_cli.results.diff.compare import compare, load_sides

        chosen = choose_format("diff", fmt, output)
        std = load_standard_opt(standard)
        before, after = load_sides(old, new, std, sheet, lang)
        for side in (before, after):
            show_warnings(side.warnings, lang)
        result = compare(before, after, std)
        if not result["same_standard"]:
            stderr(word("standards_differ", lang, a=standard_name(result["old"]), b=standard_name(result["new"])))
        write_result("diff", chosen, result, output, given(old, new, standard), Options(lang=lang, ids=ids, rows=rows))
        return exitcodes.OK

    guarded(lang, work)
