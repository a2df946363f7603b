from __future__ import annotations

import os
from pathlib import Path

import pytest

from qa_bot.documents.loading import (
    SUPPORTED_SUFFIXES,
    Document,
    LoadReport,
    Skipped,
    load_corpus,
    load_path,
    parse_document,
)
from qa_bot.paths import bundled_article


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_load_single_file_keeps_text_exactly(tmp_path):
    text = "Cats and Dogs\n\nCats  purr.\r\nDogs bark.\n\n"
    path = write(tmp_path / "pets.txt", text.encode("utf-8"))
    docs = load_path(path)
    assert list(docs) == ["pets.txt"]
    doc = docs["pets.txt"]
    assert isinstance(doc, Document)
    assert doc.text == text
    assert doc.title == "Cats and Dogs"
    assert doc.format == "text"


def test_load_single_file_accepts_str_path(tmp_path):
    path = write(tmp_path / "a.md", "# Heading\n\nBody text.\n")
    assert list(load_path(str(path))) == ["a.md"]


def test_load_bundled_article(article_text):
    docs = load_path(bundled_article())
    (doc,) = docs.values()
    assert doc.text == article_text
    assert doc.title == "Large Language Models vs. Generative AI: Understanding the Differences"


def test_load_folder_recursively_with_relative_posix_ids(tmp_path):
    write(tmp_path / "top.txt", "Top\n\nTop text.\n")
    write(tmp_path / "sub" / "inner.md", "# Inner\n\nInner text.\n")
    write(tmp_path / "sub" / "deeper" / "notes.markdown", "# Notes\n\nMore.\n")
    write(tmp_path / "sub" / "deeper" / "UPPER.TXT", "Upper\n\nShouting text.\n")
    write(tmp_path / "sub" / "image.png", b"\x89PNG\r\n")  # unsupported: skipped in a folder
    docs = load_path(tmp_path)
    assert sorted(docs) == [
        "sub/deeper/UPPER.TXT",
        "sub/deeper/notes.markdown",
        "sub/inner.md",
        "top.txt",
    ]
    for source, doc in docs.items():
        assert doc.source == source
        assert "\\" not in source
    assert docs["sub/inner.md"].format == "markdown"
    assert docs["sub/deeper/notes.markdown"].format == "markdown"
    assert docs["top.txt"].format == "text"
    assert docs["sub/inner.md"].text == "# Inner\n\nInner text.\n"


def test_hidden_files_and_folders_are_skipped(tmp_path):
    write(tmp_path / "visible.txt", "Visible\n\nShown.\n")
    write(tmp_path / ".hidden.txt", "Hidden\n\nNot shown.\n")
    write(tmp_path / ".git" / "notes.md", "# Git\n\nNot shown either.\n")
    write(tmp_path / "sub" / ".secret" / "x.txt", "Secret\n\nNo.\n")
    # a hidden binary would make loading fail if it were read
    write(tmp_path / ".cache.txt", b"\x00\x01\x02")
    assert list(load_path(tmp_path)) == ["visible.txt"]


def test_missing_path_names_it(tmp_path):
    missing = tmp_path / "nope" / "corpus.txt"
    with pytest.raises(FileNotFoundError, match="nope"):
        load_path(missing)
    with pytest.raises(FileNotFoundError) as info:
        load_path(missing)
    assert str(missing) in str(info.value)


