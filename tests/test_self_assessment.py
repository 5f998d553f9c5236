"""自评 vs 核查: both values may be given; the inspected one is scored and big differences are listed."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.headers import HeaderMatcher, split_role
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.record import community_record
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.standard import load_standard

runner = CliRunner()

HEAD = ("社区编码,社区名称,服务用房总面积（自评，㎡）,服务用房总面积（核查，㎡）,警务室（自评）,警务室（核查）,"
        "群众满意度（自评）（%）,群众满意度（核查）（%）\n")
ROWS = [
    "A1,甲社区,420,300,有,无,96,95",  # area over-reported by 120 (allowed 30); police room claimed; rate within 5
    "A2,乙社区,330,310,有,有,99,90",  # area within 10 % (allowed 31); satisfaction differs by 9 points
    "A3,丙社区,400,,有,,97,",  # nothing inspected yet
    "A4,丁社区,,280,,有,,96",  # nothing self-reported
]


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8-sig")
    return folder


@pytest.fixture
def sheet(tmp_path):
    return write(tmp_path / "d", "表.csv", HEAD + "\n".join(ROWS) + "\n")


@pytest.mark.parametrize("header,field,role", [
    ("服务用房总面积（自评）", "service_area_m2@self", "self"),
    ("服务用房总面积（核查）", "service_area_m2", "inspected"),
    ("服务用房总面积（㎡）（自评）", "service_area_m2@self", "self"),
    ("服务用房总面积（自评）（平方米）", "service_area_m2@self", "self"),
    ("服务用房总面积(自评, m2)", "service_area_m2@self", "self"),
    ("服务用房总面积（核实）", "service_area_m2", "inspected"),
    ("service_area_m2_self", "service_area_m2@self", "self"),
    ("service_area_m2_inspected", "service_area_m2", "inspected"),
    ("Total service premises area (self)", "service_area_m2@self", "self"),
    ("服务用房总面积", "service_area_m2", None),
    ("党员人数（含预备党员）", "party_members", None),  # a note in brackets is still a note
    ("服务用房总面积 自评", "service_area_m2@self", "self"),
    ("自评", None, None),
])
def test_header_roles(standard, header, field, role):
    m = HeaderMatcher(standard).match(header)
    assert (m.field, m.role) == (field, role)


def test_an_ignored_header_stays_ignored_with_a_role(standard):
    m = HeaderMatcher(standard).match("备注（自评）")
    assert m.ignored and m.field is None


def test_a_unit_inside_the_role_bracket_still_counts(standard):
    m = HeaderMatcher(standard).match("年度办公和活动经费（自评，万元）")
    assert (m.field, m.unit_factor) == ("annual_funds@self", 10000)
    assert split_role("服务用房总面积（自评，㎡）") == ("self", "服务用房总面积(m2)")  # NFKC: ㎡ is m2


def test_inspected_value_is_scored_and_discrepancies_listed(standard, sheet):
    records = load_records(sheet, standard)
    frame = records.frame
    assert frame.at["A1", "service_area_m2"] == 300 and frame.at["A1", "police_room"] == False  # noqa: E712
    assert frame.at["A3", "service_area_m2"] == 400  # uninspected: the self-report counts (pack default)
    assert frame.at["A4", "service_area_m2"] == 280
    found = records.self_check.discrepancies
    listed = sorted(zip(found.index, found["field"], strict=True))
    assert listed == [("A1", "police_room"), ("A1", "service_area_m2"), ("A2", "satisfaction_rate")]
    a1 = found[(found.index == "A1") & (found["field"] == "service_area_m2")].iloc[0]
    assert (a1["self"], a1["inspected"], a1["difference"], a1["tolerance"]) == (420, 300, 120, 30)
    assert records.self_check.unverified.loc["A3"].to_dict() == {"service_area_m2": True, "police_room": True,
                                                                 "satisfaction_rate": True}


def test_a_discrepancy_warning_names_file_row_and_column(standard, sheet):
    records = load_records(sheet, standard)
    warnings = [w for w in records.warnings if w.code.startswith("self_discrepancy")]
    assert len(warnings) == 3 and all(w.severity == "warning" for w in warnings)
    area = next(w for w in warnings if "服务用房" in w.params["label"])
    assert (area.location.row, area.location.column, area.location.header) == (2, "C", "服务用房总面积（自评，㎡）")
    text = area.render("zh")
    assert "自评 420 ㎡" in text and "核查 300 ㎡" in text and "相差 120 ㎡" in text and "允许 30 ㎡" in text


def test_the_audit_record_carries_the_list(standard, sheet):
    report = score_records(standard, load_records(sheet, standard))
    a1 = community_record(report, "A1")["self_assessment"]
    assert {d["field"] for d in a1["discrepancies"]} == {"service_area_m2", "police_room"}
    area = next(d for d in a1["discrepancies"] if d["field"] == "service_area_m2")
    assert area == {"field": "service_area_m2", "label": "服务用房总面积", "self": 420, "inspected": 300,
                    "difference": 120, "tolerance": 30, "unit": "㎡"}
    assert community_record(report, "A3")["self_assessment"] == {
        "discrepancies": [], "unverified": ["service_area_m2", "police_room", "satisfaction_rate"]}
    # the scored value is the inspected one: 300 ㎡ meets the 300 ㎡ line although 420 was claimed
    finding = next(f for f in community_record(report, "A1")["findings"] if f["rule"] == "svc.service_area")
    assert finding["actual"] == 300
    result = runner.invoke(app, ["audit", str(sheet), "--format", "json"])
    assert result.exit_code == 0
    body = json.loads(result.stdout)
    assert [len(c["self_assessment"]["discrepancies"]) for c in body["communities"]] == [2, 1, 0, 0]
    assert "服务用房总面积：自评 420 ㎡" in result.stderr


def test_no_self_columns_means_an_empty_list(standard, tmp_path):
    folder = write(tmp_path / "p", "表.csv", "社区编码,社区名称,服务用房总面积\nB1,某社区,500\n")
    report = score_records(standard, load_records(folder, standard))
    assert report.records.self_check is None
    assert community_record(report, "B1")["self_assessment"] == {"discrepancies": [], "unverified": []}


def test_tolerances_and_uninspected_come_from_the_pack(tmp_path, sheet):
    pack = tmp_path / "pack.yaml"
    pack.write_text("extends: xinshi-2011\nid: t\nversion: '1'\nself_assessment:\n  uninspected: unknown\n"
                    "  points: 10\n  fields: {service_area_m2: 150}\n  source: {local: 测试用的容差设置。}\n",
                    encoding="utf-8")
    std = load_standard(pack)
    records = load_records(sheet, std)
    assert list(records.self_check.discrepancies["field"]) == ["police_room"]  # 120 ≤ 150, 9 ≤ 10
    assert records.frame["service_area_m2"].isna().tolist() == [False, False, True, False]  # A3: unknown
    assert not records.self_check.unverified.any().any()


def test_self_only_column_with_uninspected_unknown_is_explained(tmp_path):
    pack = tmp_path / "pack.yaml"
    pack.write_text("extends: xinshi-2011\nid: t\nversion: '1'\nself_assessment:\n  uninspected: unknown\n"
                    "  source: {local: 未核查的不计分。}\n", encoding="utf-8")
    folder = write(tmp_path / "d", "表.csv", "社区编码,社区名称,新图书数量（自评）\nC1,某社区,1500\n")
    records = load_records(folder, load_standard(pack))
    assert records.frame.at["C1", "new_books"] is not None and records.frame["new_books"].isna().all()
    [warning] = [w for w in records.warnings if w.code != "missing_columns"]  # (a sheet of one column)
    assert warning.code == "self_only" and warning.location.header == "新图书数量（自评）"


def test_plain_and_inspected_columns_are_the_same_field(standard, tmp_path):
    folder = write(tmp_path / "d", "表.csv",
                   "社区编码,社区名称,服务用房总面积,服务用房总面积（核查）\nD1,某社区,300,310\n")
    with pytest.raises(InputError) as err:
        load_records(folder, standard)
    assert [p.code for p in err.value.problems] == ["duplicate_header"]


def test_a_bad_self_value_is_an_error_in_its_own_cell(standard, tmp_path):
    folder = write(tmp_path / "d", "表.csv",
                   "社区编码,社区名称,服务用房总面积（自评）,服务用房总面积（核查）\nE1,某社区,很大,310\n")
    with pytest.raises(InputError) as err:
        load_records(folder, standard)
    problem = err.value.problems[0]
    assert (problem.code, problem.location.column, problem.location.header) == \
        ("bad_number", "C", "服务用房总面积（自评）")


def test_yaml_record_with_self_and_inspected_keys(standard, tmp_path):
    folder = write(tmp_path / "y", "社区.yaml", "社区编码: Y1\n社区名称: 某社区\nservice_area_m2_self: 600\n"
                   "service_area_m2_inspected: 450\n警务室（自评）: 有\n警务室（核查）: 有\n")
    records = load_records(folder, standard)
    assert records.frame.at["Y1", "service_area_m2"] == 450
    found = records.self_check.discrepancies
    assert list(found["field"]) == ["service_area_m2"]
    warning = next(w for w in records.warnings if w.code == "self_discrepancy")
    assert warning.location.row == 1 and warning.location.header == "service_area_m2_self"  # the record's line
