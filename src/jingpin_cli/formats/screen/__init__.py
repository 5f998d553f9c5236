"""Formats of `jingpin screen`: each renders a Screened (the screening, its near misses and, when
asked, the stability draws) with the one Options of every format."""

from __future__ import annotations

from typing import Any, NamedTuple


class Screened(NamedTuple):
    screening: Any  # results.screen.picking.Screening
    near: Any = None  # results.screen.near_miss.NearMisses
    stab: Any = None  # results.screen.stability.Stability
