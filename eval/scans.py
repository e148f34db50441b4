"""Scanned pages made from text: text set in a CJK font as a page image, as a printed notice is (the OCR tests
and the benchmark use them)."""

from __future__ import annotations

import io
from pathlib import Path

CJK_FONTS = [Path("/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc"),
             Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
             Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")]
PAGE = (1240, 1754)  # A4 at 150 dpi
MARGIN = 140
FONT_SIZE = 30
LINE_GAP = 22


def cjk_font() -> Path | None:
    """A CJK font on this machine (Debian's fonts-noto-cjk, which .ci/run installs), or None."""
    return next((path for path in CJK_FONTS if path.is_file()), None)


def render_pages(text: str, font_path: Path, footer: str | None = "— {n} —", page: tuple[int, int] = PAGE) -> list:
    """PIL page images of `text`: the first line a centred title, each further line a paragraph whose first line
    is indented two characters and which wraps at the right margin; a page number centred at the foot."""
    from PIL import Image, ImageDraw, ImageFont

    font = ImageFont.truetype(str(font_path), FONT_SIZE)
    width, height = size = page
    usable = width - 2 * MARGIN
    pages, page, draw, y = [], None, None, height

    def new_line():
        nonlocal page, draw, y
        if page is None or y + FONT_SIZE > height - MARGIN:
            if page is not None:
                pages.append(page)
            page = Image.new("L", size, 255)
            draw = ImageDraw.Draw(page)
            y = MARGIN
        top = y
        y += FONT_SIZE + LINE_GAP
        return top

    for i, paragraph in enumerate(line for line in text.split("\n") if line.strip()):
        if i == 0:
            top = new_line()
            draw.text(((width - font.getlength(paragraph)) / 2, top), paragraph, font=font, fill=0)
            y += LINE_GAP
            continue
        indent, rest = 2 * FONT_SIZE, paragraph
        while rest:
            n = 1
            while n < len(rest) and font.getlength(rest[: n + 1]) <= usable - indent:
                n += 1
            top = new_line()
            draw.text((MARGIN + indent, top), rest[:n], font=font, fill=0)
            rest, indent = rest[n:], 0
    pages.append(page)
    if footer:
        for n, image in enumerate(pages, start=1):
            label = footer.format(n=n)
            ImageDraw.Draw(image).text(((width - font.getlength(label)) / 2, height - 70), label, font=font, fill=0)
    return pages


def png_bytes(image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def image_pdf(images, path: Path) -> Path:
    """A PDF whose pages are only these images, as a scanner writes it (no text layer)."""
    first, *rest = [image.convert("RGB") for image in images]
    first.save(path, format="PDF", save_all=True, append_images=rest, resolution=150)
    return path
