"""Rule kinds are code, rules are data. A kind is one module, rules/<kind>.py, offering all that
base.Kind lists: its pydantic model, the field types it reads, evaluate, message, its required value,
how to close a gap and how to word its requirement.

KINDS maps the kind names used in YAML (each model's `kind:` Literal) to those modules. The pack
schema (standard.models: the Rule union and the field-type check) is built from KINDS, so
register(module) is all a new kind needs. Rules may import text, errors and arrays, never standard/
(which imports them) or anything above."""

from __future__ import annotations

from collections.abc import Callable

from jingpin_cli.rules import bonus, boolean, checklist, deduction, level, penalty, rate, scaled, threshold, veto
from jingpin_cli.rules.base import Kind, Outcome
from jingpin_cli.rules.model import kind_name

KINDS: dict[str, Kind] = {}
LISTENERS: list[Callable[[], None]] = []  # told after every change to KINDS (standard.models rebuilds the schema)


def register(kind: Kind) -> Kind:
    """Make a kind module known (under its model's `kind:` name) to the loader and everything after it."""
    KINDS[kind_name(kind.MODEL)] = kind
    for listener in LISTENERS:
        listener()
    return kind


def unregister(name: str) -> None:
    KINDS.pop(name)
    for listener in LISTENERS:
        listener()


for _kind in (threshold, rate, checklist, boolean, scaled, level, veto, bonus, penalty, deduction):
    register(_kind)

__all__ = ["KINDS", "Kind", "Outcome", "register", "unregister"]
