"""The place an organization, a building or an event is named after is a place mention too.

"University of Quellby", "Quellby Rovers", "the Quellby Museum of Art", "the Quellby Film Festival": the
organization or event is in, or of, the place, and an analyst looking for Quellby wants the article. The
model tags only the whole name, so the place is never a node of its own and the article never links to it.
:func:`nested_places` adds a mention of origin ``nested`` for the place inside such a name, overlapping
the organization's mention.

A place is inside a name in two shapes: after a linking word ("University of Quellby", "Church of Osk at
Varnley", "Conservatoire de Quellby") or as the name's first words ("Quellby University", "Quellby
Rovers", "Quellby Cemetery"). It is a place only when it is a well-known place (countries, US states,
large cities, see :func:`pipeline.gazetteer.well_known_places`) or one the article itself names as a
place elsewhere. After "of" the places that are also first names or nouns count too ("University of
Houston", "University of Bath"): there the word names a place, while "Kennedy Space Centre" is named after
a person; before a building's head the nouns count too ("Bath Abbey", "Osk University"). People's names
are never searched ("Paris Hilton"), nor names that are places themselves ("North Quellby").
"""

from __future__ import annotations

import re
from collections.abc import Container
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan
from pipeline.names import LEGAL_FORMS, head_word

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText
    from pipeline.wordlists import Patterns

#: Words after which a name names the place the organization is in or of.
_LINKS = frozenset({"of", "at", "in", "de", "du", "des", "di", "del"})
_ARTICLES = frozenset({"the", "la", "le", "les", "el"})
#: A word of a name, without the punctuation after it ("Quellby," of "University of Quellby, Varnley").
_WORD = re.compile(r"[^\s,;:()]+")
#: Sets of place names, a name in any of them is a place.
Places = tuple[Container[str], ...]
#: Place heads of what is named after the town it serves, unlike a street or a landform ("Quellby Avenue",
#: "Quellby Bay" are not in Quellby).
_SERVING_HEADS = frozenset({"airport", "airfield", "aerodrome"})
#: Heads of what is named after a person or its surroundings far more often than after its town
#: ("Lincoln Park", "Riverside Park", "Victoria Park").
_PARK_HEADS = frozenset({"park", "parks", "gardens"})
#: Heads of what honours a person: "Lincoln Memorial" and "the Orla Quist Statue" are in no town of the name.
_HONOURING_HEADS = frozenset({"memorial", "monument", "statue", "mausoleum"})
#: Longest place name, in words, looked for inside a name.
_MAX_WORDS = 3


