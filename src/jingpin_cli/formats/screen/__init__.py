"""Formats of `jingpin screen`: each renders a results.screen.record.Screened (the screening, its near
misses and, when asked, the stability draws) with the one Options of every format."""
