"""The screening in words, and the canonical record every screen format renders (JSON, CSV, XLSX and
the terminal all read these dicts, so they never disagree)."""

from __future__ import annotations

from json.encoder import encode_basestring
from typing import Iterator, NamedTuple, TypedDict

import numpy as np
import pandas as pd

from jingpin_cli.arrays import aligned
from jingpin_cli.results.audit.eligibility import CODES as ELIGIBILITY_CODES
from jingpin_cli.results.audit.eligibility import ineligibility, reason_text
from jingpin_cli.results.audit.index import group_codes, group_values
from jingpin_cli.results.screen.near_miss import Gap, NearMiss, NearMisses, held_back
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, PICKED, STREET_FULL, Screening
from jingpin_cli.results.screen.stability import Stability
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import VETO
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
    """Why each community is in or out (rows: positions in rank order; default all)."""
    return Reasons(screening, lang, rows).lists()


class Reasons:
    """Why each community is in or out (rows: positions in rank order; default all), worded once per
    distinct cause: what makes a community ineligible once per combination of its veto and gate
    statuses, what else keeps it out (the street cap, the cut) once per distinct score and
    standing; a pick is worded on its own (there are --top of them), and a tie adds its sentence
    per row (it names the community tied with).

    A row's reasons are its `ineligible` list (by `e_codes`), then its `held` list (by `c_codes`),
    then its tie sentence (`ties`, or None); a row in `own` (excluded, picked) has that list
    instead of the first two. lists(), joined() and json() assemble the rows from them."""

    def __init__(self, screening: Screening, lang: str, rows=None):
        report = screening.report
        table = screening.table if rows is None else screening.table.iloc[rows]
        n = len(table)
        at = report.summary.index.get_indexer(table.index)  # each row's position in the report
        said: dict = {}  # (code, params) -> its text

        def worded(blocks) -> list[str]:
            return [_blocker_once(said, screening, code, params, lang) for code, params in blocks]

        # ineligibility (results.audit.eligibility), once per distinct input
        self.e_codes, first = group_codes(_eligibility_columns(screening, at), n)
        reasons = ineligibility(report.standard, report.outcomes, report.summary.iloc[at[first]])
        self.ineligible = [worded(blocks) for blocks in reasons]
        # the street cap and the cut (near_miss.held_back), once per distinct standing; whether the
        # row is eligible is read only when there are no places at all
        empty = np.array([not blocks for blocks in reasons], dtype=bool)[self.e_codes] if not screening.top \
            else np.zeros(n, dtype=bool)
        self.c_codes, first = group_codes(_standing_columns(screening, table) + [empty], n)
        before = [[None] * (not ok) for ok in empty[first].tolist()]  # a stand-in for the ineligibility
        self.held = [worded(blocks[len(b):]) for blocks, b in
                     zip(held_back(screening, table.iloc[first], [list(b) for b in before]), before, strict=True)]
        status = table["status"].to_numpy(dtype=object)
        self.own: dict[int, list[str]] = dict.fromkeys(np.flatnonzero(status == EXCLUDED).tolist(),
                                                       [t("screen.reason.excluded", lang)])
        picks = np.flatnonzero((status == PICKED) | (status == INCLUDED))
        self.own.update(zip(picks.tolist(), _pick_reasons(screening, table.iloc[picks], lang), strict=True))
        self.ties = _tie_sentences(screening, table, lang)

    def lists(self) -> list[list[str]]:
        own = self.own
        return [(list(own[i]) if i in own else self.ineligible[e] + self.held[c]) + ([tie] if tie is not None else [])
                for i, (e, c, tie) in enumerate(zip(self.e_codes.tolist(), self.c_codes.tolist(), self.ties,
                                                    strict=True))]

    def joined(self, between: str) -> list[str]:
        """Each row's reasons joined by `between` (CSV, XLSX)."""
        return self._assembled(between, between.join, lambda tie: tie, "", "")

    def json(self) -> list[str]:
        """Each row's reasons as json.dumps writes the list (one line, ensure_ascii=False)."""
        return self._assembled(", ", lambda reasons: ", ".join(map(encode_basestring, reasons)), encode_basestring,
                               "[", "]")

    def _assembled(self, between: str, text, tie_text, opening: str, closing: str) -> list[str]:
        """Each row as opening + its parts joined by `between` + closing: each part's text made once
        per code by text(its list of reasons), None for an empty list; a tie by tie_text(sentence)."""
        def texts(lists):
            return [text(r) if r else None for r in lists]

        ineligible, held = texts(self.ineligible), texts(self.held)
        own = dict(zip(self.own, texts(self.own.values()), strict=True))
        out = []
        for i, (e, c, tie) in enumerate(zip(self.e_codes.tolist(), self.c_codes.tolist(), self.ties, strict=True)):
            parts = [own[i]] if i in own else [ineligible[e], held[c]]
            if tie is not None:
                parts.append(tie_text(tie))
            out.append(opening + between.join([p for p in parts if p is not None]) + closing)
        return out


