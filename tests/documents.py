"""Real documents written by the tests: a .docx of paragraphs, a PDF with a Chinese text layer."""

from __future__ import annotations

from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas


def write_docx(path: Path, lines: list[str]) -> Path:
    """A .docx with one paragraph a line."""
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)
    return path


def write_pdf(path: Path, lines: list[str], width: int = 48) -> Path:
    """A PDF whose text layer holds the lines (each cut at `width` characters, which fit the page), in
    reportlab's built-in CJK font, on as many A4 pages as they need."""
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path), pagesize=A4)
    pdf.setFont("STSong-Light", 10)
    y = 800
    for line in lines:
        pdf.drawString(30, y, line[:width])
        y -= 16
        if y < 40:
            pdf.showPage()
            pdf.setFont("STSong-Light", 10)
            y = 800
    pdf.save()
    return path


OFD_NS = "http://www.ofdspec.org/2016"


def write_ofd(path: Path, lines: list[str], title: str | None = None, doc_number: str | None = None,
              piece_chars: int = 7, images: list[bytes] | None = None) -> Path:
    """An OFD package (GB/T 33190) as a typesetter writes one: A4 pages in mm, the first line a centred title,
    every other line a paragraph indented two characters and wrapped at the right margin, each printed row cut
    into text objects of `piece_chars` characters (TextCode with X, Y and DeltaX), written to the page in a
    shuffled order; a page number at each page's foot. `title` and `doc_number` go into OFD.xml's DocInfo.
    With `images`, the pages are those PNG images instead, each an ImageObject (a scanned OFD)."""
    import random
    import zipfile
    from xml.sax.saxutils import escape

    size, pitch, left, right, top, bottom = 5.0, 8.5, 28.0, 182.0, 37.0, 262.0
    shuffle = random.Random(0).shuffle

    def advance(ch: str) -> float:
        return size * (0.5 if ch.isascii() else 1.0)

    pages: list[list[str]] = [[]]
    y = top
    ids = iter(range(100, 10 ** 6))

    def emit(x: float, text: str, page: list[str] | None = None) -> None:
        deltas = " ".join(f"{advance(ch):g}" for ch in text[:-1])
        width = sum(advance(ch) for ch in text)
        (pages[-1] if page is None else page).append(f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:g} {y:g} {width:g} {size * 1.2:g}" Font="1" '
                         f'Size="{size:g}"><ofd:TextCode X="0" Y="{size:g}" DeltaX="{deltas}">{escape(text)}'
                         '</ofd:TextCode></ofd:TextObject>')

    def row(x: float, text: str) -> None:
        nonlocal y
        if y > bottom:
            pages.append([])
            y = top
        for start in range(0, len(text), piece_chars):
            piece = text[start:start + piece_chars]
            emit(x + sum(advance(ch) for ch in text[:start]), piece)
        y += pitch

    for n, line in enumerate(lines if images is None else []):
        if n == 0:
            row((210 - sum(advance(ch) for ch in line)) / 2, line)
            y += pitch / 2
            continue
        indent, rest = 2 * size, line
        while rest:
            k, width = 0, 0.0
            while k < len(rest) and width + advance(rest[k]) <= right - left - indent:
                width += advance(rest[k])
                k += 1
            row(left + indent, rest[:k])
            rest, indent = rest[k:], 0.0
    for number, page in enumerate(pages, start=1):
        y = 280.0
        emit(98.0, f"- {number} -", page)
        shuffle(page)
    if images is not None:
        pages = [[f'<ofd:ImageObject ID="{next(ids)}" ResourceID="{n + 1}" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>']
                 for n in range(len(images))]
    info = "".join([f"<ofd:Title>{escape(title)}</ofd:Title>" if title else "",
                    f'<ofd:CustomDatas><ofd:CustomData Name="文号">{escape(doc_number)}</ofd:CustomData></ofd:CustomDatas>'
                    if doc_number else ""])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD xmlns:ofd="{OFD_NS}" Version="1.1" '
                         f'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0</ofd:DocID>{info}</ofd:DocInfo>'
                         '<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        listed = "".join(f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>' for n in range(len(pages)))
        package.writestr("Doc_0/Document.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document xmlns:ofd="{OFD_NS}">'
                         '<ofd:CommonData><ofd:MaxUnitID>1000000</ofd:MaxUnitID><ofd:PageArea>'
                         '<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>'
                         '<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>'
                         f'<ofd:Pages>{listed}</ofd:Pages></ofd:Document>')
        media = "".join(f'<ofd:MultiMedia ID="{n + 1}" Type="Image"><ofd:MediaFile>Image_{n}.png</ofd:MediaFile>'
                        '</ofd:MultiMedia>' for n in range(len(images or [])))
        package.writestr("Doc_0/DocumentRes.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res xmlns:ofd="{OFD_NS}" '
                         f'BaseLoc="Res"><ofd:MultiMedias>{media}</ofd:MultiMedias></ofd:Res>')
        for n, image in enumerate(images or []):
            package.writestr(f"Doc_0/Res/Image_{n}.png", image)
        for n, page in enumerate(pages):
            package.writestr(f"Doc_0/Pages/Page_{n}/Content.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page '
                             f'xmlns:ofd="{OFD_NS}"><ofd:Content><ofd:Layer ID="{next(ids)}">{"".join(page)}</ofd:Layer>'
                             '</ofd:Content></ofd:Page>')
    return path


def write_table_pdf(path: Path, before: list[str], rows: list[list[str]] | None, after: list[str] = (),
                    spans: list[tuple[tuple[int, int], tuple[int, int]]] = ()) -> Path:
    """A PDF as a notice is typeset: the first line a centred title, every other line a paragraph indented two
    characters and wrapped at the margin, then a ruled table whose long cells wrap inside their column (rows[0]
    is the header; None for no table), then more paragraphs. `spans` merge cells ((col, row), (col, row))."""
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    text = ParagraphStyle("cjk", fontName="STSong-Light", fontSize=10.5, leading=15, wordWrap="CJK", firstLineIndent=21)
    title = ParagraphStyle("title", parent=text, alignment=1, firstLineIndent=0, spaceAfter=8)
    cell = ParagraphStyle("cell", parent=text, fontSize=9.5, leading=13, firstLineIndent=0)
    flow = [Paragraph(line, title if n == 0 else text) for n, line in enumerate(before)]
    if rows:
        table = Table([[Paragraph(c, cell) for c in row] for row in rows], colWidths=[30, 190, 90, 90, 70][: len(rows[0])])
        table.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, "black"), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
                                  + [("SPAN", start, end) for start, end in spans]))
        flow.append(table)
    flow += [Paragraph(line, text) for line in after]
    SimpleDocTemplate(str(path), pagesize=A4).build(flow)
    return path
