"""Read .docx, .doc, OFD, spreadsheet and PDF files in a child process with a deadline and a memory cap.

A compressed format's cost is not bounded by its size: a 190 KB .docx can hold
60 MB of XML that python-docx needs 76 s and 1.3 GB to walk (an .xlsx is a
zip of XML too; a 100 KB PDF whose pages share one content stream of 70 MB of
blanks kept pypdf busy for minutes). So ingestion reads those formats (ISOLATED_SUFFIXES) in a
child process (`python -m ingest.reader_process`) whose address space is
capped (RLIMIT_AS = settings.max_parse_memory_bytes) and which is killed
when one file takes longer than settings.max_parse_seconds. Either way that
file fails with the reason and the next file gets a fresh child; the parent
never holds more than the extracted text (at most settings.max_text_chars).
Plain-text formats are read in-process: their cost is linear in their size,
which settings.max_file_bytes bounds.

A PDF's text layer (an OFD's text objects) is read in the child; a page without one comes back as the
images it holds (at most settings.max_ocr_pages such pages, each image within
ingest.ocr.MAX_IMAGE_PIXELS), and the parent reads those by OCR
(`ingest.loaders.pdf_text`): the OCR engine needs more address space than the
cap, and its cache lives under the parent's data directory. Image files
(.png, .jpg) are read in-process: their pixels are checked from the header
before anything is decoded.

One child serves a whole ingest, one file at a time: the parent writes a
JSON line {"path", "max_bytes"}; the child answers a JSON line ({"length": n}
followed by n bytes of UTF-8 text, or {"error": …} / {"memory": true}). For a
PDF the header also has "pages" (per page, the byte length of its text, or the
indices of its images) and "images" (the byte length of each distinct image,
stored after the texts).
"""

from __future__ import annotations

import json
import os
import select
import stat
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from ingest.loaders import LoadError, load_pdf_pages, load_text, pdf_text
from settings import PROJECT_DIR, Settings

# Zip- and OLE-based formats and PDFs (compressed streams), whose cost their size does not bound.
ISOLATED_SUFFIXES = (".docx", ".doc", ".wps", ".xlsx", ".xls", ".pdf", ".ofd")
PAGED_SUFFIXES = {".pdf": "PDF", ".ofd": "OFD"}  # read page by page: a page without text comes back as its images, for OCR
CHILD_EXIT_WAIT_SECONDS = 2.0  # a child whose output ended is given this long to exit with its own code before it is killed


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.0f} MB"


