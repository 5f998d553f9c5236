"""Rule kinds are code, rules are data. Each kind module offers

    evaluate(rule, frame, standard) -> Outcome    # every community at once, on columns
    message(rule, finding, standard, lang) -> str # one finding in the user's words

and KINDS maps the kind names used in YAML to those modules (tests prove it matches the models)."""

from __future__ import annotations

from jingpin_cli.rules import bonus, boolean, checklist, rate, scaled, threshold, veto
from jingpin_cli.rules.base import Outcome

KINDS = {
    "threshold": threshold,
    "rate": rate,
    "checklist": checklist,
    "boolean": boolean,
    "scaled": scaled,
    "veto": veto,
    "bonus": bonus,
}

__all__ = ["KINDS", "Outcome"]
