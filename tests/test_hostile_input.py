"""Broken and hostile input (tests/corpus/make_corpus.py) gives exit 2 and a message naming the
file and place, within bounded memory, never a traceback; and output never harms input."""

from __future__ import annotations

import csv
import io
import resource
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records

sys.path.insert(0, str(Path(__file__).resolve().parent / "corpus"))
from make_corpus import CASES, build  # noqa: E402

runner = CliRunner()
BY_NAME = {case.name: case for case in CASES}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return build(tmp_path_factory.mktemp("corpus"))


def cli(*args):
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    return result


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_bad_file_gives_its_code_and_place(corpus, standard, case):
    path = corpus[case.name]
    sheet = case.args[1] if case.args[:1] == ("--sheet",) else None
    with pytest.raises(InputError) as err:
        load_records(path, standard, sheet=sheet)
    found = [p for p in err.value.problems if p.code == case.code]
    assert found, [p.render("en") for p in err.value.problems]
    loc = found[0].location
    assert loc.file == str(path)
    for key, value in case.where.items():
        assert getattr(loc, key) == value, (key, loc)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_bad_file_exits_2_with_a_message_naming_it(corpus, case, lang):
    result = cli("audit", corpus[case.name], *case.args, "--lang", lang)
    assert result.exit_code == 2
    assert str(corpus[case.name]) in result.stderr
    assert result.stdout == ""


HOSTILE = ["zip_bomb.xlsx", "entity_bomb.xlsx", "huge_row.csv", "huge_file.csv", "alias_bomb.yaml",
           "deep_flow.yaml", "deep_block.yaml", "huge.yaml"]


def _one_gib():
    resource.setrlimit(resource.RLIMIT_AS, (2**30, 2**30))


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_file_is_refused_within_one_gib(corpus, name):
    """A real process under a 1 GiB address-space limit: a bomb that expanded would die of
    MemoryError (a traceback, or another exit code). The timeout only guards against a hang."""
    done = subprocess.run([sys.executable, "-m", "jingpin_cli", "audit", str(corpus[name]), "--lang", "en"],
                          capture_output=True, text=True, timeout=300, preexec_fn=_one_gib)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr and str(corpus[name]) in done.stderr


def test_external_entities_are_not_resolved(corpus, standard):
    with pytest.raises(InputError) as err:
        load_records(corpus["external_entity.xlsx"], standard)
    assert "root:" not in err.value.render("en")


# ---- output safety ---------------------------------------------------------------------------

HEADER = "社区编码,社区名称,所属街道,服务用房总面积\n"


