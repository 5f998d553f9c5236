"""Issue 17, item 10: `jingpin diff OLD.json NEW` reads back an earlier JSON report, which may be
anything. Its shape and values are checked before use: deep nesting, huge numbers, NaN/Infinity,
a duplicate community id, an unknown status, missing keys, wrong types, not JSON, not UTF-8, a huge
file, a FIFO — each is exit 2 naming the file and the JSON path, never an internal error. A
hypothesis fuzz test feeds random and mutated reports: only InputError ever escapes, and whatever
is accepted compares and renders in every diff format."""

from __future__ import annotations

import copy
import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.errors import InputError
from jingpin_cli.formats import Options
from jingpin_cli.formats.diff import html, md, table
from jingpin_cli.formats.diff import json as json_format
from jingpin_cli.results.diff.compare import compare, load_side, side_from_json
from jingpin_cli.results.diff.report_json import KEPT, MAX_JSON_BYTES
from jingpin_cli.rules.base import STATUSES
from jingpin_cli.standard import load_standard

STANDARD = load_standard()
HEADER = "社区编码,社区名称,所属街道,服务用房总面积,党组织书记在岗\n"
ROWS = "A1,甲社区,东街道,320,是\nA2,乙社区,东街道,250,否\nA3,丙社区,西街道,,是\nA4,丁社区,西街道,400,是\n"


def run(*args):
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "internal error" not in result.output and "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    """A data folder of four communities and its JSON report, as `jingpin audit` writes it."""
    root = tmp_path_factory.mktemp("diffjson")
    data = root / "data"
    data.mkdir()
    (data / "a.csv").write_text(HEADER + ROWS, encoding="utf-8")
    report = root / "good.json"
    assert run("audit", data, "--format", "json", "-o", report).exit_code in (0, 1)
    return data, json.loads(report.read_text(encoding="utf-8"))


def write(tmp_path: Path, text: str | bytes, name: str = "old.json") -> Path:
    path = tmp_path / name
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    return path


def edited(report: dict, change) -> str:
    report = copy.deepcopy(report)
    change(report)
    return json.dumps(report, ensure_ascii=False)


def test_the_report_as_written_compares(made, tmp_path):
    data, report = made
    result = run("diff", write(tmp_path, json.dumps(report, ensure_ascii=False)), data, "--format", "json")
    assert result.exit_code == 0
    diff = json.loads(result.stdout)
    assert diff["district"]["matched"] == 4 and diff["district"]["gaps_closed"] == 0


def _set(path, value):
    def change(report):
        node = report
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return change


def _drop(path):
    def change(report):
        node = report
        for part in path[:-1]:
            node = node[part]
        del node[path[-1]]
    return change


def _text(change, old, new):
    """The report's JSON with one literal replaced: what json.dumps would never write (NaN, 1e999 …)."""
    def make(report):
        text = edited(report, change)
        assert old in text
        return text.replace(old, new, 1)
    return make


