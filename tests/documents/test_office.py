"""Issue 11: PDF (pypdf) and Word (python-docx) files, made here with fpdf2 and python-docx."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from qa_bot import QABot
from qa_bot.documents.chunking import chunk_document
from qa_bot.documents.loading import DocumentError, load_corpus, read_document
from qa_bot.documents.structure import headings

fpdf = pytest.importorskip("fpdf")
docx = pytest.importorskip("docx")

PAGES = [
    ("Safety", ["Always unplug the press before cleaning the rollers.", "Wear gloves."]),
    (
        "Cleaning",
        [
            "Wipe the rollers with a damp cloth once a week.",
            "The proce-",
            "dure takes ten minutes.",
        ],
    ),
    ("Storage", ["Store the press in a dry room below thirty degrees."]),
]


def make_pdf(path: Path, *, outline: bool = True, text: bool = True) -> Path:
    pdf = fpdf.FPDF()
    pdf.set_title("Lumen Press Manual")
    pdf.set_auto_page_break(False)
    pdf.set_font("helvetica", size=11)
    for number, (heading, lines) in enumerate(PAGES, start=1):
        pdf.add_page()
        if not text:
            pdf.rect(20, 20, 50, 50)
            continue
        pdf.cell(0, 8, "Lumen Press Manual - internal", new_x="LMARGIN", new_y="NEXT")
        if outline:
            pdf.start_section(heading)
        pdf.set_font("helvetica", size=16)
        pdf.cell(0, 10, heading, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("helvetica", size=11)
        for line in lines:
            pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
        pdf.set_y(-20)
        pdf.cell(0, 8, f"Page {number} of {len(PAGES)}")
    pdf.output(str(path))
    return path


def test_pdf_text_pages_outline_headings_and_no_running_lines(tmp_path):
    document = read_document(make_pdf(tmp_path / "press.pdf"), "press.pdf")
    assert document.title == "Lumen Press Manual"
    assert [h.name for h in headings(document.text, markdown=True)] == [
        "Safety",
        "Cleaning",
        "Storage",
    ]
    assert "Lumen Press Manual - internal" not in document.text
    assert "Page 2 of 3" not in document.text
    assert "The procedure takes ten minutes." in document.text
    assert len(document.pages) == 3
    passages = chunk_document(document)
    by_text = {p.text.split("\n")[0]: p for p in passages}
    wipe = by_text["Wipe the rollers with a damp cloth once a week."]
    assert (wipe.section, wipe.page, wipe.where) == ("Cleaning", 2, "press.pdf, p. 2")
    assert wipe.to_dict()["page"] == 2
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text


def test_pdf_answer_cites_the_page(tmp_path):
    make_pdf(tmp_path / "press.pdf")
    (tmp_path / "other.txt").write_text("Other\n\nNotes about something else entirely.\n")
    bot = QABot.from_path(tmp_path)
    answer = bot.ask("Where should the press be stored?")
    assert answer.found
    best = answer.citations[0]
    assert (best.source, best.page) == ("press.pdf", 3)
    assert bot.documents["press.pdf"].text[best.start : best.end] == best.text


def test_scanned_pdf_without_text_is_skipped_with_that_reason(tmp_path):
    make_pdf(tmp_path / "scan.pdf", text=False)
    (tmp_path / "ok.txt").write_text("Ok\n\nThis file is fine to read.\n")
    (skipped,) = load_corpus(tmp_path).skipped
    assert skipped.path == "scan.pdf"
    assert "no text layer" in skipped.reason


@pytest.mark.parametrize(("suffix", "module"), [(".pdf", "pypdf"), (".docx", "docx")])
def test_without_the_office_extra_the_skip_note_names_it(tmp_path, monkeypatch, suffix, module):
    monkeypatch.setitem(sys.modules, module, None)
    for name in ("qa_bot.documents.pdf", "qa_bot.documents.word"):
        monkeypatch.delitem(sys.modules, name, raising=False)
    path = tmp_path / f"file{suffix}"
    path.write_bytes(b"not really")
    with pytest.raises(DocumentError, match=r"office extra.*qa-bot\[office\]"):
        read_document(path, path.name)


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.core_properties.title = ""
    document.add_paragraph("Travel Booking", style="Title")
    document.add_paragraph("Before You Book", style="Heading 1")
    document.add_paragraph("Ask your manager to approve every trip in writing.")
    document.add_paragraph("Compare at least three fares online.", style="List Bullet")
    document.add_paragraph("Book refundable hotel rooms only.", style="List Bullet")
    document.add_paragraph("Allowances", style="Heading 1")
    table = document.add_table(rows=2, cols=2)
    for row, cells in zip(
        table.rows, [("City", "Daily meal allowance"), ("Oslo", "60 euros a day")], strict=True
    ):
        for cell, value in zip(row.cells, cells, strict=True):
            cell.text = value
    document.save(str(path))
    return path


def test_docx_headings_lists_and_tables(tmp_path):
    document = read_document(make_docx(tmp_path / "travel.docx"), "travel.docx")
    assert document.title == "Travel Booking"
    assert [h.name for h in headings(document.text, markdown=True)] == [
        "Before You Book",
        "Allowances",
    ]
    passages = chunk_document(document)
    texts = {p.text: p for p in passages}
    assert texts["Compare at least three fares online."].section == "Before You Book"
    assert texts["Book refundable hotel rooms only."].lead == ""
    row = next(p for p in passages if "Oslo" in p.text)
    assert row.section == "Allowances"
    assert "60 euros a day" in row.text
    for passage in passages:
        assert document.text[passage.start : passage.end] == passage.text


def test_pdf_citation_names_the_page(tmp_path):
    make_pdf(tmp_path / "press.pdf")
    (tmp_path / "other.txt").write_text("Other\n\nNotes about something else entirely.\n")
    answer = QABot.from_path(tmp_path).ask("Where should the press be stored?")
    assert "(press.pdf, p. 3, chars " in str(answer)
