"""The HTML report: self-contained, escaped, and its charts say what the report's numbers say."""

import math
import re
import shutil
import struct
import subprocess
import zlib
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import html as html_format
from jingpin_cli.results.audit.record import iter_records
from jingpin_cli.results.audit.report import audit

ROOT = Path(__file__).resolve().parent.parent
INPUT = ROOT / "tests" / "golden" / "input"  # four communities, one with a hostile name and street
SAMPLE = ROOT / "data" / "xinshi-2011"
SCRIPT = ROOT / "scripts" / "screenshot_html.sh"
CHROMIUM = Path("/usr/bin/chromium")


class Page(HTMLParser):
    """Tags, attributes and the text inside <text> elements of SVG charts."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.svg_texts: list[str] = []
        self._in_text = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_text = tag == "text"

    def handle_endtag(self, tag):
        if tag == "text":
            self._in_text = False

    def handle_data(self, data):
        if self._in_text:
            self.svg_texts.append(data)


@pytest.fixture(scope="module")
def report(standard):
    return audit(standard, INPUT)


@pytest.fixture(scope="module")
def page(report):
    return html_format.render(report, Options("zh"))


def test_self_contained_nothing_from_the_internet(page):
    parsed = Page(page)
    tags = {t for t, _ in parsed.tags}
    assert "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    for _, attrs in parsed.tags:
        assert "src" not in attrs
        href = attrs.get("href")
        assert href is None or href.startswith("#"), href
        for name, value in attrs.items():  # a URL only as text (the hostile name), never as an attribute
            assert name == "xmlns" or "//" not in (value or ""), (name, value)
    style = page[page.index("<style>"):page.index("</style>")]
    assert "@import" not in style and "url(" not in style and "@font-face" not in style and "//" not in style


def test_user_data_is_escaped(page):
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;东|西街道" in page
    assert "=HYPERLINK(&quot;http://example.com&quot;,&quot;点我&quot;)" in page
    assert '"http://example.com"' not in page  # never a live attribute value


def test_overview_and_one_section_per_community(report, page):
    parsed = Page(page)
    ids = [a.get("id") for _, a in parsed.tags if a.get("id")]
    for section in ("overview", "ranking", "gaps", "communities"):
        assert section in ids
    articles = [a["id"] for t, a in parsed.tags if t == "article"]
    assert len(articles) == len(report.summary) == 4
    links = [a["href"][1:] for t, a in parsed.tags if t == "a" and a["href"] != "#" and a["href"][1:] in articles]
    assert sorted(links) == sorted(articles), "the ranking links to every community's section"


def test_ranking_is_best_first(report, page):
    body = page[page.index('id="ranking"'):page.index('id="gaps"')]
    shown = re.findall(r'<a href="#c\d+">([^<]+)</a>', body)
    frame = report.records.frame
    want = [frame.at[cid, "name"] for cid in report.summary.sort_values("score", ascending=False, kind="stable").index]
    assert [n.replace("&quot;", '"') for n in shown] == want


def test_grade_chart_counts_every_band(report, page):
    texts = Page(page).svg_texts
    counts = Counter(report.summary["grade"])
    std = report.standard
    labels = [g.zh for g in std.grades] + [std.veto_grade.zh]
    ids = [g.id for g in std.grades] + ["veto"]
    for label, gid in zip(labels, ids, strict=True):
        i = texts.index(label)  # the band's label, then (after its bar) its count
        assert texts[i + 1] == str(counts.get(gid, 0)), label


def test_charts_keep_chinese_as_text(page, standard):
    texts = Page(page).svg_texts
    for aspect in standard.aspects:
        assert any(t.startswith(aspect.zh) for t in texts), aspect.zh  # radar labels and legends are <text>
    assert "<path" not in page  # nothing drawn as outlines


def test_most_common_gaps_come_first(report):
    counts = Counter()
    for rule_id, outcome in report.outcomes.items():
        counts[rule_id] = int(outcome.status.isin(["fail", "partial"]).sum())
    top = max(counts.values())
    page = html_format.render(report, Options("zh", ids=True))  # the rule ids only with --ids
    body = page[page.index('id="gaps"'):page.index('id="communities"')]
    first = re.search(r"<code>([^<]+)</code>", body).group(1)
    assert counts[first] == top


def test_radar_vertices_are_the_aspect_shares(report, page):
    """Distance from the centre of each vertex, over the outer ring's, is that aspect's share."""
    cid = "130602004"
    section_id = f"c{list(report.summary.index).index(cid) + 1}"  # anchors follow the report's order
    start = page.index(f'<article id="{section_id}"')
    assert cid in page[start:start + 200]
    svg = page[start:page.index("</svg>", start)]
    polygons = re.findall(r'<polygon points="([^"]+)"', svg)
    outer, data = _points(polygons[3]), _points(polygons[-1])
    cx = sum(x for x, _ in outer) / len(outer)
    cy = sum(y for _, y in outer) / len(outer)
    for aspect, (ox, oy), (dx, dy) in zip(report.standard.aspects, outer, data, strict=True):
        share = report.summary.at[cid, f"aspect.{aspect.id}"] / aspect.points
        ratio = math.dist((dx, dy), (cx, cy)) / math.dist((ox, oy), (cx, cy))
        assert ratio == pytest.approx(share, abs=0.01), aspect.id


def _points(text: str) -> list[tuple[float, float]]:
    return [tuple(map(float, p.split(","))) for p in text.split()]


def test_gap_list_holds_every_gap_of_the_community(report, page):
    cid = "130602007"
    section_id = f"c{list(report.summary.index).index(cid) + 1}"
    start = page.index(f'<article id="{section_id}"')
    section = page[start:page.index("</article>", start)]
    gaps = [r for r, o in report.outcomes.items() if o.status.at[cid] in ("fail", "partial")]
    assert section.count('<span class="st ') == len(gaps) + sum(o.status.at[cid] == "unknown"
                                                                for o in report.outcomes.values())
    assert "两校缺：科普学校" in section


def test_english_and_chinese_font_stack(report):
    en = html_format.render(report, Options("en"))
    assert '<html lang="en">' in en and "District overview" in en and "Organization" in en
    zh = html_format.render(report, Options("zh"))
    assert '<html lang="zh-CN">' in zh and "Microsoft YaHei" in zh and "Noto Sans CJK SC" in zh


def test_cli_writes_html_from_the_suffix(tmp_path):
    out = tmp_path / "报告.html"
    result = CliRunner().invoke(app, ["audit", str(INPUT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


# ---- what a person sees -------------------------------------------------------------------------

def _png_size_and_pixels(path: Path) -> tuple[int, int, bytes]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    idat, pos = b"", 8
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IDAT":
            idat += data[pos + 8:pos + 8 + length]
        pos += 12 + length
    return width, height, zlib.decompress(idat)


def _screenshot(html: Path, png: Path, size: str = "1200,1600") -> None:
    done = subprocess.run(["bash", str(SCRIPT), str(html), str(png), size], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


@pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium (apt-get install -y chromium)")
def test_screenshot_in_headless_chromium_is_not_blank(tmp_path):
    report_file = tmp_path / "report.html"
    result = CliRunner().invoke(app, ["audit", str(SAMPLE), "-o", str(report_file)])
    assert result.exit_code == 0, result.output
    png = tmp_path / "report.png"
    _screenshot(report_file, png)
    width, height, pixels = _png_size_and_pixels(png)
    assert (width, height) == (1200, 1600)
    assert png.stat().st_size > 50_000  # a blank page compresses to a few kilobytes
    assert len(set(pixels[::7])) > 50  # many colours: header, charts, text


@pytest.mark.skipif(not CHROMIUM.exists() or not shutil.which("fc-list"), reason="needs chromium and fontconfig")
def test_chinese_glyphs_render_when_a_cjk_font_is_installed(tmp_path):
    """Different characters must give different pixels; missing-glyph boxes would all look alike."""
    fonts = subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout
    if not fonts.strip():
        pytest.skip("no CJK font on this machine (e.g. apt-get install fonts-noto-cjk)")
    shots = []
    for i, word in enumerate(("组织建设", "服务设施")):
        page = tmp_path / f"{i}.html"
        page.write_text(f'<!DOCTYPE html><html><head><meta charset="utf-8"><style>{html_format.CSS}</style></head>'
                        f'<body><svg width="400" height="120"><text x="10" y="80" style="font-size:60px">{word}</text>'
                        '</svg></body></html>',
                        encoding="utf-8")
        png = tmp_path / f"{i}.png"
        _screenshot(page, png, "420,140")
        shots.append(_png_size_and_pixels(png)[2])
    assert shots[0] != shots[1]


def test_a_large_district_page_holds_its_lowest_sections_and_says_where_the_rest_is(monkeypatch, standard):
    # as the Word report: the 3 lowest-scoring communities' sections (of the sample's 75), the top 10 of the
    # ranking, each note naming the workbook and the CSV; the ranking links only to sections on the page
    monkeypatch.setattr(html_format, "SECTIONS_LIMIT", 3)
    monkeypatch.setattr(html_format, "RANKING_LIMIT", 10)
    report = audit(standard, SAMPLE)
    page = html_format.render(report, Options("zh"))
    ranked = sorted(iter_records(report), key=lambda r: -r["score"])
    sections = re.findall(r'<article id="(c\d+)"><h3>([^<]*) <small>', page)
    assert [name for _, name in sections] == [r["name"] for r in ranked[-3:]]
    ranking = page[page.index('<section id="ranking">'):page.index('<section id="gaps">')]
    assert ranking.count("<tr><td>") == 10
    assert "仅列前 10 名，共 75 个社区；完整排名见 -o 结果.xlsx 或 -o 结果.csv。" in ranking
    assert "社区较多（共 75 个），本页仅列得分最低的 3 个社区的报告" in page and "-o 结果.csv" in page
    monkeypatch.setattr(html_format, "RANKING_LIMIT", 100)  # the whole ranking: links to the 3 sections only
    page = html_format.render(report, Options("zh"))
    ranking = page[page.index('<section id="ranking">'):page.index('<section id="gaps">')]
    assert ranking.count("<tr><td>") == 75 and "仅列前" not in ranking
    assert set(re.findall(r'<a href="#(c\d+)">', ranking)) == {anchor for anchor, _ in sections}


def test_a_district_within_the_limits_gets_every_section(report):
    page = html_format.render(report, Options("zh"))
    assert page.count("<article id=") == len(report.ids) and "本页仅列" not in page
