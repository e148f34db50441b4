"""The asker describing themselves before asking ("We're a small company registered in Guangzhou. What's the most
we can borrow…?", "我们公司注册在静安，去国外参加展会，区里能补多少？"): the description is no subject — it ranks no
clause and is no word a sentence must hold — and the question after it is answered as if asked alone.

On a made-up loan guide whose conditions clause holds every word of the descriptions (登记注册, 小微企业) and whose
amounts clause holds what is asked."""

from __future__ import annotations

import pytest

from tests.conftest import knowledge_base_of

MADE_UP_LOAN_GUIDE = """云溪市创业担保贷款常见问题
一、创业担保贷款申请对象有哪几类？
答：在本市行政区域内登记注册的小微企业、个体工商户，以及自主创业的个人。
二、创业担保贷款最高可以申请多少额度？
答：个人创业担保贷款额度最高20万元。小微企业创业担保贷款最高300万元。
三、小微企业申请需要满足什么条件？
答：已在本市行政区域内办理登记注册手续的小微企业，当年新招用符合条件的人员达到企业现有在职职工人数的15%。
四、贷款期限是多长？
答：个人创业担保贷款期限最长不超过3年，小微企业创业担保贷款期限最长不超过2年。
"""


# The same guide whose first answer lists the groups that may apply first: a question opening with the asker's own
# run of description (退役军人, 个体工商户) ranks that answer by its words.
MADE_UP_LOAN_GUIDE_WITH_GROUPS = MADE_UP_LOAN_GUIDE.replace(
    "以及自主创业的个人。", "以及自主创业的个人。退役军人、返乡创业农民工、高校毕业生可优先申请。")


@pytest.fixture(scope="module")
def loan_guide_with_groups(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("loan_guide_groups"), {"loans.txt": MADE_UP_LOAN_GUIDE_WITH_GROUPS})


@pytest.mark.parametrize("question, locator, figure", [
    ("我是退役军人，办了个体工商户，雇了6个人，创业担保贷款个人最多能贷多少？", "问2", "20万元"),
    ("我是返乡农民工，开了个小饭馆，想贷款，个人最多能贷多少？", "问2", "20万元"),
    ("我是高校毕业生，在本市注册了个体工商户，想申请创业担保贷款，个人最多能贷多少？", "问2", "20万元"),
    ("我是退役军人，开了家个体店，个人贷款期限最长几年？", "问4", "3年"),
])
def test_a_figure_asked_after_the_askers_run_of_description_comes_from_the_clause_stating_it(loan_guide_with_groups, question,
                                                                                            locator, figure):
    from qa.chain import ask

    answer = ask(loan_guide_with_groups, question)
    assert [c.locator for c in answer.citations] == [locator]  # not 问1, which names the asker's groups
    assert figure in answer.answer


@pytest.mark.parametrize("question, locator, figure", [
    ("I'm a returning migrant worker who opened a small restaurant. How long can the loan last for an individual?", "问4", "3 years"),
    ("I'm a veteran who set up a self-employed shop with 6 staff. What's the most I can borrow as an individual through the "
     "startup guaranteed loan?", "问2", "200,000 yuan"),
    ("We are graduates who registered a small firm here. How long can a small firm's startup guaranteed loan run?", "问4", "2 years"),
])
def test_an_english_figure_asked_after_sentences_describing_the_asker_comes_from_the_clause_stating_it(
        loan_guide_with_groups, question, locator, figure):
    from qa.chain import ask

    answer = ask(loan_guide_with_groups, question)
    assert [c.locator for c in answer.citations] == [locator]
    assert figure in answer.answer


@pytest.fixture(scope="module")
def loan_guide(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("loan_guide"), {"loans.txt": MADE_UP_LOAN_GUIDE})


@pytest.mark.parametrize("description", [
    "We're a small company registered locally.",
    "Our firm is registered here and has 12 staff.",
    "I run a small business that was registered last year.",
])
def test_an_english_description_before_the_question_neither_ranks_nor_filters_the_clauses(loan_guide, description):
    from qa.chain import ask

    answer = ask(loan_guide, f"{description} What's the most we can borrow through the startup guaranteed loan?")
    assert [c.locator for c in answer.citations] == ["问2"]  # the amounts clause (a Q&A's questions are numbered 问N)
    assert "万元" in answer.answer


@pytest.mark.parametrize("description", ["我们公司在本市登记注册", "我们是一家小微企业，去年刚注册的", "本公司注册三年了"])
@pytest.mark.parametrize("asked", ["创业担保贷款最多能贷多少？", "创业担保贷款额度最高是多少？"])
def test_a_chinese_description_before_the_question_neither_ranks_nor_filters_the_clauses(loan_guide, description, asked):
    from qa.chain import ask

    answer = ask(loan_guide, f"{description}，{asked}")
    assert [c.locator for c in answer.citations] == ["问2"]  # the amounts clause (a Q&A's questions are numbered 问N)
    assert "万元" in answer.answer


@pytest.mark.parametrize("question", ["What's the most we can borrow?", "What is the most a small firm can get?",
                                      "At most, how much is the loan?"])
def test_the_most_one_can_get_asks_for_a_figure(question):
    from qa.analysis import detect_intent

    assert detect_intent(question, "en", False) == "target"


@pytest.mark.parametrize("question", ["What is the most important condition?", "Which district has the most firms listed?"])
def test_the_most_before_an_adjective_or_noun_asks_for_no_figure_by_itself(question):
    from qa.analysis import detect_intent

    assert detect_intent(question, "en", False) != "target"


@pytest.mark.parametrize("word", ["most", "least", "through", "via", "re", "ve", "ll"])
def test_english_function_words_and_contraction_tails_search_no_chinese_word(word):
    from qa.lexicon import expand

    expansion = expand(f"we {word} loan", {"贷款": 10, "重点": 10, "通过": 10, "重新": 10, "最少": 10})
    assert expansion.dictionary_terms == [] and [e.zh for e in expansion.glossary_terms] == ["贷款"]


@pytest.mark.parametrize("description", ["我们是一家小微企业", "我们是一家去年刚注册的小微企业", "本公司属于小微企业"])
def test_the_description_still_picks_the_rule_for_the_asker_among_the_clauses_sentences(loan_guide, description):
    """It ranks no clause, but within the amounts clause the sentence for 小微企业 is the asker's own."""
    from qa.chain import ask

    answer = ask(loan_guide, f"{description}，创业担保贷款最多能贷多少？")
    assert answer.answer.startswith("小微企业创业担保贷款：最高300万元[1]。")


