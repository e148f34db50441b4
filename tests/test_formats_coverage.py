"""The dev documents as they are published (eval/dev/formats/: .docx and .pdf copies of five of them, from the
team's shared folder) read to the text of their .txt originals (eval/dev/corpus/).

Coverage is the share of the .txt's characters that the extracted text holds in the same order: both texts
with all whitespace removed (a PDF breaks lines where the .txt does not), then difflib.SequenceMatcher's
matching blocks (autojunk off) summed and divided by the .txt's length. Measured: 100% for all five, which
also give the same clauses, locators and responsible units as their .txt.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from ingest.loaders import load_text

PROJECT = Path(__file__).resolve().parents[1]
FORMATS = PROJECT / "eval" / "dev" / "formats"
ORIGINALS = PROJECT / "eval" / "dev" / "corpus"
MIN_COVERAGE = 0.98


def coverage(original: str, extracted: str) -> float:
    a, b = re.sub(r"\s+", "", original), re.sub(r"\s+", "", extracted)
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(a)


def test_the_formats_folder_holds_docx_and_pdf_copies_of_dev_documents():
    copies = sorted(path.name for path in FORMATS.iterdir())
    assert copies == ["guangzhou_ltc_insurance_measures_2024.docx", "shanghai_jingan_overseas_fund_guide_2026.docx",
                      "state_council_innovation_reforms_2018.docx", "state_council_zero_waste_city_2018.pdf",
                      "tianhe_hkmo_youth_measures_2023.pdf"]
    assert all((ORIGINALS / f"{Path(name).stem}.txt").is_file() for name in copies)


@pytest.mark.parametrize("copy", sorted(FORMATS.iterdir()), ids=lambda path: path.name)
def test_a_published_copy_covers_at_least_98_percent_of_its_text(copy):
    original = (ORIGINALS / f"{copy.stem}.txt").read_text(encoding="utf-8")
    assert coverage(original, load_text(copy)) >= MIN_COVERAGE


def test_coverage_counts_characters_in_order_and_ignores_line_breaks():
    assert coverage("一、目标\n到2025年", "一、目\n标到2025年") == 1.0
    assert coverage("甲乙丙丁", "甲乙") == 0.5
    assert coverage("甲乙丙丁", "丁丙乙甲") == 0.25  # a table read column-wise is not covered


@pytest.mark.parametrize("copy", sorted(FORMATS.iterdir()), ids=lambda path: path.name)
def test_a_published_copy_gives_the_same_clauses_locators_and_units_as_its_text(copy):
    """A PDF's printed rows are joined back into the .txt's paragraphs (ingest/pdf_layout.py), so a note
    wrapped over two rows still names its units."""
    from ingest.pipeline import parse_file

    def units(path):
        return [(c.locator, c.lead, c.responsible) for c in parse_file(path).clauses]

    assert units(copy) == units(ORIGINALS / f"{copy.stem}.txt")
