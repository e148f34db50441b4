"""A long ingest embeds in encoder processes of its own (vectorstore.encoder_process), which also cut the keyword
index's texts at its end: same vectors, same tokens, answers in the order asked, and a child that fails leaves the
ingest to finish in-process."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from eval.bench import replicate_corpus
from settings import Settings
from vectorstore.embeddings import make_embeddings
from vectorstore.encoder_process import EncoderPool, EncoderProcess, EncoderProcessError
from vectorstore.tokenizer import Tokenizer
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


@pytest.mark.parametrize("threads,processes", [("1", 1), ("2", 2), ("16", 4)])
def test_the_pool_takes_one_process_per_core_the_thread_budget_allows_at_most_four(monkeypatch, threads, processes):
    from vectorstore.encoder_process import default_processes

    monkeypatch.setenv("OMP_NUM_THREADS", threads)
    assert default_processes() == processes


def test_a_request_sent_before_the_model_is_loaded_waits_for_it():
    encoder = EncoderProcess("use")
    try:
        assert encoder.embed_documents(TEXTS[:3]) == make_embeddings("use").embed_documents(TEXTS[:3])
        assert encoder.ready()
    finally:
        encoder.close()


def test_an_encoder_process_that_is_gone_is_an_error_not_a_wait():
    encoder = _ready(EncoderProcess("use"))
    encoder._proc.kill()
    encoder._proc.wait()
    with pytest.raises(EncoderProcessError, match="encoder process"):
        encoder.embed_documents(TEXTS)
    encoder.close()


def _pool(processes: int = 2) -> EncoderPool:
    import time

    pool = EncoderPool("use", processes)
    while not pool.ready():
        time.sleep(0.05)
    return pool


def test_a_pool_answers_each_batch_with_its_own_vectors_whatever_child_embeds_it_and_however_far_ahead_it_was_asked():
    """Five batches handed to two children of one BLAS thread each before any is read, read back out of order:
    each gets exactly the vectors the embedder gives in this process (with its own threads)."""
    batches = [TEXTS[i : i + 6] for i in range(0, 30, 6)]
    assert len(batches) == 5 and all(batches)
    pool = _pool()
    try:
        tickets = [pool.submit(batch) for batch in batches]
        got = {t: pool.result(t) for t in reversed(tickets)}
    finally:
        pool.close()
    here = make_embeddings("use")
    assert all(np.array_equal(got[t], np.asarray(here.embed_documents(b), dtype=np.float32))
               for t, b in zip(tickets, batches))


def test_a_pool_cuts_texts_into_exactly_the_tokens_of_a_tokenizer_here_with_the_same_user_words():
    """Made-up texts around user words (one a word only the dictionary makes whole), numbers, Latin words,
    empty and punctuation-only texts, and control characters that a joined answer could not carry."""
    words = ["首台套", "市工业和信息化局", "揭榜挂帅"]
    texts = [f"第{i}条 市工业和信息化局牵头，对首台(套)装备给予{i * 10}万元奖励，实行揭榜挂帅。" for i in range(300)]
    texts += ["", "。。！", "OPC AI 算力券 2025", "制\x00度\x01创新é\x00", "  ", "申报材料\n营业执照"]
    pool = _pool()
    try:
        cut = list(pool.cut(texts, Tokenizer(words).user_words))
        again = list(pool.cut(texts[:3], Tokenizer([]).user_words))  # the dictionary changes with the next request
    finally:
        pool.close()
    assert cut == [Tokenizer(words).tokens(t) for t in texts]
    assert again == [Tokenizer([]).tokens(t) for t in texts[:3]]
    assert "揭榜挂帅" in cut[0] and "揭榜挂帅" not in again[0]


@pytest.mark.slow
def test_a_long_ingest_embeds_and_cuts_in_the_pool_and_stores_what_an_ingest_here_stores(tmp_path, monkeypatch):
    import vectorstore.knowledge_base as knowledge_base
    from vectorstore.token_cache import TokenCache

    monkeypatch.setattr(knowledge_base, "CUT_APART_MIN", 100)  # (so few chunks are cut apart too)
    files = tmp_path / "files"
    replicate_corpus(6, files)  # 726 chunks: the children load their model while the first batches are embedded here
    apart = KnowledgeBase(Settings(data_dir=tmp_path / "apart", encoder_process_after=0))
    here = KnowledgeBase(dataclasses.replace(apart.settings, data_dir=tmp_path / "here", encoder_process_after=None))
    report, alone = apart.ingest([files], progress=False), here.ingest([files], progress=False)

    assert 0 < report.embedded_apart < report.embedded == alone.embedded == 726
    assert alone.embedded_apart == 0
    stored = {kb: kb.collection.get(include=["embeddings"]) for kb in (apart, here)}
    vectors = {kb: dict(zip(got["ids"], got["embeddings"])) for kb, got in stored.items()}
    assert vectors[apart].keys() == vectors[here].keys()
    assert all(np.array_equal(vectors[apart][i], vectors[here][i]) for i in vectors[here])
    cut_apart, cut_here = (TokenCache.load(kb.settings.kb_dir / "bm25") for kb in (apart, here))
    assert report.tokenized == alone.tokenized == len(cut_here.ids) > 0
    assert cut_apart.vocab == cut_here.vocab and np.array_equal(cut_apart.tokens, cut_here.tokens)


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