@pytest.mark.parametrize("question, age", [
    ("I'm 40 and employed in Guangzhou. What's my rate?", 40.0), ("I am 58, registered as unemployed.", 58.0),
    ("As a 35-year-old founder, can I apply?", 35.0), ("aged 45, do I pay?", 45.0), ("我今年38了，还能报吗？", 38.0),
    ("我今年33，在公司上班。", 33.0), ("我33，在临海上班，要交钱吗", 33.0), ("本人今年41。", 41.0),
])
def test_an_english_or_unit_less_age_is_the_askers_own(question, age):
    from qa.figures import own_figures, own_values

    assert own_values(question) == [(age, "岁")] and own_figures(question) == [f"{int(age)}岁"]


@pytest.mark.parametrize("question", ["We have 20 staff.", "I am 20 km from the site.", "I'm 12 days late.", "我们有12了",
                                      "今年15，企业要报吗", "我有12，够吗"])
def test_a_number_of_something_else_is_no_age(question):
    from qa.figures import own_values

    assert [unit for _, unit in own_values(question) if unit == "岁"] == []  # ("20 staff" is the asker's headcount)


MADE_UP_CONTRIBUTIONS = """云溪市长期护理保险办法
第六条 个人缴费费率按年龄分段确定：
（一）未满35周岁参保人员个人不缴费；
（二）满35周岁至未满45周岁参保人员为0.03%；
（三）满45周岁至退休前参保人员为0.09%；
（四）退休人员为0.12%。
"""


@pytest.mark.parametrize("own_case, expected", [(True, ["(一)", "(二)", "(三)", "(四)"]), (False, ["(四)"])])
def test_an_item_retrieved_alone_brings_its_sibling_bands_when_the_asker_states_their_case(tmp_path_factory, own_case, expected):
    """"I'm 40…": the retrieved band (退休人员) is read with the other bands of its list, one of which is the asker's."""
    from qa.chain import _with_items, facts_for

    kb = knowledge_base_of(tmp_path_factory.mktemp("contributions"), {"care.txt": MADE_UP_CONTRIBUTIONS})
    facts = facts_for(kb)
    retired = next(facts.clause_ids[i] for i, locator in enumerate(facts.clause_locators) if locator.endswith("(四)"))
    read = _with_items(kb, [kb.get_hits([retired])[retired]], own_case=own_case)
    assert sorted(h.locator[h.locator.rindex("("):] for h in read) == sorted(expected)


@pytest.fixture(scope="module")
def contributions_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("contributions_ask"), {"care.txt": MADE_UP_CONTRIBUTIONS})


@pytest.mark.parametrize("question", ["I'm 40. What's my personal contribution rate for Yunxi's long-term care insurance?",
                                      "我今年40岁，云溪长护险个人缴费费率是多少？", "我今年40了，云溪长护险个人要交多少？"])
def test_the_askers_own_age_picks_their_band(contributions_kb, question):
    from qa.chain import ask

    assert "0.03%" in ask(contributions_kb, question).answer


@pytest.mark.parametrize("question", ["I'm 30 and work for a company in Yunxi. Do I personally have to pay anything toward long-term care insurance?",
                                      "I'm 30 and work in Yunxi. Do I need to pay anything for the long-term care insurance myself?"])
def test_whether_the_asker_pays_is_answered_by_the_band_of_their_own_age(contributions_kb, question):
    from qa.chain import ask

    answer = ask(contributions_kb, question)
    assert "个人不缴费" in answer.answer and answer.citations[0].locator.endswith("(一)")


@pytest.mark.parametrize("follow_up,band", [("And once I turn 40?", "0.03%"), ("What about when I reach 50?", "0.09%"),
                                            ("And at age 36?", "0.03%"), ("What about my husband? He's 46.", "0.09%")])
def test_an_english_turn_posing_another_age_asks_the_question_before_for_that_age(contributions_kb, follow_up, band):
    from qa.chain import ask

    first = ask(contributions_kb, "I'm 30 and work for a company in Yunxi. Do I personally have to pay anything toward long-term care insurance?")
    answer = ask(contributions_kb, follow_up, history=[first.to_dict()])
    assert band in answer.answer and any("for the case the turn poses" in line for line in answer.trace)


@pytest.mark.parametrize("question,values", [("And once I turn 40?", [(40.0, "岁")]), ("when she reaches 58", [(58.0, "岁")]),
                                             ("At age 45 how much do I pay?", [(45.0, "岁")]), ("He's 58.", [(58.0, "岁")]),
                                             ("My wife is 56 and runs a shop.", [(56.0, "岁")]), ("my father's 67", [(67.0, "岁")]),
                                             ("my son is 12 months old", []),
                                             ("the rate turns 50% next year", []), ("she is 12 people short", []),
                                             ("我们雇了12个员工", [(12.0, "人")]), ("店里有8个工人了", [(8.0, "人")]),
                                             ("现在有3个伙计", [(3.0, "人")])])
def test_an_age_turned_reached_or_said_of_a_relative_is_the_askers_case(question, values):
    from qa.figures import own_values

    assert own_values(question) == values


@pytest.mark.parametrize("question,age,expected", [
    ("I'm 30 and work in Yunxi. Do I pay?", 40, "I'm 40 and work in Yunxi. Do I pay?"),
    ("我今年30岁，要交钱吗？", 45, "我今年45岁，要交钱吗？"),
    ("Do I pay anything?", 50, "Do I pay anything? (aged 50)"),
])
def test_the_question_before_is_asked_again_for_the_age_posed(question, age, expected):
    from qa.figures import with_own_age

    assert with_own_age(question, age) == expected


MADE_UP_HOME_CARE = """临海市长期护理保险办法
第十条 居民参保人员接受居家护理（由定点护理机构派人上门提供护理服务）的，长护险基金支付比例为80%。
第十一条 职工参保人员接受居家护理（由定点护理机构派人上门提供护理服务）的，长护险基金支付比例为90%。
第十二条 定点护理机构应当按照协议提供上门护理服务，并如实记录服务内容。
"""


@pytest.fixture(scope="module")
def home_care_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("home_care"), {"care.txt": MADE_UP_HOME_CARE})


@pytest.mark.parametrize("question", ["我爸是临海的退休职工，长期卧床，想请护理机构派人上门照顾，长护险能报销多少比例？",
                                      "我妈是临海的职工参保人员，请人上门照顾的话，长护险报销比例是多少？"])
def test_the_askers_description_still_counts_a_little_when_it_says_which_rule(home_care_kb, question):
    """The description (退休职工) ranks less than what is asked, but it tells the 职工 rule from the 居民 one."""
    from qa.chain import ask

    answer = ask(home_care_kb, question)
    assert "90%" in answer.answer and "80%" not in answer.answer


