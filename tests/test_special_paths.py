"""Issue 17, item 13: only regular files are read. A FIFO, a device, a broken link or a link loop —
named on the command line or lying in a data folder under a data name — is an error that says what
it is (exit 2), never an internal error, a hang (a FIFO is never opened) or a silently missing
community."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.files import BROKEN_LINK, DEVICE, FIFO, FOLDER, LINK, LINK_LOOP, special_kind
from jingpin_cli.records.load import data_files, load_records

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"
HEADER = "社区编码,社区名称,所属街道,服务用房总面积\n"


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result


@pytest.fixture
def odd(tmp_path):
    """One of each: a FIFO, a broken link, a link loop, a link to a device, under data names."""
    os.mkfifo(tmp_path / "pipe.csv")
    os.mkfifo(tmp_path / "pipe.yaml")
    (tmp_path / "broken.csv").symlink_to(tmp_path / "nowhere.csv")
    (tmp_path / "loop.xlsx").symlink_to(tmp_path / "loop.xlsx")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    return tmp_path


def test_what_a_path_is(odd):
    (odd / "real.csv").write_text(HEADER, encoding="utf-8")
    (odd / "link.csv").symlink_to(odd / "real.csv")
    assert special_kind(odd / "real.csv") is None
    assert special_kind(odd / "link.csv") is None  # a link to a regular file is read through
    assert special_kind(odd / "link.csv", follow_links=False) == LINK  # but -o does not write through it
    assert special_kind(odd / "pipe.csv") == FIFO
    assert special_kind("/dev/zero") == DEVICE
    assert special_kind(odd / "zero.yaml") == DEVICE
    assert special_kind(odd / "broken.csv") == BROKEN_LINK
    assert special_kind(odd / "loop.xlsx") == LINK_LOOP
    assert special_kind(odd) == FOLDER
    assert special_kind(odd / "missing.csv") is None  # not_found is said by the reader


@pytest.mark.parametrize("lang, words", [
    ("zh", {"pipe.csv": "命名管道", "zero.yaml": "设备", "broken.csv": "失效的链接", "loop.xlsx": "链接循环"}),
    ("en", {"pipe.csv": "named pipe", "zero.yaml": "device", "broken.csv": "broken symbolic link",
            "loop.xlsx": "link loop"}),
])
def test_each_odd_entry_of_a_folder_is_named_not_skipped(odd, lang, words):
    (odd / "a.csv").write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    result = run("audit", odd, "--lang", lang)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    for name, word in words.items():
        line = next(line for line in lines if line.startswith(str(odd / name)))
        assert word in line, line
    assert "broken.csv" in result.stderr and "nowhere.csv" in result.stderr  # where the link points


def test_the_folder_lists_odd_entries_but_not_lock_files(odd):
    (odd / "~$a.xlsx").write_bytes(b"lock")
    names = [p.name for p in data_files(odd)]
    assert names == ["broken.csv", "loop.xlsx", "pipe.csv", "pipe.yaml", "zero.yaml"]


def test_a_folder_read_by_the_library_gives_not_regular_file(odd, standard):
    (odd / "a.csv").write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_records(odd, standard)
    codes = {Path(p.location.file).name: p.code for p in err.value.problems}
    assert codes == {name: "not_regular_file" for name in ("pipe.csv", "pipe.yaml", "broken.csv", "loop.xlsx",
                                                            "zero.yaml")}


@pytest.mark.parametrize("args, word", [
    (["audit", "{odd}/pipe.csv"], "命名管道"),
    (["audit", "/dev/zero"], "设备"),
    (["audit", "{odd}/broken.csv"], "失效的链接"),
    (["audit", "{odd}/loop.xlsx"], "链接循环"),
    (["check", "/dev/zero"], "设备"),
    (["check", "{odd}/pipe.yaml"], "命名管道"),
    (["check", "{odd}/loop.xlsx"], "链接循环"),
    (["check", SAMPLE, "--waivers", "{odd}/pipe.yaml"], "命名管道"),
    (["survey", "{odd}/pipe.csv"], "命名管道"),
    (["survey", "/dev/zero"], "设备"),
    (["diff", "{odd}/pipe.csv", SAMPLE], "命名管道"),
    (["screen", "{odd}/zero.yaml", "--top", "1"], "设备"),
    (["audit", SAMPLE, "--standard", "{odd}/loop.xlsx"], "链接循环"),
    (["audit", SAMPLE, "--waivers", "{odd}/broken.csv"], "失效的链接"),
])
def test_a_special_path_named_on_the_command_line_exits_2_saying_what_it_is(odd, args, word):
    args = [str(a).format(odd=odd) for a in args]
    result = run(*args)
    assert result.exit_code == 2, result.output
    named = next(a for a in args if str(odd) in a or a == "/dev/zero")
    assert result.stderr.startswith(named), result.stderr
    assert word in result.stderr and "不是普通文件" in result.stderr


def test_a_survey_file_that_is_a_fifo_is_named(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(SAMPLE, data)
    os.mkfifo(data / "surveys" / "第二批.csv")
    result = run("survey", data)
    assert result.exit_code == 2
    assert str(data / "surveys" / "第二批.csv") in result.stderr and "命名管道" in result.stderr


def test_a_link_to_a_regular_file_is_still_read(tmp_path):
    real = tmp_path / "elsewhere.csv"
    real.write_text(HEADER + "A1,甲社区,东街道,300\n", encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    (data / "a.csv").symlink_to(real)
    result = run("audit", data, "--format", "csv")
    assert result.exit_code in (0, 1) and "甲社区" in result.stdout
