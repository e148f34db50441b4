"""A long ingest's encoder, in processes of its own, so embedding and Chroma's writes run at once; at the
end of the ingest the same processes cut the texts for the keyword index.

The ingest embeds a batch while a writer thread stores the one before it. But
Chroma's `upsert` holds the GIL for the whole call (~0.5 s for 256 chunks:
measured, a spinning Python thread stood still for every call), and the
encoder needs the GIL between its numpy operations, so the two took turns
instead of sharing the two cores: the ingest ran at 55–58% of the encoder's
raw rate. With the encoder in a child process the parent only waits on a
pipe while the writer holds the GIL.

The child (`python -m vectorstore.encoder_process SPEC`) loads the same
embedder (vectorstore.embeddings.make_embeddings) and answers one request at a
time: the parent writes a length-prefixed JSON list of texts; the child
answers with the vectors as float32 rows, exactly the values the embedder
returns in-process (they are float32 already). It writes one byte once its
model is loaded, so the parent keeps embedding in-process until then instead
of waiting. Its input is the parent's pipe: when the parent exits (even
killed), the child reads the end of its input and exits too.

A long ingest runs a pool of them (`EncoderPool`, settings.encoder_processes:
one per core), each with one BLAS thread, fed a batch or two ahead: the
numpy encoder does 1.4× the work of one thread with two (measured: 97 vs 139
passages/s on the 2-core machine), so two single-threaded children embed
more per CPU second than one child with two threads, and the parent's own
work (Chroma's writes, reading the next files) fills the gaps. Requests are
sent ahead only as far as the pipes hold the replies (`depth`), so a child
never waits to write while the parent waits to send.

The keyword index is rebuilt at the end of the ingest, and jieba, pure
Python, cut its texts on one core (~10 s for 12,100 chunks, 11% of the
ingest); the pool's children, idle by then, cut them in parallel instead
(`EncoderPool.cut`: a request of the other kind, with the dictionary's words
sent once), the same tokens as vectorstore.tokenizer.Tokenizer gives here.

Only ingests that embed many chunks use it (settings.encoder_process_after):
starting one costs a second or two of CPU and the model's memory (~250 MB)
in each child. If a child fails, the ingest goes on in-process.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
from collections import deque
from collections.abc import Iterator

import numpy as np

from ingest.reader_process import end_child, readable
from settings import PROJECT_DIR

READY = b"R"
HEADER = struct.Struct("<QI")  # payload bytes; then in a request its kind, in a reply the vectors' dimension
EMBED, WORDS, CUT = 0, 1, 2  # request kinds: embed texts; the tokenizer's user words (answered empty); cut texts
CUT_BLOCK = 250  # texts per request to cut: their tokens stay well inside a pipe
TOKEN_SEP, TEXT_SEP = "\x00", "\x01"  # a CUT answer: tokens joined by the one, texts by the other, unless
AS_JSON = 1  # a token holds either (a text with control characters): then JSON, flagged in the reply's header
PIPE_BYTES = 1 << 20  # each pipe's buffer (Linux's default limit for a user): two replies of 64 vectors of 1,024 floats
MAX_PROCESSES = 4  # the default pool's size on a machine with more cores
AHEAD = 3  # requests a child may hold when its pipes are that large; else one


class EncoderProcessError(Exception):
    """The child is gone or answered something else: embed in-process instead."""


class EncoderProcess:
    """`embed_documents(texts)` as the embedder `spec` gives it, computed in a child process."""

    def __init__(self, spec: str, threads: int | None = None):
        """`threads`: the child's BLAS threads (OMP_NUM_THREADS); None keeps this process's setting."""
        env = dict(os.environ, **({"OMP_NUM_THREADS": str(threads)} if threads else {}))
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "vectorstore.encoder_process", spec], cwd=PROJECT_DIR,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                          env=env)
        except OSError as exc:  # no process to be had (limits, memory): the ingest embeds in-process
            raise EncoderProcessError(f"the encoder process could not start: {exc}") from None
        self._ready = False
        self._asked: deque[int] = deque()  # how many texts each request sent and not yet answered holds
        self.depth = AHEAD if min(_grow_pipe(self._proc.stdin), _grow_pipe(self._proc.stdout)) >= PIPE_BYTES else 1

    @property
    def waiting(self) -> int:
        """Requests sent and not yet answered."""
        return len(self._asked)

    def ready(self) -> bool:
        """Whether the child has loaded its model (never waits)."""
        if not self._ready and self._proc.poll() is None:
            if readable(self._proc.stdout.fileno(), 0):
                self._ready = self._proc.stdout.read(1) == READY
        return self._ready and self._proc.poll() is None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.send(texts)
        return self.receive().tolist()

    def send(self, texts: list[str], kind: int = EMBED) -> None:
        """Ask for the vectors of `texts` (or with CUT their keyword tokens; with WORDS, `texts` are the tokenizer's
        user words) without waiting for them (`receive` gets them, in the order asked)."""
        if not self._ready and self._read(1) != READY:  # (sent before its model is loaded: waits for it)
            raise EncoderProcessError("the encoder process did not start")
        self._ready = True
        payload = json.dumps(list(texts), ensure_ascii=False).encode("utf-8")
        try:
            self._proc.stdin.write(HEADER.pack(len(payload), kind) + payload)
            self._proc.stdin.flush()
        except (OSError, ValueError) as exc:
            raise EncoderProcessError(f"the encoder process failed: {exc}") from None
        self._asked.append((kind, len(texts)))

    def receive(self) -> np.ndarray | list[list[str]] | None:
        """The answer to the oldest request not yet received (waits for it): vectors as float32 rows, tokens
        per text, or None (WORDS)."""
        kind, count = self._asked.popleft()
        try:
            size, dimension = HEADER.unpack(self._read(HEADER.size))
            body = self._read(size)
            if kind == WORDS:
                return None
            if kind == CUT:
                text = body.decode("utf-8")
                answer = (json.loads(text) if dimension == AS_JSON else
                          [cut.split(TOKEN_SEP) if cut else [] for cut in text.split(TEXT_SEP)])
                if len(answer) != count:
                    raise ValueError(f"{len(answer)} texts cut of {count}")
                return answer
            matrix = np.frombuffer(body, dtype=np.float32)
        except (OSError, ValueError, TypeError, struct.error) as exc:
            raise EncoderProcessError(f"the encoder process failed: {exc}") from None
        if count == 0:
            return matrix.reshape(0, dimension)
        if not dimension or len(matrix) != dimension * count:
            raise EncoderProcessError("the encoder process answered with the wrong number of vectors")
        return matrix.reshape(count, dimension)

    def _read(self, n: int) -> bytes:
        data = self._proc.stdout.read(n)
        if len(data) != n:
            raise EncoderProcessError("the encoder process is gone")
        return data

    def close(self) -> None:
        """End the child (its input closed, it exits; killed if it does not within 5 s)."""
        end_child(self._proc)


class EncoderPool:
    """`processes` encoder processes of one BLAS thread each: `submit(texts)` hands a batch to the least busy
    one and returns a ticket at once; `result(ticket)` waits for its vectors. A caller submits a batch or two
    ahead of the one it waits for, so the children embed while it does its own work."""

    def __init__(self, spec: str, processes: int):
        self._children: list[EncoderProcess] = []
        try:
            for _ in range(max(1, processes)):
                self._children.append(EncoderProcess(spec, threads=1))
        except EncoderProcessError:
            self.close()
            raise
        self._tickets = {id(child): deque() for child in self._children}  # per child, its tickets not yet read
        self._results: dict[int, object] = {}  # read ahead of the ticket asked for
        self._next = 0

    def ready(self) -> bool:
        """Whether every child has loaded its model (never waits)."""
        return all(child.ready() for child in self._children)

    def submit(self, texts: list[str], kind: int = EMBED, child: EncoderProcess | None = None) -> int:
        """Send a request to `child` (else the least busy one); its ticket, at once. When every child holds as many
        as its pipes take, the answer asked for first of all is read (the one most likely done; reading a child's
        second answer while the other child has finished both left that one idle)."""
        if child is None:
            free = [c for c in self._children if c.waiting < c.depth]
            child = min(free, key=lambda c: c.waiting) if free else min(self._children, key=self._oldest)
        while child.waiting >= child.depth:  # its pipes hold no more: read its oldest answer first
            self._read_one(child)
        child.send(texts, kind)
        ticket, self._next = self._next, self._next + 1
        self._tickets[id(child)].append(ticket)
        return ticket

    def cut(self, texts: list[str], user_words: list[str]) -> Iterator[list[str]]:
        """Each text's tokens, in order, as vectorstore.tokenizer.Tokenizer(user_words).tokens gives them, cut
        by the children in blocks of CUT_BLOCK (blocks are sent a few ahead of the one read)."""
        for child in self._children:
            self.result(self.submit(user_words, WORDS, child))
        tickets: deque[int] = deque()
        for start in range(0, len(texts), CUT_BLOCK):
            tickets.append(self.submit(texts[start : start + CUT_BLOCK], CUT))
            while len(tickets) > 2 * len(self._children):
                yield from self.result(tickets.popleft())
        while tickets:
            yield from self.result(tickets.popleft())

    def result(self, ticket: int):
        """The answer of request `ticket` (waits for it)."""
        while ticket not in self._results:
            child = next((c for c in self._children if ticket in self._tickets[id(c)]), None)
            if child is None:
                raise EncoderProcessError(f"no request {ticket} was sent to the encoder processes")
            self._read_one(child)
        return self._results.pop(ticket)

    def _oldest(self, child: EncoderProcess) -> int:
        return self._tickets[id(child)][0]

    def _read_one(self, child: EncoderProcess) -> None:
        """Read `child`'s oldest answer (all its answers come in the order asked)."""
        ticket = self._tickets[id(child)].popleft()
        self._results[ticket] = child.receive()

    def close(self) -> None:
        for child in self._children:
            child.close()


