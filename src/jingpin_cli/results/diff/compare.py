"""Before and after a creation round: compare two audits community by community.

Each side is a data folder (audited here) or a JSON report written earlier by
`jingpin audit --format json`; both come down to the same canonical community records
(results.audit.record.community_record), so a folder can be compared with last year's JSON. Communities are
matched by id (社区编码). The result is one plain dict that every diff format renders."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

from jingpin_cli.errors import Problem
from jingpin_cli.results.audit.record import CommunityRecord, iter_records
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.diff.report_json import read_report
from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, WAIVED
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
    """One audit, as canonical records: where it came from, which standard scored it, its communities."""

    source: str
    standard: dict  # {"id", "version"}
    communities: dict[str, CommunityRecord]  # id -> canonical record, in the report's order (a JSON report's as read)
    warnings: list[Problem] = field(default_factory=list)


def load_side(path: str | Path, standard: Standard, sheet: str | None = None, lang: str = "zh") -> Side:
    """A JSON report (a .json file) as written, or a data folder / data file audited now."""
    path = Path(path)
    if path.suffix.lower() == ".json" and not path.is_dir():  # a FIFO named .json is refused there too
        return side_from_json(path)
    report = audit(standard, path, sheet)
    records = {r["id"]: r for r in iter_records(report, lang)}
    return Side(str(path), {"id": standard.id, "version": standard.version}, records, list(report.records.warnings))


def side_from_json(path: Path) -> Side:
    """Read a report of `jingpin audit --format json`, checked first (report_json.read_report): any
    other file gets a message naming the file and the JSON path of what is wrong."""
    std, communities = read_report(path)
    return Side(str(path), {"id": str(std.get("id") or ""), "version": str(std.get("version") or "")},
                {str(c["id"]): c for c in communities})


# ---- the comparison ----------------------------------------------------------------------------

def compare(old: Side, new: Side, standard: Standard | None = None) -> Diff:
    """Per community: score and grade change, eligibility gained or lost, gaps closed and opened (a rate
    measured another way is set apart, not counted as progress); then district totals."""
    order = _grade_order(standard)
    both = [cid for cid in new.communities if cid in old.communities]
    changes = [_community(old.communities[cid], new.communities[cid], order) for cid in both]
    changes.sort(key=lambda c: (-c["delta"], c["id"]))
    added = [_brief(new.communities[cid]) for cid in new.communities if cid not in old.communities]
    removed = [_brief(old.communities[cid]) for cid in old.communities if cid not in new.communities]
    return {
        "old": {"source": old.source, "standard": old.standard},
        "new": {"source": new.source, "standard": new.standard},
        "same_standard": old.standard == new.standard,
        "district": _district(old, new, changes, order, added, removed),
        "rules": _rules(changes),
        "communities": changes,
        "added": added,
        "removed": removed,
    }


def _community(old: CommunityRecord, new: CommunityRecord, order: dict[str, int]) -> CommunityChange:
    old_f = {f["rule"]: f for f in old["findings"]}
    new_f = {f["rule"]: f for f in new["findings"]}
    closed, opened, remaining, now_unknown, source_changed = [], [], [], [], []
    for rule, after in new_f.items():
        before = old_f.get(rule)
        was, now = (before or {}).get("status"), after["status"]
        if _source_differs(before, after):  # not progress: the rate was measured another way
            if was != now:
                source_changed.append(_gap(before, after))
        elif was in GAPS and now in MET:
            closed.append(_gap(before, after))
        elif now in GAPS and (was in MET or was is None):
            opened.append(_gap(before, after))
        elif now in GAPS and was in GAPS:
            remaining.append(_gap(before, after))  # still open; `narrowed` below when it now earns more
        elif now == "unknown" and was != "unknown":
            now_unknown.append(_gap(before, after))
    delta = round(new["score"] - old["score"], 2)
    return {
        "id": str(new["id"]),
        "name": new.get("name") or old.get("name"),
        "street": new.get("street") or old.get("street"),
        "old_score": old["score"],
        "new_score": new["score"],
        "delta": 0 if abs(delta) < SAME else delta,
        "old_grade": old["grade"],
        "new_grade": new["grade"],
        "grade_move": _grade_move(old, new, order),
        "old_eligible": old.get("eligible"),
        "new_eligible": new.get("eligible"),
        "eligibility": _eligibility_move(old.get("eligible"), new.get("eligible")),
        "old_gaps": sum(f["status"] in GAPS for f in old["findings"]),
        "new_gaps": sum(f["status"] in GAPS for f in new["findings"]),
        "closed": closed,
        "opened": opened,
        "remaining": remaining,
        "narrowed": [g for g in remaining if (g["new_points"] or 0) > (g["old_points"] or 0)],
        "now_unknown": now_unknown,
        "source_changed": source_changed,
    }


def _eligibility_move(was: bool | None, now: bool | None) -> str:
    if bool(was) == bool(now):
        return "same"
    return "gained" if now else "lost"


def _source_differs(before: dict | None, after: dict) -> bool:
    """A rate computed from survey answers on one side and typed in a table on the other."""
    was, now = (before or {}).get("source"), after.get("source")
    return was is not None and now is not None and was != now


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


def _brief(record: dict) -> dict:
    return {"id": str(record["id"]), "name": record.get("name"), "score": record["score"], "grade": record["grade"],
            "eligible": bool(record.get("eligible")), "gaps": sum(f["status"] in GAPS for f in record["findings"])}


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


def _rank(record: dict, order: dict[str, int]) -> int | None:
    rank = order.get(record.get("grade_id"))
    return rank if rank is not None else order.get(record["grade"])


def _grade_move(old: dict, new: dict, order: dict[str, int]) -> str:
    """up / down / same; `changed` when the grades differ but cannot be ordered (e.g. another standard)."""
    if old["grade"] == new["grade"] and old.get("grade_id") == new.get("grade_id"):
        return "same"
    a, b = _rank(old, order), _rank(new, order)
    if a is None or b is None:
        return "changed"
    return "same" if a == b else ("up" if b < a else "down")


def _district(old: Side, new: Side, changes: list[dict], order: dict[str, int], added: list[dict],
              removed: list[dict]) -> dict:
    def mean(values) -> float | None:
        values = list(values)
        return round(sum(values) / len(values), 2) if values else None

    def side(s: Side) -> dict:
        records = s.communities.values()
        return {
            "communities": len(s.communities),
            "mean_score": mean(r["score"] for r in records),
            "eligible": sum(bool(r.get("eligible")) for r in records),
            "gaps": sum(f["status"] in GAPS for r in records for f in r["findings"]),
            "grades": _grade_counts(records, order),
        }

    before, after = side(old), side(new)
    matched_old = mean(c["old_score"] for c in changes)
    matched_new = mean(c["new_score"] for c in changes)
    return {
        "old": before,
        "new": after,
        "matched": len(changes),
        "added": len(new.communities) - len(changes),
        "removed": len(old.communities) - len(changes),
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


def _sources(side: Side) -> list[str]:
    """Where a side's rates came from: survey, table, or both (in that order)."""
    seen = {f.get("source") for r in side.communities.values() for f in r["findings"]}
    return [s for s in ("survey", "table") if s in seen]


def _grade_counts(records, order: dict[str, int]) -> list[dict]:
    """[{grade, count}] best band first where the standard orders them, else by first appearance."""
    counts = Counter()
    rank = {}
    for r in records:
        counts[r["grade"]] += 1
        known = _rank(r, order)
        rank.setdefault(r["grade"], known if known is not None else len(order) + len(rank))
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
