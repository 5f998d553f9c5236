"""A terminal view as plain text: what `-o FILE.txt` writes for every table format."""

from __future__ import annotations

import io

from rich.console import Console


def plain_text(renderable, width: int) -> str:
    """The renderable laid out at `width` columns, without colour or terminal codes."""
    buf = io.StringIO()
    Console(file=buf, width=width, color_system=None, force_terminal=False).print(renderable)
    return buf.getvalue()
