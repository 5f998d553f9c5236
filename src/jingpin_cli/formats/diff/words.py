"""Words and small helpers shared by the before/after (`jingpin diff`) formats."""

from __future__ import annotations

from jingpin_cli.rules.base import num

WORDS = {
    "title": ("创建前后对比", "Before and after"),
    "old": ("之前", "before"), "new": ("之后", "after"),
    "district": ("全区变化", "District totals"),
    "communities": ("社区数", "Communities"),
    "matched": ("两次都有 {m}，新增 {a}，移出 {r}", "in both {m}, new {a}, removed {r}"),
    "mean": ("平均分（两次都有的社区）", "Mean score (communities in both)"),
    "eligible": ("可评选", "Eligible"),
    "gaps": ("差距项", "Gaps"),
    "gaps_moves": ("补齐 {c}，新增 {o}", "closed {c}, opened {o}"),
    "moves": ("分数提高 {i}，下降 {d}，不变 {u}；等次上升 {up}，下降 {down}",
              "score up {i}, down {d}, unchanged {u}; grade up {up}, down {down}"),
    "grades": ("等次分布", "Communities per grade"),
    "grade": ("等次", "Grade"),
    "by_community": ("各社区变化", "Per community"),
    "name": ("社区", "Community"), "id": ("编码", "ID"),
    "old_score": ("原分", "Before"), "new_score": ("现分", "After"), "delta": ("变化", "Change"),
    "closed": ("补齐", "Closed"), "opened": ("新增差距", "Opened"), "remaining": ("仍未达标", "Still open"),
    "now_unknown": ("变为未填报", "Now blank"),
    "narrowed": ("差距缩小", "Narrowed"),
    "rules": ("各项差距的变化", "Gaps by rule"),
    "item": ("项目", "Item"),
    "added": ("新增的社区", "New communities"), "removed": ("移出的社区", "Removed communities"),
    "score": ("总分", "Score"),
    "none": ("无", "none"),
    "standards_differ": ("注意：两次评估所用标准不同（{a} 与 {b}），分数变化可能来自标准本身。",
                         "Note: the two audits used different standards ({a} and {b}); some change may come from the standard."),
    "no_change": ("没有变化。", "No changes."),
    "was": ("原为", "was"),
}

MOVE_MARK = {"up": "↑", "down": "↓", "same": "", "changed": "≠"}


def word(key: str, lang: str, **params) -> str:
    text = WORDS[key][lang == "en"]
    return text.format(**params) if params else text


def signed(value) -> str:
    """+2.5 / −1 / 0: the change as a person writes it."""
    if value is None:
        return "—"
    if value == 0:
        return "0"
    return ("+" if value > 0 else "−") + num(abs(value))


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
