"""Every `source: {quote: …}` must be the document's own words: `standards validate` looks each quote
up in the `source.txt` beside the pack file it comes from (for an `extends:` pack, a quote of the
base is looked up in the base's source.txt). Only validate runs this: audit stays fast.

The comparison ignores whitespace (copied text is full of stray spaces and line breaks) and the
difference between full-width and half-width forms (，/, ：/: （/(), which web pages mix freely;
`#` lines at the top of source.txt are notes about the text, not the text."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

from jingpin_cli.errors import Location, Problem
from jingpin_cli.standard.extend import Pack

SOURCE_FILE = "source.txt"
START = 12  # characters of a quote shown in the problem


def comparable(text: str) -> str:
    return re.sub(r"\s", "", unicodedata.normalize("NFKC", text))


def _source_text(path: Path) -> str | None:
    if not path.is_file():
        return None
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    return comparable("".join(line for line in lines if not line.startswith("#")))


def quote_problems(pack: Pack) -> list[Problem]:
    """A problem for each quote its pack file's source.txt does not hold (none where there is no
    source.txt)."""
    problems, texts = [], {}  # each source.txt read once
    for loc, quote in _quotes(pack.data, ()):
        origin, ypath = pack.origin(loc)
        if origin is None or not isinstance(quote, str):
            continue
        source = Path(origin.doc.file).parent / SOURCE_FILE
        text = texts[source] if source in texts else texts.setdefault(source, _source_text(source))
        if text is None or comparable(quote) in text:
            continue
        start = quote[:START] + ("…" if len(quote) > START else "")
        problems.append(Problem("standard_quote_not_found", Location(origin.doc.file, line=origin.doc.line_of(ypath)),
                                {"start": start, "source": str(source)}))
    return problems


def _quotes(node, path: tuple):
    """(path, quote) of every `quote:` of a source (`source:`, `goal:`, `grades_source:`, …)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "quote":
                yield path + (key,), value
            else:
                yield from _quotes(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _quotes(value, path + (i,))
