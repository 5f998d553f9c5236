"""JSON of a before/after comparison: the dict diffing.compare returns, as it is."""

from __future__ import annotations

import json


def render(diff: dict, lang: str = "zh") -> str:
    return json.dumps(diff, ensure_ascii=False, indent=2) + "\n"
