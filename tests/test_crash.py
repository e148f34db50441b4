"""Crash safety: kill -9 in the middle of a large batch, then the same command again, equals a clean ingest.

The suite's longest test, in a module of its own so a parallel run (pytest.ini) gives it a worker
while the other runs the rest; `longest` makes it start first (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.conftest import CORPUS
from tests.test_hardening import finish, inspect, start
from vectorstore.knowledge_base import doc_id_of

pytestmark = [pytest.mark.slow, pytest.mark.longest]

NUMBER = re.compile(r"(\d+)(家|项|个|亿元|万元|名)")
HUGE = 20  # the batch's one document of 1,000 chunks: written in 4-5 upserts, so a kill can land inside it
# (it was ~2,000 chunks: the same test at twice the embedding, which was half the suite's time)
RUN_ON = "一、工作要求\n" + "".join(f"第{i}批：各区、各部门要按照本方案要求，细化工作措施，明确责任分工，抓好贯彻落实。"
                                     for i in range(7_000))


def make_batch(folder: Path, files: int = 40) -> list[Path]:
    """`files` documents copied from the bundled corpus, each with its own figures; every 20th holds all four
    documents, and number HUGE is one long clause of numbered sentences (over a thousand chunks)."""
    folder.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    written = []
    for k in range(files):
        text = RUN_ON if k == HUGE else "\n".join(texts) if k % 20 == 0 else texts[k % len(texts)]
        text = NUMBER.sub(lambda m: f"{int(m.group(1)) + k}{m.group(2)}", text, count=2)
        path = folder / f"doc{k:03d}.txt"
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def progress(stderr: str, bar: str = "ingesting") -> tuple[int, int]:
    """(done, total) of the last update of a tqdm bar in a process's stderr."""
    found = re.findall(bar + r":\s*\d+%\|[^|\r\n]*\|\s*(\d+)/(\d+)", stderr)
    return (int(found[-1][0]), int(found[-1][1])) if found else (0, 0)


def inside_the_huge_document(stderr: str) -> bool:
    """The write of the huge document is under way: more chunks written than anything queued before it
    (under 256), fewer than all (its head is the last)."""
    done, total = progress(stderr, "  embedding")
    return 512 <= done < total


def test_kill_9_mid_batch_then_rerun_equals_a_clean_ingest(tmp_path):
    from ingest.pipeline import parse_file

    batch = make_batch(tmp_path / "batch")
    killed, clean = tmp_path / "killed", tmp_path / "clean"
    ingest = ["app.py", "ingest", str(tmp_path / "batch"), "--data-dir"]

    run = start([*ingest, str(killed)])
    run.wait_for(lambda: inside_the_huge_document(run.stderr), timeout=600)
    run.proc.kill()  # SIGKILL: no cleanup of any kind
    finish(run)
    assert run.proc.returncode == -9
    after_kill = inspect(killed)
    written = {doc_id_of(i) for i in after_kill["ids"]}
    complete = set(after_kill["heads"])
    assert HUGE // 2 < len(complete) < len(batch)
    partial = written - complete
    huge = batch[HUGE]
    assert partial == {parse_file(huge).doc_id}  # killed inside it: some chunks, no head
    assert any("orphan chunks of document" in p for p in after_kill["problems"])
    huge.write_text(huge.read_text(encoding="utf-8") + "\n附：修订后的版本。\n", encoding="utf-8")  # changed: sweep, not finish

    rerun, reference = start([*ingest, str(killed), "--json"]), start([*ingest, str(clean), "--json"])
    for process in (finish(rerun), finish(reference)):
        assert process.proc.returncode == 0, process.stderr[-3000:]
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] == len(complete - partial) and summary["failed"] == []

    resumed, fresh = inspect(killed), inspect(clean)
    assert resumed["problems"] == [] and fresh["problems"] == []
    assert resumed["ids"] == fresh["ids"]  # same chunk ids: nothing missing, nothing twice, no orphans
    assert len(resumed["ids"]) == len(set(resumed["ids"]))
    assert resumed["heads"] == fresh["heads"] and resumed["documents"] == fresh["documents"]
    assert len(resumed["heads"]) == len(batch)
    assert not {doc_id_of(i) for i in resumed["ids"]} & partial
