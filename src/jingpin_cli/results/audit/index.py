"""The per-report index every format reads: a Report's columns as numpy arrays found by position,
the order of each community's gaps, the points of each task, and the findings built once per
distinct value (filled in by results/audit/record.FindingTable).

`series.at[cid]` costs ~10 µs in pandas; a report of 100 000 communities × 36 rules reads several
million such cells. Each column is converted once per report (usually a view, not a copy) and then
read by position, so building every per-community record stays linear and cheap. A Report is not
changed once made, so nothing here is ever stale."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from jingpin_cli.arrays import aligned, as_array
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import FAIL, PARTIAL, VETO

GAP_STATUSES = (FAIL, PARTIAL)


class ReportIndex:
    """Built with its Report (report.index) and filled lazily: only what a format reads is computed."""

    def __init__(self, report):
        self.report = report
        self._columns: Columns | None = None
        self._gap_order: tuple[np.ndarray, np.ndarray] | None = None
        self.finding_tables: dict[str, object] = {}  # lang -> record.FindingTable
        self.finding_heads: dict[tuple[str, str], object] = {}  # (rule id, lang) -> what its findings share
        self.grade_reasons: dict[str, np.ndarray] = {}  # lang -> grades.grade_reasons, per row

    @property
    def columns(self) -> Columns:
        if self._columns is None:
            self._columns = Columns(self.report)
        return self._columns

    def gap_order(self) -> tuple[np.ndarray, np.ndarray]:
        """Per community (row): rule positions by points lost, most first, and how many are gaps.

        Computed once on whole columns: a veto that applies loses everything, a scored rule that
        fails or is partial loses what it did not earn, anything else is not a gap."""
        if self._gap_order is None:
            rules, cols = self.report.standard.rules, self.columns
            key = np.full((len(cols.index), len(rules)), np.inf)  # sort key: minus the loss; inf = not a gap
            for r, rule in enumerate(rules):
                if KINDS[rule.kind].ROLE == VETO:
                    key[cols.status_in(rule.id, (FAIL,)), r] = -np.inf
                elif rule.scored:
                    gap = cols.status_in(rule.id, GAP_STATUSES)
                    key[gap, r] = -(rule.points - cols.rule(rule.id).points[gap].astype(float))
            order = np.argsort(key, axis=1, kind="stable").astype(np.int16)
            self._gap_order = (order, (key != np.inf).sum(axis=1))
        return self._gap_order

@dataclass
class RuleColumns:
    """One rule's Outcome as arrays aligned with the report's row positions."""

    status: np.ndarray
    points: np.ndarray
    actual: np.ndarray
    shortfall: np.ndarray | None
    absent: np.ndarray | None  # bool, rows × the rule's items
    absent_cols: dict[str, int]
    unknown_items: np.ndarray | None
    unknown_cols: dict[str, int]
    required: np.ndarray | None = None  # per community, where the rule's requirement varies
    values: np.ndarray | None = None  # float, rows × the rule's items (deduction)
    deducted: np.ndarray | None = None


class Columns:
    """Position lookup and lazily converted columns of one report."""

    def __init__(self, report):
        self.report = report
        self.index = report.records.frame.index  # the summary and every outcome share it
        self.ids = self.index.to_numpy(dtype=object)
        self._rules: dict[str, RuleColumns] = {}
        self._frames: dict[tuple[str, str], tuple[object, np.ndarray]] = {}

    @cached_property
    def pos(self) -> dict[str, int]:
        """Row position of each id (for reads of one community; whole-column writers never need it)."""
        return dict(zip(self.ids.tolist(), range(len(self.ids)), strict=True))

    def rule(self, rule_id: str) -> RuleColumns:
        cached = self._rules.get(rule_id)
        if cached is not None:
            return cached
        o = self.report.outcomes[rule_id]
        absent = _bools(o.absent, self.index)
        unknown = _bools(o.unknown_items, self.index)
        cached = RuleColumns(
            self._aligned(o.status).to_numpy(dtype=object), as_array(self._aligned(o.points)),
            as_array(self._aligned(o.actual)),
            as_array(self._aligned(o.shortfall)) if o.shortfall is not None else None,
            absent, {k: j for j, k in enumerate(o.absent.columns)} if o.absent is not None else {},
            unknown, {k: j for j, k in enumerate(o.unknown_items.columns)} if o.unknown_items is not None else {},
            as_array(self._aligned(o.required)) if o.required is not None else None,
            _floats(o.values, self.index), _floats(o.deducted, self.index),
        )
        self._rules[rule_id] = cached
        return cached

    def status_in(self, rule_id: str, statuses: tuple[str, ...]) -> np.ndarray:
        """Whether each row's status (by position) is one of `statuses`: on a categorical's codes,
        not its texts (a text comparison per row costs ten times as much)."""
        status = self._aligned(self.report.outcomes[rule_id].status)
        if isinstance(status.dtype, pd.CategoricalDtype):
            categories = status.cat.categories
            wanted = [categories.get_loc(s) for s in statuses if s in categories]
            return np.isin(status.cat.codes.to_numpy(), wanted)
        return np.isin(status.to_numpy(dtype=object), statuses)

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


def _floats(frame: pd.DataFrame | None, index: pd.Index) -> np.ndarray | None:
    if frame is None:
        return None
    return aligned(frame, index).to_numpy(dtype="float64", na_value=np.nan)


def _bools(frame: pd.DataFrame | None, index: pd.Index) -> np.ndarray | None:
    if frame is None:
        return None
    if not (frame.index is index or frame.index.equals(index)):
        frame = frame.reindex(index)
    return frame.to_numpy(dtype=bool, na_value=False)


# ---- rows equal in some columns share a code: work done once per distinct value --------------

MAX_SHARED = 50_000  # variants per rule kept as text; beyond that (and half the rows) build per row


def group_codes(cols: list, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, first row of each code): rows equal in every column share a code."""
    code = np.zeros(n, dtype=np.int64)
    size = 1
    for col in cols:
        part, count = _codes(col)
        code = code * max(count, 1) + part
        size *= max(count, 1)
        if size > 2**40:  # keep the combined code inside int64
            code, uniques = pd.factorize(code)
            size = len(uniques)
    code, _ = pd.factorize(code)
    return code.astype(np.int64, copy=False), first_rows(code)


