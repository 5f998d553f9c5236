"""Reading survey answers: Chinese headers and answers, CSV and XLSX, every row not counted named
with its place and counted; the data folder's rates replaced and their source recorded."""

import openpyxl
import pytest

from jingpin_cli.errors import InputError, messages
from jingpin_cli.records.load import load_records
from jingpin_cli.records.surveys import answer_columns
from jingpin_cli.records.tables import read_csv_grid
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.survey.run import load_survey

TABLE = "社区编码,社区名称,群众认知度（%）,群众参与度（%）,群众满意度（%）,测评有效样本数\n" \
        "C1,新一代社区,90%,80%,99%,40\n" \
        "C2,铁塔社区,88%,,,50\n"


def write_csv(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8-sig")
    return path


def survey_csv(rows, header="序号,社区,类别,是否知晓,是否参与,满意程度", title=None):
    lines = ([title] if title else []) + [header] + [",".join(r) for r in rows]
    return "\n".join(lines) + "\n"


@pytest.fixture
def folder(tmp_path):
    write_csv(tmp_path / "摸底表.csv", TABLE)
    return tmp_path


def problems_by_code(problems):
    out = {}
    for p in problems:
        out.setdefault(p.code, []).append(p.location)
    return out


def test_answers_replace_typed_rates_and_sources_are_recorded(folder, standard):
    # 新一代: 4 answers; 知晓 3/4, 参与 2/4, 满意 (满意+基本满意) 2 of 3 valid (不了解 excluded)
    write_csv(folder / "surveys" / "新一代.csv", survey_csv([
        ("1", "新一代", "居民", "是", "是", "满意"), ("2", "新一代社区", "个体工商户", "是", "否", "基本满意"),
        ("3", "C1", "驻社区单位", "是", "是", "不满意"), ("4", "新一代", "居民", "否", "否", "不了解"),
    ], title="新一代社区群众评议问卷汇总"))
    records = load_records(folder, standard)
    frame = records.frame
    assert frame.at["C1", "awareness_rate"] == 75.0
    assert frame.at["C1", "participation_rate"] == 50.0
    assert frame.at["C1", "satisfaction_rate"] == pytest.approx(200 / 3)
    assert frame.at["C1", "survey_sample"] == 4
    assert frame.at["C2", "awareness_rate"] == 88.0  # no answers: the typed rate stays
    assert records.rate_sources.loc["C1"].tolist() == ["survey"] * 4
    assert records.rate_sources.at["C2", "awareness_rate"] == "table"
    assert records.rate_sources.at["C2", "satisfaction_rate"] is None
    # typed 90 / 80 / 99 against computed 75 / 50 / 66.7: each disagreement at the typed cell, both values named
    conflicts = [p for p in records.warnings if p.code == "survey_rate_conflict"]
    assert [(p.location.row, p.location.column) for p in conflicts] == [(2, "C"), (2, "D"), (2, "E")]
    text = conflicts[0].render()
    assert "90%" in text and "75%" in text and "摸底表.csv" in text
    assert records.survey.by_type.loc[("C1", "居民"), "respondents"] == 2


def test_rows_not_counted_are_named_with_row_numbers_and_counted(folder, standard):
    write_csv(folder / "surveys" / "answers.csv", survey_csv([
        ("1", "新一代", "居民", "是", "是", "满意"),      # row 2: counted
        ("2", "新一代", "居民", "是", "是", "很满意"),    # row 3: unknown answer (the rest counted)
        ("", "", "", "", "", ""),                         # row 4: blank row between answers
        ("4", "", "居民", "是", "是", "满意"),            # row 5: no community
        ("5", "幸福", "居民", "是", "是", "满意"),        # row 6: community not in the data
        ("6", "铁塔", "居民", "", "", ""),                # row 7: no answers
        ("7", "铁塔", "", "是", "", "满意"),              # row 8: blank 类别 and 是否参与
        ("", "", "", "", "", ""), ("", "", "", "", "", ""),  # trailing blank rows end the sheet
    ]))
    records = load_records(folder, standard)
    found = problems_by_code(records.warnings)
    file = str(folder / "surveys" / "answers.csv")
    assert [(loc.file, loc.row, loc.column) for loc in found["survey_unknown_answer"]] == [(file, 3, "F")]
    assert [loc.row for loc in found["survey_blank_row"]] == [4]
    assert [loc.row for loc in found["survey_missing_community"]] == [5]
    assert [(loc.row, loc.column) for loc in found["survey_unknown_community"]] == [(6, "B")]
    assert [loc.row for loc in found["survey_no_answers"]] == [7]
    assert [(loc.row, loc.column) for loc in found["survey_blank_answer"]] == [(8, "C")]
    counts = records.survey.counts
    assert counts["rows"] == 7 and counts["counted"] == 3
    assert counts["skipped"] == {"blank_row": 1, "missing_community": 1, "unknown_community": 1, "no_answers": 1}
    assert counts["unknown_answers"] == 1 and counts["blank_answers"] == 2
    assert records.frame.at["C1", "survey_sample"] == 2
    assert records.frame.at["C1", "satisfaction_rate"] == 100.0  # 1 valid: 很满意 is not counted
    assert records.frame.at["C2", "survey_sample"] == 1
    suggestion = next(p for p in records.warnings if p.code == "survey_unknown_community").render()
    assert "第 6 行" in suggestion and "幸福" in suggestion


def test_export_with_many_other_columns_reads_the_same_answers(tmp_path, standard):
    # a questionnaire export (问卷星) puts the answers among columns of its own; only the answer
    # columns are read (records.csv_text pick), yet an unknown header is still named where it is
    rows = [("1", "新一代", "居民", "是", "是", "满意"), ("2", "新一代", "居民", "否", "是", "不满意"),
            ("3", "铁塔", "驻社区单位", "是", "否", "一般"), ("4", "", "", "", "", "")]
    write_csv(tmp_path / "plain" / "s.csv", survey_csv(rows))
    wide = [("2024-05-0" + r[0], "1.2.3." + r[0], *r[1:3], "手机", *r[3:], "备注") for r in rows]
    write_csv(tmp_path / "export" / "s.csv",
              survey_csv(wide, header="提交时间,IP地址,社区,类别,来源,是否知晓,是否参与,满意程度,备注"))
    plain, export = load_survey(tmp_path / "plain", standard), load_survey(tmp_path / "export", standard)
    assert export.totals.equals(plain.totals) and export.by_type.equals(plain.by_type)
    assert export.totals.loc["新一代", ["awareness_yes", "awareness_n", "satisfaction_yes"]].tolist() == [1, 2, 1]
    # 一般 is not an answer the standard knows: reported at its own column (H in the export, F plain)
    unknown = [(p.location.row, p.location.column) for p in export.problems if p.code == "survey_unknown_answer"]
    assert unknown == [(4, "H")]
    assert [(p.location.row, p.location.column) for p in plain.problems if p.code == "survey_unknown_answer"] \
        == [(4, "F")]
    headers = {p.params["header"]: p.location.column for p in export.problems if p.code == "survey_unknown_header"}
    assert headers == {"提交时间": "A", "IP地址": "B", "来源": "E"}  # 备注 is one of the pack's ignored headers


def test_xlsx_every_sheet_with_a_survey_header_is_read(folder, standard):
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "新一代"
    ws.append(["社区名称", "受访者类别", "是否知晓", "是否参与", "满意程度（满意/基本满意/不满意/不了解）"])
    ws.append(["新一代", "居民", "是", "是", "满意"])
    ws2 = book.create_sheet("铁塔")
    ws2.append(["社区", "类别", "是否知晓", "是否参与", "满意度"])
    ws2.append(["铁塔", "驻社区单位", "否", "是", "不满意"])
    ws2.append(["铁塔", "居民", "是", "是", "一般"])
    notes = book.create_sheet("填表说明")
    notes.append(["请每位受访者填一行"])
    (folder / "surveys").mkdir()
    book.save(folder / "surveys" / "问卷.xlsx")
    records = load_records(folder, standard)
    assert records.frame.at["C1", "survey_sample"] == 1
    assert records.frame.at["C2", "awareness_rate"] == 50.0
    assert records.frame.at["C2", "satisfaction_rate"] == 0.0  # 一般 is not an answer the standard knows: not counted
    found = problems_by_code(records.warnings)
    assert [(loc.sheet, loc.row) for loc in found["survey_unknown_answer"]] == [("铁塔", 3)]
    assert [loc.sheet for loc in found["survey_no_header"]] == ["填表说明"]  # a warning: other sheets have a header


def test_unreadable_survey_files_stop_the_run_with_every_problem(folder, standard):
    write_csv(folder / "surveys" / "a.csv", "姓名,年龄\n张三,40\n")
    write_csv(folder / "surveys" / "b.csv", "社区,类别,备注\n新一代,居民,好\n")
    (folder / "surveys" / "c.xlsx").write_text("社区,类别\n", encoding="utf-8")  # a CSV saved as .xlsx
    write_csv(folder / "摸底表.csv", TABLE + "C3,,abc,,,\n")
    with pytest.raises(InputError) as exc:
        load_records(folder, standard)
    codes = {p.code for p in exc.value.problems if p.severity == "error"}
    assert codes == {"survey_no_header", "survey_no_questions", "bad_xlsx", "missing_name", "bad_number"}


def test_audit_findings_say_where_each_rate_came_from(folder, standard):
    write_csv(folder / "surveys" / "s.csv", survey_csv([("1", "新一代", "居民", "是", "是", "满意")] * 25))
    report = audit(standard, folder)
    from jingpin_cli.results.audit.record import community_record

    by_rule = {f["rule"]: f for f in community_record(report, "C1")["findings"]}
    sat = by_rule["har.satisfaction"]
    assert sat["source"] == "survey" and sat["sample"] == 25 and sat["actual"] == 100
    assert sat["interval"][0] == pytest.approx(86.7, abs=0.05)  # Wilson lower bound of 25/25
    assert sat["message"].endswith("；25 份，95% 区间 86–100%，样本不足 30 份")
    other = {f["rule"]: f for f in community_record(report, "C2")["findings"]}
    assert other["har.awareness"]["source"] == "table" and other["har.satisfaction"]["source"] is None
    # a typed rate's interval comes from the typed 测评有效样本数: 88 % of 50 → Wilson 76.2–94.4 %
    assert other["har.awareness"]["sample"] == 50
    assert other["har.awareness"]["interval"] == [pytest.approx(76.2, abs=0.05), pytest.approx(94.4, abs=0.05)]
    assert other["har.awareness"]["message"].endswith("；50 份，95% 区间 76–95%")
    assert by_rule["env.green_rate"]["source"] is None  # not a survey rate, and blank here


def test_bare_surveys_folder_groups_by_what_was_written(tmp_path, standard):
    write_csv(tmp_path / "s.csv", survey_csv([
        ("1", "新一代", "居民", "是", "是", "满意"), ("2", "新一代社区", "居民", "否", "是", "满意"),
        ("3", "130602001", "居民", "是", "否", "不满意"),
    ]))
    result = load_survey(tmp_path, standard)
    assert result.totals["respondents"].to_dict() == {"130602001": 1, "新一代": 2}
    assert result.counts["counted"] == 3


def test_survey_path_errors(tmp_path, standard):
    with pytest.raises(InputError) as exc:
        load_survey(tmp_path / "nope", standard)
    assert exc.value.problems[0].code == "not_found"
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError) as exc:
        load_survey(tmp_path / "empty", standard)
    assert exc.value.problems[0].code == "survey_no_files"


