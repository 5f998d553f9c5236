"""formats.kit.boxtable: the terminal tables drawn without rich's Table layout. Same text as rich's Table
where that fits the terminal; never wider than the terminal; colours only on a colour console; user
text never read as markup."""

import io
import re
from collections import Counter
from pathlib import Path

import pytest
from rich.cells import cell_len
from rich.console import Console
from rich.table import Table
from rich.text import Text
from screen_data import community, write_folder

from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import table as terminal
from jingpin_cli.formats.kit.boxtable import BoxTable, Column
from jingpin_cli.formats.screen import table as screen_table
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.near_miss import near_misses
from jingpin_cli.results.screen.picking import screen
from jingpin_cli.results.screen.record import Screened

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"
GAPS = "矛盾纠纷调处成功率 90.6%，标准 ≥ 95%，差 4.4 个百分点；群众参与度 88.41%，标准 ≥ 90%，差 1.59 个百分点"
FOLD = "未达三有一化有人管事有场所议事制度化" * 4  # no spaces: folds at the column width
ROWS = [["1", "电院社区", "103.1", Text("✓", "green"), GAPS],
        ["2", "[党建]社区", "98.0", Text("✗", "red"), "六室缺：图书和电子阅览室"],
        ["10", "[bold]new[/bold] one", "7.5", Text("✓", "green"), ""],
        ["11", "东湖社区", "7.0", Text("✗", "red"), FOLD]]
COLUMNS = [Column("#", "right"), Column("社区"), Column("总分", "right"), Column("可评选", "right"),
           Column("主要差距", wrap=True, min_width=16)]


def show(renderable, width: int, colour: bool = False) -> str:
    buf = io.StringIO()
    Console(file=buf, width=width, color_system="standard" if colour else None, force_terminal=colour,
            legacy_windows=False).print(renderable)
    return buf.getvalue()


def box_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line[:1] in "┏┃┡│└"]


def rich_district(rows=ROWS) -> Table:
    """The same table as the district view used to build it with rich."""
    table = Table(title="新市区党建精品社区创建标准", header_style="bold", pad_edge=False)
    for c in COLUMNS[:-1]:
        table.add_column(c.header, justify=c.justify, no_wrap=True)
    table.add_column("主要差距", overflow="fold", min_width=16, ratio=1)
    for r in rows:
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in r))
    return table


@pytest.mark.parametrize("width", [64, 80, 120, 160, 200])
def test_same_text_as_richs_table_where_it_fits(width):
    ours = show(BoxTable(COLUMNS, ROWS, title="新市区党建精品社区创建标准"), width)
    assert ours == show(rich_district(), width)
    assert "┏━━━┳" in ours and "┡━━━╇" in ours and "└───┴" in ours  # HEAVY_HEAD; "#": 2 wide, padded right only


@pytest.mark.parametrize("width", [50, 70, 100, 140])
def test_several_wrapping_columns_share_the_width_as_rich_does(width):
    """The near-miss table: three columns that wrap, long headers (rich puts them at the bottom)."""
    heads = ["#", "社区", "总分", "未入选原因", "补齐以下差距可入选"]
    rows = [[str(i), name, "9.5", GAPS[:30 + 7 * i], Text(GAPS[i:], "yellow")]
            for i, name in enumerate(["电院社区", "新一代社区", "x"])]
    table = Table(header_style="bold", pad_edge=False)
    for h in heads:
        table.add_column(h, overflow="fold", no_wrap=h in ("#", "总分"))
    for r in rows:
        table.add_row(*(c if isinstance(c, Text) else Text(c) for c in r))
    ours = BoxTable([Column(h, wrap=h not in ("#", "总分")) for h in heads], rows)
    assert show(ours, width) == show(table, width)
    assert show(ours, width, colour=True) != show(ours, width)


@pytest.mark.parametrize("width", [24, 30, 40, 52, 60, 80, 120, 200])
def test_every_line_is_as_wide_as_the_table_and_no_wider_than_the_terminal(width):
    lines = box_lines(show(BoxTable(COLUMNS, ROWS), width))
    widths = {cell_len(line) for line in lines}
    assert len(widths) == 1 and widths.pop() <= width
    rule = next(line for line in lines if line.startswith("┡"))
    columns = [cell_len(rule[:i]) for i, ch in enumerate(rule) if ch in "┡╇┩"]
    assert len(columns) == len(COLUMNS) + 1
    for line in lines[1:-1]:  # the borders between columns line up on every line
        assert [cell_len(line[:i]) for i, ch in enumerate(line) if ch in "┃│┡╇┩"] == columns


def gap_column(output: str) -> list[str]:
    return [line.split("│")[-2] for line in box_lines(output) if line.startswith("│")]


