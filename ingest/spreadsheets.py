"""Spreadsheets (.xlsx, .xls, .csv): each sheet a table whose rows carry their header.

A task-division table (分工表) is published as a workbook as often as inside a notice. Each sheet is read
as a grid and written the way every other loader writes a table (ingest.tables): one line per row, cells
joined by " | ". The header row is found in the grid (the first row of several short text cells, after
any title rows), and each data row below it is labelled with it by `ingest.tables.label_row`, so a row
reads on its own and its responsible-body columns become its note:

    某市重点任务分工表                                    (a title row: one cell, merged across)
    序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限
    1 | 重点任务：加快新产品推广应用 | 完成时限：2024年底（牵头单位：市工业和信息化局，配合单位：市财政局）

A row with a single cell under the header (一、科技创新, merged across the table) is a section heading
and stays a line of its own. A cell merged down several rows (the category of a group of tasks) is
repeated in each of them. With several sheets, each non-default sheet name is written before its table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re

from ingest.archives import check_zip
from ingest.loaders import TABLE_CELL_SEPARATOR, LoadError, decode_bytes
from ingest.tables import label_row

HEADER_SEARCH_ROWS = 10  # the header is among the first rows of a sheet (after its title rows)
MAX_HEADER_CELL = 20  # characters of a header cell; a longer cell is data
DEFAULT_SHEET_NAME = re.compile(r"^(sheet|工作表)\s*\d*$", re.IGNORECASE)

Grid = list[list[str]]


# --- the formats ------------------------------------------------------------------------------------


def load_xlsx(data: bytes) -> str:
    import openpyxl

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise LoadError("not a valid .xlsx file: this is an old Excel 97-2003 workbook; name it .xls")
    check_zip(data, ".xlsx")
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)  # data_only: formulas' last values
    except Exception as exc:  # openpyxl raises zip, XML and its own errors for a damaged file
        raise LoadError(f"not a valid .xlsx file (damaged or not a workbook): {type(exc).__name__}: {exc}") from None
    sheets = []
    for sheet in workbook.worksheets:
        grid = [[_cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
        merges = [(r.min_row - 1, r.max_row - 1, r.min_col - 1, r.max_col - 1) for r in sheet.merged_cells.ranges]
        sheets.append((sheet.title, _fill_merged_down(grid, merges)))
    return workbook_text(sheets)


def load_xls(data: bytes) -> str:
    import xlrd

    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        if data.startswith(b"PK"):
            raise LoadError("not a valid .xls file: this is a newer .xlsx workbook; name it .xlsx")
        raise LoadError("not a valid .xls file (not an Excel 97-2003 workbook)")
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct errors for a damaged file
        raise LoadError(f"not a valid .xls file (damaged or not a workbook): {type(exc).__name__}: {exc}") from None
    sheets = []
    try:
        for index in range(book.nsheets):
            sheet = book.sheet_by_index(index)
            grid = [[_xls_cell_text(sheet.cell(r, c), book.datemode) for c in range(sheet.ncols)] for r in range(sheet.nrows)]
            merges = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
            sheets.append((sheet.name, _fill_merged_down(grid, merges)))
    except Exception as exc:
        raise LoadError(f"damaged .xls file: {type(exc).__name__}: {exc}") from None
    finally:
        book.release_resources()
    return workbook_text(sheets)


def load_csv(data: bytes) -> str:
    text = decode_bytes(data)  # UTF-8 (with BOM), GBK/GB18030 as Excel saves it in China, UTF-16
    try:
        dialect = csv.Sniffer().sniff(text[:8192], delimiters=",\t;")
    except csv.Error:
        dialect = csv.excel
    grid = [[_cell_text(value) for value in row] for row in csv.reader(io.StringIO(text, newline=""), dialect)]
    return workbook_text([("", grid)])


# --- grid → text ------------------------------------------------------------------------------------


def workbook_text(sheets: list[tuple[str, Grid]]) -> str:
    """Every sheet's table, in order; a sheet's own name before it when there are several."""
    tables = [(name, grid) for name, grid in ((n, _trim(g)) for n, g in sheets) if grid]
    lines: list[str] = []
    for name, grid in tables:
        if len(tables) > 1 and name and not DEFAULT_SHEET_NAME.match(name):
            lines.append(name)
        lines.extend(sheet_lines(grid))
    return "\n".join(lines)


def sheet_lines(grid: Grid) -> list[str]:
    """Title rows as they are, the header row, then each row labelled with the header."""
    header_at = find_header(grid)
    if header_at is None:
        return [_join(row) for row in grid]
    header = [re.sub(r"\s+", "", cell) for cell in grid[header_at]]
    lines = [" ".join(c for c in row if c) for row in grid[:header_at]]
    lines.append(_join(header))
    for row in grid[header_at + 1:]:
        filled = [c for c in row if c]
        if len(filled) == 1 and (row[0] or row[1]) and len(header) > 2:
            lines.append(filled[0])  # a section heading across the table: 一、科技创新
        else:
            lines.append(label_row(header, row))
    return lines


def find_header(grid: Grid) -> int | None:
    """The index of the header row: the first of the leading rows with 2+ cells, all short text, none numeric,
    filling most of the table's width and followed by a row of data; None when there is none."""
    width = max(len(row) for row in grid)
    for i, row in enumerate(grid[: HEADER_SEARCH_ROWS]):
        cells = [c for c in row if c]
        if len(cells) < 2 or len(cells) * 2 < width or i + 1 >= len(grid):
            continue
        if all(len(c) <= MAX_HEADER_CELL and not _is_number(c) for c in cells):
            return i
        return None  # the first row of several cells is data: no header
    return None


