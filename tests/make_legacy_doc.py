"""Write tests/fixtures/legacy_word.doc (Word 97-2003) from tests/fixtures/legacy_word.txt, once.

No Python library writes the Word binary format, and LibreOffice is not part of the test setup, so the .doc
that tests/test_legacy_word.py reads is generated here and committed beside the text it came from: each
line a paragraph, runs of " | " lines a table. Needs LibreOffice (apt-get install libreoffice-writer-nogui):

    python tests/make_legacy_doc.py && git add tests/fixtures/legacy_word.doc
"""

import subprocess
import sys
import tempfile
from pathlib import Path

import docx

FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE = FIXTURES / "legacy_word.txt"


def write_docx(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    rows: list[list[str]] = []
    for line in lines + [""]:
        if " | " in line:
            rows.append(line.split(" | "))
            continue
        if rows:
            table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for r, cells in enumerate(rows):
                for c, cell in enumerate(cells):
                    table.cell(r, c).text = cell
            rows = []
        if line:
            document.add_paragraph(line)
    document.save(path)
    return path


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as scratch:
        source = write_docx(SOURCE.read_text(encoding="utf-8").splitlines(), Path(scratch) / "legacy_word.docx")
        subprocess.run(["soffice", "--headless", "--convert-to", "doc", "--outdir", scratch, str(source)],
                       check=True, stdout=sys.stderr)
        (FIXTURES / "legacy_word.doc").write_bytes((Path(scratch) / "legacy_word.doc").read_bytes())
