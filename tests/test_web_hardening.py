"""The web app against hostile clients (issue 13): every case is real HTTP to the app started in a subprocess.

One server for most of the module, with auth on (so the page's routes need
a login, as in a deployment), a small upload cap, a login back-off of 3
failures / 2 s so waiting for it is cheap, and Gradio's temp folder pointed
at the test's own directory so what it keeps can be inspected. The export
sweep and the unreachable store have their own servers.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import httpx
import pytest

from tests.conftest import copy_of_bundled_data
from tests.test_api import POLICY, QUESTION, assert_error
from ui.tasks import ALL, ALL_DOCS
from ui.testing import running_app, server_log

pytestmark = pytest.mark.slow

USER, PASSWORD = "staff", "s3cret-pass"
UPLOAD_CAP = 200_000
LOCKOUT_SECONDS = 2
EVIL = "http://evil.example"
LONG_NAME = "关于进一步支持企业科技创新加快发展新质生产力推动高质量发展若干政策措施的通知实施细则解读问答汇编第一部分总则及附件说明材料汇总关于支持企业科技创新的若干措施实施细则及其附"
"""85 Chinese characters: 255 bytes of UTF-8 before the extension."""


@pytest.fixture(scope="module")
def dirs(bundled_data, tmp_path_factory) -> dict[str, Path]:
    """The server's data directory (the bundled documents already ingested) and Gradio's temp folder."""
    root = tmp_path_factory.mktemp("web-hardening")
    return {"data": copy_of_bundled_data(bundled_data, root / "data"), "gradio": root / "gradio-tmp"}


@pytest.fixture(scope="module")
def server(dirs):
    env = {"POLICYDESK_MAX_UPLOAD_BYTES": str(UPLOAD_CAP), "POLICYDESK_LOGIN_MAX_FAILURES": "3",
           "POLICYDESK_LOGIN_LOCKOUT_SECONDS": str(LOCKOUT_SECONDS), "GRADIO_TEMP_DIR": str(dirs["gradio"])}
    with running_app(dirs["data"], auth=f"{USER}:{PASSWORD}", env=env) as url:
        yield url


@pytest.fixture
def api(server):
    with httpx.Client(base_url=server, auth=(USER, PASSWORD), timeout=120, trust_env=False) as http:
        yield http


@pytest.fixture
def page_session(server):
    """A client logged in to the page as a browser would be (cookie), sending no Origin unless told."""
    with httpx.Client(base_url=server, timeout=120, trust_env=False) as http:
        assert http.post("/login", data={"username": USER, "password": PASSWORD}).json() == {"success": True}
        yield http


def gradio_client(server, download_dir: Path, auth: tuple[str, str] | None = (USER, PASSWORD)):
    from gradio_client import Client

    return Client(server + "/", auth=auth, verbose=False, download_files=str(download_dir),
                  analytics_enabled=False, httpx_kwargs={"trust_env": False})


def doc_files(api, kb: str = "default") -> list[str]:
    response = api.get("/api/docs", params={"kb": kb})
    assert response.status_code == 200, response.text
    return sorted(d["file_name"] for d in response.json())


# --- item 3: cross-site requests -----------------------------------------------------------------------------------


@pytest.mark.parametrize("header", [{"Origin": EVIL}, {"Referer": EVIL + "/attack.html"}, {"Origin": "null"},
                                    {"Origin": "http://127.0.0.1:1"}])
def test_an_upload_from_another_site_is_refused_and_nothing_is_saved(api, dirs, header):
    before = doc_files(api)
    response = api.post("/api/ingest", params={"kb": "default"}, headers=header,
                        files=[("files", ("crosssite.txt", POLICY.encode(), "text/plain"))])
    assert_error(response, 403, "cross-site request refused")
    assert "access-control-allow-origin" not in response.headers
    assert doc_files(api) == before
    assert not list((dirs["data"] / "uploads").rglob("crosssite*"))


def test_a_knowledge_base_created_or_a_document_deleted_from_another_site_is_refused(api, page_session, server):
    kbs_before = api.get("/api/kbs").json()["kbs"]
    for path, data in [("/gradio_api/call/create_kb", ["evilkb"]),
                       ("/gradio_api/call/remove_document", ["default", "any-doc-id"]),
                       ("/gradio_api/queue/join", {"data": ["evilkb"], "fn_index": 0, "session_hash": "x"})]:
        body = {"data": data} if isinstance(data, list) else data
        assert_error(page_session.post(path, json=body, headers={"Origin": EVIL}), 403, "cross-site")
    upload = page_session.post("/gradio_api/upload", headers={"Origin": EVIL},
                               files=[("files", ("a.txt", POLICY.encode(), "text/plain"))])
    assert_error(upload, 403, "cross-site")
    assert_error(page_session.post("/login", data={"username": USER, "password": PASSWORD}, headers={"Origin": EVIL}), 403)
    assert api.get("/api/kbs").json()["kbs"] == kbs_before


def test_same_origin_and_non_browser_requests_still_change_data(api, server):
    same = api.post("/api/ingest", params={"kb": "origins"}, headers={"Origin": server, "Referer": server + "/"},
                    files=[("files", ("same.txt", POLICY.encode(), "text/plain"))])
    assert same.status_code == 200 and same.json()["added"] == 1, same.text
    curl_like = api.post("/api/ingest", params={"kb": "origins"},  # no Origin, no Referer: curl, the CLI, scripts
                         files=[("files", ("nobrowser.txt", POLICY.replace("测试市", "另一市").encode(), "text/plain"))])
    assert curl_like.status_code == 200 and curl_like.json()["added"] == 1, curl_like.text
    assert doc_files(api, "origins") == ["nobrowser.txt", "same.txt"]
    assert api.post("/api/ask", json={"question": QUESTION}, headers={"Origin": server}).status_code == 200


def test_cors_stays_closed_to_other_origins(api):
    preflight = api.options("/api/ingest", headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    preflight = api.options("/gradio_api/queue/join", headers={"Origin": EVIL, "Access-Control-Request-Method": "POST"})
    assert "access-control-allow-origin" not in preflight.headers
    assert "access-control-allow-origin" not in api.get("/api/kbs", headers={"Origin": EVIL}).headers


# --- item 5: bad input that gave 500 ---------------------------------------------------------------------------------


DEEP = "[" * 1000 + "]" * 1000  # 2 KB


@pytest.mark.parametrize("path, body", [("/api/ask", DEEP), ("/api/ask", '{"question": "x", "history": ' + DEEP + "}"),
                                        ("/api/draft", '{"inquiry": ' + DEEP + "}"),
                                        ("/api/ask", "[" * 100 + "]" * 100)])
def test_deeply_nested_json_is_a_400_json_error(api, path, body):
    assert_error(api.post(path, content=body, headers={"Content-Type": "application/json"}), 400, "nested too deeply")


def test_deeply_nested_json_to_gradios_api_is_a_400_json_error(page_session):
    response = page_session.post("/gradio_api/call/ask", content='{"data": ' + DEEP + "}",
                                 headers={"Content-Type": "application/json"})
    assert_error(response, 400, "nested too deeply")


def test_a_file_name_of_85_chinese_characters_is_saved_shortened(api, dirs):
    response = api.post("/api/ingest", params={"kb": "longnames"},
                        files=[("files", (LONG_NAME + ".txt", POLICY.encode(), "text/plain"))])
    assert response.status_code == 200, response.text
    assert response.json()["added"] == 1 and response.json()["failed"] == []
    saved = [p for p in (dirs["data"] / "uploads" / "longnames").iterdir()]
    assert len(saved) == 1 and saved[0].suffix == ".txt"
    assert len(saved[0].name.encode("utf-8")) <= 180
    assert saved[0].name.startswith(LONG_NAME[:40])  # recognisably the same name
    assert doc_files(api, "longnames") == [saved[0].name]


def test_a_file_name_of_85_chinese_characters_through_the_page(server, dirs, tmp_path):
    from gradio_client import handle_file

    source = tmp_path / (LONG_NAME[:70] + ".txt")  # the test's own file system allows 255 bytes too
    source.write_text(POLICY.replace("测试市", "长名市"), encoding="utf-8")
    rows = gradio_client(server, tmp_path / "dl").predict([handle_file(str(source))], "default", api_name="/ingest")
    assert rows[0]["data"][0][1] == "added", rows


def test_gradios_api_takes_no_more_than_the_http_apis_body_cap(page_session):
    big = json.dumps({"data": ["问" * 600_000, "", None]})  # 1.8 MB
    assert_error(page_session.post("/gradio_api/call/ask", content=big, headers={"Content-Type": "application/json"}),
                 413, "over 1024 KB")
    assert_error(page_session.post("/gradio_api/queue/join", content=big, headers={"Content-Type": "application/json"}),
                 413)
    assert_error(page_session.post("/login", data={"username": USER, "password": "x" * 2_000_000}), 413)


def test_gradios_upload_is_capped_like_the_http_apis(page_session):
    over = UPLOAD_CAP + 1000
    too_big = page_session.post("/gradio_api/upload", files=[("files", ("big.txt", b"x" * over, "text/plain"))])
    assert too_big.status_code == 413, too_big.text  # one file over its cap (Gradio's own check)
    many = [("files", (f"f{n}.txt", b"x" * (UPLOAD_CAP - 100), "text/plain")) for n in range(21)]
    assert_error(page_session.post("/gradio_api/upload", files=many), 413, "too large")  # over 20 × the cap


def test_gradios_streamed_upload_is_capped_like_the_http_apis(page_session):
    def chunked():  # no Content-Length: the cap counts what arrives (21 files, each under its own cap)
        for n in range(21):
            yield f'--b\r\nContent-Disposition: form-data; name="files"; filename="f{n}.txt"\r\n\r\n'.encode()
            yield b"x" * (UPLOAD_CAP - 100) + b"\r\n"
        yield b"--b--\r\n"

    streamed = page_session.post("/gradio_api/upload", content=chunked(),
                                 headers={"Content-Type": "multipart/form-data; boundary=b"})
    assert_error(streamed, 413, "too large")


# --- item 9: login back-off ---------------------------------------------------------------------------------------


def test_wrong_basic_auth_passwords_are_throttled_then_the_right_one_works(server):
    with httpx.Client(base_url=server, timeout=60, trust_env=False) as http:
        statuses = [http.get("/api/docs", auth=(USER, f"guess{n}")).status_code for n in range(3)]
        assert statuses == [401, 401, 401]
        refused = http.get("/api/docs", auth=(USER, "guess3"))
        assert_error(refused, 429, "too many failed logins")
        assert 1 <= int(refused.headers["retry-after"]) <= LOCKOUT_SECONDS
        assert http.get("/api/docs", auth=(USER, PASSWORD)).status_code == 429  # not even checked while locked
        assert http.get("/api/kbs").status_code == 401  # no credentials: not an attempt, just unauthorised
        time.sleep(int(refused.headers["retry-after"]) + 0.2)
        assert http.get("/api/docs", auth=(USER, PASSWORD)).status_code == 200
        assert http.get("/api/docs", auth=(USER, "guess4")).status_code == 401  # the record was cleared…
        assert http.get("/api/docs", auth=(USER, PASSWORD)).status_code == 200  # …and is again


def test_wrong_page_logins_are_throttled_then_the_right_one_works(server):
    with httpx.Client(base_url=server, timeout=60, trust_env=False) as http:
        for n in range(3):
            assert http.post("/login", data={"username": USER, "password": f"guess{n}"}).status_code == 400
        refused = http.post("/login", data={"username": USER, "password": PASSWORD})
        assert_error(refused, 429, "too many failed logins")
        time.sleep(int(refused.headers["retry-after"]) + 0.2)
        assert http.post("/login", data={"username": USER, "password": PASSWORD}).json() == {"success": True}


# --- item 10: leftovers -----------------------------------------------------------------------------------------------


def test_an_uploaded_then_deleted_document_leaves_nothing_in_gradios_temp_folder(server, dirs, api, tmp_path):
    from gradio_client import handle_file

    marker = "留痕检查市"
    source = tmp_path / "留痕检查_upload.txt"
    source.write_text(POLICY.replace("测试市", marker), encoding="utf-8")
    client = gradio_client(server, tmp_path / "dl")
    rows = client.predict([handle_file(str(source))], "default", api_name="/ingest")  # the page's kbs are those at start
    assert rows[0]["data"][0][1] == "added", rows
    docs = [d for d in api.get("/api/docs").json() if d["file_name"] == source.name]
    assert len(docs) == 1
    client.predict("default", docs[0]["doc_id"], api_name="/remove_document")
    assert source.name not in doc_files(api)

    left = [p for p in dirs["gradio"].rglob("*") if p.is_file() and (source.stem in p.name or marker in _text(p))]
    assert left == []
    assert not list((dirs["data"] / "uploads" / "default").glob(source.stem + "*"))


def _text(path: Path) -> str:
    try:
        return path.read_bytes()[:100_000].decode("utf-8", errors="ignore")
    except OSError:
        return ""


# --- item 11 and item 4: contract details ----------------------------------------------------------------------------


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND", "TRACE"])
def test_other_methods_on_the_api_are_405_with_a_json_error(api, method):
    response = api.request(method, "/api/ask")
    assert_error(response, 405, "use POST")
    assert response.headers["allow"] == "POST"
    assert_error(api.request(method, "/api/docs"), 405, "use GET")


@pytest.mark.parametrize("name", [" default", "default ", "default\n", "\tdefault", "def\x00ault", "de\x1bfault"])
def test_knowledge_base_names_with_whitespace_or_control_characters_are_400(api, name):
    assert_error(api.get("/api/docs", params={"kb": name}), 400, "knowledge-base name")
    assert_error(api.post("/api/ask", json={"question": QUESTION, "kb": name}), 400, "knowledge-base name")
    assert_error(api.post("/api/ingest", params={"kb": name}, files=[("files", ("a.txt", POLICY.encode(), "text/plain"))]),
                 400, "knowledge-base name")
    assert name not in api.get("/api/kbs").json()["kbs"]


def test_creating_a_knowledge_base_named_with_spaces_around_is_refused_in_the_page(server, api, tmp_path):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="spaces or control characters"):
        gradio_client(server, tmp_path).predict(" padded ", api_name="/create_kb")
    assert "padded" not in api.get("/api/kbs").json()["kbs"]


@pytest.mark.parametrize("history, words", [
    ([{"question": "谁负责？"}] * 21, ["21 turns", "at most the last 20"]),
    ([{"question": "问" * 2001}], ["history[0].question", "2,001 characters", "2,000"]),
    ([{"question": "谁负责？", "answer": "答" * 20_001}], ["history[0].answer", "20,000"]),
])
def test_an_oversized_history_is_a_400_with_a_clear_message(api, history, words):
    assert_error(api.post("/api/ask", json={"question": "目标是多少？", "history": history}), 400, *words)


def test_a_history_within_the_caps_is_answered(api):
    history = [{"question": "谁负责首台(套)重大技术装备推广？", "answer": "答" * 20_000}] + [{"question": "问" * 2000}] * 19
    assert api.post("/api/ask", json={"question": "目标是多少？", "history": history}).status_code == 200


def test_gradios_ask_caps_the_history_too(server, tmp_path):
    from gradio_client.exceptions import AppError

    with pytest.raises(AppError, match="at most the last 20"):
        gradio_client(server, tmp_path).predict("目标是多少？", "", [{"question": "谁负责？"}] * 21, api_name="/ask")


def test_no_request_above_left_a_traceback_in_the_server_log(dirs, api):
    assert api.get("/api/kbs").status_code == 200
    assert "Traceback" not in server_log(dirs["data"]), server_log(dirs["data"])[-3000:]


# --- item 10: exports are swept --------------------------------------------------------------------------------------


def test_exports_older_than_the_setting_are_swept(bundled_data, tmp_path):
    """Every filter of the responsibility table writes a CSV and an XLSX; those older than
    temp_max_age_seconds go, ours at the next export and Gradio's cached copies on its schedule."""
    temp, gradio_tmp, age = tmp_path / "tmp", tmp_path / "gradio-tmp", 3
    temp.mkdir()
    env = {"TMPDIR": str(temp), "GRADIO_TEMP_DIR": str(gradio_tmp), "POLICYDESK_TEMP_MAX_AGE_SECONDS": str(age)}
    with running_app(copy_of_bundled_data(bundled_data, tmp_path / "data"), env=env) as url:
        client = gradio_client(url, tmp_path / "dl", auth=None)
        exports = temp / "policydesk-exports"

        def export(search: str) -> list[Path]:
            client.predict("default", ALL, ALL_DOCS, search, api_name="/tasks")  # kb, unit, document, search
            return [p for p in exports.rglob("*") if p.is_file()]

        first = export("市财政局")
        assert sorted(p.suffix for p in first) == [".csv", ".xlsx"]
        assert len(export("市科技局")) == 4  # two exports, young: both kept
        gradio_copies = lambda: [p for p in gradio_tmp.rglob("responsibilities-*") if p.is_file()]  # noqa: E731
        assert gradio_copies()
        time.sleep(age + 1)
        assert len(export("市工业和信息化局")) == 2  # only the newest remains
        deadline = time.monotonic() + 60
        while len(gradio_copies()) > 2 and time.monotonic() < deadline:
            time.sleep(1)
        assert len(gradio_copies()) <= 2, gradio_copies()


