"""Match what users write as a column header or YAML key to a field of the catalog.

Matching ignores surrounding spaces, full-/half-width differences, case, separators such as “·”
and a trailing bracketed unit: `服务用房总面积（平方米）` is `service_area_m2`, read in ㎡."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from jingpin_cli.standard.models import Standard

_SEPARATORS = re.compile(r"[\s·・•\-_/、.]+")
_TRAILING_BRACKET = re.compile(r"^(.*?)\s*[(\[{]([^()\[\]{}]*)[)\]}]\s*$")

# 自评 vs 核查: “服务用房总面积（自评）” is the self-reported value of service_area_m2, kept apart under
# the key `service_area_m2@self`; “（核查）” is the inspected value, the field itself (it is scored).
SELF, INSPECTED = "self", "inspected"
SELF_SUFFIX = "@self"
ROLE_WORDS = {
    SELF: ("自评", "自查", "自报", "自评值", "自评数", "社区自评", "自评情况", "self", "selfreported", "selfassessed"),
    INSPECTED: ("核查", "核实", "核查值", "核查数", "实地核查", "复核", "核查情况", "inspected", "verified", "checked"),
}
_ROLE_OF = {fold_word: role for role, words in ROLE_WORDS.items() for fold_word in words}
_BRACKET = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_ROLE_SUFFIX = re.compile(r"^(.*?)[\s_\-.·]+(self|inspected|自评|核查)$")  # YAML keys: service_area_m2_self


def fold(text: str) -> str:
    """The comparison form of a header, key, unit or answer."""
    return _SEPARATORS.sub("", unicodedata.normalize("NFKC", str(text)).casefold())


@dataclass(frozen=True)
class HeaderMatch:
    field: str | None  # canonical key, or None when unknown / ignored
    ignored: bool = False
    unit_factor: float | None = None  # unit named in the header, as a factor to the canonical unit
    bad_unit: str | None = None  # a unit in brackets that does not fit the field
    suggestion: str | None = None  # closest known name, for an unknown header
    role: str | None = None  # SELF or INSPECTED when the header names one (自评 / 核查)


class HeaderMatcher:
    def __init__(self, standard: Standard):
        self.standard = standard
        self.names: dict[str, str] = {}  # folded name -> key
        for f in standard.fields:
            for name in (f.key, f.zh, f.en, *f.aliases):
                if name:
                    self.names.setdefault(fold(name), f.key)
        self.ignored = {fold(h) for h in standard.ignore_headers}
        self.all_units = {fold(s) for u in standard.units.values() for s in u.accept}
        self.unit_tables = {f.key: unit_table(standard, f.key) for f in standard.fields}
        self._seen: dict[str, HeaderMatch] = {}

    def match(self, header: str) -> HeaderMatch:
        """The field a header or key names (memoised: a folder of record files repeats the same keys)."""
        found = self._seen.get(header)
        if found is None:
            found = self._seen[header] = self._match(header)
        return found

    def _match(self, header: str) -> HeaderMatch:
        folded = fold(header)
        if folded in self.names:
            return HeaderMatch(self.names[folded])
        if folded in self.ignored:
            return HeaderMatch(None, ignored=True)
        role, rest = split_role(header)
        if role is not None:  # before the bracket-note rule below, which would take （自评） for a note
            return self._with_role(self.match(rest), role, rest)
        m = _TRAILING_BRACKET.match(unicodedata.normalize("NFKC", str(header)).strip())
        if m and fold(m.group(1)) in self.names:
            key = self.names[fold(m.group(1))]
            inner = m.group(2).strip()
            factor = self.unit_factor(key, inner)
            if factor is not None:
                return HeaderMatch(key, unit_factor=factor)
            if fold(inner) in self.all_units:
                return HeaderMatch(key, bad_unit=inner)
            return HeaderMatch(key)  # a note in brackets, e.g. 党员人数（含预备党员）
        if m and fold(m.group(1)) in self.ignored:
            return HeaderMatch(None, ignored=True)
        return HeaderMatch(None, suggestion=self.suggest(header))

    def _with_role(self, inner: HeaderMatch, role: str, rest: str) -> HeaderMatch:
        if inner.field is None or inner.bad_unit is not None:  # ignored, unknown, or a unit to report
            return (inner if inner.field is not None or inner.ignored
                    else HeaderMatch(None, suggestion=self.suggest(rest)))
        key = inner.field + SELF_SUFFIX if role == SELF else inner.field
        return HeaderMatch(key, unit_factor=inner.unit_factor, role=role)

    def unit_factor(self, key: str, unit_text: str) -> float | None:
        """The factor of `unit_text` for field `key`, or None if it is not one of the field's units."""
        return self.unit_tables[key].get(fold(unit_text))

    def suggest(self, header: str) -> str | None:
        folded = fold(header)
        close = difflib.get_close_matches(folded, list(self.names), n=1, cutoff=0.5)
        if not close:
            # a header that contains a known label (or is contained in one) is a likely typo too
            close = [n for n in self.names if len(n) > 1 and (n in folded or folded in n)][:1]
        if not close:
            return None
        return self.standard.field(self.names[close[0]]).zh


def unit_table(standard: Standard, key: str) -> dict[str, float]:
    field = standard.field(key)
    if field.unit is None:
        return {}
    return {fold(spelling): factor for spelling, factor in standard.units[field.unit].accept.items()}


def split_role(header: str) -> tuple[str | None, str]:
    """(SELF | INSPECTED | None, the header without the role): `服务用房总面积（自评，㎡）` →
    (SELF, `服务用房总面积(㎡)`); `service_area_m2_inspected` → (INSPECTED, `service_area_m2`)."""
    text = unicodedata.normalize("NFKC", str(header)).strip()
    for m in _BRACKET.finditer(text):
        parts = [p for p in re.split(r"[,，、;；/]", m.group(1)) if p.strip()]
        roles = [_ROLE_OF[fold(p)] for p in parts if fold(p) in _ROLE_OF]
        if len(roles) == 1:
            others = [p.strip() for p in parts if fold(p) not in _ROLE_OF]
            kept = f"({','.join(others)})" if others else ""
            return roles[0], (text[:m.start()] + kept + text[m.end():]).strip()
    m = _ROLE_SUFFIX.match(text.casefold())
    if m and m.group(1):
        return _ROLE_OF[fold(m.group(2))], text[:len(m.group(1))]
    return None, text


def base_key(key: str) -> str:
    """The field a records column belongs to: `service_area_m2@self` → `service_area_m2`."""
    return key.removesuffix(SELF_SUFFIX)
