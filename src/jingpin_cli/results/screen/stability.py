"""Does the choice hang on arbitrary weights? Re-pick the sites under many seeded perturbations of
the rules' points and count how often each pick stays picked.

Each draw multiplies every scored rule's points by a factor drawn uniformly from [1 − spread,
1 + spread] (the report gives no points, so the pack's are local defaults). A community's earned
points on a rule scale with the rule's weight (a checklist's deduction per item scales with it), so
a draw is a matrix product of the earned-points
matrix (communities × rules, taken from the outcomes once) with the factors: nothing is re-loaded or
re-evaluated. Totals are brought back to the standard's scale so the capped bonus keeps its weight;
a rule that does not apply to a community and drops out (`otherwise: drop`) leaves that community's
scale, and its aspect's, under every draw as it does in scoring (scoring.summary).
Eligibility does not depend on points (gates and vetoes are statuses), so only eligible communities
that are not excluded take part. The same seed gives the same draws."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jingpin_cli.results.screen.picking import (
    SCORE_DECIMALS,
    Screening,
    id_ranks,
    pick_mask,
    street_codes,
)
from jingpin_cli.rules.base import NOT_APPLICABLE
from jingpin_cli.scoring.summary import earned_share

DEFAULT_DRAWS = 200
DEFAULT_SPREAD = 0.2
DEFAULT_SEED = 2011
CHUNK = 64  # draws scored at once (bounds memory: communities × CHUNK × aspects floats)


@dataclass
class Stability:
    draws: int
    spread: float
    seed: int
    share: pd.Series  # id -> share of draws in which it is picked (every community picked at least once)

    def kept(self, cid: str) -> float:
        return float(self.share.get(cid, 0.0))


@dataclass
class Weights:
    """What the draws need, taken once from the outcomes: eligible, not-excluded communities only."""

    ids: pd.Index
    earned: np.ndarray  # communities × scored rules: points earned
    worth: np.ndarray  # per scored rule: its points
    applies: np.ndarray | None  # communities × scored rules: 0 where the rule drops out, else 1 (None: none drops)
    aspects: list[np.ndarray]  # per aspect: which scored rules belong to it
    bonus: np.ndarray  # the bonus less any penalty
    total: float


def weights(screening: Screening) -> Weights:
    report, table = screening.report, screening.table
    std = report.standard
    scored = [r for r in std.rules if r.scored]
    ids = table.index[table["eligible"].to_numpy(bool) & ~table.index.isin(screening.exclude)]
    rows = report.summary.index.get_indexer(ids)  # the outcomes share the summary's index
    earned = np.column_stack([report.outcomes[r.id].points.to_numpy(float)[rows] for r in scored])
    applies = None
    if any(r.drops_out for r in scored):  # 0 where a rule does not apply and leaves the community's scale
        applies = np.ones_like(earned)
        for j, r in enumerate(scored):
            if r.drops_out:
                applies[:, j] = report.outcomes[r.id].status.to_numpy(object)[rows] != NOT_APPLICABLE
    extra = report.summary["bonus"].to_numpy(float)[rows]
    if "penalty" in report.summary.columns:  # 减分 comes off with the bonus (the score stays ≥ 0: see perturbed)
        extra = extra - report.summary["penalty"].to_numpy(float)[rows]
    return Weights(ids, earned, np.array([r.points for r in scored], dtype=float), applies,
                   [np.array([r.aspect == a.id for r in scored]) for a in std.aspects], extra, std.scoring.total)


def perturbed(w: Weights, factors: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Scores and weakest-aspect shares (communities × draws) with each rule's points × its factor."""
    worth = w.worth if w.applies is None else w.applies * w.worth  # one scale, or each community's own
    applicable = worth @ factors.T  # per draw (communities × draws where rules drop out)
    with np.errstate(divide="ignore", invalid="ignore"):  # nothing applies: 0, as scoring says
        base = np.where(applicable > 0, w.earned @ factors.T * (w.total / applicable), 0.0)
    score = np.maximum(base + w.bonus[:, None], 0.0)
    weakest = np.min([_share(w.earned, worth, factors, a) for a in w.aspects], axis=0)
    return score, weakest


def stability(screening: Screening, draws: int = DEFAULT_DRAWS, spread: float = DEFAULT_SPREAD,
              seed: int = DEFAULT_SEED) -> Stability:
    w = weights(screening)
    table = screening.table.loc[w.ids]
    unknown = table["unknown_rules"].to_numpy()
    id_rank = id_ranks(w.ids)
    streets, forced = street_codes(table["street"]), w.ids.isin(screening.include)
    caps = screening.caps()
    if isinstance(caps, np.ndarray):  # a per-street quota: each row's cap, for these rows
        caps = table["street_cap"].to_numpy()

    factors = np.random.default_rng(seed).uniform(1 - spread, 1 + spread, size=(draws, len(w.worth)))
    counts = np.zeros(len(w.ids))
    everyone = np.ones(len(w.ids), bool)
    for start in range(0, draws, CHUNK):  # a loop over blocks of draws, never over communities
        score, weakest = perturbed(w, factors[start:start + CHUNK])
        for j in range(score.shape[1]):
            order = np.lexsort((id_rank, -weakest[:, j].round(6), unknown, -score[:, j].round(SCORE_DECIMALS)))
            picked, _ = pick_mask(everyone, forced[order], ~everyone, streets[order], screening.top,
                                  caps[order] if isinstance(caps, np.ndarray) else caps)
            counts[order[picked]] += 1
    share = pd.Series(counts / draws if draws else counts, index=w.ids)
    share = share[share > 0].sort_values(ascending=False, kind="stable")
    return Stability(draws, spread, seed, share)


def _share(earned: np.ndarray, worth: np.ndarray, factors: np.ndarray, members: np.ndarray) -> np.ndarray:
    """One aspect's earned share under each draw (communities × draws). `worth`: per rule, or per
    community and rule where rules drop out (an aspect with nothing left that applies counts as met,
    as in grading)."""
    if not members.any():
        return np.ones((earned.shape[0], factors.shape[0]))
    return earned_share(earned[:, members] @ factors[:, members].T, worth[..., members] @ factors[:, members].T)
