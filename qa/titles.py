"""Questions that name a document by its title.

Users name the plan they ask about: "国务院“无废城市”建设试点工作方案里，到2020年…", "郑州的人工智能OPC创业社区
推广方案里，算力券…". The title's words say *which document*, not *which clause*: left among the keywords they
rank every clause that repeats the document's name (无废城市, 建设, 试点) above the one that answers.

A title is named when the question holds runs of its core name (the title without 关于印发 … 的通知, brackets
and years) of at least `title_min_span` characters, one of them at least `title_min_run` long, together at
least `title_min_share` of the core, and says what the document is (its name's last word: 方案, 计划, 通知). Several documents may be named at once (two plans sharing 支持人工智能
OPC创新发展): all of them are.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from vectorstore.tokenizer import normalize

INNER_TITLE = re.compile(r"《([^》]{4,})》")
WRAPPER_HEAD = re.compile(r"^.*?关于(?:印发|转发)?")
WRAPPER_TAIL = re.compile(r"的(?:通知|意见|决定|公告|通告|批复)$")
BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)|〔[^〕]*〕")
YEARS = re.compile(r"\d{4}(?:[-—–至]\d{4})?年")
NOT_NAME = re.compile(r"[^0-9a-z\u4e00-\u9fff]")
NAME_GAP = 2  # characters between two runs of one title (的, 里的) once punctuation and years are taken out
GENRE = 2  # characters: what a document is, the last word of its name (方案, 计划, 办法, 指南, 通知)


@dataclass
class TitleMatch:
    doc_ids: list[str]
    spans: list[tuple[int, int]]  # where the title's words stand in normalize(question)


def core_name(title: str, places: Sequence[str] = ()) -> str:
    """The name a user would type: 《…》 when the title quotes it, else without the issuing wrapper,
    brackets (征求意见稿, 第一批, 2026—2028年) and years; letters, digits and Chinese only; without a leading
    place (`places`: the document's place names, longest first), which users write their own way (枣庄 for 枣庄市)."""
    title = normalize(title)
    inner = INNER_TITLE.search(title)
    name = inner.group(1) if inner else WRAPPER_TAIL.sub("", WRAPPER_HEAD.sub("", BRACKETED.sub("", title))) or title
    name = NOT_NAME.sub("", YEARS.sub("", BRACKETED.sub("", name)))
    for place in places:
        if place and name.startswith(place) and len(name) > len(place):
            return name[len(place):]
    return name


def _cleaned(question: str) -> tuple[str, list[int]]:
    """normalize(question) with punctuation, spaces and years taken out, and where each kept character stood."""
    text = normalize(question)
    years = {i for m in YEARS.finditer(text) for i in range(m.start(), m.end())}
    kept = [(c, i) for i, c in enumerate(text) if i not in years and not NOT_NAME.match(c)]
    return "".join(c for c, _ in kept), [i for _, i in kept]


def _runs(text: str, name: str, min_span: int) -> list[tuple[int, int]]:
    """The runs of `text` (start, end) that name `name`: maximal runs occurring in it, each at least min_span
    long, taken from the one stretch of the text where they stand closest together (at most NAME_GAP
    characters apart: 打造出海服务平台的专项资金) and cover the most — a title is named in one place."""
    runs, i = [], 0
    while i < len(text):
        j = i
        while j < len(text) and text[i: j + 1] in name:
            j += 1
        if j - i >= min_span:
            runs.append((i, j))
            i = j
        else:
            i += 1
    stretches: list[list[tuple[int, int]]] = []
    for run in runs:
        if stretches and run[0] - stretches[-1][-1][1] <= NAME_GAP:
            stretches[-1].append(run)
        else:
            stretches.append([run])
    return max(stretches, key=lambda runs: sum(e - s for s, e in runs), default=[])


def _says_what_it_is(text: str, runs: list[tuple[int, int]], core: str) -> bool:
    """A document is named with what it is — its core name's last word (方案, 计划, 通知), written at the end of the
    run or just after it ("清洁海岸建设试点方案"): "首台套重大技术装备推广由哪个部门负责" names a topic that a
    notice's title happens to hold, not the notice."""
    kind = core[-GENRE:]
    return any(kind in text[e - GENRE: e + NAME_GAP + GENRE] for _, e in runs)


# "…试点方案里，", "…若干措施中，": the question says it names a document (a kind of document, then where in it)
FRAMED = re.compile(r"(方案|计划|办法|通知|措施|指南|意见|规定|细则|清单|问答)(?:里面|里|中|中的|上|规定|提到|说)[，,：:\s]")


def framed_kind(question: str) -> str | None:
    """The kind of document a question says it names ("…试点方案里，…" → 方案), or None."""
    m = FRAMED.search(normalize(question))
    return m.group(1) if m else None


def named_documents(question: str, cores: dict[str, str], found_in: Callable[[str], set[str]],
                    min_span: int, min_run: int, min_share: float, joined: str | None = None,
                    framed_share: float | None = None) -> TitleMatch | None:
    """The documents whose title (`cores`: document → core_name) the question names, and where it names them.
    `joined`: the cores joined by newlines, when the caller keeps them so (one string per knowledge base).
    `framed_share`: when the question says it names a kind of document ("…试点方案里，"), runs of `min_span`
    covering this share of a core name of that kind name it.

    `found_in(words)`: the documents whose text holds the words. A title's words that other documents use
    too name a topic, not a document (创业担保贷款 in 《创业担保贷款常见问题》 and in a city's measures): then
    no document is named."""
    text, where = _cleaned(question)
    joined = "\n".join(cores.values()) if joined is None else joined
    kind = framed_kind(question) if framed_share is not None else None
    if kind:  # "“无废城市”试点方案里，…": a shorter run of the name will do, for a document of that kind
        min_run, min_share = min_span, framed_share
    if not any(text[i: i + min_run] in joined for i in range(len(text) - min_run + 1)):
        return _quoted_name(question, cores, found_in)  # the common case, checked at C speed over every title at once
    named, spans, longest = [], set(), ""
    for doc_id, core in cores.items():
        if not core:
            continue
        runs = _runs(text, core, min_span)
        says = core.endswith(kind) if kind else _says_what_it_is(text, runs, core)
        if runs and max(e - s for s, e in runs) >= min_run and sum(e - s for s, e in runs) >= min_share * len(core) and says:
            named.append(doc_id)
            spans.update((where[s], where[e - 1] + 1) for s, e in runs)
            longest = max([longest] + [text[s:e] for s, e in runs], key=len)
    if not named:
        return _quoted_name(question, cores, found_in)
    if not found_in(longest) <= set(named):
        return None
    return TitleMatch(named, sorted(spans))


# A name the user puts in quotes: "听说国家在搞“无废城市”试点" names the plan by its own quoted name.
QUOTED_NAME = re.compile(r"[“\"「『]([^”\"」』]{3,12})[”\"」』]")


def _quoted_name(question: str, cores: dict[str, str], found_in: Callable[[str], set[str]]) -> TitleMatch | None:
    """The documents named by a quoted name in the question (“无废城市”) that their core names hold and no other
    document's text uses."""
    text = normalize(question)
    for m in QUOTED_NAME.finditer(text):
        name = NOT_NAME.sub("", m.group(1))
        if len(name) < 3:
            continue
        named = [doc_id for doc_id, core in cores.items() if core and name in core]
        if named and found_in(name) <= set(named):
            after, end = m.end(), m.end()  # and the words of the name right after the quote: “无废城市”试点
            while end < len(text) and all(text[after: end + 1] in cores[d] for d in named):
                end += 1
            return TitleMatch(named, [m.span(1)] + ([(after, end)] if end - after >= 2 else []))
    return None


QUOTE_MARKS = "“”\"「」『』《》"
ISSUER_MAX_CHARS = 12  # 国务院, 广东省发展改革委: the issuer a user names before a document's name


def with_issuer(question: str, named: TitleMatch, titles: Sequence[str]) -> TitleMatch:
    """The match, each span taken back over the words right before it that every named document's full title
    holds: the issuer said before the name ("国务院“无废城市”建设试点工作方案" of 《国务院办公厅关于印发“无废城市”
    建设试点工作方案的通知》) names the document too, no clause."""
    text, full = normalize(question), [normalize(t) for t in titles]
    spans = []
    for start, end in named.spans:
        i = start
        while i > 0 and text[i - 1] in QUOTE_MARKS:
            i -= 1
        before = next((j for j in range(max(0, i - ISSUER_MAX_CHARS), i - 1)
                       if not re.search(r"[,.?!;:，。？！；：\s]", text[j:i]) and all(text[j:i] in t for t in full)), None)
        spans.append((before, end) if before is not None else (start, end))
    return TitleMatch(named.doc_ids, spans)


def title_words(spans: list[tuple[str, int, int]], named: TitleMatch) -> set[str]:
    """Of the question's tokens (token, start, end over normalize(question)), those it uses only inside the
    title it names: 科技 stays a keyword in "科技研发创新行动计划里，重大科技创新工程…"."""
    def inside(start: int, end: int) -> bool:
        return any(a <= start and end <= b for a, b in named.spans)
    return {t for t, s, e in spans if inside(s, e)} - {t for t, s, e in spans if not inside(s, e)}
