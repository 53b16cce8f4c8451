"""The first schema: articles, settings, revisions, votes, declines, and the user-id secret.

Revision ID: 0001
Revises:
Create Date: 2024-12-06
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None

AUTO_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    """Create every table and the store's secret."""
    state = op.create_table(
        "store_state",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("user_secret", sa.Text(), nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_store_state_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_store_state")),
    )
    # Created here, once, so that two processes migrating the same database share it.
    op.bulk_insert(state, [{"id": 1, "user_secret": secrets.token_hex(32), "revision": 0}])
    op.create_table(
        "articles",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.Column("added_by", sa.Text(), nullable=False),
        sa.CheckConstraint("article_id <> ''", name=op.f("ck_articles_article_id_not_empty")),
        sa.PrimaryKeyConstraint("guild_id", "article_id", name=op.f("pk_articles")),
    )
    op.create_table(
        "article_files",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("article_id", sa.Text(), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.CheckConstraint("path <> ''", name=op.f("ck_article_files_path_not_empty")),
        sa.ForeignKeyConstraint(
            ["guild_id", "article_id"],
            ["articles.guild_id", "articles.article_id"],
            name=op.f("fk_article_files_articles"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("guild_id", "article_id", "path", name=op.f("pk_article_files")),
    )
    op.create_table(
        "guild_settings",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("default_article", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guild_settings")),
    )
    op.create_table(
        "guild_revisions",
        sa.Column("guild_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("revision", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("guild_id", name=op.f("pk_guild_revisions")),
    )
    op.create_table(
        "votes",
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("voter", sa.Text(), nullable=False),
        sa.Column("vote", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("answer", sa.Text(), nullable=False),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("vote IN ('up', 'down')", name=op.f("ck_votes_vote")),
        sa.CheckConstraint(
            "reason IN ('wrong_answer', 'wrong_citation', 'should_have_declined', "
            "'should_have_answered')",
            name=op.f("ck_votes_reason"),
        ),
        sa.PrimaryKeyConstraint("message_id", "voter", name=op.f("pk_votes")),
    )
    op.create_index(op.f("ix_votes_at"), "votes", ["at"])
    op.create_index(op.f("ix_votes_guild_id"), "votes", ["guild_id"])
    op.create_table(
        "vote_facts",
        sa.Column("message_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("voter", sa.Text(), nullable=False),
        sa.Column("fact_id", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id", "voter"],
            ["votes.message_id", "votes.voter"],
            name=op.f("fk_vote_facts_votes"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("message_id", "voter", "fact_id", name=op.f("pk_vote_facts")),
    )
    op.create_table(
        "declines",
        sa.Column("id", AUTO_ID, autoincrement=True, nullable=False),
        sa.Column("guild_id", sa.BigInteger(), nullable=True),
        sa.Column("article", sa.Text(), nullable=False),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("nearest_fact_ids", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_declines")),
    )
    op.create_index(op.f("ix_declines_at"), "declines", ["at"])
    op.create_index(op.f("ix_declines_guild_id"), "declines", ["guild_id"])


def downgrade() -> None:
    """Drop every table."""
    for table in (
        "declines",
        "vote_facts",
        "votes",
        "guild_revisions",
        "guild_settings",
        "article_files",
        "articles",
        "store_state",
    ):
        op.drop_table(table)