def end_child(proc: subprocess.Popen) -> None:
    """End a child that serves requests from its input: its input closed, its loop ends and it exits; killed if it
    does not within 5 s (also the encoder process's way out, vectorstore.encoder_process)."""
    try:
        proc.stdin.close()
        proc.wait(timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        proc.kill()
        proc.wait()
    finally:
        proc.stdout.close()


def readable(fd: int, timeout: float) -> bool:
    """Whether the descriptor has something to read (or its end) within `timeout` seconds. poll, not select:
    select() takes no descriptor above 1023, and a long-running process (a server, a test session) holds that
    many — its ValueError, read as the child's death, once failed every file after (also used by
    vectorstore.encoder_process)."""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    return bool(poller.poll(max(timeout, 0.0) * 1000))


class ReaderProcess:
    """`load(path)` → the file's text, as `ingest.loaders.load_text`, with time and memory bounded.

    Use as a context manager (or call `close()`): the child is started on the first such file and
    stopped at the end.
    """

    def __init__(self, settings: Settings):
        self.settings = settings
        self._proc: subprocess.Popen | None = None
        self._stderr = None  # the child's error output, kept to say why it died
        self._buffer = bytearray()

    def __enter__(self) -> "ReaderProcess":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def load(self, path: str | Path, max_bytes: int | None = None) -> str:
        path = Path(path)
        if path.suffix.lower() not in ISOLATED_SUFFIXES:
            return load_text(path, max_bytes=max_bytes)
        proc = self._child()
        request = json.dumps({"path": str(path.resolve()), "max_bytes": max_bytes}) + "\n"
        deadline = time.monotonic() + self.settings.max_parse_seconds
        try:
            proc.stdin.write(request.encode("utf-8"))
            proc.stdin.flush()
            line = self._read_line(deadline)
            try:
                reply = json.loads(line)
            except ValueError:
                self._kill()
                raise LoadError("the process reading it wrote something other than its reply to its output: "
                                f"{line[:200].decode('utf-8', 'replace')!r}") from None
            if "length" in reply:
                data = self._read_exactly(reply["length"], deadline)
                if "pages" not in reply:
                    return data.decode("utf-8", "surrogatepass")
                pages = _pdf_pages(reply, data)
        except TimeoutError:
            self._kill()
            raise LoadError(f"reading it took longer than {self.settings.max_parse_seconds:g} s (settings.max_parse_seconds); "
                            "a zip bomb or a damaged file?") from None
        except (EOFError, BrokenPipeError, ValueError) as exc:
            state = str(exc) if isinstance(exc, (EOFError, ValueError)) else ""
            code, said = self._kill(wait=CHILD_EXIT_WAIT_SECONDS)
            said = "; ".join(x for x in (state, said) if x)
            # a child that said nothing, or spoke of memory, may have hit the cap; one that said why needs no guess
            hint = "" if said and "memory" not in said.lower() else \
                (f"; it may need more than {_megabytes(self.settings.max_parse_memory_bytes)} of memory "
                 "(settings.max_parse_memory_bytes)")
            raise LoadError(f"the process reading it died (exit code {code}{f'; it said: {said}' if said else ''}){hint}") from None
        if reply.get("memory"):
            self._kill()  # its heap may stay fragmented near the cap: the next file gets a fresh child
            raise LoadError(f"reading it needs more than {_megabytes(self.settings.max_parse_memory_bytes)} of memory "
                            "(settings.max_parse_memory_bytes); a zip bomb or a damaged file?")
        if "length" in reply:  # a PDF or OFD: its scanned pages are read by OCR here, outside the child's caps
            return pdf_text(pages, kind=PAGED_SUFFIXES[path.suffix.lower()])
        raise LoadError(reply.get("error") or "could not read the file")

    def close(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None:
            end_child(proc)
        if self._stderr is not None:
            self._stderr.close()
            self._stderr = None

    # --- the child ----------------------------------------------------------------------------------------

    def _child(self) -> subprocess.Popen:
        if self._proc is None or self._proc.poll() is not None:
            self._kill()
            limits = {"memory": self.settings.max_parse_memory_bytes, "unpacked": self.settings.max_unpacked_bytes,
                      "text": self.settings.max_text_chars, "ocr_pages": self.settings.max_ocr_pages}
            self._stderr = tempfile.TemporaryFile()
            self._proc = subprocess.Popen([sys.executable, "-m", "ingest.reader_process", json.dumps(limits)],
                                          cwd=PROJECT_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                          stderr=self._stderr)
            self._buffer = bytearray()
        return self._proc

    def _kill(self, wait: float = 0.0) -> tuple[int | None, str]:
        """Stop the child (ours, by its PID); the next file starts a new one. Returns its exit code and the last
        line it wrote to its error output. A child whose output ended is given `wait` seconds to exit by
        itself, so that the code is its own (a crash's signal, Python's 1) rather than our kill's -9."""
        proc, self._proc = self._proc, None
        stderr, self._stderr = self._stderr, None
        if proc is None:
            return None, ""
        try:
            proc.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            proc.kill()
        code = proc.wait()
        for stream in (proc.stdin, proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        return code, _last_line(stderr)

    def _fill(self, deadline: float) -> None:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError
        fd = self._proc.stdout.fileno()
        if not readable(fd, remaining):
            raise TimeoutError
        block = os.read(fd, 1 << 20)
        if not block:
            raise EOFError(self._pipe_state(fd))
        self._buffer.extend(block)

    def _pipe_state(self, fd: int) -> str:
        """What the end of the child's output looked like from here: a child still running whose output ended,
        or a descriptor that is no pipe any more, is no death of its own (for the error, and its diagnosis)."""
        state = [] if self._proc.poll() is not None else ["its output ended while it was still running"]
        try:
            if not stat.S_ISFIFO(os.fstat(fd).st_mode):
                state.append(f"descriptor {fd} is no pipe any more")
        except OSError as exc:
            state.append(f"descriptor {fd}: {exc.strerror}")
        return "; ".join(state)

    def _read_line(self, deadline: float) -> bytes:
        while (end := self._buffer.find(b"\n")) < 0:
            self._fill(deadline)
        line = bytes(self._buffer[:end])
        del self._buffer[: end + 1]
        return line

    def _read_exactly(self, n: int, deadline: float) -> bytes:
        while len(self._buffer) < n:
            self._fill(deadline)
        data = bytes(self._buffer[:n])
        del self._buffer[:n]
        return data


def _last_line(stderr) -> str:
    """The last non-empty line of a child's error output (a scratch file, closed here), shortened."""
    if stderr is None:
        return ""
    try:
        stderr.seek(max(0, stderr.seek(0, os.SEEK_END) - 4096))
        lines = [line.strip() for line in stderr.read().decode("utf-8", "replace").splitlines() if line.strip()]
    finally:
        stderr.close()
    return lines[-1][:300] if lines else ""


def _serve(limits: dict) -> None:
    """The child: cap the address space, then answer one request per input line until the input ends."""
    import resource

    if limits.get("memory"):
        resource.setrlimit(resource.RLIMIT_AS, (limits["memory"], limits["memory"]))
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        data = b""
        peak_before = _peak_bytes()
        try:
            request = json.loads(line)
            if request["path"].lower().endswith(tuple(PAGED_SUFFIXES)):
                read_pages = load_pdf_pages if request["path"].lower().endswith(".pdf") else _load_ofd_pages()
                reply, data = _pdf_reply(read_pages(request["path"], max_bytes=request.get("max_bytes"),
                                                    max_ocr_pages=limits.get("ocr_pages")), limits.get("text"))
            else:
                text = load_text(request["path"], max_bytes=request.get("max_bytes"), max_unpacked_bytes=limits.get("unpacked"))
                _check_length(len(text), limits.get("text"))
                data = text.encode("utf-8", "surrogatepass")
                reply = {"length": len(data)}
        except MemoryError:
            reply = {"memory": True}
        except Exception as exc:
            if _ran_out_of_memory(exc, peak_before, limits.get("memory")):
                reply = {"memory": True}
            elif isinstance(exc, LoadError):
                reply = {"error": str(exc)}
            else:
                reply = {"error": f"unexpected error: {type(exc).__name__}: {exc}"}
        del line
        out.write(json.dumps(reply).encode("utf-8") + b"\n")
        out.write(data)
        out.flush()


def _load_ofd_pages():
    from ingest.ofd import load_ofd_pages

    return load_ofd_pages


def _check_length(chars: int, cap: int | None) -> None:
    if cap and chars > cap:
        raise LoadError(f"its text is longer than {cap:,} characters (settings.max_text_chars)")


def _pdf_reply(pages: list[str | list[bytes]], max_chars: int | None) -> tuple[dict, bytes]:
    """A PDF's pages (ingest.loaders.read_pdf) as a reply header and its bytes: the page texts, then each
    distinct image once (a page tree may show one image on every page)."""
    _check_length(sum(len(page) for page in pages if isinstance(page, str)), max_chars)
    blob = bytearray()
    specs: list[int | list[int]] = []
    images: dict[bytes, int] = {}
    for page in pages:
        if isinstance(page, str):
            encoded = page.encode("utf-8", "surrogatepass")
            blob += encoded
            specs.append(len(encoded))
        else:
            specs.append([images.setdefault(image, len(images)) for image in page])
    for image in images:
        blob += image
    return {"length": len(blob), "pages": specs, "images": [len(image) for image in images]}, bytes(blob)


def _pdf_pages(reply: dict, data: bytes) -> list[str | list[bytes]]:
    """The pages a `_pdf_reply` describes."""
    offset = 0
    texts: list[str | None] = []
    for spec in reply["pages"]:
        if isinstance(spec, int):
            texts.append(data[offset:offset + spec].decode("utf-8", "surrogatepass"))
            offset += spec
        else:
            texts.append(None)
    images = []
    for size in reply["images"]:
        images.append(data[offset:offset + size])
        offset += size
    return [text if text is not None else [images[i] for i in spec] for text, spec in zip(texts, reply["pages"])]


def _peak_bytes() -> int:
    """The process's peak memory as the cap counts it: its peak virtual size (VmPeak; RLIMIT_AS caps the address
    space, which runs ahead of the resident size), else its peak resident size where /proc is not there."""
    import resource

    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmPeak:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _ran_out_of_memory(exc: Exception, peak_before: int, cap: int | None) -> bool:
    """lxml reports exhausted memory as a parse error ("Memory allocation failed", or "unknown error"):
    an error raised while this request pushed the process's peak to near the cap is taken as memory."""
    if "memory allocation failed" in str(exc).lower():
        return True
    peak = _peak_bytes()
    return bool(cap) and peak > peak_before and peak >= 0.8 * cap


if __name__ == "__main__":
    _serve(json.loads(sys.argv[1]))
