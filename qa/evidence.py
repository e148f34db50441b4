"""Evidence: the sentences of the retrieved clauses that answer each part of a question.

A question often asks two things at once ("最多能贷多少？期限多长？", "what share … and what is the annual
cap?"). It is split into parts; each part keeps its own keywords and the kinds of figure it asks for
(qa.figures). For each part the best sentence among the top clauses is chosen:

    score = 2 × (share of the part's keywords in the clause title + sentence)
          + 1 × (share of the whole question's keywords)
          + 1.5 × (the sentence states a figure of a kind the part asks for)
          + 3 × (the clause's own heading announces that kind — 申报对象, 申请条件, 申报时间 — or the sentence
                 gives the deadline asked for: the document's own word on what it is about, stronger
                 than a kind word met in a sentence)
          + 1 × (a Q&A answer whose question asks the span, day or count asked: "…每次最长可以申请多长时间？")
          + 0.5 × (whole numbers of the question the sentence or its headings repeat: "by 2028", "level 3")
          + 1 × (the sentence names whole the subject a follow-up swapped in: "那大型甘蔗收获机呢？")
          + 1.5 × (the sentence is in the clause a follow-up points back at: "How long does it last?")
          + 1 × (a figure sentence states the period asked for: "the daily cap" → 每人每天)
          + 2 × (the sentence's rule is bounded to the asker's own case: 雇了8个人 and 带动就业5人及以上的…)
          − rank penalty of the clause

A sentence is read with its clause's headings and with the sentences before it in the clause, which often
name what a figure is for ("支持企业参加境外重点展会…。经评估，按照…50%给予支持，每家企业年度最高不超过200万元。"):
the floors a sentence must pass (its share of the keywords, its subject) count a keyword found only in those
earlier sentences as CONTEXT_WEIGHT of one. The score that ranks the sentences that pass counts the sentence and
its headings, except for a sentence that goes on from the one before (CONTINUES: 经评估, 经审核, 按照…): it takes
the better of its own coverage and INHERITED_WEIGHT of its coverage read with the sentences before it — the
figure sentence after one naming 境外展会 ranks above a sentence elsewhere naming half of what was asked, and
below one naming all of it; the next target of a list (its own subject) inherits nothing.

The asker's particulars — words of a Chinese description before the clause that asks which no clause read
holds (德国, 迪拜, 差不多) — are no floor and no subject a sentence must name (particulars_of).

A part that asks for a figure is answered only by a sentence stating one of that kind; a part no sentence
answers is left out and reported, and a question none of whose parts is answered gets no evidence — the
caller refuses.
"""

from __future__ import annotations

import dataclasses
import functools
import itertools
import re
from dataclasses import dataclass, field

from qa.figures import AGE_ASKED, CAPPED_SPAN, LONGEST_ASKED, graded_numbers, SPENT, PROCESS_ASKED, PROCESS_STATED, APPROXIMATE, CAPPED_SUM, gives_address_asked, MINIMUM_ASKED, asks_cap, bounds_only_above, pays_nothing, states_only_ages, own_values, ANY_FIGURE_KINDS, ASKING_WORDS, asked_periods, outside_own_case, states_period, within_own_case, of_own_city_class, DERIVED_KINDS, SELF_EVIDENT_KINDS, names_other_body, other_side, subject_words, NON_FIGURE_KINDS, heading_announces, heading_asks, asked_kinds, asked_object, asked_object_en, asked_unit, asked_unit_en, stated_kinds, states_any, states_unit
from ingest.places import COUNTRY, find_places
from ingest.units import find_notes
from ingest.structure import without_number
from qa.analysis import asked_noun, asks_whether
from qa.compose import applying_sentences, sentences as compose_sentences
from qa.conversation import ASPECT_WORDS
from qa.english import ENGLISH_AMOUNT, chinese_amounts, with_chinese_amounts
from qa.lexicon import expand_abbreviations, names_a_term, numeral_forms, same_words, word_groups
from vectorstore.records import Hit
from vectorstore.tokenizer import normalize

# (啥 and 咋 as colloquial writers ask: "利息咋算？", "要啥材料")
QUESTION_WORD_ZH = re.compile(r"谁|哪|什么|啥|多少|几|多久|多长|如何|怎么|咋|怎样|是否|能否|能不能|可不可以|可以吗|吗|呢|有没有|还是|要不要|多大|何时|"
                              r"多[薄厚宽窄高深粗细重远]|([\u4e00-\u9fff])[不没]\1|[？?]")  # ("多薄的不让用？": a size asked;
# "利息政府给不给贴", "算不算": a verb asked as A-not-A)
SPLIT_ZH = re.compile(r"[？?；;。！!\s]+|[，,](?=[^，,]{0,14}(?:谁|哪|什么|啥|多少|几|多久|多长|是否|吗|呢))"
                      r"|、(?=[^、，,]{0,8}(?:谁|哪|什么|多少|几|多久|多长))")  # "至少几次、服务多少小时", "哪个部门指导、在什么范围推广": two questions
# A figure asked by its noun alone, closing a question after "and": "…the maximum loan amount and term?"
# ("…the daily cap and the payout rate be?": a modifier before the kind, the verb closing the question after it)
BARE_KIND_EN = r"(?:the\s+|its\s+|their\s+|an?\s+)?(?:[a-z-]+\s+)?(?:term|duration|period|deadline|time limit|rate|interest rate|cap|ceiling|amount)(?:\s+(?:be|is|are))?"
SPLIT_EN = re.compile(r"\?+\s*|\s+[-–—]+\s+(?=(?:what|how|which|who|when|where)\b)|"  # "… compare - what percentage…"
                      r",?\s+and\s+(?=(?:for\s+)?(?:what|how|which|who|when|where|is|are|can|does|do|whether)\b)|"  # "…and for how long?"
                      r",\s+and\s+(?=(?:[\w'’-]+\s+){1,4}(?:how|what|which|who|when|where)\b)|;\s*|"  # ", and the city pays how much"
                      rf"\s+and\s+(?=(?:{BARE_KIND_EN})\W*$)", re.I)  # "what's the maximum loan amount and term?"
# a part asking only each figure of what the part before asked: "各是多少", "分别多少呢", "那两个各自是多少？"
EACH_ASKED = re.compile(r"[\s，,]*(?:那|那么)?(?:它们|两者|两个|二者|两种|两项)?(?:各|分别|各自)(?:是|为)?多少(?:呢|啊)?[\s？?。]*")
ELLIPSIS = re.compile(r"呢\s*[？?]?$|^(?:那|那么)|^(?:and |what about |how about )", re.I)

# How the parts of a score weigh (see the module docstring).
PART_WEIGHT, QUESTION_WEIGHT, KIND_WEIGHT, NUMBER_WEIGHT, RANK_PENALTY = 2.0, 1.0, 1.5, 0.5, 0.15
HEADING_WEIGHT = 3.0
ASKED_HEADING_WEIGHT = 1.0  # a Q&A answer whose question asks the kind the part asks ("…多长时间？" for "how many years")
PERIOD_WEIGHT = 1.0  # a figure sentence stating the period asked for (daily → 每天)
CASE_WEIGHT = 2.0  # a sentence whose rule is bounded to the asker's own case (雇了8个人: 带动就业5人及以上的…)
OBJECT_WEIGHT = 1.0  # a sentence naming the compound the part asks about as written (有没有实习补贴: 实习补贴)
SWAPPED_IN_WEIGHT = 1.0  # a sentence naming whole the subject a follow-up swapped in ("那大型甘蔗收获机呢？")
GENERAL_RULE_PENALTY = 1.0  # a figure sentence of a clause that also states the rule bounded to the asker's case
LIST_WEIGHT = 1.0  # a sentence naming LIST_MIN or more of the things a "which" part asks for
LIST_MIN = 3
EARLIER_CASE_WEIGHT = 1.0  # a sentence naming the case the asker described earlier in the conversation (职工)
EARLIER_CASE_MORE = 0.5  # …and naming more of it than other candidates do (职工 and 居家护理, where another names 居家护理)
KEPT_WEIGHT = 1.0  # a sentence naming what a turn pointing back is about ("it": the rent deduction → 住房租金)
# a sentence saying where it is sent ("请将申报材料发送至：…"), for a part asking where to send it or to whom, over a
# link or mailbox given for something else (a tax certificate's download page)
DELIVERY_WEIGHT = 1.0
DELIVERED = re.compile(r"(?:发送|提交|报送|递交|寄送|寄|发|送|上传|交)(?:至|到)\s*[:：]?")
CAP_WEIGHT = 1.0  # a sentence bounding a sum from above, for a part asking a ceiling ("a yearly cap": 不超过5000万元)
REFERENT_WEIGHT = 1.5  # a sentence of the clause a follow-up points back at ("it", "这个")
QUOTED_WEIGHT = 1.5  # …more when the answer before quoted it ("For how long?" after the 实习补贴 sentence of a clause of many)
MIN_COVERAGE = 0.25  # a sentence must hold this share of its part's (or the question's) keywords
MIN_FIGURE_COVERAGE = 0.4  # … and more when it is to answer with a figure: a figure of something else misleads
CONTACT_BLOCK = 80  # characters: a clause under a contacts heading this short is quoted whole (the name and the number)
CANDIDATES = 3  # per part, for choosing the best combination
FACTS_RULED = 2  # sentences at most quoted for a "do I still qualify?" part, one per fact of the asker's it rules
REPEAT_PENALTY = 1.0  # a sentence answering two parts counts this much less
REPEAT_TIE = 0.05  # …and any sentence answering two parts, however they ask, this much (a tie-breaker, below RANK_PENALTY)
MIN_MATCHED_EN = 3  # English keywords are translation alternatives: a sentence must hold this many distinct ones
MIN_EXACT_EN = 2  # … or every glossary term of the part, when it names this many ("how long … the loan": 期限, 贷款)
CONTEXT_WEIGHT = 0.5  # a keyword only in the clause's earlier sentences, against one in the sentence or its headings
DESCRIPTION_WEIGHT = 0.5  # coverage of the words of the asker's description of themselves (Part.asked_keywords)
INHERITED_WEIGHT = 0.75  # a sentence's score coverage read with those earlier sentences, against its own
OWN_WORDS_WEIGHT = 0.15  # (a tie-breaker, as small as RANK_PENALTY) the part's words in the sentence itself, not its headings: of two under
# one heading ("…贷款利率和贴息利率分别是多少？"), the one saying 贴息 answers "利息能贴多少"
# Openings of a sentence that goes on from the one before instead of naming a subject: "经评估，按照…给予支持",
# "经审核，给予…", "按实际发生费用的一半给予补助", "并给予…", "对其…".
CONTINUES = re.compile(r"^\s*(?:经(?:过)?(?:评估|审核|认定|核定|评审|审定|考核|核准|批准|复核|验收)|按照?|依据|并|对其|对此|对上述)")
# …and openings of a sentence bounding each of what the one before named ("…奖励标准为500元/千瓦。单个项目年度奖励金额
# 不超过5000万元。", "每家企业…", "同一企业…", "其中…"): it is for whom that one is (its own words rank it as they are)
BOUNDS_EACH = re.compile(r"^\s*(?:单个|单家|每个|每家|每户|同一|其中|上述)")


