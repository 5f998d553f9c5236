"""HTML of a before/after comparison: one offline page (the audit report's CSS, inline SVG, no
script) with district totals, grades before and after, every community's score change, and what
each community closed and opened. All text from the reports is escaped."""

from __future__ import annotations

from jingpin_cli import __version__
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.diff.common import (
    district_rows,
    eligibility_text,
    grade_change,
    grade_rows,
    source_note,
    standard_name,
    word,
)
from jingpin_cli.formats.kit.escape import html_text as escape
from jingpin_cli.formats.kit.page import CSS, clip, svg
from jingpin_cli.formats.kit.status import HTML_COLOUR
from jingpin_cli.results.diff.compare import Diff
from jingpin_cli.text import words
from jingpin_cli.text.numbers import num, signed

CHART_LIMIT = 100  # communities drawn in the score chart (the largest changes); the table lists all
BEFORE, UP, DOWN = "#9e9e9e", HTML_COLOUR["pass"], HTML_COLOUR["fail"]
MOVE_TONE = {"gained": "ok", "lost": "bad", "same": ""}  # eligibility gained or lost: the page's colours


def render(diff: Diff, options: Options = PLAIN) -> str:
    lang = options.lang

    def w(key: str, **params) -> str:
        return escape(word(key, lang, **params))

    d = diff["district"]
    parts = [
        f'<!DOCTYPE html>\n<html lang="{words.word("html.lang", lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n<title>{w("title")}</title>\n'
        f"<style>{CSS}</style>\n</head>\n<body>\n",
        f'<header><h1>{w("title")}</h1><p class="meta">{w("old")}: {escape(diff["old"]["source"])} → '
        f'{w("new")}: {escape(diff["new"]["source"])}</p></header>\n<main>\n',
    ]
    if not diff["same_standard"]:
        differ = w("standards_differ", a=standard_name(diff["old"]), b=standard_name(diff["new"]))
        parts.append(f'<p class="bad">{differ}</p>\n')
    note = source_note(diff, lang)
    if note:
        parts.append(f'<p class="bad">{escape(note)}</p>\n')
    totals = {r.key: r for r in district_rows(diff, lang)}  # the cards: the totals without the grades
    parts.append(f'<section id="district"><h2>{w("district")}</h2><div class="cards">')
    parts += [f'<div class="card"><div class="k">{escape(r.label)}</div>'
              f'<div class="v">{escape(f"{r.old} → {r.new}")}</div>'
              f'<div class="k">{escape(r.change if isinstance(r.change, str) else signed(r.change))}</div></div>'
              for r in (totals[k] for k in ("mean", "eligible", "gaps", "communities"))]
    moves = w("moves", i=d["improved"], d=d["declined"], u=d["unchanged"], up=d["grade_up"], down=d["grade_down"])
    parts.append(f'</div><p>{moves}</p>\n')
    parts.append(f'<div class="row"><figure><figcaption>{w("grades")}</figcaption>{_grades_chart(d, lang)}</figure>')
    if diff["communities"]:
        parts.append(f'<figure><figcaption>{w("by_community")}</figcaption>{_scores_chart(diff["communities"])}</figure>')
    parts.append("</div></section>\n")
    parts.append(_rules(diff, w, options.ids))
    parts.append(_communities(diff, w, lang))
    for key in ("added", "removed"):
        if diff[key]:
            rows = "".join(f'<tr><td>{escape(str(c["name"]))}</td><td>{escape(c["id"])}</td><td>{num(c["score"])}</td>'
                           f'<td>{escape(str(c["grade"]))}</td><td>{c["gaps"]}</td></tr>' for c in diff[key])
            parts.append(f'<section><h2>{w(key)}</h2><table><thead><tr><th>{w("name")}</th><th>{w("id")}</th>'
                         f'<th>{w("score")}</th><th>{w("grade")}</th><th>{w("gaps")}</th></tr></thead>'
                         f'<tbody>{rows}</tbody></table></section>\n')
    parts.append(f'</main>\n<footer>jingpin {escape(__version__)}</footer>\n</body>\n</html>\n')
    return "".join(parts)


