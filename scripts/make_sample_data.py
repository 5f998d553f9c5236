#!/usr/bin/env python3
"""Generate the synthetic sample data in data/ (seeded, so the output is the same every run).

    python scripts/make_sample_data.py            # rewrites data/xinshi-2011/ and data/examples/

Nothing here is real: the five demonstration sites and the pilot are named as in the 2011 report,
every number and every other community is invented. See data/README.md."""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SEED = 20110504
ROOT = Path(__file__).resolve().parent.parent

# Illustrative street offices (the district's real ones are not taken from any record).
STREETS = ["先锋街道", "新市场街道", "东风街道", "建设南路街道", "韩村北路街道"]
DEMO = {"新一代": 0.97, "铁塔": 0.93, "电院": 0.92, "邮一": 0.91, "保钞": 0.9}
OTHER_NAMES = (
    "朝阳 华电 西苑 金台 竞秀 天鹅 龙潭 阳光 康乐 白石 复兴 七一 光明 红星 五四 建华 乐凯 纺织 交通 农大 "
    "东湖 北关 南关 西关 东关 园林 长城 裕华 富昌 江城 颉庄 大激店 韩村 百花 莲池 新华 胜利 和平 友谊 团结 "
    "东风 幸福 永安 兴华 工农 电缆 变电 化工 机械 纺机 银杏 桃园 樱花 翠园 绿苑 锦绣 盛世 紫薇 玉兰 府河 "
    "一亩泉 清苑 利民 惠民 安居 吉祥 如意 春晖 秋实 文化"
).split()

# (header as the office writes it, field key, how to draw the value)
COLUMNS = [
    ("社区编码", "id"), ("社区名称", "name"), ("所属街道", "street"), ("户数", "households"),
    ("常住人口", "population"), ("党员人数", "party_members"), ("社区工作人员数", "staff_count"),
    ("党组织书记在岗", "party_secretary"), ("两委班子成员数", "leadership_size"), ("党小组数", "party_groups"),
    ("党员责任区数", "responsibility_zones"), ("社区党建联席会", "joint_meeting"),
    ("成员单位党组织数", "member_unit_orgs"), ("党员活动小组数", "activity_groups"),
    ("党员志愿者队伍", "volunteer_team"), ("工会", "union"), ("共青团", "youth_league"), ("妇联", "women_federation"),
    ("三会一课制度", "three_meetings_one_lesson"), ("一本通·基本情况", "archive_basic_info"),
    ("一本通·基本制度", "archive_systems"), ("一本通·活动记录", "archive_activity_records"),
    ("一本通·工作记录", "archive_work_records"), ("一本通·创新型工作", "archive_innovation"),
    ("党支部居委会办公室", "office"), ("图书和电子阅览室", "reading_room"), ("民情恳谈室", "petition_room"),
    ("警务室", "police_room"), ("党员活动室", "party_activity_room"), ("文体活动室", "culture_sports_room"),
    ("在职党员联络站", "liaison_station"), ("流动党员管理服务站", "floating_member_station"),
    ("社区劳动保障工作站", "labor_security_station"), ("社区卫生计生服务站", "health_station"),
    ("社区业余党校", "party_school"), ("科普学校", "science_school"), ("一站式便民服务大厅", "service_hall"),
    ("社区服务中心", "service_center"), ("服务用房总面积（㎡）", "service_area_m2"),
    ("室外健身场地面积（㎡）", "fitness_area_m2"), ("健身场地相对集中", "fitness_concentrated"),
    ("健身器材种类齐全", "fitness_equipment_complete"), ("健身器材维护到位", "fitness_equipment_maintained"),
    ("电话", "phone"), ("电脑", "computer"), ("打印机", "printer"), ("电教及远程设备", "av_remote_equipment"),
    ("相机", "camera"), ("投影设备", "projector"), ("新图书数量（册）", "new_books"), ("党报党刊", "party_press"),
    ("党务公开栏", "party_affairs_board"), ("居务公开栏", "residents_affairs_board"), ("信息栏", "info_board"),
    ("固定办公和活动经费", "fixed_funds"), ("年度办公和活动经费（万元）", "annual_funds"),
    ("志愿者人数", "volunteers"), ("绿化率（%）", "green_rate"), ("环境卫生考评分", "sanitation_score"),
    ("生态绿化考评分", "greening_score"), ("环境保护考评分", "environment_score"), ("群防群治队伍", "patrol_team"),
    ("帮教监管落实率（%）", "supervision_coverage"), ("人民调解委员会", "mediation_committee"),
    ("矛盾纠纷调处成功率（%）", "dispute_resolution_rate"), ("重大治安或群体性事件", "major_incident"),
    ("年度文化活动次数", "culture_activities"), ("共驻共建单位数", "co_building_units"),
    ("群众认知度（%）", "awareness_rate"), ("群众参与度（%）", "participation_rate"),
    ("群众满意度（%）", "satisfaction_rate"), ("测评有效样本数", "survey_sample"),
    ("市级以上表彰次数", "honors"), ("创新工作项目数", "innovation_projects"),
]
BOOLS = {key for _, key in COLUMNS} - {
    "id", "name", "street", "households", "population", "party_members", "staff_count", "leadership_size",
    "party_groups", "responsibility_zones", "member_unit_orgs", "activity_groups", "service_area_m2",
    "fitness_area_m2", "new_books", "annual_funds", "volunteers", "green_rate", "sanitation_score",
    "greening_score", "environment_score", "supervision_coverage", "dispute_resolution_rate", "culture_activities",
    "co_building_units", "awareness_rate", "participation_rate", "satisfaction_rate", "survey_sample", "honors",
    "innovation_projects", "major_incident",
}

