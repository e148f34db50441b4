"""Chinese names written in pinyin inside English questions: "the Qinghe apartments" (青荷公寓), "the Hongmian
plan" (红棉计划), "Zhujiang" (珠江).

A document's own names (a programme, a building, a fund) are rarely in any dictionary or glossary, and an English
reader writes them as they are pronounced. Each word of the knowledge base's vocabulary (jieba tokens of two to
four characters; a quoted name such as “青荷公寓” is one token) is indexed by the toneless pinyin of each run of
two or more of its characters: 青荷公寓 under "qinghe", "qinghegong", "qinghegongyu", "hegong", … . An English
word that no dictionary reads and that is the pinyin of such a run names that word (as do two words written
apart, "Qing He"). Short keys are ambiguous (many words read "anhe", "zhihe"), so a key must have MIN_KEY_LETTERS letters.
"""

from __future__ import annotations

import re

MIN_KEY_LETTERS = 5  # "qinghe", "hongmian": shorter syllable pairs ("anhe", "yiqi") name too many words
MAX_WORD_CHARS = 4  # vocabulary words this long or shorter are indexed (longer ones are phrases, not names)
CJK_WORD = re.compile(r"[\u4e00-\u9fff]{2,%d}" % MAX_WORD_CHARS)


def pinyin_index(vocabulary) -> dict[str, list[str]]:
    """Toneless pinyin of every run of two or more characters of each Chinese vocabulary word → those words."""
    from pypinyin import lazy_pinyin

    index: dict[str, list[str]] = {}
    for word in vocabulary:
        if not CJK_WORD.fullmatch(word):
            continue
        syllables = lazy_pinyin(word)
        for start in range(len(word) - 1):
            for end in range(start + 2, len(word) + 1):
                key = "".join(syllables[start:end])
                if len(key) >= MIN_KEY_LETTERS and word not in index.setdefault(key, []):
                    index[key].append(word)
    return index


def names_in_pinyin(words: list[str], index: dict[str, list[str]], known=lambda word: False) -> list[str]:
    """The vocabulary words that the question's English words (in order, lower case) spell in pinyin: a word no
    dictionary reads (`known`: "qinghe", not "rooftop"), or two words written apart ("Qing He", though qing is
    in the dictionary: together they are no English). Each word of the question is read once."""
    found, i = [], 0
    while i < len(words):
        pair = words[i] + words[i + 1] if i + 1 < len(words) else ""
        if pair in index:
            found += [w for w in _exact_first(pair, index[pair]) if w not in found]
            i += 2
            continue
        if not known(words[i]):
            found += [w for w in _exact_first(words[i], index.get(words[i], [])) if w not in found]
        i += 1
    return found


def _exact_first(key: str, words: list[str]) -> list[str]:
    """The words the key spells whole ("chuangye" → 创业), when there are any; else every word holding it
    (创业项目, 创业者 … hold the run 创业 too: they are what a reader means only when no word is just it)."""
    from pypinyin import lazy_pinyin

    exact = [w for w in words if "".join(lazy_pinyin(w)) == key]
    return exact or words