def test_a_question_opening_with_spaces_has_no_description_of_the_asker():
    from qa.evidence import asked_keywords

    assert asked_keywords("  AI OPC plan, in 2026 how many communities do they want?", "en", lambda text: ["社区", "培育"]) is None


MADE_UP_COMMUTE_DEDUCTION = """国务院关于印发职工通勤费用专项扣除暂行办法的通知
第七条 纳税人发生的通勤费用支出，按照本办法规定扣除。
第八条 纳税人在主要工作城市发生的通勤费用支出，可以按照以下标准定额扣除：
（一）直辖市、省会（首府）城市、计划单列市，扣除标准为每月600元；
（二）除第一项所列城市以外，市辖区户籍人口超过100万的城市，扣除标准为每月450元；
（三）其他城市，扣除标准为每月300元。
第九条 夫妻双方主要工作城市相同的，只能由一方扣除通勤费用支出。
第十条 纳税人的配偶在纳税人的主要工作城市有自有住房的，视同纳税人在主要工作城市有自有住房。
"""


@pytest.fixture(scope="module")
def commute_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("commute_deduction"), {"commute.txt": MADE_UP_COMMUTE_DEDUCTION})


@pytest.mark.parametrize("question", [
    "我在成都上班，通勤费每个月能扣多少？",                      # a province's capital
    "我在大连工作，通勤费用一个月可以扣多少",                    # a city separately planned
    "在重庆上班的话通勤费用每月扣除标准是多少？",                # a municipality
    "I work in Xiamen. How much commuting cost can I deduct each month?",
])
def test_the_askers_city_picks_the_rule_for_its_class_of_city(commute_kb, question):
    from qa.chain import ask

    answer = ask(commute_kb, question)
    assert [c.locator for c in answer.citations] == ["第八条(一)"] and "600" in answer.answer


def test_a_city_of_no_listed_class_is_not_given_the_rule_for_those_classes(commute_kb):
    from qa.chain import ask

    answer = ask(commute_kb, "我在绵阳上班，通勤费用每月能扣多少？")
    assert "第八条(一)" not in [c.locator for c in answer.citations] and "600" not in answer.answer


@pytest.mark.parametrize("city_words, expected", [(("省会",), ["(四)"]), ((), ["(四)"])])
def test_a_list_not_tiered_by_class_of_city_brings_no_siblings_for_the_askers_city(tmp_path_factory, city_words, expected):
    """The age bands of a contributions list name no class of city: asking from 杭州 reads the retrieved band alone."""
    from qa.chain import _with_items, facts_for

    kb = knowledge_base_of(tmp_path_factory.mktemp("contributions_by_city"), {"care.txt": MADE_UP_CONTRIBUTIONS})
    facts = facts_for(kb)
    retired = next(facts.clause_ids[i] for i, locator in enumerate(facts.clause_locators) if locator.endswith("(四)"))
    read = _with_items(kb, [kb.get_hits([retired])[retired]], city_words=city_words)
    assert [h.locator[h.locator.rindex("("):] for h in read] == expected


def test_an_everyday_word_for_one_the_documents_use_is_no_unknown_word(commute_kb):
    from qa.chain import analyse, unknown_keywords

    ctx = analyse(commute_kb, "我老婆名下在成都有套房，我还能扣通勤费吗？", None)
    assert "老婆" not in unknown_keywords(commute_kb, ctx)  # 老婆 → 配偶 (the synonym table)


@pytest.mark.parametrize("question", ["How long can the loan run?", "And how long can I keep the loan?",
                                      "For how long can I hold the loan?"])
def test_a_sentence_holding_every_glossary_reading_of_a_short_english_question_answers_it(loan_guide, question):
    """"how long" → 期限 and "loan" → 贷款 are the glossary's readings, exact where the dictionary's (keep → 保持, 留存)
    are guesses: a sentence holding both answers, though it holds fewer than MIN_MATCHED_EN of all the words."""
    from qa.chain import ask

    answer = ask(loan_guide, question)
    assert [c.locator for c in answer.citations] == ["问4"] and "3 years" in answer.answer


MADE_UP_OPC_MEASURES = """临海市支持人工智能OPC发展若干措施
一、本措施所称OPC，是指由微型团队（一般不超过10人）创办的人工智能新型创业实体。
二、设立算力服务券，对OPC购买算力服务的，按照实际使用费用的50%给予最高20万元补助。
三、市政府对吸纳就业人数较多的公司另行给予奖励。
"""


@pytest.fixture(scope="module")
def opc_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("opc_measures"), {"opc.txt": MADE_UP_OPC_MEASURES})


@pytest.mark.parametrize("question", ["临海的方案里说的“一人公司”，团队人数一般不能超过多少？",
                                      "临海说的“一人公司”最多能有几个人？"])
def test_a_quoted_everyday_name_is_found_by_the_documents_word_for_it(opc_kb, question):
    """“一人公司” is quoted, so a clause must name it — or OPC, the documents' word for it (the synonym table)."""
    from qa.chain import ask

    answer = ask(opc_kb, question)
    assert not answer.refused and "10人" in answer.answer


@pytest.mark.parametrize("question", ["在临海开了个AI一人公司，每年买算力花的钱政府能补多少？",
                                      "我在临海开了家一人公司，买算力花了不少钱，能补多少？"])
def test_a_verb_phrase_or_a_word_cut_across_another_is_no_unknown_word(opc_kb, question):
    """jieba's tagger reads 开了个 as a noun and cuts 算力花 as 算/力花: neither is a topic the documents lack."""
    from qa.chain import analyse, ask, unknown_keywords

    unknown = unknown_keywords(opc_kb, analyse(opc_kb, question, None))
    assert not {"开了个", "开了家", "力花", "花了"} & set(unknown)
    answer = ask(opc_kb, question)
    assert not answer.refused and "20万元" in answer.answer


@pytest.mark.parametrize("question", ["另外问一下，个税专项附加扣除里，每个月能扣多少？", "问一下贷款里每个人最多多少？",
                                      "那个行动计划里贷款额度多少？", "这部分钱基金给报几成？", "那部分贷款利息谁出？"])
def test_asking_frames_name_no_keyword(loan_guide, question):
    """问(一下), …里, 每个, 那个, 这部分 frame the question: a sentence holding 每个 (每个子女) or 部分 is no nearer an
    answer."""
    from qa.chain import chinese_keywords

    words = chinese_keywords(loan_guide.keyword_index().tokenizer, question)
    assert not {"问", "里", "每个", "那个", "这部", "那部", "这部分", "那部分"} & set(words)


