"""Writing a pack (issue 16 item 9): `verify` takes one method or a list, `standards validate` finds
every quote in the pack's source.txt, and a broken pack is explained in Chinese (English with
--lang en) with the file, the line and what to do, never in pydantic's English."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.standard import default_standard_path, load_standard

runner = CliRunner()
SHIPPED = default_standard_path()
# pydantic's own words, and our wording of a validator's English message (each check has its own words)
PYDANTIC_ENGLISH = ("Input should", "Field required", "Extra inputs", "Value error", "valid number", "Input tag",
                    "取值不符合要求")
# a deduction rule added to the pack, its items (and extra keys) given by each case
DEDUCTION = ("rules_add:\n  - {id: x.d, aspect: services, task: facilities, kind: deduction, zh: 扣分, verify: 看现场,"
             " source: {local: 本区新增。}, points: 5, ")


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "300"})
    assert "Traceback" not in (result.output or ""), result.output
    return result


def tailoring(folder: Path, body: str, name: str = "mine.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("extends: xinshi-2011\nid: mine\nversion: '1'\n" + body, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in text)


# ---- verify ------------------------------------------------------------------------------------

def test_verify_takes_a_list_and_anothers_assessment(tmp_path):
    pack = tailoring(tmp_path, "rules_override:\n"
                               "  svc.books: {verify: [查资料, 看现场]}\n"
                               "  svc.funds: {verify: 由市委组织部考核}\n"
                               "  svc.boards: {verify: 街道党工委组织考核}\n"
                               "  svc.equipment: {verify: [座谈, 听汇报, 查台账, 问卷]}\n")
    std = load_standard(pack)
    assert std.rule("svc.books").verify == ["查资料", "看现场"]
    assert std.rule("svc.books").verify_text == "查资料、看现场"
    assert std.rule("org.secretary").verify_text == "材料审核"  # a pack of today's format is unchanged
    shown = run("standards", "show", "svc.books", "--standard", pack)
    assert shown.exit_code == 0 and "考核方式: 查资料、看现场" in shown.output
    data = json.loads(run("audit", "data/xinshi-2011", "--standard", pack, "--community", "新一代",
                          "--format", "json").stdout)
    finding = next(f for f in data["communities"][0]["findings"] if f["rule"] == "svc.books")
    assert finding["verify"] == "查资料、看现场"


@pytest.mark.parametrize("value", ["拍脑袋", "[查资料, 随便看看]", "[]"])
def test_an_unknown_verify_word_lists_the_accepted_ones(tmp_path, value):
    pack = tailoring(tmp_path, f"rules_override:\n  svc.books: {{verify: {value}}}\n")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2
    assert f"{pack}，第 {line_of(pack, 'verify')} 行" in result.output
    if value == "[]":
        assert "请至少写一种考核方式" in result.output
    else:
        accepted = "材料审核、实地察看、问卷调查、查资料、看现场、问卷、座谈、听汇报、查台账"
        assert f"不认识；可写：{accepted}，或“由…考核”" in result.output
    en = run("standards", "validate", pack, "--lang", "en").output
    assert "verification method" in en and "不认识" not in en and "请至少" not in en


# ---- quotes against source.txt ---------------------------------------------------------------

def copy_pack(tmp_path: Path) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(SHIPPED, pack)
    return pack


def test_the_shipped_packs_quotes_are_all_in_their_source():
    assert run("standards", "validate").exit_code == 0
    assert run("standards", "validate", "strict-2013").exit_code == 0


def test_a_quote_not_in_source_txt_is_an_error_with_file_line_and_start(tmp_path):
    pack = copy_pack(tmp_path)
    rules = pack / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("{quote: 有1000本以上的新图书}", "{quote: 有2000本以上的新图书和期刊杂志若干}"),
                     encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2
    line = line_of(rules, "有2000本以上")
    assert f"{rules}，第 {line} 行: 引文“有2000本以上的新图书…”在 {pack / 'source.txt'} 中找不到" in result.output
    assert "source: {local: 理由}" in result.output  # the fix
    assert "copy the words from source.txt" in run("standards", "validate", pack, "--lang", "en").output
    # only validate looks: audit with the same pack runs
    assert run("audit", "data/xinshi-2011", "--standard", pack, "--format", "json").exit_code == 0


def test_whitespace_and_full_width_punctuation_do_not_matter(tmp_path):
    pack = copy_pack(tmp_path)
    rules = pack / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    # the source says “六室:社区党支部” with a half-width colon; the pack's quote has “六室：”
    assert "六室：社区党支部" in text
    rules.write_text(text.replace("{quote: 有1000本以上的新图书}", "{quote: \"有 1000 本以上的\n      新图书\"}"),
                     encoding="utf-8")
    assert run("standards", "validate", pack).exit_code == 0


def test_a_tailoring_files_quotes_are_looked_up_in_its_own_source(tmp_path):
    own = "rules_override:\n  svc.books: {min: 1500, source: {quote: 本区要求新图书1500册以上}}\n"
    pack = tailoring(tmp_path / "district", own)
    # no source.txt beside the tailoring file: nothing to check against, the base's quotes pass in the base
    assert run("standards", "validate", pack).exit_code == 0
    (tmp_path / "district" / "source.txt").write_text("# 本区细则\n本区要求新图书 1500 册以上。\n", encoding="utf-8")
    assert run("standards", "validate", pack).exit_code == 0
    (tmp_path / "district" / "source.txt").write_text("本区要求新图书1200册以上。\n", encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2 and f"{pack}，第 {line_of(pack, '1500')} 行" in result.output
    assert "引文“本区要求新图书1500册…”" in result.output
    assert "社区党组织坚强有力" not in result.output  # the base's own quotes are not looked up here


def test_a_quote_in_a_notes_line_of_source_txt_does_not_count(tmp_path):
    pack = copy_pack(tmp_path)
    rules = pack / "rules.yaml"
    rules.write_text(rules.read_text(encoding="utf-8").replace("{quote: 有1000本以上的新图书}",
                                                               "{quote: The report's text}"), encoding="utf-8")
    assert run("standards", "validate", pack).exit_code == 2  # “# The report's text …” is a note


# ---- pydantic's errors in our words ------------------------------------------------------------

def test_a_comma_inside_a_flow_mapping_says_to_quote_the_value(tmp_path):
    pack = tailoring(tmp_path, "rules_override:\n"
                               "  svc.books:\n"
                               "    source: {quote: 由市委组织部制定考核标准, 并组织考核。}\n")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2
    assert f"{pack}，第 {line_of(pack, '并组织考核')} 行" in result.output
    assert "值中含逗号，请给整个值加引号" in result.output
    assert '写成 quote: "由市委组织部制定考核标准, 并组织考核。"' in result.output  # the value, whole again
    en = run("standards", "validate", pack, "--lang", "en").output
    assert "the value contains a comma; put the whole value in quotes" in en


@pytest.mark.parametrize("body,needle,zh,en", [
    ("scoring: {bonus_cap: lots}\n", "bonus_cap", "“lots”不是数字；请填数字，如 300",
     "'lots' is not a valid number"),
    ("scoring: {bonus_cap: -1}\n", "bonus_cap", "应不小于 0，现为 -1", "must be at least 0, not -1"),
    ("scoring: {partial_credit: some}\n", "partial_credit", "“some”不是可选的值；可选：proportional or none",
     "accepted: proportional or none"),
    ("scoring: {totl: 100}\n", "totl", "不认识的键“totl”，这里不允许；请检查拼写", "unknown key 'totl'"),
    ("scoring: 5\n", "scoring", "应为“键: 值”的映射", "must be a mapping"),
    ("ignore_headers: 序号\n", "ignore_headers", "应为列表，如 [甲, 乙]", "must be a list"),
    ("title: {zh: 5}\n", "title", "应为文字，而不是“5”", "must be text, not '5'"),
    ("grades_override:\n  excellent: {min_aspect_share: 3}\n", "min_aspect_share", "应不大于 1，现为 3",
     "must be at most 1, not 3"),
    ("rules_override:\n  org.secretary: {expected: 也许}\n", "expected", "“也许”不是是/否值",
     "'也许' is not yes/no"),
    ("rules_override:\n  svc.books: {verify: 5}\n", "verify",
     "应为文字，而不是“5”；若文字像数字或 true/false，请加引号；或者应为列表",
     "must be text, not '5'; put it in quotes if it looks like a number or true/false; or must be a list"),
    ("lists:\n  empty: {zh: 空, items: []}\n", "empty", "至少要有 1 项，现有 0 项", "needs at least 1 items, has 0"),
    ("rules_add:\n  - {id: x.y, aspect: services, task: facilities, kind: boolean, field: phone, verify: 看现场,"
     " source: {local: 本区新增。}}\n", "x.y", "缺少必填的“zh”；请补上 zh: …", "'zh' is required"),
    ("rules_add:\n  - {id: x.y, aspect: services, task: facilities, kind: thresh, field: phone, zh: 甲, verify: 看现场,"
     " source: {local: 本区新增。}}\n", "x.y", "kind“thresh”不认识；可选：threshold, rate", "unknown kind 'thresh'"),
    ("rules_override:\n  env.green_rate: {zero_at: 50}\n", "zero_at", "zero_at（得 0 分的比率）应低于 min",
     "zero_at (the rate that earns nothing) must be below min"),
    ("rules_override:\n  svc.books: {source: {quote: 甲, local: 乙}}\n", "source",
     "请写 quote（文件原文）或 local（本地设定的理由）二者之一", "give exactly one of `quote`"),
    # each rule kind's own checks, in the user's language too
    (DEDUCTION + "items: [{field: party_secretary, deduct: 2, void: true}]}\n", "x.d",
     "每个扣分项只用一种扣法", "an item deducts in exactly one way"),
    (DEDUCTION + "items: [{field: households, per_unit: 1}]}\n", "x.d", "per_unit 按低于 min 或高于 max 的单位数扣分",
     "`per_unit` counts units short of `min` or over `max`"),
    (DEDUCTION + "items: [{field: households, min: 500, max: 300, deduct: 1}]}\n", "x.d", "min 大于 max，请修改其一",
     "`min` is above `max`"),
    (DEDUCTION + "floor: 6, items: [{field: party_secretary, deduct: 2}]}\n", "x.d",
     "floor（最低得分 6）高于本项分值（5）", "`floor` (6) is above the rule's points (5)"),
    ("rules_override:\n  svc.books: {when: {field: households}}\n", "when",
     "条件 when 至少要写 is、min、max、above、below 之一",
     "a `when:` condition needs `is`, `min`"),
])
def test_pydantic_errors_are_worded_for_the_user(tmp_path, body, needle, zh, en):
    pack = tailoring(tmp_path, body)
    result = run("standards", "validate", pack)
    assert result.exit_code == 2
    assert f"{pack}，第 {line_of(pack, needle)} 行" in result.output, result.output
    assert zh in result.output, result.output
    assert not any(words in result.output for words in PYDANTIC_ENGLISH), result.output
    english = run("standards", "validate", pack, "--lang", "en").output
    assert en in english, english
