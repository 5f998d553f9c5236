"""Why a community has its grade, and the stars it earned, in words.

A band's conditions (scoring.summary.grade_conditions: the total, with or without the bonus, each
aspect's share or points, stars, named rules) are tested top-down; the reason names what the band
just above the community's grade asked and it did not have: “未达优秀：组织建设得分率 72%，须 ≥ 80%”.
For a pack whose grades are plain score bands, a reason is only given where the grade differs from
the band its score alone would give (shipped outputs stay as they were)."""

from __future__ import annotations

import numpy as np

from jingpin_cli.rules.base import NOT_APPLICABLE, PASS, WAIVED
from jingpin_cli.scoring.summary import GradeInputs, grade_conditions
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num, pct
from jingpin_cli.text.words import sep

STAR, NO_STAR = "★", "☆"


def stars_text(count, of: int, lang: str) -> str:
    """“★★★☆☆ 3 星”: one mark per aspect (`of` of them), filled for each star earned."""
    count, total = int(count), int(of)
    return f"{STAR * count}{NO_STAR * (total - count)} {t('stars.count', lang, n=count)}"


def grade_reason(report, cid: str, lang: str) -> str | None:
    """Why `cid` is not in the band above its grade; None for the top band, a veto, or (packs with
    plain bands) where the score alone gives the same grade."""
    std, summary = report.standard, report.summary
    i = report.index.columns.pos[cid]
    grade = summary["grade"].iat[i]
    ids = [g.id for g in std.grades]
    if grade not in ids or ids.index(grade) == 0:
        return None
    conditions = _conditions(report, i)
    if not std.graded_by_conditions:
        plain = next((g.id for g, cond in zip(std.grades, conditions, strict=True) if cond[0][1]), ids[-1])
        if plain == grade:
            return None
    above = ids.index(grade) - 1
    unmet = [_condition_text(std, what, params, value, lang)
             for (what, params), ok, value in conditions[above] if not ok]
    return t("grade.reason", lang, grade=pick(std.grades[above], lang), why=sep(lang).join(unmet))


def _conditions(report, i: int) -> list[list[tuple[tuple, bool, float]]]:
    """Per band: each condition, whether community `i` meets it, and its value there."""
    std, s = report.standard, report.summary.iloc[i:i + 1]
    aspects = [s[f"aspect.{a.id}"].to_numpy(float) for a in std.aspects]
    maxima = [np.array([_applicable(report, a, i)]) for a in std.aspects]
    penalty = s["penalty"].to_numpy(float) if "penalty" in s.columns else 0.0
    without_bonus = np.where(s["vetoed"].to_numpy(bool), 0.0, np.maximum(s["base"].to_numpy(float) - penalty, 0.0))
    stars = s["stars"].to_numpy(int) if "stars" in s.columns else None
    passed = {rid: np.array([report.outcomes[rid].status.iat[i] in (PASS, WAIVED)])
              for g in std.grades for rid in g.rules_pass}
    inputs = GradeInputs(without_bonus, stars, passed)
    score = s["score"].to_numpy(float)
    values = {"aspect_share": {a.id: p[0] / m[0] if m[0] else 1.0 for a, p, m in zip(std.aspects, aspects, maxima,
                                                                                     strict=True)},
              "aspect_points": {a.id: p[0] for a, p in zip(std.aspects, aspects, strict=True)}}
    out = []
    for g in std.grades:
        rows = []
        for (what, params), ok in grade_conditions(std, g, score, aspects, maxima, inputs):
            if what == "min_score":
                value = (score if params["with_bonus"] else without_bonus)[0]
            elif what in values:
                value = values[what][params["aspect"]]
            else:
                value = stars[0] if what == "stars" else None
            rows.append(((what, params), bool(ok[0]), value))
        out.append(rows)
    return out


def _applicable(report, aspect, i: int) -> float:
    """What an aspect can earn for community `i`: its points less rules that do not apply and drop out."""
    dropped = sum(r.points for r in report.standard.rules
                  if r.scored and r.aspect == aspect.id and r.when is not None and r.otherwise == "drop"
                  and report.outcomes[r.id].status.iat[i] == NOT_APPLICABLE)
    return aspect.points - dropped


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
