"""What a report rests on, said alike in every workbook's 说明 sheet and in the Word reports' date:
the standard (title, id, version, the document it puts into effect), the data files, the report's
date and the jingpin that wrote it. An office that finds a printed sheet in a drawer a year later
can tell which standard, which data and which day it came from."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from openpyxl import Workbook

from jingpin_cli import __version__
from jingpin_cli.formats.kit.sheets import WRAP, Look, Widths, write_sheet
from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick
from jingpin_cli.text.words import sep, word, words

LOOK = Look(freeze="A2", widths=Widths(low=10, high=80, head_pad=2, cell_pad=2), autofilter=False,
            header_top=True)


def standard_rows(standard: Standard, lang: str) -> list[list]:
    """标准 / 标准编号 / 版本 / 依据文件 (the document's title, issuer and date)."""
    doc = standard.document
    document = sep(lang, "comma").join(part for part in (doc.title, doc.issuer, doc.date) if part)
    return [[word("about.standard", lang), pick(standard.title, lang)],
            [word("about.standard_id", lang), standard.id],
            [word("about.version", lang), standard.version],
            [word("about.document", lang), document]]


def closing_rows(files: list[str], when: date, lang: str) -> list[list]:
    """One row per data file (the label on the first), then the date and jingpin's version."""
    label = word("about.files", lang)
    rows = [[label if i == 0 else "", f] for i, f in enumerate(files)]
    return rows + [[word("about.date", lang), when.isoformat()],
                   [word("about.made_by", lang), word("about.jingpin", lang, v=__version__)]]


def write_about(wb: Workbook, rows: list[list], lang: str) -> None:
    """The 说明 sheet, last in the workbook: the file opens on the results, and the notes print after them."""
    header = words(["item", "value"], lang, "about.")
    look = replace(LOOK, columns={header[1]: WRAP})
    write_sheet(wb, word("about.sheet", lang), header, rows, look)
