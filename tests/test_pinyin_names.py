"""Chinese names written in pinyin inside English questions ("the Qinghe apartments" = 青荷公寓): the knowledge
base's own words indexed by their pinyin, and a pinyin word that is also the name of a place no document covers
read as the documents' word."""

from __future__ import annotations

import pytest

from tests.conftest import knowledge_base_of

VOCABULARY = {"青荷公寓": 3, "红棉": 2, "珠江": 5, "政策": 40, "公寓": 4, "安河": 1, "OPC": 9, "2026": 3, "人才公寓建设计划": 1}


@pytest.mark.parametrize("key, words", [
    ("qinghe", ["青荷公寓"]), ("qinghegongyu", ["青荷公寓"]), ("gongyu", ["青荷公寓", "公寓"]), ("hegong", ["青荷公寓"]),
    ("hongmian", ["红棉"]), ("zhujiang", ["珠江"]), ("zhengce", ["政策"]),
])
def test_each_run_of_two_or_more_characters_of_a_word_is_indexed_by_its_pinyin(key, words):
    from qa.pinyin_names import pinyin_index

    assert sorted(pinyin_index(VOCABULARY)[key]) == sorted(words)


@pytest.mark.parametrize("key", ["anhe", "qing", "opc", "2026", "renca"])
def test_short_keys_words_not_chinese_and_long_phrases_are_not_indexed(key):
    from qa.pinyin_names import pinyin_index

    index = pinyin_index(VOCABULARY)
    assert key not in index
    assert not any("人才公寓建设计划" in words for words in index.values())  # longer than a name


@pytest.mark.parametrize("words, names", [
    (["qinghe"], ["青荷公寓"]), (["qing", "he"], ["青荷公寓"]), (["hongmian", "zhujiang"], ["红棉", "珠江"]),
    (["rooftop"], []), (["anhe"], []),
])
def test_english_words_name_the_vocabulary_words_they_spell(words, names):
    from qa.pinyin_names import names_in_pinyin, pinyin_index

    assert names_in_pinyin(words, pinyin_index(VOCABULARY)) == names


MADE_UP_HOUSING = """云溪市青年人才安居办法
一、人才驿站。为来云溪求职的青年人才提供每年7天的“碧溪驿站”免费住宿。
二、人才公寓。为新就业的青年人才提供最长6个月的“清禾公寓”过渡性住房。
三、租房补贴。对在云溪租房的青年人才每月发放1000元租房补贴。
"""


@pytest.fixture(scope="module")
def housing_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("pinyin_housing"), {"housing.txt": MADE_UP_HOUSING})


@pytest.mark.parametrize("question, figure, locator", [
    ("How long can I stay in the Qinghe apartments?", "6个月", "二"),      # qinghe is also 清河县, a place
    ("How long may a new graduate live in Qing He flats?", "6个月", "二"),
    ("How many free nights does the Bixi station give a year?", "7天", "一"),
])
def test_a_name_of_the_documents_in_pinyin_finds_its_clause(housing_kb, question, figure, locator):
    from qa.chain import ask

    answer = ask(housing_kb, question)
    assert figure in answer.answer and [c.locator for c in answer.citations] == [locator]


def test_a_pinyin_word_called_a_county_is_still_the_place_no_document_covers(housing_kb):
    from qa.chain import ask

    answer = ask(housing_kb, "What housing support does Qinghe County give young talent?")
    assert any(line.startswith("analyse:") and "清河县" in line for line in answer.trace)


@pytest.mark.parametrize("follow_up", ["What about the Qinghe apartments, how long can I stay there?",
                                       "And the Qinghe apartments?", "How long can I live in Qing He flats then?"])
def test_a_follow_up_naming_a_pinyin_name_of_the_documents_asks_about_it_not_about_a_place(housing_kb, follow_up):
    from qa.chain import ask

    first = ask(housing_kb, "I just moved to Yunxi to look for a job. Is there any free short stay for young talent?")
    answer = ask(housing_kb, follow_up, history=[first.to_dict()])
    assert "6个月" in answer.answer and [c.locator for c in answer.citations] == ["二"]
    assert not any("for the place now named" in line for line in answer.trace)


def test_a_pinyin_word_spelling_a_whole_word_names_that_word_not_every_word_holding_it():
    from qa.pinyin_names import names_in_pinyin, pinyin_index

    index = pinyin_index(["创业", "创业者", "创业项目", "担保", "反担保", "贷款", "贷款额度", "青荷公寓"])
    assert names_in_pinyin(["chuangye", "danbao", "daikuan"], index) == ["创业", "担保", "贷款"]
    assert names_in_pinyin(["qinghe"], index) == ["青荷公寓"]  # no word is just 青荷: the words holding it
