"""`jingpin serve` through Starlette's TestClient: every page on the sample data, the same answers as
the command line, and the safety rules (CSRF, password, workspace, file names, escaping)."""

from __future__ import annotations

import csv
import html
import importlib.util
import io
import json
import re
import shutil
import threading
import zipfile
from pathlib import Path

import pytest

pytest.importorskip("starlette", reason="the serve extra is not installed: pip install '.[serve]'")
if importlib.util.find_spec("httpx2") is None:  # Starlette's TestClient: httpx2 (or httpx before Starlette 1.2)
    pytest.importorskip("httpx", reason="Starlette's TestClient needs httpx2 (the test extra)")

import docx  # noqa: E402
import openpyxl  # noqa: E402
from screen_data import community, write_folder  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from jingpin_cli.cli import app as cli_app  # noqa: E402
from jingpin_cli.formats.diff.common import district_rows  # noqa: E402
from jingpin_cli.records.progress import progress  # noqa: E402
from jingpin_cli.results.check.run import check, record  # noqa: E402
from jingpin_cli.serve import app as app_module  # noqa: E402
from jingpin_cli.serve import workspace  # noqa: E402
from jingpin_cli.serve.app import create_app  # noqa: E402
from jingpin_cli.serve.ranking import PAGE_SIZE, Query, select  # noqa: E402
from jingpin_cli.serve.security import folders_root  # noqa: E402
from jingpin_cli.text.numbers import signed  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "xinshi-2011"
runner = CliRunner()


