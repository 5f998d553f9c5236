"""veto (一票否决): when the field is yes, the community is vetoed whatever its score. No points.

Status fail means the veto applies; unknown means nobody said, which also blocks eligibility."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.rules.base import FAIL, UNKNOWN, Outcome, floats, graded_status, label


def evaluate(rule, frame: pd.DataFrame, standard) -> Outcome:
    value = frame[rule.field]  # kept as read: the finding shows yes/no
    number = floats(value)
    points = np.zeros(len(number))
    status = graded_status(~np.isnan(number), number == 0, points, frame.index)  # clear when “no”
    return Outcome(status, pd.Series(points, index=frame.index), value)


def message(rule, finding: dict, standard, lang: str) -> str:
    name = label(standard, rule.field, lang)
    if finding["status"] == UNKNOWN:
        return f"{name}: unknown (a veto item must be filled in)" if lang == "en" else f"{name}：未填报（一票否决项，必须填报）"
    if finding["status"] == FAIL:
        return f"{name}: yes — vetoed" if lang == "en" else f"{name}：有，一票否决"
    return f"{name}: none" if lang == "en" else f"{name}：无"
