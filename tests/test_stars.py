"""Star schemes, grades with conditions, penalties and quotas (issue 16 items 6–7), on a small pack
shaped like a city's 城市社区“五星达标”评价验收管理办法:

- five stars (aspects), each with its own 100 points (an inspection score, proportional): total 500;
- a star is earned at 80 points (“每颗星基准分100分，得分在80分以上获得该星”);
- 通过: every star ≥ 80 and a total ≥ 450 (“每颗星单项得分达到80分以上且总分达到450分以上，即为通过”);
- 五星: every star ≥ 90, a total ≥ 460 WITHOUT the bonus, and the rule “有党建创新项目” passing
  (“得分为90分以上，且有党建创新项目，评定为五星”);
- bonus: 2 points per honour, at most 10 (the score may pass 500: nothing clips it);
- penalty (减分): 5 points per safety accident, at most 10, after the bonus, never below 0;
- eligible only when passed (score ≥ 450 and 5 stars); screen picks 10 % of the eligible ones
  (“按照通过验收社区数的10%，择优推荐”), rounded half up.

Every expected value below is worked out by hand from the data in DATA."""

import json

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.grades import grade_reason
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.picking import Quota, screen
from jingpin_cli.standard.load import load_standard

runner = CliRunner()

STAR_NAMES = ["党建星", "服务星", "平安星", "文明星", "生态星"]
PACK = """
id: five-stars
version: "1"
title: {zh: 五星达标评价, en: Five-star assessment}
document: {title: 城市社区“五星达标”评价验收管理办法（测试用）}
scoring: {total: 500, source: {local: 测试}}
aspects:
""" + "".join(f"""  - {{id: s{i}, zh: {name}, en: Star {i}, points: 100, source: {{local: 测试}},
     tasks: [{{id: t, zh: 考评, en: Inspection}}]}}
""" for i, name in enumerate(STAR_NAMES, 1)) + """
units:
  times: {zh: 次, en: times, accept: {次: 1}}
fields:
  - {key: id, zh: 社区编码, type: text}
  - {key: name, zh: 社区名称, type: text}
  - {key: street, zh: 所属街道, type: text}
""" + "".join(f"  - {{key: score{i}, zh: {name}考评分, en: Star {i} score, type: score}}\n"
              for i, name in enumerate(STAR_NAMES, 1)) + """
  - {key: innovation, zh: 有党建创新项目, en: Party-building innovation project, type: bool}
  - {key: honors, zh: 获表彰次数, en: Honours, type: int, unit: times}
  - {key: accidents, zh: 发生安全事故, en: Safety accidents, type: int, unit: times}
rules:
""" + "".join(f"""  - {{id: r.s{i}, aspect: s{i}, task: t, kind: scaled, field: score{i}, min: 80, points: 100,
     zh: {name}考评, verify: 实地察看, source: {{local: 测试}}}}
""" for i, name in enumerate(STAR_NAMES, 1)) + """
  - {id: r.innovation, aspect: s1, task: t, kind: boolean, field: innovation, points: 0, zh: 有党建创新项目,
     en: Innovation project, verify: 材料审核, source: {local: 测试}}
  - {id: b.honors, aspect: s5, task: t, kind: bonus, field: honors, per: 2, cap: 10, zh: 表彰加分,
     verify: 材料审核, source: {local: 测试}}
  - {id: p.accidents, aspect: s4, task: t, kind: penalty, field: accidents, per: 5, cap: 10, zh: 安全事故减分,
     en: Safety accidents, verify: 材料审核, source: {local: 测试}}
grades:
  - {id: five, zh: 五星, en: Five stars, min_score: 460, with_bonus: false, min_each_aspect: 90,
     rules_pass: [r.innovation]}
  - {id: passed, zh: 通过, en: Passed, min_score: 450, min_each_aspect: 80}
  - {id: failed, zh: 未通过, en: Not passed, min_score: 0}
stars: {min_points: 80, source: {local: 测试}}
eligibility: {min_score: 450, min_stars: 5}
screening: {quota: 0.1, rounding: round}
"""

