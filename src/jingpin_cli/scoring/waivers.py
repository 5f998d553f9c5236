"""Waivers (豁免): one rule waived for one community, with a reason, an approver and an expiry date.

A waiver file is YAML, a list under `waivers:` (or a bare list); every key is required:

    waivers:
      - community: "130602001"        # 社区编码 (id)
        rule: svc.service_area        # rule id, see `jingpin standards list`
        reason: 新服务中心 2027 年 6 月交付
        approver: 区委组织部 张三
        expires: 2027-06-30           # valid through this day

A waived finding still appears in every report, with status `waived`, and earns the rule's full
points; the score without waivers is kept beside the score (`score_without_waivers`). An expired or
malformed waiver is an error. Values are read as written (no YAML typing), so `community: 0123`
stays "0123"."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date
from difflib import get_close_matches
from pathlib import Path

import yaml

from jingpin_cli.arrays import plain
from jingpin_cli.errors import InputError, Location, Problem, hint_from
from jingpin_cli.rules import KINDS
from jingpin_cli.rules.base import BONUS, NOT_APPLICABLE, PASS, WAIVED, Outcome
from jingpin_cli.safe_yaml import compose, duplicate_keys, mapping, position
from jingpin_cli.text.messages import t

KEYS = {  # canonical key -> the names a user may write
    "community": ("community", "社区", "社区编码"),
    "rule": ("rule", "规则"),
    "reason": ("reason", "原因", "理由"),
    "approver": ("approver", "批准人", "审批人"),
    "expires": ("expires", "有效期至", "到期日"),
}
_NAMES = {name: key for key, names in KEYS.items() for name in names}
# A waiver is a temporary exception (a room being built, a post being filled): one valid for longer
# than this is almost always a placeholder date (9999-12-31) that would waive the rule for good.
LONGEST_YEARS = 5
_DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$")


@dataclass(frozen=True)
class Waiver:
    community: str
    rule: str
    reason: str
    approver: str
    expires: date
    where: Location  # the entry in the waiver file

    def record(self) -> dict:
        return {"reason": self.reason, "approver": self.approver, "expires": self.expires.isoformat(),
                "file": self.where.file, "line": self.where.line}


def read_waivers(path: str | Path, standard, today: date | None = None) -> tuple[list[Waiver], list[Problem]]:
    """The usable waivers of a file and every problem with it (errors and warnings), not only the first.

    A waiver with a problem is not used: an expired one, or one naming a rule the standard lacks."""
    path = Path(path)
    if not path.exists():
        return [], [Problem("not_found", Location(str(path)))]
    doc, problems = compose(path)
    if doc is None:
        return [], problems
    problems += duplicate_keys(doc)
    root = doc.root
    top = mapping(root)
    if top is not None and "waivers" in top:
        root = top["waivers"][1]
        for name, (key_node, _) in top.items():  # anything beside waivers: is a typo or a misplaced entry
            if name != "waivers":
                problems.append(Problem("waiver_unknown_key", Location(doc.file, column=name, **position(key_node)),
                                        {"name": name, **hint_from([])}))
    if root is None or (isinstance(root, yaml.ScalarNode) and root.value == ""):
        return [], problems  # an empty waiver file waives nothing
    if not isinstance(root, yaml.SequenceNode):
        return [], problems + [Problem("waiver_file", Location(doc.file, **position(root)))]
    today = today or date.today()
    waivers: list[Waiver] = []
    for node in root.value:
        waiver, found = _entry(node, doc.file, standard, today)
        problems += found
        if waiver is not None:
            waivers.append(waiver)
    return _without_duplicates(waivers, problems)


def load_waivers(path: str | Path, standard, today: date | None = None) -> tuple[list[Waiver], list[Problem]]:
    """For a command's `--waivers FILE`: the waivers and their warnings; any error raises InputError."""
    waivers, problems = read_waivers(path, standard, today)
    if any(p.severity == "error" for p in problems):
        raise InputError(problems)
    return waivers, problems


def _entry(node, file: str, standard, today: date) -> tuple[Waiver | None, list[Problem]]:
    entry = mapping(node)
    where = Location(file, **position(node))
    if entry is None:
        return None, [Problem("waiver_entry", where)]
    values, names, problems = {}, {}, []
    for name, (key_node, value_node) in entry.items():
        key = _NAMES.get(name.strip())
        if key is None:
            close = get_close_matches(name, list(_NAMES), n=1, cutoff=0.5)
            problems.append(Problem("waiver_unknown_key", Location(file, column=name, **position(key_node)),
                                    {"name": name, **hint_from(close)}))
            continue
        if key in names:  # community: and 社区: in one entry: neither may silently win
            problems.append(Problem("waiver_same_key", Location(file, column=name, **position(key_node)),
                                    {"name": name, "other": names[key]}))
        names[key] = name
        if _given(value_node):
            values[key] = (value_node.value.strip(), Location(file, column=name, **position(value_node)))
    for key in KEYS:
        if key not in values:
            problems.append(Problem("waiver_missing", where, {"name": key}))
    if "expires" in values:
        text, at = values["expires"]
        expires = _date(text)
        if expires is None:
            problems.append(Problem("waiver_bad_date", at, {"value": text}))
        elif expires < today:
            problems.append(Problem("waiver_expired", at, {"expires": expires.isoformat(),
                                                           "community": values.get("community", ("?",))[0],
                                                           "rule": values.get("rule", ("?",))[0]}))
        elif expires > _years_after(today, LONGEST_YEARS):
            problems.append(Problem("waiver_long", at, {"expires": expires.isoformat(), "years": LONGEST_YEARS},
                                    "warning"))
    if "rule" in values:
        problems += _rule_problems(values["rule"], standard)
    if any(p.severity == "error" for p in problems):
        return None, problems
    return Waiver(values["community"][0], values["rule"][0], values["reason"][0], values["approver"][0],
                  _date(values["expires"][0]), where), problems


