"""群众评议 computation: rates on hand-computed cases, Wilson intervals against published values,
exclusions, respondent types, small samples, and merging computed rates over typed ones."""

import math

import pandas as pd
import pytest
from conftest import make_frame

from jingpin_cli.records.survey_rates import compute, merge_rates, rate_note, wilson
from jingpin_cli.records.surveys import parse_answers


# Newcombe (1998), Statistics in Medicine 17:857–872, Table I, method 3 (score interval without
# continuity correction) — the published 95 % limits.
@pytest.mark.parametrize("yes,n,low,high", [
    (81, 263, 0.2553, 0.3662),
    (15, 148, 0.0624, 0.1605),
    (0, 20, 0.0000, 0.1611),
    (1, 29, 0.0061, 0.1718),
])
def test_wilson_matches_published_values(yes, n, low, high):
    lo, hi = wilson([yes], [n])
    assert lo[0] == pytest.approx(low, abs=5e-5)
    assert hi[0] == pytest.approx(high, abs=5e-5)


def test_wilson_96_percent_of_25_is_not_surely_above_95():
    lo, hi = wilson([24], [25])
    assert lo[0] == pytest.approx(0.8046, abs=5e-5) and hi[0] == pytest.approx(0.9929, abs=5e-5)
    assert lo[0] < 0.95


def test_wilson_all_yes_and_empty():
    lo, hi = wilson([10, 0], [10, 0])
    assert hi[0] == pytest.approx(1.0) and lo[0] == pytest.approx(10 / (10 + 1.959963984540054 ** 2))
    assert math.isnan(lo[1]) and math.isnan(hi[1])


