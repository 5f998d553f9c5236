"""What an .xls/.et, .xlsb or .ods workbook would cost, read from its bytes before python-calamine opens it.

calamine builds each sheet as one dense block from its first to its last value, in Rust: a 5 KB
.xls holding a value in A1 and one in IV65536 makes it allocate 16.7 million cells (1 GB), and
past what the machine can give it the process aborts (no Python exception to catch). So the
extent of every sheet, and the count of shared strings, are found here first, by a plain scan of
the records (.xls: the BIFF8 records of the OLE container's Workbook stream; .xlsb: the BIFF12
records of each sheet part, streamed) or of the XML (.ods: content.xml, streamed), and checked
against records/limits.py. The .xlsb and .ods scans also yield what calamine does not expose for
them: merged ranges, hidden rows and (.ods) formulas without a saved value."""

from __future__ import annotations

import io
import struct
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field

from jingpin_cli.records.limits import MAX_MERGED_RANGES

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
FREE, END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE


class BadFile(ValueError):
    """The bytes are not the format they claim; the message says what is wrong (in English, as detail)."""


@dataclass
class SheetScan:
    name: str
    rows: int = 0  # the last row with a value, 1-based (0: no value)
    columns: int = 0  # the last column with a value, 1-based
    merged: list[tuple[int, int, int, int]] = field(default_factory=list)  # (top, left, bottom, right), 0-based
    hidden: list[tuple[int, int]] = field(default_factory=list)  # hidden rows as 0-based [start, stop) runs
    formulas_without_value: list[tuple[int, int]] = field(default_factory=list)  # (row, column), 0-based

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass
class BookScan:
    sheets: list[SheetScan]
    shared_strings: int = 0
    encrypted: bool = False  # a password to open: the records past the first are not readable


# ---- OLE compound file (the container of .xls, .et and password-protected .xlsx) ---------------

