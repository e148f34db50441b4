"""Issue 13 item 6: a full disk — one clear line, the committed state readable, repaired on the next run.

The data directory is on a real 20 MB tmpfs mounted by the test (CI runs as
root; elsewhere the test is skipped with the reason), filled to the last
byte with a file. Every step runs the real CLI or the real web app in a
subprocess, as a user would.
"""

from __future__ import annotations

import errno
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from settings import Settings
from tests.conftest import CORPUS, PROJECT, copy_of_bundled_data
from vectorstore.disk_space import no_space
from vectorstore.knowledge_base import KnowledgeBase

DEV_CORPUS = PROJECT / "eval" / "dev" / "corpus"
DESIGN_QUESTION = "首台套重大技术装备推广由哪个部门负责"


@pytest.fixture
def small_disk(tmp_path):
    """A 20 MB tmpfs, unmounted (lazily: Chroma may still hold a file) at the end."""
    mount_point = tmp_path / "disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=20m", "tmpfs", str(mount_point)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a 20 MB tmpfs here (needs root or CAP_SYS_ADMIN): {mounted.stderr.strip()}")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(disk: Path, name: str = "filler") -> Path:
    """Write zeros until the disk has no free byte left."""
    filler = disk / name
    with open(filler, "wb", buffering=0) as out:
        for size in (1 << 20, 4096, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    assert shutil.disk_usage(disk).free == 0
    return filler


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "app.py", *args], cwd=PROJECT, capture_output=True, text=True, timeout=600)


def error_lines(stderr: str) -> list[str]:
    return [line for line in re.split(r"[\r\n]", stderr) if line.startswith("error:")]


@pytest.mark.slow
def test_a_full_disk_is_one_clear_line_the_committed_state_stays_readable_and_the_next_run_repairs(small_disk,
                                                                                                    bundled_data):
    from ui.testing import running_app

    data = copy_of_bundled_data(bundled_data, small_disk / "data")  # committed: the 4 bundled documents
    common = ["--data-dir", str(data)]
    assert (data / "space.reserve").stat().st_size == Settings().disk_reserve_bytes
    filler = fill(small_disk)

    # Readers open the store on a disk without a free byte (Chroma writes a journal to open it).
    docs = cli("docs", "--json", *common)
    assert docs.returncode == 0, docs.stderr
    assert sorted(d["file_name"] for d in json.loads(docs.stdout)) == sorted(p.name for p in CORPUS.glob("*.txt"))

    # A write says so in one line, and exits non-zero.
    full = cli("ingest", str(DEV_CORPUS), *common)
    assert full.returncode == 2
    assert error_lines(full.stderr) == [f"error: {no_space(data)}"]
    assert "Traceback" not in full.stderr

    # What was committed is still read: the CLI, and the web app starts and answers.
    asked = cli("ask", DESIGN_QUESTION, "--json", *common)
    assert asked.returncode == 0, asked.stderr
    assert json.loads(asked.stdout)["units"]["lead"] == ["市工业和信息化局"]
    with running_app(data) as url, httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
        response = http.post("/api/ask", json={"question": DESIGN_QUESTION})
        assert (response.status_code, response.json()["units"]["lead"]) == (200, ["市工业和信息化局"])
        assert len(http.get("/api/docs").json()) == 4

    # Space is back: the same ingest finishes, and the knowledge base is exactly consistent.
    filler.unlink()
    again = cli("ingest", str(DEV_CORPUS), str(CORPUS), "--json", *common)
    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert (report["added"], report["unchanged"], report["failed"]) == (12, 4, [])
    kb = KnowledgeBase(Settings(data_dir=data))
    assert len(kb.documents()) == 16 and kb.check_consistency() == []
    assert (data / "space.reserve").exists()  # held again for the next time the disk fills


def test_an_ingest_does_not_start_while_the_disk_has_no_room_for_the_reserve(small_disk, bundled_data):
    data = copy_of_bundled_data(bundled_data, small_disk / "data")  # as `ingest corpus` left it
    (data / "space.reserve").unlink()
    fill(small_disk)
    refused = cli("ingest", str(DEV_CORPUS), "--data-dir", str(data))
    assert (refused.returncode, error_lines(refused.stderr)) == (2, [f"error: {no_space(data)}"])
    assert "ingesting" not in refused.stderr  # refused before reading a file
