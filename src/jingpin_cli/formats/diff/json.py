"""JSON of a before/after comparison: the dict results.diff.compare.compare returns, as it is, written
in pieces (its communities are built one at a time as they are written)."""

from __future__ import annotations

from collections.abc import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.results.diff.compare import Diff


def render(diff: Diff, options: Options = PLAIN) -> Iterator[str]:
    yield from indented_json.chunks(diff)
    yield "\n"
