"""The screening in words, and the canonical record every screen format renders (JSON, CSV, XLSX and
the terminal all read these dicts, so they never disagree)."""

from __future__ import annotations

from typing import Iterator, NamedTuple, TypedDict

import pandas as pd

from jingpin_cli.results.audit.eligibility import CODES as ELIGIBILITY_CODES
from jingpin_cli.results.audit.eligibility import reason_text
from jingpin_cli.results.screen.near_miss import Gap, NearMiss, NearMisses, blockers_for
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, PICKED, Screening
from jingpin_cli.results.screen.stability import Stability
from jingpin_cli.rules import KINDS
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.numbers import num, pct


class RankingEntry(TypedDict):
    """One community in rank order (`ranking` of `jingpin screen --format json`; interfaces.md: rank,
    id, name, score, eligible, reasons are the contract)."""

    rank: int
    shared_rank: int  # the rank shown, equal for communities with the same score
    tie: bool
    tie_break: str | None
    id: str
    name: str
    street: str | None
    score: float
    eligible: bool
    status: str  # picked | included | excluded | ineligible | street_full | below_cut
    status_label: str
    picked: bool
    unknown_rules: int
    weakest_aspect: str
    weakest_share: float
    strongest_aspect: str
    reasons: list[str]
    to_get_in: str | None  # for a near miss: the smallest set of gaps that gets it in
    stability: float | None  # share of the stability draws that picked it


class NearEntry(TypedDict):
    """A community that narrowly missed, with what keeps it out and the gaps to close."""

    rank: int
    id: str
    name: str
    street: str | None
    score: float
    eligible: bool
    status: str
    kept_out_by: list[str]
    gaps: list[dict]  # {rule, field, area, status, shortfall, unit, text}
    text: str
    gets_in: bool
    verified: bool
    score_after: float | None
    rank_after: int | None
    score_all_gaps_closed: float | None
    candidate_sets_tried: int


class Screened(NamedTuple):
    """What the screen formats render: the screening, its near misses and the stability draws."""

    screening: Screening
    near: NearMisses | None = None
    stab: Stability | None = None


def aspect_title(screening: Screening, aspect_id: str, lang: str) -> str:
    return pick(screening.report.standard.aspect(aspect_id), lang)


# ---- why a community is in or out ------------------------------------------------------------

def reasons(screening: Screening, cid: str, lang: str) -> list[str]:
    """Why one community is in or out."""
    return reasons_for(screening, lang, [screening.table.index.get_loc(cid)])[0]


def reasons_for(screening: Screening, lang: str, rows=None) -> list[list[str]]:
    """Why each community is in or out (rows: positions in rank order; default all). Columns are
    read once and words filled in per row, so a 100 000-row ranking stays quick."""
    table = screening.table if rows is None else screening.table.iloc[rows]
    titles = {a.id: aspect_title(screening, a.id, lang) for a in screening.report.standard.aspects}
    names = screening.table["name"]
    tied_names = names.reindex(table["tied_with"]).tolist()
    keys = {k: t(f"screen.key.{k}", lang) for k in ("unknown", "weakest", "id")}
    blocked = blockers_for(screening, rows)
    capped = screening.per_street is not None
    included, excluded = t("screen.reason.included", lang), t("screen.reason.excluded", lang)
    said: dict = {}  # (code, params) -> its text: thousands of communities share a few reasons
    columns = (table[k].tolist() for k in ("status", "street", "score", "rank", "strongest_aspect",
                                           "strongest_share", "weakest_aspect", "weakest_share", "tie_break"))
    out = []
    for i, (status, street, score, rank, strong, strong_share, weak, weak_share,
            tie_break) in enumerate(zip(*columns, strict=True)):
        row = [included] if status == INCLUDED else []
        if status in (PICKED, INCLUDED):
            row.append(t("screen.reason.picked", lang, score=num(score), rank=rank, strong=titles[strong],
                         strong_pct=pct(strong_share), weak=titles[weak], weak_pct=pct(weak_share)))
            if capped and street is None:
                row.append(t("screen.reason.no_street", lang, **screening.report.standard.words(lang)))
        elif status == EXCLUDED:
            row.append(excluded)
        else:
            row += [_blocker_once(said, screening, code, params, lang) for code, params in blocked[i]]
        if tie_break is not None:
            row.append(t("screen.reason.tie", lang, other=tied_names[i], by=keys[tie_break]))
        out.append(row)
    return out


