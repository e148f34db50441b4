"""Hybrid retrieval: dense (Chroma) and keyword (BM25 over jieba tokens), fused by RRF.

A LangChain `BaseRetriever`, so it plugs into any LangChain chain; `search()`
returns our own `Hit`s with each retriever's score and rank kept for display.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from vectorstore.knowledge_base import KnowledgeBase
from vectorstore.records import Hit


def reciprocal_rank_fusion(rankings: list[list[str]], k: int, weights: list[float] | None = None) -> dict[str, float]:
    """score(id) = Σ weight / (k + rank) over the rankings that contain it."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[str, float] = {}
    for ranking, weight in zip(rankings, weights):
        for rank, chunk_id in enumerate(ranking, 1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + weight / (k + rank)
    return scores


class HybridRetriever(BaseRetriever):
    model_config = ConfigDict(arbitrary_types_allowed=True)

    kb: Any  # KnowledgeBase
    k: int = 5
    doc_ids: list[str] | None = None  # restrict to these documents

    def search(self, query: str, k: int | None = None, keyword_query: str | list[str] | None = None,
               doc_ids: list[str] | None = None) -> list[Hit]:
        """Top-k hits. `keyword_query` overrides what BM25 sees (e.g. tokens expanded from English)."""
        kb: KnowledgeBase = self.kb
        settings = kb.settings
        k = k or self.k
        doc_ids = doc_ids if doc_ids is not None else self.doc_ids
        dense = kb.dense_search(query, settings.candidate_k, doc_ids)
        keyword_index = kb.keyword_index()
        positions = keyword_index.positions_of_docs(doc_ids) if doc_ids else None
        keyword = keyword_index.search(keyword_query if keyword_query is not None else query, settings.candidate_k,
                                       positions=positions)

        fused = reciprocal_rank_fusion([[h.chunk_id for h in dense], [h.chunk_id for h in keyword]], settings.rrf_k)
        top = sorted(fused, key=lambda i: -fused[i])[:k]
        by_id = {h.chunk_id: h for h in dense}
        missing = [i for i in top if i not in by_id]
        by_id.update(kb.get_hits(missing))
        keyword_rank = {h.chunk_id: (r, h.score) for r, h in enumerate(keyword, 1)}
        hits = []
        for chunk_id in top:
            hit = by_id.get(chunk_id)
            if hit is None:  # deleted since the keyword index was made (a write under way replaced it)
                continue
            hit.score = fused[chunk_id]
            if chunk_id in keyword_rank:
                hit.keyword_rank, hit.keyword_score = keyword_rank[chunk_id]
            hits.append(hit)
        return hits

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[LCDocument]:
        return [
            LCDocument(page_content=h.quote, metadata={k: v for k, v in h.to_dict().items() if k != "quote"})
            for h in self.search(query)
        ]
