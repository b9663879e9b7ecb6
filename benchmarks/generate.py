"""Generate a realistic ledger of any size, in the exact layout of ``data/items.yaml``.

The items read like the seed's feedback (short Chinese sentences, a few long ones), are led by
and assigned to units of a generated ``departments.yaml`` (district departments, city units,
enterprises, groups, park HQs and towns, with aliases), and a share of them carries a history:
progress notes, deadline extensions, close-outs with text evidence (some late), and look-back
reopenings.  Everything is deterministic for a given size and seed, every date lies between the
batch date and ``AS_OF``, and the result passes ``ledger check``.

    .venv/bin/python benchmarks/generate.py 10000 /tmp/ledger10k            # → /tmp/ledger10k/data/
    .venv/bin/python benchmarks/generate.py 1000 /tmp/l1k --seed 7 --check  # and run `ledger check`

Read the generated ledger "as of" ``AS_OF`` (``LEDGER_TODAY=2024-12-31``): that is the day the
history stops and the overdue share is about a quarter of the items.
"""

from __future__ import annotations

import argparse
import calendar
import random
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

AS_OF = date(2024, 12, 31)
BATCH_DATE = date(2024, 5, 22)
ITEMS_PER_QUESTION = 500

# ----------------------------------------------------------------------------- units

DISTRICT = [
    "区社会事务保障局", "区经济合作局", "区行政审批局", "区应急管理局", "区市场监管分局", "区建设环保局",
    "区投诉举报中心", "区营商办", "区经济商务局", "区财政局", "区发展改革局", "区自然资源分局",
    "区人力资源社会保障局", "区税务局", "区医疗保障局", "区农业农村局", "区交通运输局", "区水务局",
    "区统计局", "区审计局", "区司法局", "区公安分局", "区综合行政执法局", "区科技局", "区文化旅游局",
    "区卫生健康局", "区退役军人事务局", "区党工委", "区管委会", "区纪检监察工委", "区工改办",
    "区政务服务中心", "区不动产登记中心", "区住房保障中心", "区档案馆",
]
CITY = ["市交警四大队", "市公交分公司", "市住房公积金中心", "市消防救援支队", "市生态环境局分局"]
ENTERPRISE = ["区天然气分公司", "市园投集团", "区供电公司", "区水务公司", "区城投公司"]
GROUPS = ["各园区指挥部", "区级相关部门", "各镇（街道）", "区级各部门", "各部门单位"]
PARKS = ["袁家坝园区指挥部", "石龙园区指挥部", "下西园区指挥部", "盘龙园区指挥部", "宝轮园区指挥部"]
TOWNS = ["上西街道", "下西街道", "盘龙镇", "宝轮镇", "石龙镇", "荣山镇", "大石镇", "三堆镇"]
EXTRA_ALIASES = {"区发展改革局": ["区发改局", "发展改革局", "发改局"],
                 "区人力资源社会保障局": ["区人社局", "人社局"], "区综合行政执法局": ["综合执法局"]}
GROUP_NOTES = {
    "各园区指挥部": "各园区攻坚指挥部，成员未在整改方案中列出",
    "区级相关部门": "与问题相关的区级部门，成员未在整改方案中列出",
    "各镇（街道）": "各镇和街道，成员未在整改方案中列出",
    "区级各部门": "全部区级部门，成员未在整改方案中列出",
    "各部门单位": "全部部门单位，成员未在整改方案中列出",
}

UNITS_HEADER = """\
# 单位名录 / Units (generated for benchmarks by benchmarks/generate.py)
#
# 本文件列出台账中可作为牵头部门、责任部门的单位。items.yaml 中的 lead 和 responsible
# 只能使用这里的 name（单位全称）。
# This file lists the units that may lead or be responsible for ledger items. The `lead` and
# `responsible` fields of items.yaml must use a `name` from this file.
#
# 字段 / Fields: name（全称）, kind（district | city | enterprise | group）, aliases（简称）, note（说明）
"""


@dataclass(frozen=True)
class GenUnit:
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    note: str | None = None


