"""Excel workbook: a summary sheet, every rule's result per community, and the gaps alone.

Written in openpyxl's write-only mode so memory stays flat however many communities there are;
column widths are fitted to the first rows (CJK characters count double) before rows stream in.
Every text cell goes through safe_cell: a community named "=HYPERLINK(…)" stays text. The sheets
are written by the kit's sheet writer (formats/kit/sheets.py): each prints landscape on A4, one
page wide, its header on every page, long texts wrapped. 汇总 lists the communities best first, so
its 排名 column reads 1, 2, 3…; a last 说明 sheet names the standard, the data files and the date."""

from __future__ import annotations

import numpy as np
from openpyxl.worksheet.worksheet import Worksheet

from jingpin_cli.arrays import object_array, plain
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import summary_columns, summary_rows
from jingpin_cli.formats.kit.about import closing_rows, standard_rows, write_about
from jingpin_cli.formats.kit.dates import report_date
from jingpin_cli.formats.kit.sheets import WRAP, Cells, Look, Sheet, StatusCell, saved, status_cell, workbook
from jingpin_cli.results.audit.index import GAP_STATUSES, group_values
from jingpin_cli.results.audit.record import findings, points_lost
from jingpin_cli.results.audit.report import Report
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import sep, word, words, yes_no

SAMPLE = 200  # communities whose rows set the column widths
WRAPPED = ["audit.xlsx.missing", "audit.xlsx.message"]  # long texts: wrapped at a set width
SUMMARY_WRAP = ["audit.col.grade_reason", "audit.col.main_gaps"]


def SUMMARY_LOOK(columns: dict) -> Look:  # noqa: N802 - a Look, as the other sheets' constants
    """汇总 is the sheet a leader reads and pins up: its 22 columns printed on A4 came out at about 60 %.
    It prints on A3 landscape (every office copier takes A3; the other sheets, read at a desk, stay A4),
    its headers wrap onto two lines so that the columns of numbers and 是/否 are as narrow as their
    values, and its two long texts wrap at 15 Chinese characters: about 210 columns of width, 90 % on A3."""
    return Look(freeze="D2", statuses=True, columns=columns, header_lines=2,
                paper=Worksheet.PAPERSIZE_A3)

RESULT_COLUMNS = ["audit.col.id", "audit.col.name", "audit.xlsx.aspect", "audit.xlsx.task", "audit.xlsx.rule",
                  "audit.xlsx.item", "audit.xlsx.status", "audit.xlsx.actual", "audit.xlsx.required",
                  "audit.xlsx.shortfall",
                  "audit.xlsx.unit", "audit.xlsx.missing", "audit.xlsx.points", "audit.xlsx.max_points",
                  "audit.xlsx.verify",
                  "audit.xlsx.message"]
GAP_COLUMNS = ["audit.col.id", "audit.col.name", "audit.col.street", "audit.xlsx.aspect", "audit.xlsx.task",
               "audit.xlsx.item", "audit.xlsx.status", "audit.xlsx.lost", "audit.xlsx.shortfall", "audit.xlsx.unit",
               "audit.xlsx.missing", "audit.xlsx.verify", "audit.xlsx.message", "audit.xlsx.rule"]


def render(report: Report, options: Options = PLAIN) -> bytes:
    lang = options.lang
    wb = workbook()
    summary_head = [word("audit.col.rank", lang), *summary_columns(report, lang)]
    summary = Sheet(wb, word("audit.sheet.summary", lang), summary_head,
                    SUMMARY_LOOK(_wrapped(summary_head, SUMMARY_WRAP, lang)))
    summary.start(_summary_rows(report, lang))

    result_head = words(RESULT_COLUMNS, lang)
    results = Sheet(wb, word("audit.sheet.results", lang), result_head,
                    Look(freeze="C2", statuses=True, columns=_wrapped(result_head, WRAPPED, lang)))
    gap_head = words(GAP_COLUMNS, lang, **report.standard.words(lang))
    gaps = Sheet(wb, word("audit.sheet.gaps", lang), gap_head,
                 Look(freeze="C2", statuses=True, columns=_wrapped(gap_head, WRAPPED, lang)))
    rows = _Rows(report, lang)
    first = range(min(SAMPLE, rows.n))
    results.start([r for i in first for r in rows.results(i)])
    gaps.start([r for i in first for r in rows.gaps(i)])
    for i in range(len(first), rows.n):  # the rest, streamed
        results.extend(rows.results(i))
        gaps.extend(rows.gaps(i))
    for sheet in (summary, results, gaps):
        sheet.finish()
    write_about(wb, _about(report, options), lang)
    return saved(wb)


def _wrapped(header: list[str], keys: list[str], lang: str) -> dict[str, str]:
    names = set(words(keys, lang))
    return {name: WRAP for name in header if name in names}


