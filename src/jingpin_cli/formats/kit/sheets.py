"""The one XLSX sheet writer: a bold header row, frozen panes, column widths fitted to the first rows
(CJK characters count double), an autofilter, status cells filled with their colour, every cell
through safe_cell, and a continuation sheet ("逐项结果 2") when Excel's row limit is reached.

Every sheet prints: landscape A4, fitted to the page's width (as many pages down as it takes), the
header row repeated on each page, page numbers in the footer. Long-text columns wrap at a set
width and share columns show as percent cells (`Look.columns`): only those columns' cells carry a
style.

openpyxl (write-only mode) makes the workbook — sheets, styles, print setup, defined names — but
not the rows: writing a cell through it costs 15–20 µs (an lxml element each), so the audit
workbook of 10 000 communities (8 million cells) took minutes. The rows are written here as the
XML openpyxl would write (same cells, types, styles and row heights; tests/test_golden_matrix.py
compares the parts), each distinct text escaped once, into a temporary file per sheet, and put
into each sheet's `<sheetData>` when the workbook is saved (`saved`)."""

from __future__ import annotations

import io
import shutil
import tempfile
import zipfile
from dataclasses import dataclass, field
from itertools import islice
from math import isinf, isnan
from typing import Iterable, NamedTuple

import numpy as np
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.compat.numbers import NUMERIC_TYPES
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import IllegalCharacterError
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from jingpin_cli.arrays import object_array
from jingpin_cli.formats.kit.cells import FORMULA_STARTS, safe_cell
from jingpin_cli.formats.kit.distinct import distinct
from jingpin_cli.formats.kit.status import XLSX_STYLE, status_word
from jingpin_cli.formats.kit.textwidth import display_width

EXCEL_MAX_ROWS = 1_048_576
SAMPLE = 200  # rows whose text sets the column widths
GREY = "D9D9D9"
WRAP, PERCENT = "wrap", "percent"  # what a column of Look.columns is
WRAP_WIDTH = 48  # a wrapped column's width: about 24 Chinese characters a line
MARGINS = PageMargins(left=0.4, right=0.4, top=0.6, bottom=0.6, header=0.3, footer=0.3)  # inches
PAGE_FOOTER = "&P / &N"  # page number / pages, centred
LINE_HEIGHT = 15  # points a wrapped line takes (Excel's default row height)
EMPTY_SHEET_DATA = b"<sheetData></sheetData>"  # where openpyxl's sheet without rows leaves room for them
ZIP_LEVEL = 3  # as small as level 1 costs, and 3 × faster than 6 for a file a fifth larger
PLAIN_CELLS = {str, int, float, bool, type(None)}  # what Sheet.extend_columns writes a column at a time
ROW_MARK = "\x00"
_AS_IS_NOT = {"", *FORMULA_STARTS}  # a text's first character (or none) that _tails cannot write as it is
_ERRORS = set(ERROR_CODES)  # where the row number goes in shared cells' XML: never in a cell (openpyxl refuses it)


class StatusCell(NamedTuple):
    """A status cell: shown as its word in the sheet's language and filled with its colour."""

    status: str
    text: str


def status_cell(status: str, lang: str) -> StatusCell:
    return StatusCell(status, status_word(status, lang))


@dataclass(frozen=True)
class Widths:
    """Column width = the widest of the header (+ head_pad) and the sample's cells (+ cell_pad),
    kept within low..high."""

    low: int = 6
    high: int = 60
    head_pad: int = 3
    cell_pad: int = 1


@dataclass(frozen=True)
class Look:
    """How a sheet looks: frozen cell, widths (None: Excel's default), header fill and alignment,
    autofilter over the header, status colours."""

    freeze: str | None = "A2"
    widths: Widths | None = field(default_factory=Widths)
    header_fill: str | None = GREY
    header_top: bool = False  # header text aligned to the top
    header_lines: int = 1  # 2: the header wraps onto two lines, so a column of short values is narrow
    wrap_width: int = WRAP_WIDTH  # a wrapped column's widest
    paper: int = Worksheet.PAPERSIZE_A4
    autofilter: bool = True
    statuses: bool = False  # StatusCell values may come: their styles are registered per sheet part
    columns: dict[str, str] = field(default_factory=dict)  # header -> WRAP | PERCENT


