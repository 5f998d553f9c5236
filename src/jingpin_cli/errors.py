"""One error family for bad input: every problem says where (file, sheet, row, column) and what."""

from __future__ import annotations

import errno
from dataclasses import dataclass, field

from jingpin_cli.text.messages import Worded, t
from jingpin_cli.text.visible import visible
from jingpin_cli.text.words import sep


@dataclass(frozen=True)
class Location:
    """Where a problem is, as the user sees it: Excel row number and column letter, or YAML line."""

    file: str
    sheet: str | None = None
    row: int | None = None  # 1-based spreadsheet row (as Excel numbers it) or CSV line
    column: str | None = None  # column letter (A, B, …) or YAML key
    header: str | None = None  # the header text as the user wrote it
    line: int | None = None  # 1-based line in a YAML file
    col: int | None = None  # 1-based character column in a YAML file
    cell: str | None = None  # a cell of a one-community form (C12), named instead of row and column

    def render(self, lang: str = "zh") -> str:
        parts = [visible(self.file)]
        if self.sheet:
            parts.append(t("loc.sheet", lang, sheet=visible(self.sheet)))
        if self.cell:  # a form: the item's cell and its 项目 words
            key = "loc.cell" if self.header else "loc.cell_bare"
            parts.append(t(key, lang, cell=self.cell, header=visible(self.header or "")))
            return sep(lang, "comma").join(parts)
        if self.row is not None:
            parts.append(t("loc.row", lang, row=self.row))
        if self.line is not None:
            parts.append(t("loc.line", lang, line=self.line))
        if self.column and self.header and self.header != self.column:
            parts.append(t("loc.column_header", lang, column=visible(self.column), header=visible(self.header)))
        elif self.column or self.header:
            parts.append(t("loc.column", lang, column=visible(self.column or self.header)))
        return sep(lang, "comma").join(parts)


@dataclass(frozen=True)
class Problem:
    """A problem with the user's input, rendered in their language on demand."""

    code: str
    location: Location
    params: dict = field(default_factory=dict)
    severity: str = "error"  # error | warning

    def message(self, lang: str = "zh") -> str:
        # the user's own text (a cell, a header, a name) is shown with its control characters written out
        params = {k: v.render(lang) if isinstance(v, (Location, Worded)) else visible(v) if isinstance(v, str) else v
                  for k, v in self.params.items()}
        if "suggestion" in params:  # a “did you mean …” hint, worded per language
            s = params.pop("suggestion")
            params["hint"] = t("hint.did_you_mean", lang, suggestion=s) if s else t("hint.none", lang)
        return t(f"problem.{self.code}", lang, **params)

    def render(self, lang: str = "zh") -> str:
        return f"{self.location.render(lang)}: {self.message(lang)}"


def messages(problems: list[Problem], lang: str = "zh") -> list[str]:
    """[p.message(lang) for p in problems], each worded once per params dict: a problem found on many
    rows alike shares one (a survey's unknown 一般 on 50 000 rows), which lives as long as `problems`."""
    said: dict[tuple, str] = {}
    out = []
    for p in problems:
        key = (p.code, id(p.params))
        if key not in said:
            said[key] = p.message(lang)
        out.append(said[key])
    return out


class InputError(Exception):
    """Input we cannot run on. Carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(p.render("en") for p in problems))

    def render(self, lang: str = "zh", limit: int = 50) -> str:
        shown = [p.render(lang) for p in self.problems[:limit]]
        if len(self.problems) > limit:
            shown.append(t("more_problems", lang, n=len(self.problems) - limit))
        return "\n".join(shown)


def hint_from(close: list[str]) -> dict:
    """Problem params for a “did you mean …” hint naming the closest match, or for no hint at all.

    (A bare `suggestion: None` renders the field-catalog hint, which fits only data headers and keys;
    an unknown community, rule, waiver key or pack gets no hint rather than a wrong one.)"""
    return {"suggestion": close[0]} if close else {"hint": ""}


def fail(code: str, file: str, lang_params: dict | None = None, **where) -> InputError:
    """Shorthand for a single-problem InputError."""
    return InputError([Problem(code, Location(file, **where), lang_params or {})])


OS_ERRORS = {errno.ENOENT: "os.not_found", errno.EACCES: "os.denied", errno.EPERM: "os.denied",
             errno.ENOSPC: "os.full", errno.EROFS: "os.read_only", errno.EISDIR: "os.is_folder",
             errno.ENOTDIR: "os.not_folder", errno.ENAMETOOLONG: "os.name_too_long"}


def os_detail(exc: OSError) -> Worded:
    """Why the system refused a file, in the user's language (the system's own words otherwise)."""
    key = OS_ERRORS.get(exc.errno)
    if key is not None:
        return Worded.message(key)
    said = exc.strerror or str(exc)
    return Worded(said, said)
