"""The Word reports (`-o 报告.docx`): opened again with python-docx, they hold what the HTML page says
(title, each community's gaps with their shortfall in the field's unit, the grade counts, the blank
items), on a 公文-like page (A4, GB/T 9704 margins, fonts by name, a PAGE field in the footer);
every command writes one; a hostile name cannot break the file; LibreOffice turns it into a PDF."""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from libreoffice import soffice_with, to_pdf
from typer.testing import CliRunner

from jingpin_cli.cli import app
from jingpin_cli.formats import Options
from jingpin_cli.formats.audit import docx as audit_docx
from jingpin_cli.formats.audit import html as audit_html
from jingpin_cli.results.audit.record import iter_records
from jingpin_cli.results.audit.report import audit

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "xinshi-2011"
INPUT = ROOT / "tests" / "golden" / "input"
BEFORE = ROOT / "tests" / "golden" / "before"
EPOCH = "1719705600"  # 2024-06-30 00:00 UTC: the report's date, via SOURCE_DATE_EPOCH
MM = 36000  # EMU per millimetre


def run(args: list[str]):
    return CliRunner().invoke(app, args, env={"SOURCE_DATE_EPOCH": EPOCH})


def paragraphs(document) -> list[str]:
    return [p.text for p in document.paragraphs]


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("docx") / "报告.docx"
    result = run(["audit", str(SAMPLE), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def sample_report(standard):
    return audit(standard, SAMPLE)


def test_the_page_is_a4_with_the_gbt9704_margins(sample_docx):
    section = docx.Document(sample_docx).sections[0]
    # A4 as Word stores it, in twentieths of a point: 11 906 × 16 838 (7 560 310 × 10 692 130 EMU)
    assert (section.page_width, section.page_height) == (7560310, 10692130)
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(m / MM, 1) for m in margins] == [37, 35, 28, 26]


def test_fonts_are_named_for_chinese_text_with_fallbacks(sample_docx):
    document = docx.Document(sample_docx)

    def east_asian(style_name: str) -> str:
        return document.styles[style_name].element.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asian("Normal") == "仿宋_GB2312"
    assert document.styles["Normal"].font.size.pt == 16  # 三号
    assert east_asian("Title") == "方正小标宋简体"
    assert document.styles["Title"].font.size.pt == 22  # 二号
    assert east_asian("Heading 1") == "黑体"
    assert document.styles["Normal"].paragraph_format.line_spacing.pt == 28
    with zipfile.ZipFile(sample_docx) as book:
        fonts = book.read("word/fontTable.xml").decode("utf-8")
    # where 仿宋_GB2312 is not installed, Word takes 仿宋; where 黑体 is not, SimHei
    assert re.search(r'w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>', fonts)
    assert re.search(r'w:name="黑体"><w:altName w:val="SimHei"/>', fonts)


def test_the_footer_numbers_the_pages_with_a_page_field(sample_docx):
    footer = docx.Document(sample_docx).sections[0].footer
    fields = footer._element.findall(".//" + qn("w:fldSimple"))
    assert [f.get(qn("w:instr")).strip() for f in fields] == ["PAGE"]
    text = "".join(t.text for t in footer.paragraphs[0]._p.iter(qn("w:t")))
    assert text == "— 1 —"  # 1 is the field's placeholder: each page shows its own number


def test_title_date_standard_and_data_files(sample_docx, standard):
    document = docx.Document(sample_docx)
    first = document.paragraphs[0]
    assert (first.style.name, first.text) == ("Title", standard.title.zh)
    texts = paragraphs(document)
    assert texts[1] == "2024年6月30日"  # SOURCE_DATE_EPOCH 1719705600
    assert texts[2] == "评估标准：新市区党建精品社区创建标准（2011）（xinshi-2011，版本 2011.1）"
    assert "数据文件：社区排查摸底表.csv" in texts
    props = document.core_properties
    assert props.created.date().isoformat() == props.modified.date().isoformat() == "2024-06-30"
    assert props.title == standard.title.zh
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["一、全区概览", "二、示范点条件", "三、排名", "四、最常见的差距", "五、各社区报告"]


def test_a_gap_reads_as_on_the_html_page_with_its_shortfall(sample_docx, sample_report):
    # 机械社区 has 231 ㎡ of service rooms: short of 300 ㎡ by 69 ㎡; partial credit 5 × 231/300 = 3.85,
    # so it loses 5 − 3.85 = 1.15 points
    message = "服务用房总面积 231 ㎡，标准 ≥ 300 ㎡，差 69 ㎡"
    texts = paragraphs(docx.Document(sample_docx))
    assert f"【部分】{message}（失 1.15 分）" in texts
    html = audit_html.render(sample_report)
    assert f"{message} <span class=\"lost\">失 1.15 分</span>" in html
    # the section heads the community with its score and grade, and its gaps are costliest first
    at = texts.index(next(t for t in texts if t.startswith("机械社区（130602005）")))
    gaps = []
    for text in texts[at + 1:]:
        if text.startswith("【"):
            gaps.append(float(re.search(r"失 ([\d.]+) 分", text).group(1)) if "失" in text else 0)
        elif re.match(r".+（\d{9}）.+ 分 · ", text):
            break
    assert gaps == sorted(gaps, reverse=True) and 1.15 in gaps


def test_grade_counts_and_ranking_match_the_records(sample_docx, sample_report):
    document = docx.Document(sample_docx)
    records = list(iter_records(sample_report))
    counts = Counter(r["grade"] for r in records)
    bars = {t.rows[0].cells[0].text: t for t in document.tables if len(t.columns) == 22}  # the shaded-bar charts
    grades = bars["优秀"]
    for row in grades.rows:
        label, value = row.cells[0].text, row.cells[-1].text
        n = counts.get(label, 0)
        assert value == f"{n} 个（{round(100 * n / len(records), 1):g}%）", label
    ranking = next(t for t in document.tables if t.rows[0].cells[0].text == "名次")
    assert len(ranking.rows) == 1 + len(records)
    scores = [float(row.cells[3].text) for row in ranking.rows[1:]]
    assert scores == sorted(scores, reverse=True)
    assert ranking.rows[1].cells[1].text == max(records, key=lambda r: r["score"])["name"]


def test_blank_items_are_listed_apart_as_unknown(sample_docx):
    texts = paragraphs(docx.Document(sample_docx))
    at = texts.index(next(t for t in texts if t.startswith("龙潭社区（")))
    section = texts[at:at + 20]
    blank = section.index("未填报（不计分，也不算未达标）")
    assert section[blank + 1] == "【未知】四站未填报：在职党员联络站"


def test_one_community_document(tmp_path):
    out = tmp_path / "新一代.docx"
    assert run(["audit", str(SAMPLE), "--community", "新一代", "-o", str(out)]).exit_code == 0
    document = docx.Document(out)
    assert document.paragraphs[0].text == "新一代社区（130602007）评估报告"
    texts = paragraphs(document)
    assert "【部分】两校缺：科普学校（失 1 分）" in texts
    assert not any(p.style.name == "Heading 1" for p in document.paragraphs)  # no district overview


def test_english(tmp_path):
    out = tmp_path / "report.docx"
    assert run(["audit", str(INPUT), "--lang", "en", "-o", str(out)]).exit_code == 0
    document = docx.Document(out)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[0] == "1. District overview"
    assert paragraphs(document)[1] == "2024-06-30"
    assert not any(re.search("[\u4e00-\u9fff]", h) for h in headings)


def test_a_large_district_gets_sections_for_its_lowest_scores(monkeypatch, sample_report):
    monkeypatch.setattr(audit_docx, "SECTIONS_LIMIT", 3)
    document = docx.Document(io.BytesIO(audit_docx.render(sample_report, Options(date="2024-06-30"))))
    sections = [p.text for p in document.paragraphs if p.style.name == "Heading 2" and "（1306" in p.text]
    lowest = sorted(iter_records(sample_report), key=lambda r: -r["score"])[-3:]
    assert [s.split("（")[0] for s in sections] == [r["name"] for r in lowest]
    assert any(t.startswith("社区较多（共 75 个），以下仅列得分最低的 3 个社区的报告") for t in paragraphs(document))


def test_a_hostile_name_cannot_break_the_file(standard):
    report = audit(standard, INPUT)
    frame = report.records.frame
    evil = "坏\x1b[31m名\x00字<w:t>&amp;\ud800"
    frame.loc[frame.index[0], "name"] = evil  # as if a reader had let control characters through
    data = audit_docx.render(report, Options(date="2024-06-30"))
    document = docx.Document(io.BytesIO(data))
    texts = "\n".join(paragraphs(document))
    assert "坏\ufffd[31m名\ufffd字<w:t>&amp;\ufffd" in texts  # forbidden characters replaced, markup kept as text
    assert "\x1b" not in texts


def test_a_control_character_read_from_a_file(tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    lines = (INPUT / next(p.name for p in INPUT.iterdir() if p.suffix == ".csv")).read_text("utf-8-sig").splitlines()
    lines[1] = lines[1].replace("新一代社区", "新一代\x1b社区", 1)
    (folder / "表.csv").write_text("\n".join(lines) + "\n", "utf-8")
    out = tmp_path / "r.docx"
    assert run(["audit", str(folder), "-o", str(out)]).exit_code == 0
    texts = paragraphs(docx.Document(out))
    assert any("新一代\ufffd社区" in t for t in texts)


def test_screen_docx(tmp_path):
    out = tmp_path / "遴选.docx"
    result = run(["screen", str(SAMPLE), "--top", "5", "--pilot", "--stability", "5", "-o", str(out)])
    assert result.exit_code == 0, result.output
    document = docx.Document(out)
    texts = paragraphs(document)
    assert texts[0] == "示范点选取：前 5 名"
    assert "入选 5 个：电院社区、邮一社区、保钞社区、铁塔社区、新一代社区" in texts
    assert any(t.startswith("试点：邮一社区（130602067）") for t in texts)
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:3] == ["一、入选社区及理由", "二、排名及理由", "三、差一点入选"]
    near = next(t for t in document.tables if t.rows[0].cells[-1].text == "补齐以下差距可入选")
    assert near.rows[1].cells[1].text == "龙潭社区" and "→ 进入前 5" in near.rows[1].cells[-1].text


def test_diff_docx(tmp_path):
    out = tmp_path / "对比.docx"
    result = run(["diff", str(BEFORE), str(INPUT), "-o", str(out)])
    assert result.exit_code == 0, result.output
    texts = paragraphs(docx.Document(out))
    assert texts[0] == "创建前后对比"
    # 纺机社区 was vetoed a year earlier (0 points) and now scores 79.26, graded 合格
    assert "纺机社区（130602004）0 → 79.26（+79.26）· 一票否决 → 合格 ↑" in texts
    assert "补齐 服务用房总面积（原为：服务用房总面积 244 ㎡，标准 ≥ 300 ㎡，差 56 ㎡）" in texts


def test_docx_needs_an_output_file():
    result = run(["audit", str(INPUT), "--format", "docx"])
    assert result.exit_code == 2
    assert "Word 文档不能输出到屏幕，请加 -o 文件名.docx" in result.output


def test_libreoffice_turns_it_into_a_pdf(sample_docx, tmp_path):
    pdf = to_pdf(soffice_with("Writer"), sample_docx, tmp_path, timeout=300).read_bytes()
    assert pdf.startswith(b"%PDF")
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", pdf))
    assert boxes and all(abs(float(w) - 595.3) < 1 and abs(float(h) - 841.9) < 1 for w, h in boxes)  # A4 in points
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages > 10  # 75 communities, each with its gaps
