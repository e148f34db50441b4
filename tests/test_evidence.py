"""Evidence-first answering: question parts, figure kinds, and the sentence chosen for each part."""

import re

import pytest

from qa.evidence import Part, gather, make_parts, question_parts
from qa.figures import ASKING_ZH, asked_kinds, stated_kinds
from vectorstore.records import Hit


@pytest.mark.parametrize("question,parts", [
    ("广州小微企业创业担保贷款最高多少？期限多长？", ["广州小微企业创业担保贷款最高多少", "期限多长"]),
    ("海南烘干机单机最多补多少？一般机具呢？", ["海南烘干机单机最多补多少", "一般机具呢"]),
    ("秸秆综合利用率的目标是多少，哪个部门指导？", ["秸秆综合利用率的目标是多少", "哪个部门指导"]),
    ("静安出海 采购法律合规、审计这些专业服务 能补多少 一家一年最多多少",
     ["静安出海 采购法律合规、审计这些专业服务 能补多少", "一家一年最多多少"]),
    ("谁牵头？", ["谁牵头"]),
    ("B类居家护理，职工每月上门至少几次、服务多少小时？", ["B类居家护理 职工每月上门至少几次", "服务多少小时"]),
    ("烘干机最多补多少？这个补贴是按价格算比例，还是固定额度？", ["烘干机最多补多少", "这个补贴是按价格算比例，还是固定额度"]),
    # two questions joined by 、, the second asking with 谁/哪/什么
    ("这项举措是哪个部门指导、在什么范围推广？", ["这项举措是哪个部门指导", "在什么范围推广"]),
    ("人才公寓由哪个单位负责、什么时候开放？", ["人才公寓由哪个单位负责", "什么时候开放"]),
    ("补贴要交什么材料、交到哪里？", ["补贴要交什么材料", "交到哪里"]),
    ("这个项目谁审核、谁拨款？", ["这个项目谁审核", "谁拨款"]),
    # a list named before one question stays one part
    ("硕士、博士哪个补得多？", ["硕士 博士哪个补得多"]),
    ("居家护理、机构护理各报多少？", ["居家护理 机构护理各报多少"]),
])
def test_a_chinese_question_splits_into_the_questions_it_asks(question, parts):
    assert question_parts(question, "zh") == parts


def test_an_english_question_splits_at_and_before_a_question_word():
    assert question_parts("What share of the cost is covered, and what is the annual cap per company?", "en") == [
        "What share of the cost is covered", "what is the annual cap per company"]
    assert question_parts("What is the cap for tea and coffee makers?", "en") == ["What is the cap for tea and coffee makers"]
    # the second question's word may come a few words in: ", and government cover how much of interest?"
    assert question_parts("What is the rate cap, and government cover how much of interest?", "en") == [
        "What is the rate cap", "government cover how much of interest"]
    assert question_parts("Who leads it, and the city pays how much?", "en") == ["Who leads it", "the city pays how much"]


@pytest.mark.parametrize("question,kind", [
    ("最多能贷多少？", "money"), ("补贴多少钱", "money"), ("额度是多少", "money"),
    ("报销比例是多少", "percent"), ("利率上限是多少", "percent"),
    ("最长可以贷多久", "duration"), ("期限多长", "duration"), ("要满多少岁", "duration"),
    ("什么时候截止", "date"), ("哪一年完成", "year"), ("一共多少个品目", "count"), ("咨询电话多少", "phone"), ("联系人是谁", "phone"),
    ("社区总面积要达到多少", "area"), ("总盘子有多少亿", "money"),
    ("每人每年能拿到多少科研经费", "money"), ("补贴范围一共列了几种机具", "count"), ("给多少青年人才生活补助", "money"), ("能领多少创业补贴", "money"),
    ("有没有时间要求", "duration"), ("有没有时间要求", "date"), ("申报有时限吗", "duration"), ("有什么时间限制", "date"),
])
def test_the_kind_of_figure_a_question_asks_for(question, kind):
    assert kind in asked_kinds(question, "zh")


@pytest.mark.parametrize("question,language", [
    ("Is there a limit per company?", "en"), ("Any limits on how much one firm can claim?", "en"), ("What's the limit?", "en"),
    ("有上限吗？", "zh"), ("一家企业封顶多少", "zh"), ("补贴有没有上限", "zh"),
])
def test_asking_for_a_limit_or_cap_asks_for_an_amount(question, language):
    assert "money" in asked_kinds(question, language)


@pytest.mark.parametrize("question", ["How quickly do they decide whether to accept it?", "How soon is the money paid out?",
                                      "how fast can we get approval"])
def test_how_quickly_or_soon_asks_for_a_duration(question):
    from qa.analysis import detect_intent

    assert "duration" in asked_kinds(question, "en") and detect_intent(question, "en", False) == "target"


@pytest.mark.parametrize("question, without", [
    ("我们公司去国外参展的费用能补多少", "去国外参展的费用能补多少"), ("本企业的研发费用能补多少", "的研发费用能补多少"),
    ("我司今年能申请吗", "今年能申请吗"), ("咱们厂里的设备", "里的设备"), ("我的店能领多少", "能领多少"),
])
def test_the_asker_naming_themselves_is_no_subject(question, without):
    from qa.analysis import ASKER_REFERENCE

    assert ASKER_REFERENCE.sub("", question) == without


@pytest.mark.parametrize("question,language", [("Is there a time limit?", "en"), ("What is the age limit?", "en"),
                                               ("有没有年龄上限", "zh")])
def test_a_limit_in_time_or_age_asks_for_no_amount(question, language):
    assert "money" not in asked_kinds(question, language) and "duration" in asked_kinds(question, language)


@pytest.mark.parametrize("question", ["每人每年能拿到多少科研经费", "给多少青年人才生活补助"])
def test_a_money_noun_after_how_much_asks_for_money_only(question):
    assert asked_kinds(question, "zh") & {"count", "duration"} == set()


@pytest.mark.parametrize("question", ["团队里本地青年要占多少才算青年团队？", "外资股份要占到多少？", "女职工占多少算达标",
                                      "港澳员工得占多少"])
def test_how_much_of_it_is_taken_up_asks_a_share(question):
    """占多少 (takes up how much): a share (30%以上), not a sum, a count or an age."""
    assert asked_kinds(question, "zh") == {"percent", "rate"}


@pytest.mark.parametrize("question,language", [
    ("How is the settling-in allowance paid out?", "en"), ("How will the bonus be disbursed?", "en"),
    ("Is it a lump sum?", "en"), ("Is that a one-off payment or monthly?", "en"), ("Can it be paid in instalments?", "en"),
    ("这笔补贴怎么发？", "zh"), ("是一次性的吗？", "zh"), ("分几年给？", "zh"), ("按月发还是一次性给？", "zh"), ("奖励如何拨付", "zh"),
])
def test_how_a_sum_is_paid_out_is_asked(question, language):
    """In one go, in instalments or by the month: asked as the schedule (分2年, 一次性, 每人每月), no amount."""
    kinds = asked_kinds(question, language)
    assert "schedule" in kinds and not kinds & {"money", "percent"}


@pytest.mark.parametrize("sentence", ["分2年给予政府安家补助", "分三次拨付", "给予一次性奖励", "按每人每月3000元标准给予补贴",
                                      "奖励资金分5年拨付", "连续3年每年给予科研经费资助"])
def test_a_sentence_states_how_a_sum_is_paid_out(sentence):
    assert "schedule" in stated_kinds(sentence)


@pytest.mark.parametrize("sentence", ["给予2年且每月不超过2000元的免租优惠", "给予最高10万元购房补贴"])
def test_a_monthly_ceiling_or_a_bare_sum_says_nothing_of_how_it_is_paid_out(sentence):
    assert "schedule" not in stated_kinds(sentence)


@pytest.mark.parametrize("question", ["这笔购房补贴是一次性发，还是分几年发？", "经费是一次性给还是分几年给", "分几次拨付？"])
def test_in_how_many_years_it_is_paid_asks_the_schedule_not_a_duration(question):
    assert asked_kinds(question, "zh") == {"schedule"}


def test_how_many_of_something_that_gets_a_subsidy_asks_a_count_not_money():
    assert asked_kinds("多少家企业获得补贴", "zh") == {"count"}


@pytest.mark.parametrize("sentence,kind", [
    ("额度最高30万元", "money"), ("给予十五万元补助", "money"), ("按50%给予补贴", "percent"), ("百分之九十", "percent"),
    ("期限最长不超过3年", "duration"), ("二十四个月内", "duration"), ("即日起至2026年6月30日", "date"),
    ("建成百个社区", "count"), ("培育1000家企业", "count"), ("奖励标准0.05元/千瓦时", "rate"),
    ("社区面积超50万平方米", "area"), ("地膜厚度低于0.01毫米", "measure"),
])
def test_the_figures_a_sentence_states_in_arabic_or_chinese_numerals(sentence, kind):
    assert kind in stated_kinds(sentence)


@pytest.mark.parametrize("sentence", ["布局建设一批社区", "打造一个平台", "2022年新增产品", "2026年度申请表"])
def test_a_lone_one_or_a_bare_year_is_no_count_and_no_duration(sentence):
    assert not {"count", "duration"} & stated_kinds(sentence)


@pytest.mark.parametrize("lead_in", ["个人借款人申请条件：", "服务分为三类：", "◆基础材料（必要）", "具体如下："])
def test_a_sentence_introducing_a_list_brings_its_items(lead_in):
    from qa.evidence import _with_items

    text = f"前文。{lead_in}\n（一）登记失业人员；\n（二）高校毕业生。\n下一条。"
    assert _with_items(text, lead_in) == f"{lead_in}\n（一）登记失业人员；\n（二）高校毕业生。"
    assert _with_items(text, "前文。") == "前文。"


def _hit(quote, title="贷款", rank=0):
    return Hit(chunk_id=f"c{rank}", doc_id="d", doc_title="文件", source="f.txt", locator=str(rank), title=title,
               quote=quote, heading_path="")


def test_each_part_gets_the_sentence_with_its_figure():
    hit = _hit("个人创业担保贷款额度最高30万元。贷款期限最长不超过3年。经办银行负责审核。")
    parts = [Part("贷款最多多少", {"money"}, ["贷款", "额度"]), Part("期限多长", {"duration"}, ["期限"])]
    chosen = gather([hit], parts, ["贷款", "额度", "期限"])
    assert [e.sentence for e in chosen] == ["个人创业担保贷款额度最高30万元。", "贷款期限最长不超过3年。"]


@pytest.mark.parametrize("clause, applied, applying", [
    ("第五条 子女教育支出，按照每个子女每月1000元的标准定额扣除。\n学历教育包括义务教育。\n年满3岁至小学入学前的子女，按本条第一款规定执行。",
     "第五条 子女教育支出，按照每个子女每月1000元的标准定额扣除。", "年满3岁至小学入学前的子女，按本条第一款规定执行。"),
    ("第九条 新招用高校毕业生的，每人补贴2000元。\n新招用退役军人的，参照前款规定执行。",
     "第九条 新招用高校毕业生的，每人补贴2000元。", "新招用退役军人的，参照前款规定执行。"),
    ("第三条 租用孵化器场地的，按租金的50%给予补贴。\n入驻众创空间的，每年补贴不超过5万元。\n入驻港澳青年之家的，比照本条第二款办理。",
     "入驻众创空间的，每年补贴不超过5万元。", "入驻港澳青年之家的，比照本条第二款办理。"),
])
def test_a_paragraph_applied_to_another_case_is_read_with_the_sentence_applying_it(clause, applied, applying):
    from qa.compose import applying_sentences

    assert applying_sentences(clause) == {applied: [applying]}


@pytest.mark.parametrize("clause", [
    "第五条 按照每个子女每月1000元的标准定额扣除。\n按本条第三款规定执行。",  # no third paragraph
    "第五条 按照每个子女每月1000元的标准定额扣除。按照规定执行。",  # names no paragraph
])
def test_no_paragraph_is_applied_when_none_is_named_or_it_does_not_exist(clause):
    from qa.compose import applying_sentences

    assert applying_sentences(clause) == {}


def test_a_case_a_paragraph_is_applied_to_gets_that_paragraphs_figure_quoted_with_the_sentence_applying_it():
    from qa.compose import compose_evidence

    hit = _hit("第五条 纳税人的子女接受全日制学历教育的相关支出，按照每个子女每月1000元的标准定额扣除。\n"
               "学历教育包括义务教育、高中阶段教育、高等教育。\n年满3岁至小学入学前处于学前教育阶段的子女，按本条第一款规定执行。",
               title="子女教育")
    chosen = gather([hit], [Part("学前教育阶段的子女每月能扣多少", {"money"}, ["学前教育", "子女", "扣"])], ["学前教育", "子女", "扣"])
    assert [e.sentence for e in chosen] == ["第五条 纳税人的子女接受全日制学历教育的相关支出，按照每个子女每月1000元的标准定额扣除。"]
    assert "“年满3岁至小学入学前处于学前教育阶段的子女，按本条第一款规定执行。”[1]" in compose_evidence(chosen, "zh").text


def test_a_figure_of_something_else_answers_nothing():
    hit = _hit("市级科技创新发展资金增长10%。", title="工作目标")
    part = Part("科技创新券最多能领多少钱", {"money", "percent"}, ["科技", "创新", "科技创新券"])
    assert gather([hit], [part], part.keywords) == []


def test_sentences_come_from_the_best_hits_document_only():
    other = Hit(chunk_id="x", doc_id="other", doc_title="另一文件", source="g.txt", locator="9", title="贷款",
                quote="个人创业担保贷款额度最高50万元。", heading_path="")
    chosen = gather([_hit("贷款额度最高30万元。"), other], [Part("最多多少", {"money"}, ["贷款", "额度"])], ["贷款"])
    assert [e.hit.doc_id for e in chosen] == ["d"]


def test_a_notices_card_is_read_from_its_opening():
    from qa.compose import document_card, english_date

    preamble = ("郑政办〔2026〕30号\n各开发区管委会，市人民政府各部门：\n《方案》已经市政府同意，现印发给你们，请认真贯彻落实。\n"
                "郑州市人民政府办公室\n2026年6月24日\n郑州市人工智能OPC创业社区推广方案")
    assert document_card(preamble) == {"number": "郑政办〔2026〕30号", "issuer": "郑州市人民政府办公室", "date": "2026年6月24日"}
    assert document_card("为规范实施，现印发给你们。\n海南省农业农村厅 海南省财政厅\n2024年7月1日\n（此件主动公开）") == {
        "issuer": "海南省农业农村厅 海南省财政厅", "date": "2024年7月1日"}
    assert english_date("2026年6月24日") == "24 June 2026"


@pytest.mark.parametrize("line,issuer,date", [
    ("杭州市科学技术局2026年5月25日发布，征求意见截止2026年6月24日。", "杭州市科学技术局", "2026年5月25日"),
    ("市财政局于2024年3月1日印发", "市财政局", "2024年3月1日"),
    ("某某区人民政府办公室 2023年 1月 5日 公布", "某某区人民政府办公室", "2023年1月5日"),
])
def test_a_line_saying_who_issued_it_when_gives_the_card(line, issuer, date):
    from qa.compose import document_card

    assert document_card(f"正文第一段。\n{line}") == {"issuer": issuer, "date": date}


def test_a_date_line_without_an_issuing_body_gives_no_card():
    from qa.compose import document_card

    assert document_card("截至2026年5月25日发布的项目均可申报。") == {}


@pytest.mark.parametrize("question", ["这个办法什么时候施行？", "有效期多长", "文号是多少", "通知是哪天印发的？",
                                      "When did the measures take effect?", "What is the document number of the notice?",
                                      "Which office issued the policy list, and on what date?",
                                      "这个方案是谁发布的？", "发文单位是哪个？", "Which department put it out?",
                                      "Who published this plan?", "Which bureau released the notice?"])
def test_questions_about_the_document_itself(question):
    from qa.analysis import detect_intent, detect_language

    assert detect_intent(question, detect_language(question), False) == "document"


@pytest.mark.parametrize("question", ["场景机会清单由谁发布？", "谁发布榜单并组织揭榜？", "Who publishes the list of scenario opportunities?"])
def test_a_task_of_publishing_something_is_no_question_about_the_document(question):
    from qa.analysis import detect_intent, detect_language

    assert detect_intent(question, detect_language(question), False) == "who"


@pytest.mark.parametrize("zh,english", [
    ("额度最高30万元", "up to 300,000 yuan (最高30万元)"),
    ("技术合同交易额达到120亿元", "12 billion yuan (120亿元)"),
    ("按每人每月3000元标准", "3,000 yuan per person per month (每人每月3000元)"),
    ("期限最长不超过3年", "up to 3 years (最长不超过3年)"),
    ("高新技术企业达到370家", "370 firms (370家)"),
    ("给予十五万元补助", "150,000 yuan (十五万元)"),
    ("组织100余名专家", "more than 100 people (100余名)"),
    ("失能状态持续6个月以上", "6 months or more (6个月以上)"),
    ("二十四个月", "24 months (二十四个月)"),
    ("工作满1年", "1 year (1年)"), ("每户1人", "1 person per household (每户1人)"), ("1个工作日内", "1 working day (1个工作日)"),
    # the quantity a rate is per (qa.figures.PER_QUANTITY), before the figure or after it
    ("按照每平方米1000元给予", "1,000 yuan per square metre (每平方米1000元)"),
    ("奖励标准0.12元/千瓦时", "0.12 yuan per kilowatt-hour (0.12元/千瓦时)"),
    ("按每千瓦200元给予奖励", "200 yuan per kilowatt (每千瓦200元)"), ("补贴标准为每亩50元", "50 yuan per mu (每亩50元)"),
    ("处置费每吨80元", "80 yuan per tonne (每吨80元)"), ("租金30元/平方米", "30 yuan per square metre (30元/平方米)"),
    ("带动就业5人及以上", "5 people or more (5人及以上)"), ("每年提供不少于2000卡时", "at least 2,000 card-hours (不少于2000卡时)"), ("年满60周岁及以下", "60 years of age or less (60周岁及以下)"),
])
def test_figures_read_in_english_keep_the_chinese(zh, english):
    from qa.english import figures_in_english

    assert figures_in_english(zh) == [english]


