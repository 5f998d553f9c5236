"""The terminal view of a survey result: one row per community (on a terminal the first `--rows`),
its respondent types beneath, each rate with its 95 % interval, coloured by whether the whole
interval clears the standard."""

from __future__ import annotations

import math
from dataclasses import replace

from rich.console import Group
from rich.table import Table
from rich.text import Text

from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit.plain import plain_text
from jingpin_cli.records.survey_rates import MEASURES, SurveyResult
from jingpin_cli.results.survey.record import SurveyReport, community_records
from jingpin_cli.text.messages import t
from jingpin_cli.text.words import sep

WIDTH = 140  # -o FILE.txt
NOTES_BESIDE = 120  # narrower than this, a notes column would be squeezed out: the notes go under the table


def view(report: SurveyReport, options: Options = PLAIN):
    result, standard = report
    lang = options.lang
    beside = options.width_or(WIDTH) >= NOTES_BESIDE
    table = Table(title=t("survey.title", lang), header_style="bold", pad_edge=False)
    for key, justify in (("name", "left"), ("group", "left"), ("respondents", "right")):
        table.add_column(t(f"survey.col.{key}", lang), justify=justify, no_wrap=True)
    for m in MEASURES:
        table.add_column(t(f"survey.measure.{m}", lang), justify="right", no_wrap=True)
    if beside:
        table.add_column(t("survey.col.notes", lang), overflow="fold", ratio=1, min_width=12)
    below = []  # (narrow terminals) each community's notes, wrapped under the table
    communities = community_records(result, standard, lang)
    shown = communities[:options.rows] if 0 < options.rows < len(communities) else communities
    for c in shown:
        name = c["name"] or c["id"]
        notes = sep(lang).join(c["notes"])
        table.add_row(Text(name, "bold"), t("survey.col.all", lang), str(c["respondents"]),
                      *[_rate(c[m]) for m in MEASURES], *([Text(notes, "yellow")] if beside else []))
        if notes and not beside:
            below.append(Text(f"{name}{sep(lang, 'colon')}{notes}", "yellow"))
        for g in c["by_type"]:
            table.add_row("", Text(g["type"], "dim"), Text(str(g["respondents"]), "dim"),
                          *[_rate(g[m], dim=True) for m in MEASURES], *([""] if beside else []))
    if below:
        below.insert(0, Text(t("survey.col.notes", lang), "bold"))
    if len(shown) < len(communities):  # a terminal is no place for every community of a province
        below.append(Text(t("survey.rows_hidden", lang, shown=len(shown), hidden=len(communities) - len(shown),
                            total=len(communities))))
    return Group(table, *below, *[Text(line) for line in footer(result, standard, lang)])


def _rate(x: dict, dim: bool = False) -> Text:
    if x["rate"] is None:
        return Text("—", "dim")
    style = "green" if x["surely_meets"] else "yellow" if x["meets"] else "red" if x["meets"] is not None else ""
    text = Text(f"{x['rate']:.1f}%", f"dim {style}" if dim else style)
    text.append(f" [{math.floor(x['low'])}–{math.ceil(x['high'])}]", "dim")
    return text


def footer(result: SurveyResult, standard, lang: str = "zh") -> list[str]:
    """How many rows were read and counted, and what was not counted and why."""
    c = result.counts
    lines = [t("survey.summary", lang, files=c["files"], rows=c["rows"], counted=c["counted"])]
    if c["skipped"]:
        items = sep(lang, "items").join(t(f"survey.skip.{k}", lang, n=n) for k, n in c["skipped"].items())
        lines.append(t("survey.skipped", lang, items=items))
    if c["unknown_answers"] or c["blank_answers"]:
        lines.append(t("survey.answers_not_counted", lang, unknown=c["unknown_answers"], blank=c["blank_answers"]))
    if c["excluded_answers"]:
        lines.append(t("survey.excluded_answers", lang, excluded=c["excluded_answers"],
                       answers="/".join(standard.survey.excluded)))
    lines.append(t("survey.legend", lang))
    return lines


def render(report: SurveyReport, options: Options = PLAIN) -> str:
    """Plain text (no colour) of the same view, for -o FILE.txt: every community (rows ignored)."""
    return plain_text(view(report, replace(options, rows=0)), options.width_or(WIDTH))
