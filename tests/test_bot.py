from __future__ import annotations

from pathlib import Path

import pytest

from qa_bot import Answer, Passage, QABot
from qa_bot.defaults import DEFAULT_K, MAX_K, MAX_QUESTION_CHARS, RETRIEVERS
from qa_bot.documents.loading import parse_document

ODD_QUESTIONS = [
    "🙂",
    "???",
    "SELECT * FROM users; --",
    "Qu'est-ce qu'un LLM ?",
    "<img src=x onerror=alert(1)>",
    "a" * MAX_QUESTION_CHARS,
    "\u200b\u200bzero width",
    "LLM\x00with NUL",
    "über ﬁne-tuning ΣΊΣΥΦΟΣ",
    "fine-tuning " * 150,
    "-",
    "'",
    "1.5e10 % $ # @",
    "What is fine-tuning?\n\nAnd transformers?",
]


def test_default_bot(bot):
    assert bot.retriever == "hybrid"
    assert bot.k == DEFAULT_K
    assert len(bot.documents) == 1
    assert bot.passages == bot.index.passages
    assert all(isinstance(p, Passage) for p in bot.passages)


@pytest.mark.parametrize("retriever", RETRIEVERS)
@pytest.mark.parametrize("question", ODD_QUESTIONS)
def test_odd_questions_return_an_answer(bot, question, retriever):
    answer = bot.ask(question, retriever=retriever)
    assert isinstance(answer, Answer)
    assert answer.question == question
    assert isinstance(answer.text, str)
    assert answer.text
    for quote in answer.quotes:
        assert bot.documents[quote.source].text[quote.start : quote.end] == quote.text


@pytest.mark.parametrize("question", ["🙂", "???", "-"])
def test_questions_without_words_say_so(bot, question):
    answer = bot.ask(question)
    assert not answer.found
    assert "no words to look up" in answer.text


@pytest.mark.parametrize("retriever", RETRIEVERS)
def test_search_returns_passages_best_first(bot, retriever):
    passages = bot.search("transformer architecture", k=3, retriever=retriever)
    assert 1 <= len(passages) <= 3
    assert passages[0].text.startswith("Transformer Architecture:")
    query, ranking = bot.rank("transformer architecture", k=3, retriever=retriever)
    assert [bot.passages[p] for p, _ in ranking] == passages
    assert [s for _, s in ranking] == sorted((s for _, s in ranking), reverse=True)
    assert "transform" in query.terms


@pytest.mark.parametrize("k", [1, 2, MAX_K])
def test_k_limits_the_ranking(bot, k):
    _, ranking = bot.rank("LLMs generative AI", k=k)
    assert 1 <= len(ranking) <= k
    if k == 1:
        assert len(ranking) == 1


def test_answer_carries_its_ranked_passages(bot):
    answer = bot.ask("What is fine-tuning?", k=4, retriever="bm25")
    passages = answer.ranked
    assert answer.found
    assert answer.retriever == "bm25"
    assert len(passages) <= 4
    assert passages[0].text.startswith("Fine-Tuning:")
    assert answer.citations[0].start == passages[0].start


def test_bot_settings_from_constructor(bot):
    strict = QABot(bot.documents, retriever="tfidf", k=2)
    assert strict.retriever == "tfidf"
    assert strict.ask("What is fine-tuning?").retriever == "tfidf"
    assert len(strict.search("LLMs")) <= 2


def test_from_path_folder(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "cats.txt").write_text(
        "Cats\n\nCats purr when they are content.\n", encoding="utf-8"
    )
    (tmp_path / "sub" / "dogs.md").write_text(
        "# Dogs\n\n## Sounds\n\nDogs bark at strangers.\n", encoding="utf-8"
    )
    folder_bot = QABot.from_path(tmp_path, retriever="bm25", k=3)
    assert sorted(folder_bot.documents) == ["cats.txt", "sub/dogs.md"]
    answer = folder_bot.ask("Why do dogs bark?")
    assert answer.found
    assert answer.citations[0].source == "sub/dogs.md"
    assert answer.citations[0].section == "Sounds"
    assert answer.quotes[0].text == "Dogs bark at strangers."


