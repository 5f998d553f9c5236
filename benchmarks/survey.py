#!/usr/bin/env python3
"""Time `jingpin survey` as whole processes: on the sample, and on the sample's 75 communities with
many more synthetic answers (one CSV per community, as offices hand them in).

    python benchmarks/survey.py                    # sample, 10 000 and 100 000 answers; 3 runs each
    python benchmarks/survey.py --answers 50000 --runs 5

Reports the median wall time and the median CPU time (user + system) of fresh processes: start-up,
reading, matching, computing and rendering all count. CPU time is given because wall time on a
shared machine swings with its load."""

from __future__ import annotations

import argparse
import csv
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
TABLE = "社区排查摸底表.csv"
JINGPIN = [shutil.which("jingpin")] if shutil.which("jingpin") else [sys.executable, "-m", "jingpin_cli"]


def make_folder(folder: Path, answers: int, seed: int = 7) -> None:
    """The sample table plus `answers` random questionnaires spread over its communities."""
    rng = random.Random(seed)
    (folder / "surveys").mkdir(parents=True)
    shutil.copy(SAMPLE / TABLE, folder / TABLE)
    with (SAMPLE / TABLE).open(encoding="utf-8-sig") as fh:
        names = [row["社区名称"] for row in csv.DictReader(fh)]
    per = answers // len(names)
    for name in names:
        with (folder / "surveys" / f"{name}.csv").open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["序号", "社区", "类别", "是否知晓", "是否参与", "满意程度"])
            for i in range(per):
                w.writerow([i + 1, name, rng.choices(["居民", "个体工商户", "驻社区单位"], [7, 1.5, 1.5])[0],
                            rng.choices(["是", "否", ""], [88, 11, 1])[0], rng.choices(["是", "否"], [85, 15])[0],
                            rng.choices(["满意", "基本满意", "不满意", "不了解", "一般"], [60, 30, 6, 3, 1])[0]])


def timed(args: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(JINGPIN + args, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def report(label: str, args: list[str], runs: int) -> None:
    times = [timed(args) for _ in range(runs)]
    wall = statistics.median(t[0] for t in times)
    cpu = statistics.median(t[1] for t in times)
    print(f"{label:<34} wall {wall:6.2f} s   cpu {cpu:6.2f} s   (median of {runs})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    report("jingpin --help", ["--help"], args.runs)
    report("survey data/xinshi-2011 (391)", ["survey", str(SAMPLE)], args.runs)
    report("audit data/xinshi-2011", ["audit", str(SAMPLE)], args.runs)
    for n in args.answers:
        with tempfile.TemporaryDirectory() as tmp:
            make_folder(Path(tmp), n)
            report(f"survey, {n:,} answers in 75 files", ["survey", tmp, "--format", "json"], args.runs)
            report(f"audit, {n:,} answers in 75 files", ["audit", tmp, "--format", "json"], args.runs)


if __name__ == "__main__":
    main()
