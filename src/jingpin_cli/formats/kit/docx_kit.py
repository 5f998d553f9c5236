"""What the Word reports (audit, screen, diff) share: a 公文-like page after GB/T 9704-2012 and the few
pieces they are built from — headings, body paragraphs, tables, shaded-bar charts, the page number.

The page: A4, margins 37 mm top, 35 mm bottom, 28 mm left, 26 mm right; the title in 方正小标宋简体
二号 (22 pt) centred; the body in 仿宋_GB2312 三号 (16 pt) on a fixed 28 pt line; headings in 黑体,
sub-headings in 楷体_GB2312; tables in 小四 (12 pt); “— 1 —” page numbers in the footer. Fonts are
named for East Asian text (w:eastAsia) with Times New Roman for Latin letters and digits, and the
document's font table names a fallback for each (w:altName: 仿宋, 黑体 …),
used by Word where the first is not installed.

Every piece of text goes in through python-docx as text, never as XML, after the characters XML 1.0
forbids are replaced (a name read with ESC in it must not make a file Word refuses to open)."""

from __future__ import annotations

import io
import re
from datetime import date, datetime, timezone

import docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from lxml import etree

from jingpin_cli.formats.kit.dates import report_date  # noqa: F401 — kit.report_date, as the reports call it
from jingpin_cli.text.words import word

TITLE_FONT, BODY_FONT, LATIN_FONT = "方正小标宋简体", "仿宋_GB2312", "Times New Roman"
HEADING_FONT, SUBHEADING_FONT = "黑体", "楷体_GB2312"  # GB/T 9704 7.3.3: 一、in 黑体, （一）in 楷体
# font -> what Word uses where it is missing (fontTable.xml w:altName); 仿宋_GB2312 is on most office
# PCs of the GB2312 era, 仿宋 (FangSong) on every Chinese Windows since Vista
FALLBACKS = {TITLE_FONT: "宋体", BODY_FONT: "仿宋", "仿宋": "FangSong", HEADING_FONT: "SimHei",
             SUBHEADING_FONT: "楷体", "楷体": "KaiTi"}
TITLE_SIZE, BODY_SIZE, H1_SIZE, H2_SIZE, TABLE_SIZE, FOOTER_SIZE = Pt(22), Pt(16), Pt(16), Pt(16), Pt(12), Pt(14)
LINE = Pt(28)  # 三号 text on 22 lines a page: GB/T 9704 7.1
TABLE_LINE = Pt(18)
NO_SPACE = Pt(0)
TABLE_STYLE = "Table Text"  # the paragraphs in table cells: 小四 on an 18 pt line
TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm between the margins
SHADE = {"bar": "2E86C1", "head": "E7E6E6", "veto": "7B241C", "fail": "C0392B", "partial": "D68910",
         "pass": "1E8449", "unknown": "7D3C98", "waived": "2471A3", "grey": "9E9E9E"}
NUMERALS = "一二三四五六七八九十"
BAR_CELLS = 20  # a shaded bar is drawn in steps of 1/20 (5 %) of the table's widest value

# XML 1.0 allows tab, line feed, carriage return and everything from U+0020 but lone surrogates and U+FFFE/U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def clean(value) -> str:
    """`value` as text Word can hold: each character XML 1.0 forbids becomes U+FFFD, as the readers do."""
    return _NOT_XML.sub("\ufffd", "" if value is None else str(value))


class Words:
    """The words of one document (text.words) in one language, with the pack's own terms filled in
    (`pack`: Standard.words), and its first-level headings numbered as a 公文 numbers them: 一、二、…"""

    def __init__(self, lang: str, pack: dict[str, str]):
        self.lang, self.pack, self.headings = lang, pack, 0

    def __call__(self, key: str, **params) -> str:
        return word(key, self.lang, **self.pack, **params)

    def numbered(self, title: str) -> str:
        self.headings += 1
        n = self.headings
        return self("docx.heading", n=n, cn=NUMERALS[n - 1] if n <= len(NUMERALS) else str(n), title=title)


# ---- the document and its styles ------------------------------------------------------------------

