"""Escaping of user text (community names, messages, the standards pack's words) for the text
formats: one HTML escape and one Markdown escape, used by every result kind that writes them."""

from __future__ import annotations

import html


def html_text(value) -> str:
    """Text or an attribute value in HTML: & < > " ' escaped."""
    return html.escape(str(value))


_MD_ACTIVE = str.maketrans({"[": "\\[", "]": "\\]", "!": "\\!"})


def md_text(value) -> str:
    """User text in a Markdown table cell, heading or list item: no raw HTML (a name such as
    `<img src=x onerror=alert(1)>` shows as text), no links or images (`![x](http://…)` would load a
    remote image whenever the report is viewed), no column breaks or line breaks. None
    is empty."""
    text = html.escape("" if value is None else str(value), quote=False).translate(_MD_ACTIVE)
    return text.replace("|", "\\|").replace("\n", " ")


def md_code(value) -> str:
    """Text inside a Markdown code span (`…`), where HTML is not read: only the line and column
    breaks are kept out."""
    return ("" if value is None else str(value)).replace("|", "\\|").replace("\n", " ")


def md_table(head: list[str], rows: list[list]) -> list[str]:
    """A Markdown table; every cell through md_text."""
    return ["| " + " | ".join(md_text(h) for h in head) + " |", "|" + "---|" * len(head),
            *("| " + " | ".join(md_text(v) for v in row) + " |" for row in rows)]