@dataclass
class Part:
    text: str
    kinds: set[str]
    keywords: list[str] = field(default_factory=list)
    unit: str | None = None  # the unit the part names ("多少个工作日"): its figure must be counted in it
    object: str | None = None  # what "多少X" measures when X is a compound (多少运营补贴 → 运营补贴)
    # the keywords of the part without the asker's description of themselves ("我们公司注册在静安，去国外参加展会，
    # 区里能补多少": 公司, 注册 describe the asker): a sentence holding enough of these passes the floor too
    asked_keywords: list[str] | None = None
    # the things a "which" part asks to have named ("Which banks…", "有哪些经办银行"): a sentence naming several
    # of them (工商银行…、中国银行…、广州银行) lists the answer
    listed: list[str] = field(default_factory=list)
    compared: bool = False  # one of two items a question compares: its figure is in a sentence naming it
    # a later part naming no thing of its own, only a scope or what is done ("…那条是哪个部门指导的？全国都推广吗？"):
    # it asks of what the part before named, in the sentence that part was answered from
    leans: bool = False
    borrowed: bool = False  # its keywords are the part before's: it names nothing at all ("有没有时间要求？")


@dataclass
class Evidence:
    hit: Hit
    sentence: str
    part: Part
    score: float
    context: str = ""  # the clause's sentences before this one

    @property
    def about(self) -> str:
        """What the sentence is read as being about: its headings, the sentences before it, itself (normalised)."""
        return normalize(self.hit.heading_path + self.hit.title + self.context + self.sentence)


def sentences(text: str) -> list[str]:
    """The clause's sentences (qa.compose.sentences, notes left out), but not fragments of four characters or less."""
    return [s for s in compose_sentences(text) if len(s) > 4]


def question_parts(question: str, language: str) -> list[str]:
    """The questions inside a question; words before the first question word are the shared topic."""
    return [text for text, _ in _parts_as_written(question, language)]


# An English turn opening "What about X?" (or "And X?") and then asking: X is whom or what the next part asks of
WHAT_ABOUT_EN = re.compile(r"\W*(?:(?:and|so|ok|okay)\W+)?(?:what|how)\s+about\s+[^?.!]{1,40}?[?.!]*", re.I)


def _parts_as_written(question: str, language: str) -> list[tuple[str, str]]:
    """Each part of the question (its pieces joined by spaces) with the stretch of the question it was cut from,
    punctuation kept: "…开个小奶茶店。政府那个…能贷多少" ends a sentence where the part has a space."""
    cuts = [0, *(i for m in (SPLIT_ZH if language == "zh" else SPLIT_EN).finditer(question) for i in m.span()), len(question)]
    pieces = [(question[a:b].strip(" ，,、"), a, b) for a, b in zip(cuts[::2], cuts[1::2])]
    pieces = [p for p in pieces if p[0]]
    parts, pending = [], None  # (text, start, end)
    for n, (piece, start, end) in enumerate(pieces):
        # (an auxiliary asks only fronted: "is it…", not "the base is 60% of…", which states what the asker read)
        asks = QUESTION_WORD_ZH.search(APPROXIMATE.sub("", piece)) if language == "zh" else re.search(
            r"\b(what|how|which|who|when|where|whether)\b|^\W*(?:and\s+|but\s+|so\s+)?(?:is|are|can|does|do)\b", piece, re.I) \
            or re.fullmatch(BARE_KIND_EN + r"\W*", piece, re.I)
        if asks and language == "en" and n + 1 < len(pieces) and WHAT_ABOUT_EN.fullmatch(piece):
            asks = None  # "What about my father? He's retired. What's his personal rate?": whom the next part asks of
        if pending:
            piece, start = pending[0] + " " + piece, pending[1]
        if asks:
            parts.append((piece, start, end))
            pending = None
        else:
            pending = (piece, start, end)
    if pending:
        parts = parts[:-1] + [(parts[-1][0] + " " + pending[0], parts[-1][1], pending[2])] if parts else [pending]
    return [(text, question[start:end]) for text, start, end in parts] or [(question, question)]


@functools.lru_cache(maxsize=4096)  # the same keyword lists are held against every candidate sentence of a question
def _groups(keywords: tuple[str, ...], single_characters: bool = True) -> tuple[tuple[str, ...], ...]:
    """The keywords' groups (qa.lexicon.word_groups), normalised; without single characters when
    `single_characters` is False and the keywords hold longer words."""
    keywords = tuple(k for k in keywords if len(k) >= 2 or not k.isascii())
    if not single_characters:
        keywords = tuple(k for k in keywords if len(k) >= 2) or keywords
    return tuple(tuple(group) for group in word_groups([normalize(k) for k in keywords]))


def _matched(keywords: list[str], text: str, context: str = "", single_characters: bool = True) -> float:
    """Distinct keywords found in the text, those (of two characters or more) found only in its context
    counting CONTEXT_WEIGHT: a single character (月, 能) in an earlier sentence says nothing of this one.
    A word and its synonym (一台 / 单机) count once (qa.lexicon.word_groups)."""
    return sum(1 if any(k in text for k in group) else CONTEXT_WEIGHT if any(len(k) >= 2 and k in context for k in group)
               else 0 for group in _groups(tuple(keywords), single_characters))


def grouped_coverage(groups: list[list[str]], text: str) -> float:
    """Share of an English question's words (each a group of Chinese alternatives) that the text renders."""
    groups = [g for g in groups if g]
    if not groups:
        return 0.0
    return sum(1 for g in groups if any(normalize(t) in text for t in g)) / len(groups)


def _coverage(keywords: list[str], text: str, context: str = "") -> float:
    """Share of the keywords' groups the text (or its context) holds. A single character (能, 花, 月) says little
    of a sentence (能 is in 能力): it is left out when the keywords hold words of two characters or more."""
    groups = _groups(tuple(keywords), single_characters=False)
    if not groups:
        return 0.0
    return _matched(keywords, text, context, single_characters=False) / len(groups)


ANY_ASKED = set(ANY_FIGURE_KINDS)  # the kinds "多少" asks when it names none
TIME_ASKED = {"date", "duration"}  # "有没有时间要求？": a last day or a span, either answers


def earlier_sentences(text: str) -> dict[str, str]:
    """Each sentence of a clause → the clause's sentences before it (normalised), its reading context."""
    out, before = {}, ""
    for sentence in sentences(text) or [text]:
        out.setdefault(sentence, before)
        before += normalize(sentence)
    return out


