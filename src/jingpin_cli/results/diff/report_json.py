"""An earlier JSON report of `jingpin audit`, read back for `diff` and checked before anything uses it.

The file may be anything: hand-edited, truncated, another program's JSON, or built to break the
reader. So: a regular file within a size limit (checked before reading), strict UTF-8, JSON nested
no deeper than Python's parser can go (a RecursionError is the file's fault), no integer longer than
MAX_DIGITS (Python refuses to convert one of 4 300 digits with a ValueError that names no place), and
then the parts diff reads validated by the pydantic models below: types without coercion, finite
numbers (NaN and Infinity, which json accepts, are refused), known statuses, one record per
community id and per rule. Each problem names the file and the JSON path (`communities[3].score`).

Only the keys diff reads are kept while parsing (object_pairs_hook), so a large report's areas,
gates and finding details cost nothing after they are parsed."""

from __future__ import annotations

import json
import math
from dataclasses import replace
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictFloat, StrictInt, StrictStr, ValidationError

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.files import regular_file_size
from jingpin_cli.rules.base import STATUSES
from jingpin_cli.standard.models import dotted_path
from jingpin_cli.text.messages import Worded

MAX_JSON_BYTES = 128 * 2**20  # ≈ 7 500 communities with every finding; compare data folders beyond that
MAX_DIGITS = 100  # an integer longer than this is no id or score of a report
MAX_SCORE = 1e9  # far above any pack's total; keeps sums and differences finite
MAX_PROBLEMS = 20  # a file wrong everywhere is another file: the first problems say so
KEPT = frozenset({"standard", "communities", "id", "version", "name", "street", "score", "grade", "grade_id",
                  "eligible", "findings", "rule", "status", "title", "area", "message", "points",
                  "source"})  # a finding's source: where a rate came from (survey | table)

Text = StrictStr | None
Score = StrictFloat | StrictInt


class _Strict(BaseModel):
    model_config = ConfigDict(strict=True, allow_inf_nan=False, extra="ignore")


class FindingIn(_Strict):
    rule: StrictStr = Field(min_length=1)
    status: Literal[STATUSES]
    title: Text = None
    area: Text = None
    message: Text = None
    points: Score | None = Field(None, ge=0, le=MAX_SCORE)
    source: Text = None


class CommunityIn(_Strict):
    id: StrictStr | StrictInt
    name: Text = None
    street: Text = None
    score: Score = Field(ge=0, le=MAX_SCORE)
    grade: StrictStr
    grade_id: Text = None
    eligible: StrictBool | None = None
    findings: list[FindingIn]


class StandardIn(_Strict):
    id: Text = None
    version: StrictStr | StrictInt | StrictFloat | None = None


class ReportIn(_Strict):
    standard: StandardIn | None = None
    communities: list[CommunityIn]


# what each key must be, as problem.diff_bad_report says it (json.<what>)
WHAT = {"communities": "list", "findings": "list", "id": "id", "score": "score", "points": "score",
        "grade": "text", "rule": "text", "eligible": "bool", "standard": "standard"}


class _LongNumber:
    """An integer too long to convert: its digit count, so the problem can say where it is. No
    number type of the models accepts it."""

    def __init__(self, digits: int):
        self.digits = digits


def read_report(path: Path) -> tuple[dict, list[dict]]:
    """(the report's `standard`, its communities as plain dicts of the keys diff reads), or InputError."""
    name = str(path)
    try:
        regular_file_size(path, MAX_JSON_BYTES, name)
    except InputError as exc:  # too_large says to split the file, which a report cannot be
        raise InputError([replace(p, code="diff_too_large") if p.code == "too_large" else p
                          for p in exc.problems]) from None
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    data = _parse(raw, name)
    problems = _shape_problems(data, name)
    if problems:
        raise InputError(problems[:MAX_PROBLEMS])
    return data.get("standard") or {}, data["communities"]


def _parse(raw: bytes, name: str):
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise _bad_json(name, Worded.message("json.not_utf8"), line=line) from None
    try:
        return json.loads(text, parse_int=_int, object_pairs_hook=_kept)
    except json.JSONDecodeError as exc:
        raise _bad_json(name, exc.msg, line=exc.lineno, col=exc.colno) from None
    except RecursionError:
        raise _bad_json(name, Worded.message("json.too_deep")) from None


