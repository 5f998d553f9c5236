"""Find the header of a sheet: one row, or two (a group such as “六室” over its items, or a row of
units under the names), below any title rows.

Every column gets one header text, as a user would read it; a combination (“一本通·基本情况”,
“服务用房（㎡）”) is used only when the item alone is not a known header, so a second header row
can only ever help a column to match, never change a column that matches on its own."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import pandas as pd

from jingpin_cli.records.grid import is_blank, top_rows
from jingpin_cli.records.headers import HeaderMatcher, fold
from jingpin_cli.records.limits import HEADER_SEARCH_ROWS

_BRACKETS = re.compile(r"^[(\[{（【]\s*(.*?)\s*[)\]}）】]$")


@dataclass
class HeaderBand:
    top: int  # first header row, 0-based
    bottom: int  # last header row; data starts on the next row
    names: dict[int, tuple[str, int]]  # column -> (header text, 0-based row it is read from)


def find_header_row(cells: pd.DataFrame, matcher: HeaderMatcher) -> int | None:
    """The first of the top rows that names the id or the name column."""
    for i, row in enumerate(top_rows(cells, HEADER_SEARCH_ROWS)):
        if any(_is_key(matcher, v) for v in row):
            return i
    return None


def header_band(cells: pd.DataFrame, matcher: HeaderMatcher) -> HeaderBand | None:
    at = find_header_row(cells, matcher)
    if at is None:
        return None
    rows = top_rows(cells, at + 2)
    header = _texts(rows[at])
    if at + 1 < len(rows):
        below = _texts(rows[at + 1])
        if _is_sub_header(matcher, header, below):
            return HeaderBand(at, at + 1, _two_rows(matcher, header, below, at))
    names = {j: (text, at) for j, text in header.items()}
    if at > 0:  # a group row above the names (“六室” over 警务室…): used only where it makes a match
        above = _filled(_texts(rows[at - 1]), header)
        for j, text in header.items():
            combined = _combined(matcher, above.get(j), text)
            if combined is not None:
                names[j] = (combined, at)
    return HeaderBand(at, at, names)


def _is_key(matcher: HeaderMatcher, value) -> bool:
    return isinstance(value, str) and matcher.match(value).field in ("id", "name")


def _texts(row: tuple) -> dict[int, str]:
    return {j: str(v).strip() for j, v in enumerate(row) if not is_blank(v)}


def _is_sub_header(matcher: HeaderMatcher, header: dict[int, str], below: dict[int, str]) -> bool:
    """The row under the header is more header, not a community: the id and name columns are
    empty there (or repeat a vertically merged header), and most of its cells are header-like."""
    keys = [j for j, text in header.items() if matcher.match(text).field in ("id", "name")]
    if any(j in below and below[j] != header[j] for j in keys):
        return False
    own = {j: text for j, text in below.items() if text != header.get(j)}
    if not own:
        return False
    filled = _filled(header, below)
    good = sum(1 for j, text in own.items() if _header_like(matcher, text) or _combined(matcher, filled.get(j), text))
    return 2 * good >= len(own)


def _two_rows(matcher: HeaderMatcher, upper: dict[int, str], lower: dict[int, str],
              at: int) -> dict[int, tuple[str, int]]:
    filled = _filled(upper, lower)
    names: dict[int, tuple[str, int]] = {}
    for j in sorted(set(upper) | set(lower)):
        up, low = upper.get(j), lower.get(j)
        if low is None or low == up:
            if up is not None:
                names[j] = (up, at)  # a header over both rows, merged or not
            continue
        unit = _unit(matcher, low)
        if unit is not None and up is not None:
            names[j] = (f"{up}（{unit}）", at)
            continue
        combined = _combined(matcher, filled.get(j), low)
        if combined is not None:
            names[j] = (combined, at + 1)
        elif _header_like(matcher, low) or filled.get(j) is None:
            names[j] = (low, at + 1)
        else:
            names[j] = (f"{filled[j]}·{low}", at + 1)  # unknown either way: show what the user sees
    return names


def _filled(upper: dict[int, str], lower: dict[int, str]) -> dict[int, str]:
    """The upper row carried right over the columns below it: a group header exported to CSV (or
    merged) stands over the blanks that follow it, as far as the lower row has items."""
    filled, current = {}, None
    for j in range(max([*upper, *lower], default=-1) + 1):
        if j in upper:
            current = upper[j]
        if current is not None and j in lower:
            filled[j] = current
    return filled


def _combined(matcher: HeaderMatcher, group: str | None, item: str) -> str | None:
    """“group·item” when the item alone is unknown and the pair is a known field."""
    if group is None or group == item or _header_like(matcher, item):
        return None
    name = f"{group}·{item}"
    return name if matcher.match(name).field is not None else None


def _header_like(matcher: HeaderMatcher, text: str) -> bool:
    m = matcher.match(text)
    return m.field is not None or m.ignored or _unit(matcher, text) is not None


def _unit(matcher: HeaderMatcher, text: str) -> str | None:
    """A cell that is only a unit, bracketed or not: “㎡”, “（万元）”."""
    inner = unicodedata.normalize("NFKC", text).strip()
    m = _BRACKETS.match(inner)
    inner = m.group(1) if m else inner
    return inner if inner and fold(inner) in matcher.all_units else None
