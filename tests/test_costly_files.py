"""Issue 13 item 2: what one file may cost is bounded — bytes unpacked, parse time, memory.

Each crafted .docx is built here with zipfile: a small archive whose
document.xml inflates to tens or hundreds of MB, padded with random bytes
(stored, incompressible) so that the whole file stays under the compression
ratio the old check trusted. Before the fix, a 190 KB one of them took 76 s
and 1.3 GB to load. Now each fails with its reason, within the caps of
settings (max_unpacked_bytes, max_parse_memory_bytes, max_parse_seconds),
while a good file in the same ingest is added.
"""

from __future__ import annotations

import os
import random
import time
import zipfile
from pathlib import Path

import pytest

from ingest.loaders import LoadError
from ingest.reader_process import ReaderProcess
from settings import Settings
from tests.conftest import REFERENCE_PLAN
from tests.documents import write_docx
from vectorstore.knowledge_base import KnowledgeBase

MB = 1 << 20
RUN = "<w:r><w:t>政策</w:t></w:r>".encode("utf-8")  # one run of two characters: 28 bytes of XML
PLAN_LINES = REFERENCE_PLAN.read_text(encoding="utf-8").split("\n")


def crafted_docx(target: Path, unit: bytes, body_bytes: int, padding_bytes: int = 0, wrap: tuple[bytes, bytes] = (b"", b"")) -> Path:
    """A real .docx whose body is `unit` repeated to `body_bytes` (inside `wrap`), plus `padding_bytes` of
    random bytes stored uncompressed in word/media/: the padding keeps unpacked / packed under a ratio."""
    source = write_docx(target.with_suffix(".base.docx"), ["关于测试的通知"])
    with zipfile.ZipFile(source) as original, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
        xml = original.read("word/document.xml")
        start = xml.index(b"<w:body>") + len(b"<w:body>")
        for name in original.namelist():
            if name != "word/document.xml":
                out.writestr(name, original.read(name))
        with out.open("word/document.xml", "w", force_zip64=True) as handle:
            handle.write(xml[:start] + wrap[0])
            block = unit * (MB // len(unit))
            for _ in range(-(-body_bytes // len(block))):
                handle.write(block)
            handle.write(wrap[1] + xml[start:])
        if padding_bytes:
            out.writestr(zipfile.ZipInfo("word/media/padding.bin"), random.Random(13).randbytes(padding_bytes),
                         compress_type=zipfile.ZIP_STORED)
    source.unlink()
    return target


def unpacked_bytes(path: Path) -> int:
    with zipfile.ZipFile(path) as archive:
        return sum(info.file_size for info in archive.infolist())


def ratio(path: Path) -> float:
    return unpacked_bytes(path) / path.stat().st_size


@pytest.fixture(scope="module")
def costly_batch(tmp_path_factory):
    """Three crafted .docx files and a good one, ingested together with the default caps."""
    root = tmp_path_factory.mktemp("costly")
    folder = root / "inbox"
    folder.mkdir()
    files = {
        # 270 MB of runs in a 3.8 MB file (ratio 74): over settings.max_unpacked_bytes (256 MB)
        "huge repeated runs.docx": crafted_docx(folder / "huge repeated runs.docx", RUN, 270 * MB, 3 * MB, (b"<w:p>", b"</w:p>")),
        # 60 MB of empty paragraphs in a ~130 KB file: under every byte limit, ~1.4 GB for lxml
        "many tiny elements.docx": crafted_docx(folder / "many tiny elements.docx", b"<w:p/>", 60 * MB),
        # 100 MB of runs padded with 400 KB of random bytes (690 KB, ratio 152): under the 200x ratio and the byte limit
        "padding under the ratio.docx": crafted_docx(folder / "padding under the ratio.docx", RUN, 100 * MB, 400 * 1024,
                                                     (b"<w:p>", b"</w:p>")),
        "z good.docx": write_docx(folder / "z good.docx", PLAN_LINES),  # read after the others, by a fresh child
    }
    assert ratio(files["huge repeated runs.docx"]) < 200 and ratio(files["padding under the ratio.docx"]) < 200
    assert 64 * MB < unpacked_bytes(files["padding under the ratio.docx"]) < Settings().max_unpacked_bytes
    kb = KnowledgeBase(Settings(data_dir=root / "data"))
    started = time.monotonic()
    report = kb.ingest([folder], progress=False)
    return kb, report, files, time.monotonic() - started


MEMORY_REASON = ("failed: reading it needs more than 1024 MB of memory (settings.max_parse_memory_bytes); "
                 "a zip bomb or a damaged file?")


@pytest.mark.parametrize("name, outcome", [
    ("huge repeated runs.docx",
     "failed: not a valid .docx file: it unpacks to more than 256.0 MB (settings.max_unpacked_bytes; a zip bomb?)"),
    ("many tiny elements.docx", MEMORY_REASON),
    ("padding under the ratio.docx", MEMORY_REASON),
    ("z good.docx", "added"),
])
def test_each_costly_docx_fails_with_its_reason_and_the_good_file_is_added(costly_batch, name, outcome):
    kb, report, files, _ = costly_batch
    assert report.outcome(files[name]) == outcome


def test_the_costly_files_leave_a_consistent_knowledge_base_in_bounded_time(costly_batch):
    kb, report, files, seconds = costly_batch
    assert [d.file_name for d in kb.documents()] == ["z good.docx"]
    assert kb.check_consistency() == []
    # Each crafted file costs at most the deadline (it fails on memory or bytes long before).
    assert seconds < 3 * Settings().max_parse_seconds


@pytest.mark.slow
def test_a_file_over_the_parse_deadline_is_killed_and_the_next_file_is_read(tmp_path):
    slow = crafted_docx(tmp_path / "slow.docx", RUN, 60 * MB, 0, (b"<w:p>", b"</w:p>"))  # 76 s uncapped
    good = write_docx(tmp_path / "good.docx", PLAN_LINES[:10])
    settings = Settings(max_parse_seconds=2, max_parse_memory_bytes=8 << 30)
    with ReaderProcess(settings) as reader:
        with pytest.raises(LoadError) as failure:
            reader.load(slow)
        assert str(failure.value) == ("reading it took longer than 2 s (settings.max_parse_seconds); "
                                      "a zip bomb or a damaged file?")
        assert reader.load(good).split("\n")[0] == PLAN_LINES[0]


def test_a_docx_unpacking_past_the_setting_fails_before_it_is_parsed(tmp_path):
    """Every part is inflated and its bytes counted (then dropped) before python-docx sees the file."""
    bomb = crafted_docx(tmp_path / "bomb.docx", RUN, 40 * MB, 0, (b"<w:p>", b"</w:p>"))
    settings = Settings(max_unpacked_bytes=16 * MB)
    with ReaderProcess(settings) as reader, pytest.raises(LoadError) as failure:
        reader.load(bomb)
    assert str(failure.value) == "not a valid .docx file: it unpacks to more than 16.0 MB (settings.max_unpacked_bytes; a zip bomb?)"


def test_plain_text_is_read_in_process_and_other_formats_in_the_child(tmp_path):
    good = write_docx(tmp_path / "good.docx", PLAN_LINES[:3])
    with ReaderProcess(Settings()) as reader:
        assert reader.load(REFERENCE_PLAN).startswith(PLAN_LINES[0])
        assert reader._proc is None  # no child for a .txt
        assert reader.load(good).split("\n") == PLAN_LINES[:3]
        child = reader._proc.pid
    with pytest.raises(ProcessLookupError):  # stopped with the reader
        os.kill(child, 0)


def test_a_reader_child_that_dies_is_reported_with_its_own_exit_code_and_last_words(tmp_path, monkeypatch):
    """A child that cannot even start (here: run where the project is not) fails the file with the child's own
    exit code (not the -9 of our kill) and the last line of its error output; the next good file is read."""
    import ingest.reader_process as reader_process

    docx = write_docx(tmp_path / "plan.docx", PLAN_LINES[:20])
    with ReaderProcess(Settings()) as reader:
        monkeypatch.setattr(reader_process, "PROJECT_DIR", tmp_path)
        with pytest.raises(LoadError) as died:
            reader.load(docx)
        monkeypatch.undo()
        assert PLAN_LINES[0] in reader.load(docx)
    message = str(died.value)
    assert message.startswith("the process reading it died (exit code 1; it said: ")
    assert message.endswith("No module named 'ingest'))")  # not a memory hint: the child said what it was


def test_a_process_holding_over_a_thousand_descriptors_still_reads_through_its_child(tmp_path):
    """select() takes no descriptor above 1023: a server (or a test session) holding that many open files must
    still read a .docx in the child — that failure was once reported as the child dying (exit code -9)."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"this machine allows only {hard} open files")
    resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 1200) if hard == resource.RLIM_INFINITY else min(max(soft, 1200), hard), hard))
    held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
    try:
        docx = write_docx(tmp_path / "plan.docx", PLAN_LINES[:20])
        with ReaderProcess(Settings()) as reader:
            assert PLAN_LINES[0] in reader.load(docx)
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_a_descriptor_above_1023_is_waited_on_without_error():
    from ingest.reader_process import readable

    held = []
    try:
        import resource

        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        if soft < 1200:
            pytest.skip(f"this process may hold only {soft} open files")
        held = [os.open(os.devnull, os.O_RDONLY) for _ in range(1100)]
        read, write = os.pipe()
        held += [read, write]
        assert read > 1023 and not readable(read, 0.05)
        os.write(write, b"x")
        assert readable(read, 0.05)
    finally:
        for fd in held:
            os.close(fd)


def test_the_memory_peak_read_is_the_address_space_the_cap_counts():
    """RLIMIT_AS caps the address space, which runs ahead of the resident size: a parse error raised near that cap
    ("unknown error" from lxml) is read against the peak virtual size, not the resident one it may stay well under."""
    import resource

    from ingest.reader_process import _peak_bytes

    assert _peak_bytes() >= resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
