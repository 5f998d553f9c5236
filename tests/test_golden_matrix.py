"""Golden files of every command × format, on the shipped sample and on messy fixtures.

Captured before the one-map redesign (issue 15) so that moving code can be shown to change no
output: each case records the exit code, stdout, stderr and the file written, with paths replaced
by placeholders. A workbook is recorded as the XML of its parts (less docProps/core.xml, which
holds the time it was written).

Fixtures (all synthetic): tests/golden/input (four crafted communities), tests/golden/messy (a
workbook with title, two-row header, merged cells and note rows, plus a YAML record with hostile
text), tests/golden/before (tests/golden/input a year earlier: areas 60 ㎡ and books 300 smaller,
a veto, one community since merged away), tests/golden/waivers.yaml.

After an intended change of output, regenerate and review the diff:

    UPDATE_GOLDEN=1 python -m pytest tests/test_golden_matrix.py
    git diff tests/golden/matrix/
"""

from __future__ import annotations

import difflib
import io
import os
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app

TESTS = Path(__file__).resolve().parent
ROOT = TESTS.parent
GOLDEN = TESTS / "golden"
MATRIX = GOLDEN / "matrix"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"

SAMPLE = "data/xinshi-2011"
INPUT = "tests/golden/input"
MESSY = "tests/golden/messy"
BEFORE = "tests/golden/before"
WAIVERS = "tests/golden/waivers.yaml"
BAD = "tests/bad_files"

# name: (arguments, output suffix or None for the terminal). {out} is the file written.
CASES: dict[str, tuple[list[str], str | None]] = {}


def case(name: str, args: list[str], suffix: str | None = None) -> None:
    CASES[name] = (args, suffix)


for folder, tag in ((SAMPLE, "sample"), (INPUT, "input"), (MESSY, "messy")):
    extra = ["--waivers", WAIVERS] if tag == "messy" else []
    for lang in ("zh", "en"):
        case(f"audit-{tag}-table-{lang}", ["audit", folder, "--lang", lang, *extra])
        for fmt in ("json", "csv", "md", "html", "xlsx"):
            case(f"audit-{tag}-{fmt}-{lang}", ["audit", folder, "--lang", lang, *extra, "-o", "{out}"], fmt)
    case(f"screen-{tag}-table", ["screen", folder, "--top", "3", "--pilot", *extra])
    case(f"screen-{tag}-table-en", ["screen", folder, "--top", "3", "--pilot", "--lang", "en", *extra])
    for fmt in ("json", "csv", "xlsx"):
        case(f"screen-{tag}-{fmt}", ["screen", folder, "--top", "3", "--pilot", *extra, "-o", "{out}"], fmt)
    for fmt in ("human", "github", "junit", "sarif", "json"):
        case(f"check-{tag}-{fmt}", ["check", folder, "--format", fmt, "--require-eligible", "新一代社区", *extra])
    case(f"check-{tag}-human-en", ["check", folder, "--lang", "en", "--fail-under", "60", *extra])

case("check-sample-not-eligible",
     ["check", SAMPLE, "--require-eligible", "纺机社区", "--require-eligible", "130602050"])
case("check-sample-not-eligible-en", ["check", SAMPLE, "--lang", "en", "--require-eligible", "纺机社区"])
case("audit-sample-community", ["audit", SAMPLE, "--community", "新一代"])
case("audit-sample-community-en", ["audit", SAMPLE, "--community", "纺机社区", "--lang", "en"])
case("audit-sample-community-json", ["audit", SAMPLE, "--community", "纺机社区", "--format", "json"])
case("audit-sample-strict", ["audit", SAMPLE, "--strict", "--fail-under", "80", "--rows", "5"])
case("screen-sample-street", ["screen", SAMPLE, "--top", "5", "--per-street", "1", "--stability", "5"])
case("screen-sample-street-json", ["screen", SAMPLE, "--top", "5", "--per-street", "1", "--stability", "5",
                                   "--include", "纺机社区", "--exclude", "新一代社区", "--format", "json"])
for fmt in ("table", "json"):
    case(f"check-bad-{fmt}", ["check", BAD, "--format", "human" if fmt == "table" else "json"])
    case(f"audit-bad-{fmt}", ["audit", f"{BAD}/bad_number.csv", "--format", fmt])
