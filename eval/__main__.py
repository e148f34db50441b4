"""python -m eval run | conversations | score | gate | bench — see eval/README.md."""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

import settings as settings_module  # noqa: F401  (offline environment first)
from settings import PROJECT_DIR, Settings

from eval.gold import GoldError, load_drafts, load_gold


def gold_files(values: list[str]) -> list[Path]:
    """Files as given; a folder stands for its *.jsonl files."""
    files = []
    for value in values:
        path = Path(value)
        files.extend(sorted(path.glob("*.jsonl")) if path.is_dir() else [path])
    return files


def _commit() -> str:
    try:
        done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=PROJECT_DIR, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=PROJECT_DIR,
                               capture_output=True, text=True)
    except OSError:
        return ""
    if done.returncode:
        return ""
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def _knowledge_base_arguments(p: argparse.ArgumentParser, gold_help: str) -> None:
    """The gold files and the knowledge base to answer them from: `run` and `conversations` alike."""
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE", help=gold_help)
    p.add_argument("--corpus", nargs="+", metavar="DIR", help="ingest these into a fresh knowledge base first")
    p.add_argument("--data-dir", help="data directory (default: a temporary one with --corpus, else ./data)")
    p.add_argument("--kb", help="knowledge base name (default 'default')")
    p.add_argument("--embedder", help="embedder for a new knowledge base (use | e5 | st:MODEL)")


def _open_knowledge_base(args, tmp: str, progress: bool):
    """The knowledge base the gold is answered from (`--corpus` ingested into a temporary one), or None
    (with the reason printed) when it is empty."""
    from vectorstore.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(Settings.from_env(data_dir=args.data_dir or (tmp if args.corpus else None), kb=args.kb,
                                         embedder=args.embedder))
    if args.corpus:
        for failure in kb.ingest(args.corpus, progress=progress).failed:
            print(f"warning: not ingested: {failure['path']}: {failure['error']}", file=sys.stderr)
    if kb.count() == 0:
        print(f"error: knowledge base '{kb.settings.kb}' in {kb.settings.data_dir} is empty; pass --corpus DIR",
              file=sys.stderr)
        return None
    return kb


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m eval", description="PolicyDesk evaluation")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("run", help="answer the gold questions with qa.chain.ask (and the baseline) and score them")
    _knowledge_base_arguments(p, "gold JSONL files (a folder: its *.jsonl)")
    p.add_argument("--out", default="out", help="output folder (default out/)")
    p.add_argument("--llm", help="passed to qa.chain.ask(llm=...) as a string")
    p.add_argument("--no-baseline", action="store_true", help="skip the LangChain tutorial baseline")
    p.add_argument("--drafts", metavar="FILE", help="drafting inquiries (JSONL) to score with qa.draft.draft")
    p.add_argument("--quiet", action="store_true", help="no progress bars")

    p = sub.add_parser("conversations", help="answer multi-turn conversations turn by turn, with history, and score them")
    _knowledge_base_arguments(p, "conversation JSONL files (a folder: its *.jsonl)")
    p.add_argument("--out", default="out/conversations", help="output folder (default out/conversations)")
    p.add_argument("--quiet", action="store_true", help="no progress bars")

    p = sub.add_parser("score", help="score answers produced elsewhere")
    p.add_argument("--gold", nargs="+", required=True, metavar="FILE")
    p.add_argument("--answers", required=True, metavar="FILE",
                   help='JSONL: {"id" or "q", "answer", "citations"?, "refused"?, "latency_ms"?}')
    p.add_argument("--out", default="out")

    p = sub.add_parser("gate", help="exit 1 when a headline metric is below its floor")
    p.add_argument("--report", default="out/report.json")
    p.add_argument("--thresholds", default=str(PROJECT_DIR / "eval" / "thresholds.json"))

    p = sub.add_parser("bench", help="throughput, latency and memory at N× the bundled corpus (not in CI)")
    p.add_argument("--sizes", default="1", help="comma-separated multiples of the bundled corpus (default 1)")
    p.add_argument("--out", default="out")
    p.add_argument("--questions", type=int, default=50, help="gold questions timed per size (default 50)")
    p.add_argument("--keep", action="store_true",
                   help="keep each size's files and knowledge base (printed) for inspection instead of deleting them")
    p.add_argument("--ocr-pages", type=int, default=0,
                   help="also time OCR on this many A4 page images of the reference plan (needs a CJK font; default 0)")
    return parser


