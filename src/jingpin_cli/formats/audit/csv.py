"""CSV: one row per community (the kit's CSV writer: UTF-8 with BOM, streamed in ~1 MB pieces)."""

from __future__ import annotations

from typing import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import summary_columns, summary_rows
from jingpin_cli.formats.kit.csv import csv_chunks
from jingpin_cli.results.audit.report import Report


def render(report: Report, options: Options = PLAIN) -> Iterator[str]:
    lang = options.lang
    return csv_chunks(summary_columns(report, lang), summary_rows(report, lang, gaps=100))