SPECIFIC_TERM = 4  # characters: a keyword this long names the thing itself (科技创新券, 生活照料费)
# Heads that add nothing to what a term names: 分布式光伏项目 is named by 分布式光伏.
GENERIC_HEAD = re.compile(r"(?:项目|工作|政策|事项|情况|方面|活动|服务|标准|单位|机构|企业)$")
# Modifiers saying who gives, not what is given: 国家补贴 is named by 补贴 (政府补助, 财政奖励, 市里补贴).
GIVER = re.compile(r"^(?:国家|政府|中央|财政|地方|省里|市里|区里|县里|省级|市级|区级|县级)")


def in_title(word: str, title: str) -> bool:
    """The word is one of the (normalised) title's, or is as the title writes it (第2批 of 第二批, 国办 of
    国务院办公厅)."""
    return normalize(word) in title or any(normalize(form) in title for form in numeral_forms(word)) \
        or any(normalize(full) in title for full in expand_abbreviations(word))


def names_only(keywords: list[str], title: str, alternatives: list[list[str]] = ()) -> bool:
    """The keywords name the document (`title`, normalised) and nothing else: each is a word of its title, a year,
    or a piece of a longer keyword of its title (市政 of 市政府, which the title writes 市人民政府). The readings of one
    English word are `alternatives`: one of them in the title names it ("General Office": 办公厅, 总局, 总部)."""
    in_it = {k for k in keywords if in_title(k, title)}
    in_it |= {k for group in alternatives if any(w in in_it for w in group) for k in group}
    return all(len(k) < 2 or k.isdigit() or DATE_PART.fullmatch(k) or k in in_it or any(k in other for other in in_it)
               for k in keywords)


# Words placing a date in its year (2018年底, 上半年): like the year, they scope, they name nothing.
DATE_PART = re.compile(r"年[底初末中]|[上下]半年|月[底初末中]|年度")


def names_subject(part: Part, about: str, doc_title: str = "") -> bool:
    """A figure answers a part only from a sentence naming what it is about: one of the part's specific
    terms when it has any (a figure of 科技创新发展资金 is no figure of 科技创新券). The document's own name
    (无废城市) scopes the question, it does not describe the figure."""
    title = normalize(doc_title)
    if part.object and not any(normalize(t) in about for t in (part.object, GENERIC_HEAD.sub("", part.object))) \
            and not ("count" in part.kinds and all(normalize(w) in about for w in _words(part.object))):
        return False  # 多少运营补贴: a figure of 创业补贴 is not it (what is counted may be named by its words apart:
        # "选多少个城市试点" by "选择10个左右…的城市…开展…试点")
    specific = [k for k in part.keywords if len(k) >= SPECIFIC_TERM and not k.isascii() and not in_title(k, title)
                and len(GIVER.sub("", k)) >= SPECIFIC_TERM]  # 国家补贴 names 补贴, which any figure of support may be
    # A generic head (分布式光伏项目 → 分布式光伏) may be left out; a specific one (科技创新券 → 科技创新) may not.
    return not specific or any(any(normalize(w) in about for w in same_words(k)) or normalize(GENERIC_HEAD.sub("", k)) in about
                               or _named_by_parts(k, part.keywords, about) for k in specific
                               if len(GENERIC_HEAD.sub("", k)) >= 2)


@functools.lru_cache(maxsize=1024)  # asked of a part's counted object for every candidate sentence (names_subject)
def _words(text: str) -> tuple[str, ...]:
    import jieba

    return tuple(jieba.lcut(text))


def _named_by_parts(term: str, keywords: list[str], about: str) -> bool:
    """A compound named by its words apart: 子女教育 in "子女接受全日制学历教育" (子女 … 教育). Every character
    of the term must belong to one of its parts found in the text, so 科技创新券 is not named by 科技创新 alone."""
    term = normalize(term)
    covered = [False] * len(term)
    for k in keywords:
        k = normalize(k)
        if 2 <= len(k) < len(term) and k in term and k in about:
            at = term.find(k)
            covered[at: at + len(k)] = [True] * len(k)
    return all(covered)


