"""Stability draws: reproducible from the seed, neutral at zero spread, and each draw's scores equal
to what the engine gives under a standard whose rule points are scaled the same way."""

import numpy as np
import pytest
from screen_data import community, report_of

from jingpin_cli.results.screen.picking import screen
from jingpin_cli.results.screen.stability import perturbed, stability, weights
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize


@pytest.fixture
def rivals(standard, tmp_path):
    """O is weak in organization, E in environment; both lose 3 points, so weights decide."""
    rows = [
        community(standard, "O", "组织弱", leadership_size=0, honors=1),
        community(standard, "E", "环境弱", sanitation_score=40, honors=1),
        community(standard, "S", "稳居第一", honors=3),
        community(standard, "X", "落后", leadership_size=0, sanitation_score=40),
    ]
    return screen(report_of(standard, tmp_path / "rivals", rows), top=2)


def test_same_seed_same_draws(rivals):
    a = stability(rivals, draws=300, spread=0.2, seed=7)
    b = stability(rivals, draws=300, spread=0.2, seed=7)
    assert a.share.equals(b.share)
    assert a.kept("S") == 1.0  # three bonus points ahead: no weighting moves it
    # O and E trade the second place: each is picked in some draws, one of them in every draw
    assert 0 < a.kept("O") < 1 and 0 < a.kept("E") < 1
    assert a.kept("O") + a.kept("E") == pytest.approx(1.0)
    assert a.kept("X") == 0.0


def test_zero_spread_keeps_every_pick(rivals):
    s = stability(rivals, draws=20, spread=0.0, seed=1)
    assert set(s.share.index) == set(rivals.selected) and (s.share == 1.0).all()


def test_draw_scores_match_a_rescaled_standard(standard, rivals):
    """One draw by the matrix shortcut == the engine run on a standard with scaled points."""
    factors = np.random.default_rng(3).uniform(0.8, 1.2, size=(1, len([r for r in standard.rules if r.scored])))
    w = weights(rivals)
    score, _ = perturbed(w, factors)

    scaled, it = [], iter(factors[0])
    for rule in standard.rules:
        if rule.scored:
            f = next(it)
            update = {"points": rule.points * f}
            if rule.kind == "checklist":
                update["deduct_per_item"] = rule.deduction * f
            rule = rule.model_copy(update=update)
        scaled.append(rule)
    aspects = [a.model_copy(update={"points": sum(r.points for r in scaled if r.scored and r.aspect == a.id)})
               for a in standard.aspects]
    heavier = standard.model_copy(update={"rules": scaled, "aspects": aspects})
    frame = rivals.report.records.frame.loc[w.ids]
    base = summarize(heavier, evaluate(heavier, frame), frame.index)["base"].to_numpy()
    total = sum(a.points for a in aspects)
    bonus = rivals.report.summary.loc[w.ids, "bonus"].to_numpy()
    assert score[:, 0] == pytest.approx(base * standard.scoring.total / total + bonus)


def test_includes_and_excludes_hold_in_every_draw(rivals):
    s = screen(rivals.report, top=2, include=["X"], exclude=["S"])
    st = stability(s, draws=50, seed=2)
    assert st.kept("X") == 1.0 and st.kept("S") == 0.0
