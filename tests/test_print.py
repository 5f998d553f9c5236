"""Reports that print: the workbooks' page setup, order, wrapping, percent cells and 说明 sheet (read back
with openpyxl), and the printed result itself — the HTML report printed to PDF by headless Chromium,
the workbook converted by LibreOffice — counted and read page by page with poppler's pdfinfo and
pdftotext. Each rendering test skips, saying why, where its tool is not installed (.ci/run installs
them in CI)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from libreoffice import soffice_with, to_pdf
from typer.testing import CliRunner

from jingpin_cli import __version__
from jingpin_cli.cli import app
from jingpin_cli.formats.kit import docx_kit
from jingpin_cli.formats.kit.dates import report_date

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
INPUT = ROOT / "tests" / "golden" / "input"
BEFORE = ROOT / "tests" / "golden" / "before"
EPOCH = "1304467200"  # 2011-05-04, the day the standard was issued
A4 = (595.3, 841.9)  # points
SAMPLE_COMMUNITIES = 75


def write(args: list[str], out: Path) -> Path:
    result = CliRunner().invoke(app, [*args, "-o", str(out)], env={"SOURCE_DATE_EPOCH": EPOCH})
    assert result.exit_code in (0, 1), result.output
    return out


@pytest.fixture(scope="module")
def books(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("books")
    return {
        "audit": write(["audit", str(SAMPLE)], tmp / "audit.xlsx"),
        "screen": write(["screen", str(SAMPLE), "--top", "5", "--pilot", "--stability", "5"], tmp / "screen.xlsx"),
        "survey": write(["survey", str(SAMPLE)], tmp / "survey.xlsx"),
        "diff": write(["diff", str(BEFORE), str(INPUT)], tmp / "diff.xlsx"),
    }


# ---- the workbooks, read back ---------------------------------------------------------------------

@pytest.mark.parametrize("kind", ["audit", "screen", "survey", "diff"])
def test_every_sheet_prints_landscape_a4_one_page_wide_with_its_header_repeated(books, kind):
    book = openpyxl.load_workbook(books[kind])
    assert book.sheetnames[-1] == "说明"  # last: the file opens on the results
    for ws in book:
        setup = ws.page_setup
        paper = 8 if (kind, ws.title) == ("audit", "汇总") else 9  # 8: A3, for the 22 columns of 汇总; 9: A4
        assert (setup.orientation, setup.paperSize) == ("landscape", paper), ws.title
        assert (setup.fitToWidth, setup.fitToHeight) == (1, 0), ws.title  # one page wide, as long as it takes
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.print_title_rows == "$1:$1", ws.title
        assert ws.freeze_panes is not None, ws.title
        assert ws.oddFooter.center.text == "&P / &N", ws.title


def test_the_summary_is_in_rank_order(books):
    ws = openpyxl.load_workbook(books["audit"])["汇总"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    ranks, scores = [r[0] for r in rows], [r[4] for r in rows]
    assert len(rows) == SAMPLE_COMMUNITIES
    assert ranks == sorted(ranks) and ranks[:3] == [1, 2, 3]
    assert scores == sorted(scores, reverse=True)
    assert rows[0][2] == "电院社区" and rows[0][4] == 103.09  # the best, as `jingpin screen` ranks it first
    ties = [r for r in ranks if ranks.count(r) > 1]  # equal scores share the lower rank: 1, 2, 2, 4
    assert all(ranks[i] in (ranks[i - 1], i + 1) for i in range(1, len(ranks))), ties


def test_long_texts_wrap_and_their_rows_grow(books):
    ws = openpyxl.load_workbook(books["audit"])["逐项结果"]
    header = [c.value for c in ws[1]]
    message = header.index("说明") + 1
    assert ws.cell(2, message).alignment.wrap_text
    assert ws.column_dimensions[openpyxl.utils.get_column_letter(message)].width <= 48
    assert not ws.cell(2, 1).alignment.wrap_text  # a community's code stays a plain cell
    summary = openpyxl.load_workbook(books["audit"])["汇总"]
    gaps = [c.value for c in summary[1]].index("主要差距") + 1
    # 电院社区's two gaps take about 80 columns: two or more lines of a 47-column cell, 15 pt each
    assert summary.cell(2, gaps).alignment.wrap_text
    assert summary.row_dimensions[2].height >= 30


def test_shares_are_percent_cells(books):
    ws = openpyxl.load_workbook(books["screen"])["排名"]
    header = [c.value for c in ws[1]]
    weakest = ws.cell(2, header.index("最弱方面得分率") + 1)
    # 电院社区's weakest aspect is 环境建设, 13.63 of 15 points: 13.63 / 15 = 0.9087 (shown 90.9%)
    assert (weakest.value, weakest.number_format) == (0.9087, "0.0%")
    stable = ws.cell(2, header.index("稳定性（入选比例）") + 1)
    assert (stable.value, stable.number_format) == (1, "0.0%")  # picked in all 5 draws: 5 / 5
    stab = openpyxl.load_workbook(books["screen"])["稳定性"]
    assert stab.cell(2, 4).number_format == "0.0%"


def notes(path: Path) -> dict[str, list]:
    out: dict[str, list] = {}
    key = None
    for item, value in openpyxl.load_workbook(path)["说明"].iter_rows(min_row=2, values_only=True):
        key = item or key  # a data file after the first leaves the item blank
        out.setdefault(key, []).append(value)
    return out


def test_the_notes_sheet_names_the_standard_the_files_and_the_date(books):
    got = notes(books["audit"])
    assert got["标准"] == ["新市区党建精品社区创建标准（2011）"]
    assert got["标准编号"] == ["xinshi-2011"] and got["标准版本"] == ["2011.1"]
    document = "新市区积极打造精品社区 努力提升社区党建工作整体水平，中共保定市新市区委组织部，2011-05-04"
    assert got["依据文件"] == [document]  # the document's title, issuer and date
    files = got["数据文件"]
    assert files[0].endswith("data/xinshi-2011/社区排查摸底表.csv")
    assert sum("/surveys/" in f for f in files) == 8  # the eight questionnaires that replaced typed rates
    assert got["报告日期"] == ["2011-05-04"]  # SOURCE_DATE_EPOCH 1304467200
    assert got["生成工具"] == [f"jingpin {__version__}"]
    screen = notes(books["screen"])
    assert screen["标准编号"] == ["xinshi-2011"] and screen["选取数量"] == [5] and screen["报告日期"] == ["2011-05-04"]
    assert all("/surveys/" in f for f in notes(books["survey"])["数据文件"])
    diff = notes(books["diff"])
    assert diff["之前"][0].endswith("tests/golden/before") and diff["之后"][0].endswith("tests/golden/input")
    assert diff["标准"] == ["xinshi-2011 2011.1"]


def test_one_date_rule_for_word_and_excel(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    assert docx_kit.report_date is report_date
    assert str(report_date(None)) == "2011-05-04"
    assert str(report_date("2024-01-31")) == "2024-01-31"  # a date given wins
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert report_date(None).year >= 2024  # today


# ---- printed, and read page by page ---------------------------------------------------------------

def need(*tools: str) -> None:
    missing = [t for t in tools if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (CI installs them: .ci/run)")


def pdf_pages(pdf: Path) -> tuple[int, set[tuple[float, float]]]:
    info = subprocess.run(["pdfinfo", "-l", "-1", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    sizes = {(round(float(w), 1), round(float(h), 1))
             for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)}
    return pages, sizes


def page_text(pdf: Path, page: int) -> str:
    return subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout


def is_a4(size: tuple[float, float]) -> bool:
    return all(abs(a - b) < 1 for a, b in zip(sorted(size), A4, strict=True))


@pytest.fixture(scope="module")
def printed_html(tmp_path_factory) -> Path:
    need("chromium", "pdfinfo", "pdftotext")
    tmp = tmp_path_factory.mktemp("html")
    page = write(["audit", str(SAMPLE)], tmp / "报告.html")
    pdf = tmp / "报告.pdf"
    subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp / 'profile'}", "--no-pdf-header-footer", f"--print-to-pdf={pdf}",
                    page.as_uri()], capture_output=True, timeout=300, check=True)
    return pdf


def test_the_html_report_prints_on_a4_one_page_per_community(printed_html):
    pages, sizes = pdf_pages(printed_html)
    assert sizes and all(is_a4(s) for s in sizes), sizes  # portrait A4 (it printed on Letter before)
    # the overview, the ranking and the common gaps, then each community on a page of its own
    # (before the print stylesheet: 99 pages, communities running on from one page to the next)
    assert SAMPLE_COMMUNITIES + 3 <= pages <= SAMPLE_COMMUNITIES + 6, pages
    texts = [page_text(printed_html, p) for p in range(1, pages + 1)]
    assert len(texts[1].strip()) > 300  # page 2 held only a chart's caption before
    thin = [p + 1 for p, text in enumerate(texts) if len(text.strip()) < 100]
    assert not thin, f"nearly blank pages: {thin}"
    starts = [p for p, text in enumerate(texts) if re.search(r"^\S+社区\s", text, re.M) and "差距清单" in text]
    assert len(starts) >= SAMPLE_COMMUNITIES  # a community's report on each page from there on


def test_the_html_ranking_repeats_its_header_and_keeps_names_whole(printed_html):
    pages, _ = pdf_pages(printed_html)
    texts = [page_text(printed_html, p) for p in range(1, pages + 1)]
    ranking = [t for t in texts if "名次" in t and re.search(r"^1306020\d\d$", t, re.M)]
    assert len(ranking) >= 2  # 75 rows run onto a second page, and the header comes with them
    lines = {line.strip() for t in ranking for line in t.splitlines()}
    for name in ("电院社区", "建设南路街道", "新一代社区", "和谐共建"):  # not broken every 2–3 characters
        assert name in lines, name


@pytest.fixture(scope="module")
def printed_book(tmp_path_factory) -> Path:
    need("pdfinfo", "pdftotext")
    soffice = soffice_with("Calc")
    tmp = tmp_path_factory.mktemp("xlsx")
    return to_pdf(soffice, write(["audit", str(SAMPLE)], tmp / "报告.xlsx"), tmp)


def test_the_summary_prints_on_a3_with_narrow_columns_under_two_line_headers(books):
    # 汇总's 22 columns were 321 characters wide, printed on A4 at about 60 %; now its headers wrap onto two
    # lines (组织建设 / (25)) and the columns of numbers and 是/否 are as wide as their values
    ws = openpyxl.load_workbook(books["audit"])["汇总"]
    widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width for c in range(1, ws.max_column + 1)]
    assert sum(widths) < 260, sum(widths)
    head = [c.value for c in ws[1]]
    assert widths[head.index("组织建设(25)")] < 10 and widths[head.index("可评选")] < 8
    assert ws.cell(1, 1).alignment.wrap_text and ws.row_dimensions[1].height == 30


def test_the_workbook_prints_landscape_a4_with_headers_on_every_page(printed_book):
    pages, sizes = pdf_pages(printed_book)
    assert {s for s in sizes if not is_a4(s)} == {(1190.5, 841.9)}, sizes  # 汇总 on landscape A3
    assert all(s[0] > s[1] for s in sizes), sizes  # the other sheets on landscape A4
    assert pages < 150, pages  # 615 portrait pages, columns cut across sheets of paper, before
    texts = [page_text(printed_book, p) for p in range(1, pages + 1)]
    assert len(texts[1].strip()) > 1000  # page 2 is full of rows
    # every page of the three result sheets starts with its header row; the 说明 sheet's says 项目 / 内容
    headless = [p + 1 for p, text in enumerate(texts) if "社区编码" not in text and "项目" not in text]
    assert not headless, headless
    assert "新市区党建精品社区创建标准（2011）" in texts[-1] and "2011-05-04" in texts[-1]
