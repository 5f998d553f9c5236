"""Issue 17 items 5 and 8: what a text cell's odd characters become is decided once, on reading, so
that whatever `check` passes every format can write. Invisible format marks (zero-width, bidi, BOM)
are removed — an id with a zero-width space is the same id, and a repeat of it is a duplicate;
control characters and lone surrogates become “�”; line breaks and tabs become spaces. Each such
cell is a warning (odd_characters) that shows the characters written out."""

import csv

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records

runner = CliRunner()


def folder(tmp_path, rows, yaml_text=None):
    data = tmp_path / "data"
    data.mkdir()
    with open(data / "c.csv", "w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["社区编码", "社区名称", "服务用房总面积"], *rows])
    if yaml_text is not None:
        (data / "d.yaml").write_text(yaml_text, encoding="utf-8")
    return data


def test_odd_characters_are_decided_and_named(tmp_path, standard):
    data = folder(tmp_path, [["1", "甲\x1b[2J社区", "300"], ["2\u200b", "乙\n社区", "200"]],
                  'id: "3"\nname: "丙\\ud800社区"\n')
    records = load_records(data, standard)
    assert list(records.frame["name"]) == ["甲\ufffd[2J社区", "乙 社区", "丙\ufffd社区"]
    assert list(records.frame.index) == ["1", "2", "3"]
    odd = [p for p in records.warnings if p.code == "odd_characters"]
    written_out = ["甲\\x1b[2J社区", "2\\u200b", "乙\\n社区", "丙\\ud800社区"]
    assert sorted(p.params["value"] for p in odd) == sorted(written_out)


def test_an_id_with_a_zero_width_space_is_the_same_id(tmp_path, standard):
    data = folder(tmp_path, [["130699001", "甲", "300"], ["1306990\u200b01", "乙", "200"]])
    with pytest.raises(InputError) as err:
        load_records(data, standard)
    assert "duplicate_id" in [p.code for p in err.value.problems]


@pytest.mark.parametrize("suffix", ["xlsx", "json", "html", "md", "csv"])
def test_every_format_writes_what_check_passes(tmp_path, suffix):
    data = folder(tmp_path, [["1", "甲\x1b[2J\x07社区", "300"]], 'id: "3"\nname: "丙\\ud800社区"\n')
    assert runner.invoke(app, ["check", str(data)]).exit_code == 0
    out = tmp_path / f"r.{suffix}"
    result = runner.invoke(app, ["audit", str(data), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "\x1b" not in result.output
    if suffix != "xlsx":  # a zip's compressed bytes may hold any byte
        assert "\x1b" not in out.read_text(encoding="utf-8")
