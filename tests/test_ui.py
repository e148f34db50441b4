"""The page in a real browser: Playwright driving Debian's Chromium against the started app.

One server and one browser page for the module; the tests run in file order
and walk the tabs as a person would. Screenshots go to the test's tmp dir
and are copied to out/screenshots/ (gitignored) for a human to look at.

Needs /usr/bin/chromium (`apt-get install chromium`; .ci/run installs it):
skipped without it on a developer's machine, a failure in CI.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import copy_of_bundled_data
from ui.testing import PROJECT, running_app, server_log

pytestmark = pytest.mark.slow

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless=new", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync"]
SCREENSHOTS = PROJECT / "out" / "screenshots"
TIMEOUT = 90_000  # ms: the first answer loads the embedding model

HOSTILE = (
    "测试市关于支持<script>window.__pwned=1;alert('x')</script>企业创新的若干措施\n"
    "一、支持研发平台建设\n"
    "（一）建设创新平台<img src=x onerror=\"window.__pwned=2\">。支持企业建设研发平台，到2025年新增市级研发平台50家。"
    "（责任单位：市财政局、市科技局）\n"
    "（二）培育科技型企业。对新认定的高新技术企业给予一次性奖励20万元。（牵头单位：市科技局，配合单位：市财政局）\n"
)


@pytest.fixture(scope="module")
def app_data(bundled_data, tmp_path_factory):
    """The server's data directory: the bundled documents already ingested (its first start, which ingests
    them, is tested in test_processes)."""
    return copy_of_bundled_data(bundled_data, tmp_path_factory.mktemp("ui") / "data")


@pytest.fixture(scope="module")
def server(app_data):
    with running_app(app_data) as url:
        yield url


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def page(server):
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 1360, "height": 1000}, accept_downloads=True, locale="zh-CN")
        tab = context.new_page()
        tab.set_default_timeout(TIMEOUT)
        tab.dialogs = []
        tab.on("dialog", lambda dialog: (tab.dialogs.append(dialog.message), dialog.dismiss()))
        tab.external = []  # the app runs offline: the page must fetch nothing from elsewhere
        tab.on("request", lambda request: request.url.startswith((server, "data:", "blob:")) or tab.external.append(request.url))
        tab.goto(server + "/")
        tab.locator("#pd-question textarea").wait_for()
        tab.wait_for_function("document.querySelector('#pd-status').innerText.includes('documents')")
        yield tab
        context.close()
        browser.close()


def snap(page, shots: Path, name: str) -> Path:
    page.wait_for_timeout(300)  # let transitions settle
    path = shots / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shutil.copy(path, SCREENSHOTS / path.name)
    return path


def open_tab(page, name: str) -> None:
    page.get_by_role("tab", name=name).click()


def ask(page, question: str, answers_before: int) -> None:
    page.locator("#pd-question textarea").fill(question)
    page.click("#pd-ask")
    page.wait_for_function(
        f"document.querySelectorAll('#pd-chat .pd-answer .pd-sources, #pd-chat .pd-answer .pd-refused, #pd-chat .pd-error').length > {answers_before}"
    )


def last_answer(page):
    return page.locator("#pd-chat .pd-answer").last


def task_count(page, other_than: int | None = None) -> int:
    """The table's row count once it has settled (the same for 0.6 s) and differs from `other_than`."""
    seen = []
    while True:
        value = page.wait_for_function(
            "n => { const m = document.querySelector('#pd-task-count').innerText.trim().match(/^(\\d+) tasks$/);"
            " return m && Number(m[1]) !== n ? Number(m[1]) : false; }", arg=-1 if other_than is None else other_than
        ).json_value()
        seen.append(value)
        if len(seen) >= 2 and seen[-1] == seen[-2]:
            return value
        page.wait_for_timeout(600)


