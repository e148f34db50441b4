"""The optional sentence-transformers embedder (`--embedder st:MODEL`) and the install without it.

requirements.txt has no torch: the default embedders are numpy and C. torch and
sentence-transformers come from requirements-st.txt, which CI installs; the test
that loads a model is skipped without them on a developer's machine and fails in CI.
Each test runs the real CLI or library in a fresh process, so what it imports is its own.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import pytest

from tests.conftest import PROJECT, REFERENCE_PLAN

HEAVY = ("torch", "sentence_transformers", "transformers")


def python(code: str, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYDESK_")}
    return subprocess.run([sys.executable, "-c", code, *args], cwd=PROJECT, capture_output=True, text=True,
                          timeout=timeout, env=env)


def test_the_default_embedder_ingests_and_answers_without_importing_torch(tmp_path):
    code = f"""
import json, sys
from pathlib import Path
from settings import Settings
from vectorstore.knowledge_base import KnowledgeBase
from qa.chain import ask
kb = KnowledgeBase(Settings(data_dir=Path(sys.argv[1])))
report = kb.ingest([Path({str(REFERENCE_PLAN)!r})], progress=False)
answer = ask(kb, "首台套谁负责")
print(json.dumps({{"added": len(report.added), "lead": answer.lead, "heavy": [m for m in {HEAVY!r} if m in sys.modules]}}))
"""
    done = python(code, str(tmp_path / "data"))
    assert done.returncode == 0, done.stderr[-3000:]
    assert json.loads(done.stdout) == {"added": 1, "lead": ["市工业和信息化局"], "heavy": []}


# sentence_transformers (and torch) made unimportable, as in an install from requirements.txt alone.
WITHOUT_EXTRA = """
import runpy, sys
sys.modules["sentence_transformers"] = None
sys.modules["torch"] = None
sys.argv = ["app.py", *sys.argv[1:]]
runpy.run_path("app.py", run_name="__main__")
"""


def test_st_without_the_extra_fails_at_once_naming_the_install_commands(tmp_path):
    data = tmp_path / "data"
    done = python(WITHOUT_EXTRA, "ingest", str(REFERENCE_PLAN), "--data-dir", str(data), "--kb", "st",
                  "--embedder", "st:BAAI/bge-m3")
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "the st: embedder needs torch and sentence-transformers, which are not installed" in done.stderr
    assert ".venv/bin/pip install -r requirements-st.txt" in done.stderr
    assert ".venv/bin/pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu" in done.stderr
    listed = python(WITHOUT_EXTRA, "docs", "--json", "--data-dir", str(data))  # the default knowledge base: untouched
    assert (listed.returncode, json.loads(listed.stdout)) == (0, []), listed.stderr[-2000:]


MAKE_TINY_MODEL = """
import sys
from pathlib import Path
from sentence_transformers import SentenceTransformer, models
from transformers import BertConfig, BertModel, BertTokenizerFast

out = Path(sys.argv[1])
chars = sorted(set(Path(sys.argv[2]).read_text(encoding="utf-8")) - set(" \\n\\r\\t"))
vocab = out / "vocab.txt"
out.mkdir(parents=True)
vocab.write_text("\\n".join(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", *chars]) + "\\n", encoding="utf-8")
bert = out / "bert"
BertTokenizerFast(vocab_file=str(vocab), tokenize_chinese_chars=True).save_pretrained(bert)
config = BertConfig(vocab_size=5 + len(chars), hidden_size=32, num_hidden_layers=1, num_attention_heads=2,
                    intermediate_size=64, max_position_embeddings=512)
BertModel(config).save_pretrained(bert)
word = models.Transformer(str(bert), max_seq_length=256)
SentenceTransformer(modules=[word, models.Pooling(word.get_word_embedding_dimension())]).save(str(out / "st"))
"""


def test_st_with_a_local_model_ingests_and_answers_with_citations(tmp_path):
    if importlib.util.find_spec("sentence_transformers") is None:
        message = "sentence-transformers is not installed (pip install -r requirements-st.txt)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    made = python(MAKE_TINY_MODEL, str(tmp_path / "model"), str(REFERENCE_PLAN))
    assert made.returncode == 0, made.stderr[-3000:]
    model = tmp_path / "model" / "st"
    cli = [sys.executable, "app.py", "--data-dir", str(tmp_path / "data"), "--kb", "st", "--embedder", f"st:{model}"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYDESK_")}

    ingest = subprocess.run([*cli[:2], "ingest", str(REFERENCE_PLAN), *cli[2:], "--json"], cwd=PROJECT,
                            capture_output=True, text=True, timeout=600, env=env)
    assert ingest.returncode == 0, ingest.stderr[-3000:]
    summary = json.loads(ingest.stdout)
    assert (summary["added"], summary["failed"], summary["chunks"]) == (1, [], summary["embedded"])
    ask = subprocess.run([*cli[:2], "ask", "首台（套）重大技术装备推广这项任务由哪个部门牵头？", *cli[2:], "--json"],
                         cwd=PROJECT, capture_output=True, text=True, timeout=600, env=env)
    assert ask.returncode == 0, ask.stderr[-3000:]
    answer = json.loads(ask.stdout)
    assert answer["units"]["lead"] == ["市工业和信息化局"]
    assert answer["citations"][0]["locator"] == "二(二)6"
