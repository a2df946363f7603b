from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.corpus import SUPPORTED_SUFFIXES, Document, bundled_article, load_path, parse_document


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
    write(tmp_path / "sub" / "image.png", b"\x89PNG\r\n")  # unsupported: ignored in a folder
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
    write(tmp_path / "doc.pdf", b"%PDF-1.4")
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


def test_bad_file_inside_folder_names_its_relative_path(tmp_path):
    write(tmp_path / "good.txt", "Good\n\nFine text.\n")
    write(tmp_path / "sub" / "bad.md", b"# Bad\n\n\xff\xfe broken")
    with pytest.raises(ValueError, match=r"sub/bad\.md"):
        load_path(tmp_path)


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
