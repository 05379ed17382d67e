"""Repairs on an article's character spans, after the model's entities became spans of the body.

Each repair takes the article's spans and its :class:`ArticleText` and returns the repaired spans;
:data:`SPAN_REPAIRS` lists them in the order they run (a new repair is one function added there):

* ``shapes``, ``not names``, ``sentence starts``  fixtures and names joined by a slash split, names cut at a hyphen made whole, handles, addresses and
                     time zones dropped, common words capitalized at a sentence start dropped
                     (:mod:`pipeline.extract.shapes`);
* ``offices``        an office named after its official ("the Varn County Sheriff's Office") is one
                     organization (:mod:`pipeline.extract.offices`);
* ``portfolios``     a ministry named by its portfolios ("the Department for Culture, Media and Sport")
                     is one organization, and an office's portfolios no name
                     (:mod:`pipeline.extract.portfolios`);
* ``speakers``       a transcript's speaker labels ("QUIST:") are the people the article names so
                     (:mod:`pipeline.extract.speakers`);
* ``tables``         the names of a results table's lines ("Quellby 2 Varn 1") are teams (origin
                     ``table``);
* ``lineups``        the players of a team's line-up ("Quellby: O Quist; T Varn, ...") are people (origin
                     ``table``);
* ``scorecards``     the players of a cricket scorecard's batting rows ("M. Quist c Tarn b Osk 31") are
                     people (origin ``table``);
* ``overlaps``       where two spans overlap the longer one wins;
* ``cut-off surnames`` a person's last word the model tagged as an organization or a place on its own
                     ("Orla Tuuli" + "Varnkoski") is part of the person's name;
* ``hometowns``      the capitalized words after a person's name and age ("Quist, 31, of Varnby") are a
                     place, and so is the town before "man" or "woman" ("a 34-year-old Varnby man")
                     (origin ``hometown``);
* ``datelines``      a wire story's dateline ("OSKBURG, Velmora (Reuters) -") names places and an agency
                     (origin ``dateline``, :mod:`pipeline.extract.datelines`);
* ``roads``          a road named by its number ("I-95", "Route 66", "the M62" where the article speaks
                     of roads) is a place (origin ``road``, :mod:`pipeline.extract.roads`);
* ``capitals``       a name found only in a line written in capitals (a headline left in the body) is
                     dropped unless the article names it elsewhere or it is a well-known place;
* ``pictures``       names in the pictures' captions after the body (origin ``caption``), and the
                     people and agencies their credits name (origin ``credit``,
                     :mod:`pipeline.extract.pictures`);
* ``bylines``        a byline's line in the body ("By ORLA QUIST Associated Press") names the writer and
                     the outlet (origin ``credit``);
* ``abbreviations``  the "(SDF)" after a tagged "Syrian Democratic Forces" becomes a mention too
                     (definitions found with the Schwartz-Hearst algorithm);
* ``terms``          an acronym the article defines by lower-case words ("sea surface salinity (SSS)") is
                     a term, not a name;
* ``propagation``    an exact repeat of a name the model tagged elsewhere in the article is a mention,
                     unless it is a word of a longer name;
* ``surnames``       the surname of a person named in full in the article is that person's, whatever the
                     model called it;
* ``companies``      a one-word name that opens a company's name in the article ("Quellco" of "Quellco
                     Holdings") is the company's where the model called it a place;
* ``coordination``   names listed with a place after a locative preposition are places;
* ``citations``      names followed by a year ("Quell & Varn, 2011") are authors: people;
* ``works``          a name right after a noun for a work ("the novel Varn") is its title, no node;
* ``events``         a storm's or an operation's name without its first word ("Quellan" after "Storm
                     Quellan") is the event's, no node;
* ``nested places``  the place an organization is named after ("University of Quellby", "Quellby Rovers")
                     is a place mention too (:mod:`pipeline.extract.nested`).

Every repair is linear in the length of the body (plus n log n sorting): no span is compared with every
other span, no name searched for in the whole body one by one.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from pipeline.dates import CALENDAR_WORDS
from pipeline.extract.datelines import datelines
from pipeline.extract.entities import DETERMINERS, HONORIFICS, THING_HEADS, CharSpan, opened_by_one_of
from pipeline.extract.nested import nested_places
from pipeline.extract.offices import offices
from pipeline.extract.pictures import bylines, pictures
from pipeline.extract.portfolios import portfolios
from pipeline.extract.roads import roads
from pipeline.extract.shapes import (
    hometowns,
    lineups,
    names_in_capitals,
    never_names,
    nicknamed_people,
    reshaped,
    results_tables,
    scorecards,
    sentence_initial_words,
    surnames_cut_off,
)
from pipeline.extract.speakers import speaker_labels
from pipeline.names import (
    COMPANY_WORDS,
    SURNAMES_FIRST,
    SURNAMES_FIRST_THAT_ARE_WORDS,
    close_surname,
    name_key,
    without_generation,
)
from pipeline.records import CAPTIONS_BREAK
from pipeline.wordlists import Patterns


@dataclass(frozen=True)
class ArticleText:
    """What span repairs read besides the spans: the body, its "Long Form (LF)" definitions and the
    word classes."""

    body: str
    abbreviations: tuple[tuple[str, str], ...]
    patterns: Patterns
    #: Well-known places: a person's surname that is one ("Washington") is left as the model typed it.
    places: frozenset[str] = frozenset()
    #: Places an organization's name may end with after "of" ("University of Quellby", see
    #: :class:`pipeline.extract.model.Vocabulary`).
    linked_places: frozenset[str] = frozenset()
    building_places: frozenset[str] = frozenset()
    #: The model's word lists (lowercase nouns, verbs): a heading that is one of them is no name.
    common_words: tuple[frozenset[str], ...] = ()
    #: Given names (:attr:`pipeline.extract.model.Vocabulary.given_names`): a table row starting with one
    #: is a player's.
    given_names: frozenset[str] = frozenset()
    #: The model's adjectives (lowercase): "an Aboriginal boy" names no town.
    adjectives: frozenset[str] = frozenset()


SpanRepair = Callable[[list[CharSpan], ArticleText], list[CharSpan]]
#: The types of names that become nodes.
_NAME_TYPES = frozenset({"person", "group", "place"})


class _Taken:
    """Which characters of a body are already part of a span: one byte per character, so asking whether
    a new span overlaps any earlier one costs its own length, not the number of spans."""

    def __init__(self, length: int, spans: Sequence[CharSpan] = ()) -> None:
        self.marks = bytearray(length)
        for span in spans:
            self.take(span.start, span.end)

    def free(self, start: int, end: int) -> bool:
        """Is [start, end) a non-empty stretch that no span holds yet?"""
        return start < end and self.marks.find(1, start, end) == -1

    def take(self, start: int, end: int) -> None:
        if start < end:
            self.marks[start:end] = b"\x01" * (end - start)


def without_overlaps(spans: Sequence[CharSpan], article: ArticleText | None = None) -> list[CharSpan]:
    """Where two spans overlap the longer one wins ("Board of Deputies of British Jews" over "Jews");
    of two as long, the first."""
    taken = _Taken(max((span.end for span in spans), default=0))
    kept: list[CharSpan] = []
    for span in sorted(spans, key=lambda s: (-(s.end - s.start), s.start)):
        if taken.free(span.start, span.end):
            kept.append(span)
            taken.take(span.start, span.end)
    return sorted(kept, key=lambda s: s.start)


#: "(SDF)": a parenthesis holding a possible short form (the same shape for definitions and for uses).
_PARENTHESIS = re.compile(r"\(\s*([^()\n]{2,10}?)\s*\)")
#: Words before a "(SDF)" that are enough for any long form; longer lines are not read back further.
_LOOK_BACK_CHARS = 1000


def abbreviations(text: str) -> list[tuple[str, str]]:
    """ "Syrian Democratic Forces (SDF)" -> ("SDF", "Syrian Democratic Forces"), by Schwartz & Hearst (2003)."""
    pairs = []
    for short, candidate in _parenthesized(text):
        long = _long_form(short, candidate)
        if long:
            pairs.append((short, long))
    return pairs


def title_holders(body: str, spans: Sequence[CharSpan], patterns: Patterns) -> list[tuple[str, str]]:
    """(title, holder) for each title a person's name stands alone for in the article, when one person
    of the article is named with it: "Governor-General Peter Hollingworth said ... The Governor-General"
    gives ("Governor-General", "Peter Hollingworth"). The title alone is an office the model tagged as a
    person (13 mentions of "Governor-General" made one person of Lee); resolution joins it to its holder
    as it joins a defined acronym. A title two people of the article hold stays alone.

    >>> from pipeline.wordlists import load_patterns
    >>> body = "Treasurer Orla Quist met Velmor Osk. The Treasurer said no."
    >>> spans = [CharSpan(10, 20, "PERSON", "person"), CharSpan(25, 35, "PERSON", "person"),
    ...          CharSpan(41, 50, "PERSON", "person")]
    >>> title_holders(body, spans, load_patterns())
    [('Treasurer', 'Orla Quist')]
    >>> body = "The Governor-General, Dr Velmor Osk, spoke. The Governor-General left."
    >>> spans = [CharSpan(25, 35, "PERSON", "person"), CharSpan(48, 64, "FAC", "person")]
    >>> title_holders(body, spans, load_patterns())
    [('Governor-General', 'Velmor Osk')]
    """
    people = [span for span in spans if span.type == "person"]
    alone: dict[tuple[str, ...], str] = {}
    for span in people:
        words = body[span.start : span.end].split()
        if words and words[0].lower() in DETERMINERS:
            words = words[1:]
        if words and words[0][0].isupper() and tuple(w.lower() for w in words) in patterns.person_titles:
            alone.setdefault(tuple(w.lower() for w in words), " ".join(words))
    if not alone:
        return []
    holders: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for span in people:
        name = body[span.start : span.end]
        if len(name.split()) < 2 or name.split()[0].lower() in DETERMINERS:
            continue
        before = body[max(0, span.start - 60) : span.start].split("\n")[-1].split()
        while before and before[-1].lower().rstrip(".") in HONORIFICS:
            before.pop()  # "Governor-General, Dr Peter Hollingworth"
        if before:
            before[-1] = before[-1].removesuffix(",")
        for title in alone:
            written = before[-len(title) :]
            same = len(written) == len(title) and [w.lower() for w in written] == list(title)
            if same and written[0][0].isupper():  # "Treasurer Orla Quist", not "the treasurer Orla Quist"
                holders[title].add(name)
    return sorted((alone[t], names.pop()) for t, names in holders.items() if len(names) == 1)


def term_acronyms(text: str) -> set[str]:
    """Acronyms the text defines with a lower-case long form, terms and not names: "sea surface salinity
    (SSS)", "foreign direct investment (FDI)".

    >>> sorted(term_acronyms("It measures sea surface salinity (SSS) for the Quellan Space Agency (QSA)."))
    ['SSS']
    """
    terms = set()
    for short, candidate in _parenthesized(text):
        long = _long_form(short, candidate, capitalized=False)
        if long and long == long.lower():
            terms.add(short)
    return terms


def _parenthesized(text: str) -> Iterator[tuple[str, str]]:
    """(short form, the words before it that may hold its long form) of each "(SDF)" in ``text``."""
    for match in _PARENTHESIS.finditer(text):
        short = match.group(1)
        if not (short[0].isalnum() and any(c.isupper() for c in short) and len(short.split()) <= 2):
            continue
        if sum(c.isupper() for c in short) < 2:
            continue
        wanted = min(len(short) + 5, len(short) * 2)
        end = match.start()
        while end > 0 and text[end - 1].isspace():  # the long form may end a line before "(SDF)"
            end -= 1
        line_start = text.rfind("\n", 0, end) + 1
        # Only the last few words of the line count: read back a bounded stretch, and the whole line
        # only when that stretch holds too few words (its first word may be cut).
        start = max(line_start, end - _LOOK_BACK_CHARS)
        words = re.findall(r"\S+", text[start:end])
        if start > line_start and len(words) <= wanted:
            words = re.findall(r"\S+", text[line_start:end])
        yield short, " ".join(words[-wanted:])


def _long_form(short: str, candidate: str, *, capitalized: bool = True) -> str | None:
    s_index, l_index = len(short) - 1, len(candidate) - 1
    while s_index >= 0:
        char = short[s_index].lower()
        if not char.isalnum():
            s_index -= 1
            continue
        while l_index >= 0 and (
            candidate[l_index].lower() != char
            or (s_index == 0 and l_index > 0 and candidate[l_index - 1].isalnum())
        ):
            l_index -= 1
        if l_index < 0:
            return None
        l_index -= 1
        s_index -= 1
    start = candidate.rfind(" ", 0, l_index + 1) + 1
    long = candidate[start:].strip(" ,;:\"'“”‘’")
    words = long.split()
    while words and words[0].lower() in DETERMINERS:
        words.pop(0)
    long = " ".join(words)
    if len(words) < 2 or (capitalized and not long[0].isupper()) or len(long) <= len(short):
        return None
    return long


def acronyms_of_other_languages(
    spans: Sequence[CharSpan], body: str, known: Sequence[tuple[str, str]]
) -> list[tuple[str, str]]:
    """(short form, long form) pairs whose letters are another language's: an organization's name, then
    a parenthesis holding capitals the article uses again, or that share initials with it, and the model
    never calls a place: "the Social Democratic Party (PSQ) ... the PSQ said" (Partidul Social ...), "the
    National Jury of Elections (JNE)". The pairs by letters (``known``) stay as they are.

    >>> body = "The Social Unity Party (PSQ) won. The PSQ said so. Tarn Quell (UK) left the UK."
    >>> def at(name, label, kind, start=0):
    ...     return CharSpan(body.index(name, start), body.index(name, start) + len(name), label, kind)
    >>> spans = [at("Social Unity Party", "ORG", "group"), at("Tarn Quell", "ORG", "group"),
    ...          at("UK", "GPE", "place", 70)]
    >>> acronyms_of_other_languages(spans, body, [])
    [('PSQ', 'Social Unity Party')]
    """
    if "(" not in body:
        return []
    groups_ending = {span.end: span for span in spans if span.type == "group"}
    shorts_known = {short for short, _ in known}
    placed = {body[span.start : span.end] for span in spans if span.type != "group"}
    found = []
    for match in _ACRONYM_IN_PARENTHESES.finditer(body):
        short = match.group(1)
        end = match.start()
        while end > 0 and body[end - 1].isspace():
            end -= 1
        name = groups_ending.get(end)
        if name is None or short in shorts_known or short in placed:
            continue
        long = body[name.start : name.end]
        used_again = re.search(rf"(?<![\w(]){re.escape(short)}(?![\w)])", body) is not None
        if not used_again and not _initials_shared(short, long):
            continue  # not used again, nor spelling the name's words: a label, not the name's short form
        found.append((short, long))
    return found


def _initials_shared(short: str, long: str) -> bool:
    """Does an acronym of another language share the name's first letter, or two of its words' initials
    (the same words in another order: "JNE" of the "National Jury of Elections")?

    >>> _initials_shared("JNE", "National Jury of Elections"), _initials_shared("KMT", "Kuomintang")
    (True, True)
    >>> _initials_shared("CGT", "Quellco"), _initials_shared("VTU", "Osk Works Council")
    (False, False)
    """
    initials = {word[0] for word in long.split() if word[:1].isupper()}
    return short[0] == long[:1] or len(set(short) & initials) >= 2


#: "(PSD)": capitals in parentheses, two to six of them.
_ACRONYM_IN_PARENTHESES = re.compile(r"\(([A-Z]{2,6})\)")


def named_in_full(
    pairs: Sequence[tuple[str, str]], spans: Sequence[CharSpan], body: str
) -> list[tuple[str, str]]:
    """The (short form, long form) pairs with each long form that a tagged name ends, right before the
    short form's parenthesis, replaced by that name: the letters of "SES" stop at "State Emergency
    Service", the name the article gives is "New South Wales State Emergency Service (SES)", and the
    short form means what the name's mentions mean.

    >>> body = "The Quellby State Rescue Service (SRS) said so."
    >>> named_in_full([("SRS", "State Rescue Service")], [CharSpan(4, 32, "ORG", "group")], body)
    [('SRS', 'Quellby State Rescue Service')]
    """
    if not pairs:
        return list(pairs)
    names_ending = {span.end: body[span.start : span.end] for span in spans if span.type in _NAME_TYPES}
    # each "(X)" once, with the tagged name that ends right before it: linear in the body
    named_before: dict[str, list[str]] = defaultdict(list)
    for match in _PARENTHESIS.finditer(body):
        end = match.start()
        while end > 0 and body[end - 1].isspace():
            end -= 1
        name = names_ending.get(end)
        if name is not None:
            named_before[match.group(1)].append(name)
    found = []
    for short, long in pairs:
        longer = [name for name in named_before.get(short, ()) if name.endswith(" " + long)]
        found.append((short, longer[0] if longer else long))
    return found


def add_acronyms(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The "(SDF)" after a tagged long form becomes a mention with the long form's label and type; when
    the long form names no entity (an illness, a law), neither do the model's mentions of the short form."""
    pairs, body = article.abbreviations, article.body
    by_text = {body[s.start : s.end]: s for s in spans}
    added = list(spans)
    if not pairs:
        return sorted(added, key=lambda s: s.start)
    every_by_text: dict[str, list[CharSpan]] = defaultdict(list)
    for span in spans:
        every_by_text[body[span.start : span.end]].append(span)
    taken = _Taken(len(body), spans)
    # Every "(X)" of the body, found once: X -> (position of "(", position of X).
    parentheses: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for match in _PARENTHESIS.finditer(body):
        parentheses[match.group(1)].append((match.start(), match.start(1)))
    for short, long in dict.fromkeys(pairs):  # a definition repeated adds nothing new
        source = by_text.get(long)
        if source is None and short in by_text:
            # "Médecins Sans Frontières (MSF)" where the model tagged only "MSF": the definition names it too.
            tagged = by_text[short]
            for start, end in _long_forms(long, short, body, parentheses, taken):
                source = CharSpan(start, end, tagged.label, tagged.type, "acronym")
                added.append(source)
        if source is None and short not in by_text:
            source = _untagged_long_form(long, short, body, parentheses, taken, article)
            if source is not None:
                added.append(source)
        if source is None:
            source, pieces = _pieced_long_form(long, short, added, parentheses, article)
            if source is not None:
                added = [span for span in added if not any(span is piece for piece in pieces)]
                added.append(source)
                taken.take(source.start, source.end)
        if source is None:
            continue
        if source.type not in _NAME_TYPES:
            # "Quellby Fever (QF)", "the Varn Act (VA)": the short form names no entity either.
            for span in every_by_text.get(short, ()):
                if span.type in _NAME_TYPES:
                    span.type, span.label = source.type, source.label
        for _, start in parentheses.get(short, ()):
            end = start + len(short)
            if taken.free(start, end):
                added.append(CharSpan(start, end, source.label, source.type, "acronym"))
                taken.take(start, end)
    return sorted(added, key=lambda s: s.start)


