"""Chroma: embedded (PersistentClient under the data directory) or a server (HttpClient).

One collection per knowledge base, cosine space, always with our own
embedding function: Chroma's built-in default would download a model at run
time and fail offline. Telemetry is off.

Every call on the client or a collection goes through `Guarded`: a server that is
down or goes away mid-session becomes a `StoreError` ("cannot reach the
Chroma server at …") instead of an httpx traceback, and the same objects work
again once the server is back (httpx reconnects on the next call).
"""

from __future__ import annotations

import fcntl
import functools
import json
import re
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from settings import Settings
from vectorstore.embeddings import make_embeddings

SERVER_MARKER = "chroma_server.json"  # under settings.kb_dir: see opened_on_server
KB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
DEFAULT_EMBEDDER = "use"
HNSW_SEARCH_EF = 100  # Chroma's default of 10 misses exact matches among near-duplicate clauses


class StoreError(Exception):
    """The vector store cannot be reached or used; the message says why."""


def _transport_errors() -> tuple[type[BaseException], ...]:
    errors: list[type[BaseException]] = [ConnectionError, TimeoutError]
    try:
        import httpx

        errors.append(httpx.TransportError)  # connect/read/write errors, timeouts, dropped connections
    except ImportError:  # pragma: no cover - chromadb depends on httpx
        pass
    return tuple(errors)


TRANSPORT_ERRORS = _transport_errors()


def missing_on_server(kb: str, url: str) -> StoreError:
    return StoreError(f"the knowledge base '{kb}' is missing on the Chroma server at {url}; re-ingest "
                      "(python app.py ingest …) or check the server's --path")


def unreachable(url: str, exc: BaseException) -> StoreError:
    reason = str(exc) or type(exc).__name__
    return StoreError(f"cannot reach the Chroma server at {url} ({reason}); is it running? "
                      "Start it (chroma run --path DIR --port PORT) and try again")


class Guarded:
    """A Chroma client or collection whose failures are `StoreError`s with a message a user can act on.

    `on_lost` is called when the server no longer has the collection (e.g. it
    was restarted on another --path), so the knowledge base looks it up again
    next time instead of using a dead id (and, until an ingest re-creates it,
    keeps saying it is missing: see `opened_on_server`).
    """

    def __init__(self, target, url: str | None, on_lost=None):
        self._target = target
        self._url = url
        self._on_lost = on_lost

    @property
    def unwrapped(self):
        return self._target

    def __getattr__(self, name):
        value = getattr(self._target, name)
        if not callable(value):
            return value

        @functools.wraps(value)
        def call(*args, **kwargs):
            try:
                return value(*args, **kwargs)
            except TRANSPORT_ERRORS as exc:
                if not self._url:
                    raise StoreError(f"the embedded Chroma store failed: {exc or type(exc).__name__}") from None
                raise unreachable(self._url, exc) from None
            except Exception as exc:
                if self._url and type(exc).__name__ in ("NotFoundError", "InvalidCollectionException"):
                    if self._on_lost:
                        self._on_lost()
                    name = getattr(self._target, "name", "")
                    raise missing_on_server(kb_from_collection(name) or name, self._url) from None
                raise

        return call

    def __repr__(self) -> str:
        return f"Guarded({self._target!r}, {self._url or 'embedded'})"


@register_embedding_function
class PolicyDeskEmbeddingFunction(EmbeddingFunction[Documents]):
    """Adapts our LangChain `Embeddings` to Chroma's embedding-function protocol."""

    def __init__(self, spec: str = DEFAULT_EMBEDDER):
        self.spec = spec
        self.embeddings = make_embeddings(spec)

    def __call__(self, input: Documents) -> Embeddings:
        return self.embeddings.embed_documents(list(input))

    def embed_query(self, input: Documents) -> Embeddings:
        return [self.embeddings.embed_query(text) for text in input]

    @staticmethod
    def name() -> str:
        return "policydesk"

    def get_config(self) -> dict:
        return {"spec": self.spec}

    @staticmethod
    def build_from_config(config: dict) -> "PolicyDeskEmbeddingFunction":
        return PolicyDeskEmbeddingFunction(config.get("spec", DEFAULT_EMBEDDER))

    def default_space(self) -> str:
        return "cosine"


def collection_name(kb: str) -> str:
    if not KB_NAME.match(kb):
        raise StoreError(f"invalid knowledge-base name '{kb}': use letters, digits, '-' and '_' (at most 63)")
    return f"pd_{kb}"


def kb_from_collection(name: str) -> str | None:
    return name[3:] if name.startswith("pd_") else None


def opened_on_server(settings: Settings) -> bool:
    """Whether this knowledge base was ever opened on a Chroma server from this data directory.

    Then only an ingest may create its collection: if the server loses it (restarted on another
    --path), every read says it is missing instead of answering from a new, empty collection."""
    return (settings.kb_dir / SERVER_MARKER).exists()