def document(title: str, when: date) -> docx.document.Document:
    """An empty 公文-like document: page, styles, footer page number, font fallbacks, properties."""
    doc = docx.Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28) - Pt(14)  # the page number about 7 mm below the text block
    _style(doc.styles["Normal"], BODY_FONT, BODY_SIZE)
    _style(doc.styles["Title"], TITLE_FONT, TITLE_SIZE, centred=True)
    _style(doc.styles["Heading 1"], HEADING_FONT, H1_SIZE, space_before=Pt(12))
    _style(doc.styles["Heading 2"], SUBHEADING_FONT, H2_SIZE, space_before=Pt(12), bold=True)
    _style(doc.styles["Heading 3"], BODY_FONT, BODY_SIZE, bold=True)
    _style(doc.styles["Table Grid"], BODY_FONT, TABLE_SIZE)
    _style(doc.styles.add_style(TABLE_STYLE, WD_STYLE_TYPE.PARAGRAPH), BODY_FONT, TABLE_SIZE)
    _page_number(section.footer.paragraphs[0])
    _font_fallbacks(doc)
    rels = doc.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]  # the template's thumbnail is a picture of some other document
    props = doc.core_properties  # the template's own dates and author would make every file differ
    stamp = datetime(when.year, when.month, when.day, tzinfo=timezone.utc)
    props.created = props.modified = props.last_printed = stamp
    props.author = props.last_modified_by = "jingpin"
    props.title, props.comments, props.revision = clean(title), "", 1
    return doc


def _style(style, east_asian: str, size, centred: bool = False, bold: bool = False, space_before=NO_SPACE) -> None:
    font = style.font
    font.name, font.size, font.bold, font.italic = LATIN_FONT, size, bold, False
    font.color.rgb = RGBColor(0, 0, 0)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):  # a theme font wins over a name
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    para = style.paragraph_format
    para.line_spacing_rule, para.line_spacing = WD_LINE_SPACING.EXACTLY, TABLE_LINE if size == TABLE_SIZE else LINE
    para.space_before, para.space_after = space_before, NO_SPACE
    if centred:
        para.alignment = WD_ALIGN_PARAGRAPH.CENTER
    border = style.element.find(qn("w:pPr") + "/" + qn("w:pBdr"))  # the template's Title has a rule under it
    if border is not None:
        border.getparent().remove(border)