def _years_after(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year that has none
        return day.replace(year=day.year + years, day=28)


def _given(node) -> bool:
    """A value was written: not blank and not YAML's null (`~`, `null`), which would read as the text "~"."""
    return (isinstance(node, yaml.ScalarNode) and bool(node.value.strip())
            and not (not node.style and node.tag.endswith(":null")))  # plain style: None, or "" from libyaml


def _rule_problems(value: tuple[str, Location], standard) -> list[Problem]:
    rule_id, at = value
    ids = [r.id for r in standard.rules]
    if rule_id not in ids:
        close = get_close_matches(rule_id, ids, n=1, cutoff=0.5)
        return [Problem("waiver_unknown_rule", at, {"rule": rule_id, **hint_from(close)})]
    if KINDS[standard.rule(rule_id).kind].ROLE == BONUS:  # a bonus is extra credit: there is no shortfall to excuse
        return [Problem("waiver_not_waivable", at, {"rule": rule_id})]
    return []


def _without_duplicates(waivers: list[Waiver], problems: list[Problem]):
    """The same community and rule twice: two approvals for one gap is ambiguous, so neither is used."""
    first: dict[tuple[str, str], Waiver] = {}
    dup: set[tuple[str, str]] = set()
    for w in waivers:
        key = (w.community, w.rule)
        if key in first:
            dup.add(key)
            problems.append(Problem("waiver_duplicate", w.where, {"community": w.community, "rule": w.rule,
                                                                  "other": first[key].where.line}))
        else:
            first[key] = w
    return [w for w in waivers if (w.community, w.rule) not in dup], problems


def _date(text: str) -> date | None:
    m = _DATE.match(text)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


# ---- applying waivers to outcomes ---------------------------------------------------------------

def apply_waivers(outcomes: dict[str, Outcome], waivers: list[Waiver], standard) -> dict[str, Outcome]:
    """The outcomes with each waived (community, rule) that does not already pass set to `waived`,
    earning the rule's full points. One column operation per waived rule; the input is not changed."""
    by_rule: dict[str, list[str]] = {}
    for w in waivers:
        by_rule.setdefault(w.rule, []).append(w.community)
    out = dict(outcomes)
    for rule_id, ids in by_rule.items():
        o = outcomes[rule_id]
        hit = o.status.index.isin(ids) & ~o.status.isin([PASS, NOT_APPLICABLE]).to_numpy()
        if hit.any():
            full = float(standard.rule(rule_id).points)
            out[rule_id] = replace(o, status=o.status.mask(hit, WAIVED), points=o.points.mask(hit, full))
    return out


@dataclass
class Applied:
    """What the waivers did to a report: which (community, rule) they cover and the outcomes before."""

    waivers: dict[tuple[str, str], Waiver]
    before: dict[str, Outcome]
    problems: list[Problem]  # warnings: a waiver for a community not in the data, or one not needed

    def annotate(self, finding: dict, report, rule, cid: str, lang: str) -> None:
        """A waived finding keeps the gap it excuses, plus who approved it, why and until when."""
        waiver = self.waivers[(cid, rule.id)]
        before = self.before[rule.id]
        was = before.status.at[cid]
        finding["status_without_waiver"] = was
        if before.shortfall is not None and was != PASS:
            finding["shortfall"] = plain(before.shortfall.at[cid])
        finding["points_without_waiver"] = float(before.points.at[cid])
        finding["waiver"] = waiver.record()
        gap = KINDS[rule.kind].message(rule, {**finding, "status": was}, report.standard, lang)
        finding["message"] = gap + t("waiver.note", lang, reason=waiver.reason, approver=waiver.approver,
                                     expires=waiver.expires.isoformat())


def waiver_problems(waivers: list[Waiver], before: dict[str, Outcome], index) -> list[Problem]:
    """Warnings about waivers that did nothing: a community not in the data, a rule already met."""
    problems = []
    for w in waivers:
        if w.community not in index:
            close = get_close_matches(w.community, [str(i) for i in index], n=1, cutoff=0.6)
            problems.append(Problem("waiver_unknown_community", w.where, {"community": w.community, **hint_from(close)},
                                    "warning"))
        elif before[w.rule].status.at[w.community] in (PASS, NOT_APPLICABLE):
            problems.append(Problem("waiver_unused", w.where, {"community": w.community, "rule": w.rule}, "warning"))
    return problems


def applied(waivers: list[Waiver], before: dict[str, Outcome], after: dict[str, Outcome], index) -> Applied:
    """What the waivers did: the (community, rule) pairs they turned to `waived`, and the warnings."""
    active = {(w.community, w.rule): w for w in waivers
              if w.community in index and after[w.rule].status.at[w.community] == WAIVED}
    return Applied(active, before, waiver_problems(waivers, before, index))