class Sheet:
    """One sheet (and its continuation parts) of a `workbook()`."""

    def __init__(self, wb: Workbook, title: str, header: list[str], look: Look | None = None):
        self.wb, self.title, self.header, self.look = wb, title, header, look or Look()
        self.parts, self.rows, self.ws = 0, 0, None
        self.widths: list[float] = []
        self.data: SheetData | None = None  # the rows of the current part, as XML
        self.templates: dict = {}  # status or column -> a styled template cell, set up per sheet part
        self.style_ids: dict = {}  # the same keys -> its style id (registered when first written, as openpyxl does)
        self.styled: dict[int, int] = {}  # wrapped and percent columns: column -> its template's key
        self.wrapped: list[tuple[int, int]] = []  # wrapped columns: (column, characters a line)
        self.fragments: dict[Cells, tuple[list[str], int]] = {}  # see _fragment

    def start(self, sample: list[list]) -> Sheet:
        """Fit the widths to `sample`, open the sheet and write the sample."""
        w = self.look.widths
        if w is not None:
            shown = [_flat(r) for r in sample]
            widths: dict[str, int] = {}  # text -> its width: the sample's texts repeat
            lines = self.look.header_lines
            self.widths = [
                max(w.low, min(w.high, max([-(-display_width(name) // lines) + w.head_pad]
                                           + [_width(_shown(r[i]), widths, w.high) + w.cell_pad for r in shown])))
                for i, name in enumerate(self.header)
            ]
            for i, name in enumerate(self.header):
                if self.look.columns.get(name) == WRAP:
                    self.widths[i] = min(self.widths[i], self.look.wrap_width)
        self._new_part()
        self.extend(sample)
        return self

    def extend(self, rows: Iterable[list]) -> None:
        wrapped = self.wrapped
        for row in rows:
            if self.rows >= EXCEL_MAX_ROWS:
                self._new_part()
                wrapped = self.wrapped
            self.rows += 1
            r = str(self.rows)
            out = ["", r]  # the row's start goes first once its height is known; r is dropped
            last = row[-1] if row else None
            if type(last) is Cells:  # the row ends in cells shared by many rows: their XML made once
                self._cells_xml(row, len(row) - 1, r, out)
                pieces, lines = self._fragment(last, len(row) - 1)
                out.append(r.join(pieces))
                if wrapped:
                    lines = max([lines] + [_lines(row[at], per_line) for at, per_line in wrapped if at < len(row) - 1])
            else:
                self._cells_xml(row, len(row), r, out)
                # neither Excel nor LibreOffice grows a written row to fit its wrapped text: its height is set
                lines = max([_lines(row[at], per_line) for at, per_line in wrapped]) if wrapped else 1
            out[0] = f'<row r="{r}" ht="{LINE_HEIGHT * lines}" customHeight="1">' if lines > 1 else f'<row r="{r}">'
            out[1] = ""
            out.append("</row>")
            self.data.write("".join(out))

    def extend_columns(self, columns: list[list]) -> None:
        """extend() of the rows these columns make (a value per row in each), the same XML made a
        column at a time: each distinct value's cell once (distinct), a block of rows joined at once.
        Plain values only (text, numbers, None): a column holding anything else, or rows that would
        reach Excel's row limit, go row by row."""
        n = len(columns[0]) if columns else 0
        if not n or self.rows + n >= EXCEL_MAX_ROWS or any(set(map(type, c)) - PLAIN_CELLS for c in columns):
            self.extend(map(list, zip(*columns, strict=True)))
            return
        used = {col: np.flatnonzero([v is not None and v != "" for v in columns[col]])
                for col in self.styled if col < len(columns)}
        used = {col: rows[0] for col, rows in used.items() if len(rows)}
        for col in sorted(used, key=lambda col: (used[col], col)):
            self._style(self.styled[col])  # registered in the order the rows would first use them
        wrapped, lines = dict(self.wrapped), np.ones(n, dtype=np.int64)
        cells = []  # per column: (text before the row number, then after it), "" where the cell is None
        for col, values in enumerate(columns):
            codes, uniques = distinct(values)
            if codes is None:
                codes, uniques = np.arange(n), values
            style = self._style(self.styled[col]) if col in used else ""
            tails = _tails(uniques, style)
            before = f'<c r="{self.data.letters[col]}'
            cells.append((object_array([before if v is not None else "" for v in uniques])[codes],
                          object_array(tails)[codes]))
            if col in wrapped:  # (a text of at most half a line's characters takes one)
                long = [i for i, v in enumerate(uniques) if type(v) is str and len(v) * 2 > wrapped[col]]
                if long:
                    took = np.ones(len(uniques), dtype=np.int64)
                    took[long] = [_lines(uniques[i], wrapped[col]) for i in long]
                    lines = np.maximum(lines, took[codes])
        for start in range(0, n, SheetData.BATCH):
            stop = min(start + SheetData.BATCH, n)
            numbers = object_array([str(r) for r in range(self.rows + 1 + start, self.rows + 1 + stop)])
            block = np.empty((stop - start, 2 + 3 * len(columns)), dtype=object)
            block[:, 0] = [f'<row r="{r}" ht="{LINE_HEIGHT * k}" customHeight="1">' if k > 1 else f'<row r="{r}">'
                           for r, k in zip(numbers.tolist(), lines[start:stop].tolist(), strict=True)]
            block[:, -1] = "</row>"
            for j, (before, tails) in enumerate(cells):
                here = before[start:stop]
                block[:, 1 + 3 * j] = here
                block[:, 2 + 3 * j] = np.where(here == "", "", numbers)
                block[:, 3 + 3 * j] = tails[start:stop]
            self.data.write_block("".join(block.ravel().tolist()))
        self.rows += n

    def finish(self) -> None:
        if self.ws is not None:
            if self.look.autofilter:
                self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.header))}{self.rows}"
            self.data.close()
            self.ws = None

    def _cells_xml(self, row: list, stop: int, r: str, out: list[str], first: int = 0) -> None:
        """The cells row[:stop] as openpyxl writes them (row[0] in column `first`): empty (None) cells
        left out, each with its reference, type and style; a text cell's XML is made once per
        distinct text (SheetData.cells)."""
        cells, letters, styled = self.data.cells, self.data.letters, self.styled
        for at in range(stop):
            value = row[at]
            if value is None:
                continue
            col = at + first
            style = ""
            if type(value) is StatusCell:
                style, value = self._style(value.status), value.text
            elif col in styled and value != "":
                style = self._style(styled[col])
            kind = type(value)
            if kind is str:
                tail = cells.get(value)
                if tail is None:
                    tail = cells.store(value, _cell_tail(safe_cell(value)))
            elif (kind is float or kind is int) and value:  # not 0: -0.0 == 0.0 but is written "-0"
                key = (kind, value)  # 1 and 1.0 (and True) are equal keys but differ in a cell
                tail = cells.get(key)
                if tail is None:
                    tail = cells.store(key, _cell_tail(value))
            else:
                tail = _cell_tail(value)
            out.append(f'<c r="{letters[col]}{r}"{style}{tail}')

    def _fragment(self, cells: Cells, first: int) -> tuple[list[str], int]:
        """Shared cells' XML split where the row number goes, and the lines their wrapped text takes."""
        got = self.fragments.get(cells)
        if got is None:
            out: list[str] = []
            self._cells_xml(cells.values, len(cells.values), ROW_MARK, out, first)
            lines = max([_lines(cells.values[at - first], per_line) for at, per_line in self.wrapped if at >= first]
                        + [1])
            got = self.fragments[cells] = ("".join(out).split(ROW_MARK), lines)
        return got

    def _style(self, key) -> str:
        """The s="…" attribute of a styled cell; the style is registered in the workbook the first time
        it is written, in the order openpyxl would register it (styles.xml stays the same)."""
        got = self.style_ids.get(key)
        if got is None:
            template = self.templates[key]
            got = self.style_ids[key] = f' s="{template.style_id}"' if template.has_style else ""
        return got

    def _new_part(self) -> None:
        self.finish()
        self.parts += 1
        ws = self.wb.create_sheet(self.title if self.parts == 1 else f"{self.title} {self.parts}")
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if self.look.freeze:
            ws.freeze_panes = self.look.freeze
        _print_setup(ws, self.look.paper)
        self.data = self.wb.sheet_data[ws] = SheetData(len(self.header))
        head = WriteOnlyCell(ws)
        head.font = Font(bold=True)
        if self.look.header_fill:
            head.fill = PatternFill("solid", fgColor=self.look.header_fill)
        if self.look.header_lines > 1:
            head.alignment = Alignment(wrap_text=True, vertical="top")
        elif self.look.header_top:
            head.alignment = Alignment(vertical="top")
        self.ws, self.rows = ws, 0
        self.templates, self.style_ids, self.styled = {"head": head}, {}, {}
        lines = 1
        if self.look.header_lines > 1 and self.widths:  # a wrapped header's row is as tall as its longest name
            lines = max(_lines(name, max(1, int(width) - 1))
                        for name, width in zip(self.header, self.widths, strict=True))
        out = [f'<row r="1" ht="{LINE_HEIGHT * lines}" customHeight="1">' if lines > 1 else '<row r="1">']
        self._cells_xml([StatusCell("head", name) for name in self.header], len(self.header), "1", out)
        self.data.write("".join(out) + "</row>")
        self.rows = 1
        for status, (bg, fg) in (XLSX_STYLE.items() if self.look.statuses else ()):
            template = WriteOnlyCell(ws)
            template.fill, template.font = PatternFill("solid", fgColor=bg), Font(color=fg)
            self.templates[status] = template
        self.wrapped = [(at, max(1, int(self.widths[at]) - 1) if self.widths else WRAP_WIDTH)
                        for at, name in enumerate(self.header) if self.look.columns.get(name) == WRAP]
        for at, name in enumerate(self.header):
            style = self.look.columns.get(name)
            if style is not None:
                template = WriteOnlyCell(ws)
                if style == WRAP:
                    template.alignment = Alignment(wrap_text=True, vertical="top")
                else:
                    template.number_format = "0.0%"
                self.templates[at], self.styled[at] = template, at


