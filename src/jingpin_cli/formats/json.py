"""JSON: the canonical record, streamed one community at a time so memory stays flat.

Each distinct finding is encoded once (jingpin_cli.variants) and spliced into its communities'
records: the text is exactly json.dumps of community_record, at a fraction of the cost."""

from __future__ import annotations

import json
import uuid
from typing import Iterator

from jingpin_cli.report import Report, community_record, header

CHUNK = 1000  # communities per written piece


def render(report: Report, lang: str = "zh") -> Iterator[str]:
    head = header(report)
    yield "{\n"
    for key, value in head.items():
        yield f"  {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n"
    yield '  "communities": ['
    yield from _communities(report, lang)
    yield "\n  ]\n}\n"


def _communities(report: Report, lang: str) -> Iterator[str]:
    from jingpin_cli.variants import table

    findings = table(report, lang)
    marker = uuid.uuid4().hex  # stands in for the findings list until the record is encoded
    placeholder = json.dumps(marker)
    ids = report.ids
    for start in range(0, len(ids), CHUNK):
        stop = min(start + CHUNK, len(ids))
        piece = []
        for i, texts in enumerate(findings.row_texts(start, stop), start):
            record = community_record(report, ids[i], lang, findings=False)
            record["findings"] = marker
            text = json.dumps(record, ensure_ascii=False).replace(placeholder, "[" + ", ".join(texts) + "]", 1)
            piece.append(("," if i else "") + "\n    " + text)
        yield "".join(piece)