def _page_number(paragraph) -> None:
    """“— 1 —” centred: a PAGE field (w:fldSimple), so Word and LibreOffice count the pages."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "— ", FOOTER_SIZE)
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), " PAGE ")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    field.append(run)
    paragraph._p.append(field)
    _run(paragraph, " —", FOOTER_SIZE)


def _font_fallbacks(doc) -> None:
    """Each of our fonts in the font table with the font Word takes where it is missing (w:altName)."""
    part = next((p for p in doc.part.package.iter_parts() if str(p.partname) == "/word/fontTable.xml"), None)
    if part is None:
        return
    fonts = etree.fromstring(part.blob)
    for name, alt in FALLBACKS.items():
        font = etree.SubElement(fonts, qn("w:font"), {qn("w:name"): name})
        etree.SubElement(font, qn("w:altName"), {qn("w:val"): alt})
        etree.SubElement(font, qn("w:charset"), {qn("w:val"): "86"})  # GB2312
    part._blob = etree.tostring(fonts, xml_declaration=True, encoding="UTF-8", standalone=True)


def saved(doc) -> bytes:
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# ---- paragraphs -----------------------------------------------------------------------------------

def _run(paragraph, text: str, size=None, bold: bool = False, colour: str | None = None):
    run = paragraph.add_run(clean(text))
    if size is not None:
        run.font.size = size
    if bold:
        run.font.bold = True
    if colour is not None:
        run.font.color.rgb = RGBColor.from_string(colour)
    return run


def title(doc, text: str) -> None:
    doc.add_paragraph(clean(text), style="Title")


def heading(doc, text: str, level: int = 1) -> None:
    doc.add_heading(clean(text), level=level)


def para(doc, *pieces, centred: bool = False, indent: bool = False):
    """A body paragraph of pieces: plain text, or (text, colour) shown bold in that colour."""
    paragraph = doc.add_paragraph()
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    if indent:  # 公文 body paragraphs start two characters in
        paragraph.paragraph_format.first_line_indent = BODY_SIZE * 2
    for piece in pieces:
        if isinstance(piece, tuple):
            _run(paragraph, piece[0], bold=True, colour=SHADE.get(piece[1], piece[1]))
        else:
            _run(paragraph, piece)
    return paragraph


def page_break(doc) -> None:
    doc.add_page_break()


# ---- tables ---------------------------------------------------------------------------------------

def table(doc, head: list[str], rows, widths_mm: list[float], numeric: set[int] = frozenset()):
    """A bordered table in 小四 whose header row repeats on every page; `widths_mm` sum to the text
    width (fixed layout: Word and LibreOffice then keep them). `numeric` columns are centred. A cell
    is text, or (text, colour) for a word such as 未达标 in its status colour."""
    tbl = doc.add_table(rows=1, cols=len(head))
    tbl.style = doc.styles["Table Grid"]
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    for column, width in zip(tbl.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid: each row added later takes its cell widths from it
    _narrow_margins(tbl)
    style = doc.styles[TABLE_STYLE]
    header = tbl.rows[0]
    _repeat_header(header)
    for i, (cell, text) in enumerate(zip(header.cells, head, strict=True)):
        cell.width = Mm(widths_mm[i])
        _cell(cell, text, style, bold=True, centred=True)
        _shade(cell, SHADE["head"])
    for values in rows:
        for i, (cell, value) in enumerate(zip(tbl.add_row().cells, values, strict=True)):
            text, colour = value if isinstance(value, tuple) else (value, None)
            _cell(cell, text, style, centred=i in numeric, colour=SHADE.get(colour, colour))
    return tbl


def _cell(cell, text, style, bold: bool = False, centred: bool = False, colour: str | None = None) -> None:
    paragraph = cell.paragraphs[0]
    paragraph._p.get_or_add_pPr().style = style.style_id  # not paragraph.style =: that looks the style up each time
    if centred:
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(paragraph, "" if text is None else str(text), bold=bold, colour=colour)


def _shade(cell, colour: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    cell._tc.get_or_add_tcPr().append(shading)


def _narrow_margins(tbl) -> None:
    """1 mm either side of a cell's text instead of Word's 1.9 mm: 差距项 fits 17 mm at 小四."""
    margins = OxmlElement("w:tblCellMar")
    for side in ("left", "right"):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), "57")  # twips
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    props = tbl._tbl.tblPr
    look = props.find(qn("w:tblLook"))  # the schema puts the margins just before tblLook
    if look is not None:
        look.addprevious(margins)
    else:
        props.append(margins)


def _repeat_header(row) -> None:
    props = row._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    props.append(repeat)
    keep = OxmlElement("w:cantSplit")
    props.append(keep)


def bar_chart(doc, rows: list[tuple[str, float, str, str]], label_mm: float = 36, value_mm: float = 36) -> None:
    """A chart as a table of shaded bars, one row per (label, value, value text, colour): the bar
    is a run of shaded cells as long as value / the largest value (in steps of 5 %). Text stays
    text (it prints in the reader's fonts and can be copied); no image, no chart engine."""
    top = max((v for _, v, _, _ in rows), default=0) or 1
    bar_mm = TEXT_WIDTH_MM - label_mm - value_mm
    tbl = doc.add_table(rows=len(rows), cols=BAR_CELLS + 2)
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    widths = [Mm(label_mm)] + [Mm(bar_mm / BAR_CELLS)] * BAR_CELLS + [Mm(value_mm)]
    for column, width in zip(tbl.columns, widths, strict=True):
        column.width = width
    style = doc.styles[TABLE_STYLE]
    for row, (label, value, text, colour) in zip(tbl.rows, rows, strict=True):
        cells = row.cells
        for cell, width in zip(cells, widths, strict=True):
            cell.width = width
        _cell(cells[0], label, style)
        filled = round(BAR_CELLS * max(value, 0) / top)
        if value > 0:
            filled = max(filled, 1)  # a count of one still shows
        for i, cell in enumerate(cells[1:-1]):
            _cell(cell, "", style)  # an empty cell still has a paragraph: in the body's 28 pt line it would be tall
            if i < filled:
                _shade(cell, SHADE.get(colour, colour))
        _cell(cells[-1], text, style)