def test_no_report_and_no_temp_file_after_an_error(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text(HEADER + "A1,甲社区,东街道,abc\n", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    for name in ("report.json", "report.csv", "report.md", "report.html", "report.xlsx"):
        result = cli("audit", data, "-o", out / name)
        assert result.exit_code == 2 and "abc" in result.stderr
    assert list(out.iterdir()) == [], "neither a report nor a temp file is left behind"


def test_an_earlier_report_survives_a_failed_run(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    report = tmp_path / "report.json"
    assert cli("audit", data, "-o", report).exit_code in (0, 1)
    before = report.read_bytes()
    (data / "a.csv").write_text(HEADER + "A1,甲社区,东街道,abc\n", encoding="utf-8")
    assert cli("audit", data, "-o", report).exit_code == 2
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.json"]


@pytest.mark.parametrize("target", ["a.csv", "b.xlsx"])
def test_output_over_an_input_is_refused_and_the_input_is_unchanged(tmp_path, target):
    (tmp_path / "a.csv").write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    book = openpyxl.Workbook()
    book.active.append(["社区编码", "社区名称"])
    book.active.append(["B1", "乙社区"])
    book.save(tmp_path / "b.xlsx")
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    for source in (tmp_path, tmp_path / target):  # the folder, or the file itself
        result = cli("audit", source, "-o", tmp_path / target, "--format", "csv")
        assert result.exit_code == 2
        assert str(tmp_path / target) in result.stderr
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before


HOSTILE_TEXT = ["=HYPERLINK(\"http://example.com\",\"点我\")", "+1+1", "-2+3", "@SUM(A1)"]


def _hostile_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    rows = [["A1", HOSTILE_TEXT[0], HOSTILE_TEXT[1]], ["A2", "<script>alert('x')</script>社区", HOSTILE_TEXT[2]],
            ["A3", "乙&丙社区", HOSTILE_TEXT[3]]]
    out = io.StringIO()
    csv.writer(out).writerows([["社区编码", "社区名称", "所属街道"], *rows])
    (data / "a.csv").write_text(out.getvalue(), encoding="utf-8")
    return data


def test_csv_export_neutralises_formulas(tmp_path):
    data = _hostile_data(tmp_path)
    assert cli("audit", data, "-o", tmp_path / "r.csv").exit_code in (0, 1)
    cells = [c for row in csv.reader(io.StringIO((tmp_path / "r.csv").read_text(encoding="utf-8-sig"))) for c in row]
    for text in HOSTILE_TEXT:
        assert text not in cells and "'" + text in cells


def test_xlsx_export_holds_no_formula(tmp_path):
    data = _hostile_data(tmp_path)
    assert cli("audit", data, "-o", tmp_path / "r.xlsx").exit_code in (0, 1)
    book = openpyxl.load_workbook(tmp_path / "r.xlsx")
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    assert "'" + HOSTILE_TEXT[0] in {c.value for c in cells}


def test_html_escapes_user_text(tmp_path):
    data = _hostile_data(tmp_path)
    assert cli("audit", data, "-o", tmp_path / "r.html").exit_code in (0, 1)
    html = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in html
    assert "&lt;script&gt;alert(" in html and "乙&amp;丙社区" in html


def test_a_write_that_fails_part_way_leaves_nothing(tmp_path):
    from jingpin_cli.commands.output import write_atomic

    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")

    def chunks():
        yield "{"
        raise RuntimeError("renderer failed half way")

    with pytest.raises(RuntimeError):
        write_atomic(target, chunks())
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_disk_that_fills_up_part_way_stops_the_report_and_leaves_nothing(tmp_path, monkeypatch):
    """A streamed report (JSON, CSV) is written chunk by chunk: a failed write must stop the renderer,
    surface as output_failed (exit 2) and leave the old file alone."""
    import errno
    import os

    from jingpin_cli.commands.output import write_atomic
    from jingpin_cli.errors import InputError

    target = tmp_path / "r.json"
    target.write_text("old", encoding="utf-8")
    real_fdopen, made = os.fdopen, []

    class FillsUp:
        def __init__(self, fh):
            self.fh, self.written = fh, 0

        def write(self, data):
            self.written += 1
            if self.written > 3:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.fh.write(data)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            return self.fh.__exit__(*exc)

    def chunks():
        for i in range(10_000):
            made.append(i)
            yield b"x" * 1000 if i % 2 else "甲" * 1000

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: FillsUp(real_fdopen(fd, mode)))
    with pytest.raises(InputError) as failed:
        write_atomic(target, chunks())
    assert [p.code for p in failed.value.problems] == ["output_failed"]
    assert len(made) < 100  # the renderer was stopped, not run to the end
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.json"]


def test_a_damaged_old_spreadsheet_in_the_folder_is_reported_not_skipped(tmp_path):
    (tmp_path / "a.csv").write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    (tmp_path / "去年.xls").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    result = cli("audit", tmp_path, "--lang", "en")
    assert result.exit_code == 2
    assert "去年.xls" in result.stderr and "bad_xlsx" not in result.stdout


def test_every_input_problem_code_has_messages_and_is_in_the_readme():
    import re

    from jingpin_cli.text.messages import MESSAGES

    root = Path(__file__).resolve().parent.parent
    sources = ["records/csv_text.py", "records/xlsx_sheets.py", "records/tables.py", "records/limits.py",
               "records/header_band.py", "safe_yaml.py", "files.py", "results/diff/report_json.py",
               "records/calamine_sheets.py", "records/workbook.py", "records/ids.py", "records/yaml_records.py"]
    codes = {c for s in sources
             for c in re.findall(r'Problem\("([a-z_]+)"', (root / "src/jingpin_cli" / s).read_text("utf-8"))}
    assert len(codes) > 20
    readme = (root / "README.md").read_text("utf-8")
    section = readme[readme.index("### Accepted input, limits and error messages"):]
    section = section[:section.index("\n### ", 5)]
    for code in sorted(codes):
        assert f"problem.{code}" in MESSAGES, code
        assert f"`{code}`" in section, code