class Cells:
    """Cells that end many rows alike (a finding's columns, the same for every community sharing it):
    the last item of a row given to Sheet.extend, written as XML once per sheet. Compared by identity."""

    __slots__ = ("values", "__weakref__")

    def __init__(self, values: list):
        self.values = values


class TextCells(dict):
    """Text (or a number's (type, value)) -> the rest of its cell's XML, for values that repeat
    (statuses, names of units, messages, scores); emptied when it grows large, so that a column of
    distinct names costs no more than it saves."""

    LIMIT = 100_000

    def store(self, text, tail: str) -> str:
        if len(self) >= self.LIMIT:
            self.clear()
        self[text] = tail
        return tail


class SheetData:
    """One sheet part's <row> elements as UTF-8 XML, in memory up to a few MiB, then in a temporary file."""

    BATCH = 2000  # rows joined and encoded at once

    def __init__(self, columns: int):
        self.file = tempfile.SpooledTemporaryFile(max_size=8 * 2**20)
        self.pending: list[str] = []
        self.cells = TextCells()
        self.letters = [get_column_letter(i) for i in range(1, columns + 1)]

    def write(self, row: str) -> None:
        self.pending.append(row)
        if len(self.pending) >= self.BATCH:
            self._flush()

    def write_block(self, rows: str) -> None:
        self.pending.append(rows)
        self._flush()

    def close(self) -> None:
        self._flush()
        self.cells = TextCells()

    def copy_to(self, out) -> None:
        self.file.seek(0)
        shutil.copyfileobj(self.file, out, 2**20)
        self.file.close()

    def _flush(self) -> None:
        if self.pending:
            self.file.write("".join(self.pending).encode("utf-8"))
            self.pending = []


