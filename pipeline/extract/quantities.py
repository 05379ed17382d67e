"""Counts in a parsed sentence (GDELT-style "KILL#10#civilians"): value, unit, what is counted, category.

:func:`quantities` is called by :mod:`pipeline.extract.passes` with a parsed one-sentence Doc; the value
of each number phrase comes from :func:`pipeline.extract.values.parse_number`.

What is counted (``object``) comes from the dependency parse:

* ``nummod``: "3,000 fighters", "19 other prisoners" -> the noun the number modifies, when the number comes
  first (after it, the number labels or scores the noun: "Apollo 11", "Quellby 2 Varn 1");
* a unit noun: "6,600 tons of wheat" -> the unit's ``of`` object;
* partitive ``of``: "36 of its members" -> the ``of`` object;
* ``to``/``at``/... on a verb: "bringing the death toll ... to 51,065" -> the verb's object or subject;
* nothing found: a number coordinated with an earlier one borrows its object
  ("10 civilians were killed and 45 injured").

The category comes from the verb, adjective or noun that governs the counted thing.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pipeline.extract.values import (
    CURRENCY_SYMBOLS,
    CURRENCY_WORDS,
    MEASURE_WORDS,
    ParsedNumber,
    parse_number,
)
from pipeline.records import Quantity

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


#: Governing word (lemma) -> GDELT-style count category.
CATEGORIES = {
    "kill": "kill", "die": "kill", "dead": "kill", "death": "kill", "slay": "kill", "execute": "kill",
    "massacre": "kill", "murder": "kill", "fatality": "kill", "manslaughter": "kill", "homicide": "kill",
    "toll": "kill",
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
_UNIT_NOUNS = set(MEASURE_WORDS) | set(CURRENCY_WORDS) | {"percent"}
#: Prepositions through which a number measures the verb's object or subject ("rose to 51", "valued at").
_BORROWING_PREPS = {"to", "at", "from", "by"}
_PRONOUNS = {"PRON"}
#: Verbs of a level moving ("rose to", "closed at"): a bare number after "to" or "at" is where the subject's
#: level stands (an index's), a count only when the subject is one (:data:`_COUNT_NOUNS`); an amount or a
#: percentage still measures the subject ("debt rose to $1 trillion").
_LEVEL_VERBS = frozenset(
    {"rise", "fall", "climb", "drop", "slip", "gain", "jump", "surge", "soar", "plunge", "tumble", "slump"}
    | {"close", "end", "finish", "ease", "edge", "dip", "sink", "slide", "rally", "advance", "decline"}
    | {"increase", "decrease", "grow", "reach", "hit", "stand", "open", "trade", "settle"}
)
#: Nouns that are counts themselves: "the death toll rose to 51", "the number of dead climbed to 40".
_COUNT_NOUNS = frozenset({"toll", "number", "count", "tally", "total", "figure", "population", "membership"})
#: Verbs that say lives ended: "claimed 200 lives", "cost 30 lives", "lives were lost".
_LIFE_TAKING = frozenset({"claim", "cost", "lose", "take"})
#: Nouns whose "of" phrase names what they count: "the number of soldiers killed is three".
_NUMBER_NOUNS = frozenset({"number", "count", "tally", "total"})
#: Nouns of a margin between two sides, which a number after "of" measures without counting things.
_MARGIN_NOUNS = frozenset({"lead", "margin", "deficit", "majority", "advantage", "gap", "score"})
#: Nouns that measure something else named by their "of" phrase.
_MEASURE_NOUNS = {"worth", "value", "total", "amount", "sum", "number", "tally"}


def quantities(
    doc: Doc,
    spans: Sequence[tuple[int, int, str]],
    *,
    article_id: str,
    sentence: int,
    offset: int,
    person_ends: frozenset[int] = frozenset(),
    lemma: Callable[[Token], str] = lambda token: token.lemma_,
    last_object: str = "",
) -> list[Quantity]:
    """Counts among ``spans`` (token start, token end, spaCy label) of a parsed ``doc``: one sentence, or
    a window of one.

    ``offset`` is the doc's character offset in the article body; ``person_ends`` holds token indices
    (in ``doc``) where a PERSON name ends, to recognise "Name, 53," as an age. ``lemma`` gives a token's
    lemma (the pass may compute them on demand); ``last_object`` is what an earlier window of the same
    sentence counted last, for an elliptical count (see :func:`last_object_of`).
    """
    found: list[Quantity] = []
    last_category = ""
    ordered = sorted(spans)
    skip: set[int] = set()
    for position, (start, end, label) in enumerate(ordered):
        if position in skip:
            continue
        span = doc[start:end]
        if len(span) > 1 and span[0].lower_ in _LEADING_PREPOSITIONS:
            span = span[1:]  # "between hundreds" as the model cut it
        text, span_start, span_end = _with_currency_symbol(doc, span)
        where: dict[str, Any] = {
            "article_id": article_id,
            "sentence": sentence,
            "start": offset + span_start,
            "label": label,
        }
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
            whole = doc[span.start : denominator_end]
            counted, _ = _counted(doc, doc[denominator_start:denominator_end], lemma)
            found.append(
                Quantity(**where, end=offset + whole.end_char, text=whole.text,
                         value=round(parsed.value / denominator, 6), unit="ratio",
                         object=_phrase(counted) if counted is not None else "", qualifier=parsed.qualifier)
            )  # fmt: skip
            continue
        if _YEARS_OLD.match(doc.text, span.end_char):  # "Twenty-eight-year-old Orla Quist"
            found.append(Quantity(**where, end=offset + span_end, text=text, value=parsed.value, unit="years",
                                  object="age", category="age"))  # fmt: skip
            continue
        counted, governor = _counted(doc, span, lemma)
        named = counted is not None and _a_named_thing(counted)
        if named:
            counted = None  # "64 Orla Quist" on a leaderboard, "2 for 69 Quellia", "177 Varn St."
        sized = counted is not None and _describes_another_noun(span, counted)
        if sized:
            counted = None  # "a 172-page report", "the six-storey hotel": a size, not a count
        if counted is not None:
            obj = _without_unit_words(_phrase(counted)) if parsed.unit else _phrase(counted)
        elif span.root.pos_ == "NUM" and not (parsed.unit or named or sized or _labels_its_noun(span)):
            obj = last_object  # an elliptical count: "10 civilians were killed and 45 injured"
        else:
            obj = ""
        if not parsed.unit:  # "three meals a day", "19,000 per week": a rate, counted per period
            period = _rate_period(span[-1]) or (_rate_period(counted) if counted is not None else "")
            if period:
                parsed = ParsedNumber(parsed.value, f"per {period}", parsed.qualifier)
        category = _category(doc, span, counted, governor, lemma)
        if last_category and counted is None and _of_a_pronoun(span.root):
            category = last_category  # "killing 21 people, 14 of them children": the 14 died too
        if parsed.value == 1 and not parsed.qualifier and _spelled(span) and (not category or _one_of(span)):
            continue  # "one trader", "the death of one of the gunmen": a determiner or one person, no count
        last_object = obj or last_object
        last_category = category or last_category
        found.append(
            Quantity(**where, end=offset + span_end, text=text, value=parsed.value, unit=parsed.unit, object=obj,
                     qualifier=parsed.qualifier, category=category)
        )  # fmt: skip
    return found


def needs_parse(
    doc: Doc, spans: Sequence[tuple[int, int, str]], person_ends: frozenset[int] = frozenset()
) -> bool:
    """Whether :func:`quantities` reads the parse of ``doc`` for any of ``spans``: not when each is an age
    ("Name, 53,", "a 53-year-old") or has no value ("several", "dozens"), which it decides from the
    words alone. Such a window gives the same counts unparsed, so pass two need not parse it."""
    for start, end, label in spans:
        span = doc[start:end]
        if _age(doc, span, person_ends) is not None:
            continue
        text, _, _ = _with_currency_symbol(doc, span)
        if parse_number(text, label=label) is not None:
            return True
    return False


def last_object_of(found: Sequence[Quantity], last_object: str = "") -> str:
    """What :func:`quantities` left as the last counted object after ``found``, given ``last_object``
    before: ages and ratios do not count things an elliptical count could borrow.

    >>> from pipeline.records import Quantity
    >>> def q(obj, **kw): return Quantity("a", 0, 0, 1, "1", 1.0, object=obj, **kw)
    >>> last_object_of([q("ships"), q("")], "boats")
    'ships'
    >>> last_object_of([q("age", unit="years", category="age")], "boats")
    'boats'
    """
    for quantity in reversed(found):
        if quantity.object and quantity.category != "age" and quantity.unit != "ratio":
            return quantity.object
    return last_object


def _unit_from_head(span: Span, parsed: ParsedNumber, label: str) -> ParsedNumber:
    """ "about 200 billion" + "euros": the unit can be the noun the number modifies, outside the entity."""
    root = span.root
    if parsed.unit or root.dep_ not in {"nummod", "quantmod", "compound"}:
        return parsed
    head = root.head.lower_
    if head in CURRENCY_WORDS and (label != "QUANTITY" or head not in MEASURE_WORDS):
        return ParsedNumber(parsed.value, CURRENCY_WORDS[head], parsed.qualifier)
    if head in MEASURE_WORDS:
        return ParsedNumber(parsed.value, MEASURE_WORDS[head], parsed.qualifier)
    doc = span.doc
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in MEASURE_WORDS and after.head.i == root.head.i:
        # "a 6,800 kilogram bomb", the unit parsed as a word of the bomb's name beside the number
        return ParsedNumber(parsed.value, MEASURE_WORDS[after.lower_], parsed.qualifier)
    return parsed


def _ratio_denominator(
    doc: Doc, span: Span, ordered: Sequence[tuple[int, int, str]], position: int
) -> tuple[int, float] | None:
    """ "one in eight": the next number follows after "in" (or "out of")."""
    if position + 1 >= len(ordered):
        return None
    next_start, next_end, next_label = ordered[position + 1]
    between = doc[span.end : next_start].text.lower().strip()
    if between not in {"in", "out of", "of every", "in every"}:
        return None
    parsed = parse_number(doc[next_start:next_end].text, label=next_label)
    if parsed is None or parsed.value == 0:
        return None
    return position + 1, parsed.value


def _with_currency_symbol(doc: Doc, span: Span) -> tuple[str, int, int]:
    """spaCy leaves "$" outside MONEY entities ("$185,000" -> "185,000"); take it back in."""
    start = span.start_char
    text = span.text
    if span.start > 0:
        before = doc[span.start - 1]
        if before.text.lower() in CURRENCY_SYMBOLS and not before.whitespace_:
            start = before.idx
            text = before.text + text
    return text, start, span.end_char


def _spelled(span: Span) -> bool:
    return not any(ch.isdigit() for ch in span.text)


def age_of(text: str) -> float | None:
    """The age a "-year-old" phrase gives, in digits or words; None for any other text.

    >>> age_of("53-year-old"), age_of("three-year-old"), age_of("Twenty-eight-year-old"), age_of("53")
    (53.0, 3.0, 28.0, None)
    """
    match = _AGE_PHRASE.match(text)
    return _an_age(match.group(1)) if match else None


_AGE_PHRASE = re.compile(r"^(.+?)[- ]years?[- ]old$", re.IGNORECASE)


def _an_age(text: str) -> float | None:
    """ "53" or "three" as a person's age: a whole number of years under 130."""
    parsed = parse_number(text)
    if parsed is None or parsed.unit or parsed.qualifier or not 0 < parsed.value < 130:
        return None
    return parsed.value if float(parsed.value).is_integer() else None


