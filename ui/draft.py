"""Draft reply: an enterprise's inquiry in, a reply letter citing the clauses out (`qa.draft.draft()`).

The letter is plain text in a copyable box; its citations expand to the
quoted clauses; "Download .docx" writes the letter and its citations with
python-docx.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tempfile
from pathlib import Path

import gradio as gr

from qa.draft import draft
from qa.model import Answer
from ui.chat import labels, render_citation, render_refused
from ui.common import KnowledgeBases, esc, export_dir, join_units, page_error

EXAMPLE = ("我公司是枣庄一家装备制造企业，今年研制了首台(套)重大技术装备。请问：1. 首台(套)推广应用由哪个部门牵头？"
           "2. 对科技型中小企业有什么培育目标？")


def draft_dict(inquiry: str, result: Answer) -> dict:
    """The same JSON as `python app.py draft --json`."""
    return {"inquiry": inquiry, "language": result.language, "text": result.answer,
            "citations": [c.to_dict() for c in result.citations], "refused": result.refused,
            "units": {"lead": result.lead, "responsible": result.responsible}, "latency_ms": round(result.latency_ms, 1)}


def draft_reply(kbs: KnowledgeBases, kb_name: str | None, inquiry: str) -> Answer:
    return draft(kbs.get(kb_name), inquiry)


def render_sources(result: Answer) -> str:
    L = labels(result.language)
    parts = ['<div class="pd-answer">']
    if result.refused:
        none = ("现有文件没有涉及来函所询问题，请核实后答复。" if result.language == "zh"
                else "The documents cover none of the questions asked; check before replying.")
        parts.append(render_refused(none, result.language))
    contacts = result.lead + [u for u in result.responsible if u not in result.lead]
    if contacts:
        label = "联系单位" if result.language == "zh" else "Units to contact"
        parts.append(f'<div class="pd-units"><span class="pd-unit-l">{label}</span> <span class="pd-chip">{esc(join_units(contacts))}</span></div>')
    if result.citations:
        parts.append(f'<div class="pd-sources"><div class="pd-sources-h">{L["citations"]}</div>')
        parts += [render_citation(c, result.language) for c in result.citations]
        parts.append("</div>")
    parts.append("</div>")
    return "".join(parts)


def write_docx(inquiry: str, result: Answer, path: Path) -> Path:
    from docx import Document
    from docx.shared import Pt

    zh = result.language == "zh"
    document = Document()
    style = document.styles["Normal"]
    style.font.size = Pt(12)
    document.add_heading("答复草稿" if zh else "Draft reply", level=1)
    document.add_paragraph(("来函：" if zh else "Inquiry: ") + inquiry)
    for line in result.answer.split("\n"):
        document.add_paragraph(line)
    if result.citations:
        document.add_heading("引用条款" if zh else "Citations", level=2)
        for c in result.citations:
            paragraph = document.add_paragraph()
            paragraph.add_run(f"[{c.n}] 《{c.doc_title}》 §{c.locator} {c.title}").bold = True
            document.add_paragraph(c.quote)
    document.save(path)
    return path


def docx_path(kb_name: str, max_age_seconds: float | None = None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="draft-", dir=export_dir(max_age_seconds)))
    return folder / f"draft-reply-{kb_name}-{dt.datetime.now():%Y%m%d-%H%M%S}.docx"


def build_draft_tab(kbs: KnowledgeBases, kb_selector: gr.Dropdown) -> dict:
    gr.Markdown("Paste an enterprise's inquiry: each question it asks is answered from the documents and set in a reply "
                "letter for staff to check and send. 粘贴企业来函，生成引用条款的答复草稿。", elem_classes=["pd-hint"])
    with gr.Row():
        with gr.Column(scale=2):
            inquiry = gr.Textbox(label="Inquiry · 来函", lines=9, max_lines=20, max_length=10000, elem_id="pd-inquiry",
                                 placeholder=EXAMPLE)
            with gr.Row():
                go = gr.Button("Draft reply 生成答复", variant="primary", elem_id="pd-draft-btn")
                example = gr.Button("Example inquiry 示例来函", variant="secondary", elem_id="pd-draft-example")
        with gr.Column(scale=3):
            text = gr.Textbox(label="Draft reply · 答复草稿", lines=14, max_lines=40, interactive=False,
                              buttons=["copy"], elem_id="pd-draft-text")
            download = gr.DownloadButton("Download .docx", elem_id="pd-draft-docx", size="sm", interactive=False)
    sources = gr.HTML("", elem_id="pd-draft-sources")

    def run(kb_name, inquiry_text):
        inquiry_text = (inquiry_text or "").strip()
        if not inquiry_text:
            raise page_error("Paste the inquiry first. 请先粘贴来函内容。")
        try:
            result = draft_reply(kbs, kb_name, inquiry_text)
            path = write_docx(inquiry_text, result, docx_path(re.sub(r"\W", "", kb_name or kbs.default),
                                                                 kbs.settings.temp_max_age_seconds))
        except Exception as exc:
            raise page_error(exc) from None
        return result.answer, render_sources(result), gr.update(value=str(path), interactive=True)

    go.click(run, [kb_selector, inquiry], [text, sources, download], api_name="draft_reply")
    example.click(None, None, inquiry, js=f"() => {json.dumps(EXAMPLE, ensure_ascii=False)}", api_visibility="private")
    return {}
