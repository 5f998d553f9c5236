"""Word (.docx) of a before/after comparison: what the HTML page says — district totals, grades
before and after (shaded bars), the communities that became or stopped being eligible, gaps by
rule, every community's change and what it closed and opened, communities added and removed — on
the audit document's 公文-like page (formats/kit/docx_kit.py)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import district_rows, grade_change, grade_rows, standard_name, word
from jingpin_cli.formats.kit import docx_kit as kit
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text.numbers import num, signed
from jingpin_cli.text.words import sep


def render(diff: Diff, options: Options = PLAIN) -> bytes:
    lang = options.lang
    w = kit.Words(lang, {})
    communities = list(diff["communities"])  # read four times below: each community built once

    def dw(key: str, **params) -> str:
        return word(key, lang, **params)

    when = kit.report_date(options.date)
    doc = kit.document(dw("title"), when)
    kit.title(doc, dw("title"))
    kit.para(doc, w("docx.date", y=when.year, m=when.month, d=when.day), centred=True)
    for side in ("old", "new"):
        kit.para(doc, f"{dw(side)}{sep(lang, 'colon')}{diff[side]['source']} · {standard_name(diff[side])}",
                 indent=True)
    if not diff["same_standard"]:
        kit.para(doc, (dw("standards_differ", a=standard_name(diff["old"]), b=standard_name(diff["new"])), "fail"))
    d = diff["district"]
    kit.heading(doc, w.numbered(dw("district")))
    kit.table(doc, ["", dw("old"), dw("new"), dw("delta")],
              [[r.label, r.old, r.new, r.change if isinstance(r.change, str) else signed(r.change)]
               for r in district_rows(diff, lang)], [56, 24, 24, 52], numeric={1, 2})
    kit.para(doc, dw("moves", i=d["improved"], d=d["declined"], u=d["unchanged"], up=d["grade_up"],
                     down=d["grade_down"]), indent=True)
    kit.heading(doc, dw("grades"), level=2)
    bars = []
    for grade, before, after in grade_rows(d):
        bars += [(f"{grade} {dw('old')}", before, str(before), "grey"),
                 (f"{grade} {dw('new')}", after, str(after), "bar")]
    kit.bar_chart(doc, bars)
    _eligibility(doc, communities, w, lang)
    if diff["rules"]:
        kit.heading(doc, w.numbered(dw("rules")))
        kit.table(doc, [dw("item"), dw("closed"), dw("opened")],
                  [[r["title"], str(r["closed"]), str(r["opened"])] for r in diff["rules"]], [96, 30, 30],
                  numeric={1, 2})
    kit.heading(doc, w.numbered(dw("by_community")))
    kit.table(doc, [dw(k) for k in ("name", "old_score", "new_score", "delta", "grade", "closed", "opened",
                                    "remaining")],
              [[str(c["name"]), num(c["old_score"]), num(c["new_score"]),
                (signed(c["delta"]), "pass" if c["delta"] > 0 else "fail" if c["delta"] < 0 else "grey"),
                grade_change(c), str(len(c["closed"])), str(len(c["opened"])), str(len(c["remaining"]))]
               for c in communities],
              [30, 16, 16, 16, 30, 16, 16, 16], numeric={1, 2, 3, 5, 6, 7})
    for c in communities:
        _community(doc, c, w, dw)
    for key in ("added", "removed"):
        if diff[key]:
            kit.heading(doc, w.numbered(dw(key)))
            kit.table(doc, [dw("name"), dw("id"), dw("score"), dw("grade"), dw("gaps")],
                      [[str(c["name"]), c["id"], num(c["score"]), str(c["grade"]), str(c["gaps"])] for c in diff[key]],
                      [40, 40, 24, 28, 24], numeric={2, 4})
    return kit.saved(doc)


def _eligibility(doc, communities: list[dict], w: kit.Words, lang: str) -> None:
    """Communities that became eligible and those that stopped being (where both reports say)."""
    gained = [c for c in communities if c.get("old_eligible") is False and c.get("new_eligible") is True]
    lost = [c for c in communities if c.get("old_eligible") is True and c.get("new_eligible") is False]
    if not (gained or lost):
        return
    kit.heading(doc, w.numbered(w("docx.diff.eligibility")))
    for key, changed, tone in (("docx.diff.gained", gained, "pass"), ("docx.diff.lost", lost, "fail")):
        if changed:
            names = sep(lang, "list").join(str(c["name"]) for c in changed)
            kit.para(doc, (w(key, n=len(changed), names=names), tone), indent=True)


def _community(doc, c: dict, w: kit.Words, dw) -> None:
    """What one community closed, narrowed, opened and left blank since the earlier audit."""
    if not (c["closed"] or c["opened"] or c["narrowed"] or c["now_unknown"]):
        return
    kit.heading(doc, w("docx.diff.head", name=c["name"], id=c["id"], old=num(c["old_score"]), new=num(c["new_score"]),
                       delta=signed(c["delta"]), grade=grade_change(c)), level=2)
    for g in c["closed"]:
        kit.para(doc, (dw("closed"), "pass"), " ", str(g["title"]), dw("was", text=str(g["old_message"] or "")))
    for g in c["narrowed"]:
        kit.para(doc, (dw("narrowed"), "partial"), " ", str(g["new_message"] or g["title"]),
                 dw("was", text=str(g["old_message"] or "")))
    for g in c["opened"]:
        kit.para(doc, (dw("opened"), "fail"), " ", str(g["new_message"] or g["title"]))
    for g in c["now_unknown"]:
        kit.para(doc, (dw("now_unknown"), "unknown"), " ", str(g["new_message"] or g["title"]))
