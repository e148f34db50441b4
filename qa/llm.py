"""The optional LLM layer: rewrite a checked extractive answer, and check the rewrite.

    --llm openai:MODEL@BASE_URL   any OpenAI-compatible server (langchain-openai;
                                  key from OPENAI_API_KEY, or none for a local server)
    --llm ollama:MODEL            a local Ollama (langchain-ollama; OLLAMA_HOST)

The model sees the question, the retrieved clauses numbered [1]…[n] and the
extractive answer, with the prompts in prompts/. Its output must cite only
those numbers and every agency name and number in it must occur in a clause
it cites; otherwise — or on any error or timeout — the extractive answer is
kept and `Answer.note` says why.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from typing import TYPE_CHECKING

from qa.citations import NUMBER_WITH_UNIT, check, cited_numbers, citation_from_hit
from qa.model import Answer, Citation
from settings import PROJECT_DIR, Settings
from vectorstore.records import Hit

if TYPE_CHECKING:  # langchain_core's chat-model modules take ~0.4 s to import: only a run with --llm needs them
    from langchain_core.language_models import BaseChatModel
    from langchain_core.prompts import ChatPromptTemplate

PROMPTS = PROJECT_DIR / "prompts"
CONTEXT_CLAUSES = 5  # the answer's citations first, then the next best hits
MAX_TOKENS = 400
MAX_REWRITE_CHARS = 600


class LLMConfigError(ValueError):
    """The --llm spec is malformed or its package is missing."""


def parse_spec(spec: str) -> tuple[str, str, str | None]:
    """'openai:MODEL@URL' → ('openai', MODEL, URL); 'ollama:MODEL' → ('ollama', MODEL, None)."""
    provider, _, rest = spec.partition(":")
    if provider == "openai" and rest:
        model, _, base_url = rest.partition("@")
        if model:
            return provider, model, base_url or None
    if provider == "ollama" and rest:
        return provider, rest, None
    raise LLMConfigError(f"invalid --llm '{spec}': use openai:MODEL@BASE_URL or ollama:MODEL")


@lru_cache(maxsize=4)
def chat_model(spec: str, timeout: float) -> BaseChatModel:
    provider, model, base_url = parse_spec(spec)
    if provider == "openai":
        from langchain_openai import ChatOpenAI

        # max_tokens also in the body: some servers (llama.cpp) ignore max_completion_tokens.
        return ChatOpenAI(model=model, base_url=base_url, api_key=os.environ.get("OPENAI_API_KEY", "not-needed"),
                          temperature=0, max_tokens=MAX_TOKENS, extra_body={"max_tokens": MAX_TOKENS},
                          timeout=timeout, max_retries=0)
    from langchain_ollama import ChatOllama

    return ChatOllama(model=model, temperature=0, num_predict=MAX_TOKENS,
                      base_url=os.environ.get("OLLAMA_HOST", "http://127.0.0.1:11434"), client_kwargs={"timeout": timeout})


@lru_cache(maxsize=1)
def prompt() -> ChatPromptTemplate:
    from langchain_core.prompts import ChatPromptTemplate

    return ChatPromptTemplate.from_messages([
        ("system", (PROMPTS / "answer_system.txt").read_text(encoding="utf-8")),
        ("human", (PROMPTS / "answer_user.txt").read_text(encoding="utf-8")),
    ])


def context_citations(answer: Answer, hits: list[Hit]) -> list[Citation]:
    """The clauses the model may cite: the answer's own citations keep their numbers."""
    context = list(answer.citations)
    seen = {(c.doc_id, c.locator, c.quote) for c in context}
    for hit in hits:
        if len(context) >= CONTEXT_CLAUSES:
            break
        if (hit.doc_id, hit.locator, hit.quote) not in seen:
            context.append(citation_from_hit(len(context) + 1, hit))
            seen.add((hit.doc_id, hit.locator, hit.quote))
    return context


def rewrite(answer: Answer, hits: list[Hit], llm, settings: Settings) -> Answer:
    """Replace `answer.answer` with a checked LLM rewrite, or keep it and say why."""
    spec = llm if isinstance(llm, str) else None
    try:
        model = chat_model(spec, settings.llm_timeout_seconds) if spec else llm
        context = context_citations(answer, hits)
        messages = prompt().format_messages(
            question=answer.question,
            language_name="Chinese" if answer.language == "zh" else "English",
            context="\n\n".join(f"[{c.n}] 《{c.doc_title}》 {c.locator} {c.title}\n{c.quote}" for c in context),
            draft=answer.answer,
        )
        text = _clean(model.invoke(messages).content)
    except LLMConfigError:
        raise
    except Exception as exc:  # network errors, timeouts, server errors: fall back, never fail
        answer.note = f"LLM unavailable ({type(exc).__name__}); extractive answer shown"
        return answer

    cited = [c for c in context if c.n in cited_numbers(text)]
    problems = check(text, context) if cited else ["cites no clause"]
    if not problems:
        problems = check(text, cited) + sanity_problems(text, answer)
    if problems or not text:
        answer.note = "LLM answer rejected (" + "; ".join(problems[:3] or ["empty"]) + "); extractive answer shown"
        return answer
    answer.answer, answer.citations = text, cited
    answer.note = f"rewritten by {spec or 'LLM'}; citations checked"
    return answer


def sanity_problems(text: str, answer: Answer) -> list[str]:
    """A rewrite must keep the draft's key facts and must not be an echo of the prompt or a ramble."""
    problems = []
    if len(text) > max(MAX_REWRITE_CHARS, 3 * len(answer.answer)):
        problems.append("too long")
    system = (PROMPTS / "answer_system.txt").read_text(encoding="utf-8")
    if any(line.strip() and line.strip()[:40] in text for line in system.splitlines() if len(line.strip()) > 20):
        problems.append("repeats the instructions")
    first_line = answer.answer.split("\n", 1)[0]
    for fact in answer.lead + NUMBER_WITH_UNIT.findall(first_line):
        if fact not in text:
            problems.append(f"drops {fact}")
    return problems


def _clean(content) -> str:
    text = content if isinstance(content, str) else " ".join(str(part) for part in content)
    text = re.sub(r"<think>.*?</think>", "", text, flags=re.S)  # reasoning models
    return text.strip()
