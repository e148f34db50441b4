"""The evaluation package: matching, the scorer, gold loading, the runner, the baseline, the CLI and the gate.

The scorer is pinned on hand-made responses to real clauses of the Zaozhuang
plan with exact metric values; the runner runs end to end over the bundled
corpus (the shared `bundled_kb`), with a stand-in answer function built from
the real hybrid retriever, with the real qa.chain.ask, and with the baseline.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eval import metrics
from eval.__main__ import main
from eval.bench import CITIES, replicate_corpus
from eval.gold import GoldError, GoldItem, load_drafts, load_gold
from eval.matching import contains, normalize
from eval.metrics import Response, judge, summarize
from eval.runner import draft_fn_from, run, score_answers
from qa.model import Answer, Citation
from tests.conftest import CORPUS, PROJECT
from vectorstore.retriever import HybridRetriever

GOLD_DIR = PROJECT / "eval" / "gold"
THRESHOLDS = PROJECT / "eval" / "thresholds.json"

# Task 6 of the Zaozhuang plan, as the document writes it (half-width punctuation).
TASK6_TITLE = "6.加快新产品推广应用。"
TASK6_BODY = "积极申报列入省级首台(套)重大技术装备、首版次高端软件等推广目录,落实新产品保险补偿等相关政策。"
TASK6_NOTE = "(责任单位:市工业和信息化局、市财政局)"
TASK6 = TASK6_TITLE + TASK6_BODY + TASK6_NOTE
TASK7 = "7.加强高层次科技平台布局。力争新建10个省级以上平台。(责任单位:市发展改革委、市科技局、市工业和信息化局)"
GOALS = "科技型中小企业达到700家,高新技术企业达到370家"


# --- matching ------------------------------------------------------------------------------------


def test_matching_ignores_full_width_versus_half_width_punctuation():
    assert contains("（责任单位：市工业和信息化局、市财政局）", "(责任单位:市工业和信息化局,市财政局)")
    assert contains("积极申报列入省级首台(套)重大技术装备", "首台（套）")
    assert contains("打造“一业一策”模式；", '"一业一策"模式;')
    assert contains("武政规〔2026〕4号", "武政规[2026]4号")
    assert contains("力争新建10个省级以上平台。", "新建10个省级以上平台.")


def test_matching_ignores_whitespace_and_latin_case():
    assert contains("科技型中小企业 达到\n700家", "达到700家")
    assert contains("全市OPC社区面积超50万平方米", "opc 社区面积")
    assert normalize("ＯＰＣ　社区 \t") == "opc社区"


def test_matching_still_tells_different_text_apart():
    assert not contains("(责任单位:市科技局)", "市财政局")
    assert not contains("达到700家", "达到70家,")
    assert not contains("anything", "")
    assert not contains(None, "市科技局")


# --- the scorer ----------------------------------------------------------------------------------


def _gold(id_: str, lang: str = "zh", unanswerable: bool = False) -> GoldItem:
    if unanswerable:
        return GoldItem(id=id_, q=f"question {id_}", lang=lang, kind="measures", unanswerable=True)
    return GoldItem(
        id=id_, q=f"question {id_}", lang=lang, kind="who",
        answer_any=["市工业和信息化局"], answer_all=["市工业和信息化局", "市财政局"],
        clause=["6.加快新产品推广应用", "（责任单位：市工业和信息化局、市财政局）"],
    )


def _cite(quote: str, locator: str = "") -> dict:
    return {"quote": quote, "locator": locator, "source": "zaozhuang_rd_innovation_plan_2022.txt"}


def hand_made_records() -> list[dict]:
    """Seven questions, one per situation the scorer must tell apart."""
    cases = [
        # 1 correct: names both units, cites task 6, task 6 ranked first
        (_gold("correct"), Response("由市工业和信息化局牵头，市财政局配合。", citations=[_cite(TASK6, "二(二)6")],
                                    retrieved_quotes=[TASK6, TASK7], latency_ms=10)),
        # 2 wrong: the wrong unit, though it cites task 6 (ranked second)
        (_gold("wrong"), Response("由市科技局负责。", citations=[_cite(TASK6)], retrieved_quotes=[TASK7, TASK6],
                                  latency_ms=20)),
        # 3 partial answer_all: only the lead; cites the note piece of task 6 (one of the two clause strings) and task 7
        (_gold("partial"), Response("市工业和信息化局牵头。", citations=[_cite(TASK6_BODY + TASK6_NOTE), _cite(TASK7)],
                                    retrieved_quotes=[TASK6_BODY + TASK6_NOTE], latency_ms=30)),
        # 4 refused an answerable question; task 6 was third in the ranking
        (_gold("refused", "en"), Response("The documents don't say.", refused=True,
                                          retrieved_quotes=[GOALS, TASK7, TASK6], latency_ms=40)),
        # 5 right words, wrong clause cited, task 6 not retrieved
        (_gold("wrong-clause", "en"), Response("市工业和信息化局、市财政局", citations=[_cite(TASK7)],
                                               retrieved_quotes=[TASK7, GOALS], latency_ms=50)),
        # 6 unanswerable, refused
        (_gold("unanswerable-refused", "en", True), Response("文件未提及。", refused=True, latency_ms=60)),
        # 7 unanswerable, answered anyway
        (_gold("unanswerable-answered", "en", True), Response("最高补贴100万元。", citations=[_cite(GOALS)], latency_ms=70)),
    ]
    return [judge(item, response) for item, response in cases]


def test_scorer_judges_each_question():
    by_id = {r["id"]: r for r in hand_made_records()}
    verdicts = {i: (r["correct"], r["retrieval_rank"], r["cited_supporting"]) for i, r in by_id.items()}
    assert verdicts == {
        "correct": (True, 1, True),
        "wrong": (False, 2, True),
        "partial": (False, 1, True),
        "refused": (False, 3, None),  # not answered: no citation verdict
        "wrong-clause": (True, None, False),  # accuracy is about the answer; the citation metrics catch this
        "unanswerable-refused": (True, None, None),
        "unanswerable-answered": (False, None, None),
    }
    assert by_id["partial"]["missing_all"] == ["市财政局"]
    assert by_id["partial"]["citation_recall"] == 0.5  # only the note, not the title
    assert by_id["refused"]["wrongly_refused"] and by_id["unanswerable-refused"]["refused_correctly"]
    assert by_id["unanswerable-answered"]["answered_unanswerable"]


def test_scorer_metrics_have_exact_values():
    s = summarize(hand_made_records())
    assert (s["n"], s["answerable"], s["unanswerable"]) == (7, 5, 2)
    assert s["accuracy"] == pytest.approx(3 / 7)
    assert s["accuracy_answerable"] == pytest.approx(2 / 5)
    assert s["accuracy_unanswerable"] == pytest.approx(1 / 2)
    # ranks 1, 2, 1, 3, none
    assert (s["hit@1"], s["hit@3"], s["hit@5"]) == pytest.approx((2 / 5, 4 / 5, 4 / 5))
    assert s["mrr"] == pytest.approx((1 + 1 / 2 + 1 + 1 / 3 + 0) / 5)
    # answered answerable: correct (1/1 supporting), wrong (1/1), partial (1/2), wrong-clause (0/1)
    assert s["citation_precision"] == pytest.approx(3 / 5)
    assert s["citation_support"] == pytest.approx(3 / 4)
    assert s["citation_recall"] == pytest.approx((1 + 1 + 0.5 + 0) / 4)
    # refused: "refused" (answerable) and "unanswerable-refused"
    assert s["refusal_precision"] == pytest.approx(1 / 2)
    assert s["refusal_recall"] == pytest.approx(1 / 2)
    assert (s["latency_p50_ms"], s["latency_p95_ms"]) == (40, 70)  # nearest rank of 10..70


def test_scorer_splits_by_language_and_kind_and_orders_the_worst_misses():
    scored = metrics.score(hand_made_records())
    assert scored["by_lang"]["zh"]["accuracy"] == pytest.approx(1 / 3)
    assert scored["by_lang"]["en"]["accuracy"] == pytest.approx(2 / 4)
    assert scored["by_lang"]["en"]["refusal_recall"] == pytest.approx(1 / 2)
    assert scored["by_kind"]["who"]["n"] == 5 and scored["by_kind"]["measures"]["accuracy"] == pytest.approx(1 / 2)
    # an answered unanswerable question first, then wrong answers (clause further down the ranking first), then refusals
    assert [m["id"] for m in scored["worst"]] == ["unanswerable-answered", "wrong", "partial", "refused"]
    assert scored["worst"][1]["answer"] == "由市科技局负责。"


def test_a_missing_answer_is_wrong_and_not_applicable_metrics_are_none():
    records = [judge(_gold("a"), Response(None)), judge(_gold("b", unanswerable=True), Response(None))]
    s = summarize(records)
    assert s["accuracy"] == 0.0 and s["missing"] == 2
    assert s["hit@1"] is None and s["mrr"] is None  # retrieval not observed
    assert s["citation_precision"] is None and s["refusal_precision"] is None and s["latency_p50_ms"] is None


# --- gold files ------------------------------------------------------------------------------------


def test_every_gold_file_loads_with_unique_ids():
    items = load_gold(sorted(GOLD_DIR.glob("*.jsonl")))
    assert len(items) >= 150
    assert len({i.id for i in items}) == len(items)
    assert all(i.clause for i in items if i.answerable)
    legacy = [i for i in items if i.id.startswith("guangzhou_talent_cluster_opinions_2012.qa:")]
    assert legacy and all(i.kind == "unspecified" for i in legacy)
    assert legacy[0].id == "guangzhou_talent_cluster_opinions_2012.qa:1"


def test_a_malformed_gold_file_is_refused_with_every_problem_and_its_line(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        "\n".join([
            '{"id": "a", "q": "谁负责？", "lang": "zh", "kind": "who", "answer_any": ["市科技局"], "clause": "(责任单位:市科技局)"}',
            "{not json",
            '{"id": "a", "q": "又是谁？", "lang": "zh", "kind": "who", "answer_any": ["市科技局"], "clause": "(责任单位:市科技局)"}',
            '{"id": "c", "q": "What?", "lang": "fr", "kind": "who", "answer_any": ["x"]}',
            '{"id": "d", "q": "没有的事？", "lang": "zh", "kind": "other", "answer_any": ["x"], "unanswerable": true}',
        ]),
        encoding="utf-8",
    )
    with pytest.raises(GoldError) as caught:
        load_gold([bad])
    message = str(caught.value)
    assert "bad.jsonl:2: invalid JSON" in message
    assert "bad.jsonl:3: duplicate id 'a'" in message
    assert "bad.jsonl:4: lang must be one of" in message and "bad.jsonl:4: an answerable question needs a clause" in message
    assert "bad.jsonl:5: an unanswerable question has no answer_any" in message


# --- the runner over the bundled corpus ------------------------------------------------------------------

SMALL_GOLD_IDS = ("zz-004", "hz-x03", "wh-x03", "zz-076")  # who, target, measures (answer_all), unanswerable


@pytest.fixture(scope="module")
def small_gold(tmp_path_factory) -> Path:
    """Four questions copied from eval/gold."""
    wanted = {}
    for path in sorted(GOLD_DIR.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and json.loads(line).get("id") in SMALL_GOLD_IDS:
                wanted[json.loads(line)["id"]] = line
    target = tmp_path_factory.mktemp("gold") / "small.jsonl"
    target.write_text("\n".join(wanted[i] for i in SMALL_GOLD_IDS) + "\n", encoding="utf-8")
    return target


def retriever_answer_fn(kb):
    """A stand-in system: the hybrid retriever's top hit is the answer, the top 3 are the citations."""
    retriever = HybridRetriever(kb=kb)

    def answer_fn(question, history):
        hits = retriever.search(question, k=5)
        citations = [Citation(n, h.doc_title, h.source, h.locator, h.title, h.quote, h.score) for n, h in enumerate(hits[:3], 1)]
        return Answer(question=question, language="zh", intent="other", answer=hits[0].quote if hits else "",
                      refused=False, citations=citations, retrieved=[h.locator for h in hits],
                      retrieved_quotes=[h.quote for h in hits])

    return answer_fn


