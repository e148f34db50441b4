"""Zip-based formats (.xlsx, .ofd): refuse a damaged archive or a zip bomb before a reader inflates it."""

from __future__ import annotations

import io
import zipfile

from ingest.loaders import MAX_UNZIPPED_BYTES, MAX_ZIP_RATIO, LoadError


def check_zip(data: bytes, kind: str) -> zipfile.ZipFile:
    """The open archive, after checking what it would unpack to; `kind` (".xlsx") names the format in errors."""
    if not data.startswith(b"PK"):
        raise LoadError(f"not a valid {kind} file (not a zip archive)")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        total = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise LoadError(f"not a valid {kind} file (damaged or truncated: not a complete zip archive)") from None
    if total > MAX_UNZIPPED_BYTES or total > MAX_ZIP_RATIO * max(len(data), 1) and total > 64 * 1024 * 1024:
        raise LoadError(f"not a valid {kind} file: it would unpack to {total // 1048576} MB (a zip bomb?)")
    return archive
