"""JSON of a before/after comparison: the dict results.diff.compare.compare returns, as it is."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.results.diff.compare import Diff


def render(diff: Diff, options: Options = PLAIN) -> str:
    return indented_json.dumps(diff) + "\n"