def test_empty_folder(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        load_path(tmp_path)


def test_folder_with_only_hidden_files_is_empty(tmp_path):
    write(tmp_path / ".only.txt", "Hidden\n\nText.\n")
    with pytest.raises(ValueError, match="empty"):
        load_path(tmp_path)


def test_folder_without_supported_files_lists_allowed_suffixes(tmp_path):
    write(tmp_path / "data.csv", "a,b\n1,2\n")
    write(tmp_path / "sheet.xlsx", b"PK\x03\x04")  # .pdf is supported since issue 11
    with pytest.raises(ValueError, match="no supported files") as info:
        load_path(tmp_path)
    for suffix in (".txt", ".md"):
        assert suffix in str(info.value)
    for suffix in SUPPORTED_SUFFIXES:
        assert suffix in str(info.value)


def test_single_unsupported_file_is_rejected(tmp_path):
    path = write(tmp_path / "data.csv", "a,b\n")
    with pytest.raises(ValueError, match=r"\.csv") as info:
        load_path(path)
    assert ".txt" in str(info.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.txt", b"Title\n\x00\x01\x02 data", "binary"),
        ("latin1.txt", "Caf\u00e9 au lait\n\nTr\u00e8s bien.\n".encode("latin-1"), "UTF-8"),
        ("empty.md", b"", "empty"),
        ("blank.txt", b"  \n\t\n\r\n   ", "empty"),
    ],
)
def test_unreadable_or_empty_file_names_the_file(tmp_path, name, content, message):
    path = write(tmp_path / name, content)
    with pytest.raises(ValueError, match=message) as info:
        load_path(path)
    assert name in str(info.value)


def test_bad_file_inside_folder_is_skipped_and_named_by_its_relative_path(tmp_path):
    write(tmp_path / "good.txt", "Good\n\nFine text.\n")
    write(tmp_path / "sub" / "bad.md", b"# Bad\n\n\xff\xfe broken")
    assert list(load_path(tmp_path)) == ["good.txt"]
    report = load_corpus(tmp_path)
    assert list(report.documents) == ["good.txt"]
    assert report.documents["good.txt"].text == "Good\n\nFine text.\n"
    (skipped,) = report.skipped
    assert skipped.path == "sub/bad.md"
    assert "UTF-8" in skipped.reason
    assert "byte 7" in skipped.reason


def test_folder_of_only_bad_files_names_each_file(tmp_path):
    write(tmp_path / "sub" / "bad.md", b"# Bad\n\n\xff\xfe broken")
    write(tmp_path / "binary.txt", b"Title\n\x00\x01")
    write(tmp_path / "empty.html", b"<html><body><script>x()</script></body></html>")
    with pytest.raises(ValueError, match="no readable documents") as info:
        load_path(tmp_path)
    message = str(info.value)
    assert str(tmp_path) in message
    assert "3 skipped" in message
    for fragment in ("sub/bad.md", "UTF-8", "binary.txt", "binary", "empty.html", "empty"):
        assert fragment in message
    assert "\n" not in message  # one line, for the CLI's one-line errors


def test_parse_document_rejects_nul_and_bad_utf8():
    with pytest.raises(ValueError, match=r"'x\.txt'.*NUL"):
        parse_document(b"abc\x00def", "x.txt")
    with pytest.raises(ValueError, match=r"'y\.txt'.*UTF-8"):
        parse_document(b"abc \xc3\x28 def", "y.txt")


def test_utf8_bom_is_not_part_of_the_text():
    doc = parse_document("\ufeffTitle\n\nBody.\n".encode(), "bom.txt")
    assert doc.text == "Title\n\nBody.\n"
    assert doc.title == "Title"


@pytest.mark.parametrize(
    ("raw", "markdown", "title"),
    [
        ("First line\nSecond line\n", False, "First line"),
        ("\n\n   Padded title  \nBody\n", False, "Padded title"),
        ("# Markdown Title\n\nBody\n", True, "Markdown Title"),
        ("\n### Deep Title\n\nBody\n", True, "Deep Title"),
        ("# Not markdown in a .txt\nBody\n", False, "# Not markdown in a .txt"),
        ("Unicode \u00e9t\u00e9 \U0001f642\nBody\n", False, "Unicode \u00e9t\u00e9 \U0001f642"),
    ],
)
def test_title_is_first_non_empty_line(raw, markdown, title):
    assert parse_document(raw.encode(), "t", markdown=markdown).title == title


def test_markdown_file_title_drops_hashes(tmp_path):
    path = write(tmp_path / "guide.md", "## Setting Up\n\nStep one.\n")
    assert load_path(path)["guide.md"].title == "Setting Up"


