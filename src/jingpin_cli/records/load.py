"""Read a data folder (CSV, XLSX, YAML records) into one typed Records table.

Every problem in every file is collected before giving up, so a user fixes them in one pass."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.files import exists_or_link, refuse_special
from jingpin_cli.records.forms import FormTable, is_form, read_forms
from jingpin_cli.records.header_band import find_header_row
from jingpin_cli.records.headers import HeaderMatcher, base_key
from jingpin_cli.records.limits import HEADER_SEARCH_ROWS
from jingpin_cli.records.model import DTYPES, RawTable, Records, place
from jingpin_cli.records.parallel import read_files
from jingpin_cli.records.self_check import attach as attach_self_assessment
from jingpin_cli.records.self_check import self_columns
from jingpin_cli.records.surveys import (
    SURVEYS_DIR,
    attach_surveys,
    read_answers,
    survey_files,
)
from jingpin_cli.records.tables import GRID_SUFFIXES, read_grid, table_from_grid
from jingpin_cli.records.values import WARNING_CODES, parse_columns
from jingpin_cli.records.yaml_records import YamlTable, read_yaml_records
from jingpin_cli.rules import KINDS
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import Worded, pick
from jingpin_cli.text.words import sep

YAML_SUFFIXES = (".yaml", ".yml")
DATA_SUFFIXES = GRID_SUFFIXES + YAML_SUFFIXES
# spreadsheets jingpin cannot read: listed so that a folder holding one says so instead of skipping it
OTHER_SPREADSHEETS = (".numbers",)
# what may sit in a data folder without a word: notes for people (README, *.md)
QUIET_SUFFIXES = (".md",)


def data_files(path: Path) -> list[Path]:
    """The data files of a folder (top level; surveys/ is read apart), or the one path given.

    A folder entry named like a data file is listed even when it is not a regular file (a FIFO, a
    device, a broken link, a link loop, a folder named x.csv): reading it then fails with
    not_regular_file naming what it is, an error like any unreadable file, because a report that
    silently lacks a community is wrong, and removing the entry (or restoring the link's target) is
    easy. Names starting with “.” or “~$” (editor and Excel lock files) are passed over."""
    if not path.is_dir():
        return [path]
    return sorted(p for p in path.iterdir()
                  if p.suffix.lower() in DATA_SUFFIXES + OTHER_SPREADSHEETS and not p.name.startswith((".", "~$")))


def other_entries(path: Path) -> list[Problem]:
    """A warning for each entry of a data folder that is not read, so that nothing is skipped in
    silence: a report that quietly lacks the communities of a .pdf or a subfolder misleads. Quiet:
    hidden and lock files (“.”, “~$”), notes (README, *.md) and the surveys/ folder."""
    if not path.is_dir():
        return []
    found = []
    for p in sorted(path.iterdir()):
        if p.name.startswith((".", "~$")) or p.name == SURVEYS_DIR or p.name.upper().startswith("README"):
            continue
        suffix = p.suffix.lower()
        if suffix in DATA_SUFFIXES + OTHER_SPREADSHEETS + QUIET_SUFFIXES:
            continue
        code = "other_folder" if p.is_dir() else "other_file"
        found.append(Problem(code, Location(str(p)), {}, "warning"))
    return found


def read_table(path: Path, matcher: HeaderMatcher,
               sheet: str | None = None) -> tuple[RawTable | YamlTable | list[FormTable], list[Problem]]:
    """One file's table, or for a file of one-community forms (records/forms.py) its forms, one per
    sheet. Which it is, is decided by the layout of the sheet read (a 项目 | 填报内容 header row), not
    by the file's name: a folder may mix wide tables and forms."""
    refuse_special(path)  # before anything opens it: a FIFO would block, a device never ends
    suffix = path.suffix.lower()
    try:
        if suffix in YAML_SUFFIXES:
            return read_yaml_records(path, matcher)
        if suffix in GRID_SUFFIXES:
            return read_grid_table(path, matcher, sheet)
    except MemoryError:  # the limits should stop a costly file first; if one gets past them, say so
        raise InputError([Problem("out_of_memory", Location(str(path)))]) from None
    raise InputError([Problem("unsupported_file", Location(str(path)), {"suffix": path.suffix})])


def read_grid_table(path: Path, matcher: HeaderMatcher,
                    sheet: str | None = None) -> tuple[RawTable | list[FormTable], list[Problem]]:
    """A text table or workbook: a wide table, or the forms of its sheets (see read_table)."""
    grid = read_grid(path, sheet, lambda top: is_form(top) or find_header_row(top, matcher) is not None)
    if is_form(grid.cells.head(HEADER_SEARCH_ROWS)):
        return read_forms(path, grid, matcher, sheet)
    return table_from_grid(grid, matcher)


def type_table(table: RawTable, standard: Standard) -> tuple[pd.DataFrame, list[Problem]]:
    """Parse every column of a raw table by its field's type. Returns the typed columns and problems."""
    keys = list(table.data.columns)
    parsed = parse_columns([_column(standard, table.data[key], key, table.header_factors.get(key)) for key in keys],
                           [table.codes[key] for key in keys] if table.codes is not None else None)
    typed = {key: values.reset_index(drop=True) for key, (values, _) in zip(keys, parsed, strict=True)}
    problems = [Problem(code, table.locate(pos, key), params, "warning" if code in WARNING_CODES else "error")
                for key, (_, bad) in zip(keys, parsed, strict=True) for pos, (code, params) in sorted(bad.items())]
    return pd.DataFrame(typed, index=range(len(table.data))), problems


def _column(standard: Standard, cells: pd.Series, key: str, header_factor: float | None):
    """A column as parse_columns takes it. A 自评 column (`key@self`) is typed like its field."""
    f = standard.field(base_key(key))
    return cells, f, standard.units.get(f.unit) if f.unit else None, header_factor


def type_together(tables: list[RawTable | YamlTable], standard: Standard) -> tuple[pd.DataFrame, list[list[Problem]]]:
    """type_table for several tables at once, and for YAML records (kept as dicts, see YamlTable):
    one typed frame (their rows, in order) and each table's problems. A folder of 10 000 one-community YAML
    files costs one parse per column, not 770 000 small ones; every problem still names its own file,
    row/line and column."""
    if not any(isinstance(t, YamlTable) for t in tables):  # tables only: each through the column path
        return _type_each(tables, standard)
    offsets = np.cumsum([0] + [len(t.rows) for t in tables])
    buckets: dict[tuple[str, float | None], tuple[list, list]] = {}  # (key, header unit) -> cells, rows
    unitless: dict[str, tuple[list, list]] = {}  # key -> buckets[key, None], looked up once per cell
    for t, start in zip(tables, offsets.tolist(), strict=False):
        if isinstance(t, YamlTable):  # records are dicts: a cell goes in where its record has the key
            for row, record in enumerate(t.records, start):
                for key, cell in record.items():
                    bucket = unitless.get(key) or unitless.setdefault(key, buckets.setdefault((key, None), ([], [])))
                    bucket[0].append(cell)
                    bucket[1].append(row)
            continue
        grid = t.data.to_numpy(dtype=object)
        for c, key in enumerate(t.data.columns):
            cells, rows = buckets.setdefault((key, t.header_factors.get(key)), ([], []))
            cells.extend(grid[:, c])
            rows.extend(range(start, start + len(grid)))
    typed: dict[str, pd.Series] = {}
    bad: list[dict] = [{} for _ in tables]  # per table: key -> [(pos, code, params)]
    parsed_all = parse_columns([_column(standard, pd.Series(cells, dtype=object), key, factor)
                                for (key, factor), (cells, _) in buckets.items()])
    for ((key, _factor), (_cells, rows)), (parsed, found) in zip(buckets.items(), parsed_all, strict=True):
        if len(rows) == offsets[-1] and key not in typed:
            typed[key] = parsed.reset_index(drop=True)
        else:  # rows of tables without this column (or with another header unit) stay blank here
            column = typed.setdefault(key, pd.Series(pd.array([None] * offsets[-1], dtype=parsed.dtype)))
            column.iloc[rows] = parsed.to_numpy(dtype=object)
        if found:
            at = np.asarray(rows)[list(found)]
            tables_at = (np.searchsorted(offsets, at, side="right") - 1).tolist()
            for pos, row, j in zip(found, at.tolist(), tables_at, strict=True):
                bad[j].setdefault(key, []).append((row - int(offsets[j]), *found[pos]))
    problems = [[Problem(code, t.locate(pos, key), params, "warning" if code in WARNING_CODES else "error")
                 for key in _keys(t) for pos, code, params in sorted(bad[j].get(key, []), key=lambda b: b[0])]
                if bad[j] else [] for j, t in enumerate(tables)]
    return pd.DataFrame(typed, index=range(offsets[-1])), problems


def _one_per_table(read: list) -> list[tuple[RawTable | YamlTable, list[Problem]] | list[Problem]]:
    """A file of forms as one (table, problems) per form, its problems with the first."""
    out = []
    for r in read:
        if isinstance(r, tuple) and isinstance(r[0], list):
            out += [(table, r[1] if i == 0 else []) for i, table in enumerate(r[0])]
        else:
            out.append(r)
    return out


def _type_each(tables: list[RawTable], standard: Standard) -> tuple[pd.DataFrame, list[list[Problem]]]:
    """Several tables (a province as several files): each typed as one table is, on whole columns, then
    stacked; a column a table lacks is blank in its rows, of the column's type."""
    typed, problems = [], []
    for table in tables:
        frame, found = type_table(table, standard)
        typed.append(frame)
        problems.append(found)
    columns = {}
    for key in dict.fromkeys(k for frame in typed for k in frame.columns):
        dtype = next(frame[key].dtype for frame in typed if key in frame)
        columns[key] = pd.concat([frame[key] if key in frame else pd.Series(pd.array([None] * len(frame), dtype=dtype))
                                  for frame in typed], ignore_index=True)
    return pd.DataFrame(columns, index=range(sum(len(frame) for frame in typed))), problems


def _keys(table: RawTable | YamlTable) -> list[str]:
    """A table's columns in order; a YAML file's in the order its records first name them."""
    if isinstance(table, YamlTable):
        return list(dict.fromkeys(key for record in table.records for key in record))
    return list(table.data.columns)


def load_records(path: str | Path, standard: Standard, sheet: str | None = None) -> Records:
    """All communities of a folder (or one file). Raises InputError with every problem found."""
    path = Path(path)
    if not exists_or_link(path):
        raise InputError([Problem("not_found", Location(str(path)))])
    files = data_files(path)
    if not files:
        raise InputError([Problem("no_data_files", Location(str(path)))])
    matcher = HeaderMatcher(standard)
    problems: list[Problem] = other_entries(path)
    frames, origins, columns, sources, cells = [], [], {}, {}, {}
    read = _one_per_table(read_files(files, read_table, matcher, sheet))
    tables = [r[0] for r in read if isinstance(r, tuple)]
    together = len(tables) > 1 or any(isinstance(t, YamlTable) for t in tables)
    if together:  # many files, or YAML records: typed together, one frame (see type_together)
        typed, bads = type_together(tables, standard)
        bads = iter(bads)  # in the order of `tables`, which is the order of `read`
        frames.append(typed)
        origins.append(pd.DataFrame({"file": [t.file for t in tables for _ in t.rows],
                                     "sheet": [t.sheet for t in tables for _ in t.rows],
                                     "row": [r for t in tables for r in t.rows]}))
    else:
        bads = []
    for r in read:
        if not isinstance(r, tuple):
            problems += r
            continue
        table, found = r
        if together:
            bad = next(bads)
        else:
            typed, bad = type_table(table, standard)
            frames.append(typed)
            origins.append(pd.DataFrame({"file": table.file, "sheet": table.sheet, "row": table.rows}))
        problems += found + bad
        columns[table.file] = table.columns
        if isinstance(table, FormTable):
            cells[(table.file, table.sheet)] = table.cells
        sources[table.file] = table.sheet or table.encoding or ""
    answers = None
    # raw survey answers: read with the tables, so all problems come at once
    if path.is_dir() and (path / SURVEYS_DIR).is_dir():
        if standard.survey is None:  # nothing in this standard would use the answers
            problems.append(Problem("survey_not_in_standard", Location(str(path / SURVEYS_DIR)),
                                    {"standard": standard.id}, "warning"))
        else:
            answers = read_answers(survey_files(path / SURVEYS_DIR), standard)
            problems += answers.problems
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()
    origin = pd.concat(origins, ignore_index=True) if origins else pd.DataFrame(columns=["file", "sheet", "row"])
    given = {base_key(column) for column in frame.columns}  # a 自评 or 核查 column gives its field too
    missing = _missing_columns(files[0] if len(files) == 1 else path, given, standard, answers is not None)
    claimed = self_columns(frame, standard)  # 自评 columns, kept apart from the scored values
    # every report groups by `street`: a catalog without it leaves the grouping unknown (blank), not an error
    keys = [f.key for f in standard.fields]
    frame = frame.reindex(columns=keys if "street" in keys else [*keys, "street"])
    frame = frame.astype({f.key: DTYPES[f.type] for f in standard.fields} | {"street": "string"})
    problems += _identity_problems(frame, origin, columns, cells)
    errors = [p for p in problems if p.severity == "error"]
    if errors:  # (columns missing are said once the data reads: an unknown header is often the one missing)
        raise InputError(problems)
    problems += missing
    frame.index = pd.Index(frame["id"], name="id")
    origin.index = frame.index
    records = Records(frame, origin, columns, warnings=problems, sources=sources, cells=cells)
    attach_self_assessment(records, claimed, standard)
    attach_surveys(records, answers, standard)
    return records


MISSING_SHOWN = 10  # fields named in the missing_columns warning


def _missing_columns(path: Path, present, standard: Standard, answered: bool) -> list[Problem]:
    """A warning naming the fields the rules read that no table has a column for: blank is unknown,
    so every community would be silently unknown on those rules (and perhaps not eligible). A rate
    that survey answers give (`answered`) needs no column."""
    read = dict.fromkeys(key for rule in standard.rules
                         if not (answered and KINDS[rule.kind].SURVEYED)
                         for key in [*rule.fields, *(condition.field for _, condition in rule.conditions)])
    missing = [key for key in read if key not in present]
    if not missing or not present:
        return []
    shown = missing[:MISSING_SHOWN]  # a sheet of a few columns lacks dozens: the count says how many
    labels = Worded.each(lambda lang: sep(lang, "list").join(pick(standard.field(key), lang) for key in shown)
                         + ("…" if len(missing) > len(shown) else ""))
    return [Problem("missing_columns", Location(str(path)), {"labels": labels, "n": len(missing)}, "warning")]


def _identity_problems(frame: pd.DataFrame, origin: pd.DataFrame, columns: dict, cells: dict) -> list[Problem]:
    """Blank ids or names, and an id that appears twice in any files (both places named)."""
    def where(i: int, key: str) -> Location:
        sheet = origin.at[i, "sheet"] if isinstance(origin.at[i, "sheet"], str) else None
        return place(origin.at[i, "file"], sheet, int(origin.at[i, "row"]), key, columns, cells)

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