HEAD = ("社区编码,社区名称,所属街道,党建星考评分,服务星考评分,平安星考评分,文明星考评分,生态星考评分,"
        "有党建创新项目,获表彰次数,发生安全事故\n")
ROWS = [
    "c01,一社区,甲街道,100,100,100,100,100,是,5,0",
    "c02,二社区,甲街道,95,92,90,91,93,否,0,0",
    "c03,三社区,甲街道,100,100,100,100,79,是,0,0",
    "c04,四社区,甲街道,95,95,95,95,95,是,0,3",
    "c05,五社区,甲街道,92,91,90,90,90,是,0,1",
    "c06,六社区,甲街道,90,90,90,90,85,否,5,0",
    "c07,七社区,甲街道,91,91,91,91,91,是,3,0",
] + [f"g{i:02d},填充{i}社区,乙街道,90,90,90,90,90,否,0,0" for i in range(1, 19)]
DATA = HEAD + "\n".join(ROWS) + "\n"


@pytest.fixture
def stars(tmp_path):
    (tmp_path / "pack.yaml").write_text(PACK, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "c.csv").write_text(DATA, encoding="utf-8")
    return tmp_path


@pytest.fixture
def report(stars):
    return audit(load_standard(stars / "pack.yaml"), stars / "data")


def run(*args):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": "200"})
    assert "Traceback" not in result.output and "internal error" not in result.output, result.output
    return result


def test_scores_stars_and_grades_by_hand(report):
    s = report.summary
    # c01: 5 × 100 = 500; bonus 5 honours × 2 = 10 (cap 10); no accident → 510, above the 500 total
    assert s.at["c01", "base"] == 500 and s.at["c01", "bonus"] == 10 and s.at["c01", "score"] == 510
    # every star ≥ 90, 500 without the bonus ≥ 460, innovation yes → 五星; 5 stars
    assert s.at["c01", "grade"] == "five" and s.at["c01", "stars"] == 5
    # c02: 95+92+90+91+93 = 461; all ≥ 90 and 461 ≥ 460 but no innovation project → 通过
    assert s.at["c02", "score"] == 461 and s.at["c02", "grade"] == "passed" and s.at["c02", "stars"] == 5
    # c03: 100 × 4 + 79 = 479 ≥ 450, but 生态星 79 < 80: 4 stars, not every star ≥ 80 → 未通过
    assert s.at["c03", "score"] == 479 and s.at["c03", "stars"] == 4 and s.at["c03", "grade"] == "failed"
    # c04: 5 × 95 = 475; 3 accidents × 5 = 15, at most 10 → 465 (465 without bonus ≥ 460) → 五星
    assert s.at["c04", "penalty"] == 10 and s.at["c04", "score"] == 465 and s.at["c04", "grade"] == "five"
    # c05: 92+91+90+90+90 = 453; 1 accident → −5 → 448 < 450 → 未通过, though all 5 stars
    assert s.at["c05", "score"] == 448 and s.at["c05", "stars"] == 5 and s.at["c05", "grade"] == "failed"
    # c06: 90 × 4 + 85 = 445; bonus 5 × 2 = 10 → 455 ≥ 450 and each ≥ 80 → 通过 (bonus counts for 通过)
    assert s.at["c06", "score"] == 455 and s.at["c06", "grade"] == "passed"
    # c07: 5 × 91 = 455; bonus 3 × 2 = 6 → 461; 五星 tests the total without bonus: 455 < 460 → 通过
    assert s.at["c07", "score"] == 461 and s.at["c07", "grade"] == "passed"
    # fillers: 5 × 90 = 450 → 通过, 5 stars
    assert (s.loc[[f"g{i:02d}" for i in range(1, 19)], "grade"] == "passed").all()
    # eligible: score ≥ 450 and 5 stars → all but c03 (4 stars) and c05 (448): 25 − 2 = 23
    assert int(s["eligible"].sum()) == 23 and not s.at["c03", "eligible"] and not s.at["c05", "eligible"]