@pytest.mark.parametrize("zh, english", [
    ("可按规定享受1～3个月的待遇", "1–3 months (1～3个月)"), ("补贴期限3至5年", "3–5 years (3至5年)"),
    ("给予10-20万元奖励", "100,000–200,000 yuan (10-20万元)"), ("资助1万-2万元", "10,000–20,000 yuan (1万-2万元)"),
    ("每人每月300到500元", "300–500 yuan per person per month (每人每月300到500元)"), ("一至三年", "1–3 years (一至三年)"),
])
def test_a_range_reads_in_english_from_its_start_to_its_end(zh, english):
    from qa.english import figures_in_english

    assert figures_in_english(zh) == [english]


@pytest.mark.parametrize("text", ["2026年6月30日前", "一个年度内", "2022年新增", "给予一次性奖励", "2026-2028年", "2026—2028年实施"])
def test_dates_and_lone_ones_are_no_figures_in_english(text):
    from qa.english import figures_in_english

    assert figures_in_english(text) == []


def test_two_parts_asking_the_same_kind_of_figure_get_two_sentences():
    hit = _hit("按实际发生额的20%给予支持。单个项目最高不超过200万元，每家企业每年最高不超过1000万元。", title="专业服务")
    parts = [Part("专业服务能补多少", {"money", "percent", "rate"}, ["专业", "服务"]),
             Part("一家一年最多多少", {"money", "percent", "rate"}, ["一家", "一年"])]
    chosen = gather([hit], parts, ["专业", "服务"])
    assert [e.sentence for e in chosen] == ["按实际发生额的20%给予支持。", "单个项目最高不超过200万元，每家企业每年最高不超过1000万元。"]


def test_a_part_without_words_of_its_own_reads_the_clause_of_the_part_before():
    hit = _hit("政策咨询：市工业和信息化局工业互联网处。联系方式：85913081。", title="算力补贴")
    parts = [Part("算力补贴找哪个部门咨询", {"org"}, ["算力", "补贴", "咨询"]), Part("电话多少", {"phone"}, ["电话"])]
    chosen = gather([hit], parts, ["算力", "补贴", "咨询", "电话"])
    assert [e.sentence for e in chosen] == ["政策咨询：市工业和信息化局工业互联网处。", "联系方式：85913081。"]


@pytest.mark.parametrize("sentence,is_body", [("医保经办机构负责经办服务", True), ("指导长护险经办工作", False),
                                              ("市工业和信息化局负责", True), ("承办单位主办活动", False)])
def test_a_who_part_wants_a_body_named(sentence, is_body):
    assert ("org" in stated_kinds(sentence)) == is_body


@pytest.mark.parametrize("question,unit", [("审批要多少个工作日", "工作日"), ("几天内受理", "天"), ("培育多少家企业", "家"),
                                           ("最多能贷多少", None), ("一个团队几个人", "人"), ("资助多少名", "名"),
                                           # a unit character opening a longer word is none: what is counted, in 个
                                           ("2026年先培育几个人工智能OPC生态社区", None), ("一共有几个项目", None),
                                           ("还剩几个名额", None), ("建设几个人才公寓", None)])
def test_the_unit_a_question_names(question, unit):
    from qa.figures import asked_unit

    assert asked_unit(question) == unit


@pytest.mark.parametrize("sentence,unit,counts", [("应于2个工作日内做出决定", "天", True), ("期限不超过3年", "工作日", False),
                                                  ("满60周岁", "岁", True), ("5个工作日", "工作日", True)])
def test_a_unit_is_answered_by_its_family(sentence, unit, counts):
    from qa.figures import states_unit

    assert states_unit(sentence, unit) is counts


@pytest.mark.parametrize("question,measured", [("每个社区能拿多少运营补贴", "运营补贴"), ("能拿多少社保补贴", "社保补贴"),
                                               ("能领多少钱", None), ("度电奖励是多少", None)])
def test_what_a_how_much_question_measures(question, measured):
    from qa.figures import asked_object

    assert asked_object(question) == measured


@pytest.mark.parametrize("term,sentence,named", [
    ("分布式光伏项目", "其他分布式光伏奖励标准0.05元/千瓦时", True),   # a generic head may be left out
    ("科技创新券", "市级科技创新发展资金增长10%", False),              # a specific head may not
    ("生活照料费", "生活照料费每人每天120元", True),
])
def test_a_figure_must_name_what_is_asked(term, sentence, named):
    from qa.evidence import names_subject

    assert names_subject(Part("q", {"money"}, [term]), sentence) is named
    assert names_subject(Part("q", {"money"}, ["补贴"], object=term), sentence) is named


@pytest.mark.parametrize("question,language", [("海南农机购置补贴，谁可以申请？", "zh"), ("申报条件是什么？", "zh"),
                                               ("静安出海专项资金，谁有资格申报？", "zh"), ("Who can apply for the Hainan subsidy?", "en"),
                                               ("Is a Guangzhou firm eligible?", "en")])
def test_who_may_apply_is_an_eligibility_question_not_a_who_leads_one(question, language):
    from qa.analysis import detect_intent

    assert detect_intent(question, language, False) == "eligibility"
    assert asked_kinds(question, language) == {"condition"}


@pytest.mark.parametrize("title_words,subject", [
    (["个人所得税", "专项", "附加", "扣除"], ["子女", "教育"]),
    (["人才", "安居", "办法"], ["博士", "租房"]),
    (["农机", "购置", "补贴", "方案"], ["烘干机", "单机"]),
])
def test_words_of_the_documents_title_do_not_keep_a_sentence_naming_the_rest_from_answering(title_words, subject):
    """A question naming the document (its title words) and a subject: the sentence that names the subject and
    states the figure answers, though it repeats none of the title's words."""
    hit = Hit(chunk_id="c0", doc_id="d", doc_title="关于印发" + "".join(title_words) + "的通知", source="f.txt",
              locator="5", title="标准", quote=f"{subject[0]}的{subject[1]}按每月1000元执行。", heading_path="")
    keywords = title_words + subject
    chosen = gather([hit], [Part("多少", {"money"}, keywords)], keywords)
    assert [e.sentence for e in chosen] == [f"{subject[0]}的{subject[1]}按每月1000元执行。"]


def test_single_characters_left_when_the_title_words_go_do_not_make_a_sentence_answer():
    """"武汉的OPC基金总规模有多大" (OPC in the title): 总 and 大 found in a sentence about something else
    (项目总投入, a heading's 加大) are no evidence of a fund's size."""
    hit = Hit(chunk_id="c0", doc_id="d", doc_title="支持OPC创新发展若干措施", source="f.txt", locator="8",
              title="加大场景资源开放", quote="按照项目总投入的30%给予最高100万元资金支持。", heading_path="八、加大场景资源开放")
    keywords = ["opc", "基金", "总", "规模", "多", "大"]
    assert gather([hit], [Part("多少", {"money"}, keywords)], keywords) == []


@pytest.mark.parametrize("term,parts,text,named", [
    ("子女教育", ["子女", "教育"], "纳税人的子女接受全日制学历教育的支出", True),   # parts apart in the text
    ("继续教育", ["继续", "教育"], "接受学历继续教育的支出", True),               # the term itself
    ("住房租金", ["住房", "租金"], "住房租赁合同的租金", True),
    ("科技创新券", ["科技", "创新"], "科技创新发展资金", False),               # 券 is named by neither
    ("人才公寓", ["人才", "公寓"], "人才住房补贴", False),                     # 公寓 not in the text
])
def test_a_compound_is_named_by_its_parts_only_when_they_cover_every_character(term, parts, text, named):
    from qa.evidence import names_subject

    part = Part("多少", {"money"}, [term, *parts])
    assert names_subject(part, text) is named


@pytest.mark.parametrize("subject, figure", [
    ("支持企业参加境外重点展会、国际经贸活动", "经评估，按照最高不超过实际发生费用的50%给予支持，每家企业年度最高不超过200万元。"),
    ("鼓励企业参加国际知名展会", "经审核，按展位费的60%给予补贴，单家企业每年最高30万元。"),
    ("对参加境外展会的企业", "按实际发生费用的一半给予补助，每家每年不超过五十万元。"),
])
def test_a_figure_sentence_is_read_with_the_sentence_before_it_that_names_its_subject(subject, figure):
    hit = _hit(f"{subject}，开拓国际市场。{figure}", title="支持开拓国际市场")
    parts = [Part("展会费用补贴比例和上限", {"money", "percent"}, ["展会", "费用", "补贴"])]
    assert [e.sentence for e in gather([hit], parts, ["展会", "费用", "补贴"])] == [figure]


@pytest.mark.parametrize("subject, figure", [
    ("支持企业参加境外重点展会、国际经贸活动", "经评估，按照最高不超过实际发生额的50%给予支持，每家企业年度最高不超过200万元。"),
    ("鼓励企业赴境外参加国际知名展会", "经审核，按展位费的60%给予补贴，单家企业每年最高30万元。"),
    ("对组织企业到境外办展参展的", "按实际发生费用的一半给予补助，每家每年不超过五十万元。"),
])
@pytest.mark.parametrize("elsewhere", [
    "对在境外新设运营实体并实质性开展业务的企业，经审核，给予最高不超过50万元的奖励。",
    "支持企业在境外设立研发中心，给予最高100万元支持。",
])
def test_a_figure_after_the_sentence_naming_all_its_subject_outranks_a_figure_naming_half_of_it(subject, figure, elsewhere):
    """"去国外参展花的钱能补多少": the clause on 境外展会 states its figure in the sentence after the one naming it;
    a better-ranked clause naming only 境外 states a figure in the same sentence — of something else."""
    half = _hit(elsewhere, title="支持设立境外运营实体", rank=0)
    whole = _hit(f"{subject}，开拓国际市场。{figure}", title="支持开拓国际市场", rank=1)
    keywords = ["国外", "参展", "花", "能", "补助", "境外", "展会", "资金"]
    parts = [Part("去国外参展花的钱能补多少", {"money", "percent"}, keywords)]
    assert [e.sentence for e in gather([half, whole], parts, keywords)] == [figure]


@pytest.mark.parametrize("opening", ["经评估，", "经审核，", "按照"])
def test_a_sentence_going_on_from_the_one_naming_its_subject_passes_the_floor_with_its_words(opening):
    """"去国外参展的费用能补多少": 境外 and 展会 are named in the sentence before; 费用 in neither — the figure sentence
    still answers, its subject read from the sentence it goes on from."""
    hit = _hit(f"支持企业参加境外重点展会，开拓国际市场。{opening}最高不超过实际发生额的50%给予支持。", title="支持开拓国际市场")
    keywords = ["国外", "参展", "费用", "境外", "展会"]
    chosen = gather([hit], [Part("去国外参展的费用能补多少", {"money", "percent"}, keywords)], keywords)
    assert [e.sentence for e in chosen] == [f"{opening}最高不超过实际发生额的50%给予支持。"]


@pytest.mark.parametrize("later", ["规模以上高新技术产业产值占比提高2个百分点左右", "技术合同交易额增长3个百分点",
                                   "高新技术企业数量增长15%"])
def test_the_next_target_of_a_list_names_its_own_subject_and_inherits_none(later):
    """"市级科技创新发展资金增长多少": a later item of the same targets clause states a percentage too, of its own
    subject; the item naming the fund answers."""
    hit = _hit(f"市级科技创新发展资金增长10%；{later}；", title="工作目标")
    keywords = ["市级", "科技", "创新", "发展", "资金", "百分点", "增长"]
    chosen = gather([hit], [Part("市级科技创新发展资金增长多少", {"percent"}, keywords)], keywords)
    assert [e.sentence for e in chosen] == ["市级科技创新发展资金增长10%；"]


@pytest.mark.parametrize("opening, goes_on", [
    ("经评估，按照最高不超过实际发生额的50%给予支持", True), ("经审核，给予最高30万元奖励", True),
    ("经认定，给予一次性奖励", True), ("经过评审，按30%给予补助", True), ("按实际发生费用的一半给予补助", True),
    ("按照每人每月500元发放", True), ("并给予最高10万元的奖励", True), ("对其给予一次性奖励", True),
    ("对新认定的高新技术企业给予10万元奖励", False), ("规模以上工业总产值提高2个百分点", False),
    ("市财政每年安排资金1000万元", False),
])
def test_a_sentence_going_on_from_the_one_before_is_told_by_its_opening(opening, goes_on):
    from qa.evidence import CONTINUES

    assert bool(CONTINUES.match(opening + "。")) is goes_on


@pytest.mark.parametrize("description", ["我们公司注册在静安", "本公司在浦东新区成立三年", "我是应届毕业生", "咱们是一家小微企业",
                                         "我司去年刚搬到这里"])
@pytest.mark.parametrize("asked", ["去国外参加展会，区里能补多少", "采购法律合规服务能补多少"])
def test_the_asker_describing_themselves_is_told_from_what_they_ask(description, asked):
    from qa.evidence import without_self_description

    assert without_self_description(f"{description}，{asked}", "zh") == asked
    assert without_self_description(f"{description} {asked}", "zh") == asked   # pieces joined by question_parts


@pytest.mark.parametrize("question", ["我们能申请吗", "我能领多少", "本公司可以同时享受吗", "我们公司需要准备哪些材料"])
def test_a_clause_of_the_asker_that_asks_is_kept(question):
    from qa.evidence import without_self_description

    assert without_self_description(question, "zh") == question


@pytest.mark.parametrize("description", ["We're a small company registered in Guangzhou.", "I am 58 and registered as unemployed.",
                                         "Our firm has 20 staff in Zaozhuang.", "My company is based in Jing'an."])
def test_an_english_sentence_describing_the_asker_is_told_from_the_question(description):
    from qa.evidence import without_self_description

    asked = "What's the most we can borrow through the startup guaranteed loan"
    assert without_self_description(f"{description} {asked}", "en") == asked
    assert without_self_description(asked, "en") == asked
    asks_too = "We would like to know what the cap is. Who do we apply to"
    assert without_self_description(asks_too, "en") == asks_too   # a sentence of the asker's that asks is kept


@pytest.mark.parametrize("description", ["I'm a migrant worker who opened a small restaurant.", "We run a firm which exports to Japan.",
                                         "My mother, who is 78, had a stroke.", "We're graduates who came back when the plant closed."])
def test_a_relative_clause_does_not_make_a_description_ask(description):
    from qa.evidence import without_self_description

    asked = "How much is covered per day?"
    assert without_self_description(f"{description} {asked}", "en") == asked


@pytest.mark.parametrize("asks", ["I'm not sure how much we can get.", "We wonder whether we qualify.",
                                  "I'd like to know what the cap is.", "We want to ask which office handles it."])
def test_an_english_statement_asking_indirectly_is_kept(asks):
    from qa.evidence import without_self_description

    assert without_self_description(asks, "en") == asks.rstrip(".")


@pytest.mark.parametrize("question, set_aside", [
    ("我们公司注册在静安，去国外参加展会，区里能补多少", True),
    ("我们是一家小微企业，创业担保贷款最多能贷多少", True),
    ("我34岁在广州上班，长护险个人要交钱吗", True),               # whether, for the asker's age: the rule bounding it answers
    ("我和爱人在同一个城市上班，两个人能各扣一份房租吗", False),  # whether: it turns on who the asker is
    ("我是女性，今年56岁，还能申请个人创业担保贷款吗", True),
    ("我们公司在静安，出海专业服务怎么申请", False),                # no figure asked
    ("We're a small company registered in Guangzhou. What's the most we can borrow through the startup loan", True),
    ("I am 58 and registered as unemployed. Can I still get the startup loan", True),
    ("I am registered as unemployed. Am I eligible for the startup loan", False),
])
def test_the_description_is_set_aside_only_when_a_figure_of_a_named_subject_is_asked(question, set_aside):
    from qa.evidence import asked_keywords

    def words(text):  # two-character pieces stand in for the tokenizer here
        return [w for w in re.findall(r"[\u4e00-\u9fff]{2}|[A-Za-z]{4,}", text)]

    assert (asked_keywords(question, "zh" if re.search(r"[\u4e00-\u9fff]", question) else "en", words) is not None) is set_aside


@pytest.mark.parametrize("description", [["公司", "注册", "三年"], ["成立", "三年", "规模"], ["应届", "毕业生", "创业"]])
def test_the_askers_description_is_no_floor_a_sentence_must_pass(description):
    """"我们公司注册三年了，去国外参加展会，区里能补多少": the sentence on 境外展会 answers though it names no 公司 or 注册."""
    figure = "对企业赴境外重点展会的展位费，按最高不超过实际发生额的50%给予支持。"
    hit = _hit(figure, title="支持开拓国际市场")
    asked = ["国外", "参加", "展会", "境外"]
    keywords = description + asked
    plain = Part("区里能补多少", {"money", "percent"}, keywords)
    assert gather([hit], [plain], keywords) == []          # with the description as part of the subject: too few words
    described = Part("区里能补多少", {"money", "percent"}, keywords, asked_keywords=asked)
    assert [e.sentence for e in gather([hit], [described], keywords)] == [figure]


@pytest.mark.parametrize("keywords, subject", [
    (["境外", "展会", "补助", "资金"], ["境外", "展会"]),        # 补多少 → 补助, 钱 → 资金: the sum asked
    (["研发", "资金"], ["研发"]),
    (["交通", "补贴"], ["交通", "补贴"]),                          # a name the asker chose says which sum
    (["补助"], ["补助"]),                                          # "补多少？" names nothing else: kept
])
def test_the_lexicons_readings_of_asking_for_money_are_no_subject(keywords, subject):
    from qa.figures import subject_words

    assert subject_words(keywords, {"money"}) == subject
    assert subject_words(keywords, {"duration"}) == keywords     # "补贴期限多长": 补贴 says which figure


