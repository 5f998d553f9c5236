"""`jingpin screen` end to end: exit codes, the JSON contract, CSV and XLSX exports, safety."""

import csv
import io
import json
from pathlib import Path

import openpyxl
import pytest
from screen_data import community, write_folder
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.picking import screen

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"
runner = CliRunner()


def run(*args, width: int = 200):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(width)})
    assert "Traceback" not in (result.output or "")
    return result


@pytest.fixture
def folder(standard, tmp_path):
    rows = [
        community(standard, "A", "甲社区", "甲街道", camera=False),
        community(standard, "B", "乙社区", "甲街道", police_room=False, service_area_m2=260, culture_activities=11),
        community(standard, "C", "=HYPERLINK(\"http://x\")", "乙街道", science_school=False, projector=False),
        community(standard, "D", "丁社区", "乙街道", major_incident=True),
    ]
    return write_folder(standard, tmp_path / "data", rows)


def test_terminal_view_names_picks_near_misses_and_pilot():
    result = run("screen", SAMPLE, "--top", "5", "--pilot")
    assert result.exit_code == 0
    out = result.output
    for name in ("新一代社区", "铁塔社区", "电院社区", "邮一社区", "保钞社区"):
        assert name in out
    assert "入选 5 个" in out and "试点：" in out and "差一点入选" in out and "→ 进入前 5" in out


def test_json_contract_and_parity_with_the_library(standard, folder):
    result = run("screen", folder, "--top", "2", "--format", "json", "--stability", "30", "--seed", "5")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    lib = screen(audit(standard, folder), top=2)
    assert data["selected"] == lib.selected == ["A", "C"]
    assert [e["id"] for e in data["ranking"]] == list(lib.table.index)
    for entry in data["ranking"]:
        assert {"rank", "id", "name", "score", "eligible", "reasons", "street"} <= set(entry)
        assert isinstance(entry["rank"], int) and isinstance(entry["reasons"], list) and entry["reasons"]
    b = next(n for n in data["near_misses"] if n["id"] == "B")
    assert b["verified"] and [g["field"] for g in b["gaps"]] == ["service_area_m2"] and b["rank_after"] == 2
    assert b["text"] == "服务用房总面积增加 40 ㎡ → 进入前 2（总分 98.75，第 2 名）"
    d = next(n for n in data["near_misses"] if n["id"] == "D")  # vetoed, 100 points before the veto
    assert d["kept_out_by"] == ["一票否决：重大治安或群体性事件"] and not d["gets_in"]
    assert data["stability"]["seed"] == 5 and data["stability"]["picked_share"]["A"] == 1.0
    again = json.loads(run("screen", folder, "--top", "2", "--format", "json",
                           "--stability", "30", "--seed", "5").stdout)
    assert again == data  # reproducible from the seed


