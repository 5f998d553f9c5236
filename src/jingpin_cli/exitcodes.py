"""Exit codes of the command-line contract (see README), chosen in one place."""

OK = 0  # ran; nothing at or above the chosen failure level
FINDINGS = 1  # ran; findings at or above the failure level
ERROR = 2  # could not run: bad arguments, unreadable input, invalid standard


def for_audit(summary, fail_under: float | None = None, strict: bool = False) -> int:
    """FINDINGS when a community scores below `fail_under`, or (strict) has any gap or unknown."""
    if fail_under is not None and (summary["score"] < fail_under).any():
        return FINDINGS
    if strict and ((summary["gaps"] > 0) | (summary["unknown_rules"] > 0)).any():
        return FINDINGS
    return OK
