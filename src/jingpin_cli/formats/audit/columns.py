"""The flat, one-row-per-community view shared by CSV and the terminal district table."""

from __future__ import annotations

import numpy as np
import pandas as pd

from jingpin_cli.arrays import object_array, plain
from jingpin_cli.formats.kit.status import status_word
from jingpin_cli.results.audit.grades import grade_reasons, stars_text
from jingpin_cli.results.audit.index import GAP_STATUSES, group_values
from jingpin_cli.results.audit.record import finding, findings, grade_label
from jingpin_cli.results.audit.report import Report
from jingpin_cli.rules.base import UNKNOWN
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import sep, word, words, yes_no


def summary_columns(report: Report, lang: str) -> list[str]:
    std = report.standard
    cols = words(["id", "name", "street", "score", "grade", "eligible", "vetoed", "unknown", "gaps"], lang,
                 "audit.col.", **std.words(lang))
    cols[5:5] = extra_columns(report, lang)
    cols += [f"{pick(a, lang)}({a.points:g})" for a in std.aspects]
    cols += [pick(g, lang) for g in std.gates]
    cols.append(word("audit.col.main_gaps", lang))
    return cols


def summary_rows(report: Report, lang: str, gaps: int = 3):
    """Rows of plain values in summary_columns order (summary_table, row by row)."""
    table = [values.block(0, len(values)) if isinstance(values, GapTexts)
             else values if codes is None else object_array(values)[codes].tolist()
             for codes, values in summary_table(report, lang, gaps)]
    for row in zip(*table, strict=True):
        yield list(row)


def summary_table(report: Report, lang: str, gaps: int = 3) -> list[tuple[np.ndarray | None, list]]:
    """The summary_columns as columns, each (code per row, value per code), or (None, value per row)
    where nearly every row differs: each value converted once per distinct value of its column, the
    main gaps from each rule's variants (per-row reads are slow at scale) as GapTexts, made a block
    of rows at a time."""
    std, cols = report.standard, report.index.columns
    yes, no = yes_no(True, lang), yes_no(False, lang)

    def each(table: str, name: str, convert) -> tuple[np.ndarray, list]:
        values = cols.column(table, name)
        codes, first = group_values(values)
        if convert is rounded:  # scores: tens of thousands of distinct values, rounded at once
            return codes, rounded_as_python(values[first].astype(float), 2).tolist()
        return codes, [convert(values[i]) for i in first]

    def rounded(v):
        return round(float(v), 2)

    return [
        (None, cols.ids.tolist()), (None, cols.column("frame", "name").tolist()),
        each("frame", "street", text_or_blank),
        each("summary", "score", rounded), each("summary", "grade", lambda g: grade_label(std, g, lang)),
        *extra_values(report, lang, each),
        each("summary", "eligible", lambda v: yes if v else no), each("summary", "vetoed", lambda v: yes if v else no),
        each("summary", "unknown_rules", int), each("summary", "gaps", int),
        *[each("summary", f"aspect.{a.id}", rounded) for a in std.aspects],
        *[each("summary", f"gate.{g.id}", lambda s: status_word(s, lang)) for g in std.gates],
        (None, GapTexts(report, lang, gaps)),  # made a block of rows at a time where they are written
    ]


def rounded_as_python(values: np.ndarray, digits: int) -> np.ndarray:
    """round(v, digits) of each float, as Python rounds it (to the nearest decimal, exactly), on the
    whole array: numpy's scaled rounding gives the same float except where v × 10**digits lies
    within rounding error of a half, and those few are rounded by Python."""
    scaled = values * 10.0**digits
    out = np.round(values, digits)
    with np.errstate(invalid="ignore"):  # ±inf and NaN are never near a half: round() keeps them
        near_half = np.abs(scaled - np.floor(scaled) - 0.5) < 1e-6 * np.maximum(1.0, np.abs(scaled))
    for i in np.flatnonzero(near_half).tolist():
        out[i] = round(float(values[i]), digits)
    return out


def extra_columns(report: Report, lang: str) -> list[str]:
    """Columns after the grade: 数据不全, penalty (packs with penalties), grade reason, stars (packs
    with stars)."""
    std, cols = report.standard, [word("audit.col.incomplete", lang)]
    if "penalty" in report.summary.columns:
        cols.append(word("audit.col.penalty", lang))
    cols.append(word("audit.col.grade_reason", lang))
    if std.stars is not None:
        cols.append(word("audit.col.stars", lang))
    return cols


def extra_values(report: Report, lang: str, each) -> list[tuple]:
    """The values of extra_columns, column by column (as summary_table's columns)."""
    std = report.standard
    out = [each("summary", "incomplete", lambda v: yes_no(True, lang) if v else "")]
    if "penalty" in report.summary.columns:
        out.append(each("summary", "penalty", lambda v: round(float(v), 2)))
    out.append((None, [reason or "" for reason in grade_reasons(report, lang)]))
    if std.stars is not None:
        out.append(each("summary", "stars", lambda n: stars_text(n, len(std.aspects), lang)))
    return out


def main_gaps(report: Report, cid: str, lang: str, limit: int = 3) -> list[str]:
    """The gaps that cost the most points (veto first; equal losses in rule order), as messages.
    For a few communities (a terminal table): each finding built directly, as grouping every
    community's variants of a rule (main_gap_texts) costs more than it saves."""
    order, count = report.index.gap_order()
    i = report.index.columns.pos[cid]
    rules = report.standard.rules
    return [finding(report, rules[r], cid, lang)["message"] for r in order[i, :min(int(count[i]), limit)]]