def _untagged_long_form(
    long: str,
    short: str,
    body: str,
    parentheses: dict[str, list[tuple[int, int]]],
    taken: _Taken,
    article: ArticleText,
) -> CharSpan | None:
    """The span of a long form the model tagged nowhere, nor its short form, when the definition itself
    says what it names: capitalized words ending on an organization's head noun ("Quellby Mining and
    Energy Union (QMEU)") or a place's or building's ("Varnby Memorial Stadium (VMS)")."""
    words = long.split()
    if len(words) < 2 or not all(w[:1].isupper() or w in _LONG_FORM_LINKS for w in words):
        return None
    head = words[-1].lower()
    if head in article.patterns.group_heads:
        label, kind = "ORG", "group"
    elif head in article.patterns.place_heads or head in article.patterns.building_heads:
        label, kind = "FAC", "place"
    else:
        return None
    for start, end in _long_forms(long, short, body, parentheses, taken):
        return CharSpan(start, end, label, kind, "acronym")
    return None


def _pieced_long_form(
    long: str,
    short: str,
    spans: list[CharSpan],
    parentheses: dict[str, list[tuple[int, int]]],
    article: ArticleText,
) -> tuple[CharSpan | None, list[CharSpan]]:
    """The organization a definition names whole where the model cut it into pieces, one of them an
    organization ("HM Revenue" + "Customs" of "HM Revenue and Customs (HMRC)", "Board of Control for
    Cricket" + "Quellia" of "Board of Control for Cricket in Quellia (BCCQ)"), and those pieces; (None, [])
    when it names no organization or a span runs over its edges."""
    words = long.split()
    if len(words) < 2 or not all(w[:1].isupper() or w in _LONG_FORM_LINKS | {"in"} for w in words):
        return None, []
    if long.endswith(("'s", "’s")):
        return None, []  # "the Quellby Security Organisation's (QSO) powers": the model's name ends right
    body = article.body
    for opening, _ in parentheses.get(short, ()):
        end = len(body[:opening].rstrip())
        start = end - len(long)
        if start < 0 or not body.startswith(long, start):
            continue
        pieces = [span for span in spans if span.start < end and span.end > start]
        if not pieces or any(span.start < start or span.end > end for span in pieces):
            continue
        if len(pieces) == 1 and (pieces[0].start, pieces[0].end) == (start, end):
            continue
        if any(span.type == "group" for span in pieces) or words[-1].lower() in article.patterns.group_heads:
            return CharSpan(start, end, "ORG", "group", "acronym"), pieces
    return None, []


