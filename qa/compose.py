"""Compose an answer from the clause structure and quotes — no LLM needed.

    who        the lead unit(s), then the other responsible units, of the best clause
    target     the number with its unit and what it counts, with its sentence quoted
    aggregate  every clause naming the unit, with titles and locators
    otherwise  the one to three most relevant sentences, quoted

English questions get English answers that keep the Chinese names and figures
in parentheses, so they can be checked against the quotes.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from ingest.metadata import DOC_NUMBER
from ingest.units import LEAD_ROLES, ORG_SUFFIX, find_notes, lead_role, parse_note
from qa.citations import ORG_NAME, citation_from_hit
from qa.english import figures_in_english
from qa.figures import asks_only_money, within_own_case, bounds_a_subject, other_side, outside_own_case, respective
from qa.lexicon import english_name, word_groups
from qa.model import Citation
from vectorstore.records import Hit
from vectorstore.tokenizer import normalize

SENTENCE = re.compile(r"[^。；！？!?;\n]+[。；！？!?;]?")
NOTE = re.compile(r"[（(\[［【〔]\s*(牵头单位|责任单位|配合单位|责任部门|牵头部门)[^）)\]］】〕]*[）)\]］】〕]")
DATE_TEXT = re.compile(r"\d{4}年(\d{1,2}月)?(\d{1,2}日)?(底|前|起)?|\d{1,2}月底|年底")


@dataclass
class Composed:
    text: str
    citations: list[Citation]
    lead: list[str]
    responsible: list[str]


def _en_unit(zh: str) -> str:
    en = english_name(zh)
    return f"the {en} ({zh})" if en and not en.lower().startswith("the ") else (f"{en} ({zh})" if en else zh)


def _ref(hit: Hit, language: str) -> str:
    if language == "zh":
        return f"《{hit.doc_title}》{hit.locator}“{hit.title}”"
    return f"《{hit.doc_title}》 §{hit.locator} “{hit.title}”"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE.findall(text) if s.strip() and not NOTE.fullmatch(s.strip())]


# A sentence applying another paragraph of its clause to its own case: "年满3岁至小学入学前…的子女，按本条第一款规定
# 执行", "…参照前款规定执行", "比照本条第二款办理" — the rule it applies is stated in that paragraph.
APPLIES_PARAGRAPH = re.compile(r"(?:按|按照|依照|依据|参照|比照|适用)(?:本条)?(?:第([一二三四五六七八九十\d]{1,3})款|(前款|上款))"
                               r"(?:的)?(?:规定|标准)?(?:执行|办理|扣除|处理|计算)")


def applying_sentences(text: str) -> dict[str, list[str]]:
    """Each sentence of a paragraph (a line of the clause) that another sentence applies to its own case → those
    sentences: the 1000元 of 第一款 answers for the 学前教育 its third paragraph applies it to."""
    import cn2an

    paragraphs = [line for line in text.split("\n") if line.strip()]
    out: dict[str, list[str]] = {}
    for at, paragraph in enumerate(paragraphs):
        for sentence in sentences(paragraph):
            m = APPLIES_PARAGRAPH.search(sentence)
            if not m:
                continue
            try:
                target = at - 1 if m.group(2) else int(cn2an.cn2an(m.group(1), "smart")) - 1
            except (ValueError, KeyError):
                continue
            if 0 <= target < len(paragraphs) and target != at:
                for applied in sentences(paragraphs[target]):
                    out.setdefault(applied, []).append(sentence)
    return out


def best_sentences(hit: Hit, keywords: list[str], limit: int, question: str = "") -> list[str]:
    """The sentences of a hit that share most keywords with the question, in text order (not those on the
    other side of a bound the question names: qa.figures.other_side)."""
    candidates = [s for s in sentences(hit.quote) if len(s) > 4]
    candidates = [s for s in candidates if not other_side(question, s)] or candidates
    if not candidates:
        return [hit.quote]
    scored = [(sum(1 for k in keywords if normalize(k) in normalize(s)) / (1 + len(s) / 400), i, s) for i, s in enumerate(candidates)]
    top = sorted(scored, key=lambda t: (-t[0], t[1]))[:limit]
    if top[0][0] == 0:
        top = [scored[0]]
    return [s for _, _, s in sorted(top, key=lambda t: t[1])]


# --- who ---------------------------------------------------------------------------------


def compose_who(hits: list[Hit], language: str, keywords: list[str]) -> Composed | None:
    """Units of the best hit that names any: its responsibility note, else the body its best sentence names."""
    hit = None
    for candidate in hits[:3]:
        if candidate.lead or candidate.responsible:
            hit = candidate
            break
        mentioned = _compose_mentioned_units([candidate], language, keywords)
        if mentioned is not None:
            return mentioned
    if hit is None:
        return None
    lead = hit.lead or hit.responsible[:1]
    others = [u for u in hit.responsible if u not in lead]
    duty = asked_duty(hit, keywords)
    if duty is not None:  # a clause of several measures, each with its own note: the one asked about
        lead = duty.lead or duty.responsible[:1]
        others = [u for u in duty.responsible if u not in lead]
    citation = citation_from_hit(1, hit)
    written = notes_as_written(hit.quote, lead + others)
    role = lead_role(hit.quote, lead)  # 指导部门：中国证监会 → 中国证监会指导, not 牵头
    if language == "zh":
        text = f"{'、'.join(lead)}{role}"
        text += f"，{'、'.join(others)}共同负责" if others else ""
        text += "".join(f"（原文：“{note}”）" for note in written)
        text += f"[1]。\n依据：{_ref(hit, language)}。"
    else:
        text = f"{LEAD_ROLES[role]} " + " and ".join(_en_unit(u) for u in lead)
        text += (", with " + ", ".join(_en_unit(u) for u in others)) if others else ""
        text += "".join(f" (as written: “{note}”)" for note in written)
        text += f" [1].\nSource: {_ref(hit, language)}."
    return Composed(text, [citation], lead, others)


def notes_as_written(quote: str, units: list[str]) -> list[str]:
    """The responsibility notes of the clause, as written, that name a unit of `units` the clause does not write
    out: "广州、深圳市政府" is read as 广州市政府 and 深圳市政府 (ingest.units.split_units), so the answer shows the
    note too, for the reader to check the names against the text."""
    derived = [u for u in units if normalize(u) not in normalize(quote)]
    if not derived:
        return []
    written = []
    for _, _, inner in find_notes(quote):
        lead, responsible, _ = parse_note(inner)
        if any(u in lead + responsible for u in derived):
            written.append(inner.strip())
    return list(dict.fromkeys(written))


def asked_duty(hit: Hit, keywords: list[str]):
    """Of a clause whose measures each carry their own note ("…有机结合。（商务部指导，供销合作总社参与）
    建立…平台。（生态环境部指导）"), the measure the question's keywords (two characters or more) match best —
    None when the clause has one duty or no measure matches more than the others."""
    from ingest.units import parse_responsibilities

    duties = [d for d in parse_responsibilities(hit.quote).duties if d.lead or d.responsible]
    if len(duties) < 2:
        return None
    words = [normalize(k) for k in dict.fromkeys(keywords) if len(k) >= 2]
    scores = [sum(1 for k in words if k in normalize(d.text)) for d in duties]
    best = max(scores)
    return duties[scores.index(best)] if best and scores.count(best) == 1 else None


PAYER_SENTENCE = re.compile(r"由([^，。；,、由的]{2,14}?)(?:按照?[^，。；]{0,24}?)?(?:给予|发放|支付|兑付|承担|负担)")


def compose_payer(hits: list[Hit], language: str, keywords: list[str]) -> Composed | None:
    """"Who pays that subsidy?": the body a sentence says pays it out (由商品房所在区按照…给予…购房补贴), from the
    best clause of the top three that has such a sentence; None when none does (the responsibility note answers)."""
    for hit in hits[:3]:
        paying = [s for s in sentences(hit.quote) if PAYER_SENTENCE.search(s)]
        if not paying:
            continue
        sentence = best_sentences(dataclasses.replace(hit, quote="\n".join(paying)), keywords, 1)[0]
        payer = PAYER_SENTENCE.search(sentence).group(1)
        if language == "zh":
            text = f"{payer}：“{sentence}”[1]\n依据：{_ref(hit, language)}。"
        else:
            named = _en_unit(payer)
            named = named if named != payer else f"the body the clause names, {payer}"
            text = f"Paid by {named}: “{sentence}” [1]\nSource: {_ref(hit, language)}."
        return Composed(text, [citation_from_hit(1, hit)], [payer], [])
    return None


LOCAL_BODY = ("市", "省", "区", "县", "团", "各")  # a body a local policy names: 市工业和信息化局, 各区政府


def _compose_mentioned_units(hits: list[Hit], language: str, keywords: list[str]) -> Composed | None:
    """No responsibility note: name the body that the most relevant sentence naming one mentions, and quote it."""
    hit = hits[0]
    naming = [s for s in sentences(hit.quote) if any(n.startswith(LOCAL_BODY) for n in ORG_NAME.findall(s))]
    ranked = best_sentences(dataclasses.replace(hit, quote="\n".join(naming)), keywords, 1) if naming else []
    for sentence in ranked:
        names = [m.group(0) for m in ORG_NAME.finditer(sentence)]
        names = [n for n in names if n.startswith(LOCAL_BODY)]
        if names:
            unit = names[0]
            if language == "zh":
                text = f"{unit}：“{sentence}”[1]\n依据：{_ref(hit, language)}。"
            else:
                text = f"{_en_unit(unit)}: “{sentence}” [1]\nSource: {_ref(hit, language)}."
            return Composed(text, [citation_from_hit(1, hit)], [unit], [])
    return None


def add_target(composed: Composed, question: str, language: str, keywords: list[str]) -> Composed:
    """Append the figure the question also asks for, from the clause already cited."""
    cited = composed.citations[0]
    hit = Hit(chunk_id=cited.chunk_id, doc_id=cited.doc_id, doc_title=cited.doc_title, source=cited.source,
              locator=cited.locator, title=cited.title, quote=cited.quote, heading_path="",
              targets=[t for t in _targets_of(cited.quote)])
    target = compose_target([hit], question, language, keywords)
    if target is None:
        return composed
    first = target.text.split("\n", 1)[0]
    return Composed(composed.text.split("\n", 1)[0] + "\n" + first + "\n" + composed.text.split("\n", 1)[-1],
                    composed.citations, composed.lead, composed.responsible)


def _targets_of(text: str) -> list[dict]:
    from ingest.targets import extract_targets

    return [t.to_dict() for t in extract_targets(text)]


# --- target --------------------------------------------------------------------------------

UNIT_HINTS = {
    "家": ("家", "companies", "enterprises", "firms", "opcs"),
    "个": ("个", "platforms", "communities", "scenarios", "centres", "centers"),
    "名": ("名", "people", "talents", "persons", "entrepreneurs", "experts", "farmers"),
    "%": ("%", "比例", "percent", "percentage", "rate", "ratio", "比重"),
    "元": ("元", "资金", "金额", "补助", "补贴", "额度", "yuan", "rmb", "funding", "subsidy", "grant", "amount", "credit", "loan", "fund"),
    "项": ("项", "projects", "products", "items"),
    "套": ("套", "apartments", "flats", "units of"),
    "场": ("场", "events", "sessions"),
    "天": ("天", "days"),
    "卡时": ("卡时", "card-hours", "card hours"),
}


def sentence_coverage(sentence: str, hit: Hit, keywords: list[str]) -> float:
    groups = word_groups([normalize(k) for k in keywords if len(k) >= 2])  # 一台 / 单机 count once
    if not groups:
        return 0.0
    text = normalize(hit.title + sentence)
    return sum(1 for group in groups if any(k in text for k in group)) / len(groups)


ALL_TARGETS = re.compile(r"所有|全部|哪些(量化)?(目标|指标)|各项|\ball\b|\blist\b|\bevery\b", re.I)


def compose_all_targets(hit: Hit, language: str) -> Composed | None:
    """"List all the targets": every number of the best clause."""
    if len(hit.targets) < 2:
        return None
    if language == "zh":
        lines = [f"{_ref(hit, language)}的量化目标："] + [f"- {t['subject'] or '目标'}：{_figure(t)}" for t in hit.targets]
        lines[-1] += "[1]"
    else:
        lines = [f"The targets in {_ref(hit, language)}:"] + [f"- {_figure(t)} ({t['subject']})" for t in hit.targets]
        lines[-1] += " [1]"
    return Composed("\n".join(lines), [citation_from_hit(1, hit)], [], [])


UNIT_KINDS = {
    "area": (re.compile(r"平方米$"), re.compile(r"面积|area|square met")),
    "percent": (re.compile(r"%|百分点"), re.compile(r"比例|比重|率|百分|percent|percentage|\brate\b|ratio|share of")),
    "money": (re.compile(r"元$"), re.compile(
        r"资金|金额|补助|补贴|资助|额度|奖励|多少钱|钱|贷款|基金|how much (money|funding|support|subsidy)|\byuan\b|\brmb\b|"
        r"\bamount\b|subsid|\bgrants?\b|\bfunding\b|\bloans?\b|\bcredit\b|\bcap\b|\bbudget\b|\bfunds\b")),
    "count": (re.compile(r"[家个名项套场所人次批户座篇件]$"), re.compile(r"how many|多少[家个名项套场所人次批户座]|几[家个名项套场]")),
}


OWN_CASE_BONUS = 2.0  # a figure whose sentence bounds its rule to the asker's own case, over the general figure
RATE_WORD = re.compile(r"[\u4e00-\u9fff]{1,3}率")  # 税率, 贡献率: the rate asked for must be named where the figure is


def unit_kind(unit: str) -> str:
    for kind, (unit_pattern, _) in UNIT_KINDS.items():
        if unit_pattern.search(unit):
            return kind
    return "other"


def wanted_unit_kinds(question: str) -> set[str]:
    """The kinds of figure a question asks for (a percentage, an amount of money, a count), if it says.

    "How many …" asks for a count even when the sentence goes on about funding.
    """
    kinds = {kind for kind, (_, words) in UNIT_KINDS.items() if words.search(question)}
    if "count" in kinds and re.search(r"how many|多少[家个名项套场]|几[家个名项套场]", question):
        return {"count", "other"}  # card-hours, days and square metres are counted too
    return kinds


def compose_target(hits: list[Hit], question: str, language: str, keywords: list[str], min_coverage: float = 0.0,
                   required_terms: list[str] | None = None) -> Composed | None:
    """The best-matching number; None when no number sits in a sentence about the question.

    `required_terms`: when given, the number's sentence (or clause title) must contain one of them.
    """
    if ALL_TARGETS.search(question) and hits:
        composed = compose_all_targets(hits[0], language)
        if composed:
            return composed
    lower = question.lower()
    wanted = wanted_unit_kinds(lower)
    if asks_only_money(question, language):  # "how much" is answered by an amount or a share, not by 3名
        wanted = (wanted & {"money", "percent"}) or {"money", "percent"}
    rates = [r for r in RATE_WORD.findall(question) if r not in ("比率", "效率")]
    best = None
    for rank, hit in enumerate(hits[:3]):
        for target in hit.targets:
            if wanted and unit_kind(target["unit"]) not in wanted:
                continue  # 税率 asks for a percentage, not a count of enterprises
            sentence = next((s for s in sentences(hit.quote) if target["text"] in s), target["text"])
            if sentence_coverage(sentence, hit, keywords) < min_coverage or other_side(question, sentence) \
                    or outside_own_case(question, sentence) or bounds_a_subject(sentence, target["text"]):
                continue  # …; "对10万元以下的贷款…" says which loans, not how much
            about = normalize(hit.title + sentence)
            if rates and not any(normalize(r) in about for r in rates):
                continue  # asks for a 税率; this percentage is something else
            # in a sentence listing several figures ("建成A 100个，认定B 10个，培育C 100家"), a figure is about the
            # subject of its own item, not the sentence's others
            listed = sum(1 for t in hit.targets if t["text"] in sentence) > 1
            own = normalize(hit.title + target["text"] + target["subject"]) if listed else about
            if required_terms and not any(normalize(t) in own for t in required_terms):
                continue
            whose = _respective_subject(sentence, target)
            if whose is not None:  # "博士、硕士分别给予15万元、10万元": the figure of the subject the question names
                def named(subject: str, others: list[str]) -> int:  # the question's words only this subject has
                    return sum(1 for k in keywords if len(k) >= 2 and k in subject and not any(k in o for o in others))
                own_words = named(whose[0], whose[1])
                if any(named(other, [whose[0]] + [o for o in whose[1] if o != other]) > own_words for other in whose[1]):
                    continue  # the question names another subject of the list more
            subject_hits = sum(1 for k in keywords if k in target["text"] or k in target["subject"])
            if whose is not None:
                subject_hits += own_words
            unit_bonus = any(target["unit"].endswith(u) and any(h in lower for h in hints) for u, hints in UNIT_HINTS.items())
            # What it counts, the sentence it sits in, the unit asked for; earlier hits first.
            score = subject_hits * 2 + sentence_coverage(sentence, hit, keywords) * 4 + unit_bonus * 1.5 - rank * 1.0 \
                + within_own_case(question, sentence) * OWN_CASE_BONUS  # 雇了8个人: the rule for 5人及以上
            if best is None or score > best[0]:
                label = whose[0].rsplit("的", 1)[-1] if whose is not None else target["subject"]
                best = (score, hit, dict(target, subject=label))
    if best is None or best[0] <= 0:
        return None
    _, hit, target = best
    figure = _figure(target)
    sentence = next((s for s in sentences(hit.quote) if target["text"] in s or figure in s), target["text"])
    cap = _cap_after(hit, target, sentence)
    if cap is not None:  # "每平方米1000元给予最高10万元": the rate with the ceiling on the sum it gives
        figure = f"{figure}（{_figure(cap)}）" if language == "zh" else figure
    if language == "zh":
        text = f"{target['subject'] or '目标'}：{figure}[1]。\n原文：“{sentence}”\n依据：{_ref(hit, language)}。"
    else:
        english = figures_in_english(figure)
        shown = english[0] if english else figure
        if cap is not None:
            shown += "".join(f", {e}" for e in figures_in_english(_figure(cap))[:1])
        text = f"{shown} — {target['subject']} [1].\nThe text says: “{sentence}”\nSource: {_ref(hit, language)}."
    return Composed(text, [citation_from_hit(1, hit)], [], [])


def _respective_subject(sentence: str, target: dict) -> tuple[str, list[str]] | None:
    """For a figure given respectively (qa.figures.respective), its own subject and the list's other subjects."""
    pairs = respective(sentence)
    value = target["value"]
    value = int(value) if isinstance(value, float) and value.is_integer() else value
    mine = [subject for subject, figure in pairs if re.sub(r"\s", "", figure) == f"{value}{target['unit']}"]
    if len(mine) != 1:
        return None
    return mine[0], [subject for subject, _ in pairs if subject != mine[0]]


CAP_QUALIFIERS = {"最高", "不超过", "最多", "不高于"}


def _cap_after(hit: Hit, target: dict, sentence: str) -> dict | None:
    """The ceiling on a sum stated right after a rate in its sentence (每平方米1000元给予最高10万元, 按50%给予最高200万元
    资助), for a rate that is no ceiling itself; else None."""
    if target.get("qualifier") in CAP_QUALIFIERS or not (target.get("per") or target["unit"] == "%"):
        return None
    at = sentence.find(target["text"])
    if at < 0:
        return None
    rest = sentence[at + len(target["text"]):]
    for other in hit.targets:
        between = rest[: rest.find(other["text"])] if other["text"] in rest else None
        # in the same stretch of the sentence (not "（其中床位费不高于每人每天35元）", a ceiling of a part of it), a
        # ceiling on the whole sum (no rate of its own)
        if between is not None and len(between) <= CAP_REACH and not re.search(r"[，,；;。（(其]", between + other["text"]) \
                and other.get("qualifier") in CAP_QUALIFIERS and not other.get("per") and unit_kind(other["unit"]) == "money":
            return other
    return None


CAP_REACH = 12  # characters between a rate and the ceiling that bounds it ("…1000元给予最高10万元")


def _figure(target: dict) -> str:
    value = target["value"]
    value = int(value) if isinstance(value, float) and value.is_integer() else value
    qualifier = target.get("qualifier", "")
    prefix = qualifier if qualifier in {"不少于", "不低于", "不超过", "最高", "最长", "超过", "超", "约"} else ""
    suffix = qualifier if qualifier in {"以上", "左右", "以下", "以内"} else ""
    return f"{prefix}{target.get('per', '')}{target.get('range_start', '')}{value}{target['unit']}{suffix}"


# --- aggregate -------------------------------------------------------------------------------


def compose_aggregate(unit: str, rows: list[dict], hits_by_row: list[Hit], language: str) -> Composed:
    citations = [citation_from_hit(n, hit, row["text"]) for n, (row, hit) in enumerate(zip(rows, hits_by_row), 1)]
    if language == "zh":
        lines = [f"{unit}被列为牵头或责任单位的条款共{len(rows)}条："]
        for n, row in enumerate(rows, 1):
            role = "牵头" if unit in row["lead"] else "参与"
            lines.append(f"{n}. 《{row['doc_title']}》{row['locator']}“{row['title']}”（{role}）[{n}]")
    else:
        lines = [f"{_en_unit(unit)[0].upper()}{_en_unit(unit)[1:]} is named in {len(rows)} clause(s):"]
        for n, row in enumerate(rows, 1):
            role = "lead" if unit in row["lead"] else "responsible"
            lines.append(f"{n}. 《{row['doc_title']}》 §{row['locator']} “{row['title']}” ({role}) [{n}]")
    return Composed("\n".join(lines), citations, [], [])


# --- the rest: quoted sentences --------------------------------------------------------------------


SPECIFIC_DATE = re.compile(r"\d{1,2}月|月底|年底|年内|之前|前完成|起施行|有效期")


def _has_date(sentence: str, year_is_enough: bool) -> bool:
    """A date in the sentence; a bare year only when the question asks for a year."""
    return bool(DATE_TEXT.search(sentence)) and (year_is_enough or bool(SPECIFIC_DATE.search(sentence)))


# "须准备以下资料：1.有效身份证明；2.购机发票；3.…": a list opened inline, its items one sentence each
INLINE_LEAD_IN = re.compile(r"(?:以下|如下)[^：:。；]{0,10}[：:]\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])")
INLINE_ITEM = re.compile(r"^\s*(?:\d{1,2}\s*[.．、]|[（(][一二三四五六七八九十\d]{1,3}[)）])")
MAX_LIST_CHARS = 600


def whole_lists(text: str, chosen: list[str]) -> list[str]:
    """Chosen sentences with a list opened inline given whole: the lead-in and every item after it (up to
    MAX_LIST_CHARS), so "要带哪些材料" is answered with all the materials, not the ones sharing its words."""
    all_sentences = sentences(text)
    out: list[str] = []
    for sentence in chosen:
        if any(sentence in taken for taken in out):
            continue  # an item already quoted with its lead-in
        if INLINE_LEAD_IN.search(sentence) and sentence in all_sentences:
            items = []
            for item in all_sentences[all_sentences.index(sentence) + 1:]:
                if not INLINE_ITEM.match(item) or len(sentence) + sum(map(len, items)) + len(item) > MAX_LIST_CHARS:
                    break
                items.append(item)
            out = [o for o in out if o not in items]
            sentence = "".join([sentence, *items])
        out.append(sentence)
    return out


def compose_quotes(hits: list[Hit], language: str, keywords: list[str], limit: int, need_date: bool = False,
                   year_is_enough: bool = True, question: str = "") -> Composed | None:
    """The most relevant sentences; for a "when" question, None unless a relevant sentence has a date."""
    primary = hits[0]
    chosen = whole_lists(primary.quote, best_sentences(primary, keywords, limit, question))
    if need_date:
        for hit in hits[:3]:
            dated = [s for s in sentences(hit.quote) if _has_date(s, year_is_enough) and any(k in s for k in keywords)]
            if dated:
                primary, chosen = hit, dated[:limit]
                break
        else:
            return None
    citations = [citation_from_hit(1, primary)]
    body = "".join(s if s.endswith(("。", "；", ";", "！", "？", "!", "?")) else s + "。" for s in chosen)
    if language == "zh":
        text = f"“{body}”[1]\n依据：{_ref(primary, language)}。"
    else:
        text = f"The document says (quoted in the original Chinese): “{body}” [1]\nSource: {_ref(primary, language)}."
    return Composed(text, citations, [], [])


# --- define ------------------------------------------------------------------------------------

DEFINITION = re.compile(r"即|是指|指的是|以下简称|以下称|简称")


def defining_sentence(text: str, term: str) -> str | None:
    """The sentence of `text` that defines `term`: …（即…，以下称OPC）, OPC是指…, 本办法所称青年企业，是指…"""
    t = re.escape(term)
    pattern = re.compile(rf"(以下简称|以下称|简称)\s*[“\"]?{t}|{t}\s*[”\"]?\s*[，,]?\s*[（(]?\s*(是指|指的是|即)", re.IGNORECASE)
    for sentence in sentences(text):
        if pattern.search(sentence):
            return sentence
    return None


def compose_definition(term_hits: list[tuple[Hit, str]], language: str) -> Composed | None:
    """"What does OPC mean?": the sentence that defines the term."""
    if not term_hits:
        return None
    hit, sentence = term_hits[0]
    if language == "zh":
        text = f"“{sentence}”[1]\n依据：{_ref(hit, language)}。"
    else:
        text = f"The document defines it (in the original Chinese): “{sentence}” [1]\nSource: {_ref(hit, language)}."
    return Composed(text, [citation_from_hit(1, hit, sentence)], [], [])


# --- list ----------------------------------------------------------------------------------------

ENUMERATION = re.compile(r"[^、，,；;。]{1,12}(?:、[^、，,；;。]{1,12}){2,}")


def compose_enumeration(hits: list[Hit], language: str, keywords: list[str], terms: list[str]) -> Composed | None:
    """"What does X consist of?": the sentence naming X (or most of the question) together with a list
    of three or more items; None when no clause enumerates it — the documents don't say."""
    candidates = []
    for rank, hit in enumerate(hits[:5]):
        for sentence in sentences(hit.quote):
            if not ENUMERATION.search(sentence):
                continue
            about = normalize(hit.doc_title + sentence)
            covered = sentence_coverage(sentence, hit, keywords)
            if (any(normalize(t) in about for t in terms) if terms else covered >= 0.3):
                candidates.append((covered, -rank, hit, sentence))
    if not candidates:
        return None
    _, _, hit, sentence = max(candidates, key=lambda c: (c[0], c[1]))
    if language == "zh":
        text = f"“{sentence}”[1]\n依据：{_ref(hit, language)}。"
    else:
        text = f"The document lists (in the original Chinese): “{sentence}” [1]\nSource: {_ref(hit, language)}."
    return Composed(text, [citation_from_hit(1, hit)], [], [])


# --- evidence: the key sentence of each part of the question --------------------------------------


MAX_FIGURES_EN = 6  # figures listed in English before the quote


def compose_evidence(evidence: list, language: str, first_n: int = 1, cited: dict[str, int] | None = None) -> Composed | None:
    """The chosen sentences (qa.evidence), quoted in the order of the question's parts, each cited.
    `cited`: chunk id → number of the clauses an answer already cites, whose numbers a quote from them keeps."""
    if not evidence:
        return None
    cited = cited or {}
    hits: list[Hit] = []
    for item in evidence:
        if item.hit.chunk_id not in cited and all(h.chunk_id != item.hit.chunk_id for h in hits):
            hits.append(item.hit)
    number = {**cited, **{h.chunk_id: n for n, h in enumerate(hits, first_n)}}
    quoted, seen = [], set()
    for item in evidence:
        if item.sentence in seen:
            continue
        seen.add(item.sentence)
        quoted.append((item.sentence, number[item.hit.chunk_id]))
        for applying in applying_sentences(item.hit.quote).get(item.sentence, []):  # …按本条第一款规定执行
            if applying not in seen:
                seen.add(applying)
                quoted.append((applying, number[item.hit.chunk_id]))
    refs = [_ref(h, language) for h in hits]
    if language == "zh":
        body = "".join(f"“{s}”[{n}]" for s, n in quoted)
        text = f"{body}\n依据：{'；'.join(refs)}。"
    else:
        body = " ".join(f"“{s}” [{n}]" for s, n in quoted)
        figures = list(dict.fromkeys(f for s, _ in quoted for f in figures_in_english(s)))[:MAX_FIGURES_EN]
        gist = f"In figures: {'; '.join(figures)}.\n" if figures else ""
        text = f"{gist}The document says (quoted in the original Chinese): {body}\nSource: {'; '.join(refs)}."
    return Composed(text, [citation_from_hit(n, h) for h, n in zip(hits, range(first_n, first_n + len(hits)))], [], [])


def complete(composed: Composed, evidence: list, language: str) -> Composed:
    """Add to a structured answer the sentences for the parts of the question it leaves unanswered; a quote
    from a clause the answer already cites keeps that clause's number."""
    answer_text = normalize(composed.text)
    missing = [e for e in evidence if normalize(e.sentence) not in answer_text]
    if not missing:
        return composed
    cited = {c.chunk_id: c.n for c in composed.citations}
    extra = compose_evidence(missing, language, first_n=len(composed.citations) + 1, cited=cited)
    marker = "\n依据：" if language == "zh" else "\nSource: "
    head, _, source = composed.text.partition(marker)
    body, _, extra_source = extra.text.rpartition(marker)
    body = body.replace("The document says (quoted in the original Chinese): ", "").replace("\n", " ")
    joined = f"{head}\n另：{body}" if language == "zh" else f"{head}\nAlso: {body}"
    joined += (marker + source) if source else ""
    joined += (marker + extra_source) if extra.citations else ""
    return Composed(joined, composed.citations + extra.citations, composed.lead, composed.responsible)


# --- document: 文号, issuer, date, when it takes effect ---------------------------------------------

DOC_NUMBER_TEXT = DOC_NUMBER  # one pattern for a 文号 (ingest.metadata)
SIGN_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
IN_FORCE = re.compile(r"施行|生效|有效期|起实施|之日起执行")
THIS_DOCUMENT = re.compile(r"^(第[一二三四五六七八九十百]+条\s*)?本(办法|方案|通知|规定|意见|细则|措施|指南|清单|计划|政策|条例|决定)|自.{0,14}起(施行|实施|执行)")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


def english_date(zh: str) -> str:
    m = re.search(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", zh)
    return f"{int(m.group(3))} {MONTHS[int(m.group(2)) - 1]} {m.group(1)}" if m else zh


# "杭州市科学技术局2026年5月25日发布，…": an issuing body and date on one line, as web releases print them
ISSUED_LINE = re.compile(r"^(?P<issuer>[\u4e00-\u9fff（）()、 ]{2,40}?)\s*于?\s*(?P<date>\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)"
                         r"\s*(?:发布|印发|公布|发)")


def document_card(preamble: str) -> dict:
    """文号, issuer and sign-off date from a notice's opening (文号 on its own line near the top; the
    issuing bodies on the lines just above the date that stands alone on a line), or from a line saying
    who issued it when (ISSUED_LINE)."""
    lines = [line.strip() for line in preamble.split("\n")]
    card = {}
    for line in lines[:3]:
        m = DOC_NUMBER_TEXT.search(line)
        if m and len(line) <= len(m.group(0)) + 4:
            card["number"] = m.group(0)
            break
    for i, line in enumerate(lines):
        if SIGN_DATE.match(line):
            card["date"] = line
            issuers = []
            for previous in reversed(lines[:i]):
                if not previous or len(previous) > 40 or re.search(r"[。：:，,；]", previous):
                    break
                issuers.insert(0, previous)
            if issuers:
                card["issuer"] = " ".join(issuers)
            break
    else:
        for line in lines:
            m = ISSUED_LINE.match(line)
            if m and ORG_SUFFIX.search(m.group("issuer").strip()):
                card.update(issuer=m.group("issuer").strip(), date=re.sub(r"\s+", "", m.group("date")))
                break
    return card


def compose_document(opening: list[Hit], in_force: list[Hit], language: str) -> Composed | None:
    """"What is its 文号 / when was it issued / when does it take effect?": the document's card, read from its
    opening clause and, when the sign-off (issuer, date) stands elsewhere, from that clause too."""
    hits, parts = [], []
    card: dict = {}
    for hit in opening:
        found = {k: v for k, v in document_card(hit.quote).items() if k not in card}
        if found:
            card.update(found)
            hits.append(hit)
    n = len(hits)
    if language == "zh":
        facts = [f"文号：{card['number']}" if "number" in card else "",
                 f"发文机关：{card['issuer']}" if "issuer" in card else "",
                 f"印发日期：{card['date']}" if "date" in card else ""]
        if any(facts):
            parts.append("；".join(f for f in facts if f) + "".join(f"[{n}]" for n in range(1, len(hits) + 1)) + "。")
    else:
        facts = [f"document number {card['number']}" if "number" in card else "",
                 f"issued by {card['issuer']}" if "issuer" in card else "",
                 f"on {english_date(card['date'])} ({card['date']})" if "date" in card else ""]
        if any(facts):
            cites = " ".join(f"[{n}]" for n in range(1, len(hits) + 1))
            parts.append(("Document " + " ".join(f for f in facts if f)).replace("Document document", "Document") + f" {cites}.")
    for hit in in_force:
        found = [s for s in sentences(hit.quote) if IN_FORCE.search(s) and THIS_DOCUMENT.search(s)]
        if found:
            hits.append(hit)
            n = len(hits)
            quote = "".join(found[:2])
            parts.append(f"施行与有效期：“{quote}”[{n}]" if language == "zh" else f"In force: “{quote}” [{n}]")
            break
    if not hits:
        return None
    refs = [_ref(h, language) for h in hits]
    text = "\n".join(parts) + ("\n依据：" + "；".join(refs) + "。" if language == "zh" else "\nSource: " + "; ".join(refs) + ".")
    return Composed(text, [citation_from_hit(i, h) for i, h in enumerate(hits, 1)], [], [])
