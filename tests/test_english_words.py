"""English question words meet the glossary and the dictionary whatever their form: plural or singular,
British or American spelling, past tense or -ing."""

import pytest

from qa.lexicon import _lookup, cedict_index, expand, lemmas, word_form


@pytest.mark.parametrize("word, form", [
    ("loans", "loan"), ("loan", "loan"), ("subsidies", "subsidy"), ("taxes", "tax"), ("fees", "fee"),
    ("subsidised", "subsidized"), ("organisations", "organization"), ("programmes", "programme"),
    ("business", "business"), ("bonus", "bonus"), ("analysis", "analysis"), ("economics", "economics"),
    ("news", "news"), ("its", "its"),
])
def test_a_word_is_compared_in_its_american_singular_form(word, form):
    assert word_form(word) == form


@pytest.mark.parametrize("word, lemma", [
    ("subsidised", "subsidize"), ("subsidized", "subsidize"), ("falsified", "falsify"), ("applying", "apply"),
    ("charging", "charge"), ("loans", "loan"), ("licences", "licence"),
])
def test_a_dictionary_lookup_tries_the_words_lemma(word, lemma):
    assert lemma in lemmas(word)


@pytest.mark.parametrize("word, chinese", [("subsidised", "补贴"), ("subsidized", "补贴"), ("falsified", "作假")])
def test_inflected_and_british_words_find_their_dictionary_translation(word, chinese):
    assert chinese in _lookup(cedict_index(), word)


@pytest.mark.parametrize("question", [
    "How long can business start-up guaranteed loans run?",
    "What do Business Start-Up Guaranteed Loans cost?",
    "Is there a cap on a business start-up guaranteed loan?",
    "who can get start-up loans",
])
def test_a_glossary_phrase_matches_in_plural_and_any_case(question):
    expansion = expand(question, {"创业担保贷款": 3})  # (and 期限 for "how long")
    assert [e.zh for e in expansion.glossary_terms if "贷款" in e.zh] == ["创业担保贷款"]


def test_a_word_whose_own_entry_names_nothing_the_documents_use_falls_back_to_its_lemma():
    """'adjusted' may have an entry of its own; when none of its words is in the documents, 'adjust' is tried."""
    expansion = expand("Can the standards be adjusted?", {"调整": 2, "标准": 5})
    assert "调整" in expansion.dictionary_terms


@pytest.mark.parametrize("question, zh", [("What is the cap for vertical-domain large models?", "大模型"),
                                          ("Which bureau handles first major technical equipment?", "首台(套)")])
def test_a_glossary_name_matches_without_its_parenthesis_too(question, zh):
    """'large model (large language model)' is also 'large model'; a single word left over is no phrase."""
    assert zh in [e.zh for e in expand(question, {zh: 1}).glossary_terms]


def test_rows_one_english_phrase_names_are_one_word_of_the_question():
    """'overseas' names 境外 and 海外: the share of the question's words a clause renders counts it once."""
    expansion = expand("What support is there for overseas trade fairs?", {"境外": 1, "海外": 1, "展会": 1})
    assert ["境外", "海外"] in expansion.groups and len([g for g in expansion.groups if "境外" in g or "海外" in g]) == 1


@pytest.mark.parametrize("question,amounts", [
    ("And if over 30 million yuan?", ["3000万"]), ("a grant of 500,000 yuan", ["50万"]), ("1.2 billion yuan in total", ["12亿"]),
    ("3,000 yuan per month", ["3000元"]), ("over 10 million and 30 million", ["1000万", "3000万"]),
    ("by 2028", []), ("50 km offshore", []), ("2 years", []),
])
def test_an_english_amount_is_also_searched_as_the_documents_write_it(question, amounts):
    from qa.english import chinese_amounts

    assert chinese_amounts(question) == amounts


@pytest.mark.parametrize("question", ["How long can I keep the loan?", "For how long is the subsidy paid?",
                                      "Is there a time limit on the voucher?", "What's the duration of the award?"])