def cli_json(*args) -> dict:
    result = runner.invoke(cli_app, [str(a) for a in args] + ["-f", "json", "-o", "-"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def token(client: TestClient, page: str = "/data") -> str:
    return re.search(r'name="csrf" value="([^"]+)"', client.get(page).text).group(1)


def upload(client: TestClient, files: list[tuple[str, bytes]], kind: str = "data", follow: bool = True):
    return client.post("/upload", data={"csrf": token(client), "kind": kind},
                       files=[("files", (name, content)) for name, content in files], follow_redirects=follow)


def upload_sample(client: TestClient):
    upload(client, [(p.name, p.read_bytes()) for p in SAMPLE.glob("*.csv")])
    return upload(client, [(p.name, p.read_bytes()) for p in (SAMPLE / "surveys").glob("*.csv")], "survey")


def text_of(page: str) -> str:
    return html.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def workspaces(client: TestClient) -> list[workspace.Workspace]:
    return list(client.app.state.server.sessions.by_id.values())


@pytest.fixture(autouse=True)
def patient(monkeypatch):
    """Pages wait for the work they need however long a busy machine takes (the “正在处理…” page is
    tested on its own, with the wait made short)."""
    monkeypatch.setattr(app_module, "WAIT_SECONDS", 120)


@pytest.fixture
def client():
    with TestClient(create_app(root=REPO)) as c:  # folders under the checkout may be named on the page
        yield c


@pytest.fixture
def sample(client):
    upload_sample(client)
    return client


# ---- 数据: upload and check ------------------------------------------------------------------------

def test_uploading_the_sample_checks_clean(client):
    page = upload_sample(client)
    assert page.status_code == 200 and page.url.path == "/data"
    assert "检查通过" in page.text
    assert "社区排查摸底表.csv" in page.text and "surveys/新一代社区问卷.csv" in page.text


def test_problems_of_a_bad_file_are_listed_as_check_words_them_and_the_server_goes_on(client, tmp_path):
    rows = (SAMPLE / "社区排查摸底表.csv").read_text("utf-8-sig").splitlines()
    rows[3] = rows[3].replace(",", ",-7,", 1).replace(",-7,", ",", 1)  # unchanged row, then a broken one:
    rows.append("130699999,坏社区,先锋街道,很多")  # 户数 “很多” is not a number
    bad = tmp_path / "坏表.csv"
    bad.write_text("\n".join(rows) + "\n", encoding="utf-8")
    page = upload(client, [("坏表.csv", bad.read_bytes())])
    expected = check([bad])  # the command line's check of the same file
    assert expected.problems
    shown = text_of(page.text)
    for problem in expected.problems:
        assert record(problem)["message"] in shown
    assert "坏表.csv" in shown and "第 " in shown  # the file and the row
    assert client.get("/ranking").status_code in (200, 422)  # the server answers the next request
    assert client.get("/data").status_code == 200


def test_a_file_type_jingpin_does_not_read_is_refused_with_the_types_it_does(client):
    page = upload(client, [("报告.pdf", b"%PDF-1.4")])
    assert "报告.pdf" in text_of(page.text) and ".xlsx" in page.text
    assert workspaces(client)[0].files() == []


def test_a_named_folder_is_read_and_never_written(client):
    before = {p: p.stat().st_mtime_ns for p in SAMPLE.rglob("*")}
    page = client.post("/folder", data={"csrf": token(client), "folder": str(SAMPLE)})
    assert "检查通过" in page.text
    assert "75" in text_of(client.get("/overview").text)
    client.get("/download/audit.json")
    assert {p: p.stat().st_mtime_ns for p in SAMPLE.rglob("*")} == before


def test_a_missing_folder_is_said_on_the_page(client):
    page = client.post("/folder", data={"csrf": token(client), "folder": str(REPO / "no" / "such")})
    assert "找不到文件夹" in text_of(page.text)


def test_a_folder_outside_the_root_is_refused_unlooked_at(client, tmp_path):
    (tmp_path / "d").mkdir()
    for outside in (str(tmp_path / "d"), "/", "../..", str(SAMPLE / ".." / ".." / "..")):
        page = client.post("/folder", data={"csrf": token(client), "folder": outside})
        assert f"只能读取 {REPO} 之下的文件夹" in text_of(page.text), outside
    missing = client.post("/folder", data={"csrf": token(client), "folder": "/no/such/folder"})
    assert "只能读取" in text_of(missing.text) and "找不到" not in text_of(missing.text)  # existence not told
    assert workspaces(client)[0].folder is None
    relative = client.post("/folder", data={"csrf": token(client), "folder": "data/xinshi-2011"})
    assert "检查通过" in relative.text  # a relative name is taken under the root


def test_a_link_under_the_root_to_a_folder_outside_is_refused(tmp_path):
    (tmp_path / "root").mkdir()
    (tmp_path / "secret").mkdir()
    (tmp_path / "root" / "link").symlink_to(tmp_path / "secret")
    with TestClient(create_app(root=tmp_path / "root")) as c:
        page = c.post("/folder", data={"csrf": token(c), "folder": str(tmp_path / "root" / "link")})
        assert "只能读取" in text_of(page.text) and workspaces(c)[0].folder is None


def test_a_folder_holding_a_file_that_links_outside_the_root_is_refused(tmp_path):
    """The folder is under the root, but one of its data or answer files is a link to a file outside:
    reading the folder would read that file, so the folder is refused, naming the entry."""
    root = tmp_path / "root"
    (root / "d" / "surveys").mkdir(parents=True)
    (tmp_path / "secret.csv").write_text("社区编码,社区名称\nA1,甲\n", encoding="utf-8")
    (root / "d" / "表.csv").write_text("社区编码,社区名称\nA2,乙\n", encoding="utf-8")
    with TestClient(create_app(root=root)) as c:
        for link in (root / "d" / "b.csv", root / "d" / "surveys" / "甲.csv"):
            link.symlink_to(tmp_path / "secret.csv")
            page = c.post("/folder", data={"csrf": token(c), "folder": str(root / "d")})
            assert f"{link.relative_to(root / 'd')} 链接到 {root.resolve()} 之外" in text_of(page.text)
            assert workspaces(c)[0].folder is None
            link.unlink()
        assert "检查通过" in c.post("/folder", data={"csrf": token(c), "folder": str(root / "d")}).text


def test_without_a_root_no_folder_can_be_named():
    """A server others reach (off the loopback, behind a password) started without --root."""
    with TestClient(create_app(password="口令")) as c:
        c.post("/login", data={"csrf": token(c, "/login"), "password": "口令"})
        page = c.get("/data")
        assert "此网页不读取本机文件夹" in text_of(page.text) and 'name="folder"' not in page.text
        named = c.post("/folder", data={"csrf": token(c), "folder": str(SAMPLE)})
        assert "此网页不读取本机文件夹" in text_of(named.text) and workspaces(c)[0].folder is None


def test_the_root_by_default(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert folders_root("127.0.0.1", None, None) == tmp_path.resolve()  # the current folder
    assert folders_root("127.0.0.1", None, SAMPLE) == SAMPLE  # the folder given
    assert folders_root("0.0.0.0", None, SAMPLE) is None  # off the loopback: only under --root
    assert folders_root("0.0.0.0", REPO / "data", SAMPLE) == REPO / "data"


def test_a_folder_given_outside_the_root_stops_the_command(tmp_path):
    result = runner.invoke(cli_app, ["serve", str(SAMPLE), "--root", str(tmp_path), "--no-browser"])
    assert result.exit_code == 2 and "--root" in result.output and str(tmp_path) in result.output


# ---- results: the same answers as the command line -------------------------------------------------

def test_overview_shows_the_counts_the_cli_shows(sample):
    report = cli_json("audit", SAMPLE)
    communities = report["communities"]
    assert len(communities) == 75
    eligible = sum(c["eligible"] for c in communities)
    page = sample.get("/overview").text
    cards = dict(re.findall(r'<div class="k">([^<]+)</div><div class="v">([^<]+)</div>', page))
    assert cards["社区数"] == "75"
    assert cards["可评选"] == str(eligible)
    assert "社区排查摸底表.csv" in text_of(page) and "xinshi-2011" in page  # which files, which standard


def test_community_page_shows_every_gap_message_the_cli_shows(sample):
    cli = cli_json("audit", SAMPLE, "--community", "新一代社区")["communities"][0]
    gaps = [f["message"] for f in cli["findings"] if f["status"] in ("fail", "partial")]
    assert gaps
    page = text_of(sample.get("/community", params={"q": "新一代社区"}).text)
    for message in gaps:
        assert message in page
    by_id = text_of(sample.get("/community", params={"id": cli["id"]}).text)
    assert gaps[0] in by_id


def test_an_unknown_community_is_said_not_crashed(sample):
    page = sample.get("/community", params={"q": "没有这个社区"})
    assert page.status_code == 404 and "没有这个社区" in text_of(page.text)


def test_screen_form_picks_what_jingpin_screen_picks(sample):
    cli = cli_json("screen", SAMPLE, "--top", "5", "--per-street", "2", "--pilot")
    page = sample.get("/screen", params={"top": 5, "per_street": 2, "pilot": 1}).text
    picks = page[page.index('<ol class="picks">'):page.index("</ol>")]
    shown = [html.unescape(i) for i in re.findall(r'href="/community\?id=([^"]+)"', picks)]
    assert shown == cli["selected"]
    pilot = next(r["name"] for r in cli["ranking"] if r["id"] == cli["pilot"]["id"])
    assert pilot in text_of(page[page.index("</ol>"):])


def test_stability_draws_are_those_of_jingpin_screen(sample):
    cli = cli_json("screen", SAMPLE, "--top", "6", "--stability", "50", "--spread", "0.3")["stability"]
    page = sample.get("/screen", params={"top": 6, "stability": 50, "spread": 30}).text
    assert "各规则分值随机浮动 ±30%，50 次抽样（种子 2011）" in text_of(page)
    table = page[page.index('id="stability"'):]
    table = table[:table.index("</table>")]
    shown = dict(zip([html.unescape(i) for i in re.findall(r'href="/community\?id=([^"]+)"', table)],
                     re.findall(r'class="(?:ok|bad)">([^<]+)<', table), strict=True))
    assert shown == {cid: f"{share * 100:g}%" for cid, share in cli["picked_share"].items()}
    # the download carries the same draws as the command's JSON
    download = json.loads(sample.get("/download/screen.json", params={"top": 6, "stability": 50, "spread": 30}).content)
    assert download["stability"] == cli
    assert "stability" not in json.loads(sample.get("/download/screen.json", params={"top": 6}).content)  # unasked


def test_ranking_filters_by_street_eligibility_and_text(sample):
    everyone = sample.get("/ranking.json").json()
    assert everyone["total"] == 75 and everyone["rows"][0]["rank"] == 1
    street = everyone["rows"][0]["street"]
    some = sample.get("/ranking.json", params={"street": street, "eligible": "yes"}).json()
    assert 0 < some["total"] < 75
    assert all(r["street"] == street and r["eligible"] for r in some["rows"])
    found = sample.get("/ranking.json", params={"q": "新一代"}).json()
    assert [r["name"] for r in found["rows"]] == ["新一代社区"]
    page = sample.get("/ranking", params={"q": "新一代"}).text  # the same without JavaScript
    assert "新一代社区" in page and "朝阳社区" not in page


def test_ranking_pages_are_cut_on_the_server():
    import pandas as pd

    n = 2 * PAGE_SIZE + 7
    frame = pd.DataFrame({"id": [f"c{i}" for i in range(n)], "rank": range(1, n + 1), "name": ["x"] * n,
                          "street": ["s"] * n, "score": [float(n - i) for i in range(n)], "grade": ["g"] * n,
                          "grade_id": ["g"] * n, "eligible": [True] * n, "gaps": [0] * n, "unknown": [0] * n,
                          "search": [f"x\nc{i}" for i in range(n)]})
    rows, total, page = select(frame, Query(page=3))
    assert (len(rows), total, page) == (7, n, 3)
    rows, _, page = select(frame, Query(page=99))  # past the end: the last page
    assert page == 3
    rows, _, _ = select(frame, Query(sort="score"))  # ascending: the lowest score first
    assert rows["score"].iloc[0] == 1.0
    rows, total, _ = select(frame, Query(q="C20"))  # name or id, any case: c20, c200 … c206
    assert total == 8 and set(rows["id"]) == {"c20", *(f"c20{i}" for i in range(7))}


def test_a_kept_sort_order_gives_the_rows_a_fresh_sort_gives(sample):
    """Each sort's order of the whole ranking is kept once computed: filtered and paged through it,
    the rows are those pandas' stable sort of the filtered rows gives (equal values in rank order)."""
    sample.get("/ranking")
    frame = workspaces(sample)[0].cache["ranking.zh"][0]
    orders: dict = {}
    for sort in ("score", "name", "street", "grade", "eligible", "gaps", "unknown"):
        for desc in (False, True):
            for filters in ({}, {"eligible": "no"}, {"street": frame["street"].iloc[0]}):
                kept = select(frame, Query(sort=sort, desc=desc, **filters), orders)[0]
                keep = (frame["eligible"] == False) if filters.get("eligible") else (  # noqa: E712
                    frame["street"] == filters["street"] if filters else frame["id"].notna())
                fresh = frame[keep].sort_values(sort, ascending=not desc, kind="stable")
                assert kept["id"].tolist() == fresh["id"].tolist(), (sort, desc, filters)
    assert len(orders) == 14  # one order per sort and direction, whatever the filter


def test_every_download_opens(sample):
    book = openpyxl.load_workbook(io.BytesIO(sample.get("/download/audit.xlsx").content))
    assert book.sheetnames
    # the Word report of the whole district takes seconds; the screening's is built by the same kit
    document = docx.Document(io.BytesIO(sample.get("/download/screen.docx").content))
    assert document.paragraphs
    assert len(json.loads(sample.get("/download/audit.json").content)["communities"]) == 75
    assert "新一代社区" in sample.get("/download/audit.csv").content.decode("utf-8-sig")
    assert sample.get("/download/audit.html").text.startswith("<!DOCTYPE html>")
    assert sample.get("/download/audit.md").status_code == 200
    picks = json.loads(sample.get("/download/screen.json", params={"top": 3}).content)["selected"]
    assert picks == cli_json("screen", SAMPLE, "--top", "3")["selected"]
    openpyxl.load_workbook(io.BytesIO(sample.get("/download/screen.xlsx").content))
    assert sample.get("/download/audit.exe").status_code == 404


def test_before_and_after_from_last_years_json(sample, tmp_path):
    last_year = sample.get("/download/audit.json").content
    page = sample.post("/diff", data={"csrf": token(sample)}, files=[("before", ("去年.json", last_year))])
    assert page.status_code == 200 and "去年.json" in page.text
    diff = json.loads(sample.get("/download/diff.json").content)
    assert diff["communities"] and all(c["delta"] == 0 for c in diff["communities"])  # the same data: no change


def last_years_table(tmp_path: Path) -> Path:
    """The sample with every community's 服务用房总面积 100 ㎡ smaller: some fell short of 300 ㎡ last year."""
    rows = list(csv.reader(io.StringIO((SAMPLE / "社区排查摸底表.csv").read_text("utf-8-sig"))))
    at = next(i for i, h in enumerate(rows[0]) if h.startswith("服务用房总面积"))
    for row in rows[1:]:
        row[at] = str(max(0, float(row[at]) - 100)) if row[at] else row[at]
    folder = tmp_path / "去年"
    folder.mkdir()
    with (folder / "去年摸底表.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return folder


def test_before_and_after_from_last_years_data_files(client, tmp_path):
    """Last year's data uploaded as the "before" side: the diff of `jingpin diff OLD NOW` (the same
    changes, community by community), NOW being the session's data (its survey answers included)."""
    upload_sample(client)
    old = last_years_table(tmp_path)
    table = (old / "去年摸底表.csv").read_bytes()
    page = client.post("/diff", data={"csrf": token(client)}, files=[("before", ("去年摸底表.csv", table))])
    assert page.status_code == 200 and "对比：去年摸底表.csv → 当前数据" in text_of(page.text)
    shown = json.loads(client.get("/download/diff.json").content)
    cli = cli_json("diff", old, SAMPLE)
    assert shown["communities"] == cli["communities"] and shown["district"] == cli["district"]
    assert any(c["closed"] for c in shown["communities"])  # 100 ㎡ more this year closed some gaps
    # the district totals as `jingpin diff` words them: who entered and who left the eligible list named
    page = text_of(client.get("/diff").text)
    for row in district_rows(cli, "zh", limit=20):
        change = row.change if isinstance(row.change, str) else signed(row.change)
        assert f"{row.label} {row.old} {row.new} {change}" in page, (row, page)
    # the report itself was not read again for the diff: the scored one is kept
    assert "report" in workspaces(client)[0].cache


def test_last_years_survey_answers_go_with_its_data_files(client, tmp_path):
    """The "before" side uploaded with its survey answers is read as `jingpin diff` reads a folder with
    a surveys/ folder: its rates come from the answers, as this year's do (left out, last year's rates
    are the table's, and the diff says the sources differ)."""
    upload_sample(client)
    old = last_years_table(tmp_path)
    shutil.copytree(SAMPLE / "surveys", old / "surveys")
    answers = [("before_survey", (p.name, p.read_bytes())) for p in sorted((old / "surveys").iterdir())]
    table = ("before", ("去年摸底表.csv", (old / "去年摸底表.csv").read_bytes()))
    page = client.post("/diff", data={"csrf": token(client)}, files=[table, *answers])
    assert page.status_code == 200 and f"去年摸底表.csv（及问卷答卷 {len(answers)} 个文件）" in text_of(page.text)
    shown = json.loads(client.get("/download/diff.json").content)
    cli = cli_json("diff", old, SAMPLE)
    assert shown["communities"] == cli["communities"] and shown["district"] == cli["district"]
    both = {"old": ["survey", "table"], "new": ["survey", "table"]}
    assert shown["district"]["rate_sources"] == both
    without = client.post("/diff", data={"csrf": token(client)}, files=[table])
    assert without.status_code == 200
    assert json.loads(client.get("/download/diff.json").content)["district"]["rate_sources"]["old"] == ["table"]
    # answers belong with data sheets: a JSON report holds its rates already
    refused = client.post("/diff", data={"csrf": token(client)}, files=[("before", ("a.json", b"{}")), answers[0]])
    assert "问卷答卷要和上一年的数据表一起上传" in text_of(refused.text)
    kept = json.loads(client.get("/download/diff.json").content)  # a refused form leaves the side as it was
    assert kept["district"]["rate_sources"]["old"] == ["table"]
    alone = client.post("/diff", data={"csrf": token(client)}, files=answers[:1])  # answers without the sheets
    assert "问卷答卷要和上一年的数据表一起上传" in text_of(alone.text)


def test_a_before_side_over_the_limits_leaves_the_earlier_one(client, tmp_path, monkeypatch):
    """Too many files for the session: refused before last year's side already there is let go."""
    upload_sample(client)
    old = last_years_table(tmp_path)
    table = ("before", ("去年摸底表.csv", (old / "去年摸底表.csv").read_bytes()))
    client.post("/diff", data={"csrf": token(client)}, files=[table])
    before = json.loads(client.get("/download/diff.json").content)
    room = len(workspaces(client)[0].files())  # the data files and the one before-side file: no room for two
    monkeypatch.setattr(app_module, "MAX_FILES", room)
    monkeypatch.setattr(workspace, "MAX_FILES", room)
    page = client.post("/diff", data={"csrf": token(client)}, files=[table, ("before", ("b.csv", b"x"))])
    assert f"文件太多：每次会话最多 {room} 个文件" in text_of(page.text), text_of(page.text)
    assert json.loads(client.get("/download/diff.json").content) == before


def test_before_and_after_from_a_named_folder_and_mixed_sides_refused(client, tmp_path):
    upload_sample(client)
    page = client.post("/diff", data={"csrf": token(client), "before_folder": "data/xinshi-2011"})
    assert "对比：" + str(SAMPLE) in text_of(page.text)
    diff = json.loads(client.get("/download/diff.json").content)
    assert all(c["delta"] == 0 for c in diff["communities"])  # the same data: no change
    outside = client.post("/diff", data={"csrf": token(client), "before_folder": str(tmp_path)})
    assert "只能读取" in text_of(outside.text)
    mixed = client.post("/diff", data={"csrf": token(client)},
                        files=[("before", ("a.json", b"{}")), ("before", ("b.csv", b"x"))])
    assert "不能两者混在一起" in text_of(mixed.text)


def test_long_work_shows_how_far_it_is_and_the_page_then_shows_the_result(client, monkeypatch):
    """Reading held at file 2 of 4 (as records.progress tells it): the page says so and reloads itself
    (no script); once the work is done the page asked for is shown."""
    gate = threading.Event()
    real_check = app_module.check

    def slow_check(*args, **kwargs):
        for n in progress(list(range(4)), "reading data files"):
            if n == 2:
                gate.wait(30)
        return real_check(*args, **kwargs)

    monkeypatch.setattr(app_module, "check", slow_check)
    monkeypatch.setattr(app_module, "WAIT_SECONDS", 0.05)
    upload(client, [(p.name, p.read_bytes()) for p in SAMPLE.glob("*.csv")], follow=False)
    waiting = client.get("/overview")
    assert "正在处理" in waiting.text and '<meta http-equiv="refresh" content="1; url=/overview">' in waiting.text
    for _ in range(100):  # the watcher is told after each file: wait for the reader to reach file 2
        if "已读取 2 / 4 个文件" in client.get("/ranking?sort=score").text:
            break
    page = client.get("/ranking?sort=score")
    assert "已读取 2 / 4 个文件" in page.text and 'url=/ranking?sort=score"' in page.text  # reloads what was asked
    assert "<script" not in page.text.split("</main>")[0]
    gate.set()
    workspaces(client)[0].job.thread.join(30)
    assert '<div class="v">75</div>' in client.get("/overview").text


def test_english_with_lang_en(sample):
    assert "District overview" in sample.get("/overview?lang=en").text
    assert "Ranking" in sample.get("/ranking").text  # the choice is kept for the next page


# ---- safety ------------------------------------------------------------------------------------------

def test_a_post_without_the_csrf_token_is_refused(client):
    assert client.post("/upload", files=[("files", ("a.csv", b"x"))]).status_code == 403
    token(client)
    assert client.post("/clear", data={"csrf": "guessed"}).status_code == 403
    assert workspaces(client)[0].files() == []


def test_a_password_is_asked_and_checked():
    with TestClient(create_app(password="春天的口令")) as c:
        first = c.get("/overview", follow_redirects=False)
        assert first.status_code == 303 and first.headers["location"] == "/login"
        wrong = c.post("/login", data={"csrf": token(c, "/login"), "password": "猜的"})
        assert wrong.status_code == 401 and "密码不对" in wrong.text
        assert c.get("/data", follow_redirects=False).status_code == 303
        c.post("/login", data={"csrf": token(c, "/login"), "password": "春天的口令"})
        assert c.get("/data", follow_redirects=False).status_code == 200
    with TestClient(create_app(password="春天的口令")) as other:  # another browser: its own login
        assert other.get("/data", follow_redirects=False).status_code == 303


def test_binding_another_address_without_a_password_is_refused(monkeypatch):
    monkeypatch.delenv("JINGPIN_PASSWORD", raising=False)
    result = runner.invoke(cli_app, ["serve", "--host", "0.0.0.0", "--no-browser"])
    assert result.exit_code == 2
    assert "--password" in result.output and "JINGPIN_PASSWORD" in result.output


def test_without_the_extra_it_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "uvicorn", None)  # as if not installed
    result = runner.invoke(cli_app, ["serve", "--no-browser"])
    assert result.exit_code == 2
    assert 'pip install ".[serve]"' in result.output and "uvicorn" in result.output


def test_hostile_file_names_stay_in_the_workspace(client, tmp_path):
    content = (SAMPLE / "社区排查摸底表.csv").read_bytes()
    upload(client, [("../../x.csv", content), ("..\\..\\y.csv", content), ("/etc/z.csv", content)])
    ws = workspaces(client)[0]
    names = sorted(p.relative_to(ws.root).as_posix() for p in ws.files())
    assert names == ["data/x.csv", "data/y.csv", "data/z.csv"]
    assert not (ws.root.parent.parent / "x.csv").exists()


def test_names_the_same_after_cleaning_do_not_overwrite_each_other(client):
    upload(client, [("a.csv", b"1"), ("a.csv", b"2")])
    ws = workspaces(client)[0]
    assert sorted(p.name for p in ws.files()) == ["a-2.csv", "a.csv"]


def test_html_in_data_is_escaped_everywhere(client, standard, tmp_path):
    hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>'
    # perfect(): every rule earns its full points, so this community scores 100 of 100
    folder = write_folder(standard, tmp_path / "d", [community(standard, "C1", hostile, hostile)])
    upload(client, [("<b>表</b>.csv", (folder / "排查摸底表.csv").read_bytes())])
    for url in ("/data", "/overview", "/ranking", "/community?q=C1", "/screen", "/diff", "/download"):
        page = client.get(url).text
        assert "<script>alert" not in page and "<img src=x" not in page, url
    data = client.get("/ranking.json")  # JSON for the script, which writes it with textContent only
    assert data.headers["content-type"] == "application/json" and data.json()["rows"][0]["name"] == hostile
    script = (Path(workspace.__file__).parent / "static" / "ranking.js").read_text("utf-8")
    assert "innerHTML" not in script and "insertAdjacentHTML" not in script
    ranking = client.get("/ranking").text
    assert html.escape(hostile, quote=False) in ranking.replace("&#34;", '"').replace("&#39;", "'")
    assert ">100<" in ranking


def test_upload_limits_hold(client, monkeypatch):
    monkeypatch.setattr(workspace, "MAX_FILES", 2)
    page = upload(client, [("a.csv", b"1"), ("b.csv", b"2"), ("c.csv", b"3")])
    assert "文件太多" in text_of(page.text)
    assert len(workspaces(client)[0].files()) == 2
    monkeypatch.setattr(workspace, "MAX_TOTAL_BYTES", 10)
    page = client.post("/clear", data={"csrf": token(client)})
    page = upload(client, [("big.csv", b"x" * 11)])
    assert "文件太大" in text_of(page.text) and workspaces(client)[0].files() == []


def test_two_sessions_do_not_see_each_others_data():
    app = create_app()
    with TestClient(app) as one, TestClient(app) as two:
        upload_sample(one)
        assert "75" in text_of(one.get("/overview").text)
        assert "还没有数据" in text_of(two.get("/overview").text)
        assert len(app.state.server.sessions.by_id) == 2


def test_the_workspace_is_removed_when_the_session_ends_and_when_the_server_stops():
    app = create_app()
    with TestClient(app) as c:
        upload_sample(c)
        ws = workspaces(c)[0]
        assert ws.root.is_dir()
        c.post("/end", data={"csrf": ws.csrf})
        assert not ws.root.exists()
        upload_sample(c)
        again = workspaces(c)[0]
        assert again.root != ws.root and again.root.is_dir()
    assert not again.root.exists()  # the server stopped


def test_pages_forbid_inline_script_and_outside_sources(sample):
    page = sample.get("/ranking")
    policy = page.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'self'" in policy
    assert not re.search(r"<script(?![^>]*src=\"/static/)", page.text)  # only the vendored script
    for url in ("/data", "/overview", "/ranking", "/screen", "/download"):
        assert not re.search(r'(src|href)="(https?:)?//', sample.get(url).text), url
    assert sample.get("/static/ranking.js").status_code == 200
    assert sample.get("/static/../app.py").status_code == 404


TAILORED = """extends: xinshi-2011
id: my-district-2012
version: "2012.1"
title: {zh: 某区标准, en: Some district}
rules_override:
  svc.service_area:
    min: 400
    source: {local: 本区提高到400平米以上。}
"""


def test_an_uploaded_pack_scores_and_a_broken_one_is_named_with_its_line(sample):
    page = upload(sample, [("本区.yaml", TAILORED.encode("utf-8"))], "pack")
    assert "检查通过" in page.text
    overview = text_of(sample.get("/overview").text)
    assert "某区标准（my-district-2012 2012.1）" in overview  # the result says which standard
    page = upload(sample, [("坏.yaml", b"extends: xinshi-2011\nid: [\n")], "pack")  # replaces the pack
    shown = text_of(page.text)
    assert "坏.yaml，第 3 行" in shown and "YAML" in shown
    assert sample.get("/overview").status_code == 422  # said again on the result pages, not crashed
    sample.post("/standard", data={"csrf": token(sample), "pack": "xinshi-2011"})  # back to a shipped pack
    assert "xinshi-2011" in text_of(sample.get("/overview").text)


def zipped(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def test_a_pack_uploaded_as_a_zip_of_its_folder_scores(sample, tmp_path):
    pack = zipped({"本区标准/本区.yaml": TAILORED.encode("utf-8"), "本区标准/说明.md": b"# notes",
                   "__MACOSX/本区标准/._本区.yaml": b"\x00\x05\x16\x07", "本区标准/": b""})
    page = upload(sample, [("本区标准.zip", pack)], "pack")
    assert "检查通过" in page.text
    ws = workspaces(sample)[0]
    assert sorted(p.relative_to(ws.root).as_posix() for p in ws.place("pack").iterdir()) == ["pack/本区.yaml"]
    assert "某区标准（my-district-2012 2012.1）" in text_of(sample.get("/overview").text)
    # 400 ㎡ now (the shipped pack asks 300): a community's shortfall as the CLI words it with --standard
    (tmp_path / "本区.yaml").write_text(TAILORED, encoding="utf-8")
    cli = cli_json("audit", SAMPLE, "--standard", tmp_path / "本区.yaml")["communities"]
    short = next((c, f) for c in cli for f in c["findings"] if f["rule"] == "svc.service_area" and f["shortfall"])
    assert "400" in short[1]["message"]
    assert short[1]["message"] in text_of(sample.get("/community", params={"id": short[0]["id"]}).text)


def test_a_broken_pack_in_a_zip_gives_the_commands_error_with_its_line(sample):
    page = upload(sample, [("pack.zip", zipped({"x/坏.yaml": b"extends: xinshi-2011\nid: [\n"}))], "pack")
    assert "坏.yaml，第 3 行" in text_of(page.text)


def test_hostile_pack_zips_are_refused_and_nothing_leaves_the_workspace(sample, tmp_path):
    cases = {
        "bomb.zip": zipped({"standard.yaml": b"\n" * (64 * 2**20)}),  # 64 MB of newlines in about 64 KB
        "many.zip": zipped({f"r{i}.yaml": b"a: 1\n" for i in range(60)}),
        "notzip.zip": b"PK\x03\x04 but not really a zip",
        "empty.zip": zipped({"readme.md": b"nothing here"}),
        "twice.zip": zipped({"a/standard.yaml": b"id: a", "b/standard.yaml": b"id: b"}),
    }
    for name, content in cases.items():
        page = text_of(upload(sample, [(name, content)], "pack").text)
        assert "未能接收" in page and name in page, name
    assert "为安全起见不予读取" in text_of(upload(sample, [("bomb.zip", cases["bomb.zip"])], "pack").text)
    climbing = zipped({"../../../../" + str(tmp_path).lstrip("/") + "/evil.yaml": TAILORED.encode("utf-8")})
    upload(sample, [("climb.zip", climbing)], "pack")
    assert not (tmp_path / "evil.yaml").exists()
    ws = workspaces(sample)[0]
    assert [p.name for p in ws.place("pack").iterdir()] == ["evil.yaml"]  # kept by its last name only


def test_survey_page_shows_the_rates_jingpin_survey_computes(sample):
    cli = cli_json("survey", SAMPLE)
    first = cli["communities"][0]
    page = text_of(sample.get("/survey").text)
    assert first["name"] in page
    assert str(round(first["participation"]["rate"], 1)) in page  # rates in %, one decimal, as the CSV writes
    rates = list(__import__("csv").reader(io.StringIO(sample.get("/download/survey.csv").content.decode("utf-8-sig"))))
    assert len(rates) > 1


def test_the_language_switch_keeps_the_page_and_its_query(sample):
    page = sample.get("/community", params={"q": "新一代社区"}).text
    link = html.unescape(re.search(r'<a class="lang" href="([^"]+)"', page).group(1))
    assert link.startswith("/community?") and "lang=en" in link
    english = sample.get(link).text
    assert "新一代社区" in english and "Community" in english


def test_an_upload_larger_than_a_session_may_hold_is_refused_before_reading(client, monkeypatch):
    monkeypatch.setattr("jingpin_cli.serve.app.MAX_TOTAL_BYTES", 10)
    page = upload(client, [("big.csv", b"x" * (2 * 2**20))])
    assert page.status_code == 413 and "文件太大" in text_of(page.text)


def test_sessions_are_bounded_the_longest_unused_ends_first(monkeypatch):
    monkeypatch.setattr(workspace, "MAX_SESSIONS", 3)
    sessions = workspace.Sessions()
    started = [sessions.start() for _ in range(5)]
    assert len(sessions.by_id) == 3
    assert [sid for sid, _ in started[2:]] == list(sessions.by_id)
    assert not started[0][1].root.exists() and not started[1][1].root.exists()  # their folders removed
    sessions.end_all()
    assert not any(ws.root.exists() for _, ws in started)


@pytest.mark.parametrize("params, args", [
    ({"quota": "1%", "rounding": "floor"}, ["--quota", "1%", "--rounding", "floor"]),  # 7 × 1 %, rounded down: none
    ({"quota": "1%", "rounding": "ceil"}, ["--quota", "1%", "--rounding", "ceil"]),  # rounded up: 1
    ({"quota": "30%", "quota_per_street": 1}, ["--quota", "30%", "--quota-per-street"]),
])
def test_the_quota_rounds_and_counts_per_street_as_jingpin_screen_does(sample, params, args):
    cli = cli_json("screen", SAMPLE, *args)
    page = sample.get("/screen", params=params).text
    assert cli["quota"]["text"] in text_of(page)
    if cli["selected"]:
        picks = page[page.index('<ol class="picks">'):page.index("</ol>")]
        assert [html.unescape(i) for i in re.findall(r'href="/community\?id=([^"]+)"', picks)] == cli["selected"]
    else:  # no place: the page says why and what to change (the form offers it), and lists no near miss
        assert cli["ranking"][0]["reasons"][0] in text_of(page) and "没有可评选的社区" not in text_of(page)
        assert not cli["near_misses"] and "差一点入选" not in text_of(page)
    if "rounding" in params:  # the form keeps what was chosen
        assert f'<option value="{params["rounding"]}" selected>' in page


def test_the_download_menu_offers_the_picks_last_shown(sample):
    """The 下载 link in the menu carries no options: its screen files hold the picks the 示范点遴选
    page showed last, not those of the defaults."""
    cli = cli_json("screen", SAMPLE, "--top", "5", "--per-street", "1", "--pilot")
    default = cli_json("screen", SAMPLE, "--top", "5")
    assert cli["selected"] != default["selected"]  # else the test could not tell them apart
    sample.get("/screen", params={"top": 5, "per_street": 1, "pilot": 1})
    downloaded = json.loads(sample.get("/download/screen.json").content)
    assert downloaded["selected"] == cli["selected"] and downloaded["pilot"] == cli["pilot"]
    assert "per_street=1" in sample.get("/download").text
    # options given with the download are taken as they are
    assert json.loads(sample.get("/download/screen.json", params={"top": 5}).content)["selected"] == default["selected"]


def test_no_place_is_said_only_where_some_community_is_eligible(tmp_path):
    """A quota of none eligible is 0 places too: then the page says no community is eligible, not to
    raise the share (which would still give none)."""
    from jingpin_cli.results.audit.report import audit
    from jingpin_cli.results.screen.picking import Quota, screen
    from jingpin_cli.standard import load_standard

    report = audit(load_standard(None), SAMPLE)
    assert app_module.no_places(screen(report, 5, None, [], [], False, Quota(0.01, "floor", False, None)))
    pack = tmp_path / "none.yaml"
    pack.write_text("extends: xinshi-2011\nid: none-eligible\nversion: '1'\n"
                    "eligibility: {min_score: 1000, source: {local: 无人可评选。}}\n", encoding="utf-8")
    nobody = audit(load_standard(pack), SAMPLE)
    assert not nobody.summary["eligible"].any()
    assert not app_module.no_places(screen(nobody, 5, None, [], [], False, Quota(0.1, "ceil", False, None)))


def test_too_few_picks_are_said_and_the_ranking_has_its_headings(sample):
    cli = cli_json("screen", SAMPLE, "--top", "5", "--per-street", "1")
    assert len(cli["selected"]) < 5
    page = text_of(sample.get("/screen", params={"top": 5, "per_street": 1}).text)
    assert f"可评选社区不足：只选出 {len(cli['selected'])} 个（要求 5 个）" in page
    assert "排名 社区名称 所属街道 总分 结果 理由" in page


@pytest.mark.parametrize("quota", ["abc", "10", "150%"])
def test_a_quota_the_form_cannot_take_is_said_above_the_form(sample, quota):
    """Not a problem page in place of the page: the form stays, with what was typed, to be mended."""
    page = sample.get("/screen", params={"top": 5, "quota": quota})
    assert page.status_code == 422
    text = text_of(page.text)
    assert f"“按比例选取”应为 0 到 100% 之间的比例，如 10% 或 0.1，现为“{quota}”" in text
    assert f'name="quota" size="6" value="{html.escape(quota)}"' in page.text and "--quota" not in text
