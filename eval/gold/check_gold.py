#!/usr/bin/env python3
"""Validate the PolicyDesk evaluation gold sets (stdlib only).

Usage:
    python eval/gold/check_gold.py [--corpus DIR] [--gold DIR] [--strict]

Loads every *.jsonl in the gold folder (default: this script's folder) and checks:
  * each line is a JSON object with valid fields and types
      id (str), q (str), lang ("zh"|"en"), kind (one of KINDS),
      answer_any (list[str]), answer_all (list[str], optional),
      clause (str | list[str]; omitted for unanswerable), unanswerable (true, optional)
  * ids are unique across all files
  * every clause substring and every answer string occurs in some corpus document
    (after removing whitespace and mapping full-width punctuation to half-width on
    both sides)
  * for files named <docname>.qa.jsonl / <docname>.extra.jsonl whose <docname>.txt is in
    the corpus, clauses must also occur in that document (answers: warning only)

Files that also exist under /work/shared/gold (the legacy gold sets, copied unchanged)
predate the id/kind fields and the 10-40 char clause rule, so for them a missing id/kind
and clause length are reported as warnings instead of errors.

Prints a summary per file (count, en/zh, kinds, unanswerable) and exits 1 on any error.
--strict also turns warnings into failures.
"""
import argparse
import collections
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = "/work/shared/corpus"
LEGACY_GOLD_DIR = "/work/shared/gold"

KINDS = {"who", "target", "amount", "duration", "date", "aggregate", "measures", "when", "eligibility",
         "definition", "list", "other", "unanswerable"}
LANGS = {"zh", "en"}
ALLOWED_KEYS = {"id", "q", "lang", "kind", "answer_any", "answer_all", "clause", "unanswerable"}
CLAUSE_MIN, CLAUSE_MAX = 10, 40

_WS = re.compile(r"\s+")
# Full-width ASCII variants U+FF01..U+FF5E -> U+0021..U+007E; this covers （）：，；！？
# (the punctuation the matcher ignores) and also ＋ etc.  U+3000 is removed as whitespace.
_FW = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def norm(s):
    return _WS.sub("", s).translate(_FW)


