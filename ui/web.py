"""The web app: `python app.py` (or `python app.py serve --host --port --auth`).

One server (uvicorn) carries the Gradio page at "/" and the HTTP API under
"/api/" (`ui.api`). The page has five tabs, one module each: Chat
(`ui.chat`), Documents (`ui.documents`), Responsibilities (`ui.tasks`),
Draft reply (`ui.draft`) and Retrieval test (`ui.retrieval`). They all call
the library; nothing here parses documents or answers questions.

On first start the bundled documents are ingested into the empty default
knowledge base, with progress in the terminal, before the port opens. Uploads
that an earlier run saved but did not ingest (it crashed in between) are
ingested then too, and listed.
Binding anything but loopback requires --auth user:password (or
POLICYDESK_AUTH); the page then shows a login form and the API wants HTTP
basic auth with the same credentials. Gradio analytics are off.
"""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path

import settings as _settings  # noqa: F401  (offline environment, GRADIO_ANALYTICS_ENABLED=False)
import gradio as gr

from qa.chain import warm_up
from settings import BUNDLED_CORPUS, Settings
from ui.api import create_api, register_gradio_api
from ui.body_limits import BodyLimitMiddleware
from ui.chat import build_chat_tab
from ui.common import KnowledgeBases, error_message, max_upload_bytes
from ui.documents import build_documents_tab, summary
from ui.login_throttle import LoginThrottle, LoginThrottleMiddleware
from ui.draft import build_draft_tab
from ui.retrieval import build_retrieval_tab
from ui.same_origin import SameOriginMiddleware
from ui.tasks import build_tasks_tab
from vectorstore.knowledge_base import KnowledgeBase

CSS_FILE = os.path.join(os.path.dirname(__file__), "style.css")


class StartupError(Exception):
    pass


def is_loopback(host: str) -> bool:
    if host in ("localhost",):
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def parse_auth(auth: str | None) -> tuple[str, str] | None:
    if not auth:
        return None
    user, sep, password = auth.partition(":")
    if not sep or not user or not password:
        raise StartupError("--auth must be user:password (both non-empty)")
    return user, password


def ensure_bundled_documents(kb: KnowledgeBase) -> None:
    if kb.count() == 0:
        print(f"First run: ingesting the bundled documents from {BUNDLED_CORPUS} …", flush=True)
        report = kb.ingest([BUNDLED_CORPUS], progress=True)
        print(f"{len(report.added)} documents, {report.chunks} chunks ready.", flush=True)


def resume_uploads(kbs: KnowledgeBases) -> None:
    """Uploads a crash left saved but not ingested are ingested now, each listed with its outcome."""
    for name, report in kbs.resume_uploads().items():
        paths = report.added + report.updated + report.unchanged + [f["path"] for f in report.failed]
        print(f"Resumed {len(paths)} upload(s) into knowledge base '{name}' that an earlier run saved but "
              "did not ingest:", flush=True)
        for path in paths:
            print(f"  {Path(path).name}: {report.outcome(path)}", flush=True)


def theme() -> gr.themes.Base:
    # Local fonts only: the default theme would fetch web fonts, and the app runs offline.
    return gr.themes.Soft(
        primary_hue="red", secondary_hue="slate", neutral_hue="slate",
        font=["system-ui", "-apple-system", "Segoe UI", "Noto Sans CJK SC", "Microsoft YaHei", "sans-serif"],
        font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"],
    )