def nested_places(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """``spans`` and a ``nested`` place mention for each place named inside an organization's, a
    building's or an event's name ("Quellby" in "University of Quellby", "Quellby Rovers", "Quellby
    Festival")."""
    body = article.body
    tagged = {
        body[s.start : s.end]
        for s in spans
        if s.type == "place" and s.label in {"GPE", "LOC"} and s.origin != "nested"
    }
    # the gazetteer's sets are read where they are, not copied for every article
    strict, linked = (article.places, tagged), (article.linked_places, tagged)
    buildings = (article.building_places, tagged)
    # a team's town may be a first name ("Houston Astros"), not a noun ("Bath", which names a team after
    # something else as often), in a story on sport: elsewhere "Madison Investments" is a founder's name
    towns = (article.places, _Without(article.linked_places, article.building_places), tagged)
    heads = article.patterns
    found: list[CharSpan] = []
    for span in spans:
        # an event by its label, or by its head whatever the label ("Quellby Yacht Race" the model
        # called an organization, so typed "other")
        container = (
            span.label == "EVENT"
            or (span.label in {"ORG", "FAC"} and span.type in {"group", "place"})
            or (
                span.type == "other"
                and span.label in {"ORG", "FAC", "GPE", "LOC"}
                and head_word(body[span.start : span.end]) in heads.event_heads
            )
        )
        if not container:
            continue
        text = body[span.start : span.end]
        if _known(text, linked):
            continue
        words = [(m.start() + span.start, m.end() + span.start, m.group()) for m in _WORD.finditer(text)]
        if not words:
            continue
        last = words[-1][2].lower().rstrip(".")
        # a street or a landform is not in the place it starts with ("Quellby Avenue")
        leading: Places = ()
        if last in _HONOURING_HEADS:
            leading = ()
        elif last in _PARK_HEADS:
            # "Riverside Park", "Lincoln Park": named after a person or a feature; a longer name starts
            # with its town ("Quellby Olympic Park")
            leading = strict if len(words) > 2 else ()
        elif last in heads.building_heads:
            leading = buildings  # "Osk University": a place that is a noun too ("Bath") counts here
        elif last in _SERVING_HEADS:
            leading = strict  # "Quellby Airport", "Quellby International Airport": the town it serves
        elif last in heads.event_heads:
            # "Quellby Yacht Race", "Quellby Summit": the event is held in the place; a city that is a
            # first name too only right before the head ("the Varnley Test", not "Varnley Quist Award")
            leading = linked if len(words) == 2 else strict
        elif (
            _a_team(words, span.label, heads)
            and _longest_place(words, 0, towns) == len(words) - 1
            and _SPORT.search(body) is not None  # looked for only when a team's name needs it
        ):
            # "Varnley Ravens", "Orla City Comets": a team is its town and a plural, a town that is a
            # first name too among them ("Houston Astros", "Charlotte Hornets")
            leading = towns
        elif span.label != "FAC" and last not in heads.place_heads and last not in LEGAL_FORMS:
            # "Quellby Rovers", "Quellby Festival"; not "Quellby Chronicle", a book, nor a company's legal
            # name, which starts with a founder's name or a brand as often ("Quellby Motor Corp.")
            leading = strict
        for start, end in _inner_places(words, leading, linked):
            found.append(CharSpan(start, end, "GPE", "place", "nested"))
    if not found:
        return spans
    return sorted([*spans, *found], key=lambda s: (s.start, s.end))


#: Words of a story on sport.
_SPORT = re.compile(
    r"\b(?:league|season|coach|play-?offs?|baseball|football|basketball|hockey|soccer|rugby|cricket|innings"
    r"|touchdown|quarterback|pitcher|striker|goalkeeper|stadium|championship|premiership|grand final)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class _Without:
    """The names of ``names`` that are not in ``but``, without copying either set."""

    names: Container[str]
    but: Container[str]

    def __contains__(self, name: object) -> bool:
        return name in self.names and name not in self.but


#: Plurals that end a company's or an event's name, not a team's ("Varnley Partners", "Quist Brothers",
#: the "Varnley Games").
_NOT_TEAMS = frozenset(
    {"partners", "associates", "brothers", "sons", "communications", "systems", "networks", "studios"}
    | {"games", "olympics", "paralympics", "championships", "awards", "records", "talks", "trials"}
)


def _a_team(words: list[tuple[int, int, str]], label: str, heads: Patterns) -> bool:
    """Is an organization's name of two or three words ending on a capitalized plural that is no head
    noun nor a firm's or an event's word a team's ("Varnley Ravens", "Orla City Comets"; not "Varnley
    Holdings", "Quist Brothers", "Osk Islands", the "Varnley Games")?

    >>> from pipeline.wordlists import load_patterns
    >>> words = lambda text: [(0, 0, word) for word in text.split()]
    >>> teams = ("Orla Ravens", "Orla Partners", "Orla Forces", "Orla Games")
    >>> [_a_team(words(t), "ORG", load_patterns()) for t in teams]
    [True, False, False, False]
    """
    last = words[-1][2]
    lower = last.lower()
    return (
        label == "ORG"
        and 2 <= len(words) <= 3
        and last[:1].isupper()
        and lower.endswith("s")
        and not lower.endswith("ss")
        and lower not in _NOT_TEAMS
        and lower not in LEGAL_FORMS
        and not any(lower in words for words in (heads.group_heads, heads.place_heads, heads.building_heads))
        and lower not in heads.event_heads
    )


def _inner_places(
    words: list[tuple[int, int, str]], leading: Places, linked: Places
) -> list[tuple[int, int]]:
    """(start, end) of each place among ``words`` (start, end, text) of one name: its first words when
    they are one of ``leading`` and more words follow, and the capitalized words after each linking word
    that are one of ``linked`` when the name ends or goes on in lower case after them ("Church of Osk at
    Varnley", not "Church of Osk Varnley": there Osk starts another name)."""
    places: list[tuple[int, int]] = []
    first = _longest_place(words, 0, leading)
    if first is not None and first < len(words):
        places.append((words[0][0], words[first - 1][1]))
    for index, (_, _, word) in enumerate(words[:-1]):
        if word.lower() not in _LINKS or not word.islower():
            continue
        begin = index + 1
        while begin < len(words) - 1 and words[begin][2] in _ARTICLES:
            begin += 1
        end = _longest_place(words, begin, linked)
        if end is not None and (end == len(words) or words[end][2].islower()):
            places.append((words[begin][0], words[end - 1][1]))
    return places


def _longest_place(words: list[tuple[int, int, str]], begin: int, known: Places) -> int | None:
    """End index (exclusive) of the longest run of capitalized ``words`` from ``begin`` that is a known
    place, or None."""
    best = None
    for end in range(begin + 1, min(begin + _MAX_WORDS, len(words)) + 1):
        if not words[end - 1][2][:1].isupper():
            break
        if _known(" ".join(w for _, _, w in words[begin:end]), known):
            best = end
    return best


def _known(name: str, places: Places) -> bool:
    return any(name in names for names in places)
