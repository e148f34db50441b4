"""Read a file of any supported format into plain text, one paragraph a line.

Tables (HTML, .docx) become one line per row, cells joined by " | ", so the
structure parser keeps a table's rows together.

Every failure is a `LoadError` with a message a user can act on; the caller
records it against the file and goes on with the others.

Document text is only ever read, never executed or rendered: HTML goes
through BeautifulSoup's parser (scripts and styles are dropped), .docx
through python-docx (XML entities are not resolved), PDF through pypdf's
text extraction. Every step is linear in the size of the file.
"""

from __future__ import annotations

import logging
import os
import re
import zipfile
from pathlib import Path

from charset_normalizer import from_bytes

from settings import Settings

TABLE_CELL_SEPARATOR = " | "

# pypdf logs every repair it attempts ("EOF marker not found"); the LoadError says what matters.
logging.getLogger("pypdf").setLevel(logging.ERROR)


class LoadError(Exception):
    """A file could not be turned into text; the message says why."""


def load_text(path: str | Path, max_bytes: int | None = None, max_unpacked_bytes: int | None = None) -> str:
    """The file's text, one paragraph a line. Files over `max_bytes` are refused unread; a .docx that
    unpacks to more than `max_unpacked_bytes` (default settings.max_unpacked_bytes) is refused.

    This bounds bytes, not parse time or memory: ingestion reads .docx, workbooks and .pdf through
    `ingest.reader_process`, which also caps those."""
    path = Path(path)
    suffix = path.suffix.lower()
    loader = _LOADERS.get(suffix)
    if loader is None:
        raise LoadError(f"unsupported file type {suffix or '(none)'}; supported: {', '.join(sorted(_LOADERS))}")
    data = _content(path, max_bytes)
    if loader is _load_docx:
        text = normalize_text(_load_docx(data, max_unpacked_bytes or Settings.max_unpacked_bytes))
    else:
        text = normalize_text(loader(data))
    if not text.strip():
        # A BOM, UTF-16 spaces or full-width spaces: still nothing but whitespace.
        raise LoadError("empty file (only whitespace)" if suffix in (".txt", ".md") else "no text found in the file")
    return text


def load_pdf_pages(path: str | Path, max_bytes: int | None = None, max_ocr_pages: int | None = None) -> list[str | list[bytes]]:
    """A PDF file's pages as `read_pdf` gives them (text layer, or images to OCR); `pdf_text` makes them text."""
    return read_pdf(_content(Path(path), max_bytes), max_ocr_pages)


def _content(path: Path, max_bytes: int | None) -> bytes:
    data = read_bytes(path, max_bytes)
    if not data:
        raise LoadError("empty file")
    if not data.strip():
        raise LoadError("empty file (only whitespace)")
    return data


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """Read at most `max_bytes` (+1 to notice more): a file that grows while being read can't exceed the limit."""
    try:
        with open(path, "rb") as handle:
            if max_bytes is not None and (size := os.fstat(handle.fileno()).st_size) > max_bytes:
                raise LoadError(f"file too large ({_megabytes(size)} > {_megabytes(max_bytes)}, settings.max_file_bytes)")
            data = handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise LoadError("file disappeared before it could be read (moved or deleted during ingestion)") from None
    except IsADirectoryError:
        raise LoadError("is a directory") from None
    except PermissionError:
        raise LoadError("permission denied") from None
    except OSError as exc:
        raise LoadError(f"cannot read the file: {exc.strerror or exc}") from None
    if max_bytes is not None and len(data) > max_bytes:
        raise LoadError(f"file too large (it grew past {_megabytes(max_bytes)}, settings.max_file_bytes, while being read)")
    return data


def _megabytes(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n} bytes"