def _cell_tail(value) -> str:
    """A cell's XML after its reference, as openpyxl writes the value (cell/_writer.py): text inline
    (t="inlineStr", xml:space kept where it begins or ends with a space), numbers as %.16g (NaN and
    infinity empty), booleans 1/0; text that Excel would take for an error code is an error cell."""
    if type(value) is str or isinstance(value, str):
        value = value[:32767]
        if ILLEGAL_CHARACTERS_RE.search(value):
            raise IllegalCharacterError(f"{value} cannot be used in worksheets.")
        if value == "":
            return ' t="inlineStr"/>'
        if value in ERROR_CODES:
            return f' t="e"><v>{_escape(value)}</v></c>'
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f' t="inlineStr"><is><t{space}>{_escape(value)}</t></is></c>'
    if isinstance(value, bool):
        return f' t="b"><v>{int(value)}</v></c>'
    if isinstance(value, NUMERIC_TYPES):
        return f' t="n"><v>{"" if isnan(value) or isinf(value) else "%.16g" % value}</v></c>'
    raise ValueError(f"Cannot convert {value!r} to Excel")


def _tails(values: list, style: str) -> list[str]:
    """What follows the row number in each value's cell: '"', the style (not on an empty text) and
    _cell_tail of the value (a text through safe_cell); "" for None. Whole numbers (ranks), and texts
    none of which needs escaping, neutralising or keeping its spaces (ids, most names), are written
    at once."""
    kinds = set(map(type, values))
    if kinds == {int} and -10**16 < min(values) and max(values) < 10**16:  # %.16g of these is str()
        return [f'"{style} t="n"><v>{v}</v></c>' for v in values]
    if kinds == {str}:
        text = "\n".join(values)
        if (not any(c in text for c in "&<>\r") and not ILLEGAL_CHARACTERS_RE.search(text)
                and max(map(len, values)) <= 32767 and not {v[:1] for v in values} & _AS_IS_NOT
                and not set(values) & _ERRORS and all(v == v.strip() for v in values)):
            return [f'"{style} t="inlineStr"><is><t>{v}</t></is></c>' for v in values]
    return [("" if v is None else '"' + (style if v != "" else "") + _cell_tail(safe_cell(v) if type(v) is str else v))
            for v in values]


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:  # an XML reader would read a bare CR as a line end
        text = text.replace("\r", "&#13;")
    return text