def _age(doc: Doc, span: Span, person_ends: frozenset[int]) -> float | None:
    """ "Oghenochuko Ojiri, 53,", "a 53-year-old" and "two boys aged three and 13" are ages, not counts."""
    text = span.text
    phrase = age_of(text)
    if phrase is not None:
        return phrase
    start, end = span.start, span.end
    before = start
    while before > 0 and (doc[before - 1].like_num or doc[before - 1].lower_ in {"and", ","}):
        before -= 1  # "aged three and 13": the 13 is an age too
    if before > 0 and doc[before - 1].lower_ == "aged":
        return _an_age(text)
    if not re.match(r"^\d{1,3}$", text):
        return None
    after = doc[end].text if end < len(doc) else ""
    before_comma = start >= 2 and doc[start - 1].text == "," and (start - 2) in person_ends
    if before_comma and after in {",", ".", ")", ""}:
        return float(text)
    return None


def ages_after_people(found: Sequence[Quantity], body: str, person_ends: frozenset[int]) -> list[Quantity]:
    """``found`` with each bare "Name, 53," number after a person's name made an age: ``person_ends`` are
    the character offsets where the article's people end, as the whole article's rules typed them (the
    model had called "Mr Quist" or "Orla Varnby" no person, so pass two could not tell).

    >>> body = "Mr Quist, 53, and 12 sailors."
    >>> q = [Quantity("a", 0, 10, 12, "53", 53.0), Quantity("a", 0, 19, 21, "12", 12.0, object="sailors")]
    >>> [(x.value, x.object, x.category) for x in ages_after_people(q, body, frozenset({8}))]
    [(53.0, 'age', 'age'), (12.0, 'sailors', '')]
    """
    aged = []
    for q in found:
        bare = not (q.unit or q.object or q.category or q.qualifier)
        after = body[q.end : q.end + 1]
        if (
            bare
            and re.fullmatch(r"\d{1,3}", q.text)
            and body[q.start - 2 : q.start] == ", "
            and q.start - 2 in person_ends
            and after in {",", ".", ")", ""}
            and 0 < q.value < 130
        ):
            q = replace(q, unit="years", object="age", category="age")
        aged.append(q)
    return aged