def _eligibility_columns(screening: Screening, at: np.ndarray) -> list:
    """Every per-row value ineligibility reads (rows at report positions `at`): its veto statuses,
    gates and minimums. Floats by their bits (-0.0 is not 0.0)."""
    report, std = screening.report, screening.report.standard
    summary = report.summary
    cols = [aligned(report.outcomes[r.id].status, summary.index).iloc[at]
            for r in std.rules if KINDS[r.kind].ROLE == VETO]
    cols += [summary[f"gate.{g.id}"].iloc[at] for g in std.gates]
    minimum = std.eligibility
    if minimum.min_score is not None:
        cols.append(_bits(summary["score"])[at])
    if minimum.min_stars is not None:
        cols.append(_bits(summary["stars"])[at])
    if minimum.min_grade is not None:
        cols.append(summary["grade"].iloc[at])
    return cols or [np.zeros(len(at), dtype=np.int64)]


def _standing_columns(screening: Screening, table: pd.DataFrame) -> list:
    """Every per-row value held_back reads: status, street and its cap where the street is full,
    and where the row stands against the cut."""
    status = table["status"].to_numpy(dtype=object)
    street_full = status == STREET_FULL
    cols = [status, table["vetoed"].to_numpy(dtype=bool),
            np.where(street_full, table["street"].to_numpy(dtype=object), None), _bits(table["score"])]
    caps = screening.caps()
    if isinstance(caps, np.ndarray):
        cols.append(np.where(street_full, caps[_positions(screening, table)], -1))
    cut = screening.cut
    if cut is not None:
        after = table["rank"].to_numpy() > int(cut["rank"])
        level = after & (table["score"].to_numpy() >= float(cut["score"]))  # tied with the cut: which key parts them
        cols += [after, level & (table["unknown_rules"].to_numpy() != int(cut["unknown_rules"])),
                 level & (table["weakest_share"].to_numpy() != float(cut["weakest_share"]))]
    return cols


def _positions(screening: Screening, table: pd.DataFrame) -> np.ndarray:
    return screening.table.index.get_indexer(table.index)


def _bits(column: pd.Series) -> np.ndarray:
    return column.to_numpy(dtype="float64", na_value=np.nan).view(np.int64)


