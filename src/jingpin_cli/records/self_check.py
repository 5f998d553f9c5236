"""自评 vs 核查: a record may give a self-reported and an inspected value for the same field.

Columns “服务用房总面积（自评）” / “服务用房总面积（核查）” (or YAML keys `service_area_m2_self` /
`service_area_m2_inspected`; see records/headers.py). The inspected value is the field itself and is
scored; the self-reported one is kept apart. A difference beyond the standard's tolerance
(`self_assessment:` in the pack) is a discrepancy: a warning naming the cell, and a list in the
community's audit record. Where no inspected value exists, the pack decides: score the self-report
(`uninspected: self`, listed as unverified) or leave the field unknown (`uninspected: unknown`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from jingpin_cli.errors import Location, Problem
from jingpin_cli.records.headers import SELF_SUFFIX, base_key
from jingpin_cli.records.model import DTYPES
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import Worded, pick
from jingpin_cli.text.numbers import quantity
from jingpin_cli.text.words import have

COLUMNS = ["field", "self", "inspected", "difference", "tolerance"]


@dataclass
class SelfCheck:
    claimed: pd.DataFrame  # index: community id; columns: fields that have a self-reported column
    unverified: pd.DataFrame  # same shape: the scored value is the self-report (nobody inspected it)
    discrepancies: pd.DataFrame  # one row per discrepancy, index: community id; COLUMNS

    @cached_property
    def by_community(self) -> dict[str, list[dict]]:
        """Discrepancies grouped once, so each community's record is a dictionary look-up."""
        out: dict[str, list[dict]] = {}
        for cid, row in zip(self.discrepancies.index, self.discrepancies.to_dict("records"), strict=True):
            out.setdefault(cid, []).append(row)
        return out

    @cached_property
    def unverified_by_community(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        rows, cols = np.nonzero(self.unverified.to_numpy(dtype=bool))
        for i, j in zip(rows, cols, strict=True):
            out.setdefault(self.unverified.index[i], []).append(self.unverified.columns[j])
        return out


def self_columns(frame: pd.DataFrame, standard: Standard) -> pd.DataFrame:
    """The self-reported columns of a freshly read frame, keyed by their field and typed like it."""
    cols = [c for c in frame.columns if isinstance(c, str) and c.endswith(SELF_SUFFIX)]
    claimed = frame[cols].rename(columns=base_key)
    return claimed.astype({k: DTYPES[standard.field(k).type] for k in claimed.columns})


def attach(records, claimed: pd.DataFrame, standard: Standard) -> None:
    """Score the inspected value, fill uninspected ones per the pack, list the discrepancies."""
    if claimed.empty and not len(claimed.columns):
        return
    claimed.index = records.frame.index  # same rows, same order
    cfg = standard.self_assessment
    found, unverified = [], {}
    for key in claimed.columns:  # one column operation per field, not a loop over communities
        said, seen = claimed[key], records.frame[key]
        only_self = said.notna() & seen.isna()
        scored_self = only_self if cfg.uninspected == "self" else pd.Series(False, index=said.index)
        unverified[key] = scored_self
        records.frame[key] = seen.where(~scored_self, said)
        diff, tolerance, beyond = compare(said, seen, standard.field(key).type, cfg.fields.get(key), cfg)
        if beyond.any():
            found.append(pd.DataFrame({"field": key, "self": said, "inspected": seen, "difference": diff,
                                       "tolerance": tolerance}, index=said.index)[beyond])
    discrepancies = pd.concat(found) if found else pd.DataFrame(columns=COLUMNS)
    records.self_check = SelfCheck(claimed, pd.DataFrame(unverified, index=claimed.index), discrepancies)
    records.warnings += _warnings(records, standard, discrepancies)
    if cfg.uninspected == "unknown":
        records.warnings += _self_only(records, claimed)


def compare(said: pd.Series, seen: pd.Series, ftype: str, fixed: float | None, cfg):
    """(difference self − inspected, tolerance, beyond) for one field, where both are known."""
    both = said.notna() & seen.notna()
    if ftype in ("bool", "text", "level"):  # yes/no, text and level words: any difference counts
        beyond = both & (said.astype(object) != seen.astype(object))
        return (pd.Series(None, index=said.index, dtype=object), pd.Series(None, index=said.index, dtype=object),
                beyond.astype(bool))
    diff = said.astype("float64") - seen.astype("float64")
    if fixed is not None:
        tolerance = pd.Series(float(fixed), index=said.index)
    elif ftype in ("rate", "score"):
        tolerance = pd.Series(cfg.points, index=said.index)
    else:
        tolerance = seen.astype("float64").abs() * cfg.relative / 100
    beyond = both & (diff.abs() > tolerance + 1e-9)
    return diff, tolerance, beyond.fillna(False).astype(bool)


def _warnings(records, standard: Standard, found: pd.DataFrame) -> list[Problem]:
    """One warning per discrepancy, naming the self-reported cell (origins looked up in one go)."""
    origin = records.origin.reindex(found.index)
    out = []
    for file, sheet, row, r in zip(origin["file"], origin["sheet"], origin["row"], found.to_dict("records"),
                                   strict=True):
        key = r["field"]
        letter, header = records.columns.get(file, {}).get(key + SELF_SUFFIX, (None, None))
        where = Location(file, sheet if isinstance(sheet, str) else None, int(row), letter, header)
        zh, en = standard.unit_label(key, "zh"), standard.unit_label(key, "en")
        params = {"label": Worded.label(standard.field(key)),
                  "self_value": Worded(_plain(r["self"], zh, "zh"), _plain(r["self"], en, "en")),
                  "inspected": Worded(_plain(r["inspected"], zh, "zh"), _plain(r["inspected"], en, "en"))}
        if r["difference"] is None or pd.isna(r["difference"]):  # yes/no or text: no amount to show
            out.append(Problem("self_discrepancy_bool", where, params, "warning"))
            continue
        params.update(difference=Worded(quantity(abs(r["difference"]), zh), quantity(abs(r["difference"]), en)),
                      tolerance=Worded(quantity(r["tolerance"], zh), quantity(r["tolerance"], en)))
        out.append(Problem("self_discrepancy", where, params, "warning"))
    return out


def _self_only(records, claimed: pd.DataFrame) -> list[Problem]:
    """`uninspected: unknown` and a file with a self column but no inspected one: say why it is blank."""
    out = []
    for file, cols in records.columns.items():
        for key in claimed.columns:
            if key + SELF_SUFFIX in cols and key not in cols:
                letter, header = cols[key + SELF_SUFFIX]
                out.append(Problem("self_only", Location(file, column=letter, header=header), {"header": header},
                                   "warning"))
    return out


def _plain(value, unit: str, lang: str = "zh") -> str:
    if isinstance(value, (bool, np.bool_)):
        return have(value, lang)
    return quantity(value, unit) if isinstance(value, (int, float, np.number)) else str(value)


def community_entry(records, cid: str, standard: Standard, lang: str = "zh") -> dict:
    """The `self_assessment` key of a community's audit record: discrepancies and unverified fields."""
    check = records.self_check
    if check is None:
        return {"discrepancies": [], "unverified": []}
    rows = check.by_community.get(cid, [])
    return {
        "discrepancies": [
            {"field": r["field"], "label": pick(standard.field(r["field"]), lang), "self": _json(r["self"]),
             "inspected": _json(r["inspected"]), "difference": _json(r["difference"]),
             "tolerance": _json(r["tolerance"]), "unit": standard.unit_label(r["field"], lang) or None}
            for r in rows
        ],
        "unverified": check.unverified_by_community.get(cid, []),
    }


def _json(value):
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float):
        return int(value) if value.is_integer() else round(value, 4)
    return value