def close_toasts(page) -> None:
    """Dismiss Gradio's notifications once a test has read them (so later screenshots are clean)."""
    for _ in range(10):
        buttons = [b for b in page.locator("[data-testid=toast-close]").all() if b.is_visible()]
        if not buttons:
            return
        try:
            buttons[0].click(timeout=500)
        except Exception:  # it went away by itself, or moved while the group collapsed
            pass
        page.wait_for_timeout(200)


def not_pwned(page) -> None:
    assert page.evaluate("window.__pwned") is None
    assert page.dialogs == []


# --- Chat ---------------------------------------------------------------------------------------------


def test_page_is_ready_with_the_bundled_documents(page, shots):
    assert "4 documents" in page.locator("#pd-status").inner_text()
    assert page.locator("#pd-kb input").input_value() == "default"
    assert page.get_by_text("Who leads the first-set equipment task?").first.is_visible()  # an example question
    snap(page, shots, "01-start")


def test_chat_answers_with_an_expandable_citation(page, shots):
    ask(page, "Who leads the first-set equipment task?", 0)
    answer = last_answer(page)
    assert "市工业和信息化局" in answer.locator(".pd-text").inner_text()
    assert "Lead" in answer.locator(".pd-units").inner_text()
    citation = answer.locator("details.pd-cite").first
    summary = citation.locator("summary").inner_text()
    assert "[1]" in summary and "§二(二)6" in summary and "枣庄" in summary
    assert not citation.locator("blockquote").is_visible()  # collapsed until opened
    citation.locator("summary").click()
    assert citation.locator("blockquote").is_visible()
    assert "责任单位:市工业和信息化局、市财政局" in citation.locator("blockquote").inner_text()
    snap(page, shots, "02-chat-answer")


def test_chat_follow_up_is_resolved_against_the_conversation(page, shots):
    ask(page, "What is the target?", 1)
    answer = last_answer(page)
    assert "10" in answer.locator(".pd-text").inner_text()
    assert "§二(二)6" in answer.locator("details.pd-cite summary").first.inner_text()


def test_chat_not_covered_is_shown_distinctly_with_closest_matches(page, shots):
    ask(page, "新能源汽车购置补贴是多少？", 2)
    answer = last_answer(page)
    refused = answer.locator(".pd-refused")
    assert refused.is_visible() and "文件中没有相关规定" in refused.inner_text()  # in the question's language
    closest = answer.locator(".pd-closest details.pd-cite")
    assert closest.count() >= 1 and "最接近的条款" in answer.locator(".pd-closest").inner_text()
    snap(page, shots, "03-chat-not-covered")
    page.click("#pd-clear")
    page.wait_for_function("document.querySelectorAll('#pd-chat .pd-answer').length == 0")


# --- Documents ------------------------------------------------------------------------------------------


def test_upload_a_document_and_see_it_listed_escaped(page, shots, tmp_path, app_data):
    hostile = tmp_path / "xss policy.txt"
    hostile.write_text(HOSTILE, encoding="utf-8")
    open_tab(page, "Documents · 文件")
    page.set_input_files("#pd-upload input[type=file]", str(hostile))
    page.locator('#pd-upload td.filename[aria-label="xss policy.txt"]').wait_for()
    page.click("#pd-upload-btn")
    page.wait_for_function("document.querySelector('#pd-upload-results').innerText.includes('added')")
    result = page.locator("#pd-upload-results").inner_text()
    assert "xss policy.txt" in result and "added" in result
    page.wait_for_function("document.querySelector('#pd-docs').innerText.includes('xss_policy.txt')")
    docs = page.locator("#pd-docs").inner_text()
    assert "测试市关于支持<script>window.__pwned=1;alert('x')</script>企业创新的若干措施" in docs  # shown as text
    assert "5 documents" in page.locator("#pd-status").inner_text()
    assert (app_data / "uploads" / "default" / "xss_policy.txt").is_file()
    not_pwned(page)
    snap(page, shots, "04-documents-uploaded")