def test_a_score_never_goes_below_zero(stars):
    data = stars / "data" / "c.csv"
    data.write_text(HEAD + "z1,零社区,甲街道,0,0,0,0,5,否,0,2\n", encoding="utf-8")
    s = audit(load_standard(stars / "pack.yaml"), stars / "data").summary
    # base 5 (生态星 5/100 × 100), penalty 2 × 5 = 10 → 5 − 10 = −5 → 0
    assert s.at["z1", "base"] == 5 and s.at["z1", "penalty"] == 10 and s.at["z1", "score"] == 0


def test_grade_reasons(report):
    assert grade_reason(report, "c01", "zh") is None  # the top band
    assert grade_reason(report, "c02", "zh") == "未达五星：“有党建创新项目”未通过"
    assert grade_reason(report, "c03", "zh") == "未达通过：生态星得分 79，须 ≥ 80"
    assert grade_reason(report, "c05", "zh") == "未达通过：总分 448，须 ≥ 450"
    # c06: without the bonus 445 < 460; 生态星 85 < 90; no innovation project
    assert grade_reason(report, "c06", "zh") == ("未达五星：不含加分总分 445，须 ≥ 460；生态星得分 85，须 ≥ 90；"
                                                 "“有党建创新项目”未通过")
    assert grade_reason(report, "c07", "en") == "not Five stars: score without bonus 455, needs ≥ 460"


def test_the_quota_picks_ten_percent_of_the_eligible(report):
    # 10 % of 23 eligible = 2.3 → 2 (half up). Ranking: c01 510, c04 465, then c02/c07 461 …
    result = screen(report, quota=Quota(0.1))
    assert result.top == 2 and result.selected == ["c01", "c04"] and result.eligible_count == 23
    # ceil: 2.3 → 3; c02 and c07 tie at 461, c07's weakest star (91 %) beats c02's (90 %)
    assert screen(report, quota=Quota(0.1, "ceil")).selected == ["c01", "c04", "c07"]
    assert screen(report, quota=Quota(0.1, "floor")).top == 2


def test_the_quota_per_street(report):
    # 甲街道: 5 eligible (c01 c02 c04 c06 c07) × 10 % = 0.5 → 1 (half up); 乙街道: 18 × 10 % = 1.8 → 2.
    # 甲 takes c01; c04 is held back (street full); 乙's fillers tie at 450 and go by id: g01, g02
    result = screen(report, quota=Quota(0.1, "round", per_street=True))
    assert result.top == 3 and result.selected == ["c01", "g01", "g02"]
    assert result.table.at["c04", "status"] == "street_full"


def test_eligibility_reasons_and_penalty_message(report):
    from jingpin_cli.results.screen.record import reasons

    result = screen(report, quota=Quota(0.1))
    assert "获 4 星，可评选须 ≥ 5 星" in reasons(result, "c03", "zh")
    assert "总分 448，可评选须 ≥ 450" in reasons(result, "c05", "zh")
    record = next(c for c in _json(report) if c["id"] == "c04")
    finding = next(f for f in record["findings"] if f["rule"] == "p.accidents")
    assert finding["message"] == "发生安全事故：3 次，减 10 分" and finding["status"] == "fail"


