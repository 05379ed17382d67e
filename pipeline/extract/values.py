"""Values of number phrases from their words alone (no model): "about 140,000 pounds" -> 140000 GBP,
qualifier "about"; "two and a half" -> 2.5; and the way a value is shown again ("$185,000", "45%").

>>> format_value(1.5e9, "USD")
'$1.5 billion'
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

_UNITS_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}  # fmt: skip
_TENS_WORDS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "k": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "bn": 1e9, "b": 1e9, "tn": 1e12,
}  # fmt: skip
#: Scale words that are a number alone ("a million"), unlike abbreviations ("m", "k").
_SCALE_WORDS = frozenset({"thousand", "million", "billion", "trillion"})
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
#: Vague plurals: the smallest amount they can mean, so the count stays a lower bound.
_VAGUE = {
    "tens": 20,
    "dozens": 24,
    "scores": 40,
    "hundreds": 200,
    "thousands": 2000,
    "millions": 2e6,
    "billions": 2e9,
}
#: A vague plural's scale after another ("tens of thousands": 20 x 1,000).
_VAGUE_SCALES = {"thousands": 1e3, "millions": 1e6, "billions": 1e9}
_DOZEN = {"dozen": 12}
#: Words that make an amount vague ("dozens of", "hundreds of"): a lower bound, not a figure.
VAGUE_WORDS = frozenset(_VAGUE)

#: Qualifier phrases, longest first, mapped to the normal form written in numbers.csv.
QUALIFIERS = [
    ("more than", "more than"), ("greater than", "more than"), ("upwards of", "more than"), ("over", "more than"),
    ("in excess of", "more than"), ("at least", "at least"), ("no fewer than", "at least"),
    ("no less than", "at least"), ("a minimum of", "at least"), ("at most", "at most"), ("up to", "at most"),
    ("no more than", "at most"), ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"),
    ("below", "less than"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("just under", "nearly"), ("about", "about"), ("around", "about"), ("approximately", "about"),
    ("roughly", "about"), ("some", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("circa", "about"), ("~", "about"), ("as many as", "at most"), ("as much as", "at most"),
    ("between", ""),
]  # fmt: skip

#: A "$" of no stated country is a "dollar": Australian, Canadian and Hong Kong news writes its own
#: dollars so, and reading them as US dollars put them in one column with amounts they are not.
CURRENCY_SYMBOLS = {"us$": "USD", "$": "dollar", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₪": "ILS"}
#: A dollar whose country the text states, by symbol ("A$40", "$US3000", "$AUD1.1") or by name
#: ("20 million Australian dollars"): its ISO code, before the words are read.
_STATED_DOLLAR = [
    (re.compile(rf"(?:\b{before}\$|\$\s?(?:{after})(?=[\d\s]|$)|\b{name}(?:\s+dollars?\b|\s*\$)|\b{code}\b)"), code.upper())
    for before, after, name, code in [
        (r"u\.?s\.?\s?", "usd|us", r"(?:us|u\.s\.|american)", "usd"),
        ("au?", "aud|au|a", "australian", "aud"),
        ("nz", "nzd|nz", r"new\s+zealand", "nzd"),
        ("ca?", "cad|ca|c", "canadian", "cad"),
        ("hk", "hkd|hk", r"hong\s+kong", "hkd"),
        ("sg?", "sgd|sg|s", "singapore", "sgd"),
    ]
]  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "dollar", "dollars": "dollar", "usd": "USD", "aud": "AUD", "nzd": "NZD", "cad": "CAD", "hkd": "HKD",
    "sgd": "SGD", "chf": "CHF", "cny": "CNY", "inr": "INR", "jpy": "JPY", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "gbp": "GBP", "euro": "EUR", "euros": "EUR", "eur": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "shekel": "ILS", "shekels": "ILS", "lira": "TRY", "liras": "TRY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "franc": "CHF", "francs": "CHF", "rupiah": "IDR", "baht": "THB",
    "ringgit": "MYR", "naira": "NGN", "zloty": "PLN", "zlotys": "PLN", "hryvnia": "UAH",
    # a peso, dinar or krona of which country the words do not say
    "peso": "peso", "pesos": "peso", "dinar": "dinar", "dinars": "dinar", "krona": "krona", "kronor": "krona",
    "krone": "krone", "kroner": "krone", "crown": "crown", "crowns": "crown", "shilling": "shilling",
    "shillings": "shilling",
}  # fmt: skip
#: Every unit of money a value can have.
CURRENCY_UNITS = (
    frozenset(CURRENCY_SYMBOLS.values())
    | frozenset(CURRENCY_WORDS.values())
    | frozenset(code for _, code in _STATED_DOLLAR)
)
MEASURE_WORDS = {
    "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilo": "kg", "kilos": "kg", "gram": "g", "grams": "g", "pound": "lb", "pounds": "lb", "lb": "lb",
    "lbs": "lb", "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "mile": "mi", "miles": "mi", "acre": "acre",
    "acres": "acre", "hectare": "ha", "hectares": "ha", "barrel": "bbl", "barrels": "bbl", "litre": "l",
    "litres": "l", "liter": "l", "liters": "l", "gallon": "gal", "gallons": "gal", "megawatt": "MW",
    "megawatts": "MW", "mw": "MW", "feet": "ft", "foot": "ft", "cm": "cm", "centimetre": "cm",
    "centimetres": "cm", "centimeter": "cm", "centimeters": "cm", "mm": "mm", "millimetre": "mm",
    "millimetres": "mm", "millimeter": "mm", "millimeters": "mm", "inch": "in", "inches": "in",
    "yard": "yd", "yards": "yd", "°": "°", "°c": "°C", "°f": "°F", "celsius": "°C", "fahrenheit": "°F",
}  # fmt: skip
_PERCENT_WORDS = {"%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage points": "pp"}
UNIT_SYMBOLS = {
    "USD": "$",
    "dollar": "$",
    "AUD": "A$",
    "NZD": "NZ$",
    "CAD": "C$",
    "HKD": "HK$",
    "SGD": "S$",
    "GBP": "£",
    "EUR": "€",
    "JPY": "¥",
    "INR": "₹",
    "ILS": "₪",
    "%": "%",
}

#: Digit groups with a thousands separator: "1,234,567.5" (comma) and "1.234.567" or "1.234,5" (dot).
_COMMA_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_DOT_THOUSANDS = re.compile(r"^[0-9]{1,3}(?:(?:\.[0-9]{3}){2,}(?:,[0-9]+)?|\.[0-9]{3},[0-9]+)$")
#: A plain number or one decimal separator: "12", "2.5", "2,5" (a comma that cannot be thousands).
_PLAIN = re.compile(r"^[0-9]+(?:[.,][0-9]+)?$")
#: Arabic decimal and thousands separators, read like "." and ",".
_ARABIC_SEPARATORS = str.maketrans({"\u066b": ".", "\u066c": ","})
#: Vulgar fractions written as one character: "½", "2¾".
_VULGAR = {ch: value for ch, value in (("½", 1 / 2), ("⅓", 1 / 3), ("⅔", 2 / 3), ("¼", 1 / 4), ("¾", 3 / 4),
                                        ("⅕", 1 / 5), ("⅛", 1 / 8), ("⅜", 3 / 8), ("⅝", 5 / 8), ("⅞", 7 / 8))}  # fmt: skip
#: Number words after which a numeral or another small number word cannot follow in one number:
#: "10 - 15" is a range, "1 2" a list, "two three" nothing; "twenty five" and "hundred and five" are fine.
_ENDS_A_NUMBER = frozenset({"numeral", "unit", "fraction"})


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    value: float
    unit: str
    qualifier: str


def parse_number(text: str, *, label: str = "CARDINAL") -> ParsedNumber | None:
    """Value, unit and qualifier of a number phrase, or None if it holds no number.

    Never raises: a malformed numeral ("3.817.69", a date "12.05.2024", a list "1,2,3,4", a range "10-15")
    or a value too large to be a count is not a number phrase (None).

    >>> parse_number("about 140,000 pounds", label="MONEY")
    ParsedNumber(value=140000.0, unit='GBP', qualifier='about')
    >>> parse_number("two and a half")
    ParsedNumber(value=2.5, unit='', qualifier='')
    >>> parse_number("two point five")
    ParsedNumber(value=2.5, unit='', qualifier='')
    >>> parse_number("6,600 tons", label="QUANTITY")
    ParsedNumber(value=6600.0, unit='t', qualifier='')
    >>> parse_number("3.817.69") is None
    True
    >>> parse_number("hundreds of thousands")
    ParsedNumber(value=200000.0, unit='', qualifier='at least')
    >>> parse_number("nearly a million"), parse_number("as many as 10,000")
    (ParsedNumber(value=1000000.0, unit='', qualifier='nearly'), ParsedNumber(value=10000.0, unit='', qualifier='at most'))
    """
    stated, text = _stated_dollar(text)
    words = _words(text)
    qualifier, words = _take_qualifier(words)
    unit, words = _take_unit(words, label)
    unit = stated or unit
    if not words:
        return None
    if len(words) == 1 and words[0] in _VAGUE:
        return ParsedNumber(float(_VAGUE[words[0]]), unit, qualifier or "at least")
    if len(words) == 2 and words[0] in _VAGUE and words[1] in _VAGUE_SCALES:  # "hundreds of thousands"
        return ParsedNumber(_VAGUE[words[0]] * _VAGUE_SCALES[words[1]], unit, qualifier or "at least")
    value = _words_value(words)
    if value is None or not math.isfinite(value):
        return None
    return ParsedNumber(value, unit, qualifier)


def _stated_dollar(text: str) -> tuple[str, str]:
    """The ISO code of a dollar whose country ``text`` states, and the text without the words or
    letters that state it; ("", text) otherwise.

    >>> _stated_dollar("A$40 million"), _stated_dollar("$US3000 billion"), _stated_dollar("$5 million")
    (('AUD', ' 40 million'), ('USD', ' 3000 billion'), ('', '$5 million'))
    >>> _stated_dollar("20 million Australian dollars"), _stated_dollar("$AUD1.102 billion")
    (('AUD', '20 million  '), ('AUD', ' 1.102 billion'))
    """
    lowered = text.lower()
    for pattern, code in _STATED_DOLLAR:
        match = pattern.search(lowered)
        if match:
            return code, text[: match.start()] + " " + text[match.end() :]
    return "", text


def _words(text: str) -> list[str]:
    text = text.lower().replace("’", "'").replace("\u2013", "-").replace("\u2014", "-")
    if not text.isascii():
        # Digits of every script read as 0-9 ("٣٠٠" -> "300"); "2½" -> "2 ½".
        text = re.sub(
            r"\d", lambda m: str(unicodedata.digit(m.group(), 0)), text.translate(_ARABIC_SEPARATORS)
        )
        text = re.sub("([" + "".join(_VULGAR) + "])", r" \1 ", text)
    text = re.sub(r"(us\$|[$£€¥₹₪%~])", r" \1 ", text)
    text = re.sub(r"(?<=\d)(bn|mn|mln|tn|k|m|b)\b", r" \1", text)  # "1.5bn" -> "1.5 bn"
    text = re.sub(r"(?<=[a-z])-(?=[a-z])", " ", text)  # "twenty-five" -> "twenty five"
    text = re.sub(r"(?<=[0-9]),+(?=\s|$)", "", text)  # "2,5," in a list: the last comma is the list's
    return [w for w in re.split(r"\s+", text.strip()) if w and w not in {"a", "an", "the", "of", "(", ")"}]


def _take_qualifier(words: list[str]) -> tuple[str, list[str]]:
    joined = " ".join(words)
    for phrase, normal in QUALIFIERS:
        if joined == phrase or joined.startswith(phrase + " "):
            return normal, words[len(phrase.split()) :]
    return "", words


def _take_unit(words: list[str], label: str) -> tuple[str, list[str]]:
    unit = ""
    kept: list[str] = []
    joined = " ".join(words)
    for phrase, symbol in _PERCENT_WORDS.items():
        if " " in phrase and joined.endswith(phrase):
            return symbol, words[: -len(phrase.split())]
    for word in words:
        if word in CURRENCY_SYMBOLS:
            unit = CURRENCY_SYMBOLS[word]
        elif word in _PERCENT_WORDS:
            unit = _PERCENT_WORDS[word]
        elif word in CURRENCY_WORDS and (label != "QUANTITY" or word not in MEASURE_WORDS):
            unit = unit or CURRENCY_WORDS[word]  # "pounds" is money unless spaCy says it is a weight
        elif word in MEASURE_WORDS:
            unit = unit or MEASURE_WORDS[word]
        else:
            kept.append(word)
    return unit, kept


def _words_value(words: Sequence[str]) -> float | None:
    """Numerals and number words to a value: "1.5 million", "two and a half", "one hundred and five",
    "two point five"; None when the words are not one number."""
    total = 0.0
    current = 0.0
    seen = False
    last = ""  # what the previous number word was: numeral, unit, tens, scale, fraction
    decimal = 0.0  # place value of the next digit after "point"; 0 outside decimals
    for index, word in enumerate(words):
        if decimal:
            digits = str(_UNITS_WORDS[word]) if _UNITS_WORDS.get(word, 10) < 10 else word
            if digits.isascii() and digits.isdigit():  # "point five", "point 2 5", "point 25"
                for digit in digits:
                    current += int(digit) * decimal
                    decimal /= 10
                last = "decimals"
                continue
            if word not in _SCALES or last != "decimals":
                return None
            decimal = 0.0  # "two point five million": the scale applies to the whole number
        if word[:1].isdigit():
            value = _numeral(word)
            if value is None or last in _ENDS_A_NUMBER or last == "tens":
                return None
            current += value
            last = "numeral"
        elif word in _UNITS_WORDS:
            if last in _ENDS_A_NUMBER or (last == "tens" and _UNITS_WORDS[word] >= 10):
                return None
            current += _UNITS_WORDS[word]
            last = "unit"
        elif word in _TENS_WORDS:
            if last in _ENDS_A_NUMBER or last == "tens":
                return None
            current += _TENS_WORDS[word]
            last = "tens"
        elif word in _DOZEN:
            current = (current or 1) * _DOZEN[word]
            last = "scale"
        elif word in _SCALES and (seen or word in _SCALE_WORDS):  # "a million": its "a" is dropped
            scale = _SCALES[word]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0.0
            last = "scale"
        elif word == "hundred":
            current = 100
            last = "scale"
        elif word in _FRACTIONS:
            fraction = _FRACTIONS[word]
            if index > 0 and words[index - 1] == "and":  # "two and a half"
                current += fraction
            else:  # "half a million"
                current = (current or 1) * fraction
            last = "fraction"
        elif word in _VULGAR:  # "2½", "½"
            if last == "fraction":
                return None
            current += _VULGAR[word]
            last = "fraction"
        elif word == "point" and last in {"numeral", "unit", "tens"} and float(current).is_integer():
            decimal = 0.1
            continue
        elif word in {"and", "-", ","}:
            continue
        else:
            return None  # a word that is not part of a number: not a plain number phrase
        seen = True
    if decimal and last != "decimals":
        return None  # "two point" and nothing after it
    return total + current if seen else None


def _numeral(word: str) -> float | None:
    """ "3,000" -> 3000, "1.234.567" -> 1234567, "2,5" -> 2.5; None for what is no single number:
    "3.817.69", "12.05.2024", "1,2,3,4"."""
    if _COMMA_THOUSANDS.match(word):
        return float(word.replace(",", ""))
    if _DOT_THOUSANDS.match(word):
        return float(word.replace(".", "").replace(",", "."))
    if _PLAIN.match(word):
        return float(word.replace(",", "."))  # a decimal comma ("2,5") only where it cannot be thousands
    return None


def format_value(value: float, unit: str) -> str:
    """3000, "" -> "3,000";  185000, "USD" -> "$185,000";  45, "%" -> "45%";  6600, "t" -> "6,600 t";
    1e6, "GBP" -> "£1 million";  0.125, "ratio" -> "1 in 8"; beyond a thousand trillion, the float's own
    digits are noise: 1e22 -> "1e+22".

    >>> format_value(1e22, ""), format_value(float("9" * 200), "")
    ('1e+22', '1e+200')
    """
    if not math.isfinite(value):
        return str(value)
    if abs(value) >= 1e15:
        return f"{value:.3g}" + (f" {unit}" if unit else "")
    if unit == "ratio" and 0 < value < 1:
        inverse = 1 / value
        return f"1 in {round(inverse)}" if abs(inverse - round(inverse)) < 0.01 else f"{value:.0%}"
    for scale, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(value) >= scale:
            number = f"{value / scale:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        number = f"{value:,.0f}" if value == int(value) else f"{value:,.2f}".rstrip("0").rstrip(".")
    symbol = UNIT_SYMBOLS.get(unit)
    if unit == "%":
        return f"{number}%"
    if symbol:
        return f"{symbol}{number}"
    return f"{number} {unit}" if unit else number