# --- item 11: the store unreachable ----------------------------------------------------------------------------------


def test_an_unreachable_chroma_server_is_503_not_500(tmp_path):
    from tests.test_chroma_server import CHROMA_CLI, ChromaServer

    if not CHROMA_CLI:
        pytest.skip("needs the `chroma` CLI to start and stop a server")
    chroma = ChromaServer(tmp_path / "chroma-db").start()
    try:
        with running_app(tmp_path / "data", env={"POLICYDESK_CHROMA_URL": chroma.url}) as url:
            with httpx.Client(base_url=url, timeout=120, trust_env=False) as http:
                assert http.get("/api/docs").status_code == 200
                chroma.stop()
                for response in (http.get("/api/docs"), http.get("/api/kbs"),
                                 http.post("/api/ingest", params={"kb": "other"},
                                           files=[("files", ("a.txt", POLICY.encode(), "text/plain"))])):
                    assert_error(response, 503, "cannot reach the Chroma server")
    finally:
        chroma.stop()


# --- the rules themselves ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("origin, host, same", [
    ("http://127.0.0.1:7860", "127.0.0.1:7860", True),
    ("http://127.0.0.1:7860/page?q=1", "127.0.0.1:7860", True),  # a Referer
    ("https://policy.example.org", "policy.example.org", True),  # behind a TLS proxy: default port
    ("HTTP://LOCALHOST:7860", "localhost:7860", True),
    ("http://localhost:7860", "127.0.0.1:7860", False),  # another name is another origin
    ("http://127.0.0.1:7861", "127.0.0.1:7860", False),
    ("http://evil.example", "127.0.0.1:7860", False),
    ("http://127.0.0.1.evil.example:7860", "127.0.0.1:7860", False),
    ("null", "127.0.0.1:7860", False),
    ("file:///home/x.html", "127.0.0.1:7860", False),
])
def test_what_counts_as_the_same_origin(origin, host, same):
    from ui.same_origin import is_same_origin

    assert is_same_origin(origin, host) is same


