"""`jingpin check`: exit codes, what counts as a standards file, the gates on results."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.check.run import check, exit_code
from jingpin_cli.standard import default_standard_path, load_standard

TESTS = Path(__file__).resolve().parent
BAD = TESTS / "bad_files"
SAMPLE = TESTS.parent / "data" / "xinshi-2011"
MINI = TESTS / "check_files" / "mini_standard.yaml"
runner = CliRunner()


def run(*args, env=None):
    result = runner.invoke(app, ["check", *map(str, args)], env={"COLUMNS": "200", **(env or {})})
    assert "Traceback" not in result.output
    return result


def codes(result) -> list[str]:
    """The problems' codes but missing_columns: the fixtures hold a few columns each (tested apart)."""
    return [p.code for p in result.problems if p.code != "missing_columns"]


# ---- exit codes -------------------------------------------------------------------------------

def test_clean_files_exit_0():
    assert run(BAD / "good.csv", default_standard_path()).exit_code == 0


def test_warnings_pass_unless_strict():
    assert run(BAD / "note_row.csv").exit_code == 0
    assert run(BAD / "note_row.csv", "--strict").exit_code == 1


def test_a_path_that_does_not_exist_cannot_run():
    result = run(BAD / "no-such-file.csv")
    assert result.exit_code == 2
    assert "no-such-file.csv" in result.stderr


def test_a_missing_waiver_file_cannot_run():
    assert run(BAD / "good.csv", "--waivers", BAD / "no-such-waivers.yaml").exit_code == 2


def test_an_invalid_standard_for_reading_data_cannot_run():
    result = run(BAD / "good.csv", "--standard", BAD / "standard_points.yaml")
    assert result.exit_code == 2
    assert "standard_points.yaml" in result.stderr


def test_an_invalid_standard_that_is_itself_checked_is_a_finding():
    """Checked as a path, a broken --standard is reported (exit 1) and the data is not read with it."""
    result = check([BAD / "good.csv", BAD / "standard_points.yaml"], BAD / "standard_points.yaml")
    assert codes(result) == ["standard_points", "data_not_checked"]
    assert exit_code(result) == 1


def test_exit_code_function():
    warn_only = check([BAD / "note_row.csv"])
    assert exit_code(warn_only) == 0 and exit_code(warn_only, strict=True) == 1
    assert exit_code(check([BAD / "negative.csv"])) == 1


# ---- which paths are standards -----------------------------------------------------------------

def test_one_file_of_a_split_pack_checks_the_whole_pack():
    """pre-commit passes only the changed file: the pack it belongs to is what can be validated."""
    result = check([default_standard_path() / "rules.yaml"])
    assert result.problems == []
    assert sorted(Path(f).name for f in result.files) == sorted(p.name for p in default_standard_path().glob("*.yaml"))


def test_a_broken_file_of_a_split_pack_names_its_line(tmp_path):
    pack = tmp_path / "pack"
    shutil.copytree(default_standard_path(), pack)
    rules = pack / "rules.yaml"
    text = rules.read_text(encoding="utf-8")
    rules.write_text(text.replace("field: service_area_m2", "field: service_area", 1), encoding="utf-8")
    line = next(i for i, s in enumerate(rules.read_text(encoding="utf-8").splitlines(), 1)
                if "field: service_area" in s and "m2" not in s)
    result = check([rules])
    assert codes(result) == ["standard_unknown_field"]
    loc = result.problems[0].location
    assert (Path(loc.file).name, loc.line, loc.col) == ("rules.yaml", line, 5)


def test_whole_pack_files_in_one_folder_are_checked_one_by_one(tmp_path):
    shutil.copy(MINI, tmp_path / "a.yaml")
    shutil.copy(BAD / "standard_points.yaml", tmp_path / "b.yaml")
    shutil.copy(BAD / "good.csv", tmp_path / "good.csv")
    result = check([tmp_path])
    assert codes(result) == ["standard_points"]
    assert Path(result.problems[0].location.file).name == "b.yaml"
    assert {Path(f).name for f in result.files} == {"a.yaml", "b.yaml", "good.csv"}


def test_data_is_read_with_the_standard_given(tmp_path):
    """With the one-rule pack, a column only the shipped catalog knows is unknown."""
    (tmp_path / "d.csv").write_text("社区编码,社区名称,服务用房总面积,户数\n1,甲,300,10\n", encoding="utf-8")
    assert codes(check([tmp_path / "d.csv"])) == []
    result = check([tmp_path / "d.csv"], MINI)
    assert codes(result) == ["unknown_header"]
    assert result.problems[0].location.column == "D"


def test_a_file_inside_a_folder_given_is_read_once():
    result = check([BAD / "duplicate_id_across", BAD / "duplicate_id_across" / "a.csv"])
    assert codes(result) == ["duplicate_id"]


# ---- gates on results --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def sample_report():
    return audit(load_standard(), SAMPLE)


