"""A long ingest embeds in an encoder process of its own (vectorstore.encoder_process): same vectors, and a
child that fails leaves the ingest to finish in-process."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from eval.bench import replicate_corpus
from settings import Settings
from vectorstore.embeddings import make_embeddings
from vectorstore.encoder_process import EncoderProcess, EncoderProcessError
from vectorstore.knowledge_base import KnowledgeBase
from tests.conftest import REFERENCE_PLAN

TEXTS = [line for line in REFERENCE_PLAN.read_text(encoding="utf-8").splitlines() if line.strip()][:40]


def _ready(encoder: EncoderProcess) -> EncoderProcess:
    import time

    while not encoder.ready():
        time.sleep(0.05)
    return encoder


def test_the_encoder_process_gives_exactly_the_vectors_of_the_embedder_in_this_process():
    encoder = _ready(EncoderProcess("use"))
    try:
        assert encoder.embed_documents(TEXTS) == make_embeddings("use").embed_documents(TEXTS)
    finally:
        encoder.close()


def test_an_encoder_process_that_is_gone_is_an_error_not_a_wait():
    encoder = _ready(EncoderProcess("use"))
    encoder._proc.kill()
    encoder._proc.wait()
    with pytest.raises(EncoderProcessError, match="encoder process"):
        encoder.embed_documents(TEXTS)
    encoder.close()


@pytest.mark.slow
def test_a_long_ingest_embeds_in_the_encoder_process_and_stores_the_vectors_an_ingest_here_stores(tmp_path):
    files = tmp_path / "files"
    replicate_corpus(6, files)  # 726 chunks: the child loads its model while the first batches are embedded here
    apart = KnowledgeBase(Settings(data_dir=tmp_path / "apart", encoder_process_after=0))
    here = KnowledgeBase(dataclasses.replace(apart.settings, data_dir=tmp_path / "here", encoder_process_after=None))
    report, alone = apart.ingest([files], progress=False), here.ingest([files], progress=False)

    assert 0 < report.embedded_apart < report.embedded == alone.embedded == 726
    assert alone.embedded_apart == 0
    stored = {kb: kb.collection.get(include=["embeddings"]) for kb in (apart, here)}
    vectors = {kb: dict(zip(got["ids"], got["embeddings"])) for kb, got in stored.items()}
    assert vectors[apart].keys() == vectors[here].keys()
    assert all(np.array_equal(vectors[apart][i], vectors[here][i]) for i in vectors[here])


def test_an_encoder_process_that_cannot_start_leaves_the_ingest_to_finish_here(tmp_path, monkeypatch, capsys):
    """No process to be had (a missing interpreter stands for the OS refusing one): the ingest embeds in-process."""
    import vectorstore.encoder_process as encoder_process

    monkeypatch.setattr(encoder_process.sys, "executable", str(tmp_path / "no-such-python"))
    with pytest.raises(EncoderProcessError, match="could not start"):
        EncoderProcess("use")
    files = tmp_path / "files"
    replicate_corpus(1, files)
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "data", encoder_process_after=0))
    report = kb.ingest([files], progress=False)
    assert report.embedded == kb.count() == 121 and report.embedded_apart == 0
    assert "could not start" in capsys.readouterr().err
