"""Words (from text.words) and small helpers shared by the before/after (`jingpin diff`) formats."""

from __future__ import annotations

from jingpin_cli.text import words

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
