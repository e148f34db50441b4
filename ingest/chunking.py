"""Clauses → Chunks: one chunk per clause, long clauses split at sentence ends.

A clause with several responsibility notes is split at its notes first, so
each chunk carries the units that govern its sentences. A piece longer than
`chunk_max_chars` is split again at sentence ends (。；！？) into pieces of
about `chunk_target_chars`, each repeating the last sentence of the one
before. Table rows stay whole. A piece identical to an earlier piece of the
same clause (a sentence pasted over and over) is kept once.

The heading path is part of what gets embedded and keyword-indexed; the
quote shown to the user is the clause text itself.
"""

from __future__ import annotations

import hashlib
import re

from ingest.model import Chunk, Clause, Document, Duty
from ingest.targets import extract_targets
from settings import Settings

SENTENCE_END = re.compile(r"(?<=[。；！？!?;\n])")


def chunk_document(document: Document, settings: Settings) -> list[Chunk]:
    chunks: list[Chunk] = []
    for clause in document.clauses:
        chunks.extend(chunk_clause(document, clause, settings))
    return chunks


def chunk_clause(document: Document, clause: Clause, settings: Settings) -> list[Chunk]:
    duties = clause.duties if len(clause.duties) > 1 else [Duty(clause.text, clause.lead, clause.responsible)]
    pieces: list[tuple[str, Duty]] = []
    seen: set[str] = set()
    for duty in duties:
        for piece in split_text(duty.text, settings):
            # A piece repeating an earlier piece of the same clause adds nothing to search, and thousands
            # of identical vectors wreck Chroma's HNSW graph (other chunks become unreachable).
            if piece not in seen:
                seen.add(piece)
                pieces.append((piece, duty))
    header = f"{document.title} › {clause.heading_path}"
    chunks = []
    for i, (piece, duty) in enumerate(pieces):
        chunks.append(
            Chunk(
                chunk_id=chunk_id(document.doc_id, clause.locator, piece, i),
                doc_id=document.doc_id,
                locator=clause.locator,
                index_text=f"{header}\n{piece}",
                quote=piece,
                clause_title=clause.title,
                heading_path=clause.heading_path,
                lead=list(duty.lead),
                responsible=list(duty.responsible),
                targets=extract_targets(piece) if len(pieces) > 1 else list(clause.targets),
                piece=i,
            )
        )
    return chunks


def split_text(text: str, settings: Settings) -> list[str]:
    """Pieces of at most about `chunk_max_chars`, cut only at sentence ends."""
    if len(text) <= settings.chunk_max_chars:
        return [text]
    sentences = [part for s in SENTENCE_END.split(text) if s.strip() for part in _cut_long(s, settings)]
    pieces: list[str] = []
    current: list[str] = []
    fresh = 0  # sentences in `current` that are not overlap from the previous piece
    for sentence in sentences:
        if fresh and len("".join(current)) + len(sentence) > settings.chunk_target_chars:
            pieces.append("".join(current))
            keep = settings.chunk_overlap_sentences
            current = [s for s in current[-keep:] if len(s) < settings.chunk_target_chars // 2] if keep else []
            fresh = 0
        current.append(sentence)
        fresh += 1
    if fresh:
        new = "".join(current[len(current) - fresh :])
        if pieces and len(pieces[-1]) + len(new) <= settings.chunk_max_chars:
            pieces[-1] += new  # a short tail joins the piece before it
        else:
            pieces.append("".join(current))
    return [p.strip() for p in pieces if p.strip()]


def _cut_long(sentence: str, settings: Settings) -> list[str]:
    """A "sentence" longer than `chunk_max_chars` (a run-on line, a table dump, no 。 at all)
    is cut at its last comma or space before `chunk_target_chars`, else hard at that length."""
    if len(sentence) <= settings.chunk_max_chars:
        return [sentence]
    target = max(settings.chunk_target_chars, 1)
    parts: list[str] = []
    start = 0
    while len(sentence) - start > settings.chunk_max_chars:
        window = sentence[start : start + target]
        cut = max(window.rfind(mark) for mark in "，,、 ")
        end = start + (cut + 1 if cut >= target // 2 else target)
        parts.append(sentence[start:end])
        start = end
    parts.append(sentence[start:])
    return parts


def chunk_id(doc_id: str, locator: str, text: str, piece: int) -> str:
    digest = hashlib.sha256(f"{doc_id}\x1f{locator}\x1f{piece}\x1f{text}".encode("utf-8")).hexdigest()
    return f"{doc_id}-{digest[:16]}"
