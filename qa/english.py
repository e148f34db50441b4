"""Figures in English: an English reader gets amounts and counts in English, the Chinese kept in parentheses.

    最高30万元        → up to 300,000 yuan (最高30万元)
    120亿元           → 12 billion yuan (120亿元)
    每人每月3000元    → 3,000 yuan per person per month (每人每月3000元)
    不超过3年         → up to 3 years (不超过3年)
    370家             → 370 firms (370家)
    十五万元          → 150,000 yuan (十五万元)   (Chinese numerals read with cn2an)
    1～3个月          → 1–3 months (1～3个月);  10-20万元 → 100,000–200,000 yuan (10-20万元)

The table of measure words and qualifiers is data: one row per form.
"""

from __future__ import annotations

import re

from ingest.targets import RANGE_SEPARATOR
from qa.figures import NUMBER_WORD_EN, NUMBER_WORDS_EN, PER_QUANTITY

NUMBER = r"(?:\d[\d,]*(?:\.\d+)?|[零〇一二两三四五六七八九十百千]+)"
MAGNITUDES = {"万亿": 10**12, "亿": 10**8, "千万": 10**7, "百万": 10**6, "万": 10**4, "千": 10**3, "": 1}
# measure word → English noun (plural); "" for a bare number.
MEASURES = {
    "元": "yuan", "%": "%", "％": "%", "个百分点": "percentage points", "家": "firms", "个": "", "名": "people",
    "人": "people", "人次": "person-times", "项": "items", "年": "years", "个月": "months", "月": "months",
    "天": "days", "日": "days", "个工作日": "working days", "工作日": "working days", "小时": "hours",
    "次": "times", "周岁": "years of age", "岁": "years of age", "倍": "times", "套": "sets", "台": "units",
    "平方米": "square metres", "亩": "mu", "公里": "km", "千瓦": "kW", "千瓦时": "kWh", "毫米": "mm", "卡时": "card-hours",
}
SINGULAR = {"firms": "firm", "people": "person", "items": "item", "years": "year", "months": "month", "days": "day",
            "working days": "working day", "hours": "hour", "times": "time", "sets": "set", "units": "unit",
            "person-times": "person-time", "percentage points": "percentage point"}  # 1 year, 1 person
BEFORE = {"最高不超过": "up to", "最高": "up to", "最多": "up to", "最长": "up to", "不超过": "up to", "不高于": "up to",
          "最长不超过": "up to", "不少于": "at least", "不低于": "at least", "至少": "at least", "超过": "more than",
          "超": "more than", "达到": "", "约": "about",
          # a bound said as what may not be done ("每人分摊的额度不能超过每月1000元")
          "不能超过": "up to", "不得超过": "up to", "不能高于": "up to", "不得高于": "up to", "不能低于": "at least",
          "不得低于": "at least", "不能少于": "at least", "不得少于": "at least"}
AFTER = {"及以上": "or more", "及以下": "or less", "以上": "or more", "以下": "or less", "左右": "about", "余": "more than", "多": "more than", "以内": "or less"}
PER = {"每人": "per person", "每户": "per household", "每家": "per firm", "每家企业": "per firm", "每个": "each",
       "每月": "per month", "每年": "per year", "每天": "per day", "每次": "each time", "每台": "per unit",
       "单个项目": "per project", "单机": "per machine"}

# A quantity a figure is per, before it (每平方米1000元) or after it (0.12元/千瓦时): qa.figures.PER_QUANTITY.
_quantity = "|".join(zh for _, zh, _ in PER_QUANTITY)


def _per_english(per: str) -> str:
    """每人 → "per person"; 每平方米, /千瓦时 → "per square metre", "per kilowatt-hour"."""
    if per in PER:
        return PER[per]
    return next((f"per {unit}" for unit, zh, _ in PER_QUANTITY if re.fullmatch(rf"[每/](?:{zh})", per)), "")


_units = "|".join(sorted((re.escape(m) for m in MEASURES), key=len, reverse=True))
_before = "|".join(sorted(BEFORE, key=len, reverse=True))
_after = "|".join(sorted(AFTER, key=len, reverse=True))
_per = "|".join([*sorted(PER, key=len, reverse=True), f"每(?:{_quantity})"])
FIGURE = re.compile(
    rf"(?P<per>(?:(?:{_per})(?:最高|最多)?)*)(?P<before>{_before})?(?P<per2>(?:(?:{_per}))*)"
    rf"(?:(?P<low>{NUMBER})\s*(?P<lowmag>万亿|亿|千万|百万|万|千)?\s*{RANGE_SEPARATOR}\s*)?"  # a range: 1～3个月, 10-20万元
    rf"(?P<number>{NUMBER})\s*(?P<mag>万亿|亿|千万|百万|万|千)?(?P<approx>余|多)?\s*(?P<unit>{_units})(?P<after>{_after})?"
    rf"(?P<per3>/(?:{_quantity}))?(?!\d)"
)


def _value(number: str) -> float | None:
    if re.fullmatch(r"[\d,.]+", number):
        return float(number.replace(",", ""))
    try:
        import cn2an

        return float(cn2an.cn2an(("一" + number) if number[0] in "百千" else number, "smart"))
    except (ValueError, KeyError, IndexError):
        return None


def _amount(value: float) -> str:
    for size, word in ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")):
        if value >= size and (value / size * 100).is_integer():
            n = value / size
            return f"{n:g} {word}"
    return f"{value:,.0f}" if value.is_integer() else f"{value:,.2f}".rstrip("0").rstrip(".")


