"""The shequ-kaohe pack: a real public 社区年度考核表 written as deductions (standards/shequ-kaohe,
source: https://www.renrendoc.com/p-57456291.html). Expected scores are worked by hand from the
document's own wording, row by row, in the comments."""

import re
from pathlib import Path

import pytest
import yaml

from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import audit
from jingpin_cli.standard.load import load_standard

ROOT = Path(__file__).resolve().parent.parent
PACK = ROOT / "standards" / "shequ-kaohe"
HEADER = ("社区编码,社区名称,社区党建考核得分,延期换届,换届资料齐全规范,分工明确且工作正常,有办公场所,有标识,"
          "办公设施齐全,制度职责上墙数,工作板夹资料齐全,自治章程和社区公约经会议讨论通过,选举产生社区事务监督委员会,"
          "设立社区事务公开栏,定期公开党务自治财务服务事项,通过社区网络平台公开,社区服务中心建筑面积,设有五室五站一厅,"
          "文体活动广场面积,"
          "一站式综合服务厅面积,电话,微机,打印机,资料橱,实现集中供暖")
ROWS = [
    # A: everything met, 党建 9.5 of 10
    "1,甲社区,9.5,否,是,是,有,有,是,5,是,是,是,是,是,是,1200,是,1000,40,有,有,有,有,是",
    # B: late election, records incomplete, 3 rules on the wall, no online disclosure, centre 900 ㎡,
    #    hall 35 ㎡ and no printer, no central heating
    "2,乙社区,7,是,否,是,有,有,是,3,是,是,是,是,是,否,900,是,1000,35,有,有,无,有,否",
    # C: no office (void), the charter not adopted (void), rules 0 on the wall and folders incomplete,
    #    every one-stop item short: 扣完为止; 党建 blank
    "3,丙社区,,否,是,是,无,有,是,0,否,否,是,是,是,是,1000,是,1000,20,无,无,无,无,是",
]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    folder = tmp_path_factory.mktemp("kaohe")
    (folder / "c.csv").write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")
    return audit(load_standard("shequ-kaohe"), folder)


def points(report, cid):
    return {f["rule"]: f["points"] for f in community_record(report, cid)["findings"]}


def test_everything_met(report):
    # 社区党建 9.5 × 10 / 10 = 9.5; 社区自治 3 + 2 + 2 + 1 + 2 = 10; 社区设施 2 + 1 + 3 = 6 → 25.5 of 26
    assert report.summary.at["1", "score"] == pytest.approx(25.5)


def test_deductions_row_by_row(report):
    got = points(report, "2")
    assert got["party.score"] == pytest.approx(7)  # 7 of 10, no pass line
    # 1、“延期换届的扣1分；资料不全、不规范扣0.5分”: 3 − 1 − 0.5 = 1.5
    assert got["auto.election"] == pytest.approx(1.5)
    # 3、“制度(职责)未上墙，每少一个扣0.5分”: 5 − 3 = 2 short × 0.5 = 1 → 2 − 1 = 1
    assert got["auto.rules"] == pytest.approx(1)
    # 5、“每有一项不达标扣0.5分”: online disclosure missing → 2 − 0.5 = 1.5
    assert got["auto.openness"] == pytest.approx(1.5)
    # 设施 1、centre 900 < 1000 ㎡ → 2 − 0.5 = 1.5
    assert got["fac.center"] == pytest.approx(1.5)
    # 设施 2、hall 35 < 40 ㎡ and no printer → 1 − 0.5 − 0.5 = 0
    assert got["fac.hall"] == pytest.approx(0)
    # 设施 3、“未实现集中供暖扣2分” → 3 − 2 = 1
    assert got["fac.heating"] == pytest.approx(1)
    # total: 7 + (1.5 + 2 + 1 + 1 + 1.5) + (1.5 + 0 + 1) = 7 + 7 + 2.5 = 16.5
    assert report.summary.at["2", "score"] == pytest.approx(16.5)


def test_void_items_and_the_floor(report):
    got = points(report, "3")
    assert got["auto.office"] == 0  # “无办公场所不得分”
    assert got["auto.charter"] == 0  # “…均不得分”
    # 5 short × 0.5 = 2.5, and the folders 0.5: 3 > 2 → 0, never below (扣完为止)
    assert got["auto.rules"] == 0
    # hall 20 < 40 and four items missing: 5 × 0.5 = 2.5 > 1 → 0
    assert got["fac.hall"] == 0
    # 党建 blank: unknown, earns nothing; autonomy 3 + 0 + 0 + 0 + 2 = 5; facilities 2 + 0 + 3 = 5 → 10
    assert report.summary.at["3", "score"] == pytest.approx(10)
    assert report.summary.at["3", "unknown_rules"] == 1


def test_messages_in_the_documents_units(report):
    found = {f["rule"]: f for f in community_record(report, "2")["findings"]}
    assert found["auto.rules"]["message"] == "制度职责上墙数 3 个，标准 ≥ 5 个，少 2 个，扣 1 分"
    assert found["fac.center"]["message"] == "社区服务中心建筑面积 900 ㎡，标准 ≥ 1000 ㎡，少 100 ㎡，扣 0.5 分"
    found = {f["rule"]: f for f in community_record(report, "3")["findings"]}
    assert found["auto.office"]["message"] == "有办公场所：否，本项不得分"


def test_the_sample_data_runs():
    rep = audit(load_standard("shequ-kaohe"), ROOT / "data" / "shequ-kaohe")
    assert len(rep.summary) == 30 and rep.summary["score"].between(0, 26).all()


def test_every_quote_is_the_documents_own_words():
    text = re.sub(r"\s", "", "".join(line for line in (PACK / "source.txt").read_text(encoding="utf-8").splitlines()
                                     if not line.startswith("#")))
    pack = yaml.safe_load((PACK / "standard.yaml").read_text(encoding="utf-8"))

    def quotes(node):
        if isinstance(node, dict):
            yield from ([node["quote"]] if "quote" in node else [])
            for value in node.values():
                yield from quotes(value)
        elif isinstance(node, list):
            for value in node:
                yield from quotes(value)

    found = list(quotes(pack))
    assert len(found) >= 10
    for quote in found:
        assert re.sub(r"\s", "", quote) in text, quote
