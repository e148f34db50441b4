"""Chat: questions answered from the documents, with numbered, expandable citations.

The answer comes from `qa.chain.ask()`; this module only renders it (as
escaped HTML) and streams it into the chat. Follow-up questions are resolved
by passing the conversation to `ask()` as [{"question", "answer"}].
"""

from __future__ import annotations

import re
import time

import gradio as gr

from qa.chain import ask
from qa.model import Answer, Citation
from ui.common import KnowledgeBases, error_message, esc, esc_lines, join_units

EXAMPLES = [
    "Who leads the first-set equipment task?",
    "谁负责首台(套)重大技术装备推广？",
    "科技型中小企业的目标是多少家？",
    "武汉对OPC生态社区给予多少资金支持？",
    "What does Hangzhou plan for AI+OPC start-ups?",
    "新能源汽车购置补贴是多少？",
]

LABELS = {
    "en": {"citations": "Citations", "lead": "Lead", "responsible": "Also responsible", "refused": "Not covered by the documents",
           "closest": "Closest matches, for reference only", "thinking": "Searching the documents…", "score": "score",
           "error": "Could not answer"},
    "zh": {"citations": "引用条款", "lead": "牵头单位", "responsible": "责任/配合单位", "refused": "文件中没有相关规定",
           "closest": "最接近的条款（仅供参考）", "thinking": "正在检索文件…", "score": "相关度",
           "error": "无法回答"},
}
STREAM_PIECE = 12  # characters per streamed update
STREAM_PAUSE = 0.015


def labels(language: str) -> dict:
    return LABELS["en" if language == "en" else "zh"]


def render_citation(c: Citation, language: str, open_: bool = False) -> str:
    """One numbered citation: a <details> whose summary names the document and clause, opening to the quote."""
    L = labels(language)
    title = f" {esc(c.title)}" if c.title else ""
    return (
        f'<details class="pd-cite"{" open" if open_ else ""}><summary>'
        f'<span class="pd-n">[{c.n}]</span> 《{esc(c.doc_title)}》 <span class="pd-loc">§{esc(c.locator)}</span>{title}'
        f'</summary><blockquote class="pd-quote">{esc_lines(c.quote)}</blockquote>'
        f'<div class="pd-meta">{esc(c.source)} · {L["score"]} {c.score:.3f}</div></details>'
    )


def _answer_text(text: str) -> str:
    """The answer's text, escaped, with its [n] marks as superscripts."""
    body = esc_lines(text)
    return re.sub(r"&#91;(\d+)&#93;", r'<sup class="pd-ref">[\1]</sup>', body)


def render_refused(body_html: str, language: str) -> str:
    """The "not covered by the documents" notice, with its (already escaped) explanation."""
    return (f'<div class="pd-refused"><div class="pd-refused-h">⚠ {labels(language)["refused"]}</div>'
            f'<div>{body_html}</div></div>')


def render_answer(answer: Answer) -> str:
    """The whole answer as one line of HTML (no blank lines: the chat's Markdown keeps it one HTML block)."""
    L = labels(answer.language)
    parts = ['<div class="pd-answer">']
    if answer.refused:
        parts.append(render_refused(_answer_text(answer.answer), answer.language))
        if answer.closest:
            parts.append(f'<div class="pd-sources pd-closest"><div class="pd-sources-h">{L["closest"]}</div>')
            parts += [render_citation(c, answer.language) for c in answer.closest]
            parts.append("</div>")
    else:
        parts.append(f'<div class="pd-text">{_answer_text(answer.answer)}</div>')
        if answer.lead or answer.responsible:
            units = [f'<span class="pd-unit-l">{L["lead"]}</span> <span class="pd-chip pd-chip-lead">{esc(join_units(answer.lead))}</span>'
                     if answer.lead else ""]
            others = [u for u in answer.responsible if u not in answer.lead]
            if others:
                units.append(f'<span class="pd-unit-l">{L["responsible"]}</span> <span class="pd-chip">{esc(join_units(others))}</span>')
            parts.append(f'<div class="pd-units">{" ".join(u for u in units if u)}</div>')
        if answer.citations:
            parts.append(f'<div class="pd-sources"><div class="pd-sources-h">{L["citations"]}</div>')
            parts += [render_citation(c, answer.language) for c in answer.citations]
            parts.append("</div>")
    if answer.note:
        parts.append(f'<div class="pd-note">{esc(answer.note)}</div>')
    parts.append("</div>")
    return "".join(parts)


