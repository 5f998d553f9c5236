"""Text tables in rich's default box, laid out here rather than by `rich.table.Table`.

rich's Table measures and renders every cell through its general renderable machinery, ~1-3 ms per
row: 0.1-0.2 s of a 75-community `jingpin audit` on screen. These tables hold only text, so this
module does the same layout by the same rules (HEAVY_HEAD box, `pad_edge=False` padding, column
widths, rich's own word wrapping) and writes each line as one styled Text. Where rich's table fits
the terminal the output is the same; where it would not (rich then cut off the right-hand side),
the wrapping columns, then all columns, are narrowed further so that no line is wider than the
terminal, and on a terminal too narrow even for that the lines wrap."""

from __future__ import annotations

from functools import cached_property
from typing import NamedTuple, Sequence

from rich import box
from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.text import Span, Text

WRAP_FLOOR = 8  # cells a wrapping column keeps on a terminal too narrow for the table


class Column(NamedTuple):
    header: str
    justify: str = "left"  # or "right"
    wrap: bool = False  # narrowed when the table is too wide, its text word-wrapped (long words folded)
    min_width: int = 0  # a wrapping column is at least this wide while the terminal has room


class BoxTable:
    """A title, a bold header and rows of text cells (str is shown literally, never as markup)."""

    def __init__(self, columns: Sequence[Column], rows: Sequence[Sequence[str | Text]], title: str | None = None,
                 header_style: str = "bold"):
        self.columns = list(columns)
        self.rows = rows
        self.title, self.header_style = title, header_style

    @cached_property
    def sizes(self) -> list[list[int]]:
        """The display width of every cell (its longest line)."""
        return [[_width(_plain(cell)) for cell in row] for row in self.rows]

    def fits(self, max_width: int) -> bool:
        """Whether the table fits in `max_width` as rich would lay it out (wrapping columns at least
        their min_width)."""
        return self._layout(max_width)[1]

    def widths(self, max_width: int) -> list[int]:
        """Each column's width including its padding."""
        return self._layout(max_width)[0]

    def _layout(self, max_width: int) -> tuple[list[int], bool]:
        cols, n = self.columns, len(self.columns)
        pads = [(i > 0) + (i < n - 1) for i in range(n)]
        room = max_width - (n + 1)  # the box's edges and dividers
        natural = [max([_width(col.header), *(row[j] for row in self.sizes)]) + pad
                   for j, (col, pad) in enumerate(zip(cols, pads, strict=True))]  # rich's measure: the longest line
        wanted = [max(min(w, room), c.min_width + pad) if c.wrap else max(min(w, room), 1)
                  for c, w, pad in zip(cols, natural, pads, strict=True)]
        widths = _collapse(wanted, [0 if c.wrap else w for c, w in zip(cols, wanted, strict=True)], room)  # rich's way
        fits = sum(widths) <= room and all(w >= c.min_width + pad for c, w, pad in zip(cols, widths, pads, strict=True)
                                           if c.wrap)
        # Where rich would run off the terminal (or squeeze a wrapping column to a sliver), keep wrapping
        # columns WRAP_FLOOR wide and narrow the others (their text folds), then all down to 2 cells
        # (one CJK character); narrower than that, the lines wrap.
        soft = [min(w, pad + (WRAP_FLOOR if c.wrap else 2)) for c, w, pad in zip(cols, natural, pads, strict=True)]
        hard = [min(w, pad + 2) for w, pad in zip(natural, pads, strict=True)]
        for lows in ([s if c.wrap else w for c, w, s in zip(cols, wanted, soft, strict=True)], soft, hard):
            if sum(widths) <= room and all(w >= low for w, low in zip(widths, soft, strict=True)):
                break
            widths = [max(w, low) for w, low in zip(_collapse(wanted, lows, room), lows, strict=True)]
        return widths, fits

    def lines(self, console: Console, widths: list[int], bars: box.Box) -> list[Text]:
        n, lines = len(self.columns), []
        inner = [w - (j > 0) - (j < n - 1) for j, w in enumerate(widths)]  # without the padding
        heads = [c.header for c in self.columns]
        rows, sizes_of = [heads, *self.rows], [[_width(h) for h in heads], *self.sizes]
        for r, (row, sizes) in enumerate(zip(rows, sizes_of, strict=True)):
            left, mid, right = (bars.head_left, bars.head_vertical, bars.head_right) if r == 0 else \
                (bars.mid_left, bars.mid_vertical, bars.mid_right)
            cells = [_fit(console, cell, size, w, col.justify)
                     for cell, size, w, col in zip(row, sizes, inner, self.columns, strict=True)]
            height = max(len(c) for c in cells)
            # as rich: headers at the bottom of their row, cells at the top
            for cell, w in zip(cells, inner, strict=True):
                at = 0 if r == 0 else len(cell)
                cell[at:at] = [(" " * w, [])] * (height - len(cell))
            for k in range(height):
                line, spans = left, []
                for j, cell in enumerate(cells):
                    text, styles = cell[k]
                    start, text = len(line), " " * (j > 0) + text + " " * (j < n - 1)
                    spans += [s.move(start + (j > 0)) for s in styles]
                    if r == 0:  # the header is bold, padding included
                        spans.append(Span(start, start + len(text), self.header_style))
                    line += text + (mid if j < n - 1 else right)
                lines.append(Text(line, spans=spans))
            if r == 0:
                lines.append(Text(bars.get_row(widths, "head")))
        return [Text(bars.get_top(widths)), *lines, Text(bars.get_bottom(widths))]

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        widths = self.widths(options.max_width)
        table_width = sum(widths) + len(widths) + 1
        if self.title:
            title = Text(self.title, "table.title", justify="center")
            yield from console.render(title, options.update(width=min(table_width, options.max_width)))
        lines = self.lines(console, widths, box.HEAVY_HEAD.substitute(options))
        if table_width > options.max_width:  # not even the narrowest columns fit: let the lines wrap
            yield from lines
            return
        for line in lines:
            yield from line.render(console)
            yield Segment.line()


