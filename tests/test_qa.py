"""The QA chain on the bundled documents: cited answers, refusals, follow-ups, drafts."""

from __future__ import annotations

import pytest

from qa.chain import ask
from qa.citations import check
from qa.draft import draft
from qa.model import Citation
from settings import Settings
from tests.conftest import REFERENCE_PLAN, knowledge_base_of
from vectorstore.knowledge_base import KnowledgeBase
from vectorstore.records import Hit

PLAN = REFERENCE_PLAN.name


def test_design_card_question_in_english_names_the_lead_then_the_finance_bureau(bundled_kb):
    answer = ask(bundled_kb, "Who leads the first-set equipment task?")
    assert not answer.refused
    assert (answer.intent, answer.language) == ("who", "en")
    assert answer.lead == ["市工业和信息化局"] and answer.responsible == ["市财政局"]
    assert answer.answer.startswith(
        "Led by the Municipal Bureau of Industry and Information Technology (市工业和信息化局), "
        "with the Municipal Finance Bureau (市财政局) [1]."
    )
    assert [(c.n, c.source, c.locator, c.title) for c in answer.citations] == [(1, PLAN, "二(二)6", "加快新产品推广应用")]
    assert "(责任单位:市工业和信息化局、市财政局)" in answer.citations[0].quote


def test_design_card_question_in_chinese(bundled_kb):
    answer = ask(bundled_kb, "首台（套）重大技术装备推广这项任务由哪个部门牵头？")
    assert answer.answer.startswith("市工业和信息化局牵头，市财政局共同负责[1]。")
    assert answer.citations[0].locator == "二(二)6"


def test_target_question_gives_the_number_with_its_unit(bundled_kb):
    answer = ask(bundled_kb, "枣庄今年科技型中小企业要达到多少家？")
    assert answer.intent == "target"
    assert answer.answer.startswith("科技型中小企业：700家[1]。")
    assert answer.citations[0].locator in {"一", "二(四)11"}


def test_aggregate_question_lists_the_seven_finance_bureau_clauses_of_the_plan(bundled_kb):
    answer = ask(bundled_kb, "在枣庄的计划里，市财政局负责哪些任务？")
    assert answer.intent == "aggregate"
    assert [c.locator for c in answer.citations] == ["二(二)5", "二(二)6", "二(三)10", "二(四)13", "二(五)14", "二(五)16", "三(二)"]
    assert answer.answer.splitlines()[0] == "市财政局被列为牵头或责任单位的条款共7条："


def test_english_aggregate_question(bundled_kb):
    answer = ask(bundled_kb, "In Zaozhuang's plan, which tasks is the Municipal Finance Bureau responsible for?")
    assert answer.intent == "aggregate" and len(answer.citations) == 7
    assert answer.answer.startswith("The Municipal Finance Bureau (市财政局) is named in 7 clause(s):")


def test_an_aggregate_answer_quotes_each_clause_whole_as_the_task_table_shows_it(bundled_kb):
    answer = ask(bundled_kb, "在枣庄的计划里，市财政局负责哪些任务？")
    table = {(r["doc_id"], r["clause_locator"]): r["text"] for r in bundled_kb.tasks(unit="市财政局")}
    assert len(answer.citations) == 7
    assert [c.quote for c in answer.citations] == [table[(c.doc_id, c.locator)] for c in answer.citations]


def test_the_responsibility_rows_the_chain_keeps_hold_only_what_questions_read_with_shared_strings(bundled_kb):
    from qa.chain import facts_for

    rows = facts_for(bundled_kb).rows
    assert {frozenset(r) for r in rows} == {frozenset({"doc_id", "doc_title", "locator", "clause_locator", "title",
                                                       "lead", "responsible"})}
    finance = [u for r in rows for u in r["lead"] + r["responsible"] if u == "市财政局"]
    assert len({r["doc_id"] for r in rows if "市财政局" in r["lead"] + r["responsible"]}) > 1
    assert all(u is finance[0] for u in finance)  # one string, not one per clause or document


def test_a_topic_no_document_covers_is_refused_with_the_closest_clauses(bundled_kb):
    answer = ask(bundled_kb, "What does the plan say about space tourism?")
    assert answer.refused and not answer.citations
    assert answer.answer == "The documents don't say. The closest clauses are listed below for reference."
    assert len(answer.closest) == 3


