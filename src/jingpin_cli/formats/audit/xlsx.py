"""Excel workbook: a summary sheet, every rule's result per community, and the gaps alone.

Written in openpyxl's write-only mode so memory stays flat however many communities there are;
column widths are fitted to the first rows (CJK characters count double) before rows stream in.
Every text cell goes through safe_cell: a community named "=HYPERLINK(…)" stays text."""

from __future__ import annotations

import io
from copy import copy
from itertools import islice
from typing import NamedTuple

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from jingpin_cli.formats.audit.columns import status_word, summary_columns, summary_rows
from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.results.audit.report import GAP_STATUSES, Report, iter_records
from jingpin_cli.text.messages import pick

EXCEL_MAX_ROWS = 1_048_576
SAMPLE = 200  # communities whose rows set the column widths
MIN_WIDTH, MAX_WIDTH = 6, 60

# Excel's own "good / neutral / bad" cell styles, so the colours read the way office users expect.
STATUS_STYLE = {
    "pass": ("C6EFCE", "006100"),
    "partial": ("FFEB9C", "9C5700"),
    "fail": ("FFC7CE", "9C0006"),
    "unknown": ("E4DFEC", "5B3C88"),
    "waived": ("DDEBF7", "1F4E78"),
}

SHEETS = {"summary": ("汇总", "Summary"), "results": ("逐项结果", "Results"), "gaps": ("差距清单", "Gaps")}

RESULT_COLUMNS = [
    ("社区编码", "id"), ("社区名称", "name"), ("方面", "aspect"), ("任务", "task"), ("规则编号", "rule"),
    ("项目", "item"), ("状态", "status"), ("实际值", "actual"), ("标准", "required"), ("差距", "shortfall"),
    ("单位", "unit"), ("缺项", "missing"), ("得分", "points"), ("满分", "max points"), ("核查方式", "verified by"),
    ("说明", "message"),
]
GAP_COLUMNS = [
    ("社区编码", "id"), ("社区名称", "name"), ("所属街道", "street"), ("方面", "aspect"), ("任务", "task"),
    ("项目", "item"), ("状态", "status"), ("失分", "points lost"), ("差距", "shortfall"), ("单位", "unit"),
    ("缺项", "missing"), ("核查方式", "verified by"), ("说明", "message"), ("规则编号", "rule"),
]


class Status(NamedTuple):
    """A status cell: shown as its word in the sheet's language and filled with its colour."""

    status: str
    text: str


def render(report: Report, lang: str = "zh") -> bytes:
    en = lang == "en"
    wb = Workbook(write_only=True)
    summary = _Sheet(wb, SHEETS["summary"][en], ["排名" if not en else "rank", *summary_columns(report, lang)], freeze="D2")
    summary.start(list(_summary_rows(report, lang)))

    results = _Sheet(wb, SHEETS["results"][en], [c[en] for c in RESULT_COLUMNS], freeze="C2")
    gaps = _Sheet(wb, SHEETS["gaps"][en], [c[en] for c in GAP_COLUMNS], freeze="C2")
    records = iter_records(report, lang)
    first = list(islice(records, SAMPLE))
    results.start([r for rec in first for r in _result_rows(report, rec, lang)])
    gaps.start([r for rec in first for r in _gap_rows(report, rec, lang)])
    for rec in records:  # the rest, streamed
        results.extend(_result_rows(report, rec, lang))
        gaps.extend(_gap_rows(report, rec, lang))
    for sheet in (summary, results, gaps):
        sheet.finish()
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _status(status: str, lang: str) -> Status:
    return Status(status, status_word(status, lang))


def _summary_rows(report: Report, lang: str):
    """The CSV's columns with a rank in front; the gate columns coloured by their status."""
    columns = summary_columns(report, lang)
    gates = [(columns.index(pick(g, lang)), f"gate.{g.id}") for g in report.standard.gates]
    s = report.summary
    ranks = s["score"].rank(method="min", ascending=False).astype(int)
    for cid, rank, row in zip(report.ids, ranks, summary_rows(report, lang, gaps=100)):
        for at, key in gates:
            row[at] = _status(s.at[cid, key], lang)
        yield [int(rank), *row]