def remember_opened_on_server(settings: Settings) -> None:
    path = settings.kb_dir / SERVER_MARKER
    if path.exists():
        return
    try:
        settings.kb_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"chroma_url": settings.chroma_url, "collection": collection_name(settings.kb)}) + "\n",
                        encoding="utf-8")
    except OSError:
        pass  # the process still remembers it (KnowledgeBase keeps its own flag)


def open_client(settings: Settings, fresh: bool = False):
    """A Chroma client for the settings' store. `fresh` (embedded store): a new one that reads the store
    from disk now, instead of the one this process already opened (see `forget_embedded`)."""
    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url if "://" in settings.chroma_url else f"http://{settings.chroma_url}")
        try:
            return chromadb.HttpClient(
                host=url.hostname or "127.0.0.1",
                port=url.port or 8000,
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        except Exception as exc:
            raise unreachable(settings.chroma_url, exc) from None
    try:
        return _open_persistent(settings, chroma_settings, fresh)
    except Exception as exc:
        # Chroma writes even to open a store: on a full disk, give back the reserve (vectorstore.disk_space) and retry.
        from vectorstore.disk_space import SpaceReserve, is_disk_full, no_space

        if not is_disk_full(exc):
            raise
        _forget_failed_store(settings.data_dir / "chroma")
        if not SpaceReserve(settings.data_dir, settings.disk_reserve_bytes).release():
            raise no_space(settings.data_dir) from None
    try:
        return _open_persistent(settings, chroma_settings)
    except Exception as exc:
        if is_disk_full(exc):
            raise no_space(settings.data_dir) from None
        raise


def _forget_failed_store(path) -> None:
    """Chroma caches a store's System by path before starting it; one that failed to start would be
    reused (and fail again) by the next PersistentClient. Drop it, unless a live client uses it."""
    from chromadb.api.shared_system_client import SharedSystemClient

    identifier = str(path)
    with SharedSystemClient._refcount_lock:
        if SharedSystemClient._identifier_to_refcount.get(identifier, 0) <= 0:
            SharedSystemClient._identifier_to_system.pop(identifier, None)


def _open_persistent(settings: Settings, chroma_settings: ChromaSettings, fresh: bool = False):
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    if fresh:
        forget_embedded(path)
    # Opening a new store creates its tables; two processes doing it at once make one fail with
    # "table collections already exists". An flock serialises the opening (not the use).
    with open(settings.data_dir / "chroma.open.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            return chromadb.PersistentClient(path=str(path), settings=chroma_settings)
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def forget_embedded(path) -> None:
    """Make the next PersistentClient for `path` a new one. Chroma keeps one per path and process, with
    each collection's vector index as it was loaded: another process's writes stay invisible to it
    (queries fail with "Error finding id"). Clients already handed out keep working on the old one
    until they are dropped, so a reader in another thread is never cut off mid-query."""
    from chromadb.api.shared_system_client import SharedSystemClient

    SharedSystemClient._identifier_to_system.pop(str(path), None)


def open_collection(client, settings: Settings, create: bool = True):
    """The knowledge base's collection and the embedder spec it was built with."""
    name = collection_name(settings.kb)
    try:
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    except TRANSPORT_ERRORS as exc:
        raise unreachable(settings.chroma_url or str(settings.data_dir / "chroma"), exc) from None
    except Exception as exc:
        raise StoreError(f"cannot list Chroma collections: {exc}") from None
    try:
        return _open_or_create(client, settings, name, existing, create)
    except TRANSPORT_ERRORS as exc:
        raise unreachable(settings.chroma_url or str(settings.data_dir / "chroma"), exc) from None


def _open_or_create(client, settings: Settings, name: str, existing: set, create: bool):
    if name in existing:
        meta = _collection_metadata(client, name)
        stored = meta.get("embedder", DEFAULT_EMBEDDER)
        requested = settings.embedder
        if requested and requested != stored:
            raise StoreError(
                f"knowledge base '{settings.kb}' was built with embedder '{stored}', not '{requested}'; "
                f"drop --embedder, or use a new --kb for '{requested}'"
            )
        collection = client.get_collection(name, embedding_function=PolicyDeskEmbeddingFunction(stored))
        return collection, stored
    if not create:
        return None, settings.embedder or DEFAULT_EMBEDDER
    spec = settings.embedder or DEFAULT_EMBEDDER
    try:
        collection = client.create_collection(
            name,
            embedding_function=PolicyDeskEmbeddingFunction(spec),
            metadata={"hnsw:space": "cosine", "hnsw:search_ef": HNSW_SEARCH_EF, "embedder": spec, "kb": settings.kb},
        )
    except Exception as exc:  # another process created it first: open theirs
        if type(exc).__name__ not in ("UniqueConstraintError", "IDAlreadyExistsError", "InternalError"):
            raise
        return _open_or_create(client, settings, name, {name}, create=False)
    return collection, spec


def _collection_metadata(client, name: str) -> dict:
    for collection in client.list_collections():
        if getattr(collection, "name", collection) == name and hasattr(collection, "metadata"):
            return dict(collection.metadata or {})
    return dict(client.get_collection(name, embedding_function=None).metadata or {})
