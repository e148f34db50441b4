"""Answering a request from an ASGI middleware, before any route sees it: a JSON error, the body drained.

The middlewares in `ui.same_origin`, `ui.body_limits` and `ui.login_throttle`
refuse requests with `{"error": "…"}` like every route of the HTTP API.
A client still sending its body when the answer comes (a large upload)
would see a broken connection instead of the answer, so the rest of the
body is read and dropped first (up to `DRAIN_LIMIT`), unless the client
waits for "100 Continue" before sending it.
"""

from __future__ import annotations

import json

DRAIN_LIMIT = 256 * 1024 * 1024
"""An unwanted body is read (and dropped) up to this much so the client gets its answer cleanly."""


def header(scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return value.decode("latin-1")
    return None


async def drain(scope, receive, already_done: bool = False) -> None:
    if already_done or (header(scope, b"expect") or "").lower() == "100-continue":
        return
    seen = 0
    while seen <= DRAIN_LIMIT:
        message = await receive()
        if message["type"] != "http.request":
            return
        seen += len(message.get("body", b""))
        if not message.get("more_body", False):
            return


async def refuse(scope, receive, send, status: int, message: str, headers: dict[str, str] | None = None,
                 body_read: bool = False) -> None:
    """Send `status` with {"error": message} (after draining the request body unless `body_read`)."""
    await drain(scope, receive, body_read)
    body = json.dumps({"error": message}, ensure_ascii=False).encode("utf-8")
    raw = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    raw += [(k.lower().encode("latin-1"), str(v).encode("latin-1")) for k, v in (headers or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})
