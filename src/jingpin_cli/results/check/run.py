"""`jingpin check`: every problem in data files and standards files at once, for CI and pre-commit.

What a path is:
- a YAML file is a **standards file** when its top level has a key of a standards pack other than
  `id`/`version`/`title` (`rules`, `fields`, `aspects`, `scoring`, `units`, `extends`, `rules_add`…);
  one that is a whole pack by itself (it `extends:` another, or gives every required key) is
  checked alone; one that is part of a pack split over files (standard.yaml, fields.yaml,
  rules.yaml) is checked with its folder, all of whose YAML files are then read as one pack, as
  `--standard` reads it (so given one file, as pre-commit does, the whole pack is checked);
- a YAML file whose only top-level key is `waivers` is a waiver file: checked, not read as data
  (only `--waivers` is applied to the gates);
- a folder is checked file by file, a split pack in it as one;
- anything else is **data**: a folder read as `jingpin audit` reads it, or one file.
Data is read with `--standard` (default: the shipped pack).

Every problem carries a stable code (`Problem.code`, listed with its severity in the README) and a
place: YAML line and column, or the Excel row, column letter and header of a CSV/XLSX cell."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import TypedDict

import pandas as pd

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.exitcodes import FINDINGS, OK
from jingpin_cli.files import FOLDER, exists_or_link, not_regular, resolved, special_kind
from jingpin_cli.records.load import data_files, load_records
from jingpin_cli.records.model import Records
from jingpin_cli.records.query import resolve
from jingpin_cli.records.surveys import SURVEYS_DIR, survey_files
from jingpin_cli.results.audit.eligibility import ineligibility, reason_text
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.safe_yaml import NodeDoc, compose, duplicate_keys, mapping
from jingpin_cli.scoring.waivers import read_waivers
from jingpin_cli.standard.extend import PATCH_KEYS
from jingpin_cli.standard.load import load_standard_checked
from jingpin_cli.standard.models import Standard
from jingpin_cli.standard.packs import default_standard_path, pack_files
from jingpin_cli.standard.quotes import SOURCE_FILE
from jingpin_cli.text.messages import Worded, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.visible import visible
from jingpin_cli.text.words import sep

YAML_SUFFIXES = (".yaml", ".yml")


@dataclass
class CheckResult:
    problems: list[Problem]
    files: list[str] = field(default_factory=list)  # every file looked at, in order
    # what the data was read into, for a caller that scores it next (`jingpin serve`) instead of
    # reading it again: the standard it was read with and the records of each source that loaded
    standard: Standard | None = None
    loaded: list[Records] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]


def exit_code(result: CheckResult, strict: bool = False) -> int:
    """1 when there are errors (or, with --strict, warnings); else 0."""
    return FINDINGS if result.errors or (strict and result.warnings) else OK


def check(paths: list[str | Path], standard: str | Path | None = None, *, sheet: str | None = None,
          waivers: str | Path | None = None, fail_under: float | None = None,
          require_eligible: list[str] = (), today: date | None = None) -> CheckResult:
    """Check data files and standards files; gates and waivers need the data to load cleanly.

    Raises InputError only when the check cannot run: a path that does not exist or is neither a
    regular file nor a folder, or a --standard that is invalid and not itself among the paths checked."""
    docs = _Docs()
    if waivers is not None:
        _refuse_unusable([Path(waivers)], folders=False)
    packs, data, waiver_files = classify([Path(p) for p in paths], docs)
    problems: list[Problem] = []
    valid = {}  # pack -> its Standard, so a pack checked here is not read again for the data
    for pack in packs:
        valid[resolved(pack)], found = check_pack(pack, docs)
        problems += found
    std = _reading_standard(standard, valid)
    if std is None:
        problems += [Problem("data_not_checked", Location(str(src)), severity="warning") for src in data]
        data = []
    loaded, data_problems = _load_data(data, std, sheet, docs)
    waiver_list, waiver_problems = _check_waivers(waivers, waiver_files, std, today)
    problems += data_problems + waiver_problems
    gates = [name for name, on in (("--fail-under", fail_under is not None),
                                   ("--require-eligible", bool(require_eligible))) if on]
    if loaded and not any(p.severity == "error" for p in data_problems) and (gates or waiver_list):
        problems += _gates(std, loaded, waiver_list, fail_under, require_eligible)
    elif gates and data:
        problems.append(Problem("gates_skipped", Location(gates[0]), {"gates": " ".join(gates)}, "warning"))
    problems = [_with_col(p, docs) for p in problems]
    files = [f for pack in packs for f in pack_files(pack)] + [f for src in data for f in _data_files(src)]
    # the survey files a data folder's surveys/ holds are read and checked too: count them
    files += [f for src in data if (src / SURVEYS_DIR).is_dir() for f in survey_files(src)]
    files += waiver_files + ([Path(waivers)] if waivers is not None else [])
    files += [Path(p.location.file) for p in problems if Path(p.location.file).is_file()]
    return CheckResult(problems, list(dict.fromkeys(map(str, files))), std, loaded)


def _check_waivers(waivers, waiver_files: list[Path], std, today: date | None):
    """(the --waivers to apply, every problem of it and of the waiver files among the paths)."""

    if std is None:
        return [], []
    applied, problems = read_waivers(waivers, std, today) if waivers is not None else ([], [])
    for file in waiver_files:  # pre-commit passes a changed waiver file like any YAML file
        if waivers is None or resolved(file) != resolved(Path(waivers)):
            problems += read_waivers(file, std, today)[1]
    return applied, problems


# ---- what the paths are --------------------------------------------------------------------------

class _Docs(dict):
    """YAML files composed once each (None when they do not parse: records/ reports that)."""

    def get(self, path: Path) -> NodeDoc | None:
        key = str(path)
        if key not in self:
            self[key] = compose(path)[0] if path.is_file() else None
        return self[key]


def standard_keys() -> frozenset[str]:

    return frozenset(Standard.model_fields) - {"id", "version", "title"} | {"extends", *PATCH_KEYS}


def is_standards_file(path: Path, docs: _Docs) -> bool:
    if path.suffix.lower() not in YAML_SUFFIXES:
        return False
    doc = docs.get(path)
    top = mapping(doc.root) if doc is not None else None
    return bool(top) and not standard_keys().isdisjoint(top)


def is_whole_pack(path: Path, docs: _Docs) -> bool:
    """A standards file that is a pack on its own: it `extends:` another, or gives every required key."""

    top = mapping(docs.get(path).root) or {}
    required = {name for name, f in Standard.model_fields.items() if f.is_required()}
    return "extends" in top or required <= set(top)


def is_waiver_file(path: Path, docs: _Docs) -> bool:
    """A YAML file whose only top-level key is `waivers`."""
    if path.suffix.lower() not in YAML_SUFFIXES:
        return False
    doc = docs.get(path)
    return list(mapping(doc.root if doc is not None else None) or ()) == ["waivers"]


def classify(paths: list[Path], docs: _Docs) -> tuple[list[Path], list[Path], list[Path]]:
    """(standards packs, data sources, waiver files), each once. A path that does not exist, or is
    a FIFO, a device or a broken link, stops the check.

    A pack split over several files (standard.yaml, fields.yaml, rules.yaml) is its folder; a
    standards file that is a whole pack by itself is checked alone."""
    _refuse_unusable(paths)
    packs, data, waiver_files = [], [], []
    for path in paths:
        if is_waiver_file(path, docs):
            waiver_files.append(path)
        elif path.is_dir():
            found = [f for f in _yaml_files(path) if is_standards_file(f, docs)]
            if not found:
                data.append(path)
            elif all(is_whole_pack(f, docs) for f in found):
                packs += found
                data += [f for f in _data_files(path) if f not in found]
            else:
                packs.append(path)
                # the pack's own source text (source.txt) is not a TAB-separated data table
                data += [f for f in _data_files(path)
                         if f.suffix.lower() not in YAML_SUFFIXES and f.name != SOURCE_FILE]
        elif is_standards_file(path, docs):
            packs.append(path if is_whole_pack(path, docs) else path.parent)
        else:
            data.append(path)
    packs = _unique(packs)
    folders = {resolved(p) for p in data if p.is_dir()}
    data = [p for p in _unique(data) if p.is_dir() or resolved(p).parent not in folders]  # a file of a folder given
    return packs, data, _unique(waiver_files)


def _refuse_unusable(paths: list[Path], folders: bool = True) -> None:
    """Paths named on the command line that cannot be checked at all stop the check (exit 2), like a
    path that does not exist: there is nothing to check there. (An entry of a folder that is not a
    regular file is a problem of that folder instead, listed with the rest.)"""
    problems = []
    for p in paths:
        what = special_kind(p)
        if not exists_or_link(p):
            problems.append(Problem("not_found", Location(str(p))))
        elif what is not None and not (folders and what == FOLDER):
            problems.append(not_regular(p, what))
    if problems:
        raise InputError(problems)


def _unique(paths: list[Path]) -> list[Path]:
    seen, out = set(), []
    for p in paths:
        if resolved(p) not in seen:
            seen.add(resolved(p))
            out.append(p)
    return out


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in YAML_SUFFIXES)


def _data_files(src: Path) -> list[Path]:

    return data_files(src) if src.exists() else [src]


# ---- standards ---------------------------------------------------------------------------------

def check_pack(pack: Path, docs: _Docs | None = None):
    """(the Standard or None, every problem of the pack): schema, cross-references, points, and
    duplicate YAML keys."""
    try:
        standard, problems = load_standard_checked(pack)
    except InputError as exc:
        standard, problems = None, exc.problems
    docs = _Docs() if docs is None else docs
    for file in pack_files(pack):
        doc = docs.get(file)
        if doc is not None:
            problems += duplicate_keys(doc)
    return standard, problems


def _reading_standard(standard, checked: dict):
    """The standard the data is read with; None when it is broken but being checked itself."""
    if standard is None:
        path = resolved(default_standard_path())
    else:
        path = resolved(Path(standard))
    if path in checked:
        return checked[path]
    return load_standard_checked(standard)[0]


# ---- data --------------------------------------------------------------------------------------

def _load_data(sources: list[Path], std, sheet: str | None, docs: _Docs):
    """(records of each source that loaded, every problem), plus ids repeated across sources and
    keys repeated in a YAML record (PyYAML lets the last one win silently)."""

    loaded, problems = [], []
    for src in sources:
        try:
            records = load_records(src, std, sheet)
        except InputError as exc:
            problems += exc.problems
        else:
            problems += records.warnings
            loaded.append(records)
        for file in _data_files(src):
            doc = docs.get(file) if file.suffix.lower() in YAML_SUFFIXES else None
            problems += duplicate_keys(doc) if doc is not None else []
    return loaded, problems + _duplicates_across(loaded)


def _duplicates_across(loaded) -> list[Problem]:
    """An id in two sources (each source checks its own files already)."""

    if len(loaded) < 2:
        return []
    ids = pd.concat([pd.Series(r.frame.index, dtype="string").to_frame("id").assign(source=i)
                     for i, r in enumerate(loaded)], ignore_index=True)
    dup = ids["id"].duplicated(keep="first")
    first = ids[~dup].drop_duplicates("id").set_index("id")["source"]
    return [Problem("duplicate_id", locate(loaded[src], cid),
                    {"id": cid, "other": locate(loaded[first[cid]], cid)})
            for cid, src in ids.loc[dup, ["id", "source"]].itertuples(index=False)]


def locate(records, cid: str, key: str = "id") -> Location:
    """A community's cell as the user sees it: Excel row and column, or YAML line."""
    where = records.locate(cid, key)
    if where.file.lower().endswith(YAML_SUFFIXES):
        return Location(where.file, line=where.row, column=where.header or key)
    return where


