"""The QA chain as a LangChain Runnable, so it composes with LangChain tooling the way its retriever does.

    from qa.runnable import PolicyQA
    qa = PolicyQA(kb=kb)
    qa.invoke("Who leads the first-set equipment task?")            # → Answer
    qa.invoke({"question": "那目标是多少？", "history": [{"question": "谁负责首台套装备推广？"}]})
    qa.batch(["问题一", "问题二"])                                     # LangChain's batch, in threads
    for piece in qa.stream("…"): …                                   # the answer's text, line by line

Input: a question string, or a dict with "question" and optional "history" (earlier questions or answer
objects as `ask` takes them). Output: the `qa.model.Answer` that `qa.chain.ask` returns.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from langchain_core.runnables import Runnable, RunnableConfig

from qa.chain import ask
from qa.model import Answer


class PolicyQA(Runnable[Any, Answer]):
    def __init__(self, kb, llm=None):
        self.kb = kb
        self.llm = llm

    @staticmethod
    def _unpack(value) -> tuple[str, list[dict] | None]:
        if isinstance(value, str):
            return value, None
        if isinstance(value, dict) and isinstance(value.get("question"), str):
            return value["question"], value.get("history")
        raise TypeError('PolicyQA takes a question string or {"question": str, "history": [...]}')

    def invoke(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Answer:
        question, history = self._unpack(input)
        return self._call_with_config(lambda q: ask(self.kb, q[0], history=q[1], llm=self.llm),
                                      (question, history), config, run_type="chain")

    def stream(self, input: Any, config: RunnableConfig | None = None, **kwargs: Any) -> Iterator[str]:
        """The answer's text a line at a time (the chain is extractive: the answer exists whole first)."""
        answer = self.invoke(input, config)
        for line in answer.answer.splitlines(keepends=True):
            yield line
