"""The one CSV writer: UTF-8 with a BOM (so Excel on Chinese Windows opens it right), \r\n line
ends, Python's csv quoting, every cell through safe_cell (a name like "=HYPERLINK(…)" stays text),
None as an empty cell. Yielded in ~1 MB pieces: a national file is ~140 MB, never held whole."""

from __future__ import annotations

import csv
import io
import re
from typing import Iterable, Iterator

import numpy as np

from jingpin_cli.arrays import object_array
from jingpin_cli.formats.kit.cells import FORMULA_STARTS, safe_cell

BOM = "\ufeff"
CHUNK = 1 << 20  # characters per yielded piece
_FIRST = frozenset(FORMULA_STARTS)  # each one character: a cell's first is looked up, as safe_cell tests it
assert all(len(s) == 1 for s in FORMULA_STARTS)
_SPECIAL = ',"\r\n'  # what makes the csv writer (QUOTE_MINIMAL, excel dialect) quote a cell
_QUOTED = re.compile(f"[{_SPECIAL}]")


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


def csv_columns(header: list, columns: list[tuple], rows: int = 2000) -> Iterator[str]:
    """The bytes csv_chunks writes for the same cells, given column by column: each column (code per
    row, value per code) or (None, value per row), or (None, values made a block at a time: an object
    with `block(start, stop)`, not held whole). Each distinct value is quoted once, by the csv writer
    itself, and the lines are joined `rows` at a time."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    yield "".join(csv_chunks(header, []))  # the BOM and the header
    cells = [(codes, values if hasattr(values, "block") else object_array(_quoted_all(writer, buf, values)))
             for codes, values in columns]
    n = len(columns[0][1]) if columns[0][0] is None else len(columns[0][0])
    for start in range(0, n, rows):
        stop = min(start + rows, n)
        block = np.full((stop - start, 2 * len(cells)), ",", dtype=object)  # each cell, then a comma
        block[:, -1] = "\r\n"
        for j, (codes, texts) in enumerate(cells):
            if hasattr(texts, "block"):
                block[:, 2 * j] = _quoted_all(writer, buf, texts.block(start, stop))
            else:
                block[:, 2 * j] = texts[start:stop] if codes is None else texts[codes[start:stop]]
        yield "".join(block.ravel().tolist())


def _quoted_all(writer, buf: io.StringIO, values: list) -> list:
    """_quoted of each value. A column of texts none of which needs quoting or starts like a formula
    (ids, names, most messages) is found so by one search of the texts joined, and kept as it is."""
    if values and set(map(type, values)) == {str} and not {v[:1] for v in values} & _FIRST:
        text = "\x00".join(values)
        if not any(c in text for c in _SPECIAL):  # four quick scans: the regex is ~7x slower
            return values
    return [_quoted(writer, buf, v) for v in values]


def _quoted(writer, buf: io.StringIO, value) -> str:
    """One cell as the csv writer writes it inside a row (a lone empty field would be written "").
    Text with no comma, quote or line break is written as it is (most names and messages); a number
    as the writer spells it (repr of a float, str of an int)."""
    kind = type(value)
    if kind is str and not _QUOTED.search(value):
        return "'" + value if value[:1] in _FIRST else value
    if kind is int:
        return int.__repr__(value)
    if kind is float:
        return float.__repr__(value)
    buf.seek(0)
    buf.truncate()
    writer.writerow([safe_cell(value), "x"])
    return buf.getvalue()[:-4]  # less ",x\r\n"


def csv_text(header: list, rows: Iterable[list]) -> str:
    """The whole CSV as one string (for the small results: screen, survey)."""
    return "".join(csv_chunks(header, rows))
