"""A clock the tests move by hand, for the times votes and declines are recorded at."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta


@dataclass
class FakeClock:
    """Returns `now` until a test advances it."""

    now: datetime = field(default_factory=lambda: datetime(2025, 3, 1, 12, 0, tzinfo=UTC))

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        """Move the clock forward (``advance(days=1)``) and return the new time."""
        self.now += timedelta(**delta)
        return self.now
