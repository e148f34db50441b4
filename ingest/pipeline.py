"""One file → one parsed Document (text, metadata, clause tree)."""

from __future__ import annotations

from pathlib import Path

from ingest.loaders import LoadError, load_text
from ingest.metadata import document_id, find_date, find_doc_number, find_title
from ingest.model import Document
from ingest.structure import parse_clauses


def parse_text(text: str, file_name: str, source: str = "") -> Document:
    title = find_title(text, file_name)
    document = Document(
        doc_id=document_id(text),
        title=title,
        file_name=file_name,
        source=source or file_name,
        text=text,
        doc_number=find_doc_number(text),
        date=find_date(text),
    )
    document.clauses = parse_clauses(text, title)
    if not document.clauses:
        raise LoadError("no clauses found in the text")
    return document


def parse_file(path: str | Path) -> Document:
    path = Path(path)
    return parse_text(load_text(path), path.name, str(path.resolve()))


def discover_files(paths: list[str | Path], suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest under the given files/folders, and (path, error) for those that can't be.

    Folders are walked recursively; hidden files and unsupported types inside
    folders are skipped silently, but a file named explicitly must be supported.
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and child.suffix.lower() in suffixes:
                    files.append(child)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                files.append(path)
            else:
                problems.append((str(path), f"unsupported file type {path.suffix or '(none)'}; supported: {', '.join(suffixes)}"))
        else:
            problems.append((str(path), "no such file or directory"))
    return list(dict.fromkeys(files)), problems
