"""Data-collection templates generated from the standards pack: what to fill in, in which unit.

* Excel (`jingpin template -o 排查摸底表.xlsx`): one row per community, one column per catalog
  field with its unit in the header (`服务用房总面积（㎡）`), dropdowns 有/无 for yes/no fields, number
  ranges for numbers (rates and scores 0–100), and a 说明 sheet explaining every column.
* YAML (`--format yaml`): one community's record with a comment on every key.

Headers are the ones the loader reads back (tests prove the round trip), so a filled template goes
straight into `jingpin audit`. Everything comes from the Standard: another pack, another template."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import BONUS
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import TEMPLATE_NOTES, choose, have, sep, word

_YAML_SPECIAL = re.compile(r"""[:#\[\]{},&*!|>'"%@`]|^[-?\s]""")  # a key with these needs quotes


def bool_choices(lang: str) -> tuple[str, str]:
    """The two answers of a yes/no column: 有/无 (yes/no)."""
    return have(True, lang), have(False, lang)


def level_choices(standard: Standard, key: str, lang: str) -> list[str]:
    """The words of a level column, best first, in `lang` where the catalog has them (the loader reads both)."""
    return [pick(level, lang) for level in standard.field(key).levels]


@dataclass(frozen=True)
class Column:
    key: str  # catalog field
    header: str  # as written in the template; the loader maps it back to `key`
    role: str | None  # None, "self" or "inspected" (--self-check pairs)
    section: str  # aspect title (or the profile section) of the first rule that reads the field
    how: str  # how to fill it in
    rules: str  # the rules that read it, with their requirement


def header(standard: Standard, key: str, lang: str = "zh", role: str | None = None) -> str:
    """`服务用房总面积（㎡）`, `服务用房总面积（自评，㎡）`, `Total service premises area (m²)`."""
    f = standard.field(key)
    notes = []
    if role:
        notes.append(word("template.self" if role == "self" else "template.inspected", lang))
    unit = standard.unit_label(key, lang) if f.unit else ""
    if unit:
        notes.append(unit)
    label = pick(f, lang)
    if not notes:
        return label
    return word("template.header", lang, label=label, notes=sep(lang, "comma").join(notes))


def columns(standard: Standard, lang: str = "zh", self_check: bool = False, sheet: bool = True) -> list[Column]:
    """Every catalog field, in catalog order; with `self_check`, a 自评 and a 核查 column for each
    non-text field a rule reads (communities fill the first, inspectors the second)."""
    readers = rule_readers(standard)
    out, section = [], word("template.profile", lang)
    for f in standard.fields:
        rules = readers.get(f.key, [])
        if rules and all(KINDS[r.kind].ROLE == BONUS for r in rules):
            section = word("template.bonus", lang)
        elif rules:
            section = pick(standard.aspect(rules[0].aspect), lang)
        elif f.key in ("id", "name"):
            section = word("template.profile", lang)
        text = "; ".join(f"{pick(r, lang)}: {requirement(standard, r, f.key, lang)}" for r in rules)
        how = _how(standard, f.key, lang, sheet)
        roles = ("self", "inspected") if self_check and rules and f.type != "text" else (None,)
        for role in roles:
            out.append(Column(f.key, header(standard, f.key, lang, role), role, section, how, text))
    return out


def rule_readers(standard: Standard) -> dict[str, list]:
    """Each field key -> the rules that read it, in the pack's order."""
    readers: dict[str, list] = {}
    for rule in standard.rules:
        for key in rule.fields:
            readers.setdefault(key, []).append(rule)
    return readers


def _how(standard: Standard, key: str, lang: str, sheet: bool = True) -> str:
    f = standard.field(key)
    unit = standard.unit_label(key, lang)
    if key in ("id", "name"):
        return word(f"template.how.{key}", lang)
    if f.type == "bool":
        return word("template.how.bool_sheet" if sheet else "template.how.bool", lang)
    if f.type in ("rate", "score"):
        return word(f"template.how.{f.type}", lang, what="%" if f.type == "rate" else unit)
    if f.type in ("int", "num"):
        unit_note = word("template.how.unit", lang, unit=unit) if unit else ""
        period = word("template.how.period", lang, period=pick(f.period, lang)) if f.period else ""
        return word(f"template.how.{f.type}", lang) + unit_note + period
    if f.type == "level":
        words = sep(lang, "list").join(level_choices(standard, key, lang))
        return word("template.how.level_sheet" if sheet else "template.how.level", lang, words=words)
    return word("template.how.text", lang)


def requirement(standard: Standard, rule, key: str, lang: str = "zh") -> str:
    """What a rule asks of one field, in a few words: `≥ 300 ㎡（5 分）`, `须为“有”`, `有则一票否决`.
    In the unit of the field the rule measures: a basis field (户数 of 每百户 30 ㎡) reads the same words."""
    return KINDS[rule.kind].requirement(rule, standard.unit_label(rule.fields[0], lang), lang)


def notes(standard: Standard, lang: str = "zh") -> list[str]:
    """The general instructions at the top of the 说明 sheet and the YAML template."""
    title = pick(standard.title, lang)
    return [word(f"template.note.{i}", lang, title=title, id=standard.id, version=standard.version)
            for i in range(TEMPLATE_NOTES)]


# ---- Excel -------------------------------------------------------------------------------------

def yaml_key(standard: Standard, col: Column, lang: str) -> str:
    """zh: the Chinese label, as offices write it; en: the field key. `_self`/`_inspected` for pairs."""
    key = col.key + (f"_{col.role}" if col.role else "")
    label = standard.field(col.key).zh
    label += f"（{word('template.' + col.role, 'zh')}）" if col.role else ""
    label = json.dumps(label, ensure_ascii=False) if _YAML_SPECIAL.search(label) else label
    return choose((label, key), lang)