def test_an_everyday_name_for_a_kind_of_study_finds_its_deduction(tmp_path_factory):
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("study_deductions"), {"iit.txt": MADE_UP_STUDY_DEDUCTIONS})
    answer = ask(kb, "另外问一下，专项附加扣除里，我自己在读在职硕士，每个月能扣多少？")
    assert [c.locator for c in answer.citations] == ["第八条"] and "400元" in answer.answer


MADE_UP_STUDY_DEDUCTIONS = """国务院关于印发某某专项附加扣除暂行办法的通知
第五条 纳税人的子女接受全日制学历教育的相关支出，按照每个子女每月1000元的标准定额扣除。
第八条 纳税人在中国境内接受学历（学位）继续教育的支出，在学历（学位）教育期间按照每月400元定额扣除。
"""


@pytest.mark.parametrize("question", ["除了补钱，区里有没有直接送的免费算力？", "除了贷款以外，还有什么免费算力？",
                                      "除了资金之外，有免费算力吗"])
def test_what_a_question_sets_aside_is_no_keyword(opc_kb, question):
    """"除了X，…" sets X aside: a sentence about X is no nearer what is asked."""
    from qa.chain import chinese_keywords

    words = chinese_keywords(opc_kb.keyword_index().tokenizer, question)
    assert "算力" in words and not {"补钱", "贷款", "资金"} & set(words)


@pytest.mark.parametrize("description", [
    "我今年50岁，男，厂里下岗后开了个小面馆，办了个体户执照，现在想申请创业担保贷款",
    "我在外地打了十年工，回老家盘了家奶茶铺，装修花了八万，打算申请创业担保贷款",
    "我们夫妻俩在菜市场摆了五年摊，去年租了个铺面卖卤味，准备申请创业担保贷款",
])
def test_the_run_of_description_before_the_question_holds_no_unknown_word(loan_guide, description):
    """"我今年50岁，男，厂里下岗后开了个小面馆，…，现在想申请创业担保贷款，个人最多能贷多少？": 面馆, 执照 are the
    asker's story, which the clauses going on from "我…" tell (qa.evidence.without_description_run), not a topic the
    documents lack — the question is answered, not refused as being about things they never mention."""
    from qa.chain import analyse, ask, unknown_keywords

    question = f"{description}，个人最多能贷多少？"
    assert unknown_keywords(loan_guide, analyse(loan_guide, question, None)) == []
    answer = ask(loan_guide, question)
    assert not answer.refused and "20万元" in answer.answer


MADE_UP_EXPORT_FAIR_GUIDE = """2026年云溪区外贸发展专项资金申报指南
一、支持内容
1．支持参加境外展会。对企业参加境外重点展会的展位费，按实际发生额的50%给予支持，每家企业年度最高不超过100万元。
二、材料提交
1．请将申报材料发送至：yx_wm@example.com。材料上传后请致电下列联系人确认。
三、注意事项
1．本专项资金提交材料时间为即日起至2026年9月30日。
联系人：王小明
联系电话：0571-88886666
"""


@pytest.fixture(scope="module")
def fair_guide(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("fair_guide"), {"fair.txt": MADE_UP_EXPORT_FAIR_GUIDE})


@pytest.mark.parametrize("question", [
    "Who should I ring to confirm after emailing the files?", "After we email the materials, who do we phone to check?",
    "Who should we call after sending the files?", "云溪区外贸发展专项资金，材料发完以后打哪个电话确认？",
    "What number do we call afterwards to confirm?", "Which phone number should I ring once the files are sent?",
    "Is there a number to call to check they arrived?",
])
def test_asked_whom_to_telephone_the_documents_contact_block_answers_with_name_and_number(fair_guide, question):
    """The contacts block at a guide's end (联系人 / 联系电话) shares no word with "Who should I ring…?": asked for a
    number and finding none in the best clauses, the best document's clause headed as its contacts is read, and
    quoted whole — the person with the number."""
    from qa.chain import ask

    history = [{"question": "云溪区外贸发展专项资金，参加境外展会能补多少？"}]
    answer = ask(fair_guide, question, history=history)
    assert not answer.refused and "王小明" in answer.answer and "0571-88886666" in answer.answer
    assert [c.locator for c in answer.citations] == ["联系人"]


MADE_UP_NESTED_CONTRIBUTIONS = """云溪市长期护理保险试行办法
第五条 长护险缴费费率标准如下：
（一）职工参保人员
在职职工的缴费基数为其当年度职工医保缴费基数。月缴费费率按以下标准执行：
1.单位缴费费率为0.2%。
2.个人缴费费率：
（1）未满30周岁参保人员个人不缴费；
（2）满30周岁至未满50周岁参保人员为0.04%；
（3）满50周岁至退休前参保人员为0.09%；
（4）退休人员为0.11%。
（二）居民参保人员
年缴费费率个人缴费和财政补助各为0.2%。
"""


@pytest.fixture(scope="module")
def nested_contributions(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("nested_contributions"), {"care.txt": MADE_UP_NESTED_CONTRIBUTIONS})


@pytest.mark.parametrize("own_case, expected", [(True, ["(一)", "(一)1", "(一)2(1)", "(一)2(2)", "(一)2(3)", "(一)2(4)", "(二)"]),
                                               (False, ["(一)"])])
def test_a_lead_in_whose_list_is_numbered_another_way_brings_its_bands_when_the_asker_states_their_case(
        nested_contributions, own_case, expected):
    """"（一）职工参保人员…按以下标准执行：" opens items numbered 1. and 2., and 2.'s bands (1)…(4) are clauses of
    their own under no clause of 2.: retrieved alone and asked with the asker's own age ("我38岁…"), the lead-in
    brings them (and its sibling (二), as any item does), so the band bounding the age can answer — not the
    residents' rate beside it."""
    from qa.chain import _with_items, facts_for

    facts = facts_for(nested_contributions)
    lead_in = next(facts.clause_ids[i] for i, locator in enumerate(facts.clause_locators) if locator.endswith("条(一)"))
    read = _with_items(nested_contributions, [nested_contributions.get_hits([lead_in])[lead_in]], own_case=own_case)
    assert sorted(h.locator[h.locator.index("("):] for h in read) == sorted(expected)


