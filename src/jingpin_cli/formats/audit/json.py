"""JSON: the canonical record as UTF-8, streamed a chunk of communities at a time so memory stays flat.

The bytes are exactly json.dumps of every community_record, at a fraction of the cost: the record's
shape (results.audit.record.record_shape) is encoded once as a template; each per-community value is encoded once
per distinct value of its column, and each distinct finding once (results.audit.record.FindingTable). A chunk is
then one join of those pieces, taken by code from whole columns. Bytes, not str: at national scale
the file is ~2 GB and encoding it again would cost as much as building it."""

from __future__ import annotations

import json
import re
import uuid
from typing import Callable, Iterator

import numpy as np

from jingpin_cli.arrays import object_array
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.indented_json import scalar
from jingpin_cli.results.audit.index import group_values
from jingpin_cli.results.audit.record import finding, findings, header, record_shape
from jingpin_cli.results.audit.report import Report

CHUNK = 20  # communities per written piece: ~350 KB stays in the CPU cache from join to write (2 MB: 1.5x slower)
BLOCK = 1000  # communities whose pieces are taken from each column at once (per CHUNK: a third of the time)


def render(report: Report, options: Options = PLAIN) -> Iterator[bytes]:
    lang = options.lang
    text = "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
                           for k, v in header(report).items())
    yield (text + '  "communities": [').encode("utf-8")
    yield from _communities(report, lang)
    yield b"\n  ]\n}\n"


def _communities(report: Report, lang: str) -> Iterator[bytes]:
    lead, slots = _slots(report, lang)
    n, width = len(report.index.columns.ids), len(slots) + 1
    for start in range(0, n, BLOCK):
        stop = min(start + BLOCK, n)
        block = np.empty((stop - start, width), dtype=object)  # a row of pieces per community
        block[:, 0] = b",\n    " + lead
        block[0, 0] = (b",\n    " if start else b"\n    ") + lead
        for j, slot in enumerate(slots, 1):
            block[:, j] = slot(start, stop)
        pieces, step = block.ravel().tolist(), CHUNK * width
        for at in range(0, len(pieces), step):
            yield b"".join(pieces[at:at + step])


def _slots(report: Report, lang: str) -> tuple[bytes, list[Callable[[int, int], object]]]:
    """The bytes every record starts with, and per value after them a function (start, stop) -> that
    value's bytes for those rows, each followed by the record's constant text up to the next value."""
    cols, marker, leaves = report.index.columns, uuid.uuid4().hex, []

    def leaf(table, name, convert, digits=None):
        leaves.append(_encoded(cols.column(table, name), convert, digits))
        return f"{marker}{len(leaves) - 1}"

    record = record_shape(report, lang, leaf)
    record["findings"] = f"{marker}f"
    parts = re.split(f'"{marker}(\\d+|f)"', json.dumps(record, ensure_ascii=False))
    lead, items = parts[0], []  # items: [(codes, texts) | rule, text after it]

    def then(text: str):
        nonlocal lead
        if items:
            items[-1][1] += text
        else:
            lead += text

    for key, after in zip(parts[1::2], parts[2::2], strict=True):
        if key == "f":
            then("[")
            for k, rule in enumerate(report.standard.rules):
                items.append([rule, ""])
                then(", " if k < len(report.standard.rules) - 1 else "")
            then("]")
        else:
            items.append([leaves[int(key)], ""])
        then(after)
    table = findings(report, lang)
    return lead.encode("utf-8"), [_slot(report, lang, table, what, after) for what, after in items]


def _slot(report: Report, lang: str, table, what, after: str) -> Callable[[int, int], object]:
    codes, texts = table.texts(what) if not isinstance(what, tuple) else what
    if texts is None:  # a rule whose findings nearly all differ: built per community, not kept
        ids = report.index.columns.ids
        return lambda start, stop: np.array([(json.dumps(finding(report, what, cid, lang), ensure_ascii=False) + after)
                                             .encode("utf-8") for cid in ids[start:stop]], dtype=object)
    encoded = np.array([(t + after).encode("utf-8") for t in texts], dtype=object)
    return lambda start, stop: encoded[codes[start:stop]]


def _encoded(values: np.ndarray, convert, digits: int | None = None) -> tuple[np.ndarray, list[str]]:
    """(code per row, text per code): json.dumps(convert(round(v, digits))) of each row's value, as
    community_record + json.dumps gives it, computed once per distinct value (index.group_values)."""
    if digits is not None:
        # numpy rounds a column exactly as round() rounds each of its scalars
        if np.issubdtype(values.dtype, np.floating) or np.issubdtype(values.dtype, np.integer):
            values = np.round(values, digits)
        else:
            values = object_array([round(v, digits) for v in values])
    codes, first = group_values(values)
    return codes, [scalar(convert(values[i])) for i in first]
