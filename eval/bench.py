"""Benchmarks at knowledge-base sizes of N× the bundled corpus (not part of CI).

    python -m eval bench [--sizes 1,100,1000] [--out DIR] [--questions 50]

For each size N the bundled documents are replicated N times as files in a
temporary folder — copy 0 unchanged, copy i with its city name replaced and a
distinct sentence appended, so every copy is a distinct document with distinct
chunks — and measured in a fresh process (so peak RSS is that size's own):

- ingest: seconds, clauses/s and chunks/s into a fresh knowledge base; beside
  it the encoder's raw passages/s (embed_documents on 512 of the same chunk
  texts in this process, no Chroma, no parsing; the best of RAW_PASSES passes)
- unchanged re-ingest: a second ingest of the same files (embeds nothing)
- add 1% more documents: 1% of the documents (at least one) of the next copy written
  into the folder and the folder ingested again: seconds, their share of the full
  ingest, and how many chunks the keyword index tokenised for it; then one document
  removed again (seconds, chunks tokenised)
- warm ask latency p50/p95 over gold questions, after one warm-up question
- keyword-index load: seconds to load the saved BM25 index from disk, and its size
- peak RSS of that process (resource.getrusage, ru_maxrss)

then, in another fresh process, cold start to first answer: interpreter
start, imports, opening the knowledge base, first answer; then the web app
(`python app.py serve`) on that knowledge base with CLIENTS concurrent HTTP
clients each asking PER_CLIENT questions on loopback: latency p50/p95 per
request, errors, requests/s.

Writes bench.json, bench.md (with the machine: nproc, CPU model, RAM) and bench.png.
"""

from __future__ import annotations

import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from settings import BUNDLED_CORPUS, PROJECT_DIR

CITIES = ("枣庄", "杭州", "武汉", "广州")
REPLACEMENTS = (
    "济南", "青岛", "淄博", "烟台", "潍坊", "济宁", "泰安", "威海", "日照", "临沂", "德州", "聊城", "滨州", "菏泽",
    "东营", "宁波", "温州", "嘉兴", "湖州", "绍兴", "金华", "衢州", "台州", "丽水", "宜昌", "襄阳", "荆州", "黄石",
    "十堰", "孝感", "珠海", "佛山", "东莞", "中山", "江门", "惠州", "汕头", "湛江", "肇庆", "清远",
)
DEFAULT_QUESTIONS = 50
RAW_PASSES = 3  # passes of the encoder over the sample; its raw rate is the best one's
CLIENTS = 20  # concurrent HTTP clients against /api/ask
PER_CLIENT = 10  # questions each client asks, one after another


# --- the replicated corpus --------------------------------------------------------------------------


def replacement_city(copy: int) -> str:
    name = REPLACEMENTS[(copy - 1) % len(REPLACEMENTS)]
    round_ = (copy - 1) // len(REPLACEMENTS)
    return name if round_ == 0 else f"{name}{round_ + 1}区"


def corpus_sources(corpus_dir: Path = BUNDLED_CORPUS) -> list[Path]:
    return sorted(p for p in corpus_dir.iterdir() if p.suffix == ".txt")


def replicate_corpus(copies: int, target: Path, corpus_dir: Path = BUNDLED_CORPUS, first: int = 0,
                     limit: int | None = None) -> list[Path]:
    """Write `copies` copies of every bundled document into target; copy 0 is the original text.
    `first`: number the copies from there on; `limit`: write at most that many files."""
    target.mkdir(parents=True, exist_ok=True)
    sources = corpus_sources(corpus_dir)
    written = []
    for copy in range(first, first + copies):
        for source in sources:
            text = source.read_text(encoding="utf-8")
            if copy:
                city = replacement_city(copy)
                text = re.sub("|".join(CITIES), city, text)
                text = text.rstrip("\n") + f"\n本文件为容量测试第{copy}号副本，适用于{city}。\n"
            path = target / f"{source.stem}__copy{copy:04d}.txt"
            path.write_text(text, encoding="utf-8")
            written.append(path)
            if limit is not None and len(written) >= limit:
                return written
    return written


