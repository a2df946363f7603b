from __future__ import annotations

import pytest

from qa_bot.documents.structure import SECTION_SEPARATOR, heading_names, parse_blocks, section_path


@pytest.fixture(scope="module")
def article_blocks(article_text):
    return parse_blocks(article_text)


def block_starting(blocks, text, prefix):
    matches = [b for b in blocks if text[b.start : b.end].startswith(prefix)]
    assert len(matches) == 1, f"{len(matches)} blocks start with {prefix!r}"
    return matches[0]


@pytest.mark.parametrize(
    "name",
    [
        "Definitions and Core Concepts",
        "How LLMs Operate",
        "Applications of Generative AI",
        "Strengths and Weaknesses",
        "Weaknesses of LLMs",
        "Weaknesses of Generative AI",
        "User Experience and Interaction",
        "LLMs",
        "Conclusion",
    ],
)
def test_article_headings_are_found(article_text, name):
    assert name in heading_names(article_text)


@pytest.mark.parametrize(
    "line",
    [
        "With PromptLayer, you can:",
        "To understand the difference, we need to define each term:",
        "Both LLMs and Generative AI have their pros and cons:",
        "The different functionalities lead to distinct applications:",
        "In short: LLMs are a subset of Generative AI, specializing in text.",
        # the title (first line) is not a heading either
        "Large Language Models vs. Generative AI: Understanding the Differences",
    ],
)
def test_sentence_like_lines_are_not_headings(article_text, line):
    assert line in article_text
    names = heading_names(article_text)
    assert line not in names
    assert line.rstrip(":") not in names


def test_heading_names_are_in_document_order(article_text):
    names = heading_names(article_text)
    positions = [article_text.index(f"\n{name}") for name in names if name != "LLMs"]
    assert positions == sorted(positions)
    # the ':' of a sub-heading is not part of its name
    assert "How LLMs Operate" in names
    assert not any(name.endswith(":") for name in names)


def test_sub_heading_llms_sits_under_user_experience(article_text, article_blocks):
    block = block_starting(article_blocks, article_text, "Conversational Interfaces:")
    assert block.kind == "item"
    assert block.headings == ("User Experience and Interaction", "LLMs")


def test_sub_heading_sits_under_its_section(article_text, article_blocks):
    block = block_starting(article_blocks, article_text, "Hallucinations:")
    assert block.headings == ("Strengths and Weaknesses", "Weaknesses of LLMs")
    # a new section heading closes the previous sub-section
    conclusion = block_starting(article_blocks, article_text, "LLMs and Generative AI represent")
    assert conclusion.headings == ("Conclusion",)
    assert conclusion.kind == "paragraph"


def test_emoji_bullets_are_items_without_their_marker(article_text, article_blocks):
    items = [b for b in article_blocks if article_text[b.start - 2 : b.start] == "✅ "]
    assert len(items) == 4
    for block in items:
        assert block.kind == "item"
        assert not article_text[block.start : block.end].startswith("✅")
    assert article_text[items[0].start : items[0].end] == (
        "Create and manage prompts through a powerful visual dashboard."
    )


def test_lead_in_line_is_a_paragraph(article_text, article_blocks):
    block = block_starting(article_blocks, article_text, "With PromptLayer, you can:")
    assert block.kind == "paragraph"
    assert article_text[block.start : block.end] == "With PromptLayer, you can:"


def test_block_offsets_are_within_the_text_and_ordered(article_text, article_blocks):
    previous_end = 0
    for block in article_blocks:
        assert previous_end <= block.start < block.end <= len(article_text)
        body = article_text[block.start : block.end]
        assert body == body.strip()
        previous_end = block.end


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("- Dash item.", "Dash item."),
        ("* Star item.", "Star item."),
        ("• Dot item.", "Dot item."),
        ("1. Numbered item.", "Numbered item."),
        ("12) Parenthesised number.", "Parenthesised number."),
        ("✅ Emoji item.", "Emoji item."),
        ("➡️ Arrow emoji with a variation selector.", "Arrow emoji with a variation selector."),
        ("   - Indented item.", "Indented item."),
    ],
)
def test_bullet_markers(line, body):
    text = f"Title\n\n{line}\nA closing paragraph.\n"
    blocks = parse_blocks(text)
    assert blocks[0].kind == "item"
    assert text[blocks[0].start : blocks[0].end] == body
    assert text[blocks[1].start : blocks[1].end] == "A closing paragraph."
    assert blocks[1].kind == "paragraph"


