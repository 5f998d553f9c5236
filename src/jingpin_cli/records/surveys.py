"""Raw survey answers (`DIR/surveys/*.csv|xlsx`): one row per respondent, Chinese headers and answers.

Reading never drops anything silently: a blank row, a row without a community, an answer the
standard does not know, a community not in the data — each becomes a warning Problem with its
file, sheet, row and column, is left out of the rates, and is counted in the result's `counts`."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem, hint_from
from jingpin_cli.records.grid import blank_mask, column_letter, merge_codes, top_rows
from jingpin_cli.records.headers import fold
from jingpin_cli.records.limits import HEADER_SEARCH_ROWS
from jingpin_cli.records.survey_rates import (
    CONFLICT_POINTS,
    SurveyResult,
    compute,
    merge_rates,
    rate_samples,
)
from jingpin_cli.records.tables import GRID_SUFFIXES, TEXT_SUFFIXES, read_csv_grid, read_xlsx_grid
from jingpin_cli.records.values import BOOL_WORDS, clean_codes
from jingpin_cli.records.workbook import workbook_sheets
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import Worded
from jingpin_cli.text.numbers import num

SURVEYS_DIR = "surveys"
SURVEY_SUFFIXES = GRID_SUFFIXES  # every table format the data folder takes
# The columns of the data contract (fields.md “Raw survey answers”): key -> (中文, English, aliases)
COLUMNS = {
    "community": ("社区", "Community", ("社区名称", "社区编码", "所属社区", "社区名", "community")),
    "respondent_type": ("类别", "Respondent type",
                        ("受访者类别", "调查对象", "对象类别", "类型", "身份", "respondent type")),
    "aware": ("是否知晓", "Aware", ("知晓", "是否了解", "知晓情况", "aware")),
    "participated": ("是否参与", "Participated", ("参与", "是否参加", "参与情况", "participated")),
    "satisfaction": ("满意程度", "Satisfaction", ("满意度", "是否满意", "satisfaction")),
}
QUESTIONS = ("aware", "participated", "satisfaction")
ANSWER_COLUMNS = ("respondent_type", *QUESTIONS)
# yes/no as the loader reads them everywhere, plus the words questionnaires use for these two questions
YES_NO = {
    "aware": {**BOOL_WORDS, "知道": True, "不知道": False, "知晓": True, "不知晓": False},
    "participated": {**BOOL_WORDS, "参与": True, "参与过": True, "参加": True, "参加过": True,
                     "未参与": False, "没参与": False, "没有参与": False, "未参加": False, "没参加": False},
}
_BRACKETED_TAIL = re.compile(r"\(.*\)$")  # 满意程度（满意/基本满意/不满意/不了解）: options in brackets


@dataclass
class SurveyAnswers:
    """Every questionnaire row read, typed, with why a row is not counted (`skipped`, NA if counted)."""

    # part, row, community_text, respondent_type, aware, participated, satisfied, excluded, skipped
    frame: pd.DataFrame
    columns: dict[tuple, dict[str, tuple[str, str]]]  # (file, sheet) -> key -> (column letter, header as written)
    problems: list[Problem] = field(default_factory=list)
    files: list[str] = field(default_factory=list)
    places: list[tuple[str, str | None]] = field(default_factory=list)  # part -> (file, sheet) it was read from

    def locator(self):
        """where(position, column key) -> the Location of that answer row's cell."""
        part, row = self.frame["part"].to_numpy(), self.frame["row"].to_numpy()  # by position: .at is slow

        def where(pos: int, key: str | None) -> Location:
            file, sheet = self.places[part[pos]]
            letter, header = self.columns.get((file, sheet), {}).get(key, (None, None))
            return Location(file, sheet, int(row[pos]), letter, header)
        return where


def survey_files(path: Path) -> list[Path]:
    """The survey files of PATH: the file itself, DIR/surveys/*, or the files of a surveys folder."""
    if not path.is_dir():
        return [path]
    folder = path / SURVEYS_DIR if (path / SURVEYS_DIR).is_dir() else path
    # an entry that is not a regular file is listed too: reading it says what it is (records.load.data_files)
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in SURVEY_SUFFIXES and not p.name.startswith((".", "~$")))


@dataclass
class _Sheet:
    """The answer columns of one sheet or CSV, as codes into their distinct texts (-1 blank)."""

    file: str
    sheet: str | None
    first_row: int  # the Excel row number of its first answer row
    rows: int
    columns: dict[str, tuple[np.ndarray, np.ndarray]]  # key -> (codes, distinct texts)


