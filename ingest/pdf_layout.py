"""A PDF's text layer laid out as the .txt holds it: paragraphs joined again, ruled tables kept as rows.

pypdf gives a page's text one printed row a line, so a paragraph wrapped over four rows is four lines and a
note wrapped as `（生态环境部牵` / `头，国家发展改革委…参与）` is cut where the responsibility grammar needs it
whole. pdfplumber gives the rows with their positions; they go through the layout OCR'd lines go through
(`ingest.ocr.pages_text`, for stated text): a row continues the paragraph above unless it is indented, the
row above stopped short of the right margin, it opens a numbered heading or a gap lies between; page
numbers and running headers dropped; a paragraph over a page break kept whole. A PDF with more text pages
than settings.max_pdf_layout_pages keeps pypdf's rows (pdfplumber's analysis costs ~0.1 s a page).

pypdf reads a ruled table cell by cell down the page — `序` / `号` / `重点任务` / `牵头单位` … each on a line of
its own, a wrapped cell split in two — so no row says which unit leads which task. pdfplumber (MIT; chosen by
measuring against pypdf and PyMuPDF, see README "How documents are read") finds ruled tables and their
cells. On a page where it finds one, the page is written from pdfplumber: the lines outside the tables as
they stand, and each table, at its place on the page, as one line per row with cells joined by " | " — the
form every other loader writes, which ingest.tables labels with the header row so a task-division table
gives one responsibility row per task. Only pages whose content draws rules are searched for tables; a
page with a table is not joined to its neighbours.

In a row, a cell that continues one merged down from the row above (pdfplumber gives it as None) repeats
that cell's text, as a spreadsheet's does; a row whose only cell spans the table (一、提升创新能力) is a heading
line; a cell's wrapped lines are joined back (nothing between Chinese, a space between words).
"""

from __future__ import annotations

import io
import logging
import re

from ingest.loaders import TABLE_CELL_SEPARATOR

from settings import Settings

logging.getLogger("pdfminer").setLevel(logging.ERROR)

TABLE_SETTINGS = {"vertical_strategy": "lines", "horizontal_strategy": "lines"}  # ruled tables only
MIN_RULES = 4  # path segments and rectangles a page draws before it may hold a ruled table
PATH_OPERATOR = re.compile(rb"(?<=[\s\d.])(?:re|l|Do)(?=\s)")  # a rectangle, a line segment, or a form (may draw either)


def lay_out(data: bytes, pages: list, pdf_pages, max_pages: int | None = None) -> list:
    """`pages` (pypdf's text of each page, or a scanned page's images; `pdf_pages` pypdf's pages) with each text
    page laid out into paragraphs and each ruled table as rows. Falls back to pypdf's text where pdfplumber
    cannot read the file or finds nothing on a page."""
    try:
        import pdfplumber
    except ImportError:
        return pages
    from ingest.ocr import Line, pages_text

    text_pages = [n for n, page in enumerate(pages) if isinstance(page, str) and page.strip()]
    paragraphs = len(text_pages) <= (max_pages or Settings.max_pdf_layout_pages)
    result = list(pages)
    positioned: dict[int, tuple[list, float, float]] = {}
    try:
        with pdfplumber.open(io.BytesIO(data), password="") as pdf:
            for n in text_pages:
                rules = draws_rules(pdf_pages[n])
                if not (rules or paragraphs):
                    continue
                page = pdf.pages[n]
                tables = page.find_tables(TABLE_SETTINGS) if rules else []
                if tables:
                    result[n] = page_text(page, tables)
                elif paragraphs:
                    rows = [Line(line["x0"], line["top"], line["x1"], line["bottom"], line["text"])
                            for line in page.extract_text_lines()]
                    if rows:
                        positioned[n] = (rows, float(page.width), float(page.height))
                page.close()  # drop the page's parsed objects before the next
    except MemoryError:
        raise
    except Exception:  # pdfminer cannot parse what pypdf could: keep pypdf's text
        return pages
    for run in _runs(sorted(positioned)):  # consecutive pages: a paragraph may run over the break
        for n, text in zip(run, pages_text([positioned[n] for n in run], recognised=False)):
            result[n] = text
    return result


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def draws_rules(pdf_page) -> bool:
    """Whether a pypdf page's content draws enough lines or rectangles (or forms) to hold a ruled table."""
    try:
        content = pdf_page.get_contents()
        data = content.get_data() if content is not None else b""
    except MemoryError:
        raise
    except Exception:
        return True  # let pdfplumber decide
    count = 0
    for _ in PATH_OPERATOR.finditer(data):
        count += 1
        if count >= MIN_RULES:
            return True
    return False


def page_text(page, tables) -> str:
    """The page's lines outside the tables and the tables' rows, top to bottom."""
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        x, y = (obj.get("x0", 0) + obj.get("x1", 0)) / 2, (obj.get("top", 0) + obj.get("bottom", 0)) / 2
        return not any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in boxes)

    items = [(line["top"], line["text"]) for line in page.filter(outside).extract_text_lines()]
    items += [(table.bbox[1], "\n".join(table_rows(table.extract()))) for table in tables]
    items.sort(key=lambda item: item[0])
    return "\n".join(text for _, text in items if text.strip())


def table_rows(grid: list[list[str | None]]) -> list[str]:
    lines: list[str] = []
    above: list[str] = []
    for raw in grid:
        cells = [None if cell is None else _unwrap(cell) for cell in raw]
        if cells and cells[0] and all(cell is None for cell in cells[1:]) and len(cells) > 2:
            lines.append(cells[0])  # one cell across the table: a section heading
            above = []
            continue
        row = [above[i] if cell is None and i < len(above) else (cell or "") for i, cell in enumerate(cells)]
        if any(row):
            lines.append(TABLE_CELL_SEPARATOR.join(cell.replace("|", "｜") for cell in row))
        above = row
    return lines


def _unwrap(text: str) -> str:
    """A cell's wrapped lines as one: nothing between Chinese, a space between English words."""
    return re.sub(r"\s*\n\s*", _join, text).strip()


def _join(match) -> str:
    before = match.string[match.start() - 1: match.start()]
    after = match.string[match.end(): match.end() + 1]
    return " " if re.match(r"[A-Za-z,.;:]", before) and re.match(r"[A-Za-z]", after) else ""
