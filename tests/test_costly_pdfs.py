"""Issue 13 item 2 for PDFs: what one PDF may cost is bounded — parse time, memory, pages to OCR.

Each crafted PDF is written here byte by byte: a few pages whose content streams
(FlateDecode) inflate to tens of MB. pypdf caps one stream's inflated size
(75 MB, pypdf.Configuration.zlib_maximum_output_length) and the tokens it parses
per stream, but not what a file's pages cost together: pages sharing one stream
of 70 MB of blanks cost ~7 s each while their (absent) images are looked for, and
pages with distinct 56 MB inline images keep ~70 MB each in memory. Before, a
75 KB file of 20 blank pages took 122–136 s in-process, and 1.1 MB of 20 inline
images 160 s and 2.5 GB. Now the text layer and page
images are read in the reader's child process (ingest.reader_process) under
settings.max_parse_seconds and max_parse_memory_bytes, and the file fails with
the reason while a good file in the same ingest is added.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable
from pathlib import Path

import pytest

from ingest.loaders import LoadError
from ingest.reader_process import ReaderProcess
from settings import Settings
from tests.conftest import REFERENCE_PLAN
from tests.documents import write_pdf
from vectorstore.knowledge_base import KnowledgeBase

MB = 1 << 20
PLAN_LINES = REFERENCE_PLAN.read_text(encoding="utf-8").split("\n")


def crafted_pdf(path: Path, streams: Iterable[bytes], pages: list[int]) -> Path:
    """A valid PDF whose page n draws content stream `streams[pages[n]]` (FlateDecode; pages may share one)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"",
               b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    first_stream = len(objects) + 1
    for data in streams:  # one at a time: a generator's streams are never all in memory
        packed = zlib.compress(data, 9)
        objects.append(b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream")
    first_page = len(objects) + 1
    for stream in pages:
        objects.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> "
                       b"/Contents %d 0 R >>" % (first_stream + stream))
    kids = b" ".join(b"%d 0 R" % (first_page + n) for n in range(len(pages)))
    objects[1] = b"<< /Type /Pages /Kids [" + kids + b"] /Count %d >>" % len(pages)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    path.write_bytes(out)
    return path


def blank_pages_pdf(path: Path, pages: int) -> Path:
    """`pages` pages sharing one content stream of 70 MB of blanks (under pypdf's 75 MB per stream): no text
    layer, so each page's images are looked for, parsing the 70 MB again — ~7 s a page."""
    return crafted_pdf(path, [b" " * (70 * MB)], [0] * pages)


def inline_images_pdf(path: Path, pages: int) -> Path:
    """`pages` pages, each with its own inline image of 7680×7680 black pixels (59 MP, under OCR's 60 MP limit,
    56 MB inflated): pypdf keeps each page's parsed stream, ~70 MB a page."""
    return crafted_pdf(path, (b"q BI /W 7680 /H 7680 /BPC 8 /CS /G ID " + bytes(7680 * 7680) + b" EI Q %d" % n
                              for n in range(pages)), list(range(pages)))


@pytest.fixture(scope="module")
def costly_pdfs(tmp_path_factory):
    """Two crafted PDFs and a good one, ingested together with the default caps."""
    root = tmp_path_factory.mktemp("costly-pdfs")
    folder = root / "inbox"
    folder.mkdir()
    files = {
        # 20 pages of 56 MB inline images in a 1.3 MB file: ~1.4 GB for pypdf, over the 1 GB cap
        "inline images.pdf": inline_images_pdf(folder / "inline images.pdf", 20),
        # one page whose stream inflates to 500 MB of blanks: pypdf's own limit stops it at 75 MB
        "one huge stream.pdf": crafted_pdf(folder / "one huge stream.pdf", [b" " * (500 * MB)], [0]),
        "z good.pdf": write_pdf(folder / "z good.pdf", PLAN_LINES[:30], width=45),
    }
    kb = KnowledgeBase(Settings(data_dir=root / "data"))
    started = time.monotonic()
    report = kb.ingest([folder], progress=False)
    return kb, report, files, time.monotonic() - started


def test_a_pdf_needing_more_memory_than_the_cap_fails_with_the_reason_and_the_good_pdf_is_added(costly_pdfs):
    kb, report, files, _ = costly_pdfs
    assert files["inline images.pdf"].stat().st_size < 2 * MB
    assert report.outcome(files["inline images.pdf"]) == (
        "failed: reading it needs more than 1024 MB of memory (settings.max_parse_memory_bytes); "
        "a zip bomb or a damaged file?")
    assert report.outcome(files["z good.pdf"]) == "added"
    assert [d.file_name for d in kb.documents()] == ["z good.pdf"]
    assert kb.check_consistency() == []


def test_a_stream_inflating_past_pypdfs_own_limit_fails_as_unreadable(costly_pdfs):
    kb, report, files, seconds = costly_pdfs
    assert files["one huge stream.pdf"].stat().st_size < MB
    assert report.outcome(files["one huge stream.pdf"]).startswith(
        "failed: could not read PDF: LimitReachedError: Limit reached while decompressing.")
    assert seconds < 3 * Settings().max_parse_seconds


def test_a_pdf_over_the_parse_deadline_is_killed_and_the_next_pdf_is_read(tmp_path):
    bomb = blank_pages_pdf(tmp_path / "blank pages.pdf", 200)  # ~25 min in-process before
    good = write_pdf(tmp_path / "good.pdf", PLAN_LINES[:10], width=45)
    assert bomb.stat().st_size < 200 * 1024
    settings = Settings(max_parse_seconds=3)
    with ReaderProcess(settings) as reader:
        started = time.monotonic()
        with pytest.raises(LoadError) as failure:
            reader.load(bomb)
        assert time.monotonic() - started < 3 * settings.max_parse_seconds
        assert str(failure.value) == ("reading it took longer than 3 s (settings.max_parse_seconds); "
                                      "a zip bomb or a damaged file?")
        assert reader.load(good).split("\n")[0] == PLAN_LINES[0][:45]


def test_a_pdf_with_more_scanned_pages_than_the_setting_fails_before_any_is_ocrd(tmp_path):
    pages = blank_pages_pdf(tmp_path / "blank pages.pdf", 3)
    with ReaderProcess(Settings(max_ocr_pages=2)) as reader, pytest.raises(LoadError) as failure:
        reader.load(pages)
    assert str(failure.value) == ("3 pages have no text layer and would need OCR; at most 2 a file are read "
                                  "(settings.max_ocr_pages)")


def test_a_pdf_is_read_in_the_child_and_its_text_is_the_same_as_in_process(tmp_path):
    from ingest.loaders import load_text

    good = write_pdf(tmp_path / "good.pdf", PLAN_LINES[:60], width=45)
    with ReaderProcess(Settings()) as reader:
        text = reader.load(good)
        assert reader._proc is not None  # read by the child
    assert text == load_text(good)
    assert text.split("\n")[:3] == [line[:45] for line in PLAN_LINES[:3]]
