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
  ("10 civilians were killed and 45 injured"), and the second end of a range or tally the first's
  ("from 800 people to 1,200").

The object is the head of the noun phrase with its compounds, wherever in the phrase the parser hung the
number ("three counting centres", "poker and gaming machines").

The category comes from the verb, adjective or noun that governs the counted thing, and who did it
(``actor``) from that word's place in the parse: the subject of an active verb ("Varn police arrested three
men"), the "by" phrase, "when" clause or event noun of a passive one ("killed when a bomber dropped a bomb",
"killed in a fire"), the possessor of an act ("the army's massacre of 12"). A sentence that names no doer
("five people died") gives none.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from pipeline.extract.model import text_of
from pipeline.extract.values import (
    CURRENCY_SYMBOLS,
    CURRENCY_UNITS,
    CURRENCY_WORDS,
    MEASURE_WORDS,
    QUALIFIERS,
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
    "seize": "seize", "capture": "seize", "confiscate": "seize", "recapture": "seize",
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
    cut: bool = False,
) -> list[Quantity]:
    """Counts among ``spans`` (token start, token end, spaCy label) of a parsed ``doc``: one sentence, or
    a window of one.

    ``offset`` is the doc's character offset in the article body; ``person_ends`` holds token indices
    (in ``doc``) where a PERSON name ends, to recognise "Name, 53," as an age. ``lemma`` gives a token's
    lemma (the pass may compute them on demand); ``last_object`` is what an earlier window of the same
    sentence counted last, for an elliptical count (see :func:`last_object_of`); ``cut``: the window
    starts inside its sentence, so a subject at its first word may be part of a longer one.
    """
    found: list[Quantity] = []
    last_category = ""
    ordered = sorted(spans)
    skip: set[int] = set()
    tallies = _tally_items(doc, ordered)
    previous_end, previous_object = -1, ""  # the last count's, for the other end of a range
    categorized: dict[int, str] = {}  # counted noun (token index) -> its count's category
    doers: list[tuple[int, Token | None, Token | None]] = []  # (position in found, event word, actor)
    for position, (start, end, label) in enumerate(ordered):
        if position in skip:
            continue
        span = doc[start:end]
        if len(span) > 1 and span[0].lower_ in _LEADING_PREPOSITIONS:
            span = span[1:]  # "between hundreds" as the model cut it
        span, scaled = _with_scale(doc, span, label)
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
        if parsed.unit in CURRENCY_UNITS and label != "MONEY":
            where["label"] = "MONEY"  # "AUD 45 million", which the model calls a cardinal
        if not parsed.qualifier:  # "up to 1,500 troops": the model's span began at the number
            opening = span.start  # the first token of the amount as written, currency included
            while opening > 0 and doc[opening].idx > span_start:
                opening -= 1
            qualifier, first = _qualifier_before(doc, opening)
            if qualifier:
                parsed = ParsedNumber(parsed.value, parsed.unit, qualifier)
                span_start, text = doc[first].idx, text_of(doc)[doc[first].idx : span_end]
                where["start"] = offset + span_start
        if parsed.unit == "%":
            where["label"] = "PERCENT"  # "5 per cent", which the model calls MONEY as often as not
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
        if _YEARS_OLD.match(text_of(doc), span.end_char):  # "Twenty-eight-year-old Orla Quist"
            found.append(Quantity(**where, end=offset + span_end, text=text, value=parsed.value, unit="years",
                                  object="age", category="age"))  # fmt: skip
            continue
        counted, governor = _counted(doc, span, lemma)
        if scaled:  # "12.5m people": the noun after the scale, which the parser hangs apart
            after = doc[span.end] if span.end < len(doc) else None
            plural = after is not None and after.tag_ in {"NNS", "NNPS"} and after.pos_ in _OBJECT_POS
            counted, governor = (after, after.head) if plural and after is not None else (None, governor)
        named = counted is not None and _a_named_thing(counted)
        if named:
            counted = None  # "64 Orla Quist" on a leaderboard, "2 for 69 Quellia", "177 Varn St."
        if counted is not None and counted.i > span.end and _quoted_name(span, counted):
            counted, named = None, True  # '"gang of four" senators': a name's number
        sized = counted is not None and (
            _describes_another_noun(span, counted)
            or (not parsed.unit and _sizes_a_singular(span, counted, parsed.value))
        )
        if sized:
            counted = None  # "a 172-page report", "the six-storey hotel": a size, not a count
        other_end = _other_end(doc, span, previous_end)
        if other_end and previous_object and not parsed.unit:
            obj = previous_object  # "from 800 people to 1,200", "by 15 votes to eight": both ends count the same
        elif counted is not None:
            phrase = _phrase(counted, number_end=span.end)
            obj = _without_unit_words(phrase) if parsed.unit else phrase
        elif span.root.pos_ == "NUM" and not (parsed.unit or named or sized or _labels_its_noun(span)):
            obj = last_object  # an elliptical count: "10 civilians were killed and 45 injured"
        else:
            obj = ""
        if not parsed.unit:  # "three meals a day", "19,000 per week": a rate, counted per period
            period = _rate_period(span[-1]) or (_rate_period(counted) if counted is not None else "")
            if period:
                parsed = ParsedNumber(parsed.value, f"per {period}", parsed.qualifier)
        category, event = _category(doc, span, counted, governor, lemma, counted_before=categorized)
        actor = _actor(event, counted, span, lemma) if category else None
        if actor is not None and cut and _phrase_top(actor).left_edge.i == 0 and not actor.ent_type_:
            # "... after a wave of bombings, has arrested dozens": a common noun where the window begins
            # may be a part of a phrase the window cut (a name there is the name still)
            actor = None
        if parsed.value < 1 and not parsed.unit:
            category = ""  # "captured half of the airport": a share of a thing, no count of what was seized
        if last_category and counted is None and _of_a_pronoun(span.root):
            category = last_category  # "killing 21 people, 14 of them children": the 14 died too
        if parsed.value == 1 and not parsed.qualifier and _spelled(span) and (not category or _one_of(span)):
            continue  # "one trader", "the death of one of the gunmen": a determiner or one person, no count
        last_object = obj or last_object
        last_category = category or last_category
        if counted is not None and category:
            categorized[counted.i] = category
        previous_end, previous_object = span.end, obj
        if category:
            doers.append((len(found), event if event is not None else _whole_of(counted), actor))
        found.append(
            Quantity(**where, end=offset + span_end, text=text, value=parsed.value, unit=parsed.unit, object=obj,
                     qualifier=parsed.qualifier, category=category,
                     apart=_apart(doc, span, tallies, offset) if tallies else (),
                     actor=_actor_phrase(actor) if actor is not None and category else "")
        )  # fmt: skip
    return _shared_actors(found, doers)


