"""The keyword index and the clause facts are kept up to date incrementally (issue 14).

A rebuild tokenises only the chunks it has not seen (and the few whose text contains a
user-dictionary word that came or went), and reads only the changed documents from Chroma;
the result is exactly the index and the facts a build from scratch gives. A fresh process
answers from the clause facts saved beside the index instead of reading every clause from
Chroma. Real files, real Chroma.
"""

from __future__ import annotations

import shutil

import numpy as np
import pytest

from tests.conftest import CORPUS
from vectorstore import clause_facts
from vectorstore.bm25 import KeywordIndex
from vectorstore.knowledge_base import KnowledgeBase
from vectorstore.records import text_from_chroma

GUANGZHOU = "guangzhou_talent_cluster_opinions_2012.txt"  # 55 chunks; no word of its own is in the others' text
HANGZHOU = "hangzhou_aiopc_action_plan_2026.txt"  # 20 chunks; brings 总体目标 and 鼓励创新、宽容失败, found in 2 others
QUERIES = ("首台套装备推广由谁负责", "人才 住房 补贴", "人工智能 场景", "总体目标", "鼓励创新、宽容失败", "市财政局")


@pytest.fixture
def folder(tmp_path):
    """The bundled documents but Guangzhou's, in a folder of their own."""
    target = tmp_path / "docs"
    target.mkdir()
    for path in CORPUS.glob("*.txt"):
        if path.name != GUANGZHOU:
            shutil.copy(path, target)
    return target


def doc_id(kb: KnowledgeBase, file_name: str) -> str:
    return next(d.doc_id for d in kb.documents() if d.file_name == file_name)


def facts_from_chroma(kb: KnowledgeBase) -> list:
    return sorted((chunk_id, clause_facts.facts_of(meta)) for chunk_id, meta in kb.iter_clause_heads())


def assert_same_as_from_scratch(kb: KnowledgeBase) -> None:
    """The saved keyword index and clause facts are those a build from Chroma alone makes."""
    directory = kb.settings.kb_dir / "bm25"
    incremental = KeywordIndex.load(directory)
    facts = sorted(kb.clause_facts())
    assert facts == facts_from_chroma(kb)
    shutil.rmtree(directory)
    rebuilt = KnowledgeBase(kb.settings).refresh_keyword_index(force=True)
    assert rebuilt.tokenized == kb.count()  # nothing to reuse: every chunk tokenised
    scratch = KeywordIndex.load(directory)
    assert incremental.ids == scratch.ids
    assert incremental.tokenizer.user_words == scratch.tokenizer.user_words
    assert incremental.retriever.vocab_dict == scratch.retriever.vocab_dict
    for key in ("data", "indices", "indptr"):
        assert np.array_equal(incremental.retriever.scores[key], scratch.retriever.scores[key])
    for query in QUERIES:
        assert [(h.chunk_id, h.score) for h in incremental.search(query, 10)] == \
            [(h.chunk_id, h.score) for h in scratch.search(query, 10)]
    assert sorted(KnowledgeBase(kb.settings).clause_facts()) == facts


def test_adding_a_document_tokenises_only_its_chunks_and_removing_it_none(fresh_settings, folder):
    kb = KnowledgeBase(fresh_settings)
    first = kb.ingest([folder], progress=False)
    assert first.tokenized == first.chunks == 66  # a new knowledge base: every chunk

    shutil.copy(CORPUS / GUANGZHOU, folder)
    added = kb.ingest([folder], progress=False)
    assert added.to_dict()["tokenized"] == added.tokenized == added.chunks - first.chunks == 55
    assert_same_as_from_scratch(kb)

    kb = KnowledgeBase(fresh_settings)
    assert [d.file_name for d in kb.remove(GUANGZHOU)] == [GUANGZHOU]
    assert kb.keyword_index().tokenized == 0
    assert_same_as_from_scratch(kb)


def test_a_dictionary_word_that_comes_or_goes_retokenises_the_chunks_containing_it(fresh_settings, corpus_copy):
    kb = KnowledgeBase(fresh_settings)
    kb.ingest([corpus_copy], progress=False)
    stored = kb.collection.get(include=["documents", "metadatas"])
    texts = [text_from_chroma(meta, document) for meta, document in zip(stored["metadatas"], stored["documents"])]
    containing = [i for i, text in zip(stored["ids"], texts)
                  if not i.startswith(doc_id(kb, HANGZHOU)) and ("总体目标" in text or "鼓励创新、宽容失败" in text)]
    assert len(containing) == 2  # two chunks of Guangzhou's say them; only Hangzhou's titles make them words

    kb.remove(HANGZHOU)  # its words leave the dictionary: the two chunks that contain them may cut differently
    assert kb.keyword_index().tokenized == 2
    assert_same_as_from_scratch(kb)

    added = KnowledgeBase(fresh_settings).ingest([corpus_copy], progress=False)  # and come back
    assert added.tokenized == 20 + 2
    assert_same_as_from_scratch(kb)


def test_an_edited_file_tokenises_only_its_changed_chunks(fresh_settings, folder):
    kb = KnowledgeBase(fresh_settings)
    kb.ingest([folder], progress=False)
    plan = folder / "zaozhuang_rd_innovation_plan_2022.txt"
    plan.write_text(plan.read_text(encoding="utf-8").replace("达到700家", "达到800家"), encoding="utf-8")
    report = kb.ingest([folder], progress=False)
    assert report.updated and report.embedded == 2  # the two chunks that say 达到700家
    assert report.tokenized == 2  # every chunk id of the document changed, but only those texts
    assert_same_as_from_scratch(kb)