def _long_forms(
    long: str, short: str, body: str, parentheses: dict[str, list[tuple[int, int]]], taken: _Taken
) -> Iterator[tuple[int, int]]:
    """(start, end) of each free ``long`` written right before a "(short)", spaces aside; each one
    yielded is taken."""
    for opening, _ in parentheses.get(short, ()):
        end = opening
        while end > 0 and body[end - 1].isspace():
            end -= 1
        start = end - len(long)
        if start >= 0 and body.startswith(long, start) and taken.free(start, end):
            taken.take(start, end)
            yield start, end


#: Lower-case words inside a long form: "Mining and Energy", "Department of Quellian Affairs".
_LONG_FORM_LINKS = frozenset({"of", "and", "for", "the", "&", "de", "on"})


#: A word character, as regular expressions see it (\w), and runs of them.
_WORD_CHAR = re.compile(r"\w")
_WORD = re.compile(r"\w+")


def _company_stem(name: str) -> str:
    """A company's name without its legal form or what it is, when that leaves a name of its own:
    "Quellco SA" -> "Quellco", "Varn Tarn Group" -> "Varn Tarn"; "" for any other name.

    >>> _company_stem("Quellco SA"), _company_stem("Varn Tarn Group"), _company_stem("Quellco"), _company_stem("The Group")
    ('Quellco', 'Varn Tarn', '', '')
    """
    stem, _, last = name.rpartition(" ")
    if (
        not stem
        or name_key(last) not in COMPANY_WORDS
        or not stem[:1].isupper()
        or stem.lower() in {"the", "a"}
    ):
        return ""
    return stem.rstrip(",")


