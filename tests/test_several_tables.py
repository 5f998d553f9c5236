"""A folder of several tables (a province as one file per district) is typed table by table on whole
columns and stacked: the records are those of the same rows in one file, a column one table lacks
is blank (unknown) in its rows and keeps its type, and each problem names its own file and row."""

import csv
from pathlib import Path

import pandas as pd

from jingpin_cli.records.load import load_records

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011" / "社区排查摸底表.csv"


def rows() -> tuple[list[str], list[list[str]]]:
    with SAMPLE.open(encoding="utf-8-sig", newline="") as fh:
        table = list(csv.reader(fh))
    return table[0], table[1:]


def write(path: Path, head: list[str], body: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([head, *body])


def test_several_tables_read_as_the_one_table(standard, tmp_path):
    head, body = rows()
    one, several = tmp_path / "one", tmp_path / "several"
    one.mkdir(), several.mkdir()
    write(one / "all.csv", head, body)
    for j, start in enumerate(range(0, len(body), 30)):
        write(several / f"part{j}.csv", head, body[start:start + 30])
    whole, parts = load_records(one, standard), load_records(several, standard)
    pd.testing.assert_frame_equal(whole.frame, parts.frame)


def test_a_column_one_table_lacks_is_blank_there_and_keeps_its_type(standard, tmp_path):
    head, body = rows()
    dropped = 3  # 户数: a number
    write(tmp_path / "a.csv", head, body[:10])
    write(tmp_path / "b.csv", head[:dropped] + head[dropped + 1:], [r[:dropped] + r[dropped + 1:] for r in body[10:20]])
    records = load_records(tmp_path, standard)
    alone = load_records(tmp_path / "a.csv", standard)
    frame = records.frame
    lacking = [k for k in frame.columns if frame[k].iloc[10:].isna().all() and frame[k].iloc[:10].notna().all()]
    assert lacking  # 户数, blank in b.csv's rows
    for key in lacking:
        assert frame[key].dtype == alone.frame[key].dtype
    assert len(frame) == 20
