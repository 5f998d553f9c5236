"""Load a standards pack (a folder of YAML files, or one file) and validate it once, up front.

A pack may `extends:` another (see standard/extend.py); the merged pack is validated as a whole.
Errors name the file, the path inside it and, where known, the line: a user edits YAML, not Python."""

from __future__ import annotations

import re
from difflib import get_close_matches
from pathlib import Path

from pydantic import ValidationError

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.files import exists_or_link
from jingpin_cli.rules import KINDS
from jingpin_cli.standard.extend import Pack, read_pack
from jingpin_cli.standard.models import Standard, dotted_path
from jingpin_cli.standard.packs import default_standard_path, shipped_pack_path, shipped_packs
from jingpin_cli.standard.quotes import quote_problems
from jingpin_cli.text.messages import MESSAGES, Worded, t
from jingpin_cli.text.words import sep

IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def load_standard(path: str | Path | None = None) -> Standard:
    """Read and validate a pack. Raises InputError naming the file and path of every problem."""
    return load_standard_checked(path)[0]


def _not_a_pack(name: str) -> Problem:
    """--standard NAME that is neither a path nor a shipped pack: the shipped ones, and the closest."""
    packs = shipped_packs()
    close = get_close_matches(name, packs, n=1, cutoff=0.6)
    hint = Worded.message("hint.did_you_mean", suggestion=close[0]) if close else Worded("", "")
    listed = Worded.each(lambda lang: sep(lang, "list").join(packs))
    return Problem("standard_not_found", Location(name), {"packs": listed, "hint": hint})


def load_standard_checked(path: str | Path | None = None, quotes: bool = False) -> tuple[Standard, list[Problem]]:
    """The pack and its warnings (e.g. an `extends:` override that changes a value but keeps the
    base's source). A path that does not exist may name a shipped pack (`strict-2013`). With
    `quotes`, every quote must also be found in its pack's source.txt (`standards validate`)."""
    path = Path(path) if path is not None else default_standard_path()
    if not exists_or_link(path):
        shipped = shipped_pack_path(str(path))
        if shipped is None:
            raise InputError([_not_a_pack(str(path))])
        path = shipped
    pack = read_pack(path)
    try:
        standard = Standard.model_validate(pack.data, context={"defer_checks": True})
    except ValidationError as exc:
        raise InputError(_schema_problems(exc, pack, path)) from None
    errors = standard.consistency_errors()
    if errors:
        raise InputError([_problem({"loc": e.path, "msg": e.message}, pack, path, e.code, e.params) for e in errors])
    if quotes and (missing := quote_problems(pack)):
        raise InputError(missing)
    return standard, pack.warnings


def _schema_problems(exc: ValidationError, pack: Pack, path: Path) -> list[Problem]:
    """pydantic's errors in the user's words: one problem per place in the YAML (the members of a
    union that all failed at one place are one problem), worded by its error type."""
    at: dict[tuple, list[dict]] = {}
    for err in exc.errors():
        at.setdefault(_data_path(err, pack.data), []).append(err)
    return [_problem({"loc": loc, "msg": _wording(errs, loc, pack.data)}, pack, path) for loc, errs in at.items()]


def _data_path(err: dict, data) -> tuple:
    """The error's place as a path in the pack's YAML: pydantic's path also names the union member
    it tried (a rule's kind, `str`, `list[str]`), which is no key of the YAML and is left out."""
    out, node, loc = [], data, tuple(err["loc"])
    for i, part in enumerate(loc):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
        elif not (i == len(loc) - 1 and err["type"] == "missing"):
            continue
        out.append(part)
    key = str((err.get("ctx") or {}).get("discriminator", "")).strip("'")
    if err["type"].startswith("union_tag") and isinstance(node, dict) and key in node:
        out.append(key)  # point at the `kind:` line
    return tuple(out)


def _wording(errs: list[dict], loc: tuple, data) -> Worded:
    worded = [_worded(err, loc, data) for err in errs]
    return Worded.each(lambda lang: t("pydantic.or", lang).join(w.render(lang) for w in worded))


