"""Markdown: a district table, then every community's gaps grouped by aspect and task."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.columns import District
from jingpin_cli.formats.kit.escape import md_text
from jingpin_cli.formats.kit.status import status_word
from jingpin_cli.results.audit.grades import grade_reasons, grade_text, stars_text
from jingpin_cli.results.audit.record import findings
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
    d = District(report, lang)
    rows = range(d.n)
    grades = [grade_text(d.grades[i], d.incomplete[i], lang) for i in rows]
    stars = [stars_text(d.stars[i], len(d.aspects), lang) for i in rows] if starred else None
    for i in rows:
        yes = yes_no(d.eligible[i], lang)
        out.append("| " + " | ".join(md_text(v) for v in (d.ids[i], d.names[i], d.scores[i], grades[i],
                                                          *([stars[i]] if starred else []), yes,
                                                          d.gaps[i], d.unknown[i])) + " |")
    if any(score > std.scoring.total + 1e-9 for score in d.scores):
        out += ["", t("audit.over_total", lang, total=num(std.scoring.total))]
    lines = _finding_lines(report, lang, options.ids)
    met = "- " + word("audit.md.all_met", lang)
    for i, reason in zip(rows, grade_reasons(report, lang), strict=True):
        star = f" · {stars[i]}" if starred else ""
        bonus = f" ({t('audit.bonus_points', lang, n=num(d.bonus[i]))})" if d.bonus[i] else ""
        penalty = (f" ({word('audit.tty.penalty', lang)} {num(d.penalty[i])})"
                   if d.penalty is not None and d.penalty[i] else "")
        head = f"## {md_text(d.names[i])} ({md_text(d.ids[i])}) — {d.scores[i]}{bonus}{penalty} · {grades[i]}{star}"
        out += ["", head, ""]
        if reason:  # why not the band above (every pack: plain bands where the score alone would give another)
            out += [md_text(reason), ""]
        if d.incomplete[i]:
            out += [md_text(t("grade.incomplete_note", lang, points=num(d.unknown_points[i]))), ""]
        for (_, title, tops, scores), area in zip(d.aspects, lines, strict=True):
            out.append(f"### {title} {scores[i]}/{tops[i]}")
            shown = [line for codes, texts in area if (line := texts[codes[i]]) is not None]
            out += shown or [met]
            out.append("")
    return "\n".join(out).rstrip() + "\n"


def _finding_lines(report: Report, lang: str, ids: bool) -> list[list[tuple]]:
    """Per aspect, per rule of it in rule order: (variant code per community, the line of each variant:
    its status and message, None where it passes) — each line made once per variant of the finding."""
    table = findings(report, lang)
    out = []
    for aspect in report.standard.aspects:
        area = []
        for rule in report.standard.rules:
            if rule.aspect != aspect.id:
                continue
            codes, first = table.codes(rule)
            texts = []
            for at in first.tolist():
                f = table.finding(rule, at)
                code = f" `{f['rule']}`" if ids else ""
                texts.append(None if f["status"] == "pass"
                             else f"- **{status_word(f['status'], lang)}** {md_text(f['message'])}{code}")
            area.append((codes, texts))
        out.append(area)
    return out
