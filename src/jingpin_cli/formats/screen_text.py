"""The screening in words, and the canonical record every screen format renders (JSON, CSV, XLSX and
the terminal all read these dicts, so they never disagree)."""

from __future__ import annotations

from typing import Iterator

import pandas as pd

from jingpin_cli.i18n import pick, t
from jingpin_cli.near_miss import Gap, NearMiss, NearMisses, blockers
from jingpin_cli.rules.base import UNKNOWN, num, quantity
from jingpin_cli.screening import EXCLUDED, INCLUDED, PICKED, Screening
from jingpin_cli.stability import Stability


def pct(share: float) -> str:
    return f"{num(round(float(share) * 100, 1))}%"


def aspect_title(screening: Screening, aspect_id: str, lang: str) -> str:
    return pick(screening.report.standard.aspect(aspect_id), lang)


def sep(lang: str) -> str:
    return "; " if lang == "en" else "；"


# ---- why a community is in or out ------------------------------------------------------------

def reasons(screening: Screening, cid: str, lang: str, near: NearMiss | None = None) -> list[str]:
    row = screening.table.loc[cid]
    out = []
    status = row["status"]
    if status == INCLUDED:
        out.append(t("screen.reason.included", lang))
    if status in (PICKED, INCLUDED):
        out.append(picked_reason(screening, cid, lang))
        if screening.per_street is not None and row["street"] is None:
            out.append(t("screen.reason.no_street", lang))
    elif status == EXCLUDED:
        out.append(t("screen.reason.excluded", lang))
    else:
        out += [blocker_text(screening, code, params, lang) for code, params in blockers(screening, cid)]
    if row["tie_break"] is not None:
        other = screening.table.at[row["tied_with"], "name"]
        out.append(t("screen.reason.tie", lang, other=other, by=t(f"screen.key.{row['tie_break']}", lang)))
    if near is not None:
        out.append(near_text(screening, near, lang))
    return out


def picked_reason(screening: Screening, cid: str, lang: str) -> str:
    row = screening.table.loc[cid]
    return t("screen.reason.picked", lang, score=num(row["score"]), rank=int(row["rank"]),
             strong=aspect_title(screening, row["strongest_aspect"], lang), strong_pct=pct(row["strongest_share"]),
             weak=aspect_title(screening, row["weakest_aspect"], lang), weak_pct=pct(row["weakest_share"]))


def blocker_text(screening: Screening, code: str, params: dict, lang: str) -> str:
    std = screening.report.standard
    if code in ("veto", "veto_unknown"):
        return t(f"screen.reason.{code}", lang, field=pick(std.field(params["field"]), lang))
    if code in ("gate_fail", "gate_unknown"):
        titles = [pick(g, lang) for g in std.gates if g.id in params["gates"]]
        return t(f"screen.reason.{code}", lang, gate=(", " if lang == "en" else "、").join(titles))
    if code == "street_full":
        return t("screen.reason.street_full", lang, street=params["street"], k=params["k"])
    if code == "below_cut":
        return t("screen.reason.below_cut", lang, score=num(params["score"]), cut=num(params["cut"]), diff=num(params["diff"]))
    return t("screen.reason.tie_cut", lang, score=num(params["score"]), by=t(f"screen.key.{params['key']}", lang))


def pilot_text(screening: Screening, lang: str) -> str | None:
    if screening.pilot is None:
        return None
    row = screening.table.loc[screening.pilot]
    return t("screen.pilot", lang, name=row["name"], id=screening.pilot, weak=aspect_title(screening, row["weakest_aspect"], lang),
             weak_pct=pct(row["weakest_share"]), score=num(row["score"]), rank=int(row["rank"]))


# ---- the gaps to close ------------------------------------------------------------------------

def gap_text(screening: Screening, gap: Gap, lang: str) -> str:
    std = screening.report.standard
    label = pick(std.field(gap.field), lang)
    unit = std.unit_label(gap.field, lang)
    blank = gap.status == UNKNOWN
    if gap.kind == "checklist":
        return t("screen.gap.fill_item" if blank else "screen.gap.add", lang, label=label)
    if gap.kind in ("boolean", "veto"):
        if blank:
            need = ("yes" if gap.target else "no") if lang == "en" else ("是" if gap.target else "否")
            return t("screen.gap.fill_yes_no", lang, label=label, need=need)
        return t("screen.gap.set_yes" if gap.target else "screen.gap.set_no", lang, label=label)
    if blank or gap.amount is None:
        return t("screen.gap.fill_value", lang, label=label, need=quantity(gap.target, unit))
    if gap.kind == "rate":
        return t("screen.gap.raise_rate", lang, label=label, amount=num(gap.amount))
    if gap.kind == "scaled":
        return t("screen.gap.raise_score", lang, label=label, amount=num(gap.amount))
    return t("screen.gap.raise", lang, label=label, amount=quantity(gap.amount, unit))


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
    text = t(key, lang, gaps=gaps_text(screening, near, lang), top=top, score=num(near.score_after), rank=near.rank_after)
    return text if near.verified else text + t("screen.gap.unverified", lang)


# ---- the canonical record ---------------------------------------------------------------------

def status_label(status: str, lang: str) -> str:
    return t(f"screen.status.{status}", lang)


def ranking_entries(screening: Screening, lang: str = "zh", near: NearMisses | None = None,
                    stab: Stability | None = None, limit: int | None = None) -> Iterator[dict]:
    """One dict per community in rank order (the `ranking` of the JSON output)."""
    table = screening.table if limit is None else screening.table.iloc[:limit]
    by_id = {n.id: n for n in near.items} if near else {}
    for cid, row in zip(table.index, table.itertuples(index=False)):
        item = by_id.get(cid)
        yield {
            "rank": int(row.rank),
            "shared_rank": int(row.shared_rank),
            "tie": bool(row.tie),
            "tie_break": row.tie_break,
            "id": cid,
            "name": row.name,
            "street": row.street,
            "score": _number(row.score),
            "eligible": bool(row.eligible),
            "status": row.status,
            "status_label": status_label(row.status, lang),
            "picked": bool(row.picked),
            "unknown_rules": int(row.unknown_rules),
            "weakest_aspect": row.weakest_aspect,
            "weakest_share": round(float(row.weakest_share), 4),
            "strongest_aspect": row.strongest_aspect,
            "reasons": reasons(screening, cid, lang),
            "to_get_in": near_text(screening, item, lang) if item else None,
            "stability": round(stab.kept(cid), 4) if stab is not None and row.eligible else None,
        }


def near_entries(screening: Screening, near: NearMisses, lang: str = "zh") -> list[dict]:
    std = screening.report.standard
    out = []
    for item in near.items:
        row = screening.table.loc[item.id]
        out.append({
            "rank": item.rank, "id": item.id, "name": row["name"], "street": row["street"],
            "score": _number(row["score"]), "eligible": bool(row["eligible"]), "status": item.status,
            "kept_out_by": [blocker_text(screening, c, p, lang) for c, p in item.blockers],
            "gaps": [{"rule": g.rule, "field": g.field, "area": std.rule(g.rule).aspect, "status": g.status,
                      "shortfall": g.amount, "unit": std.unit_label(g.field, lang) or None, "text": gap_text(screening, g, lang)}
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
