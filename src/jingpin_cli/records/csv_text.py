"""CSV and tab-separated text as Excel and WPS save it: the encoding and delimiter are detected
from the bytes (BOM, strict decoding), never guessed from content statistics."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Callable

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.records.grid import Grid, merge_codes
from jingpin_cli.records.limits import (
    HEADER_SEARCH_ROWS,
    MAX_CELL_CHARS,
    MAX_CELLS,
    MAX_CSV_BYTES,
    MAX_DISTINCT_TEXTS,
    MAX_TEXT_CELLS,
    MAX_TEXT_COLUMNS,
    check_file_size,
    too_many_cells,
)

DELIMITERS = {",": "", "\t": "TAB-separated", ";": "semicolon-separated"}
SNIFF_LINES = 50
CHUNK_ROWS = 1 << 17  # rows parsed at a time: their Python strings are dropped once the block is hashed
Pick = Callable[[list[tuple]], list[int] | None]  # top rows -> the columns to read (read_csv)
# magic numbers of files that are not text: a workbook saved under the wrong name is common
ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, .et, and password-protected .xlsx
BINARY = "binary data (a NUL byte), not text"
UTF8_BOM = b"\xef\xbb\xbf"
UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")  # UTF-32 LE starts as UTF-16 LE does
FULL_WIDTH_SPACE = "\u3000".encode()


def read_csv(path: Path, delimiter: str | None = None, pick: Pick | None = None) -> Grid:
    """All cells as text, no header assumed, with each row's cell count as written. `delimiter`:
    TAB for .txt/.tsv (Excel's “Unicode text”); None finds it from the first lines. `pick`: given
    the top rows (Grid.top), the columns worth reading, or None for all: the dozens of other
    columns of a questionnaire export (序号, 提交时间, IP) are then never made into texts."""
    name = str(path)
    check_file_size(path, MAX_CSV_BYTES)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    if not raw.startswith(UTF16_32_BOMS):  # UTF-8 most likely: the C parser checks it as it reads
        _check_is_text(raw, name)
        bom = raw.startswith(UTF8_BOM)
        try:
            return _grid(raw[3:] if bom else raw, "UTF-8 (BOM)" if bom else "UTF-8", name, delimiter, pick)
        except UnicodeDecodeError:
            pass  # not UTF-8 after all: decode() finds GBK or GB18030, or says on which line it breaks
    text, encoding = decode(raw, name)
    del raw
    return _grid(text.encode("utf-8"), encoding, name, delimiter, pick)


def _grid(data: bytes, encoding: str, name: str, delimiter: str | None = None, pick: Pick | None = None) -> Grid:
    """The cells of UTF-8 bytes (the file itself, or its text re-encoded), which the C parser reads
    natively and numpy can scan. Raises UnicodeDecodeError where the bytes are not UTF-8: checking
    them all up front (a whole decode) took as long as counting the cells."""
    if FULL_WIDTH_SPACE in data:  # values are read NFKC-normalised anyway, where they are spaces
        data = data.replace(FULL_WIDTH_SPACE, b" ")
    delimiter = delimiter or sniff_delimiter(_head(data))
    source = ", ".join(p for p in (encoding, DELIMITERS[delimiter]) if p)
    # lines counted before any array (8 bytes a line), where there can be too many: a line is a byte at least
    lines = max(data.count(b"\n"), data.count(b"\r")) if len(data) > MAX_TEXT_CELLS else 0
    if lines > MAX_TEXT_CELLS:
        raise too_many_cells(name, None, lines, 1, MAX_TEXT_CELLS)
    octets = np.frombuffer(data, dtype=np.uint8)
    ends = _line_ends(octets)
    counts = _delimiter_counts(octets, delimiter, ends)
    width = int(counts.max(initial=0)) + 1  # an upper bound on the cells of any row
    if width > MAX_TEXT_COLUMNS:
        row = int(np.argmax(counts)) + 1
        raise InputError([Problem("too_many_columns", Location(name, row=row), {"limit": f"{MAX_TEXT_COLUMNS:,}"})])
    if len(counts) * width > MAX_TEXT_CELLS:  # checked before parsing: the frame is at most this big
        raise too_many_cells(name, None, len(counts), width, MAX_TEXT_CELLS)
    widths = _widths(octets, counts, delimiter)
    _check_cell_length(octets, delimiter, name, ends)
    del octets
    # Spaces after a delimiter are skipped only where they can matter: before a quote (`1, "2,3"`).
    # Skipping them everywhere costs the C parser a fifth of its time, and every reader of a cell
    # strips it anyway (a cell of spaces is blank, records.grid.blank_mask).
    skip = b'"' in data
    top, columns = None, None
    if pick is not None and widths is not None:
        top = _top(data, delimiter, width, skip)
        columns = pick(top) if top is not None else None
    # with a pick, the parser is told the real width (a quoted comma makes `width` larger, and with
    # usecols the C parser refuses more names than any row has fields; without, it pads)
    fields = int(widths.max()) if columns is not None and len(widths) else width
    cells = _parse_fast(data, delimiter, fields, skip, name, columns) if widths is not None else None
    if columns is not None and cells is not None and len(cells) == len(widths):
        return Grid(cells, name, None, source, widths=widths, all_text=True, top=top)  # labelled by position
    if cells is None or len(cells) != len(widths):
        if len(counts) * width > MAX_CELLS:  # the exact parser holds every cell as a Python string
            raise InputError([Problem("csv_irregular_large", Location(name), {"limit": f"{MAX_CELLS:,}"})])
        cells, widths = _parse_exact(data.decode("utf-8"), delimiter, name, skip)
        cells = cells.apply(_categories) if len(cells.columns) else cells
    used = int(widths.max()) if len(widths) else 0
    cells = cells.iloc[:, :used]
    cells.columns = range(cells.shape[1])
    return Grid(cells, name, None, source, widths=widths, all_text=True)


def _line_ends(octets: np.ndarray) -> np.ndarray:
    """Where each line ends, at \\r\\n, \\r or \\n as the csv parsers see it (a trailing line break
    does not start another line); on the UTF-8 bytes: no byte of a multi-byte character is one."""
    ends = np.flatnonzero(octets == 10)
    cr = np.flatnonzero(octets == 13)
    lone = cr[octets[np.minimum(cr + 1, len(octets) - 1)] != 10]  # a CR ends a line unless an LF follows it
    if len(lone):  # (Excel's CRLF files have none: sorting their line ends again took a third of the count)
        ends = np.union1d(ends, lone)
    if len(octets) and octets[-1] not in (10, 13):
        ends = np.append(ends, len(octets))  # the last line, without a line break
    return ends


def _delimiter_counts(octets: np.ndarray, delimiter: str, ends: np.ndarray | None = None,
                      block: int = 1 << 18) -> np.ndarray:
    """Delimiters per line (`ends`: _line_ends(octets), if known). Counted on the UTF-8 bytes by
    whole arrays: delimiters are ASCII, and no byte of a multi-byte character can be taken for one."""
    ends = _line_ends(octets) if ends is None else ends
    # delimiters before each line end, a block of bytes at a time (cache-sized; one pass over a
    # whole big file was ten times slower): the block's delimiters listed, each line end's place among them
    before = np.zeros(len(ends), dtype=np.int64)
    total, k = 0, 0
    for start in range(0, len(octets), block):
        at = np.flatnonzero(octets[start:start + block] == ord(delimiter))
        stop = int(np.searchsorted(ends, start + block, side="right"))
        before[k:stop] = total + np.searchsorted(at, ends[k:stop] - start)
        total += len(at)
        k = stop
    return np.diff(before, prepend=0)


def _widths(octets: np.ndarray, counts: np.ndarray, delimiter: str) -> np.ndarray | None:
    """Each record's cell count, cheaply: by counting delimiters once quoted cells (which may hold
    delimiters and line breaks) are cut out. None when quoting is irregular or the counts differ
    from row to row: then the exact parser counts (and reports a broken quote where it is)."""
    quotes = np.flatnonzero(octets == ord('"'))
    if len(quotes) == 0:
        return counts + 1
    if len(quotes) % 2:
        return None  # a quote left over once each quote is paired with the next
    edges = np.zeros(len(octets) + 1, dtype=np.int8)  # +1 where a quoted cell opens, -1 after it closes
    edges[quotes[0::2]] = 1
    edges[quotes[1::2] + 1] -= 1
    np.cumsum(edges, out=edges)  # 1 inside a quoted cell, 0 outside
    widths = _delimiter_counts(octets[edges[:-1] == 0], delimiter) + 1
    filled = widths[widths > 1]
    if len(filled) and filled.min() != filled.max():
        return None  # a quote inside an unquoted cell would fool the count: let the parser decide
    return widths


def _check_cell_length(octets: np.ndarray, delimiter: str, name: str, ends: np.ndarray) -> None:
    """No cell longer than Excel's own limit, found before parsing: pandas would hold a huge cell
    several times over (one cell of 250 MB took 2.8 GB). A cell is at most the bytes between two
    delimiters, line breaks or quotes, or, quoted, the bytes between its quotes; a UTF-8 character
    is at most 4 bytes, so more than 4 × MAX_CELL_CHARS bytes is surely too long."""
    limit = 4 * MAX_CELL_CHARS
    if len(octets) <= limit:
        return
    # no line longer than the limit: no run between delimiters is (looked for only when some line
    # is: a fifth of the time of reading a big file)
    if len(ends) and max(int(ends[0]), int(np.diff(ends).max(initial=0)), len(octets) - int(ends[-1])) <= limit:
        longest, row = 0, 0
    else:
        longest, row = _longest_run(octets, (ord(delimiter), 10, 13))
    quoted, at = _longest_quoted(octets)
    if quoted > longest:
        longest, row = quoted, at
    if longest > limit:
        line = int(np.count_nonzero(octets[:row] == 10)) + 1
        raise InputError([Problem("cell_too_long", Location(name, row=line), {"limit": f"{MAX_CELL_CHARS:,}"})])


def _longest_run(octets: np.ndarray, stops: tuple[int, ...], block: int = 1 << 20) -> tuple[int, int]:
    """The longest run of bytes without any of `stops`, and where it starts; a block at a time, so
    that a file of nothing but delimiters does not become an array of 8 bytes per byte."""
    is_stop = np.zeros(256, dtype=bool)
    is_stop[list(stops)] = True
    best, best_at, run_start = 0, 0, 0
    for start in range(0, len(octets), block):
        at = np.flatnonzero(is_stop[octets[start:start + block]]) + start
        if len(at) == 0:
            continue
        edges = np.concatenate(([run_start - 1], at))
        gaps = np.diff(edges) - 1
        k = int(np.argmax(gaps))
        if gaps[k] > best:
            best, best_at = int(gaps[k]), int(edges[k]) + 1
        run_start = int(at[-1]) + 1
    if len(octets) - run_start > best:
        best, best_at = len(octets) - run_start, run_start
    return best, best_at


def _longest_quoted(octets: np.ndarray, block: int = 1 << 20) -> tuple[int, int]:
    """The longest span between a quote and the next (a quoted cell, which may hold delimiters and
    line breaks), and where it starts."""
    best, best_at, carry = 0, 0, np.array([], dtype=np.int64)
    for start in range(0, len(octets), block):
        quotes = np.concatenate((carry, np.flatnonzero(octets[start:start + block] == 34) + start))
        even = len(quotes) // 2 * 2
        if even:
            spans = quotes[1:even:2] - quotes[0:even:2]
            k = int(np.argmax(spans))
            if spans[k] > best:
                best, best_at = int(spans[k]), int(quotes[2 * k])
        carry = quotes[even:]
    if len(carry) and len(octets) - int(carry[0]) > best:  # a quote never closed: to the end
        best, best_at = len(octets) - int(carry[0]), int(carry[0])
    return best, best_at


def _head(data: bytes) -> str:
    """The first lines of UTF-8 bytes as text, as many as sniff_delimiter looks at (and the line
    after, so that none of them is cut off)."""
    end = 0
    for _ in range(SNIFF_LINES + 1):
        end = data.find(b"\n", end) + 1
        if not end:
            return data.decode("utf-8")
    return data[:end].decode("utf-8")


def decode(raw: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name). UTF-8 (with or without BOM), UTF-16 with BOM (Excel's “Unicode
    text”) and GBK/GB18030 (Excel's “CSV” on Chinese Windows); anything else is an error."""
    if raw.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        raise InputError([Problem("encoding", Location(name), {"tried": "UTF-32: not supported"})])
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _no_nul(raw.decode("utf-16"), name), "UTF-16"
        except UnicodeDecodeError as exc:
            raise InputError([Problem("encoding", Location(name, row=_line_at(raw, exc.start)),
                                      {"tried": "UTF-16"})]) from None
    _check_is_text(raw, name)
    if raw.startswith(b"\xef\xbb\xbf"):
        try:
            return raw[3:].decode("utf-8"), "UTF-8 (BOM)"
        except UnicodeDecodeError as exc:
            raise InputError([Problem("encoding", Location(name, row=_line_at(raw, exc.start)),
                                      {"tried": "UTF-8"})]) from None
    try:
        return raw.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as utf8_error:
        for encoding, label in (("gbk", "GBK"), ("gb18030", "GB18030")):
            try:
                return raw.decode(encoding), label
            except UnicodeDecodeError:
                continue
        where = Location(name, row=_line_at(raw, utf8_error.start))
        raise InputError([Problem("encoding", where, {"tried": "UTF-8, GBK, GB18030"})]) from None


