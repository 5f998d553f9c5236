"""Periods (issue 16 item 8): a count says what period it covers, and messages and templates say it;
regularity (“党务每季度最少公开1次，少1次扣1分”) is checked from per-quarter counts with a deduction rule."""

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats.template import columns
from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import audit
from jingpin_cli.standard.load import load_standard

PACK = """
id: periods
version: "1"
title: {zh: 统计期测试}
document: {title: 测试}
scoring: {total: 4, source: {local: 测试}}
aspects:
  - {id: a, zh: 民主管理, points: 4, source: {local: x}, tasks: [{id: t, zh: 公开}]}
units:
  times: {zh: 次, en: times, accept: {次: 1}}
fields:
  - {key: id, zh: 社区编码, type: text}
  - {key: name, zh: 社区名称, type: text}
  - {key: q1, zh: 一季度公开次数, type: int, unit: times, period: {zh: 第一季度, en: Q1}}
  - {key: q2, zh: 二季度公开次数, type: int, unit: times, period: {zh: 第二季度, en: Q2}}
  - {key: q3, zh: 三季度公开次数, type: int, unit: times, period: {zh: 第三季度, en: Q3}}
  - {key: q4, zh: 四季度公开次数, type: int, unit: times, period: {zh: 第四季度, en: Q4}}
  - {key: honors, zh: 获表彰次数, type: int, unit: times, period: {zh: 近三年, en: last three years}}
rules:
  - id: r.open
    aspect: a
    task: t
    kind: deduction
    zh: 党务公开（4分）
    points: 4
    verify: 材料审核
    source: {local: 党务每季度最少公开1次，少1次扣1分}
    items:
      - {field: q1, min: 1, per_unit: 1}
      - {field: q2, min: 1, per_unit: 1}
      - {field: q3, min: 1, per_unit: 1}
      - {field: q4, min: 1, per_unit: 1}
  - {id: b.honors, aspect: a, task: t, kind: bonus, field: honors, per: 1, cap: 2, zh: 表彰, verify: 材料审核,
     source: {local: x}}
"""


@pytest.fixture
def pack(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "c.csv").write_text(
        "社区编码,社区名称,一季度公开次数,二季度公开次数,三季度公开次数,四季度公开次数,获表彰次数\n"
        "1,一社区,2,0,1,0,1\n", encoding="utf-8")
    return tmp_path


def test_quarters_and_periods_in_messages(pack):
    rep = audit(load_standard(pack / "pack.yaml"), pack / "data")
    found = {f["rule"]: f for f in community_record(rep, "1")["findings"]}
    # Q2 and Q4 had none: 1 short each × 1 = 2 → 4 − 2 = 2
    assert found["r.open"]["points"] == 2
    assert found["r.open"]["message"] == ("二季度公开次数（第二季度） 0 次，标准 ≥ 1 次，少 1 次，扣 1 分；"
                                          "四季度公开次数（第四季度） 0 次，标准 ≥ 1 次，少 1 次，扣 1 分")
    assert found["b.honors"]["message"] == "获表彰次数（近三年）：1 次，加 1 分"
    en = {f["rule"]: f for f in community_record(rep, "1", "en")["findings"]}
    assert en["b.honors"]["message"].startswith("获表彰次数 (last three years)")


def test_the_template_says_the_period(pack):
    std = load_standard(pack / "pack.yaml")
    how = {c.key: c.how for c in columns(std)}
    assert how["honors"] == "填整数，不能为负，单位 次，统计期：近三年"
    result = CliRunner().invoke(app, ["template", "--standard", str(pack / "pack.yaml"), "-o", str(pack / "t.xlsx")])
    assert result.exit_code == 0
