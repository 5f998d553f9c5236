"""A progress bar on stderr for long loads (a folder of thousands of record files).

Shown only when stderr is a terminal, or when JINGPIN_PROGRESS=1 asks for it; JINGPIN_PROGRESS=0
turns it off. Never on stdout, so piped reports stay clean. rich is imported only when shown.
A caller that shows progress its own way (`jingpin serve`'s page) watches instead (`watched`): it is
told how far the load is after each item, in the thread that does the work, and no bar is drawn."""

from __future__ import annotations

import contextlib
import os
import sys
from contextvars import ContextVar
from typing import Callable, Iterable, Iterator, Sequence, TypeVar

T = TypeVar("T")
MIN_ITEMS = 200  # fewer files load in well under a second: no bar
Watcher = Callable[[int, int, str], None]  # (items done, items in all, what is being done)
_watcher: ContextVar[Watcher | None] = ContextVar("jingpin_progress_watcher", default=None)


@contextlib.contextmanager
def watched(watcher: Watcher):
    """Within this block (in this thread or task), progress is told to `watcher` instead of drawn."""
    token = _watcher.set(watcher)
    try:
        yield
    finally:
        _watcher.reset(token)


def wanted(count: int) -> bool:
    setting = os.environ.get("JINGPIN_PROGRESS", "").strip().lower()
    if setting in ("0", "no", "false", "off"):
        return False
    if setting in ("1", "yes", "true", "on"):
        return True
    return count >= MIN_ITEMS and sys.stderr.isatty()


def progress(items: Sequence[T], description: str) -> Iterable[T]:
    """`items`, advancing a bar on stderr as they are consumed (when wanted), or telling the watcher."""
    watcher = _watcher.get()
    if watcher is not None:
        return _told(items, description, watcher)
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


def _told(items: Sequence[T], description: str, watcher: Watcher) -> Iterator[T]:
    watcher(0, len(items), description)
    for done, item in enumerate(items, 1):
        yield item
        watcher(done, len(items), description)