def _blocker_once(said: dict, screening: Screening, code: str, params: dict, lang: str) -> str:
    """blocker_text, worded once per distinct (code, params)."""
    key = (code, repr(params))  # by the parameters' spelling: 1 and 1.0, "1" and 1 are keyed apart
    text = said.get(key)
    if text is None:
        text = said[key] = blocker_text(screening, code, params, lang)
    return text


def blocker_text(screening: Screening, code: str, params: dict, lang: str) -> str:
    std = screening.report.standard
    if code in ELIGIBILITY_CODES:
        return reason_text(std, code, params, lang)
    if code == "street_full":
        return t("screen.reason.street_full", lang, street=params["street"], k=params["k"], **std.words(lang))
    if code == "no_places":
        return t("screen.reason.no_places", lang)
    if code == "below_cut":
        return t("screen.reason.below_cut", lang, score=num(params["score"]), cut=num(params["cut"]),
                 diff=num(params["diff"]))
    return t("screen.reason.tie_cut", lang, score=num(params["score"]), by=t(f"screen.key.{params['key']}", lang))


def quota_text(screening: Screening, lang: str) -> str | None:
    """“按可评选社区数（23 个）的 10%（四舍五入）推荐 2 个”: how --top came from the quota."""
    quota = screening.quota
    if quota is None:
        return None
    key = "screen.quota_per_street" if quota.per_street else "screen.quota"
    std = screening.report.standard
    if quota.of_grade is not None:  # “按照通过验收社区数的10%”: counted among those graded this band or better
        key += "_of_grade"
    grade = next((pick(g, lang) for g in std.grades if g.id == quota.of_grade), "")
    return t(key, lang, eligible=screening.eligible_count, share=pct(quota.share), grade=grade,
             rounding=t(f"screen.rounding.{quota.rounding}", lang), n=screening.top,
             **screening.report.standard.words(lang))


def pilot_text(screening: Screening, lang: str) -> str | None:
    if screening.pilot is None:
        return None
    row = screening.table.loc[screening.pilot]
    return t("screen.pilot", lang, **screening.report.standard.words(lang), name=row["name"], id=screening.pilot,
             weak=aspect_title(screening, row["weakest_aspect"], lang),
             weak_pct=pct(row["weakest_share"]), score=num(row["score"]), rank=int(row["rank"]))


# ---- the gaps to close ------------------------------------------------------------------------

def gap_text(screening: Screening, gap: Gap, lang: str) -> str:
    std = screening.report.standard
    return KINDS[gap.kind].gap_text(gap, pick(std.field(gap.field), lang), std.unit_label(gap.field, lang), lang)


def gaps_text(screening: Screening, near: NearMiss, lang: str) -> str:
    return t("screen.gap.join", lang).join(gap_text(screening, g, lang) for g in near.gaps or [])


def near_text(screening: Screening, near: NearMiss, lang: str) -> str:
    """“补齐警务室 + 服务用房总面积增加 40 ㎡ → 进入前 5（总分 …，第 5 名）”, or why no set gets it in."""
    top = screening.top
    if not near.closable:
        return t("screen.gap.vetoed", lang)
    if near.gaps is None:
        if near.all_gaps == 0:
            return t("screen.gap.nothing", lang, score=num(near.score_all))
        return t("screen.gap.none", lang, n=near.all_gaps, score=num(near.score_all), top=top)
    # with a street cap a pick may rank below N: say “picked”, not “into the top N”
    key = "screen.gap.result" if near.rank_after is not None and near.rank_after <= top else "screen.gap.result_picked"
    text = t(key, lang, gaps=gaps_text(screening, near, lang), top=top, score=num(near.score_after),
             rank=near.rank_after)
    return text if near.verified else text + t("screen.gap.unverified", lang)


# ---- the canonical record ---------------------------------------------------------------------

def status_label(status: str, lang: str, pack_words: dict) -> str:
    return t(f"screen.status.{status}", lang, **pack_words)