def make_units() -> list[GenUnit]:
    units: list[GenUnit] = []
    taken: set[str] = set()

    def add(name: str, kind: str, note: str | None = None) -> None:
        aliases: list[str] = []
        for alias in [*EXTRA_ALIASES.get(name, []), name[1:] if name[0] in "区市" and kind != "group" else ""]:
            if alias and len(alias) >= 3 and alias not in taken and alias not in aliases:
                aliases.append(alias)
        taken.update([name, *aliases])
        units.append(GenUnit(name, kind, tuple(aliases), note))

    for name in DISTRICT:
        add(name, "district")
    for name in GROUPS:
        add(name, "group", GROUP_NOTES[name])
    for name in CITY:
        add(name, "city")
    for name in ENTERPRISE:
        add(name, "enterprise")
    for name in PARKS:
        add(name, "district", "园区攻坚指挥部")
    for name in TOWNS:
        add(name, "district", "镇（街道）")
    return units


def units_yaml(units: list[GenUnit]) -> str:
    lines = [UNITS_HEADER, "units:\n"]
    for unit in units:
        lines.append(f"  - name: {unit.name}\n    kind: {unit.kind}\n")
        if unit.aliases:
            lines.append(f"    aliases: [{', '.join(unit.aliases)}]\n")
        if unit.note:
            lines.append(f"    note: {unit.note}\n")
    return "".join(lines)


# ----------------------------------------------------------------------------- text

SUBJECTS = ["市教育局", "市场监管局", "建设局", "市公安局", "天然气公司", "税务部门", "人社部门", "自然资源部门",
            "园区管委会", "医保部门", "供电公司", "水务公司", "审批窗口", "不动产登记中心", "公交公司", "交警部门",
            "应急管理局", "综合执法部门", "住房公积金中心", "各镇街道", "相关部门", "主管部门"]
ASPECTS = ["服务态度可以再热情一点", "办事效率有待提升", "在办证上各县区保持一致所需资料", "简化审批流程，减少重复提交材料",
           "加快项目审批进度", "加强政企沟通，及时回应企业诉求", "落实惠企政策，帮助企业申报项目资金",
           "规范执法检查，避免多头检查、重复检查", "提高窗口人员业务能力", "对企业进行科学管理和分类",
           "引进对口人才，方便对企业进行科学系统化管理", "公开办事指南和收费标准", "及时兑现招商引资承诺",
           "加强车流量高峰期的乱停乱放治理", "对新安装燃气计量气表进行校对", "优化公交线路，方便职工上下班",
           "在整理档案中简化程序", "提升一次办成率", "减少证明材料", "推行容缺受理", "加大对中小企业的融资支持",
           "清理拖欠企业账款", "完善园区道路照明和排水设施", "帮助企业解决用工难题", "提高电力保障水平，减少计划外停电"]
GOALS = ["让企业办事简单化", "减轻企业负担", "营造更好的营商环境", "切实解决企业实际困难", "多为企业排忧解难",
         "更好服务社会", "增强企业获得感", "让企业安心发展", "提升群众满意度", "做到有求必应、无事不扰"]
OPENERS = ["希望", "建议", "", "", "请", "恳请"]
SHORT = ["服务态度和办事效率方面。", "加强政企沟通。", "办事效率有待提升。", "设立满意度测评。", "多为企业排忧解难。",
         "希望部门间协调更通畅。", "公交出行极为不便。", "对于单位拖欠款项需要改进。", "都挺好的，继续保持。"]
PROGRESS = ["已召开专题会议研究整改措施，明确责任人和时间节点", "已走访企业{n}家，收集意见建议{m}条",
            "已印发整改工作方案并分解任务", "已完成窗口人员业务培训{n}人次", "已拨付第{k}批款项{n}万元",
            "已与企业座谈，逐项反馈办理情况", "已梳理办事指南{n}项并在政务服务网公开", "已协调相关部门现场办公",
            "整改措施正在推进，完成进度约{p}%", "已建立工作台账，实行周调度", "已开展专项检查{n}次，发现问题{m}个并督促整改",
            "已优化审批流程，平均办理时限压缩{p}%", "已回访企业，企业表示满意"]
