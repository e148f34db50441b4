"""Gold questions: load JSON Lines files and validate every line.

One question a line:

    {"id": "zz-001", "q": "Who leads the first-set equipment task?", "lang": "en", "kind": "who",
     "answer_any": ["市工业和信息化局"], "answer_all": ["市工业和信息化局", "市财政局"],
     "clause": ["6.加快新产品推广应用", "(责任单位:市工业和信息化局、市财政局)"]}
    {"id": "zz-080", "q": "…", "lang": "zh", "kind": "measures", "answer_any": [], "unanswerable": true}

`answer_any`: the answer must contain at least one of these; `answer_all`: all
of these; `clause`: substring(s) of the clause that answers (a chunk or a
citation *supports* the answer when its quote contains at least one of them);
`unanswerable`: the documents don't say, the right answer is a refusal.

Legacy files (the first gold sets) have no `id` or `kind`: the id becomes
`<file stem>:<line>` and the kind `unspecified`. Everything else is an error
with its file and line (`GoldError`); the loader never guesses.

Drafting inquiries (`--drafts`) are validated here as well:

    {"id"?: "d-01", "inquiry": "…", "must_all": ["…"], "must_any": ["…"], "clause": "…" | ["…"], "doc"?: "file.txt"}

`doc`: the document the inquiry is about; a draft citing any other document is off its ground.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

LANGS = ("zh", "en")
KINDS = ("who", "target", "amount", "duration", "date", "aggregate", "measures", "when", "eligibility",
         "definition", "list", "other", "unanswerable")
UNSPECIFIED = "unspecified"
QUESTION_KEYS = {"id", "q", "lang", "kind", "answer_any", "answer_all", "clause", "unanswerable"}
DRAFT_KEYS = {"id", "inquiry", "must_all", "must_any", "clause", "lang", "doc"}


class GoldError(ValueError):
    """A gold file is malformed; the message lists every problem with file:line."""


@dataclass(frozen=True)
class GoldItem:
    id: str
    q: str
    lang: str
    kind: str
    answer_any: list[str] = field(default_factory=list)
    answer_all: list[str] = field(default_factory=list)
    clause: list[str] = field(default_factory=list)
    unanswerable: bool = False
    source: str = ""  # file:line

    @property
    def answerable(self) -> bool:
        return not self.unanswerable


@dataclass(frozen=True)
class DraftItem:
    id: str
    inquiry: str
    must_all: list[str] = field(default_factory=list)
    must_any: list[str] = field(default_factory=list)
    clause: list[str] = field(default_factory=list)
    lang: str = ""
    source: str = ""
    doc: str = ""  # the file name of the document the inquiry is about: every citation must come from it


def _lines(path: Path):
    """(line number, parsed object) for every non-blank line, or a GoldError for unparseable JSON."""
    problems = []
    rows = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{path.name}:{lineno}: invalid JSON: {exc.msg}")
            continue
        if not isinstance(obj, dict):
            problems.append(f"{path.name}:{lineno}: not a JSON object")
            continue
        rows.append((lineno, obj))
    return rows, problems


def _string_list(obj: dict, key: str, err) -> list[str]:
    value = obj.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        err(f"{key} must be a string or a list of non-empty strings")
        return []
    return list(value)


def parse_question(obj: dict, where: str, default_id: str) -> tuple[GoldItem | None, list[str]]:
    problems: list[str] = []

    def err(message: str) -> None:
        problems.append(f"{where}: {message}")

    unknown = set(obj) - QUESTION_KEYS
    if unknown:
        err(f"unknown keys {sorted(unknown)}")
    item_id = obj.get("id", default_id)
    if not isinstance(item_id, str) or not item_id.strip():
        err("id must be a non-empty string")
    q = obj.get("q")
    if not isinstance(q, str) or not q.strip():
        err("q must be a non-empty string")
    lang = obj.get("lang")
    if lang not in LANGS:
        err(f"lang must be one of {list(LANGS)}, got {lang!r}")
    kind = obj.get("kind", UNSPECIFIED)
    if kind != UNSPECIFIED and kind not in KINDS:
        err(f"kind must be one of {list(KINDS)}, got {kind!r}")
    unanswerable = obj.get("unanswerable", False)
    if unanswerable not in (True, False):
        err("unanswerable, when present, must be true or false")
    answer_any = _string_list(obj, "answer_any", err)
    answer_all = _string_list(obj, "answer_all", err)
    clause = _string_list(obj, "clause", err)
    if unanswerable is True:
        if answer_any or answer_all or clause:
            err("an unanswerable question has no answer_any, answer_all or clause")
    else:
        if not (answer_any or answer_all):
            err("an answerable question needs answer_any or answer_all")
        if not clause:
            err("an answerable question needs a clause")
    if problems:
        return None, problems
    item = GoldItem(
        id=item_id, q=q, lang=lang, kind=kind, answer_any=answer_any, answer_all=answer_all,
        clause=clause, unanswerable=bool(unanswerable), source=where,
    )
    return item, []


def load_gold(paths: list[str | Path]) -> list[GoldItem]:
    """All questions of the files, in order; raises GoldError listing every problem (ids unique across files)."""
    items: list[GoldItem] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        if not path.is_file():
            problems.append(f"{path}: no such file")
            continue
        rows, bad = _lines(path)
        problems.extend(bad)
        stem = path.name.removesuffix(".jsonl")
        for lineno, obj in rows:
            where = f"{path.name}:{lineno}"
            item, bad = parse_question(obj, where, default_id=f"{stem}:{lineno}")
            problems.extend(bad)
            if item is None:
                continue
            if item.id in seen:
                problems.append(f"{where}: duplicate id {item.id!r} (first at {seen[item.id]})")
                continue
            seen[item.id] = where
            items.append(item)
        if not rows and not bad:
            problems.append(f"{path.name}: no questions")
    if problems:
        raise GoldError("invalid gold data:\n  " + "\n  ".join(problems))
    return items


def load_drafts(path: str | Path) -> list[DraftItem]:
    path = Path(path)
    if not path.is_file():
        raise GoldError(f"{path}: no such file")
    rows, problems = _lines(path)
    items = []
    for lineno, obj in rows:
        where = f"{path.name}:{lineno}"
        before = len(problems)

        def err(message: str, where=where) -> None:
            problems.append(f"{where}: {message}")

        unknown = set(obj) - DRAFT_KEYS
        if unknown:
            err(f"unknown keys {sorted(unknown)}")
        inquiry = obj.get("inquiry")
        if not isinstance(inquiry, str) or not inquiry.strip():
            err("inquiry must be a non-empty string")
        must_all = _string_list(obj, "must_all", err)
        must_any = _string_list(obj, "must_any", err)
        clause = _string_list(obj, "clause", err)
        if not (must_all or must_any):
            err("an inquiry needs must_all or must_any")
        if len(problems) == before:
            items.append(DraftItem(
                id=str(obj.get("id", f"{path.name.removesuffix('.jsonl')}:{lineno}")), inquiry=inquiry,
                must_all=must_all, must_any=must_any, clause=clause, lang=str(obj.get("lang", "")), source=where,
                doc=str(obj.get("doc", "")),
            ))
    if problems:
        raise GoldError("invalid drafting inquiries:\n  " + "\n  ".join(problems))
    return items
