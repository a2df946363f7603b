"""Load documents from a file or a folder: exact text, a stable id and a title.

A folder is loaded file by file: files that cannot be read (binary, not UTF-8 or UTF-16,
empty, an unsupported type, a broken link) are reported in a LoadReport instead of failing
the whole corpus. HTML files are read as their visible text, in Markdown form (see html);
PDF and Word files as their extracted text (see pdf and word: the `office` extra).
"""

from __future__ import annotations

import bisect
import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from qa_bot.documents.html import extract_html
from qa_bot.documents.titles import title_line
from qa_bot.errors import CorpusError, CorpusNotFoundError, DocumentError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".rst", ".html", ".htm", ".pdf", ".docx")
HTML_SUFFIXES = (".html", ".htm")
OFFICE_SUFFIXES = (".pdf", ".docx")
MAX_LISTED_PROBLEMS = 5  # in the error for a folder where nothing could be loaded

Progress = Callable[[int, int], None]  # progress(files done, files in total)


@dataclass(frozen=True)
class Document:
    """One source document, its text kept exactly as read (offsets index into it).

    For an HTML file, `text` is the page's extracted visible text (see html_text), in
    Markdown form, not the markup.
    """

    source: str
    title: str
    text: str
    format: str = "text"  # "text" or "markdown"
    pages: tuple[int, ...] = ()  # a PDF's: the offset in `text` where each page starts

    def page_at(self, offset: int) -> int | None:
        """The 1-based page holding `offset` (None for a document without pages)."""
        if not self.pages:
            return None
        return max(1, bisect.bisect_right(self.pages, offset))


@dataclass(frozen=True)
class Skipped:
    """A file of a corpus folder that was not loaded, and why."""

    path: str  # relative to the folder, "/"-separated (like Document.source)
    reason: str


@dataclass(frozen=True)
class LoadReport:
    """What loading a corpus produced: the documents, and the files left out."""

    documents: dict[str, Document]
    skipped: tuple[Skipped, ...] = field(default=())


def load_path(path: str | Path) -> dict[str, Document]:
    """Load one supported file, or every readable supported file below a folder.

    Raises FileNotFoundError for a missing path and ValueError for an unsupported,
    unreadable (binary, non-UTF-8) or empty file, an empty folder or a folder from which
    no document could be loaded. Problem files inside a folder are skipped (see
    load_corpus for the list of them).
    """
    return load_corpus(path).documents


def load_corpus(path: str | Path, progress: Progress | None = None) -> LoadReport:
    """Load a file (any problem is an error) or a folder (problem files are skipped).

    Hidden files and folders (a name starting with '.') are ignored silently; every other
    file of a folder is either a document or listed in `skipped` with its reason.
    `progress(done, total)` is called after each file. Raises ValueError when a folder
    yields no document at all, naming the folder and summarising why.
    """
    root = Path(path)
    if not root.exists():
        raise CorpusNotFoundError(f"corpus path {str(path)!r} does not exist")
    if root.is_file():
        document = read_document(root, root.name)
        if progress is not None:
            progress(1, 1)
        return LoadReport({root.name: document})
    files, unlisted = _visible_files(root)
    if not files and not unlisted:
        raise CorpusError(f"corpus folder {str(path)!r} is empty")
    documents: dict[str, Document] = {}
    skipped: list[Skipped] = []
    problems: list[Skipped] = list(unlisted)  # skipped files of a supported type
    for done, file in enumerate(files, start=1):
        source = file.relative_to(root).as_posix()
        try:
            documents[source] = read_document(file, source)
        except (DocumentError, OSError) as err:
            item = Skipped(source, _reason(err))
            skipped.append(item)
            if file.suffix.lower() in SUPPORTED_SUFFIXES:
                problems.append(item)
        if progress is not None:
            progress(done, len(files))
    if not documents:
        raise CorpusError(_nothing_loaded(str(path), [*unlisted, *skipped], problems))
    return LoadReport(documents, (*unlisted, *skipped))


