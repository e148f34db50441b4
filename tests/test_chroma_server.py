"""Chroma server mode: ingest and ask against a real `chroma run` server.

Which server: POLICYDESK_TEST_CHROMA_URL when set (`.ci/run` starts one),
otherwise one this module starts on a free port with chromadb's own `chroma`
CLI. The outage tests always start their own server, since they stop it.
Without either, the module is skipped with the reason.

The keyword index of a server-mode knowledge base lives under the local data
directory (settings.kb_dir); Chroma holds everything else.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest

from settings import Settings
from tests.conftest import CORPUS, PROJECT, REFERENCE_PLAN
from vectorstore.chroma_store import StoreError
from vectorstore.knowledge_base import KnowledgeBase

ENV_URL = os.environ.get("POLICYDESK_TEST_CHROMA_URL", "").strip()
CHROMA_CLI = shutil.which("chroma") or next(
    (str(p) for p in [Path(sys.executable).parent / "chroma"] if p.exists()), None)
DESIGN_QUESTION = "首台套重大技术装备推广由哪个部门负责"

pytestmark = pytest.mark.skipif(
    not ENV_URL and not CHROMA_CLI,
    reason="no Chroma server to test against: POLICYDESK_TEST_CHROMA_URL is unset and the `chroma` CLI "
           "(installed with chromadb) is not on PATH or beside this Python",
)
needs_cli = pytest.mark.skipif(not CHROMA_CLI, reason="stopping and restarting a server needs the `chroma` CLI")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class ChromaServer:
    """`chroma run --path PATH --host 127.0.0.1 --port PORT`, stopped by its PID."""

    def __init__(self, path: Path, port: int | None = None):
        self.path, self.port = path, port or free_port()
        self.proc: subprocess.Popen | None = None
        self.log = path.parent / f"chroma-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> "ChromaServer":
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen([CHROMA_CLI, "run", "--path", str(self.path), "--host", "127.0.0.1",
                                          "--port", str(self.port)], stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chroma run exited with {self.proc.returncode}: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v2/heartbeat", timeout=1) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError(f"chroma run did not answer within {timeout}s")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


@pytest.fixture(scope="module")
def server_url(tmp_path_factory):
    if ENV_URL:
        yield ENV_URL
        return
    server = ChromaServer(tmp_path_factory.mktemp("chroma-server") / "db").start()
    try:
        yield server.url
    finally:
        server.stop()


def unique_kb() -> str:
    return f"t{uuid.uuid4().hex[:12]}"  # the CI server is shared: every test gets its own collection


@pytest.fixture(scope="module")
def server_kb(server_url, tmp_path_factory):
    """The bundled documents ingested into the server."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("server-kb"), chroma_url=server_url, kb=unique_kb())
    kb = KnowledgeBase(settings)
    report = kb.ingest([CORPUS], progress=False)
    assert not report.failed and len(report.added) == 4
    return kb


def test_ingest_into_the_server_is_complete_consistent_and_idempotent(server_kb):
    settings = server_kb.settings
    assert server_kb.count() == 121
    assert sorted(d.file_name for d in server_kb.documents()) == sorted(p.name for p in CORPUS.glob("*.txt"))
    assert not (settings.data_dir / "chroma").exists()  # nothing of Chroma's is local
    assert (settings.kb_dir / "bm25" / "meta.json").exists()  # the keyword index is
    assert server_kb.check_consistency() == []
    again = KnowledgeBase(settings).ingest([CORPUS], progress=False)
    assert (len(again.unchanged), again.embedded, again.chunks) == (4, 0, 121)


def test_ask_through_the_server(server_kb):
    from qa.chain import ask

    answer = ask(server_kb, DESIGN_QUESTION)
    assert not answer.refused and answer.lead == ["市工业和信息化局"]
    assert [(c.source, c.locator) for c in answer.citations][:1] == [(REFERENCE_PLAN.name, "二(二)6")]
    english = ask(server_kb, "Who leads the first-set equipment task?")
    assert english.lead == ["市工业和信息化局"]


