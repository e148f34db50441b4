"""The baseline we must beat: the LangChain RAG tutorial pipeline, without an LLM.

    raw document text (ingest.loaders.load_text)
      → RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
      → the knowledge base's own embedder (kb.embeddings), a separate Chroma
        collection `baseline_<kb>` in the same store
      → similarity_search(question, k=4)
      → answer = the top chunk's text, citations = the 4 chunks, never refuses

Same documents, same embedder, same questions and scorer as ours: the margin
measures what clause structure, hybrid search, refusal and composition add.
Building is idempotent (chunk ids hash file name, position and text).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from langchain_chroma import Chroma
from langchain_text_splitters import RecursiveCharacterTextSplitter

from ingest.loaders import LoadError, load_text
from ingest.pipeline import discover_files
from qa.model import Answer, Citation
from vectorstore.chroma_store import open_client

CHUNK_SIZE = 1000
CHUNK_OVERLAP = 200
TOP_K = 4


def _language(text: str) -> str:
    return "zh" if any("\u4e00" <= ch <= "\u9fff" for ch in text) else "en"


class Baseline:
    def __init__(self, kb):
        self.kb = kb
        self.collection_name = f"baseline_{kb.settings.kb}"
        self.store = Chroma(
            collection_name=self.collection_name,
            embedding_function=kb.embeddings,
            client=open_client(kb.settings),
        )
        self.splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)

    def build(self, paths: list[str | Path]) -> dict:
        """Split and embed the files (only chunks not stored yet); drop chunks of files no longer given."""
        files, problems = discover_files(paths, self.kb.settings.allowed_suffixes)
        texts, metadatas, ids = [], [], []
        failed = [{"path": p, "error": e} for p, e in problems]
        for path in files:
            try:
                text = load_text(path)
            except LoadError as exc:
                failed.append({"path": str(path), "error": str(exc)})
                continue
            for i, chunk in enumerate(self.splitter.split_text(text)):
                chunk_id = hashlib.sha1(f"{path.name}\x00{i}\x00{chunk}".encode()).hexdigest()[:24]
                if chunk_id in ids:
                    continue  # the same file given twice
                texts.append(chunk)
                metadatas.append({"source": path.name, "chunk": i})
                ids.append(chunk_id)
        existing = set(self.store.get(include=[])["ids"])
        new = [i for i, chunk_id in enumerate(ids) if chunk_id not in existing]
        if new:
            self.store.add_texts([texts[i] for i in new], metadatas=[metadatas[i] for i in new], ids=[ids[i] for i in new])
        stale = sorted(existing - set(ids))
        if stale:
            self.store.delete(ids=stale)
        return {"files": len(files), "chunks": len(ids), "embedded": len(new), "removed": len(stale), "failed": failed}

    def answer(self, question: str, history: list[dict] | None = None) -> Answer:
        results = self.store.similarity_search_with_score(question, k=TOP_K)
        citations = [
            Citation(
                n=n,
                doc_title=doc.metadata.get("source", ""),
                source=doc.metadata.get("source", ""),
                locator=f"{doc.metadata.get('source', '')}#{doc.metadata.get('chunk', 0)}",
                title="",
                quote=doc.page_content,
                score=float(distance),
            )
            for n, (doc, distance) in enumerate(results, 1)
        ]
        return Answer(
            question=question,
            language=_language(question),
            intent="other",
            answer=citations[0].quote if citations else "",
            refused=False,
            citations=citations,
            retrieved=[c.locator for c in citations],
            retrieved_quotes=[c.quote for c in citations],
        )


def corpus_paths(kb) -> list[Path]:
    """The files the knowledge base was built from (for a run without --corpus)."""
    paths = []
    for document in kb.documents():
        existing = [Path(s) for s in document.sources if Path(s).exists()]
        if existing:
            paths.append(existing[0])
    return paths
