"""Calendar periods of a timeline: days, ISO weeks (Monday to Sunday) and months, named by their first day.

>>> choose_period("2025-03-03", "2025-05-30")
'week'
>>> start_of("2025-05-21", "week"), end_of("2025-05-19", "week"), start_of("2025-05-21", "month")
('2025-05-19', '2025-05-25', '2025-05-01')
>>> starts_between("2025-01-30", "2025-03-02", "month")
['2025-01-01', '2025-02-01', '2025-03-01']
"""

from __future__ import annotations

import datetime as dt

#: The longest span (in days) drawn per day, then per week; longer spans are drawn per month. About
#: two months of days or two years of weeks: a hundred bars or slider steps at most.
DAYS_UP_TO = 62
WEEKS_UP_TO = 730


def choose_period(first: str, last: str) -> str:
    """The period that cuts the span ``first``..``last`` (ISO dates) into a readable number of steps."""
    days = (dt.date.fromisoformat(last) - dt.date.fromisoformat(first)).days
    return "day" if days <= DAYS_UP_TO else "week" if days <= WEEKS_UP_TO else "month"


def start_of(day: str, period: str) -> str:
    """The first day of the ``period`` holding ``day``."""
    date = dt.date.fromisoformat(day)
    if period == "week":
        date -= dt.timedelta(days=date.weekday())
    elif period == "month":
        date = date.replace(day=1)
    return date.isoformat()


def end_of(start: str, period: str) -> str:
    """The last day of the ``period`` starting on ``start``."""
    return (_next(dt.date.fromisoformat(start), period) - dt.timedelta(days=1)).isoformat()


def starts_between(first: str, last: str, period: str) -> list[str]:
    """The first days of every period from the one holding ``first`` to the one holding ``last``."""
    date, stop = dt.date.fromisoformat(start_of(first, period)), dt.date.fromisoformat(last)
    starts = []
    while date <= stop:
        starts.append(date.isoformat())
        date = _next(date, period)
    return starts


def _next(date: dt.date, period: str) -> dt.date:
    if period == "day":
        return date + dt.timedelta(days=1)
    if period == "week":
        return date + dt.timedelta(days=7)
    return (date.replace(day=1) + dt.timedelta(days=32)).replace(day=1)
