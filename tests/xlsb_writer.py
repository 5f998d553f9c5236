"""A tiny writer of Excel binary workbooks (.xlsb: a zip of BIFF12 record streams, MS-XLSB).

No program on this machine writes .xlsb (LibreOffice 7.4 reads it but has no export filter:
`soffice --convert-to xlsb` answers “no export filter”), so the reader tests write their own with
this module: tests/data/office/make_office_files.py makes table.xlsb with it (checked by reading it
back with calamine and by LibreOffice converting it to CSV), and the hostile-input tests build
sheets a real program would never write (a cell in column 2**31, rows out of order).

A record is a type (1–2 bytes, 7 bits each, high bit = more) and a length (1–4 bytes, likewise),
then the body. Only what a table needs is written: shared strings, numbers, a formula with its
saved value, hidden rows, merged ranges, several sheets (some hidden)."""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass, field

# record types (MS-XLSB 2.3)
ROW_HDR, CELL_REAL, CELL_ISST, FMLA_NUM, SST_ITEM = 0x00, 0x05, 0x07, 0x09, 0x13
BEGIN_SHEET, END_SHEET, BEGIN_BOOK, END_BOOK = 0x81, 0x82, 0x83, 0x84
BEGIN_BUNDLE_SHS, END_BUNDLE_SHS, BEGIN_SHEET_DATA, END_SHEET_DATA = 0x8F, 0x90, 0x91, 0x92
WS_DIM, WB_PROP, BUNDLE_SH, BEGIN_SST, END_SST = 0x94, 0x99, 0x9C, 0x9F, 0xA0
MERGE_CELL, BEGIN_MERGE_CELLS, END_MERGE_CELLS = 0xB0, 0xB1, 0xB2
PTG_REF, PTG_ADD = 0x24, 0x03  # a cell reference and “+” in a formula's parsed tokens


def record(kind: int, body: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([kind & 0x7F | 0x80, kind >> 7])
    size, length = len(body), bytearray()
    while True:
        length.append(size & 0x7F | (0x80 if size > 0x7F else 0))
        size >>= 7
        if not size:
            break
    return head + bytes(length) + body


def wide(text: str) -> bytes:
    """XLWideString: a 32-bit count of UTF-16 units, then the units."""
    raw = text.encode("utf-16-le")
    return struct.pack("<I", len(raw) // 2) + raw


@dataclass
class Formula:
    """A formula adding cells (0-based (row, column) pairs), with the value Excel saved for it."""
    adds: list[tuple[int, int]]
    value: float


@dataclass
class Sheet:
    name: str
    rows: list[list] = field(default_factory=list)  # None: no cell; str, int/float, or Formula
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 0-based
    hidden_rows: set[int] = field(default_factory=set)  # 0-based
    hidden: bool = False
    cells: list[tuple[int, int, bytes]] | None = None  # raw (row, column, cell record): overrides rows


def sheet_part(sheet: Sheet, strings: dict[str, int]) -> bytes:
    cells = sheet.cells if sheet.cells is not None else [
        (r, c, _cell(c, value, strings)) for r, row in enumerate(sheet.rows)
        for c, value in enumerate(row) if value is not None]
    last_row = max((r for r, _, _ in cells), default=0)
    last_col = max((c for _, c, _ in cells), default=0)
    out = [record(BEGIN_SHEET), record(WS_DIM, struct.pack("<IIII", 0, last_row, 0, last_col)),
           record(BEGIN_SHEET_DATA)]
    current = None
    for r, _, cell in cells:
        if r != current:
            current = r
            flags = 0x10 if r in sheet.hidden_rows else 0  # fDyZero: the row is hidden
            out.append(record(ROW_HDR, struct.pack("<IIHBBBIII", r, 0, 300, 0, flags, 0, 1, 0, last_col)))
        out.append(cell)
    out.append(record(END_SHEET_DATA))
    if sheet.merged:
        out.append(record(BEGIN_MERGE_CELLS, struct.pack("<I", len(sheet.merged))))
        out += [record(MERGE_CELL, struct.pack("<IIII", top, bottom, left, right))
                for top, left, bottom, right in sheet.merged]
        out.append(record(END_MERGE_CELLS))
    out.append(record(END_SHEET))
    return b"".join(out)


def _cell(col: int, value, strings: dict[str, int]) -> bytes:
    head = struct.pack("<II", col, 0)  # column, then style 0
    if isinstance(value, str):
        return record(CELL_ISST, head + struct.pack("<I", strings.setdefault(value, len(strings))))
    if isinstance(value, Formula):
        tokens = b"".join(bytes([PTG_REF]) + struct.pack("<IH", r, c | 0xC000) for r, c in value.adds[:1])
        for r, c in value.adds[1:]:
            tokens += bytes([PTG_REF]) + struct.pack("<IH", r, c | 0xC000) + bytes([PTG_ADD])
        return record(FMLA_NUM, head + struct.pack("<dH", value.value, 0)
                      + struct.pack("<I", len(tokens)) + tokens + struct.pack("<I", 0))
    return record(CELL_REAL, head + struct.pack("<d", float(value)))


def cell_real(col: int, value: float) -> bytes:
    return record(CELL_REAL, struct.pack("<IId", col, 0, value))


def workbook(sheets: list[Sheet]) -> bytes:
    """The .xlsb file's bytes."""
    strings: dict[str, int] = {}
    parts = {f"xl/worksheets/sheet{i}.bin": sheet_part(s, strings) for i, s in enumerate(sheets, 1)}
    book = [record(BEGIN_BOOK), record(WB_PROP, struct.pack("<II", 0, 0) + wide("")), record(BEGIN_BUNDLE_SHS)]
    for i, s in enumerate(sheets, 1):
        book.append(record(BUNDLE_SH, struct.pack("<II", 1 if s.hidden else 0, i) + wide(f"rId{i}") + wide(s.name)))
    book += [record(END_BUNDLE_SHS), record(END_BOOK)]
    sst = [record(BEGIN_SST, struct.pack("<II", len(strings), len(strings)))]
    sst += [record(SST_ITEM, b"\x00" + wide(text)) for text in strings]
    sst.append(record(END_SST))
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    book_rels = "".join(f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.bin"/>'
                        for i in range(1, len(sheets) + 1))
    book_rels += f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/sharedStrings" Target="sharedStrings.bin"/>'
    overrides = "".join(f'<Override PartName="/{p}" ContentType="application/vnd.ms-excel.worksheet"/>' for p in parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.bin" '
            'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/>'
            f'{overrides}'
            '<Override PartName="/xl/sharedStrings.bin" ContentType="application/vnd.ms-excel.sharedStrings"/>'
            '</Types>'))
        z.writestr("_rels/.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.bin"/></Relationships>'))
        z.writestr("xl/_rels/workbook.bin.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{book_rels}'
            '</Relationships>'))
        z.writestr("xl/workbook.bin", b"".join(book))
        z.writestr("xl/sharedStrings.bin", b"".join(sst))
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()
