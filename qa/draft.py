"""Draft a reply to an enterprise's inquiry, for government staff to review and send.

The inquiry is split into its questions; each is answered by `ask()` (so each
point is grounded and cited the same way), then the points are set in a
letter: formal Chinese official style for a Chinese inquiry (称谓, 来函收悉,
point-by-point answers citing 《title》 and locator, the departments to
contact, closing), English for an English one. What the documents don't
cover is said plainly.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from qa.analysis import detect_language
from ingest.places import Place, find_places
from qa.chain import analyse, ask, facts_for, scope, search
from qa.compose import _en_unit
from qa.model import Answer, Citation
from vectorstore.knowledge_base import KnowledgeBase

CN_ORDINALS = "一二三四五六七八九十"
QUESTION_SPLIT = re.compile(r"(?<=[？?])|\n+|(?:^|\s)(?=\d{1,2}[.、．)）](?!\d))|(?<=[。；;])|(?<=[a-z0-9)][.!])\s+(?=[A-Z])")


LEADING_NOISE = re.compile(r"^(?:(?:请问|您好|你好|另外|此外|还有)[:：，,]?\s*|(?:想|我们想|我想)?(?:咨询|请教|了解)[一两二三四五几]?个?问题[:：，,]\s*|\d{1,2}\s*[.、．)）](?!\d)\s*|[（(]\d{1,2}[)）]\s*)+")


# "想了解两点：", "为做好社区规划，想请教：" before the question itself.
LEAD_IN = re.compile(r"^[^？?：:]{0,20}?(?:咨询|请教|了解|请问|想问)[^？?：:，,]{0,6}[：:]\s*")
# An English sentence that asks: it opens with a question word, or says it wants to know.
ASKS_EN = re.compile(r"^(?:who|whom|what|which|how|when|where|whether|can|could|may|is|are|do|does|will|would)\b|"
                     r"\b(?:could you|can you|please (?:tell|advise|let us know|confirm)|(?:we|I)(?: would|'d) (?:also )?like to know|"
                     r"(?:we|I) (?:also )?(?:want|wish|need) to know)\b", re.I)


def split_inquiry(inquiry: str) -> list[str]:
    """The questions an inquiry asks: sentences ending in ？, or numbered points; else the whole text."""
    parts = [p.strip(" \t\n。；;") for p in QUESTION_SPLIT.split(inquiry) if p and p.strip(" \t\n。；;")]
    parts = [LEADING_NOISE.sub("", LEAD_IN.sub("", p)) for p in parts]
    questions = [p for p in parts if p.endswith(("？", "?")) or re.search(r"谁|哪|多少|什么|如何|怎么|是否|能否|可否", p)
                 or ASKS_EN.search(p)]
    return questions or [inquiry.strip()]


def _body(answer: Answer) -> str:
    """An answer's text without its trailing source line, its citation marks renumbered later."""
    lines = [l for l in answer.answer.split("\n") if not l.startswith(("依据：", "Source:"))]
    return " ".join(lines).strip()


def _renumber(text: str, mapping: dict[int, int]) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f"[{mapping.get(int(m.group(1)), int(m.group(1)))}]", text)