def test_asking_how_long_reads_as_the_documents_word_for_a_period(question):
    assert "期限" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question,kinds", [
    ("And how long can I keep the loan?", {"duration"}),
    ("How many years can I get the subsidy?", {"duration"}),
    ("How many companies can get the grant?", {"count"}),
    ("When is the allowance paid?", {"date"}),
    ("How much is the loan?", {"money", "percent", "rate"}),             # asked in so many words
    ("What's the maximum loan, and for how long?", {"duration", "money", "percent", "rate"}),
])
def test_a_loan_or_subsidy_named_beside_another_figure_asked_is_what_about_not_the_sum_asked(question, kinds):
    from qa.figures import asked_kinds

    assert asked_kinds(question, "en") == kinds


@pytest.mark.parametrize("question,percent", [
    ("What if I have a sister to share it with?", False), ("Can my brother and I share it?", False),
    ("We share an office, can we both apply?", False),
    ("What share of the cost is covered?", True), ("Is the share of the fee paid by the city?", True),
    ("What share do we pay ourselves?", True), ("Do we each get an equal share?", True),
])
def test_to_share_something_asks_no_share_only_a_share_asked_for_does(question, percent):
    from qa.figures import asked_kinds

    assert ("percent" in asked_kinds(question, "en")) is percent


@pytest.mark.parametrize("question", ["Do I personally have to pay anything toward the care insurance?",
                                      "Do I need to pay anything myself?", "Do individuals pay for it?"])
def test_asking_whether_the_asker_pays_reads_as_the_individuals_contribution(question):
    assert "个人缴费" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["I'm a 57-year-old woman thinking about the startup guaranteed loan.",
                                      "Can I get a start-up guaranteed loan?"])
def test_the_startup_guaranteed_loan_is_named_in_either_word_order(question):
    assert "创业担保贷款" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question,duration", [("Do I pay anything toward long-term care insurance?", False),
                                               ("What is the long term care fund's cap?", False),
                                               ("What is the loan term?", True), ("Is there short-term housing?", True)])
def test_long_term_names_a_kind_of_care_and_asks_no_duration(question, duration):
    from qa.figures import asked_kinds

    assert ("duration" in asked_kinds(question, "en")) is duration


@pytest.mark.parametrize("question,zh", [("What's the cap for a large sugarcane harvester?", ["甘蔗", "收获机"]),
                                         ("How much for a grain dryer?", ["烘干机"]), ("Is a seeder covered?", ["播种机"]),
                                         ("What is the per-unit cap for grain dryers?", ["烘干机", "单机"])])
def test_farm_machines_and_per_unit_caps_are_named_in_the_documents_words(question, zh):
    terms = [e.zh for e in expand(question, frozenset()).glossary_terms]
    assert all(z in terms for z in zh)


@pytest.mark.parametrize("question,parts", [
    ("How does the compute-voucher subsidy compare - what percentage and what cap?",
     ["How does the compute-voucher subsidy compare", "what percentage", "what cap"]),
    ("Which loan is it – how much can I borrow?", ["Which loan is it", "how much can I borrow"]),
    ("Is the start-up loan - the guaranteed one - still open?", ["Is the start-up loan - the guaranteed one - still open"]),
])
def test_a_dash_before_a_question_word_starts_another_part(question, parts):
    from qa.evidence import question_parts

    assert question_parts(question, "en") == parts


@pytest.mark.parametrize("word,noun", [("ecological", "ecology"), ("economic", "economy"), ("technological", "technology")])
def test_an_adjective_is_also_looked_up_as_its_noun(word, noun):
    assert noun in lemmas(word)


def test_an_adjective_the_dictionary_lists_only_as_a_noun_finds_the_documents_word():
    assert "生态" in expand("how many ecological communities?", {"生态": 9, "社区": 9}).dictionary_terms


@pytest.mark.parametrize("question,kinds", [
    ("For a researcher whose contracts bring in over 30 million yuan, how is their share of the proceeds decided?", set()),
    ("How is the subsidy calculated?", set()), ("How are the rates set for large projects?", set()),
    ("How much is the subsidy and how is it calculated?", {"money", "percent", "rate"}),
])
def test_asking_how_a_figure_is_arrived_at_asks_the_rule_not_the_figure(question, kinds):
    from qa.figures import asked_kinds

    assert asked_kinds(question, "en") == kinds


