"""Shared fixtures: the bundled documents and a knowledge base ingested from them once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import settings  # noqa: F401  (offline environment before anything else)
from settings import Settings

PROJECT = Path(__file__).resolve().parent.parent
CORPUS = PROJECT / "corpus"
REFERENCE_PLAN = CORPUS / "zaozhuang_rd_innovation_plan_2022.txt"


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def bundled_kb(tmp_path_factory):
    """A knowledge base with the bundled documents, shared by read-only tests."""
    from vectorstore.knowledge_base import KnowledgeBase

    data_dir = tmp_path_factory.mktemp("bundled-kb")
    kb = KnowledgeBase(Settings(data_dir=data_dir))
    report = kb.ingest([CORPUS], progress=False)
    assert not report.failed
    return kb


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
