"""The QA chain, as explicit steps (after MaxKB's chat pipeline):

    1. analyse    language, intent, named units, places, follow-up resolution
    2. scope      a named place/document narrows the search; an uncovered place is refused
    3. search     hybrid retrieval, English questions expanded into Chinese keywords
    4. decide     refuse when nothing is relevant enough (never guess)
    5. compose    an answer from the clause structure and quotes
    6. check      every name and number must be in a cited quote
    7. rewrite    optionally, an LLM rewrites the checked answer (checked again)

`ask()` is the library entry point used by the CLI, the app, the HTTP API
and the evaluation.
"""

from __future__ import annotations

import bisect
import functools
import itertools

import logging
import re
import sys
import time

import jieba
import jieba.posseg as pseg
from dataclasses import dataclass, field

from ingest.metadata import DOC_NUMBER, doc_number_key
from ingest.people import RELATIVE_ZH
from ingest.places import Place, document_places, find_places, named_as_origin, origin_names, place_named, without_english_places
from ingest.structure import without_number
from qa import compose
from qa.analysis import (ASKER_REFERENCE, INTENT_VOCABULARY, PAYER_ASKED, Analysis, asked_noun, asks_figure, asks_whether, detect_intent, detect_language,
                         find_units)
from qa.citations import check, citation_from_hit
from qa.conversation import (MAX_ABOUT_ITEMS, asker_case_en, SUPPOSING_WORDS_EN, STORY_SENTENCES, TOPIC_CHANGE, ANAPHORA, BESIDES, SETS_ASIDE, asker_case, posed_case_en, ASKS_ITS_OWN, ASPECT_WORDS, CHOICE, COMPARES, DEICTIC, bare_swap, FOLLOW_UP, FUNCTION_WORDS, OWN_CASE, OWN_CASE_EN, POINTER_WORD, About, Resolution,
                             POSES_CASE, alternative_score, elliptical, own_words, points_at_subject, posed_case, previous_turn, replace_subject, repeats_answer, cases_a_bound_of, with_case, other_person_case, with_person,
                             subject_of)
from qa.english import asked_amounts
from qa.evidence import ASKER_ZH, QUESTION_WORD_ZH, compared_items, question_parts, asking_sentences, asking_sentence_en, sentences_en, GENERIC_HEAD, SELF_DESCRIPTION, Evidence, asked_keywords, without_self_description, without_description_run, gather, grouped_coverage, make_parts, names_subject, sentences
from qa.figures import (PARTIES_ZH, WHO_PAYS_ZH, COUNTS_AS_ZH, ANY_FIGURE_KINDS, ASKED, DERIVED_KINDS, ASKING_ZH, MINIMUM_ASKED, PROCESS_ASKED, PROCESS_STATED, ROUGH_FIGURE, SUPPOSED_EN, SUPPOSED_ZH, bounds_only_above, asked_kinds, event_sides, outside_own_case, own_city_words, own_figures, own_values, with_own_age, with_own_figure, without_own_figures, without_supposition, HEADED, NON_FIGURE_KINDS, SELF_EVIDENT_KINDS, comparisons, heading_announces,
                        stated_kinds, states_any, states_unit)
from qa.titles import TitleMatch, core_name, framed_kind, named_documents, title_words, with_issuer
from qa.lexicon import (COUNTED, NUMBER_WORD, plain_english, written_out, ENGLISH_STOPWORDS, Expansion, cedict_index, dictionary_reads, expand, expand_abbreviations, glossary, numeral_forms,
                        alternative_pair, same_words, synonyms, word_groups, words_of)
from qa.model import Answer
from qa.pinyin_names import names_in_pinyin, pinyin_index
from vectorstore import clause_facts
from vectorstore.knowledge_base import KnowledgeBase, clause_order, task_rows
from vectorstore.records import Hit, clause_text
from vectorstore.retriever import HybridRetriever
from vectorstore.tokenizer import normalize

jieba.setLogLevel(logging.WARNING)

# Words that say what kind of answer is wanted, not what it is about.
INTENT_WORDS_ZH = re.compile(
    r"谁|哪个|哪些|哪家|哪项|什么|多少|如何|怎么|怎样|是否|请问|部门|单位|负责|牵头|目标|措施|政策|支持|计划|文件|任务|工作|这项|"
    r"今年|数量|要求|具体|主要|情况|有关|相关|内容|方面|规定|可以|能够|需要|找|我们|企业|我|分别|多大|几|最高|最多|最长|最短|最低|最少|最久|"
    r"牵头单位|责任单位|配合单位|责任部门|牵头部门|主管部门|负责单位|领导|创业|事项|项目|问题|方案|举措|时间|日期|期限|"
    r"这份|这些|这块|这类|这一|那些|哪天|哪一年|一年|时候|开始|多久|几天|几年|几个月|几周|几成|几岁|几个|几项|几家|如果|出现|首位|具体措施|具体做法|做法|包含|"
    r"单独|类型|分别是|是什么|有没有|没有|能不能|可不可以|由谁来|由谁|归谁|找谁|管|归|拿|能拿|能领|领|补|能补|多少钱|钱|上限|下限|"
    r"配合|参与|协办|还是|协同|配合单位|参与单位|协办单位|那|那么|还有|另外|呢|"  # roles asked for; follow-up words
    r"一共|总共|共计|合计|啥|哪几|去|来|的话|要是|假如|说法|讲究|规矩|怎么算|咋算|如何算|怎样算|"  # a total; colloquial what / which / what rule; 去参加 = 参加; a case
    r"帮着|帮忙|帮|"  # "政府帮着贴多少": who helps pay is the asking, no subject
    r"换个|话题|换个话题|换个问题|顺便|问一下|再问|一下|哪儿|哪里|交到|发到|寄到|送到|交给|"  # changing the topic; where to send
    r"准备|打算|下来|只是|那次|这次|就是|其实|每个|问|里|那个|"  # "…准备建多少个", "评估下来如果只是1级": framing, no subject; each; 问一下; …里
    r"听说|听人说|据说|以前|之前|搞|搞过|一个|里面|想|想要|指标|定|评上|评了|钱算|"  # "听说以前搞过一个…，里面…": hearsay and framing, no subject
    r"他|她|他们|她们|家|两个|表姐|表哥|表妹|表弟|堂姐|堂哥|堂妹|堂弟|"  # "我表姐家是兄妹两个人，她…": whom it is for, no subject
    r"政府|花|花了|不少|挺多|很多|"  # "…花不少钱，政府能补贴多少": who gives and how much it costs the asker, no subject
    r"这部分|那部分|这部|那部|"  # "这部分钱基金给报几成？": the sum said before, pointed at
    r"多长时间|多长|长时间|"  # "能享受多长时间？": asks a duration, names none
    r"是不是|翻|翻倍|翻番|一倍|两倍|几倍"  # "额度是不是能翻一倍？": asks whether and by how much, names nothing
)
# The whole plan, not one task of it: "整个计划是谁来牵头统筹？", "Who coordinates the plan as a whole?"
WHOLE_PLAN = re.compile(r"(?:整个|整体|总体|全盘)(?:计划|方案|规划|工作|行动|政策)?|统筹|\b(?:overall|as a whole|whole (?:plan|programme|program|scheme))\b", re.I)
# An asking word fused with the verb after it by the segmenter ("最多补多少" → 最多补): asks, names nothing
# (a modal fused so, 能奖 or 可贷, is a function word: _function_word)
ASKING_FUSED = re.compile(r"(?:最多|最高|最少|多少)[\u4e00-\u9fff]")


CJK_RUN = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fff（）()“”〈〉、]*")
# Words naming the level of government the conversation is at: they name the place of that level said before
# (省里 after a question on 广东省's plan); the level's budget (省财政) names it too.
LEVEL_WORDS = {"province": ("省里", "全省", "本省", "我省"), "city": ("市里", "全市", "本市", "我市"),
               "county": ("区里", "县里", "全区", "全县", "本区", "本县")}
LEVEL_FINANCE = {"province": "省", "city": "市", "county": "区"}  # 省级财政, 省财政, 区财政 …
LEVEL_PATTERNS = {level: re.compile("|".join(words) + f"|{LEVEL_FINANCE[level]}级?财政") for level, words in LEVEL_WORDS.items()}
# Words that say where, not what about: the place scopes the search instead of being a keyword.
PLACE_WORDS = {"市", "当地", "本地", "在汉", "在杭", "在穗", "来杭", "来汉", *(w for words in LEVEL_WORDS.values() for w in words),
               "国家"}  # "国家搞的…试点": the national level, as 市里 is the city's (国家级 is a rank: a subject)


@dataclass
class Context:
    """What the steps share about one question."""

    question: str
    analysis: Analysis
    search_text: str  # what the dense retriever sees
    keyword_query: list[str]  # what BM25 sees (weighted by repetition)
    keywords: list[str]  # words that make a sentence relevant, for picking quotes
    must_terms: list[str] = field(default_factory=list)  # terms the user wrote out exactly: “招贤榜”, 《…》
    weak_keywords: bool = False  # English with nothing from the glossary: only the dictionary's guesses
    own_keywords: list[str] = field(default_factory=list)  # a continuing follow-up's own words (what it asks now)…
    # …or a question's words without the asker's description of themselves, and the words only that description holds
    # ("We're a small company registered in Guangzhou. What's the most…": 注册 ranks no clause)
    description_words: set[str] = field(default_factory=set)
    names: list[str] = field(default_factory=list)  # of an English question: names of the documents it spells in pinyin
    matter: list[str] | None = None  # of a continuing turn: what it names of its own (`_own_matter`, read once)
    titled_doc_ids: list[str] | None = None  # the documents the question names by title (qa.titles)…
    title_words: set[str] = field(default_factory=set)  # …and the words naming them: they rank no clause of it
    # the words the asker described their own case with earlier in the conversation (我爸是职工医保退休的: 职工, 退休):
    # a later turn on the same ground is still about that case
    earlier_case: list[str] = field(default_factory=list)
    doc_ids: list[str] | None = None
    local_doc_ids: list[str] | None = None  # of doc_ids, those about the place named (not wider areas)
    refusal: str | None = None
    resolution: Resolution | None = None  # how the turn was read against the one before
    expansion: Expansion | None = None
    glossary_readings: list[str] = field(default_factory=list)  # of an English question: every glossary reading ("how long" → 期限)
    notes: list[str] = field(default_factory=list)
    described_terms: set[str] | None = None  # of an English question: glossary terms only its self-description names
    definitions: list | None = None  # of a define question: the defining sentences (`_definitions`, read once)
    trace: list[str] = field(default_factory=list)  # one line per decision, for `ask --explain`

    def log(self, step: str, message: str) -> None:
        self.trace.append(f"{step}: {message}")


ROW_KEPT = ("doc_id", "doc_title", "locator", "clause_locator", "title")  # with lead and responsible: what
# questions read of a responsibility row (who answers, drafts). Its clause text is read from Chroma for the
# few rows an answer cites; its targets, lead_stated and file name only the task table shows (kb.tasks).


def _kept(row: dict) -> dict:
    """What the facts keep of a responsibility row, its strings shared: at 121k chunks the rows were ~250 MB,
    most of it the clause texts (42 MB), the targets (~70 MB) and each document's own copies of the same unit
    names, titles and locators (the copies of a document share them); ~50 MB now (measured)."""
    kept = {key: sys.intern(row[key]) for key in ROW_KEPT}
    kept["lead"] = [sys.intern(u) for u in row["lead"]]
    kept["responsible"] = [sys.intern(u) for u in row["responsible"]]
    return kept


class KnowledgeBaseFacts:
    """Per knowledge base, computed once (until it changes): its clauses, responsibility table, units,
    vocabulary, text, and the places its documents cover. Questions never scan the whole store."""

    def __init__(self, kb: KnowledgeBase):
        self.fingerprint = kb.keyword_index().fingerprint
        clauses = []  # one pass over the clauses' first chunks, keeping only what questions need
        for chunk_id, meta in kb.clause_facts():  # saved beside the keyword index: no read of every clause
            doc_id = sys.intern(meta["doc_id"])
            clauses.append((clause_order(meta), chunk_id, doc_id, meta["locator"],
                            meta.get("normalized") or normalize(clause_text(meta)), [_kept(row) for row in task_rows(meta)]))
        clauses.sort(key=lambda c: c[0])
        self.rows = [row for c in clauses for row in c[5]]
        self.head_ids = {(c[2], c[3]): c[1] for c in clauses}
        self.clause_ids = [c[1] for c in clauses]
        self.clause_locators = [c[3] for c in clauses]
        self.clause_docs = [c[2] for c in clauses]
        parts = [c[4] for c in clauses]
        del clauses
        self.text = "\n".join(parts)  # every clause's text, normalised; clause i starts at clause_starts[i]
        self.clause_starts = list(itertools.accumulate((len(p) + 1 for p in parts[:-1]), initial=0))
        del parts
        self.units = sorted({u for r in self.rows for u in r["lead"] + r["responsible"]})
        self.vocabulary = kb.keyword_index().document_frequencies()  # token → chunks containing it
        documents = kb.documents()
        self._positions: dict[str, list[int]] | None = None
        self._pinyin: dict[str, list[str]] | None = None
        self.doc_places = {doc.doc_id: [p for p in map(place_named, doc.places) if p] if doc.places else
                           document_places(doc.title, self._doc_text(doc.doc_id, 2)[:300], self._doc_text(doc.doc_id))
                           for doc in documents}  # stored at ingest; read from the text for older knowledge bases
        self.doc_periods = {doc.doc_id: doc.period for doc in documents}
        self.doc_dates = {doc.doc_id: doc.date for doc in documents}
        self.doc_numbers = {doc.doc_id: doc.doc_number for doc in documents}
        self.doc_titles = {doc.doc_id: doc.title for doc in documents}
        self.covered_codes = frozenset(p.code for places in self.doc_places.values() for p in places)
        self.titles = normalize(" ".join(doc.title for doc in documents))
        self.title_cores = {doc.doc_id: core_name(doc.title, sorted({n for p in self.doc_places[doc.doc_id] for n in (p.name, p.short)},
                                                                    key=len, reverse=True)) for doc in documents}
        self.title_cores_joined = "\n".join(self.title_cores.values())  # what every question's title check scans
        self.english_units = {e.zh: e.phrases for e in glossary() if e.kind == "unit"}


    def pinyin_names(self) -> dict[str, list[str]]:
        """The vocabulary's words by their pinyin (qa.pinyin_names), built at the first English question that
        holds a word no dictionary reads (0.1 s for 5,000 words)."""
        if self._pinyin is None:
            self._pinyin = pinyin_index(self.vocabulary)
        return self._pinyin

    def clauses_of(self, doc_id: str) -> list[int]:
        """Indexes (into clause_ids) of a document's clauses, in order."""
        if self._positions is None:  # built once: per document, the indexes of its clauses
            self._positions = {}
            for i, d in enumerate(self.clause_docs):
                self._positions.setdefault(d, []).append(i)
        return self._positions.get(doc_id, [])

    def clause_text(self, i: int) -> str:
        """The normalised text of clause i."""
        end = self.clause_starts[i + 1] - 1 if i + 1 < len(self.clause_starts) else len(self.text)
        return self.text[self.clause_starts[i]: end]

    def _doc_text(self, doc_id: str, clauses: int | None = None) -> str:
        """The normalised text of a document's clauses (the first `clauses` of them), in order."""
        return "\n".join(self.clause_text(i) for i in self.clauses_of(doc_id)[:clauses])

    def clauses_containing(self, term: str, at_most: int | None = None) -> list[int]:
        """Indexes (into clause_ids) of the clauses whose normalised text contains `term`, in order (the first
        `at_most` of them, when given: a frequent word is not looked for through the whole knowledge base)."""
        needle, found, start = normalize(term), [], 0
        while needle and (at_most is None or len(found) < at_most) and (at := self.text.find(needle, start)) >= 0:
            i = bisect.bisect_right(self.clause_starts, at) - 1
            found.append(i)
            start = self.clause_starts[i + 1] if i + 1 < len(self.clause_starts) else len(self.text)
        return found


_facts: dict[int, KnowledgeBaseFacts] = {}


def facts_for(kb: KnowledgeBase) -> KnowledgeBaseFacts:
    facts = _facts.get(id(kb))
    if facts is None or facts.fingerprint != kb.keyword_index().fingerprint:
        with clause_facts.gc_paused():
            facts = _facts[id(kb)] = KnowledgeBaseFacts(kb)
        clause_facts.release_freed_memory()
    return facts


def warm_up(kb: KnowledgeBase) -> None:
    """Load now what the first question would otherwise wait for (about a second): the knowledge
    base's facts and keyword index, the English–Chinese dictionary, jieba's dictionaries, the embedder."""
    if kb.count():
        facts_for(kb)
    cedict_index()
    expand("warm up", {})  # the glossary's phrase list
    synonyms()
    list(pseg.cut("预热"))  # jieba's part-of-speech dictionary
    kb.embeddings.embed_query("预热")


# --- 1. analyse -----------------------------------------------------------------------------------


def _asked_intent(question: str, language: str, units: list[str]) -> str:
    """What a question asks, from the sentences that ask (a story told first may name a 主管 or 负责人 it does not
    ask about)."""
    return detect_intent(asking_sentences(question) if language == "zh" else question, language, bool(units))


