#!/usr/bin/env python3
"""Time jingpin against its peers on the same synthetic data, in one run, as whole processes.

    python benchmarks/run.py               # quick: every row at N = 10 000 and 100 000 survey answers, once
    python benchmarks/run.py --full        # 10 000 and 100 000, 600 000, 5 000 000 answers; 3 runs each
    python benchmarks/run.py --sizes 100000 --only audit-csv screen --runs 3 --keep /tmp/bench

Every figure is the median of several runs of a fresh process (start-up, reading, scoring and
writing all count): wall time, CPU time (user + system) and the peak resident memory of those
runs. The commands of one size run in turns, one run of each per round, so that their ratios
compare like with like on a machine whose speed drifts. The baseline reads the very same CSV:
pandas only reading it (and pyarrow only reading it, where --pyarrow-python has pyarrow; pandera
with --pandera and the `bench` extra)."""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
SEED = 20260508
TIME_V = Path("/usr/bin/time")
JINGPIN = [shutil.which("jingpin")] if shutil.which("jingpin") else [sys.executable, "-m", "jingpin_cli"]

# The six numeric thresholds of the standard, as the pandera baseline checks them.
THRESHOLDS = {
    "service_area_m2": 300, "fitness_area_m2": 200, "new_books": 1000,
    "awareness_rate": 90, "participation_rate": 90, "satisfaction_rate": 95,
}

# ---- synthetic data ----------------------------------------------------------------------------

