"""Write tests/fixtures/parse_snapshots.json: how every shared document parses today (clause count, locators,
units per duty, place, period). Run after a deliberate parser change, read the diff, commit it:

    python tests/make_parse_snapshots.py && git diff tests/fixtures/parse_snapshots.json
"""

import json
import sys
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(PROJECT))

from ingest.pipeline import parse_file  # noqa: E402

FOLDERS = [PROJECT / "corpus", PROJECT / "eval" / "dev" / "corpus"]
SNAPSHOTS = PROJECT / "tests" / "fixtures" / "parse_snapshots.json"


def snapshot(path: Path) -> dict:
    document = parse_file(path)
    return {
        "title": document.title,
        "doc_number": document.doc_number,
        "date": document.date,
        "places": document.places,
        "period": document.period,
        "clauses": len(document.clauses),
        "locators": [c.locator for c in document.clauses],
        "duties": [[c.locator, d.lead, [u for u in d.responsible if u not in d.lead], d.lead_stated]
                   for c in document.clauses for d in (c.duties or []) if d.lead or d.responsible],
    }


def all_snapshots() -> dict:
    return {p.name: snapshot(p) for folder in FOLDERS for p in sorted(folder.glob("*.txt"))}


if __name__ == "__main__":
    SNAPSHOTS.write_text(json.dumps(all_snapshots(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {SNAPSHOTS}")