@pytest.fixture(scope="module")
def baseline(bundled_kb):
    from eval.baseline import Baseline

    built = Baseline(bundled_kb)
    stats = built.build([CORPUS])
    assert stats["files"] == 4 and not stats["failed"]
    return built


def test_runner_end_to_end_with_the_retriever_and_the_baseline(bundled_kb, small_gold, baseline, tmp_path):
    items = load_gold([small_gold])
    report = run(items, retriever_answer_fn(bundled_kb), tmp_path, baseline_fn=baseline.answer, progress=False)

    assert {p.name for p in tmp_path.iterdir()} >= {"results.jsonl", "results.baseline.jsonl", "report.json",
                                                     "report.md", "report.png"}
    rows = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in rows] == list(SMALL_GOLD_IDS)
    for key in ("q", "lang", "kind", "answer", "refused", "citations", "retrieved", "correct", "cited_supporting",
                "refused_correctly", "wrongly_refused", "answered_unanswerable", "latency_ms"):
        assert key in rows[0]
    by_id = {r["id"]: r for r in rows}
    # the top hit of each answerable question is its clause, which holds the answer
    assert [by_id[i]["retrieval_rank"] for i in SMALL_GOLD_IDS[:3]] == [1, 1, 1]
    assert all(by_id[i]["correct"] and by_id[i]["cited_supporting"] for i in SMALL_GOLD_IDS[:3])
    assert by_id["zz-004"]["retrieved"][0] == "二(一)1"
    assert not by_id["zz-076"]["correct"]  # the stand-in never refuses

    saved = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(report))
    ours, base = saved["systems"]["ours"]["overall"], saved["systems"]["baseline"]["overall"]
    assert set(ours) == set(base)
    assert ours["accuracy"] == 0.75 and ours["hit@1"] == 1.0 and ours["refusal_recall"] == 0.0
    assert base["n"] == 4 and base["refusal_recall"] == 0.0 and base["refusal_precision"] is None
    baseline_rows = [json.loads(line) for line in (tmp_path / "results.baseline.jsonl").read_text(encoding="utf-8").splitlines()]
    assert all(len(r["citations"]) == 4 and not r["refused"] for r in baseline_rows)
    markdown = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert "| metric | ours | baseline | margin vs baseline |" in markdown
    assert "| answer accuracy (all) | 75.0% |" in markdown
    assert (tmp_path / "report.png").read_bytes()[:4] == b"\x89PNG"


