"""formats/kit: the one CSV writer, sheet writer, escapes and status vocabulary every result kind uses."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import numpy as np
import openpyxl
import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats import FORMATS, Options, renderer
from jingpin_cli.formats.audit import csv as audit_csv
from jingpin_cli.formats.audit import html as audit_html
from jingpin_cli.formats.audit import md as audit_md
from jingpin_cli.formats.audit import xlsx as audit_xlsx
from jingpin_cli.formats.kit.csv import BOM, csv_chunks, csv_text
from jingpin_cli.formats.kit.escape import html_text, md_code, md_table, md_text
from jingpin_cli.formats.kit.sheets import Look, saved, status_cell, workbook, write_sheet
from jingpin_cli.formats.kit.status import HTML_COLOUR, MARK, RICH_STYLE, STATUSES, XLSX_STYLE, status_word
from jingpin_cli.results.audit.report import audit
from jingpin_cli.text.words import STATUS_WORDS

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "tests" / "golden" / "input"
HOSTILE = "<img src=x onerror=alert(1)>"
runner = CliRunner()


# ---- the CSV writer ---------------------------------------------------------------------------

def test_csv_writer_neutralises_formulas_and_keeps_the_excel_bytes():
    text = csv_text(["=SUM(A1)", "名称"], [["=HYPERLINK(\"x\")", "+1", "-2", "@a", "\tx", None, 3, 'say "hi", ok']])
    assert text.startswith(BOM) and text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    rows = list(csv.reader(io.StringIO(text[len(BOM):], newline="")))
    assert rows[0] == ["'=SUM(A1)", "名称"]
    assert rows[1] == ["'=HYPERLINK(\"x\")", "'+1", "'-2", "'@a", "'\tx", "", "3", 'say "hi", ok']


def test_csv_writer_streams_in_pieces_that_join_to_the_whole():
    rows = [[f"社区{i}", i] for i in range(500)]
    pieces = list(csv_chunks(["a", "b"], rows, chunk=100))
    assert len(pieces) > 10 and "".join(pieces) == csv_text(["a", "b"], rows)


# ---- escaping ---------------------------------------------------------------------------------

@pytest.mark.parametrize("name", [HOSTILE, "<script>alert(1)</script>", "a | b", "line\nbreak", "A&B \"q\" 'q'"])
def test_escapes_on_hostile_names(name):
    md = md_text(name)
    assert "<" not in md and ">" not in md and "\n" not in md and "| " not in md.replace("\\| ", "")
    page = html_text(name)
    assert not re.search(r"[<>\"']", page)
    assert md_code(name).count("\n") == 0 and md_text(None) == "" and md_code(None) == ""


def test_markdown_table_escapes_every_cell():
    head, rule, row = md_table(["名", "x|y"], [[HOSTILE, None]])
    assert head == "| 名 | x\\|y |" and rule == "|---|---|"
    assert row == "| &lt;img src=x onerror=alert(1)&gt; |  |"


def test_diff_md_escapes_a_hostile_name_as_audit_md_does(tmp_path):
    """issue 15: `audit -f md` escaped a community named <img …>, `diff -f md` printed it raw."""
    header, *rows = list(csv.reader((INPUT / "社区排查摸底表.csv").open(encoding="utf-8-sig")))
    before, after = tmp_path / "before", tmp_path / "after"
    for folder, named in ((before, rows[0][1]), (after, HOSTILE)):
        folder.mkdir()
        changed = [list(r) for r in rows]
        changed[0][1] = named
        with open(folder / "表.csv", "w", encoding="utf-8-sig", newline="") as fh:
            csv.writer(fh).writerows([header, *changed])
    audit_md_out = runner.invoke(app, ["audit", str(after), "-f", "md"]).stdout
    diff_md_out = runner.invoke(app, ["diff", str(before), str(after), "-f", "md"]).stdout
    for out in (audit_md_out, diff_md_out):
        assert HOSTILE not in out and md_text(HOSTILE) in out


# ---- one status vocabulary --------------------------------------------------------------------

def test_the_vocabulary_covers_every_status_everywhere():
    assert STATUSES == ("pass", "partial", "fail", "unknown", "waived", "not_applicable")
    for table in (STATUS_WORDS, MARK, RICH_STYLE, HTML_COLOUR, XLSX_STYLE):
        assert set(table) == set(STATUSES)
    # the words in English are the codes (not_applicable reads n/a)
    assert [status_word(s, "en") for s in STATUSES] == [*STATUSES[:-1], "n/a"]
    assert status_word("fail", "zh") == "未达标"


@pytest.fixture(scope="module")
def report(standard):
    return audit(standard, INPUT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_status_words_agree_across_csv_html_xlsx_and_md(report, lang, tmp_path):
    words = {status_word(s, lang): s for s in STATUSES}
    seen = {}

    # HTML: every status badge and gate chip shows the word of its class
    page = audit_html.render(report, Options(lang))
    for status, shown in re.findall(r'<span class="st (\w+)">([^<]*)</span>', page):
        assert shown == status_word(status, lang)
        seen.setdefault("html", set()).add(shown)
    for status, shown in re.findall(r'<span class="chip (\w+)">[^<]*：([^<]*)</span>', page):
        assert shown == status_word(status, lang)

    # Markdown: the bold word of every finding
    md = audit_md.render(report, Options(lang))
    seen["md"] = set(re.findall(r"^- \*\*([^*]+)\*\*", md, re.M))
    assert seen["md"] <= set(words)

    # CSV: the gate columns
    rows = list(csv.reader(io.StringIO("".join(audit_csv.render(report, Options(lang)))[len(BOM):])))
    gates = [rows[0].index(g.en if lang == "en" and g.en else g.zh) for g in report.standard.gates]
    seen["csv"] = {row[i] for row in rows[1:] for i in gates}
    assert seen["csv"] <= set(words)

    # XLSX: the status column of the results sheet, each word filled with its status's colour
    path = tmp_path / "a.xlsx"
    path.write_bytes(audit_xlsx.render(report, Options(lang)))
    ws = openpyxl.load_workbook(path).worksheets[1]
    at = [c.value for c in ws[1]].index("状态" if lang == "zh" else "status")
    seen["xlsx"] = set()
    for row in ws.iter_rows(min_row=2):
        cell = row[at]
        assert cell.fill.fgColor.rgb[-6:] == XLSX_STYLE[words[cell.value]][0]
        seen["xlsx"].add(cell.value)
    assert seen["html"] & seen["md"] & seen["xlsx"]  # the same words really are shown by each


# ---- the sheet writer and the one render signature -------------------------------------------

def test_sheet_writer_neutralises_formulas_and_colours_status_cells(tmp_path):
    wb = workbook()
    write_sheet(wb, "表", ["=a", "状态"], [["=HYPERLINK(1)", status_cell("fail", "zh")]], Look(statuses=True))
    path = tmp_path / "s.xlsx"
    path.write_bytes(saved(wb))
    ws = openpyxl.load_workbook(path)["表"]
    assert [c.value for c in ws[1]] == ["'=a", "状态"] and ws["A2"].value == "'=HYPERLINK(1)"
    assert ws["B2"].value == "未达标" and ws["B2"].fill.fgColor.rgb[-6:] == XLSX_STYLE["fail"][0]
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:B2"


def test_every_format_module_has_the_one_render_signature():
    import inspect

    for kind, names in FORMATS.items():
        for name in names:
            module = renderer(kind, name)
            params = list(inspect.signature(module.render).parameters)
            assert len(params) == 2 and params[1] == "options", (kind, name, params)
            if hasattr(module, "view"):
                assert list(inspect.signature(module.view).parameters)[1] == "options", (kind, name)


# ---- the sheet writer's rows are the XML openpyxl writes ----------------------------------------

ODD_CELLS = ["text", " leading", "trailing ", "two\r\nlines", "<b>&amp;</b>", "#N/A", "", "中文", "=1+1", "-2",
             0, -0.0, 1, 1.0, True, False, 2.5, float("nan"), float("inf"), 12345678901234567, 1e-7, None,
             np.float64(3.25), np.int64(7), 1 / 3]


def sheet_rows(data: bytes) -> list[str]:
    """The rows of a workbook's first sheet, from its canonical XML (C14N keeps a CR as &#xD;)."""
    import xml.etree.ElementTree as ET
    import zipfile

    with zipfile.ZipFile(io.BytesIO(data)) as book:
        xml = ET.canonicalize(book.read("xl/worksheets/sheet1.xml").decode("utf-8"))
    return xml[xml.index("<sheetData>"):xml.index("</sheetData>")].split("</row>")


