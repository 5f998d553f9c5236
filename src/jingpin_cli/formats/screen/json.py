"""JSON of `jingpin screen`: `selected` and `ranking` (the interface contract) plus options, pilot,
near misses and stability. The ranking is streamed one community at a time."""

from __future__ import annotations

import json
from typing import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.indented_json import one_line
from jingpin_cli.results.screen.record import Screened, head, ranking_entries


def render(result: Screened, options: Options = PLAIN) -> Iterator[str]:
    screening, near, stab = result
    lang = options.lang
    yield "{\n"
    for key, value in head(screening, lang, near, stab).items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield '  "ranking": ['
    for i, entry in enumerate(ranking_entries(screening, lang, near, stab)):
        yield ("," if i else "") + "\n    " + one_line(entry)
    yield "\n  ]\n}\n"
