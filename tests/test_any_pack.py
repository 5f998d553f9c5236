"""Any pack runs (issue 16 item 1): a scoring sheet with no resident survey, no grades, no gates, no
vetoes, no street field and no overall bonus cap is validated, scored and written in every format.
Nothing in the engine or a format may assume the shipped pack's fields."""

import json

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.report import audit
from jingpin_cli.standard.load import load_standard

runner = CliRunner()

PACK = """
id: bare
version: "1"
title: {zh: 最简评分表, en: Bare sheet}
document: {title: 测试用评分表}
scoring: {total: 10, source: {local: 测试}}
aspects:
  - {id: org, zh: 组织, en: Organization, points: 10, source: {local: 测试}, tasks: [{id: t, zh: 任务, en: Task}]}
units:
  m2: {zh: ㎡, en: m², accept: {㎡: 1, 平方米: 1}}
fields:
  - {key: id, zh: 社区编码, type: text}
  - {key: name, zh: 社区名称, type: text}
  - {key: area, zh: 办公面积, type: num, unit: m2}
  - {key: a1, zh: 有党员活动室, type: bool}
  - {key: a2, zh: 有公开栏, type: bool}
  - {key: honors, zh: 获表彰次数, type: int}
  - {key: pilots, zh: 试点项目数, type: int}
rules:
  - {id: r.area, aspect: org, task: t, kind: threshold, field: area, min: 100, points: 6, zh: 办公面积,
     verify: 实地察看, source: {local: 测试}}
  - {id: r.rooms, aspect: org, task: t, kind: checklist, items: [a1, a2], group: {zh: 阵地}, points: 4,
     zh: 阵地, verify: 实地察看, source: {local: 测试}}
  - {id: b.honors, aspect: org, task: t, kind: bonus, field: honors, per: 1, cap: 2, zh: 表彰加分,
     verify: 材料审核, source: {local: 测试}}
  - {id: b.pilots, aspect: org, task: t, kind: bonus, field: pilots, per: 0.5, cap: 1, zh: 试点加分,
     verify: 材料审核, source: {local: 测试}}
"""

DATA = "社区编码,社区名称,办公面积,有党员活动室,有公开栏,获表彰次数,试点项目数\n" \
       "1,一社区,120,是,否,3,1\n" \
       "2,二社区,80,是,是,,\n" \
       "3,三社区,,否,,1,4\n"


@pytest.fixture
def bare(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "c.csv").write_text(DATA, encoding="utf-8")
    return tmp_path


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "160"})
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def test_scores_by_hand(bare):
    report = audit(load_standard(bare / "pack.yaml"), bare / "data")
    s = report.summary
    # 一社区: area 120 ≥ 100 → 6; rooms: 公开栏 missing → 4 - 4/2 = 2; base 8.
    #   bonus: honors 3 × 1 capped at 2 → 2, pilots 1 × 0.5 → 0.5; no overall cap → 2.5; score 10.5
    assert s.at["1", "base"] == pytest.approx(8) and s.at["1", "bonus"] == pytest.approx(2.5)
    assert s.at["1", "score"] == pytest.approx(10.5)
    # 二社区: area 80/100 × 6 = 4.8 (proportional); rooms both present → 4; base 8.8; bonus blank → 0
    assert s.at["2", "score"] == pytest.approx(8.8)
    # 三社区: area blank → 0 (unknown); 活动室 missing → best 2, 公开栏 blank → 0 (unknown);
    #   bonus: honors 1 → 1, pilots 4 × 0.5 = 2 capped at 1 → 1; score 2
    assert s.at["3", "score"] == pytest.approx(2) and s.at["3", "unknown_rules"] == 2
    # no grades in the pack: one band, 未分等次; no gates or vetoes: everyone eligible
    assert set(s["grade"]) == {"not_graded"} and s["eligible"].all()


COMMANDS = [
    ("audit",), ("audit", "--format", "json"), ("audit", "--format", "csv"), ("audit", "--format", "md"),
    ("audit", "--community", "1"), ("audit", "--lang", "en"), ("screen",), ("screen", "--format", "json"),
    ("check",), ("survey",),
]


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_runs(bare, args):
    result = run(*args[:1], bare / "data", *args[1:], "--standard", bare / "pack.yaml")
    if args[0] == "survey":  # the pack has no survey: said plainly, exit 2
        assert result.exit_code == 2 and "没有群众评议" in result.output
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("suffix", ["xlsx", "html", "md", "csv", "json"])
def test_every_file_format(bare, suffix):
    out = bare / f"out.{suffix}"
    assert run("audit", bare / "data", "--standard", bare / "pack.yaml", "-o", out).exit_code == 0
    assert out.stat().st_size > 0
    if suffix in ("xlsx", "csv", "json"):  # what screen writes
        screened = run("screen", bare / "data", "--standard", bare / "pack.yaml", "-o", bare / f"s.{suffix}")
        assert screened.exit_code == 0
    if suffix == "json":
        communities = {c["id"]: c for c in json.loads(out.read_text(encoding="utf-8"))["communities"]}
        assert communities["1"]["score"] == 10.5 and communities["1"]["street"] is None


def test_template_and_diff(bare):
    assert run("template", "--standard", bare / "pack.yaml", "-o", bare / "t.xlsx").exit_code == 0
    assert run("diff", bare / "data", bare / "data", "--standard", bare / "pack.yaml").exit_code == 0


def test_surveys_folder_without_a_survey_in_the_pack(bare):
    (bare / "data" / "surveys").mkdir()
    (bare / "data" / "surveys" / "a.csv").write_text("社区,是否知晓\n一社区,是\n", encoding="utf-8")
    result = run("audit", bare / "data", "--standard", bare / "pack.yaml")
    assert result.exit_code == 0 and "没有群众评议（survey）设置，问卷文件夹未读取" in result.output


def test_a_checklist_item_listed_twice_is_refused(bare):
    pack = bare / "pack.yaml"
    pack.write_text(PACK.replace("items: [a1, a2]", "items: [a1, a2, a1]"), encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2 and "“a1”列了两次" in result.output
    assert run("audit", bare / "data", "--standard", pack).exit_code == 2


def test_an_overall_bonus_cap_still_caps(bare):
    pack = bare / "pack.yaml"
    pack.write_text(PACK.replace("scoring: {total: 10,", "scoring: {total: 10, bonus_cap: 1.5,"), encoding="utf-8")
    s = audit(load_standard(pack), bare / "data").summary
    assert s.at["1", "bonus"] == pytest.approx(1.5)  # 2.5 earned, capped at 1.5