def _codes(col) -> tuple[np.ndarray, int]:
    """(code per row, how many codes at most) of one column, rows with equal values sharing a code
    (NA one of its own). A categorical's codes and a yes/no column are codes already; anything else
    is factorized by pandas."""
    if isinstance(col, pd.Series):
        dtype = col.dtype
        if isinstance(dtype, pd.CategoricalDtype):
            return col.cat.codes.to_numpy().astype(np.int64) + 1, len(dtype.categories) + 1
        if dtype == "boolean":
            return col.to_numpy(dtype=np.int64, na_value=2), 3
        values = as_array(col)
    else:
        values = np.asarray(col)
    if values.dtype == bool:
        return values.astype(np.int64), 2
    part, uniques = pd.factorize(values, use_na_sentinel=False)
    return part, len(uniques)


def group_values(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, first row of each code) for one column, for work done once per distinct value.

    Rows share a code only where their values are identical: floats by their bits (-0.0 is not 0.0),
    strings by content. Other objects each get their own row: pandas holds None, NaN and NA equal,
    and 1, 1.0 and True, which a renderer does not."""
    if values.dtype == object and pd.api.types.infer_dtype(values, skipna=False) != "string":
        rows = np.arange(len(values))
        return rows, rows
    codes, _ = pd.factorize(values.view(np.int64) if values.dtype == np.float64 else values, use_na_sentinel=False)
    return codes, first_rows(codes)


def first_rows(codes: np.ndarray) -> np.ndarray:
    """The first row of each code, for codes numbered in order of appearance (as pd.factorize does):
    where the running maximum grows. Linear, where np.unique would sort."""
    top = np.maximum.accumulate(codes) if len(codes) else codes
    return np.flatnonzero(np.diff(top, prepend=-1) > 0)


def common_gaps(report, limit: int) -> list[tuple]:
    """(rule, communities failing it, communities partly meeting it) of the rules most communities
    fall short of, most first (ties by id), counted on the outcome columns, not record by record."""
    counts = []
    for rule in report.standard.rules:
        outcome = report.outcomes.get(rule.id)
        if outcome is not None:
            status = outcome.status
            fails, partials = int((status == FAIL).sum()), int((status == PARTIAL).sum())
            if fails + partials:
                counts.append((rule, fails, partials))
    return sorted(counts, key=lambda c: (-(c[1] + c[2]), c[0].id))[:limit]