def test_a_city_no_document_covers_is_refused_not_answered_from_another_city(bundled_kb):
    answer = ask(bundled_kb, "南京市的研发补贴标准是多少？")
    assert answer.refused
    assert answer.answer == "知识库中没有关于南京的政策文件，无法回答。"


def test_a_named_city_scopes_the_answer_to_its_document(bundled_kb):
    answer = ask(bundled_kb, "武汉对OPC使用算力服务的费用补助上限是多少？")
    assert not answer.refused
    assert "20万元" in answer.answer
    assert answer.citations[0].source == "wuhan_aiopc_measures_2026.txt"


def test_the_citation_check_rejects_a_name_no_cited_clause_contains(bundled_kb):
    citation = Citation(n=1, doc_title="t", source=PLAN, locator="二(二)6", title="加快新产品推广应用",
                        quote="(责任单位:市工业和信息化局、市财政局)", score=1.0)
    assert check("市工业和信息化局牵头，市财政局共同负责[1]。", [citation]) == []
    assert check("市科技局牵头[1]。", [citation]) == ["not in any cited clause: 市科技局"]
    assert check("新增10项以上[1]。", [citation]) == ["not in any cited clause: 10项"]
    assert check("市财政局负责[2]。", [citation]) == ["cites [2], which does not exist"]


def test_every_returned_answer_passes_the_citation_check(bundled_kb):
    for question in ["Who leads the first-set equipment task?", "科技型中小企业的目标是多少家？", "杭州的OPC基金总规模目标是多少？",
                     "武汉“算力贷”单笔贷款最高额度是多少？", "羊城企业家培养项目由哪个单位牵头？"]:
        answer = ask(bundled_kb, question)
        assert not answer.refused, question
        assert check(answer.answer, answer.citations) == [], question


def test_follow_up_questions_resolve_against_the_previous_turn(bundled_kb):
    first = ask(bundled_kb, "谁负责首台套装备推广？")
    follow_up = ask(bundled_kb, "那目标是多少？", history=[{"question": first.question, "answer": first.answer}])
    assert follow_up.answer.startswith("新增省级首台(套)产品：10项以上[1]。")
    english = ask(bundled_kb, "And what is the target?", history=[{"question": "Who leads the first-set equipment task?"}])
    assert english.answer.startswith("10 items or more (10项以上) — 新增省级首台(套)产品 [1].")


def test_empty_question_is_a_clear_error(bundled_kb):
    with pytest.raises(ValueError, match="empty"):
        ask(bundled_kb, "   ")


def test_draft_reply_answers_point_by_point_and_cites_the_clause(bundled_kb):
    result = draft(bundled_kb, "您好，我公司在枣庄。请问首台套装备推广由哪个部门负责？南京有没有类似政策？")
    lines = result.answer.splitlines()
    assert lines[0] == "贵单位：" and lines[2] == "来函收悉。经认真研究，现就所询问题答复如下："
    assert lines[3].startswith("一、关于“首台套装备推广由哪个部门负责”的问题。市工业和信息化局牵头，市财政局共同负责[1]。")
    assert "《枣庄市“十大创新”2022年行动计划科技研发创新2022年行动计划》二(二)6" in lines[3]
    assert any("现有政策文件未作规定" in line and "南京" in line for line in lines)
    assert "特此函复。" in lines
    assert [c.locator for c in result.citations] == ["二(二)6"]


def test_english_inquiry_gets_an_english_draft(bundled_kb):
    result = draft(bundled_kb, "Who leads the first-set equipment task in Zaozhuang?")
    assert result.answer.startswith("Dear Sir or Madam,")
    assert "(市工业和信息化局)" in result.answer and result.citations[0].locator == "二(二)6"


def test_cli_batch_ask_writes_one_json_record_per_question_with_its_id(tmp_path):
    import json
    import subprocess
    import sys

    from tests.conftest import PROJECT

    questions = tmp_path / "in.jsonl"
    questions.write_text(
        json.dumps({"id": "a", "q": "Who leads the first-set equipment task?", "lang": "en"}) + "\n"
        + json.dumps({"id": "b", "q": "南京市的研发补贴标准是多少？"}, ensure_ascii=False) + "\n"
        + "{not json\n",
        encoding="utf-8",
    )
    out = tmp_path / "out.jsonl"
    data = tmp_path / "data"
    subprocess.run([sys.executable, "app.py", "ingest", str(REFERENCE_PLAN), "--data-dir", str(data)], cwd=PROJECT,
                   check=True, capture_output=True, timeout=600)
    result = subprocess.run([sys.executable, "app.py", "ask", "--questions", str(questions), "--out", str(out),
                             "--data-dir", str(data)], cwd=PROJECT, capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stderr  # one line failed; the others were answered
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r.get("refused")) for r in records] == [("a", False), ("b", True), (3, None)]
    assert records[2]["error"].startswith("line 3: ")  # under its own line number, not the line before's id
    assert records[0]["units"] == {"lead": ["市工业和信息化局"], "responsible": ["市财政局"]}
    assert records[0]["citations"][0]["locator"] == "二(二)6"
    assert set(records[0]) >= {"question", "language", "intent", "answer", "refused", "citations", "units", "latency_ms"}


