"""The plain data that flows through ingestion: Document → Clause → Chunk.

Retrieval turns Chunks into Hits (vectorstore/hits.py) and the QA chain turns
Hits into Answers (qa/).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Target:
    """A number with its unit and what it counts: 科技型中小企业达到700家."""

    subject: str  # 科技型中小企业
    value: float  # 700
    unit: str  # 家
    text: str  # the phrase as written: 科技型中小企业达到700家
    qualifier: str = ""  # 以上 / 左右 / 不少于 / 最高 …
    range_start: str = ""  # the start of a range the value ends, as written: 1～ of 1～3个月
    per: str = ""  # what the value is per, written before it: 每平方米 of 每平方米1000元

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Duty:
    """A stretch of a clause and the units a responsibility note assigns to it.

    Most clauses end with one note ("（责任单位：…）"); some carry several,
    each governing the sentences just before it.
    """

    text: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    lead_stated: str = "stated"  # stated (a label or verb says so) | convention (the document's rule) | order (first listed)


@dataclass
class Clause:
    """The smallest numbered unit of a policy text."""

    locator: str  # 二(二)6, 第十二条, 问7
    path: list[str]  # heading path, outermost first, the clause's own heading last
    title: str  # 加快新产品推广应用
    text: str  # the clause as written, its number and title included
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)  # alias -> main name
    targets: list[Target] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    kind: str = "clause"  # clause | preamble | qa | endmatter
    lead_stated: str = "stated"  # how the lead is known (see Duty)

    @property
    def units(self) -> list[str]:
        """Every unit the clause names in a responsibility note, lead first."""
        return list(dict.fromkeys(self.lead + self.responsible))

    @property
    def heading_path(self) -> str:
        return " › ".join(self.path)


@dataclass
class Document:
    doc_id: str  # stable: a hash of the normalised text
    title: str
    file_name: str
    source: str  # path the text was read from
    text: str
    doc_number: str | None = None  # 文号, e.g. 武政规〔2026〕4号
    date: str | None = None  # 2026年2月13日
    places: list[str] = field(default_factory=list)  # where it applies: 广东省, 天河区, 全国 (ingest.places)
    period: str = ""  # the years it covers: 2026-2028, 2022, or ""
    clauses: list[Clause] = field(default_factory=list)


@dataclass
class Chunk:
    """What is embedded and keyword-indexed: a clause or a piece of a long one."""

    chunk_id: str
    doc_id: str
    locator: str
    index_text: str  # heading path + piece: what gets embedded and keyword-indexed
    quote: str  # the clause text (or the piece of it) shown and cited
    clause_title: str
    heading_path: str
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    targets: list[Target] = field(default_factory=list)
    piece: int = 0  # 0 for the first (or only) piece of a clause
