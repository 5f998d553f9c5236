"""Why a community has its grade, and the stars it earned, in words.

A band's conditions (scoring.summary.grade_conditions: the total, with or without the bonus, each
aspect's share or points, stars, named rules) are tested top-down; the reason names what the band
just above the community's grade asked and it did not have: “未达优秀：组织建设得分率 72%，须 ≥ 80%”.
For a pack whose grades are plain score bands, a reason is only given where the grade differs from
the band its score alone would give (shipped outputs stay as they were)."""

from __future__ import annotations

import numpy as np

from jingpin_cli.rules.base import PASS, WAIVED
from jingpin_cli.scoring.summary import GradeInputs, earned_share, grade_conditions
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num, pct
from jingpin_cli.text.words import sep

STAR, NO_STAR = "★", "☆"


def stars_text(count, of: int, lang: str) -> str:
    """“★★★☆☆ 3 星”: one mark per aspect (`of` of them), filled for each star earned."""
    count, total = int(count), int(of)
    return f"{STAR * count}{NO_STAR * (total - count)} {t('stars.count', lang, n=count)}"


def grade_text(label: str, incomplete: bool, lang: str) -> str:
    """A grade as reports show it: “不合格（数据不全）” where blanks hold much of the points."""
    return t("grade.incomplete", lang, grade=label) if incomplete else label


def band_counts(report, lang: str) -> list[tuple[str, int]]:
    """(grade label, communities) in band order, best first, the veto band last; empty bands left out."""
    std, counts = report.standard, report.summary["grade"].value_counts()
    bands = [(g.id, pick(g, lang)) for g in std.grades] + [("veto", pick(std.veto_grade, lang))]
    return [(label, int(counts[gid])) for gid, label in bands if counts.get(gid, 0)]


def grade_reason(report, cid: str, lang: str) -> str | None:
    """Why `cid` is not in the band above its grade; None for the top band, a veto, or (packs with
    plain bands) where the score alone gives the same grade."""
    return grade_reasons(report, lang)[report.index.columns.pos[cid]]


def grade_reasons(report, lang: str) -> np.ndarray:
    """grade_reason of every community (row order), worked out once per report and language on whole
    columns: only the words are put together row by row, for the rows that have a reason."""
    cached = report.index.grade_reasons.get(lang)
    if cached is not None:
        return cached
    std = report.standard
    ids = [g.id for g in std.grades]
    band = report.summary["grade"].map({g: k for k, g in enumerate(ids)}).fillna(-1).to_numpy(int)  # veto: -1
    conditions = _conditions(report)
    has_reason = band > 0
    if not std.graded_by_conditions:  # plain bands: only where the score alone gives another band
        first_met = np.array([cond[0][1] for cond in conditions])  # bands × rows: the band's score test
        plain = np.where(first_met.any(axis=0), first_met.argmax(axis=0), len(ids) - 1)
        has_reason &= plain != band
    out = np.full(len(band), None, dtype=object)
    for i in np.flatnonzero(has_reason):
        above = band[i] - 1
        unmet = [_condition_text(std, what, params, value[i], lang)
                 for (what, params), ok, value in conditions[above] if not ok[i]]
        out[i] = t("grade.reason", lang, grade=pick(std.grades[above], lang), why=sep(lang).join(unmet))
    report.index.grade_reasons[lang] = out
    return out


def _conditions(report) -> list[list[tuple[tuple, np.ndarray, np.ndarray | None]]]:
    """Per band: each condition, whether each community meets it, and each community's value."""
    std, s = report.standard, report.summary
    n = len(s)
    aspects = [s[f"aspect.{a.id}"].to_numpy(float) for a in std.aspects]
    maxima = [s[f"aspect_max.{a.id}"].to_numpy(float) for a in std.aspects]
    penalty = s["penalty"].to_numpy(float) if "penalty" in s.columns else 0.0
    without_bonus = np.where(s["vetoed"].to_numpy(bool), 0.0, np.maximum(s["base"].to_numpy(float) - penalty, 0.0))
    stars = s["stars"].to_numpy(int) if "stars" in s.columns else None
    passed = {rid: report.outcomes[rid].status.reindex(s.index).isin([PASS, WAIVED]).to_numpy(bool)
              for g in std.grades for rid in g.rules_pass}
    inputs = GradeInputs(without_bonus, stars, passed)
    score = s["score"].to_numpy(float)
    values = {"aspect_share": {a.id: earned_share(p, m) for a, p, m in zip(std.aspects, aspects, maxima, strict=True)},
              "aspect_points": {a.id: p for a, p in zip(std.aspects, aspects, strict=True)}}
    out = []
    for g in std.grades:
        rows = []
        for (what, params), ok in grade_conditions(std, g, score, aspects, maxima, inputs):
            if what == "min_score":
                value = score if params["with_bonus"] else without_bonus
            elif what in values:
                value = values[what][params["aspect"]]
            else:
                value = stars if what == "stars" else np.full(n, None, dtype=object)
            rows.append(((what, params), np.broadcast_to(np.asarray(ok, dtype=bool), (n,)), value))
        out.append(rows)
    return out


def _condition_text(std: Standard, what: str, params: dict, value, lang: str) -> str:
    if what == "min_score":
        key = "grade.cond.score" if params["with_bonus"] else "grade.cond.score_without_bonus"
        return t(key, lang, have=num(round(float(value), 2)), min=num(params["min"]))
    if what == "aspect_share":
        return t("grade.cond.aspect_share", lang, aspect=pick(std.aspect(params["aspect"]), lang),
                 have=pct(value), min=pct(params["min"]))
    if what == "aspect_points":
        return t("grade.cond.aspect_points", lang, aspect=pick(std.aspect(params["aspect"]), lang),
                 have=num(round(float(value), 2)), min=num(params["min"]))
    if what == "stars":
        return t("grade.cond.stars", lang, have=int(value), min=params["min"])
    return t("grade.cond.rule", lang, rule=pick(std.rule(params["rule"]), lang))
