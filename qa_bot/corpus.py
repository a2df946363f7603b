"""Load documents from a file or a folder: exact text, a stable id and a title."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qa_bot.structure import MD_HEADING as _MD_HEADING

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown")
BUNDLED_CORPUS = Path(__file__).resolve().parent.parent / "corpus"
BUNDLED_ARTICLE = BUNDLED_CORPUS / "llm-vs-generative-ai.txt"


@dataclass(frozen=True)
class Document:
    """One source document, its text kept exactly as read (offsets index into it)."""

    source: str
    title: str
    text: str
    format: str = "text"  # "text" or "markdown"


def bundled_article() -> Path:
    """Path of the article qa_bot ships with (the default corpus)."""
    if BUNDLED_ARTICLE.is_file():
        return BUNDLED_ARTICLE
    return Path(__file__).resolve().parent / "_corpus" / BUNDLED_ARTICLE.name


def load_path(path: str | Path) -> dict[str, Document]:
    """Load one supported file, or every supported file below a folder (recursively).

    Raises FileNotFoundError for a missing path and ValueError for an empty folder,
    a folder without supported files, an unreadable (binary, non-UTF-8) or empty file.
    """
    root = Path(path)
    if not root.exists():
        raise FileNotFoundError(f"corpus path {str(path)!r} does not exist")
    if root.is_file():
        return {root.name: read_document(root, root.name)}
    files = sorted(p for p in root.rglob("*") if p.is_file() and not _hidden(p, root))
    if not files:
        raise ValueError(f"corpus folder {str(path)!r} is empty")
    supported = [p for p in files if p.suffix.lower() in SUPPORTED_SUFFIXES]
    if not supported:
        raise ValueError(
            f"corpus folder {str(path)!r} has no supported files "
            f"(allowed: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    docs = [read_document(p, p.relative_to(root).as_posix()) for p in supported]
    return {doc.source: doc for doc in docs}


def read_document(path: Path, source: str) -> Document:
    """Read one file as a Document; its id is `source` (path relative to the corpus root)."""
    if path.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise ValueError(
            f"unsupported file type {path.suffix!r} for {str(path)!r} "
            f"(allowed: {', '.join(SUPPORTED_SUFFIXES)})"
        )
    raw = path.read_bytes()
    return parse_document(raw, source, markdown=path.suffix.lower() != ".txt")


def parse_document(raw: bytes, source: str, *, markdown: bool = False) -> Document:
    """Decode and validate raw bytes into a Document (pure; no file access)."""
    if b"\x00" in raw:
        raise ValueError(f"{source!r} looks like a binary file (it contains NUL bytes)")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ValueError(
            f"{source!r} is not valid UTF-8 (byte {err.start}); save it as UTF-8"
        ) from None
    if not text.strip():
        raise ValueError(f"{source!r} is empty: a document needs some text")
    return Document(
        source=source,
        title=_title(text, markdown),
        text=text,
        format="markdown" if markdown else "text",
    )


def _title(text: str, markdown: bool) -> str:
    first = next(line.strip() for line in text.splitlines() if line.strip())
    if not markdown:
        return first
    heading = _MD_HEADING.match(first)
    return heading.group(2).strip() if heading else first


def _hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)
