"""One file → one parsed Document (text, metadata, clause tree); and which files a batch holds.

Ingestion is two steps so that each can fail per file: `discover_files`
lists what the given paths hold (a folder is walked once, up front), then
each listed file is parsed on its own. A file that disappears or changes
between the two steps is simply a per-file outcome of the second
("file disappeared before it could be read …"), never a crash.
"""

from __future__ import annotations

import os
from pathlib import Path

from ingest.loaders import LoadError, load_text
from ingest.metadata import document_id, find_date, find_doc_number, find_period, find_title
from ingest.places import document_places
from ingest.model import Document
from ingest.structure import parse_clauses
from ingest.tables import label_rows


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
    opening = "\n".join(text.split("\n")[1:6])
    document.places = [place.name for place in document_places(title, opening, text)]
    document.period = find_period(title, text, document.date)
    document.clauses = parse_clauses(label_rows(text), title)
    if not document.clauses:
        raise LoadError("no clauses found in the text")
    return document


def parse_file(path: str | Path, max_bytes: int | None = None) -> Document:
    """Parse one file; files over `max_bytes` are refused before they are read."""
    path = Path(path)
    return parse_text(load_text(path, max_bytes=max_bytes), path.name, str(path.resolve()))


def discover_files(paths: list[str | Path], suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest under the given files/folders, and (path, error) for those that can't be.

    Folders are walked recursively; hidden files and folders and unsupported
    types inside folders are skipped silently, but a file named explicitly
    must be supported. A file reached twice (a folder and one of its files,
    or through a symlink) is listed once. Unreadable folders are reported.
    """
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, errors = _walk(path, suffixes)
            files.extend(found)
            problems.extend(errors)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                files.append(path)
            else:
                problems.append((str(path), f"unsupported file type {path.suffix or '(none)'}; supported: {', '.join(suffixes)}"))
        elif path.is_symlink():
            problems.append((str(path), "broken symbolic link"))
        else:
            problems.append((str(path), "no such file or directory"))
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), problems


def _walk(folder: Path, suffixes: tuple[str, ...]) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    errors: list[tuple[str, str]] = []

    def on_error(exc: OSError) -> None:
        errors.append((exc.filename or str(folder), f"cannot read folder: {exc.strerror or exc}"))

    for directory, subdirs, names in os.walk(folder, onerror=on_error):
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            child = Path(directory) / name
            if name.startswith(".") or child.suffix.lower() not in suffixes or not child.is_file():
                continue
            files.append(child)
    return files, errors