def test_definition_question_quotes_the_defining_sentence(bundled_kb):
    answer = ask(bundled_kb, "武汉政策里说的OPC指的是什么？")
    assert answer.intent == "define" and not answer.refused
    assert "以下称OPC" in answer.answer and "超级个体" in answer.answer
    assert answer.citations[0].source == "wuhan_aiopc_measures_2026.txt"


def test_who_without_a_responsibility_note_names_the_body_the_clause_tasks(bundled_kb):
    answer = ask(bundled_kb, "杭州的AI+OPC行动计划由哪个部门负责统筹协调？")
    assert answer.lead == ["市科技局"]
    assert answer.answer.startswith("市科技局：“市科技局要加强统筹协调")


def test_who_and_how_many_in_one_question_gets_both(bundled_kb):
    answer = ask(bundled_kb, "Which department runs Wuhan's '招贤榜' talent recruitment measure, and how many recruitment events are planned?")
    assert answer.answer.startswith("Led by the Municipal Human Resources and Social Security Bureau (市人社局) [1].")
    assert "不少于50场" in answer.answer


def test_a_quoted_name_no_clause_mentions_is_refused(bundled_kb):
    answer = ask(bundled_kb, "What compute vouchers (算力券) does Guangzhou's 633 talent project offer?")
    assert answer.refused


def test_a_what_does_it_consist_of_question_is_answered_with_the_list_or_refused(bundled_kb):
    listed = ask(bundled_kb, "What are the three talent development support systems in Guangzhou's 633 talent project?")
    assert listed.intent == "list" and "“交流培养、创新创业、服务保障”三大人才开发支撑体系" in listed.answer
    unlisted = ask(bundled_kb, "Which specific industries make up Zaozhuang's \"6+3\" modern industrial system?")
    assert unlisted.refused  # the plan names the "6+3" system but never lists its industries


def test_the_chain_is_a_langchain_runnable(bundled_kb):
    from langchain_core.runnables import Runnable, RunnableLambda

    from qa.runnable import PolicyQA

    qa = PolicyQA(kb=bundled_kb)
    assert isinstance(qa, Runnable)
    single = qa.invoke("Who leads the first-set equipment task?")
    assert single.lead == ["市工业和信息化局"]
    batch = qa.batch(["谁负责首台套装备推广？", {"question": "那目标是多少？", "history": [{"question": "谁负责首台套装备推广？"}]}])
    assert batch[0].lead == ["市工业和信息化局"] and batch[1].answer.startswith("新增省级首台(套)产品：10项以上[1]。")
    assert "".join(qa.stream("谁负责首台套装备推广？")) == batch[0].answer
    composed = RunnableLambda(lambda q: q.strip()) | qa | RunnableLambda(lambda a: a.refused)
    assert composed.invoke("  南京的首台套政策是什么？ ") is True


def test_an_unscoped_answer_names_the_other_documents_that_match_about_as_well(bundled_kb):
    answer = ask(bundled_kb, "OPC有哪些算力支持？")  # Wuhan's measures and Hangzhou's plan both have one
    assert not answer.refused
    cited = answer.citations[0].doc_title
    other = next(line for line in answer.answer.splitlines() if line.startswith("其他文件也有相关条款："))
    assert "OPC" in other and cited not in other
    scoped = ask(bundled_kb, "杭州OPC有哪些算力支持？")
    assert "其他文件也有相关条款" not in scoped.answer  # a place named: its own document answers


def test_a_year_the_cited_document_does_not_cover_is_said(bundled_kb):
    answer = ask(bundled_kb, "枣庄2025年首台套由谁牵头？")
    assert answer.answer.startswith("注意：问题问的是2025年，而《枣庄市“十大创新”2022年行动计划科技研发创新2022年行动计划》适用于2022年。")
    assert answer.lead == ["市工业和信息化局"]
    assert not ask(bundled_kb, "枣庄2022年首台套由谁牵头？").answer.startswith("注意")


