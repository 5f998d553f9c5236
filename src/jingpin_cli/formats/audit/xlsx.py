"""Excel workbook: a summary sheet, every rule's result per community, and the gaps alone.

Written in openpyxl's write-only mode so memory stays flat however many communities there are;
column widths are fitted to the first rows (CJK characters count double) before rows stream in.
Every text cell goes through safe_cell: a community named "=HYPERLINK(…)" stays text. The sheets
are written by the kit's sheet writer (formats/kit/sheets.py)."""

from __future__ import annotations

from itertools import islice

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import summary_columns, summary_rows
from jingpin_cli.formats.kit.sheets import Look, Sheet, saved, status_cell, workbook
from jingpin_cli.results.audit.index import GAP_STATUSES
from jingpin_cli.results.audit.record import iter_records, points_lost
from jingpin_cli.results.audit.report import Report
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import sep, word, words, yes_no

SAMPLE = 200  # communities whose rows set the column widths

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
    summary = Sheet(wb, word("audit.sheet.summary", lang),
                    [word("audit.col.rank", lang), *summary_columns(report, lang)],
                    Look(freeze="D2", statuses=True))
    summary.start(list(_summary_rows(report, lang)))

    results = Sheet(wb, word("audit.sheet.results", lang), words(RESULT_COLUMNS, lang),
                    Look(freeze="C2", statuses=True))
    gaps = Sheet(wb, word("audit.sheet.gaps", lang), words(GAP_COLUMNS, lang, **report.standard.words(lang)),
                 Look(freeze="C2", statuses=True))
    records = iter_records(report, lang)
    first = list(islice(records, SAMPLE))
    results.start([r for rec in first for r in _result_rows(report, rec, lang)])
    gaps.start([r for rec in first for r in _gap_rows(report, rec, lang)])
    for rec in records:  # the rest, streamed
        results.extend(_result_rows(report, rec, lang))
        gaps.extend(_gap_rows(report, rec, lang))
    for sheet in (summary, results, gaps):
        sheet.finish()
    return saved(wb)


def _summary_rows(report: Report, lang: str):
    """The CSV's columns with a rank in front; the gate columns coloured by their status."""
    columns = summary_columns(report, lang)
    gates = [(columns.index(pick(g, lang)), f"gate.{g.id}") for g in report.standard.gates]
    s = report.summary
    ranks = s["score"].rank(method="min", ascending=False).astype(int)
    for cid, rank, row in zip(report.ids, ranks, summary_rows(report, lang, gaps=100), strict=True):
        for at, key in gates:
            row[at] = status_cell(s.at[cid, key], lang)
        yield [int(rank), *row]


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


def _result_rows(report: Report, rec: dict, lang: str):
    aspects, tasks = _context(report, lang)
    for f in rec["findings"]:
        yield [
            rec["id"], rec["name"], pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])], f["rule"],
            f["title"],
            status_cell(f["status"], lang), _value(f["actual"], lang), _value(f["required"], lang), f["shortfall"],
            f["unit"],
            _labels(report, f["missing"], lang), f["points"], f["max_points"], f["verify"], f["message"],
        ]


def _gap_rows(report: Report, rec: dict, lang: str):
    """Gaps of one community, the costliest first (a veto before everything)."""
    aspects, tasks = _context(report, lang)
    gaps = [f for f in rec["findings"] if f["status"] in GAP_STATUSES]
    gaps.sort(key=lambda f: -points_lost(f))
    for f in gaps:
        yield [
            rec["id"], rec["name"], rec["street"], pick(aspects[f["area"]], lang), tasks[(f["area"], f["task"])],
            f["title"], status_cell(f["status"], lang), _lost_cell(f), f["shortfall"], f["unit"],
            _labels(report, f["missing"], lang),
            f["verify"], f["message"], f["rule"],
        ]


def _lost_cell(f: dict):
    lost = points_lost(f)
    return None if lost == float("inf") else round(lost, 2)
