"""The HTTP API, on the same server as the page.

    POST /api/ask     {"question", "kb"?, "history"?}   → Answer.to_dict() (= `app.py ask --json`)
    POST /api/draft   {"inquiry", "kb"?}                → `app.py draft --json`
    POST /api/ingest  multipart, field "files" (?kb=)   → IngestReport.to_dict() (= `app.py ingest --json`)
    GET  /api/docs    ?kb=                              → `app.py docs --json`
    GET  /api/tasks   ?unit= &doc= &kb=                 → `app.py tasks --json`
    GET  /api/kbs                                       → {"default", "kbs"}

Errors are JSON {"error": "..."}: 400 bad request (missing field, wrong
type, bad JSON, JSON nested too deeply, a history too long), 401 (auth on,
credentials missing or wrong), 403 (a data-changing request from another
site, `ui.same_origin`), 404 unknown knowledge base, 405 any other method,
413 upload or body too large (`ui.body_limits`), 415 file type not allowed,
429 too many failed logins (`ui.login_throttle`), 503 the vector store
cannot be reached. With auth on, every route needs HTTP basic auth with the
app's credentials.

`register_gradio_api()` adds the same ask/draft as Gradio API endpoints
(`/ask`, `/draft`) for gradio_client.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets

import gradio as gr
from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Route
from starlette.formparsers import MultiPartException, MultiPartParser
from starlette.datastructures import UploadFile

from qa.conversation import history_turns
from settings import Settings
from ui.chat import answer_question
from ui.common import (
    MAX_UPLOAD_FILES,
    KnowledgeBases,
    UserError,
    check_upload,
    error_message,
    max_upload_bytes,
    save_upload,
)
from ui.asgi_reply import DRAIN_LIMIT
from ui.body_limits import MULTIPART_OVERHEAD
from ui.draft import draft_dict, draft_reply
from vectorstore.chroma_store import StoreError


class _TooLarge(Exception):
    pass


def error(message: str, status: int = 400, headers: dict | None = None) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status, headers=headers)


# --- request parsing ------------------------------------------------------------------------------------


async def _drain(stream, expect_continue: bool) -> None:
    if expect_continue:  # the client waits for "100 Continue" before sending: just answer
        return
    seen = 0
    try:
        async for chunk in stream:
            seen += len(chunk)
            if seen > DRAIN_LIMIT:
                break
    except Exception:
        pass


async def json_body(request: Request, max_bytes: int) -> dict:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > max_bytes:
        raise UserError(f"the body is over {max_bytes // 1024} KB", status=413)
    chunks, total = [], 0
    async for chunk in request.stream():
        total += len(chunk)
        if total > max_bytes:
            raise UserError(f"the body is over {max_bytes // 1024} KB", status=413)
        chunks.append(chunk)
    raw = b"".join(chunks)
    if not raw.strip():
        raise UserError("send a JSON object as the body")
    try:
        body = json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise UserError(f"the body is not valid JSON: {exc}") from None
    except RecursionError:  # ui.body_limits refuses it first; this is the last line of defence
        raise UserError("the JSON is nested too deeply") from None
    if not isinstance(body, dict):
        raise UserError("the body must be a JSON object")
    return body


def required_text(body: dict, name: str) -> str:
    if name not in body or body[name] is None:
        raise UserError(f"missing field '{name}'")
    value = body[name]
    if not isinstance(value, str):
        raise UserError(f"'{name}' must be a string, not {type(value).__name__}")
    if not value.strip():
        raise UserError(f"'{name}' is empty")
    return value


def optional_kb(value) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise UserError(f"'kb' must be a string, not {type(value).__name__}")
    return KnowledgeBases.check_name(value)


def optional_history(value, settings: Settings) -> list[dict] | None:
    """The conversation so far — earlier questions, or earlier answer objects as /api/ask returned them (their
    "about" carries the state) — checked: at most `history_max_turns` turns, each within its caps (else 400)."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise UserError("'history' must be a list of {\"question\", \"answer\"} objects (or answers as returned)")
    if len(value) > settings.history_max_turns:
        raise UserError(f"'history' has {len(value)} turns; send at most the last {settings.history_max_turns}")
    try:
        turns = history_turns(value, "history", max_turns=settings.history_max_turns)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    for n, turn in enumerate(turns):
        for field, cap in (("question", settings.history_max_question_chars), ("answer", settings.history_max_answer_chars)):
            if len(turn.get(field, "")) > cap:
                raise UserError(f"'history[{n}].{field}' has {len(turn[field]):,} characters; at most {cap:,} are allowed")
    return turns[-10:]


