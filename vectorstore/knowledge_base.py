"""A knowledge base: one Chroma collection plus the keyword index derived from it.

This is the library API the CLI, the app and the tests call:

    kb = KnowledgeBase(Settings.from_env(kb="default"))
    report = kb.ingest(["corpus/"])          # idempotent
    kb.documents(); kb.tasks(unit="市财政局"); kb.remove("file.txt")
    kb.check_consistency()                   # [] when Chroma, vectors and keyword index agree

Ingestion is idempotent and crash-safe by construction: chunk ids are hashes
of their content, so a re-run compares the ids a document should have with
the ids it has, embeds only the missing ones and deletes the stale ones.

Files are read and parsed one at a time (memory is bounded by the largest
file, not the batch); the chunks of new documents are written in shared
batches of WRITE_BATCH. Within a document the head chunk (which lists its
source files) is written last: it is the commit point. A document whose
head was never written (the process was killed) is finished by the next run
that includes its file; any other run deletes its chunks (the orphan sweep,
one id scan: chunk ids start with their document id). Deleting a document
removes its head first, so an interrupted delete also leaves only orphans.

A file is not even read again when its bytes, the ingest code and the
chunking settings are what they were when its document was written (the head
records a hash of each: `source_hashes`); an unchanged re-ingest costs a hash
per file. Unless Chroma's chunk count disagrees with what the heads promise:
then every file is read and compared chunk by chunk, which repairs them.

Vectors are never computed twice for the same text: a chunk whose exact text
is already stored (another copy of a clause, the old version of a changed
file) reuses that vector, found by the `text_hash` metadata.
"""

from __future__ import annotations

import functools
import hashlib
import json
import math
import os
import sys
import threading
import time
from collections import OrderedDict, deque
from concurrent import futures
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
from tqdm import tqdm

from ingest.chunking import chunk_clause
from ingest.loaders import LoadError, load_text
from ingest.model import Document
from ingest.ocr import cache_in as ocr_cache_in
from ingest.pipeline import discover_files, parse_file
from ingest.reader_process import ReaderProcess
from settings import PROJECT_DIR, Settings
from vectorstore import clause_facts
from vectorstore.bm25 import KeywordIndex, fingerprint
from vectorstore.chroma_store import (Guarded, StoreError, missing_on_server, open_client, open_collection,
                                      opened_on_server, remember_opened_on_server)
from vectorstore.commits import CommitMarker, IngestLocked, WriterLock
from vectorstore.disk_space import SpaceReserve, is_disk_full, no_space
from vectorstore.embeddings import make_embeddings
from vectorstore.encoder_process import EncoderPool, EncoderProcessError, default_processes
from vectorstore.records import (Hit, chunk_metadata, clause_text, doc_id_of, from_chroma, loads, text_from_chroma,
                                 to_chroma)
from vectorstore.token_cache import TokenCache, text_key
from vectorstore.tokenizer import Tokenizer, user_words_from

GLOSSARY = PROJECT_DIR / "qa" / "lexicon" / "glossary.tsv"
DELETE_BATCH = 500  # ids or doc ids per Chroma delete call
CLAUSE_TEXT_MAX = 20_000  # characters of a clause kept in its metadata (the chunks hold all of it)
VECTOR_CACHE = 4096  # vectors remembered by text during one ingest (float32: 2 KB each at 512 dims)
GET_PAGE = 200  # chunks per Chroma get when reading everything: a full read of 121k chunks left +79 MB resident
# with pages of 1,000 (5,000 kept ~4x more), +18 MB with 200, in the same time (measured)
WRITE_BATCH = 256  # chunks per Chroma upsert: each call costs ~0.1 s however small, so small documents share calls
CUT_APART_MIN = 1000  # texts the keyword index cuts in the encoder pool rather than here (see _cut)
EMBED_AHEAD = 2  # write batches whose texts are handed to the encoder before the one being finished is stored


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[dict] = field(default_factory=list)  # {"path", "error"}
    skipped: list[dict] = field(default_factory=list)  # {"path", "reason"}: inside a folder, not of a type ingested
    chunks: int = 0  # chunks in the knowledge base after this run
    embedded: int = 0  # chunks embedded by this run
    tokenized: int = 0  # chunks the keyword index tokenised for this run (vectorstore.token_cache)
    embedded_apart: int = 0  # of `embedded`, those embedded by the encoder process (vectorstore.encoder_process)
    seconds: float = 0.0
    orphans: int = 0  # chunks of unfinished documents (an interrupted earlier run) deleted by this run

    def to_dict(self) -> dict:
        return {
            "added": len(self.added),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
            "removed": len(self.removed),
            "chunks": self.chunks,
            "embedded": self.embedded,
            "tokenized": self.tokenized,
            "failed": self.failed,
            "skipped": self.skipped,
            "files": {"added": self.added, "updated": self.updated, "unchanged": self.unchanged, "removed": self.removed},
        }

    def outcome(self, path: str | Path) -> str:
        """What happened to one file: added, updated, unchanged, removed, `failed: <reason>` or `skipped: <reason>`."""
        wanted = {str(path), str(Path(path).resolve())}
        for failure in self.failed:
            if failure["path"] in wanted:
                return f"failed: {failure['error']}"
        for skip in self.skipped:
            if skip["path"] in wanted:
                return f"skipped: {skip['reason']}"
        for name in ("added", "updated", "unchanged", "removed"):
            if wanted & set(getattr(self, name)):
                return name
        return "not ingested"


@dataclass
class DocumentInfo:
    doc_id: str
    title: str
    file_name: str
    sources: list[str]
    doc_number: str
    date: str
    clauses: int
    places: list[str] = field(default_factory=list)  # where it applies (全国 for national documents)
    period: str = ""  # the years it covers: 2026-2028

    def to_dict(self) -> dict:
        return dict(self.__dict__)


text_hash = text_key


def clause_order(meta: dict) -> tuple:
    """Sort key of a clause's first chunk: by file, document, position in the document."""
    return (meta.get("file_name", ""), meta.get("doc_id", ""), int(meta.get("clause_index", 0)))