def _phrase_top(token: Token) -> Token:
    """The noun whose "of" phrase holds ``token`` ("wave" of "a wave of bombings"), else the token."""
    while token.dep_ == "pobj" and token.head.dep_ == "prep" and token.head.head.pos_ in {"NOUN", "PROPN"}:
        token = token.head.head
    return token


def _whole_of(counted: Token | None) -> Token | None:
    """The whole a part is counted in ("14 Australians" of "21 people including 14 Australians")."""
    if counted is not None and counted.head.lower_ in {"including", "among"} and counted.head.dep_ == "prep":
        return counted.head.head
    return None


def _shared_actors(
    found: list[Quantity], doers: list[tuple[int, Token | None, Token | None]]
) -> list[Quantity]:
    """Counts of one event share its doer: a count without one takes the actor of a count whose event
    word (or counted whole) is joined to its own in the parse ("24 civilians were killed and 15 injured
    in raids": the raids wounded the 15 too; "21 people including 14 Australians were killed when a
    storm struck")."""
    known: list[tuple[Token, Token]] = [(e, a) for _, e, a in doers if e is not None and a is not None]
    if not known:
        return found
    for position, event, actor in doers:
        if actor is not None or event is None or found[position].actor:
            continue
        for other, other_actor in known:
            if _joined(event, other):
                found[position] = replace(found[position], actor=_actor_phrase(other_actor))
                break
    return found


def _joined(a: Token, b: Token) -> bool:
    """Are two event words one event: the same word, or one hung on the other directly or through a
    count ("24 were killed and 15 injured": "injured" hangs on the 15, the 15 on "killed"), or one the
    whole the other's part is counted in?"""
    return a.i == b.i or any(
        x.head.i == y.i or (x.head.head.i == y.i and x.head.pos_ == "NUM") for x, y in ((a, b), (b, a))
    )


def _tally_items(doc: Doc, ordered: Sequence[tuple[int, int, str]]) -> list[Span]:
    """The counts of a tally by place or group that each say where with their own words, in a sentence
    with other counts: "five in Quellia" and "three in the Varn Territory" of "Seven people died in
    Oskland, five in Quellia, three in the Varn Territory" (a bare number, set beside the first count's
    noun as an apposition or conjunct, with its own preposition). Each such item is the subtree of its
    number."""
    if len(ordered) < 2:
        return []
    items = []
    for start, end, _ in ordered:
        number = doc[start:end].root
        if (
            number.pos_ == "NUM"
            and number.dep_ in {"appos", "conj", "npadvmod"}
            and {child.lower_ for child in number.children if child.dep_ == "prep"} - {"of"}
            and not any(child.dep_ == "prep" and child.lower_ == "of" for child in number.children)
        ):  # "one of them in Quellia": a part of a count, no item of a tally
            items.append(doc[number.left_edge.i : _own_right_edge(number) + 1])
    return items


def _own_right_edge(number: Token) -> int:
    """The last token of a tally item's own words: its subtree without a next item coordinated to it
    ("two in Varnland" of "two in Varnland and one in Osk", which the parser hangs on "two")."""
    right = number.i
    for child in number.rights:
        if child.dep_ == "conj" and child.pos_ == "NUM":
            break
        if child.dep_ not in {"cc", "punct"}:
            right = child.right_edge.i
    return right


def _apart(doc: Doc, span: Span, tallies: Sequence[Span], offset: int) -> tuple[tuple[int, int], ...]:
    """Character ranges (in the body) of the count's sentence that tell of other counts of a tally
    (:func:`_tally_items`): the names there are not linked to it. An item of the tally is apart from all
    of its window but itself ("five in Quellia" from Oskland); any other count is apart from the items
    ("Seven people died in Oskland" from Quellia). (A relative clause on an object, "blaming Varn for
    the bombings that killed 25", set its sentence's other names apart as often rightly as wrongly on
    count links judged by hand, and is no rule.)"""
    own = next((item for item in tallies if item.start <= span.start and span.end <= item.end), None)
    if own is not None:
        ranges = [(0, doc[own.start].idx), (own.end_char, len(text_of(doc)))]
    else:
        ranges = [(item.start_char, item.end_char) for item in tallies]
    return tuple((offset + start, offset + end) for start, end in ranges if start < end)


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
    """ "about 200 billion" + "euros": the unit can be the noun the number modifies, outside the entity;
    "just under 1" + "per cent": a percentage the model cut short, whatever the parse made of it."""
    root = span.root
    if parsed.unit:
        return parsed
    doc = span.doc
    following = " ".join(t.lower_ for t in doc[span.end : span.end + 2])
    if following.startswith(("per cent", "percent", "%", "pct")):
        return ParsedNumber(parsed.value, "%", parsed.qualifier)
    if root.dep_ not in {"nummod", "quantmod", "compound"}:
        return parsed
    head = root.head.lower_
    if head in CURRENCY_WORDS and (label != "QUANTITY" or head not in MEASURE_WORDS):
        return ParsedNumber(parsed.value, CURRENCY_WORDS[head], parsed.qualifier)
    if head in MEASURE_WORDS:
        return ParsedNumber(parsed.value, MEASURE_WORDS[head], parsed.qualifier)
    after = doc[span.end] if span.end < len(doc) else None
    if after is not None and after.lower_ in MEASURE_WORDS and after.head.i == root.head.i:
        # "a 6,800 kilogram bomb", the unit parsed as a word of the bomb's name beside the number
        return ParsedNumber(parsed.value, MEASURE_WORDS[after.lower_], parsed.qualifier)
    return parsed


def _ratio_denominator(
    doc: Doc, span: Span, ordered: Sequence[tuple[int, int, str]], position: int
) -> tuple[int, float] | None:
    """ "one in eight": the next number follows after "in" (or "out of"); "14 deaths per 100,000 people":
    a rate, after a noun and "per"."""
    if position + 1 >= len(ordered):
        return None
    next_start, next_end, next_label = ordered[position + 1]
    between = doc[span.end : next_start].text.lower().strip()
    words = between.split()
    per_head = 2 <= len(words) <= 3 and words[-1] == "per" and all(w.isalpha() for w in words)
    if between not in {"in", "out of", "of every", "in every"} and not per_head:
        return None
    parsed = parse_number(doc[next_start:next_end].text, label=next_label)
    if parsed is None or parsed.value == 0:
        return None
    return position + 1, parsed.value


