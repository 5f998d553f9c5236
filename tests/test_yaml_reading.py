"""Reading YAML quickly must not change what is read. safe_yaml builds plain documents itself (one
walk gives the data and the line of every key) and memoises scalars; the result must equal PyYAML's
own safe constructor and the line index it replaced, on the libyaml path and the pure-Python one,
and a bad file must fail with PyYAML's own message. A folder of record files is typed as one table:
every value and problem must equal reading each file alone."""

from __future__ import annotations

import pandas as pd
import pytest
import yaml

from jingpin_cli import safe_yaml
from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records

MESSY = [
    "a: 1\nb: [1, 2, {c: d}]\n",
    "base: &b {x: 1, y: [1, 2]}\nuse: *b\nmerged:\n  <<: *b\n  z: 3\n",
    "s: !!set {a, b}\no: !!omap [a: 1, b: 2]\np: !!pairs [a: 1, a: 2]\n",
    "a: 1\na: 2\nb: {x: 1}\nb: {y: 2, x: 3}\n",
    "1: one\n2.5: two\nyes: three\n~: four\n2011-01-01: five\n",
    "x: !!binary aGVsbG8=\ny: !!float '1.5'\nz: !!str 12\nw: !!int '0x1f'\n",
    "l: &l [1, 2]\nm: [*l, *l]\nn: {k: *l}\n",
    "- a\n- b: 1\n  c: [x, y]\n- [1, [2, [3]]]\n",
    "communities:\n  - id: 1\n    name: a\n  - &r {id: 2, name: b}\n  - *r\n",
    "a: .inf\nb: -.Inf\nc: .nan\nd: 0o17\ne: 0b101\nf: 1_000\ng: 190:20:30\nh: 1e3\ni: +12\n"
    "j: 2011-01-01 10:00:00+08:00\n",
    "'quoted': \"v\"\n? |\n  literal\n: x\nempty:\nnull: null\nlist: []\nmap: {}\n",
    "a: &x 1\nb: *x\nc: &y {k: *x}\nd: *y\n",
    "<<: {a: 1}\nb: 2\n",
    "a: &a [" + "[" * 60 + "]" * 60 + "]\nb: [[[*a]]]\n",
    "社区名称: 甲\nkey with spaces: v\n\"a:b\": c\n",
]
BAD = [
    "a: {x: 2011-13-45}\nb: 2011-02-30\n",  # two bad dates: PyYAML's order decides which is reported
    "? [a, b]\n: 1\n",
    "x: !foo bar\n",
    "x: !!map abc\n",
    "x: !!set abc\n",
    "a: 1\n---\nb: 2\n",
    "x: " + "[" * 65 + "]" * 65 + "\n",
    "id: &a [1, *a]\n",
]


def old_index(node: yaml.Node, path: tuple, lines: dict, seen: set) -> None:
    """The line index as safe_yaml built it before (recursive), kept here as the specification."""
    lines.setdefault(path, node.start_mark.line + 1)
    if id(node) in seen:
        return
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            old_index(value_node, path + (key,), lines, seen)
            lines[path + (key,)] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            old_index(item, path + (i,), lines, seen)


@pytest.fixture(params=["libyaml", "python"])
def reader(request, monkeypatch):
    if request.param == "python":
        monkeypatch.setattr(safe_yaml, "_read_fast", lambda name, text, as_written=False: None)
    elif safe_yaml._C_LOADER is None:
        pytest.skip("PyYAML without libyaml")
    return safe_yaml.read_yaml


@pytest.mark.parametrize("text", MESSY)
def test_data_and_lines_equal_pyyaml_and_the_old_index(tmp_path, reader, text):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    doc = reader(path)
    expected = yaml.load(text, Loader=yaml.SafeLoader)
    assert repr(doc.data) == repr(expected)  # repr: types, NaN and key order count too
    lines: dict = {}
    old_index(yaml.compose(text, Loader=yaml.SafeLoader), (), lines, set())
    assert doc.lines == lines


