"""Saved indexes: identical answers after a reload, rebuilds on change, clear errors."""

import json
from pathlib import Path

import numpy as np
import pytest

from qa_bot import QABot
from qa_bot.documents.loading import load_path
from qa_bot.errors import IndexFileError
from qa_bot.indexing.engine import Engine
from qa_bot.indexing.store import FORMAT, fingerprint, load, save
from qa_bot.paths import bundled_article

QUESTIONS = (
    "What is fine-tuning?",
    "What are the weaknesses of generative AI?",
    "waht is fine-tunning?",
    "What is the capital of France?",
)


def parts_of(bot: QABot) -> Engine:
    return bot.engine


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    source = bundled_article()
    (folder / "article.txt").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    (folder / "notes.md").write_text("# Notes\n\n## Tea\n\nGreen tea is steeped at 80 degrees.\n")
    return folder


@pytest.fixture
def saved(corpus: Path, tmp_path: Path) -> tuple[QABot, Path, str]:
    bot = QABot.from_path(corpus)
    key = fingerprint(bot.documents)
    directory = tmp_path / "index"
    save(directory, parts_of(bot), key)
    return bot, directory, key


@pytest.mark.parametrize("retriever", ["hybrid", "bm25", "tfidf"])
def test_reloaded_index_answers_identically(saved: tuple[QABot, Path, str], retriever: str) -> None:
    bot, directory, key = saved
    parts = load(directory, bot.documents, key)
    assert list(parts.index.passages) == list(bot.passages)
    for question in QUESTIONS:
        expected = bot.ask(question, retriever=retriever).to_dict()
        terms = bot.parser.analyse(question).terms
        reloaded = parts.retrievers[retriever].top_k(terms, 5)
        built = bot.retrievers[retriever].top_k(terms, 5)
        assert [position for position, _ in reloaded] == [position for position, _ in built]
        assert [score for _, score in reloaded] == pytest.approx([score for _, score in built])
        assert expected["found"] in (True, False)


def test_reloaded_terms_and_frequencies_match(saved: tuple[QABot, Path, str]) -> None:
    bot, directory, key = saved
    parts = load(directory, bot.documents, key)
    assert dict(parts.index.doc_freq) == dict(bot.index.doc_freq)
    assert list(parts.index.passage_terms) == list(bot.index.passage_terms)
    assert parts.named == bot.engine.named


def test_fingerprint_changes_with_content(corpus: Path) -> None:
    before = fingerprint(load_path(corpus))
    (corpus / "notes.md").write_text("# Notes\n\n## Tea\n\nBlack tea is steeped hotter.\n")
    assert fingerprint(load_path(corpus)) != before


def test_fingerprint_ignores_timestamps(corpus: Path) -> None:
    before = fingerprint(load_path(corpus))
    (corpus / "notes.md").touch()
    assert fingerprint(load_path(corpus)) == before


def test_other_documents_are_refused(saved: tuple[QABot, Path, str]) -> None:
    bot, directory, _ = saved
    with pytest.raises(IndexFileError, match="other documents or settings"):
        load(directory, bot.documents, "0" * 32)


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "meta.json").write_text("{not json"), "unreadable index"),
        (lambda d: (d / "meta.json").write_text(json.dumps({"format": "x"})), "not a " + FORMAT),
        (lambda d: (d / "bm25_indices.npy").unlink(), "unreadable index"),
        (lambda d: (d / "bm25_weights.npy").write_bytes(b"garbage"), "unreadable index"),
        (lambda d: np.save(d / "bm25_indptr.npy", np.zeros(3, dtype=np.int64)), "inconsistent"),
        (lambda d: (d / "terms.txt").write_text("llm\nmodel"), "lines, .* expected"),
        (lambda d: (d / "speller.txt").unlink(), "unreadable index"),
    ],
)
def test_damaged_index_is_refused_with_a_clear_error(
    saved: tuple[QABot, Path, str], damage: object, message: str
) -> None:
    bot, directory, key = saved
    damage(directory)  # type: ignore[operator]
    with pytest.raises(IndexFileError, match=message):
        load(directory, bot.documents, key)


