"""Citations and the grounding check.

Every agency name and every number with a unit in an answer must occur in
one of the quotes it cites. An answer that fails the check is not returned.
"""

from __future__ import annotations

import re
import unicodedata

from qa.model import Citation
from vectorstore.records import Hit

# Greedy: "市委金融办" is one name, not "市委" followed by "金融办".
ORG_NAME = re.compile(r"[\u4e00-\u9fff]{1,24}(?:委员会|办公室|局|委|办|厅|部|政府|集团|中心|分局)")
NUMBER_WITH_UNIT = re.compile(
    r"\d+(?:\.\d+)?\s*(?:万亿元|亿元|万元|元|万平方米|平方米|个百分点|%|万家|家|万个|个|项|万名|名|套|场|卡时|天|倍|所|人次|人|批|户|座)"
)


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def citation_from_hit(n: int, hit: Hit, quote: str | None = None) -> Citation:
    return Citation(
        n=n,
        doc_title=hit.doc_title,
        source=hit.source,
        locator=hit.locator,
        title=hit.title,
        quote=quote if quote is not None else hit.quote,
        score=round(hit.score, 4),
        doc_id=hit.doc_id,
        chunk_id=hit.chunk_id,
    )


def claims(answer: str) -> list[str]:
    """Agency names and numbers with units that an answer states."""
    found = [m.group(0) for m in ORG_NAME.finditer(answer)]
    found += [m.group(0) for m in NUMBER_WITH_UNIT.finditer(answer)]
    return found


def unsupported(answer: str, citations: list[Citation]) -> list[str]:
    """Claims of the answer that no cited quote contains.

    Document titles (《…》) and the cited clauses' own titles are references,
    not claims, and are not checked.
    """
    quotes = normalize("\n".join(c.quote for c in citations))
    for doc_title in sorted({c.doc_title for c in citations if c.doc_title}, key=len, reverse=True):
        answer = answer.replace(doc_title, "")  # a nested title (…关于印发《…》的通知) names its issuer
    answer = re.sub(r"《[^《》]*》", "", answer)
    for title in {c.title for c in citations if c.title}:
        answer = answer.replace(f"“{title}”", "")
    missing = []
    for claim in claims(answer):
        text = normalize(claim)
        # A name match may carry words before it (由市科技局): any tail of 3+ characters found counts.
        if not any(text[i:] in quotes for i in range(0, max(1, len(text) - 2))):
            missing.append(claim)
    return missing


def cited_numbers(answer: str) -> set[int]:
    return {int(n) for n in re.findall(r"\[(\d+)\]", answer)}


def check(answer: str, citations: list[Citation]) -> list[str]:
    """Problems that make an answer unfit to return: unsupported claims, citation numbers that don't exist."""
    problems = [f"not in any cited clause: {c}" for c in unsupported(answer, citations)]
    valid = {c.n for c in citations}
    problems += [f"cites [{n}], which does not exist" for n in sorted(cited_numbers(answer) - valid)]
    return problems