@pytest.mark.parametrize("question,follows", [
    ("首台套谁管", False),                # names its own subject: a fresh question, however short
    ("南京首台套谁管？", False),
    ("每个月能领多少？", True),            # names nothing of its own
    ("那配合单位呢？", True),
    ("还有谁？", True),
    ("期限多长？", True),
])
def test_a_short_question_continues_the_conversation_only_when_it_names_nothing_of_its_own(bundled_kb, question, follows):
    from qa.chain import _is_follow_up, facts_for

    assert _is_follow_up(question, "zh", bundled_kb.keyword_index().tokenizer, facts_for(bundled_kb)) is follows


def test_a_fresh_short_question_does_not_inherit_the_previous_city(bundled_kb):
    answer = ask(bundled_kb, "首台套谁管", history=[{"question": "南京的人才公寓政策是什么？"}])
    assert not answer.refused and answer.lead == ["市工业和信息化局"]


def test_asking_for_the_other_units_keeps_the_clause_of_the_turn_before(bundled_kb):
    answer = ask(bundled_kb, "那配合单位呢？", history=[{"question": "谁负责首台套装备推广？"}])
    assert answer.citations[0].locator == "二(二)6" and answer.responsible == ["市财政局"]


def test_a_follow_up_asking_another_figure_keeps_the_subject(bundled_kb):
    answer = ask(bundled_kb, "目标是多少？", history=[{"question": "谁负责首台套装备推广？"}])
    assert answer.answer.startswith("新增省级首台(套)产品：10项以上[1]。")


def test_a_follow_up_asking_how_much_per_month_keeps_the_document_of_the_turn_before(tmp_path):
    """"每个月能领多少？" after a question about Qingdao's housing allowance asks about that allowance."""
    from tests.conftest import PROJECT

    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([PROJECT / "eval" / "dev" / "corpus" / "qingdao_aiopc_policy_list_2026.txt"], progress=False)
    answer = ask(kb, "每个月能领多少？", history=[{"question": "青岛高校毕业生住房补贴发多久？"}])
    assert "硕士每月800元" in answer.answer and answer.citations[0].title == "高校毕业生住房补贴"


def test_a_draft_answers_a_question_naming_nothing_of_its_own_on_the_inquirys_subject(bundled_kb):
    reply = draft(bundled_kb, "您好，我公司在枣庄生产首台套装备。请问首台套推广由哪个部门负责？有什么支持政策？")
    assert [c.locator for c in reply.citations] == ["二(二)6", "二(二)6"]  # both parts from the 首台(套) clause
    assert reply.lead == ["市工业和信息化局"] and "市科技局" not in reply.answer  # no other clause's contact


@pytest.mark.parametrize("question,previous,follows", [
    ("枣庄：有什么支持政策？", "枣庄：首台套推广由哪个部门负责？", True),   # the place was named before
    ("杭州：有什么支持政策？", "枣庄：首台套推广由哪个部门负责？", False),  # a new place: a new question
])
def test_a_place_already_named_does_not_make_a_question_stand_alone(bundled_kb, question, previous, follows):
    from qa.chain import _is_follow_up, facts_for

    tokenizer = bundled_kb.keyword_index().tokenizer
    assert _is_follow_up(question, "zh", tokenizer, facts_for(bundled_kb), previous) is follows


