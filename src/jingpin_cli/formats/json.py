"""JSON: the canonical record, streamed one community at a time so memory stays flat."""

from __future__ import annotations

import json
from typing import Iterator

from jingpin_cli.report import Report, header, iter_records


def render(report: Report, lang: str = "zh") -> Iterator[str]:
    head = header(report)
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield '  "communities": ['
    for i, record in enumerate(iter_records(report, lang)):
        yield ("," if i else "") + "\n    " + json.dumps(record, ensure_ascii=False)
    yield "\n  ]\n}\n"
