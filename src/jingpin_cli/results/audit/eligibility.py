"""Why a community may not be picked as a demonstration site: one explanation, worded one way, for
`check --require-eligible` and for `screen`'s reasons and near misses.

A community is eligible when no veto applies, every gate (the pack's terms.gates: 三有一化) passes, no
veto or gate item is blank, and the pack's `eligibility:` minimums (score, stars) are reached
(scoring/summary decides it). The reasons, most basic first: each veto item met or left blank, then
the gates not met, then the gates not fully reported, then a score or a count of stars below the
pack's minimum."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import FAIL, UNKNOWN, VETO
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep

CODES = ("veto", "veto_unknown", "gate_fail", "gate_unknown", "score_low", "stars_low", "grade_low")


def ineligibility(standard: Standard, outcomes: dict, summary: pd.DataFrame) -> list[list[tuple[str, dict]]]:
    """For each row of `summary` (any subset of communities, in its order): the reasons it is not
    eligible, as (code, params); empty for an eligible community. Columns are read once."""
    ids = summary.index
    vetoes = [(r, outcomes[r.id].status.reindex(ids).to_numpy()) for r in standard.rules if KINDS[r.kind].ROLE == VETO]
    gates = [(g.id, summary[f"gate.{g.id}"].to_numpy()) for g in standard.gates]
    out = []
    for i in range(len(ids)):
        row = [("veto" if status[i] == FAIL else "veto_unknown", {"rule": r.id, "field": r.field})
               for r, status in vetoes if status[i] in (FAIL, UNKNOWN)]
        for gate_status in (FAIL, UNKNOWN):
            failed = [gid for gid, col in gates if col[i] == gate_status]
            if failed:
                row.append(("gate_" + gate_status, {"gates": failed}))
        out.append(row)
    minimum = standard.eligibility
    for column, least, code in (("score", minimum.min_score, "score_low"), ("stars", minimum.min_stars, "stars_low")):
        if least is not None:
            values = summary[column].to_numpy()
            for i in np.flatnonzero(values < least - 1e-9):
                out[i].append((code, {"have": round(float(values[i]), 2), "min": least}))
    if minimum.min_grade is not None:
        grades = summary["grade"].to_numpy(dtype=object)
        for i in np.flatnonzero(~np.isin(grades, standard.grades_from(minimum.min_grade))):
            out[i].append(("grade_low", {"grade": grades[i], "min": minimum.min_grade}))
    return out


def reason_text(standard: Standard, code: str, params: dict, lang: str) -> str:
    """One reason in words: the veto item by its field's label, the gates by their titles."""
    if code == "grade_low":
        return t("eligibility.grade_low", lang, have=pick(standard.grade(params["grade"]), lang),
                 min=pick(standard.grade(params["min"]), lang))
    if code in ("score_low", "stars_low"):
        return t(f"eligibility.{code}", lang, have=num(params["have"]), min=num(params["min"]))
    if code in ("veto", "veto_unknown"):
        return t(f"eligibility.{code}", lang, field=pick(standard.field(params["field"]), lang))
    titles = [pick(g, lang) for g in standard.gates if g.id in params["gates"]]
    return t(f"eligibility.{code}", lang, gate=sep(lang, "list").join(titles), gates=standard.words(lang)["gates"])
