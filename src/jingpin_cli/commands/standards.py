"""`jingpin standards …`: list, show, validate and export the schema of standards packs."""

from __future__ import annotations

from enum import Enum
from pathlib import Path

import typer

from jingpin_cli.commands.common import (
    LangOpt,
    OutputOpt,
    StandardOpt,
    emit,
    guarded,
    load_standard_opt,
)

app = typer.Typer(help="List, show and validate standards packs.", no_args_is_help=True)


@app.command("list")
def list_rules(standard: Path = StandardOpt, lang=LangOpt):
    """Every rule with its aspect, kind, points and whether its value is cited or a local default."""
    lang = lang.value

    def work() -> int:
        from rich.console import Console

        from jingpin_cli.standard.describe import rules_table

        console = Console()
        console.print(rules_table(load_standard_opt(standard), lang, console.width))
        return 0

    guarded(lang, work)


@app.command("show")
def show(rule: str = typer.Argument(..., help="Rule id, e.g. svc.service_area"), standard: Path = StandardOpt,
         lang=LangOpt):
    """One rule: what it reads, how it scores, its points and the sentence of the report it comes from."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.errors import InputError, Location, Problem, hint_from
        from jingpin_cli.standard.describe import describe_rule

        std = load_standard_opt(standard)
        found = [r for r in std.rules if r.id == rule]
        if not found:
            from difflib import get_close_matches

            close = get_close_matches(rule, [r.id for r in std.rules], n=1, cutoff=0.4)
            raise InputError([Problem("unknown_rule", Location("standards show"), {"rule": rule, **hint_from(close)})])
        print(describe_rule(std, found[0], lang))
        return 0

    guarded(lang, work)


@app.command("fields")
def fields(standard: Path = StandardOpt, lang=LangOpt):
    """The field catalog: keys, Chinese headers, aliases, types and units a data file may use."""
    lang = lang.value

    def work() -> int:
        from rich.console import Console

        from jingpin_cli.standard.describe import fields_table

        Console().print(fields_table(load_standard_opt(standard), lang))
        return 0

    guarded(lang, work)


@app.command("validate")
def validate(path: Path = typer.Argument(None, help="Standards folder or file (default: the shipped pack)."),
             lang=LangOpt):
    """Check a standards pack: schema, points adding up, every field a rule reads in the catalog, every
    quote found in the pack's source.txt."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.commands.common import show_warnings
        from jingpin_cli.standard.describe import validated_text
        from jingpin_cli.standard.load import load_standard_checked

        std, warnings = load_standard_checked(path, quotes=True)  # an `extends:` pack is validated merged
        show_warnings(warnings, lang)
        print(validated_text(std, lang))
        return 0

    guarded(lang, work)


class DiffFormat(str, Enum):
    text = "text"
    json = "json"


@app.command("diff")
def diff(
    old: Path = typer.Argument(..., help="Standards pack (folder, file or shipped name such as xinshi-2011)."),
    new: Path = typer.Argument(..., help="The pack to compare it with, e.g. strict-2013 or your own."),
    fmt: DiffFormat = typer.Option("text", "--format", "-f", help="text (default) or json."),
    output: Path = OutputOpt,
    lang=LangOpt,
):
    """What NEW changes against OLD: rules added/removed, thresholds, points, grades, labels, fields."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.standard.diff import diff_standards, render_json, render_text

        a, b = load_standard_opt(old), load_standard_opt(new)
        changes = diff_standards(a, b)
        content = render_json(a, b, changes) if fmt is DiffFormat.json else render_text(a, b, changes, lang)
        emit(content, output, [old, new], lang)
        return 0

    guarded(lang, work)


@app.command("schema")
def schema(output: Path = OutputOpt, lang=LangOpt):
    """The JSON Schema of a standards pack (all files merged), for editor completion and validation."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.standard.describe import schema_json

        emit(schema_json(), output, [], lang)
        return 0

    guarded(lang, work)


@app.command("kinds")
def kinds():
    """The rule kinds a standard may use, and how each scores (from the code)."""
    from jingpin_cli.standard.describe import kinds_text

    print(kinds_text())
