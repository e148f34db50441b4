"""Temporary files the web app leaves behind: Gradio's copies of uploads, and generated downloads.

- An upload arrives in Gradio's temp folder (`GRADIO_TEMP_DIR`, by default
  `<tmp>/gradio/<hash>/<client's name>`). Once the Documents tab has saved
  it under `<data-dir>/uploads/<kb>/` (or refused it), `discard_upload`
  deletes Gradio's copy and its folder, so a deleted document leaves nothing
  of itself there.
- Exports (CSV, XLSX, the draft's DOCX) are written under
  `<tmp>/policydesk-exports/<pid>/`; `sweep` deletes those older than
  `Settings.temp_max_age_seconds` whenever a new one is written. Gradio's
  own copies of them (it serves downloads from its cache) are deleted by
  Gradio on the same schedule (`gr.Blocks(delete_cache=…)`, see `ui.web`),
  and all of them when the server stops.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from pathlib import Path

log = logging.getLogger("policydesk.ui")


def gradio_upload_folder() -> Path:
    from gradio.utils import get_upload_folder

    return Path(get_upload_folder()).resolve()


def discard_upload(path: str | os.PathLike) -> bool:
    """Delete Gradio's temporary copy of an upload (only inside Gradio's upload folder) and its emptied folder."""
    try:
        target = Path(path).resolve()
        root = gradio_upload_folder()
        if root not in target.parents or not target.is_file():
            return False
        target.unlink()
        folder = target.parent
        if folder != root and not any(folder.iterdir()):
            folder.rmdir()
        return True
    except OSError as exc:  # another request may be deleting the same file: never fail the upload for it
        log.warning("could not delete the temporary upload %s: %s", path, exc)
        return False


def sweep(root: Path, max_age_seconds: float, keep: Path | None = None) -> int:
    """Delete files under `root` older than `max_age_seconds`, then the folders left empty (never `root` or `keep`)."""
    if not root.is_dir():
        return 0
    deadline = time.time() - max_age_seconds
    removed = 0
    for folder, dirs, files in os.walk(root, topdown=False):
        for name in files:
            path = Path(folder, name)
            try:
                if path.lstat().st_mtime < deadline:
                    path.unlink()
                    removed += 1
            except OSError:
                pass
        here = Path(folder)
        if here != root and here != keep:
            try:
                here.rmdir()  # only if empty
            except OSError:
                pass
    return removed