def _not_a_count(doc: Doc, span: Span, parsed: ParsedNumber) -> bool:
    text = span.text
    if parsed.unit:
        return False
    if _joined_to_a_number(span):  # "a 3-0 win", "won 6-4": a score; "aged 18-25": a range
        return True
    # Years: four digits in the plausible range with no counted noun after them ("since 2019").
    if re.match(r"^(1[89]\d\d|20\d\d)$", text):
        head = span.root.head
        plural_noun = span.root.dep_ == "nummod" and head.tag_ == "NNS"
        if not plural_noun:
            return True
    # Part of a name: "Group of Seven", "Apollo 11" - a capitalized number word or a number that is a
    # proper noun's modifier inside a run of capitalized words.
    first = span[0]
    if first.is_alpha and first.text[0].isupper() and not first.is_sent_start and not parsed.qualifier:
        return True
    root = span.root
    return bool(root.pos_ == "PROPN" and root.head.pos_ == "PROPN" and root.head.text[:1].isupper())


def _rate_period(counted: Token) -> str:
    """ "day" of "three meals a day", "week" of "40 flights per week": the period of a rate."""
    doc, i = counted.doc, counted.i
    if i + 2 >= len(doc):
        return ""
    word, period = doc[i + 1].lower_, doc[i + 2].lower_
    after = doc[i + 3].lower_ if i + 3 < len(doc) else ""
    if word in {"a", "an", "per", "each", "every"} and period in _PERIODS and after not in _NOT_A_RATE:
        return period
    return ""


