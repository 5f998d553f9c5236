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

from bisect import bisect_left
from dataclasses import dataclass, field
from itertools import combinations

import numpy as np
import pandas as pd

from jingpin_cli.results.audit.eligibility import ineligibility
from jingpin_cli.results.screen.picking import (
    BELOW_CUT,
    INCLUDED,
    INELIGIBLE,
    PICKED,
    STREET_FULL,
    Screening,
    pick_mask,
    sort_keys,
)
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import FAIL, PARTIAL, UNKNOWN
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize

MAX_POOL = 10  # optional gaps considered per community, most points first
MAX_EXTRA = 4  # optional gaps closed together at most (with the required ones)
MAX_NEAR = 20  # near misses searched and reported at most (the rest are counted)
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
    lower: bool = False  # the number must come down to the target (an at-most limit), not up


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
    listed = ids[:limit]
    why = blockers_for(screening, [table.index.get_loc(cid) for cid in listed])
    for cid, blocked_by in zip(listed, why, strict=True):
        result.items.append(NearMiss(cid, int(table.at[cid, "rank"]), table.at[cid, "status"],
                                     blocked_by, closable=not table.at[cid, "vetoed"]))
    search(screening, [n for n in result.items if n.closable])
    return result


def near_miss_ids(screening: Screening) -> list[str]:
    """In rank order: those the street cap held back above the cut, the next N after the last pick,
    and every ineligible community scoring at least the cut. None where a quota comes to no place:
    no gap closed could get a community in (each one's reason says how to make places)."""
    if screening.top == 0:
        return []
    t = screening.table
    status, rank = t["status"].to_numpy(), t["rank"].to_numpy()
    cut_row = screening.cut  # the last pick that earned its place
    last = int(cut_row["rank"]) if cut_row is not None else 0
    cut = cut_row["score"] if cut_row is not None else -np.inf
    out_of_cut = (status == INELIGIBLE) | (status == STREET_FULL) | (status == BELOW_CUT)
    near = np.zeros(len(t), dtype=bool)
    near[np.flatnonzero(out_of_cut & (rank > last))[: screening.top]] = True  # the next N after the cut
    held_back = (status == STREET_FULL) & (rank < last)
    high = (status == INELIGIBLE) & (t["score_before_veto"].to_numpy() >= cut)
    return list(t.index[near | held_back | high])


def blockers_for(screening: Screening, rows=None) -> list[list[tuple[str, dict]]]:
    """What keeps each community out, most basic first: veto, gates, the street cap, the cut.
    `rows`: positions in rank order (default all); the columns are read once."""
    t = screening.table if rows is None else screening.table.iloc[rows]
    report = screening.report
    return held_back(screening, t, ineligibility(report.standard, report.outcomes, report.summary.reindex(t.index)))


