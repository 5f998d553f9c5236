"""Waivers: read with every problem named, applied as `waived` with full points, the score without
them kept beside, and the same file used by `audit` and `check`."""

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.results.check.run import check
from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, UNKNOWN, WAIVED
from jingpin_cli.scoring.waivers import apply_waivers, load_waivers, read_waivers

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"
runner = CliRunner()


@pytest.fixture(scope="module")
def records(standard):
    return load_records(SAMPLE, standard)


@pytest.fixture(scope="module")
def plain(standard, records):
    return score_records(standard, records)


def write(tmp_path, entries: list[dict], name="waivers.yaml") -> Path:
    import yaml

    path = tmp_path / name
    path.write_text(yaml.safe_dump({"waivers": entries}, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


NEXT_YEAR = date.today().replace(month=1, day=1).replace(year=date.today().year + 2).isoformat()  # within 5 years


def entry(community, rule, expires=NEXT_YEAR, **extra):
    return {"community": str(community), "rule": rule, "reason": "整改中", "approver": "区委组织部",
            "expires": expires, **extra}


def a_gap(plain, kinds=("threshold",)):
    """(community, rule) of a scored rule that is short, found in the data rather than assumed."""
    for rule in plain.standard.rules:
        if rule.kind in kinds:
            short = plain.outcomes[rule.id].status.isin([FAIL, PARTIAL])
            if short.any():
                return short.index[short][0], rule
    pytest.skip("the sample has no such gap")


# ---- reading -----------------------------------------------------------------------------------

def test_values_are_read_as_written(tmp_path, standard):
    path = tmp_path / "w.yaml"
    path.write_text("waivers:\n  - 社区: 0123\n    规则: svc.service_area\n    原因: 在建\n    批准人: 张三\n"
                    "    有效期至: 2030-01-01\n", encoding="utf-8")
    (w,), problems = read_waivers(path, standard, today=date(2029, 1, 1))
    assert problems == []
    assert (w.community, w.rule, w.reason, w.approver, w.expires) == \
        ("0123", "svc.service_area", "在建", "张三", date(2030, 1, 1))
    assert (w.where.line, w.where.col) == (2, 5)


@pytest.mark.parametrize("today, expired",
                         [(date(2029, 12, 31), False), (date(2030, 1, 1), False), (date(2030, 1, 2), True)])
def test_a_waiver_holds_through_its_expiry_day(tmp_path, standard, today, expired):
    waivers, problems = read_waivers(write(tmp_path, [entry("1", "svc.service_area", "2030-01-01")]), standard, today)
    assert [p.code for p in problems] == (["waiver_expired"] if expired else [])
    assert len(waivers) == (0 if expired else 1)


@pytest.mark.parametrize("expires, long", [("2034-01-01", False), ("2034-01-02", True), ("9999-12-31", True)])
def test_a_waiver_for_longer_than_five_years_is_used_but_warned(tmp_path, standard, expires, long):
    # today 2029-01-01: five years later is 2034-01-01, still fine; a day after that is "long"
    waivers, problems = read_waivers(write(tmp_path, [entry("1", "svc.service_area", expires)]), standard,
                                     today=date(2029, 1, 1))
    assert len(waivers) == 1
    assert [(p.code, p.severity) for p in problems] == ([("waiver_long", "warning")] if long else [])
    if long:
        assert expires in problems[0].render("zh") and "5 年" in problems[0].render("zh")


def test_every_problem_of_a_file_at_once(tmp_path, standard):
    path = write(tmp_path, [entry("1", "svc.nope"), {"community": "2", "rule": "svc.service_area"},
                            entry("3", "svc.service_area", "2020-01-01")])
    waivers, problems = read_waivers(path, standard)
    assert waivers == []
    assert [p.code for p in problems] == ["waiver_unknown_rule", "waiver_missing", "waiver_missing", "waiver_missing",
                                          "waiver_expired"]
    assert [p.params.get("name") for p in problems if p.code == "waiver_missing"] == ["reason", "approver", "expires"]


def test_an_empty_waiver_file_waives_nothing(tmp_path, standard):
    path = tmp_path / "w.yaml"
    path.write_text("# no waivers yet\nwaivers:\n", encoding="utf-8")
    assert read_waivers(path, standard) == ([], [])


def test_load_waivers_raises_on_any_error(tmp_path, standard):
    with pytest.raises(InputError) as exc:
        load_waivers(write(tmp_path, [entry("1", "svc.service_area", "2020-01-01")]), standard)
    assert [p.code for p in exc.value.problems] == ["waiver_expired"]


# ---- applying ----------------------------------------------------------------------------------

def test_apply_waivers_sets_waived_and_full_points(tmp_path, standard, plain):
    cid, rule = a_gap(plain)
    before = plain.outcomes[rule.id]
    status_before = before.status.copy()
    (w,), _ = read_waivers(write(tmp_path, [entry(cid, rule.id)]), standard)
    after = apply_waivers(plain.outcomes, [w], standard)
    assert after[rule.id].status[cid] == WAIVED and after[rule.id].points[cid] == rule.points
    others = after[rule.id].status.index != cid
    assert after[rule.id].status[others].equals(before.status[others])
    assert before.status.equals(status_before)  # the input is not changed
    assert all(after[r] is plain.outcomes[r] for r in plain.outcomes if r != rule.id)


def test_the_report_shows_both_scores(tmp_path, standard, records, plain):
    cid, rule = a_gap(plain)
    waivers, _ = read_waivers(write(tmp_path, [entry(cid, rule.id)]), standard)
    report = score_records(standard, records, waivers)
    gained = rule.points - float(plain.outcomes[rule.id].points[cid])
    assert report.summary.at[cid, "score_without_waivers"] == pytest.approx(plain.summary.at[cid, "score"])
    if not plain.summary.at[cid, "vetoed"]:
        assert report.summary.at[cid, "score"] == pytest.approx(plain.summary.at[cid, "score"] + gained)
    rec = community_record(report, cid, "zh")
    assert rec["score_without_waivers"] == round(plain.summary.at[cid, "score"], 2)
    f = next(f for f in rec["findings"] if f["rule"] == rule.id)
    assert f["status"] == WAIVED and f["status_without_waiver"] in (FAIL, PARTIAL)
    assert f["waiver"]["approver"] == "区委组织部" and f["waiver"]["expires"] == NEXT_YEAR
    assert "整改中" in f["message"] and "区委组织部" in f["message"]
    assert f["shortfall"] == pytest.approx(float(plain.outcomes[rule.id].shortfall[cid]))
    other = next(c for c in report.ids if c != cid)
    assert community_record(report, other)["score_without_waivers"] == community_record(report, other)["score"]


def test_waiving_the_baseline_gaps_makes_a_community_eligible(tmp_path, standard, records, plain):
    s = plain.summary
    veto_ids = [r.id for r in standard.rules if r.kind == "veto"]
    clean = ~s["vetoed"] & ~plain.outcomes[veto_ids[0]].status.eq(UNKNOWN) if veto_ids else ~s["vetoed"]
    candidates = s.index[~s["eligible"] & clean]
    if not len(candidates):
        pytest.skip("no community held back by the baseline alone")
    cid = candidates[0]
    gate_rules = [r for g in standard.gates for r in g.rules if plain.outcomes[r].status[cid] != PASS]
    waivers, _ = read_waivers(write(tmp_path, [entry(cid, r) for r in dict.fromkeys(gate_rules)]), standard)
    report = score_records(standard, records, waivers)
    assert bool(report.summary.at[cid, "eligible"]) is True


def test_a_waived_veto_lifts_the_veto(tmp_path, standard, records, plain):
    vetoed = plain.summary.index[plain.summary["vetoed"]]
    if not len(vetoed):
        pytest.skip("no vetoed community in the sample")
    cid = vetoed[0]
    rule = next(r for r in standard.rules if r.kind == "veto" and plain.outcomes[r.id].status[cid] == FAIL)
    report = score_records(standard, records, read_waivers(write(tmp_path, [entry(cid, rule.id)]), standard)[0])
    assert not report.summary.at[cid, "vetoed"]
    assert report.summary.at[cid, "score"] == pytest.approx(plain.summary.at[cid, "score_before_veto"])


def test_unneeded_and_unmatched_waivers_are_warnings(tmp_path, standard, records, plain):
    rule = next(r for r in standard.rules if r.kind == "threshold")
    passing = plain.outcomes[rule.id].status.eq(PASS)
    cid = passing.index[passing][0]
    waivers, _ = read_waivers(write(tmp_path, [entry(cid, rule.id), entry("999999999", rule.id)]), standard)
    report = score_records(standard, records, waivers)
    assert [(p.code, p.severity) for p in report.waived.problems] == [("waiver_unused", "warning"),
                                                                      ("waiver_unknown_community", "warning")]
    assert report.outcomes[rule.id].status[cid] == PASS
    assert report.summary["score"].equals(plain.summary["score"])


# ---- the commands ------------------------------------------------------------------------------

def test_audit_with_waivers(tmp_path, standard, plain):
    cid, rule = a_gap(plain)
    path = write(tmp_path, [entry(cid, rule.id)])
    result = runner.invoke(app, ["audit", str(SAMPLE), "--waivers", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    rec = next(c for c in doc["communities"] if c["id"] == cid)
    assert next(f for f in rec["findings"] if f["rule"] == rule.id)["status"] == "waived"
    assert rec["score_without_waivers"] == round(plain.summary.at[cid, "score"], 2)
    one = runner.invoke(app, ["audit", str(SAMPLE), "--waivers", str(path), "-c", cid], env={"COLUMNS": "200"})
    assert one.exit_code == 0 and "不计豁免" in one.stdout and "已豁免" in one.stdout


def test_audit_refuses_an_expired_waiver(tmp_path, plain):
    cid, rule = a_gap(plain)
    result = runner.invoke(app, ["audit", str(SAMPLE), "--waivers",
                                 str(write(tmp_path, [entry(cid, rule.id, "2020-01-01")]))])
    assert result.exit_code == 2 and "2020-01-01" in result.stderr


def test_check_gate_counts_waivers(tmp_path, standard, plain):
    """--fail-under between the score without and with a waiver: the waiver decides the gate."""
    cid, rule = a_gap(plain)
    if plain.summary.at[cid, "vetoed"]:
        pytest.skip("a vetoed community scores 0 either way")
    threshold = float(plain.summary.at[cid, "score"]) + 0.001
    path = write(tmp_path, [entry(cid, rule.id)])
    without = check([SAMPLE], fail_under=threshold)
    with_waiver = check([SAMPLE], fail_under=threshold, waivers=path)
    assert cid in {p.params["id"] for p in without.problems if p.code == "below_fail_under"}
    assert cid not in {p.params["id"] for p in with_waiver.problems if p.code == "below_fail_under"}


def test_check_judges_expiry_by_the_day_given(tmp_path, plain):
    cid, rule = a_gap(plain)
    path = write(tmp_path, [entry(cid, rule.id, "2030-06-30")])
    assert "waiver_expired" not in [p.code for p in check([SAMPLE], waivers=path, today=date(2030, 6, 30)).problems]
    late = check([SAMPLE], waivers=path, today=date(2030, 7, 1))
    assert [p.code for p in late.problems if p.severity == "error"] == ["waiver_expired"]


def _codes(tmp_path, text, standard):
    path = tmp_path / "w.yaml"
    path.write_text(text, encoding="utf-8")
    waivers, problems = read_waivers(path, standard, today=date(2026, 12, 6))
    return waivers, [(p.code, p.severity) for p in problems]


ENTRY = ("  - {community: '130699001', rule: svc.service_area, reason: 在建, approver: 区委组织部, "
         "expires: 2027-06-30}\n")


def test_a_null_reason_or_approver_is_missing_not_the_text_tilde(tmp_path, standard):
    """Issue 17 item 12: `reason: ~` used to be accepted as the reason “~”."""
    for key in ("reason", "approver"):
        text = "waivers:\n" + ENTRY.replace({"reason": "在建", "approver": "区委组织部"}[key], "~")
        waivers, codes = _codes(tmp_path, text, standard)
        assert waivers == [] and codes == [("waiver_missing", "error")], key
    waivers, codes = _codes(tmp_path, "waivers:\n" + ENTRY.replace("在建", "'~'"), standard)  # quoted: the text
    assert [w.reason for w in waivers] == ["~"] and codes == []


def test_one_key_under_two_names_is_an_error(tmp_path, standard):
    text = "waivers:\n" + ENTRY.replace("{community: '130699001',", "{community: '130699001', 社区: '130699002',")
    waivers, codes = _codes(tmp_path, text, standard)
    assert waivers == [] and codes == [("waiver_same_key", "error")]


def test_unknown_top_level_keys_are_named(tmp_path, standard):
    waivers, codes = _codes(tmp_path, "version: 2\nwaivers:\n" + ENTRY, standard)
    assert codes == [("waiver_unknown_key", "error")]