@pytest.mark.parametrize(
    "line",
    ["(Parenthesised) remark here.", '"Quoted" sentence here.', "Plain sentence here."],
)
def test_lines_that_are_not_bullets(line):
    text = f"Title\n\n{line}\n"
    (block,) = parse_blocks(text)
    assert block.kind == "paragraph"
    assert text[block.start : block.end] == line


def test_wrapped_lines_join_one_paragraph():
    text = (
        "Title\n\n"
        "This paragraph was wrapped by an editor\n"
        "so that it continues on a second line\n"
        "and ends on a third.\n"
        "Then a new paragraph starts.\n"
    )
    blocks = parse_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "This paragraph was wrapped by an editor\nso that it continues on a second line\n"
        "and ends on a third.",
        "Then a new paragraph starts.",
    ]
    assert {b.kind for b in blocks} == {"paragraph"}


def test_wrapped_bullet_continues_the_item():
    text = "Title\n\n- An item that wraps\n  onto the next line.\n- Second item.\n"
    blocks = parse_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "An item that wraps\n  onto the next line.",
        "Second item.",
    ]


def test_blank_line_ends_a_paragraph():
    text = "Title\n\nno closing punctuation here\n\nanother paragraph\n"
    blocks = parse_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == [
        "no closing punctuation here",
        "another paragraph",
    ]


MARKDOWN = """# Guide Title

Intro text that wraps
onto a second line.

## Setup

- first item
- second item

### Details

Details paragraph, with a comma: it is not a heading.

## usage notes

Lower-case markdown headings are still headings.

#NoSpace is not a heading.
"""


def test_markdown_headings_give_heading_paths():
    blocks = parse_blocks(MARKDOWN, markdown=True)
    got = [(MARKDOWN[b.start : b.end], b.kind, b.headings) for b in blocks]
    assert got == [
        ("Intro text that wraps\nonto a second line.", "paragraph", ()),
        ("first item", "item", ("Setup",)),
        ("second item", "item", ("Setup",)),
        (
            "Details paragraph, with a comma: it is not a heading.",
            "paragraph",
            ("Setup", "Details"),
        ),
        ("Lower-case markdown headings are still headings.", "paragraph", ("usage notes",)),
        ("#NoSpace is not a heading.", "paragraph", ("usage notes",)),
    ]


def test_markdown_heading_names():
    assert heading_names(MARKDOWN, markdown=True) == ["Setup", "Details", "usage notes"]


def test_markdown_closing_hashes_are_not_part_of_the_name():
    text = "# T\n\n## Section Name ##\n\nBody.\n"
    (block,) = parse_blocks(text, markdown=True)
    assert block.headings == ("Section Name",)


def test_plain_text_ignores_markdown_rules():
    text = "Title\n\nsection in lower case\nBody sentence.\n"
    assert heading_names(text) == []


def test_last_line_is_never_a_heading():
    text = "Title\n\nSome body text.\nLooks Like A Heading\n"
    assert heading_names(text) == []
    blocks = parse_blocks(text)
    assert text[blocks[-1].start : blocks[-1].end] == "Looks Like A Heading"


def test_crlf_offsets():
    text = "Title\r\n\r\nFirst Heading\r\nBody sentence one.\r\n- item one\r\n"
    blocks = parse_blocks(text)
    assert [text[b.start : b.end] for b in blocks] == ["Body sentence one.", "item one"]
    assert all(b.headings == ("First Heading",) for b in blocks)


def test_section_path_joins_with_separator():
    assert section_path(("A", "B")) == f"A{SECTION_SEPARATOR}B"
    assert section_path(()) == ""


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("## Why C#", "Why C#"),  # CommonMark: a closing '#' sequence needs a space before it
        ("## Why C# ##", "Why C#"),
        ("## Issue #42", "Issue #42"),
    ],
)
def test_markdown_heading_keeps_hashes_that_are_content(line, name):
    text = f"# T\n\n{line}\n\nBody.\n"
    (block,) = parse_blocks(text, markdown=True)
    assert block.headings == (name,)
    assert heading_names(text, markdown=True) == [name]
