"""Loaders: CSV (UTF-8, BOM, GBK), XLSX and YAML records, with everything fields.md promises."""

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records

HEADER = "社区编码,社区名称,服务用房总面积（平方米）,警务室,群众满意度,新图书数量,年度办公和活动经费（万元）\n"
ROWS = "A1,新一代社区,３００,有,95%,\"1,200册\",4.5\nA2,铁塔社区,260㎡,×,0.93,,\n"


def write(path: Path, text: str, encoding: str = "utf-8") -> Path:
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_csv_encodings_read_the_same(tmp_path, standard, encoding):
    write(tmp_path / "表.csv", HEADER + ROWS, encoding)
    records = load_records(tmp_path, standard)
    f = records.frame
    assert list(f.index) == ["A1", "A2"]
    assert f.at["A1", "service_area_m2"] == 300 and f.at["A2", "service_area_m2"] == 260
    assert bool(f.at["A1", "police_room"]) is True and bool(f.at["A2", "police_room"]) is False
    assert f.at["A1", "satisfaction_rate"] == 95 and f.at["A2", "satisfaction_rate"] == 93
    assert f.at["A1", "new_books"] == 1200
    assert f.at["A1", "annual_funds"] == 45000, "万元 in the header means ×10 000"


def test_blank_is_unknown_not_zero_or_no(tmp_path, standard):
    write(tmp_path / "a.csv", HEADER + ROWS)
    f = load_records(tmp_path, standard).frame
    assert pd.isna(f.at["A2", "new_books"]) and pd.isna(f.at["A2", "annual_funds"])
    assert pd.isna(f.at["A1", "fitness_area_m2"]), "a column not in the file is unknown"


def test_xlsx_with_title_row_and_chinese_headers(tmp_path, standard):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "排查表"
    ws.append(["新市区社区排查摸底表"])
    ws.append(["序号", "社区编码", "社区名称", "服务用房总面积(㎡)", "党组织书记在岗", "群众认知度"])
    ws.append([1, "A1", "新一代社区", 320, "是", 0.92])
    ws.append([2, "A2", "铁塔社区", "280平米", "否", "88%"])
    book.save(tmp_path / "t.xlsx")
    records = load_records(tmp_path, standard)
    f = records.frame
    assert f.at["A1", "service_area_m2"] == 320 and f.at["A2", "service_area_m2"] == 280
    assert f.at["A1", "awareness_rate"] == pytest.approx(92) and f.at["A2", "awareness_rate"] == 88
    loc = records.locate("A2", "service_area_m2")
    assert (loc.sheet, loc.row, loc.column, loc.header) == ("排查表", 4, "D", "服务用房总面积(㎡)")


def test_yaml_record_with_lists(standard):
    records = load_records(Path(__file__).parent.parent / "data" / "examples", standard)
    f = records.frame
    row = f.loc["130602007"]
    assert bool(row["police_room"]) and not bool(row["science_school"]), "a facility not listed is absent"
    assert row["service_area_m2"] == 420 and row["new_books"] == 1260 and row["annual_funds"] == 45000
    assert row["satisfaction_rate"] == 93.5
    assert bool(row["archive_innovation"])


def test_yaml_communities_list_and_keys(tmp_path, standard):
    write(tmp_path / "c.yaml", "communities:\n  - {id: Y1, name: 甲社区, service_area_m2: 310}\n"
                               "  - {社区编码: Y2, 社区名称: 乙社区, 服务用房: 290 m2, facilities: [警务室]}\n")
    f = load_records(tmp_path, standard).frame
    assert f.at["Y1", "service_area_m2"] == 310 and f.at["Y2", "service_area_m2"] == 290
    assert bool(f.at["Y2", "police_room"]) and not bool(f.at["Y2", "office"])
    assert pd.isna(f.at["Y1", "police_room"]), "no list given: unknown"


@pytest.mark.parametrize("cells,field,expected", [
    ("有", "police_room", True), ("无", "police_room", False), ("√", "police_room", True), ("✗", "police_room", False),
    ("Ｙ", "police_room", True), ("no", "police_room", False), ("TRUE", "police_room", True),
    ("0", "police_room", False),
    ("１，２００", "new_books", 1200), ("0.95", "satisfaction_rate", 95), ("95.0", "satisfaction_rate", 95),
    ("1.5万元", "annual_funds", 15000), ("12 次", "culture_activities", 12), ("300 m²", "service_area_m2", 300),
])
def test_value_spellings(tmp_path, standard, cells, field, expected):
    label = standard.field(field).zh
    write(tmp_path / "v.csv", f"社区编码,社区名称,{label}\nA1,甲,\"{cells}\"\n")
    value = load_records(tmp_path, standard).frame.at["A1", field]
    assert value == expected


