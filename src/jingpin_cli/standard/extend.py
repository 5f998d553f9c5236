"""`extends:` — a standards pack that tailors another one, like a tailoring file.

A pack (folder or file) may say `extends: xinshi-2011` (a shipped pack) or `extends: ../base` (a
path relative to the file that says it). Its other keys then change the base:

* a top-level mapping (`scoring`, `survey`, `title`, `units`, `self_assessment`, …) is merged key
  by key; a `source` (or `*_source`) mapping is replaced whole, so a value can change from the
  report's `quote` to a `local` reason;
* any other top-level key (`grades`, `gates`, `ignore_headers`, …) replaces the base's value;
* the lists whose items carry an id are patched by id, in this order:
  `<list>_drop: [id, …]`, `<list>_replace: [item, …]` (whole items),
  `<list>_override: {id: {key: value}}` (merged into the item), `<list>_add: [item, …]` (new ids;
  `after: <id>` places an item after that one, else it goes last).

The merged pack is validated as a whole. Every part of it remembers the file and YAML path it came
from, so an error points at the overriding line, not at the base."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from difflib import get_close_matches
from pathlib import Path

from jingpin_cli.errors import InputError, Location, Problem, hint_from
from jingpin_cli.files import resolved
from jingpin_cli.safe_yaml import YamlDoc, read_yaml
from jingpin_cli.standard.packs import pack_files, shipped_packs, shipped_packs_root

# list -> the key that identifies its items
ID_LISTS = {"rules": "id", "aspects": "id", "gates": "id", "grades": "id", "fields": "key"}
OPS = ("drop", "replace", "override", "add")  # applied in this order
PATCH_KEYS = {f"{name}_{op}": (name, op) for name in ID_LISTS for op in OPS}
LABEL_KEYS = ("zh", "en")  # changing only these needs no new source


@dataclass(frozen=True)
class Origin:
    doc: YamlDoc
    path: tuple  # where the value sits inside doc


@dataclass
class Pack:
    """The merged YAML of a pack (before validation) and where every part of it came from."""

    data: dict
    origins: dict[tuple, Origin]  # path in `data` -> origin; the longest matching prefix wins
    files: list[str]  # the files of this pack itself (not of its bases)
    base: Pack | None = None
    extends_at: Origin | None = None  # the `extends:` line
    warnings: list[Problem] = field(default_factory=list)

    def origin(self, loc: tuple) -> tuple[Origin | None, tuple]:
        """The origin of `loc` and the YAML path of `loc` inside that origin's file."""
        for n in range(len(loc), -1, -1):
            found = self.origins.get(loc[:n])
            if found is not None:
                return found, found.path + tuple(loc[n:])
        return None, ()


def read_pack(path: Path, chain: tuple[Path, ...] = ()) -> Pack:
    """Read a pack's files, merge their top-level keys and, if one says `extends:`, apply it."""
    data: dict = {}
    origins: dict[tuple, Origin] = {}
    problems: list[Problem] = []
    files = pack_files(path)
    for file in files:
        doc = read_yaml(file)
        if not isinstance(doc.data, dict):
            problems.append(Problem("yaml_not_mapping", Location(str(file))))
            continue
        for key, value in doc.data.items():
            if (key,) in origins:
                problems.append(Problem("standard_duplicate_key", Location(str(file), line=doc.line_of((key,))),
                                        {"key": key, "other": origins[(key,)].doc.file}))
            data[key] = value
            origins[(key,)] = Origin(doc, (key,))
    if problems:
        raise InputError(problems)
    pack = Pack(data, origins, [str(f) for f in files])
    if "extends" in data:
        return _extend(pack, chain + (resolved(path),))
    stray = [k for k in data if k in PATCH_KEYS]
    if stray:
        at = origins[(stray[0],)]
        raise InputError([Problem("patch_without_extends", _loc(at), {"name": stray[0]})])
    return pack


def _loc(origin: Origin, path: tuple | None = None) -> Location:
    return Location(origin.doc.file, line=origin.doc.line_of(origin.path if path is None else path))


