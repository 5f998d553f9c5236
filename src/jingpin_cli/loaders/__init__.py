"""Read a data folder (CSV, XLSX, YAML records) into one typed Records table.

Every problem in every file is collected before giving up, so a user fixes them in one pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.loaders.headers import HeaderMatcher, base_key
from jingpin_cli.loaders.surveys import SURVEYS_DIR, attach_surveys, read_answers, survey_files
from jingpin_cli.loaders.tables import read_grid_table
from jingpin_cli.loaders.values import parse_column
from jingpin_cli.loaders.yaml_records import read_yaml_records
from jingpin_cli.progress import progress
from jingpin_cli.records import RawTable, Records
from jingpin_cli.self_assessment import attach as attach_self_assessment, self_columns
from jingpin_cli.standard.models import Standard

DATA_SUFFIXES = (".csv", ".xlsx", ".xlsm", ".yaml", ".yml")
# spreadsheets jingpin cannot read: listed so that a folder holding one says so instead of skipping it
OTHER_SPREADSHEETS = (".xls", ".et", ".ods", ".numbers")
DTYPES = {"text": "string", "bool": "boolean", "int": "Float64", "num": "Float64", "rate": "Float64", "score": "Float64"}


def data_files(path: Path) -> list[Path]:
    """The data files of a folder (top level; surveys/ is read apart), or the one file given."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir()
                  if p.is_file() and p.suffix.lower() in DATA_SUFFIXES + OTHER_SPREADSHEETS
                  and not p.name.startswith((".", "~$")))


def read_table(path: Path, matcher: HeaderMatcher, sheet: str | None = None) -> tuple[RawTable, list[Problem]]:
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        return read_yaml_records(path, matcher)
    if suffix in (".csv", ".xlsx", ".xlsm"):
        return read_grid_table(path, matcher, sheet)
    raise InputError([Problem("unsupported_file", Location(str(path)), {"suffix": path.suffix})])


def type_table(table: RawTable, standard: Standard) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse every column of a raw table by its field's type. Returns the typed columns and problems."""
    problems: list[Problem] = []
    typed = {}
    for key in table.data.columns:
        f = standard.field(base_key(key))  # a 自评 column (`key@self`) is typed like its field
        values, bad = parse_column(table.data[key], f, standard.units.get(f.unit) if f.unit else None,
                                   table.header_factors.get(key))
        typed[key] = values.reset_index(drop=True)
        problems += [Problem(code, table.locate(pos, key), params) for pos, (code, params) in sorted(bad.items())]
    return pd.DataFrame(typed, index=range(len(table.data))), problems


SMALL_TABLE = 1000  # rows; smaller tables are typed together (see type_tables)


def type_tables(tables: list[RawTable], standard: Standard):
    """type_table for each table, in order — but small tables are typed as one: a folder of 10 000
    one-community YAML files costs 77 column parses, not 770 000. Problems still name each file."""
    small = [t for t in tables if len(t.data) < SMALL_TABLE]
    batched = iter(_type_together(small, standard)) if len(small) > 1 else None
    for t in tables:
        yield next(batched) if batched is not None and len(t.data) < SMALL_TABLE else type_table(t, standard)


def _type_together(tables: list[RawTable], standard: Standard) -> list[tuple[pd.DataFrame, list[Problem]]]:
    buckets: dict[tuple[str, float | None], tuple[list, list]] = {}  # (key, header unit) -> cells, (table, start)
    for j, t in enumerate(tables):
        cells = t.data.to_numpy(dtype=object)
        for c, key in enumerate(t.data.columns):
            values, owners = buckets.setdefault((key, t.header_factors.get(key)), ([], []))
            owners.append((j, len(values)))
            values.extend(cells[:, c])
    typed: list[dict] = [{} for _ in tables]
    bad: list[dict] = [{} for _ in tables]  # table -> key -> [(pos, code, params)]
    for (key, factor), (values, owners) in buckets.items():
        f = standard.field(base_key(key))
        parsed, found = parse_column(pd.Series(values, dtype=object), f, standard.units.get(f.unit) if f.unit else None, factor)
        starts = [start for _, start in owners] + [len(values)]
        for (j, start), stop in zip(owners, starts[1:]):
            typed[j][key] = parsed.iloc[start:stop].reset_index(drop=True)
        if found:
            where = np.searchsorted(starts, list(found), side="right") - 1
            for pos, w in zip(found, where):
                j, start = owners[w]
                bad[j].setdefault(key, []).append((pos - start, *found[pos]))
    out = []
    for j, t in enumerate(tables):
        problems = [Problem(code, t.locate(pos, key), params)
                    for key in t.data.columns for pos, code, params in sorted(bad[j].get(key, []), key=lambda b: b[0])]
        out.append((pd.DataFrame({k: typed[j][k] for k in t.data.columns}, index=range(len(t.data))), problems))
    return out