#: Scales written glued to a number, which spaCy tokenizes apart: "£3.5m", "$1.2bn", "12.5m people".
_SCALE_SUFFIXES = frozenset({"m", "mn", "mln", "bn", "b", "tn", "k"})
#: ... of which these are only ever a scale ("m" is also metres: "the 400m race", "peaked at 35m").
_ONLY_SCALES = frozenset({"mn", "mln", "bn", "tn"})


def _with_scale(doc: Doc, span: Span, label: str) -> tuple[Span, bool]:
    """The number phrase with a scale glued to its end ("£3.5" + "m"), and whether it took one: always
    "bn", "mn", "tn"; "m", "b" and "k" after money or before a plural noun ("12.5m people"), never in a
    length ("the 400m race").

    >>> import spacy
    >>> doc = spacy.blank("en")("It raised £3.5m and ran the 400m race .")
    >>> [(_with_scale(doc, doc[i : i + 1], l)[0].text) for i, l in ((3, "MONEY"), (8, "CARDINAL"))]
    ['3.5m', '400']
    """
    end = span.end
    if end >= len(doc) or doc[end - 1].whitespace_ or doc[end].lower_ not in _SCALE_SUFFIXES:
        return span, False
    suffix, after = doc[end].lower_, doc[end + 1] if end + 1 < len(doc) else None
    money = label == "MONEY" or (
        span.start > 0
        and not doc[span.start - 1].whitespace_
        and _SYMBOL.fullmatch(doc[span.start - 1].lower_)
    )
    plural = after is not None and after.tag_ in {"NNS", "NNPS"}
    if suffix in _ONLY_SCALES or money or plural:
        return doc[span.start : end + 1], True
    return span, False


def _with_currency_symbol(doc: Doc, span: Span) -> tuple[str, int, int]:
    """spaCy leaves the currency outside MONEY entities; take it back in: a symbol ("$185,000" ->
    "185,000", "A$1.2bn"), the country written before a "$" ("US $5", "Canadian $40 million"), or an
    ISO code before or after the amount ("AUD 45 million", "40 million NZD")."""
    first, last = span.start, span.end
    if first > 0 and not doc[first - 1].whitespace_ and _SYMBOL.fullmatch(doc[first - 1].lower_):
        first -= 1  # "$" + "185,000", "A$" + "1.2bn"
    elif first > 1 and doc[first - 1].lower_ in _DOLLAR_COUNTRIES and doc[first - 2].text == "$":
        first -= 2  # "$US 40 million"
    elif first > 0 and doc[first - 1].text in _CURRENCY_CODES:
        first -= 1  # "AUD 45 million"
    elif last < len(doc) and doc[last].text in _CURRENCY_CODES:
        last += 1  # "40 million AUD"
    if first > 0 and doc[first].text == "$" and doc[first - 1].lower_ in _DOLLAR_COUNTRIES:
        first -= 1  # "US $5", "Canadian $40 million"
    start, end = doc[first].idx, doc[last - 1].idx + len(doc[last - 1].text)
    return text_of(doc)[start:end], start, end


#: A currency symbol spaCy tokenizes apart from its amount: "$", "£", "€", "A$", "US$", "NZ$".
_SYMBOL = re.compile(r"(?:[a-z]{1,2})?\$|[£€¥₹₪]")
#: Words for the country of a "$" written apart before it: "US $5", "Canadian $40 million".
_DOLLAR_COUNTRIES = frozenset(
    {"us", "u.s.", "au", "nz", "hk", "american", "australian", "canadian", "singapore"}
)
#: ISO codes of currencies written beside an amount: "AUD 45 million", "40 million EUR".
_CURRENCY_CODES = frozenset(
    {"USD", "AUD", "NZD", "CAD", "HKD", "SGD", "EUR", "GBP", "JPY", "CHF", "CNY", "INR"}
)


#: Qualifiers a number's own span may leave out, the words just before it: not the ones that are
#: prepositions as often ("over 2 days", "under 5", "between").
_QUALIFIERS_BEFORE = [
    (phrase.split(), normal)
    for phrase, normal in QUALIFIERS
    if normal and phrase not in {"over", "under", "below", "~"}
]


def _said_of_the_subject(governing: Token, lemma: Callable[[Token], str]) -> str:
    """The category a count takes from the toll it brings a verb to ("the death toll rose to 1,121
    people", "brings the death toll to 1,121 people"), or from the dead it is ("the dead were five
    children"); "" otherwise."""
    through = governing.dep_ == "prep" and governing.lower_ in _BORROWING_PREPS
    verb = governing.head if through else governing
    if through:  # a count noun the verb moves: its subject or its object
        tolls = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass", "dobj"}]
        tolls = [t for t in tolls if lemma(t).lower() in _COUNT_NOUNS]
    elif lemma(verb).lower() == "be":
        tolls = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    else:
        return ""
    for toll in tolls:
        for word in (toll, *(c for c in toll.children if c.dep_ in {"compound", "amod"})):
            category = CATEGORIES.get(lemma(word).lower()) or CATEGORIES.get(word.lower_)
            if category:
                return category
    return ""


def _qualifier_before(doc: Doc, start: int) -> tuple[str, int]:
    """The qualifier written right before the token ``start`` ("up to", "around", "some") and the
    index of its first word; ("", start) when there is none."""
    for words, normal in _QUALIFIERS_BEFORE:
        first = start - len(words)
        if first >= 0 and all(doc[first + i].lower_ == word for i, word in enumerate(words)):
            if len(words) == 1 and doc[first].dep_ == "prep":
                break  # "talking about one area": a preposition, not an estimate ("upwards of" is one)
            return normal, first
    return "", start


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
    while before > 0 and (
        doc[before - 1].like_num or doc[before - 1].lower_ in {"and", ",", "between", "to"}
    ):
        before -= 1  # "aged three and 13", "aged between 24 and 31": the 13 and 31 are ages too
    if before > 0 and doc[before - 1].lower_ == "aged":
        return _an_age(text)
    if not re.match(r"^\d{1,3}$", text):
        return None
    after = doc[end].text if end < len(doc) else ""
    before_comma = start >= 2 and doc[start - 1].text == "," and (start - 2) in person_ends
    if before_comma and after in {",", ".", ")", ""}:
        return float(text)
    # "a firefighter, 34, was killed": a number between commas after one person the article does not name
    after_one = start >= 3 and doc[start - 1].text == "," and _one_person_named_by_a_noun(doc[start - 2])
    if after_one and after == "," and 0 < int(text) < 120:
        return float(text)
    # "when he was 16", "she turned 40.": one person's number with nothing counted after it
    said_of_one = start >= 2 and doc[start - 2].lower_ in _ONE_PERSON and doc[start - 1].lower_ in _IS_AGED
    if said_of_one and after.lower() in _CLAUSE_ENDS and 0 < int(text) < 120:
        return float(text)
    return None


