"""One community id however the reader got it. A code that a spreadsheet stored as a number comes
back as a float (130699001.0), and a CSV or a text cell saved from such a sheet may spell it
“130699001.0”: the same community as 130699001, so every reader folds both to the integer text.
A float with a whole value is folded silently by the workbook readers (records/sheet_choice.py
row_values: Excel shows it without the “.0”); a “.0” written out in text is folded here with the
warning id_folded naming the cells, since the text said something else."""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from jingpin_cli.errors import Location, Problem
from jingpin_cli.text.messages import Worded
from jingpin_cli.text.words import sep

_DOT_ZERO = re.compile(r"^\s*\+?(\d+)\.0+\s*$")


def folded_id(value) -> str | None:
    """The integer text of an id written as a whole number with “.0” (“130699001.0”, “7.00”), else None."""
    if not isinstance(value, str):
        return None
    m = _DOT_ZERO.match(value)
    return m.group(1) if m else None


def fold_ids(cells: pd.DataFrame, body: pd.Index, keep: dict[int, str], columns: dict, file: str,
             sheet: str | None, factorized: list | None) -> list[Problem]:
    """Fold the id column's “.0” texts in place (in `factorized` too, which typing reads for a CSV),
    and say which rows were folded."""
    col = next((j for j, key in keep.items() if key == "id"), None)
    if col is None or len(body) == 0:
        return []
    if factorized is not None and not any(folded_id(u) for u in factorized[col][1] if "." in u):
        return []  # a CSV's: its distinct ids are looked at, not its cells (the usual case: nothing to fold)
    values = cells.loc[body, col].to_numpy(dtype=object)
    folded = [folded_id(v) for v in values]
    at = [k for k, f in enumerate(folded) if f is not None]
    if not at:
        return []
    rows = body[at]
    if isinstance(cells[col].dtype, pd.CategoricalDtype):  # a CSV's: the folded texts are new categories
        cells[col] = cells[col].astype(object)
    cells.loc[rows, col] = [folded[k] for k in at]
    if factorized is not None:
        codes, uniques = factorized[col]
        factorized[col] = (codes, np.array([folded_id(u) or u for u in uniques], dtype=object))
    letter, header = columns["id"]
    first = at[0]
    numbers = [int(i) + 1 for i in rows]
    return [Problem("id_folded", Location(file, sheet, numbers[0], letter, header),
                    {"value": str(values[first]).strip(), "fixed": folded[first], "count": len(at),
                     "rows": Worded.each(lambda lang: rows_text(numbers, lang))}, "warning")]


def rows_text(numbers: list[int], lang: str, limit: int = 10) -> str:
    shown = [str(n) for n in numbers[:limit]]
    return sep(lang, "list").join(shown) + ("…" if len(numbers) > limit else "")
