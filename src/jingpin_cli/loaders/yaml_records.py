"""YAML records: one community per file (a mapping), or several under `communities:`."""

from __future__ import annotations

from difflib import get_close_matches
from pathlib import Path

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.loaders.headers import HeaderMatcher, fold
from jingpin_cli.records import RawTable
from jingpin_cli.yamlio import YamlDoc, read_yaml


def read_yaml_records(path: Path, matcher: HeaderMatcher) -> tuple[RawTable, list[Problem]]:
    doc = read_yaml(path)
    file = str(path)
    data = doc.data
    if data is None:
        raise InputError([Problem("empty_file", Location(file))])
    if isinstance(data, dict) and list(data) == ["communities"]:
        records, base = data["communities"], ("communities",)
        if not isinstance(records, list):
            raise InputError([Problem("yaml_not_mapping", Location(file, line=doc.line_of(base)))])
    else:
        records, base = [data], None
    rows, lines, starts, problems = [], [], [], []
    columns: dict[str, tuple[str | None, str]] = {}
    lists = {fold(name): name for name in matcher.standard.lists}
    lists.update({fold(lst.zh): name for name, lst in matcher.standard.lists.items()})
    for i, record in enumerate(records):
        path_of = (lambda *keys: base + (i,) + keys) if base else (lambda *keys: keys)
        if not isinstance(record, dict):
            problems.append(Problem("yaml_not_mapping", Location(file, line=doc.line_of(path_of()))))
            continue
        values: dict[str, object] = {}
        where: dict[str, int | None] = {}
        for key, value in record.items():
            line = doc.line_of(path_of(key))
            name = str(key)
            if fold(name) in lists:
                problems += _expand_list(lists[fold(name)], name, value, matcher, values, where, Location(file, line=line, column=name))
                continue
            m = matcher.match(name)
            if m.ignored:
                continue
            if m.field is None:
                problems.append(Problem("unknown_key", Location(file, line=line, column=name), {"header": name, "suggestion": m.suggestion}))
                continue
            if isinstance(value, (dict, list)):
                problems.append(Problem("not_scalar", Location(file, line=line, column=name), {"header": name}))
                continue
            values[m.field] = _as_text(value)
            where[m.field] = line
            columns.setdefault(m.field, (None, name))
        rows.append(values)
        lines.append(where)
        starts.append(doc.line_of(path_of()) or 1)
    table = RawTable(file, None, _frame(rows), starts, columns, cell_lines=_frame(lines), encoding="UTF-8")
    return table, problems


def _frame(rows: list[dict]) -> pd.DataFrame:
    """pd.DataFrame(rows, dtype=object) — columns in order of first appearance, NaN where a row
    lacks a key — built from one 2-D array: ten times quicker for the one-record file."""
    if not rows:
        return pd.DataFrame(rows, dtype=object)
    keys = list(dict.fromkeys(k for row in rows for k in row))
    cells = np.empty((len(rows), len(keys)), dtype=object)
    for i, row in enumerate(rows):
        cells[i] = [row.get(k, np.nan) for k in keys]
    return pd.DataFrame(cells, columns=keys, dtype=object)


def _expand_list(name: str, written: str, value, matcher: HeaderMatcher, values: dict, where: dict,
                 loc: Location) -> list[Problem]:
    """`facilities: [警务室, …]` → every item of the list: present if named, absent otherwise."""
    item_list = matcher.standard.lists[name]
    if not isinstance(value, list):
        return [Problem("bad_list", loc, {"list": written})]
    present, problems = set(), []
    for item in value:
        m = matcher.match(str(item))
        if m.field in item_list.items:
            present.add(m.field)
        else:
            names = [matcher.standard.field(k).zh for k in item_list.items]
            close = get_close_matches(str(item), names, n=1, cutoff=0.3)
            problems.append(Problem("bad_list_item", loc, {"value": str(item), "list": written, "suggestion": close[0] if close else None}))
    for key in item_list.items:
        values.setdefault(key, "true" if key in present else "false")
        where.setdefault(key, loc.line)
    return problems


def _as_text(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
