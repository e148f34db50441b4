"""The consistency check: do Chroma's records, its vectors, its dense index and the keyword index agree?

Used by the tests after every crash, concurrency and bad-input case, and by anyone doubting a knowledge base:
`KnowledgeBase(settings).check_consistency()` is [] when all is well.
"""

from __future__ import annotations

import math
import time
from collections import Counter

from vectorstore.bm25 import KeywordIndex, fingerprint
from vectorstore.knowledge_base import doc_id_of
from vectorstore.records import loads

CONSISTENCY_QUERY_TRIES = 4  # a sampled head vector the index does not find is asked for this many times…
CONSISTENCY_QUERY_WAIT = 0.5  # …this many seconds apart before it counts as missing


def check_consistency(kb, sample_queries: int = 20) -> list[str]:
    """Problems, if any, between Chroma's records, its vectors, its dense index and the keyword index.

    [] means: every document has exactly one head and all the chunks its head
    counts; no chunk belongs to a document without a head; no file is listed by
    two documents; every chunk has a finite vector of the same dimension; the
    dense index finds stored vectors; the saved and loaded keyword indexes cover
    exactly Chroma's ids. Reads everything (in pages): a check, not a hot path.
    """
    problems: list[str] = []
    collection = kb.collection
    count = collection.count()
    ids: list[str] = []
    metas: list[dict] = []
    dims: Counter = Counter()
    bad_vectors: list[str] = []
    all_ids = kb._all_ids()
    if len(all_ids) != count:
        problems.append(f"Chroma count() says {count} chunks but lists {len(all_ids)} ids")
    for got in kb._pages(include=("metadatas", "embeddings"), ids=all_ids):
        ids.extend(got["ids"])
        metas.extend(got["metadatas"])
        for chunk_id, vector in zip(got["ids"], got["embeddings"]):
            values = [float(v) for v in vector] if vector is not None else []
            dims[len(values)] += 1
            if not values or not all(math.isfinite(v) for v in values):
                bad_vectors.append(chunk_id)
    if len(ids) != len(all_ids):
        problems.append(f"{len(all_ids)} ids listed but {len(ids)} chunks read by id")
    duplicates = [i for i, n in Counter(ids).items() if n > 1]
    if duplicates:
        problems.append(f"{len(duplicates)} chunk ids read more than once, e.g. {duplicates[0]}")
    if bad_vectors:
        problems.append(f"{len(bad_vectors)} chunks have no or a non-finite vector, e.g. {bad_vectors[0]}")
    if len(dims) > 1:
        problems.append(f"vectors of different dimensions: {dict(dims)}")

    per_doc = Counter(meta.get("doc_id") for meta in metas)
    heads: dict[str, list[tuple[str, dict]]] = {}
    for chunk_id, meta in zip(ids, metas):
        if doc_id_of(chunk_id) != meta.get("doc_id"):
            problems.append(f"chunk {chunk_id} has doc_id {meta.get('doc_id')!r}, not its id's prefix")
        if meta.get("doc_head"):
            heads.setdefault(meta.get("doc_id"), []).append((chunk_id, meta))
    for doc_id, n in per_doc.items():
        if doc_id not in heads:
            problems.append(f"{n} orphan chunks of document {doc_id}, which has no head (an interrupted ingest)")
    owner: dict[str, str] = {}
    for doc_id, found in heads.items():
        if len(found) > 1:
            problems.append(f"document {doc_id} has {len(found)} heads")
        meta = found[0][1]
        expected = meta.get("chunk_count")
        if expected is not None and int(expected) != per_doc[doc_id]:
            problems.append(f"document {doc_id} ({meta.get('file_name')}) has {per_doc[doc_id]} chunks, its head says {expected}")
        for source in loads(meta, "sources"):
            if source in owner and owner[source] != doc_id:
                problems.append(f"file {source} is listed by two documents, {owner[source]} and {doc_id}")
            owner[source] = doc_id

    if count and sample_queries:
        sample = sorted(heads)[:sample_queries]
        for doc_id in sample:
            head_id = heads[doc_id][0][0]
            vector = collection.get(ids=[head_id], include=["embeddings"])["embeddings"][0]
            # Approximate search: among near-duplicate documents the vector itself may rank past
            # the first few, so look further and accept it or an exact twin.
            # A vector written a moment ago may reach the index a moment later (Chroma indexes its write log in
            # the background; seen under load): a few tries, CONSISTENCY_QUERY_WAIT apart, before it is a problem.
            for attempt in range(CONSISTENCY_QUERY_TRIES):
                found = collection.query(query_embeddings=[list(vector)], n_results=min(50, count), include=["distances"])
                if head_id in found["ids"][0] or (found["ids"][0] and min(found["distances"][0]) <= 1e-3):
                    break
                time.sleep(CONSISTENCY_QUERY_WAIT if attempt + 1 < CONSISTENCY_QUERY_TRIES else 0)
            else:
                problems.append(f"the dense index does not find the stored vector of {head_id}")

    current = fingerprint(ids)
    saved = KeywordIndex.load(kb.settings.kb_dir / "bm25")
    if saved is None:
        if count:
            problems.append("no saved keyword index")
    elif saved.fingerprint != current or sorted(saved.ids) != sorted(ids):
        problems.append(f"saved keyword index covers {len(saved.ids)} chunks with fingerprint {saved.fingerprint}, "
                        f"Chroma has {len(ids)} ({current})")
    if kb._keyword is not None and kb._keyword_count == count and kb._keyword.fingerprint != current:
        # (a count change is noticed by keyword_index() and rebuilt; the same count with other ids would not be)
        problems.append(f"loaded keyword index (fingerprint {kb._keyword.fingerprint}) is stale; Chroma is {current}")
    return problems