@pytest.mark.parametrize("single", ["能", "花", "要", "给"])
def test_a_single_character_of_the_question_neither_makes_nor_breaks_a_sentences_coverage(single):
    from qa.evidence import _coverage

    assert _coverage(["展会", "境外", single], "支持企业参加境外展会") == 1.0        # not missed when absent
    assert _coverage(["展会", "境外", single], f"{single}展会") == 0.5               # not counted when found
    assert _coverage([single], f"{single}展会") == 1.0                              # unless it is all there is


def test_a_sentence_naming_the_subject_itself_outranks_the_one_after_it():
    hit = _hit("第八条 纳税人接受学历继续教育的支出，按照每月400元定额扣除。纳税人接受职业资格继续教育的支出，按照3600元定额扣除。",
               title="第八条")
    parts = [Part("学历继续教育每月扣多少", {"money"}, ["学历", "继续教育", "每月"])]
    chosen = gather([hit], parts, ["学历", "继续教育", "每月"])
    assert [e.sentence for e in chosen] == ["第八条 纳税人接受学历继续教育的支出，按照每月400元定额扣除。"]


@pytest.mark.parametrize("heading", ["申报对象", "补贴对象", "申请条件", "支持范围", "申报主体"])
def test_who_may_apply_is_answered_under_the_heading_that_announces_it(heading):
    """A sentence under 申报对象 says who may apply in any words; a sentence elsewhere merely naming 资格 does not."""
    applicants = _hit(f"（一）{heading}\n在本区依法设立的法人和非法人组织，经营状况良好。", title=heading, rank=2)
    penalty = _hit("（五）诚信要求\n一经发现造假，将取消其三年内申请资格。", title="诚信要求", rank=0)
    parts = [Part("谁有资格申报", {"condition"}, ["资格", "申报"])]
    chosen = gather([penalty, applicants], parts, ["资格", "申报"])
    assert [e.sentence for e in chosen] == ["在本区依法设立的法人和非法人组织，经营状况良好。"]


@pytest.mark.parametrize("title", ["纳税人接受技能人员职业资格继续教育、专业…", "关于申报对象和申请条件的有关说明事项和要求"])
def test_a_long_or_cut_title_announces_nothing(title):
    from qa.figures import heading_announces

    assert not heading_announces(title, {"condition"})


@pytest.mark.parametrize("line, bare", [("（一）补贴对象", "补贴对象"), ("一、申报对象", "申报对象"), ("3．申请条件", "申请条件"),
                                        ("第五条 适用范围", "适用范围"), ("补贴对象为农民。", "补贴对象为农民。")])
def test_a_heading_line_without_its_number(line, bare):
    from ingest.structure import without_number

    assert without_number(line) == bare


@pytest.mark.parametrize("question", ["度电奖励什么时候停止？", "补贴什么时候结束", "这项资助何时终止？", "When does the reward stop?",
                                      "那奖励什么时候停？", "补贴啥时候停了？", "这个资助何时停呢"])
def test_asking_when_something_stops_asks_for_a_sentence_saying_it_ends(question):
    from qa.analysis import detect_language

    assert {"date", "duration", "ending"} <= asked_kinds(question, detect_language(question))


@pytest.mark.parametrize("ending", ["奖励期满5年，奖励结束。", "达到6050小时后不再给予奖励。", "补贴发放满3年即行终止。"])
def test_the_sentence_saying_it_ends_answers_when_it_stops(ending):
    hit = _hit(f"对光伏项目给予度电奖励。奖励起始时间以列入目录的当季度第一天为准，2023年1月1日起申报。{ending}", title="度电奖励")
    parts = [Part("度电奖励什么时候停止", asked_kinds("度电奖励什么时候停止", "zh"), ["度电", "奖励", "停止"])]
    assert [e.sentence for e in gather([hit], parts, ["度电", "奖励", "停止"])] == [ending]


@pytest.mark.parametrize("question", ["一共推广了多少项举措？", "总共有多少个项目", "How many measures are there in total?"])
def test_asking_for_a_total_prefers_the_figure_said_to_be_the_total(question):
    from qa.analysis import detect_language

    assert "total" in asked_kinds(question, detect_language(question))


@pytest.mark.parametrize("heading", ["一、推广的改革举措（共23项）", "一、推广的改革举措（合计23项）", "一、改革举措推广清单（共二十三项）"])
def test_a_figure_stated_in_a_heading_above_the_clauses_answers_for_them(heading):
    hits = [Hit(chunk_id=f"c{i}", doc_id="d", doc_title="通知", source="f.txt", locator=f"一({n})", title=f"{topic}方面{k}项",
                quote=f"（{n}）{topic}方面{k}项。", heading_path=f"{heading} › （{n}）{topic}方面{k}项")
            for i, (n, topic, k) in enumerate([("一", "知识产权保护", 5), ("四", "军民深度融合", 6)])]
    parts = [Part("一共推广了多少项改革举措", asked_kinds("一共推广了多少项改革举措", "zh"), ["推广", "改革", "举措"], unit="项")]
    chosen = gather(hits, parts, ["推广", "改革", "举措"])
    assert [e.sentence for e in chosen] == [heading]
    assert chosen[0].hit.quote.startswith(heading)  # the citation holds the heading it is cited for


@pytest.mark.parametrize("question, measured", [("有多少个人才公寓", "人才公寓"), ("能拿多少运营补贴", "运营补贴"),
                                                ("建成多少座人才驿站", "人才驿站")])
def test_the_measure_word_after_how_many_is_no_part_of_what_is_measured(question, measured):
    from qa.figures import asked_object

    assert asked_object(question) == measured


@pytest.mark.parametrize("body", ["市人民政府", "试点城市政府", "各区县政府"])
def test_who_is_not_answered_by_the_body_the_question_itself_names(body):
    hit = _hit(f"（二）制定实施方案。实施方案报送市生态环境局，经专家评审通过后实施。2019年上半年，{body}印发实施方案。",
               title="制定实施方案")
    question = f"实施方案要报给谁审？{body}什么时候印发实施方案"
    parts = make_parts(question, "zh", lambda text: [w for w in ("实施方案", "报给", "审", "印发") if w in text])
    chosen = gather([hit], parts, ["实施方案", "报给", "审", "印发"])
    assert [e.sentence for e in chosen] == ["实施方案报送市生态环境局，经专家评审通过后实施。", f"2019年上半年，{body}印发实施方案。"]


@pytest.mark.parametrize("deadline", ["本专项资金提交材料时间为即日起至2026年6月30日。", "请于2026年3月31日前提交申报材料。",
                                      "申报截至2025年12月底。"])
def test_a_deadline_question_is_answered_by_the_sentence_giving_the_last_day_in_its_own_words(deadline):
    hits = [_hit("三、申报材料\n1．申报材料应真实有效，于2026年1月1日后开具。", title="申报材料", rank=0),
            _hit(f"五、注意事项\n{deadline}", title="注意事项", rank=1)]
    question = "申报材料什么时候截止"
    parts = [Part(question, asked_kinds(question, "zh"), ["申报材料", "截止"])]
    assert "deadline" in parts[0].kinds
    assert [e.sentence for e in gather(hits, parts, ["申报材料", "截止"])] == [deadline]


@pytest.mark.parametrize("question, language", [("申报材料发送到哪里？", "zh"), ("在哪里提交申请", "zh"),
                                                ("Where do we send the application materials?", "en"),
                                                ("What is the e-mail address for applications?", "en")])
def test_asking_where_to_send_asks_for_an_address(question, language):
    assert "address" in asked_kinds(question, language)


@pytest.mark.parametrize("address", ["请将申报材料发送至：apply_2026@example.com。", "申报网址：https://example.gov.cn/apply。",
                                     "纸质材料报送地址：临海市人民路1号。"])
def test_the_sentence_giving_the_address_answers_where_to_send(address):
    hits = [_hit("三、申报材料\n1．申报材料应真实有效。", title="申报材料", rank=0), _hit(f"四、材料提交\n{address}", title="材料提交", rank=1)]
    parts = [Part("申报材料发送到哪里", asked_kinds("申报材料发送到哪里", "zh"), ["申报材料", "发送"])]
    assert [e.sentence for e in gather(hits, parts, ["申报材料", "发送"])] == [address]


@pytest.mark.parametrize("question,intent", [
    ("这一条是哪几个部门负责的？", "who"), ("哪几个单位配合？", "who"), ("它的指导部门是哪些？", "who"),
    ("配合的还有哪些？", "who"), ("参与的有谁？", "who"),
    ("Which banks can I go to for it?", "measures"),  # which X asks for the things, not a figure
])
def test_which_bodies_or_things_is_asked_without_a_figure(question, intent):
    from qa.analysis import asks_figure, detect_intent, detect_language

    language = detect_language(question)
    assert detect_intent(question, language, False) == intent and not asks_figure(question, language)


@pytest.mark.parametrize("fused", ["最多补", "最高补", "多少钱"])
def test_an_asking_word_fused_with_the_next_character_is_no_keyword(fused):
    from qa.chain import ASKING_FUSED

    assert ASKING_FUSED.fullmatch(fused) and not ASKING_FUSED.fullmatch("补贴")


LISTED_TARGETS = "到2028年，建成OPC社区100个以上，认定卓越级OPC社区10个以上，培育营收超1000万元OPC100家以上。"


@pytest.mark.parametrize("question,required,expected", [
    ("How many communities will be recognized as excellent-level?", ["卓越级"], "10个以上"),
    ("How much funding does an excellent-level community get?", ["卓越级"], None),  # 1000万元 is revenue of others
])
def test_a_figure_in_a_listing_sentence_is_about_its_own_item(question, required, expected):
    from ingest.targets import extract_targets
    from qa.compose import compose_target

    hit = Hit(chunk_id="c", doc_id="d", doc_title="行动计划", source="f.txt", locator="一", title="总体目标",
              quote=LISTED_TARGETS, heading_path="", targets=[t.to_dict() for t in extract_targets(LISTED_TARGETS)])
    composed = compose_target([hit], question, "en", ["卓越级", "社区", "opc"], required_terms=required)
    assert (composed is None) if expected is None else (f"({expected})" in composed.text)


@pytest.mark.parametrize("question", ["什么样的企业才算港澳青年企业？", "怎样才算高新技术企业？", "哪些企业才属于科技型中小企业"])
def test_what_counts_as_a_term_asks_for_its_definition(question):
    from qa.analysis import detect_intent

    assert detect_intent(question, "zh", False) == "define"


@pytest.mark.parametrize("lead_in,items", [
    ("购机者须准备以下资料：", ["1.有效身份证明；", "2.购机发票；", "3.行驶证或登记证。"]),
    ("申请人应提交如下材料：", ["（一）申请表；", "（二）营业执照复印件；", "（三）承诺书。"]),
    ("申报须符合以下条件：", ["1、在本市注册；", "2、无不良信用记录。"]),
])
def test_a_list_opened_inline_is_quoted_whole(lead_in, items):
    from qa.compose import whole_lists

    text = "第六条 申请办理。" + lead_in + items[0] + "".join(items[1:]) + "审核通过后予以公示。"
    chosen = [lead_in + items[0], items[-1]]  # the sentences sharing the question's words
    assert whole_lists(text, chosen) == [lead_in + "".join(items)]


@pytest.mark.parametrize("below", ["不到{}万", "不超过{}万", "少于{}万", "低于{}万", "未满{}万", "{}万以下"])
@pytest.mark.parametrize("number", ["100", "50"])
def test_a_bound_below_a_number_is_not_answered_by_the_rule_above_it(below, number):
    from qa.figures import comparisons, other_side

    question = f"户籍人口{below.format(number)}的城市能扣多少？"
    assert comparisons(question)[number] == "less"
    assert other_side(question, f"市辖区户籍人口超过{number}万的城市，扣除标准为每月1100元。")
    assert other_side(question, f"户籍人口{number}万以上的城市，每月1100元。")
    assert not other_side(question, f"市辖区户籍人口不超过{number}万的城市，扣除标准为每月800元。")


@pytest.mark.parametrize("sentence,bounds", [
    ("满35周岁至未满45周岁参保人员为0.02%", {"35": "more", "45": "less"}),
    ("离岸距离大于等于50公里的项目", {"50": "more"}), ("不少于3人", {"3": "more"}),
    ("每人每月3000元", {}), ("At least 50 km offshore", {"50": "more"}), ("less than 50 km offshore", {"50": "less"}),
])
def test_which_side_of_a_number_a_text_is_on(sentence, bounds):
    from qa.figures import comparisons

    assert comparisons(sentence) == bounds


def test_a_question_naming_only_the_document_is_answered_by_its_stated_total(tmp_path):
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"n.txt": "海滨市关于推广第二批改革举措的通知\n一、推广的改革举措（共23项）\n"
                                               "（一）知识产权方面5项。\n（二）科技金融方面4项。\n"})
    answer = ask(kb, "海滨市推广的第二批改革举措，一共有多少项？")
    assert "共23项" in answer.answer


@pytest.mark.parametrize("sentence", ["对正常运营1年以上的离校2年内高校毕业生，给予最高1万元一次性创业补贴",
                                      "对45周岁以下的港澳青年给予支持", "对注册满3年以上的企业给予奖励", "对毕业6个月内的学生"])
def test_a_bound_qualifying_who_benefits_states_a_condition(sentence):
    assert "condition" in stated_kinds(sentence)


@pytest.mark.parametrize("question", ["Which banks handle the guaranteed loan?", "Guangzhou startup loan - which banks we can go to?",
                                      "Which documents must accompany the subsidy application?"])
def test_which_things_asks_for_no_amount_even_when_it_names_a_loan_or_subsidy(question):
    assert not asked_kinds(question, "en") & {"money", "percent", "rate"}


def test_which_with_an_amount_still_asks_the_amount():
    assert "money" in asked_kinds("Which bank gives the maximum loan amount?", "en")



@pytest.mark.parametrize("question", ["滨海市的算力券每年一共发多少？", "滨海市每年发放多少算力券", "滨海市算力券一年发放总额是多少"])
def test_a_question_in_the_users_word_is_answered_from_the_sentence_in_the_documents_word(tmp_path, question):
    """算力券 expands to 算力服务券; a sentence saying 算力券 names the subject all the same (qa.lexicon.word_groups)."""
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"n.txt": "滨海市人工智能社区推广方案\n一、主要举措\n（一）降低算力成本。依托市算力调度平台，"
                                               "每年发放不超过3000万元算力券，对算力使用方给予支持。\n（二）支持模型研发。"
                                               "按照研发成本的30%给予最高200万元补助。\n"})
    answer = ask(kb, question)
    assert not answer.refused and "3000万元" in answer.answer


@pytest.mark.parametrize("question,values", [
    ("个人缴费费率是多少？我今年40岁。", [(40.0, "岁")]), ("我42周岁了，能领多少", [(42.0, "岁")]),
    ("公司注册已经四年了，还能申请吗", [(4.0, "年")]), ("我店里现在雇了6个人", [(6.0, "人")]), ("我们有20名员工", [(20.0, "人")]),
    ("到2020年秸秆综合利用率是多少", []), ("40岁以下博士在青岛落户买房，安家费给多少？", []), ("满3年的企业能补多少", []),
    ("35到45岁的费率是多少", []), ("35岁至45岁之间的费率", []),  # a range asked about, no age of the asker's ("同一家企业一年最多能兑多少", []), ("补贴期限最长几年", []),
])
def test_the_figures_an_asker_states_of_their_own_case(question, values):
    from qa.figures import own_values

    assert own_values(question) == values


@pytest.mark.parametrize("age,rule", [("28", "（1）"), ("35", "（2）"), ("42", "（2）"), ("50", "（3）"), ("58", "（3）")])
def test_a_figure_question_stating_the_askers_age_is_answered_by_the_rule_for_that_age(age, rule):
    from qa.figures import outside_own_case

    rules = ["（1）未满30周岁参保人员个人不缴费；", "（2）满30周岁至未满50周岁参保人员为0.03%；",
             "（3）满50周岁至退休前参保人员为0.09%；"]
    question = f"个人缴费费率是多少？我今年{age}岁。"
    assert [r[:3] for r in rules if not outside_own_case(question, r)] == [rule]


@pytest.mark.parametrize("question,sentence", [
    ("等我退休以后呢？", "满50周岁至退休前参保人员为0.09%"), ("毕业后还能申请吗", "毕业前已注册的企业给予补贴"),
    ("注册之前能领吗", "注册后满一年的企业给予奖励"),
])
def test_a_question_after_an_event_is_not_answered_by_the_rule_before_it(question, sentence):
    from qa.figures import other_side

    assert other_side(question, sentence)
    assert not other_side(question, "退休人员为0.15%")


MADE_UP_CARE_RATES = ("临海市长期护理保险办法\n第六条 长护险缴费费率标准如下：\n（一）职工参保人员\n1.单位缴费费率为0.2%。\n"
                      "2.个人缴费费率：\n（1）未满30周岁参保人员个人不缴费；\n（2）满30周岁至未满50周岁参保人员为0.03%；\n"
                      "（3）满50周岁至退休前参保人员为0.09%；\n（4）退休人员为0.15%。\n（二）居民参保人员\n年缴费费率为0.3%。\n")


@pytest.mark.parametrize("question,rate", [("临海长护险个人缴费费率是多少？我今年42岁。", "0.03%"),
                                           ("我今年55岁，临海长护险个人每月缴费费率多少？", "0.09%")])
def test_an_asker_stating_their_age_gets_the_rate_for_that_age_and_after_retirement_the_retirees_rate(tmp_path, question, rate):
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"care.txt": MADE_UP_CARE_RATES})
    first = ask(kb, question)
    assert rate in first.answer and not any(r in first.answer for r in {"0.03%", "0.09%", "0.15%"} - {rate})
    after = ask(kb, "等我退休以后呢？", history=[first.to_dict()])
    assert "0.15%" in after.answer


