"""CSV: one row per community, UTF-8 with BOM so that Excel on Chinese Windows opens it right."""

from __future__ import annotations

import csv
import io

from jingpin_cli.formats.cells import safe_cell
from jingpin_cli.formats.columns import summary_columns, summary_rows
from jingpin_cli.report import Report


def render(report: Report, lang: str = "zh") -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(summary_columns(report, lang))
    for row in summary_rows(report, lang, gaps=100):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()
