"""Levels (“看现场，好4分、较好3分、一般2分、没有不得分”) and a scaled score without a pass line (“社区党建
(10分)由市委组织部制定考核标准，并组织考核”): a small pack, its records as CSV, YAML and XLSX, the CLI's
words in Chinese and English, the pack's checks and the template."""

import json

import pandas as pd
import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.record import finding
from jingpin_cli.results.audit.record import findings as finding_table
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.near_miss import gaps_of, near_misses
from jingpin_cli.results.screen.picking import screen
from jingpin_cli.results.screen.record import gap_text
from jingpin_cli.standard.load import load_standard

# A 14-point sheet: 办公场所 by level (4) and 社区党建 scored by another body (10, no pass line).
PACK = """\
extends: xinshi-2011
id: levels-demo
version: "1"
scoring: {total: 14, partial_credit: proportional, bonus_cap: 0, source: {local: 测试用。}}
aspects:
  - id: party
    zh: 党建
    en: Party building
    points: 14
    source: {local: 测试用。}
    tasks:
      - {id: premises, zh: 阵地建设, en: Premises}
      - {id: assessed, zh: 组织部考核, en: Assessed by the department}
gates: []
grades:
  - {id: pass, zh: 合格, en: Pass, min_score: 10}
  - {id: fail, zh: 不合格, en: Fail, min_score: 0}
fields_add:
  - {key: office_quality, zh: 办公场所情况, en: Office premises, type: level,
     levels: [{zh: 好, en: good}, {zh: 较好, en: fairly good}, {zh: 一般, en: fair},
              {zh: 没有, en: none, aliases: [无]}]}
  - {key: party_building_score, zh: 社区党建考核得分, en: Party-building assessment score, type: score, unit: points}
rules:
  - {id: premises.office, aspect: party, task: premises, kind: level, field: office_quality,
     scores: {好: 4, 较好: 3, 一般: 2, 没有: 0}, zh: 办公场所, en: Office premises, verify: 实地察看,
     source: {local: 看现场，好4分、较好3分、一般2分、没有不得分}}
  - {id: assessed.party, aspect: party, task: assessed, kind: scaled, field: party_building_score, points: 10,
     zh: 社区党建, en: Community Party building, verify: 材料审核,
     source: {local: 社区党建(10分)由市委组织部制定考核标准，并组织考核}}
"""

# Cells as offices write them: spaces inside the word, full-width letters, the English word, an alias.
CSV = """\
社区编码,社区名称,办公场所情况,社区党建考核得分
L1,甲社区,好,100
L2,乙社区, 较 好 ,85
L3,丙社区,ＦＡＩＲ,60
L4,丁社区,无,0
L5,戊社区,,
"""

# By hand (office: 好 4 / 较好 3 / 一般 2 / 没有 0; party: score / 100 × 10):
#   L1: 好 → 4 (pass);          100 → 10 (pass, full marks)    total 14
#   L2: 较好 → 3 (partial);     85 → 8.5 (partial)             total 11.5
#   L3: 一般 (FAIR) → 2;        60 → 6 (partial)               total 8
#   L4: 没有 (无) → 0 (fail);   0 → 0 (fail)                   total 0
#   L5: blank → unknown, 0;     blank → unknown, 0             total 0
EXPECTED = {"L1": 14, "L2": 11.5, "L3": 8, "L4": 0, "L5": 0}


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "levels.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "communities.csv").write_text(CSV, encoding="utf-8")
    return folder


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result


def test_cells_are_read_as_the_levels_own_words(pack, data):
    records = load_records(data, load_standard(pack))
    column = records.frame["office_quality"]
    assert column.dtype == "string"
    assert column.tolist()[:4] == ["好", "较好", "一般", "没有"] and pd.isna(column["L5"])


def test_scores_statuses_and_totals_by_hand(pack, data):
    report = audit(load_standard(pack), data)
    assert report.summary["score"].round(4).to_dict() == EXPECTED
    std = report.standard
    office = {cid: finding(report, std.rule("premises.office"), cid) for cid in EXPECTED}
    assert {c: (f["status"], f["points"], f["actual"], f["required"]) for c, f in office.items()} == {
        "L1": ("pass", 4, "好", "好"), "L2": ("partial", 3, "较好", "好"), "L3": ("partial", 2, "一般", "好"),
        "L4": ("fail", 0, "没有", "好"), "L5": ("unknown", 0, None, "好")}
    party = {cid: finding(report, std.rule("assessed.party"), cid) for cid in EXPECTED}
    assert {c: (f["status"], f["points"], f["required"], f["shortfall"]) for c, f in party.items()} == {
        "L1": ("pass", 10, None, None), "L2": ("partial", 8.5, None, None), "L3": ("partial", 6, None, None),
        "L4": ("fail", 0, None, None), "L5": ("unknown", 0, None, None)}


