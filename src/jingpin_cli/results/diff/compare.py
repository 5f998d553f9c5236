"""Before and after a creation round: compare two audits community by community.

Each side is a data folder (audited here) or a JSON report written earlier by
`jingpin audit --format json`; both come down to the same columns (SideTable: per community its
score, grade and eligibility, per rule its status and rate source), so a folder can be compared with
last year's JSON. Communities are matched by id (社区编码). The comparison runs on whole columns, rule
by rule; a finding's text is fetched only for a rule that changed or is still open (from the report's
FindingTable, built once per distinct finding). The result is one plain dict that every diff format
renders."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Callable, TypedDict

import numpy as np
import pandas as pd

from jingpin_cli.arrays import plain
from jingpin_cli.errors import Problem
from jingpin_cli.records.parallel import MIN_FILES, cores
from jingpin_cli.records.progress import watched
from jingpin_cli.results.audit.record import CommunityRecord, FindingTable, findings, grade_label
from jingpin_cli.results.audit.record import finding as finding_of
from jingpin_cli.results.audit.report import Report, audit
from jingpin_cli.results.diff.report_json import read_report
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import FAIL, PARTIAL, PASS, UNKNOWN, WAIVED
from jingpin_cli.standard.models import Standard

GAPS = (FAIL, PARTIAL)
MET = (PASS, WAIVED)
SAME = 0.005  # score changes below this are rounding, not change
SCREENFUL = 5000  # gaps worded on their own before a diff words them through each side's shared findings


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
    one_finding: Callable[[str, int], dict]  # the same, worded on its own (a screenful needs no variant codes)
    variant: Callable[[str, int], int]  # (rule, row) -> the code of its finding if shared with other rows, else -1
    coded: dict[str, tuple[np.ndarray, list]] = field(default_factory=dict)  # rule -> its statuses factorized
    codes: Callable[[str], tuple[np.ndarray, np.ndarray]] | None = None  # rule -> (code of its finding per row,
    # a row of each code): rows of one code have equal findings (FindingTable); None for a JSON report's records

    def statuses(self, rule: str) -> tuple[np.ndarray, list]:
        """(code per row, the distinct statuses): a rule's few statuses compared as small integers.
        None (no such finding) is code -1."""
        got = self.coded.get(rule)
        if got is None:
            codes, uniques = pd.factorize(self.status[rule])
            got = self.coded[rule] = (codes, list(uniques))
        return got

    def gaps(self) -> np.ndarray:
        """Per row: how many findings are gaps (fail or partial)."""
        count = np.zeros(len(self.keys), dtype=np.int64)
        for rule in self.status:
            count += _among(*self.statuses(rule), GAPS)
        return count


def load_side(path: str | Path, standard: Standard, sheet: str | None = None, lang: str = "zh") -> Side:
    """A JSON report (a .json file) as written, or a data folder / data file audited now."""
    path = Path(path)
    if path.suffix.lower() == ".json" and not path.is_dir():  # a FIFO named .json is refused there too
        return side_from_json(path)
    report = audit(standard, path, sheet)
    return Side(str(path), {"id": standard.id, "version": standard.version}, None,
                list(report.records.warnings), table_of_report(report, lang))


def load_sides(old: str | Path, new: str | Path, standard: Standard, sheet: str | None = None,
               lang: str = "zh") -> tuple[Side, Side]:
    """load_side of each. Two tables are audited at once, the new one in a second thread: reading and
    scoring spend much of their time in pandas and numpy, which let the other thread run (two folders
    of 100 000 communities on two cores: 4.1 s → 3.0 s). Not where a side is a JSON report (quick to
    read) or a folder of many files (read on every core already, by worker processes that are not to
    be started from a second thread). Only this thread draws a progress bar. A problem in the old
    side is the one reported, as when the sides are read one after the other."""
    if cores() < 2 or any(_many_files_or_json(Path(p)) for p in (old, new)):
        return load_side(old, standard, sheet, lang), load_side(new, standard, sheet, lang)
    pool = ThreadPoolExecutor(1, thread_name_prefix="jingpin-diff")
    try:
        later = pool.submit(_unshown, load_side, new, standard, sheet, lang)
        return load_side(old, standard, sheet, lang), later.result()
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # an error in the old side does not wait for the new


def _many_files_or_json(path: Path) -> bool:
    if path.suffix.lower() == ".json" and not path.is_dir():
        return True
    try:
        with os.scandir(path) as entries:
            return sum(1 for _ in islice(entries, MIN_FILES)) >= MIN_FILES
    except OSError:  # not a folder, or not readable: load_side says so
        return False


def _unshown(load: Callable, *args):
    with watched(lambda done, total, what: None):  # the other thread's bar is the one drawn
        return load(*args)


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
    scores = _plain_rounded(np.round(scores, 2)) if scores.dtype == np.float64 else [plain(round(v, 2)) for v in scores]
    labels: dict = {}
    grade_ids = list(column("summary", "grade"))
    rules = {r.id: r for r in std.rules}
    status = {r.id: cols.rule(r.id).status for r in std.rules}
    sources = {r.id: _rate_sources(cols, r.field) for r in std.rules if KINDS[r.kind].SURVEYED}
    table = findings(report, lang)
    return SideTable(
        keys=list(cols.ids), ids=[str(i) for i in cols.ids], names=list(column("frame", "name")),
        streets=_plain_texts(column("frame", "street")), scores=scores,
        grades=[labels[g] if g in labels else labels.setdefault(g, grade_label(std, g, lang)) for g in grade_ids],
        grade_ids=grade_ids, eligible=[bool(v) for v in column("summary", "eligible")],
        rules=list(rules), status=status, sources=sources, places=None,
        finding=(shared := SharedFindings(report, table, lang)), variant=shared.variant,
        one_finding=lambda rule, i: finding_of(report, rules[rule], cols.ids[i], lang),
        codes=lambda rule: table.codes(rules[rule]))


class SharedFindings:
    """(rule id, row) -> its finding: from the report's FindingTable (built once, kept) where other
    communities share it, else worded on its own and not kept: at 100 000 communities most gaps are
    one of a kind, and keeping them all would hold a report's worth of findings."""

    def __init__(self, report: Report, table: FindingTable, lang: str):
        self.report, self.table, self.lang = report, table, lang
        self.rules, self.ids = {r.id: r for r in report.standard.rules}, report.index.columns.ids
        self.shared: dict[str, np.ndarray] = {}  # rule -> per row its variant code where shared, else -1

    def variant(self, rule_id: str, i: int) -> int:
        """The FindingTable's code of the finding at row i where other rows share it (it is kept), else -1."""
        shared = self.shared.get(rule_id)
        if shared is None:
            codes, _ = self.table.codes(self.rules[rule_id])
            shared = self.shared[rule_id] = np.where(np.bincount(codes)[codes] > 1, codes, -1)
        return int(shared[i])

    def __call__(self, rule_id: str, i: int) -> dict:
        rule = self.rules[rule_id]
        if self.variant(rule_id, i) >= 0:
            return self.table.finding(rule, i)
        return finding_of(self.report, rule, self.ids[i], self.lang)


