from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from click.testing import CliRunner

from qa_bot.cli import main

COMMANDS = sorted(main.commands)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def run(runner: CliRunner, *args: str, input: str | None = None):
    return runner.invoke(main, list(args), input=input)


def assert_one_line_error(result, *fragments: str):
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit), result.exception
    errors = [line for line in result.output.splitlines() if line.startswith("Error")]
    assert len(errors) == 1, result.output
    for fragment in fragments:
        assert fragment in errors[0]
    return errors[0]


def test_ask_prints_cited_answer(runner):
    result = run(runner, "ask", "What is fine-tuning?")
    assert result.exit_code == 0, result.output
    assert '"fine-tuned" on smaller, more specific datasets' in result.output
    assert "[1]" in result.output
    assert "How LLMs Operate" in result.output
    assert "llm-vs-generative-ai.txt, chars" in result.output


def test_ask_json(runner):
    result = run(runner, "ask", "What is fine-tuning?", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert {"text", "found", "citations", "quotes", "query"} <= set(data)
    assert data["found"] is True
    assert data["citations"][0]["number"] == 1
    assert data["quotes"][0]["citation"] == 1
    assert data["query"] == "What is fine-tuning?"


def test_ask_json_refusal(runner):
    result = run(runner, "ask", "What is the capital of France?", "--json")
    assert result.exit_code == 0
    data = json.loads(result.output)
    assert data["found"] is False
    assert data["citations"] == []
    assert data["related"]


def test_ask_with_retriever_and_k(runner):
    result = run(runner, "ask", "What is fine-tuning?", "--retriever", "bm25", "--k", "3", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["retriever"] == "bm25"
    assert data["found"] is True
    assert len(data["citations"]) + len(data["related"]) <= 3


def test_ask_refusal_text(runner):
    result = run(runner, "ask", "What is the capital of France?")
    assert result.exit_code == 0
    assert "does not cover" in result.output
    assert "Related reading (not an answer)" in result.output


SEARCH_LINE = re.compile(r"^(\d+)\. bm25 (\d+\.\d\d)  covers (\d+)% \((strong|partial|weak)\)  ")


def _ranked(output: str) -> list[tuple[int, float, int, str]]:
    found = [SEARCH_LINE.match(line) for line in output.splitlines()]
    return [(int(m[1]), float(m[2]), int(m[3]), m[4]) for m in found if m]


def test_search_lists_ranked_passages_with_scores(runner):
    # the shown score is raw BM25 (bm25 ranks by it, so it falls down the list)
    result = run(runner, "search", "transformer", "--k", "3", "--retriever", "bm25")
    assert result.exit_code == 0, result.output
    ranked = _ranked(result.output)
    assert 1 <= len(ranked) <= 3
    assert [r[0] for r in ranked] == list(range(1, len(ranked) + 1))
    scores = [r[1] for r in ranked]
    assert scores == sorted(scores, reverse=True)
    assert all(s > 0 for s in scores)
    assert "Transformer Architecture:" in result.output


@pytest.mark.parametrize(
    ("query", "cue"),
    [("transformer architecture", "strong"), ("who won the world cup", "weak")],
)
def test_search_scores_are_comparable_across_queries(runner, query, cue):
    """The top hit of an off-topic query no longer reads 1.0000 like a relevant one."""
    result = run(runner, "search", query, "--k", "2")
    assert result.exit_code == 0, result.output
    top = _ranked(result.output)[0]
    assert top[3] == cue
    assert (top[2] >= 45) is (cue == "strong")
    assert "1.0000" not in result.output


def test_search_json_has_raw_score_and_coverage(runner):
    rows = json.loads(run(runner, "search", "who won the world cup", "--json").output)
    assert all(0 <= r["coverage"] <= 1 and r["bm25"] >= 0 for r in rows)
    assert rows[0]["cue"] == "weak"


def test_search_json(runner):
    result = run(runner, "search", "transformer", "--json", "--retriever", "tfidf")
    assert result.exit_code == 0
    rows = json.loads(result.output)
    assert [r["rank"] for r in rows] == list(range(1, len(rows) + 1))
    assert rows[0]["text"].startswith("Transformer Architecture:")
    assert all(rows[i]["score"] >= rows[i + 1]["score"] for i in range(len(rows) - 1))


def test_search_without_matches(runner):
    result = run(runner, "search", "zorbleflax", "--retriever", "bm25")
    assert result.exit_code == 0
    assert "No passage matches 'zorbleflax'" in result.output


def test_interactive_ask_keeps_the_conversation(runner):
    result = run(
        runner,
        "ask",
        input="What are the strengths of LLMs?\nAnd their weaknesses?\nexit\n",
    )
    assert result.exit_code == 0, result.output
    assert "understood as" in result.output
    assert "And their weaknesses? (LLMs)" in result.output
    assert "Weaknesses of LLMs" in result.output
    assert "Traceback" not in result.output


def test_interactive_new_forgets_and_eof_quits(runner):
    result = run(
        runner, "ask", input="What are the strengths of LLMs?\nnew\nAnd their weaknesses?\n"
    )
    assert result.exit_code == 0, result.output
    assert "understood as" not in result.output


def test_interactive_error_does_not_stop_the_chat(runner):
    long = "a" * 2001
    result = run(runner, "ask", input=f"{long}\nWhat is fine-tuning?\nquit\n")
    assert result.exit_code == 0
    assert "Error: question is 2001 characters long" in result.output
    assert "[1]" in result.output


@pytest.mark.parametrize("question", ["", "   "])
def test_empty_question_is_an_error(runner, question):
    result = run(runner, "ask", question)
    assert_one_line_error(result, "empty")
    assert result.exit_code == 1


def test_missing_corpus_is_an_error(runner):
    result = run(runner, "ask", "What?", "--corpus", "/nonexistent")
    assert_one_line_error(result, "/nonexistent")
    assert result.exit_code == 1


def test_empty_corpus_folder_is_an_error(runner, tmp_path):
    result = run(runner, "search", "x", "--corpus", str(tmp_path))
    assert_one_line_error(result, "empty")


def test_binary_corpus_file_is_an_error(runner, tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"\x00\x01")
    result = run(runner, "ask", "What?", "--corpus", str(path))
    assert_one_line_error(result, "bad.txt")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["ask", "What?", "--k", "0"], "--k"),
        (["ask", "What?", "--k", "101"], "--k"),
        (["search", "x", "--k", "three"], "--k"),
        (["ask", "What?", "--retriever", "dense"], "dense"),
        (["search", "x", "--retriever", "dense"], "dense"),
    ],
)
def test_bad_options_are_errors(runner, args, fragment):
    result = run(runner, *args)
    line = assert_one_line_error(result, fragment)
    assert result.exit_code == 2
    if "retriever" in args:
        for name in ("hybrid", "bm25", "tfidf"):
            assert name in line


