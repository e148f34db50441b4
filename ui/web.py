"""The Gradio web app: `python app.py` (or `python app.py serve --host --port`).

On first start the bundled documents are ingested into an empty knowledge
base, with progress shown in the terminal. Binding anything but loopback
requires --auth user:password (or POLICYDESK_AUTH).
"""

from __future__ import annotations

import html
import ipaddress
import os

import gradio as gr

from settings import BUNDLED_CORPUS, Settings
from vectorstore.knowledge_base import KnowledgeBase
from vectorstore.retriever import HybridRetriever


class StartupError(Exception):
    pass


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def ensure_bundled_documents(kb: KnowledgeBase) -> None:
    if kb.count() == 0:
        print(f"First run: ingesting the bundled documents from {BUNDLED_CORPUS} …", flush=True)
        report = kb.ingest([BUNDLED_CORPUS], progress=True)
        print(f"{len(report.added)} documents, {report.chunks} chunks ready.", flush=True)


def render_hits(hits) -> str:
    if not hits:
        return "<p>No matching clauses.</p>"
    rows = []
    for n, hit in enumerate(hits, 1):
        rows.append(
            f"<details {'open' if n == 1 else ''}><summary>[{n}] {html.escape(hit.doc_title)} §{html.escape(hit.locator)} "
            f"{html.escape(hit.title)} — score {hit.score:.4f}</summary><blockquote>{html.escape(hit.quote)}</blockquote></details>"
        )
    return "\n".join(rows)


def build_app(kb: KnowledgeBase) -> gr.Blocks:
    retriever = HybridRetriever(kb=kb, k=kb.settings.search_k)

    def search(query: str):
        if not query or not query.strip():
            return "<p>Type a question or keywords.</p>"
        return render_hits(retriever.search(query.strip()[:2000]))

    with gr.Blocks(title="PolicyDesk") as app:
        gr.Markdown("# PolicyDesk\nSearch the policy documents; every result is a clause with its locator.")
        query = gr.Textbox(label="Question or keywords", placeholder="谁负责首台(套)重大技术装备推广？ / who leads the first-set equipment task?")
        button = gr.Button("Search", variant="primary")
        results = gr.HTML()
        gr.Examples(["谁负责首台(套)重大技术装备推广？", "科技型中小企业的目标是多少家？", "Who leads the first-set equipment task?"], inputs=query)
        button.click(search, query, results)
        query.submit(search, query, results)
    return app


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None) -> int:
    auth = auth or os.environ.get("POLICYDESK_AUTH")
    if not is_loopback(host) and not auth:
        raise StartupError(f"refusing to bind {host} without authentication: pass --auth user:password or set POLICYDESK_AUTH")
    kb = KnowledgeBase(settings)
    ensure_bundled_documents(kb)
    credentials = tuple(auth.split(":", 1)) if auth else None
    build_app(kb).launch(server_name=host, server_port=port, auth=credentials, show_error=False)
    return 0
