"""A progress bar on stderr for long loads (a folder of thousands of record files).

Shown only when stderr is a terminal, or when JINGPIN_PROGRESS=1 asks for it; JINGPIN_PROGRESS=0
turns it off. Never on stdout, so piped reports stay clean. rich is imported only when shown."""

from __future__ import annotations

import os
import sys
from typing import Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
MIN_ITEMS = 200  # fewer files load in well under a second: no bar


def wanted(count: int) -> bool:
    setting = os.environ.get("JINGPIN_PROGRESS", "").strip().lower()
    if setting in ("0", "no", "false", "off"):
        return False
    if setting in ("1", "yes", "true", "on"):
        return True
    return count >= MIN_ITEMS and sys.stderr.isatty()


def progress(items: Sequence[T], description: str) -> Iterable[T]:
    """`items`, advancing a bar on stderr as they are consumed (when wanted)."""
    if not wanted(len(items)):
        return items
    return _bar(items, description)


def _bar(items: Sequence[T], description: str) -> Iterator[T]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeRemainingColumn,
    )

    console = Console(stderr=True)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(),
                  console=console, transient=console.is_terminal) as bar:
        task = bar.add_task(description, total=len(items))
        for item in items:
            yield item
            bar.advance(task)
