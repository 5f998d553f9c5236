"""One explanation of why a community may not be picked, shared by `check --require-eligible` and
`screen` (results/audit/eligibility.py)."""

from __future__ import annotations

from jingpin_cli.results.audit.eligibility import ineligibility, reason_text
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.check.run import check
from jingpin_cli.results.screen.near_miss import blockers_for
from jingpin_cli.results.screen.picking import screen

SAMPLE = "data/xinshi-2011"


def test_check_and_screen_give_the_same_reasons(standard):
    report = audit(standard, SAMPLE)
    # 桃园社区 (130602050) is vetoed and misses all four gates in the synthetic sample
    cid = "130602050"
    why = ineligibility(standard, report.outcomes, report.summary.loc[[cid]])[0]
    assert [code for code, _ in why] == ["veto", "gate_fail"]
    assert why[1][1]["gates"] == [g.id for g in standard.gates]
    screening = screen(report, top=5)
    row = list(screening.table.index).index(cid)
    assert blockers_for(screening, [row])[0][: len(why)] == why
    words = [reason_text(standard, code, params, "zh") for code, params in why]
    assert words[0] == "一票否决：重大治安或群体性事件"
    assert words[1].startswith("未达“三有一化”：有人管事、")
    problem = next(p for p in check([SAMPLE], require_eligible=[cid]).problems if p.code == "not_eligible")
    assert str(problem.params["reasons"]) == "；".join(words)


def test_an_eligible_community_has_no_reasons(standard):
    report = audit(standard, SAMPLE)
    eligible = report.summary.index[report.summary["eligible"]]
    assert len(eligible) > 0
    assert all(r == [] for r in ineligibility(standard, report.outcomes, report.summary.loc[eligible]))
