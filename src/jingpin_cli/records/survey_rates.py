"""群众评议: turn raw survey answers into 认知度 / 参与度 / 满意度 per community and respondent type.

Pure computation on whole columns. The answers arrive already read and matched to communities
(`records.surveys`); here they are counted, turned into rates with 95 % Wilson score intervals
(so 24 of 25 = 96 % is not taken as surely above 95 %), checked against the standard's survey
settings, and merged into the community records in place of rates typed into a table."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from jingpin_cli.errors import Problem
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep

Z95 = 1.959963984540054  # two-sided 95 % normal quantile
# measure -> (column of the answers frame: True yes / False no / NA not counted, record field)
MEASURES = {
    "awareness": ("aware", "awareness_rate"),
    "participation": ("participated", "participation_rate"),
    "satisfaction": ("satisfied", "satisfaction_rate"),
}
RATE_FIELDS = tuple(f for _, f in MEASURES.values())
SAMPLE_FIELD = "survey_sample"
CONFLICT_POINTS = 0.5  # a typed rate further than this (percentage points) from the computed one is reported


@dataclass
class SurveyResult:
    """Counts and rates of one set of answers. Rates and interval bounds are percentages (0–100)."""

    totals: pd.DataFrame  # index: community id; name, respondents, excluded, <m>_yes/_n/_rate/_low/_high
    by_type: pd.DataFrame  # index: (community id, respondent type); the same columns
    notes: list[dict]  # per community: {"community", "code": small_sample|missing_type, "params"}
    problems: list[Problem] = field(default_factory=list)  # rows and cells not counted, with their place
    counts: dict = field(default_factory=dict)  # rows read / counted / skipped by reason, answers not counted
    files: list[str] = field(default_factory=list)


def wilson(yes, n, z: float = Z95) -> tuple[np.ndarray, np.ndarray]:
    """The Wilson score interval of yes/n as fractions (lower, upper); NaN where n is 0."""
    yes = np.asarray(yes, dtype=float)
    n = np.asarray(n, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        p = yes / n
        z2 = z * z
        denom = 1 + z2 / n
        centre = (p + z2 / (2 * n)) / denom
        half = z * np.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denom
    low, high = np.clip(centre - half, 0, 1), np.clip(centre + half, 0, 1)
    empty = n <= 0
    return np.where(empty, np.nan, low), np.where(empty, np.nan, high)


def tally(answers: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Respondents, excluded answers and, per measure, yes / valid answers / rate / interval, per
    group of `keys` in sorted order, as groupby(keys).sum() gives them: counted by each row's group
    number (np.bincount) from the keys' codes, without hashing the keys of every answer again."""
    keyed = [_sorted_codes(answers[k]) for k in keys]
    shape = tuple(len(values) for _, values in keyed)
    rows = np.logical_and.reduce([codes >= 0 for codes, _ in keyed])  # a row without a key is in no group
    group = np.ravel_multi_index([codes[rows] for codes, _ in keyed], shape) if rows.any() else np.zeros(0, int)
    size = int(np.prod(shape))

    def count(mask=None) -> np.ndarray:
        return np.bincount(group if mask is None else group[mask[rows]], minlength=size)

    counts = {"respondents": count(), "excluded": count(answers["excluded"].to_numpy(dtype=bool))}
    for m, (col, _) in MEASURES.items():
        counts[f"{m}_yes"] = count(answers[col].to_numpy(dtype=bool, na_value=False))
        counts[f"{m}_n"] = count(answers[col].notna().to_numpy())
    seen = np.flatnonzero(counts["respondents"])
    at = np.unravel_index(seen, shape) if size else [np.zeros(0, int) for _ in keys]
    levels = [pd.Index(values[i], dtype="string", name=k) for (_, values), i, k in zip(keyed, at, keys, strict=True)]
    index = levels[0] if len(levels) == 1 else pd.MultiIndex.from_arrays(levels)
    grouped = pd.DataFrame({k: v[seen].astype(np.int64) for k, v in counts.items()}, index=index)
    for m in MEASURES:
        yes, n = grouped[f"{m}_yes"], grouped[f"{m}_n"]
        low, high = wilson(yes, n)
        grouped[f"{m}_rate"] = (100 * yes / n.where(n > 0)).astype(float)
        grouped[f"{m}_low"], grouped[f"{m}_high"] = 100 * low, 100 * high
    return grouped