@pytest.mark.parametrize("cells,field,code", [
    ("maybe", "police_room", "bad_bool"), ("abc", "new_books", "bad_number"), ("10册", "service_area_m2", "bad_unit"),
    ("-5", "service_area_m2", "negative"), ("101%", "satisfaction_rate", "rate_range"),
    ("12.5", "culture_activities", "not_integer"),
    ("120", "sanitation_score", "score_range"),
])
def test_bad_values_name_file_row_column(tmp_path, standard, cells, field, code):
    label = standard.field(field).zh
    write(tmp_path / "v.csv", f"社区编码,社区名称,{label}\nA1,甲,1\nA2,乙,{cells}\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    [p] = err.value.problems
    assert p.code == code
    assert (Path(p.location.file).name, p.location.row, p.location.column, p.location.header) == \
        ("v.csv", 3, "C", label)
    assert cells in p.render("zh") and "v.csv" in p.render("en")


def test_unknown_header_suggests_the_closest(tmp_path, standard):
    write(tmp_path / "a.csv", "社区编码,社区名称,服务用房面积数\nA1,甲,1\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    [p] = err.value.problems
    assert p.code == "unknown_header" and p.location.column == "C"
    assert "服务用房总面积" in p.render("zh") and "did you mean" in p.render("en")


def test_header_unit_that_does_not_fit(tmp_path, standard):
    write(tmp_path / "a.csv", "社区编码,社区名称,服务用房总面积（册）\nA1,甲,1\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    assert err.value.problems[0].code == "bad_header_unit"


def test_duplicate_id_across_files_names_both_places(tmp_path, standard):
    write(tmp_path / "a.csv", "社区编码,社区名称\nA1,甲\n")
    write(tmp_path / "b.yaml", "id: A1\nname: 甲二\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    [p] = err.value.problems
    assert p.code == "duplicate_id"
    text = p.render("en")
    assert "a.csv" in text and "b.yaml" in text


def test_every_problem_of_every_file_is_reported(tmp_path, standard):
    write(tmp_path / "a.csv", "社区编码,社区名称,警务室\nA1,甲,maybe\nA2,,有\n")
    write(tmp_path / "b.yaml", "id: B1\nname: 乙\nservice_area: 3\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    codes = sorted(p.code for p in err.value.problems)
    assert codes == ["bad_bool", "missing_name", "unknown_key"]
    yaml_problem = next(p for p in err.value.problems if p.code == "unknown_key")
    assert yaml_problem.location.line == 3


def test_the_columns_the_rules_read_and_no_table_has_are_named_once(tmp_path, standard):
    """A warning for the folder's one table, naming the fields (at most 10, then …) and how many;
    none where the data does not read (an unknown header is often the column missing)."""
    write(tmp_path / "a.csv", "社区编码,社区名称,服务用房总面积\nA1,甲,300\n")
    records = load_records(tmp_path, standard)
    [warning] = records.warnings
    read = {k for r in standard.rules for k in r.fields} | {c.field for r in standard.rules for _, c in r.conditions}
    assert warning.code == "missing_columns" and warning.location.file == str(tmp_path / "a.csv")
    assert warning.params["n"] == len(read - {"service_area_m2"})
    assert str(warning.params["labels"]).startswith("党组织书记在岗、") and str(warning.params["labels"]).endswith("…")
    write(tmp_path / "a.csv", "社区编码,社区名称,服务用房面积数\nA1,甲,300\n")
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    assert [p.code for p in err.value.problems] == ["unknown_header"]


def test_total_row_is_skipped_with_a_warning(tmp_path, standard):
    write(tmp_path / "a.csv", "社区编码,社区名称,服务用房总面积\nA1,甲,300\nA2,乙,200\n合计,,500\n")
    records = load_records(tmp_path, standard)
    assert list(records.frame.index) == ["A1", "A2"]
    assert [p.code for p in records.warnings if p.code != "missing_columns"] == ["note_row"]  # (a few columns)


def test_missing_folder_and_empty_folder(tmp_path, standard):
    with pytest.raises(InputError) as err:
        load_records(tmp_path / "nope", standard)
    assert err.value.problems[0].code == "not_found"
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    assert err.value.problems[0].code == "no_data_files"


def test_inputs_are_not_modified(tmp_path, standard):
    path = write(tmp_path / "a.csv", HEADER + ROWS)
    before = path.read_bytes()
    load_records(tmp_path, standard)
    assert path.read_bytes() == before


def test_a_yaml_record_not_in_utf8_says_so(tmp_path, standard):
    (tmp_path / "a.yaml").write_bytes("id: A1\nname: 新一代社区\n".encode("gbk"))
    with pytest.raises(InputError) as err:
        load_records(tmp_path, standard)
    [p] = err.value.problems
    assert p.code == "yaml_encoding" and "UTF-8" in p.render("zh") and "a.yaml" in p.render("en")