def _sample_generator():
    """scripts/make_sample_data.py: its community() draws one plausible community."""
    spec = importlib.util.spec_from_file_location("make_sample_data", ROOT / "scripts" / "make_sample_data.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def communities(n: int, seed: int = SEED):
    """n communities with canonical keys; about one in eight leaves a few cells blank (unknown)."""
    gen = _sample_generator()
    rng = random.Random(seed)
    keys = [k for _, k in gen.COLUMNS]
    for i in range(1, n + 1):
        q = gen.clamp(rng.betavariate(2.2, 2.0), 0.02, 0.98)
        r = gen.community(rng, i, "", gen.STREETS[i % len(gen.STREETS)], q)
        r["id"] = f"{130000000000 + i}"
        r["name"] = f"第{i}社区"
        if rng.random() < 0.125:
            for key in rng.sample(keys[3:], rng.choice([1, 2, 4])):
                r[key] = None
        yield keys, r


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    return f"{value:g}" if isinstance(value, float) else str(value)


def write_csv(path: Path, n: int, seed: int = SEED) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        for i, (keys, r) in enumerate(communities(n, seed)):
            if i == 0:
                writer.writerow(keys)
            writer.writerow([_cell(r[k]) for k in keys])
    return path


def write_yaml_folder(folder: Path, n: int, seed: int = SEED) -> Path:
    """One YAML record per community, as a district collecting files from each office would have."""
    folder.mkdir(parents=True, exist_ok=True)
    for keys, r in communities(n, seed):
        lines = [f"{k}: {_yaml_scalar(r[k])}" for k in keys if r[k] is not None]
        (folder / f"{r['id']}.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def _yaml_scalar(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return _cell(value)


# ---- baselines -----------------------------------------------------------------------------------

PANDAS_READ = "import sys, pandas; pandas.read_csv(sys.argv[1])"

PANDERA_VALIDATE = f"""
import sys, pandas
import pandera.pandas as pa
schema = pa.DataFrameSchema(
    {{col: pa.Column(float, pa.Check.ge(minimum), nullable=True, coerce=True)
      for col, minimum in {THRESHOLDS!r}.items()}})
frame = pandas.read_csv(sys.argv[1])
try:
    schema.validate(frame, lazy=True)  # lazy: collect every failing cell, as jingpin reports every gap
except pa.errors.SchemaErrors as exc:
    print(len(exc.failure_cases), "failures")
"""


# ---- timing --------------------------------------------------------------------------------------

def run_once(cmd: list[str], env: dict) -> tuple[float, float, int | None]:
    """(wall seconds, CPU seconds = user + system, peak RSS in KiB) of one whole process."""
    wrapped = [str(TIME_V), "-v"] + cmd if TIME_V.exists() else cmd
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    return wall, cpu, int(m.group(1)) if m else after.ru_maxrss  # else: the high-water mark of all children


def measure(name: str, cmd: list[str], runs: int, env: dict) -> dict:
    return measure_together([(name, name, cmd)], runs, env)[name]


def measure_together(items: list[tuple[str, str, list[str]]], runs: int, env: dict) -> dict[str, dict]:
    """(key, name, command) measured in turns, one run of each per round: commands compared with
    each other see the same moments of a machine whose speed drifts (a shared VM's does)."""
    samples: dict[str, list] = {key: [] for key, _, _ in items}
    for _ in range(runs):
        for key, _, cmd in items:
            samples[key].append(run_once(cmd, env))
    results = {}
    for key, name, _ in items:
        walls = sorted(w for w, _, _ in samples[key])
        cpus = sorted(c for _, c, _ in samples[key])
        peak = max((m for _, _, m in samples[key] if m is not None), default=None)
        result = {"name": name, "median": statistics.median(walls), "min": walls[0], "max": walls[-1],
                  "cpu": statistics.median(cpus), "runs": runs, "peak_mib": peak / 1024 if peak else None}
        print(f"  {name:<44} median {result['median']:7.2f} s (min {walls[0]:.2f}, max {walls[-1]:.2f}; "
              f"cpu {result['cpu']:.2f} s; n={runs})  peak {result['peak_mib'] or float('nan'):6.0f} MiB", flush=True)
        results[key] = result
    return results


# ---- what is timed -------------------------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One row of the table: a command on the data of size n (in its folder `d`, outputs in `o`)."""
    key: str
    label: str
    args: Callable[[Path, Path], list[str]]  # (data folder, output folder) -> jingpin's arguments
    up_to: int = 10**9  # largest n it is timed at (Excel and Word reports, diff: see --full)
    national: bool = False  # also timed at the national size (600 000)


ROWS = [
    Row("audit", "jingpin audit (terminal)", lambda d, o: ["audit", str(d)], national=True),
    Row("audit-csv", "jingpin audit -o x.csv", lambda d, o: ["audit", str(d), "-o", str(o / "a.csv")], national=True),
    Row("audit-json", "jingpin audit --format json -o (every finding)",
        lambda d, o: ["audit", str(d), "--format", "json", "-o", str(o / "a.json")]),
    Row("audit-html", "jingpin audit -o x.html", lambda d, o: ["audit", str(d), "-o", str(o / "a.html")]),
    Row("audit-md", "jingpin audit -o x.md", lambda d, o: ["audit", str(d), "-o", str(o / "a.md")]),
    Row("audit-xlsx", "jingpin audit -o x.xlsx", lambda d, o: ["audit", str(d), "-o", str(o / "a.xlsx")],
        up_to=10_000),
    Row("audit-docx", "jingpin audit -o x.docx", lambda d, o: ["audit", str(d), "-o", str(o / "a.docx")],
        up_to=10_000),
    Row("screen", "jingpin screen --top 5 (terminal)", lambda d, o: ["screen", str(d), "--top", "5"], national=True),
    Row("screen-json", "jingpin screen --format json", lambda d, o: ["screen", str(d), "--format", "json"],
        national=True),
    Row("screen-csv", "jingpin screen -o x.csv", lambda d, o: ["screen", str(d), "-o", str(o / "s.csv")]),
    Row("screen-xlsx", "jingpin screen -o x.xlsx", lambda d, o: ["screen", str(d), "-o", str(o / "s.xlsx")]),
    Row("files", "jingpin audit -o x.csv (the same as 6 files)",
        lambda d, o: ["audit", str(d.parent / (d.name + "-files")), "-o", str(o / "f.csv")], national=True),
    Row("diff", "jingpin diff of two folders (terminal)",
        lambda d, o: ["diff", str(d), str(d.parent / (d.name + "-later"))], up_to=100_000),
    Row("diff-json", "jingpin diff -o x.json", lambda d, o: ["diff", str(d), str(d.parent / (d.name + "-later")),
                                                              "-o", str(o / "d.json")], up_to=100_000),
    Row("diff-csv", "jingpin diff -o x.csv", lambda d, o: ["diff", str(d), str(d.parent / (d.name + "-later")),
                                                            "-o", str(o / "d.csv")], up_to=100_000),
]

# (row, baseline, target): each ratio is of medians measured in turns, in the same round
RATIOS = [("audit-csv", "pandas", "≤ 4 at 100 000"), ("screen", "pandas", "≤ 2.5"),
          ("screen-json", "pandas", "≤ 2.5"), ("screen-csv", "pandas", "≤ 2.5"), ("screen-xlsx", "pandas", "≤ 2.5"),
          ("screen", "pyarrow", "(stated)"), ("diff", "audit", "≤ 3"), ("diff-json", "audit", "≤ 3"),
          ("diff-csv", "audit", "≤ 3")]

PYARROW_READ = "import sys, pyarrow.csv; pyarrow.csv.read_csv(sys.argv[1])"
SURVEY_READ = "import sys, glob, pandas; [pandas.read_csv(f) for f in glob.glob(sys.argv[1] + '/surveys/*.csv')]"


def has_pyarrow(python: str) -> bool:
    return subprocess.run([python, "-c", "import pyarrow.csv"], capture_output=True).returncode == 0


def make_size(work: Path, n: int, files: int) -> Path:
    """The folder of n communities (one CSV), its twin a year later (the same ids, every value drawn
    again: every community changed, diff's worst case) and the same communities as `files` files.
    Above 100 000 the rows of 100 000 are repeated under new codes: drawing them costs 17 s a 100 000."""
    folder = work / f"n{n}"
    data = folder / "communities.csv"
    if not data.exists():
        t = time.perf_counter()
        folder.mkdir(parents=True, exist_ok=True)
        if n > 100_000:
            repeat_csv(make_size(work, 100_000, files) / "communities.csv", data, -(-n // 100_000), n)
        else:
            write_csv(data, n)
        print(f"N = {n:,}: generated {data.stat().st_size / 2**20:.1f} MiB in {time.perf_counter() - t:.1f} s")
    later = work / f"n{n}-later"
    if n <= 100_000 and not (later / "communities.csv").exists():
        later.mkdir(exist_ok=True)
        write_csv(later / "communities.csv", n, seed=SEED + 1)
    several = work / f"n{n}-files"
    if not several.exists():
        split_csv(data, several, files)
    return folder


def repeat_csv(source: Path, path: Path, times: int, n: int) -> None:
    """The rows of `source` `times` over, each time under new community codes, cut at n rows."""
    with source.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(head)
        written = 0
        for k in range(times):
            for row in body[:n - written]:
                w.writerow([str(int(row[0]) + k * 10**7), *row[1:]])
            written += len(body[:n - written])


def split_csv(path: Path, folder: Path, parts: int) -> None:
    """The CSV as `parts` files of about equal rows, each with the header (a province's districts)."""
    folder.mkdir(parents=True, exist_ok=True)
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    head, body = rows[0], rows[1:]
    size = -(-len(body) // parts)
    for j in range(parts):
        with (folder / f"part{j + 1}.csv").open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([head] + body[j * size:(j + 1) * size])


def time_size(work: Path, n: int, rows: list[Row], runs: int, env: dict, pyarrow_python: str | None,
              national: bool) -> dict[str, dict]:
    """Every row at size n, in turns with the baselines, and the ratios."""
    folder = make_size(work, n, 6)
    data = folder / "communities.csv"
    out = work / "out"
    out.mkdir(exist_ok=True)
    items = [("pandas", "pandas.read_csv only (baseline)", [sys.executable, "-c", PANDAS_READ, str(data)])]
    if pyarrow_python:
        items.append(("pyarrow", "pyarrow.csv.read_csv only", [pyarrow_python, "-c", PYARROW_READ, str(data)]))
    items += [(r.key, r.label, JINGPIN + r.args(folder, out)) for r in rows
              if n <= r.up_to and (r.national or not national)]
    print(f"N = {n:,} ({data.stat().st_size / 2**20:.0f} MiB CSV), {runs} run(s) of each, in turns:")
    results = measure_together(items, runs, env)
    for key, base, target in RATIOS:
        if key in results and base in results:
            print(f"  ratio {key} / {base} = {_ratios(results[key], results[base])}   (target {target})")
    shutil.rmtree(out, ignore_errors=True)
    return {f"{k}-{n}": r for k, r in results.items()}


def _ratios(a: dict, b: dict) -> str:
    """Wall and CPU ratios of two medians: on a loaded machine wall time waits, CPU time does not."""
    return f"{a['median'] / b['median']:.2f} (CPU {a['cpu'] / b['cpu']:.2f})"


def time_survey(work: Path, answers: int, runs: int, env: dict) -> dict[str, dict]:
    """`survey` of many answers (benchmarks/survey.py's folder) against pandas reading the answers."""
    folder = work / f"survey{answers}"
    if not folder.exists():
        t = time.perf_counter()
        make_survey_folder(folder, answers)
        print(f"survey: wrote {answers:,} answers in 75 files in {time.perf_counter() - t:.1f} s")
    print(f"survey of {answers:,} answers, {runs} run(s) of each, in turns:")
    results = measure_together([
        ("answers-read", "pandas.read_csv of the answer files only", [sys.executable, "-c", SURVEY_READ, str(folder)]),
        ("survey", "jingpin survey (terminal)", JINGPIN + ["survey", str(folder)]),
        ("survey-json", "jingpin survey -f json -o", JINGPIN + ["survey", str(folder), "--format", "json", "-o",
                                                               str(work / "survey.json")])], runs, env)
    for key in ("survey", "survey-json"):
        print(f"  ratio {key} / answers-read = {_ratios(results[key], results['answers-read'])}   (target ≤ 3)")
    return {f"{k}-{answers}": r for k, r in results.items()}


def make_survey_folder(folder: Path, answers: int) -> None:
    spec = importlib.util.spec_from_file_location("bench_survey", Path(__file__).with_name("survey.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.make_folder(folder, answers)


def precompile(env: dict) -> None:
    """Byte-compile jingpin's modules as `pip install` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile them again in every timed process."""
    code = "import compileall, jingpin_cli, os; compileall.compile_dir(os.path.dirname(jingpin_cli.__file__), quiet=1)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, stdout=subprocess.DEVNULL)


def import_check(env: dict) -> list[str]:
    """Modules `jingpin --help` imports that it should not (pandas, numpy, openpyxl)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "jingpin_cli", "--help"],
                          capture_output=True, text=True, env=env)
    names = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return sorted(n for n in names if n.split(".")[0] in ("pandas", "numpy", "openpyxl", "pydantic"))


# ---- the run -------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--full", action="store_true",
                        help="N = 10 000 and 100 000 (every row), 600 000 (the national rows) and 5 000 000 "
                             "survey answers, 3 runs each: about an hour on this machine")
    parser.add_argument("--sizes", type=int, nargs="+", help="community counts (quick: 10 000)")
    parser.add_argument("--national", type=int, nargs="*", default=None,
                        help="sizes at which only the national rows are timed (--full: 600 000)")
    parser.add_argument("--answers", type=int, nargs="*", default=None,
                        help="survey answer counts (quick: 100 000; --full: 5 000 000)")
    parser.add_argument("--runs", type=int, help="runs of each large measurement (quick 1, --full 3)")
    parser.add_argument("--only", nargs="+", choices=[r.key for r in ROWS], help="time only these rows")
    parser.add_argument("--pandera", action="store_true", help="also the pandera baseline (the `bench` extra)")
    parser.add_argument("--pyarrow-python", default=sys.executable,
                        help="a Python with pyarrow for the pyarrow baseline (pyarrow is not a dependency of "
                             "jingpin; installing it beside pandas changes pandas, so use another venv)")
    parser.add_argument("--yaml", type=int, default=0, help="also a folder of this many YAML records")
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the generated data in this folder")
    args = parser.parse_args()
    sizes = args.sizes or ([10_000, 100_000] if args.full else [10_000])
    national = args.national if args.national is not None else ([600_000] if args.full else [])
    answers = args.answers if args.answers is not None else ([5_000_000] if args.full else [100_000])
    runs = args.runs or (3 if args.full else 1)
    rows = [r for r in ROWS if not args.only or r.key in args.only]

    began = time.perf_counter()
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "120"}
    env.pop("JINGPIN_PROGRESS", None)
    precompile(env)
    pyarrow_python = args.pyarrow_python if has_pyarrow(args.pyarrow_python) else None
    tmp = Path(tempfile.mkdtemp(prefix="jingpin-bench-"))
    work = args.keep or tmp
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, data in {work}; "
          f"pyarrow baseline: {pyarrow_python or 'none (no pyarrow in --pyarrow-python)'}")
    results: dict[str, dict] = {}
    try:
        print("start-up and the 75-community sample:")
        results |= measure_together([
            ("help", "jingpin --help", JINGPIN + ["--help"]),
            ("audit-sample", "jingpin audit data/xinshi-2011", JINGPIN + ["audit", str(SAMPLE)]),
            ("community-sample", "jingpin audit data/xinshi-2011 --community 新一代社区",
             JINGPIN + ["audit", str(SAMPLE), "--community", "新一代社区"])], 9, env)
        heavy = import_check(env)
        print(f"  `jingpin --help` imports pandas/numpy/openpyxl/pydantic: {', '.join(heavy) if heavy else 'none'}"
              "   (targets: --help ≤ 0.25 s, the sample ≤ 0.7 s)")
        for n in sizes:
            results |= time_size(work, n, rows, runs, env, pyarrow_python, national=False)
            if args.pandera:
                results |= {f"pandera-{n}": measure("pandera, six thresholds", [
                    sys.executable, "-c", PANDERA_VALIDATE, str(work / f"n{n}" / "communities.csv")], runs, env)}
        for n in national:
            results |= time_size(work, n, rows, runs, env, pyarrow_python, national=True)
        for a in answers:
            results |= time_survey(work, a, runs, env)
        if args.yaml:
            folder = work / f"yaml{args.yaml}"
            if not folder.exists():
                write_yaml_folder(folder / "records", args.yaml)
            results["yaml-folder"] = measure(f"jingpin audit (YAML folder of {args.yaml:,})",
                                             JINGPIN + ["audit", str(folder / "records"), "--format", "csv"],
                                             runs, env)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)

    print("\nsummary (median wall seconds, median CPU seconds, peak MiB):")
    for key, r in results.items():
        print(f"  {key:<24} {r['median']:8.2f} s {r['cpu']:8.2f} s {r['peak_mib'] or 0:7.0f} MiB   {r['name']}")
    print(f"\nthe whole run took {time.perf_counter() - began:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
