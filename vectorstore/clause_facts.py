"""The clause facts: what the responsibility table and the clause text index need of every clause.

The first chunk of each clause carries the whole clause's text and units
(vectorstore.records). Reading those heads back from Chroma costs ~0.1 ms a
record — 15 s for 107k clauses, most of a cold start at that size. So they are
written, reduced to the fields below, beside the keyword index when it is
built (`<kb>/bm25/clause_facts.jsonl`, with the keyword index's fingerprint)
and read from there, lazily, when the facts are first needed. A rebuild keeps
the lines of the documents whose chunks did not change and reads only the
others from Chroma. Chroma stays the source of truth: a file of another
fingerprint (or none, from an older version) is not used, and the facts are
read from Chroma and the file written again.

Format: JSON lines, the first `{"fingerprint": …}`, then one `[chunk id, {field: value}]` per clause.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path

from vectorstore.records import clause_text
from vectorstore.tokenizer import normalize

FILE = "clause_facts.jsonl"
FIELDS = ("doc_id", "file_name", "doc_title", "locator", "clause_title", "clause_index", "clause_lead",
          "clause_responsible", "clause_targets", "lead_stated", "clause_duties")


def facts_of(meta: dict) -> dict:
    """The fields of a clause's first chunk that the facts keep; `clause_text` always holds the clause's text,
    `normalized` the same as the keyword index sees it (vectorstore.tokenizer.normalize: ~40% of the time it
    takes to read the facts of 100k clauses, so it is done once, when they are written)."""
    facts = {key: meta[key] for key in FIELDS if key in meta}
    facts["clause_text"] = clause_text(meta)
    facts["normalized"] = normalize(facts["clause_text"])
    return facts


def line(chunk_id: str, meta: dict) -> str:
    return json.dumps([chunk_id, facts_of(meta)], ensure_ascii=False) + "\n"


def header(fingerprint: str) -> str:
    return json.dumps({"fingerprint": fingerprint}) + "\n"


def saved_fingerprint(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            return json.loads(handle.readline()).get("fingerprint")
    except (OSError, ValueError, AttributeError):
        return None


def read(path: Path, fingerprint: str) -> Iterator[tuple[str, dict]] | None:
    """(chunk id, facts) of every clause in the file, if it was written for `fingerprint`; else None."""
    try:
        handle = open(path, encoding="utf-8")
    except OSError:
        return None
    try:
        if json.loads(handle.readline() or "{}").get("fingerprint") != fingerprint:
            handle.close()
            return None
    except (ValueError, AttributeError):
        handle.close()
        return None

    def records():
        with handle:
            for text in handle:
                chunk_id, facts = json.loads(text)
                yield chunk_id, facts

    return records()


def lines_of_docs(path: Path, docs: set[str]) -> Iterable[str]:
    """The saved lines of these documents' clauses, as they are (chunk ids start with their doc id)."""
    with open(path, encoding="utf-8") as handle:
        handle.readline()
        for text in handle:
            if text[2:].split("-", 1)[0] in docs:  # '["<doc id>-…", {…}]'
                yield text
