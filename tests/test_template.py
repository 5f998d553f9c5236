"""`jingpin template`: the sheet is generated from the standard, and a filled one goes straight
into `jingpin audit` and scores exactly like the same data typed by hand."""

import io
from pathlib import Path

import openpyxl
import pandas as pd
import pytest
import yaml
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats import Options
from jingpin_cli.formats.template import columns
from jingpin_cli.formats.template import xlsx as template_xlsx
from jingpin_cli.formats.template import yaml as template_yaml
from jingpin_cli.records.headers import HeaderMatcher
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.standard import load_standard


def render_xlsx(standard, rows=500, self_check=False):
    return template_xlsx.render(standard, Options(form_rows=rows, self_check=self_check))


def render_yaml(standard, lang="zh", self_check=False):
    return template_yaml.render(standard, Options(lang=lang, self_check=self_check))


ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011" / "社区排查摸底表.csv"
PILOT = ROOT / "data" / "examples" / "新一代.yaml"
runner = CliRunner()


@pytest.fixture(scope="module")
def book(standard):
    return openpyxl.load_workbook(io.BytesIO(render_xlsx(standard, rows=100)))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("self_check", [False, True])
def test_every_header_reads_back_as_its_field(standard, lang, self_check):
    matcher = HeaderMatcher(standard)
    cols = columns(standard, lang, self_check)
    for col in cols:
        m = matcher.match(col.header)
        assert m.field == (col.key + "@self" if col.role == "self" else col.key), col.header
        assert m.bad_unit is None and m.unit_factor in (None, 1.0), col.header
    plain = [c for c in cols if c.role is None]
    assert [c.key for c in plain if c.role is None] == [f.key for f in standard.fields if not self_check or
                                                       all(f.key != c.key or c.role is None for c in cols)]
    if not self_check:
        assert [c.key for c in cols] == [f.key for f in standard.fields]


def test_headers_carry_units(standard):
    headers = {c.key: c.header for c in columns(standard)}
    assert headers["service_area_m2"] == "服务用房总面积（㎡）"
    assert headers["new_books"] == "新图书数量（册）"
    assert headers["satisfaction_rate"] == "群众满意度（%）"
    assert headers["police_room"] == "警务室"
    en = {c.key: c.header for c in columns(standard, "en")}
    assert en["service_area_m2"] == "Total service premises area (m²)"


def test_dropdowns_and_number_ranges(standard, book):
    ws = book.worksheets[0]
    header = {cell.value: cell.column_letter for cell in ws[1]}
    rules = {}
    for dv in ws.data_validations.dataValidation:
        for rng in dv.sqref.ranges:
            rules[rng.coord.split(":")[0].rstrip("0123456789")] = dv
    first = lambda dv: next(iter(dv.sqref.ranges)).coord  # noqa: E731
    bool_fields = [f for f in standard.fields if f.type == "bool"]
    assert len(bool_fields) > 40
    for f in bool_fields:
        dv = rules[header[f.zh]]
        assert (dv.type, dv.formula1) == ("list", '"有,无"'), f.key
    for f in standard.fields:
        if f.type in ("rate", "score"):
            dv = rules[header[columns_header(standard, f.key)]]
            assert (dv.type, dv.operator, dv.formula1, dv.formula2) == ("decimal", "between", "0", "100"), f.key
        elif f.type in ("int", "num"):
            dv = rules[header[columns_header(standard, f.key)]]
            assert dv.type == ("whole" if f.type == "int" else "decimal") and dv.formula1 == "0", f.key
    dv = rules[header["服务用房总面积（㎡）"]]
    assert "服务用房总面积" in dv.prompt and "300" in dv.prompt and first(dv).endswith("101")
    assert "svc." not in dv.prompt  # no rule id in a Chinese prompt (issue 18)
    assert ws["A2"].number_format == "@"  # community codes stay text
    assert ws.freeze_panes == "C2"


