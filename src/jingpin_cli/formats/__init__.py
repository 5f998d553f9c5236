"""Formats are pure functions of a Report: `render(report, lang) -> str | bytes | Iterator[str | bytes]`.
No I/O and no exit codes here; output.write_atomic does the writing."""

from __future__ import annotations

from importlib import import_module

# format name -> module (imported on use so that `jingpin --help` stays fast)
AUDIT_FORMATS = {"table": "terminal", "json": "json", "csv": "csv", "md": "markdown", "html": "html", "xlsx": "xlsx"}
SUFFIXES = {".json": "json", ".csv": "csv", ".md": "md", ".txt": "table", ".html": "html", ".htm": "html", ".xlsx": "xlsx"}


def renderer(name: str):
    return import_module(f"jingpin_cli.formats.{AUDIT_FORMATS[name]}")