def merge(loaded):
    """One Records of several sources (ids are unique across them: duplicates stop the gates)."""


    if len(loaded) == 1:
        return loaded[0]
    rates = [r.rate_sources for r in loaded if getattr(r, "rate_sources", None) is not None]
    return Records(pd.concat([r.frame for r in loaded]), pd.concat([r.origin for r in loaded]),
                   {k: v for r in loaded for k, v in r.columns.items()}, [],
                   {k: v for r in loaded for k, v in r.sources.items()},
                   pd.concat(rates) if rates else None)


# ---- gates on results ----------------------------------------------------------------------------

def _gates(std, loaded, waivers, fail_under, require_eligible) -> list[Problem]:
    """Score the data (with waivers) and turn a low score or a missing eligibility into problems."""

    records = merge(loaded)
    report = score_records(std, records, waivers)
    s = report.summary
    problems = list(report.waived.problems) if report.waived is not None else []
    if fail_under is not None:
        for cid in s.index[s["score"] < fail_under]:
            problems.append(Problem("below_fail_under", locate(records, cid),
                                    {"id": cid, "name": records.frame.at[cid, "name"],
                                     "score": num(s.at[cid, "score"]), "threshold": num(fail_under)}))
    ids, unknown = resolve(records, require_eligible, "--require-eligible")
    problems += unknown
    for cid in ids:
        if not s.at[cid, "eligible"]:
            why = ineligibility(std, report.outcomes, s.loc[[cid]])[0]
            reasons = Worded.each(lambda lang, why=why: sep(lang).join(reason_text(std, code, params, lang)
                                                                        for code, params in why))
            problems.append(Problem("not_eligible", locate(records, cid),
                                    {"id": cid, "name": records.frame.at[cid, "name"], "reasons": reasons}))
    return problems


