"""Docs from the standard and the code: rule tables, one rule in full, the catalog, the rule kinds.

The README's rule table is generated from here (scripts/gen_docs.py), not typed by hand."""

from __future__ import annotations

import inspect
import json
import types
import typing

import yaml
from pydantic import BaseModel
from rich.table import Table

from jingpin_cli.rules import KINDS
from jingpin_cli.rules.condition import describe as describe_condition
from jingpin_cli.rules.model import VERIFY_METHODS, RuleBase
from jingpin_cli.standard.extend import ID_LISTS, OPS
from jingpin_cli.standard.models import SelfAssessment, Standard
from jingpin_cli.text.messages import MESSAGES, pick, t

# the keys every rule has: shown in their own lines and columns, not among a kind's parameters
_COMMON = ("id", "aspect", "task", "zh", "en", "verify", "points", "source", "kind", "when", "otherwise")


def _params(rule) -> str:
    skip = {*_COMMON, "group"}
    parts = []
    for key, value in rule.model_dump(exclude_none=True, by_alias=True).items():
        got = getattr(rule, key, None)
        if isinstance(got, list) and got and isinstance(got[0], BaseModel):  # deduction items: what each says
            value = [item.model_dump(exclude_defaults=True, by_alias=True) for item in got]
        if key not in skip:
            parts.append(f"{key}={', '.join(map(_compact, value)) if isinstance(value, list) else _compact(value)}")
    return "; ".join(parts)


