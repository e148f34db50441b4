"""OFD (GB/T 33190, the national format for official electronic documents): a zip of XML, read here.

    OFD.xml                          DocBody: DocInfo (Title, CustomDatas) and DocRoot → Doc_0/Document.xml
    Doc_0/Document.xml               CommonData (PageArea, DocumentRes/PublicRes), Pages: Page BaseLoc=…
    Doc_0/Pages/Page_0/Content.xml   Layers of TextObject (Boundary, CTM, Size) holding TextCode (X, Y, DeltaX)
                                     and ImageObject (ResourceID → a MultiMedia's MediaFile in the resources)

A page is read as a typesetter laid it out: every TextCode is placed on the page (its object's Boundary
origin plus its X, Y, through the object's CTM), and the placed pieces go through the same layout as OCR'd
lines (`ingest.ocr.pages_text`): pieces on one baseline joined left to right in the order of X, rows top to
bottom, a row continuing the paragraph above unless it is indented, the row above stopped short of the right
margin, it opens a numbered heading or a gap in Y lies between; page numbers and running headers dropped; a
paragraph running over a page break kept whole. Pages come in the order Document.xml lists them.

The title and 文号 come from OFD.xml's DocInfo (Title, and a CustomData named 文号/发文字号/DocNumber) and are put
as the first lines when the page text does not already open with them, so ingest.metadata reads them as from
a .txt. A page with no text objects goes to OCR through its images (ImageObject), exactly like a PDF page
without a text layer (ingest.loaders.pdf_text, in the parent process).

easyofd (PyPI) reads OFD too, but needs PyMuPDF (AGPL), loguru, fontTools and xmltodict for what is ~200
lines here. Limits: the archive is checked before anything is inflated (ingest.archives.check_zip), and
ingestion runs this in the reader's child process (ingest.reader_process) under its memory and time caps;
XML is parsed by lxml with no entities, DTD or network. Template pages (TemplatePage) are not read: they
hold what repeats on every page.
"""

from __future__ import annotations

import posixpath
import re

from ingest.loaders import LoadError
from settings import Settings

DOC_NUMBER_NAMES = {"文号", "发文字号", "发文文号", "docnumber", "doc_number", "documentnumber"}
LATIN_WIDTH = 0.5  # a glyph of ASCII is about half the font size wide, a Chinese one the full size
MAX_PAGES = 5000  # an OFD listing more pages is refused (a real notice has tens)
A4 = (210.0, 297.0)


def load_ofd(data: bytes) -> str:
    from ingest.loaders import pdf_text

    return pdf_text(read_ofd(data), kind="OFD")


def load_ofd_pages(path, max_bytes: int | None = None, max_ocr_pages: int | None = None) -> list[str | list[bytes]]:
    from pathlib import Path

    from ingest.loaders import _content

    return read_ofd(_content(Path(path), max_bytes), max_ocr_pages)


