"""Word (.docx): the audit as a document an office sends upward, saying what the HTML page says from
the same records and words, on a 公文-like page (formats/kit/docx_kit.py): title, date, standard and
data files; the district overview with its counts, the grade table and the aspect shares drawn as
shaded bars; the communities that may be demonstration sites; the ranking; the most common gaps;
then one section per community with its gaps costliest first and its blank items.

With `--community` the document is that community's report alone. A district of more than
SECTIONS_LIMIT communities gets sections for the lowest-scoring SECTIONS_LIMIT only (those with
the most to do), with a note saying so: 10 000 sections would be a book nobody prints, and the
workbook holds every gap."""

from __future__ import annotations

import math
from collections import Counter

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import docx_kit as kit
from jingpin_cli.formats.kit.status import status_word
from jingpin_cli.results.audit.eligibility import ineligibility, reason_text
from jingpin_cli.results.audit.grades import grade_reasons, grade_text, stars_text
from jingpin_cli.results.audit.index import GAP_STATUSES, common_gaps
from jingpin_cli.results.audit.record import grade_label, iter_records, points_lost
from jingpin_cli.results.audit.report import Report
from jingpin_cli.scoring.summary import earned_share
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num, pct
from jingpin_cli.text.words import sep, yes_no

SECTIONS_LIMIT = 100  # per-community sections in a district document
RANKING_LIMIT = 2000  # rows of the ranking table (about 60 pages); the workbook lists all
TOP_GAPS = 15  # as the HTML page
ASPECT_COLOURS = ("C0392B", "2E86C1", "27AE60", "D68910", "8E44AD", "16A085", "7F8C8D")  # the HTML's


def render(report: Report, options: Options = PLAIN) -> bytes:
    lang, std = options.lang, report.standard
    w = kit.Words(lang, std.words(lang))
    when = kit.report_date(options.date)
    records = list(iter_records(report, lang))
    ranked = sorted(records, key=lambda r: -r["score"])
    why_not = dict(zip(report.summary.index, ineligibility(std, report.outcomes, report.summary), strict=True))
    grade_why = dict(zip(report.summary.index, grade_reasons(report, lang), strict=True))
    if options.community is not None and len(records) == 1:
        r = records[0]
        doc = front(report, w("docx.community_title", name=r["name"], id=r["id"]), when, w)
        _community(doc, report, r, why_not[r["id"]], grade_why[r["id"]], w)
        return kit.saved(doc)
    doc = front(report, pick(std.title, lang), when, w)
    _overview(doc, report, records, w)
    _sites(doc, ranked, w)
    _ranking(doc, ranked, std.scoring.total, w)
    _common_gaps(doc, report, records, w)
    kit.heading(doc, w.numbered(w("html.by_community")))
    shown = ranked if len(ranked) <= SECTIONS_LIMIT else ranked[-SECTIONS_LIMIT:]
    if len(shown) < len(ranked):
        kit.para(doc, w("docx.sections_note", n=len(shown), total=len(ranked)), indent=True)
    for r in shown:
        _community(doc, report, r, why_not[r["id"]], grade_why[r["id"]], w)
    return kit.saved(doc)


def front(report: Report, title: str, when, w: kit.Words):
    """Title, date, the standard and what it rests on, the data files."""
    std = report.standard
    doc = kit.document(title, when)
    kit.title(doc, title)
    kit.para(doc, w("docx.date", y=when.year, m=when.month, d=when.day), centred=True)
    kit.para(doc, w("docx.standard", title=pick(std.title, w.lang), id=std.id, version=std.version), indent=True)
    if std.document.issuer or std.document.date:
        kit.para(doc, w("docx.basis", issuer=std.document.issuer, doc=std.document.title, date=std.document.date),
                 indent=True)
    files = sep(w.lang, "list").join(path.replace("\\", "/").rsplit("/", 1)[-1] for path in report.records.sources)
    if files:
        kit.para(doc, w("docx.data_files", files=files), indent=True)
    return doc


# ---- district overview --------------------------------------------------------------------------

