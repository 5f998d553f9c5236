"""Options and plumbing shared by the commands: loading the standard, errors → exit 2, writing."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable

import typer

from jingpin_cli.commands.output import guard_not_input, is_stdout, write_atomic
from jingpin_cli.errors import InputError, Location, Problem, fail
from jingpin_cli.exitcodes import ERROR
from jingpin_cli.text.messages import Worded, t
from jingpin_cli.text.words import sep, word


class Lang(str, Enum):
    zh = "zh"
    en = "en"


StandardOpt = typer.Option(None, "--standard", "-s", help="opt.standard")
LangOpt = typer.Option(Lang.zh, "--lang", envvar="JINGPIN_LANG", show_envvar=False, help="opt.lang")
WaiversOpt = typer.Option(None, "--waivers", help="opt.waivers")
OutputOpt = typer.Option(None, "--output", "-o", help="opt.output")


IdsOpt = typer.Option(False, "--ids", help="opt.ids")
TERMINAL_ROWS = 100  # a table longer than a few screens is read in Excel, not on a terminal
WARNINGS_SHOWN = 30  # warnings written on stderr before the rest are only counted


def rows_option(help_key: str):
    """--rows: how many rows a terminal view lists (0: all); a file always gets every row."""
    return typer.Option(TERMINAL_ROWS, "--rows", min=0, help=help_key)
SheetOpt = typer.Option(None, "--sheet", help="opt.sheet")


def choose_format(kind: str, fmt: Enum | None, output: Path | None, default: str | None = "table") -> str | None:
    """The format of result `kind`: --format, else the one -o's suffix implies (formats.SUFFIXES),
    else `default`; a suffix that names no format of this command is refused with the ones it has.
    A binary workbook or Word file would only garble the terminal: it needs -o FILE (or -o -)."""
    from jingpin_cli.formats import SUFFIXES

    if fmt is not None:
        chosen = fmt.value
    elif output is not None and not is_stdout(output):
        chosen = format_of_suffix(output, SUFFIXES[kind])
    else:
        chosen = default
    if chosen in ("xlsx", "docx") and output is None:  # `-o -` is an explicit request for the bytes
        raise fail(f"{chosen}_needs_output", "--format")
    return chosen


def format_of_suffix(output: Path, suffixes: dict[str, str]) -> str:
    """The format `output`'s suffix names among `suffixes`; any other suffix, or none, is refused
    with the list this command writes: never a table in a .pdf, or YAML in a .csv."""
    chosen = suffixes.get(output.suffix.lower())
    if chosen is None:
        accepted = Worded.each(lambda lang: sep(lang, "list").join(suffixes))
        suffix = output.suffix or Worded.message("detail.no_suffix")
        raise InputError([Problem("bad_suffix", Location(str(output)), {"suffix": suffix, "accepted": accepted})])
    return chosen


def write_result(kind: str, chosen: str, result, output: Path | None, inputs: list[Path], options) -> None:
    """Show or write `result` of `kind` in format `chosen`: on the terminal the format's rich view
    where it has one (fitted to the terminal's width), else its rendering to stdout or, with -o,
    atomically to the file (never over an input)."""
    from dataclasses import replace

    from jingpin_cli.formats import renderer

    module = renderer(kind, chosen)
    if output is None and hasattr(module, "view"):  # the terminal; `-o -` gets the plain rendering
        from rich.console import Console

        console = Console(highlight=getattr(module, "HIGHLIGHT", True))
        console.print(module.view(result, replace(options, width=console.width)))
        return
    emit(module.render(result, options), output, inputs, options.lang)


def split_names(values: list[str] | None) -> list[str]:
    """`--include 新一代 --include 铁塔` or `--include 新一代,铁塔` (also ， and 、)."""
    out = []
    for value in values or []:
        out += [v.strip() for v in value.replace("，", ",").replace("、", ",").split(",") if v.strip()]
    return out


def given(*paths: Path | None) -> list[Path]:
    """The input paths the user gave (an output must not overwrite any of them)."""
    return [p for p in paths if p is not None]


def stderr(text: str) -> None:
    print(text, file=sys.stderr)


def guarded(lang: str, work: Callable[[], int]) -> None:
    """Run `work`; bad input becomes one clear message on stderr and exit code 2, never a traceback."""
    try:
        code = work()
    except InputError as exc:
        stderr(exc.render(lang))
        raise typer.Exit(ERROR) from None
    raise typer.Exit(code)


def check_fail_under(fail_under: float | None) -> None:
    """--fail-under is a score: 0 or more (a negative one would fail nothing and hide a typo)."""
    if fail_under is not None and not fail_under >= 0:
        detail = Worded.message("detail.not_a_score", value=f"{fail_under:g}")
        raise InputError([Problem("bad_option", Location("--fail-under"), {"detail": detail})])


def load_standard_opt(path: Path | None):
    from jingpin_cli.standard import load_standard

    return load_standard(path)


def emit(content: str | bytes | Iterable[str | bytes], output: Path | None, inputs: list[Path], lang: str) -> None:
    """Write to -o FILE (atomically, never over an input) or to stdout."""
    if output is None or is_stdout(output):
        if isinstance(content, bytes):
            sys.stdout.buffer.write(content)
        elif isinstance(content, str):
            sys.stdout.write(content)
        else:
            for chunk in content:  # as text, in the terminal's encoding, even where a renderer yields UTF-8 bytes
                sys.stdout.write(chunk.decode("utf-8") if isinstance(chunk, bytes) else chunk)
        sys.stdout.flush()
        return
    warnings = guard_not_input(output, inputs)
    write_atomic(output, content)
    stderr(word("wrote", lang, output=output))
    show_warnings(warnings, lang)


def show_warnings(problems, lang: str) -> None:
    """Each warning on stderr, the first WARNINGS_SHOWN of them; then how many more and where they are
    all listed (a million survey answers can give 20 000 warnings)."""
    for p in problems[:WARNINGS_SHOWN]:
        stderr(word("warning", lang) + p.render(lang))
    if len(problems) > WARNINGS_SHOWN:
        stderr(t("warnings_hidden", lang, hidden=len(problems) - WARNINGS_SHOWN, total=len(problems)))


def run_audit(std, folder: Path, sheet: str | None, waivers: Path | None, lang: str):
    """Audit a folder with an optional waiver file (an expired or malformed waiver stops it: exit 2),
    showing every loader and waiver warning on stderr."""
    from jingpin_cli.results.audit.report import audit

    waived, waiver_warnings = [], []
    if waivers is not None:
        from jingpin_cli.files import refuse_special
        from jingpin_cli.scoring.waivers import load_waivers

        refuse_special(waivers)  # a broken link or loop is named as such, not “no such file”
        waived, waiver_warnings = load_waivers(waivers, std)
    report = audit(std, folder, sheet, waived)
    show_warnings(report.records.warnings + waiver_warnings + (report.waived.problems if report.waived else []), lang)
    return report