@pytest.mark.parametrize("question,rate", [
    ("我38岁，在一家物流公司上班，交的是职工医保。云溪长护险每个月从我个人这边扣多少比例？", "0.04%"),
    ("我今年45，单位给交职工医保，云溪长护险个人费率是多少？", "0.04%"),
    ("我52岁，还在厂里上班，职工医保，云溪长护险个人每月按多少比例缴？", "0.09%"),
])
def test_the_askers_band_is_found_under_a_lead_in_whose_list_is_numbered_another_way(nested_contributions, question, rate):
    """"（一）职工参保人员…按以下标准执行：" opens items numbered 1. and 2., and 2.'s bands (1)…(4) are clauses of
    their own under no clause of 2.: asked with the asker's own age, the lead-in brings those bands, and the one
    bounding the age answers — not the residents' rate beside it."""
    from qa.chain import ask

    answer = ask(nested_contributions, question)
    assert rate in answer.answer and "0.2%" not in answer.answer.split("依据")[0]


@pytest.mark.parametrize("first,follow_up", [
    ("I'm 38 and on the employee scheme in Yunxi. What personal long-term care rate do I pay each month?",
     "My father is retired and also on the employee scheme. Does he pay more than me, and what's his rate?"),
    ("I'm 41, employee insurance in Yunxi. What's my personal care-insurance contribution rate?",
     "My aunt has already retired, same scheme. Is her rate higher than mine? What is it?"),
    ("我38岁，在云溪交职工医保，长护险个人每月缴费比例是多少？",
     "My mum is retired and on the employee scheme too — does she pay more than I do?"),
])
def test_another_persons_case_said_as_an_event_picks_their_band_of_the_list(nested_contributions, first, follow_up):
    """"My father is retired…": being past an event (退休) is a case as an age is — the bands of the list are read
    beside the one retrieved, and the one for those past it (退休人员) answers, not the band up to it (至退休前);
    measured against the asker ("than me"), the turn goes on from the one before."""
    from qa.chain import ask

    before = ask(nested_contributions, first)
    answer = ask(nested_contributions, follow_up, history=[before.to_dict()])
    assert "0.11%" in answer.answer and "0.09%" not in answer.answer


# --- a story of several sentences, then the question ----------------------------------------------------------

MADE_UP_ROOFTOP_AWARDS = """青峰市屋顶光伏和出海补助办法
第一条 为推进屋顶光伏建设，制定本办法。
第二条 执行居民电价的学校分布式光伏奖励标准0.2元/千瓦时，其他分布式光伏奖励标准0.04元/千瓦时。
第三条 企业赴境外开拓国际市场发生的费用，按照实际发生额30%的比例给予支持，每家企业年度最高不超过80万元。
第四条 在全省范围内选择20个左右有条件的县，开展屋顶光伏整县推进试点。
第五条 学校分布式光伏项目的奖励期限为连续5年，奖励资金每年拨付一次。
第六条 光伏项目投资主体应在项目并网投产后一年以内，向项目所在区发展改革委提交奖励申报申请。
"""

STORIES = [  # the asker's own story, with words no document uses (寒假, 体育馆, 宿舍楼, 老家, 博主), not opening with 我
    "去年寒假学校在体育馆和宿舍楼顶上装了一套分布式光伏，校长让我去问问。",
    "学校离我老家不远，好几个博主朋友都来拍过体育馆顶上的光伏。",
    "我在一所小学管后勤，学校想知道有没有奖励。去年寒假在体育馆和宿舍楼顶上装了分布式光伏。",
]


@pytest.fixture(scope="module")
def rooftop_awards(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("rooftop_awards"), {"awards.txt": MADE_UP_ROOFTOP_AWARDS})


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("asked", ["这种情况每度电奖多少？", "学校装的光伏每度电能奖励多少？"])
def test_the_words_of_a_story_told_before_the_question_do_not_make_it_unanswerable(rooftop_awards, story, asked):
    from qa.chain import ask

    answer = ask(rooftop_awards, story + asked)
    assert not answer.refused and [c.locator for c in answer.citations] == ["第二条"]
    assert "0.2元/千瓦时" in answer.answer


@pytest.mark.parametrize("text,asking", [
    ("我在一所小学管后勤。去年寒假装了光伏。每度电奖多少？", "每度电奖多少？"),
    ("已经有几个博主朋友说愿意试用。听说有免费住的地方，能住几天？", "听说有免费住的地方，能住几天？"),  # 几个 of a statement
    ("学校装了光伏，我想问一下能奖多少。", "学校装了光伏，我想问一下能奖多少。"),  # one sentence: all of it asks
    ("装了光伏。能奖多少？多久发？", "能奖多少？多久发？"),
])
def test_the_sentences_that_ask_are_told_from_the_story_before_them(text, asking):
    from qa.evidence import asking_sentences

    assert asking_sentences(text) == asking


def test_a_question_whose_asking_sentence_names_what_no_document_holds_is_still_refused(rooftop_awards):
    from qa.chain import ask

    answer = ask(rooftop_awards, "我在镇上开了家店，生意还行。宠物医院的装修押金能补贴多少？")
    assert answer.refused


@pytest.mark.parametrize("asked", ["这类开拓市场的花销按多少比例补？", "这种开拓市场的开销能补几成？", "开拓海外市场的花费按什么比例补贴？"])
def test_an_everyday_word_for_costs_and_a_compound_of_document_words_are_known(rooftop_awards, asked):
    from qa.chain import ask

    answer = ask(rooftop_awards, "我们公司今年去迪拜参加了一个展会，展位加差旅花了不少钱。" + asked)
    assert not answer.refused and [c.locator for c in answer.citations] == ["第三条"] and "30%" in answer.answer


@pytest.mark.parametrize("asked", ["打算在全省选多少个县试点？", "全省打算选几个县开展试点？"])
def test_what_is_counted_may_be_named_by_its_words_apart(rooftop_awards, asked):
    from qa.chain import ask

    answer = ask(rooftop_awards, asked)  # 选…县试点: "选择20个左右有条件的县，开展…试点"
    assert not answer.refused and "20个左右" in answer.answer


MADE_UP_MODEL_FEES = """青峰市支持人工智能创业若干措施
一、算力补助。对企业使用算力服务费用的50%给予最高20万元补助，补助期限不超过3年。
二、模型应用。支持企业通过调用第三方大模型API开展垂直领域应用，按照不超过模型采购费用的50%给予最高100万元补助。
三、人才公寓。为创业人才提供最长6个月的过渡性住宿。
"""


@pytest.mark.parametrize("story", [
    "我在高新区一个人开了家AI公司，平时就我和一个兼职实习生。我没自己训模型，用的是第三方大模型API，今年光调用费就花了六十多万，心疼死了。",
    "我们工作室三个人，给律所做合同审查的智能体。模型是调第三方大模型API的，一年调用费五十来万，老板天天叫苦。",
])
def test_a_question_pointing_at_its_story_is_answered_from_the_storys_document_words(tmp_path_factory, story):
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("model_fees"), {"measures.txt": MADE_UP_MODEL_FEES})
    answer = ask(kb, story + "听说能补一部分，这块是怎么补的？")
    assert not answer.refused and [c.locator for c in answer.citations] == ["二"] and "100万元" in answer.answer


