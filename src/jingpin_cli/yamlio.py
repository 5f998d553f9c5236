"""Safe YAML reading that remembers where every key is, so errors can name the line.

Hostile files are stopped early and cheaply: a size limit before parsing, a nesting limit while
composing (PyYAML's scanner slows down quadratically with depth, so waiting for a RecursionError
takes seconds), and an alias-expansion limit computed on the shared node graph (a “billion laughs”
file is refused in milliseconds, before anything expands it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jingpin_cli.errors import InputError, Location, Problem

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


def read_yaml(path: Path) -> YamlDoc:
    """Parse one YAML file with the safe loader. Raises InputError naming the file and line."""
    name = str(path)
    text = _read_text(Path(path), name)
    fast = _read_fast(name, text)
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
        lines: dict[tuple, int] = {}
        _index(node, (), lines, set())
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        row = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise InputError([Problem("bad_yaml", Location(name, line=row, col=col), {"detail": detail})]) from None
    except RecursionError:
        raise InputError([Problem("bad_yaml", Location(name), {"detail": "nested too deeply"})]) from None
    except (ValueError, TypeError, OverflowError) as exc:
        # the safe constructor still raises plain errors for values such as 2011-13-45 or a
        # 5 000-digit integer; they are the file's fault, so they are reported like syntax errors
        raise InputError([Problem("bad_yaml", Location(name), {"detail": str(exc)})]) from None
    finally:
        if loader is not None:
            loader.dispose()
    return YamlDoc(name, data, lines)


_C_LOADER = getattr(yaml, "CSafeLoader", None)
FAST_INDICATORS = 5000  # YAML nests only at - : ? [ { — fewer of them bounds libyaml's recursion


def _read_fast(name: str, text: str) -> YamlDoc | None:
    """libyaml (PyYAML's C parser, same nodes and marks) reads a file ~20× faster, which matters for
    a folder of 10 000 record files. Used only where it cannot differ: a file that cannot nest deep,
    parses without error and stays within the limits. Anything else returns None and takes the
    bounded pure-Python path, which reports the exact error."""
    if _C_LOADER is None or sum(text.count(c) for c in "-:?[{") > FAST_INDICATORS:
        return None
    loader = _C_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(name, None)
        # without an alias (*name) a small file cannot expand; with one, sizes come first: they stop loops
        if ("*" in text and expanded_size(node) > MAX_NODES) or _depth(node) > MAX_DEPTH:
            return None
        lines: dict[tuple, int] = {}
        _index(node, (), lines, set())
        return YamlDoc(name, loader.construct_document(node), lines)
    except (yaml.YAMLError, RecursionError, ValueError, TypeError, OverflowError):
        return None
    finally:
        loader.dispose()


def _depth(root: yaml.Node) -> int:
    deepest, stack = 0, [(root, 1)]
    while stack:
        node, depth = stack.pop()
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in _children(node))
        if deepest > MAX_DEPTH:
            break
    return deepest


def _read_text(path: Path, name: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:  # checked before reading, so a huge file costs no memory
            raise InputError([Problem("too_large", Location(name), {"size": _mib(size), "limit": _mib(MAX_YAML_BYTES)})])
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": exc.strerror or str(exc)})]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError([Problem("yaml_encoding", Location(name, line=line))]) from None


def _mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


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


def _index(node: yaml.Node, path: tuple, lines: dict, seen: set[int]) -> None:
    """Record the line of every mapping key and list item. An aliased node is indexed once, where
    it is defined: its uses point at their own key, which is what a user would edit."""
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            _index(value_node, path + (key,), lines, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines, seen)
