"""Where -o may write: a new name or an existing regular file, atomically; `-` is standard output.
A symbolic link, a FIFO, a device or a folder is refused with exit 2 and left as it was (issue 17:
as root, `-o /dev/null` used to replace the device with a regular file)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app

SAMPLE = os.path.join(os.path.dirname(__file__), "..", "data", "xinshi-2011")


def run(*args):
    return CliRunner().invoke(app, [str(a) for a in args])


def test_a_symlink_is_refused_and_neither_it_nor_its_target_changes(tmp_path):
    target = tmp_path / "old.csv"
    target.write_text("kept\n", encoding="utf-8")
    link = tmp_path / "report.csv"
    link.symlink_to(target)
    result = run("audit", SAMPLE, "-o", link)
    assert result.exit_code == 2
    assert "output_not_regular" not in result.stdout and "链接" in result.stderr
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "kept\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv", "report.csv"]  # no temp file left


def test_a_fifo_is_refused_without_blocking(tmp_path):
    fifo = tmp_path / "report.json"
    os.mkfifo(fifo)
    result = run("screen", SAMPLE, "--top", "3", "-o", fifo)
    assert result.exit_code == 2
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_is_refused_in_english_too():
    before = os.lstat("/dev/null")
    result = run("audit", SAMPLE, "--lang", "en", "--format", "csv", "-o", "/dev/null")
    assert result.exit_code == 2
    assert "not a link, device, pipe or folder" in result.stderr
    after = os.lstat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_a_folder_is_refused(tmp_path):
    folder = tmp_path / "out.md"
    folder.mkdir()
    assert run("audit", SAMPLE, "-o", folder).exit_code == 2
    assert folder.is_dir() and not any(folder.iterdir())


@pytest.mark.parametrize("args", [["audit", SAMPLE, "--format", "csv"], ["screen", SAMPLE, "--top", "3"],
                                  ["diff", SAMPLE, SAMPLE], ["template"]])
def test_dash_writes_to_standard_output_and_creates_no_file(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    result = run(*args, "-o", "-")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip()
    assert not (tmp_path / "-").exists()


def test_a_regular_file_is_still_replaced_atomically(tmp_path):
    out = tmp_path / "report.csv"
    out.write_text("old\n", encoding="utf-8")
    assert run("audit", SAMPLE, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("社区编码")


def test_a_pack_or_waiver_file_that_is_a_device_or_fifo_is_refused_at_once(tmp_path):
    """Issue 17, item 4: /dev/zero as a pack read until memory ran out; a FIFO hung for ever."""
    fifo = tmp_path / "pack.yaml"
    os.mkfifo(fifo)
    for args in (["audit", SAMPLE, "--standard", "/dev/zero"], ["standards", "validate", fifo],
                 ["audit", SAMPLE, "--waivers", fifo]):
        result = run(*args)
        assert result.exit_code in (1, 2), (args, result.output)
        assert "不是普通文件" in result.stderr + result.stdout, args


def test_markdown_links_and_images_in_names_are_not_live(tmp_path):
    """Issue 17, item 14: a name such as ![x](http://…) must not load a remote image in a .md report."""
    from jingpin_cli.formats.kit.escape import md_text

    assert md_text("![x](http://example.com/a.png)") == "\\!\\[x\\](http://example.com/a.png)"
    assert md_text("[点我](http://example.com)") == "\\[点我\\](http://example.com)"


def test_sigterm_during_a_run_leaves_no_temp_file(tmp_path):
    """Issue 17, item 9: SIGTERM or SIGHUP unwinds like Ctrl-C, so the atomic writer's temp file goes."""
    import signal
    import subprocess
    import sys
    import time

    out = tmp_path / "report.json"
    script = ("import signal, os, sys\n"
              "from jingpin_cli.commands import output\n"
              "real = output.os.replace\n"
              "def slow(src, dst):\n"
              "    os.kill(os.getpid(), signal.SIGTERM)\n"  # arrives while the temp file exists
              "    real(src, dst)\n"
              "output.os.replace = slow\n"
              "from jingpin_cli.cli import main\n"
              f"sys.argv = ['jingpin', 'audit', {SAMPLE!r}, '-o', {str(out)!r}]\n"
              "main()\n")
    started = time.monotonic()
    proc = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 128 + signal.SIGTERM, proc.stderr
    assert list(tmp_path.iterdir()) == [], "neither a report nor a temp file is left"
    assert time.monotonic() - started < 120


@pytest.mark.parametrize("args, name", [(["audit", SAMPLE], "报告.pdf"), (["audit", SAMPLE], "报告"),
                                        (["screen", SAMPLE], "示范点.html"), (["template"], "t.csv"),
                                        (["survey", SAMPLE], "s.md"), (["diff", SAMPLE, SAMPLE], "d.pdf")])
def test_a_suffix_the_command_cannot_write_is_refused_with_the_ones_it_can(tmp_path, args, name):
    """Issue 17 item 15 (template wrote YAML under -o t.csv) and interfaces.md: exit 2, the list, no file."""
    out = tmp_path / name
    result = run(*args, "-o", out)
    assert result.exit_code == 2
    from jingpin_cli.formats import SUFFIXES

    assert "本命令可写" in result.stderr
    assert all(suffix in result.stderr for suffix in SUFFIXES[args[0]])
    assert not out.exists()


def test_why_the_system_refused_is_said_in_the_users_language(tmp_path):
    """errors.os_detail: not the system's English (“No such file or directory”) after the Chinese."""
    out = tmp_path / "没有这个文件夹" / "结果.xlsx"
    zh = run("audit", SAMPLE, "-o", str(out))
    assert zh.exit_code == 2 and "无法写入输出文件：文件或文件夹不存在，请检查路径" in zh.output
    assert "No such file" not in zh.output
    en = run("audit", SAMPLE, "-o", str(out), "--lang", "en")
    assert "cannot write the output: no such file or folder; check the path" in en.output


def test_an_output_beside_a_data_table_given_is_warned_of(tmp_path):
    """Written beside the one table given, a result workbook would be read as data with the folder
    next time: written, with a warning; a report format, or an output elsewhere, without."""
    folder = tmp_path / "街道"
    folder.mkdir()
    table = folder / "摸底表.csv"
    table.write_bytes((Path(SAMPLE) / "社区排查摸底表.csv").read_bytes())
    beside = run("audit", table, "-o", folder / "结果.xlsx")
    assert beside.exit_code == 0 and (folder / "结果.xlsx").is_file()
    assert "警告" in beside.output and "以后读取整个文件夹时，它会被当作一份数据读入" in beside.output
    for out in (folder / "结果.html", tmp_path / "结果.xlsx"):
        quiet = run("audit", table, "-o", out)
        assert quiet.exit_code == 0 and "警告" not in quiet.output
