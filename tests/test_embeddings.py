"""The embedders' threads: how many BLAS threads the default (numpy) encoder uses."""

from __future__ import annotations

import os

from vectorstore.embeddings import UniversalSentenceEncoderEmbeddings


def test_the_numpy_encoder_uses_one_blas_thread_per_cpu_unless_omp_num_threads_says_otherwise(monkeypatch):
    monkeypatch.delenv("OMP_NUM_THREADS", raising=False)
    assert UniversalSentenceEncoderEmbeddings()._model.threads == (os.cpu_count() or 1)
    monkeypatch.setenv("OMP_NUM_THREADS", "1")  # what processes sharing the cores set (the tests do)
    assert UniversalSentenceEncoderEmbeddings()._model.threads == 1
    monkeypatch.setenv("OMP_NUM_THREADS", "not a number")
    assert UniversalSentenceEncoderEmbeddings()._model.threads == (os.cpu_count() or 1)
    assert UniversalSentenceEncoderEmbeddings(threads=3)._model.threads == 3  # an explicit count wins


def test_a_question_is_embedded_with_one_blas_thread_and_the_documents_count_is_kept(monkeypatch):
    import numpy as np

    embeddings = UniversalSentenceEncoderEmbeddings(threads=2)
    document = embeddings.embed_documents(["首台套装备由哪个部门负责"])[0]  # loads the backend
    backend = embeddings._model._backend
    seen = []
    encode = backend.encode
    monkeypatch.setattr(backend, "encode", lambda texts: seen.append(backend.threads) or encode(texts))
    query = embeddings.embed_query("首台套装备由哪个部门负责")
    assert seen == [1] and backend.threads == 2
    assert np.allclose(query, document, atol=1e-5)
