"""CSV of a before/after comparison: one row per community — those in both, then the new and the
removed ones — with scores, grades and eligibility before and after and the gaps closed and opened
(the kit's CSV writer: BOM for Excel, every cell neutralised against formulas)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import word
from jingpin_cli.formats.kit.csv import csv_text
from jingpin_cli.results.diff.compare import Diff, briefs
from jingpin_cli.text.words import sep, yes_no

COLUMNS = ["status", "name", "id", "old_score", "new_score", "delta", "old_grade", "new_grade", "old_eligible",
           "new_eligible", "eligibility_move", "closed", "opened", "remaining", "closed_items", "opened_items",
           "source_changed"]


def columns(lang: str) -> list[str]:
    return [word(k, lang) for k in COLUMNS]


def rows(diff: Diff, lang: str):
    """Plain rows in `columns` order (shared with the workbook's community sheet)."""
    names = sep(lang, "list")

    def yes(flag) -> str:
        return "" if flag is None else yes_no(flag, lang)

    for c in briefs(diff["communities"]):
        moved = "" if c["eligibility"] == "same" else word(c["eligibility"], lang)
        yield [word("status.both", lang), c["name"], c["id"], c["old_score"], c["new_score"], c["delta"],
               c["old_grade"], c["new_grade"], yes(c["old_eligible"]), yes(c["new_eligible"]), moved,
               len(c["closed"]), len(c["opened"]), len(c["remaining"]),
               names.join(c["closed"]), names.join(c["opened"]), names.join(c["source_changed"])]
    for key, before in (("added", False), ("removed", True)):
        for c in diff[key]:
            score, grade, eligible = c["score"], c["grade"], yes(c.get("eligible"))
            yield [word(f"status.{key}", lang), c["name"], c["id"], score if before else None,
                   None if before else score, None, grade if before else None, None if before else grade,
                   eligible if before else None, None if before else eligible, None, None, None, None, None, None,
                   None]


def render(diff: Diff, options: Options = PLAIN) -> str:
    return csv_text(columns(options.lang), rows(diff, options.lang))
