"""OCR for scanned pages: image files and the PDF pages that have no text layer.

Offline on the CPU with RapidOCR (PyPI `rapidocr-onnxruntime`, which ships PaddleOCR's PP-OCRv4 Chinese
detection and recognition models, ≈15 MB, inside the wheel: nothing is downloaded at run time).

The recogniser returns text lines with their boxes. `page_paragraphs` turns them back into the text a
.txt copy would hold, so the structure parser sees the same lines:

- boxes on one row (the same height on the page) are one line, read left to right;
- page furniture is dropped: page numbers (`- 3 -`, `第3页`, `3/12`) in the top or bottom margin, and a
  header or footer line repeated on several pages;
- lines are joined into paragraphs: a line continues the paragraph above unless it is indented (the first
  line of a Chinese paragraph is), the line above stopped short of the right margin, or it opens a
  numbered heading — so a note wrapped over two lines (`（责` / `任单位：…）`) is one line again.

Recognised lines are cached by the hash of the image's bytes under `<data-dir>/ocr/` (see `cache_in`),
so a re-ingest (after the parser changed, or of the same scan under another name) does not OCR again.
"""

from __future__ import annotations

import contextlib
import contextvars
import hashlib
import io
import json
import os
import re
import statistics
from dataclasses import asdict, dataclass
from pathlib import Path

from ingest.loaders import LoadError

ENGINE = "rapidocr-onnxruntime 1.4.4 PP-OCRv4 upright"  # part of the cache key: another engine reads differently
MARGIN = 0.12  # the top and bottom share of a page where page numbers and running headers stand
INDENT_CHARS = 1.0  # a line starting this many character heights right of the margin opens a paragraph
SHORT_LINE_CHARS = 1.5  # a line ending this many character heights before the right margin closes one
MAX_IMAGE_PIXELS = 60_000_000  # a bigger image is refused (a decompression bomb, or no page scan)

# "— 3 —" is read as "一3一" as often as not: 一 counts as a dash here, where only a page number can stand.
PAGE_NUMBER = re.compile(r"^[-—–－_·一\s]*(?:第\s*)?\d{1,4}\s*(?:页)?(?:\s*/\s*(?:共\s*)?\d{1,4}\s*页?)?[-—–－_·一\s]*$")
# 入 read as 人 (the recogniser's commonest slip on Song type), fixed where 人 makes no word: 投入 列入 纳入 …
MISREAD_RU = re.compile(r"(?<=[投列纳融准注嵌植介])人(?![员才口数民])")
CJK = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"  # Chinese characters and full-width punctuation
WORD_GAP_CHARS = 0.5  # boxes on one row further apart than this many character heights are separate words

_cache_dir: contextvars.ContextVar[Path | None] = contextvars.ContextVar("ocr_cache_dir", default=None)
_engine = None


@dataclass
class Line:
    """One recognised line of text and its box on the page, in pixels."""

    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    score: float = 1.0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@contextlib.contextmanager
def cache_in(folder: Path):
    """Within the block, OCR'd images are cached under `folder` (one JSON file per image hash)."""
    token = _cache_dir.set(Path(folder))
    try:
        yield
    finally:
        _cache_dir.reset(token)


# --- loaders ----------------------------------------------------------------------------------------


def load_image(data: bytes) -> str:
    """An image file (.png, .jpg): its text, read by OCR."""
    text = "\n".join(read_pages([data], what="image"))
    if not text.strip():
        raise LoadError("no text found in the image (OCR read nothing)")
    return text


def read_pages(images: list[bytes], what: str = "page") -> list[str]:
    """The text of each page image, one paragraph a line; running headers repeated on pages dropped.

    A progress bar counts the pages (on a terminal only)."""
    from tqdm import tqdm

    pages: list[tuple[list[Line], float, float]] = []
    for data in tqdm(images, desc="OCR", unit=what, leave=False, disable=None if len(images) > 1 else True):
        width, height = image_size(data)
        pages.append((recognise(data), width, height))
    return pages_text(pages)


