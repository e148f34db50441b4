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
