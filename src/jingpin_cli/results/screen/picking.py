"""Screening (排查摸底与示范点选取): rank every community and pick the demonstration sites.

The ranking order is documented and stable, and equal scores are shown as ties:
  1. total score, highest first (compared at 2 decimals, as reports print it);
  2. fewer unknown rules first (a blank proves nothing, so a fully known record ranks ahead);
  3. higher weakest-aspect share first (a demonstration site should be sound in all five aspects);
  4. community id, ascending (so the same data always gives the same order).
Only eligible communities (gates met, no veto, no unknown gate data) can be picked. `--per-street K`
caps the picks of one street; `--include` forces an eligible community in, `--exclude` forces one out.
Everything works on whole columns; nothing loops over communities."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.records.query import resolve
from jingpin_cli.results.audit.report import Report
from jingpin_cli.scoring.summary import aspect_shares, select_words
from jingpin_cli.standard.models import Terms
from jingpin_cli.text.messages import Worded

# Status of a community in the screening, one per row.
PICKED, INCLUDED, EXCLUDED, INELIGIBLE, STREET_FULL, BELOW_CUT = (
    "picked", "included", "excluded", "ineligible", "street_full", "below_cut")
SCORE_DECIMALS = 2  # scores equal at this precision are a tie
TIE_KEYS = ("unknown", "weakest", "id")  # what separates tied scores, in order


ROUNDINGS = ("round", "floor", "ceil")
ROUNDING_WORDS = {"四舍五入": "round", "去尾": "floor", "进一": "ceil"}  # --rounding as the outputs word them


@dataclass(frozen=True)
class Quota:
    """How many to pick as a share of the eligible communities (“按通过验收社区数的10%择优推荐”):
    district-wide, or of each street's eligible communities (`per_street`)."""

    share: float  # 0 < share ≤ 1
    rounding: str = "round"  # round: 四舍五入 (half up, not to even); floor: 去尾; ceil: 进一
    per_street: bool = False
    of_grade: str | None = None  # the share is of those graded this band or better, not of the eligible

    def of(self, eligible: int) -> int:
        exact = self.share * eligible
        if self.rounding == "floor":
            return math.floor(exact + 1e-9)
        if self.rounding == "ceil":
            return math.ceil(exact - 1e-9)
        return math.floor(exact + 0.5 + 1e-9)


@dataclass
class Screening:
    report: Report
    table: pd.DataFrame  # one row per community in rank order; index id (see rank_table)
    selected: list[str]  # picked ids, in rank order
    top: int
    per_street: int | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    pilot: str | None = None  # one of `selected` when asked for
    quota: Quota | None = None  # `top` came from a share of the eligible communities
    eligible_count: int = 0  # how many were eligible (what the quota is a share of)

    def caps(self) -> int | np.ndarray | None:
        """The per-street cap, one number, or per row (rank order) under a per-street quota."""
        if "street_cap" in self.table.columns:
            return self.table["street_cap"].to_numpy()
        return self.per_street

    def cap_of(self, row: int) -> int | None:
        caps = self.caps()
        return int(caps[row]) if isinstance(caps, np.ndarray) else caps

    @property
    def cut(self) -> pd.Series | None:
        """The row of the last pick that earned its place (not forced in): the line to pass to get in."""
        earned = np.flatnonzero(self.table["status"].to_numpy() == PICKED)
        return self.table.iloc[earned[-1]] if len(earned) else None

    @cached_property
    def streets(self) -> np.ndarray:
        """street_codes of the table, in rank order (read by every near-miss check)."""
        return street_codes(self.table["street"])


def screen(report: Report, top: int = 5, per_street: int | None = None, include=(), exclude=(),
           pilot: bool = False, quota: Quota | None = None) -> Screening:
    """Rank all communities of `report` and pick `top` of them (or the `quota` share of the eligible
    ones, which replaces `top`). Raises InputError on bad options."""
    if top < 1 or (per_street is not None and per_street < 1):
        raise InputError([Problem("bad_option", Location("--top" if top < 1 else "--per-street"),
                                  {"detail": "--top / --per-street ≥ 1"})])
    include, exclude = _resolve(report, include, "--include"), _resolve(report, exclude, "--exclude")
    table = rank_table(report)
    eligible = int(table["eligible"].sum())
    if quota is not None:
        base = quota_base(report, table, quota)
        eligible = int(base.sum())
        top = apply_quota(table, quota, base)
    _check_options(table, include, exclude, top, per_street, report.standard.terms)
    picked, blocked = choose(table, top, per_street if quota is None or not quota.per_street else None, include,
                             exclude)
    table["picked"] = picked
    table["status"] = statuses(table, picked, blocked, include, exclude)
    selected = list(table.index[picked])
    result = Screening(report, table, selected, top, per_street, include, exclude, quota=quota,
                       eligible_count=eligible)
    if pilot and selected:
        result.pilot = choose_pilot(table.loc[selected])
    return result