def test_the_kits_rows_are_the_xml_openpyxl_writes_for_every_kind_of_value():
    # the kit writes rows itself (openpyxl costs 15-20 µs a cell); each cell must be what openpyxl's own
    # write-only sheet writes: its type, %.16g numbers, empty NaN, inline text with xml:space where a text
    # begins or ends with a space, a CR kept, an error code as an error, a formula neutralised
    from jingpin_cli.formats.kit.cells import safe_cell

    rows = [ODD_CELLS, list(reversed(ODD_CELLS)), ODD_CELLS]
    header = [f"c{i}" for i in range(len(ODD_CELLS))]
    look = Look(freeze=None, widths=None, header_fill=None, autofilter=False)
    book = workbook()
    write_sheet(book, "s", header, rows, look)
    ours = sheet_rows(saved(book))

    plain = openpyxl.Workbook(write_only=True)
    ws = plain.create_sheet("s")
    head = []
    for name in header:
        cell = openpyxl.cell.WriteOnlyCell(ws, value=name)
        cell.font = openpyxl.styles.Font(bold=True)
        head.append(cell)
    ws.append(head)
    for row in rows:
        ws.append([safe_cell(v) for v in row])
    buf = io.BytesIO()
    plain.save(buf)
    assert ours == sheet_rows(buf.getvalue())
    assert "'=1+1" in ours[1] and 'xml:space="preserve"' in ours[1] and "&#xD;" in ours[1]