#: Words after "a day" that make it a time, not a rate's period: "40 men a year ago", "a week earlier".
_NOT_A_RATE = frozenset({"ago", "earlier", "later", "before", "after", "old", "or"})


_PERIODS = frozenset({"hour", "day", "night", "week", "fortnight", "month", "year", "season"})


def _joined_to_a_number(span: Span) -> bool:
    """Is the number one side of a score or range written with a dash and no spaces ("3-0", "6–4"), or
    of a cricket score ("7 for 309")?"""
    doc, start, end = span.doc, span.start, span.end
    after = (
        end + 1 < len(doc)
        and doc[end].text in _DASHES
        and not span[-1].whitespace_
        and not doc[end].whitespace_
        and doc[end + 1].text[:1].isdigit()
    )
    before = (
        start >= 2
        and doc[start - 1].text in _DASHES
        and not doc[start - 1].whitespace_
        and not doc[start - 2].whitespace_
        and doc[start - 2].text[-1:].isdigit()
    )
    # a cricket score "7 for 309", "out for 9" aside (a batsman's runs stay a bare value)
    for_after = end + 1 < len(doc) and doc[end].lower_ == "for" and doc[end + 1].text[:1].isdigit()
    for_before = start >= 2 and doc[start - 1].lower_ == "for" and doc[start - 2].text[-1:].isdigit()
    return after or before or for_after or for_before


