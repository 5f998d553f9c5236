"""Markdown: a district table, then every community's gaps grouped by aspect and task."""

from __future__ import annotations

import html

from jingpin_cli.formats.audit.columns import status_word
from jingpin_cli.results.audit.report import GAP_STATUSES, Report, iter_records
from jingpin_cli.text.messages import pick


def _cell(text) -> str:
    """User text in a table cell or heading: no raw HTML, no column breaks, no line breaks."""
    return html.escape(str(text), quote=False).replace("|", "\\|").replace("\n", " ")


def render(report: Report, lang: str = "zh") -> str:
    en = lang == "en"
    std = report.standard
    out = [f"# {pick(std.title, lang)}", ""]
    out.append(f"{'Standard' if en else '标准'}: `{std.id}` {std.version} · "
               f"{'communities' if en else '社区数'}: {len(report.summary)}")
    out.append("")
    head = ["id", "name", "score", "grade", "eligible", "gaps", "unknown"] if en else \
        ["编码", "社区", "总分", "等次", "可评选", "差距项", "未知项"]
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    records = list(iter_records(report, lang))
    for r in records:
        gaps = sum(f["status"] in GAP_STATUSES for f in r["findings"])
        unknown = sum(f["status"] == "unknown" for f in r["findings"])
        yes = ("yes" if r["eligible"] else "no") if en else ("是" if r["eligible"] else "否")
        out.append("| " + " | ".join(_cell(v) for v in (r["id"], r["name"], r["score"], r["grade"], yes, gaps, unknown)) + " |")
    for r in records:
        out += ["", f"## {_cell(r['name'])} ({_cell(r['id'])}) — {r['score']} · {r['grade']}", ""]
        for area in r["areas"]:
            findings = [f for f in r["findings"] if f["area"] == area["id"] and f["status"] not in ("pass",)]
            out.append(f"### {area['title']} {area['score']}/{area['max']}")
            if not findings:
                out.append("- " + ("all met" if en else "全部达标"))
            for f in findings:
                out.append(f"- **{status_word(f['status'], lang)}** {_cell(f['message'])} `{f['rule']}`")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