def test_corpus_option_folder(runner, tmp_path):
    (tmp_path / "cats.md").write_text("# Cats\n\nCats purr when content.\n", encoding="utf-8")
    result = run(runner, "ask", "Why do cats purr?", "--corpus", str(tmp_path), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)  # the load report goes to stderr
    assert data["found"] is True
    assert data["citations"][0]["source"] == "cats.md"
    assert result.stderr.splitlines() == ["indexed 1 file (1 passage)"]


def folder_with_a_bad_file(folder):
    (folder / "cats.md").write_text("# Cats\n\nCats purr when content.\n", encoding="utf-8")
    (folder / "notes").mkdir()
    (folder / "notes" / "dogs.html").write_text(
        "<title>Dogs</title><h2>Sounds</h2><p>Dogs bark at strangers.</p>", encoding="utf-8"
    )
    (folder / "notes" / "broken.txt").write_bytes(b"Broken\n\n\x00\x01")
    return folder


def test_folder_with_a_bad_file_is_answered_and_reports_the_skip(runner, tmp_path):
    folder = folder_with_a_bad_file(tmp_path)
    result = run(runner, "ask", "Why do dogs bark?", "--corpus", str(folder))
    assert result.exit_code == 0, result.output
    assert "Dogs bark at strangers." in result.stdout
    assert "Dogs › Sounds (notes/dogs.html" in result.stdout
    assert result.stderr.splitlines() == [
        "indexed 2 files (2 passages); skipped 1:",
        "  notes/broken.txt: looks like a binary file (it contains NUL bytes)",
    ]
    assert "skipped 1" not in result.stdout
    assert "Traceback" not in result.output


