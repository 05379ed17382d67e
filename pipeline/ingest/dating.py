"""Articles' dates, read once at ingest (:mod:`pipeline.dates`), and the articles of a period.

:func:`date_articles` reads the dates of one file's articles. A numeric date that could be day or month
first ("03/04/2025") is read in the order the same file's other dates show ("19/04/2025" can only be day
first) when they all show the same one; otherwise it is reported, never guessed. An unreadable date
keeps its article, undated, and becomes a :class:`~pipeline.records.DateNote` naming its file and line.

:func:`in_period` keeps the articles dated within ``since``..``until`` (both included); the others, and
the undated ones when a bound is given, are left out and listed, so every input is accounted for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from pipeline.dates import ORDER_UNKNOWN, UNDATED, Reading, read_date
from pipeline.records import Article, DateNote

#: The days an article's date may name (ISO): printed news starts in the 17th century, and nothing is
#: dated centuries ahead.
FIRST_DAY, LAST_DAY = "1600-01-01", "2199-12-31"


def date_articles(articles: Sequence[Article]) -> tuple[list[Article], list[DateNote]]:
    """One file's articles with ``iso_date`` set, and a note for each date that cannot be read."""
    readings = [read_date(a.date) for a in articles]
    orders = {r.order for r in readings if r.order}
    order = orders.pop() if len(orders) == 1 else ""
    dated: list[Article] = []
    notes: list[DateNote] = []
    for article, reading in zip(articles, readings, strict=True):
        if reading.problem and order:
            reading = read_date(article.date, order=order)
        if reading.iso and not FIRST_DAY <= reading.iso <= LAST_DAY:
            # a placeholder ("9999-12-31", "0001-01-01") or a typo'd year: no news is dated so, and a
            # timeline stretched over centuries would draw one bar per day or month of them
            reading = Reading(
                problem=f'"{article.date}" is outside the years news is dated ({FIRST_DAY[:4]}-{LAST_DAY[:4]})'
            )
        if reading.problem:
            why = reading.problem
            if len(orders) > 1 and why.endswith(ORDER_UNKNOWN):  # only where the order is the question
                why += "; this file writes dates both day first and month first"
            notes.append(DateNote(article.source, article.date, f"{why}; the article is kept, undated"))
        dated.append(dataclasses.replace(article, iso_date=reading.iso) if reading.iso else article)
    return dated, notes


def in_period(
    articles: Sequence[Article], *, since: str | None = None, until: str | None = None
) -> tuple[list[Article], list[DateNote]]:
    """The articles dated from ``since`` to ``until`` (ISO dates, both included; None: no bound), and a
    note for each article left out. Without a bound every article is kept, dated or not."""
    if since is None and until is None:
        return list(articles), []
    kept: list[Article] = []
    left_out: list[DateNote] = []
    for article in articles:
        day = article.iso_date
        if not day:
            undated = " ".join(article.date.split()).casefold() in UNDATED
            why = "undated" if undated else "its date cannot be read"
            left_out.append(
                DateNote(article.source, article.date, f"{why}, and --since/--until asks for dates")
            )
        elif since is not None and day < since:
            left_out.append(DateNote(article.source, article.date, f"before --since {since}"))
        elif until is not None and day > until:
            left_out.append(DateNote(article.source, article.date, f"after --until {until}"))
        else:
            kept.append(article)
    return kept, left_out
