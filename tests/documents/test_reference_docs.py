"""Issue 11, round two: reference documentation as people have it — pydoc text and HTML,
`--help` output — cut into passages a reader would cite (fixtures in tests/data/formats,
excerpts of the docs-folder benchmark)."""

from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.documents.chunking import chunk_document, item_label, letter_words
from qa_bot.documents.loading import parse_document, parse_html, read_document
from qa_bot.documents.structure import heading_names

FORMATS = Path(__file__).parents[1] / "data" / "formats"


def passages_of(name: str):
    document = read_document(FORMATS / name, name)
    return document, chunk_document(document)


def containing(passages, fragment: str):
    found = [p for p in passages if fragment in p.text]
    assert len(found) == 1, f"{len(found)} passages hold {fragment!r}"
    return found[0]


# -- pydoc text -------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("signature", "name", "description"),
    [
        ("abspath(path)", "abspath", "Return an absolute path."),
        ("basename(p)", "basename", "Returns the final component of a pathname"),
        ("splitext(p)", "splitext", "Split the extension from a pathname."),
    ],
)
def test_one_argument_signature_is_not_a_man_page_header(signature, name, description):
    _, passages = passages_of("os.path.pydoc.txt")
    entry = containing(passages, description)
    assert entry.text.startswith(signature)
    assert entry.label == name
    assert entry.section == "FUNCTIONS"


def test_pydoc_title_is_the_module_name_line():
    document, passages = passages_of("os.path.pydoc.txt")
    assert document.title == "posixpath - Common operations on Posix pathnames."
    assert not [p for p in passages if "Python Library Documentation" in p.text]


@pytest.mark.parametrize("fragment", ["1.0", "(built-in)"])
def test_a_section_of_one_fragment_joins_a_neighbour(fragment):
    document, passages = passages_of("os.path.pydoc.txt")
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text
        assert letter_words(passage.text) >= 3, passage.text
    assert containing(passages, fragment)


def test_a_one_line_document_keeps_its_short_passage():
    passages = chunk_document(parse_document(b"hello world\n", "hello.txt"))
    assert [p.text for p in passages] == ["hello world"]