def columns_header(standard, key):
    return next(c.header for c in columns(standard) if c.key == key)


def test_the_instructions_sheet_explains_every_column(standard, book):
    assert book.sheetnames == ["排查摸底表", "说明"]
    guide = book["说明"]
    rows = [[c.value for c in row] for row in guide.iter_rows()]
    start = next(i for i, r in enumerate(rows) if r[0] == "列")
    assert rows[start][:9] == ["列", "表头", "YAML 键", "方面", "类型", "单位", "怎么填", "空白表示", "用于评分"]
    table = {r[2].rstrip(":"): r for r in rows[start + 1:]}
    assert list(table) == [f.key for f in standard.fields]
    area = table["service_area_m2"]
    assert area[1] == "“服务用房总面积（㎡）”" and area[5] == "㎡" and "未填报" in area[7] and "≥ 300 ㎡" in area[8]
    assert "一票否决" in table["major_incident"][8]
    assert table["households"][8] == "不直接计分"
    assert any("空白" in (r[0] or "") for r in rows[:start])


def _filled_template(standard, frame: pd.DataFrame, tmp_path: Path) -> Path:
    """Type the sample's values into the template as an office would: 有/无 and plain numbers."""
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(standard, rows=len(frame))))
    ws = book.worksheets[0]
    cols = columns(standard)
    for i, (_, row) in enumerate(frame.iterrows(), start=2):
        for j, col in enumerate(cols, start=1):
            value = row[col.key]
            if pd.isna(value):
                continue  # blank stays blank: unknown
            ftype = standard.field(col.key).type
            ws.cell(row=i, column=j, value="有" if ftype == "bool" and value else "无" if ftype == "bool"
                    else str(value) if ftype == "text" else float(value))
    folder = tmp_path / "filled"
    folder.mkdir()
    book.save(folder / "排查摸底表.xlsx")
    return folder


@pytest.mark.parametrize("pack", ["xinshi-2011", "strict-2013"])
def test_round_trip_a_filled_template_scores_like_the_sample(tmp_path, pack):
    standard = load_standard(pack)
    typed = load_records(SAMPLE, standard)
    folder = _filled_template(standard, typed.frame, tmp_path)
    filled = load_records(folder, standard)
    assert filled.warnings == []
    pd.testing.assert_frame_equal(filled.frame, typed.frame)
    want, got = score_records(standard, typed), score_records(standard, filled)
    pd.testing.assert_frame_equal(got.summary, want.summary)
    cid = want.ids[0]
    strip = lambda rec: {k: v for k, v in rec.items() if k != "source"}  # noqa: E731
    assert strip(community_record(got, cid)) == strip(community_record(want, cid))
    result = runner.invoke(app, ["audit", str(folder), "--standard", pack, "--format", "json"])
    assert result.exit_code == 0, result.output


def test_the_template_follows_the_pack(standard):
    strict = load_standard("strict-2013")
    extra = {c.header for c in columns(strict)} - {c.header for c in columns(standard)}
    assert extra == {"综合实地考评分（分）", "两委成员严重违纪违法"}


