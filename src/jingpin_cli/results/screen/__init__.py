"""Batch screening: rank every community and pick demonstration sites (picking.py), the near misses
and the smallest set of gaps that would bring each in (near_miss.py), how stable the picks are
under changed weights (stability.py), and the record every screen format renders (record.py)."""