@pytest.mark.parametrize("story", STORIES)
@pytest.mark.parametrize("follow_up", ["能奖几年？", "这个奖励能拿多久？"])
def test_a_turn_going_on_from_a_story_first_question_keeps_its_matter_not_its_story(rooftop_awards, story, follow_up):
    from qa.chain import ask

    first = ask(rooftop_awards, story + "学校装的光伏每度电能奖励多少？")
    answer = ask(rooftop_awards, follow_up, history=[first.to_dict()])
    assert not answer.refused and "5年" in answer.answer


@pytest.mark.parametrize("question,values", [
    ("we've taken on five people from our home village.", [(5.0, "人")]), ("We recruited 6 workers last year.", [(6.0, "人")]),
    ("I created jobs for 7 people.", [(7.0, "人")]), ("we brought on three staff", [(3.0, "人")]),
    ("We have taken on 5 people", [(5.0, "人")]), ("firms that hire 10 people", []),
])
def test_the_askers_headcount_is_said_with_any_verb_of_hiring(question, values):
    from qa.figures import own_values

    assert own_values(question) == values


ENGLISH_STORIES = [
    "I'm 52 and I lost my job at a garment factory last spring. I've been registered as unemployed ever since. "
    "My husband and I opened a little noodle shop as an individual business.",
    "My wife and I moved back from Shenzhen last year. I was registered as unemployed for a while. "
    "Now I run a small repair shop as an individual business.",
]


@pytest.mark.parametrize("story", ENGLISH_STORIES)
def test_a_turn_going_on_from_an_english_story_first_question_keeps_the_question_not_the_story(loan_guide, story):
    from qa.chain import analyse, ask

    first = ask(loan_guide, story + " How big a guaranteed start-up loan could I get?")
    turn = analyse(loan_guide, "And for how long?", [first.to_dict()])
    assert set(turn.keywords) == {"创业", "担保", "贷款", "创业担保贷款"}  # no 失业, 个体工商户, 登记 of the story



@pytest.mark.parametrize("question", ["By when after grid connection does the school have to apply for the award?",
                                      "学校光伏并网后什么时候要提交奖励申报？"])
def test_a_deadline_counted_from_an_event_answers_by_when(rooftop_awards, question):
    from qa.chain import ask

    answer = ask(rooftop_awards, question)
    assert not answer.refused and [c.locator for c in answer.citations][:1] == ["第六条"] and "一年以内" in answer.answer


MADE_UP_FUND_GUIDE = """2026年云溪区出海专项资金申报指南
一、支持内容
对企业参加境外展会发生的展位费，按照实际发生额的40%给予支持，每家企业年度最高不超过100万元。
四、申报方式
1．请将申报材料发送至：yx_fund@126.com，邮件标题注明申报主体名称。电子版材料发送后请致电下列联系人确认。
五、申报时间
1．本专项资金提交材料时间为即日起至2026年9月30日。
六、联系方式
联系人：王明
联系电话：021-12345678
"""


@pytest.mark.parametrize("question", ["什么时候截止？邮件发完要打电话给谁确认？", "申报截止到哪天？发完邮件找谁确认，电话多少？",
                                      "云溪区出海专项资金申报什么时候截止？材料发完打谁的电话？"])
def test_a_question_of_two_parts_is_relevant_when_the_clauses_read_together_hold_it(tmp_path_factory, question):
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("fund_guide"), {"guide.txt": MADE_UP_FUND_GUIDE})
    answer = ask(kb, question)
    assert not answer.refused and "2026年9月30日" in answer.answer and "021-12345678" in answer.answer



@pytest.mark.parametrize("question,values,bounds", [
    ("我合伙人明年正好满45岁，到时候他还算港澳青年吗？", [(45.0, "岁")], {}), ("我下个月就满35周岁了", [(35.0, "岁")], {}),
    ("她年底刚好满60岁，还能申请吗", [(60.0, "岁")], {}),
    ("年满45周岁的可以申请吗？", [], {"45": "more"}), ("满35周岁至未满45周岁", [], {"35": "more", "45": "less"}),
])
def test_an_age_reached_at_a_time_said_is_the_persons_age_not_a_bound(question, values, bounds):
    from qa.figures import comparisons, own_values

    assert own_values(question) == values and comparisons(question) == bounds


@pytest.mark.parametrize("question, modal_verb", [
    ("我在临海开了家一人公司，个税的算力费用能扣多少？", "能扣"), ("我在临海开了家一人公司，算力费用可补多少？", "可补"),
    ("我在临海开了家一人公司，这块算力费用能贷多少？", "能贷"),
])
def test_a_modal_and_its_verb_cut_as_one_noun_is_no_unknown_word(opc_kb, question, modal_verb):
    """jieba's tagger may read 能扣 / 可补 / 能贷 (may deduct, may subsidise, may borrow) as a noun: what is asked of
    the topic, never a topic the documents lack."""
    from qa.chain import analyse, unknown_keywords

    assert modal_verb not in unknown_keywords(opc_kb, analyse(opc_kb, question, None))


MADE_UP_TALENT_MEASURES = """临海市青年人才集聚办法
第一条 本办法所称青年人才，是指40周岁以下、在临海市工作的人才。其中，青年创业团队是指青年人才人数比例达40%以上的团队。
第二条 对企业引进的紧缺人才，分3年给予政府安家补助；对现有紧缺人才，给予一次性培养补贴。
"""


@pytest.fixture(scope="module")
def talent_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("talent_measures"), {"talent.txt": MADE_UP_TALENT_MEASURES})


@pytest.mark.parametrize("question, expected", [
    ("我让30岁的朋友牵头组团队，团队里青年人才要占多少才算青年创业团队？", "40%以上"),  # the asker's 30岁 is no age asked
    ("How is the settling-in allowance for scarce talent paid out?", "分3年"),
    ("我们引进了一个紧缺人才，安家补助怎么发？", "分3年"),
])
def test_a_share_or_a_payment_schedule_is_answered_by_the_sentence_stating_it(talent_kb, question, expected):
    from qa.chain import ask

    answer = ask(talent_kb, question)
    assert not answer.refused and expected in answer.answer


@pytest.mark.parametrize("question, verb", [("能贷几年？", "贷"), ("最长能贷几年", "贷"), ("个税这块能扣多少", "扣"),
                                            ("公寓能住多久？", "住")])
