from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot.documents.chunking import Passage, chunk_document
from qa_bot.documents.html import extract_html
from qa_bot.documents.loading import Document, load_path, parse_html

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Widget Guide &ndash; Acme</title>
  <style>body { font-family: sans-serif; } .hidden { display: none }</style>
  <script>var secret = "alert"; if (a < b && c > d) { document.write("</p>"); }</script>
</head>
<body>
  <h1>Widget Guide</h1>
  <p>The widget is a <b>small</b>
     device that hums &amp; glows.</p>
  <h2>Setup</h2>
  <p>Unpack the widget and place it on a flat surface.</p>
  <p>You will need:</p>
  <ul>
    <li>A screwdriver &lt;size 2&gt;.</li>
    <li>Two AA batteries.</li>
  </ul>
  <h2>Care &amp; Cleaning</h2>
  <h3>Daily</h3>
  <p>Wipe the widget with a dry cloth.<br>Never use water.</p>
  <noscript><p>Please enable JavaScript.</p></noscript>
  <template><p>Template text.</p></template>
  <table><tr><th>Model</th><th>Price</th></tr><tr><td>W-1</td><td>&euro;10</td></tr></table>
</body>
</html>
"""


def html_doc(markup: str, source: str = "page.html") -> Document:
    return parse_html(markup.encode("utf-8"), source)


def one(passages: list[Passage], prefix: str) -> Passage:
    found = [p for p in passages if p.text.startswith(prefix)]
    assert len(found) == 1, f"{len(found)} passages start with {prefix!r}: {passages}"
    return found[0]


@pytest.fixture(scope="module")
def page() -> Document:
    return html_doc(PAGE)


@pytest.fixture(scope="module")
def passages(page: Document) -> list[Passage]:
    return chunk_document(page)


def test_page_text_is_markdown_of_the_visible_text(page):
    assert page.format == "markdown"
    assert page.title == "Widget Guide – Acme"
    assert page.text.startswith("# Widget Guide – Acme\n")
    assert "## Setup\n" in page.text
    assert "## Care & Cleaning\n" in page.text
    assert "### Daily\n" in page.text
    assert "- A screwdriver <size 2>.\n- Two AA batteries.\n" in page.text


@pytest.mark.parametrize(
    "invisible",
    ["font-family", "display", "secret", "alert", "document.write", "JavaScript", "Template"],
)
def test_scripts_styles_and_invisible_elements_are_dropped(page, invisible):
    assert invisible not in page.text


def test_markup_never_reaches_the_text(page):
    for fragment in ("<b>", "<p>", "&amp;", "&ndash;", "&lt;", "<!DOCTYPE", "charset"):
        assert fragment not in page.text


def test_entities_are_decoded_and_whitespace_collapsed(passages):
    assert one(passages, "The widget").text == "The widget is a small device that hums & glows."
    assert one(passages, "A screwdriver").text == "A screwdriver <size 2>."


def test_headings_become_sections(passages):
    assert one(passages, "Unpack the widget").section == "Setup"
    assert one(passages, "Wipe the widget").section == "Care & Cleaning › Daily"
    # the <h1> that repeats the title is the title line, not a section
    assert one(passages, "The widget is").section == ""


def test_list_items_are_passages_with_their_lead(passages):
    item = one(passages, "Two AA batteries")
    assert item.text == "Two AA batteries."
    assert item.section == "Setup"
    assert item.lead == "You will need:"


def test_br_is_a_paragraph_break(passages):
    assert one(passages, "Wipe the widget").text == "Wipe the widget with a dry cloth."
    assert one(passages, "Never use water").text == "Never use water."


def test_table_rows_are_lines_with_cells_separated(passages):
    # issue 11: a table's rows are lines of one block (a lone short row is no passage)
    assert one(passages, "Model").text == "Model | Price\nW-1 | €10"


def test_every_passage_indexes_the_extracted_text(page, passages):
    assert passages
    for passage in passages:
        assert page.text[passage.start : passage.end] == passage.text
        assert passage.source == "page.html"
        assert passage.title == page.title


@pytest.mark.parametrize(
    "markup",
    [
        "<p>Hello</p><script>alert(1)</script>",
        "<p>Hello <script>alert(1)</script>world</p>",
        "<script>alert(1)",  # never closed
        "<p>Hello</p><script type='module'>if (1 < 2) alert(1)</script>",
        "<p>Hello</p><script src='x.js'/>alert(1)</script><p>after</p>",
        "<p>Hello</p><SCRIPT>alert(1)</SCRIPT>",
        "<p>Hello</p><noscript><script>alert(1)</script>alert(1)</noscript>",
        "<p>Hello</p><svg><script>alert(1)</script><text>alert</text></svg>",
    ],
)
def test_script_content_never_reaches_the_text(markup):
    text = extract_html(markup, default_title="t").text
    assert "alert" not in text
    assert "Hello" in text or not text


def test_title_falls_back_to_the_first_h1_then_the_file_name():
    doc = html_doc("<p>Intro.</p><h1>Main Heading</h1><h2>Part</h2><p>Body.</p>")
    assert doc.title == "Main Heading"
    assert doc.text.splitlines()[0] == "# Main Heading"
    passages = chunk_document(doc)
    assert one(passages, "Intro").section == ""
    assert one(passages, "Body").section == "Part"
    untitled = html_doc("<p>Just text.</p>", source="docs/notes.htm")
    assert untitled.title == "notes"
    assert [p.text for p in chunk_document(untitled)] == ["Just text."]


def test_an_h1_different_from_the_title_is_a_section():
    doc = html_doc("<title>Acme Docs</title><h1>Installing</h1><h2>Linux</h2><p>Run it.</p>")
    assert doc.title == "Acme Docs"
    assert one(chunk_document(doc), "Run it").section == "Installing › Linux"


def test_title_inside_svg_is_not_the_page_title():
    doc = html_doc("<svg><title>icon</title></svg><h1>Real</h1><p>Body.</p>")
    assert doc.title == "Real"
    assert "icon" not in doc.text


def test_unclosed_head_ends_at_the_body():
    doc = html_doc("<html><head><title>T</title><p>Visible paragraph.</p>")
    assert doc.title == "T"
    assert "Visible paragraph." in doc.text


def test_nested_lists_are_indented_items():
    doc = html_doc("<ul><li>Fruit<ul><li>Apple</li><li>Pear</li></ul></li><li>Bread</ul>")
    assert "- Fruit\n  - Apple\n  - Pear\n- Bread" in doc.text
    # issue 11: one-word items are fragments, joined into one passage of their section
    assert [p.text for p in chunk_document(doc)] == ["Fruit\n  - Apple\n  - Pear\n- Bread"]


def test_nested_list_items_of_a_few_words_stay_items():
    doc = html_doc(
        "<ul><li>Fresh fruit salad<ul><li>Ripe green apples</li><li>Soft yellow pears</li>"
        "</ul></li><li>Warm brown bread</ul>"
    )
    assert [p.text for p in chunk_document(doc)] == [
        "Fresh fruit salad",
        "Ripe green apples",
        "Soft yellow pears",
        "Warm brown bread",
    ]


def test_paragraph_that_looks_like_a_heading_is_not_one():
    doc = html_doc("<h2>Tags</h2><p># not a heading</p>")
    (passage,) = chunk_document(doc)
    assert passage.section == "Tags"
    assert "not a heading" in passage.text


def test_heading_name_ending_in_a_hash_is_kept():
    doc = html_doc("<title>Languages</title><h2>C#</h2><p>A language.</p>")
    assert one(chunk_document(doc), "A language").section == "C#"


def test_page_without_visible_text_is_empty():
    with pytest.raises(ValueError, match=r"'blank\.html' is empty"):
        html_doc("<head><title>Only a title</title></head><body><!-- c --></body>", "blank.html")


def test_html_files_load_from_disk(tmp_path: Path):
    (tmp_path / "a.html").write_text("<h1>A</h1><p>Alpha text.</p>", encoding="utf-8")
    (tmp_path / "b.HTM").write_text("<h1>B</h1><p>Beta text.</p>", encoding="utf-8")
    docs = load_path(tmp_path)
    assert sorted(docs) == ["a.html", "b.HTM"]
    assert docs["a.html"].title == "A"
    assert docs["a.html"].text == "# A\n\nAlpha text.\n"
