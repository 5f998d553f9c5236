"""JSON of a before/after comparison: json.dumps(compare(…), ensure_ascii=False, indent=2), byte for byte.

A diff of two data folders (each side a report audited now) writes its communities from columns, a
block at a time: each scalar encoded once per distinct value of its column, each gap put together
from pieces made once per distinct finding of each side (SideTable.codes: communities with equal
inputs to a rule share its finding), a block's texts laid out by one sort and joined in pieces.
Where a side is an earlier JSON report, each record's findings are its own: the dict is written as
it is, a community at a time (indented_json.chunks). Both give the same bytes
(tests/test_diff_json_columns.py)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import numpy as np

from jingpin_cli.arrays import object_array
from jingpin_cli.formats import PLAIN, Options
from jingpin_cli.formats.kit import indented_json
from jingpin_cli.formats.kit.distinct import json_spelled
from jingpin_cli.formats.kit.indented_json import INDENT, scalar
from jingpin_cli.results.diff.compare import Changes, Diff, SideTable

BLOCK = 2000  # communities laid out at once
PIECE = 20_000  # texts joined into one written piece (~1 MB)
KEEP = 200_000  # distinct findings' pieces a side keeps from block to block; beyond that they are made again
LISTS = ("closed", "opened", "remaining", "narrowed", "now_unknown", "source_changed")  # CommunityChange's lists
SLOT = np.array([0, 1, 2, 4, 5])  # GapIndex kind (compare.KINDS_OF_CHANGE) -> its list; narrowed: 3, again
NARROWED, REMAINING = 3, 2


def _at(depth: int) -> str:
    return "\n" + INDENT * depth


# communities at depth 2, their keys at 3, a list's gaps at 4, a gap's keys at 5
KEY = "," + _at(5)
SEPS = np.array([("," + _at(4)).encode(), _at(4).encode()], dtype=object)  # before a gap: (not first, first)
SEP_FIRST_COMMUNITY, SEP_NEXT_COMMUNITY = _at(2).encode(), ("," + _at(2)).encode()
NULL = b"null"
# the pieces of a gap after its title: per side, each of its values with the keys around it
OLD = {"status": ("", ""), "message": ("", ""), "points": ("", ""), "source": ("", "")}
NEW = {"area": (KEY + '"area": ', KEY + '"old_status": '),
       "status": (KEY + '"new_status": ', KEY + '"old_message": '),
       "message": (KEY + '"new_message": ', KEY + '"old_points": '),
       "points": (KEY + '"new_points": ', KEY + '"old_source": '),
       "source": (KEY + '"new_source": ', _at(4) + "}")}
CLOSE = _at(3) + "]"
NEW_COLUMNS, OLD_COLUMNS = np.array([2, 4, 6, 8, 10]), np.array([3, 5, 7, 9])  # a gap's pieces, interleaved


def render(diff: Diff, options: Options = PLAIN) -> Iterator[str | bytes]:
    changes = diff["communities"]
    if not (isinstance(changes, Changes) and len(changes) and changes.a.codes and changes.b.codes):
        yield from indented_json.chunks(diff)
        yield "\n"
        return
    marker = uuid.uuid4().hex
    head, tail = indented_json.dumps({**diff, "communities": marker}).split(f'"{marker}"')
    yield head + "["
    yield from _communities(changes)
    yield _at(1) + "]" + tail + "\n"


def _communities(changes: Changes) -> Iterator[bytes]:
    columns = changes.columns()
    leads = [("{" if i == 0 else ",") + _at(3) + json.dumps(key) + ": " for i, key in enumerate(columns)]
    heads = np.stack([object_array(json_spelled(values, lead, utf8=True))  # the scalars, a row per community
                      for lead, values in zip(leads, columns.values(), strict=True)], axis=1)
    order = np.asarray(changes.order, dtype=np.int64)
    old, new = _Side(changes.a, OLD), _Side(changes.b, NEW)
    for start in range(0, len(order), BLOCK):
        stop = min(start + BLOCK, len(order))
        texts = _block(changes, order[start:stop], heads[start:stop], start == 0, old, new)
        for at in range(0, len(texts), PIECE):
            yield b"".join(texts[at:at + PIECE])


def _block(changes: Changes, ks: np.ndarray, heads: np.ndarray, first: bool, old: _Side, new: _Side) -> list[bytes]:
    """The texts of communities ks (their places in the gap index), in order: each community's head
    (its scalars), then per list (LISTS) a text opening it, its gaps (a separator and its text
    each), and a text after the last. Laid out by one stable sort of (community, part)."""
    gaps, n = changes.gaps, len(ks)
    at, which = gaps.block(ks)
    change = gaps.kinds[at]  # (compare.KINDS_OF_CHANGE, by number)
    items, more = _gap_texts(gaps.rules, gaps.rule_of[at], gaps.had[at], gaps.old_rows[ks][which],
                             gaps.new_rows[ks][which], old, new)
    dup = np.flatnonzero((change == REMAINING) & more)  # a narrowed gap is listed again under "narrowed"
    items, which = np.concatenate([items, items[dup]]), np.concatenate([which, which[dup]])
    slot = np.concatenate([SLOT[change], np.full(len(dup), NARROWED)])
    listed = np.bincount(which * 6 + slot, minlength=n * 6).reshape(n, 6) > 0
    before = np.empty((n, 6), dtype=object)  # per list: the previous one's closing, its key, its opening
    for s, name in enumerate(LISTS):
        opened = "," + _at(3) + json.dumps(name) + ": "
        texts = np.array([(c + opened + o).encode() for c in ("", CLOSE) for o in ("[]", "[")], dtype=object)
        before[:, s] = texts[2 * (listed[:, s - 1] if s else False) + listed[:, s]]
    after = np.array([(_at(2) + "}").encode(), (CLOSE + _at(2) + "}").encode()], dtype=object)[listed[:, 5] * 1]
    seps = np.full(n, SEP_NEXT_COMMUNITY, dtype=object)
    if first:
        seps[0] = SEP_FIRST_COMMUNITY
    heads = np.concatenate([seps[:, None], heads], axis=1)
    community = np.arange(n) * 16
    parts = [(heads, community), (before.ravel()[:, None], (community[:, None] + 1 + 2 * np.arange(6)).ravel()),
             (after[:, None], community + 13), (np.stack([items, items], axis=1), which * 16 + 2 + 2 * slot)]
    keys = np.concatenate([k for _, k in parts])
    size = np.concatenate([np.full(len(k), t.shape[1]) for t, k in parts])
    order = np.argsort(keys, kind="stable")  # a list's gaps keep the order of their findings
    place = np.empty(len(keys), dtype=np.int64)
    place[order] = np.arange(len(keys))
    offset = (np.cumsum(size[order]) - size[order])[place]  # where each row's texts begin
    texts = np.empty(int(size.sum()), dtype=object)
    at = 0
    for table, k in parts:
        for c in range(table.shape[1]):
            texts[offset[at:at + len(k)] + c] = table[:, c]
        at += len(k)
    gap_rows = place[at - len(items):]
    is_gap = np.zeros(len(keys), dtype=bool)
    is_gap[gap_rows] = True
    leads = is_gap & ~np.r_[False, is_gap[:-1]]  # in sorted order: a gap right after its list's opening
    texts[offset[at - len(items):]] = SEPS[leads[gap_rows] * 1]  # each gap's first piece: its separator
    return texts.tolist()


def _gap_texts(rules: list[str], rule: np.ndarray, had: np.ndarray, old_rows: np.ndarray, new_rows: np.ndarray,
               old: _Side, new: _Side) -> tuple[np.ndarray, np.ndarray]:
    """Per gap its text (compare._gap's fields), joined once per distinct pair of findings, and whether
    it narrowed (earns more points now: Changes' `narrowed`)."""
    texts = np.empty(len(rule), dtype=object)
    narrowed = np.zeros(len(rule), dtype=bool)
    for r in np.unique(rule).tolist():
        m = np.flatnonzero(rule == r)
        rid = rules[r]
        was, now = old.codes(rid, old_rows[m], had[m]), new.codes(rid, new_rows[m])
        _, first, pair = np.unique((was + 1) * (int(now.max()) + 1) + now, return_index=True, return_inverse=True)
        (b, b_titles, b_points), (a, a_titles, a_points) = new.pieces(rid, now[first]), old.pieces(rid, was[first])
        title = np.where(np.equal(b_titles, None), a_titles, b_titles)  # after's title, or before's, or the rule
        title[np.equal(title, None)] = scalar(rid).encode("utf-8")
        pieces = np.empty((len(first), 11), dtype=object)
        pieces[:, 0] = ("{" + _at(5) + '"rule": ' + scalar(rid) + KEY + '"title": ').encode("utf-8")
        pieces[:, 1] = title
        pieces[:, NEW_COLUMNS] = b
        pieces[:, OLD_COLUMNS] = a
        texts[m] = object_array([b"".join(p) for p in pieces.tolist()])[pair]
        narrowed[m] = (b_points > a_points)[pair]
    return texts, narrowed


class _Side:
    """One side's findings as pieces of a gap's text, made once per distinct finding of a rule and kept
    (at most KEEP: beyond that they are let go and made again when met, so memory stays bounded)."""

    def __init__(self, side: SideTable, fields: dict[str, tuple[str, str]]):
        self.side, self.fields = side, fields
        self.kept: dict[str, tuple] = {}  # rule -> (made, pieces, titles, points) per code, and last: no finding
        self.made = 0

    def codes(self, rule: str, rows: np.ndarray, had: np.ndarray | None = None) -> np.ndarray:
        """The code of each of rows' finding of `rule`; -1 where not `had` (the row has no such finding)."""
        if had is None:
            return self.side.codes(rule)[0][rows]
        if not had.any():  # (nor need the rule be in this side's standard)
            return np.full(len(rows), -1)
        return np.where(had, self.side.codes(rule)[0][rows], -1)

    def pieces(self, rule: str, codes: np.ndarray) -> tuple[np.ndarray, ...]:
        """For each code (self.codes): its pieces (one per field: OLD or NEW), its title's JSON (None
        where it has none) and its points (None as 0); code -1, no finding: every value null."""
        if (codes < 0).all():
            return (np.full((len(codes), len(self.fields)), NULL, dtype=object),
                    np.full(len(codes), None, dtype=object), np.zeros(len(codes)))
        first = self.side.codes(rule)[1]
        if self.made > KEEP:
            self.kept.clear()
            self.made = 0
        got = self.kept.get(rule)
        if got is None:
            size = len(first) + 1
            got = self.kept[rule] = (np.r_[np.zeros(size - 1, dtype=bool), True],
                                     np.full((size, len(self.fields)), NULL, dtype=object),
                                     np.full(size, None, dtype=object), np.zeros(size))
        made, pieces, titles, points = got
        for code in np.unique(codes[~made[codes]]).tolist():
            f = self.side.one_finding(rule, int(first[code]))
            pieces[code] = [(lead + scalar(f.get(name)) + then).encode("utf-8")
                            for name, (lead, then) in self.fields.items()]
            titles[code] = scalar(f["title"]).encode("utf-8") if f.get("title") else None
            points[code] = f.get("points") or 0
            made[code] = True
            self.made += 1
        return pieces[codes], titles[codes], points[codes]
