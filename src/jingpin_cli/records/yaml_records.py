"""YAML records: one community per file (a mapping), or several under `communities:`."""

from __future__ import annotations

from dataclasses import dataclass
from difflib import get_close_matches
from functools import lru_cache
from pathlib import Path

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.records.headers import HeaderMatch, HeaderMatcher, fold
from jingpin_cli.records.ids import folded_id
from jingpin_cli.safe_yaml import read_yaml


@dataclass
class YamlTable:
    """The records of one YAML file as plain dicts. A folder of 10 000 one-record files is typed as
    one table (`records.load.type_together`): a pandas frame per file cost more than reading the file."""

    file: str
    records: list[dict[str, str | None]]  # per record: field -> cell text
    lines: list[dict[str, int]]  # per record: field -> line of its value
    rows: list[int]  # per record: the line where it starts
    columns: dict[str, tuple[None, str]]  # field -> (no column letter, key as written)
    sheet = None
    encoding = "UTF-8"

    def locate(self, pos: int, key: str) -> Location:
        line = self.lines[pos].get(key)
        return Location(self.file, line=self.rows[pos] if line is None else line,
                        column=self.columns.get(key, (None, key))[1])


def read_yaml_records(path: Path, matcher: HeaderMatcher) -> tuple[YamlTable, list[Problem]]:
    doc = read_yaml(path, as_written=True)  # a record's values are cells: ids and names as written
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
    columns: dict[str, tuple[None, str]] = {}
    for i, record in enumerate(records):
        at = base + (i,) if base else ()
        if not isinstance(record, dict):
            problems.append(Problem("yaml_not_mapping", Location(file, line=doc.line_of(at))))
            continue
        values: dict[str, str | None] = {}
        where: dict[str, int] = {}
        for key, value in record.items():
            line = doc.line_of(at + (key,))
            name = str(key)
            listed, m = _named(matcher, name)
            if listed is not None:
                problems += _expand_list(listed, name, value, matcher, values, where,
                                         Location(file, line=line, column=name))
                continue
            if m.ignored:
                continue
            if m.field is None:
                problems.append(Problem("unknown_key", Location(file, line=line, column=name),
                                        {"header": name, "suggestion": m.suggestion}))
                continue
            if isinstance(value, (dict, list)):
                problems.append(Problem("not_scalar", Location(file, line=line, column=name), {"header": name}))
                continue
            values[m.field] = _as_text(value)
            where[m.field] = line
            if m.field == "id" and folded_id(values["id"]) is not None:  # 130699001.0 is 130699001
                fixed = folded_id(values["id"])
                problems.append(Problem("id_folded", Location(file, line=line, column=name),
                                        {"value": values["id"], "fixed": fixed, "count": 1, "rows": str(line)},
                                        "warning"))
                values["id"] = fixed
            columns.setdefault(m.field, (None, name))
        rows.append(values)
        lines.append(where)
        starts.append(doc.line_of(at) or 1)
    return YamlTable(file, rows, lines, starts, columns), problems


@lru_cache(maxsize=4096)
def _named(matcher: HeaderMatcher, name: str) -> tuple[str | None, HeaderMatch | None]:
    """(the list, None) when a record key names one of the standard's lists (`facilities`), else
    (None, the field it names). Memoised: a folder of record files repeats the same keys."""
    lists = {fold(key): key for key in matcher.standard.lists}
    lists.update({fold(lst.zh): key for key, lst in matcher.standard.lists.items()})
    listed = lists.get(fold(name))
    return (listed, None) if listed is not None else (None, matcher.match(name))


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
            problems.append(Problem("bad_list_item", loc,
                                    {"value": str(item), "list": written, "suggestion": close[0] if close else None}))
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
