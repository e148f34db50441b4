"""report.json, report.md and report.png from a report dict (see runner.build_report).

    report["primary"]            the system under test ("ours", or the answers file for `score`)
    report["systems"][name]      {"overall", "by_lang", "by_kind", "worst"} (metrics.score)
    report["drafts"]             {"overall", "misses"} when drafting inquiries were scored
"""

from __future__ import annotations

import json
from pathlib import Path

from eval.metrics import HEADLINE, LOWER_IS_BETTER

LABELS = {
    "accuracy": "answer accuracy (all)",
    "accuracy_answerable": "answer accuracy (answerable)",
    "accuracy_unanswerable": "answer accuracy (unanswerable)",
    "hit@1": "retrieval hit@1",
    "hit@3": "retrieval hit@3",
    "hit@5": "retrieval hit@5",
    "mrr": "retrieval MRR",
    "citation_precision": "citation precision",
    "citation_support": "citation support",
    "citation_recall": "citation recall",
    "refusal_precision": "refusal precision",
    "refusal_recall": "refusal recall",
    "latency_p50_ms": "latency p50",
    "latency_p95_ms": "latency p95",
}
SPLIT_COLUMNS = ("n", "accuracy", "hit@5", "mrr", "citation_support", "refusal_recall", "latency_p50_ms")


def fmt(metric: str, value) -> str:
    if value is None:
        return "n/a"
    if metric.endswith("_ms"):
        return f"{value:,.0f} ms" if value >= 10 else f"{value:.1f} ms"
    if metric in ("n", "answerable", "unanswerable", "errors", "missing"):
        return str(value)
    if metric == "mrr":
        return f"{value:.3f}"
    return f"{100 * value:.1f}%"


def margin(metric: str, ours, other) -> str:
    if ours is None or other is None:
        return "n/a"
    diff = ours - other
    if metric.endswith("_ms"):
        better = diff < 0
        text = f"{diff:+,.0f} ms"
    elif metric == "mrr":
        better = diff > 0
        text = f"{diff:+.3f}"
    else:
        better = diff > 0
        text = f"{100 * diff:+.1f} pts"
    if abs(diff) < 1e-12:
        return text
    return f"{text} {'✓' if better else '✗'}"


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _short(text, limit: int = 90) -> str:
    if text is None:
        return "(no answer)"
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def headline_table(report: dict) -> list[str]:
    systems = report["systems"]
    primary = report["primary"]
    others = [name for name in systems if name != primary]
    header = ["metric", primary] + others + [f"margin vs {o}" for o in others]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for metric in report.get("headline", HEADLINE):
        ours = systems[primary]["overall"].get(metric)
        row = [LABELS.get(metric, metric), fmt(metric, ours)]
        row += [fmt(metric, systems[o]["overall"].get(metric)) for o in others]
        row += [margin(metric, ours, systems[o]["overall"].get(metric)) for o in others]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _split_table(report: dict, key: str) -> list[str]:
    systems = report["systems"]
    primary = report["primary"]
    others = [name for name in systems if name != primary]
    header = [key.removeprefix("by_")] + [LABELS.get(c, c) for c in SPLIT_COLUMNS] + [f"accuracy ({o})" for o in others]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for value, summary in systems[primary][key].items():
        row = [value] + [fmt(c, summary.get(c)) for c in SPLIT_COLUMNS]
        row += [fmt("accuracy", systems[o][key].get(value, {}).get("accuracy")) for o in others]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _why(miss: dict) -> str:
    if miss.get("error"):
        return f"error: {miss['error']}"
    if miss["unanswerable"]:
        return "answered an unanswerable question"
    if miss["refused"]:
        return "refused an answerable question"
    if miss["answer"] is None:
        return "no answer"
    parts = []
    if miss.get("missing_all"):
        parts.append("missing " + "、".join(miss["missing_all"]))
    else:
        parts.append("expected answer not in it")
    rank = miss.get("retrieval_rank")
    parts.append(f"clause at rank {rank}" if rank else "clause not retrieved")
    return "; ".join(parts)


