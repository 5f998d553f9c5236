#!/usr/bin/env python3
"""Generate synthetic sample data for the packs encoded from real public scoring documents (seeded,
so every run writes the same files).

    python scripts/make_pack_data.py          # rewrites data/shequ-kaohe/ and data/wuxing-dabiao/

Nothing here is real: community names are drawn from a list of common place words and every value
is invented. See data/README.md."""

from __future__ import annotations

import csv
import random
from pathlib import Path

SEED = 20260512
ROOT = Path(__file__).resolve().parent.parent
NAMES = ("朝阳 西苑 金台 天鹅 龙潭 阳光 康乐 白石 复兴 光明 红星 建华 东湖 北关 南关 "
         "园林 长城 裕华 富昌 江城 百花 莲池 新华 胜利 和平 友谊 团结 幸福 永安 兴华").split()
STREETS = ["城东街道", "城西街道", "河北镇"]


def yes(rng: random.Random, p: float) -> str:
    return rng.choice(["是", "有", "√"]) if rng.random() < p else rng.choice(["否", "无", "×"])


def maybe_blank(rng: random.Random, value: str, p: float = 0.03) -> str:
    return "" if rng.random() < p else value


def shequ_kaohe(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """社区年度考核表（基础工作，摘录）: one row per community, the pack's Chinese headers."""
    header = ("社区编码 社区名称 所属街道 社区党建考核得分 延期换届 换届资料齐全规范 "
              "分工明确且工作正常 有办公场所 有标识 办公设施齐全 制度职责上墙数 "
              "工作板夹资料齐全 自治章程和社区公约经会议讨论通过 选举产生社区事务监督委员会 "
              "设立社区事务公开栏 定期公开党务自治财务服务事项 通过社区网络平台公开 "
              "社区服务中心建筑面积（平方米） 设有五室五站一厅 文体活动广场面积（平方米） "
              "一站式综合服务厅面积（平方米） 电话 微机 打印机 资料橱 实现集中供暖").split()
    rows = []
    for i, name in enumerate(NAMES):
        q = rng.betavariate(4, 2)  # how well run the community is, 0–1
        rows.append([
            f"6306{i + 1:03d}", f"{name}社区", rng.choice(STREETS),
            maybe_blank(rng, f"{min(10, max(0, rng.gauss(6 + 3.5 * q, 1))):.1f}"),
            yes(rng, 0.3 * (1 - q)), yes(rng, 0.4 + 0.55 * q), yes(rng, 0.5 + 0.45 * q),
            yes(rng, 0.85 + 0.15 * q), yes(rng, 0.5 + 0.5 * q), maybe_blank(rng, yes(rng, 0.4 + 0.5 * q)),
            str(min(5, int(rng.gauss(2 + 3.5 * q, 1) + 0.5))), yes(rng, 0.4 + 0.5 * q),
            yes(rng, 0.7 + 0.3 * q), yes(rng, 0.6 + 0.4 * q), yes(rng, 0.8 + 0.2 * q), yes(rng, 0.5 + 0.5 * q),
            maybe_blank(rng, yes(rng, 0.2 + 0.6 * q), 0.08),
            str(round(rng.gauss(600 + 600 * q, 150))), yes(rng, 0.3 + 0.6 * q),
            str(round(rng.gauss(500 + 700 * q, 250))),
            str(round(rng.gauss(25 + 25 * q, 8))), yes(rng, 0.95), yes(rng, 0.8 + 0.2 * q), yes(rng, 0.7 + 0.3 * q),
            yes(rng, 0.5 + 0.5 * q), maybe_blank(rng, yes(rng, 0.6 + 0.3 * q)),
        ])
    return header, rows


def wuxing_dabiao(rng: random.Random) -> tuple[list[str], list[list[str]]]:
    """城市社区“五星达标、和美家园”: five star scores per community (0–100, the city's inspection) and the
    附加分 counts, 240 communities in four 区县."""
    header = ("社区编码 社区名称 所属区县（市） 基层党建星得分 民主星得分 文明星得分 和谐星得分 美丽星得分 "
              "中央部委单项或省级以上综合性荣誉 中央领导批示 省级领导批示 市级领导批示 "
              "全国现场会参观点 全省现场会参观点 全市现场会参观点").split()
    districts = ["越城区", "柯桥区", "上虞区", "诸暨市"]
    rows = []
    for i in range(240):
        q = rng.betavariate(6, 2)
        stars = [maybe_blank(rng, f"{min(100, max(40, rng.gauss(66 + 33 * q, 4))):.1f}", 0.01) for _ in range(5)]
        counts = [rng.random() < 0.15 * q for _ in range(7)]
        rows.append([f"3306{i + 1:03d}", f"{NAMES[i % len(NAMES)]}{'' if i < len(NAMES) else i // len(NAMES) + 1}社区",
                     districts[i % 4], *stars, *(str(int(c) + (rng.random() < 0.1)) if c else "0" for c in counts)])
    return header, rows


def write(path: Path, header: list[str], rows: list[list[str]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        csv.writer(fh).writerows([header, *rows])


def main() -> None:
    write(ROOT / "data" / "shequ-kaohe" / "社区年度考核表.csv", *shequ_kaohe(random.Random(SEED)))
    write(ROOT / "data" / "wuxing-dabiao" / "五星达标验收得分.csv", *wuxing_dabiao(random.Random(SEED + 1)))


if __name__ == "__main__":
    main()