def test_audit_json_words_in_chinese_and_english(pack, data):
    messages = {}
    for lang in ("zh", "en"):
        result = run("audit", data, "-s", pack, "-f", "json", "--lang", lang)
        assert result.exit_code == 0, result.output
        for c in json.loads(result.output)["communities"]:
            for f in c["findings"]:
                messages[(lang, c["id"], f["rule"])] = f["message"]
    assert messages["zh", "L1", "premises.office"] == "办公场所情况：好（4/4 分）"
    assert messages["zh", "L2", "premises.office"] == "办公场所情况：较好（3/4 分），再高一档为“好”（4 分）"
    assert messages["zh", "L4", "premises.office"] == "办公场所情况：没有（0/4 分），再高一档为“一般”（2 分）"
    assert messages["zh", "L5", "premises.office"] == "办公场所情况：未填报（好 4 分、较好 3 分、一般 2 分、没有 0 分）"
    assert messages["en", "L2", "premises.office"] == \
        "Office premises: fairly good (3/4 points); the next level up is 'good' (4 points)"
    assert messages["en", "L5", "premises.office"] == "Office premises: unknown (good 4, fairly good 3, fair 2, none 0)"
    assert messages["zh", "L2", "assessed.party"] == "社区党建考核得分 85 分（满分 100 分），折合 8.5/10 分"
    assert messages["zh", "L5", "assessed.party"] == "社区党建考核得分 未填报（满分 100 分，按比例折合 10 分）"
    assert messages["en", "L2", "assessed.party"] == \
        "Party-building assessment score 85 points (out of 100 points): 8.5/10 points"


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "xlsx"])
def test_every_audit_format_renders_a_level(pack, data, tmp_path, fmt):
    out = tmp_path / f"report.{fmt}"
    result = run("audit", data, "-s", pack, "-f", fmt, "-o", out)
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        book = load_workbook(out, read_only=True)
        text = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert "办公场所情况：较好（3/4 分）" in text


def test_shared_findings_equal_the_per_community_ones(pack, data):
    report = audit(load_standard(pack), data)
    for lang in ("zh", "en"):
        table = finding_table(report, lang)
        for i, cid in enumerate(report.ids):
            for rule in report.standard.rules:
                assert table.finding(rule, i) == finding(report, rule, cid, lang)


def test_yaml_and_xlsx_records_read_levels_too(pack, tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "y1.yaml").write_text("社区编码: Y1\n社区名称: 己社区\n办公场所情况: 较好\n社区党建考核得分: 90\n",
                                    encoding="utf-8")
    book = Workbook()
    book.active.append(["社区编码", "社区名称", "办公场所情况"])
    book.active.append(["X1", "庚社区", "fairly good"])
    book.save(folder / "x.xlsx")
    report = audit(load_standard(pack), folder)
    # Y1: 较好 3 + 90 / 100 × 10 = 9 → 12;  X1: fairly good = 较好 3, no score → 3
    assert report.summary["score"].round(4).to_dict() == {"Y1": 12, "X1": 3}
    assert report.records.frame.loc["X1", "office_quality"] == "较好"


