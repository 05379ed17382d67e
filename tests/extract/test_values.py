"""Values of number phrases from their words alone (pipeline.extract.values)."""

from __future__ import annotations

import pytest

from pipeline.extract.values import ParsedNumber, format_value, parse_number


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [
        ("3,000", "CARDINAL", (3000, "", "")),
        ("six", "CARDINAL", (6, "", "")),
        ("two and a half", "CARDINAL", (2.5, "", "")),
        ("1 million", "CARDINAL", (1_000_000, "", "")),
        ("1.5 billion euros", "MONEY", (1.5e9, "EUR", "")),
        ("$185,000", "MONEY", (185_000, "dollar", "")),  # a dollar of no stated country
        ("US$5m", "MONEY", (5_000_000, "USD", "")),
        ("$US3000 billion", "MONEY", (3e12, "USD", "")),
        ("A$40 million", "MONEY", (40_000_000, "AUD", "")),
        ("$AUD1.1 billion", "MONEY", (1.1e9, "AUD", "")),
        ("$A15 million", "MONEY", (15_000_000, "AUD", "")),
        ("20 million dollars", "MONEY", (20_000_000, "dollar", "")),
        ("20 million Australian dollars", "MONEY", (20_000_000, "AUD", "")),
        ("NZ$3 million", "MONEY", (3_000_000, "NZD", "")),
        ("C$2 million", "MONEY", (2_000_000, "CAD", "")),
        ("HK$9,000", "MONEY", (9_000, "HKD", "")),
        ("£3.2bn", "MONEY", (3.2e9, "GBP", "")),
        ("140,000 pounds", "MONEY", (140_000, "GBP", "")),
        ("140,000 pounds", "QUANTITY", (140_000, "lb", "")),
        ("6,600 tons", "QUANTITY", (6600, "t", "")),
        ("50 centimetres", "QUANTITY", (50, "cm", "")),
        ("about 3 inches", "QUANTITY", (3, "in", "about")),
        ("45%", "PERCENT", (45, "%", "")),
        ("12 per cent", "PERCENT", (12, "%", "")),
        ("twenty-five", "CARDINAL", (25, "", "")),
        ("one hundred and five", "CARDINAL", (105, "", "")),
        ("half a million", "CARDINAL", (500_000, "", "")),
        ("a dozen", "CARDINAL", (12, "", "")),
        ("about 40", "CARDINAL", (40, "", "about")),
        ("around 3,000", "CARDINAL", (3000, "", "about")),
        ("at least 10", "CARDINAL", (10, "", "at least")),
        ("At least 1,691", "CARDINAL", (1691, "", "at least")),
        ("more than 100", "CARDINAL", (100, "", "more than")),
        ("almost 1 million pounds", "MONEY", (1_000_000, "GBP", "nearly")),
        ("up to 300", "CARDINAL", (300, "", "at most")),
        ("fewer than 20", "CARDINAL", (20, "", "less than")),
        ("dozens", "CARDINAL", (24, "", "at least")),
        ("thousands", "CARDINAL", (2000, "", "at least")),
    ],
)
def test_parse_number(text: str, label: str, expected: tuple[float, str, str]) -> None:
    value, unit, qualifier = expected
    assert parse_number(text, label=label) == ParsedNumber(float(value), unit, qualifier)


@pytest.mark.parametrize("text", ["the day", "Wednesday", "several", "most", ""])
def test_parse_number_rejects_words_that_are_not_numbers(text: str) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (3000, "", "3,000"),
        (185000, "USD", "$185,000"),
        (185000, "dollar", "$185,000"),
        (40_000_000, "AUD", "A$40 million"),
        (45, "%", "45%"),
        (6600, "t", "6,600 t"),
        (2.5, "", "2.5"),
        (1_000_000, "GBP", "£1 million"),
        (1.77e13, "USD", "$17.7 trillion"),
        (10_000_000, "", "10 million"),
        (0.125, "ratio", "1 in 8"),
        (0.4, "ratio", "40%"),
    ],
)
def test_format_value(value: float, unit: str, shown: str) -> None:
    assert format_value(value, unit) == shown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("3.817.69", None),  # a typo: no single number
        ("12.05.2024", None),  # a date
        ("1,2,3,4", None),  # a list
        ("10-15", None),  # a range
        ("10 - 15", None),  # a range, spaced (summed to 25 before)
        ("1e6", None),
        ("..5", None),
        ("9" * 190 + " hundred" * 70, None),  # overflows to infinity: not a count
        ("9" * 400, None),
        ("two point", None),
        ("two three", None),
        ("½", 0.5),
        ("2½ million", 2_500_000),
        ("٣٠٠", 300),  # Arabic-Indic digits
        ("٣٫٥", 3.5),  # with the Arabic decimal separator
        ("३,०००", 3000),  # Devanagari digits
        ("2,5,", 2.5),  # a decimal comma before a list comma
        ("1.", None),  # a list item's number, not a count
        ("1.234.567", 1_234_567),  # dots as thousands separators
        ("1.234,5", 1234.5),
        ("two point five", 2.5),  # was 7.0
        ("three point one four", 3.14),
        ("two point five million", 2_500_000),
        ("twenty five", 25),
        ("5 million 300 thousand", 5_300_000),
    ],
)
def test_malformed_numerals(text: str, expected: float | None) -> None:
    parsed = parse_number(text)
    assert (parsed.value if parsed else None) == (pytest.approx(expected) if expected is not None else None)