def pages_text(pages: list[tuple[list[Line], float, float]], recognised: bool = True) -> list[str]:
    """Each page's paragraphs (one a line) from its positioned lines and its size: running headers dropped,
    a paragraph running on from one page to the next kept whole on the first. `recognised=False` for
    lines a file states (an OFD's text objects): the recogniser's habits are then not undone."""
    repeated = _running_lines(pages)
    texts: list[str] = []
    open_end = False
    for lines, width, height in pages:
        paragraphs, continues, ends_open = page_paragraphs(lines, width, height, drop=repeated, recognised=recognised)
        if paragraphs and continues and open_end and texts:
            texts[-1] += paragraphs.pop(0)  # a paragraph running on from the page before
        texts.append("\n".join(paragraphs))
        open_end = ends_open
    return texts


def image_size(data: bytes) -> tuple[int, int]:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (UnidentifiedImageError, OSError, ValueError) as exc:
        raise LoadError(f"not a readable image: {exc}") from None
    if width * height > MAX_IMAGE_PIXELS:
        raise LoadError(f"image too large to OCR ({width}×{height} pixels)")
    return width, height


# --- recognition ------------------------------------------------------------------------------------


def recognise(data: bytes) -> list[Line]:
    """The lines OCR finds in an image, from the cache when this image was read before."""
    key = hashlib.sha256(ENGINE.encode() + b"\0" + data).hexdigest()
    folder = _cache_dir.get()
    cached = folder / f"{key}.json" if folder else None
    if cached and cached.is_file():
        try:
            return [Line(**item) for item in json.loads(cached.read_text(encoding="utf-8"))]
        except (ValueError, TypeError, OSError):
            pass  # a damaged cache entry is read again
    lines = _run_engine(data)
    if cached:
        try:
            cached.parent.mkdir(parents=True, exist_ok=True)
            partial = cached.with_suffix(f".{os.getpid()}.tmp")
            partial.write_text(json.dumps([asdict(line) for line in lines], ensure_ascii=False), encoding="utf-8")
            os.replace(partial, cached)
        except OSError:
            pass  # a read-only data directory costs a re-OCR next time, nothing else
    return lines


def _run_engine(data: bytes) -> list[Line]:
    global _engine
    try:
        from rapidocr_onnxruntime import RapidOCR
    except ImportError:
        raise LoadError("OCR needs the Python package rapidocr-onnxruntime (pip install -r requirements.txt)") from None
    if _engine is None:
        _engine = RapidOCR()
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            result, _ = _engine(image.convert("RGB"), use_cls=False)  # pages are upright; the classifier flipped a title
    except LoadError:
        raise
    except Exception as exc:  # the engine's own errors on a degenerate image
        raise LoadError(f"OCR failed: {type(exc).__name__}: {exc}") from None
    lines = []
    for box, text, score in result or []:
        xs, ys = [p[0] for p in box], [p[1] for p in box]
        lines.append(Line(min(xs), min(ys), max(xs), max(ys), text.strip(), float(score)))
    return [line for line in lines if line.text]


# --- layout: lines back into paragraphs -------------------------------------------------------------


def page_rows(lines: list[Line]) -> list[Line]:
    """Boxes on the same row merged into one line, top to bottom, each row's boxes left to right."""
    rows: list[list[Line]] = []
    for line in sorted(lines, key=lambda l: (l.y0 + l.y1) / 2):
        middle = (line.y0 + line.y1) / 2
        if rows and rows[-1][0].y0 <= middle <= rows[-1][0].y1:
            rows[-1].append(line)
        else:
            rows.append([line])
    merged = []
    for row in rows:
        row.sort(key=lambda l: l.x0)
        text = row[0].text
        for before, line in zip(row, row[1:]):
            apart = line.x0 - before.x1 > WORD_GAP_CHARS * max(line.height, 1)
            gap = " " if apart and re.match(r"[A-Za-z]", line.text) and re.search(r"[A-Za-z]$", before.text) else ""
            text += gap + line.text
        merged.append(Line(row[0].x0, min(l.y0 for l in row), max(l.x1 for l in row), max(l.y1 for l in row),
                           text, min(l.score for l in row)))
    return merged


