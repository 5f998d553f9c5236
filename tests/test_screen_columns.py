"""screen's JSON, CSV and XLSX write every community from columns: each reason worded once per
distinct cause (results.screen.record.Reasons), each value encoded or quoted once per distinct
value. Here every row of that must equal wording and writing each community on its own, as the
formats did before, on crafted folders that reach every kind of reason: a veto, a blank veto
item, a gate not met, a full street, the cut, a tie with the cut, --include, --exclude, a
community with no street, ties between neighbours, and a quota that rounds to no place."""

import json
import math

import pytest
from screen_data import community, report_of

from jingpin_cli.formats import Options
from jingpin_cli.formats.kit.csv import csv_columns, csv_text
from jingpin_cli.formats.kit.distinct import distinct
from jingpin_cli.formats.screen import csv as screen_csv
from jingpin_cli.formats.screen import json as screen_json
from jingpin_cli.results.screen.near_miss import blockers_for, near_misses
from jingpin_cli.results.screen.picking import EXCLUDED, INCLUDED, PICKED, Quota, screen
from jingpin_cli.results.screen.record import (
    Reasons,
    Screened,
    aspect_title,
    blocker_text,
    head,
    ranking_entries,
)
from jingpin_cli.text.messages import t
from jingpin_cli.text.numbers import num, pct
from jingpin_cli.text.words import sep, yes_no


def one_by_one(screening, lang: str, rows=None) -> list[list[str]]:
    """Why each community is in or out, worded community by community (reasons_for as it was)."""
    table = screening.table if rows is None else screening.table.iloc[rows]
    titles = {a.id: aspect_title(screening, a.id, lang) for a in screening.report.standard.aspects}
    names = screening.table["name"]
    blocked = blockers_for(screening, rows)
    out = []
    for i, (_, row) in enumerate(table.iterrows()):
        reasons = [t("screen.reason.included", lang)] if row["status"] == INCLUDED else []
        if row["status"] in (PICKED, INCLUDED):
            if pct(row["strongest_share"]) == pct(row["weakest_share"]):
                reasons.append(t("screen.reason.picked_even", lang, score=num(row["score"]), rank=row["rank"],
                                 share=pct(row["weakest_share"])))
            else:
                reasons.append(t("screen.reason.picked", lang, score=num(row["score"]), rank=row["rank"],
                                 strong=titles[row["strongest_aspect"]], strong_pct=pct(row["strongest_share"]),
                                 weak=titles[row["weakest_aspect"]], weak_pct=pct(row["weakest_share"])))
            if screening.per_street is not None and row["street"] is None:
                reasons.append(t("screen.reason.no_street", lang, **screening.report.standard.words(lang)))
        elif row["status"] == EXCLUDED:
            reasons.append(t("screen.reason.excluded", lang))
        else:
            reasons += [blocker_text(screening, code, params, lang) for code, params in blocked[i]]
        if row["tie_break"] is not None:
            reasons.append(t("screen.reason.tie", lang, other=names[row["tied_with"]],
                             by=t(f"screen.key.{row['tie_break']}", lang)))
        out.append(reasons)
    return out


@pytest.fixture
def folder(standard, tmp_path):
    """Two streets and a community with none; equal scores in pairs (ties), a veto, a blank veto
    item, a gate not met (250 of 300 ㎡), and weaker communities below the cut."""
    rows = [
        community(standard, "J1", "甲一", "甲街道"),
        community(standard, "J2", "甲二", "甲街道"),
        community(standard, "J3", "甲三", "甲街道", camera=False),
        community(standard, "J4", "甲四", "甲街道", police_room=False),
        community(standard, "Y1", "乙一", "乙街道", camera=False),
        community(standard, "Y2", "乙二", "乙街道", science_school=False),
        community(standard, "Y3", "乙三", "乙街道", science_school=False, camera=False),
        community(standard, "N1", "无街道一", None, police_room=False),
        community(standard, "V1", "否决一", "乙街道", major_incident=True),
        community(standard, "V2", "空白一", "甲街道", major_incident=None),
        community(standard, "G1", "场所一", "甲街道", service_area_m2=250),
        community(standard, "G2", "场所二", "乙街道", service_area_m2=250, camera=False),
    ]
    return report_of(standard, tmp_path / "folder", rows)


SCREENINGS = {
    "top 3": {"top": 3},
    "per street": {"top": 4, "per_street": 1},
    "include and exclude": {"top": 3, "include": ["Y3"], "exclude": ["J1"]},
    "capped with include": {"top": 3, "per_street": 2, "include": ["N1"]},
    "quota of no place": {"quota": Quota(share=0.01, rounding="floor")},
    "everyone": {"top": 12},
}