def test_the_baseline_answers_with_its_top_chunk(baseline):
    answer = baseline.answer("首台（套）装备这项任务由哪个部门牵头？")
    assert not answer.refused and len(answer.citations) == 4
    assert answer.answer == answer.citations[0].quote and len(answer.answer) <= 1000
    assert answer.retrieved == [c.locator for c in answer.citations]
    assert all("#" in locator for locator in answer.retrieved)  # file#chunk: no clause structure
    assert baseline.build([CORPUS])["embedded"] == 0  # building again embeds nothing


def test_runner_with_the_real_chain(bundled_kb, small_gold, tmp_path):
    chain = pytest.importorskip("qa.chain")
    items = load_gold([small_gold])
    run(items, lambda q, h: chain.ask(bundled_kb, q, history=h), tmp_path, progress=False)
    rows = {r["id"]: r for r in map(json.loads, (tmp_path / "results.jsonl").read_text(encoding="utf-8").splitlines())}
    assert not any(r["error"] for r in rows.values())
    assert rows["zz-004"]["correct"] and rows["zz-004"]["cited_supporting"] and rows["zz-004"]["retrieval_rank"] == 1
    assert rows["zz-076"]["refused"] == rows["zz-076"]["correct"]
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["systems"]["ours"]["overall"]["n"] == 4 and "baseline" not in report["systems"]


