"""The second shipped pack, strict-2013 (`extends: xinshi-2011`): auditing the same sample with it
changes the results exactly as its YAML says — proof that nothing of the 2011 pack is in Python."""

import csv
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.standard import load_standard
from jingpin_cli.standard.load import load_standard_checked

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011" / "社区排查摸底表.csv"
runner = CliRunner()


@pytest.fixture(scope="module")
def packs():
    return load_standard("xinshi-2011"), load_standard("strict-2013")


@pytest.fixture(scope="module")
def reports(packs):
    old, new = packs
    return score_records(old, load_records(SAMPLE, old)), score_records(new, load_records(SAMPLE, new))


def test_the_pack_is_valid_clean_and_marks_every_change_local(packs):
    old, new = packs
    _, warnings = load_standard_checked("strict-2013")
    assert warnings == []
    before = {r.id: r for r in old.rules}
    for rule in new.rules:
        if rule.id not in before or rule != before[rule.id]:
            assert rule.source.is_local and len(rule.source.local) > 10, rule.id
    assert new.grades_source.is_local and new.self_assessment.source.is_local
    assert {r.id for r in new.rules} - set(before) == {"svc.site_visit", "org.major_violation"}
    assert new.rule("svc.service_area").min == 500 and new.rule("svc.site_visit").verify == "实地察看"
    assert sum(a.points for a in new.aspects) == new.scoring.total == 100


def test_service_space_between_300_and_500_passes_in_2011_and_falls_short_in_2013(reports):
    old, new = reports
    area = old.records.frame["service_area_m2"].astype("float64")
    middle = area.between(300, 500, inclusive="left")
    assert middle.sum() >= 5, "the sample should hold communities between the two lines"
    assert (old.outcomes["svc.service_area"].status[middle] == "pass").all()
    assert (new.outcomes["svc.service_area"].status[middle] == "partial").all()
    assert (new.outcomes["svc.service_area"].shortfall[middle] == 500 - area[middle]).all()
    assert new.outcomes["svc.service_area"].points[middle].round(9).equals((5 * area[middle] / 500).round(9))
    big = area >= 500
    assert (new.outcomes["svc.service_area"].status[big] == "pass").all()
    # the gate 有场所议事 reads that rule, so it follows it
    assert (new.summary.loc[middle, "gate.premises"] == "fail").all()
    assert (old.summary.loc[middle & (old.summary["gate.premises"] != "unknown"), "gate.premises"] == "pass").all()


def _checklist_points(rule, outcome):
    """扣完为止 with the revised points: each absent or unfilled item deducts `rule.deduction`."""
    missing = outcome.absent.sum(axis=1) + outcome.unknown_items.sum(axis=1)
    return (rule.points - missing * rule.deduction).clip(lower=0)


def test_the_total_moves_by_exactly_what_the_yaml_changes(reports, packs):
    old, new = reports
    _, std = packs
    p, o = {rid: x.points for rid, x in old.outcomes.items()}, old.outcomes
    area = old.records.frame["service_area_m2"].astype("float64")
    expected = old.summary["base"] - p["svc.service_area"] + (5 * area / 500).clip(upper=5).fillna(0)
    expected -= p["svc.books"] / 2  # a proportional threshold: half the points, same share
    for rid in ("svc.equipment", "svc.boards", "svc.fitness_quality"):  # checklists with fewer points
        expected += _checklist_points(std.rule(rid), o[rid]) - p[rid]
    # the site visit has no column in the 2011 sheet: unknown, so it earns nothing
    assert (new.outcomes["svc.site_visit"].status == "unknown").all()
    assert new.summary["base"].round(6).equals(expected.round(6))
    assert (new.summary["base"] < old.summary["base"]).sum() > 50


def test_a_new_veto_nobody_filled_in_blocks_every_community(reports):
    old, new = reports
    assert old.summary["eligible"].sum() >= 5
    assert (new.outcomes["org.major_violation"].status == "unknown").all()
    assert not new.summary["eligible"].any()  # a veto item must be filled in before anyone is picked


def _with_new_columns(tmp_path: Path, violation_row: int) -> tuple[Path, list[str]]:
    """The sample plus the two columns strict-2013 asks for: 综合实地考评分 and 两委成员严重违纪违法."""
    rows = list(csv.reader(SAMPLE.open(encoding="utf-8-sig")))
    head, body = rows[0], rows[1:]
    out = [head + ["综合实地考评分", "两委成员严重违纪违法"]]
    for i, row in enumerate(body):
        out.append(row + [str(60 + (i * 7) % 41), "有" if i == violation_row else "无"])
    folder = tmp_path / "data"
    folder.mkdir()
    with (folder / "表.csv").open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(out)
    return folder, [r[0] for r in body]


def test_filled_in_new_columns_score_and_veto(tmp_path, packs, reports):
    old_std, new_std = packs
    old, _ = reports
    # a community that is eligible under 2011 gets the new veto
    eligible = list(old.summary.index[old.summary["eligible"]])
    ids = list(old.summary.index)
    folder, order = _with_new_columns(tmp_path, ids.index(eligible[0]))
    new = score_records(new_std, load_records(folder, new_std))
    target = eligible[0]
    assert new.summary.at[target, "vetoed"] and new.summary.at[target, "score"] == 0
    assert new.summary.at[target, "grade"] == "veto" and not old.summary.at[target, "vetoed"]
    assert new.summary["vetoed"].sum() == old.summary["vetoed"].sum() + 1
    site = new.records.frame["site_visit_score"].astype("float64")
    assert (new.outcomes["svc.site_visit"].status == (site >= 85).map({True: "pass", False: "partial"})).all()
    assert new.outcomes["svc.site_visit"].points.round(9).equals((site / 100 * 4).round(9))
    # the 2011 pack does not know these columns: it says so instead of guessing
    result = runner.invoke(app, ["audit", str(folder), "--lang", "en"])
    assert result.exit_code == 2 and "综合实地考评分" in result.output


def test_stricter_excellent_band(reports, packs):
    old, new = reports
    _, new_std = packs
    excellent = new_std.grades[0]
    assert (excellent.min_score, excellent.min_aspect_share) == (92, 0.85)
    top = new.summary[new.summary["grade"] == "excellent"]
    shares = pd.DataFrame({a.id: top[f"aspect.{a.id}"] / a.points for a in new_std.aspects})
    assert (top["score"] >= 92).all() and (shares.min(axis=1) >= 0.85).all()
    assert (old.summary["grade"] == "excellent").sum() >= (new.summary["grade"] == "excellent").sum()


def test_audit_command_with_the_shipped_name():
    result = runner.invoke(app, ["audit", str(SAMPLE), "--standard", "strict-2013", "--format", "json"])
    assert result.exit_code == 0, result.output
    body = json.loads(result.stdout if hasattr(result, "stdout") else result.output)
    assert body["standard"]["id"] == "strict-2013"
    rules = [f["rule"] for f in body["communities"][0]["findings"]]
    assert "svc.site_visit" in rules and "org.major_violation" in rules
    assert rules.index("svc.site_visit") == rules.index("svc.service_area") + 1
