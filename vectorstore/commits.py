"""Who writes a knowledge base, and how every other reader learns that it did.

One writer per knowledge base, in any number of processes: `WriterLock` is an
flock on `<kb_dir>/ingest.lock` (the kernel releases it when the holder exits,
even by kill -9); a second writer waits up to settings.lock_wait_seconds, then
is refused with the holder's PID.

Readers never take that lock. They learn of writes from the commit marker,
`<kb_dir>/commit`: a token the writer replaces when it starts writing (so a
writer killed half-way still leaves a changed marker) and again when it has
committed (chunks written, keyword index saved). A reader that sees a new
token reopens its view of the store once no writer holds the lock: the
embedded Chroma client caches the collection's vector index per process and
does not see another process's writes ("Error finding id" from a stale index),
so a reopen is the only way to read them.
"""

from __future__ import annotations

import fcntl
import os
import sys
import time
import uuid
from contextlib import contextmanager
from pathlib import Path


class IngestLocked(Exception):
    """Another ingest holds the knowledge base's lock."""


class WriterLock:
    """The knowledge base's one-writer lock (`<kb_dir>/ingest.lock`)."""

    def __init__(self, kb_dir: Path, kb: str):
        self.path = Path(kb_dir) / "ingest.lock"
        self.kb = kb

    @contextmanager
    def hold(self, wait_seconds: float):
        """Hold the lock; wait up to `wait_seconds` for another holder, then raise IngestLocked."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "a+") as handle:
            # At least a moment: a reader asking `held()` holds a shared lock for microseconds.
            deadline = time.monotonic() + max(wait_seconds, 0.25)
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        holder = self.holder()
                        waited = f" (waited {wait_seconds:g}s)" if wait_seconds > 0 else ""
                        raise IngestLocked(
                            f"another ingest{f' (process {holder})' if holder else ''} is writing to knowledge base "
                            f"'{self.kb}'{waited}; try again when it has finished (lock file {self.path})"
                        ) from None
                    if not told and wait_seconds > 0:
                        print(f"waiting for another ingest on knowledge base '{self.kb}' to finish…", file=sys.stderr, flush=True)
                        told = True
                    time.sleep(0.05 if wait_seconds <= 0 else 0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(str(os.getpid()))
            handle.flush()
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def held(self) -> bool:
        """Whether a writer (in any process, this one included) holds the lock right now."""
        try:
            with open(self.path, "rb") as handle:
                try:
                    fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(handle, fcntl.LOCK_UN)
                return False
        except FileNotFoundError:
            return False

    def holder(self) -> str:
        """The PID the holder wrote into the lock file, or ""."""
        try:
            text = self.path.read_text().strip()
        except OSError:
            return ""
        return text if text.isdigit() else ""


class CommitMarker:
    """`<kb_dir>/commit`: a token replaced by every write, read by every reader (a stat and a small read)."""

    def __init__(self, kb_dir: Path):
        self.path = Path(kb_dir) / "commit"

    def read(self) -> str:
        try:
            return self.path.read_text(encoding="utf-8").strip()
        except OSError:
            return ""

    def bump(self, state: str) -> str:
        """Replace the token (atomically); returns the new one. `state`: writing | committed."""
        token = f"{state} {os.getpid()} {uuid.uuid4().hex}"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.path.with_name(f".commit.{os.getpid()}.{uuid.uuid4().hex[:8]}")
        partial.write_text(token, encoding="utf-8")
        os.replace(partial, self.path)
        return token
