"""Near misses: who just missed the cut, what keeps each one out, and the smallest set of gaps to
close to get in (“补齐警务室 + 服务用房总面积增加 40 ㎡ → 进入前 5”).

Near misses are the next N communities after the picks (N = --top) and every community that is not
eligible but scores at least as much as the last pick. For each, candidate gap sets are built from
its own gap findings: the gaps that block eligibility (a gate rule, a blank veto item) are always
in the set; up to MAX_EXTRA more are chosen from the MAX_POOL gaps worth the most points (past
that bound, the optional gaps are added greedily, most points first, up to all of them). Every
candidate set is applied to a copy of the community's row and RE-SCORED BY THE ENGINE (all
candidates of all near misses in one batch, so this stays a handful of column operations). The
smallest set that gets in wins (fewest gaps, then least effort, then the higher score), and the
winner is checked once more by re-running the whole selection with the re-scored community."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from jingpin_cli.engine import evaluate
from jingpin_cli.rules.base import FAIL, PARTIAL, UNKNOWN
from jingpin_cli.scoring import summarize
from jingpin_cli.screening import (BELOW_CUT, INCLUDED, INELIGIBLE, PICKED, STREET_FULL, Screening, choose,
                                   order, sort_keys)

MAX_POOL = 10  # optional gaps considered per community, most points first
MAX_EXTRA = 4  # optional gaps closed together at most (with the required ones)
MAX_NEAR = 50  # near misses reported at most (the rest are counted)
KEY_COLUMNS = ["score", "eligible", "unknown_rules", "weakest_share"]


@dataclass(frozen=True)
class Gap:
    """One gap that can be closed: a rule short of its requirement, or one missing checklist item."""

    rule: str
    kind: str
    field: str
    status: str  # fail | partial | unknown
    target: object  # the value the field takes when the gap is closed
    amount: float | None  # shortfall in the field's unit (numeric rules); None for a blank or a yes/no
    effort: float  # 1 for an item, a yes/no or a blank; shortfall / requirement for a number
    gain: float  # points at stake (orders the search; the engine decides)
    required: bool  # must be closed to become eligible (gate rule or blank veto item)


@dataclass
class NearMiss:
    id: str
    rank: int
    status: str  # the screening status (ineligible, street_full, below_cut)
    blockers: list[tuple[str, dict]]  # what keeps it out: (code, params)
    gaps: list[Gap] | None = None  # the smallest set found; None when none within the bound
    closable: bool = True  # False when a veto applies: no gap can be closed to undo it
    score_after: float | None = None
    rank_after: int | None = None
    verified: bool = False  # the whole selection re-run with the re-scored community picks it
    tried: int = 0  # candidate sets re-scored
    all_gaps: int = 0  # how many closable gaps it has
    score_all: float | None = None  # its score with every gap closed
    beyond_bound: bool = False  # no set within the bound gets in; `gaps` is the greedy set that does


@dataclass
class NearMisses:
    items: list[NearMiss] = field(default_factory=list)
    more: int = 0  # high scorers not listed (beyond MAX_NEAR)


def near_misses(screening: Screening, limit: int = MAX_NEAR) -> NearMisses:
    ids = near_miss_ids(screening)
    result = NearMisses(more=max(len(ids) - limit, 0))
    table = screening.table
    for cid in ids[:limit]:
        result.items.append(NearMiss(cid, int(table.at[cid, "rank"]), table.at[cid, "status"],
                                     blockers(screening, cid), closable=not table.at[cid, "vetoed"]))
    search(screening, [n for n in result.items if n.closable])
    return result


def near_miss_ids(screening: Screening) -> list[str]:
    """In rank order: those the street cap held back above the cut, the next N after the last pick,
    and every ineligible community scoring at least the cut."""
    t = screening.table
    out_of_cut = t["status"].isin([INELIGIBLE, STREET_FULL, BELOW_CUT])
    last = _last_rank(screening)
    following = t.index[out_of_cut & (t["rank"] > last)][: screening.top]
    held_back = (t["status"] == STREET_FULL) & (t["rank"] < last)
    cut = screening.cut["score"] if screening.selected else -np.inf
    high = (t["status"] == INELIGIBLE) & (t["score_before_veto"] >= cut)
    return list(t.index[t.index.isin(following) | held_back | high])


def _last_rank(screening: Screening) -> int:
    t = screening.table
    picks = t[t["status"] == PICKED]
    return int(picks["rank"].iloc[-1]) if len(picks) else 0


def blockers(screening: Screening, cid: str) -> list[tuple[str, dict]]:
    """What keeps a community out, most basic first: veto, gates, the street cap, the cut."""
    report, row = screening.report, screening.table.loc[cid]
    out = []
    for rule in report.standard.rules:
        if rule.kind == "veto":
            status = report.outcomes[rule.id].status.at[cid]
            if status in (FAIL, UNKNOWN):
                out.append(("veto" if status == FAIL else "veto_unknown", {"rule": rule.id, "field": rule.field}))
    for status in (FAIL, UNKNOWN):
        gates = [g.id for g in report.standard.gates if row[f"gate.{g.id}"] == status]
        if gates:
            out.append(("gate_" + status, {"gates": gates}))
    if row["status"] == STREET_FULL:
        out.append(("street_full", {"street": row["street"], "k": screening.per_street}))
    cut = screening.cut
    if cut is not None and row["rank"] > cut["rank"] and row["status"] != STREET_FULL and not row["vetoed"]:
        if row["score"] < cut["score"]:
            out.append(("below_cut", {"score": float(row["score"]), "cut": float(cut["score"]),
                                      "diff": round(float(cut["score"] - row["score"]), 2), "cut_id": cut.name}))
        else:
            out.append(("tie_cut", {"score": float(row["score"]), "cut_id": cut.name, "key": _tie_key(row, cut)}))
    return out


def _tie_key(row: pd.Series, cut: pd.Series) -> str:
    if row["unknown_rules"] != cut["unknown_rules"]:
        return "unknown"
    return "weakest" if row["weakest_share"] != cut["weakest_share"] else "id"


# ---- the gaps of one community -------------------------------------------------------------------

def gaps_of(screening: Screening, cid: str) -> list[Gap]:
    """Every closable gap of a community, from its findings (a loop over rules, for one community)."""
    report = screening.report
    std = report.standard
    gate_rules = {rid for g in std.gates for rid in g.rules}
    gaps: list[Gap] = []
    for rule in std.rules:
        o = report.outcomes[rule.id]
        status = o.status.at[cid]
        if rule.kind == "bonus" or status not in (FAIL, PARTIAL, UNKNOWN):
            continue
        required = rule.id in gate_rules
        if rule.kind == "veto":
            if status == UNKNOWN:  # a blank veto item blocks eligibility; filling it in with “no” clears it
                gaps.append(Gap(rule.id, rule.kind, rule.field, status, False, None, 1.0, 0.0, True))
        elif rule.kind == "checklist":
            for key in rule.items:
                absent, blank = bool(o.absent.at[cid, key]), bool(o.unknown_items.at[cid, key])
                if absent or blank:
                    target = True if std.field(key).type == "bool" else 1.0
                    gaps.append(Gap(rule.id, rule.kind, key, UNKNOWN if blank else FAIL, target, None, 1.0,
                                    rule.deduction, required))
        else:
            earned = float(o.points.at[cid])
            if rule.kind == "boolean":
                gaps.append(Gap(rule.id, rule.kind, rule.field, status, rule.expected, None, 1.0,
                                rule.points - earned, required))
            else:  # threshold, rate, scaled: raise the value to the requirement
                short = o.shortfall.at[cid] if o.shortfall is not None else np.nan
                known = status != UNKNOWN and pd.notna(short)
                effort = float(short) / rule.min if known and rule.min else 1.0
                gaps.append(Gap(rule.id, rule.kind, rule.field, status, float(rule.min),
                                round(float(short), 4) if known else None, effort, rule.points - earned, required))
    return gaps


# ---- the search ----------------------------------------------------------------------------------

def candidate_sets(gaps: list[Gap]) -> tuple[list[tuple[Gap, ...]], list[tuple[Gap, ...]]]:
    """(exhaustive, greedy): the required gaps plus every combination of 0..MAX_EXTRA of the MAX_POOL
    optional gaps worth most; then, past that bound, the required gaps plus the k optional gaps worth
    most for every larger k (the last of which closes every gap)."""
    required = tuple(g for g in gaps if g.required)
    optional = sorted((g for g in gaps if not g.required), key=lambda g: (-g.gain, g.effort))
    pool = optional[:MAX_POOL]
    exhaustive = [required + extra for k in range(min(MAX_EXTRA, len(pool)) + 1) for extra in combinations(pool, k)]
    greedy = [required + tuple(optional[:k]) for k in range(MAX_EXTRA + 1, len(optional) + 1)]
    if not greedy or len(greedy[-1]) != len(gaps):
        greedy.append(required + tuple(optional))  # every gap closed: the best the community can do
    return exhaustive, greedy


def search(screening: Screening, items: list[NearMiss]) -> None:
    """Re-score every candidate set of every near miss in one engine run; keep each one's best set."""
    if not items:
        return
    report = screening.report
    owners, sets, greedy = [], [], []
    for item in items:
        gaps = gaps_of(screening, item.id)
        item.all_gaps = len(gaps)
        exhaustive, beyond = candidate_sets(gaps)
        owners += [item.id] * (len(exhaustive) + len(beyond))
        sets += exhaustive + beyond
        greedy += [False] * len(exhaustive) + [True] * len(beyond)
    batch = closed_copies(report.records.frame, owners, sets)
    keys = pd.DataFrame(sort_keys(report.standard, summarize(report.standard, evaluate(report.standard, batch), batch.index)))
    keys["owner"] = owners
    keys["size"] = [len(s) for s in sets]
    keys["effort"] = [sum(g.effort for g in s) for s in sets]
    keys["gets_in"] = keys["eligible"] & beats_bar(screening, keys)
    keys["greedy"] = greedy
    tried = keys.groupby("owner").size()
    # cheapest first: a proven-smallest set before a greedy one; fewest gaps, least effort, higher score
    best = (keys[keys["gets_in"]].sort_values(["greedy", "size", "effort", "score"],
                                              ascending=[True, True, True, False], kind="stable")
            .groupby("owner", sort=False).head(1))
    found = dict(zip(best["owner"], best.index))
    score_all = keys.groupby("owner")["score"].last()  # each community's last set closes every gap
    for item in items:
        item.tried = int(tried.get(item.id, 0))
        item.score_all = float(score_all[item.id])
        pos = found.get(item.id)
        if pos is not None:
            item.gaps = list(sets[pos])
            item.beyond_bound = bool(keys.at[pos, "greedy"])
            item.score_after = float(keys.at[pos, "score"])
            item.verified, item.rank_after = verify(screening, item.id, keys.loc[pos, KEY_COLUMNS])