def _json(report):
    from jingpin_cli.results.audit.record import iter_records

    return list(iter_records(report, "zh"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_record(stars, lang):
    out = stars / "out.json"
    assert run("audit", stars / "data", "--standard", stars / "pack.yaml", "--lang", lang, "-o", out).exit_code == 0
    communities = {c["id"]: c for c in json.loads(out.read_text(encoding="utf-8"))["communities"]}
    c01, c04 = communities["c01"], communities["c04"]
    assert c01["score"] == 510 and c01["stars"] == 5 and c01["stars_max"] == 5 and c01["grade_reason"] is None
    assert c04["penalty"] == 10 and c04["score"] == 465
    assert communities["c03"]["grade_reason"] == ("未达通过：生态星得分 79，须 ≥ 80" if lang == "zh"
                                                   else "not Passed: Star 5 79 points, needs ≥ 80")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_terminal_views(stars, lang):
    pack = ["--standard", stars / "pack.yaml", "--lang", lang]
    one = run("audit", stars / "data", *pack, "--community", "c03")
    assert one.exit_code == 0
    assert "★★★★☆" in one.output and ("4 星" if lang == "zh" else "4 stars") in one.output
    assert ("未达通过：生态星得分 79，须 ≥ 80" if lang == "zh" else "not Passed") in one.output
    penalised = run("audit", stars / "data", *pack, "--community", "c04")
    assert ("已减分 10" if lang == "zh" else "penalty 10") in penalised.output
    district = run("audit", stars / "data", *pack)
    assert district.exit_code == 0 and "★★★★★" in district.output and "510.0" in district.output


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("suffix", ["md", "html", "csv", "xlsx"])
def test_file_formats(stars, lang, suffix):
    out = stars / f"out.{suffix}"
    assert run("audit", stars / "data", "--standard", stars / "pack.yaml", "--lang", lang, "-o", out).exit_code == 0
    if suffix == "xlsx":
        text = "\n".join(str(v) for ws in load_workbook(out).worksheets for row in ws.iter_rows(values_only=True)
                         for v in row if v is not None)
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert "★★★★☆" in text and "510" in text
    assert ("生态星得分 79，须 ≥ 80" if lang == "zh" else "Star 5 79 points, needs ≥ 80") in text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_screen_states_the_quota(stars, lang):
    pack = ["--standard", stars / "pack.yaml", "--lang", lang]
    table = run("screen", stars / "data", *pack)  # the pack's screening: quota 10 %, rounded half up
    assert table.exit_code == 0
    assert ("按可评选社区数（23 个）的 10%（四舍五入）推荐 2 个" if lang == "zh"
            else "10% of the 23 eligible communities (rounded half up): 2 to pick") in table.output
    out = stars / "s.json"
    assert run("screen", stars / "data", *pack, "--quota", "10%", "--rounding", "ceil", "-o", out).exit_code == 0
    head = json.loads(out.read_text(encoding="utf-8"))
    assert head["selected"] == ["c01", "c04", "c07"] and head["quota"]["picks"] == 3
    for suffix in ("csv", "xlsx"):
        assert run("screen", stars / "data", *pack, "-o", stars / f"s.{suffix}").exit_code == 0
    # --top wins over the pack's quota
    assert run("screen", stars / "data", *pack, "--top", "1", "-o", out).exit_code == 0
    assert json.loads(out.read_text(encoding="utf-8"))["selected"] == ["c01"]


@pytest.mark.parametrize("value", ["abc", "0", "150%", "-0.1"])
def test_a_bad_quota_is_exit_2(stars, value):
    result = run("screen", stars / "data", "--standard", stars / "pack.yaml", "--quota", value)
    assert result.exit_code == 2 and "--quota" in result.output


def test_a_grade_naming_an_unknown_rule_or_stars_without_a_bar(stars):
    pack = stars / "pack.yaml"
    pack.write_text(PACK.replace("rules_pass: [r.innovation]", "rules_pass: [r.nope]"), encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2 and "r.nope" in result.output
    pack.write_text(PACK.replace("stars: {min_points: 80, source: {local: 测试}}", ""), encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2 and "stars" in result.output


@pytest.mark.parametrize("bar", ["{min_points: 80, min_share: 0.8, source: {local: 测试}}", "{source: {local: 测试}}"])
def test_a_star_bar_is_one_of_share_or_points(stars, bar):
    pack = stars / "pack.yaml"
    pack.write_text(PACK.replace("stars: {min_points: 80, source: {local: 测试}}", f"stars: {bar}"), encoding="utf-8")
    result = run("standards", "validate", pack)
    assert result.exit_code == 2 and "min_share（0–1）和 min_points 请写且只写一个" in result.output, result.output
    result = run("standards", "validate", pack, "--lang", "en")
    assert "give exactly one of `min_share` (0–1) or `min_points`" in result.output, result.output