def english_figure(match: re.Match) -> str | None:
    value = _value(match.group("number"))
    if value is None:
        return None
    unit = match.group("unit")
    value *= MAGNITUDES[match.group("mag") or ""]
    noun = MEASURES[unit]
    low = _value(match.group("low")) if match.group("low") else None
    if low is not None:  # a range's start takes the end's magnitude unless it has its own: 10-20万元
        low *= MAGNITUDES[match.group("lowmag") or match.group("mag") or ""]
    start = "" if low is None else (f"{low:g}" if unit in ("%", "％") else _amount(low)) + "–"
    if unit in ("%", "％"):
        text = f"{start}{value:g}%"
    else:
        text = f"{start}{_amount(value)} {noun if value != 1 or start else SINGULAR.get(noun, noun)}".strip()
    before = BEFORE.get(match.group("before") or "", "")
    after = AFTER.get(match.group("after") or match.group("approx") or "", "")
    if after == "more than" and not before:
        before, after = "more than", ""
    pers = re.findall(_per, (match.group("per") or "") + (match.group("per2") or "")) + \
        ([match.group("per3")] if match.group("per3") else [])
    text = " ".join(x for x in (before, text, after) if x)
    if pers:
        text += " " + " ".join(_per_english(p) for p in dict.fromkeys(pers))
    return text


def figures_in_english(text: str) -> list[str]:
    """Every figure of a Chinese text, in English with the Chinese in parentheses."""
    found = []
    for m in FIGURE.finditer(text):
        zh = m.group(0).removeprefix("达到")
        if re.fullmatch(r"(?:19|20)\d\d年", zh) or (m.group("unit") in ("个", "年", "月", "日") and not m.group("before")
                                                    and re.fullmatch(r"\d{4}", m.group("number") or "")):
            continue  # 2022年 is a date
        if m.group("unit") in ("月", "日") and re.search(r"\d\s*月\s*\d", text[max(0, m.start() - 3): m.end() + 3]):
            continue  # 6月30日 is a date
        if text[max(0, m.start() - 1): m.start()] == "第" and not (m.group("per") or m.group("before")):
            continue  # 第二年, 第3批: which one, no figure
        if m.group("unit") == "个" and m.group("number") in ("一", "两", "1"):
            continue  # 一个年度: no figure
        if m.group("number") == "一" and text[m.end(): m.end() + 1] in "性批些":
            continue  # 一次性 (one-off), 一批: no figure
        english = english_figure(m)
        shown = english if english == zh else f"{english} ({zh})"
        if english and shown not in found:
            found.append(shown)
    return found


# --- the other way: an English amount as a Chinese document writes it ------------------------------------

ENGLISH_AMOUNT = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(billion|million|thousand|bn|m|k)?\s*(yuan|rmb|cny)?\b", re.I)
ENGLISH_SCALE = {"billion": 10**9, "bn": 10**9, "million": 10**6, "m": 10**6, "thousand": 10**3, "k": 10**3}


# A scale after a number word: "fewer than one million residents", "a million yuan", "two billion" (not "a thousand
# thanks": only the scales the documents count in).
SCALED_WORD = re.compile(rf"\b({NUMBER_WORD_EN}|a|an)\s+(billion|million|thousand)\b", re.I)


def _scales_in_digits(text: str) -> str:
    """"a million", "two billion" → "1 million", "2 billion" (ENGLISH_AMOUNT reads digits)."""
    return SCALED_WORD.sub(lambda m: f"{NUMBER_WORDS_EN.get(m.group(1).lower(), 1)} {m.group(2)}", text)


def with_chinese_amounts(text: str) -> str:
    """The text with its scaled English amounts written as the documents write them ("fewer than a million
    residents" → "fewer than 100万 residents"): a bound it names reads against the documents' (不超过100万)."""
    text = _scales_in_digits(text)

    def written(m: re.Match) -> str:
        amounts = chinese_amounts(m.group(0)) if m.group(2) else []
        return amounts[0] + m.group(0)[len(m.group(0).rstrip()):] if amounts else m.group(0)
    return ENGLISH_AMOUNT.sub(written, text)


# A sum the asker says they spent or a thing is worth ("bought services worth 1 million yuan", "spending about
# 600,000 yuan a year"): their case, no amount a document's sentence must state (as qa.figures.SPENT in Chinese).
SPENT_EN = re.compile(r"\b(?:spent|spend|spending|paid|pay|paying|cost|costs|costing|worth|invested|investing)\s+"
                      r"(?:(?:about|around|roughly|some|nearly|almost|over|more than|close to|us|me|them)\s+)*"
                      r"(?:rmb|cny|¥)?\s*\d[\d,]*(?:\.\d+)?\s*(?:billion|million|thousand|bn|m|k)?\s*(?:yuan|rmb|cny)?", re.I)


def asked_amounts(question: str) -> list[str]:
    """chinese_amounts of a question, less the sums the asker spent (SPENT_EN)."""
    return chinese_amounts(SPENT_EN.sub(" ", _scales_in_digits(question)))


def chinese_amounts(question: str) -> list[str]:
    """English amounts as Chinese documents write them: "over 30 million yuan" → 3000万, "500,000 yuan" → 50万,
    "1.2 billion" → 12亿, "3,000 yuan" → 3000元. A bare number without a scale or yuan is no amount."""
    out = []
    question = _scales_in_digits(question)  # one million
    for m in ENGLISH_AMOUNT.finditer(question):
        if not m.group(2) and not m.group(3):
            continue
        value = float(m.group(1).replace(",", "")) * ENGLISH_SCALE.get((m.group(2) or "").lower(), 1)
        if value >= 10**8 and value % 10**6 == 0:
            number, unit = value / 10**8, "亿"
        elif value >= 10**4:
            number, unit = value / 10**4, "万"
        else:
            number, unit = value, ""
        out.append(f"{number:g}{unit}" if unit else f"{number:g}元")  # 3000万 is in 3000万元 and in 超3000万
    return list(dict.fromkeys(out))
