"""Cross-site requests: only the server's own pages (or no browser at all) may change data.

A page on another origin can make the visitor's browser send a form post or
a `fetch` to the app (the browser attaches the login cookie too). Browsers
say where such a request comes from in `Origin` (or, failing that,
`Referer`), so every request that can change something (any method but GET,
HEAD and OPTIONS) whose Origin/Referer names another origin than the Host it
was sent to is refused with 403 before it reaches a route: the HTTP API
(/api/ingest …) and all of Gradio's own routes (/gradio_api/upload,
queue/join, call/*, /login) alike. A request with neither header (curl, the
CLI, gradio_client) is not a browser's cross-site request and passes. CORS
stays closed: no Access-Control-Allow-Origin is ever granted to a foreign
origin (Gradio's CORS middleware only grants it to the server's own).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from ui.asgi_reply import refuse

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def _origin_of(url: str) -> tuple[str, str, int] | None:
    """(scheme, host, port) of an Origin or Referer value; None when it names no origin ("null", junk)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def _host_of(host_header: str) -> tuple[str, int | None] | None:
    try:
        parts = urlsplit("//" + host_header.strip())
        return (parts.hostname or "").lower(), parts.port
    except ValueError:
        return None


def is_same_origin(origin: str, host_header: str, trusted: tuple[str, ...] = ()) -> bool:
    """Whether `origin` (an Origin header, or a Referer URL) is the origin the request's Host names, or a trusted one."""
    named = _origin_of(origin)
    if named is None:
        return False
    if any(_origin_of(t) == named for t in trusted):
        return True
    host = _host_of(host_header)
    if host is None or not host[0]:
        return False
    scheme, hostname, port = named
    # A Host without a port was sent to the scheme's default port (e.g. https behind a proxy).
    return hostname == host[0] and port == (host[1] or DEFAULT_PORTS[scheme])


def cross_site_source(method: str, headers: dict[str, str], trusted: tuple[str, ...] = ()) -> str | None:
    """The foreign origin a data-changing request comes from, or None when it may pass."""
    if method.upper() in SAFE_METHODS:
        return None
    source = headers.get("origin") or headers.get("referer")
    if source is None:
        return None
    if is_same_origin(source, headers.get("host", ""), trusted):
        return None
    return source.strip() or "an empty origin"


class SameOriginMiddleware:
    """ASGI middleware: 403 {"error"} for a data-changing request from another origin (see the module doc)."""

    def __init__(self, app, trusted_origins: tuple[str, ...] = ()):
        self.app = app
        self.trusted = tuple(trusted_origins)

    async def __call__(self, scope, receive, send):
        if scope["type"] not in ("http", "websocket"):
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        method = scope.get("method", "GET") if scope["type"] == "http" else "WEBSOCKET"
        source = cross_site_source(method, headers, self.trusted)
        if source is None:
            return await self.app(scope, receive, send)
        if scope["type"] == "websocket":
            return await send({"type": "websocket.close", "code": 1008})
        await refuse(scope, receive, send, 403, f"cross-site request refused: it comes from {source[:200]}, "
                                                "not from this server's own page")