def read_ofd(data: bytes, max_ocr_pages: int | None = None) -> list[str | list[bytes]]:
    """Each page of the OFD: its text, or — a page without text objects — the images it shows, for OCR.
    The document info's title and 文号 open the first page's text when the page does not show them."""
    from ingest.archives import check_zip
    from ingest.ocr import Line, pages_text

    archive = check_zip(data, ".ofd")
    package = _Package(archive)
    root = package.xml("OFD.xml")
    if root is None or _local(root.tag) != "OFD":
        raise LoadError("not a valid .ofd file (no OFD.xml: not an OFD package)")
    title = number = ""
    layouts: list[tuple[list[Line], float, float] | None] = []
    images: dict[int, list[bytes]] = {}
    for body in _children(root, "DocBody"):
        if not title:  # the first document's info (a package rarely holds more than one)
            title, number = _doc_info(_child(body, "DocInfo"))
        doc_root = _text(_child(body, "DocRoot"))
        if not doc_root:
            continue
        document_path = _resolve("", doc_root)
        document = package.xml(document_path)
        if document is None:
            raise LoadError(f"not a valid .ofd file: its document {document_path} is missing or not XML")
        base = posixpath.dirname(document_path)
        default_box = _box(_find(document, "CommonData", "PageArea", "PhysicalBox")) or (0, 0) + A4
        media = package.media(document, base)
        pages = _children(_child(document, "Pages"), "Page")
        if len(layouts) + len(pages) > MAX_PAGES:
            raise LoadError(f"the .ofd lists more than {MAX_PAGES} pages")
        for page in pages:
            page_path = _resolve(base, page.get("BaseLoc") or "")
            content = package.xml(page_path)
            if content is None:
                raise LoadError(f"not a valid .ofd file: its page {page_path} is missing or not XML")
            box = _box(_find(content, "Area", "PhysicalBox")) or default_box
            pieces = [piece for obj in _descendants(content, "TextObject") for piece in _text_pieces(obj)]
            if pieces:
                layouts.append(([Line(x - box[0], y0 - box[1], x1 - box[0], y1 - box[1], text)
                                 for x, y0, x1, y1, text in pieces], box[2], box[3]))
            else:
                layouts.append(None)
                images[len(layouts) - 1] = [media[ref] for obj in _descendants(content, "ImageObject")
                                            if (ref := obj.get("ResourceID")) in media]
    if not layouts:
        raise LoadError("not a valid .ofd file: it lists no pages")
    scanned = [n for n, layout in enumerate(layouts) if layout is None]
    max_ocr_pages = max_ocr_pages or Settings.max_ocr_pages
    if len(scanned) > max_ocr_pages:
        raise LoadError(f"{len(scanned)} pages have no text and would need OCR; at most {max_ocr_pages} "
                        "a file are read (settings.max_ocr_pages)")
    for n in scanned:
        from ingest.ocr import image_size

        for image in images[n]:
            image_size(image)  # raises LoadError for an image OCR cannot read (JBIG2) or past its pixel limit
    result: list[str | list[bytes]] = []
    run: list[tuple[list[Line], float, float]] = []
    for layout in layouts + [None]:  # each run of text pages is laid out together: paragraphs cross its page breaks
        if layout is not None:
            run.append(layout)
            continue
        result += pages_text(run, recognised=False)
        run = []
        if len(result) < len(layouts):
            result.append(images[len(result)])
    return _with_heads(result, title, number)


# --- the package ---------------------------------------------------------------------------------------


class _Package:
    def __init__(self, archive):
        self.archive = archive
        self.names = {name.lstrip("/"): name for name in archive.namelist()}
        self.lower = {name.lower(): name for name in self.names}

    def read(self, path: str) -> bytes | None:
        name = self.names.get(path) or self.names.get(self.lower.get(path.lower(), ""))
        if name is None:
            return None
        try:
            return self.archive.read(name)
        except Exception as exc:  # a damaged member: bad CRC, truncated stream, unknown compression
            raise LoadError(f"not a valid .ofd file (damaged: {path}: {exc})") from None

    def xml(self, path: str):
        from lxml import etree

        data = self.read(path)
        if data is None:
            return None
        parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
        try:
            return etree.fromstring(data, parser)
        except etree.XMLSyntaxError as exc:
            raise LoadError(f"not a valid .ofd file: {path} is not well-formed XML ({exc})") from None

    def media(self, document, base: str) -> dict[str, bytes]:
        """The document's images by resource ID, from its DocumentRes and PublicRes files."""
        found: dict[str, bytes] = {}
        common = _child(document, "CommonData")
        for kind in ("DocumentRes", "PublicRes"):
            for ref in _children(common, kind):
                res_path = _resolve(base, _text(ref))
                res = self.xml(res_path)
                if res is None:
                    continue
                folder = _resolve(posixpath.dirname(res_path), res.get("BaseLoc") or "")
                for item in _descendants(res, "MultiMedia"):
                    file = _text(_child(item, "MediaFile"))
                    data = self.read(_resolve(folder, file)) if file else None
                    if data is not None and item.get("ID"):
                        found[item.get("ID")] = data
        return found


def _resolve(base: str, location: str) -> str:
    """A location in the package: absolute ("/Doc_0/…") from its root, else relative to `base`."""
    location = location.strip().replace("\\", "/")
    path = location.lstrip("/") if location.startswith("/") else posixpath.join(base, location)
    return posixpath.normpath(path).lstrip("/") if path else ""


# --- text objects ----------------------------------------------------------------------------------------


