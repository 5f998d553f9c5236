"""Does the choice hang on arbitrary weights? Re-pick the sites under many seeded perturbations of
the rules' points and count how often each pick stays picked.

Each draw multiplies every scored rule's points by a factor drawn uniformly from [1 − spread,
1 + spread] (the report gives no points, so the pack's are local defaults). A community's earned
points on a rule scale with the rule's weight, so a draw is a matrix product of the earned-points
matrix (communities × rules, taken from the outcomes once) with the factors: nothing is re-loaded or
re-evaluated. Totals are brought back to the standard's scale so the capped bonus keeps its weight.
Eligibility does not depend on points (gates and vetoes are statuses), so only eligible communities
that are not excluded take part. The same seed gives the same draws."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jingpin_cli.screening import SCORE_DECIMALS, Screening, pick_mask, street_codes

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


def stability(screening: Screening, draws: int = DEFAULT_DRAWS, spread: float = DEFAULT_SPREAD,
              seed: int = DEFAULT_SEED) -> Stability:
    report, table = screening.report, screening.table
    std = report.standard
    scored = [r for r in std.rules if r.scored]
    ids = table.index
    included = ids.isin(screening.include)
    take = table["eligible"].to_numpy(bool) & ~ids.isin(screening.exclude)
    sub = ids[take]
    earned = np.column_stack([report.outcomes[r.id].points.reindex(sub).to_numpy(float) for r in scored])
    worth = np.array([r.points for r in scored])
    bonus = report.summary["bonus"].reindex(sub).to_numpy(float)
    unknown = table["unknown_rules"].to_numpy()[take]
    id_rank = np.argsort(np.argsort(sub.astype(str).to_numpy(), kind="stable"), kind="stable")
    streets, forced = street_codes(table["street"])[take], included[take]
    aspects = [np.array([r.aspect == a.id for r in scored]) for a in std.aspects]

    rng = np.random.default_rng(seed)
    factors = rng.uniform(1 - spread, 1 + spread, size=(draws, len(scored)))
    counts = np.zeros(len(sub))
    everyone = np.ones(len(sub), bool)
    for start in range(0, draws, CHUNK):  # a loop over blocks of draws, never over communities
        f = factors[start:start + CHUNK]
        score = earned @ f.T * (std.scoring.total / (worth @ f.T)) + bonus[:, None]
        weakest = np.min([_share(earned, worth, f, a) for a in aspects], axis=0)
        for j in range(f.shape[0]):
            order = np.lexsort((id_rank, -weakest[:, j].round(6), unknown, -score[:, j].round(SCORE_DECIMALS)))
            picked, _ = pick_mask(everyone, forced[order], ~everyone, streets[order], screening.top, screening.per_street)
            counts[order[picked]] += 1
    share = pd.Series(counts / draws if draws else counts, index=sub)
    share = share[share > 0].sort_values(ascending=False, kind="stable")
    return Stability(draws, spread, seed, share)


def _share(earned: np.ndarray, worth: np.ndarray, factors: np.ndarray, members: np.ndarray) -> np.ndarray:
    """One aspect's earned share under each draw (communities × draws)."""
    if not members.any():
        return np.ones((earned.shape[0], factors.shape[0]))
    return (earned[:, members] @ factors[:, members].T) / (worth[members] @ factors[:, members].T)
