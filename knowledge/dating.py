"""Resolve the relative dates of an article ("on Thursday", "yesterday") against its own date.

A news report says "on Thursday" and means the Thursday of its week: the one on or before the
day it was published. A date with a month and a day but no year is in the article's year,
unless that would put it after the article, when it is the year before.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Final

WEEKDAYS: Final = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS: Final = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_ABBREVIATED: Final = {month[:3]: number for number, month in enumerate(MONTHS, start=1)}
_MONTH_DAY: Final = re.compile(
    r"\b(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+(\d{1,2})(?:st|nd|rd|th)?"
    r"(?:,?\s+(\d{4}))?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)"
    r"[a-z]*\.?(?:,?\s+(\d{4}))?\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS: Final = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def long_form(day: dt.date) -> str:
    """Return a date as 'October 31, 2024'."""
    return f"{day:%B} {day.day}, {day.year}"


def resolve(expression: str, published: dt.date | None) -> dt.date | None:
    """Return the calendar day a date expression of the article names, or None if none.

    Args:
        expression: The words of the article naming a day ("Thursday", "Oct. 31", "yesterday").
        published: The article's date; without it only full dates with a year resolve.
    """
    lowered = expression.lower()
    found = _MONTH_DAY.search(expression)
    if found:
        return _calendar_day(found, published)
    if published is None:
        return None
    for word, offset in _RELATIVE_DAYS.items():
        if re.search(rf"\b{word}\b", lowered):
            return published + dt.timedelta(days=offset)
    for number, weekday in enumerate(WEEKDAYS):
        if re.search(rf"\b{weekday}\b", lowered):
            back = (published.weekday() - number) % 7
            if "next" in lowered.split():
                return published + dt.timedelta(days=(number - published.weekday()) % 7 or 7)
            return published - dt.timedelta(days=back)
    return None


def _calendar_day(found: re.Match[str], published: dt.date | None) -> dt.date | None:
    """The day of "October 31" or "31 Oct 2024" (without a year: the latest not after it)."""
    month = _ABBREVIATED[(found.group(1) or found.group(5)).lower()[:3]]
    day = int(found.group(2) or found.group(4))
    year_text = found.group(3) or found.group(6)
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
        if _valid(year, month, day) and dt.date(year, month, day) > published:
            year -= 1
    else:
        return None
    return dt.date(year, month, day) if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
