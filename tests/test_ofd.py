"""OFD (GB/T 33190): a package written in the test from the text reads like the text.

tests/documents.write_ofd lays the text out as a typesetter does: A4 pages, paragraphs indented and wrapped
at the margin, every printed row cut into several text objects stored in a shuffled order, a page number at
each foot. Reading it back must give the text's lines, and so its clauses, locators and responsible units.
"""

from __future__ import annotations

import io
import zipfile

import pytest

from ingest.loaders import LoadError, load_text
from ingest.ofd import _width
from ingest.pipeline import parse_file
from settings import Settings
from tests.conftest import REFERENCE_PLAN
from tests.documents import write_ofd

PLAN_LINES = [line.strip() for line in REFERENCE_PLAN.read_text(encoding="utf-8").split("\n") if line.strip()]


def _units(path):
    return [(c.locator, c.title, c.lead, c.responsible) for c in parse_file(path).clauses]


def test_an_ofd_of_the_reference_plan_reads_back_line_for_line_in_reading_order(tmp_path):
    path = write_ofd(tmp_path / "plan.ofd", PLAN_LINES, title=PLAN_LINES[0])
    with zipfile.ZipFile(path) as package:
        assert sum(name.endswith("Content.xml") for name in package.namelist()) == 5  # five pages
    assert load_text(path) == "\n".join(PLAN_LINES)  # rows rejoined, page numbers and page breaks gone


def test_an_ofd_gives_the_same_clauses_locators_and_units_as_the_text(tmp_path):
    path = write_ofd(tmp_path / "plan.ofd", PLAN_LINES, title=PLAN_LINES[0])
    assert parse_file(path).title == parse_file(REFERENCE_PLAN).title
    assert _units(path) == _units(REFERENCE_PLAN)


def test_an_ingested_ofd_is_read_in_the_child_process_and_gives_the_responsibility_table(tmp_path):
    from vectorstore.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    report = kb.ingest([write_ofd(tmp_path / "plan.ofd", PLAN_LINES)], progress=False)
    assert not report.failed and len(report.added) == 1
    rows = {r["locator"]: (r["lead"], r["responsible"]) for r in kb.tasks()}
    assert rows["二(二)6"] == (["市工业和信息化局"], ["市工业和信息化局", "市财政局"])


def test_title_and_doc_number_come_from_the_document_info_when_the_pages_do_not_show_them(tmp_path):
    lines = ["各区（市）人民政府，市政府各部门：", "一、支持企业研发。对研发投入增长的企业给予奖励。（责任单位：市科技局）"]
    path = write_ofd(tmp_path / "notice.ofd", lines, title="某市支持科技创新若干措施", doc_number="某政发〔2024〕3号")
    assert load_text(path).split("\n")[:3] == ["某市支持科技创新若干措施", "某政发〔2024〕3号", lines[0]]
    document = parse_file(path)
    assert (document.title, document.doc_number) == ("某市支持科技创新若干措施", "某政发〔2024〕3号")
    assert [(c.locator, c.lead) for c in document.clauses if c.locator == "一"] == [("一", ["市科技局"])]
    shown = write_ofd(tmp_path / "shown.ofd", ["某市支持科技创新若干措施"] + lines, title="某市支持科技创新若干措施")
    assert load_text(shown).split("\n")[:2] == ["某市支持科技创新若干措施", lines[0]]  # not written twice


def test_an_ofd_whose_pages_are_only_images_is_read_by_ocr(tmp_path):
    from eval.scans import cjk_font, png_bytes, render_pages

    font = cjk_font()
    if font is None:
        pytest.skip("no CJK font to render a scanned page (apt-get install fonts-noto-cjk; .ci/run does)")
    page = render_pages("某市通知\n一、支持企业研发。（责任单位：市科技局）", font, footer=None, page=(1240, 400))[0]
    path = write_ofd(tmp_path / "scan.ofd", [], images=[png_bytes(page)])
    document = parse_file(path)
    assert document.title == "某市通知"
    assert [(c.locator, c.lead) for c in document.clauses] == [("一", ["市科技局"])]


def test_text_widths_follow_deltax_including_its_g_runs():
    assert _width("一二三", 5.0, "g 2 5") == 15.0
    assert _width("ab", 4.0, "2.5") == 4.5  # one advance, then the last glyph (half width for ASCII)
    assert _width("一a", 4.0, None) == 6.0


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in members.items():
            package.writestr(name, data)
    return buffer.getvalue()


def _bomb() -> bytes:
    """An OFD.xml beside 300 MB of zeros that deflate to 300 KB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", OFD_XML)
        with package.open("Doc_0/bomb.xml", "w", force_zip64=True) as member:
            for _ in range(300):
                member.write(bytes(1024 * 1024))
    return buffer.getvalue()


OFD_XML = ('<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>'
           '</ofd:DocBody></ofd:OFD>').encode()


@pytest.mark.parametrize("content,message", [
    (b"%PDF-1.4 not a zip", "not a valid .ofd file (not a zip archive)"),
    (_zip({"readme.txt": b"hello"}), "not a valid .ofd file (no OFD.xml: not an OFD package)"),
    (_zip({"OFD.xml": b"<ofd:OFD xmlns:ofd='x'><unclosed>"}), "not a valid .ofd file: OFD.xml is not well-formed XML"),
    (_zip({"OFD.xml": OFD_XML}), "not a valid .ofd file: its document Doc_0/Document.xml is missing or not XML"),
    (_zip({"OFD.xml": OFD_XML, "Doc_0/Document.xml": b'<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016">'
           b'<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'}),
     "not a valid .ofd file: its page Doc_0/Pages/Page_0/Content.xml is missing or not XML"),
    (_bomb, "not a valid .ofd file: it would unpack to 300 MB (a zip bomb?)"),
])
def test_damaged_or_false_ofd_files_fail_with_a_clear_reason(tmp_path, content, message):
    (tmp_path / "bad.ofd").write_bytes(content() if callable(content) else content)
    with pytest.raises(LoadError) as error:
        load_text(tmp_path / "bad.ofd")
    assert str(error.value).startswith(message)
