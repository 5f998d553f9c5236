"""JSON of `jingpin screen`: `selected` and `ranking` (the interface contract) plus options, pilot,
near misses and stability. The ranking is written as json.dumps writes each entry on its line, but
from columns: each value encoded once per distinct value of its column (reasons once per distinct
cause, results.screen.record.Reasons), a block of rows joined at a time."""

from __future__ import annotations

import json
from typing import Iterator

import numpy as np

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.distinct import json_spelled
from jingpin_cli.results.screen.record import Screened, head, ranking_columns

ROWS = 2000  # ranking entries joined into one written piece


def render(result: Screened, options: Options = PLAIN) -> Iterator[str]:
    screening, near, stab = result
    lang = options.lang
    yield "{\n"
    for key, value in head(screening, lang, near, stab).items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield '  "ranking": ['
    columns, why = ranking_columns(screening, lang, near, stab)
    keys = [json.dumps(key, ensure_ascii=False) for key in columns]
    after = [f", {key}: " for key in keys[1:]] + ["}"]  # each value's pieces carry the text up to the next
    texts = [[text + tail for text in why.json()] if key == "reasons"
             else json_spelled(values, tail=tail)
             for (key, values), tail in zip(columns.items(), after, strict=True)]
    n = len(columns["id"])
    for start in range(0, n, ROWS):
        stop = min(start + ROWS, n)
        block = np.empty((stop - start, len(keys) + 1), dtype=object)  # {"key": value, … per row
        block[:, 0] = ",\n    {" + keys[0] + ": "
        block[0, 0] = ("," if start else "") + "\n    {" + keys[0] + ": "
        for j, values in enumerate(texts, 1):
            block[:, j] = values[start:stop]
        yield "".join(block.ravel().tolist())
    yield "\n  ]\n}\n"
