"""Chroma: embedded (PersistentClient under the data directory) or a server (HttpClient).

One collection per knowledge base, cosine space, always with our own
embedding function: Chroma's built-in default would download a model at run
time and fail offline. Telemetry is off.
"""

from __future__ import annotations

import re
from urllib.parse import urlparse

import chromadb
from chromadb.api.types import Documents, EmbeddingFunction, Embeddings
from chromadb.config import Settings as ChromaSettings
from chromadb.utils.embedding_functions import register_embedding_function

from settings import Settings
from vectorstore.embeddings import make_embeddings

KB_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$")
DEFAULT_EMBEDDER = "use"


class StoreError(Exception):
    """The vector store cannot be reached or used; the message says why."""


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


def open_client(settings: Settings):
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
            raise StoreError(f"cannot reach the Chroma server at {settings.chroma_url}: {exc}") from None
    path = settings.data_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=chroma_settings)


def open_collection(client, settings: Settings, create: bool = True):
    """The knowledge base's collection and the embedder spec it was built with."""
    name = collection_name(settings.kb)
    try:
        existing = {c.name if hasattr(c, "name") else c for c in client.list_collections()}
    except Exception as exc:
        raise StoreError(f"cannot list Chroma collections: {exc}") from None
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
    collection = client.create_collection(
        name,
        embedding_function=PolicyDeskEmbeddingFunction(spec),
        metadata={"hnsw:space": "cosine", "embedder": spec, "kb": settings.kb},
    )
    return collection, spec


def _collection_metadata(client, name: str) -> dict:
    for collection in client.list_collections():
        if getattr(collection, "name", collection) == name and hasattr(collection, "metadata"):
            return dict(collection.metadata or {})
    return dict(client.get_collection(name, embedding_function=None).metadata or {})