# The order the yes/no items are drawn in. It used to be the set's order, which changes with Python's
# hash seed; it is fixed to the order the committed sample was drawn in, so that the script rewrites
# data/ byte for byte on every run.
BOOL_DRAW_ORDER = [
    "archive_basic_info", "fixed_funds", "party_secretary", "party_school", "petition_room",
    "fitness_concentrated", "party_press", "joint_meeting", "phone", "fitness_equipment_complete", "union",
    "reading_room", "floating_member_station", "computer", "science_school", "party_affairs_board", "camera",
    "fitness_equipment_maintained", "three_meetings_one_lesson", "health_station", "patrol_team",
    "archive_work_records", "mediation_committee", "labor_security_station", "archive_innovation",
    "projector", "youth_league", "av_remote_equipment", "police_room", "service_center",
    "party_activity_room", "info_board", "volunteer_team", "women_federation", "service_hall", "office",
    "archive_systems", "liaison_station", "culture_sports_room", "residents_affairs_board", "printer",
    "archive_activity_records",
]
assert set(BOOL_DRAW_ORDER) == BOOLS


def clamp(x: float, lo: float, hi: float) -> float:
    return max(lo, min(hi, x))


def community(rng: random.Random, index: int, name: str, street: str, q: float) -> dict:
    """One community whose strength is q in [0, 1]: the higher, the fewer gaps."""
    def has(p=0.0):
        return rng.random() < clamp(0.25 + 0.8 * q + p, 0, 0.995)

    def count(lo, hi):
        return max(0, round(rng.gauss(lo + (hi - lo) * q, (hi - lo) * 0.15)))

    households = rng.randrange(1200, 5200)
    r = {
        "id": f"130602{index:03d}", "name": f"{name}社区", "street": street, "households": households,
        "population": round(households * rng.uniform(2.6, 3.1)), "party_members": rng.randrange(60, 420),
        "staff_count": count(3, 9), "leadership_size": count(3, 7), "party_groups": count(0, 8),
        "responsibility_zones": count(0, 12), "member_unit_orgs": count(0, 10), "activity_groups": count(0, 6),
        "service_area_m2": round(clamp(rng.gauss(120 + 260 * q, 45), 40, 900)),
        "fitness_area_m2": round(clamp(rng.gauss(80 + 170 * q, 40), 0, 800)),
        "new_books": round(clamp(rng.gauss(200 + 1000 * q, 200), 0, 5000), -1),
        "annual_funds": round(clamp(rng.gauss(1 + 4 * q, 0.8), 0.2, 12), 1),
        "volunteers": count(5, 45), "green_rate": round(clamp(rng.gauss(15 + 22 * q, 5), 2, 60), 1),
        "sanitation_score": round(clamp(rng.gauss(60 + 32 * q, 6), 30, 100)),
        "greening_score": round(clamp(rng.gauss(58 + 34 * q, 6), 30, 100)),
        "environment_score": round(clamp(rng.gauss(60 + 32 * q, 6), 30, 100)),
        "supervision_coverage": round(clamp(rng.gauss(70 + 30 * q, 5), 40, 100), 1),
        "dispute_resolution_rate": round(clamp(rng.gauss(75 + 24 * q, 4), 40, 100), 1),
        "culture_activities": count(2, 16), "co_building_units": count(0, 6),
        "awareness_rate": round(clamp(rng.gauss(70 + 25 * q, 3), 40, 100), 1),
        "participation_rate": round(clamp(rng.gauss(65 + 28 * q, 4), 30, 100), 1),
        "satisfaction_rate": round(clamp(rng.gauss(78 + 19 * q, 2.5), 40, 100), 1),
        "survey_sample": rng.choice([30, 40, 45, 50, 60]) if q > 0.3 else rng.choice([20, 25, 30]),
        "honors": count(0, 3) if q > 0.6 else 0, "innovation_projects": count(0, 2) if q > 0.5 else 0,
        "major_incident": rng.random() < 0.03,
    }
    for key in BOOL_DRAW_ORDER:
        r[key] = has()
    return r


