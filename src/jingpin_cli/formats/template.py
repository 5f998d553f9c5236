"""Data-collection templates generated from the standards pack: what to fill in, in which unit.

* Excel (`jingpin template -o 排查摸底表.xlsx`): one row per community, one column per catalog
  field with its unit in the header (`服务用房总面积（㎡）`), dropdowns 有/无 for yes/no fields, number
  ranges for numbers (rates and scores 0–100), and a 说明 sheet explaining every column.
* YAML (`--format yaml`): one community's record with a comment on every key.

Headers are the ones the loader reads back (tests prove the round trip), so a filled template goes
straight into `jingpin audit`. Everything comes from the Standard: another pack, another template."""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import BONUS
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import TEMPLATE_NOTES, choose, sep, word

_YAML_SPECIAL = re.compile(r"""[:#\[\]{},&*!|>'"%@`]|^[-?\s]""")  # a key with these needs quotes


def bool_choices(lang: str) -> tuple[str, str]:
    """The two answers of a yes/no column: 有/无 (yes/no)."""
    return word("template.yes", lang), word("template.no", lang)


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
    return word("template.header", lang, label=label, notes=word("template.note_sep", lang).join(notes))


def columns(standard: Standard, lang: str = "zh", self_check: bool = False, sheet: bool = True) -> list[Column]:
    """Every catalog field, in catalog order; with `self_check`, a 自评 and a 核查 column for each
    non-text field a rule reads (communities fill the first, inspectors the second)."""
    readers = _readers(standard)
    out, section = [], word("template.profile", lang)
    for f in standard.fields:
        rules = readers.get(f.key, [])
        if rules and all(KINDS[r.kind].ROLE == BONUS for r in rules):
            section = word("template.bonus", lang)
        elif rules:
            section = pick(standard.aspect(rules[0].aspect), lang)
        elif f.key in ("id", "name"):
            section = word("template.profile", lang)
        text = "; ".join(f"{r.id} {pick(r, lang)}: {requirement(standard, r, f.key, lang)}" for r in rules)
        how = _how(standard, f.key, lang, sheet)
        roles = ("self", "inspected") if self_check and rules and f.type != "text" else (None,)
        for role in roles:
            out.append(Column(f.key, header(standard, f.key, lang, role), role, section, how, text))
    return out


def _readers(standard: Standard) -> dict[str, list]:
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
        return word(f"template.how.{f.type}", lang) + (word("template.how.unit", lang, unit=unit) if unit else "")
    return word("template.how.text", lang)


def requirement(standard: Standard, rule, key: str, lang: str = "zh") -> str:
    """What a rule asks of one field, in a few words: `≥ 300 ㎡（5 分）`, `须为“有”`, `有则一票否决`."""
    return KINDS[rule.kind].requirement(rule, standard.unit_label(key, lang), lang)


def notes(standard: Standard, lang: str = "zh") -> list[str]:
    """The general instructions at the top of the 说明 sheet and the YAML template."""
    title = pick(standard.title, lang)
    return [word(f"template.note.{i}", lang, title=title, id=standard.id, version=standard.version) for i in range(TEMPLATE_NOTES)]


# ---- Excel -------------------------------------------------------------------------------------

GUIDE_HEADERS = ["column", "header", "key", "aspect", "type", "unit", "how", "blank", "rules"]  # template.guide.*
HEADER_FILL, GUIDE_FILL = "DDEBF7", "F2F2F2"


