"""The HTTP API over real HTTP, against the app started in a subprocess (python app.py serve).

One server for the module, with auth on (loopback + --auth) so every call
also exercises HTTP basic auth, and a small upload cap so "oversized" is
cheap. Uploads go to their own knowledge base ("apitest") so the answers
compared with the library stay those of the bundled documents.
"""

from __future__ import annotations

import json
import subprocess
import sys

import httpx
import pytest

from settings import Settings
from tests.conftest import copy_of_bundled_data
from ui.testing import PROJECT, _environment, running_app, server_log

pytestmark = pytest.mark.slow

USER, PASSWORD = "staff", "s3cret-pass"
UPLOAD_CAP = 200_000
QUESTION = "Who leads the first-set equipment task?"
INQUIRY = "我公司研制了首台(套)重大技术装备，请问首台(套)推广应用由哪个部门牵头？"
POLICY = (
    "测试市关于支持<script>alert('x')</script>企业创新的若干措施\n"
    "一、支持研发平台建设\n"
    "（一）建设创新平台。支持企业建设研发平台，到2025年新增市级研发平台50家。（责任单位：市财政局、市科技局）\n"
    "（二）培育科技型企业。对新认定的高新技术企业给予一次性奖励20万元。（牵头单位：市科技局，配合单位：市财政局）\n"
)
ANSWER_KEYS = {"question", "language", "intent", "answer", "refused", "citations", "closest", "units", "latency_ms", "note", "trace",
               "about"}
DRAFT_KEYS = {"inquiry", "language", "text", "citations", "refused", "units", "latency_ms"}
CITATION_KEYS = {"n", "doc_title", "source", "locator", "title", "quote", "score"}
REPORT_KEYS = {"added", "updated", "unchanged", "removed", "chunks", "embedded", "tokenized", "failed", "skipped", "files"}


@pytest.fixture(scope="module")
def app_data(bundled_data, tmp_path_factory):
    """The server's data directory: the bundled documents already ingested (its first start, which ingests
    them, is tested in test_processes)."""
    return copy_of_bundled_data(bundled_data, tmp_path_factory.mktemp("api") / "data")


@pytest.fixture(scope="module")
def server(app_data):
    # The wrong-credentials tests below make more failed logins than the back-off allows (tested in test_web_hardening).
    env = {"POLICYDESK_MAX_UPLOAD_BYTES": str(UPLOAD_CAP), "POLICYDESK_LOGIN_MAX_FAILURES": "1000"}
    with running_app(app_data, auth=f"{USER}:{PASSWORD}", env=env) as url:
        yield url


@pytest.fixture(scope="module")
def client(server, app_data):
    with httpx.Client(base_url=server, auth=(USER, PASSWORD), timeout=120, trust_env=False) as http:
        yield http


