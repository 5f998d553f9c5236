"""Property tests: random bytes and random structures fed to every loader (CSV, XLSX, YAML records,
standards packs, survey answers, waiver files). Whatever comes in, the only exception that may escape is the
project's own InputError, and its problems render in both languages naming the file."""

from __future__ import annotations

import io
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path

import openpyxl
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.records.surveys import read_answers
from jingpin_cli.scoring.waivers import load_waivers, read_waivers
from jingpin_cli.standard import load_standard
from jingpin_cli.standard.load import default_standard_path

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
                    derandomize=True)  # the same examples every run: a failure is reproducible
STANDARD = load_standard()
PACK = default_standard_path()

# words that steer random input into the interesting paths: headers, note words, units, answers
WORDS = ["社区编码", "社区名称", "户数", "服务用房总面积", "警务室", "六室", "一本通", "基本情况", "合计", "填表说明",
         "注：", "㎡", "万元", "%", "有", "无", "是", "否", "√", "300", "1,200", "-5", "0.95", "95%", "１２０",
         "=SUM(A1)", "社区", "类别", "是否知晓", "满意程度", "满意", "", " ", "\u3000", "\"", "'", "\n"]
cell_text = st.one_of(st.sampled_from(WORDS), st.text(max_size=12))


@contextmanager
def file_with(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        yield path


def only_input_error(load, path: Path) -> None:
    try:
        load(path)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.location.file
            problem.render("zh"), problem.render("en")


def load_data(path: Path) -> None:
    load_records(path, STANDARD)


def load_surveys(path: Path) -> None:
    answers = read_answers([path], STANDARD)
    for problem in answers.problems:
        problem.render("zh"), problem.render("en")


# ---- random bytes ----------------------------------------------------------------------------

@SETTINGS
@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.csv", "a.xlsx", "a.yaml", "a.yml"]))
def test_random_bytes_to_the_data_loaders(data, name):
    with file_with(name, data) as path:
        only_input_error(load_data, path)


@SETTINGS
@given(data=st.binary(max_size=2048), name=st.sampled_from(["a.csv", "a.xlsx"]))
def test_random_bytes_to_the_survey_loader(data, name):
    with file_with(name, data) as path:
        only_input_error(load_surveys, path)


@SETTINGS
@given(data=st.binary(max_size=2048))
def test_random_bytes_as_a_standards_file(data):
    with file_with("standard.yaml", data) as path:
        only_input_error(load_standard, path)


# ---- random tables ---------------------------------------------------------------------------

grids = st.lists(st.lists(cell_text, max_size=8), max_size=12)


@SETTINGS
@given(rows=grids, delimiter=st.sampled_from([",", "\t", ";"]), quote=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16", "utf-16-le"]))
def test_random_csv_text(rows, delimiter, quote, encoding):
    text = "\n".join(delimiter.join(f'"{c}"' if quote else c for c in row) for row in rows)
    with file_with("a.csv", text.encode(encoding, "replace")) as path:
        only_input_error(load_data, path)
        only_input_error(load_surveys, path)


cell_value = st.one_of(cell_text, st.integers(-10**12, 10**12), st.floats(allow_nan=True, allow_infinity=True),
                       st.booleans(), st.none())


@st.composite
def workbooks(draw) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for i in range(draw(st.integers(1, 3))):
        ws = book.create_sheet(f"S{i}")
        for row in draw(st.lists(st.lists(cell_value, max_size=6), max_size=8)):
            ws.append([ILLEGAL_CHARACTERS_RE.sub("", v) if isinstance(v, str) else v for v in row])
        for _ in range(draw(st.integers(0, 3))):
            top, left = draw(st.integers(1, 9)), draw(st.integers(1, 7))
            ws.merge_cells(start_row=top, start_column=left,
                           end_row=top + draw(st.integers(0, 3)), end_column=left + draw(st.integers(0, 3)))
        ws.sheet_state = draw(st.sampled_from(["visible", "visible", "hidden"]))
    if all(ws.sheet_state != "visible" for ws in book.worksheets):
        book.worksheets[0].sheet_state = "visible"  # Excel requires one; openpyxl refuses to save otherwise
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


@SETTINGS
@given(data=workbooks(), sheet=st.sampled_from([None, "S0", "S1", "nope"]))
def test_random_workbooks(data, sheet):
    with file_with("a.xlsx", data) as path:
        only_input_error(lambda p: load_records(p, STANDARD, sheet=sheet), path)
        only_input_error(load_surveys, path)


PARTS = ["[Content_Types].xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "_rels/.rels",
         "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/styles.xml"]


def damage(data: bytes, part: str, junk: bytes, cut: int) -> bytes:
    """A real workbook with one part cut short and junk appended: openpyxl fails in many ways."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            dst.writestr(info.filename, (content[:cut] + junk) if info.filename == part else content)
    return out.getvalue()


damaged = dict(data=workbooks(), part=st.sampled_from(PARTS), junk=st.binary(max_size=300), cut=st.integers(0, 400))


@SETTINGS
@given(**damaged)
def test_workbooks_with_a_damaged_part(data, part, junk, cut):
    with file_with("a.xlsx", damage(data, part, junk, cut)) as path:
        only_input_error(load_data, path)
        only_input_error(load_surveys, path)




# ---- random YAML -----------------------------------------------------------------------------

scalars = st.one_of(cell_text, st.integers(), st.floats(), st.booleans(), st.none())
structures = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.sampled_from(["id", "name", "communities", "facilities", "户数", "设施"]), cell_text),
                    inner, max_size=5)), max_leaves=25)


@SETTINGS
@given(value=structures)
def test_random_yaml_records(value):
    with file_with("a.yaml", yaml.safe_dump(value, allow_unicode=True).encode()) as path:
        only_input_error(load_data, path)


yaml_text = st.lists(st.sampled_from(list("abc:-[]{}&*!|>'\"#%@`,? \n\t社区1") + ["  ", "- ", ": ", "&a ", "*a", "!!"]),
                     max_size=80).map("".join)


@SETTINGS
@given(text=yaml_text)
def test_random_yaml_text(text):
    with file_with("a.yaml", text.encode()) as path:
        only_input_error(load_data, path)
        only_input_error(load_standard, path)


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, path + (i,))


def _replace(node, path, value):
    if not path:
        return value
    node[path[0]] = _replace(node[path[0]], path[1:], value)
    return node


@settings(SETTINGS, max_examples=25)  # each example validates a whole pack
@given(data=st.data(), which=st.sampled_from(["standard.yaml", "fields.yaml", "rules.yaml"]), value=structures)
def test_the_shipped_pack_with_one_random_change(data, which, value):
    """The real standards pack with one value anywhere replaced by a random structure."""
    with tempfile.TemporaryDirectory() as folder:
        for source in PACK.iterdir():
            (Path(folder) / source.name).write_bytes(source.read_bytes())
        target = Path(folder) / which
        doc = yaml.safe_load(target.read_text(encoding="utf-8"))
        path = data.draw(st.sampled_from(list(_paths(doc))))
        target.write_text(yaml.safe_dump(_replace(doc, path, value), allow_unicode=True), encoding="utf-8")
        only_input_error(load_standard, Path(folder))


def test_a_pack_file_that_repeats_a_top_level_key_renders_its_problem():
    """Found by the test above: a message parameter called {key} once clashed with text.messages.t."""
    with tempfile.TemporaryDirectory() as folder:
        for source in PACK.iterdir():
            (Path(folder) / source.name).write_bytes(source.read_bytes())
        (Path(folder) / "fields.yaml").write_text("id: null\n", encoding="utf-8")
        try:
            load_standard(Path(folder))
        except InputError as exc:
            assert "id" in exc.render("en") and "id" in exc.render("zh")
        else:
            raise AssertionError("a pack without fields must not load")


# ---- waiver files ----------------------------------------------------------------------------

waiver_keys = st.sampled_from(["community", "社区", "社区编码", "rule", "规则", "reason", "原因", "approver", "批准人",
                               "expires", "有效期至", "waivers", "other"])
waiver_values = st.one_of(scalars, st.sampled_from(["svc.service_area", "bonus.innovation", "130602001", "2027-06-30",
                                                     "2027年6月30日", "9999-12-31", "2020-02-30", "~", ""]))
waiver_entries = st.dictionaries(waiver_keys, st.one_of(waiver_values, structures), max_size=7)
waiver_docs = st.one_of(st.lists(waiver_entries, max_size=4).map(lambda e: {"waivers": e}),
                        st.lists(waiver_entries, max_size=4), structures)


def load_waiver_file(path: Path) -> None:
    waivers, problems = read_waivers(path, STANDARD)
    for problem in problems:
        assert problem.location.file
        problem.render("zh"), problem.render("en")
    load_waivers(path, STANDARD)  # raises InputError exactly when there is an error


@SETTINGS
@given(doc=waiver_docs)
def test_random_waiver_files(doc):
    with file_with("waivers.yaml", yaml.safe_dump(doc, allow_unicode=True).encode()) as path:
        only_input_error(load_waiver_file, path)


@SETTINGS
@given(text=yaml_text, data=st.binary(max_size=300))
def test_random_waiver_text_and_bytes(text, data):
    for raw in (text.encode(), data):
        with file_with("waivers.yaml", raw) as path:
            only_input_error(load_waiver_file, path)
