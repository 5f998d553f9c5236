"""Starting `jingpin serve` as a real process in tests: its first line of output carries the address."""

from __future__ import annotations

import subprocess
import threading


def first_line(process: subprocess.Popen, seconds: float) -> str:
    """The process's first line of output, or "" if none comes in time (no hanging test)."""
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return line[0] if line else ""
