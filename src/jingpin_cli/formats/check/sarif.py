"""`jingpin check --format sarif`: SARIF 2.1.0 for code-scanning tools (GitHub code scanning uploads
it with `github/codeql-action/upload-sarif`). One result per problem, its code as the rule id."""

from __future__ import annotations

import json
from urllib.parse import quote

from jingpin_cli import __version__
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.results.check.run import (
    CheckResult,
    display_path,
    file_line,
    is_file_location,
    where,
)

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"


def _location(loc, lang: str) -> dict:
    physical: dict = {"artifactLocation": {"uri": quote(display_path(loc.file))}}
    line = file_line(loc)
    if line is not None:  # an XLSX row goes in properties (sheet, row, column) instead
        physical["region"] = {"startLine": line, **({"startColumn": loc.col} if loc.col is not None else {})}
    return {"physicalLocation": physical, "message": {"text": where(loc, lang)}}


def render(result: CheckResult, options: Options = PLAIN) -> str:
    lang = options.lang
    codes = list(dict.fromkeys(p.code for p in result.problems))
    results = []
    for p in result.problems:
        loc = p.location
        item = {
            "ruleId": p.code,
            "ruleIndex": codes.index(p.code),
            "level": "error" if p.severity == "error" else "warning",
            "message": {"text": f"{where(loc, lang)}: {p.message(lang)}"},
            "properties": {k: v for k, v in (("sheet", loc.sheet), ("row", loc.row), ("column", loc.column),
                                             ("header", loc.header),
                                             ("option", None if is_file_location(loc) else loc.file))
                           if v is not None},
        }
        if is_file_location(loc):
            item["locations"] = [_location(loc, lang)]
        results.append(item)
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "jingpin",
                "version": __version__,
                "rules": [{"id": code, "defaultConfiguration": {"level": _level(result, code)}} for code in codes],
            }},
            "artifacts": [{"location": {"uri": quote(display_path(f))}} for f in result.files],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _level(result: CheckResult, code: str) -> str:
    severity = next(p.severity for p in result.problems if p.code == code)
    return "error" if severity == "error" else "warning"
