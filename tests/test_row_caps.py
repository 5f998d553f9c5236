"""Terminal views cap their rows (`--rows`, as `audit --rows` does) and say how to see the rest; a
file (-o x.txt) always gets every row; warnings on stderr stop after WARNINGS_SHOWN with a count."""

import csv
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.commands.common import WARNINGS_SHOWN, show_warnings
from jingpin_cli.errors import Location, Problem

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
BEFORE = ROOT / "tests" / "golden" / "input" / "社区排查摸底表.csv"
runner = CliRunner()


def run(*args, width: int = 200):
    return runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(width), "JINGPIN_LANG": "zh"})


def table_rows(output: str, column: int) -> list[str]:
    """A box table's cells in `column` (1 = first) of rows whose first cell is not blank."""
    cells = [[c.strip() for c in line.split("│")] for line in output.splitlines() if line.startswith("│")]
    return [c[column] for c in cells if c[1]]


@pytest.fixture()
def later(tmp_path):
    """The four golden communities a year later: every score moved (each community's service area
    set to 1 000 m², 500 m² or 0, so some gain and some lose)."""
    header, *rows = list(csv.reader(BEFORE.open(encoding="utf-8-sig")))
    col = header.index("服务用房总面积（㎡）")
    for i, r in enumerate(rows):
        r[col] = ["1000", "500", "0", "800"][i % 4]
    folder = tmp_path / "later"
    folder.mkdir()
    with open(folder / "表.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([header, *rows])
    return folder


def test_diff_terminal_shows_the_first_rows_and_says_how_to_see_all(later, tmp_path):
    full = run("diff", BEFORE.parent, later, "--rows", 0)
    assert full.exit_code == 0, full.output
    assert "未显示" not in full.output
    everyone = table_rows(full.output.split("各社区变化")[1], 2)  # the id column of the community table
    assert len(everyone) == 4
    shown = run("diff", BEFORE.parent, later, "--rows", 2)
    assert "仅显示得分变化从高到低的前 2 个社区，另有 2 个未显示（共 4 个）" in shown.output
    assert table_rows(shown.output.split("各社区变化")[1], 2) == everyone[:2]  # the same first rows, in order
    default = run("diff", BEFORE.parent, later)  # 4 communities fit under the default cap
    assert default.output == full.output
    assert run("diff", BEFORE.parent, later, "--rows", 2, "-o", tmp_path / "d.txt").exit_code == 0
    assert "未显示" not in (tmp_path / "d.txt").read_text(encoding="utf-8")  # a file has every row


def test_diff_rows_in_english():
    """The sample against the golden folder: 3 communities in both, 71 new ones (named up to --rows)."""
    out = " ".join(run("diff", BEFORE.parent, SAMPLE, "--rows", 1, "--lang", "en").output.split())
    assert "showing the first 1 communities by change of score, largest gain first; 2 more not shown (3 in all)" in out
    assert "New communities: 秋实社区 (130602001) 64.88 and 71 more (--rows 0 lists all)" in out


def test_survey_terminal_caps_communities():
    shown = run("survey", SAMPLE, "--rows", 3)
    assert shown.exit_code == 0, shown.output
    full = run("survey", SAMPLE, "--rows", 0)
    assert "未显示" not in full.output
    hidden = [line for line in shown.output.splitlines() if "仅显示前 3 个社区" in line]
    assert hidden and "全部显示用 --rows 0" in hidden[0]
    names = [c for c in table_rows(full.output, 1) if c]
    assert [c for c in table_rows(shown.output, 1) if c] == names[:3]  # the same first communities
    assert f"另有 {len(names) - 3} 个未显示（共 {len(names)} 个）" in hidden[0]


def test_check_human_lists_the_first_problems_then_counts(tmp_path):
    folder = tmp_path / "many"
    folder.mkdir()
    header, *rows = list(csv.reader(BEFORE.open(encoding="utf-8-sig")))
    bad = [list(rows[0]) for _ in range(5)]
    for i, r in enumerate(bad):  # five rows, each with a number that is not one
        r[0], r[header.index("服务用房总面积（㎡）")] = f"13060210{i}", "很大"
    with open(folder / "表.csv", "w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([header, *bad])
    full = run("check", folder, "--rows", 0)
    listed = run("check", folder, "--rows", 2)
    assert full.exit_code == listed.exit_code != 2
    n = sum("服务用房" in line for line in full.output.splitlines())
    assert n >= 5
    assert "仅列出前 2 个问题" in listed.output and "--rows 0" in listed.output
    assert full.output.splitlines()[-1] == listed.output.splitlines()[-1]  # the summary counts them all


def test_warnings_on_stderr_stop_after_a_screenful_with_a_count(capsys):
    problems = [Problem("survey_blank_row", Location("问卷.csv", None, i + 2), {}, "warning")
                for i in range(WARNINGS_SHOWN + 7)]
    show_warnings(problems, "zh")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == WARNINGS_SHOWN + 1
    assert lines[0] == "警告 " + problems[0].render("zh")  # the first ones as they always were
    assert lines[-1].startswith("另有 7 条警告未显示（共 37 条）") and "jingpin check" in lines[-1]
    show_warnings(problems[:3], "en")
    assert len(capsys.readouterr().err.splitlines()) == 3  # a few: all of them, no count


def test_screen_terminal_caps_the_ranking_the_stability_table_and_the_named_picks(tmp_path, monkeypatch):
    """A quota of thousands would print thousands of rows and names: --rows caps the ranking and the
    stability table, the picks' line names NAMES_SHOWN of them; a file lists them all."""
    from jingpin_cli.formats.screen import table

    default = run("screen", SAMPLE, "--top", "5", "--stability", "20")
    assert default.exit_code == 0, default.output
    ranking = table_rows(default.output.split("稳定性")[0], 1)  # the # column, near misses included
    capped = run("screen", SAMPLE, "--top", "5", "--stability", "20", "--rows", "3")
    assert "仅显示前 3 名，共 75 个社区" in capped.output
    assert table_rows(capped.output.split("差一点入选")[0], 1) == ["1", "2", "3"]
    assert len(table_rows(capped.output.split("稳定性")[1], 1)) == 3  # 5 picks + 5 others, cut at 3
    assert len(ranking) > 3
    monkeypatch.setattr(table, "NAMES_SHOWN", 2)  # the line of picks: 5 picks, 2 named
    named = run("screen", SAMPLE, "--top", "5")
    assert "入选 5 个：" in named.output and "等（完整名单用 -o 结果.xlsx 或 --format csv）" in named.output
    assert run("screen", SAMPLE, "--top", "5", "--rows", "3", "-o", tmp_path / "s.txt").exit_code == 0
    text = (tmp_path / "s.txt").read_text(encoding="utf-8")
    assert "仅显示前" not in text and "等（完整名单" not in text  # a file: every community, every name
