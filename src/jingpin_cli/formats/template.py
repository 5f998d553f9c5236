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

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import BONUS as BONUS_ROLE
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick

BOOL_CHOICES = {"zh": ("有", "无"), "en": ("yes", "no")}
TYPE_WORDS = {  # (zh, en)
    "text": ("文字", "text"), "int": ("整数", "whole number"), "num": ("数字", "number"),
    "bool": ("有/无", "yes/no"), "rate": ("比率 0—100", "rate 0–100"), "score": ("考评分 0—100", "score 0–100"),
}
BONUS = ("加分项", "Bonus items")
PROFILE = ("基本情况及参考数据（不直接计分）", "Profile and reference data (not scored directly)")
_YAML_SPECIAL = re.compile(r"""[:#\[\]{},&*!|>'"%@`]|^[-?\s]""")  # a key with these needs quotes
SELF_WORD, INSPECTED_WORD = ("自评", "self"), ("核查", "inspected")


@dataclass(frozen=True)
class Column:
    key: str  # catalog field
    header: str  # as written in the template; the loader maps it back to `key`
    role: str | None  # None, "self" or "inspected" (--self-check pairs)
    section: str  # aspect title (or PROFILE) of the first rule that reads the field
    how: str  # how to fill it in
    rules: str  # the rules that read it, with their requirement


def header(standard: Standard, key: str, lang: str = "zh", role: str | None = None) -> str:
    """`服务用房总面积（㎡）`, `服务用房总面积（自评，㎡）`, `Total service premises area (m²)`."""
    f = standard.field(key)
    en = lang == "en"
    notes = []
    if role:
        notes.append((SELF_WORD if role == "self" else INSPECTED_WORD)[en])
    unit = standard.unit_label(key, lang) if f.unit else ""
    if unit:
        notes.append(unit)
    label = pick(f, lang)
    if not notes:
        return label
    return f"{label} ({', '.join(notes)})" if en else f"{label}（{'，'.join(notes)}）"


def columns(standard: Standard, lang: str = "zh", self_check: bool = False, sheet: bool = True) -> list[Column]:
    """Every catalog field, in catalog order; with `self_check`, a 自评 and a 核查 column for each
    non-text field a rule reads (communities fill the first, inspectors the second)."""
    en = lang == "en"
    readers = _readers(standard)
    out, section = [], PROFILE[en]
    for f in standard.fields:
        rules = readers.get(f.key, [])
        if rules and all(KINDS[r.kind].ROLE == BONUS_ROLE for r in rules):
            section = BONUS[en]
        elif rules:
            section = pick(standard.aspect(rules[0].aspect), lang)
        elif f.key in ("id", "name"):
            section = PROFILE[en]
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
    f, en = standard.field(key), lang == "en"
    unit = standard.unit_label(key, lang)
    if key == "id":
        return "required, unique; kept as text (leading zeros stay)" if en else "必填，不得重复；按文字保存（保留开头的 0）"
    if key == "name":
        return "required" if en else "必填"
    if f.type == "bool":
        if en:
            return "choose yes or no" if sheet else "yes or no"
        return "从下拉框选 有 或 无" if sheet else "填 有 或 无（也可填 是/否、√/×）"
    if f.type in ("rate", "score"):
        what = "%" if f.type == "rate" else unit
        return (f"a number 0–100 in {what} (95 means 95 %)" if en and f.type == "rate" else
                f"a number 0–100 ({what})" if en else
                "填 0—100 的数（95 表示 95%）" if f.type == "rate" else f"填 0—100 的数（{what}）")
    if f.type in ("int", "num"):
        whole = f.type == "int"
        if en:
            return f"a {'whole ' if whole else ''}number, not negative" + (f", in {unit}" if unit else "")
        return f"填{'整数' if whole else '数字'}，不能为负" + (f"，单位 {unit}" if unit else "")
    return "text" if en else "文字"


def requirement(standard: Standard, rule, key: str, lang: str = "zh") -> str:
    """What a rule asks of one field, in a few words: `≥ 300 ㎡（5 分）`, `须为“有”`, `有则一票否决`."""
    return KINDS[rule.kind].requirement(rule, standard.unit_label(key, lang), lang)