def resolve_base(name: object, at: Origin) -> Path:
    """`extends:` names a path (relative to its file) or a shipped pack such as `xinshi-2011`."""
    if not isinstance(name, str) or not name.strip():
        raise InputError([Problem("extends_bad", _loc(at))])
    candidate = Path(at.doc.file).parent / name
    if candidate.exists():
        return candidate
    shipped = shipped_packs()
    if name in shipped:
        return shipped_packs_root() / name
    close = get_close_matches(name, shipped, n=1, cutoff=0.5)
    raise InputError([Problem("extends_not_found", _loc(at),
                              {"base": name, "packs": "、".join(shipped), **hint_from(close)})])


def _extend(pack: Pack, chain: tuple[Path, ...]) -> Pack:
    at = pack.origins[("extends",)]
    base_path = resolve_base(pack.data["extends"], at)
    if resolved(base_path) in chain:
        raise InputError([Problem("extends_cycle", _loc(at), {"base": str(pack.data["extends"])})])
    base = read_pack(base_path, chain)
    data = copy.deepcopy(base.data)
    origins = dict(base.origins)
    problems: list[Problem] = []
    warnings: list[Problem] = []
    for key, value in pack.data.items():
        origin = pack.origins[(key,)]
        if key == "extends" or key in PATCH_KEYS:
            continue
        if isinstance(value, dict) and isinstance(data.get(key), dict) and not _is_source(key):
            _merge(data[key], value, origins, (key,), origin)
            if _changes_values(value) and _quotes(data[key]) and "source" not in value:
                warnings.append(Problem("override_keeps_source", _loc(origin), {"what": key}, "warning"))
        else:
            data[key] = copy.deepcopy(value)
            _forget(origins, (key,))
            origins[(key,)] = origin
    for name, id_key in ID_LISTS.items():
        ops = {op: (pack.data[f"{name}_{op}"], pack.origins[(f"{name}_{op}",)]) for op in OPS
               if f"{name}_{op}" in pack.data}
        if ops:
            problems += _patch(data, origins, name, id_key, ops, warnings)
    if ("grades_source" not in pack.data and _quotes({"source": data.get("grades_source")})
            and any(k == "grades" or k.startswith("grades_") for k in pack.data)):
        warnings.append(Problem("override_keeps_source", _loc(at), {"what": "grades (grades_source)"}, "warning"))
    for key in ("id", "version"):
        if key not in pack.data:
            warnings.append(Problem("extends_keeps_id", _loc(at), {"name": key, "value": data.get(key)}, "warning"))
    if problems:
        raise InputError(problems)
    data.pop("extends", None)
    origins.pop(("extends",), None)
    return Pack(data, origins, pack.files, base, at, base.warnings + warnings)


def _is_source(key) -> bool:
    return key == "source" or (isinstance(key, str) and key.endswith("_source"))


def _quotes(item: dict) -> bool:
    """The item cites the report's own words: a changed value would no longer be what it quotes."""
    return isinstance(item.get("source"), dict) and "quote" in item["source"]


def _changes_values(patch: dict) -> bool:
    return any(k not in LABEL_KEYS and not _is_source(k) for k in patch)


def _forget(origins: dict, prefix: tuple) -> None:
    for path in [p for p in origins if p[:len(prefix)] == prefix]:
        del origins[path]


def _merge(target: dict, patch: dict, origins: dict, at: tuple, src: Origin) -> None:
    """Merge `patch` into `target` key by key; record that each changed part came from `src`."""
    for key, value in patch.items():
        path = at + (key,)
        if isinstance(value, dict) and isinstance(target.get(key), dict) and not _is_source(key):
            _merge(target[key], value, origins, path, Origin(src.doc, src.path + (key,)))
            continue
        target[key] = copy.deepcopy(value)
        _forget(origins, path)
        origins[path] = Origin(src.doc, src.path + (key,))


