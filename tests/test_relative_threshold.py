"""Relative thresholds: “按照每百户居民30平方米的标准” and “党员人均3平方米以上” — a minimum for every so many
of another field, so each community has its own requirement, shortfall and near-miss target."""

import json

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import json as json_format
from jingpin_cli.results.audit.record import finding, iter_records
from jingpin_cli.results.audit.record import findings as finding_table
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.near_miss import gaps_of, near_misses
from jingpin_cli.results.screen.picking import screen
from jingpin_cli.results.screen.record import gap_text
from jingpin_cli.standard.load import load_standard

# A 10-point sheet: service premises per 100 households (6), activity room per Party member (4).
PACK = """\
extends: xinshi-2011
id: per-demo
version: "1"
scoring: {total: 10, partial_credit: proportional, bonus_cap: 0, source: {local: 测试用。}}
aspects:
  - id: premises
    zh: 阵地
    en: Premises
    points: 10
    source: {local: 测试用。}
    tasks:
      - {id: space, zh: 活动场所, en: Space}
gates: []
grades:
  - {id: pass, zh: 合格, en: Pass, min_score: 6}
  - {id: fail, zh: 不合格, en: Fail, min_score: 0}
fields_add:
  - {key: activity_room_m2, zh: 党员活动室面积, en: Party activity room, type: num, unit: m2}
rules:
  - {id: space.service, aspect: premises, task: space, kind: threshold, field: service_area_m2, min: 30,
     per: {field: households, every: 100, zh: 百户, en: 100 households}, points: 6,
     zh: 服务用房面积, en: Service premises area, verify: 实地察看, source: {local: 按照每百户居民30平方米的标准}}
  - {id: space.members, aspect: premises, task: space, kind: threshold, field: activity_room_m2, min: 3,
     per: {field: party_members, zh: 名党员, en: party member}, points: 4,
     zh: 党员活动室面积, en: Party activity room, verify: 实地察看, source: {local: 党员人均3平方米以上}}
"""

CSV = """\
社区编码,社区名称,户数,服务用房总面积,党员人数,党员活动室面积
P1,甲社区,1200,260,45,120
P2,乙社区,800,300,40,150
P3,丙社区,,300,50,150
P4,丁社区,1000,,60,
P5,戊社区,1234,0,0,0
"""

# By hand. service: need 30 × households / 100, points 6 × min(area / need, 1);
#          members: need 3 × members, points 4 × min(room / need, 1).
#   P1: 1200 户 → 360 ㎡; 260 → 6 × 260/360 = 4.333333, short 100.
#       45 名 → 135 ㎡; 120 → 4 × 120/135 = 3.555556, short 15.        total 7.888889
#   P2: 800 户 → 240 ㎡; 300 ≥ 240 → 6.                              40 名 → 120 ㎡; 150 ≥ 120 → 4.     total 10
#   P3: 户数 blank → requirement unknown → unknown, 0.                50 名 → 150 ㎡; 150 → 4.           total 4
#   P4: 1000 户 → 300 ㎡; area blank → unknown, 0.                    60 名 → 180 ㎡; blank → unknown.  total 0
#   P5: 1234 户 → 370.2 ㎡; 0 → fail, 0, short 370.2.                 0 名 → 0 ㎡; 0 ≥ 0 → pass, 4.       total 4
EXPECTED = {"P1": 7.8889, "P2": 10, "P3": 4, "P4": 0, "P5": 4}


@pytest.fixture
def pack(tmp_path):
    path = tmp_path / "per.yaml"
    path.write_text(PACK, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "communities.csv").write_text(CSV, encoding="utf-8")
    return folder


@pytest.fixture
def report(pack, data):
    return audit(load_standard(pack), data)


def test_scores_by_hand(report):
    assert report.summary["score"].round(4).to_dict() == EXPECTED


def test_each_community_has_its_own_requirement(report):
    rule = report.standard.rule("space.service")
    got = {cid: finding(report, rule, cid) for cid in EXPECTED}
    assert {c: (f["status"], f["actual"], f["required"], f["shortfall"]) for c, f in got.items()} == {
        "P1": ("partial", 260, 360, 100), "P2": ("pass", 300, 240, None), "P3": ("unknown", 300, None, None),
        "P4": ("unknown", None, 300, None), "P5": ("fail", 0, 370.2, 370.2)}
    assert got["P1"]["unit"] == "㎡" and got["P1"]["fields"] == ["service_area_m2", "households"]