@pytest.mark.parametrize("question", ["个人借款人申请有年龄限制吗", "有没有年龄要求？", "多大年纪可以申请", "对申请人的岁数有规定吗"])
def test_a_question_on_age_asks_for_an_age(question):
    assert "duration" in asked_kinds(question, "zh")


MADE_UP_LOAN_FAQ = ("临海市创业担保贷款常见问题\n一、贷款申请对象有哪几类？\n答：申请对象分别是个人借款人和小微企业借款人。\n"
                    "二、贷款有哪些申请条件？\n答：个人借款人申请条件：\n（一）个人借款人为重点扶持对象的，并符合以下条件：\n"
                    "1.提交贷款申请时女性不超过50周岁、男性不超过55周岁；\n2.有具体经营项目；\n"
                    "（二）其他人员申请的，创业主体注册登记时间在2年内。\n")


@pytest.mark.parametrize("question", ["临海的创业担保贷款，个人借款人申请有年龄限制吗？", "临海个人借款人申请创业担保贷款有年龄要求吗？"])
def test_an_age_question_is_answered_by_the_item_stating_the_age_not_by_the_lead_in_of_the_conditions(tmp_path, question):
    """"个人借款人申请条件：" says what follows, not what the conditions are; the item stating the age answers."""
    from tests.conftest import answer_over

    answer = answer_over(tmp_path, {"faq.txt": MADE_UP_LOAN_FAQ}, question)
    assert "50周岁" in answer.answer and "55周岁" in answer.answer


@pytest.mark.parametrize("word", ["第二批", "第2批", "二批"])
def test_a_word_of_the_title_is_one_however_its_number_is_written(word):
    from qa.evidence import in_title

    assert in_title(word, "国务院办公厅关于推广第二批支持创新相关改革举措的通知")
    assert not in_title("第3批", "国务院办公厅关于推广第二批支持创新相关改革举措的通知")


MADE_UP_GUIDE = ("临海市出海专项资金申报指南\n一、支持内容\n1．支持开拓国际市场。按照实际发生额的50%给予支持。\n"
                 "二、申报材料\n1．申请表；\n2．营业执照复印件；\n三、提交方式\n1．电子版材料：请将申报材料发送至：lh_fund@example.com。\n"
                 "2．纸质材料：请寄送至临海市商务局一楼窗口。\n3．财务报表获取方式：https://example.com/report。\n"
                 "4．完税证明获取方式：https://example.com/tax。\n四、时间安排\n1．受理时间为即日起至2026年6月30日。\n")


@pytest.mark.parametrize("question", ["临海出海专项资金的材料发到哪里？什么时候截止？", "临海出海专项资金申报截止到哪天？材料寄到哪里？"])
def test_a_question_asking_where_and_until_when_gets_both_the_address_and_the_deadline(tmp_path, question):
    """Four clauses state an address; they do not crowd the one stating the deadline out of the clauses read."""
    from tests.conftest import answer_over

    answer = answer_over(tmp_path, {"guide.txt": MADE_UP_GUIDE}, question)
    assert "2026年6月30日" in answer.answer and ("lh_fund@example.com" in answer.answer or "一楼窗口" in answer.answer)


def test_an_answer_structured_for_the_second_part_is_completed_with_the_first(tmp_path):
    """The deadline is the structured (when) answer; the address, asked first, is added to it, not dropped."""
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"guide.txt": MADE_UP_GUIDE.replace("受理时间为", "本专项资金提交材料时间为")})
    answer = ask(kb, "临海出海专项资金的材料发到哪里？什么时候截止？")
    assert "2026年6月30日" in answer.answer and "lh_fund@example.com" in answer.answer


@pytest.mark.parametrize("question,asks_date", [
    ("Is there any free accommodation for OPC talent when we first arrive?", False),
    ("What do we get when we hire 10 people?", False), ("When does the policy expire?", True),
    ("By when must we apply?", True), ("Hangzhou subsidy, when is the deadline", True), ("And when do they pay?", True),
])
def test_when_asks_for_a_date_only_as_a_question_word(question, asks_date):
    assert ("date" in asked_kinds(question, "en")) == asks_date


@pytest.mark.parametrize("clause,sentence,expected", [
    ("服务合同完成并经审核后，给予不超过20%的支持。单个项目支持金额最高不超过200万元，每家企业每年最高1000万元。",
     "服务合同完成并经审核后，给予不超过20%的支持。", "服务合同完成并经审核后，给予不超过20%的支持。单个项目支持金额最高不超过200万元，每家企业每年最高1000万元。"),
    ("按设备投资额的10%给予补贴。补贴上限为50万元。", "按设备投资额的10%给予补贴。", "按设备投资额的10%给予补贴。补贴上限为50万元。"),
    ("按照实际发生额的50%给予支持，每家企业年度最高不超过200万元。对首站落地的给予一次性奖励，最高不超过30万元。",
     "按照实际发生额的50%给予支持，每家企业年度最高不超过200万元。", "按照实际发生额的50%给予支持，每家企业年度最高不超过200万元。"),
    ("按研发成本的30%给予补助。支持企业开展应用示范。", "按研发成本的30%给予补助。", "按研发成本的30%给予补助。"),
    ("按研发成本的30%给予补助。采购费用按50%给予最高100万元补助。", "按研发成本的30%给予补助。", "按研发成本的30%给予补助。"),
])
def test_support_given_as_a_share_is_quoted_with_the_cap_the_next_sentence_sets(clause, sentence, expected):
    from qa.evidence import _with_cap

    assert _with_cap(clause, sentence) == expected


@pytest.mark.parametrize("sentence,pairs", [
    ("对在青创新创业落户并购买唯一商品住房的40周岁以下博士、35周岁以下硕士,分别给予15万元、10万元一次性安家费。",
     [("对在青创新创业落户并购买唯一商品住房的40周岁以下博士", "15万元"), ("35周岁以下硕士", "10万元")]),
    ("对认定的国家级、省级、市级平台分别奖励100万元、50万元和20万元。",
     [("对认定的国家级", "100万元"), ("省级", "50万元"), ("市级平台", "20万元")]),
    ("按照博士每月1200元、硕士每月800元标准发放。", []),     # no 分别: each figure stands by its subject already
    ("博士和硕士分别为3年。", []),                            # one figure for two subjects
])
def test_figures_given_respectively_pair_with_their_subjects_in_order(sentence, pairs):
    from qa.figures import respective

    assert respective(sentence) == pairs


@pytest.fixture(scope="module")
def respective_kb(tmp_path_factory):
    from tests.conftest import knowledge_base_of

    return knowledge_base_of(tmp_path_factory.mktemp("respective"), {"a.txt": MADE_UP_RESPECTIVE})


MADE_UP_RESPECTIVE = ("滨海市人才安居办法\n一、安家补贴。对落户并购房的45周岁以下博士、40周岁以下硕士、35周岁以下本科生，"
                      "分别给予20万元、12万元和6万元一次性安家补贴。\n二、租房补贴。每月给予1000元。\n")


@pytest.mark.parametrize("question,figure", [("滨海45周岁以下博士的安家补贴多少？", "20万元"), ("滨海市硕士的一次性安家补贴是多少", "12万元"),
                                             ("滨海本科生安家补贴能拿多少", "6万元")])
def test_a_figure_given_respectively_is_the_one_of_the_subject_asked(respective_kb, question, figure):
    from qa.chain import ask

    answer = ask(respective_kb, question)
    assert answer.answer.split("\n")[0].endswith(f"{figure}[1]。")



@pytest.mark.parametrize("sentence,figure,bounds", [
    ("提供最高30万元的贷款，其中，对10万元以下的创业担保贷款免除反担保要求", "对10万元以下", True),
    ("对年营业收入500万元以上的企业给予奖励", "500万元以上", True),
    ("提供最高30万元的贷款，其中，对10万元以下的创业担保贷款免除反担保要求", "最高30万元", False),
    ("给予每人每月1500元的住房补贴", "1500元", False),
])
def test_a_figure_saying_which_cases_a_rule_is_for_is_no_amount_it_gives(sentence, figure, bounds):
    from qa.figures import bounds_a_subject

    assert bounds_a_subject(sentence, figure) is bounds


@pytest.mark.parametrize("question,values", [
    ("如果带动6个人就业，能贷多少", [(6.0, "人")]), ("雇了8个人的话，临海贷款最高多少", [(8.0, "人")]),
    ("要是干了3年，还有补贴吗", [(3.0, "年")]), ("假如是50岁呢", [(50.0, "岁")]),
    ("带动6个人就业的企业能贷多少", []),  # a count the question names, not posed as the asker's case
])
def test_a_figure_in_a_clause_posing_a_case_is_the_askers_own(question, values):
    from qa.figures import own_values

    assert own_values(question) == values


@pytest.mark.parametrize("question,sentence", [
    ("我今年58岁，个人要缴费吗", "（一）未满35周岁参保人员个人不缴费；"), ("50岁的话个人要交钱吗", "（一）未满35周岁参保人员个人不缴费；"),
    ("我们有60名员工，适用哪档费率", "员工不足10人的企业按0.1%缴费"),
])
def test_a_rule_for_cases_the_asker_is_not_is_left_out_whatever_is_asked(question, sentence):
    from qa.figures import outside_own_case

    assert outside_own_case(question, sentence)


@pytest.mark.parametrize("question", ["我今年58岁，还能申请吗", "我今年58岁，能不能贷款？", "I'm 58 years old, am I still eligible?",
                                      "I'm a 57-year-old woman. Am I over the age limit?", "I'm 58, am I too old for it?",
                                      "我58岁了，是不是超龄了？", "我今年58岁，年纪太大了还能贷吗", "我58了，岁数太大不让申请吗",
                                      "My wife is 58. Is she still young enough for the loan?", "He's 58 - old enough?",
                                      "我老婆58岁，她年龄还够吗？", "我58岁，年纪还符合吗", "我爸58岁，够年龄吗",
                                      "我合伙人今年58岁，他还算青年吗？", "我58岁了，算不算青年人才", "I'm 58. Do I still count as young talent?",
                                      "我朋友今年58岁了，能算青年吗？", "我58岁，是否算青年人才",
                                      "我今年58了，还能报吗？", "我58岁，还可以报这个项目吗",
                                      "我是男的，今年58了，年龄上会不会卡我？", "我58岁，岁数有没有限制", "我爸59了，会不会被卡",
                                      "我老婆56岁，年纪卡不卡", "I'm 58 - does my age rule me out?", "My dad is 59; is his age a problem?",
                                      "She's 56. Would that disqualify her?"])
def test_the_rule_that_leaves_the_asker_out_answers_whether_they_qualify(question):
    from qa.figures import outside_own_case

    assert not outside_own_case(question, "提交贷款申请时女性不超过55周岁")


@pytest.mark.parametrize("question,sentence,within", [
    ("雇了8个人的话，最高能贷多少", "带动就业5人及以上就业的，贷款额度最高60万元。", True),
    ("要是带动3个人就业呢", "带动就业5人及以上就业的，贷款额度最高60万元。", False),
    ("雇了8个人的话，最高能贷多少", "个人创业担保贷款额度最高20万元。", False),  # no bound: the general rule
    ("我今年40岁，费率多少", "满35周岁至未满45周岁参保人员为0.03%", True),
    ("我今年40岁，费率多少", "员工5人以上的企业按0.1%缴费", False),  # a bound in another unit
    ("我爸退休了，个人要交钱吗", "（四）退休人员为0.12%。", True),  # past the event: the rule for those past it
    ("已经毕业了还能申请吗", "毕业后2年内的高校毕业生给予补贴", True),
    ("我爸退休了，个人要交钱吗", "退休延缴人员的个人缴费，从其职工医保费中划转", False),  # another status
    ("我爸退休了，个人要交钱吗", "满45周岁至退休前参保人员为0.08%", False),
])
def test_a_rule_bounded_to_the_askers_own_case(question, sentence, within):
    from qa.figures import within_own_case

    assert within_own_case(question, sentence) is within


@pytest.mark.parametrize("question,language,kinds", [
    ("到2028年建多少个社区", "zh", {"count"}), ("秸秆一共多少吨", "zh", {"measure", "total"}), ("能建多少千瓦的光伏", "zh", {"measure"}),
    ("How many tons of straw are used?", "en", {"measure"}), ("How many communities by 2028?", "en", {"count"}),
])
def test_a_quantity_in_physical_units_is_asked_as_a_measure_not_a_count(question, language, kinds):
    assert asked_kinds(question, language) == kinds


@pytest.mark.parametrize("sentence", ["到2028年，全市OPC社区面积超50万平方米。", "年处理秸秆20万吨", "装机容量100千瓦"])
def test_a_quantity_in_physical_units_is_no_count(sentence):
    assert "count" not in stated_kinds(sentence)


@pytest.mark.parametrize("question,language", [
    ("住房租金和房贷利息能同时扣吗", "zh"), ("这两个补贴可以叠加享受吗", "zh"), ("能一起申请吗", "zh"), ("会不会重复享受", "zh"),
    ("Can I claim it together with my mortgage interest?", "en"), ("Can we get both the rent subsidy and the loan?", "en"),
    ("Can I stack it with the city grant?", "en"), ("Can it be claimed at the same time as the other one?", "en"),
])
def test_whether_two_measures_may_be_had_together_is_asked_as_such(question, language):
    assert asked_kinds(question, language) == {"combine"}


@pytest.mark.parametrize("sentence,combines", [
    ("纳税人及其配偶在一个纳税年度内不能同时分别享受住房贷款利息和住房租金专项附加扣除。", True),
    ("同一项目符合多项扶持政策的，按就高原则给予支持，不重复享受。", True), ("可与其他政策叠加享受。", True),
    ("给予每月1500元补贴。", False),
])
def test_a_sentence_saying_whether_measures_may_be_had_together(sentence, combines):
    assert ("combine" in stated_kinds(sentence)) is combines


@pytest.mark.parametrize("question,money_only", [
    ("How much?", True), ("导师每月补贴多少", True), ("补多少", True), ("能补多少比例", True),
    ("多少家企业", False), ("多少人", False), ("补贴期限多久", False), ("How many mentors and how much?", False),
])
def test_which_questions_ask_only_an_amount_or_a_share(question, money_only):
    from qa.figures import asks_only_money
    from qa.analysis import detect_language

    assert asks_only_money(question, detect_language(question)) is money_only


@pytest.mark.parametrize("question,asks", [
    ("个人最多能贷多少？", False), ("企业能申请多少补贴", False), ("能领几年", False), ("可以享受多久", False),
    ("我还能申请吗", True), ("能不能报", True), ("可以领取吗？", True),
])
def test_asking_how_much_one_may_get_is_no_question_of_whether_one_may(question, asks):
    """能贷多少 asks an amount: the rules for cases other than the asker's are set aside as for any question; 还能申请吗
    asks whether they qualify, and the rule that leaves them out is the answer."""
    from qa.figures import ASKS_ELIGIBILITY

    assert bool(ASKS_ELIGIBILITY.search(question)) is asks


@pytest.mark.parametrize("question,asks_body", [
    ("Qingdao: one-time allowance for a PhD who buys his first home, how much?", False),
    ("What do graduates who start a business get?", False), ("Who leads the first-set equipment task?", True),
    ("In Zaozhuang who leads the first-set equipment task?", True), ("And who pays for it?", True),
    ("The first-set equipment task, who leads it?", True), ("I want to know who handles it", True),
    ("We look after our parents, who are both in their sixties. What's the most I can deduct?", False),
    ("My mother, who is 68, was discharged. How long can she get care?", False),
    ("For the loan, who pays and how much?", True), ("For the subsidy, who decides?", True),
    ("We're three people who graduated a year ago. Is there a one-off startup grant for us?", False),
    ("I have a friend who runs a shop. Can he apply?", False), ("Is it the bureau who leads it?", True),
])
def test_who_asks_for_a_body_only_as_a_question_word(question, asks_body):
    from qa.analysis import detect_intent

    assert (detect_intent(question, "en", False) == "who") is asks_body
    assert ("org" in asked_kinds(question, "en")) is asks_body


@pytest.mark.parametrize("word,title", [("国办", "国务院办公厅关于推广第二批支持创新相关改革举措的通知"),
                                        ("工信部", "工业和信息化部关于印发某某办法的通知"), ("第2批", "关于公布第二批名单的通知")])
def test_a_title_word_counts_however_it_is_abbreviated_or_numbered(word, title):
    from qa.evidence import in_title
    from vectorstore.tokenizer import normalize

    assert in_title(word, normalize(title))


@pytest.mark.parametrize("sentence,lead_in", [
    ("答：个人借款人申请条件：", True), ("申报材料如下:", True), ("支持内容包括：", True),
    ("纳入支付范围的费用标准为每人每次200元，支付比例如下：", False),  # says a figure before announcing more
    ("提交贷款申请时女性不超过55周岁。", False),
])
def test_a_sentence_only_announcing_what_follows_answers_nothing(sentence, lead_in):
    from qa.evidence import _only_lead_in

    assert _only_lead_in(sentence) is lead_in


@pytest.mark.parametrize("question,sentence", [("那已经退休的人呢？", "满45周岁至退休前参保人员为0.08%"),
                                               ("已毕业的还能申请吗", "毕业前已注册的企业给予补贴"),
                                               ("退休了还要交吗", "满45周岁至退休前参保人员为0.08%")])
def test_an_event_said_to_have_happened_is_after_it(question, sentence):
    from qa.figures import other_side

    assert other_side(question, sentence) and not other_side(question, "退休人员为0.12%")


@pytest.mark.parametrize("phrase", ["excellent", "excellent level", "top rated", "advanced level", "leading level"])
def test_the_grades_of_a_rating_are_glossary_terms(phrase):
    from qa.lexicon import glossary

    assert any(phrase in entry.phrases for entry in glossary() if entry.zh.endswith("级"))


