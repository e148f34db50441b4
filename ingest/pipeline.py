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
from typing import Callable

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


def parse_file(path: str | Path, max_bytes: int | None = None, load: Callable[..., str] = load_text) -> Document:
    """Parse one file; files over `max_bytes` are refused before they are read.

    `load(path, max_bytes=…)` turns the file into text: ingestion passes `ReaderProcess.load`
    (ingest.reader_process), which bounds the time and memory a .docx or .pdf may cost."""
    path = Path(path)
    return parse_text(load(path, max_bytes=max_bytes), path.name, str(path.resolve()))


def discover_files(paths: list[str | Path], suffixes: tuple[str, ...],
                   skipped: list[tuple[str, str]] | None = None) -> tuple[list[Path], list[tuple[str, str]]]:
    """Files to ingest under the given files/folders, and (path, error) for those that can't be.

    Folders are walked recursively. Inside a folder, files of other types,
    hidden files and hidden folders (not entered) and anything that is not a
    regular file are not ingested: each is appended to `skipped` as
    (path, reason), so nothing is left out silently. A file named explicitly
    must be supported (else it is an error). A file reached twice (a folder
    and one of its files, or through a symlink) is listed once. Unreadable
    folders are reported.
    """
    skipped = [] if skipped is None else skipped
    files: list[Path] = []
    problems: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found, errors = _walk(path, suffixes, skipped)
            files.extend(found)
            problems.extend(errors)
        elif path.is_file():
            if path.suffix.lower() in suffixes:
                files.append(path)
            else:
                problems.append((str(path), _unsupported(path, suffixes)))
        elif path.is_symlink():
            problems.append((str(path), "broken symbolic link"))
        else:
            problems.append((str(path), "no such file or directory"))
    unique: dict[Path, Path] = {}
    for file in files:
        unique.setdefault(file.resolve(), file)
    return list(unique.values()), problems


def _walk(folder: Path, suffixes: tuple[str, ...], skipped: list[tuple[str, str]]) -> tuple[list[Path], list[tuple[str, str]]]:
    files: list[Path] = []
    errors: list[tuple[str, str]] = []

    def on_error(exc: OSError) -> None:
        errors.append((exc.filename or str(folder), f"cannot read folder: {exc.strerror or exc}"))

    for directory, subdirs, names in os.walk(folder, onerror=on_error):
        for name in sorted(d for d in subdirs if d.startswith(".")):
            skipped.append((str(Path(directory) / name), "hidden folder (not entered)"))
        subdirs[:] = sorted(d for d in subdirs if not d.startswith("."))
        for name in sorted(names):
            child = Path(directory) / name
            if name.startswith("."):
                skipped.append((str(child), "hidden file"))
            elif child.suffix.lower() not in suffixes:
                skipped.append((str(child), _unsupported(child, suffixes)))
            elif not child.is_file():
                skipped.append((str(child), "broken symbolic link" if child.is_symlink() else "not a regular file"))
            else:
                files.append(child)
    return files, errors


def _unsupported(path: Path, suffixes: tuple[str, ...]) -> str:
    from ingest.loaders import SUPPORTED_SUFFIXES

    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return f"file type {path.suffix} is not enabled (settings.allowed_suffixes)"
    return f"unsupported file type {path.suffix or '(none)'}; supported: {', '.join(suffixes)}"