def read_document(path: Path, source: str) -> Document:
    """Read one file as a Document; its id is `source` (path relative to the corpus root)."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise DocumentError(
            f"unsupported file type {path.suffix!r} for {str(path)!r} (allowed: {_allowed()})",
            f"unsupported file type {path.suffix or '(no suffix)'}",
        )
    raw = path.read_bytes()
    if suffix in HTML_SUFFIXES:
        return parse_html(raw, source)
    if suffix in OFFICE_SUFFIXES:
        return _office(suffix)(raw, source)
    return parse_document(raw, source, markdown=suffix not in (".txt", ".rst"))


def _office(suffix: str) -> Callable[[bytes, str], Document]:
    """The reader of a PDF or Word file, when the `office` extra is installed."""
    try:
        if suffix == ".pdf":
            from qa_bot.documents.pdf import read_pdf

            return read_pdf
        from qa_bot.documents.word import read_docx

        return read_docx
    except ImportError:
        missing = "pypdf" if suffix == ".pdf" else "python-docx"
        reason = f"{suffix} files need the office extra ({missing}): pip install 'qa-bot[office]'"
        raise DocumentError(reason, reason) from None


def parse_document(raw: bytes, source: str, *, markdown: bool = False) -> Document:
    """Decode and validate raw bytes into a Document (pure; no file access)."""
    text = _decode(raw, source)
    return Document(
        source=source,
        title=title_line(text, markdown=markdown).title or PurePosixPath(source).stem,
        text=text,
        format="markdown" if markdown else "text",
    )


def parse_html(raw: bytes, source: str) -> Document:
    """An HTML page as a Document whose text is the page's visible text, as Markdown."""
    page = extract_html(_decode(raw, source), default_title=PurePosixPath(source).stem)
    if not page.text:
        raise DocumentError(
            f"{source!r} is empty: the page has no visible text", "empty: no visible text"
        )
    return Document(source=source, title=page.title, text=page.text, format="markdown")


def _decode(raw: bytes, source: str) -> str:
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and len(raw) >= 4:
        return _decode_utf16(raw, source)
    if b"\x00" in raw:
        reason = "looks like a binary file (it contains NUL bytes)"
        raise DocumentError(f"{source!r} {reason}", reason)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise DocumentError(
            f"{source!r} is not valid UTF-8 (byte {err.start}); save it as UTF-8",
            f"not valid UTF-8 (byte {err.start}), save it as UTF-8",
        ) from None
    return _not_empty(text, source)


def _decode_utf16(raw: bytes, source: str) -> str:
    try:
        text = raw.decode("utf-16")  # the BOM says which byte order, and is dropped
    except UnicodeDecodeError as err:
        reason = f"not valid UTF-16 (byte {err.start}), save it as UTF-8"
        raise DocumentError(f"{source!r} is {reason}", reason) from None
    return _not_empty(text, source)


def _not_empty(text: str, source: str) -> str:
    if not text.strip():
        raise DocumentError(
            f"{source!r} is empty: a document needs some text", "empty: a document needs some text"
        )
    return text


def _visible_files(root: Path) -> tuple[list[Path], list[Skipped]]:
    """Every file below root outside hidden folders, in path order; unlistable folders."""
    files: list[Path] = []
    unlisted: list[Skipped] = []
    seen: set[str] = set()

    def report(err: OSError) -> None:
        where = Path(err.filename or root).relative_to(root).as_posix()
        unlisted.append(Skipped(where, f"folder could not be listed: {err.strerror or err}"))

    for folder, subfolders, names in os.walk(root, onerror=report, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:  # a symbolic link back up the tree
            subfolders.clear()
            continue
        seen.add(real)
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        here = Path(folder)
        files.extend(here / name for name in names if not name.startswith("."))
    for file in files:
        if file.is_symlink() and not file.exists():
            where = file.relative_to(root).as_posix()
            target = os.readlink(file)
            unlisted.append(Skipped(where, f"broken symbolic link (to {target!r}, not found)"))
    files = [file for file in files if file.is_file()]
    return sorted(files, key=lambda file: file.relative_to(root).parts), unlisted


def _reason(err: OSError | DocumentError) -> str:
    if isinstance(err, DocumentError):
        return err.reason
    return f"could not be read: {err.strerror or err}"


def _nothing_loaded(folder: str, skipped: list[Skipped], problems: list[Skipped]) -> str:
    if not problems:
        return f"corpus folder {folder!r} has no supported files (allowed: {_allowed()})"
    shown = problems[:MAX_LISTED_PROBLEMS]
    listed = "; ".join(f"{item.path}: {item.reason}" for item in shown)
    if len(problems) > len(shown):
        listed += f"; … and {len(problems) - len(shown)} more"
    if len(skipped) > len(problems):
        listed += f"; {len(skipped) - len(problems)} of an unsupported type"
    return f"corpus folder {folder!r} has no readable documents: {len(skipped)} skipped ({listed})"


def _allowed() -> str:
    return ", ".join(SUPPORTED_SUFFIXES)
