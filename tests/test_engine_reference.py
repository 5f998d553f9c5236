"""Property test: the column engine (rule kinds on numpy arrays, status codes, scoring on rules ×
communities arrays) equals a plain per-community reference written straight from the standard's
wording, on random records full of blanks, zeros, negatives and values exactly at the requirement.

Points and sums are compared exactly: the engine adds rules in rule order, as the reference does,
so every report prints the same figures whichever way they were computed."""

from __future__ import annotations

from functools import reduce
from operator import add

from conftest import make_frame
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, STATUS, UNKNOWN
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize
from jingpin_cli.standard import load_standard

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
STANDARD = load_standard()
NONE_CREDIT = STANDARD.model_copy(update={"scoring": STANDARD.scoring.model_copy(update={"partial_credit": "none"})})
# a pack with nothing but scored rules: no veto, no bonus, no gate (every such list is empty)
SCORED_ONLY = STANDARD.model_copy(update={"rules": [r for r in STANDARD.rules if r.scored], "gates": []})


def _values(standard):
    """Per field, the values worth trying: blank, zero, below/at/above each requirement on it."""
    good, marks = {}, {}
    for rule in standard.rules:
        for key in rule.fields:
            good[key] = False if rule.kind == "veto" else getattr(rule, "expected", True)
            for attr in ("min", "zero_at", "scale"):
                if hasattr(rule, attr):
                    m = float(getattr(rule, attr))
                    marks.setdefault(key, set()).update({m, m / 2, m * 1.5, m - 0.5})
    out = {}
    for f in standard.fields:
        if f.type == "bool":
            g = good.get(f.key, True)
            out[f.key] = st.sampled_from([g, g, g, not g, None])
        elif f.type != "text":
            out[f.key] = st.one_of(st.sampled_from([None, 0.0, -3.0, 1.0, 2.0, *sorted(marks.get(f.key, ()))]),
                                   st.floats(-10, 5000, allow_nan=False))
    return out


VALUES = _values(STANDARD)
rows = st.lists(st.fixed_dictionaries(VALUES), min_size=1, max_size=15)


def reference_rule(rule, row: dict, standard) -> tuple[str, float]:
    """(status, points) of one rule for one community, one value at a time."""
    clip = lambda x, lo, hi: min(max(x, lo), hi)  # noqa: E731
    proportional = standard.scoring.partial_credit == "proportional"
    if rule.kind == "checklist":
        blank = [k for k in rule.items if row[k] is None]
        missing = [k for k in rule.items if row[k] is not None and not row[k] > 0]  # no, or a count of 0
        best = max(rule.points - len(missing) * rule.deduction, 0)
        points = max(best - len(blank) * rule.deduction, 0)
        if blank and best > 0:
            return UNKNOWN, points
        return (PASS if not missing else PARTIAL if points > 0 else FAIL), points
    v = row[rule.field]
    if v is None:
        return UNKNOWN, 0.0
    if rule.kind == "veto":
        return (FAIL if v else PASS), 0.0
    if rule.kind == "boolean":
        return (PASS, rule.points) if v == rule.expected else (FAIL, 0.0)
    if rule.kind == "bonus":
        return PASS, clip(v * rule.per, 0, rule.cap)
    if rule.kind == "scaled":
        points = clip(v / rule.scale, 0, 1) * rule.points
        return (PASS if v >= rule.min else PARTIAL if points > 0 else FAIL), points
    if v >= rule.min:  # threshold, rate
        return PASS, rule.points
    if rule.kind == "threshold":
        proportional = (rule.partial or standard.scoring.partial_credit) == "proportional"
        share = clip(v / rule.min, 0, 1) if proportional and rule.min > 0 else 0.0
    else:
        share = clip((v - rule.zero_at) / (rule.min - rule.zero_at), 0, 1) if proportional else 0.0
    points = share * rule.points
    return (PARTIAL if points > 0 else FAIL), points


def reference_summary(standard, found: dict[str, tuple[str, float]]) -> dict:
    """One community's score sheet from its (status, points) per rule."""
    scored = [r for r in standard.rules if r.scored]
    pts = lambda rules: reduce(add, (found[r.id][1] for r in rules), 0.0)  # noqa: E731 — one after another, in rule order
    out = {}
    for a in standard.aspects:
        out[f"aspect.{a.id}"] = pts([r for r in scored if r.aspect == a.id])
        for t in a.tasks:
            out[f"task.{a.id}.{t.id}"] = pts([r for r in scored if r.aspect == a.id and r.task == t.id])
    base = pts(scored)
    bonus = min(pts([r for r in standard.rules if r.kind == "bonus"]), standard.scoring.bonus_cap)
    vetoes = [found[r.id][0] for r in standard.rules if r.kind == "veto"]
    vetoed = FAIL in vetoes
    out.update(base=base, bonus=bonus, score_before_veto=base + bonus, score=0.0 if vetoed else base + bonus,
               vetoed=vetoed)
    for g in standard.gates:
        got = [found[r][0] for r in g.rules]
        out[f"gate.{g.id}"] = FAIL if FAIL in got or PARTIAL in got else UNKNOWN if UNKNOWN in got else PASS
    gates_met = all(out[f"gate.{g.id}"] == PASS for g in standard.gates)
    out["eligible"] = gates_met and not vetoed and UNKNOWN not in vetoes
    counted = [found[r.id][0] for r in standard.rules if r.kind != "bonus"]
    out["unknown_rules"] = counted.count(UNKNOWN)
    blank = [r for r in scored if found[r.id][0] == UNKNOWN]
    out["unknown_points"] = reduce(add, (r.points for r in blank), 0.0) - pts(blank)
    out["gaps"] = counted.count(FAIL) + counted.count(PARTIAL)
    weakest = min(out[f"aspect.{a.id}"] / a.points if a.points else 1.0 for a in standard.aspects)
    grade = next((g.id for g in standard.grades
                  if out["score"] >= g.min_score - 1e-9 and weakest >= g.min_aspect_share - 1e-9),
                 standard.grades[-1].id)
    out["grade"] = "veto" if vetoed else grade
    return out


def _check(standard, records: list[dict]):
    frame = make_frame(standard, {f"c{i:02d}": row for i, row in enumerate(records)})
    outcomes = evaluate(standard, frame)
    summary = summarize(standard, outcomes, frame.index)
    for i, row in enumerate(records):
        cid = f"c{i:02d}"
        found = {r.id: reference_rule(r, row, standard) for r in standard.rules}
        for rule in standard.rules:
            o = outcomes[rule.id]
            assert (o.status.at[cid], o.points.at[cid]) == found[rule.id], (rule.id, row)
        got = summary.loc[cid].to_dict()
        want = reference_summary(standard, found)
        assert {k: got[k] for k in want} == want, row
    for o in outcomes.values():  # the status columns compare and export as words
        assert o.status.dtype == STATUS and o.status.index is frame.index


@SETTINGS
@given(rows)
def test_engine_equals_reference(records):
    _check(STANDARD, records)


@SETTINGS
@given(rows)
def test_engine_equals_reference_without_partial_credit(records):
    _check(NONE_CREDIT, records)


@SETTINGS
@given(rows)
def test_engine_equals_reference_without_vetoes_bonus_or_gates(records):
    _check(SCORED_ONLY, records)
