"""The fact base and the engine that answers questions from it (never imports Discord).

Public API::

    kb = load_knowledge_base()          # or load_knowledge_base(Path("my/knowledge"))
    engine = Engine(kb)
    engine.answer("how many pumps were sent to the city?")
"""

from knowledge.answering import Engine
from knowledge.loading import KnowledgeBaseError, load_knowledge_base
from knowledge.models import Answer, Article, Citation, Fact, KnowledgeBase

__all__ = [
    "Answer",
    "Article",
    "Citation",
    "Engine",
    "Fact",
    "KnowledgeBase",
    "KnowledgeBaseError",
    "load_knowledge_base",
]