def render_markdown(report: dict) -> str:
    meta = report.get("meta", {})
    gold = meta.get("gold", {})
    primary = report["primary"]
    overall = report["systems"][primary]["overall"]
    lines = ["# PolicyDesk evaluation", ""]
    facts = [f"created {meta.get('created', '')}"]
    if gold:
        facts.append(
            f"{gold['questions']} questions ({gold['answerable']} answerable, {gold['unanswerable']} unanswerable; "
            f"{gold['zh']} zh, {gold['en']} en)"
        )
    for key in ("gold_files", "corpus", "kb", "embedder", "llm", "commit", "answers"):
        if meta.get(key):
            value = meta[key]
            facts.append(f"{key}: {', '.join(map(str, value)) if isinstance(value, list) else value}")
    if meta.get("load_average"):
        facts.append("load average (1/5/15 min) at the end: " + " / ".join(map(str, meta["load_average"]))
                     + " — latency is wall clock, so a busy machine inflates it")
    lines += ["- " + f for f in facts]
    if overall.get("errors"):
        lines.append(f"- **{overall['errors']} question(s) raised an error** (counted wrong; see results.jsonl)")
    if meta.get("unanswered"):
        lines.append(f"- {meta['unanswered']} gold question(s) had no answer line (counted wrong)")
    if meta.get("unmatched_lines"):
        lines.append(f"- {len(meta['unmatched_lines'])} answer line(s) matched no gold question")
    lines += ["", "## Headline", ""] + headline_table(report)
    if "baseline" in report["systems"]:
        lines += [
            "",
            "Baseline: the LangChain tutorial pipeline (1000/200-character chunks, same embedder, top-4 similarity "
            "search, answer = top chunk, never refuses). Its hit@5 is over its 4 retrieved chunks.",
        ]
    lines += ["", "## By language", ""] + _split_table(report, "by_lang")
    lines += ["", "## By kind", ""] + _split_table(report, "by_kind")
    if "drafts" in report:
        d = report["drafts"]["overall"]
        lines += [
            "", "## Drafted replies", "",
            "| inquiries | accuracy | citation support | on the inquiry's document | latency p50 | latency p95 |",
            "|---|---|---|---|---|---|",
            f"| {d['n']} | {fmt('accuracy', d['accuracy'])} | {fmt('citation_support', d['citation_support'])} | "
            f"{fmt('citation_support', d.get('own_ground'))} | "
            f"{fmt('latency_p50_ms', d['latency_p50_ms'])} | {fmt('latency_p95_ms', d['latency_p95_ms'])} |",
        ]
        for miss in report["drafts"]["misses"]:
            missing = "、".join(miss["missing_all"]) or "none of must_any"
            lines.append(f"- `{miss['id']}` {_short(miss['inquiry'], 60)} — missing {missing}")
    worst = report["systems"][primary]["worst"]
    lines += ["", f"## Worst misses ({primary})", ""]
    if not worst:
        lines.append("None: every answer was correct.")
    else:
        lines += ["| id | question | answer | why |", "|---|---|---|---|"]
        for miss in worst:
            answer = "(refused) " + _short(miss["answer"], 60) if miss["refused"] else _short(miss["answer"])
            lines.append(f"| {_cell(miss['id'])} | {_cell(_short(miss['q'], 70))} | {_cell(answer)} | {_cell(_why(miss))} |")
    lines += [
        "",
        "## Definitions",
        "",
        "- answer accuracy: answerable — not refused, contains ≥1 of answer_any and all of answer_all; "
        "unanswerable — refused. Text is compared ignoring whitespace, case and full-/half-width punctuation.",
        "- hit@k / MRR: rank of the first retrieved chunk whose quote contains a gold clause substring (answerable questions).",
        "- citation precision: supporting citations / all citations; citation support: answered answerable questions "
        "with ≥1 supporting citation; citation recall: share of the clause substrings found in the citations.",
        "- refusal precision: refused questions that were unanswerable; refusal recall: unanswerable questions refused.",
        "- latency: wall clock per question, nearest-rank percentiles.",
        "",
    ]
    return "\n".join(lines)


def render_chart(report: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    systems = report["systems"]
    names = list(systems)
    fractions = [m for m in report.get("headline", HEADLINE) if m not in LOWER_IS_BETTER]
    latencies = [m for m in report.get("headline", HEADLINE) if m in LOWER_IS_BETTER]
    fig, (left, right) = plt.subplots(1, 2, figsize=(13, 4.8), gridspec_kw={"width_ratios": [4, 1]})
    width = 0.8 / max(1, len(names))
    colors = ["#1f77b4", "#b0b0b0", "#ff7f0e", "#2ca02c"]
    for i, name in enumerate(names):
        overall = systems[name]["overall"]
        values = [overall.get(m) for m in fractions]
        xs = [x + (i - (len(names) - 1) / 2) * width for x in range(len(fractions))]
        bars = left.bar(xs, [v or 0 for v in values], width, label=name, color=colors[i % len(colors)])
        for bar, value in zip(bars, values):
            label = "n/a" if value is None else f"{value:.2f}"
            left.annotate(label, (bar.get_x() + bar.get_width() / 2, bar.get_height()), ha="center", va="bottom",
                          fontsize=7, xytext=(0, 2), textcoords="offset points")
        lat = [overall.get(m) for m in latencies]
        xs = [x + (i - (len(names) - 1) / 2) * width for x in range(len(latencies))]
        right.bar(xs, [v or 0 for v in lat], width, label=name, color=colors[i % len(colors)])
    left.set_xticks(range(len(fractions)), [LABELS.get(m, m).replace("retrieval ", "") for m in fractions],
                    rotation=30, ha="right", fontsize=8)
    left.set_ylim(0, 1.1)
    left.set_ylabel("higher is better")
    left.legend(loc="upper right", fontsize=8)
    left.set_title("Headline metrics")
    right.set_xticks(range(len(latencies)), [LABELS.get(m, m) for m in latencies], fontsize=8)
    right.set_ylabel("ms (lower is better)")
    right.set_title("Latency")
    fig.tight_layout()
    fig.savefig(path, dpi=120)
    plt.close(fig)


def write_report(report: dict, out_dir: str | Path) -> dict[str, Path]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "png": out / "report.png"}
    paths["json"].write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    paths["md"].write_text(render_markdown(report), encoding="utf-8")
    render_chart(report, paths["png"])
    return paths
