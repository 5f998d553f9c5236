#!/usr/bin/env python3
"""Time jingpin against its peers on the same synthetic data, in one run, as whole processes.

    python benchmarks/run.py                      # N = 10 000 and 100 000, medians of 3–5 runs
    python benchmarks/run.py --sizes 10000 --runs 3
    python benchmarks/run.py --yaml 10000         # also: a folder of 10 000 YAML records
    python benchmarks/run.py --sizes 10000 --runs 3 --yaml 0 --paths   # the outputs of issue 20 too

Every figure is the median wall time of several runs of a fresh process (start-up, reading,
scoring and writing all count) and the peak resident memory of those runs. The baselines read the
very same CSV: pandas only reading it, and pandera validating the six numeric thresholds of the
standard. Needs the `bench` extra (`pip install -e .[bench]`) for pandera."""

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

TARGETS = {  # name -> (target seconds or None, how it is judged)
    "help": "≤ 0.3 s", "audit-sample": "≤ 1 s",
    "screen": "≤ 1.5 × pandas read, < pandera, ≤ 1 GB", "audit-json": "≤ 15 s at 100 000",
    "yaml-folder": "≤ 10 s at 10 000",
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

def run_once(cmd: list[str], env: dict, stdin_tty: bool = False) -> tuple[float, int | None]:
    """(wall seconds, peak RSS in KiB) of one whole process."""
    wrapped = [str(TIME_V), "-v"] + cmd if TIME_V.exists() else cmd
    start = time.perf_counter()
    proc = subprocess.run(wrapped, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, text=True)
    wall = time.perf_counter() - start
    if proc.returncode not in (0, 1):
        raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{proc.stderr[-2000:]}")
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    if m:
        return wall, int(m.group(1))
    return wall, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # high-water mark of all children


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
        times = sorted(t for t, _ in samples[key])
        peak = max((m for _, m in samples[key] if m is not None), default=None)
        result = {"name": name, "median": statistics.median(times), "min": times[0], "max": times[-1],
                  "runs": runs, "peak_mib": peak / 1024 if peak else None}
        print(f"  {name:<32} median {result['median']:7.3f} s   (min {times[0]:.3f}, max {times[-1]:.3f}, "
              f"n={runs})   peak {result['peak_mib'] or float('nan'):7.1f} MiB", flush=True)
        results[key] = result
    return results


def measure_paths(work: Path, folder: Path, n: int, files: int, runs: int, env: dict) -> dict[str, dict]:
    """The paths users with many communities take (issue 20), as whole processes: each output format
    of audit and screen, diff of this folder against another year (the same ids, other values: every
    community changed, the worst case) and the same communities as several files."""
    later = work / f"later{n}"
    if not (later / "communities.csv").exists():
        later.mkdir(exist_ok=True)
        write_csv(later / "communities.csv", n, seed=SEED + 1)
    several = work / f"files{n}"
    if not several.exists():
        split_csv(folder / "communities.csv", several, files)
    out = work / "out"
    out.mkdir(exist_ok=True)
    jp = JINGPIN
    results = measure_together([
        (f"audit-csv-{n}", "jingpin audit -o x.csv", jp + ["audit", str(folder), "-o", str(out / "a.csv")]),
        (f"screen-json-{n}", "jingpin screen --format json", jp + ["screen", str(folder), "--format", "json"]),
        (f"screen-csv-{n}", "jingpin screen -o x.csv", jp + ["screen", str(folder), "-o", str(out / "s.csv")]),
        (f"files-{n}", f"jingpin audit -o x.csv ({files} files)", jp + ["audit", str(several), "-o",
                                                                         str(out / "f.csv")]),
        (f"diff-{n}", "jingpin diff (terminal)", jp + ["diff", str(folder), str(later)]),
        (f"diff-json-{n}", "jingpin diff -o x.json", jp + ["diff", str(folder), str(later), "-o",
                                                            str(out / "d.json")]),
    ], runs, env)
    shutil.rmtree(out, ignore_errors=True)
    return results


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


def precompile(env: dict) -> None:
    """Byte-compile jingpin's modules as `pip install` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE would otherwise compile them again in every timed process."""
    code = "import compileall, jingpin_cli, os; compileall.compile_dir(os.path.dirname(jingpin_cli.__file__), quiet=1)"
    subprocess.run([sys.executable, "-c", code], env=env, check=True, stdout=subprocess.DEVNULL)


def has_command(name: str, env: dict) -> bool:
    proc = subprocess.run(JINGPIN + [name, "--help"], capture_output=True, env=env)
    return proc.returncode == 0


def import_check(env: dict) -> list[str]:
    """Modules `jingpin --help` imports that it should not (pandas, numpy, openpyxl)."""
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "jingpin_cli", "--help"],
                          capture_output=True, text=True, env=env)
    names = {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}
    return sorted(n for n in names if n.split(".")[0] in ("pandas", "numpy", "openpyxl", "pydantic"))


