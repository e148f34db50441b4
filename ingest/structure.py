"""Turn a policy text into a tree of headings and a list of clauses.

Chinese policy texts number their parts with these families, usually nested in this order (articles
hold numbered items when the document's numbering restarts under them, see _document_ranks):

    第一章 / 第一节          chapters and sections (laws, 管理办法)
    一、                     parts
    （一） (一)              sections of a part
    1. 1、 1．               items
    （1） (1)                sub-items
    第十二条                 articles
    问：/答：                Q&A documents (or numbered questions ending in ？)
    ◆基础材料（必要）        a bullet label over numbered items: a heading without a number, just above
                             the items it introduces (it names a group in the heading path, never a
                             locator)

Each heading opens a node; the lines up to the next heading are its body.
A *clause* is the smallest numbered unit: a node without children, or a node
whose own body says something before its children start (an introduction).
Text before the first heading is the preamble; a closing sign-off line
(issuer and date) and labelled notes such as 施行说明： are clauses of their own.

Like RAGFlow's law splitter, the heading tree is kept: every clause knows its
heading path (二、主要任务 › (二)持续提高科技研发投入 › 6.加快新产品推广应用)
and a short locator (二(二)6).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ingest.loaders import TABLE_CELL_SEPARATOR
from ingest.model import Clause
from ingest.targets import extract_targets
from ingest.units import document_convention, parse_responsibilities

CN_NUM = "一二三四五六七八九十百零〇两"

# (kind, rank, pattern). Lower rank = higher in the tree. The pattern's groups
# are the label (number) and the rest of the line.
HEADING_PATTERNS: list[tuple[str, int, re.Pattern]] = [
    ("chapter", 0, re.compile(rf"^第([{CN_NUM}\d]+)章\s*(.*)$")),
    ("section", 1, re.compile(rf"^第([{CN_NUM}\d]+)节\s*(.*)$")),
    ("part", 2, re.compile(rf"^([{CN_NUM}]+)\s*[、．.]\s*(.*)$")),
    ("subpart", 3, re.compile(rf"^[（(]\s*([{CN_NUM}]+)\s*[)）]\s*[、．.]?\s*(.*)$")),
    ("item", 4, re.compile(r"^(\d{1,3})\s*(?:[.．、](?!\d)|\s)\s*(.*)$")),
    ("subitem", 5, re.compile(r"^[（(]\s*(\d{1,3})\s*[)）]\s*[、．.]?\s*(.*)$")),
    ("article", 6, re.compile(rf"^第([{CN_NUM}\d]+)条\s*(.*)$")),
]
# "11.121人才梯队项目": an item number followed by a digit is accepted only as the next number in sequence.
ITEM_BEFORE_DIGIT = re.compile(r"^(\d{1,3})[.．](\d.*)$")
# "◆基础材料（必要）" over "1．申请表；2．营业执照复印件": a short bullet line that is no sentence, followed by a numbered heading.
BULLET_LABEL = re.compile(r"^\s*[◆◇●○■□▲△★☆▶►]\s*([^。；;！!？?]{1,30})$")
QUESTION = re.compile(r"^(?:问|Q)\s*[:：]\s*(.*)$", re.IGNORECASE)
ANSWER = re.compile(r"^(?:答|A)\s*[:：]\s*(.*)$", re.IGNORECASE)
LABELLED_NOTE = re.compile(r"^(施行说明|附则|附件|说明|备注|解释说明|实施时间|有效期|联系方式|联系人|咨询电话|联系电话)\s*[:：]\s*(.*)$")
# A contact line between numbered items belongs to the item above it; after the last item, to the document.
CONTACT_LABEL = re.compile(r"联系方式|联系人|咨询电话|联系电话")
# A line naming whom to ask about an item ("政策咨询：市科技局高新技术与重大专项处"): the contact line after it is
# that item's too, even after the document's last heading
CONTACT_LEAD = re.compile(r"^\s*(?:政策咨询|咨询单位|咨询部门|咨询机构|联系部门|联系单位|受理单位|受理部门|责任处室)\s*[:：]")
DATE = re.compile(r"\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日")
SIGN_OFF = re.compile(r"(发布|印发|施行|截止|起实施)")

TITLE_MAX_CHARS = 40  # a heading's first sentence longer than this is body, not a title


@dataclass
class Node:
    kind: str  # root | chapter | … | article | qa | preamble | note | endmatter
    rank: int
    label: str  # 二, 6, 十二 …
    heading: str  # the heading as written, without its body: 6.加快新产品推广应用
    title: str
    lines: list[str] = field(default_factory=list)  # own body lines, heading line first
    children: list["Node"] = field(default_factory=list)
    has_body: bool = False  # says something beyond its title

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def match_heading(line: str) -> tuple[str, int, str, str] | None:
    """(kind, rank, label, rest) when the line opens a numbered heading."""
    if TABLE_CELL_SEPARATOR.strip() in line and TABLE_CELL_SEPARATOR in line:
        return None  # a table row is never a heading
    for kind, rank, pattern in HEADING_PATTERNS:
        m = pattern.match(line)
        if m:
            label, rest = m.group(1), m.group(2).strip()
            if kind == "item" and not rest:
                return None  # a bare number on a line is data, not a heading
            return kind, rank, label, rest
    return None


def without_number(line: str) -> str:
    """A heading line without its number: "（一）补贴对象" → "补贴对象"; any other line as it is."""
    heading = match_heading(line.strip())
    return heading[3] if heading else line.strip()


def split_title(rest: str) -> tuple[str, bool]:
    """The heading's title and whether the line also carries body text.

    "加快新产品推广应用。积极申报…" → ("加快新产品推广应用", True)
    "主要任务"                       → ("主要任务", False)
    """
    rest = rest.strip()
    m = re.match(r"^(.+?)[。：:]\s*(.*)$", rest)
    if m and len(m.group(1)) <= TITLE_MAX_CHARS and "，" not in m.group(1) and "," not in m.group(1):
        return m.group(1).strip(), bool(m.group(2).strip())
    if len(rest) <= TITLE_MAX_CHARS and not re.search(r"[，。；,;]", rest.rstrip("。？?")):
        return rest.rstrip("。"), False
    # A numbered sentence with no title of its own: name it by its opening words.
    opening = re.split(r"[，。；：,;:？?]", rest, maxsplit=1)[0]
    short = opening[:20] + ("…" if len(opening) > 20 else "")
    return short, True


def parse_tree(text: str, title: str | None = None) -> Node:
    lines = text.split("\n")
    root = Node("root", -1, "", "", "")
    preamble = Node("preamble", 99, "前言", "前言", "前言")
    stack = [root]
    seen_heading = False
    qa_count = 0
    last_item = 0
    current: Node = preamble
    # Headings are matched once; "is there a heading after line i" is then O(1), keeping the parse linear.
    headings = [match_heading(line) for line in lines]
    headings = [(h[0], rank, h[2], h[3]) if h else None for h, rank in zip(headings, _document_ranks(headings))]
    item_rank = next((h[1] for h in headings if h and h[0] == "item"), max((h[1] for h in headings if h), default=1) + 1)
    last_heading = max((i for i, h in enumerate(headings) if h), default=-1)

    for i, line in enumerate(lines):
        if i == 0 and title and line.strip() == title.strip():
            continue  # the document's own title line
        heading = headings[i]
        if heading is None and (m := ITEM_BEFORE_DIGIT.match(line)) and int(m.group(1)) == last_item + 1:
            heading = ("item", item_rank, m.group(1), m.group(2))
        if heading and heading[0] == "item":
            last_item = int(heading[2])
        question = QUESTION.match(line)
        note = LABELLED_NOTE.match(line) if seen_heading else None
        if note and CONTACT_LABEL.match(note.group(1)) and (
                i < last_heading or current.kind == "note" and CONTACT_LABEL.match(current.label)
                or i and CONTACT_LEAD.match(lines[i - 1])):
            note = None  # "联系方式：85913081" between two numbered items is the item's own contact;
            # "联系电话：…" after "联系人：…" continues that contact; so does "联系方式：…" after the last item's
            # "政策咨询：…"
        below = _next_heading_rank(lines, headings, i) if seen_heading and not heading else None
        label = BULLET_LABEL.match(line) if below is not None else None

        if label:
            # just above the items it introduces: "◆基础材料" over 1．2．3．, "◆专项材料" over （一）（二）
            node = Node("label", below - 0.5, "", line.strip(), label.group(1).strip(), [line])
        elif question:
            qa_count += 1
            node = Node("qa", 7, str(qa_count), line, _question_title(question.group(1)), [line], has_body=True)
        elif heading:
            kind, rank, label, rest = heading
            node_title, has_body = split_title(rest)
            node = Node(kind, rank, label, line if not has_body else line[: len(line) - len(rest)] + node_title, node_title, [line], has_body=has_body)
        elif note:
            node = Node("note", 98, note.group(1), note.group(1), note.group(1), [line], has_body=True)
        else:
            if seen_heading and _is_sign_off(line, heading_follows=i < last_heading):
                node = Node("endmatter", 98, "文末", "文末", "文末", [line], has_body=True)
                _attach(root, stack, node, top_level=True)
                current = node
                continue
            current.lines.append(line)
            if current is not preamble and line.strip():
                current.has_body = True
            if current is preamble:
                preamble.has_body = True
            continue

        seen_heading = True
        _attach(root, stack, node, top_level=node.kind in {"note", "endmatter"})
        current = node

    if preamble.has_body and preamble.lines:
        root.children.insert(0, preamble)
    return root


def _next_heading_rank(lines: list[str], headings: list, i: int) -> float | None:
    """The rank of the numbered heading the next non-empty line after line i opens; None when it opens none."""
    j = next((j for j in range(i + 1, len(lines)) if lines[j].strip()), None)
    return headings[j][1] if j is not None and headings[j] else None


def _document_ranks(headings: list[tuple | None]) -> list[float | None]:
    """The nesting of this document's numbering families. By default the usual order (章 › 节 › 一、 › （一） ›
    1. › （1） › 第X条); but when a family's numbering starts again (一 or 1) under two or more articles, the
    articles hold those items: "第三条（支持范围）" then "（一）…（二）…", "第四条" then "（一）…" nests each (一)
    under its article (第三条(一)), as in 管理办法 and laws. So they do when one article introduces the items
    right below it ("第六条 …如下：" then "（一）…")."""
    canonical = {kind: rank for kind, rank, _ in HEADING_PATTERNS}
    restarts: dict[str, set[int]] = {}
    article, introduced, previous = None, False, None
    for i, h in enumerate(headings):
        if not h:
            continue
        if h[0] == "article":
            article = i
        elif article is not None and h[2] in ("一", "1"):
            restarts.setdefault(h[0], set()).add(article)
            # "第六条 个人缴费费率按年龄分段确定：" right above "（一）…": that article holds the items it introduces
            introduced = introduced or (previous is not None and previous[0] == "article" and previous[3].rstrip().endswith(("：", ":")))
        previous = h
    articles_hold = introduced or any(len(under) >= 2 for under in restarts.values())
    ranks = dict(canonical, article=canonical["part"] - 0.5) if articles_hold else canonical
    return [ranks[h[0]] if h else None for h in headings]


def _attach(root: Node, stack: list[Node], node: Node, top_level: bool = False) -> None:
    if top_level:
        del stack[1:]
        root.children.append(node)
        return
    while len(stack) > 1 and stack[-1].rank >= node.rank:
        stack.pop()
    stack[-1].children.append(node)
    stack.append(node)


def _is_sign_off(line: str, heading_follows: bool) -> bool:
    """A closing line: issuer and date, with no numbered heading after it."""
    if heading_follows or len(line) > 80 or not DATE.search(line):
        return False
    return bool(SIGN_OFF.search(line) or re.fullmatch(r".{0,30}\d{4}年\d{1,2}月\d{1,2}日", line))


def _question_title(question: str) -> str:
    question = question.strip()
    return question if len(question) <= TITLE_MAX_CHARS else question[:TITLE_MAX_CHARS] + "…"


# --- locators ---------------------------------------------------------------------


def _label(node: Node) -> str:
    if node.kind == "chapter":
        return f"第{node.label}章"
    if node.kind == "section":
        return f"第{node.label}节"
    if node.kind == "article":
        return f"第{node.label}条"
    if node.kind in {"subpart", "subitem"}:
        return f"({node.label})"
    if node.kind == "qa":
        return f"问{node.label}"
    return node.label


def locator_for(ancestors: list[Node], node: Node) -> str:
    """二(二)6 for an item; 第十二条 for an article; 问7 for a Q&A pair."""
    if node.kind in {"qa", "preamble", "note", "endmatter"}:
        return _label(node)
    chain = [n for n in ancestors + [node] if n.kind in {"article", "part", "subpart", "item", "subitem"}]
    articles = [i for i, n in enumerate(chain) if n.kind == "article"]
    chain = chain[articles[-1]:] if articles else chain  # articles are numbered through the document: 第三条(一)
    return "".join(_label(n) for n in chain)


# --- clauses ------------------------------------------------------------------------


def is_qa_document(root: Node) -> bool:
    """Numbered questions ending in ？ followed by answers make a Q&A document."""
    items = [n for n in _walk(root) if n.kind in {"part", "item"}]
    questions = [n for n in items if n.lines and n.lines[0].rstrip().endswith(("？", "?"))]
    return len(items) >= 2 and len(questions) / len(items) >= 0.6


def _walk(node: Node):
    for child in node.children:
        yield child
        yield from _walk(child)


def parse_clauses(text: str, title: str | None = None) -> list[Clause]:
    root = parse_tree(text, title)
    qa_numbering = is_qa_document(root)
    convention = document_convention(text)
    clauses: list[Clause] = []

    def visit(node: Node, ancestors: list[Node]) -> None:
        is_leaf = not node.children
        if node.has_body or (is_leaf and node.kind not in {"root"} and (_is_substantial(node) or _listed(node, ancestors))):
            clauses.append(_make_clause(node, ancestors, qa_numbering, convention))
        for child in node.children:
            visit(child, ancestors + [node])

    for child in root.children:
        visit(child, [])
    return clauses


def _listed(node: Node, ancestors: list[Node]) -> bool:
    """An item of a list of items ("1．展会/活动邀请函" among "2．参展证明；"…) is a clause even when short and
    unpunctuated: its siblings show it is an entry, not an empty heading."""
    parent = ancestors[-1] if ancestors else None
    return (node.kind in {"item", "subitem"} and parent is not None
            and sum(1 for c in parent.children if c.kind == node.kind) >= 2)


def _is_substantial(node: Node) -> bool:
    """A leaf heading with nothing under it is not a clause unless it is a sentence."""
    return len(node.text) > TITLE_MAX_CHARS or node.text.rstrip().endswith(("。", "；", "！", "？"))


def _make_clause(node: Node, ancestors: list[Node], qa_numbering: bool, convention: str | None = None) -> Clause:
    path = [a.heading for a in ancestors if a.kind != "root"] + [node.heading]
    locator = locator_for(ancestors, node)
    kind = {"preamble": "preamble", "qa": "qa", "endmatter": "endmatter", "note": "note"}.get(node.kind, "clause")
    if qa_numbering and node.kind in {"part", "item"}:
        locator, kind = f"问{node.label if node.kind == 'item' else _cn_to_int(node.label)}", "qa"
    text = node.text
    responsibilities = parse_responsibilities(text, convention)
    return Clause(
        locator=locator,
        path=path,
        title=node.title,
        text=text,
        lead=responsibilities.lead,
        responsible=responsibilities.responsible,
        aliases=responsibilities.aliases,
        duties=responsibilities.duties,
        lead_stated=responsibilities.lead_stated,
        targets=extract_targets(text),
        kind=kind,
    )


def _cn_to_int(label: str) -> int | str:
    """一 → 1, 十二 → 12, 一百零三 → 103 (cn2an); a label that is no numeral stays as written."""
    if label.isdigit():
        return int(label)
    try:
        import cn2an

        return int(cn2an.cn2an(label, "smart"))
    except (ValueError, KeyError, IndexError):
        return label
