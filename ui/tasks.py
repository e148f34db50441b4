"""Responsibilities: the responsibility table (`KnowledgeBase.tasks()`), filtered, searched, exported.

Rows: document, locator, task title, lead unit(s), other responsible units,
targets. Export writes exactly the filtered rows as CSV (UTF-8 with BOM, so
Excel shows the Chinese) or XLSX.
"""

from __future__ import annotations

import csv
import hashlib
import json
from pathlib import Path

import gradio as gr

from ui.common import KnowledgeBases, error_message, export_dir, join_units, notify, page_error

HEADERS = ["Document", "Locator", "Task", "Lead", "Responsible", "Targets"]
ALL = "All units · 全部单位"
ALL_DOCS = "All documents · 全部文件"


def task_rows(kbs: KnowledgeBases, kb_name: str | None, unit: str | None = None, doc: str | None = None,
              query: str | None = None) -> list[dict]:
    """The library's rows, filtered by unit and document, then by free text over every column and the clause text."""
    kb = kbs.get(kb_name)
    rows = kb.tasks(unit=unit or None, doc=doc or None)
    query = (query or "").strip().lower()
    if query:
        rows = [r for r in rows if query in " ".join(
            [r["doc_title"], r["doc"], r["locator"], r["title"], r["text"], *r["lead"], *r["responsible"],
             *(t["text"] for t in r["targets"])]).lower()]
    return rows


def table_row(row: dict, short: bool = False) -> list[str]:
    """A row of the table; `short` abbreviates the document title (the page), exports keep it whole."""
    others = [u for u in row["responsible"] if u not in row["lead"]]
    title = row["doc_title"]
    if short and len(title) > 24:
        title = title[:22] + "…"
    lead = join_units(row["lead"]) + ("（首位推定）" if row.get("lead_stated") == "order" else "")
    return [title, row["locator"], row["title"], lead, join_units(others),
            "；".join(t["text"] for t in row["targets"])]


def units_of(kbs: KnowledgeBases, kb_name: str | None) -> list[str]:
    rows = task_rows(kbs, kb_name)
    return sorted({u for r in rows for u in r["lead"] + r["responsible"]})


def documents_of(kbs: KnowledgeBases, kb_name: str | None) -> list[tuple[str, str]]:
    return [(d.title[:60] or d.file_name, d.doc_id) for d in kbs.get(kb_name).documents()]


def write_csv(rows: list[list[str]], path: Path) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        writer.writerows(rows)
    return path


def write_xlsx(rows: list[list[str]], path: Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Responsibilities"
    sheet.append(HEADERS)
    for row in rows:
        # A cell starting with = + - @ would be a formula in Excel: keep document text as text.
        sheet.append([("'" + c) if isinstance(c, str) and c[:1] in "=+-@" else c for c in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column, width in zip("ABCDEF", (36, 10, 30, 22, 36, 40)):
        sheet.column_dimensions[column].width = width
    for line in sheet.iter_rows(min_row=2):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    sheet.freeze_panes = "A2"
    book.save(path)
    return path


def exports(rows: list[list[str]], kb_name: str, max_age_seconds: float | None = None) -> tuple[Path, Path]:
    digest = hashlib.sha1(json.dumps([kb_name, rows], ensure_ascii=False).encode()).hexdigest()[:10]
    folder = export_dir(max_age_seconds) / digest
    folder.mkdir(exist_ok=True)
    stem = f"responsibilities-{kb_name}"
    return write_csv(rows, folder / f"{stem}.csv"), write_xlsx(rows, folder / f"{stem}.xlsx")


def build_tasks_tab(kbs: KnowledgeBases, kb_selector: gr.Dropdown) -> dict:
    gr.Markdown("Every clause that names a responsible unit. When a clause lists only 责任单位, the first unit is the lead.",
                elem_classes=["pd-hint"])
    with gr.Row(equal_height=True):
        unit = gr.Dropdown(label="Unit · 单位", choices=[ALL], value=ALL, filterable=True, elem_id="pd-unit", scale=2)
        doc = gr.Dropdown(label="Document · 文件", choices=[ALL_DOCS], value=ALL_DOCS, elem_id="pd-task-doc", scale=2)
        query = gr.Textbox(label="Search · 搜索", placeholder="task, unit, target…", elem_id="pd-task-search", scale=2)
    with gr.Row(equal_height=True):
        count = gr.Markdown("", elem_id="pd-task-count")
        csv_button = gr.DownloadButton("Export CSV", elem_id="pd-export-csv", size="sm", scale=0, min_width=130)
        xlsx_button = gr.DownloadButton("Export XLSX", elem_id="pd-export-xlsx", size="sm", scale=0, min_width=130)
    table = gr.Dataframe(headers=HEADERS, value=[], interactive=False, wrap=True, elem_id="pd-tasks", max_height=640,
                         column_widths=["17%", "9%", "18%", "14%", "20%", "22%"])

    def filtered(kb_name, unit_value, doc_value, text):
        try:
            rows = task_rows(kbs, kb_name, None if unit_value in (None, ALL) else unit_value,
                             None if doc_value in (None, ALL_DOCS) else doc_value, text)
            csv_path, xlsx_path = exports([table_row(r) for r in rows], kb_name or kbs.default,
                                          kbs.settings.temp_max_age_seconds)
        except Exception as exc:
            raise page_error(exc) from None
        return [table_row(r, short=True) for r in rows], f"**{len(rows)}** tasks", csv_path, xlsx_path

    def refresh(kb_name):
        """A new knowledge base (or changed documents): new unit and document choices, the whole table."""
        try:
            units = [ALL, *units_of(kbs, kb_name)]
            docs = [ALL_DOCS, *documents_of(kbs, kb_name)]
        except Exception as exc:
            notify(error_message(exc), "warning")
            units, docs = [ALL], [ALL_DOCS]
        rows, label, csv_path, xlsx_path = filtered(kb_name, ALL, ALL_DOCS, "")
        return gr.update(choices=units, value=ALL), gr.update(choices=docs, value=ALL_DOCS), "", rows, label, csv_path, xlsx_path

    inputs = [kb_selector, unit, doc, query]
    outputs = [table, count, csv_button, xlsx_button]
    shown = {"show_progress_on": [table], "trigger_mode": "always_last"}
    unit.input(filtered, inputs, outputs, api_name="tasks", **shown)
    doc.input(filtered, inputs, outputs, api_visibility="private", **shown)
    query.submit(filtered, inputs, outputs, api_visibility="private", **shown)
    # .change, not .input: Gradio fires "input" on key presses only, which misses IME (Chinese) typing
    query.change(filtered, inputs, outputs, api_visibility="private", show_progress="hidden", trigger_mode="always_last")
    return {"refresh": refresh, "refresh_outputs": [unit, doc, query, table, count, csv_button, xlsx_button]}