def _plain_rounded(scores: np.ndarray) -> list:
    """[plain(v) for v in scores] for floats already rounded to 2 places (which round(v, 4) leaves
    as they are): whole numbers as int, NaN as None."""
    out = scores.astype(object)
    whole = np.isfinite(scores) & (np.floor(scores) == scores)
    out[whole] = scores[whole].astype(np.int64).tolist()
    out[np.isnan(scores)] = None
    return out.tolist()


def _plain_texts(values: np.ndarray) -> list:
    """[plain(v) for v in values], at once where they are texts and blanks (NA as None)."""
    if values.dtype != object or pd.api.types.infer_dtype(values, skipna=True) != "string":
        return [plain(v) for v in values]
    out = values.copy()
    out[pd.isna(values)] = None
    return out.tolist()


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
        places=places, finding=lambda rule, i: by_rule[i][rule], one_finding=lambda rule, i: by_rule[i][rule],
        variant=lambda rule, i: -1)  # (each record's finding is its own)


def _table(side: Side) -> SideTable:
    return side.table if side.table is not None else table_of_records(side.communities)


def _among(codes: np.ndarray, uniques: list, choices) -> np.ndarray:
    """Statuses (as SideTable.statuses codes them) equal to one of `choices`, elementwise."""
    hit = np.array([value in choices for value in uniques] + [False])  # code -1 (None): the last
    return hit[codes]


def _given(values: np.ndarray) -> np.ndarray:
    """values (object) that are not None, elementwise (NaN counts as given, as `is not None` says)."""
    return np.asarray(np.not_equal(values, None), dtype=bool)