def rank_table(report: Report) -> pd.DataFrame:
    """Every community with its sort keys, aspect extremes and tie marks, in rank order."""
    std, s, frame = report.standard, report.summary, report.records.frame
    shares = aspect_shares(std, s)
    out = pd.DataFrame({
        "name": frame["name"].astype(object),
        "street": frame["street"].astype(object).where(frame["street"].notna(), None),
        **sort_keys(std, s, shares),
        "score_before_veto": s["score_before_veto"].astype(float).round(SCORE_DECIMALS),
        "vetoed": s["vetoed"].astype(bool),
        "weakest_aspect": shares.idxmin(axis=1),
        "strongest_share": shares.max(axis=1).round(6),
        "strongest_aspect": shares.idxmax(axis=1),
    }, index=s.index)
    for gate in std.gates:
        out[f"gate.{gate.id}"] = s[f"gate.{gate.id}"]
    out = order(out)
    rank = np.arange(1, len(out) + 1)
    out["rank"] = rank
    # equal scores are adjacent now: each shares the rank of the first of its run (1, 2, 2, 4 …)
    out["shared_rank"] = np.maximum.accumulate(np.where(_differs(out["score"].to_numpy()), rank, 0))
    mark_ties(out)
    return out


def sort_keys(standard, summary: pd.DataFrame, shares: pd.DataFrame | None = None) -> dict[str, pd.Series]:
    """The columns the ranking sorts on, plus eligibility, from a scoring summary."""
    shares = aspect_shares(standard, summary) if shares is None else shares
    return {
        "score": summary["score"].astype(float).round(SCORE_DECIMALS),
        "eligible": summary["eligible"].astype(bool),
        "unknown_rules": summary["unknown_rules"].astype(int),
        "weakest_share": shares.min(axis=1).round(6),
    }


def order(table: pd.DataFrame) -> pd.DataFrame:
    """Sort by the documented keys (score ↓, unknowns ↑, weakest share ↓, id ↑)."""
    score, unknown, weakest = (table[k].to_numpy() for k in ("score", "unknown_rules", "weakest_share"))
    return table.iloc[np.lexsort((id_ranks(table.index), -weakest, unknown, -score))]


def id_ranks(ids: pd.Index) -> np.ndarray:
    """Each id's place in ascending text order. A stable sort of the Python strings compares them as
    Python does, and is quick on ids already in order, as they usually are."""
    by_text = np.argsort(ids.astype(str).to_numpy(dtype=object), kind="stable")
    ranks = np.empty(len(by_text), dtype=np.int64)
    ranks[by_text] = np.arange(len(by_text))
    return ranks


def mark_ties(table: pd.DataFrame) -> None:
    """`tie`: shares its score with a neighbour; `tie_break`: the key that put it after the one before."""
    score = table["score"].to_numpy()
    same_prev = ~_differs(score)
    same_next = np.append(same_prev[1:], False)
    table["tie"] = same_prev | same_next
    unknown_differs = _differs(table["unknown_rules"].to_numpy())
    weakest_differs = _differs(table["weakest_share"].to_numpy())
    broken_by = select_words([~same_prev, unknown_differs, weakest_differs], [None, TIE_KEYS[0], TIE_KEYS[1]],
                             TIE_KEYS[2])
    table["tie_break"] = pd.Series(broken_by, index=table.index, dtype=object)
    previous = np.empty(len(table), dtype=object)  # the id one row up; None for the first
    previous[1:] = table.index.to_numpy(dtype=object)[:-1]
    table["tied_with"] = pd.Series(np.where(same_prev, previous, None), index=table.index, dtype=object)


def _differs(values: np.ndarray) -> np.ndarray:
    """Whether each value differs from the one before it (the first always does)."""
    out = np.ones(len(values), dtype=bool)
    out[1:] = values[1:] != values[:-1]
    return out


def street_codes(streets: pd.Series) -> np.ndarray:
    """An integer per street; -1 for a blank street, which no per-street cap can be applied to."""
    codes, _ = pd.factorize(streets, use_na_sentinel=True)
    return codes


def quota_base(report: Report, table: pd.DataFrame, quota: Quota) -> np.ndarray:
    """Per row (rank order), whether the community counts in what the quota is a share of: the
    eligible ones, or those graded `quota.of_grade` or better (“按照通过验收社区数的10%”)."""
    if quota.of_grade is None:
        return table["eligible"].to_numpy(bool)
    passed = report.standard.grades_from(quota.of_grade)
    return report.summary["grade"].reindex(table.index).isin(passed).to_numpy(bool)


