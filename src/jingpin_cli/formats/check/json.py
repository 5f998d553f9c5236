"""`jingpin check --format json`: every problem as the canonical record (results.check.run.record)."""

from __future__ import annotations

import json

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.results.check.run import CheckResult, counts, display_path, record


def render(result: CheckResult, options: Options = PLAIN) -> str:
    lang, strict = options.lang, options.strict
    doc = {
        "ok": not result.errors and not (strict and result.warnings),
        **counts(result),
        "checked": [display_path(f) for f in result.files],
        "problems": [record(p, lang) for p in result.problems],
    }
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"
