"""Tables: rows that carry their header, so a row reads on its own.

Loaders flatten a table to one line per row with cells joined by " | " (HTML, .docx, the shared .txt
files). A row on its own ("13 | 以协商估值…模式 | 简化… | 中国银保监会、科技部 | 全国") says nothing about
what its cells are. `label_rows` rewrites every row after a header row so each cell is named, and turns a
column of responsible bodies into the bracketed note the responsibility grammar reads (ingest.units):

    序号 | 改革举措 | 主要内容 | 指导部门 | 推广范围
    13 | 商标质押贷款模式 | 简化质押登记流程。 | 中国银保监会、科技部 | 全国
  →
    13 | 改革举措：商标质押贷款模式 | 主要内容：简化质押登记流程。 | 推广范围：全国（指导部门：中国银保监会、科技部）

A header is a row of 3+ short cells without digits. It governs the rows with as many cells that follow it,
also across section headings between them, until a row with another number of cells.
"""

from __future__ import annotations

import re

from ingest.units import ROLE_COLUMN

CELL_SEPARATOR = " | "
MAX_HEADER_CELL = 12


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.split("|")]


def _is_header(cells: list[str]) -> bool:
    return len(cells) >= 3 and all(c and len(c) <= MAX_HEADER_CELL and not re.search(r"\d", c) for c in cells)


def label_rows(text: str) -> str:
    if "|" not in text:
        return text
    lines = text.split("\n")
    header: list[str] | None = None
    for i, line in enumerate(lines):
        if "|" not in line:
            continue
        cells = _cells(line)
        if _is_header(cells):
            header = [re.sub(r"\s+", "", c) for c in cells]
            continue
        if header is None or len(cells) != len(header):
            header = None
            continue
        lines[i] = label_row(header, cells)
    return "\n".join(lines)


def label_row(header: list[str], cells: list[str]) -> str:
    """One row with each cell named by its column, role columns as the row's note (see the module's example).

    A cell already carrying its name (a spreadsheet row labelled by its loader) is left as it is; a column
    without a name leaves its cells bare.
    """
    parts, notes = [], []
    for n, (name, value) in enumerate(zip(header, cells)):
        if not value:
            continue
        labelled = value if not name or value.startswith(f"{name}：") else f"{name}：{value}"
        if name and ROLE_COLUMN.fullmatch(name):
            notes.append(labelled)
        elif n == 0 and re.fullmatch(r"\d{1,4}", value):
            parts.append(value)  # the row's number stays bare: "13 | …"
        else:
            parts.append(labelled)
    row = CELL_SEPARATOR.join(parts)
    return row + (f"（{'，'.join(notes)}）" if notes else "")