@pytest.mark.parametrize("options", SCREENINGS.values(), ids=SCREENINGS.keys())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reasons_worded_per_cause_equal_each_community_worded_alone(folder, options, lang):
    s = screen(folder, **options)
    want = one_by_one(s, lang)
    assert sum(len(r) for r in want) > len(want)  # several reasons a row: the rows are not trivial
    why = Reasons(s, lang)
    assert why.lists() == want
    assert why.joined(sep(lang)) == [sep(lang).join(r) for r in want]
    assert why.json() == [json.dumps(r, ensure_ascii=False) for r in want]
    for rows in ([3, 0, 7], slice(0, 5), [11]):  # a subset, as the terminal and the near misses ask
        assert Reasons(s, lang, rows).lists() == one_by_one(s, lang, rows)


def test_the_crafted_folder_reaches_every_kind_of_reason(folder):
    said = {code for options in SCREENINGS.values() for blocks in blockers_for(screen(folder, **options))
            for code, _ in blocks}
    assert said >= {"veto", "veto_unknown", "gate_fail", "street_full", "below_cut", "tie_cut", "no_places"}
    s = screen(folder, top=3)
    assert s.table["tie_break"].notna().sum() >= 3  # neighbours tied, told apart by a key


def test_ties_with_the_cut_told_apart_by_different_keys_are_worded_apart(standard, tmp_path):
    """99 points each: P1 and P2 lose a room (services 96.7 %), M1 a meeting (organization 96 %).
    P1 is the cut; P2 is after it by id, M1 by its weaker aspect: the same score and status,
    worded apart."""
    rows = [community(standard, "P1", "警务室缺", police_room=False),
            community(standard, "P2", "科普学校缺", science_school=False),
            community(standard, "M1", "联席会议缺", joint_meeting=False)]
    s = screen(report_of(standard, tmp_path / "cut", rows), top=1)
    keys = {cid: params["key"] for cid, blocks in zip(s.table.index, blockers_for(s), strict=True)
            for code, params in blocks if code == "tie_cut"}
    assert keys == {"P2": "id", "M1": "weakest"}
    for lang in ("zh", "en"):
        assert Reasons(s, lang).lists() == one_by_one(s, lang)


def entry_by_entry_json(result: Screened, lang: str) -> str:
    """The screen JSON as it was written: head, then json.dumps of each ranking entry."""
    screening, near, stab = result
    text = "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
                           for k, v in head(screening, lang, near, stab).items())
    entries = [json.dumps(e, ensure_ascii=False) for e in ranking_entries(screening, lang, near, stab)]
    return text + '  "ranking": [' + ",".join("\n    " + e for e in entries) + "\n  ]\n}\n"


def entry_by_entry_csv(result: Screened, lang: str) -> str:
    """The screen CSV as it was written: one row per ranking entry through the CSV writer."""
    yes, no = yes_no(True, lang), yes_no(False, lang)
    rows = [[e["rank"], f"{e['shared_rank']}=" if e["tie"] else "", e["id"], e["name"], e["street"] or "",
             e["score"], yes if e["eligible"] else no, e["status_label"], e["unknown_rules"], e["weakest_share"],
             sep(lang).join(e["reasons"]), e["to_get_in"] or "", "" if e["stability"] is None else e["stability"]]
            for e in ranking_entries(result.screening, lang, result.near, result.stab)]
    return csv_text(screen_csv.columns(result.screening, lang), rows)


@pytest.mark.parametrize("options", SCREENINGS.values(), ids=SCREENINGS.keys())
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_and_csv_from_columns_equal_entry_by_entry(folder, options, lang):
    s = screen(folder, **options)
    result = Screened(s, near_misses(s))
    text = "".join(screen_json.render(result, Options(lang=lang)))
    assert text == entry_by_entry_json(result, lang)
    assert json.loads(text)["ranking"][0]["reasons"]  # and it is JSON
    assert "".join(screen_csv.render(result, Options(lang=lang))) == entry_by_entry_csv(result, lang)


def test_distinct_keeps_apart_what_a_writer_spells_apart():
    numbers = [1, 1.0, -0.0, 0.0, None, math.nan, 1, 0.0, None, 2.5]
    codes, uniques = distinct(numbers)
    assert codes is not None and len(uniques) == 7  # 1 / 1.0, -0.0 / 0.0, None / NaN apart; 2.5
    assert [json.dumps(uniques[c]) for c in codes] == [json.dumps(v) for v in numbers]
    codes, uniques = distinct(["甲", None, "甲", "乙"])
    assert [uniques[c] for c in codes] == ["甲", None, "甲", "乙"] and len(uniques) == 3
    assert distinct([1, True, "1"]) == (None, [1, True, "1"])  # pandas would hold 1 and True equal


@pytest.mark.parametrize("column", [
    ["甲社区", "乙社区", ""],  # plain: kept as it is
    ["甲社区", 'say "hi", ok', "two\r\nlines"],  # quoted by the csv writer
    ["-1", "=A1", "甲"],  # formula starts neutralised
    [1, 2.5, -0.0, None, True],  # numbers as the writer spells them
])
def test_csv_columns_write_what_the_row_writer_writes(column):
    header, rows = ["a", "b"], [[v, i] for i, v in enumerate(column)]
    columns = [(None, column), (None, list(range(len(column))))]
    assert "".join(csv_columns(header, columns)) == csv_text(header, rows)