def _family_name_first(name: str, article: ArticleText) -> str:
    """The family name that opens a Chinese, Korean or Vietnamese name of two or three words ("Bae" of
    "Bae Jung-hoon"), unless it is a word of the language too ("Long" opens sentences, "Song of the
    Year", "Oh, it was"); "" if none."""
    words = name.split()
    if not 2 <= len(words) <= 3 or name_key(words[0]) not in SURNAMES_FIRST or not words[0].istitle():
        return ""
    lower = words[0].lower()
    common = lower in SURNAMES_FIRST_THAT_ARE_WORDS or lower in article.adjectives
    return "" if common or any(lower in words for words in article.common_words) else words[0]


def propagate(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """Tag exact repeats of a name the model recognised elsewhere in the same article.

    Longer names claim their repeats first. Repeats are looked up through the body's words (a name is
    only tried where the body has its first word), not by searching the whole body for every name.
    """
    body = article.body
    votes: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    named: dict[str, bool] = {}  # name -> may it be propagated (a name, not "2" or "us")
    surnames: dict[str, str] = {}
    heads = _head_nouns(article.patterns)
    captions = body.find(CAPTIONS_BREAK)
    for span in spans:
        if span.type not in {"person", "group", "place"}:
            continue
        name = body[span.start : span.end]
        if span.origin == "credit" or (0 <= captions <= span.start and " " not in name):
            # who took the picture is not the story's, nor one word read in its caption ("Varnby play
            # Lakeport")
            continue
        if name not in named:
            named[name] = len(name) >= 2 and any(c.isupper() for c in name)
        if named[name]:
            votes[name][(span.label, span.type)] += 1
        if span.type == "person":  # "Janet Yellen" confirms "Yellen" in the same article
            surname = surnames[name] if name in surnames else surnames.setdefault(name, surname_of(name))
            if surname and surname.lower() not in heads:  # "Mosque" of a mosque the model called a person
                votes[surname][(span.label, span.type)] += 0
            family = _family_name_first(name, article)
            if family:  # "Bae Jung-hoon" confirms "Bae"
                votes[family][(span.label, span.type)] += 0
        elif span.type == "group":  # "Quellco SA" confirms "Quellco" in the same article
            stem = _company_stem(name)
            # not a word of the language ("American" of "American Airlines" is a nationality as often)
            common = stem.lower() in article.adjectives or any(
                stem.lower() in words for words in article.common_words
            )
            if stem and not common and stem not in article.places and not _a_place(stem):
                votes[stem][(span.label, span.type)] += 0
    for variant, surname in _spelled_otherwise({s for s in surnames.values() if s in votes}, article).items():
        votes[variant].update(dict.fromkeys(votes[surname], 0))  # "Zelenskiy" beside "Orla Zelensky"
    if not votes:
        return sorted(spans, key=lambda s: s.start)
    added = list(spans)
    taken = _Taken(len(body), spans)
    name_spans = [s for s in spans if s.type in {"person", "group", "place"}]
    names = _Taken(len(body), name_spans)
    name_starts = {s.start: s for s in name_spans}
    cut_short: set[int] = set()  # id() of the spans a full name replaces
    occurrences = _occurrences(list(votes), body)
    for name in sorted(votes, key=lambda t: (-len(t), t)):
        (label, kind), _ = min(votes[name].items(), key=lambda kv: (-kv[1], kv[0]))  # most votes
        for start in occurrences[name]:
            end = start + len(name)
            if taken.free(start, end):
                if next_to_a_name(names.marks, body, start, end) or runs_on(body, end, heads):
                    continue
            else:
                inside = _names_cut_short(name_starts, taken.marks, start, end) if " " in name else []
                if not inside:
                    continue
                cut_short.update(id(span) for span in inside)
                for span in inside:
                    del name_starts[span.start]
            span = CharSpan(start, end, label, kind, "propagated")
            added.append(span)
            name_starts[start] = span
            taken.take(start, end)
            names.take(start, end)
    if cut_short:
        added = [span for span in added if id(span) not in cut_short]
    return sorted(added, key=lambda s: s.start)


def _names_cut_short(
    name_starts: dict[int, CharSpan], marks: bytearray, start: int, end: int
) -> list[CharSpan]:
    """The names inside [start, end), an occurrence of a longer name of the article, when they are all it
    holds and none reaches past its edges: the model cut the name short there ("the West Varn Ice" and
    "Sheet" of "the West Varn Ice Sheet", which it tagged whole in another sentence). Empty otherwise,
    and when the one name inside is the occurrence itself.

    >>> body = "the Varn Ice Sheet"
    >>> cut = CharSpan(4, 12, "LOC", "place")
    >>> marks = bytearray(len(body)); marks[4:12] = bytes([1]) * 8
    >>> _names_cut_short({4: cut}, marks, 4, 18) == [cut], _names_cut_short({4: cut}, marks, 4, 12)
    (True, [])
    """
    inside: list[CharSpan] = []
    position = start
    while position < end:
        span = name_starts.get(position)
        if span is not None:
            if span.end > end:
                return []
            inside.append(span)
            position = span.end
        elif marks[position]:  # a name from before the occurrence reaches into it, or a number or date
            return []
        else:
            position += 1
    if len(inside) == 1 and (inside[0].start, inside[0].end) == (start, end):
        return []
    return inside


#: A capitalized word long enough to be told from another by its spelling.
_LONG_CAPITALIZED = re.compile(r"\b[A-Z][a-z]{4,}\b")


def _spelled_otherwise(surnames: set[str], article: ArticleText) -> dict[str, str]:
    """Words of the body that spell one of ``surnames`` another way ("Zelenskiy", "Zelenskyy" beside
    "Orla Zelensky"), each with the surname: no common word ("Merchant" beside "Ada Mercant"), place or
    head noun."""
    keys = {surname.lower(): surname for surname in surnames if len(surname) >= 5}
    if not keys:
        return {}
    heads = _head_nouns(article.patterns)
    found: dict[str, str] = {}
    for word in sorted(set(_LONG_CAPITALIZED.findall(article.body)) - surnames):
        lower = word.lower()
        close = [keys[key] for key in keys if close_surname(lower, key)]
        if len(close) != 1 or lower in heads or any(lower in words for words in article.common_words):
            continue
        if word not in article.places and not _a_place(word):
            found[word] = close[0]
    return found


def next_to_a_name(names: bytearray, body: str, start: int, end: int) -> bool:
    """Is [start, end) one space away from a name (``names`` marks the characters names hold): a word
    of a longer name, not a repeat ("Treasurer" of "Federal Treasurer Orsa Quist", whose title was
    trimmed; "Varn" of "the Varn Swans")?

    >>> body = "Treasurer Orsa Quist and the Treasurer"
    >>> names = bytearray(len(body))
    >>> names[10:20] = bytes([1]) * 10
    >>> next_to_a_name(names, body, 0, 9), next_to_a_name(names, body, 29, 38)
    (True, False)
    """
    after = end + 1 < len(body) and body[end] == " " and names[end + 1]
    before = start >= 2 and body[start - 1] == " " and names[start - 2]
    return bool(after or before)


def runs_on(body: str, end: int, heads: frozenset[str]) -> bool:
    """Does a capitalized word that ends names follow ``end`` after one space, so that the name there is
    part of a longer one the model missed: a head noun of ``heads`` ("Quellby" of "Quellby Rovers"), a
    plural ("Prince Varn" of "the Prince Varn Raiders") or a direction (:data:`_DIRECTION`: "Tarn" of
    "Tarn West")? A title, a day or any other word after a name leaves it the name ("Quellby Premier",
    "the Varn Charter", "Quist Mondays").

    >>> heads = frozenset({"rovers"})
    >>> runs_on("the Prince Varn Raiders won", 15, heads), runs_on("Quellby Rovers won", 7, heads)
    (True, True)
    >>> runs_on("Quellby Premier Orla Quist", 7, heads), runs_on("Quist Mondays", 5, heads)
    (False, False)
    """
    if end + 1 >= len(body) or body[end] != " " or not body[end + 1].isupper():
        return False
    match = _WORD.match(body, end + 1)
    word = match.group().lower() if match else ""
    if not word.isalpha() or word in CALENDAR_WORDS or word.removesuffix("s") in CALENDAR_WORDS:
        return False
    plural = word.endswith("s") and not word.endswith(("ss", "us", "is"))
    return word in heads or plural or re.fullmatch(_DIRECTION, word) is not None


@functools.lru_cache(maxsize=4)
def _head_nouns(patterns: Patterns) -> frozenset[str]:
    """Nouns that end the names of groups, places, buildings and things: no person's surname."""
    return patterns.group_heads | patterns.place_heads | patterns.building_heads | THING_HEADS


def terms_are_not_names(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans without acronyms the article defines as terms ("sea surface salinity (SSS)"): the model
    takes an all-caps word for an organization."""
    terms = term_acronyms(article.body) if "(" in article.body else set()
    if not terms:
        return spans
    body = article.body
    return [
        s for s in spans if s.type not in {"person", "group", "place"} or body[s.start : s.end] not in terms
    ]


#: What the model calls a surname now and then instead of a person: a group, a place, a work, a nationality.
_MISTYPED_SURNAME_LABELS = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "PRODUCT", "EVENT"})


def surnames_are_people(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A one-word name that is the surname of a person named in full in the article is that person's,
    whatever the model called it ("Quist said" after "Orsa Quist"), unless it is a well-known place
    ("Washington" after "George Washington"); so is such a surname after titles the model ran into it
    and called an organization ("Skipper Quist", "Justice Quist"; a place keeps its name: "Pill Quist"
    may be a hill, and common nouns are too many: the model's list holds "paris"). So is the first
    word of one full name alone that the model called a place (:func:`_openers_of_one_name`: "Wirasak" of
    "Wirasak Phonkaew"), but not one it called an organization or a product: a firm named after a
    family ("Varnaka" of "Varnaka Ichiro")."""
    body = article.body
    surnames = {
        surname_of(body[s.start : s.end])
        for s in spans
        if s.type == "person" and " " in body[s.start : s.end]
    }
    surnames.discard("")
    heads = article.patterns.group_heads | article.patterns.place_heads | THING_HEADS
    surnames = {name for name in surnames if name.lower() not in heads}  # "Hotel" of "Quist Hotel"
    openers = _openers_of_one_name(spans, article)
    if not surnames and not openers:
        return spans
    titles = {title[0] for title in article.patterns.person_titles if len(title) == 1}
    for span in spans:
        text = body[span.start : span.end]
        before, _, last = text.rpartition(" ")
        if (
            before
            and span.label == "ORG"
            and last in surnames
            and all(word.lower().rstrip(".") in titles for word in before.split())
            and not any(word in article.given_names for word in before.split())
        ):
            # "Skipper Quist", "Justice Quist" after "Orsa Quist": a title the model ran into the surname
            # and called an organization
            span.start, span.label, span.type = span.end - len(last), "PERSON", "person"
        elif (
            span.type != "person"
            and span.label in _MISTYPED_SURNAME_LABELS
            and (text in surnames or (text in openers and span.label not in _COMPANY_LABELS))
            and text not in article.places
            and not _a_place(text)
        ):
            span.label, span.type = "PERSON", "person"
    return spans


#: The model's labels of a company and its products: a family name written first that the model calls
#: one may be the firm the family founded ("Varnaka" of "Varnaka Ichiro", and "Varnaka sold 3 million
#: cars"), and stays so.
_COMPANY_LABELS = frozenset({"ORG", "PRODUCT"})


def _openers_of_one_name(spans: list[CharSpan], article: ArticleText) -> set[str]:
    """The first words of people's full names of two to four words that open no other name of the
    article: a family name written first ("Tarnaka" of "Tarnaka Hiroe") or a given name the news uses
    alone ("Wirasak" of "Wirasak Phonkaew"), which the model calls an organization or a place alone.
    Not where a word of the full name is a word of the language ("Mets" of a "Mets Poet") or the word
    opens an organization's or a place's name too ("Honda" of "Honda Motor" and "Honda Soichiro")."""
    body = article.body
    opened: dict[str, set[str]] = defaultdict(set)  # first word -> the names it opens
    others: set[str] = set()  # the names the model called something else than a person at least once
    for span in spans:
        text = body[span.start : span.end]
        if " " in text and span.type in _NAME_TYPES:
            opened[text.split()[0]].add(text)
            if span.type != "person":
                others.add(text)
    found = set()
    for first, names in opened.items():
        if len(names) != 1 or names & others or not first.istitle():
            continue
        words = next(iter(names)).split()
        common = any(
            word.lower() in article.adjectives or any(word.lower() in kind for kind in article.common_words)
            for word in words
        )
        if 2 <= len(words) <= 4 and not common and first not in article.places and not _a_place(first):
            found.add(first)
    return found


def companies_are_groups(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A one-word name that opens a company's name in the article is the company's where the model called
    it a place ("Quellco" beside "Quellco Communications" and "Quellco Holdings"), unless a well-known
    place ("Boston" of "Boston Scientific" is the city as often) or a region ("the Southwest" beside
    "Southwest Airlines"): else the company is a place node too, and the place nested in its every name."""
    body = article.body
    openers = set()
    for span in spans:
        if span.type == "group":
            first, _, rest = body[span.start : span.end].partition(" ")
            if rest and " " not in rest and name_key(rest) in COMPANY_WORDS and first[:1].isupper():
                openers.add(first)
    if not openers:
        return spans
    for span in spans:
        text = body[span.start : span.end]
        if (
            (span.type == "place" or span.label in {"PRODUCT", "WORK_OF_ART"})  # "Quellco" a product too
            and text in openers
            and text not in article.places
            and text not in article.linked_places
            and not re.fullmatch(_DIRECTION, text, re.IGNORECASE)  # "the Southwest" of "Southwest Airlines"
            and not _a_place(text)
        ):
            span.label, span.type = "ORG", "group"
    return spans


def _a_place(name: str) -> bool:
    """Is ``name`` a country, US state or large city ("Washington", "Sydney"; not the small town "Quist",
    which shares a surname)? Loaded on first use: most articles never ask."""
    from pipeline.gazetteer import large_place_names

    return name in large_place_names()


def _occurrences(names: Sequence[str], body: str) -> dict[str, list[int]]:
    r"""Start of every occurrence of each name as a whole word or words, left to right and not
    overlapping each other: what ``re.finditer(r"(?<!\w)NAME(?!\w)", body)`` finds, in one pass over
    the body's words instead of one pass per name."""
    found: dict[str, list[int]] = {name: [] for name in names}
    by_first_word: dict[str, set[str]] = defaultdict(set)
    for name in names:
        first = _WORD.match(name)
        if first is None:  # starts with punctuation: rare, searched for on its own
            found[name] = [m.start() for m in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", body)]
        else:
            by_first_word[first.group()].add(name)
    # Names sharing a first word ("Ada Quell", "Ada Varn") are told apart by their length, so each word of
    # the body costs one look-up per distinct length, however many names start with it.
    index = {word: (group, sorted({len(name) for name in group})) for word, group in by_first_word.items()}
    ends = dict.fromkeys(names, 0)
    for word in _WORD.finditer(body):
        entry = index.get(word.group())
        if entry is None:
            continue
        group, lengths = entry
        start = word.start()  # a run of word characters starts here, so (?<!\w) holds
        for length in lengths:
            name = body[start : start + length]
            end = start + length
            if name in group and start >= ends[name] and not _WORD_CHAR.match(body, end):
                found[name].append(start)
                ends[name] = end
    return found


def surname_of(name: str) -> str:
    """Last word of a full personal name, without a particle prefix or a son's "Jr.": "Bashar al-Assad"
    -> "Assad", "Orla Quist Jr." -> "Quist".

    >>> surname_of("Bashar al-Assad"), surname_of("Orla Quist Jr."), surname_of("Orla Quist, Sr"), surname_of("Jr.")
    ('Assad', 'Quist', 'Quist', '')
    >>> surname_of("Orla Varn-Quist"), surname_of("Ed O'Quill"), surname_of("Ed McQuist"), surname_of("Ed QUIST")
    ('Varn-Quist', "O'Quill", 'McQuist', '')
    >>> surname_of("Ana Quičen"), surname_of("Ed Osa'u"), surname_of("Ed Quist-"), surname_of("Ed Q2st")
    ('Quičen', "Osa'u", '', '')
    """
    words = without_generation(name.split())
    if len(words) < 2:
        return ""
    last = re.sub(r"^(?:al|el|bin|ibn)-", "", words[-1], flags=re.IGNORECASE)
    return last if len(last) >= 3 and _written_like_a_surname(last) else ""


#: A prefix written up inside a surname: "McQuist", "O'Quill", "DeVarn".
_SURNAME_PREFIX = re.compile(r"^(?:Mc|Mac|O['’]|D['’]|De|Di|Du|Le|La|Van|Fitz)(?=[^\W\d_])")


def _written_like_a_surname(word: str) -> bool:
    """Is ``word`` written as a surname is: capitalized ("Quist", "Ličen", "Vava'u"), maybe
    double-barrelled ("Varn-Quist") or with a prefix written up ("O'Quill", "McQuist"); not a word in
    capitals ("QUIST") nor one with digits?"""
    for part in word.split("-"):
        prefix = _SURNAME_PREFIX.match(part)
        if prefix is not None and part[prefix.end()].isupper():
            part = part[prefix.end() :]
        letters = part.replace("'", "").replace("’", "")
        if not (part[:1].isupper() and part[1:].islower() and letters.isalpha()):
            return False
    return True


_DIRECTION = r"(?:(?:north|south|east|west)(?:ern|-?(?:east|west)(?:ern)?)?|central|upper|lower)"
_LIST_GAP = re.compile(r"\s*(?:,|and|or|, and|, or)\s*(?:" + _DIRECTION + r"\s+)?", re.IGNORECASE)


#: A finite verb right after a name: the name is a clause's subject ("and Osk is", "and Osk said").
_CLAUSE_VERB = re.compile(
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|said|says|did|does)\b", re.IGNORECASE
)


#: The conjunction that ends a list of names.
_AND_OR = re.compile(r"\b(?:and|or)\b", re.IGNORECASE)


def coordinated_places(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """Names listed together after a locative preposition, one of them a place, are all places:
    "from Al-Darbasiyah and Amuda", "in the Nineveh and west Al-Jazeera operations commands"."""
    body = article.body
    ordered = sorted(spans, key=lambda s: s.start)
    index = 0
    while index < len(ordered):
        run = [ordered[index]]
        # a list ends with "and"/"or" ("from Quellby, Osk and Varn"); "In Quellby, Orsa Quist, the
        # minister" is a place and an apposition. One "and" ends it: "from Quellby and Osk, and Varnair
        # flies" starts a clause.
        closed = False
        while index + len(run) < len(ordered) and not closed:
            gap = (run[-1].end, ordered[index + len(run)].start)
            if not _LIST_GAP.fullmatch(body, *gap):
                break
            run.append(ordered[index + len(run)])
            closed = bool(_AND_OR.search(body, *gap))
        # "around Quellia, and Osk is cutting jobs": the last name starts a clause, it ends no list; "in
        # Quellia and Osk were overwhelmed" (no comma) and "in Quellia, Varn, and Osk were" are lists
        clause = len(run) == 2 and "," in body[run[0].end : run[1].start]
        closed = closed and not (clause and _CLAUSE_VERB.match(body, run[-1].end))
        if closed and any(s.type == "place" for s in run):
            before = [w.lower() for w in body[max(0, run[0].start - 60) : run[0].start].split()]
            while before and (before[-1] in DETERMINERS or re.fullmatch(_DIRECTION, before[-1])):
                before.pop()
            if before and before[-1] in article.patterns.locative:
                for span in run:
                    # a full name the model called a person stays one: "in the Quellby Hall and Orla
                    # Vant comedy"
                    words = body[span.start : span.end].lower().split()
                    full_name = span.label == "PERSON" and len(words) > 1 and words[-1] not in THING_HEADS
                    if span.type in {"person", "group"} and not full_name:
                        span.type = "place"
        if closed:
            _listed_with_places(run, article)
        index += len(run)
    return ordered


def _listed_with_places(run: list[CharSpan], article: ArticleText) -> None:
    """In a list of two or more places, a well-known place's name the model took for something else is a
    place too: "Tarnby, Velmoor, and Quellbridge" (the model's person) with Quellbridge in the gazetteer."""
    body = article.body
    places = [span for span in run if span.type == "place"]
    others = [span for span in run if span.type != "place"]
    if len(places) >= 2 and others and all(body[s.start : s.end] in article.linked_places for s in others):
        for span in others:
            span.type = "place"


#: An author's name in a citation: one or two capitalized words.
_AUTHOR_NAME = r"[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?"
#: What opens one more author's name: "," "&" "and" ", &" ", and".
_ANOTHER = r"\s*(?:,\s*&|,\s*and|,|&|and)\s+"
#: What ends a citation after its authors: "et al.", then the year.
_YEAR_ENDING = r"(?:\s+et\s+al)?\.?\s*,?\s*\(?\s*(?:1[6-9]|20)\d\d[a-z]?(?=\s*(?:[);:]|,\s*pp?\.))"
#: What follows an author's name in a citation: more authors, "et al.", then the year ("Quell et al.,
#: 2019", "Varn (2004)", "Varn's (2004)", "Quell & Varn, 2011", "(Quell, 2011, p. 12)"). The definition
#: of what :class:`_Citations` finds: matched after every name of a long list it walks the rest of the
#: list each time (n² for n names), so it is not run itself.
_CITED_YEAR = re.compile(
    r"(?:['’]s\b)?"  # "Varn's (2004) account"
    rf"((?:{_ANOTHER}{_AUTHOR_NAME})*)"  # more authors
    rf"{_YEAR_ENDING}"
)
#: The parts of :data:`_CITED_YEAR` that :class:`_Citations` matches one at a time.
_POSSESSIVE = re.compile(r"['’]s\b")
_NEXT_AUTHOR = re.compile(_ANOTHER + r"([A-Z][\w'’-]+)")
_SECOND_WORD = re.compile(r"\s+([A-Z])[\w'’-]+")
_YEAR_NEXT = re.compile(_YEAR_ENDING)
#: The first character of anything the authors' group or the year ending can match.
_OPENINGS = frozenset(",&a.(12")
#: Two or more authors and the year, all in one name: "Quell & Varn 2011", "Quell, Varn and Osk 2011".
_AUTHORS_AND_YEAR = re.compile(
    r"([A-Z][\w'’-]+(?:\s*(?:,\s*&|,\s*and|,|&|and)\s+[A-Z][\w'’-]+)+)\s*,?\s*(?:1[6-9]|20)\d\d[a-z]?"
)
#: Separators between the authors of one citation: "Quell & Varn", "Quell, Varn, & Osk", "Quell and Varn".
_AUTHORS = re.compile(r"\s*(?:,\s*&|,\s*and|,|&|\band\b)\s*")
#: An "and" that opens a citation's authors: "\band\b" of :data:`_AUTHORS` where no letter is before it.
_OPENING_AND = re.compile(r"and\b\s*")


def cited_authors(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """Names followed by a year, as in an academic citation, are their authors: people, and so is every
    other mention of an author's name in the article ("Hein and colleagues"). A name the model took for a
    group ("Quell & Varn, 2011") is cut into one person per author; co-authors the model left untagged
    ("Quell, Varn, & Osk, 2011") become people too."""
    body = article.body
    result: list[CharSpan] = []
    co_authors: list[tuple[int, int]] = []
    cited: set[str] = set()
    citations = _Citations(body)
    for span in spans:
        if span.type not in {"person", "group", "place"} or _no_author(body[span.start : span.end], article):
            result.append(span)
            continue
        match = citations.after(span.end)
        with_year = _AUTHORS_AND_YEAR.fullmatch(body, span.start, span.end) if match is None else None
        if with_year is not None:  # the model took the year in: "Quell and Varn 2011"
            span = CharSpan(span.start, with_year.end(1), span.label, span.type, span.origin)
        elif match is None:
            result.append(span)
            continue
        for start, end in _author_pieces(body[span.start : span.end]):
            result.append(CharSpan(span.start + start, span.start + end, "PERSON", "person", span.origin))
            cited.add(body[span.start + start : span.start + end])
        if match is not None:
            co_authors.extend(citations.co_authors(*match))
    taken = _Taken(len(body), result)
    for start, end in co_authors:
        cited.add(body[start:end])
        if taken.free(start, end):
            taken.take(start, end)
            result.append(CharSpan(start, end, "PERSON", "person", "citation"))
    for span in result:
        if span.type in {"group", "place"} and body[span.start : span.end] in cited:
            span.type, span.label = "person", "PERSON"
    return sorted(result, key=lambda s: (s.start, s.end))


def _no_author(name: str, article: ArticleText) -> bool:
    """Is the name, though a year in brackets follows it, no author's: a body named by its head noun
    ("Quellby Health Organization (2019)") or a team, a known place and a plural ("Quellport Ravens
    (2012)" in a player's career)?"""
    words = name.split()
    heads = article.patterns.group_heads | article.patterns.place_heads
    if any(word.lower() in heads for word in words):
        return True
    place, _, last = name.rpartition(" ")
    return place in article.places and last.endswith("s") and last[:1].isupper()


def _author_pieces(text: str) -> list[tuple[int, int]]:
    """(start, end) of each author's name in ``text``: "Quell & Varn et al" -> Quell, Varn."""
    text_end = len(text)
    if text.endswith(" et al"):
        text_end -= len(" et al")
    cursor, pieces = 0, []
    for separator in _AUTHORS.finditer(text, 0, text_end):
        pieces.append((cursor, separator.start()))
        cursor = separator.end()
    pieces.append((cursor, text_end))
    return [(start, end) for start, end in pieces if _an_author(text[start:end])]


def _an_author(piece: str) -> bool:
    """Is a piece of a citation between separators an author's name (not "", "NASA", a sentence)?"""
    return piece[:1].isupper() and not piece.isupper() and len(piece.split()) <= 3


def _may_go_on(body: str, position: int) -> bool:
    """Can one more author or the year ending start at ``position``: not a letter in mid-word?"""
    return position < len(body) and (body[position] in _OPENINGS or body[position].isspace())


class _Citations:
    """The citations of one body: what ``_CITED_YEAR.match(body, position)`` finds after each name, and
    the co-authors it lists, in time linear in the body.

    The regex's "more authors" group runs to the end of a list of capitalized names ("The winners were
    Quista, Quistb, ..., Quistjjj and others."), so matching it after each of a list's n names costs n²,
    and when the list does end in a year ("..., 2011)") each name's co-authors are the rest of the list.
    Here the group is matched one author at a time, trying the ends of each name in the order the regex
    engine backtracks through them, and where the group may end from each position is kept: a name
    reuses what the next name of the list found. Co-authors are read once per list, not once per name.
    """

    def __init__(self, body: str) -> None:
        self.body = body
        #: position -> where the authors' group matched from there ends (the year follows), or None
        self.group_ends: dict[int, int | None] = {}
        #: (position, end) the co-authors were read from, in some earlier citation of the same list
        self.read: set[tuple[int, int]] = set()

    def after(self, position: int) -> tuple[int, int] | None:
        """``match.span(1)`` of ``_CITED_YEAR.match(body, position)``, or None where it does not match."""
        possessive = _POSSESSIVE.match(self.body, position)
        if possessive is not None:  # the regex tries "Varn's (2004)" first, then without the "'s"
            end = self._group_end(possessive.end())
            if end is not None:
                return possessive.end(), end
        end = self._group_end(position)
        return None if end is None else (position, end)

    def _group_end(self, start: int) -> int | None:
        """Where the group ``(?:ANOTHER AUTHOR_NAME)*`` followed by the year ending matches from ``start``
        ends, as the regex engine finds it: each name's longest way to go on first, the year last.
        Depth-first without recursion (a list may hold 20,000 names); each position is decided once."""
        body, ends = self.body, self.group_ends
        if start in ends:
            return ends[start]
        stack = [(start, self._author_ends(start))]
        found: int | None = None  # what the last position decided found
        while stack:
            position, candidates = stack[-1]
            if found is None:
                deeper = None
                for end in candidates:
                    if end not in ends and _may_go_on(body, end):
                        deeper = end
                        break
                    if ends.get(end) is not None:  # decided, or nothing can follow (a letter mid-word)
                        found = ends[end]
                        break
                else:
                    found = position if _YEAR_NEXT.match(body, position) else None
                if deeper is not None:
                    stack.append((deeper, self._author_ends(deeper)))
                    continue
            ends[position] = found
            stack.pop()
        return found

    def _author_ends(self, position: int) -> Iterator[int]:
        """Where one more author (``ANOTHER AUTHOR_NAME``) matched at ``position`` may end, in the order the
        regex engine tries them: a second word longest first, then the first word, longest first (a
        separator, its spaces and the first word's start can only match one way)."""
        another = _NEXT_AUTHOR.match(self.body, position)
        if another is None:
            return iter(())
        first_start, first_end = another.span(1)
        second = _SECOND_WORD.match(self.body, first_end)
        seconds = range(second.end(), second.start(1) + 1, -1) if second is not None else range(0)
        return itertools.chain(seconds, range(first_end, first_start + 1, -1))

    def co_authors(self, start: int, end: int) -> list[tuple[int, int]]:
        """The body's (start, end) of each author ``_author_pieces(body[start:end])`` finds, less those an
        earlier citation read from the same separator on to the same end: in a list every name's
        citation ends at the same year, and its co-authors are read once. What is left out changes
        nothing: the same (start, end) again is a co-author already cited, its characters taken."""
        body = self.body
        stop = end - len(" et al") if body.endswith(" et al", start, end) else end
        cursor, pieces = start, []
        # In body[start:end] alone an "and" at the start follows no letter, so "\band" matches there.
        opening = None
        if start > 0 and _WORD_CHAR.match(body, start - 1):
            opening = _OPENING_AND.match(body, start, stop)
        if opening is not None:
            pieces.append((start, start))
            cursor = opening.end()
        for separator in _AUTHORS.finditer(body, cursor, stop):
            pieces.append((cursor, separator.start()))
            cursor = separator.end()
            if (cursor, stop) in self.read:
                break  # the rest was read before (and the same separators follow from here)
            self.read.add((cursor, stop))
        else:
            pieces.append((cursor, stop))
        return [(s, e) for s, e in pieces if _an_author(body[s:e])]


#: The words right before a name: a noun for a work, maybe with an article after it ("the novel Varn",
#: "the comedy The Quellby").
_BEFORE_A_TITLE = re.compile(r"([A-Za-z]+)\s+(?:(?:the|The|a|A|an|An)\s+)?$")
#: The word right after a name.
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")


def named_works(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """A name right after a noun for a work ("the romantic comedy Quellby Nights", "Osk's novel Varn")
    is the work's title: type ``other``, label WORK_OF_ART, no node, and so is that title alone elsewhere
    in the article. The model calls a title a person most of the time. Not a well-known place ("the
    series Australia won"), nor a name a verb follows ("the film Orla Quist directed"): there the name
    is the work's maker or subject."""
    body = article.body
    nouns = article.patterns.work_nouns
    verbs = article.common_words[1] if len(article.common_words) > 1 else frozenset()
    titles: set[str] = set()
    for span in spans:
        if span.type not in _NAME_TYPES:
            continue
        before = _BEFORE_A_TITLE.search(body, max(0, span.start - 40), span.start)
        if before is None or before.group(1).lower() not in nouns:
            continue
        if body[span.start : span.end] in article.places:
            continue
        after = _NEXT_WORD.match(body, span.end)
        if after is not None and _a_verb(after.group(1), verbs):
            continue
        span.type, span.label = "other", "WORK_OF_ART"
        titles.add(body[span.start : span.end])
    for span in _titles_with_years(spans, article):
        span.type, span.label = "other", "WORK_OF_ART"
        titles.add(body[span.start : span.end])
    for span in spans:  # the title alone elsewhere in the article: "Varn sold well"
        if span.type in _NAME_TYPES and body[span.start : span.end] in titles:
            span.type, span.label = "other", "WORK_OF_ART"
    return spans


#: A year in brackets right after a name: "Quellby Nights (2009)".
_YEAR_AFTER = re.compile(r"\s?\((?:1[5-9]|20)\d\d\)")
#: What goes between two titles of one list: a comma or "and", then maybe what the next one is ("...
#: (2005), the period drama Varn (2006)") or a title the model did not find, within one sentence.
_BETWEEN_TITLES = re.compile(r"\s*(?:,|and\b)(?:[^.;:()]|\((?:1[5-9]|20)\d\d\)){0,60}$")


#: A noun for works before a list of them: "her films include ", "novels such as the ".
_WORKS_LISTED = re.compile(
    r"\b([A-Za-z]+?)s?\s+(?:include[sd]?|including|such\s+as|like|are|were)\s+(?:the\s+)?$"
)


def _titles_with_years(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """Names with a year in brackets that are works' titles, which the model called people or bodies:
    every name of a list of such names where the model read one as a work ("The Quellby (2007), Varn
    Nights (2009) and Osk (2013)"), or that a noun for works opens ("her films include Quellby (2001),
    Varn (2004)"). Never a place the gazetteer knows, nor a name written as a person's
    full name ("Orla Quist (2000)"); a list of authors with years ("Quist (2004), Varn (2005)"), of bands
    or clubs ("The Quellers (1967)") holds no work."""
    body = article.body

    def a_title(span: CharSpan) -> bool:
        text = body[span.start : span.end]
        words = text.split()
        full_name = len(words) >= 2 and words[0] in article.given_names
        return span.type in _NAME_TYPES and text not in article.places and not full_name

    found: list[CharSpan] = []
    run: list[CharSpan] = []
    previous_end = -1

    def close(run: list[CharSpan]) -> None:
        if len(run) < 2:
            return
        listed = _WORKS_LISTED.search(body, max(0, run[0].start - 40), run[0].start)
        works_listed = listed is not None and listed.group(1).lower() in article.patterns.work_nouns
        if works_listed or any(s.label == "WORK_OF_ART" for s in run):
            found.extend(s for s in run if s.label in {"PERSON", "ORG"} and a_title(s))

    for span in spans:
        year = _YEAR_AFTER.match(body, span.end)
        if year is None:
            continue
        if run and not _BETWEEN_TITLES.match(body, previous_end, span.start):
            close(run)
            run = []
        run.append(span)
        previous_end = year.end()
    close(run)
    return found


def named_events(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The name of a storm or an operation without its first word ("Quellan" after "Storm Quellan",
    "Osk Shield" after "Operation Osk Shield") is the event's too: type ``other``, no node. The model
    calls a storm's name a person, as it is named like one."""
    body = article.body
    prefixes = article.patterns.event_prefixes
    names: set[str] = set()
    for span in spans:
        text = body[span.start : span.end]
        if span.type == "other" and opened_by_one_of(text, prefixes):
            words = text.split()
            for count in (1, 2):
                if " ".join(words[:count]).lower() in prefixes and len(words) > count:
                    names.add(" ".join(words[count:]))
    if not names:
        return spans
    for span in spans:
        if span.type in _NAME_TYPES and body[span.start : span.end] in names:
            span.type = "other"
    return spans


def _a_verb(word: str, verbs: frozenset[str]) -> bool:
    """Is ``word`` a form of one of ``verbs`` (lemmas): "directed", "wrote", "makes"?

    >>> _a_verb("directed", frozenset({"direct"})), _a_verb("stars", frozenset({"star"})), _a_verb("as", frozenset({"star"}))
    (True, True, False)
    """
    if word in verbs:
        return True
    for suffix, ending in (("ed", ""), ("ed", "e"), ("d", ""), ("s", ""), ("es", "")):
        if word.endswith(suffix) and word[: len(word) - len(suffix)] + ending in verbs:
            return True
    return word in _IRREGULAR_PASTS


#: Past tenses of the verbs a work's maker is the subject of, which no suffix rule finds.
_IRREGULAR_PASTS = frozenset({"wrote", "made", "sang", "drew", "began", "took", "gave", "won", "saw", "told"})


#: The repairs, in the order they run, each with the step name a failure in it is recorded under.
SPAN_REPAIRS: tuple[tuple[str, SpanRepair], ...] = (
    ("shapes", reshaped),
    ("not names", never_names),
    ("offices", offices),
    ("portfolios", portfolios),
    ("tables", results_tables),
    ("lineups", lineups),
    ("scorecards", scorecards),
    ("overlaps", without_overlaps),
    ("nicknames", nicknamed_people),
    ("cut-off surnames", surnames_cut_off),
    ("hometowns", hometowns),
    ("datelines", datelines),
    ("roads", roads),
    ("capitals", names_in_capitals),
    ("pictures", pictures),
    ("bylines", bylines),
    ("sentence starts", sentence_initial_words),
    ("abbreviations", add_acronyms),
    ("terms", terms_are_not_names),
    ("propagation", propagate),
    ("speakers", speaker_labels),
    ("surnames", surnames_are_people),
    ("companies", companies_are_groups),
    ("coordination", coordinated_places),
    ("citations", cited_authors),
    ("works", named_works),
    ("events", named_events),
    ("nested places", nested_places),
)
