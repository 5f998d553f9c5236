"""Size limits on input, checked before the expensive work so that memory and time stay bounded.

Each limit is far above a real file (the whole country is about 110 000 communities and 490 000 villages)
and far below what would exhaust an office PC. The README lists them; changing one here changes
the message a user sees, so keep the two in step."""

from __future__ import annotations

from pathlib import Path

from jingpin_cli.errors import InputError, Location, Problem
from jingpin_cli.files import regular_file_size

MiB = 2**20

MAX_CSV_BYTES = 512 * MiB  # a CSV/TXT file on disk (held in memory while it is parsed)
# rows × widest row of a text table, counted on the bytes before parsing: the country's communities
# and villages (600 000) × 100 columns. Its cells are read as categorical columns, 1–4 bytes each
# (records/csv_text.py), so the cost is bounded by this and by MAX_DISTINCT_TEXTS, not by the file.
MAX_TEXT_CELLS = 64_000_000
MAX_TEXT_COLUMNS = 16_384  # cells in one row of a text table: Excel's own column limit (XFD)
# distinct texts of a text table, summed over its columns: each is a Python string (about 60 bytes).
# A real table repeats most cells (是/否, small numbers); only a few columns (code, name, address,
# telephone) are unique per row: 600 000 × 10 columns is far above them. A table of nothing but
# different random texts is what this stops.
MAX_DISTINCT_TEXTS = 8_000_000
# rows × columns of one workbook sheet: 200 000 communities × 80 columns. Lower than a text table's:
# openpyxl holds a cell as an object, and calamine reserves a sheet as one dense block
MAX_CELLS = 16_000_000
MAX_XLSX_BYTES = 128 * MiB  # an .xlsx file on disk
MAX_XLSX_UNPACKED = 512 * MiB  # all parts of an .xlsx, uncompressed, as its zip directory declares
MAX_ZIP_RATIO = 200  # one part may unpack to at most this many times its packed size (zip bomb)
ZIP_RATIO_FROM = 1 * MiB  # ...when it unpacks to more than this (tiny parts compress oddly)
MAX_ZIP_PARTS = 10_000
MAX_MERGED_RANGES = 100_000  # merged-cell ranges in one sheet
# shared strings of one workbook (.xlsx sharedStrings, .xls SST): each costs the reader a string
# object, and a table of 200 000 communities holds a few hundred thousand distinct texts
MAX_SHARED_STRINGS = 2_000_000
MAX_CELL_CHARS = 32_767  # one cell's text: Excel's own limit, so no real spreadsheet cell is longer
HEADER_SEARCH_ROWS = 20  # title, unit and “填报单位” rows often sit above the header


def check_file_size(path: Path, limit: int) -> int:
    """The file's size; InputError if it is not a regular file (a FIFO would block the reader, a
    device never ends), is above `limit` or cannot be read. Nothing is read yet."""
    return regular_file_size(path, limit)


def too_many_cells(file: str, sheet: str | None, rows: int, columns: int, limit: int = MAX_CELLS) -> InputError:
    return InputError([Problem("too_many_cells", Location(file, sheet),
                               {"rows": rows, "columns": columns, "limit": f"{limit:,}"})])
