"""The flat, one-row-per-community view shared by CSV and the terminal district table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli import variants
from jingpin_cli.i18n import pick
from jingpin_cli.positional import columns
from jingpin_cli.report import GAP_STATUSES, Report, grade_label


def summary_columns(report: Report, lang: str) -> list[str]:
    std = report.standard
    zh = lang != "en"
    cols = ["社区编码", "社区名称", "所属街道", "总分", "等次", "可评选", "一票否决", "未知项", "差距项"] if zh else \
        ["id", "name", "street", "score", "grade", "eligible", "vetoed", "unknown", "gaps"]
    cols += [f"{pick(a, lang)}({a.points:g})" for a in std.aspects]
    cols += [pick(g, lang) for g in std.gates]
    cols.append("主要差距" if zh else "main gaps")
    return cols


def summary_rows(report: Report, lang: str, gaps: int = 3):
    """Rows of plain values in summary_columns order."""
    std, cols = report.standard, columns(report)  # positional reads: .loc per row is slow at scale
    names, streets = cols.column("frame", "name"), cols.column("frame", "street")
    yes, no = ("是", "否") if lang != "en" else ("yes", "no")
    for i, cid in enumerate(report.ids):
        row = cols.row(cid)
        yield [
            cid, names[i], _text(streets[i]), round(float(row["score"]), 2),
            grade_label(std, row["grade"], lang), yes if row["eligible"] else no, yes if row["vetoed"] else no,
            int(row["unknown_rules"]), int(row["gaps"]),
            *[round(float(row[f"aspect.{a.id}"]), 2) for a in std.aspects],
            *[status_word(row[f"gate.{g.id}"], lang) for g in std.gates],
            ("; " if lang == "en" else "；").join(main_gaps(report, cid, lang, gaps)),
        ]


def main_gaps(report: Report, cid: str, lang: str, limit: int = 3) -> list[str]:
    """The gaps that cost the most points (veto first; equal losses in rule order), as messages."""
    order, count = gap_order(report)
    i = columns(report).pos[cid]
    rules, findings = report.standard.rules, variants.table(report, lang)
    return [findings.finding(rules[r], i)["message"] for r in order[i, :min(int(count[i]), limit)]]


def gap_order(report: Report) -> tuple[np.ndarray, np.ndarray]:
    """Per community (row): rule positions by points lost, most first, and how many are gaps.

    Computed once per report on whole columns: a veto that applies loses everything, a scored
    rule that fails or is partial loses what it did not earn, anything else is not a gap."""
    cached = report.__dict__.get("_gap_order")
    if cached is not None and cached[0] is report.outcomes:
        return cached[1]
    rules, cols = report.standard.rules, columns(report)
    key = np.full((len(cols.index), len(rules)), np.inf)  # sort key: minus the loss; inf = not a gap
    for r, rule in enumerate(rules):
        c = cols.rule(rule.id)
        if rule.kind == "veto":
            key[c.status == "fail", r] = -np.inf
        elif rule.scored:
            gap = np.isin(c.status, GAP_STATUSES)
            key[gap, r] = -(rule.points - c.points[gap].astype(float))
    order = np.argsort(key, axis=1, kind="stable").astype(np.int16)
    result = (order, (key != np.inf).sum(axis=1))
    report.__dict__["_gap_order"] = (report.outcomes, result)
    return result


STATUS_WORDS = {
    "pass": ("达标", "pass"), "partial": ("部分", "partial"), "fail": ("未达标", "fail"),
    "unknown": ("未知", "unknown"), "waived": ("豁免", "waived"),
}


def status_word(status: str, lang: str) -> str:
    zh, en = STATUS_WORDS[status]
    return en if lang == "en" else zh


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)