def build_app(kbs: KnowledgeBases) -> gr.Blocks:
    # Gradio's cached files (uploads not yet ingested, copies of exports) go after temp_max_age_seconds.
    age = max(1, int(kbs.settings.temp_max_age_seconds))
    with gr.Blocks(title="PolicyDesk · 政策问答", analytics_enabled=False, delete_cache=(min(age, 300), age)) as app:
        with gr.Row(elem_id="pd-header", equal_height=True):
            gr.HTML(
                "<div class='pd-brand'><div class='pd-logo'>政</div><div><div class='pd-title'>PolicyDesk"
                "<span class='pd-title-zh'>政策问答</span></div><div class='pd-sub'>Cited answers from government policy "
                "documents · 每个回答都注明依据条款</div></div></div>",
                elem_id="pd-brand",
            )
            with gr.Column(scale=0, min_width=300):
                kb_selector = gr.Dropdown(choices=kbs.names(), value=kbs.default, label="Knowledge base · 知识库",
                                          elem_id="pd-kb", interactive=True)
                status = gr.Markdown("", elem_id="pd-status")

        with gr.Tabs(elem_id="pd-tabs"):
            with gr.Tab("Chat · 问答", id="chat", elem_id="pd-tab-chat"):
                chat = build_chat_tab(kbs, kb_selector)
            with gr.Tab("Documents · 文件", id="documents", elem_id="pd-tab-documents"):
                documents = build_documents_tab(kbs, kb_selector)
            with gr.Tab("Responsibilities · 责任分工", id="tasks", elem_id="pd-tab-tasks"):
                tasks = build_tasks_tab(kbs, kb_selector)
            with gr.Tab("Draft reply · 答复草稿", id="draft", elem_id="pd-tab-draft"):
                build_draft_tab(kbs, kb_selector)
            with gr.Tab("Retrieval test · 检索测试", id="retrieval", elem_id="pd-tab-retrieval"):
                build_retrieval_tab(kbs, kb_selector)
        register_gradio_api(kbs)

        def status_of(kb_name):
            try:
                return summary(kbs, kb_name)
            except Exception as exc:
                return f"⚠ {error_message(exc)}"

        def refresh_all(kb_name):
            return (status_of(kb_name), *documents["refresh"](kb_name), *tasks["refresh"](kb_name))

        refresh_outputs = [status, *documents["refresh_outputs"], *tasks["refresh_outputs"]]

        def on_load(kb_name):
            names = kbs.names()
            kb_name = kb_name if kb_name in names else kbs.default
            return gr.update(choices=names, value=kb_name), *refresh_all(kb_name)

        def switch(kb_name):
            return (*refresh_all(kb_name), *chat["reset"](), documents["clear_results"]())

        app.load(on_load, kb_selector, [kb_selector, *refresh_outputs], api_visibility="private")
        kb_selector.change(switch, kb_selector, [*refresh_outputs, chat["chatbot"], chat["turns"], chat["question"],
                                                 documents["results"]],
                           api_visibility="private", trigger_mode="always_last")
        for event in documents["changed"]:
            event.then(refresh_all, kb_selector, refresh_outputs, api_visibility="private")
    return app


def create_server(settings: Settings, auth: tuple[str, str] | None = None, kbs: KnowledgeBases | None = None):
    """The ASGI app: the HTTP API at /api, the page at /.

    Every request, to the API or to Gradio's own routes, first passes (outermost first): the
    cross-site check (`ui.same_origin`, 403), the login back-off (`ui.login_throttle`, 429) and the
    body caps (`ui.body_limits`, 413/400)."""
    kbs = kbs or KnowledgeBases(settings)
    server = create_api(kbs, auth)
    with open(CSS_FILE, encoding="utf-8") as handle:
        css = handle.read()
    server = gr.mount_gradio_app(
        server, build_app(kbs), path="/", auth=auth, auth_message="PolicyDesk · 政策问答",
        footer_links=["api"], show_error=False, max_file_size=max_upload_bytes(settings), theme=theme(), css=css,
        mcp_server=False, ssr_mode=False,
    )
    server.add_middleware(BodyLimitMiddleware, settings=settings)  # added last = outermost
    server.add_middleware(LoginThrottleMiddleware, throttle=LoginThrottle.from_settings(settings))
    server.add_middleware(SameOriginMiddleware, trusted_origins=settings.trusted_origins)
    return server


def serve(settings: Settings, host: str = "127.0.0.1", port: int = 7860, auth: str | None = None) -> int:
    auth = auth or os.environ.get("POLICYDESK_AUTH")
    if not is_loopback(host) and not auth:
        raise StartupError(f"refusing to bind {host} without authentication: pass --auth user:password or set POLICYDESK_AUTH")
    credentials = parse_auth(auth)
    kbs = KnowledgeBases(settings)
    ensure_bundled_documents(kbs.get(settings.kb))
    resume_uploads(kbs)
    warm_up(kbs.get(settings.kb))
    server = create_server(settings, credentials, kbs)

    import uvicorn

    shown = f"[{host}]" if ":" in host else host
    print(f"PolicyDesk on http://{shown}:{port}  (API: http://{shown}:{port}/api/…)" + ("  — login required" if credentials else ""),
          flush=True)
    uvicorn.run(server, host=host, port=port, log_level="warning", timeout_graceful_shutdown=3)
    return 0