def _compact(value) -> str:
    """A parameter as a reader would write it in YAML flow style: `{field: office, void: True}`."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_compact(v)}" for k, v in value.items()) + "}"
    return str(value)


def _points(rule) -> str:
    return KINDS[rule.kind].points_text(rule)


def _source(source, lang: str) -> str:
    if source.quote:
        return f"“{source.quote}”"
    return t("describe.local_default", lang) + source.local


def rules_table(std: Standard, lang: str, width: int = 160) -> Table:
    """Every rule; on a narrow terminal the aspect/task and verification columns are left out."""
    wide = width >= 140
    table = Table(title=f"{pick(std.title, lang)} — {std.id} {std.version}", show_lines=True)
    heads = ["rule", "aspect_task", "title", "kind", "points", "verify", "source"]
    keep = [True, wide, True, True, True, wide, True]
    for head, on in zip(heads, keep, strict=True):
        if on:  # an id is never broken mid-word: it overflows rather than fold
            table.add_column(t(f"describe.head.{head}", lang), no_wrap=head in ("rule", "kind", "points"),
                             overflow="ignore" if head == "rule" else "fold")
    for r in std.rules:
        a = std.aspect(r.aspect)
        task = next(tk for tk in a.tasks if tk.id == r.task)
        cells = [r.id, f"{pick(a, lang)} / {pick(task, lang)}", pick(r, lang), kind_name(r.kind, lang), _points(r),
                 r.verify_text,
                 _source(r.source, lang)]
        table.add_row(*[c for c, on in zip(cells, keep, strict=True) if on])
    return table


def describe_rule(std: Standard, rule, lang: str) -> str:
    a = std.aspect(rule.aspect)
    task = next(tk for tk in a.tasks if tk.id == rule.task)
    fields = ", ".join(f"{k} ({pick(std.field(k), lang)})" for k in rule.fields)
    gates = [pick(g, lang) for g in std.gates if rule.id in g.rules]
    lines = [
        f"{rule.id} — {pick(rule, lang)}",
        f"  {t('describe.head.aspect_task', lang)}: {pick(a, lang)} / {pick(task, lang)}",
        f"  {t('describe.head.kind', lang)}: {kind_name(rule.kind, lang)} — {kind_doc(rule.kind, lang)}",
        f"  {t('describe.reads', lang)}: {fields}",
        f"  {t('describe.parameters', lang)}: {_params(rule) or '—'}",
        f"  {t('describe.head.points', lang)}: {_points(rule)}",
        f"  {t('describe.head.verify', lang)}: {rule.verify_text}",
        f"  {t('describe.head.source', lang)}: {_source(rule.source, lang)}",
    ]
    if gates:
        lines.append(f"  {t('describe.gate', lang, **std.words(lang))}: {', '.join(gates)}")
    if rule.when is not None:
        lines.append(f"  {t('describe.when', lang)}: {describe_condition(rule.when, std, lang)}; "
                     f"{t('describe.otherwise.' + rule.otherwise, lang)}")
    return "\n".join(lines)


def fields_table(std: Standard, lang: str, width: int = 80) -> Table:
    """The catalog a data file's headers come from. A key is never broken mid-word (it is what a
    header may be written as). The Chinese view leaves out the English name; the English view gives
    it under the key, and below 100 columns leaves out the (Chinese) aliases, saying so."""
    table = Table(title=t("describe.fields", lang), show_lines=lang != "zh")
    heads = ["key", "zh", "type", "unit", "aliases"]
    if lang != "zh" and width < 100:
        heads.remove("aliases")
        table.caption = t("describe.aliases_left_out", lang)
    longest = max((len(f.key) for f in std.fields), default=0)
    for head in heads:
        table.add_column(t(f"describe.col.{head}", lang), no_wrap=head in ("key", "type"),
                         min_width=longest if head == "key" else None, overflow="fold")
    for f in std.fields:
        unit = std.units[f.unit].zh if f.unit else ""
        cells = {"key": f.key if lang == "zh" else f"{f.key}\n{f.en}", "zh": f.zh,
                 "type": type_name(f.type, lang), "unit": unit, "aliases": "、".join(f.aliases)}
        table.add_row(*[cells[h] for h in heads])
    return table


def type_name(field_type: str, lang: str) -> str:
    key = f"describe.type.{field_type}"
    return t(key, lang) if key in MESSAGES else field_type


def kind_name(kind: str, lang: str) -> str:
    """A rule kind in words (门槛, 清单…); one with no words of its own in text/ keeps its name."""
    key = f"kind.name.{kind}"
    return t(key, lang) if key in MESSAGES else kind


def kind_doc(kind: str, lang: str) -> str:
    key = f"kind.doc.{kind}"
    return t(key, lang) if key in MESSAGES else _kind_doc(kind)


def _kind_doc(kind: str) -> str:
    return inspect.getdoc(KINDS[kind].MODEL) or ""


def kinds_text(lang: str = "zh") -> str:
    out = []
    for kind, module in KINDS.items():
        own = [k for k in module.MODEL.model_fields if k not in _COMMON]
        name = f"{kind_name(kind, lang)}（{kind}）" if kind_name(kind, lang) != kind else kind
        colon = "：" if lang == "zh" else ": "
        out.append(f"{name}{colon}{kind_doc(kind, lang)}\n  {t('describe.kind_params', lang)}{colon}"
                   f"{', '.join(own) or '—'}")
    return "\n\n".join(out)


def find_rules(std: Standard, query: str) -> tuple[str, list, list[str]]:
    """The rules `query` names, how, and the field keys it named: by id, by a rule's title (zh or
    en), or by a field's label, key or alias (every rule reading that field). ("", [], []) when
    nothing matches."""
    wanted = query.strip()
    by_id = [r for r in std.rules if r.id == wanted]
    if by_id:
        return "id", by_id, []
    by_title = [r for r in std.rules if wanted in (r.zh, r.en)]
    if by_title:
        return "title", by_title, []
    keys = {f.key for f in std.fields if wanted in (f.key, f.zh, f.en, *f.aliases)}
    return ("field", [r for r in std.rules if keys & set(r.fields)], sorted(keys)) if keys else ("", [], [])


def rule_names(std: Standard) -> list[str]:
    """Everything `standards show` takes, for a “did you mean” hint."""
    return [name for r in std.rules for name in (r.id, r.zh)] + [f.zh for f in std.fields]


# ---- Markdown for docs/standards.md (scripts/gen_docs.py) --------------------------------------

def _type_text(annotation) -> str:
    """A model field's type as a pack author reads it: `number ≥ 0`, `"proportional" | "none"`."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return " \\| ".join(f'`"{a}"`' if isinstance(a, str) else f"`{a}`" for a in args)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return " \\| ".join(_type_text(a) for a in inner) + (" or empty" if len(inner) < len(args) else "")
    if origin is list:
        return f"list of {_type_text(args[0])}"
    if origin is dict:
        return f"mapping {_type_text(args[0])} → {_type_text(args[1])}"
    if origin is typing.Annotated:  # a constrained item type (dict values ≥ 0): the type itself
        return _type_text(args[0])
    if getattr(annotation, "__name__", "") == "Source":
        return "`{quote: the report's words}` or `{local: the reason}`"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):  # a nested mapping: its keys
        return "`{" + ", ".join(annotation.model_fields) + "}`"
    return {str: "text", float: "number", int: "whole number", bool: "true/false"}.get(
        annotation, getattr(annotation, "__name__", str(annotation)))


def _constraint(info) -> str:
    words = {"ge": "≥", "gt": ">", "le": "≤", "lt": "<", "min_length": "at least"}
    out = []
    for meta in info.metadata:
        for attr, word in words.items():
            value = getattr(meta, attr, None)
            if value is not None:
                items = " item" if value == 1 else " items"
                out.append(f"{word} {value:g}" + (items if attr == "min_length" else ""))
    return ", ".join(out)


