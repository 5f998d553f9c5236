"""From rule outcomes to a score sheet: aspect and task points, bonus, vetoes, gates, grade, eligibility.

Scoring works on whole columns; one row per community."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jingpin_cli.arrays import aligned
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import (
    BONUS,
    CODE,
    FAIL,
    NOT_APPLICABLE,
    PARTIAL,
    PASS,
    PENALTY,
    STATUS_OF_CODE,
    UNKNOWN,
    VETO,
    WAIVED,
    Outcome,
    status_codes,
)
from jingpin_cli.standard.models import Standard


def summarize(standard: Standard, outcomes: dict[str, Outcome], index: pd.Index) -> pd.DataFrame:
    """One row per community: score, grade, eligible, per-aspect/task points, gates, unknowns."""
    rules = standard.rules
    scored = [r for r in rules if r.scored]
    # rules × communities arrays, built once; sums over rules add them in rule order (see _added)
    points = _rows([aligned(outcomes[r.id].points, index).to_numpy(dtype=float) for r in scored], len(index), float)
    status = _rows([status_codes(aligned(outcomes[r.id].status, index)) for r in rules], len(index), np.int8)
    unknown, failed = status == CODE[UNKNOWN], status == CODE[FAIL]
    gap = failed | (status == CODE[PARTIAL])
    row = {r.id: i for i, r in enumerate(rules)}
    scored_row = {r.id: i for i, r in enumerate(scored)}

    def total(ids: list[str]) -> np.ndarray:
        return _added(points[[scored_row[i] for i in ids]])

    def rows(mask: np.ndarray, ids: list[str]) -> np.ndarray:
        return mask[[row[i] for i in ids]]

    # rules that do not apply and drop out (otherwise: drop): their points leave the total, which is rescaled
    dropping = [r for r in scored if r.drops_out]
    dropped = {r.id: (status[row[r.id]] == CODE[NOT_APPLICABLE]) * float(r.points) for r in dropping}

    def out_of(ids: list[str], full: float) -> np.ndarray:
        return full - sum((dropped[i] for i in ids if i in dropped), np.zeros(len(index)))

    out = {}
    for aspect in standard.aspects:
        out[f"aspect.{aspect.id}"] = total([r.id for r in scored if r.aspect == aspect.id])
        for task in aspect.tasks:
            out[f"task.{aspect.id}.{task.id}"] = total([r.id for r in scored if r.aspect == aspect.id
                                                        and r.task == task.id])
    base = _added(points)
    applicable = out_of([r.id for r in scored], standard.scoring.total)
    if dropping:  # 折算: what was earned of what applies, on the sheet's scale
        with np.errstate(divide="ignore", invalid="ignore"):
            base = np.where(applicable > 0, base * standard.scoring.total / applicable, 0.0)
        out["applicable_points"] = applicable
    bonus_points = [aligned(outcomes[r.id].points, index).to_numpy(dtype=float) for r in rules
                    if KINDS[r.kind].ROLE == BONUS]
    bonus = np.clip(_added(_rows(bonus_points, len(index), float)), None, standard.scoring.bonus_cap)
    penalty_ids = [r.id for r in rules if KINDS[r.kind].ROLE == PENALTY]
    penalty = _added(_rows([aligned(outcomes[i].points, index).to_numpy(dtype=float) for i in penalty_ids],
                           len(index), float))
    veto_ids = [r.id for r in rules if KINDS[r.kind].ROLE == VETO]
    vetoed = rows(failed, veto_ids).any(axis=0)
    veto_unknown = rows(unknown, veto_ids).any(axis=0)

    out["base"] = base
    out["bonus"] = bonus  # not clipped to the total: “测评得分可高于100分”
    # 减分 after the bonus; a score is never negative (a sheet has no points below zero to lose)
    net = np.maximum(base + bonus - penalty, 0.0) if penalty_ids else base + bonus
    if penalty_ids:  # only packs with penalties carry the column (shipped outputs stay as they were)
        out["penalty"] = penalty
    out["score_before_veto"] = net
    out["score"] = np.where(vetoed, 0.0, net)
    out["vetoed"] = vetoed
    aspect_points = [out[f"aspect.{a.id}"] for a in standard.aspects]
    aspect_maxima = [out_of([r.id for r in scored if r.aspect == a.id], a.points) for a in standard.aspects]
    # what each aspect and task can earn, per community: its points, less the rules that drop out
    out |= {f"aspect_max.{a.id}": m for a, m in zip(standard.aspects, aspect_maxima, strict=True)}
    for aspect in standard.aspects:
        for task in aspect.tasks:
            ids = [r.id for r in scored if r.aspect == aspect.id and r.task == task.id]
            out[f"task_max.{aspect.id}.{task.id}"] = out_of(ids, sum(standard.rule(i).points for i in ids))
    if standard.stars is not None:
        out["stars"] = star_count(standard, aspect_points, aspect_maxima)

    gates_met = np.ones(len(index), dtype=bool)
    for gate in standard.gates:
        short, blank = rows(gap, gate.rules).any(axis=0), rows(unknown, gate.rules).any(axis=0)
        out[f"gate.{gate.id}"] = STATUS_OF_CODE[np.where(short, CODE[FAIL], np.where(blank, CODE[UNKNOWN], CODE[PASS]))]
        gates_met &= ~(short | blank)
    eligible = gates_met & ~vetoed & ~veto_unknown
    if standard.eligibility.min_score is not None:
        eligible &= out["score"] >= standard.eligibility.min_score - 1e-9
    if standard.eligibility.min_stars is not None:
        eligible &= out["stars"] >= standard.eligibility.min_stars
    out["eligible"] = eligible

    not_bonus = [r.id for r in rules if KINDS[r.kind].ROLE != BONUS]
    out["unknown_rules"] = rows(unknown, not_bonus).sum(axis=0)
    blank = rows(unknown, [r.id for r in scored])
    max_points = np.array([r.points for r in scored], dtype=float)
    out["unknown_points"] = _added(blank * max_points[:, None]) - _added(np.where(blank, points, 0.0))
    out["gaps"] = rows(gap, not_bonus).sum(axis=0)
    passed = {i: np.isin(status[row[i]], [CODE[PASS], CODE[WAIVED]]) for g in standard.grades for i in g.rules_pass}
    grade = grade_for(standard, out["score"], vetoed, aspect_points, aspect_maxima,
                      GradeInputs(np.where(vetoed, 0.0, np.maximum(base - penalty, 0.0)), out.get("stars"), passed))
    out["grade"] = pd.Series(grade, index=index, dtype=object)
    if standard.eligibility.min_grade is not None:
        out["eligible"] = out["eligible"] & np.isin(grade, standard.grades_from(standard.eligibility.min_grade))
    return pd.DataFrame(out, index=index)


def _rows(columns: list[np.ndarray], n: int, dtype) -> np.ndarray:
    """Per-rule columns stacked as rows (rules × communities); none -> an empty 0 × n array."""
    return np.stack(columns) if columns else np.zeros((0, n), dtype=dtype)


def _added(rows: np.ndarray) -> np.ndarray:
    """Per community, its rows (rules) added one after another in rule order. Not rows.sum(axis=0):
    numpy adds pairwise when there is a single community, so the last digit of a score would depend
    on how many communities were scored together."""
    if not len(rows):
        return np.zeros(rows.shape[1])
    total = rows[0].copy()
    for values in rows[1:]:
        total += values
    return total


def earned_share(points, top):
    """points / top, the share of what could be earned (0–1); nothing to earn counts as met (1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(np.asarray(top) > 0, np.asarray(points, dtype=float) / top, 1.0)


def aspect_shares(standard: Standard, summary: pd.DataFrame) -> pd.DataFrame:
    """Each aspect's points as a share of what the community can earn in it (0–1), columns = aspect ids."""
    return pd.DataFrame({a.id: earned_share(summary[f"aspect.{a.id}"].to_numpy(float),
                                            summary[f"aspect_max.{a.id}"].to_numpy(float))
                         for a in standard.aspects}, index=summary.index)


@dataclass
class GradeInputs:
    """What a band's conditions beyond the total and the aspect share read (none: only those two)."""

    without_bonus: np.ndarray | None = None  # the score without the bonus (penalties taken off), for with_bonus: false
    stars: np.ndarray | None = None  # stars earned (a pack with `stars:`)
    passed: dict[str, np.ndarray] = field(default_factory=dict)  # rule id -> passed, for rules_pass


def grade_for(standard: Standard, score: np.ndarray, vetoed: np.ndarray, aspects: list[np.ndarray],
              maxima: list[np.ndarray], inputs: GradeInputs | None = None) -> np.ndarray:
    """The first band (top-down) whose every condition is met; vetoed -> veto grade.
    `aspects`: each aspect's points, in the standard's order; `maxima`: what each could earn (its
    points less rules that do not apply and drop out)."""
    inputs = inputs or GradeInputs()
    conditions = [np.logical_and.reduce([ok for _, ok in grade_conditions(standard, g, score, aspects, maxima, inputs)])
                  for g in standard.grades]
    return select_words([vetoed, *conditions], ["veto", *(g.id for g in standard.grades)], standard.grades[-1].id)


def grade_conditions(standard: Standard, grade, score: np.ndarray, aspects: list[np.ndarray], maxima: list[np.ndarray],
                     inputs: GradeInputs) -> list[tuple[tuple, np.ndarray]]:
    """Each condition of one band as ((what, params), met per community); results.audit.grades words
    the unmet ones. The total is always the first."""
    total = score if grade.with_bonus or inputs.without_bonus is None else inputs.without_bonus
    out = [(("min_score", {"with_bonus": grade.with_bonus, "min": grade.min_score}), total >= grade.min_score - 1e-9)]
    if grade.min_aspect_share:
        for a, p, m in zip(standard.aspects, aspects, maxima, strict=True):
            out.append((("aspect_share", {"aspect": a.id, "min": grade.min_aspect_share}),
                        earned_share(p, m) >= grade.min_aspect_share - 1e-9))
    for a, p in zip(standard.aspects, aspects, strict=True):
        floor = grade.min_aspect_points.get(a.id, grade.min_each_aspect)
        if floor is not None:
            out.append((("aspect_points", {"aspect": a.id, "min": floor}), p >= floor - 1e-9))
    if grade.min_stars is not None and inputs.stars is not None:
        out.append((("stars", {"min": grade.min_stars}), inputs.stars >= grade.min_stars))
    for rule_id in grade.rules_pass:
        out.append((("rule", {"rule": rule_id}), inputs.passed.get(rule_id, np.zeros(len(score), bool))))
    return out


def star_count(standard: Standard, aspects: list[np.ndarray], maxima: list[np.ndarray]) -> np.ndarray:
    """Stars earned: the aspects whose score reaches the pack's bar (a share of what the aspect can
    earn, or points)."""
    return np.sum([star_earned(standard, p, m) for p, m in zip(aspects, maxima, strict=True)], axis=0).astype(int)


def star_earned(standard: Standard, points: np.ndarray, maximum: np.ndarray | float) -> np.ndarray:
    bar = standard.stars
    if bar.min_points is not None:
        return points >= bar.min_points - 1e-9
    return earned_share(points, maximum) >= bar.min_share - 1e-9


def select_words(conditions: list[np.ndarray], words: list, default) -> np.ndarray:
    """np.select of words as an object array holding those very strings: building a fixed-width
    string array and converting it back would make a new str per row."""
    choices = np.array([*words, default], dtype=object)
    return choices[np.select(conditions, list(range(len(words))), default=len(words))]
