"""The fast renderers build each distinct finding once (results/audit/record.FindingTable) and must say exactly
what calling results.audit.record.finding / community_record for every community says: the sample (with its
surveys), a report with waivers, and a synthetic table with blanks, in both languages."""

import json
import random
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import yaml

from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import json as json_format
from jingpin_cli.formats.audit.columns import (
    main_gap_texts,
    main_gaps,
    rounded_as_python,
    status_word,
    summary_rows,
)
from jingpin_cli.records.load import load_records
from jingpin_cli.results.audit.grades import grade_reason
from jingpin_cli.results.audit.index import GAP_STATUSES, group_codes
from jingpin_cli.results.audit.record import community_record, finding, grade_label, header, iter_records
from jingpin_cli.results.audit.record import findings as table
from jingpin_cli.results.audit.report import score_records
from jingpin_cli.rules.base import FAIL, PARTIAL
from jingpin_cli.scoring.waivers import read_waivers

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011"


def slow_json(report, lang: str) -> str:
    """formats/audit/json.py as it was before the shared findings: json.dumps of every canonical record."""
    text = "{\n" + "".join(f"  {json.dumps(k)}: {json.dumps(v, ensure_ascii=False)},\n"
                           for k, v in header(report).items())
    text += '  "communities": ['
    text += "".join(("," if i else "") + "\n    " + json.dumps(r, ensure_ascii=False)
                    for i, r in enumerate(iter_records(report, lang)))
    return text + "\n  ]\n}\n"


def slow_main_gaps(report, cid: str, lang: str, limit: int) -> list[str]:
    """formats.audit.columns.main_gaps as it was: per community, per rule, sorted by points lost."""
    lost = []
    for rule in report.standard.rules:
        status = report.outcomes[rule.id].status[cid]
        if rule.kind == "veto" and status == FAIL:
            lost.append((float("inf"), rule))
        elif status in GAP_STATUSES and rule.scored:
            lost.append((rule.points - float(report.outcomes[rule.id].points[cid]), rule))
    lost.sort(key=lambda x: -x[0])
    return [finding(report, rule, cid, lang)["message"] for _, rule in lost[:limit]]


@pytest.fixture(scope="module")
def sample(standard):
    return score_records(standard, load_records(SAMPLE, standard))


@pytest.fixture(scope="module")
def waived(standard, sample, tmp_path_factory):
    """The sample with a waiver on every third gap of a few rules (so waived and plain rows mix)."""
    entries = []
    for rule in standard.rules[:12]:
        if rule.kind == "bonus":
            continue
        short = sample.outcomes[rule.id].status.isin([FAIL, PARTIAL])
        for cid in list(short.index[short])[::3]:
            entries.append({"community": cid, "rule": rule.id, "reason": "整改中", "approver": "区委组织部",
                            "expires": "2099-12-31"})
    assert entries, "the sample has gaps to waive"
    path = tmp_path_factory.mktemp("w") / "waivers.yaml"
    path.write_text(yaml.safe_dump({"waivers": entries}, allow_unicode=True), encoding="utf-8")
    waivers, _ = read_waivers(path, standard)
    return score_records(standard, load_records(SAMPLE, standard), waivers)


@pytest.fixture(scope="module")
def synthetic(standard, tmp_path_factory):
    """300 communities, canonical headers, values drawn from few levels so many rows share findings,
    and blanks scattered over every column."""
    rng = random.Random(5)
    fields = [f for f in standard.fields if f.key not in ("district",)]
    rows = []
    for i in range(300):
        row = []
        for f in fields:
            if f.key == "id":
                row.append(f"C{i:04d}")
            elif f.key == "name":
                row.append(f"第{i}社区")
            elif f.key == "street" or rng.random() < 0.06:
                row.append(rng.choice(["", "甲街道"]) if f.key == "street" else "")
            elif f.type == "bool":
                row.append(rng.choice(["有", "无", "有"]))
            elif f.type in ("rate", "score"):
                row.append(str(rng.choice([60, 85, 90, 92.5, 95, 99])))
            else:
                row.append(str(rng.choice([0, 3, 150, 200, 300, 999, 1000, 1500])))
        rows.append(row)
    folder = tmp_path_factory.mktemp("syn")
    text = "\n".join(",".join(r) for r in [[f.key for f in fields]] + rows) + "\n"
    (folder / "communities.csv").write_text(text, encoding="utf-8")
    return score_records(standard, load_records(folder, standard))