def test_headline_as_in_headline_targets_is_no_word_for_a_title():
    assert "标题" not in expand("What are the headline targets of the plan?", {"标题": 3, "目标": 9}).dictionary_terms


@pytest.mark.parametrize("question", ["What per-kWh reward does the fund pay?", "How much per kilowatt-hour is the award?",
                                      "Is the reward paid per kWh generated?"])
def test_a_kilowatt_hour_is_read_as_the_documents_unit(question):
    assert "千瓦时" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["What's the per-kWh award?", "How big are the awards?", "Is it rewarded every year?",
                                      "How much is the reward for a first certification?"])
def test_an_award_or_reward_reads_as_the_documents_word(question):
    """奖励 is what the documents write for a reward or an award (the dictionary reads 'award' as 获奖, 奖金)."""
    assert "奖励" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["How long until the money actually gets paid out?", "When is the subsidy disbursed?",
                                      "How soon do they pay out?"])
def test_paying_out_reads_as_both_words_documents_use(question):
    """Documents write 拨付 (the state allocating funds) or 兑付 (paying the claimant): either is the payout."""
    terms = [e.zh for e in expand(question, frozenset()).glossary_terms]
    assert "兑付" in terms and "拨付" in terms


@pytest.mark.parametrize("question", ["My brother and I share looking after our parents. What's the most I can deduct?",
                                      "I look after my parents; how much can I deduct?", "Supporting our parents: how much a month?"])
def test_looking_after_or_supporting_ones_parents_reads_as_the_deduction_for_elderly_parents(question):
    assert "赡养" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["We also look after my grandma. Can she be counted too?", "Does a grandfather count?",
                                      "What about my grandparents?"])
def test_grandparents_however_called_read_as_the_documents_word(question):
    assert "祖父母" in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question", ["How soon after grid connection do we have to apply?", "Where does one apply?",
                                      "Who applies for it?", "Has anyone applied yet?",
                                      "After I hand in my subsidy application, how quickly do they decide?"])
def test_apply_reads_as_the_documents_word_without_being_required(question):
    """申请 is what "apply" is in the documents (a sentence with 并网 and 申请 answers "how soon after grid connection
    do we have to apply"); as a word, not a term, no sentence must hold it. An application too (the dictionary's
    应用 of 'application' is software's, matching 农机购置与应用补贴)."""
    readings = {e.zh: e.kind for e in expand(question, frozenset()).glossary_terms}
    assert readings.get("申请") == "word"


@pytest.mark.parametrize("question,term", [("How often will a carer come each month?", "护理人员"),
                                           ("Do caregivers get paid by the fund?", "护理人员"),
                                           ("If she's looked after at home, what is covered?", "居家护理")])
def test_a_carer_and_being_looked_after_at_home_read_as_the_documents_terms(question, term):
    assert term in [e.zh for e in expand(question, frozenset()).glossary_terms]


@pytest.mark.parametrize("question,kinds", [
    # a kind word inside a name (Greater Bay Area, Free Trade Zone, Rate … Scheme) names the place or scheme
    ("I intern at a firm in the Guangdong-Hong Kong-Macao Greater Bay Area. Do I get an allowance?", {"money", "percent", "rate"}),
    ("Our plant is in the Qianhai Free Trade Area and we hired 30 people. How much is the reward?", {"money", "percent", "rate"}),
    ("I'm reading the State Council's Zero-Waste City plan. What utilisation rate must the cities reach?", {"percent", "rate"}),
    ("We are based in the Pudong New Area. How long does the subsidy last?", {"duration"}),
    # …while the word asked in a sentence of its own, or in lower case, still asks
    ("What Area does it cover? How big is the floor area?", {"area"}),
])
def test_a_kind_word_inside_an_english_name_asks_for_no_figure_of_that_kind(question, kinds):
    from qa.figures import asked_kinds

    assert asked_kinds(question, "en") == kinds


