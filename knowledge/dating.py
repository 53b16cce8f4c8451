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
_MONTH: Final = (
    r"(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_MONTH_DAY: Final = re.compile(
    rf"\b{_MONTH}\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(\d{{4}}))?\b"
    rf"|\b(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:,?\s+(\d{{4}}))?\b",
    re.IGNORECASE,
)
_RELATIVE_DAYS: Final = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


def long_form(day: dt.date) -> str:
    """Return a date as 'October 31, 2024'."""
    return f"{day:%B} {day.day}, {day.year}"


def resolve(expression: str, published: dt.date | None, *, ahead: bool = False) -> dt.date | None:
    """Return the calendar day a date expression of the article names, or None if none.

    Args:
        expression: The words of the article naming a day ("Thursday", "Oct. 31", "yesterday").
        published: The article's date; without it only full dates with a year resolve.
        ahead: The sentence speaks of what will happen ("voters will elect a mayor on
            Sunday"): a weekday or a day without a year is the next one, not the last.
    """
    lowered = expression.lower()
    found = _MONTH_DAY.search(expression)
    if found:
        return _calendar_day(found, published, ahead=ahead)
    if published is None:
        return None
    for word, offset in _RELATIVE_DAYS.items():
        if re.search(rf"\b{word}\b", lowered):
            return published + dt.timedelta(days=offset)
    words = lowered.split()
    for number, weekday in enumerate(WEEKDAYS):
        if re.search(rf"\b{weekday}\b", lowered):
            if ahead or "next" in words:
                return published + dt.timedelta(days=(number - published.weekday()) % 7 or 7)
            back = (published.weekday() - number) % 7
            if "last" in words:
                back = back or 7  # "last Thursday", said on a Thursday, is a week before
            return published - dt.timedelta(days=back)
    return None


def _calendar_day(
    found: re.Match[str], published: dt.date | None, *, ahead: bool
) -> dt.date | None:
    """The day of "October 31" or "31 Oct 2024".

    Without a year it is the latest such day not after the article, or with `ahead` the first
    one not before it.
    """
    month = _ABBREVIATED[(found.group(1) or found.group(5)).lower()[:3]]
    day = int(found.group(2) or found.group(4))
    year_text = found.group(3) or found.group(6)
    if year_text:
        year = int(year_text)
    elif published is not None:
        year = published.year
        if _valid(year, month, day):
            if not ahead and dt.date(year, month, day) > published:
                year -= 1
            elif ahead and dt.date(year, month, day) < published:
                year += 1
    else:
        return None
    return dt.date(year, month, day) if _valid(year, month, day) else None


def _valid(year: int, month: int, day: int) -> bool:
    try:
        dt.date(year, month, day)
    except ValueError:
        return False
    return True
