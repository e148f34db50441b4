"""How Chunks are stored in Chroma, and the Hits read back from it.

Chroma metadata holds scalars only, so lists (units, targets, sources) are
JSON strings. The first chunk of a document (its *head*) also carries the
document's source paths; the first piece of each clause carries the whole
clause's text and units, from which the responsibility table is built.

As stored (`to_chroma` / `from_chroma`), a chunk's metadata keeps as keys of
their own only what reads filter on (FILTERED); the rest is one JSON string.
Its text is not stored at all: it is the document's title, the clause's
heading path and the quote (ingest.chunking), all in that metadata
(`chunk_text`; a text that is not is kept as a metadata string). Each
metadata key is a row of Chroma's metadata table, and every Chroma document
goes into a full-text index this project never queries (its keyword index is
BM25, vectorstore.bm25): with ~25 keys and the text as a document a write
cost 2.3 ms a chunk; packed, with the text, 1.45 ms (measured on the bundled
chunks), the largest part of an ingest after the encoder. Metadata written by
earlier versions (every key its own, the text a document) reads the same.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field

from ingest.model import Chunk, Clause, Document


def chunk_metadata(document: Document, clause: Clause, clause_index: int, chunk: Chunk, is_head: bool, sources: list[str]) -> dict:
    meta = {
        "doc_id": document.doc_id,
        "doc_title": document.title,
        "file_name": document.file_name,
        "doc_number": document.doc_number or "",
        "date": document.date or "",
        "doc_places": "、".join(document.places),
        "period": document.period,
        "locator": chunk.locator,
        "clause_title": chunk.clause_title,
        "heading_path": chunk.heading_path,
        "kind": clause.kind,
        "clause_index": clause_index,
        "piece": chunk.piece,
        "quote": chunk.quote,
        "lead": json.dumps(chunk.lead, ensure_ascii=False),
        "responsible": json.dumps(chunk.responsible, ensure_ascii=False),
        "targets": json.dumps([t.to_dict() for t in chunk.targets], ensure_ascii=False),
        "doc_head": is_head,
    }
    if chunk.piece == 0:
        meta.update(
            clause_text=clause.text if clause.text != chunk.quote else "",  # most clauses are one chunk: see clause_text()
            clause_lead=json.dumps(clause.lead, ensure_ascii=False),
            clause_responsible=json.dumps(clause.responsible, ensure_ascii=False),
            clause_targets=json.dumps([t.to_dict() for t in clause.targets], ensure_ascii=False),
            lead_stated=clause.lead_stated,
            aliases=json.dumps(clause.aliases, ensure_ascii=False),
            clause_count=len(document.clauses),
        )
    if chunk.piece == 0 and len(clause.duties) > 1:  # one responsibility row per duty (a table row, a note)
        meta["clause_duties"] = json.dumps([{"title": duty_title(d.text), "lead": d.lead, "responsible": d.responsible,
                                             "lead_stated": d.lead_stated} for d in clause.duties], ensure_ascii=False)
    if is_head:
        meta["sources"] = json.dumps(sources, ensure_ascii=False)
    return meta


FILTERED = ("doc_id", "doc_head", "text_hash", "piece")  # the keys of Chroma `where` filters (vectorstore.knowledge_base)
PACKED = "facts"  # the other keys, as one JSON string
TEXT = "text"  # the chunk's text


def to_chroma(meta: dict, text: str | None = None) -> dict:
    """A chunk's metadata as stored; with `text` (the text embedded) on a first write — kept only when it is not
    the `chunk_text` of its metadata —, without it on an update (Chroma's update keeps the keys it is not given)."""
    stored = {key: meta[key] for key in FILTERED if key in meta}
    stored[PACKED] = json.dumps({k: v for k, v in meta.items() if k not in FILTERED}, ensure_ascii=False)
    if text is not None and text != chunk_text(meta):
        stored[TEXT] = text
    return stored


def chunk_text(meta: dict) -> str:
    """The text a chunk is embedded and keyword-indexed by, from its metadata (as ingest.chunking makes it)."""
    return f"{meta.get('doc_title', '')} › {meta.get('heading_path', '')}\n{meta.get('quote', '')}"


def from_chroma(stored: dict | None) -> dict:
    """The metadata `to_chroma` stored (or an earlier version's, every key its own), without the text."""
    if not stored or PACKED not in stored:
        return stored or {}
    meta = {k: v for k, v in stored.items() if k not in (PACKED, TEXT)}
    meta.update(json.loads(stored[PACKED]))
    return meta


def text_from_chroma(stored: dict | None, document: str | None, meta: dict | None = None) -> str:
    """A chunk's text: as stored beside its metadata (`stored`, its metadata `meta` once unpacked), or (written by
    an earlier version) its Chroma document."""
    stored = stored or {}
    if TEXT in stored or document or PACKED not in stored:
        return stored.get(TEXT) or document or ""
    return chunk_text(meta if meta is not None else from_chroma(stored))


ROW_NUMBER = re.compile(r"^\s*(\d{1,4})\s*\|")


def duty_title(text: str) -> str:
    """A duty's name: a table row's first labelled cell (改革举措：X → X, numbered by its 序号), else its first words."""
    row = next((line for line in reversed(text.split("\n")) if ROW_NUMBER.match(line)), "")
    number = ROW_NUMBER.match(row)
    cells = [c.strip() for c in row.split("|")]
    for cell in cells[1:] if number else []:
        label, sep, value = cell.partition("：")
        if sep and value:
            return f"{number.group(1)}. {value.split('（')[0][:40]}"
    first = re.split(r"[。；;\n]", re.sub(r"[（(][^）)]*[）)]", "", text).strip(), maxsplit=1)[0]
    return first[:30] + ("…" if len(first) > 30 else "")


def clause_text(meta: dict) -> str:
    """The whole clause of a clause's first chunk. Stored only when the clause has several chunks;
    otherwise it is the chunk's quote (storing it twice made every Chroma write slower)."""
    return meta.get("clause_text") or meta.get("quote", "")


def doc_id_of(chunk_id: str) -> str:
    """Chunk ids are `<doc_id>-<hash>` (ingest.chunking.chunk_id)."""
    return chunk_id.split("-", 1)[0]


def loads(meta: dict, key: str, default=None):
    """A list field of a chunk's metadata: a JSON string in Chroma's; as it is where already decoded (the
    clause facts, vectorstore.clause_facts)."""
    value = meta.get(key)
    if value is None or value == "":
        return [] if default is None else default
    return json.loads(value) if isinstance(value, str) else value


@dataclass
class Hit:
    """A retrieved chunk with the clause it comes from and its scores."""

    chunk_id: str
    doc_id: str
    doc_title: str
    source: str  # file name
    locator: str
    title: str
    quote: str
    heading_path: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    targets: list[dict] = field(default_factory=list)
    clause_index: int = 0
    piece: int = 0
    score: float = 0.0  # fused score
    dense_score: float | None = None  # cosine similarity
    keyword_score: float | None = None  # BM25
    dense_rank: int | None = None
    keyword_rank: int | None = None
    # chunk id of the clause whose rank this hit shares when evidence is read: the lead-in an item was brought in
    # with (qa.chain._with_items), the first of the headed clauses fetched with it (qa.chain._with_headed)
    read_with: str = ""

    @classmethod
    def from_record(cls, chunk_id: str, meta: dict) -> "Hit":
        return cls(
            chunk_id=chunk_id,
            doc_id=meta["doc_id"],
            doc_title=meta.get("doc_title", ""),
            source=meta.get("file_name", ""),
            locator=meta.get("locator", ""),
            title=meta.get("clause_title", ""),
            quote=meta.get("quote", ""),
            heading_path=meta.get("heading_path", ""),
            lead=loads(meta, "lead"),
            responsible=loads(meta, "responsible"),
            targets=loads(meta, "targets"),
            clause_index=int(meta.get("clause_index", 0)),
            piece=int(meta.get("piece", 0)),
        )

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(self.lead + self.responsible))

    def to_dict(self) -> dict:
        return asdict(self)