def test_messages_say_the_basis_in_chinese_and_english(pack, data):
    messages = {}
    for lang in ("zh", "en"):
        result = CliRunner().invoke(app, ["audit", str(data), "-s", str(pack), "-f", "json", "--lang", lang])
        assert result.exit_code == 0, result.output
        for c in json.loads(result.output)["communities"]:
            for f in c["findings"]:
                messages[(lang, c["id"], f["rule"])] = f["message"]
    zh = {cid: messages["zh", cid, "space.service"] for cid in EXPECTED}
    assert zh["P1"] == "服务用房总面积 260 ㎡，标准 每百户 30 ㎡ × 12 百户 = 360 ㎡，差 100 ㎡"
    assert messages["zh", "P1", "space.members"] == \
        "党员活动室面积 120 ㎡，标准 每名党员 3 ㎡ × 45 名党员 = 135 ㎡，差 15 ㎡"
    assert messages["zh", "P2", "space.service"] == "服务用房总面积 300 ㎡，达到标准（每百户 30 ㎡ × 8 百户 = 240 ㎡）"
    assert messages["zh", "P3", "space.service"] == "服务用房总面积 300 ㎡；户数未填报，无法计算标准（每百户 30 ㎡）"
    assert messages["zh", "P4", "space.service"] == "服务用房总面积 未填报（标准 每百户 30 ㎡ × 10 百户 = 300 ㎡）"
    assert messages["zh", "P5", "space.service"] == \
        "服务用房总面积 0 ㎡，标准 每百户 30 ㎡ × 12.34 百户 = 370.2 ㎡，差 370.2 ㎡"
    assert messages["en", "P1", "space.service"] == \
        "Total service premises area 260 m², required 30 m² per 100 households × 12 = 360 m², short by 100 m²"
    assert messages["en", "P3", "space.service"] == ("Total service premises area 300 m²; Households unknown, so the "
                                                      "requirement (30 m² per 100 households) cannot be worked out")


def test_fast_rendering_equals_the_per_community_findings(report):
    """FindingTable shares a finding between communities with equal inputs: the requirement is one of them."""
    for lang in ("zh", "en"):
        table = finding_table(report, lang)
        for i, cid in enumerate(report.ids):
            for rule in report.standard.rules:
                assert table.finding(rule, i) == finding(report, rule, cid, lang)
        slow = [json.dumps(r, ensure_ascii=False) for r in iter_records(report, lang)]
        fast = b"".join(json_format.render(report, Options(lang))).decode("utf-8")
        assert all(line in fast for line in slow)


def test_equal_areas_with_different_households_are_not_shared(pack, tmp_path):
    """Two communities with the same area and status but different requirements get different findings."""
    folder = tmp_path / "same"
    folder.mkdir()
    (folder / "c.csv").write_text("社区编码,社区名称,户数,服务用房总面积\nS1,甲社区,1000,200\nS2,乙社区,2000,200\n",
                                  encoding="utf-8")
    report = audit(load_standard(pack), folder)
    table, rule = finding_table(report, "zh"), report.standard.rule("space.service")
    # S1: 300 ㎡ asked, 100 short; S2: 600 ㎡ asked, 400 short
    assert [table.finding(rule, i)["required"] for i in range(2)] == [300, 600]
    assert [table.finding(rule, i)["shortfall"] for i in range(2)] == [100, 400]


def test_near_misses_aim_at_the_communitys_own_requirement(report):
    screening = screen(report, top=1)
    gaps = {g.rule: g for g in gaps_of(screening, "P1")}
    assert (gaps["space.service"].target, gaps["space.service"].amount) == (360, 100)
    assert (gaps["space.members"].target, gaps["space.members"].amount) == (135, 15)
    assert gap_text(screening, gaps["space.service"], "zh") == "服务用房总面积增加 100 ㎡"
    blank = {g.rule: g for g in gaps_of(screening, "P4")}
    assert gap_text(screening, blank["space.service"], "zh") == "填报服务用房总面积（须 ≥ 300 ㎡）"
    # P3's requirement is unknown (户数 blank): nothing to aim at, so no closing for that rule
    assert "space.service" not in {g.rule for g in gaps_of(screening, "P3")}
    # P1 with both gaps closed re-scores to full marks (the engine, not the gap, decides)
    assert {item.id: item.score_all for item in near_misses(screening).items}["P1"] == 10


def test_the_template_says_the_rate_per_basis(pack):
    text = CliRunner().invoke(app, ["template", "-s", str(pack), "-f", "yaml"]).output
    assert "服务用房面积: 每百户 ≥ 30 ㎡（6 分）" in text  # (no rule id: issue 18)
    assert "党员活动室面积: 每名党员 ≥ 3 ㎡（4 分）" in text
    assert "space.service" not in text
    households = next(line for line in text.splitlines() if line.startswith("户数:"))
    assert "每百户 ≥ 30 ㎡" in households  # the basis column says which rule reads it, in the area's unit
    en = CliRunner().invoke(app, ["template", "-s", str(pack), "-f", "yaml", "--lang", "en"]).output
    assert "≥ 30 m² per 100 households (6 points)" in en


@pytest.mark.parametrize("change,words", [
    ("per: {field: households, every: 100,|per: {field: no_such_field, every: 100,", "no_such_field"),
    ("per: {field: households, every: 100,|per: {field: households, every: 0,", "every"),
    ("field: service_area_m2, min: 30,|field: service_area_m2, min: 0,", "用 per（按基数）时，min 应大于 0"),
    ("per: {field: party_members, zh: 名党员|per: {field: party_secretary, zh: 名党员", "party_secretary"),
])
def test_the_pack_checks_per(tmp_path, change, words):
    old, new = change.split("|")
    assert old in PACK
    path = tmp_path / "bad.yaml"
    path.write_text(PACK.replace(old, new), encoding="utf-8")
    result = CliRunner().invoke(app, ["standards", "validate", str(path)])
    assert result.exit_code == 2 and words in result.output, result.output
    with pytest.raises(InputError):
        load_standard(path)
