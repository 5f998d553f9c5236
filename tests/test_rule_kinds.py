"""Every rule kind through a case table (tests/cases/<kind>.yaml): pass, boundary, partial, fail, unknown.

All cases of a table are evaluated in ONE call, as rows of one frame, as the engine does."""

from pathlib import Path

import pytest
import yaml
from conftest import make_frame
from pydantic import TypeAdapter

from jingpin_cli.records.model import Records
from jingpin_cli.results.audit.record import finding
from jingpin_cli.results.audit.report import Report
from jingpin_cli.rules import KINDS
from jingpin_cli.standard.models import Rule, Standard

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


def _cases():
    for path in CASES:
        table = yaml.safe_load(path.read_text(encoding="utf-8"))
        for i, case in enumerate(table["cases"]):
            yield pytest.param(path, i, id=f"{path.stem}-{case['name']}")


def _with_fields(standard, fields: list[dict] | None):
    """The standard with a table's own catalog fields added (`fields_add:`, e.g. a level field)."""
    if not fields:
        return standard
    data = standard.model_dump()
    return Standard.model_validate({**data, "fields": data["fields"] + fields})


def _evaluate(standard, path):
    """Evaluate every case of a table at once; cases with their own rule overrides get their own call."""
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    standard = _with_fields(standard, table.get("fields_add"))
    results = {}
    groups: dict[str, list[int]] = {}
    for i, case in enumerate(table["cases"]):
        groups.setdefault(yaml.safe_dump(case.get("rule", {})), []).append(i)
    for override, indexes in groups.items():
        rule = TypeAdapter(Rule).validate_python({**table["rule"], **yaml.safe_load(override)})
        frame = make_frame(standard, {f"c{i}": table["cases"][i]["values"] for i in indexes})
        outcome = KINDS[rule.kind].evaluate(rule, frame, standard)
        records = Records(frame, None, {})
        report = Report(standard, records, {rule.id: outcome}, None)
        for i in indexes:
            results[i] = {lang: finding(report, rule, f"c{i}", lang) for lang in ("zh", "en")}
    return table["cases"], results


@pytest.mark.parametrize("path,index", list(_cases()))
def test_case(standard, path, index):
    cases, results = _evaluate(standard, path)
    case, got = cases[index], results[index]["zh"]
    assert got["status"] == case["status"]
    assert got["points"] == pytest.approx(case["points"], abs=1e-4)
    if "shortfall" in case:
        expected = case["shortfall"] if case["status"] in ("partial", "fail") else None
        assert got["shortfall"] == (pytest.approx(expected) if expected is not None else None)
    if "missing" in case:
        assert got["missing"] == case["missing"]
    if "unknown_items" in case:
        assert got["unknown_items"] == case["unknown_items"]
    if "message_zh" in case:
        assert got["message"] == case["message_zh"]
    if "message_en" in case:
        assert results[index]["en"]["message"] == case["message_en"]
    if "actual" in case:  # known value, unknown requirement (a blank basis of `per`)
        assert got["actual"] == case["actual"]
    elif case["status"] == "unknown":
        assert got["actual"] is None or got["kind"] in ("checklist", "deduction")  # items met so far


def test_every_kind_has_a_case_table():
    kinds = {yaml.safe_load(p.read_text(encoding="utf-8"))["rule"]["kind"] for p in CASES}
    assert kinds == set(KINDS)


def test_registry_matches_the_models():
    """The YAML kinds (pydantic union) and the code kinds (registry) are the same set."""
    items = Standard.model_json_schema()["properties"]["rules"]["items"]
    assert items["discriminator"]["propertyName"] == "kind"
    assert set(items["discriminator"]["mapping"]) == set(KINDS)
    for module in KINDS.values():
        assert callable(module.evaluate) and callable(module.message)