def ole_streams(data: bytes) -> dict[str, bytes]:
    """The streams at the top of an OLE compound file, by name. Every chain of sectors is followed
    at most as many steps as the file has sectors, so a loop in the allocation table cannot hang."""
    if len(data) < 512 or not data.startswith(OLE_MAGIC):
        raise BadFile("not an OLE compound file")
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise BadFile("unknown OLE sector size")
    size = 1 << shift
    sectors = (len(data) - 512 + size - 1) // size
    n_dir, n_fat, first_dir = struct.unpack_from("<III", data, 0x28)
    cutoff, first_minifat, n_minifat, first_difat, n_difat = struct.unpack_from("<IIIII", data, 0x38)
    # calamine reserves memory by these counts before reading a byte of them (a count of 2**32
    # sectors is an abort, not an error): none may claim more sectors than the file has
    if max(n_dir, n_fat, n_minifat, n_difat) > sectors:
        raise BadFile("an OLE header that claims more sectors than the file has")

    def sector(i: int) -> bytes:
        if i >= sectors:
            raise BadFile("an OLE sector number points past the end of the file")
        return data[(i + 1) * size:(i + 2) * size]

    fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s not in (FREE, END_OF_CHAIN)]
    nxt = first_difat
    for _ in range(min(n_difat, sectors)):
        if nxt in (FREE, END_OF_CHAIN):
            break
        entries = struct.unpack(f"<{size // 4}I", sector(nxt))
        fat_sectors += [s for s in entries[:-1] if s not in (FREE, END_OF_CHAIN)]
        nxt = entries[-1]
    if nxt not in (FREE, END_OF_CHAIN) and n_difat:  # calamine follows this chain to its end: it must have one
        raise BadFile("a broken OLE sector chain")
    fat = b"".join(sector(s) for s in fat_sectors[:sectors])
    fat_entries = struct.unpack(f"<{len(fat) // 4}I", fat[:len(fat) // 4 * 4])

    def chain(start: int, table, unit: int, limit: int, read) -> bytes:
        out, i, steps = [], start, 0
        while i not in (END_OF_CHAIN, FREE):
            if i >= len(table) or steps > limit:
                raise BadFile("a broken OLE sector chain")
            out.append(read(i))
            i, steps = table[i], steps + 1
        return b"".join(out)

    directory = chain(first_dir, fat_entries, size, sectors, sector)
    entries = [directory[k:k + 128] for k in range(0, len(directory) - 127, 128)]
    if not entries:
        raise BadFile("an OLE file without a directory")
    root_start, root_size = struct.unpack_from("<IQ", entries[0], 0x74)
    mini_stream = chain(root_start, fat_entries, size, sectors, sector)[:root_size]
    minifat_bytes = chain(first_minifat, fat_entries, size, sectors, sector)
    minifat = struct.unpack(f"<{len(minifat_bytes) // 4}I", minifat_bytes[:len(minifat_bytes) // 4 * 4])
    streams = {}
    for entry in entries:
        if struct.unpack_from("<Q", entry, 0x78)[0] & (0xFFFFFFFF if shift == 9 else (1 << 64) - 1) > len(data):
            raise BadFile("an OLE stream longer than the file")  # calamine would reserve that much
    for entry in entries[1:]:
        name_len, entry_type = struct.unpack_from("<HB", entry, 0x40)
        if entry_type != 2 or not 2 <= name_len <= 64:
            continue
        name = entry[:name_len - 2].decode("utf-16-le", "replace")
        start, length = struct.unpack_from("<IQ", entry, 0x74)
        length &= 0xFFFFFFFF if shift == 9 else (1 << 63) - 1  # version 3 files: the high half is junk
        if length < cutoff:
            body = chain(start, minifat, 64, len(mini_stream) // 64 + 1, lambda i: mini_stream[i * 64:(i + 1) * 64])
        else:
            body = chain(start, fat_entries, size, sectors, sector)
        streams[name] = body[:length]
    return streams


# ---- BIFF8 records (the Workbook stream of .xls/.et) --------------------------------------------

BOF, BOUNDSHEET, SST, ROW, DIMENSIONS = 0x0809, 0x0085, 0x00FC, 0x0208, 0x0200
FILEPASS = 0x002F  # the workbook is encrypted (a password to open); every record body after it is ciphertext
BIFF8_ROWS, BIFF8_COLUMNS = 65536, 256  # an .xls sheet's size
ROW_HIDDEN = 0x20  # fDyZero in the ROW record's flags: the row is hidden (by hand, a filter or an outline)
# records holding one value at (row, column) in their first four bytes; BLANK (0x0201) and MULBLANK
# (0x00BE) are formatting only, and calamine leaves them out of the sheet as well
ONE_VALUE = {0x0203, 0x027E, 0x00FD, 0x0204, 0x0205, 0x0006, 0x00D6}
MULRK = 0x00BD  # row, first column, …, last column in its last two bytes


def scan_biff(stream: bytes) -> BookScan:
    """Each worksheet's extent (last row and column with a value) and the shared strings declared."""
    names: dict[int, str] = {}
    sheets: list[SheetScan] = []
    current: SheetScan | None = None
    shared = 0
    pos, end = 0, len(stream)
    while pos + 4 <= end:
        entry_type, length = struct.unpack_from("<HH", stream, pos)
        body = pos + 4
        if entry_type == FILEPASS:
            return BookScan([], 0, encrypted=True)
        if entry_type == BOF:
            if pos > 0:  # the first BOF opens the workbook globals; each later one a sheet
                current = SheetScan(names.get(pos, f"#{len(sheets) + 1}"))
                sheets.append(current)
        elif entry_type == BOUNDSHEET and length >= 8:
            offset, = struct.unpack_from("<I", stream, body)
            names[offset] = _short_unicode(stream, body + 6, body + length)
        elif entry_type == SST and length >= 8:
            shared = max(shared, struct.unpack_from("<I", stream, body + 4)[0])
        elif entry_type == DIMENSIONS and length >= 12:
            # calamine sizes the sheet by this record before reading a cell: first > last, or past
            # the sheet's edge, would be a reservation of terabytes (an abort)
            first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", stream, body)
            if first_row > last_row or first_col > last_col or last_row > BIFF8_ROWS or last_col > BIFF8_COLUMNS:
                raise BadFile("a sheet's DIMENSIONS record is out of range")
        elif entry_type == ROW and current is not None and length >= 16:
            row, = struct.unpack_from("<H", stream, body)
            if struct.unpack_from("<H", stream, body + 12)[0] & ROW_HIDDEN:
                current.hidden.append((row, row + 1))
        elif current is not None and length >= 4 and (entry_type in ONE_VALUE or entry_type == MULRK):
            row, col = struct.unpack_from("<HH", stream, body)
            if entry_type == MULRK and length >= 6:
                col, = struct.unpack_from("<H", stream, body + length - 2)
            current.rows = max(current.rows, row + 1)
            current.columns = max(current.columns, col + 1)
        pos = body + length
    return BookScan(sheets, shared)


def _short_unicode(stream: bytes, at: int, end: int) -> str:
    if at + 2 > end:
        return ""
    count, flags = stream[at], stream[at + 1]
    raw = stream[at + 2:min(end, at + 2 + count * (2 if flags & 1 else 1))]
    return raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")


# ---- OpenDocument spreadsheet (.ods): content.xml, streamed --------------------------------------

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"


def scan_ods(archive: zipfile.ZipFile) -> BookScan:
    """Each table's extent (repeats counted: one row element may stand for a million rows), merged
    ranges, hidden (collapsed or filtered) rows and formulas without a saved value."""

    sheets: list[SheetScan] = []
    current: SheetScan | None = None
    row = col = 0
    repeat_rows = 1
    row_has_value = False
    stack: list = []
    try:
        with archive.open("content.xml") as stream:
            for event, elem in ET.iterparse(stream, events=("start", "end")):
                if event == "start":
                    stack.append(elem)
                    if elem.tag == TABLE + "table":
                        current = SheetScan(elem.get(TABLE + "name", f"#{len(sheets) + 1}"))
                        sheets.append(current)
                        row = 0
                    elif elem.tag == TABLE + "table-row" and current is not None:
                        col, row_has_value = 0, False
                        repeat_rows = _count(elem.get(TABLE + "number-rows-repeated"))
                        if elem.get(TABLE + "visibility") in ("collapse", "filter"):
                            current.hidden.append((row, row + repeat_rows))
                    continue
                stack.pop()
                if current is None:
                    continue
                if elem.tag in (TABLE + "table-cell", TABLE + "covered-table-cell"):
                    repeat = _count(elem.get(TABLE + "number-columns-repeated"))
                    if elem.get(OFFICE + "value-type") is not None or len(elem):
                        row_has_value = True
                        current.columns = max(current.columns, col + repeat)
                        if elem.get(TABLE + "formula") is not None and elem.get(OFFICE + "value-type") is None:
                            current.formulas_without_value.append((row, col))
                    spans = (_count(elem.get(TABLE + "number-rows-spanned")),
                             _count(elem.get(TABLE + "number-columns-spanned")))
                    if spans != (1, 1) and elem.tag == TABLE + "table-cell":
                        current.merged.append((row, col, row + spans[0] - 1, col + spans[1] - 1))
                        if len(current.merged) > MAX_MERGED_RANGES:
                            raise BadFile(f"more than {MAX_MERGED_RANGES} merged ranges")
                    col += repeat
                    elem.clear()
                elif elem.tag == TABLE + "table-row":
                    row += repeat_rows
                    if row_has_value:
                        current.rows = row
                    _drop(stack, elem)
                elif elem.tag == TABLE + "table":
                    current = None
                    _drop(stack, elem)
    except ET.ParseError as exc:
        raise BadFile(f"content.xml: {exc}") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError, OSError, NotImplementedError) as exc:
        raise BadFile(f"content.xml: {exc}") from None
    except KeyError:
        raise BadFile("a zip file, but not an OpenDocument spreadsheet (no content.xml)") from None
    return BookScan(sheets)


def _count(value: str | None) -> int:
    """A repeat or span attribute: a positive whole number (anything else counts once)."""
    if value is None or not value.isdigit() or len(value) > 9:
        return 1
    return max(int(value), 1)


def _drop(stack: list, elem) -> None:
    """Forget a finished element, so that memory stays bounded however long the table is."""
    elem.clear()
    if stack:
        try:
            stack[-1].remove(elem)
        except ValueError:
            pass


# ---- Excel binary workbook (.xlsb): a zip of BIFF12 record streams, each part streamed ----------
#
# What calamine does with an .xlsb (its xlsb module, read before writing this): it keeps each
# sheet's non-empty cells as a list, then builds one dense block from the first cell's row to the
# last cell's row (in file order) and from the smallest to the largest column. The row comes from
# the last row header (BrtRowHdr, up to 0x100000) and the column from the cell record itself, any
# 32-bit number: one cell in column 2**31 is an allocation of terabytes (an abort), and a last row
# above the first wraps around to the same. The declared dimension (BrtWsDim) only sizes a small
# reservation, so it is checked, but the bound is the cells' real extent. Shared strings: calamine
# reads as many as BrtBeginSst declares (cstUnique), so the declared count bounds them.

XLSB_ROWS, XLSB_COLUMNS = 1_048_576, 16_384  # an Excel 2007+ sheet's size
ROW_HDR, WS_DIM, MERGE_CELL, BEGIN_SST = 0x0000, 0x0094, 0x00B0, 0x009F
WB_PROP, BUNDLE_SH, END_BUNDLE_SHS = 0x0099, 0x009C, 0x0090
# the cell records calamine reads a value from, with the bytes each must hold (column, style, value
# and, for a formula, its flags): a shorter one would make calamine read a stale column
XLSB_CELLS = {0x02: 12, 0x03: 9, 0x04: 9, 0x05: 16, 0x06: 12, 0x07: 12, 0x08: 14, 0x09: 18, 0x0A: 11}
ROW_HIDDEN_XLSB = 0x10  # fDyZero, in the row header's 12th byte
SHEET_RELS = "xl/_rels/workbook.bin.rels"
RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
CHUNK = 1 << 20


def scan_xlsb(archive: zipfile.ZipFile) -> BookScan:
    """Every part calamine may read as a sheet, scanned for its extent, hidden rows and merged
    ranges; and the shared strings declared."""
    parts = set(archive.namelist())
    targets = _xlsb_targets(archive, parts)
    sheets = []
    for name, target in _xlsb_sheets(_read_part(archive, "xl/workbook.bin"), targets):
        sheets.append(_scan_xlsb_sheet(archive, f"xl/{target}", name) if f"xl/{target}" in parts
                      else SheetScan(name))
    shared = 0
    if "xl/sharedStrings.bin" in parts:
        with archive.open("xl/sharedStrings.bin") as stream:
            for rtype, body in biff12_records(stream):
                if rtype == BEGIN_SST:
                    if len(body) < 8:
                        raise BadFile("a shared-string table header cut short")
                    shared = struct.unpack_from("<I", body, 4)[0]
                    break
    return BookScan(sheets, shared)


def biff12_records(stream) -> Iterator[tuple[int, bytes]]:
    """(type, body) of each BIFF12 record of a stream, read a chunk at a time."""
    for rtype, buf, at, length in biff12_spans(stream):
        yield rtype, buf[at:at + length]


def biff12_spans(stream) -> Iterator[tuple[int, bytes, int, int]]:
    """(type, buffer, offset, length) of each BIFF12 record of a stream, read a chunk at a time: the
    body is buffer[offset:offset + length], left unsliced (a sheet has a record per cell). A type is
    1–2 bytes and a length 1–4 bytes, 7 bits each (high bit: one more byte), as calamine reads them."""
    buf, pos, ended = b"", 0, False
    while True:
        if len(buf) - pos < 6 and not ended:
            more = stream.read(CHUNK)
            ended = not more
            buf, pos = buf[pos:] + more, 0
        if pos >= len(buf):
            return
        first = buf[pos]
        if first & 0x80:
            if pos + 1 >= len(buf):
                raise BadFile("a BIFF12 record cut short")
            rtype, pos = (first & 0x7F) | (buf[pos + 1] & 0x7F) << 7, pos + 2
        else:
            rtype, pos = first, pos + 1
        if pos < len(buf) and not buf[pos] & 0x80:  # the usual one-byte length
            length, pos = buf[pos], pos + 1
        else:
            length = 0
            for i in range(4):
                if pos >= len(buf):
                    raise BadFile("a BIFF12 record cut short")
                byte, pos = buf[pos], pos + 1
                length |= (byte & 0x7F) << 7 * i
                if not byte & 0x80:
                    break
        if len(buf) - pos < length:
            buf, pos = buf[pos:] + stream.read(length - (len(buf) - pos)), 0
            if len(buf) < length:
                raise BadFile("a BIFF12 record longer than its part")
        yield rtype, buf, pos, length
        pos += length


def _read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    try:
        return archive.read(name)
    except KeyError:
        raise BadFile(f"a zip file, but not an Excel workbook (no {name})") from None


def _xlsb_targets(archive: zipfile.ZipFile, parts: set[str]) -> dict[str, str]:
    """The workbook's relationships, id → target."""
    if SHEET_RELS not in parts:
        return {}
    try:
        root = ET.fromstring(archive.read(SHEET_RELS))
    except ET.ParseError as exc:
        raise BadFile(f"{SHEET_RELS}: {exc}") from None
    return {r.get("Id", ""): r.get("Target", "") for r in root.iter(RELS + "Relationship")}


def _xlsb_sheets(book: bytes, targets: dict[str, str]) -> list[tuple[str, str]]:
    """(name, target) of each sheet of workbook.bin. Older calamine releases read this part a byte
    at a time looking for the records they know (0.37 follows the records), so a sheet record hidden
    inside another record's body counts for them: both readings are taken, the records' and that
    one, and every part either names is scanned."""
    found: dict[str, str] = {}
    for rtype, body in biff12_records(io.BytesIO(book)):
        if rtype == BUNDLE_SH:
            found.update(_bundle_sheet(body))
        elif rtype == END_BUNDLE_SHS:
            break
    pos = 0
    while pos < len(book):  # the byte-wise reading: a record it knows is read whole, any other byte skipped
        rtype, pos = _calamine_type(book, pos)
        if rtype in (WB_PROP, BUNDLE_SH):
            body, pos = _calamine_body(book, pos)
            if rtype == BUNDLE_SH:
                found.update(_bundle_sheet(body))
        elif rtype == END_BUNDLE_SHS:
            break
    return [(name, targets.get(rel_id, "")) for rel_id, name in found.items()]


def _calamine_type(data: bytes, pos: int) -> tuple[int, int]:
    first = data[pos]
    if first & 0x80 and pos + 1 < len(data):
        return (first & 0x7F) | (data[pos + 1] & 0x7F) << 7, pos + 2
    return first, pos + 1


def _calamine_body(data: bytes, pos: int) -> tuple[bytes, int]:
    length = 0
    for i in range(4):
        if pos >= len(data):
            break
        byte, pos = data[pos], pos + 1
        length |= (byte & 0x7F) << 7 * i
        if not byte & 0x80:
            break
    return data[pos:pos + length], pos + length


def _bundle_sheet(body: bytes) -> dict[str, str]:
    """{relationship id: sheet name} of a BrtBundleSh (state, tab id, relationship id, name)."""
    if len(body) < 12:
        return {}
    count, = struct.unpack_from("<I", body, 8)
    if count == 0xFFFFFFFF or 12 + 2 * count + 4 > len(body):
        return {}
    rel_id = body[12:12 + 2 * count].decode("utf-16-le", "replace")
    at = 12 + 2 * count
    name_count, = struct.unpack_from("<I", body, at)
    name = body[at + 4:at + 4 + 2 * name_count].decode("utf-16-le", "replace")
    return {rel_id: name}


def _scan_xlsb_sheet(archive: zipfile.ZipFile, part: str, name: str) -> SheetScan:
    sheet = SheetScan(name)
    row = last_header = 0
    last_cell_row = last_col = declared_rows = declared_cols = -1
    unpack, cells = struct.unpack_from, XLSB_CELLS
    with archive.open(part) as stream:
        for rtype, buf, at, length in biff12_spans(stream):
            need = cells.get(rtype)
            if need is not None:  # a cell: the hot path, one per value
                if length < need:
                    raise BadFile("a cell record cut short")
                col = unpack("<I", buf, at)[0]
                if col > last_col:
                    last_col = col
                last_cell_row = row  # rows never go back (checked below): the last cell's is the largest
            elif rtype == ROW_HDR:
                if length < 4:
                    raise BadFile("a row header cut short")
                row = unpack("<I", buf, at)[0]
                if row >= XLSB_ROWS or row < last_header:  # calamine's block would wrap around
                    raise BadFile("a row header out of range or out of order")
                last_header = row
                if length >= 12 and buf[at + 11] & ROW_HIDDEN_XLSB:
                    sheet.hidden.append((row, row + 1))
            elif rtype == WS_DIM:
                if length < 16:
                    raise BadFile("a sheet's dimension record cut short")
                first_row, last_row, first_col, last = unpack("<IIII", buf, at)
                if first_row > last_row or first_col > last or last_row >= XLSB_ROWS or last >= XLSB_COLUMNS:
                    raise BadFile("a sheet's dimension record is out of range")
                declared_rows, declared_cols = max(declared_rows, last_row), max(declared_cols, last)
            elif rtype == MERGE_CELL and length >= 16:
                top, bottom, left, right = unpack("<IIII", buf, at)
                if top <= bottom < XLSB_ROWS and left <= right < XLSB_COLUMNS:
                    sheet.merged.append((top, left, bottom, right))
                    if len(sheet.merged) > MAX_MERGED_RANGES:
                        raise BadFile(f"more than {MAX_MERGED_RANGES} merged ranges")
    if last_col >= XLSB_COLUMNS:
        raise BadFile("a cell past the sheet's last column")
    sheet.rows = max(last_cell_row, declared_rows) + 1 if last_col >= 0 or declared_rows >= 0 else 0
    sheet.columns = max(last_col, declared_cols) + 1 if sheet.rows else 0
    return sheet