def _check_is_text(raw: bytes, name: str) -> None:
    """A workbook or other binary file named .csv gets a message saying what it is."""
    if raw.startswith(ZIP_MAGIC):
        raise InputError([Problem("xlsx_named_csv", Location(name))])
    if raw.startswith(OLE_MAGIC):
        raise InputError([Problem("xls_named_csv", Location(name))])
    if b"\x00" in raw:
        where = Location(name, row=_line_at(raw, raw.index(b"\x00")))
        raise InputError([Problem("unreadable", where, {"detail": BINARY})])


def _no_nul(text: str, name: str) -> str:
    if "\x00" in text:
        where = Location(name, row=text.count("\n", 0, text.index("\x00")) + 1)
        raise InputError([Problem("unreadable", where, {"detail": BINARY})])
    return text


def _line_at(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, offset) + 1


def sniff_delimiter(text: str) -> str:
    """Comma, TAB (Excel's “Unicode text”) or semicolon: whichever splits the widest of the first
    lines into the most cells (the header is the widest line near the top). Ties go to comma."""
    lines = [line for line in _first_lines(text, SNIFF_LINES) if line.strip()]
    best, best_count = ",", -1
    for delimiter in DELIMITERS:
        count = max((line.count(delimiter) for line in lines), default=0)
        if count > best_count:
            best, best_count = delimiter, count
    return best