# --- plain text ---------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def decode_bytes(data: bytes) -> str:
    """Decode text of unknown encoding: BOMs first, then UTF-8, then detection.

    Chinese government texts come as UTF-8 (with or without BOM), GB18030/GBK
    or UTF-16 with BOM; charset-normalizer settles the rest.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise LoadError(f"not valid {encoding.upper().replace('-SIG', '')} text despite its byte-order mark ({exc.reason} at byte {exc.start})") from None
    if b"\x00" in data[:65536]:
        raise LoadError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if _looks_binary(text):
            raise LoadError("binary file, not text")
        return text
    if b"\x00" in data:
        raise LoadError("binary file (contains NUL bytes), not text")
    best = from_bytes(data).best()
    if best is None:
        raise LoadError("could not detect the text encoding (not UTF-8, GB18030/GBK or UTF-16)")
    encoding = best.encoding
    # Simplified Chinese detected as a legacy subset decodes better as its superset.
    if encoding.lower().replace("-", "").replace("_", "") in {"gb2312", "gbk", "hz", "cp936"}:
        encoding = "gb18030"
    text = data.decode(encoding, errors="strict") if _decodes(data, encoding) else str(best)
    if _looks_binary(text):
        raise LoadError("binary file, not text")
    return text


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
        return True
    except (UnicodeDecodeError, LookupError):
        return False


def _looks_binary(text: str) -> bool:
    sample = text[:20000]
    if not sample:
        return False
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f")
    return controls / len(sample) > 0.01


def _load_txt(data: bytes) -> str:
    return decode_bytes(data)


def _load_markdown(data: bytes) -> str:
    text = decode_bytes(data)
    # Headings and emphasis markers carry no words; drop them, keep the text.
    text = re.sub(r"(?m)^\s{0,3}#{1,6}\s*", "", text)
    text = re.sub(r"(?m)^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$", "", text)  # table rule
    text = re.sub(r"(?m)^\s*\|(.*)\|\s*$", lambda m: TABLE_CELL_SEPARATOR.join(c.strip() for c in m.group(1).split("|")), text)
    return re.sub(r"\*\*(.+?)\*\*", r"\1", text)


# --- HTML -----------------------------------------------------------------------


def _load_html(data: bytes) -> str:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(decode_bytes(data), "html.parser")
    for tag in soup(["script", "style", "noscript", "template", "head"]):
        tag.decompose()
    for table in soup.find_all("table"):
        rows = []
        for tr in table.find_all("tr"):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
            if any(cells):
                rows.append(TABLE_CELL_SEPARATOR.join(cells))
        table.replace_with("\n" + "\n".join(rows) + "\n")
    for br in soup.find_all("br"):
        br.replace_with("\n")
    blocks = ["p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "title"]
    for tag in soup.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    return soup.get_text()


# --- .docx ------------------------------------------------------------------------


def _load_docx(data: bytes, max_unpacked_bytes: int = Settings.max_unpacked_bytes) -> str:
    import io

    from ingest.word_numbering import Numberer

    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError("not a valid .docx file: this is an old Word 97-2003 .doc file; save it as .docx")
    if not data.startswith(b"PK"):
        raise LoadError("not a valid .docx file (not a zip archive)")
    _check_zip(data, max_unpacked_bytes)
    try:
        document = docx.Document(io.BytesIO(data))
    except MemoryError:
        raise
    except zipfile.BadZipFile:
        raise LoadError("not a valid .docx file (damaged or truncated: not a complete zip archive)") from None
    except (KeyError, ValueError) as exc:
        raise LoadError(f"not a valid .docx file (damaged or truncated): {exc}") from None
    except Exception as exc:  # python-docx raises several lxml/opc errors
        raise LoadError(f"could not read .docx: {type(exc).__name__}: {exc}") from None
    lines: list[str] = []
    numberer = Numberer(document)  # Word list numbers (一、 （一） 1.) are not in the text: render them
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(numberer.prefix(block) + Paragraph(block, document).text)
        elif tag == "tbl":
            for row in Table(block, document).rows:
                cells = _unique_cells(cell.text.strip() for cell in row.cells)
                if any(cells):
                    lines.append(TABLE_CELL_SEPARATOR.join(cells))
    return "\n".join(lines)


MAX_ZIP_RATIO = 200  # past RATIO_FLOOR unpacked bytes, more than this many per packed byte is a bomb
MAX_UNZIPPED_BYTES = Settings.max_unpacked_bytes  # the header check of ingest.archives (.xlsx, .ofd)
RATIO_FLOOR = 64 * 1024 * 1024


def _check_zip(data: bytes, max_unpacked_bytes: int) -> None:
    """Refuse a damaged archive or a zip bomb before python-docx inflates it.

    Every member is decompressed and its bytes counted (then dropped): the sizes a zip header
    claims can lie, and python-docx would read what the stream really holds. Costs ~1 s per 256 MB.
    """
    import io
    import zlib

    total = 0
    packed = max(len(data), 1)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for info in archive.infolist():
                with archive.open(info) as member:
                    while block := member.read(1 << 20):
                        total += len(block)
                        if total > max_unpacked_bytes:
                            raise LoadError(f"not a valid .docx file: it unpacks to more than {_megabytes(max_unpacked_bytes)} "
                                            "(settings.max_unpacked_bytes; a zip bomb?)")
                        if total > RATIO_FLOOR and total > MAX_ZIP_RATIO * packed:
                            raise LoadError(f"not a valid .docx file: it unpacks to more than {MAX_ZIP_RATIO} times its size "
                                            f"(over {_megabytes(total)} from {_megabytes(packed)}; a zip bomb?)")
    except zipfile.BadZipFile:
        raise LoadError("not a valid .docx file (damaged or truncated: not a complete zip archive)") from None
    except (zlib.error, EOFError) as exc:  # a member's compressed stream is cut short or corrupt
        raise LoadError(f"not a valid .docx file (damaged or truncated: {exc or type(exc).__name__})") from None
    except (NotImplementedError, RuntimeError) as exc:  # an unknown compression method, an encrypted member
        raise LoadError(f"not a valid .docx file: {exc}") from None


def _unique_cells(cells) -> list[str]:
    """Merged cells repeat in python-docx's row view; keep each run once."""
    out: list[str] = []
    for cell in cells:
        if not out or out[-1] != cell:
            out.append(cell)
    return out


# --- PDF ------------------------------------------------------------------------------


def _load_pdf(data: bytes) -> str:
    return pdf_text(read_pdf(data))


