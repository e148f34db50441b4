"""Word list numbering: the numbers Word shows but a .docx does not hold as text.

A paragraph of a numbered list carries `<w:numPr><w:ilvl w:val="1"/><w:numId w:val="3"/></w:numPr>`; its
number lives in numbering.xml: numId → abstractNum → per level a format (`chineseCounting` 一二三,
`decimal` 1 2 3, `decimalEnclosedCircle` ①, `lowerLetter` a b c …), a start value and a level text
(`%1、`, `（%1）`, `%1.`, `%1.%2`). `Numberer.prefix(paragraph)` returns what Word would print before the
paragraph's text, counting as Word counts: each level of a list counts on, and a deeper level restarts
after its parent moves on. Paragraph styles that carry numbering (a heading style with numPr) count too.
"""

from __future__ import annotations

import re

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHINESE_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五 (Word's chineseCounting)."""
    if n <= 0:
        return str(n)
    if n < 10:
        return CHINESE_DIGITS[n]
    if n < 20:
        return "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return CHINESE_DIGITS[n // 10] + "十" + (CHINESE_DIGITS[n % 10] if n % 10 else "")
    hundreds, rest = divmod(n, 100)
    tail = "" if not rest else ("零" + chinese_counting(rest) if rest < 10 else
                                (CHINESE_DIGITS[1] if rest < 20 else "") + chinese_counting(rest))
    return CHINESE_DIGITS[hundreds] + "百" + tail


def format_number(n: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "chineseLegalSimplified", "ideographTraditional",
               "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt == "decimalEnclosedCircle" or fmt == "decimalEnclosedCircleChinese":
        return CIRCLED[n - 1] if 0 < n <= len(CIRCLED) else str(n)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("bullet", "none"):
        return ""
    return str(n)  # decimal, decimalZero, … and anything unknown


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"),
                           (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + letters, n - value
    return out


class Numberer:
    def __init__(self, document):
        """`document`: a python-docx Document."""
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # numId → ilvl → (format, level text, start)
        self.counters: dict[str, dict[int, int]] = {}
        self.style_numbering: dict[str, tuple[str, int]] = {}
        try:
            numbering = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            numbering = None
        if numbering is not None:
            abstract = {}
            for node in numbering.findall(f"{W}abstractNum"):
                levels = {}
                for lvl in node.findall(f"{W}lvl"):
                    ilvl = int(lvl.get(f"{W}ilvl", "0"))
                    fmt = _val(lvl.find(f"{W}numFmt")) or "decimal"
                    text = _val(lvl.find(f"{W}lvlText")) or ""
                    start = int(_val(lvl.find(f"{W}start")) or "1")
                    levels[ilvl] = (fmt, text, start)
                abstract[node.get(f"{W}abstractNumId")] = levels
            for num in numbering.findall(f"{W}num"):
                ref = _val(num.find(f"{W}abstractNumId"))
                if ref in abstract:
                    self.levels[num.get(f"{W}numId")] = abstract[ref]
        for style in getattr(document, "styles", []):
            num_pr = style.element.find(f"{W}pPr/{W}numPr") if style.element is not None else None
            if num_pr is not None:
                num_id = _val(num_pr.find(f"{W}numId"))
                if num_id:
                    self.style_numbering[style.style_id] = (num_id, int(_val(num_pr.find(f"{W}ilvl")) or "0"))

    def prefix(self, paragraph_element) -> str:
        """What Word prints before this paragraph (advancing the list's counters), "" when unnumbered."""
        num_pr = paragraph_element.find(f"{W}pPr/{W}numPr")
        num_id, ilvl = None, 0
        if num_pr is not None:
            num_id = _val(num_pr.find(f"{W}numId"))
            ilvl = int(_val(num_pr.find(f"{W}ilvl")) or "0")
        else:
            style = _val(paragraph_element.find(f"{W}pPr/{W}pStyle"))
            if style in self.style_numbering:
                num_id, ilvl = self.style_numbering[style]
        if not num_id or num_id == "0" or num_id not in self.levels:
            return ""
        levels = self.levels[num_id]
        counters = self.counters.setdefault(num_id, {})
        fmt, text, start = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        counters[ilvl] = counters.get(ilvl, start - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]  # a deeper level restarts after its parent moves on

        def number_of(match: re.Match) -> str:
            level = int(match.group(1)) - 1
            level_fmt, _, level_start = levels.get(level, ("decimal", "", 1))
            return format_number(counters.get(level, level_start), level_fmt)

        return re.sub(r"%(\d)", number_of, text) if fmt not in ("bullet", "none") else ""


def _val(node) -> str | None:
    return node.get(f"{W}val") if node is not None else None
