"""The report's date, one rule for every format that states one (the Word reports, the workbooks'
说明 sheet)."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone


def report_date(given: str | None) -> date:
    """The report's date: the one given (ISO), else SOURCE_DATE_EPOCH (reproducible builds: the same
    input gives the same file), else today."""
    if given:
        return date.fromisoformat(given)
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), timezone.utc).date()
    return date.today()
