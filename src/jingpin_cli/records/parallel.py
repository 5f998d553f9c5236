"""Read many data files on every core. A folder of 10 000 one-community YAML files is CPU-bound in
the YAML parser (most of a millisecond a file) and its files are independent, so worker processes
read them in chunks; results come back in file order, with the progress bar advancing as they do.
A few files are read in this process: starting workers would cost more than it saves."""

from __future__ import annotations

import os
import signal
from pathlib import Path
from typing import Callable

from jingpin_cli.errors import InputError
from jingpin_cli.records.progress import progress

MIN_FILES = 1000  # below this, reading in this process is as fast as starting workers
CHUNK = 100  # files per task: few enough messages, small enough to keep both cores busy to the end
MAX_WORKERS = 4
DESCRIPTION = "读取数据文件 / reading data files"

_worker: tuple[Callable, tuple] | None = None  # (read, its extra arguments), set in each worker


def read_files(files: list[Path], read: Callable, *args) -> list:
    """`read(file, *args)` for every file, in order: its result, or the problems of the
    InputError that stopped it. `read` and `args` must be picklable (a module-level function)."""
    workers = min(cores(), MAX_WORKERS, len(files) // CHUNK)
    if len(files) < MIN_FILES or workers < 2:
        return [_read_one(read, file, args) for file in progress(files, DESCRIPTION)]
    from concurrent.futures import (
        ProcessPoolExecutor,  # here: it imports multiprocessing
    )
    from concurrent.futures.process import BrokenProcessPool

    chunks = [files[i:i + CHUNK] for i in range(0, len(files), CHUNK)]
    try:
        with ProcessPoolExecutor(workers, initializer=_start, initargs=(read, args)) as pool:
            results = (result for chunk in pool.map(_read_chunk, chunks) for result in chunk)
            return [result for _, result in zip(progress(files, DESCRIPTION), results, strict=True)]
    except (BrokenProcessPool, OSError):  # a worker killed (out of memory), or no processes allowed here
        return [_read_one(read, file, args) for file in progress(files, DESCRIPTION)]


def cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Windows and macOS have no sched_getaffinity
        return os.cpu_count() or 1


def _read_one(read: Callable, file: Path, args: tuple):
    try:
        return read(file, *args)
    except InputError as exc:
        return exc.problems


def _start(read: Callable, args: tuple) -> None:
    for name in ("SIGTERM", "SIGHUP"):  # the main process's handlers are not the workers'
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), signal.SIG_DFL)
    global _worker
    _worker = (read, args)


def _read_chunk(files: list[Path]) -> list:
    read, args = _worker
    return [_read_one(read, file, args) for file in files]
