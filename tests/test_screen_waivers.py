"""`screen --waivers`: a waived gate rule lets a community be picked; a bad waiver file stops the run."""

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.audit.report import audit

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


def _blocked_by_one_gate_rule(standard):
    """A community kept out only by one failing gate rule (found in the data, not assumed)."""
    report = audit(standard, SAMPLE)
    s = report.summary
    for cid in s.index[~s["eligible"] & ~s["vetoed"]]:
        failing = [rid for g in standard.gates for rid in g.rules if report.outcomes[rid].status.at[cid] != "pass"]
        if len(failing) == 1 and report.outcomes[failing[0]].status.at[cid] in ("fail", "partial"):
            return cid, failing[0]
    raise AssertionError("the sample has no community blocked by a single gate rule")


def _waiver_file(tmp_path, cid: str, rule: str, expires: str) -> Path:
    path = tmp_path / "waivers.yaml"
    entry = {"community": cid, "rule": rule, "reason": "在建，年底交付", "approver": "区委组织部", "expires": expires}
    path.write_text(yaml.safe_dump({"waivers": [entry]}, allow_unicode=True), encoding="utf-8")
    return path


def test_a_waived_gate_rule_makes_the_community_pickable(standard, tmp_path):
    cid, rule = _blocked_by_one_gate_rule(standard)
    waivers = _waiver_file(tmp_path, cid, rule, "2099-12-31")
    runner = CliRunner()
    plain = json.loads(runner.invoke(app, ["screen", str(SAMPLE), "--top", "75", "--format", "json"]).stdout)
    waived = runner.invoke(app, ["screen", str(SAMPLE), "--top", "75", "--format", "json", "--waivers", str(waivers)])
    assert waived.exit_code == 0
    waived = json.loads(waived.stdout)
    assert cid not in plain["selected"] and cid in waived["selected"]


def test_an_expired_waiver_stops_screen(standard, tmp_path):
    cid, rule = _blocked_by_one_gate_rule(standard)
    waivers = _waiver_file(tmp_path, cid, rule, "2020-01-01")
    result = CliRunner().invoke(app, ["screen", str(SAMPLE), "--waivers", str(waivers)])
    assert result.exit_code == 2
    assert "waivers.yaml" in result.output and "Traceback" not in result.output
