"""What every page and the HTTP API share: the knowledge bases, safe HTML, uploads, errors.

The app is a thin layer over the library: everything here either calls
`vectorstore.KnowledgeBase` or turns its results into escaped HTML.
"""

from __future__ import annotations

import hashlib
import html
import logging
import os
import re
import tempfile
import threading
import unicodedata
from pathlib import Path

from settings import Settings
from vectorstore.chroma_store import KB_NAME, StoreError, kb_from_collection
from ingest.loaders import SUPPORTED_SUFFIXES
from vectorstore.knowledge_base import IngestReport, KnowledgeBase

log = logging.getLogger("policydesk.ui")

MAX_UPLOAD_FILES = 20
"""Files in one upload (one API request or one click)."""
ALLOWED_SUFFIXES = SUPPORTED_SUFFIXES  # the formats ingestion can read: one list, in ingest.loaders


def max_upload_bytes(settings: Settings) -> int:
    """The upload cap per file: settings.max_upload_bytes (env POLICYDESK_MAX_UPLOAD_BYTES)."""
    return int(settings.max_upload_bytes)


def allowed_suffixes(settings: Settings) -> tuple[str, ...]:
    return tuple(s for s in settings.allowed_suffixes if s in ALLOWED_SUFFIXES) or ALLOWED_SUFFIXES


class UserError(Exception):
    """A problem the user can fix; the message says what. `status` is the HTTP status for the API."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


# --- knowledge bases ------------------------------------------------------------------------------


class KnowledgeBases:
    """The knowledge bases under one data directory, opened once each, with one writer lock each.

    Only writes (ingest, remove, create) take the lock: reads never wait for an
    upload. They answer from the last committed state (the library keeps the
    keyword index of the last commit while a write is under way, and its search
    leaves out chunks that are not committed yet).
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self.default = settings.kb
        self._open: dict[str, KnowledgeBase] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._guard = threading.Lock()

    @staticmethod
    def check_name(name) -> str:
        """The name itself, or UserError(400): never a name quietly trimmed into another one."""
        if isinstance(name, str) and name and name != name.strip():
            raise UserError(f"knowledge-base name {name!r} has spaces or control characters around it")
        if not isinstance(name, str) or not KB_NAME.fullmatch(name):
            raise UserError("knowledge-base names use letters, digits, '-' and '_' (start with a letter or digit, at most 63)")
        return name

    def names(self) -> list[str]:
        client = self.get(self.default).client
        names = {kb_from_collection(getattr(c, "name", c)) for c in client.list_collections()}
        names.discard(None)
        names.add(self.default)
        return sorted(names, key=lambda n: (n != self.default, n.lower()))

    def get(self, name: str | None = None, create: bool = False) -> KnowledgeBase:
        """An open knowledge base; UserError(404) for one that doesn't exist unless `create`."""
        name = self.check_name(name or self.default)
        with self._guard:
            if name in self._open:
                return self._open[name]
        exists = name == self.default or name in self.names()
        if not create and not exists:
            raise UserError(f"there is no knowledge base '{name}'", status=404)
        # Another existing knowledge base keeps the embedder it was built with; a new one gets the app's.
        settings = self.settings.with_(kb=name) if name == self.default or not exists else self.settings.with_(kb=name, embedder=None)
        with self._guard:
            if name not in self._open:
                self._open[name] = KnowledgeBase(settings)
                self._locks[name] = threading.Lock()
            return self._open[name]

    def create(self, name) -> KnowledgeBase:
        name = self.check_name(name)
        kb = self.get(name, create=True)
        with self.writer(name):
            kb.count()  # creates the collection
        return kb

    def writer(self, name: str | None = None) -> threading.Lock:
        """The lock a write to this knowledge base holds (in this process; the library's file lock covers
        other processes). Reads take none."""
        name = name or self.default
        self.get(name)
        return self._locks[name]

    def upload_dir(self, name: str) -> Path:
        return self.settings.data_dir / "uploads" / self.check_name(name)

    def pending_uploads(self) -> dict[str, list[Path]]:
        """Uploads saved but never ingested (the app stopped in between), per knowledge base: files under
        <data-dir>/uploads/<kb>/ that no document lists among its sources."""
        root = self.settings.data_dir / "uploads"
        pending: dict[str, list[Path]] = {}
        for folder in sorted(p for p in root.iterdir() if p.is_dir()) if root.is_dir() else []:
            if not KB_NAME.match(folder.name):
                continue
            files = sorted(p for p in folder.iterdir() if p.is_file() and not p.name.startswith("."))
            if not files:
                continue
            kb = self.get(folder.name, create=True)
            known = {source for document in kb.documents() for source in document.sources}
            files = [p for p in files if str(p.resolve()) not in known]
            if files:
                pending[folder.name] = files
        return pending

    def resume_uploads(self) -> dict[str, "IngestReport"]:
        """Finish what a crash interrupted: delete half-saved uploads (`.name.part`) and ingest the saved
        ones that never were (see pending_uploads). Per knowledge base, the ingest's report."""
        root = self.settings.data_dir / "uploads"
        for partial in root.glob("*/.*.part") if root.is_dir() else []:
            partial.unlink(missing_ok=True)  # the client never got an answer for it: it was not uploaded
        reports = {}
        for name, files in self.pending_uploads().items():
            with self.writer(name):
                reports[name] = self.get(name).ingest(files, progress=False)
        return reports


