#!/usr/bin/env python3
"""Time the report formats (HTML, Excel) and `jingpin diff` as whole processes, and size their files.

    python benchmarks/reports.py                     # the 75-community sample and N = 1 000; 3 runs
    python benchmarks/reports.py --sizes 1000 10000 --runs 3

Prints, per case, the median wall time and median CPU time (user + system; wall time on a shared
machine swings with its load) of fresh processes, and the size of the file written. Synthetic
communities come from benchmarks/run.py (seeded), so runs are comparable."""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
JINGPIN = [sys.executable, "-m", "jingpin_cli"]


def _run_module():
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def once(args: list[str]) -> tuple[float, float]:
    """(wall, cpu) seconds of one jingpin process."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(JINGPIN + args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    after = os.times()
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): jingpin {' '.join(args)}\n{proc.stderr[-2000:]}")
    return wall, (after.children_user - before.children_user) + (after.children_system - before.children_system)


def case(name: str, args: list[str], out: Path | None, runs: int) -> None:
    samples = [once(args) for _ in range(runs)]
    wall = statistics.median(s[0] for s in samples)
    cpu = statistics.median(s[1] for s in samples)
    size = f"{out.stat().st_size / 1024:9.0f} KiB" if out is not None and out.exists() else ""
    print(f"  {name:<34} wall {wall:7.2f} s   cpu {cpu:7.2f} s   {size}", flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000], help="synthetic community counts")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench = _run_module()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        folders = [("sample (75)", ROOT / "data" / "xinshi-2011")]
        for n in args.sizes:
            folder = tmp / f"n{n}"
            folder.mkdir()
            bench.write_csv(folder / "communities.csv", n)
            folders.append((f"N = {n}", folder))
        for label, folder in folders:
            print(label)
            for fmt in ("csv", "json", "html", "xlsx"):
                out = tmp / f"{folder.name}.{fmt}"
                case(f"audit -o .{fmt}", ["audit", str(folder), "-o", str(out)], out, args.runs)
            old = tmp / f"{folder.name}.json"
            for fmt in ("md", "html"):
                out = tmp / f"{folder.name}-diff.{fmt}"
                case(f"diff JSON-report folder -o .{fmt}", ["diff", str(old), str(folder), "-o", str(out)], out,
                     args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