@pytest.mark.parametrize("phrase,zh", [("a care institution", "机构护理"), ("in care institutions", "机构护理"),
                                       ("employer contribution", "单位缴费"),
                                       ("the employer pays", "单位缴费"), ("individual contribution", "个人缴费"),
                                       ("daily living care costs", "生活照料")])
def test_care_settings_and_who_contributes_are_glossary_terms(phrase, zh):
    from qa.lexicon import expand

    assert zh in [e.zh for e in expand(phrase, set()).glossary_terms]


MADE_UP_THIRD_BATCH = ("滨海市人民政府办公厅关于推广第三批支持创新改革举措的通知\n各区人民政府：\n"
                       "一、推广的改革举措（共12项）\n（一）科技金融方面5项。\n（二）人才引进方面7项。\n")


@pytest.mark.parametrize("question", ["滨海市政府办公厅2019年推广的第三批支持创新改革举措一共有多少项？",
                                      "2019年第三批推广的改革举措总共几项？", "第三批支持创新改革举措一共多少项"])
def test_a_documents_total_is_its_answer_when_the_question_names_only_the_document_and_its_year(tmp_path, question):
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"batch.txt": MADE_UP_THIRD_BATCH})
    assert "共12项" in ask(kb, question).answer


MADE_UP_MACHINE_CAPS = ("临海市农机购置补贴实施方案\n"
                        "一、补贴额测算比例。结合防灾减灾农机储备制度，对生产急需的移动式烘干机、履带式收获机、大型收获机，"
                        "购置补贴额测算比例可提高至40%，机具需纳入统一调度平台管理。\n"
                        "二、单机补贴限额。除上述提高补贴额测算比例的补贴机具以外，一般补贴机具单机补贴限额原则上不超过5万元；"
                        "烘干机单机补贴限额不超过12万元；大型收获机单机补贴限额不超过20万元。\n"
                        "三、资金使用。农机购置补贴资金主要用于支持购置先进适用农业机械。\n")


@pytest.fixture(scope="module")
def machine_caps_kb(tmp_path_factory):
    from tests.conftest import knowledge_base_of

    return knowledge_base_of(tmp_path_factory.mktemp("machine_caps"), {"caps.txt": MADE_UP_MACHINE_CAPS})


@pytest.mark.parametrize("question,cap", [("临海买烘干机单台最多补多少？", "12万元"), ("临海的烘干机每台能补多少钱？", "12万元"),
                                          ("临海大型收获机单台最多补多少？", "20万元")])
def test_a_cap_asked_per_machine_comes_from_the_per_machine_cap_not_from_a_raised_share(machine_caps_kb, question, cap):
    from qa.chain import ask

    assert cap in ask(machine_caps_kb, question).answer


MADE_UP_SERVICE_VOUCHERS = ("临海市支持人工智能OPC发展若干措施\n"
                            "一、强化算力支撑。建设市级算力公共服务平台。设立算力服务券，对人工智能OPC当年使用算力服务费用的50%"
                            "给予最高20万元补助，补助期限不超过3年。\n二、场地支持。对入驻社区的OPC给予最长2年免费办公场地。\n")


@pytest.mark.parametrize("question", ["What percentage and what cap does Linhai's compute-voucher subsidy for AI OPCs give?",
                                      "How much can an OPC in Linhai get from the compute vouchers?"])
def test_an_english_term_is_found_under_the_documents_longer_name_for_it(tmp_path_factory, question):
    """"compute voucher" is 算力券 in the glossary; this document writes 算力服务券 (the lexicon's reading of it)."""
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = _SERVICE_VOUCHERS.get("kb") or _SERVICE_VOUCHERS.setdefault(
        "kb", knowledge_base_of(tmp_path_factory.mktemp("service_vouchers"), {"vouchers.txt": MADE_UP_SERVICE_VOUCHERS}))
    answer = ask(kb, question)
    assert not answer.refused and "20万元" in answer.answer


_SERVICE_VOUCHERS: dict = {}


@pytest.mark.parametrize("busy", ["补助期限3年，每年评审1次，覆盖10个区。", "资金分3年拨付，每年不少于2次，每次5个工作日内到账。"])
def test_a_sentence_stating_many_kinds_of_figure_wins_nothing_when_any_figure_is_asked(busy):
    """"补助能有多少？" asks any figure: a sentence of durations and counts is no better than the one giving the sum."""
    from qa.figures import ANY_FIGURE_KINDS

    hit = _hit("对贴息项目按贷款实际利率的50%给予补助。" + busy, title="贴息补助")
    part = Part("贴息补助能有多少", set(ANY_FIGURE_KINDS), ["贴息", "补助"])
    chosen = gather([hit], [part], part.keywords)
    assert chosen and "50%" in chosen[0].sentence


@pytest.mark.parametrize("order", [0, 1])
def test_of_two_sentences_under_one_heading_the_one_saying_the_asked_word_itself_answers(order):
    """Both sit under "贷款利率和贴息利率分别是多少？" and state one figure each; "利息能贴多少" is answered by the one
    that says 贴息 itself, whichever comes first."""
    pair = ["贷款利率上限不超过LPR+50BP。", "按贷款实际利率的50%给予财政贴息。"]
    hit = _hit("".join(pair if order == 0 else pair[::-1]), title="贷款利率和贴息利率分别是多少？")
    part = Part("利息能贴多少", {"money", "percent", "rate"}, ["利息", "贴息"])
    chosen = gather([hit], [part], part.keywords)
    assert chosen and "50%" in chosen[0].sentence


@pytest.mark.parametrize("question,unit", [("准备建多少个？", "个"), ("一共建几个呢？", "个"), ("要建多少个社区？", None),
                                           ("几个人工智能社区", None), ("多少个工作日", "工作日")])
def test_a_count_asked_in_ge_at_the_end_is_counted_in_ge(question, unit):
    from qa.figures import asked_unit

    assert asked_unit(question) == unit


@pytest.mark.parametrize("sentence,states", [("建成OPC社区100个以上", True), ("培育企业20家", True), ("3名创业导师", False),
                                             ("最长6个月", False)])
def test_a_figure_counted_in_ge_or_its_kin_states_ge(sentence, states):
    from qa.figures import states_unit

    assert states_unit(sentence, "个") is states


MADE_UP_NATIONAL_AND_LOCAL = {
    "national.txt": "国务院关于印发个人所得税专项附加扣除暂行办法的通知\n第六章 住房租金\n"
                    "第十七条 纳税人在主要工作城市没有自有住房而发生的住房租金支出，可以按照以下标准定额扣除：\n"
                    "（一）直辖市、省会（首府）城市、计划单列市以及国务院确定的其他城市，扣除标准为每月1500元；\n"
                    "（二）其他城市，扣除标准为每月800元。\n"
                    "第十九条 住房租金支出由签订租赁住房合同的承租人扣除。\n",
    "local.txt": "临海市打造人工智能创业高地行动计划\n"
                 "一、人才安居。为人才提供多层次住房保障，以保障性租赁住房为重点，鼓励各区为人才提供低租金的人才公寓，"
                 "对人才定向配租专项租赁住房。\n二、算力支持。发放算力券。\n",
}


@pytest.mark.parametrize("question", ["我在临海上班，租房住，个税专项附加扣除里房租一个月能扣多少？",
                                      "临海租房的话，个人所得税专项附加扣除每月能扣多少？"])
def test_a_citys_own_plan_comes_first_only_when_it_holds_about_as_much_of_the_question(tmp_path_factory, question):
    """The city's plan talks about rented housing too, but holds far less of the question than the national measure:
    the place prefers its own documents only among those about as relevant."""
    from qa.chain import analyse, scope, search
    from tests.conftest import knowledge_base_of

    kb = _NATIONAL_AND_LOCAL.get("kb") or _NATIONAL_AND_LOCAL.setdefault(
        "kb", knowledge_base_of(tmp_path_factory.mktemp("national_and_local"), MADE_UP_NATIONAL_AND_LOCAL))
    ctx = analyse(kb, question, None)
    scope(kb, ctx)
    assert search(kb, ctx)[0].source == "national.txt"


_NATIONAL_AND_LOCAL: dict = {}


@pytest.mark.parametrize("question", ["贷款额度太大了还能批吗", "这个金额是不是太大了？"])
def test_too_big_an_amount_is_no_question_of_the_askers_age(question):
    from qa.figures import ASKS_ELIGIBILITY

    assert not ASKS_ELIGIBILITY.search(question)


@pytest.mark.parametrize("question,asks_body", [
    ("跨境出海那部分应用场景，是哪几个地方负责落实？", True), ("这项任务哪些地方负责？", True), ("哪个地方牵头？", True),
    ("那职务科技成果权属改革在哪些地方推广？", False), ("试点在哪几个地方？", False),  # where, not who
])
def test_which_places_are_responsible_asks_who(question, asks_body):
    """"哪几个地方负责落实" asks which local governments own a task (深圳市政府, 横琴…执委会); "在哪些地方推广" asks where."""
    from qa.analysis import detect_intent

    assert (detect_intent(question, "zh", False) == "who") is asks_body
    assert ("org" in asked_kinds(question, "zh")) is asks_body


@pytest.mark.parametrize("description", ["我去年被公司裁了，已经登记失业，打算开个小奶茶店。", "我们厂在郊区，做了十几年五金，刚转型。",
                                         "本人刚退伍回来，在老家承包了几十亩地！"])
@pytest.mark.parametrize("asked", ["创业贷款个人最多能贷多少？", "农机补贴一台最多补多少？"])
def test_a_whole_sentence_describing_the_asker_goes_with_its_first_clause(description, asked):
    """The clauses after the first go on describing the asker without saying 我 again (pro-drop): the whole
    sentence, closed by 。 or ！ and asking nothing, is the description."""
    from qa.evidence import without_self_description

    assert without_self_description(description + asked, "zh") == asked
    words = lambda text: re.findall(r"登记失业|奶茶店|五金|退伍|老家|创业贷款|个人|农机补贴|一台", text)
    part = make_parts(description + asked, "zh", words)[-1]
    assert part.asked_keywords == words(asked)  # the part is read as written, its 。 and all



@pytest.mark.parametrize("giver", ["国家", "政府", "财政", "市里", "省级"])
@pytest.mark.parametrize("given", ["补贴", "补助", "奖励"])
def test_who_gives_names_no_subject_a_figure_must_name(giver, given):
    """国家补贴 asks of the support itself: the sentence giving the machine's cap names no 国家 and still answers."""
    from qa.evidence import names_subject

    assert names_subject(Part("q", {"money"}, ["烘干机", giver + given]), "烘干机单机补贴限额不超过12万元")


@pytest.mark.parametrize("dated", ["2018年底", "2020年初", "2019上半年", "2021年度"])
def test_a_question_naming_only_the_document_and_when_gets_its_stated_total(dated):
    """"2018年底推广的第二批改革举措，一共有多少项？": the date places the document, like its year; the heading
    stating the total (共23项) answers."""
    from qa.evidence import DATE_PART

    title = "关于推广第二批支持创新相关改革举措的通知"
    hit = Hit(chunk_id="c0", doc_id="d", doc_title=title, source="f.txt", locator="一(一)", title="科技金融创新",
              quote="1.知识产权质押融资。", heading_path="一、推广的改革举措（共23项） › （一）科技金融创新")
    date_words = [w for w in re.findall(r"[\u4e00-\u9fff]+", dated) if DATE_PART.fullmatch(w)] or [dated[-2:]]
    keywords = ["推广", "第二批", "改革", "举措", *date_words]
    chosen = gather([hit], [Part("一共有多少项", {"count", "total"}, keywords)], keywords)
    assert [e.sentence for e in chosen] == ["一、推广的改革举措（共23项）"]


@pytest.mark.parametrize("per", ["一个月", "每月", "一年", "每年"])
def test_a_part_naming_only_the_period_reads_the_clause_of_the_part_before(per):
    """"个税这块能扣吗？一个月扣多少？": the second part names no subject, only the period it asks per."""
    hit = _hit("年满3岁的子女，按本条第一款规定执行。按照每个子女每月1000元的标准定额扣除。", title="子女教育")
    other = Hit(chunk_id="c1", doc_id="d", doc_title="扣除办法", source="f.txt", locator="6", title="扣除方式",
                quote="父母可以选择由其中一方按扣除标准的100%扣除。", heading_path="")
    parts = [Part("孩子满3岁能扣吗", set(), ["孩子", "子女", "扣"]), Part(f"{per}扣多少", {"money", "percent", "rate"}, [per, "扣"])]
    chosen = gather([hit, other], parts, ["孩子", "子女", "扣", per])
    assert chosen[-1].sentence == "按照每个子女每月1000元的标准定额扣除。"


@pytest.mark.parametrize("name", ["“四个全面”", "“五位一体”", "“633”", "“1+N”", "「两个确保」"])
def test_the_numbers_of_a_quoted_name_state_no_figure(name):
    """“四个全面”战略布局 names a slogan: no count a question "多少个" could be answered with."""
    assert "count" not in stated_kinds(f"紧紧围绕{name}战略布局，深入推进改革。")
    assert "count" in stated_kinds(f"围绕{name}战略布局，选择10个左右城市。")


@pytest.mark.parametrize("asked", ["对秸秆利用定了什么指标？", "渔网回收定了哪些目标？", "What target was set for straw?"])
def test_asking_for_a_target_is_told_from_the_askers_description(asked):
    """"我在老家搞养猪场，…定了什么指标？": a target is a figure; the farm describes the asker."""
    from qa.evidence import asked_keywords

    language = "en" if asked.isascii() else "zh"
    description = "I run a pig farm back home. " if language == "en" else "我在老家搞规模养猪场，"
    words = lambda text: re.findall(r"养猪场|老家|秸秆|渔网|回收|straw|pig|farm", text)
    assert asked_keywords(description + asked, language, words) is None or \
        set(asked_keywords(description + asked, language, words)) == set(words(asked))
    if language == "zh":
        assert asked_keywords(description + asked, language, lambda t: words(t) + ["利用"]) is not None


@pytest.mark.parametrize("question", ["我老婆56岁，想开个小裁缝店，政府担保的贷款她年龄还够吗？",
                                      "我爸今年57岁，打算开个早餐店，担保贷款他年纪还符合吗？"])
def test_a_rule_bounding_the_askers_own_figure_is_about_their_case_though_it_names_little_else(question):
    """"年龄还够吗" with the asker's age: the rule bounding age (不超过55周岁) answers, though the description
    (裁缝店, 早餐店) holds words no sentence has — its bound is on the asker's own figure."""
    hit = Hit(chunk_id="c0", doc_id="d", doc_title="创业担保贷款常见问题", source="f.txt", locator="五(一)1", title="",
              quote="1.提交贷款申请时女性不超过55周岁、男性不超过60周岁；", heading_path="五、创业担保贷款有哪些申请条件？")
    keywords = ["开个", "小", "裁缝", "裁缝店", "早餐店", "政府", "担保", "贷款", "年龄", "年纪", "还够", "符合"]
    parts = make_parts(question, "zh", lambda text: [k for k in keywords if k in text])
    assert [e.sentence for e in gather([hit], parts, [k for k in keywords if k in question])] == \
        ["1.提交贷款申请时女性不超过55周岁、男性不超过60周岁；"]


@pytest.mark.parametrize("question,listed", [("Which banks actually handle these loans?", ["银行"]),
                                             ("创业担保贷款有哪些经办银行？", ["银行"]), ("what agencies guide it?", ["机构"])])
def test_a_which_part_asks_to_have_its_things_named(question, listed):
    words = {"banks": ["银行"], "agencies": ["机构"]}
    part, = make_parts(question, "en" if question.isascii() else "zh", lambda text: words.get(text, []))
    assert part.listed == listed


def test_a_sentence_naming_several_of_the_things_asked_lists_the_answer():
    """"Which banks handle these loans?": the sentence naming 工商银行…、中国银行…、广州银行 over one naming 经办银行
    once, ranked higher."""
    first = _hit("贷款项目的额度由经办银行在限额以内根据实际情况合理确定。", title="额度")
    listing = Hit(chunk_id="c1", doc_id="d", doc_title="贷款", source="f.txt", locator="七", title="贷款有哪些经办银行",
                  quote="答：目前确定工商银行分行、中国银行分行、农业银行分行、广州银行为经办银行。", heading_path="")
    part = Part("Which banks handle these loans", set(), ["银行", "贷款"], listed=["银行"])
    assert [e.hit.locator for e in gather([first, listing], [part], ["银行", "贷款"])] == ["七"]


@pytest.mark.parametrize("question,asked", [
    ("I'm 30 and work in Yunxi. A colleague mentioned care insurance. Do I personally have to pay anything?",
     ["护理保险", "个人缴费"]),
    ("我们公司注册在静安，今年已经3年了，去国外参展的费用区里能补吗？", ["境外", "展会"]),
])
def test_a_question_whether_is_told_from_the_askers_description_of_themselves(question, asked):
    """A yes/no question after the asker's description: what it asks (pay anything, 参展费用能补吗) is told from who
    asks (work in Yunxi, 注册在静安) — the description still counts, as a tie-breaker."""
    from qa.evidence import asked_keywords

    words = {"work": "就业", "Yunxi": "云溪", "care insurance": "护理保险", "personally have to pay": "个人缴费",
             "注册": "注册", "静安": "静安", "国外": "境外", "参展": "展会"}
    language = "en" if question.isascii() else "zh"
    assert asked_keywords(question, language, lambda text: [w for k, w in words.items() if k in text]) == asked


@pytest.mark.parametrize("question", ["Can we both claim it?", "Can each of us claim it?", "Could both spouses take it?",
                                      "我们两个人都能扣吗？", "夫妻双方都可以扣吗", "能不能一人扣一半？"])
