"""The one CSV writer: UTF-8 with a BOM (so Excel on Chinese Windows opens it right), \r\n line
ends, Python's csv quoting, every cell through safe_cell (a name like "=HYPERLINK(…)" stays text),
None as an empty cell. Yielded in ~1 MB pieces: a national file is ~140 MB, never held whole."""

from __future__ import annotations

import csv
import io
from typing import Iterable, Iterator

from jingpin_cli.formats.kit.cells import FORMULA_STARTS, safe_cell

BOM = "\ufeff"
CHUNK = 1 << 20  # characters per yielded piece
_FIRST = frozenset(FORMULA_STARTS)  # each one character: a cell's first is looked up, as safe_cell tests it
assert all(len(s) == 1 for s in FORMULA_STARTS)


def csv_chunks(header: list, rows: Iterable[list], chunk: int = CHUNK) -> Iterator[str]:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    buf.write(BOM)
    writer.writerow([safe_cell(c) for c in header])  # a header may quote the pack's words
    first = _FIRST
    for row in rows:  # safe_cell inlined: a national file has tens of millions of cells
        writer.writerow([("'" + v if v[:1] in first else v) if isinstance(v, str) else v for v in row])
        if buf.tell() > chunk:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def csv_text(header: list, rows: Iterable[list]) -> str:
    """The whole CSV as one string (for the small results: screen, survey)."""
    return "".join(csv_chunks(header, rows))
