"""Build each distinct finding once: communities whose inputs to a rule are equal share its finding.

At national scale (100 000 communities × 36 rules) building 3.6 million finding dicts one by one
dominates every report. But a rule's finding is a function of a handful of per-community values
(`report.finding_inputs`): 260 ㎡ of service space gives the same finding in every community that
has it. So the communities are grouped, per rule, by those values (whole-column factorize), the
canonical `report.finding` is called once per group on a representative, and renderers reuse it —
as a dict, or as its JSON text. Output is identical to calling `finding` for every community."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd

from jingpin_cli.arrays import as_array
from jingpin_cli.results.audit.positional import columns
from jingpin_cli.results.audit.report import Report, finding, finding_inputs

_CACHE = "_variants"
MAX_SHARED = 50_000  # variants per rule kept as text; beyond that (and half the rows) build per row


def group_codes(cols: list, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(code per row, first row of each code): rows equal in every column share a code."""
    code = np.zeros(n, dtype=np.int64)
    size = 1
    for col in cols:
        values = as_array(col) if isinstance(col, pd.Series) else np.asarray(col)
        part, uniques = pd.factorize(values, use_na_sentinel=False)
        code = code * max(len(uniques), 1) + part
        size *= max(len(uniques), 1)
        if size > 2**40:  # keep the combined code inside int64
            code, uniques = pd.factorize(code)
            size = len(uniques)
    code, _ = pd.factorize(code)
    return code.astype(np.int64, copy=False), first_rows(code)


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


class FindingTable:
    """Per report and language: each rule's variant codes, one finding (and its JSON) per variant."""

    def __init__(self, report: Report, lang: str):
        self.report, self.lang = report, lang
        self.index, self.ids = columns(report).index, columns(report).ids  # ids: numpy, read one by one
        self.rules = list(report.standard.rules)
        self._codes: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._dicts: dict[str, list] = {}
        self._texts: dict[str, list] = {}

    def codes(self, rule) -> tuple[np.ndarray, np.ndarray]:
        got = self._codes.get(rule.id)
        if got is None:
            got = self._codes[rule.id] = group_codes(finding_inputs(self.report, rule), len(self.ids))
        return got

    def finding(self, rule, i: int) -> dict:
        """The finding of `rule` for the community at row `i` (shared: do not modify it)."""
        codes, first = self.codes(rule)
        dicts = self._dicts.get(rule.id)
        if dicts is None:
            dicts = self._dicts[rule.id] = [None] * len(first)
        c = codes[i]
        f = dicts[c]
        if f is None:
            f = dicts[c] = finding(self.report, rule, self.ids[first[c]], self.lang)
        return f

    def texts(self, rule) -> tuple[np.ndarray, list[str] | None]:
        """(code per row, JSON text per code) — every variant encoded once, as json.dumps would.
        None instead of texts when nearly every community differs: then caching would only cost memory."""
        codes, first = self.codes(rule)
        if len(first) > max(MAX_SHARED, len(codes) // 2):
            return codes, None
        got = self._texts.get(rule.id)
        if got is None:
            got = self._texts[rule.id] = [json.dumps(self.finding(rule, int(r)), ensure_ascii=False) for r in first]
            self._dicts.pop(rule.id, None)  # the texts are what is kept
        return codes, got


def table(report: Report, lang: str) -> FindingTable:
    """The cached FindingTable of a report for one language."""
    cache = report.__dict__.setdefault(_CACHE, {})
    got = cache.get(lang)
    if got is None or got.index is not columns(report).index:
        got = cache[lang] = FindingTable(report, lang)
    return got
