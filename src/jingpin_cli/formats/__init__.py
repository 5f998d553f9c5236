"""Renderers: formats/<result kind>/<format>.py, each a pure function of one result.

A renderer module has `render(result, …) -> str | bytes | Iterator[str | bytes]` (and `view` for
a rich renderable where the terminal needs one); no I/O and no exit codes here: the commands write
(commands/output.write_atomic). formats/kit/ holds what several kinds share (CSV and sheet writers,
escaping, status words, terminal tables). This package may import text, standard, rules, records,
scoring and results; nothing below it imports formats.

FORMATS is the one registry: result kind -> format name -> module, imported on use so that
`jingpin --help` stays fast.
"""

from __future__ import annotations

from importlib import import_module

FORMATS: dict[str, tuple[str, ...]] = {
    "audit": ("table", "json", "csv", "md", "html", "xlsx"),
    "screen": ("table", "json", "csv", "xlsx"),
    "survey": ("table", "json", "csv", "xlsx"),
    "diff": ("table", "json", "md", "html"),
    "check": ("human", "github", "junit", "sarif", "json"),
}

# output suffix -> format, per result kind (`-o` chooses the format where --format is not given)
SUFFIXES: dict[str, dict[str, str]] = {
    "audit": {".json": "json", ".csv": "csv", ".md": "md", ".txt": "table", ".html": "html", ".htm": "html", ".xlsx": "xlsx"},
    "screen": {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".txt": "table"},
    "survey": {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".txt": "table"},
    "diff": {".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".txt": "table"},
    "check": {".sarif": "sarif", ".xml": "junit", ".json": "json", ".txt": "human"},
}


def renderer(kind: str, name: str):
    """The module that renders result `kind` as format `name`."""
    if name not in FORMATS[kind]:
        raise KeyError(f"{kind} has no format {name}")
    return import_module(f"jingpin_cli.formats.{kind}.{name}")
