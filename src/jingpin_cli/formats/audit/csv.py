"""CSV: one row per community (the kit's CSV writer: UTF-8 with BOM, streamed a block of rows at a time,
each distinct value of a column quoted once)."""

from __future__ import annotations

from typing import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import summary_columns, summary_table
from jingpin_cli.formats.kit.csv import csv_columns
from jingpin_cli.results.audit.report import Report


def render(report: Report, options: Options = PLAIN) -> Iterator[str]:
    lang = options.lang
    return csv_columns(summary_columns(report, lang), summary_table(report, lang, gaps=100))
