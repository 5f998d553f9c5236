"""`jingpin check --format github`: GitHub Actions workflow commands, one annotation per problem,
shown on the file's line in a pull request (chosen by default when GITHUB_ACTIONS is set)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.results.check.run import (
    CheckResult,
    display_path,
    file_line,
    is_file_location,
    summary_line,
    where,
)
from jingpin_cli.text.visible import visible


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem, lang: str = "zh") -> str:
    loc = problem.location
    props = []
    if is_file_location(loc):
        props.append(f"file={escape_property(visible(display_path(loc.file)))}")
        line = file_line(loc)
        if line is not None:
            props.append(f"line={line}")
        if loc.col is not None:
            props.append(f"col={loc.col}")
    props.append(f"title={escape_property('jingpin ' + problem.code)}")
    place = where(loc, lang, with_file=False) if is_file_location(loc) else loc.file
    text = f"{place}: {problem.message(lang)}" if place else problem.message(lang)
    level = "error" if problem.severity == "error" else "warning"
    return f"::{level} {','.join(props)}::{escape_data(text)}"


def render(result: CheckResult, options: Options = PLAIN) -> str:
    lang = options.lang
    lines = [annotation(p, lang) for p in result.problems]
    lines.append(summary_line(result, lang))
    return "\n".join(lines) + "\n"
