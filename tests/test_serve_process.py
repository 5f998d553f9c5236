"""`jingpin serve` as a real process: it prints its address, serves the sample, and removes every
session's workspace when it is stopped."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest

pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install '.[serve]'")

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


def first_line(process: subprocess.Popen, seconds: float) -> str:
    """The process's first line of output, or "" if none comes in time (no hanging test)."""
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(seconds)
    return line[0] if line else ""


def test_serve_prints_its_address_serves_a_page_and_cleans_up(tmp_path):
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    env.pop("JINGPIN_PASSWORD", None)
    process = subprocess.Popen([sys.executable, "-m", "jingpin_cli", "serve", "--no-browser", "--port", "0",
                                str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        line = first_line(process, 60)
        assert "http://127.0.0.1:" in line, line + process.stderr.read() if process.poll() is not None else line
        url = line[line.index("http://"):].split()[0]
        with urllib.request.urlopen(url + "overview", timeout=60) as response:
            page = response.read().decode("utf-8")
            assert response.headers["Content-Security-Policy"]
        assert "全区概览" in page and '<div class="v">75</div>' in page
        assert [p.name for p in tmp_path.iterdir() if p.name.startswith("jingpin-serve-")]  # the session's folder
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("jingpin-serve-")]  # removed on stop
