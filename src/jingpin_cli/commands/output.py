"""The one place that writes files: atomically (temp file + rename), never over an input, and only
to a new name or an existing regular file — never through a link, onto a device, a pipe or a folder
(renaming over /dev/null as root would replace the device itself). `-o -` is standard output."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Iterable

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.files import resolved, special_kind


def is_stdout(output: Path | None) -> bool:
    """`-o -`: standard output, as Unix tools take it."""
    return output is not None and str(output) == "-"


def refuse_special(path: Path) -> None:
    """Refuse an existing path that is not a regular file: a symbolic link (even to a regular file),
    a device, a FIFO, a socket or a folder. lstat only: nothing is opened, so a FIFO cannot block."""
    try:
        os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as exc:
        detail = os_detail(exc)
        raise InputError([Problem("output_failed", Location(str(path)), {"detail": detail})]) from None
    if special_kind(path, follow_links=False) is not None:
        raise InputError([Problem("output_not_regular", Location(str(path)))])


def guard_not_input(output: Path, inputs: Iterable[Path]) -> list[Problem]:
    """Refuse an output path that is one of the inputs, or a file a data folder would read as data on
    the next run (a data suffix inside a given folder, surveys/ included); say which it is. Beside a
    data table given (not its folder) such a file is written, with a warning (returned): the folder,
    read later, would take it for data. A YAML file given may be a pack or waivers: not counted."""
    from jingpin_cli.records.load import DATA_SUFFIXES, OTHER_SPREADSHEETS, YAML_SUFFIXES

    out, read = resolved(output), DATA_SUFFIXES + OTHER_SPREADSHEETS
    readable = out.suffix.lower() in read
    warnings = []
    for given in inputs:
        given = resolved(Path(given))
        read_by_folder = given.is_dir() and given in out.parents and readable
        if out == given or (read_by_folder and out.exists()):  # an existing data file: it would be overwritten
            raise InputError([Problem("output_is_input", Location(str(output)))])
        if read_by_folder:  # a new one: read as data next run
            outside = given.parent / output.name
            raise InputError([Problem("output_in_data_folder", Location(str(output)),
                                      {"suffix": output.suffix, "folder": given.name, "outside": str(outside)})])
        table = given.suffix.lower() in read and given.suffix.lower() not in YAML_SUFFIXES
        if readable and table and given.parent == out.parent and given.is_file() and not warnings:
            warnings.append(Problem("output_beside_data", Location(str(output)),
                                    {"suffix": output.suffix, "folder": out.parent.name, "file": given.name},
                                    "warning"))
    return warnings


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, content: str | bytes | Iterable[str | bytes]) -> None:
    """Write all of `content` to a temp file beside `path`, then rename it into place.

    A failure part-way leaves any earlier file at `path` untouched and no partial report behind."""
    path = Path(path)
    refuse_special(path)
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise InputError([Problem("output_failed", Location(str(path)),
                                  {"detail": os_detail(exc)})]) from None
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp makes 0600; a report is shared like any new file
        with os.fdopen(fd, "wb") as fh:
            if isinstance(content, bytes):
                fh.write(content)
            elif isinstance(content, str):
                fh.write(content.encode("utf-8"))
            else:
                for chunk in content:  # str, or UTF-8 bytes a renderer built itself (formats/audit/json.py)
                    fh.write(chunk if isinstance(chunk, bytes) else chunk.encode("utf-8"))
        refuse_special(path)  # again: it may have become one while the report was being written
        os.replace(tmp, path)
    except BaseException as exc:
        Path(tmp).unlink(missing_ok=True)
        if isinstance(exc, OSError):
            raise InputError([Problem("output_failed", Location(str(path)),
                                      {"detail": os_detail(exc)})]) from None
        raise
