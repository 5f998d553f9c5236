"""Load a standards pack (a folder of YAML files, or one file) and validate it once, up front.

Errors name the file, the path inside it and, where known, the line: a user edits YAML, not Python."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import ValidationError

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.standard.models import KIND_FIELD_TYPES, Standard, dotted_path
from jingpin_cli.yamlio import YamlDoc, read_yaml

DEFAULT_PACK = "xinshi-2011"


def default_standard_path() -> Path:
    """The pack shipped inside the package; in a source checkout, the repository's standards/."""
    here = Path(__file__).resolve().parent.parent
    for root in (here / "standards", here.parents[1] / "standards"):
        if (root / DEFAULT_PACK).is_dir():
            return root / DEFAULT_PACK
    raise FileNotFoundError("the shipped standards pack is missing; reinstall jingpin")


def pack_files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())
    return [path]


def load_standard(path: str | Path | None = None) -> Standard:
    """Read and validate a pack. Raises InputError naming the file and path of every problem."""
    path = Path(path) if path is not None else default_standard_path()
    if not path.exists():
        raise InputError([Problem("not_found", Location(str(path)))])
    merged: dict = {}
    docs: dict[str, YamlDoc] = {}  # top-level key -> the document that gave it
    problems: list[Problem] = []
    for file in pack_files(path):
        doc = read_yaml(file)
        if not isinstance(doc.data, dict):
            problems.append(Problem("yaml_not_mapping", Location(str(file))))
            continue
        for key, value in doc.data.items():
            if key in docs:
                problems.append(
                    Problem("standard_duplicate_key", Location(str(file), line=doc.line_of((key,))),
                            {"key": key, "other": docs[key].file})
                )
            merged[key] = value
            docs[key] = doc
    if problems:
        raise InputError(problems)
    try:
        standard = Standard.model_validate(merged, context={"defer_checks": True})
    except ValidationError as exc:
        raise InputError([_problem(err, docs, path) for err in exc.errors()]) from None
    errors = standard.consistency_errors()
    if errors:
        raise InputError([_problem({"loc": loc, "msg": msg}, docs, path) for loc, msg in errors])
    return standard


def _problem(err: dict, docs: dict[str, YamlDoc], pack: Path) -> Problem:
    loc = tuple(err["loc"])
    doc = docs.get(loc[0]) if loc and isinstance(loc[0], str) else None
    dotted = _dotted(loc)
    detail = err["msg"].removeprefix("Value error, ")
    if doc is None:
        return Problem("standard_invalid", Location(str(pack)), {"path": dotted or "(top)", "detail": detail})
    line = doc.line_of(_yaml_path(loc))
    return Problem("standard_invalid", Location(doc.file, line=line), {"path": dotted, "detail": detail})


def _yaml_path(loc: tuple) -> tuple:
    # pydantic puts a rule's kind ('threshold', …) into the path of a union member; YAML has no such level
    if len(loc) > 2 and loc[0] == "rules" and isinstance(loc[1], int) and loc[2] in KIND_FIELD_TYPES:
        return loc[:2] + loc[3:]
    return loc


def _dotted(loc: tuple) -> str:
    return dotted_path(_yaml_path(loc))
