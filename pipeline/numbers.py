"""Numbers: turn number mentions in a parsed sentence into counts (GDELT-style "KILL#10#civilians").

:func:`quantities` is the stage function, called by :mod:`pipeline.extract` with a parsed sentence.
:func:`parse_number` reads a value, unit and qualifier from the words alone and needs no model.

What is counted (``object``) comes from the dependency parse:

* ``nummod``: "3,000 fighters", "19 other prisoners" -> the noun the number modifies;
* a unit noun: "6,600 tons of wheat" -> the unit's ``of`` object;
* partitive ``of``: "36 of its members" -> the ``of`` object;
* ``to``/``at``/... on a verb: "bringing the death toll ... to 51,065" -> the verb's object or subject;
* nothing found: a number coordinated with an earlier one borrows its object
  ("10 civilians were killed and 45 injured").

The category comes from the verb, adjective or noun that governs the counted thing.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.records import Quantity

# --- values -----------------------------------------------------------------------------------------

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
_FRACTIONS = {"half": 0.5, "quarter": 0.25, "third": 1 / 3}
#: Vague plurals: the smallest amount they can mean, so the count stays a lower bound.
_VAGUE = {"dozens": 24, "scores": 40, "hundreds": 200, "thousands": 2000, "millions": 2e6, "billions": 2e9}
_DOZEN = {"dozen": 12}

#: Qualifier phrases, longest first, mapped to the normal form written in numbers.csv.
_QUALIFIERS = [
    ("more than", "more than"), ("greater than", "more than"), ("upwards of", "more than"), ("over", "more than"),
    ("in excess of", "more than"), ("at least", "at least"), ("no fewer than", "at least"),
    ("no less than", "at least"), ("a minimum of", "at least"), ("at most", "at most"), ("up to", "at most"),
    ("no more than", "at most"), ("less than", "less than"), ("fewer than", "less than"), ("under", "less than"),
    ("below", "less than"), ("nearly", "nearly"), ("almost", "nearly"), ("close to", "nearly"),
    ("just under", "nearly"), ("about", "about"), ("around", "about"), ("approximately", "about"),
    ("roughly", "about"), ("some", "about"), ("an estimated", "about"), ("estimated", "about"),
    ("circa", "about"), ("~", "about"),
]  # fmt: skip

_CURRENCY_SYMBOLS = {"us$": "USD", "$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "₪": "ILS"}
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "pound": "GBP", "pounds": "GBP", "sterling": "GBP",
    "gbp": "GBP", "euro": "EUR", "euros": "EUR", "eur": "EUR", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY",
    "rupee": "INR", "rupees": "INR", "shekel": "ILS", "shekels": "ILS", "lira": "TRY", "liras": "TRY",
    "ruble": "RUB", "rubles": "RUB", "rouble": "RUB", "roubles": "RUB", "riyal": "SAR", "riyals": "SAR",
    "dirham": "AED", "dirhams": "AED", "franc": "CHF", "francs": "CHF",
}  # fmt: skip
_MEASURE_WORDS = {
    "ton": "t", "tons": "t", "tonne": "t", "tonnes": "t", "kg": "kg", "kilogram": "kg", "kilograms": "kg",
    "kilo": "kg", "kilos": "kg", "gram": "g", "grams": "g", "pound": "lb", "pounds": "lb", "lb": "lb",
    "lbs": "lb", "km": "km", "kilometre": "km", "kilometres": "km", "kilometer": "km", "kilometers": "km",
    "metre": "m", "metres": "m", "meter": "m", "meters": "m", "mile": "mi", "miles": "mi", "acre": "acre",
    "acres": "acre", "hectare": "ha", "hectares": "ha", "barrel": "bbl", "barrels": "bbl", "litre": "l",
    "litres": "l", "liter": "l", "liters": "l", "gallon": "gal", "gallons": "gal", "megawatt": "MW",
    "megawatts": "MW", "mw": "MW", "feet": "ft", "foot": "ft",
}  # fmt: skip
_PERCENT_WORDS = {"%": "%", "percent": "%", "per cent": "%", "pct": "%", "percentage points": "pp"}
UNIT_SYMBOLS = {"USD": "$", "GBP": "£", "EUR": "€", "JPY": "¥", "INR": "₹", "ILS": "₪", "%": "%"}

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
    """
    words = _words(text)
    qualifier, words = _take_qualifier(words)
    unit, words = _take_unit(words, label)
    if not words:
        return None
    if len(words) == 1 and words[0] in _VAGUE:
        return ParsedNumber(float(_VAGUE[words[0]]), unit, qualifier or "at least")
    value = _words_value(words)
    if value is None or not math.isfinite(value):
        return None
    return ParsedNumber(value, unit, qualifier)


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
    for phrase, normal in _QUALIFIERS:
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
        if word in _CURRENCY_SYMBOLS:
            unit = _CURRENCY_SYMBOLS[word]
        elif word in _PERCENT_WORDS:
            unit = _PERCENT_WORDS[word]
        elif word in _CURRENCY_WORDS and (label != "QUANTITY" or word not in _MEASURE_WORDS):
            unit = unit or _CURRENCY_WORDS[word]  # "pounds" is money unless spaCy says it is a weight
        elif word in _MEASURE_WORDS:
            unit = unit or _MEASURE_WORDS[word]
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
        elif word in _SCALES and seen:
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
    1e6, "GBP" -> "£1 million";  0.125, "ratio" -> "1 in 8"."""
    if not math.isfinite(value):
        return str(value)
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


# --- counts in a parsed sentence --------------------------------------------------------------------

#: Governing word (lemma) -> GDELT-style count category.
CATEGORIES = {
    "kill": "kill", "die": "kill", "dead": "kill", "death": "kill", "slay": "kill", "execute": "kill",
    "massacre": "kill", "murder": "kill", "fatality": "kill",
    "injure": "wound", "wound": "wound", "hurt": "wound", "injured": "wound", "wounded": "wound",
    "injury": "wound",
    "arrest": "arrest", "detain": "arrest", "jail": "arrest", "imprison": "arrest", "apprehend": "arrest",
    "kidnap": "kidnap", "abduct": "kidnap", "hostage": "kidnap",
    "seize": "seize", "capture": "seize", "confiscate": "seize",
    "escape": "escape", "flee": "escape",
    "surrender": "surrender",
    "displace": "affect", "evacuate": "affect", "homeless": "affect", "uproot": "affect",
}  # fmt: skip
_GOVERNING_POS = {"VERB", "AUX", "ADJ"}
_OBJECT_POS = {"NOUN", "PROPN"}
_UNIT_NOUNS = set(_MEASURE_WORDS) | set(_CURRENCY_WORDS) | {"percent"}
#: Prepositions through which a number measures the verb's object or subject ("rose to 51", "valued at").
_BORROWING_PREPS = {"to", "at", "from", "by"}
_PRONOUNS = {"PRON"}
#: Nouns that measure something else named by their "of" phrase.
_MEASURE_NOUNS = {"worth", "value", "total", "amount", "sum", "number", "tally"}


def quantities(
    doc: object,
    spans: Sequence[tuple[int, int, str]],
    *,
    article_id: str,
    sentence: int,
    offset: int,
    person_ends: frozenset[int] = frozenset(),
) -> list[Quantity]:
    """Counts among ``spans`` (token start, token end, spaCy label) of a parsed one-sentence ``doc``.

    ``offset`` is the sentence's character offset in the article body; ``person_ends`` holds token
    indices (in ``doc``) where a PERSON name ends, to recognise "Name, 53," as an age.
    """
    found: list[Quantity] = []
    last_object = ""
    ordered = sorted(spans)
    skip: set[int] = set()
    for position, (start, end, label) in enumerate(ordered):
        if position in skip:
            continue
        span = doc[start:end]  # type: ignore[index]
        text, span_start, span_end = _with_currency_symbol(doc, span)
        where = {"article_id": article_id, "sentence": sentence, "start": offset + span_start, "label": label}
        age = _age(doc, span, person_ends)
        if age is not None:
            found.append(Quantity(**where, end=offset + span_end, text=text, value=age, unit="years", object="age",
                                  category="age"))  # fmt: skip
            continue
        parsed = parse_number(text, label=label)
        if parsed is None:
            continue
        parsed = _unit_from_head(span, parsed, label)
        if _not_a_count(doc, span, parsed):
            continue
        ratio = _ratio_denominator(doc, span, ordered, position)
        if ratio is not None:  # "one in eight members": a share, not two counts
            denominator_position, denominator = ratio
            skip.add(denominator_position)
            denominator_start, denominator_end, _ = ordered[denominator_position]
            whole = doc[span.start : denominator_end]  # type: ignore[index]
            counted, _ = _counted(doc, doc[denominator_start:denominator_end])  # type: ignore[index]
            found.append(
                Quantity(**where, end=offset + whole.end_char, text=whole.text,  # type: ignore[attr-defined]
                         value=round(parsed.value / denominator, 6), unit="ratio",
                         object=_phrase(counted) if counted is not None else "", qualifier=parsed.qualifier)
            )  # fmt: skip
            continue
        counted, governor = _counted(doc, span)
        if counted is not None:
            obj = _phrase(counted)
        elif span.root.pos_ == "NUM" and not parsed.unit:  # type: ignore[attr-defined]
            obj = last_object  # an elliptical count: "10 civilians were killed and 45 injured"
        else:
            obj = ""
        category = _category(doc, span, counted, governor)
        if parsed.value == 1 and not parsed.qualifier and not category and _spelled(span):
            continue  # "one trader", "one of the": a determiner, not a count
        last_object = obj or last_object
        found.append(
            Quantity(**where, end=offset + span_end, text=text, value=parsed.value, unit=parsed.unit, object=obj,
                     qualifier=parsed.qualifier, category=category)
        )  # fmt: skip
    return found


def _unit_from_head(span: object, parsed: ParsedNumber, label: str) -> ParsedNumber:
    """ "about 200 billion" + "euros": the unit can be the noun the number modifies, outside the entity."""
    root = span.root  # type: ignore[attr-defined]
    if parsed.unit or root.dep_ not in {"nummod", "quantmod", "compound"}:
        return parsed
    head = root.head.lower_
    if head in _CURRENCY_WORDS and (label != "QUANTITY" or head not in _MEASURE_WORDS):
        return ParsedNumber(parsed.value, _CURRENCY_WORDS[head], parsed.qualifier)
    if head in _MEASURE_WORDS:
        return ParsedNumber(parsed.value, _MEASURE_WORDS[head], parsed.qualifier)
    return parsed


def _ratio_denominator(
    doc: object, span: object, ordered: Sequence[tuple[int, int, str]], position: int
) -> tuple[int, float] | None:
    """ "one in eight": the next number follows after "in" (or "out of")."""
    if position + 1 >= len(ordered):
        return None
    next_start, next_end, next_label = ordered[position + 1]
    between = doc[span.end : next_start].text.lower().strip()  # type: ignore[attr-defined,index]
    if between not in {"in", "out of", "of every", "in every"}:
        return None
    parsed = parse_number(doc[next_start:next_end].text, label=next_label)  # type: ignore[index]
    if parsed is None or parsed.value == 0:
        return None
    return position + 1, parsed.value


def _with_currency_symbol(doc: object, span: object) -> tuple[str, int, int]:
    """spaCy leaves "$" outside MONEY entities ("$185,000" -> "185,000"); take it back in."""
    start = span.start_char  # type: ignore[attr-defined]
    text = span.text  # type: ignore[attr-defined]
    if span.start > 0:  # type: ignore[attr-defined]
        before = doc[span.start - 1]  # type: ignore[index,attr-defined]
        if before.text.lower() in _CURRENCY_SYMBOLS and not before.whitespace_:
            start = before.idx
            text = before.text + text
    return text, start, span.end_char  # type: ignore[attr-defined]


def _spelled(span: object) -> bool:
    return not any(ch.isdigit() for ch in span.text)  # type: ignore[attr-defined]


def _age(doc: object, span: object, person_ends: frozenset[int]) -> float | None:
    """ "Oghenochuko Ojiri, 53," and "a 53-year-old" are ages, not counts."""
    text = span.text  # type: ignore[attr-defined]
    match = re.match(r"^(\d{1,3})[- ]years?[- ]old$", text)
    if match:
        return float(match.group(1))
    if not re.match(r"^\d{1,3}$", text):
        return None
    start, end = span.start, span.end  # type: ignore[attr-defined]
    after = doc[end].text if end < len(doc) else ""  # type: ignore[arg-type,index,attr-defined]
    before_comma = start >= 2 and doc[start - 1].text == "," and (start - 2) in person_ends  # type: ignore[index]
    if before_comma and after in {",", ".", ")", ""}:
        return float(text)
    if start > 0 and doc[start - 1].lower_ == "aged":  # type: ignore[index,attr-defined]
        return float(text)
    return None


def _not_a_count(doc: object, span: object, parsed: ParsedNumber) -> bool:
    text = span.text  # type: ignore[attr-defined]
    if parsed.unit:
        return False
    # Years: four digits in the plausible range with no counted noun after them ("since 2019").
    if re.match(r"^(1[89]\d\d|20\d\d)$", text):
        head = span.root.head  # type: ignore[attr-defined]
        plural_noun = span.root.dep_ == "nummod" and head.tag_ == "NNS"  # type: ignore[attr-defined]
        if not plural_noun:
            return True
    # Part of a name: "Group of Seven", "Apollo 11" - a capitalized number word or a number that is a
    # proper noun's modifier inside a run of capitalized words.
    first = span[0]  # type: ignore[index]
    if first.is_alpha and first.text[0].isupper() and not first.is_sent_start and not parsed.qualifier:
        return True
    root = span.root  # type: ignore[attr-defined]
    return bool(root.pos_ == "PROPN" and root.head.pos_ == "PROPN" and root.head.text[:1].isupper())


def _counted(doc: object, span: object) -> tuple[object | None, object | None]:
    """The token naming what is counted, and the token that governs the number phrase."""
    target = span.root  # type: ignore[attr-defined]
    # "6,600 tons of wheat", "36 of its members", "dozens of prisoners": partitive or measure "of".
    of_object = _of_object(target)
    if of_object is not None:
        return of_object, target.head
    if (
        target.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"}
        and target.head.pos_ in _OBJECT_POS
    ):
        head = target.head
        if head.lower_ in _UNIT_NOUNS or head.lemma_.lower() in _MEASURE_NOUNS:
            # "3,000 tons of wheat" with the unit outside the entity; "$185,000 worth of goods"
            nested = _of_object(head)
            return (nested if nested is not None else head), head.head
        return head, head.head
    if target.dep_ in {"attr", "acomp"} and target.head.pos_ in {"AUX", "VERB"}:  # "turnout was 45%"
        subject = next((c for c in target.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ in _OBJECT_POS:
            return subject, target.head
    if target.dep_ in {"dobj", "npadvmod"} and target.head.pos_ == "VERB" and _is_measure(span):
        subject = next((c for c in target.head.children if c.dep_ == "nsubj" and c.pos_ in _OBJECT_POS), None)
        if subject is not None:
            return subject, target.head  # "shares in London rose 0.6%"
    if target.dep_ == "appos":  # "140,000 pounds ($185,000)"
        return _counted(doc, _as_span(target.head))
    if target.dep_ == "pobj" and target.head.dep_ == "prep":
        prep = target.head
        verb = _ancestor(prep, _GOVERNING_POS - {"ADJ"}) if prep.lower_ in _BORROWING_PREPS else None
        if verb is not None and _verb_argument(verb) is not None:
            return _verb_argument(verb), verb  # "bringing the death toll ... to 51,065"
        if prep.head.pos_ in _OBJECT_POS and prep.head.lower_ not in _UNIT_NOUNS:
            return prep.head, prep.head.head  # "ransoms of $3,000", "the art sales for about 140,000 pounds"
    if target.pos_ in _OBJECT_POS and target.lower_ in _UNIT_NOUNS and target.head.pos_ in _OBJECT_POS:
        return target.head, target.head.head
    return None, _ancestor(target, _GOVERNING_POS)


def _is_measure(span: object) -> bool:
    """A percentage or amount: it measures its verb's subject rather than counting things."""
    return any(t.text == "%" or t.lower_ in _UNIT_NOUNS for t in span)  # type: ignore[attr-defined]