def test_fail_under_names_every_community_below(sample_report):
    scores = sample_report.summary["score"].sort_values()
    threshold = float(scores.iloc[len(scores) // 3]) + 0.001  # some above, some below
    below = set(scores.index[scores < threshold])
    result = check([SAMPLE], fail_under=threshold)
    gate = [p for p in result.problems if p.code == "below_fail_under"]
    assert {p.params["id"] for p in gate} == below and below
    first = sample_report.records.locate(gate[0].params["id"], "id")
    assert (gate[0].location.file, gate[0].location.row, gate[0].location.column) == (first.file, first.row, "A")
    assert exit_code(result) == 1


def test_fail_under_zero_passes(sample_report):
    result = check([SAMPLE], fail_under=0)
    assert "below_fail_under" not in codes(result)


def test_require_eligible(sample_report):
    s = sample_report.summary
    names = sample_report.records.frame["name"]
    yes, no = s.index[s["eligible"]][0], s.index[~s["eligible"]][0]
    ok = check([SAMPLE], require_eligible=[str(names[yes])])
    assert "not_eligible" not in codes(ok)
    bad = check([SAMPLE], require_eligible=[yes, no])
    found = [p for p in bad.problems if p.code == "not_eligible"]
    assert [p.params["id"] for p in found] == [no]
    assert found[0].message("zh") and found[0].message("en") != found[0].message("zh")
    assert exit_code(bad) == 1


def test_require_eligible_of_an_unknown_community():
    result = check([SAMPLE], require_eligible=["没有这个社区"])
    assert "unknown_community" in codes(result)


def test_gates_are_skipped_when_the_data_has_errors():
    result = check([BAD / "negative.csv"], fail_under=50)
    assert codes(result) == ["negative", "gates_skipped"]


def test_cli_gates_and_comma_separated_ids(sample_report):
    s = sample_report.summary
    no = s.index[~s["eligible"]][:2]
    result = run(SAMPLE, "--require-eligible", ",".join(no), "--format", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert sorted(p["message"].split("（")[1].split("）")[0] for p in report["problems"]
                  if p["code"] == "not_eligible") == sorted(no)


# ---- format choice ---------------------------------------------------------------------------

def test_github_annotations_are_chosen_inside_github_actions():
    result = run(BAD / "negative.csv", env={"GITHUB_ACTIONS": "true"})
    assert result.stdout.startswith("::error file=")
    plain = run(BAD / "negative.csv", env={"GITHUB_ACTIONS": ""})
    assert "::error" not in plain.stdout


def test_the_output_suffix_picks_the_format(tmp_path):
    out = tmp_path / "check.sarif"
    result = run(BAD / "negative.csv", "-o", out)
    assert result.exit_code == 1
    assert json.loads(out.read_text(encoding="utf-8"))["version"] == "2.1.0"


def test_the_report_never_overwrites_an_input(tmp_path):
    data = tmp_path / "d.csv"
    shutil.copy(BAD / "good.csv", data)
    before = data.read_bytes()
    result = run(data, "-o", data, "--format", "json")
    assert result.exit_code == 2
    assert data.read_bytes() == before


# ---- docs --------------------------------------------------------------------------------------

def test_readme_documents_every_code_with_its_severity():
    """Each code the bad-file cases and the gates produce is in the README table with that severity,
    and every code the table lists has a message in both languages."""
    import re

    from test_check_bad_files import CASES, WAIVER_CASES

    from jingpin_cli.text.messages import MESSAGES

    text = (TESTS.parent / "README.md").read_text(encoding="utf-8")
    section = text[text.index("### CI gate: `jingpin check`"):text.index("### Waivers (豁免)")]
    table = {}
    for row in re.findall(r"^\| (`.+?`) \| (error|warning)", section, flags=re.M):
        for code in re.findall(r"`(\w+)`", row[0]):
            table[code] = row[1]
    expected = {code: severity for _, code, severity, *_ in CASES}
    expected |= {code: "error" for _, code, *_ in WAIVER_CASES}
    expected |= {"below_fail_under": "error", "not_eligible": "error", "gates_skipped": "warning",
                 "data_not_checked": "warning", "waiver_unused": "warning", "waiver_unknown_community": "warning"}
    assert {c: table.get(c) for c in expected} == expected
    assert all(f"problem.{code}" in MESSAGES for code in table)


def test_a_waiver_file_among_the_paths_is_checked_as_waivers():
    """pre-commit passes a changed waiver file like any YAML file: it is not read as a community."""
    result = check([BAD / "good.csv", BAD / "waivers" / "waiver_expired.yaml"])
    assert codes(result) == ["waiver_expired"]
    same = check([BAD / "good.csv", BAD / "waivers" / "waiver_expired.yaml"],
                 waivers=BAD / "waivers" / "waiver_expired.yaml")
    assert codes(same) == ["waiver_expired"]  # once, not twice


def test_the_pre_commit_hook():
    """The hook runs `jingpin check` on the data and standards files a commit changes, in one call."""
    import re
    import subprocess
    import sys

    import yaml

    (hook,) = yaml.safe_load((TESTS.parent / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "jingpin-check" and hook["entry"] == "jingpin check" and hook["language"] == "python"
    assert hook["require_serial"] is True  # all files in one call: ids repeated across files are found
    files, exclude = re.compile(hook["files"]), re.compile(hook["exclude"])
    chosen = [p for p in ("data/表.csv", "data/表.xlsx", "data/a.yaml", "standards/p/rules.yml", "src/x.py",
                          "README.md", ".pre-commit-config.yaml", ".github/workflows/ci.yml")
              if files.search(p) and not exclude.search(p)]
    assert chosen == ["data/表.csv", "data/表.xlsx", "data/a.yaml", "standards/p/rules.yml"]
    # the entry point exists and needs no pandas to start (`--help` stays quick)
    code = "import sys, jingpin_cli.cli as c; assert 'pandas' not in sys.modules; assert c.check_command.check"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_yaml_nested_past_the_limit_is_a_problem_not_a_crash(tmp_path):
    # libyaml's composer recurses in C: a file nested this deep used to kill the process
    deep = tmp_path / "deep.yaml"
    deep.write_text("rules: " + "[" * 100_000 + "]" * 100_000 + "\n", encoding="utf-8")
    result = check([deep])
    assert codes(result) == ["bad_yaml"] and "nested" in result.problems[0].message("en")
