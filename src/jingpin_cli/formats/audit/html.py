"""HTML: one self-contained page that opens offline — inline CSS, hand-built inline SVG charts
whose labels stay <text> (so Chinese renders with whatever fonts the reader's PC has), no script,
nothing fetched. A district overview, then one section per community. Every piece of data, from
the records and from the standards file alike, goes through the kit's HTML escape (formats/kit/escape.py)."""

from __future__ import annotations

import math
from collections import Counter

from jingpin_cli import __version__
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import District
from jingpin_cli.formats.kit.escape import html_text as escape
from jingpin_cli.formats.kit.page import CSS, clip, svg
from jingpin_cli.formats.kit.status import HTML_COLOUR, status_word
from jingpin_cli.formats.kit.textwidth import display_width
from jingpin_cli.results.audit.grades import grade_reasons, grade_text, stars_text
from jingpin_cli.results.audit.index import GAP_STATUSES, common_gaps
from jingpin_cli.results.audit.record import grade_label, iter_records, points_lost
from jingpin_cli.results.audit.report import Report
from jingpin_cli.scoring.summary import earned_share
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import sep, word, yes_no

ASPECT_COLOURS = ("#c0392b", "#2e86c1", "#27ae60", "#d68910", "#8e44ad", "#16a085", "#7f8c8d")
STACKED_LIMIT = 100  # communities drawn in the stacked chart
SECTIONS_LIMIT = 100  # community sections on a district's page: the lowest-scoring, as the Word report
RANKING_LIMIT = 2000  # rows of the ranking table, as the Word report; the workbook and the CSV list all
TOP_GAPS = 15


def render(report: Report, options: Options = PLAIN) -> str:
    lang = options.lang

    std = report.standard
    pack_words = std.words(lang)

    def w(key: str, **params) -> str:
        return escape(word(f"html.{key}", lang, **pack_words, **params))

    district = District(report, lang)
    ranked = district.ranked  # row positions, best first
    shown = ranked if len(ranked) <= SECTIONS_LIMIT else ranked[-SECTIONS_LIMIT:]
    reasons = grade_reasons(report, lang)
    anchors = {int(i): f"c{i + 1}" for i in shown}  # ids may hold anything; anchors must not
    title = escape(pick(std.title, lang))
    pack = f"{escape(std.id)} " if options.ids else ""  # the Chinese title heads the page; the id only when asked
    note = (f'<p class="note">{w("sections_note", n=len(shown), total=len(ranked))}</p>\n'
            if len(shown) < len(ranked) else "")
    parts = [
        f'<!DOCTYPE html>\n<html lang="{w("lang")}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        f'<header><h1>{title}</h1><p class="meta">{w("standard")}: {pack}{escape(std.document.issuer)} '
        f"{escape(std.document.date)} · {w('version', v=std.version)}</p></header>\n",
        f'<nav><a href="#overview">{w("overview")}</a><a href="#ranking">{w("ranking")}</a>'
        f'<a href="#gaps">{w("common_gaps")}</a><a href="#communities">{w("by_community")}</a></nav>\n<main>\n',
        _overview(report, district, w, lang),
        _ranking(report, district, anchors, w, lang),
        _common_gaps(report, district.n, w, lang, options.ids),
        f'<section id="communities" class="pages"><h2>{w("by_community")}</h2>\n{note}',
        *(_community(report, r, reasons[i], anchors[i], w, lang)
          for i, r in zip(shown.tolist(), iter_records(report, lang, shown.tolist()), strict=True)),
        "</section>\n</main>\n",
        f'<footer>{w("generated", v=__version__)}</footer>\n</body>\n</html>\n',
    ]
    return "".join(parts)


# ---- district overview ------------------------------------------------------------------------

