"""Markdown: a district table, then every community's gaps grouped by aspect and task."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.escape import md_text
from jingpin_cli.formats.kit.status import status_word
from jingpin_cli.results.audit.grades import grade_reasons, grade_text, stars_text
from jingpin_cli.results.audit.index import GAP_STATUSES
from jingpin_cli.results.audit.record import iter_records
from jingpin_cli.results.audit.report import Report
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num
from jingpin_cli.text.words import word, words, yes_no


def render(report: Report, options: Options = PLAIN) -> str:
    lang = options.lang
    std = report.standard
    out = [f"# {pick(std.title, lang)}", ""]
    pack = f"`{std.id}` " if options.ids else ""  # the Chinese title heads the page; the id only when asked
    out.append(f"{word('audit.md.standard', lang)}: {pack}{md_text(std.document.issuer)} {std.version} · "
               f"{word('audit.md.communities', lang)}: {len(report.summary)}")
    out.append("")
    head = words(["id", "name", "score", "grade", "eligible", "gaps", "unknown"], lang, "audit.md.")
    starred = std.stars is not None
    if starred:
        head.insert(4, word("audit.col.stars", lang))
    out += ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    records = list(iter_records(report, lang))
    for r in records:
        gaps = sum(f["status"] in GAP_STATUSES for f in r["findings"])
        unknown = sum(f["status"] == "unknown" for f in r["findings"])
        yes = yes_no(r["eligible"], lang)
        stars = [stars_text(r["stars"], r["stars_max"], lang)] if starred else []
        grade = grade_text(r["grade"], r["incomplete"], lang)
        out.append("| " + " | ".join(md_text(v) for v in (r["id"], r["name"], r["score"], grade, *stars, yes,
                                                          gaps, unknown)) + " |")
    if any(r["score"] > std.scoring.total + 1e-9 for r in records):
        out += ["", t("audit.over_total", lang, total=num(std.scoring.total))]
    for r, reason in zip(records, grade_reasons(report, lang), strict=True):
        stars = f" · {stars_text(r['stars'], r['stars_max'], lang)}" if starred else ""
        bonus = f" ({t('audit.bonus_points', lang, n=num(r['bonus']))})" if r["bonus"] else ""
        penalty = f" ({word('audit.tty.penalty', lang)} {num(r['penalty'])})" if r.get("penalty") else ""
        grade = grade_text(r["grade"], r["incomplete"], lang)
        out += ["", f"## {md_text(r['name'])} ({md_text(r['id'])}) — {r['score']}{bonus}{penalty} · {grade}{stars}",
                ""]
        if reason:  # why not the band above (every pack: plain bands where the score alone would give another)
            out += [md_text(reason), ""]
        if r["incomplete"]:
            out += [md_text(t("grade.incomplete_note", lang, points=num(r["unknown_points"]))), ""]
        for area in r["areas"]:
            findings = [f for f in r["findings"] if f["area"] == area["id"] and f["status"] not in ("pass",)]
            out.append(f"### {area['title']} {area['score']}/{area['max']}")
            if not findings:
                out.append("- " + word("audit.md.all_met", lang))
            for f in findings:
                rule = f" `{f['rule']}`" if options.ids else ""
                out.append(f"- **{status_word(f['status'], lang)}** {md_text(f['message'])}{rule}")
            out.append("")
    return "\n".join(out).rstrip() + "\n"