EVIDENCE = ["会议纪要及整改报告已存档", "企业回访记录{n}份", "拨付凭证已存档", "整改前后照片及验收意见",
            "培训签到表和课件", "印发的通知文件（{k}号）", "现场检查记录{n}份", "企业满意度测评结果"]
REASONS = ["资金分批到位，需延期完成", "涉及多部门协调，需进一步对接", "项目施工受雨季影响", "需等待上级审批",
           "企业需求有变化，方案调整", "涉及历史遗留问题，需分步解决"]
REOPEN = ["回头看：款项仍未全部拨付", "回头看：企业反映问题仍然存在", "回头看：整改措施未落实到位",
          "回头看：佐证材料不充分"]
NOTES = ["回访企业满意", "长效机制已建立", "纳入日常监管", "已向企业反馈"]
SURNAMES = "张王李刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "艳", "勇", "军", "杰", "涛", "明", "超", "华", "平", "刚"]


def feedback_text(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(SHORT)
    clauses = [rng.choice(OPENERS) + (rng.choice(SUBJECTS) if rng.random() < 0.6 else "") + rng.choice(ASPECTS)]
    if roll > 0.45:
        clauses.append(rng.choice(GOALS))
    if roll > 0.85:
        clauses.append(rng.choice(ASPECTS))
        clauses.append(rng.choice(GOALS))
    return "，".join(clauses) + "。"


def filled(rng: random.Random, template: str) -> str:
    return template.format(n=rng.randint(2, 60), m=rng.randint(1, 30), k=rng.randint(1, 9), p=rng.randint(30, 95))


def person(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.randint(1, 2)))


# ----------------------------------------------------------------------------- items

DEADLINES = [date(2024, 6, 30), date(2024, 8, 31), date(2024, 9, 30), date(2024, 10, 31), date(2024, 12, 31),
             date(2025, 3, 31), date(2025, 6, 30)]
DEADLINE_WEIGHTS = [3, 4, 2, 2, 2, 2, 2]


def month_end(day: date, months: int) -> date:
    y, m = divmod(day.month - 1 + months, 12)
    year, month = day.year + y, m + 1
    return date(year, month, calendar.monthrange(year, month)[1])


def rand_day(rng: random.Random, lo: date, hi: date) -> date:
    return lo + timedelta(days=rng.randint(0, max(0, (hi - lo).days)))


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass
class Block:
    """One item's block being written, and what the test/benchmark may want to know about it."""

    lines: list[str] = field(default_factory=list)

    def add(self, indent: int, text: str) -> None:
        self.lines.append(" " * indent + text + "\n")


def _progress_notes(rng: random.Random, lo: date, hi: date) -> list[tuple[date, str, str, date]]:
    count = rng.choice([1, 1, 1, 2, 2, 3, 4])
    days = sorted(rand_day(rng, lo, hi) for _ in range(count))
    return [(d, filled(rng, rng.choice(PROGRESS)), person(rng), min(hi, d + timedelta(days=rng.choice([0, 0, 1, 3]))))
            for d in days]


def _closeout(b: Block, indent: int, rng: random.Random, day: date, deadline: date | str) -> None:
    b.add(indent, f"date: {day.isoformat()}")
    b.add(indent, f"by: {person(rng)}")
    b.add(indent, "evidence:")
    for _ in range(rng.choice([1, 1, 2, 3])):
        b.add(indent + 2, f"- text: {q(filled(rng, rng.choice(EVIDENCE)))}")
    if isinstance(deadline, date) and day > deadline:
        b.add(indent, "late: true")
    if rng.random() < 0.2:
        b.add(indent, f"note: {q(rng.choice(NOTES))}")
    b.add(indent, f"recorded: {day.isoformat()}")


