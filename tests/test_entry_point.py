"""The console entry point (`cli.main`) leaves by os._exit after flushing: nothing written to a pipe
may be lost, and the exit codes stay those of the commands."""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"


def jingpin(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jingpin_cli", *args], capture_output=True, timeout=300)


def test_a_large_report_on_a_pipe_arrives_whole(tmp_path):
    # 新一代社区 (130602007) has the 420 ㎡ it is waived for: an unused waiver warns, so stderr has something
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text('waivers:\n  - {community: "130602007", rule: svc.service_area, reason: 在建,'
                       " approver: 区委组织部, expires: 2099-12-31}\n", encoding="utf-8")
    done = jingpin("audit", str(SAMPLE), "--format", "json", "--waivers", str(waivers))
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)  # would fail on a cut-off document
    assert len(report["communities"]) == 75 and len(done.stdout) > 100_000
    assert "警告" in done.stderr.decode("utf-8")  # stderr is flushed too


def test_exit_codes_pass_through():
    assert jingpin("--version").returncode == 0
    assert jingpin("audit", str(SAMPLE), "--strict").returncode == 1
    missing = jingpin("audit", str(ROOT / "no-such-folder"))
    assert missing.returncode == 2 and b"Traceback" not in missing.stderr


def test_a_reader_that_stops_early_is_not_an_error():
    # `jingpin audit … | head -1`: the pipe closes while output is still being written
    proc = subprocess.Popen([sys.executable, "-m", "jingpin_cli", "audit", str(SAMPLE), "--format", "json"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.read(10)
    proc.stdout.close()
    stderr = proc.stderr.read()
    proc.wait(timeout=300)
    assert b"Traceback" not in stderr and b"internal error" not in stderr
