"""A long ingest's encoder, in a process of its own, so embedding and Chroma's writes run at once.

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

Only ingests that embed many chunks use it (settings.encoder_process_after):
starting it costs a second or two of CPU and the model's memory (~250 MB) in
a second process. If the child fails, the ingest goes on in-process.
"""

from __future__ import annotations

import json
import select
import struct
import subprocess
import sys

import numpy as np

from ingest.reader_process import end_child
from settings import PROJECT_DIR

READY = b"R"
HEADER = struct.Struct("<QI")  # payload bytes, then (replies) the vectors' dimension


class EncoderProcessError(Exception):
    """The child is gone or answered something else: embed in-process instead."""


class EncoderProcess:
    """`embed_documents(texts)` as the embedder `spec` gives it, computed in a child process."""

    def __init__(self, spec: str):
        try:
            self._proc = subprocess.Popen([sys.executable, "-m", "vectorstore.encoder_process", spec], cwd=PROJECT_DIR,
                                          stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as exc:  # no process to be had (limits, memory): the ingest embeds in-process
            raise EncoderProcessError(f"the encoder process could not start: {exc}") from None
        self._ready = False

    def ready(self) -> bool:
        """Whether the child has loaded its model (never waits)."""
        if not self._ready and self._proc.poll() is None:
            if select.select([self._proc.stdout], [], [], 0)[0]:
                self._ready = self._proc.stdout.read(1) == READY
        return self._ready and self._proc.poll() is None

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        payload = json.dumps(list(texts), ensure_ascii=False).encode("utf-8")
        try:
            self._proc.stdin.write(HEADER.pack(len(payload), 0) + payload)
            self._proc.stdin.flush()
            size, dimension = HEADER.unpack(self._read(HEADER.size))
            matrix = np.frombuffer(self._read(size), dtype=np.float32)
        except (OSError, ValueError, struct.error) as exc:
            raise EncoderProcessError(f"the encoder process failed: {exc}") from None
        if not dimension or len(matrix) != dimension * len(texts):
            raise EncoderProcessError("the encoder process answered with the wrong number of vectors")
        return matrix.reshape(len(texts), dimension).tolist()

    def _read(self, n: int) -> bytes:
        data = self._proc.stdout.read(n)
        if len(data) != n:
            raise EncoderProcessError("the encoder process is gone")
        return data

    def close(self) -> None:
        """End the child (its input closed, it exits; killed if it does not within 5 s)."""
        end_child(self._proc)


def _serve(spec: str) -> None:
    from vectorstore.embeddings import make_embeddings

    embeddings = make_embeddings(spec)
    embeddings.embed_documents(["预热"])
    source, out = sys.stdin.buffer, sys.stdout.buffer
    out.write(READY)
    out.flush()
    while True:
        header = source.read(HEADER.size)
        if len(header) != HEADER.size:
            return  # the parent closed its end (done, or gone)
        size, _ = HEADER.unpack(header)
        texts = json.loads(source.read(size).decode("utf-8"))
        matrix = np.asarray(embeddings.embed_documents(texts), dtype=np.float32)
        out.write(HEADER.pack(matrix.nbytes, matrix.shape[1] if matrix.ndim == 2 else 0) + matrix.tobytes())
        out.flush()


if __name__ == "__main__":
    _serve(sys.argv[1])
