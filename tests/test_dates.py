"""Dates as people write them: read with certainty or reported, never guessed; calendar periods."""

from __future__ import annotations

import pytest

from pipeline.dates import read_date
from pipeline.periods import choose_period, end_of, start_of, starts_between


@pytest.mark.parametrize(
    "written",
    [
        "19 May 2025",
        "19 may 2025",
        "2025-05-19",
        "2025-05-19T10:00Z",
        "2025-05-19T10:00:00.123+02:00",
        "2025-05-19 23:30:00-05:00",  # the day as written, not converted to UTC
        "2025/05/19",
        "May 19, 2025",
        "Monday, 19th May 2025",
        "19-May-2025",
        "2025 May 19",
        "Mon, 19 May 2025 10:00:00 +0000",  # RFC 822 / 2822, as RSS feeds write it
        "Mon, 19 May 2025 10:00:00 GMT",
        "19 May 2025 10:00 EST",
        "May 19 2025 10:30 pm",
        "19/05/2025",  # 19 is no month: day first
        "05/19/2025",  # 19 is no month: month first
        "19.05.2025",  # dotted dates are day first
        "20250519",
        "20250519101500",  # GDELT's DATEADDED
        "20250519T101500Z",  # GDELT's seendate
        "1747648800",  # Unix seconds
        "1747648800000",  # Unix milliseconds
        "  19   May\n2025 ",
    ],
)
def test_dates_people_write_are_read(written: str) -> None:
    assert read_date(written).iso == "2025-05-19"
    assert read_date(written).problem == ""


@pytest.mark.parametrize(
    "written",
    ["", "NA", "n/a", "N/A", "null", "None", "-", "unknown", "  "]
    # what pandas writes for a missing value or time ("nan", "NaT"), and other ways of writing none
    + ["nan", "NaN", "NaT", "n.a.", "nil", "--", "?"],
)
def test_no_date_is_undated_without_a_problem(written: str) -> None:
    assert read_date(written) == read_date("")
    assert (read_date(written).iso, read_date(written).problem) == ("", "")


@pytest.mark.parametrize(
    ("written", "problem"),
    [
        ("03/04/2025", '"03/04/2025" could be 3 April 2025 or March 4, 2025 (day or month first?)'),
        ("05/19/25", '"05/19/25" has a two-digit year'),
        ("May 2025", '"May 2025" names no day'),
        ("2025-05", '"2025-05" names no day'),
        ("19 May", '"19 May" names no year'),
        ("31 April 2025", '"31 April 2025" is no day of the calendar'),
        ("2025-02-29", '"2025-02-29" is no day of the calendar'),
        ("yesterday", '"yesterday" is not a date kg can read'),
        ("2 hours ago", '"2 hours ago" is not a date kg can read'),
        ("19 May 2025 or so", '"19 May 2025 or so" is not a date kg can read'),
        ("May 19 20 2025", '"May 19 20 2025" is not a date kg can read'),
        ("2025-W21", '"2025-W21" is not a date kg can read'),
        ("2025051910", '"2025051910" could be 2025-05-19 (YYYYMMDDHH) or the Unix time of 2034-03-04'),
        # an hour of the afternoon is as much an hour of the day as 10 is
        ("2025051923", '"2025051923" could be 2025-05-19 (YYYYMMDDHH) or the Unix time of 2034-03-04'),
        # two month names: neither is guessed
        ("19 May June 2025", '"19 May June 2025" is not a date kg can read'),
        # a news API's zero time for no date, written or as a Unix time
        ("1970-01-01T00:00:00Z", '"1970-01-01T00:00:00Z" is the Unix epoch, a placeholder for no date'),
        ("0000000000", '"0000000000" is the Unix epoch, a placeholder for no date'),
    ],
)
def test_what_is_not_certainly_one_day_is_a_problem_never_a_guess(written: str, problem: str) -> None:
    reading = read_date(written)
    assert reading.iso == ""
    assert reading.problem == problem


def test_a_long_text_is_no_date_and_is_quoted_short() -> None:
    reading = read_date("19 May 2025 " + "and so on " * 10_000)
    assert (
        reading.iso == "" and len(reading.problem) < 120 and reading.problem.startswith('"19 May 2025 and so')
    )
    assert read_date("Wednesday, 24th September 2025 10:30:00.000000 +05:30").iso == "2025-09-24"


def test_an_order_settles_numeric_dates_and_certain_ones_show_theirs() -> None:
    assert read_date("03/04/2025", order="dmy").iso == "2025-04-03"
    assert read_date("03/04/2025", order="mdy").iso == "2025-03-04"
    assert read_date("19/04/2025").order == "dmy"
    assert read_date("04/19/2025").order == "mdy"
    assert read_date("04/04/2025").iso == "2025-04-04"  # the same either way
    # ... and so no evidence of the file's order: it must not settle "03/04/2025" in the same file
    assert read_date("04/04/2025").order == ""
    assert read_date("19.05.2025", order="mdy").iso == "2025-05-19"  # dots are day first regardless
    # dots are day first also where either number could be the month, with or without an order
    assert read_date("03.04.2025").iso == read_date("03.04.2025", order="mdy").iso == "2025-04-03"


def test_ten_digits_that_are_no_hour_are_unix_seconds() -> None:
    # "…24" is no hour of the day: the digits can only be a Unix time, read without a problem
    assert (read_date("2025051924").iso, read_date("2025051924").problem) == ("2034-03-04", "")


def test_periods_days_iso_weeks_and_months() -> None:
    assert start_of("2025-05-25", "week") == "2025-05-19"  # a Sunday ends the ISO week
    assert start_of("2025-05-26", "week") == "2025-05-26"
    assert start_of("2025-05-19", "day") == "2025-05-19"
    assert end_of("2025-05-19", "week") == "2025-05-25"
    assert end_of("2024-02-01", "month") == "2024-02-29"
    assert end_of("2025-12-01", "month") == "2025-12-31"
    assert starts_between("2025-05-21", "2025-06-02", "week") == ["2025-05-19", "2025-05-26", "2025-06-02"]
    assert starts_between("2024-12-30", "2025-01-01", "day") == ["2024-12-30", "2024-12-31", "2025-01-01"]


@pytest.mark.parametrize(
    ("first", "last", "period"),
    [
        ("2025-05-19", "2025-05-19", "day"),
        ("2025-05-01", "2025-07-02", "day"),  # 62 days
        ("2025-05-01", "2025-07-03", "week"),
        ("2024-01-01", "2025-12-30", "week"),  # 729 days
        ("2023-01-01", "2025-12-30", "month"),
    ],
)
def test_the_period_suits_the_span(first: str, last: str, period: str) -> None:
    assert choose_period(first, last) == period
