"""Login back-off: a client that keeps giving wrong passwords must wait before it may try again.

A login attempt is a POST to the page's `/login` (Gradio's form; 400 means
wrong credentials) or an `/api/*` request carrying an `Authorization`
header (401 means wrong credentials). After `Settings.login_max_failures`
failures in a row from one client (its IP address), that client's further
attempts get 429 `{"error"}` with `Retry-After` for
`Settings.login_lockout_seconds`; each further lockout doubles the wait, up
to `Settings.login_lockout_max_seconds`. Attempts refused this way are not
checked at all, so a right password during the wait is refused too; after
it, it works and clears the record. Requests without credentials (the page's
assets, an API call without auth when auth is off) are not attempts.

Behind a reverse proxy every client has the proxy's address, so they share
one record: raise the limits there, or let the proxy throttle.
"""

from __future__ import annotations

import math
import threading
import time
from dataclasses import dataclass

from settings import Settings
from ui.asgi_reply import header, refuse

LOGIN_PATHS = frozenset({"/login"})
MAX_CLIENTS = 10_000
"""Records kept at most; beyond this the ones no longer locked are forgotten first."""


@dataclass
class _Record:
    failures: int = 0
    lockouts: int = 0
    locked_until: float = 0.0


class LoginThrottle:
    """Failed logins per client, and how long each must wait. Thread-safe; `clock` is injectable."""

    def __init__(self, max_failures: int, lockout_seconds: float, max_lockout_seconds: float, clock=time.monotonic):
        self.max_failures = max(1, int(max_failures))
        self.lockout_seconds = float(lockout_seconds)
        self.max_lockout_seconds = max(float(max_lockout_seconds), self.lockout_seconds)
        self.clock = clock
        self._records: dict[str, _Record] = {}
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> "LoginThrottle":
        return cls(settings.login_max_failures, settings.login_lockout_seconds, settings.login_lockout_max_seconds)

    def wait_seconds(self, client: str) -> float:
        """How long `client` must still wait before its next attempt is checked (0: it may try now)."""
        with self._lock:
            record = self._records.get(client)
            return max(0.0, record.locked_until - self.clock()) if record else 0.0

    def failed(self, client: str) -> None:
        with self._lock:
            record = self._records.get(client)
            if record is None:
                self._forget_some()
                record = self._records[client] = _Record()
            record.failures += 1
            if record.failures >= self.max_failures:
                record.lockouts += 1
                wait = min(self.lockout_seconds * 2 ** (record.lockouts - 1), self.max_lockout_seconds)
                record.locked_until = self.clock() + wait
                record.failures = 0

    def succeeded(self, client: str) -> None:
        with self._lock:
            self._records.pop(client, None)

    def _forget_some(self) -> None:
        if len(self._records) < MAX_CLIENTS:
            return
        now = self.clock()
        for client in [c for c, r in self._records.items() if r.locked_until <= now][: MAX_CLIENTS // 2]:
            del self._records[client]
        while len(self._records) >= MAX_CLIENTS:
            del self._records[next(iter(self._records))]


def login_failure_status(scope) -> int | None:
    """The status meaning "wrong credentials" if this request is a login attempt, else None."""
    if scope["type"] != "http":
        return None
    path = scope.get("path", "").rstrip("/") or "/"
    if path in LOGIN_PATHS and scope.get("method") == "POST":
        return 400
    if path.startswith("/api/") and header(scope, b"authorization") is not None:
        return 401
    return None


class LoginThrottleMiddleware:
    """ASGI middleware: 429 with Retry-After for a locked client's login attempts; counts the outcomes of the others."""

    def __init__(self, app, throttle: LoginThrottle):
        self.app = app
        self.throttle = throttle

    async def __call__(self, scope, receive, send):
        failure = login_failure_status(scope)
        if failure is None:
            return await self.app(scope, receive, send)
        client = (scope.get("client") or ("unknown",))[0]
        wait = self.throttle.wait_seconds(client)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            return await refuse(scope, receive, send, 429, f"too many failed logins from {client}; try again in {seconds} s",
                                {"Retry-After": str(seconds)})
        status = None

        async def watched_send(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        await self.app(scope, receive, watched_send)
        if status == failure:
            self.throttle.failed(client)
        elif status is not None and (status < 400 or failure == 401):  # any answer but 401: the credentials were right
            self.throttle.succeeded(client)