def gather(hits: list[Hit], parts: list[Part], keywords: list[str], depth: int = 4, english: bool = False,
           swapped: tuple[list[str], str] | None = None,
           referent: tuple[set[str], set[str] | None, list[str]] = (frozenset(), None, []),
           names: list[str] = (), terms: list[str] = (), kept: list[str] = (), case_words: list[str] = (),
           settled: bool = False, alternatives: list[list[str]] = (), quoted: list[str] = ()) -> list[Evidence]:
    """The best sentence for each part (parts without one are skipped), in the order of the parts.

    Sentences come from the top `depth` clauses of the best hit's document (with the items a lead-in clause
    brought in): one question, one document.
    Each part ranks its candidates; the parts then take the combination with the best total score, a
    sentence answering two parts that ask the same kind of figure counting less ("能补多少？一家一年最多多少？"
    wants the 20% sentence and the cap sentence, not the cap sentence twice). A part with at most one keyword
    of its own ("电话多少", "期限多长") is about what the part before it is about: the sentences of that part's
    clause are candidates too, with no keyword floor.
    `english`: the keywords are dictionary translations, many of them alternatives for one English word, so
    a figure part needs MIN_MATCHED_EN of them rather than a share, and specific Chinese terms are not required
    (the glossary terms are, by the caller).
    `swapped`: for a follow-up that swapped the subject ("那OPC企业呢？" after a question on OPC创业者个人), the
    earlier subject's own words and the new subject: a sentence naming the earlier subject and not the new one
    is what the turn before was answered with, no answer to this one.
    `referent`: the clauses a follow-up points back at ("How long does it last?", "这个怎么申请"), and the asked
    kinds it is for (None: every part), and the matter the turn names of its own ("hiring" of "What's the hiring
    requirement for that?"): their sentences score REFERENT_WEIGHT more, as what "it" is about, and need no keyword
    of the question (it stands for them) — in a clause naming that matter, when the turn names one; a clause
    that does not is no referent (the measure says it elsewhere).
    `names`: names an English question gives exactly (its Chinese, or a name of the documents in pinyin: 清禾公寓 of
    "the Qinghe apartments"): a sentence holding one needs no other keyword.
    `terms`: the glossary's readings of an English question's words (precise, unlike the dictionary's guesses): a
    sentence holding every one of a part's, MIN_EXACT_EN or more, needs no other keyword.
    `kept`: what a turn pointing back is about, named in the headings of the clauses the answer before cited
    (住房租金 for "Can each of us claim it?"): a sentence naming it scores KEPT_WEIGHT more.
    `case_words`: the words the asker described their case with in earlier turns (职工, 退休): a sentence naming one
    scores EARLIER_CASE_WEIGHT more — the rule for their case, over the one beside it for another (居民).
    `settled`: the conversation settled the document ("If we do qualify later, how big can the loan be?" asks another
    fact of the one the turn before was answered from): an English part's one glossary reading (额度) renders it.
    `alternatives`: an English question's words, each with its Chinese readings ("overseas": 境外, 海外): a sentence
    renders the word with any one of them."""
    if not hits:
        return []
    doc_id = hits[0].doc_id
    # Words of the document's own title (个人所得税专项附加扣除) say which document, not which of its sentences:
    # a sentence may cover the question's words, or those of them (two characters or more) the title does not hold.
    title = normalize(hits[0].doc_title)
    specific = [k for k in keywords if len(k) >= 2 and not in_title(k, title)] or keywords
    ranked_hits, rank, ranks = [], -1, {}
    for hit in hits:  # an item brought in with its lead-in clause shares the lead-in's rank (Hit.read_with)
        rank = ranks.get(hit.read_with, rank + 1) if hit.read_with else rank + 1
        ranks[hit.chunk_id] = rank
        if rank < depth:
            ranked_hits.append((rank, hit))
    pool = [(rank, hit, s, context) for rank, hit in ranked_hits if hit.doc_id == doc_id
            for s, context in earlier_sentences(hit.quote).items() if not _only_title(s, hit) and not _only_lead_in(s)]
    pool += _figure_headings([(rank, hit) for rank, hit in ranked_hits if hit.doc_id == doc_id])
    lead_ins = _lead_ins([hit for _, hit in ranked_hits if hit.doc_id == doc_id])
    applied = {hit.chunk_id: applying_sentences(hit.quote) for _, hit in ranked_hits if hit.doc_id == doc_id}
    asked = " ".join(p.text for p in parts)
    sides_asked = with_chinese_amounts(asked) if english else asked  # "fewer than a million" bounds 100万 from below
    read = normalize(" ".join(hit.heading_path + " " + hit.title + " " + hit.quote
                              for _, hit in ranked_hits if hit.doc_id == doc_id))
    # "more than 30 million yuan" is the 3000 of 3000万元, not the 30 of 30万元
    amounts = ENGLISH_AMOUNT.sub(lambda m: " " if m.group(2) or m.group(3) else m.group(0), asked) if english else asked
    # (not a sum the asker says they spent: "一年买算力花了300万" names no 300万元 of the document)
    numbers = set(re.findall(r"\d+(?:\.\d+)?", amounts)) - set(SPENT.findall(amounts))
    if english:
        numbers |= {re.match(r"[\d.]+", amount).group() for amount in chinese_amounts(asked)}
    # a number asked with a grade or rank (评了2级, 第3档) is that grade — alone or starting a range (2～3级) — not the
    # 2 of 2次 (compiled once a question)
    graded = graded_numbers(amounts)  # (…or "level 2", as the documents write it: 2级)
    whole_numbers = [re.compile(rf"(?<![\d.]){re.escape(n)}(?![\d.])") for n in numbers if n not in graded]
    # (a grade scopes its whole clause: "享受长护险1级待遇的…上门…；居民参保人员每月上门次数不低于2次")
    grades = [re.compile(rf"(?<![\d.]){re.escape(n)}(?:\s*[～~\-—至到]\s*\d+)?\s*{unit}") for n, unit in graded.items()]
    periods = asked_periods(asked)  # "the daily cap": a sentence stating 每人每天 over one stating 每人每月
    ranked: list[list[Evidence]] = []
    if swapped:
        old_words, new_subject = swapped
        named = {normalize(new_subject), normalize(new_subject).split("的")[-1]}  # "上网的光伏电站": 光伏电站 names it
        def names_only_the_earlier(hit: Hit, sentence: str) -> bool:
            about = normalize(hit.heading_path + hit.title + sentence)
            return not any(n and n in about for n in named) and any(normalize(w) in about for w in old_words)
        pool = [entry for entry in pool if not names_only_the_earlier(entry[1], entry[2])]
    referent_ids, referent_kinds, matter = referent
    quoted_before = {normalize(q) for q in quoted}  # the sentences the answer before quoted, of the clause pointed at
    numbered_elsewhere = any("phone" in part.kinds for part in parts) and any(  # (read only when a number is asked)
        states_any(s, {"phone"}) for _, hit, s, _ in pool if not heading_announces(hit.title, {"phone"}))
    # …or, under no such heading, the one clause read that gives a number at all ("联系人：栾贺 联系电话：021-…" closing
    # the guide's notes)
    numbered = {hit.chunk_id for _, hit, s, _ in pool if states_any(s, {"phone"})} \
        if any("phone" in part.kinds for part in parts) else set()
    least_exact = 1 if settled else MIN_EXACT_EN
    # the readings of one English word are alternatives ("overseas": 境外, 海外): any of them renders it — and so does
    # a word the synonym table makes one with a reading ("exhibit at": 参展, said 参加…展会 as 展会 is)
    rendering = {normalize(k): tuple(dict.fromkeys(normalize(s) for w in group for s in same_words(w)))
                 for group in alternatives for k in group}
    only_the_document = names_only(keywords, title, alternatives)  # "第二批改革举措一共有多少项" names nothing but the document
    for i, part in enumerate(parts):
        # "申请之后多久能到账？", "钱啥时候能到账？": a sentence giving a day or a span of that step (10个工作日内拨付到账)
        # names it as asked
        handling = bool(part.kinds & TIME_ASKED) and bool(PROCESS_ASKED.search(part.text))
        if handling:
            part = dataclasses.replace(part, kinds=part.kinds | TIME_ASKED)
        question_keywords, question_specific = keywords, specific
        # the period the part asks a figure for ("每千瓦奖多少，一年最多多少": per kW, then per year), one part: the question's
        part_periods = asked_periods(part.text) if len(parts) > 1 else periods
        pointed = referent_ids if referent_kinds is None or part.kinds & referent_kinds else set()
        if part.kinds & set(ASKING_WORDS):  # "谁有资格申报": 资格 is asked, not the subject
            part = Part(part.text, part.kinds, subject_words(part.keywords, part.kinds), part.unit, part.object,
                        part.asked_keywords and subject_words(part.asked_keywords, part.kinds))
            question_keywords = subject_words(keywords, part.kinds)
            question_specific = subject_words(specific, part.kinds)
        # what the part asks, without the words only the asker's description of themselves holds (they rank less)
        description = [k for k in part.keywords if k not in part.asked_keywords] if part.asked_keywords else []
        part_asked = part.asked_keywords or part.keywords
        question_asked = [k for k in question_keywords if k not in description] or question_keywords
        part_specific = [k for k in part_asked if len(k) >= 2 and not in_title(k, title)] or part_asked
        leans_on = ranked[i - 1][0].hit.chunk_id if i and ranked and ranked[-1] and (len(_own_terms(part.keywords)) <= 1 or part.leans) else None
        # …and one naming no thing asks of the very sentence the part before was answered from (a candidate there: no
        # keyword floor in the clause leaned on)
        leaned = ranked[i - 1][0].sentence if leans_on is not None and part.leans else None
        candidates, cased, general, beside = [], set(), [], []
        # what a figure from another clause than the one pointed at must name: what the answer before was about, or
        # the part's own words
        naming = [*kept, *(k for k in _own_terms(part.keywords) if len(k) >= 2)]
        # …and of those, the words telling it from another measure: 实习 of 研究生实习生活补贴, not 补贴 (the kind of
        # support, which 住房补贴 names too)
        telling = [k for k in naming if not ASPECT_WORDS.fullmatch(k)]
        # the asker's particulars: words of their description, before the clause that asks, that none of the clauses
        # read holds ("…今年要去德国汉诺威参展，…对参展费用能支持多少": 德国, 汉诺威) — no sentence of the document
        # says them, so they tell none from another and hold none below the floor (nor name a subject it must name)
        particulars = particulars_of(part, read, english)
        without = lambda words: [k for k in words if k not in particulars] or words
        asked_part = dataclasses.replace(part, keywords=without(part_asked))  # its subject is what it asks about
        # …not the asker's opening run of description ("我是退役军人，办了个体工商户，雇了6个人，创业担保贷款个人最多能贷
        # 多少？": 个体工商户 says who asks; the figure is of the loan): a sentence must name what the rest names
        subject_part = _without_description_subject(asked_part) if not english else asked_part
        for rank, hit, sentence, context in pool:
            # the clause the part before answered from, or the one the follow-up points back at: the words of the
            # question were said there ("电话多少", "How many of these teams…?"), so no keyword floor
            here = hit.chunk_id in pointed and (not matter or _matched(matter, normalize(hit.heading_path + hit.title + hit.quote)) > 0)
            nearby = leans_on is not None and hit.chunk_id == leans_on or here
            # what the part refers to: the clause the part before answered from when it leans on it ("每千瓦奖多少，
            # 一年最多多少": the year's cap of that clause), else the clause the turn points back at
            # (a part naming nothing at all asks of the subject before, not of its clause: "有没有时间要求？")
            referred = hit.chunk_id == leans_on if leans_on is not None and not part.borrowed else here
            # a sentence is about its headings too, and an item about its lead-in's words (the heading shows them cut)
            # …and a paragraph's sentence about the cases a later paragraph applies it to (按本条第一款规定执行)
            about = normalize(hit.heading_path + lead_ins.get(hit.chunk_id, "") + hit.title + sentence) \
                + normalize("".join(applied.get(hit.chunk_id, {}).get(sentence, [])))
            # a sentence going on from the one before ("经评估，按照…50%给予支持") is read with it; one naming its own
            # subject (the next target of a list) is not
            read_on = about + context if CONTINUES.match(sentence) else about
            part_cov = max(_coverage(part_asked, about), _coverage(part_specific, about),
                           INHERITED_WEIGHT * max(_coverage(part_asked, read_on), _coverage(part_specific, read_on)))
            all_cov = max(_coverage(question_asked, about), _coverage(question_specific, about),
                          INHERITED_WEIGHT * max(_coverage(question_asked, read_on), _coverage(question_specific, read_on)))
            # the asker's description of themselves ("我们是小微企业…") prefers the rule for them, as a tie-breaker
            described = DESCRIPTION_WEIGHT * _coverage(description, about) if description else 0.0
            # the floor: the words of the sentences before count in full for a sentence going on from them
            own, before = (read_on, "") if read_on is not about else (about, context)
            gate = max(_coverage(without(part.keywords), own, before), _coverage(without(part_specific), own, before),
                       _coverage(without(question_keywords), own, before), _coverage(without(question_specific), own, before),
                       _coverage(without(part.asked_keywords or []), own, before))
            figure = bool(part.kinds - NON_FIGURE_KINDS)
            # the clause's own title says whom its sentences are for; a sentence going on from the ones before
            # ("单个项目年度奖励金额不超过5000万元") is for whom they are
            ruled = hit.title + " " + (context + sentence if CONTINUES.match(sentence) or BOUNDS_EACH.match(sentence) else sentence)
            own_case = within_own_case(asked, ruled)  # the rule is bounded to the asker's case (雇了8个人: 5人及以上的…)
            headed = heading_announces(hit.title, part.kinds)  # 申报对象: the sentences under it say who
            # "什么时候截止", "where do we send it": a sentence giving the last day or the address answers it in
            # the words of its own document
            # (an address by the medium asked only: "Where do we email it?" is not answered by a link to a form)
            asked_here = part.kinds - {"address"} if "address" in part.kinds and not gives_address_asked(part.text, sentence) \
                else part.kinds
            deadline = states_any(sentence, asked_here & SELF_EVIDENT_KINDS)
            # "第二批改革举措一共有多少项" names nothing but the document (and its year): its stated total answers it
            whole = "total" in part.kinds and only_the_document and states_any(sentence, {"total"})
            # "Who should I ring?": a number under the document's contacts heading (联系人, 咨询电话) is whom to ring,
            # when no other clause read gives one
            contact = "phone" in part.kinds and states_any(sentence, {"phone"}) and (
                not numbered_elsewhere and heading_announces(hit.title, {"phone"}) or numbered == {hit.chunk_id})
            handled = handling and bool(PROCESS_STATED.search(sentence)) and states_any(sentence, part.kinds & TIME_ASKED)
            evident = handled if handling else deadline  # it gives the last day, or how long the step asked takes
            # (when that is asked: the last day to apply is no time the money takes), in its own words
            below_floor = False  # (a rule bounded to the asker's case, below the floor, may still stand beside one above it)
            if nearby or headed and not figure or evident or whole or contact:  # the sentence needs no words of the question
                pass
            elif english and figure:  # translation alternatives: count the words found, not their share — those only
                # in the document's title ("滨海市长期护理保险办法": the scheme and place the question names to pick it)
                # counting as the clause's earlier sentences do, and those of the sentences before in full for a
                # sentence going on from them ("…参加境外重点展会…。经评估，按照…50%给予支持", as the Chinese floor reads it)
                if not _renders_enough(part, question_keywords, own, before + normalize(hit.doc_title), names, terms,
                                       least_exact, rendering):
                    below_floor = True
            elif gate < (MIN_FIGURE_COVERAGE if figure and not own_case else MIN_COVERAGE) \
                    and not (english and part.kinds and _renders_enough(part, question_keywords, about, context, names, terms, least_exact, rendering)):
                below_floor = True  # (a sentence bounding the asker's own figure — 56岁 and 不超过55周岁 — is about their
                # case; an English part asking a kind of answer — "Can we both claim it?" — may pass as a figure part does)
            if below_floor and not (own_case and figure):
                continue
            kinds = stated_kinds(sentence)
            if "org" in kinds and not names_other_body(sentence, asked):
                kinds.discard("org")  # "试点城市政府印发实施方案" names the body the question itself names, not who
            if "org" in part.kinds and (hit.lead or hit.responsible) and _note_alone_says_who(hit.quote) \
                    and _matched(part_specific, normalize(hit.heading_path + hit.title), single_characters=False) >= 1:
                kinds.add("org")  # "which bureau leads the new-star project?": the one note (牵头单位：…) of the clause
                # the item heads (13.珠江科技新星项目) says who, though its sentences name no body (a table's rows each
                # have their own)
            unstated = {"org"} - kinds
            if "money" in kinds and pays_nothing(sentence) and not own_case:
                kinds.discard("money")  # "…小于50公里…，不再奖励" is the amount only for an asker whose case it bounds
                unstated.add("money")
            if "duration" in kinds and not AGE_ASKED.search(part.text) and states_only_ages(sentence):
                kinds.discard("duration")  # "要在青岛干满几年？" asks a length of service: 40周岁以下 is an age
                unstated.add("duration")
            states = len(kinds & (asked_here - DERIVED_KINDS)) or states_any(sentence, asked_here - unstated)
            if ANY_ASKED <= part.kinds or TIME_ASKED <= part.kinds:  # "能贴多少？" asks any figure: a sentence
                # stating three kinds answers no better (nor one stating a date and a span "有没有时间要求")
                states = min(states, 1)
            if part.unit and not states_unit(sentence, part.unit):
                continue
            if part.compared and not any(normalize(k) in normalize(hit.title + sentence) for k in part.keywords if len(k) >= 2):
                continue  # "…比知识产权保护多吗？": not the total of the heading above both
            if "ending" in part.kinds and "ending" not in kinds:
                continue  # "什么时候停止": only a sentence saying it ends
            if handling and not handled:
                continue  # "申请之后多久能到账？": not how long the subsidy lasts
            if MINIMUM_ASKED.search(part.text) and bounds_only_above(sentence):
                continue  # "Is there a minimum contract value…?": 最高不超过200万元 bounds it from above only
            if part.kinds and not ((states or headed) and (english or nearby or deadline
                                                            or names_subject(subject_part, about + context, hit.doc_title))):
                continue
            if other_side(sides_asked, ruled) or outside_own_case(asked, ruled):
                continue  # the question is below 100万, the sentence about above it; the asker is 40, the rule for 45+
            if kept and figure and pointed and not nearby and not contact and not evident \
                    and not any(normalize(k) in about for k in telling or naming):  # (the document's one number is for all)
                continue  # "最多能领几个月？" after the 实习生活补贴: a period stated in another clause of another subsidy
                # (住房补贴…不超过36个月) is none of it
            # "by 2028", "more than 50 km", "level 3" (享受长护险3级待遇的… heading the clause): a whole number, not
            # the 3 of 30元
            same_numbers = sum(1 for number in whole_numbers if number.search(about)) \
                + sum(1 for grade in grades if grade.search(about) or grade.search(hit.title + hit.quote))
            own_words = OWN_WORDS_WEIGHT * _coverage(part_asked, normalize(sentence))
            score = (PART_WEIGHT * part_cov + QUESTION_WEIGHT * all_cov + own_words + described + KIND_WEIGHT * states
                     + HEADING_WEIGHT * (headed or deadline) + ASKED_HEADING_WEIGHT * heading_asks(hit.title, part.kinds, part.text)
                     + NUMBER_WEIGHT * same_numbers + REFERENT_WEIGHT * (referred + (sentence == leaned))
                     + QUOTED_WEIGHT * bool(here and states and normalize(sentence) in quoted_before)
                     + CASE_WEIGHT * (own_case or figure and of_own_city_class(asked, ruled))
                     + PERIOD_WEIGHT * (bool(part_periods) and figure and states_period(sentence, part_periods))
                     + LIST_WEIGHT * any(sentence.count(w) >= LIST_MIN for w in part.listed)
                     + KEPT_WEIGHT * any(normalize(k) in about for k in kept)
                     + CAP_WEIGHT * bool("money" in part.kinds and asks_cap(part.text) and CAPPED_SUM.search(sentence)
                                         or "duration" in part.kinds and LONGEST_ASKED.search(part.text) and CAPPED_SPAN.search(sentence))
                     + DELIVERY_WEIGHT * bool("address" in part.kinds and DELIVERED.search(sentence) and states_any(sentence, {"address"}))
                     + EARLIER_CASE_WEIGHT * any(normalize(w) in about for w in case_words)
                     + OBJECT_WEIGHT * bool(part.object and normalize(part.object) in about)
                     + SWAPPED_IN_WEIGHT * bool(swapped and normalize(swapped[1]) in about) - RANK_PENALTY * rank)
            found = Evidence(hit, sentence, part, score, context)
            if below_floor:
                beside.append(found)
                continue
            candidates.append(found)
            if own_case and figure:
                cased.add(hit.chunk_id)
            else:
                general.append(found)
        # of the rules one clause states, the one bounded to the asker's case is theirs (雇了8个人: 带动就业5人及以上
        # 的…60万元, not 个人…最高20万元) — even when it holds too few of the question's words to stand alone
        answering = {item.hit.chunk_id for item in candidates}
        for item in beside:
            if item.hit.chunk_id in answering:
                candidates.append(item)
                cased.add(item.hit.chunk_id)
        for item in general:
            if item.hit.chunk_id in cased:
                item.score -= GENERAL_RULE_PENALTY
        for item in _fitting_the_case_best(candidates, case_words):
            item.score += EARLIER_CASE_MORE
        candidates.sort(key=lambda e: -e.score)
        if "phone" in part.kinds:  # "who do I call to confirm it arrived?": a clause giving a number to ring, when any
            # does, over one naming a body with none (the clause pointed at: 向专业服务机构采购…); the number goes with
            # its sentence later (_with_number: 政策咨询：市科技局… 联系方式：85911985)
            candidates = [e for e in candidates if states_any(e.hit.quote, {"phone"})] or candidates
        ranked.append(candidates[:CANDIDATES])
    chosen = _each_kind_answered(_each_fact_ruled(_best_combination([r for r in ranked if r]), ranked), ranked)
    answers = {e.sentence for e in chosen}
    for item in chosen:
        item.sentence = _with_items(item.hit.quote, item.sentence)
        if "phone" in item.part.kinds and heading_announces(item.hit.title, {"phone"}) \
                and len(item.hit.quote) <= CONTACT_BLOCK:  # 联系人：栾贺 / 联系电话：021-…: the name with the number
            item.sentence = item.hit.quote.strip()
        if item.part.kinds & {"money", "percent"}:
            item.sentence = _with_cap(item.hit.quote, item.sentence, answers)
        if "phone" in item.part.kinds:
            item.sentence = _with_number(item.hit.quote, item.sentence, answers)
    return chosen