def _lines(value, per_line: int) -> int:
    """Lines `value` takes wrapped at `per_line` columns. The width is estimated at C speed: a CJK
    character is 3 bytes of UTF-8 and 1 character, (3 + 1) / 2 = 2 columns; ASCII (1 + 1) / 2 = 1."""
    if not isinstance(value, str) or len(value) * 2 <= per_line:  # most cells: surely one line
        return 1
    return sum(-(-((len(part.encode()) + len(part)) // 2) // per_line) or 1 for part in value.split("\n"))


def _print_setup(ws, paper: int = Worksheet.PAPERSIZE_A4) -> None:
    """Landscape A4 (or the paper given), one page wide and as many long as it takes, the header row on
    every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = paper
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"
    ws.page_margins = MARGINS
    ws.oddFooter.center.text = PAGE_FOOTER


def write_sheet(wb: Workbook, title: str, header: list[str], rows: Iterable[list], look: Look | None = None,
                sample: int = SAMPLE) -> None:
    """A whole sheet: widths from the first `sample` rows, then the rest streamed."""
    rows = iter(rows)
    sheet = Sheet(wb, title, header, look).start(list(islice(rows, sample)))
    sheet.extend(rows)
    sheet.finish()


def write_columns(wb: Workbook, title: str, header: list[str], columns: list[list], look: Look | None = None,
                  sample: int = SAMPLE) -> None:
    """write_sheet of the rows these columns make (a value per row in each), written a column at a
    time (Sheet.extend_columns): the sheets of every community (screen's ranking, diff's communities)."""
    first = min(sample, len(columns[0]) if columns else 0)
    sheet = Sheet(wb, title, header, look).start([[values[i] for values in columns] for i in range(first)])
    sheet.extend_columns([values[first:] for values in columns])
    sheet.finish()


class Book(Workbook):
    """openpyxl's write-only workbook, with the rows of each sheet kept apart (Sheet writes them)."""

    def __init__(self):
        super().__init__(write_only=True)
        self.sheet_data: dict = {}  # worksheet -> SheetData


def workbook() -> Book:
    return Book()


def saved(wb: Workbook) -> bytes:
    """The workbook's file: openpyxl writes it with empty sheets, then each sheet's rows go in."""
    buf = io.BytesIO()
    wb.save(buf)
    data = getattr(wb, "sheet_data", None)
    if not data:
        return buf.getvalue()
    rows = {ws.path.lstrip("/"): part for ws, part in data.items()}
    out = io.BytesIO()
    with zipfile.ZipFile(buf) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=ZIP_LEVEL) as dst:
        for info in src.infolist():
            part = rows.get(info.filename)
            xml = src.read(info)
            if part is None:
                dst.writestr(info.filename, xml)  # by name: the writer's compression and level
                continue
            head, empty, tail = xml.partition(EMPTY_SHEET_DATA)
            if not empty:
                raise ValueError(f"{info.filename}: no empty <sheetData> to fill")
            with dst.open(info.filename, "w", force_zip64=True) as fh:
                fh.write(head + b"<sheetData>")
                part.copy_to(fh)
                fh.write(b"</sheetData>" + tail)
    return out.getvalue()


def _shown(value):
    return value.text if isinstance(value, StatusCell) else value


def _flat(row: list) -> list:
    return row[:-1] + row[-1].values if row and type(row[-1]) is Cells else row


def _width(value, known: dict[str, int], cap: int) -> int:
    """display_width, once per distinct text; a text of `cap` characters or more is at least `cap` wide,
    which is all a column kept within `cap` needs to know."""
    text = "" if value is None else str(value)
    if len(text) >= cap:
        return cap
    width = known.get(text)
    if width is None:
        width = known[text] = display_width(text)
    return width
