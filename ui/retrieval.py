"""Retrieval test: a query → the ranked clauses with their dense, keyword and fused scores.

`HybridRetriever.search()` as it is, without the QA chain's rewriting: what
the retrievers see and how reciprocal rank fusion ranks it.
"""

from __future__ import annotations

import gradio as gr

from ui.common import KnowledgeBases, esc, esc_lines, page_error
from vectorstore.records import Hit
from vectorstore.retriever import HybridRetriever


def search_hits(kbs: KnowledgeBases, kb_name: str | None, query: str, k: int | None = None) -> list[Hit]:
    query = (query or "").strip()
    if not query:
        raise ValueError("type a query first")
    kb = kbs.get(kb_name)
    retriever = HybridRetriever(kb=kb, k=int(k or kb.settings.search_k))
    return retriever.search(query[:2000])


def _score(value: float | None, rank: int | None, digits: int) -> str:
    if value is None:
        return '<span class="pd-dim">—</span>'
    return f"{value:.{digits}f}" + (f' <span class="pd-dim">#{rank}</span>' if rank else "")


def render_hits(hits: list[Hit]) -> str:
    if not hits:
        return '<p class="pd-dim">No matching clauses.</p>'
    rows = []
    for n, hit in enumerate(hits, 1):
        rows.append(
            f"<tr><td class='pd-rank'>{n}</td>"
            f"<td><details class='pd-cite'><summary>《{esc(hit.doc_title)}》 <span class='pd-loc'>§{esc(hit.locator)}</span> {esc(hit.title)}</summary>"
            f"<div class='pd-path'>{esc(hit.heading_path)}</div><blockquote class='pd-quote'>{esc_lines(hit.quote)}</blockquote></details></td>"
            f"<td class='pd-num'>{_score(hit.dense_score, hit.dense_rank, 3)}</td>"
            f"<td class='pd-num'>{_score(hit.keyword_score, hit.keyword_rank, 2)}</td>"
            f"<td class='pd-num'><strong>{hit.score:.4f}</strong></td></tr>"
        )
    return (
        "<table class='pd-hits'><thead><tr><th>#</th><th>Clause</th><th>Dense (cosine)</th><th>Keyword (BM25)</th>"
        "<th>Fused (RRF)</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
    )


def build_retrieval_tab(kbs: KnowledgeBases, kb_selector: gr.Dropdown) -> dict:
    gr.Markdown("The hybrid retriever on its own: dense (embedding cosine) and keyword (BM25) rankings fused by "
                "reciprocal rank fusion. `#n` is the clause's rank in that retriever; — means it was not among its candidates.",
                elem_classes=["pd-hint"])
    with gr.Row(equal_height=True):
        query = gr.Textbox(show_label=False, placeholder="首台套装备推广由谁负责 / first-set equipment", scale=6, elem_id="pd-search")
        k = gr.Slider(1, 20, value=kbs.settings.search_k, step=1, label="Clauses", scale=2, elem_id="pd-search-k")
        go = gr.Button("Search 检索", variant="primary", scale=1, elem_id="pd-search-btn", min_width=110)
    results = gr.HTML("", elem_id="pd-hits")

    def run(kb_name, text, k_value):
        try:
            return render_hits(search_hits(kbs, kb_name, text, k_value))
        except Exception as exc:
            raise page_error(exc) from None

    go.click(run, [kb_selector, query, k], results, api_name="search")
    query.submit(run, [kb_selector, query, k], results, api_visibility="private")
    return {"results": results}