def read_pdf(data: bytes, max_ocr_pages: int | None = None) -> list[str | list[bytes]]:
    """Each page of the PDF: its text layer, or — a page without one — the images it holds, for OCR
    (`pdf_text`). A PDF with more than `max_ocr_pages` such pages (default settings.max_ocr_pages), or an
    image over ingest.ocr's pixel limit on one, is refused. Ingestion runs this in the reader's child
    process (ingest.reader_process): decompressing and parsing the PDF's streams is what may cost."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import DependencyError, PdfReadError

    if b"%PDF-" not in data[:1024]:  # the header may follow a little junk, never much
        raise LoadError("not a PDF file (no %PDF header)")
    max_ocr_pages = max_ocr_pages or Settings.max_ocr_pages
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                if not reader.decrypt(""):
                    raise LoadError("encrypted PDF; a password is required (save an unencrypted copy)")
            except LoadError:
                raise
            except DependencyError:
                raise LoadError("encrypted PDF (AES); opening it needs the optional 'cryptography' package, "
                                "which is not installed (save an unencrypted copy)") from None
            except Exception:
                raise LoadError("encrypted PDF; a password is required (save an unencrypted copy)") from None
        pages: list[str | list[bytes]] = [page.extract_text() or "" for page in reader.pages]
        scanned = [n for n, text in enumerate(pages) if not text.strip()]
        if len(scanned) > max_ocr_pages:
            raise LoadError(f"{len(scanned)} pages have no text layer and would need OCR; at most {max_ocr_pages} "
                            "a file are read (settings.max_ocr_pages)")
        for n in scanned:  # only the pages without a text layer are read by OCR (ingest.ocr)
            pages[n] = _page_images(reader.pages[n])
        if len(scanned) < len(pages):
            from ingest.pdf_layout import lay_out

            pages = lay_out(data, pages, reader.pages)  # paragraphs joined again, ruled tables as rows (pdfplumber)
    except (LoadError, MemoryError):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise LoadError(f"damaged or truncated PDF: {exc}") from None
    except Exception as exc:
        raise LoadError(f"could not read PDF: {type(exc).__name__}: {exc}") from None
    return pages


def _page_images(page) -> list[bytes]:
    """A page's images, as encoded image files (a scan is one image a page), each within OCR's pixel limit."""
    from ingest.ocr import image_size

    try:
        images = [image.data for image in page.images]
    except MemoryError:
        raise
    except Exception as exc:  # an image filter pypdf cannot decode (JBIG2 without its decoder …)
        raise LoadError(f"a scanned page's image could not be decoded for OCR: {type(exc).__name__}: {exc}") from None
    for data in images:
        image_size(data)  # raises LoadError past ingest.ocr.MAX_IMAGE_PIXELS
    return images


def pdf_text(pages: list[str | list[bytes]], kind: str = "PDF") -> str:
    """The text of a PDF read by `read_pdf` (or an OFD, by ingest.ofd.read_ofd): the pages that came as images
    are read by OCR here (in the calling process, which holds the OCR engine and its cache)."""
    scanned = [n for n, page in enumerate(pages) if not isinstance(page, str)]
    texts = [page if isinstance(page, str) else "" for page in pages]
    if scanned:
        from ingest.ocr import read_pdf_pages

        for n, text in zip(scanned, read_pdf_pages([pages[n] for n in scanned])):
            texts[n] = text
    text = normalize_text("\n".join(texts))
    if not text.strip():
        raise LoadError(f"{kind} has no text layer and OCR found no text in its pages")
    return text


def _elsewhere(module: str, function: str):
    """A loader kept in a module of its own (ingest.spreadsheets …), imported when first used."""

    def load(data: bytes) -> str:
        import importlib

        return getattr(importlib.import_module(module), function)(data)

    return load


_LOADERS = {
    ".txt": _load_txt,
    ".md": _load_markdown,
    ".html": _load_html,
    ".htm": _load_html,
    ".docx": _load_docx,
    ".doc": _elsewhere("ingest.legacy_word", "load_doc"),
    ".wps": _elsewhere("ingest.legacy_word", "load_wps"),
    ".pdf": _load_pdf,
    ".ofd": _elsewhere("ingest.ofd", "load_ofd"),
    ".xlsx": _elsewhere("ingest.spreadsheets", "load_xlsx"),
    ".xls": _elsewhere("ingest.spreadsheets", "load_xls"),
    ".csv": _elsewhere("ingest.spreadsheets", "load_csv"),
    ".png": _elsewhere("ingest.ocr", "load_image"),
    ".jpg": _elsewhere("ingest.ocr", "load_image"),
    ".jpeg": _elsewhere("ingest.ocr", "load_image"),
}

SUPPORTED_SUFFIXES = tuple(sorted(_LOADERS))


# --- normalisation ----------------------------------------------------------------------


def normalize_text(text: str) -> str:
    """One paragraph a line: unify line endings, drop blank lines and edge spaces."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u3000", " ").replace("\ufeff", "")
    text = text.replace("\xa0", " ")
    lines = (re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)