def _overview(doc, report: Report, records: list[dict], w: kit.Words) -> None:
    std, n = report.standard, len(records)
    kit.heading(doc, w.numbered(w("html.overview")))
    mean = sum(r["score"] for r in records) / n if n else 0
    head = [w("html.communities"), w("html.mean"), w("html.eligible"), w("html.vetoed"), w("html.with_unknown")]
    values = [str(n), num(round(mean, 1)), str(sum(r["eligible"] for r in records)),
              str(sum(r["vetoed"] for r in records)), str(sum(r["unknown_rules"] > 0 for r in records))]
    kit.table(doc, head, [values], [kit.TEXT_WIDTH_MM / len(head)] * len(head), numeric=set(range(len(head))))
    # the grades, best band first and the veto band last, as the HTML's chart
    kit.heading(doc, w("html.grades"), level=2)
    bands = [(g.id, pick(g, w.lang)) for g in std.grades] + [("veto", grade_label(std, "veto", w.lang))]
    counts = Counter(r["grade_id"] for r in records)
    kit.bar_chart(doc, [(label, counts.get(gid, 0), w("docx.count", n=counts.get(gid, 0), pct=pct(counts.get(gid, 0)
                                                                                                 / (n or 1))),
                         "veto" if gid == "veto" else "bar") for gid, label in bands])
    kit.heading(doc, w("html.aspect_share"), level=2)
    rows = []
    for i, aspect in enumerate(std.aspects):
        shares = [_share(r, aspect.id) for r in records] or [0.0]
        mean_share = sum(shares) / len(shares)
        rows.append((pick(aspect, w.lang), mean_share,
                     w("docx.aspect_value", mean=pct(mean_share), low=pct(min(shares)), high=pct(max(shares))),
                     ASPECT_COLOURS[i % len(ASPECT_COLOURS)]))
    kit.bar_chart(doc, rows, value_mm=50)
    kit.para(doc, w("docx.aspect_note"))


def _share(record: dict, aspect_id: str) -> float:
    area = next(a for a in record["areas"] if a["id"] == aspect_id)
    return float(earned_share(area["score"] or 0, area["max"]))


def _sites(doc, ranked: list[dict], w: kit.Words) -> None:
    """Which communities may be demonstration sites (gates met, no veto, nothing blank that decides it)."""
    kit.heading(doc, w.numbered(w("docx.sites")))
    eligible = [r for r in ranked if r["eligible"]]
    if not eligible:
        kit.para(doc, w("docx.sites_none"), indent=True)
    else:
        names = sep(w.lang, "list").join(str(r["name"]) for r in eligible)
        kit.para(doc, w("docx.sites_line", n=len(eligible), names=names), indent=True)
    kit.para(doc, w("docx.sites_how"), indent=True)


def _ranking(doc, ranked: list[dict], total: float, w: kit.Words) -> None:
    kit.heading(doc, w.numbered(w("html.ranking")))
    head = [w("html.rank"), w("html.name"), w("html.street"), w("html.score"), w("html.grade"), w("html.eligible"),
            w("html.gaps"), w("html.unknown")]
    widths = [13, 32, 30, 19, 14, 16, 16, 16]  # mm, 156 in all: names and streets get the room
    rows, rank, previous = [], 0, None
    for i, r in enumerate(ranked[:RANKING_LIMIT], 1):
        if r["score"] != previous:  # equal scores share a rank, as on the HTML page
            rank, previous = i, r["score"]
        gaps = sum(f["status"] in GAP_STATUSES for f in r["findings"])
        rows.append([str(rank), str(r["name"]), str(r["street"] or ""), num(r["score"]),
                     grade_text(r["grade"], r["incomplete"], w.lang),
                     (yes_no(r["eligible"], w.lang), "pass" if r["eligible"] else "fail"),
                     str(gaps), str(r["unknown_rules"] or "")])
    kit.table(doc, head, rows, widths, numeric={0, 3, 4, 5, 6, 7})
    if len(ranked) > RANKING_LIMIT:
        kit.para(doc, w("docx.ranking_note", n=RANKING_LIMIT, total=len(ranked)))
    if ranked and ranked[0]["score"] > total:  # a total above the maximum comes from 加分
        kit.para(doc, t("audit.over_total", w.lang, total=num(total)))