async def upload_form(request: Request, per_file_cap: int):
    content_type = request.headers.get("content-type", "")
    if not content_type.lower().startswith("multipart/form-data"):
        raise UserError("send multipart/form-data with the files in the field 'files'")
    limit = per_file_cap * MAX_UPLOAD_FILES + MULTIPART_OVERHEAD
    expect_continue = request.headers.get("expect", "").lower() == "100-continue"
    stream = request.stream()

    async def limited():
        total = 0
        async for chunk in stream:
            total += len(chunk)
            if total > limit:
                raise _TooLarge
            yield chunk

    declared = request.headers.get("content-length")
    try:
        if declared and declared.isdigit() and int(declared) > limit:
            raise _TooLarge
        parser = MultiPartParser(request.headers, limited(), max_files=MAX_UPLOAD_FILES, max_fields=10)
        return await parser.parse()
    except _TooLarge:
        await _drain(stream, expect_continue)
        raise UserError(f"the upload is too large (at most {MAX_UPLOAD_FILES} files of {per_file_cap // 1024} KB each)",
                        status=413) from None
    except MultiPartException as exc:
        raise UserError(f"bad multipart upload: {exc}") from None


# --- the app ---------------------------------------------------------------------------------------------------


def create_api(kbs: KnowledgeBases, auth: tuple[str, str] | None = None) -> FastAPI:
    """A FastAPI app with the /api routes; `ui.web` mounts the Gradio page on it at "/"."""
    settings = kbs.settings

    async def require_auth(request: Request) -> None:
        if auth and not _authorized(request, auth):
            raise StarletteHTTPException(401, "authentication required (HTTP basic auth)",
                                         headers={"WWW-Authenticate": 'Basic realm="PolicyDesk"'})

    # Every route registered on this app (not the mounted Gradio app, which has its own login) needs auth.
    app = FastAPI(title="PolicyDesk", docs_url=None, redoc_url=None, openapi_url=None,
                  dependencies=[Depends(require_auth)])

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(str(exc.detail), exc.status_code, getattr(exc, "headers", None))

    async def guarded(work, *args):
        try:
            return await run_in_threadpool(work, *args)
        except UserError as exc:
            return error(str(exc), exc.status)
        except StoreError as exc:  # the vector store is down or unreachable: try again later
            return error(error_message(exc), 503)
        except Exception as exc:
            return error(error_message(exc), 400 if isinstance(exc, ValueError) else 500)

    @app.post("/api/ask")
    async def api_ask(request: Request):
        try:
            body = await json_body(request, settings.max_json_bytes)
            question = required_text(body, "question")
            kb = optional_kb(body.get("kb"))
            history = optional_history(body.get("history"), settings)
        except UserError as exc:
            return error(str(exc), exc.status)
        return await guarded(lambda: answer_question(kbs, question, kb, history).to_dict())

    @app.post("/api/draft")
    async def api_draft(request: Request):
        try:
            body = await json_body(request, settings.max_json_bytes)
            inquiry = required_text(body, "inquiry")
            kb = optional_kb(body.get("kb"))
        except UserError as exc:
            return error(str(exc), exc.status)
        return await guarded(lambda: draft_dict(inquiry, draft_reply(kbs, kb, inquiry.strip())))

    @app.post("/api/ingest")
    async def api_ingest(request: Request):
        cap = max_upload_bytes(settings)
        try:
            form = await upload_form(request, cap)
            kb_name = optional_kb(request.query_params.get("kb") or form.get("kb")) or kbs.default
            files = form.getlist("files")
            if not files:
                raise UserError("missing field 'files' (multipart, one or more files)")
            if not all(isinstance(f, UploadFile) for f in files):
                raise UserError("'files' must be file uploads, not text fields")
            names = [check_upload(f.filename, f.size or 0, settings) for f in files]
        except UserError as exc:
            return error(str(exc), exc.status)

        def work():
            folder = kbs.upload_dir(kb_name)
            paths = [save_upload(folder, name, f.file) for name, f in zip(names, files)]
            kb = kbs.get(kb_name, create=True)
            with kbs.writer(kb_name):
                return kb.ingest(paths, progress=False).to_dict()

        try:
            return await guarded(work)
        finally:
            for f in files:
                await f.close()

    @app.get("/api/docs")
    async def api_docs(kb: str | None = None):
        def work():
            return [d.to_dict() for d in kbs.get(optional_kb(kb)).documents()]

        return await guarded(work)

    @app.get("/api/tasks")
    async def api_tasks(unit: str | None = None, doc: str | None = None, kb: str | None = None):
        def work():
            return kbs.get(optional_kb(kb)).tasks(unit=unit or None, doc=doc or None)

        return await guarded(work)

    @app.get("/api/kbs")
    async def api_kbs():
        return await guarded(lambda: {"default": kbs.default, "kbs": kbs.names()})

    methods = {"ask": "POST", "draft": "POST", "ingest": "POST", "docs": "GET", "tasks": "GET", "kbs": "GET"}

    async def api_unknown(scope, receive, send):
        # Registered last, for every method: only what the routes above did not take (an unknown path,
        # or the wrong method: HEAD, OPTIONS, PUT, PROPFIND … — none of it reaches the page's routes).
        # A plain ASGI callable, because Starlette limits a function endpoint without methods to GET.
        request = Request(scope, receive)
        rest = request.path_params["rest"]
        if auth and not _authorized(request, auth):
            response = error("authentication required (HTTP basic auth)", 401, {"WWW-Authenticate": 'Basic realm="PolicyDesk"'})
        elif rest in methods:
            response = error(f"use {methods[rest]} for /api/{rest}", 405, {"Allow": methods[rest]})
        else:
            response = error(f"no such endpoint /api/{rest}; see ui/README.md", 404)
        await response(scope, receive, send)

    app.router.routes.append(Route("/api/{rest:path}", _AsgiEndpoint(api_unknown), methods=None, include_in_schema=False))

    return app