# ---- the run -------------------------------------------------------------------------------------

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5, help="runs per large measurement (small ones run 9×)")
    parser.add_argument("--yaml", type=int, default=10_000, help="YAML folder size (0 to skip)")
    parser.add_argument("--keep", type=Path, help="keep the generated data in this folder")
    parser.add_argument("--paths", action="store_true",
                        help="also the outputs of issue 20: audit -o .csv, screen as JSON and CSV, diff of two "
                             "folders (terminal and JSON) and the same communities as --files files")
    parser.add_argument("--files", type=int, default=6, help="with --paths: the several-files folder (6)")
    args = parser.parse_args()

    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "COLUMNS": "120"}
    precompile(env)
    env.pop("JINGPIN_PROGRESS", None)
    tmp = Path(tempfile.mkdtemp(prefix="jingpin-bench-"))
    work = args.keep or tmp
    work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}, data in {work}")
    results: dict[str, dict] = {}
    try:
        print("start-up and the 75-community sample:")
        results["help"] = measure("jingpin --help", JINGPIN + ["--help"], 9, env)
        heavy = import_check(env)
        print(f"  `jingpin --help` imports pandas/numpy/openpyxl/pydantic: {', '.join(heavy) if heavy else 'none'}")
        results["audit-sample"] = measure("jingpin audit data/xinshi-2011", JINGPIN + ["audit", str(SAMPLE)], 9, env)

        screen = has_command("screen", env)
        screen_cmd = ["screen"] if screen else ["audit", "--format", "csv"]
        screen_name = "jingpin screen" if screen else "jingpin audit --format csv (no screen yet)"
        for n in args.sizes:
            folder = work / f"n{n}"
            folder.mkdir(exist_ok=True)
            data = folder / "communities.csv"
            if not data.exists():
                t = time.perf_counter()
                write_csv(data, n)
                print(f"N = {n:,}: generated {data.stat().st_size / 2**20:.1f} MiB in {time.perf_counter() - t:.1f} s")
            else:
                print(f"N = {n:,}: reusing {data}")
            out = work / f"out-{n}.json"
            runs = args.runs
            results |= measure_together([  # the ratios' three commands, in turns
                (f"pandas-{n}", "pandas.read_csv only", [sys.executable, "-c", PANDAS_READ, str(data)]),
                (f"pandera-{n}", "pandera, six thresholds", [sys.executable, "-c", PANDERA_VALIDATE, str(data)]),
                (f"screen-{n}", screen_name, JINGPIN + screen_cmd + [str(folder)])], runs, env)
            results[f"json-{n}"] = measure("jingpin audit --format json -o",
                                           JINGPIN + ["audit", str(folder), "--format", "json", "-o", str(out)],
                                           runs, env)
            print(f"  output JSON: {out.stat().st_size / 2**20:.0f} MiB")
            out.unlink()
            p, v, s = (results[f"{k}-{n}"]["median"] for k in ("pandas", "pandera", "screen"))
            print(f"  ratios: screen / pandas-read = {s / p:.2f} (target ≤ 1.5)   "
                  f"screen / pandera = {s / v:.2f} (target < 1)")
            if args.paths:
                results |= measure_paths(work, folder, n, args.files, runs, env)

        if args.yaml:
            folder = work / f"yaml{args.yaml}"
            if not folder.exists():
                t = time.perf_counter()
                write_yaml_folder(folder / "records", args.yaml)
                print(f"YAML: wrote {args.yaml:,} record files in {time.perf_counter() - t:.1f} s")
            results["yaml-folder"] = measure(f"jingpin audit (YAML folder of {args.yaml:,})",
                                             JINGPIN + ["audit", str(folder / "records"), "--format", "csv"],
                                             args.runs, env)
    finally:
        if args.keep is None:
            shutil.rmtree(tmp, ignore_errors=True)

    print("\nsummary (median seconds, peak MiB):")
    for key, r in results.items():
        print(f"  {key:<16} {r['median']:7.3f} s  {r['peak_mib'] or 0:7.0f} MiB   {r['name']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
