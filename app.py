"""PolicyDesk: `python app.py` starts the web app; `python app.py COMMAND` runs the CLI.

    python app.py                         web app on http://127.0.0.1:7860 (bundled documents)
    python app.py ingest PATH... [--prune]
    python app.py docs | remove NAME
    python app.py tasks [--unit NAME] [--doc NAME]
    python app.py search "query" [--k 5]
    python app.py ask "question" [--json] [--explain] [--llm SPEC] | ask --questions IN.jsonl --out OUT.jsonl
    python app.py draft "inquiry" | --file F [--json]

Every command takes --data-dir, --kb, --chroma-url, --embedder and --json.
The commands are thin: each calls the library (vectorstore.KnowledgeBase, …)
and prints its result.
"""

from __future__ import annotations

import argparse
import json
import sys

import settings as settings_module  # noqa: F401  (sets the offline environment first)
from settings import BUNDLED_CORPUS, Settings


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--data-dir", help="data directory (default ./data, env POLICYDESK_DATA_DIR)")
    parser.add_argument("--kb", help="knowledge base name (default 'default', env POLICYDESK_KB)")
    parser.add_argument("--chroma-url", help="Chroma server URL, e.g. http://127.0.0.1:8000 (env POLICYDESK_CHROMA_URL)")
    parser.add_argument("--embedder", help="use | e5 | st:MODEL (default: the knowledge base's own, 'use' for a new one)")
    parser.add_argument("--json", action="store_true", help="print JSON")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python app.py", description="PolicyDesk: cited answers over policy documents")
    sub = parser.add_subparsers(dest="command")

    p = sub.add_parser("ingest", help="add files or folders to the knowledge base (idempotent)")
    p.add_argument("paths", nargs="+")
    p.add_argument("--prune", action="store_true", help="remove documents whose files no longer exist")
    _common(p)

    p = sub.add_parser("docs", help="list documents")
    _common(p)

    p = sub.add_parser("remove", help="remove a document (file name, path, title or id)")
    p.add_argument("name")
    _common(p)

    p = sub.add_parser("tasks", help="the responsibility table")
    p.add_argument("--unit", help="only clauses naming this unit")
    p.add_argument("--doc", help="only this document (file name, id or part of the title)")
    _common(p)

    p = sub.add_parser("search", help="ranked clauses for a query (retrieval test)")
    p.add_argument("query")
    p.add_argument("--k", type=int, default=None)
    _common(p)

    p = sub.add_parser("ask", help="answer a question with cited clauses")
    p.add_argument("question", nargs="?")
    p.add_argument("--questions", help="batch: a JSONL file of {\"id\", \"q\"} lines")
    p.add_argument("--out", help="batch: where to write one --json record per line (default: stdout)")
    p.add_argument("--explain", action="store_true", help="also print what each step of the chain saw and decided")
    p.add_argument("--history", metavar="FILE",
                   help="earlier turns of the conversation: a JSON answer as printed by 'ask --json', a list of them, "
                        "or JSONL, one {\"question\"} or answer a line")
    p.add_argument("--llm", help="optional rewrite by an LLM: openai:MODEL@BASE_URL or ollama:MODEL")
    _common(p)

    p = sub.add_parser("draft", help="draft a reply to an enterprise's inquiry")
    p.add_argument("inquiry", nargs="?")
    p.add_argument("--file", help="read the inquiry from this file")
    p.add_argument("--llm", help="optional rewrite by an LLM: openai:MODEL@BASE_URL or ollama:MODEL")
    _common(p)

    p = sub.add_parser("serve", help="start the web app and its HTTP API under /api (the default command)")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=7860)
    p.add_argument("--auth", help="user:password; required to bind anything but loopback (env POLICYDESK_AUTH)")
    _common(p)
    return parser


def settings_from(args) -> Settings:
    return Settings.from_env(data_dir=args.data_dir, kb=args.kb, chroma_url=args.chroma_url, embedder=args.embedder)


def _print_json(value) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def cmd_ingest(args, kb) -> int:
    report = kb.ingest(args.paths, prune=args.prune, progress=True)
    if args.json:
        _print_json(report.to_dict())
    else:
        print(
            f"added {len(report.added)}, updated {len(report.updated)}, unchanged {len(report.unchanged)}, "
            f"removed {len(report.removed)}, failed {len(report.failed)}, skipped {len(report.skipped)}; "
            f"{report.embedded} chunks embedded, {report.chunks} in knowledge base '{kb.settings.kb}' ({report.seconds:.1f}s)"
        )
        for failure in report.failed:
            print(f"  FAILED {failure['path']}: {failure['error']}", file=sys.stderr)
        for skip in report.skipped:
            print(f"  SKIPPED {skip['path']}: {skip['reason']}", file=sys.stderr)
    return 1 if report.failed else 0


def cmd_docs(args, kb) -> int:
    docs = kb.documents()
    if args.json:
        _print_json([d.to_dict() for d in docs])
    else:
        for d in docs:
            extra = " ".join(x for x in (d.doc_number, d.date, "、".join(d.places), d.period) if x)
            print(f"{d.clauses:4d} clauses  {d.file_name}  {d.title}  {extra}".rstrip())
        print(f"{len(docs)} documents in knowledge base '{kb.settings.kb}'")
    return 0


def cmd_remove(args, kb) -> int:
    removed = kb.remove(args.name)
    if args.json:
        _print_json({"removed": [d.to_dict() for d in removed]})
    else:
        print(f"removed {len(removed)} document(s)" + "".join(f"\n  {d.file_name}  {d.title}" for d in removed))
    return 0 if removed else 1