def test_an_unknown_word_names_the_cell_and_the_words(pack, tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    (folder / "c.csv").write_text("社区编码,社区名称,办公场所情况\nB1,甲社区,很好\n", encoding="utf-8")
    zh = run("audit", folder, "-s", pack)
    assert zh.exit_code == 2
    assert "c.csv，第 2 行，C 列“办公场所情况”: “很好”不是办公场所情况的等级，请填：好、较好、一般、没有" in zh.output
    assert "Traceback" not in zh.output
    en = run("audit", folder, "-s", pack, "--lang", "en")
    assert en.exit_code == 2
    assert "row 2, column C '办公场所情况': '很好' is not a level of 办公场所情况; " \
           "use one of: good, fairly good, fair, none" in en.output


@pytest.mark.parametrize("change,zh,en", [
    # a word of the field without a score
    ("scores: {好: 4, 较好: 3, 一般: 2, 没有: 0}|scores: {好: 4, 较好: 3, 一般: 2}",
     "等级“没有”没有分值：“office_quality”的每个等级都要有分值（好、较好、一般、没有）", "no score for 没有"),
    # a score for a word the field does not have
    ("scores: {好: 4, 较好: 3, 一般: 2, 没有: 0}|scores: {好: 4, 较好: 3, 一般: 2, 没有: 0, 很好: 5}",
     "“很好”不是“office_quality”的等级（它的等级：好、较好、一般、没有）", "'很好' is not a level of 'office_quality'"),
    # points other than the best score
    ("kind: level, field: office_quality,|kind: level, field: office_quality, points: 5,",
     "points（5）应是各等级得分中的最高分（4）", "points (5) must be the highest of the scores (4)"),
    # a worse word scoring more than a better one
    ("scores: {好: 4, 较好: 3, 一般: 2, 没有: 0}|scores: {好: 4, 较好: 2, 一般: 3, 没有: 0}",
     "较差的等级“一般”（3 分）得分高于更好的等级“较好”（2 分）",
     "'一般' (3) scores more than the better level '较好' (2)"),
    # a level field of one word
    ("levels: [{zh: 好, en: good}, {zh: 较好, en: fairly good}, {zh: 一般, en: fair},\n"
     "              {zh: 没有, en: none, aliases: [无]}]|levels: [好]", "levels 至少要列两个等级",
     "must list at least two words"),
    # one spelling for two words
    ("aliases: [无]|aliases: [较 好]", "“较 好”同时指“office_quality”的两个等级：较好 和 没有",
     "'较 好' names two levels of 'office_quality': 较好 and 没有"),
    # levels on a field that is not a level field
    ("type: score, unit: points|type: score, unit: points, levels: [好, 差]", "levels 只用于等级（level）字段",
     "`levels` belongs to a level field"),
])
def test_the_pack_checks_levels_and_their_scores(tmp_path, change, zh, en):
    old, new = change.split("|")
    assert old in PACK
    path = tmp_path / "bad.yaml"
    path.write_text(PACK.replace(old, new), encoding="utf-8")
    result = run("standards", "validate", path)
    assert result.exit_code == 2 and zh in result.output and "bad.yaml" in result.output, result.output
    assert en not in result.output  # Chinese first: no English sentence after the place
    result = run("standards", "validate", path, "--lang", "en")
    assert result.exit_code == 2 and en in result.output, result.output
    with pytest.raises(InputError):
        load_standard(path)


def test_points_default_to_the_best_score(pack):
    assert load_standard(pack).rule("premises.office").points == 4


def test_the_template_offers_the_words(pack, tmp_path):
    for lang, words in (("zh", '"好,较好,一般,没有"'), ("en", '"good,fairly good,fair,none"')):
        out = tmp_path / f"t-{lang}.xlsx"
        result = run("template", "-s", pack, "-o", out, "--lang", lang)
        assert result.exit_code == 0, result.output
        sheet = load_workbook(out).worksheets[0]
        headers = [c.value for c in sheet[1]]
        letter = sheet.cell(row=1, column=headers.index("办公场所情况" if lang == "zh" else "Office premises") + 1)
        lists = {str(dv.sqref).split(":")[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
        assert lists[f"{letter.column_letter}2"] == words
    yaml_text = run("template", "-s", pack, "-f", "yaml").output
    assert "办公场所情况:" in yaml_text and "填以下之一：好、较好、一般、没有" in yaml_text
    assert "按等级计分：好 4 分、较好 3 分、一般 2 分、没有 0 分" in yaml_text


def test_a_filled_template_reads_back(pack, tmp_path):
    out = tmp_path / "t.xlsx"
    assert run("template", "-s", pack, "-o", out, "--lang", "en").exit_code == 0
    book = load_workbook(out)
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    values = {"Community code": "T1", "Community name": "甲社区", "Office premises": "fair",
              "Party-building assessment score (points)": 50}
    for header, value in values.items():
        sheet.cell(row=2, column=headers.index(header) + 1, value=value)
    folder = tmp_path / "filled"
    folder.mkdir()
    book.save(folder / "t.xlsx")
    report = audit(load_standard(pack), folder)
    assert report.summary.at["T1", "score"] == 2 + 5  # 一般 2; 50 / 100 × 10 = 5


def test_screen_closes_a_level_gap_to_the_best_word(pack, data):
    report = audit(load_standard(pack), data)
    screening = screen(report, top=1)
    gaps = {(g.rule, g.field): g for g in gaps_of(screening, "L2")}
    office, party = gaps["premises.office", "office_quality"], gaps["assessed.party", "party_building_score"]
    # 较好 (3 of 4) → 好; 85 → 100 (no pass line: full marks), 15 points short
    assert (office.target, office.amount, office.gain) == ("好", None, 1)
    assert (party.target, party.amount, party.gain) == (100, 15, 1.5)
    assert gap_text(screening, office, "zh") == "办公场所情况提升为“好”"
    assert gap_text(screening, party, "zh") == "社区党建考核得分提高 15 分"
    assert gap_text(screening, office, "en") == "raise Office premises to '好'"
    blank = {g.rule: g for g in gaps_of(screening, "L5")}
    assert gap_text(screening, blank["premises.office"], "zh") == "填报办公场所情况（最高为“好”）"
    # the what-if re-scoring writes the word into the column and scores it: L2 with both closed has 14
    near = {item.id: item for item in near_misses(screening).items}
    assert near["L2"].score_all == 14
    result = run("screen", data, "-s", pack, "--top", "1", "-f", "json")
    assert result.exit_code == 0, result.output


def test_self_assessed_and_inspected_levels_differ_by_word(pack, tmp_path):
    folder = tmp_path / "self"
    folder.mkdir()
    (folder / "c.csv").write_text("社区编码,社区名称,办公场所情况（自评）,办公场所情况（核查）\nS1,甲社区,好,一般\n",
                                  encoding="utf-8")
    report = audit(load_standard(pack), folder)
    assert report.summary.at["S1", "score"] == 2  # the inspected 一般 is scored
    assert any("自评“好”，核查“一般”" in p.render("zh") for p in report.records.warnings)
