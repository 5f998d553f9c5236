"""The Excel workbook, opened with openpyxl as Excel would open it: sheets, frozen headers, filters,
status colours, widths for Chinese text, and formulas neutralised."""

from pathlib import Path

import openpyxl
import pytest
from openpyxl.utils import get_column_letter
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import xlsx as xlsx_format
from jingpin_cli.formats.kit import sheets
from jingpin_cli.formats.kit.sheets import Widths
from jingpin_cli.formats.kit.status import XLSX_STYLE
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.results.audit.report import audit

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "tests" / "golden" / "input"  # four communities; one is named =HYPERLINK("http://example.com","点我")
HOSTILE = '=HYPERLINK("http://example.com","点我")'
WORDS = {"pass": "达标", "partial": "部分", "fail": "未达标", "unknown": "未知", "waived": "豁免"}


@pytest.fixture(scope="module")
def report(standard):
    return audit(standard, INPUT)


@pytest.fixture(scope="module")
def workbook(tmp_path_factory):
    out = tmp_path_factory.mktemp("xlsx") / "结果.xlsx"
    result = CliRunner().invoke(app, ["audit", str(INPUT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return openpyxl.load_workbook(out)


def rows(ws) -> list[dict]:
    values = list(ws.iter_rows(values_only=True))
    return [dict(zip(values[0], row, strict=True)) for row in values[1:]]


def test_three_sheets_with_chinese_headers(workbook):
    assert workbook.sheetnames == ["汇总", "逐项结果", "差距清单", "说明"]  # 说明: tests/test_print.py
    assert [c.value for c in workbook["逐项结果"][1]][:7] == \
        ["社区编码", "社区名称", "方面", "任务", "规则编号", "项目", "状态"]
    assert [c.value for c in workbook["汇总"][1]][:4] == ["排名", "社区编码", "社区名称", "所属街道"]
    for ws in workbook:
        assert all(c.font.b for c in ws[1]), ws.title


def test_frozen_header_and_filter_over_every_row(workbook):
    for ws in workbook:
        assert ws.freeze_panes is not None and ws.freeze_panes.endswith("2"), ws.title  # row 1 stays in view
        if ws.title == "说明":  # a list of notes, nothing to filter
            continue
        assert ws.auto_filter.ref == f"A1:{get_column_letter(ws.max_column)}{ws.max_row}", ws.title
    assert workbook["汇总"].freeze_panes == "D2"  # rank, id and name stay beside the numbers


def test_results_sheet_has_every_rule_of_every_community_with_its_status(report, workbook):
    got = {(r["社区编码"], r["规则编号"]): r["状态"] for r in rows(workbook["逐项结果"])}
    assert len(got) == len(report.summary) * len(report.standard.rules) == workbook["逐项结果"].max_row - 1
    for rule_id, outcome in report.outcomes.items():
        for cid, status in outcome.status.items():
            assert got[(cid, rule_id)] == WORDS[status], (cid, rule_id)


def test_gaps_sheet_lists_exactly_the_failed_and_partial_rules(report, workbook):
    got = sorted((r["社区编码"], r["规则编号"]) for r in rows(workbook["差距清单"]))
    want = sorted((cid, rule_id) for rule_id, o in report.outcomes.items() for cid, s in o.status.items()
                  if s in ("fail", "partial"))
    assert got == want
    first = rows(workbook["差距清单"])[0]
    assert first["状态"] in ("未达标", "部分") and first["说明"]


def test_summary_scores_match_the_report(report, workbook):
    got = {r["社区编码"]: r for r in rows(workbook["汇总"])}
    for cid in report.ids:
        assert got[cid]["总分"] == pytest.approx(report.summary.at[cid, "score"], abs=0.01)
    best = report.summary["score"].idxmax()
    assert got[best]["排名"] == 1


def test_status_cells_are_filled_by_status(workbook):
    seen = set()
    for ws in (workbook["逐项结果"], workbook["差距清单"]):
        col = [c.value for c in ws[1]].index("状态") + 1
        for row in ws.iter_rows(min_row=2, min_col=col, max_col=col):
            cell = row[0]
            status = next(s for s, word in WORDS.items() if word == cell.value)
            assert cell.fill.fgColor.rgb[-6:] == XLSX_STYLE[status][0], (ws.title, cell.coordinate)
            seen.add(status)
    assert {"pass", "partial", "fail", "unknown"} <= seen
    gates = workbook["汇总"]
    col = [c.value for c in gates[1]].index("有场所议事") + 1
    colours = {gates.cell(r, col).value: gates.cell(r, col).fill.fgColor.rgb[-6:] for r in range(2, gates.max_row + 1)}
    assert colours["未达标"] == XLSX_STYLE["fail"][0]


def test_formulas_are_neutralised(workbook):
    names = [r["社区名称"] for r in rows(workbook["汇总"])]
    assert "'" + HOSTILE in names and HOSTILE not in names
    for ws in workbook:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(("=", "+", "-", "@")), (ws.title, cell.coordinate)


def test_column_widths_fit_chinese_text(workbook):
    for ws in workbook.worksheets[:3]:
        header = [c.value for c in ws[1]]
        for i, name in enumerate(header, 1):
            width = ws.column_dimensions[get_column_letter(i)].width
            assert width <= Widths().high
            widest = max(display_width(ws.cell(r, i).value) for r in range(2, ws.max_row + 1))
            lines = 2 if ws.title == "汇总" else 1  # 汇总's header wraps onto two lines (it prints on A3)
            widest = max(widest, -(-display_width(name) // lines))
            wrapped = name in ("说明", "缺项", "主要差距", "等次说明")  # long texts wrap at a set width instead
            assert width >= min(widest, sheets.WRAP_WIDTH if wrapped else Widths().high), (ws.title, name)
    name_col = workbook["汇总"].column_dimensions["C"].width
    assert name_col >= display_width("新一代社区") == 10  # CJK counted as two


def test_english_sheets_and_headers(tmp_path):
    out = tmp_path / "result.xlsx"
    result = CliRunner().invoke(app, ["audit", str(INPUT), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Summary", "Results", "Gaps", "Notes"]
    assert [c.value for c in wb["Results"][1]][:3] == ["id", "name", "aspect"]
    assert {r["status"] for r in rows(wb["Results"])} <= {"pass", "partial", "fail", "unknown", "waived"}


def test_rows_beyond_the_sheet_limit_continue_on_a_second_sheet(report, monkeypatch, tmp_path):
    monkeypatch.setattr(sheets, "EXCEL_MAX_ROWS", 50)
    path = tmp_path / "split.xlsx"
    path.write_bytes(xlsx_format.render(report, Options("zh")))
    wb = openpyxl.load_workbook(path)
    parts = [ws for ws in wb if ws.title.startswith("逐项结果")]
    assert [ws.title for ws in parts][:2] == ["逐项结果", "逐项结果 2"]
    assert all(ws.max_row <= 50 and ws.cell(1, 1).value == "社区编码" and ws.freeze_panes == "C2" for ws in parts)
    assert sum(ws.max_row - 1 for ws in parts) == len(report.summary) * len(report.standard.rules)


def test_xlsx_needs_an_output_file():
    result = CliRunner().invoke(app, ["audit", str(INPUT), "--format", "xlsx"])
    assert result.exit_code == 2
    assert "-o" in result.output and "Traceback" not in result.output