def test_several_people_taking_one_deduction_asks_who_of_them_takes_it(question):
    kinds = asked_kinds(question, "en" if question.isascii() else "zh")
    assert "share" in kinds and not kinds & {"money", "percent", "rate"}
    assert "share" in stated_kinds("夫妻双方主要工作城市相同的，只能由一方扣除住房租金支出。")
    assert "share" not in stated_kinds("纳税人及其配偶不能同时分别享受住房贷款利息和住房租金专项附加扣除。")


@pytest.mark.parametrize("question", ["Can we deduct both the rent and the mortgage interest?",
                                      "Could we take the rent deduction and the mortgage deduction in the same year?",
                                      "Can I claim the two simultaneously?"])
def test_two_measures_in_one_year_asks_whether_they_combine(question):
    assert "combine" in asked_kinds(question, "en") and not asked_kinds(question, "en") & {"money", "percent", "rate"}


@pytest.mark.parametrize("question", ["How often will a carer come each month?", "How frequently are visits made?"])
def test_how_often_asks_a_count_of_times(question):
    assert "count" in asked_kinds(question, "en")


@pytest.mark.parametrize("kind", sorted(ASKING_ZH))
def test_the_chinese_phrase_asking_each_kind_is_read_as_that_kind(kind):
    """ASKING_ZH says in Chinese what an English question asked ("how much" → 多少钱), for a Chinese turn posing a
    case on it: each phrase must ask its own kind as the Chinese patterns read it."""
    assert kind in asked_kinds(ASKING_ZH[kind], "zh")


@pytest.mark.parametrize("question,portion", [
    ("How much of the interest does the government cover?", True), ("How much of the fee can the district pay?", True),
    ("how much of its cost is refunded?", True), ("How much is the fee?", False), ("How much of the fee in yuan?", False),
])
def test_how_much_of_something_asks_a_portion_not_a_sum_or_rate(question, portion):
    """"how much of the interest" is answered by 50%, not by a sum nor by the rate cap beside it (LPR+50BP)."""
    kinds = asked_kinds(question, "en")
    assert ("percent" in kinds and not kinds & {"money", "rate"}) is portion


@pytest.mark.parametrize("question,named", [
    ("有没有实习补贴？", "实习补贴"), ("我在公司实习，有没有实习补贴？能补多久？", "实习补贴"), ("有无住房补贴吗", "住房补贴"),
    ("我们有没有房租补贴可以领", "房租补贴"), ("有没有补贴", None), ("有没有年龄限制", None), ("这个有没有上限", None),
])
def test_a_question_whether_there_is_a_named_thing_names_it(question, named):
    """有没有X asks about X by name (实习/v 补贴/n, 住房补贴/n): the sentence naming it answers, not one about another
    allowance beside it; a bare 补贴 or 上限 names nothing."""
    from qa.figures import asked_object

    assert asked_object(question) == named


def test_a_part_asking_how_long_of_the_named_thing_before_it_answers_of_that_thing():
    """"有没有实习补贴？能补多久？": the second part asks the 实习补贴's period, not the 交通补贴's beside it."""
    parts = make_parts("有没有实习补贴？能补多久？", "zh", lambda text: [w for w in ("实习", "补贴") if w in text])
    assert [p.object for p in parts] == ["实习补贴", "实习补贴"]
    hit = Hit(chunk_id="c1", doc_id="d1", doc_title="天河区港澳青年办法", source="f.txt", locator="第八条", heading_path="第八条",
              title="专项支持", quote="在基地入驻企业连续就业满1年的港澳青年，可领取每人每年3000元交通补贴，补贴期限最长为2年。"
                                     "基地入驻企业实习的高校在读港澳青年，给予每人每月3000元实习补贴，补贴期限不超过6个月。",
              score=1.0)
    chosen = gather([hit], parts, ["实习", "补贴"])
    assert chosen and all("实习补贴" in e.sentence for e in chosen)


@pytest.mark.parametrize("sentence", ["（1）未满35周岁参保人员个人不缴费；", "在校学生免缴。", "本市户籍人员无需缴纳。"])
def test_a_sentence_saying_nothing_is_paid_states_how_much(sentence):
    assert {"money", "percent"} <= stated_kinds(sentence)


@pytest.mark.parametrize("sentence,given", [
    ("在提交贷款申请时，除助学贷款、10万元以下小额消费贷款以外，本人及其配偶应没有其他贷款。", False),
    ("对10万元以下的创业担保贷款免除反担保要求。", False),
    ("给予10万元以下的一次性补贴。", True), ("个人创业担保贷款额度最高30万元。", True),
])
def test_a_sum_bounding_whom_a_rule_is_for_is_no_sum_given(sentence, given):
    """"除…10万元以下小额消费贷款以外" names which loans the condition lets pass: asked "能贷多少", it is no answer."""
    from qa.figures import states_any, states_money

    assert states_money(sentence) is given and states_any(sentence, {"money"}) is given


@pytest.mark.parametrize("question,asked", [
    ("我男的，今年58岁，之前登记过失业，现在在广州办了个体户执照卖早餐，这个岁数还能申请创业担保贷款吗？",
     "这个岁数还能申请创业担保贷款吗？"),
    ("我在读研，暑假想去青岛一家公司实习，听说青岛给来实习的研究生发生活补贴，一个月多少钱？",
     "暑假想去青岛一家公司实习，听说青岛给来实习的研究生发生活补贴，一个月多少钱？"),   # what they mean to do, heard of
    ("我们公司注册在上海静安，今年准备去德国参加展会，区里能补多少？", "今年准备去德国参加展会，区里能补多少？"),
    ("广州创业担保贷款最多贷多少？", "广州创业担保贷款最多贷多少？"),                   # no description
])
def test_the_opening_run_of_description_ends_where_the_asker_asks_or_says_what_they_heard_of_or_mean_to_do(question, asked):
    from qa.evidence import without_description_run

    assert without_description_run(question) == asked


@pytest.mark.parametrize("sentence,only_above", [
    ("给予不超过20%的支持。单个项目支持金额最高不超过200万元。", True),
    ("每家企业年度最高100万元", True),
    ("合同金额不低于50万元的，给予10%的支持，最高不超过100万元", False),  # a least figure is set too
    ("投资额达到1000万元以上的项目", False),
    ("按照实际发生额的50%给予支持", False),  # no bound at all
])
def test_a_sentence_bounding_figures_only_from_above_sets_no_least_figure(sentence, only_above):
    from qa.figures import bounds_only_above

    assert bounds_only_above(sentence) is only_above


@pytest.mark.parametrize("sentence,deadline", [
    ("本专项资金提交材料时间为即日起至2026年6月30日。", True), ("请于2026年3月31日前提交。", True),
    ("本措施自2026年3月18日起施行，有效期至2028年12月31日。", False),
])
def test_the_end_of_a_period_of_validity_is_no_deadline(sentence, deadline):
    from qa.figures import states_any

    assert states_any(sentence, {"deadline"}) is deadline


@pytest.mark.parametrize("question,rest", [
    ("If we do meet the hiring requirement, what's the most we could borrow?", "what's the most we could borrow?"),
    ("Once we qualify, how long can it run?", "how long can it run?"),
    ("Assuming my shop satisfies the conditions, who do I call?", "who do I call?"),
    ("If we hire 8 people, how much can we borrow?", "If we hire 8 people, how much can we borrow?"),  # a case, kept
    ("要是人数够了，企业最多能贷多少、能贷多久？", "企业最多能贷多少、能贷多久？"),
    ("如果符合条件的话，能补几年？", "能补几年？"), ("假如达到要求了，找谁申请？", "找谁申请？"),
    ("要是雇了8个人，能贷多少？", "要是雇了8个人，能贷多少？"),                            # a case, kept
])
def test_supposing_qualifying_is_left_out_of_what_is_asked(question, rest):
    from qa.figures import without_supposition

    assert without_supposition(question) == rest


@pytest.mark.parametrize("question,parts", [
    ("What's the maximum loan amount and term?", ["What's the maximum loan amount", "term"]),
    ("What is the interest rate and the term?", ["What is the interest rate", "the term"]),
    ("Is there a time limit and a cap?", ["Is there a time limit", "a cap"]),
    ("What are the terms and conditions?", ["What are the terms and conditions"]),
    ("How big is the grant and who pays it?", ["How big is the grant", "who pays it"]),
    ("What's the most he could borrow and for how long?", ["What's the most he could borrow", "for how long"]),
])
def test_a_figure_asked_by_its_noun_alone_after_and_is_a_part_of_its_own(question, parts):
    assert question_parts(question, "en") == parts


@pytest.mark.parametrize("question,money", [
    ("What interest rate will that OPC credit loan charge?", False), ("What is the subsidy rate for the loan?", False),
    ("What percentage of the loan is covered?", False), ("How much is the loan and at what rate?", True),
])
def test_an_english_question_asking_a_rate_of_a_loan_asks_no_sum(question, money):
    """"the loan" names a sum, but "what interest rate" asks a rate: a sentence stating 不低于50亿元 is no answer."""
    kinds = asked_kinds(question, "en")
    assert "percent" in kinds and ("money" in kinds) is money


@pytest.mark.parametrize("question,unit", [
    ("Roughly how many days does the bank take to approve it?", "天"), ("How many working days is the notice?", "工作日"),
    ("For how many months is it paid?", "个月"), ("How long does it take?", None),
])
def test_an_english_question_counting_in_days_or_months_wants_that_unit(question, unit):
    from qa.figures import asked_unit_en

    assert asked_unit_en(question) == unit



@pytest.mark.parametrize("particulars,words,abroad", [
    ("去德国和迪拜参加了两个展会，前前后后花了差不多300万", ["德国", "迪拜", "前前后后", "差不多", "300"], ["德国", "迪拜"]),
    ("带样品去汉诺威参加了展会，来回机票酒店一共花了80来万", ["样品", "汉诺威", "机票", "酒店"], []),
    ("今年去米兰和东京各参加了一个展会，光展位费和差旅就花了五十多万", ["米兰", "东京", "展位费", "差旅"], []),
])
def test_the_askers_particulars_that_no_clause_read_holds_are_no_floor(particulars, words, abroad):
    """"我们公司…去德国和迪拜参加了两个展会，前前后后花了差不多300万，这块能补多少？": 差不多, 汉诺威, 机票 are the asker's
    particulars — no clause read says them, so they tell no sentence from another and hold none below the floor; what
    the description shares with the document (参加, 展会, and 德国 or 迪拜 read as its 境外) still counts."""
    from qa.evidence import particulars_of
    from vectorstore.tokenizer import normalize

    figure = "经评估，按照最高不超过实际发生额的50%给予支持，每家企业年度最高不超过200万元。"
    hit = _hit("支持企业参加境外重点展会。" + figure, title="支持开拓国际市场")
    keywords = [*words, "参加", "展会"]
    part = Part(f"我们公司{particulars}，这块能补多少", {"money", "percent"}, keywords)
    assert particulars_of(part, normalize(hit.title + hit.quote), english=False) == set(words) - set(abroad)
    assert [e.sentence for e in gather([hit], [part], keywords)] == [figure]


def test_a_word_of_the_clause_that_asks_is_never_a_particular():
    """"…去汉诺威参加了展会，展位费罚款多少？": what the last clause asks about (罚款, which no clause says) still counts
    against every sentence; and a description word some clause read holds (展会) is no particular."""
    from qa.evidence import particulars_of
    from vectorstore.tokenizer import normalize

    part = Part("我们去汉诺威参加了展会，展位费罚款多少", {"money"}, ["汉诺威", "参加", "展会", "展位", "罚款"])
    assert particulars_of(part, normalize("支持企业参加境外重点展会。"), english=False) == {"汉诺威"}
    assert particulars_of(Part("展位费罚款多少", {"money"}, ["展位", "罚款"]), "", english=False) == set()


@pytest.mark.parametrize("question,phone", [
    ("Who should I ring to confirm after emailing the files?", True), ("Who do we phone to check it arrived?", True),
    ("Whom can I call about the subsidy?", True), ("Who do I dial for questions?", True), ("Who should we call?", True),
    ("What is the fund called?", False), ("Who leads the task?", False), ("Who is called a young talent?", False),
    ("Who's the contact person, and what's the number?", True), ("What are the contact details?", True),
    ("what is their number", True), ("What is the number of pilot cities?", False), ("How many contacts are listed?", False),
])
def test_asking_whom_to_telephone_asks_for_a_phone_number(question, phone):
    assert ("phone" in asked_kinds(question, "en")) is phone


@pytest.mark.parametrize("question,address", [
    ("What email address do we send it to?", True), ("Where do we submit the files?", True), ("Which email?", True),
    ("After we email the application, who do we phone?", False), ("Once I've emailed them, who confirms?", False),
    ("After emailing the files, who should I ring?", False),
])
def test_emailing_as_a_step_done_asks_for_no_address(question, address):
    assert ("address" in asked_kinds(question, "en")) is address


@pytest.mark.parametrize("question,english", [("享受3级待遇的，机构护理每天最多多少？", False),
                                              ("At care level 3, what is the daily cap in a nursing home?", True)])
def test_a_number_the_question_names_counts_whole_in_the_sentence_or_its_headings(question, english):
    """"level 3": the clause headed 享受长护险3级待遇的… states its cap, not the one whose sentence says 30元 (the 3
    of 30 is no 3)."""
    level3 = Hit(chunk_id="c0", doc_id="d", doc_title="文件", source="f.txt", locator="第十四条(一)",
                 title="机构护理发生的生活照料费用", quote="机构护理发生的生活照料费用限额标准为每人每天120元。",
                 heading_path="第十四条 享受长护险3级待遇的长期失能人员")
    level2 = Hit(chunk_id="c1", doc_id="d", doc_title="文件", source="f.txt", locator="第十五条(一)",
                 title="机构护理发生的生活照料费用", quote="机构护理发生的生活照料费用限额标准为每人每天30元。",
                 heading_path="第十五条 享受长护险2级待遇的长期失能人员")
    keywords = ["机构护理", "生活照料", "费用"]
    part = Part(question, {"money"}, keywords)
    for hits in ([level3, level2], [level2, level3]):
        assert gather(hits, [part], keywords, english=english)[0].hit.locator == "第十四条(一)"


def test_an_english_amount_counts_as_the_chinese_figure_it_is():
    """"more than 30 million yuan" is the 3000 of 3000万元 (qa.english.chinese_amounts), not the 30 of 30万元."""
    big = _hit("对年度到账额3000万元以上的，奖励50万元。", title="成果转化", rank=0)
    small = _hit("对年度到账额30万元以上的，奖励5万元。", title="成果转化", rank=1)
    keywords = ["年度", "到账额", "以上"]
    part = Part("What if the contracts brought in more than 30 million yuan?", {"money"}, keywords)
    for hits in ([big, small], [small, big]):
        assert gather(hits, [part], keywords, english=True)[0].hit.chunk_id == big.chunk_id


@pytest.mark.parametrize("question,kinds_asked", [
    ("I'm a 21-year-old student interning in Tianhe. Is there an internship allowance?", {"money"}),
    ("My 58-year-old dad is retired; what is his rate?", {"percent"}),
    ("We're two 30 years old founders. Is there any help with the rent?", {"money"}),
    ("How old must I be?", {"duration"}), ("Is there an age limit?", {"duration"}), ("Am I too old for it?", {"duration"}),
])
def test_an_age_the_asker_gives_of_someone_is_no_age_asked(question, kinds_asked):
    """"a 21-year-old student" says who asks; "How old…", "age limit" ask an age."""
    assert kinds_asked <= asked_kinds(question, "en")
    if "duration" not in kinds_asked:
        assert "duration" not in asked_kinds(question, "en")


@pytest.mark.parametrize("question", ["Is there any help with the rent?", "Can we get help towards the fees?",
                                      "Any help paying for the training?", "Is there help covering the desk costs?"])
def test_help_with_a_cost_asks_for_a_sum(question):
    assert "money" in asked_kinds(question, "en")


@pytest.mark.parametrize("heading,question,asks", [
    ("创业担保贷款每次最长可以申请多长时间？", "For how many years can I borrow it?", True),
    ("补贴什么时候发放？", "When is it paid?", True), ("每年评选多少家？", "每年评几家", True),
    ("贷款最高可以申请多少额度？", "How much can I borrow?", False),   # a sum: what every Q&A item asks
    ("创业担保贷款每次最长可以申请多长时间？", "个人借款人申请有年龄限制吗？", False),   # an age is no span
    ("申请期限", "How long can I borrow?", False),                     # no question: a heading as any other
])
def test_a_q_and_a_heading_asking_the_span_day_or_count_asked_says_its_answer_answers(heading, question, asks):
    from qa.figures import heading_asks

    assert heading_asks(heading, asked_kinds(question, "en" if question.isascii() else "zh"), question) is asks


def test_of_two_clauses_stating_periods_the_q_and_a_answer_asking_how_long_answers_how_long():
    """"这个贷款能贷几年？": the hiring condition's 12个月 and 1年以上 are periods too; the answer to
    "…每次最长可以申请多长时间？" is the span asked."""
    term = Hit(chunk_id="c1", doc_id="d", doc_title="文件", source="f.txt", locator="三", title="贷款每次最长可以申请多长时间？",
               quote="答：个人贷款每次期限最长不超过3年。", heading_path="三、贷款每次最长可以申请多长时间？")
    hiring = Hit(chunk_id="c0", doc_id="d", doc_title="文件", source="f.txt", locator="五(二)2", title="新招用人员",
                 quote="2.当年（申请之日前12个月内）新招用人员达到职工人数10%，并签订1年以上期限劳动合同；",
                 heading_path="五、申请条件")
    keywords = ["贷款", "期限", "招用"]  # (招用: "hire", said in the turn before)
    part = Part("这个贷款能贷几年", {"duration"}, keywords)
    assert gather([hiring, term], [part], keywords)[0].hit.locator == "三"