@pytest.mark.parametrize("text", BAD)
def test_a_bad_file_fails_as_before(tmp_path, reader, text):
    path = tmp_path / "a.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        reader(path)
    problem, = err.value.problems
    assert problem.code == "bad_yaml" and problem.location.file == str(path)
    try:
        yaml.load(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:  # PyYAML's own message and place
        assert problem.params["detail"] == exc.problem
        assert problem.location.line == exc.problem_mark.line + 1
    except ValueError as exc:
        assert problem.params["detail"] == str(exc)
    else:  # what PyYAML would take: a loop or nesting past the limits
        assert "alias" in problem.params["detail"] or "nested" in problem.params["detail"]


FILES = {
    "a.yaml": "id: A1\nname: 甲\nhouseholds: 1,200\nservice_area_m2: 300平方米\nfacilities: [警务室, 党员活动室]\n",
    "b.yaml": "communities:\n  - id: B1\n    name: 乙\n    households: 16\n"
              "  - {id: B2, name: 丙, population: 1000}\n"
              "  - id: B3\n    name: 丁\n    party_secretary: yes\n    green_rate: 30%\n",
    "c.yaml": "id: C1\nname: 戊\nstreet: &s 西\ndistrict: *s\nhouseholds: &h 500\npopulation: *h\n",
    "d.yaml": "社区编码: D1\n社区名称: 己\n户数: 12\nequipment:\n  - 电脑\narchive: []\n",
    "e.yaml": "id: E1\nname: 庚\nhouseholds:\npopulation: ''\nhonors: 1e3\nstaff_count: 8\n",
}
BAD_FILES = {
    "f.yaml": "id: F1\nname: 辛\nhouseholds: abc\nfacilities: 警务室\nequipment: [电脑, 飞机]\n",
    "g.yaml": "communities:\n  - id: G1\n    name: 壬\n  - 5\n  - id: G2\n    name: 癸\n    户数: 12.5\n"
              "    常住人口: -3\n",
    "h.yaml": "id: H1\nname: 子\nstreet: [a, b]\nservice_area_m2: 2011-01-01\n",
}


def _write(folder, files):
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_folder_typed_together_equals_each_file_alone(tmp_path, standard):
    folder = _write(tmp_path / "data", FILES)
    together = load_records(folder, standard)
    alone = [load_records(folder / name, standard) for name in FILES]
    pd.testing.assert_frame_equal(together.frame, pd.concat([r.frame for r in alone]), check_exact=True)
    pd.testing.assert_frame_equal(together.origin, pd.concat([r.origin for r in alone]), check_exact=True)
    assert together.columns == {k: v for r in alone for k, v in r.columns.items()}
    assert together.origin.loc["B3", "row"] == 6  # the third record of b.yaml starts on line 6


def test_every_problem_of_a_folder_names_its_own_file_and_line(tmp_path, standard):
    folder = _write(tmp_path / "data", {**FILES, **BAD_FILES})
    with pytest.raises(InputError) as err:
        load_records(folder, standard)
    alone = []
    for name in sorted({**FILES, **BAD_FILES}):
        try:
            load_records(folder / name, standard)
        except InputError as exc:
            alone += exc.problems
    assert err.value.problems == alone
    where = {(p.code, p.location.file.rsplit("/", 1)[-1], p.location.line, p.location.column) for p in alone}
    assert {("bad_number", "f.yaml", 3, "households"), ("not_integer", "g.yaml", 7, "户数"),
            ("negative", "g.yaml", 8, "常住人口")} <= where, where


def test_record_values_are_read_as_written(tmp_path, standard):
    """Issue 17 item 7: YAML 1.1 made `id: 0123` the octal 83 (colliding with a real 83) and `name: yes`
    the text 'true'. A record's values are cells, read as a CSV cell with the same text would be."""
    folder = _write(tmp_path / "data", {"a.yaml": "communities:\n"
                                        "  - {id: 0123, name: yes, party_secretary: yes, service_area_m2: 300}\n"
                                        "  - {id: 83, name: 八三, party_secretary: 否, service_area_m2: ~}\n"
                                        "  - {id: '007', name: no, households: 2024-05-04}\n"})
    with pytest.raises(InputError) as err:
        load_records(folder, standard)
    assert [p.code for p in err.value.problems] == ["date_in_number"]  # a YAML date is a date, not 户数
    (folder / "a.yaml").write_text((folder / "a.yaml").read_text(encoding="utf-8").replace("2024-05-04", "300"),
                                   encoding="utf-8")
    frame = load_records(folder, standard).frame
    assert list(frame.index) == ["0123", "83", "007"]
    assert list(frame["name"]) == ["yes", "八三", "no"]
    assert frame.at["0123", "party_secretary"] and not frame.at["83", "party_secretary"]
    assert frame.at["0123", "service_area_m2"] == 300 and pd.isna(frame.at["83", "service_area_m2"])


def test_a_merge_key_still_merges(tmp_path, standard):
    folder = _write(tmp_path / "data", {"a.yaml": "communities:\n  - &c {id: A1, name: 甲, 户数: 100}\n"
                                                  "  - {<<: *c, id: A2, name: 乙}\n"})
    frame = load_records(folder, standard).frame
    assert list(frame.index) == ["A1", "A2"] and frame.at["A2", "households"] == 100
