"""Before and after a creation round: compare two audits community by community.

Each side is a data folder (audited here) or a JSON report written earlier by
`jingpin audit --format json`; both come down to the same columns (SideTable: per community its
score, grade and eligibility, per rule its status and rate source), so a folder can be compared with
last year's JSON. Communities are matched by id (社区编码). The comparison runs on whole columns, rule
by rule; a finding's text is fetched only for a rule that changed or is still open (from the report's
FindingTable, built once per distinct finding). The result is one plain dict that every diff format
renders."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypedDict

import numpy as np
import pandas as pd

from jingpin_cli.arrays import plain
from jingpin_cli.errors import Problem
from jingpin_cli.results.audit.index import first_rows
from jingpin_cli.results.audit.record import CommunityRecord, findings, grade_label
from jingpin_cli.results.audit.report import Report, audit
from jingpin_cli.results.diff.report_json import read_report
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, UNKNOWN, WAIVED
from jingpin_cli.standard.models import Standard

GAPS = (FAIL, PARTIAL)
MET = (PASS, WAIVED)
SAME = 0.005  # score changes below this are rounding, not change


class GapChange(TypedDict):
    """One rule of one community, before and after."""

    rule: str
    title: str
    area: str | None
    old_status: str | None
    new_status: str
    old_message: str | None
    new_message: str | None
    old_points: float | None
    new_points: float | None
    old_source: str | None  # rates: survey | table
    new_source: str | None


class CommunityChange(TypedDict):
    """One community present on both sides (`communities` of the diff's JSON)."""

    id: str
    name: str | None
    street: str | None
    old_score: float
    new_score: float
    delta: float
    old_grade: str
    new_grade: str
    grade_move: str  # up | down | same | changed
    old_eligible: bool | None
    new_eligible: bool | None
    eligibility: str  # gained | lost | same (unknown on a side counts as not eligible)
    old_gaps: int
    new_gaps: int
    closed: list[GapChange]
    opened: list[GapChange]
    remaining: list[GapChange]
    narrowed: list[GapChange]
    now_unknown: list[GapChange]
    source_changed: list[GapChange]  # rates read from another source (survey answers ↔ a table's figure)


class Diff(TypedDict):
    """The result every diff format renders (and `--format json` writes)."""

    old: dict  # {source, standard: {id, version}}
    new: dict
    same_standard: bool
    district: dict
    rules: list[dict]
    communities: list[CommunityChange]
    added: list[dict]  # {id, name, street, score, grade, eligible} of communities only in NEW
    removed: list[dict]


@dataclass
class Side:
    """One audit: where it came from, which standard scored it, and its communities — as canonical
    records (a JSON report, as read) or, for a data folder audited now, as the report's columns."""

    source: str
    standard: dict  # {"id", "version"}
    communities: dict[str, CommunityRecord] | None  # id -> record in the report's order; None when `table` holds them
    warnings: list[Problem] = field(default_factory=list)
    table: SideTable | None = None


@dataclass
class SideTable:
    """A side as columns, row i being its i-th community: what diff compares, without building any
    community's record."""

    keys: list  # what communities are matched by
    ids: list[str]
    names: list
    streets: list
    scores: list
    grades: list
    grade_ids: list
    eligible: list
    rules: list[str]  # every rule a finding names, first seen first
    status: dict[str, np.ndarray]  # rule -> status per row (object; None: the community has no such finding)
    sources: dict[str, np.ndarray]  # rule -> where its rate came from per row, for rules that have one
    places: dict[str, np.ndarray] | None  # rule -> its place in each community's findings; None: `rules` order
    finding: Callable[[str, int], dict]  # (rule, row) -> that finding (shared: do not modify it)
    codes: Callable[[str], np.ndarray]  # rule -> per row a code, equal where the findings are the same

    def gaps(self) -> np.ndarray:
        """Per row: how many findings are gaps (fail or partial)."""
        count = np.zeros(len(self.keys), dtype=np.int64)
        for status in self.status.values():
            count += _among(status, GAPS)
        return count


def load_side(path: str | Path, standard: Standard, sheet: str | None = None, lang: str = "zh") -> Side:
    """A JSON report (a .json file) as written, or a data folder / data file audited now."""
    path = Path(path)
    if path.suffix.lower() == ".json" and not path.is_dir():  # a FIFO named .json is refused there too
        return side_from_json(path)
    report = audit(standard, path, sheet)
    return Side(str(path), {"id": standard.id, "version": standard.version}, None,
                list(report.records.warnings), table_of_report(report, lang))


def side_from_json(path: Path) -> Side:
    """Read a report of `jingpin audit --format json`, checked first (report_json.read_report): any
    other file gets a message naming the file and the JSON path of what is wrong."""
    std, communities = read_report(path)
    return Side(str(path), {"id": str(std.get("id") or ""), "version": str(std.get("version") or "")},
                {str(c["id"]): c for c in communities})


def table_of_report(report: Report, lang: str) -> SideTable:
    """A report's columns, converted as its canonical record converts each value (record.record_shape)."""
    cols, std = report.index.columns, report.standard
    n = len(cols.ids)

    def column(table: str, name: str) -> np.ndarray:
        values = cols.column(table, name)
        return np.full(n, None, dtype=object) if values is None else values

    scores = column("summary", "score")
    scores = np.round(scores, 2) if np.issubdtype(scores.dtype, np.floating) else [round(v, 2) for v in scores]
    labels: dict = {}
    grade_ids = list(column("summary", "grade"))
    rules = {r.id: r for r in std.rules}
    status = {r.id: cols.rule(r.id).status for r in std.rules}
    sources = {r.id: _rate_sources(cols, r.field) for r in std.rules if KINDS[r.kind].SURVEYED}
    table = findings(report, lang)
    return SideTable(
        keys=list(cols.ids), ids=[str(i) for i in cols.ids], names=list(column("frame", "name")),
        streets=[plain(v) for v in column("frame", "street")], scores=[plain(v) for v in scores],
        grades=[labels[g] if g in labels else labels.setdefault(g, grade_label(std, g, lang)) for g in grade_ids],
        grade_ids=grade_ids, eligible=[bool(v) for v in column("summary", "eligible")],
        rules=list(rules), status=status, sources=sources, places=None,
        finding=lambda rule, i: table.finding(rules[rule], i), codes=lambda rule: table.codes(rules[rule])[0])


def _rate_sources(cols, rate_field: str) -> np.ndarray:
    """Where each community's rate came from, as record.finding says it (survey_rates.rate_context)."""
    sources = cols.column("rate_sources", rate_field)
    if sources is not None:
        return sources
    return np.where(pd.notna(cols.column("frame", rate_field)), "table", None).astype(object)


def table_of_records(communities: dict[str, dict]) -> SideTable:
    """Canonical records (a JSON report as read) as columns: each finding in its community's place."""
    keys, records = list(communities), list(communities.values())
    n = len(records)
    by_rule: list[dict] = []
    status: dict[str, np.ndarray] = {}
    places: dict[str, np.ndarray] = {}
    sources: dict[str, np.ndarray] = {}
    for i, record in enumerate(records):
        found = {}
        for place, f in enumerate(record["findings"]):
            rule = f["rule"]
            if rule not in status:
                status[rule], places[rule] = np.full(n, None, dtype=object), np.full(n, -1, dtype=np.int64)
            if rule not in found:  # a rule given twice keeps its first place and its last finding, as a dict does
                places[rule][i] = place
            found[rule] = f
            status[rule][i] = f["status"]
            if f.get("source") is not None:
                sources.setdefault(rule, np.full(n, None, dtype=object))[i] = f["source"]
        by_rule.append(found)
    return SideTable(
        keys=keys, ids=[str(r["id"]) for r in records], names=[r.get("name") for r in records],
        streets=[r.get("street") for r in records], scores=[r["score"] for r in records],
        grades=[r["grade"] for r in records], grade_ids=[r.get("grade_id") for r in records],
        eligible=[r.get("eligible") for r in records], rules=list(status), status=status, sources=sources,
        places=places, finding=lambda rule, i: by_rule[i][rule], codes=lambda rule: np.arange(n))


def _table(side: Side) -> SideTable:
    return side.table if side.table is not None else table_of_records(side.communities)


def _among(values: np.ndarray, choices) -> np.ndarray:
    """values (object) equal to one of `choices`, elementwise; None equals none."""
    hit = np.zeros(len(values), dtype=bool)
    for choice in choices:
        hit |= np.asarray(values == choice, dtype=bool)
    return hit


def _given(values: np.ndarray) -> np.ndarray:
    """values (object) that are not None, elementwise (NaN counts as given, as `is not None` says)."""
    return np.asarray(np.not_equal(values, None), dtype=bool)


# ---- the comparison ----------------------------------------------------------------------------

KINDS_OF_CHANGE = ("closed", "opened", "remaining", "now_unknown", "source_changed")


def compare(old: Side, new: Side, standard: Standard | None = None) -> Diff:
    """Per community: score and grade change, eligibility gained or lost, gaps closed and opened (a rate
    measured another way is set apart, not counted as progress); then district totals."""
    order = _grade_order(standard)
    a, b = _table(old), _table(new)
    old_row = {key: i for i, key in enumerate(a.keys)}
    new_rows = np.array([i for i, key in enumerate(b.keys) if key in old_row], dtype=np.int64)
    old_rows = np.array([old_row[b.keys[i]] for i in new_rows], dtype=np.int64)
    gaps = _gap_changes(a, b, old_rows, new_rows)
    a_gaps, b_gaps = a.gaps(), b.gaps()
    changes = [_community(a, b, int(o), int(n), gaps[k], order, int(a_gaps[o]), int(b_gaps[n]))
               for k, (o, n) in enumerate(zip(old_rows, new_rows, strict=True))]
    changes.sort(key=lambda c: (-c["delta"], c["id"]))
    matched = set(new_rows.tolist())
    added = [_brief(b, i, b_gaps) for i in range(len(b.keys)) if i not in matched]
    matched = set(old_rows.tolist())
    removed = [_brief(a, i, a_gaps) for i in range(len(a.keys)) if i not in matched]
    return {
        "old": {"source": old.source, "standard": old.standard},
        "new": {"source": new.source, "standard": new.standard},
        "same_standard": old.standard == new.standard,
        "district": _district(a, b, a_gaps, b_gaps, changes, order, added, removed),
        "rules": _rules(changes),
        "communities": changes,
        "added": added,
        "removed": removed,
    }


def _gap_changes(a: SideTable, b: SideTable, old_rows: np.ndarray, new_rows: np.ndarray) -> list[dict]:
    """Per matched community (k-th of new_rows): {kind of change: [GapChange]} in the order of its
    findings on the new side. Each rule is classified on whole columns; a GapChange is built only
    where a rule changed or stays open, once per pair of distinct findings (before, after)."""
    found: list[tuple[np.ndarray, ...]] = []  # (k, place, kind, gap), per rule and kind
    made: list[GapChange] = []
    for r, rule in enumerate(b.rules):
        now = b.status[rule][new_rows]
        was = a.status[rule][old_rows] if rule in a.status else np.full(len(old_rows), None, dtype=object)
        other_source = np.zeros(len(now), dtype=bool)
        if rule in a.sources and rule in b.sources:  # a rate from survey answers on one side, a table on the other
            s_was, s_now = a.sources[rule][old_rows], b.sources[rule][new_rows]
            other_source = _given(s_was) & _given(s_now) & np.asarray(s_was != s_now, dtype=bool)
        had, was_gap, now_gap, same = _given(was), _among(was, GAPS), _among(now, GAPS), ~other_source
        kinds = (same & was_gap & _among(now, MET),  # closed
                 same & now_gap & (_among(was, MET) | ~had),  # opened
                 same & now_gap & was_gap,  # remaining (narrowed below when it now earns more)
                 same & _among(now, (UNKNOWN,)) & ~_among(was, (UNKNOWN,)),  # now_unknown
                 other_source & np.asarray(was != now, dtype=bool))  # source_changed: not progress
        if not any(mask.any() for mask in kinds):
            continue
        new_codes, old_codes = b.codes(rule)[new_rows], np.full(len(old_rows), -1, dtype=np.int64)
        if rule in a.status:
            old_codes[had] = a.codes(rule)[old_rows[had]]
        for kind, mask in enumerate(kinds):
            ks = np.flatnonzero(mask & _given(now))
            if not len(ks):
                continue
            pair, _ = pd.factorize(pd.MultiIndex.from_arrays([old_codes[ks], new_codes[ks]]))
            base = len(made)
            for first in ks[first_rows(pair)].tolist():
                before = a.finding(rule, int(old_rows[first])) if had[first] else None
                made.append(_gap(before, b.finding(rule, int(new_rows[first]))))
            place = b.places[rule][new_rows[ks]] if b.places is not None else np.full(len(ks), r)
            found.append((ks, place, np.full(len(ks), kind), pair + base))
    result = [{change: [] for change in KINDS_OF_CHANGE} for _ in range(len(new_rows))]
    if found:
        ks, places, kinds, gaps = (np.concatenate(parts) for parts in zip(*found, strict=True))
        at = np.lexsort((places, ks))
        for k, kind, gap in zip(ks[at].tolist(), kinds[at].tolist(), gaps[at].tolist(), strict=True):
            result[k][KINDS_OF_CHANGE[kind]].append(made[gap])
    return result


def _community(a: SideTable, b: SideTable, o: int, n: int, gaps: dict, order: dict[str, int], old_gaps: int,
               new_gaps: int) -> CommunityChange:
    delta = round(b.scores[n] - a.scores[o], 2)
    return {
        "id": b.ids[n],
        "name": b.names[n] or a.names[o],
        "street": b.streets[n] or a.streets[o],
        "old_score": a.scores[o],
        "new_score": b.scores[n],
        "delta": 0 if abs(delta) < SAME else delta,
        "old_grade": a.grades[o],
        "new_grade": b.grades[n],
        "grade_move": _grade_move((a.grades[o], a.grade_ids[o]), (b.grades[n], b.grade_ids[n]), order),
        "old_eligible": a.eligible[o],
        "new_eligible": b.eligible[n],
        "eligibility": _eligibility_move(a.eligible[o], b.eligible[n]),
        "old_gaps": old_gaps,
        "new_gaps": new_gaps,
        "closed": gaps["closed"],
        "opened": gaps["opened"],
        "remaining": gaps["remaining"],
        "narrowed": [g for g in gaps["remaining"] if (g["new_points"] or 0) > (g["old_points"] or 0)],
        "now_unknown": gaps["now_unknown"],
        "source_changed": gaps["source_changed"],
    }
def _eligibility_move(was: bool | None, now: bool | None) -> str:
    if bool(was) == bool(now):
        return "same"
    return "gained" if now else "lost"


def _gap(before: dict | None, after: dict) -> GapChange:
    return {
        "rule": after["rule"],
        "title": after.get("title") or (before or {}).get("title") or after["rule"],
        "area": after.get("area"),
        "old_status": (before or {}).get("status"),
        "new_status": after["status"],
        "old_message": (before or {}).get("message"),
        "new_message": after.get("message"),
        "old_points": (before or {}).get("points"),
        "new_points": after.get("points"),
        "old_source": (before or {}).get("source"),
        "new_source": after.get("source"),
    }


def _brief(side: SideTable, i: int, gaps: np.ndarray) -> dict:
    return {"id": side.ids[i], "name": side.names[i], "score": side.scores[i], "grade": side.grades[i],
            "eligible": bool(side.eligible[i]), "gaps": int(gaps[i])}


def _grade_order(standard: Standard | None) -> dict[str, int]:
    """Grade id and labels (zh, en) -> rank, best first; the veto band is the lowest. Labels let a
    report that carries only the contract's `grade` label be ordered too."""
    if standard is None:
        return {}
    bands = [(g.id, g) for g in standard.grades] + [("veto", standard.veto_grade)]
    order = {}
    for rank, (gid, label) in enumerate(bands):
        for key in (gid, label.zh, label.en):
            if key:
                order.setdefault(key, rank)
    return order


def _rank(grade: tuple, order: dict[str, int]) -> int | None:
    """grade: (label, grade id)."""
    rank = order.get(grade[1])
    return rank if rank is not None else order.get(grade[0])


def _grade_move(old: tuple, new: tuple, order: dict[str, int]) -> str:
    """up / down / same; `changed` when the grades differ but cannot be ordered (e.g. another standard).
    old, new: (label, grade id)."""
    if old == new:
        return "same"
    a, b = _rank(old, order), _rank(new, order)
    if a is None or b is None:
        return "changed"
    return "same" if a == b else ("up" if b < a else "down")


def _district(old: SideTable, new: SideTable, old_gaps: np.ndarray, new_gaps: np.ndarray, changes: list[dict],
              order: dict[str, int], added: list[dict], removed: list[dict]) -> dict:
    def mean(values) -> float | None:
        values = list(values)
        return round(sum(values) / len(values), 2) if values else None

    def side(s: SideTable, gaps: np.ndarray) -> dict:
        return {
            "communities": len(s.keys),
            "mean_score": mean(s.scores),
            "eligible": sum(bool(e) for e in s.eligible),
            "gaps": int(gaps.sum()),
            "grades": _grade_counts(s, order),
        }

    before, after = side(old, old_gaps), side(new, new_gaps)
    matched_old = mean(c["old_score"] for c in changes)
    matched_new = mean(c["new_score"] for c in changes)
    return {
        "old": before,
        "new": after,
        "matched": len(changes),
        "added": len(new.keys) - len(changes),
        "removed": len(old.keys) - len(changes),
        # over the communities present on both sides, so newcomers do not blur the progress
        "matched_mean_old": matched_old,
        "matched_mean_new": matched_new,
        "matched_mean_delta": round(matched_new - matched_old, 2) if changes else None,
        "improved": sum(c["delta"] > 0 for c in changes),
        "declined": sum(c["delta"] < 0 for c in changes),
        "unchanged": sum(c["delta"] == 0 for c in changes),
        "grade_up": sum(c["grade_move"] == "up" for c in changes),
        "grade_down": sum(c["grade_move"] == "down" for c in changes),
        "gaps_closed": sum(len(c["closed"]) for c in changes),
        "gaps_opened": sum(len(c["opened"]) for c in changes),
        # who is eligible now and was not, and the reverse (a new community counts as entering)
        "eligible_entered": [_who(c) for c in changes if c["eligibility"] == "gained"]
                            + [_who(c) for c in added if c["eligible"]],
        "eligible_left": [_who(c) for c in changes if c["eligibility"] == "lost"]
                         + [_who(c) for c in removed if c["eligible"]],
        "rate_sources": {"old": _sources(old), "new": _sources(new)},
        "source_changed": sum(bool(c["source_changed"]) for c in changes),
    }


def _who(c: dict) -> dict:
    return {"id": c["id"], "name": c.get("name")}


def _sources(side: SideTable) -> list[str]:
    """Where a side's rates came from: survey, table, or both (in that order)."""
    seen = {s for values in side.sources.values() for s in pd.unique(values)}
    return [s for s in ("survey", "table") if s in seen]


def _grade_counts(side: SideTable, order: dict[str, int]) -> list[dict]:
    """[{grade, count}] best band first where the standard orders them, else by first appearance."""
    counts = Counter()
    rank = {}
    for grade in zip(side.grades, side.grade_ids, strict=True):
        counts[grade[0]] += 1
        if grade[0] not in rank:
            known = _rank(grade, order)
            rank[grade[0]] = known if known is not None else len(order) + len(rank)
    return [{"grade": g, "count": counts[g]} for g in sorted(counts, key=lambda g: rank[g])]


def _rules(changes: list[dict]) -> list[dict]:
    """Per rule: how many communities closed it and how many opened it, the most closed first."""
    closed, opened, titles = Counter(), Counter(), {}
    for c in changes:
        for g in c["closed"]:
            closed[g["rule"]] += 1
            titles.setdefault(g["rule"], g["title"])
        for g in c["opened"]:
            opened[g["rule"]] += 1
            titles.setdefault(g["rule"], g["title"])
    rules = sorted(titles, key=lambda r: (-closed[r], -opened[r], r))
    return [{"rule": r, "title": titles[r], "closed": closed[r], "opened": opened[r]} for r in rules]
