"""A question that names a document by its title is about that document, and the title's words rank none of its clauses."""

from __future__ import annotations

import pytest

from qa.titles import core_name, named_documents, title_words
from vectorstore.tokenizer import Tokenizer, normalize


@pytest.mark.parametrize("title,core", [
    ("滨海市人民政府办公室关于印发滨海市清洁海岸建设试点工作方案的通知", "清洁海岸建设试点工作方案"),
    ("关于印发《滨海市支持渔业数字化发展政策清单（第一批）》的通知", "支持渔业数字化发展政策清单"),
    ("滨海市人民政府关于印发滨海市支持渔业数字化若干措施的通知（滨政规〔2026〕4号）", "支持渔业数字化若干措施"),
    ("滨海市打造全国“数字渔港”新高地行动计划（2026—2028年）（征求意见稿）", "打造全国数字渔港新高地行动计划"),
    ("2026年滨海区渔港服务平台专项资金申报指南（第一批）", "渔港服务平台专项资金申报指南"),
    ("渔业保险常见问题", "渔业保险常见问题"),
])
def test_the_core_name_drops_the_issuing_wrapper_brackets_years_and_the_leading_place(title, core):
    assert core_name(title, ["滨海市", "滨海区", "滨海"]) == core


CORES = {"a": "清洁海岸建设试点工作方案", "b": "支持渔业数字化若干措施", "c": "支持渔业数字化发展若干措施", "d": "渔业保险常见问题",
         "e": "渔港清淤工程推广工作的补充通知"}
TEXTS = {"a": "清洁海岸建设试点 渔网回收率", "b": "渔业保险 支持渔业数字化", "c": "支持渔业数字化", "d": "渔业保险 理赔", "e": ""}


def found_in(words: str) -> set[str]:
    return {d for d, text in TEXTS.items() if words in text}


@pytest.mark.parametrize("question", [
    "滨海市“清洁海岸”建设试点工作方案里，到2025年渔网回收率要达到多少？",
    "清洁海岸建设试点工作方案中渔网回收率是多少",
    "另外，滨海的清洁海岸建设试点方案，渔网回收率目标多少？",
    "请问《清洁海岸建设试点工作方案》规定的回收率",
])
def test_a_question_names_a_document_by_most_of_its_core_name(question):
    named = named_documents(question, CORES, found_in, 4, 6, 0.5)
    assert named is not None and named.doc_ids == ["a"]


def test_a_name_two_titles_share_names_both_documents():
    named = named_documents("支持渔业数字化的若干措施里，补贴多少？", CORES, found_in, 4, 6, 0.5)
    assert named is not None and sorted(named.doc_ids) == ["b", "c"]


@pytest.mark.parametrize("question", [
    "渔业保险怎么理赔？",  # 渔业保险 is a topic other documents write about too, not the Q&A's name
    "清洁海岸的渔网回收率是多少",  # too little of the name
    "渔网回收率要达到多少？",
    "渔港清淤工程推广由哪个部门负责？",  # the topic of a notice's title, not the notice: no 通知
])
def test_a_topic_or_a_fragment_of_a_title_names_no_document(question):
    assert named_documents(question, CORES, found_in, 4, 6, 0.5) is None


def test_a_word_used_outside_the_title_stays_a_keyword():
    question = "滨海科技创新行动计划里，重大科技创新工程项目有多少项"
    named = named_documents(question, {"z": "科技创新行动计划"}, lambda w: {"z"}, 4, 6, 0.5)
    words = title_words(Tokenizer().spans(question), named)
    assert "行动计划" in words and "科技" not in words and "科技创新" not in words
    assert normalize(question)[named.spans[0][0]: named.spans[0][1]] == "科技创新行动计划"


FLOODED = "滨海市人民政府办公室关于印发滨海市清洁海岸建设试点工作方案的通知\n" + "".join(
    f"（{n}）第{n}项任务。推进清洁海岸建设试点，落实清洁海岸建设试点工作方案第{n}项要求。\n" for n in range(1, 26)) + \
    "（二十六）渔具回收。以回收、处理等环节为重点，到2025年，渔网回收率达到90%以上。\n"


def test_a_document_named_by_title_is_searched_for_the_clause_not_for_its_name(tmp_path):
    """Every clause repeats 清洁海岸建设试点: ranked by the title's words, the one that answers is not among them."""
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"a.txt": FLOODED, "b.txt": "滨海市渔业补贴办法\n一、渔船更新补贴。每艘最高补贴30万元。\n"})
    first = ask(kb, "滨海市渔船更新每艘最高补贴多少？")
    answer = ask(kb, "另外，滨海市“清洁海岸”建设试点工作方案里，到2025年渔网回收率要达到多少？", history=[first.to_dict()])
    assert not answer.refused and "90%以上" in answer.answer
    assert any("named by its title" in line for line in answer.trace)