def apply_quota(table: pd.DataFrame, quota: Quota, base: np.ndarray) -> int:
    """How many to pick under `quota`, a share of the rows in `base`. Per street, each street's cap
    is its share (column `street_cap`, per row) and the total is their sum; communities without a
    street count as one more group for the total and compete for it without a street cap."""
    eligible = base
    if not quota.per_street:
        return quota.of(int(eligible.sum()))
    codes = street_codes(table["street"])
    counts = np.bincount(codes[eligible] + 1, minlength=int(codes.max(initial=-1)) + 2)  # [0]: no street
    caps = np.array([quota.of(int(n)) for n in counts])
    table["street_cap"] = caps[codes + 1]
    return int(caps.sum())


def choose(table: pd.DataFrame, top: int, per_street: int | None, include, exclude) -> tuple[np.ndarray, np.ndarray]:
    """Picks (bool per row, rank order) and the eligible rows the per-street cap held back."""
    ids = table.index
    caps = table["street_cap"].to_numpy() if "street_cap" in table.columns else per_street
    return pick_mask(
        table["eligible"].to_numpy(bool), ids.isin(include), ids.isin(exclude),
        street_codes(table["street"]), top, caps)


def pick_mask(eligible: np.ndarray, included: np.ndarray, excluded: np.ndarray, streets: np.ndarray,
              top: int, per_street: int | np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """The selection on arrays already in rank order: includes first, then the best candidates
    down the ranking, at most `per_street` per street (includes count against their street).
    `per_street` may be one cap or each row's street cap (a per-street quota)."""
    candidates = eligible & ~included & ~excluded
    allowed = candidates
    if per_street is not None:
        known = streets >= 0
        taken = np.bincount(streets[included & known], minlength=max(int(streets.max(initial=-1)) + 1, 1))
        before = running_count(candidates, streets)
        room = per_street - taken[np.where(known, streets, 0)]
        allowed = candidates & (~known | (before < room))
    slots = max(top - int(included.sum()), 0)
    picked = included | (allowed & (np.cumsum(allowed) <= slots))
    return picked, candidates & ~allowed


def running_count(mask: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """At each position, how many earlier positions with the same code are True (numpy only: the
    stability draws call this once per draw)."""
    by_code = np.argsort(codes, kind="stable")
    m = mask[by_code].astype(np.int64)
    before = np.cumsum(m) - m  # True positions before, in code order
    sorted_codes = codes[by_code]
    starts = np.r_[True, sorted_codes[1:] != sorted_codes[:-1]] if len(codes) else np.zeros(0, bool)
    at_group_start = np.maximum.accumulate(np.where(starts, before, 0)) if len(codes) else before
    out = np.empty_like(before)
    out[by_code] = before - at_group_start
    return out


def statuses(table: pd.DataFrame, picked, blocked, include, exclude) -> pd.Series:
    """One status per community: why it is in or out."""
    ids = table.index
    last = np.flatnonzero(picked & ~ids.isin(include))
    above_cut = np.arange(len(table)) < (last[-1] if len(last) else len(table))
    status = select_words(
        [ids.isin(include), picked, ids.isin(exclude), ~table["eligible"].to_numpy(bool), blocked & above_cut],
        [INCLUDED, PICKED, EXCLUDED, INELIGIBLE, STREET_FULL], BELOW_CUT)
    return pd.Series(status, index=ids, dtype=object)


def choose_pilot(picks: pd.DataFrame) -> str:
    """The pilot is the most balanced pick: the highest weakest-aspect share (a pilot shows the
    district every aspect), then the better rank."""
    return picks.sort_values(["weakest_share", "rank"], ascending=[False, True], kind="stable").index[0]


# ---- options -------------------------------------------------------------------------------------

def _resolve(report: Report, queries, option: str) -> list[str]:
    """Ids (or names) given on the command line -> ids; unknown ones are an error with a suggestion."""
    ids, problems = resolve(report.records, queries, option)
    if problems:
        raise InputError(problems)
    return ids


def _check_options(table: pd.DataFrame, include: list[str], exclude: list[str], top: int,
                   per_street: int | None, terms: Terms) -> None:
    problems, gates, group = [], Worded.label(terms.gates), Worded.label(terms.group)
    for cid in include:
        name = table.at[cid, "name"]
        if cid in exclude:
            problems.append(Problem("screen_include_excluded", Location("--include"), {"name": name, "id": cid}))
        elif not table.at[cid, "eligible"]:
            problems.append(Problem("screen_include_ineligible", Location("--include"),
                                    {"name": name, "id": cid, "gates": gates}))
    if len(include) > top:
        problems.append(Problem("screen_include_too_many", Location("--include"), {"n": len(include), "top": top}))
    if per_street is not None and include:
        counts = table.loc[include, "street"].dropna().value_counts()
        for street, n in counts[counts > per_street].items():
            problems.append(Problem("screen_include_street", Location("--include"),
                                    {"street": street, "n": int(n), "k": per_street, "group": group}))
    if problems:
        raise InputError(problems)
