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

    def match(self, header: str) -> HeaderMatch:
        folded = fold(header)
        if folded in self.names:
            return HeaderMatch(self.names[folded])
        if folded in self.ignored:
            return HeaderMatch(None, ignored=True)
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