def analyse(kb: KnowledgeBase, question: str, history: list[dict] | None) -> Context:
    facts = facts_for(kb)
    language = detect_language(question)
    units = find_units(question, facts.units, facts.english_units)
    intent = _asked_intent(question, language, units)
    places = _places(question, language, facts)
    search_text = question

    resolution = _resolve(kb, question, language, history, facts)
    if TOPIC_CHANGE.search(question.strip()):  # "Different topic: …": the words saying so are no part of the question
        question = search_text = TOPIC_CHANGE.sub(" ", question.strip(), count=1).strip(" :：,，.;；—–-")
        intent = _asked_intent(question, language, units)
    if resolution.follows:
        previous = resolution.previous.question
        if resolution.replaced or resolution.kind in ("place", "case"):  # the earlier question, read with what this turn names
            question = search_text = resolution.question
            intent = detect_intent(question, language, bool(units)) if intent in ("other", "measures") else intent
        elif resolution.kind == "document":  # a full question of its own, on the earlier document
            pass
        else:  # names nothing of its own: this turn's words say what is asked, the earlier ones what about
            case = own_figures(question) if language == "zh" else []
            if case:  # "要是50岁，这个要交多少？" after "不到35岁…": not 35 any more
                for_case, replaced = with_case(previous, case[0])
                previous = for_case if replaced else previous
            if language == "zh" and detect_language(previous) == "zh" and resolution.previous.chunk_ids \
                    and asking_sentences(previous) != previous:  # a story told before the earlier question: its matter
                previous = _in_cited_words(kb, previous, resolution.previous.chunk_ids)
            elif language == "en" and detect_language(previous) == "en" and len(sentences_en(previous)) >= STORY_SENTENCES + 1 \
                    and previous.strip() == _asked_before(history).strip():  # (as the asker wrote it, not a turn's reading)
                # "I'm 52 and I lost my job … We've taken on five people … How big a loan could I get?"
                previous = _in_cited_words_en(kb, previous, resolution.previous.chunk_ids, facts)
            # the asker's description of themselves is no keyword of a turn naming nothing else (its case figures
            # are read from the turn itself)
            turn = _beyond_description(question, language, kb.keyword_index().tokenizer, facts)
            # and the earlier question's own asking weighs twice its opening description, when this turn asks another
            # figure of what it was about ("能贷多少？" after "我男的，今年58岁，…，这个岁数还能申请创业担保贷款吗？"):
            # the description may hold the matter too ("我们厂在上海，屋顶装了光伏，…每度电给多少奖励？")
            asked_before = without_description_run(previous) \
                if language == "zh" and detect_language(previous) == "zh" and asked_kinds(question, "zh") & set(ANY_FIGURE_KINDS) \
                else ""
            search_text = f"{_in_language(previous, language, facts)} {asked_before} {turn}"
            if intent == "other" and not (asks_whether(question) and not CHOICE.search(question)):
                # "我租房还能扣吗？" asks whether, not how much; "Is it all paid or only part?" asks which share
                intent = detect_intent(previous, detect_language(previous), bool(units))
        if resolution.kind != "place":
            places = places or _places(previous, detect_language(previous), facts)
        units = units or find_units(previous, facts.units, facts.english_units)
    elif not places and resolution.previous is not None and not resolution.previous.refused:
        places = _level_place(question, resolution.previous.places)  # "省里…" after a question on 广东省's plan

    tokenizer = kb.keyword_index().tokenizer
    expansion, named, readings = None, [], []
    if language == "en":
        search_text = without_supposition(search_text)  # (qualifying supposed is not what is asked)
        expansion = expand(without_english_places(search_text, places), facts.vocabulary)
        # "who leads…" asks for a lead unit; 牵头单位 is what is asked, not what the clause is about: in the query
        # once, as in a Chinese question's ("how long" → 期限), but no keyword a clause must hold
        asking = [t for e in expansion.glossary_terms if INTENT_WORDS_ZH.fullmatch(e.zh) for t in tokenizer.tokens(e.zh)]
        readings = [e.zh for e in expansion.glossary_terms]
        expansion.glossary_terms = [e for e in expansion.glossary_terms if not INTENT_WORDS_ZH.fullmatch(e.zh)]
        expansion.dictionary_terms = [t for t in expansion.dictionary_terms if not INTENT_WORDS_ZH.fullmatch(t)]
        zh_terms = expansion.chinese_terms
        # BM25 weights by repetition: glossary terms ×3, dictionary terms ×1, Chinese written
        # into the English question (人才公寓, 招贤榜) ×5 — the strongest signal of all.
        keyword_query = [t for term in [e.zh for e in expansion.glossary_terms] for t in tokenizer.tokens(term) * 3]
        keyword_query += [t for term in expansion.dictionary_terms for t in tokenizer.tokens(term)]
        keyword_query += [w for w in expansion.leftover if w in facts.vocabulary] * 2  # e.g. "opc"
        keyword_query += asking
        # "the Qinghe apartments": a name of the documents' own, in pinyin (qa.pinyin_names), weighs as a glossary term
        unglossed = words_of(without_english_places(search_text, places))
        named = names_in_pinyin(unglossed, facts.pinyin_names(), known=lambda w: w in ENGLISH_STOPWORDS or dictionary_reads(w))
        named = [n for n in named if not any(n in e.zh or e.zh in n for e in expansion.glossary_terms)]
        keyword_query += [t for name in named for t in tokenizer.tokens(name)] * 3
        embedded = [t for part in CJK_RUN.findall(search_text) for t in tokenizer.tokens(part)]
        if resolution.kind == "case" and detect_language(search_text) == "zh":  # a Chinese question read for an
            embedded = chinese_keywords(tokenizer, search_text)  # English turn posing a case: its words, not its asking and function words (的话, 最多能)
        keyword_query += embedded * 5
        dense_text = search_text + " " + " ".join(zh_terms)
        keywords = embedded + [t for term in zh_terms for t in tokenizer.tokens(term)] + [w for w in expansion.leftover if w in facts.vocabulary]
        keywords += [t for name in named for t in tokenizer.tokens(name)]
        amounts = asked_amounts(search_text)  # "over 30 million yuan": the documents write 3000万元 (a sum spent: none)
        keywords += amounts
        keyword_query += [t for a in amounts for t in tokenizer.tokens(a)] * 2
    else:
        full_terms = expand_abbreviations(search_text)
        keyword_query = tokenizer.tokens(search_text) + [t for term in full_terms for t in tokenizer.tokens(term)] * 2
        dense_text = " ".join([search_text, *full_terms])
        keywords = chinese_keywords(tokenizer, search_text)
        keyword_query += numeral_forms(search_text) * 2
    # a question of its own, or the earlier one rewritten for this turn's subject ("秸秆呢？"): read as a whole question
    whole = not resolution.follows or bool(resolution.replaced)
    titled = documents_titled(kb, question) if language == "zh" and whole else None
    if titled:  # "“无废城市”建设试点工作方案里，到2020年秸秆…": the title says which document, not which clause
        words = title_words(tokenizer.spans(question), titled)
        if [k for k in keywords if k not in words]:  # the sentence may still name them (无废城市建设试点 …选择10个城市)
            keyword_query = [t for t in keyword_query if t not in words]
    own_keywords, description_words = [], set()

    def asked_terms(text: str) -> list[str]:  # the asker's description ranks no clause; what is asked, twice
        if language == "zh":
            return chinese_keywords(tokenizer, text)
        return [t for term in [e.zh for e in expand(text, facts.vocabulary).glossary_terms
                               if not INTENT_WORDS_ZH.fullmatch(e.zh)] + CJK_RUN.findall(text) for t in tokenizer.tokens(term)]
    if resolution.kind == "continues":  # the earlier words say what about, this turn's words what is asked: twice the weight
        # ("So my husband, who's 58, would apply instead. If he gets the loan, how much of the interest…?": what is
        # asked, not the asker's description)
        asked = asked_keywords(question, language, asked_terms) if language == "en" else None
        own = asked or ([e.zh for e in expand(question, facts.vocabulary).glossary_terms] + CJK_RUN.findall(question)
                        if language == "en" else [question])  # English: not the dictionary's guesses ("company" → 公司)
        own_keywords = [t for term in own for t in tokenizer.tokens(term) if t in keywords]
        keyword_query += own_keywords
    elif whole:  # "We're a small company registered in Guangzhou. What's the most we can borrow…?":
        text = without_english_places(without_supposition(question), places) if language == "en" else question
        asked = asked_keywords(text, language, asked_terms)
        own_keywords = [t for t in asked or [] if t in keywords]
        keyword_query += own_keywords
        if asked:  # the description's words are those only it holds (the rest's dictionary words are the rest's)
            rest = without_self_description(text, language)
            rest_words = set(asked) | ({t for term in expand(rest, facts.vocabulary).chinese_terms for t in tokenizer.tokens(term)}
                                       if language == "en" else set())
            description_words = {k for k in keywords if k not in rest_words}
    place_names = {n for p in places for n in (p.name, p.short)}
    place_names |= origin_names(search_text)  # (香港 of "我是香港人": who the asker is, no matter of the question)
    if language == "en":  # (…and of "I'm 29 and from Hong Kong")
        told = _without_place_terms(search_text, facts)
        place_names |= {n for p in find_places(told) if named_as_origin(told, p) for n in (p.name, p.short)}
    keywords = [k for k in keywords if k not in place_names and k not in PLACE_WORDS]  # the place scopes the search instead
    if resolution.follows:  # "这里说的…": words pointing back say where to look, not what a clause must hold
        keywords = [k for k in keywords if not POINTER_WORD.fullmatch(k)]
    intent_words = INTENT_VOCABULARY.get(intent, [])
    keyword_query = keyword_query + [t for w in intent_words for t in tokenizer.tokens(w)]
    dense_text = " ".join([dense_text, *intent_words])
    must_terms = _must_terms(question, detect_language(question))  # (a Chinese question read for an English turn
    # writes no Chinese into English: its names are those it quotes)
    analysis = Analysis(language=language, intent=intent, units=units, places=places,
                        also_target=intent == "who" and asks_figure(question, language),
                        terms=[e.zh for e in expansion.glossary_terms] if expansion else [])
    weak = language == "en" and not (any(e.kind != "word" for e in expansion.glossary_terms) or CJK_RUN.search(search_text))
    if not keywords:  # a question of asking words only ("来这边创业，市里有什么支持？"): what BM25 sees, less what asks
        # and where (what names nothing else, as 这边, stays: the clause a question so bare matches is anyone's guess)
        unasked = [k for k in keyword_query if not INTENT_WORDS_ZH.fullmatch(k) and k not in place_names and k not in PLACE_WORDS]
        keywords = [k for k in unasked if not _function_word(k)] or unasked or keyword_query
    # (of the turn's own words: a continuing turn's carried words were read so when they were asked)
    categories = _categories_by_example(kb, facts, own_keywords if resolution.kind == "continues" else keywords)
    if categories:  # "a PV curtain wall" is one of the 光伏建筑一体化项目 the rates are stated for
        found = [t for words in categories.values() for t in tokenizer.tokens(words) if len(t) >= 2]
        keywords += [t for t in dict.fromkeys(found) if t not in keywords]
        keyword_query += found
    ctx = Context(question, analysis, dense_text, keyword_query, keywords, must_terms=must_terms,
                  expansion=expansion, glossary_readings=readings, weak_keywords=weak, resolution=resolution, own_keywords=own_keywords,
                  description_words=description_words, names=named if language == "en" else [],
                  titled_doc_ids=titled.doc_ids if titled else None, title_words=words if titled else set(),
                  earlier_case=_earlier_case(kb, question, resolution, history, facts))
    for example, category in categories.items():
        ctx.log("analyse", f"{example} is named only as an example of {category}: read with it")
    return ctx


# A word the documents name only among the examples of a kind ("光伏建筑一体化项目 … 1.光伏建筑。…包括光伏瓦、光伏窗、
# 光伏幕墙等"): what is stated for that kind (its rate, its cap) is stated for it.
EXAMPLES = r"(?:包括|包含|例如|比如|诸如|如)[^。；;.]*?{word}[^。；;.]*?等"
CATEGORY_MAX_CLAUSES = 2  # a word named in more clauses than this is a subject of its own, not an example


def _categories_by_example(kb: KnowledgeBase, facts: "KnowledgeBaseFacts", keywords: list[str]) -> dict[str, str]:
    """Each keyword that every clause naming it names only as an example of a kind (包括…X…等) → that kind: the
    headings over the list (its item's title and the heading above it), without their numbers."""
    found: dict[str, str] = {}
    for word in dict.fromkeys(k for k in keywords if len(k) >= 2):
        indexes = facts.clauses_containing(word, at_most=CATEGORY_MAX_CLAUSES + 1)
        if not indexes or len(indexes) > CATEGORY_MAX_CLAUSES:
            continue
        example = re.compile(EXAMPLES.format(word=re.escape(normalize(word))))
        texts = [facts.text[facts.clause_starts[i]: facts.clause_starts[i + 1] if i + 1 < len(facts.clause_starts) else len(facts.text)]
                 for i in indexes]
        if not all(text.count(normalize(word)) == sum(m.group(0).count(normalize(word)) for m in example.finditer(text))
                   for text in texts):
            continue  # (named once outside a list of examples: a subject of its own)
        metas = kb.get_metadatas([facts.clause_ids[i] for i in indexes])
        headings = [without_number(h).strip(" ：:。.") for meta in metas.values()
                    for h in Hit.from_record("", meta).heading_path.split(" › ")[-2:]]
        kinds = [h for h in dict.fromkeys(headings) if h and normalize(word) not in normalize(h)]
        if kinds:
            found[word] = "、".join(kinds)
    return found


def _earlier_case_here(ctx: Context, hits: list[Hit]) -> list[str]:
    """The case the asker described earlier (Context.earlier_case), when this turn is answered from a document the
    turn before was (their case is about its rules) and names no matter of its own."""
    resolution = ctx.resolution
    if not ctx.earlier_case or not hits or not resolution.previous.refused and hits[0].doc_id not in resolution.previous.doc_ids \
            or resolution.kind == "continues" and _own_matter(ctx):  # (after a turn refused, the case still stands)
        return []
    return ctx.earlier_case


# A description saying who the asker (or the person asked about) is: 是, 属于, 参保, 退休, 失业, 户籍…
IDENTITY = re.compile(r"是|属于|参加|参保|退休|在职|失业|登记|户口|户籍")
STATUS = re.compile(r"参加|参保|退休|在职|失业|登记|户口|户籍")  # …said in a clause going on from 我…, without 是
# A clause opening with the person a description is about, named by a relative word or a pronoun (老爸…, 他是…)
PERSON_CLAUSE_ZH = re.compile(rf"\s*(?:{RELATIVE_ZH}|[他她]们?)")


def _earlier_case(kb: KnowledgeBase, question: str, resolution: Resolution, history: list[dict] | None,
                  facts: "KnowledgeBaseFacts") -> list[str]:
    """The document words of the asker's descriptions of their own case in the conversation's earlier questions
    ("我爸是广州职工医保退休的，…": 职工, 医保, 退休), for a turn on their ground that poses no case of its own
    ("住进护理院和在家护理，报销比例哪个高？": the rates for 职工参保人员, not those for 居民)."""
    supposing = without_supposition(question)  # ("If we do qualify later, …" supposes their case qualifies: no other case)
    if not history or resolution.previous is None or resolution.kind == "case" \
            or POSES_CASE.search(supposing) or SPEAKS_OF_ASKER.search(supposing) or resolution.kind == "place":
        return []
    return identity_words(kb, [str(turn.get("question") or turn.get("content") or "") for turn in history], facts)


def identity_words(kb: KnowledgeBase, questions: list[str], facts: "KnowledgeBaseFacts") -> list[str]:
    """The document words of the questions' statements of who the asker (or the person asked about) is: a Chinese
    description clause saying so (IDENTITY: 我爸是…职工医保退休的), an English description sentence's glossary
    terms ("My mum is on Guangzhou's resident health insurance": 居民) — not what they do (我在文昌种水稻)."""
    tokenizer = kb.keyword_index().tokenizer
    words = []
    for text in questions:
        language = detect_language(text)
        if language == "zh":  # the clauses going on describing them: "我妈今年78，职工医保退休的，…" (a status said)
            run = text[: len(text) - len(without_description_run(text))]
            words += [w for piece in re.split(r"[，,。；;]", run)[1:] if STATUS.search(piece) for w in chinese_keywords(tokenizer, piece)]
            # a clause naming the person by a relative word or a pronoun: "老爸评上了3级，他是职工医保，…"
            words += [w for piece in re.split(r"[，,。；;？?！!]", text) if PERSON_CLAUSE_ZH.match(piece)
                      and IDENTITY.search(piece) and not QUESTION_WORD_ZH.search(piece) for w in chinese_keywords(tokenizer, piece)]
        for m in SELF_DESCRIPTION["zh" if language == "zh" else "en"].finditer(text):
            if language == "zh" and IDENTITY.search(m.group(0)):
                words += chinese_keywords(tokenizer, m.group(0))
            elif language != "zh":
                words += [t for e in expand(m.group(0), facts.vocabulary).glossary_terms for t in tokenizer.tokens(e.zh)]
    places = {n for p in find_places(" ".join(questions), facts.covered_codes) for n in (p.name, p.short)} \
        | origin_names(" ".join(questions))  # (香港 of 我是香港人: the document names them by what they are, 港澳青年)
    return [w for w in dict.fromkeys(words) if len(w) >= 2 and not any(w in place for place in places) and w not in PLACE_WORDS
            and not INTENT_WORDS_ZH.fullmatch(w) and _known(w, facts)]


# A turn speaking of the asker (我还有个哥哥, "we hire 8 people"): it may pose the asker's own case.
SPEAKS_OF_ASKER = re.compile(r"我|咱|本人|本公司|本企业|\b(?:i|i'm|we|we're|my|our|us|me)\b", re.IGNORECASE)




QUOTED = re.compile(r"[“\"'‘《「]([^”\"'’》」]{2,30})[”\"'’》」]")


def _must_terms(question: str, language: str) -> list[str]:
    """Terms the user wrote out exactly and the answer must be about: Chinese inside an English
    question (招贤榜), quoted names in a Chinese one (“红棉计划”). Places and units don't count."""
    if language == "en":
        runs = [r.strip("（）()“”〈〉、") for r in CJK_RUN.findall(question)]
    else:  # quoted names only; a quoted paraphrase ("OPC出题、高校院所揭榜答题") is not a name
        runs = [r for r in QUOTED.findall(question) if not re.search(r"[、，,；;。 ]", r) and len(r) <= 12]
    runs = [r for r in runs if len(r) >= 2 and not any(r in (p.name, p.short) for p in find_places(r))]
    return list(dict.fromkeys(runs))