def test_uploading_a_disallowed_type_shows_the_error(page, shots, tmp_path):
    bad = tmp_path / "notes.exe"
    bad.write_bytes(b"MZ")
    page.set_input_files("#pd-upload input[type=file]", str(bad))
    page.wait_for_timeout(500)
    if page.locator('#pd-upload td.filename[aria-label="notes.exe"]').count():  # the browser let it through: the server says no
        page.click("#pd-upload-btn")
        page.wait_for_function("document.querySelector('#pd-upload-results').innerText.includes('not allowed')")
    else:  # Gradio refused it in the browser
        page.get_by_text("Invalid file type").first.wait_for()
    assert "Traceback" not in page.content()
    close_toasts(page)


def test_uploaded_document_text_is_escaped_in_answers(page, shots):
    open_tab(page, "Chat · 问答")
    ask(page, "测试市 建设创新平台 由谁负责？", 0)
    answer = last_answer(page)
    summary = answer.locator("details.pd-cite summary").first.inner_text()
    assert "<script>window.__pwned=1;alert('x')</script>" in summary
    answer.locator("details.pd-cite summary").first.click()
    assert '<img src=x onerror="window.__pwned=2">' in answer.locator("details.pd-cite blockquote").first.inner_text()
    assert page.locator("#pd-chat script, #pd-chat img[onerror], #pd-chat img[src=x]").count() == 0
    not_pwned(page)
    snap(page, shots, "05-chat-escaped-document")


# --- Responsibilities -------------------------------------------------------------------------------------


def test_responsibility_table_filtered_by_unit_and_exported(page, shots, tmp_path):
    open_tab(page, "Responsibilities · 责任分工")
    total = task_count(page)
    unit = page.locator("#pd-unit input")
    unit.click()
    unit.fill("市财政局")
    page.locator("ul[role=listbox] li", has_text="市财政局").first.click()
    count = task_count(page, other_than=total)
    assert 0 < count < total
    rows = page.locator("#pd-tasks .virtual-row")  # Gradio renders the visible rows only
    assert rows.count() >= 1
    for n in range(min(rows.count(), 8)):
        cells = rows.nth(n).locator("[role=gridcell]")
        assert "市财政局" in cells.nth(3).inner_text() + cells.nth(4).inner_text()
    snap(page, shots, "06-responsibilities-filtered")

    with page.expect_download() as download:
        page.click("#pd-export-csv")
    content = Path(download.value.path()).read_text(encoding="utf-8-sig")
    table = list(csv.reader(io.StringIO(content)))
    assert table[0] == ["Document", "Locator", "Task", "Lead", "Responsible", "Targets"]
    assert len(table) == count + 1 and all("市财政局" in r[3] + r[4] for r in table[1:])

    page.locator("#pd-task-search textarea").press_sequentially("首台", delay=30)  # filters as one types
    assert task_count(page, other_than=count) < count
    assert "加快新产品推广应用" in page.locator("#pd-tasks").inner_text()
    with page.expect_download() as download:
        page.click("#pd-export-xlsx")
    from openpyxl import load_workbook

    assert download.value.suggested_filename == "responsibilities-default.xlsx"
    download.value.save_as(tmp_path / "table.xlsx")
    sheet = load_workbook(tmp_path / "table.xlsx").active
    assert sheet["C1"].value == "Task" and any(c.value == "加快新产品推广应用" for c in sheet["C"])


# --- Draft reply --------------------------------------------------------------------------------------------


