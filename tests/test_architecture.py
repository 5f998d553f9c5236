"""The package's map holds: folders are layers that import only downward, with no import cycles,
and imports sit at the top of modules (commands/ and cli.py import lazily to keep --help fast).

Read from the source with ast, so the test sees every import, at module level or in a function."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parent.parent / "src" / "jingpin_cli"

# Lowest first. A module may import from its own layer or any layer below it.
LAYERS = [
    {"__init__", "text"},  # __init__: the package root holds only __version__
    {"errors", "exitcodes", "arrays", "safe_yaml", "files"},
    {"rules"},
    {"standard"},
    {"records"},
    {"scoring"},
    {"results"},
    {"formats"},
    {"commands", "serve", "cli", "__main__"},  # serve: the web page, beside the commands it shares
]
LAYER = {top: n for n, tops in enumerate(LAYERS) for top in tops}
LAZY_ALLOWED = ("commands", "cli")  # where function-local imports are allowed (fast --help)


def modules() -> dict[str, Path]:
    out = {}
    for path in PKG.rglob("*.py"):
        parts = path.relative_to(PKG).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


def imports(name: str, path: Path, known: dict[str, Path]) -> list[tuple[str, ast.stmt, bool]]:
    """(imported jingpin module, node, inside a function) for each import of the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    in_function = {id(n) for f in ast.walk(tree) if isinstance(f, (ast.FunctionDef, ast.AsyncFunctionDef))
                   for n in ast.walk(f)}
    found = []
    for node in ast.walk(tree):
        targets = []
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("jingpin_cli") and not node.level:
            base = node.module.removeprefix("jingpin_cli").lstrip(".")
            for alias in node.names:
                sub = f"{base}.{alias.name}".lstrip(".")
                targets.append(sub if sub in known else base)
        elif isinstance(node, ast.Import):
            targets = [a.name.removeprefix("jingpin_cli.") for a in node.names if a.name.startswith("jingpin_cli.")]
        found += [(t, node, id(node) in in_function) for t in targets if t != name]
    return found


def graph() -> dict[str, set[str]]:
    known = modules()
    return {name: {t for t, _, _ in imports(name, path, known)} for name, path in known.items()}


def top(name: str) -> str:
    return name.split(".")[0] or "__init__"


def test_no_import_cycles():
    edges = graph()
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    assert cycles == []


def test_folders_import_only_downward():
    upward = [f"{m} -> {t}" for m, targets in graph().items() for t in targets if LAYER[top(t)] > LAYER[top(m)]]
    assert upward == []


def test_imports_sit_at_the_top_outside_commands():
    known = modules()
    lazy = [f"{name}:{node.lineno}" for name, path in known.items() if top(name) not in LAZY_ALLOWED
            for _, node, inside in imports(name, path, known) if inside]
    assert lazy == []


def test_no_private_names_imported_across_modules():
    known = modules()
    private = [f"{name}:{node.lineno} {a.name}" for name, path in known.items()
               for _, node, _ in imports(name, path, known) if isinstance(node, ast.ImportFrom)
               for a in node.names if a.name.startswith("_") and not a.name.startswith("__")]
    assert private == []
