"""What the HTML pages share (audit and diff): the stylesheet, an inline SVG wrapper and label
clipping. One self-contained page: inline CSS, no script, nothing fetched."""

from __future__ import annotations

from jingpin_cli.formats.kit.escape import html_text as escape
from jingpin_cli.formats.kit.textwidth import display_width


def svg(width: float, height: float, body: str, label: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0f}" height="{height:.0f}" '
            f'viewBox="0 0 {width:.0f} {height:.0f}" role="img" aria-label="{escape(label)}">{body}</svg>')


def clip(text: str, width: int) -> str:
    """At most `width` display columns (CJK counts two), with … when cut: chart labels must not
    run off the left edge; the full text stays in the ranking table and the tooltip."""
    if display_width(text) <= width:
        return text
    out = ""
    for ch in text:
        if display_width(out + ch) > width - 1:
            break
        out += ch
    return out + "…"


# Chinese fonts by name, most common office systems first; no web font, nothing downloaded.
CSS = """
:root{--fg:#1b1b1b;--muted:#666;--line:#ddd;--ok:#1e8449;--bad:#c0392b}
*{box-sizing:border-box}
body{margin:0;color:var(--fg);background:#fafafa;font:15px/1.6 "Microsoft YaHei","微软雅黑","PingFang SC","Hiragino Sans GB",
"Noto Sans CJK SC","Noto Sans SC","Source Han Sans SC","WenQuanYi Micro Hei","SimHei","SimSun",sans-serif}
header{background:#a93226;color:#fff;padding:18px 28px}
header h1{margin:0;font-size:24px}
.meta{margin:4px 0 0;opacity:.9}
nav{position:sticky;top:0;background:#fff;border-bottom:1px solid var(--line);padding:8px 28px;z-index:1}
nav a{margin-right:18px;color:#a93226;text-decoration:none}
main{padding:8px 28px 28px;max-width:1200px}
h2{border-left:5px solid #a93226;padding-left:10px;margin-top:32px}
h3{margin:0 0 6px}
h3 small{color:var(--muted);font-weight:normal;font-size:14px}
h4{margin:12px 0 4px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px 18px;min-width:130px}
.card .k{color:var(--muted);font-size:13px}
.card .v{font-size:26px;font-weight:bold}
.row{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
figure{margin:16px 0;background:#fff;border:1px solid var(--line);border-radius:6px;padding:10px}
figcaption{font-weight:bold;margin-bottom:6px}
svg{font-family:inherit;font-size:13px;max-width:100%;height:auto}
svg text{fill:#222}
svg .small{font-size:11px}
svg .tick{font-size:10px;fill:#666}
svg .grid{fill:none;stroke:#ccc;stroke-width:1}
.note{color:var(--muted);font-size:12px;margin:4px 0 0}
.scroll{overflow-x:auto}
table{border-collapse:collapse;background:#fff;margin:8px 0}
th,td{border:1px solid var(--line);padding:3px 8px;text-align:left;vertical-align:top}
th{background:#f2f2f2;white-space:nowrap}
table.num td{white-space:nowrap}
table.areas td:last-child{text-align:right}
svg.bar{vertical-align:middle}
.ok{color:var(--ok)}.bad{color:var(--bad)}
.badge{display:inline-block;border:1px solid currentColor;border-radius:10px;padding:0 8px;font-size:13px}
.chip{display:inline-block;margin:0 6px 4px 0;padding:0 8px;border-radius:10px;font-size:13px;background:#eee}
.chip.pass{background:#d5f5e3}.chip.fail,.chip.partial{background:#fadbd8}.chip.unknown{background:#e8daef}
article{background:#fff;border:1px solid var(--line);border-radius:6px;padding:14px 18px;margin:16px 0}
article figure{border:none;margin:0;padding:0}
.head b{font-size:22px}
ul.gaps{margin:4px 0;padding-left:0;list-style:none}
ul.gaps li{padding:2px 0;border-bottom:1px dotted var(--line)}
.st{display:inline-block;min-width:4.5em;text-align:center;border-radius:3px;color:#fff;font-size:12px;margin-right:6px}
.st.pass{background:#1e8449}.st.partial{background:#b9770e}.st.fail{background:#c0392b}.st.unknown{background:#7d3c98}.st.waived{background:#2471a3}
.lost{color:var(--muted);font-size:12px}
code{font-size:12px;color:var(--muted)}
footer{color:var(--muted);font-size:12px;padding:12px 28px 24px}
@page{size:A4;margin:14mm 12mm 16mm}
@media print{
body{background:#fff;font-size:10pt;line-height:1.45}
nav{display:none}
header{background:none;color:var(--fg);padding:0 0 6px;border-bottom:2px solid #a93226}
header h1{font-size:18pt}
main{padding:0;max-width:none}
footer{padding:8px 0 0}
a{color:inherit;text-decoration:none}
h2{margin-top:14px;break-after:avoid}
h3,h4,figcaption{break-after:avoid}
.card{padding:4px 10px;min-width:0}.card .v{font-size:16pt}
figure{break-inside:avoid;margin:8px 0;padding:6px}
figure.wide svg{max-height:235mm;width:auto}
.scroll{overflow:visible}
table{font-size:8.5pt}
table.num,#gaps table{width:100%}
table.num{table-layout:auto}
thead{display:table-header-group}
tr{break-inside:avoid}
th{white-space:nowrap}
table.num td{white-space:nowrap}
.pages{break-before:page}
.pages>article{break-inside:auto;border:none;padding:0;margin:0}
.pages>article+article{break-before:page}
.pages .row{flex-wrap:nowrap;align-items:center}
article figure svg{max-height:60mm;width:auto}
.st,.chip,.badge,.card,svg{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
"""  # noqa: E501 — the stylesheet is written out as it stands: wrapping a rule would change every page
