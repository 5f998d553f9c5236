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
    format_of_suffix,
    guarded,
    load_standard_opt,
)
from jingpin_cli.commands.output import is_stdout
from jingpin_cli.text.messages import t

app = typer.Typer(help="cmd.standards")


@app.callback(invoke_without_command=True)
def _group(ctx: typer.Context):
    """`jingpin standards` alone: its help, as a question answered (exit 0), not a usage error."""
    if ctx.invoked_subcommand is None:
        print(ctx.get_help())
        raise typer.Exit(0)


@app.command("list", help="cmd.standards.list")
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


@app.command("show", help="cmd.standards.show")
def show(rule: str = typer.Argument(..., help="standards.rule"), standard: Path = StandardOpt,
         lang=LangOpt):
    """One rule: what it reads, how it scores, its points and the sentence of the report it comes from."""
    lang = lang.value

    def work() -> int:
        from difflib import get_close_matches

        from jingpin_cli.errors import InputError, Location, Problem, hint_from
        from jingpin_cli.standard.describe import describe_rule, find_rules, rule_names
        from jingpin_cli.text.messages import Worded

        std = load_standard_opt(standard)
        how, found, keys = find_rules(std, rule)
        where = Location("standards show")
        if keys and not found:
            detail = Worded.message("describe.field_unscored", query=rule, keys="、".join(keys))
            raise InputError([Problem("rule_lookup", where, {"detail": detail})])
        if not found:
            close = get_close_matches(rule, rule_names(std), n=1, cutoff=0.4)
            raise InputError([Problem("unknown_rule", where, {"rule": rule, **hint_from(close)})])
        if len(found) > 1:
            ids = "、".join(r.id for r in found)
            detail = Worded.message("describe.ambiguous", query=rule, ids=ids, first=found[0].id)
            raise InputError([Problem("rule_lookup", where, {"detail": detail})])
        if how != "id":  # say what the words were taken to mean
            print(t(f"describe.matched.{how}", lang, query=rule, id=found[0].id))
        print(describe_rule(std, found[0], lang))
        return 0

    guarded(lang, work)


@app.command("fields", help="cmd.standards.fields")
def fields(standard: Path = StandardOpt, lang=LangOpt):
    """The field catalog: keys, Chinese headers, aliases, types and units a data file may use."""
    lang = lang.value

    def work() -> int:
        from rich.console import Console

        from jingpin_cli.standard.describe import fields_table

        console = Console()
        console.print(fields_table(load_standard_opt(standard), lang, console.width))
        return 0

    guarded(lang, work)


@app.command("validate", help="cmd.standards.validate")
def validate(path: Path = typer.Argument(None, help="standards.path"),
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


DIFF_SUFFIXES = {".txt": "text", ".json": "json"}


@app.command("diff", help="cmd.standards.diff")
def diff(
    old: Path = typer.Argument(..., help="standards.old"),
    new: Path = typer.Argument(..., help="standards.new"),
    fmt: DiffFormat = typer.Option(None, "--format", "-f", help="standards.diff_format"),
    output: Path = OutputOpt,
    lang=LangOpt,
):
    """What NEW changes against OLD: rules added/removed, thresholds, points, grades, labels, fields."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.standard.diff import diff_standards, render_json, render_text

        chosen = fmt.value if fmt is not None else "text"
        if fmt is None and output is not None and not is_stdout(output):  # the suffix says which
            chosen = format_of_suffix(output, DIFF_SUFFIXES)
        a, b = load_standard_opt(old), load_standard_opt(new)
        changes = diff_standards(a, b)
        content = render_json(a, b, changes) if chosen == "json" else render_text(a, b, changes, lang)
        emit(content, output, [old, new], lang)
        return 0

    guarded(lang, work)


@app.command("schema", help="cmd.standards.schema")
def schema(output: Path = OutputOpt, lang=LangOpt):
    """The JSON Schema of a standards pack (all files merged), for editor completion and validation."""
    lang = lang.value

    def work() -> int:
        from jingpin_cli.standard.describe import schema_json

        if output is not None and not is_stdout(output):
            format_of_suffix(output, {".json": "json"})
        emit(schema_json(), output, [], lang)
        return 0

    guarded(lang, work)


@app.command("kinds", help="cmd.standards.kinds")
def kinds(lang=LangOpt):
    """The rule kinds a standard may use, and how each scores (from the code)."""
    from jingpin_cli.standard.describe import kinds_text

    print(kinds_text(lang.value))