# --- the answer function --------------------------------------------------------------------------


def answer_function(kb):
    """qa.chain.ask when it exists, else the hybrid retriever's top hit (label says which)."""
    try:
        from qa.chain import ask
    except ImportError:
        from vectorstore.retriever import HybridRetriever

        retriever = HybridRetriever(kb=kb)
        return (lambda q: retriever.search(q)), "vectorstore.retriever.HybridRetriever.search (qa.chain not available)"
    return (lambda q: ask(kb, q)), "qa.chain.ask"


def bench_questions(n: int) -> list[str]:
    from eval.gold import load_gold

    items = load_gold(sorted((PROJECT_DIR / "eval" / "gold").glob("*.jsonl")))
    if n >= len(items):
        return [i.q for i in items]
    step = len(items) / n
    return [items[int(i * step)].q for i in range(n)]


def _percentile(values: list[float], p: float) -> float | None:
    from eval.metrics import percentile

    return percentile(values, p)


# --- one size, in its own process ---------------------------------------------------------------


def measure_size(files_dir: str, data_dir: str, questions: list[str]) -> dict:
    """Ingest, re-ingest, encoder throughput, warm latency and peak RSS (run in a fresh process)."""
    from settings import Settings
    from vectorstore.knowledge_base import KnowledgeBase

    settings = Settings(data_dir=Path(data_dir))
    kb = KnowledgeBase(settings)
    kb.embeddings.embed_documents(["预热"])  # load the model outside the timed ingest
    started = time.perf_counter()
    first = kb.ingest([files_dir], progress=False)
    ingest_s = time.perf_counter() - started
    documents = kb.documents()
    clauses = sum(d.clauses for d in documents)

    started = time.perf_counter()
    second = KnowledgeBase(settings).ingest([files_dir], progress=False)
    reingest_s = time.perf_counter() - started

    # 1% more documents (of the next copy), into the same folder, ingested with the folder
    copies = len(list(Path(files_dir).iterdir())) // len(corpus_sources())
    more = max(1, round(len(documents) / 100))
    added = replicate_corpus(1, Path(files_dir), first=copies, limit=more)
    started = time.perf_counter()
    third = kb.ingest([files_dir], progress=False)
    add_s = time.perf_counter() - started
    started = time.perf_counter()
    removed = kb.remove(added[0].name)
    remove_s = time.perf_counter() - started
    added[0].unlink()

    from vectorstore.bm25 import KeywordIndex

    keyword_dir = settings.kb_dir / "bm25"
    started = time.perf_counter()
    KeywordIndex.load(keyword_dir)
    keyword_load_s = time.perf_counter() - started
    keyword_mb = sum(p.stat().st_size for p in keyword_dir.rglob("*") if p.is_file()) / 1e6

    from vectorstore.records import text_from_chroma

    got = kb.collection.get(limit=512, include=["documents", "metadatas"])
    sample = [text_from_chroma(m, d) for m, d in zip(got["metadatas"], got["documents"])]
    size = settings.embed_batch_size
    encoder_s = None
    for _ in range(RAW_PASSES):  # the best pass: the encoder's rate swings by 15% between runs on this machine
        started = time.perf_counter()
        for start in range(0, len(sample), size):
            kb.embeddings.embed_documents(sample[start : start + size])
        encoder_s = min(encoder_s or float("inf"), time.perf_counter() - started)

    answer, label = answer_function(kb)
    from qa.chain import warm_up

    warm_up(kb)  # what the web app does at start-up
    answer(questions[0])
    latencies = []
    for question in questions:
        started = time.perf_counter()
        answer(question)
        latencies.append((time.perf_counter() - started) * 1000)

    return {
        "documents": len(documents),
        "clauses": clauses,
        "chunks": first.chunks,
        "failed": len(first.failed),
        "ingest_s": ingest_s,
        "clauses_per_s": clauses / ingest_s if ingest_s else None,
        "chunks_per_s": first.embedded / ingest_s if ingest_s else None,
        "encoder_passages_per_s": len(sample) / encoder_s if encoder_s else None,
        "reingest_s": reingest_s,
        "reingest_embedded": second.embedded,
        "add_documents": len(added),
        "add_s": add_s,
        "add_share": add_s / ingest_s if ingest_s else None,
        "add_embedded": third.embedded,
        "add_tokenized": getattr(third, "tokenized", None),
        "remove_documents": len(removed),
        "remove_s": remove_s,
        "remove_tokenized": getattr(kb.keyword_index(), "tokenized", None),
        "keyword_load_s": keyword_load_s,
        "keyword_index_mb": keyword_mb,
        "questions": len(questions),
        "ask_p50_ms": _percentile(latencies, 50),
        "ask_p95_ms": _percentile(latencies, 95),
        "answer_function": label,
        "embedder": kb.embedder_spec,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


_WORKER = (
    "import json, sys; from eval.bench import measure_size; "
    "print('BENCH ' + json.dumps(measure_size(**json.loads(sys.argv[1]))))"
)
_COLD = (
    "import sys; from settings import Settings; from vectorstore.knowledge_base import KnowledgeBase; "
    "from eval.bench import answer_function; from pathlib import Path; "
    "kb = KnowledgeBase(Settings(data_dir=Path(sys.argv[1]))); answer, _ = answer_function(kb); answer(sys.argv[2]); "
    "print('BENCH answered')"
)


def _python(code: str, *args: str) -> tuple[str, float]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT_DIR, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"benchmark process failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = [line for line in done.stdout.splitlines() if line.startswith("BENCH ")]
    if not lines:
        raise RuntimeError(f"benchmark process printed no result:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return lines[-1][len("BENCH "):], elapsed


OCR_CODE = """
import json, resource, sys, time
from pathlib import Path
from eval.scans import cjk_font, png_bytes, render_pages
from ingest import ocr
text = Path(sys.argv[1]).read_text(encoding="utf-8")
pages = [png_bytes(p) for p in render_pages(text, cjk_font())][: int(sys.argv[2])]
ocr.recognise(png_bytes(render_pages("预热", cjk_font(), footer=None, page=(400, 200))[0]))  # models loaded first
cpu, wall = time.process_time(), time.perf_counter()
texts = ocr.read_pages(pages)
cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
print("BENCH " + json.dumps({"ocr_pages": len(pages), "ocr_chars": sum(map(len, texts)), "ocr_wall_s": wall, "ocr_cpu_s": cpu,
                             "ocr_pages_per_s": len(pages) / wall, "ocr_cpu_s_per_page": cpu / len(pages),
                             "ocr_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def measure_ocr(pages: int) -> dict:
    """OCR throughput and memory: the reference plan set as A4 page images (150 dpi, a CJK font; eval.scans),
    its first `pages` pages read by ingest.ocr in a fresh process with no OCR cache, after the models are loaded."""
    from eval.scans import cjk_font

    if cjk_font() is None:
        raise RuntimeError("no CJK font for the page images: install Debian's fonts-noto-cjk")
    result, _ = _python(OCR_CODE, str(BUNDLED_CORPUS / "zaozhuang_rd_innovation_plan_2022.txt"), str(pages))
    return json.loads(result)


def measure_concurrency(data_dir: Path, questions: list[str], clients: int = CLIENTS,
                        per_client: int = PER_CLIENT) -> dict:
    """The web app on this knowledge base; `clients` threads each POST `per_client` questions to /api/ask."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    from ui.testing import running_app

    def one_client(n: int) -> list[tuple[int, float]]:
        results = []
        with httpx.Client(base_url=url, timeout=600, trust_env=False) as http:
            for i in range(per_client):
                question = questions[(n * per_client + i) % len(questions)]
                started = time.perf_counter()
                try:
                    status = http.post("/api/ask", json={"question": question}).status_code
                except httpx.HTTPError:
                    status = 0
                results.append((status, (time.perf_counter() - started) * 1000))
        return results

    with running_app(data_dir, timeout=1200) as url:
        with httpx.Client(base_url=url, timeout=600, trust_env=False) as http:
            http.post("/api/ask", json={"question": questions[0]})  # warm-up
        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = [r for batch in pool.map(one_client, range(clients)) for r in batch]
        elapsed = time.perf_counter() - started
    latencies = [ms for status, ms in results if status == 200]
    return {
        "concurrent_clients": clients,
        "concurrent_requests": len(results),
        "concurrent_errors": sum(1 for status, _ in results if status != 200),
        "concurrent_p50_ms": _percentile(latencies, 50),
        "concurrent_p95_ms": _percentile(latencies, 95),
        "concurrent_rps": len(results) / elapsed if elapsed else None,
    }


def bench_size(copies: int, questions: list[str], tmp_root: Path | None = None, keep: bool = False) -> dict:
    work = Path(tempfile.mkdtemp(prefix=f"policydesk-bench-{copies}x-", dir=tmp_root))
    try:
        files = replicate_corpus(copies, work / "files")
        data_dir = work / "data"
        payload = json.dumps({"files_dir": str(work / "files"), "data_dir": str(data_dir), "questions": questions},
                             ensure_ascii=False)
        output, _ = _python(_WORKER, payload)
        row = {"size": copies, "files": len(files), **json.loads(output)}
        _, row["cold_start_s"] = _python(_COLD, str(data_dir), questions[0])
        row.update(measure_concurrency(data_dir, questions))
        row["load_1min"] = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
        return row
    finally:
        if keep:
            print(f"bench: kept {work} (files/, data/)", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


# --- the machine and the report -----------------------------------------------------------------------


def machine() -> dict:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram_gb = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    nproc = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return {"nproc": nproc, "cpu": cpu, "ram_gb": ram_gb, "python": platform.python_version(),
            "platform": platform.platform()}


COLUMNS = (
    ("size", "size (× corpus)", "{:d}×"),
    ("documents", "documents", "{:,d}"),
    ("clauses", "clauses", "{:,d}"),
    ("chunks", "chunks", "{:,d}"),
    ("ingest_s", "ingest (s)", "{:,.1f}"),
    ("clauses_per_s", "ingest clauses/s", "{:,.1f}"),
    ("encoder_passages_per_s", "encoder passages/s (raw)", "{:,.1f}"),
    ("reingest_s", "unchanged re-ingest (s)", "{:,.2f}"),
    ("add_documents", "documents added (1%)", "{:,d}"),
    ("add_s", "add 1% (s)", "{:,.1f}"),
    ("add_share", "add 1% / full ingest", "{:.1%}"),
    ("add_tokenized", "chunks tokenised for the 1%", "{:,d}"),
    ("remove_s", "remove 1 document (s)", "{:,.2f}"),
    ("ask_p50_ms", "warm ask p50 (ms)", "{:,.0f}"),
    ("ask_p95_ms", "warm ask p95 (ms)", "{:,.0f}"),
    ("keyword_load_s", "keyword-index load (s)", "{:,.2f}"),
    ("cold_start_s", "cold start to first answer (s)", "{:,.1f}"),
    ("concurrent_p50_ms", f"{CLIENTS} HTTP clients p50 (ms)", "{:,.0f}"),
    ("concurrent_p95_ms", f"{CLIENTS} HTTP clients p95 (ms)", "{:,.0f}"),
    ("concurrent_errors", "HTTP errors", "{:d}"),
    ("peak_rss_mb", "peak RSS (MB)", "{:,.0f}"),
    ("load_1min", "load avg (1 min)", "{:.1f}"),
)


def render_markdown(rows: list[dict], info: dict) -> str:
    ram = f"{info['ram_gb']:.1f} GB" if info.get("ram_gb") else "unknown"
    lines = [
        "# PolicyDesk benchmarks",
        "",
        f"- machine: {info['nproc']} CPUs ({info['cpu']}), {ram} RAM, Python {info['python']}, {info['platform']}",
    ]
    if rows:
        lines += [
            f"- embedder: `{rows[0]['embedder']}`; answers: `{rows[0]['answer_function']}`; "
            f"warm latency over {rows[0]['questions']} gold questions",
        ]
    lines += [
        "- size N× = the bundled corpus replicated N times (distinct city name and sentence per copy); "
        "each size measured in a fresh process; times are wall clock, so compare rows only at a low load average "
        f"(the machine has {info['nproc']} CPUs)",
        f"- HTTP clients: the web app on that knowledge base, {CLIENTS} concurrent clients × {PER_CLIENT} questions "
        "each to /api/ask on loopback; latency per request",
    ]
    if info.get("ocr"):
        o = info["ocr"]
        lines += [f"- OCR (ingest.ocr, RapidOCR on the CPU): {o['ocr_pages']} A4 page image(s) of the reference plan at 150 dpi, "
                  f"{o['ocr_pages_per_s']:.2f} pages/s ({o['ocr_cpu_s_per_page']:.1f} s of CPU a page), "
                  f"peak RSS {o['ocr_peak_rss_mb']:.0f} MB with the models loaded"]
    lines += [
        "",
        "| " + " | ".join(c[1] for c in COLUMNS) + " |",
        "|" + "---:|" * len(COLUMNS),
    ]
    for row in rows:
        cells = []
        for key, _, pattern in COLUMNS:
            value = row.get(key)
            cells.append("n/a" if value is None else pattern.format(value))
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def render_chart(rows: list[dict], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    chunks = [r["chunks"] for r in rows]
    fig, axes = plt.subplots(2, 2, figsize=(10, 7))
    panels = (
        (axes[0][0], [("clauses_per_s", "ingest clauses/s"), ("encoder_passages_per_s", "encoder passages/s")], "per second"),
        (axes[0][1], [("ask_p50_ms", "warm ask p50"), ("ask_p95_ms", "warm ask p95"),
                      ("concurrent_p50_ms", f"{CLIENTS} HTTP clients p50"), ("concurrent_p95_ms", f"{CLIENTS} HTTP clients p95")],
         "ms"),
        (axes[1][0], [("cold_start_s", "cold start"), ("reingest_s", "unchanged re-ingest")], "s"),
        (axes[1][1], [("peak_rss_mb", "peak RSS")], "MB"),
    )
    for ax, series, unit in panels:
        for key, label in series:
            ax.plot(chunks, [r.get(key) or 0 for r in rows], marker="o", label=label)
        ax.set_xlabel("chunks in the knowledge base")
        ax.set_ylabel(unit)
        if len(rows) > 1 and max(chunks) / max(1, min(chunks)) > 20:
            ax.set_xscale("log")
        ax.set_ylim(bottom=0)
        ax.legend(fontsize=8)
        ax.grid(alpha=0.3)
    fig.suptitle("PolicyDesk benchmarks")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def run_bench(sizes: list[int], out_dir: str | Path, questions: int = DEFAULT_QUESTIONS, progress=print,
              keep: bool = False, ocr_pages: int = 0) -> list[dict]:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    asked = bench_questions(questions)
    info = machine()
    if ocr_pages:
        progress(f"bench: OCR of {ocr_pages} page image(s) …")
        info["ocr"] = measure_ocr(ocr_pages)
        progress("  " + ", ".join(f"{k}={v:.2f}" if isinstance(v, float) else f"{k}={v}" for k, v in info["ocr"].items()))
    rows = []
    for copies in sizes:
        progress(f"bench: {copies}× the bundled corpus …")
        rows.append(bench_size(copies, asked, keep=keep))
        progress("  " + ", ".join(f"{k}={v:.1f}" if isinstance(v, float) else f"{k}={v}" for k, v in rows[-1].items()
                                  if k not in ("answer_function", "embedder")))
        # written after every size, so a long run keeps what it has measured
        (out / "bench.json").write_text(json.dumps({"machine": info, "rows": rows}, ensure_ascii=False, indent=2) + "\n",
                                        encoding="utf-8")
        (out / "bench.md").write_text(render_markdown(rows, info), encoding="utf-8")
        render_chart(rows, out / "bench.png")
    return rows
