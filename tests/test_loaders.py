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


def test_pdf_without_text_layer_or_readable_text_says_so(tmp_path):
    path = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.rect(40, 40, 200, 200, fill=1)
    pdf.save()
    with pytest.raises(LoadError, match="no text layer and OCR found no text"):
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


# --- Word list numbering: 一、 （一） 1. that Word draws but the text does not hold -----------------------------

def _numbered_docx(path, lines):
    """A .docx whose headings are numbered by a real numbering definition (numbering.xml), not by characters:
    level 0 chineseCounting "%1、", level 1 chineseCounting "（%2）", level 2 decimal "%3."."""
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    numbering = document.part.numbering_part.element
    levels = "".join(f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>'
                     for i, (fmt, text) in enumerate([("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]))
    numbering.insert(0, parse_xml(f'<w:abstractNum {w} w:abstractNumId="90">{levels}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in lines:
        paragraph = document.add_paragraph(text)
        if level is not None:
            paragraph._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'))
    document.save(path)


def test_word_list_numbers_are_rendered_so_the_structure_is_the_same_as_the_text(tmp_path):
    numbered = [(None, "某某市行动方案"), (0, "主要任务"), (1, "提升创新能力"),
                (2, "加快新产品推广应用。积极申报首台（套）装备。（责任单位：市工业和信息化局、市财政局）"),
                (2, "建设研发平台。新建10个省级平台。（责任单位：市科技局）"),
                (1, "优化创新生态"), (2, "完善金融服务。（责任单位：市地方金融监管局）"),
                (0, "保障措施"), (1, "加强组织领导。各部门协同推进。")]
    text = "\n".join(["某某市行动方案", "一、主要任务", "（一）提升创新能力",
                      "1.加快新产品推广应用。积极申报首台（套）装备。（责任单位：市工业和信息化局、市财政局）",
                      "2.建设研发平台。新建10个省级平台。（责任单位：市科技局）", "（二）优化创新生态",
                      "1.完善金融服务。（责任单位：市地方金融监管局）", "二、保障措施", "（一）加强组织领导。各部门协同推进。"])
    _numbered_docx(tmp_path / "plan.docx", numbered)
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    assert load_text(tmp_path / "plan.docx") == text
    from_docx, from_txt = parse_file(tmp_path / "plan.docx"), parse_file(tmp_path / "plan.txt")
    assert [(c.locator, c.lead, c.responsible) for c in from_docx.clauses] == \
        [(c.locator, c.lead, c.responsible) for c in from_txt.clauses]
    assert [c.locator for c in from_docx.clauses] == ["一(一)1", "一(一)2", "一(二)1", "二(一)"]


@pytest.mark.parametrize("n,chinese", [(1, "一"), (10, "十"), (12, "十二"), (20, "二十"), (35, "三十五"), (101, "一百零一"), (110, "一百一十")])
def test_word_chinese_counting(n, chinese):
    from ingest.word_numbering import chinese_counting

    assert chinese_counting(n) == chinese