def _one_person_named_by_a_noun(noun: Token) -> bool:
    """Is ``noun`` one person named by what they are, after "a" or "the": "a firefighter", "the woman"
    (not "the bridge, 34,": a person's noun of :data:`_PERSON_NOUNS`)?"""
    determiner = noun.doc[noun.i - 1].lower_ if noun.i > 0 else ""
    return determiner in {"a", "an", "the"} and noun.lower_ in _PERSON_NOUNS


#: Nouns that name one person by what they are, before whose age between commas: "a firefighter, 34,".
_PERSON_NOUNS = frozenset(
    {"man", "woman", "boy", "girl", "teenager", "teen", "child", "baby", "toddler", "youth", "mother"}
    | {"father", "son", "daughter", "wife", "husband", "grandmother", "grandfather", "brother", "sister"}
    | {"firefighter", "officer", "policeman", "policewoman", "soldier", "driver", "motorist", "pedestrian"}
    | {"cyclist", "passenger", "pilot", "victim", "suspect", "resident", "worker", "student", "pupil"}
    | {"teacher", "nurse", "doctor", "farmer", "fisherman", "tourist", "patient", "prisoner", "inmate"}
    | {"journalist", "reporter", "photographer", "lawyer", "defendant", "witness", "neighbour", "neighbor"}
    | {"guard", "miner", "labourer", "laborer", "builder", "volunteer", "rider", "jockey", "player"}
    | {"climber", "hiker", "swimmer", "sailor", "employee", "owner", "shopkeeper", "mechanic", "chef"}
    | {"musician", "singer", "actor", "actress", "artist", "writer", "priest", "pastor", "rescuer", "gunman"}
)


#: Pronouns of one person, the verbs that give their age, and what ends the clause after it.
_ONE_PERSON = frozenset({"he", "she", "i"})
_IS_AGED = frozenset({"was", "is", "turned", "turns", "'s"})
_CLAUSE_ENDS = frozenset({",", ".", ";", ")", "", "when", "and", "but", "at", "in", "on"})


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
    if _an_item_label(doc, span):  # "eggs are: 1) Deviled, 2) Scotch, 3) Scrambled"
        return True
    # Part of a name: "Group of Seven", "Apollo 11" - a capitalized number word or a number that is a
    # proper noun's modifier inside a run of capitalized words.
    first = span[0]
    if first.is_alpha and first.text[0].isupper() and not first.is_sent_start and not parsed.qualifier:
        return True
    root = span.root
    return bool(root.pos_ == "PROPN" and root.head.pos_ == "PROPN" and root.head.text[:1].isupper())


#: How far back (tokens) a bracket opening before a number is looked for: "N)" with no "(" open before it
#: in its sentence labels a list's item; past this the number is read as a count.
_LABEL_LOOKBACK = 200
#: The largest label of an item in a bracket of its own ("(12) roads"); "Quist (45) said" gives an age.
_MOST_ITEMS = 20
#: What comes before a list item's label: the sentence's start, or the end of the item before.
_BEFORE_A_LABEL = frozenset({":", ",", ";", "and", "or", "-", "–", "—"})


