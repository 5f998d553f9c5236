"""The wuxing-dabiao pack: a real public star scheme (城市社区“五星达标、和美家园”评价验收管理办法, source and
address in standards/wuxing-dabiao/source.txt). Expected grades, stars and picks are worked by hand
from the document's wording:
  “每颗星单项得分达到80分以上且总分达到450分以上，即为通过”             → grade passed (五星达标)
  “每颗星单项得分达到85分以上且总分达到475分以上的社区中，
   按照通过“五星达标”验收社区数的10%，择优推荐” (由各区、县(市))     → eligible: 和美家园候选; quota per 区县
  附加分: 荣誉每项加5分; 领导批示 5/3/1; 现场会参观点 4/3/2 (counted in the total: a local reading)."""

import re
from pathlib import Path

import pytest
import yaml

from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.picking import Quota, screen
from jingpin_cli.standard.load import load_standard

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "standards" / "wuxing-dabiao"
HEADER = ("社区编码,社区名称,所属区县（市）,基层党建星得分,民主星得分,文明星得分,和谐星得分,美丽星得分,"
          "中央部委单项或省级以上综合性荣誉,中央领导批示,市级领导批示,全国现场会参观点")
ROWS = [
    "A,甲,越城区,90,90,90,90,90,1,0,0,0",       # 450 + 5 (荣誉) = 455: passed, not 475 → 五星达标
    "B,乙,越城区,96,96,96,96,95,0,0,0,0",       # 479, each ≥ 85 → 和美家园候选
    "C,丙,越城区,100,100,100,100,79,0,0,0,0",   # 479 but 美丽星 79 < 80 → 未通过, 4 stars
    "D,丁,越城区,88,88,88,88,88,0,1,2,1",       # 440 + 5 (中央批示) + 2 × 1 (市级) + 4 (全国参观点) = 451 → passed
    "E,戊,越城区,95,95,95,95,95,0,0,0,0",       # 475, each ≥ 85 → 和美家园候选
    *[f"G{i},己{i},越城区,90,90,90,90,90,0,0,0,0" for i in range(1, 6)],  # 450 each → passed
    "H1,庚1,柯桥区,97,97,97,97,97,0,0,0,0",     # 485 → 和美家园候选
    *[f"H{i},庚{i},柯桥区,90,90,90,90,90,0,0,0,0" for i in range(2, 5)],  # passed
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("wuxing")
    (folder / "c.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return audit(load_standard("wuxing-dabiao"), folder)


def test_scores_grades_and_stars(report):
    s = report.summary
    assert s.at["A", "score"] == pytest.approx(455) and s.at["A", "grade"] == "passed"
    assert s.at["B", "score"] == pytest.approx(479) and s.at["B", "grade"] == "hemei"
    assert s.at["C", "grade"] == "failed" and s.at["C", "stars"] == 4  # 79 < 80: one star short
    assert s.at["D", "score"] == pytest.approx(451) and s.at["D", "grade"] == "passed"  # the bonus carries it
    assert s.at["E", "grade"] == "hemei" and s.at["E", "stars"] == 5
    # only 和美家园 candidates may be recommended
    assert sorted(s.index[s["eligible"]]) == ["B", "E", "H1"]


def test_the_quota_is_ten_percent_of_the_passed_per_district(report):
    pack = report.standard.screening
    result = screen(report, quota=Quota(pack.quota, pack.rounding, pack.per_street, pack.of_grade))
    # 越城区: passed or better = A, B, D, E, G1–G5 = 9 → 10 % = 0.9 → 1 (四舍五入): B (479) before E (475)
    # 柯桥区: H1–H4 = 4 → 0.4 → 0: H1 is a candidate but the district has no place
    assert result.selected == ["B"] and result.top == 1


def test_every_quote_is_the_documents_own_words():
    text = re.sub(r"\s", "", "".join(line for line in (PACK / "source.txt").read_text(encoding="utf-8").splitlines()
                                     if not line.startswith("#")))
    found = re.findall(r"quote: \"?([^\"}\n]+)", (PACK / "standard.yaml").read_text(encoding="utf-8"))
    assert len(found) >= 10 and yaml.safe_load((PACK / "standard.yaml").read_text(encoding="utf-8"))
    for quote in found:
        assert re.sub(r"\s", "", quote) in text, quote


def test_the_sample_data_runs():
    rep = audit(load_standard("wuxing-dabiao"), ROOT / "data" / "wuxing-dabiao")
    assert len(rep.summary) == 240 and set(rep.summary["grade"]) <= {"hemei", "passed", "failed"}