def has_cjk(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def load_corpus(corpus_dir):
    docs = {}
    for name in sorted(os.listdir(corpus_dir)):
        if name.endswith(".txt"):
            with open(os.path.join(corpus_dir, name), encoding="utf-8") as f:
                docs[name[:-4]] = norm(f.read())
    return docs


def doc_for(filename, docs):
    for suffix in (".qa.jsonl", ".extra.jsonl", ".jsonl"):
        if filename.endswith(suffix):
            stem = filename[: -len(suffix)]
            return stem if stem in docs else None
    return None


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", default=os.environ.get("GOLD_CORPUS", DEFAULT_CORPUS))
    ap.add_argument("--gold", default=HERE)
    ap.add_argument("--strict", action="store_true", help="fail on warnings too")
    args = ap.parse_args()

    if not os.path.isdir(args.corpus):
        print(f"ERROR: corpus dir not found: {args.corpus}")
        return 1
    docs = load_corpus(args.corpus)
    if not docs:
        print(f"ERROR: no .txt documents in {args.corpus}")
        return 1

    files = sorted(f for f in os.listdir(args.gold) if f.endswith(".jsonl"))
    if not files:
        print(f"ERROR: no .jsonl files in {args.gold}")
        return 1

    errors, warnings = [], []
    seen_ids = {}
    seen_q = {}
    summaries = []

    def where_in(s):
        n = norm(s)
        return [d for d, text in docs.items() if n in text]

    for fname in files:
        legacy = os.path.exists(os.path.join(LEGACY_GOLD_DIR, fname))
        own_doc = doc_for(fname, docs)
        path = os.path.join(args.gold, fname)
        langs = collections.Counter()
        kinds = collections.Counter()
        n_items = n_unans = 0
        legacy_missing = collections.Counter()

        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                if lineno != len(lines):
                    warnings.append(f"{fname}:{lineno}: blank line")
                continue
            loc = f"{fname}:{lineno}"

            def err(msg):
                errors.append(f"{loc} [{obj.get('id', '?') if isinstance(obj, dict) else '?'}]: {msg}")

            def warn(msg):
                warnings.append(f"{loc} [{obj.get('id', '?') if isinstance(obj, dict) else '?'}]: {msg}")

            obj = None
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append(f"{loc}: invalid JSON: {e}")
                continue
            if not isinstance(obj, dict):
                err("line is not a JSON object")
                continue
            n_items += 1

            extra = set(obj) - ALLOWED_KEYS
            if extra:
                err(f"unknown keys {sorted(extra)}")

            # id
            if "id" in obj:
                if not isinstance(obj["id"], str) or not obj["id"].strip():
                    err("id must be a non-empty string")
                elif obj["id"] in seen_ids:
                    err(f"duplicate id {obj['id']!r} (first in {seen_ids[obj['id']]})")
                else:
                    seen_ids[obj["id"]] = loc
            elif legacy:
                legacy_missing["id"] += 1
            else:
                err("missing id")

            # q
            q = obj.get("q")
            if not isinstance(q, str) or not q.strip():
                err("q must be a non-empty string")
                q = ""
            else:
                nq = norm(q)
                if nq in seen_q:
                    err(f"duplicate question (first at {seen_q[nq]})")
                else:
                    seen_q[nq] = loc

            # lang
            lang = obj.get("lang")
            if lang not in LANGS:
                err(f"lang must be one of {sorted(LANGS)}, got {lang!r}")
            else:
                langs[lang] += 1
                if lang == "zh" and q and not has_cjk(q):
                    err("lang=zh but question has no Chinese characters")
                if lang == "en" and q:
                    ascii_letters = sum(ch.isascii() and ch.isalpha() for ch in q)
                    cjk = sum(has_cjk(ch) for ch in q)
                    if ascii_letters < 2 * cjk or ascii_letters < 10:
                        err("lang=en but question is mostly not English")

            # kind
            if "kind" in obj:
                if obj["kind"] not in KINDS:
                    err(f"kind must be one of {sorted(KINDS)}, got {obj['kind']!r}")
                else:
                    kinds[obj["kind"]] += 1
            else:
                kinds["(none)"] += 1
                if legacy:
                    legacy_missing["kind"] += 1
                else:
                    err("missing kind")

            # unanswerable
            unans = obj.get("unanswerable", False)
            if "unanswerable" in obj and obj["unanswerable"] is not True:
                err("unanswerable, when present, must be true")
                unans = False

            # answers
            lists = {}
            for key in ("answer_any", "answer_all"):
                if key not in obj:
                    if key == "answer_any":
                        err("missing answer_any")
                    lists[key] = []
                    continue
                val = obj[key]
                if not isinstance(val, list) or not all(isinstance(x, str) and x.strip() for x in val):
                    err(f"{key} must be a list of non-empty strings")
                    lists[key] = []
                    continue
                if len(set(map(norm, val))) != len(val):
                    err(f"{key} has duplicate entries")
                lists[key] = val

            # clause
            clauses = []
            if "clause" in obj:
                c = obj["clause"]
                if isinstance(c, str):
                    clauses = [c]
                elif isinstance(c, list) and c and all(isinstance(x, str) for x in c):
                    clauses = c
                else:
                    err("clause must be a string or a non-empty list of strings")

            if unans:
                n_unans += 1
                if lists["answer_any"] or lists["answer_all"]:
                    err("unanswerable question must have empty answer_any/answer_all")
                if "clause" in obj:
                    err("unanswerable question must not have a clause")
                continue

            if not lists["answer_any"]:
                err("answerable question needs a non-empty answer_any")
            if "clause" not in obj:
                err("answerable question needs a clause")

            for a in lists["answer_any"] + lists["answer_all"]:
                found = where_in(a)
                if not found:
                    err(f"answer string not found in any corpus document: {a!r}")
                elif own_doc and own_doc not in found:
                    warn(f"answer string {a!r} only found in other document(s): {found}")
                if not has_cjk(a) and not re.search(r"\d", a):
                    warn(f"answer string {a!r} is neither Chinese nor a number")

            for c in clauses:
                n = len(norm(c))
                if not (CLAUSE_MIN <= n <= CLAUSE_MAX):
                    (warn if legacy else err)(
                        f"clause length {n} outside {CLAUSE_MIN}-{CLAUSE_MAX}: {c!r}")
                found = where_in(c)
                if not found:
                    err(f"clause not found in any corpus document: {c!r}")
                elif own_doc and own_doc not in found:
                    (warn if legacy else err)(
                        f"clause not found in this file's document {own_doc}: {c!r}")

        for key, cnt in sorted(legacy_missing.items()):
            warnings.append(f"{fname}: legacy file, {cnt}/{n_items} items have no {key!r} "
                            f"(allowed for legacy gold copied from {LEGACY_GOLD_DIR})")
        summaries.append((fname, n_items, langs, kinds, n_unans, legacy, own_doc))

    # summary
    total = collections.Counter()
    print(f"corpus: {args.corpus} ({len(docs)} docs)  gold: {args.gold}")
    for fname, n, langs, kinds, n_unans, legacy, own_doc in summaries:
        total["items"] += n
        total["en"] += langs["en"]
        total["zh"] += langs["zh"]
        total["unanswerable"] += n_unans
        kind_s = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
        tag = " (legacy)" if legacy else ""
        print(f"- {fname}{tag}: {n} items | en={langs['en']} zh={langs['zh']} | "
              f"unanswerable={n_unans} | kinds: {kind_s}")
    print(f"TOTAL: {total['items']} items in {len(summaries)} files | en={total['en']} "
          f"zh={total['zh']} | unanswerable={total['unanswerable']}")

    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    failed = bool(errors) or (args.strict and bool(warnings))
    print(f"{len(errors)} error(s), {len(warnings)} warning(s) -> {'FAIL' if failed else 'OK'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
