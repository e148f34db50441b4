"""The clause facts: what the responsibility table and the clause text index need of every clause.

The first chunk of each clause carries the whole clause's text and units
(vectorstore.records). Reading those heads back from Chroma costs ~0.1 ms a
record — 15 s for 107k clauses, most of a cold start at that size. So they are
written, reduced to the fields below, beside the keyword index when it is
built (`<kb>/bm25/clause_facts.pickle`, with the keyword index's fingerprint)
and read from there, lazily, when the facts are first needed. A rebuild keeps
the records of the documents whose chunks did not change and reads only the
others from Chroma. Chroma stays the source of truth: a file of another
fingerprint (or none, from an older version) is not used, and the facts are
read from Chroma and the file written again.

Format: a pickle stream (a derived file in the data directory, written only by
this code): first `{"fingerprint": …}`, then one list of `(chunk id, facts)` per
document. Pickle, not JSON lines: the JSON-string fields (units, targets,
duties) are stored decoded, a document's repeated strings (its id, title, file
name) once, and reading the facts of 107k clauses no longer parses 195 MB of
JSON — most of a cold start's time spent on them.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import json
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from vectorstore.records import clause_text, doc_id_of
from vectorstore.tokenizer import normalize

FILE = "clause_facts.pickle"
FIELDS = ("doc_id", "file_name", "doc_title", "locator", "clause_title", "clause_index", "clause_lead",
          "clause_responsible", "clause_targets", "lead_stated", "clause_duties")
DECODED = ("clause_lead", "clause_responsible", "clause_targets", "clause_duties")  # JSON strings in Chroma's metadata


def facts_of(meta: dict) -> dict:
    """The fields of a clause's first chunk that the facts keep (those of DECODED as the lists they hold);
    `clause_text` always holds the clause's text, `normalized` the same as the keyword index sees it
    (vectorstore.tokenizer.normalize: ~40% of the time it takes to read the facts of 100k clauses, so it is
    done once, when they are written)."""
    facts = {key: meta[key] for key in FIELDS if key in meta}
    for key in DECODED:
        if isinstance(facts.get(key), str):
            facts[key] = json.loads(facts[key]) if facts[key] else []
    facts["clause_text"] = clause_text(meta)
    facts["normalized"] = normalize(facts["clause_text"])
    return facts


@contextmanager
def gc_paused():
    """Python's cyclic garbage collector paused while the facts are made into what is kept of them.

    They are a few million small objects (dicts, lists, strings), all kept: each collection the
    allocations trigger walks every one made so far. At 107k clauses reading the facts took 2.2 s with
    it running, 0.7 s paused; building the QA chain's facts from them 4.6 s and 2.9 s (measured). None of
    it is cyclic garbage (reference counting frees it), so nothing is left for the collector to find."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def release_freed_memory() -> None:
    """Give the memory freed while the facts were made back to the system (glibc's malloc_trim; elsewhere
    nothing). Reading them allocates every clause's record — its text as written and normalised, units,
    targets — of which the facts keep a small part; the rest, freed, stayed in the process's heap: at 121k
    chunks 137 MB of a serving process's resident memory (measured), returned in well under a second."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)


@functools.cache
def _malloc_trim():
    try:
        return ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc (macOS, musl): the allocator keeps what it keeps
        return None


def write_header(out: BinaryIO, fingerprint: str) -> None:
    pickle.dump({"fingerprint": fingerprint}, out, protocol=pickle.HIGHEST_PROTOCOL)


def write_records(out: BinaryIO, records: list[tuple[str, dict]]) -> None:
    """One document's (chunk id, facts), or any group of them."""
    if records:
        pickle.dump(records, out, protocol=pickle.HIGHEST_PROTOCOL)


def _header(handle: BinaryIO) -> str | None:
    try:
        header = pickle.load(handle)
    except Exception:  # not ours: empty, truncated, an older format
        return None
    return header.get("fingerprint") if isinstance(header, dict) else None


def saved_fingerprint(path: Path) -> str | None:
    try:
        with open(path, "rb") as handle:
            return _header(handle)
    except OSError:
        return None


def _groups(handle: BinaryIO) -> Iterator[list[tuple[str, dict]]]:
    with handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def read(path: Path, fingerprint: str) -> Iterator[tuple[str, dict]] | None:
    """(chunk id, facts) of every clause in the file, if it was written for `fingerprint`; else None."""
    try:
        handle = open(path, "rb")
    except OSError:
        return None
    if _header(handle) != fingerprint:
        handle.close()
        return None
    return (record for group in _groups(handle) for record in group)


def records_of_docs(path: Path, docs: set[str]) -> Iterable[list[tuple[str, dict]]]:
    """The saved records of these documents' clauses, a group (a document) at a time (chunk ids start with
    their doc id)."""
    handle = open(path, "rb")
    _header(handle)
    for group in _groups(handle):
        kept = [record for record in group if doc_id_of(record[0]) in docs]
        if kept:
            yield kept
