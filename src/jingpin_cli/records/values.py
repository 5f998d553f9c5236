"""Parse whole columns of raw cells into typed values. Blank stays unknown (NA), never 0 or “no”.

Each parser takes the raw column and returns the typed column plus the positions and codes of the
cells it could not read, so the caller can name file, row and column."""

from __future__ import annotations

import math
import re
import unicodedata

import numpy as np
import pandas as pd

from jingpin_cli.records.grid import merge_codes
from jingpin_cli.records.headers import fold
from jingpin_cli.standard.models import Field, Unit, fold_word
from jingpin_cli.text.messages import Worded, pick
from jingpin_cli.text.visible import BREAKS, CONTROL, INVISIBLE, ODD, visible
from jingpin_cli.text.words import sep

TRUE_WORDS = ("有", "是", "√", "✓", "✔", "对", "y", "yes", "true", "1", "1.0", "t", "已建", "已建立", "齐全", "在岗")
FALSE_WORDS = ("无", "否", "×", "✗", "✘", "x", "错", "n", "no", "false", "0", "0.0", "f", "没有", "未建", "不在岗")
BOOL_WORDS = {**{w.casefold(): True for w in TRUE_WORDS}, **{w.casefold(): False for w in FALSE_WORDS}}
BLANKS = {"", "nan", "none", "null", "-", "—", "/", "n/a", "na", "未知", "不详"}

_NUMBER_RE = re.compile(r"^([+-]?(?:\d[\d,]*(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*(.*)$")  # number, then its unit
_SPACES = re.compile(r"\s+")
# thousands commas: only between groups of three, and not one comma after three digits (120,180 may be two numbers)
_THOUSANDS = re.compile(r"^[+-]?(?:\d{1,2}(?:,\d{3})+|\d{3}(?:,\d{3}){2,})(?:\.\d*)?$")
# a date: 2024年5月(4日), 2024-05-04 or 2024/5/4 or 2024.5.4 (an optional time), 2024-05; not 2024.5 (a number)
_DATE = re.compile(r"^\d{4}(?:\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|([-/.])\d{1,2}\1\d{1,2}|[-/]\d{1,2})"
                   r"(?:[\sT]+\d{1,2}:\d{2}(?::\d{2})?)?$")


def clean(raw: pd.Series) -> pd.Series:
    """Cells as stripped NFKC text; blanks (and the usual “unknown” words) as NA."""
    cells = raw.astype("string").to_numpy(dtype=object, na_value=None)
    present = np.flatnonzero(pd.notna(cells))
    out = np.full(len(cells), None, dtype=object)
    out[present] = clean_texts(cells[present].tolist())
    return pd.Series(pd.array(out, dtype="string"), index=raw.index, name=raw.name)


