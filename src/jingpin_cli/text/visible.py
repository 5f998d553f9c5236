"""Characters a person cannot see, written out where they are shown: a name, a header or a file name
holding ESC (which can clear a terminal or fake a line), a line break (which can start a new line
in a CI log, `::error …`), a zero-width or bidi mark (which makes two texts that look the same
differ). Data formats (JSON, CSV, XLSX) keep text as read; messages show it with visible()."""

from __future__ import annotations

import re

INVISIBLE = re.compile("[\\u00ad\\u200b-\\u200f\\u202a-\\u202e\\u2060-\\u2064\\ufeff]")
CONTROL = re.compile("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f\\ud800-\\udfff]")
BREAKS = re.compile("[\\t\\n\\r\\u2028\\u2029]+")
ODD = re.compile(f"{INVISIBLE.pattern}|{CONTROL.pattern}|[\\t\\n\\r\\u2028\\u2029]")  # any of the three


def visible(text: str) -> str:
    """`text` with its invisible and control characters written out (\\x1b, \\u200b, \\n): safe to show."""
    if not ODD.search(text):
        return text
    return ODD.sub(lambda m: m.group().encode("unicode_escape", "backslashreplace").decode("ascii"), text)
