"""The audit: records × standard → Report, and the canonical per-community record every format uses."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import pandas as pd

from jingpin_cli.engine import evaluate
from jingpin_cli.i18n import pick
from jingpin_cli.loaders import load_records
from jingpin_cli.records import Records
from jingpin_cli.rules import KINDS, Outcome
from jingpin_cli.rules.base import FAIL, PARTIAL, UNKNOWN, WAIVED
from jingpin_cli.scoring import summarize
from jingpin_cli.self_assessment import community_entry as self_assessment_entry
from jingpin_cli.standard.models import Standard
from jingpin_cli.survey import rate_context, rate_note

GAP_STATUSES = (FAIL, PARTIAL)


@dataclass
class Report:
    standard: Standard
    records: Records
    outcomes: dict[str, Outcome]
    summary: pd.DataFrame  # one row per community, see scoring.summarize
    waived: "Applied | None" = None  # set when waivers were applied (jingpin_cli.waivers)

    @property
    def ids(self) -> list[str]:
        return list(self.summary.index)


def audit(standard: Standard, folder: str | Path, sheet: str | None = None, waivers=None) -> Report:
    """Load a data folder and score every community against the standard (and `waivers`, if given)."""
    return score_records(standard, load_records(folder, standard, sheet), waivers)


def score_records(standard: Standard, records: Records, waivers=None) -> Report:
    outcomes = evaluate(standard, records.frame)
    summary = summarize(standard, outcomes, records.frame.index)
    if waivers:  # waived rules earn full points; the score without them is kept beside (waivers.waive)
        from jingpin_cli.waivers import waive

        return waive(Report(standard, records, outcomes, summary), waivers)
    summary["score_without_waivers"] = summary["score"]
    return Report(standard, records, outcomes, summary)


# ---- the canonical record ----------------------------------------------------------------------

def _plain(value):
    """numpy / pandas scalars -> JSON-ready Python values; NA -> None."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return round(value, 4) if isinstance(value, float) else value


def finding(report: Report, rule, cid: str, lang: str = "zh") -> dict:
    o = report.outcomes[rule.id]
    status = o.status.at[cid]
    f = {
        "rule": rule.id,
        "area": rule.aspect,
        "task": rule.task,
        "kind": rule.kind,
        "title": pick(rule, lang),
        "status": status,
        "fields": rule.fields,
        "actual": _plain(o.actual.at[cid]),
        "required": _required(rule),
        "shortfall": _plain(o.shortfall.at[cid]) if o.shortfall is not None and status in GAP_STATUSES else None,
        "unit": report.standard.unit_label(rule.fields[0], lang) or None if rule.kind in ("threshold", "rate", "scaled") else None,
        "missing": [k for k in rule.fields if o.absent is not None and o.absent.at[cid, k]],
        "unknown_items": [k for k in rule.fields if o.unknown_items is not None and o.unknown_items.at[cid, k]],
        "points": _plain(o.points.at[cid]),
        "max_points": _plain(rule.points) if rule.scored else None,
        "verify": rule.verify,
    }
    if o.actual.dtype == "boolean" or rule.kind in ("boolean", "veto"):
        f["actual"] = None if pd.isna(o.actual.at[cid]) else bool(o.actual.at[cid])
    if rule.kind == "rate":  # source: "survey" | "table"; sample and 95 % interval where known
        f.update(rate_context(report.records, rule.field, cid))
    if status == WAIVED and report.waived is not None:
        report.waived.annotate(f, report, rule, cid, lang)  # the gap it excuses, and who approved it
    else:
        f["message"] = KINDS[rule.kind].message(rule, f, report.standard, lang)
        if rule.kind == "rate":
            f["message"] += rate_note(f, rule.min, report.standard.survey.min_sample, lang)
    return f


def _required(rule):
    if rule.kind in ("threshold", "rate", "scaled"):
        return _plain(rule.min)
    if rule.kind == "boolean":
        return rule.expected
    if rule.kind == "veto":
        return False
    if rule.kind == "checklist":
        return len(rule.items)
    return None


def community_record(report: Report, cid: str, lang: str = "zh") -> dict:
    std, row = report.standard, report.summary.loc[cid]
    frame = report.records.frame
    grade = row["grade"]
    return {
        "id": cid,
        "name": frame.at[cid, "name"],
        "street": _plain(frame.at[cid, "street"]),
        "score": _plain(round(row["score"], 2)),
        "score_before_veto": _plain(round(row["score_before_veto"], 2)),
        "score_without_waivers": _plain(round(row.get("score_without_waivers", row["score"]), 2)),
        "bonus": _plain(row["bonus"]),
        "grade": grade_label(std, grade, lang),
        "grade_id": grade,
        "eligible": bool(row["eligible"]),
        "vetoed": bool(row["vetoed"]),
        "unknown_rules": int(row["unknown_rules"]),
        "unknown_points": _plain(round(row["unknown_points"], 2)),
        "gates": [{"id": g.id, "title": pick(g, lang), "status": row[f"gate.{g.id}"]} for g in std.gates],
        "areas": [
            {
                "id": a.id,
                "title": pick(a, lang),
                "score": _plain(round(row[f"aspect.{a.id}"], 2)),
                "max": _plain(a.points),
                "tasks": [
                    {"id": t.id, "title": pick(t, lang), "score": _plain(round(row[f"task.{a.id}.{t.id}"], 2)),
                     "max": _plain(sum(r.points for r in std.rules if r.scored and r.aspect == a.id and r.task == t.id))}
                    for t in a.tasks
                ],
            }
            for a in std.aspects
        ],
        "source": report.records.origin.at[cid, "file"],
        "self_assessment": self_assessment_entry(report.records, cid, std, lang),  # 自评 vs 核查
        "findings": [finding(report, r, cid, lang) for r in std.rules],
    }


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
        "standard": {"id": std.id, "version": std.version, "title": std.title.zh, "total": _plain(std.scoring.total)},
        "communities_count": len(report.summary),
    }
