"""The audit: records × standard → Report (outcomes of every rule, the scored summary, the waivers
applied) with its index; the canonical record is built from it in record.py."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

import pandas as pd

from jingpin_cli.errors import InputError
from jingpin_cli.records.load import load_records
from jingpin_cli.records.model import Records
from jingpin_cli.records.query import resolve
from jingpin_cli.results.audit.index import ReportIndex
from jingpin_cli.rules import Outcome
from jingpin_cli.rules.base import FAIL, PARTIAL, WAIVED
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize
from jingpin_cli.scoring.waivers import Applied, applied, apply_waivers
from jingpin_cli.standard.models import Standard

GAP_STATUSES = (FAIL, PARTIAL)
# A community whose blank data could still earn at least this share of the points it can earn is
# marked 数据不全 beside its grade: its grade says more about the blanks than about the community.
INCOMPLETE_SHARE = 1 / 3


@dataclass
class Report:
    standard: Standard
    records: Records
    outcomes: dict[str, Outcome]
    summary: pd.DataFrame  # one row per community, see scoring.summary.summarize
    waived: Applied | None = None  # set when waivers were applied (jingpin_cli.scoring.waivers)
    index: ReportIndex = field(init=False, repr=False, compare=False)  # what formats read by position

    def __post_init__(self):
        self.index = ReportIndex(self)

    @property
    def ids(self) -> list[str]:
        return list(self.summary.index)

    def find(self, query: str, option: str) -> str:
        """The id of the community named by `query` (id or name); InputError naming `option` if none."""
        ids, problems = resolve(self.records, [query], option)
        if problems:
            raise InputError(problems)
        return ids[0]

    def only(self, cid: str) -> Report:
        """The same report restricted to one community (scores are per community: nothing changes)."""
        keep = self.summary.index == cid
        outcomes = {k: _rows(o, keep) for k, o in self.outcomes.items()}
        records = replace(self.records, frame=self.records.frame[keep], origin=self.records.origin[keep])
        return Report(self.standard, records, outcomes, self.summary[keep], self.waived)  # rate_sources, survey kept


def _rows(outcome: Outcome, keep) -> Outcome:
    return replace(outcome, **{f.name: getattr(outcome, f.name)[keep] for f in fields(outcome)
                               if getattr(outcome, f.name) is not None})


def audit(standard: Standard, folder: str | Path, sheet: str | None = None, waivers=None) -> Report:
    """Load a data folder and score every community against the standard (and `waivers`, if given)."""
    return score_records(standard, load_records(folder, standard, sheet), waivers)


def score_records(standard: Standard, records: Records, waivers=None) -> Report:
    outcomes = evaluate(standard, records.frame)
    summary = mark_incomplete(standard, summarize(standard, outcomes, records.frame.index))
    if not waivers:
        summary["score_without_waivers"] = summary["score"]
        return Report(standard, records, outcomes, summary)
    # waived rules earn full points; the score without them is kept beside
    index = summary.index
    waived = apply_waivers(outcomes, waivers, standard)
    with_waivers = mark_incomplete(standard, summarize(standard, waived, index))
    with_waivers["score_without_waivers"] = summary["score"]
    with_waivers["waived"] = pd.DataFrame({k: o.status.eq(WAIVED) for k, o in waived.items()}, index=index).sum(axis=1)
    return Report(standard, records, waived, with_waivers, waived=applied(waivers, outcomes, waived, index))


def mark_incomplete(standard: Standard, summary: pd.DataFrame) -> pd.DataFrame:
    """Add the column `incomplete`: the points still open in blank rules (unknown_points) are at
    least INCOMPLETE_SHARE of what the community can earn (the total, less rules that drop out)."""
    if "applicable_points" in summary.columns:
        can_earn = summary["applicable_points"]
    else:
        can_earn = float(standard.scoring.total)
    summary["incomplete"] = summary["unknown_points"] >= INCOMPLETE_SHARE * can_earn - 1e-9
    return summary