def yes_no(rng: random.Random, value: bool) -> str:
    """Offices write yes/no in several ways; the loader reads them all."""
    return rng.choices(["有", "√", "是"], [8, 1, 1])[0] if value else rng.choices(["无", "×", "否"], [8, 1, 1])[0]


def generate(seed: int = SEED) -> list[dict]:
    rng = random.Random(seed)
    names = list(DEMO) + rng.sample(OTHER_NAMES, 75 - len(DEMO))
    rng.shuffle(names)
    rows = []
    for i, name in enumerate(names, 1):
        q = DEMO.get(name, clamp(rng.betavariate(2.2, 2.0) * 0.88, 0.05, 0.88))
        r = community(rng, i, name, STREETS[(i - 1) % len(STREETS)], q)
        if name in DEMO:
            r.update(party_secretary=True, fixed_funds=True, three_meetings_one_lesson=True, major_incident=False,
                     staff_count=max(r["staff_count"], 7), service_area_m2=max(r["service_area_m2"], 320))
            r.update({k: True for k in ("archive_basic_info", "archive_systems", "archive_activity_records",
                                        "archive_work_records", "archive_innovation")})
        if name == "新一代":  # the pilot: strong, but with the gaps a pilot still has to close
            r.update(science_school=False, satisfaction_rate=93.5, new_books=1260, service_area_m2=420, honors=2)
        rows.append(r)
    # blanks: what offices leave empty (unknown, not “no”); the demonstration sites filled everything in
    for r in rows:
        if r["name"].removesuffix("社区") in DEMO:
            continue
        for key in rng.sample([k for _, k in COLUMNS[3:]], rng.choice([0, 0, 0, 1, 2, 4])):
            r[key] = None
    rows.sort(key=lambda r: r["id"])
    return rows


def cells(rng: random.Random, r: dict) -> list[str]:
    out = []
    for _, key in COLUMNS:
        value = r[key]
        if value is None:
            out.append("")
        elif isinstance(value, bool):
            out.append(yes_no(rng, value))
        elif key.endswith("_rate") or key == "supervision_coverage":
            out.append(f"{value:g}%")
        else:
            out.append(f"{value:g}" if isinstance(value, float) else str(value))
    return out


def write_table(rows: list[dict], path: Path, seed: int = SEED) -> None:
    rng = random.Random(seed + 1)
    with path.open("w", encoding="utf-8-sig", newline="") as fh:  # BOM: Excel opens it as UTF-8
        writer = csv.writer(fh, lineterminator="\r\n")
        writer.writerow([h for h, _ in COLUMNS])
        for r in rows:
            writer.writerow(cells(rng, r))


# ---- 群众评议: raw survey answers (data/xinshi-2011/surveys/) ----------------------------------------
SURVEY_HEADER = ["序号", "社区", "类别", "是否知晓", "是否参与", "满意程度"]
RESPONDENT_MIX = {"居民": 0.7, "个体工商户": 0.15, "驻社区单位": 0.15}
SURVEY_RATES = ("awareness_rate", "participation_rate", "satisfaction_rate")


