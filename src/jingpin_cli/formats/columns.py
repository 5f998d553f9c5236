"""The flat, one-row-per-community view shared by CSV and the terminal district table."""

from __future__ import annotations

import pandas as pd

from jingpin_cli.i18n import pick
from jingpin_cli.report import GAP_STATUSES, Report, finding, grade_label


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
    std, s, frame = report.standard, report.summary, report.records.frame
    yes, no = ("是", "否") if lang != "en" else ("yes", "no")
    for cid in report.ids:
        row = s.loc[cid]
        yield [
            cid, frame.at[cid, "name"], _text(frame.at[cid, "street"]), round(float(row["score"]), 2),
            grade_label(std, row["grade"], lang), yes if row["eligible"] else no, yes if row["vetoed"] else no,
            int(row["unknown_rules"]), int(row["gaps"]),
            *[round(float(row[f"aspect.{a.id}"]), 2) for a in std.aspects],
            *[status_word(row[f"gate.{g.id}"], lang) for g in std.gates],
            ("; " if lang == "en" else "；").join(main_gaps(report, cid, lang, gaps)),
        ]


def main_gaps(report: Report, cid: str, lang: str, limit: int = 3) -> list[str]:
    """The gaps that cost the most points (veto first), as messages."""
    lost = []
    for rule in report.standard.rules:
        status = report.outcomes[rule.id].status.at[cid]
        if rule.kind == "veto" and status == "fail":
            lost.append((float("inf"), rule))
        elif status in GAP_STATUSES and rule.scored:
            lost.append((rule.points - float(report.outcomes[rule.id].points.at[cid]), rule))
    lost.sort(key=lambda x: -x[0])
    return [finding(report, rule, cid, lang)["message"] for _, rule in lost[:limit]]


STATUS_WORDS = {
    "pass": ("达标", "pass"), "partial": ("部分", "partial"), "fail": ("未达标", "fail"),
    "unknown": ("未知", "unknown"), "waived": ("豁免", "waived"),
}


def status_word(status: str, lang: str) -> str:
    zh, en = STATUS_WORDS[status]
    return en if lang == "en" else zh


def _text(value) -> str:
    return "" if pd.isna(value) else str(value)
