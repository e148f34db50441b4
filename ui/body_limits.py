"""What one request body may be, for every route on the server (the HTTP API and Gradio's own).

- An upload (`/api/ingest`, Gradio's `/gradio_api/upload`): at most
  `MAX_UPLOAD_FILES` files of `Settings.max_upload_bytes` each (plus the
  multipart overhead); each file keeps its own cap (checked by the route).
- Any other body (the API's JSON, Gradio's `/gradio_api/call/*` and
  `queue/join`, the login form): at most `Settings.max_json_bytes` (1 MB).
- A JSON body nested deeper than `Settings.max_json_depth`, or too deep for
  Python's parser (1,000 levels): 400.

Over a cap → 413 `{"error"}` before any route reads the body, so Gradio's
API cannot be sent 50 MB where the HTTP API takes 1 MB.
"""

from __future__ import annotations

import asyncio
import json

from settings import Settings
from ui.asgi_reply import header, refuse
from ui.common import MAX_UPLOAD_FILES, max_upload_bytes

UPLOAD_PATHS = frozenset({"/api/ingest", "/gradio_api/upload"})
SELF_CAPPED = frozenset({"/api/ingest"})
"""Upload routes that count a streamed body themselves (`ui.api.upload_form`)."""
MULTIPART_OVERHEAD = 64 * 1024
"""Room for the multipart headers and boundaries of an upload of the most files."""
BODYLESS_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def json_depth(value) -> int:
    """How deeply lists and objects nest in a parsed JSON value (a scalar is 0), without recursion."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            children = item.values()
        elif isinstance(item, list):
            children = item
        else:
            continue
        deepest = max(deepest, depth)
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


def too_deep(raw: bytes, max_depth: int) -> str | None:
    """Why a JSON body is refused for its nesting, or None (a body that is not JSON is left to the route)."""
    try:
        value = json.loads(raw)
    except RecursionError:
        return f"the JSON is nested too deeply (at most {max_depth} levels)"
    except (ValueError, UnicodeDecodeError):
        return None
    if json_depth(value) > max_depth:
        return f"the JSON is nested too deeply (at most {max_depth} levels)"
    return None


def upload_cap(settings: Settings) -> int:
    return max_upload_bytes(settings) * MAX_UPLOAD_FILES + MULTIPART_OVERHEAD


class BodyLimitMiddleware:
    """ASGI middleware enforcing the caps above (413 / 400 with {"error"})."""

    def __init__(self, app, settings: Settings):
        self.app = app
        self.body_cap = int(settings.max_json_bytes)
        self.upload_cap = upload_cap(settings)
        self.max_depth = int(settings.max_json_depth)
        self.cancel_grace = float(settings.upload_cancel_grace)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope["method"] in BODYLESS_METHODS:
            return await self.app(scope, receive, send)
        path = scope.get("path", "").rstrip("/") or "/"
        declared = header(scope, b"content-length")
        declared = int(declared) if declared and declared.isdigit() else None
        if path in UPLOAD_PATHS:
            if declared is not None and declared > self.upload_cap:
                return await refuse(scope, receive, send, 413, self._upload_message())
            if path in SELF_CAPPED:
                return await self.app(scope, receive, send)
            return await self._stream_capped(scope, receive, send)
        if declared is not None and declared > self.body_cap:
            return await refuse(scope, receive, send, 413, self._body_message())
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            chunk = message.get("body", b"")
            total += len(chunk)
            if total > self.body_cap:
                return await refuse(scope, receive, send, 413, self._body_message())
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        raw = b"".join(chunks)
        if raw.lstrip()[:1] in (b"[", b"{"):  # JSON whatever the Content-Type says (the API parses any body)
            problem = too_deep(raw, self.max_depth)
            if problem:
                return await refuse(scope, receive, send, 400, problem, body_read=True)
        replayed = False

        async def replay():
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": raw, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _stream_capped(self, scope, receive, send):
        """An upload without a (truthful) length: count its bytes; past the cap the route sees the client leave,
        and is cancelled if it has not stopped within `upload_cancel_grace` seconds."""
        total, over, started, body_done = 0, False, False, False

        async def counted():
            nonlocal total, over, body_done
            if over:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                total += len(message.get("body", b""))
                body_done = not message.get("more_body", False)
                if total > self.upload_cap:
                    over = True
                    return {"type": "http.disconnect"}
            return message

        async def watched_send(message):
            nonlocal started
            if message["type"] == "http.response.start" and not over:
                started = True
            if started:
                await send(message)

        passed = asyncio.Event()  # set once the count passes the cap

        async def counted_and_flagged():
            message = await counted()
            if over:
                passed.set()
            return message

        route = asyncio.ensure_future(self.app(scope, counted_and_flagged, watched_send))
        flag = asyncio.ensure_future(passed.wait())
        await asyncio.wait({route, flag}, return_when=asyncio.FIRST_COMPLETED)
        if not route.done():  # over the cap: the route was told the client left; it may not stop by itself
            await asyncio.wait({route}, timeout=self.cancel_grace)
            route.cancel()
        flag.cancel()
        try:
            await route
        except asyncio.CancelledError:
            pass
        except Exception:
            if not over:
                raise
        if over and not started:  # the body's last part may be what passed the cap: then nothing is left to drain
            await refuse(scope, receive, send, 413, self._upload_message(), body_read=body_done)

    def _upload_message(self) -> str:
        return (f"the upload is too large (at most {MAX_UPLOAD_FILES} files of "
                f"{(self.upload_cap - MULTIPART_OVERHEAD) // MAX_UPLOAD_FILES // 1024} KB each)")

    def _body_message(self) -> str:
        return f"the body is over {self.body_cap // 1024} KB"
