"""Fixtures shared by every test: the packaged fact base and an engine on it (built once)."""

from __future__ import annotations

import pytest

from knowledge import Engine, KnowledgeBase, load_knowledge_base


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_knowledge_base()


@pytest.fixture(scope="session")
def engine(kb: KnowledgeBase) -> Engine:
    return Engine(kb)