def _summary_rows(report: Report, lang: str) -> list[list]:
    """The CSV's columns with a rank in front, best first (ties keep the data's order); the gate
    columns coloured by their status."""
    columns = summary_columns(report, lang)
    cols = report.index.columns
    gates = [(columns.index(pick(g, lang)), cols.column("summary", f"gate.{g.id}")) for g in report.standard.gates]
    cells: dict[str, StatusCell] = {}  # one per status
    ranks = report.summary["score"].rank(method="min", ascending=False).astype(int)
    rows = []
    for i, (rank, row) in enumerate(zip(ranks, summary_rows(report, lang, gaps=100), strict=True)):
        for at, status in gates:
            cell = cells.get(status[i])
            row[at] = cell if cell is not None else cells.setdefault(status[i], status_cell(status[i], lang))
        rows.append([int(rank), *row])
    rows.sort(key=lambda row: row[0])  # stable: equal ranks stay in the data's order
    return rows


class _Rows:
    """The rows of 逐项结果 and 问题清单, community by community. A finding's columns are the same for
    every community sharing its variant (results.audit.record.FindingTable): they are made once per
    variant, as the kit's shared Cells, and written as XML once."""

    def __init__(self, report: Report, lang: str):
        self.report, self.lang = report, lang
        cols, table = report.index.columns, findings(report, lang)
        self.rules = list(report.standard.rules)
        self.n = len(cols.ids)
        self.ids, self.names = cols.ids, cols.column("frame", "name")
        street = cols.column("frame", "street")
        codes, first = group_values(street)
        self.streets = object_array([plain(street[i]) for i in first])[codes]
        aspects, tasks = _context(report, lang)
        self.codes, self.result_cells, self.gap_cells = [], [], []
        key = np.full((self.n, len(self.rules)), np.inf)  # minus the points lost; inf = not a gap
        for r, rule in enumerate(self.rules):
            codes, first = table.codes(rule)
            variants = [table.finding(rule, int(at)) for at in first]
            self.codes.append(codes)
            self.result_cells.append([Cells(_result_cells(report, f, aspects, tasks, lang)) for f in variants])
            self.gap_cells.append([Cells(_gap_cells(report, f, aspects, tasks, lang)) for f in variants])
            lost = np.array([-points_lost(f) if f["status"] in GAP_STATUSES else np.inf for f in variants])
            key[:, r] = lost[codes]
        # each community's gaps, the costliest first (a veto before everything), equal losses in rule
        # order: a stable sort of the same key the findings were sorted by one community at a time
        self.gap_order = np.argsort(key, axis=1, kind="stable")
        self.gap_count = (key != np.inf).sum(axis=1)

    def results(self, i: int) -> list[list]:
        cid, name = self.ids[i], self.names[i]
        return [[cid, name, cells[codes[i]]] for codes, cells in zip(self.codes, self.result_cells, strict=True)]

    def gaps(self, i: int) -> list[list]:
        cid, name, street = self.ids[i], self.names[i], self.streets[i]
        return [[cid, name, street, self.gap_cells[r][self.codes[r][i]]]
                for r in self.gap_order[i, :self.gap_count[i]].tolist()]


def _about(report: Report, options: Options) -> list[list]:
    files = list(report.records.sources)
    survey = report.records.survey
    files += list(survey.files) if survey is not None else []
    return standard_rows(report.standard, options.lang) + closing_rows(files, report_date(options.date),
                                                                        options.lang)


def _labels(report: Report, keys: list[str], lang: str) -> str:
    return sep(lang, "list").join(pick(report.standard.field(k), lang) for k in keys)


def _value(value, lang: str):
    if isinstance(value, bool):
        return yes_no(value, lang)
    return value


def _context(report: Report, lang: str):
    std = report.standard
    aspects = {a.id: a for a in std.aspects}
    return aspects, {(a.id, t.id): pick(t, lang) for a in std.aspects for t in a.tasks}


def _result_cells(report: Report, f: dict, aspects: dict, tasks: dict, lang: str) -> list:
    """A finding's columns of 逐项结果, after the community's id and name."""
    return [pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])], f["rule"], f["title"],
            status_cell(f["status"], lang), _value(f["actual"], lang), _value(f["required"], lang), f["shortfall"],
            f["unit"], _labels(report, f["missing"], lang), f["points"], f["max_points"], f["verify"], f["message"]]


def _gap_cells(report: Report, f: dict, aspects: dict, tasks: dict, lang: str) -> list:
    """A gap's columns of 问题清单, after the community's id, name and street."""
    return [pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])], f["title"], status_cell(f["status"], lang),
            _lost_cell(f), f["shortfall"], f["unit"], _labels(report, f["missing"], lang), f["verify"], f["message"],
            f["rule"]]


def _lost_cell(f: dict):
    lost = points_lost(f)
    return None if lost == float("inf") else round(lost, 2)