def test_folder_with_a_bad_file_keeps_json_parseable(runner, tmp_path):
    folder = folder_with_a_bad_file(tmp_path)
    result = run(runner, "ask", "Why do dogs bark?", "--corpus", str(folder), "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["found"] is True
    assert data["citations"][0]["source"] == "notes/dogs.html"
    assert data["citations"][0]["section"] == "Sounds"
    assert "skipped 1" in result.stderr
    assert "notes/broken.txt" in result.stderr
    search = run(runner, "search", "bark", "--corpus", str(folder), "--json")
    assert search.exit_code == 0, search.output
    assert json.loads(search.stdout)[0]["source"] == "notes/dogs.html"
    assert "skipped 1" in search.stderr


def test_folder_of_only_bad_files_is_a_one_line_error(runner, tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\xff\xfe")
    (tmp_path / "b.md").write_bytes(b"")
    result = run(runner, "ask", "What?", "--corpus", str(tmp_path))
    assert_one_line_error(result, "no readable documents", "a.txt", "UTF-8", "b.md", "empty")
    assert result.exit_code == 1


def test_single_file_corpus_prints_no_load_report(runner, tmp_path):
    path = tmp_path / "cats.md"
    path.write_text("# Cats\n\nCats purr when content.\n", encoding="utf-8")
    result = run(runner, "ask", "Why do cats purr?", "--corpus", str(path), "--json")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert json.loads(result.output)["found"] is True


def test_main_help(runner):
    result = run(runner, "--help")
    assert result.exit_code == 0
    for command in ("ask", "search"):
        assert command in result.output
    assert run(runner, "-h").exit_code == 0


@pytest.mark.parametrize("command", COMMANDS)
def test_command_help(runner, command):
    result = run(runner, command, "--help")
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_version(runner):
    result = run(runner, "--version")
    assert result.exit_code == 0
    assert "0.1.0" in result.output


def run_python(code: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )


def test_cli_ask_does_not_import_gradio_or_sklearn():
    code = (
        "import qa_bot.cli, sys\n"
        "from qa_bot.cli import main\n"
        "main(['ask', 'x'], standalone_mode=False)\n"
        "print('GRADIO' if 'gradio' in sys.modules else 'no-gradio')\n"
        "print('SKLEARN' if 'sklearn' in sys.modules else 'no-sklearn')\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-2:] == ["no-gradio", "no-sklearn"]


def test_importing_qa_bot_does_not_import_sklearn_or_gradio():
    code = (
        "import sys, qa_bot\nprint(sorted(m for m in ('sklearn', 'gradio') if m in sys.modules))\n"
    )
    result = run_python(code)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "qa_bot", "--help"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0
    assert "ask" in result.stdout


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Waht is fine-tunning?", "what is fine-tuning?"),
        ("What are hallucinatons?", "What are hallucinations?"),
    ],
)
def test_ask_shows_spelling_corrections_in_plain_output(runner, question, searched):
    result = run(runner, "ask", question)
    assert result.exit_code == 0, result.output
    assert f"(searched for: {searched})" in result.output


def test_ask_shows_no_correction_for_real_words(runner):
    result = run(runner, "ask", "who won the world cup")
    assert result.exit_code == 0, result.output
    assert "searched for" not in result.output


@pytest.mark.parametrize(
    "question",
    ["What is fine-tuning?", "waht is fine-tunning?", "What is the capital of France?"],
)
def test_plain_output_is_the_answers_plain_text(runner, bot, question):
    """The CLI and str(Answer) (the page's Copy too) share one plain-text renderer."""
    result = run(runner, "ask", question)
    assert result.exit_code == 0
    assert result.output.rstrip("\n") == str(bot.ask(question))
