"""Start the real app in a subprocess on a free port (for the tests and for scripts).

    with running_app(tmp_dir / "data") as url:
        httpx.get(url + "/api/docs")

The app ingests the bundled documents on its first start before it opens the
port, so this waits for the port (up to `timeout` seconds) and fails with
the server's log if the process dies first.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PROJECT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _environment(extra: dict[str, str] | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYDESK_")}
    env.update({"GRADIO_ANALYTICS_ENABLED": "False", "PYTHONUNBUFFERED": "1", "NO_PROXY": "127.0.0.1,localhost"})
    env.update(extra or {})
    return env


@contextmanager
def running_app(data_dir: Path, *, auth: str | None = None, env: dict[str, str] | None = None,
                timeout: float = 240.0) -> Iterator[str]:
    """Yield the base URL (http://127.0.0.1:PORT) of a started app; stop it afterwards."""
    data_dir = Path(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [sys.executable, str(PROJECT / "app.py"), "serve", "--port", str(port), "--data-dir", str(data_dir)]
    if auth:
        command += ["--auth", auth]
    log_path = data_dir / f"server-{port}.log"
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=PROJECT, stdout=log, stderr=subprocess.STDOUT, env=_environment(env))
    try:
        deadline = time.monotonic() + timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"the app exited with {process.returncode}:\n{log_path.read_text(encoding='utf-8')[-4000:]}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"the app did not open port {port} in {timeout:.0f}s:\n"
                                       f"{log_path.read_text(encoding='utf-8')[-4000:]}") from None
                time.sleep(0.3)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=15)


def server_log(data_dir: Path) -> str:
    """The logs of the apps started on this data directory (for failure messages)."""
    return "\n".join(p.read_text(encoding="utf-8")[-4000:] for p in sorted(Path(data_dir).glob("server-*.log")))