def held_back(screening: Screening, t: pd.DataFrame, reasons: list[list]) -> list[list]:
    """`reasons` (the ineligibility of each row of `t`), each followed by what else keeps that row
    out: the street cap, the cut, or no places at all (only where nothing else does)."""
    cut = screening.cut
    if cut is not None:  # plain values: read once, compared per row
        cut_id, cut_rank, cut_score, cut_unknown, cut_weakest = (
            cut.name, int(cut["rank"]), float(cut["score"]), int(cut["unknown_rules"]), float(cut["weakest_share"]))
    columns = (t[k].tolist() for k in ("status", "street", "rank", "score", "unknown_rules", "weakest_share", "vetoed"))
    for i, (status, street, rank, score, unknown, weakest, vetoed) in enumerate(zip(*columns, strict=True)):
        row = reasons[i]
        if status == STREET_FULL:
            k = screening.cap_of(screening.table.index.get_loc(t.index[i]))
            row.append(("street_full", {"street": street, "k": k}))
        elif cut is not None and rank > cut_rank and not vetoed:
            if score < cut_score:
                row.append(("below_cut",
                            {"score": score, "cut": cut_score, "diff": round(cut_score - score, 2), "cut_id": cut_id}))
            else:
                key = "unknown" if unknown != cut_unknown else "weakest" if weakest != cut_weakest else "id"
                row.append(("tie_cut", {"score": score, "cut_id": cut_id, "key": key}))
        elif screening.top == 0 and not row:  # a quota so small it rounds to no place at all
            row.append(("no_places", {}))
    return reasons


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
        if status not in (FAIL, PARTIAL, UNKNOWN):
            continue
        required = rule.id in gate_rules
        for c in KINDS[rule.kind].closings(rule, o, cid, std):  # how the kind closes it
            gaps.append(Gap(rule.id, rule.kind, c.field, c.status, c.target, c.amount, c.effort, c.gain,
                            c.blocks or required, c.lower))
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
    keys = pd.DataFrame(sort_keys(report.standard,
                                  summarize(report.standard, evaluate(report.standard, batch), batch.index)))
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
    found = dict(zip(best["owner"], best.index, strict=True))
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
    status, codes = t["status"].to_numpy(), screening.streets
    picks = np.flatnonzero((status == PICKED) | (status == INCLUDED))  # at most --top of them
    movable = [p for p in picks if status[p] == PICKED]
    in_street = pd.Series(codes[picks]).value_counts().to_dict()
    last_in_street = {codes[p]: p for p in movable}  # rank order: the last one wins
    full_overall = len(picks) >= screening.top
    rows = []
    for cid in ids:  # a handful of near misses
        at = t.index.get_loc(cid)
        code, cap = codes[at], screening.cap_of(at)
        if cap is not None and code >= 0 and in_street.get(code, 0) >= cap:
            bar = last_in_street.get(code)
        elif full_overall:
            bar = movable[-1] if movable else None
        else:
            rows.append({"id": cid, "impossible": False, "score": np.nan, "unknown_rules": np.nan,
                         "weakest_share": np.nan, "bar_id": ""})
            continue
        last = t.iloc[bar] if bar is not None else None
        rows.append({"id": cid, "impossible": last is None,
                     **{k: (last[k] if last is not None else np.nan)
                        for k in ("score", "unknown_rules", "weakest_share")},
                     "bar_id": last.name if last is not None else ""})
    return pd.DataFrame(rows).set_index("id")


def beats_bar(screening: Screening, keys: pd.DataFrame) -> pd.Series:
    """Whether each re-scored row sorts ahead of its community's bar (score ↓, unknowns ↑, weakest ↓, id ↑)."""
    bar = bars(screening, list(dict.fromkeys(keys["owner"]))).loc[keys["owner"]].set_index(keys.index)
    free = bar["score"].isna() & ~bar["impossible"]
    ahead = sorts_ahead((keys["score"], keys["unknown_rules"], keys["weakest_share"], keys["owner"]),
                        (bar["score"], bar["unknown_rules"], bar["weakest_share"], bar["bar_id"]))
    return (free | ahead) & ~bar["impossible"]


def sorts_ahead(a, b):
    """Whether `a` ranks ahead of `b`, elementwise; each is (score, unknown rules, weakest share, id),
    compared as the ranking sorts them (score ↓, unknowns ↑, weakest ↓, id ↑)."""
    (s, u, w, i), (bs, bu, bw, bi) = a, b
    return (s > bs) | ((s == bs) & ((u < bu) | ((u == bu) & ((w > bw) | ((w == bw) & (i < bi))))))


def verify(screening: Screening, cid: str, new_keys: pd.Series) -> tuple[bool, int]:
    """Re-run the whole selection with the community's re-scored keys: is it picked, and at what rank?

    The table is in rank order, so the rows that sort ahead of the re-scored community are a prefix
    of the others (found by bisection); it is moved to the end of that prefix and the selection runs
    again on the arrays."""
    t = screening.table
    pos = t.index.get_loc(cid)
    score, unknown, weakest = (t[k].to_numpy() for k in ("score", "unknown_rules", "weakest_share"))
    ids = t.index
    mine = (new_keys["score"], new_keys["unknown_rules"], new_keys["weakest_share"], cid)

    def behind(k: int) -> bool:  # the k-th of the other rows does not sort ahead of the community
        j = k + (k >= pos)
        return not sorts_ahead((score[j], unknown[j], weakest[j], ids[j]), mine)

    new = bisect_left(range(len(t) - 1), True, key=behind)

    def moved(values: np.ndarray, value) -> np.ndarray:
        return np.insert(np.delete(values, pos), new, value)

    streets, caps = screening.streets, screening.caps()
    if isinstance(caps, np.ndarray):  # a per-street quota: each row's cap moves with it
        caps = moved(caps, caps[pos])
    picked, _ = pick_mask(moved(t["eligible"].to_numpy(bool), bool(new_keys["eligible"])),
                          moved(t.index.isin(screening.include), cid in screening.include),
                          moved(t.index.isin(screening.exclude), cid in screening.exclude),
                          moved(streets, streets[pos]), screening.top, caps)
    return bool(picked[new]), new + 1
