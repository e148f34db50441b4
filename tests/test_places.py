"""Places come from a gazetteer of China's divisions (cpca's adcode table), not a hand list."""

import itertools

import pytest

from ingest.places import THE_COUNTRY, document_places, find_places, place_named

# (Chinese full name, short form, English) of divisions no bundled document is about.
UNSEEN = [("南通市", "南通", "Nantong"), ("济宁市", "济宁", "Jining"), ("厦门市", "厦门", "Xiamen"),
          ("江苏省", "江苏", "Jiangsu"), ("内蒙古自治区", "内蒙古", "Inner Mongolia"), ("烟台市", "烟台", "Yantai")]
TEMPLATES_ZH = ["{}的企业能拿多少补贴？", "请问在{}申请首台套奖励找谁", "{}OPC社区有哪些支持"]
TEMPLATES_EN = ["How much can a firm in {} get?", "Who leads this task in {}?", "In {}, what is the subsidy cap?"]


@pytest.mark.parametrize("full,short,english", UNSEEN)
def test_any_division_is_found_by_full_name_short_form_and_english(full, short, english):
    for template, name in itertools.product(TEMPLATES_ZH, (full, short)):
        assert [p.name for p in find_places(template.format(name))] == [full]
    for template in TEMPLATES_EN:
        assert [p.name for p in find_places(template.format(english))] == [full]


def test_the_hierarchy_is_the_adcode_prefix():
    guangdong, guangzhou, tianhe = place_named("广东"), place_named("广州"), place_named("天河区")
    assert guangdong.contains(guangzhou) and guangzhou.contains(tianhe) and guangdong.contains(tianhe)
    assert not guangzhou.contains(guangdong) and guangzhou.related(guangdong)
    assert THE_COUNTRY.contains(tianhe) and not place_named("青岛").related(guangdong)


def test_a_county_short_form_counts_only_where_a_document_covers_it():
    # 资源 (资源县) and 和平 are words; 静安 is read as Shanghai's district once a document is about it.
    assert find_places("市人力资源社会保障局负责") == []
    assert find_places("静安出海专项资金") == []
    assert [p.name for p in find_places("静安出海专项资金", {"310106"})] == ["静安区"]
    assert [p.name for p in find_places("In Jing'an District", {"310106"})] == ["静安区"]


@pytest.mark.parametrize("text,places", [
    ("When does this guide expire?", []),                  # guide: a word, not 贵德 (Guide County)
    ("Is it more than a mile from the coast?", []),        # mile: not 弥勒
    ("What does Guide County offer?", ["贵德县"]),          # written as a name
    ("how much does wuhan give?", ["武汉市"]),              # a text typed all in lower case is read as it is
    ("How much does Wuhan give?", ["武汉市"]),
    ("which agencies guide it?", []),                      # all in lower case, but guide is an everyday word
    ("is it more than a mile offshore?", []), ("the dean of the school?", []),
])
def test_an_english_place_name_is_a_proper_noun(text, places):
    assert [p.name for p in find_places(text)] == places


@pytest.mark.parametrize("org", ["济南大学", "广州银行", "青岛医院"])
def test_a_place_inside_an_organisation_name_is_no_scope(org):
    assert find_places(f"{org}的项目") == []
    assert find_places(f"济南大学({org[:2]})产业技术研究院") == []


@pytest.mark.parametrize("title,opening,text,expected", [
    ("广东省发展改革委关于印发《广东省支持人工智能OPC创新发展行动方案》的通知", "", "", ["广东省"]),
    ("广州市天河区科技工业和信息化局关于印发…的通知", "", "", ["天河区"]),  # the most specific place
    ("国务院关于印发个人所得税专项附加扣除暂行办法的通知", "", "", ["全国"]),
    ("关于印发试行办法的通知", "国办发〔2018〕1号", "", ["全国"]),
    ("创业担保贷款常见问题", "发表时间：2025-11-18", "在南通申请。南通户籍。南通市人社局。", ["南通市"]),
    ("创业担保贷款常见问题", "", "南通一次。", []),  # named once: not enough to say where it applies
])
def test_a_document_gets_its_place_from_title_opening_or_text(title, opening, text, expected):
    assert [p.name for p in document_places(title, opening, text)] == expected