def _without_description_subject(part: Part) -> Part:
    """The part with only the keywords of what it asks after the asker's opening run of description
    (without_description_run): the subject a figure sentence must name (names_subject). The run's words still rank."""
    asked = without_description_run(part.text)
    if asked == part.text:
        return part
    asked = normalize(asked)
    return dataclasses.replace(part, keywords=[k for k in part.keywords if normalize(k) in asked])


def particulars_of(part: Part, read: str, english: bool) -> set[str]:
    """The keywords (two characters or more) of a Chinese part's description of the asker's case — the clauses
    before the last one, which asks (what the asker did may be what they ask about, "今年在新加坡设了个分公司": its
    words count too) — that the text read (`read`, normalised) holds neither they nor a synonym of them. They are
    no floor (gather), and no subject a sentence must name; they still score, alike for every sentence."""
    if english:
        return set()
    pieces = [p for p in re.split(r"[，,：:；;。！!\s]", part.text.strip(CLAUSE_EDGES + "？?")) if p.strip()]
    if len(pieces) < 2:
        return set()
    asking = normalize(pieces[-1])
    return {k for k in part.keywords if len(k) >= 2 and normalize(k) not in asking
            and not any(w in read for w in same_words(normalize(k)))}


@functools.lru_cache(maxsize=1024)  # asked for every sentence of a clause, for every part asking who
def _note_alone_says_who(quote: str) -> bool:
    """The clause has one responsibility note and no sentence of it (notes left out) names a body: the note alone
    says who (a table's rows each have their own; a sentence naming a body says who itself)."""
    return len(find_notes(quote)) == 1 and not any("org" in stated_kinds(s) for s in sentences(quote))