def _first_lines(text: str, count: int) -> list[str]:
    """text.splitlines()[:count], without splitting a whole big file: a line cut off at the end of
    a prefix is only ever the last, and is not taken while the prefix holds more lines than asked."""
    size = 1 << 16
    while True:
        lines = text[:size].splitlines()
        if len(lines) > count or size >= len(text):
            return lines[:count]
        size *= 4


def _top(data: bytes, delimiter: str, width: int, skip_spaces: bool) -> list[tuple] | None:
    """The first HEADER_SEARCH_ROWS rows, every column, as texts (None if the parser refuses them)."""
    try:
        head = pd.read_csv(io.BytesIO(data), encoding="utf-8", sep=delimiter, header=None, names=range(width),
                           dtype=object, na_filter=False, skip_blank_lines=False, engine="c",
                           skipinitialspace=skip_spaces, nrows=HEADER_SEARCH_ROWS)
    except (pd.errors.ParserError, ValueError, csv.Error):
        return None
    return list(head.itertuples(index=False, name=None))


def _parse_fast(data: bytes, delimiter: str, width: int, skip_spaces: bool, name: str,
                columns: list[int] | None = None) -> pd.DataFrame | None:
    """pandas' C parser, several times faster than the csv module on a big file; None when the
    file is irregular enough that it refuses (the exact parser then takes over).

    Each column comes back categorical: its codes and its few distinct texts, in the order they
    first appear (as pd.factorize gives them). The text cells are parsed a block of rows at a
    time and each block's column is hashed at once, so a whole frame of Python strings never
    exists: at 600 000 rows × 74 columns that frame and its codes took 1.1 GB, the categories
    take 130 MB."""
    try:
        # bytes, not a StringIO: the C parser reads UTF-8 bytes natively and a third faster
        blocks = pd.read_csv(io.BytesIO(data), encoding="utf-8", sep=delimiter, header=None,
                             names=range(width), dtype=object, na_filter=False, skip_blank_lines=False, engine="c",
                             skipinitialspace=skip_spaces, chunksize=CHUNK_ROWS, usecols=columns)
        read = {j: _Distinct() for j in (range(width) if columns is None else columns)}
        rows = 0
        for block in blocks:
            for j, column in read.items():
                column.add(block[j].to_numpy())
            rows += len(block)
            if sum(column.texts for column in read.values()) > MAX_DISTINCT_TEXTS:
                raise InputError([Problem("too_many_texts", Location(name, row=rows),
                                          {"limit": f"{MAX_DISTINCT_TEXTS:,}"})])
    except (pd.errors.ParserError, ValueError, csv.Error):
        return None
    return pd.DataFrame({j: column.categorical() for j, column in read.items()}, index=range(rows))


