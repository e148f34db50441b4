"""Each loader on a real file of its format, made in the test."""

from __future__ import annotations

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.loaders import LoadError, load_text
from ingest.pipeline import parse_file
from tests.conftest import REFERENCE_PLAN

PLAN_TEXT = REFERENCE_PLAN.read_text(encoding="utf-8")


def test_utf8_text_keeps_every_line():
    text = load_text(REFERENCE_PLAN)
    assert text.split("\n")[0] == "枣庄市“十大创新”2022年行动计划科技研发创新2022年行动计划"
    assert "（责任单位:市工业和信息化局、市财政局）" not in text  # written with ASCII brackets in the source
    assert "(责任单位:市工业和信息化局、市财政局)" in text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk", "gb18030", "utf-16-le", "utf-16-be", "utf-16"])
def test_legacy_and_bom_encodings_decode_to_the_same_text(tmp_path, encoding):
    raw = PLAN_TEXT.encode(encoding)
    if encoding in ("utf-16-le", "utf-16-be"):
        raw = ("\ufeff" + PLAN_TEXT).encode(encoding)  # UTF-16 needs its BOM
    path = tmp_path / f"plan-{encoding}.txt"
    path.write_bytes(raw)
    assert load_text(path) == load_text(REFERENCE_PLAN)


def test_gbk_copy_parses_to_the_same_clauses(tmp_path):
    path = tmp_path / "plan-gbk.txt"
    path.write_bytes(PLAN_TEXT.encode("gbk"))
    original, copy = parse_file(REFERENCE_PLAN), parse_file(path)
    assert [c.locator for c in copy.clauses] == [c.locator for c in original.clauses]
    assert copy.doc_id == original.doc_id  # the id depends on the text, not the bytes


def test_mixed_line_endings_are_normalised(tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes("一、目标\r\n1.第一项。内容甲。\r2.第二项。内容乙。\n".encode("utf-8"))
    assert load_text(path) == "一、目标\n1.第一项。内容甲。\n2.第二项。内容乙。"


def test_markdown_headings_lose_their_markers(tmp_path):
    path = tmp_path / "plan.md"
    path.write_text("# 某市行动计划\n\n## 一、工作目标\n\n科技型中小企业达到**700家**。\n", encoding="utf-8")
    assert load_text(path) == "某市行动计划\n一、工作目标\n科技型中小企业达到700家。"


def test_html_drops_scripts_and_styles_and_keeps_table_rows_together(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>x</title><style>p{color:red}</style></head><body>"
        "<h1>某市支持措施</h1><script>alert('x')</script>"
        "<p>一、资金支持。给予最高100万元补助。（责任单位：市财政局）</p>"
        "<table><tr><th>项目</th><th>金额</th></tr><tr><td>算力券</td><td>20万元</td></tr></table>"
        "</body></html>",
        encoding="utf-8",
    )
    text = load_text(path)
    assert "alert" not in text and "color" not in text
    assert text.split("\n") == ["某市支持措施", "一、资金支持。给予最高100万元补助。（责任单位：市财政局）", "项目 | 金额", "算力券 | 20万元"]


def test_docx_paragraphs_and_tables_in_document_order(tmp_path):
    document = docx.Document()
    for line in PLAN_TEXT.split("\n")[:5]:
        document.add_paragraph(line)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "指标", "目标值"
    table.cell(1, 0).text, table.cell(1, 1).text = "高新技术企业", "370家"
    path = tmp_path / "plan.docx"
    document.save(path)
    lines = load_text(path).split("\n")
    assert lines[:5] == PLAN_TEXT.split("\n")[:5]
    assert lines[5:] == ["指标 | 目标值", "高新技术企业 | 370家"]


def _write_pdf(path, lines):
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 11)
    y = 800
    for line in lines:
        pdf.drawString(40, y, line)
        y -= 18
    pdf.save()


def test_pdf_text_layer_is_read(tmp_path):
    path = tmp_path / "plan.pdf"
    lines = ["科技研发创新行动计划", "一、工作目标", "科技型中小企业达到700家。", "二、主要任务", "1.加快新产品推广应用。推动首台套装备应用。（责任单位：市工业和信息化局、市财政局）"]
    _write_pdf(path, lines)
    text = load_text(path)
    assert text.replace(" ", "").split("\n") == [line.replace(" ", "") for line in lines]
    document = parse_file(path)
    assert [c.locator for c in document.clauses] == ["一", "二1"]
    assert document.clauses[1].responsible == ["市工业和信息化局", "市财政局"]


def test_pdf_without_text_layer_says_ocr_is_not_supported(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(40, 40, 200, 200, fill=1)
    pdf.save()
    with pytest.raises(LoadError, match="no text layer.*OCR is not supported"):
        load_text(path)


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t \n", "empty file"),
        ("random.txt", bytes(range(256)) * 40, "binary"),
        ("program.pdf", b"\x7fELF\x02\x01\x01" + b"\x00" * 200, "not a PDF"),
        ("broken.docx", b"PK\x03\x04 this is not really a zip", "not a valid .docx"),
        ("notes.rtf", b"{\\rtf1 hello}", "unsupported file type .rtf"),
    ],
)
def test_bad_files_fail_with_a_clear_reason(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(LoadError, match=message):
        load_text(path)


def test_truncated_pdf_is_reported_as_damaged(tmp_path):
    good = tmp_path / "good.pdf"
    _write_pdf(good, ["一、工作目标", "科技型中小企业达到700家。"])
    data = good.read_bytes()
    bad = tmp_path / "truncated.pdf"
    bad.write_bytes(data[: len(data) // 3])
    with pytest.raises(LoadError):
        load_text(bad)