class _AsgiEndpoint:
    """An ASGI callable that Starlette routes every method to (it only wraps plain functions as GET)."""

    def __init__(self, handler):
        self.handler = handler

    async def __call__(self, scope, receive, send):
        await self.handler(scope, receive, send)


def _authorized(request: Request, auth: tuple[str, str]) -> bool:
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "basic":
        return False
    try:
        user, _, password = base64.b64decode(value.strip(), validate=True).decode("utf-8").partition(":")
    except (binascii.Error, UnicodeDecodeError):
        return False
    return secrets.compare_digest(user.encode(), auth[0].encode()) & secrets.compare_digest(password.encode(), auth[1].encode())


# --- the same through Gradio's API (gradio_client) -----------------------------------------------------


def register_gradio_api(kbs: KnowledgeBases) -> None:
    """Call inside the Blocks: /ask and /draft return the same JSON as the HTTP API."""

    def ask(question: str, kb: str = "", history: list = None) -> dict:  # noqa: RUF013 (Gradio reads the hints)
        try:
            return answer_question(kbs, required_text({"question": question}, "question"), optional_kb(kb),
                                   optional_history(history, kbs.settings)).to_dict()
        except Exception as exc:
            raise gr.Error(error_message(exc), print_exception=False)

    def draft(inquiry: str, kb: str = "") -> dict:
        try:
            text = required_text({"inquiry": inquiry}, "inquiry")
            return draft_dict(text, draft_reply(kbs, optional_kb(kb), text.strip()))
        except Exception as exc:
            raise gr.Error(error_message(exc), print_exception=False)

    gr.api(ask, api_name="ask", api_description="Answer a question with cited clauses (Answer.to_dict()).")
    gr.api(draft, api_name="draft", api_description="Draft a reply to an enterprise's inquiry.")