def _common_gaps(doc, report: Report, records: list[dict], w: kit.Words) -> None:
    """Rules that most communities fail or only partly meet (the HTML's table, its bar as a share)."""
    kit.heading(doc, w.numbered(w("html.common_gaps")))
    gaps = common_gaps(report, TOP_GAPS)
    if not gaps:
        kit.para(doc, w("html.no_gaps"), indent=True)
        return
    aspects = {a.id: pick(a, w.lang) for a in report.standard.aspects}
    n = len(records) or 1
    rows = [[pick(rule, w.lang), aspects.get(rule.aspect, rule.aspect), str(fails), str(partials),
             pct((fails + partials) / n)] for rule, fails, partials in gaps]
    kit.table(doc, [w("html.item"), w("html.aspect"), w("html.fail"), w("html.partial"), w("html.share")], rows,
              [62, 34, 18, 20, 22], numeric={2, 3, 4})


# ---- one community ------------------------------------------------------------------------------

def _community(doc, report: Report, r: dict, why_not: list, grade_why: str | None, w: kit.Words) -> None:
    std, lang = report.standard, w.lang
    grade = grade_text(r["grade"], r["incomplete"], lang)
    kit.heading(doc, w("docx.community_head", name=r["name"], id=r["id"], score=num(r["score"]), grade=grade),
                level=2)
    head = [w("docx.score", score=num(r["score"]), total=num(std.scoring.total))]
    if r["bonus"]:
        head.append(t("audit.bonus_points", lang, n=num(r["bonus"])))
    if r.get("penalty"):
        head.append(f"{w('html.penalty')} {num(r['penalty'])}")
    head.append(grade)
    if "stars" in r:
        head.append(f"{w('html.stars')} {stars_text(r['stars'], r['stars_max'], lang)}")
    if r["street"]:
        head.append(f"{w('html.street')}{sep(lang, 'colon')}{r['street']}")
    pieces = [" · ".join(head), " · ",
              (w("html.eligible") if r["eligible"] else w("html.not_eligible"), "pass" if r["eligible"] else "fail")]
    if r["vetoed"]:
        pieces += [" · ", (w("html.veto_mark"), "veto")]
    kit.para(doc, *pieces)
    if grade_why:  # why not the band above
        kit.para(doc, grade_why)
    if r["incomplete"]:
        kit.para(doc, t("grade.incomplete_note", lang, points=num(r["unknown_points"])))
    if why_not:
        reasons = sep(lang).join(reason_text(std, code, params, lang) for code, params in why_not)
        kit.para(doc, w("docx.not_eligible", reasons=reasons))
    if r["gates"]:
        gates = [f"{w('html.gates')}{sep(lang, 'colon')}"]
        for i, g in enumerate(r["gates"]):
            gates += [sep(lang, "list")] if i else []
            gates += [f"{g['title']}{sep(lang, 'colon')}", (status_word(g["status"], lang), g["status"])]
        kit.para(doc, *gates)
    kit.table(doc, [w("html.aspect"), w("docx.points")],
              [[a["title"], f"{num(a['score'])} / {num(a['max'])}"] for a in r["areas"]], [100, 56], numeric={1})
    kit.heading(doc, w("html.gap_list"), level=3)
    gaps = sorted((f for f in r["findings"] if f["status"] in GAP_STATUSES), key=points_lost, reverse=True)
    for f in gaps:
        lost = points_lost(f)
        kit.para(doc, w("docx.gap", status=status_word(f["status"], lang), message=f["message"],
                        lost=w("docx.lost", n=num(lost)) if math.isfinite(lost) and lost else ""))
    if not gaps:
        kit.para(doc, w("html.no_gaps"))
    blanks = [f for f in r["findings"] if f["status"] == "unknown"]
    if blanks:
        kit.heading(doc, w("html.blank_list"), level=3)
        for f in blanks:
            kit.para(doc, w("docx.gap", status=status_word("unknown", lang), message=f["message"], lost=""))