@pytest.mark.parametrize("width", [40, 60, 80])
def test_long_chinese_text_folds_at_the_display_width(width):
    cells = gap_column(show(BoxTable(COLUMNS, ROWS[3:]), width))
    assert len(cells) > 2
    assert "".join(c.strip() for c in cells) == FOLD  # nothing lost, nothing cut in half
    assert len({cell_len(c) for c in cells}) == 1
    assert all(cell_len(c.strip()) >= cell_len(cells[0]) - 3 for c in cells[:-1])  # lines filled (1 pad, 1 spare cell)


def test_colours_on_a_colour_console_and_none_in_plain_output():
    table = BoxTable(COLUMNS, ROWS, title="标题")
    colour, plain = show(table, 100, colour=True), show(table, 100)
    assert "\x1b[32m✓" in colour and "\x1b[31m✗" in colour  # green and red marks
    head = next(line for line in colour.splitlines() if "社区" in line)
    assert head.count("\x1b[1m") == len(COLUMNS)  # bold header cells
    assert "\x1b[3m" in colour  # italic title, as rich's table.title
    assert "\x1b" not in plain and "✓" in plain and "标题" in plain
    assert re.sub("\x1b\\[[0-9;]*m", "", colour) == plain  # the colours are all the difference


def test_user_text_that_looks_like_markup_is_shown_as_typed():
    out = show(BoxTable(COLUMNS, ROWS), 100)
    assert "[党建]社区" in out and "[bold]new[/bold] one" in out


def test_markup_looking_community_names_in_the_audit_and_screen_views(standard, tmp_path):
    rows = [community(standard, "A", "[党建]甲社区"), community(standard, "B", "[bold]乙[/bold]社区", camera=False),
            community(standard, "C", "[red]丙社区", police_room=False)]
    report = audit(standard, write_folder(standard, tmp_path / "data", rows))
    out = show(terminal.district(report, width=120), 120, colour=True)
    assert "[党建]甲社区" in out and "[bold]乙[/bold]社区" in out and "[red]丙社区" in out
    picked = screen(report, 1)
    out = show(screen_table.view(Screened(picked, near_misses(picked)), Options("zh", width=120)), 120, colour=True)
    assert "[党建]甲社区" in out and "[bold]乙[/bold]社区" in out and "[red]丙社区" in out


@pytest.mark.parametrize("width", [24, 30, 40])
def test_a_narrow_terminal_gets_a_narrower_table_with_nothing_cut_off(width):
    out = show(BoxTable(COLUMNS, ROWS), width)
    assert max(cell_len(line) for line in out.splitlines()) <= width
    assert "".join(c.strip() for c in gap_column(show(BoxTable(COLUMNS, ROWS[3:]), width))) == FOLD
    assert "…" not in out


@pytest.mark.parametrize("width", [8, 12, 20])
def test_a_terminal_too_narrow_for_any_table_still_shows_everything(width):
    out = show(BoxTable(COLUMNS, ROWS, title="标题"), width)
    assert max(cell_len(line) for line in out.splitlines()) <= width  # the lines wrap
    shown = Counter(out)
    for text in ["标题", *(c.header for c in COLUMNS), *(str(cell) for row in ROWS for cell in row)]:
        assert Counter(text.replace(" ", "")) <= shown  # every character is there, none cut off


def test_no_rows_is_a_header_only_table():
    assert box_lines(show(BoxTable(COLUMNS, []), 80))[-1].startswith("└")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_district_leaves_out_the_aspects_where_they_would_squeeze_the_gaps_off_the_screen(standard, lang):
    report = audit(standard, SAMPLE)
    aspect = "组织建设/25" if lang == "zh" else "Services/30"
    for width, with_aspects in ((120, False), (160, False), (200, True)):
        out = show(terminal.district(report, lang, width=width, limit=10), width)
        assert (aspect in out) == with_aspects
        assert max(cell_len(line) for line in out.splitlines()) <= width
        assert "…" not in out
        assert cell_len(gap_column(out)[0]) >= 17  # the gaps column keeps its minimum (16 + padding)


def test_district_gaps_built_all_at_once_for_many_rows_read_the_same(standard, monkeypatch):
    report = audit(standard, SAMPLE)
    views = [(lang, width, limit) for lang in ("zh", "en") for width, limit in ((200, 0), (100, 20))]
    one_by_one = [show(terminal.district(report, lang, width=width, limit=limit), width)
                  for lang, width, limit in views]
    monkeypatch.setattr(terminal, "MANY_ROWS", 10)  # the path of -o FILE.txt at 100 000 communities
    assert [show(terminal.district(report, lang, width=width, limit=limit), width)
            for lang, width, limit in views] == one_by_one