@pytest.mark.parametrize("title,text,date,period", [
    ("杭州市打造全国“AI+OPC”创业新高地行动计划（2026—2028年）", "", None, "2026-2028"),
    ("2024-2026年海南省农机购置与应用补贴实施方案", "", None, "2024-2026"),
    ("某市办法", "本办法自2022年12月15日起实施，有效期至2026年12月31日。", None, "2022-2026"),
    ("某区办法", "第十三条 本办法自2023年9月8日起施行，有效期3年。", None, "2023-2025"),
    ("某市办法", "本办法自印发之日起施行，有效期3年。", "2024年1月3日", "2024-2026"),
    ("枣庄市科技研发创新2022年行动计划", "", None, "2022"),
    ("创业担保贷款常见问题", "答：最高30万元。", None, ""),
])
def test_the_years_a_document_covers(title, text, date, period):
    from ingest.metadata import find_period

    assert find_period(title, text, date) == period


@pytest.mark.parametrize("text,number", [
    ("某某通知\n郑政办〔2026〕30号\n各单位：", "郑政办〔2026〕30号"),
    ("武汉市人民政府关于印发若干措施的通知（武政规〔2026〕4号）\n正文", "武政规〔2026〕4号"),
    ("某某方案的通知\n各市县：\n根据《实施意见》（农办机〔2024〕3号），现印发。", None),  # another document's 文号
])
def test_a_notice_has_its_own_doc_number_only(text, number):
    from ingest.metadata import find_doc_number

    assert find_doc_number(text) == number


@pytest.mark.parametrize("text,left", [
    ("In Jing'an District, what share is covered?", "In  , what share is covered?"),
    ("In Guangzhou's long-term care insurance", "In   long-term care insurance"),
    ("For wind farms in Shanghai more than 50 km", "For wind farms in   more than 50 km"),
    ("Which Inner Mongolia bodies", "Which   bodies"),
])
def test_english_place_names_are_no_keywords(text, left):
    from ingest.places import without_english_places

    assert without_english_places(text, find_places(text, {"310106"})) == left


@pytest.mark.parametrize("phrase,zh", [
    ("pilot cities", "试点"), ("the pilots", "试点"), ("trade shows", "展会"), ("an overseas exhibition", "展会"),
    ("employer contributions", "缴费"), ("the premium", "缴费"), ("an IPO", "上市"), ("getting listed", "上市"),
])
def test_general_policy_words_in_english_reach_their_chinese_term(phrase, zh):
    from qa.lexicon import expand

    expansion = expand(f"What support is there for {phrase}?", {zh: 1})
    assert zh in [e.zh for e in expansion.glossary_terms]


@pytest.mark.parametrize("name,classes", [
    ("北京", {"municipality"}), ("天津市", {"municipality"}), ("重庆", {"municipality"}),
    ("上海市浦东新区", {"municipality"}),                                  # a district of one is in it
    ("成都", {"capital"}), ("哈尔滨", {"capital"}), ("南宁", {"capital"}),  # a province's or a region's capital
    ("乌鲁木齐", {"capital"}), ("杭州市西湖区", {"capital"}),
    ("大连", {"planned"}), ("宁波市", {"planned"}), ("厦门", {"planned"}), ("青岛", {"planned"}), ("深圳", {"planned"}),
    ("绵阳", set()), ("苏州", set()), ("枣庄", set()), ("四川", set()),     # a prefecture city; a province is none
])
def test_the_class_of_city_a_place_is_comes_from_its_code(name, classes):
    place = find_places(name)[-1]
    assert place.city_classes() == classes


