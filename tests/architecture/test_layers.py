"""The package layout is the architecture: each stage imports only stages below it.

documents → text → retrieval → indexing → answering → bot → shells (cli, web, evaluate,
bench); `errors`, `defaults`, `paths` and `data` may be imported from anywhere. Retrieval
is a leaf: terms in, hits out, nothing of documents or answers.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "qa_bot"
BASE = {"errors", "defaults", "paths", "checks", "data", "__init__", "__main__"}
LAYERS = {
    "documents": 1,
    "text": 2,
    "retrieval": 2,  # a leaf beside text: imports neither
    "indexing": 3,
    "answering": 4,
    "bot": 5,
    "cli": 6,
    "web": 6,
    "evaluate": 6,
    "bench": 6,
    "corpus": 6,  # a deprecated re-export shim of documents (qa_bot.corpus)
}
ALLOWED_SIDEWAYS = {("cli", "web"), ("cli", "evaluate"), ("cli", "bench"), ("bench", "evaluate")}


def stage(module: str) -> str:
    """'qa_bot.indexing.store' → 'indexing'; 'qa_bot.bot' → 'bot'."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return [name for name in found if name == "qa_bot" or name.startswith("qa_bot.")]


def modules() -> list[Path]:
    return sorted(
        p for p in PACKAGE.rglob("*.py") if p.name != "__init__.py" or p.parent != PACKAGE
    )


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(PACKAGE)))
def test_imports_go_downward(path: Path) -> None:
    own = stage("qa_bot." + ".".join(path.relative_to(PACKAGE).with_suffix("").parts))
    if own in BASE:
        return
    for name in imports(path):
        other = stage(name)
        if other in BASE or other == own or (own, other) in ALLOWED_SIDEWAYS:
            continue
        assert LAYERS[other] < LAYERS[own], f"{own} imports {name} (a stage above or beside it)"


def test_retrieval_is_a_leaf() -> None:
    for path in (PACKAGE / "retrieval").rglob("*.py"):
        for name in imports(path):
            assert stage(name) in {"retrieval", "errors", "defaults"}, f"{path.name}: {name}"


def test_base_modules_import_no_stage() -> None:
    for name in ("errors", "defaults", "paths", "checks"):
        assert all(stage(n) in BASE for n in imports(PACKAGE / f"{name}.py")), name
