"""`jingpin audit DIR`: score every community of a data folder and report its gaps."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    TERMINAL_ROWS,
    IdsOpt,
    LangOpt,
    OutputOpt,
    SheetOpt,
    StandardOpt,
    WaiversOpt,
    check_fail_under,
    choose_format,
    given,
    guarded,
    load_standard_opt,
    run_audit,
    write_result,
)
from jingpin_cli.formats import Options


class AuditFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    xlsx = "xlsx"
    docx = "docx"


def audit(
    folder: Path = typer.Argument(..., help="audit.folder"),
    community: str = typer.Option(None, "--community", "-c", help="audit.community"),
    standard: Path = StandardOpt,
    fmt: AuditFormat = typer.Option(None, "--format", "-f", help="audit.format"),
    output: Path = OutputOpt,
    lang=LangOpt,
    sheet: str = SheetOpt,
    fail_under: float = typer.Option(None, "--fail-under", help="audit.fail_under"),
    strict: bool = typer.Option(False, "--strict", help="opt.strict"),
    waivers: Path = WaiversOpt,
    rows: int = typer.Option(TERMINAL_ROWS, "--rows", min=0,
                             help="audit.rows"),
    ids: bool = IdsOpt,
):
    """Score every community against the standard: score, grade, eligibility and every gap."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli import exitcodes

        check_fail_under(fail_under)
        chosen = choose_format("audit", fmt, output)  # a suffix it cannot write is refused before the work
        report = run_audit(load_standard_opt(standard), folder, sheet, waivers, lang)
        cid = report.find(community, "--community") if community else None
        if cid is not None:
            report = report.only(cid)
        write_result("audit", chosen, report, output, given(folder, standard, waivers),
                     Options(lang=lang, community=cid, rows=rows, ids=ids))
        return exitcodes.for_audit(report.summary, fail_under, strict)

    guarded(lang, work)