def read_answers(files: list[Path], standard: Standard) -> SurveyAnswers:
    """All answers of `files`. File-level problems (unreadable, no header) are errors in `problems`;
    a workbook sheet without a survey header is only a warning when another sheet of it has one.
    Each file is only sliced here; cleaning and parsing run once over all files' rows together."""
    sheets, columns, problems = [], {}, []
    for path in files:
        try:
            read, unread = 0, []
            for grid, top, sheet in _grids(path):
                body, cols, found = _read_grid(grid, top, str(path), sheet, standard)
                if body is None and sheet is not None and any(p.code == "survey_no_header" for p in found):
                    unread += found
                    continue
                problems += found
                if body is not None:
                    read += 1
                    sheets.append(body)
                    columns[(str(path), sheet)] = cols
            problems += [replace(p, severity="warning") for p in unread] if read else unread
        except InputError as exc:
            problems += exc.problems
    if not sheets:
        return SurveyAnswers(_empty(), columns, problems, [str(p) for p in files])
    frame, found = _parse_rows(sheets, standard.survey)
    answers = SurveyAnswers(frame, columns, problems, [str(p) for p in files], [(s.file, s.sheet) for s in sheets])
    where = answers.locator()
    problems += [Problem(code, where(pos, key), params, "warning") for pos, code, key, params in found]
    return answers


def _grids(path: Path):
    """(cells, top rows, sheet) of a CSV, or of every visible sheet of a workbook (one sheet per
    community is common). A CSV's columns that answer nothing are not read (answer_columns)."""
    if path.suffix.lower() in TEXT_SUFFIXES:
        grid = read_csv_grid(path, answer_columns)
        yield grid.cells, grid.top or top_rows(grid.cells, HEADER_SEARCH_ROWS), None
        return
    for info in workbook_sheets(path):  # the same container checks as every workbook records/ opens
        if not info.hidden:
            cells, sheet = read_xlsx_grid(path, info.title)
            yield cells, top_rows(cells, HEADER_SEARCH_ROWS), sheet


def _header_row(top: list[tuple]) -> int | None:
    """The first of the top rows that names the community column."""
    return next((i for i, row in enumerate(top) if any(_match_header(c) == "community" for c in row)), None)


def answer_columns(top: list[tuple]) -> list[int] | None:
    """The columns of a survey header (all of them if there is none: then nothing is read but the
    problem, which may need to see every cell)."""
    at = _header_row(top)
    return None if at is None else [j for j, cell in enumerate(top[at]) if _match_header(cell)]


_HEADER_NAMES = {fold(n): key for key, (zh, en, aliases) in COLUMNS.items() for n in (key, zh, en, *aliases)}


def _match_header(header) -> str | None:
    if not isinstance(header, str) or not header.strip():
        return None
    folded = fold(header)
    return _HEADER_NAMES.get(folded) or _HEADER_NAMES.get(_BRACKETED_TAIL.sub("", folded))


def _read_grid(grid: pd.DataFrame, top: list[tuple], file: str, sheet: str | None, standard: Standard):
    """One sheet or CSV (its cells, columns labelled by position, and the top rows of all its
    columns) → (its answer columns, or None; the column map; file-level problems)."""
    header_at = _header_row(top)
    if header_at is None:
        if blank_mask(grid).to_numpy().all():
            return None, {}, ([] if sheet else [Problem("empty_file", Location(file, sheet))])
        return None, {}, [Problem("survey_no_header", Location(file, sheet))]
    problems, cols, keep = [], {}, {}
    ignored = {fold(h) for h in standard.ignore_headers}
    for j, cell in enumerate(top[header_at]):
        if cell is None or not str(cell).strip():
            continue
        header = str(cell).strip()
        where = Location(file, sheet, header_at + 1, column_letter(j), header)
        key = _match_header(header)
        if key is None:
            if fold(header) not in ignored:
                close = difflib.get_close_matches(fold(header), [fold(c[0]) for c in COLUMNS.values()], n=1, cutoff=0.5)
                problems.append(Problem("survey_unknown_header", where, {"header": header, **hint_from(close)},
                                        "warning"))
        elif key in cols:
            problems.append(Problem("duplicate_header", where,
                                    {"header": header, "other": cols[key][0], "field": COLUMNS[key][0]}, "warning"))
        else:
            cols[key], keep[key] = (column_letter(j), header), j
    if not any(q in cols for q in QUESTIONS):
        problems.append(Problem("survey_no_questions", Location(file, sheet, header_at + 1),
                                {"columns": "、".join(COLUMNS[q][0] for q in QUESTIONS)}))
        return None, cols, problems
    for key in ANSWER_COLUMNS:
        if key not in cols:
            problems.append(Problem("survey_missing_column", Location(file, sheet, header_at + 1),
                                    {"column": COLUMNS[key][0]}, "warning"))
    body = grid.iloc[header_at + 1:]
    coded = {key: _coded(body[j]) for key, j in keep.items()}
    return _Sheet(file, sheet, header_at + 2, len(body), coded), cols, problems  # Excel numbers rows from 1