def _width(plain: str) -> int:
    return max(map(cell_len, plain.splitlines())) if "\n" in plain else cell_len(plain)


def _plain(cell: str | Text) -> str:
    return cell if isinstance(cell, str) else cell.plain


def _fit(console: Console, cell: str | Text, n: int, width: int, justify: str) -> list[tuple[str, list[Span]]]:
    """The lines of one cell (`n` cells wide), each exactly `width` cells wide, as text and style
    spans: rich's Text.wrap (words wrap; words longer than the width fold at the display width),
    the common one-line case done directly."""
    plain, styled = _plain(cell), isinstance(cell, Text)
    if n <= width and plain.isprintable() and (justify == "left" or not plain[-1:].isspace()):
        lead = width - n if justify == "right" else 0
        return [(" " * lead + plain + " " * (width - n - lead), _spans(cell, lead) if styled else [])]
    text = cell if styled else Text(cell)
    return [(line.plain, _spans(line, 0))
            for line in text.wrap(console, max(width, 1), justify=justify, overflow="fold")]


def _spans(text: Text, at: int) -> list[Span]:
    whole = [Span(at, at + len(text.plain), text.style)] if text.style else []
    return whole + [s.move(at) for s in text.spans]


def _collapse(widths: list[int], lows: list[int], limit: int) -> list[int]:
    """rich's Table._collapse_widths with a lower bound per column: while the total is over `limit`,
    narrow the widest columns (those above their bound) towards the next widest."""
    widths = list(widths)
    excess = sum(widths) - limit
    while excess > 0:
        free = [i for i, (w, low) in enumerate(zip(widths, lows, strict=True)) if w > low]
        if not free:
            break
        top = max(widths[i] for i in free)
        second = max((widths[i] for i in free if widths[i] != top), default=0)
        widest = [i for i in free if widths[i] == top]
        remaining, shares = excess, len(widest)
        for i in widest:  # shared out as rich's ratio_reduce does
            cut = min(excess, top - max(second, lows[i]), round(remaining / shares))
            widths[i] -= cut
            remaining -= cut
            shares -= 1
        excess = sum(widths) - limit
    return widths