def test_markdown_title_drops_closing_hashes_like_headings_do():
    # CommonMark: "# Title #" is the heading "Title" (the closing sequence is not content);
    # structure.py already strips it from section headings, the title should match.
    doc = parse_document(b"# Release Notes ##\n\nBody.\n", "notes.md", markdown=True)
    assert doc.title == "Release Notes"


@pytest.mark.parametrize(
    ("first_line", "title"),
    [
        ("# C#", "C#"),  # CommonMark: a closing '#' sequence needs a space before it
        ("# Learning F# and C#  ##", "Learning F# and C#"),
        ("# Issue #42", "Issue #42"),
    ],
)
def test_markdown_title_keeps_hashes_that_are_content(first_line, title):
    doc = parse_document(f"{first_line}\n\nBody.\n".encode(), "t.md", markdown=True)
    assert doc.title == title


# -- load_corpus: a LoadReport of the documents and the skipped files ------------------


def test_load_corpus_reports_every_skipped_file_with_its_reason(tmp_path):
    write(tmp_path / "good.txt", "Good\n\nFine text.\n")
    write(tmp_path / "page.html", "<title>Page</title><p>Visible text.</p>")
    write(tmp_path / "a" / "binary.txt", b"Title\n\x00\x01\x02")
    write(tmp_path / "a" / "latin1.md", "Caf\u00e9\n".encode("latin-1"))
    write(tmp_path / "b" / "blank.txt", b"  \n\t\n")
    write(tmp_path / "b" / "blank.html", b"<html><head><title>T</title></head><body> </body>")
    write(tmp_path / "image.PNG", b"\x89PNG\r\n")
    write(tmp_path / "Makefile", "all:\n")
    write(tmp_path / ".hidden.bin", b"\x00")  # hidden: not even reported
    report = load_corpus(tmp_path)
    assert isinstance(report, LoadReport)
    assert sorted(report.documents) == ["good.txt", "page.html"]
    assert report.documents["page.html"].format == "markdown"
    reasons = {item.path: item.reason for item in report.skipped}
    assert [item.path for item in report.skipped] == [
        "Makefile",
        "a/binary.txt",
        "a/latin1.md",
        "b/blank.html",
        "b/blank.txt",
        "image.PNG",
    ]
    assert reasons["a/binary.txt"] == "looks like a binary file (it contains NUL bytes)"
    assert reasons["a/latin1.md"].startswith("not valid UTF-8 (byte 3)")
    assert reasons["b/blank.txt"].startswith("empty")
    assert reasons["b/blank.html"] == "empty: no visible text"
    assert reasons["image.PNG"] == "unsupported file type .PNG"
    assert reasons["Makefile"] == "unsupported file type (no suffix)"
    assert all(isinstance(item, Skipped) for item in report.skipped)


def test_load_corpus_of_a_clean_folder_skips_nothing(tmp_path):
    write(tmp_path / "visible.txt", "Visible\n\nShown.\n")
    write(tmp_path / ".git" / "HEAD", b"\x00ref")
    write(tmp_path / "sub" / ".cache" / "x.bin", b"\x00")
    report = load_corpus(tmp_path)
    assert list(report.documents) == ["visible.txt"]
    assert report.skipped == ()


def test_load_corpus_of_a_file_is_that_file_and_skips_nothing(tmp_path):
    path = write(tmp_path / "pets.txt", "Pets\n\nCats purr.\n")
    report = load_corpus(path)
    assert list(report.documents) == ["pets.txt"]
    assert report.skipped == ()


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("binary.html", b"<p>\x00</p>", "binary"),
        ("latin1.htm", "<p>Caf\u00e9</p>".encode("latin-1"), "UTF-8"),
        ("scripts.html", b"<script>alert(1)</script><style>p{}</style>", "empty"),
        ("data.csv", b"a,b\n", "unsupported file type '.csv'"),
    ],
)
def test_load_corpus_of_a_bad_file_is_still_an_error(tmp_path, name, content, message):
    path = write(tmp_path / name, content)
    with pytest.raises(ValueError, match=message) as info:
        load_corpus(path)
    assert name in str(info.value)


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "good.txt", "Good\n\nFine text.\n")
    locked = write(tmp_path / "locked.md", "# Locked\n\nSecret.\n")
    read_bytes = Path.read_bytes

    def refuse(self: Path) -> bytes:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return read_bytes(self)

    monkeypatch.setattr(Path, "read_bytes", refuse)
    report = load_corpus(tmp_path)
    assert list(report.documents) == ["good.txt"]
    assert report.skipped == (Skipped("locked.md", "could not be read: Permission denied"),)


