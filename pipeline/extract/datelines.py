"""A wire story's dateline names places: the city it was filed from, its region, and the agency.

The small model rarely tags a city written in capitals before a date (it reads it as an organization or
nothing at all). :func:`datelines` takes the first line :func:`pipeline.datelines.dateline_candidates`
finds that is a dateline, and makes its city and region places and its agency a group, whatever the model
said.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from pipeline.datelines import Dateline, dateline_candidates
from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["datelines"]


def datelines(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with the places of the body's dateline, if it has one (origin ``dateline``). A city in
    capitals with nothing but a dash after it counts only when a state's or province's abbreviation
    follows it ("QUELLMOOR, P.E.I. -"), the gazetteer knows it, or the model tagged it a place or group
    and it is no common word, or it is one word of no language and no given name ("QUELLMOOR - A man
    was charged"; not "UPDATE - ...", "ORLA QUIST - Staff writer").

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "CHARLOTTE, P.E.I. - Ice won."
    >>> found = datelines([], ArticleText(body, (), load_patterns(), common_words=(frozenset({"charlotte"}),)))
    >>> [body[s.start : s.end] for s in found]
    ['CHARLOTTE']
    """
    candidates = list(dateline_candidates(article.body))
    if not candidates:  # most bodies: nothing more to look at
        return spans
    types = {(s.start, s.end): s.type for s in spans}
    dateline = next((d for d in candidates if _accepted(d, article, types)), None)
    if dateline is None:
        return spans
    wanted = [(dateline.city, "GPE")]
    wanted += [(dateline.region, "GPE")] if dateline.region else []
    wanted += [(dateline.agency, "ORG")] if dateline.agency else []
    kept = []
    for span in spans:
        overlapping = [w for w in wanted if span.start < w[0][1] and w[0][0] < span.end]
        exact = [w for w in overlapping if w[0] == (span.start, span.end)]
        if exact and _TYPES[exact[0][1]] == span.type:
            wanted.remove(exact[0])  # the model's own place or agency stands, read as the dateline's:
            span.origin = "dateline"  # its vote outweighs the model's other labels ("MONTGOMERY, Ala. --")
        elif overlapping:
            continue
        kept.append(span)
    added = [CharSpan(start, end, label, _TYPES[label], "dateline") for (start, end), label in wanted]
    return sorted(kept + added, key=lambda s: (s.start, s.end))


_TYPES = {"GPE": "place", "ORG": "group"}


def _accepted(dateline: Dateline, article: ArticleText, types: dict[tuple[int, int], str]) -> bool:
    city = article.body[dateline.city[0] : dateline.city[1]]
    if dateline.colon:  # "CHENNAI: The court ...", not "QUIST: We will ..." nor "UPDATE: ..."
        # The model's nouns hold "chennai" and "rawalpindi" as they hold "reading": a place the gazetteer
        # knows is the dateline even when its name is a word too (a "READING:" heading is rarer).
        return city.isupper() and not dateline.agency and city.title() in article.linked_places
    if not dateline.needs_more(city):
        return True
    if _ABBREVIATED_REGION.match(article.body, dateline.city[1]) and city.lower() not in _DESK_LABELS:
        return True  # "CHARLOTTETOWN, P.E.I. -", "QUELLBY, Ala. -": a state's or province's abbreviation
    common = any(city.lower() in words for words in article.common_words)
    tagged = types.get(dateline.city) in ("place", "group")
    if tagged and not common:
        return True
    if city.title() in article.linked_places:
        return True  # a place the gazetteer knows ("MONTGOMERY", a noun too)
    # a town too small for the gazetteer ("QUELLMOOR - A man was charged"): one word of no language,
    # no given name and no desk's label ("UPDATE", "UPDATED", "FACTBOX", "ORLA QUIST" are not)
    word = city.lower()
    inflected = any(
        word.endswith(end) and word[: -len(end)] in words
        for end in ("ed", "d", "ing", "s")
        for words in article.common_words
    )
    return (
        " " not in city
        and not common
        and not inflected
        and word not in _DESK_LABELS
        and city.title() not in article.given_names
    )


#: A state's or province's abbreviation after a dateline's city: ", Ala.", ", P.E.I.", ", N.S.W.".
_ABBREVIATED_REGION = re.compile(r",\s*(?:[A-Z][a-z]{1,4}\.|(?:[A-Z]\.){2,4})(?=\s|,)")


#: Labels a news desk puts before a story in capitals and a dash, which are no towns.
_DESK_LABELS = frozenset(
    {
        "update",
        "updated",
        "updates",
        "factbox",
        "icymi",
        "liveblog",
        "live",
        "oped",
        "wrapup",
        "wrap",
        "refile",
    }
    | {"corrected", "correction", "exclusive", "breaking", "analysis", "opinion", "editorial", "explainer"}
    | {
        "preview",
        "review",
        "advisory",
        "insight",
        "feature",
        "podcast",
        "video",
        "photos",
        "gallery",
        "watch",
    }
    | {"rpt", "urgent", "flash", "bulletin", "newsalert", "alert", "recap", "timeline", "interview"}
)