def test_the_parts_of_a_long_entry_keep_its_name():
    words = " ".join(f"word{i}" for i in range(40))
    text = (
        "Python Library Documentation: module demo\n\n"
        "FUNCTIONS\n"
        "    copytree(src, dst, symlinks=False)\n"
        "        Recursively copy a directory tree.\n"
        f"        First {words}.\n"
        f"        Second {words}.\n"
        f"        Third {words}.\n"
        f"        Fourth {words}.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "demo.txt"))
    assert len(passages) > 1
    assert passages[0].label == "copytree"
    assert passages[0].section == "FUNCTIONS"
    for later in passages[1:]:
        assert later.section == "FUNCTIONS › copytree"
        assert later.label == "copytree"


@pytest.mark.parametrize(
    "text",
    [
        "Notice that this has no effect on\n    platforms that don't support it.",
        "Returned value is a named tuple with attributes 'total', 'used' and\n    'free'.",
    ],
)
def test_a_wrapped_sentence_is_no_term(text):
    assert item_label(text) == ""


# -- --help output ----------------------------------------------------------------------
def test_argparse_groups_are_sections_and_options_entries():
    document, passages = passages_of("http.server.help.txt")
    assert heading_names(document.text)[:2] == ["positional arguments", "options"]
    port = containing(passages, "bind to this port (default: 8000)")
    assert port.section == "positional arguments"
    assert port.label == "port"
    directory = containing(passages, "serve this directory (default: current directory)")
    assert directory.text.startswith("-d DIRECTORY, --directory DIRECTORY")
    assert directory.section == "options"
    assert containing(passages, "run as CGI server").label == "--cgi"


@pytest.mark.parametrize("name", ["http.server.help.txt", "timeit.help.txt"])
def test_a_command_line_over_its_output_is_no_title(name):
    document, passages = passages_of(name)
    assert document.title == Path(name).stem  # the file name, as for any untitled text
    assert passages[0].text.startswith("python3 -m ")  # after the prompt, as a bullet


def test_an_option_whose_description_ends_a_sentence_keeps_its_wrapped_line():
    _, passages = passages_of("timeit.help.txt")
    setup = containing(passages, "statement to be executed once initially")
    assert setup.text.endswith("Execution time of this setup statement is NOT timed.")
    assert setup.label == "-s/--setup S"


# -- pydoc HTML -------------------------------------------------------------------------
def test_pydoc_html_section_titles_are_headings():
    document, passages = passages_of("filecmp.pydoc.html")
    names = heading_names(document.text, markdown=True)
    assert names[:2] == ["Modules", "Classes"]
    assert "Functions" in names
    cmp = containing(passages, "Compare two files.")
    assert cmp.text.startswith("cmp(f1, f2, shallow=True)")
    assert cmp.label == "cmp"
    assert cmp.section == "Functions"


def test_pydoc_html_index_tables_of_links_are_not_passages():
    _, passages = passages_of("filecmp.pydoc.html")
    for passage in passages:
        assert "filecmp | index" not in passage.text
        assert not passage.text.startswith("os\nstat"), passage.text
    assert all(letter_words(p.text) >= 3 for p in passages), [
        p.text for p in passages if letter_words(p.text) < 3
    ]


def test_an_interactive_example_stays_with_the_line_introducing_it():
    text = (
        "Python Library Documentation: module demo\n\n"
        "CLASSES\n"
        "    class Path(builtins.object)\n"
        "     |  A pathlib-compatible interface for zip files.\n"
        "     |  \n"
        "     |  Read text:\n"
        "     |  \n"
        "     |  >>> c.read_text()\n"
        "     |  'content of c'\n"
        "     |  \n"
        "     |  existence:\n"
        "     |  \n"
        "     |  >>> c.exists()\n"
        "     |  True\n"
    )
    document = parse_document(text.encode(), "demo.txt")
    passages = chunk_document(document)
    example = containing(passages, "'content of c'")
    assert example.text.startswith("Read text:")
    assert "c.read_text()" in example.text
    assert not [p for p in passages if p.text.startswith((">>>", "'content"))]


def test_an_option_over_a_wrapped_description_is_labelled_by_the_option():
    text = (
        "options:\n"
        "  -r, --report          Generate a report from a counts file; does not execute\n"
        "                        any code. --file must specify the results file.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "trace-help.txt"))
    assert containing(passages, "Generate a report").label == "-r, --report"


def test_a_wrapped_sentence_going_on_with_an_option_name_is_not_an_entry():
    text = (
        "Initial commands are read from .pdbrc files in your home directory\n"
        "and in the current directory, if they exist.  Commands supplied with\n"
        "-c are executed after commands from .pdbrc files.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "pdb-help.txt"))
    assert containing(passages, "-c are executed").text.startswith("Initial commands")


def test_a_signature_without_a_description_joins_the_next_entry():
    text = (
        "Python Library Documentation: module demo\n\n"
        "FUNCTIONS\n"
        "    unregister_archive_format(name)\n"
        "    \n"
        "    unregister_unpack_format(name)\n"
        "        Removes the pack format from the registry.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "demo.txt"))
    assert [p.text.split("\n")[0] for p in passages] == ["unregister_archive_format(name)"]
    assert passages[0].text.endswith("Removes the pack format from the registry.")


def test_lines_broken_with_br_wrap_into_one_paragraph():
    markup = (
        "<html><head><title>Python: package json</title></head><body>"
        '<p><span class="code">JSON (JavaScript Object Notation) is a subset of<br>\n'
        "JavaScript syntax used as a lightweight data<br>\ninterchange format.<br>\n <br>\n"
        "It is derived from a version of simplejson.</span></p></body></html>"
    )
    document = parse_html(markup.encode(), "json.html")
    passages = chunk_document(document)
    assert [p.text for p in passages] == [
        "JSON (JavaScript Object Notation) is a subset of\n"
        "JavaScript syntax used as a lightweight data\ninterchange format.",
        "It is derived from a version of simplejson.",
    ]


def test_an_interactive_example_in_a_page_stays_with_its_intro():
    markup = (
        "<html><head><title>Python: package json</title></head><body>"
        '<p><span class="code">Encoding basic Python object hierarchies::<br>\n <br>\n'
        "&gt;&gt;&gt; import json<br>\n&gt;&gt;&gt; json.dumps(['foo', {'bar': 1}])<br>\n"
        '\'["foo", {"bar": 1}]\'</span></p></body></html>'
    )
    passages = chunk_document(parse_html(markup.encode(), "json.html"))
    assert len(passages) == 1
    assert passages[0].text.startswith("Encoding basic Python object hierarchies::")
    assert passages[0].text.endswith('\'["foo", {"bar": 1}]\'')


# -- man pages --------------------------------------------------------------------------
def test_a_line_ending_in_a_bracket_does_not_end_a_sentence():
    text = (
        "DESCRIPTION\n"
        "       snapkeep.conf is an INI-style file made of sections. The [global]\n"
        "       section holds settings for the whole repository, and each [source NAME]\n"
        "       section describes one directory to back up.\n"
    )
    passages = chunk_document(parse_document(text.encode(), "snapkeep.conf.5.txt"))
    assert len(passages) == 1


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("compression = zstd | gzip | none\n       How contents are compressed.", None),
        ("exclude = PATTERN...\n       Shell wildcards for files not backed up.", None),
    ],
)
def test_a_setting_over_its_description_is_labelled_by_the_setting(text, label):
    assert item_label(text) == (label or text.split("\n")[0])


def test_a_see_also_list_of_pages_is_no_signature():
    text = (
        "EXAMPLES\n"
        "       A crontab line that mirrors data every 15 minutes.\n\n"
        "SEE ALSO\n"
        "       cron(8), crontab(5), snapkeep(8)\n"
    )
    passages = chunk_document(parse_document(text.encode(), "cronwrap.1.txt"))
    assert containing(passages, "crontab(5)").section == "SEE ALSO"