def _overview(report: Report, district: District, w, lang: str) -> str:
    n = district.n
    mean = sum(district.scores) / n if n else 0
    cards = [
        (w("communities"), str(n)),
        (w("mean"), num(round(mean, 1))),
        (w("eligible"), f"{sum(district.eligible)}"),
        (w("vetoed"), f"{sum(district.vetoed)}"),
        (w("with_unknown"), f"{sum(u > 0 for u in district.unknown_rules)}"),
    ]
    out = [f'<section id="overview"><h2>{w("overview")}</h2>\n<div class="cards">']
    out += [f'<div class="card"><div class="k">{k}</div><div class="v">{escape(v)}</div></div>' for k, v in cards]
    out.append("</div>\n")
    out.append(f'<div class="row"><figure><figcaption>{w("grades")}</figcaption>'
               f'{_grade_chart(report, district, lang)}</figure>')
    out.append(f'<figure><figcaption>{w("aspect_share")}</figcaption>{_aspect_chart(report, district, lang)}'
               f'<p class="note">{w("aspect_share_note")}</p></figure></div>\n')
    out.append(f'<figure class="wide"><figcaption>{w("stacked")}</figcaption>'
               f'{_stacked_chart(report, district, lang, w("veto_mark"))}')
    if n > STACKED_LIMIT:
        out.append(f'<p class="note">{w("stacked_note", n=STACKED_LIMIT, total=n)}</p>')
    out.append("</figure>\n</section>\n")
    return "".join(out)


def _grade_chart(report: Report, district: District, lang: str) -> str:
    """Horizontal bars: communities per grade band, best band first, the veto band last."""
    std = report.standard
    bands = [(g.id, pick(g, lang)) for g in std.grades] + [("veto", grade_label(std, "veto", lang))]
    counts = Counter(district.grade_ids)
    top = max(counts.values(), default=1)
    label_w, bar_w, row_h = 110, 240, 30
    height = row_h * len(bands) + 10
    body = []
    for i, (gid, label) in enumerate(bands):
        y = 5 + i * row_h
        width = bar_w * counts.get(gid, 0) / top if top else 0
        colour = "#7b241c" if gid == "veto" else ASPECT_COLOURS[1]
        body.append(f'<text x="{label_w - 8}" y="{y + 19}" text-anchor="end">{escape(label)}</text>'
                    f'<rect x="{label_w}" y="{y + 4}" width="{width:.1f}" height="{row_h - 10}" '
                    f'fill="{colour}" rx="2"/>'
                    f'<text x="{label_w + width + 6:.1f}" y="{y + 19}">{counts.get(gid, 0)}</text>')
    return svg(label_w + bar_w + 50, height, "".join(body), "")