def load_records(path: str | Path, standard: Standard, sheet: str | None = None) -> Records:
    """All communities of a folder (or one file). Raises InputError with every problem found."""
    path = Path(path)
    if not path.exists():
        raise InputError([Problem("not_found", Location(str(path)))])
    files = data_files(path)
    if not files:
        raise InputError([Problem("no_data_files", Location(str(path)))])
    matcher = HeaderMatcher(standard)
    problems: list[Problem] = []
    frames, origins, columns, sources = [], [], {}, {}
    read: list[tuple[RawTable, list[Problem]] | list[Problem]] = []
    for file in progress(files, "读取数据文件 / reading data files"):
        try:
            read.append(read_table(file, matcher, sheet))
        except InputError as exc:
            read.append(exc.problems)
    typed_tables = type_tables([r[0] for r in read if isinstance(r, tuple)], standard)
    for r in read:
        if not isinstance(r, tuple):
            problems += r
            continue
        (table, found), (typed, bad) = r, next(typed_tables)
        problems += found + bad
        frames.append(typed)
        origins.append(pd.DataFrame({"file": table.file, "sheet": table.sheet, "row": table.rows}))
        columns[table.file] = table.columns
        sources[table.file] = table.sheet or table.encoding or ""
    answers = None
    if path.is_dir() and (path / SURVEYS_DIR).is_dir():  # raw survey answers: read with the tables, so all problems come at once
        answers = read_answers(survey_files(path / SURVEYS_DIR), standard)
        problems += answers.problems
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    origin = pd.concat(origins, ignore_index=True) if origins else pd.DataFrame(columns=["file", "sheet", "row"])
    claimed = self_columns(frame, standard)  # 自评 columns, kept apart from the scored values
    frame = frame.reindex(columns=[f.key for f in standard.fields])
    frame = frame.astype({f.key: DTYPES[f.type] for f in standard.fields})
    frame["id"] = frame["id"].str.strip()
    problems += _identity_problems(frame, origin, columns)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise InputError(problems)
    frame.index = pd.Index(frame["id"], name="id")
    origin.index = frame.index
    records = Records(frame, origin, columns, warnings=problems, sources=sources)
    attach_self_assessment(records, claimed, standard)
    attach_surveys(records, answers, standard)
    return records


def _identity_problems(frame: pd.DataFrame, origin: pd.DataFrame, columns: dict) -> list[Problem]:
    """Blank ids or names, and an id that appears twice in any files (both places named)."""
    def where(i: int, key: str) -> Location:
        letter, header = columns.get(origin.at[i, "file"], {}).get(key, (None, None))
        sheet = origin.at[i, "sheet"] if isinstance(origin.at[i, "sheet"], str) else None
        return Location(origin.at[i, "file"], sheet, int(origin.at[i, "row"]), letter, header)

    problems = []
    for key, code in (("id", "missing_id"), ("name", "missing_name")):
        for i in frame.index[frame[key].isna()]:
            if key in columns.get(origin.at[i, "file"], {}):  # a missing column is reported once, already
                problems.append(Problem(code, where(i, key)))
    ids = frame["id"]
    dup = ids.notna() & ids.duplicated(keep=False)
    first_seen: dict[str, int] = {}
    for i in frame.index[dup]:
        first = first_seen.setdefault(ids[i], i)
        if first != i:
            problems.append(Problem("duplicate_id", where(i, "id"), {"id": ids[i], "other": where(first, "id")}))
    return problems