# ---- positions ---------------------------------------------------------------------------------

def _with_col(problem: Problem, docs: _Docs) -> Problem:
    """YAML problems carry line and column: the key's own position where the problem names one
    (a YAML record's row is where the record starts), else the line's first node; a problem about
    the whole file points at its start."""
    loc = problem.location
    if not loc.file.lower().endswith(YAML_SUFFIXES) or loc.col is not None or not Path(loc.file).is_file():
        return problem
    line = loc.line if loc.line is not None else loc.row
    if line is None:
        return replace(problem, location=replace(loc, row=None, line=1, col=1))
    doc = docs.get(Path(loc.file))
    key = loc.column or loc.header
    found = doc.find_key(line, key) if doc is not None and key else None
    line, col = found or (line, (doc.col_of(line) if doc is not None else None) or 1)
    return replace(problem, location=replace(loc, row=None, line=line, col=col))


# ---- the canonical record every check format is made from ----------------------------------------

def display_path(file: str) -> str:
    """A path as CI tools want it: relative to the working folder where possible, with '/'."""
    path = Path(file)
    if path.is_absolute():
        try:
            path = path.relative_to(Path.cwd())
        except ValueError:
            pass
    return path.as_posix()


def is_file_location(loc: Location) -> bool:
    """False for problems about an option (`--require-eligible`) rather than a file."""
    return not loc.file.startswith("-")


