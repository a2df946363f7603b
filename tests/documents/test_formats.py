"""Issue 11: passages a reader would cite from pydoc text, man pages, Markdown, reST and
plain text (fixtures in tests/data/formats, or made here)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.documents.chunking import chunk_document, item_label, letter_words
from qa_bot.documents.loading import load_corpus, parse_document, read_document
from qa_bot.documents.sentences import sentence_spans
from qa_bot.documents.structure import headings

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def passages_of(name: str):
    document = read_document(FORMATS / name, name)
    return document, chunk_document(document)


def containing(passages, fragment: str):
    found = [p for p in passages if fragment in p.text]
    assert len(found) == 1, f"{len(found)} passages hold {fragment!r}"
    return found[0]


@pytest.mark.parametrize("name", ["shutil.pydoc.txt", "wc.1.txt", "ls.1.txt"])
def test_no_passage_is_layout_or_a_fragment(name):
    document, passages = passages_of(name)
    assert passages
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text
        assert letter_words(passage.text) >= 3, passage.text


def test_pydoc_signature_and_description_are_one_passage_labelled_by_the_name():
    _, passages = passages_of("shutil.pydoc.txt")
    rmtree = containing(passages, "Recursively delete a directory tree.")
    assert rmtree.text.startswith("rmtree(path, ignore_errors=False")
    assert rmtree.label == "rmtree"
    assert rmtree.section == "FUNCTIONS"


def test_pydoc_class_layout_gives_class_sections_and_method_entries():
    document, passages = passages_of("shutil.pydoc.txt")
    assert document.title == (
        "shutil - Utility functions for copying and archiving files and directory trees."
    )
    init = containing(passages, "Initialize self.")
    assert init.section == "CLASSES › class Error(builtins.OSError)"
    assert init.label == "__init__"
    assert not [p for p in passages if p.text.strip() in {"|", ""}]


def test_man_page_header_is_not_the_title_nor_a_section():
    document, passages = passages_of("wc.1.txt")
    assert document.title == "wc - print newline, word, and byte counts for each file"
    names = [h.name for h in headings(document.text)]
    assert names[:3] == ["NAME", "SYNOPSIS", "DESCRIPTION"]
    assert all("\t" not in p.section and "WC(1)" not in p.text for p in passages)


@pytest.mark.parametrize(
    ("name", "term", "description"),
    [
        ("wc.1.txt", "-l, --lines", "print the newline counts"),
        ("ls.1.txt", "-a, --all", "do not ignore entries starting with ."),
    ],
)
def test_man_page_option_and_its_description_are_one_passage(name, term, description):
    _, passages = passages_of(name)
    option = containing(passages, description)
    assert option.text.startswith(term)
    assert option.label == term


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("-l, --lines            print the newline counts", "-l, --lines"),
        ("--help     display this help and exit", "--help"),
        ("Term\n    What the term means.", "Term"),
        ("copy(src, dst)\n     |      Copy data.", "copy"),
        ("A sentence that ends.\n    Indented.", ""),
        ("Plain prose with one space.", ""),
    ],
)
def test_item_label_of_definition_list_shapes(text, label):
    assert item_label(text) == label


def test_help_text_options_are_entries_under_their_lead():
    text = (
        "Usage: wc [OPTION]... [FILE]...\n\n"
        "Options:\n"
        "  -c, --bytes            print the byte counts\n"
        "  -l, --lines            print the newline counts\n"
        "  -w, --words            print the word counts, where a word is a\n"
        "                           non-empty sequence of characters\n"
    )
    passages = chunk_document(parse_document(text.encode(), "wc-help.txt"))
    words = containing(passages, "-w, --words")
    assert words.text.endswith("non-empty sequence of characters")
    assert containing(passages, "-l, --lines").label == "-l, --lines"
    assert words.section == "Options"


def test_wrong_sections_from_indented_title_case_lines_are_gone():
    text = (
        "Python Library Documentation: module os\n\n"
        "FUNCTIONS\n"
        "    WTERMSIG(status)\n"
        "        Return the signal that terminated the process.\n"
        "    \n"
        "    makedirs(name, mode=511, exist_ok=False)\n"
        "        Super-mkdir; create a leaf directory and all intermediate ones.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "os.txt"))
    assert containing(passages, "Super-mkdir").section == "FUNCTIONS"


# -- plain-text titles ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("raw", "title", "first_passage"),
    [
        (
            "This file explains how the backup job copies every folder to the server.\n\n"
            "It runs at night.\n",
            "notes",
            "This file explains",
        ),
        ("\nReal Title\n\nBody text of the file goes here.\n", "Real Title", "Body text"),
        ("Just one line about backups at night\n", "notes", "Just one line"),
    ],
)
def test_first_line_is_a_title_only_when_it_looks_like_one(raw, title, first_passage):
    document = parse_document(raw.encode(), "notes.txt")
    passages = chunk_document(document)
    assert document.title == title
    assert passages[0].text.startswith(first_passage)
    assert all(title not in p.section for p in passages)


def test_one_line_file_is_a_document_with_one_passage(tmp_path):
    (tmp_path / "motto.txt").write_text("Measure twice, cut once.")
    (tmp_path / "other.txt").write_text("Other\n\nSome other text here.\n")
    bot = QABot.from_path(tmp_path)
    assert [p.text for p in bot.passages if p.source == "motto.txt"] == ["Measure twice, cut once."]


# -- Markdown and reST ------------------------------------------------------------------
def test_markdown_front_matter_setext_and_collapsed_labels():
    text = (
        "---\ntitle: Deploy   Guide\nlayout: page\n---\n"
        "Intro line of the guide for new people.\n\n"
        "Getting   started\n=================\n\n"
        "Install the tool first and then run it.\n\n"
        "##   Many    spaces\there\n\nThe heading above has odd spacing in it.\n"
    )
    document = parse_document(text.encode(), "guide.md", markdown=True)
    assert document.title == "Deploy Guide"
    passages = chunk_document(document)
    assert not [p for p in passages if "layout: page" in p.text]
    assert containing(passages, "Install the tool").section == "Getting started"
    assert containing(passages, "odd spacing").section == "Getting started › Many spaces here"


def test_fenced_code_stays_with_its_intro_and_is_never_an_answer_sentence():
    text = (
        "# Build\n\n## Compile\n\nTo compile the project, run make:\n\n"
        "```sh\n# clean first. Then build.\nmake clean && make\n```\n\n"
        "The binary lands in the build folder.\n"
    )
    document = parse_document(text.encode(), "build.md", markdown=True)
    passages = chunk_document(document)
    intro = containing(passages, "To compile the project")
    assert intro.text.endswith("```")
    assert [h.name for h in headings(document.text, markdown=True)] == ["Compile"]
    spans = sentence_spans(intro.text)
    assert [intro.text[a:b] for a, b in spans] == ["To compile the project, run make:"]


def test_markdown_table_rows_are_items():
    text = "# T\n\n| Option | Meaning of it |\n|---|---|\n| -v | print more detail here |\n"
    passages = chunk_document(parse_document(text.encode(), "t.md", markdown=True))
    assert [p.text for p in passages] == [
        "| Option | Meaning of it |",
        "| -v | print more detail here |",
    ]


def test_rest_underlined_headings():
    text = (
        "Project Manual\n==============\n\nInstall\n-------\n\n"
        "Run the installer as an administrator.\n\nUsage\n-----\n\n"
        "Start the program from the menu.\n"
    )
    document = parse_document(text.encode(), "manual.rst")
    assert document.title == "Project Manual"
    passages = chunk_document(document)
    assert containing(passages, "installer").section == "Install"
    assert containing(passages, "Start the program").section == "Usage"


# -- files ------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-8-sig"])
def test_utf16_and_utf8_with_a_bom(tmp_path, encoding):
    text = "Caf\u00e9 Notes\n\nThe caf\u00e9 opens at nine every morning.\n"
    raw = text.encode(encoding)
    if encoding == "utf-16-be":
        raw = b"\xfe\xff" + raw
    path = tmp_path / "cafe.txt"
    path.write_bytes(raw)
    document = read_document(path, "cafe.txt")
    assert document.text == text
    assert document.title == "Caf\u00e9 Notes"


def test_broken_symlink_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "ok.txt").write_text("Ok\n\nThis file is fine to read.\n")
    (tmp_path / "gone.txt").symlink_to(tmp_path / "missing.txt")
    report = load_corpus(tmp_path)
    assert list(report.documents) == ["ok.txt"]
    (skipped,) = report.skipped
    assert skipped.path == "gone.txt"
    assert re.search(r"broken symbolic link .*missing\.txt", skipped.reason)


def test_unreadable_file_is_skipped_with_a_reason(tmp_path, monkeypatch):
    (tmp_path / "ok.txt").write_text("Ok\n\nThis file is fine to read.\n")
    (tmp_path / "secret.txt").write_text("Secret\n\nNo one may read this.\n")
    original = Path.read_bytes

    def read_bytes(self: Path) -> bytes:
        if self.name == "secret.txt":
            raise PermissionError(13, "Permission denied", str(self))
        return original(self)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    report = load_corpus(tmp_path)
    assert [(s.path, s.reason) for s in report.skipped] == [
        ("secret.txt", "could not be read: Permission denied")
    ]