def notes(standard: Standard, lang: str = "zh") -> list[str]:
    """The general instructions at the top of the 说明 sheet and the YAML template."""
    if lang == "en":
        return [
            f"Data template for {pick(standard.title, lang)} ({standard.id} {standard.version}).",
            "One row per community. Keep the header row as it is: jingpin reads the headers to know each column.",
            "A blank cell means 'not filled in' (unknown): it is neither 'no' nor 0, and the report lists it apart.",
            "Yes/no columns: choose yes or no. Numbers: digits only, in the unit named in the header.",
            "Rates: 0–100 (95 means 95 %). Codes keep their leading zeros.",
            "Self-assessment vs inspection: columns '… (self)' and '… (inspected)' may stand side by side; the inspected value is scored.",
            "Check the filled sheet with: jingpin audit <folder or file>",
        ]
    return [
        f"本表由 jingpin 按“{pick(standard.title, lang)}”（{standard.id} {standard.version}）生成。",
        "一行填一个社区。请勿修改第一行表头：jingpin 靠表头识别每一列。",
        "空白表示“未填报”（情况不明），既不算“无”也不算 0 分，报告中单独列出；确实没有的请填“无”或 0。",
        "有/无列请从下拉框选择；数字列只填数字，单位以表头括号中的为准。",
        "比率填 0—100 的数（95 表示 95%）。社区编码按文字保存，开头的 0 不会丢。",
        "自评与核查：同一项可并列“（自评）”和“（核查）”两列（见 jingpin template --self-check），按核查值计分，相差较大的在报告中列出。",
        "填好后运行 jingpin audit 文件或文件夹 检查并评分。",
    ]


# ---- Excel -------------------------------------------------------------------------------------

SHEET_NAMES = {"zh": ("排查摸底表", "说明"), "en": ("Communities", "Instructions")}
GUIDE_HEADERS = {"zh": ["列", "表头", "YAML 键", "方面", "类型", "单位", "怎么填", "空白表示", "用于评分"],
                 "en": ["column", "header", "YAML key", "aspect", "type", "unit", "how to fill in", "blank means", "scored by"]}
HEADER_FILL, GUIDE_FILL = "DDEBF7", "F2F2F2"


def render_xlsx(standard: Standard, lang: str = "zh", rows: int = 500, self_check: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    en = lang == "en"
    cols = columns(standard, lang, self_check)
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET_NAMES[lang][0]
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

    guide = wb.create_sheet(SHEET_NAMES[lang][1])
    line = 1
    for text in notes(standard, lang):
        guide.cell(row=line, column=1, value=safe_cell(text))
        line += 1
    line += 1
    for j, title in enumerate(GUIDE_HEADERS[lang], 1):
        cell = guide.cell(row=line, column=j, value=title)
        cell.font, cell.fill = bold, PatternFill("solid", fgColor=GUIDE_FILL)
    blank = "unknown (not filled in)" if en else "未填报（不算无，也不算 0）"
    for j, col in enumerate(cols, 1):
        f = standard.field(col.key)
        unit = standard.unit_label(col.key, lang)
        # quoted header and `key:` as in YAML, so the loader never takes this sheet for a data sheet
        values = [get_column_letter(j), f"“{col.header}”", _yaml_key(standard, col, "en") + ":", col.section,
                  TYPE_WORDS[f.type][en], unit, col.how, blank, col.rules or ("—" if en else "不直接计分")]
        for k, value in enumerate(values, 1):
            guide.cell(row=line + j, column=k, value=safe_cell(value)).alignment = Alignment(wrap_text=True, vertical="top")
    for letter, width in zip("ABCDEFGHI", (6, 28, 26, 16, 12, 8, 36, 18, 60)):
        guide.column_dimensions[letter].width = width
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _validate(ws, standard: Standard, col: Column, cells: str, lang: str) -> None:
    """A dropdown for yes/no, a number range for numbers; the input message says what to fill in."""
    from openpyxl.worksheet.datavalidation import DataValidation

    f, en = standard.field(col.key), lang == "en"
    if f.type == "bool":
        dv = DataValidation(type="list", formula1='"' + ",".join(BOOL_CHOICES[lang]) + '"', allow_blank=True)
    elif f.type in ("rate", "score"):
        dv = DataValidation(type="decimal", operator="between", formula1="0", formula2="100", allow_blank=True)
    elif f.type in ("int", "num"):
        dv = DataValidation(type="whole" if f.type == "int" else "decimal", operator="greaterThanOrEqual",
                            formula1="0", allow_blank=True)
    else:
        return
    dv.error = _cut(col.how, 225)
    dv.errorTitle = "Check the value" if en else "请检查填写的值"
    dv.prompt = _cut(col.how + ("; " if en else "；") + col.rules if col.rules else col.how, 250)
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
    en = lang == "en"
    cols = columns(standard, lang, self_check, sheet=False)
    lines = [f"# {text}" for text in notes(standard, lang)]
    lines += ["# " + ("One community per file. Keys may also be the Chinese labels or field keys "
                      "(jingpin standards fields)." if en else
                      "一个文件填一个社区；冒号后填值，不知道的留空。键也可以写字段键或别名（见 jingpin standards fields）。")]
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
    if lang == "en":
        return col.key + (f"_{col.role}" if col.role else "")
    key = standard.field(col.key).zh
    key += f"（{SELF_WORD[0] if col.role == 'self' else INSPECTED_WORD[0]}）" if col.role else ""
    return json.dumps(key, ensure_ascii=False) if _YAML_SPECIAL.search(key) else key