@pytest.mark.parametrize("question,kinds_asked", [
    ("What's the phone number of the hotline I can call about this subsidy?", {"phone"}),
    ("Is there a hotline for the loan?", {"phone"}), ("Which number do I phone about the grant?", {"phone"}),
    ("How much is the subsidy and what is the phone number?", {"phone", "money"}),   # a sum asked in so many words
])
def test_a_number_to_call_about_a_subsidy_asks_no_sum(question, kinds_asked):
    """The subsidy is what the call is about: a sentence stating its amount answers no "what's the hotline"."""
    assert kinds_asked <= asked_kinds(question, "en") and ("money" in asked_kinds(question, "en")) is ("money" in kinds_asked)


@pytest.mark.parametrize("question,count", [
    ("My nephew says the limit goes up if I take on five employees — how much?", 5), ("What if we hire Twelve staff?", 12),
    ("We have three workers; what is the cap?", 3), ("If I take on 5 employees?", 5),
])
def test_an_english_number_word_is_the_askers_count(question, count):
    from qa.figures import own_values

    assert own_values(question) == [(float(count), "人")]


@pytest.mark.parametrize("question,condition", [
    ("If we do qualify later, how big can the loan be?", False), ("Once we are eligible, how much is the grant?", False),
    ("Assuming I qualify, how long can it run?", False),
    ("If we do meet the hiring requirement, how long can it run?", False),
    ("Once we satisfy the conditions, how much is the grant?", False),
    ("If our firm passes the headcount test, what is the term?", False),
    ("If we take on two more people and then qualify, what's the maximum loan amount?", False),
    ("Do we qualify?", True), ("Who qualifies for the loan?", True), ("What are the conditions?", True),
    ("Do we meet the hiring requirement?", True), ("If we have 50 staff, what are the requirements?", True),
])
def test_qualifying_supposed_is_not_asked(question, condition):
    assert ("condition" in asked_kinds(question, "en")) is condition


@pytest.mark.parametrize("question,money", [
    ("If we qualify, what's the most we could borrow?", True), ("What is the most I can get?", True),
    ("What's the most a company could be awarded?", True), ("How big can the loan be?", True),
    ("How large a subsidy would we receive?", True),
    ("What is the most important condition?", False), ("How big is the community?", False),
    ("Can we borrow from a bank?", False),
])
def test_the_most_one_could_get_or_how_big_a_loan_asks_a_sum(question, money):
    assert ("money" in asked_kinds(question, "en")) is money


@pytest.mark.parametrize("new_subject,expected", [("大型甘蔗收获机", "大型甘蔗收获机单机补贴限额不超过40万元；"),
                                                  ("谷物烘干机", "谷物烘干机单机补贴限额不超过12万元；")])
def test_a_sentence_naming_the_swapped_in_subject_whole_answers_the_follow_up(new_subject, expected):
    """"那我表哥想买大型甘蔗收获机呢？" after a question on 烘干机 by a rice farmer: the sentence naming 大型甘蔗收获机
    whole, over the one naming 大型…、…收获机 and 水稻 (the asker's own crop) apart."""
    quote = ("大型免耕播种机、高性能青饲料收获机、大型水稻浸种催芽程控设备单机补贴限额不超过15万元；"
             "大型甘蔗收获机单机补贴限额不超过40万元；谷物烘干机单机补贴限额不超过12万元；")
    hit = _hit(quote, title="单机补贴限额")
    keywords = ["水稻", "大型", "甘蔗", "收获", "收获机", "谷物", "烘干机", "单机", "补贴"]
    part = Part(f"我种水稻，打算买一台{new_subject}，一台最多能补多少", {"money"}, keywords)
    chosen = gather([hit], [part], keywords, swapped=(["播种机"], new_subject))
    assert chosen[0].sentence == expected


@pytest.mark.parametrize("question", ["What's the last day to hand in materials?", "Is there a cutoff for applying?",
                                      "What is the final day for submissions?", "When's the cut-off?"])
def test_the_last_day_or_a_cut_off_asks_for_the_deadline(question):
    assert {"date", "deadline"} <= asked_kinds(question, "en")


@pytest.mark.parametrize("question,kinds_asked", [
    ("我们场要是到时候没达到这个比例，会被罚多少钱？", {"money", "rate"}),   # the share said before, pointed at
    ("没完成该指标的话，要退回多少钱？", {"money", "rate"}),
    ("这个比例是多少？", {"percent", "rate"}),                             # asking it
    ("这个额度能贷几年？", {"duration"}), ("比例是多少", {"percent", "rate"}),
])
def test_a_figure_pointed_at_is_not_asked_when_the_turn_asks_another(question, kinds_asked):
    assert asked_kinds(question, "zh") == kinds_asked


@pytest.mark.parametrize("question,compares", [
    ("我们场要是到时候没达到这个比例，会被罚多少钱？", False), ("这个比率高吗", False), ("占比重多少", False),
    ("光伏建筑一体化的标准比我们这个高还是低？", True), ("比硕士多多少", True), ("Is that more than the transport allowance?", True),
])
def test_a_proportion_is_no_comparison(question, compares):
    from qa.conversation import COMPARES

    assert bool(COMPARES.search(question)) is compares


@pytest.mark.parametrize("referent,other,kept,answers", [
    # the turn before was about one subsidy; another clause gives a period of another subsidy: none of it
    (("研究生实习生活补贴", "对来青实习的研究生，按每人每月3000元给予实习生活补贴。"),
     ("高校毕业生住房补贴", "对毕业生发放不超过36个月的住房补贴。"), ["实习", "研究生", "补贴"], False),
    (("技能培训补贴", "参加技能培训的，按每人1500元给予培训补贴。"),
     ("租房补贴", "对新引进人才给予最长24个月的租房补贴。"), ["技能", "培训", "补贴"], False),
    # …while another clause naming the same subsidy states its period
    (("技能培训补贴", "参加技能培训的，按每人1500元给予培训补贴。"),
     ("发放管理", "技能培训补贴的申领期限为培训结束后6个月。"), ["技能", "培训", "补贴"], True),
])
def test_a_period_from_another_clause_must_name_what_the_turn_before_was_about_not_only_the_kind_of_support(
        referent, other, kept, answers):
    cited, elsewhere = _hit(referent[1], title=referent[0], rank=0), _hit(other[1], title=other[0], rank=1)
    part = Part("最多能领几个月", {"duration", "count"}, ["月"])
    chosen = gather([cited, elsewhere], [part], ["月"], kept=kept, referent=({cited.chunk_id}, None, []))
    assert [e.sentence for e in chosen] == ([other[1]] if answers else [])


@pytest.mark.parametrize("sentence,ages_only", [
    ("对40周岁以下博士、35周岁以下硕士分别给予15万元、10万元安家费。", True),
    ("年满60周岁的参保人员可申请。", True),
    ("须在本市服务满3年，未满3年的按比例退回。", False),
    ("对45岁以下人才给予最长24个月的补贴。", False),  # an age and a period
])
def test_an_age_is_told_from_a_period(sentence, ages_only):
    from qa.figures import states_only_ages

    assert states_only_ages(sentence) is ages_only


@pytest.mark.parametrize("question,answers", [
    ("领了这笔安家费，要在本地干满几年？", False),   # a length of service: an age bound is no answer
    ("这笔安家费多大年龄以内能领？", True),          # an age asked
])
def test_a_sentence_bounding_only_an_age_answers_no_question_of_how_long(question, answers):
    sentence = "对40周岁以下博士、35周岁以下硕士分别给予15万元、10万元一次性安家费。"
    part = Part(question, asked_kinds(question, "zh"), ["安家费"])
    chosen = gather([_hit(sentence, title="一次性安家费")], [part], ["安家费"])
    assert [e.sentence for e in chosen] == ([sentence] if answers else [])


@pytest.mark.parametrize("question,side", [
    ("My mum is retired and on the employee scheme. What's her rate?", "after"),
    ("My father retired last year; how much does he pay?", "after"),
    ("She has already retired — same rate?", "after"),
    ("He hasn't retired yet, he's 58. What's his rate?", "before"),
    ("What does she pay before she retires?", "before"),
    ("My uncle is not yet retired. Rate?", "before"),
])
def test_an_english_event_said_to_have_happened_or_not_is_a_side_of_it(question, side):
    from qa.figures import event_sides, other_side

    assert event_sides(question) == {"退休": side}
    before, after = "满45周岁至退休前参保人员为0.08%", "退休人员为0.12%"
    if side == "after":  # the band up to the event is the other side of it
        assert other_side(question, before) and not other_side(question, after)
    else:
        assert not other_side(question, before)


@pytest.mark.parametrize("question", ["We're a small company registered in Guangzhou. How much can we borrow?",
                                      "Our firm was established in Wuhan in 2021. Any subsidy?",
                                      "I'm 38 and on the employee scheme. What's my rate?"])
def test_where_or_when_a_company_is_registered_is_no_event_side(question):
    from qa.figures import event_sides

    assert event_sides(question) == {}


@pytest.mark.parametrize("question,asked", [
    ("This spring we exhibited at a fair in Milan. How much can the fund cover?", "How much can the fund cover?"),
    ("Last year I retired from a state firm. What's my rate now?", "What's my rate now?"),
    ("In 2025, our studio hired six graduates. Is there a hiring subsidy?", "Is there a hiring subsidy?"),
    ("We run a bakery. Recently we bought two ovens. What can we claim?", "What can we claim?"),
])
def test_an_english_sentence_about_the_asker_after_a_few_opening_words_is_their_description(question, asked):
    from qa.evidence import without_self_description

    assert without_self_description(question, "en") == asked


def test_a_sentence_naming_the_asker_that_asks_is_no_description():
    from qa.evidence import without_self_description

    question = "Last year we hired five people, can we apply?"
    assert without_self_description(question, "en") == question


@pytest.mark.parametrize("question,outside", [
    ("我38岁，博士，安家费能拿多少？", False),     # within the first alternative (45周岁以下博士)
    ("我33岁，硕士，能领多少？", False),            # within both
    ("我46岁，博士后，能领多少？", True),           # outside every alternative
    ("I'm 47 with a PhD. How much is the settling-in allowance?", True),
    ("I'm 39 and hold a doctorate. How much can I get?", False),
])
def test_the_asker_is_outside_a_list_of_respective_rules_only_when_outside_every_one(question, outside):
    from qa.figures import outside_own_case

    sentence = "对在本市落户并购买首套住房的45周岁以下博士、35周岁以下硕士，分别给予20万元、8万元一次性安家补贴。"
    assert outside_own_case(question, sentence) is outside


@pytest.mark.parametrize("question,outside", [("我38岁，交多少？", False), ("我46岁，交多少？", True), ("我30岁，交多少？", True)])
def test_the_bounds_of_one_range_hold_together(question, outside):
    from qa.figures import outside_own_case

    assert outside_own_case(question, "满35周岁至未满45周岁参保人员为0.02%") is outside


@pytest.mark.parametrize("did,words", [
    ("今年在新加坡设了个分公司", ["新加坡", "分公司"]),
    ("去年在越南开了家办事处", ["越南", "办事处"]),
    ("上个月在迪拜注册了子公司", ["迪拜", "子公司"]),
])
def test_what_the_asker_did_is_a_particular_even_when_it_is_what_they_ask_about(did, words):
    """"我们公司注册在静安，今年在新加坡设了个分公司，…区里能奖多少？": what the asker did may be the matter asked about
    (its words are among the part's asked keywords), but a word of it that no clause read holds (分公司) can still hold
    no sentence below the floor — the document says 运营实体 (新加坡 it reads as its 境外, qa/lexicon/abroad.tsv)."""
    from qa.evidence import particulars_of
    from vectorstore.tokenizer import normalize

    figure = "对在境外新设运营实体并实质性开展业务的企业，经审核，给予最高不超过50万元的奖励。"
    hit = _hit("支持设立境外运营实体。" + figure, title="支持设立境外运营实体")
    keywords = [*words, "业务", "新设"]
    part = Part(f"我们公司注册在静安，{did}，已经开始做业务了，区里能奖多少", {"money", "percent"}, keywords,
                asked_keywords=list(keywords))
    assert particulars_of(part, normalize(hit.title + hit.quote), english=False) == set(words[1:])
    assert [e.sentence for e in gather([hit], [part], keywords)] == [figure]


@pytest.mark.parametrize("question,sides", [
    ("My son graduated last summer. Can he still apply?", {"毕业": "after"}),
    ("She hasn't graduated yet — is there an internship allowance?", {"毕业": "before"}),
    ("We got married in May; can we both claim the rent deduction?", {"结婚": "after"}),
    ("My contract expired in March. What now?", {"到期": "after"}),
    ("He resigned last month; does the subsidy stop?", {"离职": "after"}),
    ("What does she pay until she retires, and after she has retired?", {"退休": "both"}),
])
def test_each_event_of_the_english_table_reads_its_side(question, sides):
    from qa.figures import event_sides

    assert event_sides(question) == sides


@pytest.mark.parametrize("question,value", [
    ("the site centre is about 40 km from the coast. What reward per kilowatt?", 40.0), ("场址离岸40公里的项目奖多少", 40.0),
    ("Our wind farm sits 62.5 kilometres offshore", 62.5), ("离岸60千米，能奖多少？", 60.0),
])
def test_a_distance_the_asker_gives_is_their_case(question, value):
    from qa.figures import own_values

    assert own_values(question) == [(value, "公里")]


@pytest.mark.parametrize("question,near,far", [
    ("场址离岸40公里的海上风电项目奖多少？", True, False), ("Our site is about 60 km from the coast. What is the reward?", False, True),
])
def test_a_distance_bound_holds_the_askers_distance(question, near, far):
    """大于等于50公里 and 小于50公里 bound a site's distance from the coast as 满35周岁 bounds an age."""
    from qa.figures import within_own_case

    assert within_own_case(question, "对场址中心离岸距离小于50公里近海海上风电项目，不再奖励。") is near
    assert within_own_case(question, "场址中心离岸距离大于等于50公里近海海上风电项目奖励标准为500元/千瓦。") is far


@pytest.mark.parametrize("sentence,nothing", [("小于50公里近海海上风电项目，不再奖励。", True), ("未满35周岁参保人员个人不缴费", True),
                                              ("不予补贴的情形如下", True), ("奖励标准为500元/千瓦，不再奖励其他", False),
                                              ("给予最高10万元奖励", False)])
def test_a_sentence_saying_nothing_is_paid(sentence, nothing):
    from qa.figures import pays_nothing

    assert pays_nothing(sentence) is nothing


@pytest.mark.parametrize("text,written", [
    ("fewer than a million registered residents", "fewer than 100万 registered residents"),
    ("over one million people", "over 100万 people"), ("more than 2 billion yuan", "more than 20亿"),
    ("we have 5 staff", "we have 5 staff"),
])
def test_english_amounts_are_written_as_the_documents_write_them(text, written):
    from qa.english import with_chinese_amounts

    assert with_chinese_amounts(text) == written


@pytest.mark.parametrize("question,per", [
    ("What investment reward per kilowatt would the city give?", {"kilowatt"}), ("每千瓦奖多少钱？", {"kilowatt"}),
    ("How much per kWh for a school rooftop?", {"kilowatt-hour"}), ("每度电能拿多少奖励？", {"kilowatt-hour"}),
    ("每亩补多少钱？", {"mu"}), ("What is the subsidy per square metre?", {"square metre"}), ("每平方米给多少购房补贴", {"square metre"}),
    ("How much is paid per tonne of straw?", {"tonne"}), ("How much is the reward?", set()),
])
def test_the_quantity_a_rate_is_asked_per(question, per):
    from qa.figures import PER_QUANTITY, asked_periods

    assert asked_periods(question) & {unit for unit, _, _ in PER_QUANTITY} == per


def test_a_rate_asked_per_kilowatt_is_the_sentence_stating_one():
    """"What reward per kilowatt…?": 500元/千瓦, not the clause beside it paying the reward at 20% a year."""
    paid = _hit("对深远海海上风电项目给予投资奖励，分5年拨付，每年拨付20%。", title="支持方式", rank=0)
    rate = _hit("深远海海上风电项目奖励标准为500元/千瓦。", title="奖励标准", rank=1)
    part = Part("What investment reward per kilowatt would we get for the offshore wind farm", {"money", "percent", "rate"},
                ["海上风电", "深远海", "奖励", "千瓦"])
    chosen = gather([paid, rate], [part], part.keywords, english=True)
    assert [e.sentence for e in chosen] == ["深远海海上风电项目奖励标准为500元/千瓦。"]


@pytest.mark.parametrize("question,area", [
    ("We're eyeing a new-build flat of about 120 square meters. Is there any help with buying a home?", False),
    ("Our office is 300 square metres and we pay 40,000 a year. What does the rent subsidy cover?", False),
    ("We rent an office in the park. How many square metres are free of rent?", True),
])
def test_an_english_part_asks_what_its_asking_sentence_asks_not_what_its_story_states(question, area):
    from qa.evidence import make_parts

    [part] = make_parts(question, "en", lambda text: [])
    assert ("area" in part.kinds) is area


@pytest.mark.parametrize("question", ["How is it split?", "How will the subsidy be split?", "How are the payments divided?",
                                      "How would the award be shared?"])
def test_how_a_sum_is_split_asks_for_its_shares(question):
    from qa.figures import asked_kinds

    assert "percent" in asked_kinds(question, "en")


@pytest.mark.parametrize("question,language,relative", [
    ("By when after grid connection does the school have to apply?", "en", True),
    ("How soon following approval must we file it? By what date?", "en", True),
    ("并网后什么时候要申报？", "zh", True), ("验收合格以后什么时候兑付？", "zh", True),
    ("When is the deadline?", "en", False), ("什么时候截止？", "zh", False), ("When does the policy take effect?", "en", False),
])
def test_a_time_asked_relative_to_an_event_is_answered_by_a_time_limit_too(question, language, relative):
    from qa.figures import asked_kinds

    kinds = asked_kinds(question, language)
    assert "date" in kinds and ("duration" in kinds) is relative