def closed_copies(frame: pd.DataFrame, owners: list[str], sets: list[tuple[Gap, ...]]) -> pd.DataFrame:
    """One row per candidate set: a copy of its community's row with those gaps closed."""
    batch = frame.loc[owners].reset_index(drop=True)
    changes: dict[str, tuple[list[int], list]] = {}
    for pos, gap_set in enumerate(sets):
        for gap in gap_set:
            rows, values = changes.setdefault(gap.field, ([], []))
            rows.append(pos)
            values.append(gap.target)
    for key, (rows, values) in changes.items():  # one assignment per field touched
        column = batch[key].array.copy()
        column[np.asarray(rows)] = values
        batch[key] = column
    return batch


def bars(screening: Screening, ids: list[str]) -> pd.DataFrame:
    """Per community, the pick it would have to beat to get in (NaN score: a free slot; impossible: no way in).

    With a per-street cap and its street full, that is the street's last pick; otherwise the last pick
    overall. Picks forced in by --include cannot be displaced."""
    t = screening.table
    status = t["status"]
    movable = t[status == PICKED]
    full_overall = len(screening.selected) >= screening.top
    rows = []
    for cid in ids:  # a handful of near misses
        street = t.at[cid, "street"]
        pool, impossible = movable, False
        if screening.per_street is not None and street is not None:
            in_street = (t["street"] == street) & status.isin([PICKED, INCLUDED])
            if in_street.sum() >= screening.per_street:
                pool = movable[movable["street"] == street]
                impossible = pool.empty
            elif not full_overall:
                pool = movable.iloc[0:0]
        elif not full_overall:
            pool = movable.iloc[0:0]
        if pool.empty and full_overall and not impossible:
            impossible = True  # every slot is held by --include
        last = pool.iloc[-1] if len(pool) else None
        rows.append({"id": cid, "impossible": impossible,
                     **{k: (last[k] if last is not None else np.nan) for k in ("score", "unknown_rules", "weakest_share")},
                     "bar_id": last.name if last is not None else ""})
    return pd.DataFrame(rows).set_index("id")


