"""Dates as people write them -> ISO dates (YYYY-MM-DD), or the reason a date cannot be read. Never guessed.

Read:

* ISO 8601 and its relatives: "2025-05-19", "2025-05-19T10:00Z", "2025-05-19 10:00:00+02:00",
  "2025/05/19", "20250519", "20250519T101500Z", GDELT's "20250519101500";
* month names, day or month first: "19 May 2025", "May 19, 2025", "Monday, 19th May 2025",
  "19-May-2025", "2025 May 19";
* RFC 822 / 2822 feed dates: "Mon, 19 May 2025 10:00:00 +0000", "19 May 2025 10:00 GMT";
* numeric dates whose order is certain: "19/05/2025" (19 is no month), "05/19/2025", and dotted dates,
  which are day first wherever they are written ("19.05.2025");
* Unix timestamps of 10 or 13 digits (seconds or milliseconds since 1970, UTC).

The date is the calendar date as written: a time and its zone are dropped, never converted (an article
of "2025-05-19T23:30-05:00" was published on 19 May where it was written).

Undated, without a problem: "", "NA", "N/A", "null", "none", "-", "unknown". Everything else that is not
certainly one day is a problem with a reason: "03/04/2025" (3 April or March 4? unless other dates of
the same file settle the order: ``order``), "May 2025" (no day), "31 April 2025", "05/19/25" (two-digit
year), "yesterday". dateutil's parser would turn most of these into some day; a wrong date is worse
than none, so nothing here guesses.

>>> read_date("Mon, 19 May 2025 10:00:00 +0000").iso
'2025-05-19'
>>> read_date("03/04/2025").problem
'"03/04/2025" could be 3 April 2025 or March 4, 2025 (day or month first?)'
>>> read_date("03/04/2025", order="dmy").iso
'2025-04-03'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: Longer than any way of writing one day ("Wednesday, 24th September 2025 10:30:00.000000 +05:30" is 53).
LONGEST_DATE = 80
#: Written where a date is not known: undated, not a problem.
UNDATED = frozenset({"", "na", "n/a", "n.a.", "nan", "nat", "null", "none", "nil", "-", "--", "?", "unknown"})

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_NAMES = (
    "",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    | {"mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun"}
)
#: The names of months and days, written out or cut short, in lower case: capitalized as names are, but
#: no names ("Quist Monday", a correction that moves "Friday" to "Saturday").
CALENDAR_WORDS = frozenset(MONTHS) | WEEKDAYS
#: Time zone names of RFC 822 and the usual feed exports; only skipped (the date is the one written).
_ZONES = frozenset(
    {"z", "ut", "utc", "gmt", "est", "edt", "cst", "cdt", "mst", "mdt", "pst", "pdt"}
    | {"bst", "cet", "cest", "eet", "eest", "ist", "jst", "aest", "aedt"}
)

_TIME = r"\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?"
_ZONE = r"(?:Z|[+-]\d{2}(?::?\d{2})?)"
_ISO = re.compile(
    rf"(?P<y>\d{{4}})(?P<sep>[-/.]?)(?P<m>\d{{2}})(?P=sep)(?P<d>\d{{2}})"
    rf"(?:(?:[T ]|\s+){_TIME}\s*(?:{_ZONE}|[A-Za-z]{{1,5}})?)?",
    re.IGNORECASE,
)
#: YYYYMMDD, YYYYMMDDHHMM, YYYYMMDDHHMMSS (GDELT's DATEADDED), 20250519T101500Z (GDELT's seendate).
#: Ten digits are a Unix time, not YYYYMMDDHH.
_MONTH_ONLY = re.compile(r"\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{4}")
_COMPACT = re.compile(
    rf"(?P<y>\d{{4}})(?P<m>\d{{2}})(?P<d>\d{{2}})(?:T?\d{{4}}(?:\d{{2}}(?:[.,]\d+)?)?{_ZONE}?)?",
    re.IGNORECASE,
)
_UNIX = re.compile(r"(?P<seconds>\d{10})(?P<millis>\d{3})?(?:\.\d+)?")
_NUMERIC = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[/.-])(?P<b>\d{{1,2}})(?P=sep)(?P<y>\d{{2}}|\d{{4}})"
    rf"(?:(?:[T ]|\s+){_TIME}\s*(?:[ap]\.?m\.?)?\s*(?:{_ZONE}|[A-Za-z]{{1,5}})?)?",
    re.IGNORECASE,
)
#: A time of day with its zone offset, removed before a date with a month name is read.
_CLOCK = re.compile(rf"\b{_TIME}(?:\s*[ap]\.?m\b\.?)?(?:\s*{_ZONE}\b)?", re.IGNORECASE)
_TOKEN = re.compile(r"\d+(?:st|nd|rd|th)?|[A-Za-z]+\.?|[(),/-]", re.IGNORECASE)
_ORDINAL = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Reading:
    """What a written date says: ``iso`` (YYYY-MM-DD) when it names one day; ``problem`` (why not) when
    it is no date that can be read with certainty; both empty for "no date" ("", "NA"). ``order`` is
    "dmy" or "mdy" when a numeric date shows which order its writer uses (so its file's ambiguous
    dates can be read)."""

    iso: str = ""
    problem: str = ""
    order: str = ""


def read_date(text: str, *, order: str = "") -> Reading:
    """The day ``text`` names. ``order`` ("dmy" or "mdy") settles numeric dates such as "03/04/2025"
    that could be read either way; without it they are a problem."""
    text = " ".join(str(text).split())
    if text.casefold() in UNDATED:
        return Reading()
    if len(text) > LONGEST_DATE:  # a sentence, a blob: no date, and not worth quoting whole
        return Reading(problem=f'"{text[: LONGEST_DATE - 1]}…" is not a date kg can read')
    match = _ISO.fullmatch(text)
    if match:
        return _day(text, int(match["y"]), int(match["m"]), int(match["d"]))
    match = _COMPACT.fullmatch(text)
    if match:
        return _day(text, int(match["y"]), int(match["m"]), int(match["d"]))
    match = _UNIX.fullmatch(text)
    if match:
        day = dt.datetime.fromtimestamp(int(match["seconds"]), tz=dt.UTC).date()
        digits = match["seconds"]
        compact = _day(text, int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
        if not match["millis"] and compact.iso and int(digits[8:]) < 24 and compact.iso != day.isoformat():
            return Reading(
                problem=f'"{text}" could be {compact.iso} (YYYYMMDDHH) or the Unix time of {day.isoformat()}'
            )
        return _day(text, day.year, day.month, day.day)
    match = _NUMERIC.fullmatch(text)
    if match:
        return _numeric(text, match, order)
    if _MONTH_ONLY.fullmatch(text):
        return Reading(problem=f'"{text}" names no day')
    return _named(text)


def _numeric(text: str, match: re.Match[str], order: str) -> Reading:
    if len(match["y"]) == 2:
        return Reading(problem=f'"{text}" has a two-digit year')
    a, b, year = int(match["a"]), int(match["b"]), int(match["y"])
    if match["sep"] == ".":  # 19.05.2025: day first wherever dots are written
        return _day(text, year, b, a)
    if a > 12 or b > 12 or a == b:
        evidence = "dmy" if a > 12 else "mdy" if b > 12 else ""
        day, month = (a, b) if a > 12 or a == b else (b, a)
        reading = _day(text, year, month, day)
        return Reading(reading.iso, reading.problem, evidence) if reading.iso else reading
    if order == "dmy":
        return _day(text, year, b, a)
    if order == "mdy":
        return _day(text, year, a, b)
    return Reading(
        problem=f'"{text}" could be {a} {_MONTH_NAMES[b]} {year} or {_MONTH_NAMES[a]} {b}, {year} {ORDER_UNKNOWN}'
    )


#: How a numeric date's problem ends when either order reads it.
ORDER_UNKNOWN = "(day or month first?)"


def _named(text: str) -> Reading:
    """A date with a month name: day, month and year in any of the orders people write, with a weekday,
    a time and a zone around them."""
    words = _CLOCK.sub(" ", text)
    tokens = _TOKEN.findall(words)
    if "".join(tokens) != re.sub(r"\s+", "", words):  # something that is none of the tokens
        return _unreadable(text)
    month = year = None
    numbers: list[int] = []
    for token in tokens:
        word = token.rstrip(".").casefold()
        if token in "(),/-" or word in WEEKDAYS or word in _ZONES:
            continue
        if word in MONTHS:
            if month is not None:
                return _unreadable(text)
            month = MONTHS[word]
        elif _ORDINAL.fullmatch(token) or token.isdigit():
            if token.isdigit() and len(token) == 4:
                if year is not None:
                    return _unreadable(text)
                year = int(token)
            else:
                number = _ORDINAL.fullmatch(token)
                if number is None:
                    return _unreadable(text)
                numbers.append(int(number[1]))
        else:
            return _unreadable(text)
    if month is None or year is None:
        return _unreadable(text) if month is None else Reading(problem=f'"{text}" names no year')
    if not numbers:
        return Reading(problem=f'"{text}" names no day')
    if len(numbers) > 1:
        return _unreadable(text)
    return _day(text, year, month, numbers[0])


def _day(text: str, year: int, month: int, day: int) -> Reading:
    try:
        iso = dt.date(year, month, day).isoformat()
    except ValueError:
        return Reading(problem=f'"{text}" is no day of the calendar')
    if iso == _EPOCH:
        # a news API's or a database's zero time for "no date" ("1970-01-01T00:00:00Z"): no news was
        # filed then that a run of today's news holds, and taken as a date it stretches the timeline
        return Reading(problem=f'"{text}" is the Unix epoch, a placeholder for no date')
    return Reading(iso=iso)


#: The Unix epoch's day.
_EPOCH = "1970-01-01"


def _unreadable(text: str) -> Reading:
    return Reading(problem=f'"{text}" is not a date kg can read')