def _resolve(kb: KnowledgeBase, question: str, language: str, history: list[dict] | None,
             facts: "KnowledgeBaseFacts") -> Resolution:
    """How this turn reads against the turn before (qa.conversation): standalone, a new subject or place
    for the earlier question, or a continuation of it."""
    found = previous_turn(history)
    if found is None:
        return Resolution("standalone", question)
    if TOPIC_CHANGE.search(question.strip()):  # "Separate question: …", "换个话题，…": asked cold, no earlier ground preferred
        return Resolution("standalone", question)
    n, turn = found
    previous_question = str(turn.get("question") or turn.get("content"))
    answered = str(turn.get("answer") or "")
    tokenizer = kb.keyword_index().tokenizer
    earlier_places = find_places(previous_question, facts.covered_codes)
    places = _within_no_new_ground(_places(question, language, facts), earlier_places, turn, facts)
    english = expand(without_english_places(question, places), facts.vocabulary) if language == "en" else None
    new = _subject(question, language, tokenizer, facts, places, english)
    # "What's the longest term, and how much of the interest…?": its first part asks of what the turn before was about
    opens_bare = english is not None and not places and _opens_naming_nothing(question, language, tokenizer, facts)
    if new and not places and _beyond_description(question, language, tokenizer, facts) != question:
        new = ""  # "我开了家小餐馆，雇了6个人，额度能不能高一点？": the asker's description, then nothing of its own
    follows = _follows(question, new, places, earlier_places) \
        or (english is not None and not places and _bare_english_term(question, english)) \
        or opens_bare
    # "it", "这个", or a figure of the answer before ("5万是每年还是…"): about what that answer was about
    back = points_at_subject(question) and not _points_at_its_own(question, new, tokenizer) \
        and not (language == "en" and new and ALSO_HAS_EN.search(question)) \
        or repeats_answer(question, str(turn.get("answer") or ""), previous_question) \
        or not places and cases_a_bound_of(question, answered)
    follows = follows or back
    if not follows and (places or documents_numbered(kb, question)):
        return Resolution("standalone", question)  # names its own ground
    about = About.from_dict(turn.get("about")) or _about_by_asking(kb, previous_question, history[: n - 1])
    if language == "zh" and documents_titled(kb, question):  # "另外，…“无废城市”建设试点工作方案里，…": its own ground
        return Resolution("standalone", question, about)
    # an English question before a Chinese case ("等我满了35岁呢？" after "I'm 30 … Do I personally have to pay into
    # it?"): its Chinese terms, with the case, are the question — not English words no Chinese clause holds
    earlier = _in_language(about.question, language, facts, asking=True, listed_under=_list_heading(kb, about.chunk_ids))
    asker = asker_case(question) if language == "zh" and not places else None
    if asker:  # "那我呢？我今年33，在公司上班。": the question before, for the asker's own case instead of the one asked for
        asked, replaced = with_person(earlier, asker, whole=True)
        return Resolution("case", asked, about, (replaced, asker) if replaced else None)
    case = posed_case(question) if language == "zh" and not places else None
    if case:  # "40岁的话", "如果带动6个人就业呢": the question before, for the case the turn poses
        asked, replaced = with_case(earlier, case)
        return Resolution("case", asked, about, (replaced, case) if replaced else None)
    person = other_person_case(question) if language == "zh" and not places else None
    if person:  # "那我爸退休了呢？": the question before, for that person instead of the asker (the case of whoever
        # it was asked for goes whole: "我妈68岁，拿的是…退休待遇，…" then "我弟29呢？")
        asked, replaced = with_person(earlier, person, whole=True)
        return Resolution("case", asked, about, (replaced, person) if replaced else None)
    asker = asker_case_en(question) if language == "en" and not places and detect_language(about.question) == "zh" else None
    if asker:  # "and me? I'm 38, on employee medical insurance through my job": the Chinese question before, for the
        # asker's own case (their age, still working) instead of the one it was asked for
        asked, replaced = with_person(about.question, asker, whole=True)
        return Resolution("case", asked, about, (replaced, asker) if replaced else None)
    person_only = all(re.fullmatch(RELATIVE_ZH, term) for term in new.split())  # "my husband", "my wife": whose age it is
    ages = [int(v) for v, unit in own_values(question) if unit == "岁"] if language == "en" and not places and person_only else []
    if ages:  # "And once I turn 40?", "What about my husband? He's 58.": the question before, for that age
        if detect_language(about.question) == "zh":  # (of a Chinese question opening with someone's case — "我妈68岁，
            # 拿的是…退休待遇，…" then "and me? 38, still working" —, the whole of that case goes: their retirement too)
            asked, replaced = with_person(about.question, f"{ages[0]}岁", whole=True)
            if replaced:
                return Resolution("case", asked, about, (replaced, f"{ages[0]}岁"))
        return Resolution("case", with_own_age(about.question, ages[0]), about)
    year = _other_year(question, about.question) if language == "en" and not places and FOLLOW_UP.search(question.strip()) \
        and _names_nothing_new(new, about, history, tokenizer) else None
    if year:  # "And what's the goal for 2026?" after the 2028 targets: the question before, for that year
        old_year, new_year = year
        return Resolution("case", re.sub(rf"(?<!\d){old_year}(?!\d)", new_year, about.question), about, (old_year, new_year))
    posed = posed_case_en(question) if language == "en" and not places else None
    if posed:  # "What if I hire 5 people?": the question before, for that case (a Chinese one without the asker's
        # description of themselves: its words, read as an English question's Chinese, would be keywords too)
        if detect_language(about.question) == "zh":
            asked_before = without_self_description(about.question, "zh") or about.question
        elif len(sentences_en(about.question)) >= 2:  # an English story before it: the sentence that asked, with the
            # story's terms the answer's clauses hold ("…she's 52, registered as unemployed… What's the most she can
            # borrow…?" then "Oh, and she plans to hire six people.")
            asked_before = _in_cited_words_en(kb, about.question, about.chunk_ids, facts)
        else:
            asked_before = about.question
        return Resolution("case", with_own_figure(asked_before, *posed), about)
    joined = _joined_swaps(kb, about, question, tokenizer, facts, answered) if language == "zh" and new and not places else None
    if joined:  # "秸秆和地膜呢？": the question before, of each
        return joined
    if language == "zh" and new and not places and bare_swap(normalize(question), new) \
            and _asks_as_before(question, about.question):  # "烘干机补多少" after a count: its own question
        swapped = _chinese_swap(kb, about, new, tokenizer, facts, question, answered)  # "甘蔗收获机", "硕士的话多少": the question before, for it
        if swapped:
            return swapped
    if not places and (SUPPOSED_EN if language == "en" else SUPPOSED_ZH).search(question):
        # "If we do qualify later, how big can the loan be?": qualifying is what the turn before asked about; this one
        # asks another fact of its document
        return Resolution("document", question, about)
    if not follows:  # its own question, on no ground of its own: the earlier documents are preferred (search)
        return Resolution("standalone", question, about)

    if new and language == "en" and detect_language(about.question) == "zh":
        swapped = _english_swap_in_chinese(kb, question, about, english, tokenizer, facts, history)
        if swapped:  # "And the resident insured one how much?" after a Chinese question on 职工参保人员
            return swapped
    if new and language == "en":
        swapped = _english_swap(question, about.question, facts, english)
        if swapped:  # "What about care at home?" after "what share of institutional care…": the earlier question, for it
            return Resolution("subject", swapped[0], about, swapped[1])
    if new and detect_intent(question, language, False) != "other":
        # names its subject and asks something: its own question ("How many mentors does Hangzhou want in its
        # communities?"), unless it points back at the earlier subject (这部分费用…) or document (里面的…)
        if places:
            return Resolution("standalone", question, about)
        if back or _said_before(new, about, history) and not (english and english.dictionary_terms) \
                or opens_bare:
            # "And how long can I keep the loan?": the loan was asked about before, and the turn names nothing else;
            # "What's the longest term, and how much of the interest is covered?": the term of what was asked before
            return Resolution("continues", question, about, refers_back=True)
        points_back = DEICTIC.search(question) or FOLLOW_UP.search(question.strip())  # 里面的…, 那…
        return Resolution("document" if points_back else "standalone", question, about)
    new_places = [p for p in places if p not in find_places(about.question, facts.covered_codes)]
    if new_places:  # "杭州呢？", "And in Hangzhou?": the earlier question, about the place now named
        if new and language == "zh" and not elliptical(normalize(question), new) and ASKS_ITS_OWN.search(question):
            # "另外问一下，广州的创业担保贷款在网上哪里申请？": a place, a subject and a question of its own — asked cold
            return Resolution("standalone", question)
        return Resolution("place", _for_place(about.question, new_places[0], facts, language), about)
    if new and language == "zh" and not elliptical(normalize(question), new):
        # names its subject and says more than "那X呢": a question of its own ("这里说的港澳青年有年龄要求吗？")
        # on the earlier document, or about the earlier subject when it points back at it
        return Resolution("continues", question, about, refers_back=True) if back else Resolution("document", question, about)
    if new and language == "zh":
        swapped = _chinese_swap(kb, about, new, tokenizer, facts, question, answered)
        if swapped:
            return swapped
    # naming nothing of its own, nor of the asker (whose case it may pose: "我还有个哥哥，那我最多能扣多少？"), and asking a
    # figure ("Is there a limit per company?"), it asks another figure of what the answer before was about: that
    # answer's clauses (materials, steps and contacts often stand in clauses of their own: not for those)
    figure = bool(asked_kinds(question, language) - NON_FIGURE_KINDS)
    return Resolution("continues", question, about,
                      refers_back=back or not new and figure and not SPEAKS_OF_ASKER.search(question))


def _in_cited_words(kb: KnowledgeBase, question: str, chunk_ids: list[str]) -> str:
    """An earlier question that told a story first, as what it was about for a turn going on from it: its words the
    clauses its answer cited hold (分布式光伏, 奖励 of "…暑假我们在教学楼和食堂顶上装了一套分布式光伏…"), then the
    sentences that asked. The story's other words (暑假, 食堂) would outweigh what the new turn asks."""
    cited = _cited_text(kb, chunk_ids)
    # (the figures of the asker's case say no word: 个人 of "在职28个人")
    words = [w for w in kb.keyword_index().tokenizer.tokens(without_own_figures(question)) if len(w) >= 2 and normalize(w) in cited]
    return " ".join([*dict.fromkeys(words), asking_sentences(question)])


def _list_heading(kb: KnowledgeBase, chunk_ids: list[str]) -> str:
    """The heading over the first clause an answer cited, without its number ("2.个人缴费费率：" → "个人缴费费率"):
    the list whose item answered."""
    hits = kb.get_hits(chunk_ids[:1])
    headings = next(iter(hits.values())).heading_path.split(" › ") if hits else []
    return without_number(headings[-2]).strip(" ：:") if len(headings) >= 2 else ""


def _cited_text(kb: KnowledgeBase, chunk_ids: list[str]) -> str:
    """The titles and text of the clauses an answer cited (its first three), normalised."""
    return normalize(" ".join(h.title + " " + h.quote for h in kb.get_hits(chunk_ids[:3]).values()))


def _asked_before(history: list[dict] | None) -> str:
    """The turn before's question as the asker wrote it."""
    found = previous_turn(history)
    return str(found[1].get("question") or found[1].get("content") or "") if found else ""


def _in_cited_words_en(kb: KnowledgeBase, question: str, chunk_ids: list[str], facts: "KnowledgeBaseFacts") -> str:
    """The same for an English question: the story's glossary phrases whose terms the cited clauses hold ("talent
    apartments" of "…I vaguely remember something about talent apartments. How many was the city supposed to
    raise?"), then the sentence that asked."""
    asking = asking_sentence_en(question)
    cited = _cited_text(kb, chunk_ids)
    story = question.strip()[: -len(asking)]
    phrases = [(e.phrases or [e.en])[0] for e in expand(story, facts.vocabulary).glossary_terms
               if e.kind != "place" and normalize(e.zh) in cited]
    return ". ".join([*dict.fromkeys(phrases), asking])


def _asked_so_far(about: About, history: list[dict] | None) -> str:
    """The conversation's earlier questions (and the one the turn before was about), normalised, as one text."""
    return normalize(" ".join([about.question, *(str(t.get("question") or "") for t in history or [])]))


def _said_before(subject: str, about: About, history: list[dict] | None) -> bool:
    """Every term of a turn's subject was named by an earlier question of the conversation: it is still the subject."""
    said = _asked_so_far(about, history)
    return bool(subject.split()) and all(normalize(term) in said for term in subject.split())


def _beyond_description(question: str, language: str, tokenizer, facts: "KnowledgeBaseFacts") -> str:
    """A turn without the clauses where the asker describes themselves ("我开了家小餐馆，"), when what is left names
    no subject of its own ("雇了6个人，额度能不能高一点？": a case and an aspect of the measure just discussed; in English,
    whether their case qualifies: "Do we qualify already?"); the turn itself otherwise."""
    if language != "zh":  # "We registered only 10 months ago. Do we qualify already?": their case, then whether
        # it qualifies for the measure just discussed
        rest = without_self_description(question, language)
        return rest if rest and rest != question and OWN_CASE_EN.search(rest) \
            and not _subject(rest, language, tokenizer, facts, []) else question
    rest = without_self_description(question, language)
    if rest and rest != question and not _subject(without_own_figures(rest), language, tokenizer, facts, []):
        described = question.replace(rest, " ")
        if (ALSO_HAS.search(described) or _pointer_alone(rest, tokenizer)) and _subject(described, language, tokenizer, facts, []):
            return question  # "我们还整理了一批行业语料，这个有奖补吗？": another thing the asker has, the turn's subject;
            # "我们上个月刚拿到高新技术企业认定，这个有奖励没？": what the pointer right after it stands for
        return rest
    return question


# A pointer opening the asking clause ("这个有奖励没？"); "这个补贴…" points at a thing it names
POINTER_OPENING = re.compile(r"\s*(?:那|那么)?这个")  # (not "这种情况", "这样": the asker's situation as a case)


def _pointer_alone(text: str, tokenizer) -> bool:
    """The clause opens with a pointer standing alone ("这个有奖励没？"), not one pointing at a noun after it (这个补贴)."""
    opening = POINTER_OPENING.match(text)
    following = tokenizer.spans(text[opening.end():].strip()) if opening else []
    return bool(opening) and not (following and following[0][1] == 0
                                  and any(flag.startswith("n") or flag in ("vn", "eng") for flag in _tags(following[0][0])))


def _points_at_its_own(question: str, subject: str, tokenizer) -> bool:
    """"我们还整理了一批行业语料，这个有奖补吗？": 这个 points at what the turn itself names in a clause before it, not
    back ("培育这两类企业的活儿": 培育 governs the pointer, in its clause) — or right before it, when the pointer ends
    its phrase ("…职称评审这一条，是全国推广吗？")."""
    pointer = ANAPHORA.search(DEICTIC.sub(lambda m: " " * len(m.group(0)), question))
    if not (pointer and subject):
        return False
    words = [t for t in tokenizer.tokens(subject) if len(t) >= 2 and _nominal(t)]
    clauses = CLAUSE_BREAK.split(question[: pointer.start()])
    if not pointer.group(0).isascii() and APPOSITIVE_END.match(question[pointer.end():]):  # "允许地方高校自主…职称评审这一条，是全国推广吗？": the item it
        # (an English pointer ending the question is the object of its verb: "Who do I call at the 中心 about this?")
        return any(t in clauses[-1] for t in words)  # names right before, in its own clause (not "培育这两类企业")
    return any(t in clause for clause in clauses[:-1] for t in words)  # the clauses ended before the pointer's


# After a pointer standing for the phrase just before it ("…职称评审这一条，是…吗"): the clause ends or its verb follows.
APPOSITIVE_END = re.compile(r"\s*(?:[，,。；;？?！!]|是|的话|呢|有没有|能不能|可不可以|算不算|属不属于)")


CLAUSE_BREAK = re.compile(r"[，,。；;！!]")


# The asker saying they also have or do something: "我们还整理了…", "我也买了一台…", "我们另外建了…"; in English
# "We also hired a law firm…", "I'm also doing a part-time degree…": what "that" then stands for
ALSO_HAS = re.compile(rf"{ASKER_ZH}(?:还|也|另外|同时|又)")
ALSO_HAS_EN = re.compile(r"\b(?:we|i)(?:'re|’re|'m|’m|'ve|’ve|\s+are|\s+am|\s+have)?\s+(?:also|additionally)\b", re.IGNORECASE)


def _asks_as_before(question: str, earlier: str) -> bool:
    """The turn asks no other kind of figure than the turn before ("多少" asks any; "补多少" after "几个品目" another)."""
    now, before = asked_kinds(question, "zh"), asked_kinds(earlier, detect_language(earlier))
    return not now or not before or bool(now & before)


def _chinese_swap(kb: KnowledgeBase, about: About, new: str, tokenizer, facts: "KnowledgeBaseFacts", turn: str = "",
                  answered: str = "") -> Resolution | None:
    """The earlier question with its subject replaced by `new`, when it names an alternative to it — and with
    the turn itself after it when the turn says on which side of an event its subject is ("退休了的话呢",
    "那已经退休的人呢": after retirement, which the bare subject 退休 no longer says). An English question before
    ("…target for manure use in the zero waste city pilot plan?" then "那秸秆呢？") names its subject in English: the
    subject of the figure its answer quoted is swapped instead (畜禽粪污综合利用率 → 秸秆综合利用率)."""
    if ENGLISH_WORDS.search(about.question) and normalize(new) in facts.text and not own_values(turn):
        # (a subject the documents write, not the asker's case: "要是离岸只有40公里呢？")
        swapped = _swapped_figure_subject(kb, about, new, tokenizer, facts, answered)
        if swapped:
            return Resolution("subject", f"{swapped[0]}是多少？", about, (swapped[1], new))
    earlier = normalize(about.question)
    earlier_places = find_places(earlier, facts.covered_codes)
    earlier_spans = _own_spans(earlier, tokenizer, facts, earlier_places)
    # the words naming the document (“无废城市”试点) say which plan, no subject to swap ("秸秆呢？" swaps 畜禽粪污)
    named = documents_titled(kb, earlier)
    earlier_spans = [(s, e) for s, e in earlier_spans if not (named and any(a <= s and e <= b for a, b in named.spans))]
    replaced = replace_subject(earlier, earlier_spans, new, facts.text)
    if not replaced:
        return None
    asked = replaced[0] + (f" {turn}" if turn and event_sides(turn) and not event_sides(replaced[0]) else "")
    return Resolution("subject", asked, about, (replaced[1], new))


# Two new subjects joined in a turn that names nothing else ("秸秆和地膜呢？", "那烘干机跟插秧机呢")
JOINED_SUBJECTS = re.compile(r"以及|[和与及跟、]")


def _joined_swaps(kb: KnowledgeBase, about: About, question: str, tokenizer, facts: "KnowledgeBaseFacts",
                  answered: str = "") -> Resolution | None:
    """"秸秆和地膜呢？" after the target for 畜禽粪污: the question before asked of each subject the turn joins (each an
    alternative to the subject it named), one after the other — two parts, answered each by its own sentence; or None."""
    pieces = [p for p in JOINED_SUBJECTS.split(normalize(question)) if p.strip()]
    if len(pieces) != 2:
        return None
    subjects = [_subject(piece, "zh", tokenizer, facts, []) for piece in pieces]
    if not all(subject and bare_swap(piece, subject) for piece, subject in zip(pieces, subjects)):
        return None
    return _asked_of_each(kb, about, subjects, tokenizer, facts, pieces, answered)


def _asked_of_each(kb: KnowledgeBase, about: About, subjects: list[str], tokenizer, facts: "KnowledgeBaseFacts",
                   turns: list[str] | None = None, answered: str = "") -> Resolution | None:
    """The question before asked of each of the subjects a turn joins, one after the other ("秸秆和地膜呢？", "What
    about a grain dryer? And a tractor?"): they are alternatives to each other, so the one found an alternative to the
    subject before says which phrase of the question before all replace (地膜 shares no neighbour with 畜禽粪污; 秸秆
    does). `turns`: the piece of the turn naming each (read for the side of an event it says). None when none swaps."""
    for n, subject in enumerate(subjects):
        swapped = _chinese_swap(kb, about, subject, tokenizer, facts, turns[n] if turns else "", answered)
        if swapped is not None and swapped.kind == "subject" and swapped.replaced and subject in swapped.question:
            asked = "".join(f"{swapped.question.replace(subject, other).rstrip('？?。 ')}？" for other in subjects)
            return Resolution("subject", asked, about, (swapped.replaced[0], "、".join(subjects)))
    return None


YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{3,}")


FIGURE_SWAP_MIN = 0.2  # how alike (alternative_score) the replaced phrase and the new subject must be: a neighbour shared
# in the documents (综合利用率 after both 畜禽粪污 and 秸秆: 0.2 or more), not 商品房所在区 / 人才 (0.0)


def _swapped_figure_subject(kb: KnowledgeBase, about: About, new: str, tokenizer, facts: "KnowledgeBaseFacts",
                            answered: str = "") -> tuple[str, str] | None:
    """(the subject of a figure the answer before quoted, with `new` in place of its alternative; the phrase
    replaced) — the most alike alternative over the subjects of the quoted sentences' figures ("…配套率达到95%以上，
    畜禽粪污综合利用率达到75%以上。" and 秸秆 → 秸秆综合利用率), or None."""
    quoted = " ".join(about.sentences)
    subjects = [t["subject"] for hit in kb.get_hits(about.chunk_ids[:3]).values() for t in hit.targets
                if t.get("subject") and t["text"] in quoted and new not in t["subject"]]
    headline = answered.split("\n", 1)[0]  # "75% or more (75%以上) — 畜禽粪污综合利用率": the figure the answer gave
    subjects = [s for s in subjects if s in headline] or subjects
    named = normalize(_in_language(about.question, "zh", facts))  # the Chinese terms the question before names
    best = None
    for subject in dict.fromkeys(subjects):
        spans = _own_spans(subject, tokenizer, facts, [])
        replaced = replace_subject(subject, spans, new, facts.text)
        if replaced:
            # as alike as another? the phrase the question before named (livestock manure: 畜禽粪污) is the one swapped
            score = (alternative_score(replaced[1], new, facts.text), normalize(replaced[1]) in named)
            if score[0] >= FIGURE_SWAP_MIN and (best is None or score > best[0]):
                best = (score, replaced)
    return best[1] if best else None


def _opens_naming_nothing(question: str, language: str, tokenizer, facts: "KnowledgeBaseFacts") -> bool:
    """A turn of several parts whose first names nothing of its own ("What's the longest term, and how much of the
    interest does the government cover?"): that part asks of what the turn before was about, and so does the turn
    (in "How much can one person borrow as a start-up loan, and for how long?" the bare part asks of what the turn's
    own first part names). Read of English turns: a Chinese one opening "那我爸呢？…" poses a case (other_person_case)."""
    parts = question_parts(question, language)
    return len(parts) > 1 and not _subject(parts[0], language, tokenizer, facts, [])


def _names_nothing_new(subject: str, about: About, history: list[dict] | None, tokenizer) -> bool:
    """Every term of a turn's subject was named before in the conversation, or only asks (the goal: 工作目标, whose
    words 工作, 目标 are asking words): "And what's the goal for 2026?" names no matter of its own; "What straw
    utilisation rate…by 2020?" does."""
    said = _asked_so_far(about, history)

    def asks(term: str) -> bool:
        pieces = [t for t in tokenizer.tokens(term) if t != normalize(term)] or [term]
        return all(INTENT_WORDS_ZH.fullmatch(t) for t in pieces)
    return all(normalize(term) in said or asks(term) for term in subject.split())