class _Distinct:
    """One column a block at a time: each block hashed on its own (a small table, in the CPU cache)
    into its codes and distinct texts; merged once at the end, when only the blocks' distinct texts
    are hashed again (records.grid.merge_codes), into the column's in order of first appearance."""

    def __init__(self):
        self.blocks: list[tuple[np.ndarray, np.ndarray]] = []
        self.texts = 0  # the blocks' distinct texts, an upper bound on the column's

    def add(self, cells: np.ndarray) -> None:
        codes, distinct = pd.factorize(cells)
        self.blocks.append((codes.astype(np.int32), distinct))
        self.texts += len(distinct)

    def categorical(self) -> pd.Categorical:
        codes, distinct = merge_codes(self.blocks) if self.blocks else ([], np.array([], dtype=object))
        codes = np.concatenate(codes) if len(codes) else np.array([], dtype=np.int32)
        return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(distinct, dtype=object)))


def _categories(column: pd.Series) -> pd.Categorical:
    """A column of text as categories in order of first appearance, as _parse_fast gives them."""
    whole = _Distinct()
    whole.add(column.to_numpy(dtype=object))
    return whole.categorical()


def _parse_exact(text: str, delimiter: str, name: str, skip_spaces: bool = True) -> tuple[pd.DataFrame, np.ndarray]:
    """The csv module in strict mode, row by row up to the cell limit. An unclosed quote would
    swallow the rest of the file into one cell, so it is an error naming the row, not a guess."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True, skipinitialspace=skip_spaces)
    rows: list[list[str]] = []
    width = 0
    try:
        for row in reader:
            rows.append(row)
            width = max(width, len(row))
            if len(rows) * width > MAX_CELLS:
                raise too_many_cells(name, None, len(rows), width)
    except csv.Error as exc:
        where = Location(name, row=len(rows) + 1)
        raise InputError([Problem("bad_csv", where, {"detail": _csv_detail(str(exc))})]) from None
    widths = np.array([len(r) for r in rows], dtype=np.int64)
    padded = [r + [""] * (width - len(r)) if len(r) < width else r for r in rows]  # as the C parser pads them
    return (pd.DataFrame(padded, dtype=object) if rows else pd.DataFrame()), widths


def _csv_detail(detail: str) -> str:
    if detail == "unexpected end of data":
        return "a quote (\") is opened and never closed"
    return detail