def test_csv_and_xlsx_exports(folder, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    assert run("screen", folder, "--top", "2", "-o", out / "排名.csv").exit_code == 0
    text = (out / "排名.csv").read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["排名", "并列", "社区编码", "社区名称"] and len(rows) == 5
    assert any(r[3] == "'=HYPERLINK(\"http://x\")" for r in rows[1:])  # a formula is neutralised

    assert run("screen", folder, "--top", "2", "--pilot", "--stability", "10", "-o", out / "排名.xlsx").exit_code == 0
    wb = openpyxl.load_workbook(out / "排名.xlsx")
    assert wb.sheetnames == ["排名", "差距", "稳定性", "说明"]
    ranking, gaps = wb["排名"], wb["差距"]
    assert ranking.freeze_panes == "A2" and gaps.freeze_panes == "A2"
    assert [c.value for c in ranking[1]][:4] == ["排名", "并列", "社区编码", "社区名称"]
    assert ranking.column_dimensions["K"].width > ranking.column_dimensions["A"].width  # reasons are wide
    names = [r[3] for r in ranking.iter_rows(min_row=2, values_only=True)]
    assert "'=HYPERLINK(\"http://x\")" in names
    cells = " ".join(str(c.value) for row in gaps.iter_rows(min_row=2) for c in row)
    assert "服务用房总面积增加 40 ㎡ → 进入前 2" in cells


def test_english_and_per_street(folder):
    result = run("screen", folder, "--top", "2", "--per-street", "1", "--lang", "en", "--format", "json")
    data = json.loads(result.stdout)
    assert data["selected"] == ["A", "C"]
    b = next(e for e in data["ranking"] if e["id"] == "B")
    assert b["street"] == "甲街道" and any("baseline" in r for r in b["reasons"])


@pytest.mark.parametrize("args, words", [
    (["--include", "不存在"], "不存在"),
    (["--include", "D"], "不可评选"),
    (["--format", "xlsx"], "-o"),
    (["--spread", "1.5", "--stability", "5"], "--spread"),
    (["--top", "0"], "--top"),
])
def test_bad_options_exit_2_with_a_message(folder, args, words):
    result = run("screen", folder, *args)
    assert result.exit_code == 2
    assert words in result.output


def test_never_writes_over_its_input(folder):
    result = run("screen", folder, "-o", folder / "排查摸底表.csv")
    assert result.exit_code == 2
    assert (folder / "排查摸底表.csv").read_text(encoding="utf-8-sig").startswith("社区编码")


def test_strict_exits_1_when_too_few_can_be_picked(folder):
    assert run("screen", folder, "--top", "3").exit_code == 0
    assert run("screen", folder, "--top", "3", "--strict").exit_code == 1
    assert run("screen", folder, "--top", "2", "--strict").exit_code == 0


def test_include_accepts_names_and_comma_lists(folder):
    result = run("screen", folder, "--top", "2", "--include", "甲社区，C", "--format", "json")
    data = json.loads(result.stdout)
    assert result.exit_code == 0 and data["selected"] == ["A", "C"]
    assert [e["status"] for e in data["ranking"] if e["id"] in ("A", "C")] == ["included", "included"]


def test_a_quota_that_rounds_to_no_place_says_so_instead_of_top_0():
    """7 eligible communities × 1 % = 0.07, rounded down: 0 places. The title says none is picked (not
    “前 0 名”), and each eligible community says why it is out and what to change."""
    zh = run("screen", SAMPLE, "--quota", "1%", "--rounding", "floor")
    assert zh.exit_code == 0, zh.output
    assert "示范点选取：按比例推荐 0 个，没有社区入选" in zh.output and "前 0 名" not in zh.output
    data = json.loads(run("screen", SAMPLE, "--quota", "1%", "--rounding", "floor", "--format", "json").output)
    eligible = [e for e in data["ranking"] if e["eligible"]]
    assert len(eligible) == 7 and not data["selected"]
    why = "按比例推荐 0 个：比例太小，没有名额；可提高比例，或把名额取整改为“进一”（--rounding ceil）"
    assert all(e["reasons"] == [why] for e in eligible)
    # no near miss: with no place, no gap closed gets anyone in (it read “也进不了前 0” for every ineligible one)
    assert data["near_misses"] == [] and "差一点入选" not in zh.output
    en = run("screen", SAMPLE, "--quota", "1%", "--rounding", "floor", "--lang", "en")
    assert "the quota comes to 0, none picked" in en.output


def test_rounding_takes_the_words_the_outputs_use():
    """--rounding 去尾 is --rounding floor: the outputs say 去尾, so a clerk types it."""
    words = run("screen", SAMPLE, "--quota", "10%", "--rounding", "去尾", "--format", "json")
    codes = run("screen", SAMPLE, "--quota", "10%", "--rounding", "floor", "--format", "json")
    assert words.exit_code == 0 and words.stdout == codes.stdout
    assert json.loads(words.stdout)["quota"]["rounding"] == "floor"
    bad = run("screen", SAMPLE, "--quota", "10%", "--rounding", "四舍")
    assert bad.exit_code == 2 and "四舍五入 | 去尾 | 进一" in bad.output


def test_a_mistyped_standard_name_lists_the_shipped_ones_and_the_closest():
    result = run("audit", SAMPLE, "--standard", "xinshi2011")
    assert result.exit_code == 2
    assert "找不到该标准：既不是文件或文件夹，也不是内置标准" \
           "（内置：shequ-kaohe、strict-2013、wuxing-dabiao、xinshi-2011），是不是“xinshi-2011”？" in result.output
    en = run("audit", SAMPLE, "--standard", "xinshi2011", "--lang", "en")
    assert "nor a shipped pack (shequ-kaohe, strict-2013, wuxing-dabiao, xinshi-2011); did you mean 'xinshi-2011'?" \
        in en.output
