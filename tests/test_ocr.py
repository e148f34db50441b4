"""OCR: a scanned notice (text set in a CJK font, saved as page images) reads like its .txt.

The pages are rendered in the test; the OCR runs for real (RapidOCR's bundled PP-OCRv4 models, offline).
Each scanned page costs seconds of CPU, so the scan is OCR'd once, by a real ingest, and the other tests
read its pages from that ingest's OCR cache or OCR one page of their own.
"""

from __future__ import annotations

import difflib
import json
import unicodedata

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from ingest.loaders import LoadError, load_text
from ingest.ocr import Line, cache_in, page_paragraphs
from ingest.pipeline import parse_file, parse_text
from settings import Settings
from eval.scans import cjk_font, image_pdf, png_bytes, render_pages

# Item 1's note wraps after "（责" (the renderer fills 30 characters after the indent), and its second
# line falls on page 2: the OCR'd text must have it whole, as one line, like the .txt.
NOTICE = "\n".join([
    "某市科技研发创新行动计划",
    "一、工作目标",
    "到2024年，科技型中小企业达到700家，高新技术企业达到370家。",
    "二、主要任务",
    "（一）提升企业创新能力",
    "1.加快新产品推广应用。积极申报列入省级首台套重大技术装备（责任单位：市工业和信息化局、市财政局）",
    "2.建设研发平台。支持企业建设省级以上研发平台，新建省级平台10个以上，推动规模以上工业企业研发机构全覆盖。（责任单位：市科技局）",
    "（二）优化创新生态",
    "3.完善金融服务。推广科技成果转化贷款，扩大知识产权质押融资规模。（牵头单位：市地方金融监管局；配合单位：市财政局）",
])
SMALL_PAGE = (1240, 680)  # seven lines a page: two pages, with a page break inside item 1's note


def _font():
    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font to render a scanned page (apt-get install fonts-noto-cjk; .ci/run does)")
    return font


def character_error_rate(expected: str, got: str) -> float:
    """Edits / characters, with the width of punctuation folded (（ and ( look alike on paper)."""
    def fold(text):
        return unicodedata.normalize("NFKC", text).replace("“", '"').replace("”", '"')

    a, b = fold(expected), fold(got)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal") / len(a)


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    """The notice as a two-page image-only PDF, ingested once into a knowledge base (which OCRs it)."""
    from vectorstore.knowledge_base import KnowledgeBase

    root = tmp_path_factory.mktemp("scan")
    pages = render_pages(NOTICE, _font(), page=SMALL_PAGE)
    assert len(pages) == 2
    pdf = image_pdf(pages, root / "scan.pdf")
    (root / "notice.txt").write_text(NOTICE, encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=root / "data"))
    report = kb.ingest([pdf], progress=False)
    return kb, report, root, pages


def test_a_scanned_pdf_is_ocrd_into_the_same_clauses_locators_and_units_as_its_text(scanned):
    kb, report, root, _ = scanned
    assert not report.failed and len(report.added) == 1
    with cache_in(root / "data" / "ocr"):
        text = load_text(root / "scan.pdf")
        from_scan = parse_text(text, "scan.pdf")
    from_txt = parse_file(root / "notice.txt")
    assert len(text.split("\n")) == len(NOTICE.split("\n"))  # lines joined back into paragraphs
    assert "任单位" in text and "（责\n" not in text.replace("(", "（")  # the note wrapped over a page break is whole
    assert "— 1 —" not in text and "一1一" not in text and not any(line.strip("—-一 12") == "" for line in text.split("\n"))
    assert character_error_rate(NOTICE, text) <= 0.02
    assert from_scan.title == from_txt.title
    assert [(c.locator, c.lead, c.responsible) for c in from_scan.clauses] == \
        [(c.locator, c.lead, c.responsible) for c in from_txt.clauses] == [
            ("一", [], []),
            ("二(一)1", ["市工业和信息化局"], ["市工业和信息化局", "市财政局"]),
            ("二(一)2", ["市科技局"], ["市科技局"]),
            ("二(二)3", ["市地方金融监管局"], ["市财政局"]),
        ]
    assert [(r["locator"], r["lead"]) for r in kb.tasks()] == [
        ("二(一)1", ["市工业和信息化局"]), ("二(一)2", ["市科技局"]), ("二(二)3", ["市地方金融监管局"])]


