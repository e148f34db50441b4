"""Document-level facts: a stable id, the title, the 文号 and the date."""

from __future__ import annotations

import hashlib
import re
import unicodedata

DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,10}[〔\[［【(（]\s*\d{4}\s*[〕\]］】)）]\s*\d{1,4}\s*号")
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
        if not line or HEADING_START.match(line):
            continue
        if len(line) <= 80 and not line.endswith(("：", ":")) and line.count("。") <= 1:
            return line.rstrip("。")
        break
    m = BOOK_TITLE.search(text[:2000])
    if m:
        return m.group(1)
    return file_name.rsplit(".", 1)[0]


def find_doc_number(text: str) -> str | None:
    m = DOC_NUMBER.search(text[:3000])
    return re.sub(r"\s+", "", m.group(0)) if m else None


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
