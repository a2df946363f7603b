"""Issue 11: text repeated across many files (an mdBook's navigation, "Filename: …") is set
aside at index time: never ranked, never quoted, and counted."""

from __future__ import annotations

import numpy as np
import pytest

from qa_bot import QABot
from qa_bot.documents.boilerplate import boilerplate, note

PAGE = """<!DOCTYPE html><html><head><title>{title} - The Rust Book</title></head><body>
<div id="help" class="hidden">
<p>Press <kbd>←</kbd> or <kbd>→</kbd> to navigate between chapters</p></div>
<nav id="sidebar" class="sidebar"><ol><li>Getting Started</li><li>Ownership</li>
<li>Structs</li><li>Enums</li></ol></nav>
<div class="menu-bar"><p>Press S or / to search in the book</p></div>
<main><h1>{title}</h1><p>{body}</p>
<p>Filename: src/main.rs</p><pre><code>fn main() {{
    println!("{title}");
}}</code></pre></main>
<nav class="nav-wrapper"><a href="prev.html">Previous chapter</a></nav>
</body></html>"""

CHAPTERS = {
    "ownership.html": (
        "What Is Ownership?",
        "Ownership is a set of rules that govern how a Rust program manages memory.",
    ),
    "structs.html": (
        "Defining Structs",
        "A struct lets you package together and name multiple related values.",
    ),
    "enums.html": (
        "Defining an Enum",
        "An enum gives you a way of saying a value is one of a possible set of values.",
    ),
    "start.html": (
        "Getting Started",
        "Install Rust with rustup, a command line tool for managing Rust versions.",
    ),
}


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> QABot:
    root = tmp_path_factory.mktemp("book")
    for name, (title, body) in CHAPTERS.items():
        (root / name).write_text(PAGE.format(title=title, body=body), encoding="utf-8")
    return QABot.from_path(root)


def test_navigation_outside_main_is_not_text(book):
    for document in book.documents.values():
        assert "navigate between chapters" not in document.text
        assert "Previous chapter" not in document.text
        assert "search in the book" not in document.text


def test_repeated_lines_are_set_aside_and_counted(book):
    assert not [p for p in book.passages if p.text.strip() == "Filename: src/main.rs"]
    assert book.passages.set_aside >= len(CHAPTERS)
    assert note(book.passages).startswith("; set aside ")


def test_the_answer_is_the_chapter_not_the_boilerplate(book):
    answer = book.ask("What is ownership?")
    assert answer.found
    assert answer.citations[0].source == "ownership.html"
    assert all("Filename:" not in quote.text for quote in answer.quotes)


@pytest.mark.parametrize(
    ("files", "spread", "repeated"),
    [(3, 3, True), (3, 2, False), (100, 5, True), (100, 4, False), (2, 2, False)],
)
def test_threshold_is_three_files_or_five_percent(files, spread, repeated):
    keys = np.array([7] * spread + [8], dtype=np.int64)
    sources = np.array([*range(spread), 0], dtype=np.int32)
    assert list(boilerplate(keys, sources, files)) == [repeated] * spread + [False]


def test_a_passage_repeated_in_its_own_document_is_kept_once():
    from qa_bot.documents.boilerplate import corpus_passages
    from qa_bot.documents.loading import parse_document

    method = (
        "     |  absolute(self)\n"
        "     |      Return an absolute version of this path by prepending the current\n"
        "     |      working directory.\n"
        "     |  \n"
    )
    text = (
        "Python Library Documentation: module pathlib\n\n"
        "CLASSES\n"
        f"    class Path(PurePath)\n     |  A path of the file system.\n     |  \n{method}"
        "    \n"
        f"    class PosixPath(Path)\n     |  A path on POSIX systems.\n     |  \n{method}"
    )
    other = "NAME\n    os - OS routines.\n\nFUNCTIONS\n    getcwd()\n        Return a string.\n"
    documents = {
        "pathlib.txt": parse_document(text.encode(), "pathlib.txt"),
        "os.txt": parse_document(other.encode(), "os.txt"),
    }
    table = corpus_passages(documents)
    copies = [p for p in table if "Return an absolute version" in p.text]
    assert len(copies) == 1
    assert copies[0].section == "CLASSES › class Path(PurePath)"
    assert table.set_aside == 1
    assert any("A path on POSIX systems." in p.text for p in table)
