"""`jingpin survey` end to end: formats, parity with the library, safe spreadsheets, exit codes; and
the sample answers are what the seeded generator writes."""

import csv
import io
import json
import shutil
import subprocess
import sys
from pathlib import Path

import openpyxl
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.results.survey.record import community_records
from jingpin_cli.results.survey.run import load_survey

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
runner = CliRunner()


def run(*args, width: int = 200):
    result = runner.invoke(app, [str(a) for a in args], env={"COLUMNS": str(width)})
    assert "Traceback" not in (result.output or "")
    return result


def write_survey(folder: Path, rows, name="s.csv") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("社区,类别,是否知晓,是否参与,满意程度\n" + "".join(",".join(r) + "\n" for r in rows),
                    encoding="utf-8")
    return path


def test_table_of_the_sample():
    result = run("survey", SAMPLE)
    assert result.exit_code == 0
    out = result.output
    for piece in ("新一代社区", "居民", "个体工商户", "驻社区单位", "读取 8 个文件", "没有驻社区单位的问卷",
                  "少于 30 份"):
        assert piece in out, piece
    # the sample warns about nothing (issue 18: a warning on every command read as a fault)
    assert "警告" not in out


def test_a_typed_rate_the_answers_do_not_bear_out_is_reported(tmp_path):
    """朝阳社区's table carries its survey's 76.5 %; typed as 82.3 %, the survey wins and says so."""
    folder = tmp_path / "data"
    shutil.copytree(SAMPLE, folder)
    table = folder / "社区排查摸底表.csv"
    text = table.read_text(encoding="utf-8-sig")
    row = next(line for line in text.splitlines() if line.startswith("130602018,"))
    assert ",76.5%," in row
    table.write_text(text.replace(row, row.replace(",76.5%,", ",82.3%,")), encoding="utf-8-sig")
    assert "群众满意度填报 82.3%，问卷算得 76.5%" in run("survey", folder).output