def item_block(rng: random.Random, item_id: str, question: int, units: list[GenUnit], weights: list[float]) -> list[str]:
    b = Block()
    lead = rng.choices(units, weights)[0].name
    responsible = [lead] if rng.random() < 0.8 else []
    for _ in range(rng.choice([0, 1, 1, 2, 3])):
        other = rng.choices(units, weights)[0].name
        if other not in responsible:
            responsible.append(other)
    if not responsible:
        responsible = [lead]
    dated = rng.random() < 0.55
    deadline: date | str = rng.choices(DEADLINES, DEADLINE_WEIGHTS)[0] if dated else "ongoing"

    b.add(2, f"- id: {q(item_id)}")
    b.add(4, f"question: {question}")
    b.add(4, f"text: {q(feedback_text(rng))}")
    b.add(4, f"lead: {lead}")
    b.add(4, f"responsible: [{', '.join(responsible)}]")
    if rng.random() < 0.08:
        b.add(4, "and_others: true")
    if rng.random() < 0.15:
        b.add(4, f"leader: {person(rng)}")
    b.add(4, f"deadline: {deadline.isoformat() if isinstance(deadline, date) else deadline}")

    # The story of the item, in date order: progress, maybe an extension, maybe a close-out,
    # rarely a look-back that reopens it (and then maybe more progress and a second close-out).
    has_progress = rng.random() < 0.4
    notes = _progress_notes(rng, BATCH_DATE, AS_OF - timedelta(days=20)) if has_progress else []
    extensions: list[tuple[date, date, str, date | str, str]] = []
    if isinstance(deadline, date) and rng.random() < 0.12:
        previous: date | str = deadline
        when = BATCH_DATE
        for _ in range(rng.choice([1, 1, 2])):
            when = rand_day(rng, when + timedelta(days=1), min(AS_OF, max(when + timedelta(days=1), previous)))  # type: ignore[type-var]
            assert isinstance(previous, date)
            to = month_end(max(previous, when), rng.choice([2, 3, 6]))
            extensions.append((when, to, rng.choice(REASONS), previous, person(rng)))
            previous = to
    first_event = max([BATCH_DATE, *(n[0] for n in notes), *(e[0] for e in extensions)])
    closes = rng.random() < (0.3 if has_progress else 0.12) and first_event < AS_OF
    reopened = closes and rng.random() < 0.08
    past: tuple[date, date, str, str] | None = None
    close_day: date | None = None
    if closes:
        close_day = rand_day(rng, first_event, AS_OF)
        if reopened and close_day < AS_OF - timedelta(days=30):
            back = rand_day(rng, close_day, AS_OF - timedelta(days=10))
            past = (close_day, back, rng.choice(REOPEN), "区纪检监察工委")
            more = rng.random() < 0.5
            if more:
                notes.append((rand_day(rng, back + timedelta(days=1), AS_OF), filled(rng, rng.choice(PROGRESS)),
                              person(rng), AS_OF))
            after = max(back, notes[-1][0]) if notes else back
            close_day = rand_day(rng, after, AS_OF) if rng.random() < 0.4 else None
    if close_day is not None:
        status = "closed"
    elif past is not None:
        status = "in_progress" if notes and notes[-1][0] > past[1] else "open"
    else:
        status = "in_progress" if notes else "open"
    b.add(4, f"status: {status}")
    if notes:
        b.add(4, "progress:")
        for day, text, by, recorded in notes:
            b.add(6, f"- date: {day.isoformat()}")
            b.add(8, f"text: {q(text)}")
            b.add(8, f"by: {by}")
            b.add(8, f"recorded: {recorded.isoformat()}")
    if extensions:
        b.add(4, "extensions:")
        for when, to, reason, prev, by in extensions:
            b.add(6, f"- date: {when.isoformat()}")
            b.add(8, f"to: {to.isoformat()}")
            b.add(8, f"reason: {q(reason)}")
            b.add(8, f"previous: {prev.isoformat() if isinstance(prev, date) else prev}")
            b.add(8, f"approved_by: {by}")
            b.add(8, f"recorded: {when.isoformat()}")
    if close_day is not None:
        b.add(4, "closed:")
        _closeout(b, 6, rng, close_day, _deadline_on(deadline, extensions, close_day))
    if past is not None:
        b.add(4, "history:")
        b.lines.append("      - closed:\n")
        _closeout(b, 10, rng, past[0], _deadline_on(deadline, extensions, past[0]))
        b.add(8, "reopened:")
        b.add(10, f"date: {past[1].isoformat()}")
        b.add(10, f"reason: {q(past[2])}")
        b.add(10, f"by: {past[3]}")
        b.add(10, f"recorded: {past[1].isoformat()}")
    return b.lines


