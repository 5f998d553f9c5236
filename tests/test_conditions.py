"""Conditions (`when:`, issue 16 item 3): a rule that applies only to some communities. Where it does
not apply it is 不适用 (not_applicable) and either keeps its points (otherwise: full) or drops out of
the total, which is rescaled (otherwise: drop). Where the condition's field is blank it is unknown
whether the rule applies. Expected scores are worked by hand below."""

import json

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import audit
from jingpin_cli.standard.load import load_standard

runner = CliRunner()

# “党组织、居委会主任‘一肩挑’的社区，未配备专职党务副书记或党务干事的不得分”
PACK = """
id: cond
version: "1"
title: {zh: 条件测试}
document: {title: 测试}
scoring: {total: 10, source: {local: 测试}}
aspects:
  - {id: org, zh: 组织建设, points: 10, source: {local: x}, tasks: [{id: t, zh: 班子}]}
units: {}
fields:
  - {key: id, zh: 社区编码, type: text}
  - {key: name, zh: 社区名称, type: text}
  - {key: secretary, zh: 书记在岗, type: bool}
  - {key: one_shoulder, zh: 书记主任一肩挑, type: bool}
  - {key: deputy, zh: 配备专职党务副书记, type: bool}
  - {key: members, zh: 正式党员人数, type: int}
  - {key: branch, zh: 成立党支部, type: bool}
rules:
  - {id: r.secretary, aspect: org, task: t, kind: boolean, field: secretary, points: 4, zh: 书记在岗,
     verify: 材料审核, source: {local: x}}
  - {id: r.deputy, aspect: org, task: t, kind: boolean, field: deputy, points: 4, zh: 专职党务副书记,
     verify: 材料审核, source: {local: x}, when: {field: one_shoulder, is: true}, otherwise: OTHERWISE}
  - {id: r.branch, aspect: org, task: t, kind: boolean, field: branch, points: 2, zh: 成立党支部,
     verify: 材料审核, source: {local: x}, when: {field: members, above: 3, below: 50}}
"""

DATA = ("社区编码,社区名称,书记在岗,书记主任一肩挑,配备专职党务副书记,正式党员人数,成立党支部\n"
        "1,一社区,是,是,否,30,是\n"
        "2,二社区,是,否,否,30,否\n"
        "3,三社区,否,否,,120,否\n"
        "4,四社区,是,,否,,是\n")


def report(tmp_path, otherwise):
    (tmp_path / "pack.yaml").write_text(PACK.replace("OTHERWISE", otherwise), encoding="utf-8")
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "data" / "c.csv").write_text(DATA, encoding="utf-8")
    return audit(load_standard(tmp_path / "pack.yaml"), tmp_path / "data")


def statuses(rep, cid):
    return {f["rule"]: f["status"] for f in community_record(rep, cid)["findings"]}


def test_drop_rescales_the_total(tmp_path):
    rep = report(tmp_path, "drop")
    s = rep.summary
    # 一社区: applies (一肩挑): deputy missing → 0; secretary 4; 30 members in (3, 50), branch → 2. 6 of 10 → 6
    assert s.at["1", "score"] == pytest.approx(6) and statuses(rep, "1")["r.deputy"] == "fail"
    # 二社区: not 一肩挑 → deputy drops out (4 of 10): earned 4 + 0 (branch missing) of 6 → 4 × 10 / 6 = 6.67
    assert s.at["2", "score"] == pytest.approx(40 / 6) and s.at["2", "applicable_points"] == 6
    assert statuses(rep, "2")["r.deputy"] == "not_applicable"
    # 三社区: deputy drops out; 120 members is not in (3, 50) → the branch rule keeps its 2 (otherwise: full);
    #   secretary 0 → earned 0 + 2 of 6 → 2 × 10 / 6 = 3.33
    assert s.at["3", "score"] == pytest.approx(20 / 6) and statuses(rep, "3")["r.branch"] == "not_applicable"
    # 四社区: 一肩挑 blank and deputy missing → unknown, earns 0 and stays in the total;
    #   members blank but branch is there → passes anyway → 4 + 0 + 2 = 6 of 10
    assert s.at["4", "score"] == pytest.approx(6)
    assert statuses(rep, "4") == {"r.secretary": "pass", "r.deputy": "unknown", "r.branch": "pass"}


def test_full_keeps_the_points(tmp_path):
    s = report(tmp_path, "full").summary
    # 二社区: deputy not applicable → its 4 points kept: 4 + 4 + 0 = 8
    assert s.at["2", "score"] == pytest.approx(8) and "applicable_points" not in s
    # 三社区: 0 + 4 + 2 = 6
    assert s.at["3", "score"] == pytest.approx(6)


def test_what_an_aspect_can_earn_leaves_out_what_drops_out(tmp_path):
    """The one aspect is worth 10; where the deputy rule drops out (4), a community can earn 6 in it."""
    report(tmp_path, "drop")
    args = [str(tmp_path / "data"), "--standard", str(tmp_path / "pack.yaml"), "--format", "json"]
    audited = json.loads(runner.invoke(app, ["audit", *args]).stdout)
    areas = {c["id"]: c["areas"][0] for c in audited["communities"]}
    # 二社区 earned 4 of the 6 that apply; 一社区 (一肩挑) 6 of 10; 三社区 2 of 6 (the branch kept its 2)
    assert (areas["2"]["score"], areas["2"]["max"]) == (4, 6)
    assert (areas["1"]["score"], areas["1"]["max"]) == (6, 10) and (areas["3"]["score"], areas["3"]["max"]) == (2, 6)
    assert [t["max"] for t in areas["2"]["tasks"]] == [6] and [t["max"] for t in areas["1"]["tasks"]] == [10]
    # screen's weakest aspect share reads the same: 4 / 6 = 0.6667, not 4 / 10
    ranked = {e["id"]: e for e in json.loads(runner.invoke(app, ["screen", *args]).stdout)["ranking"]}
    assert ranked["2"]["weakest_share"] == 0.6667 and ranked["1"]["weakest_share"] == 0.6
    md = runner.invoke(app, ["audit", *args[:-2], "--format", "md"]).stdout
    assert "### 组织建设 4/6" in md and "### 组织建设 6/10" in md