NOUN_FLAGS = ("n", "vn", "j", "nz", "eng")  # parts of speech naming a thing (jieba); not ns, nr, nt: a place or name


def _names_a_thing(text: str) -> bool:
    """The (Chinese) part names a thing: a noun that is no place or scope ("全国都推广吗", "省里也补吗" name none)."""
    import jieba.posseg as pseg

    return any(w.flag.startswith(NOUN_FLAGS) and not w.flag.startswith(("nr", "ns", "nt")) and not find_places(w.word)
               and not SCOPE_WORD.fullmatch(w.word) for w in pseg.cut(text))


SCOPE_WORD = re.compile(rf"{COUNTRY}|[全本各](?:省|市|区|县|镇)|试点区|试点城市|外地|本地|(?:哪些|哪个|什么|哪)?(?:地方|地区|区域|范围)")  # where, not what


def _own_terms(keywords: list[str]) -> set[str]:
    """The keywords that may name what a part is about: not the period it asks per ("一个月扣多少": 一个月)."""
    return {k for k in keywords if not PERIOD_WORD.fullmatch(k)}


PERIOD_WORD = re.compile(r"(?:一个|每个|每)?[年月天日周季]度?|(?:一个|每个)(?:星期)?|每人")


ITEM_STEP = re.compile(r"\([^()]+\)$")  # the last step of an item's locator: (一) of 第十二条(一)


def _lead_ins(hits: list[Hit]) -> dict[str, str]:
    """Each item among the hits (第十二条(一)) → the opening sentence of its lead-in clause (第十二条 纳税人…发生的住房
    租金支出，可以按照以下标准定额扣除：) when that clause is among the hits too: its heading shows those words cut short."""
    by_locator = {hit.locator: hit for hit in hits}
    out = {}
    for hit in hits:
        step = ITEM_STEP.search(hit.locator)
        parent = by_locator.get(hit.locator[: step.start()]) if step else None
        if parent is not None:
            out[hit.chunk_id] = (sentences(parent.quote) or [parent.quote])[0]
    return out


def _renders_enough(part: Part, question_keywords: list[str], about: str, context: str, names: list[str],
                    terms: list[str], least_exact: int = MIN_EXACT_EN, rendering: dict[str, tuple[str, ...]] | None = None) -> bool:
    """An English part's words are translation alternatives: a sentence renders it when it holds MIN_MATCHED_EN of
    them (or, of a question with only two, both: "how long can the loan run, and how much of the interest does the
    government pick up?" reads 贷款, 贴息), a name the question gives exactly, or every glossary reading of the part
    (`least_exact` or more)."""
    exact = [normalize(k) for k in dict.fromkeys(part.keywords) if k in terms]
    # (`rendering`: each reading → the readings of its English word, alternatives: any of them renders it)
    exact_groups = list(dict.fromkeys(tuple(w for w in (rendering or {}).get(k, (k,)) if w in exact) for k in exact))
    least = min(MIN_MATCHED_EN, max(2, len(_groups(tuple(part.keywords + question_keywords)))))
    return _matched(part.keywords + question_keywords, about, context) >= least \
        or any(normalize(n) in about for n in names) \
        or len(exact_groups) >= least_exact and all(any(k in about for k in group) for group in exact_groups)


def _figure_headings(ranked_hits: list[tuple[int, Hit]]) -> list[tuple[int, Hit, str, str]]:
    """The headings above the clauses that state a figure ("一、推广的改革举措（共23项）" over 一(一), 一(二)…):
    candidates like sentences, each once, with the best-ranked clause under it — whose quote then starts with
    the heading, so the citation holds what it is cited for."""
    seen, out = set(), []
    for rank, hit in ranked_hits:
        for heading in hit.heading_path.split(" › ")[:-1]:
            if heading not in seen and stated_kinds(heading) - {"year"}:
                seen.add(heading)
                out.append((rank, dataclasses.replace(hit, quote=f"{heading}\n{hit.quote}"), heading, ""))
    return out


LEAD_IN = re.compile(r"[：:]\s*$")


def _only_lead_in(sentence: str) -> bool:
    """"答：个人借款人申请条件：" announces what follows and says nothing itself; "费用标准为每人每次200元，支付比例
    如下：" says a figure before announcing more."""
    return bool(LEAD_IN.search(sentence)) and not re.search(r"\d", sentence)


def _only_title(sentence: str, hit: Hit) -> bool:
    """"（一）补贴对象" is the clause's heading, read as what its sentences are about, no answer of its own —
    unless the clause says nothing else, or the sentence read as its title states a figure ("（一）…海上风电项目奖励标准为
    400元/千瓦。" heading the item: the rate is its answer)."""
    bare = normalize(without_number(sentence)).rstrip("。.：:")
    return bool(hit.title) and bare == normalize(hit.title) and normalize(hit.quote).strip() != normalize(sentence).strip() \
        and not (FULL_STOP.search(sentence) and stated_kinds(sentence) - NON_FIGURE_KINDS - {"year"})


FULL_STOP = re.compile(r"[。；;.]\s*$")  # a sentence, not a heading ("二、科技成果转化激励方面（共4项）")


def _fitting_the_case_best(candidates: list[Evidence], case_words: list[str]) -> list[Evidence]:
    """Of the candidates, those naming the most of the words the asker described their case with, when every one names
    some and some name fewer: alternatives for cases alike (职工, 居家护理 of "他是职工医保…选的是居家护理": 职工参保人员's
    rates name both, 居民参保人员's only the second). A sentence naming none of it may still be the one pointed at."""
    words = [w for w in map(normalize, case_words) if not any(w != other and w in other for other in map(normalize, case_words))]
    held = [sum(w in normalize(e.sentence) for w in words) for e in candidates]  # (港澳青年 counts once, not with 港澳, 青年)
    most = max(held, default=0)
    return [e for e, n in zip(candidates, held) if n == most] if held and 0 < min(held) < most else []


def _ranked_for(part: Part, ranked: list[list[Evidence]]) -> list[Evidence]:
    """The candidates ranked for the part (gather ranks one list per part, empty when none answers it)."""
    return next((r for r in ranked if r and r[0].part is part), [])


def _each_fact_ruled(chosen: list[Evidence], ranked: list[list[Evidence]]) -> list[Evidence]:
    """"我男的，58岁，还有一笔车贷没还完，这样还能申请吗？": each fact the asker states before asking whether they
    qualify is ruled by a condition of its own (the age limit; the other loans allowed): a candidate stating a condition
    and naming a word of their description the chosen sentence does not is quoted beside it (FACTS_RULED at most)."""
    out = []
    for chosen_one in chosen:
        out.append(chosen_one)
        part = chosen_one.part
        pieces = [p for p in re.split(r"[，,。；;！!？?\s]+", part.text) if p]
        if "condition" not in part.kinds or len(pieces) < 2:
            continue
        described = normalize("".join(pieces[:-1]))  # the clauses before the one that asks
        facts = [normalize(k) for k in part.keywords if len(k) >= 2 and normalize(k) in described]
        candidates = _ranked_for(part, ranked)
        for other in candidates:
            if len([e for e in out if e.part is part]) >= FACTS_RULED:
                break
            told = [w for w in facts if w in normalize(other.sentence)]
            if told and other.sentence not in {e.sentence for e in out} and states_any(other.sentence, {"condition"}) \
                    and not any(w in normalize(e.sentence) for e in out if e.part is part for w in told):
                out.append(other)
    return out