def _differ(was: tuple[np.ndarray, list], now: tuple[np.ndarray, list]) -> np.ndarray:
    """Statuses (code, distinct statuses) that differ before and after, elementwise (None differs from all)."""
    before = np.array([*was[1], None], dtype=object)[was[0]]  # code -1: the None added last
    after = np.array([*now[1], None], dtype=object)[now[0]]
    return np.asarray(before != after, dtype=bool)


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
    a_gaps, b_gaps = a.gaps(), b.gaps()
    changes = Changes(a, b, old_rows, new_rows, GapIndex(a, b, old_rows, new_rows), order, a_gaps, b_gaps)
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


class GapIndex:
    """Every rule of every matched community that changed or stays open, as arrays sorted by community
    (k: its place in new_rows) and by the place of the finding: its kind of change and its rule. Each
    rule is classified on whole columns, its statuses compared as small integers; no finding is read
    here: a GapChange is built only when a format reads that community (`of`)."""

    def __init__(self, a: SideTable, b: SideTable, old_rows: np.ndarray, new_rows: np.ndarray):
        self.a, self.b, self.rules, self.old_rows, self.new_rows = a, b, b.rules, old_rows, new_rows
        found: list[tuple[np.ndarray, ...]] = []  # (k, place, kind, rule, had), per rule and kind
        none = (np.full(len(old_rows), -1, dtype=np.int64), [])
        for r, rule in enumerate(b.rules):
            codes, uniques = b.statuses(rule)
            now = (codes[new_rows], uniques)
            was = none
            if rule in a.status:
                codes, uniques = a.statuses(rule)
                was = (codes[old_rows], uniques)
            other_source = np.zeros(len(new_rows), dtype=bool)
            if rule in a.sources and rule in b.sources:  # a rate from survey answers on one side, a table on the other
                s_was, s_now = a.sources[rule][old_rows], b.sources[rule][new_rows]
                other_source = _given(s_was) & _given(s_now) & np.asarray(s_was != s_now, dtype=bool)
            had, was_gap, now_gap, same = was[0] >= 0, _among(*was, GAPS), _among(*now, GAPS), ~other_source
            kinds = (same & was_gap & _among(*now, MET),  # closed
                     same & now_gap & (_among(*was, MET) | ~had),  # opened
                     same & now_gap & was_gap,  # remaining (narrowed when it now earns more)
                     same & _among(*now, (UNKNOWN,)) & ~_among(*was, (UNKNOWN,)),  # now_unknown
                     (other_source & _differ(was, now)) if other_source.any() else other_source)  # source_changed
            place = b.places[rule][new_rows] if b.places is not None else None
            for kind, mask in enumerate(kinds):
                ks = np.flatnonzero(mask & (now[0] >= 0))
                if len(ks):
                    found.append((ks, place[ks] if place is not None else np.full(len(ks), r), np.full(len(ks), kind),
                                  np.full(len(ks), r), had[ks]))
        empty = np.zeros(0, dtype=np.int64)
        ks, places, kinds, rules, had = ((np.concatenate(parts) for parts in zip(*found, strict=True)) if found
                                         else (empty, empty, empty, empty, empty.astype(bool)))
        at = np.lexsort((places, ks))  # each community's gaps in the order of its findings on the new side
        self.ks, self.kinds, self.rule_of, self.had = ks[at], kinds[at], rules[at], had[at]
        self.starts = np.searchsorted(self.ks, np.arange(len(new_rows) + 1))
        self.worded = 0  # gaps worded so far: a screenful on their own, then through the shared findings
        self._made: dict[tuple[str, int, int], GapChange] = {}  # one change per pair of shared findings
        self._titled: dict[str, tuple[np.ndarray, np.ndarray]] | None = None  # kind -> (titles, starts): see titles

    def count(self, kind: str) -> np.ndarray:
        """Per matched community (k): how many of its rules changed in this way."""
        hit = self.ks[self.kinds == KINDS_OF_CHANGE.index(kind)]
        return np.bincount(hit, minlength=len(self.starts) - 1)

    def block(self, ks: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(positions in this index, which of `ks` each belongs to) of the gaps of communities ks, in
        that order and each community's in the order of its findings."""
        lo = self.starts[ks]
        lens = self.starts[ks + 1] - lo
        which = np.repeat(np.arange(len(ks)), lens)
        return np.arange(int(lens.sum())) + np.repeat(lo - (np.cumsum(lens) - lens), lens), which

    def gap(self, at: int) -> GapChange:
        """The change of the at-th rule of the index."""
        k = int(self.ks[at])
        return self._gap(self.rules[int(self.rule_of[at])], int(self.old_rows[k]) if self.had[at] else -1,
                         int(self.new_rows[k]))

    def _gap(self, rule: str, old: int, new: int) -> GapChange:
        """The change of `rule` between rows old (-1: none) and new. The first SCREENFUL are worded on
        their own (a terminal's 100 communities need no variant codes of 100 000); after that each
        side's findings come through its shared ones (SideTable.finding), equal either way."""
        self.worded += 1
        a, b = self.a, self.b
        if self.worded <= SCREENFUL:
            return _gap(a.one_finding(rule, old) if old >= 0 else None, b.one_finding(rule, new))
        was, now = (a.variant(rule, old) if old >= 0 else -2), b.variant(rule, new)
        if was == -1 or now == -1:  # a finding of its own on either side: worded, not kept
            return _gap(a.finding(rule, old) if old >= 0 else None, b.finding(rule, new))
        key = (rule, was, now)  # a pair of shared findings: one change for every community that has it
        made = self._made.get(key)
        if made is None:
            made = self._made[key] = _gap(a.finding(rule, old) if old >= 0 else None, b.finding(rule, new))
        return made

    def of(self, k: int) -> dict[str, list[GapChange]]:
        """Community k's changes by kind, each list in the order of its findings."""
        lists: dict[str, list[GapChange]] = {change: [] for change in KINDS_OF_CHANGE}
        s = slice(self.starts[k], self.starts[k + 1])
        old, new = int(self.old_rows[k]), int(self.new_rows[k])
        for kind, r, had in zip(self.kinds[s].tolist(), self.rule_of[s].tolist(), self.had[s].tolist(), strict=True):
            lists[KINDS_OF_CHANGE[kind]].append(self._gap(self.rules[r], old if had else -1, new))
        return lists

    def titled(self) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Per kind of change: the title of each of its gaps, and where each community's begin (by k);
        no gap is worded (a rule's title is the same in every community)."""
        if self._titled is None:
            rules = np.unique(self.rule_of)  # each rule's title as its first gap gives it
            names = np.full(len(self.rules), None, dtype=object)
            names[rules] = [self.gap(int(np.argmax(self.rule_of == r)))["title"] for r in rules.tolist()]
            communities = np.arange(len(self.starts))
            self._titled = {}
            for code, change in enumerate(KINDS_OF_CHANGE):  # per kind: its gaps' titles, cut by community
                at = np.flatnonzero(self.kinds == code)
                self._titled[change] = names[self.rule_of[at]], np.searchsorted(self.ks[at], communities)
        return self._titled

    def first(self, kinds: tuple[str, ...], order: np.ndarray) -> dict[str, GapChange]:
        """Per rule, its first change of one of `kinds` going through the communities in `order`."""
        at = np.flatnonzero(np.isin(self.kinds, [KINDS_OF_CHANGE.index(k) for k in kinds]))
        if not len(at):
            return {}
        rank = np.empty(len(order), dtype=np.int64)
        rank[order] = np.arange(len(order))
        rules = self.rule_of[at]
        by_rule = np.lexsort((rank[self.ks[at]], rules))  # a rule changes once per community: no ties
        firsts = by_rule[np.r_[True, rules[by_rule][1:] != rules[by_rule][:-1]]]
        return {self.rules[int(self.rule_of[i])]: self.gap(int(i)) for i in at[firsts].tolist()}

    def per_rule(self, kind: str) -> dict[str, int]:
        """Per rule: how many communities changed it in this way."""
        counts = np.bincount(self.rule_of[self.kinds == KINDS_OF_CHANGE.index(kind)], minlength=len(self.rules))
        return {rule: int(n) for rule, n in zip(self.rules, counts.tolist(), strict=True) if n}


class Changes(Sequence):
    """The communities present on both sides (the diff's `communities`), the largest gain first. Each
    CommunityChange is built when it is read, from columns: a terminal showing 100 of 100 000
    communities words the gaps of those 100 only, and the JSON is written one community at a time.
    Reading an item twice builds it twice (equal, not the same object)."""

    def __init__(self, a: SideTable, b: SideTable, old_rows: np.ndarray, new_rows: np.ndarray, gaps: GapIndex,
                 order: dict[str, int], old_gaps: np.ndarray, new_gaps: np.ndarray):
        self.a, self.b, self.gaps = a, b, gaps
        olds, news = old_rows.tolist(), new_rows.tolist()
        delta = [round(b.scores[n] - a.scores[o], 2) for o, n in zip(olds, news, strict=True)]
        delta = [0 if abs(d) < SAME else d for d in delta]
        ids = np.array([b.ids[n] for n in news] or [""], dtype=str)[:len(news)]
        # largest gain first, then by id (a stable sort on -delta, then id: as sorted() on (-delta, id) orders)
        self.order = np.lexsort((ids, -np.array(delta, dtype=float))).tolist() if news else []
        self.rows = [(olds[k], news[k]) for k in self.order]
        self.delta = [delta[k] for k in self.order]
        moves: dict[tuple, str] = {}  # per pair of grades (a district has a handful)
        pairs = ((a.grades[o], a.grade_ids[o], b.grades[n], b.grade_ids[n]) for o, n in self.rows)
        self.grade_move = [moves[key] if key in moves else moves.setdefault(key, _grade_move(key[:2], key[2:], order))
                           for key in pairs]
        self.eligibility = [ELIGIBILITY[bool(a.eligible[o]), bool(b.eligible[n])] for o, n in self.rows]
        self.old_gaps, self.new_gaps = old_gaps[olds].tolist(), new_gaps[news].tolist()
        self.old_gaps = [self.old_gaps[k] for k in self.order]
        self.new_gaps = [self.new_gaps[k] for k in self.order]
        self._columns: dict[str, list] | None = None

    def __len__(self) -> int:
        return len(self.order)

    def __getitem__(self, j):
        if isinstance(j, slice):
            return [self[i] for i in range(*j.indices(len(self)))]
        if j < 0:
            j += len(self)
        if not 0 <= j < len(self):
            raise IndexError(j)
        return self._community(j)

    def __eq__(self, other) -> bool:
        return isinstance(other, (Sequence)) and len(self) == len(other) and list(self) == list(other)

    def __repr__(self) -> str:
        return f"Changes({len(self)} communities)"

    def who(self, j: int) -> dict:
        columns = self.columns()
        return {"id": columns["id"][j], "name": columns["name"][j]}

    def count(self, kind: str) -> list[int]:
        """Per community, in this order: how many of its rules changed in this way (closed, opened, …)."""
        counts = self.gaps.count(kind)
        return counts[self.order].tolist() if len(self.order) else []

    def _community(self, j: int) -> CommunityChange:
        gaps = self.gaps.of(self.order[j])
        return {
            **self._scalars(j),
            "closed": gaps["closed"],
            "opened": gaps["opened"],
            "remaining": gaps["remaining"],
            "narrowed": [g for g in gaps["remaining"] if (g["new_points"] or 0) > (g["old_points"] or 0)],
            "now_unknown": gaps["now_unknown"],
            "source_changed": gaps["source_changed"],
        }

    def titles(self, kind: str, sep: str) -> list[str]:
        """Per community, in this order: the titles of its rules that changed in this way (closed,
        opened, …), in the order of its findings, joined by `sep`: what a table of communities lists,
        read from the gap index's columns without wording 2.6 million gaps for 100 000 communities."""
        titles, starts = self.gaps.titled()[kind]
        listed, bounds = titles.tolist(), starts.tolist()
        return [sep.join(listed[bounds[k]:bounds[k + 1]]) for k in self.order]

    def _scalars(self, j: int) -> dict:
        return {key: values[j] for key, values in self.columns().items()}

    def columns(self) -> dict[str, list]:
        """Every community's scalars (a CommunityChange without its gaps), a list per key, in this order."""
        if self._columns is None:
            a, b, rows = self.a, self.b, self.rows
            self._columns = {
                "id": [b.ids[n] for _, n in rows],
                "name": [b.names[n] or a.names[o] for o, n in rows],
                "street": [b.streets[n] or a.streets[o] for o, n in rows],
                "old_score": [a.scores[o] for o, _ in rows],
                "new_score": [b.scores[n] for _, n in rows],
                "delta": self.delta,
                "old_grade": [a.grades[o] for o, _ in rows],
                "new_grade": [b.grades[n] for _, n in rows],
                "grade_move": self.grade_move,
                "old_eligible": [a.eligible[o] for o, _ in rows],
                "new_eligible": [b.eligible[n] for _, n in rows],
                "eligibility": self.eligibility,
                "old_gaps": self.old_gaps,
                "new_gaps": self.new_gaps,
            }
        return self._columns


def gap_total(communities, kind: str) -> int:
    """How many rules changed in this way (closed, source_changed, …) over all `communities`, counted
    on columns where they are a Changes, without wording any gap."""
    if isinstance(communities, Changes):
        return sum(communities.count(kind))
    return sum(len(c[kind]) for c in communities)


ELIGIBILITY = {(False, False): "same", (True, True): "same", (False, True): "gained", (True, False): "lost"}


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


def _district(old: SideTable, new: SideTable, old_gaps: np.ndarray, new_gaps: np.ndarray, changes: Changes,
              order: dict[str, int], added: list[dict], removed: list[dict]) -> dict:
    def mean(values: list) -> float | None:
        return round(sum(values) / len(values), 2) if values else None

    def side(s: SideTable, gaps: np.ndarray) -> dict:
        return {
            "communities": len(s.keys),
            "mean_score": mean(s.scores),
            "eligible": sum(map(bool, s.eligible)),
            "gaps": int(gaps.sum()),
            "grades": _grade_counts(s, order),
        }

    before, after = side(old, old_gaps), side(new, new_gaps)
    matched_old = mean([old.scores[o] for o, _ in changes.rows])
    matched_new = mean([new.scores[n] for _, n in changes.rows])
    delta = np.array(changes.delta, dtype=float)
    moved = [j for j, move in enumerate(changes.eligibility) if move != "same"]
    return {
        "old": before,
        "new": after,
        "matched": len(changes),
        "added": len(new.keys) - len(changes),
        "removed": len(old.keys) - len(changes),
        # over the communities present on both sides, so newcomers do not blur the progress
        "matched_mean_old": matched_old,
        "matched_mean_new": matched_new,
        "matched_mean_delta": round(matched_new - matched_old, 2) if len(changes) else None,
        "improved": int((delta > 0).sum()),
        "declined": int((delta < 0).sum()),
        "unchanged": int((delta == 0).sum()),
        "grade_up": changes.grade_move.count("up"),
        "grade_down": changes.grade_move.count("down"),
        "gaps_closed": gap_total(changes, "closed"),
        "gaps_opened": gap_total(changes, "opened"),
        # who is eligible now and was not, and the reverse (a new community counts as entering)
        "eligible_entered": [changes.who(j) for j in moved if changes.eligibility[j] == "gained"]
                            + [_who(c) for c in added if c["eligible"]],
        "eligible_left": [changes.who(j) for j in moved if changes.eligibility[j] == "lost"]
                         + [_who(c) for c in removed if c["eligible"]],
        "rate_sources": {"old": _sources(old), "new": _sources(new)},
        "source_changed": int(np.count_nonzero(changes.count("source_changed"))),
    }


def _who(c: dict) -> dict:
    return {"id": c["id"], "name": c.get("name")}


def _sources(side: SideTable) -> list[str]:
    """Where a side's rates came from: survey, table, or both (in that order)."""
    seen = {s for values in side.sources.values() for s in pd.unique(values)}
    return [s for s in ("survey", "table") if s in seen]


def _grade_counts(side: SideTable, order: dict[str, int]) -> list[dict]:
    """[{grade, count}] best band first where the standard orders them, else by first appearance."""
    counts = Counter(side.grades)
    rank = {}
    for grade in dict.fromkeys(zip(side.grades, side.grade_ids, strict=True)):  # each first seen, in order
        if grade[0] not in rank:
            known = _rank(grade, order)
            rank[grade[0]] = known if known is not None else len(order) + len(rank)
    return [{"grade": g, "count": counts[g]} for g in sorted(counts, key=lambda g: rank[g])]


def _rules(changes: Changes) -> list[dict]:
    """Per rule: how many communities closed it and how many opened it, the most closed first (titled
    by its first change among the communities, as they are listed)."""
    gaps, picked = changes.gaps, np.asarray(changes.order, dtype=np.int64)
    closed, opened = Counter(gaps.per_rule("closed")), Counter(gaps.per_rule("opened"))
    titles = {rule: g["title"] for rule, g in gaps.first(("closed", "opened"), picked).items()}
    rules = sorted(titles, key=lambda r: (-closed[r], -opened[r], r))
    return [{"rule": r, "title": titles[r], "closed": closed[r], "opened": opened[r]} for r in rules]
