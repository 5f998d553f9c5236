"""The audit: records × standard → Report, and the canonical per-community record every format uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
import pandas as pd

from jingpin_cli.arrays import plain
from jingpin_cli.records.load import load_records
from jingpin_cli.records.model import Records
from jingpin_cli.records.self_check import community_entry as self_assessment_entry
from jingpin_cli.records.survey_rates import SAMPLE_FIELD, rate_context, rate_note
from jingpin_cli.results.audit import positional
from jingpin_cli.rules import KINDS, Outcome
from jingpin_cli.rules.base import FAIL, PARTIAL, WAIVED
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize
from jingpin_cli.scoring.waivers import Applied, applied, apply_waivers
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick

GAP_STATUSES = (FAIL, PARTIAL)


@dataclass
class Report:
    standard: Standard
    records: Records
    outcomes: dict[str, Outcome]
    summary: pd.DataFrame  # one row per community, see scoring.summarize
    waived: Applied | None = None  # set when waivers were applied (jingpin_cli.scoring.waivers)

    @property
    def ids(self) -> list[str]:
        return list(self.summary.index)


def audit(standard: Standard, folder: str | Path, sheet: str | None = None, waivers=None) -> Report:
    """Load a data folder and score every community against the standard (and `waivers`, if given)."""
    return score_records(standard, load_records(folder, standard, sheet), waivers)


def score_records(standard: Standard, records: Records, waivers=None) -> Report:
    outcomes = evaluate(standard, records.frame)
    summary = summarize(standard, outcomes, records.frame.index)
    if not waivers:
        summary["score_without_waivers"] = summary["score"]
        return Report(standard, records, outcomes, summary)
    # waived rules earn full points; the score without them is kept beside
    index = summary.index
    waived = apply_waivers(outcomes, waivers, standard)
    with_waivers = summarize(standard, waived, index)
    with_waivers["score_without_waivers"] = summary["score"]
    with_waivers["waived"] = pd.DataFrame({k: o.status.eq(WAIVED) for k, o in waived.items()}, index=index).sum(axis=1)
    return Report(standard, records, waived, with_waivers, waived=applied(waivers, outcomes, waived, index))


# ---- the canonical record ----------------------------------------------------------------------

def finding(report: Report, rule, cid: str, lang: str = "zh") -> dict:
    o, cols = report.outcomes[rule.id], positional.columns(report)
    kind = KINDS[rule.kind]
    c, i = cols.rule(rule.id), cols.pos[cid]  # not .at: see positional
    status = c.status[i]
    f = {
        "rule": rule.id,
        "area": rule.aspect,
        "task": rule.task,
        "kind": rule.kind,
        "title": pick(rule, lang),
        "status": status,
        "fields": rule.fields,
        "actual": plain(c.actual[i]),
        "required": plain(kind.required(rule)),
        "shortfall": plain(c.shortfall[i]) if c.shortfall is not None and status in GAP_STATUSES else None,
        "unit": (report.standard.unit_label(rule.fields[0], lang) or None) if kind.NUMERIC else None,
        "missing": [k for k in rule.fields if c.absent is not None and c.absent[i, c.absent_cols[k]]],
        "unknown_items": [k for k in rule.fields if c.unknown_items is not None and c.unknown_items[i, c.unknown_cols[k]]],
        "points": plain(c.points[i]),
        "max_points": plain(rule.points) if rule.scored else None,
        "verify": rule.verify,
    }
    if o.actual.dtype == "boolean" or kind.YES_NO:
        f["actual"] = None if pd.isna(c.actual[i]) else bool(c.actual[i])
    if kind.SURVEYED:  # source: "survey" | "table"; sample and 95 % interval where known
        f.update(rate_context(cols.column, rule.field, i))
    if status == WAIVED and report.waived is not None:
        report.waived.annotate(f, report, rule, cid, lang)  # the gap it excuses, and who approved it
    else:
        f["message"] = kind.message(rule, f, report.standard, lang)
        if kind.SURVEYED:
            f["message"] += rate_note(f, rule.min, report.standard.survey.min_sample, lang)
    return f


def finding_inputs(report: Report, rule) -> list:
    """Every per-community value `finding` reads for `rule`, as columns in report order.

    Communities equal in all of them get equal findings, so renderers build each distinct finding
    once (jingpin_cli.results.audit.variants). Whatever `finding` comes to read per community must be added here;
    tests/test_variants.py compares both ways of rendering."""
    o = report.outcomes[rule.id]
    cols = [o.status, o.actual, o.points]
    cols += [o.shortfall] if o.shortfall is not None else []
    for frame in (o.absent, o.unknown_items):
        cols += [frame[k] for k in frame.columns] if frame is not None else []
    if KINDS[rule.kind].SURVEYED:  # rate_context: the typed value and sample, where it came from, the survey
        records = report.records
        cols += [records.frame[k] for k in (rule.field, SAMPLE_FIELD) if k in records.frame]
        sources = getattr(records, "rate_sources", None)
        cols += [sources[rule.field].reindex(o.status.index)] if sources is not None and rule.field in sources else []
        survey = getattr(records, "survey", None)
        if survey is not None:
            cols += [survey.totals[k].reindex(o.status.index) for k in survey.totals.columns]
    if report.waived is not None:  # a waiver annotates its own finding: never shared
        waived = o.status.to_numpy(dtype=object) == WAIVED
        cols.append(np.where(waived, np.arange(len(waived)), -1))
    return cols


def community_record(report: Report, cid: str, lang: str = "zh") -> dict:
    """One community's canonical record (formats.json builds the same from whole columns)."""
    cols = positional.columns(report)
    i = cols.pos[cid]  # positional reads: report.summary.loc[cid] costs ~100 µs
    record = record_shape(report, lang, lambda table, name, convert, digits=None:
                          convert(_rounded(cols.column(table, name)[i], digits)))
    record["findings"] = [finding(report, r, cid, lang) for r in report.standard.rules]
    return record