def test_every_province_has_exactly_one_capital_by_the_adcode_convention():
    from ingest.places import MUNICIPALITIES, gazetteer

    places = gazetteer().places
    provinces = [p for p in places if p.level == "province" and p.code not in MUNICIPALITIES and p.code not in ("71", "81", "82")]
    capitals = [p for p in places if p.level == "city" and "capital" in p.city_classes()]
    assert len(capitals) == len(provinces) == 27
    assert {p.code[:2] for p in capitals} == {p.code for p in provinces}


@pytest.mark.parametrize("text,left", [
    ("How much can the district's overseas-expansion fund reimburse?", "How much can   overseas-expansion fund reimburse?"),
    ("Will the city pay part of the rent?", "Will   pay part of the rent?"),
    ("Does our county have a quota for this?", "Does   have a quota for this?"),
    # a body of that level stays: it may be what is asked for
    ("Which district bureau reviews it?", "Which district bureau reviews it?"),
    ("Does the city government lead the task?", "Does the city government lead the task?"),
])
def test_the_level_of_government_named_by_its_kind_is_where_not_a_body(text, left):
    from ingest.places import without_english_places

    assert without_english_places(text, []) == left


@pytest.mark.parametrize("text,places,origins", [
    ("我表哥也是香港人，今年46岁", [], {"香港"}),
    ("我是澳门人，在杭州实习", ["杭州"], {"澳门"}),
    ("我爸是广东人，退休前在上海工作", ["上海"], {"广东"}),
    ("广州人才公寓怎么申请", ["广州"], set()),           # 人才: no person from there
    ("上海人民政府印发的办法", ["上海"], set()),
    ("杭州人均可支配收入", ["杭州"], set()),
    # …or what a person holds from there: a credential, an identity document, a degree
    ("我其实有香港律师执业资格，在广州上班", ["广州"], {"香港"}), ("她拿的是澳门身份证", [], {"澳门"}),
    ("我有香港执业资格证", [], {"香港"}), ("他是台湾医生，想来广州开诊所", ["广州"], {"台湾"}),
    # …or where they were born or come from, said after or before the place
    ("我本人今年47了，澳门出生的", [], {"澳门"}), ("她是香港籍，在杭州读研", ["杭州"], {"香港"}),
    ("我出生于澳门，现在在上海上班", ["上海"], {"澳门"}), ("合伙人来自香港", [], {"香港"}), ("我老家是广东，在杭州打工", ["杭州"], {"广东"}),
    ("上海出生率是多少", ["上海"], set()),             # a rate of births there: the place asked about
    ("港澳大学生在杭州实习", ["杭州"], set()),           # 大学生在…: where they are, no birthplace
])
def test_a_place_named_as_where_a_person_is_from_is_no_scope(text, places, origins):
    """"我表哥也是香港人，他还算港澳青年吗？" is about the rule where the asker is, not about Hong Kong."""
    from ingest.places import origin_names

    assert [p.short for p in find_places(text)] == places
    assert origin_names(text) == origins


@pytest.mark.parametrize("text,origin", [
    ("Does a 39-year-old from Macau qualify?", True), ("my 30-year-old Macau partner would be the main founder", True),
    ("I'm a Hong Kong resident opening a shop", True), ("She was born in Hong Kong", True), ("two Macau employees", True),
    # the place the question is about
    ("What does Macau offer start-ups?", False), ("Is there a rent subsidy in Hong Kong?", False),
    ("my Macau partner asks what Macau offers", False),  # (one mention is where: the question is about it)
])
def test_a_place_named_as_where_a_person_is_from_in_english_is_an_origin(text, origin):
    from ingest.places import find_places, named_as_origin

    place = next(p for p in find_places(text) if p.short in ("澳门", "香港"))
    assert named_as_origin(text, place) is origin