for lang in ("zh", "en"):
    case(f"survey-sample-table-{lang}", ["survey", SAMPLE, "--lang", lang])
    for fmt in ("json", "csv", "xlsx"):
        case(f"survey-sample-{fmt}-{lang}", ["survey", SAMPLE, "--lang", lang, "-o", "{out}"], fmt)
    case(f"diff-table-{lang}", ["diff", BEFORE, INPUT, "--lang", lang])
    for fmt in ("json", "md", "html"):
        case(f"diff-{fmt}-{lang}", ["diff", BEFORE, INPUT, "--lang", lang, "-o", "{out}"], fmt)
    case(f"template-xlsx-{lang}", ["template", "--lang", lang, "--rows", "20", "-o", "{out}"], "xlsx")
    case(f"template-yaml-{lang}", ["template", "--lang", lang, "-o", "{out}"], "yaml")
# Word: the document's text and layout (word/document.xml, the footer, the font table); the file's
# date comes from SOURCE_DATE_EPOCH (run_case), so the same input gives the same document
case("audit-input-docx", ["audit", INPUT, "-o", "{out}"], "docx")
case("screen-input-docx", ["screen", INPUT, "--top", "3", "--pilot", "-o", "{out}"], "docx")
case("diff-docx", ["diff", BEFORE, INPUT, "-o", "{out}"], "docx")
case("template-self-check", ["template", "--self-check", "--rows", "5", "-o", "{out}"], "xlsx")
for sub in (["list"], ["show", "svc.service_area"], ["show", "svc.rooms", "--lang", "en"], ["fields"],
            ["kinds"], ["schema"], ["validate"], ["validate", "standards/strict-2013"],
            ["validate", f"{BAD}/standard_points.yaml"], ["list", "--standard", "standards/strict-2013"]):
    case("standards-" + "-".join(s.replace("/", "_").replace(".", "_") for s in sub), ["standards", *sub])


def workbook_text(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        names = sorted(n for n in book.namelist() if n != "docProps/core.xml")
        # canonical XML (C14N 2.0): openpyxl writes `<a />` through the standard library and `<a/>` through
        # lxml (installed with python-docx), the same workbook either way
        return "\n".join(f"=== {n}\n{ET.canonicalize(book.read(n).decode('utf-8'))}" for n in names)


DOCX_PARTS = ("docProps/core.xml", "word/document.xml", "word/footer1.xml", "word/fontTable.xml")


def document_text(data: bytes) -> str:
    """A Word file as the XML of the parts it writes (the styles are python-docx's template, much
    changed in bulk), one paragraph or table row a line so that a change reads as a short diff."""
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return "\n".join(f"=== {n}\n" + book.read(n).decode("utf-8").replace("</w:p>", "</w:p>\n")
                         .replace("</w:tr>", "</w:tr>\n") for n in DOCX_PARTS)


def run_case(name: str, tmp_path: Path) -> str:
    args, suffix = CASES[name]
    out = tmp_path / f"out.{suffix}" if suffix else None
    argv = [str(out) if a == "{out}" else a for a in args]
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        env = {"COLUMNS": "160", "NO_COLOR": "1", "SOURCE_DATE_EPOCH": "1304467200"}  # a Word file's date: 2011-05-04
        result = CliRunner().invoke(app, argv, env=env)
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    parts = [f"exit {result.exit_code}", "--- stdout", result.stdout, "--- stderr", result.stderr]
    if out is not None and out.exists():
        data = out.read_bytes()
        text = {"xlsx": workbook_text, "docx": document_text}.get(suffix, lambda d: d.decode("utf-8"))(data)
        parts += ["--- file", text]
    return "\n".join(parts).replace(str(tmp_path), "<tmp>").replace(str(ROOT), "<root>")


@pytest.mark.parametrize("name", sorted(CASES))
def test_output_matches_the_golden_file(name, tmp_path):
    got = run_case(name, tmp_path)
    golden = MATRIX / f"{name}.txt"
    if UPDATE:
        golden.parent.mkdir(exist_ok=True)
        golden.write_bytes(got.encode("utf-8"))
    assert golden.exists(), f"no golden file {golden.name}: run UPDATE_GOLDEN=1 python -m pytest {__file__}"
    want = golden.read_bytes().decode("utf-8")  # bytes: CSV keeps its \r\n
    if got != want:
        diff = "\n".join(difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", "now", lineterm="", n=2))
        pytest.fail(f"{name} differs from its golden file:\n{diff[:6000]}")
