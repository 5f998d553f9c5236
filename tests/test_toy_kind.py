"""A rule kind is complete in one module: a toy kind, written to a temporary file and registered with
one call, is validated, scored, worded and rendered with no edit anywhere else in the package."""

import importlib.util
import json
import sys

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.results.audit.record import finding
from jingpin_cli.results.audit.report import audit
from jingpin_cli.rules import KINDS, register, unregister
from jingpin_cli.standard.load import load_standard
from jingpin_cli.standard.models import Standard

# “at most”: a count must stay at or below `max` (投诉 ≤ 3 件): all the points or none.
TOY = '''
from typing import Literal

import numpy as np
import pandas as pd
from pydantic import Field as PydField

from jingpin_cli.rules.base import PASS, SCORE, UNKNOWN, Closing, Outcome, floats, graded_status, label

from jingpin_cli.text.numbers import num
from jingpin_cli.rules.model import RuleBase
from jingpin_cli.text.messages import LANGS, Worded


class AtMostRule(RuleBase):
    """A count at or below `max` earns the points; above it, none."""

    kind: Literal["atmost"]
    field: str
    max: float = PydField(ge=0)


MODEL = AtMostRule
FIELD_TYPES = ("int",)
ROLE = SCORE
NUMERIC, YES_NO, SURVEYED = False, False, False
WORDS = {  # (zh, en), in the order of LANGS
    "unknown": ("{name}：未填报（须 ≤ {max}）", "{name}: unknown (at most {max})"),
    "pass": ("{name}：{have}，不超过 {max}", "{name}: {have}, at most {max}"),
    "fail": ("{name}：{have}，超过 {max}", "{name}: {have}, more than {max}"),
    "requirement": ("≤ {max}（{points} 分）", "≤ {max} ({points} points)"),
    "gap": ("{label}降到 {max} 以下", "bring {label} down to {max}"),
    "whole": ("“{field}”是整数字段，max 也应为整数，现为 {max}",
              "'{field}' is a whole number: max must be one, not {max}"),
}


def words(key, lang, **params):
    return WORDS[key][LANGS.index(lang)].format(**params)


def check(rule, fields):
    """A cross-reference the model alone cannot see, worded in both languages by the kind itself."""
    if fields[rule.field].type == "int" and rule.max != int(rule.max):
        return [(("max",), Worded(*(words("whole", lang, field=rule.field, max=rule.max) for lang in LANGS)))]
    return []


def evaluate(rule, frame, standard):
    value, index = floats(frame[rule.field]), frame.index
    known, met = ~np.isnan(value), value <= rule.max
    points = np.where(met, rule.points, 0.0)
    return Outcome(graded_status(known, met, points, index), pd.Series(points, index=index),
                   pd.Series(value, index=index))


def message(rule, finding, standard, lang):
    name, status = label(standard, rule.field, lang), finding["status"]
    if status == UNKNOWN:
        return words("unknown", lang, name=name, max=num(rule.max))
    return words("pass" if status == PASS else "fail", lang, name=name, have=num(finding["actual"]), max=num(rule.max))


def required(rule):
    return rule.max


def points_text(rule):
    return f"{rule.points:g}"


def requirement(rule, unit, lang):
    return words("requirement", lang, max=num(rule.max), points=num(rule.points))


def closings(rule, outcome, cid, standard):
    return [Closing(rule.field, outcome.status.at[cid], rule.max, None, 1.0,
                    rule.points - float(outcome.points.at[cid]))]


def gap_text(gap, label, unit, lang):
    return words("gap", lang, label=label, max=num(gap.target))
'''

# the shipped pack with its 5-point patrol-team rule replaced by an “at most 3 complaints” rule
PACK = """\
extends: xinshi-2011
id: toy-2024
version: "1"
fields_add:
  - {key: complaints, zh: 投诉件数, en: Complaints, type: int}
rules_replace:
  - id: ord.patrol
    aspect: order
    task: patrol
    kind: atmost
    field: complaints
    max: MAX
    zh: 投诉不超过三件
    en: At most three complaints
    verify: 材料审核
    points: 5
    source: {local: 测试用的玩具规则。}
"""