def _patch(data: dict, origins: dict, name: str, id_key: str, ops: dict, warnings: list) -> list[Problem]:
    """Apply <name>_drop/_replace/_override/_add to the id-keyed list `name`."""
    items = data.get(name)
    if not isinstance(items, list):
        items = []
    # each item with its own origins, relative to the item, so that indexes may change
    entries: list[tuple[object, dict, dict]] = []
    for i, item in enumerate(items):
        rel = {p[2:]: o for p, o in origins.items() if p[:2] == (name, i)}
        if () not in rel:
            owner, ypath = _owner(origins, name, i)
            if owner is not None:
                rel[()] = Origin(owner.doc, ypath)
        entries.append((_id_of(item, id_key), item, rel))
    problems: list[Problem] = []

    def known(op: str, item_id, where: Origin) -> int | None:
        ids = [e[0] for e in entries]
        if item_id in ids:
            return ids.index(item_id)
        close = get_close_matches(str(item_id), [str(i) for i in ids if i is not None], n=1, cutoff=0.5)
        problems.append(Problem("patch_unknown_id", _loc(where), {"op": f"{name}_{op}", "id": item_id,
                                                                   **hint_from(close)}))
        return None

    for op in OPS:
        if op not in ops:
            continue
        value, origin = ops[op]
        key = f"{name}_{op}"
        if op == "override":
            if not isinstance(value, dict):
                problems.append(Problem("patch_bad", _loc(origin), {"name": key, "shape": "mapping"}))
                continue
            for item_id, change in value.items():
                where = Origin(origin.doc, origin.path + (item_id,))
                pos = known(op, item_id, where)
                if pos is None:
                    continue
                if not isinstance(change, dict):
                    problems.append(Problem("patch_bad", _loc(where), {"name": f"{key}.{item_id}", "shape": "mapping"}))
                    continue
                _, item, rel = entries[pos]
                _merge(item, change, rel, (), where)
                if _changes_values(change) and _quotes(item) and "source" not in change:
                    warnings.append(Problem("override_keeps_source", _loc(where), {"what": f"{name} '{item_id}'"},
                                            "warning"))
            continue
        if not isinstance(value, list):
            problems.append(Problem("patch_bad", _loc(origin), {"name": key, "shape": "list"}))
            continue
        for j, element in enumerate(value):
            where = Origin(origin.doc, origin.path + (j,))
            if op == "drop":
                pos = known(op, element, where)
                if pos is not None:
                    entries.pop(pos)
                continue
            item_id = _id_of(element, id_key)
            if item_id is None:
                problems.append(Problem("patch_bad", _loc(where), {"name": key, "shape": f"mapping with `{id_key}`"}))
                continue
            if op == "replace":
                pos = known(op, item_id, where)
                if pos is not None:
                    entries[pos] = (item_id, copy.deepcopy(element), {(): where})
            elif item_id in [e[0] for e in entries]:
                problems.append(Problem("patch_duplicate_id", _loc(where), {"op": key, "id": item_id, "list": name}))
            else:
                pos = len(entries)
                if "after" in element:  # place it after that item (rules are reported in list order)
                    found = known(op, element["after"], Origin(where.doc, where.path + ("after",)))
                    pos = pos if found is None else found + 1
                item = {k: copy.deepcopy(v) for k, v in element.items() if k != "after"}
                entries.insert(pos, (item_id, item, {(): where}))
    data[name] = [item for _, item, _ in entries]
    _forget(origins, (name,))
    origins[(name,)] = next(iter(ops.values()))[1]  # a problem with the list as a whole: the patch
    for i, (_, _, rel) in enumerate(entries):
        for sub, o in rel.items():
            origins[(name, i) + sub] = o
    return problems


def _owner(origins: dict, name: str, i: int) -> tuple[Origin | None, tuple]:
    found = origins.get((name,))
    return (found, found.path + (i,)) if found is not None else (None, ())


def _id_of(item, id_key: str):
    return item.get(id_key) if isinstance(item, dict) else None
