"""CSV of a before/after comparison: one row per community — those in both, then the new and the
removed ones — with scores, grades and eligibility before and after and the gaps closed and opened
(the kit's CSV writer: BOM for Excel, every cell neutralised against formulas)."""

from __future__ import annotations

from typing import Iterator

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import word
from jingpin_cli.formats.kit.csv import csv_columns
from jingpin_cli.formats.kit.distinct import distinct
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text.words import sep, yes_no

COLUMNS = ["status", "name", "id", "old_score", "new_score", "delta", "old_grade", "new_grade", "old_eligible",
           "new_eligible", "eligibility_move", "closed", "opened", "remaining", "closed_items", "opened_items",
           "source_changed"]


def columns(lang: str) -> list[str]:
    return [word(k, lang) for k in COLUMNS]


def table(diff: Diff, lang: str) -> list[list]:
    """Per column (`columns` order) a value per row: the communities in both, read from the
    comparison's columns (no gap worded: Changes.titles), then the new and the removed ones."""
    names = sep(lang, "list")
    said = {True: yes_no(True, lang), False: yes_no(False, lang)}
    moves = {move: "" if move == "same" else word(move, lang) for move in ("same", "gained", "lost")}

    def yes(flag) -> str:
        return "" if flag is None else said[bool(flag)]

    changes = diff["communities"]
    c = changes.columns()
    both = [[word("status.both", lang)] * len(c["id"]), c["name"], c["id"], c["old_score"], c["new_score"],
            c["delta"], c["old_grade"], c["new_grade"], [yes(v) for v in c["old_eligible"]],
            [yes(v) for v in c["new_eligible"]], [moves[m] for m in c["eligibility"]],
            *(changes.count(change) for change in ("closed", "opened", "remaining")),
            *(changes.titles(change, names) for change in ("closed", "opened", "source_changed"))]
    for key, before in (("added", False), ("removed", True)):
        for r in diff[key]:
            score, grade, eligible = r["score"], r["grade"], yes(r.get("eligible"))
            row = [word(f"status.{key}", lang), r["name"], r["id"], score if before else None,
                   None if before else score, None, grade if before else None, None if before else grade,
                   eligible if before else None, None if before else eligible, None, None, None, None, None, None,
                   None]
            for column, value in zip(both, row, strict=True):
                column.append(value)
    return both


def render(diff: Diff, options: Options = PLAIN) -> Iterator[str]:
    return csv_columns(columns(options.lang), [distinct(values) for values in table(diff, options.lang)])