def render_error(message: str, language: str = "en") -> str:
    return f'<div class="pd-error"><strong>⚠ {labels(language)["error"]}:</strong> {esc(message)}</div>'


def _language_of(text: str) -> str:
    return "zh" if re.search(r"[\u4e00-\u9fff]", text or "") else "en"


def answer_question(kbs: KnowledgeBases, question: str, kb_name: str | None, history: list[dict] | None) -> Answer:
    return ask(kbs.get(kb_name), question, history=history or None)


def build_chat_tab(kbs: KnowledgeBases, kb_selector: gr.Dropdown) -> dict:
    """The Chat tab's components; the caller places it inside a gr.Tab."""
    turns = gr.State([])  # this session's [{"question", "answer", "about"}]: what each answer was about, for follow-ups
    chatbot = gr.Chatbot(
        label="Conversation",
        show_label=False,
        height=560,
        elem_id="pd-chat",
        layout="bubble",
        buttons=["copy"],
        feedback_options=None,
        placeholder=(
            "<div class='pd-placeholder'><strong>Ask about the policy documents</strong><br>"
            "问政策文件：谁牵头、目标多少、有哪些支持措施。Answers quote the clause they come from.<br>"
            "Follow-up questions (“目标是多少？”, “what is the target?”) are read against the conversation.</div>"
        ),
    )
    with gr.Row(equal_height=True):
        question = gr.Textbox(
            show_label=False, placeholder="Ask a question in Chinese or English · 用中文或英文提问", scale=8,
            elem_id="pd-question", autofocus=True, max_length=2000,
        )
        send = gr.Button("Ask 提问", variant="primary", scale=1, elem_id="pd-ask", min_width=110)
        clear = gr.Button("New chat", variant="secondary", scale=1, min_width=110, elem_id="pd-clear")
    gr.Examples(EXAMPLES, inputs=question, label="Examples · 示例问题", examples_per_page=6)

    def respond(message: str, messages: list, history: list, kb_name: str):
        messages = list(messages or [])
        history = list(history or [])
        message = (message or "").strip()
        if not message:
            messages.append({"role": "assistant", "content": render_error("type a question first", "en")})
            yield messages, history, ""
            return
        language = _language_of(message)
        messages.append({"role": "user", "content": esc(message)})
        messages.append({"role": "assistant", "content": f'<span class="pd-thinking">{labels(language)["thinking"]}</span>'})
        yield messages, history, ""
        try:
            answer = answer_question(kbs, message, kb_name, history)
        except Exception as exc:  # shown in the chat, never a stack trace
            messages[-1] = {"role": "assistant", "content": render_error(error_message(exc), language)}
            yield messages, history, ""
            return
        # Stream the answer's text, then the full answer with its citations.
        text = answer.answer
        for end in range(STREAM_PIECE, len(text), STREAM_PIECE):
            messages[-1] = {"role": "assistant", "content": f'<div class="pd-answer"><div class="pd-text">{esc_lines(text[:end])}▍</div></div>'}
            yield messages, history, ""
            time.sleep(STREAM_PAUSE)
        messages[-1] = {"role": "assistant", "content": render_answer(answer)}
        history.append({"question": message, "answer": answer.answer, "about": answer.about.to_dict() if answer.about else None})
        yield messages, history[-6:], ""

    def new_conversation():
        return [], [], ""

    send.click(respond, [question, chatbot, turns, kb_selector], [chatbot, turns, question], api_name="chat")
    question.submit(respond, [question, chatbot, turns, kb_selector], [chatbot, turns, question], api_visibility="private")
    clear.click(new_conversation, None, [chatbot, turns, question], api_visibility="private")
    return {"chatbot": chatbot, "turns": turns, "question": question, "reset": new_conversation}