def test_stability_draws_rescale_as_scoring_does(tmp_path):
    """With no spread every draw is the plain score: 二社区 (6.67, its deputy rule dropped out) comes
    first in each, as in the ranking; scaled by the full 10 it would score 4 and never be picked."""
    report(tmp_path, "drop")
    args = ["screen", str(tmp_path / "data"), "--standard", str(tmp_path / "pack.yaml"), "--top", "1",
            "--stability", "20", "--spread", "0", "--format", "json"]
    out = json.loads(runner.invoke(app, args).stdout)
    assert out["selected"] == ["2"] and out["stability"]["picked_share"] == {"2": 1.0}


def test_messages_say_not_applicable_and_why(tmp_path):
    rep = report(tmp_path, "drop")
    found = {f["rule"]: f for f in community_record(rep, "2")["findings"]}
    assert found["r.deputy"]["message"] == "不适用（仅适用于书记主任一肩挑为“是”的社区）"
    found = {f["rule"]: f for f in community_record(rep, "3", "en")["findings"]}
    assert found["r.branch"]["message"] == "not applicable (only where 正式党员人数 > 3 and < 50)"
    found = {f["rule"]: f for f in community_record(rep, "4")["findings"]}
    assert found["r.deputy"]["message"] == "书记主任一肩挑未填报，不知本项是否适用"


def test_every_format_shows_it(tmp_path):
    report(tmp_path, "drop")
    args = ["audit", str(tmp_path / "data"), "--standard", str(tmp_path / "pack.yaml")]
    for extra in ([], ["--community", "2"], ["--format", "md"], ["--format", "csv"]):
        result = runner.invoke(app, args + extra, env={"COLUMNS": "160"})
        assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    result = runner.invoke(app, args + ["--community", "2"], env={"COLUMNS": "160"})
    assert "不适用" in result.output
    for suffix in ("xlsx", "html", "json"):
        out = tmp_path / f"r.{suffix}"
        assert runner.invoke(app, args + ["-o", str(out)]).exit_code == 0
    communities = {c["id"]: c for c in json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["communities"]}
    assert [f["status"] for f in communities["2"]["findings"]] == ["pass", "not_applicable", "fail"]


def test_a_condition_on_an_unknown_field_is_refused(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK.replace("OTHERWISE", "drop").replace("field: one_shoulder", "field: nope"),
                                        encoding="utf-8")
    result = runner.invoke(app, ["standards", "validate", str(tmp_path / "pack.yaml")])
    assert result.exit_code == 2 and "nope" in result.output


@pytest.mark.parametrize("when, code", [
    ("{field: name, min: 3}", "不是数字"),                # bounds on a text field would crash the engine
    ("{field: one_shoulder, is: 是}", "类型不符"),          # a word against yes/no would match nobody
    ("{field: members, is: many}", "类型不符"),
])
def test_a_condition_that_cannot_hold_is_refused(tmp_path, when, code):
    pack = PACK.replace("OTHERWISE", "drop").replace("when: {field: one_shoulder, is: true}", f"when: {when}")
    (tmp_path / "pack.yaml").write_text(pack, encoding="utf-8")
    result = runner.invoke(app, ["standards", "validate", str(tmp_path / "pack.yaml")])
    assert result.exit_code == 2 and code in result.output, result.output


BRANCH_RULE = """  - {id: r.branch, aspect: org, task: t, kind: boolean, field: branch, points: 2, zh: 成立党支部,
     verify: 材料审核, source: {local: x}, when: {field: members, above: 3, below: 50}}"""


@pytest.mark.parametrize("when, zh, en", [
    ("{field: members, above: 3}", None, None),  # a condition that fits its field
    ("{field: name, min: 3}", "条件字段“name”不是数字", "condition field 'name' is not a number"),
    ("{field: one_shoulder, is: 是}", "类型不符", "does not fit field 'one_shoulder'"),  # would deduct from nobody
    ("{field: members, is: many}", "类型不符", "does not fit field 'members'"),
    ("{field: nope, is: true}", "规则读取的字段“nope”不在字段表中", "the rule reads field 'nope'"),
])
def test_a_deduction_items_condition_is_checked_as_a_rules_is(tmp_path, when, zh, en):
    """A deduction item's own `when:` (“正式党员超过3名的，未成立党支部扣2分”) is held to what a rule's
    `when:` is: a word against a yes/no field would match no community and so deduct from nobody."""
    assert BRANCH_RULE in PACK
    item = ("  - {id: r.branch, aspect: org, task: t, kind: deduction, points: 2, zh: 成立党支部, verify: 材料审核,\n"
            f"     source: {{local: x}}, items: [{{field: branch, deduct: 2, when: {when}}}]}}")
    (tmp_path / "pack.yaml").write_text(PACK.replace("OTHERWISE", "drop").replace(BRANCH_RULE, item), encoding="utf-8")
    result = runner.invoke(app, ["standards", "validate", str(tmp_path / "pack.yaml")])
    if zh is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 2 and zh in result.output and "rules[2].items[0].when" in result.output, result.output
    english = runner.invoke(app, ["standards", "validate", str(tmp_path / "pack.yaml"), "--lang", "en"]).output
    assert en in english, english
