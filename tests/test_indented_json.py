"""formats/kit/indented_json writes what json.dumps(ensure_ascii=False, indent=2) writes, byte for byte."""

import json

import pytest

from jingpin_cli.formats.kit.indented_json import dumps

SHARED = {"rule": "svc.rooms", "message": "服务用房 250 平方米，标准 ≥ 300", "points": 1.5, "ok": False}
CASES = [
    {}, [], "中文\"\n", None, 1e300, 3, True,
    {"a": [], "b": {}, "c": [[], [[]], {"k": [{}]}]},
    [1, 2.5, None, True, "x\"y\n中", float("nan"), float("inf")],
    {"a": {"b": 1, "c": [1, {"d": -0.0}]}},
    {1: "x", None: 2, False: 3, 2.5: {}},  # keys json turns into text
    {"communities": [{"id": "1", "closed": [SHARED, SHARED], "opened": []}, {"id": "2", "closed": [SHARED]}]},
    ({"t": (1, 2)},),
]


@pytest.mark.parametrize("value", CASES)
def test_same_text_as_json_dumps(value):
    assert dumps(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_cannot_encode_is_refused_alike():
    with pytest.raises(TypeError):
        dumps({"a": {"b": object()}})
    with pytest.raises(TypeError):
        json.dumps({"a": {"b": object()}}, indent=2)
