"""`jingpin serve` as a real process: it prints its address, serves the sample, and removes every
session's workspace when it is stopped."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest
from serving import first_line

pytest.importorskip("uvicorn", reason="the serve extra is not installed: pip install '.[serve]'")

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


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


PAGES = ("data", "overview", "ranking", "community?q=新一代社区", "screen?top=5&pilot=1", "download",
         "overview?lang=en")


@pytest.mark.skipif(shutil.which("chromium") is None, reason="no chromium on this machine (apt-get install chromium)")
def test_a_real_browser_renders_every_page_and_saves_screenshots(tmp_path):
    """Chromium (headless) opens each page of a real server; the screenshots are kept under the test's
    temp folder (screenshots/*.png) for a person to look at. Chromium's own profile is a fresh folder."""
    env = {**os.environ, "TMPDIR": str(tmp_path), "PYTHONPATH": str(Path(__file__).parent.parent / "src")}
    env.pop("JINGPIN_PASSWORD", None)
    process = subprocess.Popen([sys.executable, "-m", "jingpin_cli", "serve", "--no-browser", "--port", "0",
                                str(SAMPLE)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    shots = tmp_path / "screenshots"
    shots.mkdir()
    try:
        line = first_line(process, 60)
        url = line[line.index("http://"):].split()[0]
        for n, page in enumerate(PAGES):
            target = shots / f"{n}-{page.split('?')[0]}.png"
            subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                            f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1280,1600",
                            f"--screenshot={target}", url + page],
                           capture_output=True, timeout=120, check=False)
            assert target.is_file() and target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", page
            assert target.stat().st_size > 10_000, page  # a page with content, not a blank or error screen
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
