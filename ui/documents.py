"""Documents: upload files into a knowledge base, list and delete documents, create a knowledge base.

Uploads are saved under <data_dir>/uploads/<kb>/ with a name we choose
(`ui.common.safe_file_name`), then `KnowledgeBase.ingest` reads them. The
same `ingest_uploads` serves the page and POST /api/ingest.
"""

from __future__ import annotations

from pathlib import Path

import gradio as gr

from ui.common import (
    MAX_UPLOAD_FILES,
    notify,
    page_error,
    KnowledgeBases,
    UserError,
    allowed_suffixes,
    check_upload,
    error_message,
    human_size,
    max_upload_bytes,
    save_upload,
)
from ui.temp_files import discard_upload

DOC_HEADERS = ["File", "Title", "文号", "Date", "Applies to", "Period", "Clauses"]
RESULT_HEADERS = ["File", "Result", "Clauses", "Error"]


def document_rows(kbs: KnowledgeBases, kb_name: str | None) -> list[list]:
    docs = kbs.get(kb_name).documents()
    return [[d.file_name, d.title, d.doc_number, d.date, "、".join(d.places), d.period, d.clauses] for d in docs]


def document_choices(kbs: KnowledgeBases, kb_name: str | None) -> list[tuple[str, str]]:
    docs = kbs.get(kb_name).documents()
    return [(f"{d.file_name} — {d.title[:40]}", d.doc_id) for d in docs]


def summary(kbs: KnowledgeBases, kb_name: str | None) -> str:
    docs = kbs.get(kb_name).documents()
    if not docs:
        return "0 documents (empty)"
    clauses = sum(d.clauses for d in docs)
    return f"{len(docs)} documents · {clauses} clauses"


def ingest_saved(kbs: KnowledgeBases, kb_name: str, path: Path) -> dict:
    """Ingest one saved upload; {"file", "result", "clauses", "error"} plus the report's numbers."""
    kb = kbs.get(kb_name, create=True)
    with kbs.writer(kb.settings.kb):
        report = kb.ingest([path], progress=False)
        clauses = next((d.clauses for d in kb.documents() if str(path.resolve()) in d.sources), 0)
    if report.failed:
        result, error = "failed", "; ".join(f["error"] for f in report.failed)
    else:
        result = "added" if report.added else "updated" if report.updated else "unchanged"
        error = ""
    return {"file": path.name, "result": result, "clauses": clauses, "error": error, "report": report}


def remove_document(kbs: KnowledgeBases, kb_name: str | None, doc_id: str) -> list[str]:
    """Remove a document; also delete its saved uploads (never a file outside the uploads folder)."""
    if not doc_id:
        raise UserError("choose a document to delete")
    kb = kbs.get(kb_name)
    uploads = kbs.upload_dir(kb.settings.kb).resolve()
    with kbs.writer(kb.settings.kb):
        removed = kb.remove(doc_id)
    if not removed:
        raise UserError("that document is no longer in the knowledge base")
    for document in removed:
        for source in document.sources:
            path = Path(source)
            if path.parent.resolve() == uploads and path.is_file():
                path.unlink()
    return [d.file_name for d in removed]