def test_a_modal_fused_with_its_verb_keeps_the_verb_as_a_keyword(opc_kb, question, verb):
    """"能贷几年？": the segmenter fuses 能贷; the modal says nothing, the verb says what is asked about (贷: the loan)."""
    from qa.chain import chinese_keywords

    words = chinese_keywords(opc_kb.keyword_index().tokenizer, question)
    assert verb in words and not {"能贷", "能扣", "能住"} & set(words)


def test_a_dictionary_word_starting_with_a_modal_is_kept_whole(opc_kb):
    from qa.chain import chinese_keywords

    assert "能源" in chinese_keywords(opc_kb.keyword_index().tokenizer, "新能源补贴多少")


MADE_UP_STARTUP_PLAN = """临海市OPC创业社区推广方案
一、工作目标
到2027年，建成OPC创业社区10个。
二、政策支持
7．强化初创扶持。对正常运营1年以上的离校2年内高校毕业生，给予最高1万元一次性创业补贴。
8．对入驻社区的OPC，免费提供办公工位。
"""


@pytest.fixture(scope="module")
def startup_plan_kb(tmp_path_factory):
    return knowledge_base_of(tmp_path_factory.mktemp("startup_plan"), {"plan.txt": MADE_UP_STARTUP_PLAN})


@pytest.mark.parametrize("question", [
    "我去年夏天从临海一所大学毕业，毕业前就注册了个AI工作室，到现在正常运营一年多了，有没有一次性的创业补贴？",
    "我前年从技校毕业，在临海跟同学合伙开了个设计工作室，干了一年多了，创业补贴能给多少？",
])
def test_a_story_told_in_the_clauses_before_the_one_that_asks_needs_no_clause_of_its_own(startup_plan_kb, question):
    """One sentence, its opening clauses the asker's story (去年夏天, 一所大学, 工作室): what it asks (一次性的创业补贴)
    decides whether a clause is relevant."""
    from qa.chain import ask

    answer = ask(startup_plan_kb, question)
    assert not answer.refused and "1万元" in answer.answer


def test_a_story_before_a_question_no_clause_answers_is_still_refused(startup_plan_kb):
    from qa.chain import ask

    answer = ask(startup_plan_kb, "我去年从临海一所大学毕业，注册了个AI工作室，运营一年多了，子女入学有没有加分？")
    assert answer.refused


@pytest.mark.parametrize("question, language, items", [
    ("“羊城学者”特聘岗位和“百人计划”拓展项目比，哪个人数多？", "zh", ("“羊城学者”特聘岗位", "“百人计划”拓展项目")),
    ("机构护理和居家护理相比，哪个报销比例高？", "zh", ("机构护理", "居家护理")),
    ("烘干机跟收获机比一下，哪个补得多", "zh", ("烘干机", "收获机")),
    ("Which is bigger, the subsidy for harvesters or the one for dryers?", "en", ("the subsidy for harvesters", "the one for dryers")),
    ("Which city gives more, Wuhan or Hangzhou?", "en", ("Wuhan", "Hangzhou")),
])
def test_two_items_compared_are_read_apart(question, language, items):
    from qa.evidence import compared_items

    assert compared_items(question, language)[:2] == items


@pytest.mark.parametrize("question, language", [("烘干机和收获机各补多少？", "zh"), ("我和我老婆比谁扣得多？", "zh"),
                                                ("Is the subsidy for dryers higher than for harvesters?", "en"),
                                                ("Which, if any, is bigger?", "en")])
def test_a_question_comparing_no_two_named_items_is_not_split(question, language):
    from qa.evidence import compared_items

    assert compared_items(question, language) is None


MADE_UP_TALENT_PROJECTS = """临海市人才集聚工程实施意见
（一）“星火学者”岗位项目。面向全市高校择优设立30个“星火学者”岗位，遴选中青年优秀学术人才。
（二）“千人计划”引才项目。深入实施“创新创业千人计划”，探索设立团队项目。5年内重点引进扶持150名左右创新创业领军人才。
（三）博士后培养项目。5年内培养资助博士后研究人员不少于80名。
"""


def test_each_of_two_compared_items_is_answered_with_its_own_figure(tmp_path_factory):
    """"X和Y比，哪个人数多？": both figures (30个, 150名左右) — 千人计划 is a programme's name, no count."""
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("talent_projects"), {"projects.txt": MADE_UP_TALENT_PROJECTS})
    answer = ask(kb, "“星火学者”岗位项目和“千人计划”引才项目比，哪个人数多？")
    assert "30个" in answer.answer and "150名左右" in answer.answer


def test_a_figure_the_documents_only_refer_to_is_refused(tmp_path_factory):
    """"…60% of the 2021 average monthly wage — what was that wage in yuan?": the measures name the wage, no sum of
    it; the 60% answers no question asked in yuan."""
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("contribution_base"), {"care.txt": (
        "临海市长期护理保险办法\n第六条 退休人员长护险缴费基数为2021年度本市在岗职工月平均工资的60%，费率为0.1%。\n")})
    answer = ask(kb, "For retirees in Linhai the base is 60% of the 2021 average monthly wage — what was that wage in yuan?")
    assert answer.refused


MADE_UP_HOUSING_MEASURES = """临海市支持人工智能OPC发展若干措施
四、构建人才安居体系。对OPC创始人在我市购买新建商品房的，按照每平方米1000元给予最高10万元购房补贴。对租住人才公寓的OPC创业者，给予2年且每月不超过2000元的免租优惠。
五、实施青年科技新星项目。对35周岁以下青年科技人员，连续3年每年给予科研经费资助。
"""


def test_how_a_sum_is_paid_out_is_answered_from_the_sentence_saying_so_or_refused(tmp_path_factory):
    from qa.chain import ask

    kb = knowledge_base_of(tmp_path_factory.mktemp("housing_measures"), {"m.txt": MADE_UP_HOUSING_MEASURES})
    first = ask(kb, "临海的OPC创始人买新建商品房，购房补贴能拿多少？")
    assert "10万元" in first.answer
    unsaid = ask(kb, "这笔购房补贴是一次性发，还是分几年发？", history=[first.to_dict()])
    assert unsaid.refused  # the 2年 and 每月 of the rent-free offer say nothing of the purchase subsidy
    said = ask(kb, "临海青年科技新星项目的科研经费是一次性给，还是分几年给？")
    assert not said.refused and "连续3年" in said.answer


@pytest.mark.parametrize("question, asking", [("能贷几年？", "几年"), ("能补几个月", "几个月"), ("基金给报几成", "几成"),
                                              ("要干满几年", "几年")])