# The kinds of figure one part may ask together ("the maximum amount and the longest term"): a sum (or share) and a span
# are two answers; a last day and a span either answer "有没有时间要求".
KIND_GROUPS = ({"money", "percent", "rate"}, {"duration", "date"}, {"count"}, {"phone"}, {"address"})


def _each_kind_answered(chosen: list[Evidence], ranked: list[list[Evidence]]) -> list[Evidence]:
    """"What is the maximum amount and the longest term for a small business borrower?": a part asking a sum and a span
    (not any figure: "能补多少？") is answered by a sentence stating each — the best candidate stating the one the
    chosen sentence does not is quoted beside it."""
    out = list(chosen)
    for chosen_one in chosen:
        part = chosen_one.part
        asked = [group for group in KIND_GROUPS if part.kinds & group]
        if len(asked) < 2 or ANY_ASKED <= part.kinds:
            continue
        candidates = _ranked_for(part, ranked)
        for group in asked:
            if any(states_any(e.sentence, group) for e in out if e.part is part):
                continue
            other = next((e for e in candidates if states_any(e.sentence, group) and e.sentence not in {o.sentence for o in out}), None)
            if other is not None:
                out.append(other)
    return out


def _best_combination(ranked: list[list[Evidence]]) -> list[Evidence]:
    best, best_score = [], float("-inf")
    for combination in itertools.product(*ranked):
        repeats = sum(1 for a, b in itertools.combinations(combination, 2)
                      if a.sentence == b.sentence and (a.part.kinds & b.part.kinds) - NON_FIGURE_KINDS)
        # (any other sentence answering two parts counts a little less: of two as good, the one not answering the
        # other part — "…a ceiling on the rate, and does the government cover part of the interest?")
        same = sum(1 for a, b in itertools.combinations(combination, 2) if a.sentence == b.sentence)
        score = sum(e.score for e in combination) - REPEAT_PENALTY * repeats - REPEAT_TIE * same
        if score > best_score:
            best, best_score = list(combination), score
    return best


LEAD_IN = re.compile(r"[：:]\s*$|^[◆●■▲★]|(?:如下|以下|分为[一二三四五六七八九十\d]+[类种项个])[：:。]?$")
MAX_ITEMS_CHARS = 400
ITEM_START = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}\s*[.．、)）]|[①-⑳]|[一二三四五六七八九十]{1,3}、|[◆●■▲★·•\-])")


RATE = re.compile(r"\d+(?:\.\d+)?\s*%|百分之")
CAP = re.compile(r"(?:最高|上限|最多|不超过|不高于)[^。；;\d]{0,12}\d+(?:\.\d+)?\s*(?:万元|亿元|元)")
CAP_LEAD = 24  # characters: a next sentence setting the cap says so at once ("单个项目支持金额最高不超过200万元")


def _with_cap(text: str, sentence: str, answers: set[str] = frozenset()) -> str:
    """Support given as a share ("给予不超过20%的支持。") is stated with its cap when the clause's next sentence sets
    one ("单个项目支持金额最高不超过200万元"): how much is supported is both — unless that sentence answers another
    part of the question (`answers`: the sentences chosen)."""
    if not RATE.search(sentence) or CAP.search(sentence):
        return sentence
    following = _next_sentence(text, sentence)
    if following and CAP.search(following[:CAP_LEAD]) and not RATE.search(following) and following not in answers:
        return sentence.rstrip() + following
    return sentence


def _with_number(text: str, sentence: str, answers: set[str] = frozenset()) -> str:
    """A contact named without a number ("政策咨询：市科技局高新技术与重大专项处") is stated with the number the
    clause's next sentence gives ("联系方式：85911985"): whom to call is both."""
    if states_any(sentence, {"phone"}):
        return sentence
    following = _next_sentence(text, sentence)
    if following and states_any(following, {"phone"}) and following not in answers:
        return sentence.rstrip() + "\n" + following
    return sentence


def _next_sentence(text: str, sentence: str) -> str:
    """The sentence of the clause's text after this one ("" when it is the last or not found)."""
    at = text.find(sentence)
    following = sentences(text[at + len(sentence):]) if at >= 0 else []
    return following[0] if following else ""


def _with_items(text: str, sentence: str) -> str:
    """A sentence that introduces a list ("申请条件：", "分为三类：", "◆基础材料（必要）") is no answer on its own:
    the items that follow it in the clause come with it (up to MAX_ITEMS_CHARS)."""
    if not LEAD_IN.search(sentence):
        return sentence
    at = text.find(sentence)
    if at < 0:
        return sentence
    rest_of_line, *lines = text[at + len(sentence):].split("\n")
    taken = [rest_of_line] if rest_of_line.strip() else []
    for line in lines:
        if not ITEM_START.match(line) or sum(map(len, taken)) + len(line) > MAX_ITEMS_CHARS:
            break
        taken.append(line)
    return "\n".join([sentence.rstrip(), *[t for t in taken if t.strip()]]) if taken else sentence


# The asker describing themselves before asking: a clause ("我们公司注册在静安，", "本人今年刚毕业，") or, in English,
# a sentence ("We're a small company registered in Guangzhou.") opening with the asker and asking nothing.
ASKER_ZH = r"(?:我们?|咱们?|本人|本公司|本企业|我司|我家)"  # the words a Chinese asker names themselves with
SELF_DESCRIPTION = {
    "zh": re.compile(rf"(?:^|(?<=[，,。；;\s])){ASKER_ZH}[^，,。；;？?\s]*?(?=[，,。；;\s]|$)"),
    # (after up to four opening words: "This spring we exhibited at…", "Last year I retired.", "Two HK friends and I…")
    "en": re.compile(r"(?:^|(?<=[.!;]\s))(?:[\w'’-]+,?\s+){0,4}?(?:(?:we|i)(?:'re|’re|'m|’m|'ve|’ve)?|our|my)\b[^.?!;]*[.!;](?=\s|$)", re.I),
}


# …and in Chinese a whole sentence of it, closed by 。/！:
# "我去年被公司裁了，已经登记失业，打算开个小奶茶店。" — the clauses after the first go on describing the asker without
# saying 我 again.
SELF_DESCRIBING_SENTENCE_ZH = re.compile(rf"(?:^|(?<=[。！!；;\s])){ASKER_ZH}[^。！!？?；;]*[。！!；;]")


CLAUSE_EDGES = " ，,。.;；"  # what is left at the edges of a text whose clauses were taken out


# An English sentence that asks, though it ends in a full stop: a question word opening it, or after a word of asking or knowing ("We
# would like to know what the cap is."); after a noun it opens a relative clause that describes ("I'm a migrant worker
# who opened a restaurant.", "a firm which exports")
ASKING_STATEMENT_EN = re.compile(r"\?|^\W*(?:what|how|which|who|whom|when|where|whether|why)\b|"
                                 r"\b(?:know|ask|asking|wonder|wondering|tell|sure|clear|find out|understand|explain|check|"
                                 r"confirm|learn|see|idea|unsure)\b(?:\s+\w+){0,2}?\s+(?:what|how|which|who|whom|when|where|whether|why)\b",
                                 re.I)
MIN_ASKED_WORDS = 2  # words (of two characters or more) the rest must hold to be read without the description


def without_self_description(text: str, language: str) -> str:
    """The part's text without the clauses (or sentences) in which the asker only describes themselves."""
    pattern = SELF_DESCRIPTION["zh" if language == "zh" else "en"]
    asks = QUESTION_WORD_ZH if language == "zh" else ASKING_STATEMENT_EN
    if language == "zh":
        text = SELF_DESCRIBING_SENTENCE_ZH.sub(
            lambda m: " " if not asks.search(APPROXIMATE.sub("", m.group(0))) else m.group(0), text)
    return pattern.sub(lambda m: "" if not asks.search(m.group(0)) else m.group(0), text).strip(CLAUSE_EDGES)


# A clause saying what the asker heard of or means to do is the matter, not their description: "听说青岛给来实习的研究生
# 发生活补贴", "今年想去德国参加一个行业展会".
MATTER_CUE = re.compile(r"听说|据说|听人说|想|打算|准备|计划|要去")


def asking_sentences(text: str) -> str:
    """The sentences of a Chinese question that ask (a question mark; else a question word), when it tells a story of several
    sentences first ("…今年暑假我们在教学楼和食堂顶上装了一套分布式光伏。…这种情况每度电奖多少？"): what it asks about
    is said, or pointed at (这种情况), there. A question of one sentence is all asking."""
    sentences = [s for s in re.split(r"(?<=[。！!？?；;])", text) if s.strip(CLAUSE_EDGES)]
    asking = [s for s in sentences if s.rstrip().endswith(("？", "?"))] \
        or [s for s in sentences if QUESTION_WORD_ZH.search(APPROXIMATE.sub("", s))]  # (已经有几个博主…。 says, it asks nothing)
    return "".join(asking) if len(sentences) > 1 and asking else text