def beats_bar(screening: Screening, keys: pd.DataFrame) -> pd.Series:
    """Whether each re-scored row sorts ahead of its community's bar (score ↓, unknowns ↑, weakest ↓, id ↑)."""
    bar = bars(screening, list(dict.fromkeys(keys["owner"]))).loc[keys["owner"]].set_index(keys.index)
    free = bar["score"].isna() & ~bar["impossible"]
    s, bs = keys["score"], bar["score"]
    u, bu = keys["unknown_rules"], bar["unknown_rules"]
    w, bw = keys["weakest_share"], bar["weakest_share"]
    ahead = (s > bs) | ((s == bs) & ((u < bu) | ((u == bu) & ((w > bw) | ((w == bw) & (keys["owner"] < bar["bar_id"]))))))
    return (free | ahead) & ~bar["impossible"]


def verify(screening: Screening, cid: str, new_keys: pd.Series) -> tuple[bool, int]:
    """Re-run the whole selection with the community's re-scored keys: is it picked, and at what rank?"""
    table = screening.table.copy()
    for key in KEY_COLUMNS:
        table.at[cid, key] = new_keys[key]
    table = order(table)
    picked, _ = choose(table, screening.top, screening.per_street, screening.include, screening.exclude)
    pos = table.index.get_loc(cid)
    return bool(picked[pos]), int(pos) + 1