SCORE_3 = ["communities", 3, "score"]
CASES = {  # name: (the file's text from the good report, code, what the message names)
    "deep_lists": (lambda r: "[" * 100_000 + "]" * 100_000, "diff_bad_json", ("嵌套过深", "nested too deeply")),
    "deep_objects": (lambda r: '{"communities": ' + '{"a": ' * 50_000 + "1" + "}" * 50_001,
                     "diff_bad_json", ("嵌套过深", "nested too deeply")),
    "long_number": (_text(_set(SCORE_3, 12345.5), "12345.5", "9" * 5000), "diff_bad_report",
                    ("communities[3].score", "5000")),
    "long_id": (_text(_set(["communities", 0, "id"], 12345), "12345", "1" * 5000), "diff_bad_report",
                ("communities[0].id", "5000")),
    "nan_score": (_text(_set(SCORE_3, 12345.5), "12345.5", "NaN"), "diff_bad_report",
                  ("communities[3].score", "NaN")),
    "infinite_score": (_text(_set(SCORE_3, 12345.5), "12345.5", "Infinity"), "diff_bad_report",
                       ("communities[3].score", "Infinity")),
    "overflowing_score": (_text(_set(SCORE_3, 12345.5), "12345.5", "1e999"), "diff_bad_report",
                          ("communities[3].score", "Infinity")),
    "nan_points": (_text(_set(["communities", 1, "findings", 2, "points"], 12345.5), "12345.5", "-Infinity"),
                   "diff_bad_report", ("communities[1].findings[2].points", "-Infinity")),
    "negative_score": (lambda r: edited(r, _set(SCORE_3, -3)), "diff_bad_report", ("communities[3].score", "-3")),
    "duplicate_id": (lambda r: edited(r, _set(["communities", 2, "id"], r["communities"][0]["id"])),
                     "diff_duplicate_id", ("communities[2].id", "communities[0].id")),
    "duplicate_id_as_number": (lambda r: edited(r, lambda x: [c.update(id=n) for n, c in
                                                              zip(["7", 7, "8", "9"], x["communities"], strict=True)]),
                               "diff_duplicate_id", ("communities[1].id", "“7”")),
    "duplicate_rule": (lambda r: edited(r, lambda x: x["communities"][1]["findings"].append(
        x["communities"][1]["findings"][0])), "diff_duplicate_rule", ("communities[1].findings[", "findings[0]")),
    "unknown_status": (lambda r: edited(r, _set(["communities", 0, "findings", 4, "status"], "passed")),
                       "diff_bad_report", ("communities[0].findings[4].status", '"passed"')),
    "missing_score": (lambda r: edited(r, _drop(SCORE_3)), "diff_missing_key", ("缺少 communities[3].score",)),
    "missing_rule": (lambda r: edited(r, _drop(["communities", 2, "findings", 0, "rule"])), "diff_missing_key",
                     ("communities[2].findings[0].rule",)),
    "missing_communities": (lambda r: json.dumps({"standard": r["standard"]}), "diff_missing_key",
                            ("缺少 communities",)),
    "score_as_text": (lambda r: edited(r, _set(SCORE_3, "88")), "diff_bad_report", ("communities[3].score", '"88"')),
    "id_as_bool": (lambda r: edited(r, _set(["communities", 0, "id"], True)), "diff_bad_report",
                   ("communities[0].id", "true")),
    "eligible_as_text": (lambda r: edited(r, _set(["communities", 0, "eligible"], "是")), "diff_bad_report",
                         ("communities[0].eligible", '"是"')),
    "findings_as_object": (lambda r: edited(r, _set(["communities", 0, "findings"], {})), "diff_bad_report",
                           ("communities[0].findings", "一个对象")),
    "community_as_text": (lambda r: edited(r, _set(["communities", 1], "甲社区")), "diff_bad_report",
                          ("communities[1]", '"甲社区"')),
    "top_level_list": (lambda r: "[1, 2]", "diff_bad_report", ("communities",)),
    "not_json": (lambda r: HEADER + ROWS, "diff_bad_json", ("第 1 行",)),
    "truncated": (lambda r: json.dumps(r, ensure_ascii=False)[:500], "diff_bad_json", ("第 1 行",)),
    "not_utf8": (lambda r: json.dumps(r, ensure_ascii=False).encode("gbk"), "diff_bad_json", ("UTF-8",)),
    "empty": (lambda r: "", "diff_bad_json", ("第 1 行",)),
}


@pytest.mark.parametrize("name", CASES)
def test_a_hostile_report_is_refused_with_its_code_and_json_path(made, tmp_path, name):
    make, code, pieces = CASES[name]
    path = write(tmp_path, make(made[1]))
    with pytest.raises(InputError) as err:
        side_from_json(path)
    assert [p.code for p in err.value.problems][:1] == [code], err.value.render("en")
    zh, en = err.value.render("zh"), err.value.render("en")
    assert zh.startswith(str(path)) and en.startswith(str(path))
    for piece in pieces:  # JSON paths and values in both; words in their own language
        assert piece in zh + en, zh + en
    if code in ("diff_bad_report", "diff_missing_key"):
        assert all(piece in zh and piece in en for piece in pieces if piece.isascii())