def _as_span(token: object) -> object:
    return token.doc[token.i : token.i + 1]  # type: ignore[attr-defined]


def _of_object(token: object) -> object | None:
    for child in token.children:  # type: ignore[attr-defined]
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _OBJECT_POS | _PRONOUNS:
                    return grandchild if grandchild.pos_ in _OBJECT_POS else None
    return None


def _verb_argument(verb: object) -> object | None:
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in _OBJECT_POS:  # type: ignore[attr-defined]
        return verb.head  # "the collection, valued at almost 1 million pounds"  # type: ignore[attr-defined]
    for dep in ("dobj", "nsubjpass", "nsubj", "attr"):
        for child in verb.children:  # type: ignore[attr-defined]
            if child.dep_ == dep and child.pos_ in _OBJECT_POS:
                return child
    return None


def _ancestor(token: object, pos: set[str]) -> object | None:
    current = token
    for _ in range(8):
        if current.head is current:  # type: ignore[attr-defined]
            return current if current.pos_ in pos else None  # type: ignore[attr-defined]
        current = current.head  # type: ignore[attr-defined]
        if current.pos_ in pos:  # type: ignore[attr-defined]
            return current
    return None


def _phrase(token: object) -> str:
    """The counted noun with its common-noun compounds and hyphenated parts: "death toll", "counter-attacks"."""
    doc = token.doc  # type: ignore[attr-defined]
    start = token.i  # type: ignore[attr-defined]
    for child in sorted(token.lefts, key=lambda t: -t.i):  # type: ignore[attr-defined]
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.i == start - 1:
            start = child.i
    end = token.i + 1  # type: ignore[attr-defined]
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].is_alpha:
        start -= 1
    while start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].is_alpha or doc[end].text == "-"):
        end += 1
    return doc[start:end].text.strip("-")


def _category(doc: object, span: object, counted: object | None, governor: object | None) -> str:
    candidates: list[object] = []
    if counted is not None:
        candidates.extend(t for t in counted.children if t.dep_ in {"acl", "relcl", "amod", "compound"})  # type: ignore[attr-defined]
        candidates.append(counted)
    root = span.root  # type: ignore[attr-defined]
    candidates.extend(t for t in root.children if t.dep_ in {"acl", "relcl", "amod"})
    if governor is not None:
        candidates.append(governor)
        candidates.extend(t for t in governor.children if t.dep_ in {"xcomp", "acomp", "conj", "advcl"})  # type: ignore[attr-defined]
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in _GOVERNING_POS:
        candidates.append(root.head)
    for token in candidates:
        for form in (token.lemma_.lower(), token.lower_):  # type: ignore[attr-defined]
            if form in CATEGORIES:
                return CATEGORIES[form]
    return ""
