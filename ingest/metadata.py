"""Document-level facts: a stable id, the title, the 文号 and the date."""

from __future__ import annotations

import hashlib
import re
import unicodedata

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
DOC_NUMBER_PARTS = re.compile(r"([\u4e00-\u9fff]{1,10})[〔\[［【(（]\s*(\d{4})\s*[〕\]］】)）]\s*(\d{1,4})\s*号")


def doc_number_key(number: str) -> tuple[str, str, int] | None:
    """A 文号 compared whatever its brackets: 国办发〔2018〕126号, 国办发[2018]126号 → ("国办发", "2018", 126)."""
    m = DOC_NUMBER_PARTS.search(number or "")
    return (m.group(1), m.group(2), int(m.group(3))) if m else None


DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
BOOK_TITLE = re.compile(r"《([^《》]{4,80})》")
HEADING_START = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[）)]|\d+[.．、]|第[一二三四五六七八九十百\d]+[章节条])")


def document_id(text: str) -> str:
    """Stable across re-ingests and file names: a hash of the normalised text."""
    normalized = re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))
    return hashlib.sha256(normalized.encode("utf-8")).hexdigest()[:16]


def find_title(text: str, file_name: str) -> str:
    """The first heading line, else the first 《…》 title, else the file name."""
    for line in text.split("\n")[:5]:
        line = line.strip()
        if not line or HEADING_START.match(line) or " | " in line:
            continue  # a table row (a spreadsheet's header) is no title
        if len(line) <= 80 and not line.endswith(("：", ":")) and line.count("。") <= 1:
            return line.rstrip("。")
        break
    m = BOOK_TITLE.search(text[:2000])
    if m:
        return m.group(1)
    return file_name.rsplit(".", 1)[0]


def find_doc_number(text: str) -> str | None:
    """The notice's own 文号: on a line of its own among the first lines, or in the title's brackets
    (…的通知（武政规〔2026〕4号）). A 文号 quoted in the text (根据《…》（农办机〔2024〕3号）) is another document's."""
    lines = [line.strip() for line in text.split("\n")[:6] if line.strip()]
    for i, line in enumerate(lines):
        m = DOC_NUMBER.search(line)
        if m and (len(line) <= len(m.group(0)) + 4 or (i == 0 and line.endswith(("）", ")")))):
            return re.sub(r"\s+", "", m.group(0))
    return None


PERIOD_RANGE = re.compile(r"(20\d\d)\s*(?:年)?\s*[—–\-－~～至到]\s*(20\d\d)\s*年")
YEAR = re.compile(r"(20\d\d)\s*年")
IN_FORCE_FROM = re.compile(r"自\s*(20\d\d)\s*年.{0,10}?起(?:施行|实施|执行)")
VALID_UNTIL = re.compile(r"有效期(?:至|到)\s*(20\d\d)\s*年")
VALID_FOR = re.compile(r"有效期\s*(?:为)?\s*([1-9一二三四五])\s*年")


def find_period(title: str, text: str, date: str | None = None) -> str:
    """The years a document covers: a range in its title (2026—2028年), else from its in-force sentence
    (自2022年12月15日起实施，有效期至2026年12月31日; …起施行，有效期3年), else the one year its title names
    (2022年行动计划). "" when it says none. Written "2026-2028" or "2022"."""
    m = PERIOD_RANGE.search(title)
    if m:
        return f"{m.group(1)}-{m.group(2)}"
    start = IN_FORCE_FROM.search(text)
    first = int(start.group(1)) if start else (int(date[:4]) if date else None)
    until = VALID_UNTIL.search(text)
    if first and until:
        return f"{first}-{until.group(1)}"
    span = VALID_FOR.search(text)
    if first and span:
        years = "一二三四五".find(span.group(1)) + 1 or int(span.group(1))
        return f"{first}-{first + years - 1}"
    years = sorted({int(y) for y in YEAR.findall(title)})
    return str(years[0]) if len(years) == 1 else ""


def find_date(text: str) -> str | None:
    """The issue date: a date alone on a line (the sign-off), else the first date with 发布/印发."""
    lines = text.split("\n")
    for line in lines:
        if re.fullmatch(r"\s*" + DATE.pattern + r"\s*", line):
            return _format(DATE.search(line))
    for line in lines:
        if re.search(r"发布|印发|通过", line):
            m = DATE.search(line)
            if m:
                return _format(m)
    return None


def _format(m: re.Match) -> str:
    return f"{m.group(1)}年{int(m.group(2))}月{int(m.group(3))}日"
