"""The canonical record of an audit: one community's findings, scores, gates and areas, which every
audit format renders and `diff` reads back from an earlier JSON report (record types below).

`finding` and `community_record` build one at a time; FindingTable builds each distinct finding once
for renderers that write every community (communities whose inputs to a rule are equal share its
finding). Both read the report's index by position (results/audit/index.py)."""

from __future__ import annotations

import json
import math
from typing import Iterator, NamedTuple, TypedDict

import numpy as np
import pandas as pd

from jingpin_cli.arrays import plain
from jingpin_cli.records.self_check import community_entry as self_assessment_entry
from jingpin_cli.records.survey_rates import SAMPLE_FIELD, rate_context, rate_note
from jingpin_cli.results.audit.grades import grade_reason
from jingpin_cli.results.audit.index import GAP_STATUSES, MAX_SHARED, group_codes
from jingpin_cli.results.audit.report import Report
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import NOT_APPLICABLE, PENALTY, UNKNOWN, VETO, WAIVED
from jingpin_cli.rules.condition import condition_message
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick


class Finding(TypedDict, total=False):
    """One rule for one community (interfaces.md: rule, area, status, fields, actual, required,
    shortfall, unit, missing, message are the contract); rates add source/sample/interval, a waived
    finding adds waiver, status_without_waiver, points_without_waiver."""

    rule: str
    area: str
    task: str
    kind: str
    title: str
    status: str  # pass | partial | fail | unknown | waived
    fields: list[str]
    actual: float | bool | str | None  # str: the word of a level field (好 / 较好 …)
    required: float | bool | str | None
    shortfall: float | None
    unit: str | None
    missing: list[str]
    unknown_items: list[str]
    points: float
    max_points: float | None
    verify: str
    message: str


class Area(TypedDict):
    id: str
    title: str
    score: float
    max: float
    tasks: list[dict]  # {id, title, score, max}


class CommunityRecord(TypedDict, total=False):
    """One community as `jingpin audit --format json` writes it under "communities"."""

    id: str
    name: str
    street: str | None
    score: float
    applicable_points: float  # only when rules that do not apply drop out: what the score is rescaled from
    score_before_veto: float
    score_without_waivers: float
    bonus: float
    penalty: float  # only packs with penalty rules: points taken off after the bonus
    grade: str
    grade_id: str
    grade_reason: str | None  # only packs with conditioned grades or stars: why not the band above
    stars: int  # only packs with `stars:`: aspects whose score reached the bar
    stars_max: int
    eligible: bool
    vetoed: bool
    unknown_rules: int
    unknown_points: float
    incomplete: bool  # blank data could still earn ≥ 1/3 of the points (report.INCOMPLETE_SHARE): 数据不全
    gates: list[dict]  # {id, title, status}
    areas: list[Area]
    source: str
    self_assessment: dict | None
    findings: list[Finding]


def finding(report: Report, rule, cid: str, lang: str = "zh") -> Finding:
    return finding_at(report, rule, report.index.columns.pos[cid], lang)  # not .at: see index