def _text_pieces(obj) -> list[tuple[float, float, float, float, str]]:
    """Each TextCode of a TextObject as (x0, y0, x1, y1, text) on the page, in its units (mm)."""
    boundary = _box(obj.get("Boundary")) or (0.0, 0.0, 0.0, 0.0)
    size = _number(obj.get("Size"), 3.5)
    ctm = _numbers(obj.get("CTM"))
    a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    scale = (abs(a * d - b * c) ** 0.5) or 1.0
    pieces = []
    x, y = 0.0, 0.0
    for code in _children(obj, "TextCode"):
        text = "".join(code.itertext())
        x = _number(code.get("X"), x)  # X and Y carry over from the code before when absent
        y = _number(code.get("Y"), y)
        if not text.strip():
            continue
        width = _width(text, size, code.get("DeltaX"))
        px, py = a * x + c * y + e, b * x + d * y + f
        left, baseline = boundary[0] + px, boundary[1] + py
        height = size * scale
        pieces.append((left, baseline - 0.88 * height, left + width * scale, baseline + 0.12 * height, text.strip()))
    return pieces


def _width(text: str, size: float, delta_x: str | None) -> float:
    """How wide a TextCode's text runs: its DeltaX advances (`g N v` is v repeated N times) plus the last
    glyph, or the glyphs' usual widths when it states none."""
    glyph = [size * (LATIN_WIDTH if ch.isascii() else 1.0) for ch in text]
    if not delta_x:
        return sum(glyph)
    advances: list[float] = []
    tokens = delta_x.split()
    i = 0
    while i < len(tokens):
        if tokens[i] == "g" and i + 2 < len(tokens):
            advances += [_number(tokens[i + 2], 0.0)] * int(_number(tokens[i + 1], 0))
            i += 3
        else:
            advances.append(_number(tokens[i], 0.0))
            i += 1
    advances = advances[: len(text) - 1]
    return sum(advances) + sum(glyph[len(advances):])


# --- document info ---------------------------------------------------------------------------------------


def _doc_info(info) -> tuple[str, str]:
    """The title and the 文号 the document info states ("" for either it does not)."""
    if info is None:
        return "", ""
    numbers = [_text(data) for data in _descendants(info, "CustomData")
               if (data.get("Name") or "").strip().lower() in DOC_NUMBER_NAMES]
    return _text(_child(info, "Title")), next((n for n in numbers if n), "")


def _with_heads(pages: list[str | list[bytes]], title: str, number: str) -> list[str | list[bytes]]:
    """The first page's text opening with the title, then the 文号, each unless its first lines show it."""
    at = next((n for n, page in enumerate(pages) if isinstance(page, str) and page.strip()), None)
    lines = pages[at].split("\n") if at is not None else []

    def shown(head: str) -> int | None:
        key = re.sub(r"\s+", "", head)
        return next((n for n, line in enumerate(lines[:6]) if key in re.sub(r"\s+", "", line)), None)

    if title and shown(title) is None:
        lines.insert(0, title)
    if number and shown(number) is None:
        lines.insert(shown(title) + 1 if title else 0, number)
    if at is None:
        return (["\n".join(lines)] if lines else []) + pages
    return pages[:at] + ["\n".join(lines)] + pages[at + 1:]


# --- XML helpers (namespaces vary between writers: elements are matched by local name) -------------------


def _local(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name: str) -> list:
    return [] if element is None else [child for child in element if _local(child.tag) == name]


def _child(element, name: str):
    found = _children(element, name)
    return found[0] if found else None


def _find(element, *path: str):
    for name in path:
        element = _child(element, name)
    return element


def _descendants(element, name: str) -> list:
    return [] if element is None else [node for node in element.iter() if _local(node.tag) == name]


def _text(element) -> str:
    return "" if element is None else "".join(element.itertext()).strip()


def _number(value, default: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        return default


def _numbers(value) -> list[float]:
    if not value:
        return []
    try:
        return [float(v) for v in value.split()]
    except ValueError:
        return []


def _box(value) -> tuple[float, float, float, float] | None:
    numbers = _numbers(value if isinstance(value, str) or value is None else _text(value))
    return tuple(numbers) if len(numbers) == 4 else None