def page_paragraphs(lines: list[Line], width: float, height: float, drop: frozenset[str] = frozenset(),
                    recognised: bool = True) -> tuple[list[str], bool, bool]:
    """The page's paragraphs, one a line, without page numbers and the running lines in `drop`; whether its
    first line may continue the page before's last paragraph, and whether its own last one runs on."""
    from ingest.structure import match_heading

    rows = [row for row in page_rows(lines) if not _furniture(row, height, drop)]
    if not rows:
        return [], False, False
    char = statistics.median(row.height for row in rows)
    left = min(row.x0 for row in rows)
    right = max(row.x1 for row in rows)
    paragraphs: list[str] = []
    previous: Line | None = None
    for row in rows:
        opens = (
            previous is None
            or row.x0 > left + INDENT_CHARS * char  # an indented first line (or a centred title)
            or previous.x1 < right - _short_by(row.text, recognised) * char  # the line above ended its paragraph
            or match_heading(row.text) is not None
            or row.y0 - previous.y1 > 1.5 * char  # a blank line between
        )
        if opens:
            paragraphs.append(row.text)
        else:
            if recognised:
                apart = re.search(r"[A-Za-z0-9,.]$", paragraphs[-1]) and re.match(r"[A-Za-z0-9]", row.text)
            else:  # stated text: only English words wrapped apart (a Chinese line's 7|00 or ,|2024 are one)
                apart = re.search(r"[A-Za-z]$", paragraphs[-1]) and re.match(r"[A-Za-z0-9]", row.text) or \
                    re.search(r"[,.;:!?]$", paragraphs[-1]) and re.match(r"[A-Za-z]", row.text)
            joiner = " " if apart else ""
            paragraphs[-1] += joiner + row.text
        previous = row
    first, last = rows[0], rows[-1]
    continues = first.x0 <= left + INDENT_CHARS * char and match_heading(first.text) is None
    ends_open = last.x1 >= right - SHORT_LINE_CHARS * char
    return [tidy(p) if recognised else p for p in paragraphs], continues, ends_open


def _short_by(text: str, recognised: bool) -> float:
    """How many characters short of the right margin a line must stop to end its paragraph. A typesetter
    wraps early when the next line's first word (2022, a Chinese character with the punctuation that may not
    open a line) does not fit: stated text's line ends a paragraph only when that word would have fitted."""
    if recognised:
        return SHORT_LINE_CHARS
    word = re.match(r"[A-Za-z0-9.,%/:;+\-]+|.[，。、；：？！）》」』”’,.;:?!)]*", text)
    width = sum(0.5 if ch.isascii() else 1.0 for ch in word.group()) if word else 1.0
    return max(SHORT_LINE_CHARS, width + 1.0)


def tidy(text: str) -> str:
    """Undo the recogniser's habits that a typed text never has: spaces beside Chinese, 〈〉 read as <>, 入 as 人."""
    text = re.sub(rf"\s+(?=[{CJK}(])|(?<=[{CJK}])\s+", "", text)
    text = re.sub(r"(?<=\d) (?=\d)", "", text)  # 3 70家: a number is never spaced
    text = re.sub(rf"<([^<>]*[{CJK}][^<>]*)>", r"〈\1〉", text)
    return MISREAD_RU.sub("入", text)


def _furniture(row: Line, height: float, drop: frozenset[str]) -> bool:
    in_margin = row.y1 < MARGIN * height or row.y0 > (1 - MARGIN) * height
    return in_margin and (bool(PAGE_NUMBER.match(row.text)) or _key(row.text) in drop)


def _running_lines(pages: list[tuple[list[Line], float, float]]) -> frozenset[str]:
    """Lines standing in the top or bottom margin of two or more pages: a running header or footer."""
    if len(pages) < 2:
        return frozenset()
    seen: dict[str, int] = {}
    for lines, _, height in pages:
        keys = {_key(row.text) for row in page_rows(lines) if row.y1 < MARGIN * height or row.y0 > (1 - MARGIN) * height}
        for key in keys:
            seen[key] = seen.get(key, 0) + 1
    return frozenset(key for key, n in seen.items() if n >= 2 and key)


def _key(text: str) -> str:
    """A running line compared without its digits (the page number in it changes)."""
    return re.sub(r"[\d\s]+", "", text)


def read_pdf_pages(pages: list[list[bytes]]) -> list[str]:
    """The text of PDF pages that have no text layer, given as the images each holds (a scan is one image a
    page; ingest.loaders.read_pdf extracts them), read by OCR in the order the page holds them."""
    images = [data for page in pages for data in page]
    owners = [n for n, page in enumerate(pages) for _ in page]
    texts = read_pages(images) if images else []
    result = [""] * len(pages)
    for n, text in zip(owners, texts):
        result[n] = "\n".join(t for t in (result[n], text) if t)
    return result