@pytest.mark.parametrize("question", [
    "国务院“清洁海岸”试点方案里，到2025年渔网回收率要达到多少？", "滨海清洁海岸的那份方案中，渔网回收率是多少",
    "清洁海岸试点方案里面，回收率多少？", "“清洁海岸”方案规定，回收率多少",
])
def test_a_question_saying_it_names_a_kind_of_document_names_it_by_a_shorter_run(question):
    named = named_documents(question, CORES, found_in, 4, 6, 0.5, framed_share=0.3)
    assert named is not None and named.doc_ids == ["a"]
    if "“" not in question:  # (a quoted name names its document framed or not)
        assert named_documents(question, CORES, found_in, 4, 6, 0.5) is None  # unframed, the run is too short


@pytest.mark.parametrize("question", [
    "清洁海岸试点措施里，回收率多少？",  # another kind of document than the one whose name it holds
    "渔业保险的那份方案里，理赔多久？",  # a topic other documents use too, and no 方案 holds it
    "清洁海岸的回收率是多少？",  # no frame
])
def test_a_framed_run_names_no_document_of_another_kind_or_a_shared_topic(question):
    assert named_documents(question, CORES, found_in, 4, 6, 0.5, framed_share=0.3) is None


@pytest.mark.parametrize("question,title_span", [
    ("听说国家在搞“清洁海岸”试点，渔网回收率定了什么指标？", "清洁海岸 试点"),
    ("“清洁海岸”那个事，回收率要达到多少？", "清洁海岸"),
    ("滨海搞的「清洁海岸」建设，回收率多少", "清洁海岸 建设"),
])
def test_a_quoted_name_of_a_title_names_its_document(question, title_span):
    """Users quote a programme's name (“无废城市”试点): the quotes say it is a name, so a short run of the title names
    the document, with the title's words right after the quote."""
    named = named_documents(question, CORES, found_in, 4, 6, 0.5)
    assert named is not None and named.doc_ids == ["a"]
    text = normalize(question)
    assert " ".join(text[s:e] for s, e in named.spans) == title_span


@pytest.mark.parametrize("question", ["“渔业保险”怎么理赔？",   # a quoted topic other documents write about too
                                      "“海岸”回收率多少",        # too short to be a name
                                      "“数字渔港”有什么补贴"])   # in no title
def test_a_quoted_topic_names_no_document(question):
    assert named_documents(question, CORES, found_in, 4, 6, 0.5) is None


@pytest.mark.parametrize("question, issuer", [
    ("国务院“无废城市”建设试点工作方案里，地膜厚度有什么规定？", "国务院"),
    ("另外想问，滨海市人民政府《清洁海岸建设试点工作方案》中，回收率多少？", "滨海市人民政府"),
    ("滨海市清洁海岸建设试点工作方案里，回收率多少？", "滨海市"),
])
def test_the_issuer_said_before_a_documents_name_names_it_too(question, issuer):
    """The words right before the name that the full title holds (国务院 of 《国务院办公厅关于印发…方案的通知》) say
    which document, as its name does; the words before a comma do not."""
    from qa.titles import TitleMatch, with_issuer

    text = normalize(question)
    name = next(n for n in ("“无废城市”建设试点工作方案", "清洁海岸建设试点工作方案") if n in text)
    start = text.index(name) + (1 if name.startswith("“") else 0)
    titles = ["国务院办公厅关于印发“无废城市”建设试点工作方案的通知", "滨海市人民政府办公室关于印发滨海市清洁海岸建设试点工作方案的通知"]
    extended = with_issuer(question, TitleMatch(["a"], [(start, text.index(name) + len(name))]),
                           [t for t in titles if name.strip("“”").split("”")[-1] in t or name in t][:1])
    said = text[extended.spans[0][0]: extended.spans[0][1]]
    assert said.startswith(issuer) and "另外" not in said and "想问" not in said


MULCH = "国务院办公厅关于印发“净土乡村”建设试点工作方案的通知\n" + "".join(
    f"（{n}）第{n}项试点工作。试点乡村政府是“净土乡村”建设试点责任主体，国务院有关部门对试点工作进行指导。\n" for n in range(1, 12)) + \
    "（十二）农膜回收。推广一膜多用技术，减少地膜使用。推广应用标准地膜，禁止生产和使用厚度低于0.015毫米的地膜。\n"


def test_a_document_named_with_its_issuer_is_answered_from_the_sentence_asked_about(tmp_path):
    """Every clause repeats 建设试点 and 试点工作 of the name: the sentence about 地膜厚度 answers."""
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"a.txt": MULCH, "b.txt": "临海市渔业补贴办法\n一、渔船更新补贴。每艘最高补贴30万元。\n"})
    answer = ask(kb, "另外想问，国务院“净土乡村”建设试点工作方案里，对地膜厚度有什么硬性规定？")
    assert not answer.refused and "0.015毫米" in answer.answer
