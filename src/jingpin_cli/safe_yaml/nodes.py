"""YAML as a node tree (safe loader, nothing constructed): every key and value with its line and
column, and the duplicate keys PyYAML would otherwise let the last one win silently.

Used where exact positions matter: `jingpin check` and waiver files."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jingpin_cli.errors import Location, Problem
from jingpin_cli.safe_yaml.read import MAX_DEPTH, MAX_NODES, MAX_YAML_BYTES

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where built in: same nodes, same marks


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


def compose(path: Path) -> tuple[NodeDoc | None, list[Problem]]:
    """The node tree of a YAML file, or the problem that stops it from being read."""
    name = str(path)
    try:
        if Path(path).stat().st_size > MAX_YAML_BYTES:  # before reading: a huge file costs no memory
            return None, [Problem("unreadable", Location(name), {"detail": f"> {MAX_YAML_BYTES // 2**20} MiB"})]
        raw = Path(path).read_bytes()
    except OSError as exc:
        return None, [Problem("unreadable", Location(name), {"detail": exc.strerror or str(exc)})]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, [Problem("yaml_encoding", Location(name))]
    try:
        _within_depth(text)
        root = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Location(name, line=mark.line + 1, col=mark.column + 1) if mark is not None else Location(name, line=1, col=1)
        return None, [Problem("bad_yaml", where, {"detail": getattr(exc, "problem", None) or str(exc)})]
    except RecursionError:
        return None, [Problem("bad_yaml", Location(name, line=1, col=1), {"detail": "nested too deeply"})]
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
                raise yaml.composer.ComposerError(None, None, f"nested more than {MAX_DEPTH} levels deep", event.start_mark)
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