def finding_at(report: Report, rule, i: int, lang: str = "zh") -> Finding:
    """The finding of `rule` for the community at row position i."""
    cols = report.index.columns
    kind = KINDS[rule.kind]
    c, head = cols.rule(rule.id), _head(report, rule, lang)
    status = c.status[i]
    f = {
        "rule": rule.id,
        "area": rule.aspect,
        "task": rule.task,
        "kind": rule.kind,
        "title": head.title,
        "status": status,
        "fields": rule.fields,
        "actual": plain(c.actual[i]),
        "required": head.required if c.required is None else plain(c.required[i]),
        "shortfall": plain(c.shortfall[i]) if c.shortfall is not None and status in GAP_STATUSES else None,
        "unit": head.unit,
        "missing": [k for k, j in head.absent if c.absent[i, j]],
        "unknown_items": [k for k, j in head.unknown if c.unknown_items[i, j]],
        "points": plain(c.points[i]),
        "max_points": head.max_points,
        "verify": head.verify,
    }
    if c.values is not None:  # deduction: each item not met, as read, and what it deducts
        f["values"] = {k: _as_field(report.standard, k, c.values[i, c.absent_cols[k]]) for k in f["missing"]}
        f["deductions"] = {k: plain(c.deducted[i, c.absent_cols[k]]) for k in f["missing"]}
    if head.yes_no:
        f["actual"] = None if pd.isna(c.actual[i]) else bool(c.actual[i])
    if kind.SURVEYED:  # source: "survey" | "table"; sample and 95 % interval where known
        f.update(rate_context(cols.column, rule.field, i))
    if status == WAIVED and report.waived is not None:
        report.waived.annotate(f, report, rule, cols.ids[i], lang)  # the gap it excuses, and who approved it
    elif rule.when is not None and (status == NOT_APPLICABLE
                                    or status == UNKNOWN and pd.isna(cols.column("frame", rule.when.field)[i])):
        f["message"] = condition_message(rule.when, status, report.standard, lang)
    else:
        f["message"] = kind.message(rule, f, report.standard, lang)
        if kind.SURVEYED and report.standard.survey is not None:
            f["message"] += rate_note(f, rule.min, report.standard.survey.min_sample, lang)
    return f


class _Head(NamedTuple):
    """What a rule's findings share, worked out once per report, rule and language."""

    title: str
    required: object  # when the requirement does not vary per community
    unit: str | None
    max_points: float | None
    verify: str
    absent: list[tuple[str, int]]  # (field, column of RuleColumns.absent), in the rule's order
    unknown: list[tuple[str, int]]
    yes_no: bool  # actual read as true/false


def _head(report: Report, rule, lang: str) -> _Head:
    heads = report.index.finding_heads
    head = heads.get((rule.id, lang))
    if head is None:
        kind, c, o = KINDS[rule.kind], report.index.columns.rule(rule.id), report.outcomes[rule.id]
        head = heads[(rule.id, lang)] = _Head(
            pick(rule, lang), plain(kind.required(rule)) if c.required is None else None,
            (report.standard.unit_label(rule.fields[0], lang) or None) if kind.NUMERIC else None,
            plain(rule.points) if rule.scored else None, rule.verify_text,
            [(k, c.absent_cols[k]) for k in rule.fields] if c.absent is not None else [],
            [(k, c.unknown_cols[k]) for k in rule.fields] if c.unknown_items is not None else [],
            o.actual.dtype == "boolean" or kind.YES_NO)
    return head


def _as_field(standard: Standard, key: str, value):
    """A value read as a float, shown as its field's type: yes/no as true/false."""
    value = plain(value)
    return bool(value) if value is not None and standard.field(key).type == "bool" else value


def points_lost(finding: Finding) -> float:
    """What a finding costs its community, to order gaps by: everything (inf) for a veto item,
    else the points it did not earn."""
    if KINDS[finding["kind"]].ROLE == VETO:
        return math.inf
    if KINDS[finding["kind"]].ROLE == PENALTY:  # its points are what it took off
        return finding["points"] or 0
    return (finding["max_points"] or 0) - (finding["points"] or 0)


def finding_inputs(report: Report, rule) -> list:
    """Every per-community value `finding` reads for `rule`, as columns in report order.

    Communities equal in all of them get equal findings, so renderers build each distinct finding
    once (FindingTable below). Whatever `finding` comes to read per community must be added here;
    tests/test_variants.py compares both ways of rendering."""
    o = report.outcomes[rule.id]
    cols = [o.status, o.actual, o.points]
    cols += [o.shortfall] if o.shortfall is not None else []
    cols += [o.required] if o.required is not None else []
    cols += [report.records.frame[rule.when.field]] if rule.when is not None else []
    for frame in (o.absent, o.unknown_items, o.values, o.deducted):
        cols += [frame[k] for k in frame.columns] if frame is not None else []
    if KINDS[rule.kind].SURVEYED:  # rate_context: the typed value and sample, where it came from, the survey
        records = report.records
        cols += [records.frame[k] for k in (rule.field, SAMPLE_FIELD) if k in records.frame]
        sources = records.rate_sources
        cols += [sources[rule.field].reindex(o.status.index)] if sources is not None and rule.field in sources else []
        survey = records.survey
        if survey is not None:
            cols += [survey.totals[k].reindex(o.status.index) for k in survey.totals.columns]
    if report.waived is not None:  # a waiver annotates its own finding: never shared
        waived = o.status.to_numpy(dtype=object) == WAIVED
        cols.append(np.where(waived, np.arange(len(waived)), -1))
    return cols