def test_how_many_years_months_or_tenths_ask_and_name_nothing(loan_guide, question, asking):
    from qa.chain import chinese_keywords

    assert asking not in chinese_keywords(loan_guide.keyword_index().tokenizer, question)


@pytest.mark.parametrize("follow_up", ["能贷几年？", "最长能贷几年", "可以贷几年？"])
def test_another_figure_of_the_loan_after_a_story_is_read_from_its_own_clause(loan_guide, follow_up):
    """After the amount, asked with the asker's story (退役军人, 小饭馆, 6个人): the term stands in a clause of its
    own — the verb 贷 says what the short turn is about, 几年 only asks."""
    from qa.chain import ask

    first = ask(loan_guide, "我是退役军人，在云溪开了个小饭馆，店里雇了6个人，创业担保贷款个人最多能贷多少？")
    answer = ask(loan_guide, follow_up, history=[first.to_dict()])
    assert "20万元" in first.answer and "3年" in answer.answer


MADE_UP_LOAN_FAQ = """云溪市创业担保贷款常见问题
一、个人创业担保贷款最高可以申请多少额度？
答：个人创业担保贷款额度最高20万元。
二、个人创业担保贷款由哪些银行经办？
答：个人创业担保贷款由工商银行、农业银行云溪分行经办。
三、个人创业担保贷款有哪些申请渠道？
答：个人创业担保贷款可在云溪市政务服务网或经办银行网点申请。
四、个人创业担保贷款需要哪些材料？
答：个人创业担保贷款申请表、身份证、营业执照。
五、个人创业担保贷款可以展期吗？
答：个人创业担保贷款到期确有困难的，可以展期一次。
六、创业担保贷款每次最长可以申请多长时间？
答：个人创业担保贷款每次期限最长不超过3年。
"""


@pytest.mark.parametrize("follow_up", ["And for how long?", "For how long?", "多久？"])
def test_a_bare_follow_up_asking_another_kind_of_figure_is_answered_from_the_clause_stating_it(tmp_path_factory, follow_up):
    """The amount's clause says nothing of how long, and the earlier turn's words (个人创业担保贷款) rank every other
    clause first: the clause of the same document stating a duration is read."""
    from qa.chain import ask

    kb = made_up_loan_faq(tmp_path_factory)
    first = ask(kb, "云溪的个人创业担保贷款最多能贷多少？")
    answer = ask(kb, follow_up, history=[first.to_dict()])
    assert "20万元" in first.answer and "3年" in answer.answer


_LOAN_FAQ: list = []


def made_up_loan_faq(tmp_path_factory):
    if not _LOAN_FAQ:
        _LOAN_FAQ.append(knowledge_base_of(tmp_path_factory.mktemp("loan_faq"), {"faq.txt": MADE_UP_LOAN_FAQ}))
    return _LOAN_FAQ[0]


# --- items numbered 1., 2. under a heading ("（一）…费用\n1. 职工参保人员…\n2. 居民参保人员…"): the sibling of the one
# retrieved is the rule for the asker's case as much as a band numbered (一), (二) is ---------------------------------------

MADE_UP_PAYMENT_SHARES = """临海市长期护理保险试行办法
第十七条 长护险费用按以下比例支付：
（一）生活照料费用和医疗护理费用
1. 职工参保人员由长护险基金按机构护理72%、居家护理88%的比例支付；
2. 居民参保人员由长护险基金按机构护理66%、居家护理81%的比例支付。
（二）设备使用费用
1. 享受长护险3级待遇的长期失能人员由长护险基金按88%的比例支付；
2. 享受长护险1级待遇的失能人员由长护险基金按78%的比例支付。
"""


@pytest.mark.parametrize("retrieved,case_words,expected", [
    ("第十七条(一)2", ("职工",), ["第十七条(一)1", "第十七条(一)2"]),  # 职工 said earlier: the 职工 share beside the 居民 one
    ("第十七条(二)1", ("1级",), ["第十七条(二)1", "第十七条(二)2"]),
    ("第十七条(一)1", ("职工",), ["第十七条(一)1"]),  # the retrieved item names the case already
    ("第十七条(一)2", ("医保",), ["第十七条(一)2"]),  # no sibling tells the case apart
])
def test_an_item_numbered_under_a_heading_brings_the_sibling_naming_the_askers_earlier_case(tmp_path_factory, retrieved,
                                                                                          case_words, expected):
    """The 居民 share retrieved, the 职工 share beside it for an asker who said earlier they are 职工 (not the 设备使用费用
    items numbered 1., 2. under another heading)."""
    from qa.chain import _with_items, facts_for

    kb = knowledge_base_of(tmp_path_factory.mktemp("payment_shares"), {"care.txt": MADE_UP_PAYMENT_SHARES})
    facts = facts_for(kb)
    chunk = next(facts.clause_ids[i] for i, locator in enumerate(facts.clause_locators) if locator == retrieved)
    read = _with_items(kb, [kb.get_hits([chunk])[chunk]], case_words=case_words)
    assert sorted(h.locator for h in read) == expected


def test_items_numbered_under_a_heading_are_not_brought_by_the_askers_figures_alone(tmp_path_factory):
    """Items numbered 1., 2. are a plan's measures as often as a rule's cases: "I'm 40" brings no sibling of them."""
    from qa.chain import _with_items, facts_for

    kb = knowledge_base_of(tmp_path_factory.mktemp("payment_shares_own"), {"care.txt": MADE_UP_PAYMENT_SHARES})
    facts = facts_for(kb)
    chunk = next(facts.clause_ids[i] for i, locator in enumerate(facts.clause_locators) if locator == "第十七条(一)2")
    assert [h.locator for h in _with_items(kb, [kb.get_hits([chunk])[chunk]], own_case=True)] == ["第十七条(一)2"]


@pytest.mark.parametrize("question", [
    "Under Yunxi's start-up guaranteed loan scheme, what is the maximum amount and the longest term for a small business borrower?",
    "What's the loan cap and the maximum term for a small firm under Yunxi's start-up guaranteed loan?",
    "Under Yunxi's start-up guaranteed loan, how much at most and for how long can a small business borrow?",
])
def test_one_part_asking_a_sum_and_a_span_quotes_a_sentence_stating_each(loan_guide, question):
    """"the maximum amount and the longest term": one part asking two kinds of figure, stated in two clauses — the
    amount's sentence is quoted beside the term's."""
    from qa.chain import ask

    answer = ask(loan_guide, question)
    assert "300万元" in answer.answer and "2年" in answer.answer