def _coded(column: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """A column as (codes, distinct texts): a CSV's categorical column as the reader hashed it; a
    workbook's cells (numbers, dates) written out as text first, as clean() would."""
    if not isinstance(column.dtype, pd.CategoricalDtype):
        column = column.astype("string").astype("category")
    return column.cat.codes.to_numpy(), column.cat.categories.to_numpy(dtype=object)


def _parse_rows(sheets: list[_Sheet], survey) -> tuple[pd.DataFrame, list[tuple]]:
    """All sheets' answer columns → typed answers with their sheet (`part`, SurveyAnswers.places) and
    Excel row, and the cells/rows not counted.
    Blank rows after a sheet's last answer end the sheet; blank rows before it are reported."""
    sizes = [s.rows for s in sheets]
    text, asked = {}, {}
    for key in COLUMNS:  # each column's 2–10 distinct answers, each cleaned once
        parts = [s.columns.get(key, (np.full(s.rows, -1, dtype=np.int8), np.array([], dtype=object))) for s in sheets]
        codes, distinct = merge_codes(parts)
        codes, distinct = clean_codes(np.concatenate(codes), distinct)
        text[key] = pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(pd.Index(distinct, dtype=object)))
        asked[key] = np.repeat([key in s.columns for s in sheets], sizes)
    text, asked = pd.DataFrame(text), pd.DataFrame(asked)
    empty = (text.isna() | ~asked).all(axis=1).to_numpy()
    keep = np.zeros(len(empty), dtype=bool)
    start = 0
    for size in sizes:  # a sheet's rows up to its last answer
        answered = np.flatnonzero(~empty[start:start + size])
        if len(answered):
            keep[start:start + answered[-1] + 1] = True
        start += size
    part = np.repeat(np.arange(len(sheets)), sizes)[keep]
    rows = np.concatenate([np.arange(s.first_row, s.first_row + s.rows) for s in sheets])[keep]
    text, asked, empty = text[keep], asked[keep], empty[keep]
    frame, found = parse_answers(text, survey, asked)
    frame.insert(0, "row", rows)
    frame.insert(0, "part", part.astype(np.int32))  # which sheet (SurveyAnswers.places)
    frame.loc[empty, "skipped"] = "blank_row"
    found = [f for f in found if not empty[f[0]]]
    found += [(int(pos), "survey_blank_row", None, {}) for pos in np.flatnonzero(empty)]
    return frame, sorted(found, key=lambda f: f[0])


SKIPPED = ("blank_row", "no_answers", "missing_community", "unknown_community")  # why a row is not counted


