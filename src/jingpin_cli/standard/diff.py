"""What one standards pack changes against another: rules, thresholds, points, grades, labels, fields.

Lists whose items carry an id (rules, aspects and their tasks, gates, grades, fields) are compared
by id, so a reordered list is no change and an added rule is one line, not twenty."""

from __future__ import annotations

import json
from dataclasses import dataclass
from types import SimpleNamespace

from jingpin_cli.standard.models import Standard
from jingpin_cli.text.messages import pick, t
from jingpin_cli.text.words import PACK_SECTIONS

ID_KEYS = ("id", "key")
ADDED, REMOVED, CHANGED = "added", "removed", "changed"


@dataclass(frozen=True)
class Change:
    change: str  # added | removed | changed
    path: tuple  # e.g. ("rules", "svc.service_area", "min")
    old: object = None
    new: object = None

    @property
    def section(self) -> str:
        return self.path[0]

    def dotted(self) -> str:
        out = str(self.path[0])
        for part in self.path[1:]:
            out += f"[{part}]" if _is_item(part) else f".{part}"
        return out

    def as_dict(self) -> dict:
        return {"change": self.change, "path": self.dotted(), "old": self.old, "new": self.new}


class _ItemId(str):
    """An id inside an id-keyed list (rendered in brackets)."""


def _is_item(part) -> bool:
    return isinstance(part, _ItemId)


def diff_standards(a: Standard, b: Standard) -> list[Change]:
    """Every difference from `a` to `b`, in the order of b's file (then what only a has)."""
    return _compare(a.model_dump(mode="json"), b.model_dump(mode="json"), ())


def _compare(old, new, path: tuple) -> list[Change]:
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in list(new) + [k for k in old if k not in new]:
            if key not in old:
                changes.append(Change(ADDED, path + (key,), None, new[key]))
            elif key not in new:
                changes.append(Change(REMOVED, path + (key,), old[key], None))
            else:
                changes += _compare(old[key], new[key], path + (key,))
        return changes
    if _id_list(old) and _id_list(new):
        return _compare(_by_id(old), _by_id(new), path)
    return [] if old == new else [Change(CHANGED, path, old, new)]


def _id_key(item) -> str | None:
    return next((k for k in ID_KEYS if isinstance(item, dict) and k in item), None)


def _id_list(value) -> bool:
    return isinstance(value, list) and bool(value) and all(_id_key(v) for v in value)


def _by_id(items: list) -> dict:
    return {_ItemId(item[_id_key(item)]): item for item in items}


# ---- rendering --------------------------------------------------------------------------------

def render_json(a: Standard, b: Standard, changes: list[Change]) -> str:
    """`jingpin standards diff --format json`: the two packs and every change."""
    body = {"old": {"id": a.id, "version": a.version}, "new": {"id": b.id, "version": b.version},
            "changes": [c.as_dict() for c in changes]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def render_text(a: Standard, b: Standard, changes: list[Change], lang: str = "zh") -> str:
    lines = [f"{a.id} {a.version} → {b.id} {b.version}"]
    if not changes:
        lines.append(t("standards_diff.none", lang))
        return "\n".join(lines) + "\n"
    counts = {k: sum(1 for c in changes if c.change == k) for k in (ADDED, REMOVED, CHANGED)}
    lines.append(t("standards_diff.counts", lang,
                   added=counts[ADDED], removed=counts[REMOVED], changed=counts[CHANGED]))
    section = None
    for c in changes:
        if c.section != section:
            section = c.section
            lines.append("")
            lines.append(t("standards_diff.section", lang, name=PACK_SECTIONS.get(section, section), key=section))
        mark = {ADDED: "+", REMOVED: "-", CHANGED: "~"}[c.change]
        if c.change == CHANGED:
            lines.append(f"  {mark} {c.dotted()}: {_show(c.old)} → {_show(c.new)}")
        else:
            lines.append(f"  {mark} {c.dotted()}  {_summary(c.new if c.change == ADDED else c.old, lang)}")
    return "\n".join(lines) + "\n"


def _show(value) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items() if v is not None) + "}"
    return str(value)


def _summary(value, lang: str) -> str:
    """An added or removed item in a few words: its label, kind and points where it has them."""
    if not isinstance(value, dict):
        return _show(value)
    label = pick(SimpleNamespace(zh=value.get("zh") or "", en=value.get("en")), lang)
    extra = [str(value[k]) for k in ("kind", "type") if value.get(k)]
    if value.get("points"):
        extra.append(t("standards_diff.points", lang, points=_show(value["points"])))
    return f"{label} ({', '.join(extra)})" if extra else label