def _grades_chart(d: dict, lang: str) -> str:
    """Two bars per grade: before (grey) and after (coloured)."""
    rows = grade_rows(d)
    top = max([max(a, b) for _, a, b in rows] + [1])
    label_w, bar_w, row_h = 100, 220, 34
    body = []
    for i, (grade, before, after) in enumerate(rows):
        y = 6 + i * row_h
        body.append(f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end">{escape(str(grade))}</text>')
        for j, (count, colour) in enumerate(((before, BEFORE), (after, "#2e86c1"))):
            width = bar_w * count / top
            by = y + 3 + j * 13
            body.append(f'<rect x="{label_w}" y="{by}" width="{width:.1f}" height="11" fill="{colour}"/>'
                        f'<text x="{label_w + width + 4:.1f}" y="{by + 10}" class="small">{count}</text>')
    legend_y = 6 + len(rows) * row_h + 4
    body.append(f'<rect x="{label_w}" y="{legend_y}" width="10" height="10" fill="{BEFORE}"/>'
                f'<text x="{label_w + 14}" y="{legend_y + 9}" class="small">{escape(word("old", lang))}</text>'
                f'<rect x="{label_w + 70}" y="{legend_y}" width="10" height="10" fill="#2e86c1"/>'
                f'<text x="{label_w + 84}" y="{legend_y + 9}" class="small">{escape(word("new", lang))}</text>')
    return svg(label_w + bar_w + 40, legend_y + 16, "".join(body), "")


def _scores_chart(changes: list[dict]) -> str:
    """A dumbbell per community: grey dot before, coloured dot after, on one score axis."""
    shown = sorted(sorted(changes, key=lambda c: -abs(c["delta"]))[:CHART_LIMIT], key=lambda c: (-c["delta"], c["id"]))
    top = max([c["old_score"] for c in shown] + [c["new_score"] for c in shown] + [100])
    label_w, axis_w, row_h = 120, 360, 15
    body = []
    axis_y = 6 + len(shown) * row_h
    for value in range(0, int(top) + 1, 20):
        x = label_w + axis_w * value / top
        body.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="4" y2="{axis_y}" class="grid"/>'
                    f'<text x="{x:.1f}" y="{axis_y + 12}" text-anchor="middle" class="tick">{value}</text>')
    for i, c in enumerate(shown):
        y = 6 + i * row_h + row_h / 2
        x0, x1 = label_w + axis_w * c["old_score"] / top, label_w + axis_w * c["new_score"] / top
        colour = UP if c["delta"] > 0 else DOWN if c["delta"] < 0 else BEFORE
        body.append(f'<text x="{label_w - 6}" y="{y + 4:.1f}" text-anchor="end" '
                    f'class="small">{escape(clip(str(c["name"]), 19))}</text>'
                    f'<line x1="{x0:.1f}" x2="{x1:.1f}" y1="{y:.1f}" y2="{y:.1f}" stroke="{colour}" stroke-width="2"/>'
                    f'<circle cx="{x0:.1f}" cy="{y:.1f}" r="3.5" fill="{BEFORE}"/>'
                    f'<circle cx="{x1:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"><title>{escape(str(c["name"]))} '
                    f'{num(c["old_score"])} → {num(c["new_score"])}</title></circle>'
                    f'<text x="{max(x0, x1) + 7:.1f}" y="{y + 4:.1f}" '
                    f'class="small">{escape(signed(c["delta"]))}</text>')
    return svg(label_w + axis_w + 50, axis_y + 18, "".join(body), "")


def _rules(diff: Diff, w, ids: bool) -> str:
    if not diff["rules"]:
        return ""
    rows = "".join(f'<tr><td>{escape(r["title"])}{_code(r["rule"]) if ids else ""}</td><td>{r["closed"]}</td>'
                   f'<td>{r["opened"]}</td></tr>'
                   for r in diff["rules"])
    return (f'<section id="rules"><h2>{w("rules")}</h2><table><thead><tr><th>{w("item")}</th><th>{w("closed")}</th>'
            f'<th>{w("opened")}</th></tr></thead><tbody>{rows}</tbody></table></section>\n')


def _code(rule: str) -> str:
    return f" <code>{escape(rule)}</code>"


def _was(gap: dict, w) -> str:
    """“（原为：…）” / “(was: …)” after a gap; the page already puts a space before it."""
    return w("was", text=str(gap["old_message"] or "")).lstrip()


def _communities(diff: Diff, w, lang: str) -> str:
    head = "".join(f"<th>{w(k)}</th>" for k in ("name", "id", "old_score", "new_score", "delta", "grade", "eligibility",
                                                 "closed", "opened", "remaining"))
    rows, details = [], []
    for c in diff["communities"]:
        tone = "ok" if c["delta"] > 0 else "bad" if c["delta"] < 0 else ""
        rows.append(f'<tr><td>{escape(str(c["name"]))}</td><td>{escape(c["id"])}</td><td>{num(c["old_score"])}</td>'
                    f'<td>{num(c["new_score"])}</td><td class="{tone}">{escape(signed(c["delta"]))}</td>'
                    f'<td>{escape(grade_change(c))}</td>'
                    f'<td class="{MOVE_TONE[c["eligibility"]]}">{escape(eligibility_text(c, lang))}</td>'
                    f'<td>{len(c["closed"])}</td><td>{len(c["opened"])}</td>'
                    f'<td>{len(c["remaining"])}</td></tr>')
        moved = c["eligibility"] != "same"
        if c["closed"] or c["opened"] or c["narrowed"] or c["now_unknown"] or c["source_changed"] or moved:
            items = [f'<li><span class="st pass">{w("closed")}</span> {escape(g["title"])} '
                     f'<span class="lost">{_was(g, w)}</span></li>'
                     for g in c["closed"]]
            items += [f'<li><span class="st partial">{w("narrowed")}</span> '
                      f'{escape(str(g["new_message"] or g["title"]))} '
                      f'<span class="lost">{_was(g, w)}</span></li>'
                      for g in c["narrowed"]]
            items += [f'<li><span class="st fail">{w("opened")}</span> '
                      f'{escape(str(g["new_message"] or g["title"]))}</li>' for g in c["opened"]]
            items += [f'<li><span class="st unknown">{w("now_unknown")}</span> '
                      f'{escape(str(g["new_message"] or g["title"]))}</li>'
                      for g in c["now_unknown"]]
            items += [f'<li><span class="st unknown">{w("source_changed")}</span> '
                      f'{escape(str(g["new_message"] or g["title"]))} <span class="lost">{_was(g, w)}</span></li>'
                      for g in c["source_changed"]]
            badge = (f' <span class="badge {MOVE_TONE[c["eligibility"]]}">{w(c["eligibility"])}</span>'
                     if moved else "")
            details.append(f'<article><h3>{escape(str(c["name"]))} <small>{escape(c["id"])}</small></h3>'
                           f'<p class="head"><b>{num(c["old_score"])} → {num(c["new_score"])}</b> '
                           f'({escape(signed(c["delta"]))}) · '
                           f'{escape(grade_change(c))}{badge}</p><ul class="gaps">{"".join(items)}</ul></article>\n')
    return (f'<section id="communities"><h2>{w("by_community")}</h2><div class="scroll"><table class="num"><thead>'
            f'<tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></div>\n{"".join(details)}</section>\n')