def test_a_trusted_origin_may_change_data():
    from ui.same_origin import cross_site_source

    headers = {"origin": "https://proxy.example", "host": "10.0.0.5:7860"}
    assert cross_site_source("POST", headers) == "https://proxy.example"
    assert cross_site_source("POST", headers, trusted=("https://proxy.example",)) is None
    assert cross_site_source("GET", headers) is None  # reading is never refused here (auth guards it)


def test_the_login_back_off_doubles_per_lockout_and_a_success_clears_it():
    from ui.login_throttle import LoginThrottle

    now = [0.0]
    throttle = LoginThrottle(max_failures=3, lockout_seconds=10, max_lockout_seconds=25, clock=lambda: now[0])
    for _ in range(2):
        throttle.failed("10.0.0.1")
    assert throttle.wait_seconds("10.0.0.1") == 0
    throttle.failed("10.0.0.1")
    assert throttle.wait_seconds("10.0.0.1") == 10 and throttle.wait_seconds("10.0.0.2") == 0  # per client
    now[0] = 10.0
    assert throttle.wait_seconds("10.0.0.1") == 0
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert throttle.wait_seconds("10.0.0.1") == 20  # the second lockout is twice as long…
    now[0] = 30.0
    for _ in range(3):
        throttle.failed("10.0.0.1")
    assert throttle.wait_seconds("10.0.0.1") == 25  # …up to the cap
    now[0] = 55.0
    throttle.succeeded("10.0.0.1")
    throttle.failed("10.0.0.1")
    assert throttle.wait_seconds("10.0.0.1") == 0  # counting starts over