@pytest.mark.parametrize("name", ["deep_lists", "nan_score", "long_number", "duplicate_id", "unknown_status",
                                  "missing_score", "not_utf8"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_diff_exits_2_naming_the_file(made, tmp_path, name, lang):
    make, code, pieces = CASES[name]
    path = write(tmp_path, make(made[1]))
    result = run("diff", path, made[0], "--lang", lang)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr.startswith(str(path))
    if lang == "en":
        assert "not a" in result.stderr or "twice" in result.stderr or "missing" in result.stderr
    else:
        assert "JSON 报告" in result.stderr


def test_a_huge_report_is_refused_before_it_is_read(tmp_path, made):
    path = tmp_path / "huge.json"
    with path.open("wb") as fh:  # sparse: costs no disk, and nothing may read it
        fh.truncate(MAX_JSON_BYTES + 1)
    result = run("diff", path, made[0], "--lang", "en")
    assert result.exit_code == 2
    assert result.stderr.startswith(str(path)) and "too large" in result.stderr and "data folders" in result.stderr


def test_a_fifo_named_json_is_refused_without_blocking(tmp_path, made):
    fifo = tmp_path / "old.json"
    os.mkfifo(fifo)
    result = run("diff", fifo, made[0])
    assert result.exit_code == 2 and "命名管道" in result.stderr


def test_keys_diff_does_not_read_are_not_checked_or_kept(made, tmp_path):
    """areas, gates and finding details may hold anything (another tool's additions): diff ignores them."""
    report = copy.deepcopy(made[1])
    report["communities"][0]["areas"] = [{"score": "not a number"}]
    report["communities"][0]["findings"][0]["actual"] = {"anything": [1, None]}
    side = side_from_json(write(tmp_path, json.dumps(report, ensure_ascii=False)))
    first = next(iter(side.communities.values()))
    assert set(first) <= KEPT and "areas" not in first
    assert set(first["findings"][0]) <= KEPT


# ---- fuzz -------------------------------------------------------------------------------------

SETTINGS = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                          HealthCheck.function_scoped_fixture],
                    derandomize=True)  # the same examples every run: a failure is reproducible
KEYS = st.sampled_from(sorted(KEPT) + ["areas", "x", ""])
SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    st.sampled_from([*STATUSES, "A1", "甲社区", "优秀", "org.secretary", "", "1" * 60]),
                    st.text(max_size=8))
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(KEYS, inner, max_size=5)), max_leaves=30)
FINDING = st.fixed_dictionaries({"rule": st.sampled_from(["org.secretary", "svc.rooms", "r"]),
                                 "status": st.sampled_from([*STATUSES, "pass"])},
                                optional={"points": SCALARS, "title": SCALARS, "message": SCALARS, "area": SCALARS})
COMMUNITY = st.fixed_dictionaries({"id": st.one_of(st.sampled_from(["A1", "A2", "A3"]), st.integers(0, 3)),
                                   "score": st.one_of(st.floats(0, 120), SCALARS), "grade": st.one_of(st.just("合格"),
                                                                                                      SCALARS),
                                   "findings": st.lists(FINDING, max_size=4)},
                                  optional={"name": SCALARS, "street": SCALARS, "eligible": SCALARS,
                                            "grade_id": SCALARS, "junk": VALUES})
REPORTS = st.one_of(VALUES, st.fixed_dictionaries({"communities": st.lists(COMMUNITY, max_size=4)},
                                                  optional={"standard": VALUES}))


def accepted_or_input_error(raw: bytes, data_folder: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "old.json"
        path.write_bytes(raw)
        try:
            side = side_from_json(path)
        except InputError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.location.file == str(path)
                problem.render("zh"), problem.render("en")
            return
    # what is accepted must compare and render in every format, in both languages
    new = load_side(data_folder, STANDARD)
    for old, after in ((side, new), (new, side), (side, side)):
        diff = compare(old, after, STANDARD)
        json.loads("".join(json_format.render(diff)))  # valid JSON: no NaN or Infinity got through
        for lang in ("zh", "en"):
            for fmt in (md, html, table):
                fmt.render(diff, Options(lang=lang))


@SETTINGS
@given(report=REPORTS)
def test_fuzz_structures(made, report):
    accepted_or_input_error(json.dumps(report, ensure_ascii=False, allow_nan=True).encode("utf-8"), made[0])


@SETTINGS
@given(raw=st.binary(max_size=200))
def test_fuzz_bytes(made, raw):
    accepted_or_input_error(raw, made[0])


@SETTINGS
@given(data=st.data())
def test_fuzz_one_value_of_a_real_report_replaced(made, data):
    """A real report with one value somewhere swapped for any JSON value, or one key removed."""
    report = copy.deepcopy(made[1])
    node, path = report, []
    while isinstance(node, (dict, list)) and node and data.draw(st.integers(0, 4)) > 0:
        key = data.draw(st.sampled_from(sorted(node) if isinstance(node, dict) else range(len(node))))
        if not isinstance(node[key], (dict, list)) or not node[key]:
            break
        node, path = node[key], path + [key]
    if isinstance(node, dict) and node:
        key = data.draw(st.sampled_from(sorted(node)))
    elif isinstance(node, list) and node:
        key = data.draw(st.integers(0, len(node) - 1))
    else:
        return
    if data.draw(st.booleans()) and isinstance(node, dict):
        del node[key]
    else:
        node[key] = data.draw(VALUES)
    accepted_or_input_error(json.dumps(report, ensure_ascii=False, allow_nan=True).encode("utf-8"), made[0])