def assert_error(response: httpx.Response, status: int, *words: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert isinstance(body, dict) and isinstance(body.get("error"), str) and body["error"], body
    assert "Traceback" not in body["error"]
    for word in words:
        assert word in body["error"], body
    return body


# --- POST /api/ask ------------------------------------------------------------------------------------


def test_ask_returns_the_same_json_as_the_cli(client, bundled_kb):
    from qa.chain import ask

    response = client.post("/api/ask", json={"question": QUESTION})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == ANSWER_KEYS
    assert "市工业和信息化局" in body["answer"] and not body["refused"]
    assert body["units"]["lead"] == ["市工业和信息化局"]
    assert set(body["citations"][0]) == CITATION_KEYS and body["citations"][0]["locator"] == "二(二)6"
    # The CLI's --json is Answer.to_dict() of the library's ask(): the same but for the timing.
    expected = ask(bundled_kb, QUESTION).to_dict()
    scores = {}
    for name, record in (("served", body), ("library", expected)):
        record.pop("latency_ms")
        scores[name] = [c.pop("score") for c in record["citations"] + record["closest"]]
    assert body == expected
    assert scores["served"] == pytest.approx(scores["library"], abs=1e-3)  # two separately built indexes


def test_ask_follow_up_uses_the_history(client):
    first = client.post("/api/ask", json={"question": "谁负责首台(套)重大技术装备推广？"}).json()
    follow = client.post("/api/ask", json={"question": "目标是多少？", "kb": "default",
                                           "history": [{"question": first["question"], "answer": first["answer"]}]})
    assert follow.status_code == 200, follow.text
    assert "10项" in follow.json()["answer"]
    assert follow.json()["citations"][0]["locator"] == "二(二)6"


def test_ask_takes_earlier_answer_objects_as_returned_for_history(client):
    first = client.post("/api/ask", json={"question": "谁负责首台套装备推广？", "kb": "default"}).json()
    assert first["about"]["intent"] == "who"
    follow = client.post("/api/ask", json={"question": "那配合单位呢？", "kb": "default", "history": [first]})
    assert follow.status_code == 200, follow.text
    assert follow.json()["units"]["responsible"] == ["市财政局"]
    assert follow.json()["citations"][0]["locator"] == "二(二)6"


def test_ask_uncovered_question_is_refused_with_closest_matches(client):
    body = client.post("/api/ask", json={"question": "新能源汽车购置补贴是多少？"}).json()
    assert body["refused"] is True and body["citations"] == []
    assert body["closest"] and set(body["closest"][0]) == CITATION_KEYS


@pytest.mark.parametrize(
    "payload, words",
    [
        ({}, ["missing", "question"]),
        ({"question": None}, ["missing", "question"]),
        ({"question": 42}, ["question", "string"]),
        ({"question": ["who"]}, ["question", "string"]),
        ({"question": "   "}, ["empty"]),
        ({"question": QUESTION, "kb": 3}, ["kb", "string"]),
        ({"question": QUESTION, "kb": "../etc"}, ["knowledge-base names"]),
        ({"question": QUESTION, "history": "earlier"}, ["history"]),
        ({"question": QUESTION, "history": [{"answer": "x"}]}, ["history[0]"]),
        ([QUESTION], ["JSON object"]),
    ],
)
def test_ask_bad_requests_get_400_with_a_json_error(client, payload, words):
    assert_error(client.post("/api/ask", json=payload), 400, *words)


def test_ask_body_that_is_not_json(client):
    assert_error(client.post("/api/ask", content=b"question=who", headers={"content-type": "application/json"}), 400, "JSON")
    assert_error(client.post("/api/ask", content=b""), 400, "JSON")


def test_ask_unknown_knowledge_base_is_404(client):
    assert_error(client.post("/api/ask", json={"question": QUESTION, "kb": "no-such-kb"}), 404, "no-such-kb")


def test_ask_oversized_body_is_413(client):
    assert_error(client.post("/api/ask", json={"question": "x" * 1_100_000}), 413)


# --- POST /api/draft ----------------------------------------------------------------------------------


def test_draft_returns_the_cli_json(client):
    response = client.post("/api/draft", json={"inquiry": INQUIRY})
    assert response.status_code == 200, response.text
    body = response.json()
    assert set(body) == DRAFT_KEYS
    assert body["inquiry"] == INQUIRY and body["language"] == "zh" and body["refused"] is False
    assert "来函收悉" in body["text"] and "市工业和信息化局" in body["text"]
    assert body["citations"] and set(body["citations"][0]) == CITATION_KEYS
    assert set(body["units"]) == {"lead", "responsible"} and body["units"]["lead"] == ["市工业和信息化局"]


@pytest.mark.parametrize("payload, words", [({}, ["missing", "inquiry"]), ({"inquiry": {"text": "x"}}, ["inquiry", "string"]),
                                            ({"inquiry": ""}, ["empty"]), ({"question": INQUIRY}, ["inquiry"])])
def test_draft_bad_requests(client, payload, words):
    assert_error(client.post("/api/draft", json=payload), 400, *words)


# --- POST /api/ingest ---------------------------------------------------------------------------------------


def test_ingest_saves_under_uploads_with_a_safe_name_and_returns_the_summary(client, app_data):
    files = [("files", ("../../outside/测试 措施<1>.txt", POLICY.encode("utf-8"), "text/plain"))]
    response = client.post("/api/ingest?kb=apitest", files=files)
    assert response.status_code == 200, response.text
    report = response.json()
    assert set(report) == REPORT_KEYS
    assert report["added"] == 1 and report["failed"] == [] and report["chunks"] >= 2
    uploads = app_data / "uploads" / "apitest"
    saved = sorted(p.name for p in uploads.iterdir())
    assert saved == ["测试_措施_1.txt"], saved
    assert report["files"]["added"] == [str((uploads / "测试_措施_1.txt").resolve())]
    assert not (app_data.parent / "outside").exists() and not (app_data / "outside").exists()

    again = client.post("/api/ingest", params={"kb": "apitest"}, files=files).json()
    assert again["unchanged"] == 1 and again["added"] == 0

    docs = client.get("/api/docs", params={"kb": "apitest"}).json()
    assert [d["file_name"] for d in docs] == ["测试_措施_1.txt"]
    assert docs[0]["title"].startswith("测试市关于支持<script>") and docs[0]["clauses"] == 2

    rows = client.get("/api/tasks", params={"kb": "apitest", "unit": "市财政局"}).json()
    assert [r["locator"] for r in rows] == ["一(一)", "一(二)"]


def test_ingest_accepts_a_task_table_workbook(client):
    import io

    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["序号", "重点任务", "牵头单位", "配合单位"])
    workbook.active.append([1, "建设研发平台", "市科技局", "市财政局"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = client.post("/api/ingest?kb=apitest3", files=[("files", ("分工表.xlsx", buffer.getvalue(), xlsx))])
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and response.json()["failed"] == []
    rows = client.get("/api/tasks?kb=apitest3").json()
    assert [(r["lead"], r["responsible"]) for r in rows] == [(["市科技局"], ["市财政局"])]


def test_ingest_reports_a_file_that_cannot_be_read(client):
    response = client.post("/api/ingest?kb=apitest", files=[("files", ("empty.txt", b"", "text/plain"))])
    assert response.status_code == 200
    failed = response.json()["failed"]
    assert len(failed) == 1 and failed[0]["path"].endswith("empty.txt") and failed[0]["error"]


def test_ingest_disallowed_type_is_415_and_nothing_is_saved(client, app_data):
    files = [("files", ("ok.txt", POLICY.encode(), "text/plain")), ("files", ("tool.exe", b"MZ\x90\x00", "application/octet-stream"))]
    assert_error(client.post("/api/ingest?kb=apitest2", files=files), 415, "tool.exe", ".exe")
    assert_error(client.post("/api/ingest?kb=apitest2", files=[("files", ("README", b"x", "text/plain"))]), 415)
    assert not (app_data / "uploads" / "apitest2").exists()


def test_ingest_oversized_file_is_413(client, app_data):
    big = ("x" * 1000 + "\n").encode() * (UPLOAD_CAP // 1000 + 10)
    assert_error(client.post("/api/ingest?kb=apitest2", files=[("files", ("big.txt", big, "text/plain"))]), 413, "big.txt")
    # a request over the whole-request limit is refused while it streams in
    huge = b"x" * (UPLOAD_CAP * 21)
    assert_error(client.post("/api/ingest?kb=apitest2", files=[("files", ("huge.txt", huge, "text/plain"))]), 413)
    assert not (app_data / "uploads" / "apitest2").exists()


def test_ingest_bad_requests(client):
    assert_error(client.post("/api/ingest", json={"files": ["a.txt"]}), 400, "multipart")
    assert_error(client.post("/api/ingest", files=[("other", ("a.txt", b"x", "text/plain"))]), 400, "files")
    assert_error(client.post("/api/ingest", data={"files": "a.txt"}, files=[("x", ("a.txt", b"x", "text/plain"))]), 400, "files")
    assert_error(client.post("/api/ingest?kb=bad name", files=[("files", ("a.txt", POLICY.encode(), "text/plain"))]), 400, "knowledge-base")


# --- GET /api/docs, /api/tasks, /api/kbs -------------------------------------------------------------------------


def test_docs_lists_the_bundled_documents_like_the_cli(client):
    docs = client.get("/api/docs").json()
    assert {d["file_name"] for d in docs} == {
        "guangzhou_talent_cluster_opinions_2012.txt", "hangzhou_aiopc_action_plan_2026.txt",
        "wuhan_aiopc_measures_2026.txt", "zaozhuang_rd_innovation_plan_2022.txt"}
    assert set(docs[0]) == {"doc_id", "title", "file_name", "sources", "doc_number", "date", "clauses", "places", "period"}
    assert all(d["clauses"] > 0 for d in docs)


def test_tasks_filtered_by_unit(client):
    everything = client.get("/api/tasks").json()
    rows = client.get("/api/tasks", params={"unit": "市财政局"}).json()
    assert 0 < len(rows) < len(everything)
    assert all(any("市财政局" in u for u in r["lead"] + r["responsible"]) for r in rows)
    assert set(rows[0]) == {"doc", "doc_id", "doc_title", "locator", "clause_locator", "title", "text", "lead", "responsible",
                            "lead_stated", "targets"}
    first_set = [r for r in rows if r["locator"] == "二(二)6" and r["doc"].startswith("zaozhuang")]
    assert first_set and first_set[0]["lead"] == ["市工业和信息化局"]
    assert client.get("/api/tasks", params={"unit": "no such unit"}).json() == []
    assert_error(client.get("/api/tasks", params={"kb": "missing-kb"}), 404)


def test_unknown_endpoint_and_wrong_method(client):
    assert_error(client.get("/api/nothing-here"), 404, "no such endpoint")
    response = client.get("/api/ask")
    assert_error(response, 405, "POST")
    assert response.headers["allow"] == "POST"
    assert_error(client.post("/api/docs"), 405, "GET")


def test_kbs(client):
    body = client.get("/api/kbs").json()
    assert body["default"] == "default" and "default" in body["kbs"]


# --- auth ------------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("auth", [None, (USER, "wrong"), ("someone", PASSWORD)])
def test_api_requires_basic_auth(server, auth):
    with httpx.Client(base_url=server, auth=auth, timeout=30, trust_env=False) as anonymous:
        for response in (anonymous.post("/api/ask", json={"question": QUESTION}), anonymous.get("/api/docs"),
                         anonymous.get("/api/tasks?unit=x"), anonymous.post("/api/draft", json={"inquiry": INQUIRY}),
                         anonymous.post("/api/ingest", files=[("files", ("a.txt", POLICY.encode(), "text/plain"))])):
            assert_error(response, 401, "authentication")
            assert response.headers["www-authenticate"].startswith("Basic")


def test_page_requires_login(server):
    with httpx.Client(base_url=server, timeout=30, trust_env=False) as anonymous:
        assert anonymous.get("/config").status_code == 401  # the page loads no app without a login
        assert anonymous.post("/gradio_api/call/ask", json={"data": [QUESTION, "", None]}).status_code == 401
        assert "市工业和信息化局" not in anonymous.get("/").text
        assert anonymous.post("/login", data={"username": USER, "password": "wrong"}).status_code == 400
        assert anonymous.post("/login", data={"username": USER, "password": PASSWORD}).json() == {"success": True}
        assert anonymous.get("/config").status_code == 200  # the same credentials open the page


# --- Gradio's own API (gradio_client) --------------------------------------------------------------------------------


def test_gradio_client_ask_draft_and_streaming_chat(server, tmp_path):
    from gradio_client import Client

    gradio = Client(server + "/", auth=(USER, PASSWORD), verbose=False, download_files=str(tmp_path),
                    analytics_enabled=False, httpx_kwargs={"trust_env": False})
    api = gradio.view_api(print_info=False, return_format="dict")["named_endpoints"]
    assert {"/ask", "/draft", "/chat", "/search", "/tasks", "/ingest", "/draft_reply"} <= set(api)

    answer = gradio.predict(QUESTION, "", None, api_name="/ask")
    assert set(answer) == ANSWER_KEYS and "市工业和信息化局" in answer["answer"]
    reply = gradio.predict(INQUIRY, "default", api_name="/draft")
    assert set(reply) == DRAFT_KEYS and "来函收悉" in reply["text"]

    job = gradio.submit("谁负责首台(套)重大技术装备推广？", [], "default", api_name="/chat")  # message, chat so far, kb
    job.result(timeout=120)
    updates = job.outputs()
    assert len(updates) >= 3  # "searching…", pieces of the answer, the answer with its citations
    final_messages = updates[-1][0]
    assert "pd-cite" in str(final_messages[-1]) and "市工业和信息化局" in str(final_messages[-1])


# --- start-up --------------------------------------------------------------------------------------------------------


def test_startup_refuses_a_non_loopback_host_without_auth(tmp_path):
    result = subprocess.run([sys.executable, str(PROJECT / "app.py"), "serve", "--host", "0.0.0.0", "--port", "1",
                             "--data-dir", str(tmp_path / "data")], capture_output=True, text=True, timeout=120,
                            env=_environment(None), cwd=PROJECT)
    assert result.returncode == 2, result.stderr
    assert "refusing to bind 0.0.0.0 without authentication" in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "chroma").exists()  # refused before touching anything


def test_serve_refuses_non_loopback_without_auth_in_process(tmp_path, monkeypatch):
    from ui.web import StartupError, is_loopback, serve

    monkeypatch.delenv("POLICYDESK_AUTH", raising=False)
    for host in ("0.0.0.0", "192.168.1.10", "::", "example.org"):
        with pytest.raises(StartupError, match="refusing to bind"):
            serve(Settings(data_dir=tmp_path), host=host, port=1)
    assert is_loopback("127.0.0.1") and is_loopback("localhost") and is_loopback("::1") and is_loopback("127.0.0.2")
    with pytest.raises(StartupError, match="user:password"):
        serve(Settings(data_dir=tmp_path), host="0.0.0.0", port=1, auth="nopassword")


def test_server_log_has_no_traceback(app_data, client):
    # every bad request above was answered, not crashed on
    assert "Traceback" not in server_log(app_data), server_log(app_data)[-3000:]
    assert json.loads(client.get("/api/kbs").text)["default"] == "default"


def test_twenty_concurrent_clients_asking_ten_questions_each_get_no_errors(server):
    """20 clients × 10 questions on loopback: every request answered (latency is the benchmark's job)."""
    from concurrent.futures import ThreadPoolExecutor

    questions = ["Who leads the first-set equipment task?", "科技型中小企业的目标是多少家？", "南京市的研发补贴标准是多少？",
                 "武汉“算力贷”单笔贷款最高额度是多少？", "杭州的OPC基金总规模目标是多少？"]

    def one_client(n: int) -> list[int]:
        with httpx.Client(base_url=server, auth=(USER, PASSWORD), timeout=300, trust_env=False) as http:
            return [http.post("/api/ask", json={"question": questions[(n + i) % len(questions)]}).status_code
                    for i in range(10)]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = [s for result in pool.map(one_client, range(20)) for s in result]
    assert len(statuses) == 200 and set(statuses) == {200}
