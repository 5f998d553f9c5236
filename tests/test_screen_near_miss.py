"""Near misses: what keeps each one out, and the smallest set of gaps that gets it in — checked
here independently by writing the community's data with those gaps closed and screening again."""

from itertools import combinations

import pytest
from screen_data import community, report_of

from jingpin_cli.results.screen.near_miss import closed_copies, gaps_of, near_misses
from jingpin_cli.results.screen.picking import screen, sort_keys
from jingpin_cli.results.screen.record import near_text
from jingpin_cli.scoring.engine import evaluate
from jingpin_cli.scoring.summary import summarize


@pytest.fixture
def district(standard, tmp_path):
    """A (picked): no camera. B: no police room, 260 ㎡ of premises (a gate fails), 11 cultural
    activities. V: vetoed."""
    rows = [
        community(standard, "A", "甲社区", camera=False),
        community(standard, "B", "乙社区", police_room=False, service_area_m2=260, culture_activities=11),
        community(standard, "V", "丙社区", major_incident=True),
    ]
    return rows, report_of(standard, tmp_path / "district", rows)


def test_gap_set_is_the_smallest_that_gets_in(standard, district):
    _, report = district
    s = screen(report, top=1)
    assert s.selected == ["A"]
    near = {n.id: n for n in near_misses(s).items}
    b = near["B"]
    assert b.status == "ineligible" and b.blockers[0] == ("gate_fail", {"gates": ["premises"]})
    # premises must be closed (a gate); alone it is not enough; the police room is; the culture gap is not needed
    assert {g.field for g in b.gaps} == {"service_area_m2", "police_room"}
    area = next(g for g in b.gaps if g.field == "service_area_m2")
    assert area.amount == pytest.approx(40) and area.required
    assert b.verified and b.rank_after == 1 and b.score_after > s.table.loc["A", "score"]
    text = near_text(s, b, "zh")
    assert "补齐警务室" in text and "服务用房总面积增加 40 ㎡" in text and "→ 进入前 1" in text
    assert "add Police room" in near_text(s, b, "en") and "into the top 1" in near_text(s, b, "en")


def test_every_smaller_subset_falls_short(standard, district):
    """Minimality, re-scored by the engine: no proper subset of the chosen set gets B past A."""
    _, report = district
    s = screen(report, top=1)
    b = next(n for n in near_misses(s).items if n.id == "B")
    subsets = [c for k in range(len(b.gaps)) for c in combinations(b.gaps, k)]
    batch = closed_copies(report.records.frame, ["B"] * len(subsets), subsets)
    keys = sort_keys(standard, summarize(standard, evaluate(standard, batch), batch.index))
    cut = s.table.loc["A", "score"]
    assert not ((keys["eligible"]) & (keys["score"] > cut)).any()


def test_claim_holds_when_the_data_is_fixed(standard, district, tmp_path):
    """Write B's row with the proposed gaps closed, load and screen from scratch: B is picked."""
    rows, report = district
    s = screen(report, top=1)
    b = next(n for n in near_misses(s).items if n.id == "B")
    fixed = [dict(r) for r in rows]
    for gap in b.gaps:
        fixed[1][gap.field] = gap.target
    again = screen(report_of(standard, tmp_path / "fixed", fixed), top=1)
    assert again.selected == ["B"]
    assert again.table.loc["B", "score"] == pytest.approx(b.score_after)


def test_a_veto_cannot_be_closed_and_far_misses_say_so(standard, district):
    _, report = district
    s = screen(report, top=1)
    near = {n.id: n for n in near_misses(s).items}
    assert not near["V"].closable and near["V"].gaps is None  # vetoed, but scored 100 before the veto
    assert near_text(s, near["V"], "zh") == "一票否决，补齐差距也不能入选"
    assert near["V"].blockers == [("veto", {"rule": "ord.major_incident", "field": "major_incident"})]