def cmd_tasks(args, kb) -> int:
    rows = kb.tasks(unit=args.unit, doc=args.doc)
    if args.json:
        _print_json(rows)
    else:
        for row in rows:
            targets = "; ".join(t["text"] for t in row["targets"])
            print(f"{row['doc_title'][:18]}  {row['locator']:10s} {row['title']}")
            how = {"stated": "", "convention": " (by the document's rule)", "order": " (first listed)"}[row["lead_stated"]]
            others = [u for u in row["responsible"] if u not in row["lead"]]
            print(f"    lead: {'、'.join(row['lead'])}{how}   others: {'、'.join(others)}" + (f"   targets: {targets}" if targets else ""))
        print(f"{len(rows)} responsibilities")
    return 0


def cmd_search(args, kb) -> int:
    from vectorstore.retriever import HybridRetriever

    retriever = HybridRetriever(kb=kb, k=args.k or kb.settings.search_k)
    hits = retriever.search(args.query)
    if args.json:
        _print_json([h.to_dict() for h in hits])
    else:
        for n, hit in enumerate(hits, 1):
            print(f"[{n}] {hit.score:.4f}  {hit.doc_title[:24]} §{hit.locator} {hit.title}")
            print(f"     {hit.quote[:160]}")
    return 0


def _print_answer(answer) -> None:
    print(answer.answer)
    for c in answer.citations:
        print(f"  [{c.n}] 《{c.doc_title}》 §{c.locator} {c.title}\n      {c.quote[:200]}")
    if answer.refused and answer.closest:
        print("  closest matches:" if answer.language == "en" else "  最接近的条款：")
        for c in answer.closest:
            print(f"    《{c.doc_title}》 §{c.locator} {c.title}")
    if answer.note:
        print(f"  ({answer.note})")


def cmd_ask(args, kb) -> int:
    from qa.chain import ask

    llm = args.llm
    if args.questions:
        return _batch_ask(args, kb, llm)
    if not args.question or not args.question.strip():
        print("error: give a question, or --questions FILE", file=sys.stderr)
        return 2
    try:
        history = _read_history(args.history) if args.history else None
    except (OSError, ValueError) as exc:
        print(f"error: --history {args.history}: {exc}", file=sys.stderr)
        return 2
    answer = ask(kb, args.question, history=history, llm=llm)
    _print_json(answer.to_dict()) if args.json else _print_answer(answer)
    if args.explain and not args.json:
        print("\nHow it was answered:")
        for line in answer.trace:
            print(f"  {line}")
    return 0


def _read_history(path: str) -> list[dict]:
    """A JSON document (one answer or a list of turns) or JSON Lines (one turn a line)."""
    from qa.conversation import history_turns

    text = open(path, encoding="utf-8").read()
    try:
        return history_turns(json.loads(text), "the history")
    except json.JSONDecodeError:
        pass
    turns = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            try:
                turns.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise ValueError(f"line {number} is not JSON ({exc.msg})") from None
    return history_turns(turns, "the history")


def _batch_ask(args, kb, llm) -> int:
    from qa.chain import ask

    out = open(args.out, "w", encoding="utf-8") if args.out else sys.stdout
    errors = 0
    try:
        with open(args.questions, encoding="utf-8") as handle:
            lines = [line for line in handle if line.strip()]
        for number, line in enumerate(lines, 1):
            item = {}  # a malformed line is reported under its own line number, never the line before's id
            try:
                item = json.loads(line)
                question = item.get("q") or item.get("question")
                record = ask(kb, question, llm=llm).to_dict()
            except (ValueError, TypeError, AttributeError) as exc:
                errors += 1
                item = item if isinstance(item, dict) else {}
                record = {"error": f"line {number}: {exc}"}
            record["id"] = item.get("id", number)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    finally:
        if out is not sys.stdout:
            out.close()
    return 1 if errors else 0


def cmd_draft(args, kb) -> int:
    from qa.draft import draft

    inquiry = open(args.file, encoding="utf-8").read() if args.file else args.inquiry
    if not inquiry or not inquiry.strip():
        print("error: give the inquiry text, or --file FILE", file=sys.stderr)
        return 2
    result = draft(kb, inquiry, llm=args.llm)
    if args.json:
        _print_json({"inquiry": inquiry, "language": result.language, "text": result.answer,
                     "citations": [c.to_dict() for c in result.citations], "refused": result.refused,
                     "units": {"lead": result.lead, "responsible": result.responsible}, "latency_ms": round(result.latency_ms, 1)})
    else:
        _print_answer(result)
    return 0


def cmd_serve(args, settings: Settings) -> int:
    from ui.web import serve

    return serve(settings, host=args.host, port=args.port, auth=args.auth)


COMMANDS = {"ask": cmd_ask, "draft": cmd_draft, "ingest": cmd_ingest, "docs": cmd_docs, "remove": cmd_remove, "tasks": cmd_tasks, "search": cmd_search}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = build_parser()
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["serve", *argv]
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return 2
    from vectorstore.chroma_store import StoreError
    from vectorstore.embeddings import EmbedderError
    from qa.llm import LLMConfigError
    from vectorstore.knowledge_base import IngestLocked, KnowledgeBase

    errors: tuple[type[Exception], ...] = (StoreError, EmbedderError, IngestLocked, LLMConfigError)
    if args.command == "serve":  # only the web app needs gradio: ingest, ask, tasks … run without it
        from ui.web import StartupError

        errors += (StartupError,)
    try:
        settings = settings_from(args)
        if args.command == "serve":
            return cmd_serve(args, settings)
        kb = KnowledgeBase(settings)
        return COMMANDS[args.command](args, kb)
    except errors as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; re-run the same command to finish (ingestion is resumable)", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())


__all__ = ["main", "BUNDLED_CORPUS"]