def _bad_json(name: str, detail, **where) -> InputError:
    return InputError([Problem("diff_bad_json", Location(name, **where), {"detail": detail})])


def _int(digits: str) -> int | _LongNumber:
    length = len(digits.lstrip("-"))
    return int(digits) if length <= MAX_DIGITS else _LongNumber(length)


def _kept(pairs: list[tuple[str, object]]) -> dict:
    return {key: value for key, value in pairs if key in KEPT}


def _shape_problems(data, file: str) -> list[Problem]:
    try:
        ReportIn.model_validate(data)
    except ValidationError as exc:
        return _translated(exc, data, file)
    return _duplicates(data["communities"], file)


def _translated(exc: ValidationError, data, file: str) -> list[Problem]:
    """pydantic's errors as diff_bad_report, one per JSON path (the members of a union that all failed
    at one place, `id` as text and as a number, are one problem)."""
    problems, seen = [], set()
    for err in exc.errors(include_url=False):
        path, node = _json_path(tuple(err["loc"]), data, err["type"] == "missing")
        if path in seen:
            continue
        seen.add(path)
        where = dotted_path(path) or Worded.message("json.top")
        if err["type"] == "missing":
            problems.append(Problem("diff_missing_key", Location(file), {"where": where,
                                                                         "what": _what(path)}))
        else:
            problems.append(Problem("diff_bad_report", Location(file),
                                    {"where": where, "what": _what(path), "input": _shown(node)}))
        if len(problems) >= MAX_PROBLEMS:
            break
    return problems


def _json_path(loc: tuple, data, missing: bool) -> tuple[tuple, object]:
    """The error's place as a path in the JSON and the value found there; pydantic's loc also names
    the union member it tried (`str`, `int`), which is no key of the file and is left out."""
    path, node = [], data
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not (missing and i == len(loc) - 1):  # a missing key is still a place
            continue
        path.append(part)
    return tuple(path), node


def _what(path: tuple) -> Worded:
    if not path:
        return Worded.message("json.report")
    last = path[-1]
    if isinstance(last, int):
        return Worded.message("json.rule+status" if "findings" in path else "json.object")
    if last == "status":
        return Worded.message("json.status", statuses=", ".join(STATUSES))
    if path[0] == "standard" and len(path) > 1:
        return Worded.message("json.text_or_null")
    return Worded.message(f"json.{WHAT.get(last, 'text_or_null')}")


def _shown(value) -> Worded:
    """The value as the file has it, shortened: a list or object by its kind (a deep one must not be
    walked), NaN and Infinity as JSON spells them, a long number by its length."""
    if isinstance(value, _LongNumber):
        return Worded.message("json.long_number", digits=value.digits)
    if isinstance(value, (dict, list)):
        return Worded.message("json.shown_object" if isinstance(value, dict) else "json.shown_list")
    if isinstance(value, float) and not math.isfinite(value):
        text = "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    else:
        text = json.dumps(value, ensure_ascii=False)
    text = text if len(text) <= 40 else text[:40] + "…"
    return Worded(text, text)


def _duplicates(communities: list[dict], file: str) -> list[Problem]:
    """A community id, or a rule of one community, given twice: diff would silently keep one."""
    problems, first = [], {}
    for i, c in enumerate(communities):
        cid = str(c["id"])
        if cid in first:
            problems.append(Problem("diff_duplicate_id", Location(file),
                                    {"where": f"communities[{i}].id", "id": cid,
                                     "other": f"communities[{first[cid]}].id"}))
        first.setdefault(cid, i)
        rules: dict[str, int] = {}
        for j, f in enumerate(c["findings"]):
            if f["rule"] in rules:
                problems.append(Problem("diff_duplicate_rule", Location(file),
                                        {"where": f"communities[{i}].findings[{j}]", "rule": f["rule"],
                                         "other": f"communities[{i}].findings[{rules[f['rule']]}]"}))
            rules.setdefault(f["rule"], j)
    return problems