def test_json_depth_is_measured_without_recursion():
    from ui.body_limits import json_depth, too_deep

    assert json_depth(1) == 0 and json_depth([]) == 1 and json_depth({"a": [{"b": []}]}) == 4
    assert json_depth(json.loads("[" * 900 + "]" * 900)) == 900
    assert too_deep(b"[" * 1000 + b"]" * 1000, 64) == "the JSON is nested too deeply (at most 64 levels)"
    assert too_deep(b'{"question": "x", "history": [{"question": "y"}]}', 64) is None
    assert too_deep(b"{not json", 64) is None  # left to the route's own 400


def test_a_route_that_does_not_stop_after_an_over_cap_upload_is_cancelled_and_the_413_sent(tmp_path):
    """A route that keeps waiting once told the client left (past the cap) cannot hold the upload open."""
    import asyncio

    from settings import Settings
    from ui.body_limits import BodyLimitMiddleware

    async def stuck_route(scope, receive, send):
        while (await receive())["type"] == "http.request":
            pass
        await asyncio.sleep(3600)  # never answers

    middleware = BodyLimitMiddleware(stuck_route, Settings(data_dir=tmp_path, max_upload_bytes=1024, upload_cancel_grace=0.1))
    chunks = [{"type": "http.request", "body": b"x" * 8192, "more_body": True} for _ in range(20)]  # 160 KB: over 20 × 1 KB + 64 KB
    chunks.append({"type": "http.request", "body": b"", "more_body": False})
    sent = []

    async def receive():
        return chunks.pop(0) if chunks else {"type": "http.disconnect"}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/gradio_api/upload",
             "headers": [(b"content-type", b"multipart/form-data; boundary=b")]}
    asyncio.run(middleware(scope, receive, send))
    assert sent[0]["type"] == "http.response.start" and sent[0]["status"] == 413
    assert b"too large" in sent[1]["body"]


def test_an_upload_whose_last_part_passes_the_cap_is_answered_at_once(tmp_path):
    """The part that passes the cap may be the body's last: nothing is left to read, and the 413 goes out at once
    (it waited for the client to hang up — seen through the page, whose login cookie moved the parts' edges)."""
    import asyncio

    from settings import Settings
    from ui.body_limits import BodyLimitMiddleware

    async def reading_route(scope, receive, send):
        while (await receive())["type"] == "http.request":
            pass

    middleware = BodyLimitMiddleware(reading_route, Settings(data_dir=tmp_path, max_upload_bytes=1024))
    chunks = [{"type": "http.request", "body": b"x" * 80_000, "more_body": True},
              {"type": "http.request", "body": b"x" * 80_000, "more_body": False}]  # 160 KB, over at the last part
    sent = []

    async def receive():
        if chunks:
            return chunks.pop(0)
        await asyncio.Event().wait()  # the client sent everything and waits for the answer: no more messages

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "POST", "path": "/gradio_api/upload",
             "headers": [(b"content-type", b"multipart/form-data; boundary=b")]}
    asyncio.run(asyncio.wait_for(middleware(scope, receive, send), timeout=60))
    assert sent[0]["status"] == 413 and b"too large" in sent[1]["body"]