def test_rows_not_counted_alike_share_their_words(tmp_path, standard):
    # 50 rows answering 一般 and 50 leaving 是否知晓 blank: 100 warnings, each with its own row, and
    # the messages (errors.messages, used by the JSON and workbook outputs) those of each problem
    rows = [(str(i), "新一代", "居民", "是", "是", "一般") for i in range(50)]
    rows += [(str(i), "新一代", "居民", "", "是", "满意") for i in range(50, 100)]
    write_csv(tmp_path / "s.csv", survey_csv(rows))
    result = load_survey(tmp_path, standard)
    unknown = [p for p in result.problems if p.code == "survey_unknown_answer"]
    blank = [p for p in result.problems if p.code == "survey_blank_answer"]
    assert [p.location.row for p in unknown] == list(range(2, 52))
    assert [p.location.row for p in blank] == list(range(52, 102))
    assert messages(result.problems, "en") == [p.message("en") for p in result.problems]
    assert messages(unknown)[0] == unknown[0].message() and "一般" in messages(unknown)[0]


def test_a_quoted_comma_in_another_column_still_reads_only_the_answers(tmp_path, standard):
    # 意见 holds “很好,继续” (a comma inside quotes) and “"好"的” (a quote the fast parser takes as text):
    # the file is read the fast way, answer columns only (Grid.top set), both rows counted
    path = write_csv(tmp_path / "s.csv", '序号,社区,类别,是否知晓,是否参与,满意程度,意见\n'
                     '1,交通,居民,是,是,满意,"很好,继续"\n2,交通,居民,是,否,满意,"好"的\n')
    grid = read_csv_grid(path, answer_columns)
    assert grid.top is not None and list(grid.cells.columns) == [1, 2, 3, 4, 5]
    result = load_survey(path, standard)
    assert result.counts["counted"] == 2
    assert result.totals.loc["交通", ["participation_yes", "participation_n"]].tolist() == [1, 2]


def test_rows_not_counted_are_counted_by_reason_the_most_first_then_as_met(tmp_path, standard):
    # one row each: no community (row 2), blank between answers (row 3), no answers (row 5): equal
    # counts keep the order they are met in
    write_csv(tmp_path / "t.csv", "社区,类别,是否知晓,是否参与,满意程度\n,居民,是,是,满意\n,,,,\n"
                                  "交通,居民,是,是,满意\n幸福,居民,,,\n交通,居民,否,是,满意\n")
    skipped = load_survey(tmp_path, standard).counts["skipped"]
    assert list(skipped.items()) == [("missing_community", 1), ("blank_row", 1), ("no_answers", 1)]