def community_record(report: Report, cid: str, lang: str = "zh") -> CommunityRecord:
    """One community's canonical record (formats/audit/json.py builds the same from whole columns)."""
    cols = report.index.columns
    i = cols.pos[cid]  # positional reads: report.summary.loc[cid] costs ~100 µs
    record = record_shape(report, lang, lambda table, name, convert, digits=None:
                          convert(_rounded(cols.column(table, name)[i], digits)))
    record["findings"] = [finding(report, r, cid, lang) for r in report.standard.rules]
    return record


def record_shape(report: Report, lang: str, leaf) -> dict:
    """The canonical record without its findings, each per-community value given by
    leaf(table, column, convert, digits=None): convert(the community's value in that column, first
    rounded to `digits` if given), where table is one of index.Columns.column's.
    community_record fills it for one community; formats/audit/json.py encodes each leaf for every community
    from whole columns and fills a text template."""
    std = report.standard
    without = "score_without_waivers" if "score_without_waivers" in report.summary.columns else "score"

    def summary(name: str, convert=_same, digits=None):
        return leaf("summary", name, convert, digits)


    record = {
        "id": leaf("id", None, _same),
        "name": leaf("frame", "name", _same),
        "street": leaf("frame", "street", plain),
        "score": summary("score", plain, 2),
        "score_before_veto": summary("score_before_veto", plain, 2),
        "score_without_waivers": summary(without, plain, 2),
        "bonus": summary("bonus", plain),
        "grade": summary("grade", lambda grade: grade_label(std, grade, lang)),
        "grade_id": summary("grade"),
        "eligible": summary("eligible", bool),
        "vetoed": summary("vetoed", bool),
        "unknown_rules": summary("unknown_rules", int),
        "unknown_points": summary("unknown_points", plain, 2),
        "incomplete": summary("incomplete", bool),
        "gates": [{"id": g.id, "title": pick(g, lang), "status": summary(f"gate.{g.id}")} for g in std.gates],
        "areas": [
            {
                "id": a.id,
                "title": pick(a, lang),
                "score": summary(f"aspect.{a.id}", plain, 2),
                "max": summary(f"aspect_max.{a.id}", plain),  # less the rules that drop out for it
                "tasks": [
                    {"id": t.id, "title": pick(t, lang), "score": summary(f"task.{a.id}.{t.id}", plain, 2),
                     "max": summary(f"task_max.{a.id}.{t.id}", plain)}
                    for t in a.tasks
                ],
            }
            for a in std.aspects
        ],
        "source": leaf("origin", "file", _same),
        # 自评 vs 核查; without a self-assessment file every community's is the same (no work per community)
        "self_assessment": leaf("id", None, lambda cid: self_assessment_entry(report.records, cid, std, lang))
        if report.records.self_check is not None else self_assessment_entry(report.records, "", std, lang),
        "findings": None,
    }
    if "applicable_points" in report.summary.columns:  # rules that do not apply dropped out: the score is rescaled
        record = _after(record, "score", {"applicable_points": summary("applicable_points", plain, 2)})
    # keys only packs with penalties, stars or conditioned grades have (shipped outputs stay as they were)
    if "penalty" in report.summary.columns:  # 减分, taken off after the bonus
        record = _after(record, "bonus", {"penalty": summary("penalty", plain)})
    if std.graded_by_conditions:  # why not the band above (results/audit/grades.py)
        record = _after(record, "grade_id", {"grade_reason": leaf("id", None,
                                                                  lambda cid: grade_reason(report, cid, lang))})
    if std.stars is not None:
        record = _after(record, "grade_reason", {"stars": summary("stars", int), "stars_max": len(std.aspects)})
    return record