def record_shape(report: Report, lang: str, leaf) -> dict:
    """The canonical record without its findings, each per-community value given by
    leaf(table, column, convert, digits=None): convert(the community's value in that column, first
    rounded to `digits` if given), where table is one of positional.Columns.column's.
    community_record fills it for one community; formats.json encodes each leaf for every community
    from whole columns and fills a text template."""
    std = report.standard
    without = "score_without_waivers" if "score_without_waivers" in report.summary.columns else "score"

    def summary(name: str, convert=_same, digits=None):
        return leaf("summary", name, convert, digits)

    return {
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
        "gates": [{"id": g.id, "title": pick(g, lang), "status": summary(f"gate.{g.id}")} for g in std.gates],
        "areas": [
            {
                "id": a.id,
                "title": pick(a, lang),
                "score": summary(f"aspect.{a.id}", plain, 2),
                "max": plain(a.points),
                "tasks": [
                    {"id": t.id, "title": pick(t, lang), "score": summary(f"task.{a.id}.{t.id}", plain, 2),
                     "max": _task_max(std, a.id, t.id)}
                    for t in a.tasks
                ],
            }
            for a in std.aspects
        ],
        "source": leaf("origin", "file", _same),
        "self_assessment": leaf("id", None, lambda cid: self_assessment_entry(report.records, cid, std, lang)),  # 自评 vs 核查
        "findings": None,
    }


def _same(value):
    return value


def _rounded(value, digits):
    return value if digits is None else round(value, digits)


def _task_max(std: Standard, aspect: str, task: str):
    maxima = std.__dict__.get("_task_max")  # per standard, not per community
    if maxima is None:
        maxima = {}
        for r in std.rules:
            if r.scored:
                maxima[(r.aspect, r.task)] = maxima.get((r.aspect, r.task), 0) + r.points
        std.__dict__["_task_max"] = maxima
    return plain(maxima.get((aspect, task), 0))


def iter_records(report: Report, lang: str = "zh") -> Iterator[dict]:
    for cid in report.ids:
        yield community_record(report, cid, lang)


def grade_label(standard: Standard, grade_id: str, lang: str) -> str:
    if grade_id == "veto":
        return pick(standard.veto_grade, lang)
    return pick(next(g for g in standard.grades if g.id == grade_id), lang)


def header(report: Report) -> dict:
    std = report.standard
    return {
        "standard": {"id": std.id, "version": std.version, "title": std.title.zh, "total": plain(std.scoring.total)},
        "communities_count": len(report.summary),
        "inputs": dict(report.records.sources),  # file -> how it was read: encoding and delimiter, or sheet
    }
