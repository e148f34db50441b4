"""A full disk: recognised, said in one line, and survived by the committed knowledge base.

Chroma reports a full disk as `InternalError: … database or disk is full`
(SQLite's code 13) or an OS error 28; our own writes raise OSError(ENOSPC).
`is_disk_full` recognises them all and `no_space` turns them into a
`StoreError`: "no space left on <path>; …".

Chroma cannot even open its store on a disk with no free byte (it writes
a journal on opening), so the embedded store keeps a reserve: a file of
settings.disk_reserve_bytes in the data directory (`space.reserve`). When
the disk fills, the reserve is released, and what was committed can still
be opened and read (ask, docs, the web app's start). An ingest re-creates
the reserve before it writes anything and refuses to start while it can't:
that is when the disk is still full. Once space is back, the same ingest
finishes what was interrupted (its head-last commit and orphan sweep do the
repair).
"""

from __future__ import annotations

import errno
from pathlib import Path

from vectorstore.chroma_store import StoreError

RESERVE_NAME = "space.reserve"
_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}
_FULL_WORDS = ("database or disk is full", "no space left on device", "os error 28", "disk quota exceeded")


def is_disk_full(exc: BaseException) -> bool:
    """Whether this error (from Chroma, SQLite or the OS) means the disk or the quota is full."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        seen.add(id(exc))
        if isinstance(exc, OSError) and exc.errno in _FULL_ERRNOS:
            return True
        if any(word in str(exc).lower() for word in _FULL_WORDS):
            return True
        exc = exc.__cause__ or exc.__context__
    return False


def no_space(where: str | Path) -> StoreError:
    return StoreError(f"no space left on {where}; what was committed before stays readable; free some space, "
                      "then run the same command again (an ingest finishes where it stopped)")


class SpaceReserve:
    """`size` bytes held in `directory`/space.reserve, released when the disk fills (see the module)."""

    def __init__(self, directory: Path, size: int):
        self.path = Path(directory) / RESERVE_NAME
        self.size = size

    def ensure(self) -> bool:
        """Hold the reserve (create or complete the file); False when the disk has no room for it."""
        if self.size <= 0:
            return True
        try:
            if self.path.exists() and self.path.stat().st_size >= self.size:
                return True
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "wb") as handle:  # real bytes: a sparse file or fallocate may not hold space everywhere
                block = b"\0" * min(self.size, 1 << 20)
                for start in range(0, self.size, len(block)):
                    handle.write(block[: self.size - start])
                handle.flush()
            return True
        except OSError as exc:
            self.release()
            if is_disk_full(exc):
                return False
            raise

    def release(self) -> bool:
        """Give the reserve's space back to the disk; True when there was one."""
        try:
            self.path.unlink()
            return True
        except FileNotFoundError:
            return False
