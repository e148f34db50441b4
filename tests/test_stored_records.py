"""How a chunk is stored in Chroma (vectorstore.records.to_chroma): the keys reads filter on as keys of their
own, the rest of its metadata as one JSON string, its text made of that metadata (not a Chroma document and
its full-text index) — and read back exactly as written, as is what earlier versions wrote."""

from __future__ import annotations

import json

import numpy as np

from settings import Settings
from vectorstore.knowledge_base import KnowledgeBase
from vectorstore.records import FILTERED, PACKED, TEXT, chunk_text, from_chroma, text_from_chroma, to_chroma

META = {"doc_id": "d1", "doc_head": False, "text_hash": "h1", "piece": 0, "locator": "二(二)6",
        "doc_title": "某市实施方案", "heading_path": "二、重点任务 › 6.首台(套)装备", "quote": "6.首台(套)装备。",
        "lead": json.dumps(["市工业和信息化局"], ensure_ascii=False), "clause_index": 7}


def test_only_the_filtered_keys_are_keys_of_their_own_and_a_text_made_of_the_metadata_is_not_stored():
    text = chunk_text(META)
    assert text == "某市实施方案 › 二、重点任务 › 6.首台(套)装备\n6.首台(套)装备。"
    stored = to_chroma(META, text)
    assert set(stored) == set(FILTERED) | {PACKED}
    assert text_from_chroma(stored, None) == text
    assert stored["doc_id"] == "d1" and stored["piece"] == 0 and stored["doc_head"] is False
    assert json.loads(stored[PACKED]) == {k: v for k, v in META.items() if k not in FILTERED}
    assert from_chroma(stored) == META


def test_a_text_that_is_not_made_of_the_metadata_is_stored_beside_it():
    stored = to_chroma(META, "6.首台(套)装备。支持企业……")
    assert set(stored) == set(FILTERED) | {PACKED, TEXT}
    assert from_chroma(stored) == META
    assert text_from_chroma(stored, None) == "6.首台(套)装备。支持企业……"


def test_an_update_without_the_text_leaves_no_text_key_to_overwrite_it():
    assert TEXT not in to_chroma(META)


def test_metadata_an_earlier_version_wrote_key_by_key_reads_as_it_is_with_its_text_from_the_document():
    assert from_chroma(dict(META)) == META
    assert text_from_chroma(dict(META), "旧版本的文本") == "旧版本的文本"
    assert from_chroma(None) == {} and text_from_chroma(None, None) == ""


def _ingested_guide(tmp_path, name: str) -> KnowledgeBase:
    """A made-up application guide ingested into a knowledge base of its own."""
    documents = tmp_path / "docs"
    documents.mkdir(exist_ok=True)
    (documents / "guide.txt").write_text("申报指南\n三、申报材料\n1．申请表；\n2．营业执照复印件。\n四、材料提交\n发送至邮箱。\n",
                                         encoding="utf-8")
    kb = KnowledgeBase(Settings(data_dir=tmp_path / name))
    kb.ingest([documents], progress=False)
    return kb


def test_an_ingest_stores_no_chroma_documents_and_reads_back_every_chunk_as_written(tmp_path):
    kb = _ingested_guide(tmp_path, "data")
    raw = kb.collection.get(include=["documents", "metadatas"])
    assert raw["documents"] == [None] * len(raw["ids"])
    assert all(set(m) == set(FILTERED) | {PACKED} for m in raw["metadatas"])  # every text made of its metadata
    by_locator = {m["locator"]: m for m in kb.get_metadatas(raw["ids"]).values()}
    assert by_locator["三2"]["heading_path"] == "三、申报材料 › 2．营业执照复印件。"
    texts = {text for text, _ in kb._texts_of(raw["ids"]).values()}
    assert any("营业执照复印件" in text for text in texts)
    assert kb.check_consistency() == []


def test_a_knowledge_base_written_key_by_key_with_documents_is_read_and_searched_the_same(tmp_path):
    """As a knowledge base written before the packed format: every key its own, the text a Chroma document."""
    packed = _ingested_guide(tmp_path, "packed")
    raw = packed.collection.get(include=["metadatas", "embeddings"])
    older = KnowledgeBase(Settings(data_dir=tmp_path / "older"))
    older.collection.upsert(ids=raw["ids"], metadatas=[from_chroma(m) for m in raw["metadatas"]],
                            documents=[text_from_chroma(m, None) for m in raw["metadatas"]],
                            embeddings=np.asarray(raw["embeddings"]))
    older.settings.kb_dir.mkdir(parents=True, exist_ok=True)
    older.refresh_keyword_index(force=True)

    assert older.get_metadatas(raw["ids"]) == packed.get_metadatas(raw["ids"])
    assert older._texts_of(raw["ids"]) == packed._texts_of(raw["ids"])
    assert [d.file_name for d in older.documents()] == ["guide.txt"]
    assert ([h.chunk_id for h in older.dense_search("营业执照", 3)] == [h.chunk_id for h in packed.dense_search("营业执照", 3)])