def _worded(err: dict, loc: tuple, data) -> Worded:
    """One pydantic error as our message `pydantic.<type>` (with a fix), pydantic's own words for a
    type we do not know."""
    key = next((str(p) for p in reversed(loc) if isinstance(p, str)), dotted_path(loc))
    params = {k: _ctx_value(k, v) for k, v in (err.get("ctx") or {}).items()}
    params.update(name=key, input=_shown(err.get("input")))
    code = err["type"]
    if code == "extra_forbidden" and err.get("input") is None and not IDENTIFIER.fullmatch(key):
        code = "comma_in_value"  # `{quote: 甲, 乙}`: YAML read `乙` as a key without a value
        params["fixed"] = _rejoined(data, loc)
    if f"pydantic.{code}" in MESSAGES:
        return Worded.message(f"pydantic.{code}", **params)
    msg = err["msg"].removeprefix("Value error, ")
    return Worded(msg, msg)


def _rejoined(data, loc: tuple) -> str:
    """`quote: "甲, 乙"`: the value YAML cut at the comma (the key before the stray one), whole again."""
    parent = data
    for part in loc[:-1]:
        parent = parent[part] if isinstance(parent, (dict, list)) else None
    keys = list(parent) if isinstance(parent, dict) else []
    at = keys.index(loc[-1]) if loc and loc[-1] in keys else 0
    if at == 0 or not isinstance(parent[keys[at - 1]], str):
        return f'"…, {loc[-1] if loc else ""}"'
    return f'{keys[at - 1]}: "{parent[keys[at - 1]]}, {loc[-1]}"'


def _ctx_value(key: str, value) -> str:
    """pydantic's context as a person writes it: 1 not 1.0, threshold not 'threshold' (a list of
    accepted words); a validator's own message (`error`) as it is."""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value).replace("'", "") if key in ("expected", "expected_tags", "discriminator") else str(value)


def _shown(value) -> str:
    text = str(value)
    return text if len(text) <= 30 else text[:30] + "…"


def _problem(err: dict, pack: Pack, path: Path, code: str = "standard_invalid", params: dict | None = None) -> Problem:
    loc = _yaml_path(tuple(err["loc"]))
    detail = err["msg"]
    params = params or {}
    origin, ypath = _own_origin(pack, loc) or pack.origin(loc)
    if origin is None:
        return Problem(code, Location(str(path)), {"path": _dotted(loc) or "(top)", "detail": detail, **params})
    where = Location(origin.doc.file, line=origin.doc.line_of(ypath))
    if pack.extends_at is not None and origin.doc.file not in pack.files:
        # the base is fine on its own: the tailoring broke it, so point at the tailoring file and
        # name the place in the base where it shows
        detail = Worded.each(lambda lang, d=detail: f"{_render(d, lang)} ({where.render(lang)}: {dotted_path(ypath)})")
        in_base = Worded.each(lambda lang: f"{_dotted(loc)} ({where.render(lang)}: {dotted_path(ypath)})")
        at = pack.extends_at
        return Problem(code, Location(at.doc.file, line=at.doc.line_of(at.path)),
                       {"path": _dotted(loc) if code == "standard_invalid" else in_base, "detail": detail, **params})
    return Problem(code, where, {"path": dotted_path(ypath), "detail": detail, **params})


def _own_origin(pack: Pack, loc: tuple):
    """A check of a whole item (a rule's zero_at against its min) that a tailoring file broke: the
    tailoring line that changed the item, rather than the item in the base."""
    origin, _ = pack.origin(loc)
    if origin is None or pack.extends_at is None or origin.doc.file in pack.files:
        return None
    for path, changed in pack.origins.items():
        if path[:len(loc)] == loc and len(path) > len(loc) and changed.doc.file in pack.files:
            return changed, changed.path
    return None


def _render(text, lang: str) -> str:
    return text.render(lang) if isinstance(text, Worded) else str(text)


def _yaml_path(loc: tuple) -> tuple:
    # pydantic puts a rule's kind ('threshold', …) into the path of a union member; YAML has no such level
    if len(loc) > 2 and loc[0] == "rules" and isinstance(loc[1], int) and loc[2] in KINDS:
        return loc[:2] + loc[3:]
    return loc


def _dotted(loc: tuple) -> str:
    return dotted_path(_yaml_path(loc))
