"""LibreOffice for the tests that print a report: found with the part that reads the file, or the test
skipped saying what is missing (CI installs it: .ci/run), and a file converted to PDF."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

# the library of each LibreOffice part, by platform: soffice alone may lack the one a file needs
PARTS = {"Writer": ("libswlo.so", "swlo.dll", "libswlo.dylib"), "Calc": ("libsclo.so", "sclo.dll", "libsclo.dylib")}


def soffice_with(part: str) -> str:
    """soffice, when LibreOffice and its `part` ("Writer" for .docx, "Calc" for .xlsx) are installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("not installed: LibreOffice (soffice) (CI installs it: .ci/run)")
    program = Path(soffice).resolve().parent
    if not any((program / name).exists() for name in PARTS[part]):
        pytest.skip(f"LibreOffice {part} not installed (soffice cannot read the file without it)")
    return soffice


def to_pdf(soffice: str, path: Path, folder: Path, timeout: int = 600) -> Path:
    """`path` converted to PDF in `folder`, with a profile of its own: another soffice running must
    not hold this one up."""
    subprocess.run([soffice, f"-env:UserInstallation=file://{folder / 'profile'}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(folder), str(path)], check=True, capture_output=True, timeout=timeout,
                   env={**os.environ, "HOME": str(folder)})
    return folder / path.with_suffix(".pdf").name
