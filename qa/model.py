"""What the QA chain returns: an Answer with numbered Citations."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from qa.conversation import About


@dataclass
class Citation:
    n: int
    doc_title: str
    source: str  # file name
    locator: str  # 二(二)6
    title: str  # clause title
    quote: str  # the clause text (or the piece of it) the answer relies on
    score: float
    doc_id: str = ""
    chunk_id: str = ""

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k not in ("doc_id", "chunk_id")}


@dataclass
class Answer:
    question: str
    language: str  # zh | en
    intent: str  # who | target | aggregate | measures | when | other
    answer: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    closest: list[Citation] = field(default_factory=list)  # nearest clauses, when refused
    retrieved: list[str] = field(default_factory=list)  # locators of the ranking, best first (for evaluation)
    retrieved_quotes: list[str] = field(default_factory=list)
    latency_ms: float = 0.0
    note: str = ""  # e.g. why an LLM rewrite was not used
    trace: list[str] = field(default_factory=list)  # what each step of the chain saw and decided
    about: About | None = None  # what the answer was about, for the next turn of a conversation

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "language": self.language,
            "intent": self.intent,
            "answer": self.answer,
            "refused": self.refused,
            "citations": [c.to_dict() for c in self.citations],
            "closest": [c.to_dict() for c in self.closest],
            "units": {"lead": self.lead, "responsible": self.responsible},
            "latency_ms": round(self.latency_ms, 1),
            "note": self.note,
            "trace": self.trace,
            "about": self.about.to_dict() if self.about else None,
        }