def _other_year(question: str, earlier: str) -> tuple[str, str] | None:
    """(the earlier question's year, the turn's) when a turn names one year and the question before named another
    (2028, then "And for 2026?"); None otherwise."""
    turn, before = set(YEAR.findall(question)), list(dict.fromkeys(YEAR.findall(earlier)))
    if len(turn) != 1 or len(before) != 1 or turn == set(before):
        return None
    return before[0], turn.pop()


def _bare_english_term(question: str, turn: Expansion) -> bool:
    """"Master degree?": an English turn (`turn`: its expansion) that is one glossary term and nothing else,
    like 那硕士呢."""
    return len(turn.glossary_terms) == 1 and not turn.dictionary_terms and not turn.leftover and len(question.split()) <= 4


def _english_swap(question: str, previous: str, facts: "KnowledgeBaseFacts", turn: Expansion
                  ) -> tuple[str, tuple[str, str]] | None:
    """The earlier question with its phrase for the replaced term rewritten as the turn words the new one, and
    (earlier term, new term), when an English turn is a bare new subject ("What about care at home?" after "what
    share of institutional care costs…"): it names one glossary term and nothing else of its own, and a term of
    the earlier question is an alternative to it (qa.conversation.alternative_score over the documents' text)."""
    if not FOLLOW_UP.search(question.strip()) and not _bare_english_term(question, turn):
        return None
    new_terms = [e for e in turn.glossary_terms if not INTENT_WORDS_ZH.fullmatch(e.zh)]
    new = [e.zh for e in new_terms]
    # (the words of supposing are no matter of the turn: "What if I only had a master's degree?")
    if len(new) != 1 or turn.dictionary_terms or [w for w in turn.leftover if w.lower() not in SUPPOSING_WORDS_EN]:
        return None
    earlier = [e for e in expand(without_english_places(previous, find_places(previous, facts.covered_codes)),
                                 facts.vocabulary).glossary_terms if e.zh != new[0] and e.kind == "term"]
    scored = sorted(((alternative_score(e.zh, new[0], facts.text), i, e) for i, e in enumerate(earlier)), reverse=True)
    if not scored or scored[0][0] <= 0:
        return None
    old = scored[0][2]
    words = FOLLOW_UP.sub("", question.strip()).strip(" ?？.")  # "care at home"
    plain = plain_english(question)
    said = [p for p in sorted(new_terms[0].phrases, key=len, reverse=True) if re.search(rf"\b{re.escape(p)}s?\b", plain)]
    if said and len(words.split()) > len(said[0].split()) and not asked_kinds(question, "en"):
        words = said[0]  # "master degree" of "What if I only had a master's degree?" (a turn asking a figure keeps its words)
    for phrase in sorted(old.phrases, key=len, reverse=True):
        found = re.search(rf"\b{re.escape(phrase)}s?\b", previous, re.IGNORECASE)
        if found:
            return previous[: found.start()] + words + previous[found.end():], (old.zh, new[0])
    return None


def _english_swap_in_chinese(kb: KnowledgeBase, question: str, about: About, turn: Expansion, tokenizer, facts: "KnowledgeBaseFacts",
                             history: list[dict] | None = None) -> Resolution | None:
    """An English turn naming a new subject for a Chinese question before it (the user switched language): the
    Chinese question with its subject replaced by the one glossary term of the turn it does not already hold
    (居民 of "the resident insured one", 参保 being the earlier question's own) — nor any earlier question of the
    conversation ("And how long can I keep the loan?" after 创业担保贷款 and 额度: the loan is still the subject)."""
    if not FOLLOW_UP.search(question.strip()) and not _bare_english_term(question, turn):
        return None
    asks = asked_kinds(question, "en") - NON_FIGURE_KINDS
    if asks and not asks & asked_kinds(about.question, detect_language(about.question)):
        return None  # "And how much of the interest does the government subsidise?" after the loan's cap and term:
        # another figure of its own (a share), not the earlier question for another subject
    earlier = _asked_so_far(about, history)
    new = list(dict.fromkeys(e.zh for e in turn.glossary_terms if not INTENT_WORDS_ZH.fullmatch(e.zh) and normalize(e.zh) not in earlier))
    if len(new) == 2 and JOINED_EN.search(question):  # "What about a grain dryer? And a tractor?": the question before, of each
        return _asked_of_each(kb, about, new, tokenizer, facts)
    return _chinese_swap(kb, about, new[0], tokenizer, facts) if len(new) == 1 else None


# Two subjects an English turn asks of in turn: "What about a grain dryer? And a tractor?", "What about dryers and tractors?"
JOINED_EN = re.compile(r"[?？]\s*(?:and|also|plus)\b|\b(?:about|for)\s+(?:an?\s+|the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:and|or)\s+(?:an?\s+|the\s+)?[\w-]+", re.I)


def _for_place(question: str, place: Place, facts: "KnowledgeBaseFacts", language: str) -> str:
    """The earlier question asked about another place: its own places taken out, the new one named."""
    places = find_places(question, facts.covered_codes)
    if language == "en":
        return f"{without_english_places(question, places)} (in {place.english()})"
    for p in places:
        question = question.replace(p.name, "").replace(p.short, "")
    return f"{place.short}{question}"


def _about_by_asking(kb: KnowledgeBase, question: str, history: list[dict]) -> About:
    """The About of an earlier turn given only as a question: ask it again (with the turn before it)."""
    return ask(kb, question, history=history[-1:]).about


ASPECTS = re.compile(rf"(?:{ASPECT_WORDS.pattern})+")  # 申报材料, 申请条件: aspects of a measure, one after the other
# …but how long the document holds is asked of the document ("When does this policy expire?": 有效期)
DOCUMENT_ASPECTS = re.compile(r"有效期|施行|生效")


def _subject(question: str, language: str, tokenizer, facts: "KnowledgeBaseFacts", places: list[Place],
             expansion: Expansion | None = None) -> str:
    """What a turn names of its own: the Chinese terms of an English question (glossary, dictionary), or the run
    of a Chinese question's own words (qa.conversation.own_words); "" when it names nothing."""
    if language == "en":  # a glossary term or Chinese written in: dictionary words ("company", "year") name no subject
        expansion = expansion or expand(without_english_places(question, places), facts.vocabulary)
        terms = [e.zh for e in expansion.glossary_terms] + CJK_RUN.findall(question)
        # (nor does an aspect of a measure, as in Chinese: "What's the deadline, and where do we send the application?")
        return " ".join(t for t in terms if not INTENT_WORDS_ZH.fullmatch(t)
                        and (not ASPECTS.fullmatch(t) or DOCUMENT_ASPECTS.fullmatch(t)))
    question = OWN_CASE.sub("，", question)  # the asker's own case names no subject: "我们公司注册才半年，能申请吗？"
    question = ASKER_REFERENCE.sub("，", without_own_figures(question))  # nor do the asker's own shop or firm and
    # the figures of their case: "店里现在雇了6个人…" (6个人 would read as 个人)
    spans = _own_spans(question, tokenizer, facts, places)
    subject = subject_of(normalize(question), spans)
    if subject and ASKS_ITS_OWN.search(question) and not any(_nominal(w) for w in tokenizer.tokens(subject)):
        return ""  # "最多能连续补几年？": an adverb or adjective is how, not what about
    return _without_edge_adverbs(subject, tokenizer)


def _without_edge_adverbs(subject: str, tokenizer) -> str:
    """The subject without adverbs, pronouns or particles at its edges: 都是博士 → 博士 (大型 of 大型收获机 stays, and
    已经 of 已经退休, which says the event happened)."""
    words = tokenizer.tokens(subject)
    while len(words) > 1 and _edge_word(words[0]):
        words = words[1:]
    while len(words) > 1 and _edge_word(words[-1]):
        words = words[:-1]
    if "".join(words) not in subject:
        return subject
    return "".join(words)


def _edge_word(word: str) -> bool:
    # 已经 / 已 stay: they say the event happened (已经退休: after retirement, qa.figures.event_sides)
    return word not in ("已经", "已") and all(flag in EDGE_FLAGS for flag in _tags(word))


# Parts of speech (jieba's tags) that never name what a turn is about: adjectives and adverbs (连续, 分别), pronouns,
# numerals and measure words, prepositions, conjunctions, particles, time and place words, interjections.
EDGE_FLAGS = {"d", "ad", "r", "c", "p", "u", "uj", "ul", "uv", "uz", "ug", "ud", "y", "e", "o"}  # 已经, 这个, 的
NON_NOMINAL_FLAGS = {"a", "ad", "d", "r", "m", "mq", "q", "p", "c", "u", "uj", "ul", "uv", "uz", "ug", "ud", "f", "t", "y", "e", "o", "z"}


@functools.lru_cache(maxsize=4096)
def _tags(word: str) -> tuple[str, ...]:
    """jieba's part-of-speech tags of the word read alone (one per piece it cuts it into)."""
    return tuple(flag for _, flag in pseg.lcut(word))


def _nominal(word: str) -> bool:
    """The word (as jieba tags it alone) can name a thing: a noun, a verbal noun, an abbreviation, a name — or a
    term jieba's own dictionary does not hold as one word (首台套: the documents' term, cut into 首台 / 套)."""
    tags = _tags(word)
    return len(tags) > 1 or any(flag not in NON_NOMINAL_FLAGS for flag in tags)


def _own_spans(text: str, tokenizer, facts: "KnowledgeBaseFacts", places: list[Place]) -> list[tuple[int, int]]:
    """The spans of `text`'s own words (qa.conversation.own_words): what it names, for a subject to read or swap."""
    return own_words(tokenizer.spans(text), _own_test(facts, places, text), GENERIC_HEAD.fullmatch)


def _own_test(facts: "KnowledgeBaseFacts", places: list[Place], question: str):
    """Whether a token of `question` names what it is about: the documents use it, and it is no intent,
    function or place word, nor (a part of) an aspect word the question uses (有效 of 有效期)."""
    place_names = {normalize(n) for p in places for n in (p.name, p.short)}
    aspects = ASPECT_WORDS.findall(normalize(question))
    return lambda token: (len(token) >= 2 and not INTENT_WORDS_ZH.fullmatch(token) and not FUNCTION_WORDS.fullmatch(token)
                          and not any(token in aspect for aspect in aspects) and token not in place_names
                          and token not in PLACE_WORDS and _known(token, facts))  # 全市/市里: a level, no subject


def _follows(question: str, subject: str, places: list[Place], previous_places: list[Place]) -> bool:
    """A follow-up says so (那…呢, 还有, and what about, it, 这边) or names nothing of its own: no subject, and no
    place the turn before did not name. "首台套谁管" names its subject and starts fresh, however short;
    "每个月能领多少？" names none and continues."""
    if FOLLOW_UP.search(question.strip()) or DEICTIC.search(question) or ANAPHORA.search(question) or OWN_CASE_EN.search(question):
        return True
    return not subject and not set(places) - set(previous_places)


def _is_follow_up(question: str, language: str, tokenizer, facts: "KnowledgeBaseFacts", previous: str = "") -> bool:
    """Whether a turn continues the turn before (`_follows`), from the question alone."""
    places = find_places(question, facts.covered_codes)
    return _follows(question, _subject(question, language, tokenizer, facts, places), places,
                    find_places(previous, facts.covered_codes))


# --- 2. scope ----------------------------------------------------------------------------------------


def scope(kb: KnowledgeBase, ctx: Context) -> None:
    """A named place narrows the search to the documents that apply there.

    Documents about the place or a place inside it come first; documents of a wider area that contains it
    (the province's plan, national measures) apply there too and stay in scope. A place that no document
    is about is answered only from such wider documents, with a note saying so, and refused when there are none.
    """
    kept = _kept_documents(ctx)
    if kept:  # a follow-up stays on the documents of the answer before
        ctx.doc_ids = kept
        ctx.local_doc_ids = kept if ctx.analysis.places else None
        return
    named = documents_numbered(kb, ctx.question)
    if named:  # "国办发〔2018〕126号一共推广了多少项…": the document with that 文号, wherever it applies
        ctx.doc_ids = ctx.local_doc_ids = named
        return
    places = ctx.analysis.places
    facts = facts_for(kb)
    local = [d for d, dps in facts.doc_places.items() if any(q.contains(p) for q in places for p in dps)]
    wider = [d for d, dps in facts.doc_places.items() if d not in local
             and any(p.contains(q) for q in places for p in dps)]
    titled = [d for d in ctx.titled_doc_ids or [] if not places or d in local + wider]
    if titled:  # "郑州的人工智能OPC创业社区推广方案里…": the document it names (where the place allows)
        ctx.doc_ids, ctx.local_doc_ids = titled, [d for d in titled if d in local] or None
        ctx.log("scope", f"named by its title: {', '.join('《' + facts.doc_titles[d] + '》' for d in titled[:3])}")
        return
    if not places:
        return
    if not local:
        place = places[0]
        if not wider:
            ctx.refusal = (
                f"知识库中没有关于{place.short}的政策文件，无法回答。" if ctx.analysis.language == "zh"
                else f"None of the documents covers {place.english()} ({place.short}); the knowledge base cannot answer this."
            )
            return
        ctx.notes.append(f"知识库中没有专门关于{place.short}的文件，以下依据适用范围更大的文件。"
                         if ctx.analysis.language == "zh" else
                         f"No document is specific to {place.english()} ({place.short}); this comes from a document that applies more widely.")
    ctx.doc_ids = local + wider
    ctx.local_doc_ids = local


def documents_titled(kb: KnowledgeBase, question: str) -> TitleMatch | None:
    """The documents the question names by their title (qa.titles)."""
    facts, settings = facts_for(kb), kb.settings
    named = named_documents(question, facts.title_cores, lambda words: {facts.clause_docs[i] for i in facts.clauses_containing(words)},
                            settings.title_min_span, settings.title_min_run, settings.title_min_share,
                            joined=facts.title_cores_joined, framed_share=settings.title_framed_share)
    return with_issuer(question, named, [facts.doc_titles[d] for d in named.doc_ids]) if named else None


def documents_numbered(kb: KnowledgeBase, question: str) -> list[str]:
    """The documents whose own 文号 the question names."""
    keys = {doc_number_key(m.group(0)) for m in DOC_NUMBER.finditer(question)}
    return [d for d, number in facts_for(kb).doc_numbers.items() if number and doc_number_key(number) in keys] if keys else []


def _kept_documents(ctx: Context) -> list[str] | None:
    resolution = ctx.resolution
    if resolution is None or not resolution.follows or resolution.kind == "place":
        return None
    return resolution.previous.doc_ids or None  # (a refused turn keeps those of its own ground, if it had one)


# --- 3. search ------------------------------------------------------------------------------------------


def search(kb: KnowledgeBase, ctx: Context) -> list[Hit]:
    """Hybrid search, then a rerank by how many of the question's keywords each hit contains."""
    settings = kb.settings
    retriever = HybridRetriever(kb=kb, k=settings.rerank_pool)
    hits = retriever.search(ctx.search_text, keyword_query=ctx.keyword_query or ctx.search_text, doc_ids=ctx.doc_ids)
    clause_words = [k for k in ctx.keywords if k not in ctx.title_words and k not in ctx.description_words]
    earlier = _preferred_earlier_documents(ctx)
    if earlier:  # "想贷点款周转一下，个人最多能贷多少？" after a question on 郑州's plan: its clauses holding as much of
        # the question as the best of the pool compete too, though another document says 贷款 more often
        seen, floor = {h.chunk_id for h in hits}, min((h.score for h in hits), default=0.0)
        best = max((coverage(h, clause_words) for h in hits), default=0.0)
        for hit in retriever.search(ctx.search_text, keyword_query=ctx.keyword_query or ctx.search_text, doc_ids=earlier):
            if hit.chunk_id not in seen and coverage(hit, clause_words) >= best:
                hit.score = min(hit.score, floor)  # ranked below the pool's last: its fused score is at most that one's
                hits.append(hit)
    reach = _asks_how_to_reach(ctx)
    if reach and ctx.doc_ids and len(ctx.doc_ids) <= REACH_DOCUMENTS:  # "申报截止到啥时候？" of the guide asked about:
        # its clause giving the last day ("提交材料时间为即日起至2026年6月30日") may hold no word of the question
        seen, floor = {h.chunk_id for h in hits}, min((h.score for h in hits), default=0.0)
        query = " ".join(REACH_WORDS[kind] for kind in sorted(reach))
        for hit in retriever.search(query, keyword_query=query, doc_ids=ctx.doc_ids):
            if hit.chunk_id not in seen and states_any(hit.quote, reach):
                hit.score = min(hit.score, floor)
                hits.append(hit)
                seen.add(hit.chunk_id)
    covered = {hit.chunk_id: coverage(hit, clause_words) for hit in hits}
    # the place's own documents first among those about as relevant: not a local clause holding less of the question
    # than another document's best (个税专项扣除 asked in 杭州: the State Council's measures, not Hangzhou's housing)
    elsewhere = max((covered[h.chunk_id] for h in hits if h.doc_id not in (ctx.local_doc_ids or [])), default=0.0)
    aspect = _bare_aspect(ctx)
    story = _story_figure_kinds(ctx)
    for hit in hits:
        hit.score += settings.coverage_weight * covered[hit.chunk_id]
        if aspect and hit.doc_id in ctx.resolution.previous.doc_ids and states_any(hit.quote, aspect):
            hit.score += settings.aspect_figure_boost
        if story and states_any(hit.quote, story):
            hit.score += settings.story_figure_boost
        if reach and states_any(hit.quote, reach):  # "Where do we email it?": the clause giving the mailbox, though
            hit.score += settings.reach_boost  # the earlier turn's words rank the measure's
        if ctx.description_words:  # "…we exhibited at a trade fair in Germany. How much…?": the description may name
            # what the matter is; it counts, less than what is asked
            hit.score += settings.description_share * settings.coverage_weight * coverage(hit, sorted(ctx.description_words))
        if ctx.own_keywords:  # a continuing follow-up: a clause holding what it asks now, not only the earlier subject
            hit.score += settings.coverage_weight * coverage(hit, ctx.own_keywords)
        if ctx.must_terms and contains_must_term(hit, ctx.must_terms):
            hit.score += settings.coverage_weight
        if _kept_clause(ctx, hit):
            hit.score += settings.follow_up_clause_boost
        if ctx.local_doc_ids and hit.doc_id in ctx.local_doc_ids and len(ctx.local_doc_ids) < len(ctx.doc_ids or []) \
                and covered[hit.chunk_id] >= elsewhere - settings.local_coverage_margin:
            hit.score += settings.local_document_boost
        if _earlier_document(ctx, hit):
            hit.score += settings.earlier_document_boost
    ranked = sorted(hits, key=lambda h: -h.score)[: settings.answer_hits]
    return _with_compared_items(retriever, ctx, ranked)


COMPARED_DEPTH = 3  # an item's best clause among the first this many hits is read already


def _with_compared_items(retriever: HybridRetriever, ctx: Context, ranked: list[Hit]) -> list[Hit]:
    """For a question comparing two items ("军民融合那块几项？比知识产权保护多吗？"), the best clause for each item by
    itself among the hits: the item the question says more of must not crowd out the other (it takes the last place)."""
    compared = compared_items(ctx.question, ctx.analysis.language)
    if not compared or not ranked:
        return ranked
    size = len(ranked)
    for item in compared[:2]:
        best = retriever.search(item, keyword_query=item, doc_ids=ctx.doc_ids)[:1]
        if best and best[0].chunk_id not in {h.chunk_id for h in ranked[:COMPARED_DEPTH]}:
            best[0].score = ranked[0].score  # read beside the best, however little of the rest of the question it holds
            ranked = [ranked[0], best[0]] + [h for h in ranked[1:] if h.chunk_id != best[0].chunk_id]
    return ranked[:size]


