"""`check` clean ⇒ every output works: data that `check` passes (hostile names, control characters,
formulas, Markdown and HTML in cells, odd numbers) renders in every format of every command that
reads it — audit (district and one community), screen and diff (against the JSON report the same
data wrote) — and each output is what it claims to be: JSON that parses strictly, a workbook that
opens, UTF-8 text. The formats are taken from the registry, so a new format is covered on landing."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

import openpyxl
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from jingpin_cli.formats import FORMATS, Options, renderer
from jingpin_cli.results.audit.report import audit
from jingpin_cli.results.check.run import check
from jingpin_cli.results.diff.compare import compare, load_side
from jingpin_cli.results.screen.near_miss import near_misses
from jingpin_cli.results.screen.picking import screen
from jingpin_cli.results.screen.record import Screened
from jingpin_cli.standard import load_standard

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "xinshi-2011" / "社区排查摸底表.csv"
STANDARD = load_standard()
with SAMPLE.open(encoding="utf-8-sig", newline="") as fh:
    HEADER, *ROWS = list(csv.reader(fh))
ROWS = ROWS[:8]
HOSTILE = ["\x1b[2J\x1b[31m红", "名\u200b字", "a\u202eb", "=HYPERLINK(\"http://x.invalid\",\"点\")", "+1", "-2",
           "@SUM(A1)", "![x](http://x.invalid/p.png)", "[点我](http://x.invalid)", "<script>alert(1)</script>",
           "&amp;<b>", "\"引号\"", "名\n字", "a\tb", "\x07\x7f", "\u2028行", "𠀀𠀁", "🏠社区",
           "社" * 200, "NaN", "inf", "None", "::error file=x::y", "| 表 |", "*斜*_下_`码`",
           "\\", "%s{0}{name}", "  前后空格  "]
ODD = {  # odd but readable values by field type; a blank is unknown data, never an error
    "bool": ["", " ", "有", "√", "是", "×", "否", "无", "Y", "n", "TRUE"],
    "int": ["", "0", "1,200", "１２０", "3.", "１２ 个", "-0"],
    "num": ["", "0", "1,200.5", "１２０", "3.", "999999999999999", "12.345678", "300㎡"],
    "rate": ["", "0", "95%", "0.95", "１００％", "99.999%", "1"],
    "score": ["", "0", "100", "59.99", "８５"],
    "text": HOSTILE,
}
FIELDS = {f.zh: f for f in STANDARD.fields}
TYPES = [FIELDS[h].type if h in FIELDS else "text" for h in HEADER]

SETTINGS = settings(max_examples=20, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def tables(draw) -> list[list[str]]:
    """The sample's first rows with some cells replaced: names and streets by hostile text, ids made
    unique, other cells by odd but readable values or another row's value of the same column."""
    rows = [list(r) for r in draw(st.lists(st.sampled_from(ROWS), min_size=1, max_size=6))]
    for i, row in enumerate(rows):
        row[0] = draw(st.sampled_from([f"1306{i:05d}", f"社区{i}", f"=A{i}", f"-{i}", f"{i}\x1b[0m"]))
        for col in (1, 2):
            if draw(st.booleans()):
                row[col] = draw(st.sampled_from(HOSTILE))
        for _ in range(draw(st.integers(0, 6))):
            col = draw(st.integers(3, len(HEADER) - 1))
            same_column = [r[col] for r in ROWS]
            row[col] = draw(st.one_of(st.sampled_from(ODD.get(TYPES[col], [""])), st.sampled_from(same_column)))
    return rows


def write_csv(folder: Path, rows: list[list[str]]) -> Path:
    path = folder / "表.csv"
    with path.open("w", encoding="utf-8", newline="", errors="surrogatepass") as fh:
        csv.writer(fh).writerows([HEADER, *rows])
    return path


def consumed(content) -> bytes:
    if isinstance(content, (str, bytes)):
        content = [content]
    return b"".join(c if isinstance(c, bytes) else c.encode("utf-8") for c in content)


def what_it_claims(fmt: str, data: bytes) -> None:
    if fmt == "xlsx":
        openpyxl.load_workbook(io.BytesIO(data)).close()
    elif fmt == "docx":
        import docx

        docx.Document(io.BytesIO(data))
    else:
        text = data.decode("utf-8")  # strict: no lone surrogate reached a text output
        if fmt == "json":
            json.loads(text, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(f"{name} in JSON")))


def render_all(kind: str, result, **options) -> None:
    for fmt in FORMATS[kind]:
        for lang in ("zh", "en"):
            data = consumed(renderer(kind, fmt).render(result, Options(lang=lang, **options)))
            what_it_claims(fmt, data)


@SETTINGS
@given(rows=tables())
def test_every_format_accepts_what_check_passes(rows):
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "数据"
        folder.mkdir()
        write_csv(folder, rows)
        assume(not check([folder]).errors)  # the promise is about data check passes

        report = audit(STANDARD, folder)
        render_all("audit", report)
        render_all("audit", report.only(report.ids[0]), community=report.ids[0])

        screening = screen(report, top=2)
        render_all("screen", Screened(screening, near_misses(screening)))

        old = Path(tmp) / "old.json"
        old.write_bytes(consumed(renderer("audit", "json").render(report, Options())))
        render_all("diff", compare(load_side(old, STANDARD), load_side(folder, STANDARD), STANDARD))