# --- uploads ----------------------------------------------------------------------------------------------

_UNSAFE = re.compile(r"[^\w.\-()（）]+")


def safe_file_name(client_name: str | None, allowed: tuple[str, ...] = ALLOWED_SUFFIXES) -> str:
    """A file name we choose, from the client's: its last path part only, no dots in front, safe characters.

    Raises UserError(415) for a type that is not allowed.
    """
    raw = unicodedata.normalize("NFC", str(client_name or "")).replace("\\", "/").split("/")[-1]
    raw = raw.replace("\x00", "")
    stem, dot, suffix = raw.rpartition(".")
    suffix = ("." + suffix.lower()) if dot else ""
    if suffix not in allowed:
        shown = suffix or "no extension"
        raise UserError(f"{raw or 'the file'}: file type {shown} is not allowed (allowed: {' '.join(allowed)})", status=415)
    stem = _UNSAFE.sub("_", stem).strip("._ ") or "upload"
    return _shortened(stem, MAX_NAME_BYTES - len(suffix.encode())) + suffix


MAX_NAME_BYTES = 180
"""Saved upload names stay under this many UTF-8 bytes (file systems allow 255, and the
temporary `.<name>.part` needs room): 60 Chinese characters."""


def _shortened(stem: str, max_bytes: int) -> str:
    """`stem` if it fits in `max_bytes` UTF-8 bytes, else its start and a hash of the whole (so two
    long names that share a start stay two files)."""
    if len(stem.encode("utf-8")) <= max_bytes:
        return stem
    digest = "~" + hashlib.sha1(stem.encode("utf-8")).hexdigest()[:8]
    room = max_bytes - len(digest)
    cut = stem.encode("utf-8")[:room].decode("utf-8", errors="ignore")
    return cut + digest


def check_upload(name: str, size: int, settings: Settings) -> str:
    """The safe name for an upload of `size` bytes, or UserError (413 too large, 415 wrong type)."""
    safe = safe_file_name(name, allowed_suffixes(settings))
    cap = max_upload_bytes(settings)
    if size > cap:
        raise UserError(f"{Path(str(name)).name}: {human_size(size)} is over the upload limit of {human_size(cap)}", status=413)
    return safe


def save_upload(directory: Path, safe_name: str, data_source) -> Path:
    """Write an upload under `directory` (atomically) from bytes or a binary file object."""
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / safe_name
    assert target.resolve().parent == directory.resolve(), "upload name escaped its folder"
    partial = directory / f".{safe_name}.part"
    with open(partial, "wb") as out:
        if isinstance(data_source, (bytes, bytearray)):
            out.write(data_source)
        else:
            while chunk := data_source.read(1 << 20):
                out.write(chunk)
    os.replace(partial, target)
    return target


def export_dir(max_age_seconds: float | None = None) -> Path:
    """Where generated downloads (CSV, XLSX, DOCX) go: the system temp folder, which Gradio may serve.

    With `max_age_seconds` (Settings.temp_max_age_seconds), exports older than that are deleted first
    (those of earlier processes too)."""
    from ui.temp_files import sweep

    root = Path(tempfile.gettempdir()) / "policydesk-exports"
    path = root / str(os.getpid())
    if max_age_seconds is not None:
        sweep(root, max_age_seconds, keep=path)
    path.mkdir(parents=True, exist_ok=True)
    return path


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} bytes"


# --- errors -----------------------------------------------------------------------------------------------


def error_message(exc: BaseException) -> str:
    """What to tell the user about an exception: its message for known errors, never a stack trace."""
    from ingest.loaders import LoadError
    from vectorstore.embeddings import EmbedderError
    from vectorstore.knowledge_base import IngestLocked

    if isinstance(exc, (UserError, ValueError, StoreError, EmbedderError, IngestLocked, LoadError)):
        return str(exc) or type(exc).__name__
    log.exception("unexpected error in the web app")
    return f"Something went wrong ({type(exc).__name__}); the details are in the server log."


# --- notifications (Gradio renders their text as HTML: escape it) -------------------------------------


def page_error(problem: BaseException | str) -> "gr.Error":
    """A gr.Error to raise: the message (never a stack trace), escaped."""
    import gradio as gr

    message = problem if isinstance(problem, str) else error_message(problem)
    return gr.Error(html.escape(message), print_exception=False)


def notify(message: str, level: str = "info") -> None:
    import gradio as gr

    (gr.Warning if level == "warning" else gr.Info)(html.escape(message))


# --- safe HTML ---------------------------------------------------------------------------------------------

_ENTITIES = {ord(c): f"&#{ord(c)};" for c in "&<>\"'\\`*_{}[]()#+-!|~$"}


def esc(text) -> str:
    """Escape for HTML, and neutralise Markdown too (the chat renders Markdown around our HTML)."""
    return str(text if text is not None else "").translate(_ENTITIES)


def esc_lines(text) -> str:
    return "<br>".join(esc(line) for line in str(text or "").split("\n"))


def join_units(units: list[str]) -> str:
    return "、".join(units)
