"""Safe YAML reading that remembers where every key is, so errors can name the line."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from jingpin_cli.errors import InputError, Location, Problem

MAX_YAML_BYTES = 20 * 1024 * 1024
MAX_NODES = 1_000_000  # bounds alias expansion ("billion laughs") and deep nesting


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
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": exc.strerror or str(exc)})]) from None
    if len(raw) > MAX_YAML_BYTES:
        raise InputError([Problem("unreadable", Location(name), {"detail": f"> {MAX_YAML_BYTES // 2**20} MiB"})])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError([Problem("encoding", Location(name), {"tried": "UTF-8"})]) from None
    loader = yaml.SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return YamlDoc(name, None)
        lines: dict[tuple, int] = {}
        _index(node, (), lines, [0])
        data = loader.construct_document(node)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        detail = getattr(exc, "problem", None) or str(exc)
        row = mark.line + 1 if mark is not None else None
        col = mark.column + 1 if mark is not None else None
        raise InputError([Problem("bad_yaml", Location(name, line=row, col=col), {"detail": detail})]) from None
    except RecursionError:
        raise InputError([Problem("bad_yaml", Location(name), {"detail": "nested too deeply"})]) from None
    finally:
        loader.dispose()
    return YamlDoc(name, data, lines)


def _index(node: yaml.Node, path: tuple, lines: dict, count: list[int]) -> None:
    """Record the line of every mapping key and list item; count nodes so aliases cannot explode."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise yaml.YAMLError(f"more than {MAX_NODES} nodes (alias expansion is bounded)")
    lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            _index(value_node, path + (key,), lines, count)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index(item, path + (i,), lines, count)