def task_rows(meta: dict) -> list[dict]:
    """A clause's rows of the responsibility table: one per duty when the clause assigns several (a table's
    rows, several notes), else one; none when it names no unit. `lead_stated` says how the lead is known:
    stated (a label or verb), convention (the document's rule), order (first listed). The document's strings
    are interned: 100k rows share a few thousand of them."""
    base = {
        "doc": sys.intern(meta.get("file_name", "")),
        "doc_id": sys.intern(meta.get("doc_id", "")),
        "doc_title": sys.intern(meta.get("doc_title", "")),
        "locator": meta.get("locator", ""),
        "clause_locator": meta.get("locator", ""),
        "title": meta.get("clause_title", ""),
        "text": clause_text(meta),
    }
    duties = loads(meta, "clause_duties")
    if duties:
        return [{**base, "locator": f"{base['locator']}·{n}", "title": d["title"], "lead": d["lead"],
                 "responsible": d["responsible"], "lead_stated": d["lead_stated"], "targets": []}
                for n, d in enumerate(duties, 1) if d["lead"] or d["responsible"]]
    lead, responsible = loads(meta, "clause_lead"), loads(meta, "clause_responsible")
    if not (lead or responsible):
        return []
    return [{**base, "lead": lead, "responsible": responsible, "lead_stated": meta.get("lead_stated", "stated"),
             "targets": loads(meta, "clause_targets")}]