def _labels(report: Report, keys: list[str], lang: str) -> str:
    return ("、" if lang != "en" else ", ").join(pick(report.standard.field(k), lang) for k in keys)


def _value(value, lang: str):
    if isinstance(value, bool):
        return ("yes" if value else "no") if lang == "en" else ("是" if value else "否")
    return value


def _context(report: Report, lang: str):
    std = report.standard
    aspects = {a.id: a for a in std.aspects}
    return aspects, {(a.id, t.id): pick(t, lang) for a in std.aspects for t in a.tasks}


def _result_rows(report: Report, rec: dict, lang: str):
    aspects, tasks = _context(report, lang)
    for f in rec["findings"]:
        yield [
            rec["id"], rec["name"], pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])], f["rule"], f["title"],
            _status(f["status"], lang), _value(f["actual"], lang), _value(f["required"], lang), f["shortfall"], f["unit"],
            _labels(report, f["missing"], lang), f["points"], f["max_points"], f["verify"], f["message"],
        ]


def _gap_rows(report: Report, rec: dict, lang: str):
    """Gaps of one community, the costliest first (a veto before everything)."""
    aspects, tasks = _context(report, lang)
    gaps = [f for f in rec["findings"] if f["status"] in GAP_STATUSES]
    gaps.sort(key=lambda f: -_lost(f))
    for f in gaps:
        yield [
            rec["id"], rec["name"], rec["street"], pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])],
            f["title"], _status(f["status"], lang), _points_lost(f), f["shortfall"], f["unit"], _labels(report, f["missing"], lang),
            f["verify"], f["message"], f["rule"],
        ]


def _lost(f: dict) -> float:
    if f["kind"] == "veto":
        return float("inf")
    return (f["max_points"] or 0) - (f["points"] or 0)


def _points_lost(f: dict):
    lost = _lost(f)
    return None if lost == float("inf") else round(lost, 2)


class _Sheet:
    """One write-only sheet: widths from the first rows, bold frozen header, autofilter, status
    fills, and a continuation sheet ("逐项结果 2") when Excel's row limit is reached."""

    def __init__(self, wb: Workbook, title: str, header: list[str], freeze: str):
        self.wb, self.title, self.header, self.freeze = wb, title, header, freeze
        self.parts, self.rows, self.ws = 0, 0, None
        self.widths: list[float] = []
        self.styles = {}  # status -> a styled template cell, set up per sheet part (see _new_part)

    def start(self, sample: list[list]):
        """Fit the widths to `sample`, open the sheet and write the sample."""
        self.widths = [
            max(MIN_WIDTH, min(MAX_WIDTH, 1 + max([display_width(name) + 2] + [display_width(_shown(r[i])) for r in sample])))
            for i, name in enumerate(self.header)
        ]
        self._new_part()
        self.extend(sample)

    def extend(self, rows):
        for row in rows:
            if self.rows >= EXCEL_MAX_ROWS:
                self._new_part()
            self.ws.append([self._cell(v) for v in row])
            self.rows += 1

    def finish(self):
        if self.ws is not None:
            self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.header))}{self.rows}"
            self.ws = None

    def _cell(self, value):
        if not isinstance(value, Status):  # plain values need no cell object (faster)
            return safe_cell(value)
        cell = WriteOnlyCell(self.ws, value=safe_cell(value.text))
        cell._style = copy(self.styles[value.status]._style)  # reuse the registered style: no per-cell hashing
        return cell

    def _new_part(self):
        self.finish()
        self.parts += 1
        ws = self.wb.create_sheet(self.title if self.parts == 1 else f"{self.title} {self.parts}")
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = self.freeze
        bold, grey = Font(bold=True), PatternFill("solid", fgColor="D9D9D9")
        head = []
        for name in self.header:
            cell = WriteOnlyCell(ws, value=safe_cell(name))
            cell.font, cell.fill = bold, grey
            head.append(cell)
        ws.append(head)
        self.ws, self.rows = ws, 1
        for status, (bg, fg) in STATUS_STYLE.items():
            template = WriteOnlyCell(ws)
            template.fill, template.font = PatternFill("solid", fgColor=bg), Font(color=fg)
            self.styles[status] = template


def _shown(value):
    return value.text if isinstance(value, Status) else value
