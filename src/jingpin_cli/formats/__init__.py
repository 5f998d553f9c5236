"""Renderers: formats/<result kind>/<format>.py, each a pure function of one result.

Every renderer module follows one protocol (Renderer): `render(result, options) -> str | bytes |
Iterator[str | bytes]`, and `view(result, options)` for a rich renderable where the terminal shows
one. `options` is one small Options for every kind (language, width, …). No I/O and no exit codes
here: the commands write (commands/common.write_result). Formats never test the language: their
words come from jingpin_cli.text. formats/kit/ holds what several kinds share (CSV and sheet writers,
escaping, status words, terminal tables). This package may import text, standard, rules, records,
scoring and results; nothing below it imports formats.

FORMATS is the one registry: result kind -> format name -> module, imported on use so that
`jingpin --help` stays fast.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from importlib import import_module
from typing import Any, Protocol

FORMATS: dict[str, tuple[str, ...]] = {
    "audit": ("table", "json", "csv", "md", "html", "xlsx", "docx"),
    "screen": ("table", "json", "csv", "xlsx", "docx"),
    "survey": ("table", "json", "csv", "xlsx"),
    "diff": ("table", "json", "md", "html", "csv", "xlsx", "docx"),
    "check": ("human", "github", "junit", "sarif", "json"),
    "template": ("xlsx", "yaml", "form"),  # renders the Standard itself: a form to collect data for it
}

# output suffix -> format, per result kind (`-o` chooses the format where --format is not given)
SUFFIXES: dict[str, dict[str, str]] = {
    "audit": {".json": "json", ".csv": "csv", ".md": "md", ".txt": "table", ".html": "html", ".htm": "html",
              ".xlsx": "xlsx", ".docx": "docx"},
    "screen": {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".txt": "table", ".docx": "docx"},
    "survey": {".json": "json", ".csv": "csv", ".xlsx": "xlsx", ".txt": "table"},
    "diff": {".json": "json", ".md": "md", ".html": "html", ".htm": "html", ".txt": "table", ".csv": "csv",
             ".xlsx": "xlsx", ".docx": "docx"},
    "check": {".sarif": "sarif", ".xml": "junit", ".json": "json", ".txt": "human"},
    "template": {".xlsx": "xlsx", ".xlsm": "xlsx", ".yaml": "yaml", ".yml": "yaml"},
}


Content = str | bytes | Iterator[str | bytes]


@dataclass(frozen=True)
class Options:
    """What a renderer may be told besides the result; each kind reads the fields it has use for."""

    lang: str = "zh"
    width: int | None = None  # text width of a table view; None: the format's own default
    community: str | None = None  # audit: one community's full report instead of the district
    rows: int = 0  # terminal views (audit, diff, survey, screen, check): the first `rows` rows (0: all)
    strict: bool = False  # check: warnings fail too
    form_rows: int = 500  # template: Excel rows that get dropdowns and number checks
    self_check: bool = False  # template: （自评）/（核查） column pairs
    date: str | None = None  # docx: the report's date (ISO); None: SOURCE_DATE_EPOCH, else today
    ids: bool = False  # rule and pack ids beside their Chinese titles (--ids); JSON and CSV always have them

    def width_or(self, default: int) -> int:
        return default if self.width is None else self.width


PLAIN = Options()  # Chinese, each format's own width


class Renderer(Protocol):
    """A format module: formats/<kind>/<format>.py."""

    def render(self, result: Any, options: Options) -> Content: ...


def renderer(kind: str, name: str) -> Renderer:
    """The module that renders result `kind` as format `name`."""
    if name not in FORMATS[kind]:
        raise KeyError(f"{kind} has no format {name}")
    return import_module(f"jingpin_cli.formats.{kind}.{name}")
