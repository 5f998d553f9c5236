"""The command line speaks Chinese by default (English with --lang en or JINGPIN_LANG=en): help of
every command, usage errors and did-you-mean, `jingpin` alone; outputs are honest about their suffix."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.commands.language import detect_lang, wrap
from jingpin_cli.formats import SUFFIXES

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"

COMMANDS = [[], ["audit"], ["screen"], ["survey"], ["check"], ["diff"], ["template"], ["standards"],
            *[["standards", sub] for sub in ("list", "show", "fields", "validate", "diff", "schema", "kinds")]]

# an English sentence: three or more English words in a row. Option names (--per-street), ids
# (svc.service_area), file names (source.txt), choices (table|json), command paths (jingpin
# standards fields) and typer's own value
# placeholders are not words of a sentence, so they are taken out first.
NOT_WORDS = re.compile(r"\bjingpin(?: [a-z]+)*|--?[\w-]+|\b[\w-]+\.[\w.-]+\b|<[^>]*>|\[[^\]]*\]|\{[^}]*\}|\S*[|/]\S*")
SENTENCE = re.compile(r"\b[A-Za-z]+[ ,]+[A-Za-z]+[ ,]+[A-Za-z]+\b")


def run(*args, env=None):
    return CliRunner().invoke(app, [str(a) for a in args], env={"COLUMNS": "80", **(env or {})})


def english_sentences(text: str) -> list[str]:
    return SENTENCE.findall(NOT_WORDS.sub(" ", text))


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "jingpin")
def test_help_of_every_command_is_chinese(command):
    result = run(*command, "--help")
    assert result.exit_code == 0, result.output
    assert "用法：" in result.output and "选项：" in result.output
    assert english_sentences(result.output) == []


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "jingpin")
def test_help_in_english_when_asked(command):
    by_option = run(*command, "--help", "--lang", "en") if command and command != ["standards"] else None
    by_env = run(*command, "--help", env={"JINGPIN_LANG": "en"})
    for result in filter(None, (by_option, by_env)):
        assert result.exit_code == 0, result.output
        assert "Usage:" in result.output and "Options:" in result.output
        assert english_sentences(result.output), result.output


def test_audit_help_states_each_option_in_chinese():
    out = run("audit", "--help").output
    assert "只看一个社区的完整报告" in out  # --community
    assert "[默认：100；x>=0]" in out  # --rows: typer's [default: …] note worded too
    assert "{数据文件夹}" in out and "<路径>" in out


def test_help_lines_fit_80_columns():
    from jingpin_cli.formats.kit.textwidth import display_width

    for command in (["audit"], ["screen"], ["check"], ["standards"]):
        lines = run(*command, "--help").output.splitlines()
        wide = [line for line in lines if display_width(line) > 80 and " " in line.strip()]
        assert wide == [], wide


def test_wrap_breaks_between_chinese_characters_never_inside_a_word():
    lines = wrap("写入此文件；不加 --format 时按后缀选格式，svc.service_area 不拆开", 12)
    assert all(len(line) for line in lines)
    assert any("--format" in line for line in lines) and any("svc.service_area" in line for line in lines)
    assert not any(line.startswith("，") for line in lines)  # punctuation stays with the text before it


@pytest.mark.parametrize(("args", "env", "lang"), [
    (["audit", "x", "--lang", "en"], {}, "en"),
    (["audit", "x", "--lang=en"], {}, "en"),
    (["audit", "x"], {"JINGPIN_LANG": "en"}, "en"),
    (["audit", "x", "--lang", "zh"], {"JINGPIN_LANG": "en"}, "zh"),  # the command line wins
    (["audit", "--", "--lang", "en"], {}, "zh"),  # after -- it is a file name
    (["audit", "x"], {}, "zh"),
    (["audit", "x"], {"JINGPIN_LANG": "en_US.UTF-8"}, "en"),  # as a locale is spelled
    (["audit", "x"], {"JINGPIN_LANG": "EN"}, "en"),
    (["audit", "x"], {"JINGPIN_LANG": "zh_CN.UTF-8"}, "zh"),
])
def test_language_is_read_before_parsing(args, env, lang):
    assert detect_lang(args, env) == lang


def test_a_locale_like_jingpin_lang_is_taken_and_another_left_aside_with_a_warning():
    # JINGPIN_LANG is set once and forgotten: en_US.UTF-8 means English; "fr" does not stop every
    # command (as an invalid --lang value does) but is left aside, with a warning in the language used
    english = run("audit", SAMPLE, "--community", "130602007", env={"JINGPIN_LANG": "en_US.UTF-8"})
    assert english.exit_code == 0 and "grade Excellent" in english.stdout
    chinese = run("audit", SAMPLE, "--community", "130602007", env={"JINGPIN_LANG": "fr"})
    assert chinese.exit_code == 0 and "等次 优秀" in chinese.stdout
    assert "环境变量 JINGPIN_LANG 的值“fr”不是 zh 或 en" in chinese.stderr
    told = run("audit", SAMPLE, "--community", "130602007", "--lang", "en", env={"JINGPIN_LANG": "fr"})
    assert told.exit_code == 0 and "JINGPIN_LANG is 'fr', neither zh nor en" in told.stderr


USAGE_ERRORS = [
    (["audit"], "缺少参数“数据文件夹”"),
    (["audit", SAMPLE, "--comunity", "新一代"], "没有 --comunity 这个选项；您是不是要找：--community"),
    (["screen", SAMPLE, "--top", "x"], "'--top' / '-n' 的值无效：“x”不是整数"),
    (["screen", SAMPLE, "--top", "0"], "'--top' / '-n' 的值无效：应不小于 1，而不是 0"),
    (["audti"], "没有“audti”这个命令；您是不是要找：audit"),
    (["audit", SAMPLE, "--lang", "fr"], "'--lang' 的值无效：“fr”不是可选值之一"),
    (["audit", SAMPLE, "另一个"], "多出的参数：另一个"),
    (["audit", SAMPLE, "-o"], "选项 -o 后面要跟一个值"),
]


@pytest.mark.parametrize(("args", "said"), USAGE_ERRORS, ids=lambda a: " ".join(map(str, a))[-40:])
def test_usage_errors_are_chinese(args, said):
    result = run(*args)
    assert result.exit_code == 2
    assert said in result.stderr
    assert "错误：" in result.stderr and "Error" not in result.stderr
    assert english_sentences(result.stderr.replace(str(SAMPLE), "")) == []


def test_usage_error_shows_chinese_usage_and_where_help_is():
    err = run("audit").stderr
    assert "用法：" in err and "[选项] {数据文件夹}" in err and "--help”查看帮助" in err


def test_usage_errors_stay_english_with_lang_en():
    result = run("audit", SAMPLE, "--comunity", "x", "--lang", "en")
    assert result.exit_code == 2
    assert "No such option: --comunity" in result.stderr and "--community" in result.stderr


def test_jingpin_alone_prints_a_chinese_guide_and_exits_0():
    result = run()
    assert result.exit_code == 0
    for step in ("jingpin audit 文件夹名", "jingpin --help", "快速上手", "--lang en"):
        assert step in result.stdout
    assert "Usage" not in result.stdout


def test_jingpin_alone_as_a_program_exits_0():
    env = {"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "jingpin_cli"], capture_output=True, text=True, env=env,
                          timeout=60)
    assert done.returncode == 0 and "jingpin audit 文件夹名" in done.stdout


# ---- output suffixes ---------------------------------------------------------------------------

REFUSED = {"audit": [".pdf", ".xls", ".et", ""], "screen": [".html", ".md"], "survey": [".html", ".md"],
           "diff": [".pdf", ".xls"], "check": [".html", ".pdf"], "template": [".csv", ".pdf"]}


def _args(command: str) -> list:
    return {"audit": [SAMPLE], "screen": [SAMPLE], "survey": [SAMPLE], "check": [SAMPLE],
            "diff": [SAMPLE, SAMPLE], "template": []}[command]


@pytest.mark.parametrize(("command", "suffix"), [(c, s) for c, ss in REFUSED.items() for s in ss])
def test_a_suffix_the_command_cannot_write_is_refused_with_the_list(command, suffix, tmp_path):
    out = tmp_path / f"报告{suffix}"
    result = run(command, *_args(command), "-o", out)
    assert result.exit_code == 2, result.output
    assert not out.exists()
    for accepted in SUFFIXES[command]:  # read from the registry: a format added later is listed too
        assert accepted in result.stderr
    assert "（无后缀）" in result.stderr if not suffix else f"“{suffix}”" in result.stderr


def test_refused_before_the_work_is_done(tmp_path):
    result = run("audit", SAMPLE, "-o", tmp_path / "报告.pdf")
    assert result.exit_code == 2 and "警告" not in result.stderr  # the data was not even read


def test_an_explicit_format_writes_any_name(tmp_path):
    out = tmp_path / "报告.dat"
    result = run("audit", SAMPLE, "--format", "json", "-o", out)
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("{")


@pytest.mark.parametrize(("args", "suffix"), [(["standards", "diff", "xinshi-2011", "strict-2013"], ".pdf"),
                                              (["standards", "schema"], ".md")])
def test_standards_outputs_refuse_unknown_suffixes(args, suffix, tmp_path):
    result = run(*args, "-o", tmp_path / f"x{suffix}")
    assert result.exit_code == 2 and ".json" in result.stderr


def test_standards_diff_follows_the_suffix(tmp_path):
    out = tmp_path / "变化.json"
    assert run("standards", "diff", "xinshi-2011", "strict-2013", "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8").lstrip().startswith("{")


def test_screen_file_has_every_community(tmp_path):
    out = tmp_path / "示范点.txt"
    result = run("screen", SAMPLE, "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    names = run("audit", SAMPLE, "--format", "json").stdout
    import json

    communities = [c["name"] for c in json.loads(names)["communities"]]
    assert len(communities) == 75
    assert all(name in text for name in communities)  # the terminal shows 15; a file all 75
    assert "前 15" not in text


def test_screen_terminal_keeps_its_cut():
    result = run("screen", SAMPLE)
    rows = [line for line in result.stdout.splitlines() if re.match(r"^\s*│\s*\d+=?\s*│", line)]
    assert 0 < len(rows) < 75


# ---- small things --------------------------------------------------------------------------------

def test_check_counts_every_file_it_read():
    result = run("check", SAMPLE)
    surveys = len(list((SAMPLE / "surveys").glob("*.csv")))
    assert f"检查了 {1 + surveys} 个文件" in result.stdout  # the sheet and each survey file


def test_a_new_data_file_inside_the_data_folder_says_why(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "表.csv").write_bytes((SAMPLE / "社区排查摸底表.csv").read_bytes())
    result = run("audit", data, "-o", data / "结果.csv")
    assert result.exit_code == 2
    assert "下次运行时它会被当作一份数据读入" in result.stderr and "结果.csv" in result.stderr
    assert not (data / "结果.csv").exists()
    report = run("audit", data, "-o", data / "报告.html")  # a report the folder does not read is fine
    assert report.exit_code == 0 and (data / "报告.html").exists()


# ---- standards fields / show / kinds / list --------------------------------------------------------

def test_standards_fields_is_chinese_and_keeps_keys_whole():
    out = run("standards", "fields").stdout
    for word in ("字段名", "中文表头", "类型", "单位", "也可写作", "整数", "是否", "比率(%)"):
        assert word in out
    assert "│ party_secretary " in out  # whole, not party_secreta / ry
    assert english_sentences(out) == []


def test_standards_show_by_chinese_title_says_what_it_matched():
    result = run("standards", "show", "服务用房总面积")
    assert result.exit_code == 0
    assert result.stdout.startswith("按规则名称“服务用房总面积”找到 svc.service_area")
    assert "类型: 门槛 — 数值达到 min 得满分" in result.stdout


def test_standards_show_by_field_label():
    result = run("standards", "show", "警务室")
    assert result.exit_code == 0 and "按字段“警务室”找到读取它的规则 svc.rooms" in result.stdout


def test_standards_show_unknown_title_offers_the_closest():
    result = run("standards", "show", "服务面积")
    assert result.exit_code == 2 and "是不是“服务用房总面积”" in result.stderr


def test_standards_show_a_field_no_rule_reads():
    result = run("standards", "show", "户数")
    assert result.exit_code == 2 and "没有规则读取它" in result.stderr


def test_standards_kinds_in_chinese_and_english():
    zh, en = run("standards", "kinds").stdout, run("standards", "kinds", "--lang", "en").stdout
    assert "门槛（threshold）：" in zh and "扣分制（deduction）：" in zh
    assert "threshold: A number at or above" in en


def test_help_stays_quick_without_pandas():
    code = "import sys; from jingpin_cli.cli import app; print('pandas' in sys.modules, 'pydantic' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"}, timeout=60)
    assert done.stdout.split() == ["False", "False"]


def test_standards_alone_shows_its_commands_and_exits_0():
    result = run("standards")
    assert result.exit_code == 0
    assert "fields" in result.stdout and "字段表" in result.stdout


def test_the_english_field_table_fits_80_columns_without_breaking_a_word():
    import unicodedata

    from jingpin_cli.standard import load_standard

    result = run("standards", "fields", "--lang", "en")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert max(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line) for line in lines) <= 80
    cells = {cell.strip() for line in lines for cell in line.split("│")}
    for field in load_standard().fields:
        assert field.key in cells and field.en in cells  # each whole, on a line of its own
    assert "aliases" in result.stdout  # the caption says where the left-out column went


def test_a_blank_table_left_in_the_data_folder_says_what_to_do(tmp_path):
    folder = tmp_path / "数据"
    folder.mkdir()
    assert run("template", "-o", folder / "排查摸底表.xlsx").exit_code == 0
    result = run("audit", folder)
    assert result.exit_code == 2
    assert "只有表头" in result.stderr and "移出数据文件夹" in result.stderr
