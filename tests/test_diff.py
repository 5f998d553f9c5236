"""`jingpin diff OLD NEW` on crafted before/after folders: what closed, what opened, what moved."""

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.diff.compare import Changes, compare, load_side, load_sides

ROOT = Path(__file__).resolve().parent.parent
BEFORE = ROOT / "tests" / "golden" / "input" / "社区排查摸底表.csv"
runner = CliRunner()

PILOT, MILL, PEACH, HOSTILE, NEWCOMER = "130602007", "130602004", "130602050", "130602999", "130602998"


def write(folder: Path, header: list[str], rows: list[list[str]]) -> Path:
    folder.mkdir()
    with open(folder / "表.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return folder


@pytest.fixture()
def folders(tmp_path):
    """Before: the four golden communities. After: the pilot opened its 科普学校, the mill lost its
    secretary and left its book count blank, the peach garden's incident was cleared, the hostile
    row is gone and a newcomer (with HTML in its name) arrived."""
    header, *rows = list(csv.reader(BEFORE.open(encoding="utf-8-sig")))
    col = header.index
    before = write(tmp_path / "before", header, rows)
    after_rows = {r[0]: list(r) for r in rows}
    after_rows[PILOT][col("科普学校")] = "有"
    after_rows[MILL][col("党组织书记在岗")] = "无"
    after_rows[MILL][col("新图书数量（册）")] = ""
    after_rows[PEACH][col("重大治安或群体性事件")] = "无"
    del after_rows[HOSTILE]
    newcomer = list(after_rows[PILOT])
    newcomer[0], newcomer[1] = NEWCOMER, "<b>新</b>社区"
    after = write(tmp_path / "after", header, [*after_rows.values(), newcomer])
    return before, after


@pytest.fixture()
def result(folders, standard):
    before, after = folders
    return compare(load_side(before, standard), load_side(after, standard), standard)


def by_id(result) -> dict:
    return {c["id"]: c for c in result["communities"]}


def rules(gaps) -> list[str]:
    return [g["rule"] for g in gaps]


def test_gaps_closed_opened_and_now_blank_per_community(result):
    c = by_id(result)
    assert rules(c[PILOT]["closed"]) == ["svc.schools"] and c[PILOT]["opened"] == []
    assert rules(c[MILL]["opened"]) == ["org.secretary"] and c[MILL]["closed"] == []
    assert rules(c[MILL]["now_unknown"]) == ["svc.books"]
    assert "ord.major_incident" in rules(c[PEACH]["closed"])
    assert c[PILOT]["closed"][0]["old_message"] == "两校缺：科普学校"


def test_titles_read_from_columns_name_the_same_rules_as_the_worded_gaps(result):
    # the CSV and workbook list each community's closed/opened rules by title without wording its
    # gaps (Changes.titles); the same titles as the full changes give, in the same order
    changes = result["communities"]
    assert isinstance(changes, Changes)
    worded = list(changes)
    for kind in ("closed", "opened", "remaining", "now_unknown", "source_changed"):
        assert changes.titles(kind, "|") == ["|".join(g["title"] for g in c[kind]) for c in worded]
        assert changes.count(kind) == [len(c[kind]) for c in worded]
    at = {c["id"]: j for j, c in enumerate(worded)}
    assert changes.titles("closed", "|")[at[PILOT]] == "两校齐全" and changes.titles("opened", "|")[at[PILOT]] == ""
    assert changes.titles("now_unknown", "|")[at[MILL]] == "新图书1000本以上"
    assert len(changes.titles("remaining", "|")[at[MILL]].split("|")) == len(worded[at[MILL]]["remaining"]) > 1


def test_score_changes_equal_the_two_audits(result, folders, standard):
    old, new = (audit(standard, f).summary["score"] for f in folders)
    for cid, c in by_id(result).items():
        assert c["delta"] == pytest.approx(new[cid] - old[cid], abs=0.01)
    assert by_id(result)[PILOT]["delta"] > 0 > by_id(result)[MILL]["delta"]


def test_grade_moves(result):
    c = by_id(result)
    assert c[PEACH]["old_grade"] == "一票否决" and c[PEACH]["grade_move"] == "up"
    assert c[PILOT]["grade_move"] == "same"


def test_new_and_removed_communities(result):
    assert [c["id"] for c in result["added"]] == [NEWCOMER]
    assert [c["id"] for c in result["removed"]] == [HOSTILE]
    assert set(by_id(result)) == {PILOT, MILL, PEACH}


def test_district_totals(result):
    d = result["district"]
    changes = result["communities"]
    assert (d["matched"], d["added"], d["removed"]) == (3, 1, 1)
    assert (d["improved"], d["declined"], d["unchanged"]) == (2, 1, 0)
    assert d["gaps_closed"] == sum(len(c["closed"]) for c in changes) >= 2
    assert d["gaps_opened"] == 1
    assert d["grade_up"] == 1
    mean_delta = sum(c["new_score"] - c["old_score"] for c in changes) / len(changes)
    assert d["matched_mean_delta"] == pytest.approx(mean_delta, abs=0.01)
    assert d["old"]["communities"] == d["new"]["communities"] == 4
    grades = {g["grade"]: g["count"] for g in d["old"]["grades"]}
    assert grades["一票否决"] == 1 and sum(grades.values()) == 4
    secretary = next(r for r in result["rules"] if r["rule"] == "org.secretary")
    assert (secretary["closed"], secretary["opened"]) == (0, 1)


def test_a_json_report_compares_like_its_folder(folders, tmp_path, result):
    before, after = folders
    old_json = tmp_path / "2011-05.json"
    assert runner.invoke(app, ["audit", str(before), "-f", "json", "-o", str(old_json)]).exit_code == 0
    out = runner.invoke(app, ["diff", str(old_json), str(after), "-f", "json"])
    assert out.exit_code == 0, out.output
    from_json = json.loads(out.stdout)
    assert from_json["communities"] == result["communities"]
    assert from_json["district"] == result["district"]
    assert from_json["same_standard"] is True


def test_reports_scored_against_other_standards_are_flagged(folders, tmp_path):
    before, after = folders
    old_json = tmp_path / "old.json"
    runner.invoke(app, ["audit", str(before), "-f", "json", "-o", str(old_json)])
    data = json.loads(old_json.read_text(encoding="utf-8"))
    data["standard"]["version"] = "2010.0"
    old_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = runner.invoke(app, ["diff", str(old_json), str(after), "-f", "json"])
    assert out.exit_code == 0
    assert json.loads(out.stdout)["same_standard"] is False
    assert "标准不同" in out.stderr


def test_formats(folders, tmp_path):
    before, after = folders
    md = runner.invoke(app, ["diff", str(before), str(after), "-f", "md"]).stdout
    assert md.startswith("# 创建前后对比") and "两校缺：科普学校" in md and "| 新一代社区 | 130602007 |" in md
    assert "<b>" not in md and "&lt;b&gt;新&lt;/b&gt;社区" in md  # user text escaped as in `audit -f md`: no raw HTML
    en = runner.invoke(app, ["diff", str(before), str(after), "-f", "md", "--lang", "en"]).stdout
    assert en.startswith("# Before and after")
    page = tmp_path / "diff.html"
    assert runner.invoke(app, ["diff", str(before), str(after), "-o", str(page)]).exit_code == 0
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;新&lt;/b&gt;社区" in html and "<b>新</b>" not in html
    assert "<script" not in html and "两校缺：科普学校" in html
    table = runner.invoke(app, ["diff", str(before), str(after)], env={"COLUMNS": "160"})
    assert table.exit_code == 0 and "新一代社区" in table.stdout and "+1" in table.stdout


@pytest.mark.parametrize(
    "content, piece",
    [('{"communities": [', "第 1 行"),
     ('{"communities": [{"id": "1", "score": "high", "grade": "优秀", "findings": []}]}',
                                         "communities[0].score"), ("[1, 2]", "communities")],
)
def test_bad_json_reports_exit_2_naming_the_file_and_place(folders, tmp_path, content, piece):
    bad = tmp_path / "bad.json"
    bad.write_text(content, encoding="utf-8")
    out = runner.invoke(app, ["diff", str(bad), str(folders[1])])
    assert out.exit_code == 2
    assert "bad.json" in out.stderr and piece in out.stderr and "Traceback" not in out.output


def test_output_rules(folders, tmp_path):
    before, after = folders
    assert runner.invoke(app, ["diff", str(before), str(after), "-o", str(tmp_path / "x.pdf")]).exit_code == 2
    old_json = tmp_path / "old.json"
    runner.invoke(app, ["audit", str(before), "-f", "json", "-o", str(old_json)])
    kept = old_json.read_bytes()
    out = runner.invoke(app, ["diff", str(old_json), str(after), "-o", str(old_json)])
    assert out.exit_code == 2 and old_json.read_bytes() == kept


def test_a_report_with_only_the_contract_keys_still_compares(folders, tmp_path, result):
    """interfaces.md promises fewer keys than jingpin writes; such a report must still diff."""
    before, after = folders
    old_json = tmp_path / "minimal.json"
    runner.invoke(app, ["audit", str(before), "-f", "json", "-o", str(old_json)])
    data = json.loads(old_json.read_text(encoding="utf-8"))
    finding_keys = ("rule", "area", "status", "fields", "actual", "required", "shortfall", "unit", "missing", "message")
    data = {"standard": data["standard"], "communities": [
        {**{k: c[k] for k in ("id", "name", "score", "grade", "eligible", "areas")},
         "findings": [{k: f[k] for k in finding_keys} for f in c["findings"]]} for c in data["communities"]]}
    old_json.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    out = runner.invoke(app, ["diff", str(old_json), str(after), "-f", "json"])
    assert out.exit_code == 0, out.output
    c = by_id(json.loads(out.stdout))
    assert rules(c[PILOT]["closed"]) == rules(by_id(result)[PILOT]["closed"]) == ["svc.schools"]
    assert c[PEACH]["grade_move"] == "up"  # ordered by the standard's grade labels


def test_grades_the_standard_does_not_know_are_changed_not_ordered(standard):
    from jingpin_cli.results.diff.compare import Side

    def side(grade, score):
        return Side("x", {"id": "other", "version": "1"},
                    {"1": {"id": "1", "name": "甲社区", "score": score, "grade": grade, "findings": []}})

    result = compare(side("甲等", 80), side("乙等", 70), standard)
    assert result["communities"][0]["grade_move"] == "changed"
    assert result["communities"][0]["delta"] == -10


def test_both_folders_read_at_once_compare_as_read_one_after_the_other(folders, standard):
    # load_sides audits the new folder in a second thread while this one audits the old
    before, after = folders
    together = compare(*load_sides(before, after, standard), standard)
    assert together == compare(load_side(before, standard), load_side(after, standard), standard)
    assert len(together["communities"]) == 3 and together["added"] and together["removed"]


def test_a_problem_in_the_old_folder_is_the_one_reported(tmp_path):
    # both folders empty: the old one is named, as when the sides are read one after the other; the
    # new one's problem is named when only it has one
    old, new = tmp_path / "去年", tmp_path / "今年"
    old.mkdir()
    new.mkdir()
    out = runner.invoke(app, ["diff", str(old), str(new)])
    assert out.exit_code == 2 and "去年" in out.output and "今年" not in out.output
    out = runner.invoke(app, ["diff", str(BEFORE.parent), str(new)])
    assert out.exit_code == 2 and "今年" in out.output and "Traceback" not in out.output
