"""Alembic at WARNING: imported first by the package, before Alembic itself.

Alembic logs each plugin it loads and each migration step at INFO, which would fill a
command's output before its one line of result or error.
"""

import logging

logging.getLogger("alembic").setLevel(logging.WARNING)
