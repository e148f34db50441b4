"""The scorer: judge one response against its gold question, then summarise the judged records.

Pure functions over plain data (no knowledge base, no model), so any system's
output can be scored: ours, the baseline, or answers produced elsewhere.

Per question (`judge`):

- **correct** — answerable: not refused, the answer contains at least one of
  `answer_any` (when given) and all of `answer_all` (when given);
  unanswerable: correct iff refused. A missing answer is wrong.
- **retrieval_rank** — 1-based rank of the first retrieved chunk whose quote
  contains a clause substring (None: not retrieved, or retrieval not observed).
- **supporting citations** — citations whose quote contains a clause substring.

Over a set of records (`summarize`), each value None when it does not apply:

- accuracy (all questions), accuracy_answerable, accuracy_unanswerable
- hit@1, hit@3, hit@5, mrr — answerable questions whose retrieval was observed
- citation_precision — supporting citations / all citations, pooled over the
  answered answerable questions
- citation_support — share of answered answerable questions with ≥1 supporting citation
- citation_recall — mean share of a question's clause substrings found in its citations
- refusal_precision — refused and unanswerable / refused;
  refusal_recall — refused and unanswerable / unanswerable
- latency_p50_ms, latency_p95_ms — nearest-rank percentiles
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from eval.gold import DraftItem, GoldItem
from eval.matching import contains, contains_any

# Shown in the headline table, the chart and the CI gate, in this order.
HEADLINE = (
    "accuracy",
    "accuracy_answerable",
    "hit@1",
    "hit@5",
    "mrr",
    "citation_precision",
    "citation_support",
    "refusal_precision",
    "refusal_recall",
    "latency_p50_ms",
    "latency_p95_ms",
)
LOWER_IS_BETTER = {"latency_p50_ms", "latency_p95_ms"}
HIT_KS = (1, 3, 5)
WORST = 10


@dataclass
class Response:
    """What a system said to one question, in the scorer's terms."""

    answer: str | None  # None: no answer was given (counts as wrong)
    refused: bool = False
    citations: list[dict] = field(default_factory=list)  # {"quote", "locator"?, "source"?}
    retrieved: list[str] | None = None  # locators of the ranking, best first; None = not observed
    retrieved_quotes: list[str] | None = None  # the quotes of that ranking, same order
    latency_ms: float | None = None
    error: str = ""  # the system raised instead of answering


def supports(quote: str | None, clause: list[str]) -> bool:
    """A quote supports the gold answer when it contains at least one clause substring."""
    return contains_any(quote, clause)


def judge(item: GoldItem, response: Response) -> dict:
    """One result record: the question, what was said, and every per-question verdict."""
    answer = response.answer
    refused = bool(response.refused)
    answered = answer is not None and not refused
    record = {
        "id": item.id,
        "q": item.q,
        "lang": item.lang,
        "kind": item.kind,
        "unanswerable": item.unanswerable,
        "answer": answer,
        "refused": refused,
        "citations": [
            {"locator": c.get("locator", ""), "source": c.get("source", ""), "quote": c.get("quote", "")}
            for c in response.citations
        ],
        "retrieved": response.retrieved,
        "latency_ms": None if response.latency_ms is None else round(float(response.latency_ms), 1),
        "error": response.error,
        "answered": answered,
    }
    if item.unanswerable:
        record.update(
            correct=refused,
            missing_any=False,
            missing_all=[],
            retrieval_rank=None,
            citations_supporting=None,
            cited_supporting=None,
            citation_recall=None,
        )
    else:
        any_ok = not item.answer_any or contains_any(answer, item.answer_any)
        missing_all = [a for a in item.answer_all if not contains(answer, a)]
        rank = None
        if response.retrieved_quotes is not None:
            rank = next((r for r, q in enumerate(response.retrieved_quotes, 1) if supports(q, item.clause)), None)
        supporting = [supports(c["quote"], item.clause) for c in record["citations"]]
        covered = [c for c in item.clause if any(contains(x["quote"], c) for x in record["citations"])]
        record.update(
            correct=answered and any_ok and not missing_all,
            missing_any=not any_ok,
            missing_all=missing_all,
            retrieval_rank=rank,
            citations_supporting=sum(supporting) if answered else None,
            cited_supporting=any(supporting) if answered else None,
            citation_recall=len(covered) / len(item.clause) if answered else None,
        )
    record["retrieval_observed"] = response.retrieved_quotes is not None
    record.update(
        refused_correctly=item.unanswerable and refused,
        wrongly_refused=item.answerable and refused,
        answered_unanswerable=item.unanswerable and answered,
    )
    return record


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


def percentile(values: list[float], p: float) -> float | None:
    """Nearest-rank percentile: the smallest value with at least p% of the values at or below it."""
    if not values:
        return None
    ordered = sorted(values)
    index = max(0, math.ceil(p / 100 * len(ordered)) - 1)
    return ordered[index]


