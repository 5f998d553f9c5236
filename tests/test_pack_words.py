"""A pack names its own words (issue 16 item 1): what its gate group is called, the unit communities
are grouped by, how many aspects it has. Nothing in a report says 三有一化, 街道 or 五个方面 unless
the pack does."""

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.standard import load_standard
from jingpin_cli.text.numbers import count_word

runner = CliRunner()

# Three aspects, one yes/no rule each (10 + 10 + 10 = 30 points); one gate on the first rule. The
# four survey rate fields are in the catalog only because packs without them are another piece of
# issue 16.
PACK = """\
id: town-2020
version: "1"
title: {{zh: 某县社区考评, en: A county's community assessment}}
document: {{title: 某县社区考评细则}}
{terms}
scoring: {{total: 30, source: {{local: 本县细则}}}}
aspects:
  - {{id: party, zh: 党建, en: Party work, points: 10, source: {{local: 本县}}, tasks: [{{id: t, zh: 任务}}]}}
  - {{id: service, zh: 服务, en: Services, points: 10, source: {{local: 本县}}, tasks: [{{id: t, zh: 任务}}]}}
  - {{id: order, zh: 治安, en: Order, points: 10, source: {{local: 本县}}, tasks: [{{id: t, zh: 任务}}]}}
gates:
  - {{id: office, zh: 有办公场所, en: Has an office, rules: [p.office], source: {{local: 本县}}}}
grades:
  - {{id: pass, zh: 合格, en: Pass, min_score: 20}}
  - {{id: fail, zh: 不合格, en: Fail, min_score: 0}}
veto_grade: {{zh: 否决, en: Vetoed}}
grades_source: {{local: 本县}}
survey:
  respondent_types: [居民]
  respondent_types_source: {{local: 本县}}
  satisfied: [满意]
  not_satisfied: [不满意]
  excluded: []
  min_sample_source: {{local: 本县}}
units: {{}}
fields:
  - {{key: id, zh: 社区编码, type: text}}
  - {{key: name, zh: 社区名称, type: text}}
  - {{key: street, zh: 所属镇, en: Township, type: text}}
  - {{key: office, zh: 办公场所, type: bool}}
  - {{key: hall, zh: 服务大厅, type: bool}}
  - {{key: patrol, zh: 巡逻队, type: bool}}
  - {{key: awareness_rate, zh: 认知度, type: rate}}
  - {{key: participation_rate, zh: 参与度, type: rate}}
  - {{key: satisfaction_rate, zh: 满意度, type: rate}}
  - {{key: survey_sample, zh: 问卷份数, type: int}}
rules:
  - {{id: p.office, aspect: party, task: t, kind: boolean, field: office, zh: 办公场所, verify: 看现场,
     points: 10, source: {{local: 本县}}}}
  - {{id: s.hall, aspect: service, task: t, kind: boolean, field: hall, zh: 服务大厅, verify: [查资料, 看现场],
     points: 10, source: {{local: 本县}}}}
  - {{id: o.patrol, aspect: order, task: t, kind: boolean, field: patrol, zh: 巡逻队, verify: 由县委组织部考核,
     points: 10, source: {{local: 本县}}}}
"""

TERMS = "terms: {gates: {zh: 否决条件, en: veto conditions}, group: {zh: 镇, en: township}}"

# A and B in 东镇, C and D in 西镇. A has everything (30); B lacks the patrol (20); C has only the
# office (10); D has no office, so it fails the gate (20 points, not eligible).
DATA = """\
社区编码,社区名称,所属镇,办公场所,服务大厅,巡逻队
A,甲社区,东镇,有,有,有
B,乙社区,东镇,有,有,无
C,丙社区,西镇,有,无,无
D,丁社区,西镇,无,有,有
"""


def write_case(tmp_path, terms: str = TERMS):
    pack = tmp_path / "pack.yaml"
    pack.write_text(PACK.format(terms=terms), encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "communities.csv").write_text(DATA, encoding="utf-8")
    return pack, data


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert "Traceback" not in (result.output or ""), result.output
    return result


@pytest.fixture
def case(tmp_path):
    return write_case(tmp_path)


def test_count_words_for_titles():
    assert [count_word(n) for n in (2, 3, 5, 10, 12)] == ["两", "三", "五", "十", "12"]
    assert [count_word(n, "en") for n in (3, 5, 12)] == ["three", "five", "12"]


def test_the_terminal_uses_the_packs_gate_word_and_group(case):
    pack, data = case
    out = run("audit", data, "--standard", pack, "--community", "D").output
    assert "否决条件：✗ 有办公场所" in out and "三有一化" not in out
    out = run("audit", data, "--standard", pack, "--community", "D", "--lang", "en").output
    assert "Veto conditions: ✗ Has an office" in out and "baseline" not in out
    table = run("audit", data, "--standard", pack).output
    assert "│ 镇 " in table.replace("┃", "│") and "街道" not in table


def test_csv_heads_the_group_column_with_the_fields_label(case):
    pack, data = case
    result = run("audit", data, "--standard", pack, "--format", "csv")
    head = next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert head[2] == "所属镇" and "所属街道" not in head
    result = run("audit", data, "--standard", pack, "--format", "csv", "--lang", "en")
    assert next(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))[2] == "township"


def test_html_counts_the_packs_aspects(case):
    pack, data = case
    html = run("audit", data, "--standard", pack, "--format", "html").stdout
    assert "各社区三个方面得分" in html and "三个方面得分率雷达图" in html and "五个方面" not in html
    assert "<th>镇</th>" in html and "否决条件：" in html and "三有一化" not in html
    html = run("audit", data, "--standard", pack, "--format", "html", "--lang", "en").stdout
    assert "Radar chart of the three aspects" in html and "<th>Township</th>" in html
    assert "Veto conditions: " in html and "five" not in html


def test_screen_per_group_says_the_packs_unit(case):
    pack, data = case
    # A (30) and B (20) share 东镇; D (20) is not eligible: with one per 镇, A and C (10) are picked
    result = run("screen", data, "--standard", pack, "--top", "2", "--per-group", "1")
    out = result.output
    assert "每镇至多 1 个" in out and "东镇已选满 1 个（每镇至多 1 个）" in out and "未达“否决条件”：有办公场所" in out
    assert "街道" not in out and "三有一化" not in out
    same = run("screen", data, "--standard", pack, "--top", "2", "--per-street", "1", "--format", "json")
    assert json.loads(same.stdout)["selected"] == ["A", "C"]
    en = run("screen", data, "--standard", pack, "--top", "2", "--per-group", "1", "--lang", "en").output
    assert "at most 1 per township" in en and "veto conditions not met: Has an office" in en
    forced = run("screen", data, "--standard", pack, "--top", "2", "--per-group", "1", "--include", "A,B")
    assert forced.exit_code == 2 and "每镇至多" in forced.output


def test_a_pack_without_terms_gets_the_neutral_words(tmp_path):
    pack, data = write_case(tmp_path, terms="")
    assert load_standard(pack).terms.gates.zh == "基本条件"
    out = run("audit", data, "--standard", pack, "--community", "D").output
    assert "基本条件：✗ 有办公场所" in out
    out = run("screen", data, "--standard", pack, "--top", "2", "--per-group", "1").output
    assert "每街道至多 1 个" in out


def test_the_shipped_pack_keeps_its_words(standard):
    assert standard.words("zh")["gates"] == "三有一化" and standard.words("zh")["aspects_n"] == "五"
    assert standard.words("zh")["group_column"] == "所属街道" and standard.words("en")["group_column"] == "street"