def _default(info) -> str:
    if info.is_required():
        return "required"
    value = info.get_default()
    if value is None:
        return "—"
    if isinstance(value, (list, dict, str)) and not value:
        return "empty"
    if hasattr(value, "model_dump"):  # e.g. a default source
        return "`{" + ", ".join(f"{k}: {v}" for k, v in value.model_dump(exclude_none=True).items()) + "}`"
    return f"`{value:g}`" if isinstance(value, float) else f"`{value}`"


_VERIFY_TEXT = ("one method or a list of them: " + "、".join(f"`{m}`" for m in VERIFY_METHODS)
                + ", or any `由…考核` / `…组织考核`")


def params_markdown(model, skip: tuple = ()) -> str:
    """A table of a model's keys: type, default, constraint, from the pydantic model itself."""
    rows = ["| key | type | default | constraint |", "|---|---|---|---|"]
    for name, info in model.model_fields.items():
        if name not in skip:
            kind = _VERIFY_TEXT if name == "verify" else _type_text(info.annotation)
            rows.append(f"| `{name}` | {kind} | {_default(info)} | {_constraint(info) or '—'} |")
    return "\n".join(rows)


def kinds_markdown(example: Standard | None = None) -> str:
    """Every rule kind: what it does (its docstring), what it may read, its keys, and an example
    from `example` (the shipped pack) where it has one."""
    out = ["Keys every rule has:", "", params_markdown(RuleBase), ""]
    for kind, module in KINDS.items():
        model = module.MODEL
        out += [f"### `{kind}`", "", inspect.getdoc(model) or "", "",
                f"Reads fields of type {', '.join(f'`{type_}`' for type_ in module.FIELD_TYPES)}; "
                + ("its points count toward the total." if model.scored else "it carries no points of the total."),
                "", params_markdown(model, _COMMON), ""]
        rule = next((r for r in example.rules if KINDS[r.kind] is module), None) if example else None
        if rule is not None:
            data = rule.model_dump(exclude_defaults=True, exclude_none=True) | {"kind": kind}
            first = {k: data.pop(k) for k in ("id", "aspect", "task", "kind") if k in data}
            data = {k: int(v) if isinstance(v, float) and v.is_integer() else v for k, v in (first | data).items()}
            dumped = yaml.safe_dump([data], allow_unicode=True, sort_keys=False, width=100)
            out += [f"Example from `{example.id}`:", "", "```yaml", dumped.rstrip(), "```", ""]
    return "\n".join(out).rstrip() + "\n"


def tailoring_markdown() -> str:
    """The patch keys an `extends:` pack may use, from standard/extend.py."""
    rows = ["| list | items identified by | " + " | ".join(OPS) + " |", "|---|---|" + "---|" * len(OPS)]
    for name, key in ID_LISTS.items():
        rows.append(f"| `{name}` | `{key}` | " + " | ".join(f"`{name}_{op}`" for op in OPS) + " |")
    return "\n".join(rows) + "\n"


def self_assessment_markdown() -> str:
    return params_markdown(SelfAssessment) + "\n"


def kinds_table_markdown() -> str:
    """One line per rule kind (the first line of its docstring), for the README."""
    rows = [f"| `{kind}` | {(inspect.getdoc(k.MODEL) or '').splitlines()[0]} |" for kind, k in KINDS.items()]
    return "\n".join(["| kind | scores |", "|---|---|", *rows]) + "\n"


def rules_markdown(std: Standard) -> str:
    """The score sheet of a pack as a Markdown table: every rule, its points and its source."""
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    rows = ["| rule | 方面 / 任务 | 名称 | kind | 分值 | 考核方式 | 依据 (quote = the report's words) |",
            "|---|---|---|---|---|---|---|"]
    for r in std.rules:
        a = std.aspect(r.aspect)
        task = next(tk for tk in a.tasks if tk.id == r.task)
        rows.append(f"| `{r.id}` | {a.zh} / {task.zh} | {cell(r.zh)} | {r.kind} | {cell(_points(r))} "
                    f"| {r.verify_text} | {cell(_source(r.source, 'zh'))} |")
    return "\n".join(rows) + "\n"


def schema_json() -> str:
    """The JSON Schema of a standards pack (all files merged), for editor completion."""
    return json.dumps(Standard.model_json_schema(), ensure_ascii=False, indent=2) + "\n"


def validated_text(std: Standard, lang: str) -> str:
    """`jingpin standards validate`: the pack is valid, with what it holds."""
    return t("standard.valid", lang, id=std.id, version=std.version, rules=len(std.rules),
             scored=sum(1 for r in std.rules if r.scored), fields=len(std.fields), total=f"{std.scoring.total:g}")
