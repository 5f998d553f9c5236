"""`jingpin screen DIR --top 5`: rank all communities, pick the demonstration sites, explain the
near misses and, when asked, test how much the choice hangs on the rules' points."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    OutputOpt,
    SheetOpt,
    StandardOpt,
    WaiversOpt,
    choose_format,
    given,
    guarded,
    load_standard_opt,
    run_audit,
    split_names,
    write_result,
)
from jingpin_cli.formats import Options


class ScreenFormat(str, Enum):
    table = "table"
    json = "json"
    csv = "csv"
    xlsx = "xlsx"


def screen(
    folder: Path = typer.Argument(..., help="Data folder (CSV, XLSX, YAML records) or one data file."),
    top: int = typer.Option(5, "--top", "-n", min=1, help="How many demonstration sites to pick."),
    per_street: int = typer.Option(None, "--per-street", "--per-group", min=1,
                                   help="At most this many picks per group (街道, or the pack's terms.group)."),
    include: list[str] = typer.Option(None, "--include",
                                      help="Force in an eligible community (id or name; repeat, "
                                           "or separate with commas)."),
    exclude: list[str] = typer.Option(None, "--exclude",
                                      help="Force out a community (id or name; repeat, or separate with commas)."),
    pilot: bool = typer.Option(False, "--pilot", help="Also name one pilot among the picks: the most balanced one."),
    stability: int = typer.Option(0, "--stability", min=0,
                                  help="Re-pick under this many seeded draws of perturbed rule points (e.g. 200)."),
    spread: float = typer.Option(0.2, "--spread", help="How far each rule's points may move in a draw: 0.2 = ±20 %."),
    seed: int = typer.Option(2011, "--seed", help="Seed of the stability draws (same seed, same draws)."),
    standard: Path = StandardOpt,
    fmt: ScreenFormat = typer.Option(None, "--format", "-f", help="table (default), json, csv or xlsx."),
    output: Path = OutputOpt,
    lang=LangOpt,
    sheet: str = SheetOpt,
    waivers: Path = WaiversOpt,
    strict: bool = typer.Option(False, "--strict", help="Exit 1 when fewer than --top communities could be picked."),
):
    """Rank every community and pick the demonstration sites (排查摸底与示范点选取), with reasons."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli import exitcodes
        from jingpin_cli.errors import InputError, Location, Problem
        from jingpin_cli.results.screen.near_miss import near_misses
        from jingpin_cli.results.screen.picking import screen as run_screen
        from jingpin_cli.results.screen.record import Screened

        chosen = choose_format("screen", fmt, output)
        if not 0 <= spread < 1:
            raise InputError([Problem("screen_bad_spread", Location("--spread"), {"value": spread})])
        report = run_audit(load_standard_opt(standard), folder, sheet, waivers, lang)
        result = run_screen(report, top, per_street, split_names(include), split_names(exclude), pilot)
        near = near_misses(result)
        stab = None
        if stability:
            from jingpin_cli.results.screen.stability import stability as run_stability

            stab = run_stability(result, stability, spread, seed)
        write_result("screen", chosen, Screened(result, near, stab), output, given(folder, standard, waivers),
                     Options(lang=lang))
        short = len(result.selected) < top
        return exitcodes.FINDINGS if strict and short else exitcodes.OK

    guarded(lang, work)

