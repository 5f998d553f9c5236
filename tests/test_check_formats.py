"""The machine formats of `jingpin check`, each checked against its format: GitHub workflow
commands, JUnit XML structure, SARIF 2.1.0 (the OASIS JSON schema, vendored in tests/schemas) and JSON."""

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest

from jingpin_cli.errors import Location, Problem
from jingpin_cli.formats import Options
from jingpin_cli.formats.check import github as check_github
from jingpin_cli.formats.check import human as check_human
from jingpin_cli.formats.check import json as check_json
from jingpin_cli.formats.check import junit as check_junit
from jingpin_cli.formats.check import sarif as check_sarif
from jingpin_cli.results.check.run import check, record

TESTS = Path(__file__).resolve().parent
BAD = TESTS / "bad_files"
SCHEMA = json.loads((TESTS / "schemas" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
FILES = ["negative.csv", "negative_xlsx.xlsx", "note_row.csv", "unknown_key.yaml", "encoding.csv",
         "rate_range.csv", "standard_points.yaml"]


@pytest.fixture
def result(monkeypatch):
    monkeypatch.chdir(BAD)  # relative paths, as a CI job sees them
    return check(FILES, require_eligible=["没有这个社区"])


# GitHub: ::error file=F,line=L,col=C,title=T::message — properties escaped, message on one line
ANNOTATION = re.compile(r"^::(error|warning) ((?:file=[^,:]+)(?:,line=\d+)?(?:,col=\d+)?,)?title=[^,:]+::[^\r\n]+$")


def test_github_annotations(result):
    out = check_github.render(result, Options("en"))
    lines = out.splitlines()
    annotations = [line for line in lines if line.startswith("::")]
    assert len(annotations) == len(result.problems)
    for line in annotations:
        assert ANNOTATION.match(line), line
    assert "::error file=negative.csv,line=2,title=jingpin negative::row 2, column C" in out
    assert "::error file=unknown_key.yaml,line=3,col=1,title=jingpin unknown_key::" in out
    assert "::warning file=note_row.csv,line=4,title=jingpin note_row::" in out
    # an XLSX row is no line of the file; the message names sheet and row instead
    assert "::error file=negative_xlsx.xlsx,title=jingpin negative::sheet '摸底表', row 4, column D" in out
    assert "%25" in next(line for line in annotations if "rate_range" in line)  # '%' escaped
    assert lines[-1].startswith("checked ")


def test_github_escaping():
    problem = Problem("bad_option", Location("a,b:c.csv", row=3), {"detail": "x\ny 100%"})
    line = check_github.annotation(problem, "en")
    # a line break in the user's text is written out (\n) before it reaches the log (issue 17 item 3)
    assert line.startswith("::error file=a%2Cb%3Ac.csv,line=3,") and line.endswith("x\\ny 100%25")
    assert "\n" not in line


def test_junit_structure(result):
    root = ET.fromstring(check_junit.render(result, Options("en")).encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == int(root.get("tests"))
    names = [c.get("name") for c in cases]
    assert set(FILES) <= set(names) and "jingpin check" in names  # the --require-eligible gate
    failing = {c.get("name") for c in cases if c.find("failure") is not None}
    assert int(suite.get("failures")) == len(failing)
    assert failing == {p.location.file if not p.location.file.startswith("-") else "jingpin check"
                       for p in result.problems if p.severity == "error"}
    assert "note_row.csv" not in failing  # a warning is no failure…
    note = next(c for c in cases if c.get("name") == "note_row.csv")
    assert "note_row" in note.find("system-out").text
    strict = ET.fromstring(check_junit.render(result, Options("en", strict=True)).encode("utf-8"))
    assert any(c.get("name") == "note_row.csv" and c.find("failure") is not None for c in strict.iter("testcase"))
    for case in cases:
        for failure in case.findall("failure"):
            assert failure.get("type") and failure.get("message") and failure.text


def test_junit_survives_control_characters():
    problem = Problem("bad_number", Location("x.csv", row=2, column="C", header="h"), {"value": "1\x00\x07"})
    from jingpin_cli.results.check.run import CheckResult

    ET.fromstring(check_junit.render(CheckResult([problem], ["x.csv"]), Options("zh")).encode("utf-8"))


def test_sarif_is_valid_2_1_0(result):
    log = json.loads(check_sarif.render(result, Options("en")))
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    run = log["runs"][0]
    assert [r["ruleId"] for r in run["results"]] == [p.code for p in result.problems]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    yaml_result = next(r for r in run["results"] if r["ruleId"] == "unknown_key")
    assert yaml_result["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 1}
    xlsx_result = next(r for r in run["results"] if r["ruleId"] == "negative" and r["properties"].get("sheet"))
    assert "region" not in xlsx_result["locations"][0]["physicalLocation"]
    assert xlsx_result["properties"] == {"sheet": "摸底表", "row": 4, "column": "D", "header": "服务用房总面积（㎡）"}


def test_sarif_of_a_clean_run_is_valid(monkeypatch):
    sample = Path(__file__).resolve().parents[1] / "data" / "xinshi-2011" / "社区排查摸底表.csv"
    log = json.loads(check_sarif.render(check([sample]), Options("zh")))
    jsonschema.Draft4Validator(SCHEMA).validate(log)
    assert log["runs"][0]["results"] == []


def test_sarif_schema_rejects_a_broken_log(result):
    """The validation above can fail: a result without a message is not SARIF."""
    log = json.loads(check_sarif.render(result, Options("en")))
    del log["runs"][0]["results"][0]["message"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_json_is_the_canonical_record(result):
    doc = json.loads(check_json.render(result, Options("en")))
    assert doc["ok"] is False
    assert (doc["errors"], doc["warnings"]) == (len(result.errors), len(result.warnings))
    assert doc["problems"] == [record(p, "en") for p in result.problems]
    assert doc["checked"] == result.files


def test_human_output_groups_by_file(result):
    out = check_human.render(result, Options("zh"))
    assert out.index("negative.csv") < out.index("第 2 行")
    assert "错误" in out and "警告" in out
    assert out.rstrip().splitlines()[-1].startswith("检查了")
    assert "jingpin check" in out  # the gate's problem is not about a file


def test_control_characters_never_reach_a_log():
    """Issue 17 item 3: ESC or a line break in a header, a cell or a file name must not start a new
    line (a fake `::error`) or drive the terminal: they are written out in every message."""
    problem = Problem("unknown_key", Location("a\x1b[2J.csv", row=2, column="B", header="户数\n::error file=x::"),
                      {"header": "户数\n::error file=x::", "suggestion": None})
    for text in (problem.render("zh"), problem.render("en"), check_github.annotation(problem, "en")):
        assert "\x1b" not in text and "\n" not in text and "\\x1b" in text