@pytest.mark.parametrize("question,figure,not_first", [
    ("青荷驿站每年能免费住几天？", "7天", "最长6个月"),       # asked in days: the days, not the months beside them
    ("青荷公寓过渡性住宿最长几个月？", "6个月", "7天"),
])
def test_a_figure_question_naming_a_unit_is_answered_with_a_figure_in_that_unit(tmp_path, question, figure, not_first):
    plan = tmp_path / "plan.txt"
    plan.write_text("某市人才安居若干措施\n一、加强人才安居保障。为符合条件的来某市人才提供每年7天的“青荷驿站”免费住宿"
                    "以及最长6个月“青荷公寓”的过渡性住宿。（责任单位：市住房保障局）\n", encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([plan], progress=False)
    answer = ask(kb, question)
    first_line = answer.answer.split("\n", 1)[0]
    assert not answer.refused and figure in first_line
    assert not first_line.startswith(not_first) and not first_line.startswith(f"免费住宿以及：{not_first}")


def test_a_clause_that_only_introduces_its_items_answers_through_them(tmp_path):
    """第十七条 ends "可以按照以下标准定额扣除：" and its figures stand in its items (一), (二), stored as clauses of
    their own and ranked low for a question worded like the article: they are read with the article."""
    from tests.conftest import PROJECT

    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([PROJECT / "eval" / "dev" / "corpus" / "state_council_iit_deductions_2018.txt"], progress=False)
    answer = ask(kb, "Under the State Council's interim measures on special additional deductions for individual "
                     "income tax, how much can I deduct each month for rent?")
    assert not answer.refused and "1,500 yuan per month (每月1500元)" in answer.answer
    assert answer.citations[0].locator == "第十七条(一)"


@pytest.mark.parametrize("role,ending", [(r, e) for r in ("牵头", "配合", "责任", "参与", "协办", "主管", "负责")
                                         for e in ("的单位有哪些？", "部门是哪个？", "单位都有谁？", "的部门呢？")])
def test_a_question_naming_a_roles_units_asks_who(role, ending):
    from qa.analysis import detect_intent

    assert detect_intent(f"首台套推广{role}{ending}", "zh", False) == "who"


@pytest.mark.parametrize("lead_in", ["想了解两点：", "为做好社区规划，想请教：", "想咨询三件事：", "我们想咨询以下问题：", "请问："])
def test_a_drafts_lead_in_is_not_part_of_its_question(lead_in):
    from qa.draft import split_inquiry

    inquiry = f"我们是枣庄一家装备企业。{lead_in}首台套推广由哪个部门负责？新增目标是多少？"
    assert split_inquiry(inquiry) == ["首台套推广由哪个部门负责？", "新增目标是多少？"]


@pytest.mark.parametrize("description", [
    "We are a manufacturer in Zaozhuang, which is in Shandong.",
    "I work for a company that builds equipment, which we sell abroad.",
    "Our firm, whose products are new, was founded in 2020.",
])
def test_an_english_letters_descriptive_sentences_are_not_asked(description):
    from qa.draft import split_inquiry

    inquiry = f"Dear Sir or Madam, {description} Could you tell us who leads the first-set equipment task? " \
              "We would also like to know the target for 2022."
    assert split_inquiry(inquiry) == ["Could you tell us who leads the first-set equipment task?",
                                      "We would also like to know the target for 2022."]


def test_a_draft_answers_only_from_the_document_its_inquiry_is_about(bundled_kb):
    from qa.draft import inquiry_documents

    inquiry = "您好，我公司在枣庄生产首台(套)重大技术装备。请问首台套推广由哪个部门负责？人才公寓有什么政策？"
    ground = inquiry_documents(bundled_kb, inquiry)
    plan = next(d.doc_id for d in bundled_kb.documents() if d.file_name == PLAN)
    assert ground == [plan]
    reply = draft(bundled_kb, inquiry)
    assert {c.source for c in reply.citations} == {PLAN}  # the other cities' 人才公寓 clauses are not used


MADE_UP_GUIDE = """临海市海洋渔业装备更新补助申报指南
为推动渔业装备更新，现开展海洋渔业装备更新补助申报工作。
一、补助标准
对更新渔船主机的，按购置价格的30%给予补助，单船最高不超过20万元。
二、{heading}
在临海市登记注册的渔业企业、渔民专业合作社以及持有有效捕捞许可证的渔民。
三、申报程序
申请人登录平台提交补助申请，区渔业部门于10个工作日内完成审核，审核通过的予以公示。
四、监督管理
对弄虚作假骗取补助资金的，追回补助资金，取消其三年内申请资格。
"""


@pytest.mark.parametrize("heading", ["补助对象", "申报条件", "申请对象"])
@pytest.mark.parametrize("question", ["临海渔业装备更新补助谁可以申请？", "哪些人有资格申报临海渔业装备更新补助？"])
def test_who_may_apply_is_answered_from_the_clause_headed_so_even_when_not_retrieved(tmp_path, heading, question):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "guide.txt").write_text(MADE_UP_GUIDE.format(heading=heading), encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, question)
    assert answer.citations[0].locator == "二"
    assert "持有有效捕捞许可证的渔民" in answer.answer and "取消其三年内申请资格" not in answer.answer