def test_unlistable_subfolder_is_skipped(tmp_path, monkeypatch):
    write(tmp_path / "good.txt", "Good\n\nFine text.\n")
    write(tmp_path / "closed" / "inside.txt", "Inside\n\nText.\n")
    scandir = os.scandir

    def refuse(path):
        if Path(path) == tmp_path / "closed":
            raise PermissionError(13, "Permission denied", str(path))
        return scandir(path)

    monkeypatch.setattr(os, "scandir", refuse)
    report = load_corpus(tmp_path)
    assert list(report.documents) == ["good.txt"]
    assert report.skipped == (Skipped("closed", "folder could not be listed: Permission denied"),)


def test_symlink_loop_does_not_hang(tmp_path):
    write(tmp_path / "sub" / "a.txt", "A\n\nText.\n")
    try:
        (tmp_path / "sub" / "loop").symlink_to(tmp_path, target_is_directory=True)
    except OSError:
        pytest.skip("symbolic links are not available")
    assert list(load_corpus(tmp_path).documents) == ["sub/a.txt"]


def test_progress_is_called_after_each_file(tmp_path):
    for name in ("a.txt", "b.md", "c.html", "d.png", "sub/e.txt"):
        write(tmp_path / name, "Title\n\nText.\n" if not name.endswith(".html") else "<p>x</p>")
    write(tmp_path / ".hidden.txt", "Hidden\n\nText.\n")
    calls: list[tuple[int, int]] = []
    load_corpus(tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 5), (2, 5), (3, 5), (4, 5), (5, 5)]


def test_progress_for_a_single_file(tmp_path):
    path = write(tmp_path / "a.txt", "Title\n\nText.\n")
    calls: list[tuple[int, int]] = []
    load_corpus(path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 1)]


def test_progress_is_called_for_skipped_files_too(tmp_path):
    write(tmp_path / "a.txt", "Title\n\nText.\n")
    write(tmp_path / "b.txt", b"\x00")
    calls: list[tuple[int, int]] = []
    report = load_corpus(tmp_path, progress=lambda done, total: calls.append((done, total)))
    assert calls == [(1, 2), (2, 2)]
    assert [item.path for item in report.skipped] == ["b.txt"]


def test_folder_of_unsupported_and_bad_files_summarises_both(tmp_path):
    write(tmp_path / "bad.txt", b"\xff\xfe")
    write(tmp_path / "photo.jpg", b"\xff\xd8")
    write(tmp_path / "table.csv", "a,b\n")
    with pytest.raises(ValueError, match="no readable documents: 3 skipped") as info:
        load_corpus(tmp_path)
    message = str(info.value)
    assert "bad.txt: not valid UTF-8" in message
    assert "2 of an unsupported type" in message


def test_folder_of_many_bad_files_lists_the_first_and_counts_the_rest(tmp_path):
    for number in range(8):
        write(tmp_path / f"f{number}.txt", b"")
    with pytest.raises(ValueError, match="8 skipped") as info:
        load_corpus(tmp_path)
    message = str(info.value)
    for number in range(5):
        assert f"f{number}.txt: empty" in message
    assert "f5.txt" not in message
    assert "and 3 more" in message


def test_folder_of_only_unsupported_files_lists_allowed_suffixes(tmp_path):
    write(tmp_path / "a.xlsx", b"PK")  # .pdf is supported since issue 11
    with pytest.raises(ValueError, match="no supported files") as info:
        load_corpus(tmp_path)
    assert str(tmp_path) in str(info.value)
    assert ".html" in str(info.value)
