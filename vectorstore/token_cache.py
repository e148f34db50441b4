"""The keyword index's tokens, kept beside it so a rebuild tokenises only what changed.

jieba is the cost of building the keyword index (pure Python: ~70 s for 121k
chunks); the BM25 matrix is made from token numbers with numpy in seconds
(vectorstore.bm25.bm25_matrix). So the index
directory also holds every chunk's tokens (as numbers into the index's
vocabulary), its text hash and its normalised text, and the user-dictionary
words each document brings. A rebuild then reuses the tokens of

- every chunk it knew (chunk ids are hashes of their content, so a known id is
  a known text), and every chunk whose exact text it knew (by text hash: the
  unchanged clauses of an edited file);

and tokenises

- the chunks it did not know (new documents, the changed clauses of an edited one);
- the known chunks whose normalised text contains a user-dictionary word that was
  added or dropped since (a document brought or took it away). Only those can cut
  differently: a text's tokens depend on no other dictionary word
  (vectorstore.tokenizer). The check is a substring search over the stored texts.

Deleting a document tokenises nothing unless it takes away a dictionary word
that other documents' chunks contain (their agency names and clause titles are
usually shared, so the word stays). The cache is keyed by the tokenizer's
fingerprint (its code, jieba's version): with another, every chunk is tokenised
again. The result is the same index a build from scratch gives: the same tokens,
the chunks in id order, the vocabulary numbered by first occurrence.
"""

from __future__ import annotations

import hashlib
import json
from array import array
from collections.abc import Callable, Iterable
from pathlib import Path

import numpy as np

from vectorstore.tokenizer import FINGERPRINT, Tokenizer, normalize

EMPTY = "\u2205"  # the token of a chunk without any (bm25s wants at least one)
FILES = ("tokens.npy", "offsets.npy", "cache.json", "texts.txt")


