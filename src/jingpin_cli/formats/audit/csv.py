"""CSV: one row per community, UTF-8 with BOM so that Excel on Chinese Windows opens it right.
Yielded in ~1 MB pieces (write_atomic and emit take them as they come), never held whole."""

from __future__ import annotations

import csv
import io
from typing import Iterator

from jingpin_cli.formats.audit.columns import summary_columns, summary_rows
from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.results.audit.report import Report

CHUNK = 1 << 20  # characters per written piece: a national file is ~140 MB, never held whole


def render(report: Report, lang: str = "zh") -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write("\ufeff")
    writer.writerow(summary_columns(report, lang))
    for row in summary_rows(report, lang, gaps=100):
        writer.writerow([safe_cell(v) for v in row])
        if buf.tell() > CHUNK:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()
