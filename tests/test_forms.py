"""The one-community form (`jingpin template --form`) and reading filled forms back (records/forms.py).

A form is written for a pack, filled with openpyxl from a sample community's real values and read
back by audit: it must score exactly as the wide table scores that community (nothing is computed
by hand for that: the two paths are compared); one value changed gives a gap checked by hand."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import MergedCell
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.formats import Options
from jingpin_cli.formats.template import form as form_format
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.report import audit
from jingpin_cli.standard import load_standard
from jingpin_cli.text.messages import pick

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011" / "社区排查摸底表.csv"
runner = CliRunner()


def blank_form(standard, lang: str = "zh") -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(form_format.render(standard, Options(lang=lang))))


def item_rows(ws, standard, lang: str = "zh") -> dict[str, int]:
    """field key -> the form row whose 项目 cell is the field's label."""
    labels = {pick(f, lang): f.key for f in standard.fields}
    return {labels[c.value]: c.row for c in ws["A"] if c.row > 3 and c.value in labels}


def cell_value(value, ftype: str):
    """A typed value as a secretary types it: 是/否, a plain number, a word."""
    if pd.isna(value):
        return None
    if ftype == "bool":
        return "是" if value else "否"
    if ftype in ("int", "num", "rate", "score"):
        return int(value) if float(value).is_integer() else float(value)
    return str(value)


def fill(ws, standard, row: pd.Series, lang: str = "zh") -> None:
    for key, r in item_rows(ws, standard, lang).items():
        ws.cell(row=r, column=2, value=cell_value(row[key], standard.field(key).type))


def wide_and_forms(tmp_path: Path, standard, csv: Path, ids: list[str], lang: str = "zh"):
    """(the wide table's report, the report of a folder of filled forms of `ids`, one file each)."""
    wide = tmp_path / "wide"
    wide.mkdir()
    shutil.copy(csv, wide / csv.name)  # the table alone: no surveys/ folder, as the forms have none
    records = load_records(wide, standard)
    forms = tmp_path / "forms"
    forms.mkdir()
    for cid in ids:
        wb = blank_form(standard, lang)
        ws = wb.active
        ws.title = str(records.frame.at[cid, "name"])
        fill(ws, standard, records.frame.loc[cid], lang)
        wb.save(forms / f"{cid}.xlsx")
    return audit(standard, wide), audit(standard, forms)


def assert_same_scores(wide, forms, ids):
    for cid in ids:
        assert forms.summary.at[cid, "score"] == pytest.approx(wide.summary.at[cid, "score"])
        assert forms.summary.at[cid, "grade"] == wide.summary.at[cid, "grade"]
        for rule, outcome in wide.outcomes.items():
            assert forms.outcomes[rule].status[cid] == outcome.status[cid], rule


@pytest.mark.parametrize("lang", ["zh", "en"])  # an English form: Item | Entry | Unit, units “people”
def test_a_filled_form_scores_as_the_wide_table_does(tmp_path, lang):
    standard = load_standard()
    ids = ["130602001", "130602009", "130602039", "130602069"]
    wide, forms = wide_and_forms(tmp_path, standard, SAMPLE, ids, lang)
    assert len(forms.records) == 4
    assert_same_scores(wide, forms, ids)


@pytest.mark.parametrize("pack", ["shequ-kaohe", "wuxing-dabiao"])
def test_forms_of_other_packs_round_trip(tmp_path, pack):
    standard = load_standard(pack)
    csv = next((ROOT / "data" / pack).glob("*.csv"))
    records = load_records(csv, standard)
    ids = list(records.frame.index[:2])
    wide, forms = wide_and_forms(tmp_path, standard, csv, ids)
    assert_same_scores(wide, forms, ids)


def qiushi_form(path, standard, service_area) -> dict[str, int]:
    """秋实社区's form, one sheet, with its code, name and 服务用房总面积 filled in; its item rows."""
    wb = blank_form(standard)
    ws = wb.active
    ws.title = "秋实社区"
    rows = item_rows(ws, standard)
    ws.cell(row=rows["id"], column=2, value="130699001")
    ws.cell(row=rows["name"], column=2, value="秋实社区")
    ws.cell(row=rows["service_area_m2"], column=2, value=service_area)
    wb.save(path)
    return rows


def test_a_changed_value_gives_its_gap_by_hand(tmp_path):
    standard = load_standard()
    qiushi_form(tmp_path / "秋实.xlsx", standard, 260)
    report = audit(standard, tmp_path)
    outcome = report.outcomes["svc.service_area"]
    # the rule asks ≥ 300 ㎡ for 5 points: 300 − 260 = 40 ㎡ short, partial credit 5 × 260 / 300 = 4.33
    assert outcome.status["130699001"] == "partial"
    assert outcome.shortfall["130699001"] == pytest.approx(40)
    assert outcome.points["130699001"] == pytest.approx(5 * 260 / 300)


def test_a_bad_value_is_named_by_its_cell(tmp_path):
    standard = load_standard()
    rows = qiushi_form(tmp_path / "表.xlsx", standard, "三百")
    with pytest.raises(InputError) as exc:
        load_records(tmp_path, standard)
    (problem,) = exc.value.problems
    assert problem.code == "bad_number"  # the same code as the wide table gives
    r = rows["service_area_m2"]
    assert problem.location.cell == f"B{r}"
    assert problem.render("zh") == f"{tmp_path / '表.xlsx'}，工作表“秋实社区”，B{r} 单元格（服务用房总面积）: " \
        + problem.message("zh")
    assert f"cell B{r} (服务用房总面积)" in problem.render("en")


