"""A changelog's "Fixed" entries describe behaviour that is gone."""

from __future__ import annotations

import pytest

from qa_bot import QABot
from qa_bot.answering.fixed import is_fixed_entry


@pytest.mark.parametrize(
    ("headings", "fixed"),
    [
        (("Fixed",), True),
        (("2.3.1", "Bug fixes"), True),
        (("Fixes:",), True),
        (("Fixed costs",), False),
        (("Added",), False),
        ((), False),
    ],
)
def test_is_fixed_entry(headings, fixed):
    assert is_fixed_entry(headings) is fixed


@pytest.fixture(scope="module")
def tool(tmp_path_factory):
    folder = tmp_path_factory.mktemp("tool")
    (folder / "commands.md").write_text(
        "# Commands\n\n## trash\n\nThe trash command lists or empties the trash folder. "
        "Add --yes to trash empty to skip the confirmation, for example in scripts.\n\n"
        "## import\n\nImport copies photos into the library.\n",
        encoding="utf-8",
    )
    (folder / "CHANGELOG.md").write_text(
        "# Changelog\n\n## 2.3.1\n\n### Fixed\n\n"
        "- trash empty deleted files without asking for confirmation.\n\n"
        "### Added\n\n- New --since option for import.\n",
        encoding="utf-8",
    )
    return QABot.from_path(folder)


def test_a_fixed_bug_is_not_the_answer_to_how_the_program_behaves(tool):
    answer = tool.ask("How can I empty the trash without being asked to confirm?")
    assert answer.quotes[0].text.startswith("Add --yes")


def test_a_question_about_a_fix_still_finds_it(tool):
    answer = tool.ask("Was the bug where trash empty deleted files without asking fixed?")
    assert answer.quotes[0].text.startswith("trash empty deleted files")