def without_description_run(text: str) -> str:
    """A Chinese question without its opening run of description: the clause naming the asker and those going on
    with it until one asks ("我男的，今年58岁，之前登记过失业，现在在广州办了个体户执照卖早餐，这个岁数还能申请创业担保
    贷款吗？" → "这个岁数还能申请创业担保贷款吗？"): what the question was about, for a later turn asking another
    figure of it. The last clause is always kept."""
    pieces = [p for p in re.split(r"(?<=[，,。；;！!])", text) if p]
    if not pieces or not re.match(ASKER_ZH, pieces[0].strip(CLAUSE_EDGES)):
        return text
    for i, piece in enumerate(pieces[:-1]):
        core = piece.strip(CLAUSE_EDGES)
        if QUESTION_WORD_ZH.search(APPROXIMATE.sub("", core)) or i and MATTER_CUE.search(core):
            return "".join(pieces[i:])
    return pieces[-1]


# Asking for a target or indicator, which the documents state as figures: "对秸秆利用定了什么指标？"
TARGET_ASKED = re.compile(r"什么(?:指标|目标)|哪些(?:指标|目标)|\bwhat (?:target|goal|indicator)s?\b", re.I)


def asked_keywords(text: str, language: str, keywords_of) -> list[str] | None:
    """The keywords of what the text asks, when the asker first describes themselves in it, then asks for a figure
    ("…区里能补多少", "What's the most we can borrow…") and the rest holds enough words to name a subject
    ("我家孩子上学，每个月能扣多少": not 每个 alone); None otherwise. A question whether ("…能申请吗", "Can we…")
    turns on who the asker is: its description is part of it."""
    asked = without_self_description(text, language)
    if not asked or asked == text.strip(CLAUSE_EDGES) \
            or not (asked_kinds(asked, language) - NON_FIGURE_KINDS or TARGET_ASKED.search(asked)
                    or asks_whether(asked) and own_values(text)):
        return None  # whether the asker qualifies ("我和爱人在同一个城市上班，能各扣一份吗") turns on who they are —
        # unless a figure of theirs says it ("我34岁…要交钱吗": the rule bounding 34岁 answers, qa.figures.within_own_case)
    kept = keywords_of(asked)
    # (an English rest is read through the glossary: one of its terms names a subject — "How much of the interest
    # does the government cover?": 贴息)
    named = language == "en" and any(len(k) >= 2 and names_a_term(k) for k in kept)
    return kept if named or len(word_groups([normalize(k) for k in kept if len(k) >= 2])) >= MIN_ASKED_WORDS else None


WHICH_EN = re.compile(r"\b(?:which|what)\s+(?:of\s+the\s+)?([a-z-]+s)\b", re.I)  # "Which banks…", "what agencies…"


def _listed(text: str, language: str, keywords_of) -> list[str]:
    """The things a part asks to have named: the noun after 哪些/什么 or "which …s" (in the documents' words)."""
    if language == "zh":
        noun = asked_noun(text)
        return [noun] if noun and len(noun) >= 2 else []
    m = WHICH_EN.search(text)
    return [k for k in keywords_of(m.group(1)) if len(k) >= 2] if m else []


def sentences_en(text: str) -> list[str]:
    return re.split(r"(?<=[.!?])\s+(?=[A-Z])", text.strip())


def asking_sentence_en(text: str) -> str:
    """The sentence of an English part that asks: its last ("…a new-build flat of about 120 square meters in Hanyang.
    Is there any help with buying a home?" asks no area)."""
    return sentences_en(text)[-1]


# Two items compared ("“羊城学者”特聘岗位和“百人计划”拓展项目比，哪个人数多？", "Which is bigger, the X or the Y?"):
# each item's figure is a part of the answer.
# ("…秸秆综合利用率和畜禽粪污综合利用率，哪个目标定得高？": the comparing word may be left out before a comma)
COMPARED_ZH = re.compile(r"^(?P<a>[^，,。？?]{2,40}?)(?:和|与|跟|同)(?P<b>[^，,。？?]{2,40}?)(?:(?:相比较?|比较|比)(?:一下)?[，,]?|[，,])\s*"
                         r"(?P<ask>(?:哪|谁)[^，,。？?]{0,12}(?:多|少|高|低|大|小|长|短|快|慢))")
# …or one item's figure asked, then whether it is more than another's: "军民融合那块几项？比知识产权保护多吗？",
# "居家护理报多少？比住机构高吗？"
COMPARED_AFTER_ZH = re.compile(r"^(?P<a>[^，,。？?]{2,40}?)(?P<ask>(?:是|有|能|可以|要)?(?:多少|几)[^，,。？?]{0,6})[？?，,]\s*(?:那|这|它)?"
                               r"(?:比|跟|和|与)(?P<b>[^，,。？?比]{2,30}?)(?:相?比较?)?(?:还|更)?(?:多|少|高|低|大|小|长|短)"
                               r"(?:多少|几[个项年天]?)?(?:吗|么|不|没|呢|一些|一点|些)?[？?。]*$")
NO_ITEM = re.compile(r"(?:那么?|这个?|它|能|可以|要|是|还|最多|最高|一共|每[个月年]?)*[\u4e00-\u9fff]?")  # 能补, 那要: no item
COMPARED_EN = re.compile(r"^(?P<ask>(?:which|what|who)\b[^,?]{0,60}?\b(?:more|less|bigger|larger|higher|lower|smaller|greater|longer|"
                         r"shorter|fewer|most|least)\b(?:[^,?]{0,30},|[:\s]+(?=(?:a|an|the|my|our)\s)))\s*(?P<a>[^,?]{2,80}?)\s+or\s+"
                         r"(?P<b>[^,?]{2,80}?)\s*\??$", re.I)  # (no comma before an item its article opens: "which gets more a tractor … or a …")


def compared_items(question: str, language: str) -> tuple[str, str, str] | None:
    """The two items a question compares and what it asks of them (a figure of each), or None."""
    m = (COMPARED_ZH if language == "zh" else COMPARED_EN).search(question.strip())
    if m is None and language == "zh":
        m = COMPARED_AFTER_ZH.search(question.strip())
        if m and NO_ITEM.fullmatch(m["a"]):
            return None  # "能补几年？比上海长吗？": no item of its own before the figure asked
    return (m["a"].strip(), m["b"].strip(), m["ask"].strip()) if m else None


def make_parts(question: str, language: str, keywords_of) -> list[Part]:
    """Parts with their figure kinds and keywords (`keywords_of(text)` → the keywords of a piece of text); a part
    in which the asker describes themselves also keeps the keywords of the rest (`Part.asked_keywords`); two items
    compared, a part each, asking any figure of it."""
    compared = compared_items(question, language)
    if compared:
        first, second, asked = compared
        kinds = (asked_kinds(asked, language) - NON_FIGURE_KINDS) or set(ANY_FIGURE_KINDS)
        unit = asked_unit(asked) if language == "zh" else asked_unit_en(asked)  # "几项": a figure in 项 of each
        return [Part(item, set(kinds), keywords_of(item), unit, compared=True) for item in (first, second)]
    parts = []
    for text, written in _parts_as_written(question, language):
        kinds = asked_kinds(text if language == "zh" else asking_sentence_en(text), language)
        part = Part(text, kinds, keywords_of(text),
                    *((asked_unit(text), asked_object(text)) if language == "zh" else (asked_unit_en(text), asked_object_en(written))))
        part.asked_keywords = asked_keywords(written, language, keywords_of)
        part.listed = _listed(text, language, keywords_of)
        parts.append(part)
    for previous, part in zip(parts, parts[1:]):
        if not part.kinds and ELLIPSIS.search(part.text):  # "一般机具呢？" asks what the part before asked
            part.kinds = set(previous.kinds)
        if previous.object and not part.object and len(_own_terms(part.keywords)) <= 1:
            part.object = previous.object  # "有没有实习补贴？能补多久？": how long of the 实习补贴
        # (a part asking a figure of its own — "有没有时间要求？" — is answered where that figure is stated)
        part.leans = language == "zh" and bool(part.keywords) and not part.kinds - NON_FIGURE_KINDS \
            and not _names_a_thing(part.text)
        if not part.keywords:  # "向哪个部门申报？有没有时间要求？": the time limit of what the part before names
            part.keywords, part.borrowed = list(previous.keywords), True
    # "…报销比例哪个高？各是多少？": a part asking each figure of what the part before asked, naming nothing of its
    # own, is that part (as a part of its own it would have to be answered by another sentence)
    merged = parts[:1]
    for part in parts[1:]:
        if EACH_ASKED.fullmatch(part.text) and part.kinds >= merged[-1].kinds:
            merged[-1].kinds = merged[-1].kinds or set(part.kinds)
            continue
        merged.append(part)
    return merged
