"""Build the corpus of bad and hostile input files: seeded, so every run writes the same bytes.

Nothing opaque is committed: each file is made here from a few lines of code that say what it is.
`CASES` lists every bad file with the problem code it must give and where (as Location fields).
Run `python tests/corpus/make_corpus.py OUT_DIR` to write the files and look at them."""

from __future__ import annotations

import io
import random
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import openpyxl

SEED = 7
HEADER = ["社区编码", "社区名称", "服务用房总面积（㎡）", "警务室"]
ROW = ["130699001", "甲社区", "320", "有"]
MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


@dataclass
class Case:
    name: str  # file name inside the corpus folder
    code: str  # the problem code it must give
    where: dict = field(default_factory=dict)  # Location fields that must match
    args: tuple = ()  # extra command-line arguments
    make: Callable[[Path], None] | None = None


def csv_text(rows: list[list[str]]) -> str:
    return "".join(",".join(r) + "\n" for r in rows)


def workbook(sheets: dict[str, list[list]], hidden: tuple[str, ...] = (),
             merges: dict[str, list[str]] | None = None) -> bytes:
    book = openpyxl.Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        ws = book.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
        for ref in (merges or {}).get(title, []):
            ws.merge_cells(ref)
    buf = io.BytesIO()
    book.save(buf)
    return buf.getvalue()


