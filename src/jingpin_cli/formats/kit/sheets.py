"""The one XLSX sheet writer: openpyxl's write-only mode (memory stays flat however many rows),
a bold header row, frozen panes, column widths fitted to the first rows (CJK characters count
double), an autofilter, status cells filled with their colour, every cell through safe_cell, and
a continuation sheet ("逐项结果 2") when Excel's row limit is reached.

Every sheet prints: landscape A4, fitted to the page's width (as many pages down as it takes), the
header row repeated on each page, page numbers in the footer. Long-text columns wrap at a set
width and share columns show as percent cells (`Look.columns`): only those columns' cells carry a
style, so writing stays as fast as the plain cells."""

from __future__ import annotations

import io
from copy import copy
from dataclasses import dataclass, field
from itertools import islice
from typing import Iterable, NamedTuple

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.page import PageMargins
from openpyxl.worksheet.worksheet import Worksheet

from jingpin_cli.formats.kit.cells import safe_cell
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
    autofilter: bool = True
    statuses: bool = False  # StatusCell values may come: their styles are registered per sheet part
    columns: dict[str, str] = field(default_factory=dict)  # header -> WRAP | PERCENT


class Sheet:
    """One write-only sheet (and its continuation parts)."""

    def __init__(self, wb: Workbook, title: str, header: list[str], look: Look | None = None):
        self.wb, self.title, self.header, self.look = wb, title, header, look or Look()
        self.parts, self.rows, self.ws = 0, 0, None
        self.widths: list[float] = []
        self.styles = {}  # status -> a styled template cell, set up per sheet part (see _new_part)
        self.styled: list[tuple[int, Cell]] = []  # wrapped and percent columns, per sheet part
        self.wrapped: list[tuple[int, int]] = []  # wrapped columns: (column, characters a line)

    def start(self, sample: list[list]) -> Sheet:
        """Fit the widths to `sample`, open the sheet and write the sample."""
        w = self.look.widths
        if w is not None:
            self.widths = [
                max(w.low, min(w.high, max([display_width(name) + w.head_pad]
                                           + [display_width(_shown(r[i])) + w.cell_pad for r in sample])))
                for i, name in enumerate(self.header)
            ]
            for i, name in enumerate(self.header):
                if self.look.columns.get(name) == WRAP:
                    self.widths[i] = min(self.widths[i], WRAP_WIDTH)
        self._new_part()
        self.extend(sample)
        return self

    def extend(self, rows: Iterable[list]) -> None:
        for row in rows:
            if self.rows >= EXCEL_MAX_ROWS:
                self._new_part()
            cells = [self._cell(v) for v in row]
            for at, template in self.styled:  # only the wrapped and percent columns: plain cells stay fast
                if cells[at] not in (None, "") and not isinstance(cells[at], Cell):
                    cells[at] = self._styled(cells[at], template)
            lines = max([_lines(row[at], per_line) for at, per_line in self.wrapped]) if self.wrapped else 1
            if lines > 1:  # neither Excel nor LibreOffice grows a written row to fit its wrapped text
                # the row's attributes as the write-only writer reads them (attrs.update(dims.get(row))):
                # a plain dict, not a RowDimension object per row, which costs more than the row's cells
                dict.__setitem__(self.ws.row_dimensions, self.rows + 1,
                                 {"ht": str(LINE_HEIGHT * lines), "customHeight": "1"})
            self.ws.append(cells)
            self.rows += 1
            if lines > 1:
                dict.__delitem__(self.ws.row_dimensions, self.rows)  # written: memory stays flat

    def finish(self) -> None:
        if self.ws is not None:
            if self.look.autofilter:
                self.ws.auto_filter.ref = f"A1:{get_column_letter(len(self.header))}{self.rows}"
            self.ws = None

    def _cell(self, value):
        if not isinstance(value, StatusCell):  # plain values need no cell object (faster)
            return safe_cell(value)
        cell = WriteOnlyCell(self.ws, value=safe_cell(value.text))
        cell._style = copy(self.styles[value.status]._style)  # reuse the registered style: no per-cell hashing
        return cell

    def _styled(self, value, template: Cell) -> Cell:
        cell = WriteOnlyCell(self.ws, value=value)
        cell._style = copy(template._style)
        return cell

    def _new_part(self) -> None:
        self.finish()
        self.parts += 1
        ws = self.wb.create_sheet(self.title if self.parts == 1 else f"{self.title} {self.parts}")
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        if self.look.freeze:
            ws.freeze_panes = self.look.freeze
        _print_setup(ws)
        bold = Font(bold=True)
        fill = PatternFill("solid", fgColor=self.look.header_fill) if self.look.header_fill else None
        top = Alignment(vertical="top") if self.look.header_top else None
        head = []
        for name in self.header:
            cell = WriteOnlyCell(ws, value=safe_cell(name))
            cell.font = bold
            if fill is not None:
                cell.fill = fill
            if top is not None:
                cell.alignment = top
            head.append(cell)
        ws.append(head)
        self.ws, self.rows = ws, 1
        for status, (bg, fg) in (XLSX_STYLE.items() if self.look.statuses else ()):
            template = WriteOnlyCell(ws)
            template.fill, template.font = PatternFill("solid", fgColor=bg), Font(color=fg)
            self.styles[status] = template
        self.styled = []  # (column, template cell) of the wrapped and percent columns
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
                self.styled.append((at, template))


def _lines(value, per_line: int) -> int:
    """Lines `value` takes wrapped at `per_line` columns. The width is estimated at C speed: a CJK
    character is 3 bytes of UTF-8 and 1 character, (3 + 1) / 2 = 2 columns; ASCII (1 + 1) / 2 = 1."""
    if not isinstance(value, str) or len(value) * 2 <= per_line:  # most cells: surely one line
        return 1
    return sum(-(-((len(part.encode()) + len(part)) // 2) // per_line) or 1 for part in value.split("\n"))


def _print_setup(ws) -> None:
    """Landscape A4, one page wide and as many long as it takes, the header row on every page."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
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


def workbook() -> Workbook:
    return Workbook(write_only=True)


def saved(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _shown(value):
    return value.text if isinstance(value, StatusCell) else value