def test_ocrd_pages_are_cached_by_content_hash_under_the_data_dir(scanned):
    _, _, root, _ = scanned
    entries = sorted((root / "data" / "ocr").glob("*.json"))
    assert len(entries) == 2  # one per scanned page
    # The cache is what a re-read uses: an edited entry shows in the text, no OCR runs again.
    lines = json.loads(entries[0].read_text(encoding="utf-8"))
    lines[0]["text"] = lines[0]["text"] + "（缓存）"
    entries[0].write_text(json.dumps(lines, ensure_ascii=False), encoding="utf-8")
    with cache_in(root / "data" / "ocr"):
        assert "（缓存）" in load_text(root / "scan.pdf")


def test_only_the_pages_without_a_text_layer_are_ocrd(scanned, tmp_path):
    _, _, _, pages = scanned
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    typed = canvas.Canvas(str(tmp_path / "typed.pdf"), pagesize=A4)
    typed.setFont("STSong-Light", 12)
    typed.drawString(60, 780, "三、保障措施")
    typed.drawString(60, 760, "（一）加强组织领导。各部门协同推进。")
    typed.save()
    writer = PdfWriter()
    writer.append(str(tmp_path / "typed.pdf"))
    writer.append(str(image_pdf(pages[1:], tmp_path / "scanned-page.pdf")))
    writer.write(str(tmp_path / "mixed.pdf"))
    with cache_in(tmp_path / "ocr"):
        text = load_text(tmp_path / "mixed.pdf")
    assert text.split("\n")[:2] == ["三、保障措施", "（一）加强组织领导。各部门协同推进。"]
    assert "市科技局" in text  # page 2, read by OCR
    assert len(list((tmp_path / "ocr").glob("*.json"))) == 1  # page 1 kept its text layer


def test_an_image_file_is_read_by_ocr(tmp_path):
    page = render_pages("某市通知\n一、支持企业研发。（责任单位：市科技局）", _font(), footer=None, page=(1240, 400))[0]
    (tmp_path / "notice.png").write_bytes(png_bytes(page))
    document = parse_file(tmp_path / "notice.png")
    assert document.title == "某市通知"
    assert [(c.locator, c.lead) for c in document.clauses] == [("一", ["市科技局"])]


def test_a_blank_scan_fails_with_a_clear_reason(tmp_path):
    from PIL import Image

    Image.new("L", (600, 800), 255).save(tmp_path / "blank.png")
    with pytest.raises(LoadError, match="no text found in the image"):
        load_text(tmp_path / "blank.png")
    image_pdf([Image.new("L", (600, 800), 255)], tmp_path / "blank.pdf")
    with pytest.raises(LoadError, match="no text layer and OCR found no text"):
        load_text(tmp_path / "blank.pdf")


# --- layout: recognised lines back into the paragraphs of the text (no OCR needed) ----------------------

def _row(x0, y0, text, x1=None, h=30):
    return Line(x0, y0, x0 + 30 * len(text) if x1 is None else x1, y0 + h, text)


def test_wrapped_lines_join_into_paragraphs_and_indented_lines_open_new_ones():
    lines = [
        _row(200, 150, "1.加快新产品推广应用。积极申报（责", x1=1100),  # indented: opens a paragraph
        _row(140, 200, "任单位：市工业和信息化局、市财政局）", x1=1100),  # full width: runs on
        _row(140, 250, "推广应用。", x1=400),  # stops short: the paragraph ends here
        _row(140, 300, "2.建设研发平台。", x1=600),  # a numbered heading opens its own
        _row(590, 1700, "— 3 —"),  # a page number in the bottom margin
    ]
    paragraphs, continues, ends_open = page_paragraphs(lines, 1240, 1754)
    assert paragraphs == ["1.加快新产品推广应用。积极申报（责任单位：市工业和信息化局、市财政局）推广应用。", "2.建设研发平台。"]
    assert (continues, ends_open) == (False, False)


def test_boxes_on_one_row_are_read_left_to_right_and_ocr_habits_are_undone():
    lines = [_row(600, 150, "市乡村振兴局>）"), _row(140, 152, "加大研发投人（责任单位：市农业农村局<")]
    assert page_paragraphs(lines, 1240, 1754)[0] == ["加大研发投入（责任单位：市农业农村局〈市乡村振兴局〉）"]