def _trim(grid: Grid) -> Grid:
    """Drop empty rows and the columns that are empty in every row; rows padded to one width."""
    rows = [row for row in grid if any(row)]
    if not rows:
        return []
    width = max(len(row) for row in rows)
    rows = [row + [""] * (width - len(row)) for row in rows]
    keep = [c for c in range(width) if any(row[c] for row in rows)]
    return [[row[c] for c in keep] for row in rows]


def _fill_merged_down(grid: Grid, merges: list[tuple[int, int, int, int]]) -> Grid:
    """A cell merged down several rows is repeated in each, so every row reads on its own; a merge across
    one row only keeps its value once (a title or a section heading)."""
    for top, bottom, left, right in merges:
        if bottom == top or top >= len(grid):
            continue
        value = grid[top][left] if left < len(grid[top]) else ""
        for r in range(top + 1, min(bottom, len(grid) - 1) + 1):
            if left < len(grid[r]) and not grid[r][left]:
                grid[r][left] = value
    return grid


def _join(cells: list[str]) -> str:
    while cells and not cells[-1]:
        cells = cells[:-1]
    return TABLE_CELL_SEPARATOR.join(cells)


def _is_number(text: str) -> bool:
    return bool(re.fullmatch(r"[-+]?[\d,，.]+%?", text))


def _cell_text(value) -> str:
    """A cell as one line of text: numbers as written (1, not 1.0), dates in Chinese, line breaks as spaces,
    and no "|" (it would split the cell)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime) and (value.hour, value.minute, value.second) == (0, 0, 0):
        value = value.date()
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return f"{value.year}年{value.month}月{value.day}日"
    text = str(value).replace("|", "｜")
    return re.sub(r"\s+", " ", text).strip()


def _xls_cell_text(cell, datemode: int) -> str:
    import xlrd

    if cell.ctype == xlrd.XL_CELL_DATE:
        try:
            return _cell_text(xlrd.xldate_as_datetime(cell.value, datemode))
        except (ValueError, OverflowError, xlrd.xldate.XLDateError):
            return _cell_text(cell.value)
    if cell.ctype in (xlrd.XL_CELL_ERROR, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_EMPTY):
        return ""
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return _cell_text(bool(cell.value))
    return _cell_text(cell.value)
