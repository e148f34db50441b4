"""Targets: numbers with their unit and what they count.

    科技型中小企业达到700家        → subject 科技型中小企业, value 700, unit 家
    全社会研发经费投入增长20%以上  → subject 全社会研发经费投入, value 20, unit %, qualifier 以上
    技术合同交易额达到120亿元      → subject 技术合同交易额, value 120, unit 亿元
    可按规定享受1～3个月的待遇      → subject 可按规定享受, value 3, unit 个月, range_start 1～
    按照每平方米1000元给予补贴      → subject 补贴 (the noun after), value 1000, unit 元, per 每平方米

Years and dates (2022年, 10月底) are not targets.
"""

from __future__ import annotations

import re

from ingest.model import Target

UNITS = (
    "万亿元|亿元|万元|元|万平方米|平方米|个百分点|百分点|%|％|万家|家|万个|个月|个|项|万名|名|套|场|卡时|天|年|倍|所|万人|人次|人|次|批|张|户|座|篇|件|亿"
)
BEFORE = r"(不少于|不低于|不超过|不高于|最高|最长|最多|超过|超|达到|达|突破|新增|增长|提高|提升|约|共|累计|力争|给予)?"
AFTER = r"(以上|左右|以下|以内|余|多)?"
# A range's start, read with the figure ending it: 1～3个月, 3至5年, 10-20万元 (the figure's value is its end).
RANGE_SEPARATOR = r"(?:～|~|至|到|－|-|—)"  # (qa.english reads ranges with it too)
RANGE_START = r"((?<![\d.])\d+(?:\.\d+)?\s*" + RANGE_SEPARATOR + r"\s*)?"
# What a figure is per, written just before it (每平方米1000元, 按每人每月3000元): part of the figure, not its subject.
PER = re.compile(r"(?:每(?:人次|人|户|家|个|台|套|年|月|天|日|次|亩|吨|平方米|千瓦时|千瓦|公里|名|项)|单个项目|单机)+$")
BOUND_BEFORE_PER = re.compile(r"(?:不能超过|不得超过|不超过|不高于|不少于|不低于|最高|最多|最长)$")
TARGET = re.compile(BEFORE + RANGE_START + r"(\d+(?:\.\d+)?)\s*(" + UNITS + r")" + AFTER)
DELIMITER = re.compile(r"[，,。；;：:、“”\"\n]")
LEADING_NOISE = re.compile(r"^(?:到\d{4}年(?:底)?|\d{4}年(?:底|起)?|力争|其中|并|和|对|全年|每年|年均|5年内|\d+年内|内|按照|依照|按)+")
TRAILING_VERBS = re.compile(
    r"(达到|达|超过|超|不少于|不低于|不超过|不高于|增长|提高|提升|新增|为|约|共|累计|突破|给予最高|给予|最高|最长|按照|的|不能|不得)+$"
)


SHORT_SUBJECT = 4  # a subject this short is a verb (新建, 组织实施); look after the number


def extract_targets(text: str) -> list[Target]:
    targets: list[Target] = []
    previous_end = 0
    for m in TARGET.finditer(text):
        relation, range_start, number, unit, after = m.group(1) or "", m.group(2) or "", m.group(3), m.group(4), m.group(5) or ""
        value = float(number)
        following = text[m.end() : m.end() + 1] or " "  # (at the text's end: no character that makes it a date)
        if unit == "亿" and following == "元":
            continue  # matched by 亿元 elsewhere
        if following in "年月日" and unit in {"个", "天"}:
            continue
        if text[max(0, m.start() - 1) : m.start()] == "第":
            continue  # 第3年 is an ordinal
        if unit == "年" and (value >= 1900 or following in "内底前起度"):
            continue  # 2022年 is a date, 5年内 a period of the plan, not a target
        start = max(_phrase_start(text, m.start()), previous_end)
        previous_end = m.end()
        per = PER.search(text, start, m.start()) if not relation else None
        per = per.group(0) if per and per.end() == m.start() else ""
        if per:  # "最高每人2000元", "不能超过每月1000元": the bound before what it is per
            bound = BOUND_BEFORE_PER.search(text, start, m.start() - len(per))
            if bound and bound.end() == m.start() - len(per):
                relation = "不超过" if bound.group(0) in ("不能超过", "不得超过") else bound.group(0)
        subject = _subject_before(text, start, m.start() - len(per))
        if len(subject) <= SHORT_SUBJECT:  # "新建10个省级以上平台": the noun follows
            subject = _subject_after(text, m.end()) or subject
        qualifier = relation if relation in {"不少于", "不低于", "不超过", "不高于", "最高", "最长", "最多", "超过", "超", "约"} else ""
        qualifier = qualifier or after
        targets.append(
            Target(
                subject=subject,
                value=int(value) if value.is_integer() else value,
                unit=unit.replace("％", "%"),
                text=text[start : m.end()],
                qualifier=qualifier,
                range_start=range_start.replace(" ", ""),
                per=per,
            )
        )
    return targets


def _phrase_start(text: str, end: int) -> int:
    """Where the phrase leading up to a number starts: the previous delimiter,
    or just after a closing bracket whose opening lies outside the phrase."""
    start = end
    depth = 0
    unmatched_close = None
    while start > 0 and not DELIMITER.match(text[start - 1]) and end - start < 30:
        ch = text[start - 1]
        if ch in "）)":
            depth += 1
            unmatched_close = start if depth == 1 else unmatched_close
        elif ch in "（(":
            depth -= 1
            if depth < 0:
                return start  # inside a bracket: the phrase starts after it opens
            if depth == 0:
                unmatched_close = None
        start -= 1
    return unmatched_close if depth > 0 and unmatched_close is not None else start


def _subject_before(text: str, start: int, end: int) -> str:
    phrase = text[start:end]
    phrase = LEADING_NOISE.sub("", phrase)
    phrase = TRAILING_VERBS.sub("", phrase)
    return phrase.strip()


SUBJECT_AFTER = re.compile(r"([^，,。；;：:、（(）)\d]{1,12})")


# What leads from a figure to the noun it gives ("…1000元给予最高10万元购房补贴": 购房补贴): verbs, bounds, a further figure.
LEAD_TO_NOUN = re.compile(r"(?:给予|予以|发放|最高|最多|不超过|不高于|的|标准)+(?:\d+(?:\.\d+)?(?:万元|亿元|元))?")


def _subject_after(text: str, start: int) -> str:
    lead = LEAD_TO_NOUN.match(text, start)
    if lead and lead.end() > start and SUBJECT_AFTER.match(text, lead.end()):
        start = lead.end()
    m = SUBJECT_AFTER.match(text, start)  # matched in place: slicing the rest of a long clause per number is quadratic
    if not m:
        return ""
    return re.sub(r"^(以上|左右|以下|以内|的)", "", m.group(1)).strip()
