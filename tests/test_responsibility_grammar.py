"""Responsibility notes whose verbs give the roles, and table rows that carry their header."""

import itertools

import pytest

from ingest.tables import label_rows
from ingest.units import parse_responsibilities

LEADS = [["省发展改革委"], ["广东金融监管局", "深圳金融监管局"], ["生态环境部"]]
OTHERS = [["省财政厅"], ["市科技局", "各地级以上市人民政府"], ["供销合作总社"], ["市工信局产业发展处", "市招商引资工作专班"],
          ["市推进工作领导小组"]]  # bodies named …社, …处, …专班, …小组 too
LEAD_VERBS = ["牵头负责", "牵头", "指导", "主管"]
OTHER_VERBS = ["配合", "参与", "协助", "负责落实"]
BRACKETS = [("（", "）"), ("(", ")"), ("〔", "〕")]
SEPARATORS = ["，", "；", ","]


@pytest.mark.parametrize("lead,others,lead_verb,other_verb,brackets,separator", list(itertools.islice(
    itertools.product(LEADS, OTHERS, LEAD_VERBS, OTHER_VERBS, BRACKETS, SEPARATORS), 0, None, 7)))
def test_a_verb_note_names_the_lead_and_the_others(lead, others, lead_verb, other_verb, brackets, separator):
    note = f"{brackets[0]}{'、'.join(lead)}{lead_verb}{separator}{'、'.join(others)}{other_verb}{brackets[1]}"
    parsed = parse_responsibilities(f"推进示范应用。{note}")
    assert parsed.lead == lead
    assert [u for u in parsed.responsible if u not in lead] == others


def test_bodies_before_a_comma_share_the_next_verb():
    parsed = parse_responsibilities("（省发展改革委牵头负责，省工业和信息化厅、财政厅，各地级以上市人民政府配合）")
    assert parsed.lead == ["省发展改革委"]
    assert parsed.responsible == ["省工业和信息化厅", "财政厅", "各地级以上市人民政府"]


@pytest.mark.parametrize("text", ["（详见附件）", "（以下简称OPC）", "（含开发区，下同）", "（市局配合，见下文）"])
def test_a_bracket_that_is_no_note_names_nobody(text):
    parsed = parse_responsibilities(f"推进工作{text}。")
    assert parsed.lead == [] and parsed.responsible == []


@pytest.mark.parametrize("column", ["指导部门", "牵头单位", "责任单位", "主管部门"])
def test_a_table_row_carries_its_header_and_its_units(column):
    text = "\n".join([f"序号 | 重点任务 | {column} | 完成时限", "一、第一部分",
                      "1 | 建设算力平台 | 市科技局、市财政局 | 2026年底", "2 | 开放数据 | 市数据局 | 2027年"])
    lines = label_rows(text).split("\n")
    assert lines[2] == f"1 | 重点任务：建设算力平台 | 完成时限：2026年底（{column}：市科技局、市财政局）"
    assert parse_responsibilities(lines[3]).lead == ["市数据局"]


def test_rows_with_another_number_of_cells_are_left_alone():
    text = "甲 | 乙 | 丙\n1 | 2"
    assert label_rows(text) == text


@pytest.mark.parametrize("label,lead", [("责任单位", ["市发展改革委"]), ("责任部门", ["市发展改革委"]), ("配合单位", ["市发展改革委"]),
                                        ("牵头单位", ["市发展改革委", "市科技局", "各开发区管委会"])])
def test_a_label_line_of_its_own_after_a_measure_is_a_note(label, lead):
    parsed = parse_responsibilities(f"15．建立智库支撑体系。依托高校开展研究。\n{label}：市发展改革委、市科技局，各开发区管委会")
    assert parsed.lead == lead
    assert set(parsed.lead + parsed.responsible) == {"市发展改革委", "市科技局", "各开发区管委会"}


@pytest.mark.parametrize("rule,lead,how", [
    ("各项任务第一个逗号前的单位为牵头单位，下同。", ["市科技局", "市财政局"], "convention"),
    ("", ["市科技局"], "order"),
])
def test_a_document_rule_decides_who_leads(rule, lead, how):
    from ingest.structure import parse_clauses

    text = f"某某方案\n{rule}\n一、推进工作\n1.推进创新。（责任单位：市科技局、市财政局，市人社局）\n2.推进开放。"
    clause = next(c for c in parse_clauses(text, "某某方案") if c.locator == "一1")
    assert (clause.lead, clause.lead_stated) == (lead, how)


def test_a_stated_lead_says_so():
    assert parse_responsibilities("（牵头单位：市科技局，配合单位：市财政局）").lead_stated == "stated"
    assert parse_responsibilities("（市科技局牵头，市财政局配合）").lead_stated == "stated"


def test_each_table_row_is_a_responsibility_row_named_by_its_task():
    from ingest.pipeline import parse_text
    from vectorstore.records import duty_title

    text = "某某通知\n一、重点任务\n序号 | 重点任务 | 牵头单位 | 配合单位\n1 | 建设算力平台 | 市科技局 | 市财政局\n2 | 开放公共数据 | 市数据局 | 市网信办"
    clause = parse_text(text, "t.txt").clauses[0]
    assert [(duty_title(d.text), d.lead, d.responsible) for d in clause.duties] == [
        ("1. 建设算力平台", ["市科技局"], ["市财政局"]), ("2. 开放公共数据", ["市数据局"], ["市网信办"])]


@pytest.mark.parametrize("listed,names", [
    ("广州、深圳市政府", ["广州市政府", "深圳市政府"]),
    ("杭州、宁波市人民政府", ["杭州市人民政府", "宁波市人民政府"]),
    ("江苏、浙江省人民政府", ["江苏省人民政府", "浙江省人民政府"]),
    ("市科技局、市财政局", ["市科技局", "市财政局"]),
])
def test_place_names_before_a_body_share_its_head(listed, names):
    from ingest.units import split_units

    assert split_units(listed)[0] == names


def test_bodies_responsible_by_their_duties_are_all_named():
    parsed = parse_responsibilities("（广州、深圳市政府，横琴粤澳深度合作区执委会按职责分工负责）")
    assert parsed.lead + [u for u in parsed.responsible if u not in parsed.lead] == ["广州市政府", "深圳市政府", "横琴粤澳深度合作区执委会"]


@pytest.mark.parametrize("text,lead,role", [
    ("| 推广范围：8个改革试验区域（指导部门：中国证监会）", ["中国证监会"], "指导"),
    ("建立回收平台。（生态环境部指导，试点城市政府负责落实）", ["生态环境部"], "指导"),
    ("（主管部门：市商务局；配合单位：市财政局）", ["市商务局"], "主管"),
    ("（牵头单位：市科技局；责任单位：市财政局）", ["市科技局"], "牵头"),
    ("（市工信局牵头，市财政局配合）", ["市工信局"], "牵头"),
    ("（责任单位：市教育局、市人社局）", ["市教育局"], "牵头"),
    ("没有注明责任单位的条款。", ["市科技局"], "牵头"),
])
def test_the_role_of_a_lead_is_named_as_the_text_words_it(text, lead, role):
    """A table's 指导部门 column or a note's …指导 makes a lead that guides: an answer says 指导, not 牵头."""
    from ingest.units import lead_role

    assert lead_role(text, lead) == role