def _after(record: dict, key: str, extra: dict) -> dict:
    """The record with `extra` inserted after `key` (JSON keeps the order it is written in)."""
    items = list(record.items())
    at = [k for k, _ in items].index(key) + 1
    return {**dict(items[:at]), **extra, **dict(items[at:])}


def _same(value):
    return value


def _rounded(value, digits):
    return value if digits is None else round(value, digits)


def iter_records(report: Report, lang: str = "zh", rows=None) -> Iterator[CommunityRecord]:
    """Every community's record in report order (or those at the positions `rows`). Findings come from
    the report's FindingTable: communities with equal inputs to a rule share one finding dict, so do
    not modify them."""
    cols, table, rules = report.index.columns, findings(report, lang), report.standard.rules
    for i in (range(len(cols.ids)) if rows is None else rows):
        record = record_shape(report, lang, lambda table_, name, convert, digits=None, i=i:
                              convert(_rounded(cols.column(table_, name)[i], digits)))
        record["findings"] = [table.finding(r, i) for r in rules]
        yield record


def grade_label(standard: Standard, grade_id: str, lang: str) -> str:
    return pick(standard.grade(grade_id), lang)


def header(report: Report) -> dict:
    std = report.standard
    return {
        "standard": {"id": std.id, "version": std.version, "title": std.title.zh, "total": plain(std.scoring.total)},
        "communities_count": len(report.summary),
        "inputs": dict(report.records.sources),  # file -> how it was read: encoding and delimiter, or sheet
    }


_JSON = json.JSONEncoder(ensure_ascii=False)


# ---- each distinct finding once ------------------------------------------------------------------

class FindingTable:
    """Per report and language: each rule's variant codes, one finding (and its JSON) per variant."""

    def __init__(self, report: Report, lang: str):
        self.report, self.lang = report, lang
        self.index, self.ids = report.index.columns.index, report.index.columns.ids  # ids: numpy, read one by one
        self.rules = list(report.standard.rules)
        self._codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._dicts: dict[str, list] = {}
        self._texts: dict[str, list] = {}

    def codes(self, rule) -> tuple[np.ndarray, np.ndarray]:
        got = self._codes.get(rule.id)
        if got is None:
            got = self._codes[rule.id] = group_codes(finding_inputs(self.report, rule), len(self.ids))
        return got

    def finding(self, rule, i: int) -> dict:
        """The finding of `rule` for the community at row `i` (shared: do not modify it)."""
        codes, first = self.codes(rule)
        dicts = self._dicts.get(rule.id)
        if dicts is None:
            dicts = self._dicts[rule.id] = [None] * len(first)
        c = codes[i]
        f = dicts[c]
        if f is None:
            f = dicts[c] = finding_at(self.report, rule, int(first[c]), self.lang)
        return f

    def texts(self, rule) -> tuple[np.ndarray, list[str] | None]:
        """(code per row, JSON text per code) — every variant encoded once, as json.dumps would.
        None instead of texts when nearly every community differs: then caching would only cost memory."""
        codes, first = self.codes(rule)
        if len(first) > max(MAX_SHARED, len(codes) // 2):
            return codes, None
        got = self._texts.get(rule.id)
        if got is None:
            encode = _JSON.encode  # what json.dumps(…, ensure_ascii=False) calls, without making an encoder each time
            got = self._texts[rule.id] = [encode(self.finding(rule, int(r))) for r in first]
            self._dicts.pop(rule.id, None)  # the texts are what is kept
        return codes, got


def findings(report: Report, lang: str) -> FindingTable:
    """The report's FindingTable for one language, kept in its index."""
    table = report.index.finding_tables.get(lang)
    if table is None:
        table = report.index.finding_tables[lang] = FindingTable(report, lang)
    return table
