"""The clause parse of every bundled policy document, pinned as specifications.

Every expected value below was checked against the document text in corpus/.
Where the parser's output disagrees with the document, the test states what the
document says and is marked xfail(strict=True) with the bug named in its reason:
the expectation is not weakened to match the parser.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from ingest.loaders import LoadError
from ingest.model import Clause, Document
from ingest.pipeline import parse_file, parse_text
from ingest.structure import parse_clauses
from ingest.units import parse_note

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"

ZAOZHUANG = "zaozhuang_rd_innovation_plan_2022.txt"
GUANGZHOU = "guangzhou_talent_cluster_opinions_2012.txt"
HANGZHOU = "hangzhou_aiopc_action_plan_2026.txt"
WUHAN = "wuhan_aiopc_measures_2026.txt"


@lru_cache(maxsize=None)
def doc(name: str) -> Document:
    return parse_file(CORPUS / name)


def clause(name: str, locator: str) -> Clause:
    found = [c for c in doc(name).clauses if c.locator == locator]
    assert len(found) == 1, f"{locator}: {len(found)} clauses"
    return found[0]


def locators(name: str) -> list[str]:
    return [c.locator for c in doc(name).clauses]


def targets(c: Clause) -> list[tuple]:
    """(subject, value, unit, qualifier) of each target, in text order."""
    return [(t.subject, t.value, t.unit, t.qualifier) for t in c.targets]


def phrases(c: Clause) -> list[tuple]:
    """(value, unit, qualifier, phrase as written) of each target, in text order."""
    return [(t.value, t.unit, t.qualifier, t.text) for t in c.targets]


def source_lines(name: str) -> list[str]:
    return [line for line in (CORPUS / name).read_text(encoding="utf-8").split("\n") if line.strip()]


# =====================================================================================
# 枣庄 reference plan: 一 goals, 二 16 tasks under (一)…(五), 三 three measures
# =====================================================================================

ZZ_TASKS = {
    "二(一)1": "全面启动示范区建设",
    "二(一)2": "加快创新资源集聚",
    "二(一)3": "加快推进乡村产业生态化",
    "二(二)4": "强化产业关键技术攻关",
    "二(二)5": "推动科技赋能产业发展",
    "二(二)6": "加快新产品推广应用",
    "二(三)7": "加强高层次科技平台布局",
    "二(三)8": "培育科技后备力量",
    "二(三)9": "加强新型研发机构建设",
    "二(三)10": "促进各类园区发展",
    "二(四)11": "壮大科技型企业队伍",
    "二(四)12": "提升企业技术创新能力",
    "二(四)13": "提高科技金融服务能力",
    "二(五)14": "持续推进科技体制改革",
    "二(五)15": "畅通科技成果转化渠道",
    "二(五)16": "强化开放合作",
}
ZZ_SECTIONS = {
    "一": "(一)加强国家可持续发展议程创新示范区建设",
    "二": "(二)持续提高科技研发投入",
    "三": "(三)强化科技平台载体赋能",
    "四": "(四)培优做强科技创新主力军",
    "五": "(五)优化创新成果转移转化环境",
}
ZZ_MEASURES = {"三(一)": "加强统筹协调", "三(二)": "强化政策保障", "三(三)": "注重宣传引导"}
# (lead, responsible) as the notes read; with only 责任单位 the first unit listed leads.
ZZ_UNITS = {
    "二(一)1": (["市科技局"], []),
    "二(一)2": (["市科技局"], ["市科技局"]),
    "二(一)3": (["市科技局"], ["市科技局", "市农业农村局", "市乡村振兴局"]),
    "二(二)4": (["市科技局"], ["市科技局", "市工业和信息化局"]),
    "二(二)5": (["市发展改革委"], ["市发展改革委", "市科技局", "市工业和信息化局", "市财政局"]),
    "二(二)6": (["市工业和信息化局"], ["市工业和信息化局", "市财政局"]),
    "二(三)7": (["市发展改革委"], ["市发展改革委", "市科技局", "市工业和信息化局"]),
    "二(三)8": (["市发展改革委"], ["市发展改革委", "市科技局", "市工业和信息化局"]),
    "二(三)9": (["市科技局"], ["市科技局"]),
    "二(三)10": (["市发展改革委"], ["市发展改革委", "市科技局", "市财政局", "市商务局"]),
    "二(四)11": (["市科技局"], ["市科技局", "市工业和信息化局"]),
    "二(四)12": (["市科技局"], ["市科技局", "市工业和信息化局", "市国资委"]),
    "二(四)13": (["市科技局"], ["市科技局", "市财政局", "枣庄银保监分局", "市税务局"]),
    "二(五)14": (["市科技局"], ["市科技局", "市财政局"]),
    "二(五)15": (["市科技局"], ["市科技局"]),
    "二(五)16": (["市科技局"], ["市科技局", "市财政局"]),
    "三(一)": (["市科技局"], []),
    "三(二)": (["市发展改革委"], ["市发展改革委", "市科技局", "市工业和信息化局", "市财政局", "市自然资源和规划局"]),
    "三(三)": (["市科技局"], ["市科技局"]),
}


def test_reference_plan_title_is_its_first_line_and_it_carries_no_doc_number_or_date():
    d = doc(ZAOZHUANG)
    assert d.title == "枣庄市“十大创新”2022年行动计划科技研发创新2022年行动计划"
    assert d.file_name == ZAOZHUANG
    assert d.doc_number is None
    assert d.date is None


def test_reference_plan_is_goals_then_sixteen_tasks_then_three_measures_in_document_order():
    assert locators(ZAOZHUANG) == ["一", *ZZ_TASKS, *ZZ_MEASURES]
    assert all(c.kind == "clause" for c in doc(ZAOZHUANG).clauses)


def test_reference_plan_tasks_are_numbered_one_to_sixteen_under_sections_one_to_five():
    tasks = [c for c in doc(ZAOZHUANG).clauses if c.locator.startswith("二(")]
    assert len(tasks) == 16
    assert [int(c.locator.split(")")[1]) for c in tasks] == list(range(1, 17))


def test_reference_plan_task_titles_are_the_heading_words_before_the_first_full_stop():
    for locator, title in ZZ_TASKS.items():
        c = clause(ZAOZHUANG, locator)
        number = locator.split(")")[1]
        assert c.title == title
        assert c.text.startswith(f"{number}.{title}。")


def test_reference_plan_task_paths_run_part_section_item():
    for locator, title in ZZ_TASKS.items():
        c = clause(ZAOZHUANG, locator)
        section = ZZ_SECTIONS[locator[2]]
        number = locator.split(")")[1]
        assert c.path == ["二、主要任务", section, f"{number}.{title}"]


def test_task_6_is_located_titled_and_assigned_as_written():
    c = clause(ZAOZHUANG, "二(二)6")
    assert c.title == "加快新产品推广应用"
    assert c.path == ["二、主要任务", "(二)持续提高科技研发投入", "6.加快新产品推广应用"]
    assert c.heading_path == "二、主要任务 › (二)持续提高科技研发投入 › 6.加快新产品推广应用"
    assert c.lead == ["市工业和信息化局"]
    assert c.responsible == ["市工业和信息化局", "市财政局"]
    assert c.text == source_lines(ZAOZHUANG)[11]
    assert [(d.lead, d.responsible, d.text) for d in c.duties] == [(["市工业和信息化局"], ["市工业和信息化局", "市财政局"], c.text)]
    assert targets(c) == [("新增省级首台(套)产品", 10, "项", "以上")]


def test_every_task_and_measure_takes_its_units_from_its_own_note():
    for locator, (lead, responsible) in ZZ_UNITS.items():
        c = clause(ZAOZHUANG, locator)
        assert (c.lead, c.responsible) == (lead, responsible), locator
        assert len(c.duties) == 1 and c.duties[0].text == c.text


def test_city_finance_bureau_is_named_in_exactly_seven_clauses():
    named = [c.locator for c in doc(ZAOZHUANG).clauses if "市财政局" in c.units]
    assert named == ["二(二)5", "二(二)6", "二(三)10", "二(四)13", "二(五)14", "二(五)16", "三(二)"]


def test_task_3_angle_bracket_alias_yields_both_names():
    c = clause(ZAOZHUANG, "二(一)3")
    assert c.responsible == ["市科技局", "市农业农村局", "市乡村振兴局"]
    assert c.aliases == {"市乡村振兴局": "市农业农村局"}
    assert not any("〈" in u or "〉" in u for u in c.units)


def test_only_task_3_carries_an_alias():
    assert [c.locator for c in doc(ZAOZHUANG).clauses if c.aliases] == ["二(一)3"]


def test_measure_3_1_takes_its_lead_from_the_lead_unit_label():
    c = clause(ZAOZHUANG, "三(一)")
    assert c.title == "加强统筹协调"
    assert c.path == ["三、推进措施", "(一)加强统筹协调"]
    assert c.lead == ["市科技局"]
    assert c.responsible == []
    assert c.units == ["市科技局"]


def test_measures_are_sections_of_part_three_without_items():
    for locator, title in ZZ_MEASURES.items():
        c = clause(ZAOZHUANG, locator)
        assert c.title == title
        assert c.path == ["三、推进措施", f"{locator[1:]}{title}"]
        assert c.text.startswith(f"{locator[1:]}{title}。")


def test_task_1_lead_only_note_gives_a_lead_and_no_responsible_units():
    c = clause(ZAOZHUANG, "二(一)1")
    assert (c.lead, c.responsible, c.units) == (["市科技局"], [], ["市科技局"])


def test_goals_clause_is_part_one_with_its_body_line():
    c = clause(ZAOZHUANG, "一")
    assert c.title == "工作目标"
    assert c.path == ["一、工作目标"]
    assert c.text == "一、工作目标\n" + source_lines(ZAOZHUANG)[2]
    assert (c.lead, c.responsible, c.duties) == ([], [], [])


def test_goals_clause_targets_are_every_number_with_unit_and_subject():
    assert targets(clause(ZAOZHUANG, "一")) == [
        ("市级科技创新发展资金", 10, "%", ""),
        ("全社会研发经费投入", 20, "%", "以上"),
        ("科技型中小企业", 700, "家", ""),
        ("高新技术企业", 370, "家", ""),
        ("规模以上高新技术产业产值占规模以上工业总产值的比重", 2, "个百分点", "左右"),
        ("技术合同交易额", 120, "亿元", ""),
    ]


def test_task_targets_keep_value_unit_and_qualifier():
    assert targets(clause(ZAOZHUANG, "二(二)4")) == [("重大科技创新工程项目", 20, "项", "左右")]
    assert targets(clause(ZAOZHUANG, "二(三)7")) == [("省级以上平台", 10, "个", "")]
    assert targets(clause(ZAOZHUANG, "二(三)8")) == [("新建市级科技创新平台", 100, "个", "以上")]
    assert targets(clause(ZAOZHUANG, "二(四)11")) == [("科技型中小企业", 700, "家", ""), ("高新技术企业", 370, "家", "")]
    assert targets(clause(ZAOZHUANG, "二(四)12")) == [("市属国有企业研发投入", 10, "%", "以上")]
    assert phrases(clause(ZAOZHUANG, "二(五)14")) == [
        (1000, "万元", "以上", "对成果转化技术合同年度到账额1000万元以上"),
        (3000, "万元", "以上", "技术合同年度到账额3000万元以上"),
    ]


def test_only_the_goals_clause_and_task_11_mention_seven_hundred_firms():
    assert [c.locator for c in doc(ZAOZHUANG).clauses if any(t.value == 700 and t.unit == "家" for t in c.targets)] == ["一", "二(四)11"]


def test_reference_plan_has_no_title_only_clause():
    for c in doc(ZAOZHUANG).clauses:
        assert c.text != c.path[-1], c.locator
        assert len(c.text) > len(c.path[-1]) + 1, c.locator  # says more than its heading
    headings = {"二、主要任务", "三、推进措施", *ZZ_SECTIONS.values()}
    assert not any(c.text in headings for c in doc(ZAOZHUANG).clauses)


def test_reference_plan_clauses_cover_every_body_line_once():
    lines = source_lines(ZAOZHUANG)
    texts = "\n".join(c.text for c in doc(ZAOZHUANG).clauses).split("\n")
    body = [line for line in lines[1:] if line not in {"二、主要任务", "三、推进措施", *ZZ_SECTIONS.values()}]
    assert texts == body


@pytest.mark.xfail(
    reason="parser bug: a relation word separated from its number (按不低于…标准的70%) is not read as the "
    "qualifier and stays in the subject",
    strict=True,
)
def test_measure_3_2_land_price_floor_is_not_lower_than_seventy_percent():
    (target,) = clause(ZAOZHUANG, "三(二)").targets
    assert (target.value, target.unit, target.qualifier) == (70, "%", "不低于")
    assert not target.subject.startswith("可按")


@pytest.mark.xfail(
    reason="parser bug: the subject read after a number runs on for 12 characters past the counted noun "
    "(对17个省级新型研发机构建设情况… → 省级新型研发机构建设情况)",
    strict=True,
)
def test_task_5_counts_seventeen_provincial_research_institutes():
    assert targets(clause(ZAOZHUANG, "二(二)5")) == [("省级新型研发机构", 17, "个", "")]


# =====================================================================================
# 广州 “633” opinions: items 1…45 numbered across the whole text under 一、…五、
# =====================================================================================

GZ_SECTIONS = [  # (prefix, first item, last item)
    ("一", 1, 1),
    ("二(一)", 2, 8),
    ("二(二)", 9, 15),
    ("二(三)", 16, 19),
    ("二(四)", 20, 22),
    ("二(五)", 23, 27),
    ("二(六)", 28, 31),
    ("三(一)", 32, 34),
    ("三(二)", 35, 36),
    ("三(三)", 37, 39),
    ("四", 40, 42),
    ("五", 43, 45),
]
GZ_ITEM_LOCATORS = [f"{prefix}{n}" for prefix, first, last in GZ_SECTIONS for n in range(first, last + 1)]
GZ_INTROS = ["二(一)", "二(二)", "二(三)", "二(四)", "二(五)", "二(六)", "三(一)", "三(二)", "三(三)"]
GZ_LEADS = {
    2: "市发展改革委", 3: "市委组织部", 4: "市经贸委", 5: "市人力资源和社会保障局", 6: "市金融办",
    7: "市人力资源和社会保障局", 8: "市人力资源和社会保障局", 9: "市委组织部", 10: "市委组织部",
    11: "市人力资源和社会保障局", 12: "市人力资源和社会保障局", 13: "市科技和信息化局", 14: "市教育局",
    15: "市科协", 16: "市委组织部", 17: "市城管委", 18: "市人力资源和社会保障局", 19: "市农业局",
    20: "市委宣传部", 21: "市文化广电新闻出版局", 22: "市体育局", 23: "市教育局", 24: "市卫生局",
    25: "市民政局", 26: "市委政法委", 27: "团市委", 28: "市留交办", 29: "市人力资源和社会保障局",
    30: "市人力资源和社会保障局", 31: "市委组织部", 32: "市留交办", 33: "市委组织部",
    34: "市人力资源和社会保障局", 35: "市委组织部", 36: "市委组织部", 37: "市人力资源和社会保障局",
    38: "市住房保障办", 39: "市人力资源和社会保障局", 40: "市委组织部", 41: "市财政局", 42: "市委组织部",
    43: "市委组织部", 44: "市委组织部", 45: "市委组织部",
}  # fmt: skip


def gz_item(n: int) -> Clause:
    return clause(GUANGZHOU, GZ_ITEM_LOCATORS[n - 1])


def test_guangzhou_title_is_its_first_line_and_it_carries_no_doc_number_or_full_date():
    d = doc(GUANGZHOU)
    assert d.title == "关于推进人才集聚工程的实施意见（广州“633”人才工程，2012年）"
    assert d.doc_number is None
    assert d.date is None


def test_guangzhou_has_a_preamble_nine_section_introductions_and_forty_five_items():
    d = doc(GUANGZHOU)
    assert len(d.clauses) == 55
    assert [c.kind for c in d.clauses].count("preamble") == 1
    assert sorted(locators(GUANGZHOU)) == sorted(["前言", *GZ_INTROS, *GZ_ITEM_LOCATORS])


def test_guangzhou_items_are_numbered_one_to_forty_five_across_parts_and_sections():
    items = [c.locator for c in doc(GUANGZHOU).clauses if c.locator not in {"前言", *GZ_INTROS}]
    assert items == GZ_ITEM_LOCATORS
    assert GZ_ITEM_LOCATORS[:3] == ["一1", "二(一)2", "二(一)3"]
    assert GZ_ITEM_LOCATORS[-6:] == ["四40", "四41", "四42", "五43", "五44", "五45"]


def test_guangzhou_each_section_introduction_precedes_its_items():
    order = locators(GUANGZHOU)
    for prefix, first, _ in GZ_SECTIONS:
        if prefix in GZ_INTROS:
            assert order.index(prefix) + 1 == order.index(f"{prefix}{first}")


def test_guangzhou_preamble_is_the_text_before_the_first_heading():
    c = clause(GUANGZHOU, "前言")
    assert c.kind == "preamble"
    assert c.path == ["前言"]
    assert c.text == source_lines(GUANGZHOU)[1]
    assert c.text.endswith("提出以下实施意见。")


def test_guangzhou_section_introduction_is_a_clause_of_its_own_without_units():
    c = clause(GUANGZHOU, "二(一)")
    assert c.title == "产业提升人才行动计划"
    assert c.path == ["二、实施六大人才行动计划", "（一）产业提升人才行动计划"]
    assert c.text.startswith("（一）产业提升人才行动计划。围绕发展战略性主导产业")
    assert c.text.endswith("实施如下重点项目：")
    assert "2.战略性主导产业紧缺人才开发项目" not in c.text
    for locator in GZ_INTROS:
        intro = clause(GUANGZHOU, locator)
        assert intro.text.endswith("实施如下重点项目："), locator
        assert (intro.lead, intro.responsible, intro.duties) == ([], [], []), locator


def test_item_3_lead_and_cooperating_unit_form():
    c = clause(GUANGZHOU, "二(一)3")
    assert c.title == "羊城企业家培养项目"
    assert c.path == ["二、实施六大人才行动计划", "（一）产业提升人才行动计划", "3.羊城企业家培养项目"]
    assert c.lead == ["市委组织部"]
    assert c.responsible == ["市国资委"]
    assert c.text == source_lines(GUANGZHOU)[7]


def test_item_11_whose_number_is_followed_by_digits_is_its_own_clause():
    c = clause(GUANGZHOU, "二(二)11")
    assert c.title == "121人才梯队项目"
    assert c.path == ["二、实施六大人才行动计划", "（二）科技创新人才行动计划", "11.121人才梯队项目"]
    assert c.text.startswith("11.121人才梯队项目。重点培养不少于10名")
    assert (c.lead, c.responsible) == (["市人力资源和社会保障局"], ["各区、县级市"])
    assert "121人才梯队" not in clause(GUANGZHOU, "二(二)10").text


def test_every_guangzhou_item_is_led_by_its_lead_unit():
    for n, lead in GZ_LEADS.items():
        assert gz_item(n).lead == [lead], n
    assert (gz_item(1).lead, gz_item(1).responsible) == ([], [])


def test_guangzhou_cooperating_units_are_the_responsible_units_lead_excluded():
    assert gz_item(2).responsible == ["市委组织部", "市人力资源和社会保障局", "各区、县级市"]
    assert gz_item(8).responsible == ["市工商局", "市金融办", "团市委", "各区、县级市"]
    assert gz_item(19).responsible == ["市科协", "各有关区、县级市"]
    assert gz_item(26).responsible == ["市法院", "市检察院", "市公安局", "市司法局", "市法制办", "各区、县级市"]
    assert gz_item(29).responsible == []
    assert gz_item(35).responsible == ["市科技和信息化局", "市人力资源和社会保障局", "市财政局", "越秀区"]
    assert gz_item(43).responsible == ["各项目牵头单位", "各区、县级市"]


def test_districts_and_county_level_cities_stay_one_unit():
    clauses = doc(GUANGZHOU).clauses
    assert sum("各区、县级市" in c.responsible for c in clauses) == 33
    assert sum("各有关区、县级市" in c.responsible for c in clauses) == 2
    for c in clauses:
        assert not {"各区", "县级市", "各有关区"} & set(c.units), c.locator


def test_item_41_is_led_by_the_finance_bureau():
    c = clause(GUANGZHOU, "四41")
    assert c.title == "确立人才优先投入机制"
    assert c.path == ["四、创新人才工作体制机制", "41.确立人才优先投入机制"]
    assert c.lead == ["市财政局"]
    assert c.responsible == ["市委组织部", "各有关单位", "各区、县级市"]


def test_finance_bureau_named_in_exactly_two_guangzhou_items():
    assert [c.locator for c in doc(GUANGZHOU).clauses if "市财政局" in c.units] == ["三(二)35", "四41"]


def test_guangzhou_goal_item_targets():
    c = clause(GUANGZHOU, "一1")
    assert c.title == "目标"
    assert c.path == ["一、总体目标", "1.目标"]
    assert targets(c) == [
        ("重点引进和培养高层次人才", 2000, "名", "左右"),
        ("全市大专以上学历人才资源总量", 320, "万名", "左右"),
        ("人才贡献率", 40, "%", ""),
    ]


def test_guangzhou_item_targets_with_not_less_than():
    assert targets(gz_item(12)) == [("培养资助博士后研究人员", 400, "名", "不少于")]
    assert targets(gz_item(24)) == [("选拔资助高层次医疗卫生专家", 100, "名", "不少于"), ("高层次医疗卫生人才", 500, "名", "不少于")]
    assert targets(gz_item(19)) == [("培训新型农民", 40000, "名", "")]
    assert phrases(gz_item(35)) == [
        (2000, "名", "", "等各类高端人才2000名"),
        (1000, "项", "", "转化国际领先（先进）技术成果1000项"),
        (100, "家", "", "培育创办具有国际竞争力的科技型企业100家"),
    ]


@pytest.mark.xfail(
    reason="parser bug: the item number and title digits of '11.121人才梯队项目' are read as a target 11.121 人",
    strict=True,
)
def test_item_11_heading_number_is_not_a_target():
    assert [(t.value, t.unit, t.qualifier) for t in gz_item(11).targets] == [(10, "名", "不少于"), (20, "名", "不少于"), (100, "名", "不少于")]


@pytest.mark.xfail(
    reason="parser bug: a subject read after the number is cut at 12 characters (市管企业中高级经营管理人)",
    strict=True,
)
def test_item_3_targets_name_whole_subjects():
    assert targets(gz_item(3)) == [
        ("市管企业中高级经营管理人才", 100, "名", ""),
        ("正职后备人才", 100, "名", ""),
        ("副职后备人才", 200, "名", ""),
        ("优秀企业家", 100, "名", ""),
    ]


@pytest.mark.xfail(
    reason="parser bug: in 'A和50名B' the second number takes the first phrase (…人才和) as its subject",
    strict=True,
)
def test_item_6_counts_managers_and_specialists_separately():
    assert targets(gz_item(6)) == [
        ("金融高级管理人才", 30, "名", ""),
        ("金融高级专业人才", 50, "名", ""),
        ("金融骨干人才", 300, "名", ""),
    ]


@pytest.mark.xfail(
    reason="parser bug: '50场次知识更新名家讲座' gets the subject 市级示范性高级研修班和 of the preceding number",
    strict=True,
)
def test_item_7_lecture_target_counts_lectures():
    lecture = [t for t in gz_item(7).targets if t.unit.startswith("场")]
    assert [t.subject for t in lecture] == ["知识更新名家讲座"]


@pytest.mark.xfail(
    reason="parser bug: a subject in quotation marks before the number (“羊城文化名家”达到50名) comes out empty",
    strict=True,
)
def test_item_20_fifty_masters_have_a_subject():
    assert targets(gz_item(20))[0] == ("羊城文化名家", 50, "名", "")


# =====================================================================================
# 杭州 AI+OPC action plan: 一 goals, 二 16 tasks under (一)…(五), 三 保障机制, sign-off
# =====================================================================================

HZ_TASK_LOCATORS = [
    "二(一)1", "二(一)2", "二(一)3",
    "二(二)4", "二(二)5", "二(二)6", "二(二)7",
    "二(三)8", "二(三)9", "二(三)10",
    "二(四)11", "二(四)12",
    "二(五)13", "二(五)14", "二(五)15", "二(五)16",
]  # fmt: skip
HZ_RESPONSIBLE = {
    "二(一)1": ["市科技局", "市发展改革委", "市经信局", "各区、县（市）政府"],
    "二(一)2": ["市科技局", "市经信局"],
    "二(一)3": ["市科技局", "市经信局"],
    "二(二)4": ["市经信局", "市发展改革委", "市科技局", "市教育局"],
    "二(二)5": ["市数据局", "市经信局", "市金融投资集团"],
    "二(二)6": ["市发展改革委", "市经信局", "市国资委", "市金融投资集团"],
    "二(二)7": ["市科技局", "市发展改革委", "市经信局", "市卫生健康委", "市教育局"],
    "二(三)8": ["市委人才办", "市人力社保局", "市科技局"],
    "二(三)9": ["市委人才办", "市人力社保局", "市科技局", "市经信局", "市投资促进局", "市公安局"],
    "二(三)10": ["市住保房管局", "市人力社保局", "市委人才办"],
    "二(四)11": ["市国资委", "市财政局", "杭州资本", "市金融投资集团"],
    "二(四)12": ["市委金融办", "市人力社保局", "市财政局", "市市场监管局", "市科技局"],
    "二(五)13": ["市市场监管局", "市审管办"],
    "二(五)14": ["市市场监管局", "市审管办", "市科技局", "市经信局", "市财政局", "市税务局", "市人力社保局"],
    "二(五)15": ["市市场监管局", "市数据局"],
    "二(五)16": ["市科技局", "市人力社保局", "市发展改革委", "市经信局"],
}
HZ_SECTIONS = {
    "一": "（一）实施社区引领工程",
    "二": "（二）实施要素融通工程",
    "三": "（三）实施人才舒心工程",
    "四": "（四）实施金融护航工程",
    "五": "（五）实施服务助跑工程",
}


def test_hangzhou_title_and_issue_date_from_the_sign_off():
    d = doc(HANGZHOU)
    assert d.title == "杭州市打造全国“AI+OPC”创业新高地行动计划（2026—2028年）（征求意见稿）"
    assert d.date == "2026年5月25日"
    assert d.doc_number is None


def test_hangzhou_is_preamble_goals_sixteen_tasks_safeguards_and_sign_off():
    assert locators(HANGZHOU) == ["前言", "一", *HZ_TASK_LOCATORS, "三", "文末"]
    assert [c.kind for c in doc(HANGZHOU).clauses] == ["preamble"] + ["clause"] * 18 + ["endmatter"]


def test_hangzhou_tasks_sit_under_their_sections():
    for locator in HZ_TASK_LOCATORS:
        c = clause(HANGZHOU, locator)
        number = locator.split(")")[1]
        assert c.path == ["二、重点举措", HZ_SECTIONS[locator[2]], f"{number}.{c.title}"], locator
        assert c.text.startswith(f"{number}.{c.title}。"), locator


def test_hangzhou_goals_and_safeguards_are_parts_with_body_lines():
    goals = clause(HANGZHOU, "一")
    assert (goals.title, goals.path) == ("总体目标", ["一、总体目标"])
    assert goals.text == "一、总体目标\n" + source_lines(HANGZHOU)[3]
    safeguards = clause(HANGZHOU, "三")
    assert (safeguards.title, safeguards.path) == ("保障机制", ["三、保障机制"])
    assert safeguards.text == "三、保障机制\n" + source_lines(HANGZHOU)[-2]
    assert "2026年5月25日" not in safeguards.text
    assert (safeguards.lead, safeguards.responsible) == ([], [])


def test_hangzhou_final_sign_off_line_is_its_own_clause():
    c = clause(HANGZHOU, "文末")
    assert c.kind == "endmatter"
    assert c.path == ["文末"]
    assert c.title == "文末"
    assert c.text == "杭州市科学技术局2026年5月25日发布，征求意见截止2026年6月24日。"
    assert (c.lead, c.responsible, c.targets) == ([], [], [])


def test_hangzhou_preamble_is_the_purpose_paragraph():
    c = clause(HANGZHOU, "前言")
    assert c.text == source_lines(HANGZHOU)[1]
    assert c.text.endswith("特制定本方案。")


def test_task_1_square_bracket_note_keeps_the_district_county_government_whole_and_drops_the_remark():
    c = clause(HANGZHOU, "二(一)1")
    assert c.title == "加快区域空间布局"
    assert c.lead == ["市科技局"]
    assert c.responsible == ["市科技局", "市发展改革委", "市经信局", "各区、县（市）政府"]
    assert not any("以下" in u or "不再列出" in u or "落实" in u for u in c.units)
    assert c.text.endswith("[责任单位：市科技局、市发展改革委、市经信局，各区、县（市）政府。以下均需各区、县（市）政府落实，不再列出]")


def test_hangzhou_first_listed_responsible_unit_leads_each_task():
    for locator, responsible in HZ_RESPONSIBLE.items():
        c = clause(HANGZHOU, locator)
        assert c.responsible == responsible, locator
        assert c.lead == [responsible[0]], locator


def test_task_5_is_led_by_the_data_bureau():
    c = clause(HANGZHOU, "二(二)5")
    assert c.title == "畅通数据要素供给"
    assert c.path == ["二、重点举措", "（二）实施要素融通工程", "5.畅通数据要素供给"]
    assert c.lead == ["市数据局"]
    assert c.responsible == ["市数据局", "市经信局", "市金融投资集团"]
    assert targets(c) == [("高质量数据集", 200, "个", "以上")]


def test_hangzhou_goal_targets():
    c = clause(HANGZHOU, "一")
    assert phrases(c) == [
        (100, "个", "以上", "建成OPC社区100个以上"),
        (10, "个", "以上", "认定卓越级OPC社区10个以上"),
        (1000, "万元", "超", "培育营收超1000万元"),
        (100, "家", "以上", "OPC100家以上"),
        (5000, "家", "以上", "集聚高成长性OPC5000家以上"),
        (30000, "名", "以上", "汇聚OPC创新创业人才30000名以上"),
    ]
    assert "OPC创新创业人才" in c.targets[-1].subject


def test_hangzhou_task_targets_in_square_metres_yuan_and_persons():
    assert targets(clause(HANGZHOU, "二(一)2")) == [("全市OPC社区面积", 50, "万平方米", "超")]
    assert targets(clause(HANGZHOU, "二(一)3")) == [("OPC认定科技型中小企业", 1000, "家", "以上"), ("高新技术企业", 300, "家", "以上")]
    assert targets(clause(HANGZHOU, "二(三)9")) == [("集聚OPC创新创业人才", 30000, "名", "以上")]
    assert targets(clause(HANGZHOU, "二(四)11")) == [("全市OPC基金总规模", 30, "亿元", "超"), ("投资OPC", 100, "家", "不少于")]
    assert targets(clause(HANGZHOU, "二(四)12")) == [("银行机构每年用于OPC的信贷额度", 50, "亿元", "不低于")]
    assert targets(clause(HANGZHOU, "二(五)16")) == [("举办OPC各级赛会活动", 100, "场", "以上"), ("评选典型案例", 100, "个", "以上")]


def test_hangzhou_sign_off_dates_are_not_targets():
    assert all(t.unit not in {"年", "月", "日"} for c in doc(HANGZHOU).clauses for t in c.targets)
    assert not any(t.value in {2026, 2028} for c in doc(HANGZHOU).clauses for t in c.targets)


@pytest.mark.xfail(
    reason="parser bug: a subject read after the number is cut at 12 characters (性能先进并成功落地的优秀)",
    strict=True,
)
def test_task_4_thirty_agent_applications_subject_is_whole():
    assert targets(clause(HANGZHOU, "二(二)4"))[0] == ("性能先进并成功落地的优秀智能体应用", 30, "个", "")


@pytest.mark.xfail(
    reason="parser bug: the subject after '运营3名' runs over '+N名志愿者”组' instead of stopping at 创业导师",
    strict=True,
)
def test_task_14_three_mentors_per_team_subject_is_mentor():
    three = [t for t in clause(HANGZHOU, "二(五)14").targets if t.value == 3]
    assert [(t.subject, t.unit) for t in three] == [("创业导师", "名")]


@pytest.mark.xfail(
    reason="parser bug: the revenue threshold 营收超1000万元 is given the subject OPC (read after the number) "
    "instead of 营收",
    strict=True,
)
def test_hangzhou_revenue_threshold_measures_revenue():
    revenue = [t for t in clause(HANGZHOU, "一").targets if t.unit == "万元"]
    assert [t.subject for t in revenue] == ["营收"]


# =====================================================================================
# 武汉 AI OPC measures: notice + preamble, 十 measures with several notes each, 施行说明
# =====================================================================================

WH_TITLES = {
    "一": "强化算力服务支撑",
    "二": "畅通高质量数据要素供给",
    "三": "支持模型工具研发应用",
    "四": '构建人才"引育用留"体系',
    "五": "大力发展OPC生态社区",
    "六": "提供创业启动支持",
    "七": "搭建OPC线上开放社区",
    "八": "加大场景资源开放",
    "九": "强化科技金融支撑",
    "十": "营造浓厚创新创业氛围",
}
# Each note governs the sentences before it: (lead, responsible) of every duty, in order.
WH_DUTIES = {
    "一": [(["市数据局"], ["市数据局", "市经信局"]), (["各区人民政府"], ["各区人民政府"])],
    "二": [(["市数据局"], ["市数据局"]), (["市委网信办"], ["市委网信办"])],
    "三": [(["市科创局"], ["市科创局", "各区人民政府"]), (["市经信局"], ["市经信局"])],
    "四": [
        (["市人社局"], ["市人社局"]),
        (["市人才工作局"], ["市人才工作局"]),
        (["市教育局"], ["市教育局", "市人社局"]),
        (["市住房和城市更新局"], ["市住房和城市更新局", "市人才工作局", "市财政局", "团市委", "各区人民政府"]),
    ],
    "五": [(["市科创局"], ["市科创局", "各区人民政府"])],
    "六": [(["市人才工作局"], ["市人才工作局"]), (["各区人民政府"], ["各区人民政府"])],
    "七": [(["市科创局"], ["市科创局", "武汉投控集团"])],
    "八": [
        (["市经信局"], ["市经信局", "市发改委", "市政府国资委", "武汉投控集团"]),
        (["各区人民政府"], ["各区人民政府"]),
        (["市科创局"], ["市科创局", "各区人民政府"]),
        (["市经信局"], ["市经信局"]),
    ],
    "九": [
        (["市财政局"], ["市财政局", "武汉投控集团", "武汉金控集团"]),
        (["市科创局"], ["市科创局", "市委金融办"]),
        (["市科创局"], ["市科创局", "市委金融办", "市财政局"]),
        (["市人社局"], ["市人社局", "市财政局", "团市委"]),
    ],
    "十": [
        (["市科创局"], ["市科创局", "市人才工作局", "武汉投控集团", "武汉金控集团", "各区人民政府"]),
        (["各区人民政府"], ["各区人民政府"]),
    ],
}


def test_wuhan_title_doc_number_and_date():
    d = doc(WUHAN)
    assert d.title == "武汉市人民政府关于印发武汉市支持人工智能OPC创新发展若干措施的通知（武政规〔2026〕4号）"
    assert d.doc_number == "武政规〔2026〕4号"
    assert d.date == "2026年2月13日"


def test_wuhan_is_preamble_ten_measures_and_the_implementation_note():
    assert locators(WUHAN) == ["前言", *WH_TITLES, "施行说明"]
    assert [c.kind for c in doc(WUHAN).clauses] == ["preamble"] + ["clause"] * 10 + ["note"]


def test_wuhan_preamble_holds_the_notice_and_the_purpose_sentence():
    c = clause(WUHAN, "前言")
    assert c.text.split("\n") == source_lines(WUHAN)[1:8]
    assert c.text.startswith("武政规〔2026〕4号\n各区人民政府,市人民政府各部门：")
    assert c.text.endswith("加快打造国家科技创新中心,制定本措施。")
    assert (c.lead, c.responsible) == ([], [])


def test_wuhan_measure_titles_and_paths():
    for locator, title in WH_TITLES.items():
        c = clause(WUHAN, locator)
        assert c.title == title, locator
        assert c.path == [f"{locator}、{title}"], locator
        assert c.text.startswith(f"{locator}、{title}。"), locator


def test_wuhan_implementation_note_is_its_own_clause():
    c = clause(WUHAN, "施行说明")
    assert c.path == ["施行说明"]
    assert c.title == "施行说明"
    assert c.text == "施行说明：本措施自2026年3月18日起施行,有效期至2028年12月31日。"
    assert "施行说明" not in clause(WUHAN, "十").text


def test_measure_1_has_two_duties_and_drops_the_development_zone_remark():
    c = clause(WUHAN, "一")
    assert len(c.duties) == 2
    first, second = c.duties
    assert (first.lead, first.responsible) == (["市数据局"], ["市数据局", "市经信局"])
    assert first.text.endswith("补助期限不超过3年。（责任单位：市数据局、市经信局）")
    assert (second.lead, second.responsible) == (["各区人民政府"], ["各区人民政府"])
    assert second.text.startswith("各区在OPC生态社区集聚一批智能算力服务商")
    assert c.lead == ["市数据局"]
    assert c.responsible == ["市数据局", "市经信局", "各区人民政府"]
    assert not any("含" in u or "下同" in u or "管委会" in u for u in c.units)
    assert c.aliases == {}


def test_measure_2_second_duty_is_the_cyberspace_office():
    c = clause(WUHAN, "二")
    assert [d.responsible for d in c.duties] == [["市数据局"], ["市委网信办"]]
    assert c.duties[1].text == "开辟国际数据通道,为OPC生态社区开设国际互联网数据专用通道,支持OPC便利化获取全球数据资源。（责任单位：市委网信办）"
    assert c.responsible == ["市数据局", "市委网信办"]


def test_measure_4_ascii_comma_separated_units_are_split():
    c = clause(WUHAN, "四")
    assert c.duties[3].responsible == ["市住房和城市更新局", "市人才工作局", "市财政局", "团市委", "各区人民政府"]
    assert c.lead == ["市人社局"]
    assert c.responsible == ["市人社局", "市人才工作局", "市教育局", "市住房和城市更新局", "市财政局", "团市委", "各区人民政府"]
    assert not any("," in u or "，" in u for c2 in doc(WUHAN).clauses for u in c2.units)


def test_every_wuhan_note_starts_a_duty_over_the_sentences_before_it():
    for locator, expected in WH_DUTIES.items():
        c = clause(WUHAN, locator)
        assert [(d.lead, d.responsible) for d in c.duties] == expected, locator
        assert "".join(d.text for d in c.duties) == c.text, locator
        assert all(d.text.endswith("）") for d in c.duties), locator


def test_wuhan_clause_lead_is_the_first_duty_lead():
    for locator, expected in WH_DUTIES.items():
        assert clause(WUHAN, locator).lead == expected[0][0], locator


def test_wuhan_measure_targets():
    assert phrases(clause(WUHAN, "一")) == [
        (50, "%", "", "当年支持周期内使用算力服务费用的50%"),
        (20, "万元", "最高", "给予最高20万元"),
        (3, "年", "不超过", "补助期限不超过3年"),  # periods are targets too
        (2000, "卡时", "不少于", "每年为每家OPC提供不少于2000卡时"),
    ]
    assert phrases(clause(WUHAN, "二")) == [(200, "万元", "最高", "对经认定符合要求的单位给予最高200万元")]
    assert targets(clause(WUHAN, "九"))[:2] == [("单笔贷款", 1000, "万元", "最高"), ("风险补偿", 80, "%", "最高")]
    assert targets(clause(WUHAN, "五")) == [("依规给予OPC生态社区", 500, "万元", "最高")]


def test_wuhan_measure_4_money_and_days():
    values = [(t.value, t.unit, t.qualifier) for t in clause(WUHAN, "四").targets]
    assert values == [
        (50, "场", "不少于"),
        (2, "年", "以上"),  # 2年以上研发经历
        (100, "万元", ""),
        (50, "万元", ""),
        (20, "万元", ""),
        (15, "天", "最长"),
        (2, "年", ""),  # 给予2年…免租优惠
        (2000, "元", "不超过"),
        (70, "%", ""),
        (1000, "元", ""),
        (10, "万元", "最高"),
    ]


@pytest.mark.xfail(
    reason="parser bug: in '分别给予100万元、50万元、20万元资助' the middle amount gets an empty subject",
    strict=True,
)
def test_wuhan_targets_all_have_a_subject():
    assert [(c.locator, t.text) for c in doc(WUHAN).clauses for t in c.targets if not t.subject] == []


@pytest.mark.xfail(
    reason="parser bug: '全市每年挖掘不少于100个OPC典型应用场景' takes the verb phrase 全市每年挖掘 as subject",
    strict=True,
)
def test_measure_8_hundred_scenarios_subject_is_the_scenarios():
    assert targets(clause(WUHAN, "八"))[0] == ("OPC典型应用场景", 100, "个", "不少于")


@pytest.mark.xfail(
    reason="parser bug: '不少于50个技术前沿、模式新颖、潜力巨大的标杆项目' takes the first attribute 技术前沿 as subject",
    strict=True,
)
def test_measure_10_fifty_flagship_projects_subject_is_the_projects():
    assert targets(clause(WUHAN, "十")) == [("标杆项目", 50, "个", "不少于")]


# =====================================================================================
# Responsibility notes: the issue's example
# =====================================================================================


def test_parse_note_reads_lead_and_responsible_units_of_the_issue_example():
    lead, responsible, aliases = parse_note("牵头单位：市数据局，责任单位：市委宣传部（网信办）、市科技局、市工信局")
    assert lead == ["市数据局"]
    assert responsible == ["市委宣传部（网信办）", "市科技局", "市工信局"]
    assert aliases == {}


def test_bracketed_issue_example_in_a_clause_gives_one_duty_with_explicit_lead():
    text = "1.加强数据安全。开展数据安全宣传。（牵头单位：市数据局，责任单位：市委宣传部（网信办）、市科技局、市工信局）"
    (c,) = parse_clauses(text)
    assert c.lead == ["市数据局"]
    assert c.responsible == ["市委宣传部（网信办）", "市科技局", "市工信局"]
    assert c.units == ["市数据局", "市委宣传部（网信办）", "市科技局", "市工信局"]


# =====================================================================================
# Numbering forms on small inline texts
# =====================================================================================

LAW = """某市数据管理办法
第一章 总则
第一条 立法目的。为了规范数据管理，促进数据开发利用，制定本办法。
第二章 数据采集
第一节 一般规定
第十二条 采集原则。数据采集应当遵循合法、正当、必要的原则。（责任单位：市数据局）
第二节 公共数据
第二十条 共享原则。公共数据以共享为原则，不共享为例外。"""


def test_chapters_sections_and_articles_locate_by_article_number():
    d = parse_text(LAW, "law.txt")
    assert d.title == "某市数据管理办法"
    assert [c.locator for c in d.clauses] == ["第一条", "第十二条", "第二十条"]
    twelve = d.clauses[1]
    assert twelve.title == "采集原则"
    assert twelve.path == ["第二章 数据采集", "第一节 一般规定", "第十二条 采集原则"]
    assert twelve.text == "第十二条 采集原则。数据采集应当遵循合法、正当、必要的原则。（责任单位：市数据局）"
    assert (twelve.lead, twelve.responsible) == (["市数据局"], ["市数据局"])
    assert d.clauses[0].path == ["第一章 总则", "第一条 立法目的"]
    assert d.clauses[2].path == ["第二章 数据采集", "第二节 公共数据", "第二十条 共享原则"]


def test_an_article_without_a_title_is_named_by_its_opening_words():
    (c,) = parse_clauses("第十二条 数据处理者应当建立数据安全管理制度，定期开展风险评估。")
    assert c.locator == "第十二条"
    assert c.title == "数据处理者应当建立数据安全管理制度"
    assert c.path == ["第十二条 数据处理者应当建立数据安全管理制度"]


def test_short_one_sentence_articles_are_clauses():
    text = "第一条 本办法适用于本市行政区域内的数据管理活动。\n第二条 数据处理者应当建立数据安全管理制度。"
    assert [c.locator for c in parse_clauses(text)] == ["第一条", "第二条"]


def test_a_text_of_short_articles_parses_without_error():
    text = "第一条 本办法适用于本市行政区域内的数据管理活动。\n第二条 数据处理者应当建立数据安全管理制度。"
    try:
        d = parse_text(text, "short.txt")
    except LoadError as exc:
        pytest.fail(f"LoadError: {exc}")
    assert len(d.clauses) == 2


ITEMS = """一、支持措施
（一）资金支持
(1)新认定奖励。对新认定的企业给予最高50万元奖励。
（2）续认定奖励。对续认定的企业给予最高20万元奖励。（责任单位：市科技局、市财政局）
(二)场地支持
1、办公场地。提供免费办公场地不超过200平方米。
2、人才公寓。提供人才公寓100套。
3．租金补贴。按照实际租金给予补贴，每年最高10万元。"""


def test_half_and_full_width_parenthesised_sub_items_are_clauses():
    clauses = parse_clauses(ITEMS)
    one, two = clauses[0], clauses[1]
    assert (one.locator, one.title) == ("一(一)(1)", "新认定奖励")
    assert one.path == ["一、支持措施", "（一）资金支持", "(1)新认定奖励"]
    assert (two.locator, two.title) == ("一(一)(2)", "续认定奖励")
    assert two.path == ["一、支持措施", "（一）资金支持", "（2）续认定奖励"]
    assert (two.lead, two.responsible) == (["市科技局"], ["市科技局", "市财政局"])
    assert targets(one) == [("新认定的企业", 50, "万元", "最高")]


def test_enumeration_comma_and_full_width_point_items_are_clauses():
    clauses = parse_clauses(ITEMS)
    assert [c.locator for c in clauses] == ["一(一)(1)", "一(一)(2)", "一(二)1", "一(二)2", "一(二)3"]
    assert [c.path[-1] for c in clauses[2:]] == ["1、办公场地", "2、人才公寓", "3．租金补贴"]
    assert [c.title for c in clauses[2:]] == ["办公场地", "人才公寓", "租金补贴"]
    assert clauses[2].path[:2] == ["一、支持措施", "(二)场地支持"]
    assert targets(clauses[2]) == [("提供免费办公场地", 200, "平方米", "不超过")]


def test_item_numbering_restarts_under_each_part():
    text = "一、第一部分\n1.甲项。正文甲。\n2.乙项。正文乙。\n二、第二部分\n1.丙项。正文丙。"
    assert [c.locator for c in parse_clauses(text)] == ["一1", "一2", "二1"]


def test_untitled_one_sentence_items_and_sub_items_are_clauses():
    text = (
        "一、支持措施\n（一）资金支持\n(1)对新认定的企业给予最高50万元奖励。\n（2）对续认定的企业给予最高20万元奖励。\n"
        "(二)场地支持\n1、提供免费办公场地不超过200平方米。\n2．提供人才公寓100套。"
    )
    assert [c.locator for c in parse_clauses(text)] == ["一(一)(1)", "一(一)(2)", "一(二)1", "一(二)2"]


def test_question_and_answer_pairs_are_numbered_questions():
    text = "问：什么是OPC？\n答：OPC是人工智能协同的一人公司。\n问：如何申请算力券？\n答：通过市经信局平台在线申请。"
    clauses = parse_clauses(text)
    assert [c.locator for c in clauses] == ["问1", "问2"]
    assert all(c.kind == "qa" for c in clauses)
    assert [c.title for c in clauses] == ["什么是OPC？", "如何申请算力券？"]
    assert clauses[0].text == "问：什么是OPC？\n答：OPC是人工智能协同的一人公司。"
    assert clauses[1].path == ["问：如何申请算力券？"]


def test_numbered_questions_ending_in_question_marks_make_a_qa_document():
    text = "1.什么是OPC？\nOPC是一人公司。\n2.如何申请算力券？\n在线申请。\n3.补贴最高多少？\n最高20万元。"
    clauses = parse_clauses(text)
    assert [c.locator for c in clauses] == ["问1", "问2", "问3"]
    assert all(c.kind == "qa" for c in clauses)
    assert clauses[1].title == "如何申请算力券？"
    assert clauses[2].text == "3.补贴最高多少？\n最高20万元。"


def test_chinese_numbered_questions_are_numbered_as_questions():
    text = "一、什么是OPC？\nOPC是一人公司。\n二、如何申请？\n在线申请。"
    assert [(c.locator, c.kind) for c in parse_clauses(text)] == [("问1", "qa"), ("问2", "qa")]


def test_table_rows_stay_in_the_clause_that_introduces_them():
    text = "一、补贴标准\n下表列出补贴标准：\n类别 | 标准 | 上限\n1 | 新认定 | 50万元\n2. 续认定 | 按年度 | 20万元\n二、申报程序\n企业在线申报。"
    clauses = parse_clauses(text)
    assert [c.locator for c in clauses] == ["一", "二"]
    assert clauses[0].text == "一、补贴标准\n下表列出补贴标准：\n类别 | 标准 | 上限\n1 | 新认定 | 50万元\n2. 续认定 | 按年度 | 20万元"
    assert clauses[1].text == "二、申报程序\n企业在线申报。"


# --- numbering families nest as the document nests them ----------------------------------------------

import itertools as _itertools

ARTICLE_TITLES = ["（支持范围）", "（奖励标准）", " 申报程序", ""]
SUB_FAMILIES = [("（{}）", "一二三"), ("({})", "一二三"), ("{}.", "123"), ("{}、", "123")]


@pytest.mark.parametrize("title,family", list(_itertools.product(ARTICLE_TITLES, SUB_FAMILIES)))
def test_items_restarting_under_articles_belong_to_their_article(title, family):
    pattern, labels = family
    lines = ["某某办法"]
    for article in ("第三条", "第四条"):
        lines.append(f"{article}{title}")
        lines += [f"{pattern.format(n)}对符合条件的项目给予奖励，具体标准另行规定。" for n in labels[:2]]
    locators = [c.locator for c in parse_clauses("\n".join(lines), "某某办法")]
    first, second = (pattern.format(n) if pattern.startswith(("（", "(")) else n for n in labels[:2])
    norm = lambda s: s.replace("（", "(").replace("）", ")")
    assert locators == [f"第三条{norm(first)}", f"第三条{norm(second)}", f"第四条{norm(first)}", f"第四条{norm(second)}"]


@pytest.mark.parametrize("lead_in,family", list(_itertools.product(
    ["第六条 个人缴费费率按年龄分段确定：", "第五条 企业培育。对符合条件的企业给予以下支持:", "第二条 支持标准如下："], SUB_FAMILIES)))
def test_one_article_introducing_the_items_below_it_holds_them(lead_in, family):
    pattern, labels = family
    article = lead_in.split(" ")[0]
    lines = ["某某办法", "第一条 为规范管理，制定本办法。", lead_in]
    lines += [f"{pattern.format(n)}对符合条件的项目给予奖励，具体标准另行规定。" for n in labels]
    lines += ["第九条 本办法自印发之日起施行。"]
    clauses = parse_clauses("\n".join(lines), "某某办法")
    norm = lambda s: s.replace("（", "(").replace("）", ")")
    items = [f"{article}{norm(pattern.format(n)) if pattern.startswith(('（', '(')) else n}" for n in labels]
    assert [c.locator for c in clauses if c.locator not in ("第一条", article)] == items + ["第九条"]
    assert all(c.path[0].startswith(article) for c in clauses if c.locator in items)  # under the article's heading


def test_articles_without_restarting_items_stay_leaves_under_parts():
    text = "一、总则\n第一条 为规范管理，制定本办法。\n第二条 本办法适用于全市。\n二、附则\n第三条 本办法自印发之日起施行。"
    assert [c.locator for c in parse_clauses(text)] == ["第一条", "第二条", "第三条"]


@pytest.mark.parametrize("label,number", [("一", 1), ("十", 10), ("十二", 12), ("二十四", 24), ("一百零三", 103), ("百", "百")])
def test_chinese_numerals_are_read_by_cn2an(label, number):
    from ingest.structure import _cn_to_int

    assert _cn_to_int(label) == number


def test_every_shared_document_parses_as_its_snapshot():
    """Clause count, locators, units per duty, place and period of all 16 shared documents, pinned.
    After a deliberate parser change: python tests/make_parse_snapshots.py, read the diff, commit it."""
    import json

    from tests.make_parse_snapshots import SNAPSHOTS, all_snapshots

    expected = json.loads(SNAPSHOTS.read_text(encoding="utf-8"))
    actual = all_snapshots()
    assert sorted(actual) == sorted(expected)
    for name in expected:
        assert actual[name] == expected[name], name


@pytest.mark.parametrize("bullet", ["◆", "●", "■", "★", "▲"])
def test_a_bullet_label_over_numbered_items_groups_them_without_changing_their_locators(bullet):
    text = (f"关于申报的通知\n三、申报材料\n{bullet}基础材料（必要）\n1．申请表；\n2．营业执照复印件。\n"
            f"{bullet}专项材料\n（一）总部事项\n1．相关证明材料。\n四、材料提交\n请发送至邮箱。")
    clauses = parse_clauses(text, "关于申报的通知")
    by_locator = {c.locator: c for c in clauses}
    assert list(by_locator) == ["三1", "三2", "三(一)1", "四"]
    assert by_locator["三2"].path == ["三、申报材料", f"{bullet}基础材料（必要）", "2．营业执照复印件。"]
    assert by_locator["三(一)1"].path[:3] == ["三、申报材料", f"{bullet}专项材料", "（一）总部事项"]
    assert "专项材料" not in by_locator["三2"].text  # the next label is no part of the item before it


@pytest.mark.parametrize("line", ["◆对符合条件的企业给予奖励。", "● 支持企业开展研发，按投入的10%给予补助；"])
def test_a_bullet_sentence_is_body_not_a_label(line):
    clauses = parse_clauses(f"通知\n一、支持措施\n{line}\n1．第一项措施。", "通知")
    assert clauses[0].locator == "一" and line.strip() in clauses[0].text


@pytest.mark.parametrize("label", ["联系方式", "咨询电话", "联系电话", "联系人"])
def test_a_contact_line_between_numbered_items_belongs_to_the_item_above(label):
    text = (f"政策清单\n一、算力补贴。按费用的20%给予补贴。\n政策咨询：市工信局\n{label}：85913081\n"
            f"二、模型券。给予最高50万元奖补。\n{label}：85916712\n三、附则。本清单自发布之日起实施。\n{label}：王五 12345678\n"
            "联系电话：0532-1234567")
    clauses = {c.locator: c for c in parse_clauses(text, "政策清单")}
    assert clauses["一"].text.endswith(f"{label}：85913081") and clauses["二"].text.endswith(f"{label}：85916712")
    assert clauses[label].text == f"{label}：王五 12345678\n联系电话：0532-1234567"  # after the last item: the document's


@pytest.mark.parametrize("first", ["1．展会/活动邀请函", "1．申请表", "1、营业执照复印件"])
def test_a_short_unpunctuated_item_among_items_is_a_clause(first):
    text = f"申报指南\n三、申报材料\n（四）国际市场开拓\n{first}\n2．参展证明（包括参展照片等）；\n3．其他相关材料。\n四、附则\n本指南自发布之日起施行。"
    locators = [c.locator for c in parse_clauses(text, "申报指南")]
    assert locators[:3] == ["三(四)1", "三(四)2", "三(四)3"]


def test_a_lone_short_heading_with_nothing_under_it_is_still_no_clause():
    text = "通知\n一、总体要求\n二、主要任务\n（一）推进研发。加大投入。\n"
    assert [c.locator for c in parse_clauses(text, "通知")] == ["二(一)"]


@pytest.mark.parametrize("lead", ["政策咨询：市科技局高新处", "咨询单位：市人社局就业处", "受理部门：区商务委"])
@pytest.mark.parametrize("label", ["联系方式", "咨询电话", "联系电话"])
def test_the_last_items_contact_after_whom_to_ask_belongs_to_the_item(lead, label):
    """"十二、…\\n政策咨询：市科技局…\\n联系方式：85911985\\n政策具体实施期限…": the last item's number goes with the office
    named just above it, not into a document-wide contacts clause of its own."""
    text = (f"政策清单\n一、算力补贴。按费用的20%给予补贴。\n政策咨询：市工信局\n联系方式：85913081\n"
            f"二、高企奖补。给予最高10万元奖补。\n{lead}\n{label}：85911985\n政策具体实施期限按照相关规定执行。")
    clauses = {c.locator: c for c in parse_clauses(text, "政策清单")}
    assert f"{lead}\n{label}：85911985" in clauses["二"].text and label not in clauses


@pytest.mark.parametrize("text, range_start, value, unit", [
    ("可按规定享受1～3个月的长护险待遇", "1～", 3, "个月"), ("给予10-20万元补贴", "10-", 20, "万元"),
    ("期限3至5年", "3至", 5, "年"), ("提供2到4名导师", "2到", 4, "名"), ("享受5年", "", 5, "年"),
])
def test_a_target_ending_a_range_keeps_the_range_start(text, range_start, value, unit):
    from ingest.targets import extract_targets

    [target] = extract_targets(text)
    assert (target.range_start, target.value, target.unit) == (range_start, value, unit)


def test_a_figure_ending_the_text_is_a_target():
    from ingest.targets import extract_targets

    assert [(t.value, t.unit) for t in extract_targets("补贴期限为3年")] == [(3, "年")]


@pytest.mark.parametrize("text, subject, qualifier, per, value, unit", [
    ("按照每平方米1000元给予最高10万元购房补贴", "购房补贴", "", "每平方米", 1000, "元"),
    ("给予每人每月3000元实习补贴", "实习补贴", "", "每人每月", 3000, "元"),
    ("每人分摊的额度不能超过每月1000元", "每人分摊的额度", "不超过", "每月", 1000, "元"),
    ("按每千瓦200元给予奖励", "奖励", "", "每千瓦", 200, "元"),
    ("运营补贴最高每家50万元", "运营补贴", "最高", "每家", 50, "万元"),
])
def test_what_a_figure_is_per_belongs_to_the_figure_not_its_subject(text, subject, qualifier, per, value, unit):
    from ingest.targets import extract_targets

    target = extract_targets(text)[0]
    assert (target.subject, target.qualifier, target.per, target.value, target.unit) == (subject, qualifier, per, value, unit)