def test_past_the_search_bound_gaps_are_added_greedily(standard, tmp_path):
    """L has six small gaps and must close all of them to tie Z at 100 (and win on id)."""
    small = dict(culture_activities=11, volunteers=29, fitness_area_m2=190, new_books=900, co_building_units=2,
                 green_rate=29)
    rows = [community(standard, "Z", "满分社区"), community(standard, "L", "六差社区", **small)]
    s = screen(report_of(standard, tmp_path / "greedy", rows), top=1)
    item = near_misses(s).items[0]
    assert item.id == "L" and item.beyond_bound and item.verified
    assert {g.field for g in item.gaps} == set(small) and item.rank_after == 1


def test_a_hopeless_near_miss_reports_its_best(standard, tmp_path):
    rows = [
        community(standard, "A", "甲社区", honors=3),  # 100 + 3 bonus
        community(standard, "B", "乙社区", police_room=False),
    ]
    s = screen(report_of(standard, tmp_path / "hopeless", rows), top=1)
    b = near_misses(s).items[0]
    assert b.gaps is None and b.all_gaps == 1 and b.score_all == pytest.approx(100)
    assert near_text(s, b, "zh") == "即使补齐全部 1 项差距（总分 100）也进不了前 1"


def test_street_full_near_miss_must_beat_its_streets_last_pick(standard, tmp_path):
    rows = [
        community(standard, "J1", "甲一", "甲街道", culture_activities=11),
        community(standard, "J2", "甲二", "甲街道", camera=False, projector=False),
        community(standard, "Y1", "乙一", "乙街道", police_room=False, petition_room=False),
        community(standard, "Y2", "乙二", "乙街道", police_room=False, petition_room=False, reading_room=False),
    ]
    s = screen(report_of(standard, tmp_path / "cap", rows), top=2, per_street=1)
    assert s.selected == ["J1", "Y1"]
    j2 = next(n for n in near_misses(s).items if n.id == "J2")
    assert j2.blockers == [("street_full", {"street": "甲街道", "k": 1})]
    # J2 must pass J1 (甲's pick, 99.75), not Y1 (the last pick overall, 98): one item is not enough
    assert len(j2.gaps) == 2 and j2.verified


def test_gaps_of_lists_blank_and_short_items(standard, tmp_path):
    rows = [community(standard, "A", "甲社区", police_room=None, new_books=600, party_secretary=False)]
    s = screen(report_of(standard, tmp_path / "gaps", rows), top=1)
    gaps = {g.field: g for g in gaps_of(s, "A")}
    assert gaps["police_room"].status == "unknown" and gaps["police_room"].target is True
    assert gaps["new_books"].amount == pytest.approx(400) and gaps["new_books"].target == 1000
    assert gaps["party_secretary"].required  # a gate rule (有人管事)
    assert not gaps["new_books"].required


def test_sample_near_misses_are_verified(standard):
    from pathlib import Path

    from jingpin_cli.results.audit.report import audit

    s = screen(audit(standard, Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"), top=5)
    items = near_misses(s).items
    assert len(items) >= 5
    found = [n for n in items if n.gaps]
    assert found and all(n.verified for n in found)
    assert all(n.id not in s.selected for n in items)


def test_verify_places_a_rescored_community_where_a_full_count_does(standard):
    """verify finds the new place by bisection over the ranking; it must equal counting every other
    row that sorts ahead, for keys equal to a neighbour's (ties down to the id), just above and below."""
    from pathlib import Path

    import numpy as np

    from jingpin_cli.results.audit.report import audit
    from jingpin_cli.results.screen.near_miss import KEY_COLUMNS, sorts_ahead, verify

    s = screen(audit(standard, Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"), top=5, per_street=2)
    t = s.table
    ids = t.index.to_numpy(dtype=object)
    for cid in ids[::7]:
        for other in ids[::11]:
            keys = t.loc[other, KEY_COLUMNS].copy()
            for bump in (0.0, 0.005, -0.005):
                keys["score"] = round(t.at[other, "score"] + bump, 2)
                others = ids != cid
                ahead = sorts_ahead(tuple(t[k].to_numpy()[others] for k in ("score", "unknown_rules", "weakest_share"))
                                    + (ids[others],),
                                    (keys["score"], keys["unknown_rules"], keys["weakest_share"], cid))
                _, rank = verify(s, cid, keys)
                assert rank == int(np.sum(ahead)) + 1