@pytest.mark.parametrize("question, lead, others", [
    ("线上交易平台这块由哪个部门指导、谁参与？", ["商务部"], ["供销合作总社"]),
    ("谁负责固体废物环境管理平台的信息交换机制？", ["生态环境部"], []),
    ("第三方市场由谁培育？", ["工业和信息化部"], []),
])
def test_who_answers_from_the_note_of_the_measure_asked_about_in_a_clause_of_several(question, lead, others):
    from qa.compose import compose_who

    hit = Hit(chunk_id="c", doc_id="d", doc_title="方案", source="f.txt", locator="二(六)", title="激发市场主体活力",
              quote="发展“互联网+”固体废物处理产业。支持再生资源回收企业建立在线交易平台。（商务部指导，供销合作总社参与）"
                    "建立政府固体废物环境管理平台与市场化固体废物公共交易平台信息交换机制。(生态环境部指导)"
                    "积极培育第三方市场。（工业和信息化部指导）",
              heading_path="", lead=["生态环境部"], responsible=[])
    keywords = bundled_tokens(question)
    composed = compose_who([hit], "zh", keywords)
    assert (composed.lead, composed.responsible) == (lead, others)


@pytest.mark.parametrize("note, language, shown", [
    ("（广州、深圳市政府，横琴粤澳深度合作区执委会按职责分工负责）", "zh", "（原文：“广州、深圳市政府，横琴粤澳深度合作区执委会按职责分工负责”）"),
    ("（杭州、宁波市人民政府牵头，省商务厅配合）", "en", " (as written: “杭州、宁波市人民政府牵头，省商务厅配合”)"),
    ("（责任单位：江苏、浙江省人民政府）", "zh", "（原文：“责任单位：江苏、浙江省人民政府”）"),
    ("（市科技局牵头，市财政局配合）", "zh", None),
])
def test_a_who_answer_shows_the_note_as_written_when_it_read_names_the_clause_does_not_write_out(note, language, shown):
    from qa.compose import compose_who
    from ingest.units import parse_responsibilities

    quote = "建设跨境应用场景。" + note
    parsed = parse_responsibilities(quote)
    hit = Hit(chunk_id="c", doc_id="d", doc_title="方案", source="f.txt", locator="二(三)8", title="拓展场景",
              quote=quote, heading_path="", lead=parsed.lead, responsible=parsed.responsible)
    text = compose_who([hit], language, ["场景"]).text
    if shown is None:
        assert "原文" not in text and "as written" not in text
    else:
        assert shown in text


def bundled_tokens(text: str) -> list[str]:
    from vectorstore.tokenizer import Tokenizer

    return [t for t in Tokenizer().tokens(text) if len(t) >= 2]


@pytest.mark.parametrize("question, also", [
    ("算力补贴找哪个部门咨询？电话多少", False), ("谁负责？联系电话是多少", False), ("Who handles it, and what is the phone number?", False),
    ("谁牵头，目标是多少？", True), ("Which bureau leads, and how many firms are targeted?", True),
])
def test_a_who_question_asking_a_phone_number_asks_no_figure(question, also):
    from qa.analysis import asks_figure, detect_language

    assert asks_figure(question, detect_language(question)) is also


def test_a_part_answered_from_the_clause_already_cited_keeps_its_number(tmp_path):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "list.txt").write_text(
        "海滨市支持数字经济政策清单\n一、提供算力服务。按费用的20%给予补贴。\n政策咨询：市工业和信息化局\n联系方式：85913081\n"
        "二、实施模型券。给予最高50万元奖补。\n政策咨询：市数据局\n联系方式：85916712\n", encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, "海滨市算力服务补贴找哪个部门咨询？电话多少")
    assert answer.answer.split("\n")[:2] == ["市工业和信息化局：“政策咨询：市工业和信息化局”[1]", "另：“联系方式：85913081”[1]"]
    assert [c.locator for c in answer.citations] == ["一"]


@pytest.mark.parametrize("written", ["海发〔2024〕7号", "海发[2024]7号", "海发（2024）7号"])
def test_a_question_naming_a_documents_number_is_answered_from_that_document(tmp_path, written):
    documents = tmp_path / "docs"
    documents.mkdir()
    for name, number, figure in [("a.txt", "海发〔2024〕7号", "12项"), ("b.txt", "海发〔2024〕8号", "30项")]:
        (documents / name).write_text(f"海滨市关于推广改革举措的通知\n{number}\n一、推广的改革举措（共{figure}）\n"
                                      f"（一）知识产权方面5项。\n（二）科技金融方面4项。\n", encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, f"{written}一共推广了多少项改革举措？")
    assert "共12项" in answer.answer and "30项" not in answer.answer
    assert {c.source for c in answer.citations} == {"a.txt"}


