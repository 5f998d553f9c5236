"""Issue 20: `diff --format json` of two data folders writes its communities from columns (a block
at a time, each gap's text joined once per distinct pair of findings). The bytes must be exactly
what the canonical dict gives, written the plain way (every community built as a CommunityChange,
then indented_json): on the crafted folders of test_diff and test_explain, and on 600 communities
drawn at random on both sides, with blocks, pieces and the kept findings made tiny so that every
boundary is crossed."""

from __future__ import annotations

import csv
import io
import random
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats.diff import json as json_format
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.results.diff.compare import Changes, compare, load_side

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
TABLE = "社区排查摸底表.csv"


def plain_way(diff) -> str:
    """The JSON as the dict gives it: every community built, then laid out by indented_json."""
    return indented_json.dumps({**diff, "communities": list(diff["communities"])}) + "\n"


def columns_way(diff) -> str:
    assert isinstance(diff["communities"], Changes) and diff["communities"].a.codes is not None
    return b"".join(c if isinstance(c, bytes) else c.encode("utf-8") for c in json_format.render(diff)).decode()


def drawn(folder: Path, rows: list[list[str]], head: list[str], seed: int, n: int, skip: set[int]) -> Path:
    """n communities, each a sample community's row with a third of its cells taken from other rows
    (a few blank), ids 1..n except those in skip (so each side has communities the other lacks)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        if i in skip:
            continue
        row = list(rng.choice(rows))
        for c in range(3, len(head)):
            if rng.random() < 0.33:
                row[c] = "" if rng.random() < 0.08 else rng.choice(rows)[c]
        row[0], row[1] = f"9{i:05d}", f"第{i}社区"
        out.append(row)
    folder.mkdir()
    with (folder / TABLE).open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows([head, *out])
    return folder


@pytest.fixture(scope="module")
def random_pair(tmp_path_factory):
    root = tmp_path_factory.mktemp("columns")
    head, *rows = list(csv.reader(io.StringIO((SAMPLE / TABLE).read_text(encoding="utf-8-sig"))))
    return (drawn(root / "before", rows, head, 1, 600, {5, 77}), drawn(root / "after", rows, head, 2, 600, {9}))


def test_random_communities_give_the_same_bytes_across_every_boundary(random_pair, standard, monkeypatch):
    before, after = random_pair
    diff = compare(load_side(before, standard), load_side(after, standard), standard)
    expected = plain_way(diff)
    changes = diff["communities"]
    kinds = {k: sum(changes.count(k)) for k in ("closed", "opened", "remaining", "now_unknown")}
    assert all(kinds.values()), kinds  # every kind of change is met
    assert any(c["narrowed"] for c in changes) and diff["added"] and diff["removed"]
    assert columns_way(diff) == expected
    # tiny blocks and pieces, and kept findings let go after every few: the same bytes
    monkeypatch.setattr(json_format, "BLOCK", 7)
    monkeypatch.setattr(json_format, "PIECE", 13)
    monkeypatch.setattr(json_format, "KEEP", 5)
    assert columns_way(diff) == expected
    monkeypatch.setattr(json_format, "BLOCK", 1)
    assert columns_way(diff) == expected


def test_the_crafted_before_and_after_give_the_same_bytes(tmp_path, standard):
    # 友谊社区 earns more service space (narrowed, then met), 新一代社区 loses its secretary (opened),
    # one book count blanked (now unknown), and the surveys removed (source changed)
    after = tmp_path / "after"
    shutil.copytree(SAMPLE, after)
    shutil.rmtree(after / "surveys")
    rows = list(csv.reader(io.StringIO((after / TABLE).read_text(encoding="utf-8-sig"))))
    head = rows[0]
    for cid, header, value in [("130602009", "服务用房总面积（㎡）", "300"), ("130602007", "党组织书记在岗", "无"),
                               ("130602018", "群众满意度（%）", "96%"), ("130602004", "新图书数量（册）", "")]:
        next(r for r in rows if r[0] == cid)[head.index(header)] = value
    with (after / TABLE).open("w", encoding="utf-8-sig", newline="") as fh:
        csv.writer(fh).writerows(rows)
    diff = compare(load_side(SAMPLE, standard), load_side(after, standard), standard)
    assert sum(diff["communities"].count("source_changed")) and sum(diff["communities"].count("now_unknown"))
    assert columns_way(diff) == plain_way(diff)
    reverse = compare(load_side(after, standard), load_side(SAMPLE, standard), standard)
    assert columns_way(reverse) == plain_way(reverse)


def test_a_json_report_side_is_written_the_plain_way(tmp_path, standard):
    report = tmp_path / "old.json"
    assert CliRunner().invoke(app, ["audit", str(SAMPLE), "--format", "json", "-o", str(report)]).exit_code in (0, 1)
    diff = compare(load_side(report, standard), load_side(SAMPLE, standard), standard)
    assert diff["communities"].a.codes is None  # a report's records: each finding its own
    text = "".join(c if isinstance(c, str) else c.decode() for c in json_format.render(diff))
    assert text == plain_way(diff)
