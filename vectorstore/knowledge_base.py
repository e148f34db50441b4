"""A knowledge base: one Chroma collection plus the keyword index derived from it.

This is the library API the CLI, the app and the tests call:

    kb = KnowledgeBase(Settings.from_env(kb="default"))
    report = kb.ingest(["corpus/"])          # idempotent
    kb.documents(); kb.tasks(unit="市财政局"); kb.remove("file.txt")

Ingestion is idempotent and crash-safe by construction: chunk ids are hashes
of their content, so a re-run compares the ids a document should have with
the ids it has, embeds only the missing ones and deletes the stale ones. A
document's head chunk (which lists its source files) is written last, so a
document interrupted mid-way is finished by the next run.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ingest.chunking import chunk_document
from ingest.loaders import LoadError
from ingest.model import Document
from ingest.pipeline import discover_files, parse_file
from settings import PROJECT_DIR, Settings
from vectorstore.bm25 import KeywordIndex, fingerprint
from vectorstore.chroma_store import StoreError, open_client, open_collection
from vectorstore.embeddings import make_embeddings
from vectorstore.records import Hit, chunk_metadata, loads
from vectorstore.tokenizer import user_words_from

GLOSSARY = PROJECT_DIR / "qa" / "lexicon" / "glossary.tsv"


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}
    chunks: int = 0  # chunks in the knowledge base after this run
    embedded: int = 0  # chunks embedded by this run
    seconds: float = 0.0

    def to_dict(self) -> dict:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "chunks": self.chunks,
            "embedded": self.embedded,
            "failed": self.failed,
            "files": {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "removed": self.removed},
        }


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    file_name: str
    sources: list[str]
    doc_number: str
    date: str
    clauses: int

    def to_dict(self) -> dict:
        return dict(self.__dict__)


class IngestLocked(Exception):
    """Another ingest holds the knowledge base's lock."""