REACH_KINDS = {"address", "deadline", "phone"}  # where to send it, by when, whom to ring (not when a thing starts)
# The words a document gives each in, searched in the documents asked about (a clause giving the last day may share no
# word with "什么时候截止"): 截止, 时间为…至, 地址, 邮箱, 联系电话
REACH_WORDS = {"deadline": "截止 截至 时间 期限 之前 日前 前 至", "address": "地址 邮箱 寄送 报送 提交 送至 发送",
               "phone": "联系电话 电话 联系人 联系方式 咨询"}
REACH_DOCUMENTS = 2  # searched only within this few documents (the conversation's, or the one named)


def _asks_how_to_reach(ctx: Context) -> frozenset[str]:
    """The kinds a question asks when every part of it asks only where to send, by when, or whom to ring (and who,
    beside a number: "发完要打电话找谁确认？"); empty otherwise."""
    return _reach_kinds(ctx.question, ctx.analysis.language)


@functools.lru_cache(maxsize=256)  # (asked by the search and by each relevance check of one question)
def _reach_kinds(question: str, language: str) -> frozenset[str]:
    kinds = [asked_kinds(part, language) - {"org", "date"} for part in question_parts(question, language)]
    return frozenset().union(*kinds) if kinds and all(k and k <= REACH_KINDS for k in kinds) else frozenset()


def _bare_aspect(ctx: Context) -> set[str]:
    """The kinds of figure a bare follow-up asks ("And for how long?": a duration; naming nothing of its own) that
    the sentences the answer before quoted do not state — another figure of the same matter, which may stand in a
    clause of its own; empty for any other turn."""
    resolution = ctx.resolution
    if resolution is None or resolution.kind != "continues" or ctx.own_keywords or resolution.previous.refused:
        return set()
    asked = asked_kinds(ctx.question, ctx.analysis.language) - NON_FIGURE_KINDS - DERIVED_KINDS
    said = " ".join(resolution.previous.sentences)
    return {kind for kind in asked if not states_any(said, {kind})}


def _story_figure_kinds(ctx: Context) -> set[str]:
    """The kinds of figure a question of its own asks after the asker's opening run of description ("我是退役军人，
    在广州注册了个体奶茶店，想申请创业担保贷款，个人最多能贷多少？": money): the run's words rank the clauses naming
    them (申请对象 listing 退役军人) above the one stating the figure; empty for any other question."""
    resolution, language = ctx.resolution, ctx.analysis.language
    if resolution is not None and resolution.follows:
        return set()
    # (in English, the sentences describing the asker: "I'm a veteran who set up a shop with 6 staff. What's the most…?")
    asked = without_description_run(ctx.question) if language == "zh" else without_self_description(ctx.question, "en")
    if asked.strip() == ctx.question.strip() or not asked:
        return set()
    return asked_kinds(asked, language) - NON_FIGURE_KINDS - DERIVED_KINDS


def _preferred_earlier_documents(ctx: Context) -> list[str]:
    """The documents the answer before cited (a refused follow-up: those of the ground it was asked on), for a turn
    that stands on its own and names no place (within the documents in scope)."""
    resolution = ctx.resolution
    if not (resolution is not None and resolution.kind == "standalone" and resolution.previous is not None
            and not ctx.analysis.places and not ctx.titled_doc_ids) \
            or ctx.analysis.intent == "define" and not (COUNTS_AS.search(ctx.question) or COUNTS_AS_EN.search(ctx.question)):  # "什么是创业担保贷款？": where
        # the term is defined, not where it was met (whether the asker's case counts as one is asked of the measure before)
        return []
    return [d for d in resolution.previous.doc_ids if ctx.doc_ids is None or d in ctx.doc_ids]


def _earlier_document(ctx: Context, hit: Hit) -> bool:
    """A document the answer before cited, for a turn that stands on its own and names no place."""
    return hit.doc_id in _preferred_earlier_documents(ctx)


def _kept_clause(ctx: Context, hit: Hit) -> bool:
    """A clause the answer before cited, for a follow-up about it: "那配合单位呢？" (another role of its task),
    or "居民呢？" when the clause names the new subject too (职工参保人员…，居民参保人员…)."""
    resolution = ctx.resolution
    if resolution is None or resolution.kind not in ("continues", "subject") or hit.chunk_id not in resolution.previous.chunk_ids:
        return False
    if resolution.kind == "continues":  # another role of the same task, or another fact of what "it" points at;
        matter = _own_matter(ctx)  # another figure may stand elsewhere, and a matter the clause does not name
        return ctx.analysis.intent == "who" or _points_at_clause(ctx) and (
            not matter or _case_bounded_before(ctx)  # (公司规模 of "要是公司规模大一点，有250个人…" describes the case)
            or any(normalize(w) in normalize(hit.heading_path + hit.title + hit.quote) for w in matter))
    return normalize(resolution.replaced[1]) in normalize(hit.title + hit.quote)


def contains_must_term(hit: Hit, terms: list[str]) -> bool:
    """The clause names one of the terms, or the documents' word for it (“一人公司” → OPC: the synonym table)."""
    text = normalize(hit.doc_title + hit.heading_path + hit.title + hit.quote)
    return any(normalize(w) in text for t in terms for w in (t, *expand_abbreviations(t)))


# --- 4. decide -------------------------------------------------------------------------------------------


def coverage(hit: Hit, keywords: list[str]) -> float:
    """Share of the question's keywords found in the hit (its clause title and text)."""
    return text_coverage(hit.doc_title + hit.heading_path + hit.title + hit.quote, keywords)


def text_coverage(text: str, keywords: list[str]) -> float:
    """Share of the keywords found in a text."""
    groups = word_groups([normalize(k) for k in keywords if len(k) >= 2 or not k.isascii()])  # 一台 / 单机 count once
    if not groups:
        return 0.0
    text = normalize(text)
    return sum(1 for group in groups if any(k in text for k in group)) / len(groups)


def _known(word: str, facts: "KnowledgeBaseFacts") -> bool:
    """A word the documents use: one of their tokens, or (3+ characters) part of their text.
    Two characters inside the text prove little: 入学 occurs in 纳入学分."""
    word = normalize(word)
    return word in facts.vocabulary or (len(word) >= 3 and word in facts.text)


REDUPLICATED = re.compile(r"(.)\1")  # 问问, 看看, 查查: a verb said twice (jieba may tag it a noun), no topic


def _known_by_parts(word: str, facts: "KnowledgeBaseFacts") -> bool:
    """A compound made of words the documents hold (开拓市场: 开拓, 市场 of 开拓国际市场) is the asker's phrasing of
    their matter. (Each part is two characters or more; inside a word of the text counts, as it does not for a
    two-character word alone.)"""
    parts = [p for p in jieba.lcut(word) if p != word]
    return len(parts) >= 2 and all(len(p) >= 2 and (_known(p, facts) or normalize(p) in facts.text) for p in parts)


VERB_PHRASE = re.compile(r"[了着过]")  # an aspect particle inside a word: a verb phrase (开了个), no topic


def unknown_keywords(kb: KnowledgeBase, ctx: Context) -> list[str]:
    """Nouns of the question that occur nowhere in the knowledge base (子女, 入学 in a KB without them).

    Only nouns count: a paraphrasing verb (出台 for 制定, 实行 for 施行) says nothing about the topic; nor does the
    asker's description of themselves ("我家开了个小作坊，…": what they run is not what they ask about); nor does
    an everyday word for one the documents use (老婆 for 配偶: the synonym table).
    """
    facts = facts_for(kb)
    # nor 8个工人, their case; nor the run of clauses going on describing it ("我今年57岁，男，厂里下岗后开了个小面馆，…")
    asked = without_description_run(ctx.question)
    asked = without_own_figures(without_self_description(asked, "zh") or asked)
    asked = asking_sentences(asked)  # nor the story told before the sentence that asks (暑假, 教学楼, 老家)
    # a noun as the keyword tokenizer cuts it too (算力花的钱: not 力花), and no verb phrase (开了个)
    tokens = set(kb.keyword_index().tokenizer.tokens(asked))
    nouns = [w for w, flag in pseg.cut(asked) if flag.startswith("n") and flag != "ns" and w in tokens and not VERB_PHRASE.search(w)]
    unknown = [w for w in dict.fromkeys(nouns)
               if len(w) >= 2 and not w.isascii() and not INTENT_WORDS_ZH.fullmatch(w) and not _known(w, facts)
               and not FUNCTION_WORDS.fullmatch(w) and not ASKER_REFERENCE.fullmatch(w)  # 高点, 店里: no topic
               and not any(_known(full, facts) for full in expand_abbreviations(w))
               and not REDUPLICATED.fullmatch(w) and not _modal_fused(w)  # 能扣, 可补: jieba may tag them nouns
               and not asked_kinds(w, "zh")  # 平摊: what is asked of the measure (who of two takes it), no topic
               and not _known_by_parts(w, facts)]
    return [w for w in unknown if not any(w != other and w in other for other in unknown)]


def relevant_enough(kb: KnowledgeBase, ctx: Context, hits: list[Hit]) -> bool:
    if not hits:
        return False
    if ctx.resolution is not None and _points_at_clause(ctx) and _kept_clause(ctx, hits[0]):
        return True  # "who do I contact about it?": its words were said in the clause just cited, ranked first
    settings = kb.settings
    best_coverage = max(coverage(h, ctx.keywords) for h in hits[:3])
    if ctx.description_words:  # "我去年被裁了，…奶茶店。创业贷款个人最多能贷多少？": what is asked, without who asks
        asked = [k for k in ctx.keywords if k not in ctx.description_words]
        best_coverage = max(best_coverage, *(coverage(h, asked) for h in hits[:3]))
    if len(question_parts(ctx.question, ctx.analysis.language)) > 1:  # "什么时候截止？邮件发完要打电话给谁确认？": each part
        # may stand in a clause of its own (the dates clause, the contacts): the clauses read together
        together = " ".join(h.title + " " + h.quote for h in hits[:3])
        best_coverage = max(best_coverage, text_coverage(together, ctx.keywords))
    asking = asking_sentences(ctx.question) if ctx.analysis.language == "zh" else ctx.question
    # what is asked, without the story told before it (its words no clause needs to hold): in sentences of its own
    # ("…现在人还在温州老家，下周想先过去找房子。听说杭州对来杭的OPC人才有免费住的地方，能住几天？"), or in the opening
    # clauses of one sentence ("我去年夏天从郑州一所大学毕业，毕业前就注册了个AI工作室，…，有没有一次性的创业补贴？")
    asked_text = without_description_run(ctx.question) if ctx.analysis.language == "zh" and asking == ctx.question else asking
    if asked_text != ctx.question:
        tokens = kb.keyword_index().tokenizer.tokens
        story = set(tokens(ctx.question.replace(asked_text, " "))) - set(tokens(asked_text))
        asked = [k for k in ctx.keywords if k not in story]
        best_coverage = max(best_coverage, *(coverage(h, asked) for h in hits[:3]))
    if asking != ctx.question:
        # …or pointed at in it ("…今年光调用费就花了六十多万。听说武汉能补一部分，这块是怎么补的？"): the story's words,
        # those no document uses left out (光谷, 心疼: the asker's, which no clause can hold)
        facts = facts_for(kb)
        known = [k for k in ctx.keywords if _known(k, facts)]
        best_coverage = max(best_coverage, *(coverage(h, known) for h in hits[:3]))
    unknown = unknown_keywords(kb, ctx) if ctx.analysis.intent != "who" else []
    if len(unknown) >= settings.refuse_unknown_keywords and best_coverage < settings.refuse_unknown_below_coverage:
        return False  # the question is mostly about things the documents never mention
    own = set(ctx.own_keywords) if ctx.resolution is not None and ctx.resolution.follows \
        and not asked_kinds(ctx.question, ctx.analysis.language) - NON_FIGURE_KINDS else set()
    if own and len(own & set(unknown)) >= settings.refuse_own_unknown_share * len(own):
        return False  # "那牙科治疗能报吗？": what a follow-up asking whether names of its own, the documents never mention
    if ctx.analysis.intent == "document":  # about the document itself: it must be recognisable
        titles = normalize(" ".join(h.doc_title for h in hits[:1]))
        return bool(ctx.local_doc_ids) and len(ctx.local_doc_ids) == 1 or \
            sum(1 for k in set(ctx.keywords) if normalize(k) in titles) >= 2
    if ctx.must_terms:
        # Asked about “X” by name: relevant when a clause in scope mentions X, refused when none does.
        return any(contains_must_term(h, ctx.must_terms) for h in hits[:3])
    dense = max((h.dense_score or 0.0) for h in hits[:3])
    reach = _asks_how_to_reach(ctx)
    if reach and ctx.resolution is not None and ctx.resolution.previous is not None and not ctx.resolution.previous.refused \
            and any(h.doc_id in ctx.resolution.previous.doc_ids and states_any(h.quote, reach) for h in hits):
        return True  # "材料发到哪个邮箱？发完要打电话找谁确认？" after a question on the fund: its guide's mailbox and contacts
        # (邮箱, 确认: words its clauses need not hold)
    if ctx.resolution is not None and ctx.resolution.kind == "continues" and ctx.own_keywords and \
            max(coverage(h, ctx.own_keywords) for h in hits[:3]) >= settings.refuse_below_coverage:
        return True  # "材料交到哪儿？截止到什么时候？": what it asks now, in the document of the turn before
    if ctx.weak_keywords:  # only dictionary guesses: a single lucky word proves nothing
        # the share of the English words (each a group of alternative translations) the clause renders
        groups = _groups_of(ctx.expansion, ctx.question)
        rendered = max(grouped_coverage(groups, normalize(h.title + h.quote)) for h in hits[:3])
        return (rendered * len(groups) >= 2 and rendered >= settings.refuse_below_coverage_weak) \
            or dense >= settings.refuse_below_dense
    if ctx.analysis.language == "en" and not ctx.weak_keywords:  # the share of English words the clause renders
        groups = _groups_of(ctx.expansion, ctx.question)  # the expansion analyse made, not a second one
        if max(grouped_coverage(groups, normalize(h.title + h.quote)) for h in hits[:3]) >= settings.refuse_below_coverage:
            return True
    return best_coverage >= settings.refuse_below_coverage or dense >= settings.refuse_below_dense


# --- the chain --------------------------------------------------------------------------------------------------


def ask(kb: KnowledgeBase, question: str, history: list[dict] | None = None, llm=None,
        doc_ids: list[str] | None = None) -> Answer:
    """Answer a question from the knowledge base: `history` is the conversation so far (earlier questions or
    answers, qa.conversation); `doc_ids` keeps the answer to those documents (a draft's inquiry is about them)."""
    started = time.perf_counter()
    question = (question or "").strip()
    if not question:
        raise ValueError("the question is empty")
    question = question[:2000]
    ctx = analyse(kb, written_out(question) if detect_language(question) == "en" else question, history)
    a = ctx.analysis
    if ctx.resolution.follows:
        ctx.log("analyse", ctx.resolution.describe(len(history or []), facts_for(kb).doc_titles))
    elif ctx.resolution.previous is not None and ctx.resolution.previous.doc_ids and not a.places and not ctx.titled_doc_ids:
        ctx.log("analyse", "a question of its own, naming no place: the documents of the turn before are preferred")
    ctx.log("analyse", f"language {a.language}, intent {a.intent}, places {[p.name for p in a.places]}, "
                       f"units {a.units}, keywords {list(dict.fromkeys(ctx.keywords))[:20]}")
    if ctx.names:
        ctx.log("analyse", f"names of the documents written in pinyin: {ctx.names}")
    if ctx.description_words:
        ctx.log("analyse", f"the asker describes themselves first: {sorted(ctx.description_words)} rank no clause")
    scope(kb, ctx)
    if doc_ids:
        ctx.doc_ids = [d for d in ctx.doc_ids or doc_ids if d in doc_ids] or list(doc_ids)
        ctx.local_doc_ids = [d for d in ctx.local_doc_ids or [] if d in doc_ids] or None
    ctx.log("scope", ctx.refusal or (f"{len(ctx.doc_ids)} document(s) apply ({len(ctx.local_doc_ids or [])} about the place)"
                                     if ctx.doc_ids else "the whole knowledge base"))
    hits = [] if ctx.refusal else search(kb, ctx)
    kind = ctx.resolution.kind
    if _kept_documents(ctx) and (kind == "subject" or kind == "document" and not DEICTIC.search(question)) \
            and not relevant_enough(kb, ctx, hits):
        # "那数字经济呢？" about something the earlier document lacks, or "另外问一下，…无废城市…" (a question of its
        # own that opens like a follow-up, pointing at no document): any document naming it
        about = ctx.resolution.replaced[1] if kind == "subject" else "this"
        ctx.log("scope", f"nothing on {about} in the documents of the turn before: the whole knowledge base")
        ctx.resolution.previous.doc_ids, ctx.doc_ids, ctx.local_doc_ids = [], None, None
        if kind == "subject":
            ctx.must_terms = list(dict.fromkeys([*ctx.must_terms, ctx.resolution.replaced[1]]))
        scope(kb, ctx)
        hits = [] if ctx.refusal else search(kb, ctx)
    ctx.log("search", "; ".join(f"{h.locator} of {h.source} ({h.score:.3f}, coverage {coverage(h, ctx.keywords):.2f})"
                                for h in hits[:3]) or "nothing")
    answer = Answer(question=question, language=ctx.analysis.language, intent=ctx.analysis.intent, answer="", refused=False)
    answer.retrieved = [h.locator for h in hits]
    answer.retrieved_quotes = [h.quote for h in hits]

    if ctx.analysis.intent == "aggregate" and ctx.analysis.units and not ctx.refusal:
        composed = _aggregate(kb, ctx)
    elif ctx.refusal:
        composed = None
    elif not relevant_enough(kb, ctx, hits) and not (ctx.analysis.intent == "define" and _definitions(kb, ctx)):
        # (a document defining the term asked about answers whatever else the asker says of their case: "我占股20%，
        # 这样还算青年企业吗？")
        ctx.log("decide", "refuse: the best clauses hold too little of the question")
        composed = None
    else:
        composed = _compose(kb, ctx, hits)

    problems = check(composed.text, composed.citations) if composed is not None else []
    if problems:
        ctx.log("check", "refuse: " + "; ".join(problems))
    if composed is None or problems:
        _refuse(kb, answer, ctx, hits)
    else:
        answer.answer, answer.citations = composed.text, composed.citations
        answer.lead, answer.responsible = composed.lead, composed.responsible
        ctx.notes += _period_notes(kb, ctx, composed.citations)
        also = _also_matching(kb, ctx, hits, composed.citations)
        if ctx.notes:  # a caveat the reader must see first (the place or year asked about is not the document's)
            answer.answer = "\n".join(ctx.notes) + "\n" + answer.answer
            answer.note = " ".join(ctx.notes)
        if also:
            answer.answer += "\n" + also
        if llm is not None:
            from qa.llm import rewrite

            rewrite(answer, hits, llm, kb.settings)
    answer.trace = ctx.trace
    # a continuing turn ("For how many years?") is about what the turn before was about: its reading carries both
    resolution = ctx.resolution
    understood = (f"{resolution.previous.question} {ctx.question}" if resolution is not None and resolution.kind == "continues"
                  else ctx.question)
    cited = list(dict.fromkeys(c.doc_id for c in answer.citations))
    if answer.refused and resolution is not None and (resolution.follows and resolution.kind != "place"
                                                      or _preferred_earlier_documents(ctx)):
        cited = list(resolution.previous.doc_ids)  # a turn on the ground of the one before (a follow-up, or a question
        # of its own naming no place) that the documents don't answer leaves the conversation there: "那创业担保贷款呢？"
        # after it is still asked of the document the conversation is about
    answer.about = About(question=understood, intent=ctx.analysis.intent, refused=answer.refused,
                         doc_ids=cited,
                         chunk_ids=list(dict.fromkeys(c.chunk_id for c in answer.citations)),
                         places=[p.name for p in ctx.analysis.places],
                         sentences=_quoted_sentences(answer))
    answer.latency_ms = (time.perf_counter() - started) * 1000
    return answer


