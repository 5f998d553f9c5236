"""`jingpin check` for people: problems grouped by file, errors in red, warnings in yellow; on a
terminal the first `--rows` problems, then how many more."""

from __future__ import annotations

from dataclasses import replace

from rich.console import Group
from rich.text import Text

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.plain import plain_text
from jingpin_cli.results.check.run import (
    CheckResult,
    display_path,
    is_file_location,
    summary_line,
    where,
)
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import word

HIGHLIGHT = False  # the terminal shows the problems as written, no number or path highlighting
WIDTH = 120  # -o FILE.txt


def view(result: CheckResult, options: Options = PLAIN):
    lang, strict = options.lang, options.strict
    groups: dict[str, list] = {}
    listed = result.problems[:options.rows] if options.rows else result.problems
    for p in listed:
        groups.setdefault(display_path(p.location.file) if is_file_location(p.location) else "", []).append(p)
    parts = []
    for file, problems in groups.items():
        parts.append(Text(file or "jingpin check", "bold"))
        for p in problems:
            line = Text("  ")
            error = p.severity == "error"
            line.append(word("error" if error else "warning", lang), "red" if error else "yellow")
            line.append(f"{p.code}  ", "dim")
            place = where(p.location, lang, with_file=False) if file else p.location.file
            line.append(f"{place}: " if place else "")
            line.append(p.message(lang))
            parts.append(line)
    if len(listed) < len(result.problems):  # 20 000 lines would bury the summary: count them instead
        parts.append(Text(t("check.rows_hidden", lang, shown=len(listed), hidden=len(result.problems) - len(listed),
                            total=len(result.problems)), "yellow"))
    failed = result.errors or (strict and result.warnings)
    parts.append(Text(summary_line(result, lang),
                      "bold red" if failed else ("bold yellow" if result.problems else "bold green")))
    return Group(*parts)


def render(result: CheckResult, options: Options = PLAIN) -> str:
    """Plain text of the same view, for -o FILE.txt: every problem (rows ignored)."""
    return plain_text(view(result, replace(options, rows=0)), options.width_or(WIDTH))