def ranking_entries(screening: Screening, lang: str = "zh", near: NearMisses | None = None,
                    stab: Stability | None = None, limit: int | None = None) -> Iterator[RankingEntry]:
    """One dict per community in rank order (the `ranking` of the JSON output)."""
    table = screening.table if limit is None else screening.table.iloc[:limit]
    by_id = {n.id: n for n in near.items} if near else {}
    why = reasons_for(screening, lang, None if limit is None else slice(0, limit))
    pack_words = screening.report.standard.words(lang)
    labels = {s: status_label(s, lang, pack_words) for s in set(table["status"])}
    shares = stab.share.to_dict() if stab is not None else None
    keys = ("rank", "shared_rank", "tie", "tie_break", "name", "street", "score", "eligible", "status", "picked",
            "unknown_rules", "weakest_aspect", "weakest_share", "strongest_aspect")
    columns = [table.index.tolist()] + [table[k].tolist() for k in keys]  # plain lists: quick to walk
    for i, (cid, rank, shared, tie, tie_break, name, street, score, eligible, status, picked, unknown, weakest_aspect,
            weakest_share, strongest_aspect) in enumerate(zip(*columns, strict=True)):
        item = by_id.get(cid)
        yield {
            "rank": rank,
            "shared_rank": shared,
            "tie": tie,
            "tie_break": tie_break,
            "id": cid,
            "name": name,
            "street": street,
            "score": _number(score),
            "eligible": eligible,
            "status": status,
            "status_label": labels[status],
            "picked": picked,
            "unknown_rules": unknown,
            "weakest_aspect": weakest_aspect,
            "weakest_share": round(weakest_share, 4),
            "strongest_aspect": strongest_aspect,
            "reasons": why[i],
            "to_get_in": near_text(screening, item, lang) if item else None,
            "stability": round(shares.get(cid, 0.0), 4) if shares is not None and eligible else None,
        }


def near_entries(screening: Screening, near: NearMisses, lang: str = "zh") -> list[NearEntry]:
    std = screening.report.standard
    out = []
    for item in near.items:
        row = screening.table.loc[item.id]
        out.append({
            "rank": item.rank, "id": item.id, "name": row["name"], "street": row["street"],
            "score": _number(row["score"]), "eligible": bool(row["eligible"]), "status": item.status,
            "kept_out_by": [blocker_text(screening, c, p, lang) for c, p in item.blockers],
            "gaps": [{"rule": g.rule, "field": g.field, "area": std.rule(g.rule).aspect, "status": g.status,
                      "shortfall": g.amount, "unit": std.unit_label(g.field, lang) or None,
                      "text": gap_text(screening, g, lang)}
                     for g in item.gaps or []],
            "text": near_text(screening, item, lang),
            "gets_in": item.gaps is not None,
            "verified": item.verified,
            "score_after": _number(item.score_after),
            "rank_after": item.rank_after,
            "score_all_gaps_closed": _number(item.score_all),
            "candidate_sets_tried": item.tried,
        })
    return out


def head(screening: Screening, lang: str = "zh", near: NearMisses | None = None, stab: Stability | None = None) -> dict:
    """Everything but the ranking: standard, options, picks, pilot, near misses, stability."""
    std = screening.report.standard
    out = {
        "standard": {"id": std.id, "version": std.version},
        "options": {"top": screening.top, "per_street": screening.per_street,
                    "include": screening.include, "exclude": screening.exclude},
        "order": ["score desc", "unknown_rules asc", "weakest_share desc", "id asc"],
        "selected": list(screening.selected),
        "pilot": {"id": screening.pilot, "reason": pilot_text(screening, lang)} if screening.pilot else None,
    }
    if screening.quota is not None:  # only when asked for: outputs without a quota stay as they were
        quota = screening.quota
        out["quota"] = {"share": quota.share, "rounding": quota.rounding, "per_street": quota.per_street,
                        "eligible": screening.eligible_count, "picks": screening.top,
                        "text": quota_text(screening, lang)}
    if near is not None:
        out["near_misses"] = near_entries(screening, near, lang)
        out["near_misses_not_listed"] = near.more
    if stab is not None:
        out["stability"] = {"draws": stab.draws, "spread": stab.spread, "seed": stab.seed,
                            "picked_share": {cid: round(float(v), 4) for cid, v in stab.share.items()}}
    return out


def _number(value):
    if value is None or pd.isna(value):
        return None
    value = float(value)
    return int(value) if value.is_integer() else round(value, 2)