def _an_item_label(doc: Doc, span: Span) -> bool:
    """Is the number a list item's label: a lone number closed by a bracket, either a small one in a
    bracket of its own before a word ("(1) roads, (2) schools"), or one at the sentence's start or after
    a list's separator in no bracket that is open ("eggs are: 1) Deviled, 2) Scotch")? Not "rose to 12)
    officials said", nor "(put it at 31)" and "(the [dead] miners: 12)": brackets the number ends."""
    if len(span) != 1 or span.end >= len(doc) or doc[span.end].text != ")" or not span[0].like_num:
        return False
    if span.start > span.sent.start and doc[span.start - 1].text == "(":
        # "(1) roads": the label's own bracket, a small number before a word
        small = span[0].text.isdigit() and int(span[0].text) <= _MOST_ITEMS
        return small and span.end + 1 < len(doc) and doc[span.end + 1].is_alpha
    if span.start > span.sent.start and doc[span.start - 1].lower_ not in _BEFORE_A_LABEL:
        return False
    floor = max(span.sent.start, span.start - _LABEL_LOOKBACK)
    if floor > span.sent.start:
        return False  # too far to know the brackets: a count, as a number is read by default
    depth = 0
    for token in reversed(doc[floor : span.start]):
        if token.text in (")", "]"):
            depth += 1
        elif token.text in ("(", "["):
            if depth == 0:
                return False  # a bracket the number closes
            depth -= 1
    return True


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
        return _phrase_head(of_object), target.head
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
        while (
            head.dep_ in {"compound", "nmod"}
            and head.head.pos_ == "NOUN"
            and head.head.i > head.i
            and not doc[span.end - 1 : head.i + 1].text.replace(" ", "").endswith("-" + head.text)
        ):
            # "the three counting centres": the number sits on a modifier of the noun ("a 30-member
            # cabinet" stays as written, a size of the cabinet: see _describes_another_noun)
            head = head.head
        return _phrase_head(head), head.head
    if target.dep_ in {"attr", "acomp"} and target.head.pos_ in {"AUX", "VERB"}:  # "turnout was 45%"
        subject = next((c for c in target.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is not None and subject.tag_ == "NNP":
            return None, target.head  # "Quist was not out 67": one named person's score or age, no count
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
            # "debt rose to $1 trillion"; "estimates range from 200 to 500": the span a level covers
            level = (lemma(verb).lower() in _LEVEL_VERBS or _a_range(prep)) and not _an_amount(span)
            if level and lemma(argument).lower() not in _COUNT_NOUNS:
                return None, verb  # "the index fell 1.5% to 7,430": a level it reached, nothing counted
            return argument, verb  # "bringing the death toll ... to 51,065"
        if prep.head.pos_ in _OBJECT_POS and lemma(prep.head).lower() in _MARGIN_NOUNS:
            return None, prep.head.head  # "an overall lead of 68", "a majority of 12": a margin, no things
        if prep.head.pos_ in _OBJECT_POS and prep.head.lower_ not in _UNIT_NOUNS:
            return prep.head, prep.head.head  # "ransoms of $3,000", "the art sales for about 140,000 pounds"
    if target.pos_ in _OBJECT_POS and target.lower_ in _UNIT_NOUNS and target.head.pos_ in _OBJECT_POS:
        return target.head, target.head.head
    return _plural_after(doc, span), _ancestor(target, _GOVERNING_POS)


#: Tags of the words that may stand between a number and its plural noun when the parse lost them:
#: adjectives, a gerund, a noun used as a modifier ("5 healthy eating tips", "3 new health centres").
_DESCRIBING_TAGS = frozenset({"JJ", "JJR", "JJS", "VBG", "NN"})


def _plural_after(doc: Doc, span: Span) -> Token | None:
    """The plural noun right after the number, past at most three describing words, in its sentence:
    what it counts where the parser made the words a verb phrase ("5 healthy eating tips" as a headline,
    "eating" its root). None when anything else comes first.

    >>> import spacy
    >>> doc = spacy.blank("en")("5 healthy eating tips for travelers")
    >>> for token, tag in zip(doc, ["CD", "JJ", "VBG", "NNS", "IN", "NNS"]):
    ...     token.tag_ = tag
    >>> _plural_after(doc, doc[0:1]).text, _plural_after(doc, doc[3:4])
    ('tips', None)
    """
    for token in doc[span.end : span.end + 4]:
        if token.is_sent_start:
            return None
        if token.tag_ in {"NNS", "NNPS"}:  # "5 healthy eating tips", "an estimated 500 Americans"
            return token
        if token.tag_ not in _DESCRIBING_TAGS:
            return None
    return None


def _a_range(prep: Token) -> bool:
    """Is ``prep`` one end of "from ... to ..." or "by ... to ..." (a range or a tally)?"""
    partner = {"from": "to", "by": "to", "to": "from"}.get(prep.lower_)
    if partner is None:
        return False
    near = [*prep.children, *prep.head.children, prep.head]
    return any(t.dep_ in {"prep", "agent"} and t.lower_ in {partner, "by"} and t.i != prep.i for t in near)


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


def _sizes_a_singular(span: Span, counted: Token, value: float) -> bool:
    """Does a number above one stand before a singular noun with another noun or participle between
    ("a shock five set loss", "a 10 point lead", "a 300 seat parliament")? A number cannot count one
    thing: with the word after it, it gives the thing's size, as "a 172-page report" does. Collective
    nouns ("20 support staff", "a 15 man crew") and plurals without an "s" ("80 strike aircraft") stay counts."""
    doc = span.doc
    if value == 1 or counted.tag_ != "NN" or counted.lower_ in _COUNTED_IN_THE_SINGULAR:
        return False
    after = doc[span.end] if span.end < len(doc) else None
    return (
        after is not None
        and after.i < counted.i
        and after.tag_ in {"NN", "VBN", "VBG"}
        and counted.left_edge.i <= after.i
    )


#: Nouns a tagger may call singular that count several: collectives ("20 support staff", "30 riot police",
#: "200 head of cattle") and plurals without an "s" ("80 strike aircraft").
_COUNTED_IN_THE_SINGULAR = frozenset(
    {"staff", "crew", "personnel", "police", "militia", "cattle", "livestock", "head", "aircraft", "craft",
     "sheep", "fish", "deer", "species", "series", "offspring"}
)  # fmt: skip


def _other_end(doc: Doc, span: Span, previous_end: int) -> bool:
    """Is the number the second end of a range or tally whose first end ended at ``previous_end`` ("from
    800 people to 1,200", "by 15 votes to eight"), with only that end's noun and "to" between? It
    counts what the first end counts."""
    if previous_end < 0 or span.start < 1 or doc[span.start - 1].lower_ != "to" or span.root.dep_ != "pobj":
        return False
    return all(t.pos_ in _OBJECT_POS for t in doc[previous_end : span.start - 1])


def _labels_its_noun(span: Span) -> bool:
    """Does the number come after the noun it modifies, labelling or scoring it ("Apollo 11", "Quellby 2
    Varn 1", "Tab 8", "Quist scoring 81")? English counts come before what they count, so such a number
    counts nothing, not even what an earlier number of its sentence counted. So does a number joined to
    such a label ("7" of "between junctions 4 and 7", "Rooms 101 and 102")."""
    target = span.root
    while target.dep_ == "conj" and target.head.pos_ == "NUM" and target.head.i < target.i:
        target = target.head
    return (
        target.dep_ in {"nummod", "quantmod", "amod", "compound", "npadvmod"}
        and target.head.pos_ in _OBJECT_POS
        and target.head.i < target.i
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


def _own_victim(clause: Token, counted: Token | None) -> bool:
    """Does a clause beside the count name whom its verb happened to, someone other than the counted?
    "threw two grenades, injuring one policeman": the policeman was injured, not the grenades; "two
    bombings in which three people were wounded": the bombings are where it happened. A clause whose
    object is a pronoun ("shot five men, killing them") or a relative ("people who were killed") still
    speaks of the counted."""
    if clause.pos_ not in {"VERB", "AUX"}:
        return False  # "left three people dead": an adjective names no one else
    if any(c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "PRON" for c in clause.children):
        return False  # "rounded up 40 men, and troops detained them": its victims are the counted
    for child in clause.children:
        # "infected four people, and one of those has died": a clause with a subject of its own
        victim = child.dep_ in {"dobj", "nsubjpass", "nsubj"} and child.pos_ in _OBJECT_POS | {"NUM"}
        if victim and (counted is None or child.i != counted.i):
            return True
        if clause.dep_ == "relcl" and _oblique_relative(child):
            return True  # "in which", "where", "when": the counted noun is the place or time
    return False


def _oblique_relative(token: Token) -> bool:
    """ "in which", "where", "during which": a relative word that makes its clause's noun a place or time."""
    if token.dep_ == "advmod" and token.tag_ == "WRB":
        return True
    return token.dep_ == "prep" and any(c.dep_ == "pobj" and c.tag_ in {"WDT", "WP"} for c in token.children)


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


def _phrase(token: Token, number_end: int = 0) -> str:
    """The counted noun with its compounds and hyphenated parts: "death toll", "counter-attacks",
    "detention centre officers", "Volvo 60s" (one name), "poker and gaming machines". The count's own
    number, which ends at ``number_end``, is never part of it: "14-Australians" (a typo for "14
    Australians") counts Australians."""
    doc = token.doc
    number_end = number_end if number_end <= token.i else 0  # "the death toll rose to 51": before it
    start = _modifiers_start(token, number_end)
    end = token.i + 1
    while start > number_end and not doc[start - 1].whitespace_ and doc[start - 1].is_alpha:
        start -= 1
    while start - 2 >= number_end and doc[start - 1].text == "-" and not doc[start - 2].whitespace_:
        start -= 2
    while end < len(doc) and not doc[end - 1].whitespace_ and (doc[end].is_alpha or doc[end].text == "-"):
        end += 1
    return doc[start:end].text.strip("-")


def _modifiers_start(token: Token, floor: int) -> int:
    """Where the compounds before a noun begin, at ``floor`` or after: "detention centre" of "detention
    centre officers" (a compound with its own modifiers), "Volvo" of "Volvo 60s" (a name's words), and
    the first part of a phrase the parser broke in two (:func:`_phrase_head`). Adjectives ("other",
    "Israeli") are left out."""
    start = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if child.i < floor or child.right_edge.i != start - 1 or child.dep_ not in {"compound", "nmod"}:
            continue
        if child.pos_ == "NOUN" or (child.pos_ == "PROPN" and _one_name(child, token)):
            start = max(child.left_edge.i, floor)  # "three counting centres": the number sits on "counting"
    if floor <= token.head.i < token.i and _broken_off(token.head, token):
        start = min(start, _modifiers_start(token.head, floor))
    return start


def _one_name(modifier: Token, head: Token) -> bool:
    """Are a proper-noun modifier and its noun words of one name: one entity, a proper noun's words
    ("Golden Globe"), or a maker and its model number ("Volvo 60s", "Boeing 747s"), which alone says
    nothing?"""
    if head.text[:1].isdigit() or head.pos_ == "PROPN":
        return True
    doc = modifier.doc
    return bool(head.ent_type_) and all(doc[i].ent_iob_ == "I" for i in range(modifier.i + 1, head.i + 1))


def _phrase_head(noun: Token) -> Token:
    """The head of the noun phrase ``noun`` starts when the parser broke it in two: "machines" of
    "poker and gaming machines" (a singular noun coordinated as a modifier of a plural), "awards" of
    "Golden Globe best actor awards" (read as an apposition with no comma), "senators" of the
    '"gang of four" senators' (a quoted name before its noun)."""
    closing = _closing_quote(noun)
    if closing is not None and closing + 1 < len(noun.doc):
        after = noun.doc[closing + 1]
        if after.pos_ == "NOUN" and noun.left_edge.i <= after.i <= noun.right_edge.i:
            return after
    return next((child for child in noun.rights if _broken_off(noun, child)), noun)


def _broken_off(modifier: Token, head: Token) -> bool:
    """Is ``modifier`` the first part of ``head``'s noun phrase, parsed as a phrase of its own with
    ``head`` its apposition ("Golden Globe best actor awards") or conjunct ("poker and gaming
    machines": a singular noun cannot share a plural count alone)?"""
    if head.pos_ != "NOUN" or modifier.pos_ not in _OBJECT_POS or not _continues(modifier, head):
        return False
    if head.dep_ == "appos":
        return True
    return head.dep_ == "conj" and modifier.tag_ == "NN" and head.tag_ == "NNS"


def _continues(modifier: Token, head: Token) -> bool:
    """Do the words between ``modifier`` and ``head`` (after it) only join them or modify the head, with
    no comma or number: then the modifier is part of the head's phrase, whatever the parse called it."""
    doc = modifier.doc
    between = doc[modifier.i + 1 : head.i]
    return all(
        not t.is_punct and not t.like_num and (t.dep_ == "cc" or head.left_edge.i <= t.i) for t in between
    )


def _closing_quote(token: Token) -> int | None:
    """The index of the quote that closes a quotation opening right before ``token``, within its phrase."""
    doc = token.doc
    if token.i == 0 or not _quote(doc[token.i - 1], opening=True):
        return None
    for i in range(token.i + 1, token.right_edge.i + 1):
        if _quote(doc[i], opening=False):
            return i
    return None


def _quote(token: Token, *, opening: bool) -> bool:
    if token.tag_ == ("``" if opening else "''"):
        return True
    return token.text in ({"\u201c"} if opening else {"\u201d"})


def _quoted_name(span: Span, counted: Token) -> bool:
    """Is the number inside a quotation that closes before the noun it modifies ('the "gang of four"
    senators')? Then it is a word of a name, which counts nothing."""
    doc = span.doc
    return any(_quote(doc[i], opening=False) for i in range(span.end, counted.i)) and any(
        _quote(doc[i], opening=True) for i in range(max(0, span.start - 8), span.start)
    )


def _category(
    doc: Doc,
    span: Span,
    counted: Token | None,
    governor: Token | None,
    lemma: Callable[[Token], str],
    *,
    counted_before: dict[int, str] | None = None,
) -> tuple[str, Token | None]:
    """The count's category and the word that says it ("killed" of "12 were killed"), or ("", None)."""
    partitive = _of_the_befallen(span.root, lemma)
    if partitive is not None:  # "37 of the dead", "nine of the wounded", "four of those arrested"
        return partitive
    after = doc[span.end] if span.end < len(doc) else None
    if counted is None and after is not None and after.pos_ in {"VERB", "ADJ"}:
        for form in (after.lower_, lemma(after).lower()):
            if form in CATEGORIES:  # "... killed and around 120 injured": the word after a bare count
                return CATEGORIES[form], after
    candidates: list[Token] = []
    governors = [governor] if governor is not None else []
    if counted is not None:
        candidates.extend(
            t
            for t in counted.children
            if t.dep_ in {"amod", "compound"} or (t.dep_ in {"acl", "relcl"} and not _own_victim(t, counted))
        )
        candidates.append(counted)
        first = _first_conjunct(counted)
        if first.i != counted.i:  # "three soldiers and five police were killed": the verb governs both
            candidates.extend(
                t for t in first.children if t.dep_ in {"acl", "relcl"} and not _own_victim(t, first)
            )
            governors.append(first.head)
    root = span.root
    candidates.extend(
        t
        for t in root.children
        if t.dep_ == "amod" or (t.dep_ in {"acl", "relcl"} and not _own_victim(t, counted))
    )
    subject = _first_conjunct(counted) if counted is not None else None
    if (
        subject is not None
        and subject.dep_ == "nsubj"
        and any(c.dep_ == "dobj" for c in subject.head.children)
    ):
        # "three gunmen killed 25 people", "five soldiers and 12 police killed three gunmen": they did
        # it, it did not happen to them
        governors = [g for g in governors if g.i != subject.head.i]
    for governing in governors:
        among = _of_the_befallen(governing, lemma, prepositions=("among",))
        if among is not None:  # "Among the dead were eight children", "among those detained were three men"
            return among
        if governing.dep_ == "prep" and governing.lower_ == "of":
            governing = governing.head  # "the killing of 18 tourists", "the evacuation of 500 residents"
            if lemma(governing).lower() == "life" and lemma(governing.head).lower() in _LIFE_TAKING:
                return "kill", governing.head  # "cost the lives of up to 200,000 Timorese"
        elif governing.dep_ == "prep" and governing.lower_ in {"including", "among"}:
            # "21 people including 14 children were killed": what happened to the whole, happened to the part
            whole = governing.head
            if counted_before and whole.i in counted_before:
                return counted_before[whole.i], None  # "rose to 1,121 people, including 865 Palestinians"
            governing = whole.head if whole.dep_ in {"nsubj", "nsubjpass", "dobj"} else whole
        if (
            counted is not None
            and lemma(counted).lower() == "life"
            and lemma(governing).lower() in _LIFE_TAKING
        ):
            return "kill", governing  # "the quake claimed 200 lives", "30 lives were lost"
        said = _said_of_the_subject(governing, lemma)
        if said:
            return said, None
        candidates.append(governing)
        # "left three people dead and 20 injured": the predicate of the counted ("oprd") before the next verb
        candidates.extend(
            t
            for t in governing.children
            if t.dep_ in {"oprd", "xcomp", "acomp", "conj", "advcl"} and not _own_victim(t, counted)
        )
    if root.dep_ in {"nsubj", "nsubjpass"} and root.head.pos_ in _GOVERNING_POS:
        candidates.append(root.head)
    for token in candidates:
        if any(child.dep_ == "neg" for child in token.children):
            continue  # "would not be arrested", "were not hurt": what did not happen
        for form in (lemma(token).lower(), token.lower_):
            if form in CATEGORIES:
                return CATEGORIES[form], token
    return "", None


def _of_the_befallen(
    token: Token, lemma: Callable[[Token], str], *, prepositions: tuple[str, ...] = ("of", "among")
) -> tuple[str, Token] | None:
    """The category of "the dead", "the wounded" or "those arrested" that ``token`` takes "of" or "among"
    ("37 of the dead", "among the injured"), and that word; None when it takes none."""
    for preposition in token.children:
        if preposition.dep_ != "prep" or preposition.lower_ not in prepositions:
            continue
        for whole in preposition.children:
            if whole.dep_ != "pobj":
                continue
            words = (
                [whole]
                if whole.lower_ != "those"
                else [t for t in whole.children if t.dep_ in {"acl", "relcl"}]
            )
            determined = whole.lower_ == "those" or any(t.lower_ in {"the", "those"} for t in whole.children)
            for word in words if determined else ():
                for form in (word.lower_, lemma(word).lower()):
                    if form in CATEGORIES and CATEGORIES[form] in _BEFALLEN:
                        return CATEGORIES[form], word
    return None


#: Categories of what befell people, whom "the" or "those" names as a whole: the dead, the wounded...
_BEFALLEN = frozenset({"kill", "wound", "arrest", "kidnap", "affect", "escape"})


#: Relative pronouns: "gunmen who shot six people" -> gunmen.
_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Personal pronouns a sentence may name: "Police say they arrested three men" -> police.
_PERSONAL = frozenset({"they", "he", "she", "it", "we"})
#: Nouns of what befell the counted, not of an act: a possessor owns them ("the nation's road toll").
_OUTCOME_NOUNS = frozenset(
    {"toll", "death", "dead", "fatality", "injury", "casualty", "life", "injured", "wounded"}
)
#: Verbs whose subject brought an outcome about: "the quake claimed 200 lives", "caused 12 deaths".
_CAUSING = _LIFE_TAKING | {"cause", "inflict", "leave"}
#: Nouns of events that kill, wound or take people: "killed in a fire", "wounded during the raid".
_EVENT_NOUNS = frozenset({
    "accident", "airstrike", "ambush", "assault", "attack", "attempt", "avalanche", "battle", "blast",
    "bombardment", "bombing", "clash", "collision", "coup", "crash", "crossfire", "disaster", "earthquake",
    "exchange", "explosion", "fight", "fighting", "fire", "firefight", "flood", "gunfight", "incident",
    "landslide", "massacre", "offensive", "operation", "quake", "raid", "riot", "shelling", "shooting",
    "siege", "stampede", "storm", "strike", "tragedy", "unrest", "uprising", "violence", "war",
})  # fmt: skip


def _actor(
    event: Token | None, counted: Token | None, span: Span, lemma: Callable[[Token], str]
) -> Token | None:
    """The token naming who did what the count's ``event`` word says, in the count's own sentence: the
    subject of an active verb, the "by" phrase, "when" clause or event noun of a passive one, the
    possessor of an act ("the army's massacre of 12"); None when the sentence names no doer ("five
    people died")."""
    if event is None:
        return None
    verb = event
    if counted is not None and verb.i == counted.i:  # "taking 200 hostages": the noun says what happened
        if lemma(counted).lower() in _OUTCOME_NOUNS and lemma(counted.head).lower() not in _CAUSING:
            # "Quellia recorded three deaths", "suffered 40 casualties": no doer named, but a cause may
            # be ("the death toll in the food riots rose to 20")
            return _cause(counted, lemma)
        verb = counted.head if counted.dep_ == "dobj" else verb
    elif (
        verb.pos_ == "ADJ" and verb.dep_ in {"xcomp", "acomp", "ccomp", "advcl", "conj"}
    ) or verb.dep_ == "oprd":
        verb = verb.head  # "left three people dead", "... and 150 wounded": who left them so
    elif verb.dep_ == "amod" and counted is not None and verb.head.i == counted.i and counted.dep_ == "dobj":
        verb = counted.head  # "left 80 civilians dead", the adjective hung on the civilians
    if verb.pos_ == "NOUN":
        return _doer_of_act(verb, lemma)
    if verb.pos_ not in {"VERB", "AUX"}:
        return None
    if _passive(verb):
        return _doer_of_passive(verb, lemma)
    if not any(c.dep_ in {"dobj", "oprd"} for c in verb.children) and not _object_of(verb, span):
        # "five people died": it befell them, unless the sentence says what did it ("died when a tree fell")
        return _cause(verb, lemma)
    clause, subject = verb, _subject(verb)
    while (
        subject is None and clause.dep_ in {"advcl", "xcomp", "conj"} and clause.head.pos_ in {"VERB", "AUX"}
    ):
        clause = clause.head  # "gunmen opened fire, killing 12": the subject of the verb it hangs on
        subject = _subject(clause)
    if subject is None and clause.dep_ in {"acl", "relcl"} and clause.head.pos_ in {"NOUN", "PROPN"}:
        subject = clause.head  # "a blast killing 12"
    elif subject is not None and subject.lower_ in _RELATIVE:
        # "gunmen who shot dead six people"; a "that" the parser hung elsewhere names no one
        subject = clause.head if clause.dep_ == "relcl" and clause.head.pos_ in {"NOUN", "PROPN"} else None
    elif subject is not None and subject.lower_ in _PERSONAL:
        subject = _speaker(clause)  # "Police say they have arrested 160 suspects"
    if subject is None or subject.i in {t.i for t in span.root.subtree}:
        return None
    if counted is not None and subject.i == counted.i:
        return None
    return _named_by_its_of(subject, lemma)


#: Nouns of a stretch of time or a batch that name the event by their "of" phrase: "the first night of
#: bombings left 80 dead" -> bombings.
_CONTAINER_NOUNS = frozenset(
    {"night", "day", "week", "weekend", "wave", "series", "round", "spate", "string"}
)


def _named_by_its_of(token: Token, lemma: Callable[[Token], str]) -> Token:
    """The event a batch or a stretch of time names by its "of" phrase (:data:`_CONTAINER_NOUNS`), else
    the token."""
    if token.pos_ == "NOUN" and lemma(token).lower() in _CONTAINER_NOUNS:
        of = next((c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if named is not None and named.pos_ in {"NOUN", "PROPN"}:
            return named
    return token


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "nsubj"), None)


def _passive(verb: Token) -> bool:
    """A passive verb: "were killed", "people killed in a fire", and "20 wounded" after "were killed"."""
    if any(c.dep_ in {"auxpass", "nsubjpass"} for c in verb.children):
        return True
    return verb.tag_ == "VBN" and (verb.dep_ == "acl" or (verb.dep_ == "conj" and _passive(verb.head)))


def _object_of(verb: Token, span: Span) -> bool:
    """Is the count's phrase the verb's object, however the parser hung it ("shot dead six people")?"""
    token = span.root
    while token.head.i != token.i and token.head.i != verb.i:
        token = token.head
    return (
        token.head.i == verb.i and token.i != verb.i and token.dep_ in {"dobj", "attr", "ccomp", "npadvmod"}
    )


def _doer_of_act(noun: Token, lemma: Callable[[Token], str]) -> Token | None:
    """The possessor or "by" phrase of a noun of an act ("the army's massacre of 12 villagers"), never of
    an outcome ("the nation's road toll")."""
    if noun.lower_ in _OUTCOME_NOUNS or lemma(noun).lower() in _OUTCOME_NOUNS:
        # "the death toll in the food riots" (the phrase hangs on the toll, "death" on it), never "the
        # nation's toll"
        whole = noun.head if noun.dep_ == "compound" else noun
        return _cause(noun, lemma) or _cause(whole, lemma)
    for child in noun.children:
        if child.dep_ == "poss" and child.pos_ != "PRON":
            return child
        if child.dep_ == "prep" and child.lower_ == "by":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _doer_of_passive(verb: Token, lemma: Callable[[Token], str]) -> Token | None:
    """Who a passive verb (or the passive it is joined to) says did it: its "by" phrase, the subject of
    a "when" clause ("were killed when a bomber dropped a bomb"), or an event noun after "in" or
    "during" ("killed in a fire"), never a place ("killed in the village")."""
    verbs = (
        [verb] + ([verb.head] if verb.dep_ == "conj" else []) + [c for c in verb.children if c.dep_ == "conj"]
    )
    for child in (c for v in verbs for c in v.children):
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return next((cause for v in verbs if (cause := _cause(v, lemma)) is not None), None)


def _cause(word: Token, lemma: Callable[[Token], str]) -> Token | None:
    """What a word of what befell the counted says caused it: the subject of its "when" clause ("were
    killed when a bomber dropped a bomb", "died when a tree fell"), or an event noun after "in" or
    "during" ("killed in a fire", "the deaths in a canyoning disaster", "an exchange of gunfire in which
    two were hurt"), never a place ("killed in the village") or a name."""
    for child in word.children:
        if child.dep_ == "advcl" and any(m.lower_ == "when" for m in child.children if m.dep_ == "advmod"):
            subject = _subject(child)
            if subject is not None and subject.pos_ in {"NOUN", "PROPN"}:
                return _named_by_its_of(subject, lemma)
        elif child.dep_ == "prep" and child.lower_ in {"in", "during"}:
            noun = next((c for c in child.children if c.dep_ == "pobj"), None)
            if noun is not None and noun.lower_ == "which" and word.dep_ == "relcl":
                noun = word.head  # "an exchange of gunfire in which two sailors were injured"
            elif (
                noun is not None
                and noun.lower_ == "which"
                and word.dep_ == "conj"
                and word.head.dep_ == "relcl"
            ):
                noun = word.head.head  # "... in which two were killed and ten hurt": the verb joined to it
            if noun is not None and noun.pos_ in {"NOUN", "VERB"} and lemma(noun).lower() in _EVENT_NOUNS:
                return noun  # a gerund too: 'in "very intense" fighting'
    return None


def _speaker(clause: Token) -> Token | None:
    """The noun subject of the verb of saying a clause reports ("Police say they ..."), else None."""
    if clause.dep_ != "ccomp" or clause.head.pos_ not in {"VERB", "AUX"}:
        return None
    subject = _subject(clause.head)
    return subject if subject is not None and subject.pos_ in {"NOUN", "PROPN"} else None


def _actor_phrase(token: Token) -> str:
    """The actor as written: the name the model found it in, else the noun with its compounds and
    adjectives ("Israeli troops", "federal police"), without a determiner."""
    for ent in token.doc.ents:
        if ent.start <= token.i < ent.end:
            return ent.text.removeprefix("the ").removeprefix("The ")
    start = token.i
    for child in sorted(token.lefts, key=lambda t: -t.i):
        if (
            child.i == start - 1
            and child.dep_ in {"compound", "amod", "nmod", "poss"}
            and child.pos_ != "PRON"
        ):
            start = child.left_edge.i + (child.left_edge.pos_ == "DET")
    return token.doc[start : token.i + 1].text