def render_xlsx(standard: Standard, lang: str = "zh", rows: int = 500, self_check: bool = False) -> bytes:
    cols = columns(standard, lang, self_check)
    wb = Workbook()
    ws = wb.active
    ws.title = word("template.sheet.data", lang)
    bold, wrap = Font(bold=True), Alignment(wrap_text=True, vertical="center")
    for j, col in enumerate(cols, 1):
        cell = ws.cell(row=1, column=j, value=safe_cell(col.header))
        cell.font, cell.alignment = bold, wrap
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = max(8, min(24, display_width(col.header) / 1.6 + 2))
        _validate(ws, standard, col, f"{letter}2:{letter}{rows + 1}", lang)
        if col.key == "id":
            for i in range(2, rows + 2):  # text, so 130602001 stays a code and 0… keeps its zeros
                ws.cell(row=i, column=j).number_format = "@"
    ws.row_dimensions[1].height = 48
    ws.freeze_panes = "C2"

    guide = wb.create_sheet(word("template.sheet.guide", lang))
    line = 1
    for text in notes(standard, lang):
        guide.cell(row=line, column=1, value=safe_cell(text))
        line += 1
    line += 1
    for j, title in enumerate((word(f"template.guide.{k}", lang) for k in GUIDE_HEADERS), 1):
        cell = guide.cell(row=line, column=j, value=title)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor=GUIDE_FILL)
    blank = word("template.blank", lang)
    for j, col in enumerate(cols, 1):
        f = standard.field(col.key)
        unit = standard.unit_label(col.key, lang)
        # quoted header and `key:` as in YAML, so the loader never takes this sheet for a data sheet
        values = [get_column_letter(j), f"“{col.header}”", _yaml_key(standard, col, "en") + ":", col.section,
                  word(f"template.type.{f.type}", lang), unit, col.how, blank, col.rules or word("template.not_scored", lang)]
        for k, value in enumerate(values, 1):
            guide.cell(row=line + j, column=k, value=safe_cell(value)).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 28, 26, 16, 12, 8, 36, 18, 60)):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _validate(ws, standard: Standard, col: Column, cells: str, lang: str) -> None:
    """A dropdown for yes/no, a number range for numbers; the input message says what to fill in."""
    f = standard.field(col.key)
    if f.type == "bool":
        dv = DataValidation(type="list", formula1='"' + ",".join(bool_choices(lang)) + '"', allow_blank=True)
    elif f.type in ("rate", "score"):
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    elif f.type in ("int", "num"):
        dv = DataValidation(type="whole" if f.type == "int" else "decimal", operator="greaterThanOrEqual",
                            formula1="0", allow_blank=True)
    else:
        return
    dv.error = _cut(col.how, 225)
    dv.errorTitle = word("template.check_title", lang)
    dv.prompt = _cut(col.how + sep(lang) + col.rules if col.rules else col.how, 250)
    dv.promptTitle = _cut(pick(f, lang), 32)
    dv.showErrorMessage = dv.showInputMessage = True
    ws.add_data_validation(dv)
    dv.add(cells)


def _cut(text: str, limit: int) -> str:
    """Excel refuses data-validation texts longer than its limits (255 / 32 characters)."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---- YAML --------------------------------------------------------------------------------------

def render_yaml(standard: Standard, lang: str = "zh", self_check: bool = False) -> str:
    """One community's record: every key with an empty value and a comment saying what to fill in."""
    cols = columns(standard, lang, self_check, sheet=False)
    lines = [f"# {text}" for text in notes(standard, lang)]
    lines += ["# " + word("template.yaml_intro", lang)]
    keys = [_yaml_key(standard, c, lang) for c in cols]
    width = max(display_width(k) for k in keys) + 2
    section = None
    for col, key in zip(cols, keys):
        if col.section != section:
            section = col.section
            lines += ["", f"# ---- {section} " + "-" * max(4, 60 - display_width(section))]
        comment = col.how + (" — " + col.rules if col.rules else "")
        lines.append(f"{key}:" + " " * (width - display_width(key)) + f"# {comment}")
    return "\n".join(lines) + "\n"


def _yaml_key(standard: Standard, col: Column, lang: str) -> str:
    """zh: the Chinese label, as offices write it; en: the field key. `_self`/`_inspected` for pairs."""
    key = col.key + (f"_{col.role}" if col.role else "")
    label = standard.field(col.key).zh
    label += f"（{word('template.' + col.role, 'zh')}）" if col.role else ""
    label = json.dumps(label, ensure_ascii=False) if _YAML_SPECIAL.search(label) else label
    return choose((label, key), lang)
