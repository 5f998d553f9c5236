"""How wide text shows: East Asian wide characters (汉字, full-width punctuation) take two columns."""

from __future__ import annotations

import unicodedata


def display_width(value) -> int:
    """Columns `value` takes in a monospace grid or an Excel column; CJK characters count as two."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