@pytest.mark.parametrize("question,duration", [("What rate do I pay at age 40?", False), ("At the age of 52, how much is the fee?", False),
                                               ("What is the age limit?", True), ("Is there an age requirement?", True),
                                               ("Is there an upper age?", True), ("Up to what age can I apply?", True)])
def test_the_askers_age_given_asks_no_age_only_an_age_asked_for_does(question, duration):
    from qa.figures import asked_kinds

    assert ("duration" in asked_kinds(question, "en")) is duration


@pytest.mark.parametrize("question,written_out", [
    ("max how many yrs?", "max how many years?"), ("how many hrs a wk?", "how many hours a week?"),
    ("do u need 2 apply b4 June?", "do you need 2 apply before June?"), ("Is the co eligible w/ 3 ppl?", "Is the company eligible with 3 people?"),
    ("What's the govt pct?", "What's the government percent?"), ("I am 40 yo", "I am 40 years old"),
    # words that only start like shorthand, and shorthand inside other words, stay
    ("My co-founder is 39; your company's info", "My co-founder is 39; your company's information"),
    ("the U.S. co-op rules", "the U.S. co-op rules"), ("Courses for users", "Courses for users"),
])
def test_chat_shorthand_is_written_out(question, written_out):
    from qa.lexicon import without_shorthand

    assert without_shorthand(question) == written_out


@pytest.mark.parametrize("question,kind", [("max how many yrs?", "duration"), ("how many mths?", "duration"),
                                           ("what pct does the govt pay?", "percent"), ("how many hrs of care a wk?", "count")])
def test_a_question_in_shorthand_asks_what_it_would_written_out_and_is_kept_as_asked(bundled_kb, question, kind):
    from qa.chain import ask
    from qa.figures import asked_kinds
    from qa.lexicon import without_shorthand

    assert kind in asked_kinds(without_shorthand(question), "en")
    assert ask(bundled_kb, question).question == question  # the answer shows the question as the user wrote it


@pytest.mark.parametrize("question,money", [("how much of that can be the bed fee", True), ("How much of it can go to rent?", True),
                                            ("How much of the fee does the fund cover?", False),
                                            ("how much of the interest does the government cover?", False)])
def test_the_part_of_a_sum_given_before_is_a_sum_a_portion_of_a_cost_is_a_share(question, money):
    from qa.figures import asked_kinds

    assert ("money" in asked_kinds(question, "en")) is money


@pytest.mark.parametrize("question,written_out", [
    ("My parents are both over 60. What can I claim for supporting them?", "My parents are both over 60. What can I claim for supporting my parents?"),
    ("our elderly parents live with us — how much for looking after them each month?",
     "our elderly parents live with us — how much for looking after our elderly parents each month?"),
    ("I hired my two interns in May; is there a subsidy for them?", "I hired my two interns in May; is there a subsidy for my two interns?"),
    # "them" after no people named stays; the nearest people before it are meant
    ("We import machines; can we resell them abroad?", "We import machines; can we resell them abroad?"),
    ("My kids and my parents live with me; what can I deduct for them?", "My kids and my parents live with me; what can I deduct for my parents?"),
])
def test_them_after_people_a_question_names_is_read_as_those_people(question, written_out):
    from qa.lexicon import written_out as read

    assert read(question) == written_out


@pytest.mark.parametrize("value,unit,written", [(55, "公里", "If it is 55 km: "), (300, "千瓦", "If it is 300 kW: "),
                                               (8, "人", "If we have 8 people: "), (2, "年", "If it is 2 years: ")])
def test_an_english_case_with_a_measure_is_written_with_its_unit_not_as_people(value, unit, written):
    from qa.figures import with_own_figure

    assert with_own_figure("What reward per kW do we get?", value, unit) == written + "What reward per kW do we get?"