# --- errors ---------------------------------------------------------------------------------


@pytest.mark.parametrize("question", ["", " ", "\n\t  "])
def test_empty_question(bot, question):
    with pytest.raises(ValueError, match="empty"):
        bot.ask(question)


@pytest.mark.parametrize("question", [None, 42, b"What is fine-tuning?", ["What?"]])
def test_non_string_question(bot, question):
    with pytest.raises(TypeError, match="question must be a string"):
        bot.ask(question)


def test_question_over_the_limit(bot):
    with pytest.raises(ValueError, match=str(MAX_QUESTION_CHARS)):
        bot.ask("a" * (MAX_QUESTION_CHARS + 1))
    bot.ask("a" * MAX_QUESTION_CHARS)  # at the limit is fine


@pytest.mark.parametrize(
    ("k", "error", "match"),
    [
        (0, ValueError, "between 1 and"),
        (-1, ValueError, "between 1 and"),
        (MAX_K + 1, ValueError, str(MAX_K)),
        ("3", TypeError, "k must be an integer"),
        (True, TypeError, "k must be an integer"),
        (2.0, TypeError, "k must be an integer"),
    ],
)
def test_bad_k(bot, k, error, match):
    with pytest.raises(error, match=match):
        bot.ask("What is fine-tuning?", k=k)
    with pytest.raises(error, match=match):
        bot.search("transformer", k=k)
    with pytest.raises(error, match=match):
        QABot(bot.documents, k=k)


@pytest.mark.parametrize("retriever", ["dense", "BM25", "", 1])
def test_unknown_retriever_lists_allowed(bot, retriever):
    with pytest.raises(ValueError, match="allowed: hybrid, bm25, tfidf"):
        bot.ask("What is fine-tuning?", retriever=retriever)
    with pytest.raises(ValueError, match="allowed"):
        QABot(bot.documents, retriever=retriever)


@pytest.mark.parametrize(
    "history",
    ["What are the strengths of LLMs?", {"q": "x"}, 5, iter(["What is PromptLayer?"])],
)
def test_history_must_be_a_list(bot, history):
    with pytest.raises(TypeError, match="history"):
        bot.ask("And their weaknesses?", history=history)


@pytest.mark.parametrize("history", [["ok", None], [1], [b"bytes"], [["nested"]]])
def test_history_items_must_be_strings(bot, history):
    with pytest.raises(TypeError, match="history items must be strings"):
        bot.ask("And their weaknesses?", history=history)


def test_history_tuple_is_accepted(bot):
    answer = bot.ask("And their weaknesses?", history=("What are the strengths of LLMs?",))
    assert answer.found


def test_from_path_missing(tmp_path):
    missing = tmp_path / "missing.txt"
    with pytest.raises(FileNotFoundError, match=r"missing\.txt"):
        QABot.from_path(missing)


def test_from_path_empty_folder(tmp_path):
    with pytest.raises(ValueError, match="empty"):
        QABot.from_path(tmp_path)


def test_from_path_wrong_type():
    with pytest.raises(TypeError, match="path must be a str or Path"):
        QABot.from_path(3)


def test_no_documents():
    with pytest.raises(ValueError, match="at least one document"):
        QABot({})


def test_document_with_only_a_title_does_not_crash():
    only_title = {"t.txt": parse_document(b"Just a title line\n", "t.txt")}
    tiny = QABot(only_title)
    for retriever in RETRIEVERS:
        answer = tiny.ask("What is this?", retriever=retriever)
        assert not answer.found


def test_bundled_article_path_exists():
    from qa_bot.paths import bundled_article

    assert Path(bundled_article()).is_file()


def test_old_corpus_module_still_loads_with_a_deprecation_warning():
    import importlib
    import sys

    sys.modules.pop("qa_bot.corpus", None)
    with pytest.warns(DeprecationWarning, match="qa_bot.documents"):
        corpus = importlib.import_module("qa_bot.corpus")
    from qa_bot.documents import load_corpus

    assert corpus.load_corpus is load_corpus