def fit_sample(rates: dict, sizes) -> tuple[int, dict, int] | None:
    """The first sample size whose answer counts reproduce the typed rates to within 0.45 points
    (what a table rounded to one decimal shows), so the survey and the table agree.
    Returns (respondents, {rate: yes count}, 不了解 count) or None."""
    for n in sizes:
        for excluded in range(0, 4):
            counts = {}
            for key in SURVEY_RATES:
                valid = n - excluded if key == "satisfaction_rate" else n
                k = round(rates[key] * valid / 100)
                if abs(100 * k / valid - rates[key]) > 0.45:
                    break
                counts[key] = k
            else:
                return n, counts, excluded
    return None


def survey_rows(rng: random.Random, r: dict, n: int, counts: dict, excluded: int, written: str,
                types: list[str]) -> list[list[str]]:
    """n questionnaires that add up to `counts`; who answered what is shuffled."""
    def answers(yes: int, total: int) -> list[bool]:
        out = [True] * yes + [False] * (total - yes)
        rng.shuffle(out)
        return out

    kinds = list(types) + rng.choices(types, [RESPONDENT_MIX[t] for t in types], k=n - len(types))
    rng.shuffle(kinds)
    aware = answers(counts["awareness_rate"], n)
    joined = answers(counts["participation_rate"], n)
    grades = ["不了解"] * excluded + [rng.choices(["满意", "基本满意"], [7, 3])[0] if ok else "不满意"
                                      for ok in answers(counts["satisfaction_rate"], n - excluded)]
    rng.shuffle(grades)
    return [[str(i), written, kinds[i - 1], "是" if aware[i - 1] else "否", "是" if joined[i - 1] else "否",
             grades[i - 1]]
            for i in range(1, n + 1)]


def write_surveys(rows: list[dict], folder: Path, seed: int = SEED) -> list[str]:
    """One questionnaire file per surveyed community: the five demonstration sites and three others —
    one with a sample below 30, one whose answers came out 6 points below the table's estimate of
    满意度 (the table is then given the survey's figure, as an office copies it in: a sample that
    warned on every command, with no word that it was a demonstration, confused first users — issue
    18), and one where no 驻社区单位 was asked. Communities are written by name or by id, as offices do.
    Run before write_table (each has its own random stream), as it may change a row's typed rate."""
    rng = random.Random(seed + 2)
    complete = [r for r in rows if all(r[k] is not None for k in (*SURVEY_RATES, "survey_sample"))]
    demo = [r for r in complete if r["name"].removesuffix("社区") in DEMO]
    others = [r for r in complete if r not in demo]
    rng.shuffle(others)
    plan = [(r, {}) for r in demo]
    small = next(r for r in others if fit_sample(r, range(18, 30)))
    rest = [r for r in others if r is not small]
    plan += [(small, {"small": True}), (rest[0], {"conflict": True}), (rest[1], {"missing_type": True})]
    folder.mkdir(parents=True, exist_ok=True)
    written_files = []
    for r, how in plan:
        rates = {k: r[k] for k in SURVEY_RATES}
        if how.get("conflict"):
            rates["satisfaction_rate"] = r["satisfaction_rate"] - 6
        sizes = range(18, 30) if how.get("small") else range(max(r["survey_sample"], 30), 120)
        n, counts, excluded = fit_sample(rates, sizes)
        if how.get("conflict"):  # the table carries what the answers say
            r["satisfaction_rate"] = round(100 * counts["satisfaction_rate"] / (n - excluded), 1)
        types = [t for t in RESPONDENT_MIX if not (how.get("missing_type") and t == "驻社区单位")]
        written = rng.choice([r["name"], r["name"].removesuffix("社区"), r["id"]])
        path = folder / f"{r['name']}问卷.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\r\n")
            writer.writerow(SURVEY_HEADER)
            writer.writerows(survey_rows(rng, r, n, counts, excluded, written, types))
        written_files.append(path.name)
    return written_files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--out", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    rows = generate(args.seed)
    folder = args.out / "xinshi-2011"
    folder.mkdir(parents=True, exist_ok=True)
    surveys = write_surveys(rows, folder / "surveys", args.seed)
    write_table(rows, folder / "社区排查摸底表.csv", args.seed)
    print(f"wrote {len(rows)} communities and {len(surveys)} survey files to {folder}")


if __name__ == "__main__":
    main()