def test_json_is_the_library_record(standard):
    result = run("survey", SAMPLE, "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert doc["settings"]["satisfied"] == ["满意", "基本满意"] and doc["settings"]["min_sample"] == 30
    assert doc["communities"] == community_records(load_survey(SAMPLE, standard), standard)
    pilot = next(c for c in doc["communities"] if c["name"] == "新一代社区")
    sat = pilot["satisfaction"]
    assert (sat["yes"], sat["valid"], sat["required"], sat["meets"]) == (46, 49, 95.0, False)
    assert sat["low"] < sat["rate"] < sat["high"]
    assert [t["type"] for t in pilot["by_type"]] == ["居民", "个体工商户", "驻社区单位"]
    assert sum(t["respondents"] for t in pilot["by_type"]) == pilot["respondents"] == 50
    assert doc["counts"]["counted"] == doc["counts"]["rows"]


def test_csv_and_xlsx_neutralise_formulas(tmp_path):
    write_survey(tmp_path / "in", [("=HYPERLINK(\"http://x\")", "居民", "是", "是", "满意"),
                                   ("@SUM(A1)", "居民", "否", "否", "不满意")])
    result = run("survey", tmp_path / "in", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert rows[0][:4] == ["社区编码", "社区名称", "类别", "问卷份数"]
    firsts = {r[0] for r in rows[1:]}
    assert firsts == {"'=HYPERLINK(\"http://x\")", "'@SUM(A1)"}
    out = tmp_path / "out.xlsx"
    result = run("survey", tmp_path / "in", "-o", out, "--lang", "en")
    assert result.exit_code == 0 and out.exists()
    book = openpyxl.load_workbook(out)
    sheet = book["Survey"]
    assert sheet["A1"].value == "id" and sheet["C2"].value == "all"
    values = {sheet.cell(r, 1).value for r in range(2, sheet.max_row + 1)}
    assert values == {"'=HYPERLINK(\"http://x\")", "'@SUM(A1)"}
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_never_writes_over_its_input(tmp_path):
    source = write_survey(tmp_path, [("新一代", "居民", "是", "是", "满意")])
    before = source.read_bytes()
    result = run("survey", source, "-o", source)
    assert result.exit_code == 2
    assert source.read_bytes() == before


def test_bad_input_exits_2_with_a_located_message(tmp_path):
    result = run("survey", tmp_path / "missing")
    assert result.exit_code == 2 and "找不到" in result.output
    (tmp_path / "s.csv").write_text("姓名,电话\n张三,123\n", encoding="utf-8")
    result = run("survey", tmp_path / "s.csv", "--lang", "en")
    assert result.exit_code == 2
    assert "s.csv" in result.output and "no survey header row" in result.output


def test_strict_fails_on_answers_not_counted(tmp_path):
    rows = [("新一代", t, "是", "是", "满意") for t in ("居民", "个体工商户", "驻社区单位") for _ in range(12)]
    write_survey(tmp_path, rows)
    assert run("survey", tmp_path, "--strict").exit_code == 0
    write_survey(tmp_path, rows + [("新一代", "居民", "是", "是", "还行")])
    result = run("survey", tmp_path, "--strict")
    assert result.exit_code == 1
    assert "第 38 行" in result.output and "还行" in result.output


def test_help_does_not_import_pandas():
    code = "import sys, jingpin_cli.cli; print('pandas' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"


def test_sample_answers_are_what_the_seeded_generator_writes(tmp_path):
    subprocess.run([sys.executable, str(ROOT / "scripts" / "make_sample_data.py"), "--out", str(tmp_path)],
                   check=True, capture_output=True, env={"PYTHONHASHSEED": "random", "PATH": ""})
    made = tmp_path / "xinshi-2011"
    shipped = sorted(p.relative_to(SAMPLE) for p in SAMPLE.rglob("*.csv"))
    assert sorted(p.relative_to(made) for p in made.rglob("*.csv")) == shipped
    for rel in shipped:
        assert (made / rel).read_bytes() == (SAMPLE / rel).read_bytes(), rel


def test_the_workbook_holds_rates_as_percent_cells(tmp_path):
    """Four answers of 新一代: 3 of 4 know (75 %), 2 of 4 take part (50 %), 3 of 4 satisfied (75 %).
    The CSV writes 75.0 under “认知度(%)”; the workbook writes 0.75 in a “0.0%” cell under “认知度”,
    its bounds likewise, so Excel sorts and sums them as shares."""
    write_survey(tmp_path / "in", [("新一代", "居民", "是", "是", "满意"), ("新一代", "居民", "是", "否", "满意"),
                                   ("新一代", "居民", "是", "是", "满意"), ("新一代", "居民", "否", "否", "不满意")])
    rows = list(csv.reader(io.StringIO(run("survey", tmp_path / "in", "--format", "csv").stdout.lstrip("\ufeff"))))
    assert rows[0][5] == "认知度(%)" and float(rows[1][5]) == 75.0
    out = tmp_path / "out.xlsx"
    assert run("survey", tmp_path / "in", "-o", out).exit_code == 0
    sheet = openpyxl.load_workbook(out)["群众评议"]
    head = [c.value for c in sheet[1]]
    assert head[4:8] == ["认知度有效回答", "认知度", "认知度95%下限", "认知度95%上限"]
    assert not any("(%)" in h for h in head)
    know, take_part = sheet.cell(2, 6), sheet.cell(2, 10)
    assert (know.value, know.number_format) == (0.75, "0.0%")
    assert (take_part.value, take_part.number_format) == (0.5, "0.0%")
    low, high = sheet.cell(2, 7), sheet.cell(2, 8)
    assert 0 < low.value < 0.75 < high.value <= 1 and low.number_format == high.number_format == "0.0%"
    assert sheet.cell(2, 5).number_format == "General"  # counts stay plain numbers