def clean_codes(codes: np.ndarray, texts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A column held as codes into its distinct texts (-1 blank), cleaned as clean() cleans: each
    distinct text cleaned once (a questionnaire's 是 / 否 / 满意), then texts that clean alike
    (“ 是” and “是”) share one code; a text that cleans to blank becomes -1."""
    cleaned = clean(pd.Series(texts, dtype="string")).to_numpy(dtype=object, na_value=None)
    merged, distinct = pd.factorize(cleaned)  # None -> -1
    return np.append(merged, -1)[codes], distinct


def clean_texts(texts: list[str]) -> list[str | None]:
    """[_clean_cell(t) for t in texts], normalised in one call over the texts joined by NUL (which
    no cell read from text holds): NFKC neither composes nor reorders across a control character,
    so it gives the same, and id and name columns are all distinct (nothing to share between cells)."""
    joined = "\0".join(texts)
    if joined.count("\0") != max(len(texts) - 1, 0):  # a cell with a NUL of its own (YAML "\0"): one by one
        return [_clean_cell(t) for t in texts]
    if not unicodedata.is_normalized("NFKC", joined):
        joined = unicodedata.normalize("NFKC", joined)
    stripped = [t.strip() for t in joined.split("\0")] if texts else []
    longest = max(map(len, BLANKS))  # only a short text can be a blank word; casefold the few that are
    return [None if len(t) <= longest and t.casefold() in BLANKS else t for t in stripped]


def _clean_cell(cell: str) -> str | None:
    text = unicodedata.normalize("NFKC", cell).strip()
    return None if text.casefold() in BLANKS else text


def parse_column(raw: pd.Series, field: Field, unit: Unit | None, header_factor: float | None = None):
    """Returns (typed column, {position: (problem code, params)}). `header_factor` is the unit the
    column header names (e.g. 万元), used for cells that carry no unit of their own."""
    return parse_columns([(raw, field, unit, header_factor)])[0]


def parse_columns(columns: list[tuple[pd.Series, Field, Unit | None, float | None]],
                  factorized: list[tuple[np.ndarray, np.ndarray]] | None = None) -> list[tuple[pd.Series, dict]]:
    """parse_column for many columns at once, in their order. `factorized`: each column's cells as
    (codes, distinct texts), where the reader has them already (a CSV's: records.grid.factorize_text).

    Parsing is a function of the cell, its field's type and units alone, so columns that parse
    alike share one parse of their distinct texts, which each column then takes by its codes: a
    sheet of 74 columns costs a handful of parses, not 74, and a column of 100 000 cells holds only
    a few hundred different texts (是/否, 300, 95%)."""
    groups: dict[tuple, list[int]] = {}
    for i, (_, field, unit, factor) in enumerate(columns):
        accept = tuple(unit.accept.items()) if unit else ()
        words = tuple(field.level_words.items())  # level fields parse alike only with the same words
        groups.setdefault((field.type, accept, factor, words), []).append(i)
    results: list = [None] * len(columns)
    for members in groups.values():
        _, field, unit, factor = columns[members[0]]
        parts = [factorized[i] if factorized else pd.factorize(_as_text(columns[i][0])) for i in members]
        codes, uniques = merge_codes(parts)
        values, bad = _parse_cells(pd.Series([*uniques, None], dtype=object), field, unit, factor)
        for i, c in zip(members, codes, strict=True):
            raw, own = columns[i][0], columns[i][1]  # `own` field: its label goes into the messages
            at = np.flatnonzero(np.isin(c, list(bad))).tolist() if bad else []
            problems = {pos: _labelled(bad[int(c[pos])], own) for pos in at}
            # code -1 (a blank cell) takes the last value: the None parsed after the distinct cells
            results[i] = (pd.Series(values.array.take(c), index=raw.index, name=raw.name), problems)
    return results


def _labelled(problem: tuple[str, dict], field: Field) -> tuple[str, dict]:
    """A distinct cell's problem for one column: columns parsed together share the cell, not the field name."""
    code, params = problem
    return code, {**params, "label": field.zh} if "label" in params else dict(params)


def _as_text(raw: pd.Series) -> np.ndarray:
    """The cells as an object array of texts (blank as None), ready to factorize. Cells that are
    not text (XLSX numbers, booleans, dates) are written out first, as `clean` would: factorizing
    them raw would take 1, 1.0 and True for one cell."""
    if pd.api.types.infer_dtype(raw, skipna=True) in ("string", "empty"):
        return raw.to_numpy(dtype=object)
    return raw.astype("string").to_numpy(dtype=object, na_value=None)


# Characters a text cell (an id, a name, a street) is not meant to hold, decided once on reading so
# that every format can write what `check` passed (issue 17 items 5 and 8): invisible format marks
# (zero-width, bidi, BOM) make two ids that look the same differ, so they go; control characters and
# lone surrogates (which Excel and JSON cannot hold, and which can drive a terminal) become “�”;
# tabs and line breaks become spaces. Each such cell is named in a warning (odd_characters).
WARNING_CODES = frozenset({"odd_characters"})  # a cell problem that does not stop the run


def _parse_cells(raw: pd.Series, field: Field, unit: Unit | None, header_factor: float | None):
    text = clean(raw)
    if field.type == "text":
        return _plain_text(text)
    if field.type == "bool":
        return _parse_bool(text)
    if field.type == "level":
        return _parse_level(text, field)
    return _parse_number(text, field, unit, header_factor)


def _plain_text(text: pd.Series) -> tuple[pd.Series, dict]:
    """Text cells with the characters above decided (the cells are a column's distinct texts)."""
    cells = text.to_numpy(dtype=object, na_value=None)
    problems = {}
    if not ODD.search("".join(cells[pd.notna(cells)])):  # one scan of all: almost every column has none
        return pd.Series(pd.array(cells, dtype="string"), index=text.index, name=text.name), problems
    for pos, cell in enumerate(cells):
        if cell is not None and ODD.search(cell):
            fixed = BREAKS.sub(" ", CONTROL.sub("\ufffd", INVISIBLE.sub("", cell))).strip()
            problems[pos] = ("odd_characters", {"value": visible(cell), "fixed": fixed})
            cells[pos] = fixed or None
    return pd.Series(pd.array(cells, dtype="string"), index=text.index, name=text.name), problems


def _parse_bool(text: pd.Series):
    cells = text.to_numpy(dtype=object, na_value=None)
    mapped = [None if c is None else BOOL_WORDS.get(_SPACES.sub("", c.casefold())) for c in cells]
    values = pd.array(mapped, dtype="boolean")
    return pd.Series(values, index=text.index, name=text.name), {
        pos: ("bad_bool", {"value": c}) for pos, (c, v) in enumerate(zip(cells, mapped, strict=True))
        if c is not None and v is None}


def _parse_level(text: pd.Series, field: Field):
    """Each text as the level's own word (较 好 / ＧＯＯＤ / good → 较好 / 好), by the field's spellings."""
    cells = text.to_numpy(dtype=object, na_value=None)
    words = field.level_words
    mapped = [None if c is None else words.get(fold_word(c)) for c in cells]
    levels = Worded.each(lambda lang: sep(lang, "list").join(pick(level, lang) for level in field.levels))
    return pd.Series(pd.array(mapped, dtype="string"), index=text.index, name=text.name), {
        pos: ("bad_level", {"value": c, "label": field.zh, "levels": levels})
        for pos, (c, v) in enumerate(zip(cells, mapped, strict=True)) if c is not None and v is None}


def _parse_number(text: pd.Series, field: Field, unit_def: Unit | None, header_factor: float | None):
    """Each text (the distinct texts of a column, see parse_columns) read as a number in the field's
    unit: a plain Python loop over them is faster than a dozen pandas string passes, and reads each
    text whole, so every rule about it is in one place (_number)."""
    units = {fold(k): v for k, v in unit_def.accept.items()} if unit_def else {}
    expected = " / ".join(unit_def.accept) if unit_def else "—"
    default = header_factor if header_factor is not None else 1.0
    cells = text.to_numpy(dtype=object, na_value=None)
    values = np.full(len(cells), np.nan)
    problems: dict[int, tuple[str, dict]] = {}
    for pos, cell in enumerate(cells):
        if cell is not None:
            value, problem = _number(cell, field, units, default, expected)
            if problem is None:
                values[pos] = value
            else:
                problems[pos] = problem
    return pd.Series(pd.array(values, dtype="Float64"), index=text.index, name=text.name), problems


def _number(cell: str, field: Field, units: dict[str, float], default: float, expected: str):
    """(value, None) or (None, (problem code, params)) for one cleaned text."""
    m = _NUMBER_RE.match(cell.casefold())
    if m is None or not m.group(1).isascii():  # ٣٠٠: a digit to Python, not to a spreadsheet
        return None, ("bad_number", {"value": cell})
    if _DATE.match(cell):  # a date typed (or formatted by Excel) into a number cell
        return None, ("date_in_number", {"value": cell, "label": field.zh})
    if "," in m.group(1) and not _THOUSANDS.match(m.group(1)):  # 320,5 or 120,180 is not a number we can trust
        return None, ("ambiguous_comma", {"value": cell})
    number = float(m.group(1).replace(",", "")) + 0.0  # + 0.0: “-0” is 0
    if not math.isfinite(number):  # 1e999: no count, area or rate is that big
        return None, ("bad_number", {"value": cell})
    unit = _SPACES.sub("", m.group(2)) if m.group(2) else ""  # most numbers have none: skip the work
    folded = fold(unit) if unit else ""
    if unit:
        factor = units.get(folded)
        if factor is None:
            return None, ("bad_unit", {"value": cell, "unit": unit, "label": field.zh, "expected": expected})
    else:
        factor = default
    value = number * factor
    if field.type == "rate":
        if folded != "%" and 0 <= value <= 1:  # a bare 0–1 is a fraction: Excel's percent cells arrive that way
            value *= 100
        if not 0 <= value <= 100:
            return None, ("rate_range", {"value": cell})
    elif field.type == "score":
        if not 0 <= value <= 100:
            return None, ("score_range", {"value": cell})
    elif value < 0:
        return None, ("negative", {"value": cell, "label": field.zh})
    if field.type == "int" and value != round(value):
        return None, ("not_integer", {"value": cell})
    return value, None