_DASHES = frozenset({"-", "\u2013", "\u2014"})


def _counted(doc: Doc, span: Span, lemma: Callable[[Token], str]) -> tuple[Token | None, Token | None]:
    """The token naming what is counted, and the token that governs the number phrase."""
    target = span.root
    if _labels_its_noun(span):  # "game four of the semifinals": the game's label, before any "of"
        return None, target.head.head
    # "6,600 tons of wheat", "36 of its members", "dozens of prisoners": partitive or measure "of".
    of_object = _of_object(target)
    if of_object is not None:
        return of_object, target.head
    if (
        target.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"}
        and target.head.pos_ in _OBJECT_POS
    ):
        head = target.head
        if _labels_its_noun(span):
            return None, head.head
        if head.lower_ in _UNIT_NOUNS or lemma(head).lower() in _MEASURE_NOUNS:
            # "3,000 tons of wheat" with the unit outside the entity; "$185,000 worth of goods"
            nested = _of_object(head)
            return (nested if nested is not None else head), head.head
        return head, head.head
    if target.dep_ in {"attr", "acomp"} and target.head.pos_ in {"AUX", "VERB"}:  # "turnout was 45%"
        subject = next((c for c in target.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.pos_ in _OBJECT_POS:
            # "the number of soldiers killed is now three": the soldiers are counted, not the number
            counted_by = _of_object(subject) if lemma(subject).lower() in _NUMBER_NOUNS else None
            if counted_by is not None and counted_by.pos_ == "NOUN":
                return counted_by, target.head
            return subject, target.head  # "the population of York was 181,000"
    if target.dep_ in {"dobj", "npadvmod"} and target.head.pos_ == "VERB" and _is_measure(span):
        subject = next((c for c in target.head.children if c.dep_ == "nsubj" and c.pos_ in _OBJECT_POS), None)
        if subject is not None:
            return subject, target.head  # "shares in London rose 0.6%"
    if target.dep_ == "appos":  # "140,000 pounds ($185,000)"
        return _counted(doc, _as_span(target.head), lemma)
    if target.dep_ == "pobj" and target.head.dep_ == "prep":
        prep = target.head
        verb = _ancestor(prep, _GOVERNING_POS - {"ADJ"}) if prep.lower_ in _BORROWING_PREPS else None
        argument = _verb_argument(verb) if verb is not None else None
        if verb is not None and argument is not None:
            level = lemma(verb).lower() in _LEVEL_VERBS and not _an_amount(span)  # "debt rose to $1 trillion"
            if level and lemma(argument).lower() not in _COUNT_NOUNS:
                return None, verb  # "the index fell 1.5% to 7,430": a level it reached, nothing counted
            return argument, verb  # "bringing the death toll ... to 51,065"
        if prep.head.pos_ in _OBJECT_POS and lemma(prep.head).lower() in _MARGIN_NOUNS:
            return None, prep.head.head  # "an overall lead of 68", "a majority of 12": a margin, no things
        if prep.head.pos_ in _OBJECT_POS and prep.head.lower_ not in _UNIT_NOUNS:
            return prep.head, prep.head.head  # "ransoms of $3,000", "the art sales for about 140,000 pounds"
    if target.pos_ in _OBJECT_POS and target.lower_ in _UNIT_NOUNS and target.head.pos_ in _OBJECT_POS:
        return target.head, target.head.head
    return None, _ancestor(target, _GOVERNING_POS)


def _without_unit_words(phrase: str) -> str:
    """A measured object without the unit's own words before it: "kilometre containment line" of "a 20
    kilometre containment line" -> "containment line", "hectares" of "200 hectares" -> "".

    >>> _without_unit_words("kilometre containment line"), _without_unit_words("hectares"), _without_unit_words("aid")
    ('containment line', '', 'aid')
    """
    words = phrase.split()
    while words and words[0].lower() in _UNIT_WORDS:
        words.pop(0)
    return " ".join(words)


#: Words of a unit, which name no measured thing.
_UNIT_WORDS = frozenset(MEASURE_WORDS) | frozenset(CURRENCY_WORDS) | {"cent", "percent", "per"}


def _a_named_thing(token: Token) -> bool:
    """Is the counted word part of the name of a person or place ("64 Orla Quist", "Quellia at 2 for
    69"), or a singular proper noun that names one thing ("177 Varn St.", "23 January")? Counts count
    kinds of things. A people ("Taliban" the model calls an organization, "Timorese") and plurals
    ("Israelis", "Marines") stay counted."""
    if token.ent_type_ in {"PERSON", "GPE", "LOC", "FAC"}:
        return True
    return token.tag_ == "NNP" and token.ent_type_ not in {"ORG", "NORP"}


#: What makes a number before it an age: "-year-old", "-years-old".
_YEARS_OLD = re.compile(r"-years?-old\b", re.IGNORECASE)


def _describes_another_noun(span: Span, counted: Token) -> bool:
    """Is the counted word hyphenated to the number and the pair an adjective of another noun ("a
    172-page report", "the six-storey hotel", "an eight-nation contest", "a quarter-point cut")? Then
    the number gives the size of that thing, and counts nothing."""
    doc = span.doc
    joined = (
        span.end + 1 == counted.i
        and doc[span.end].text == "-"
        and not span[-1].whitespace_
        and not doc[span.end].whitespace_
    )
    return joined and counted.head.i > counted.i and counted.head.pos_ in {"NOUN", "PROPN"}


def _labels_its_noun(span: Span) -> bool:
    """Does the number come after the noun it modifies, labelling or scoring it ("Apollo 11", "Quellby 2
    Varn 1", "Tab 8", "Quist scoring 81")? English counts come before what they count, so such a number
    counts nothing, not even what an earlier number of its sentence counted."""
    target = span.root
    return (
        target.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"}
        and target.head.pos_ in _OBJECT_POS
        and target.head.i < span.start
    )


def _is_measure(span: Span) -> bool:
    """A percentage or amount: it measures its verb's subject rather than counting things."""
    return any(t.text == "%" or t.lower_ in _UNIT_NOUNS for t in span)


def _an_amount(span: Span) -> bool:
    """Money, a percentage or a measure ("$1 trillion", "19 per cent", "500 metres"), not a bare number."""
    measured = span.label_ in {"MONEY", "PERCENT", "QUANTITY"}
    return measured or any(
        t.text in CURRENCY_SYMBOLS or t.text == "%" or t.lower_ in _UNIT_WORDS for t in span
    )


def _as_span(token: Token) -> Span:
    return token.doc[token.i : token.i + 1]


def _of_object(token: Token) -> Token | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj" and grandchild.pos_ in _OBJECT_POS | _PRONOUNS:
                    if grandchild.pos_ not in _OBJECT_POS:
                        return None
                    return _shared_head(grandchild) or grandchild
    return None


#: Words the model sometimes takes into a number's entity: "between hundreds of supporters".
_LEADING_PREPOSITIONS = frozenset({"between", "of", "among", "with"})


def _one_of(span: Span) -> bool:
    """ "one of the gunmen": one person picked out of a group."""
    doc = span.doc
    return span.end < len(doc) and doc[span.end].lower_ == "of"


def _of_a_pronoun(token: Token) -> bool:
    """ "14 of them", "two of whom": a part of what was counted before."""
    return any(
        child.dep_ == "prep" and child.lower_ == "of" and any(g.pos_ == "PRON" for g in child.children)
        for child in token.children
    )


def _shared_head(name: Token) -> Token | None:
    """The common noun that a proper noun is coordinated into as one of its modifiers: "offices" of
    "dozens of Quellist and Varn Front offices", which the parser reads as "Quellist" and "offices"."""
    if name.pos_ != "PROPN":
        return None
    return next((c for c in name.children if c.dep_ == "conj" and c.pos_ == "NOUN" and c.tag_ == "NNS"), None)


def _verb_argument(verb: Token) -> Token | None:
    if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ in _OBJECT_POS:
        return verb.head  # "the collection, valued at almost 1 million pounds"
    for dep in ("dobj", "nsubjpass", "nsubj", "attr"):
        for child in verb.children:
            if child.dep_ == dep and child.pos_ in _OBJECT_POS:
                return child
    return None


def _first_conjunct(noun: Token) -> Token:
    """The first of the nouns ``noun`` is coordinated with ("troops" of "three troops and five police")."""
    while noun.dep_ == "conj" and noun.head.pos_ in _OBJECT_POS and noun.head.i < noun.i:
        noun = noun.head
    return noun


def _ancestor(token: Token, pos: set[str]) -> Token | None:
    current = token
    for _ in range(8):
        if current.head is current:
            return current if current.pos_ in pos else None
        current = current.head
        if current.pos_ in pos:
            return current
    return None


def _phrase(token: Token) -> str:
    """The counted noun with its common-noun compounds and hyphenated parts: "death toll", "counter-attacks"."""
    doc = token.doc
    start = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.dep_ == "compound" and child.pos_ == "NOUN" and child.i == start - 1:
            start = child.i
    end = token.i + 1
    while start > 0 and not doc[start - 1].whitespace_ and doc[start - 1].is_alpha:
        start -= 1
    while start > 0 and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].is_alpha or doc[end].text == "-"):
        end += 1
    return doc[start:end].text.strip("-")


