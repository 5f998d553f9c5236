"""Custom standards: a pack that `extends:` another and tailors it; `standards validate` and `diff`."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.standard import default_standard_path, load_standard
from jingpin_cli.standard.diff import diff_standards
from jingpin_cli.standard.load import load_standard_checked

runner = CliRunner()

TAILORED = """\
# a district's own version of the 2011 standard
extends: xinshi-2011
id: mydistrict-2012
version: "2012.1"
title: {zh: 某区党建精品社区标准, en: Some district's standard}
scoring: {bonus_cap: 3}
grades:
  - {id: excellent, zh: 示范, en: Model, min_score: 95}
  - {id: pass, zh: 达标, en: Meets, min_score: 70}
  - {id: fail, zh: 未达标, en: Below, min_score: 0}
grades_source: {local: 本区考核办法：95分示范、70分达标。}
fields_add:
  - {key: night_patrols, zh: 夜间巡逻次数, type: int, unit: times}
rules_drop: [bonus.honors]
rules_replace:
  - id: ord.patrol
    aspect: order
    task: patrol
    kind: threshold
    field: night_patrols
    min: 52
    zh: 夜间巡逻
    verify: 材料审核
    points: 5
    source: {local: 本区要求每周至少一次夜间巡逻。}
rules_override:
  svc.books: {min: 1500, source: {local: 本区提高到1500册。}}
  har.culture: {zh: 社区文化活动（每月）}
rules_add:
  - id: bonus.media
    after: bonus.innovation
    aspect: harmony
    task: culture
    kind: bonus
    field: honors
    per: 0.5
    cap: 1
    zh: 媒体报道
    verify: 材料审核
    source: {local: 本区新增加分项。}
"""


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if needle in line)


def test_a_tailoring_file_changes_only_what_it_names(tmp_path):
    base = load_standard()
    std = load_standard(write(tmp_path / "mine.yaml", TAILORED))
    rules = {r.id: r for r in std.rules}
    assert (std.id, std.version, std.title.zh) == ("mydistrict-2012", "2012.1", "某区党建精品社区标准")
    assert std.scoring.bonus_cap == 3 and std.scoring.total == base.scoring.total  # merged key by key
    assert [(g.zh, g.min_score) for g in std.grades] == [("示范", 95), ("达标", 70), ("未达标", 0)]
    assert "bonus.honors" not in rules
    assert rules["ord.patrol"].kind == "threshold" and rules["ord.patrol"].field == "night_patrols"
    assert rules["svc.books"].min == 1500 and rules["svc.books"].source.local == "本区提高到1500册。"
    assert rules["svc.books"].points == base.rule("svc.books").points  # untouched keys stay
    assert rules["har.culture"].zh == "社区文化活动（每月）"
    assert rules["har.culture"].min == base.rule("har.culture").min
    ids = [r.id for r in std.rules]
    assert ids[ids.index("bonus.innovation") + 1] == "bonus.media"  # `after:` places it
    assert std.field("night_patrols").type == "int"
    # everything else is the base's
    untouched = [r for r in base.rules if r.id not in ("bonus.honors", "ord.patrol", "svc.books", "har.culture")]
    assert all(rules[r.id] == r for r in untouched)
    assert std.aspects == base.aspects and std.gates == base.gates


def test_extends_a_relative_folder_and_chains(tmp_path):
    shutil.copytree(default_standard_path(), tmp_path / "base")
    write(tmp_path / "mine" / "standard.yaml", "extends: ../base\nid: mine\nversion: '1'\n"
          "rules_override:\n  svc.service_area: {min: 350, source: {local: 中间一层。}}\n")
    write(tmp_path / "top.yaml", "extends: mine\nid: top\nversion: '2'\n"
          "rules_override:\n  svc.fitness_area: {min: 250, source: {local: 最上一层。}}\n")
    std = load_standard(tmp_path / "top.yaml")
    assert std.id == "top"
    assert std.rule("svc.service_area").min == 350 and std.rule("svc.fitness_area").min == 250


def test_a_shipped_pack_is_found_by_name():
    assert load_standard("strict-2013").id == "strict-2013"
    assert load_standard("xinshi-2011") == load_standard()


@pytest.mark.parametrize("body,needle,expect", [
    ("rules_override:\n  svc.bookz: {min: 3}\n", "svc.bookz", ["rules_override", "svc.bookz", "svc.books"]),
    ("rules_drop: [org.secretry]\n", "rules_drop", ["rules_drop", "org.secretry", "org.secretary"]),
    ("rules_add:\n  - {id: svc.books, aspect: services, task: facilities, kind: boolean, field: phone, zh: x,"
     " verify: 材料审核, source: {local: 理由写在这里。}}\n", "- {id: svc.books",
     ["svc.books", "rules_replace", "rules_override"]),
    ("rules_override:\n  svc.books:\n    min: lots\n", "min: lots", ["rules_override.svc.books.min", "valid number"]),
    ("rules_override:\n  svc.books: {maximum: 3}\n", "maximum", ["maximum", "unknown key 'maximum'"]),
    ("rules_override:\n  svc.books: {points: 3, source: {local: 多给一分。}}\n", "extends:",
     ["aspects[1].points", "standard.yaml", "the rules of aspect 'services' add up to 31 points, not 30"]),
    ("rules_drop: [svc.service_area]\n", "extends:", ["premises", "svc.service_area"]),
    ("grades_override:\n  fail: {min_score: 10}\n", "grades_override", ["last band must start at 0"]),
])
def test_an_error_names_the_tailoring_file_and_line(tmp_path, body, needle, expect):
    pack = write(tmp_path / "mine.yaml", "extends: xinshi-2011\nid: x\nversion: '1'\n" + body)
    with pytest.raises(InputError) as err:
        load_standard(pack)
    problem = err.value.problems[0]
    text = err.value.render("en")
    assert problem.location.file == str(pack), text
    assert problem.location.line == line_of(pack, needle), text
    for piece in expect:
        assert piece in text


@pytest.mark.parametrize("files,code,line", [
    ({"a.yaml": "extends: xinshi-2012\n"}, "extends_not_found", 1),
    ({"a.yaml": "extends: b.yaml\n", "b.yaml": "extends: a.yaml\n"}, "extends_cycle", 1),
    ({"a.yaml": "extends: [xinshi-2011]\n"}, "extends_bad", 1),
    ({"a.yaml": "id: a\nrules_drop: [svc.books]\n"}, "patch_without_extends", 2),
    ({"a.yaml": "extends: xinshi-2011\nrules_override: [svc.books]\n"}, "patch_bad", 2),
])
def test_bad_extends_is_one_clear_problem(tmp_path, files, code, line):
    for name, text in files.items():
        write(tmp_path / name, text)
    with pytest.raises(InputError) as err:
        load_standard(tmp_path / "a.yaml")
    assert err.value.problems[0].code == code
    assert err.value.problems[0].location.line == line


def test_did_you_mean_for_a_misspelt_shipped_pack(tmp_path):
    with pytest.raises(InputError) as err:
        load_standard(write(tmp_path / "a.yaml", "extends: xinshi-2012\n"))
    assert "xinshi-2011" in err.value.render("en")


def test_a_changed_value_without_a_new_source_is_a_warning(tmp_path):
    pack = write(tmp_path / "a.yaml",
                 "extends: xinshi-2011\nrules_override:\n  svc.books: {min: 1500}\n  har.culture: {zh: 文化}\n")
    std, warnings = load_standard_checked(pack)
    assert std.rule("svc.books").min == 1500
    codes = [(w.code, w.params.get("what") or w.params.get("name")) for w in warnings]
    assert ("override_keeps_source", "rules 'svc.books'") in codes
    assert not any("har.culture" in str(c) for c in codes)  # a new label needs no new source
    assert ("extends_keeps_id", "id") in codes and all(w.severity == "warning" for w in warnings)
    _, clean = load_standard_checked(write(tmp_path / "b.yaml", TAILORED))
    assert clean == []


def test_validate_command_on_an_extending_pack(tmp_path):
    good = write(tmp_path / "mine.yaml", TAILORED)
    result = runner.invoke(app, ["standards", "validate", str(good), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert "mydistrict-2012 2012.1: OK" in result.output
    bad = write(tmp_path / "bad.yaml", TAILORED.replace("min: 1500", "min: -5"))
    result = runner.invoke(app, ["standards", "validate", str(bad), "--lang", "en"])
    assert result.exit_code == 2
    assert f"bad.yaml, line {line_of(bad, 'min: -5')}" in result.output
    assert "Traceback" not in result.output


def test_diff_lists_exactly_what_a_tailoring_file_changes(tmp_path):
    mine = load_standard(write(tmp_path / "mine.yaml", TAILORED))
    changes = {c.dotted(): c for c in diff_standards(load_standard(), mine)}
    assert changes["rules[svc.books].min"].old == 1000 and changes["rules[svc.books].min"].new == 1500
    assert changes["rules[bonus.honors]"].change == "removed"
    assert changes["rules[bonus.media]"].change == "added"
    assert changes["rules[ord.patrol].kind"].new == "threshold"
    assert changes["scoring.bonus_cap"].new == 3
    assert changes["grades[good]"].change == "removed"
    assert not any(p.startswith(("rules[svc.service_area]", "aspects", "gates", "survey")) for p in changes)
    assert diff_standards(mine, mine) == []


def test_diff_command_text_and_json():
    result = runner.invoke(app, ["standards", "diff", "xinshi-2011", "strict-2013", "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    paths = {c["path"]: c for c in body["changes"]}
    assert (body["old"]["id"], body["new"]["id"]) == ("xinshi-2011", "strict-2013")
    assert paths["rules[svc.service_area].min"]["old"] == 300 and paths["rules[svc.service_area].min"]["new"] == 500
    assert paths["rules[svc.site_visit]"]["change"] == "added"
    result = runner.invoke(app, ["standards", "diff", "xinshi-2011", "strict-2013"])
    assert "~ rules[svc.service_area].min: 300 → 500" in result.output
    assert "+ rules[org.major_violation]" in result.output
    result = runner.invoke(app, ["standards", "diff", "xinshi-2011", "no-such-pack"])
    assert result.exit_code == 2 and "no-such-pack" in result.output
