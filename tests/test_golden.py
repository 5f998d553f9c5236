"""Golden files: `jingpin audit` as Markdown and CSV, byte for byte, on a small crafted folder.

The input (tests/golden/input/) holds four communities: a strong one, one with blank cells, a
vetoed one and one whose name and street are hostile (a spreadsheet formula, HTML, a pipe).
After an intended change to the output, regenerate and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py
    git diff tests/golden/
"""

import difflib
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app

GOLDEN = Path(__file__).resolve().parent / "golden"
INPUT = GOLDEN / "input"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"


@pytest.mark.parametrize(
    "fmt, lang, name",
    [("md", "zh", "audit.md"), ("md", "en", "audit.en.md"), ("csv", "zh", "audit.csv"), ("csv", "en", "audit.en.csv")],
)
def test_audit_output_matches_the_golden_file(tmp_path, fmt, lang, name):
    out = tmp_path / name
    result = CliRunner().invoke(app, ["audit", str(INPUT), "--format", fmt, "--lang", lang, "-o", str(out)])
    assert result.exit_code == 0, result.output
    got = out.read_bytes()
    golden = GOLDEN / name
    if UPDATE:
        golden.write_bytes(got)
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py"
    want = golden.read_bytes()
    if got != want:
        diff = difflib.unified_diff(want.decode("utf-8").splitlines(), got.decode("utf-8").splitlines(),
                                    f"golden/{name}", "now", lineterm="", n=1)
        pytest.fail("output differs from the golden file (UPDATE_GOLDEN=1 to accept):\n" + "\n".join(list(diff)[:60]))


def test_golden_csv_keeps_excel_conventions_and_neutralises_formulas():
    """What the goldens pin down, said out loud: BOM, CRLF, and the hostile name kept as text."""
    data = (GOLDEN / "audit.csv").read_bytes()
    assert data.startswith("\ufeff".encode("utf-8")) and b"\r\n" in data
    text = data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text and '"=HYPERLINK' not in text