def text_key(text: str) -> str:
    """The text hash chunks carry in their metadata (`text_hash`)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:24]


class TokenCache:
    """Tokens of the chunks `ids` (sorted): chunk i's are `vocab[t]` for t in tokens[offsets[i]:offsets[i+1]]."""

    def __init__(self, ids: list[str], hashes: list[str], vocab: list[str], tokens: np.ndarray,
                 offsets: np.ndarray, texts: list[str], words: dict[str, list[str]], user_words: list[str],
                 tokenized: int = 0):
        self.ids = ids
        self.hashes = hashes
        self.vocab = vocab
        self.tokens = tokens
        self.offsets = offsets
        self.texts = texts  # normalised, for the dictionary check
        self.words = words  # doc id → the user-dictionary words its chunks bring
        self.user_words = user_words  # as the tokenizer normalised them
        self.tokenized = tokenized  # chunks tokenised to make this cache

    # --- persistence ------------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        np.save(directory / "tokens.npy", self.tokens)
        np.save(directory / "offsets.npy", self.offsets)
        # Written a part at a time: one string of the whole (then its UTF-8 copy) was the rebuild's peak.
        meta = {"tokenizer": FINGERPRINT, "ids": self.ids, "hashes": self.hashes, "vocab": self.vocab,
                "words": self.words, "user_words": self.user_words}
        with open(directory / "cache.json", "w", encoding="utf-8") as out:
            for n, (key, value) in enumerate(meta.items()):
                out.write(("{" if n == 0 else ", ") + json.dumps(key) + ": " + json.dumps(value, ensure_ascii=False))
            out.write("}")
        with open(directory / "texts.txt", "w", encoding="utf-8") as out:
            for start in range(0, len(self.texts), 1000):
                out.write(("\x00" if start else "") + "\x00".join(self.texts[start:start + 1000]))

    @staticmethod
    def saved_hashes(directory: Path) -> set[str] | None:
        """The text hashes of the chunks the cache saved in `directory` holds (read without its tokens), or None."""
        try:
            return set(json.loads((directory / "cache.json").read_text(encoding="utf-8"))["hashes"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    @classmethod
    def load(cls, directory: Path) -> "TokenCache | None":
        """The cache saved in `directory`, or None (none there, unreadable, or made by another tokenizer)."""
        try:
            meta = json.loads((directory / "cache.json").read_text(encoding="utf-8"))
            if meta.get("tokenizer") != FINGERPRINT:
                return None
            tokens = np.load(directory / "tokens.npy")
            offsets = np.load(directory / "offsets.npy")
            texts = (directory / "texts.txt").read_text(encoding="utf-8").split("\x00") if meta["ids"] else []
            cache = cls(meta["ids"], meta["hashes"], meta["vocab"], tokens, offsets, texts, meta["words"],
                        meta["user_words"])
        except (OSError, ValueError, KeyError):
            return None
        n = len(cache.ids)
        if not (len(cache.hashes) == len(texts) == n and len(offsets) == n + 1 and int(offsets[-1]) == len(tokens)):
            return None
        return cache

    # --- updating ----------------------------------------------------------------------------

    @classmethod
    def update(cls, previous: "TokenCache | None", ids: Iterable[str], fresh: dict[str, tuple[str, str]],
               words: dict[str, list[str]], tokenizer: Tokenizer,
               read: Callable[[list[str]], dict[str, tuple[str, str]]],
               cut: Callable[[list[str]], Iterable[list[str]]] | None = None) -> "TokenCache":
        """The cache for chunks `ids`, reusing `previous` where it still holds.

        `fresh`: id → (text, text hash) of the chunks read from the store for this update (at least
        every id `previous` does not know); `words`: doc id → its user-dictionary words, for every
        document; `read(ids)`: id → (text, text hash) from the store, for known chunks that must be
        tokenised again; `cut(texts)`: the tokens of each text, in order, as `tokenizer` cuts them (by
        default it cuts them here; an ingest's helper processes cut many at once, vectorstore.encoder_process).
        """
        ids = sorted(ids)
        previous = previous or cls([], [], [], np.zeros(0, np.int32), np.zeros(1, np.int64), [], {}, [])
        stale = previous.stale_positions(set(previous.user_words) ^ set(tokenizer.user_words))
        position = {chunk_id: i for i, chunk_id in enumerate(previous.ids) if i not in stale}
        by_hash = {h: i for i, h in enumerate(previous.hashes) if i not in stale}
        need = [i for i in ids if i not in fresh and i not in position]
        if need:
            fresh.update(read(need))

        # The texts to cut, in the order the loop below meets them (the same tests), handed to `cut` at once.
        to_cut, seen = [], set()
        for chunk_id in ids:
            if chunk_id in fresh:
                text, digest = fresh[chunk_id]
                if digest not in by_hash and digest not in seen:
                    seen.add(digest)
                    to_cut.append(text)
        del seen
        cuts = iter(cut(to_cut) if cut else map(tokenizer.tokens, to_cut))
        del to_cut

        vocab = list(previous.vocab)  # token numbers: the old vocabulary's, then new tokens appended
        number = {token: i for i, token in enumerate(vocab)}
        flat = array("i")  # every chunk's token numbers, one after another (no array per chunk)
        lengths = np.zeros(len(ids), dtype=np.int64)
        hashes, texts = [], []
        made: dict[str, tuple[int, int, int]] = {}  # text hash → (chunk, start, end in flat), of the texts tokenised here
        tokenized = 0
        old_tokens, old_offsets = previous.tokens, previous.offsets
        for n, chunk_id in enumerate(ids):
            if chunk_id in fresh:
                text, digest = fresh.pop(chunk_id)  # its raw text is not kept: freed as the update goes
                at = by_hash.get(digest)
            else:
                text, digest, at = "", "", position[chunk_id]
            if at is not None:
                piece = old_tokens[old_offsets[at]:old_offsets[at + 1]]
                hashes.append(previous.hashes[at])
                texts.append(previous.texts[at])
            elif digest in made:  # the same text twice in this update (copies of a clause): tokenised once
                original, start, end = made[digest]
                piece = flat[start:end]
                hashes.append(digest)
                texts.append(texts[original])
            else:
                piece = []
                for token in next(cuts) or [EMPTY]:
                    number_of = number.get(token)
                    if number_of is None:
                        number_of = number[token] = len(vocab)
                        vocab.append(token)
                    piece.append(number_of)
                tokenized += 1
                hashes.append(digest)
                texts.append(normalize(text).replace("\x00", " "))
                made[digest] = (n, len(flat), len(flat) + len(piece))
            lengths[n] = len(piece)
            if isinstance(piece, np.ndarray):
                flat.frombytes(piece.astype(np.int32).tobytes())
            else:
                flat.extend(piece)
        del made, position, by_hash, fresh, previous, old_tokens, old_offsets, cuts  # (the raw texts: freed)

        # Number the vocabulary by first occurrence in id order, as a build from scratch does.
        flat = np.frombuffer(flat, dtype=np.int32) if len(flat) else np.zeros(0, np.int32)  # (writable, not a copy)
        first = np.full(len(vocab), len(flat), dtype=np.int64)  # each token's first position in flat
        for start in range(0, len(flat), 1 << 22):  # (np.unique(return_index) sorts: ~10 s for 18M tokens)
            part = flat[start:start + (1 << 22)]
            np.minimum.at(first, part, np.arange(start, start + len(part), dtype=np.int64))
        used = np.flatnonzero(first < len(flat))
        order = used[np.argsort(first[used], kind="stable")]
        renumber = np.zeros(max(len(vocab), 1), dtype=np.int32)
        renumber[order] = np.arange(len(order), dtype=np.int32)
        for start in range(0, len(flat), 1 << 22):  # renumbered in place, a part at a time (not a second copy)
            flat[start:start + (1 << 22)] = renumber[flat[start:start + (1 << 22)]]
        offsets = np.zeros(len(ids) + 1, dtype=np.int64)
        np.cumsum(lengths, out=offsets[1:])
        return cls(ids, hashes, [vocab[t] for t in order.tolist()], flat, offsets, texts,
                   {doc: sorted(w) for doc, w in words.items()}, list(tokenizer.user_words), tokenized)

    def stale_positions(self, changed_words: set[str]) -> set[int]:
        """Positions of the chunks whose normalised text contains one of these words."""
        if not changed_words or not self.ids:
            return set()
        joined = "\x00".join(self.texts)
        starts = np.cumsum([0] + [len(t) + 1 for t in self.texts[:-1]])
        found: set[int] = set()
        for word in changed_words:
            at = joined.find(word)
            while at >= 0:
                i = int(np.searchsorted(starts, at, side="right")) - 1
                found.add(i)
                at = joined.find(word, int(starts[i + 1]) if i + 1 < len(starts) else len(joined))
        return found
