"""Roads named by their numbers are places: "I-95", "US 75", "Route 66", "Hwy 51", "the M62".

The small model leaves such names untagged or calls them products and organizations, so a story about a
crash on a motorway links no road. :func:`roads` makes each a place (origin ``road``).

Some shapes name a road wherever they stand: an Interstate ("I-44", "Interstate 5"), a US route written
with its hyphen ("US-75") and a number after "Route", "Highway" or "Hwy". Others name other things as
often: a British road's letter and number is also a paper size, a rifle, a vitamin, an aircraft ("A4",
"M16", "B12", "A380") and opens a British postcode ("M1 2AB"); "US 50" with a space may be a count. Those count only where a sentence of the
article speaks of roads ("northbound", "junction", "motorway", "exit", another road) and then, in that
article, wherever they occur ("the A59 and the M62 provide connections" after "the M1 northbound").
An Interstate's shape is an immigration form after a possessive or before "form" ("her I-20 form").
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from pipeline.extract.entities import CharSpan

if TYPE_CHECKING:
    from pipeline.extract.spans import ArticleText

__all__ = ["roads"]

#: A capitalized compass point after the number is the road's carriageway ("I-44 West"), unless a name
#: follows it ("I-95 North Carolina").
_DIRECTION = r"(?:[ ](?:North|South|East|West)(?![ ]?[A-Z\d]|\w))?"
_SURE = re.compile(
    r"(?<![\w-])(?:I-\d{1,3}|Interstate[ ]\d{1,3}|US-\d{1,3}|U\.S\.[ ]Route[ ]\d{1,3}|US[ ]Route[ ]\d{1,3}"
    r"|(?:State[ ])?(?:Route|Highway)[ ]\d{1,3}|County[ ]Road[ ]\d{1,3}|Hwy\.?[ ]\d{1,3})(?![\w-])"
    + _DIRECTION
)
_UNSURE = re.compile(
    r"(?<![\w-])(?:[MAB]\d{1,4}(?:\(M\)|M)?|(?:US|U\.S\.|SR|SH)[ ]\d{1,3})(?![\w–-]|\.\d|%|[ ]\d[A-Z]{2}\b)"
    + _DIRECTION
)
#: Words of a sentence that speaks of roads.
_ROAD_WORDS = re.compile(
    r"\b(?:north|south|east|west)bound\b|\b(?:junctions?|motorways?|highways?|freeways?|expressways?"
    r"|interstates?|turnpikes?|carriageways?|interchanges?|bypass|ring road|exits?|lanes?|traffic"
    r"|roads?|route|driving|drove|miles)\b",
    re.IGNORECASE,
)
#: What an Interstate's shape is instead after these words or before those: an immigration form.
_FORM_BEFORE = re.compile(r"\b(?:my|your|his|her|its|our|their|an?)\s+$", re.IGNORECASE)
_FORM_AFTER = re.compile(r"\s*(?:forms?|visas?|records?|status|students?|cards?)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?]\s|\n")


def roads(spans: list[CharSpan], article: ArticleText) -> list[CharSpan]:
    """The spans with every road the body names by its number a place (origin ``road``), in place of
    the spans it overlaps; a longer span holding the road ("Historic Route 66 Museum") stays instead.

    >>> from pipeline.extract.spans import ArticleText
    >>> from pipeline.wordlists import load_patterns
    >>> body = "Take the M4 westbound, then the A470. Her I-20 form came. I-80 West was shut."
    >>> found = roads([], ArticleText(body, (), load_patterns()))
    >>> [body[s.start : s.end] for s in found]
    ['M4', 'A470', 'I-80 West']
    """
    body = article.body
    found = [match.span() for match in _SURE.finditer(body) if not _a_form(body, *match.span())]
    unsure = [match.span() for match in _UNSURE.finditer(body)]
    if unsure and (found or any(_in_a_road_sentence(body, *span) for span in unsure)):
        found += unsure
    if not found:
        return spans
    ordered = sorted(spans, key=lambda s: (s.start, s.end))
    starts = [s.start for s in ordered]
    dropped: set[int] = set()
    added: list[CharSpan] = []
    for start, end in sorted(found):
        if added and start < added[-1].end:
            continue  # "US Route 66" is one road, not also a "Route 66" in it
        first = bisect.bisect_left(starts, start)
        last = bisect.bisect_left(starts, end)
        overlapping = [i for i in range(max(0, first - 1), last) if ordered[i].end > start]
        if any(_holds(ordered[i], start, end) for i in overlapping):
            continue
        dropped.update(overlapping)
        added.append(CharSpan(start, end, "FAC", "place", "road"))
    kept = [span for i, span in enumerate(ordered) if i not in dropped]
    return sorted(kept + added, key=lambda s: (s.start, s.end))


def _holds(span: CharSpan, start: int, end: int) -> bool:
    """Is ``span`` a longer name around the road ("Route 66 Museum"), not a number or fragment in it?"""
    return (
        span.type in ("person", "group", "place")
        and span.start <= start
        and end <= span.end
        and (span.end - span.start > end - start)
    )


def _a_form(body: str, start: int, end: int) -> bool:
    """Is the Interstate's shape at ``start`` an immigration form ("her I-20", "an I-9 form")?"""
    if body[start : start + 2] != "I-":
        return False
    return bool(_FORM_BEFORE.search(body[max(0, start - 8) : start]) or _FORM_AFTER.match(body, end))


def _in_a_road_sentence(body: str, start: int, end: int) -> bool:
    """Does the sentence around ``start``-``end`` (200 characters each way at most) speak of roads?"""
    begin = max(0, start - 200)
    cuts = list(_SENTENCE_END.finditer(body, begin, start))
    begin = cuts[-1].end() if cuts else begin
    after = _SENTENCE_END.search(body, end, min(len(body), end + 200))
    sentence = body[begin : after.start() if after else min(len(body), end + 200)]
    return _ROAD_WORDS.search(sentence) is not None
