"""Run the gold questions through a system, judge every answer, write the report.

The runner knows nothing about how a system answers: it is given functions.

    answer_fn(question, history) -> qa.model.Answer      (ours: qa.chain.ask; the baseline: Baseline.answer)
    draft_fn(inquiry) -> (text, citations)               (qa.draft.draft, adapted by `draft_fn_from`)

`evaluate()` answers and judges (`evaluate_systems()` several systems,
interleaved question by question); `run()` evaluates ours (and the baseline,
and drafting inquiries when given) and writes results.jsonl, report.json,
report.md and report.png; `score_answers()` does the same for answers
produced elsewhere (a JSON Lines file), without retrieval metrics.
"""

from __future__ import annotations

import inspect
import json
import os
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from tqdm import tqdm

from eval import metrics
from eval.gold import DraftItem, GoldItem
from eval.matching import normalize
from eval.metrics import Response
from eval.report import write_report

AnswerFn = Callable[[str, "list[dict] | None"], object]
DraftFn = Callable[[str], "tuple[str, list]"]
OURS, BASELINE = "ours", "baseline"


class AnswersError(ValueError):
    """An answers file (for `score`) is malformed."""


def _citation_dict(citation) -> dict:
    if isinstance(citation, str):
        return {"quote": citation}
    if isinstance(citation, dict):
        return citation
    if hasattr(citation, "to_dict"):
        return citation.to_dict()
    return {"quote": getattr(citation, "quote", ""), "locator": getattr(citation, "locator", "")}


def response_from_answer(answer, latency_ms: float) -> Response:
    """An Answer (or anything with its fields) in the scorer's terms; latency is the runner's wall clock."""
    quotes = getattr(answer, "retrieved_quotes", None)
    return Response(
        answer=answer.answer if answer.answer is not None else "",
        refused=bool(answer.refused),
        citations=[_citation_dict(c) for c in answer.citations],
        retrieved=list(getattr(answer, "retrieved", None) or []),
        retrieved_quotes=list(quotes) if quotes is not None else None,
        latency_ms=latency_ms,
    )


def warm_up(answer_fn: AnswerFn, question: str) -> None:
    """One unscored call, so lazy model loading is not charged to the first question's latency."""
    try:
        answer_fn(question, None)
    except Exception:
        pass  # evaluate() records the error against the question itself


def answer_one(item: GoldItem, answer_fn: AnswerFn) -> dict:
    """Ask one question (no history), timing the call; an exception is a wrong answer with its error kept."""
    started = time.perf_counter()
    try:
        answer = answer_fn(item.q, None)
        response = response_from_answer(answer, (time.perf_counter() - started) * 1000)
    except Exception as exc:  # one broken question must not hide the other results
        response = Response(answer=None, latency_ms=(time.perf_counter() - started) * 1000,
                            error=f"{type(exc).__name__}: {exc}")
    return metrics.judge(item, response)


def evaluate_systems(items: list[GoldItem], systems: dict[str, AnswerFn], progress: bool = True,
                     warmup: bool = True) -> dict[str, list[dict]]:
    """Every question to every system, interleaved question by question, so that a busy spell on the machine
    slows all systems alike and their latencies stay comparable."""
    if warmup:
        for answer_fn in systems.values():
            for lang in dict.fromkeys(i.lang for i in items):  # one question per language
                warm_up(answer_fn, next(i.q for i in items if i.lang == lang))
    records: dict[str, list[dict]] = {name: [] for name in systems}
    for item in tqdm(items, desc="answering", unit="q", disable=not progress, file=sys.stderr):
        for name, answer_fn in systems.items():
            records[name].append(answer_one(item, answer_fn))
    return records


def evaluate(items: list[GoldItem], answer_fn: AnswerFn, progress: bool = True, warmup: bool = True) -> list[dict]:
    """One system's judged records, one per question."""
    return evaluate_systems(items, {"system": answer_fn}, progress, warmup)["system"]


def evaluate_drafts(items: list[DraftItem], draft_fn: DraftFn, progress: bool = True) -> list[dict]:
    records = []
    for item in tqdm(items, desc="drafting", unit="inquiry", disable=not progress, file=sys.stderr):
        started = time.perf_counter()
        try:
            text, citations = draft_fn(item.inquiry)
            error = ""
        except Exception as exc:
            text, citations, error = None, [], f"{type(exc).__name__}: {exc}"
        latency = (time.perf_counter() - started) * 1000
        records.append(metrics.judge_draft(item, text, [_citation_dict(c) for c in citations], latency, error))
    return records


def draft_fn_from(draft, kb=None, llm=None) -> DraftFn:
    """Adapt a drafting function returning an Answer-like object (.answer, .citations) to draft_fn(inquiry)."""
    parameters = inspect.signature(draft).parameters
    kwargs = {"llm": llm} if "llm" in parameters else {}
    takes_kb = next(iter(parameters), "") in ("kb", "knowledge_base")

    def draft_fn(inquiry: str):
        result = draft(kb, inquiry, **kwargs) if takes_kb else draft(inquiry, **kwargs)
        return result.answer, list(result.citations)

    return draft_fn


