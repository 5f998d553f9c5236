"""JSON as json.dumps(value, ensure_ascii=False, indent=2) writes it, byte for byte, but fast.

With an indent Python's json uses its pure-Python encoder (about 1 µs a value): a diff of 100 000
communities spends minutes there. Here containers are laid out in Python and every object whose
values are all scalars (a gap, a finding, a rate) goes through json's C encoder in one call, its
item separator carrying the newline and indent. An object met again (diff shares one change among
the communities with the same finding) is encoded once per depth. `chunks` writes the same text in
pieces, building the items of a lazy sequence (diff's Changes: any Sequence that is not a list or
tuple) one at a time instead of holding them all."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from json.encoder import c_make_encoder, encode_basestring

INDENT = "  "
_SCALARS = (str, int, float, type(None))  # (bool is an int)
PIECE = 20_000  # texts joined into one piece of `chunks`
SEEN = 100_000  # shared objects' texts kept by `chunks` before it lets them go
_FLAT: dict[int, object] = {}  # depth -> C encoder of an object of scalars at that depth
_LINE = None  # the C encoder of one_line


def dumps(value) -> str:
    """The text json.dumps(value, ensure_ascii=False, indent=2) returns."""
    out: list[str] = []
    _write(value, 0, out, {})
    return "".join(out)


def chunks(value) -> Iterator[str]:
    """dumps(value) in pieces; the items of a lazy sequence are built, written and let go one by one."""
    out: list[str] = []
    yield from _stream(value, 0, out, {})
    yield "".join(out)


def _lazy(value) -> bool:
    return isinstance(value, Sequence) and not isinstance(value, (str, bytes, bytearray, list, tuple))


def _stream(value, level: int, out: list[str], seen: dict) -> Iterator[str]:
    """_write, yielding what is written so far after each item of a lazy sequence (in `value` or among
    the values of an object `value`) once it holds PIECE texts."""
    if isinstance(value, dict) and value and any(_lazy(v) for v in value.values()):
        inner = ",\n" + INDENT * (level + 1)
        for i, (k, v) in enumerate(value.items()):
            out.append((inner if i else "{" + inner[1:]) + _key(k) + ": ")
            yield from _stream(v, level + 1, out, seen)
        out.append("\n" + INDENT * level + "}")
    elif _lazy(value) and len(value):
        inner = ",\n" + INDENT * (level + 1)
        out.append("[" + inner[1:])
        for i, v in enumerate(value):
            if i:
                out.append(inner)
            _write(v, level + 1, out, seen)
            if len(out) >= PIECE:
                yield "".join(out)
                out.clear()
                if len(seen) > SEEN:  # the texts of shared objects are let go now and then: memory stays bounded
                    seen.clear()
        out.append("\n" + INDENT * level + "]")
    else:
        _write(value, level, out, seen)


def one_line(value) -> str:
    """The text json.dumps(value, ensure_ascii=False) returns, without building an encoder each call."""
    global _LINE
    if _LINE is None:
        _LINE = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None, ": ", ", ", False, False,
                               True) if c_make_encoder is not None else json.JSONEncoder(ensure_ascii=False).iterencode
    return "".join(_LINE(value, 0) if c_make_encoder is not None else _LINE(value))


def scalar(value) -> str:
    """one_line(value), by the json module's own encoders for the plain types (a tenth of the cost,
    for values encoded once per community: ids, names, ranks)."""
    kind = type(value)
    if kind is str:
        return encode_basestring(value)
    if kind is int:
        return int.__repr__(value)
    if kind is float and value - value == 0:  # finite: NaN and ±inf have their own spelling
        return float.__repr__(value)
    if value is None:
        return "null"
    if kind is bool:
        return "true" if value else "false"
    return one_line(value)


def _write(value, level: int, out: list[str], seen: dict) -> None:
    if isinstance(value, dict):
        _object(value, level, out, seen)
    elif isinstance(value, (list, tuple)) or not isinstance(value, _SCALARS) and _lazy(value):
        if not len(value):
            out.append("[]")
            return
        inner = ",\n" + INDENT * (level + 1)
        out.append("[" + inner[1:])
        for i, v in enumerate(value):
            if i:
                out.append(inner)
            _write(v, level + 1, out, seen)
        out.append("\n" + INDENT * level + "]")
    else:
        out.append(scalar(value))


def _object(value: dict, level: int, out: list[str], seen: dict) -> None:
    if not value:
        out.append("{}")
        return
    key = (id(value), level)
    text = seen.get(key)  # a shared object met again (diff: 26 gaps a community, most shared)
    if text is not None:
        out.append(text[0])
        return
    if c_make_encoder is not None and all(not isinstance(v, (dict, list, tuple)) for v in value.values()):
        text = seen[key] = (_flat(value, level), value)  # kept with the object: its id is not reused meanwhile
        out.append(text[0])
        return
    inner = ",\n" + INDENT * (level + 1)
    for i, (k, v) in enumerate(value.items()):
        out.append((inner if i else "{" + inner[1:]) + _key(k) + ": ")
        _write(v, level + 1, out, seen)
    out.append("\n" + INDENT * level + "}")


def _flat(value: dict, level: int) -> str:
    """An object of scalars: the C encoder with ",\\n<indent>" between items."""
    encoder = _FLAT.get(level)
    if encoder is None:
        encoder = _FLAT[level] = c_make_encoder(None, json.JSONEncoder().default, encode_basestring, None, ": ",
                                                ",\n" + INDENT * (level + 1), False, False, True)
    text = "".join(encoder(value, 0))
    return "{\n" + INDENT * (level + 1) + text[1:-1] + "\n" + INDENT * level + "}"


def _key(key) -> str:
    if not isinstance(key, str):  # json writes a number, bool or None key as its text
        return json.dumps({key: 0}, ensure_ascii=False)[1:-4]
    return encode_basestring(key)