def build_documents_tab(kbs: KnowledgeBases, kb_selector: gr.Dropdown) -> dict:
    settings = kbs.settings
    suffixes = list(allowed_suffixes(settings))
    cap = max_upload_bytes(settings)
    with gr.Row():
        with gr.Column(scale=3):
            gr.Markdown(
                f"### Add documents · 上传文件\n{' '.join(suffixes)} · up to {human_size(cap)} each. "
                "Re-uploading a file with the same name replaces that document.",
                elem_classes=["pd-section"],
            )
            files = gr.File(label="Files", file_count="multiple", file_types=suffixes, elem_id="pd-upload", height=140)
            upload = gr.Button("Add to knowledge base 入库", variant="primary", elem_id="pd-upload-btn")
            results = gr.Dataframe(headers=RESULT_HEADERS, value=[], label="Upload results", interactive=False,
                                   elem_id="pd-upload-results", wrap=True, column_widths=["34%", "14%", "12%", "40%"])
        with gr.Column(scale=2):
            gr.Markdown("### Knowledge base · 知识库", elem_classes=["pd-section"])
            new_kb = gr.Textbox(label="New knowledge base", placeholder="e.g. hangzhou-2026 (letters, digits, - and _)",
                                elem_id="pd-new-kb")
            create = gr.Button("Create and switch to it", elem_id="pd-create-kb")
            gr.Markdown("### Delete a document · 删除文件", elem_classes=["pd-section"])
            # allow_custom_value: the /remove_document API takes any document id (remove_document checks it);
            # the choices are filled in per page session, which an API client never has.
            victim = gr.Dropdown(label="Document", choices=[], elem_id="pd-delete-choice", allow_custom_value=True)
            delete = gr.Button("Delete document", variant="stop", elem_id="pd-delete-btn")
    gr.Markdown("### Documents in this knowledge base · 文件列表", elem_classes=["pd-section"])
    table = gr.Dataframe(headers=DOC_HEADERS, value=[], interactive=False, elem_id="pd-docs", wrap=True,
                         column_widths=["24%", "46%", "12%", "10%", "8%"])

    def refresh(kb_name):
        try:
            choices = document_choices(kbs, kb_name)
            return document_rows(kbs, kb_name), gr.update(choices=choices, value=None)
        except Exception as exc:
            notify(error_message(exc), "warning")
            return [], gr.update(choices=[], value=None)

    def clear_results():
        return []

    def do_upload(paths, kb_name, progress=gr.Progress()):
        paths = [Path(p) for p in (paths or [])]
        try:  # Gradio's temporary copies go once read (or refused): the saved upload is the one kept
            yield from ingest_uploads(paths, kb_name, progress)
        finally:
            for path in paths:
                discard_upload(path)

    def ingest_uploads(paths, kb_name, progress):
        if not paths:
            raise page_error("Choose one or more files first.")
        if len(paths) > MAX_UPLOAD_FILES:
            raise page_error(f"At most {MAX_UPLOAD_FILES} files at a time.")
        rows = [[p.name, "waiting", "", ""] for p in paths]
        yield rows, gr.update()
        for n, path in enumerate(paths):
            rows[n][1] = "reading…"
            progress((n, len(paths)), desc=f"{path.name} ({n + 1}/{len(paths)})")
            yield rows, gr.update()
            try:
                safe = check_upload(path.name, path.stat().st_size, settings)
                with open(path, "rb") as handle:
                    saved = save_upload(kbs.upload_dir(kb_name or kbs.default), safe, handle)
                outcome = ingest_saved(kbs, kb_name or kbs.default, saved)
                rows[n] = [path.name, outcome["result"], outcome["clauses"] or "", outcome["error"]]
            except Exception as exc:
                rows[n] = [path.name, "failed", "", error_message(exc)]
            yield rows, gr.update()
        yield rows, None

    def do_delete(kb_name, doc_id):
        try:
            names = remove_document(kbs, kb_name, doc_id)
        except Exception as exc:
            raise page_error(exc) from None
        notify(f"Deleted {', '.join(names)}")

    def do_create(name):
        try:
            kb = kbs.create(name)
        except Exception as exc:
            raise page_error(exc) from None
        notify(f"Knowledge base '{kb.settings.kb}' is ready; add documents to it.")
        return gr.update(choices=kbs.names(), value=kb.settings.kb), ""

    upload_event = upload.click(do_upload, [files, kb_selector], [results, files], api_name="ingest")
    delete_event = delete.click(do_delete, [kb_selector, victim], None, api_name="remove_document")
    create.click(do_create, [new_kb], [kb_selector, new_kb], api_name="create_kb")
    return {
        "table": table, "victim": victim, "refresh": refresh, "refresh_outputs": [table, victim],
        "results": results, "clear_results": clear_results,
        "changed": [upload_event, delete_event],
    }