def test_a_fresh_process_answers_who_from_the_saved_clause_facts(bundled_kb):
    from qa.chain import ask

    kb = KnowledgeBase(bundled_kb.settings)
    answer = ask(kb, "谁负责首台套装备推广？")
    assert "市工业和信息化局" in answer.lead
    clauses = sum(d.clauses for d in kb.documents())
    # the heads, the candidates the search ranks (a knowledge base this small is scored exactly: its vectors are read,
    # counted apart, and the metadata of the k best) and the cited chunks — not every clause
    assert kb.records_read <= len(kb.documents()) + 2 * kb.settings.candidate_k < clauses
    assert kb.vectors_read == kb.count()


def test_a_knowledge_base_without_saved_clause_facts_reads_them_from_chroma_once(fresh_settings, folder):
    KnowledgeBase(fresh_settings).ingest([folder], progress=False)
    (fresh_settings.kb_dir / "bm25" / clause_facts.FILE).unlink()  # as an older version left it

    kb = KnowledgeBase(fresh_settings)
    facts = sorted(kb.clause_facts())
    assert facts == facts_from_chroma(kb)
    assert (fresh_settings.kb_dir / "bm25" / clause_facts.FILE).exists()
    again = KnowledgeBase(fresh_settings)
    assert sorted(again.clause_facts()) == facts and again.records_read == 0


def test_the_clause_facts_follow_a_moved_file(fresh_settings, folder):
    kb = KnowledgeBase(fresh_settings)
    kb.ingest([folder], progress=False)
    plan = folder / "zaozhuang_rd_innovation_plan_2022.txt"
    plan.rename(folder / "plan.txt")  # the same document under another name: its head changes in place
    report = kb.ingest([folder], progress=False, prune=True)
    assert report.embedded == 0 and report.tokenized == 0
    assert any(meta["file_name"] == "plan.txt" for _, meta in kb.clause_facts())
    assert sorted(kb.clause_facts()) == facts_from_chroma(kb)


def test_the_bm25_matrix_is_exactly_bm25s_own_index_made_a_block_at_a_time():
    """bm25_matrix (numpy, a few chunks per block so several blocks meet in one token's column) gives bit for
    bit the scores bm25s's own index() computes from the same token numbers."""
    import bm25s

    from vectorstore.bm25 import bm25_matrix
    from vectorstore.tokenizer import Tokenizer

    tokenizer = Tokenizer(["市工业和信息化局"])
    texts = [p for path in sorted(CORPUS.glob("*.txt")) for p in path.read_text(encoding="utf-8").split("\n") if p.strip()]
    vocab: dict[str, int] = {}
    chunks = [[vocab.setdefault(t, len(vocab)) for t in tokenizer.tokens(text) or ["\u2205"]] for text in texts[:300]]
    offsets = np.cumsum([0] + [len(c) for c in chunks])
    tokens = np.asarray([t for c in chunks for t in c], dtype=np.int32)

    reference = bm25s.BM25()
    reference.index((chunks, vocab), create_empty_token=False, show_progress=False)
    for block in (7, 300, 16384):
        ours = bm25_matrix(tokens, offsets, len(vocab), reference.k1, reference.b, block=block)
        assert ours["num_docs"] == len(chunks)
        for key in ("data", "indices", "indptr"):
            assert np.array_equal(ours[key], reference.scores[key]), (block, key)
            assert ours[key].dtype == reference.scores[key].dtype, (block, key)


def test_the_token_cache_holds_each_chunks_own_tokens_when_texts_repeat():
    """Copies of a clause are tokenised once, and every chunk, copy or not, has exactly its text's tokens
    (numbered by first occurrence, as bm25s numbers them)."""
    from vectorstore.token_cache import TokenCache, text_key
    from vectorstore.tokenizer import Tokenizer

    tokenizer = Tokenizer(["市工业和信息化局"])
    texts = {"a-1": "市工业和信息化局负责首台套装备推广", "a-2": "人才住房补贴", "b-1": "市工业和信息化局负责首台套装备推广",
             "b-2": "", "c-1": "人才住房补贴，按年度发放"}
    cache = TokenCache.update(None, texts, {i: (t, text_key(t)) for i, t in texts.items()}, {}, tokenizer, dict)
    assert cache.tokenized == 4  # b-1 repeats a-1
    assert cache.ids == sorted(texts)
    for n, chunk_id in enumerate(cache.ids):
        got = [cache.vocab[t] for t in cache.tokens[cache.offsets[n]:cache.offsets[n + 1]]]
        assert got == (tokenizer.tokens(texts[chunk_id]) or ["\u2205"]), chunk_id
    assert cache.vocab == list(dict.fromkeys(t for i in cache.ids for t in tokenizer.tokens(texts[i]) or ["\u2205"]))


def test_a_small_knowledge_base_is_stacked_into_one_matrix_once_for_its_questions(bundled_kb):
    kb = KnowledgeBase(bundled_kb.settings)
    kb.dense_search("首台套装备推广", 5)
    stacked = kb._stacked[2]
    kb.dense_search("研发投入强度目标", 5)
    assert stacked is not None and kb._stacked[2] is stacked and stacked.shape[0] == kb.count()
