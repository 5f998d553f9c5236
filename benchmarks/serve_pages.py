"""How fast the pages of `jingpin serve` answer (issue 21's targets), in one process through
Starlette's TestClient (the ASGI app itself, no network):

- upload of the sample (data/xinshi-2011's tables) → the 数据 page with its check → 全区概览: ≤ 1.5 s;
- a page of the ranking at 100 000 communities, once scored (first page, a sorted page, a far page, a
  text search, the JSON the script asks for): ≤ 0.3 s each.

The first upload in the process is timed apart from the median of later ones (each in a new session):
the first pays for importing the renderers. Run: `python benchmarks/serve_pages.py [--n 100000]`
(with PYTHONPATH=src in a checkout); needs the serve and test extras (httpx2 for the TestClient)."""

from __future__ import annotations

import argparse
import importlib.util
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from starlette.testclient import TestClient

from jingpin_cli.serve.app import create_app

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"


def generator():
    """benchmarks/run.py's synthetic communities (its write_csv), loaded as a module, not run."""
    spec = importlib.util.spec_from_file_location("bench_run", ROOT / "benchmarks" / "run.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def token(client: TestClient) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get("/data").text).group(1)


def upload_to_overview(app) -> float:
    """Seconds from sending the sample (its table, then its survey answers, as a user sends them) to
    the overview page, in a new session; each upload is followed by the 数据 page and its check."""
    with TestClient(app) as client:
        tables = [("files", (p.name, p.read_bytes())) for p in sorted(SAMPLE.glob("*.csv"))]
        answers = [("files", (p.name, p.read_bytes())) for p in sorted((SAMPLE / "surveys").glob("*.csv"))]
        csrf = token(client)
        start = time.perf_counter()
        client.post("/upload", data={"csrf": csrf, "kind": "data"}, files=tables)  # → /data, checked
        checked = client.post("/upload", data={"csrf": csrf, "kind": "survey"}, files=answers)
        overview = client.get("/overview")
        assert "正在处理" not in checked.text + overview.text, "the sample took longer than the page waits"
        took = time.perf_counter() - start
    assert "检查通过" in checked.text and '<div class="v">75</div>' in overview.text, "the sample did not score"
    return took


def timed(client: TestClient, url: str, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
    return statistics.median(times)


def ranking_pages(n: int) -> list[tuple[str, float]]:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "data"
        folder.mkdir()
        generator().write_csv(folder / "communities.csv", n)
        with TestClient(create_app(folder)) as client:
            start = time.perf_counter()
            while "正在处理" in client.get("/ranking").text:  # the working page, reloaded as a browser does
                time.sleep(0.2)
            scored = time.perf_counter() - start
            rows = [(f"reading and scoring {n} communities, first ranking page (once)", scored)]
            for what, url in (("ranking, first page", "/ranking"),
                              ("ranking sorted by score ↑", "/ranking?sort=score"),
                              ("ranking, page 500", "/ranking?page=500"),
                              ("ranking, text search '第12345'", "/ranking?q=%E7%AC%AC12345"),
                              ("ranking.json, page 2 by name", "/ranking.json?sort=name&page=2")):
                rows.append((what, timed(client, url)))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="communities for the ranking pages (0: none)")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    app = create_app()
    first = upload_to_overview(app)
    later = statistics.median(upload_to_overview(app) for _ in range(args.runs))
    print(f"upload of the sample → overview: first {first:.2f} s, then median {later:.2f} s  (target ≤ 1.5 s)")
    for what, seconds in ranking_pages(args.n) if args.n else ():
        print(f"{what}: {seconds:.3f} s" + ("" if "once" in what else "  (target ≤ 0.3 s)"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
