"""What the before/after (`jingpin diff`) formats share: their words (text.words, `diff.*`), the
district totals, grade rows and the small texts of a change."""

from __future__ import annotations

from typing import NamedTuple

from jingpin_cli.results.diff.compare import Diff, gap_total
from jingpin_cli.text import words
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, signed
from jingpin_cli.text.words import sep, yes_no

MOVE_MARK = {"up": "↑", "down": "↓", "same": "", "changed": "≠"}


def word(key: str, lang: str, **params) -> str:
    """A word of the diff formats (text.words, `diff.<key>`)."""
    return words.word(f"diff.{key}", lang, **params)


def grade_change(c: dict) -> str:
    if c["old_grade"] == c["new_grade"]:
        return str(c["new_grade"])
    return f"{c['old_grade']} → {c['new_grade']} {MOVE_MARK.get(c['grade_move'], '')}".rstrip()


def standard_name(side: dict) -> str:
    std = side["standard"]
    return f"{std.get('id') or '?'} {std.get('version') or ''}".strip()


def grade_rows(district: dict) -> list[tuple[str, int, int]]:
    """(grade, before, after) over the grades seen on either side, in the order they were listed."""
    before = {g["grade"]: g["count"] for g in district["old"]["grades"]}
    after = {g["grade"]: g["count"] for g in district["new"]["grades"]}
    names = list(before) + [g for g in after if g not in before]
    return [(g, before.get(g, 0), after.get(g, 0)) for g in names]


class DistrictRow(NamedTuple):
    key: str  # communities, mean, eligible, gaps, grade
    label: str
    old: str
    new: str
    change: str | float | None  # words, or a number each format shows its own way (signed, coloured)


def district_rows(diff: Diff, lang: str, limit: int = 0) -> list[DistrictRow]:
    """The district totals, before and after: communities, mean score, eligible, gaps, then one row per
    grade. Labels and texts are plain (each format escapes them). `limit`: communities named at most
    among those entering or leaving the eligible list (0: all)."""
    d = diff["district"]
    old, new = d["old"], d["new"]
    rows = [
        DistrictRow("communities", word("communities", lang), str(old["communities"]), str(new["communities"]),
                    word("matched", lang, m=d["matched"], a=d["added"], r=d["removed"])),
        DistrictRow("mean", word("mean", lang), num(d["matched_mean_old"]), num(d["matched_mean_new"]),
                    d["matched_mean_delta"]),
        DistrictRow("eligible", word("eligible", lang), str(old["eligible"]), str(new["eligible"]),
                    eligible_change(d, lang, limit)),
        DistrictRow("gaps", word("gaps", lang), str(old["gaps"]), str(new["gaps"]),
                    word("gaps_moves", lang, c=d["gaps_closed"], o=d["gaps_opened"])),
    ]
    rows += [DistrictRow("grade", f"{word('grade', lang)} {grade}", str(before), str(after), signed(after - before))
             for grade, before, after in grade_rows(d)]
    return rows


def eligible_change(district: dict, lang: str, limit: int = 0) -> str | float:
    """The change of the eligible count, naming who entered and who left: “0（新增：甲；退出：乙）”
    (a plain number where nobody moved: each format shows it its own way); at most `limit` names
    each way (0: all), then how many more."""
    delta = district["new"]["eligible"] - district["old"]["eligible"]
    moves = [word(key, lang, names=_names(district[f"eligible_{key}"], lang, limit))
             for key in ("entered", "left") if district.get(f"eligible_{key}")]
    if not moves:
        return delta
    return word("eligible_change", lang, n=signed(delta), moves=sep(lang).join(moves))


def _names(communities: list[dict], lang: str, limit: int) -> str:
    shown = communities[:limit] if limit else communities
    names = sep(lang, "list").join(words.word("name_id", lang, name=c["name"], id=c["id"]) for c in shown)
    return names + (t("diff.more_listed", lang, n=len(communities) - len(shown)) if len(shown) < len(communities)
                    else "")


def eligibility_text(c: dict, lang: str) -> str:
    """A community's eligibility before and after: “否 → 是 新入可评选”, or just “是” when unchanged."""
    if c["eligibility"] == "same":
        return yes_no(c["new_eligible"], lang)
    return f"{yes_no(c['old_eligible'], lang)} → {yes_no(c['new_eligible'], lang)} {word(c['eligibility'], lang)}"


def source_note(diff: Diff, lang: str) -> str | None:
    """A note when the two sides' survey rates came from different sources (survey answers, a table's
    figure): what changed with them is not progress."""
    d = diff["district"]
    sources = d.get("rate_sources") or {}
    old, new = sources.get("old"), sources.get("new")
    if (not old or not new or old == new) and not d.get("source_changed"):  # (a report without sources: unknown)
        return None
    names = sep(lang, "list")

    def said(side: str) -> str:
        return names.join(word(f"source.{s}", lang) for s in sources.get(side) or ["none"])

    n = gap_total(diff["communities"], "source_changed")
    return word("source_note", lang, old=said("old"), new=said("new"), n=n)
