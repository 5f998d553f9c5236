"""Markdown of a before/after comparison: district totals, gaps by rule, then each community. User
text goes through the kit's Markdown escape, as in `audit -f md` (no raw HTML from a name)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import (
    district_rows,
    eligibility_text,
    grade_change,
    source_note,
    standard_name,
    word,
)
from jingpin_cli.formats.kit.escape import md_code, md_table, md_text
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text.numbers import num, signed


def render(diff: Diff, options: Options = PLAIN) -> str:
    lang = options.lang
    d = diff["district"]
    w = lambda key, **p: word(key, lang, **p)  # noqa: E731
    out = [f"# {w('title')}", "",
           f"{w('old')}: `{md_code(diff['old']['source'])}` → {w('new')}: `{md_code(diff['new']['source'])}`", ""]
    if not diff["same_standard"]:
        out += [f"> {w('standards_differ', a=standard_name(diff['old']), b=standard_name(diff['new']))}", ""]
    note = source_note(diff, lang)
    if note:
        out += [f"> {md_text(note)}", ""]
    out += [f"## {w('district')}", ""]
    out += md_table(["", w("old"), w("new"), w("delta")],
                    [[r.label, r.old, r.new, r.change if isinstance(r.change, str) else signed(r.change)]
                     for r in district_rows(diff, lang)])
    out += ["", w("moves", i=d["improved"], d=d["declined"], u=d["unchanged"], up=d["grade_up"], down=d["grade_down"]),
            ""]
    if diff["rules"]:
        out += [f"## {w('rules')}", ""]
        out += md_table([w("item"), w("closed"), w("opened")],
                        [[r["title"] + (f" `{r['rule']}`" if options.ids else ""), r["closed"], r["opened"]]
                         for r in diff["rules"]])
        out.append("")
    out += [f"## {w('by_community')}", ""]
    communities = list(diff["communities"])  # read twice below: each community built once
    out += md_table([w("name"), w("id"), w("old_score"), w("new_score"), w("delta"), w("grade"), w("eligibility"),
                     w("closed"), w("opened"), w("remaining")],
                  [[c["name"], c["id"], num(c["old_score"]), num(c["new_score"]), signed(c["delta"]), grade_change(c),
                    eligibility_text(c, lang), len(c["closed"]), len(c["opened"]), len(c["remaining"])]
                   for c in communities])
    for c in communities:
        moved = c["eligibility"] != "same"
        if not (c["closed"] or c["opened"] or c["narrowed"] or c["now_unknown"] or c["source_changed"] or moved):
            continue
        eligibility = f" · {w(c['eligibility'])}" if moved else ""
        out += ["",
                f"### {md_text(c['name'])} ({md_text(c['id'])}) {num(c['old_score'])} → {num(c['new_score'])} "
                f"({signed(c['delta'])}) · {md_text(grade_change(c))}{eligibility}", ""]
        for g in c["closed"]:
            out.append(f"- **{w('closed')}** {md_text(g['title'])}{w('was', text=md_text(g['old_message']))}")
        for g in c["narrowed"]:
            out.append(f"- **{w('narrowed')}** {md_text(g['new_message'])}{w('was', text=md_text(g['old_message']))}")
        for g in c["opened"]:
            out.append(f"- **{w('opened')}** {md_text(g['new_message'])}")
        for g in c["now_unknown"]:
            out.append(f"- **{w('now_unknown')}** {md_text(g['new_message'])}")
        for g in c["source_changed"]:
            out.append(f"- **{w('source_changed')}** {md_text(g['new_message'])}"
                       f"{w('was', text=md_text(g['old_message']))}")
    for key in ("added", "removed"):
        if diff[key]:
            out += ["", f"## {w(key)}", ""]
            out += md_table([w("name"), w("id"), w("score"), w("grade"), w("gaps")],
                          [[c["name"], c["id"], num(c["score"]), c["grade"], c["gaps"]] for c in diff[key]])
    return "\n".join(out).rstrip() + "\n"
