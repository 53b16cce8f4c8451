"""Alembic migrations of the bot's database; `storage.migrating` runs them on open."""
