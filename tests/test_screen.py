"""Screening: ranking order, ties, eligibility, the per-street cap, --include/--exclude and the pilot,
on small crafted data folders (and the sample data)."""

from pathlib import Path

import pytest
from screen_data import community, report_of

from jingpin_cli.errors import InputError
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.screen.picking import (
    BELOW_CUT,
    EXCLUDED,
    INCLUDED,
    INELIGIBLE,
    PICKED,
    STREET_FULL,
    pick_mask,
    running_count,
    screen,
)
from jingpin_cli.results.screen.record import reasons

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


@pytest.fixture
def basic(standard, tmp_path):
    """A: 100 points. B: no police room (−0.67). C: 250 ㎡ of premises: a gate fails. D: vetoed. E: veto blank."""
    rows = [
        community(standard, "A", "甲社区"),
        community(standard, "B", "乙社区", police_room=False),
        community(standard, "C", "丙社区", service_area_m2=250),
        community(standard, "D", "丁社区", major_incident=True),
        community(standard, "E", "戊社区", major_incident=None),
    ]
    return report_of(standard, tmp_path / "basic", rows)


def test_ranks_by_score_and_picks_only_eligible(standard, basic):
    s = screen(basic, top=3)
    police = standard.rule("svc.rooms").deduction
    assert s.table.loc["B", "score"] == pytest.approx(100 - police)
    assert s.table.loc["C", "score"] > s.table.loc["B", "score"]  # proportional credit for 250 of 300 ㎡
    # E ties with A at 100 but has a blank (the veto item): fewer unknowns first; D is vetoed to 0
    assert list(s.table.index) == ["A", "E", "C", "B", "D"]
    assert s.table["rank"].tolist() == [1, 2, 3, 4, 5]
    assert s.selected == ["A", "B"]  # C, D and E are not eligible: fewer picks than asked, no padding
    assert s.table.loc[["C", "D", "E"], "status"].tolist() == [INELIGIBLE] * 3
    assert s.table.loc["D", "score"] == 0 and s.table.loc["D", "score_before_veto"] == 100


def test_reasons_say_why(basic):
    s = screen(basic, top=1)
    # A has full marks in every aspect: one share for all, not “最强：组织建设 100%，最弱：组织建设 100%”
    assert reasons(s, "A", "zh")[0] == "总分 100，排名第 1；各方面得分率均为 100%"
    assert reasons(s, "A", "en")[0] == "score 100, rank 1; every aspect at 100%"
    assert any("有场所议事" in r for r in reasons(s, "C", "zh"))
    assert any("一票否决" in r and "重大治安" in r for r in reasons(s, "D", "zh"))
    assert any("veto item left blank" in r for r in reasons(s, "E", "en"))
    assert any("below the cut" in r for r in reasons(s, "B", "en"))


def test_ties_are_broken_in_the_documented_order_and_shown(standard, tmp_path):
    rows = [
        # 97 points each: a blank green rate (unknown) vs a known 0 % (fail) -> fewer unknowns first
        community(standard, "U1", "未知多", green_rate=None),
        community(standard, "U0", "未知少", green_rate=0),
        # 97 points each, no unknowns: losing 3 of organization's 25 beats losing 3 of environment's 15
        community(standard, "W2", "环境弱", sanitation_score=40),
        community(standard, "W1", "组织弱", leadership_size=0),
        # identical records: the id decides
        community(standard, "Z2", "同二", co_building_units=0),
        community(standard, "Z1", "同一", co_building_units=0),
    ]
    s = screen(report_of(standard, tmp_path / "ties", rows), top=2)
    t = s.table
    assert t["score"].nunique() == 1 and t["tie"].all() and (t["shared_rank"] == 1).all()
    # no unknowns first; among those the higher weakest share (organization 22/25 > 12/15); then id
    assert list(t.index) == ["W1", "U0", "W2", "Z1", "Z2", "U1"]
    assert t["tie_break"].tolist() == [None, "weakest", "id", "id", "id", "unknown"]
    assert t.loc["Z2", "tied_with"] == "Z1"
    assert s.selected == ["W1", "U0"]
    assert "与 同一 同分，按社区编码排序" in reasons(s, "Z2", "zh")
    assert any("fewer unknowns" in r for r in reasons(s, "U1", "en"))


def test_order_is_stable_whatever_the_row_order(standard, tmp_path):
    rows = [community(standard, f"C{i}", f"社区{i}", co_building_units=i % 3) for i in range(9)]
    a = screen(report_of(standard, tmp_path / "a", rows), top=3)
    b = screen(report_of(standard, tmp_path / "b", rows[::-1]), top=3)
    assert list(a.table.index) == list(b.table.index) and a.selected == b.selected


@pytest.fixture
def streets(standard, tmp_path):
    """Three strong communities in 甲, two weaker in 乙, one with no street."""
    rows = [
        community(standard, "J1", "甲一", "甲街道"),
        community(standard, "J2", "甲二", "甲街道", camera=False),
        community(standard, "J3", "甲三", "甲街道", police_room=False),
        community(standard, "Y1", "乙一", "乙街道", science_school=False),
        community(standard, "Y2", "乙二", "乙街道", science_school=False, camera=False),
        community(standard, "N1", "无街道", None, science_school=False, police_room=False),
    ]
    return report_of(standard, tmp_path / "streets", rows)


