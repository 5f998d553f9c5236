"""The loading progress bar: on stderr, only for a terminal or when asked, never in piped output."""

from pathlib import Path

from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.records.progress import progress, wanted

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


def test_asked_for_or_not(monkeypatch):
    monkeypatch.setenv("JINGPIN_PROGRESS", "1")
    assert wanted(3)
    monkeypatch.setenv("JINGPIN_PROGRESS", "0")
    assert not wanted(10_000)
    monkeypatch.delenv("JINGPIN_PROGRESS")
    assert not wanted(10_000)  # pytest's stderr is not a terminal
    assert progress([1, 2], "x") == [1, 2]


def test_the_bar_goes_to_stderr_and_the_report_is_unchanged(monkeypatch):
    runner = CliRunner()
    plain = runner.invoke(app, ["audit", str(SAMPLE), "--format", "csv"])
    monkeypatch.setenv("JINGPIN_PROGRESS", "1")
    shown = runner.invoke(app, ["audit", str(SAMPLE), "--format", "csv"])
    assert shown.exit_code == plain.exit_code == 0
    assert shown.stdout == plain.stdout
    assert "reading data files" in shown.stderr and "reading data files" not in plain.stderr