def test_an_exception_is_a_wrong_answer_and_the_run_goes_on(tmp_path, small_gold):
    def flaky(question, history):
        if "示范区" in question:
            raise RuntimeError("boom")
        return Answer(question=question, language="zh", intent="other", answer="文件未提及", refused=True)

    report = run(load_gold([small_gold]), flaky, tmp_path, progress=False, warmup=False)
    overall = report["systems"]["ours"]["overall"]
    assert overall["errors"] == 1 and overall["accuracy"] == 0.25  # only the unanswerable refusal is right
    assert report["systems"]["ours"]["worst"][0]["error"] == "RuntimeError: boom"
    assert "1 question(s) raised an error" in (tmp_path / "report.md").read_text(encoding="utf-8")


# --- drafts ------------------------------------------------------------------------------------------


@pytest.fixture
def drafts_file(tmp_path) -> Path:
    path = tmp_path / "drafts.jsonl"
    path.write_text(
        json.dumps({"id": "d-1", "inquiry": "我们想申报省级首台（套）重大技术装备，请问由哪个部门负责？",
                    "must_all": ["市工业和信息化局"], "must_any": ["首台"], "clause": "(责任单位:市工业和信息化局、市财政局)"},
                   ensure_ascii=False) + "\n"
        + json.dumps({"id": "d-2", "inquiry": "杭州OPC社区面积目标是多少？", "must_all": ["50万平方米"], "must_any": [],
                      "clause": "全市OPC社区面积超50万平方米"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    return path


def test_drafts_are_scored_with_an_injected_draft_function(tmp_path, small_gold, drafts_file):
    def draft_fn(inquiry):
        return "您好：首台（套）装备由市工业和信息化局负责。", [{"quote": TASK6, "locator": "二(二)6"}]

    report = run(load_gold([small_gold]), lambda q, h: Answer(q, "zh", "other", "", True), tmp_path,
                 drafts=load_drafts(drafts_file), draft_fn=draft_fn, progress=False)
    assert report["drafts"]["overall"]["n"] == 2
    assert report["drafts"]["overall"]["accuracy"] == 0.5  # d-2 lacks 50万平方米
    assert report["drafts"]["overall"]["citation_support"] == 0.5
    assert [m["id"] for m in report["drafts"]["misses"]] == ["d-2"]
    assert "## Drafted replies" in (tmp_path / "report.md").read_text(encoding="utf-8")


def test_the_real_draft_function_plugs_in(bundled_kb, drafts_file):
    draft_module = pytest.importorskip("qa.draft")
    draft_fn = draft_fn_from(draft_module.draft, bundled_kb)
    text, citations = draft_fn(load_drafts(drafts_file)[0].inquiry)
    assert isinstance(text, str) and text
    assert all(hasattr(c, "quote") or "quote" in c for c in citations)


# --- score, gate, CLI -------------------------------------------------------------------------------------


def test_score_answers_produced_elsewhere(tmp_path, small_gold):
    answers = tmp_path / "answers.jsonl"
    answers.write_text(
        "\n".join(json.dumps(row, ensure_ascii=False) for row in [
            {"id": "zz-004", "answer": "市科技局牵头", "citations": ["1.全面启动示范区建设。…(牵头单位:市科技局)"]},
            {"q": "杭州到2028年OPC社区总面积要达到多少？", "answer": "超50万平方米", "citations": [{"quote": "全市OPC社区面积超50万平方米"}]},
            {"id": "zz-076", "answer": "", "refused": True},
            {"id": "not-in-gold", "answer": "?"},
        ]) + "\n",
        encoding="utf-8",
    )
    assert main(["score", "--gold", str(small_gold), "--answers", str(answers), "--out", str(tmp_path / "out")]) == 0
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    overall = report["systems"][report["primary"]]["overall"]
    assert overall["accuracy"] == 0.75  # wh-x03 has no answer line: wrong
    assert overall["missing"] == 1 and report["meta"]["unanswered"] == 1
    assert report["meta"]["unmatched_lines"] == ["not-in-gold"]
    assert overall["citation_precision"] == 1.0 and overall["citation_support"] == 1.0
    assert overall["hit@1"] is None and overall["mrr"] is None  # no retrieval metrics
    assert overall["refusal_precision"] == 1.0 and overall["refusal_recall"] == 1.0
    assert {"report.md", "report.png", "results.jsonl"} <= {p.name for p in (tmp_path / "out").iterdir()}


def test_gate_fails_below_a_floor_and_passes_above_it(tmp_path, small_gold, capsys):
    quote = "1.全面启动示范区建设。(牵头单位:市科技局)"
    records = [judge(item, Response("市科技局", citations=[_cite(quote)], retrieved_quotes=[quote]))
               for item in load_gold([small_gold])]  # right for zz-004 only: accuracy 1/4, hit@1 1/3
    from eval.runner import build_report
    from eval.report import write_report

    write_report(build_report({"ours": records}, "ours", {}), tmp_path)
    lenient = tmp_path / "lenient.json"
    lenient.write_text(json.dumps({"floors": {"accuracy": 0.25, "hit@1": 0.3}, "ceilings": {"latency_p95_ms": None}}))
    assert main(["gate", "--report", str(tmp_path / "report.json"), "--thresholds", str(lenient)]) == 0

    strict = tmp_path / "strict.json"
    strict.write_text(json.dumps({"floors": {"accuracy": 0.9, "hit@1": 0.3}, "ceilings": {"latency_p95_ms": None}}))
    capsys.readouterr()
    assert main(["gate", "--report", str(tmp_path / "report.json"), "--thresholds", str(strict)]) == 1
    out = capsys.readouterr().out
    assert "# PolicyDesk evaluation" in out  # the report is printed
    assert "accuracy: 0.2500 is below its floor 0.9" in out
    assert "hit@1" not in out.split("GATE FAILED")[1]  # 0.333 passes its floor


def test_thresholds_set_a_floor_for_every_headline_metric():
    thresholds = json.loads(THRESHOLDS.read_text(encoding="utf-8"))
    floors = thresholds["floors"]
    assert set(floors) == {m for m in metrics.HEADLINE if m not in metrics.LOWER_IS_BETTER}
    assert all(0.5 <= value <= 1.0 for value in floors.values())


def test_cli_run_over_an_existing_knowledge_base(bundled_kb, small_gold, tmp_path, capsys):
    pytest.importorskip("qa.chain")
    code = main(["run", "--gold", str(small_gold), "--data-dir", str(bundled_kb.settings.data_dir),
                 "--kb", bundled_kb.settings.kb, "--out", str(tmp_path), "--no-baseline", "--quiet"])
    assert code == 0
    assert "## Headline" in capsys.readouterr().out
    report = json.loads((tmp_path / "report.json").read_text(encoding="utf-8"))
    assert report["meta"]["chunks"] == bundled_kb.count() and report["meta"]["gold"]["questions"] == 4


# --- bench ---------------------------------------------------------------------------------------------


def test_bench_replicates_the_corpus_as_distinct_documents(tmp_path):
    files = replicate_corpus(3, tmp_path)
    assert len(files) == 12
    texts = [f.read_text(encoding="utf-8") for f in files]
    assert len(set(texts)) == 12
    originals = {p.name: p.read_text(encoding="utf-8") for p in CORPUS.glob("*.txt")}
    copy0 = [t for f, t in zip(files, texts) if "__copy0000" in f.name]
    assert sorted(copy0) == sorted(originals.values())
    for f, text in zip(files, texts):
        if "__copy0000" not in f.name:
            assert not any(city in text for city in CITIES)


def test_bench_measures_concurrent_http_clients_against_the_real_app(tmp_path):
    from eval.bench import measure_concurrency

    result = measure_concurrency(tmp_path / "data", ["Who leads the first-set equipment task?", "科技型中小企业的目标是多少家？"],
                                 clients=3, per_client=2)
    assert (result["concurrent_clients"], result["concurrent_requests"], result["concurrent_errors"]) == (3, 6, 0)
    assert 0 < result["concurrent_p50_ms"] <= result["concurrent_p95_ms"]


def test_bench_times_ocr_on_page_images_of_the_reference_plan():
    from eval.bench import measure_ocr, render_markdown
    from eval.scans import cjk_font

    if cjk_font() is None:
        pytest.skip("no CJK font (Debian's fonts-noto-cjk, which .ci/run installs)")
    result = measure_ocr(1)
    assert result["ocr_pages"] == 1 and result["ocr_chars"] > 300  # the page's text was read
    assert result["ocr_pages_per_s"] > 0 and result["ocr_peak_rss_mb"] > 0
    info = {"nproc": 2, "cpu": "x", "ram_gb": 1.0, "python": "3.11", "platform": "linux", "ocr": result}
    assert "OCR (ingest.ocr, RapidOCR on the CPU): 1 A4 page image(s)" in render_markdown([], info)