def draft(kb: KnowledgeBase, inquiry: str, llm=None) -> Answer:
    started = time.perf_counter()
    inquiry = (inquiry or "").strip()
    if not inquiry:
        raise ValueError("the inquiry is empty")
    language = detect_language(inquiry)
    questions = split_inquiry(inquiry)[:10]
    context = inquiry
    for question in questions:
        context = context.replace(question, "")
    places = find_places(context)  # "我公司在枣庄…" outside the questions: every question is about that place
    # Asked as one conversation: a question naming nothing of its own ("有什么支持政策？") is about what the
    # question before it named, not about whatever document ranks first.
    asked = [_with_places(q, places, language) for q in questions]
    ground = inquiry_documents(kb, inquiry)  # the document(s) the inquiry is about: every answer comes from them
    answers: list[Answer] = []
    for q in asked:  # each with the answer before it, so what it was about carries over (qa.conversation)
        answers.append(ask(kb, q, history=[answers[-1].to_dict()] if answers else None, llm=llm, doc_ids=ground))

    citations: list[Citation] = []
    points: list[str] = []
    contacts: list[str] = []
    uncovered: list[str] = []
    for question, answer in zip(questions, answers):
        if answer.refused:
            uncovered.append(question)
            continue
        mapping = {}
        for c in answer.citations:
            mapping[c.n] = len(citations) + 1
            citations.append(Citation(**{**c.__dict__, "n": len(citations) + 1}))
        refs = "；".join(f"《{c.doc_title}》{c.locator}" for c in answer.citations) if language == "zh" else "; ".join(
            f"《{c.doc_title}》 §{c.locator}" for c in answer.citations)
        points.append((question, _renumber(_body(answer), mapping), refs))
        contacts += answer.lead + answer.responsible
        if not answer.lead and answer.citations:
            contacts += [u for c in answer.citations for u in _units_of(kb, c)][:2]
        contacts = list(dict.fromkeys(contacts))

    text = _letter_zh(points, uncovered, contacts) if language == "zh" else _letter_en(points, uncovered, contacts)
    result = Answer(question=inquiry, language=language, intent="draft", answer=text, refused=not points, citations=citations)
    result.lead = contacts[:1]
    result.responsible = contacts[1:]
    result.latency_ms = (time.perf_counter() - started) * 1000
    return result


def inquiry_documents(kb: KnowledgeBase, inquiry: str) -> list[str] | None:
    """The document an inquiry is about, when its whole text points at one: the best clauses for the whole
    inquiry (scoped by the places it names) mostly from one document. Else the documents of the places it
    names, or None (no scope: each question finds its own)."""
    ctx = analyse(kb, inquiry[:2000], None)
    scope(kb, ctx)
    if ctx.refusal:
        return None
    hits = search(kb, ctx)[: kb.settings.draft_ground_hits]
    votes: dict[str, float] = {}
    for rank, hit in enumerate(hits, 1):
        votes[hit.doc_id] = votes.get(hit.doc_id, 0.0) + 1 / rank
    if votes:
        best = max(votes, key=votes.get)
        if votes[best] >= kb.settings.draft_ground_share * sum(votes.values()):
            return [best]
    return ctx.local_doc_ids or None


def _with_places(question: str, places: list[Place], language: str) -> str:
    missing = [p for p in places if p not in find_places(question)]
    if not missing:
        return question
    if language == "zh":
        return f"{'、'.join(p.short for p in missing)}：{question}"
    return f"{question} (in {', '.join(p.english() for p in missing)})"


def _units_of(kb: KnowledgeBase, citation: Citation) -> list[str]:
    for row in facts_for(kb).rows:
        if row["doc_id"] == citation.doc_id and row["clause_locator"] == citation.locator:
            return row["lead"] + row["responsible"]
    return []


def _letter_zh(points, uncovered, contacts) -> str:
    today = dt.date.today()
    lines = ["贵单位：", "", "来函收悉。经认真研究，现就所询问题答复如下："]
    for i, (question, body, refs) in enumerate(points):
        lines.append(f"{CN_ORDINALS[i] if i < 10 else i + 1}、关于“{question.rstrip('？?')}”的问题。{body}（依据：{refs}）")
    for question in uncovered:
        lines.append(f"关于“{question.rstrip('？?')}”的问题，现有政策文件未作规定，暂无法答复，建议向相关主管部门进一步咨询。")
    if contacts:
        lines.append(f"如需进一步了解具体办理事宜，可联系{'、'.join(contacts[:4])}。")
    lines += ["", "特此函复。", "", "（答复草稿，请经办人员核对引用条款后发出）", f"{today.year}年{today.month}月{today.day}日"]
    return "\n".join(lines)


def _letter_en(points, uncovered, contacts) -> str:
    lines = ["Dear Sir or Madam,", "", "Thank you for your inquiry. Having reviewed the policy documents, we reply point by point:"]
    for i, (question, body, refs) in enumerate(points, 1):
        lines.append(f"{i}. On “{question}”: {body} (Basis: {refs})")
    for question in uncovered:
        lines.append(f"- On “{question}”: the policy documents do not cover this; please consult the competent department.")
    if contacts:
        lines.append("For further details you may contact " + ", ".join(_en_unit(u) for u in contacts[:4]) + ".")
    lines += ["", "Yours faithfully,", "(Draft reply: please check the cited clauses before sending.)"]
    return "\n".join(lines)