def file_line(loc: Location) -> int | None:
    """The line of the file a CI tool can point at: a YAML line, or a CSV row (an XLSX row is no line
    of the file: it is named in the message instead)."""
    return loc.line if loc.line is not None else (loc.row if loc.file.lower().endswith(".csv") else None)


def where(loc: Location, lang: str = "zh", with_file: bool = True) -> str:
    """The place as the user sees it; YAML positions as line and column."""
    if loc.line is not None and loc.col is not None:
        parts = [visible(display_path(loc.file))] if with_file else []
        parts.append(t("loc.line_col", lang, line=loc.line, col=loc.col))
        if loc.column or loc.header:
            parts.append(t("loc.key", lang, name=visible(loc.column or loc.header)))
        return sep(lang, "comma").join(parts)
    shown = replace(loc, file=display_path(loc.file) if with_file else "")
    return shown.render(lang).removeprefix(sep(lang, "comma")) if not with_file else shown.render(lang)


class ProblemRecord(TypedDict):
    """One problem as `jingpin check --format json` writes it (and SARIF, JUnit, GitHub render)."""

    code: str
    severity: str  # error | warning
    file: str | None
    option: str | None  # a command-line option the problem is about (--require-eligible), not a file
    sheet: str | None
    row: int | None
    column: str | None
    header: str | None
    line: int | None
    col: int | None
    where: str
    message: str


def record(problem: Problem, lang: str = "zh") -> ProblemRecord:
    loc = problem.location
    return {
        "code": problem.code,
        "severity": problem.severity,
        "file": display_path(loc.file) if is_file_location(loc) else None,
        "option": None if is_file_location(loc) else loc.file,
        "sheet": loc.sheet,
        "row": loc.row,
        "column": loc.column,
        "header": loc.header,
        "line": loc.line,
        "col": loc.col,
        "where": where(loc, lang),
        "message": problem.message(lang),
    }


def counts(result: CheckResult) -> dict:
    return {"files": len(result.files), "errors": len(result.errors), "warnings": len(result.warnings)}


def summary_line(result: CheckResult, lang: str = "zh") -> str:
    n = counts(result)
    return t("check.summary", lang, **n) if result.problems else t("check.clean", lang, files=n["files"])
