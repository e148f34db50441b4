"""PDF tables keep their rows: a ruled task-division table, typeset in the test, reads as one line per row.

pypdf alone reads such a table cell by cell down the page (`序` / `号` / `重点任务` …, a wrapped cell in two
pieces); pdfplumber finds the ruled table (ingest/pdf_layout.py). The rows come out as the " | "-joined
lines every loader writes, so ingest.tables labels them with the header and each task gets its units.
"""

from __future__ import annotations

from pypdf import PdfReader

from ingest.loaders import load_text
from ingest.pipeline import parse_file
from settings import Settings
from tests.conftest import REFERENCE_PLAN
from tests.documents import write_table_pdf

BEFORE = ["某市科技创新重点任务分工方案", "为加快建设创新型城市，现将2024年重点任务分工如下。"]
ROWS = [["序号", "重点任务", "牵头单位", "配合单位", "完成时限"],
        ["一、提升创新能力", "", "", "", ""],
        ["1", "加快新产品推广应用，积极申报首台（套）重大技术装备", "市工业和信息化局", "市财政局", "2024年底前"],
        ["2", "培育科技型中小企业达到700家", "市科技局", "各区（市）政府", "持续推进"],
        ["二、优化创新生态", "", "", "", ""],
        ["3", "完善科技金融服务，扩大知识产权质押融资规模", "市地方金融监管局", "市财政局、市科技局", "2024年6月"]]
AFTER = ["三、保障措施", "各单位要加强协调配合，确保各项任务落实到位。"]
HEADINGS = [((0, 1), (4, 1)), ((0, 4), (4, 4))]  # the section rows span the table


def test_a_ruled_table_reads_as_one_line_per_row_and_the_text_around_it_as_it_stands(tmp_path):
    path = write_table_pdf(tmp_path / "plan.pdf", BEFORE, ROWS, AFTER, spans=HEADINGS)
    assert "序\n号" in PdfReader(path).pages[0].extract_text()  # what pypdf alone gives: cells down the page
    assert load_text(path).split("\n") == BEFORE + [
        "序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限",
        "一、提升创新能力",
        "1 | 加快新产品推广应用，积极申报首台（套）重大技术装备 | 市工业和信息化局 | 市财政局 | 2024年底前",  # wrapped cell joined
        "2 | 培育科技型中小企业达到700家 | 市科技局 | 各区（市）政府 | 持续推进",
        "二、优化创新生态",
        "3 | 完善科技金融服务，扩大知识产权质押融资规模 | 市地方金融监管局 | 市财政局、市科技局 | 2024年6月",
    ] + AFTER


def test_a_pdf_task_table_parses_like_its_text_and_gives_one_responsibility_row_per_task(tmp_path):
    from vectorstore.knowledge_base import KnowledgeBase

    path = write_table_pdf(tmp_path / "plan.pdf", BEFORE, ROWS, AFTER, spans=HEADINGS)
    as_text = tmp_path / "plan.txt"
    as_text.write_text("\n".join(BEFORE + [" | ".join(c for c in row if c) for row in ROWS] + AFTER), encoding="utf-8")
    assert [(c.locator, c.lead, c.responsible) for c in parse_file(path).clauses] == \
        [(c.locator, c.lead, c.responsible) for c in parse_file(as_text).clauses]
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    report = kb.ingest([path], progress=False)  # read in the reader's child process
    assert not report.failed and len(report.added) == 1
    assert [(r["locator"], r["lead"], r["responsible"], r["lead_stated"]) for r in kb.tasks()] == [
        ("一·1", ["市工业和信息化局"], ["市财政局"], "stated"),
        ("一·2", ["市科技局"], ["各区（市）政府"], "stated"),
        ("二", ["市地方金融监管局"], ["市财政局", "市科技局"], "stated"),
    ]
    assert [r["text"] for r in kb.tasks(unit="市地方金融监管局")][0].endswith(
        "3 | 重点任务：完善科技金融服务，扩大知识产权质押融资规模 | 完成时限：2024年6月（牵头单位：市地方金融监管局，配合单位：市财政局、市科技局）")


def test_a_cell_merged_down_the_rows_is_repeated_in_each(tmp_path):
    rows = [ROWS[0], ROWS[2], ["2", "培育科技型中小企业达到700家", "", "各区（市）政府", "持续推进"]]
    path = write_table_pdf(tmp_path / "merged.pdf", ["某市分工方案"], rows, [], spans=[((2, 1), (2, 2))])
    assert load_text(path).split("\n")[-1] == "2 | 培育科技型中小企业达到700家 | 市工业和信息化局 | 各区（市）政府 | 持续推进"


def test_paragraphs_wrapped_over_printed_rows_and_page_breaks_read_as_the_texts_lines(tmp_path):
    plan = [line.strip() for line in REFERENCE_PLAN.read_text(encoding="utf-8").split("\n") if line.strip()]
    path = write_table_pdf(tmp_path / "plan.pdf", plan, None)
    assert len(PdfReader(path).pages) >= 3 and len(PdfReader(path).pages[0].extract_text().split("\n")) > 40  # rows
    assert load_text(path) == "\n".join(plan)
    assert [(c.locator, c.lead, c.responsible) for c in parse_file(path).clauses] == \
        [(c.locator, c.lead, c.responsible) for c in parse_file(REFERENCE_PLAN).clauses]


def test_a_pdf_over_the_layout_page_budget_keeps_pypdfs_rows(tmp_path):
    from ingest.loaders import read_pdf
    from ingest.pdf_layout import lay_out

    plan = [line.strip() for line in REFERENCE_PLAN.read_text(encoding="utf-8").split("\n") if line.strip()]
    data = write_table_pdf(tmp_path / "plan.pdf", plan, None).read_bytes()
    rows = [page.extract_text() for page in PdfReader(tmp_path / "plan.pdf").pages]
    assert lay_out(data, list(rows), PdfReader(tmp_path / "plan.pdf").pages, max_pages=1) == rows
    assert read_pdf(data) != rows
