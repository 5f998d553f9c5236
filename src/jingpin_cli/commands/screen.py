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
    rows_option,
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
    docx = "docx"


def screen(
    folder: Path = typer.Argument(..., help="screen.folder"),
    top: int = typer.Option(None, "--top", "-n", min=1,
                            help="screen.top"),
    quota: str = typer.Option(None, "--quota",
                              help="screen.quota"),
    rounding: str = typer.Option(None, "--rounding",
                                 help="screen.rounding"),
    quota_per_street: bool = typer.Option(False, "--quota-per-street", "--quota-per-group",
                                          help="screen.quota_per_street"),
    per_street: int = typer.Option(None, "--per-street", "--per-group", min=1,
                                   help="screen.per_street"),
    include: list[str] = typer.Option(None, "--include",
                                      help="screen.include"),
    exclude: list[str] = typer.Option(None, "--exclude",
                                      help="screen.exclude"),
    pilot: bool = typer.Option(False, "--pilot", help="screen.pilot"),
    stability: int = typer.Option(0, "--stability", min=0,
                                  help="screen.stability"),
    spread: float = typer.Option(0.2, "--spread", help="screen.spread"),
    seed: int = typer.Option(2011, "--seed", help="screen.seed"),
    standard: Path = StandardOpt,
    fmt: ScreenFormat = typer.Option(None, "--format", "-f", help="screen.format"),
    output: Path = OutputOpt,
    lang=LangOpt,
    sheet: str = SheetOpt,
    waivers: Path = WaiversOpt,
    strict: bool = typer.Option(False, "--strict", help="screen.strict"),
    rows: int = rows_option("screen.rows"),
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
        std = load_standard_opt(standard)
        share = parse_quota(quota) if quota is not None else None
        chosen_quota = quota_of(std, top, share, rounding, quota_per_street)
        report = run_audit(std, folder, sheet, waivers, lang)
        result = run_screen(report, top or 5, per_street, split_names(include), split_names(exclude), pilot,
                            chosen_quota)
        near = near_misses(result)
        stab = None
        if stability:
            from jingpin_cli.results.screen.stability import stability as run_stability

            stab = run_stability(result, stability, spread, seed)
        write_result("screen", chosen, Screened(result, near, stab), output, given(folder, standard, waivers),
                     Options(lang=lang, rows=rows))
        short = len(result.selected) < result.top
        return exitcodes.FINDINGS if strict and short else exitcodes.OK

    guarded(lang, work)



def parse_quota(text: str) -> float:
    """`10%` or `0.1` -> 0.1; anything else, or outside (0, 1], is a bad option (exit 2)."""
    from jingpin_cli.errors import InputError, Location, Problem

    raw = text.strip()
    try:
        share = float(raw[:-1].strip()) / 100 if raw.endswith(("%", "％")) else float(raw)
    except ValueError:
        share = float("nan")
    if not 0 < share <= 1:
        raise InputError([Problem("screen_bad_quota", Location("--quota"), {"value": text})])
    return share


def quota_of(std, top, share, rounding, per_street: bool):
    """The quota to screen with: --quota (with --rounding), else the pack's `screening:` unless --top
    is given; None: pick --top."""
    from jingpin_cli.errors import InputError, Location, Problem
    from jingpin_cli.results.screen.picking import ROUNDING_WORDS, ROUNDINGS, Quota

    rounding = ROUNDING_WORDS.get(rounding, rounding)  # 四舍五入 / 去尾 / 进一, as the outputs word them
    if rounding is not None and rounding not in ROUNDINGS:
        detail = "--rounding round | floor | ceil（四舍五入 | 去尾 | 进一）"
        raise InputError([Problem("bad_option", Location("--rounding"), {"detail": detail})])
    pack = std.screening
    if share is not None:
        return Quota(share, rounding or (pack.rounding if pack else "round"),
                     per_street or bool(pack and pack.per_street), pack.of_grade if pack else None)
    if pack is not None and top is None:
        return Quota(pack.quota, rounding or pack.rounding, per_street or pack.per_street, pack.of_grade)
    return None
