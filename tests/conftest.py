"""Shared fixtures: the bundled documents, ingested once per test run into a data directory that tests copy
(copying 5 MB takes milliseconds; an ingest, a few seconds of CPU), and a knowledge base on such a copy."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import settings  # noqa: F401  (offline environment before anything else)
from settings import Settings

# Two test workers, and the servers and CLI processes they start, share the cores: one BLAS/OpenMP thread
# each (inherited by every subprocess). With the encoders' default of one per CPU they oversubscribe the
# cores and the embedding takes several times the CPU (vectorstore/embeddings.py, blas_threads).
os.environ.setdefault("OMP_NUM_THREADS", "1")

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"
REFERENCE_PLAN = CORPUS / "zaozhuang_rd_innovation_plan_2022.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def bundled_data(tmp_path_factory) -> Path:
    """A data directory where `python app.py ingest corpus` put the bundled documents into the default
    knowledge base: made once per run, by the first of the parallel workers to need it (the other waits
    for it). Read-only: a test that opens, serves or changes it takes a copy (`copy_of_bundled_data`)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the run's directory, shared by its workers (popen-gw0, popen-gw1 … are in it)
    data = root / "bundled-data"
    with open(root / "bundled-data.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes, also if this worker dies
        if not data.is_dir():
            building = root / "bundled-data.partial"
            shutil.rmtree(building, ignore_errors=True)
            environment = {k: v for k, v in os.environ.items() if not k.startswith("POLICYDESK_")}  # defaults only
            done = subprocess.run([sys.executable, "app.py", "ingest", str(CORPUS), "--data-dir", str(building), "--json"],
                                  cwd=PROJECT, env=environment, capture_output=True, text=True, timeout=600)
            assert done.returncode == 0 and json.loads(done.stdout)["failed"] == [], done.stderr[-3000:]
            building.rename(data)
    return data


def knowledge_base_of(root: Path, files: dict[str, str]):
    """A knowledge base of made-up documents: `files` (name → text) written under root/docs as real files and
    ingested into real Chroma under root/data."""
    from vectorstore.knowledge_base import KnowledgeBase

    (root / "docs").mkdir(parents=True)
    for name, text in files.items():
        (root / "docs" / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=root / "data"))
    kb.ingest([root / "docs"], progress=False)
    return kb


def answer_over(root: Path, files: dict[str, str], question: str):
    """The answer to `question` from a knowledge base of made-up documents (knowledge_base_of)."""
    from qa.chain import ask

    return ask(knowledge_base_of(root, files), question)


def copy_of_bundled_data(bundled_data: Path, target: Path) -> Path:
    """`target`, a data directory of its own holding the bundled documents (as a first ingest leaves it)."""
    shutil.copytree(bundled_data, target)
    return target


@pytest.fixture(scope="session")
def bundled_kb(bundled_data, tmp_path_factory):
    """A knowledge base with the bundled documents, shared by read-only tests."""
    from vectorstore.knowledge_base import KnowledgeBase

    data_dir = copy_of_bundled_data(bundled_data, tmp_path_factory.mktemp("bundled-kb") / "data")
    return KnowledgeBase(Settings(data_dir=data_dir))


@pytest.fixture
def fresh_settings(tmp_path) -> Settings:
    return Settings(data_dir=tmp_path / "data")


@pytest.fixture
def corpus_copy(tmp_path) -> Path:
    """A writable copy of the bundled documents."""
    target = tmp_path / "docs"
    shutil.copytree(CORPUS, target)
    return target


def pytest_collection_modifyitems(config, items):
    """The `longest` tests first: in a parallel run (pytest.ini) one worker starts on them while the other
    takes the remaining files; the order is otherwise the files' own."""
    items.sort(key=lambda item: item.get_closest_marker("longest") is None)