def cmd_run(args) -> int:
    from eval.runner import draft_fn_from, run

    items = load_gold(gold_files(args.gold))
    drafts = load_drafts(args.drafts) if args.drafts else None
    with tempfile.TemporaryDirectory(prefix="policydesk-eval-") as tmp:
        kb = _open_knowledge_base(args, tmp, progress=not args.quiet)
        if kb is None:
            return 2

        from qa.chain import ask

        def answer_fn(question, history):
            return ask(kb, question, history=history, llm=args.llm)

        baseline_fn = None
        if not args.no_baseline:
            from eval.baseline import Baseline, corpus_paths

            baseline = Baseline(kb)
            baseline.build(args.corpus or corpus_paths(kb))
            baseline_fn = baseline.answer
        draft_fn = None
        if drafts is not None:
            from qa.draft import draft

            draft_fn = draft_fn_from(draft, kb, args.llm)
        meta = {
            "gold_files": [str(p) for p in gold_files(args.gold)],
            "corpus": args.corpus or [],
            "data_dir": str(kb.settings.data_dir) if args.data_dir or not args.corpus else "(temporary)",
            "kb": kb.settings.kb,
            "embedder": kb.embedder_spec,
            "documents": len(kb.documents()),
            "chunks": kb.count(),
            "llm": args.llm or "",
            "commit": _commit(),
        }
        run(items, answer_fn, args.out, baseline_fn=baseline_fn, drafts=drafts, draft_fn=draft_fn,
                     meta=meta, progress=not args.quiet)
    _print_summary(args.out)
    return 0


def cmd_conversations(args) -> int:
    from eval.conversations import load_conversations, run_conversations
    from qa.chain import ask

    conversations = load_conversations(gold_files(args.gold))
    with tempfile.TemporaryDirectory(prefix="policydesk-eval-") as tmp:
        kb = _open_knowledge_base(args, tmp, progress=not args.quiet)
        if kb is None:
            return 2
        meta = {"gold_files": [str(p) for p in gold_files(args.gold)], "corpus": args.corpus or [],
                "documents": len(kb.documents()), "embedder": kb.embedder_spec, "commit": _commit()}
        run_conversations(conversations, lambda q, history: ask(kb, q, history=history), args.out, meta,
                          progress=not args.quiet)
    print((Path(args.out) / "report.md").read_text(encoding="utf-8"))
    print(f"wrote {args.out}/results.jsonl, report.json, report.md")
    return 0


def cmd_score(args) -> int:
    from eval.runner import score_answers

    items = load_gold(gold_files(args.gold))
    score_answers(items, args.answers, args.out,
                  meta={"gold_files": [str(p) for p in gold_files(args.gold)], "commit": _commit()})
    _print_summary(args.out)
    return 0


def _print_summary(out: str) -> None:
    print((Path(out) / "report.md").read_text(encoding="utf-8"))
    print(f"wrote {out}/results.jsonl, report.json, report.md, report.png")


def cmd_gate(args) -> int:
    from eval.gate import gate

    passed, failures = gate(args.report, args.thresholds)
    if passed:
        print(f"gate passed ({args.report} against {args.thresholds})")
        return 0
    report_md = Path(args.report).with_name("report.md")
    if report_md.exists():
        print(report_md.read_text(encoding="utf-8"))
    print(f"GATE FAILED ({args.report} against {args.thresholds}):")
    for failure in failures:
        print(f"  - {failure}")
    return 1


def cmd_bench(args) -> int:
    from eval.bench import run_bench

    try:
        sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        print(f"error: --sizes must be comma-separated integers, got {args.sizes!r}", file=sys.stderr)
        return 2
    if not sizes or min(sizes) < 1:
        print("error: --sizes must be positive integers", file=sys.stderr)
        return 2
    if args.ocr_pages < 0:
        print("error: --ocr-pages must be 0 or more", file=sys.stderr)
        return 2
    run_bench(sizes, args.out, questions=args.questions, progress=lambda m: print(m, file=sys.stderr), keep=args.keep,
              ocr_pages=args.ocr_pages)
    print((Path(args.out) / "bench.md").read_text(encoding="utf-8"))
    print(f"wrote {args.out}/bench.json, bench.md, bench.png")
    return 0


def main(argv: list[str] | None = None) -> int:
    from eval.runner import AnswersError

    args = build_parser().parse_args(argv)
    try:
        return {"run": cmd_run, "conversations": cmd_conversations, "score": cmd_score, "gate": cmd_gate, "bench": cmd_bench}[args.command](args)
    except (GoldError, AnswersError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