@pytest.mark.parametrize("text,english", [
    ("每人分摊的额度不能超过每月1000元", "up to 1,000 yuan per month (不能超过每月1000元)"),
    ("单船补助不得超过20万元", "up to 200,000 yuan (不得超过20万元)"),
    ("补助不得低于5万元", "at least 50,000 yuan (不得低于5万元)"), ("每次不能少于3天", "at least 3 days each time (每次不能少于3天)"),
])
def test_a_bound_said_as_what_may_not_be_done_reads_as_that_bound(text, english):
    from qa.english import figures_in_english

    assert figures_in_english(text) == [english]


@pytest.mark.parametrize("question", ["My company is moving me next year. What would the figure be there?",
                                      "We moved here last month; what are the figures for next year?",
                                      "If I move to a smaller city, what's the figure?"])
def test_moving_next_and_the_figure_asked_name_no_word_of_the_documents(question):
    from qa.lexicon import expand

    found = expand(question, {"行动", "活动", "移动", "数字", "第二", "下一个", "图形", "人物"}).chinese_terms
    assert not {"行动", "活动", "移动", "数字", "第二", "下一个", "图形", "人物"} & set(found)


@pytest.mark.parametrize("question,amounts", [
    ("We bought technology services worth 1 million yuan. What share can the fund cover?", []),
    ("We're renting GPU compute, spending about 600,000 yuan a year. How much could the voucher cover?", []),
    ("We spent 1 million yuan on it; is the cap 2 million yuan?", ["200万"]), ("And if over 30 million yuan?", ["3000万"]),
])
def test_a_sum_the_asker_spent_is_no_amount_a_sentence_must_state(question, amounts):
    from qa.english import asked_amounts

    assert asked_amounts(question) == amounts


@pytest.mark.parametrize("question,kinds", [
    ("How does that compare with a big high-feed-rate combine harvester?", set()), ("And a combine harvester?", set()),
    ("What about a high feed rate harvester?", set()), ("Can I combine it with the rent subsidy?", {"combine"}),
    ("What would the rate be?", {"rate", "percent"}),
])
def test_a_machines_name_asks_no_kind_of_figure(question, kinds):
    """A combine harvester asks nothing of combining two measures; a feed rate is a machine's size, no rate asked."""
    from qa.figures import asked_kinds

    assert asked_kinds(question, "en") == kinds



@pytest.mark.parametrize("text,english", [
    ("第二年在所购机具达到规定的年度作业量后，再兑付30%的补贴资金", ["30%"]),
    ("对第3批企业给予10万元奖励", ["100,000 yuan (10万元)"]),
    ("第五年起不再补贴，前两年每年5万元", ["2 years (两年)", "50,000 yuan per year (每年5万元)"]),
])
def test_an_ordinal_says_which_one_and_is_no_figure_in_english(text, english):
    """第二年 is "the second year", not "2 years": an English answer lists no ordinal among the figures."""
    from qa.english import figures_in_english

    assert figures_in_english(text) == english


@pytest.mark.parametrize("question,phone", [
    ("What number do we call afterwards to confirm?", True), ("Which phone number should I ring about it?", True),
    ("Is there a number to call?", True), ("What number of staff must we hire?", False),
    ("Which number of the list is it, and can we call it a pilot?", False),
])
def test_a_number_to_call_asks_for_a_phone_number_not_a_count(question, phone):
    from qa.figures import asked_kinds

    assert ("phone" in asked_kinds(question, "en")) is phone


@pytest.mark.parametrize("question,deadline", [
    ("When does the public comment period close?", True), ("When do applications close?", True),
    ("What's the closing date?", True), ("When was the plan published?", False),
])
def test_when_something_closes_asks_for_its_last_day(question, deadline):
    from qa.figures import asked_kinds

    assert ("deadline" in asked_kinds(question, "en")) is deadline


@pytest.mark.parametrize("question", ["how's it paid out?", "How’s the reward paid?", "How is it disbursed?",
                                      "How will the subsidy be paid out?"])
def test_how_it_is_paid_asks_its_schedule_contracted_or_not(question):
    from qa.figures import asked_kinds

    assert "schedule" in asked_kinds(question, "en")