def _aspect_chart(report: Report, district: District, lang: str) -> str:
    """Per aspect: the district's mean share of its points, with lowest–highest and the median."""
    std = report.standard
    label_w, bar_w, row_h = 130, 220, 34
    body = []
    for i, (aspect, (_, _, tops, scores)) in enumerate(zip(std.aspects, district.aspects, strict=True)):
        shares = sorted(earned_share([score or 0 for score in scores], tops).tolist()) or [0.0]
        mean = sum(shares) / len(shares)
        median = (shares[len(shares) // 2] if len(shares) % 2
                  else (shares[len(shares) // 2 - 1] + shares[len(shares) // 2]) / 2)
        y = 8 + i * row_h
        x0 = label_w
        colour = ASPECT_COLOURS[i % len(ASPECT_COLOURS)]
        body.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end">{escape(pick(aspect, lang))}</text>'
            f'<rect x="{x0}" y="{y + 4}" width="{bar_w}" height="{row_h - 14}" fill="#eee"/>'
            f'<rect x="{x0}" y="{y + 4}" width="{bar_w * mean:.1f}" height="{row_h - 14}" fill="{colour}" '
            'opacity="0.75"/>'
            f'<line x1="{x0 + bar_w * shares[0]:.1f}" x2="{x0 + bar_w * shares[-1]:.1f}" y1="{y + 14}" y2="{y + 14}" '
            'stroke="#222"/>'
            f'<line x1="{x0 + bar_w * median:.1f}" x2="{x0 + bar_w * median:.1f}" y1="{y + 6}" y2="{y + 22}" '
            'stroke="#222" stroke-width="2"/>'
            f'<text x="{x0 + bar_w + 6}" y="{y + 18}">{num(round(mean * 100, 1))}%</text>'
        )
    axis_y = 8 + len(std.aspects) * row_h
    for pct in (0, 50, 100):
        x = label_w + bar_w * pct / 100
        body.append(f'<text x="{x:.1f}" y="{axis_y + 10}" text-anchor="middle" class="tick">{pct}%</text>')
    return svg(label_w + bar_w + 60, axis_y + 16, "".join(body), "")


def _stacked_chart(report: Report, district: District, lang: str, veto_word: str) -> str:
    """One bar per community (best first), split into its five aspect scores, on the total's scale.
    A vetoed community scores 0: its aspect points are drawn faded, beside the word for the veto."""
    std = report.standard
    shown = [district.record(i) for i in district.ranked[:STACKED_LIMIT].tolist()]
    total = max([std.max_score, *(r["score"] for r in shown)])  # an uncapped bonus may go past the stated maximum
    label_w, bar_w, row_h, legend_h = 140, 560, 16, 28
    body = []
    x = label_w
    for i, aspect in enumerate(std.aspects):  # legend
        colour = ASPECT_COLOURS[i % len(ASPECT_COLOURS)]
        text = f"{pick(aspect, lang)} {num(aspect.points)}"
        body.append(f'<rect x="{x}" y="6" width="12" height="12" fill="{colour}"/>'
                    f'<text x="{x + 16}" y="17">{escape(text)}</text>')
        x += 28 + 6.5 * display_width(text)
    axis_y = legend_h + len(shown) * row_h + 4
    for value in range(0, int(total) + 1, 20):  # grid first, so the bars sit on top of it
        gx = label_w + bar_w * value / total
        body.append(f'<line x1="{gx:.1f}" x2="{gx:.1f}" y1="{legend_h}" y2="{axis_y}" class="grid"/>'
                    f'<text x="{gx:.1f}" y="{axis_y + 12}" text-anchor="middle" class="tick">{value}</text>')
    for row, r in enumerate(shown):
        y = legend_h + row * row_h
        faded = ' opacity="0.3"' if r["vetoed"] else ""
        name = str(r["name"])
        body.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end" class="small">{escape(clip(name, 21))}'
                    f'<title>{escape(name)}</title></text>')
        x = float(label_w)
        for i, area in enumerate(r["areas"]):
            width = bar_w * (area["score"] or 0) / total
            body.append(f'<rect x="{x:.1f}" y="{y + 2}" width="{width:.1f}" height="{row_h - 4}" '
                        f'fill="{ASPECT_COLOURS[i % len(ASPECT_COLOURS)]}"{faded}>'
                        f'<title>{escape(area["title"])} {num(area["score"])}/{num(area["max"])}</title></rect>')
            x += width
        score = num(r["score"]) + (f" {veto_word}" if r["vetoed"] else "")
        body.append(f'<text x="{x + 4:.1f}" y="{y + 12}" class="small">{score}</text>')
    return svg(label_w + bar_w + 90, axis_y + 18, "".join(body), "")


# ---- ranking and common gaps ------------------------------------------------------------------

def _ranking(report: Report, district: District, anchors: dict, w, lang: str) -> str:
    """The communities best first (the first RANKING_LIMIT), each linked to its section where the page has one."""
    if not district.n:
        return ""
    ranked = [district.record(i) for i in district.ranked[:RANKING_LIMIT].tolist()]
    aspects = [a["title"] for a in ranked[0]["areas"]]
    head = [w("rank"), w("id"), w("name"), w("street"), w("score"), w("grade"), w("eligible"), w("gaps"), w("unknown")]
    starred = "stars" in ranked[0]
    if starred:
        head.insert(6, w("stars"))
    head += [escape(a) for a in aspects]
    rows = []
    rank, previous = 0, None
    for i, (at, r) in enumerate(zip(district.ranked[:RANKING_LIMIT].tolist(), ranked, strict=True), 1):
        if r["score"] != previous:
            rank, previous = i, r["score"]
        gaps = r["gaps"]
        name = escape(str(r["name"]))
        cells = [str(rank), escape(str(r["id"])), f'<a href="#{anchors[at]}">{name}</a>' if at in anchors else name,
                 escape(str(r["street"] or "")), num(r["score"]), escape(grade_text(r["grade"], r["incomplete"], lang)),
                 *([escape(stars_text(r["stars"], r["stars_max"], lang))] if starred else []),
                 f'<span class="{"ok" if r["eligible"] else "bad"}">{escape(yes_no(r["eligible"], lang))}</span>',
                 str(gaps), str(r["unknown_rules"] or "")]
        cells += [num(a["score"]) for a in r["areas"]]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    total = report.standard.scoring.total
    over = (f'<p class="note">{escape(t("audit.over_total", lang, total=num(total)))}</p>'
            if any(r["score"] > total + 1e-9 for r in ranked) else "")
    if district.n > len(ranked):
        over += f'<p class="note">{w("ranking_note", n=len(ranked), total=district.n)}</p>'
    return (f'<section id="ranking"><h2>{w("ranking")}</h2>\n<div class="scroll"><table class="num">'
            f'<thead><tr>{"".join(f"<th>{h}</th>" for h in head)}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + f"\n</tbody></table></div>{over}</section>\n")


def _common_gaps(report: Report, n: int, w, lang: str, ids: bool) -> str:
    """Rules that most communities fail or only partly meet."""
    gaps = common_gaps(report, TOP_GAPS)
    aspects = {a.id: pick(a, lang) for a in report.standard.aspects}
    n = n or 1
    rows = []
    for rule, fails, partials in gaps:
        share = (fails + partials) / n
        bar = (f'<svg class="bar" width="120" height="12" role="img" aria-label="{share:.0%}">'
               f'<rect width="{120 * fails / n:.1f}" height="12" fill="{HTML_COLOUR["fail"]}"/>'
               f'<rect x="{120 * fails / n:.1f}" width="{120 * partials / n:.1f}" height="12" '
               f'fill="{HTML_COLOUR["partial"]}"/></svg>')
        code = f" <code>{escape(rule.id)}</code>" if ids else ""
        rows.append(f"<tr><td>{escape(pick(rule, lang))}{code}</td>"
                    f"<td>{escape(aspects.get(rule.aspect, rule.aspect))}</td>"
                    f"<td>{fails}</td><td>{partials}</td><td>{bar} {share:.0%}</td></tr>")
    if not rows:
        return f'<section id="gaps"><h2>{w("common_gaps")}</h2><p>{w("no_gaps")}</p></section>\n'
    head = "".join(f"<th>{h}</th>" for h in (w("item"), w("aspect"), w("fail"), w("partial"), w("share")))
    return (f'<section id="gaps"><h2>{w("common_gaps")}</h2>\n<table><thead><tr>{head}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody></table></section>\n")


# ---- one community ----------------------------------------------------------------------------

def _community(report: Report, r: dict, reason: str | None, anchor: str, w, lang: str) -> str:
    total = report.standard.scoring.total
    badge = (f'<span class="badge ok">{w("eligible")}</span>' if r["eligible"]
             else f'<span class="badge bad">{w("not_eligible")}</span>')
    if r["vetoed"]:
        badge += f' <span class="badge bad">{w("veto_mark")}</span>'
    bonus = f' ({escape(t("audit.bonus_points", lang, n=num(r["bonus"])))})' if r["bonus"] else ""
    if r.get("penalty"):
        bonus += f' ({w("penalty")} {num(r["penalty"])})'
    stars = f' · {w("stars")} {escape(stars_text(r["stars"], r["stars_max"], lang))}' if "stars" in r else ""
    # why not the band above (every pack: plain bands where the score alone would give another), and 数据不全
    reason = f'<p class="reason">{escape(reason)}</p>\n' if reason else ""
    if r["incomplete"]:
        reason += f'<p class="reason">{escape(t("grade.incomplete_note", lang, points=num(r["unknown_points"])))}</p>\n'
    grade = escape(grade_text(r["grade"], r["incomplete"], lang))
    gates = "".join(f'<span class="chip {escape(g["status"])}">{escape(g["title"])}{sep(lang, "colon")}'
                    f'{_status_text(g["status"], lang)}</span>'
                    for g in r["gates"])
    areas = "".join(f'<tr><td>{escape(a["title"])}</td><td>{num(a["score"])} / {num(a["max"])}</td></tr>'
                    for a in r["areas"])
    gaps = sorted((f for f in r["findings"] if f["status"] in GAP_STATUSES), key=points_lost, reverse=True)
    gap_items = "".join(
        f'<li><span class="st {escape(f["status"])}">{_status_text(f["status"], lang)}</span> {escape(f["message"])}'
        + (f' <span class="lost">{w("lost", n=num(points_lost(f)))}</span>'
           if math.isfinite(points_lost(f)) and points_lost(f) else "")
        + "</li>"
        for f in gaps
    ) or f"<li>{w('no_gaps')}</li>"
    blanks = [f for f in r["findings"] if f["status"] == "unknown"]
    blank_part = ""
    if blanks:
        blank_part = (f'<h4>{w("blank_list")}</h4><ul class="gaps">'
                      + "".join(f'<li><span class="st unknown">{_status_text("unknown", lang)}</span> '
                                f'{escape(f["message"])}</li>' for f in blanks)
                      + "</ul>")
    street = f' · {escape(str(r["street"]))}' if r["street"] else ""
    return (
        f'<article id="{anchor}"><h3>{escape(str(r["name"]))} <small>{escape(str(r["id"]))}{street}</small></h3>\n'
        f'<p class="head"><b>{num(r["score"])}</b> / {num(total)}{bonus} · {grade}{stars} {badge}</p>\n'
        f'{reason}'
        + (f'<p class="gates">{w("gates")}{sep(lang, "colon")}{gates}</p>\n' if r["gates"] else "")
        + f'<div class="row"><figure>{_radar(r, w("radar_label"))}</figure><table class="areas">{areas}</table></div>\n'
        f'<h4>{w("gap_list")}</h4><ul class="gaps">{gap_items}</ul>{blank_part}</article>\n'
    )


def _radar(r: dict, label: str) -> str:
    """The aspects as shares of their points on a spider chart (grid at 25 % steps)."""
    areas = r["areas"]
    n = len(areas)
    if n < 3:  # a radar needs three axes; fewer aspects read better as the table beside it
        return ""
    shares = [min(1.0, float(earned_share(a["score"] or 0, a["max"]))) for a in areas]
    labels = [f'{a["title"]} {s:.0%}' for a, s in zip(areas, shares, strict=True)]
    radius = 80
    # room for the widest label on either side (11 px text: a CJK character ~11 px, a digit ~6 px)
    cx, cy = radius * 1.22 + 5.5 * max(display_width(t) for t in labels) + 12, 125

    def point(i: int, share: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * i / n
        return cx + radius * share * math.cos(angle), cy + radius * share * math.sin(angle)

    body = []
    for step in (0.25, 0.5, 0.75, 1.0):
        pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, step) for i in range(n)))
        body.append(f'<polygon points="{pts}" class="grid"/>')
    for i, text in enumerate(labels):
        x, y = point(i, 1.0)
        body.append(f'<line x1="{cx}" y1="{cy}" x2="{x:.1f}" y2="{y:.1f}" class="grid"/>')
        lx, ly = point(i, 1.22)
        anchor = "middle" if abs(lx - cx) < 5 else ("start" if lx > cx else "end")
        body.append(f'<text x="{lx:.1f}" y="{ly + 4:.1f}" text-anchor="{anchor}" class="small">{escape(text)}</text>')
    pts = " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, s) for i, s in enumerate(shares)))
    body.append(f'<polygon points="{pts}" fill="{ASPECT_COLOURS[1]}" fill-opacity="0.35" stroke="{ASPECT_COLOURS[1]}" '
                'stroke-width="2"/>')
    return svg(2 * cx, 250, "".join(body), label)


# ---- helpers ----------------------------------------------------------------------------------

def _status_text(status: str, lang: str) -> str:
    return escape(status_word(status, lang))


# ---- pieces for `jingpin serve`: the same sections, without the page around them --------------

def _words(report: Report, lang: str):
    pack_words = report.standard.words(lang)
    return lambda key, **params: escape(word(f"html.{key}", lang, **pack_words, **params))


def overview_section(report: Report, options: Options = PLAIN) -> str:
    """The district overview (counts, grade bands, aspect shares, the stacked chart) and the common
    gaps, as in the report."""
    district = District(report, options.lang)
    w = _words(report, options.lang)
    return (_overview(report, district, w, options.lang)
            + _common_gaps(report, district.n, w, options.lang, options.ids))


def community_section(report: Report, cid: str, options: Options = PLAIN) -> str:
    """One community's part of the report (score, grade and why, gates, aspects, every gap, blanks)."""
    one = report.only(cid)
    record = next(iter_records(one, options.lang))
    reason = grade_reasons(one, options.lang)[0]
    return _community(one, record, reason, "community", _words(one, options.lang), options.lang)