def _quoted_sentences(answer: Answer) -> list[str]:
    """The sentences of the cited clauses that the answer quotes (a turn asking "For how long?" after it means the
    period of what those sentences are about, not of another sentence of their clause)."""
    shown = normalize(answer.answer)
    found = [s for c in answer.citations for s in compose.sentences(c.quote) if len(s) >= QUOTED_MIN and normalize(s) in shown]
    return list(dict.fromkeys(found))[:MAX_ABOUT_ITEMS]


def _quoted_before(kb: KnowledgeBase, ctx: Context) -> list[str]:
    """For a continuing turn that names nothing but what it asks ("For how long?", "能补几年？"): the sentences the
    answer before quoted — the period asked is that of what they are about. (A turn naming a matter of its own,
    "向哪个部门申报？有没有时间要求？", asks about that matter.)"""
    resolution = ctx.resolution
    if resolution is None or resolution.kind != "continues" or re.search(r"\d", ctx.question):
        return []
    named = ctx.own_keywords + (expand(ctx.question, facts_for(kb).vocabulary).dictionary_terms
                                if ctx.analysis.language == "en" else [])  # (English: "teams", "whole city" too)
    if [k for k in named if not INTENT_WORDS_ZH.fullmatch(k)]:
        return []
    return resolution.previous.sentences


QUOTED_MIN = 8  # characters of a sentence that, found in the answer, show it was quoted (not a heading's few words)


def _also_matching(kb: KnowledgeBase, ctx: Context, hits: list[Hit], citations) -> str:
    """A question that names no place or document, answered from one document while clauses of others match
    about as well: say which others, so the reader can tell whose policy the answer is."""
    if ctx.analysis.places or ctx.analysis.intent in ("document", "aggregate") or not hits or not citations:
        return ""
    cited = {c.doc_id for c in citations}
    best = hits[0].score
    others: dict[str, Hit] = {}
    for hit in hits:
        if hit.doc_id not in cited and hit.doc_id not in others and hit.score >= kb.settings.also_matching_ratio * best \
                and coverage(hit, ctx.keywords) >= kb.settings.refuse_below_coverage:
            others[hit.doc_id] = hit
    if not others:
        return ""
    ctx.log("compose", f"{len(others)} other document(s) match about as well")
    refs = [f"《{h.doc_title}》{h.locator}" if ctx.analysis.language == "zh" else f"《{h.doc_title}》 §{h.locator}"
            for h in others.values()]
    return ("其他文件也有相关条款：" + "；".join(refs) + "。") if ctx.analysis.language == "zh" else \
        ("Other documents with a matching clause: " + "; ".join(refs) + ".")


QUESTION_YEAR = re.compile(r"(20\d\d)\s*年|\b(?:in|for|by|during)\s+(20\d\d)\b", re.I)


def _period_notes(kb: KnowledgeBase, ctx: Context, citations) -> list[str]:
    """A question about a year the cited document does not cover (2025 asked, a 2022 plan cited) is answered
    with a plain caveat naming the document's own period."""
    years = {int(a or b) for a, b in QUESTION_YEAR.findall(ctx.question)}
    periods = facts_for(kb).doc_periods
    notes = []
    for doc_id in dict.fromkeys(c.doc_id for c in citations):
        period = periods.get(doc_id, "")
        if not period or not years:
            continue
        first, _, last = period.partition("-")
        outside = sorted(y for y in years if not int(first) <= y <= int(last or first))
        if outside:
            title = next(c.doc_title for c in citations if c.doc_id == doc_id)
            notes.append(f"注意：问题问的是{outside[0]}年，而《{title}》适用于{period}年。" if ctx.analysis.language == "zh" else
                         f"Note: the question asks about {outside[0]}, but 《{title}》 covers {period}.")
    if notes:
        ctx.log("check", "the year asked about is outside the cited document's period")
    return notes


def _compose(kb: KnowledgeBase, ctx: Context, hits: list[Hit]):
    """A structured answer where one fits (who, a figure, a definition, a list, a date), completed with the
    key sentence of every part of the question it leaves open; otherwise the key sentences alone (evidence
    first: a clause that answers is quoted even when no extractor fits). None: nothing answers — refuse."""
    # the question is read in its own language: a Chinese one read for an English turn ("What if I hire 5 people?"
    # after a Chinese question) is split and matched as Chinese, and answered in English
    reading = detect_language(ctx.question)
    noun = asked_noun(ctx.question) if reading == "zh" else None
    names = [normalize(n) for n in [noun, *expand_abbreviations(noun)]] if noun else []
    if noun and not any(n in normalize(h.heading_path + h.title + h.quote) for n in names
                        for h in hits[: kb.settings.evidence_depth]):
        ctx.log("compose", f"refuse: no clause names what is asked for ({noun})")
        return None  # "护理人员要持什么证？" answered by a sentence about 护理人员 that names no 证
    unsaid = _asks_what_no_document_says(kb, ctx)
    if unsaid:
        ctx.log("compose", f"refuse: the turn asks about {unsaid}, which no document says")
        return None
    parts = make_parts(ctx.question, reading, lambda text: _keywords_of(kb, ctx, text))
    resolution = ctx.resolution
    if resolution is not None and resolution.follows and COMPARES.search(ctx.question) and not resolution.previous.refused:
        # "Is that more than the transport allowance?": the earlier figure is one side of the comparison
        earlier = resolution.previous.question
        parts = make_parts(earlier, detect_language(earlier), lambda text: _keywords_of(kb, ctx, text)) + parts
    if ctx.analysis.intent == "target" and not any(part.kinds for part in parts):  # "规模有多大"; not "能同时享受吗"
        parts[0].kinds |= set(ANY_FIGURE_KINDS)
    # the asker's case, as a figure ("I'm 40"), as an event they are past or before ("my mum is retired") or as who
    # they said they are in an earlier turn (职工医保退休的): the items of a list are read beside the one retrieved
    # (the 居民 rate retrieved, the 职工 rate beside it)
    case_words = _earlier_case_here(ctx, hits)
    read = _with_headed(kb, _with_items(kb, hits, own_case=bool(own_values(ctx.question) or event_sides(ctx.question)),
                                        city_words=own_city_words(ctx.question), case_words=tuple(case_words)), parts)
    evidence = gather(read, parts, ctx.keywords, depth=kb.settings.evidence_depth, english=reading == "en",
                      swapped=_swapped_words(kb, ctx), referent=_referent(ctx), names=ctx.names,
                      terms=ctx.glossary_readings, kept=_kept_subject(kb, ctx),
                      case_words=case_words,
                      settled=_supposes_qualifying(ctx), alternatives=ctx.expansion.groups if ctx.expansion else [],
                      quoted=_quoted_before(kb, ctx))
    ctx.log("decide", f"{len(parts)} part(s): " + "; ".join(
        f"“{p.text[:40]}” asks {sorted(p.kinds) or 'no figure'}" for p in parts))
    ctx.log("decide", "evidence: " + ("; ".join(f"“{e.sentence[:50]}” from {e.hit.locator} ({e.score:.2f})"
                                                for e in evidence) or "no sentence answers any part"))
    asks_figure = any(part.kinds - NON_FIGURE_KINDS for part in parts) or ctx.analysis.intent == "target"
    trusted = bool(evidence) and (not asks_figure or _figure_subject_known(kb, ctx, evidence))
    listed = _group_items(kb, ctx, hits, noun)
    if listed is not None:
        ctx.log("compose", f"the items under the heading that names what is asked ({noun})")
        return listed
    who = next((e for e in evidence if "org" in e.part.kinds and "org" in stated_kinds(e.sentence)), None)
    if ctx.analysis.intent == "who" and who is not None and WHOLE_PLAN.search(ctx.question):
        # "整个计划是谁来牵头统筹？": the sentence naming who coordinates the whole (市科技局要加强统筹协调), not the
        # note of one task's clause
        hits = [who.hit, *[h for h in hits if h.chunk_id != who.hit.chunk_id]]
    named = who or (evidence[0] if evidence else None)
    if ctx.analysis.intent == "who" and named is not None and named.hit.chunk_id != hits[0].chunk_id \
            and ctx.resolution is not None and ctx.resolution.kind == "continues" and _names_own_matter(ctx, named.hit, hits[0]):
        # "And for the job retraining and AI skills courses?" after who leads the legal services: the clause naming
        # what the turn names of its own (技能培训), not the one cited before
        hits = [named.hit, *[h for h in hits if h.chunk_id != named.hit.chunk_id]]
    structured = _structured(kb, ctx, hits)
    if structured is not None and ctx.analysis.intent == "target" and not compose.ALL_TARGETS.search(ctx.question) \
            and not _figure_fits(structured, parts[0]):
        ctx.log("decide", "the extracted figure is not of what was asked (its subject or unit)")
        structured = None
    if structured is not None and ctx.analysis.intent == "target" and trusted and len(evidence) == len(parts) \
            and not compose.ALL_TARGETS.search(ctx.question) \
            and normalize(evidence[0].sentence) not in normalize(structured.text):
        structured = None  # the figure extractor chose another sentence than the evidence: trust the evidence
    if structured is not None and ctx.analysis.intent == "target" and trusted and structured.citations \
            and not {c.doc_id for c in structured.citations} & {e.hit.doc_id for e in evidence}:
        # "利息咋算？政府帮着贴多少？" after a loan question: the evidence found the interest subsidy in the loan's own
        # document; a figure the extractor took from another document (a list of another city's policies) is no answer
        ctx.log("decide", "the extracted figure is from another document than the evidence: the evidence is quoted")
        structured = None
    if structured is not None and len(evidence) > len(parts) and all(any(e.part.text == p.text for e in evidence) for p in parts):
        # a part answered by two sentences ("the maximum amount and the longest term": a sum and a span; "58岁，还有车贷，
        # 还能申请吗": the condition of each fact), which one extracted figure cannot hold: the evidence is quoted
        ctx.log("decide", "a part is answered by two sentences: the evidence is quoted")
        structured = None
    if structured is not None and ctx.analysis.intent == "when" and PROCESS_ASKED.search(ctx.question) \
            and not PROCESS_STATED.search(structured.text):
        # "钱啥时候能到账？": how long a step of handling takes — not the last day to apply (…即日起至2026年6月30日)
        ctx.log("decide", "the dated sentence gives no time of the step asked about")
        structured = None
    if structured is not None and ctx.analysis.intent == "when" and evidence and "ending" in evidence[0].part.kinds \
            and states_any(evidence[0].sentence, {"ending"}) and normalize(evidence[0].sentence) not in normalize(structured.text):
        # "When does the reward stop?": the sentence saying when it ends (…达到6050小时或者奖励期满5年，奖励结束), which
        # holds no date, not a dated sentence of another step (每年4月底前…报送)
        ctx.log("decide", "the evidence says when it ends, the dated sentence says something else: the evidence is quoted")
        structured = None
    if structured is not None and any({"org", "phone"} <= part.kinds for part in parts) \
            and not states_any(structured.text, {"phone"}) and any(states_any(e.sentence, {"phone"}) for e in evidence):
        # "Who do I call about it?" asks whom and the number in one part, which no completion adds: 政策咨询：市科技局…
        # with 联系方式：85911985 (asked apart, "找哪个部门？电话多少？", the number part completes the answer)
        ctx.log("decide", "the structured answer names whom, not the number asked with it: the evidence is quoted")
        structured = None
    if structured is not None:
        ctx.log("compose", f"structured {ctx.analysis.intent} answer, completed with the parts it leaves open")
        # the parts it answers are those whose sentence it quotes ("…材料发到哪里？什么时候截止？" answered with the
        # deadline: the address part is left open); quoting none of them, a who answer (it names bodies) answers
        # the first part asking who ("向哪个部门申报？有没有时间要求？": the time limit is left open, whether or not
        # the who part found a sentence of its own), and any other answer the first part
        answered = [e for e in evidence if normalize(e.sentence) in normalize(structured.text)]
        if not answered:
            who = next((p for p in parts if "org" in p.kinds), None) if ctx.analysis.intent == "who" else None
            answered = [e for e in evidence if e.part.text == (who or parts[0]).text]  # (the first part's sentence,
            # if it found one: "What's the most he could borrow and for how long?" may have found only the term's)
        if ctx.analysis.intent == "who" and structured.responsible:  # a who answer naming the lead and the partners
            # answers every part asking who ("由哪个部门指导、谁参与？"); one naming a single body leaves the others open
            # ("哪个部门主管的？经办是谁？": 医保经办机构 is the second part's)
            answered += [e for e in evidence if "org" in e.part.kinds and e not in answered]
        return compose.complete(structured, [e for e in evidence if e not in answered] if len(parts) > 1 else [],
                                ctx.analysis.language)
    if ctx.analysis.intent == "list":
        ctx.log("compose", "refuse: no clause lists what was asked")
        return None  # "what does X consist of?" is answered with the list, or not at all
    if not asks_figure and (all(not part.kinds for part in parts) or not evidence):  # ("咋分？能让我爸来定吗": nothing
        # of a kind asked in any part — the clause's sentences most about the question say it, as for one part)
        ctx.log("compose", "the best clause's most relevant sentences")  # "what support…?"
        # a clause every sentence of which is a rule for cases the asker's own is not (未满35周岁…, asked at 40)
        hits = [h for h in hits if not all(outside_own_case(ctx.question, f"{h.title} {s}") for s in sentences(h.quote))] or hits
        if evidence and (ctx.resolution.follows or comparisons(ctx.question) or own_values(ctx.question)
                         or _names_framed_document(ctx)):
            # the ranking leans on a follow-up's earlier words, or on the neighbouring rule across a bound the
            # question names (不到50公里 / 大于等于50公里) or the asker's own case ("I'm 30…": the band for under 35),
            # or on the words of the document's name the question gives (试点 of “无废城市”建设试点工作方案): the
            # clause of the sentence the evidence step chose is quoted
            hits = [evidence[0].hit, *[h for h in hits if h.chunk_id != evidence[0].hit.chunk_id]]
        elif not evidence and ctx.resolution.kind == "continues" and _points_at_clause(ctx):
            # "是每个月这么多还是一年总共？": what the answer before was about is quoted again, its clause first
            cited = set(ctx.resolution.previous.chunk_ids)
            hits = [h for h in hits if h.chunk_id in cited] + [h for h in hits if h.chunk_id not in cited]
        return compose.compose_quotes(hits, ctx.analysis.language, ctx.keywords, kb.settings.answer_sentences,
                                      question=ctx.question)
    if not trusted:
        ctx.log("compose", "refuse: no sentence states a figure of what was asked")
        return None  # no sentence answers, or a figure of something the documents never name (科技创新券)
    ctx.log("compose", "the key sentence of each part, quoted")
    return compose.compose_evidence(evidence, ctx.analysis.language)


def _points_at_clause(ctx: Context) -> bool:
    """A continuing turn pointing back at what the answer before was about ("it", "这个", its figure), posing
    no other case ("And if I have a brother…?": the rule for that case stands elsewhere) and not setting it
    aside ("Besides that, …": something else of the document) — unless the case is one a bound of the sentences that
    answer quoted decides ("要是有250个人，得新招几个？" after "…15%（超过200人的企业达到8%）")."""
    return ctx.resolution.refers_back and (not POSES_CASE.search(ctx.question) or _case_bounded_before(ctx)) \
        and not SETS_ASIDE.search(ctx.question)


def _case_bounded_before(ctx: Context) -> bool:
    """The turn poses a case in the unit of a bound the sentences the answer before quoted state."""
    previous = ctx.resolution.previous if ctx.resolution else None
    return previous is not None and cases_a_bound_of(ctx.question, " ".join(previous.sentences))


def _places(question: str, language: str, facts: "KnowledgeBaseFacts") -> list[Place]:
    """The places a question names; in English, not a word that reads as a place and is the pinyin of a name
    the documents use ("the Qinghe Apartments")."""
    if language == "en":
        text = _without_place_terms(question, facts)
        return [p for p in find_places(text, facts.covered_codes) if not _a_name_of_the_documents(question, p, facts)
                and not named_as_origin(text, p)]  # ("my Macau partner": who, not where)
    return find_places(question, facts.covered_codes)


def _within_no_new_ground(places: list[Place], earlier_places: list[Place], turn: dict, facts: "KnowledgeBaseFacts") -> list[Place]:
    """The places a follow-up names, less those inside the ground of the turn before (`earlier_places`, those its
    question named, and those of the documents its answer cited) that no document is about in its own right: "我们社注册在
    海口…" after a question answered from 海南省's scheme says where in it the asker is — the same documents apply, no
    place is swapped."""
    earlier = About.from_dict(turn.get("about"))
    ground = earlier_places + [
        p for d in (earlier.doc_ids if earlier else []) for p in facts.doc_places.get(d, [])]
    return [p for p in places if p.code in facts.covered_codes
            or not any(g.contains(p) and g.code != p.code for g in ground)]


def _without_place_terms(question: str, facts: "KnowledgeBaseFacts") -> str:
    """An English question less the glossary terms naming a place no document is about ("a Hong Kong or Macau youth"
    is 港澳青年, no question about Hong Kong)."""
    for phrase, codes in _terms_naming_places():
        if not codes & facts.covered_codes:
            question = phrase.sub(" ", question)
    return question


@functools.lru_cache(maxsize=1)
def _terms_naming_places() -> list[tuple[re.Pattern, frozenset[str]]]:
    """The glossary's English phrases for terms that name a place (hong kong and macao youth → 港澳青年), longest
    first, as patterns over a question's words, with the codes of the places they name."""
    phrases = {p.lower() for e in glossary() if e.kind == "term" for p in e.phrases if find_places(p)}
    # (over the question as written: a place is told from a word by its capital — "Guide" is 贵德, "guide" no place)
    return [(re.compile(r"\b" + r"[\W_]+".join(re.escape(w) for w in p.split()) + r"\b", re.I),
             frozenset(place.code for place in find_places(p))) for p in sorted(phrases, key=len, reverse=True)]


def _level_place(question: str, earlier: list[str]) -> list[Place]:
    """The place of the turn before that a level word of this turn names ("省里对认定的生态社区给多少？" after a
    question on 广东省's plan: 广东省), or none."""
    levels = {level for level, pattern in LEVEL_PATTERNS.items() if pattern.search(question)}
    return [p for p in map(place_named, earlier) if p and p.level in levels][:1]


def _a_name_of_the_documents(question: str, place: Place, facts: "KnowledgeBaseFacts") -> bool:
    """An English word read as a place no document covers that is also the pinyin of a word the documents use
    ("the Qinghe apartments": 清河县, and the documents' 青荷公寓) is that word — unless the question calls it a
    district, city, county or province ("What about Qinghe County?" asks about the place)."""
    if place.code in facts.covered_codes:
        return False
    name = place.english()
    key = re.sub(r"[^a-z]", "", name.lower())
    called_a_place = re.search(rf"\b{re.escape(name)}\s+(?:district|city|county|province|municipality|region)\b", question, re.I)
    return not called_a_place and key in facts.pinyin_names()


def _in_language(previous: str, language: str, facts: "KnowledgeBaseFacts", asking: bool = False,
                 listed_under: str = "") -> str:
    """The earlier question as words of this turn's language, for a Chinese turn continuing an English question
    ("这个贷款对招用人员有什么要求？" after "What's the most … startup guaranteed loan?"): the Chinese terms its
    English names (glossary) and any Chinese written into it — not English words no Chinese clause holds; with
    `asking`, also a Chinese phrase asking what it asked ("how much" → 多少钱: a turn posing a case asks it again),
    and the heading of the list the answer's item stood in (`listed_under`: "What rate comes out of my own
    account…" answered from an item under "个人缴费费率：" — a case posed next, "那我老公才32岁呢？", is answered by
    another item of that list, which the English words need not reach).
    An English turn reads a Chinese question as it is (its Chinese words are the strongest keywords there are)."""
    if language != "zh" or detect_language(previous) != "en":
        return previous
    terms = [e.zh for e in expand(previous, facts.vocabulary).glossary_terms] + CJK_RUN.findall(previous)
    terms += [listed_under] if listed_under else []
    terms += [f"{year}年" for year in YEAR.findall(previous)]  # "the 2020 target": 2020年 bounds which figure
    kinds = asked_kinds(previous, "en") if asking else set()
    terms += [phrase for kind, phrase in ASKING_ZH.items() if kind in kinds][:1]  # the first: "how much" asks 多少钱
    return " ".join(dict.fromkeys(terms)) or previous


