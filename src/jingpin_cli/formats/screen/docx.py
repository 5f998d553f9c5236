"""Word (.docx) of `jingpin screen`: the picks with their reasons, the ranking as far as the terminal
shows it, the near misses with what would get them in, and the stability draws when asked — the
same entries (results/screen/record.py) the terminal, CSV and workbook show, on the audit
document's 公文-like page (formats/kit/docx_kit.py)."""

from __future__ import annotations

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.audit.docx import front
from jingpin_cli.formats.kit import docx_kit as kit
from jingpin_cli.formats.screen.table import rows_shown
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, INELIGIBLE, PICKED
from jingpin_cli.results.screen.record import Screened, near_entries, pilot_text, quota_text, ranking_entries
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import pct
from jingpin_cli.text.words import sep, yes_no

TONE = {PICKED: "pass", INCLUDED: "pass", EXCLUDED: "grey", INELIGIBLE: "fail"}


def render(result: Screened, options: Options = PLAIN) -> bytes:
    screening, near, stab = result
    lang, std = options.lang, screening.report.standard
    w = kit.Words(lang, std.words(lang))
    title = t("screen.title" if screening.top else "screen.title_none", lang, top=screening.top)
    if screening.per_street is not None:
        title += sep(lang, "title") + t("screen.per_street", lang, k=screening.per_street, **w.pack)
    doc = front(screening.report, title, kit.report_date(options.date), w)
    for line in (quota_text(screening, lang), pilot_text(screening, lang)):
        if line:
            kit.para(doc, line, indent=True)
    if len(screening.selected) < screening.top:
        kit.para(doc, (t("screen.short", lang, n=len(screening.selected), top=screening.top), "fail"))
    limit = rows_shown(screening, near)
    entries = list(ranking_entries(screening, lang, None, stab, limit=max(limit, _last_pick(screening) + 1)))
    picks = [e for e in entries if e["picked"]]
    kit.heading(doc, w.numbered(w("docx.screen.picks")))
    if picks:
        names = sep(lang, "list").join(str(e["name"]) for e in picks)
        kit.para(doc, t("screen.picked_count", lang, n=len(picks), names=names), indent=True)
        kit.table(doc, ["#", w("screen.tty.name"), w("screen.tty.street"), w("screen.tty.score"),
                        w("screen.tty.reasons")],
                  [[_rank(e), str(e["name"]), e["street"] or "", f"{e['score']}", sep(lang).join(e["reasons"])]
                   for e in picks],
                  [12, 30, 24, 16, 74], numeric={0, 3})
    kit.heading(doc, w.numbered(w("docx.screen.ranking")))
    kit.table(doc, ["#", w("screen.tty.name"), w("screen.tty.street"), w("screen.tty.score"), w("screen.tty.result"),
                    w("screen.tty.reasons")],
              [[_rank(e), str(e["name"]), e["street"] or "", f"{e['score']}",
                (e["status_label"], TONE.get(e["status"], "grey")), sep(lang).join(e["reasons"])]
               for e in entries[:limit]],
              [12, 28, 24, 16, 20, 56], numeric={0, 3})
    if limit < len(screening.table):
        kit.para(doc, t("screen.rows_shown", lang, n=limit, total=len(screening.table)))
    if near is not None and near.items:
        kit.heading(doc, w.numbered(t("screen.near_title", lang)))
        kit.table(doc, ["#", w("screen.tty.near_community"), w("screen.tty.near_score"), w("screen.tty.kept_out_by"),
                        w("screen.tty.to_get_in")],
                  [[str(e["rank"]), str(e["name"]), f"{e['score']}", sep(lang).join(e["kept_out_by"]),
                    (e["text"], "pass" if e["gets_in"] and e["verified"] else "partial")]
                   for e in near_entries(screening, near, lang)],
                  [12, 28, 16, 44, 56], numeric={0, 2})
        if near.more:
            kit.para(doc, t("screen.near_more", lang, n=near.more))
    if stab is not None:
        kit.heading(doc, w.numbered(t("screen.stability_title", lang, pct=pct(stab.spread), draws=stab.draws,
                                      seed=stab.seed)))
        others = [c for c in stab.share.index if c not in screening.selected]
        kit.table(doc, [w("screen.tty.stab_community"), w("screen.tty.picked_now"), w("screen.tty.share_picked")],
                  [[str(screening.table.at[c, "name"]), yes_no(c in screening.selected, lang), pct(stab.kept(c))]
                   for c in list(screening.selected) + others[:screening.top]],
                  [76, 40, 40], numeric={1, 2})
    kit.para(doc, t("screen.order", lang))
    return kit.saved(doc)


def _rank(entry: dict) -> str:
    return f"{entry['shared_rank']}=" if entry["tie"] else str(entry["rank"])


def _last_pick(screening) -> int:
    """The rank position of the last pick (a forced-in community may stand far down the ranking)."""
    picked = screening.table["picked"].to_numpy().nonzero()[0]
    return int(picked[-1]) if len(picked) else 0
