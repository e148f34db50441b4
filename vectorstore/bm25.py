"""The keyword index: BM25 (bm25s) over jieba tokens, derived from Chroma.

Chroma is the single source of truth. The keyword index is built from the
collection's chunks, saved beside it under `<data>/kb/<kb>/bm25/` with the
fingerprint of the collection it was built from (count and a hash of the
ids), and rebuilt whenever that fingerprint no longer matches. The directory
also holds every chunk's tokens (vectorstore.token_cache), so a rebuild
tokenises only the chunks that changed, and the clause facts derived from the
same chunks (vectorstore.clause_facts).
"""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np

from vectorstore.records import doc_id_of
from vectorstore.token_cache import TokenCache, text_key
from vectorstore.tokenizer import Tokenizer


def fingerprint(ids: list[str]) -> str:
    digest = hashlib.sha256()
    for chunk_id in sorted(ids):
        digest.update(chunk_id.encode())
        digest.update(b"\n")
    return f"{len(ids)}:{digest.hexdigest()[:24]}"


def _pairs(tokens: np.ndarray, offsets: np.ndarray, start: int, stop: int) -> tuple[np.ndarray, ...]:
    """The distinct (token, chunk) pairs of chunks start..stop, by token then chunk, with their counts."""
    n_docs = len(offsets) - 1
    doc = np.repeat(np.arange(start, stop, dtype=np.int64), np.diff(offsets[start:stop + 1]))
    key, tf = np.unique(tokens[offsets[start]:offsets[stop]].astype(np.int64) * n_docs + doc, return_counts=True)
    return (key // n_docs).astype(np.int32), (key % n_docs).astype(np.int32), tf


def bm25_matrix(tokens: np.ndarray, offsets: np.ndarray, n_vocab: int, k1: float, b: float,
                block: int = 4096) -> dict:
    """bm25s's score matrix (lucene BM25: token × chunk, CSC) from every chunk's token numbers, with numpy.

    bm25s's own index() counts each chunk's tokens in a Python loop: ~30 s for 121k chunks on
    a busy 2-core machine, most of an incremental rebuild. Chunks are taken a block at a time,
    twice: a first pass counts the document frequencies, a second counts each block's pairs again
    and writes their scores straight to their place in the matrix (a counting sort: within a
    token, chunks stay in order because blocks are). So the memory beside the result is one
    block's work, not a sort of all 10M-odd (token, chunk) pairs at once (which held ~40 bytes a
    pair: ~0.35 GB at 121k chunks, the ingest's peak); counting twice costs ~1 s there."""
    n_docs = len(offsets) - 1
    lengths = np.diff(offsets)
    df = np.zeros(n_vocab, dtype=np.int64)
    for start in range(0, n_docs, block):
        df += np.bincount(_pairs(tokens, offsets, start, min(n_docs, start + block))[0], minlength=n_vocab)
    idf = np.log(1 + (n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)
    indptr = np.zeros(n_vocab + 1, dtype=np.int64)
    np.cumsum(df, out=indptr[1:])
    del df
    data = np.empty(int(indptr[-1]), dtype=np.float32)
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    cursor = indptr[:-1].copy()  # where each token's next pair goes
    mean = lengths.mean() if n_docs else 0.0
    for start in range(0, n_docs, block):
        voc, row, tf = _pairs(tokens, offsets, start, min(n_docs, start + block))
        counts = np.bincount(voc, minlength=n_vocab)
        group = np.cumsum(counts) - counts  # where each token's pairs start within the block
        at = cursor[voc] + (np.arange(len(voc), dtype=np.int64) - group[voc])
        cursor += counts
        tf = tf.astype(np.float64)
        tfc = tf / (k1 * ((1 - b) + b * lengths[row] / mean) + tf)
        data[at] = (idf[voc] * tfc).astype(np.float32)
        indices[at] = row
    return {"data": data, "indices": indices, "indptr": indptr, "num_docs": n_docs}


@dataclass
class KeywordHit:
    chunk_id: str
    score: float


class KeywordIndex:
    def __init__(self, ids: list[str], tokenizer: Tokenizer, retriever: bm25s.BM25 | None, fp: str,
                 cache: TokenCache | None = None):
        self.ids = ids
        self.tokenizer = tokenizer
        self.retriever = retriever
        self.fingerprint = fp
        self.cache = cache  # the tokens it was built from, until saved (a loaded index has none)
        self.tokenized = cache.tokenized if cache is not None else 0  # chunks tokenised to build it
        self._doc_positions: dict[str, np.ndarray] | None = None

    # --- building and persistence --------------------------------------------------

    @classmethod
    def build(cls, ids: list[str], texts: Iterable[str], user_words: list[str]) -> "KeywordIndex":
        """Index `texts` (one per id) from scratch."""
        tokenizer = Tokenizer(user_words)
        fresh = {chunk_id: (text, text_key(text)) for chunk_id, text in zip(ids, texts)}
        return cls.from_cache(TokenCache.update(None, ids, fresh, {}, tokenizer, dict), tokenizer)

    @classmethod
    def from_cache(cls, cache: TokenCache, tokenizer: Tokenizer) -> "KeywordIndex":
        """The index of the chunks and tokens in `cache` (made by `tokenizer`)."""
        retriever = None
        if cache.ids:
            retriever = bm25s.BM25()  # lucene BM25, k1 1.5, b 0.75: bm25s's defaults, computed below
            retriever.scores = bm25_matrix(cache.tokens, cache.offsets, len(cache.vocab), retriever.k1, retriever.b)
            retriever.vocab_dict = {token: i for i, token in enumerate(cache.vocab)}
            retriever.vocab_dict.setdefault("", len(cache.vocab))  # as bm25s's own index() leaves it
            retriever.unique_token_ids_set = set(retriever.vocab_dict.values())
            retriever.nonoccurrence_array = None
        return cls(list(cache.ids), tokenizer, retriever, fingerprint(cache.ids), cache)

    def save(self, directory: Path, extra: dict[str, Path] | None = None) -> None:
        """Replace `directory` with this index, its token cache and the `extra` files (name → file, moved in)."""
        tmp = directory.with_name(directory.name + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        try:
            tmp.mkdir(parents=True)
            if self.retriever is not None:
                self.retriever.save(str(tmp / "bm25s"), show_progress=False)
            if self.cache is not None:
                self.cache.save(tmp)
            for name, path in (extra or {}).items():
                shutil.move(path, tmp / name)
            meta = {"fingerprint": self.fingerprint, "ids": self.ids, "user_words": self.tokenizer.user_words}
            (tmp / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
            (tmp / "fingerprint").write_text(self.fingerprint, encoding="utf-8")
        except OSError:  # a full disk: don't leave a half-written copy taking space
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        shutil.rmtree(directory, ignore_errors=True)
        tmp.rename(directory)  # the old index is replaced whole or not at all
        self.cache = None  # serving needs none of it: the next rebuild reads it from disk

    @staticmethod
    def saved_fingerprint(directory: Path) -> str | None:
        """The fingerprint of the index saved in `directory`, read without loading the index."""
        try:
            return (directory / "fingerprint").read_text(encoding="utf-8").strip()
        except OSError:
            return None

    @classmethod
    def load(cls, directory: Path) -> "KeywordIndex | None":
        try:
            meta = json.loads((directory / "meta.json").read_text(encoding="utf-8"))
            retriever = bm25s.BM25.load(str(directory / "bm25s"), show_progress=False, mmap=True) if meta["ids"] else None
        except (OSError, ValueError, KeyError):
            return None
        return cls(meta["ids"], Tokenizer(meta["user_words"]), retriever, meta["fingerprint"])

    def document_frequencies(self) -> dict[str, int]:
        """token → number of chunks containing it."""
        if self.retriever is None:
            return {}
        counts = np.diff(np.asarray(self.retriever.scores["indptr"]))
        return {token: int(counts[i]) for token, i in self.retriever.vocab_dict.items() if i < len(counts)}

    def positions_of_docs(self, doc_ids) -> np.ndarray:
        """Positions (into ids) of the chunks of these documents (chunk ids start with their doc id)."""
        if self._doc_positions is None:
            groups: dict[str, list[int]] = {}
            for i, chunk_id in enumerate(self.ids):
                groups.setdefault(doc_id_of(chunk_id), []).append(i)
            self._doc_positions = {doc: np.asarray(p, dtype=np.int64) for doc, p in groups.items()}
        parts = [self._doc_positions[d] for d in doc_ids if d in self._doc_positions]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)

    # --- search -------------------------------------------------------------------

    def search(self, query: str | list[str], k: int, positions: np.ndarray | None = None) -> list[KeywordHit]:
        """Top-k chunks by BM25. `query` is text, or tokens (repeat a token to weight it); only the
        chunks at `positions` (see positions_of_docs) when given."""
        if self.retriever is None:
            return []
        tokens = self.tokenizer.tokens(query) if isinstance(query, str) else query
        vocab = self.retriever.vocab_dict
        ids = [vocab[t] for t in tokens if t in vocab]
        if not ids:
            return []
        scores = self.retriever.get_scores(ids)
        if positions is not None:
            mask = np.zeros(len(self.ids), dtype=bool)
            mask[positions] = True
            scores = np.where(mask, scores, 0.0)
        k = min(k, len(self.ids))
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.argsort(-scores[top])]
        return [KeywordHit(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]