def test_tasks_and_remove_through_the_server(server_url, tmp_path):
    kb = KnowledgeBase(Settings(data_dir=tmp_path, chroma_url=server_url, kb=unique_kb()))
    kb.ingest([REFERENCE_PLAN], progress=False)
    rows = kb.tasks(unit="市财政局")
    assert [r["locator"] for r in rows] == ["二(二)5", "二(二)6", "二(三)10", "二(四)13", "二(五)14", "二(五)16", "三(二)"]
    assert [d.file_name for d in kb.remove(REFERENCE_PLAN.name)] == [REFERENCE_PLAN.name]
    assert kb.count() == 0 and kb.check_consistency() == []


def _cli(*args, timeout=600):
    return subprocess.run([sys.executable, "app.py", *args], cwd=PROJECT, capture_output=True, text=True, timeout=timeout)


def test_cli_ingest_and_ask_with_chroma_url(server_url, tmp_path):
    common = ["--chroma-url", server_url, "--kb", unique_kb(), "--data-dir", str(tmp_path)]
    ingested = _cli("ingest", str(REFERENCE_PLAN), *common, "--json")
    assert ingested.returncode == 0, ingested.stderr
    assert (json.loads(ingested.stdout)["added"], json.loads(ingested.stdout)["chunks"]) == (1, 20)
    answered = _cli("ask", DESIGN_QUESTION, *common, "--json")
    assert answered.returncode == 0, answered.stderr
    answer = json.loads(answered.stdout)
    assert answer["units"]["lead"] == ["市工业和信息化局"] and answer["citations"][0]["locator"] == "二(二)6"


def test_cli_says_clearly_when_the_server_cannot_be_reached(tmp_path):
    port = free_port()  # nothing listens here
    result = _cli("docs", "--chroma-url", f"http://127.0.0.1:{port}", "--data-dir", str(tmp_path), timeout=120)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: cannot reach the Chroma server at http://127.0.0.1:{port}")
    assert "Traceback" not in result.stderr


@needs_cli
def test_the_server_going_away_is_a_clear_error_and_the_app_recovers_when_it_returns(tmp_path):
    from qa.chain import ask
    from vectorstore.retriever import HybridRetriever

    server = ChromaServer(tmp_path / "db").start()
    try:
        kb = KnowledgeBase(Settings(data_dir=tmp_path / "local", chroma_url=server.url, kb=unique_kb()))
        kb.ingest([REFERENCE_PLAN], progress=False)
        retriever = HybridRetriever(kb=kb, k=3)
        assert retriever.search(DESIGN_QUESTION)[0].locator == "二(二)6"

        server.stop()
        unreachable = f"cannot reach the Chroma server at {server.url}"
        for call in (kb.count, kb.documents, kb.tasks, lambda: kb.dense_search(DESIGN_QUESTION, 3),
                     lambda: retriever.search(DESIGN_QUESTION), lambda: ask(kb, DESIGN_QUESTION),
                     lambda: kb.ingest([REFERENCE_PLAN], progress=False)):
            with pytest.raises(StoreError, match=unreachable):
                call()

        server.start()  # same port, same path; the same KnowledgeBase object carries on
        assert kb.count() == 20
        assert retriever.search(DESIGN_QUESTION)[0].locator == "二(二)6"
        assert ask(kb, DESIGN_QUESTION).lead == ["市工业和信息化局"]
        assert kb.ingest([REFERENCE_PLAN], progress=False).unchanged == [str(REFERENCE_PLAN.resolve())]
        assert kb.check_consistency() == []
    finally:
        server.stop()


@needs_cli
def test_a_knowledge_base_made_while_the_server_is_down_works_once_it_is_up(tmp_path):
    server = ChromaServer(tmp_path / "db")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / "local", chroma_url=server.url, kb=unique_kb()))
    with pytest.raises(StoreError, match=f"cannot reach the Chroma server at {server.url}"):
        kb.count()
    server.start()
    try:
        assert kb.count() == 0
        assert kb.ingest([REFERENCE_PLAN], progress=False).added == [str(REFERENCE_PLAN.resolve())]
    finally:
        server.stop()