def replace_part(xlsx: bytes, part: str, content: bytes) -> bytes:
    """The same workbook with one zip part replaced (to put hostile XML where openpyxl reads it)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, content if info.filename == part else src.read(info.filename))
    return out.getvalue()


def add_part(xlsx: bytes, part: str, content: bytes) -> bytes:
    out = io.BytesIO(xlsx)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as dst:
        dst.writestr(part, content)
    return out.getvalue()


def sheet_xml(body: str, prolog: str = "") -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?>{prolog}<worksheet xmlns="{MAIN_NS}">{body}</worksheet>').encode()


def entity_bomb() -> bytes:
    """“Billion laughs” inside the sheet XML: ten levels of ten entities each."""
    entities = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{("&l%d;" % (i - 1)) * 10}">' for i in range(1, 10))
    body = '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&l9;</t></is></c></row></sheetData>'
    return sheet_xml(body, f"<!DOCTYPE worksheet [{entities}]>")


def external_entity() -> bytes:
    """XXE: an entity that would read a local file, in the header cell."""
    body = ('<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData>')
    return sheet_xml(body, '<!DOCTYPE worksheet [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>')


def write(path: Path, data: bytes | str) -> None:
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


def _random_bytes(n: int, with_nul: bool = True) -> bytes:
    rng = random.Random(SEED)
    data = bytes(rng.randrange(256) for _ in range(n))
    return data if with_nul else data.replace(b"\x00", b"\x01")


def good_xlsx() -> bytes:
    return workbook({"摸底表": [HEADER, ROW]})


CASES: list[Case] = [
    # empty and header-only
    Case("empty.csv", "empty_file", make=lambda p: write(p, b"")),
    Case("blank_lines.csv", "empty_file", make=lambda p: write(p, "\n\n ,, \n\n")),
    Case("header_only.csv", "no_data_rows", {"row": 1}, make=lambda p: write(p, csv_text([HEADER]))),
    Case("header_only.xlsx", "no_data_rows", {"sheet": "摸底表", "row": 1},
         make=lambda p: write(p, workbook({"摸底表": [HEADER]}))),
    Case("empty_sheet.xlsx", "empty_file", {"sheet": "Sheet"}, make=lambda p: write(p, workbook({"Sheet": []}))),
    Case("no_header.csv", "no_header", make=lambda p: write(p, csv_text([["甲", "乙"], ["1", "2"]]))),
    # binary data under a table's name
    Case("binary.csv", "unreadable", make=lambda p: write(p, _random_bytes(4096))),
    Case("workbook_named.csv", "xlsx_named_csv", make=lambda p: write(p, good_xlsx())),
    Case("old_xls_named.csv", "xls_named_csv",
         make=lambda p: write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))),
    Case("random.xlsx", "bad_xlsx", make=lambda p: write(p, _random_bytes(4096))),
    Case("text_named.xlsx", "bad_xlsx", make=lambda p: write(p, csv_text([HEADER, ROW]))),
    Case("damaged_ole.xlsx", "bad_xlsx",
         make=lambda p: write(p, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))),
    Case("zip_not_workbook.xlsx", "bad_xlsx", make=lambda p: write(p, _zip({"hello.txt": b"hello"}))),
    Case("truncated.xlsx", "bad_xlsx", make=lambda p: write(p, good_xlsx()[:-200])),
    # hostile workbooks
    Case("zip_bomb.xlsx", "zip_bomb",
         make=lambda p: write(p, add_part(good_xlsx(), "xl/media/image1.bin", bytes(64 * 2**20)))),
    Case("entity_bomb.xlsx", "bad_xlsx",
         make=lambda p: write(p, replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", entity_bomb()))),
    Case("external_entity.xlsx", "bad_xlsx",
         make=lambda p: write(p, replace_part(good_xlsx(), "xl/worksheets/sheet1.xml", external_entity()))),
    # encodings
    Case("latin1.csv", "encoding", {"row": 2},
         make=lambda p: write(p, "社区编码,社区名称\n".encode() + "A1,Café\xff\n".encode("latin-1"))),
    Case("utf32.csv", "encoding", make=lambda p: write(p, csv_text([HEADER, ROW]).encode("utf-32"))),
    Case("big5.csv", "no_header_encoding", make=lambda p: write(p, csv_text([HEADER, ROW]).encode("big5", "replace"))),
    # broken CSV structure
    Case("ragged_long.csv", "ragged_row", {"row": 3, "column": "E"},
         make=lambda p: write(p, csv_text([HEADER, ROW, ["130699002", "乙社区", "1", "200", "无"]]))),
    Case("ragged_short.csv", "ragged_row", {"row": 2, "column": "C"},
         make=lambda p: write(p, csv_text([HEADER, ["130699001", "甲社区"], ROW[:1] + ["丙社区", "1", "有"]]))),
    Case("unclosed_quote.csv", "bad_csv", {"row": 3},
         make=lambda p: write(p, csv_text([HEADER, ROW]) + '130699002,"乙社区,300,有\n130699003,丙社区,1,有\n')),
    Case("huge_row.csv", "too_many_columns", {"row": 2},
         make=lambda p: write(p, "社区编码,社区名称\n" + "," * 16_400 + "\n")),
    Case("huge_file.csv", "too_large", make=lambda p: _sparse(p, 600 * 2**20)),
    # spreadsheet shapes that cannot be read without guessing
    Case("merged_across.xlsx", "merged_across", {"sheet": "摸底表", "row": 2, "column": "C"},
         make=lambda p: write(p, workbook({"摸底表": [HEADER + ["电话"], ROW + ["有"]]},
                                          merges={"摸底表": ["C2:E2"]}))),
    Case("hidden_only.xlsx", "header_on_hidden_sheet", {"sheet": "数据"},
         make=lambda p: write(p, workbook({"封面": [["说明：本表由街道填写"]], "数据": [HEADER, ROW]},
                                          hidden=("数据",)))),
    Case("wrong_sheet.xlsx", "no_sheet", args=("--sheet", "Sheet9"),
         make=lambda p: write(p, workbook({"摸底表": [HEADER, ROW]}))),
    # hostile YAML
    Case("alias_bomb.yaml", "bad_yaml", make=lambda p: write(p, _alias_bomb())),
    Case("recursive_alias.yaml", "bad_yaml", make=lambda p: write(p, "id: &a [1, *a]\nname: 甲\n")),
    Case("deep_flow.yaml", "bad_yaml", {"line": 1},
         make=lambda p: write(p, "id: " + "[" * 100_000 + "]" * 100_000 + "\n")),
    Case("deep_block.yaml", "bad_yaml", make=lambda p: write(p, "".join("  " * i + f"k{i}:\n" for i in range(2000)))),
    # record values are read as written (issue 17 item 7): a date or a 5000-digit number is a bad cell, not bad YAML
    Case("bad_date.yaml", "date_in_number", make=lambda p: write(p, "id: A1\nname: 甲\n户数: 2011-13-45\n")),
    Case("long_int.yaml", "bad_number", make=lambda p: write(p, "id: A1\nname: 甲\n户数: " + "1" * 5000 + "\n")),
    Case("gbk.yaml", "yaml_encoding", {"line": 2}, make=lambda p: write(p, "id: A1\nname: 甲社区\n".encode("gbk"))),
    Case("huge.yaml", "too_large", make=lambda p: _sparse(p, 30 * 2**20)),
    Case("python_tag.yaml", "bad_yaml", {"line": 1},
         make=lambda p: write(p, "id: !!python/object/apply:os.system ['echo pwned']\nname: 甲\n")),
]


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    return out.getvalue()


def _alias_bomb() -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 10)]
    return "id: A1\nname: 甲\n" + "\n".join(lines) + "\n"


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no disk space: the size check must refuse it unread."""
    with path.open("wb") as fh:
        fh.truncate(size)


def build(folder: Path) -> dict[str, Path]:
    """Write every corpus file into `folder`; returns name -> path."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for case in CASES:
        path = folder / case.name
        case.make(path)
        paths[case.name] = path
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "corpus-out")
    for path in build(out).values():
        print(f"{path.stat().st_size:>12}  {path}")
