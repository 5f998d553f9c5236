"""One status vocabulary for every format: the six status codes, their words (from text.words),
and how each format marks them — a terminal mark and style, an HTML colour, an Excel fill.

The codes themselves (`pass partial fail unknown waived not_applicable`) are what JSON and CSV write as values (a
contract, interfaces.md); every format that shows a word shows status_word(code, lang)."""

from __future__ import annotations

from jingpin_cli.rules.base import STATUSES  # pass, partial, fail, unknown, waived, not_applicable
from jingpin_cli.text.words import STATUS_WORDS, status_word

# the terminal: a mark and a rich style
MARK = {"pass": "✓", "partial": "◐", "fail": "✗", "unknown": "?", "waived": "≈", "not_applicable": "–"}
RICH_STYLE = {"pass": "green", "partial": "yellow", "fail": "red", "unknown": "magenta", "waived": "cyan",
              "not_applicable": "dim"}

# HTML: the colour of the status badges and chart bars
HTML_COLOUR = {"pass": "#1e8449", "partial": "#b9770e", "fail": "#c0392b", "unknown": "#7d3c98", "waived": "#2471a3",
               "not_applicable": "#7f8c8d"}

# Excel: (fill, font colour), Excel's own "good / neutral / bad" cell styles so the colours read the
# way office users expect
XLSX_STYLE = {
    "pass": ("C6EFCE", "006100"),
    "partial": ("FFEB9C", "9C5700"),
    "fail": ("FFC7CE", "9C0006"),
    "unknown": ("E4DFEC", "5B3C88"),
    "waived": ("DDEBF7", "1F4E78"),
    "not_applicable": ("EDEDED", "595959"),
}

__all__ = ["HTML_COLOUR", "MARK", "RICH_STYLE", "STATUSES", "STATUS_WORDS", "XLSX_STYLE", "status_word"]