def server_collections(url: str) -> list[str]:
    import chromadb

    port = int(url.rsplit(":", 1)[1])
    client = chromadb.HttpClient(host="127.0.0.1", port=port, settings=chromadb.config.Settings(anonymized_telemetry=False))
    return sorted(getattr(c, "name", c) for c in client.list_collections())


def missing_message(kb: str, url: str) -> str:
    return (f"the knowledge base '{kb}' is missing on the Chroma server at {url}; re-ingest "
            "(python app.py ingest …) or check the server's --path")


@needs_cli
def test_a_server_restarted_on_another_path_keeps_saying_the_knowledge_base_is_missing_until_an_ingest(tmp_path):
    """Issue 13 item 7: no empty collection is created behind the user's back, in this process or the next."""
    from qa.chain import ask
    from vectorstore.retriever import HybridRetriever

    server = ChromaServer(tmp_path / "db").start()
    try:
        settings = Settings(data_dir=tmp_path / "local", chroma_url=server.url, kb=unique_kb())
        kb = KnowledgeBase(settings)
        kb.ingest([REFERENCE_PLAN], progress=False)
        retriever = HybridRetriever(kb=kb, k=3)
        assert retriever.search(DESIGN_QUESTION)[0].locator == "二(二)6"
        server.stop()
        server.path = tmp_path / "another-db"  # restarted on another --path: the collection is gone
        server.start()

        missing = missing_message(settings.kb, server.url)
        for _ in range(2):  # not one error and then an empty knowledge base: the same error every time
            for call in (kb.count, kb.documents, kb.tasks, lambda: retriever.search(DESIGN_QUESTION),
                         lambda: ask(kb, DESIGN_QUESTION), lambda: kb.remove(REFERENCE_PLAN.name)):
                with pytest.raises(StoreError) as failure:
                    call()
                assert str(failure.value) == missing
        with pytest.raises(StoreError) as failure:  # a new process on the same data directory knows it too
            KnowledgeBase(settings).count()
        assert str(failure.value) == missing
        cli = _cli("ask", DESIGN_QUESTION, "--chroma-url", server.url, "--kb", settings.kb,
                   "--data-dir", str(settings.data_dir), timeout=300)
        assert (cli.returncode, cli.stderr) == (2, f"error: {missing}\n")
        assert server_collections(server.url) == []  # nothing was created

        # The user acts: an ingest creates the knowledge base again, and everything works.
        assert kb.ingest([REFERENCE_PLAN], progress=False).added == [str(REFERENCE_PLAN.resolve())]
        assert ask(kb, DESIGN_QUESTION).lead == ["市工业和信息化局"]
        assert server_collections(server.url) == [f"pd_{settings.kb}"]
        assert kb.check_consistency() == []
    finally:
        server.stop()


@needs_cli
def test_the_web_app_says_the_knowledge_base_is_missing_instead_of_answering_from_an_empty_one(tmp_path):
    """Through the HTTP API: an error (not a 200 "not covered"), every time; a restarted app refuses to start."""
    import httpx

    from ui.testing import running_app

    server = ChromaServer(tmp_path / "db").start()
    try:
        kb_name = unique_kb()
        env = {"POLICYDESK_CHROMA_URL": server.url, "POLICYDESK_KB": kb_name}
        missing = missing_message(kb_name, server.url)
        with running_app(tmp_path / "local", env=env) as url:  # its first start ingests the bundled documents
            with httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
                assert http.post("/api/ask", json={"question": DESIGN_QUESTION}).json()["units"]["lead"] == ["市工业和信息化局"]
                server.stop()
                server.path = tmp_path / "another-db"
                server.start()
                for _ in range(2):
                    response = http.post("/api/ask", json={"question": DESIGN_QUESTION})
                    assert (response.status_code, response.json()) == (503, {"error": missing})
        with pytest.raises(RuntimeError) as refused:  # restarted, it does not ingest the bundled documents afresh
            with running_app(tmp_path / "local", env=env):
                pass
        assert f"error: {missing}" in str(refused.value)
        assert server_collections(server.url) == []
    finally:
        server.stop()