def _pick_reasons(screening: Screening, picks: pd.DataFrame, lang: str) -> list[list[str]]:
    """Why each pick is in (--include, its score and rank, its strongest and weakest aspects)."""
    titles = {a.id: aspect_title(screening, a.id, lang) for a in screening.report.standard.aspects}
    capped = screening.per_street is not None
    included = t("screen.reason.included", lang)
    out = []
    columns = (picks[k].tolist() for k in ("status", "street", "score", "rank", "strongest_aspect", "strongest_share",
                                           "weakest_aspect", "weakest_share"))
    for status, street, score, rank, strong, strong_share, weak, weak_share in zip(*columns, strict=True):
        row = [included] if status == INCLUDED else []
        if pct(strong_share) == pct(weak_share):  # every aspect alike (or one aspect): no strongest and weakest
            row.append(t("screen.reason.picked_even", lang, score=num(score), rank=rank, share=pct(weak_share)))
        else:
            row.append(t("screen.reason.picked", lang, score=num(score), rank=rank, strong=titles[strong],
                         strong_pct=pct(strong_share), weak=titles[weak], weak_pct=pct(weak_share)))
        if capped and street is None:
            row.append(t("screen.reason.no_street", lang, **screening.report.standard.words(lang)))
        out.append(row)
    return out


def _tie_sentences(screening: Screening, table: pd.DataFrame, lang: str) -> list[str | None]:
    """“与 第8136社区 同分，按…排序” per row broken from a tie, else None: the sentence is worded once
    per key with a marker where the name goes, and the names put in."""
    marker = "\x00"
    parts = {k: t("screen.reason.tie", lang, other=marker, by=t(f"screen.key.{k}", lang)).split(marker)
             for k in ("unknown", "weakest", "id")}
    tied_names = screening.table["name"].reindex(table["tied_with"]).tolist()
    return [None if key is None else str(name).join(parts[key])
            for key, name in zip(table["tie_break"].tolist(), tied_names, strict=True)]


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
    columns, why = ranking_columns(screening, lang, near, stab, limit)
    columns["reasons"] = why.lists()
    keys = list(columns)
    for values in zip(*columns.values(), strict=True):
        yield dict(zip(keys, values, strict=True))


def ranking_columns(screening: Screening, lang: str = "zh", near: NearMisses | None = None,
                    stab: Stability | None = None, limit: int | None = None) -> tuple[dict[str, list], Reasons]:
    """The ranking_entries as columns, key -> value per row (in RankingEntry's order; "reasons" is
    None here, given by the Reasons beside): each value converted once per distinct value of its
    column, for the formats that write every community."""
    table = screening.table if limit is None else screening.table.iloc[:limit]
    why = Reasons(screening, lang, None if limit is None else slice(0, limit))
    pack_words = screening.report.standard.words(lang)
    labels = {s: status_label(s, lang, pack_words) for s in set(table["status"])}
    ids = table.index.tolist()
    eligible = table["eligible"].tolist()
    columns = {k: table[k].tolist() for k in ("rank", "shared_rank", "tie", "tie_break")}
    columns["id"] = ids
    columns |= {k: table[k].tolist() for k in ("name", "street")}
    columns["score"] = _each(table["score"], _number)
    columns["eligible"] = eligible
    columns["status"] = table["status"].tolist()
    columns["status_label"] = [labels[s] for s in columns["status"]]
    columns |= {k: table[k].tolist() for k in ("picked", "unknown_rules", "weakest_aspect")}
    columns["weakest_share"] = _each(table["weakest_share"], lambda share: round(share, 4))
    columns["strongest_aspect"] = table["strongest_aspect"].tolist()
    columns["reasons"] = [None] * len(ids)
    to_get_in = [None] * len(ids)
    if near:
        at = {cid: i for i, cid in enumerate(ids)}
        for item in near.items:
            if item.id in at:
                to_get_in[at[item.id]] = near_text(screening, item, lang)
    columns["to_get_in"] = to_get_in
    if stab is None:
        columns["stability"] = [None] * len(ids)
    else:
        shares = stab.share.to_dict()
        columns["stability"] = [round(shares.get(cid, 0.0), 4) if ok else None
                                for cid, ok in zip(ids, eligible, strict=True)]
    return columns, why


def _each(column: pd.Series, convert) -> list:
    """convert(value) per row of a float column, computed once per distinct value (index.group_values)."""
    values = column.to_numpy(dtype="float64")
    codes, first = group_values(values)
    converted = [convert(v) for v in values[first].tolist()]
    return [converted[c] for c in codes.tolist()]


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
