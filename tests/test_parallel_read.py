"""Many files are read by worker processes (records.parallel): the records, warnings and every
problem must be those of reading the files one by one in this process, in the same order."""

import os
from pathlib import Path

import pandas as pd
import pytest

from jingpin_cli.errors import InputError
from jingpin_cli.records import parallel
from jingpin_cli.records.load import load_records

EXAMPLE = Path(__file__).resolve().parent.parent / "data" / "examples" / "新一代.yaml"


def folder_of_records(tmp_path: Path, broken: bool) -> Path:
    """30 one-community files made from the shipped example; some with bad values or bad YAML."""
    text = EXAMPLE.read_text(encoding="utf-8")
    folder = tmp_path / "records"
    folder.mkdir()
    for i in range(30):
        body = text.replace("新一代", f"新一代{i:02d}")
        body = "\n".join(f"社区编码: '1306{i:05d}'" if line.startswith("社区编码:") else line
                         for line in body.splitlines()) + "\n"
        if broken and i % 7 == 3:
            body = body.replace("服务用房总面积: 420", "服务用房总面积: 四百二十", 1)
        if broken and i == 11:
            body = "id: [unclosed\n"
        (folder / f"r{i:02d}.yaml").write_text(body, encoding="utf-8")
    return folder


def load(folder: Path, standard, monkeypatch, workers: bool):
    monkeypatch.setattr(parallel, "MIN_FILES", 1 if workers else 10**9)
    monkeypatch.setattr(parallel, "CHUNK", 4)  # several chunks, so the order of their results matters
    monkeypatch.setattr(parallel, "cores", lambda: 2)  # workers even on a one-core machine
    try:
        return load_records(folder, standard), None
    except InputError as exc:
        return None, [(p.code, p.location, p.params, p.severity) for p in exc.problems]


@pytest.mark.parametrize("broken", [False, True])
def test_workers_read_exactly_what_this_process_reads(tmp_path, standard, monkeypatch, broken):
    folder = folder_of_records(tmp_path, broken)
    one, one_problems = load(folder, standard, monkeypatch, workers=False)
    many, many_problems = load(folder, standard, monkeypatch, workers=True)
    assert many_problems == one_problems
    if broken:
        assert one_problems and any(p[0] == "bad_number" for p in one_problems)
        assert len({p[1].file for p in one_problems}) > 2  # problems from several files, in file order
        return
    pd.testing.assert_frame_equal(many.frame, one.frame)
    pd.testing.assert_frame_equal(many.origin, one.origin)
    assert many.warnings == one.warnings and list(many.frame.index) == sorted(many.frame.index)


def test_workers_are_used_only_for_many_files(monkeypatch):
    calls = []
    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor",
                        lambda *a, **k: calls.append(a) or pytest.fail("pool"))
    assert parallel.read_files([Path("a"), Path("b")], _echo) == ["a", "b"]
    assert calls == []


def _echo(path: Path) -> str:
    return path.name


def test_a_worker_that_dies_does_not_lose_the_files(monkeypatch):
    monkeypatch.setattr(parallel, "MIN_FILES", 1)
    monkeypatch.setattr(parallel, "CHUNK", 2)
    monkeypatch.setattr(parallel, "cores", lambda: 2)
    files = [Path(f"f{i}") for i in range(8)]
    assert parallel.read_files(files, _die_in_worker, os.getpid()) == [f.name for f in files]


def _die_in_worker(path: Path, parent: int) -> str:
    if os.getpid() != parent:
        os._exit(1)  # as a worker killed by the system would
    return path.name
