"""XLSX of `jingpin screen`: a ranking sheet, a gaps sheet (near misses and what to close), a
stability sheet when asked, and a notes sheet. Chinese headers, frozen bold header row, column
widths fitted to Chinese text, every text cell neutralised against formulas."""

from __future__ import annotations

import io
from itertools import chain, islice

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.formats.screen import csv as screen_csv
from jingpin_cli.results.screen.record import head, near_entries, pilot_text, sep
from jingpin_cli.text.messages import t

SAMPLE = 200  # rows whose text sets the column widths
MIN_WIDTH, MAX_WIDTH = 6, 80


def render(screening, lang: str = "zh", near=None, stab=None) -> bytes:
    en = lang == "en"
    wb = Workbook(write_only=True)
    _sheet(wb, "Ranking" if en else "排名", screen_csv.columns(lang), screen_csv.rows(screening, lang, near, stab))
    if near is not None:
        _sheet(wb, "Gaps" if en else "差距", GAP_EN if en else GAP_ZH, _gap_rows(screening, near, lang))
    if stab is not None:
        _sheet(wb, "Stability" if en else "稳定性", STAB_EN if en else STAB_ZH, _stability_rows(screening, stab, lang))
    _sheet(wb, "Notes" if en else "说明", ["item", "value"] if en else ["项目", "内容"], _notes(screening, lang))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


GAP_ZH = ["排名", "社区编码", "社区名称", "所属街道", "总分", "可评选", "未入选原因", "需补齐的差距", "差距项数",
          "补齐后总分", "补齐后排名", "已复核", "结论"]
GAP_EN = ["rank", "id", "name", "street", "score", "eligible", "kept out by", "gaps to close", "gaps",
          "score after", "rank after", "verified", "conclusion"]
STAB_ZH = ["社区编码", "社区名称", "本次入选", "抽样中入选比例"]
STAB_EN = ["id", "name", "picked now", "share of draws picked"]


def _gap_rows(screening, near, lang: str):
    yes, no = ("yes", "no") if lang == "en" else ("是", "否")
    plus = t("screen.gap.join", lang)
    for e in near_entries(screening, near, lang):
        yield [e["rank"], e["id"], e["name"], e["street"] or "", e["score"], yes if e["eligible"] else no,
               sep(lang).join(e["kept_out_by"]), plus.join(g["text"] for g in e["gaps"]), len(e["gaps"]) or "",
               e["score_after"], e["rank_after"], (yes if e["verified"] else no) if e["gets_in"] else "", e["text"]]


def _stability_rows(screening, stab, lang: str):
    yes, no = ("yes", "no") if lang == "en" else ("是", "否")
    for cid in list(screening.selected) + [c for c in stab.share.index if c not in screening.selected]:
        yield [cid, screening.table.at[cid, "name"], yes if cid in screening.selected else no, round(stab.kept(cid), 4)]


def _notes(screening, lang: str):
    h = head(screening, lang)
    en = lang == "en"
    yield ["standard" if en else "标准", f"{h['standard']['id']} {h['standard']['version']}"]
    yield ["top" if en else "选取数量", screening.top]
    if screening.per_street is not None:
        yield ["per street" if en else "每街道上限", screening.per_street]
    if screening.include:
        yield ["--include", "、".join(screening.include)]
    if screening.exclude:
        yield ["--exclude", "、".join(screening.exclude)]
    yield ["selected" if en else "入选", "、".join(f"{screening.table.at[c, 'name']}（{c}）" for c in screening.selected)]
    if screening.pilot:
        yield ["pilot" if en else "试点", pilot_text(screening, lang)]
    yield ["order" if en else "排序规则", t("screen.order", lang)]


def _sheet(wb: Workbook, title: str, header: list[str], rows) -> None:
    rows = iter(rows)
    sample = list(islice(rows, SAMPLE))
    ws = wb.create_sheet(title)
    for i, name in enumerate(header):
        width = max([display_width(name)] + [display_width(r[i]) for r in sample]) + 2
        ws.column_dimensions[get_column_letter(i + 1)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
    ws.freeze_panes = "A2"
    bold, grey, wrap = Font(bold=True), PatternFill("solid", fgColor="D9D9D9"), Alignment(vertical="top")
    cells = []
    for name in header:
        cell = WriteOnlyCell(ws, value=safe_cell(name))
        cell.font, cell.fill, cell.alignment = bold, grey, wrap
        cells.append(cell)
    ws.append(cells)
    count = 1
    for row in chain(sample, rows):
        ws.append([safe_cell(v) for v in row])
        count += 1
    ws.auto_filter.ref = f"A1:{get_column_letter(len(header))}{count}"