@pytest.mark.parametrize("question,measure", [
    ("How much free computing power does each district give every OPC per year?", True),
    ("How much office space is free in the incubator?", True), ("How much land can a pilot project get?", True),
    ("How much money is the computing power voucher worth?", False), ("How much is the compute voucher worth?", False),
    ("How much does the electricity award pay per kWh?", False),
])
def test_how_much_of_a_quantity_asks_for_it_in_its_own_unit_not_for_money(question, measure):
    from qa.figures import asked_kinds

    kinds = asked_kinds(question, "en")
    assert ("measure" in kinds and "money" not in kinds) is measure


@pytest.mark.parametrize("question", ["what was that 2021 average wage in yuan?", "How much is the average monthly salary?",
                                      "What are the wages in RMB?"])
def test_a_wage_or_an_amount_in_yuan_asks_for_money(question):
    assert "money" in asked_kinds(question, "en")


def test_a_sum_asked_in_yuan_is_not_answered_by_a_share():
    assert "percent" not in asked_kinds("what was that 2021 average wage in yuan?", "en")


@pytest.mark.parametrize("question, parts", [
    ("For retirees the base is 60% of the 2021 average monthly wage — what was that wage in yuan?", 1),
    ("The cap is 20 million yuan; how many years is it paid over?", 1),
    ("Is it paid monthly? And can I apply online?", 2),
    ("How much is it, and is there a cap?", 2),
])
def test_a_statement_of_what_the_asker_read_is_no_part_of_its_own(question, parts):
    """An auxiliary asks only when it comes first ("is it…", "and can I…"); "the base is 60% of…" states what the
    asker read, and goes with the question after it."""
    assert len(question_parts(question, "en")) == parts


@pytest.mark.parametrize("question, cap", [
    ("Is there a yearly cap per project?", True), ("What's the ceiling for one firm?", True), ("一家企业封顶多少", True),
    ("最多能拿多少", True), ("补贴额测算比例上限是多少", False), ("What's the interest rate cap?", False), ("能补多少", False),
])
def test_a_ceiling_on_a_sum_is_asked(question, cap):
    from qa.figures import asks_cap

    assert asks_cap(question) is cap


@pytest.mark.parametrize("sentence, capped", [
    ("单个项目年度奖励金额不超过5000万元。", True), ("纳入支付范围的费用限额标准为职工参保人员每人每天105元", True),
    ("给予最高30万元一次性补贴", True), ("分5年拨付，每年拨付20%。", False), ("给予30万元补贴。", False),
])
def test_a_sentence_bounds_a_sum_from_above(sentence, capped):
    from qa.figures import CAPPED_SUM

    assert bool(CAPPED_SUM.search(sentence)) is capped


def test_a_ceiling_is_answered_by_the_capped_sum_not_a_yearly_share(tmp_path):
    from qa.chain import ask
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path, {"wind.txt": "临海市海上风电扶持办法\n第四条 奖励方式\n（一）对企业投资的海上风电项目给予投资奖励，分5年拨付，每年拨付20%。\n"
                                                  "第五条 奖励标准\n（一）海上风电项目奖励标准为500元/千瓦。单个项目年度奖励金额不超过3000万元。\n"})
    answer = ask(kb, "For Linhai's offshore wind projects, is there a yearly cap per project?")
    assert "3000万元" in answer.answer and "20%" not in answer.answer  # (每年拨付20% is paid yearly: no ceiling)


RATE_WITH_CEILING = "对购买新建商品房的创业者，由所在区按照每平方米800元给予最高8万元购房补贴。"
RATE_WITH_PART_CEILING = "机构护理的费用限额标准为每人每天100元（其中床位费不高于每人每天30元）。"


def _target_hit(quote: str):
    from ingest.targets import extract_targets
    from vectorstore.records import Hit

    return Hit(chunk_id="c1", doc_id="d", doc_title="某市若干措施", source="f.txt", locator="一", title="住房保障",
               quote=quote, heading_path="", score=1.0, targets=[t.to_dict() for t in extract_targets(quote)])


@pytest.mark.parametrize("language, shown", [("zh", "每平方米800元（最高8万元）"),
                                             ("en", "800 yuan per square metre (每平方米800元), up to 80,000 yuan (最高8万元)")])
def test_a_rate_is_answered_with_the_ceiling_its_sentence_puts_on_the_sum(language, shown):
    from qa.compose import compose_target

    question = "买新房每平方米补多少？" if language == "zh" else "How much is the home purchase subsidy per square metre?"
    composed = compose_target([_target_hit(RATE_WITH_CEILING)], question, language, ["购房补贴", "平方米"])
    assert shown in composed.text.split("\n")[0]


def test_a_ceiling_on_a_part_of_the_sum_is_not_the_sums():
    from qa.compose import compose_target

    composed = compose_target([_target_hit(RATE_WITH_PART_CEILING)], "护理院每天最多报多少？", "zh", ["机构护理", "费用"])
    assert composed.text.split("\n")[0].endswith("：每人每天100元[1]。")


@pytest.mark.parametrize("question, asked", [
    ("Where do we email the application?", True), ("Where should we e-mail the forms?", True),
    ("After we email the files, who confirms?", False), ("Where do we send it?", True),
])
def test_where_to_email_asks_an_address(question, asked):
    from qa.figures import asked_kinds

    assert ("address" in asked_kinds(question, "en")) is asked


@pytest.mark.parametrize("text", ["现在在职28个人", "店里一共三个人", "雇了十几个人"])
def test_people_counted_hold_no_word_for_an_individual(text):
    from qa.figures import without_own_figures

    assert "个人" not in without_own_figures(text)


def test_how_many_people_asked_keeps_its_words():
    from qa.figures import without_own_figures

    assert without_own_figures("最多能有几个人？") == "最多能有几个人？"


@pytest.mark.parametrize("question", ["那公司最多能贷多少", "个人能借多少", "最多能贷款多少？"])
def test_a_sum_borrowed_is_asked_as_money_not_as_a_share(question):
    from qa.figures import asked_kinds

    kinds = asked_kinds(question, "zh")
    assert "money" in kinds and "percent" not in kinds


@pytest.mark.parametrize("sentence,states", [
    ("实现企业开办“一天办结、一网通办”。", True), ("推行“一站通办、一日办结”。", True), ("做到“3个工作日内办结”。", True),
    ("落实“两天办结”要求。", True),
    # a quoted name's numbers name it: no figure
    ("实施“633”人才工程。", False), ("推进“四个全面”。", False), ("打造“一网通办”平台。", False),
])
def test_a_quoted_pledge_of_how_fast_a_thing_is_done_states_a_duration(sentence, states):
    from qa.figures import states_any

    assert states_any(sentence, {"duration"}) is states


@pytest.mark.parametrize("question,asked", [
    ("住护理院和在家护理，报销比例哪个高？各是多少？", "住护理院和在家护理 报销比例哪个高"),
    ("职工和居民哪个交得多？分别多少？", "职工和居民哪个交得多"),
    ("本科和硕士的补贴哪个多，两者各自是多少呢？", "本科和硕士的补贴哪个多"),
])
def test_a_part_asking_only_each_figure_is_the_part_before_it(question, asked):
    """"各是多少", "分别多少": each figure of what the part before asked — one part, answered by the sentence stating
    them (as a part of its own it would have to be answered by another sentence)."""
    part, = make_parts(question, "zh", lambda text: [w for w in ("护理院", "在家", "报销", "职工", "居民", "本科", "硕士", "补贴")
                                                     if w in text])
    assert part.text.replace("，", " ").strip() == asked and part.kinds


def test_a_part_asking_each_figure_of_something_it_names_stays_a_part():
    parts = make_parts("补贴有多少？培训费各是多少？", "zh", lambda text: [w for w in ("补贴", "培训费") if w in text])
    assert [p.text for p in parts] == ["补贴有多少", "培训费各是多少"]


@pytest.mark.parametrize("case_words,best", [
    (["职工", "医保", "居家", "护理", "居家护理"], "职工参保人员由长护险基金按机构护理75%、居家护理90%的比例支付；"),
    (["居民", "居家护理"], "居民参保人员由长护险基金按机构护理70%、居家护理85%的比例支付。"),
    (["港澳", "青年", "港澳青年", "护理"], None),         # both name as much of it (a word and its parts count once)
    (["退休"], None),                                      # neither names it
    (["职工"], None),                                      # the other names none of it: no alternative for a case alike
])
def test_the_candidate_naming_most_of_the_askers_case_fits_it_best(case_words, best):
    from qa.evidence import Evidence, _fitting_the_case_best

    sentences = ["职工参保人员由长护险基金按机构护理75%、居家护理90%的比例支付；",
                 "居民参保人员由长护险基金按机构护理70%、居家护理85%的比例支付。"]
    part = Part("报销比例各是多少", {"percent"})
    candidates = [Evidence(_hit(s, rank=i), s, part, 1.0) for i, s in enumerate(sentences)]
    assert [e.sentence for e in _fitting_the_case_best(candidates, case_words)] == ([best] if best else [])


def test_no_candidates_fit_no_case():
    from qa.evidence import _fitting_the_case_best

    assert _fitting_the_case_best([], ["职工"]) == []


@pytest.mark.parametrize("question", ["如果第三年、第四年都把规定的作业量干满了，还有奖励吗？", "第二批名单里有我们吗？",
                                      "第5年还能补吗？"])
def test_an_ordinal_is_no_figure_of_the_askers_case(question):
    """第三年 names which year (as the documents write it), not a span of the asker's: it stays in the question."""
    from qa.figures import without_own_figures

    assert without_own_figures(question) == question


@pytest.mark.parametrize("question,language", [
    ("材料交给谁？", "zh"), ("申请表发给谁", "zh"), ("资料寄给哪个部门？", "zh"), ("报给谁审核？", "zh"),
    ("Who do we send the application materials to?", "en"), ("Who should I hand the forms in to?", "en"),
])
def test_whom_materials_go_to_asks_an_address(question, language):
    assert "address" in asked_kinds(question, language)


@pytest.mark.parametrize("question,asked", [
    ("Is there a particular month each year when it opens?", True), ("Which month do applications close?", True),
    ("When does the call open?", True), ("How many months does it last?", False),
])
def test_which_month_or_when_it_opens_asks_a_date(question, asked):
    assert ("date" in asked_kinds(question, "en")) is asked


@pytest.mark.parametrize("question,periods", [
    ("一年最多多少？", {"year"}), ("一年能拿多少", {"year"}), ("满一年以后能补多少", set()), ("第一年补多少", set()),
    ("What's the yearly cap?", {"year"}), ("He has worked a year there. How much housing subsidy?", set()),
])
def test_a_year_said_as_one_year_asks_a_yearly_figure(question, periods):
    from qa.figures import asked_periods

    assert asked_periods(question) & {"year"} == periods


@pytest.mark.parametrize("sentence", ["单个项目年度奖励金额不超过5000万元。", "每家企业年度最高不超过300万元。",
                                      "同一企业每年申领金额不超过100万元。", "其中，市财政承担60%。"])
def test_a_sentence_bounding_each_of_what_the_one_before_named_goes_on_from_it(sentence):
    from qa.evidence import BOUNDS_EACH

    assert BOUNDS_EACH.match(sentence)


def test_an_english_word_read_in_the_title_by_one_of_its_readings_names_the_document():
    """"General Office" reads 办公厅, 总局, 总部: the title holding 办公厅 names the word; the question names only the
    document (whose stated total then answers "how many in total")."""
    from qa.evidence import names_only

    title = "国务院办公厅关于推广第二批支持创新相关改革举措的通知"
    keywords = ["国务院", "办公厅", "总局", "总部", "推广", "第二批", "改革", "改造"]
    groups = [["国务院"], ["办公厅", "总局", "总部"], ["推广"], ["第二批"], ["改革", "改造"]]
    assert names_only(keywords, title, groups) and not names_only(keywords, title)
    assert not names_only([*keywords, "补贴"], title, [*groups, ["补贴"]])


@pytest.mark.parametrize("question,asked", [
    ("Only one parent can take it, or both parent split?", True), ("Can both parents claim it?", True),
    ("Is it only one spouse who can take it?", True), ("How is the money split?", False),
])
def test_whether_one_or_both_of_two_people_take_it_asks_who_shares_it(question, asked):
    assert ("share" in asked_kinds(question, "en")) is asked


@pytest.mark.parametrize("question", ["What about my father? He's retired. What's his personal rate?",
                                      "And what about my mum? She's 50. How much does she pay?",
                                      "How about my brother? He is 45. What can he borrow?"])
def test_what_about_someone_then_a_question_is_one_part_about_them(question):
    assert len(question_parts(question, "en")) == 1


@pytest.mark.parametrize("question,term", [
    ("Does she pay a higher personal rate than me?", "个人缴费"), ("What's his personal rate?", "个人缴费"),
    ("How much is the interest subsidy?", "贴息"), ("What is the rate?", None), ("Is there a yearly cap?", None),
    ("I just handed in my farm machinery subsidy application. How soon will they answer?", None),
])
def test_the_thing_an_english_figure_question_asks_of_is_the_term_its_figure_phrase_names(question, term):
    from qa.figures import asked_object_en

    assert asked_object_en(question) == term


@pytest.mark.parametrize("question", ["Where should the application for the fund be sent?",
                                      "Where are the forms for the overseas exhibition subsidy submitted?",
                                      "Where will our materials be emailed?"])
def test_where_it_is_sent_in_the_passive_asks_an_address(question):
    assert "address" in asked_kinds(question, "en")


@pytest.mark.parametrize("text,names", [("全国都推广吗", False), ("全市都推开吗", False), ("省里也补吗", False),
                                        ("只在试点区推广吗", False), ("要交材料吗", True), ("外地企业能申请吗", True)])
def test_a_part_naming_only_a_scope_names_no_thing(text, names):
    from qa.evidence import _names_a_thing

    assert _names_a_thing(text) is names


@pytest.mark.parametrize("question,parts", [
    ("If we brought him back home, what would the daily cap and the payout rate be?",
     ["If we brought him back home, what would the daily cap", "the payout rate be"]),
    ("What's the maximum loan amount and term?", ["What's the maximum loan amount", "term"]),
    ("Is there a cap on rent and utilities?", ["Is there a cap on rent and utilities"]),
])
def test_a_bare_kind_after_and_is_a_part_of_its_own(question, parts):
    assert question_parts(question, "en") == parts


@pytest.mark.parametrize("question,sentence,bounded", [
    ("最长能贷几年？", "个人创业担保贷款每次期限最长不超过3年。", True),
    ("最长能贷几年？", "LPR为1年期贷款市场报价利率。", False),
    ("What's the longest term?", "补贴期限不超过2年。", True),
])
def test_the_longest_span_asked_is_bounded_by_a_sentence_capping_a_span(question, sentence, bounded):
    from qa.figures import CAPPED_SPAN, LONGEST_ASKED

    assert bool(LONGEST_ASKED.search(question) and CAPPED_SPAN.search(sentence)) is bounded


@pytest.mark.parametrize("question", ["每家一年给多少卡时？", "一年能发多少度电？", "每年多少千瓦时？"])
def test_a_quantity_in_card_hours_or_kilowatt_hours_is_asked_as_a_measure(question):
    assert "measure" in asked_kinds(question, "zh")


@pytest.mark.parametrize("question,asked", [
    ("The new star project for young researchers: which bureau leads it?", False), ("Am I too young to apply?", True),
    ("How young can the founder be?", True), ("Is 17 young enough?", True),
])
def test_young_asks_an_age_only_when_asked_how_young(question, asked):
    assert ("duration" in asked_kinds(question, "en")) is asked


@pytest.mark.parametrize("sentence,condition", [
    ("本人及其配偶应没有其他贷款。", True), ("申请人应无不良信用记录。", True), ("申请主体应为本市注册企业。", True),
    ("企业应用人工智能技术提升效率。", False), ("各区响应号召开展宣传。", False),
])
def test_a_sentence_saying_what_an_applicant_should_have_or_be_states_a_condition(sentence, condition):
    from qa.figures import states_any

    assert states_any(sentence, {"condition"}) is condition


@pytest.mark.parametrize("question,eligibility", [
    ("住养老院的话一天最多能算多少钱进长护险？", False), ("每个月能算几天？", False),
    ("我们这样能算小微企业吗？", True), ("他还算港澳青年吗", True), ("可以算作首台套吗", True),
])
def test_how_much_can_be_counted_asks_an_amount_not_whether_it_counts(question, eligibility):
    from qa.figures import ASKS_ELIGIBILITY

    assert bool(ASKS_ELIGIBILITY.search(question)) is eligibility


@pytest.mark.parametrize("question", ["房租和房贷利息能在同一年里都扣吗？", "这两项补贴同一年度都能拿吗", "同一个月里一起领行不行"])
def test_both_in_the_same_year_asks_whether_they_combine(question):
    assert "combine" in asked_kinds(question, "zh")


@pytest.mark.parametrize("question,process", [("补贴最迟多少天能打到卡上？", True), ("钱多久能到卡？", True),
                                              ("几天能打到账上", True), ("卡上要有多少钱", False)])
def test_when_money_reaches_the_askers_card_asks_how_long_the_payment_step_takes(question, process):
    from qa.figures import PROCESS_ASKED

    assert bool(PROCESS_ASKED.search(question)) is process


@pytest.mark.parametrize("question,parts", [
    ("利息咋算？政府帮着贴多少？", 2), ("要啥材料？去哪交？", 2), ("多薄的不让用？回收率要到多少？", 2),
    ("这个咋申请", 1),
])
def test_colloquial_asking_words_make_a_part_of_their_own(question, parts):
    """啥, 咋 and 多薄/多厚… ask as 什么, 怎么 and 多少 do: the piece holding one is a question of its own."""
    assert len(question_parts(question, "zh")) == parts


@pytest.mark.parametrize("question", ["利息咋算？", "利息怎么计算", "利息是如何算的", "这个利息要怎样收？"])
def test_how_the_interest_is_worked_out_asks_its_rate(question):
    assert "percent" in asked_kinds(question, "zh")