def _names_own_matter(ctx: Context, hit: Hit, other: Hit) -> bool:
    """The hit's clause names more of what a continuing turn names of its own than the other's does (技能培训 and
    人工智能 against 人工智能 alone)."""
    matter = [normalize(k) for k in _own_matter(ctx)]
    def named(h: Hit) -> int:
        text = normalize(h.heading_path + h.title + h.quote)
        return sum(1 for k in matter if k in text)
    return named(hit) > named(other)


def _own_matter(ctx: Context) -> list[str]:
    """The words a continuing turn names of its own that the question before did not, and that are no aspect of a
    measure, no "how much / how often" and no figure ("hiring" of "What's the hiring requirement for that?";
    招用 of "这个贷款对招用人员有什么要求？", not 贷款; nothing of "5万是每年还是三年一共")."""
    if ctx.matter is not None:
        return ctx.matter  # read for every hit of the search
    previous = ctx.resolution.previous.question
    said = normalize(" ".join([previous, *(e.zh for e in expand(previous, frozenset()).glossary_terms)]))
    said += " " + " ".join(m.group(0) for m in ANAPHORA.finditer(ctx.question))  # 这么 of 这么多 points, names nothing
    asked = normalize(without_self_description(ctx.question, ctx.analysis.language) or ctx.question)
    asking = " ".join(m.group(0) for kind, pattern in ASKED[ctx.analysis.language].items()
                      for m in pattern.finditer(normalize(ctx.question)))  # "一次性给钱吗": how it is paid, no matter
    ctx.matter = [k for k in ctx.own_keywords if len(k) >= 2 and normalize(k) not in asking and not ASPECT_WORDS.fullmatch(k) and not FUNCTION_WORDS.fullmatch(k)
                  and (ctx.analysis.language != "zh" or normalize(k) in asked)  # "我们是自己买服务器自己用的，这种能拿吗？":
                  # the asker's case, no matter of the measure
                  and not stated_kinds(k) and not asked_kinds(k, "zh")  # (各扣 asks who of them takes it)
                  and not re.search(r"\d", k) and normalize(k) not in said
                  and not re.search(r"[\d零〇一二两三四五六七八九十百千万]" + re.escape(k), ctx.question)]  # 万是 of "5万是每年…"
    return ctx.matter


def _referent(ctx: Context) -> tuple[set[str], set[str] | None, list[str]]:
    """The clauses a continuing follow-up points back at, for which asked kinds (None: any), and the matter the turn
    names of its own: those the answer before cited — for "How long does it last?", "5万是每年还是…" any part
    (`_points_at_clause`); for the asker's own case ("我们公司注册才半年，能申请吗") the part asking who may apply:
    the measure's condition. A turn naming a matter of its own ("What's the hiring requirement for that?": hiring)
    points at those clauses only where they name it (qa.evidence.gather)."""
    resolution = ctx.resolution
    if resolution is None or resolution.kind != "continues" or resolution.previous.refused:
        return set(), None, []
    matter = _own_matter(ctx)
    if _points_at_clause(ctx):
        return set(resolution.previous.chunk_ids), None, matter
    if OWN_CASE.search(ctx.question) or OWN_CASE_EN.search(ctx.question):
        return set(resolution.previous.chunk_ids), {"condition"}, []  # the case is the asker's: no matter of the measure
    return set(), None, []


def _kept_subject(kb: KnowledgeBase, ctx: Context) -> list[str]:
    """For a turn going on about what the answer before was about ("Can each of us claim it?", "我们俩能各扣各的吗？"
    after the rent deduction): the earlier question's words that the headings of the clauses it cited name
    (住房租金) — what "it" is, which the sentence answering may state in another clause (夫妻双方…只能由一方扣除
    住房租金支出)."""
    if ctx.resolution is None or ctx.resolution.kind != "continues" or ctx.resolution.previous.refused \
            or POSES_CASE.search(ctx.question) or SETS_ASIDE.search(ctx.question) \
            or [w for w in _own_matter(ctx) if not re.fullmatch(RELATIVE_ZH, w)]:  # (老公 of "我和老公能不能一人扣一半？"
        # says who takes it: the turn still asks of the measure before)
        return []  # ("What's the hiring requirement for that?" says what it asks of "that" itself)
    cited = kb.get_hits(ctx.resolution.previous.chunk_ids[:3]).values()
    headings = normalize(" ".join(h.heading_path + " " + h.title for h in cited))
    own = {normalize(k) for k in ctx.own_keywords}
    kept = [normalize(k) for k in dict.fromkeys(ctx.keywords) if len(k) >= 2 and normalize(k) in headings and normalize(k) not in own]
    return [k for k in kept if not any(k != other and k in other for other in kept)]  # 住房租金, not 住房 (of 住房贷款 too)


SWAPPED_WORD = 3  # characters: a word of the earlier subject this long tells a sentence about it


def _swapped_words(kb: KnowledgeBase, ctx: Context) -> tuple[list[str], str] | None:
    """For a follow-up that swapped the subject: the earlier subject's words the new one lacks (创业者, 个人 of
    OPC创业者个人 against OPC企业), and the new subject."""
    if ctx.resolution is None or ctx.resolution.kind != "subject" or not ctx.resolution.replaced:
        return None
    old, new = ctx.resolution.replaced
    asked = [normalize(k) for k in ctx.keywords]  # 创业 of 创业者 is also a part of 创业担保贷款, still asked about
    pair = alternative_pair(old, new)
    if pair and not any(normalize(pair[0]) in k for k in asked):  # alternatives of a listed row (职工 for 居民医保): the
        # earlier one tells a sentence however short it is, and the new one names the subject as the documents do (居民参保人员)
        return [pair[0]], pair[1]
    own = [w for w in dict.fromkeys(kb.keyword_index().tokenizer.tokens(old)) if len(w) >= SWAPPED_WORD
           and normalize(w) not in normalize(new) and not any(normalize(w) in k for k in asked)]
    # (住房 of 住房租金 is also in 住房贷款: too short to tell)
    return (own, new) if own else None


def _group_items(kb: KnowledgeBase, ctx: Context, hits: list[Hit], noun: str | None):
    """"需要哪些基础材料？" when the best clause is one item of a group whose heading names what is asked
    (三、申报材料 › ◆基础材料（必要） › 3．…): the group's items, each quoted and cited. None otherwise."""
    if not noun or not hits or ctx.analysis.intent in ("who", "target", "aggregate", "document"):
        return None
    listed = [h for h in hits[: kb.settings.evidence_depth]
              if any(normalize(noun) in normalize(heading) for heading in h.heading_path.split(" › ")[:-1][-2:])]
    if not listed or listed[0] is not hits[0]:
        return None
    best = _group_of_the_measure(kb, ctx, listed)
    above = best.heading_path.split(" › ")[:-1]
    parent = re.sub(r"(?:\d+|\([一二三四五六七八九十]+\))$", "", best.locator)
    if not parent or parent == best.locator:
        return None
    facts, settings = facts_for(kb), kb.settings
    group = above[-1]
    ids = [facts.clause_ids[i] for i in facts.clauses_of(best.doc_id)
           if facts.clause_locators[i].startswith(parent) and re.fullmatch(r"\d+|\([一二三四五六七八九十]+\)", facts.clause_locators[i][len(parent):])]
    items = sorted((h for h in kb.get_hits(ids[: settings.lead_in_items]).values()
                    if h.heading_path.split(" › ")[:-1][-1:] == [group]), key=lambda h: h.clause_index)
    if len(items) < 2:
        return None
    part = make_parts(ctx.question, ctx.analysis.language, lambda text: [])[0]
    return compose.compose_evidence([Evidence(h, h.quote.strip(), part, 0.0) for h in items], ctx.analysis.language)


def _group_of_the_measure(kb: KnowledgeBase, ctx: Context, listed: list[Hit]) -> Hit:
    """Of items under headings naming what is asked (三、申报材料 › （二）境外运营实体, （四）国际市场开拓), the one whose
    group heading shares most words with the clauses the answer before cited (二4 支持开拓国际市场): "需要准备哪些
    材料？" after the trade-fair question wants the trade-fair list. The best ranked one otherwise."""
    resolution = ctx.resolution
    if resolution is None or resolution.kind != "continues" or resolution.previous.refused:
        return listed[0]
    tokens = kb.keyword_index().tokenizer.tokens
    cited = {w for h in kb.get_hits(resolution.previous.chunk_ids[:3]).values() for w in tokens(h.heading_path + " " + h.title) if len(w) >= 2}
    # the lists beside the best one under the same heading (三(一)…, 三(二)…, 三1…), retrieved or not: each by its first item
    best = listed[0]
    group = re.sub(r"\d+$", "", best.locator)
    top = re.sub(r"\([一二三四五六七八九十]+\)$", "", group)
    facts = facts_for(kb)
    firsts = {}
    for i in facts.clauses_of(best.doc_id):
        m = re.fullmatch(rf"({re.escape(top)}(?:\([一二三四五六七八九十]+\))?)\d+", facts.clause_locators[i])
        if m and m.group(1) not in firsts:
            firsts[m.group(1)] = facts.clause_ids[i]
    candidates = [*listed, *kb.get_hits([c for c in firsts.values() if c not in {h.chunk_id for h in listed}]).values()]
    shared = [len(cited & {w for w in tokens(h.heading_path.split(" › ")[-2]) if len(w) >= 2}) if " › " in h.heading_path else 0
              for h in candidates]
    return candidates[shared.index(max(shared))] if max(shared) else best


LEAD_IN_END = re.compile(r"[：:]\s*$")


# the last step of an item's locator: (4) of 第六条(一)2(4), 2 of 第十七条(一)2
ITEM_LOCATOR = re.compile(r"\([^()]+\)$|(?<=\D)\d+$")


def _with_items(kb: KnowledgeBase, hits: list[Hit], own_case: bool = False, city_words: tuple[str, ...] = (),
                case_words: tuple[str, ...] = ()) -> list[Hit]:
    """A clause that only introduces its items ("…可以按照以下标准定额扣除：") answers through them: its items,
    stored as clauses of their own (第十七条(一), (二)), follow it as candidates for evidence. When the asker states
    a figure of their own case (`own_case`: "I'm 40…"), an item retrieved alone brings its sibling items the same
    way: the bands of a list ("（2）满35周岁至未满45周岁…0.02%" beside the retrieved "（4）退休人员为0.12%"); so
    does an item of a list tiered by class of city when the asker names a city of a class (`city_words`: 省会 for
    杭州) one of the siblings names ("（一）直辖市、省会（首府）城市…" beside the retrieved "（二）除第一项所列城市以外…"),
    and for whom the asker said in an earlier turn they ask (`case_words`: 职工 of "我爸…职工医保退休的") when a sibling
    names it and the retrieved item does not ("1. 职工参保人员…" beside the retrieved "2. 居民参保人员…")."""
    settings = kb.settings
    facts = facts_for(kb)
    out: list[Hit] = []
    for rank, hit in enumerate(hits):
        if any(h.chunk_id == hit.chunk_id for h in out):
            continue  # already brought in as an item of a lead-in ranked higher
        out.append(hit)
        if rank >= settings.evidence_depth:
            continue
        sibling = (own_case or city_words or case_words) and ITEM_LOCATOR.search(hit.locator)
        items = _items_of(facts, hit, sibling) if sibling else []
        # asked by the asker's city or earlier case alone: only a list telling it apart — and so for items numbered 1.,
        # 2. (the measures of a plan as often as the cases of a rule: 二(三)1…7)
        if sibling and (not own_case or sibling.group().isdigit()) \
                and not any(w in facts.clause_text(i) for i in items for w in city_words) \
                and not any(w in facts.clause_text(i) for i in items for w in case_words if w not in hit.quote):
            sibling, items = None, []
        if LEAD_IN_END.search(hit.quote):  # an item itself introducing a list ("（一）职工参保人员…按以下标准执行："):
            items = list(dict.fromkeys([*items, *_items_of(facts, hit, None, deeper=own_case)]))  # its own items too
        elif not sibling:
            continue
        found = kb.get_hits([facts.clause_ids[i] for i in items][: settings.lead_in_items])
        for item in sorted(found.values(), key=lambda h: h.clause_index):
            if all(item.chunk_id != h.chunk_id for h in out):
                ranked = next((h for h in hits if h.chunk_id == item.chunk_id), item)  # keep its retrieval scores
                ranked.read_with = hit.chunk_id
                out.append(ranked)
    return out


def _items_of(facts: KnowledgeBaseFacts, hit: Hit, sibling: re.Match | None, deeper: bool = False) -> list[int]:
    """Indexes of a lead-in clause's items (第十七条(一), not (一)1), or of an item's siblings and itself when
    `sibling` (the last step of its locator) is given. `deeper` (the asker stated a figure of their case): a
    lead-in whose items are numbered another way (第六条(一) "…按以下标准执行：" over 1.单位缴费费率… and
    2.个人缴费费率：(1)…(4)) brings those, down to the bands of a sub-list whose own lead-in is no clause."""
    clauses = facts.clauses_of(hit.doc_id)
    if sibling and sibling.group().isdigit():  # numbered 1., 2. under the same step: 第十七条(一)1, (一)2
        prefix = hit.locator[: sibling.start()]
        return [i for i in clauses if facts.clause_locators[i].startswith(prefix) and facts.clause_locators[i][len(prefix):].isdigit()]
    prefix = f"{hit.locator[: sibling.start()]}(" if sibling else f"{hit.locator}("
    direct = [i for i in clauses if facts.clause_locators[i].startswith(prefix) and "(" not in facts.clause_locators[i][len(prefix):]]
    if direct or sibling or not deeper:
        return direct
    return [i for i in clauses if facts.clause_locators[i].startswith(hit.locator)
            and re.match(r"\d", facts.clause_locators[i][len(hit.locator):])]


# Kinds of answer a document states in a rule of their own near the measure's clause ("夫妻双方主要工作城市相同的，只能由
# 一方扣除住房租金支出" a paragraph before the rent deduction's payer rule): such clauses join the candidates.
NEIGHBOUR_KINDS = {"share", "combine"}


def _with_headed(kb: KnowledgeBase, hits: list[Hit], parts) -> list[Hit]:
    """A question asking what a kind of heading announces (who may apply → 申报对象, 补贴对象, 申请条件) is
    answered under that heading: the best document's clauses so headed join the candidates, retrieved or not
    (a 补贴对象 clause shares few words with "谁可以申请"); so do its clauses stating a deadline or an address
    when the question asks for one (截止, deadline; 发送到哪里, where do we send)."""
    kinds = {kind for part in parts for kind in part.kinds}
    stated = kinds & SELF_EVIDENT_KINDS
    near = kinds & NEIGHBOUR_KINDS
    if not hits or not any(kind in HEADED for kind in kinds) and not stated and not near:
        return hits
    facts, settings = facts_for(kb), kb.settings
    ends = facts.clause_starts[1:] + [len(facts.text) + 1]
    at = min(len(hits), settings.evidence_depth - 1)  # ranked last among the clauses evidence reads
    read = {h.chunk_id for h in hits[:at]}
    per_kind: dict[str, list[str]] = {}  # "发到哪里？什么时候截止？": the address clauses don't crowd out the deadline's
    clauses = facts.clauses_of(hits[0].doc_id)
    if near:  # who of two takes it, whether two may be had together: the rule stands nearest the measure's own clause
        best = next((i for i in clauses if facts.clause_ids[i] == hits[0].chunk_id), None)
        stated |= near
        clauses = sorted(clauses, key=lambda i: abs(i - best)) if best is not None else clauses
    for i in clauses:
        text, chunk_id = facts.text[facts.clause_starts[i]: ends[i] - 1], facts.clause_ids[i]
        if chunk_id in read:
            continue
        if heading_announces(without_number(text.split("\n", 1)[0]), kinds):
            per_kind.setdefault("heading", []).append(chunk_id)
        for kind in stated:
            if states_any(text, {kind}):  # "即日起至2026年6月30日", "发送至：x@y.com"
                per_kind.setdefault(kind, []).append(chunk_id)
    headed = list(dict.fromkeys(i for round_ in itertools.zip_longest(*(found[: settings.headed_clauses] for found in per_kind.values()))
                                for i in round_ if i))  # the first of each kind first
    retrieved = {h.chunk_id: h for h in hits[at:] if h.chunk_id in headed}  # ranked too low: moved up
    fetched = kb.get_hits([i for i in headed if i not in retrieved])
    found = [retrieved.get(i) or fetched[i] for i in headed if i in retrieved or i in fetched]
    for hit in found[1:]:
        hit.read_with = found[0].chunk_id  # all read, at the rank of the first
    return hits[:at] + found + [h for h in hits[at:] if h.chunk_id not in retrieved]


# A sentence that only offers a guess at the answer: a few words, no verb of its own ("His pension?", "The whole salary?",
# "Or the gross wage?")
GUESS_EN = re.compile(r"(?:or\s+|maybe\s+|like\s+)?(?:(?:his|her|my|our|their|the|a|an|its)\s+)?(?:[\w'-]+\s+){0,2}[\w'-]+\s*[?？]", re.I)


def _asks_what_no_document_says(kb: KnowledgeBase, ctx: Context) -> str | None:
    """"What's the fine if a shop gets caught…?" after the film-thickness rule: a glossary term an English follow-up
    asking a figure names of its own (罚款), not the earlier question's words, is what it asks about — and when no document says it
    nor another reading of the same words, none can answer it. The term, or None."""
    if ctx.resolution is None or ctx.resolution.kind != "continues" or ctx.expansion is None \
            or not asked_kinds(ctx.question, "en") - NON_FIGURE_KINDS:
        return None  # (a turn asking no figure — "Can my wife and I split it?" — names whom as often as what)
    matter = {normalize(k) for k in _own_matter(ctx)}
    facts = facts_for(kb)
    asking = [s for s in sentences_en(ctx.question) if not GUESS_EN.fullmatch(s.strip())]
    if asking and len(asking) < len(sentences_en(ctx.question)):  # "…taken of what exactly? His pension?": a guess at
        # the answer, no matter asked — only the words of the sentences that ask are
        named = {normalize(e.zh) for e in expand(" ".join(asking), facts.vocabulary).glossary_terms}
        matter &= named
    def said(term: str) -> bool:  # the term, or another reading of the same English words ("hiring": 吸纳, 招用)
        readings = next((group for group in ctx.expansion.groups if term in group), [term])
        return any(_known(w, facts) for r in readings for w in (r, *expand_abbreviations(r)))
    return next((e.zh for e in ctx.expansion.glossary_terms if e.kind == "term" and normalize(e.zh) in matter
                 and not said(e.zh)), None)


def _supposes_qualifying(ctx: Context) -> bool:
    """An English turn supposing the asker qualifies for what the turn before asked about ("If we do qualify later,
    how big can the loan be?"), or going on from it ("And how much of the interest does the government subsidise?"
    after the loan's cap): it asks another fact of the same measure, in the document that answer came from."""
    resolution = ctx.resolution
    return ctx.analysis.language == "en" and bool(SUPPOSED_EN.search(ctx.question) or FOLLOW_UP.search(ctx.question.strip())) \
        and resolution is not None and resolution.kind == "document" and not resolution.previous.refused