def test_yaml_template_is_one_commented_record_that_round_trips(standard, tmp_path):
    text = render_yaml(standard)
    data = yaml.safe_load(text)
    matcher = HeaderMatcher(standard)
    assert [matcher.match(k).field for k in data] == [f.key for f in standard.fields]
    assert all(v is None for v in data.values())  # empty: every value unknown until filled in
    area_line = next(line for line in text.splitlines() if line.startswith("服务用房总面积:"))
    assert "# " in area_line and "㎡" in area_line and "≥ 300 ㎡" in area_line
    sections = [c.section for c in columns(standard)]
    changes = 1 + sum(a != b for a, b in zip(sections, sections[1:], strict=False))
    assert text.count("\n# ----") == changes >= 6
    # fill it with the pilot's values, as a community would, and audit it
    pilot = load_records(PILOT, standard)
    row = pilot.frame.iloc[0]
    filled = []
    for line in text.splitlines():
        key = line.split(":", 1)[0] if ":" in line and not line.startswith("#") else None
        field = matcher.match(key).field if key else None
        if field is not None and pd.notna(row[field]):
            value = row[field]
            ftype = standard.field(field).type
            value = ("有" if value else "无") if ftype == "bool" else f'"{value}"' if ftype == "text" else float(value)
            line = f"{key}: {value}  #" + line.split("#", 1)[1]
        filled.append(line)
    folder = tmp_path / "one"
    folder.mkdir()
    (folder / "社区.yaml").write_text("\n".join(filled) + "\n", encoding="utf-8")
    got = load_records(folder, standard)
    pd.testing.assert_frame_equal(got.frame, pilot.frame)
    pd.testing.assert_frame_equal(score_records(standard, got).summary, score_records(standard, pilot).summary)


def test_yaml_self_check_keys(standard):
    data = yaml.safe_load(render_yaml(standard, "en", self_check=True))
    assert "service_area_m2_self" in data and "service_area_m2_inspected" in data and "households" in data
    assert "households_self" not in data  # only the fields a rule reads are paired
    matcher = HeaderMatcher(standard)
    assert matcher.match("service_area_m2_self").field == "service_area_m2@self"


def test_cli_writes_and_never_overwrites(tmp_path):
    out = tmp_path / "排查摸底表.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_bytes()
    assert openpyxl.load_workbook(out).sheetnames == ["排查摸底表", "说明"]
    out.write_bytes(b"filled in by a community")
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == 2 and "--force" in result.output
    assert out.read_bytes() == b"filled in by a community"
    result = runner.invoke(app, ["template", "-o", str(out), "--force", "--standard", "strict-2013"])
    assert result.exit_code == 0 and out.read_bytes() != first
    result = runner.invoke(app, ["template", "--format", "xlsx"])
    assert result.exit_code == 2 and "-o" in result.output
    result = runner.invoke(app, ["template"])
    assert result.exit_code == 0 and "服务用房总面积:" in result.output


def test_a_label_that_looks_like_a_formula_stays_text(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("extends: xinshi-2011\nid: p\nversion: '1'\nfields_add:\n"
                    "  - {key: evil, zh: \"=HYPERLINK(\\\"http://x\\\")\", type: int}\n", encoding="utf-8")
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(load_standard(pack), rows=5)))
    headers = [c.value for c in book.worksheets[0][1]]
    assert "'=HYPERLINK(\"http://x\")" in headers
    assert not any(isinstance(h, str) and h.startswith("=") for h in headers)


def test_a_self_check_template_reports_discrepancies(standard, tmp_path):
    book = openpyxl.load_workbook(io.BytesIO(render_xlsx(standard, rows=5, self_check=True)))
    ws = book.worksheets[0]
    at = {c.value: c.column for c in ws[1]}
    values = {"社区编码": "S1", "社区名称": "试点社区", "服务用房总面积（自评，㎡）": 450,
              "服务用房总面积（核查，㎡）": 280,
              "警务室（自评）": "有", "警务室（核查）": "有", "新图书数量（自评，册）": 1200}
    for header, value in values.items():
        ws.cell(row=2, column=at[header], value=value)
    folder = tmp_path / "sc"
    folder.mkdir()
    book.save(folder / "自评核查表.xlsx")
    report = score_records(standard, load_records(folder, standard))
    record = community_record(report, "S1")
    area = next(f for f in record["findings"] if f["rule"] == "svc.service_area")
    assert (area["actual"], area["status"], area["shortfall"]) == (280, "partial", 20)  # the inspected value
    assert [d["field"] for d in record["self_assessment"]["discrepancies"]] == ["service_area_m2"]
    assert record["self_assessment"]["unverified"] == ["new_books"]  # only self-reported: scored, flagged