def test_a_form_without_its_id_is_a_clear_error(tmp_path):
    standard = load_standard()
    wb = blank_form(standard)
    rows = item_rows(wb.active, standard)
    wb.active.cell(row=rows["name"], column=2, value="秋实社区")
    wb.save(tmp_path / "表.xlsx")
    result = runner.invoke(app, ["audit", str(tmp_path)])
    assert result.exit_code == 2
    assert f"B{rows['id']} 单元格（社区编码）" in result.output
    assert "填报表没有填社区编码" in result.output
    assert "Traceback" not in result.output


def test_several_sheets_mixed_folder_unknown_item_and_wrong_unit(tmp_path):
    standard = load_standard()
    shutil.copy(SAMPLE, tmp_path / SAMPLE.name)  # a wide table beside the forms
    wb = blank_form(standard)
    first = wb.active
    rows = item_rows(first, standard)
    second = wb.copy_worksheet(first)
    for ws, cid, name in ((first, "130699001", "秋实社区"), (second, "130699002", "春华社区")):
        ws.title = name
        ws.cell(row=rows["id"], column=2, value=cid)
        ws.cell(row=rows["name"], column=2, value=name)
    second.cell(row=rows["service_area_m2"], column=2, value=0.03)
    second.cell(row=rows["service_area_m2"], column=3, value="万平方米")  # not a unit of an area here
    first.cell(row=rows["service_area_m2"], column=2, value=320)
    first.cell(row=rows["new_books"], column=1, value="图书馆藏书")  # a row the pack does not know
    first.cell(row=rows["new_books"], column=2, value=900)
    wb.save(tmp_path / "两个社区.xlsx")
    with pytest.raises(InputError) as exc:
        load_records(tmp_path, standard)
    codes = {p.code: p for p in exc.value.problems}
    assert codes["bad_header_unit"].location.cell == f"C{rows['service_area_m2']}"
    assert codes["bad_header_unit"].location.sheet == "春华社区"
    second.cell(row=rows["service_area_m2"], column=3, value="㎡")
    second.cell(row=rows["service_area_m2"], column=2, value=280)
    wb.save(tmp_path / "两个社区.xlsx")
    records = load_records(tmp_path, standard)
    assert len(records) == 75 + 2
    assert records.frame.at["130699001", "service_area_m2"] == 320
    assert records.frame.at["130699002", "service_area_m2"] == 280
    assert pd.isna(records.frame.at["130699001", "new_books"])  # the unknown row is not read
    (unknown,) = [p for p in records.warnings if p.code == "form_unknown_item"]
    assert unknown.location.cell == f"A{rows['new_books']}" and unknown.location.sheet == "秋实社区"
    assert records.locate("130699002", "service_area_m2").cell == f"B{rows['service_area_m2']}"


def test_template_form_command(tmp_path):
    out = tmp_path / "社区填报表.xlsx"
    result = runner.invoke(app, ["template", "--form", "-o", str(out)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out).active
    assert [c.value for c in ws[3]] == ["项目", "填报内容", "单位", "说明"]
    block = [ws.cell(row=r, column=1).value for r in range(4, 9)]
    assert block == ["社区编码", "社区名称", "所属街道", "填表人", "填表日期"]
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.page_setup.fitToWidth == 1 and ws.sheet_properties.pageSetUpPr.fitToPage
    assert ws.print_title_rows == "$3:$3"
    assert not ws.protection.sheet
    standard = load_standard()
    rows = item_rows(ws, standard)
    checks = {str(c): dv for dv in ws.data_validations.dataValidation for c in dv.sqref.ranges}
    assert checks[f"B{rows['party_secretary']}"].formula1 == '"是,否"'
    assert checks[f"B{rows['service_area_m2']}"].operator == "greaterThanOrEqual"
    assert ws.cell(row=rows["service_area_m2"], column=3).value == "㎡"
    titles = {c.value for c in ws["A"]}
    assert {pick(a, "zh") for a in standard.aspects} <= titles  # a section row per aspect
    refused = runner.invoke(app, ["template", "--form", "-o", str(tmp_path / "x.yaml")])
    assert refused.exit_code == 2 and ".xlsx" in refused.output


@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(cells=st.lists(st.tuples(st.integers(1, 120), st.integers(1, 5),
                                st.one_of(st.none(), st.text(max_size=12), st.integers(-10**6, 10**6),
                                          st.floats(allow_nan=True), st.booleans())), max_size=25))
def test_fuzzed_filled_forms_raise_only_input_error(tmp_path_factory, cells):
    standard = load_standard()
    wb = blank_form(standard)
    ws = wb.active
    for row, col, value in cells:
        if isinstance(value, str):
            value = "".join(ch for ch in value if ch.isprintable()) or None
        if not isinstance(ws.cell(row=row, column=col), MergedCell):  # a title or section row
            ws.cell(row=row, column=col, value=value)
    path = tmp_path_factory.mktemp("form") / "表.xlsx"
    wb.save(path)
    try:
        load_records(path, standard)
    except InputError as exc:
        for problem in exc.problems:
            assert problem.location.file
            problem.render("zh"), problem.render("en")
