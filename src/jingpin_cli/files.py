"""Only regular files are read. What a path is, found with stat alone, before anything opens it:
opening a FIFO for reading blocks until a writer comes (for ever), and a device such as /dev/zero
never ends, so its size (0) bounds nothing. Every reader (YAML, CSV, XLSX, JSON reports) asks here
first, and `-o` asks too (with links not followed: writing through a link is refused)."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from jingpin_cli.errors import InputError, Location, Problem, os_detail
from jingpin_cli.text.messages import Worded

# what a path that is not a regular file is, as problem.not_regular_file says it (path.<kind>)
FIFO, DEVICE, SOCKET, FOLDER, BROKEN_LINK, LINK_LOOP, LINK, OTHER = (
    "fifo", "device", "socket", "folder", "broken_link", "link_loop", "link", "other")


def special_kind(path: str | Path, follow_links: bool = True) -> str | None:
    """What `path` is when it is not a regular file (one of the kinds above); None for a regular
    file, and for a path that does not exist at all or cannot be looked at (the reader then says
    not_found or unreadable). Links are followed unless `follow_links` is False; then a link is LINK."""
    try:
        mode = os.stat(path).st_mode if follow_links else os.lstat(path).st_mode
    except FileNotFoundError:
        return BROKEN_LINK if follow_links and os.path.islink(path) else None
    except OSError as exc:
        return LINK_LOOP if exc.errno == errno.ELOOP else None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISLNK(mode):
        return LINK
    if stat.S_ISFIFO(mode):
        return FIFO
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return DEVICE
    if stat.S_ISDIR(mode):
        return FOLDER
    return SOCKET if stat.S_ISSOCK(mode) else OTHER


def exists_or_link(path: str | Path) -> bool:
    """True for a path that exists, and for a link that leads nowhere (broken, or a loop): that is
    not “no such file” but a link to name as such."""
    return Path(path).exists() or os.path.islink(path)


def not_regular(path: str | Path, what: str, name: str | None = None) -> Problem:
    target = os.readlink(path) if what == BROKEN_LINK else ""
    return Problem("not_regular_file", Location(name or str(path)), {"what": Worded.message(f"path.{what}",
                                                                                           target=target)})


def refuse_special(path: str | Path, name: str | None = None) -> None:
    """InputError (not_regular_file, saying what the path is) unless `path` is a regular file or
    does not exist; nothing is opened."""
    what = special_kind(path)
    if what is not None:
        raise InputError([not_regular(path, what, name)])


def regular_file_size(path: str | Path, limit: int, name: str | None = None) -> int:
    """The size of a regular file, checked against `limit` before anything is read: InputError
    not_regular_file, too_large or unreadable otherwise."""
    name = name or str(path)
    refuse_special(path, name)
    try:
        size = os.stat(path).st_size
    except OSError as exc:
        raise InputError([Problem("unreadable", Location(name), {"detail": os_detail(exc)})]) from None
    if size > limit:
        raise InputError([Problem("too_large", Location(name), {"size": mib(size), "limit": mib(limit)})])
    return size


def mib(size: int) -> str:
    return f"{size / 2**20:.1f} MiB"


def resolved(path: str | Path) -> Path:
    """The absolute path with links followed, as Path.resolve() gives it, except that a link loop
    resolves as far as it goes instead of raising RuntimeError (a loop is then named by its reader)."""
    return Path(os.path.realpath(path))