IN_OWN_WORDS = SELF_EVIDENT_KINDS | {"phone"}  # the last day, the address, the number to ring: said as the document says them


def _figure_subject_known(kb: KnowledgeBase, ctx: Context, evidence) -> bool:
    """A figure question answered from quotes must be about what the documents name: for English, every
    glossary term it names in the quoted sentence (Chinese: the evidence step requires the specific terms)."""
    if ctx.analysis.language == "zh":
        return True
    required = _required_terms(ctx, facts_for(kb)) or []
    if not required:
        return True
    keywords = list(dict.fromkeys(k for k in ctx.keywords if len(k) >= 2))
    # a term or the documents' word for it (算力券 → 算力服务券: the lexicon's readings; "age limit" → 岁以下, which a
    # sentence writes 不超过55周岁: the synonym table's words for it)
    required = list(dict.fromkeys(r for t in required for r in (t, *expand_abbreviations(t))))
    readable = {t: same_words(t) for t in required}
    def of_part(e) -> list[str]:
        return [t for t in required if any(normalize(t) == normalize(k) for k in e.part.keywords)]
    # a part naming none of the terms, beside one that does ("…how big can the loan be and how long can it run?": how
    # long of what the part before names), is held to them through that part's sentence
    by_part = any(of_part(e) for e in evidence)
    # the readings of one English phrase are alternatives: any of them renders it ("company registration": 注册, 企业开办)
    readings = {t: group for group in ctx.expansion.groups for t in group} if ctx.expansion else {}
    return all(by_part and not of_part(e)
               or any(normalize(r) in e.about for t in (of_part(e) if by_part else required) + ctx.names
                      for r in [*readings.get(t, [t]), *readable.get(t, [])])  # (the sentence as the evidence step reads it)
               or sum(1 for k in keywords if normalize(k) in e.about) >= STRONG_MATCH_EN
               # "What's the deadline, and where do we send it?", "who do I call?": IN_OWN_WORDS (qa.evidence.gather
               # takes them so)
               or bool(e.part.kinds & IN_OWN_WORDS) and states_any(e.sentence, e.part.kinds & IN_OWN_WORDS)
               for e in evidence)


STRONG_MATCH_EN = 4  # distinct Chinese keywords of an English question in one sentence: about the same thing


def _figure_fits(structured, part) -> bool:
    """A structured figure answers the first part only when its sentence names the part's specific subject
    (运营补贴, not 创业补贴) and, if the part names a unit (多少个工作日, 几天), the figure is counted in it."""
    citation = structured.citations[0]
    sentence = next((line for line in structured.text.split("\n") if line.startswith(("原文：", "The text says:"))), "")
    about = normalize(citation.title + sentence)
    figure = structured.text.split("\n", 1)[0]
    if part.unit and not (states_unit(sentence, part.unit) and states_unit(figure, part.unit)):
        return False  # "每年能免费住几天": 7天 from the sentence, not its 最长6个月
    allowed = part.kinds | ({"measure", "duration"} if "count" in part.kinds else set())  # "how many card-hours"
    if part.kinds - NON_FIGURE_KINDS and stated_kinds(figure) and not states_any(figure, allowed):
        return False  # asked for an amount, extracted an area
    if MINIMUM_ASKED.search(part.text) and bounds_only_above(sentence):
        return False  # "最低要花多少钱才能申请？": a cap (最高不超过100万元) is no least figure
    return names_subject(part, about, citation.doc_title)


def _groups_of(expansion: Expansion, text: str) -> list[list[str]]:
    """An English text's words (as `expansion` translated them) as groups of Chinese alternatives, intent words
    left out, plus the Chinese written into the text, each run a group of its own."""
    groups = [[t for t in group if not INTENT_WORDS_ZH.fullmatch(t)] for group in expansion.groups]
    return [g for g in groups if g] + [[run] for run in CJK_RUN.findall(text)]


def chinese_keywords(tokenizer, text: str) -> list[str]:
    """The words of a Chinese question that a relevant sentence holds: its tokens and those of the document words
    for its own (synonym table), no intent or asking words, no 文号 (it scopes, it is no content), no figure of
    the asker's own case; and a counted number also as the documents may write it (第三年 → 第3年, whole)."""
    text = without_own_figures(text)  # "40岁的话", "雇了8个人": the asker's figures are in no sentence
    text = ROUGH_FIGURE.sub(" ", text)  # nor are their rough ones ("退休好几年了", "做了十几年")
    text = ASKER_REFERENCE.sub(" ", text)  # "我们公司…": who asks, no subject
    text = BESIDES.sub(" ", text)  # "除了补钱，…": what it sets aside is not what it asks
    text = SUPPOSED_ZH.sub(" ", text)  # "要是人数够了，…": qualifying supposed is not what is asked
    text = DIRECTIONAL_END.sub("", text)  # "报上去", "交上来": the verb says what is done, its direction nothing
    text = PARTY_SIDE.sub(r"\1", text)  # "单位这边交的": the party's side is the party
    # "单位交的费率", "自己要缴多少": that party's contribution, as the documents name it (单位缴费, 个人缴费)
    paid = [CONTRIBUTIONS[m.group(1)] for m in CONTRIBUTING.finditer(text)]
    tokens = tokenizer.tokens(" ".join([DOC_NUMBER.sub(" ", text), *expand_abbreviations(text), *paid]))
    # a modal fused with its verb (能贷 of "能贷几年？"): the verb says what is asked about (贷: the loan)
    tokens = [t[1] if _modal_fused(t) else t for t in tokens]
    words = [t for t in tokens
             if not INTENT_WORDS_ZH.fullmatch(t) and not ASKING_FUSED.fullmatch(t) and not _function_word(t)
             and not NUMBER_WORD.fullmatch(t)]  # 三千万, 三千, 千万: in digits below (3000万), as documents write it
    # an ordinal names which one (第三年, 第二批): as written, and as documents may write it (第3年)
    ordinals = [m.group(0) for m in COUNTED.finditer(text) if m.group(1)]
    return words + [o for o in dict.fromkeys(ordinals) if o not in words] + numeral_forms(text)



# A directional complement closing a verb phrase ("多久之内要报上去？", "材料交上来了吗"): no word a clause holds
DIRECTIONAL_END = re.compile(r"(?<=[\u4e00-\u9fff])(?:上去|上来|下去|下来|过去|过来|进去|进来|出去|回去|回来)(?=[\s？?，,。！!吗呢了啊呀吧]|以后|之后|后|$)")


# A party and its side ("单位这边交的费率", "个人那块出多少"): the side says nothing of the party
PARTY_SIDE = re.compile(rf"({PARTIES_ZH}|自己)(?:这边|那边|这块|那块|这一块|那一块|方面)")
# A party said to pay in ("单位交的", "个人要缴", "自己交多少"), and the documents' name for what it pays
CONTRIBUTIONS = {"单位": "单位缴费", "用人单位": "单位缴费", "个人": "个人缴费", "自己": "个人缴费"}
CONTRIBUTING = re.compile(rf"({'|'.join(sorted(CONTRIBUTIONS, key=len, reverse=True))})(?:要|得|需要?|每月|每年)?(?:交|缴)(?!费)")


# Modal verbs: they say whether one can, not what ("能享受多长时间", "会不会卡", "要交什么")
MODAL_VERBS = {"能", "会", "要", "可", "应", "该", "得", "想", "肯"}


MIN_WORD_FREQUENCY = 10  # in jieba's dictionary: below it, a two-character run is a fusion its segmenter guessed
FUNCTION_FLAGS = EDGE_FLAGS | {"f"}  # …and place words (后, 后面, 里面)


def _function_word(word: str) -> bool:
    """A word no clause is relevant for holding: an adverb, pronoun, conjunction, preposition or particle as jieba
    tags it alone (已经, 还, 有个, 这种, 但, 着), a place word (后, 后面, 里面), a modal verb (能) or a modal fused with
    the verb after it by the segmenter (能住, 要退: no word of jieba's dictionary; 能源, 可行 are)."""
    if word.startswith("每"):
        return False  # 每月, 每人, 每年: the period or unit a figure is for (jieba tags them pronouns)
    tags = _tags(word)  # (loads jieba's dictionary)
    if _modal_fused(word):
        return True
    return word in MODAL_VERBS or all(flag in FUNCTION_FLAGS for flag in tags)


def _modal_fused(word: str) -> bool:
    """A modal the segmenter fused with the verb after it (能住, 要退, 能贷: no word of jieba's dictionary; 能源,
    可行 are)."""
    _tags(word)  # (loads jieba's dictionary)
    return len(word) == 2 and word[0] in MODAL_VERBS and (jieba.get_FREQ(word) or 0) < MIN_WORD_FREQUENCY


# The money a follow-up points back at: "这笔钱", "这些钱", "那部分钱" — what the answer before gave, no word to search by
POINTED_MONEY = re.compile(r"[这那](?:笔|个|些|部分)?钱")


def _keywords_of(kb: KnowledgeBase, ctx: Context, text: str) -> list[str]:
    """The keywords of one part of the question (same rules as the whole question's)."""
    tokenizer = kb.keyword_index().tokenizer
    if ctx.analysis.language == "en" and detect_language(text) == "en":
        expansion = expand(without_english_places(without_supposition(text), ctx.analysis.places), facts_for(kb).vocabulary)
        # (the glossary's reading of an asking phrase counts too: a sentence giving 期限 answers "how long")
        terms = [t for e in expansion.glossary_terms for t in (e.zh, *expand_abbreviations(e.zh))]
        terms += [t for t in expansion.dictionary_terms if not INTENT_WORDS_ZH.fullmatch(t)]
        terms += [part for part in CJK_RUN.findall(text)]
        words = [t for term in terms for t in tokenizer.tokens(term)]
    else:  # ("这笔钱是市里出还是区里出？": the money just spoken of, no 资金 of another clause)
        text = re.sub(WHO_PAYS_ZH, "，", text)  # (出 of "市里出还是区里出" asks who; no subject)
        words = chinese_keywords(tokenizer, POINTED_MONEY.sub("，", text) if ctx.resolution and ctx.resolution.follows else text)
    place_names = {n for p in ctx.analysis.places for n in (p.name, p.short)} | origin_names(text)
    words = [w for w in words if w not in place_names and w not in PLACE_WORDS]
    # the words of the document's name, said as one ("国务院“无废城市”建设试点工作方案里，…"), say which document, not
    # which of its sentences — unless nothing else is asked of it
    if not _names_framed_document(ctx):
        return words
    return [w for w in words if w not in ctx.title_words] or words


def _names_framed_document(ctx: Context) -> bool:
    """The question names a document by its name and says it does ("…建设试点工作方案里，"): the name's words say which
    document. (A name quoted alone, “港澳青年”, may be the topic asked about.)"""
    return bool(ctx.title_words) and framed_kind(ctx.question) is not None


def _structured(kb: KnowledgeBase, ctx: Context, hits: list[Hit]):
    intent, language, keywords = ctx.analysis.intent, ctx.analysis.language, ctx.keywords
    settings = kb.settings
    if intent == "who":
        paid = compose.compose_payer(hits, language, keywords) if PAYER_ASKED.search(ctx.question) else None
        composed = paid or compose.compose_who(hits, language, keywords)
        if composed and ctx.analysis.also_target:  # "which department, and how many…?"
            composed = compose.add_target(composed, ctx.question, language, keywords)
        return composed
    if intent == "target":
        min_coverage = settings.target_min_coverage if language == "zh" else settings.target_min_coverage_en
        required = _required_terms(ctx, facts_for(kb))
        return compose.compose_target(hits, ctx.question, language, keywords, min_coverage, required)
    if intent == "list":
        return compose.compose_enumeration(hits, language, keywords, ctx.must_terms)
    if intent == "document":
        return _document(kb, ctx, hits)
    if intent == "define":
        return compose.compose_definition(_definitions(kb, ctx), language)
    if intent == "when":
        asks_year = bool(re.search(r"哪一?年|几年|which year|what year|what period|how long", ctx.question, re.I))
        return compose.compose_quotes(hits, language, keywords, settings.answer_sentences, need_date=True, year_is_enough=asks_year)
    return None


DEFINED_TERM = re.compile(r"([A-Za-z][A-Za-z0-9+]{1,15}|[\u4e00-\u9fff]{2,8})(?=\s*(?:到底|究竟)?(?:指的是|是什么意思|是指|指什么|的定义|的含义|\s+mean|\s+stand))", re.I)


# Whether the asker's case counts as a thing the documents define: "这样还算港澳青年企业吗？", "我们算不算小微企业？"
COUNTS_AS = re.compile(rf"(?:{COUNTS_AS_ZH})\s*(?:是)?"
                       r"(?:[^，,。？?]{0,8}?(?:说的|所说的|所称的|讲的|提到的))?"  # "还算这个方案里说的OPC吗？"
                       r"([\u4e00-\u9fffA-Za-z0-9+]{2,12}?)(?:吗|呢|[？?]|$)")


COUNTS_AS_EN = re.compile(r"\bcounts? as (?:an? |the )?(.{3,60}?)(?=\s+(?:under|in|according|by|for|then|now|any ?more)\b|\s*[?.!,;]|$)", re.I)


def _definitions(kb: KnowledgeBase, ctx: Context) -> list[tuple[Hit, str]]:
    """Clauses (in scope) with a sentence defining the term the question asks about (read once a question: the
    relevance check and the answer both ask)."""
    if ctx.definitions is None:
        ctx.definitions = _defining_sentences(kb, ctx)
    return ctx.definitions


def _defining_sentences(kb: KnowledgeBase, ctx: Context) -> list[tuple[Hit, str]]:
    m = DEFINED_TERM.search(ctx.question) or re.search(r"(?:什么是|才算是?|才属于|what is|what are)\s*(?:an?\s+|the\s+)?([A-Za-z0-9+]{2,15}|[\u4e00-\u9fff]{2,8})", ctx.question, re.I) \
        or COUNTS_AS.search(ctx.question)
    terms = ctx.must_terms + ([m.group(1)] if m else [])
    facts = facts_for(kb)
    counted = COUNTS_AS_EN.search(ctx.question) if ctx.analysis.language == "en" else None
    if counted:  # "Would he still count as a Hong Kong or Macau youth?": the documents' term for it (港澳青年), and for
        # a phrase read as several ("…youth enterprise": 港澳青年 + 企业) the whole of them first
        read = [group[0] for group in expand(counted.group(1), facts.vocabulary).groups if group]
        terms += (["".join(read)] if len(read) > 1 else []) + read[:1]
    candidates = sorted({i for term in terms for i in facts.clauses_containing(term)
                         if not ctx.doc_ids or facts.clause_docs[i] in ctx.doc_ids})
    metas = kb.get_metadatas([facts.clause_ids[i] for i in candidates])
    found = []
    for i in candidates:
        meta = metas.get(facts.clause_ids[i])
        if meta is None:
            continue
        for term in terms:
            sentence = compose.defining_sentence(clause_text(meta), term)
            if sentence:
                hit = Hit.from_record("", meta)
                hit.quote, hit.score = clause_text(meta), 1.0
                found.append((terms.index(term), hit, sentence))
                break
    earlier = _preferred_earlier_documents(ctx)  # whether the asker counts as one: as the document before defines it
    return [(hit, sentence) for _, hit, sentence in sorted(found, key=lambda ths: (ths[1].doc_id not in earlier, ths[0]))]


def _document(kb: KnowledgeBase, ctx: Context, hits: list[Hit]):
    """The card of the document asked about (the one in scope, else the best hit's): its opening clause
    (文号, issuer, date) and the clause saying when it takes effect and for how long."""
    local = ctx.local_doc_ids or []
    doc_id = local[0] if len(local) == 1 else (hits[0].doc_id if hits else None)
    if doc_id is None:
        return None
    facts = facts_for(kb)
    preamble_id = facts.head_ids.get((doc_id, "前言"))
    in_force = sorted({i for word in ("施行", "有效期", "生效") for i in facts.clauses_containing(word)
                       if facts.clause_docs[i] == doc_id})
    date = facts.doc_dates.get(doc_id)
    signed = next((facts.clause_ids[i] for i in (facts.clauses_containing(date) if date else [])
                   if facts.clause_docs[i] == doc_id and facts.clause_ids[i] != preamble_id), None)
    opening = [i for i in (preamble_id, signed) if i]  # the opening, and the sign-off when it stands elsewhere
    ids = opening + [facts.clause_ids[i] for i in reversed(in_force)]  # in force: last first
    found, metas = kb.get_hits(ids), kb.get_metadatas(ids)
    for chunk_id, hit in found.items():
        hit.quote = clause_text(metas[chunk_id]) if chunk_id in metas else hit.quote  # the whole clause
    return compose.compose_document([found[i] for i in opening if i in found],
                                    [found[i] for i in ids[len(opening):] if i in found], ctx.analysis.language)


def _required_terms(ctx: Context, facts: "KnowledgeBaseFacts") -> list[str] | None:
    """For an English question: the glossary terms it names (other than places and units) — a figure
    must be about one of them. The dictionary's guesses are too loose to require."""
    if ctx.expansion is None:
        return None
    titles = facts.titles
    # what the asker says of themselves first ("I'm a returning migrant worker who opened a small restaurant.") is no
    # subject the figure must be of (read once a question: the compose and trust steps both ask)
    if ctx.described_terms is None:
        asked = without_self_description(ctx.question, "en")
        ctx.described_terms = {e.zh for e in ctx.expansion.glossary_terms} - \
            {e.zh for e in expand(asked, facts.vocabulary).glossary_terms} if asked != ctx.question.strip() else set()
    # a document's own name scopes, it doesn't describe — in any of the forms one English phrase names ("long-term
    # care insurance": 长期护理保险 of 滨海市长期护理保险办法, and its short form 长护险)
    titled = {t for group in ctx.expansion.groups if any(normalize(g) in titles for g in group) for t in group}
    terms = [e.zh for e in ctx.expansion.glossary_terms if e.kind == "term" and e.zh.upper() != "OPC"
             and e.zh not in ctx.described_terms
             and normalize(e.zh) not in titles and e.zh not in titled
             and e.zh not in ctx.description_words  # nor does the asker's description of themselves ("registered")
             and not re.fullmatch(RELATIVE_ZH, e.zh)]  # nor whom the question is for ("my husband": 配偶)
    return (terms + ctx.must_terms) or None


def _aggregate(kb: KnowledgeBase, ctx: Context):
    unit = ctx.analysis.units[0]
    facts = facts_for(kb)
    rows = [r for r in facts.rows if unit in r["lead"] + r["responsible"]]
    if ctx.doc_ids:
        rows = [r for r in rows if r["doc_id"] in ctx.doc_ids]
    if not rows:
        return None
    metas = kb.get_metadatas([facts.head_ids[(row["doc_id"], row["clause_locator"])] for row in rows])
    cited, hits = [], []
    for row in rows:
        head_id = facts.head_ids[(row["doc_id"], row["clause_locator"])]
        meta = metas.get(head_id)
        if meta is None:  # deleted since
            continue
        hit = Hit.from_record(head_id, meta)
        hit.quote = clause_text(meta)  # the whole clause (the facts keep no clause text as written)
        hit.score = 1.0
        cited.append({**row, "text": hit.quote})
        hits.append(hit)
    if not cited:
        return None
    return compose.compose_aggregate(unit, cited, hits, ctx.analysis.language)


def _refuse(kb: KnowledgeBase, answer: Answer, ctx: Context, hits: list[Hit]) -> None:
    answer.refused = True
    answer.closest = [citation_from_hit(n, h) for n, h in enumerate(hits[: kb.settings.closest_matches], 1)]
    if ctx.refusal:
        answer.answer = ctx.refusal
    elif ctx.analysis.language == "zh":
        answer.answer = "现有文件中没有找到能回答这个问题的条款。以下是最接近的条款，仅供参考。"
    else:
        answer.answer = "The documents don't say. The closest clauses are listed below for reference."