def summarize(records: list[dict]) -> dict:
    """Every metric over a set of judged records (see the module docstring)."""
    answerable = [r for r in records if not r["unanswerable"]]
    unanswerable = [r for r in records if r["unanswerable"]]
    observed = [r for r in answerable if r["retrieval_observed"]]
    answered = [r for r in answerable if r["answered"]]
    refused = [r for r in records if r["refused"]]
    latencies = [r["latency_ms"] for r in records if r.get("latency_ms") is not None]
    citations = sum(len(r["citations"]) for r in answered)
    summary = {
        "n": len(records),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
        "errors": sum(1 for r in records if r.get("error")),
        "missing": sum(1 for r in records if r["answer"] is None and not r["refused"]),
        "accuracy": _ratio(sum(r["correct"] for r in records), len(records)),
        "accuracy_answerable": _ratio(sum(r["correct"] for r in answerable), len(answerable)),
        "accuracy_unanswerable": _ratio(sum(r["correct"] for r in unanswerable), len(unanswerable)),
    }
    for k in HIT_KS:
        hits = sum(1 for r in observed if r["retrieval_rank"] is not None and r["retrieval_rank"] <= k)
        summary[f"hit@{k}"] = _ratio(hits, len(observed))
    summary["mrr"] = _ratio(sum(1 / r["retrieval_rank"] for r in observed if r["retrieval_rank"]), len(observed))
    summary.update(
        citation_precision=_ratio(sum(r["citations_supporting"] for r in answered), citations),
        citation_support=_ratio(sum(1 for r in answered if r["cited_supporting"]), len(answered)),
        citation_recall=_ratio(sum(r["citation_recall"] for r in answered), len(answered)),
        refusal_precision=_ratio(sum(1 for r in refused if r["unanswerable"]), len(refused)),
        refusal_recall=_ratio(sum(1 for r in unanswerable if r["refused"]), len(unanswerable)),
        latency_p50_ms=percentile(latencies, 50),
        latency_p95_ms=percentile(latencies, 95),
    )
    return summary


def split(records: list[dict], key: str) -> dict[str, dict]:
    """summarize() per value of `key` (lang, kind), values sorted."""
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(str(record[key]), []).append(record)
    return {value: summarize(groups[value]) for value in sorted(groups)}


def severity(record: dict) -> int:
    """How bad a miss is: a crash, then a confident wrong answer, then a wrong answer citing the right clause,
    then a refusal of an answerable question (or no answer)."""
    if record["correct"]:
        return 0
    if record.get("error"):
        return 5
    if record["answered_unanswerable"]:
        return 4
    if record["answered"] and not record["cited_supporting"]:
        return 4
    if record["answered"]:
        return 3
    return 2


def worst_misses(records: list[dict], n: int = WORST) -> list[dict]:
    """The n worst wrong answers: by severity, then by how far the clause was from the top of the ranking."""
    misses = [(i, r) for i, r in enumerate(records) if not r["correct"]]

    def key(pair: tuple[int, dict]):
        index, record = pair
        rank = record["retrieval_rank"]
        return (-severity(record), -(rank if rank is not None else 10**6), index)

    return [
        {
            "id": r["id"],
            "q": r["q"],
            "lang": r["lang"],
            "kind": r["kind"],
            "unanswerable": r["unanswerable"],
            "answer": r["answer"],
            "refused": r["refused"],
            "missing_all": r["missing_all"],
            "retrieval_rank": r["retrieval_rank"],
            "cited": [c["locator"] for c in r["citations"]],
            "error": r.get("error", ""),
        }
        for _, r in sorted(misses, key=key)[:n]
    ]


def score(records: list[dict]) -> dict:
    """Everything the report shows for one system."""
    return {
        "overall": summarize(records),
        "by_lang": split(records, "lang"),
        "by_kind": split(records, "kind"),
        "worst": worst_misses(records),
    }


# --- drafting ------------------------------------------------------------------------------------


def judge_draft(item: DraftItem, text: str | None, citations: list[dict], latency_ms: float | None = None,
                error: str = "") -> dict:
    """A draft reply is correct when it contains every `must_all` and at least one `must_any`."""
    missing_all = [m for m in item.must_all if not contains(text, m)]
    any_ok = not item.must_any or contains_any(text, item.must_any)
    quotes = [c.get("quote", "") for c in citations]
    return {
        "id": item.id,
        "inquiry": item.inquiry,
        "draft": text,
        "citations": [{"locator": c.get("locator", ""), "source": c.get("source", ""), "quote": c.get("quote", "")}
                      for c in citations],
        "correct": text is not None and any_ok and not missing_all,
        "missing_all": missing_all,
        "missing_any": not any_ok,
        "cited_supporting": any(supports(q, item.clause) for q in quotes) if item.clause else None,
        # on the inquiry's own ground: every citation from the document it is about
        "own_ground": all(c.get("source", "") == item.doc for c in citations) if item.doc else None,
        "latency_ms": None if latency_ms is None else round(float(latency_ms), 1),
        "error": error,
    }


def summarize_drafts(records: list[dict]) -> dict:
    with_clause = [r for r in records if r["cited_supporting"] is not None]
    with_doc = [r for r in records if r.get("own_ground") is not None]
    latencies = [r["latency_ms"] for r in records if r["latency_ms"] is not None]
    return {
        "n": len(records),
        "errors": sum(1 for r in records if r["error"]),
        "accuracy": _ratio(sum(r["correct"] for r in records), len(records)),
        "citation_support": _ratio(sum(1 for r in with_clause if r["cited_supporting"]), len(with_clause)),
        "own_ground": _ratio(sum(1 for r in with_doc if r["own_ground"]), len(with_doc)),
        "latency_p50_ms": percentile(latencies, 50),
        "latency_p95_ms": percentile(latencies, 95),
    }