# Two communities, every other field blank (so every other rule is unknown and earns nothing):
#   T1: 2 complaints ≤ 3 → pass, 5 points; its score is those 5 points.
#   T2: 7 complaints > 3 → fail, 0 points; its score is 0.
DATA = "id,name,complaints\nT1,甲社区,2\nT2,乙社区,7\n"


@pytest.fixture
def toy(tmp_path):
    path = tmp_path / "atmost_kind.py"
    path.write_text(TOY, encoding="utf-8")
    spec = importlib.util.spec_from_file_location("atmost_kind", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["atmost_kind"] = module
    spec.loader.exec_module(module)
    register(module)  # the one line a new kind needs
    yield module
    unregister("atmost")
    del sys.modules["atmost_kind"]


def write_pack(tmp_path, maximum="3"):
    path = tmp_path / "toy.yaml"
    path.write_text(PACK.replace("MAX", maximum), encoding="utf-8")
    return path


def test_kinds_and_the_rule_union_are_the_same_set(toy):
    mapping = Standard.model_json_schema()["properties"]["rules"]["items"]["discriminator"]["mapping"]
    assert set(mapping) == set(KINDS) and "atmost" in mapping
    unregister("atmost")
    try:
        mapping = Standard.model_json_schema()["properties"]["rules"]["items"]["discriminator"]["mapping"]
        assert set(mapping) == set(KINDS) and "atmost" not in mapping
    finally:
        register(toy)


def test_a_pack_using_the_toy_kind_loads_and_a_bad_parameter_is_rejected(toy, tmp_path):
    std = load_standard(write_pack(tmp_path))
    assert type(std.rule("ord.patrol")) is toy.AtMostRule and std.rule("ord.patrol").max == 3
    with pytest.raises(InputError) as bad:
        load_standard(write_pack(tmp_path, "-1"))
    text = bad.value.problems[0].render("en")
    assert "max" in text and "must be at least 0, not -1" in text
    # the kind's own check, in the user's language (no message of it in text/messages.py)
    with pytest.raises(InputError) as bad:
        load_standard(write_pack(tmp_path, "2.5"))
    problem = bad.value.problems[0]
    assert "“complaints”是整数字段，max 也应为整数，现为 2.5" in problem.render("zh")
    assert "'complaints' is a whole number: max must be one, not 2.5" in problem.render("en")


def test_the_toy_kind_is_scored_and_worded(toy, tmp_path):
    std = load_standard(write_pack(tmp_path))
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "communities.csv").write_text(DATA, encoding="utf-8")
    report = audit(std, tmp_path / "data")
    rule = std.rule("ord.patrol")
    assert report.summary.at["T1", "score"] == 5 and report.summary.at["T2", "score"] == 0
    good, bad = finding(report, rule, "T1"), finding(report, rule, "T2", "en")
    assert (good["status"], good["points"], good["required"]) == ("pass", 5, 3)
    assert good["message"] == "投诉件数：2，不超过 3"
    assert (bad["status"], bad["points"]) == ("fail", 0)
    assert bad["message"] == "Complaints: 7, more than 3"


@pytest.mark.parametrize("fmt", ["json", "csv", "md", "html", "xlsx"])
def test_the_toy_kind_is_rendered_in_every_audit_format(toy, tmp_path, fmt):
    pack = write_pack(tmp_path)
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "communities.csv").write_text(DATA, encoding="utf-8")
    out = tmp_path / f"report.{fmt}"
    result = CliRunner().invoke(app, ["audit", str(tmp_path / "data"), "-s", str(pack), "-f", fmt, "-o", str(out)])
    assert result.exit_code == 0, result.output
    if fmt == "xlsx":
        book = load_workbook(out, read_only=True)
        text = "\n".join(str(c) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for c in row if c)
    else:
        text = out.read_text(encoding="utf-8-sig")
    assert "投诉件数：7，超过 3" in text, text[:2000]
    if fmt == "json":
        found = [f for c in json.loads(text)["communities"] for f in c["findings"] if f["kind"] == "atmost"]
        assert [f["points"] for f in found] == [5, 0]
