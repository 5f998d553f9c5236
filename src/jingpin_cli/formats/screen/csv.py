"""CSV of `jingpin screen`: the whole ranking, one row per community (UTF-8 with BOM for Excel)."""

from __future__ import annotations

import csv
import io

from jingpin_cli.formats.kit.cells import safe_cell
from jingpin_cli.results.screen.record import ranking_entries, sep

ZH = ["排名", "并列", "社区编码", "社区名称", "所属街道", "总分", "可评选", "结果", "未知项", "最弱方面得分率", "理由", "补齐以下差距可入选", "稳定性（入选比例）"]
EN = ["rank", "tie", "id", "name", "street", "score", "eligible", "result", "unknown", "weakest aspect share", "reasons", "to get in", "stability (share picked)"]


def columns(lang: str) -> list[str]:
    return EN if lang == "en" else ZH


def rows(screening, lang: str = "zh", near=None, stab=None):
    """Plain rows in `columns` order (shared with the XLSX ranking sheet)."""
    yes, no = ("yes", "no") if lang == "en" else ("是", "否")  # “并列” shows the shared rank: 3=
    for e in ranking_entries(screening, lang, near, stab):
        yield [
            e["rank"], f"{e['shared_rank']}=" if e["tie"] else "", e["id"], e["name"], e["street"] or "",
            e["score"], yes if e["eligible"] else no, e["status_label"], e["unknown_rules"], e["weakest_share"],
            sep(lang).join(e["reasons"]), e["to_get_in"] or "", "" if e["stability"] is None else e["stability"],
        ]


def render(screening, lang: str = "zh", near=None, stab=None) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns(lang)])
    for row in rows(screening, lang, near, stab):
        writer.writerow([safe_cell(v) for v in row])
    return "\ufeff" + buf.getvalue()