class KnowledgeBase:
    def __init__(self, settings: Settings):
        self.settings = settings
        self.client = open_client(settings)
        self._collection = None
        self.embedder_spec = settings.embedder
        self._keyword: KeywordIndex | None = None
        self._keyword_count = -1

    # --- the collection ------------------------------------------------------------------

    @property
    def collection(self):
        if self._collection is None:
            self._collection, self.embedder_spec = open_collection(self.client, self.settings, create=True)
        return self._collection

    @property
    def embeddings(self):
        self.collection  # resolves the knowledge base's embedder
        return make_embeddings(self.embedder_spec)

    def count(self) -> int:
        return self.collection.count()

    # --- ingestion ---------------------------------------------------------------------------

    @contextmanager
    def _lock(self):
        self.settings.kb_dir.mkdir(parents=True, exist_ok=True)
        path = self.settings.kb_dir / "ingest.lock"
        with open(path, "a+") as handle:
            deadline = time.monotonic() + self.settings.lock_wait_seconds
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise IngestLocked(
                            f"another ingest is running on knowledge base '{self.settings.kb}' "
                            f"(lock {path}); try again when it has finished"
                        ) from None
                    if not told:
                        tqdm.write(f"waiting for another ingest on knowledge base '{self.settings.kb}' to finish…")
                        told = True
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def ingest(self, paths: list[str | Path], prune: bool = False, progress: bool = True) -> IngestReport:
        started = time.monotonic()
        report = IngestReport()
        with self._lock():
            files, problems = discover_files(paths, self.settings.allowed_suffixes)
            report.failed = [{"path": p, "error": e} for p, e in problems]
            documents, path_doc = self._parse_all(files, report, progress)
            heads = self._heads()
            self._write_documents(documents, path_doc, heads, report, progress)
            self._detach_moved_paths(path_doc, heads, report)
            if prune:
                self._prune(heads, set(documents), report)
            report.chunks = self.collection.count()
            self.refresh_keyword_index(force=bool(report.embedded or report.removed or report.updated))
        report.seconds = time.monotonic() - started
        return report

    def _parse_all(self, files: list[Path], report: IngestReport, progress: bool):
        documents: dict[str, Document] = {}
        path_doc: dict[str, str] = {}
        for path in tqdm(files, desc="parsing", unit="file", disable=not progress or not files):
            try:
                size = path.stat().st_size
                if size > self.settings.max_file_bytes:
                    raise LoadError(f"file too large ({size // 1048576} MB > {self.settings.max_file_bytes // 1048576} MB)")
                document = parse_file(path)
            except LoadError as exc:
                report.failed.append({"path": str(path), "error": str(exc)})
                continue
            except FileNotFoundError:
                report.failed.append({"path": str(path), "error": "file disappeared during ingestion"})
                continue
            except Exception as exc:  # a bug or an exotic file: record it, go on with the rest
                report.failed.append({"path": str(path), "error": f"unexpected error: {type(exc).__name__}: {exc}"})
                continue
            documents.setdefault(document.doc_id, document)
            path_doc[str(path.resolve())] = document.doc_id
        return documents, path_doc

    def _heads(self) -> dict[str, dict]:
        """doc_id → head chunk (id, metadata, sources) of every complete document."""
        result = self.collection.get(where={"doc_head": True}, include=["metadatas"])
        heads = {}
        for chunk_id, meta in zip(result["ids"], result["metadatas"]):
            heads[meta["doc_id"]] = {"id": chunk_id, "meta": meta, "sources": loads(meta, "sources")}
        return heads

    def _write_documents(self, documents, path_doc, heads, report, progress) -> None:
        plans = []
        for doc_id, document in documents.items():
            paths = [p for p, d in path_doc.items() if d == doc_id]
            previous = heads.get(doc_id, {}).get("sources", [])
            sources = list(dict.fromkeys(previous + paths))
            records = self._records(document, sources)
            existing = set(self.collection.get(where={"doc_id": doc_id}, include=[])["ids"])
            expected = {r[0] for r in records}
            to_add = [r for r in records if r[0] not in existing]
            stale = sorted(existing - expected)
            plans.append((document, paths, previous, sources, records, to_add, stale))

        reusable = self._vectors_of_replaced(plans, heads)
        total = sum(len(p[5]) for p in plans)
        bar = tqdm(total=total, desc="embedding", unit="chunk", disable=not progress or total == 0)
        for document, paths, previous, sources, records, to_add, stale in plans:
            self._add(to_add, bar, reusable)
            if stale:
                self.collection.delete(ids=stale)
            head_id, head_meta = records[0][0], records[0][2]
            if not to_add and sorted(previous) != sorted(sources):
                self.collection.update(ids=[head_id], metadatas=[{**head_meta, "sources": json.dumps(sources, ensure_ascii=False)}])
            report.embedded += sum(1 for r in to_add if r[1] not in reusable)
            for path in paths:
                old_doc = next((d for d, h in heads.items() if path in h["sources"]), None)
                if old_doc == document.doc_id and not to_add and not stale:
                    report.unchanged.append(path)
                elif old_doc is None and document.doc_id not in heads:
                    report.added.append(path)
                elif old_doc is None:
                    report.added.append(path)  # same content already known under another name
                else:
                    report.updated.append(path)
        bar.close()

    def _records(self, document: Document, sources: list[str]) -> list[tuple[str, str, dict]]:
        """(id, text to embed, metadata) for every chunk; the head chunk first."""
        records = []
        chunks = chunk_document(document, self.settings)
        clause_index = {c.locator: i for i, c in enumerate(document.clauses)}
        by_locator = {c.locator: c for c in document.clauses}
        for n, chunk in enumerate(chunks):
            clause = by_locator[chunk.locator]
            meta = chunk_metadata(document, clause, clause_index[chunk.locator], chunk, n == 0, sources)
            records.append((chunk.chunk_id, chunk.index_text, meta))
        return records

    def _vectors_of_replaced(self, plans, heads) -> dict[str, list[float]]:
        """Vectors of the old versions of changed files, by text: unchanged clauses are not embedded again."""
        old_docs = {d for plan in plans if plan[5] for d, h in heads.items() for p in plan[1] if p in h["sources"] and d != plan[0].doc_id}
        vectors: dict[str, list[float]] = {}
        for doc_id in old_docs:
            old = self.collection.get(where={"doc_id": doc_id}, include=["documents", "embeddings"])
            vectors.update({text: list(vector) for text, vector in zip(old["documents"], old["embeddings"])})
        return vectors

    def _add(self, records: list[tuple[str, str, dict]], bar, reusable: dict[str, list[float]]) -> None:
        """Embed (or reuse vectors) and add; the document's head (first record) goes in last."""
        if not records:
            return
        ordered = records[1:] + records[:1] if records[0][2].get("doc_head") else records
        size = self.settings.embed_batch_size
        for start in range(0, len(ordered), size):
            batch = ordered[start : start + size]
            new = [r[1] for r in batch if r[1] not in reusable]
            fresh = dict(zip(new, self.embeddings.embed_documents(new))) if new else {}
            vectors = [reusable.get(r[1]) or fresh[r[1]] for r in batch]
            self.collection.upsert(
                ids=[r[0] for r in batch],
                documents=[r[1] for r in batch],
                metadatas=[r[2] for r in batch],
                embeddings=vectors,
            )
            bar.update(len(batch))

    def _detach_moved_paths(self, path_doc: dict[str, str], heads: dict, report: IngestReport) -> None:
        """A file whose content changed no longer names its old document."""
        for doc_id, head in heads.items():
            keep = [s for s in head["sources"] if path_doc.get(s, doc_id) == doc_id]
            if keep == head["sources"]:
                continue
            if keep:
                self._set_sources(head, keep)
            else:
                self._delete_doc(doc_id)

    def _prune(self, heads: dict, seen: set[str], report: IngestReport) -> None:
        """Remove documents none of whose source files exist any more."""
        for doc_id, head in heads.items():
            if doc_id in seen:
                continue
            alive = [s for s in head["sources"] if Path(s).exists()]
            if not alive:
                self._delete_doc(doc_id)
                report.removed.extend(head["sources"] or [head["meta"].get("file_name", doc_id)])
            elif alive != head["sources"]:
                self._set_sources(head, alive)

    def _set_sources(self, head: dict, sources: list[str]) -> None:
        meta = {**head["meta"], "sources": json.dumps(sources, ensure_ascii=False), "file_name": Path(sources[0]).name}
        self.collection.update(ids=[head["id"]], metadatas=[meta])
        head["sources"] = sources

    def _delete_doc(self, doc_id: str) -> None:
        self.collection.delete(where={"doc_id": doc_id})

    # --- removal ---------------------------------------------------------------------------------

    def remove(self, name: str) -> list[DocumentInfo]:
        """Delete the documents matching a doc id, a file name, a source path or a title."""
        with self._lock():
            matches = [d for d in self.documents() if name in {d.doc_id, d.file_name, d.title} or name in d.sources
                       or str(Path(name).resolve()) in d.sources]
            for document in matches:
                self._delete_doc(document.doc_id)
            if matches:
                self.refresh_keyword_index(force=True)
            return matches

    # --- reading ---------------------------------------------------------------------------------

    def documents(self) -> list[DocumentInfo]:
        docs = []
        for doc_id, head in self._heads().items():
            meta = head["meta"]
            docs.append(
                DocumentInfo(
                    doc_id=doc_id,
                    title=meta.get("doc_title", ""),
                    file_name=meta.get("file_name", ""),
                    sources=head["sources"],
                    doc_number=meta.get("doc_number", ""),
                    date=meta.get("date", ""),
                    clauses=int(meta.get("clause_count", 0)),
                )
            )
        return sorted(docs, key=lambda d: d.file_name)

    def clause_heads(self) -> list[dict]:
        """The first chunk of every clause, in document order."""
        result = self.collection.get(where={"piece": 0}, include=["metadatas"])
        metas = [m for m in result["metadatas"]]
        return sorted(metas, key=lambda m: (m.get("file_name", ""), m.get("doc_id", ""), int(m.get("clause_index", 0))))

    def tasks(self, unit: str | None = None, doc: str | None = None) -> list[dict]:
        """The responsibility table: every clause that names units."""
        rows = []
        for meta in self.clause_heads():
            lead, responsible = loads(meta, "clause_lead"), loads(meta, "clause_responsible")
            if not (lead or responsible):
                continue
            if unit and not any(unit in u for u in lead + responsible):
                continue
            if doc and not (doc == meta.get("doc_id") or doc in meta.get("file_name", "") or doc in meta.get("doc_title", "")):
                continue
            rows.append(
                {
                    "doc": meta.get("file_name", ""),
                    "doc_id": meta.get("doc_id", ""),
                    "doc_title": meta.get("doc_title", ""),
                    "locator": meta.get("locator", ""),
                    "title": meta.get("clause_title", ""),
                    "text": meta.get("clause_text", ""),
                    "lead": lead,
                    "responsible": responsible,
                    "targets": loads(meta, "clause_targets"),
                }
            )
        return rows

    def get_hits(self, ids: list[str]) -> dict[str, Hit]:
        if not ids:
            return {}
        result = self.collection.get(ids=list(ids), include=["metadatas"])
        return {i: Hit.from_record(i, m) for i, m in zip(result["ids"], result["metadatas"])}

    # --- search ----------------------------------------------------------------------------------------

    def dense_search(self, query: str, k: int, where: dict | None = None) -> list[Hit]:
        count = self.collection.count()
        if count == 0:
            return []
        vector = self.embeddings.embed_query(query)
        result = self.collection.query(
            query_embeddings=[vector], n_results=min(k, count), where=where or None, include=["metadatas", "distances"]
        )
        hits = []
        for rank, (chunk_id, meta, distance) in enumerate(zip(result["ids"][0], result["metadatas"][0], result["distances"][0]), 1):
            hit = Hit.from_record(chunk_id, meta)
            hit.dense_score = 1.0 - float(distance)
            hit.dense_rank = rank
            hits.append(hit)
        return hits

    def keyword_index(self) -> KeywordIndex:
        count = self.collection.count()
        if self._keyword is None or count != self._keyword_count:
            self.refresh_keyword_index()
        return self._keyword

    def refresh_keyword_index(self, force: bool = False) -> KeywordIndex:
        """Load the saved keyword index, rebuilding it if it no longer matches Chroma."""
        directory = self.settings.kb_dir / "bm25"
        all_ids = self.collection.get(include=[])["ids"]
        current = fingerprint(all_ids)
        index = None if force else KeywordIndex.load(directory)
        if index is None or index.fingerprint != current:
            index = self._build_keyword_index()
            index.save(directory)
        self._keyword, self._keyword_count = index, len(index.ids)
        return index

    def _build_keyword_index(self) -> KeywordIndex:
        result = self.collection.get(include=["documents", "metadatas"])
        units, titles = set(), set()
        for meta in result["metadatas"]:
            units.update(loads(meta, "lead") + loads(meta, "responsible"))
            titles.add(meta.get("clause_title", ""))
        words = user_words_from(units, titles, result["documents"]) | glossary_terms()
        return KeywordIndex.build(result["ids"], result["documents"], sorted(words))


def glossary_terms() -> set[str]:
    """Chinese terms of the bundled bilingual glossary, kept whole by the tokenizer."""
    if not GLOSSARY.exists():
        return set()
    terms = set()
    for line in GLOSSARY.read_text(encoding="utf-8").splitlines()[1:]:
        zh = line.split("\t", 1)[0].strip()
        if zh:
            terms.add(zh)
    return terms


__all__ = ["KnowledgeBase", "IngestReport", "DocumentInfo", "IngestLocked", "StoreError"]