def test_per_street_cap_spreads_the_picks(streets):
    assert screen(streets, top=3).selected == ["J1", "J2", "J3"]
    s = screen(streets, top=3, per_street=2)
    assert s.selected == ["J1", "J2", "Y1"]
    assert s.table.loc["J3", "status"] == STREET_FULL
    assert any("甲街道已选满 2 个" in r for r in reasons(s, "J3", "zh"))
    # one per street: a blank street is not any street's, so it is not held back by a cap
    s1 = screen(streets, top=4, per_street=1)
    assert s1.selected == ["J1", "Y1", "N1"]
    assert s1.table.loc["Y2", "status"] == STREET_FULL
    assert screen(streets, top=2, per_street=1).table.loc["Y2", "status"] == BELOW_CUT  # ranked after the last pick


def test_include_and_exclude(streets):
    s = screen(streets, top=2, include=["乙二"], exclude=["J1"])
    assert s.selected == ["J2", "Y2"]
    assert s.table.loc["Y2", "status"] == INCLUDED and s.table.loc["J1", "status"] == EXCLUDED
    assert s.table.loc["J2", "status"] == PICKED
    assert "由 --include 指定入选" in reasons(s, "Y2", "zh")
    assert reasons(s, "J1", "en") == ["forced out by --exclude"]
    # includes count against their street's cap
    s = screen(streets, top=3, per_street=1, include=["J3"])
    assert s.selected == ["J3", "Y1", "N1"] and s.table.loc["J1", "status"] == STREET_FULL


@pytest.mark.parametrize("kwargs, code", [
    ({"include": ["不存在社区"]}, "unknown_community"),
    ({"exclude": ["J9"]}, "unknown_community"),
    ({"include": ["J1"], "exclude": ["J1"]}, "screen_include_excluded"),
    ({"include": ["J1", "J2", "Y1"], "top": 2}, "screen_include_too_many"),
    ({"include": ["J1", "J2"], "per_street": 1}, "screen_include_street"),
])
def test_bad_options_are_input_errors(streets, kwargs, code):
    with pytest.raises(InputError) as err:
        screen(streets, **{"top": 2, **kwargs})
    assert err.value.problems[0].code == code


def test_an_ineligible_community_cannot_be_forced_in(basic):
    with pytest.raises(InputError) as err:
        screen(basic, top=2, include=["丙社区"])
    assert err.value.problems[0].code == "screen_include_ineligible"
    assert "jingpin audit --community C" in err.value.render("zh")


def test_unknown_community_suggests_a_name(streets):
    with pytest.raises(InputError) as err:
        screen(streets, top=2, include=["甲一社"])
    assert "甲一" in err.value.render("zh")


def test_pilot_is_the_most_balanced_pick(standard, tmp_path):
    rows = [
        # P1 scores more but loses 2.5 of environment's 15; P2 loses 3 spread over two big aspects
        community(standard, "P1", "偏科", sanitation_score=50),
        community(standard, "P2", "均衡", leadership_size=0),
        community(standard, "P3", "第三", leadership_size=0, camera=False, projector=False),
    ]
    s = screen(report_of(standard, tmp_path / "pilot", rows), top=2, pilot=True)
    assert s.selected == ["P1", "P2"] and s.pilot == "P2"
    assert screen(s.report, top=2).pilot is None


def test_pick_mask_on_arrays():
    eligible = [True, True, False, True, True, True]
    streets = [0, 0, 0, 1, -1, 1]
    import numpy as np

    picked, held = pick_mask(np.array(eligible), np.zeros(6, bool), np.zeros(6, bool), np.array(streets), 3, 1)
    assert picked.tolist() == [True, False, False, True, True, False]
    assert held.tolist() == [False, True, False, False, False, True]


def test_running_count_counts_earlier_hits_per_code():
    import numpy as np

    mask = np.array([True, True, False, True, True, True])
    codes = np.array([2, 0, 2, 2, 0, -1])
    assert running_count(mask, codes).tolist() == [0, 0, 1, 1, 1, 0]


def test_sample_picks_the_five_demonstration_sites(standard):
    s = screen(audit(standard, SAMPLE), top=5, pilot=True)
    names = set(s.table.loc[s.selected, "name"])
    assert names == {"新一代社区", "铁塔社区", "电院社区", "邮一社区", "保钞社区"}
    assert s.table.loc[s.selected, "eligible"].all()
    assert s.pilot in s.selected


def test_a_forced_in_pick_does_not_lower_the_cut(streets):
    """The cut others are measured against is the last pick that earned its place."""
    s = screen(streets, top=2, include=["无街道"])
    assert s.selected == ["J1", "N1"] and s.cut.name == "J1"
    assert any("below the cut (100)" in r for r in reasons(s, "J2", "en"))