@pytest.mark.parametrize("question, noun", [
    ("护理人员要持什么证才能上岗？", "证"), ("申报需要提交哪些基础材料", "材料"), ("需要具备什么资质", "资质"),
    ("有什么支持政策", None), ("什么时候截止", None), ("由哪些部门管", None), ("包含哪些具体措施", None),
    ("要建哪些类型的平台", None), ("需要满足什么条件", None), ("财政按什么比例贴息", None), ("打什么电话", None),
    ("贷款到期还不上，会有什么处罚？", "处罚"), ("逾期了有什么处罚", "处罚"),  # a verb ending the question, used as a noun
    ("能享受什么支持？", None), ("有什么奖励", None), ("申请要准备啥材料？", "材料"), ("枣庄有哪些激励？", None), ("有哪些具体做法？", None),
])
def test_the_noun_a_question_asks_for_after_what_or_which(question, noun):
    from qa.analysis import asked_noun

    assert asked_noun(question) == noun


@pytest.mark.parametrize("question, answered", [("护理人员要持什么证才能上岗？", False), ("护理人员要接受什么培训？", True)])
def test_a_question_asking_for_a_thing_no_clause_names_is_refused(tmp_path, question, answered):
    kb = knowledge_base_of(tmp_path, {"care.txt": "临海市长期护理保险办法\n一、护理服务\n定点护理机构每日派护理人员上门提供生活照料服务。\n"
                                                  "二、人员管理\n护理人员上岗前应接受不少于40学时的岗前培训。\n"})
    assert ask(kb, question).refused is not answered


def test_a_question_naming_a_place_is_first_answered_from_that_places_own_document(tmp_path):
    """A district's guide before the city's measures that apply there too, when both have a matching clause."""
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "city.txt").write_text("杭州市出海服务专项资金管理办法\n第一条 对申报出海专项资金造假的，追回资金并取消其五年内申报资格。\n"
                                        "第二条 对光伏项目给予度电奖励。\n", encoding="utf-8")
    (documents / "district.txt").write_text("杭州市西湖区出海服务专项资金申报指南\n一、申报材料须真实有效。一经发现造假，将取消其三年内申请资格。\n"
                                            "二、支持企业参加境外展会。\n", encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, "西湖区出海专项资金申报造假会怎样？")
    assert answer.citations[0].source == "district.txt" and "三年内" in answer.answer


@pytest.mark.parametrize("question", ["Which bodies can adjust the reward standards for newly applying projects?",
                                      "Can the reward standards of new projects be adjusted, and by how much?"])
def test_an_english_question_of_dictionary_words_only_is_answered_when_the_clause_renders_most_of_them(tmp_path, question):
    """No glossary term: the share of English words (each a group of translations) the clause renders decides,
    not the share of all the translations, nor each translation counted as a word of its own."""
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "measures.txt").write_text(
        "临海市新能源发展专项资金扶持办法\n第一条 对光伏项目给予度电奖励。\n"
        "第二条 根据市场成本变化，市发展改革委、市财政局可对年度新申请项目奖励标准进行适当调整，调整幅度不超过15%。\n",
        encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, question)
    assert not answer.refused and answer.citations[0].locator == "第二条"