def test_saving_replaces_an_older_index(saved: tuple[QABot, Path, str]) -> None:
    bot, directory, key = saved
    save(directory, parts_of(bot), key)
    assert load(directory, bot.documents, key).index.doc_freq == bot.index.doc_freq
    assert not [p for p in directory.parent.iterdir() if p.name.startswith(".qa-bot-")]


def test_from_path_saves_then_reuses_then_rebuilds_on_change(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = QABot.from_path(corpus, cache=cache)
    assert first.index_status.action == "saved"
    second = QABot.from_path(corpus, cache=cache)
    assert second.index_status.action == "loaded"
    for question in QUESTIONS:
        assert second.ask(question).to_dict() == first.ask(question).to_dict()
    (corpus / "notes.md").write_text("# Notes\n\n## Tea\n\nBlack tea is steeped hotter.\n")
    third = QABot.from_path(corpus, cache=cache)
    assert third.index_status.action == "saved"
    assert "Black tea" in third.ask("How hot is black tea steeped?").text


def test_from_path_rebuilds_a_corrupted_cache_with_a_warning(corpus: Path, tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    bot = QABot.from_path(corpus, cache=cache)
    directory = cache / fingerprint(bot.documents)
    (directory / "bm25_weights.npy").write_bytes(b"not an array")
    with pytest.warns(UserWarning, match="unreadable index"):
        again = QABot.from_path(corpus, cache=cache)
    assert again.index_status.action == "rebuilt"
    assert again.ask(QUESTIONS[0]).to_dict() == bot.ask(QUESTIONS[0]).to_dict()
    assert QABot.from_path(corpus, cache=cache).index_status.action == "loaded"


def test_save_and_load_by_path(corpus: Path, tmp_path: Path) -> None:
    bot = QABot.from_path(corpus)
    directory = bot.save(tmp_path / "saved")
    loaded = QABot.load(directory)
    assert loaded.corpus == str(corpus.resolve())
    assert loaded.ask(QUESTIONS[1]).to_dict() == bot.ask(QUESTIONS[1]).to_dict()
    (corpus / "article.txt").write_text("Changed\n\nSomething else entirely.\n")
    with pytest.raises(IndexFileError, match="other documents or settings"):
        QABot.load(directory)


def test_in_memory_bot_needs_its_documents_to_load(tmp_path: Path) -> None:
    documents = load_path(bundled_article())
    bot = QABot(documents)
    directory = bot.save(tmp_path / "saved")
    with pytest.raises(IndexFileError, match="pass the documents"):
        QABot.load(directory)
    assert QABot.load(directory, documents).ask(QUESTIONS[0]).found


def test_cached_index_remembers_its_corpus(corpus: Path, tmp_path: Path) -> None:
    bot = QABot.from_path(corpus, cache=tmp_path / "cache")
    directory = tmp_path / "cache" / fingerprint(bot.documents)
    assert QABot.load(directory).ask(QUESTIONS[0]).to_dict() == bot.ask(QUESTIONS[0]).to_dict()


def test_a_large_corpus_saves_shared_postings_once(tmp_path: Path, monkeypatch) -> None:
    from qa_bot.retrieval import tfidf

    monkeypatch.setattr(tfidf, "CHAR_GRAMS_UP_TO", 10)  # words only, as for a large corpus
    bot = QABot.default()
    directory = bot.save(tmp_path / "index")
    assert not (directory / "tfidf_indices.npy").exists()
    loaded = QABot.load(directory, documents=bot.documents)
    for retriever in ("bm25", "tfidf", "hybrid"):
        question = "How are LLMs fine-tuned?"
        assert loaded.search(question, retriever=retriever) == bot.search(
            question, retriever=retriever
        )
    matrix = loaded.engine.tfidf.matrix
    bm25_indices = loaded.engine.bm25.weights.postings.indices
    assert np.shares_memory(matrix.indices, bm25_indices)  # one copy in memory
