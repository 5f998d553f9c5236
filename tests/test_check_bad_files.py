"""`jingpin check` over tests/bad_files/: one bad file per problem kind. Each case names the file,
the problem code it must give, where (as the JSON record carries it) and the exit code."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.check.run import check

BAD = Path(__file__).resolve().parent / "bad_files"
runner = CliRunner()

# file (relative to bad_files), code, severity, location fields that must match, exit code
CASES = [
    ("encoding.csv", "encoding", "error", {}, 1),
    ("binary.csv", "unreadable", "error", {}, 1),
    ("empty_file.csv", "empty_file", "error", {}, 1),
    ("unsupported_file.pdf", "unsupported_file", "error", {}, 1),
    ("bad_xlsx.xlsx", "bad_xlsx", "error", {}, 1),
    ("no_header.csv", "no_header", "error", {}, 1),
    ("missing_id_column.csv", "missing_id_column", "error", {"row": 1}, 1),
    ("missing_name_column.csv", "missing_name_column", "error", {"row": 1}, 1),
    ("unknown_header.csv", "unknown_header", "error", {"row": 1, "column": "C", "header": "服务用房面职"}, 1),
    ("duplicate_header.csv", "duplicate_header", "error", {"row": 1, "column": "D", "header": "户 数"}, 1),
    ("bad_number.csv", "bad_number", "error", {"row": 2, "column": "C", "header": "服务用房总面积"}, 1),
    ("not_integer.csv", "not_integer", "error", {"row": 2, "column": "C", "header": "户数"}, 1),
    ("bad_bool.csv", "bad_bool", "error", {"row": 2, "column": "C", "header": "警务室"}, 1),
    ("bad_unit.csv", "bad_unit", "error", {"row": 2, "column": "C", "header": "服务用房总面积"}, 1),
    ("negative.csv", "negative", "error", {"row": 2, "column": "C", "header": "服务用房总面积"}, 1),
    ("negative_xlsx.xlsx", "negative", "error",
     {"sheet": "摸底表", "row": 4, "column": "D", "header": "服务用房总面积（㎡）"}, 1),
    ("rate_range.csv", "rate_range", "error", {"row": 2, "column": "C", "header": "群众满意度"}, 1),
    ("score_range.csv", "score_range", "error", {"row": 2, "column": "C", "header": "环境卫生考评分"}, 1),
    ("missing_id.csv", "missing_id", "error", {"row": 2, "column": "A", "header": "社区编码"}, 1),
    ("missing_name.csv", "missing_name", "error", {"row": 2, "column": "B", "header": "社区名称"}, 1),
    ("note_row.csv", "note_row", "warning", {"row": 4}, 0),
    ("duplicate_id.csv", "duplicate_id", "error", {"row": 3, "column": "A", "header": "社区编码"}, 1),
    ("duplicate_id_across", "duplicate_id", "error", {"file": "duplicate_id_across/b.yaml", "line": 3, "col": 1}, 1),
    ("bad_yaml.yaml", "bad_yaml", "error", {"line": 4, "col": 1}, 1),
    ("unknown_key.yaml", "unknown_key", "error", {"line": 3, "col": 1, "column": "服务用房面职"}, 1),
    ("duplicate_key.yaml", "duplicate_key", "error", {"line": 4, "col": 1, "column": "户数"}, 1),
    ("not_scalar.yaml", "not_scalar", "error", {"line": 3, "col": 1, "column": "户数"}, 1),
    ("bad_list_item.yaml", "bad_list_item", "error", {"line": 3, "col": 1, "column": "facilities"}, 1),
    ("yaml_not_mapping.yaml", "yaml_not_mapping", "error", {"line": 4, "col": 5}, 1),
    ("standard_invalid.yaml", "standard_invalid", "error", {"line": 40, "col": 5}, 1),
    ("standard_unknown_field.yaml", "standard_unknown_field", "error", {"line": 37, "col": 5}, 1),
    ("standard_points.yaml", "standard_points", "error", {"line": 10, "col": 5}, 1),
]

# waiver files, checked beside a clean data file: (file, code, line, col)
WAIVER_CASES = [
    ("waiver_expired.yaml", "waiver_expired", 6, 14),
    ("waiver_missing.yaml", "waiver_missing", 2, 5),
    ("waiver_bad_date.yaml", "waiver_bad_date", 6, 14),
    ("waiver_unknown_rule.yaml", "waiver_unknown_rule", 3, 11),
    ("waiver_unknown_key.yaml", "waiver_unknown_key", 7, 5),
    ("waiver_file.yaml", "waiver_file", 1, 10),
    ("waiver_entry.yaml", "waiver_entry", 2, 5),
    ("waiver_duplicate.yaml", "waiver_duplicate", 7, 5),
    ("waiver_not_waivable.yaml", "waiver_not_waivable", 3, 11),
]


def run_json(*args, cwd=BAD):
    import os

    old = os.getcwd()
    os.chdir(cwd)  # paths in the report are relative to the working folder, as in CI
    try:
        result = runner.invoke(app, ["check", *map(str, args), "--format", "json", "--lang", "en"])
    finally:
        os.chdir(old)
    assert "Traceback" not in result.output
    report = json.loads(result.stdout) if result.stdout.strip() else None
    if report is not None:  # each fixture holds a few columns: the columns it leaves out are not what is tested
        report["problems"] = [p for p in report["problems"] if p["code"] != "missing_columns"]
    return result, report


@pytest.mark.parametrize("name, code, severity, where, exit_code", CASES, ids=[c[0] for c in CASES])
def test_each_bad_file_gives_its_problem(name, code, severity, where, exit_code):
    result, report = run_json(name)
    assert result.exit_code == exit_code, result.output
    assert [p["code"] for p in report["problems"]] == [code]
    problem = report["problems"][0]
    assert problem["severity"] == severity
    expected = {"file": name, **where}
    assert {k: problem[k] for k in expected} == expected
    assert problem["message"]


@pytest.mark.parametrize("name, code, line, col", WAIVER_CASES, ids=[c[0] for c in WAIVER_CASES])
def test_each_bad_waiver_file_gives_its_problem(name, code, line, col):
    result, report = run_json("good.csv", "--waivers", f"waivers/{name}")
    assert result.exit_code == 1, result.output
    # the fixtures' other entries run to 2099: each also warns `waiver_long`, which is not what is tested here
    errors = [p for p in report["problems"] if p["code"] != "waiver_long"]
    assert [p["code"] for p in errors] == [code]
    problem = errors[0]
    assert (problem["file"], problem["line"], problem["col"], problem["severity"]) == \
        (f"waivers/{name}", line, col, "error")


@pytest.mark.parametrize("name", [c[0] for c in WAIVER_CASES])
def test_audit_will_not_run_on_a_bad_waiver_file(name):
    result = runner.invoke(app, ["audit", str(BAD / "good.csv"), "--waivers", str(BAD / "waivers" / name)])
    assert result.exit_code == 2
    assert "Traceback" not in result.output
    assert name in result.stderr


def test_the_good_file_is_clean_but_for_the_columns_it_leaves_out():
    result, report = run_json("good.csv")
    assert result.exit_code == 0
    assert report["problems"] == [] and report["ok"] is True and report["warnings"] == 1  # missing_columns


def test_a_sheet_without_a_scored_column_is_warned_of(tmp_path):
    """A column deleted from the sample (服务用房总面积): every community would be silently unknown on
    the rule that reads it and so not eligible; check says which column, as a warning (exit 0)."""
    sample = Path(__file__).resolve().parents[1] / "data" / "xinshi-2011" / "社区排查摸底表.csv"
    rows = sample.read_text("utf-8-sig").splitlines()
    at = next(i for i, h in enumerate(rows[0].split(",")) if h.startswith("服务用房总面积"))
    (tmp_path / "表.csv").write_text("\n".join(",".join(c for j, c in enumerate(r.split(",")) if j != at)
                                              for r in rows) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(tmp_path / "表.csv"), "--format", "json"])
    report = json.loads(result.stdout)
    assert result.exit_code == 0 and [(p["code"], p["severity"]) for p in report["problems"]] == \
        [("missing_columns", "warning")]
    assert "数据中缺少 1 项的列：服务用房总面积；" in report["problems"][0]["message"]
    assert report["problems"][0]["file"].endswith("表.csv")
    assert runner.invoke(app, ["check", str(sample)]).exit_code == 0  # the whole sheet: nothing to say


def test_every_problem_of_every_file_in_one_run():
    """Not only the first: checking them all together gives every case's problem."""
    files = [BAD / name for name, *_ in CASES]
    result = check(files)
    found = {(p.code, Path(p.location.file).name) for p in result.problems}
    for name, code, *_ in CASES:
        shown = "b.yaml" if name == "duplicate_id_across" else name
        assert (code, shown) in found, (name, code)


def test_messages_are_chinese_by_default():
    result = runner.invoke(app, ["check", str(BAD / "negative.csv")], env={"COLUMNS": "200"})
    assert result.exit_code == 1
    assert "不能为负数" in result.stdout and "第 2 行" in result.stdout
    english = runner.invoke(app, ["check", str(BAD / "negative.csv"), "--lang", "en"], env={"COLUMNS": "200"})
    assert "cannot be negative" in english.stdout and "row 2" in english.stdout
