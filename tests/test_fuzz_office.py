"""Property tests for the office readers (.xls/.et via the OLE scan and calamine, .xlsb via the
BIFF12 scan and calamine, .ods, .txt/.tsv): random bytes, real workbooks (tests/data/office/) with
random bytes changed, and .xlsb parts with random bytes changed inside the zip (so that the
records, not the zip's checksum, meet them). Whatever comes in, only the project's InputError
escapes, naming the file, and the process is never aborted."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.standard import load_standard

SETTINGS = settings(max_examples=80, deadline=None, derandomize=True,
                    # shrinking a flipped byte is slow and says little more than the first failure
                    phases=[Phase.explicit, Phase.generate],
                    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
STANDARD = load_standard()
OFFICE = Path(__file__).resolve().parent / "data" / "office"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def only_input_error(path: Path) -> None:
    try:
        load_records(path, STANDARD)
    except InputError as exc:
        assert exc.problems
        for problem in exc.problems:
            assert problem.location.file
            problem.render("zh"), problem.render("en")


@SETTINGS
@given(data=st.binary(max_size=4096),
       name=st.sampled_from(["a.xls", "a.et", "a.ett", "a.ods", "a.xlsb", "a.txt", "a.tsv"]),
       ole=st.booleans())
def test_random_bytes_to_the_office_readers(tmp_path_factory, data, name, ole):
    path = tmp_path_factory.mktemp("fuzz") / name
    path.write_bytes((OLE_MAGIC + data) if ole else data)
    only_input_error(path)


@SETTINGS
@given(source=st.sampled_from(["table.xls", "table.ods", "table_zip.et", "table.xlsb", "locked.xls"]),
       changes=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                        min_size=1, max_size=8))
def test_real_workbooks_with_bytes_changed(tmp_path_factory, source, changes):
    data = bytearray((OFFICE / source).read_bytes())
    for at, value in changes:
        data[at % len(data)] = value
    path = tmp_path_factory.mktemp("fuzz") / source
    path.write_bytes(bytes(data))
    only_input_error(path)


XLSB_PARTS = ["xl/worksheets/sheet1.bin", "xl/workbook.bin", "xl/sharedStrings.bin", "xl/_rels/workbook.bin.rels"]


@SETTINGS
@given(part=st.sampled_from(XLSB_PARTS),
       changes=st.lists(st.tuples(st.integers(min_value=0), st.integers(min_value=0, max_value=255)),
                        min_size=1, max_size=8))
def test_xlsb_records_with_bytes_changed(tmp_path_factory, part, changes):
    out = io.BytesIO()
    with zipfile.ZipFile(OFFICE / "table.xlsb") as src, zipfile.ZipFile(out, "w") as dst:
        for item in src.infolist():
            body = bytearray(src.read(item.filename))
            if item.filename == part:
                for at, value in changes:
                    body[at % len(body)] = value
            dst.writestr(item.filename, bytes(body))
    path = tmp_path_factory.mktemp("fuzz") / "a.xlsb"
    path.write_bytes(out.getvalue())
    only_input_error(path)


WORDS = ["社区编码", "社区名称", "130699001.0", "7.00", "合计", "", "有"]


@SETTINGS
@given(cells=st.lists(st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=8)), min_size=1, max_size=5),
                      min_size=1, max_size=6),
       utf16=st.booleans())
def test_random_cells_as_unicode_text(tmp_path_factory, cells, utf16):
    text = "\r\n".join("\t".join(row) for row in cells)
    path = tmp_path_factory.mktemp("fuzz") / "a.txt"
    encoded = (b"\xff\xfe" + text.encode("utf-16-le", "surrogatepass")) if utf16 \
        else text.encode("utf-8", "surrogatepass")
    path.write_bytes(encoded)
    only_input_error(path)
