"""Keyword tokens for BM25: jieba with a user dictionary built from the documents.

The user dictionary holds the agency names (市工业和信息化局), quoted policy
terms (“专精特新”, 首台(套)) and clause titles found at ingest, so they stay
whole tokens; `cut_for_search` also emits their parts, so 工业和信息化 still
matches. Text is NFKC-normalised (full-width → half-width) and lower-cased.

A text's tokens depend only on the dictionary words it contains: jieba's total
frequency (which weighs every path through a sentence) stays its built-in
dictionary's instead of growing with each user word. So when the user
dictionary changes, only the texts containing a word added or dropped can cut
differently — the keyword index re-tokenises just those (vectorstore.token_cache).
`FINGERPRINT` names everything else a token depends on (this code, jieba's version).
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable
from pathlib import Path

import jieba

jieba.setLogLevel(logging.WARNING)

STOPWORDS = set(
    "的 了 和 与 及 或 等 在 是 为 对 将 把 被 由 于 其 之 以 并 也 而 就 都 所 从 向 到 中 上 下 个 有 要 "
    "哪些 哪个 什么 多少 怎么 如何 是否 吗 呢 啊 吧 请问 请 谁 你 我 我们 the a an of to in for and or is are "
    "what which who how many much does do did be by on with as at from that this it its".split()
)
TOKEN_OK = re.compile(r"[\w\u4e00-\u9fff%]")
QUOTED_TERM = re.compile(r"[“\"]([^“”\"]{2,12})[”\"]")

_jieba_lock = threading.Lock()

FINGERPRINT = hashlib.sha256(Path(__file__).read_bytes() + jieba.__version__.encode()).hexdigest()[:16]


def _jieba_with_the_builtin_dictionary() -> jieba.Tokenizer:
    """A jieba tokenizer of its own holding the built-in dictionary, copied from jieba's default one (loaded
    once per process: 0.6 s of CPU; the copy takes 15 ms). Every Tokenizer, and the part-of-speech
    tagging the question analysis uses (jieba.dt), share that one load instead of reading it each."""
    jieba.dt.initialize()  # jieba.dt holds no user words: nothing in this project adds any to it
    tokenizer = jieba.Tokenizer()
    tokenizer.FREQ, tokenizer.total, tokenizer.initialized = dict(jieba.dt.FREQ), jieba.dt.total, True
    return tokenizer


INNER_CHAR = re.compile(r"(?<=[\u4e00-\u9fff])\(([\u4e00-\u9fff])\)")


def normalize(text: str) -> str:
    """NFKC, lower case, and 首台(套) → 首台套 (jieba cuts at brackets)."""
    return INNER_CHAR.sub(r"\1", unicodedata.normalize("NFKC", text).lower())


class Tokenizer:
    def __init__(self, user_words: Iterable[str] = ()):
        self._jieba = _jieba_with_the_builtin_dictionary()
        self.user_words = sorted({normalize(w).strip() for w in user_words if w and len(w.strip()) >= 2})
        with _jieba_lock:
            self._jieba.initialize()
            total = self._jieba.total
            for word in self.user_words:
                self._jieba.add_word(word, freq=2000)
            self._jieba.total = total  # see the module's docstring

    def tokens(self, text: str) -> list[str]:
        text = normalize(text)
        out = []
        for token in self._jieba.cut_for_search(text):
            token = token.strip()
            if token and token not in STOPWORDS and TOKEN_OK.search(token):
                out.append(token)
        return out

    def spans(self, text: str) -> list[tuple[str, int, int]]:
        """The tokens of `normalize(text)` with where each stands in it: (token, start, end)."""
        text = normalize(text)
        return [(token, start, end) for token, start, end in self._jieba.tokenize(text, mode="search")
                if token.strip() and token.strip() not in STOPWORDS and TOKEN_OK.search(token)]


def user_words_from(units: Iterable[str], titles: Iterable[str], texts: Iterable[str]) -> set[str]:
    """Agency names, clause titles and quoted terms of a knowledge base."""
    words = {u for u in units if 2 <= len(u) <= 20}
    words |= {t for t in titles if 2 <= len(t) <= 16}
    for text in texts:
        words |= {m.group(1) for m in QUOTED_TERM.finditer(text)}
        words |= set(re.findall(r"首[台版批][(（][套次][)）]?|首台套", text))
    return words
