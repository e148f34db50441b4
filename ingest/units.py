"""Who leads and who is responsible: read a clause's responsibility notes.

Policy texts end a task with a note in brackets:

    （牵头单位：市数据局，责任单位：市委宣传部（网信办）、市科技局、市工信局）
    （责任单位：市工业和信息化局、市财政局）
    （牵头单位：市委组织部，配合单位：市国资委）
    [责任单位：市科技局、市发展改革委，各区、县（市）政府。以下均需…不再列出]

Convention of these documents: when only 责任单位 is given, the first unit
listed is the lead. Units are split on 、，,； (never inside brackets);
an alias in angle brackets (市农业农村局〈市乡村振兴局〉) yields both names,
a note in angle brackets (〈含开发区…,下同〉) is dropped.

A clause may carry several notes, each governing the sentences just before
it; every note starts a new `Duty`.

Without any note, free-text forms are read: 由X牵头, X牵头, （X负责）,
X按职责分工负责.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.model import Duty

OPEN = "（([［〈〔【"
CLOSE = "）)]］〉〕】"
LEAD_LABELS = ("牵头单位", "牵头部门", "指导部门", "指导单位", "主管部门", "主管单位", "主责单位", "主责部门")
RESPONSIBLE_LABELS = ("责任单位", "责任部门", "责任主体", "负责部门", "负责单位", "配合单位", "配合部门", "协办单位",
                      "参与单位", "参与部门", "协同单位", "协同部门")
# A table column that names responsible bodies (ingest.tables turns its cells into a note).
ROLE_COLUMN = re.compile("|".join(LEAD_LABELS + RESPONSIBLE_LABELS))
# Notes without labels, where a verb after each list of bodies says its role:
#   （省发展改革委牵头负责，省工业和信息化厅、财政厅配合）  （国家发展改革委、农业农村部指导）
#   （A牵头，B、C参与）  （生态环境部指导，试点城市政府负责落实。以下均需…）
ROLE_VERB = re.compile(r"^(.+?)(?:按职责分工|按职责|分别)?(牵头负责|负责牵头|牵头|指导|主管|主责|共同负责|负责落实|配合|参与|协助|协同|负责)$")
LEAD_VERBS = ("牵头负责", "负责牵头", "牵头", "指导", "主管", "主责")
LABEL = re.compile(r"(" + "|".join(LEAD_LABELS + RESPONSIBLE_LABELS) + r")\s*[:：]")
NOTE_START = re.compile(r"[（(\[［【]\s*(?=(" + "|".join(LEAD_LABELS + RESPONSIBLE_LABELS) + r")\s*[:：])")
ORG_SUFFIX = re.compile(r"(局|委员会|委|办公室|办|厅|部|中心|集团|政府|分局|院|会|署|行|所|公司|联|团市委|社|处|小组|专班)$")  # 供销合作总社, 工业互联网处, 领导小组
# "各区、县（市）政府" and "各区、县级市" name one kind of body; never split them.
COMPOUND = re.compile(r"各(?:有关)?区、县(?:（市）|\(市\)|级市)(?:人民)?(?:政府)?")


@dataclass
class Responsibilities:
    lead: list[str] = field(default_factory=list)
    responsible: list[str] = field(default_factory=list)
    aliases: dict[str, str] = field(default_factory=dict)
    duties: list[Duty] = field(default_factory=list)
    lead_stated: str = "stated"  # stated | convention | order (see ingest.model.Duty)


# The role a lead is given, as the text words it: a label (指导部门：…) or a verb (…指导); 牵头 when neither says
# another. English: how an answer names it.
LEAD_ROLES = {"指导": "Guided by", "主管": "Overseen by", "主责": "Mainly the responsibility of", "牵头": "Led by"}


def lead_role(text: str, lead: list[str]) -> str:
    """How the note naming `lead` in `text` words its role: 指导 for "指导部门：中国证监会" or "（生态环境部指导）",
    主管 for 主管部门, 主责 for 主责单位; 牵头 otherwise (牵头单位, 责任单位 listed first, no note)."""
    for _, _, inner in find_notes(text):
        if not lead or lead[0] not in inner:
            continue
        label = LABEL.search(inner)
        role = label.group(1)[:2] if label and label.group(1) in LEAD_LABELS else \
            next((m.group(2)[:2] for part in re.split(r"[，,；;]", inner) if (m := ROLE_VERB.match(part.strip()))
                  and lead[0] in m.group(1) and m.group(2) in LEAD_VERBS), "牵头")
        return role if role in LEAD_ROLES else "牵头"
    return "牵头"


def parse_verb_note(inner: str) -> tuple[list[str], list[str]] | None:
    """Lead and other units of a note whose verbs give the roles; None when the text is no such note."""
    lead: list[str] = []
    responsible: list[str] = []
    any_lead = False
    pending = ""  # "省工业和信息化厅、财政厅，各地级以上市人民政府配合": bodies before a comma share the verb
    for segment in _split_top_level(_top_level_cut(inner, "。"), "，,；;"):
        m = ROLE_VERB.match(segment.strip())
        if not m:
            pending += segment + "、"
            continue
        names = split_units(pending + m.group(1))[0]
        pending = ""
        if not names or not all(ORG_SUFFIX.search(n) or n.startswith("各") for n in names):
            return None
        is_lead = m.group(2) in LEAD_VERBS or (m.group(2) == "负责" and not any_lead)
        any_lead = any_lead or is_lead
        (lead if is_lead else responsible).extend(names)
    if pending.strip("、 ") or (not lead and not responsible):
        return None
    return _unique(lead), _unique(responsible)


def _verb_notes(text: str) -> list[tuple[int, int, str]]:
    notes = []
    for m in re.finditer(r"[（(〔]", text):
        end = _matching_close(text, m.start())
        if end is not None and end - m.start() <= 400 and parse_verb_note(text[m.start() + 1 : end - 1]) is not None:
            notes.append((m.start(), end, text[m.start() + 1 : end - 1]))
    return notes


LABEL_LINE = re.compile(r"(?m)^[ \t]*(?=(?:" + "|".join(LEAD_LABELS + RESPONSIBLE_LABELS) + r")\s*[:：])(.+)$")


def find_notes(text: str) -> list[tuple[int, int, str]]:
    """(start, end, inner text) of every responsibility note: bracketed (labelled, or with role verbs), or a
    line of its own after the measure ("责任单位：市科技局、市工信局")."""
    labelled = _labelled_notes(text)
    verbs = [n for n in _verb_notes(text) if not any(s <= n[0] < e for s, e, _ in labelled)]
    lines = [(m.start(), m.end(), m.group(1)) for m in LABEL_LINE.finditer(text)
             if not any(s <= m.start() < e for s, e, _ in labelled + verbs)]
    return sorted(labelled + verbs + lines)


def _labelled_notes(text: str) -> list[tuple[int, int, str]]:
    notes = []
    pos = 0
    while True:
        m = NOTE_START.search(text, pos)
        if not m:
            return notes
        end = _matching_close(text, m.start())
        if end is None:
            end = len(text)
            inner = text[m.end() : end]
        else:
            inner = text[m.end() : end - 1]
        notes.append((m.start(), end, inner))
        pos = end


def _matching_close(text: str, start: int) -> int | None:
    depth = 0
    for i in range(start, len(text)):
        ch = text[i]
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth -= 1
            if depth == 0:
                return i + 1
    return None


# A rule a document states once for all its notes.
CONVENTION_COMMA = re.compile(r"第一个逗号前的?(?:单位)?为牵头单位|逗号前为牵头单位")
CONVENTION_FIRST = re.compile(r"(?:列|排)(?:在)?第一位的?(?:单位|者)?为牵头单位|排名第一的?(?:单位)?为牵头单位|首位(?:单位)?为牵头单位")


def document_convention(text: str) -> str | None:
    """"comma" (units before the first comma lead), "first" (the first unit listed leads), or None."""
    if CONVENTION_COMMA.search(text):
        return "comma"
    if CONVENTION_FIRST.search(text):
        return "first"
    return None


def parse_note(inner: str, convention: str | None = None) -> tuple[list[str], list[str], dict[str, str]]:
    """Lead units, responsible units and aliases from a note's inner text. Without a lead label the lead is
    the first unit listed, or (a document's "comma" convention) the units before the first comma."""
    lead: list[str] = []
    responsible: list[str] = []
    aliases: dict[str, str] = {}
    labels = list(LABEL.finditer(inner))
    if not labels:
        verbs = parse_verb_note(inner)
        if verbs is not None:
            return verbs[0], verbs[1], {}
    for i, m in enumerate(labels):
        body_end = labels[i + 1].start() if i + 1 < len(labels) else len(inner)
        body = inner[m.end() : body_end]
        body = _top_level_cut(body, "。")  # "…政府。以下均需…不再列出" → drop the remark
        names, found_aliases = split_units(body)
        aliases.update(found_aliases)
        (lead if m.group(1) in LEAD_LABELS else responsible).extend(names)
    if not lead and responsible:
        lead = [responsible[0]]
        if convention == "comma":
            body = inner[labels[0].end():] if labels else inner
            lead = split_units(_split_top_level(body, "，,；;")[0])[0] or lead
    return _unique(lead), _unique(responsible), aliases


def split_units(body: str) -> tuple[list[str], dict[str, str]]:
    """"市科技局、市农业农村局〈市乡村振兴局〉" → names (aliases as names too), aliases."""
    protected: list[str] = []

    def protect(m: re.Match) -> str:
        protected.append(m.group(0))
        return f"\x00{len(protected) - 1}\x00"

    body = COMPOUND.sub(protect, body)
    names: list[str] = []
    aliases: dict[str, str] = {}
    for part in _shared_heads(_split_top_level(body, "、，,；;")):
        part = re.sub(r"\x00(\d+)\x00", lambda m: protected[int(m.group(1))], part).strip().strip("。.等")
        if not part:
            continue
        name, alias = _split_alias(part)
        if name:
            names.append(name)
        if alias:
            names.append(alias)
            aliases[alias] = name
    return names, aliases


def _shared_heads(parts: list[str]) -> list[str]:
    """"广州、深圳市政府": bare place names before a body share its head (→ 广州市政府, 深圳市政府)."""
    from ingest.places import gazetteer

    parts = [p.strip().strip("。.等") for p in parts]
    out = list(parts)
    for i, part in enumerate(parts):
        if not part or ORG_SUFFIX.search(part) or part not in gazetteer().names:
            continue
        following = next((p for p in parts[i + 1:] if ORG_SUFFIX.search(p)), None)
        mentions = gazetteer().mentions(following) if following else []
        if mentions and mentions[0][0] == 0:
            head = following[len(mentions[0][1]):]
            place = gazetteer().names[part]
            out[i] = (place.short if head.startswith(("市", "省", "区", "县")) else place.name) + head
    return out


def _split_alias(part: str) -> tuple[str, str | None]:
    m = re.match(r"^(.*?)〈(.*)〉$", part)
    if not m:
        return part, None
    name, inner = m.group(1).strip(), m.group(2).strip()
    if ORG_SUFFIX.search(inner) and not re.search(r"含|下同|包括", inner):
        return name, inner
    return name, None  # a remark such as 〈含开发区…,下同〉


def _split_top_level(text: str, separators: str) -> list[str]:
    parts, depth, current = [], 0, []
    for ch in text:
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        if ch in separators and depth == 0:
            parts.append("".join(current))
            current = []
        else:
            current.append(ch)
    parts.append("".join(current))
    return parts


def _top_level_cut(text: str, stop: str) -> str:
    depth = 0
    for i, ch in enumerate(text):
        if ch in OPEN:
            depth += 1
        elif ch in CLOSE:
            depth = max(0, depth - 1)
        elif ch == stop and depth == 0:
            return text[:i]
    return text


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- free-text forms -------------------------------------------------------------------

FREE_LEAD = [
    re.compile(r"由([^，。；、（）()]{2,20}?)牵头"),
    re.compile(r"([\u4e00-\u9fff]{2,20}?(?:局|委|办|部|厅|政府))牵头"),
]
FREE_RESPONSIBLE = [
    re.compile(r"[（(]([^（）()]{2,40}?)负责[）)]"),
    re.compile(r"([^，。；（）()]{2,40}?)按职责分工负责"),
]


def _free_text(text: str) -> tuple[list[str], list[str], str]:
    lead: list[str] = []
    responsible: list[str] = []
    for pattern in FREE_LEAD:
        for m in pattern.finditer(text):
            lead.extend(split_units(m.group(1))[0])
    for pattern in FREE_RESPONSIBLE:
        for m in pattern.finditer(text):
            responsible.extend(split_units(m.group(1).removeprefix("由"))[0])
    lead = [u for u in _unique(lead) if ORG_SUFFIX.search(u)]
    responsible = [u for u in _unique(responsible) if ORG_SUFFIX.search(u)]
    stated = "stated" if lead else "order"
    if not lead and responsible:
        lead = [responsible[0]]
    return lead, responsible, stated


# --- a clause ------------------------------------------------------------------------------


def parse_responsibilities(text: str, convention: str | None = None) -> Responsibilities:
    """The duties of a clause. `convention`: the document's own rule for reading leads (document_convention)."""
    notes = find_notes(text)
    if not notes:
        lead, responsible, stated = _free_text(text)
        duties = [Duty(text, lead, responsible, stated)] if (lead or responsible) else []
        return Responsibilities(lead, responsible, {}, duties, stated)

    result = Responsibilities()
    start = 0
    explicit_lead = False
    for i, (_, end, inner) in enumerate(notes):
        if i == len(notes) - 1 and not text[end:].strip(" 。\n"):
            end = len(text)
        lead, responsible, aliases = parse_note(inner, convention)
        stated = "stated" if _states_lead(inner) else ("convention" if convention else "order")
        explicit_lead = explicit_lead or stated == "stated"
        result.duties.append(Duty(text[start:end].strip(), lead, responsible, stated))
        result.aliases.update(aliases)
        start = end
    trailing = text[start:].strip()
    if trailing:  # sentences after the last note belong to its duty
        result.duties[-1].text += trailing

    if explicit_lead:
        result.lead = _unique([u for d in result.duties for u in d.lead if _has_lead_label(d)])
        result.lead_stated = "stated"
    else:
        result.lead = list(result.duties[0].lead)
        result.lead_stated = result.duties[0].lead_stated
    result.responsible = _unique([u for d in result.duties for u in d.responsible])
    return result


def _states_lead(inner: str) -> bool:
    """The note names its lead: a lead label, or a lead verb (…牵头, …指导)."""
    if any(label in inner for label in LEAD_LABELS):
        return True
    verbs = parse_verb_note(inner) if not LABEL.search(inner) else None
    return bool(verbs and verbs[0]) and any(v in inner for v in LEAD_VERBS)


def _has_lead_label(duty: Duty) -> bool:
    return any(_states_lead(inner) for _, _, inner in find_notes(duty.text))