def test_draft_reply_with_citations_and_docx(page, shots, tmp_path):
    open_tab(page, "Draft reply · 答复草稿")
    page.click("#pd-draft-btn")  # nothing pasted yet: a clear message, no stack trace
    page.get_by_text("Paste the inquiry first").first.wait_for()
    close_toasts(page)
    page.click("#pd-draft-example")
    page.wait_for_function("document.querySelector('#pd-inquiry textarea').value.includes('首台(套)')")
    page.click("#pd-draft-btn")
    page.wait_for_function("document.querySelector('#pd-draft-text textarea').value.includes('来函收悉')")
    text = page.locator("#pd-draft-text textarea").input_value()
    assert "市工业和信息化局" in text and "[1]" in text
    sources = page.locator("#pd-draft-sources")
    assert sources.locator("details.pd-cite").count() >= 1
    sources.locator("details.pd-cite summary").first.click()
    assert "首台(套)" in sources.locator("blockquote").first.inner_text()
    snap(page, shots, "07-draft-reply")
    with page.expect_download() as download:
        page.click("#pd-draft-docx")
    assert download.value.suggested_filename.endswith(".docx")
    from docx import Document

    download.value.save_as(tmp_path / "reply.docx")
    paragraphs = [p.text for p in Document(tmp_path / "reply.docx").paragraphs]
    assert "答复草稿" in paragraphs and any("来函收悉" in p for p in paragraphs)


# --- Retrieval test -----------------------------------------------------------------------------------------------


def test_retrieval_test_shows_ranked_clauses_with_scores(page, shots):
    open_tab(page, "Retrieval test · 检索测试")
    page.locator("#pd-search textarea, #pd-search input").first.fill("首台套装备推广由谁负责")
    page.click("#pd-search-btn")
    page.locator("table.pd-hits").wait_for()
    headers = page.locator("table.pd-hits th").all_inner_texts()
    assert headers[2:] == ["Dense (cosine)", "Keyword (BM25)", "Fused (RRF)"]
    rows = page.locator("table.pd-hits tbody tr")
    assert rows.count() == 5
    first = rows.first.locator("td").all_inner_texts()
    assert "§二(二)6" in first[1]
    assert all(any(ch.isdigit() for ch in cell) for cell in first[2:])
    snap(page, shots, "08-retrieval-test")


def test_delete_a_document(page, shots, app_data):
    open_tab(page, "Documents · 文件")
    choice = page.locator("#pd-delete-choice input")
    choice.click()
    page.locator("ul[role=listbox] li", has_text="xss_policy.txt").first.click()
    page.click("#pd-delete-btn")
    page.get_by_text("Deleted xss_policy.txt").first.wait_for()
    page.wait_for_function("!document.querySelector('#pd-docs').innerText.includes('xss_policy.txt')")
    assert page.locator("#pd-status").inner_text().startswith("4 documents")
    assert not (app_data / "uploads" / "default" / "xss_policy.txt").exists()
    close_toasts(page)
    page.click("#pd-delete-btn")  # nothing chosen now: a clear message
    page.get_by_text("choose a document to delete").first.wait_for()
    close_toasts(page)


# --- Knowledge bases and errors -----------------------------------------------------------------------------------


def test_create_a_knowledge_base_and_errors_are_clear(page, shots):
    open_tab(page, "Documents · 文件")
    page.locator("#pd-new-kb input, #pd-new-kb textarea").first.fill("bad name!")
    page.click("#pd-create-kb")
    page.get_by_text("knowledge-base names use letters, digits").first.wait_for()
    close_toasts(page)
    page.locator("#pd-new-kb input, #pd-new-kb textarea").first.fill("team-b")
    page.click("#pd-create-kb")
    page.wait_for_function("document.querySelector('#pd-kb input').value == 'team-b'")
    page.wait_for_function("document.querySelector('#pd-status').innerText.startsWith('0 documents')")
    assert "xss_policy.txt" not in page.locator("#pd-docs").inner_text()
    assert "xss policy.txt" not in page.locator("#pd-upload-results").inner_text()
    page.get_by_text("Knowledge base 'team-b' is ready").first.wait_for()
    close_toasts(page)
    snap(page, shots, "09-new-knowledge-base")
    assert "Traceback" not in page.content()


def test_no_unexpected_errors_and_nothing_fetched_from_outside(app_data, page):
    assert "Traceback" not in server_log(app_data), server_log(app_data)[-3000:]
    assert page.external == []
