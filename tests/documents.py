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