def parse_answers(text: pd.DataFrame, survey, asked: pd.DataFrame | None = None) -> tuple[pd.DataFrame, list[tuple]]:
    """Cleaned answer text (NA = blank) → typed answers, and (position, code, column key, params) for
    each cell or row that is not counted. `asked`: per row and column, whether the row's file has
    that column (a column a file does not have is not reported as blank on every row). Works on
    whole columns: each column is categorical (codes into its few distinct answers), and the lookup
    tables cover the distinct answers only."""
    text = pd.DataFrame({k: text[k].astype("category") for k in COLUMNS}).reset_index(drop=True)
    asked = (pd.DataFrame(True, index=text.index, columns=list(COLUMNS)) if asked is None
             else asked.reset_index(drop=True))
    found: list[tuple] = []
    out = pd.DataFrame({"community_text": text["community"]})

    def lookup(col: str, table: dict, expected: str) -> tuple[list, np.ndarray]:
        """What `table` makes of each distinct answer (None for none; and last, for a blank cell:
        code -1 takes it), and the column's codes."""
        codes, answers = text[col].cat.codes.to_numpy(), text[col].cat.categories.to_numpy(dtype=object)
        mapped = [table.get(fold(a)) for a in answers]
        unknown = np.array([m is None for m in mapped] + [False], dtype=bool)
        said = [{"value": a, "expected": expected} for a in answers]  # one per distinct answer, shared by its rows
        for pos in np.flatnonzero(unknown[codes]).tolist():
            found.append((pos, "survey_unknown_answer", col, said[codes[pos]]))
        return [*mapped, None], codes

    types = {fold(t): t for t in survey.respondent_types}
    # “社区居民” is a 居民: an answer that contains a type's name is that type
    type_table = dict(types)
    for f in {fold(v) for v in text["respondent_type"].cat.categories}:
        type_table.setdefault(f, next((t for k, t in types.items() if k in f), None))
    kinds, codes = lookup("respondent_type", type_table, " / ".join(survey.respondent_types))
    order = sorted(set(survey.respondent_types))  # categories in text order: grouped as the texts would be
    ranks = np.array([order.index(k) if k is not None else -1 for k in kinds], dtype=np.int16)
    out["respondent_type"] = pd.Categorical.from_codes(ranks[codes], categories=order)
    for q in ("aware", "participated"):
        values, codes = lookup(q, {fold(k): v for k, v in YES_NO[q].items()}, "是 / 否")
        out[q] = pd.array(values, dtype="boolean").take(codes)
    grades = {**{fold(a): "satisfied" for a in survey.satisfied}, **{fold(a): "not" for a in survey.not_satisfied},
              **{fold(a): "excluded" for a in survey.excluded}}
    grade, codes = lookup("satisfaction", grades, " / ".join([*survey.satisfied, *survey.not_satisfied,
                                                               *survey.excluded]))
    out["satisfied"] = pd.array([{"satisfied": True, "not": False}.get(g) for g in grade], dtype="boolean").take(codes)
    out["excluded"] = np.array([g == "excluded" for g in grade], dtype=bool)[codes]

    blank = text.isna() & asked
    valid = out[["aware", "participated", "satisfied"]].notna().any(axis=1) | out["excluded"]
    no_community = out["community_text"].isna()
    skipped = np.full(len(out), -1, dtype=np.int8)
    skipped[~valid.to_numpy()] = SKIPPED.index("no_answers")
    skipped[no_community.to_numpy()] = SKIPPED.index("missing_community")
    out["skipped"] = pd.Categorical.from_codes(skipped, categories=SKIPPED)
    for pos in out.index[no_community]:
        found.append((int(pos), "survey_missing_community", "community", {}))
    for pos in out.index[~no_community & (text[list(QUESTIONS)].isna() | ~asked[list(QUESTIONS)]).all(axis=1)]:
        found.append((int(pos), "survey_no_answers", "community", {}))
    pattern = np.zeros(len(out), dtype=np.uint8)  # which answers are blank, as bits
    for k, c in enumerate(ANSWER_COLUMNS):
        pattern |= blank[c].to_numpy(dtype=np.uint8) << k
    said = {}  # each pattern's words once
    for pos in np.flatnonzero((valid & ~no_community).to_numpy() & (pattern > 0)).tolist():
        bits = int(pattern[pos])
        if bits not in said:
            blanks = [c for k, c in enumerate(ANSWER_COLUMNS) if bits >> k & 1]
            said[bits] = blanks[0], {"columns": "、".join(COLUMNS[c][0] for c in blanks), "n": len(blanks)}
        found.append((pos, "survey_blank_answer", *said[bits]))
    return out, found


def _empty() -> pd.DataFrame:
    return pd.DataFrame({"part": pd.Series(dtype=np.int32), "row": pd.Series(dtype=int),
                         "community_text": pd.Series(dtype="category"), "respondent_type": pd.Series(dtype="category"),
                         "aware": pd.Series(dtype="boolean"), "participated": pd.Series(dtype="boolean"),
                         "satisfied": pd.Series(dtype="boolean"), "excluded": pd.Series(dtype=bool),
                         "skipped": pd.Series(pd.Categorical([], categories=SKIPPED))})


# ---- communities ------------------------------------------------------------------------------