def _category(
    doc: Doc, span: Span, counted: Token | None, governor: Token | None, lemma: Callable[[Token], str]
) -> str:
    after = doc[span.end] if span.end < len(doc) else None
    if counted is None and after is not None and after.pos_ in {"VERB", "ADJ"}:
        for form in (after.lower_, lemma(after).lower()):
            if form in CATEGORIES:  # "... killed and around 120 injured": the word after a bare count
                return CATEGORIES[form]
    candidates: list[Token] = []
    governors = [governor] if governor is not None else []
    if counted is not None:
        candidates.extend(t for t in counted.children if t.dep_ in {"acl", "relcl", "amod", "compound"})
        candidates.append(counted)
        first = _first_conjunct(counted)
        if first.i != counted.i:  # "three soldiers and five police were killed": the verb governs both
            candidates.extend(t for t in first.children if t.dep_ in {"acl", "relcl"})
            governors.append(first.head)
    root = span.root
    candidates.extend(t for t in root.children if t.dep_ in {"acl", "relcl", "amod"})
    if (
        counted is not None
        and counted.dep_ == "nsubj"
        and any(c.dep_ == "dobj" for c in counted.head.children)
    ):
        # "three gunmen killed 25 people": the gunmen did it, it did not happen to them
        governors = [g for g in governors if g.i != counted.head.i]
    for governing in governors:
        if governing.dep_ == "prep" and governing.lower_ == "of":
            governing = governing.head  # "the killing of 18 tourists", "the evacuation of 500 residents"
        elif governing.dep_ == "prep" and governing.lower_ in {"including", "among"}:
            # "21 people including 14 children were killed": what happened to the whole, happened to the part
            whole = governing.head
            governing = whole.head if whole.dep_ in {"nsubj", "nsubjpass", "dobj"} else whole
        if (
            counted is not None
            and lemma(counted).lower() == "life"
            and lemma(governing).lower() in _LIFE_TAKING
        ):
            return "kill"  # "the quake claimed 200 lives", "30 lives were lost"
        candidates.append(governing)
        # "left three people dead and 20 injured": the predicate of the counted ("oprd") before the next verb
        candidates.extend(
            t for t in governing.children if t.dep_ in {"oprd", "xcomp", "acomp", "conj", "advcl"}
        )
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in _GOVERNING_POS:
        candidates.append(root.head)
    for token in candidates:
        for form in (lemma(token).lower(), token.lower_):
            if form in CATEGORIES:
                return CATEGORIES[form]
    return ""
