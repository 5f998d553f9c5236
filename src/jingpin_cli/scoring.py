"""From rule outcomes to a score sheet: aspect and task points, bonus, vetoes, gates, grade, eligibility.

Scoring works on whole columns; one row per community."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, UNKNOWN, WAIVED, Outcome
from jingpin_cli.standard.models import Standard


def summarize(standard: Standard, outcomes: dict[str, Outcome], index: pd.Index) -> pd.DataFrame:
    """One row per community: score, grade, eligible, per-aspect/task points, gates, unknowns."""
    scored = [r for r in standard.rules if r.scored]
    points = pd.DataFrame({r.id: outcomes[r.id].points for r in scored}, index=index)
    status = pd.DataFrame({r.id: outcomes[r.id].status for r in standard.rules}, index=index)
    out = pd.DataFrame(index=index)

    for aspect in standard.aspects:
        ids = [r.id for r in scored if r.aspect == aspect.id]
        out[f"aspect.{aspect.id}"] = points[ids].sum(axis=1)
        for task in aspect.tasks:
            ids = [r.id for r in scored if r.aspect == aspect.id and r.task == task.id]
            out[f"task.{aspect.id}.{task.id}"] = points[ids].sum(axis=1)
    base = points.sum(axis=1)
    bonus_ids = [r.id for r in standard.rules if r.kind == "bonus"]
    bonus = pd.DataFrame({i: outcomes[i].points for i in bonus_ids}, index=index).sum(axis=1).clip(upper=standard.scoring.bonus_cap)
    veto_ids = [r.id for r in standard.rules if r.kind == "veto"]
    vetoed = status[veto_ids].eq(FAIL).any(axis=1) if veto_ids else pd.Series(False, index=index)
    veto_unknown = status[veto_ids].eq(UNKNOWN).any(axis=1) if veto_ids else pd.Series(False, index=index)

    out["base"] = base
    out["bonus"] = bonus
    out["score_before_veto"] = base + bonus
    out["score"] = (base + bonus).where(~vetoed, 0.0)
    out["vetoed"] = vetoed

    for gate in standard.gates:
        s = status[gate.rules]
        out[f"gate.{gate.id}"] = np.select(
            [s.isin([FAIL, PARTIAL]).any(axis=1), s.eq(UNKNOWN).any(axis=1)], [FAIL, UNKNOWN], default=PASS
        )
    gate_cols = [f"gate.{g.id}" for g in standard.gates]
    gates_met = out[gate_cols].isin([PASS, WAIVED]).all(axis=1) if gate_cols else pd.Series(True, index=index)
    out["eligible"] = gates_met & ~vetoed & ~veto_unknown

    not_bonus = [r.id for r in standard.rules if r.kind != "bonus"]
    unknown = status[not_bonus].eq(UNKNOWN)
    out["unknown_rules"] = unknown.sum(axis=1)
    max_points = pd.Series({r.id: r.points for r in scored})
    out["unknown_points"] = (unknown[[r.id for r in scored]] * max_points).sum(axis=1) - points.where(unknown[points.columns], 0).sum(axis=1)
    out["gaps"] = status[not_bonus].isin([FAIL, PARTIAL]).sum(axis=1)
    out["grade"] = grade_for(standard, out)
    return out


def aspect_shares(standard: Standard, summary: pd.DataFrame) -> pd.DataFrame:
    """Each aspect's points as a share of what it is worth (0–1), columns = aspect ids."""
    return pd.DataFrame({a.id: summary[f"aspect.{a.id}"] / a.points if a.points else 1.0 for a in standard.aspects},
                        index=summary.index)


def grade_for(standard: Standard, out: pd.DataFrame) -> pd.Series:
    """The first band (top-down) whose total and per-aspect share are both met; vetoed -> veto grade."""
    weakest = aspect_shares(standard, out).min(axis=1)
    conditions = [(out["score"] >= g.min_score - 1e-9) & (weakest >= g.min_aspect_share - 1e-9) for g in standard.grades]
    grade = np.select(conditions, [g.id for g in standard.grades], default=standard.grades[-1].id)
    return pd.Series(np.where(out["vetoed"], "veto", grade), index=out.index, dtype=object)
