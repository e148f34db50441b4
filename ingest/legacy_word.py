"""Legacy Word files (.doc, Word 97-2003; .wps when WPS Office saved the same binary): text by antiword.

No maintained pure-Python reader of the Word binary format exists; Debian's `antiword` (a system package,
`apt-get install antiword`; `.ci/run` installs it) reads it, Chinese included, with its UTF-8 mapping. It
runs on a temporary copy of the bytes, inside the reader's child process (ingest.reader_process) and so
under its memory cap, with its own deadline (settings.max_parse_seconds). Without the program a .doc fails
with a reason that names the package; it is never skipped.

antiword is asked for DocBook XML (`-x db`): its plain-text output wraps every table cell inside a fixed
column width, so a row would come out as several lines; in the XML each paragraph is one <para> and each
table row one <row>, written as the " | "-joined line every other loader writes (ingest.tables labels it
with its header). The XML is parsed by lxml without its DTD, entities or network, in recovery mode.

antiword does not render Word's automatic list numbers (一、 （一） 1. drawn by a numbering definition,
which ingest.word_numbering renders for a .docx): such a .doc loses them, so save it as .docx.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile

from ingest.loaders import TABLE_CELL_SEPARATOR, LoadError
from settings import Settings

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound-file header of Word 97-2003 (and WPS) files
PACKAGE_HINT = "the system package antiword (apt-get install antiword)"


def load_doc(data: bytes, kind: str = ".doc", timeout: float = Settings.max_parse_seconds) -> str:
    if not data.startswith(OLE_MAGIC):
        if data.startswith(b"PK"):
            raise LoadError(f"not a valid {kind} file: this is a newer .docx file; name it .docx")
        if data.lstrip()[:5] == b"{\\rtf":
            raise LoadError(f"not a valid {kind} file: this is an RTF file; save it as .docx")
        raise LoadError(f"not a valid {kind} file (not a Word 97-2003 document)")
    program = shutil.which("antiword")
    if program is None:
        raise LoadError(f"reading {kind} files needs {PACKAGE_HINT}, which is not installed here")
    with tempfile.NamedTemporaryFile(suffix=".doc") as copy:
        copy.write(data)
        copy.flush()
        try:
            result = subprocess.run([program, "-x", "db", copy.name], capture_output=True, timeout=timeout,
                                    env={**os.environ, "LC_ALL": "C.UTF-8"}, preexec_fn=_die_with_parent)
        except subprocess.TimeoutExpired:
            raise LoadError(f"reading it took longer than {timeout:g} s (settings.max_parse_seconds); a damaged file?") from None
    if result.returncode != 0:
        reason = "; ".join(line.strip() for line in result.stderr.decode("utf-8", "replace").replace(copy.name, "the file")
                           .splitlines() if line.strip())
        if "too small to handle" in reason:  # antiword refuses a text stream of less than ~150 characters
            raise LoadError(f"the {kind} file holds too little text for antiword to read ({reason}); save it as .docx")
        if kind == ".wps" and "not a Word Document" in reason:
            raise LoadError("not a Word-compatible .wps file (an older WPS Office format); save it as .docx")
        raise LoadError(f"could not read the {kind} file: {reason or f'antiword exited with code {result.returncode}'}")
    return doc_text(result.stdout)


def _die_with_parent() -> None:
    """In antiword's process: be killed with the reader's child when that is killed at its deadline (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def load_wps(data: bytes) -> str:
    return load_doc(data, kind=".wps")


BLOCKS = {"para", "title", "row", "informaltable", "table", "tgroup", "tbody", "thead", "footnote", "listitem",
          "orderedlist", "itemizedlist", "chapter", "sect1", "sect2", "sect3", "book", "bookinfo"}
SKIPPED = {"bookinfo", "colspec"}  # the file's author and date, not its text


def doc_text(xml: bytes) -> str:
    """antiword's DocBook as loader text: one line a paragraph or title, one " | "-joined line a table row."""
    from lxml import etree

    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    root = etree.fromstring(xml, parser)
    if root is None:
        raise LoadError("could not read the .doc file: antiword's output was not readable XML")
    lines: list[str] = []
    _walk(root, lines)
    return "\n".join(lines)


def _walk(element, lines: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in SKIPPED:
        return
    if tag == "row":
        lines.append(TABLE_CELL_SEPARATOR.join(_inline(entry) for entry in element.iter("entry")))
        return
    line = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCKS:
            lines.append(_unwrap("".join(line)))
            _walk(child, lines)
            line = []
        else:
            line.append(_inline(child))
        line.append(child.tail or "")
    lines.append(_unwrap("".join(line)))


def _inline(element) -> str:
    return _unwrap("".join(element.itertext()))


def _unwrap(text: str) -> str:
    """Text without the line breaks antiword puts around it: nothing between Chinese, a space between words."""
    return re.sub(r"(\S?)\s*\n\s*(?=(\S?))", lambda m: m.group(1) + (" " if (m.group(1) + m.group(2)).isascii()
                                                                     and m.group(1) and m.group(2) else ""), text).strip()