@functools.cache
def _code_digest() -> str:
    digest = hashlib.sha256()
    for path in sorted((PROJECT_DIR / "ingest").glob("*.py")) + [PROJECT_DIR / "vectorstore" / "records.py",
                                                                 Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def ingest_signature(settings: Settings) -> str:
    """What besides a file's bytes decides its chunks: the ingest code and the chunking settings.

    A change to either makes the next ingest read every file again (and re-embed only what changed)."""
    digest = hashlib.sha256(_code_digest().encode())
    digest.update(repr((settings.chunk_max_chars, settings.chunk_target_chars, settings.chunk_overlap_sentences,
                        CLAUSE_TEXT_MAX)).encode())
    return digest.hexdigest()[:16]


class KnowledgeBase:
    def __init__(self, settings: Settings):
        self.settings = settings
        self._client = None
        self._collection = None
        self.embedder_spec = settings.embedder
        self._keyword: KeywordIndex | None = None
        self._unit_vectors: dict[str, np.ndarray] = {}  # chunk id → its unit vector, for scoped exact search
        self._unit_vectors_of = ""  # the keyword index fingerprint they were read under
        self._stacked: tuple = (None, [], None)  # ((fingerprint, ids), found, matrix) of the last exact search
        self._keyword_count = -1
        self._keyword_checked = -math.inf
        self._committed_ids: tuple[KeywordIndex | None, frozenset] = (None, frozenset())
        self._writer_lock = WriterLock(settings.kb_dir, settings.kb)
        self._marker = CommitMarker(settings.kb_dir)
        self._seen = self._marker.read()  # read before the store opens: a write after it shows as a change
        self._view_stale = False  # another process wrote since the store was opened (reopen when it is done)
        self._sync = threading.RLock()  # one thread at a time catches up with other processes' writes
        self._write_thread: futures.ThreadPoolExecutor | None = None
        self._vector_cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._stored: _Stored | None = None  # during an ingest: what Chroma may hold, to skip lookups that find nothing
        self._pending = _Pending()
        self._reader: ReaderProcess | None = None  # reads .docx/.xlsx during an ingest, time and memory bounded
        self._encoder: EncoderPool | None = None  # embeds during a long ingest, beside the writes (see _embedding)
        self._encoder_failed = False
        self._report = IngestReport()  # the running ingest's
        self._ingesting = False  # only an ingest may create a server's collection once it was opened
        self._on_server = False
        self._touched: set[str] = set()  # documents whose head changed in place (sources): their facts are read again
        self.records_read = 0  # chunks read back from Chroma by id (_pages): what a cold start must keep small
        self.vectors_read = 0  # …and their vectors alone (exact scoring of a small knowledge base reads them once)
        if not settings.chroma_url:
            self.client  # the embedded store opens (and creates its directory) at once
        # A server is contacted on first use, so a knowledge base made while it is down works once it is up.

    # --- the collection ------------------------------------------------------------------

    @property
    def client(self):
        if self._client is None:
            self._client = Guarded(open_client(self.settings), self.settings.chroma_url)
        return self._client

    @property
    def collection(self):
        if self._collection is None:
            url = self.settings.chroma_url
            # On a server, a knowledge base once opened is only ever created again by an ingest.
            create = not url or self._ingesting or not (self._on_server or opened_on_server(self.settings))
            collection, self.embedder_spec = open_collection(self.client, self.settings, create=create)
            if collection is None:
                raise missing_on_server(self.settings.kb, url)
            if url:
                self._on_server = True
                remember_opened_on_server(self.settings)
            self._collection = Guarded(collection, url, on_lost=self._forget_collection)
        return self._collection

    def _reopen(self) -> None:
        """See the store as it is on disk now: the embedded client caches a collection's vector index per
        process and never sees another process's writes. Calls already running finish on the old client."""
        if self.settings.chroma_url:
            return  # a server shows every client the same state
        self._client = Guarded(open_client(self.settings, fresh=True), None)
        self._collection = None

    def _forget_collection(self) -> None:
        self._collection = None
        self._keyword, self._keyword_count = None, -1

    @property
    def embeddings(self):
        self.collection  # resolves the knowledge base's embedder
        return make_embeddings(self.embedder_spec)

    def count(self) -> int:
        return self.collection.count()

    # --- ingestion ---------------------------------------------------------------------------

    @contextmanager
    def _lock(self):
        """One writer per knowledge base (vectorstore.commits): wait up to settings.lock_wait_seconds, then
        refuse. The writer first catches up with any other process's writes (so it never writes from a
        stale view), and replaces the commit marker when it starts and when it ends, for the readers."""
        with self._writer_lock.hold(self.settings.lock_wait_seconds):
            with self._sync:
                if self._marker.read() != self._seen or self._view_stale:
                    self._reopen()
                    self._view_stale = False
                    self._keyword, self._keyword_count = None, -1  # the other writer saved a newer one
                self._seen = self._marker.bump("writing")
            try:
                yield
            finally:
                with self._sync:
                    self._seen = self._marker.bump("committed")

    @contextmanager
    def _writing(self):
        """A write (ingest, remove) on a full disk fails with "no space left on <path>" and leaves what was
        committed readable: the embedded store's space reserve is held before writing and released when
        the disk fills (vectorstore.disk_space). The next run, once space is back, finishes the work."""
        reserve = None if self.settings.chroma_url else SpaceReserve(self.settings.data_dir, self.settings.disk_reserve_bytes)
        if reserve is not None and not reserve.ensure():
            raise no_space(self.settings.data_dir)
        try:
            yield
        except Exception as exc:
            if not is_disk_full(exc):
                raise
            if reserve is not None:
                reserve.release()
            local = reserve is not None or isinstance(exc, OSError)  # else the server's disk
            raise no_space(self.settings.data_dir if local else f"the Chroma server at {self.settings.chroma_url}") from None

    def ingest(self, paths: list[str | Path], prune: bool = False, progress: bool = True,
               after_discovery: Callable[[list[Path]], None] | None = None) -> IngestReport:
        """Ingest files and folders; every file gets an outcome in the report, a bad file never stops the rest.

        `after_discovery(files)` is called with the files found, before any is read: a hook for
        callers (and tests) to see the batch, or to make a file vanish between the two steps.
        """
        started = time.monotonic()
        report = IngestReport()
        with self._writing(), self._lock(), ReaderProcess(self.settings) as reader:
            self._reader, self._ingesting, self._report = reader, True, report
            try:
                self._ingest(paths, prune, progress, after_discovery, report)
            finally:  # after an error (the server went away…) nothing half-queued is left for the next run
                if self._encoder is not None:
                    self._encoder.close()
                self._encoder, self._encoder_failed = None, False
                self._pending = _Pending()
                self._vector_cache.clear()
                self._stored = None
                self._reader, self._ingesting = None, False
        report.seconds = time.monotonic() - started
        return report

    def _ingest(self, paths, prune: bool, progress: bool, after_discovery, report: IngestReport) -> None:
        """Discover, then parse and write file by file, then tidy up: detach, prune, sweep, keyword index."""
        skipped: list[tuple[str, str]] = []
        files, problems = discover_files(paths, self.settings.allowed_suffixes, skipped)
        report.failed = [{"path": p, "error": e} for p, e in problems]
        report.skipped = [{"path": p, "reason": r} for p, r in skipped]
        if after_discovery is not None:
            after_discovery(list(files))
        heads = self._heads()
        owners = {source: doc_id for doc_id, head in heads.items() for source in head["sources"]}
        # Skipping unchanged files trusts the heads; when Chroma's count disagrees with the sum of their
        # chunk counts (chunks lost or left over), every file is read and checked, which repairs them.
        trust_hashes = self.collection.count() == sum(int(h["meta"].get("chunk_count", 0)) for h in heads.values())
        path_doc: dict[str, str] = {}
        bar = tqdm(total=len(files), desc="ingesting", unit="file", disable=not progress or not files)
        try:  # closed on an error too, so the error is printed on a line of its own
            for path in files:
                key = str(path.resolve())
                source_hash = self._source_hash(path)
                known = heads.get(owners.get(key, ""))
                if trust_hashes and source_hash and known and loads(known["meta"], "source_hashes", {}).get(key) == source_hash:
                    path_doc[key] = owners[key]  # the same bytes and code as when its document was written
                    report.unchanged.append(key)
                else:
                    document = self._parse(path, report)
                    if document is not None:
                        path_doc[key] = document.doc_id
                        self._write_document(document, key, source_hash, heads, owners, report, progress)
                        del document
                bar.set_postfix(embedded=report.embedded, refresh=False)
                bar.update(1)
            self._flush(report, progress)
        finally:
            bar.close()
        self._detach_moved_paths(path_doc, heads)
        if prune:
            self._prune(heads, set(path_doc.values()), report)
        ids = self._all_ids()
        swept = self._sweep_orphans(ids)
        if swept:
            report.orphans = len(swept)
            ids = [i for i in ids if i not in swept]
        report.chunks = len(ids)
        changed = bool(report.embedded or report.removed or report.updated or report.added or swept or self._touched)
        self._stored = None  # (every hash this run wrote: not held while the keyword index is rebuilt)
        index = self.refresh_keyword_index(force=changed, ids=ids, load=False)
        report.tokenized = index.tokenized if index is not None else 0

    def _source_hash(self, path: Path) -> str | None:
        """A hash of the file's bytes and of what turns them into chunks (see ingest_signature); None if unreadable."""
        try:
            if path.stat().st_size > self.settings.max_file_bytes:
                return None  # refused by the parser with its own message
            digest = hashlib.sha256()
            with open(path, "rb") as handle:
                for block in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(block)
        except OSError:
            return None
        return f"{digest.hexdigest()[:32]}:{ingest_signature(self.settings)}"

    def _parse(self, path: Path, report: IngestReport) -> Document | None:
        try:
            load = self._reader.load if self._reader is not None else load_text
            with ocr_cache_in(self.settings.data_dir / "ocr"):  # scanned pages are OCR'd once per image
                return parse_file(path, max_bytes=self.settings.max_file_bytes, load=load)
        except LoadError as exc:
            error = str(exc)
        except FileNotFoundError:
            error = "file disappeared before it could be read (moved or deleted during ingestion)"
        except MemoryError:
            error = "not enough memory to parse this file; split it or lower settings.max_file_bytes"
        except Exception as exc:  # a bug or an exotic file: record it, go on with the rest
            error = f"unexpected error: {type(exc).__name__}: {exc}"
        report.failed.append({"path": str(path), "error": error})
        return None

    def _heads(self) -> dict[str, dict]:
        """doc_id → head chunk (id, metadata, sources) of every complete document."""
        result = self._get_paged(where={"doc_head": True})
        heads = {}
        for chunk_id, meta in zip(result["ids"], result["metadatas"]):
            heads[meta["doc_id"]] = {"id": chunk_id, "meta": meta, "sources": loads(meta, "sources")}
        return heads

    def _pages(self, where: dict | None = None, include: tuple[str, ...] = ("metadatas",),
               ids: list[str] | None = None):
        """collection.get over everything that matches (or these ids), GET_PAGE chunks at a time: one
        call for 100k chunks fails inside Chroma ("too many SQL variables"), and big pages inflate
        memory for good. The matching ids are listed once and read by id: filtered pages by offset
        cost ~3x as much, and offsets are not stable while Chroma compacts."""
        if ids is None:
            ids = self.collection.get(where=where, include=[])["ids"]
        asked = list(dict.fromkeys(list(include) + (["metadatas"] if "documents" in include else [])))
        for start in range(0, len(ids), GET_PAGE):
            page = self.collection.get(ids=ids[start : start + GET_PAGE], include=asked)
            if asked == ["embeddings"]:
                self.vectors_read += len(page["ids"])
            else:
                self.records_read += len(page["ids"])
            if page["ids"]:
                yield _as_written(page, include)

    def _get_paged(self, where: dict | None = None, include: tuple[str, ...] = ("metadatas",),
                   ids: list[str] | None = None) -> dict:
        """Everything that matches (or these ids), read in pages (see _pages)."""
        out: dict = {"ids": [], **{key: [] for key in include}}
        for page in self._pages(where, include, ids):
            out["ids"].extend(page["ids"])
            for key in include:
                out[key].extend(page[key])
        return out

    def _all_ids(self) -> list[str]:
        return list(self.collection.get(include=[])["ids"])

    def _write_document(self, document: Document, key: str, source_hash: str | None, heads: dict, owners: dict,
                        report: IngestReport, progress: bool) -> None:
        """Write one document: missing chunks first, then stale ones out, then its head (the commit point)."""
        doc_id = document.doc_id
        if doc_id in self._pending.docs:  # the same content under another name, not written yet
            self._flush(report, progress)
        head = heads.get(doc_id)
        previous = head["sources"] if head else []
        sources = list(dict.fromkeys(previous + [key]))
        hashes = {**(loads(head["meta"], "source_hashes", {}) if head else {}), key: source_hash}
        hashes = {source: hashes[source] for source in sources if hashes.get(source)}
        records = self._records(document, sources, hashes)
        head_id, head_meta = records[0][0], records[0][2]
        known = self._stored_now()
        if doc_id in known.docs:
            stored = _as_written(self.collection.get(where={"doc_id": doc_id}, include=["metadatas"]), ("metadatas",))
        else:  # no chunk of it in Chroma (a new document): nothing to look up
            stored = {"ids": [], "metadatas": []}
        known.docs.add(doc_id)
        existing = set(stored["ids"])
        expected = {r[0] for r in records}
        body = [r for r in records[1:] if r[0] not in existing]
        # Same text, same id — but a parser change may have changed what is known about it (its heading path,
        # its units): such chunks keep their vectors and get their new metadata.
        old_meta = dict(zip(stored["ids"], stored["metadatas"] or []))
        restated = [r for r in records[1:] if r[0] in old_meta and old_meta[r[0]] != r[2]]
        stale = sorted(existing - expected)
        old_doc = owners.get(key)
        reusable = self._vectors_of_doc(old_doc) if body and old_doc not in (None, doc_id) else {}

        if restated:
            self.collection.update(ids=[r[0] for r in restated], metadatas=[to_chroma(r[2]) for r in restated])
            self._touched.add(doc_id)  # same ids, new metadata: its clause facts and dictionary words are read again
        if head_id not in existing and not stale:
            # The common case (a new document, or one left unfinished): queued, its head after its body.
            self._pending.add(doc_id, body + records[:1], reusable)
            if len(self._pending.records) >= WRITE_BATCH:
                self._flush(report, progress)
        else:
            self._flush(report, progress)  # keep the order of writes: body, stale out, head
            embedded = self._add(body, reusable, progress)
            self._delete_ids(stale)
            if head_id not in existing:
                embedded += self._add(records[:1], reusable, progress)
            elif (body or stale or previous != sources or head is None or head["id"] != head_id
                  or old_meta.get(head_id) != head_meta
                  or loads(head["meta"], "source_hashes", {}) != hashes):
                self.collection.update(ids=[head_id], metadatas=[to_chroma(head_meta)])
                self._touched.add(doc_id)
            report.embedded += embedded
        heads[doc_id] = {"id": head_id, "meta": head_meta, "sources": sources}

        if old_doc == doc_id and not body and not stale and not restated and head_id in existing:
            report.unchanged.append(key)
        elif old_doc is None:
            report.added.append(key)  # new, or the same content already known under another name
        else:
            report.updated.append(key)

    def _records(self, document: Document, sources: list[str], hashes: dict[str, str] | None = None
                 ) -> list[tuple[str, str, dict]]:
        """(id, text to embed, metadata) for every distinct chunk; the head chunk first.

        A clause repeated word for word at the same place (a file pasted twice) makes the same chunk id; it is stored once.
        """
        records = []
        seen: set[str] = set()
        # Chunks go with their own clause, not the first clause of the same locator: a document whose
        # numbering restarts (（一）（二） under several articles) repeats locators.
        chunks = [(i, clause, chunk) for i, clause in enumerate(document.clauses)
                  for chunk in chunk_clause(document, clause, self.settings)]
        for i, clause, chunk in chunks:
            if chunk.chunk_id in seen:
                continue
            seen.add(chunk.chunk_id)
            meta = chunk_metadata(document, clause, i, chunk, not records, sources)
            meta["text_hash"] = text_hash(chunk.index_text)
            if len(meta.get("clause_text", "")) > CLAUSE_TEXT_MAX:  # a run-on clause of megabytes: its chunks have it all
                meta["clause_text"] = meta["clause_text"][:CLAUSE_TEXT_MAX] + "…"
            records.append((chunk.chunk_id, chunk.index_text, meta))
        records[0][2]["chunk_count"] = len(records)
        records[0][2]["source_hashes"] = json.dumps(hashes or {}, ensure_ascii=False)
        return records

    def _vectors_of_doc(self, doc_id: str) -> dict[str, list[float]]:
        """Vectors of an older version of a file, by text: its unchanged clauses are not embedded again."""
        old = _as_written(self.collection.get(where={"doc_id": doc_id}, include=["documents", "metadatas", "embeddings"]),
                          ("documents", "embeddings"))
        return {text: list(vector) for text, vector in zip(old["documents"], old["embeddings"])}

    def _vectors_by_hash(self, hashes: list[str]) -> dict[str, np.ndarray]:
        """Vectors of chunks with these exact texts (any document): remembered from this run, else stored in Chroma."""
        cache, known = self._vector_cache, self._stored_now().hashes
        result = {h: cache[h] for h in hashes if h in cache}
        missing = [h for h in hashes if h not in cache and (known is None or h in known)]
        if missing:
            where = {"text_hash": missing[0]} if len(missing) == 1 else {"text_hash": {"$in": missing}}
            found = self.collection.get(where=where, include=["metadatas", "embeddings"])
            for meta, vector in zip(found["metadatas"], found["embeddings"]):
                result[meta["text_hash"]] = np.asarray(vector, dtype=np.float32)
        return result

    def _stored_now(self) -> "_Stored":
        """What Chroma may hold, read once per ingest (the first time a document is written): the documents
        with any chunk (one id scan), and the text hashes of the chunks the saved keyword index knows plus
        those this run writes. A document or text not in them has no chunk to look up, so the per-document
        and per-batch Chroma reads (~10 ms each, growing with the store) are skipped for new ones. Both are
        supersets or else only cost a vector computed again: a hash the saved index does not know (chunks
        an interrupted run left) is embedded instead of reused; None (no saved index) looks every one up."""
        if self._stored is None:
            ids = self._all_ids()
            hashes = TokenCache.saved_hashes(self.settings.kb_dir / "bm25") if ids else set()  # (empty: none stored)
            self._stored = _Stored({doc_id_of(i) for i in ids}, hashes)
        return self._stored

    def _remember(self, key: str, vector) -> None:
        self._vector_cache[key] = np.asarray(vector, dtype=np.float32)
        self._vector_cache.move_to_end(key)
        while len(self._vector_cache) > VECTOR_CACHE:
            self._vector_cache.popitem(last=False)

    def _flush(self, report: IngestReport, progress: bool) -> None:
        """Write the queued documents (in order: each one's head after its body)."""
        pending = self._pending
        if pending.records:
            report.embedded += self._add(pending.records, pending.reusable, progress)
        self._pending = _Pending()

    def _add(self, records: list[tuple[str, str, dict]], reusable: dict[str, list[float]], progress: bool = False) -> int:
        """Embed (or reuse vectors) and upsert in batches, in order; returns how many texts were embedded.

        Each batch is written by one writer thread while the next is embedded; batch n+1 is queued only
        after batch n is stored, so the order of writes — a document's head after its body — is kept.
        The texts of the next EMBED_AHEAD batches are handed to the encoder before a batch is finished,
        so an encoder pool embeds them while this thread waits on Chroma (see _embedding).
        """
        if not records:
            return 0
        embedded = 0
        bar = tqdm(total=len(records), desc="  embedding", unit="chunk", leave=False,
                   disable=not progress or len(records) <= 2 * WRITE_BATCH)
        write, ahead = None, deque()
        try:
            for start in range(0, len(records) + EMBED_AHEAD * WRITE_BATCH, WRITE_BATCH):
                if start < len(records):
                    ahead.append(self._start_batch(records[start : start + WRITE_BATCH], reusable, embedded))
                    embedded += len(ahead[-1].new)
                if len(ahead) > EMBED_AHEAD or (ahead and start >= len(records)):
                    batch, vectors = self._finish_batch(ahead.popleft(), reusable)
                    if write is not None:
                        bar.update(write.result())
                    write = self._writer().submit(self._upsert, batch, vectors)
            if write is not None:
                bar.update(write.result())
                write = None
        finally:
            if write is not None:  # an error while embedding: never leave a write running behind it
                futures.wait([write])
            bar.close()
        return embedded

    def _start_batch(self, batch: list[tuple[str, str, dict]], reusable: dict, done: int) -> "_Batch":
        """The texts of `batch` that need a vector (not reusable, not stored under their text hash), handed
        to the encoder in batches of settings.embed_batch_size (`done`: embedded so far by this write)."""
        need = [r for r in batch if r[1] not in reusable]
        stored = self._vectors_by_hash(list(dict.fromkeys(r[2]["text_hash"] for r in need)))
        new = list(dict.fromkeys(r[1] for r in need if r[2]["text_hash"] not in stored))
        size = max(1, self.settings.embed_batch_size)
        asked = [self._embedding(new[first : first + size], done + first) for first in range(0, len(new), size)]
        return _Batch(batch, stored, new, asked)

    def _finish_batch(self, started: "_Batch", reusable: dict) -> tuple[list, np.ndarray]:
        """The batch and its vectors as float32 rows, in its order (waits for those being embedded)."""
        fresh = {}
        for texts, ticket in started.asked:
            fresh.update(zip(texts, self._embedded(texts, ticket)))
        vectors = []
        for r in started.batch:
            vector = reusable.get(r[1])
            if vector is None:
                vector = started.stored.get(r[2]["text_hash"])
            if vector is None:
                vector = fresh[r[1]]
            self._remember(r[2]["text_hash"], vector)
            if self._stored is not None and self._stored.hashes is not None:
                self._stored.hashes.add(r[2]["text_hash"])
            vectors.append(vector)
        return started.batch, np.asarray(vectors, dtype=np.float32)

    def _embedding(self, texts: list[str], done: int) -> tuple[list[str], int | None]:
        """Hand `texts` to the encoder pool, if this ingest has one ready (returns its ticket), else None: then
        `_embedded` embeds them here. Once a run has embedded settings.encoder_process_after texts, the pool
        (vectorstore.encoder_process) is started, and it takes batches from the moment its models are loaded.
        Chroma's upserts on the writer thread hold the GIL, so embedding only runs beside them in other
        processes. Same vectors either way."""
        after = self.settings.encoder_process_after
        if after is None or self._encoder_failed or not self._ingesting or self._report.embedded + done < after:
            return texts, None
        try:
            if self._encoder is None:
                self._encoder = EncoderPool(self.embedder_spec, self.settings.encoder_processes or default_processes())
            if self._encoder.ready():
                return texts, self._encoder.submit(texts)
        except EncoderProcessError as exc:
            self._encoder_gone(exc)
        return texts, None

    def _embedded(self, texts: list[str], ticket: int | None) -> np.ndarray | list[list[float]]:
        if ticket is not None and self._encoder is not None:
            try:
                vectors = self._encoder.result(ticket)
                self._report.embedded_apart += len(texts)
                return vectors
            except EncoderProcessError as exc:
                self._encoder_gone(exc)
        return self.embeddings.embed_documents(texts)

    def _encoder_gone(self, exc: Exception) -> None:
        """A child failed: the rest of this ingest embeds in this process (batches it held are embedded here)."""
        print(f"warning: {exc}; embedding in this process", file=sys.stderr, flush=True)
        if self._encoder is not None:
            self._encoder.close()
        self._encoder, self._encoder_failed = None, True

    def _upsert(self, batch: list[tuple[str, str, dict]], vectors: np.ndarray) -> int:
        self.collection.upsert(ids=[r[0] for r in batch], metadatas=[to_chroma(r[2], r[1]) for r in batch],
                               embeddings=vectors)
        return len(batch)

    def _writer(self) -> futures.ThreadPoolExecutor:
        if self._write_thread is None:
            self._write_thread = futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="chroma-writer")
        return self._write_thread

    def _detach_moved_paths(self, path_doc: dict[str, str], heads: dict) -> None:
        """A file whose content changed no longer names its old document."""
        for doc_id, head in list(heads.items()):
            keep = [s for s in head["sources"] if path_doc.get(s, doc_id) == doc_id]
            if keep == head["sources"]:
                continue
            if keep:
                self._set_sources(head, keep)
            else:
                self._delete_doc(doc_id, head["id"])
                del heads[doc_id]

    def _prune(self, heads: dict, seen: set[str], report: IngestReport) -> None:
        """Remove documents none of whose source files exist any more."""
        for doc_id, head in list(heads.items()):
            if doc_id in seen:
                continue
            alive = [s for s in head["sources"] if Path(s).exists()]
            if not alive:
                self._delete_doc(doc_id, head["id"])
                del heads[doc_id]
                report.removed.extend(head["sources"] or [head["meta"].get("file_name", doc_id)])
            elif alive != head["sources"]:
                self._set_sources(head, alive)

    def _sweep_orphans(self, ids: list[str]) -> set[str]:
        """Delete the chunks of documents without a head (left by an interrupted run); returns their ids.

        Cost: the id scan the keyword index needs anyway, plus one read of the heads.
        """
        complete = set(self._heads())
        orphans = {i for i in ids if doc_id_of(i) not in complete}
        docs = sorted({doc_id_of(i) for i in orphans})
        for start in range(0, len(docs), DELETE_BATCH):
            batch = docs[start : start + DELETE_BATCH]
            self.collection.delete(where={"doc_id": batch[0]} if len(batch) == 1 else {"doc_id": {"$in": batch}})
        return orphans

    def _set_sources(self, head: dict, sources: list[str]) -> None:
        hashes = {s: h for s, h in loads(head["meta"], "source_hashes", {}).items() if s in sources}
        meta = {**head["meta"], "sources": json.dumps(sources, ensure_ascii=False), "file_name": Path(sources[0]).name,
                "source_hashes": json.dumps(hashes, ensure_ascii=False)}
        self.collection.update(ids=[head["id"]], metadatas=[to_chroma(meta)])
        self._touched.add(meta["doc_id"])
        head["sources"] = sources
        head["meta"] = meta

    def _delete_ids(self, ids: list[str]) -> None:
        for start in range(0, len(ids), DELETE_BATCH):
            self.collection.delete(ids=ids[start : start + DELETE_BATCH])

    def _delete_doc(self, doc_id: str, head_id: str | None = None) -> None:
        """Head first: an interrupted delete leaves orphans (swept later), never a head without its chunks."""
        if head_id:
            self.collection.delete(ids=[head_id])
        self.collection.delete(where={"doc_id": doc_id})

    # --- removal ---------------------------------------------------------------------------------

    def remove(self, name: str) -> list[DocumentInfo]:
        """Delete the documents matching a doc id, a file name, a source path or a title."""
        with self._writing(), self._lock():
            matches = [d for d in self.documents() if name in {d.doc_id, d.file_name, d.title} or name in d.sources
                       or str(Path(name).resolve()) in d.sources]
            heads = self._heads() if matches else {}
            for document in matches:
                self._delete_doc(document.doc_id, heads.get(document.doc_id, {}).get("id"))
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
                    places=[p for p in meta.get("doc_places", "").split("、") if p],
                    period=meta.get("period", ""),
                )
            )
        return sorted(docs, key=lambda d: d.file_name)

    def iter_clause_heads(self):
        """(chunk id, metadata) of the first chunk of every clause of every committed document (its head
        is written: not one an ingest under way is still writing), a page at a time, in no order."""
        complete = set(self._heads())
        for page in self._pages(where={"piece": 0}):
            yield from ((i, meta) for i, meta in zip(page["ids"], page["metadatas"]) if meta.get("doc_id") in complete)

    def clause_heads(self) -> list[dict]:
        """The metadata of the first chunk of every clause (with its `chunk_id`), in document order."""
        metas = [{**meta, "chunk_id": chunk_id, "clause_text": clause_text(meta)}
                 for chunk_id, meta in self.iter_clause_heads()]
        return sorted(metas, key=clause_order)

    def clause_facts(self):
        """(chunk id, facts) of the first chunk of every clause in the keyword index's snapshot, in no
        order: the fields of vectorstore.clause_facts, `clause_text` the whole clause. Read from the file
        saved with the keyword index; from Chroma (saving the file) when it is missing or of another state."""
        index = self.keyword_index()
        self.count()  # a Chroma server that is gone is said to be gone here too, as by every other read
        path = self.settings.kb_dir / "bm25" / clause_facts.FILE
        saved = clause_facts.read(path, index.fingerprint)
        if saved is not None:
            return saved
        records = [(chunk_id, clause_facts.facts_of(meta)) for chunk_id, meta in self.iter_clause_heads()]
        try:  # saved only when nobody writes and Chroma is the state the keyword index was built from
            with self._writer_lock.hold(0):
                if fingerprint(self._all_ids()) == index.fingerprint and path.parent.is_dir():
                    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
                    by_doc: dict[str, list[tuple[str, dict]]] = {}
                    for record in records:
                        by_doc.setdefault(doc_id_of(record[0]), []).append(record)
                    with open(tmp, "wb") as out:
                        clause_facts.write_header(out, index.fingerprint)
                        for group in by_doc.values():
                            clause_facts.write_records(out, group)
                    os.replace(tmp, path)
        except (IngestLocked, OSError):
            pass  # read from Chroma again next time
        return iter(records)

    def tasks(self, unit: str | None = None, doc: str | None = None) -> list[dict]:
        """The responsibility table: every duty of every clause that names units, in document order."""
        rows = []
        with clause_facts.gc_paused():
            for _, meta in self.clause_facts():
                for row in task_rows(meta):
                    if unit and not any(unit in u for u in row["lead"] + row["responsible"]):
                        continue
                    if doc and not (doc == row["doc_id"] or doc in row["doc"] or doc in row["doc_title"]):
                        continue
                    rows.append((clause_order(meta), row))
        return [row for _, row in sorted(rows, key=lambda pair: pair[0])]

    def get_metadatas(self, ids: list[str]) -> dict[str, dict]:
        """chunk id → metadata, for the ids that exist."""
        found = self._get_paged(ids=list(ids))
        return dict(zip(found["ids"], found["metadatas"]))

    def get_hits(self, ids: list[str]) -> dict[str, Hit]:
        return {i: Hit.from_record(i, meta) for i, meta in self.get_metadatas(ids).items()}

    # --- search ----------------------------------------------------------------------------------------

    def dense_search(self, query: str, k: int, doc_ids: list[str] | None = None) -> list[Hit]:
        """The k chunks nearest the query (cosine), within `doc_ids` if given.

        Within a few documents (at most settings.exact_search_max_chunks chunks) every chunk is
        scored exactly: Chroma's filtered search costs ~75 ms at 100k chunks, this a few ms. So is a
        whole knowledge base that small: Chroma's HNSW graph is approximate and, rebuilt from its log when
        a process opens it, not the same in every process — on the 16-document dev set it missed the best
        chunk of a question in about one process in three.
        """
        index = self.keyword_index()
        count = len(index.ids)
        if count == 0:
            return []
        vector = self.embeddings.embed_query(query)
        if not doc_ids and count <= self.settings.exact_search_max_chunks:
            return self._exact_dense_search(vector, k, list(index.ids))
        where = None
        if doc_ids:
            positions = index.positions_of_docs(doc_ids)
            if len(positions) <= self.settings.exact_search_max_chunks:
                return self._exact_dense_search(vector, k, [index.ids[i] for i in positions])
            where = {"doc_id": doc_ids[0]} if len(doc_ids) == 1 else {"doc_id": {"$in": list(doc_ids)}}
        committed = self._committed(index)
        wanted = min(k, count)
        n = wanted
        while True:  # chunks a write under way has added are not answers yet: look further past them
            result = self.collection.query(
                query_embeddings=[vector], n_results=n, where=where, include=["metadatas", "distances"]
            )
            found = [(i, from_chroma(meta), 1.0 - float(d)) for i, meta, d in
                     zip(result["ids"][0], result["metadatas"][0], result["distances"][0]) if i in committed]
            if len(found) >= wanted or len(result["ids"][0]) < n:
                break
            total = self.collection.count()
            if n >= total:
                break
            n = min(total, n + max(n, total - count))
        return self._ranked(found[:k])

    def _committed(self, index: KeywordIndex) -> frozenset:
        """The ids of the keyword index's snapshot, as a set (made once per index)."""
        if self._committed_ids[0] is not index:
            self._committed_ids = (index, frozenset(index.ids))
        return self._committed_ids[1]

    def _exact_dense_search(self, vector: list[float], k: int, ids: list[str]) -> list[Hit]:
        if not ids:
            return []
        found, matrix = self._cached_unit_vectors(ids)
        if not found:
            return []
        query = np.asarray(vector, dtype=np.float32)
        similarity = matrix @ (query / (np.linalg.norm(query) + 1e-12))
        order = np.argsort(-similarity, kind="stable")[:k]
        metadatas = self.get_metadatas([found[i] for i in order])  # only the k returned: metadata is the costly read
        return self._ranked((found[i], metadatas[found[i]], float(similarity[i])) for i in order if found[i] in metadatas)

    def _cached_unit_vectors(self, ids: list[str]) -> tuple[list[str], np.ndarray]:
        """The unit vectors of these chunks, read from Chroma once and kept (up to settings.vector_cache_chunks)
        until the knowledge base changes: a question scoped to a few documents then reads only their k best."""
        fingerprint = self.keyword_index().fingerprint
        key = (fingerprint, tuple(ids))
        if self._stacked[0] == key:  # the same chunks as the question before (the whole of a small knowledge base)
            return self._stacked[1], self._stacked[2]
        if self._unit_vectors_of != fingerprint or len(self._unit_vectors) > self.settings.vector_cache_chunks:
            self._unit_vectors, self._unit_vectors_of = {}, fingerprint
        missing = [i for i in ids if i not in self._unit_vectors]
        if missing:
            got = self._get_paged(include=("embeddings",), ids=missing)
            if got["ids"]:
                rows = np.asarray(got["embeddings"], dtype=np.float32)
                rows /= np.linalg.norm(rows, axis=1, keepdims=True) + 1e-12
                self._unit_vectors.update(zip(got["ids"], rows))
        found = [i for i in ids if i in self._unit_vectors]
        matrix = np.stack([self._unit_vectors[i] for i in found]) if found else np.empty((0, 0), dtype=np.float32)
        if len(found) == len(ids):
            self._stacked = (key, found, matrix)
        return found, matrix

    @staticmethod
    def _ranked(found) -> list[Hit]:
        hits = []
        for rank, (chunk_id, meta, similarity) in enumerate(found, 1):
            hit = Hit.from_record(chunk_id, meta)
            hit.dense_score = similarity
            hit.dense_rank = rank
            hits.append(hit)
        return hits

    def keyword_index(self) -> KeywordIndex:
        """The keyword index of the last committed state: the reads' snapshot (its ids are what a
        question may cite). At most every settings.recheck_seconds it catches up with other writers."""
        if self._keyword is None or time.monotonic() - self._keyword_checked >= self.settings.recheck_seconds:
            with self._sync:
                if self._keyword is None or time.monotonic() - self._keyword_checked >= self.settings.recheck_seconds:
                    self._catch_up()
                    self._keyword_checked = time.monotonic()
        return self._keyword

    def _catch_up(self) -> None:
        """When another process wrote (the commit marker moved, or Chroma's count differs from the keyword
        index's), reopen the store and load the keyword index that writer saved. While a write is under
        way (here or elsewhere) the last committed index and the store as it was opened stay: the reopen
        waits for the commit (one per write), and is never later than loading a newer keyword index."""
        token = self._marker.read()
        if token != self._seen:
            self._seen, self._view_stale = token, True
        elif not (self._keyword is None or self.collection.count() != self._keyword_count):
            return
        if self._writer_lock.held():
            self._keep_last_commit()
            return
        try:
            with self._writer_lock.hold(0):  # no writer starts meanwhile; two readers don't both rebuild
                self._fresh_view()
                self.refresh_keyword_index()
        except IngestLocked:  # a writer started just now
            self._keep_last_commit()

    def _fresh_view(self) -> None:
        if self._view_stale:
            self._reopen()
            self._view_stale = False

    def _keep_last_commit(self) -> None:
        """During a write: the loaded keyword index stays; without one, the saved one (the last commit's),
        else an empty one — never an index of half-written documents."""
        if self._keyword is None:
            self._fresh_view()
            index = KeywordIndex.load(self.settings.kb_dir / "bm25") or KeywordIndex.build([], [], [])
            self._keyword, self._keyword_count = index, len(index.ids)

    def refresh_keyword_index(self, force: bool = False, ids: list[str] | None = None,
                              load: bool = True) -> KeywordIndex | None:
        """Make the saved keyword index (and the clause facts beside it) match Chroma, rebuilding it if it
        doesn't (`ids`: Chroma's, if just read). A rebuild tokenises only the chunks that changed
        (vectorstore.token_cache) and reads only their documents from Chroma.

        With load=False a saved index that already matches stays on disk unread (an
        unchanged ingest needn't pay for loading it; searches load it when first needed).
        """
        directory = self.settings.kb_dir / "bm25"
        all_ids = self._all_ids() if ids is None else ids
        current = fingerprint(all_ids)
        if not force and KeywordIndex.saved_fingerprint(directory) == current:
            if not load:
                return None
            index = KeywordIndex.load(directory)
            if index is not None and index.fingerprint == current:
                self._keyword, self._keyword_count = index, len(index.ids)
                return index
        for left in self.settings.kb_dir.glob(f"{clause_facts.FILE}.*.tmp"):  # by a killed run (rebuilds hold the writer lock)
            left.unlink(missing_ok=True)
        facts = self.settings.kb_dir / f"{clause_facts.FILE}.{os.getpid()}.{threading.get_ident()}.tmp"
        try:
            index = self._build_keyword_index(all_ids, facts)
            self._keyword, self._keyword_count = index, len(index.ids)
            self._touched.clear()
            try:
                index.save(directory, extra={clause_facts.FILE: facts})
            except OSError as exc:
                if self._ingesting or not is_disk_full(exc):
                    raise
                # A reader on a full disk answers from the index in memory; the next run saves it.
                print(f"warning: no space left on {directory} to save the keyword index; using it from memory",
                      file=sys.stderr, flush=True)
        finally:
            facts.unlink(missing_ok=True)
        return index

    def _build_keyword_index(self, ids: list[str], facts: Path) -> KeywordIndex:
        """The keyword index of chunks `ids`, reusing the saved one's tokens; writes the clause facts to `facts`.

        Only the documents whose chunks are not those the saved index knew (and those whose head changed
        in place) are read from Chroma, a page at a time, keeping only the texts, the words of the user
        dictionary and the clause facts (whole metadata pages for 100k chunks would take gigabytes)."""
        directory = self.settings.kb_dir / "bm25"
        ids = sorted(ids)
        by_doc: dict[str, list[str]] = {}
        for chunk_id in ids:
            by_doc.setdefault(doc_id_of(chunk_id), []).append(chunk_id)
        previous = TokenCache.load(directory)
        old_facts = directory / clause_facts.FILE
        known: dict[str, list[str]] = {}
        if previous is not None and clause_facts.saved_fingerprint(old_facts) == fingerprint(previous.ids):
            for chunk_id in previous.ids:
                known.setdefault(doc_id_of(chunk_id), []).append(chunk_id)
        kept = {doc for doc, chunk_ids in by_doc.items()
                if known.get(doc) == chunk_ids and doc in previous.words and doc not in self._touched}
        words = {doc: set(previous.words[doc]) for doc in kept}
        reread = [chunk_id for doc, chunk_ids in by_doc.items() if doc not in kept for chunk_id in chunk_ids]

        fresh: dict[str, tuple[str, str]] = {}
        remaining = {doc: len(by_doc[doc]) for doc in by_doc if doc not in kept}
        lines: dict[str, list[tuple[str, dict]]] = {}  # doc id → its clauses' facts, until all its chunks are read
        complete: set[str] = set()
        with open(facts, "wb") as out:
            clause_facts.write_header(out, fingerprint(ids))

            def finish(doc: str) -> None:  # the clauses of documents whose head is written (not orphans)
                done = lines.pop(doc, [])
                if doc in complete:
                    clause_facts.write_records(out, done)

            for page in self._pages(include=("documents", "metadatas"), ids=reread):
                for chunk_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                    doc = doc_id_of(chunk_id)
                    fresh[chunk_id] = (text, meta.get("text_hash") or text_hash(text))
                    words.setdefault(doc, set()).update(map(sys.intern, user_words_from(
                        loads(meta, "lead") + loads(meta, "responsible"), [meta.get("clause_title", "")], [text])))
                    if int(meta.get("piece", 0)) == 0:
                        lines.setdefault(doc, []).append((chunk_id, clause_facts.facts_of(meta)))
                    if meta.get("doc_head"):
                        complete.add(doc)
                    remaining[doc] -= 1
                    if not remaining[doc]:
                        finish(doc)
            for doc in list(lines):  # chunks deleted meanwhile
                finish(doc)
            if kept:
                for group in clause_facts.records_of_docs(old_facts, kept):
                    clause_facts.write_records(out, group)

        user_words = set().union(*words.values()) | glossary_terms()
        tokenizer = Tokenizer(user_words)
        cache = TokenCache.update(previous, ids, fresh, {doc: sorted(w) for doc, w in words.items()}, tokenizer,
                                  self._texts_of, functools.partial(self._cut, tokenizer))
        del fresh, previous  # every text, and the old cache: not needed for the matrix
        return KeywordIndex.from_cache(cache, tokenizer)

    def _cut(self, tokenizer: Tokenizer, texts: list[str]):
        """The keyword tokens of each text, in order: cut by the encoder pool when an ingest has one and there are
        at least CUT_APART_MIN texts (its children are idle by then; jieba is pure Python, one core a process),
        else here. A child that fails leaves the rest to be cut here."""
        done = 0
        if self._encoder is not None and len(texts) >= CUT_APART_MIN:
            try:
                for tokens in self._encoder.cut(texts, tokenizer.user_words):
                    done += 1
                    yield tokens
                return
            except EncoderProcessError as exc:
                self._encoder_gone(exc)
        yield from map(tokenizer.tokens, texts[done:])

    def _texts_of(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        """chunk id → (text, text hash), read from Chroma."""
        out = {}
        for page in self._pages(include=("documents", "metadatas"), ids=ids):
            for chunk_id, text, meta in zip(page["ids"], page["documents"], page["metadatas"]):
                out[chunk_id] = (text, meta.get("text_hash") or text_hash(text))
        return out

    # --- consistency -------------------------------------------------------------------------------------

    def check_consistency(self, sample_queries: int = 20) -> list[str]:
        """Problems, if any, between Chroma's records, its vectors, its dense index and the keyword index
        (vectorstore.consistency); [] when they agree."""
        from vectorstore.consistency import check_consistency

        return check_consistency(self, sample_queries)


def _as_written(got: dict, include: tuple[str, ...]) -> dict:
    """A Chroma get's result as this code wrote it (vectorstore.records.to_chroma): `metadatas` unpacked,
    `documents` the chunks' texts (asked for with the metadatas, from which they are made)."""
    if got.get("metadatas") is None:  # (neither asked for)
        return got
    metas = [from_chroma(m) for m in got["metadatas"]]
    if "documents" in include:
        documents = got["documents"] or [None] * len(metas)
        got["documents"] = [text_from_chroma(s, d, m) for s, d, m in zip(got["metadatas"], documents, metas)]
    got["metadatas"] = metas if "metadatas" in include else None
    return got


@dataclass
class _Batch:
    """A write batch being embedded: its records, the vectors found stored, its new texts, and per
    embedding batch its texts and the encoder pool's ticket (None: embedded here when finished)."""
    batch: list
    stored: dict
    new: list[str]
    asked: list[tuple[list[str], int | None]]


@dataclass
class _Stored:
    docs: set[str]
    hashes: set[str] | None


class _Pending:
    """Chunks of new documents waiting to be written together."""

    def __init__(self):
        self.records: list[tuple[str, str, dict]] = []
        self.docs: set[str] = set()
        self.reusable: dict[str, list[float]] = {}

    def add(self, doc_id: str, records: list, reusable: dict) -> None:
        self.records.extend(records)
        self.docs.add(doc_id)
        self.reusable.update(reusable)


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
