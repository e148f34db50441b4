"""Every tunable of PolicyDesk in one place, with its documented default.

`Settings` is the one object handed to every stage. Values come from, in
order of precedence: explicit arguments (the CLI's flags), environment
variables (POLICYDESK_*), then the defaults below.

`configure_environment()` makes the process offline-safe before any library
that could phone home is imported: no model hub, no telemetry.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path

PROJECT_DIR = Path(__file__).resolve().parent
BUNDLED_CORPUS = PROJECT_DIR / "corpus"


def configure_environment() -> None:
    """Offline first: never reach a model hub, never send telemetry."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")  # Chroma
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


configure_environment()


@dataclass(frozen=True)
class Settings:
    # --- where things live -------------------------------------------------
    data_dir: Path = Path("data")
    """Chroma's persistent directory plus each knowledge base's keyword index."""
    kb: str = "default"
    """Knowledge base = one Chroma collection."""
    chroma_url: str | None = None
    """When set (http://host:port), talk to a Chroma server instead of the embedded store."""

    # --- embedding -----------------------------------------------------------
    embedder: str | None = None
    """`use` (bundled USE-multilingual v3, the default for a new knowledge base),
    `e5` (bundled multilingual-e5-small 4-bit), or `st:MODEL` (any
    sentence-transformers model id or local path). None = the embedder the
    knowledge base was built with."""
    embed_batch_size: int = 64
    encoder_process_after: int | None = 256
    """An ingest that has embedded this many chunks (one write batch) starts a pool of encoder processes
    (settings.encoder_processes, one BLAS thread each) and embeds the rest there, beside Chroma's writes (which
    hold the GIL; vectorstore.encoder_process); at its end they also cut the keyword index's texts. Each costs
    ~250 MB and a second or two to load its model, which is why a short ingest (the bundled documents: 121
    chunks) never starts them. At 100× the bundled corpus, starting them after 256 chunks instead of 1,000 took
    the ingest from 88.7 to 83.4 s (the chunks before are embedded here, beside the writes). None: never."""
    encoder_processes: int | None = None
    """The pool's size; None: one per core this process may use (OMP_NUM_THREADS when set, else every core), at
    most 4."""

    # --- chunking ------------------------------------------------------------
    chunk_max_chars: int = 500
    """A clause longer than this is split at sentence ends."""
    chunk_target_chars: int = 350
    """Pieces of a split clause aim for this size (300-500 characters)."""
    chunk_overlap_sentences: int = 1
    """Sentences repeated at the start of the next piece of a split clause."""

    # --- ingestion limits ----------------------------------------------------
    max_file_bytes: int = 100 * 1024 * 1024
    """Files larger than this are refused by ingestion (CLI and library)."""
    max_upload_bytes: int = 20 * 1024 * 1024
    """Files larger than this are refused by the web app and the HTTP API (env POLICYDESK_MAX_UPLOAD_BYTES)."""
    allowed_suffixes: tuple[str, ...] = (".csv", ".doc", ".docx", ".htm", ".html", ".jpeg", ".jpg", ".md", ".ofd", ".pdf",
                                        ".png", ".txt", ".wps", ".xls", ".xlsx")
    """File types ingestion takes (a subset of ingest.loaders.SUPPORTED_SUFFIXES)."""
    max_unpacked_bytes: int = 256 * 1024 * 1024
    """A .docx may unpack to at most this many bytes, counted while decompressing (not the sizes its
    zip header claims); past it the file is refused as a zip bomb."""
    max_parse_seconds: float = 60.0
    """Reading one .docx, spreadsheet or PDF (done in a child process) may take at most this long; then the child is
    killed and the file fails. Real documents take well under a second."""
    max_parse_memory_bytes: int = 1024 * 1024 * 1024
    """Address space of the child process that reads a .docx, spreadsheet or PDF (RLIMIT_AS, interpreter included);
    a file needing more fails. A 60 MB document.xml of tiny elements needs ~1.4 GB."""
    max_text_chars: int = 20_000_000
    """A .docx, spreadsheet or PDF whose text is longer than this fails (bounds the parsing and chunking that follow;
    plain-text formats are bounded by max_file_bytes instead)."""
    max_pdf_layout_pages: int = 200
    """A PDF with up to this many text pages has its rows joined back into paragraphs (ingest.pdf_layout, ~0.1 s
    a page, within max_parse_seconds); a longer one keeps pypdf's rows, one printed line a line."""
    max_ocr_pages: int = 200
    """A PDF with more pages than this without a text layer (scanned pages, read by OCR at a few seconds a
    page) fails; its text layer and page images are read in the child process under the caps above."""

    # --- retrieval -----------------------------------------------------------
    search_k: int = 5
    """Clauses returned by `search`."""
    candidate_k: int = 30
    """Candidates fetched from each retriever (dense, keyword) before fusion."""
    rrf_k: int = 60
    """Reciprocal rank fusion constant: score = sum 1 / (rrf_k + rank)."""

    # --- answering ---------------------------------------------------------
    answer_hits: int = 8
    """Hits the QA chain keeps for a question, after reranking…"""
    rerank_pool: int = 20
    """…the best this many fused hits by how much of the question they contain."""
    coverage_weight: float = 0.03
    """Rerank: a hit's fused score gains this times the share of the question's keywords it contains
    (0.03 ≈ being ranked first by both retrievers)."""
    description_share: float = 0.5
    """Rerank: the words of the asker's description of themselves ("We exhibited at a trade fair in Germany.",
    "我们公司注册在静安，") gain this share of coverage_weight times the share of them a hit holds: they may name the
    matter, but what is asked counts first (a clause naming only where the asker is registered is no answer)."""
    local_document_boost: float = 0.015
    """Rerank: a question naming a place is first about the documents of that place (静安区's guide before
    Shanghai's measures, which apply there too): their hits gain this."""
    local_coverage_margin: float = 0.15
    """…unless its hit holds this much less of the question's keywords than the best hit of another document
    (个税专项附加扣除 asked by someone in 杭州: the State Council's measures, not Hangzhou's housing clause)."""
    title_min_span: int = 4
    """A question names a document by its title (qa.titles) with runs of the title's core name at least this
    long (a word of it: 无废城市, 推广方案)…"""
    title_min_run: int = 6
    """…one of them at least this long…"""
    title_min_share: float = 0.5
    """…covering together this share of the core name (郑州市人工智能OPC创业社区推广方案: 15 of 18 characters
    in "郑州的人工智能OPC创业社区推广方案里"). The named documents are the search's scope and the title's words
    leave the keywords: they say which document, not which clause."""
    title_framed_share: float = 0.3
    """…or, when the question says it names a kind of document ("国务院“无废城市”试点方案里，…"), runs of
    title_min_span covering this share of a core name of that kind (无废城市: 4 of 12 characters)."""
    evidence_depth: int = 4
    """Answers quote sentences from the best this many clauses of the best hit's document…"""
    lead_in_items: int = 12
    """…and, for one of them that only introduces its items ("按照以下标准扣除："), from up to this many of
    its items stored as clauses of their own (第十七条(一), (二))."""
    headed_clauses: int = 3
    """A question asking what a heading announces (who may apply → 申报对象, 申请条件) also reads up to this many
    clauses of the best document so headed, retrieved or not."""
    draft_ground_hits: int = 8
    """A draft finds the document its inquiry is about from the best this many clauses for the whole inquiry…"""
    draft_ground_share: float = 0.6
    """…when one document holds this share of them (weighted 1/rank); its questions are answered only from it."""
    aspect_figure_boost: float = 0.01
    """Rerank, for a bare follow-up asking another kind of figure of what the turn before was about ("And for how
    long?" after the loan's amount), one naming nothing of its own: a hit of the same document stating a figure of
    the kind now asked (期限最长不超过3年) gains this over those the earlier turn's words rank."""
    story_figure_boost: float = 0.01
    """Rerank, for a question of its own that opens with the asker's run of description and then asks a figure
    ("我是退役军人，在广州注册了个体奶茶店，想申请创业担保贷款，个人最多能贷多少？", "I'm a veteran who set up a shop
    with 6 staff. What's the most I can borrow…?"): a hit stating a figure of the kind asked gains this over those the
    description's words rank (申请对象 listing 退役军人)."""
    reach_boost: float = 0.01
    """Rerank, for a question asking only where to send it, by when, or whom to ring ("材料发到哪个邮箱？发完要打电话找谁
    确认？"): a hit giving that (an address, a deadline, a number) gains this over those ranked by the words of the turn
    before."""
    follow_up_clause_boost: float = 0.03
    """Rerank, for a follow-up ("那配合单位呢？", "居民呢？"): a clause the answer before
    cited gains this much (as much as full keyword coverage), so the follow-up stays on it when it answers."""
    earlier_document_boost: float = 0.02
    """Rerank, for a turn that stands on its own but names no place ("利息有补贴吗？" after a question on
    Guangzhou's loans): hits of the documents the answer before cited gain this — a preference, not a scope,
    so a turn about something those documents don't hold is answered from wherever it stands."""
    refuse_below_coverage: float = 0.34
    """Refuse when the best hit contains less than this share of the question's keywords…"""
    refuse_below_dense: float = 0.45
    """…and its dense (cosine) similarity is below this. Calibrated on the gold sets' unanswerable questions."""
    also_matching_ratio: float = 0.9
    """An unscoped answer names the other documents whose best clause scores at least this share of the
    cited one's (and holds enough of the question): several cities may have such a clause."""
    refuse_below_coverage_weak: float = 0.6
    """The coverage needed when an English question matched nothing in the glossary, so its keywords
    are only the dictionary's guesses ('; DROP TABLE chunks; --' is not about tables)."""
    refuse_unknown_keywords: int = 2
    """Refuse a (non-"who") question with this many keywords that occur nowhere in the documents
    (子女, 入学), unless its best clause still holds `refuse_unknown_below_coverage` of its keywords."""
    refuse_unknown_below_coverage: float = 0.6
    refuse_own_unknown_share: float = 0.5
    """A follow-up asking no figure is refused when this share or more of the words it names of its own (牙科, 治疗
    of "那牙科治疗能报吗？") occur nowhere in the knowledge base: what it asks about, the documents never mention."""
    target_min_coverage: float = 0.3
    """A "how many/how much" answer needs a number in a sentence holding this share of the question's keywords."""
    target_min_coverage_en: float = 0.15
    """The same for English questions, whose keywords come from a dictionary and are noisier."""
    answer_sentences: int = 3
    """At most this many quoted sentences in an answer composed from quotes."""
    closest_matches: int = 3
    """Clauses shown as "closest matches" with a refusal."""
    llm_timeout_seconds: float = 60.0
    """An LLM rewrite slower than this is abandoned for the extractive answer."""

    disk_reserve_bytes: int = 2 * 1024 * 1024
    """Held in the data directory (space.reserve) and released when the disk fills, so that what was
    committed can still be opened and read (Chroma writes a journal even to open); an ingest re-creates
    it before writing and refuses to start while the disk has no room for it."""

    lock_wait_seconds: float = 300.0
    """A second ingest on the same knowledge base waits this long for the first, then gives up."""

    exact_search_max_chunks: int = 2000
    """A question scoped to documents with at most this many chunks — or asked of a knowledge base that
    small — scores them all exactly (a few ms) instead of Chroma's HNSW search (~75 ms filtered at 100k
    chunks; approximate, and its graph differs between processes)."""
    vector_cache_chunks: int = 50_000
    """…with their vectors kept in memory after the first read (2 KB a chunk: 100 MB at most), until the
    knowledge base changes."""

    recheck_seconds: float = 1.0
    """How often a running process looks whether another process changed the knowledge base (its commit
    marker, and Chroma's count); then it reopens the embedded store and reloads its keyword index."""

    # --- the web app and the HTTP API (ui/) ------------------------------------
    max_json_bytes: int = 1024 * 1024
    """Request bodies other than uploads (the API's JSON, Gradio's own API, the login form) are refused
    over this size with 413."""
    upload_cancel_grace: float = 2.0
    """Seconds a route is given to stop once a streamed upload has passed its cap (it is told the client left);
    then it is cancelled and the 413 is sent, so no route can keep an over-cap upload waiting."""
    max_json_depth: int = 64
    """JSON nested deeper than this is refused with 400 (Python's parser fails at ~1,000 levels)."""
    history_max_turns: int = 20
    """/api/ask and Gradio's /ask refuse a `history` of more turns than this with 400."""
    history_max_question_chars: int = 2000
    """…or a turn whose question is longer than this (the chain reads only the first 2,000 characters
    of a question)…"""
    history_max_answer_chars: int = 20_000
    """…or a turn whose answer is longer than this."""
    trusted_origins: tuple[str, ...] = ()
    """Origins (https://host[:port]) besides the server's own whose requests may change data, e.g. a
    reverse proxy that rewrites Host (env POLICYDESK_TRUSTED_ORIGINS, comma-separated)."""
    login_max_failures: int = 5
    """Failed logins (basic auth on /api/*, the page's /login) one client may make before it must wait
    (env POLICYDESK_LOGIN_MAX_FAILURES)…"""
    login_lockout_seconds: float = 30.0
    """…this long, doubling with each further lockout (env POLICYDESK_LOGIN_LOCKOUT_SECONDS)…"""
    login_lockout_max_seconds: float = 900.0
    """…up to this long. A successful login clears the client's record."""
    temp_max_age_seconds: int = 3600
    """Exports (CSV, XLSX, DOCX) and Gradio's cached files older than this are deleted (checked every
    few minutes and at each export; env POLICYDESK_TEMP_MAX_AGE_SECONDS). Uploads leave Gradio's
    folder as soon as they are ingested."""

    def __post_init__(self):
        object.__setattr__(self, "data_dir", Path(self.data_dir))

    @classmethod
    def from_env(cls, **overrides) -> "Settings":
        env = {}
        if os.environ.get("POLICYDESK_DATA_DIR"):
            env["data_dir"] = Path(os.environ["POLICYDESK_DATA_DIR"])
        if os.environ.get("POLICYDESK_KB"):
            env["kb"] = os.environ["POLICYDESK_KB"]
        if os.environ.get("POLICYDESK_CHROMA_URL"):
            env["chroma_url"] = os.environ["POLICYDESK_CHROMA_URL"]
        if os.environ.get("POLICYDESK_EMBEDDER"):
            env["embedder"] = os.environ["POLICYDESK_EMBEDDER"]
        if os.environ.get("POLICYDESK_MAX_UPLOAD_BYTES"):
            env["max_upload_bytes"] = int(os.environ["POLICYDESK_MAX_UPLOAD_BYTES"])
        for name, kind in (("login_max_failures", int), ("login_lockout_seconds", float),
                           ("temp_max_age_seconds", int)):
            if os.environ.get(f"POLICYDESK_{name.upper()}"):
                env[name] = kind(os.environ[f"POLICYDESK_{name.upper()}"])
        if os.environ.get("POLICYDESK_TRUSTED_ORIGINS"):
            env["trusted_origins"] = tuple(o.strip() for o in os.environ["POLICYDESK_TRUSTED_ORIGINS"].split(",") if o.strip())
        env.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**env)

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)

    @property
    def kb_dir(self) -> Path:
        """Files derived from the knowledge base (keyword index, user dictionary, lock)."""
        return self.data_dir / "kb" / self.kb
