"""The bot's database: articles per server, settings, feedback and declined questions.

SQLite (a file in the data folder) by default, PostgreSQL when several processes share it.
Never imports discord, bot or knowledge: it stores their data as plain text and records.
"""

from storage import quieting  # noqa: F401  (before Alembic is imported)
from storage.connecting import StorageError, database_url
from storage.records import (
    ArticleSummary,
    Decline,
    Deleted,
    FactVotes,
    NewDecline,
    Reason,
    StoredArticle,
    Vote,
)
from storage.store import Store

__all__ = [
    "ArticleSummary",
    "Decline",
    "Deleted",
    "FactVotes",
    "NewDecline",
    "Reason",
    "StorageError",
    "Store",
    "StoredArticle",
    "Vote",
    "database_url",
]
