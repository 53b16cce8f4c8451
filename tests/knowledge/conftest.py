"""Fixtures for the engine's tests: a writable copy of the packaged fact base."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from knowledge.loading import DEFAULT_DIRECTORY


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    """A writable copy of the packaged knowledge folder (articles, facts, lexicon)."""
    target = tmp_path / "knowledge"
    for folder in ("articles", "facts", "lexicon"):
        shutil.copytree(DEFAULT_DIRECTORY / folder, target / folder)
    return target