def default_processes() -> int:
    """One encoder process per core this process may use, at most MAX_PROCESSES (each holds the model: ~250 MB).
    OMP_NUM_THREADS, when set, is that budget: processes sharing the cores (the parallel tests, several ingests
    at once) set it to 1, as for the in-process encoder (vectorstore.embeddings.blas_threads), and then one child
    takes the embedding off this process's GIL without a second child oversubscribing the cores."""
    from vectorstore.embeddings import blas_threads

    return max(1, min(blas_threads(), MAX_PROCESSES))


def _grow_pipe(stream) -> int:
    """Ask for a pipe buffer of PIPE_BYTES; its size in bytes after (Linux; 0 where it cannot be set or asked)."""
    try:
        import fcntl

        try:
            fcntl.fcntl(stream.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
        except OSError:  # over the system's limit (/proc/sys/fs/pipe-max-size): keep what it has
            pass
        return fcntl.fcntl(stream.fileno(), fcntl.F_GETPIPE_SZ)
    except (ImportError, AttributeError, OSError):
        return 0


def _serve(spec: str) -> None:
    from vectorstore.embeddings import make_embeddings

    embeddings = make_embeddings(spec)
    embeddings.embed_documents(["预热"])
    from vectorstore.tokenizer import Tokenizer

    tokenizer = Tokenizer()  # jieba's dictionary loaded now (~0.6 s), not when the ingest's end asks for texts to be cut
    source, out = sys.stdin.buffer, sys.stdout.buffer
    out.write(READY)
    out.flush()
    while True:
        header = source.read(HEADER.size)
        if len(header) != HEADER.size:
            return  # the parent closed its end (done, or gone)
        size, kind = HEADER.unpack(header)
        texts = json.loads(source.read(size).decode("utf-8"))
        if kind == EMBED:
            matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
            out.write(HEADER.pack(matrix.nbytes, matrix.shape[1] if matrix.ndim == 2 else 0) + matrix.tobytes())
        else:
            if kind == WORDS:
                tokenizer, body = Tokenizer(texts), b""
                flag = 0
            else:
                cuts = [tokenizer.tokens(text) for text in texts]
                flag = AS_JSON if any(TOKEN_SEP in t or TEXT_SEP in t for tokens in cuts for t in tokens) else 0
                body = (json.dumps(cuts, ensure_ascii=False) if flag else
                        TEXT_SEP.join(TOKEN_SEP.join(tokens) for tokens in cuts)).encode("utf-8")
            out.write(HEADER.pack(len(body), flag) + body)
        out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
