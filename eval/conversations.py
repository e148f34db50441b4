"""Conversations: multi-turn gold, answered turn by turn with the conversation so far, and scored.

One conversation a line; each turn is a gold question (eval.gold) plus `standalone`:

    {"id": "conv-01", "turns": [
        {"q": "枣庄科技型中小企业要达到多少家？", "lang": "zh", "standalone": true, "answer_any": ["700家"], "clause": […]},
        {"q": "那高新技术企业呢？", "lang": "zh", "standalone": false, "answer_any": ["370家"], "clause": […]}]}

Each turn is asked with the answers before it as history — the answer objects as the chain returned them
(question, answer and "about"), as a chat client would send them back. Reported:

- follow-up accuracy: turns that depend on the turn before (`standalone: false`), answered right;
- standalone accuracy: first turns and fresh questions later on;
- standalone turns changed by the turn before: a standalone turn later in a conversation whose answer with
  the history differs from its answer asked alone (should be 0);
- the same by language; every turn's record in results.jsonl.
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from eval import metrics
from eval.gold import GoldError, GoldItem, _lines, parse_question
from eval.runner import response_from_answer, write_jsonl


@dataclass(frozen=True)
class Conversation:
    id: str
    turns: list[GoldItem]
    standalone: list[bool] = field(default_factory=list)


def load_conversations(paths: list[str | Path]) -> list[Conversation]:
    conversations, problems = [], []
    for path in map(Path, paths):
        rows, bad = _lines(path)
        problems += bad
        for lineno, obj in rows:
            where = f"{path.name}:{lineno}"
            conv_id = obj.get("id", f"{path.stem}:{lineno}")
            turns = obj.get("turns")
            if set(obj) - {"id", "turns"} or not isinstance(turns, list) or not turns:
                problems.append(f"{where}: a conversation is {{\"id\", \"turns\": [turn, …]}}")
                continue
            items, standalone = [], []
            for n, turn in enumerate(turns, 1):
                if not isinstance(turn, dict) or turn.get("standalone", n == 1) not in (True, False):
                    problems.append(f"{where}: turn {n} must be an object; 'standalone' true or false")
                    continue
                fields = {k: v for k, v in turn.items() if k != "standalone"}
                item, bad = parse_question(fields, f"{where} turn {n}", f"{conv_id}.{n}")
                problems += bad
                if item is not None:
                    items.append(item)
                    standalone.append(bool(turn.get("standalone", n == 1)))
            conversations.append(Conversation(str(conv_id), items, standalone))
    if problems:
        raise GoldError("\n".join(problems))
    return conversations


def _history_entry(answer) -> dict:
    entry = {"question": answer.question, "answer": answer.answer}
    about = getattr(answer, "about", None)
    if about is not None:
        entry["about"] = about.to_dict() if hasattr(about, "to_dict") else about
    return entry


def evaluate_conversations(conversations: list[Conversation], answer_fn, progress: bool = True) -> list[dict]:
    """One judged record per turn. `answer_fn(question, history)` returns an Answer."""
    records = []
    for conv in tqdm(conversations, desc="conversations", unit="conv", disable=not progress, file=sys.stderr):
        history: list[dict] = []
        for n, (item, standalone) in enumerate(zip(conv.turns, conv.standalone), 1):
            started = time.perf_counter()
            try:
                answer = answer_fn(item.q, list(history))
                record = metrics.judge(item, response_from_answer(answer, (time.perf_counter() - started) * 1000))
                history.append(_history_entry(answer))
            except Exception as exc:  # one broken turn must not hide the others
                record = metrics.judge(item, metrics.Response(answer=None, error=f"{type(exc).__name__}: {exc}"))
                history.append({"question": item.q, "answer": ""})
            record.update(conversation=conv.id, turn=n, standalone=standalone, changed_by_history=None)
            if standalone and n > 1:
                alone = answer_fn(item.q, None)
                record["changed_by_history"] = alone.answer != record["answer"]
            records.append(record)
    return records


def summarize_conversations(records: list[dict]) -> dict:
    follow_ups = [r for r in records if not r["standalone"]]
    standalone = [r for r in records if r["standalone"]]
    later = [r for r in standalone if r["turn"] > 1]
    by_conversation: dict[str, list[dict]] = {}
    for r in records:
        by_conversation.setdefault(r["conversation"], []).append(r)

    def ratio(rows: list[dict]) -> float | None:
        return round(sum(r["correct"] for r in rows) / len(rows), 4) if rows else None

    summary = {
        "conversations": len(by_conversation),
        "turns": len(records),
        "follow_ups": len(follow_ups),
        "follow_up_accuracy": ratio(follow_ups),
        "standalone_accuracy": ratio(standalone),
        "turn_accuracy": ratio(records),
        "conversations_all_right": sum(all(r["correct"] for r in rows) for rows in by_conversation.values()),
        "standalone_later": len(later),
        "standalone_changed_by_history": sum(1 for r in later if r["changed_by_history"]),
        "errors": sum(1 for r in records if r.get("error")),
    }
    for lang in sorted({r["lang"] for r in records}):
        summary[f"follow_up_accuracy_{lang}"] = ratio([r for r in follow_ups if r["lang"] == lang])
    return summary


def render_markdown(summary: dict, meta: dict) -> str:
    pct = lambda v: "—" if v is None else f"{v:.1%}"  # noqa: E731
    lines = [
        "# Conversation evaluation", "",
        f"{summary['conversations']} conversations, {summary['turns']} turns "
        f"({summary['follow_ups']} follow-ups); commit {meta.get('commit', '')}, {meta.get('documents', '?')} documents.", "",
        "| metric | value |", "|---|---|",
        f"| follow-up turns answered right | {pct(summary['follow_up_accuracy'])} |",
        *[f"| … {k.rsplit('_', 1)[1]} | {pct(v)} |" for k, v in summary.items() if k.startswith("follow_up_accuracy_")],
        f"| standalone turns answered right | {pct(summary['standalone_accuracy'])} |",
        f"| standalone turns (after the first) changed by the turn before | "
        f"{summary['standalone_changed_by_history']} of {summary['standalone_later']} |",
        f"| all turns answered right | {pct(summary['turn_accuracy'])} |",
        f"| conversations with every turn right | {summary['conversations_all_right']} of {summary['conversations']} |",
        f"| errors | {summary['errors']} |",
    ]
    return "\n".join(lines) + "\n"


def run_conversations(conversations: list[Conversation], answer_fn, out_dir: str | Path, meta: dict,
                      progress: bool = True) -> dict:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    records = evaluate_conversations(conversations, answer_fn, progress)
    summary = summarize_conversations(records)
    write_jsonl(out / "results.jsonl", records)
    (out / "report.json").write_text(json.dumps({"meta": meta, "summary": summary}, ensure_ascii=False, indent=2),
                                     encoding="utf-8")
    (out / "report.md").write_text(render_markdown(summary, meta), encoding="utf-8")
    return summary
