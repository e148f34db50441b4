"""Legacy Word (.doc, and .wps in the same binary format): read by Debian's antiword, like its text.

tests/fixtures/legacy_word.doc was made from tests/fixtures/legacy_word.txt (the reference plan and a
task-division table) by tests/make_legacy_doc.py with LibreOffice, once: no Python library writes the Word
binary format. Reading it needs only antiword (apt-get install antiword; .ci/run installs it).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.loaders import LoadError, load_text
from ingest.pipeline import parse_file
from settings import Settings

PROJECT = Path(__file__).resolve().parents[1]
FIXTURES = PROJECT / "tests" / "fixtures"
DOC, TEXT = FIXTURES / "legacy_word.doc", FIXTURES / "legacy_word.txt"

needs_antiword = pytest.mark.skipif(shutil.which("antiword") is None,
                                    reason="antiword is not installed (apt-get install antiword; .ci/run does)")


def _clauses(path):
    return [(c.locator, c.title, c.lead, c.responsible) for c in parse_file(path).clauses]


@needs_antiword
def test_a_doc_reads_as_its_text_line_for_line_with_table_rows_joined_by_bars():
    assert load_text(DOC) == TEXT.read_text(encoding="utf-8").strip()


@needs_antiword
def test_a_doc_gives_the_same_clauses_locators_and_units_as_its_text():
    from_doc = parse_file(DOC)
    assert from_doc.title == parse_file(TEXT).title == "枣庄市“十大创新”2022年行动计划科技研发创新2022年行动计划"
    assert _clauses(DOC) == _clauses(TEXT)
    task6 = next(c for c in from_doc.clauses if c.locator == "二(二)6")
    assert (task6.lead, task6.responsible) == (["市工业和信息化局"], ["市工业和信息化局", "市财政局"])


@needs_antiword
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_ingested_doc_or_same_binary_wps_gives_the_tables_responsibility_rows(tmp_path, suffix):
    from vectorstore.knowledge_base import KnowledgeBase

    copy = tmp_path / f"分工方案{suffix}"
    copy.write_bytes(DOC.read_bytes())
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data"))
    report = kb.ingest([copy], progress=False)  # read in the reader's child process, like a .docx
    assert not report.failed and len(report.added) == 1
    rows = {r["locator"]: (r["lead"], r["responsible"]) for r in kb.tasks()}
    assert rows["二(二)6"] == (["市工业和信息化局"], ["市工业和信息化局", "市财政局"])
    # the annex's table falls under the last clause: its own note, then one duty per table row
    last = [(r["locator"], r["lead"], r["responsible"]) for r in kb.tasks() if r["clause_locator"] == "三(三)"]
    assert last == [("三(三)·1", ["市科技局"], ["市科技局"]), ("三(三)·2", ["市工业和信息化局"], ["市财政局"]),
                    ("三(三)·3", ["市科技局"], ["各区（市）政府"])]


def test_without_antiword_a_doc_fails_with_a_reason_naming_the_package_and_the_rest_is_ingested(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "plan.doc").write_bytes(DOC.read_bytes())
    (folder / "plan.txt").write_text("某市行动方案\n一、工作目标\n到2025年建成10个平台。（责任单位：市科技局）", encoding="utf-8")
    no_antiword = tmp_path / "bin"  # a PATH holding no antiword
    no_antiword.mkdir()
    result = subprocess.run([sys.executable, "app.py", "ingest", str(folder), "--json", "--data-dir", str(tmp_path / "data")],
                            cwd=PROJECT, capture_output=True, text=True, timeout=600,
                            env={"PATH": str(no_antiword), "HF_HUB_OFFLINE": "1", "ANONYMIZED_TELEMETRY": "False"})
    assert result.returncode == 1, result.stderr
    summary = json.loads(result.stdout)
    assert summary["added"] == 1
    assert summary["failed"] == [{"path": str(folder / "plan.doc"), "error":
                                  "reading .doc files needs the system package antiword (apt-get install antiword), "
                                  "which is not installed here"}]


@pytest.mark.parametrize("name,content,message", [
    ("new.doc", b"PK\x03\x04" + b"\x00" * 200, "not a valid .doc file: this is a newer .docx file; name it .docx"),
    ("letter.doc", b"{\\rtf1\\ansi hello}", "not a valid .doc file: this is an RTF file; save it as .docx"),
    ("noise.wps", b"\x01\x02 binary noise " * 20, "not a valid .wps file (not a Word 97-2003 document)"),
])
def test_files_that_are_no_word_binary_fail_with_what_they_are(tmp_path, name, content, message):
    (tmp_path / name).write_bytes(content)
    with pytest.raises(LoadError) as error:
        load_text(tmp_path / name)
    assert str(error.value) == message


@needs_antiword
def test_a_truncated_doc_fails_with_antiwords_reason(tmp_path):
    (tmp_path / "cut.doc").write_bytes(DOC.read_bytes()[:5000])
    with pytest.raises(LoadError) as error:
        load_text(tmp_path / "cut.doc")
    assert str(error.value) == "could not read the .doc file: the file is not a Word Document."
