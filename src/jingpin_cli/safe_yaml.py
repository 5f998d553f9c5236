"""The one YAML reader: safe loading only (nothing is evaluated), one set of limits, one problem
vocabulary, and positions for every error.

Two views of a file share the same reading: `read_yaml` gives the data with the line of every key
(records, standards packs), `compose` gives the node tree with every key's line and column
(`jingpin check`, waiver files, duplicate keys). Both read the text through `_read_text` (size limit
before reading, UTF-8 only) and turn YAML errors into problems through `_yaml_problem`.

Hostile files are stopped early and cheaply: a size limit before parsing, a nesting limit before or
while composing (PyYAML's scanner slows down quadratically with depth, and libyaml's composer
recurses in C), and an alias-expansion limit computed on the shared node graph (a “billion laughs”
file is refused in milliseconds, before anything expands it)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.files import regular_file_size

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_NODES = 1_000_000  # nodes after alias expansion: what a consumer walking the data would visit
MAX_DEPTH = 64  # nesting levels; the deepest real file (a standards pack) uses about 6


class BoundedLoader(yaml.SafeLoader):
    """SafeLoader that refuses nesting deeper than MAX_DEPTH while composing."""

    _depth = 0

    def compose_node(self, parent, index):
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", mark)
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


@dataclass
class YamlDoc:
    file: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)  # path of keys/indexes -> 1-based line

    def line_of(self, path: tuple) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return None


def read_yaml(path: Path, as_written: bool = False) -> YamlDoc:
    """Parse one YAML file with the safe loader. Raises InputError naming the file and line.

    as_written: every scalar is the text as written (null, ~ and an empty value are None), not what
    YAML 1.1 makes of it: data records read `id: 0123` as “0123”, not the octal 83, and `yes` as “yes”."""
    name = str(path)
    text = _read_text(Path(path), name)
    fast = _read_fast(name, text, as_written)
    if fast is not None:
        return fast
    loader = None
    try:
        loader = BoundedLoader(text)  # the reader rejects control characters already here
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(name, None)
        expanded = expanded_size(node)
        if expanded > MAX_NODES:
            raise yaml.YAMLError(f"more than {MAX_NODES} values once aliases (*name) are expanded")
        data, lines = _load(loader, node, as_written)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError) as exc:
        raise InputError([_yaml_problem(exc, name)]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDoc(name, data, lines)


_C_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_INDICATORS = 5000  # YAML nests only at - : ? [ { — fewer of them bounds libyaml's recursion
_TAGS: dict[tuple, str] = {}  # (node kind, text, implicit) -> tag
_SCALARS: dict[tuple[str, str], object] = {}  # (tag, text) -> value
_MEMO_SIZE = 1 << 16
_IMMUTABLE = (str, int, float, bool, type(None), bytes, datetime.date)  # what a plain scalar becomes
_MAP, _SEQ, _NULL = "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:null"
_MERGE = "tag:yaml.org,2002:merge"
_REFUSED = object()


if _C_LOADER is not None:
    class _MemoLoader(_C_LOADER):
        """libyaml with PyYAML's own resolver, memoised by scalar text: a folder of record files
        repeats the same keys and values (true, 0, 街道名…). A scalar's tag depends on its text alone
        (SafeLoader has no path resolvers)."""

        def resolve(self, kind, value, implicit):
            key = (kind, value, implicit)
            tag = _TAGS.get(key)
            if tag is None:
                if len(_TAGS) > _MEMO_SIZE:
                    _TAGS.clear()
                tag = _TAGS[key] = super().resolve(kind, value, implicit)
            return tag


def _read_fast(name: str, text: str, as_written: bool = False) -> YamlDoc | None:
    """libyaml (PyYAML's C parser, same nodes and marks) reads a file ~20× faster, which matters for
    a folder of 10 000 record files. Used only where it cannot differ: a file that cannot nest deep,
    parses without error and stays within the limits. Anything else returns None and takes the
    bounded pure-Python path, which reports the exact error."""
    if _C_LOADER is None or sum(text.count(c) for c in "-:?[{") > FAST_INDICATORS:
        return None
    loader = _MemoLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(name, None)
        # without an alias (*name) a small file cannot expand; with one, sizes come first: they stop loops
        if "*" in text and expanded_size(node) > MAX_NODES:
            return None
        return YamlDoc(name, *_load(loader, node, as_written))
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
        return None
    finally:
        loader.dispose()


def _read_text(path: Path, name: str) -> str:
    """The file's text: a regular file only (a device such as /dev/zero never ends, a FIFO blocks),
    within the size limit, checked before anything is read."""
    regular_file_size(path, MAX_YAML_BYTES, name)  # checked before reading, so a huge file costs no memory
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError([Problem("yaml_encoding", Location(name, line=line))]) from None


def _yaml_problem(exc: Exception, name: str) -> Problem:
    """A YAML error as the user's problem, at its line and column where the parser knows them."""
    if isinstance(exc, RecursionError):
        return Problem("bad_yaml", Location(name), {"detail": "nested too deeply"})
    if not isinstance(exc, yaml.YAMLError):
        # the safe constructor still raises plain errors for values such as 2011-13-45 or a
        # 5 000-digit integer; they are the file's fault, so they are reported like syntax errors
        return Problem("bad_yaml", Location(name), {"detail": str(exc)})
    mark = getattr(exc, "problem_mark", None)
    detail = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return Problem("bad_yaml", Location(name), {"detail": detail})
    return Problem("bad_yaml", Location(name, line=mark.line + 1, col=mark.column + 1), {"detail": detail})


def expanded_size(root: yaml.Node) -> int:
    """How many nodes a walk of the constructed data would visit, aliases expanded (capped just
    above MAX_NODES). An alias used inside its own anchor is an error: it would never end.

    Aliased nodes are shared objects, so sizes are memoised per node: the cost is the number of
    distinct nodes, however large the expansion. Iterative, so depth costs no recursion."""
    cap = MAX_NODES + 1
    sizes: dict[int, int] = {}
    open_nodes: set[int] = set()  # the ancestors of the node being expanded
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        nid = id(node)
        if children_done:
            open_nodes.discard(nid)
            sizes[nid] = min(cap, 1 + sum(sizes[id(k)] for k in _children(node)))
        elif nid in open_nodes:
            raise yaml.YAMLError("an alias is used inside its own anchor: it would never end")
        elif nid not in sizes:
            open_nodes.add(nid)
            stack.append((node, True))
            stack.extend((k, False) for k in _children(node))
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _load(loader: yaml.SafeLoader, root: yaml.Node, as_written: bool = False) -> tuple[object, dict[tuple, int]]:
    """The document's data and the line of every mapping key and list item (by its path of keys
    and indexes), in one walk. An aliased node is indexed once, where it is defined: its uses point
    at their own key, which is what a user would edit. Raises YAMLError when nested deeper than
    MAX_DEPTH.

    Plain mappings, lists and scalars are built here, scalars memoised by text (PyYAML's constructor
    costs more than parsing for a small file). A document holding anything else — !!set, a merge
    key (<<), a complex key, a value the constructor refuses — is constructed by PyYAML itself,
    which also raises its exact error."""
    lines: dict[tuple, int] = {}
    built: dict[int, object] = {}  # id(node) -> its data: an alias gives the same object
    plain = True
    scalar_of = _as_written if as_written else _scalar

    def visit(node: yaml.Node, path: tuple, depth: int):
        nonlocal plain
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(f"nested more than {MAX_DEPTH} levels deep")
        lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in built:
            return built[id(node)]
        if isinstance(node, yaml.MappingNode):
            data = built[id(node)] = {}
            plain = plain and node.tag == _MAP
            for key_node, value_node in node.value:
                scalar = isinstance(key_node, yaml.ScalarNode)
                at = path + (key_node.value if scalar else None,)
                # most nodes: no call (its line is its key's)
                if isinstance(value_node, yaml.ScalarNode) and depth < MAX_DEPTH:
                    value = scalar_of(loader, value_node) if plain else _REFUSED
                else:
                    value = visit(value_node, at, depth + 1)
                lines[at] = key_node.start_mark.line + 1  # a key given twice: its last line, as its value is the last
                key = scalar_of(loader, key_node) if scalar and value is not _REFUSED else _REFUSED
                plain = plain and key is not _REFUSED
                if plain:
                    data[key] = value
        elif isinstance(node, yaml.SequenceNode):
            data = built[id(node)] = []
            plain = plain and node.tag == _SEQ
            for i, item in enumerate(node.value):
                data.append(visit(item, path + (i,), depth + 1))
        else:
            data = built[id(node)] = scalar_of(loader, node) if plain else _REFUSED
            plain = data is not _REFUSED
        return data

    data = visit(root, (), 1)
    return (data if plain else loader.construct_document(root)), lines


def _as_written(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    """A scalar's own text; None where YAML means no value (null, ~, nothing). A merge key (<<) is left
    to PyYAML, which merges (and then types the file's values as YAML 1.1 does)."""
    if node.tag == _MERGE:
        return _REFUSED
    return None if node.tag == _NULL else node.value


def _scalar(loader: yaml.SafeLoader, node: yaml.ScalarNode):
    """A scalar as PyYAML's safe constructor makes it (memoised), or _REFUSED for a tag it does not
    make a plain value of, or a value it raises on (left to construct_document, which reports it)."""
    key = (node.tag, node.value)
    data = _SCALARS.get(key, _REFUSED)
    if data is _REFUSED:
        make = loader.yaml_constructors.get(node.tag)
        try:
            data = make(loader, node) if make is not None else _REFUSED
        except (yaml.YAMLError, ValueError, TypeError, OverflowError):
            return _REFUSED
        if not isinstance(data, _IMMUTABLE):  # e.g. !!set on a scalar: a generator, left to PyYAML
            return _REFUSED
        if len(_SCALARS) > _MEMO_SIZE:
            _SCALARS.clear()
        _SCALARS[key] = data
    return data


# ---- the node tree: positions of every key, duplicate keys ------------------------------------------

@dataclass
class NodeDoc:
    """One composed YAML file: its root node (None when empty) and the start of every node by line."""

    file: str
    root: yaml.Node | None
    starts: dict[int, int] = field(default_factory=dict)  # 1-based line -> 1-based column of its first node

    def col_of(self, line: int | None) -> int | None:
        return self.starts.get(line) if line is not None else None

    def find_key(self, line: int, key: str) -> tuple[int, int] | None:
        """(line, col) of `key` written on `line`, or as a key of the mapping that starts there, or
        else its first occurrence below `line` (a whole-file record starts above its first key)."""
        if not hasattr(self, "_keys"):
            self._keys: dict[tuple[int, str], tuple[int, int]] = {}
            for node in walk(self.root):
                if isinstance(node, yaml.MappingNode):
                    start = node.start_mark.line + 1
                    for k, _ in node.value:
                        if isinstance(k, yaml.ScalarNode):
                            at = (k.start_mark.line + 1, k.start_mark.column + 1)
                            self._keys.setdefault((at[0], k.value), at)
                            self._keys.setdefault((start, k.value), at)
        found = self._keys.get((line, key))
        return found or min((at for (_, k), at in self._keys.items() if k == key and at[0] >= line), default=None)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built in: same nodes, same marks


def compose(path: Path) -> tuple[NodeDoc | None, list[Problem]]:
    """The node tree of a YAML file, or the problem that stops it from being read."""
    name = str(path)
    try:
        text = _read_text(Path(path), name)
        _within_depth(text)
        root = yaml.compose(text, Loader=_LOADER)
        if root is not None and "*" in text and expanded_size(root) > MAX_NODES:
            raise yaml.YAMLError(f"more than {MAX_NODES} values once aliases (*name) are expanded")
    except InputError as exc:
        return None, exc.problems
    except (yaml.YAMLError, RecursionError) as exc:
        return None, [_yaml_problem(exc, name)]
    doc = NodeDoc(name, root)
    for node in walk(root):
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        doc.starts[line] = min(col, doc.starts.get(line, col))
    return doc, []


def _within_depth(text: str) -> None:
    """Refuse nesting deeper than MAX_DEPTH before composing: libyaml's composer recurses in C and
    crashes the process on a file nested some ten thousand levels deep (its parser does not recurse)."""
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep",
                                                  event.start_mark)
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


def walk(root: yaml.Node | None):
    """Every node once (aliases share nodes: visiting each once keeps a “billion laughs” file cheap)."""
    seen: set[int] = set()
    stack = [root] if root is not None else []
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            return
        yield node
        if isinstance(node, yaml.MappingNode):
            for k, v in reversed(node.value):
                stack += [v, k]
        elif isinstance(node, yaml.SequenceNode):
            stack += reversed(node.value)


def position(node: yaml.Node) -> dict:
    return {"line": node.start_mark.line + 1, "col": node.start_mark.column + 1}


def duplicate_keys(doc: NodeDoc) -> list[Problem]:
    """A key given twice in one mapping: YAML keeps only the last value, so the first is lost unseen."""
    problems = []
    for node in walk(doc.root):
        if not isinstance(node, yaml.MappingNode):
            continue
        first: dict[str, yaml.Node] = {}
        for key, _ in node.value:
            if not isinstance(key, yaml.ScalarNode):
                continue
            if key.value in first:
                problems.append(Problem("duplicate_key", Location(doc.file, column=key.value, **position(key)),
                                        {"name": key.value, "other": first[key.value].start_mark.line + 1}))
            else:
                first[key.value] = key
    return problems


def mapping(node: yaml.Node | None) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
    """A mapping node as {key text: (key node, value node)}; None if the node is not a mapping."""
    if not isinstance(node, yaml.MappingNode):
        return None
    return {k.value: (k, v) for k, v in node.value if isinstance(k, yaml.ScalarNode)}
