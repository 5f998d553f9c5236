"""Fast per-community reads of a Report: its Series and frames as numpy arrays, found by position.

`series.at[cid]` costs ~10 µs in pandas; a report of 100 000 communities × 36 rules reads several
million such cells. Each column is converted once per report (usually a view, not a copy) and then
read by position, so building every per-community record stays linear and cheap."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from jingpin_cli.arrays import aligned, as_array

_CACHE = "_positional"  # attribute on the Report instance that holds its views


@dataclass
class RuleColumns:
    """One rule's Outcome as arrays aligned with the report's row positions."""

    outcome: object  # the Outcome these were made from (a replaced Outcome is re-read)
    status: np.ndarray
    points: np.ndarray
    actual: np.ndarray
    shortfall: np.ndarray | None
    absent: np.ndarray | None  # bool, rows × the rule's items
    absent_cols: dict[str, int]
    unknown_items: np.ndarray | None
    unknown_cols: dict[str, int]


class Columns:
    """Position lookup and lazily converted columns of one report."""

    def __init__(self, report):
        self.report = report
        self.index = report.records.frame.index  # the summary and every outcome share it
        self.pos = {cid: i for i, cid in enumerate(self.index)}
        self.ids = self.index.to_numpy(dtype=object)
        self._rules: dict[str, RuleColumns] = {}
        self._frames: dict[tuple[str, str], tuple[object, np.ndarray]] = {}

    def rule(self, rule_id: str) -> RuleColumns:
        o = self.report.outcomes[rule_id]
        cached = self._rules.get(rule_id)
        if cached is not None and cached.outcome is o:
            return cached
        absent = _bools(o.absent, self.index)
        unknown = _bools(o.unknown_items, self.index)
        cached = RuleColumns(
            o, self._aligned(o.status).to_numpy(dtype=object), as_array(self._aligned(o.points)),
            as_array(self._aligned(o.actual)),
            as_array(self._aligned(o.shortfall)) if o.shortfall is not None else None,
            absent, {k: j for j, k in enumerate(o.absent.columns)} if o.absent is not None else {},
            unknown, {k: j for j, k in enumerate(o.unknown_items.columns)} if o.unknown_items is not None else {},
        )
        self._rules[rule_id] = cached
        return cached

    def column(self, table: str, name: str | None) -> np.ndarray | None:
        """A column of report.summary or of records.frame, .origin, .rate_sources, .rate_samples, by
        position (None if there is no such column); table "id": the ids."""
        if table == "id":
            return self.ids
        if table not in ("summary", "frame", "origin", "rate_sources", "rate_samples"):
            raise KeyError(table)
        source = self.report.summary if table == "summary" else getattr(self.report.records, table, None)
        key = (table, name)
        cached = self._frames.get(key)
        if cached is not None and cached[0] is source:
            return cached[1]
        values = as_array(self._aligned(source[name])) if source is not None and name in source.columns else None
        self._frames[key] = (source, values)
        return values

    def _aligned(self, series: pd.Series) -> pd.Series:
        return aligned(series, self.index)


def columns(report) -> Columns:
    """The cached Columns of a report (built on first use)."""
    cols = report.__dict__.get(_CACHE)
    if cols is None or cols.index is not report.records.frame.index:
        cols = Columns(report)
        report.__dict__[_CACHE] = cols
    return cols


def _bools(frame: pd.DataFrame | None, index: pd.Index) -> np.ndarray | None:
    if frame is None:
        return None
    if not (frame.index is index or frame.index.equals(index)):
        frame = frame.reindex(index)
    return frame.to_numpy(dtype=bool, na_value=False)