def write_jsonl(path: Path, rows: list[dict]) -> None:
    with open(path, "w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")


def _gold_meta(items: list[GoldItem]) -> dict:
    return {
        "questions": len(items),
        "answerable": sum(1 for i in items if i.answerable),
        "unanswerable": sum(1 for i in items if i.unanswerable),
        "zh": sum(1 for i in items if i.lang == "zh"),
        "en": sum(1 for i in items if i.lang == "en"),
    }


def build_report(systems: dict[str, list[dict]], primary: str, meta: dict,
                 drafts: list[dict] | None = None) -> dict:
    load = [round(x, 2) for x in os.getloadavg()] if hasattr(os, "getloadavg") else None
    report = {
        "meta": {"created": datetime.now(timezone.utc).isoformat(timespec="seconds"), "load_average": load, **meta},
        "primary": primary,
        "headline": list(metrics.HEADLINE),
        "systems": {name: metrics.score(records) for name, records in systems.items()},
    }
    if drafts is not None:
        report["drafts"] = {"overall": metrics.summarize_drafts(drafts),
                            "misses": [d for d in drafts if not d["correct"]][: metrics.WORST]}
    return report


def run(items: list[GoldItem], answer_fn: AnswerFn, out_dir: str | Path, *, baseline_fn: AnswerFn | None = None,
        drafts: list[DraftItem] | None = None, draft_fn: DraftFn | None = None, meta: dict | None = None,
        progress: bool = True, warmup: bool = True) -> dict:
    """Evaluate ours (and the baseline, and drafts), write every output file into out_dir, return the report."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    functions = {OURS: answer_fn} if baseline_fn is None else {OURS: answer_fn, BASELINE: baseline_fn}
    systems = evaluate_systems(items, functions, progress, warmup)
    write_jsonl(out / "results.jsonl", systems[OURS])
    if baseline_fn is not None:
        write_jsonl(out / "results.baseline.jsonl", systems[BASELINE])
    draft_records = None
    if drafts is not None and draft_fn is not None:
        draft_records = evaluate_drafts(drafts, draft_fn, progress)
        write_jsonl(out / "results.drafts.jsonl", draft_records)
    report = build_report(systems, OURS, {"gold": _gold_meta(items), **(meta or {})}, draft_records)
    write_report(report, out)
    return report


# --- answers produced elsewhere --------------------------------------------------------------------


def read_answers(path: str | Path) -> list[dict]:
    rows = []
    for lineno, line in enumerate(Path(path).read_text(encoding="utf-8-sig").splitlines(), 1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise AnswersError(f"{Path(path).name}:{lineno}: invalid JSON: {exc.msg}") from None
        if not isinstance(row, dict) or not ("id" in row or "q" in row):
            raise AnswersError(f"{Path(path).name}:{lineno}: each line needs \"id\" or \"q\"")
        rows.append(row)
    return rows


def match_answers(items: list[GoldItem], rows: list[dict]) -> tuple[dict[str, dict], list[str]]:
    """gold id → answer row (by id, else by the question text, normalised); and the rows that match nothing."""
    by_id = {i.id: i for i in items}
    by_q = {normalize(i.q): i for i in items}
    matched, unmatched = {}, []
    for row in rows:
        item = by_id.get(str(row.get("id"))) if "id" in row else None
        item = item or by_q.get(normalize(row.get("q", "")))
        if item is None:
            unmatched.append(str(row.get("id") or row.get("q")))
        else:
            matched[item.id] = row
    return matched, unmatched


def response_from_row(row: dict | None) -> Response:
    if row is None:
        return Response(answer=None)  # no answer: wrong
    answer = row.get("answer")
    return Response(
        answer=None if answer is None else str(answer),
        refused=bool(row.get("refused", False)),
        citations=[_citation_dict(c) for c in row.get("citations") or []],
        retrieved=row.get("retrieved"),
        retrieved_quotes=row.get("retrieved_quotes"),
        latency_ms=row.get("latency_ms"),
    )


def score_answers(items: list[GoldItem], answers_path: str | Path, out_dir: str | Path, meta: dict | None = None) -> dict:
    rows = read_answers(answers_path)
    matched, unmatched = match_answers(items, rows)
    records = [metrics.judge(item, response_from_row(matched.get(item.id))) for item in items]
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    write_jsonl(out / "results.jsonl", records)
    name = Path(answers_path).name
    report = build_report(
        {name: records}, name,
        {"gold": _gold_meta(items), "answers": str(answers_path), "answer_lines": len(rows),
         "unanswered": len(items) - len(matched), "unmatched_lines": unmatched, **(meta or {})},
    )
    write_report(report, out)
    return report