def match_communities(answers: SurveyAnswers, frame: pd.DataFrame | None) -> tuple[pd.Series, list[Problem]]:
    """The community id of every answer row. Against a records frame: by id or name (with or without
    “社区”); a community not in the data is a warning. Without one (a bare surveys folder): answers
    are grouped by what was written, “新一代” and “新一代社区” together."""
    written = answers.frame["community_text"]
    codes, texts = written.cat.codes.to_numpy(), written.cat.categories.to_numpy(dtype=object)
    problems = []
    if frame is None:
        first: dict[str, str] = {}
        return _ids([first.setdefault(fold(v).removesuffix("社区"), v) for v in texts], codes, written.index), problems
    known = {**{fold(n).removesuffix("社区"): cid for cid, n in frame["name"].dropna().items()},
             **{fold(n): cid for cid, n in frame["name"].dropna().items()}, **{fold(cid): cid for cid in frame.index}}
    ids = _ids([known.get(fold(v), known.get(fold(v).removesuffix("社区"))) for v in texts], codes, written.index)
    names = [str(n) for n in frame["name"].dropna()]
    unknown = written.notna() & ids.isna() & answers.frame["skipped"].isna()
    where = answers.locator()
    hints: dict[str, dict] = {}  # each unknown name looked up once
    for pos in np.flatnonzero(unknown.to_numpy()):
        value = texts[codes[pos]]
        if value not in hints:
            hints[value] = hint_from(difflib.get_close_matches(str(value), names, n=1, cutoff=0.5))
        problems.append(Problem("survey_unknown_community", where(pos, "community"), {"value": value, **hints[value]},
                                "warning"))
    return ids, problems


def _ids(found: list[str | None], codes: np.ndarray, index: pd.Index) -> pd.Series:
    """The community id of each answer row, from the id `found` for each distinct text it wrote:
    categorical, its ids sorted (grouped in the order of the ids' text)."""
    ids = sorted({i for i in found if i is not None})
    at = {i: n for n, i in enumerate(ids)}
    recode = np.array([at.get(i, -1) for i in found] + [-1], dtype=np.int64)  # code -1 (blank) takes the last
    return pd.Series(pd.Categorical.from_codes(recode[codes], categories=pd.Index(ids, dtype=object)), index=index)


def summarize_answers(answers: SurveyAnswers, ids: pd.Series, standard: Standard,
                      names: pd.Series | None = None, extra: list[Problem] = ()) -> SurveyResult:
    """Compute the rates of the counted rows and say what was not counted, and why."""
    frame = answers.frame.assign(community=ids)
    skipped = frame["skipped"].mask(frame["skipped"].isna() & ids.isna(), "unknown_community")
    counted = frame[skipped.isna()]
    result = compute(counted, standard.survey, names)
    problems = [p for p in answers.problems if p.severity == "warning"] + list(extra)
    result.problems = problems
    result.files = answers.files
    result.counts = {
        "files": len(answers.files),
        "rows": len(frame),
        "counted": len(counted),
        "skipped": _skipped_counts(skipped.cat.codes.to_numpy()),
        "unknown_answers": sum(p.code == "survey_unknown_answer" for p in problems),
        "blank_answers": sum(p.params.get("n", 0) for p in problems if p.code == "survey_blank_answer"),
        "excluded_answers": int(counted["excluded"].sum()),
    }
    return result


def _skipped_counts(codes: np.ndarray) -> dict[str, int]:
    """Rows not counted, by reason (codes into SKIPPED), the most first and, among equal counts, the
    reason met first: as value_counts of the reasons as text orders them."""
    present = [c for c in range(len(SKIPPED)) if (codes == c).any()]
    seen = sorted(present, key=lambda c: int(np.argmax(codes == c)))
    counts = pd.Series({SKIPPED[c]: int(np.count_nonzero(codes == c)) for c in seen}, dtype="int64")
    return {k: int(v) for k, v in counts.sort_values(ascending=False).items()}


def attach_surveys(records, answers: SurveyAnswers | None, standard: Standard) -> None:
    """Put computed rates in place of typed ones (records.rate_sources says which is which) and
    report a typed rate that disagrees with the survey beyond rounding, at the typed cell."""
    result = None
    if answers is not None:
        ids, found = match_communities(answers, records.frame)
        result = summarize_answers(answers, ids, standard, records.frame["name"], found)
        records.warnings += found
    records.frame, records.rate_sources, conflicts = merge_rates(records.frame, result)
    records.survey = result
    records.rate_samples = rate_samples(records.frame, records.rate_sources, result)
    for c in conflicts.itertuples(index=False):
        problem = Problem("survey_rate_conflict", records.locate(c.community, c.field),
                          {"label": Worded.label(standard.field(c.field)),
                           "typed": num(c.typed), "computed": num(round(c.computed, 1)),
                           "n": c.n, "tolerance": num(CONFLICT_POINTS)}, "warning")
        records.warnings.append(problem)
        result.problems.append(problem)
