"""How an answer or a quote is compared with a gold string.

Gold strings are copied from the documents, answers and quotes come from the
system: they may differ in whitespace, in full-width versus half-width
punctuation (（责任单位：…） versus (责任单位:…)) and in the Chinese enumeration
comma 、 versus a comma. `normalize()` removes those differences on both sides;
`contains()` is the only test the scorer uses.

    NFKC          full-width ASCII → half-width (（）：，；！？ → ():,;!?), U+3000 → space
    PUNCTUATION   the Chinese punctuation NFKC keeps: 、。【】“”‘’「」『』〈〉…
    whitespace    removed entirely (Chinese has no word spaces; line breaks vary)
    case          folded (OPC = opc)
"""

from __future__ import annotations

import re
import unicodedata

PUNCTUATION = str.maketrans(
    {
        "、": ",",
        "，": ",",
        "。": ".",
        "．": ".",
        "；": ";",
        "：": ":",
        "（": "(",
        "）": ")",
        "【": "[",
        "】": "]",
        "〔": "[",
        "〕": "]",
        "［": "[",
        "］": "]",
        "“": '"',
        "”": '"',
        "„": '"',
        "‘": "'",
        "’": "'",
        "「": '"',
        "」": '"',
        "『": '"',
        "』": '"',
        "〈": "<",
        "〉": ">",
        "！": "!",
        "？": "?",
        "—": "-",
        "–": "-",
        "－": "-",
        "～": "~",
        "〜": "~",
        "・": "·",
    }
)
_WHITESPACE = re.compile(r"\s+")


def normalize(text: str | None) -> str:
    """The canonical form compared by `contains`."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(PUNCTUATION)
    return _WHITESPACE.sub("", text).casefold()


def contains(text: str | None, needle: str | None) -> bool:
    """True when `needle` occurs in `text` after normalising both. An empty needle never matches."""
    needle = normalize(needle)
    return bool(needle) and needle in normalize(text)


def contains_any(text: str | None, needles: list[str]) -> bool:
    return any(contains(text, n) for n in needles)