def main_gap_texts(report: Report, lang: str, limit: int = 3) -> list[str]:
    """main_gaps of every community, joined, at once (GapTexts, in one block)."""
    texts = GapTexts(report, lang, limit)
    return texts.block(0, len(texts))


class GapTexts:
    """main_gaps of every community, joined, a block of communities at a time. Each rule's message is
    built once per variant of its finding (results.audit.record.FindingTable) that some community
    shows, all found at once on whole columns; a block then takes its messages by number. In blocks,
    because the joined texts of 600 000 communities (up to 100 gaps each in the CSV) took a gigabyte
    held at once."""

    def __init__(self, report: Report, lang: str, limit: int):
        self.order, count = report.index.gap_order()
        self.shown = np.minimum(count, limit)
        self.lang = lang
        table, rules = findings(report, lang), report.standard.rules
        n, width = self.order.shape
        place = np.empty_like(self.order)  # place[i, r]: where rule r comes in row i's order
        place[np.arange(n)[:, None], self.order] = np.arange(width, dtype=self.order.dtype)
        # message number of each (row, rule): the rule's first number plus its variant code
        self.number = np.empty((n, width), dtype=np.int32)
        texts: list = []
        for r, rule in enumerate(rules):
            codes, first = table.codes(rule)
            self.number[:, r] = len(texts) + codes
            variants = [None] * len(first)
            for c in np.unique(codes[place[:, r] < self.shown]).tolist():  # the variants some community shows
                variants[c] = table.finding(rule, int(first[c]))["message"]
            texts += variants
        self.texts = object_array(texts)

    def __len__(self) -> int:
        return len(self.shown)

    def block(self, start: int, stop: int) -> list[str]:
        shown = self.shown[start:stop]
        rows, place = np.nonzero(np.arange(self.order.shape[1]) < shown[:, None])  # each message shown, in order
        messages = self.texts[self.number[start + rows, self.order[start + rows, place]]].tolist()
        ends = np.cumsum(shown).tolist()
        between = sep(self.lang)
        return [between.join(messages[a:b]) for a, b in zip([0, *ends], ends, strict=False)]


def text_or_blank(value) -> str:
    """A value as a cell shows it: NA as blank."""
    return "" if pd.isna(value) else str(value)


class District:
    """What the overview and the ranking show of every community, as columns of the report's index
    (each value converted once per distinct value, as the canonical record converts it); a
    community's whole record is built only for the sections on the page."""

    def __init__(self, report: Report, lang: str):
        std, cols = report.standard, report.index.columns
        self.report, self.n = report, len(cols.ids)

        def column(table: str, name: str, convert, digits: int | None = None) -> list:
            values = cols.column(table, name)
            if digits is not None:
                values = np.round(values.astype(float), digits)  # as round() rounds each of its scalars
            codes, first = group_values(values)
            return object_array([convert(values[i]) for i in first])[codes].tolist()

        self.ids, self.names = cols.ids.tolist(), cols.column("frame", "name").tolist()
        self.streets = column("frame", "street", plain)
        self.scores = column("summary", "score", plain, 2)
        self.grade_ids = column("summary", "grade", str)
        self.grades = column("summary", "grade", lambda g: grade_label(std, g, lang))
        self.incomplete, self.eligible, self.vetoed = (column("summary", k, bool)
                                                       for k in ("incomplete", "eligible", "vetoed"))
        self.unknown_rules = column("summary", "unknown_rules", int)
        # per aspect: (id, title, what each community can earn in it, its points)
        self.aspects = [(a.id, pick(a, lang), column("summary", f"aspect_max.{a.id}", plain),
                         column("summary", f"aspect.{a.id}", plain, 2)) for a in std.aspects]
        self.stars = column("summary", "stars", int) if std.stars is not None else None
        self.bonus = column("summary", "bonus", plain)
        self.penalty = column("summary", "penalty", plain) if "penalty" in report.summary.columns else None
        self.unknown_points = column("summary", "unknown_points", plain, 2)
        # findings that fail or partly meet, and blank ones, as the records count them
        gaps, unknown = np.zeros(self.n, dtype=np.int64), np.zeros(self.n, dtype=np.int64)
        for rule in std.rules:
            status = cols.rule(rule.id).status
            gaps += np.isin(status, GAP_STATUSES)
            unknown += status == UNKNOWN
        self.gaps, self.unknown = gaps.tolist(), unknown.tolist()
        self.ranked = np.argsort(-np.array(self.scores, dtype=float), kind="stable")  # best first, ties in order

    def record(self, i: int) -> dict:
        """The parts of community i's canonical record the overview and ranking read, and its gaps."""
        r = {"id": self.ids[i], "name": self.names[i], "street": self.streets[i], "score": self.scores[i],
             "grade": self.grades[i], "grade_id": self.grade_ids[i], "eligible": self.eligible[i],
             "vetoed": self.vetoed[i], "unknown_rules": self.unknown_rules[i], "incomplete": self.incomplete[i],
             "areas": [{"id": a, "title": title, "score": scores[i], "max": tops[i]}
                       for a, title, tops, scores in self.aspects],
             "gaps": self.gaps[i]}
        if self.stars is not None:
            r["stars"], r["stars_max"] = self.stars[i], len(self.aspects)
        return r