@pytest.mark.parametrize("which", ["sample", "waived", "synthetic"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_is_the_canonical_record_byte_for_byte(request, which, lang):
    report = request.getfixturevalue(which)
    assert b"".join(json_format.render(report, Options(lang))).decode("utf-8") == slow_json(report, lang)


@pytest.mark.parametrize("which", ["sample", "waived", "synthetic"])
def test_shared_findings_equal_the_per_community_ones(request, which):
    report = request.getfixturevalue(which)
    t = table(report, "zh")
    for i, cid in enumerate(report.ids):
        for rule in report.standard.rules:
            assert t.finding(rule, i) == finding(report, rule, cid, "zh")


def test_many_communities_share_few_findings(synthetic):
    """The point of it: 300 communities, far fewer distinct findings per rule."""
    t = table(synthetic, "zh")
    counts = [len(t.codes(rule)[1]) for rule in synthetic.standard.rules]
    assert max(counts) <= 300 and sum(counts) < 0.5 * 300 * len(counts)


@pytest.mark.parametrize("which", ["sample", "waived", "synthetic"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_main_gaps_are_the_costliest_gaps(request, which, lang):
    report = request.getfixturevalue(which)
    sep = "; " if lang == "en" else "；"
    for limit in (1, 3, 100):
        texts = main_gap_texts(report, lang, limit)  # every community at once, for the CSV
        for cid, text in zip(report.ids, texts, strict=True):
            assert main_gaps(report, cid, lang, limit) == slow_main_gaps(report, cid, lang, limit)
            assert text == sep.join(slow_main_gaps(report, cid, lang, limit))


def test_one_community_record_is_unchanged_by_the_fast_path(sample):
    cid = sample.ids[7]
    record = community_record(sample, cid)
    assert record["findings"] == [finding(sample, r, cid) for r in sample.standard.rules]


def test_group_codes_match_equal_rows():
    rng = np.random.default_rng(3)
    a = pd.Series(rng.choice([1.0, 2.0, np.nan], 500))
    b = pd.Series(rng.choice(["pass", "fail"], 500), dtype=object)
    c = pd.array(rng.choice([True, False], 500), dtype="boolean")
    c[::7] = pd.NA
    codes, first = group_codes([a, b, pd.Series(c)], 500)
    keys = [(None if pd.isna(x) else x, y, None if pd.isna(z) else bool(z)) for x, y, z in zip(a, b, c, strict=True)]
    for i in range(500):
        assert keys[first[codes[i]]] == keys[i]
    assert len(first) == len(set(keys))


@pytest.fixture(scope="module")
def messy(synthetic):
    """The synthetic report with summary and name/street columns full of values that are easy to
    group or round wrongly: ±0, halves, NaN, ±inf, and objects pandas holds equal but JSON does not."""
    from dataclasses import replace

    summary = synthetic.summary.copy()
    n = len(summary)
    values = [0.0, -0.0, 1e-9, -1e-9, 0.005, 0.015, 2.675, 1.005, 99.995, 1e17,
              float("nan"), float("inf"), -float("inf"),
              3.0, 12.344999]
    for k, col in enumerate(c for c in summary.columns if summary[c].dtype == "float64"):
        summary[col] = [values[(i * (k + 1)) % len(values)] for i in range(n)]
    # an object column is rounded value by value
    summary["unknown_points"] = pd.Series([[1, 2.675, np.float64(2.675), 0.125, -0.0][i % 5] for i in range(n)],
                                          index=summary.index, dtype=object)
    frame = synthetic.records.frame.copy()
    kinds = [None, np.nan, "甲街道", "=乙\"街道\\", 1, 1.0, True, 7]
    frame["name"] = pd.Series([kinds[i % 8] for i in range(n)], index=frame.index, dtype=object)
    frame["street"] = pd.Series([(kinds + [pd.NA])[i % 9] for i in range(n)], index=frame.index, dtype=object)
    return replace(synthetic, summary=summary, records=replace(synthetic.records, frame=frame))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_json_encodes_messy_column_values_as_json_dumps_would(messy, lang):
    """formats/audit/json.py encodes each record value once per distinct value of its column and rounds
    score columns with numpy: values that group or round wrongly would show here."""
    assert b"".join(json_format.render(messy, Options(lang))).decode("utf-8") == slow_json(messy, lang)


def test_json_findings_built_per_community_where_nearly_all_differ(synthetic, monkeypatch):
    """Where a rule has too many distinct findings to keep (index.MAX_SHARED), formats/audit/json.py builds
    them community by community: the bytes must not change."""
    from jingpin_cli.results.audit.record import FindingTable

    kept = FindingTable.texts
    monkeypatch.setattr(FindingTable, "texts", lambda self, rule: (kept(self, rule)[0], None)
                        if rule.kind in ("rate", "threshold", "veto") else kept(self, rule))
    for lang in ("zh", "en"):
        assert b"".join(json_format.render(synthetic, Options(lang))).decode("utf-8") == slow_json(synthetic, lang)


def slow_summary_rows(report, lang: str, gaps: int) -> list[list]:
    """formats.audit.columns.summary_rows as it was: community by community, cell by cell."""
    std, s, frame = report.standard, report.summary, report.records.frame
    yes, no = ("是", "否") if lang != "en" else ("yes", "no")
    return [[cid, frame.at[cid, "name"], "" if pd.isna(frame.at[cid, "street"]) else str(frame.at[cid, "street"]),
             round(float(s.at[cid, "score"]), 2), grade_label(std, s.at[cid, "grade"], lang),
             yes if s.at[cid, "incomplete"] else "", grade_reason(report, cid, lang) or "",
             yes if s.at[cid, "eligible"] else no, yes if s.at[cid, "vetoed"] else no,
             int(s.at[cid, "unknown_rules"]), int(s.at[cid, "gaps"]),
             *[round(float(s.at[cid, f"aspect.{a.id}"]), 2) for a in std.aspects],
             *[status_word(s.at[cid, f"gate.{g.id}"], lang) for g in std.gates],
             ("; " if lang == "en" else "；").join(slow_main_gaps(report, cid, lang, gaps))]
            for cid in report.ids]


@pytest.mark.parametrize("which", ["sample", "waived", "messy"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_summary_rows_are_the_per_community_rows(request, which, lang):
    """CSV and XLSX rows, made column by column, say what reading each community's cells said."""
    report = request.getfixturevalue(which)
    for gaps in (3, 100):
        got = list(summary_rows(report, lang, gaps))
        want = slow_summary_rows(report, lang, gaps)
        # 1 and 1.0 apart, as the CSV writer spells them
        assert [[repr(x) for x in row] for row in got] == [[repr(x) for x in row] for row in want]


def test_scores_rounded_on_the_whole_column_as_python_rounds_each():
    """The CSV rounds tens of thousands of distinct scores at once: numpy's scaled rounding, with
    the values near a half (2.675 is 2.67499…, 1.005 is 1.00499…) rounded by Python."""
    rng = np.random.default_rng(20)
    values = np.concatenate([rng.uniform(-200, 200, 200_000), np.arange(-20_000, 20_000) / 1000 + 0.005,
                             [np.nan, np.inf, -np.inf, -0.0, 0.0, -0.001, 2.675, 1.005, 0.285, 0.125, 1e15 + 0.5]])
    got = rounded_as_python(values, 2).tolist()
    want = [round(v, 2) for v in values.tolist()]
    assert [json.dumps(v) for v in got] == [json.dumps(v) for v in want]  # equal to the bit: -0.0, NaN too