@pytest.mark.parametrize("label", ["◆基础材料（必要）", "（一）基础材料"])
def test_which_things_are_answered_with_every_item_under_the_heading_that_names_them(tmp_path, label):
    documents = tmp_path / "docs"
    documents.mkdir()
    (documents / "guide.txt").write_text(
        f"临海市渔业装备更新补助申报指南\n一、支持内容\n对更新渔船主机的给予补助。\n二、申报材料\n{label}\n1．补助申请表；\n"
        "2．渔业捕捞许可证复印件；\n3．上年度完税证明。\n◆专项材料\n（二）主机更新事项\n1．购机发票。\n三、材料提交\n请发送至邮箱。\n",
        encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    kb.ingest([documents], progress=False)
    answer = ask(kb, "申报临海渔业装备更新补助需要哪些基础材料？")
    assert all(item in answer.answer for item in ("补助申请表", "渔业捕捞许可证复印件", "上年度完税证明"))
    assert "购机发票" not in answer.answer


@pytest.mark.parametrize("question", ["这笔补贴谁出钱？", "购房补贴由谁发放？", "哪一级财政承担？", "Who pays that subsidy?",
                                      "Who actually funds the bonus?", "Is it paid by the city?",
                                      "这笔钱是谁来发？", "补贴是谁给？", "奖励由谁来发", "资金谁来出？"])
def test_questions_asking_who_pays(question):
    from qa.analysis import PAYER_ASKED

    assert PAYER_ASKED.search(question)


@pytest.mark.parametrize("sentence,payer", [
    ("对购买新建商品房的，由商品房所在区按照每平方米1000元给予最高10万元购房补贴。", "商品房所在区"),
    ("所需补贴资金由市级财政承担。", "市级财政"),
    ("奖励资金由各区按规定兑付。", "各区"),
])
def test_who_pays_is_read_from_the_sentence_that_says_so(sentence, payer):
    from qa.compose import compose_payer

    hit = Hit(chunk_id="c", doc_id="d", doc_title="措施", source="f.txt", locator="四", title="人才安居",
              quote="加强人才安居保障。" + sentence + "（责任单位：市住房局）", heading_path="", lead=["市住房局"], responsible=[])
    composed = compose_payer([hit], "zh", ["补贴", "资金"])
    assert composed.lead == [payer] and composed.text.startswith(f"{payer}：")


@pytest.mark.parametrize("question, not_keywords", [
    ("企业去参加展会，区里能补多少？", {"去", "区里"}), ("来这边创业，市里有什么支持？", {"来", "市里"}),
    ("当地对首台套有什么奖励？", {"当地"}), ("县里能给多少补贴？", {"县里"}),
    ("首台套是按比例补还是定额补？", {"还是"}),  # a choice question's 还是 asks, it names nothing
])
def test_words_for_the_local_government_and_for_going_are_no_keywords(bundled_kb, question, not_keywords):
    from qa.chain import analyse

    assert not set(analyse(bundled_kb, question, None).keywords) & not_keywords


@pytest.mark.parametrize("question,noun", [
    ("申报的话，基础材料要准备哪些", "材料"), ("基础材料有哪些？", "材料"), ("申请材料需要提交哪些？", "申请材料"),
    ("证件要带什么", "证件"), ("要准备哪些基础材料", "材料"),
    ("支持政策有哪些？", None), ("条件是什么？", None), ("谁负责？", None),
])
def test_a_noun_put_before_the_asking_word_is_what_is_asked_for(question, noun):
    """"基础材料要准备哪些": the noun comes first and the question closes on 哪些 — it asks for 材料 as "要准备哪些基础
    材料" does (open nouns — 政策, 条件 — ask for anything)."""
    from qa.analysis import asked_noun

    assert asked_noun(question) == noun


@pytest.mark.parametrize("question", ["申请要准备啥材料？", "有啥支持政策", "能给啥补贴"])
def test_sha_asks_as_shenme_does(question):
    from qa.analysis import detect_intent

    assert detect_intent(question, "zh", False) == "measures"


MADE_UP_PILOT_PLAN = """云溪省“无废城市”建设试点工作方案
三、实施步骤
（二）制定实施方案。试点城市政府组织编制实施方案。实施方案按程序报送省生态环境厅，经省生态环境厅会同有关部门组织专家评审通过后实施。2026年上半年，试点城市政府印发实施方案。
（三）组织开展试点。省生态环境厅会同有关部门对试点工作进行指导和成效评估，发现问题及时调整和改进。
"""


@pytest.mark.xfail(strict=True, reason="known weakness: the who-answer takes the body leading the neighbouring clause "
                   "(省生态环境厅会同有关部门…指导) over the sentence the plan is sent by (报送); the dev set's question of this "
                   "shape is answered right only because its neighbour ranks lower")
@pytest.mark.parametrize("question", ["实施方案要报给谁审？", "试点的实施方案报给哪个部门评审？", "实施方案做好了报给谁？"])
def test_whom_a_plan_goes_to_is_the_sentence_it_is_sent_by(tmp_path_factory, question):
    """报给 is said of sending a plan up (报送), not of applying for support (申报)."""
    from tests.conftest import knowledge_base_of

    kb = knowledge_base_of(tmp_path_factory.mktemp("pilot_plan"), {"plan.txt": MADE_UP_PILOT_PLAN})
    assert "报送省生态环境厅" in ask(kb, question).answer