def test_wilson_agrees_with_scipy_on_a_grid():
    stats = pytest.importorskip("scipy.stats")
    cases = [(k, n) for n in (1, 7, 30, 61, 400) for k in range(0, n + 1, max(1, n // 6))]
    lo, hi = wilson([k for k, _ in cases], [n for _, n in cases])
    for (k, n), a, b in zip(cases, lo, hi, strict=True):
        ci = stats.binomtest(k, n).proportion_ci(method="wilson")
        assert a == pytest.approx(ci.low, abs=1e-9) and b == pytest.approx(ci.high, abs=1e-9)


def answers(rows, survey, community="A"):
    """Answer rows (类别, 是否知晓, 是否参与, 满意程度) as the loader parses them."""
    text = pd.DataFrame(rows, columns=["respondent_type", "aware", "participated", "satisfaction"], dtype="string")
    text.insert(0, "community", community)
    typed, found = parse_answers(text, survey)
    return typed.assign(community=community), found


# Community A, hand-counted: 是否知晓 8 是 / 2 否 → 80 %; 是否参与 7 是 / 2 否 / 1 blank → 7/9;
# 满意程度 满意 5, 基本满意 2, 不满意 1, 不了解 2 → (5 + 2) / (5 + 2 + 1) = 87.5 %, 2 excluded.
HAND = [
    ("居民", "是", "是", "满意"), ("居民", "是", "是", "满意"), ("居民", "是", "否", "满意"),
    ("居民", "否", "是", "不满意"), ("个体工商户", "是", "是", "基本满意"), ("个体工商户", "是", None, "不了解"),
    ("驻社区单位", "是", "是", "满意"), ("驻社区单位", "否", "否", "基本满意"), ("居民", "是", "是", "不了解"),
    ("居民", "是", "是", "满意"),
]


def test_rates_by_hand(standard):
    typed, found = answers(HAND, standard.survey)
    result = compute(typed, standard.survey)
    row = result.totals.loc["A"]
    assert row["respondents"] == 10 and row["excluded"] == 2
    assert (row["awareness_yes"], row["awareness_n"], row["awareness_rate"]) == (8, 10, 80.0)
    assert (row["participation_yes"], row["participation_n"]) == (7, 9)
    assert row["participation_rate"] == pytest.approx(100 * 7 / 9)
    assert (row["satisfaction_yes"], row["satisfaction_n"], row["satisfaction_rate"]) == (7, 8, 87.5)
    lo, hi = wilson([7], [8])
    assert row["satisfaction_low"] == pytest.approx(100 * lo[0])
    assert row["satisfaction_high"] == pytest.approx(100 * hi[0])
    # the one blank 是否参与 is reported, not silently dropped
    assert [(pos, code) for pos, code, *_ in found] == [(5, "survey_blank_answer")]


def test_rates_per_respondent_type(standard):
    typed, _ = answers(HAND, standard.survey)
    by_type = compute(typed, standard.survey).by_type.loc["A"]
    assert list(by_type.index) == ["居民", "个体工商户", "驻社区单位"]  # the standard's order
    residents = by_type.loc["居民"]
    assert residents["respondents"] == 6
    assert residents["awareness_rate"] == pytest.approx(100 * 5 / 6)
    assert residents["satisfaction_rate"] == pytest.approx(100 * 4 / 5)  # 满意×4, 不满意×1, 不了解 excluded
    business = by_type.loc["个体工商户"]
    assert business["satisfaction_n"] == 1 and business["participation_n"] == 1


def test_satisfied_answers_come_from_the_standard(standard):
    strict = standard.survey.model_copy(update={"satisfied": ["满意"], "not_satisfied": ["基本满意", "不满意"]})
    typed, _ = answers(HAND, strict)
    row = compute(typed, strict).totals.loc["A"]
    assert (row["satisfaction_yes"], row["satisfaction_n"]) == (5, 8)
    counted_too = standard.survey.model_copy(update={"excluded": [], "not_satisfied": ["不满意", "不了解"]})
    typed, _ = answers(HAND, counted_too)
    row = compute(typed, counted_too).totals.loc["A"]
    assert (row["satisfaction_yes"], row["satisfaction_n"], row["excluded"]) == (7, 10, 0)


def test_unknown_answers_are_reported_and_not_counted(standard):
    rows = [("居民", "是", "是", "很满意"), ("市民", "是", "也许", "满意"), ("社区居民", "否", "否", "不满意")]
    typed, found = answers(rows, standard.survey)
    codes = {(pos, code, col) for pos, code, col, _ in found}
    assert codes == {(0, "survey_unknown_answer", "satisfaction"), (1, "survey_unknown_answer", "respondent_type"),
                     (1, "survey_unknown_answer", "participated")}
    assert typed["respondent_type"].tolist()[2] == "居民"  # “社区居民” is a 居民
    row = compute(typed, standard.survey).totals.loc["A"]
    assert (row["satisfaction_yes"], row["satisfaction_n"]) == (1, 2)
    assert (row["participation_yes"], row["participation_n"]) == (1, 2)


def test_notes_small_sample_and_missing_type(standard):
    typed, _ = answers(HAND, standard.survey)
    only_residents, _ = answers([r for r in HAND if r[0] == "居民"] * 6, standard.survey, community="B")
    result = compute(pd.concat([typed, only_residents], ignore_index=True), standard.survey)
    small = {(n["community"], m, n["params"]["n"]) for n in result.notes if n["code"] == "small_sample"
             for m in n["params"]["measures"]}
    # A: 10, 9 and 8 valid answers, all below 30; B: 36, 36 and 30 (its 6 不了解 are not valid): enough
    assert small == {("A", "awareness", 10), ("A", "participation", 9), ("A", "satisfaction", 8)}
    assert result.totals.loc["B", ["awareness_n", "participation_n", "satisfaction_n"]].tolist() == [36, 36, 30]
    missing = {n["community"]: n["params"]["types"] for n in result.notes if n["code"] == "missing_type"}
    assert missing == {"B": ["个体工商户", "驻社区单位"]}


def test_merge_replaces_typed_rates_and_reports_disagreement(standard):
    typed, _ = answers(HAND, standard.survey)
    result = compute(typed, standard.survey)
    frame = make_frame(standard, {
        "A": {"id": "A", "name": "甲社区", "awareness_rate": 80.4, "participation_rate": 70.0,
              "satisfaction_rate": None},
        "B": {"id": "B", "name": "乙社区", "awareness_rate": 95.0},
    })
    merged, sources, conflicts = merge_rates(frame, result)
    assert merged.at["A", "awareness_rate"] == 80.0
    assert merged.at["A", "satisfaction_rate"] == 87.5
    assert merged.at["A", "survey_sample"] == 10
    assert merged.at["B", "awareness_rate"] == 95.0  # no answers for B: its typed rate stays
    assert sources.loc["A"].tolist() == ["survey"] * 4
    assert sources.at["B", "awareness_rate"] == "table" and sources.at["B", "satisfaction_rate"] is None
    # 80.4 vs 80.0 is rounding; 70.0 vs 77.8 is a disagreement, named with both values and the sample
    assert conflicts.to_dict("records") == [
        {"community": "A", "field": "participation_rate", "typed": 70.0, "computed": pytest.approx(100 * 7 / 9),
         "n": 9}]
    assert frame.at["A", "awareness_rate"] == 80.4  # the input frame is not altered


def test_merge_without_surveys_marks_typed_rates(standard):
    frame = make_frame(standard, {"A": {"id": "A", "name": "甲", "satisfaction_rate": 96.0}})
    merged, sources, conflicts = merge_rates(frame, None)
    assert sources.at["A", "satisfaction_rate"] == "table" and sources.at["A", "awareness_rate"] is None
    assert conflicts.empty and merged.equals(frame)


@pytest.mark.parametrize("finding,expected", [
    ({"actual": 96, "sample": 25, "interval": [80.46, 99.29]}, "；25 份，95% 区间 80–100%，样本不足 30 份"),
    ({"actual": 98, "sample": 60, "interval": [95.4, 99.5]}, ""),
    ({"actual": 97, "sample": 20, "interval": [95.2, 99.9]}, "；仅 20 份，样本不足 30 份"),
    ({"actual": 96, "sample": 50, "interval": [86.5, 98.9]}, "；50 份，95% 区间 86–99%"),
    ({"actual": 81, "sample": 40, "interval": [65.2, 89.5]}, ""),  # surely short of 95: the gap says enough
    ({"actual": 93, "sample": 40, "interval": [80.1, 97.4]}, "；40 份，95% 区间 80–98%"),
    ({"actual": None, "sample": 50, "interval": None}, ""),
    ({"actual": 96, "sample": None, "interval": None}, ""),
])
def test_rate_note(finding, expected):
    assert rate_note(finding, 95, 30, "zh") == expected


def test_rate_note_english():
    assert rate_note({"actual": 96, "sample": 25, "interval": [80.46, 99.29]}, 95, 30, "en") == \
        "; 25 answers, 95% interval 80–100%, sample below 30"