def _deadline_on(deadline: date | str, extensions: list[tuple[date, date, str, date | str, str]], day: date) -> date | str:
    current = deadline
    for when, to, *_ in extensions:
        if when <= day:
            current = to
    return current


ITEMS_HEADER = """\
# 整改销号台账：问题清单 / Rectification close-out ledger: items
# (generated for benchmarks by benchmarks/generate.py: {n} items, seed {seed})
#
# 本文件由人工维护，亦可由 `ledger` 命令修改；手工编辑后请运行 `ledger check` 校验。
# This file may be edited by hand or by `ledger` commands; run `ledger check` after editing by hand.
#
# items      每项问题一个块，块与块之间空一行，按题号、序号排列。
#            One block per item, separated by one blank line, in question/number order.
"""


def question_sizes(n: int) -> list[int]:
    """33 items split like the seed (18 + 15); otherwise about 500 items a question."""
    if n == 33:
        return [18, 15]
    count = max(1, -(-n // ITEMS_PER_QUESTION))
    base, extra = divmod(n, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


def items_yaml(n: int, seed: int, units: list[GenUnit]) -> str:
    rng = random.Random(f"ledger-bench/{n}/{seed}")
    # A few units lead most items (Zipf-like); groups are common as responsible units.
    weights = [1.0 / (rank + 1) ** 0.8 for rank in range(len(units))]
    rng.shuffle(weights)
    sizes = question_sizes(n)
    out = [ITEMS_HEADER.format(n=n, seed=seed),
           "batch:\n  id: \"2024-1\"\n  name: \"2024年全区营商环境“背靠背”直接评价（基准测试数据）\"\n",
           f"  date: {BATCH_DATE.isoformat()}\n  source: docs/source/2024-1-整改方案.txt\n", "questions:\n"]
    for number in range(1, len(sizes) + 1):
        out.append(f"  \"{number}\": \"问题{number}：为了让各县区、各部门更好地为您服务，请问您还有什么意见或建议？\"\n")
    out.append("items:\n")
    first = True
    for question, size in enumerate(sizes, start=1):
        for k in range(1, size + 1):
            if not first:
                out.append("\n")
            first = False
            out.extend(item_block(rng, f"{question}-{k}", question, units, weights))
    return "".join(out)


def generate(n: int, seed: int = 1) -> tuple[str, str]:
    """(items.yaml text, departments.yaml text) of a ledger of ``n`` items."""
    units = make_units()
    return items_yaml(n, seed, units), units_yaml(units)


def write(root: Path, n: int, seed: int = 1) -> Path:
    """Write ``root/data/items.yaml`` and ``root/data/departments.yaml``; returns the data folder."""
    data = root / "data"
    data.mkdir(parents=True, exist_ok=True)
    items, units = generate(n, seed)
    (data / "items.yaml").write_text(items, encoding="utf-8")
    (data / "departments.yaml").write_text(units, encoding="utf-8")
    return data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("size", type=int, help="number of items")
    parser.add_argument("root", type=Path, help="folder to write data/ into")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", action="store_true", help="run `ledger check` on the result")
    args = parser.parse_args(argv)
    data = write(args.root, args.size, args.seed)
    size = (data / "items.yaml").stat().st_size
    print(f"{data}: {args.size} items, {size / 1e6:.1f} MB, as of {AS_OF}")
    if args.check:
        import os
        import subprocess

        ledger = Path(sys.executable).with_name("ledger")
        env = {**os.environ, "LEDGER_TODAY": AS_OF.isoformat(), "LEDGER_NO_CACHE": "1"}
        return subprocess.run([str(ledger), "--data", str(data), "check"], env=env).returncode
    return 0


if __name__ == "__main__":
    sys.exit(main())