def _sorted_codes(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """(codes, distinct values in sorted order) of a column, -1 for NA: a categorical column (the
    answers, records.surveys) by its codes, anything else hashed."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        codes, values = column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)
    else:
        codes, values = pd.factorize(column)
        values = np.asarray(values, dtype=object)
    order = np.argsort(values, kind="stable")
    rank = np.empty(len(order) + 1, dtype=np.int64)
    rank[order], rank[-1] = np.arange(len(order)), -1  # code -1 takes the last: stays -1
    return rank[codes], values[order]


def compute(answers: pd.DataFrame, survey, names: pd.Series | None = None) -> SurveyResult:
    """`answers`: one row per counted questionnaire with columns community (id), respondent_type
    (one of the standard's types or NA), aware, participated, satisfied (boolean, NA = not counted)
    and excluded (bool: an answer the standard excludes, e.g. 不了解). `survey` is standard.survey."""
    totals = tally(answers, ["community"])
    totals.index.name = "community"
    typed = answers[answers["respondent_type"].notna()]
    by_type = tally(typed, ["community", "respondent_type"])
    order = {t: i for i, t in enumerate(survey.respondent_types)}  # the standard's order: 居民 first
    community = pd.factorize(by_type.index.get_level_values(0), sort=True)[0]
    by_type = by_type.iloc[np.lexsort((by_type.index.get_level_values(1).map(order).to_numpy(), community))]
    totals.insert(0, "name", (names.reindex(totals.index) if names is not None
                              else pd.Series(pd.NA, index=totals.index)).astype("string"))
    return SurveyResult(totals, by_type, notes(totals, by_type, survey))


def notes(totals: pd.DataFrame, by_type: pd.DataFrame, survey) -> list[dict]:
    """Small samples (fewer valid answers than survey.min_sample) and respondent types not asked."""
    found = []
    names = list(MEASURES)
    counts = totals[[f"{m}_n" for m in names]].to_numpy(dtype="int64")
    rows, cols = np.nonzero((counts < survey.min_sample) & (counts > 0))  # read once, row by row
    grouped: dict[tuple, list[str]] = {}  # (community, n) -> measures: “认知度、参与度仅 23 份” once
    for cid, j, n in zip(totals.index[rows].tolist(), cols.tolist(), counts[rows, cols].tolist(), strict=True):
        grouped.setdefault((cid, n), []).append(names[j])
    for (cid, n), measures in grouped.items():
        found.append({"community": cid, "code": "small_sample",
                      "params": {"measures": measures, "n": n, "min": survey.min_sample}})
    types = list(survey.respondent_types)
    asked = pd.MultiIndex.from_product([totals.index, types]).isin(by_type.index).reshape(len(totals), len(types))
    short = np.flatnonzero(~asked.all(axis=1))
    for cid, row in zip(totals.index[short].tolist(), asked[short].tolist(), strict=True):
        found.append({"community": cid, "code": "missing_type",
                      "params": {"types": [t for t, a in zip(types, row, strict=True) if not a]}})
    return found


def merge_rates(frame: pd.DataFrame, result: SurveyResult | None) -> tuple[pd.DataFrame, pd.DataFrame | None,
                                                                          pd.DataFrame]:
    """Computed rates in place of typed ones. Returns (frame, sources, conflicts): sources says per
    community and field "survey" | "table" | NA (unknown); conflicts lists typed rates further than
    CONFLICT_POINTS from the computed ones (columns community, field, typed, computed, n)."""
    fields = [f for f in (*RATE_FIELDS, SAMPLE_FIELD) if f in frame]  # a standard may have fewer, or none
    if not fields:
        return frame, None, pd.DataFrame(columns=["community", "field", "typed", "computed", "n"])
    typed = frame[fields].astype("Float64")
    if result is None or result.totals.empty:
        computed = pd.DataFrame(pd.NA, index=frame.index, columns=fields, dtype="Float64")
    else:
        t = result.totals.reindex(frame.index)
        computed = pd.DataFrame({f: t[f"{m}_rate"] for m, (_, f) in MEASURES.items()}
                                | {SAMPLE_FIELD: t["respondents"]})[fields].astype("Float64")
    use = computed.notna()
    sources = np.full(use.shape, None, dtype=object)
    sources[typed.notna().to_numpy()] = "table"
    sources[use.to_numpy()] = "survey"
    sources = pd.DataFrame(sources, index=frame.index, columns=fields, dtype=object)
    merged = frame.copy(deep=False)  # copy-on-write: the caller's frame keeps its own columns
    merged[fields] = typed.mask(use, computed)

    rates = [f for f in RATE_FIELDS if f in fields]
    gap = (typed[rates] - computed[rates]).abs()
    rows = []
    for cid, f in _hits(gap.gt(CONFLICT_POINTS)):
        m = next(k for k, (_, fld) in MEASURES.items() if fld == f)
        rows.append({"community": cid, "field": f, "typed": float(typed.at[cid, f]),
                     "computed": float(computed.at[cid, f]), "n": int(result.totals.at[cid, f"{m}_n"])})
    conflicts = pd.DataFrame(rows, columns=["community", "field", "typed", "computed", "n"])
    return merged, sources, conflicts


def _hits(mask: pd.DataFrame) -> list[tuple]:
    """(index, column) of every True cell of a boolean frame (NA counts as False)."""
    rows, cols = np.nonzero(mask.fillna(False).to_numpy(dtype=bool))
    return [(mask.index[i], mask.columns[j]) for i, j in zip(rows, cols, strict=True)]


# ---- what a rate finding says about its sample ---------------------------------------------------

def rate_samples(frame: pd.DataFrame, sources: pd.DataFrame, result: SurveyResult | None) -> pd.DataFrame:
    """Per community and survey rate: the answers behind it and its 95 % interval, in whole columns.

    A computed rate uses the answers to its own question; a typed one the typed 测评有效样本数."""
    if sources is None:
        return None
    out = {}
    typed_n = (frame[SAMPLE_FIELD] if SAMPLE_FIELD in frame else pd.Series(np.nan, index=frame.index)).astype("float64")
    totals = result.totals.reindex(frame.index) if result is not None else None
    for m, (_, f) in MEASURES.items():
        if f not in frame:
            continue
        source = sources[f].to_numpy()
        from_survey = source == "survey"
        rate = frame[f].astype("float64")
        n = typed_n.where(source == "table")
        low, high = wilson(rate * n / 100, n)  # the typed rate as it is: Wilson's formula needs only p and n
        low, high = pd.Series(100 * low, index=frame.index), pd.Series(100 * high, index=frame.index)
        if totals is not None:
            n = n.mask(from_survey, totals[f"{m}_n"].astype("float64"))
            low, high = low.mask(from_survey, totals[f"{m}_low"]), high.mask(from_survey, totals[f"{m}_high"])
        out |= {f"{f}:n": n, f"{f}:low": low, f"{f}:high": high}
    return pd.DataFrame(out, index=frame.index)


def rate_context(column, field: str, i: int) -> dict:
    """Where the rate of the community at row i came from, on how many answers, and its 95 % interval.

    column(table, name): records.<table>[name] ("frame", "rate_sources", "rate_samples") as an array
    in row order, None if there is none (results.audit.index.Columns.column: .at per finding is too slow)."""
    sources, n = column("rate_sources", field), column("rate_samples", f"{field}:n")
    source = sources[i] if sources is not None else "table" if pd.notna(column("frame", field)[i]) else None
    ctx = {"source": source, "sample": None, "interval": None}
    if n is not None and pd.notna(n := n[i]):
        ctx["sample"] = int(n)
        if n > 0:
            ctx["interval"] = [round(float(column("rate_samples", f"{field}:{k}")[i]), 1) for k in ("low", "high")]
    return ctx


def rate_note(finding: dict, minimum: float, min_sample: int, lang: str = "zh") -> str:
    """“；25 份，95% 区间 80–100%，样本不足 30 份”: the interval when the threshold lies inside it (the
    answers cannot tell whether the bar is met; rounded outwards, so it never looks narrower than it
    is), and a small sample. A rate whose whole interval is above or below the bar needs neither."""
    n, interval = finding.get("sample"), finding.get("interval")
    if n is None or finding.get("actual") is None:
        return ""
    parts = []
    if interval and interval[0] < minimum <= interval[1]:
        parts.append(t("rate_note.interval", lang, n=n, lo=math.floor(interval[0]), hi=math.ceil(interval[1])))
    if n < min_sample:
        if not parts:
            parts.append(t("rate_note.only", lang, n=n))
        parts.append(t("rate_note.small_sample", lang, min=min_sample))
    if not parts:
        return ""
    return sep(lang) + sep(lang, "comma").join(parts)
