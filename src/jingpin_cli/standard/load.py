"""Load a standards pack (a folder of YAML files, or one file) and validate it once, up front.

A pack may `extends:` another (see standard/extend.py); the merged pack is validated as a whole.
Errors name the file, the path inside it and, where known, the line: a user edits YAML, not Python."""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.rules import KINDS
from jingpin_cli.standard.extend import Pack, read_pack
from jingpin_cli.standard.models import Standard, dotted_path
from jingpin_cli.standard.packs import default_standard_path, shipped_pack_path
from jingpin_cli.text.messages import Worded


def load_standard(path: str | Path | None = None) -> Standard:
    """Read and validate a pack. Raises InputError naming the file and path of every problem."""
    return load_standard_checked(path)[0]


def load_standard_checked(path: str | Path | None = None) -> tuple[Standard, list[Problem]]:
    """The pack and its warnings (e.g. an `extends:` override that changes a value but keeps the
    base's source). A path that does not exist may name a shipped pack (`strict-2013`)."""
    path = Path(path) if path is not None else default_standard_path()
    if not path.exists():
        shipped = shipped_pack_path(str(path))
        if shipped is None:
            raise InputError([Problem("not_found", Location(str(path)))])
        path = shipped
    pack = read_pack(path)
    try:
        standard = Standard.model_validate(pack.data, context={"defer_checks": True})
    except ValidationError as exc:
        raise InputError([_problem(err, pack, path) for err in exc.errors()]) from None
    errors = standard.consistency_errors()
    if errors:
        raise InputError([_problem({"loc": e.path, "msg": e.message}, pack, path, e.code, e.params) for e in errors])
    return standard, pack.warnings


def _problem(err: dict, pack: Pack, path: Path, code: str = "standard_invalid", params: dict | None = None) -> Problem:
    loc = _yaml_path(tuple(err["loc"]))
    detail = err["msg"].removeprefix("Value error, ")
    params = params or {}
    origin, ypath = pack.origin(loc)
    if origin is None:
        return Problem(code, Location(str(path)), {"path": _dotted(loc) or "(top)", "detail": detail, **params})
    where = Location(origin.doc.file, line=origin.doc.line_of(ypath))
    if pack.extends_at is not None and origin.doc.file not in pack.files:
        # the base is fine on its own: the tailoring broke it, so point at the tailoring file and
        # name the place in the base where it shows
        detail += f" ({where.render('en')}: {dotted_path(ypath)})"
        in_base = Worded.each(lambda lang: f"{_dotted(loc)} ({where.render(lang)}: {dotted_path(ypath)})")
        at = pack.extends_at
        return Problem(code, Location(at.doc.file, line=at.doc.line_of(at.path)),
                       {"path": _dotted(loc) if code == "standard_invalid" else in_base, "detail": detail, **params})
    return Problem(code, where, {"path": dotted_path(ypath), "detail": detail, **params})


def _yaml_path(loc: tuple) -> tuple:
    # pydantic puts a rule's kind ('threshold', …) into the path of a union member; YAML has no such level
    if len(loc) > 2 and loc[0] == "rules" and isinstance(loc[1], int) and loc[2] in KINDS:
        return loc[:2] + loc[3:]
    return loc


def _dotted(loc: tuple) -> str:
    return dotted_path(_yaml_path(loc))
